"""Which sentence comes first for a question asking for a kind of answer (issue 12): the
one holding that kind of answer, recognised as news writes it ("at about 2:40 a.m.",
"40,000 fish"), when the question's other words fit another sentence as well."""

from __future__ import annotations

from pathlib import Path

from test_hybrid import StubEncoder

from index.answer_types import answer_type_strength
from index.answering import counts_what_is_asked
from index.library import Library
from index.models import Document
from index.question import ASKS_PRICE, AnswerType, parse_question

CELL = Document(
    text=(
        "HALDEN — A man arrested on a trespassing charge was left in a holding cell for 19 "
        "hours, the county police auditor said.\n\n"
        "The man was taken to the hospital in Wexley.\n\n"
        "Officers said the man was finally taken to the hospital at 6:40 p.m. by a patrol "
        "car from the precinct."
    ),
    source="cell.txt",
    title="Man left in a cell",
)
SPILL = Document(
    text=(
        "LENBY — A dairy co-op was fined $3.6 million on Wednesday for a whey spill in the "
        "Sill River.\n\n"
        "Frank Dolan said the club's 140 members lost the season after fish were killed "
        "in the river.\n\n"
        "The spill killed 40,000 fish over a stretch of the river north of the town, the "
        "state said in its report to the court."
    ),
    source="spill.txt",
    title="Dairy co-op fined",
)


async def _library(tmp_path: Path, *docs: Document) -> Library:
    lib = await Library.open(tmp_path / "lib.db")
    for doc in docs:
        await lib.add_document(doc)
    return lib


def test_a_time_of_day_is_a_when_answer_and_no_count() -> None:
    collapse = "The collapse happened at about 2:40 a.m. on the east side of the mine."
    assert answer_type_strength(collapse, AnswerType.NUMBER, frozenset()) == 0.0
    assert answer_type_strength("It ended at 6pm.", AnswerType.DATE, frozenset()) == 1.0
    assert answer_type_strength("It ended at 6:40 p.m.", AnswerType.DATE, frozenset()) == 1.0
    assert answer_type_strength("It ended late.", AnswerType.DATE, frozenset()) == 0.0
    assert answer_type_strength("Two miners died at 2:40 a.m.", AnswerType.NUMBER, frozenset())


async def test_when_puts_the_sentence_with_the_time_of_day_first(tmp_path: Path) -> None:
    """Both sentences say the man was taken to the hospital; only one says when."""
    lib = await _library(tmp_path, CELL)
    answer = await lib.ask("when was the man taken to the hospital")
    assert answer.quotes and "6:40 p.m." in answer.quotes[0].text
    await lib.close()


async def test_how_many_puts_the_figure_beside_the_counted_word_first(tmp_path: Path) -> None:
    """Both sentences name the fish and hold a figure; "140 members" counts members, so
    "40,000 fish" answers "how many fish", though the other shares more of its words."""
    lib = await _library(tmp_path, SPILL)
    answer = await lib.ask("how many fish were killed in the river by the club")
    assert answer.quotes and "40,000 fish" in answer.quotes[0].text
    await lib.close()


def test_beside_a_figure_a_name_the_question_capitalises_counts_nothing() -> None:
    """ "two of the Panthers' starting linebackers" does not count Panthers players; a
    question counting only names reorders nothing."""
    players = parse_question("How many Panthers defense players made the Pro Bowl?")
    text = "Behind them, two of the Panthers three starting linebackers were picked."
    assert not counts_what_is_asked(text, players, anywhere=False)
    assert counts_what_is_asked(text, parse_question("How many Panthers?"), anywhere=False)


WIND = Document(
    text=(
        "The county board approved the wind farm on Tuesday after an eight-hour hearing.\n\n"
        "The company said it would begin making electricity payments to landowners in the "
        "county.\n\n"
        "The farm should start sending power to the grid by the end of 2028."
    ),
    source="wind.txt",
    title="Wind farm approved",
)


async def test_when_shows_the_closer_dated_sentence_of_the_same_article_first(
    tmp_path: Path,
) -> None:
    """ "begin making electricity" is said as "start sending power … by the end of 2028":
    too few of the question's words to answer alone, but the sentence closest in meaning
    that states a date, in the article that answers, is shown first."""
    lib = await _library(tmp_path, WIND)
    lib.enable_semantic(StubEncoder({"when will": 0, "sending power": 0}), process=False)  # type: ignore[arg-type]
    assert await lib.wait_for_vectors(30)
    answer = await lib.ask("when will the wind farm begin making electricity")
    assert answer.quotes and "2028" in answer.quotes[0].text
    await lib.close()


PENSION = Document(
    text=(
        "HARBRIDGE — The Harbridge Teachers' Retirement Fund lost $1.4 billion in the year "
        "to December, its first loss in a decade.\n\n"
        "The fund, which pays pensions to about 62,000 retired and working teachers, said "
        "its assets shrank to $18.7 billion.\n\n"
        "The fund had put a quarter of its money into offices, and those holdings fell by "
        "21 percent.\n\n"
        "The city, which owns the land under the theatre, said it had offered a grant of "
        "$500,000."
    ),
    source="pension.txt",
    title="Pension fund loses money",
)


def test_money_and_shares_count_no_things() -> None:
    """ "$1.4 billion" and "21 percent" are figures, but they count no teachers."""
    asked = parse_question("how many teachers does the harbridge fund cover")
    lost = "The Harbridge Teachers' Retirement Fund lost $1.4 billion, or 21 percent."
    assert not counts_what_is_asked(lost, asked)
    assert counts_what_is_asked("It pays about 62,000 retired and working teachers.", asked)


async def test_how_many_puts_the_count_first_over_a_closer_sentence_with_money(
    tmp_path: Path,
) -> None:
    """The sentence naming the fund, its teachers and a loss in dollars is closer to the
    question in words and meaning; the one counting teachers answers it, and is shown
    first rather than declined ("cover" is said nowhere: the best sentence decides)."""
    lib = await _library(tmp_path, PENSION)
    lib.enable_semantic(StubEncoder({"how many": 0, "Teachers' Retirement": 0}), process=False)  # type: ignore[arg-type]
    assert await lib.wait_for_vectors(30)
    answer = await lib.ask("how many teachers does the harbridge fund cover")
    assert answer.quotes and "62,000" in answer.quotes[0].text
    await lib.close()


async def test_how_much_cash_puts_the_amount_of_money_first(tmp_path: Path) -> None:
    """ "how much cash" asks for an amount of money: "$500,000", not "a quarter of its
    money … 21 percent", though that sentence says "put" as the question does."""
    assert parse_question("how much cash is the city putting in").asks == ASKS_PRICE
    lib = await _library(tmp_path, PENSION)
    answer = await lib.ask("how much cash is the city putting in")
    assert answer.quotes and "$500,000" in answer.quotes[0].text
    await lib.close()
