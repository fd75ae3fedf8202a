"""Questions whose informative word the library lacks while its articles say it in other
words (engineer para12).

Class: a real word no article uses ("fatalities"), where the sentences the question's
other words find say it another way ("killed"), weighed as unknown: at half the
question's weight the question was declined (`unknown-words`), though the article
answers it. The word is now read as the word of those sentences closest to it in meaning
by the encoder's word cosine, when that is close (a synonym, not a topic neighbour),
searched as it and still counted half unknown. A word of a closed set ("tomorrow",
"Wednesday": close in meaning, never the same thing) and an everyday word are never
linked.
"""

from __future__ import annotations

from pathlib import Path

from stub_library import library_of

from index.library import Library
from index.models import Document

CRASH = Document(
    text=(
        "SKELBY — Two people were killed when a freight train hit a lorry at the Skelby "
        "level crossing on Monday night.\n\n"
        "The line reopened on Wednesday after the wreck was cleared."
    ),
    source="crash.txt",
    title="Freight train hits lorry",
)
FAIR = Document(
    text=(
        "The Ardley county fair opens on Friday with a tractor parade.\n\n"
        "Organisers expect about 9,000 visitors over the weekend."
    ),
    source="fair.txt",
    title="Ardley fair opens",
)
# The stub encoder's meanings (a text takes the axis of the first key it holds): the
# word asked and the article's word share an axis, as do a day asked about and another.
AXES = {"fatalit": 0, "killed": 0, "tomorrow": 1, "wednesday": 1, "tractor": 2}


async def _library(tmp_path: Path) -> Library:
    return await library_of(tmp_path, AXES, CRASH, FAIR)


async def test_a_word_said_in_other_words_is_matched(tmp_path: Path) -> None:
    """ "fatalities": the crash article says "killed"; on the code before, declined as
    `unknown-words`."""
    lib = await _library(tmp_path)
    answer = await lib.ask("any fatalities at skelby")
    assert answer.quotes and "Two people were killed" in answer.quotes[0].text, answer.declined_by
    assert answer.searched_for and "fatalities → killed" in answer.searched_for
    await lib.close()


async def test_a_day_is_no_synonym_of_another(tmp_path: Path) -> None:
    """The near miss: "tomorrow" is as close to "Wednesday" as "fatalities" is to
    "killed", but a day asked about is no other day: it is not linked, and the question
    about the member's own day stays declined, while its other word is still read."""
    lib = await _library(tmp_path)
    answer = await lib.ask("any fatalities at skelby tomorrow")
    assert not answer.quotes and answer.declined_by
    assert answer.searched_for and "fatalities → killed" in answer.searched_for
    assert "tomorrow →" not in answer.searched_for
    await lib.close()


async def test_without_the_semantic_model_no_word_is_linked(tmp_path: Path) -> None:
    """Only meaning links two words: without the model the word stays unknown."""
    lib = await library_of(tmp_path, None, CRASH, FAIR)
    answer = await lib.ask("any fatalities at skelby")
    assert not answer.searched_for
    assert not answer.quotes and answer.declined_by
    await lib.close()
