"""Later quotes by meaning (index/answering.py ``_dense_later``): the slots a reply leaves
free are filled by the first quote's article's sentences closest to the question in
meaning, after every lexical quote; what is declined stays declined, a full reply and
"what did X say" are unchanged, and without vectors nothing changes.

The vectors come from the shipped encoder (read once a session, tests/conftest.py), on a
two-article library of a few sentences.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from semantic_library import library_of

from index import answering
from index.library import Library
from index.models import Document

FIRE = Document(
    text=(
        "MARLOW — A fire broke out at the Marlow paint factory on Monday night.\n\n"
        "Firefighters from three towns fought the blaze for six hours before it was under "
        "control.\n\n"
        "Two workers were treated for burns at St. Anne's Hospital and released on Tuesday.\n\n"
        "The factory employs 300 people and makes coatings for ships.\n\n"
        "The cause of the fire is under investigation, the Marlow fire chief said."
    ),
    source="fire.txt",
    title="Marlow factory fire",
)
COUNCIL = Document(
    text=(
        "The Esk council approved its budget on Tuesday after a long debate.\n\n"
        "Property taxes will rise by 3 percent, and the library will open on Sundays."
    ),
    source="council.txt",
    title="Esk budget",
)
# "blaze" and "six hours" say how long it burned, in no word of the question's.
QUESTION = "how long did the marlow fire burn"
ANSWER = "fought the blaze for six hours"


async def _library(tmp_path: Path, vectors: bool) -> Library:
    return await library_of(tmp_path, [FIRE, COUNCIL], True if vectors else None)


async def test_a_free_slot_shows_the_closest_sentence_in_meaning(tmp_path: Path) -> None:
    lib = await _library(tmp_path, vectors=True)
    answer = await lib.ask(QUESTION, k=5)
    texts = [q.text for q in answer.quotes]
    assert len(texts) == 5
    assert not any(ANSWER in t for t in texts[:1])
    assert any(ANSWER in t for t in texts[1:])
    # Only the article the first quote comes from: nothing of the council's.
    assert not any("Esk" in t for t in texts)
    scores = [q.score for q in answer.quotes]
    assert scores == sorted(scores, reverse=True)
    await lib.close()


async def test_the_lexical_quotes_come_first_unchanged(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    lib = await _library(tmp_path, vectors=True)
    filled = await lib.ask(QUESTION, k=5)
    monkeypatch.setattr(answering, "LATER_QUOTES", 0)
    lexical = await lib.ask(QUESTION, k=5)
    assert len(lexical.quotes) < 5
    assert not any(ANSWER in q.text for q in lexical.quotes)
    assert [q.text for q in filled.quotes[: len(lexical.quotes)]] == [
        q.text for q in lexical.quotes
    ]
    await lib.close()


async def test_a_full_reply_and_a_declined_question_are_unchanged(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    lib = await _library(tmp_path, vectors=True)
    questions = [(QUESTION, 2), ("how much did the marlow fire cost", 5)]
    filled = [await lib.ask(q, k=k) for q, k in questions]
    monkeypatch.setattr(answering, "LATER_QUOTES", 0)
    lexical = [await lib.ask(q, k=k) for q, k in questions]
    for a, b in zip(filled, lexical, strict=True):
        assert [q.text for q in a.quotes] == [q.text for q in b.quotes]
        assert a.note == b.note
    assert len(filled[0].quotes) == 2
    assert not filled[1].quotes  # declined on its words, whatever is close in meaning
    await lib.close()


async def test_without_vectors_nothing_is_added(tmp_path: Path) -> None:
    lib = await _library(tmp_path, vectors=False)
    answer = await lib.ask(QUESTION, k=5)
    assert answer.quotes and len(answer.quotes) < 5
    assert not any(ANSWER in q.text for q in answer.quotes)
    await lib.close()
