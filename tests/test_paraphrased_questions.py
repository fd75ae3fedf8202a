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


# Class: a rare English word is no name. "obscuring" is rarer in English than the
# threshold that makes a word the question's subject, but the articles write it in lower
# case: another article's use of it does not make the question about that article.
LAKE = Document(
    text=(
        "ORMSBY — A reservoir built in 1962 now covers the old burial site of the Ormsby "
        "kings, and divers have mapped the graves under the water.\n\n"
        "The water board said it had no plans to drain the reservoir."
    ),
    source="lake.txt",
    title="Graves under the Ormsby reservoir",
)
PAINTING = Document(
    text=(
        "A restorer said a thick yellow varnish was obscuring the colours of the Morwen "
        "portrait.\n\n"
        "The museum will show the cleaned portrait in the spring."
    ),
    source="painting.txt",
    title="Morwen portrait restored",
)


async def test_a_rare_word_written_in_lower_case_is_no_subject_name(tmp_path: Path) -> None:
    lib = await library_of(tmp_path, None, LAKE, PAINTING)
    answer = await lib.ask("what body of water is obscuring the burial site of the ormsby kings")
    assert answer.quotes and "A reservoir built in 1962" in answer.quotes[0].text, answer.note
    await lib.close()


async def test_a_rare_capitalised_word_still_names_the_subject(tmp_path: Path) -> None:
    """The near miss: "Morwen" is written as a name, and its article says nothing of a
    burial site under water."""
    lib = await library_of(tmp_path, None, LAKE, PAINTING)
    answer = await lib.ask("what body of water covers the morwen burial site")
    assert not answer.quotes and answer.declined_by
    await lib.close()


PLAYHOUSE = Document(
    text=(
        "The Corran playhouse reopened on Friday after a two-year renovation, and its first "
        "show sold out.\n\n"
        "The playhouse was hit by a burst pipe in 2023."
    ),
    source="playhouse.txt",
    title="Corran playhouse reopens",
)
HOSPITAL = Document(
    text=(
        "A ransomware attack shut down the computers of the Meridale hospital on Tuesday.\n\n"
        "Staff went back to paper records."
    ),
    source="hospital.txt",
    title="Meridale hospital attack",
)


async def test_a_rare_lower_case_word_of_a_yes_no_question_must_be_said(tmp_path: Path) -> None:
    """The near miss for rare English words: no longer a name, "ransomware" is part of
    the claim a yes/no question asks about, and the playhouse article says nothing like
    it (the meaning check of yes/no questions, on with the semantic model)."""
    lib = await library_of(tmp_path, {"ransomware": 1}, PLAYHOUSE, HOSPITAL)
    answer = await lib.ask("was the corran playhouse hit by ransomware too")
    assert not answer.quotes and answer.declined_by
    await lib.close()
