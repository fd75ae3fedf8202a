"""An appeal reported in the perfect: "Board member Yusuf Carrandine, who voted against
the 2023 contract, has called for the district to bring transportation back in-house"
and "State Sen. Orrin Kessel … has called for a hearing on ferry safety" were no one's,
so "what did carrandine say" was declined as asking for someone named but silent. "Pell
called for a review" already was Pell's; the auxiliary ("has", "had", "have", with an
adverb: "has repeatedly called on") now stands between as well. A plan's or a body's
call in lower case stays its plan ("The new plan has called for 40 more buses").
"""

from __future__ import annotations

from speaker_helpers import SmallArticle

ROWS: list[tuple[int, str]] = [
    (
        1,
        "State Sen. Mara Kessel, whose district includes the island, has called for a "
        "hearing on ferry safety.",
    ),
    (
        2,
        "Board member Dana Carrandine, who voted against the 2023 contract, has called for "
        "the district to bring transportation back in-house.",
    ),
    (3, "Kessel has repeatedly called on the state to act."),
    # near misses: a plan's call, a body in lower case
    (4, "The new plan has called for 40 more buses."),
    (5, "The state civil liberties union has called for the policy to be suspended."),
]
_ARTICLE = SmallArticle("ferry", ROWS)


def test_an_appeal_after_an_auxiliary_is_its_subjects() -> None:
    assert _ARTICLE.speaker_of("State Sen. Mara Kessel") == ["Mara Kessel"]
    assert _ARTICLE.speaker_of("Board member Dana Carrandine") == ["Dana Carrandine"]
    assert _ARTICLE.speaker_of("Kessel has repeatedly") == ["Mara Kessel"]
    assert _ARTICLE.who("what did carrandine say") == ["Dana Carrandine"]


def test_a_plan_or_a_lower_case_body_calling_for_is_no_speaker() -> None:
    assert _ARTICLE.speaker_of("The new plan") == []
    assert _ARTICLE.speaker_of("The state civil liberties union") == []
