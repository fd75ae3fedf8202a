"""Dense recall (issue 12, index/dense_recall.py): the sentence that answers a paraphrase
without sharing an informative word with it is found among the question's article's
sentences, by meaning; what is declined stays declined; without vectors nothing changes.

The vectors come from the shipped encoder (read once a session, tests/conftest.py), on a
two-article library: its few sentences are encoded in a second or two.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path

import numpy as np
from numpy.typing import NDArray
from semantic_library import library_of

from index import dense_recall
from index.library import Library
from index.models import Document

BANK = Document(
    text=(
        "PORTVILLE — Caldera Savings Bank said on Wednesday that criminals broke into one "
        "of its computer systems.\n\n"
        "The bank said it had told the police and hired an outside firm to investigate.\n\n"
        "The bank has 140 branches across Oregon and Washington.\n\n"
        "Investors dumped the company's stock, which fell 11% on Wednesday, its worst day "
        "since 2020.\n\n"
        "The bank said it would share more details with customers next week."
    ),
    source="bank.txt",
    title="Caldera bank break-in",
)
COUNCIL = Document(
    text=(
        "The Esk council approved its budget on Tuesday after a long debate.\n\n"
        "Property taxes will rise by 3 percent, and the library will open on Sundays."
    ),
    source="council.txt",
    title="Esk budget",
)
# "shares" is in no sentence as a word of that stem but "share more details": the answer
# ("the company's stock … fell 11%") holds none of the question's informative words.
PARAPHRASE = "what happened to caldera's shares"
ANSWER = "Investors dumped the company's stock"
LEXICAL_ANSWER = "share more details"


async def _library(tmp_path: Path, vectors: bool | None) -> Library:
    return await library_of(tmp_path, [BANK, COUNCIL], vectors)


async def test_a_paraphrase_sharing_no_word_with_its_answer_finds_it(tmp_path: Path) -> None:
    lib = await _library(tmp_path, vectors=True)
    answer = await lib.ask(PARAPHRASE)
    assert answer.quotes and ANSWER in answer.quotes[0].text
    # The lexical candidates are still shown after it, in their order, scores not rising.
    assert any(LEXICAL_ANSWER in q.text for q in answer.quotes[1:])
    scores = [q.score for q in answer.quotes]
    assert scores == sorted(scores, reverse=True)
    await lib.close()


async def test_a_question_the_words_decline_stays_declined(tmp_path: Path) -> None:
    """The word "dividend" is in no article: the question is declined on its words, although the
    stock sentence is much closer to it in meaning than any other sentence. A sentence
    found only by dense recall never turns a declined question into an answer.

    (Asked as "what happened to caldera's dividend", the paraphrase check, a rule of its
    own that weighs whole-question meaning, takes the stock sentence for its answer with
    the encoder trained on t1-t5 and l1-l12; "did … cut" asks a claim it does not make.)"""
    lib = await _library(tmp_path, vectors=True)
    question = "did caldera cut its dividend"
    ranker = lib.semantic
    assert ranker is not None
    cosines = ranker.cosines(question, range(1, 100))  # every sentence of the library
    ids = list(cosines)
    texts = {q.sentence_id: q.text for q in await lib._read_on_thread(ids)}
    closest = max(cosines, key=cosines.__getitem__)
    assert ANSWER in texts[closest]  # the dense candidate is there to be found
    answer = await lib.ask(question)
    assert not answer.quotes and answer.note
    await lib.close()


async def test_without_vectors_the_answer_is_the_lexical_one(tmp_path: Path) -> None:
    lexical = await _library(tmp_path / "off", vectors=None)
    expected = await lexical.ask(PARAPHRASE)
    await lexical.close()
    assert expected.quotes and LEXICAL_ANSWER in expected.quotes[0].text

    waiting = await _library(tmp_path / "waiting", vectors=False)  # on, nothing encoded
    answer = await waiting.ask(PARAPHRASE)
    assert [q.text for q in answer.quotes] == [q.text for q in expected.quotes]
    await waiting.close()


class _Articles:
    """Two articles of three sentences: ids 0-2 and 3-5 (first sentence id names each)."""

    def article_of(self, ids: NDArray[np.int64]) -> NDArray[np.int64]:
        return np.asarray(ids // 3 * 3, dtype=np.int64)

    def article_sentences(self, article: int, limit: int) -> NDArray[np.int64]:
        return np.arange(article, article + 3, dtype=np.int64)[:limit]


def _similarity(values: Mapping[int, float]) -> dense_recall.Similarity:
    def similarity(question: str, ids: Sequence[int]) -> dict[int, float]:
        return {sid: values[sid] for sid in ids if sid in values}

    return similarity


def test_a_dense_only_sentence_must_beat_every_lexical_candidate_by_the_margin() -> None:
    index = _Articles()
    margin = dense_recall.DENSE_MARGIN
    close = {0: 0.3, 1: 0.3 + margin + 0.01, 2: 0.1, 3: 0.2, 4: 0.1, 5: 0.1}
    find = dense_recall.closer_in_meaning
    assert find("q", [0], [0, 3], index, _similarity(close)) == 1  # type: ignore[arg-type]
    # A lexical candidate of another article as close: no clear win.
    rival = {**close, 3: 0.3 + 0.02}
    assert find("q", [0], [0, 3], index, _similarity(rival)) is None  # type: ignore[arg-type]
    # Only the leading articles' sentences are read: 4 is in the second one.
    far = {**close, 1: 0.0, 4: 0.9}
    assert find("q", [0], [0, 3], index, _similarity(far)) is None  # type: ignore[arg-type]
    assert find("q", [0, 3], [0, 3], index, _similarity(far)) == 4  # type: ignore[arg-type]
    # No lexical candidate has a vector: nothing to beat, nothing proven.
    unencoded = {1: 0.9, 2: 0.1}
    assert find("q", [0], [0], index, _similarity(unencoded)) is None  # type: ignore[arg-type]


def test_a_candidate_the_filters_dropped_is_recalled_not_its_own_rival() -> None:
    """Sentence 1 is a BM25 candidate (in the pool) that answering's filters dropped (it
    holds too little of the question's words), so it is not among the shown candidates
    (``order``). Clearly the closest in meaning, it is put first like a sentence BM25
    never found, instead of losing to itself as a lexical rival."""
    index = _Articles()
    close = {0: 0.3, 1: 0.3 + dense_recall.DENSE_MARGIN + 0.01, 2: 0.1, 3: 0.2}
    find = dense_recall.closer_in_meaning
    assert find("q", [0], [0, 1, 3], index, _similarity(close)) == 1  # type: ignore[arg-type]
    # The shown candidates and the other articles' candidates stay its rivals.
    rival = {**close, 0: close[1] - 0.01}
    assert find("q", [0], [0, 1, 3], index, _similarity(rival)) is None  # type: ignore[arg-type]


def test_the_rivals_are_the_lexical_candidates_but_the_recalled() -> None:
    assert dense_recall.lexical_rivals([0], [0, 1, 3], [1, 2]) == [0, 3]


def test_only_the_first_quotes_article_unshown_closest_first() -> None:
    index = _Articles()
    close = dense_recall.closest_unshown
    cos = _similarity({0: 0.9, 1: 0.2, 2: 0.5, 3: 0.95, 4: 0.8, 5: 0.1})
    assert close("q", [0], index, cos, 5) == [2, 1]  # type: ignore[arg-type]
    assert close("q", [0], index, cos, 1) == [2]  # type: ignore[arg-type]
    assert close("q", [0], index, cos, 5, {2}) == [1]  # type: ignore[arg-type]
    # The first quote's article, not a later quote's.
    assert close("q", [4, 0], index, cos, 5) == [3, 5]  # type: ignore[arg-type]
    assert close("q", [], index, cos, 5) == []  # type: ignore[arg-type]
    assert close("q", [0], index, _similarity({}), 5) == []  # type: ignore[arg-type]
