"""Exact rank-bm25 scores from an inverted index, computed only where they matter.

``rank_bm25`` is the definition: for a query its ``get_scores`` walks every document for
every term. Here each term keeps a postings list (document rows and term frequencies in
growable numpy arrays), so a query touches only the documents that contain one of its
terms, and the arithmetic is the same expression on the same dtypes, so the scores agree
with rank-bm25 to the last bits (summation order aside). Documents can be added and
removed without a rebuild; corpus statistics (N, average length, IDF) follow at once.

The default is BM25Plus: measured through the whole pipeline (bench/eval_variants.py) it
ranks exactly like BM25Okapi on squad-dev (P@1 0.625) and the seed set, but its IDF is
never zero or negative, which Okapi's is for a term in half or more of a small library's
sentences (one article is ~20). rank-bm25's BM25L scored P@1 0.380 there.

Three variants, as in rank-bm25: ``okapi`` (BM25Okapi, IDF floored at
``epsilon * mean IDF`` for negative values), ``plus`` (BM25Plus) and ``l`` (BM25L).
BM25Plus adds ``idf * delta`` to every document for each query term, including documents
without it; that shifts all scores equally, so it is added to the candidates only.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

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
    """An int array with amortized O(1) appends."""

    __slots__ = ("data", "size")

    def __init__(self, dtype: type, capacity: int = 4) -> None:
        self.data: NDArray[np.int64] = np.empty(capacity, dtype=dtype)
        self.size = 0

    def extend(self, values: Sequence[int]) -> None:
        need = self.size + len(values)
        if need > len(self.data):
            grown = np.empty(max(need, 2 * len(self.data)), dtype=self.data.dtype)
            grown[: self.size] = self.data[: self.size]
            self.data = grown
        self.data[self.size : need] = values
        self.size = need

    def view(self) -> NDArray[np.int64]:
        return self.data[: self.size]


class BM25Index:
    """Documents are identified by caller-chosen integer ids (sentence ids)."""

    def __init__(self, params: Params | None = None) -> None:
        self.params = params or Params()
        self._ids = _Growable(np.int64, 1024)  # row -> document id
        self._lengths = _Growable(np.int64, 1024)  # row -> number of terms
        self._alive = np.zeros(1024, dtype=bool)
        self._row_of: dict[int, int] = {}
        self._docs: dict[str, _Growable] = {}  # term -> rows
        self._tfs: dict[str, _Growable] = {}  # term -> term frequencies
        self._df: dict[str, int] = {}
        self._terms_of_row: dict[int, tuple[str, ...]] = {}
        self.n_docs = 0
        self.total_length = 0
        self._mean_idf: float | None = None

    # --- changes ---------------------------------------------------------------------

    def add(self, docs: Iterable[tuple[int, Sequence[str]]]) -> None:
        """Add documents as (id, terms); an id already present is replaced."""
        for doc_id, terms in docs:
            if doc_id in self._row_of:
                self.remove([doc_id])
            row = self._ids.size
            self._ids.extend([doc_id])
            self._lengths.extend([len(terms)])
            if row >= len(self._alive):
                grown = np.zeros(2 * len(self._alive), dtype=bool)
                grown[: len(self._alive)] = self._alive
                self._alive = grown
            self._alive[row] = True
            self._row_of[doc_id] = row
            counts: dict[str, int] = {}
            for term in terms:
                counts[term] = counts.get(term, 0) + 1
            self._terms_of_row[row] = tuple(counts)
            for term, tf in counts.items():
                if term not in self._docs:
                    self._docs[term] = _Growable(np.int64)
                    self._tfs[term] = _Growable(np.int64)
                self._docs[term].extend([row])
                self._tfs[term].extend([tf])
                self._df[term] = self._df.get(term, 0) + 1
            self.n_docs += 1
            self.total_length += len(terms)
        self._mean_idf = None

    def remove(self, doc_ids: Iterable[int]) -> None:
        """Remove documents; their postings stay until :meth:`compact` but never score."""
        for doc_id in doc_ids:
            row = self._row_of.pop(doc_id, None)
            if row is None:
                continue
            self._alive[row] = False
            for term in self._terms_of_row.pop(row):
                self._df[term] -= 1
                if self._df[term] == 0:
                    del self._df[term]
            self.n_docs -= 1
            self.total_length -= int(self._lengths.data[row])
        self._mean_idf = None
        if self._ids.size > 1024 and self.n_docs < self._ids.size // 2:
            self.compact()

    def compact(self) -> None:
        """Drop removed documents' postings (rows are renumbered, ids are kept)."""
        alive_rows = np.flatnonzero(self._alive[: self._ids.size])
        new_row = np.full(self._ids.size, -1, dtype=np.int64)
        new_row[alive_rows] = np.arange(len(alive_rows))
        ids, lengths = self._ids.view()[alive_rows], self._lengths.view()[alive_rows]
        docs, tfs = {}, {}
        for term in self._df:
            rows = self._docs[term].view()
            keep = self._alive[rows]
            d, t = _Growable(np.int64, 4), _Growable(np.int64, 4)
            d.extend(new_row[rows[keep]])  # type: ignore[arg-type]
            t.extend(self._tfs[term].view()[keep])  # type: ignore[arg-type]
            docs[term], tfs[term] = d, t
        terms_of_row = {int(new_row[r]): self._terms_of_row[int(r)] for r in alive_rows}
        self._ids, self._lengths = _Growable(np.int64, 1024), _Growable(np.int64, 1024)
        self._ids.extend(ids)  # type: ignore[arg-type]
        self._lengths.extend(lengths)  # type: ignore[arg-type]
        self._alive = np.ones(max(1024, len(alive_rows)), dtype=bool)
        self._alive[len(alive_rows) :] = False
        self._docs, self._tfs, self._terms_of_row = docs, tfs, terms_of_row
        self._row_of = {int(i): r for r, i in enumerate(ids)}

    # --- statistics ------------------------------------------------------------------

    @property
    def avgdl(self) -> float:
        return self.total_length / self.n_docs if self.n_docs else 0.0

    def __len__(self) -> int:
        return self.n_docs

    def __contains__(self, term: object) -> bool:
        return term in self._df

    def df(self, term: str) -> int:
        return self._df.get(term, 0)

    def vocabulary(self) -> Iterable[str]:
        return self._df.keys()

    def _raw_idf(self, df: float) -> float:
        n, v = self.n_docs, self.params.variant
        if v == "okapi":
            return math.log(n - df + 0.5) - math.log(df + 0.5)
        if v == "plus":
            return math.log(n + 1) - math.log(df)
        return math.log(n + 1) - math.log(df + 0.5)

    def idf(self, term: str) -> float:
        """The IDF rank-bm25 would give ``term`` (0 for a term the corpus lacks)."""
        df = self._df.get(term)
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
            dfs = np.fromiter(self._df.values(), dtype=np.float64, count=len(self._df))
            n = self.n_docs
            self._mean_idf = float(np.mean(np.log(n - dfs + 0.5) - np.log(dfs + 0.5)))
        return self._mean_idf

    # --- scoring ---------------------------------------------------------------------

    def scores(self, query: Sequence[str]) -> tuple[NDArray[np.int64], NDArray[np.float64]]:
        """(document ids, scores) of every live document sharing a term with ``query``."""
        if not self.n_docs:
            return np.empty(0, dtype=np.int64), np.empty(0, dtype=np.float64)
        p = self.params
        k1, b, avgdl = p.k1, p.b, self.avgdl
        lengths = self._lengths.data
        rows_parts: list[NDArray[np.int64]] = []
        weight_parts: list[NDArray[np.float64]] = []
        constant = 0.0
        for term in query:
            if term not in self._df:
                continue
            idf = self.idf(term)
            rows = self._docs[term].view()
            q_freq = self._tfs[term].view()
            doc_len = lengths[rows]
            if p.variant == "okapi":
                w = idf * (q_freq * (k1 + 1) / (q_freq + k1 * (1 - b + b * doc_len / avgdl)))
            elif p.variant == "plus":
                w = idf * ((q_freq * (k1 + 1)) / (k1 * (1 - b + b * doc_len / avgdl) + q_freq))
                constant += idf * p.d
            else:
                ctd = q_freq / (1 - b + b * doc_len / avgdl)
                w = idf * q_freq * (k1 + 1) * (ctd + p.d) / (k1 + ctd + p.d)
            rows_parts.append(rows)
            weight_parts.append(w)
        if not rows_parts:
            return np.empty(0, dtype=np.int64), np.empty(0, dtype=np.float64)
        rows = np.concatenate(rows_parts)
        weights = np.concatenate(weight_parts)
        unique, inverse = np.unique(rows, return_inverse=True)
        sums = np.bincount(inverse, weights=weights, minlength=len(unique)).astype(np.float64)
        sums += constant
        alive = self._alive[unique]
        return self._ids.data[unique[alive]], sums[alive]

    def top(self, query: Sequence[str], k: int) -> list[tuple[int, float]]:
        """The k best (id, score), score descending then id ascending."""
        ids, scores = self.scores(query)
        if not len(ids):
            return []
        if len(ids) > 4 * k:
            # Keep everything tied with the k-th score, then order exactly.
            kth = np.partition(scores, len(scores) - k)[len(scores) - k]
            keep = scores >= kth
            ids, scores = ids[keep], scores[keep]
        order = np.lexsort((ids, -scores))[:k]
        return [(int(ids[i]), float(scores[i])) for i in order]
