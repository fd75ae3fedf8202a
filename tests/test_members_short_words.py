"""Members' short words for the articles' long ones ("feds", "cops", "docs", "meds",
"vaxxed"; index/question.py ``CHAT_SPELLINGS``) are searched as the long words: the
articles write "federal investigators", and "feds" alone, a word no article uses, declined
the question as about something the library never mentions."""

from __future__ import annotations

from pathlib import Path

from semantic_library import library_of

from index.analyze import stem
from index.models import Document
from index.question import parse_question

DERAILMENT = Document(
    text=(
        "HALVERTON — A streetcar derailed downtown on Tuesday, injuring 11 passengers.\n\n"
        "Two federal investigators are involved and will arrive on Thursday to examine the "
        "track, the transit authority said.\n\n"
        "Police officers closed Fifth Street for most of the day."
    ),
    source="streetcar.txt",
    title="Streetcar derails downtown",
)


def test_short_words_are_searched_as_the_long_ones() -> None:
    assert stem("federal") in parse_question("are the feds involved").terms
    assert stem("police") in parse_question("did the cops close the street").terms
    assert stem("doctors") in parse_question("how many docs are on call").terms
    assert stem("vaccinated") in parse_question("why werent the kids vaxxed").terms


async def test_a_short_word_finds_the_articles_long_one(tmp_path: Path) -> None:
    lib = await library_of(tmp_path, [DERAILMENT], None)
    try:
        answer = await lib.ask("are the feds involved")
        assert answer.quotes and "federal investigators" in answer.quotes[0].text
        # a word no article uses in any form is still unknown
        assert (await lib.ask("are the marines involved")).declined_by
    finally:
        await lib.close()
