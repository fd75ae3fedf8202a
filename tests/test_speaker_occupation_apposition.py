"""A post, then the person's occupation and name set off by commas: "The lead
petitioner, retired schoolteacher Gloria Benitez, said" (l41), "Another passenger,
retired schoolteacher Bertram Oakes, 71, said" (l1), "One of the injured workers, machine
operator Ramona Tellez, said" (l27). The occupation is no word of the role tables, and
the phrase was read as a place ending the description before it: the sentence was
nobody's, or the last passenger's. An occupation is known by how it ends ("-er", "-or",
"-ist" …), as "a retired bus driver" already is.
"""

from __future__ import annotations

from speaker_helpers import SmallArticle

PETITION: list[tuple[int, str]] = [
    (1, "A group of residents has challenged council member Derek Lassiter's residency."),
    (
        2,
        "The lead petitioner, retired schoolteacher Gloria Benitez, said neighbors noticed "
        "a rotating cast of guests.",
    ),
    (3, "The union's president, longtime welder Ray Moss, said the vote was close."),
    # near miss: a description ending in a place is still the person named before it
    (4, "Paula Jimenez, a teacher from Columbus, Ohio, said the schools were closed."),
]
_PETITION = SmallArticle("petition", PETITION)


def test_an_occupation_before_a_name_names_the_speaker() -> None:
    assert _PETITION.speaker_of("The lead petitioner") == ["Gloria Benitez"]
    assert _PETITION.speaker_of("The union's president") == ["Ray Moss"]
    assert {"lead", "petitioner"} <= _PETITION.roles("Gloria Benitez")
    assert _PETITION.who("what did the lead petitioner say") == ["Gloria Benitez"]
    assert _PETITION.speaker_of("Paula Jimenez") == ["Paula Jimenez"]
