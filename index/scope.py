"""The index of one scope: BM25 over sentences, and over their paragraphs for context.

A sentence is ranked on its own words plus its paragraph's: questions are often asked
about a passage whose key words are spread over neighbouring sentences.
Candidates can also be scored within their own article (:meth:`ScopeIndex.article_scores`).
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Mapping, Sequence
from itertools import pairwise

import numpy as np
from numpy.typing import NDArray

from .bm25 import BM25Index, Params
from .retriever import Presence
from .store import LoadedSentences
from .vocabulary import Vocabulary


class ScopeIndex:
    def __init__(self, params: Params | None = None, vocabulary: Vocabulary | None = None) -> None:
        self.params = params or Params()
        vocabulary = vocabulary if vocabulary is not None else Vocabulary()  # even if empty
        self.sentences = BM25Index(self.params, vocabulary, keep_order=True)
        self.paragraphs = BM25Index(self.params, vocabulary)
        # Whole articles as documents (id: the article's first sentence id): which articles
        # a term occurs in, and how well an article as a whole matches a question.
        self.articles = BM25Index(self.params, vocabulary)
        self._paragraph_of = np.full(1024, -1, dtype=np.int64)  # sentence id -> paragraph id
        self._article_of = np.full(1024, -1, dtype=np.int64)  # sentence id -> its first id
        self._article_last: dict[int, int] = {}  # an article's first sentence id -> last
        self.version = 0  # bumped on every change, for caches keyed on the vocabulary
        self._buffer = np.zeros(0, dtype=np.float64)  # scores() scratch, by paragraph id

    def __len__(self) -> int:
        return len(self.sentences)

    # --- the Retriever protocol (index/retriever.py) ---------------------------------

    def __contains__(self, term: object) -> bool:
        return term in self.sentences

    def df(self, term: str) -> int:
        return self.sentences.df(term)

    def idf(self, term: str) -> float:
        return self.sentences.idf(term)

    def max_idf(self) -> float:
        return self.sentences.max_idf()

    def known_terms(self) -> Iterable[str]:
        return self.sentences.known_terms()

    def sentence_scores(
        self, terms: Sequence[str]
    ) -> tuple[NDArray[np.int64], NDArray[np.float64]]:
        return self.sentences.scores(terms)

    def coverage(self, sentence_id: int, weights: Mapping[str, float]) -> float:
        held = self.sentences.distinct_terms(sentence_id)
        ids = self.sentences.vocabulary.ids
        return sum(w for t, w in weights.items() if ids.get(t, -1) in held)

    def add(self, rows: Sequence[tuple[int, tuple[Hashable, int], Sequence[str]]]) -> None:
        """Add sentences as (sentence id, (article key, paragraph number), terms), in
        article order; the incremental path (start-up uses :meth:`add_loaded`)."""
        if not rows:
            return
        self.sentences.add((sid, terms) for sid, _, terms in rows)
        groups: dict[tuple[Hashable, int], list[tuple[int, Sequence[str]]]] = {}
        for sid, paragraph, terms in rows:
            groups.setdefault(paragraph, []).append((sid, terms))
        self._reserve(max(sid for sid, _, _ in rows))
        docs = []
        for members in groups.values():
            pid = members[0][0]
            ids = [sid for sid, _ in members]
            self._paragraph_of[ids] = pid
            docs.append((pid, [t for _, terms in members for t in terms]))
        self.paragraphs.add(docs)
        articles: dict[Hashable, list[int]] = {}
        for sid, (article, _), _ in rows:
            articles.setdefault(article, []).append(sid)
        for sids in articles.values():
            self._article_of[sids] = sids[0]
            self._article_last[sids[0]] = sids[-1]
        terms_of = {sid: terms for sid, _, terms in rows}
        self.articles.add(
            (sids[0], [t for sid in sids for t in terms_of[sid]]) for sids in articles.values()
        )
        self.version += 1

    def add_loaded(self, loaded: LoadedSentences, mask: NDArray[np.bool_]) -> None:
        """Add the sentences of ``loaded`` selected by ``mask``, in one vectorized pass.

        A paragraph's sentences are consecutive in id order, so a paragraph is a run of
        rows with the same (article, paragraph) and its terms are the same slice of the
        concatenated term ids: nothing is copied per paragraph.
        """
        keep = np.flatnonzero(mask)
        if not len(keep):
            return
        ends = np.cumsum(loaded.lengths)
        starts = ends - loaded.lengths
        counts = loaded.lengths[keep]
        offsets = np.repeat(starts[keep] - (np.cumsum(counts) - counts), counts)
        take = offsets + np.arange(int(counts.sum()))
        tokens = loaded.tokens[take]
        ids, lengths = loaded.ids[keep], loaded.lengths[keep]
        self.sentences.add_encoded(ids, lengths, tokens)
        articles = [loaded.article_ids[i] for i in keep.tolist()]
        paragraphs = loaded.paragraphs[keep]
        new_paragraph = np.ones(len(keep), dtype=np.bool_)
        same_article = np.array(
            [a == b for a, b in zip(articles[1:], articles[:-1], strict=True)], dtype=np.bool_
        )
        new_paragraph[1:] = (paragraphs[1:] != paragraphs[:-1]) | ~same_article
        first = np.flatnonzero(new_paragraph)
        pids = ids[first]
        plengths = np.add.reduceat(lengths, first)
        group = np.cumsum(new_paragraph) - 1
        self._reserve(int(ids.max()))
        self._paragraph_of[ids] = pids[group]
        self.paragraphs.add_encoded(pids, plengths, tokens)
        new_article = np.ones(len(keep), dtype=np.bool_)
        new_article[1:] = ~same_article
        starts_at = np.flatnonzero(new_article)
        firsts = ids[starts_at]
        lasts = ids[np.append(starts_at[1:], len(keep)) - 1]
        self._article_of[ids] = firsts[np.cumsum(new_article) - 1]
        self._article_last.update(zip(firsts.tolist(), lasts.tolist(), strict=True))
        self.articles.add_encoded(firsts, np.add.reduceat(lengths, starts_at), tokens)
        self.version += 1

    def _reserve(self, top: int) -> None:
        if top >= len(self._paragraph_of):
            grown = np.full(max(top + 1, 2 * len(self._paragraph_of)), -1, dtype=np.int64)
            grown[: len(self._paragraph_of)] = self._paragraph_of
            self._paragraph_of = grown
            articles = np.full(len(grown), -1, dtype=np.int64)
            articles[: len(self._article_of)] = self._article_of
            self._article_of = articles

    def remove(self, sentence_ids: Iterable[int]) -> None:
        ids = [sid for sid in sentence_ids if sid < len(self._paragraph_of)]
        self.sentences.remove(ids)
        pids = {int(p) for p in self._paragraph_of[ids] if p >= 0}
        self.paragraphs.remove(pids)
        self._paragraph_of[ids] = -1
        firsts = {int(a) for a in self._article_of[ids] if a >= 0}
        self.articles.remove(firsts)
        for first in firsts:
            self._article_last.pop(first, None)
        self._article_of[ids] = -1
        self.version += 1

    def presence(self, terms: Sequence[str], ids: NDArray[np.int64]) -> Presence:
        """Which terms each candidate sentence holds, and which its paragraph holds: a
        question's words spread over a passage are evidence too, if weaker."""
        n, width = len(ids), len(terms)
        out = Presence(np.zeros((n, width), dtype=np.bool_), np.zeros((n, width), dtype=np.bool_))
        found = [self.sentences.term_id(t) for t in terms]
        known = [(j, tid) for j, tid in enumerate(found) if tid is not None]
        if not n or not known:
            return out
        pids = self._paragraph_of[ids].tolist()
        for i, (sid, pid) in enumerate(zip(ids.tolist(), pids, strict=True)):
            own = self.sentences.distinct_terms(sid)
            around = self.paragraphs.distinct_terms(pid)
            for j, tid in known:
                out.sentence[i, j] = tid in own
                out.paragraph[i, j] = tid in around
        return out

    def adjacent_pairs(
        self, ids: NDArray[np.int64], pairs: Sequence[tuple[str, str]]
    ) -> NDArray[np.int64]:
        """For each sentence, which of ``pairs`` stand next to each other (either order)
        in its terms: a bitmask, bit j for ``pairs[j]``. Stopwords are not terms, so "cease
        fire" and "rate of interest" count as adjacent."""
        out = np.zeros(len(ids), dtype=np.int64)
        codes: dict[tuple[int, int], int] = {}
        for j, (a, b) in enumerate(pairs):
            ta, tb = self.sentences.term_id(a), self.sentences.term_id(b)
            if ta is not None and tb is not None and ta != tb:
                codes[ta, tb] = codes[tb, ta] = codes.get((ta, tb), 0) | (1 << j)
        if not codes:
            return out
        for i, sid in enumerate(ids.tolist()):
            seq = self.sentences.sequence(sid).tolist()
            mask = 0
            for pair in pairwise(seq):
                mask |= codes.get(pair, 0)
            out[i] = mask
        return out

    def article_idf(self, term: str) -> float:
        """The IDF of ``term`` among articles: low for a word many articles use."""
        return self.articles.idf(term)

    def article_of(self, ids: NDArray[np.int64]) -> NDArray[np.int64]:
        """The article (its first sentence id) of each sentence."""
        return np.asarray(self._article_of[ids], dtype=np.int64)

    def article_sentences(self, article: int, limit: int) -> NDArray[np.int64]:
        """An article's sentences are one run of ids (removed ones are marked -1)."""
        last = self._article_last.get(article)
        if last is None:
            return np.zeros(0, dtype=np.int64)
        span = np.arange(article, last + 1, dtype=np.int64)
        return np.asarray(span[self._article_of[span] == article][:limit], dtype=np.int64)

    def article_coverage(
        self, groups: Sequence[tuple[Sequence[str], float]]
    ) -> tuple[NDArray[np.int64], NDArray[np.float64]]:
        """(articles, summed weight): for every article holding a term of some group, the
        weights of the groups it holds (a group is a word's alternative terms)."""
        # Few articles hold a question's words: plain sets and a dict beat numpy here.
        acc: dict[int, float] = {}
        for terms, weight in groups:
            found: set[int] = set()
            for t in terms:
                found.update(self.articles.holders(t).tolist())
            for article in found:
                acc[article] = acc.get(article, 0.0) + weight
        articles = np.fromiter(acc.keys(), dtype=np.int64, count=len(acc))
        return articles, np.fromiter(acc.values(), dtype=np.float64, count=len(acc))

    def article_match(self, terms: Sequence[str], ids: NDArray[np.int64]) -> NDArray[np.float64]:
        """BM25 of each sentence's whole article (articles as documents) for ``terms``."""
        out = np.zeros(len(ids), dtype=np.float64)
        if not len(ids):
            return out
        aids, scores = self.articles.scores(terms)
        of = dict(zip(aids.tolist(), scores.tolist(), strict=True))
        for i, first in enumerate(self._article_of[ids].tolist()):
            out[i] = of.get(first, 0.0)
        return out

    def article_scores(self, terms: Sequence[str], ids: NDArray[np.int64]) -> NDArray[np.float64]:
        """BM25 of each sentence of ``ids`` among the sentences of its own article."""
        firsts = self._article_of[ids].tolist()
        groups = [(first, self._article_last[first]) for first in firsts]
        return self.sentences.group_scores(terms, ids, groups)

    def scores(
        self, terms: Sequence[str], paragraph_weight: float
    ) -> tuple[NDArray[np.int64], NDArray[np.float64], NDArray[np.float64]]:
        """(sentence ids, sentence BM25, sentence BM25 + weight * paragraph BM25)."""
        ids, scores = self.sentences.scores(terms)
        if not len(ids) or not paragraph_weight:
            return ids, scores, scores
        pids, pscores = self.paragraphs.scores(terms)
        # Paragraph ids are sentence ids: scatter their scores into a buffer, gather them
        # back by each sentence's paragraph, clear what was written.
        if len(self._buffer) < len(self._paragraph_of):
            self._buffer = np.zeros(len(self._paragraph_of), dtype=np.float64)
        self._buffer[pids] = pscores
        context = self._buffer[self._paragraph_of[ids]]
        self._buffer[pids] = 0.0
        return ids, scores, scores + paragraph_weight * context
