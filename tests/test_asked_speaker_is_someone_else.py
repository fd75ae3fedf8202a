""" "What did X say" where the speaker found is not the X asked for, so the question is
declined (the silent-speaker no-answers of the dev sets):

- "what did <X>'s <Y> say" asks for Y, someone X has. X's description often holds Y ("a
  shop owner whose son built the robot"), so X was found by every word of the question
  and quoted as the son. Named in full, X is no one's son in the question; a surname
  alone names a family ("Vane's campaign manager" is his brother, Teodoro Vane).
- "what did the paper mill manager say": a post whose qualifying words ("paper mill") are
  in no article where a holder of the post speaks is unheld; a club's general manager in
  another story is not it.
- "what did the nurses union say": a body asked for is no person whose own words and
  introduction never name it, when the library speaks of such a body elsewhere; a body
  word no article uses is the member's own ("the health regulator").

On small articles written for these tests.
"""

from __future__ import annotations

from pathlib import Path

from stub_library import library_of

from index.models import Document
from index.question import parse_question
from index.speaker_answers import possessor

WORKSHOP = Document(
    text=(
        "HALBY — A robot built by pupils of Halby High won the county science fair on "
        "Saturday.\n\n"
        "Workshop owner Nora Tillet, whose son Kit built the robot's arm, said the team had "
        "used her lathe for three months.\n\n"
        "Her brother and business partner, Ivo Tillet, said the shop would sponsor the team "
        "next year.\n\n"
        "The Halby Makers Guild said the fair had drawn 40 schools."
    ),
    source="workshop.txt",
    title="Pupils' robot wins science fair",
)


def test_the_possessor_is_the_words_before_the_possessive() -> None:
    assert possessor(parse_question("what did nora tillet's son say")) == {"nora", "tillet"}
    assert possessor(parse_question("what did the guild's chairman say")) == {"guild"}
    assert possessor(parse_question("what did nora tillet say")) == frozenset()


async def test_a_person_named_in_full_is_not_their_own_son(tmp_path: Path) -> None:
    lib = await library_of(tmp_path, None, WORKSHOP)
    declined = await lib.ask("what did nora tillet's son say")
    assert not declined.quotes
    assert declined.declined_by == "named-but-silent"
    assert declined.note is not None and "Nora Tillet's son" in declined.note
    await lib.close()


async def test_near_misses_the_person_herself_and_a_relative_by_surname(
    tmp_path: Path,
) -> None:
    lib = await library_of(tmp_path, None, WORKSHOP)
    herself = await lib.ask("what did nora tillet say")
    assert herself.quotes and herself.quotes[0].speaker == "Nora Tillet"
    # a surname names the family: her brother is "Tillet's business partner"
    partner = await lib.ask("what did tillet's business partner say")
    assert partner.quotes and partner.quotes[0].speaker == "Ivo Tillet"
    await lib.close()


CLUB = Document(
    text=(
        "WRENBY — The Wrenby Herons will move to a new ballpark in Dalton next spring.\n\n"
        "The club's general manager, Pete Sollis, said the 40 staff would be offered jobs "
        "in Dalton.\n\n"
        '"We will miss this town," Sollis said.'
    ),
    source="club.txt",
    title="Herons leave Wrenby",
)
MILL = Document(
    text=(
        "TRESKAL — The Ambry paper mill agreed on Sunday to shut two machines during the "
        "cold snap to spare the grid.\n\n"
        "The grid operator said the cut would save enough power for 20,000 homes."
    ),
    source="mill.txt",
    title="Paper mill cuts power use",
)


async def test_a_post_qualified_by_what_another_story_is_about_is_unheld(
    tmp_path: Path,
) -> None:
    """The club's general manager speaks; the paper mill's story quotes no manager. "The
    paper mill manager" is not him."""
    lib = await library_of(tmp_path, None, CLUB, MILL)
    declined = await lib.ask("what did the paper mill manager say")
    assert not declined.quotes
    assert declined.declined_by == "role-unheld"
    await lib.close()


async def test_near_miss_a_post_qualified_by_its_own_story_is_held(tmp_path: Path) -> None:
    lib = await library_of(tmp_path, None, CLUB, MILL)
    for question in ("what did the herons manager say", "what did the general manager say"):
        answered = await lib.ask(question)
        assert answered.quotes and answered.quotes[0].speaker == "Pete Sollis", question
    await lib.close()


HOSPITAL = Document(
    text=(
        "CARNBY — St Edda hospital went back to paper records after a cyberattack.\n\n"
        "Ola Brisk, a charge nurse in the children's ward, said nurses were working "
        "14-hour shifts.\n\n"
        "The health commission has asked why the attack was reported late.\n\n"
        '"We expect hospitals to tell us at once," said Lev Amon, a spokesperson for the '
        "commission."
    ),
    source="hospital.txt",
    title="Hospital hit by cyberattack",
)
SCHOOL = Document(
    text=(
        "CARNBY — The school board voted to close the Elm Street gym.\n\n"
        "Union leaders called for an outside review of the vote."
    ),
    source="school.txt",
    title="School gym to close",
)
SCHOOL_WITH_OFFICER = Document(
    text=(
        "CARNBY — The school board voted to close the Elm Street gym.\n\n"
        "Mia Dorn, regional president of the teachers' union, said staff had complained "
        "about leaks for years."
    ),
    source="school.txt",
    title="School gym to close",
)


async def test_a_body_asked_for_is_no_person_the_story_never_ties_to_it(
    tmp_path: Path,
) -> None:
    """No union speaks; a union is spoken of in the school story, and the hospital's
    nurse is tied to none."""
    lib = await library_of(tmp_path, None, HOSPITAL, SCHOOL)
    declined = await lib.ask("what did the nurses union say about the cyberattack")
    assert not any(q.speaker == "Ola Brisk" for q in declined.quotes)
    assert not declined.quotes, declined.quotes
    await lib.close()


async def test_near_misses_the_unions_officer_and_a_body_in_the_members_words(
    tmp_path: Path,
) -> None:
    lib = await library_of(tmp_path, None, HOSPITAL, SCHOOL_WITH_OFFICER)
    union = await lib.ask("what did the teachers union say")
    assert union.quotes and union.quotes[0].speaker == "Mia Dorn"
    # "regulator" is in no article: the member's word for the health commission, whose
    # spokesman is quoted with it
    regulator = await lib.ask("what did the health regulator say")
    assert regulator.quotes and "We expect hospitals" in regulator.quotes[0].text
    nurse = await lib.ask("what did the charge nurse say")
    assert nurse.quotes and nurse.quotes[0].speaker == "Ola Brisk"
    await lib.close()
