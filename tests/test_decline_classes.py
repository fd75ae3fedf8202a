"""No-answer questions the library used to answer (issue: every no-answer declined), one
test a class, each with a near miss still answered:

1. a full name whose surname a speaker has and whose given name is someone else's;
2. a role asked with a place: a place another article's headline names, or a post met
   only in meaning by another post;
3. an amount that prices no thing the question asks the price of;
4. an everyday question dated "last night";
5. a role no one voices ("what did the secretary of state say": only someone who will
   ask the secretary's office), and "of state" is no "stated";
6. a question about the member's own day ("tomorrow") that a forecast in other words
   would answer.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from tempfile import mkdtemp

from stub_library import library_of
from test_speaker_wire_patterns_3 import DirectionEncoder

from index.library import Library
from index.models import Document
from index.question import parse_question
from index.speakers import SpeakerDirectory


@asynccontextmanager
async def opened(
    tmp_path: Path, axes: dict[str, int] | None, *docs: Document
) -> AsyncIterator[Library]:
    """:func:`library_of` ``docs`` in a folder of its own under ``tmp_path`` (a test may
    open several), closed at the end."""
    lib = await library_of(Path(mkdtemp(dir=tmp_path)), axes, *docs)
    try:
        yield lib
    finally:
        await lib.close()


async def declines(lib: Library, question: str, rule: str | None = None) -> None:
    """``question`` gets no quote (declined by ``rule``, when given)."""
    answer = await lib.ask(question)
    assert not answer.quotes, question
    assert rule is None or answer.declined_by == rule, (question, answer.declined_by)


async def answers(lib: Library, question: str, expected: str) -> None:
    """``question``'s first quote holds ``expected``."""
    answer = await lib.ask(question)
    assert answer.quotes and expected in answer.quotes[0].text, (question, answer.declined_by)


TRIAL = Document(
    text=(
        "HADLEIGH — A jury found former town treasurer Dorothy Pelletier guilty of "
        "stealing more than $1.3 million in public money over nine years, moving it "
        "through a fake paving contractor and spending it on a lake house.\n\n"
        "Her son, Martin Pelletier, told reporters the family still believed she was "
        '"an honest woman who made mistakes."\n\n'
        "Pelletier's husband, Raymond Pelletier, was not charged and did not attend the "
        "trial.\n\n"
        "The district attorney's office said it would seek to seize the lake house."
    ),
    source="trial.txt",
    title="Jury convicts former Quillsby treasurer",
)
SCHOOLS = Document(
    text=(
        "CALDER FALLS — The Calder Falls school board voted late Thursday to cut $7.4 "
        "million from next year's budget and close two schools.\n\n"
        "Superintendent Marguerite Oyelaran said the district faced a shortfall caused by "
        "falling enrollment."
    ),
    source="schools.txt",
    title="Calder Falls school board cuts $7.4 million and closes two schools",
)
LEAK = Document(
    text=(
        "MERRITON — An ammonia leak at a fertilizer plant forced the evacuation of 300 "
        "homes on Tuesday.\n\n"
        "Fire Chief Dana Whitcombe said crews reached the failed valve at about 8:40 a.m."
    ),
    source="leak.txt",
    title="Ammonia leak at Merriton fertilizer plant",
)


async def test_a_given_name_no_namesake_has_is_declined(tmp_path: Path) -> None:
    """Martin Pelletier speaks; Raymond Pelletier is named and silent, and no Walter
    Pelletier is in the library: neither is Martin. Martin, "Marty" and the surname
    alone are still answered."""
    async with opened(tmp_path, None, TRIAL) as lib:
        for question in ("what did raymond pelletier say", "what did walter pelletier say"):
            await declines(lib, question, "other-namesake")
        for question in (
            "what did martin pelletier say",
            "what did marty pelletier say",
            "what did pelletier say",
            "what did young pelletier say",  # an everyday word, not known to be a name
        ):
            await answers(lib, question, "honest woman")


SKI = Document(
    text=(
        "BRISKHOLM — Corriveau Peak, the ski hill the Ostrander family has run since 1961, "
        "has been sold to Summitline Resorts.\n\n"
        "Harriet Ostrander said the family will keep the farm at the base of the mountain, "
        "where her late husband, Walter, grew up."
    ),
    source="ski.txt",
    title="Corriveau Peak sold to Summitline",
)


async def test_a_given_name_written_apart_from_the_surname_is_someone_named(
    tmp_path: Path,
) -> None:
    """ "Her late husband, Walter": a name in a sentence with the surname, though not
    before it, so "what did Walter Ostrander say" asks for someone the library names and
    never quotes. Harriet is still answered."""
    async with opened(tmp_path, None, SKI) as lib:
        await declines(lib, "what did walter ostrander say about the sale", "other-namesake")
        await answers(lib, "what did harriet ostrander say", "keep the farm")


COUNCIL = Document(
    text=(
        "BRAMLEY — The town council voted 4-1 on Monday to close the Elm Road library "
        "branch next spring.\n\n"
        'Councillor Robert Ainsley said the branch "costs more than it lends" and that '
        "its books would move to the main library."
    ),
    source="council.txt",
    title="Bramley council votes to close Elm Road library branch",
)


async def test_a_short_form_of_the_given_name_is_the_same_person(tmp_path: Path) -> None:
    """A member writes the short form ("Bob", "Rob") of the given name the article writes
    in full (Robert): the same person, answered, although neither shares four letters
    with it; a given name that is no form of Robert is declined."""
    async with opened(tmp_path, None, COUNCIL) as lib:
        for question in ("what did bob ainsley say", "what did rob ainsley say"):
            await answers(lib, question, "lends")
        await declines(lib, "what did walter ainsley say", "other-namesake")


async def test_a_role_of_a_place_another_headline_names_is_declined(tmp_path: Path) -> None:
    """The only fire chief speaks in the Merriton story; Calder Falls is the schools
    story's place ("calder" is rare, "falls" an English word: neither passed for a name).
    Merriton's fire chief, and the Calder Falls superintendent, are still answered."""
    async with opened(tmp_path, None, SCHOOLS, LEAK) as lib:
        await declines(lib, "what did the calder falls fire chief say", "named-elsewhere")
        await answers(lib, "what did the merriton fire chief say", "Whitcombe")
        await answers(lib, "what did the calder falls superintendent say", "Oyelaran")


WARD = Document(
    text=(
        "WEXMOOR — A state appeals court overturned the approval of a warehouse beside "
        "Hollis Creek Elementary School.\n\n"
        "The superintendent of the Wexmoor Unified School District, Anita Rourke, said the "
        "district had asked the developer to move the loading docks."
    ),
    source="ward.txt",
    title="Court overturns Wexmoor warehouse approval",
)
CLINIC = Document(
    text=(
        "ASHFORD — Flu cases doubled in a week.\n\n"
        "Hana Ito, a physician in Ashford, said the clinic had run out of vaccine."
    ),
    source="clinic.txt",
    title="Ashford flu cases double",
)
# A mayor is near a superintendent in meaning (0.6), a doctor nearer a physician (0.86).
POSTS = {
    "mayor": (1.0, 0, 0, 0, 0),
    "superintendent": (0.6, 0.8, 0, 0, 0),
    "doctor": (0, 0, 1.0, 0, 0),
    "physician": (0, 0, 0.86, 0.51, 0),
}


async def test_a_post_is_no_other_post_near_it_in_meaning(tmp_path: Path) -> None:
    async with opened(tmp_path, None, WARD, CLINIC) as lib:
        lib.enable_semantic(DirectionEncoder(POSTS), process=False)  # type: ignore[arg-type]
        assert await lib.wait_for_vectors(30)
        await declines(lib, "what did the wexmoor mayor say", "role-unheld")
        # near miss: a post as near in meaning as another name for it
        await answers(lib, "what did the ashford doctor say", "Ito")


RAIL = Document(
    text=(
        "CASTLEFORD — Northvale Rail will raise fares by an average of 7.5% on March 1.\n\n"
        "A monthly pass between Castleford and the regional capital, Bramley, will go from "
        "$312 to $336."
    ),
    source="rail.txt",
    title="Northvale fares",
)
PRICED_AXES = {"lake": 0, "house": 0, "superintendent": 1, "earn": 1, "pass": 2}


async def test_an_amount_that_prices_no_thing_asked_is_declined(tmp_path: Path) -> None:
    """The lede states the sum stolen, and names the lake house far from it; the board's
    budget cut says nothing of a superintendent's pay. Her salary, and a pass named
    eleven words before its price (in the same clause), are still answered."""
    async with opened(tmp_path, PRICED_AXES, TRIAL, SCHOOLS, RAIL) as lib:
        await declines(lib, "how much did the lake house cost", "unmatched")
        await declines(lib, "how much does the calder falls superintendent get paid", "unmatched")
    salary = Document(
        text=SCHOOLS.text + "\n\nOyelaran, who earns $198,000 a year, will take a pay freeze.",
        source="schools.txt",
        title=SCHOOLS.title,
    )
    async with opened(tmp_path, PRICED_AXES, TRIAL, salary, RAIL) as lib:
        await answers(lib, "how much does the superintendent earn", "$198,000")
        await answers(lib, "what does a monthly pass castleford to bramley cost", "$312 to $336")


def test_what_a_price_question_prices() -> None:
    assert parse_question("how much did the lake house cost").priced == ("lake", "house")
    assert parse_question("how much does the superintendent get paid").priced == ("superintendent",)
    assert parse_question("what is the price of a monthly pass").priced == ("monthly", "pass")
    assert parse_question("how much money was to go to the network").priced == ()


async def test_last_night_is_no_search_word(tmp_path: Path) -> None:
    """No article speaks of a game: "last night" alone found the strike's lede, which
    says "Monday night". A question about the strike dated so is still answered."""
    strike = Document(
        text=(
            "VESSINGTON — About 1,400 teachers walked off the job Monday night, closing all "
            "23 of the district's schools.\n\n"
            "The union said the strike would last until a contract was signed."
        ),
        source="strike.txt",
        title="Vessington teachers strike",
    )
    assert parse_question("who won the game last night").terms == ["game"]
    async with opened(tmp_path, None, strike) as lib:
        await declines(lib, "who won the game last night")
        await answers(lib, "how many teachers walked off the job last night", "1,400")


def test_a_headline_place_stays_a_setting_while_an_article_names_it() -> None:
    """The places headlines name are counted as articles come and go: a place two
    articles' headlines name is a setting until the last of them is removed."""
    directory = SpeakerDirectory()
    directory.add_article("a", [], [], headline="Calder Falls school board cuts budget")
    directory.add_article("b", [], [], headline="Calder Falls fire chief retires")
    assert directory.is_setting("calder") and not directory.is_setting("merriton")
    directory.add_article("b", [], [], headline="Merriton fire chief retires")  # re-added
    assert directory.is_setting("calder") and directory.is_setting("merriton")
    directory.remove_article("a")
    assert not directory.is_setting("calder") and directory.is_setting("merriton")
    directory.remove_article("b")
    assert not directory.is_setting("merriton")


RECOUNT = Document(
    text=(
        "ORRIN FALLS — A hand recount reversed the outcome of the school board election.\n\n"
        "Elections director Maureen Oduya said the ballots had never been lost. She said "
        "she would ask the secretary of state's office to review the recount procedures."
    ),
    source="recount.txt",
    title="Recount reverses school board election",
)


def test_a_post_after_of_is_no_speech_verb() -> None:
    """ "state" is one edit from "stated": after "of" it is a noun, and the speaker is the
    secretary of state, the topic the recount."""
    parsed = parse_question("what did the secretary of state say about the recount")
    assert parsed.speaker == ["state", "secretary"] and parsed.topic_terms == ["recount"]


async def test_a_role_named_only_as_someone_spoken_to_is_declined(tmp_path: Path) -> None:
    """No secretary of state speaks: the director says she will ask the secretary's
    office, which is no sentence the secretary voices. One that a secretary of state
    voices ("said the secretary of state") is still answered."""
    question = "what did the secretary of state say about the recount"
    async with opened(tmp_path, None, RECOUNT) as lib:
        await declines(lib, question, "role-unheld")
    voiced = Document(
        text=RECOUNT.text + '\n\n"The recount was done by the book," said the secretary of state.',
        source="recount.txt",
        title=RECOUNT.title,
    )
    async with opened(tmp_path, None, voiced) as lib:
        await answers(lib, question, "by the book")


FORECAST = Document(
    text=(
        "PELL VALLEY — The fire burned 14,600 acres by Saturday.\n\n"
        "Forecasters expect the weather to turn, with gusts of 40 mph on Thursday."
    ),
    source="fire.txt",
    title="Fire grows",
)
WEATHER_AXES = {"weather": 0, "forecast": 0, "fire": 1, "strike": 2}


async def test_the_members_own_day_is_no_paraphrase(tmp_path: Path) -> None:
    """ "Whats the weather tomorrow": no article says "tomorrow", and a forecast for an
    article's Thursday is close in meaning but no answer. "What is the weather forecast"
    is still answered by it."""
    async with opened(tmp_path, WEATHER_AXES, FORECAST) as lib:
        await declines(lib, "whats the weather tomorrow", "unknown-words, asker's day")
        await answers(lib, "what is the weather forecast", "gusts")


DOCK = Document(
    text=(
        "PORTHALE — Dock workers at Porthale walked out on Monday after talks on pay broke "
        "down.\n\n"
        "The port's chief executive, Simon Adebayo, said the offer was fair. The company "
        "has offered a 4% rise and a one-off payment of $1,500 per worker.\n\n"
        "The union's general secretary, Joan Ferris, who is paid $98,000 a year, said the "
        "offer fell short."
    ),
    source="dock.txt",
    title="Porthale dock workers strike",
)


async def test_a_payment_to_others_is_no_posts_pay(tmp_path: Path) -> None:
    """ "How much does the CEO get paid": the one-off payment per worker is no chief
    executive's pay, though he speaks in the paragraph before. The general secretary's
    own pay, stated of her by name, is still answered, and asked by her post."""
    async with opened(tmp_path, None, DOCK) as lib:
        await declines(lib, "how much does the porthale ceo get paid", "unmatched")
        await answers(lib, "how much does the general secretary get paid", "$98,000")
        await answers(lib, "how much does ferris make", "$98,000")


HACK = Document(
    text=(
        "ALDERTON — A ransomware attack shut down the billing system of Alderton General "
        "Hospital on Monday.\n\n"
        "Lieutenant Victor Amado, who leads the state police cyber unit, said the attackers "
        "got in through an outside billing contractor.\n\n"
        "Amado declined to name the contractor. The hospital hired an outside "
        "incident-response firm, which it did not name.\n\n"
        "Two nurses who fell ill during the outage were taken to Marden County Hospital. "
        "Their names were not released."
    ),
    source="hack.txt",
    title="Ransomware attack hits Alderton hospital",
)


async def test_a_name_the_article_withholds_is_declined(tmp_path: Path) -> None:
    """The article says it does not give the names asked for ("declined to name the
    contractor" after the sentence about it, "which it did not name", "their names were
    not released"). Who leads the inquiry, and which hospital the nurses went to (a
    place, of which no name is withheld), are still answered."""
    async with opened(tmp_path, None, HACK) as lib:
        for question in (
            "which billing contractor let the attackers in",
            "which incident response firm did the hospital hire",
            "who were the nurses who fell ill",
        ):
            await declines(lib, question, "name-withheld")
        await answers(lib, "who leads the state police cyber unit", "Amado")
        await answers(lib, "which hospital were the nurses taken to", "Marden County")
