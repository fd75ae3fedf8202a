"""A description set off before a titled name that news writes with "the" ("The parish
priest, the Rev. Tobias Hale, said"): the name speaks and holds the description. On a
small article written for these tests."""

from __future__ import annotations

from speaker_helpers import SmallArticle

ARTICLE: list[tuple[int, str]] = [
    (1, "A storm tore the roof off the chapel at Dunmore on Sunday."),
    (2, "The parish priest, the Rev. Ada Quill, said the bells had rung on their own."),
    (3, "Ann Cole, a teacher from the Dunmore Valley, said classes would move."),
    (4, "The mayor's rival, the Dunmore Party, said the repairs were late."),
]

_SMALL = SmallArticle("chapel", ARTICLE)


def test_a_titled_name_after_the_speaks_and_holds_the_description() -> None:
    assert _SMALL.speaker_of("The parish priest") == ["Ada Quill"]
    assert {"parish", "priest"} <= _SMALL.roles("Ada Quill")
    assert _SMALL.who("what did the priest say") == ["Ada Quill"]


def test_a_place_or_a_body_after_the_keeps_its_reading() -> None:
    assert _SMALL.speaker_of("Ann Cole") == ["Ann Cole"]
    assert "priest" not in _SMALL.roles("Ann Cole")
    assert "rival" not in _SMALL.roles("Dunmore Party")
