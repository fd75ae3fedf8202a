"""A post asked for is found only in a post: "the governor" is not the president of the
student government, though "governor" and "government" share their first letters. A
shared stem still finds another spelling of a post ("spokesperson" for a spokeswoman),
and a word that is no post still finds the words it shares a stem with. On a small
article written for these tests."""

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
    assert _SMALL.who("what did the treasurer say", names_required=True) == []


def test_a_post_still_finds_its_other_spellings_and_holders() -> None:
    assert _SMALL.who("what did the spokesperson say") == ["Dana Reyes"]
    assert _SMALL.who("what did the student government president say") == ["Mara Quill"]
    assert _SMALL.who("what did the student president say") == ["Mara Quill"]
    # a word that is no post keeps its stem: "governments" (a typo away) and "treasury"
    assert _SMALL.who("what did the student governments president say") == ["Mara Quill"]
    assert _SMALL.who("what did the treasury analyst say") == ["Omar Fitch"]


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
