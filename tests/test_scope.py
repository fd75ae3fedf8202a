"""Scoring a sentence within its own article, through both ways an index is built."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from rank_bm25 import BM25Plus

from index.bm25 import Params
from index.library import Library
from index.scope import ScopeIndex

ARTICLES = {
    "a": [["bridg", "vote", "toll"], ["bridg", "council"], ["bridg", "toll", "toll"]],
    "b": [["bridg", "river"], ["council", "vote"]],
}


def _rows(start: int, article: str) -> list[tuple[int, tuple[str, int], list[str]]]:
    return [(start + i, (article, 1), terms) for i, terms in enumerate(ARTICLES[article])]


def _within(article: str, query: list[str]) -> list[float]:
    p = Params()
    return BM25Plus(ARTICLES[article], k1=p.k1, b=p.b).get_scores(query).tolist()


def test_article_scores_use_only_the_article() -> None:
    index = ScopeIndex()
    index.add(_rows(0, "a"))
    index.add(_rows(10, "b"))
    query = ["bridg", "toll"]
    got = index.article_scores(query, np.array([2, 0, 10, 11], dtype=np.int64))
    a, b = _within("a", query), _within("b", query)
    assert got.tolist() == pytest.approx([a[2], a[0], b[0], b[1]])
    # "bridg" is in every sentence of "a": it tells nothing there, "toll" decides.
    assert got[0] > got[1]


def test_replacing_an_article_moves_its_bounds() -> None:
    index = ScopeIndex()
    index.add(_rows(0, "a"))
    index.add(_rows(10, "b"))
    index.remove([0, 1, 2])
    index.add(_rows(20, "a"))
    got = index.article_scores(["toll"], np.array([20, 21, 22, 10], dtype=np.int64))
    assert got.tolist() == pytest.approx([*_within("a", ["toll"]), 0.0])


async def test_start_up_path_scores_like_the_incremental_one(
    tmp_path: Path, sample_path: Path
) -> None:
    second = tmp_path / "second.txt"
    second.write_text("The council voted on the toll.\n\nThe bridge opens in May.\n")
    db = tmp_path / "lib.db"
    lib = await Library.open(db)
    try:
        await lib.add_path(sample_path)
        await lib.add_path(second)
        index = lib.index_for(None)
        ids, _, _ = index.scores(["toll", "bridg", "peskov"], 1.0)
        incremental = index.article_scores(["toll", "bridg", "peskov"], ids.copy())
    finally:
        await lib.close()
    lib = await Library.open(db)
    try:
        index = lib.index_for(None)
        loaded_ids, _, _ = index.scores(["toll", "bridg", "peskov"], 1.0)
        assert sorted(loaded_ids.tolist()) == sorted(ids.tolist())
        loaded = index.article_scores(["toll", "bridg", "peskov"], ids.copy())
        assert loaded.tolist() == pytest.approx(incremental.tolist())
        assert (loaded > 0).all()
    finally:
        await lib.close()
