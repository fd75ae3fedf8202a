"""Speakers in patterns of wire copy the earlier rounds left: a body described by a
participle ("The union representing 1,900 nurses said"), a body described and then named
after an opening phrase ("In a statement, the organizing group, the X Collective,
said"), assent as a reply ("Marsh agreed."), a plural title before two names ("Council
members Tom Lee and Mae Ortiz said"), a body's silence ("The hospital has not said how
much …" is no one speaking), a person's spokesperson who is no other body's, and the kind
of body a speaker works for ("their insurer, Thornbury Mutual" … "Thornbury Mutual's
claims director": "the insurance company guy"), and "according to university
spokesperson Walter Greer". Each class has a near miss that must
stay as it was.
"""

from __future__ import annotations

from speaker_helpers import SmallArticle

# A body described by what it does, in a participle after its noun.
PARTICIPLE: list[tuple[int, str]] = [
    (1, "The Harbor Nurses Union called a strike vote on Monday."),
    (2, "The union representing 1,900 nurses said the offer was unfair."),
    (3, "Ann Cole, a nurse, said the wards were short of staff."),
    (4, "The woman representing the family said the hospital had not called."),
]
_PARTICIPLE = SmallArticle("participle", PARTICIPLE)


def test_a_body_described_by_a_participle_is_the_body() -> None:
    assert _PARTICIPLE.speaker_of("The union representing") == ["Harbor Nurses Union"]
    # near miss: a person described so is no body, and no one named before
    assert _PARTICIPLE.speaker_of("The woman representing") == []


# A body described and then named, after an opening phrase.
OPENING: list[tuple[int, str]] = [
    (
        1,
        "In a statement, the organizing group, the Harbor Arts Collective, said the "
        "festival would go on.",
    ),
    (2, "In a statement, the mayor, Ana Ruiz, said the permit would be granted."),
]
_OPENING = SmallArticle("opening", OPENING)


def test_a_body_described_then_named_after_an_opening_phrase() -> None:
    assert _OPENING.speaker_of("In a statement, the organizing") == ["Harbor Arts Collective"]
    assert {"organizing", "group"} <= _OPENING.roles("Harbor Arts Collective")
    assert _OPENING.who("what did the organizing group say") == ["Harbor Arts Collective"]
    # near miss: a person described and named so is the person, as before
    assert _OPENING.speaker_of("In a statement, the mayor") == ["Ana Ruiz"]
    assert "group" not in _OPENING.roles("Ana Ruiz")


# Assent reported as a reply.
ASSENT: list[tuple[int, str]] = [
    (1, "Lionel Marsh, the board's chair, said the vote was needed."),
    (2, "Ana Ruiz said the cost was too high."),
    (3, "Marsh agreed."),
    (4, "Ruiz said the board had been rushed."),
    (4, "She agreed that the vote should wait."),
    (5, "Marsh agreed to delay the vote."),
    (6, "The board agreed."),
]
_ASSENT = SmallArticle("assent", ASSENT)


def test_agreeing_is_a_reply() -> None:
    assert _ASSENT.speaker_of("Marsh agreed.") == ["Lionel Marsh"]
    assert _ASSENT.speaker_of("She agreed") == ["Ana Ruiz"]
    # near misses: agreeing to do something says nothing, nor does a body's assent
    assert _ASSENT.speaker_of("Marsh agreed to") == []
    assert _ASSENT.speaker_of("The board agreed") == []


# A plural title in lower case before two names.
PLURAL: list[tuple[int, str]] = [
    (1, "Council members Tom Lee and Mae Ortiz said they would vote against the plan."),
    (2, "Dan Frey and Ann Bell said the school should stay open."),
]
_PLURAL = SmallArticle("plural", PLURAL)


def test_a_plural_title_before_two_names_is_both_of_theirs() -> None:
    assert sorted(_PLURAL.speaker_of("Council members")) == ["Mae Ortiz", "Tom Lee"]
    assert {"council", "member"} <= _PLURAL.roles("Tom Lee")
    assert {"council", "member"} <= _PLURAL.roles("Mae Ortiz")
    assert sorted(_PLURAL.who("what did the council members say")) == ["Mae Ortiz", "Tom Lee"]
    # near miss: two names with no title, as before
    assert sorted(_PLURAL.speaker_of("Dan Frey")) == ["Ann Bell", "Dan Frey"]
    assert _PLURAL.roles("Dan Frey") == set()


# A body that has not said something: its silence, not its chief executive's words.
SILENT: list[tuple[int, str]] = [
    (1, "Mercy Hospital will close its maternity ward in May."),
    (2, "Lydia Varga, the hospital's chief executive, said the ward lost money."),
    (2, "The hospital has not said how much the closure will save."),
    (3, "Varga did not say how many nurses would lose their jobs."),
    (4, "Mercy Hospital did not say when the ward would close."),
]
_SILENT = SmallArticle("silent", SILENT)


def test_a_body_that_has_not_said_is_no_one_speaking() -> None:
    assert _SILENT.speaker_of("The hospital has not") == []
    assert _SILENT.speaker_of("Mercy Hospital did not") == []
    # near miss: a person who would not say is reported, as before
    assert _SILENT.speaker_of("Varga did not") == ["Lydia Varga"]


# A person's spokesperson is not the spokesperson of another body who spoke before.
SPOKESPERSON: list[tuple[int, str]] = [
    (1, "Mayor Ana Ruiz said the bridge would close."),
    (2, "A spokesperson for Corvane Energy, Lisa Tran, said the plant was safe."),
    (3, "Ruiz's spokesperson said the mayor was traveling."),
    (4, "Corvane's spokesperson said the plant would reopen."),
]
_SPOKESPERSON = SmallArticle("spokesperson", SPOKESPERSON)
_BODYS_OWN = SmallArticle("bodys-own", [*SPOKESPERSON[:2], SPOKESPERSON[3]])


def test_a_persons_spokesperson_is_no_other_bodys() -> None:
    assert _SPOKESPERSON.speaker_of("Ruiz's spokesperson") == ["Ana Ruiz's spokesperson"]
    # near miss: the body's own spokesperson is still the one who spoke for it
    assert _BODYS_OWN.speaker_of("Corvane's spokesperson") == ["Lisa Tran"]


# The kind of body a speaker works for, as the article names it before.
KIND: list[tuple[int, str]] = [
    (
        1,
        "Most growers carry crop insurance, but several said their insurer, Thornbury "
        "Mutual, had told them that claims would wait.",
    ),
    (
        2,
        "Thornbury Mutual's claims director, Desmond Achterberg, said the company had "
        "sent 40 extra adjusters.",
    ),
    (3, "Ivan Petrakis, who owns a repair shop in town, said business was slow."),
]
_KIND = SmallArticle("kind", KIND)


def test_a_speaker_holds_the_kind_of_the_body_they_work_for() -> None:
    assert "insurer" in _KIND.roles("Desmond Achterberg")
    assert "Desmond Achterberg" in _KIND.who("what did the insurer say")
    assert _KIND.who("what did the insurance company guy say", person=True) == [
        "Desmond Achterberg"
    ]
    # near miss: one who works for no named body gains no kind
    assert "insurer" not in _KIND.roles("Ivan Petrakis")


# A post in lower case between "according to" and the name.
ACCORDING_POST: list[tuple[int, str]] = [
    (1, "The road is closed, according to the county spokesperson, Mae Lutz."),
    (
        2,
        "Campus police escorted three people out, but no one was arrested, according to "
        "university spokesperson Walter Greer.",
    ),
    (3, "Sales fell, according to state data released on Friday."),
]
_ACCORDING_POST = SmallArticle("according-post", ACCORDING_POST)


def test_according_to_a_post_in_lower_case_then_a_name() -> None:
    assert _ACCORDING_POST.speaker_of("Campus police") == ["Walter Greer"]
    assert _ACCORDING_POST.who("what did the university spokesperson say") == ["Walter Greer"]
    # near miss: data after "according to" is no one
    assert _ACCORDING_POST.speaker_of("Sales fell") == []
