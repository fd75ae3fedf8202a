"""A member asks for a forecaster by the field ("what did the weather guy say") when the
article gives only the occupation ("Meteorologist Irma Voskuijlen said"). The field word
is read one way: a meteorologist is the weather's, but "weather" in an article with no
forecaster names no speaker. On small articles written for these tests.
"""

from __future__ import annotations

from pathlib import Path

from speaker_helpers import SmallArticle
from stub_library import library_of

from index.models import Document
from index.roles import related_role_words

STORM = Document(
    text=(
        "PELLOW BAY — A spring storm closed the harbor road on Tuesday and cut power to "
        "about 900 homes.\n\n"
        "Meteorologist Irma Voskuijlen said the rain would stop by Thursday morning.\n\n"
        "Harbor master Teodor Brankwell said boats would stay in port until the swell "
        "dropped."
    ),
    source="storm.txt",
    title="Storm closes harbor road",
)
FAIR = Document(
    text=(
        "MARLOW GREEN — The weather held for the village fair on Saturday.\n\n"
        "Organiser Bette Crannock said about 2,000 people came."
    ),
    source="fair.txt",
    title="Fair draws crowd",
)

ROWS: list[tuple[int, str]] = [
    (1, "A storm closed the harbor road on Tuesday."),
    (2, "Forecaster Ulla Penhallow said the wind would drop overnight."),
    (3, "Harbor master Teodor Brankwell said the boats would stay in port."),
]


def test_an_occupation_that_forecasts_carries_the_field_word() -> None:
    assert "weather" in related_role_words({"meteorologist"})
    assert "weather" in related_role_words({"forecaster"})
    # one way only: the field word implies no occupation
    assert "meteorologist" not in related_role_words({"weather"})


def test_the_weather_guy_is_the_forecaster() -> None:
    small = SmallArticle("storm", ROWS)
    assert small.who("what did the weather guy say", person=True) == ["Ulla Penhallow"]
    assert small.who("what did the forecaster say") == ["Ulla Penhallow"]


async def test_what_the_weather_guy_said_is_the_meteorologists(tmp_path: Path) -> None:
    lib = await library_of(tmp_path, None, STORM)
    answer = await lib.ask("what did the weather guy say")
    assert answer.quotes, answer.declined_by
    assert "rain would stop by Thursday" in answer.quotes[0].text
    await lib.close()


async def test_weather_in_an_article_with_no_forecaster_names_no_speaker(
    tmp_path: Path,
) -> None:
    """The fair's organiser is no weather guy, though the article speaks of the weather."""
    lib = await library_of(tmp_path, None, FAIR)
    answer = await lib.ask("what did the weather guy say")
    assert not answer.quotes, answer.quotes[0].text
    await lib.close()
