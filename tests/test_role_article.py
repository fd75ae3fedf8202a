"""A role found in several articles is quoted from the article the question describes.

"What did the festival director say" finds every director of the library by the role
alone; only the article about the festival holds "festival", and its director is the one
asked about (not the first article's library director).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from index.library import Library

LIBRARY = """title Library system knocked offline by ransomware
date 2026-11-03

The county library system was knocked offline by a ransomware attack on Saturday.

"We are working around the clock to restore the catalogue," said the library's director, Miriam Okonjo.

Okonjo said no payment had been made to the attackers.
"""

MARKET = """title Night market cancelled after permit dispute
date 2026-09-17

The Penhallow night market festival was cancelled on Wednesday after the city refused its permit.

"We have done everything the city asked of us, twice," said the vendors' collective's director, Rosa Ilunga.

Ilunga said the vendors would be refunded their stall fees.
"""


@pytest.fixture
async def directors(tmp_path: Path, library: Library) -> Library:
    for name, text in (("library", LIBRARY), ("market", MARKET)):
        path = tmp_path / f"{name}.txt"
        path.write_text(text, encoding="utf-8")
        await library.add_path(path)
    return library


async def test_the_role_is_quoted_from_the_article_the_question_describes(
    directors: Library,
) -> None:
    answer = await directors.ask("what did the festival director say")
    assert answer.quotes, answer.declined_by
    assert answer.quotes[0].speaker == "Rosa Ilunga"
    assert all(q.speaker != "Miriam Okonjo" for q in answer.quotes)


async def test_a_role_alone_still_quotes_every_holder(directors: Library) -> None:
    """Near miss: "what did the director say" describes no article: both directors are
    quoted, as before."""
    answer = await directors.ask("what did the director say")
    assert {q.speaker for q in answer.quotes} == {"Miriam Okonjo", "Rosa Ilunga"}
