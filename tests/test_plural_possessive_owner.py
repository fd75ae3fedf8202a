"""A post owned by a name in the plural possessive ("Harbor Lines' chief executive,
Rupert Mannion, said"): the post is the speaker's, as with "Hollow Creek's". On a small
article written for these tests."""

from __future__ import annotations

from speaker_helpers import SmallArticle

ARTICLE: list[tuple[int, str]] = [
    (1, "The ferry Gull Rock ran aground in fog on Tuesday, the coast guard said."),
    (2, "Harbor Lines' chief executive, Rupert Mannion, apologised to passengers."),
    (2, '"We let them down," Mannion said.'),
    (3, "According to Tidewell Ferries' general manager, Ola Berg, the other boats still sail."),
    (4, "The growers' lawyer, Ada Voss, said the harbour fees were too high."),
    (5, "Local boat owners, who have sailed the route for years, said the fog came fast."),
]

_SMALL = SmallArticle("ferry", ARTICLE)


def test_a_post_owned_by_a_plural_possessive_name_is_the_speakers() -> None:
    assert _SMALL.speaker_of("Harbor Lines'") == ["Rupert Mannion"]
    assert {"harbor", "lines", "chief", "executive"} <= _SMALL.roles("Rupert Mannion")
    assert _SMALL.who("what did the harbor lines chief executive say") == ["Rupert Mannion"]
    assert {"tidewell", "ferries", "general", "manager"} <= _SMALL.roles("Ola Berg")


def test_a_lower_case_plural_possessive_keeps_its_reading() -> None:
    # "the growers' lawyer" opens with a determiner: a description as before, no owner name
    assert _SMALL.speaker_of("The growers'") == ["Ada Voss"]
    assert {"growers", "lawyer"} <= _SMALL.roles("Ada Voss")
    assert _SMALL.speaker_of("Local boat owners") != ["Rupert Mannion"]
