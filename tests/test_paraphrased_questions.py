"""Paraphrased questions answered instead of declined (engineer para8), each paired with
a no-answer question close to it that stays declined.

Class: a misspelt everyday word ("yesterdy") is corrected to the word meant, and weighs as
that word: an everyday word is no name the answering article must hold. Read as the
misspelling (no English word, so "a name"), it made the one article using the word meant
the question's subject, and the question was declined as mixing articles.
"""

from __future__ import annotations

from pathlib import Path

from stub_library import library_of

from index.library import Library
from index.models import Document

POLICE = Document(
    text=(
        "HALDEN — Six officers were on duty at the Halden precinct on Friday evening, "
        "instead of the usual ten, the officers' union said.\n\n"
        "The chief said the precinct would hire more staff this year."
    ),
    source="police.txt",
    title="Halden precinct short of staff",
)
STORM = Document(
    text=(
        "BROOKVALE — A storm cut power to Brookvale yesterday, and the night stayed cold "
        "across the valley.\n\n"
        "Crews restored power to most homes by Saturday."
    ),
    source="storm.txt",
    title="Storm cuts power in Brookvale",
)
ANSWER = "Six officers were on duty"


async def _library(tmp_path: Path) -> Library:
    return await library_of(tmp_path, None, POLICE, STORM)


async def test_a_corrected_everyday_word_is_no_subject_name(tmp_path: Path) -> None:
    """ "yesterdy" is corrected to "yesterday", which only the storm article uses: an everyday
    word, so the police article answers from its other words."""
    lib = await _library(tmp_path)
    answer = await lib.ask("how many officers were on duty at the precinct yesterdy")
    assert answer.searched_for and "yesterday" in answer.searched_for
    assert answer.quotes and ANSWER in answer.quotes[0].text, answer.declined_by
    await lib.close()


async def test_a_corrected_name_still_names_the_subject(tmp_path: Path) -> None:
    """The near miss: a misspelt *name* ("Brokvale") is still a name, so the question is
    about the storm town, whose article says nothing of officers on duty."""
    lib = await _library(tmp_path)
    answer = await lib.ask("how many officers were on duty in brokvale")
    assert answer.searched_for and "Brookvale" in answer.searched_for
    assert not answer.quotes and answer.declined_by
    await lib.close()
