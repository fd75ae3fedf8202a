"""A day or a month opening a sentence before a described, named speaker ("Later on
Tuesday, a department spokesperson, Carla Deschamps, told reporters …"): the speaker is
the name, never the day. On sentences written for these tests."""

from __future__ import annotations

from speaker_helpers import SmallArticle

ROWS: list[tuple[int, str]] = [
    (1, "The trial ended on Monday."),
    (
        2,
        "Later on Tuesday, a department spokesperson, Nora Pike, told reporters that "
        "officers had been placed on extra patrols.",
    ),
    (3, "In March, a nurse from the county clinic, Ann Bay, said the ward was full."),
    (4, "Paula Jimenez, a teacher from Columbus, Ohio, said the schools were shut."),
]
_SMALL = SmallArticle("trial", ROWS)


def test_a_day_before_a_described_speaker_is_no_speaker() -> None:
    assert _SMALL.speaker_of("Later on Tuesday") == ["Nora Pike"]
    assert {"department", "spokesperson"} <= _SMALL.roles("Nora Pike")
    assert _SMALL.speaker_of("In March") == ["Ann Bay"]


def test_a_name_before_a_description_and_its_place_is_still_the_speaker() -> None:
    assert _SMALL.speaker_of("Paula Jimenez") == ["Paula Jimenez"]
