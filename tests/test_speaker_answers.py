"""What a member sees for "what did X say" when X speaks at length or is described in
the member's own words, on a small article written for these tests."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import cast

import numpy as np
from numpy.typing import NDArray

from index.analyze import analyze
from index.answer_context import AnswerContext, Rerank
from index.library import Library
from index.models import Quote
from index.question import parse_question
from index.retriever import Retriever
from index.speaker_answers import described
from index.speakers import SpeakerDirectory

ARTICLE = """\
Dockworkers at the Port of Easton walked off the job on Monday.

"We have been patient," the union's general secretary, Ria Kane, said at the gate.

"Our members kept this port open.

"They deserve a fair rise," Kane said.

Kane said the union would return to talks at any hour.

The operator's chief executive, Tom Hale, said the union's demands would ruin the port.

The strike is the first since 1989.

Hale said the offer stood.
"""


async def _library(library: Library, tmp_path: Path) -> Library:
    path = tmp_path / "easton-strike.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    await library.add_path(path)
    return library


async def test_a_speakers_paragraphs_in_a_row_are_one_quote(
    library: Library, tmp_path: Path
) -> None:
    """Kane speaks in four paragraphs in a row: one quote holds them, so a member sees all
    she said, not her first three paragraphs."""
    answer = await (await _library(library, tmp_path)).ask("what did kane say")
    first = answer.quotes[0]
    for wanted in ["We have been patient", "kept this port open", "fair rise", "return to talks"]:
        assert wanted in first.text
    assert first.citation.paragraph == 2
    assert ARTICLE.find("return to talks") < first.citation.end


async def test_a_role_in_the_members_words_finds_the_speaker(
    library: Library, tmp_path: Path
) -> None:
    """ "union boss": no one is a boss, but "union" is in Kane's role and in what Hale
    said: the one whose role holds it is meant."""
    answer = await (await _library(library, tmp_path)).ask("what did the union boss say")
    first = answer.quotes[0]
    assert first.speaker == "Ria Kane"
    assert "We have been patient" in first.text and "return to talks" in first.text


async def test_a_speakers_quotes_share_the_first_score(library: Library, tmp_path: Path) -> None:
    """X's own passages come in article order, so they cannot be listed by score: they
    share the first one, and nothing after them scores higher. (Hale speaks in two
    paragraphs apart; on the sample every speaker's sentences are now one passage.)"""
    answer = await (await _library(library, tmp_path)).ask("What did Hale say?", k=5)
    scores = [q.score for q in answer.quotes]
    assert [q.speaker for q in answer.quotes[:2]] == ["Tom Hale", "Tom Hale"]
    assert scores[0] == scores[1] > 0
    assert scores == sorted(scores, reverse=True)


class _Sentences:
    """The part of a Retriever a description reads: which sentences hold a term."""

    def __init__(self, texts: list[str]) -> None:
        self.texts = texts

    def __contains__(self, term: object) -> bool:
        return any(term in analyze(t) for t in self.texts)

    def sentence_scores(
        self, terms: Sequence[str]
    ) -> tuple[NDArray[np.int64], NDArray[np.float64]]:
        """A share of each holding sentence's terms, as BM25 favours the shorter."""
        held = [(i, analyze(t)) for i, t in enumerate(self.texts)]
        hits = [(i, len(set(terms) & set(a)) / len(a)) for i, a in held if set(terms) & set(a)]
        return np.array([i for i, _ in hits], dtype=np.int64), np.array([h for _, h in hits])


def _context(rerank: Rerank | None) -> tuple[AnswerContext, SpeakerDirectory]:
    texts = [
        '"Vaccines are safe, and every school in the county will hold clinics next week,"'
        " said Superintendent Ann Cole.",
        "Mark Dell, whose sons attend Pinewood, said he would not vaccinate them.",
    ]
    directory = SpeakerDirectory()
    directory.add_article("outbreak", [(0, "Ann Cole"), (1, "Mark Dell")], [])
    index = cast(Retriever, _Sentences(texts))
    return AnswerContext(index=index, fetch=_no_fetch, speakers=directory, rerank=rerank), directory


async def _no_fetch(ids: Sequence[int]) -> list[Quote]:
    return []


def test_of_speakers_a_description_names_alike_the_nearest_in_meaning_is_meant() -> None:
    """Both speak of vaccines; the ranker (here one that prefers sentence 1, then one that
    prefers sentence 0) tells which one "the dad who didn't vaccinate" is. Without it,
    both are named: words alone cannot tell them apart."""
    parsed = parse_question("what did the dad who didnt vaccinate say")

    def prefer(wanted: int) -> Rerank:
        def rerank(text: str, ids: Sequence[int], scores: Mapping[int, float]) -> dict[int, float]:
            return {sid: scores[sid] + (1.0 if sid == wanted else 0.0) for sid in ids}

        return rerank

    ctx, _ = _context(prefer(1))
    assert described(parsed, ctx) == [("outbreak", "Mark Dell")]
    ctx, _ = _context(prefer(0))
    assert described(parsed, ctx) == [("outbreak", "Ann Cole")]
    ctx, _ = _context(None)
    assert described(parsed, ctx) == [("outbreak", "Ann Cole"), ("outbreak", "Mark Dell")]


async def test_a_capitalised_unknown_word_is_a_name_not_a_description(
    library: Library, tmp_path: Path
) -> None:
    """ "the union PO" names someone by an abbreviation the library lacks: no one of
    the union is meant in the member's own words, so Kane is not quoted for it."""
    lib = await _library(library, tmp_path)
    assert (await lib.ask("what did the union boss say")).quotes[0].speaker == "Ria Kane"
    answer = await lib.ask("What did the union PO say?")
    assert all(q.speaker != "Ria Kane" for q in answer.quotes)
