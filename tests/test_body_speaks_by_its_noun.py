"""A body speaks by its noun ("the university said"), not the university's president,
whose roles hold "university" as the owner of his post; and "the university" is the one
body of the article named with that noun. On a small article written for these tests."""

from __future__ import annotations

from speaker_helpers import SmallArticle

ARTICLE: list[tuple[int, str]] = [
    (1, "Marrow Bay University's trustees voted on Friday to close the music school."),
    (2, "The university's president, Ilse Brandvold, said the school had lost money for years."),
    (3, "In a statement after the vote, the university said students would finish their degrees."),
    (3, "The president said she regretted the decision."),
    (4, "The union president, Tomas Grieve, said members were angry."),
    (4, "The union said members would vote on a strike."),
]

_SMALL = SmallArticle("college", ARTICLE)


def test_the_body_speaks_by_its_noun_not_its_president() -> None:
    assert _SMALL.speaker_of("In a statement after the vote") == ["Marrow Bay University"]
    assert _SMALL.who("what did the university say") == ["Marrow Bay University"]


def test_the_president_and_a_union_without_a_name_keep_their_readings() -> None:
    assert _SMALL.speaker_of("The university's president") == ["Ilse Brandvold"]
    assert _SMALL.speaker_of("The president said") == ["Ilse Brandvold"]
    assert _SMALL.who("what did the university president say") == ["Ilse Brandvold"]
    # no body named with "union": the article's union president stays who "the union" is
    assert _SMALL.speaker_of("The union said") == ["Tomas Grieve"]
