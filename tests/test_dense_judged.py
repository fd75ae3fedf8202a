"""The learned reranker judges the sentences closest in meaning (index/answering.py
``_judged_first``): the answer to a paraphrase, sharing no word with the question, is
scored beside the lexical candidates and put first when the reranker finds it nearly as
good as the first; a sentence the words already answer with stays first, what is declined
stays declined, and without vectors nothing changes.

The vectors come from the shipped encoder (read once a session, tests/conftest.py), on a
two-article library of a few sentences.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from semantic_library import library_of

from index import answering
from index.library import Library
from index.models import Answer, Document

FERRY = Document(
    text=(
        "KELLS — The Tova ferry ran aground off Kells Point on Saturday evening in thick "
        "fog.\n\n"
        "It was carrying 214 people and 30 cars on the crossing from Ardmore.\n\n"
        "Passengers were taken ashore by lifeboat over the next four hours.\n\n"
        "Three of them suffered minor injuries and were treated at the harbour.\n\n"
        "The ferry operator said the captain had followed the charted route.\n\n"
        "Salvage crews hope to refloat the vessel at high tide on Monday."
    ),
    source="ferry.txt",
    title="Tova ferry aground",
)
COUNCIL = Document(
    text=(
        "The Esk council approved its budget on Tuesday after a long debate.\n\n"
        "Property taxes will rise by 3 percent, and the library will open on Sundays."
    ),
    source="council.txt",
    title="Esk budget",
)
LEDE = "The Tova ferry ran aground"
# Each answer shares no informative word with its question.
PARAPHRASES = [("how many were aboard the tova ferry", "It was carrying 214 people")]
# Whether anyone was hurt is said in words of its own ("injuries"): that sentence comes
# first with or without the reranker's judgement (tests/test_asks_harm.py).
HARM = ("were any tova ferry passengers hurt", "Three of them suffered minor injuries")
# The words find the answer: it stays first.
LEXICAL = [
    ("what did the tova ferry operator say about the captain", "The ferry operator said"),
    ("how were tova ferry passengers rescued", "taken ashore by lifeboat"),
]


async def _library(tmp_path: Path, vectors: bool) -> Library:
    return await library_of(tmp_path, [FERRY, COUNCIL], True if vectors else None)


async def test_the_reranker_puts_a_paraphrases_answer_first(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    lib = await _library(tmp_path, vectors=True)
    for question, answer in [*PARAPHRASES, HARM]:
        got = await lib.ask(question, k=5)
        assert got.quotes and answer in got.quotes[0].text, question
        scores = [q.score for q in got.quotes]
        assert scores == sorted(scores, reverse=True)
    monkeypatch.setattr(answering, "DENSE_JUDGED", 0)
    for question, answer in PARAPHRASES:
        got = await lib.ask(question, k=5)
        assert got.quotes and answer not in got.quotes[0].text, question
        assert LEDE in got.quotes[0].text
    question, answer = HARM
    got = await lib.ask(question, k=5)
    assert got.quotes and answer in got.quotes[0].text
    await lib.close()


async def test_a_lexical_answer_and_a_decline_are_unchanged(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    lib = await _library(tmp_path, vectors=True)
    declined = ["was the tova ferry insured", "was the tova ferry captain arrested"]
    questions = [q for q, _ in LEXICAL] + declined
    judged = [await lib.ask(q, k=5) for q in questions]
    monkeypatch.setattr(answering, "DENSE_JUDGED", 0)
    plain = [await lib.ask(q, k=5) for q in questions]
    for (question, answer), got in zip(LEXICAL, judged, strict=False):
        assert got.quotes and answer in got.quotes[0].text, question
    assert all(not got.quotes and got.note for got in judged[len(LEXICAL) :])
    for a, b in zip(judged, plain, strict=True):
        assert [q.text for q in a.quotes] == [q.text for q in b.quotes]
        assert a.note == b.note
    await lib.close()


async def test_without_vectors_the_lexical_answer_stays(tmp_path: Path) -> None:
    lib = await _library(tmp_path, vectors=False)
    for question, answer in PARAPHRASES:
        got = await lib.ask(question, k=5)
        assert not got.quotes or answer not in got.quotes[0].text, question
    question, answer = HARM
    got = await lib.ask(question, k=5)
    assert got.quotes and answer in got.quotes[0].text
    await lib.close()


async def test_a_decline_after_a_judged_sentence_gives_the_answer_without_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The judged sentence is put first once the words have decided to answer; when a
    check on the first quote then declines it, the answer is the one chosen without
    judging, not a decline. A decline with no judged sentence put first stays."""
    lexical = Answer(question="q", quotes=[])
    declined = Answer(question="q", quotes=[], searched_for=[], note="declined")
    calls: list[bool] = []

    def orders(judged_first: bool) -> Any:
        async def choose_orders(cands: Any, ctx: Any, k: int, placed: list[int] | None) -> Answer:
            calls.append(placed is not None)
            if placed is None:
                return lexical
            if judged_first:
                placed.append(7)
            return declined

        return choose_orders

    monkeypatch.setattr(answering, "_choose_orders", orders(True))
    assert await answering._choose(None, None, 5) is lexical  # type: ignore[arg-type]
    assert calls == [True, False]
    calls.clear()
    monkeypatch.setattr(answering, "_choose_orders", orders(False))
    assert await answering._choose(None, None, 5) is declined  # type: ignore[arg-type]
    assert calls == [True]
