""" "Which beaches are closed" (index/answering.py ``_named_first``): the article's first
sentence holds the question's words and names no beach; the sentence naming them is the
answer and is shown first. A question asking no "which" keeps its first sentence."""

from __future__ import annotations

from pathlib import Path

import pytest
from semantic_library import library_of

from index.answer_types import names_something_new
from index.models import Document

BEACHES = Document(
    text=(
        "DUNMORE — Every public beach on Lake Winnett was closed to swimmers on Sunday after "
        "tests found toxic algae, and the beaches will stay closed for weeks, the county "
        "health department said.\n\n"
        "The beaches closed are Sandpiper Beach, North Point Beach and Hemlock Cove.\n\n"
        "Dogs are at greater risk because they swallow water while swimming."
    ),
    source="beaches.txt",
    title="Algae closes Lake Winnett beaches",
    date="2026-08-03",
)


@pytest.mark.parametrize("vectors", [None, True])
async def test_which_is_answered_by_the_names(tmp_path: Path, vectors: bool | None) -> None:
    lib = await library_of(tmp_path, [BEACHES], vectors)
    try:
        answer = await lib.ask("which beaches on lake winnett are closed")
        assert answer.quotes and answer.quotes[0].text.startswith("The beaches closed are")
        # near miss: no "which", the first sentence stays first
        answer = await lib.ask("are the beaches on lake winnett closed")
        assert answer.quotes and answer.quotes[0].text.startswith("DUNMORE")
    finally:
        await lib.close()


def test_what_names_something_new() -> None:
    asked = frozenset("which beaches are closed".split())
    assert names_something_new("The closures affect Sandpiper Beach and Hemlock Cove.", asked)
    # the first word, a dateline, a month or a weekday names nothing
    assert not names_something_new("The beaches will stay closed for weeks.", asked)
    assert not names_something_new("DUNMORE — The beaches closed on Sunday in August.", asked)
    # a name the question holds is no new name
    assert not names_something_new("The Beaches closed.", frozenset({"beaches"}))
