"""What the index tells ranking beyond BM25: term order, and where question terms stand."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from index.bm25 import BM25Index
from index.library import Library
from index.scope import ScopeIndex


def test_sequences_keep_text_order_through_removal_and_compaction() -> None:
    index = BM25Index(keep_order=True)
    index.add([(0, ["b", "a", "b"]), (1, ["c"]), (2, ["a", "c"])])
    assert index.vocabulary_ids.decode(index.sequence(0).tolist()) == ("b", "a", "b")
    index.remove([1])
    index.compact()
    assert index.vocabulary_ids.decode(index.sequence(2).tolist()) == ("a", "c")
    assert index.vocabulary_ids.decode(index.sequence(0).tolist()) == ("b", "a", "b")
    assert len(index.sequence(1)) == 0
    assert len(BM25Index().sequence(0)) == 0  # not kept unless asked for


def _scope() -> ScopeIndex:
    index = ScopeIndex()
    index.add(
        [
            (0, ("a", 1), ["mayor", "plan", "bus"]),
            (1, ("a", 1), ["council", "vote"]),
            (2, ("a", 2), ["mayor", "tax"]),
            (3, ("a", 3), ["rain", "week"]),
        ]
    )
    index.add([(10, ("b", 1), ["flood", "week", "plan"]), (11, ("b", 2), ["river", "rate"])])
    return index


def test_presence_says_sentence_and_paragraph() -> None:
    index = _scope()
    got = index.presence(["mayor", "week", "absent"], np.array([1, 3, 10], dtype=np.int64))
    assert got.sentence.tolist() == [
        [False, False, False],
        [False, True, False],
        [False, True, False],
    ]
    assert got.paragraph.tolist() == [
        [True, False, False],
        [False, True, False],
        [False, True, False],
    ]


def test_article_coverage_sums_the_words_each_article_holds() -> None:
    index = _scope()
    articles, covered = index.article_coverage([(["mayor"], 2.0), (["week", "rain"], 1.0)])
    assert dict(zip(articles.tolist(), covered.tolist(), strict=True)) == {0: 3.0, 10: 1.0}
    assert index.article_of(np.array([3, 11], dtype=np.int64)).tolist() == [0, 10]
    assert index.article_idf("week") < index.article_idf("mayor")


def test_adjacent_pairs_in_either_order() -> None:
    index = _scope()
    ids = np.array([0, 2, 10, 11], dtype=np.int64)
    masks = index.adjacent_pairs(ids, [("plan", "mayor"), ("bus", "mayor"), ("rate", "river")])
    assert masks.tolist() == [0b001, 0, 0, 0b100]


async def test_start_up_path_keeps_term_order(tmp_path: Path) -> None:
    article = tmp_path / "a.txt"
    article.write_text("The interest rate rose.\n\nRates of interest fell again.\n")
    lib = await Library.open(tmp_path / "lib.db")
    await lib.add_path(article)
    await lib.close()
    lib = await Library.open(tmp_path / "lib.db")  # rebuilt from stored term ids
    try:
        index = lib.index_for(None)
        ids = np.array(await lib.store.sentence_ids(lib.articles()[0].id), dtype=np.int64)
        masks = index.adjacent_pairs(ids, [("interest", "rate")])
        assert masks.tolist() == [1, 1]
    finally:
        await lib.close()
