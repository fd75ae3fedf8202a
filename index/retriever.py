"""What answering needs from a ranking engine.

:class:`index.scope.ScopeIndex` (exact rank-bm25 scores from in-memory postings) is the
one implementation. A deployment that outgrows one machine can implement this protocol
over OpenSearch or Elasticsearch, whose BM25 has the same formula (docs/scaling.md);
nothing in ``bot/`` or in the answering logic changes.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Protocol

import numpy as np
from numpy.typing import NDArray


@dataclass(frozen=True)
class Presence:
    """Where question terms stand relative to candidate sentences: one row a candidate,
    one column a term."""

    sentence: NDArray[np.bool_]  # the sentence holds the term
    paragraph: NDArray[np.bool_]  # its paragraph does


class Retriever(Protocol):
    version: int  # changes whenever the indexed library does (caches key on it)

    def __len__(self) -> int:
        """Number of sentences."""
        ...

    def __contains__(self, term: object) -> bool:
        """Does any sentence hold this analysed term?"""
        ...

    def df(self, term: str) -> int: ...

    def idf(self, term: str) -> float: ...

    def max_idf(self) -> float:
        """The IDF of a term held by one sentence: the most informative a term can be."""
        ...

    def known_terms(self) -> Iterable[str]:
        """Every analysed term some sentence holds (for typo correction)."""
        ...

    def scores(
        self, terms: Sequence[str], context_weight: float
    ) -> tuple[NDArray[np.int64], NDArray[np.float64], NDArray[np.float64]]:
        """(sentence ids, BM25 scores, scores with paragraph context) of every sentence
        sharing a term with the query."""
        ...

    def sentence_scores(
        self, terms: Sequence[str]
    ) -> tuple[NDArray[np.int64], NDArray[np.float64]]: ...

    def article_scores(self, terms: Sequence[str], ids: NDArray[np.int64]) -> NDArray[np.float64]:
        """BM25 of each of these sentences with IDF and lengths taken within its article."""
        ...

    def coverage(self, sentence_id: int, weights: Mapping[str, float]) -> float:
        """The summed weight of the terms of ``weights`` that the sentence holds."""
        ...

    def presence(self, terms: Sequence[str], ids: NDArray[np.int64]) -> Presence:
        """Each term in each sentence, and in its paragraph."""
        ...

    def adjacent_pairs(
        self, ids: NDArray[np.int64], pairs: Sequence[tuple[str, str]]
    ) -> NDArray[np.int64]:
        """Per sentence, a bitmask of the term pairs that stand next to each other in it."""
        ...

    def article_idf(self, term: str) -> float:
        """The IDF of a term among articles (articles as documents)."""
        ...

    def article_match(self, terms: Sequence[str], ids: NDArray[np.int64]) -> NDArray[np.float64]:
        """BM25 of each sentence's whole article, articles being the documents."""
        ...

    def article_of(self, ids: NDArray[np.int64]) -> NDArray[np.int64]:
        """Each sentence's article, as the article's first sentence id."""
        ...

    def article_sentences(self, article: int, limit: int) -> NDArray[np.int64]:
        """The ids of an article's sentences (``article``: its first sentence id), in
        article order, at most ``limit`` of them."""
        ...

    def article_coverage(
        self, groups: Sequence[tuple[Sequence[str], float]]
    ) -> tuple[NDArray[np.int64], NDArray[np.float64]]:
        """Per article holding some group's term: the summed weight of the groups it holds."""
        ...
