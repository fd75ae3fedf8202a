"""Paraphrase answers and unstated figures (issue 12): semantic similarity counts as
evidence when the question says in other words what one sentence of its article says,
and "how much" is declined when no sentence states an amount.

A stub encoder (the one tests/test_hybrid.py uses) gives the cosines the test wants.
"""

from __future__ import annotations

from pathlib import Path

from stub_library import library_of

from index.library import Library
from index.models import Document

WATER = Document(
    text=(
        "HARWICK — About 9,000 people in Harwick were told to boil their tap water on "
        "Monday, and many got bottled water instead.\n\n"
        "A water main ruptured under Quarry Lane late on Sunday, and pressure fell across "
        "the town.\n\n"
        "Crews expect the repair to take until Thursday."
    ),
    source="water.txt",
    title="Harwick boil water order",
)
COUNCIL = Document(
    text=(
        "The council approved its budget on Tuesday after a long debate.\n\n"
        "Heavy rain left water standing on several roads in the valley."
    ),
    source="council.txt",
    title="Council budget",
)
QUESTION = "what caused the boil water notice"  # "caused", "notice": nowhere in the library
ANSWER = "A water main ruptured under Quarry Lane"


async def _library(tmp_path: Path, axes: dict[str, int] | None) -> Library:
    return await library_of(tmp_path, axes, WATER, COUNCIL)


async def test_a_paraphrased_question_gets_the_sentence_it_paraphrases(tmp_path: Path) -> None:
    lexical = await _library(tmp_path / "lexical", None)
    declined = await lexical.ask(QUESTION)
    assert not declined.quotes and declined.note  # two of its four words are unknown
    await lexical.close()

    # The question and the rupture sentence point the same way; nothing else does.
    lib = await _library(tmp_path / "semantic", {"caused": 0, "ruptured": 0})
    answer = await lib.ask(QUESTION)
    assert answer.quotes and ANSWER in answer.quotes[0].text
    # The sentence shares only "water" with the question: it was no BM25 favourite.
    assert answer.quotes[0].citation.article_id == answer.quotes[-1].citation.article_id
    await lib.close()


async def test_no_paraphrase_answer_when_another_article_is_as_close(tmp_path: Path) -> None:
    """A sentence of an unrelated article as close to the question as the best one of the
    question's article: closeness says nothing about this article's subject."""
    # Keys of two words: the sentences are close to the question, no single word is close
    # to another (that would be a synonym, tests/test_synonym_links.py).
    lib = await _library(tmp_path, {"caused the": 0, "ruptured under": 0, "Heavy rain": 0})
    answer = await lib.ask(QUESTION)
    assert not answer.quotes and answer.note
    await lib.close()


async def test_unknown_speaker_stays_declined_however_close(tmp_path: Path) -> None:
    """What did X say, with X in no article: the person is not in the library, whatever
    sentence reads like the question."""
    lib = await _library(tmp_path, {"governor": 0, "ruptured": 0})
    answer = await lib.ask("what did the governor say about the boil notice")
    assert not answer.quotes and answer.note
    await lib.close()


BANK = Document(
    text=(
        "Caldwell Savings said criminals had copied the records of 1.2 million customers.\n\n"
        "The bank declined to say whether it would pay the ransom.\n\n"
        "Shares of the bank fell 11% on Wednesday."
    ),
    source="bank.txt",
    title="Bank breach",
)


async def test_a_figure_nobody_states_is_declined(tmp_path: Path) -> None:
    """How much wants an amount: the sentence about the ransom states none, so the
    amount is not in the library, however well the sentence matches the question."""
    lib = await Library.open(tmp_path / "lib.db")
    await lib.add_document(BANK)
    await lib.add_document(COUNCIL)
    answer = await lib.ask("how much ransom does the gang want from the bank")
    assert not answer.quotes and answer.note
    # A figure that is stated is still found.
    shares = await lib.ask("how much did the bank's shares fall")
    assert shares.quotes and "11%" in shares.quotes[0].text
    await lib.close()


async def test_articles_of_equal_share_are_read_closest_first(tmp_path: Path) -> None:
    """The question's only known word ("get") is in every article, so every article has
    the same share of it: the two read for a paraphrase are those whose candidates the
    fused order puts first, not the two added first."""
    rebate = Document(
        text="Residents will get a tax rebate in May.", source="rebate.txt", title="Rebate"
    )
    tickets = Document(
        text="Fans can get tickets at the box office.", source="tickets.txt", title="Tickets"
    )
    breach = Document(
        text="The intruders managed to get in through a file-transfer program.",
        source="breach.txt",
        title="Breach",
    )
    lib = await library_of(tmp_path, {"hackers": 0, "intruders": 0}, rebate, tickets, breach)
    answer = await lib.ask("how did the hackers get in")
    assert answer.quotes and "intruders managed" in answer.quotes[0].text
    await lib.close()
