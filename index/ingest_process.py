"""Large ingest work in a worker process, its result handed back in small pieces.

A thread is not enough for a large upload. CPython lets the loop run between bytecodes
of another thread, but not inside one C call: a regular-expression search, a ``sum`` over
a ``map`` or a ``str`` method over a few megabytes of one hostile paragraph keeps the GIL
for the whole call, which on a 5 MB file of the adversarial families (bench/linearity.py)
is seconds in which no server is served. In another process those calls hold another
interpreter's GIL.

The result comes back as pickled pieces of bounded size (:func:`run_packed`), unpickled
one piece at a time on a thread of the bot's process (:func:`unpack`): unpickling a whole
analysed 5 MB article at once is again one long C call.
"""

from __future__ import annotations

import multiprocessing
import pickle
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import replace
from typing import Any, TypeVar

from .pipeline import Processed

T = TypeVar("T")
PIECE = 20_000  # objects (terms, and a sentence each) per pickled piece, about


def worker_pool() -> ProcessPoolExecutor:
    """One worker, started on first use; "spawn": forking a process that runs threads
    (aiosqlite's, the library's) is not safe."""
    return ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("spawn"))


def run_packed(work: Callable[[], Any]) -> list[bytes]:
    """Run ``work`` (in the worker) and pack its result for :func:`unpack`; an exception
    is raised in the caller as usual (the pool pickles it)."""
    return pack(work())


def pack(result: object) -> list[bytes]:
    if not isinstance(result, Processed):
        return [pickle.dumps(result, pickle.HIGHEST_PROTOCOL)]
    head = replace(result, sentences=[], terms=[])
    pieces = [pickle.dumps(head, pickle.HIGHEST_PROTOCOL)]
    start, size = 0, 0
    for i, terms in enumerate(result.terms, start=1):
        size += len(terms) + 1
        if size >= PIECE or i == len(result.terms):
            piece = (result.sentences[start:i], result.terms[start:i])
            pieces.append(pickle.dumps(piece, pickle.HIGHEST_PROTOCOL))
            start, size = i, 0
    return pieces


def unpack(pieces: list[bytes]) -> Any:
    """The result :func:`pack` packed, one piece at a time."""
    first = pickle.loads(pieces[0])
    if not isinstance(first, Processed):
        return first
    for piece in pieces[1:]:
        sentences, terms = pickle.loads(piece)
        first.sentences.extend(sentences)
        first.terms.extend(terms)
    return first
