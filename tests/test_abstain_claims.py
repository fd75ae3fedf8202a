"""Answer or decline, both ways (issue 12, class 6): questions whose key words the chosen
sentence does not carry.

Each test pairs a no-answer question that shares its names and topic with some sentence
with a near miss that must still be answered. Where meaning decides, a stub encoder
(tests/test_hybrid.py) gives the cosines the test wants: a text (a single word too)
takes the axis of the first key it holds, and every text without a key shares one other
axis.
"""

from __future__ import annotations

from pathlib import Path

from stub_library import library_of

from index.answer_types import states_an_amount
from index.models import Document
from index.question import ASKS_PRICE, parse_question

FESTIVAL = Document(
    text=(
        "PELHAM — One man died and 214 people fell ill in a salmonella outbreak traced to "
        "the Pelham food festival, health officials said on Monday.\n\n"
        "The festival drew about 40,000 visitors over three days in August.\n\n"
        "A 29-year-old woman was killed when her car slid off Route 14 near the festival "
        "grounds on Sunday."
    ),
    source="festival.txt",
    title="Pelham festival outbreak",
)
RAIL = Document(
    text=(
        "CASTLEFORD — Northvale Rail will raise fares by an average of 7.5% on March 1.\n\n"
        "A monthly pass between Castleford and Bramley will go from $312 to $336.\n\n"
        "The Ashby viaduct was closed for 11 weeks last winter for repairs.\n\n"
        "Mayor Colin Fairweather said the fare rise would hurt shift workers."
    ),
    source="rail.txt",
    title="Northvale fares",
)
MINE = Document(
    text=(
        "DUNLOW RIDGE — Two miners were killed when part of a tunnel roof caved in at the "
        "Dunlow Ridge copper mine.\n\n"
        "Rescuers worked through the night at Redmond to reach nine trapped men.\n\n"
        "Copperline, the company that runs the mine, said it would stay closed for at least "
        "a month."
    ),
    source="mine.txt",
    title="Dunlow Ridge collapse",
)


async def test_a_yes_no_question_whose_claim_the_article_never_makes_is_declined(
    tmp_path: Path,
) -> None:
    """No article mentions a stampede, and no word near the festival's sentences means
    one: the festival's outbreak report is no answer to "was there a stampede at the
    festival". "Deadly" is in no article either, but "died" in the answer means it."""
    axes = {"stampede": 0, "deadly": 1, "died": 1}
    lib = await library_of(tmp_path, axes, FESTIVAL, MINE)
    declined = await lib.ask("is it true there was a stampede at the pelham food festival")
    assert not declined.quotes and declined.note and "stampede" in declined.note
    answered = await lib.ask("was the salmonella outbreak at the pelham food festival deadly")
    assert answered.quotes and "One man died" in answered.quotes[0].text
    await lib.close()


async def test_a_yes_no_question_mixing_two_articles_is_declined(tmp_path: Path) -> None:
    """ "Salmonella" lives in the festival article; the mine's sentence about its miners
    says nothing of it, in any words. The mine's own claim is still answered."""
    axes = {"salmonella": 0, "collapse": 1, "caved": 1}
    lib = await library_of(tmp_path, axes, FESTIVAL, MINE)
    declined = await lib.ask("did the miners at dunlow ridge get salmonella too")
    assert not declined.quotes and declined.note and "salmonella" in declined.note
    answered = await lib.ask("did the tunnel roof collapse at dunlow ridge")
    assert answered.quotes and "caved in" in answered.quotes[0].text
    await lib.close()


async def test_without_the_semantic_model_a_yes_no_question_is_not_declined_by_meaning(
    tmp_path: Path,
) -> None:
    """Only meaning tells a paraphrase from a missing claim: without vectors the rule
    declines nothing (the question is answered as before)."""
    lib = await library_of(tmp_path, None, FESTIVAL, MINE)
    answer = await lib.ask("was the salmonella outbreak at the pelham food festival deadly")
    assert answer.quotes and "One man died" in answer.quotes[0].text
    await lib.close()


async def test_how_much_does_it_cost_needs_an_amount_of_money(tmp_path: Path) -> None:
    """The viaduct's sentence states how long it was closed, not what its repair cost; a
    pass's price is answered."""
    lib = await library_of(tmp_path, None, RAIL, MINE)
    declined = await lib.ask("how much did fixing the ashby viaduct cost")
    assert not declined.quotes and declined.note and "amount" in declined.note
    answered = await lib.ask("how much does a monthly pass between castleford and bramley cost")
    assert answered.quotes and "$312 to $336" in answered.quotes[0].text
    await lib.close()


async def test_a_price_of_a_thing_another_article_is_about_is_declined(tmp_path: Path) -> None:
    """Copper is the mine article's; the rail pass's price says nothing of it, in any
    words. The pass's own price is answered."""
    lib = await library_of(tmp_path, {"copper": 0}, RAIL, MINE)
    declined = await lib.ask("whats the price of a monthly copper pass from castleford to bramley")
    assert not declined.quotes and declined.note and "copper" in declined.note
    answered = await lib.ask("whats the price of a monthly pass from castleford to bramley")
    assert answered.quotes and "$312 to $336" in answered.quotes[0].text
    await lib.close()


async def test_how_much_money_shows_the_sentence_stating_an_amount_first(tmp_path: Path) -> None:
    """The sentence sharing most words with the question states a share ("7.5%"), not a
    price; the one stating the pass's price in dollars is shown first."""
    lib = await library_of(tmp_path, None, RAIL, MINE)
    answer = await lib.ask("how much will northvale rail fares cost for a monthly pass on march 1")
    assert answer.quotes and "$312 to $336" in answer.quotes[0].text
    await lib.close()


async def test_a_speaker_named_by_a_place_another_article_is_about_is_declined(
    tmp_path: Path,
) -> None:
    """The only mayor who speaks is Castleford's; "the mayor of Pelham" names the town of
    the festival article, where no mayor speaks. Castleford's mayor is still answered."""
    lib = await library_of(tmp_path, None, RAIL, FESTIVAL)
    declined = await lib.ask("what did the mayor of pelham say about the fare rise")
    assert not declined.quotes and declined.note and "pelham" in declined.note
    answered = await lib.ask("what did the mayor of castleford say about the fare rise")
    assert answered.quotes and "Fairweather" in answered.quotes[0].text
    await lib.close()


def test_which_questions_are_yes_no() -> None:
    assert parse_question("did the school bond pass").polar
    assert parse_question("is it true there was a stampede at the festival").polar
    assert parse_question("wait did miners get salmonella too").polar
    assert not parse_question("did they say when the prisoner swap would happen").polar
    assert not parse_question("how many miners died").polar
    assert not parse_question("the school bond passed?").polar
    assert not parse_question("are levels going up, down, or staying the same").polar


def test_what_asks_for_money() -> None:
    assert parse_question("how much does one of the solar panels cost").asks == ASKS_PRICE
    assert parse_question("how much does the ceo get paid").asks == ASKS_PRICE
    assert parse_question("whats the copper price rn").asks == ASKS_PRICE
    assert parse_question("what does a monthly pass cost").asks == ASKS_PRICE
    assert parse_question("how much did ridership fall").asks == ""
    assert parse_question("how much of the budget was spent").asks == ""
    assert parse_question("what is the price of a monthly pass").asks == ASKS_PRICE
    assert parse_question("what is there a push for to reduce drug costs").asks == ""


def test_what_states_an_amount_of_money() -> None:
    assert states_an_amount("at an estimated cost of $310 million.")
    assert states_an_amount("bought from the mill's owners for one dollar")
    assert states_an_amount("a budget of 40 million euros")
    assert states_an_amount("£2.5bn")
    assert not states_an_amount("produced 92,000 tons of copper")
    assert not states_an_amount("closed for 11 weeks")
    assert not states_an_amount("shares fell 11%")
    assert not states_an_amount("the pound fell")


FERRY = Document(
    text=(
        "PELLOW ISLAND — The ferry to Pellow Island ran again on Tuesday after storms kept "
        "it in port for a week.\n\n"
        "About 1,800 people live on Pellow Island year-round and depend on the ferry for "
        "groceries and fuel."
    ),
    source="ferry.txt",
    title="Pellow Island ferry back",
)
BUS = Document(
    text=(
        "BRAMLEY — Bramley Transit will add a late bus on weeknights from June.\n\n"
        "A bus ticket from Bramley to Castleford costs $4, the transit authority said."
    ),
    source="bus.txt",
    title="Bramley late bus",
)


async def test_how_much_is_a_ticket_needs_an_amount_of_money(tmp_path: Path) -> None:
    """A ticket is an amount of money: the island's sentence counts its residents and
    states no fare, so "how much is a ferry ticket to pellow island" is declined (it was
    answered with "About 1,800 people"); the bus ticket's fare is answered."""
    lib = await library_of(tmp_path, None, FERRY, BUS)
    declined = await lib.ask("how much is a ferry ticket to pellow island")
    assert not declined.quotes and declined.note and "amount" in declined.note
    answered = await lib.ask("how much is a bus ticket to castleford")
    assert answered.quotes and "$4" in answered.quotes[0].text
    await lib.close()


def test_a_thing_that_is_an_amount_of_money_asks_for_one_unless_it_asks_a_change() -> None:
    assert parse_question("how much are kingfishers tickets").asks == ASKS_PRICE
    assert parse_question("how much ransom did the hackers ask for").asks == ASKS_PRICE
    assert parse_question("how much was the company fined").asks == ASKS_PRICE
    assert parse_question("how much are train tickets going up").asks == ""
    assert parse_question("how much of the fine was paid").asks == ""
