"""Hybrid ranking on a PostgreSQL library: the vector worker's storage and the ranker's
vector source, each on a connection of its own thread.

asyncpg is async, but the vector worker and the ranker run on threads (index/vectors.py,
index/semantic.py) so that encoding and cosines never take the event loop's turns. Each
of them therefore drives one asyncpg connection on a small event loop private to its
thread: the bot's loop neither waits for those reads nor decodes their rows, and the
pool of index/pg_store.py stays free for the library's own reads and writes.

One worker computes across every process on the database: the one holding the session
advisory lock :data:`VECTORS_LOCK` (released by PostgreSQL when its connection ends, so
a crashed process frees it). The others only count what waits, and try the lock again
now and then. The SQL means what index/vectors.py's SQLite statements mean; a vector is
written only while its sentence (article) still exists, and goes with it
(``ON DELETE CASCADE``).
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Coroutine, Sequence
from typing import Any, TypeVar

import asyncpg

from .store import APPLICATION_ID

T = TypeVar("T")

CONNECT_TIMEOUT = 10.0  # seconds: the worker's connection
READ_TIMEOUT = 2.0  # seconds: the ranker's connection and reads, on the answering thread
RETRY_AFTER = 10.0  # seconds answers stay lexical after the ranker's read failed
# Beside the writers' transaction lock (APPLICATION_ID) in the same key space: one key
# more, held for the session of the computing worker.
VECTORS_LOCK = APPLICATION_ID + 1

ERRORS: tuple[type[BaseException], ...] = (
    asyncpg.PostgresError,
    asyncpg.InterfaceError,
    asyncpg.InternalClientError,
    OSError,
    asyncio.TimeoutError,
)

_MISSING_SENTENCES = """
SELECT s.id, s.text FROM sentences s
LEFT JOIN sentence_vectors v ON v.sentence_id = s.id AND v.model_version = $1
WHERE s.id > $2 AND v.sentence_id IS NULL ORDER BY s.id LIMIT $3
"""
_COUNT_MISSING = """
SELECT COUNT(*) FROM sentences s
LEFT JOIN sentence_vectors v ON v.sentence_id = s.id AND v.model_version = $1
WHERE s.id > $2 AND v.sentence_id IS NULL
"""
_PARAGRAPH_WINDOW = """
SELECT s.id, s.article_id, s.paragraph, p.article_id IS NOT NULL FROM sentences s
LEFT JOIN paragraph_vectors p
  ON p.article_id = s.article_id AND p.paragraph = s.paragraph AND p.model_version = $1
WHERE s.id > $2 ORDER BY s.id LIMIT $3
"""
_PARAGRAPH_TEXT = (
    "SELECT text FROM sentences WHERE article_id = $1 AND paragraph = $2 ORDER BY number"
)
_WRITE_SENTENCE = """
INSERT INTO sentence_vectors (sentence_id, model_version, vector)
SELECT id, $1, $2 FROM sentences WHERE id = $3
ON CONFLICT (sentence_id) DO UPDATE
SET model_version = EXCLUDED.model_version, vector = EXCLUDED.vector
"""
_WRITE_PARAGRAPH = """
INSERT INTO paragraph_vectors (article_id, paragraph, model_version, vector)
SELECT id, $1, $2, $3 FROM articles WHERE id = $4
ON CONFLICT (article_id, paragraph) DO UPDATE
SET model_version = EXCLUDED.model_version, vector = EXCLUDED.vector
"""
_VECTORS = """
SELECT s.id, sv.vector, pv.vector FROM sentences s
LEFT JOIN sentence_vectors sv ON sv.sentence_id = s.id AND sv.model_version = $1
LEFT JOIN paragraph_vectors pv
  ON pv.article_id = s.article_id AND pv.paragraph = s.paragraph AND pv.model_version = $1
WHERE s.id = ANY($2::bigint[])
"""


class ThreadConnection:
    """One asyncpg connection driven by an event loop private to the calling thread.

    Every call blocks its thread until the server answered; call from one thread at a
    time, never from a thread whose event loop is running."""

    def __init__(self, url: str, timeout: float = CONNECT_TIMEOUT) -> None:
        self.url = url
        self.timeout = timeout
        self._loop: asyncio.AbstractEventLoop | None = None
        self._conn: asyncpg.Connection | None = None

    def run(self, make: Coroutine[Any, Any, T]) -> T:
        if self._loop is None:
            self._loop = asyncio.new_event_loop()
        return self._loop.run_until_complete(make)

    def connection(self) -> asyncpg.Connection:
        if self._conn is None or self._conn.is_closed():
            self._conn = self.run(asyncpg.connect(self.url, timeout=self.timeout))
        return self._conn

    def close(self) -> None:
        try:
            if self._conn is not None and not self._conn.is_closed():
                self.run(self._conn.close(timeout=self.timeout))
        except ERRORS:
            if self._conn is not None:
                self._conn.terminate()
        finally:
            self._conn = None
            if self._loop is not None:
                self._loop.close()
                self._loop = None


class PgVectorStorage:
    """The vector worker's storage calls (index/vectors.py VectorStorage) on PostgreSQL."""

    errors = ERRORS

    def __init__(self, url: str) -> None:
        self._db = ThreadConnection(url)
        self._db.connection()  # fails here, where the worker says it cannot open
        self._claimed = False

    def claim(self) -> bool:
        conn = self._db.connection()
        self._claimed = bool(
            self._db.run(conn.fetchval("SELECT pg_try_advisory_lock($1)", VECTORS_LOCK))
        )
        return self._claimed

    def still_claimed(self) -> bool:
        """False once the connection that held the claim is gone (the lock went with it)."""
        conn = self._db._conn
        return self._claimed and conn is not None and not conn.is_closed()

    def top_sentence(self) -> int:
        conn = self._db.connection()
        return int(self._db.run(conn.fetchval("SELECT coalesce(MAX(id), -1) FROM sentences")))

    def count_missing(self, version: str, after: int) -> int:
        conn = self._db.connection()
        return int(self._db.run(conn.fetchval(_COUNT_MISSING, version, after)))

    def missing_sentences(self, version: str, after: int, limit: int) -> list[tuple[int, str]]:
        conn = self._db.connection()
        rows = self._db.run(conn.fetch(_MISSING_SENTENCES, version, after, limit))
        return [(int(r[0]), str(r[1])) for r in rows]

    def paragraph_window(
        self, version: str, after: int, limit: int
    ) -> list[tuple[int, str, int, bool]]:
        conn = self._db.connection()
        rows = self._db.run(conn.fetch(_PARAGRAPH_WINDOW, version, after, limit))
        return [(int(r[0]), str(r[1]), int(r[2]), bool(r[3])) for r in rows]

    def paragraph_text(self, article_id: str, paragraph: int) -> str:
        conn = self._db.connection()
        rows = self._db.run(conn.fetch(_PARAGRAPH_TEXT, article_id, paragraph))
        return " ".join(str(r[0]) for r in rows)

    def write_sentences(self, version: str, rows: Sequence[tuple[int, bytes]]) -> None:
        self._write(_WRITE_SENTENCE, [(version, b, sid) for sid, b in rows])

    def write_paragraphs(self, version: str, rows: Sequence[tuple[str, int, bytes]]) -> None:
        self._write(_WRITE_PARAGRAPH, [(p, version, b, a) for a, p, b in rows])

    def _write(self, sql: str, args: list[tuple[object, ...]]) -> None:
        conn = self._db.connection()

        async def write() -> None:
            async with conn.transaction():
                await conn.executemany(sql, args)

        self._db.run(write())

    def close(self) -> None:
        self._db.close()  # the claim, a session lock, ends with the connection


class PgVectorSource:
    """The ranker's reads (index/semantic.py VectorSource) on PostgreSQL: only the
    candidates' vectors, one query a question, on the library thread's own connection.

    The library thread also answers, so a server that does not answer must not hold it:
    each read has a short timeout, and after a failure the rerank is skipped (answers
    lexical) for ``RETRY_AFTER`` seconds before the connection is tried again."""

    errors = ERRORS

    def __init__(self, url: str) -> None:
        self._db = ThreadConnection(url, timeout=READ_TIMEOUT)
        self._failed_at: float | None = None

    def vectors(
        self, ids: Sequence[int], model_version: str
    ) -> dict[int, tuple[bytes | None, bytes | None]]:
        if self._failed_at is not None and time.monotonic() - self._failed_at < RETRY_AFTER:
            raise ConnectionError("vector reads paused after a failure")
        try:
            conn = self._db.connection()
            rows = self._db.run(
                conn.fetch(_VECTORS, model_version, list(ids), timeout=READ_TIMEOUT)
            )
        except ERRORS:
            self._failed_at = time.monotonic()
            self._db.close()  # a new connection on the next try
            raise
        self._failed_at = None
        return {int(r[0]): (r[1], r[2]) for r in rows}

    def close(self) -> None:
        self._db.close()
