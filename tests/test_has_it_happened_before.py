""" "Has this happened before" (index/answering.py ``_history_first``): the article's first
sentence reports what happened now and holds most of the question's words, so it came
first; the sentence telling of an earlier time ("its second recall", "in 2019") is the
answer and is now shown first. Other questions keep the first sentence first."""

from __future__ import annotations

from pathlib import Path

import pytest
from semantic_library import library_of

from index.answering import tells_of_earlier
from index.models import Document

RECALL = Document(
    text=(
        "SOUTH ABERLY — Hollin Creek Brewing Co. is recalling about 62,000 cans of its "
        "Sunpatch hazy IPA after customers reported swollen and leaking cans, the brewery "
        "said Tuesday.\n\n"
        "The brewery said a seam on one canning line had failed.\n\n"
        "It is the brewery's second recall in three years.\n\n"
        "Customers can return the cans for a refund at any store."
    ),
    source="recall.txt",
    title="Hollin Creek recalls 62,000 cans",
    date="2026-05-12",
)


@pytest.mark.parametrize("vectors", [None, True])
async def test_the_earlier_time_comes_before_the_lede(tmp_path: Path, vectors: bool | None) -> None:
    lib = await library_of(tmp_path, [RECALL], vectors)
    try:
        answer = await lib.ask("has hollin creek had a recall before")
        assert answer.quotes and answer.quotes[0].text.startswith("It is the brewery's second")
        # near miss: no question of the past, the first sentence stays first
        answer = await lib.ask("why is hollin creek recalling sunpatch cans")
        assert answer.quotes and answer.quotes[0].text.startswith("SOUTH ABERLY")
    finally:
        await lib.close()


def test_what_tells_of_an_earlier_time() -> None:
    assert tells_of_earlier("It is the brewery's second recall in three years.", "2026")
    assert tells_of_earlier("Truckers last walked off in 2019 for three days.", "2026")
    # this year's date, and "first" alone, tell of no earlier time
    assert not tells_of_earlier("The notice was issued on May 3, 2026.", "2026")
    assert not tells_of_earlier("Makers would feel the effects first.", "2026")
