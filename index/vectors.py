"""Sentence and paragraph vectors: stored in the library's database, computed in the
background.

Vectors never stand between an article and its answers: an article is committed and
indexed for BM25 first, and only then does :class:`VectorWorker` (a thread of its own)
encode what lacks a vector, a small batch at a time, each batch written in its own short
transaction. Until its vectors exist a sentence is ranked lexically (index/semantic.py).

Why a worker process encodes: on a thread of the bot's process, encoding holds the GIL
in many short stretches, and the event loop, which gives the GIL up for every read and
write it does, waits for it again each time; index/vector_process.py says more. The
thread here only reads the texts, hands them to the process and writes the vectors back,
on a SQLite connection of its own, which keeps it off aiosqlite's thread (that one serves
the loop's reads and writes). ``process=False`` encodes on the thread itself (a one-shot
command, or an encoder that cannot be sent to another process). Why small batches: a
batch is the longest the worker holds the write lock, and the most work lost when the
library closes.

Why a sorting window: a batch is padded to its longest text, so 32 sentences taken in id
order compute mostly padding (one long sentence widens the other 31). The worker reads
``SORT_WINDOW`` missing sentences at once, sorts them by length and encodes them a
``BATCH`` of neighbours at a time, so a batch's texts are about as long as each other;
each batch is still one call to the encoder and one short transaction. Paragraphs go the
same way, up to ``PARAGRAPH_SORT_WINDOW`` of them sorted at once. A vector does not
depend on the batch it fell in beyond float32 rounding (index/encoder.py).

The worker's reads and writes go through a :class:`VectorStorage`: an SQLite connection
here, a PostgreSQL one in index/pg_vectors.py. Several processes may share a PostgreSQL
library, so a storage first *claims* the computing (one worker per database); the others
only count what waits, and look at the claim again every ``CLAIM_RETRY`` seconds in case
its holder stopped.

A vector carries the version of the model that made it; a row of another version counts
as missing, so a new model recomputes every vector without a migration. Rows go with
their sentence or article (``ON DELETE CASCADE``); a vector computed for a sentence that
was deleted meanwhile is not written.

BLAS threads: when semantic ranking is enabled, the BLAS pool is capped at one thread
for the whole process (threadpoolctl; OpenBLAS has one pool), and so is the worker
process's. Its worker threads spin while they wait for work, and on a loaded machine two
of them contending with the loop, the library thread and the other processes made
encoding dozens of times slower; one thread leaves the other core to the loop and to
answers. Without threadpoolctl, set ``OPENBLAS_NUM_THREADS=1`` before starting articlebot.
"""

from __future__ import annotations

import contextlib
import logging
import sqlite3
import threading
from collections import deque
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Protocol

from .encoder import Encoder
from .vector_process import BATCH as BATCH
from .vector_process import NICENESS, EncoderLost, EncoderProcess, blobs
from .vector_process import limit_blas_threads as limit_blas_threads

log = logging.getLogger(__name__)

WINDOW = 512  # sentences looked at a step for paragraphs without a vector
SORT_WINDOW = 512  # missing sentences read at once and sorted by length into batches
PARAGRAPH_SORT_WINDOW = 256  # paragraphs without a vector sorted by length at once
VECTOR_THREAD = "articlebot-vectors"
CLAIM_RETRY = 5.0  # seconds between looks at a claim another process holds
# An empty backlog for this long lets the worker process go (and its copy of the model).
PROCESS_IDLE_SECONDS = 60.0

# Sentence ids only grow (never reused), so the worker walks them upwards from a cursor:
# what lies below it had its vectors when it passed, and each batch reads only what is new.
_MISSING_SENTENCES = """
SELECT s.id, s.text FROM sentences s
LEFT JOIN sentence_vectors v ON v.sentence_id = s.id AND v.model_version = ?
WHERE s.id > ? AND v.sentence_id IS NULL ORDER BY s.id LIMIT ?
"""
COUNT_MISSING = """
SELECT COUNT(*) FROM sentences s
LEFT JOIN sentence_vectors v ON v.sentence_id = s.id AND v.model_version = ?
WHERE s.id > ? AND v.sentence_id IS NULL
"""
# A window of sentences past the paragraph cursor, each with whether its paragraph has a
# vector: bounded work a batch, however large the library or the backlog.
_PARAGRAPH_WINDOW = """
SELECT s.id, s.article_id, s.paragraph, p.article_id IS NOT NULL FROM sentences s
LEFT JOIN paragraph_vectors p
  ON p.article_id = s.article_id AND p.paragraph = s.paragraph AND p.model_version = ?
WHERE s.id > ? ORDER BY s.id LIMIT ?
"""
_PARAGRAPH_TEXT = (
    "SELECT text FROM sentences WHERE article_id = ? AND paragraph = ? ORDER BY number"
)
# Written only while the sentence (or article) still exists: a concurrent removal wins.
_WRITE_SENTENCE = (
    "INSERT OR REPLACE INTO sentence_vectors (sentence_id, model_version, vector)"
    " SELECT id, ?, ? FROM sentences WHERE id = ?"
)
_WRITE_PARAGRAPH = (
    "INSERT OR REPLACE INTO paragraph_vectors (article_id, paragraph, model_version, vector)"
    " SELECT id, ?, ?, ? FROM articles WHERE id = ?"
)


class VectorWorker:
    """Fills the vector tables of one database file on a thread of its own.

    :meth:`wake` after every committed change; :meth:`stop` before closing. ``waiting``
    is the number of sentences without a current vector as of the last batch (``None``
    before the first count).
    """

    def __init__(
        self,
        path: str | Path,
        encoder: Encoder,
        busy_timeout: float = 60.0,
        storage: Callable[[], VectorStorage] | None = None,
        process: bool = True,
        niceness: int = NICENESS,
    ) -> None:
        """``storage``: opens the worker's connection on its thread (an SQLite connection
        to ``path`` without it). ``process``: encode in a worker process (index/
        vector_process.py) rather than on the thread."""
        self.path = str(path)
        self._storage = storage
        self.encoder = encoder
        self._process = EncoderProcess(encoder, niceness) if process else None
        self.busy_timeout = busy_timeout
        self.waiting: int | None = None
        # Every sentence (paragraph) up to this id had its vector when the worker passed.
        self._sentences_done = -1
        self._paragraphs_done = -1
        # The sorted batches of the window in hand, and where the cursor goes once they
        # are written: until then the window's sentences still count as missing.
        self._batches: deque[list[tuple[int, str]]] = deque()
        self._window_end = -1
        # The same for paragraphs: (article, paragraph, text) batches of the window in hand.
        self._paragraph_batches: deque[list[tuple[str, int, str]]] = deque()
        self._paragraph_window_end = -1
        self._lost_at: int | None = None  # the newest sentence when the encoder was lost
        self._wake = threading.Event()
        self._stop = threading.Event()
        self._idle = threading.Event()
        self._thread: threading.Thread | None = None

    def start(self) -> None:
        if self._thread is None:
            self._thread = threading.Thread(target=self._run, name=VECTOR_THREAD, daemon=True)
            self._thread.start()
        self.wake()

    def wake(self) -> None:
        """Something changed: look for sentences without vectors."""
        self._idle.clear()
        self._wake.set()

    def stop(self, timeout: float = 10.0) -> None:
        """Stop after the batch in hand (blocking: call it off the event loop)."""
        self._stop.set()
        self._wake.set()
        if self._thread is not None:
            self._thread.join(timeout)

    def wait_idle(self, timeout: float | None = None) -> bool:
        """Block until nothing waits for a vector (or the worker stopped); whether it did."""
        return self._idle.wait(timeout)

    def _connect(self) -> sqlite3.Connection:
        conn = sqlite3.connect(self.path, timeout=self.busy_timeout, isolation_level=None)
        conn.execute("PRAGMA foreign_keys = ON")
        return conn

    def _open(self) -> VectorStorage:
        if self._storage is not None:
            return self._storage()
        return SqliteVectorStorage(self._connect())

    def _run(self) -> None:
        try:
            storage = self._open()
        except Exception as exc:  # any backend's failure to connect
            log.warning("vector worker off: cannot open %s: %s", self.path, exc)
            self._idle.set()
            return
        try:
            claimed = False
            while not self._stop.is_set():
                # Another process may hold the claim: look again now and then, in case
                # it stopped, even when nothing changed here. A worker process with
                # nothing to encode for a while is let go, with its copy of the model.
                running = self._process is not None and self._process.running
                timeout = CLAIM_RETRY if not claimed else None
                if running:
                    timeout = min(timeout or PROCESS_IDLE_SECONDS, PROCESS_IDLE_SECONDS)
                if not self._wake.wait(timeout):
                    if running and self._process is not None:
                        self._process.close()
                    if claimed:
                        continue
                self._wake.clear()
                try:
                    claimed = claimed or storage.claim()
                    self.waiting = storage.count_missing(
                        self.encoder.model_version, self._sentences_done
                    )
                    if self._lost_at is not None and storage.top_sentence() == self._lost_at:
                        claimed_and_new = False  # nothing committed since it gave up
                    else:
                        self._lost_at = None
                        claimed_and_new = claimed
                    while claimed_and_new and not self._stop.is_set() and self.step(storage):
                        if self._wake.is_set():  # changed meanwhile: count again
                            self._wake.clear()
                            self.waiting = storage.count_missing(
                                self.encoder.model_version, self._sentences_done
                            )
                except storage.errors as exc:  # locked for too long, disk full: try later
                    log.warning("vector worker: %s; retrying on the next change", exc)
                    claimed = claimed and storage.still_claimed()
                except EncoderLost as exc:
                    log.warning(
                        "vector worker: %s; %s sentences stay lexical until the next change",
                        exc,
                        self.waiting,
                    )
                    # A wake from the very change it gave up on (it can arrive while the
                    # batch was failing) is no next change: it would try and report again.
                    with contextlib.suppress(*storage.errors):
                        self._lost_at = storage.top_sentence()
                if not self._wake.is_set():
                    self._idle.set()
        except Exception:  # never take the bot down; answers stay lexical
            log.exception("vector worker failed; answers stay lexical")
        finally:
            self._idle.set()
            if self._process is not None:
                self._process.close()
            storage.close()

    def step(self, conn: sqlite3.Connection | VectorStorage) -> bool:
        """Encode and store one batch of missing vectors; whether there may be more.

        Sentence vectors come first, then paragraph vectors; each kind is looked for only
        past its cursor, so a step costs the same in a small library and a large one.
        """
        storage = SqliteVectorStorage(conn) if isinstance(conn, sqlite3.Connection) else conn
        version = self.encoder.model_version
        if not self._batches:
            top = storage.top_sentence()
            rows = storage.missing_sentences(version, self._sentences_done, SORT_WINDOW)
            if not rows:
                self._sentences_done = max(self._sentences_done, top)
                self.waiting = 0
                return self._paragraph_step(storage)
            # Sentences committed after the last count are waiting too.
            self.waiting = max(self.waiting or 0, len(rows))
            self._batches.extend(sorted_batches(rows, BATCH))
            # A short window was the last: everything up to ``top`` has a vector after it.
            self._window_end = rows[-1][0] if len(rows) == SORT_WINDOW else top
        batch = self._batches.popleft()
        try:
            vectors = self._blobs([text for _, text in batch])
            storage.write_sentences(
                version, [(sid, b) for (sid, _), b in zip(batch, vectors, strict=True)]
            )
        except BaseException:
            # The next try reads the window again from the cursor, this batch included.
            self._batches.clear()
            raise
        if not self._batches:
            self._sentences_done = self._window_end
        self.waiting = max(0, (self.waiting or 0) - len(batch))
        return True

    def _blobs(self, texts: list[str]) -> list[bytes]:
        if self._process is not None:
            return self._process.blobs(texts)
        return blobs(self.encoder, texts)

    def _paragraph_step(self, storage: VectorStorage) -> bool:
        version = self.encoder.model_version
        if self._paragraph_batches:
            return self._write_paragraph_batch(storage)
        window = storage.paragraph_window(version, self._paragraphs_done, WINDOW)
        keys: list[tuple[str, int]] = []
        seen: set[tuple[str, int]] = set()
        done = self._paragraphs_done
        ahead = False
        for sid, article, paragraph, has_vector in window:
            if sid > self._sentences_done:
                # Committed after the sentence step looked: its sentences come first, so
                # what waits is counted, and the next step starts with them.
                ahead = True
                break
            key = (article, paragraph)
            if not has_vector and key not in seen:
                if len(keys) == PARAGRAPH_SORT_WINDOW:
                    break  # this paragraph is the next window's: the cursor stays before it
                keys.append(key)
                seen.add(key)
            done = sid
        if keys:
            texts = [storage.paragraph_text(article, paragraph) for article, paragraph in keys]
            rows = [(i, text) for i, text in enumerate(texts)]
            self._paragraph_batches.extend(
                [(*keys[i], text) for i, text in batch] for batch in sorted_batches(rows, BATCH)
            )
            self._paragraph_window_end = done
            return self._write_paragraph_batch(storage)
        self._paragraphs_done = done
        return ahead or len(window) == WINDOW

    def _write_paragraph_batch(self, storage: VectorStorage) -> bool:
        """Encode and store the next sorted batch of the paragraph window in hand; the
        paragraph cursor passes the window once its last batch is written."""
        batch = self._paragraph_batches.popleft()
        try:
            vectors = self._blobs([text for _, _, text in batch])
            storage.write_paragraphs(
                self.encoder.model_version,
                [(a, p, b) for (a, p, _), b in zip(batch, vectors, strict=True)],
            )
        except BaseException:
            # The next try reads the window again from the cursor, this batch included.
            self._paragraph_batches.clear()
            raise
        if not self._paragraph_batches:
            self._paragraphs_done = self._paragraph_window_end
        return True


class VectorStorage(Protocol):
    """Where the worker reads what lacks a vector and writes vectors: one connection,
    used from the worker's thread only (SQLite here, PostgreSQL in index/pg_vectors.py)."""

    errors: tuple[type[BaseException], ...]  # failures worth a retry on the next change

    def claim(self) -> bool:
        """Whether this worker may compute: one worker per database across processes."""
        ...

    def still_claimed(self) -> bool: ...
    def top_sentence(self) -> int: ...
    def count_missing(self, version: str, after: int) -> int: ...
    def missing_sentences(self, version: str, after: int, limit: int) -> list[tuple[int, str]]: ...
    def paragraph_window(
        self, version: str, after: int, limit: int
    ) -> list[tuple[int, str, int, bool]]: ...
    def paragraph_text(self, article_id: str, paragraph: int) -> str: ...
    def write_sentences(self, version: str, rows: Sequence[tuple[int, bytes]]) -> None: ...
    def write_paragraphs(self, version: str, rows: Sequence[tuple[str, int, bytes]]) -> None: ...
    def close(self) -> None: ...


class SqliteVectorStorage:
    """The worker's storage calls on an SQLite connection in autocommit mode. SQLite has
    one writer per file already (BEGIN IMMEDIATE), so every worker may claim."""

    errors: tuple[type[BaseException], ...] = (sqlite3.Error,)

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn

    def claim(self) -> bool:
        return True

    def still_claimed(self) -> bool:
        return True

    def top_sentence(self) -> int:
        return int(self.conn.execute("SELECT coalesce(MAX(id), -1) FROM sentences").fetchone()[0])

    def count_missing(self, version: str, after: int) -> int:
        return count_missing(self.conn, version, after)

    def missing_sentences(self, version: str, after: int, limit: int) -> list[tuple[int, str]]:
        rows = self.conn.execute(_MISSING_SENTENCES, (version, after, limit)).fetchall()
        return [(int(r[0]), str(r[1])) for r in rows]

    def paragraph_window(
        self, version: str, after: int, limit: int
    ) -> list[tuple[int, str, int, bool]]:
        rows = self.conn.execute(_PARAGRAPH_WINDOW, (version, after, limit)).fetchall()
        return [(int(r[0]), str(r[1]), int(r[2]), bool(r[3])) for r in rows]

    def paragraph_text(self, article_id: str, paragraph: int) -> str:
        rows = self.conn.execute(_PARAGRAPH_TEXT, (article_id, paragraph)).fetchall()
        return " ".join(str(r[0]) for r in rows)

    def write_sentences(self, version: str, rows: Sequence[tuple[int, bytes]]) -> None:
        with _transaction(self.conn):
            self.conn.executemany(_WRITE_SENTENCE, [(version, b, sid) for sid, b in rows])

    def write_paragraphs(self, version: str, rows: Sequence[tuple[str, int, bytes]]) -> None:
        with _transaction(self.conn):
            self.conn.executemany(_WRITE_PARAGRAPH, [(p, version, b, a) for a, p, b in rows])

    def close(self) -> None:
        self.conn.close()


def sorted_batches(rows: Sequence[tuple[int, str]], size: int) -> list[list[tuple[int, str]]]:
    """``rows`` (id, text) sorted by the text's length (then id) and cut into batches of
    ``size``: texts of a length go together, so a batch pads little. Characters stand in
    for tokens here (the encoder sorts each batch by tokens again)."""
    ordered = sorted(rows, key=lambda row: (len(row[1]), row[0]))
    return [ordered[start : start + size] for start in range(0, len(ordered), size)]


def count_missing(conn: sqlite3.Connection, model_version: str, after: int = -1) -> int:
    """Sentences (with an id above ``after``) without a vector of this model version."""
    return int(conn.execute(COUNT_MISSING, (model_version, after)).fetchone()[0])


class _transaction:
    """BEGIN IMMEDIATE … COMMIT on a connection in autocommit mode, rolled back on error."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn

    def __enter__(self) -> None:
        self.conn.execute("BEGIN IMMEDIATE")

    def __exit__(self, exc_type: object, exc: object, tb: object) -> None:
        self.conn.execute("COMMIT" if exc_type is None else "ROLLBACK")
