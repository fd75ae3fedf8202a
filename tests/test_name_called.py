""" "What is X called" asks for a name (index/question.py ``asks_what_it_is_called``), and
the first of the best candidates that introduces one the way news does ("a product called
Clotharin", "known as the Iron Owls") is shown first (index/answering.py
``_naming_first``): the story's subject sentence shares more of the question's words and
is full of capitalised names, none of them the one asked for."""

from __future__ import annotations

from pathlib import Path

from index.library import Library
from index.question import parse_question

SPRAY = """\
Beekeepers appeal orchard pesticide permit

SUTTER VALLEY — The Sutter Valley Beekeepers Association appealed on Friday the state's permit letting Greenfield Orchard Services spray a pesticide over 2,000 acres of apple orchards, saying the pesticide kills bees.

Greenfield says the spraying is needed to control the codling moth, a pest that bores into apples and pears.

The permit covers a product called Clotharin, which the company would apply between June 15 and August 31.

Beekeeper Hal Brennan, who keeps about 60 hives near Dover Creek, said he lost a third of them last summer.
"""


def test_what_is_x_called_asks_for_a_name() -> None:
    for text in (
        "whats the pesticide called",
        "what's the westbrook robotics team called",
        "whats the merged bank gonna be called",
    ):
        assert parse_question(text).called, text
    for text in ("who called the police", "what was called off", "what was called"):
        assert not parse_question(text).called, text


async def test_the_sentence_giving_the_name_comes_first(library: Library, tmp_path: Path) -> None:
    path = tmp_path / "spray.txt"
    path.write_text(SPRAY, encoding="utf-8")
    await library.add_path(path)
    answer = await library.ask("whats the pesticide called")
    assert answer.quotes
    assert "called Clotharin" in answer.quotes[0].text
    # a question asking for no name keeps the order the words give
    answer = await library.ask("what pesticide kills bees")
    assert answer.quotes and "Clotharin" not in answer.quotes[0].text
