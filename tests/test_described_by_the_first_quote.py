""" "What did X say" where X is a description no speaker's own words fit (index/answering.py
``_speaker_shown``): when the words' first quote is one person's own sentence holding a
word of the description, that person is the one meant, and what else they said is shown
with it, as for a speaker found by name. On a one-article library with the shipped
encoder's vectors (read once a session, tests/conftest.py): by the words alone the police
captain's "stuck car" comes first, by meaning the nurse's sentence does."""

from __future__ import annotations

from pathlib import Path

import pytest
from semantic_library import library_of

from index import answering
from index.models import Answer, Document

SNOW = Document(
    text=(
        "HARROW — A snowstorm stranded hundreds of drivers on Route 61 overnight.\n\n"
        "Kira Lindqvist, a nurse from Bramley who was driving home from a late shift, said "
        'she sat in her car for nine hours. "I had a quarter tank of gas and a granola '
        'bar," she said.\n\n'
        '"I kept running the engine for ten minutes and then shutting it off," she said.\n\n'
        "State police Capt. Omar Reyes said troopers reached every stuck car by dawn.\n\n"
        "The highway reopened at 10 a.m. on Monday."
    ),
    source="snow.txt",
    title="Snowstorm strands drivers on Route 61",
)


def _shown(answer: Answer) -> str:
    return " ".join(q.text for q in answer.quotes)


async def test_the_person_the_first_quote_introduces_is_quoted_in_full(tmp_path: Path) -> None:
    lib = await library_of(tmp_path, [SNOW], True)
    try:
        answer = await lib.ask("what did the nurse who got stuck say")
        assert answer.quotes[0].text.startswith("Kira Lindqvist, a nurse")
        assert "quarter tank of gas" in _shown(answer)
        assert "running the engine" in _shown(answer)
        # someone else's words, not hers, never join hers
        assert "Omar Reyes" not in _shown(answer)
    finally:
        await lib.close()


async def test_without_it_only_her_introduction_is_shown(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    async def unchanged(answer: Answer, *_: object) -> Answer:
        return answer

    monkeypatch.setattr(answering, "_speaker_shown", unchanged)
    lib = await library_of(tmp_path, [SNOW], True)
    try:
        answer = await lib.ask("what did the nurse who got stuck say")
        assert answer.quotes[0].text.startswith("Kira Lindqvist, a nurse")
        assert "running the engine" not in _shown(answer)
    finally:
        await lib.close()


async def test_a_first_quote_without_a_word_of_the_description_is_left_alone(
    tmp_path: Path,
) -> None:
    lib = await library_of(tmp_path, [SNOW], True)
    try:
        # the words find the police captain's sentence ("stuck car"); no word of "the
        # plow driver" is in it, so his is no description of the person asked for
        answer = await lib.ask("what did the plow driver who got stuck say")
        assert not answer.quotes or "quarter tank" not in _shown(answer)
    finally:
        await lib.close()


LIFT = Document(
    text=(
        "DORRIN — Two maintenance workers got out of a broken hospital elevator on Friday "
        "after firefighters pried its doors open.\n\n"
        "The elevator had passed its last inspection in March, the hospital said."
    ),
    source="lift.txt",
    title="Workers freed from hospital elevator",
)


async def test_a_relative_clause_is_no_qualifier_of_the_post(tmp_path: Path) -> None:
    # No article holds both "got" and "stuck": read as qualifiers of the post ("the paper
    # mill manager"), they would decline the question as asking for a nurse no one quotes
    # (``role_unheld``); they tell what the nurse went through.
    lib = await library_of(tmp_path, [SNOW, LIFT], True)
    try:
        answer = await lib.ask("what did the nurse who got stuck say")
        assert answer.quotes, answer.declined_by
        assert answer.quotes[0].text.startswith("Kira Lindqvist, a nurse")
        assert "running the engine" in _shown(answer)
    finally:
        await lib.close()
