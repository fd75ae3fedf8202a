from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rank_bm25 import BM25L, BM25Okapi, BM25Plus

from index.bm25 import BM25Index, Params

REFERENCE = {"okapi": BM25Okapi, "plus": BM25Plus, "l": BM25L}


def test_hand_computed_okapi_order() -> None:
    # Four documents; "cat" is in 2 of 4 (IDF 0, rank-bm25's pitfall), "bird" in 1.
    corpus = [["cat", "sat"], ["dog", "sat"], ["cat", "bird", "bird"], ["dog", "ran"]]
    index = BM25Index(Params(variant="okapi", k1=1.5, b=0.75))
    index.add(enumerate(corpus))
    # idf(bird) = ln((4 - 1 + 0.5) / (1 + 0.5)) = ln(7/3); avgdl = 9/4
    idf_bird = math.log(3.5 / 1.5)
    assert index.idf("bird") == pytest.approx(idf_bird)
    assert index.idf("cat") == 0.0  # exactly half the documents: IDF 0, not floored
    k1, b, avgdl = 1.5, 0.75, 9 / 4
    expected = idf_bird * (2 * (k1 + 1) / (2 + k1 * (1 - b + b * 3 / avgdl)))
    [(doc, score)] = index.top(["bird", "cat"], 3)[:1]
    assert doc == 2
    assert score == pytest.approx(expected)
    # "cat" adds 0, so the documents with only "cat" tie at 0 and come by id.
    assert [d for d, _ in index.top(["bird", "cat"], 3)] == [2, 0]


def test_negative_idf_is_floored_like_rank_bm25() -> None:
    corpus = [["a", "x"], ["a", "y"], ["a", "z"], ["b"]]
    index = BM25Index(Params(variant="okapi"))
    index.add(enumerate(corpus))
    ref = BM25Okapi(corpus)
    assert index.idf("a") == pytest.approx(ref.idf["a"])
    assert index.idf("a") > 0  # floored to epsilon * mean IDF


def test_hand_computed_plus_gives_every_term_weight() -> None:
    corpus = [["cat", "sat"], ["dog", "sat"], ["cat", "bird", "bird"], ["dog", "ran"]]
    index = BM25Index()  # BM25Plus, the default (k1 0.9, b 0.4)
    index.add(enumerate(corpus))
    assert index.idf("cat") == pytest.approx(math.log(5 / 2))  # ln((N + 1) / df)
    k1, b, avgdl, delta = 0.9, 0.4, 9 / 4, 1.0
    cat_in_0 = math.log(5 / 2) * (delta + 1 * (k1 + 1) / (k1 * (1 - b + b * 2 / avgdl) + 1))
    assert index.top(["cat"], 1) == [(0, pytest.approx(cat_in_0))]
    assert [d for d, _ in index.top(["cat", "bird"], 3)] == [2, 0]


def test_ties_break_by_id() -> None:
    index = BM25Index()
    index.add([(7, ["x"]), (3, ["x"]), (5, ["x"]), (1, ["y"])])
    assert [d for d, _ in index.top(["x"], 2)] == [3, 5]


corpora = st.lists(
    st.lists(st.sampled_from([f"t{i}" for i in range(12)]), min_size=0, max_size=8),
    min_size=1,
    max_size=25,
).filter(lambda c: any(c))
queries = st.lists(st.sampled_from([f"t{i}" for i in range(14)]), min_size=1, max_size=5)


@settings(max_examples=150, deadline=None)
@given(corpus=corpora, query=queries, variant=st.sampled_from(sorted(REFERENCE)))
def test_scores_equal_rank_bm25(corpus, query, variant) -> None:
    params = Params(variant=variant)
    ref = REFERENCE[variant](corpus, k1=params.k1, b=params.b).get_scores(query)
    index = BM25Index(params)
    index.add(enumerate(corpus))
    ids, scores = index.scores(query)
    for i, s in zip(ids, scores, strict=True):
        assert s == pytest.approx(ref[i], rel=1e-9, abs=1e-12)
    # Every document left out shares no query term: rank-bm25 gives each the same
    # query-only score (0, or BM25Plus's sum of idf * delta), never more than a candidate's
    # unless an IDF is negative (Okapi's floor can be).
    missing = sorted(set(range(len(corpus))) - set(ids.tolist()))
    if missing:
        assert np.ptp(ref[missing]) == pytest.approx(0, abs=1e-12)
        if variant != "okapi":
            assert ref[missing[0]] <= min(scores, default=np.inf) + 1e-12
    # Top-k holds rank-bm25's best scores, in its order. Scores equal to the last bits can
    # be summed in another order here and there, so exact ties may come either way round.
    k = 3
    top = index.top(query, k)
    order = sorted(ids.tolist(), key=lambda i: (-ref[i], i))[:k]
    got = [d for d, _ in top]
    assert len(got) == len(order)
    assert [ref[d] for d in got] == pytest.approx([ref[d] for d in order], rel=1e-9, abs=1e-12)


@settings(max_examples=60, deadline=None)
@given(corpus=corpora, extra=corpora, query=queries)
def test_incremental_add_remove_equals_rebuild(corpus, extra, query) -> None:
    index = BM25Index()
    index.add(enumerate(corpus))
    offset = 1000
    index.add((offset + i, d) for i, d in enumerate(extra))
    index.remove(range(len(corpus)))
    rebuilt = BM25Index()
    rebuilt.add((offset + i, d) for i, d in enumerate(extra))
    _same_ranking(index.top(query, 5), rebuilt.top(query, 5))
    index.compact()
    _same_ranking(index.top(query, 5), rebuilt.top(query, 5))


def _same_ranking(got: list[tuple[int, float]], want: list[tuple[int, float]]) -> None:
    assert [d for d, _ in got] == [d for d, _ in want]
    assert [s for _, s in got] == pytest.approx([s for _, s in want], rel=1e-9, abs=1e-12)


def test_empty_index_scores_nothing() -> None:
    index = BM25Index()
    assert index.top(["x"], 3) == []
    index.add([(1, [])])
    assert index.top(["x"], 3) == []


@settings(max_examples=100, deadline=None)
@given(groups=st.lists(corpora, min_size=1, max_size=4), query=queries)
def test_group_scores_equal_rank_bm25_within_each_group(groups, query) -> None:
    """Each document scored against its own group is rank-bm25 over that group alone."""
    index = BM25Index()
    spans, ids, next_id = [], [], 0
    for docs in groups:
        index.add((next_id + i, d) for i, d in enumerate(docs))
        spans.append((next_id, next_id + len(docs) - 1))
        ids.extend(range(next_id, next_id + len(docs)))
        next_id += len(docs) + 3  # ids need not be dense
    owner = [span for span, docs in zip(spans, groups, strict=True) for _ in docs]
    got = index.group_scores(query, np.array(ids, dtype=np.int64), owner)
    params = Params()
    want = []
    for docs in groups:
        if not any(docs):  # rank-bm25 cannot build an index of empty documents only
            want.extend([0.0] * len(docs))
            continue
        want.extend(BM25Plus(docs, k1=params.k1, b=params.b).get_scores(query).tolist())
    assert got.tolist() == pytest.approx(want, rel=1e-9, abs=1e-12)


def test_group_scores_survive_removal_and_compaction() -> None:
    index = BM25Index()
    index.add([(0, ["a", "b"]), (1, ["a"]), (2, ["a", "c"])])
    index.add([(10, ["a", "b"]), (11, ["b", "b"])])
    index.remove([0, 1, 2])
    before = index.group_scores(["b"], np.array([10, 11]), [(10, 11), (10, 11)])
    index.compact()
    after = index.group_scores(["b"], np.array([10, 11]), [(10, 11), (10, 11)])
    want = BM25Plus([["a", "b"], ["b", "b"]], k1=0.9, b=0.4).get_scores(["b"])
    assert before.tolist() == pytest.approx(want.tolist())
    assert after.tolist() == pytest.approx(want.tolist())
