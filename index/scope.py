"""The index of one scope: BM25 over sentences, and over their paragraphs for context.

A sentence is ranked on its own words plus its paragraph's: questions are often asked
about a passage whose key words are spread over neighbouring sentences (on squad-dev the
paragraph score lifted P@1 from 0.625 to 0.658, and to 0.679 with k1=0.9, b=0.4).
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Sequence

import numpy as np

from .bm25 import BM25Index, Params


class ScopeIndex:
    def __init__(self, params: Params | None = None) -> None:
        self.params = params or Params()
        self.sentences = BM25Index(self.params)
        self.paragraphs = BM25Index(self.params)
        self._paragraph_of = np.full(1024, -1, dtype=np.int64)  # sentence id -> paragraph id
        self._members: dict[int, list[int]] = {}  # paragraph id -> sentence ids
        self.version = 0  # bumped on every change, for caches keyed on the vocabulary

    def __len__(self) -> int:
        return len(self.sentences)

    def add(self, rows: Sequence[tuple[int, Hashable, Sequence[str]]]) -> None:
        """Add sentences as (sentence id, paragraph key, terms), in article order.

        The paragraph key tells which sentences share a paragraph, e.g. (article, number);
        many articles can be added in one call (start-up adds the whole library at once).
        """
        if not rows:
            return
        self.sentences.add((sid, terms) for sid, _, terms in rows)
        groups: dict[Hashable, list[tuple[int, Sequence[str]]]] = {}
        for sid, paragraph, terms in rows:
            groups.setdefault(paragraph, []).append((sid, terms))
        top = max((sid for sid, _, _ in rows), default=-1)
        if top >= len(self._paragraph_of):
            grown = np.full(max(top + 1, 2 * len(self._paragraph_of)), -1, dtype=np.int64)
            grown[: len(self._paragraph_of)] = self._paragraph_of
            self._paragraph_of = grown
        docs = []
        for members in groups.values():
            pid = members[0][0]
            ids = [sid for sid, _ in members]
            self._paragraph_of[ids] = pid
            self._members[pid] = ids
            docs.append((pid, [t for _, terms in members for t in terms]))
        self.paragraphs.add(docs)
        self.version += 1

    def remove(self, sentence_ids: Iterable[int]) -> None:
        ids = [sid for sid in sentence_ids if sid < len(self._paragraph_of)]
        self.sentences.remove(ids)
        pids = {int(p) for p in self._paragraph_of[ids] if p >= 0}
        self.paragraphs.remove(pids)
        for pid in pids:
            self._members.pop(pid, None)
        self._paragraph_of[ids] = -1
        self.version += 1

    def scores(
        self, terms: Sequence[str], paragraph_weight: float
    ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """(sentence ids, sentence BM25, sentence BM25 + weight * paragraph BM25)."""
        ids, scores = self.sentences.scores(terms)
        if not len(ids) or not paragraph_weight:
            return ids, scores, scores
        pids, pscores = self.paragraphs.scores(terms)
        order = np.argsort(pids)
        sorted_pids = pids[order]
        mine = self._paragraph_of[ids]
        pos = np.clip(np.searchsorted(sorted_pids, mine), 0, max(len(sorted_pids) - 1, 0))
        found = sorted_pids[pos] == mine if len(sorted_pids) else np.zeros(len(ids), bool)
        context = np.where(found, pscores[order][pos], 0.0)
        return ids, scores, scores + paragraph_weight * context
