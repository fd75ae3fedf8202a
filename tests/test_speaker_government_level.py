"""A level of government in a member's words for a post ("the state health dept", "the
county sheriff") is part of whose post it is: the county's medical director is no state
health department's (l40). Each level has the words members use for it; "the town
manager" is the city manager a member means.
"""

from __future__ import annotations

from speaker_helpers import SmallArticle

COUNTY: list[tuple[int, str]] = [
    (1, "Harlan County health director Ann Ruiz said the water was safe to drink."),
    (2, "City manager Joe Kell said the pool would reopen on Friday."),
]
_COUNTY = SmallArticle("county", COUNTY)


def test_a_post_of_another_level_of_government_is_not_the_one_asked_for() -> None:
    """'The state health director' is no county's (l40: the county's medical director was
    quoted for 'what did the state health dept say'); a post of no level may be any."""
    assert _COUNTY.who("what did the state health director say") == []
    assert _COUNTY.who("what did the county health director say") == ["Ann Ruiz"]
    assert _COUNTY.who("what did the health director say") == ["Ann Ruiz"]
    # a town's manager is a city's: one level, the member's loose word for it
    assert _COUNTY.who("what did the town manager say") == ["Joe Kell"]
