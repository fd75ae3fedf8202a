"""A person a sentence opens on by a description and an apposition ("The board's chair, a
retired banker who has led the board since 2020, opened the meeting."), named by the
next sentence's attribution ("“…,” Ada Rusk said"): the description is hers, as it is
without the apposition ("the victim's mother wept …"). On a small article written for
these tests."""

from __future__ import annotations

from speaker_helpers import SmallArticle

ARTICLE: list[tuple[int, str]] = [
    (1, "The Lowmoor College board voted 6-2 on Monday to freeze fees."),
    (
        2,
        "The board's chair, a retired banker who has led the board since 2020, opened the "
        "meeting by asking for quiet.",
    ),
    (2, '"We had no good choice here," Ada Rusk said.'),
    (3, "The union's president, 61, left the meeting early."),
    (3, "Bo Tanner said the staff felt ignored."),
    (4, "The council's treasurer, Ina Vos, did not attend."),
    (5, "The mayor's aide, a former reporter, arrived late."),
    (6, "Mayor Tom Kell said the city would help."),
    (7, "The club's coach, a former player, watched from the stands."),
    (8, "Lena Futter said the pitch was wet."),
]

_SMALL = SmallArticle("college", ARTICLE)


def test_a_described_person_named_by_the_next_sentence_holds_the_description() -> None:
    assert _SMALL.speaker_of('"We had no good choice') == ["Ada Rusk"]
    assert {"board", "chair"} <= _SMALL.roles("Ada Rusk")
    assert _SMALL.who("what did the board chair say") == ["Ada Rusk"]
    # an age set off by commas is such an apposition too
    assert {"union", "president"} <= _SMALL.roles("Bo Tanner")


def test_a_named_apposition_another_post_or_another_paragraph_gives_nothing() -> None:
    # "The council's treasurer, Ina Vos, did not attend": named, and silent
    assert _SMALL.who("what did the council treasurer say") == []
    # a named person with a post of his own takes no description before him
    assert "aide" not in _SMALL.roles("Tom Kell")
    # the description is of the sentence before, in the same paragraph only
    assert "coach" not in _SMALL.roles("Lena Futter")
