"""Sentence vectors encoded in a worker process, so that encoding never holds the bot's GIL.

On a thread of the bot's process, encoding a batch competes with the event loop for the
GIL: tokenizing, the GELU and layer norms over small arrays and the glue between numpy
calls hold it in many short stretches, and every time the loop gives the GIL up for I/O
it may wait a whole switch interval to take it back (the "convoy effect"), so one answer
that does a dozen reads is late by a dozen intervals. In a process of its own the encoder
holds another interpreter's GIL; the bot's vector thread only reads texts, sends them,
and writes the vectors back, all of which wait outside the GIL.

The process starts on the first batch, holds its own copy of the model (loaded from the
model's folder when the encoder came from one, else sent pickled), and exits when the
backlog has been empty for a while, so an idle bot does not keep a second model in
memory. A process that dies (killed, out of memory) is started again for the same batch;
when that fails too, the failure is logged in one line and the batch's sentences stay
lexical until the next change wakes the worker (index/vectors.py).

Like index/ingest_process.py, it uses "spawn": forking a process that runs threads is not
safe.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import signal
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool

from .encoder import Encoder, quantize, to_blob

log = logging.getLogger(__name__)

BATCH = 32  # texts encoded, and rows written, at a time
RESTARTS = 1  # a batch whose process died is tried again in this many new processes
# The worker's niceness increment: when the cores are busy, the bot's own threads (the
# loop, answers) run first, and the backlog takes what is left.
NICENESS = 10


class EncoderLost(RuntimeError):
    """The worker process died, and its replacement too: the batch stays without vectors."""


def limit_blas_threads() -> bool:
    """Cap the BLAS pool at one thread if threadpoolctl is installed; whether it did."""
    try:
        from threadpoolctl import threadpool_limits
    except ImportError:
        return False
    threadpool_limits(1, user_api="blas")
    return True


def blobs(encoder: Encoder, texts: Sequence[str]) -> list[bytes]:
    """Texts as stored vectors (int8 blobs)."""
    codes, scales = quantize(encoder.encode(texts, batch_size=BATCH))
    return [to_blob(c, float(s)) for c, s in zip(codes, scales, strict=True)]


# The worker process's encoder, set once by _start.
_ENCODER: Encoder | None = None


def _start(folder: str | None, version: str, encoder: Encoder | None, niceness: int) -> None:
    """Worker initialiser: SIGINT is the parent's business (the shell cancels answers
    with it); a lower priority than the bot's; one BLAS thread, as in the bot's process;
    then the model, from ``folder`` (checked to be ``version`` still) or ``encoder``."""
    global _ENCODER
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    os.nice(niceness)
    limit_blas_threads()
    if folder is None:
        _ENCODER = encoder
        return
    loaded = Encoder.load(folder)
    if loaded is None or loaded.model_version != version:
        raise RuntimeError(f"the model in {folder} is not version {version} any more")
    _ENCODER = loaded


def _encode(texts: list[str]) -> list[bytes]:
    if _ENCODER is None:
        raise RuntimeError("the vector worker process has no encoder")
    return blobs(_ENCODER, texts)


class EncoderProcess:
    """Encodes texts to stored vectors (int8 blobs) in a worker process; one caller at a
    time (the vector thread), which blocks while the worker encodes."""

    def __init__(self, encoder: Encoder, niceness: int = NICENESS) -> None:
        self.encoder = encoder
        self.niceness = niceness
        self._pool: ProcessPoolExecutor | None = None
        self.restarts = 0  # worker processes started again after one died

    def _source(self) -> tuple[str | None, str, Encoder | None, int]:
        """The initialiser's arguments: the model's folder when it came from one (loading
        it again is quicker than receiving it pickled), else the encoder itself."""
        folder = getattr(self.encoder, "folder", None)  # an encoder made in memory has none
        if folder is not None:
            return (str(folder), self.encoder.model_version, None, self.niceness)
        return (None, self.encoder.model_version, self.encoder, self.niceness)

    def blobs(self, texts: Sequence[str]) -> list[bytes]:
        """The texts' vectors, as :func:`blobs` gives them in this process.

        Raises :class:`EncoderLost` when the worker died and its replacement did too."""
        for attempt in range(RESTARTS + 1):
            if self._pool is None:
                self._pool = ProcessPoolExecutor(
                    1, multiprocessing.get_context("spawn"), _start, self._source()
                )
            try:
                return self._pool.submit(_encode, list(texts)).result()
            except BrokenProcessPool:
                self.close()
                if attempt < RESTARTS:
                    self.restarts += 1
                    log.warning("vector worker process stopped; starting another")
        raise EncoderLost(f"the vector worker process stopped {RESTARTS + 1} times on one batch")

    @property
    def running(self) -> bool:
        return self._pool is not None

    def close(self) -> None:
        """Let the worker go (it finishes the batch in hand, if any, then exits)."""
        if self._pool is not None:
            self._pool.shutdown(wait=False, cancel_futures=True)
            self._pool = None
