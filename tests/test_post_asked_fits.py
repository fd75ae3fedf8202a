"""A post asked for must fit the speaker's post, qualifier included.

"The governor" is not the president of the student government, though "governor" and
"government" share their first letters: a shared stem still finds another spelling of a
post ("spokesperson" for a spokeswoman) and a post's field ("an economics professor" for
the economist), and a word that is no post still finds the words it shares a stem with.
"The Brackwell mayor" is not Ostervale's mayor speaking in the story whose headline
names Brackwell, nor "the Herons owner" the owner of a tavern who speaks of the Herons.
On small articles written for these tests."""

from __future__ import annotations

from pathlib import Path

from speaker_helpers import SmallArticle

from index.library import Library

ROWS: list[tuple[int, str]] = [
    (1, "The college board voted on Monday to close the Elm Street dormitory."),
    (2, "Student government president Mara Quill told the board that students felt ignored."),
    (2, '"Nobody asked us," Quill said.'),
    (3, "A spokeswoman for the college, Dana Reyes, said the building failed its inspection."),
    (4, "Treasury analyst Omar Fitch said the repairs would cost more than the land."),
    (5, "Lena Morrow, an economics professor at the college, said the dormitory lost money."),
]

_SMALL = SmallArticle("college", ROWS)

STORY = """\
College board votes to close Elm Street dormitory

The college board voted on Monday to close the Elm Street dormitory.

Student government president Mara Quill told the board that students felt ignored. \
"Nobody asked us," Quill said.

A spokeswoman for the college, Dana Reyes, said the building failed its inspection.
"""


def test_a_post_is_not_found_in_a_word_sharing_its_stem() -> None:
    assert _SMALL.who("what did the governor say", names_required=True) == []


def test_a_post_still_finds_its_other_spellings_and_holders() -> None:
    assert _SMALL.who("what did the spokesperson say") == ["Dana Reyes"]
    assert _SMALL.who("what did the student government president say") == ["Mara Quill"]
    assert _SMALL.who("what did the student president say") == ["Mara Quill"]
    # a word that is no post keeps its stem: "governments" (a typo away) and "treasury"
    assert _SMALL.who("what did the student governments president say") == ["Mara Quill"]
    assert _SMALL.who("what did the treasury analyst say") == ["Omar Fitch"]
    # the field of a post is no body: the economics professor is the economist
    assert _SMALL.who("what did the economist say") == ["Lena Morrow"]


async def test_the_governor_is_declined_where_only_a_student_government_speaks(
    library: Library, tmp_path: Path
) -> None:
    path = tmp_path / "college.txt"
    path.write_text(STORY, encoding="utf-8")
    await library.add_path(path)
    answer = await library.ask("what did the governor say about the dormitory")
    assert answer.abstained and not answer.quotes
    kept = await library.ask("what did the student government president say about the dormitory")
    assert kept.quotes and "Quill" in kept.quotes[0].text


MOVE = """\
Brackwell Herons to leave for new ballpark in Ostervale

The Brackwell Herons will play their home games in Ostervale from 2028, the league said.

Ostervale Mayor Ilse Marrow called the deal a turning point for the riverfront. \
"This brings 200 jobs downtown," Marrow said.

Fans in Brackwell said they felt betrayed by the move.
"""


async def _add(library: Library, tmp_path: Path, name: str, text: str) -> None:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    await library.add_path(path)


async def _first_quotes(library: Library, cases: list[tuple[str, str]]) -> None:
    """Each question is answered, its first quote by (or naming) the speaker wanted."""
    for question, wanted in cases:
        answer = await library.ask(question)
        assert answer.quotes, question
        first = answer.quotes[0]
        assert wanted in first.text or wanted in (first.speaker or ""), question


async def test_a_post_named_for_another_place_is_not_the_setting_s(
    library: Library, tmp_path: Path
) -> None:
    """The story's headline names Brackwell, and its only mayor speaking is Ostervale's:
    "the Brackwell mayor" says nothing here."""
    await _add(library, tmp_path, "move.txt", MOVE)
    answer = await library.ask("what did the brackwell mayor say about the herons")
    assert answer.abstained and not answer.quotes


async def test_the_post_s_own_place_and_a_bare_post_still_find_the_speaker(
    library: Library, tmp_path: Path
) -> None:
    await _add(library, tmp_path, "move.txt", MOVE)
    await _first_quotes(
        library,
        [
            ("what did the ostervale mayor say", "Marrow"),
            ("what did the mayor say about the herons", "Marrow"),
        ],
    )


ARENA = """\
title: Brackwell Herons and city deadlocked over arena lease

The Brackwell Herons and the city have not agreed on a new arena lease.

Ada Pellingham, who has owned the Gullwick Tavern across from the arena for 20 years, \
said game nights pay her rent. "If the Herons leave, I close," Pellingham said.

Superintendent Rosa Quint said the schools would lose the arena for graduations.
"""


async def test_a_post_of_a_body_the_headline_names_is_not_another_body_s(
    library: Library, tmp_path: Path
) -> None:
    """The Herons' owner never speaks; the tavern's owner does, and speaks of the Herons."""
    await _add(library, tmp_path, "arena.txt", ARENA)
    answer = await library.ask("what did the herons owner say")
    assert answer.abstained and not answer.quotes


async def test_the_tavern_owner_and_a_post_s_abbreviation_are_still_found(
    library: Library, tmp_path: Path
) -> None:
    await _add(library, tmp_path, "arena.txt", ARENA)
    await _first_quotes(
        library,
        [
            ("what did the tavern owner say", "Pellingham"),
            ("what did the owner say", "Pellingham"),
            # the spellings the role tables give her post ("supt") name no place
            ("what did the brackwell superintendent say", "Quint"),
        ],
    )


LEASE = """\
title: Brackwell Herons sign new arena lease

The Brackwell Herons signed a ten-year arena lease on Monday.

The team's majority owner, Carl Vossberg, said the lease was fair to the city.

A spokesperson for Governor Nadia Orlov, Tim Hask, said the state would repave the lot.
"""


async def test_a_role_s_initials_and_the_person_it_speaks_for_are_no_other_place(
    library: Library, tmp_path: Path
) -> None:
    """ "Team majority owner" gives "tmo", and a spokesperson's role holds the governor's
    name: neither is a place or body of their own, so the headline's Herons and Brackwell
    are theirs."""
    await _add(library, tmp_path, "lease.txt", LEASE)
    await _first_quotes(
        library,
        [
            ("what did the herons owner say", "Vossberg"),
            ("what did the brackwell governor's spokesperson say", "Hask"),
        ],
    )


POWER = """\
Wildfire forces evacuations in Pell Valley

Crews fought a wildfire in Pell Valley on Friday.

A Veridane spokesperson, Aaron Whitby, said the company could not yet say when power \
would be restored. "Our crews can't go in until it is safe," Whitby said.
"""


async def test_a_description_in_other_words_still_finds_the_named_body_s_post(
    library: Library, tmp_path: Path
) -> None:
    """ "The power company spokesperson" is Veridane's: the member's words for the body
    are no headline name of another."""
    await _add(library, tmp_path, "power.txt", POWER)
    answer = await library.ask("what did the power company spokesperson say")
    assert answer.quotes and "Whitby" in (answer.quotes[0].speaker or "")
