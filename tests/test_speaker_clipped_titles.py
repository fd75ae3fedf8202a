"""Clipped words members type for a body or a post that the article spells out: "the
co-op president" (or "coop") for the president of a fishermen's cooperative (l10, l20,
l35 of the training writers' sets: no one was found, or the co-op president's cousin),
and "the ER doctor" for the director of an emergency department (l7, l35: a research
doctor of another article came first). A hyphenated word a question splits ("co", "op")
is joined again when a speaker's role holds it.
"""

from __future__ import annotations

from speaker_helpers import SmallArticle

HARBOR: list[tuple[int, str]] = [
    (1, "Cooperative president Elias Brannagh said captains had borrowed against their boats."),
    (
        2,
        "Dr. Kwame Asante, who studies food access at Brantwood State University, said prices rose.",
    ),
    (
        3,
        "Dr. Leticia Obregon, who directs the emergency department at St. Aldric Medical "
        "Center, said her staff had treated 57 patients.",
    ),
    (4, "Union president Dale Pruitt said the vote was close."),
]
_HARBOR = SmallArticle("harbor", HARBOR)


def test_a_clipped_cooperative_is_the_cooperative() -> None:
    assert _HARBOR.who("what did the co-op president say") == ["Elias Brannagh"]
    assert _HARBOR.who("what did the coop president say") == ["Elias Brannagh"]
    assert _HARBOR.who("what did the co-op guy say") == ["Elias Brannagh"]
    # near miss: another president is no co-op's
    assert _HARBOR.who("what did the union president say") == ["Dale Pruitt"]


def test_the_er_is_the_emergency_department() -> None:
    assert _HARBOR.who("what did the er doctor say") == ["Leticia Obregon"]
    assert _HARBOR.who("what did the ER doc say") == ["Leticia Obregon"]
    # near miss: asked for no ER, every doctor is found
    assert _HARBOR.who("what did the doctor say") == ["Kwame Asante", "Leticia Obregon"]
