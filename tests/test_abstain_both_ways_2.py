"""Answer or decline, both ways (round 6): each decline is paired with a near miss that
is still answered.

* "How much does X cost": the amount's own paragraph (or the article's title) must name
  the things priced (a plural noun), not only the article: an owner's share of an arena
  does not price its tickets, which the article names elsewhere; "bought the land" in the
  golf course story still answers what the course cost.
* "How old is X": an age set beside another name in a sentence naming X ("Lena Darrow,
  a 27-year-old café manager") is not X's.
* "Supposed to" hedges what the member heard; it is no search term, and "govt" is the
  government.

Where meaning decides, the stub encoder of tests/test_hybrid.py gives the cosines the
test wants: a text (a single word too) takes the axis of the first key it holds, and
every text without a key shares one other axis.
"""

from __future__ import annotations

from pathlib import Path

from stub_library import library_of

from index.answer_types import states_an_age
from index.models import Document
from index.question import parse_question

ARENA = Document(
    text=(
        "TESSBOROUGH — Quillon County voters on Tuesday approved a half-cent sales tax to "
        "help pay for a new downtown arena for the Harriers hockey team.\n\n"
        "The Harriers' owners have agreed to put $310 million toward the new $830 million "
        "arena and to sign a 30-year lease.\n\n"
        "Furlow said his group would press the council to require the team to share a "
        "portion of ticket revenue with the county."
    ),
    source="arena.txt",
    title="Voters approve arena sales tax",
)
GOLF = Document(
    text=(
        "THORNBURY — A residents' group has sued to block 640 homes on the former Thornbury "
        "Hills golf course.\n\n"
        "The course closed in 2023 after the club lost money for three seasons.\n\n"
        "Calloway bought the land the following year for $21.5 million."
    ),
    source="golf.txt",
    title="Lawsuit targets golf course housing plan",
)
TRIAL = Document(
    text=(
        "MARROWGATE — A jury on Thursday found Curtis Hale guilty of murder in the stabbing "
        "death of Lena Darrow, a 27-year-old café manager.\n\n"
        "Hale, who had pleaded not guilty, did not look toward the public gallery.\n\n"
        "Her brother, Simon Darrow, 31, said his sister had been saving to open a bakery."
    ),
    source="trial.txt",
    title="Jury convicts Marrowgate man of murder",
)
STRIKE = Document(
    text=(
        "KINGSMOUTH — About 2,300 dockworkers walked off the job on Monday, starting a "
        "10-day strike over pay.\n\n"
        "Police said the motive was a dispute over unpaid wages."
    ),
    source="strike.txt",
    title="Dockworkers strike",
)


async def test_an_amount_whose_paragraph_never_names_what_is_priced_is_declined(
    tmp_path: Path,
) -> None:
    """The owners' $310 million is the only amount near the question's words; tickets are
    named only in another paragraph, so their price is unstated. What the owners put in
    is answered, and so is the golf course's price: "golf" is in its article's title,
    what the whole story is about, though the amount's paragraph says "the land"."""
    axes = {"ticket": 0}
    lib = await library_of(tmp_path, axes, ARENA, GOLF)
    declined = await lib.ask("how much will harriers tickets cost at the new arena")
    assert not declined.quotes
    assert declined.declined_by == "unmatched"
    assert declined.note and "tickets" in declined.note
    answered = await lib.ask("how much will the harriers owners put toward the arena")
    assert answered.quotes and "$310 million" in answered.quotes[0].text
    course = await lib.ask("how much did calloway pay for the golf course")
    assert course.quotes and "$21.5 million" in course.quotes[0].text
    await lib.close()


def test_an_age_must_stand_beside_the_person_asked_about() -> None:
    """In a sentence naming two people, the age belongs to the one it stands beside."""
    lede = (
        "A jury found Curtis Hale guilty of murder in the stabbing death of Lena Darrow, "
        "a 27-year-old café manager."
    )
    assert not states_an_age(lede, frozenset({"how", "old", "is", "hale"}))
    assert states_an_age(lede, frozenset({"how", "old", "was", "lena", "darrow"}))
    assert states_an_age("Curtis Hale, 45, was led away.", frozenset({"how", "old", "hale"}))
    # An age beside no name is the sentence's subject's.
    manning = "Manning became the oldest quarterback to start a final, at age 39."
    assert states_an_age(manning, frozenset({"how", "old", "was", "manning"}))
    # A sentence that does not name whom the question asks about is read as before.
    assert states_an_age("He was 45.", frozenset({"how", "old", "is", "hale"}))


async def test_how_old_is_one_person_is_not_answered_by_anothers_age(tmp_path: Path) -> None:
    """Hale's age is nowhere; the victim's brother's is beside his name."""
    lib = await library_of(tmp_path, None, TRIAL, GOLF)
    declined = await lib.ask("how old is hale")
    assert not declined.quotes
    assert declined.declined_by and declined.declined_by.startswith("unsaid-kind")
    answered = await lib.ask("how old is simon darrow")
    assert answered.quotes and "Simon Darrow, 31" in answered.quotes[0].text
    await lib.close()


def test_supposed_to_is_no_search_term() -> None:
    assert parse_question("how long is the strike supposed to last").terms == ["strike", "last"]
    assert "suppos" not in parse_question("whats the motive supposed to be").terms
    # Only the hedge: "the supposed cure" says what the cure is claimed to be.
    assert "suppos" in parse_question("what is the supposed cure").terms
    assert "govern" in parse_question("is the govt changing its advice").terms


async def test_a_hedged_question_is_answered_and_an_unknown_one_declined(tmp_path: Path) -> None:
    """Without the hedge, "supposed" (a word no article uses) carried half the question
    and declined it; a question whose own word no article uses still is declined."""
    lib = await library_of(tmp_path, None, STRIKE, GOLF)
    answered = await lib.ask("whats the motive supposed to be")
    assert answered.quotes and "dispute over unpaid wages" in answered.quotes[0].text
    declined = await lib.ask("whats the zorblax supposed to be")
    assert not declined.quotes
    await lib.close()
