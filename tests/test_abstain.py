"""Answer or decline, both ways (issue 12, class 6), on small libraries built here.

Each test pairs a question the library cannot answer, though it shares most of its words
with some sentence, with a near miss that it must still answer. Where meaning decides, a
stub encoder (tests/test_hybrid.py) gives the cosines the test wants: a text takes the
axis of the first key it holds, and every text without a key shares one other axis.
"""

from __future__ import annotations

from pathlib import Path

from test_hybrid import StubEncoder

from index.library import Library
from index.models import Document
from index.question import ASKS_ADVICE, ASKS_AGE, parse_question

FLOOD = Document(
    text=(
        "MARLOW COUNTY — Two people died and about 300 homes were flooded after the Ashford "
        "River overflowed its banks late Monday, county officials said.\n\n"
        "Floodwater swamped 120 homes in Millerton, the hardest-hit town.\n\n"
        "Crews carried out 86 water rescues overnight, most of them by boat.\n\n"
        "The water damaged 40 cars parked along the river in Pell Creek.\n\n"
        "The river crested at 24.6 feet at the Millerton gauge on Tuesday."
    ),
    source="flood.txt",
    title="Ashford River flood",
)
COUNCIL = Document(
    text=(
        "EASTBROOK — The city council voted 7-4 to approve a transit levy that will buy "
        "38 new buses.\n\n"
        "Mayor Linda Okafor called the vote the most important decision of the council's "
        "four-year term.\n\n"
        "More than 60 residents signed up to speak at the council meeting, which began at "
        "7 p.m.\n\n"
        "The Harbour Road water main was laid in 1958 and will be replaced next year.\n\n"
        "Drivers were advised to take the Route 9 bypass while Harbour Road is closed."
    ),
    source="council.txt",
    title="Eastbrook transit levy",
)
RECALL = Document(
    text=(
        "Corvel is recalling 412,000 pressure cookers after reports that the lids can "
        "unlock under pressure.\n\n"
        "The U.S. Consumer Product Safety Commission said 57 people were burned.\n\n"
        "Its shares fell 6.4% on Thursday."
    ),
    source="recall.txt",
    title="Corvel recall",
)
CORVEL = Document(
    text=(
        "Corvel recalls 412,000 Corvel cookers. In a long video posted on its "
        "website on Thursday evening, after a week of silence and many complaints from "
        "angry buyers across the country, the company's chief executive apologized at "
        "length to all of its customers and promised that Corvel would do better."
        "\n\n"
        "The Corvel refund plan takes effect on March 2."
    ),
    source="corvel.txt",
    title="Corvel recall",
)


async def _library(tmp_path: Path, axes: dict[str, int] | None, *docs: Document) -> Library:
    lib = await Library.open(tmp_path / "lib.db")
    for doc in docs:
        await lib.add_document(doc)
    if axes is not None:
        lib.enable_semantic(StubEncoder(axes))  # type: ignore[arg-type]
        assert await lib.wait_for_vectors(30)
    return lib


async def test_an_everyday_word_no_article_uses_is_answered_when_the_answer_is_closest(
    tmp_path: Path,
) -> None:
    """ "Kick in" is in no article, but the sentence saying "takes effect" is the closest
    in meaning of all the candidates: the member's own wording, answered (an everyday
    word the library lacks declines only when another candidate is closer)."""
    lib = await _library(tmp_path, {"kick in": 1, "takes effect": 1}, CORVEL, FLOOD)
    answered = await lib.ask("when does the corvel refund plan kick in")
    assert answered.quotes and "takes effect on March 2" in answered.quotes[0].text
    await lib.close()


async def test_how_old_needs_an_age(tmp_path: Path) -> None:
    """The mayor's sentence names her and a "four-year term", not her age; the water
    main's states the year it was laid."""
    lib = await _library(tmp_path, None, COUNCIL, FLOOD)
    declined = await lib.ask("how old is mayor linda okafor")
    assert not declined.quotes and declined.note
    answered = await lib.ask("how old is the harbour road water main")
    assert answered.quotes and "laid in 1958" in answered.quotes[0].text
    await lib.close()


async def test_an_advice_question_needs_a_sentence_that_says_what_to_do(tmp_path: Path) -> None:
    """Residents who signed up to speak say nothing about how a member signs up; the
    sentence saying what drivers were advised to do answers "which road should I take"."""
    lib = await _library(tmp_path, None, COUNCIL, FLOOD)
    declined = await lib.ask("how do i sign up to speak at a council meeting")
    assert not declined.quotes and declined.note
    answered = await lib.ask("which road should i take while harbour road is closed")
    assert answered.quotes and "Route 9 bypass" in answered.quotes[0].text
    await lib.close()


async def test_a_speaker_no_article_names_is_declined(tmp_path: Path) -> None:
    """ "What did the FDA say about the cookers": the recall article never mentions the
    FDA, so none of its sentences says what the FDA said. The commission it does name is
    still answered from its sentence."""
    lib = await _library(tmp_path, None, RECALL, FLOOD)
    declined = await lib.ask("what did the FDA say about the pressure cookers")
    assert not declined.quotes and declined.note and "fda" in declined.note
    answered = await lib.ask("what did the safety commission say about the cookers")
    assert answered.quotes and "57 people were burned" in answered.quotes[0].text
    await lib.close()


def test_what_a_question_asks_beyond_its_answer_type() -> None:
    assert parse_question("what should i do if my basement floods").asks == ASKS_ADVICE
    assert parse_question("How do I freeze my credit?").asks == ASKS_ADVICE
    assert parse_question("which road should we take").asks == ASKS_ADVICE
    assert parse_question("how old is the mayor").asks == ASKS_AGE
    assert parse_question("how do the lids pop open").asks == ""
    assert parse_question("what did the mayor say").asks == ""
