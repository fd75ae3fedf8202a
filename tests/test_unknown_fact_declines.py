"""No-answer questions the library used to answer, round 14 (issue: every no-answer
declined): the article says that what is asked is not known or not told ("we will find
out why that valve failed", "did not say how long that might take", "has not said how
much"), beside a sentence that matches the question's words. Near misses of the same
article, whose facts it does state, are still answered; so is a "why" whose sentence
states a cause.
"""

from __future__ import annotations

from pathlib import Path

from test_decline_classes import answers, declines, opened

from index.models import Document
from index.question import AnswerType
from index.withheld_facts import _unknown_clauses

LEAK = Document(
    text=(
        "OSTLEY — A chlorine leak at the Ostley water plant forced about 200 people from "
        "their homes on Tuesday.\n\n"
        "The leak began when a valve on a storage tank failed during a routine transfer, "
        "said plant manager Ines Carrow.\n\n"
        '"We are sorry for the fear this caused, and we will find out why that valve '
        'failed," Carrow said.\n\n'
        "The plant will stay shut until state inspectors finish their checks, but Carrow "
        "did not say how long that might take.\n\n"
        "The evacuation order was lifted at 6 p.m. because the wind had carried the gas "
        "away from the town."
    ),
    source="leak.txt",
    title="Chlorine leak at Ostley water plant",
)
HACK = Document(
    text=(
        "ALDENPORT — Mercy Ridge hospital has diverted ambulances for three days after a "
        "ransomware attack, and cancelled about 640 appointments.\n\n"
        "The hospital has not said how much money the attackers demanded. It said the "
        "attack began on Saturday."
    ),
    source="hack.txt",
    title="Ransomware attack hits Mercy Ridge hospital",
)
FERRY = Document(
    text=(
        "KESTREL HARBOUR — Ferry service to Orrin Island was suspended indefinitely on "
        "Thursday after a fire broke out in the engine room of the Sallow Wren.\n\n"
        "An inspection of the boat could take two weeks, the operator said."
    ),
    source="ferry.txt",
    title="Orrin Island ferry suspended after engine fire",
)

BOARD = Document(
    text=(
        "BRAYTON — The planning board voted 4-3 on Wednesday to approve a warehouse on "
        "Mill Road.\n\n"
        "Board chair Lisa Hartwell, who cast one of the four votes in favor, did not "
        "return calls on Thursday.\n\n"
        "Member Tom Ruiz voted against the warehouse because of the truck traffic it "
        "would bring."
    ),
    source="board.txt",
    title="Brayton planning board approves Mill Road warehouse",
)


async def test_a_fact_the_article_says_is_not_known_is_declined(tmp_path: Path) -> None:
    """The valve's failure is described, its cause is still to be found out; the plant's
    reopening has no date the manager would give; the ransom is not told. What the
    articles do state is answered."""
    async with opened(tmp_path, None, LEAK, HACK) as lib:
        await declines(lib, "why did the valve fail", "fact-unknown")
        await declines(lib, "how long will the ostley plant stay shut", "fact-unknown")
        await declines(lib, "how much ransom did the attackers demand from the hospital")
        await answers(lib, "why was the evacuation order lifted", "because the wind")
        await answers(lib, "when was the evacuation order lifted", "6 p.m.")
        await answers(lib, "how many people were forced from their homes", "200 people")
        await answers(lib, "how many appointments did mercy ridge cancel", "640")


async def test_how_long_a_suspension_with_no_end_lasts_is_not_known(tmp_path: Path) -> None:
    """ "Suspended indefinitely" states no span; a span stated is answered, and "when" is
    answered by the day the suspension began."""
    async with opened(tmp_path, None, FERRY) as lib:
        await declines(lib, "how long will the orrin island ferry be suspended", "fact-unknown")
        await answers(lib, "how long will the inspection of the boat take", "two weeks")
        await answers(lib, "when was the ferry service suspended", "Thursday")


def test_the_clause_not_known_is_read_by_its_question_word() -> None:
    """A cue (a negated verb of telling, "unclear", "find out") before the question word
    makes the clause after it unknown, for the kinds that question word asks."""
    why = frozenset({AnswerType.REASON})
    number = frozenset({AnswerType.NUMBER})
    date = frozenset({AnswerType.DATE})
    span = frozenset({AnswerType.DURATION})
    assert _unknown_clauses("We will find out why that valve failed.", why) == [
        ["that", "valve", "failed"]
    ]
    assert _unknown_clauses("He didn't say how many were hurt.", number) == [["were", "hurt"]]
    assert _unknown_clauses("It was unclear when the bridge would reopen.", span)
    # the wrong kind, and no cue: nothing unknown
    assert not _unknown_clauses("We will find out why that valve failed.", number)
    assert not _unknown_clauses("She explained why the valve failed.", why)
    assert not _unknown_clauses("He said when the bridge would reopen.", span)
    # "when" asks of an event as often as of a date: not read for it
    assert not _unknown_clauses("It was unclear when the bridge would reopen.", date)


async def test_why_someone_acted_is_not_known_when_they_could_not_be_reached(
    tmp_path: Path,
) -> None:
    """The chair's vote is reported, her reasons are not: she did not return calls. A
    member's reason stated is answered."""
    async with opened(tmp_path, None, BOARD) as lib:
        await declines(lib, "why did the board chair vote for the warehouse", "fact-unknown")
        await answers(lib, "why did tom ruiz vote against the warehouse", "because of the truck")
