"""Speakers in patterns of wire copy the earlier rounds left: a pledge in the present
tense ("Governor X vows to …"), "Neighbor Tom Reyes" and "Head keeper Samir Haddad" (a
description before the name is a post, not part of it), a person named right after a
plural group spoke ("Passengers described …. Abdul Rahimi … said"), "a spokesman for
the office" after a lower-case office spoke, "the DA spokeswoman" for a spokeswoman of
the district attorney's office, and a request that is a thing done in a relative
clause ("The recount, which her campaign requested on Feb. 27, took …"). Each class has
a near miss that must stay as it was.
"""

from __future__ import annotations

from speaker_helpers import SmallArticle

# Headlines and ledes report a pledge in the present.
PLEDGES: list[tuple[int, str]] = [
    (1, "Governor Ann Lee vows to veto the budget bill."),
    (2, "Senator Dale Ames pledges that the clinic will stay open."),
    (3, "Lee's vows to fix the roads went unmet."),
    (4, "Wedding vows were exchanged at noon."),
    (5, "The couple renewed their vows at the chapel."),
    (6, "Senator Dale Ames pledges $2 million for the schools."),
]
_PLEDGES = SmallArticle("pledges", PLEDGES)


def test_a_pledge_in_the_present_is_speech() -> None:
    assert _PLEDGES.speaker_of("Governor Ann Lee") == ["Ann Lee"]
    assert _PLEDGES.speaker_of("Senator Dale Ames pledges that") == ["Dale Ames"]
    # near misses: the nouns, and a pledge of money
    assert _PLEDGES.speaker_of("Lee's vows") == []
    assert _PLEDGES.speaker_of("Wedding vows") == []
    assert _PLEDGES.speaker_of("The couple") == []
    assert _PLEDGES.speaker_of("Senator Dale Ames pledges $2") == []


# Descriptions of people written before their name, as titles are.
NEIGHBOURS: list[tuple[int, str]] = [
    (1, "Neighbor Tom Reyes said the fire started at noon."),
    (
        2,
        "Head keeper Samir Haddad, who has cared for the panda since 2024, spent the "
        "weekend walking the streets.",
    ),
    (2, '"You get a very sore neck," Haddad said.'),
    (3, "Neighbourhood Watch leader Ann Bell said the street was calm."),
]
_NEIGHBOURS = SmallArticle("neighbours", NEIGHBOURS)


def test_a_neighbor_or_keeper_before_a_name_is_a_post() -> None:
    assert _NEIGHBOURS.speaker_of("Neighbor Tom Reyes") == ["Tom Reyes"]
    assert "neighbor" in _NEIGHBOURS.roles("Tom Reyes")
    assert _NEIGHBOURS.who("what did the neighbor say") == ["Tom Reyes"]
    assert _NEIGHBOURS.who("what did the keeper say") == ["Samir Haddad"]
    # near miss: a capitalised name of a group stays the role of its leader
    assert _NEIGHBOURS.speaker_of("Neighbourhood Watch") == ["Ann Bell"]
    assert {"leader", "watch"} <= _NEIGHBOURS.roles("Ann Bell")


# A derailment: passengers speak, then one of them is named.
DERAILMENT: list[tuple[int, str]] = [
    (1, "Three cars tipped over, and passengers had to climb out through the windows."),
    (2, "Passengers described a violent shudder as the cars tipped over."),
    (
        2,
        "Abdul Rahimi, a 31-year-old accountant who was in the second car, said he was "
        "thrown across the aisle.",
    ),
    (3, "Prosecutors said the driver had been speeding, and prosecutors will appeal."),
    (3, "Defence lawyer Jo Ames said the brakes had failed."),
    (4, "Officials said the line would reopen, and officials will meet."),
    (4, "Ruth Dale said she had waited two hours."),
]
_DERAILMENT = SmallArticle("derailment", DERAILMENT)


def test_one_named_right_after_a_group_spoke_is_one_of_it() -> None:
    assert "passenger" in _DERAILMENT.roles("Abdul Rahimi")
    assert "Abdul Rahimi" in _DERAILMENT.who("what did the passenger say")
    # near misses: a person holding a post, and a group of a post
    assert "prosecutor" not in _DERAILMENT.roles("Jo Ames")
    assert "official" not in _DERAILMENT.roles("Ruth Dale")


# A festival: a lower-case office speaks, then its spokesman.
FESTIVAL: list[tuple[int, str]] = [
    (
        1,
        "Director Cormac Delaney said the show was stopped with the Harlow County Sheriff's Office.",
    ),
    (2, "The state attorney general's consumer protection office said it had 140 complaints."),
    (2, "A spokesman for the office, Raymond Iles, said fans should keep their receipts."),
    (3, "Later, the Harlow County Sheriff's Office closed the road."),
    (4, "A spokeswoman for the office, Ann Ruiz, said the road would reopen."),
]
_FESTIVAL = SmallArticle("festival", FESTIVAL)


def test_a_spokesman_for_the_office_is_the_office_that_spoke() -> None:
    assert {"consumer", "protection"} <= _FESTIVAL.roles("Raymond Iles")
    assert "sheriff's" not in _FESTIVAL.roles("Raymond Iles")
    assert _FESTIVAL.who("what did the consumer protection spokesman say") == ["Raymond Iles"]
    # near miss: the office met later, no lower-case one speaking, is the capitalised one
    assert "sheriff's" in _FESTIVAL.roles("Ann Ruiz")


# A verdict: the DA's office and its spokeswoman.
VERDICT: list[tuple[int, str]] = [
    (1, "Assistant District Attorney Marcus Hale said she had created a company."),
    (2, "The district attorney's office said it would seek to seize the house."),
    (2, "A spokeswoman for the office, Nadia Fiore, said prosecutors would ask for restitution."),
    (3, "A hospital spokeswoman said two people were hurt."),
]
_VERDICT = SmallArticle("verdict", VERDICT)


def test_the_da_spokeswoman_speaks_for_the_district_attorneys_office() -> None:
    assert _VERDICT.who("what did the da spokeswoman say") == ["Nadia Fiore"]
    # near misses: the DA is the attorney, and the spokeswoman holds no title of his
    assert _VERDICT.who("what did the da say")[0] == "Marcus Hale"
    assert "Nadia Fiore" not in _VERDICT.who("what did the da say")
    assert "prosecutor" not in _VERDICT.roles("Nadia Fiore")


# A recount: a request in a relative clause is a thing done.
RECOUNT: list[tuple[int, str]] = [
    (1, "The recount, which Venkataraman's campaign requested on Feb. 27, took six days."),
    (2, "The audit, which the council ordered in May, found waste."),
    (3, "The plan, which Mayor Jo Hart said was reckless, passed."),
    (4, "The plan, which Mayor Jo Hart described as reckless, passed."),
]
_RECOUNT = SmallArticle("recount", RECOUNT)


def test_a_request_done_in_a_relative_clause_is_no_speech() -> None:
    assert _RECOUNT.speaker_of("The recount") == []
    assert _RECOUNT.speaker_of("The audit") == []
    # near misses: a clause that reports what was said
    assert _RECOUNT.speaker_of("The plan, which Mayor Jo Hart said") == ["Jo Hart"]
    assert _RECOUNT.speaker_of("The plan, which Mayor Jo Hart described") == ["Jo Hart"]
