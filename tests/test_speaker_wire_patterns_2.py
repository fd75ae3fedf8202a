"""More speakers in wire patterns, on small articles written for these tests: a post of
three words or more asked for by its initials, read from the article's own words (no list
of acronyms), and the ways news describes a person that members ask by.
"""

from __future__ import annotations

from pathlib import Path

from speaker_helpers import SmallArticle

from index.library import Library

# A port's expansion: long posts, each asked for by its initials.
PORT: list[tuple[int, str]] = [
    (1, "The Vell harbour board approved a second container berth on Monday."),
    (
        2,
        "The board's chief sustainability officer, Ines Baro, said dredging would be limited "
        "to the winter months.",
    ),
    (3, "Assistant Fire Chief Olu Ade said the fireboat would be moved to the new berth."),
    (4, "Ferry captain Rui Lobo said the new berth would crowd the channel."),
]
_PORT = SmallArticle("port", PORT)


def test_a_long_post_is_asked_for_by_its_initials() -> None:
    assert _PORT.who("what did the cso say") == ["Ines Baro"]
    assert _PORT.who("what did the afc say") == ["Olu Ade"]
    # initials of the post only: no one is the "cbi" or "fc" (two words: too short)
    assert _PORT.who("what did the cbi say") == []
    assert "fc" not in _PORT.roles("Rui Lobo")


# A clinic's closure: a parent described by family ties, a body written in lower case
# and its spokesman, a dateline before the first body.
CLINIC: list[tuple[int, str]] = [
    (1, "LARKVALE — The Larkvale Family Clinic will close its night ward on Friday."),
    (2, "The ward treated 40 children a week, the clinic board said in a letter."),
    (
        3,
        "Nora Vell, a mother of three who started a letter campaign, said families would "
        "drive an hour for care.",
    ),
    (4, "Parent Ilya Dorn, whose son was treated there in March, said the ward saved him."),
    (5, "The regional health department said two other clinics would stay open at night."),
    (5, "A department spokeswoman said the night ward had cost $3 million a year."),
]
_CLINIC = SmallArticle("clinic", CLINIC)


def test_a_mother_is_asked_for_as_a_mom_and_as_a_parent() -> None:
    assert _CLINIC.who("what did the mom say") == ["Nora Vell"]
    assert set(_CLINIC.who("what did the parent say")) == {"Nora Vell", "Ilya Dorn"}
    # "Parent" before a name is a role, not a first name
    assert _CLINIC.speaker_of("Parent Ilya Dorn") == ["Ilya Dorn"]
    assert _CLINIC.who("what did the dad say") == []


def test_a_body_written_in_lower_case_speaks_and_its_spokeswoman_for_it() -> None:
    (body,) = _CLINIC.speaker_of("The regional health department")
    assert _CLINIC.speaker_of("A department spokeswoman") == [body]
    assert _CLINIC.who("what did the health dept say") == [body]


def test_a_dateline_is_no_part_of_the_first_name() -> None:
    names = {e.name for e in _CLINIC.attributed().entities}
    assert "Larkvale Family Clinic" in names or "The Larkvale Family Clinic" in names
    assert not any(n.startswith("LARKVALE") for n in names)


async def test_a_parent_described_by_the_members_family_words(
    library: Library, tmp_path: Path
) -> None:
    path = tmp_path / "clinic.txt"
    path.write_text("\n\n".join(text for _, text in CLINIC) + "\n", encoding="utf-8")
    await library.add_path(path)
    answer = await library.ask("what did the mom who started the petition say")
    assert answer.quotes and "drive an hour" in answer.quotes[0].text
    # a member's "mom" for a parent the article never calls a mother, though another
    # speaker is one
    answer = await library.ask("what did the mom whose son was treated there say")
    assert answer.quotes and "saved him" in answer.quotes[0].text


# A budget story: the principal named by her bare surname after a namesake was met.
BUDGET: list[tuple[int, str]] = [
    (1, "Mayor Ida Kern said the library would close on Sundays."),
    (2, "Leo Kern, a baker who is not related to the mayor, said the cuts would hurt."),
    (2, '"People come in after the library every week," he said.'),
    (3, "The council will vote on the budget on Tuesday."),
    (4, "Kern said the city could not borrow more this year."),
    (5, "Chief Medical Officer Dr. Anu Pike said the clinic hours would stay the same."),
]
_BUDGET = SmallArticle("budget", BUDGET)


def test_a_bare_surname_out_of_sight_of_a_namesake_is_the_principal() -> None:
    assert _BUDGET.speaker_of("Kern said the city") == ["Ida Kern"]
    assert _BUDGET.speaker_of('"People come in') == ["Leo Kern"]
    # honorifics are no part of a post's initials
    assert "cmo" in _BUDGET.roles("Anu Pike")
    assert "mod" not in _BUDGET.roles("Anu Pike")


# Libraries closing: "was quoted as saying", a description beside a bare surname.
LIBRARIES: list[tuple[int, str]] = [
    (1, "Teacher Mara Holt was quoted as saying the libraries were a lifeline for pupils."),
    (2, "The county's public works director, Ken Ito, said the roof would cost $400,000."),
    (3, '"The numbers do not lie," Ito, an engineer by training, said.'),
    (4, "Residents were told the branches would close in May."),
]
_LIBRARIES = SmallArticle("libraries", LIBRARIES)


def test_quoted_as_saying_is_speech_and_told_in_the_passive_is_not() -> None:
    assert _LIBRARIES.speaker_of("Teacher Mara Holt") == ["Mara Holt"]
    assert _LIBRARIES.who("what did the teacher say") == ["Mara Holt"]
    assert _LIBRARIES.speaker_of("Residents were told") == []


def test_a_description_beside_a_known_surname_is_a_role() -> None:
    assert "engineer" in _LIBRARIES.roles("Ken Ito")
    assert _LIBRARIES.who("what did the engineer say") == ["Ken Ito"]


def test_initials_are_read_from_posts_of_at_most_six_words() -> None:
    """A long run of role words before a head noun is no post anyone abbreviates; reading
    every run back to the first word made the work grow with the square of the words."""
    from index.roles import INITIALISM_MAX_WORDS, initialisms

    run = "alpha bravo charlie delta echo foxtrot golf hotel india chief executive officer"
    found = initialisms(run.split())
    assert "hiceo" in found and "ghiceo" in found  # posts ending at "officer"
    assert max(map(len, found)) == INITIALISM_MAX_WORDS
