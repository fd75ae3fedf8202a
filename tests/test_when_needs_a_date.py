"""An answer to "when" must say when: the sentence holding the question's words with no
date, day, time or span says something else of its topic. On a small article written
for these tests."""

from __future__ import annotations

from pathlib import Path

from index.library import Library

STORY = """\
Harrowgate orders canyon homes evacuated

Sheriff's deputies ordered about 900 residents of Pellow Canyon to leave their homes \
on Tuesday night as a grass fire spread toward the ridge.

The evacuation order covers every home east of Canyon Drive between Mill Road and the \
creek.

Buses will carry residents to the Harrowgate fairgrounds for the same $2 fare as a \
city bus.

Officials said the order would be lifted in about 48 hours if the wind dropped.
"""


async def _story(library: Library, tmp_path: Path) -> Library:
    path = tmp_path / "canyon.txt"
    path.write_text(STORY, encoding="utf-8")
    await library.add_path(path)
    return library


async def test_when_is_declined_by_a_sentence_that_says_no_time(
    library: Library, tmp_path: Path
) -> None:
    lib = await _story(library, tmp_path)
    answer = await lib.ask("when do the bus fares to the fairgrounds go up")
    assert answer.abstained and not answer.quotes


async def test_when_is_answered_by_a_date_or_a_span(library: Library, tmp_path: Path) -> None:
    lib = await _story(library, tmp_path)
    for question, wanted in [
        ("when were the pellow canyon residents ordered out", "Tuesday night"),
        ("when will the evacuation order be lifted", "48 hours"),
    ]:
        answer = await lib.ask(question)
        assert answer.quotes and wanted in answer.quotes[0].text, question
    # not a "when" question: a sentence with no time still answers it
    answer = await lib.ask("how much is the bus fare to the fairgrounds")
    assert answer.quotes and "$2" in answer.quotes[0].text
