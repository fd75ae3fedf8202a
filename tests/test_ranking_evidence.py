"""Ranking and answer decisions on evidence, on small libraries built here.

Each library is two or three short articles, so that a question's words can be placed in
one article or spread over several on purpose.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from index.library import Library

COUNCIL = """title Millbrook council backs the mayor's bus plan
date 2026-03-04

The Millbrook council voted on Tuesday to back the mayor's plan for new bus lanes.

The plan adds 40 buses to the fleet. The mayor said the council had waited long enough.

The transit levy takes effect on July 1 and will fund the plan.

Councillors rejected an amendment that would have delayed the plan by a year.

The council meets again next week.
"""

STORM = """title Storm brings heavy rain to the valley
date 2026-02-10

Heavy rain and strong winds hit the valley on Monday, the weather service said.

Forecasters expect drier weather later this week, with highs in the low 40s.

Nobody knows what happened to the old bridge.

The river rose by two feet overnight and several roads were closed.
"""

BANKS = """title Central bank holds steady
date 2026-01-20

Interest in bonds grew this week as the jobless rate fell.

The central bank left its interest rate unchanged at 4% after a meeting of its board.

Analysts said the bank was likely to wait until the summer before moving again.
"""


async def _library(tmp_path: Path, library: Library, **articles: str) -> Library:
    for name, text in articles.items():
        path = tmp_path / f"{name}.txt"
        path.write_text(text, encoding="utf-8")
        await library.add_path(path)
    return library


@pytest.fixture
async def news(tmp_path: Path, library: Library) -> Library:
    return await _library(tmp_path, library, council=COUNCIL, storm=STORM, banks=BANKS)


async def test_a_question_spread_over_two_articles_is_declined(news: Library) -> None:
    """The weather is in the storm article, Millbrook only in the council one: no article
    says what the weather in Millbrook is."""
    answer = await news.ask("What is the weather like in Millbrook this week?")
    assert answer.abstained, [q.text for q in answer.quotes]
    assert answer.note and "spread over several" in answer.note


async def test_frame_words_do_not_pull_in_another_article(news: Library) -> None:
    """ "happened" is the only word the storm article shares with the question."""
    answer = await news.ask("What happened to the mayor's plan?")
    assert answer.quotes
    assert all(
        q.citation.article_id.endswith("council-backs-the-mayor-s-bus-plan") for q in answer.quotes
    )
    assert "what happened" not in answer.quotes[0].text


async def test_words_standing_together_beat_scattered_ones(news: Library) -> None:
    answer = await news.ask("What is the interest rate?")
    assert answer.quotes[0].text.startswith("The central bank left its interest rate")


async def test_a_paraphrase_is_answered_when_the_rest_matches(news: Library) -> None:
    """ "kick in" is not in the library, but the levy and a date are: answer, do not decline."""
    answer = await news.ask("when does the levy kick in")
    assert answer.quotes and "takes effect on July 1" in answer.quotes[0].text


async def test_a_missing_topic_word_is_still_declined(news: Library) -> None:
    """ "population" is missing as well, but nothing holds the number asked for."""
    answer = await news.ask("What is the population of Millbrook?")
    assert answer.abstained


async def test_no_filler_from_articles_the_question_is_not_about(news: Library) -> None:
    answer = await news.ask("When will the council meet again?", k=3)
    assert answer.quotes
    assert {q.citation.article_id for q in answer.quotes} == {answer.quotes[0].citation.article_id}


async def test_weak_follow_on_quotes_are_left_out(
    news: Library, monkeypatch: pytest.MonkeyPatch
) -> None:
    import index.answering

    wide = await news.ask("How many buses does the mayor's plan add?", k=5)
    monkeypatch.setattr(index.answering, "RELATIVE_CUT", 0.99)
    narrow = await news.ask("How many buses does the mayor's plan add?", k=5)
    assert len(narrow.quotes) == 1 < len(wide.quotes)
    assert narrow.quotes[0].text == wide.quotes[0].text


async def test_scores_shown_never_rise(news: Library) -> None:
    for question in ("When will the council meet again?", "What did the mayor say?"):
        scores = [q.score for q in (await news.ask(question, k=5)).quotes]
        assert scores and scores == sorted(scores, reverse=True)


async def test_an_article_that_never_names_the_subject_is_not_quoted(news: Library) -> None:
    """The name "Millbrook" is given only by the council article: the storm article's sentence about
    roads closing shares more words with the question, yet cannot answer it."""
    answer = await news.ask("Were roads closed in Millbrook after the heavy rain?")
    assert all("Millbrook" in q.citation.title for q in answer.quotes), [
        q.text for q in answer.quotes
    ]


PLANT = """title Carmaker to close Fairview plant
date 2026-03-26

The carmaker will close its Fairview plant next year, cutting 900 jobs.

"I am angry, and every family here has a right to be," Gov. Ann Ruiz said.

Mayor Kevin Hart said the closure would leave a hole in the town's budget.
"""

WATER = """title Dunley told to boil its water
date 2026-04-14

Residents of Dunley were told to boil their water after a main burst on Monday.

"Please boil your water for a minute," said Greg Stahl, general manager of the Dunley
Water Authority.

Measles cases at two schools rose to 12, health officials said.
"""


@pytest.fixture
async def towns(tmp_path: Path, library: Library) -> Library:
    return await _library(tmp_path, library, plant=PLANT, water=WATER)


async def test_the_mayor_of_a_town_is_not_someone_else_from_that_town(towns: Library) -> None:
    """Dunley has no mayor: neither the other town's mayor nor Dunley's water manager
    speaks for "the mayor of Dunley"."""
    answer = await towns.ask("what did the mayor of dunley say")
    assert not any(q.speaker in {"Greg Stahl", "Kevin Hart"} for q in answer.quotes)


async def test_a_speaker_asked_about_another_articles_topic_is_declined(towns: Library) -> None:
    answer = await towns.ask("what did the governor say about the measles")
    assert answer.abstained, [q.text for q in answer.quotes]
    answer = await towns.ask("what did the governor say about the closure")
    assert answer.quotes and answer.quotes[0].speaker == "Ann Ruiz"
