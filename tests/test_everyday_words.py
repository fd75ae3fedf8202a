"""Everyday English words say little about which article a question is about.

In a small library "even" or "someone" is as rare among the articles (and among the
sentences) as the question's topic, "recount": BM25 and the article shares alone rate
them alike. Weighed by their rarity in English too (wordfreq), the article holding the
question's specific words comes first; where the everyday word is itself what the
question asks about, nothing changes.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from index.library import Library

RECOUNT = """title Hand recount ordered in tied council race
date 2026-11-19

The county will begin a hand recount of the Ward 4 council race on Monday.

The recount was requested by the trailing candidate, who asked for it in writing on Friday.

Election officials said the recount would take three days.

Observers from both campaigns may watch the recount.

The recount will cost about $18,000, the county said.
"""

AIRPORT = """title Airline drops the city's only route
date 2026-03-09

The airline said it will end its last route from the city in June.

"Unless someone guarantees the airline a minimum revenue, even a small route cannot come back," the mayor said.

The city will ask the federal government for help.

Travellers now drive six hours to the nearest airport.
"""

DISTILLERY = """title Family distillery installs a new copper still
date 2026-05-02

The Harlan family distillery has installed a second copper still at its farm.

The new still cost $80,000 and was built by hand over six months.

The old still will be kept for small batches of rye.

Visitors can watch the still run on Saturdays.
"""

STORM = """title Storm closes the valley road
date 2026-02-10

Heavy rain closed the valley road on Monday.

The road is still closed, and crews said repairs would cost about $40,000.

Forecasters expect drier weather later this week.
"""

MATCH = """title Derby ends level after late goal
date 2026-04-20

The derby ended 2-2 after a goal in the last minute.

"It was even from start to finish," the coach said after the match.

The two teams meet again in May.
"""


async def _library(tmp_path: Path, library: Library, **articles: str) -> Library:
    for name, text in articles.items():
        path = tmp_path / f"{name}.txt"
        path.write_text(text, encoding="utf-8")
        await library.add_path(path)
    return library


@pytest.fixture
async def news(tmp_path: Path, library: Library) -> Library:
    return await _library(
        tmp_path,
        library,
        recount=RECOUNT,
        airport=AIRPORT,
        distillery=DISTILLERY,
        storm=STORM,
        match=MATCH,
    )


async def test_everyday_words_do_not_carry_a_question_to_another_article(news: Library) -> None:
    """ "even" and "someone" are each in one sentence of one article (the airline's), as
    "recount" is in one article: the recount article still answers first."""
    answer = await news.ask("why is there even a recount, did someone ask for it")
    assert answer.quotes, answer.declined_by
    assert "requested by the trailing candidate" in answer.quotes[0].text


async def test_an_everyday_word_that_is_the_topic_still_finds_its_article(
    news: Library,
) -> None:
    """Near miss: "still" is what the distillery article is about; the storm article uses
    it in passing ("is still closed") with the question's other word, "cost"."""
    answer = await news.ask("how much did the new still cost")
    assert answer.quotes, answer.declined_by
    assert "$80,000" in answer.quotes[0].text


async def test_a_question_made_of_everyday_words_is_answered(news: Library) -> None:
    """Near miss: "who said it was even" has no specific word at all; the sentence saying
    it was even answers it."""
    answer = await news.ask("who said it was even")
    assert answer.quotes, answer.declined_by
    assert "It was even from start to finish" in answer.quotes[0].text


TIED = """title Tied council race heads to a hand recount
date 2026-11-19

The county will begin a hand recount of the Ward 4 council race on Monday.

Election officials said the recount would take three days.

If the hand count also ends in a tie, state law says the winner is chosen by lot.

The recount will cost about $18,000, the county said.
"""

ROUTE = """title Airline drops the city's only route
date 2026-03-09

The airline said it will end its last route from the city in June.

"It felt like being told the house was sold while we were still living in it," a resident said.

"Unless someone guarantees the airline a minimum revenue, the route is gone," the mayor said.

Travellers now drive six hours to the nearest airport.
"""

VINEYARD = """title Hail shreds the valley's vineyards
date 2026-09-17

A hailstorm destroyed grapes on about 40 vineyards in the valley on Tuesday.

Growers said the insurance payments would come too late for the harvest.
"""


@pytest.fixture
async def tied(tmp_path: Path, library: Library) -> Library:
    return await _library(tmp_path, library, tied=TIED, route=ROUTE, vineyard=VINEYARD)


async def test_an_everyday_word_alone_brings_no_quote_from_another_article(
    tied: Library,
) -> None:
    """ "still" is in one sentence of the library (the airline's), so it weighs more than
    "recount" or "tie", and each recount sentence holds only one of those: the coverage
    floor admitted the airline sentence alone. The question's specific words are all the
    recount article's: its sentences answer, the airline's "still" is not shown."""
    answer = await tied.ask("what happens if its still a tie after the recount")
    assert answer.quotes, answer.declined_by
    assert all("Tied council race" in q.citation.title for q in answer.quotes)


async def test_a_question_about_the_other_article_keeps_it(tied: Library) -> None:
    """Near miss: "are they still living in the house" names the airline article's own
    words (no everyday word alone): it answers from there."""
    answer = await tied.ask("who was still living in the house when it was sold")
    assert answer.quotes, answer.declined_by
    assert "still living in it" in answer.quotes[0].text


async def test_the_specific_article_answers_when_its_sentences_hold_one_word(
    tied: Library,
) -> None:
    """ "even" is in no article and "someone" in one sentence (the airline's): every
    recount sentence holds only "recount", too little of the question for the coverage
    floor, and the airline sentence alone reached it. Weighed by English rarity too, the
    recount sentences hold most of the question: they answer."""
    answer = await tied.ask("why is there even a recount, did someone ask for it")
    assert answer.quotes, answer.declined_by
    assert all("Tied council race" in q.citation.title for q in answer.quotes)


async def test_someone_asked_of_the_other_article_keeps_it(tied: Library) -> None:
    """Near miss: "did someone guarantee the airline any revenue" is the airline
    article's question: its sentence answers."""
    answer = await tied.ask("did someone guarantee the airline any revenue")
    assert answer.quotes, answer.declined_by
    assert "Unless someone guarantees the airline" in answer.quotes[0].text


def test_everyday_candidates_of_another_article_are_no_dense_recall_rivals() -> None:
    """In the specific-first order a candidate of an article lacking the question's
    specific words whose sentence holds only everyday words ("people", "money", "back")
    is neither shown nor a rival that a dense-recall sentence of the right article must
    beat in meaning ("do ppl who didnt finish get their money back": the payments
    article's "would pay back any late fees" kept the marathon's refund sentence out).
    Near miss: one holding a word that is no everyday word ("finish") stays a rival."""
    import numpy as np

    from index.answering import Ranked, Slot, _telling

    slots = [
        Slot("people", ("peopl",), True, 2.5, 0.0),
        Slot("finish", ("finish",), True, 3.6, 0.36),
        Slot("money", ("money",), True, 3.2, 0.12),
    ]
    ranked = Ranked(
        ids=[1, 2, 3],
        score={1: 3.0, 2: 2.0, 3: 1.0},
        held={
            1: np.array([0.0, 1.0, 0.0]),  # the specific article's
            2: np.array([1.0, 0.0, 1.0]),  # another article's, everyday words only
            3: np.array([0.0, 1.0, 1.0]),  # another article's, with "finish"
        },
        strength={},
        best_article_share=1.0,
        shares={},
        passes={1: True, 2: True, 3: True},
        specific={1: True, 2: False, 3: False},
    )
    assert _telling(ranked, slots, ranked.ids) == [1, 3]
