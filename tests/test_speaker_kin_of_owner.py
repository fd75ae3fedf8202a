"""Whose kin a relative is: "Tom Delacroix, her husband, who runs a ski shop, said …"
right after Marcy Delacroix spoke (a training writer's article, l37). Members ask for
him by her: "what did marcy's husband say", "what did the camp hosts husband say"; the
answer was hers, or the camp host's, since the relative's own words held only
"husband". A relative introduced beside a family noun (after their name or before it,
by "his", "her" or the owner's name in the possessive: "Reyes' sister, Camila Reyes")
now holds the owner's name and post as the words of whose kin they are, read only
before a family noun: the camp host is still only the camp host. And "a cousin of the
co-op president" is no co-op president (l35): past "<kin> of", the words are the
owner's, while "a mother of three" is still the mother of three. And a clause naming
someone's children makes them a parent ("Jamal Whitaker, who takes his three children to
Lake Tamsin State Park almost every weekend": "what did the dad who goes to lake tamsin
say", l37; "Renee Dufresne, who has brought her children to the zoo every summer", l33),
without taking from them the group they were named among ("Visitors said …").
"""

from __future__ import annotations

from speaker_helpers import SmallArticle

# A diner owner, then her husband beside his name; a camp host, then hers by "her".
RESORT: list[tuple[int, str]] = [
    (1, "Marcy Delacroix, who owns the Switchback Diner on Route 9, said bookings are down."),
    (1, '"The lodge bus used to bring us forty people," she said.'),
    (
        2,
        "Tom Delacroix, her husband, who runs a ski tuning shop next door, said he had "
        "laid off one of his two seasonal workers.",
    ),
    (3, "A camp host, Dorothy Fenn, drove through the lower loop honking her horn."),
    (3, '"She saved lives last night," said Miguel Santos, a camper from Dunmore.'),
    (4, "Fenn declined to be interviewed Saturday."),
    (4, 'Her husband, Walt Fenn, said she had not slept and was "not ready to talk."'),
    (5, "The kayaker, Jordan Reyes of Marbury, drowned below the dam in June."),
    (5, "Reyes' sister, Camila Reyes, spoke at the announcement."),
    (5, '"He knew this river better than anyone," she said.'),
]
_RESORT = SmallArticle("resort", RESORT)


def test_a_relative_is_asked_for_by_whose_kin_they_are() -> None:
    assert _RESORT.who("what did marcy's husband say") == ["Tom Delacroix"]
    assert _RESORT.who("what did the diner owners husband say") == ["Tom Delacroix"]
    assert _RESORT.who("what did the camp hosts husband say") == ["Walt Fenn"]
    assert _RESORT.who("what did the kayakers sister say") == ["Camila Reyes"]
    # near misses: the owner's words name the relative only as someone's kin
    assert _RESORT.who("what did marcy delacroix say") == ["Marcy Delacroix"]
    assert _RESORT.who("what did the diner owner say") == ["Marcy Delacroix"]
    assert _RESORT.who("what did the camp host say") == []
    assert _RESORT.who("what did the kayaker say") == []


# A cousin of a post's holder, and a mother of three.
HARBOR: list[tuple[int, str]] = [
    (1, "The president of the Harlow Bay Fishermen's Cooperative, Rosa Medeiros, spoke."),
    (1, '"Cut the quota if you have to," Medeiros said.'),
    (
        2,
        "Gina Medeiros, a marine biologist and a cousin of the co-op president, said the "
        "decline was visible in the data.",
    ),
    (3, "Ana Cruz, a mother of three, said the school should stay open."),
]
_HARBOR = SmallArticle("harbor", HARBOR)


def test_the_words_after_kin_of_are_the_owners() -> None:
    assert _HARBOR.who("what did the president say") == ["Rosa Medeiros"]
    assert _HARBOR.who("what did the co-op president's cousin say") == ["Gina Medeiros"]
    assert _HARBOR.who("what did the biologist say") == ["Gina Medeiros"]
    # near miss: a number after "of" counts children, and is hers
    assert _HARBOR.who("what did the mother of three say") == ["Ana Cruz"]


PARK: list[tuple[int, str]] = [
    (1, "Visitors said the new fees were steep."),
    (
        1,
        "Renee Dufresne, who has brought her children to the zoo every summer, said the "
        "elephants were always the first stop.",
    ),
    (2, "Jamal Whitaker, who takes his three children to the park, said the pass cost too much."),
    (3, "Tom Ruiz, who drives his truck to the park, said the road was fine."),
]
_PARK = SmallArticle("park", PARK)


def test_a_clause_naming_their_children_makes_a_parent() -> None:
    assert _PARK.who("what did the mom say") == ["Renee Dufresne"]
    assert _PARK.who("what did the dad say") == ["Jamal Whitaker"]
    assert _PARK.who("what did the parent say") == ["Renee Dufresne", "Jamal Whitaker"]
    assert "visitor" in _PARK.roles("Renee Dufresne")
    # near miss: his truck is no child
    assert "parent" not in _PARK.roles("Tom Ruiz")
