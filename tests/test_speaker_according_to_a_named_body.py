"""A fact a named body vouches for: "The fire started in a second-floor kitchen,
according to the Ridgeport Fire Department." The body was left unread after "according
to the" (only a description in lower case was read), so "what did the fire department
say" found nothing to quote. A capitalised run that is the whole source and ends in a
body's noun ("Department", "Service", "Authority") now speaks; one
followed by a description of it ("…, according to the Digital Money Council, an industry
research group") stays unread, as that description belongs to people elsewhere.
"""

from __future__ import annotations

from speaker_helpers import SmallArticle

ROWS: list[tuple[int, str]] = [
    (1, "A fire gutted the Lantern Row apartments on Tuesday."),
    (
        1,
        "The fire started in a second-floor kitchen at about 3 a.m., according to the "
        "Ridgeport Fire Department.",
    ),
    (2, "According to the Tarrow County Health Department, three children were treated."),
    (3, "Rain is expected through Friday, according to the National Weather Service."),
    # near misses: a body then a description of it; a post after the body's name; a name
    # that is no body's
    (
        4,
        "Card fraud rose 12 percent last year, according to the Digital Money Council, an "
        "industry research group.",
    ),
    (5, "The case was dropped, according to the Hale County prosecutor."),
    (6, "The bridge opened in 1931, according to the Westfield Gazette."),
    (7, "According to the Western Snow Safety Council, a trade group, five patrollers died."),
    (8, "Ibarra won by 41 votes, according to the Lanford County Board of Elections."),
]
_ARTICLE = SmallArticle("fire", ROWS)


def test_a_named_body_after_according_to_speaks() -> None:
    assert _ARTICLE.speaker_of("The fire started") == ["Ridgeport Fire Department"]
    assert _ARTICLE.speaker_of("According to the Tarrow") == ["Tarrow County Health Department"]
    assert _ARTICLE.speaker_of("Rain is expected") == ["National Weather Service"]
    assert _ARTICLE.speaker_of("Ibarra won") == ["Lanford County Board of Elections"]
    assert _ARTICLE.who("what did the fire department say") == ["Ridgeport Fire Department"]
    assert _ARTICLE.who("what did the weather service say") == ["National Weather Service"]


def test_a_body_described_after_its_name_or_no_body_stays_unread() -> None:
    assert _ARTICLE.speaker_of("Card fraud rose") == []
    assert _ARTICLE.speaker_of("The bridge opened") == []
    assert _ARTICLE.speaker_of("According to the Western") == []
