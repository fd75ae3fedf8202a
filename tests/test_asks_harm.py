"""'Was anyone hurt' asks whether people came to harm, 'has anyone been arrested' whether
anyone was arrested or charged, 'is anyone suing' whether anyone went to court (round 33).

News answers it in its own words ("No one was injured", "Eleven people were taken to
Dorrit General Hospital"), which share few of the question's; the sentence sharing most
of them ("The leak began when a valve failed") says something else. The answer must say
whether anyone was harmed: the closest such sentence of the article asked about is shown,
and with none the question is declined.

Where meaning decides, the stub encoder of tests/test_hybrid.py gives the cosines the
test wants: a text takes the axis of the first key it holds.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from stub_library import library_of

from index.answer_types import states_outcome
from index.models import Document
from index.question import ASKS_ARREST, ASKS_HARM, ASKS_LAWSUIT, parse_question

LEAK = Document(
    text=(
        "DORRIT — A chlorine leak at the Halvorsen plant forced about 300 families from "
        "their homes on Tuesday.\n\n"
        "The leak began when a valve failed during a routine transfer, said Conrad Steyn, "
        "the plant manager.\n\n"
        "Eleven people were taken to Dorrit General Hospital with breathing problems.\n\n"
        "Crews stopped the leak about 40 minutes later, Steyn said."
    ),
    source="leak.txt",
    title="Chlorine leak at Halvorsen plant",
)
FAIR = Document(
    text=(
        "The Dorrit County Fair opened on Friday with a record crowd of 12,000.\n\n"
        "A storm knocked down the beer tent on Saturday, and the fair closed early."
    ),
    source="fair.txt",
    title="Fair opens",
)
# The question and the valve sentence point one way, the hospital sentence another: the
# sentence closest in meaning is no answer.
AXES = {"anyone hurt": 0, "anybody hurt": 0, "the transfer": 0, "valve": 0, "storm": 0, "Eleven": 1}


@pytest.mark.parametrize(
    "question",
    [
        "was anybody hurt in the gas thing",
        "anyone hurt in the leak?",
        "is anyone still in the hospital",
        "did any firefighters get hurt",
        "were any tova ferry passengers hurt",  # "any" of a noun of three words
        "is biscuit ok, any injuries",
        "did anyone die in the explosion",
    ],
)
def test_questions_about_harm(question: str) -> None:
    assert parse_question(question).asks == ASKS_HARM


@pytest.mark.parametrize(
    "question",
    [
        "were the sick kids vaccinated",  # the harm names whom it asks about
        "did the hospital lay anyone off",  # a hospital's business
        "does a four day week hurt test scores",  # no one harmed
        "how many people died in the fire",  # a count, read as one
        "what did the chief say about anyone getting hurt",  # a speaker's words
        "is there any money for shops hurt by the roadwork",  # of money, not people
    ],
)
def test_questions_about_something_else(question: str) -> None:
    assert parse_question(question).asks != ASKS_HARM


def test_sentences_that_say_whether_anyone_was_harmed() -> None:
    for sentence in (
        "No one was injured.",
        "Eleven people were taken to Dorrit General Hospital with breathing problems.",
        "Two workers were treated for burns at the scene.",
        "The driver remains in critical condition.",
        "All 40 passengers were unharmed, the company said.",
        "Three people were killed.",
    ):
        assert states_outcome(ASKS_HARM, sentence), sentence
    for sentence in (
        "The leak began when a valve failed during a routine transfer.",
        "Crews stopped the leak about 40 minutes later.",
        "The fair closed early.",
        "The city released its budget on Monday.",  # a report, no patient, released
        "Body cameras were switched off during the stop.",
    ):
        assert not states_outcome(ASKS_HARM, sentence), sentence


async def test_harm_is_answered_by_the_sentence_that_says_it(tmp_path: Path) -> None:
    lib = await library_of(tmp_path, AXES, LEAK, FAIR)
    answer = await lib.ask("anyone hurt in the leak?")
    assert answer.quotes, answer.declined_by
    assert answer.quotes[0].text.startswith("Eleven people were taken")
    # The near miss: asked something else of the leak, its words answer as before.
    cause = await lib.ask("what failed during the transfer")
    assert cause.quotes and "valve" in cause.quotes[0].text
    await lib.close()


async def test_harm_no_article_reports_is_declined(tmp_path: Path) -> None:
    """The fair's article says nothing of anyone hurt: its storm sentence, the closest in
    meaning, is no answer."""
    lib = await library_of(tmp_path, AXES, LEAK, FAIR)
    answer = await lib.ask("was anybody hurt at the fair")
    assert not answer.quotes
    assert answer.declined_by
    await lib.close()


STORM = Document(
    text=(
        "A storm tore through the Dorrit County Fair on Saturday, and anyone near the "
        "main stage ran for cover.\n\n"
        "Two workers were taken to the hospital after the storm knocked down a tent.\n\n"
        "The fair reopened on Sunday."
    ),
    source="storm.txt",
    title="Storm hits fair",
)


async def test_harm_is_shown_first_by_words_alone(tmp_path: Path) -> None:
    """Without the semantic model the sentence sharing "anyone" and "storm" is found
    first; the one saying who was harmed is shown before it."""
    lib = await library_of(tmp_path, None, STORM)
    answer = await lib.ask("was anyone injured in the storm")
    assert answer.quotes, answer.declined_by
    assert answer.quotes[0].text.startswith("Two workers were taken")
    await lib.close()


def test_questions_about_arrests_and_lawsuits() -> None:
    assert parse_question("has anybody been arrested for the theft").asks == ASKS_ARREST
    assert parse_question("did police charge anyone").asks == ASKS_ARREST
    assert parse_question("is anyone suing solvane over the leak").asks == ASKS_LAWSUIT
    # near miss: what else befell them is not read as one of these
    assert parse_question("did anyone get fired over it").asks == ""
    assert states_outcome(ASKS_ARREST, "No one has been charged, police said.")
    assert not states_outcome(ASKS_ARREST, "Officials suspect the thieves knew the alarm code.")
    assert states_outcome(ASKS_LAWSUIT, "A separate class-action lawsuit was filed in October.")


THEFT = Document(
    text=(
        "WRENFIELD — Thieves broke into the Ostrava museum early Sunday and took three "
        "paintings.\n\n"
        "The 2007 theft at the museum was one of the most talked-about crimes in the city.\n\n"
        "No one has been charged, police said."
    ),
    source="theft.txt",
    title="Museum theft",
)
THEFT_AXES = {"arrested": 0, "2007 theft": 0, "No one has been": 1}


async def test_an_arrest_is_answered_by_the_sentence_that_says_it(tmp_path: Path) -> None:
    lib = await library_of(tmp_path, THEFT_AXES, THEFT, FAIR)
    answer = await lib.ask("has anybody been arrested for the museum theft")
    assert answer.quotes, answer.declined_by
    assert answer.quotes[0].text.startswith("No one has been charged")
    await lib.close()
