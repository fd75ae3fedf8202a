"""Correct query terms the library has never seen to the closest term it has.

Distances are OSA (Damerau) edit distances on analysed terms, computed by rapidfuzz:
one edit for terms of 4 to 7 letters ("peskow" → "peskov"), two from 8 letters on. A
term of three letters or fewer is never corrected: too many words are one edit apart.
Several close terms that start alike are all kept, closest first ("zelenskyy" →
"zelenskiy", "zelenski"), since name spellings vary within one library. A term with no
close spelling may still be a derivation of a known one that the stemmer keeps apart
("agre", from "agreed", and "agreement"): known terms that extend it by a suffix of up to
five letters are taken.

Corrections are remembered per index version, so a question that repeats an unknown word
("warsaww warsaww …") scans the vocabulary once, not once a word.
"""

from __future__ import annotations

import bisect

from rapidfuzz import process
from rapidfuzz.distance import OSA

from .retriever import Retriever

_REMEMBERED = 10_000  # corrections kept per index version


def max_edits(term: str) -> int:
    if len(term) < 4 or term.isdigit():
        return 0
    return 1 if len(term) < 8 else 2


class TermCorrector:
    """Closest known terms, with the vocabulary list cached per index version."""

    def __init__(self) -> None:
        self._version = -1
        self._vocab: list[str] = []
        self._sorted: list[str] | None = None  # for prefix search, built when first needed
        self._corrections: dict[str, list[str]] = {}

    def _vocabulary(self, index: Retriever, version: int) -> list[str]:
        if version != self._version:
            self._vocab = list(index.vocabulary())
            self._sorted = None
            self._corrections = {}
            self._version = version
        return self._vocab

    def _sorted_vocabulary(self) -> list[str]:
        if self._sorted is None:
            self._sorted = sorted(self._vocab)
        return self._sorted

    def correct(self, term: str, index: Retriever, version: int) -> list[str]:
        """Known terms closest to an unknown ``term`` (empty when none is close enough)."""
        limit = max_edits(term)
        if not limit or term in index:
            return []
        vocab = self._vocabulary(index, version)
        if term not in self._corrections:
            if len(self._corrections) >= _REMEMBERED:
                self._corrections.clear()
            self._corrections[term] = self._closest(term, vocab, limit, index)
        return list(self._corrections[term])

    def _closest(self, term: str, vocab: list[str], limit: int, index: Retriever) -> list[str]:
        hits = process.extract(term, vocab, scorer=OSA.distance, score_cutoff=limit, limit=None)
        if not hits:
            return self._derived(term, self._sorted_vocabulary(), index)
        # Close terms that start like the query term are its spelling variants.
        variants = sorted((d, -index.df(t), t) for t, d, _ in hits if t[:3] == term[:3])
        return [t for _, _, t in variants[:3]]

    @staticmethod
    def _derived(term: str, vocab: list[str], index: Retriever) -> list[str]:
        found = []
        for i in range(bisect.bisect_left(vocab, term), len(vocab)):
            known = vocab[i]
            if not known.startswith(term):
                break
            if len(known) - len(term) <= 5:
                found.append(known)
        return sorted(found, key=lambda t: (-index.df(t), t))[:3]
