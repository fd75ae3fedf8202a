"""A year the question asks about (index/asked_year.py): "how much was Brennan fined in
2019" is not answered by the sentence on this year's fine when neither it nor the
sentences around it speak of 2019; the same question without the year is."""

from __future__ import annotations

from pathlib import Path

import pytest
from semantic_library import library_of

from index.asked_year import asked_years, years_spoken_of
from index.models import Document

FINE = Document(
    text=(
        "RIDGEPORT — Federal regulators have fined Brennan Plastics $486,000 for safety "
        "violations at its Ridgeport plant, the agency said Monday.\n\n"
        "Inspectors found blocked exits and missing guards on two machines.\n\n"
        "The plant makes plastic housings for car makers.\n\n"
        "It employs about 340 people on three shifts.\n\n"
        "Workers said the night shift was often short of staff.\n\n"
        "Brennan opened the Ridgeport plant in 2019 after closing an older one."
    ),
    source="fine.txt",
    title="Brennan Plastics fined $486,000",
    date="2026-03-10",
)


@pytest.mark.parametrize("vectors", [None, True])
async def test_a_year_the_passage_never_speaks_of_is_declined(
    tmp_path: Path, vectors: bool | None
) -> None:
    lib = await library_of(tmp_path, [FINE], vectors)
    try:
        answer = await lib.ask("how much was brennan fined in 2019")
        assert not answer.quotes
        assert answer.declined_by == "year-unsaid"
        assert answer.note == "No sentence in the library says this of 2019."
        # near misses: without the year, and a year the quote's own sentence holds
        answer = await lib.ask("how much was brennan fined")
        assert answer.quotes and answer.quotes[0].text.startswith("RIDGEPORT")
        answer = await lib.ask("when did brennan open the ridgeport plant in 2019")
        assert answer.quotes and "in 2019" in answer.quotes[0].text
    finally:
        await lib.close()


def test_the_years_a_question_asks_about() -> None:
    assert asked_years("how many homes flooded in 2024") == ["2024"]
    assert asked_years("what did the 2021 report find") == ["2021"]
    # a bound of a span is not the time asked about
    assert asked_years("how much has traffic gone up since 2019") == []
    assert asked_years("how much did tuition rise between 2010 and 2020") == []
    assert asked_years("how many people work there") == []
    # a decade is no year
    assert asked_years("who recorded the theme in the 1970's") == []
    assert asked_years("what plays ran in the 1980s") == []


def test_relative_years_stand_for_the_article_years() -> None:
    said = years_spoken_of(
        "Residents contested 18,400 tickets last year, up from 7,900 in 2022.", 2026
    )
    assert said == {"2022", "2025"}
    assert years_spoken_of("The plan takes effect next year.", 2026) == {"2027"}
    assert years_spoken_of("The plan takes effect next year.", None) == set()


BUDGET = Document(
    text=(
        "RIDGEPORT — The council approved the budget on Monday.\n\n"
        "The finance committee recommended keeping the tax levy flat after the increase.\n\n"
        "The plan adds two officers.\n\n"
        "It also repaves Main Street.\n\n"
        "It buys a new plow.\n\n"
        "The town last raised taxes in 2019."
    ),
    source="budget.txt",
    title="Ridgeport budget passes",
    date="2026-03-10",
)


async def test_the_year_of_a_topic_asked_of_a_speaker_is_not_checked(tmp_path: Path) -> None:
    """ "What did the finance committee say about the 2019 increase" asks for the
    committee's words; the year is a word of the topic, which they may speak of without
    naming it. A question asking a fact of that year is still declined."""
    lib = await library_of(tmp_path, [BUDGET], None)
    try:
        answer = await lib.ask("what did the finance committee say about the 2019 tax increase")
        assert answer.quotes and answer.quotes[0].text.startswith("The finance committee")
        answer = await lib.ask("how much did the council approve in 2019")
        assert answer.declined_by == "year-unsaid"
    finally:
        await lib.close()


CLUB = Document(
    text=(
        "Harborline moved to Dunford Memorial Field in 2019. The move was paid for by a "
        "bond. Fans complained about the longer drive. Attendance fell by a fifth. The club "
        "lost $2 million that season.\n\n"
        "It now plans a new stadium."
    ),
    source="club.txt",
    title="Harborline",
)


async def test_a_year_its_paragraph_names_is_the_passages(tmp_path: Path) -> None:
    """An encyclopedia's paragraph names a year once and speaks of it for several
    sentences: the year four sentences before the answer, in its paragraph, counts."""
    lib = await library_of(tmp_path, [CLUB], None)
    try:
        answer = await lib.ask("how much money did harborline lose in 2019")
        assert answer.quotes and answer.quotes[0].text.startswith("The club lost")
    finally:
        await lib.close()


SEASON = Document(
    text=(
        "The Panthers played for the league title in the 2015 season.\n\n"
        "They finished with a 15–1 record. Their coach was Ron Rivera. The defense led the "
        "league. The offense scored the most points. Quarterback Cam Newton was named the "
        "most valuable player."
    ),
    source="season.txt",
    title="Panthers",
)


async def test_a_year_the_articles_opening_names_frames_it(tmp_path: Path) -> None:
    """The year an article's first paragraph names frames every later paragraph: "who
    was the 2015 mvp" is answered by a sentence five sentences on."""
    lib = await library_of(tmp_path, [SEASON], None)
    try:
        answer = await lib.ask("who was named the 2015 most valuable player")
        assert answer.quotes and answer.quotes[0].text.startswith("Quarterback Cam Newton")
    finally:
        await lib.close()
