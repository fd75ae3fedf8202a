"""Exact rank-bm25 scores from an inverted index, computed only where they matter.

``rank_bm25`` is the definition: for a query its ``get_scores`` walks every document for
every term. Here each term has postings (rows, term frequencies and document lengths in
numpy arrays), so a query touches only the documents that hold one of its terms, and the
arithmetic is rank-bm25's expression on the same values, so scores agree to within
floating-point summation order (tested to 1e-9 relative with hypothesis). Documents can
be added and removed without a rebuild; corpus statistics (N, average length, IDF)
follow at once. bench/scale.py measures queries against rank-bm25, bm25s and SQLite FTS5.

The default is BM25Plus: through the whole pipeline it ranks like BM25Okapi (and far
better than BM25L: bench/eval_variants.py compares the three), but its IDF is never zero
or negative, which Okapi's is for a term in half or more of a small library's sentences
(one article is ~20). k1 0.9 and b 0.4 (rank-bm25's defaults are 1.5 and 0.75) suit
sentence-length documents, ranked with their paragraph as context.

Three variants, as in rank-bm25: ``okapi`` (BM25Okapi, IDF floored at
``epsilon * mean IDF`` for negative values), ``plus`` (BM25Plus) and ``l`` (BM25L).
BM25Plus adds ``idf * delta`` to every document for each query term, including documents
without it; that shifts all scores equally, so it is added to the candidates only.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
from numpy.typing import NDArray

from .vocabulary import Vocabulary

VARIANTS = ("okapi", "plus", "l")


@dataclass(frozen=True)
class Params:
    variant: str = "plus"
    k1: float = 0.9  # tuned on squad-dev sentences (short documents): see index/scope.py
    b: float = 0.4
    epsilon: float = 0.25  # okapi only
    delta: float | None = None  # plus: 1.0, l: 0.5 (rank-bm25's defaults)

    def __post_init__(self) -> None:
        if self.variant not in VARIANTS:
            raise ValueError(f"unknown BM25 variant {self.variant!r}; choose from {VARIANTS}")

    @property
    def d(self) -> float:
        if self.delta is not None:
            return self.delta
        return 1.0 if self.variant == "plus" else 0.5


class _Growable:
    """A numpy array with amortized O(1) appends."""

    __slots__ = ("data", "size")

    def __init__(self, dtype: type, capacity: int = 1024, fill: int = 0) -> None:
        self.data: NDArray[Any] = np.full(capacity, fill, dtype=dtype)
        self.size = 0

    def reserve(self, size: int, fill: int = 0) -> None:
        if size > len(self.data):
            grown = np.full(max(size, 2 * len(self.data)), fill, dtype=self.data.dtype)
            grown[: len(self.data)] = self.data
            self.data = grown

    def extend(self, values: NDArray[Any] | Sequence[int]) -> None:
        need = self.size + len(values)
        self.reserve(need)
        self.data[self.size : need] = values
        self.size = need

    def view(self) -> NDArray[Any]:
        return self.data[: self.size]


@dataclass(frozen=True)
class _Block:
    """Immutable postings for the rows ``start``..``stop``: CSR keyed by term id."""

    start: int
    stop: int
    indptr: NDArray[np.int64]  # by term id: postings of t are rows[indptr[t]:indptr[t + 1]]
    rows: NDArray[np.int32]
    tfs: NDArray[np.int32]
    lengths: NDArray[np.int32]  # each posting's document length, read in order, not gathered

    def postings(
        self, tid: int
    ) -> tuple[NDArray[np.int32], NDArray[np.int32], NDArray[np.int32]] | None:
        if tid + 1 >= len(self.indptr):
            return None  # a term newer than the block
        lo, hi = self.indptr[tid], self.indptr[tid + 1]
        if lo == hi:
            return None
        return self.rows[lo:hi], self.tfs[lo:hi], self.lengths[lo:hi]


MAX_BLOCKS = 8


class BM25Index:
    """Documents are identified by caller-chosen non-negative integer ids (sentence ids).

    Storage: a forward index (each row's distinct term ids and frequencies, the source of
    truth) and inverted *blocks* of postings derived from it. An add appends rows and one
    small block; small blocks are merged when there are more than eight (only the rows they
    cover are re-read), so an add costs about its own size. A remove clears a row's live
    flag and takes its terms off the document frequencies; dead rows are dropped when
    they outnumber the live ones.
    """

    def __init__(
        self,
        params: Params | None = None,
        vocabulary: Vocabulary | None = None,
        keep_order: bool = False,
    ) -> None:
        self.params = params or Params()
        # may be shared with other indexes (an empty one too: `or` would replace it)
        self.vocabulary = vocabulary if vocabulary is not None else Vocabulary()
        # With keep_order, each row's term ids are also kept in text order (CSR by row):
        # BM25 needs only counts, but phrase matching needs to know which terms are adjacent.
        self.keep_order = keep_order
        self._seq_ptr = _Growable(np.int64)
        self._seq_ptr.extend([0])
        self._seq_terms = _Growable(np.int32)
        self._df = _Growable(np.int64)
        self._ids = _Growable(np.int64)  # row -> document id
        self._lengths = _Growable(np.int64)  # row -> number of terms
        self._alive = _Growable(np.bool_)
        self._row_of = _Growable(np.int64, fill=-1)  # document id -> row, -1 if absent
        self._fwd_ptr = _Growable(np.int64)  # forward index, CSR by row
        self._fwd_ptr.extend([0])
        self._fwd_terms = _Growable(np.int32)  # int32: half the memory of the big arrays
        self._fwd_tfs = _Growable(np.int32)
        self._blocks: list[_Block] = []
        self.n_docs = 0
        self.total_length = 0
        self.n_terms = 0  # terms at least one live document holds, kept as df changes
        self._dead = 0
        self._mean_idf: float | None = None
        self._span_avgdl: dict[tuple[int, int], float] = {}  # group_scores(), by row span
        self._acc = np.zeros(0, dtype=np.float64)  # scoring buffers (see scores())
        self._mark = np.zeros(0, dtype=np.int32)

    # --- changes ---------------------------------------------------------------------

    def add(self, docs: Iterable[tuple[int, Sequence[str]]]) -> None:
        """Add documents as (id, terms); an id already present is replaced."""
        batch = list(docs)
        if not batch:
            return
        last = dict(batch)  # the last version of a repeated id wins
        if len(last) != len(batch):
            batch = list(last.items())
        ids = np.fromiter(last, dtype=np.int64, count=len(last))
        lengths = np.fromiter((len(t) for _, t in batch), dtype=np.int64, count=len(batch))
        tokens = self.vocabulary.encode([t for _, t in batch])
        self.add_encoded(ids, lengths, tokens)

    def add_encoded(
        self, ids: NDArray[np.int64], lengths: NDArray[np.int64], tokens: NDArray[np.int32]
    ) -> None:
        """Add documents given as ids, term counts and all their term ids concatenated
        (ids from this index's vocabulary): the bulk path, with no Python loop."""
        n = len(ids)
        if not n:
            return
        if ids.min() < 0:
            raise ValueError("document ids must be non-negative")
        present = ids[ids < self._row_of.size]
        present = present[self._row_of.data[present] >= 0]
        if len(present):
            self.remove(present.tolist())
        vocab = len(self.vocabulary)
        first_row = self._ids.size
        rows = np.repeat(np.arange(n, dtype=np.int64), lengths)
        # distinct (row, term) pairs with their frequencies, ordered by row then term
        pairs, tfs = np.unique(rows * vocab + tokens, return_counts=True)
        pair_rows, pair_terms = np.divmod(pairs, vocab) if vocab else (pairs, pairs)
        self._fwd_terms.extend(pair_terms)
        self._fwd_tfs.extend(tfs)
        ends = np.searchsorted(pair_rows, np.arange(1, n + 1)) + self._fwd_ptr.view()[-1]
        self._fwd_ptr.extend(ends)
        if self.keep_order:
            self._seq_terms.extend(tokens)
            self._seq_ptr.extend(np.cumsum(lengths) + self._seq_ptr.view()[-1])
        self._ids.extend(ids)
        self._lengths.extend(lengths)
        self._alive.extend(np.ones(n, dtype=np.bool_))
        self._row_of.reserve(int(ids.max()) + 1, fill=-1)
        self._row_of.size = max(self._row_of.size, int(ids.max()) + 1)
        self._row_of.data[ids] = np.arange(first_row, first_row + n)
        self._sync_df_size()
        touched = np.unique(pair_terms)
        self.n_terms += int(np.count_nonzero(self._df.data[touched] == 0))
        self._df.data[:vocab] += np.bincount(pair_terms, minlength=vocab)
        self.n_docs += n
        self.total_length += int(lengths.sum())
        self._mean_idf = None
        self._blocks.append(self._build_block(first_row, first_row + n))
        if len(self._blocks) > MAX_BLOCKS:
            self._merge_small_blocks()

    def _sync_df_size(self) -> None:
        """The vocabulary may have grown through another index that shares it."""
        size = len(self.vocabulary)
        self._df.reserve(size)
        self._df.size = max(self._df.size, size)

    def remove(self, doc_ids: Iterable[int]) -> None:
        """Remove documents; their postings stay until compaction but never score."""
        ids = np.asarray([d for d in doc_ids if 0 <= d < self._row_of.size], dtype=np.int64)
        if not len(ids):
            return
        rows = self._row_of.data[ids]
        rows = np.unique(rows[rows >= 0])
        if not len(rows):
            return
        terms, _ = self._forward(rows)
        self._sync_df_size()
        self._df.data[: self._df.size] -= np.bincount(terms, minlength=self._df.size)
        self.n_terms -= int(np.count_nonzero(self._df.data[np.unique(terms)] == 0))
        self._alive.data[rows] = False
        self._row_of.data[self._ids.data[rows]] = -1
        self.n_docs -= len(rows)
        self.total_length -= int(self._lengths.data[rows].sum())
        self._dead += len(rows)
        self._mean_idf = None
        self._span_avgdl.clear()
        if self._dead > 1024 and self._dead > self.n_docs:
            self.compact()

    def compact(self) -> None:
        """Drop removed rows for good and rebuild the postings as one block."""
        self._span_avgdl.clear()
        keep = np.flatnonzero(self._alive.view())
        ptr = self._fwd_ptr.view()
        counts = ptr[keep + 1] - ptr[keep]
        terms, tfs = self._forward(keep)
        ids, lengths = self._ids.view()[keep], self._lengths.view()[keep]
        self._ids, self._lengths = _Growable(np.int64), _Growable(np.int64)
        self._alive, self._fwd_ptr = _Growable(np.bool_), _Growable(np.int64)
        self._fwd_terms, self._fwd_tfs = _Growable(np.int32), _Growable(np.int32)
        self._ids.extend(ids)
        self._lengths.extend(lengths)
        self._alive.extend(np.ones(len(keep), dtype=np.bool_))
        self._fwd_ptr.extend(np.concatenate([[0], np.cumsum(counts)]))
        self._fwd_terms.extend(terms)
        self._fwd_tfs.extend(tfs)
        if self.keep_order:
            seq_ptr = self._seq_ptr.view()
            take = _ranges(seq_ptr[keep], seq_ptr[keep + 1])
            seq_terms = self._seq_terms.view()[take]
            self._seq_ptr, self._seq_terms = _Growable(np.int64), _Growable(np.int32)
            self._seq_ptr.extend(np.concatenate([[0], np.cumsum(lengths)]))
            self._seq_terms.extend(seq_terms)
        self._row_of.data[:] = -1
        self._row_of.data[ids] = np.arange(len(keep))
        self._dead = 0
        self._blocks = [self._build_block(0, len(keep))] if len(keep) else []

    def _forward(self, rows: NDArray[np.int64]) -> tuple[NDArray[np.int64], NDArray[np.int64]]:
        """The (term ids, frequencies) of ``rows``, concatenated in row order."""
        ptr = self._fwd_ptr.data
        counts = ptr[rows + 1] - ptr[rows]
        offsets = np.repeat(ptr[rows] - (np.cumsum(counts) - counts), counts)
        take = offsets + np.arange(int(counts.sum()))
        return self._fwd_terms.data[take], self._fwd_tfs.data[take]

    def _build_block(self, start: int, stop: int) -> _Block:
        ptr = self._fwd_ptr.data
        lo, hi = int(ptr[start]), int(ptr[stop])
        terms = self._fwd_terms.data[lo:hi]
        tfs = self._fwd_tfs.data[lo:hi]
        rows = np.repeat(np.arange(start, stop, dtype=np.int32), np.diff(ptr[start : stop + 1]))
        order = np.argsort(terms, kind="stable")  # by term, rows stay ascending
        counts = np.bincount(terms, minlength=len(self.vocabulary))
        indptr = np.concatenate([[0], np.cumsum(counts)]).astype(np.int64)
        rows = rows[order]
        lengths = self._lengths.data[rows].astype(np.int32)
        return _Block(start, stop, indptr, rows, tfs[order], lengths)

    def _merge_small_blocks(self) -> None:
        """Merge every block after the largest into one (they cover consecutive rows)."""
        big = max(
            range(len(self._blocks)),
            key=lambda i: self._blocks[i].stop - self._blocks[i].start,
        )
        tail = self._blocks[big + 1 :]
        if len(tail) < 2:
            merged = self._build_block(self._blocks[0].start, self._blocks[-1].stop)
            self._blocks = [merged]
            return
        self._blocks = [
            *self._blocks[: big + 1],
            self._build_block(tail[0].start, tail[-1].stop),
        ]

    # --- statistics ------------------------------------------------------------------

    @property
    def avgdl(self) -> float:
        return self.total_length / self.n_docs if self.n_docs else 0.0

    def __len__(self) -> int:
        return self.n_docs

    def distinct_terms(self, doc_id: int) -> frozenset[int]:
        """The term ids a live document holds (empty if it is not in the index)."""
        if not 0 <= doc_id < self._row_of.size or self._row_of.data[doc_id] < 0:
            return frozenset()
        row = int(self._row_of.data[doc_id])
        lo, hi = self._fwd_ptr.data[row], self._fwd_ptr.data[row + 1]
        return frozenset(self._fwd_terms.data[lo:hi].tolist())

    def sequence(self, doc_id: int) -> NDArray[np.int32]:
        """A live document's term ids in text order (needs ``keep_order``; else empty)."""
        if not self.keep_order or not 0 <= doc_id < self._row_of.size:
            return np.empty(0, dtype=np.int32)
        row = int(self._row_of.data[doc_id])
        if row < 0:
            return np.empty(0, dtype=np.int32)
        lo, hi = self._seq_ptr.data[row], self._seq_ptr.data[row + 1]
        return self._seq_terms.data[lo:hi]

    def holders(self, term: str) -> NDArray[np.int64]:
        """The ids of the live documents that hold ``term``."""
        tid = self._tid(term)
        if tid is None:
            return np.empty(0, dtype=np.int64)
        parts = [found[0] for block in self._blocks if (found := block.postings(tid)) is not None]
        if not parts:
            return np.empty(0, dtype=np.int64)
        rows = np.concatenate(parts)
        rows = rows[self._alive.data[rows]]
        return np.asarray(self._ids.data[rows], dtype=np.int64)

    def term_id(self, term: str) -> int | None:
        """The vocabulary id of a term some live document holds (None otherwise)."""
        return self._tid(term)

    def _tid(self, term: object) -> int | None:
        tid = self.vocabulary.ids.get(term) if isinstance(term, str) else None
        return tid if tid is not None and tid < self._df.size and self._df.data[tid] else None

    def __contains__(self, term: object) -> bool:
        return self._tid(term) is not None

    def df(self, term: str) -> int:
        tid = self._tid(term)
        return 0 if tid is None else int(self._df.data[tid])

    def known_terms(self) -> Iterable[str]:
        """The terms at least one live document holds."""
        terms = self.vocabulary.terms
        return (terms[i] for i in np.flatnonzero(self._df.view()).tolist())

    def _raw_idf(self, df: float) -> float:
        return _raw_idf(self.params.variant, self.n_docs, df)

    def idf(self, term: str) -> float:
        """The IDF rank-bm25 would give ``term`` (0 for a term the corpus lacks)."""
        df = self.df(term)
        if not df:
            return 0.0
        value = self._raw_idf(df)
        if self.params.variant == "okapi" and value < 0:
            return self.params.epsilon * self._mean_okapi_idf()
        return value

    def max_idf(self) -> float:
        """The IDF of a term found in one document: the most informative a term can be."""
        return self._raw_idf(1) if self.n_docs else 0.0

    def _mean_okapi_idf(self) -> float:
        if self._mean_idf is None:
            dfs = self._df.view()
            dfs = dfs[dfs > 0].astype(np.float64)
            n = self.n_docs
            self._mean_idf = float(np.mean(np.log(n - dfs + 0.5) - np.log(dfs + 0.5)))
        return self._mean_idf

    # --- scoring ---------------------------------------------------------------------

    def scores(self, query: Sequence[str]) -> tuple[NDArray[np.int64], NDArray[np.float64]]:
        """(document ids, scores) of every live document sharing a term with ``query``."""
        if not self.n_docs:
            return np.empty(0, dtype=np.int64), np.empty(0, dtype=np.float64)
        p = self.params
        avgdl = self.avgdl
        rows_parts: list[NDArray[np.int32]] = []
        weight_parts: list[NDArray[np.float64]] = []
        constant = 0.0
        for term in query:
            tid = self._tid(term)
            if tid is None:
                continue
            idf = self.idf(term)
            for block in self._blocks:
                found = block.postings(tid)
                if found is None:
                    continue
                rows, q_freq, doc_len = found
                rows_parts.append(rows)
                weight_parts.append(_term_weight(p, idf, q_freq, doc_len, avgdl))
            if p.variant == "plus":
                constant += idf * p.d
        if not rows_parts:
            return np.empty(0, dtype=np.int64), np.empty(0, dtype=np.float64)
        # Sum into a buffer the size of the index: each term's postings hold a row once,
        # so `acc[rows] += w` is exact, and terms are added in query order from 0.0, as in
        # rank-bm25. The distinct rows are found without sorting: writing each position
        # into `mark` keeps one position per row. Only touched entries are cleared.
        size = self._ids.size
        if len(self._acc) < size:
            self._acc = np.zeros(max(size, 2 * len(self._acc)), dtype=np.float64)
            self._mark = np.zeros(len(self._acc), dtype=np.int32)
        acc, mark = self._acc, self._mark
        for rows, w in zip(rows_parts, weight_parts, strict=True):
            acc[rows] += w
        all_rows = np.concatenate(rows_parts) if len(rows_parts) > 1 else rows_parts[0]
        positions = np.arange(len(all_rows), dtype=np.int32)
        mark[all_rows] = positions
        unique = all_rows[mark[all_rows] == positions]
        sums = acc[unique] + constant
        acc[unique] = 0.0
        alive = self._alive.data[unique]
        return self._ids.data[unique[alive]], sums[alive]

    def group_scores(
        self, query: Sequence[str], doc_ids: NDArray[np.int64], groups: Sequence[tuple[int, int]]
    ) -> NDArray[np.float64]:
        """BM25 of each document against the documents of its own group only.

        A group is a run of documents added together, ``(first id, last id)``, one per
        document (an article, in :mod:`index.scope`). N, the average length and each
        term's document frequency are taken within the group, so a term every sentence
        of an article repeats (its subject: "Super Bowl" in an article about one) weighs
        little there, while the library-wide IDF still decides between articles. A term
        the group lacks adds nothing (the BM25Plus floor would only shift the group).
        Only a handful of candidates are scored, so this reads the forward index.
        """
        out = np.zeros(len(doc_ids), dtype=np.float64)
        tids = [t for t in (self._tid(term) for term in query) if t is not None]
        if not tids or not len(doc_ids):
            return out
        p = self.params
        row_of, ptr, lengths = self._row_of.data, self._fwd_ptr.data, self._lengths.data
        spans = sorted(set(groups))
        starts, stops = self._span_rows(spans)
        df = self.group_df(tids, spans)
        stats: dict[tuple[int, int], tuple[float, dict[int, float]]] = {}
        for i, span in enumerate(spans):
            n = int(stops[i] - starts[i])
            idf = {t: _raw_idf(p.variant, n, c[i]) for t, c in df.items() if c[i]}
            lo, hi = int(starts[i]), int(stops[i])
            avgdl = self._span_avgdl.get((lo, hi))
            if avgdl is None:  # a live group never changes: its mean length is kept
                avgdl = self._span_avgdl[lo, hi] = float(lengths[lo:hi].mean())
            stats[span] = (avgdl, idf)
        floor = p.d if p.variant == "plus" else 0.0  # BM25Plus: each term the group holds
        terms, tfs = self._fwd_terms.data, self._fwd_tfs.data
        # A few candidates: plain Python beats numpy's per-call overhead here.
        for i, (doc, group) in enumerate(zip(doc_ids.tolist(), groups, strict=True)):
            avgdl, idf = stats[group]
            row = int(row_of[doc])
            lo, hi = ptr[row], ptr[row + 1]
            tf = dict(zip(terms[lo:hi].tolist(), tfs[lo:hi].tolist(), strict=True))
            length = float(lengths[row])
            out[i] = sum(
                _term_weight(p, idf[t], tf.get(t, 0), length, avgdl) + idf[t] * floor
                for t in tids
                if t in idf
            )
        return out

    def _span_rows(
        self, spans: Sequence[tuple[int, int]]
    ) -> tuple[NDArray[np.int64], NDArray[np.int64]]:
        row_of = self._row_of.data
        starts = np.array([row_of[first] for first, _ in spans], dtype=np.int64)
        stops = np.array([row_of[last] + 1 for _, last in spans], dtype=np.int64)
        return starts, stops

    def group_df(
        self, tids: Iterable[int], spans: Sequence[tuple[int, int]]
    ) -> dict[int, NDArray[np.int64]]:
        """How many documents of each group ``(first id, last id)`` hold each term id.

        A group's rows are consecutive, and each block's postings of a term are in row
        order: a term's document frequency in every group is two binary searches, however
        many documents hold it elsewhere.
        """
        starts, stops = self._span_rows(spans)
        df: dict[int, NDArray[np.int64]] = {}
        for tid in set(tids):
            counts = np.zeros(len(spans), dtype=np.int64)
            for block in self._blocks:
                found = block.postings(tid)
                if found is not None:
                    rows = found[0]
                    counts += np.searchsorted(rows, stops) - np.searchsorted(rows, starts)
            df[tid] = counts
        return df

    def top(self, query: Sequence[str], k: int) -> list[tuple[int, float]]:
        """The k best (id, score), score descending then id ascending."""
        ids, scores = self.scores(query)
        order = best_positions(ids, scores, k)
        return [(int(ids[i]), float(scores[i])) for i in order]


def _raw_idf(variant: str, n: int, df: float) -> float:
    if variant == "okapi":
        return math.log(n - df + 0.5) - math.log(df + 0.5)
    if variant == "plus":
        return math.log(n + 1) - math.log(df)
    return math.log(n + 1) - math.log(df + 0.5)


def _term_weight(p: Params, idf: float, tf: Any, length: Any, avgdl: float) -> Any:
    """One query term's rank-bm25 weight in a document (scalars or arrays alike); BM25Plus's
    ``idf * delta``, which every document gets, is left to the caller."""
    k1, b = p.k1, p.b
    if p.variant == "okapi":
        return idf * (tf * (k1 + 1) / (tf + k1 * (1 - b + b * length / avgdl)))
    if p.variant == "plus":
        return idf * ((tf * (k1 + 1)) / (k1 * (1 - b + b * length / avgdl) + tf))
    ctd = tf / (1 - b + b * length / avgdl)
    return idf * tf * (k1 + 1) * (ctd + p.d) / (k1 + ctd + p.d)


def _ranges(starts: NDArray[np.int64], stops: NDArray[np.int64]) -> NDArray[np.int64]:
    """The concatenated integer ranges ``starts[i]:stops[i]``."""
    counts = stops - starts
    offsets = np.repeat(starts - (np.cumsum(counts) - counts), counts)
    return offsets + np.arange(int(counts.sum()))


def best_positions(ids: NDArray[np.int64], scores: NDArray[np.float64], n: int) -> NDArray[np.intp]:
    """Positions of the n best (score descending, id ascending). Every score tied with
    the n-th is kept through the partial sort, so the order is exact."""
    if len(ids) > 4 * n:
        kth = np.partition(scores, len(scores) - n)[len(scores) - n]
        keep = np.flatnonzero(scores >= kth)
        return keep[np.lexsort((ids[keep], -scores[keep]))][:n]
    return np.lexsort((ids, -scores))[:n]
