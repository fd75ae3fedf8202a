"""One of a group that spoke, named right after it (index/attribution.py
``_member_of_group``, ``_common_plural``): a group whose field is written in lower case
("Car wash owners said"), a sentence-opening plural the article never writes in lower case
("Installers said"), and a resident, neighbour or homeowner, who holds no post. Each class
has a near miss that must stay as it was: officials name no official after them, and a
surname opening a sentence is no group.
"""

from __future__ import annotations

from speaker_helpers import SmallArticle

GROUPS: list[tuple[int, str]] = [
    (1, "Car wash owners said the rules would hit them hard in their busiest season."),
    (
        1,
        "Sam Petrakis, who owns Sparkle Auto Spa on Commerce Street, said he would lose two "
        "days of income a week.",
    ),
    (2, "Installers said phones have been ringing with cancellations."),
    (
        2,
        "Marcus Bell, who owns Bell Comfort Heating in Eastport, said 17 customers had called "
        "to cancel.",
    ),
    (3, "Some residents said the restrictions were overdue."),
    (3, "Harold Gibbs, who lives near Harrow Lake, said he could see the old shoreline."),
    (4, "Officials said the reservoir would recover by spring."),
    (4, "Nora Vance, who lives on Pine Street, said she did not believe it."),
    (5, "Peters said the plan was sound."),
    (5, "Ann Peters, the mayor, said the council would vote in May."),
]
_GROUPS = SmallArticle("groups", GROUPS)


def test_an_owner_after_owners_of_a_trade_is_one_of_them() -> None:
    assert _GROUPS.speaker_of("Car wash owners") == ["Car wash owners"]
    assert {"car", "wash", "owner"} <= _GROUPS.roles("Sam Petrakis")
    # the group and the one of them named: both speak for car wash owners
    assert "Sam Petrakis" in _GROUPS.who("what did the car wash owner say")


def test_a_plural_the_article_never_writes_in_lower_case_is_a_group() -> None:
    assert "installer" in _GROUPS.roles("Installers")
    assert "installer" in _GROUPS.roles("Marcus Bell")
    assert "Marcus Bell" in _GROUPS.who("what did the installer say")


def test_a_resident_after_residents_is_one_of_them() -> None:
    assert "resident" in _GROUPS.roles("Harold Gibbs")


def test_near_misses_officials_and_a_surname() -> None:
    # a group of a post names no holder of it after it
    assert "official" not in _GROUPS.roles("Nora Vance")
    # "Peters" is capitalised within a sentence of the article: a surname, no group
    assert _GROUPS.speaker_of("Peters said") == ["Ann Peters"]
    assert _GROUPS.roles("Ann Peters") == {"mayor"}
