"""Posts a relative clause gives a speaker, read by the words a member asks with. Two
training writers' speakers were asked for by what a "who" clause says of them: "the
landfill worker" is "Dave Kowalczyk, a heavy equipment operator who has worked at the
landfill for 16 years" (l22), "the organizer" is "Rosa Quintero, a nurse's aide who has
lived at Halsey Court for eleven years and is one of the union's organizers" (l37).
The clause after a description was not read, "and is one of" gave no post, and a verb
gave one only from a hand list ("owns": owner). A verb's doer is now the English word
for it when wordfreq knows it as a common one ("grows": grower, "worked": worker), with
what the verb acts on. Each class has a near miss that must stay as it was.
"""

from __future__ import annotations

from speaker_helpers import SmallArticle

from index.attribution import agent_noun

PEOPLE: list[tuple[int, str]] = [
    (
        1,
        "Dave Kowalczyk, a heavy equipment operator who has worked at the landfill for 16 "
        "years, said the jobs were good.",
    ),
    (
        2,
        '"We are not refusing to pay," said Rosa Quintero, a nurse\'s aide who has lived at '
        "Halsey Court for eleven years and is one of the union's organizers.",
    ),
    (3, "Wendell Corrigan, who grows wheat and alfalfa on 1,200 acres, said the wells were low."),
    (
        4,
        '"My apartment was 94 degrees," said Gloria Espinoza, 78, who walked four blocks to '
        "the library with her granddaughter.",
    ),
    (5, "Ann Lee, who lives next door, said she heard the blast."),
    (6, "Tom Reyes, a retiree who was a teacher for 30 years, said the levy was too high."),
]
_PEOPLE = SmallArticle("people", PEOPLE)


def test_a_who_clause_after_a_description_gives_a_post() -> None:
    assert {"worker", "landfill", "operator"} <= _PEOPLE.roles("Dave Kowalczyk")
    assert _PEOPLE.who("what did the landfill worker say") == ["Dave Kowalczyk"]
    assert {"organizers", "union", "aide"} <= _PEOPLE.roles("Rosa Quintero")
    assert _PEOPLE.who("what did the union organizer say") == ["Rosa Quintero"]
    assert "teacher" in _PEOPLE.roles("Tom Reyes")
    # near misses: how long is no post, nor whom one walked with
    assert "years" not in _PEOPLE.roles("Tom Reyes")
    assert "granddaughter" not in _PEOPLE.roles("Gloria Espinoza")


def test_a_verbs_doer_is_a_post_when_english_has_the_word() -> None:
    assert {"grower", "wheat", "alfalfa"} <= _PEOPLE.roles("Wendell Corrigan")
    assert "acres" not in _PEOPLE.roles("Wendell Corrigan")
    assert [agent_noun(v) for v in ("grows", "worked", "drove", "farms")] == [
        "grower",
        "worker",
        "driver",
        "farmer",
    ]
    # near misses: a verb too light to describe anyone, a word no reader uses, no verb
    assert agent_noun("lives") == agent_noun("studies") == agent_noun("wheat") == ""
    assert _PEOPLE.roles("Ann Lee") == set()
