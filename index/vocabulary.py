"""Term strings and their ids, shared by the store and every index of one library.

Sentences are stored as arrays of term ids (little-endian int32 blobs), so start-up
reads numbers into numpy instead of splitting and hashing millions of strings.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from itertools import chain, islice

import numpy as np
from numpy.typing import NDArray

PIECE = 20_000  # tokens a C call of encode() takes at a time


class Vocabulary:
    def __init__(self, terms: Iterable[str] = ()) -> None:
        self.terms: list[str] = list(terms)
        self.ids: dict[str, int] = {t: i for i, t in enumerate(self.terms)}

    def __len__(self) -> int:
        return len(self.terms)

    def encode(self, docs: Sequence[Sequence[str]]) -> NDArray[np.int32]:
        """Every token's id, concatenated; unseen terms get the next ids, in sorted order
        so that the same documents always get the same ids. The mapping runs in C
        (``map`` over ``dict.__getitem__``): a Python loop would dominate bulk loads. It
        runs in pieces of :data:`PIECE` tokens: one C call keeps the GIL from every other
        thread (the event loop's too) until it returns, so its length is bounded."""
        stream = chain.from_iterable(docs)
        pieces: list[list[str]] = []
        unseen: set[str] = set()
        while piece := list(islice(stream, PIECE)):
            pieces.append(piece)
            unseen.update(set(piece).difference(self.ids))
        for term in sorted(unseen):
            self.ids[term] = len(self.terms)
            self.terms.append(term)
        get = self.ids.__getitem__
        encoded = [np.array(list(map(get, piece)), dtype=np.int32) for piece in pieces]
        return np.concatenate(encoded) if encoded else np.zeros(0, dtype=np.int32)

    def decode(self, ids: Iterable[int]) -> tuple[str, ...]:
        terms = self.terms
        return tuple(terms[i] for i in ids)

    def merge(self, rows: Iterable[tuple[int, str]]) -> None:
        """Append terms that another writer stored since this copy last looked.

        Ids are allocated by the database, so the rows (in id order) must continue this
        vocabulary exactly; anything else means the copy and the database disagree, and
        encoding with it would file sentences under the wrong words.
        """
        for tid, term in rows:
            if tid != len(self.terms) or term in self.ids:
                raise ValueError(f"stored term {term!r} has id {tid}, expected {len(self.terms)}")
            self.ids[term] = tid
            self.terms.append(term)

    def truncate(self, size: int) -> None:
        """Forget terms added after ``size`` (their transaction was rolled back)."""
        for term in self.terms[size:]:
            del self.ids[term]
        del self.terms[size:]
