"""A decree is no speech (index/attribution.py ``_decreed_thing``): "ordered" and
"declared" before a thing name what an official did ("Mayor Evander Quill ordered flags
lowered", "declared a local state of emergency"), and "what did the mayor say" must not
quote it as the mayor's words. Before a clause, a day or the end of a quotation they
still report speech ("declared Monday that the town was safe", '"Out," he ordered.').
"""

from __future__ import annotations

from speaker_helpers import SmallArticle

STORM: list[tuple[int, str]] = [
    (1, "An ice storm knocked out power to 40,000 homes in Tellerby County on Monday."),
    (2, "County Executive Ada Brandt declared a local state of emergency on Monday night."),
    (3, "Mayor Evander Quill ordered flags at town buildings lowered to half-staff."),
    (4, "Fire Chief Ramona Strand ordered the evacuation of about 60 residents."),
    (5, "Mayor Joaquin Thorsby declared Monday that the city's shelters were open."),
    (6, "Governor Lena Park declared on Tuesday that state crews would help."),
    (7, '"Everyone out of the building now," Strand ordered.'),
]
_STORM = SmallArticle("storm", STORM)


def test_an_order_or_a_declaration_of_a_thing_is_no_speech() -> None:
    assert _STORM.speaker_of("County Executive Ada Brandt declared") == []
    assert _STORM.speaker_of("Mayor Evander Quill ordered") == []
    assert _STORM.speaker_of("Fire Chief Ramona Strand ordered") == []


def test_a_declaration_of_a_clause_and_an_order_in_quotes_are_speech() -> None:
    assert _STORM.speaker_of("Mayor Joaquin Thorsby declared") == ["Joaquin Thorsby"]
    assert _STORM.speaker_of("Governor Lena Park declared") == ["Lena Park"]
    assert _STORM.speaker_of('"Everyone out') == ["Ramona Strand"]


def test_what_did_the_mayor_say_finds_the_mayor_who_spoke() -> None:
    # Quill only gave an order; the mayor who speaks is Thorsby
    assert _STORM.who("what did the mayor say") == ["Joaquin Thorsby"]
    assert _STORM.who("what did mayor quill say") == []
