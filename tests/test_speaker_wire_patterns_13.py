"""Everyday news patterns that gave a sentence the wrong speaker, or a person no role
(index/attribution.py): a sentence opening with a known surname alone ("Ortega proposed
…. He said afterward …") keeps that person in sight for the next "he", as one opening
with a full name already did; people listed after one description ("The two board members
who voted no, Denise Harper and Luis Ortega,") all hold it; a post someone is appointed
to ("named Deputy Chief Andrea Sloane as interim chief", "was named acting director") is
theirs; a body named an association whose officer speaks of "the union" is the union
("what did the union president say"); and "did not return a call seeking comment" or "declined to comment" is no one
speaking. Near misses: a
surname that opens a sentence but belongs to a body, and "named" without "as", give no
one a role.
"""

from __future__ import annotations

from speaker_helpers import SmallArticle

TOLL: list[tuple[int, str]] = [
    (1, "The bridge board voted 5-2 on Monday to raise the toll to $4.50."),
    (
        2,
        "The two board members who voted no, Denise Harper and Luis Ortega, represent the "
        "east side of the river.",
    ),
    (3, '"This is real money for working families," Harper said.'),
    (4, "Ortega proposed a smaller increase, but the motion failed."),
    (4, "He said afterward that he would push for a discount for low-income drivers."),
    (4, '"I am not giving up on this," he said.'),
]
_TOLL = SmallArticle("toll", TOLL)

AUDIT: list[tuple[int, str]] = [
    (1, "Police Chief Gordon Fitch resigned Monday after an audit of overtime."),
    (2, "City Manager Elena Ruiz accepted the resignation."),
    (2, "She named Deputy Chief Andrea Sloane as interim chief, effective immediately."),
    (3, "Marta Quell was named acting director of the records office in March."),
    (4, "The mayor named Tom Brandt in a letter to the council."),
    (4, "The board appointed Ann Lee treasurer last year."),
    (5, "Council member Sheila Fitch recused herself from the discussions."),
    (5, "She did not return a call seeking comment."),
    (5, "Mediator Frank Osei declined to comment."),
    (5, "Councillor Tim Osei declined to name the auditors."),
    (5, "Auditor Ray Lund declined to comment on the chief's claims."),
    (6, '"We will cooperate fully with the auditors," Sloane said.'),
    (7, '"The numbers are hard to ignore," Fitch said.'),
]
_AUDIT = SmallArticle("audit", AUDIT)

TALKS: list[tuple[int, str]] = [
    (1, "Teachers and the school board reached a deal hours before a strike."),
    (
        2,
        '"Nobody wanted to strike," said Renee Castillo, president of the Harlow Education '
        "Association.",
    ),
    (3, "Castillo said the union had agreed to form a joint committee on insurance."),
    (4, "Paul Dorn, president of the Harlow Business Association, said shops would stay open."),
    (5, "Board President Sylvia Marsh said the board would vote on Sept. 10."),
]
_TALKS = SmallArticle("talks", TALKS)


def test_a_he_after_a_sentence_opening_with_a_known_surname_is_that_person() -> None:
    assert _TOLL.speaker_of("Ortega proposed") == []
    assert _TOLL.speaker_of("He said afterward") == ["Luis Ortega"]
    assert _TOLL.speaker_of('"I am not giving up') == ["Luis Ortega"]
    assert _TOLL.speaker_of('"This is real money') == ["Denise Harper"]


def test_people_listed_after_one_description_all_hold_it() -> None:
    assert {"board", "members"} <= _TOLL.roles("Denise Harper")
    assert {"board", "members"} <= _TOLL.roles("Luis Ortega")


def test_a_post_someone_is_appointed_to_is_theirs() -> None:
    assert {"interim", "chief"} <= _AUDIT.roles("Andrea Sloane")
    assert {"acting", "director"} <= _AUDIT.roles("Marta Quell")
    assert "treasurer" in _AUDIT.roles("Ann Lee")
    assert _AUDIT.who("what did the interim chief say")[:1] == ["Andrea Sloane"]
    # near miss: "named" without "as" and a post gives no role
    assert _AUDIT.roles("Tom Brandt") == set()


def test_an_association_whose_officer_speaks_of_the_union_is_the_union() -> None:
    assert "union" in _TALKS.roles("Renee Castillo")
    assert _TALKS.who("what did the union president say")[:1] == ["Renee Castillo"]
    # near miss: another association's president is no union's
    assert "union" not in _TALKS.roles("Paul Dorn")


def test_a_call_seeking_comment_is_no_one_speaking() -> None:
    assert _AUDIT.speaker_of("She did not return") == []
    assert _AUDIT.speaker_of("Mediator Frank Osei declined") == []
    # near miss: what someone declines to tell is still reported of them
    assert _AUDIT.speaker_of("Councillor Tim Osei") == ["Tim Osei"]
    assert _AUDIT.speaker_of("Auditor Ray Lund") == ["Ray Lund"]
    assert not any("call" in e.name for e in _AUDIT.attributed().entities)
