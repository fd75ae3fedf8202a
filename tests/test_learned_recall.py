"""The learned reranker's first choice among the candidates the coverage filter dropped
(index/learned_recall.py): shown first once the question is to be answered."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from index import answering
from index.learned_rank import LinearScorer
from index.learned_recall import learned_pick
from index.library import Library
from index.models import Document
from index.rank_features import FEATURES
from tests.test_hybrid import StubEncoder

LEAK = Document(
    text=(
        "A gas leak at the Orrin chemical works forced the evacuation of Dellway on Friday.\n\n"
        "The leak at the works sent a cloud over the town and people fled the leak.\n\n"
        "The cloud left fourteen residents needing treatment for breathing problems."
    ),
    source="leak.txt",
    title="Gas leak",
)


def test_the_dropped_candidate_the_reranker_prefers_is_picked() -> None:
    key = {1: 0.2, 2: 0.9, 3: 0.5}
    assert learned_pick([1, 3], [1, 2, 3], {1: True, 2: True, 3: True}, key) == 2


def test_nothing_is_picked_when_an_admitted_candidate_is_preferred() -> None:
    key = {1: 0.9, 2: 0.5, 3: 0.2}
    assert learned_pick([1, 3], [1, 2, 3], {1: True, 2: True, 3: True}, key) is None


def test_a_candidate_of_an_article_that_may_not_be_shown_is_never_picked() -> None:
    key = {1: 0.2, 2: 0.9}
    assert learned_pick([1], [1, 2], {1: True, 2: False}, key) is None


def test_a_sentence_already_shown_or_nothing_admitted_picks_nothing() -> None:
    key = {1: 0.2, 2: 0.9}
    assert learned_pick([1], [1, 2], {1: True, 2: True}, key, excluded={2}) is None
    assert learned_pick([], [1, 2], {1: True, 2: True}, key) is None


async def _leak_library(tmp_path: Path, weight: float) -> Library:
    lib = await Library.open(tmp_path / f"{weight}.db")
    await lib.add_document(LEAK)
    lib.enable_semantic(StubEncoder({"treatment": 0}))  # type: ignore[arg-type]
    assert await lib.wait_for_vectors(30)
    weights = np.zeros(len(FEATURES))
    weights[FEATURES.index("cos_sentence")] = weight
    weights[FEATURES.index("lexical")] = 1.0
    lib._scorer = LinearScorer(weights)
    return lib


QUESTION = "How many people in Dellway fled the gas leak at the Orrin chemical works and were taken ill by the cloud?"


async def test_the_sentence_the_reranker_prefers_is_first_though_it_holds_few_words(
    tmp_path: Path,
) -> None:
    """The breathing sentence holds one of the question's words; the filter drops it,
    the reranker (weights chosen here to prefer it) puts it first."""
    lib = await _leak_library(tmp_path, -100.0)
    answer = await lib.ask(QUESTION)
    assert answer.quotes and answer.quotes[0].text.startswith("The cloud left")
    await lib.close()


async def test_without_the_reranker_preferring_it_the_admitted_candidate_stays_first(
    tmp_path: Path,
) -> None:
    lib = await _leak_library(tmp_path, 0.0)
    answer = await lib.ask(QUESTION)
    assert answer.quotes and not answer.quotes[0].text.startswith("The cloud left")
    await lib.close()


async def test_off_the_reranker_prefers_it_but_it_is_not_shown(
    tmp_path: Path, monkeypatch: object
) -> None:
    """The change itself: with the learned pick off, the dropped sentence is not first."""
    import pytest

    assert isinstance(monkeypatch, pytest.MonkeyPatch)
    monkeypatch.setattr(answering, "ENABLE_LEARNED_FIRST", False)
    lib = await _leak_library(tmp_path, -100.0)
    answer = await lib.ask(QUESTION)
    assert answer.quotes and not answer.quotes[0].text.startswith("The cloud left")
    await lib.close()
