"""The vector worker's backlog queries (index/vectors.py) cost the same however many
sentences already have their vectors: a running bot that gets one more article must not
rescan the whole library once per batch.

Work is counted in SQLite virtual-machine steps (``set_progress_handler``), which is
deterministic, instead of timed.
"""

from __future__ import annotations

import asyncio
import sqlite3
from pathlib import Path

from test_encoder import HEADS, tiny_tokenizer, tiny_weights

from index.encoder import Encoder
from index.store import Store
from index.vectors import BATCH, SqliteVectorStorage, VectorWorker

VERSION = "tiny-backlog"
PER_PARAGRAPH = 4


def _article(conn: sqlite3.Connection, name: str, first_id: int, count: int) -> None:
    conn.execute(
        "INSERT INTO articles (id, title, source, text, added_at) VALUES (?, ?, ?, '', '')",
        (name, name, name),
    )
    conn.executemany(
        "INSERT INTO sentences (id, article_id, paragraph, number, start, end, text, term_ids)"
        " VALUES (?, ?, ?, ?, 0, 0, ?, x'')",
        [
            (first_id + i, name, i // PER_PARAGRAPH, i, f"Sentence {i} of {name} says a thing.")
            for i in range(count)
        ],
    )


def _library(path: Path, encoded: int) -> None:
    """A database whose first ``encoded`` sentences already have both kinds of vectors."""

    async def create() -> None:
        await (await Store.open(path)).close()

    asyncio.run(create())
    conn = sqlite3.connect(path)
    _article(conn, "old", 1, encoded)
    blob = bytes(4 + 32)
    conn.execute("INSERT INTO sentence_vectors SELECT id, ?, ? FROM sentences", (VERSION, blob))
    conn.execute(
        "INSERT INTO paragraph_vectors SELECT DISTINCT article_id, paragraph, ?, ? FROM sentences",
        (VERSION, blob),
    )
    conn.commit()
    conn.close()


def _steps_for_new_article(path: Path, encoded: int) -> int:
    _library(path, encoded)
    encoder = Encoder(tiny_weights(), tiny_tokenizer(), heads=HEADS, model_version=VERSION)
    worker = VectorWorker(path, encoder, process=False)  # only its SQLite work is counted
    conn = worker._connect()
    try:
        while worker.step(conn):  # the bot started: its backlog is empty
            pass
        _article(conn, "new", encoded + 1, 3 * BATCH)  # then an article comes in
        counted = 0

        def count() -> int:
            nonlocal counted
            counted += 1
            return 0

        conn.set_progress_handler(count, 100)
        while worker.step(conn):
            pass
        conn.set_progress_handler(None, 0)
        missing = conn.execute(
            "SELECT COUNT(*) FROM sentences WHERE id NOT IN (SELECT sentence_id FROM"
            " sentence_vectors)"
        ).fetchone()[0]
        paragraphs = conn.execute("SELECT COUNT(*) FROM paragraph_vectors").fetchone()[0]
        assert missing == 0
        assert paragraphs == (encoded + 3 * BATCH) // PER_PARAGRAPH
        return counted
    finally:
        conn.close()


def test_a_new_article_costs_the_same_in_a_small_and_a_large_library(tmp_path: Path) -> None:
    small = _steps_for_new_article(tmp_path / "small.db", 2_000)
    large = _steps_for_new_article(tmp_path / "large.db", 8_000)
    assert large < 1.3 * small, (small, large)


class _CommitsBetweenReads(SqliteVectorStorage):
    """Another connection commits an article just after the worker found no sentence
    missing and before it looks for paragraphs: the race a live bot runs every ingest."""

    def __init__(self, conn: sqlite3.Connection, path: Path) -> None:
        super().__init__(conn)
        self.path = path
        self.committed = False

    def missing_sentences(self, version: str, after: int, limit: int) -> list[tuple[int, str]]:
        rows = super().missing_sentences(version, after, limit)
        if not rows and not self.committed:
            other = sqlite3.connect(self.path)
            _article(other, "late", 10_000, 8)
            other.commit()
            other.close()
            self.committed = True
        return rows


def test_paragraphs_wait_for_their_sentences_when_an_article_lands_mid_step(
    tmp_path: Path,
) -> None:
    """Sentences are encoded (and counted as waiting) before their paragraphs: a paragraph
    step never runs ahead onto an article the sentence step has not seen yet."""
    path = tmp_path / "race.db"
    _library(path, 8)
    encoder = Encoder(tiny_weights(), tiny_tokenizer(), heads=HEADS, model_version=VERSION)
    worker = VectorWorker(path, encoder, process=False)
    conn = worker._connect()
    try:
        storage = _CommitsBetweenReads(conn, path)
        worker.step(storage)
        assert storage.committed
        late_paragraphs = conn.execute(
            "SELECT COUNT(*) FROM paragraph_vectors WHERE article_id = 'late'"
        ).fetchone()[0]
        assert late_paragraphs == 0
        while worker.step(storage):
            pass
        assert worker.waiting == 0
        assert (
            conn.execute(
                "SELECT COUNT(*) FROM paragraph_vectors WHERE article_id = 'late'"
            ).fetchone()[0]
            == 8 // PER_PARAGRAPH
        )
    finally:
        conn.close()
