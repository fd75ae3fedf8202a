"""A description of the speaker that opens a second clause: "Egg prices had already
climbed, and an agricultural economist at the university, Dr. Mark Heffernan, said …"
(l31). The description was read from the comma before "and", found to open with no
determiner, and dropped: "what did the economist say" then named no one. The clause's
"and" is passed over, unless what follows is a clause of its own ("and the city paid the
contractor, Harwell & Dane Construction, $2.7 million", l13): the contractor is paid, and
the city is no post of his.
"""

from __future__ import annotations

from speaker_helpers import SmallArticle

EGGS: list[tuple[int, str]] = [
    (1, "A bird flu outbreak forced the cull of 1.2 million hens at Sunny Acres."),
    (
        2,
        "Egg prices had already climbed about 20 percent, and an agricultural economist at "
        "the university, Dr. Mark Heffernan, said the loss of one large farm could push "
        "them up further.",
    ),
    (
        3,
        "Steel prices rose, and the city paid the contractor, Harwell & Dane Construction, "
        "$1.7 million more.",
    ),
    (4, "Harwell & Dane Construction said the delays were not its fault."),
]
_EGGS = SmallArticle("eggs", EGGS)


def test_a_description_after_a_clauses_and_describes_the_speaker() -> None:
    assert _EGGS.speaker_of("Egg prices had already climbed") == ["Mark Heffernan"]
    assert {"agricultural", "economist"} <= _EGGS.roles("Mark Heffernan")
    assert _EGGS.who("what did the economist say about egg prices") == ["Mark Heffernan"]
    # near miss: a clause of its own before the name gives it no post
    assert "city" not in _EGGS.roles("Harwell Dane Construction")
