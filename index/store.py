"""SQLite storage through aiosqlite: articles, their sentences and analysed terms.

One file, WAL journal, foreign keys on, schema version in ``PRAGMA user_version``.
Every change is one transaction, so an article is stored whole or not at all.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager, suppress
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import aiosqlite
import numpy as np
from numpy.typing import NDArray

from .models import Article, Document, Sentence
from .vocabulary import Vocabulary

SCHEMA_VERSION = 1

_SCHEMA = """
CREATE TABLE IF NOT EXISTS articles (
    id         TEXT PRIMARY KEY,
    guild_id   INTEGER,               -- NULL: shared by every server
    title      TEXT NOT NULL,
    date       TEXT,
    url        TEXT,
    source     TEXT NOT NULL,
    text       TEXT NOT NULL,         -- decoded article text, which offsets refer to
    body_start INTEGER NOT NULL DEFAULT 0,
    added_at   TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS articles_guild ON articles(guild_id);
CREATE INDEX IF NOT EXISTS articles_source ON articles(source, guild_id);
CREATE TABLE IF NOT EXISTS sentences (
    id         INTEGER PRIMARY KEY,
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    paragraph  INTEGER NOT NULL,
    number     INTEGER NOT NULL,
    start      INTEGER NOT NULL,
    end        INTEGER NOT NULL,
    text       TEXT NOT NULL,
    term_ids   BLOB NOT NULL,         -- analysed terms in order: int32 ids into terms
    speaker    TEXT,
    UNIQUE (article_id, number)
);
CREATE TABLE IF NOT EXISTS terms (
    id   INTEGER PRIMARY KEY,         -- 0, 1, 2, … with no gaps
    term TEXT NOT NULL UNIQUE
);
CREATE TABLE IF NOT EXISTS entities (
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    name       TEXT NOT NULL,         -- fullest form in the article, e.g. "Dmitry Peskov"
    roles      TEXT NOT NULL,         -- folded role words, space separated
    PRIMARY KEY (article_id, name)
);
CREATE TABLE IF NOT EXISTS meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
"""


class StoreError(RuntimeError):
    """The database cannot be used; ``str()`` says why in one line."""


@dataclass(frozen=True)
class StoredSentence:
    id: int
    article_id: str
    sentence: Sentence
    terms: tuple[str, ...]


@dataclass(frozen=True)
class LoadedSentences:
    """Every stored sentence as arrays, in id order: what start-up builds indexes from."""

    ids: NDArray[np.int64]
    article_ids: list[str]
    paragraphs: NDArray[np.int64]
    lengths: NDArray[np.int64]
    tokens: NDArray[np.int32]  # all term ids, concatenated
    speakers: list[tuple[int, str, str]]  # (sentence id, article id, speakers)


@dataclass(frozen=True)
class ArticleWrite:
    article_id: str
    doc: Document
    sentences: Sequence[Sentence]
    terms: Sequence[Sequence[str]]
    guild_id: int | None
    entities: Sequence[tuple[str, str]] = ()


class Store:
    def __init__(self, conn: aiosqlite.Connection, path: str) -> None:
        self._conn = conn
        self.path = path
        self.vocabulary = Vocabulary()
        self._reader: sqlite3.Connection | None = None

    @classmethod
    async def open(cls, path: str | Path, busy_timeout: float = 5.0) -> Store:
        path = str(path)
        if path != ":memory:":
            Path(path).expanduser().parent.mkdir(parents=True, exist_ok=True)
        try:
            conn = await aiosqlite.connect(path, isolation_level=None)
        except sqlite3.Error as exc:
            raise StoreError(f"cannot open database {path}: {exc}") from None
        store = cls(conn, path)
        try:
            await conn.execute(f"PRAGMA busy_timeout = {int(busy_timeout * 1000)}")
            await store._migrate()
        except sqlite3.DatabaseError as exc:
            await conn.close()
            raise StoreError(f"cannot use database {path}: {exc}") from None
        except StoreError:
            await conn.close()
            raise
        async with conn.execute("SELECT term FROM terms ORDER BY id") as cur:
            store.vocabulary = Vocabulary(r[0] for r in await cur.fetchall())
        if path != ":memory:":
            try:
                uri = Path(path).expanduser().resolve().as_uri() + "?mode=ro"
                store._reader = sqlite3.connect(uri, uri=True, check_same_thread=False)
                store._reader.execute("PRAGMA busy_timeout = 100")
            except sqlite3.Error:
                store._reader = None
        return store

    async def close(self) -> None:
        if self._reader is not None:
            self._reader.close()
            self._reader = None
        await self._conn.close()

    @asynccontextmanager
    async def transaction(self) -> AsyncIterator[aiosqlite.Connection]:
        """BEGIN IMMEDIATE … COMMIT, rolled back on any error. SQLite errors (locked,
        read-only, disk full, corrupt) become one-line StoreErrors; nothing half-written
        is ever committed."""
        conn = self._conn
        try:
            await conn.execute("BEGIN IMMEDIATE")
        except sqlite3.Error as exc:
            raise StoreError(f"cannot write to database {self.path}: {exc}") from None
        try:
            yield conn
            await conn.execute("COMMIT")
        except BaseException as exc:
            with suppress(sqlite3.Error):  # SQLite may have rolled back already (disk full)
                await conn.execute("ROLLBACK")
            if isinstance(exc, sqlite3.Error):
                raise StoreError(f"cannot write to database {self.path}: {exc}") from None
            raise

    async def _migrate(self) -> None:
        conn = self._conn
        await conn.execute("PRAGMA foreign_keys = ON")
        if self.path != ":memory:":
            await conn.execute("PRAGMA journal_mode = WAL")
            await conn.execute("PRAGMA synchronous = NORMAL")
        version = await self._scalar("PRAGMA user_version")
        if version > SCHEMA_VERSION:
            raise StoreError(
                f"database {self.path} has schema version {version}, newer than this "
                f"articlebot understands ({SCHEMA_VERSION}); upgrade articlebot"
            )
        if version == 0:
            async with conn.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT IN"
                " ('articles', 'sentences', 'terms', 'entities', 'meta')"
            ) as cur:
                foreign = [r[0] for r in await cur.fetchall()]
            if foreign:
                raise StoreError(
                    f"{self.path} is an SQLite database of something else (tables: "
                    f"{', '.join(foreign[:5])}); give articlebot its own file"
                )
        if version < SCHEMA_VERSION:
            # Each step from an older version runs in one transaction with the version bump.
            async with self.transaction() as tx:
                for statement in _SCHEMA.split(";\n"):
                    if statement.strip():
                        await tx.execute(statement)
                await tx.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")

    async def _scalar(self, sql: str, params: Sequence[object] = ()) -> int:
        async with self._conn.execute(sql, params) as cur:
            row = await cur.fetchone()
        return int(row[0]) if row and row[0] is not None else 0

    async def get_meta(self, key: str) -> str | None:
        async with self._conn.execute("SELECT value FROM meta WHERE key = ?", (key,)) as cur:
            row = await cur.fetchone()
        return str(row[0]) if row else None

    async def set_meta(self, key: str, value: str) -> None:
        async with self.transaction() as conn:
            await conn.execute(
                "INSERT INTO meta (key, value) VALUES (?, ?)"
                " ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                (key, value),
            )

    # --- articles --------------------------------------------------------------------

    async def article_ids(self) -> set[str]:
        async with self._conn.execute("SELECT id FROM articles") as cur:
            return {row[0] for row in await cur.fetchall()}

    async def find_by_source(self, source: str, guild_id: int | None) -> str | None:
        async with self._conn.execute(
            "SELECT id FROM articles WHERE source = ? AND guild_id IS ?", (source, guild_id)
        ) as cur:
            row = await cur.fetchone()
        return str(row[0]) if row else None

    async def replace_article(
        self,
        article_id: str,
        doc: Document,
        sentences: Sequence[Sentence],
        terms: Sequence[Sequence[str]],
        guild_id: int | None,
        entities: Sequence[tuple[str, str]] = (),
    ) -> list[int]:
        """Store an article and its sentences in one transaction; returns the sentence ids."""
        item = ArticleWrite(article_id, doc, sentences, terms, guild_id, entities)
        return (await self.replace_articles([item]))[0]

    async def replace_articles(self, items: Sequence[ArticleWrite]) -> list[list[int]]:
        """Store many articles in one transaction (all or none); their sentence ids."""
        known = len(self.vocabulary)
        try:
            async with self.transaction() as conn:
                written = [await self._write(item) for item in items]
                await conn.executemany(
                    "INSERT INTO terms (id, term) VALUES (?, ?)",
                    [(known + i, t) for i, t in enumerate(self.vocabulary.terms[known:])],
                )
        except BaseException:
            self.vocabulary.truncate(known)
            raise
        return written

    async def _write(self, item: ArticleWrite) -> list[int]:
        conn, doc = self._conn, item.doc
        tokens = self.vocabulary.encode(item.terms)
        ends = np.cumsum([len(t) for t in item.terms])
        blobs = [part.astype("<i4").tobytes() for part in np.split(tokens, ends[:-1])]
        await conn.execute("DELETE FROM articles WHERE id = ?", (item.article_id,))
        await conn.execute(
            "INSERT INTO articles (id, guild_id, title, date, url, source, text, body_start,"
            " added_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (item.article_id, item.guild_id, doc.title, doc.date, doc.url, doc.source, doc.text,
             doc.body_start, dt.datetime.now(dt.UTC).isoformat(timespec="seconds")),
        )  # fmt: skip
        first = await self._scalar("SELECT COALESCE(MAX(id), 0) + 1 FROM sentences")
        rows = [
            (first + i, item.article_id, s.paragraph, s.number, s.start, s.end, s.text, blob,
             s.speaker)
            for i, (s, blob) in enumerate(zip(item.sentences, blobs, strict=True))
        ]  # fmt: skip
        await conn.executemany(
            "INSERT INTO sentences (id, article_id, paragraph, number, start, end, text,"
            " term_ids, speaker) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            rows,
        )
        await conn.executemany(
            "INSERT OR REPLACE INTO entities (article_id, name, roles) VALUES (?, ?, ?)",
            [(item.article_id, name, roles) for name, roles in item.entities],
        )
        return [r[0] for r in rows]

    async def delete_article(self, article_id: str) -> bool:
        async with self.transaction() as conn:
            cur = await conn.execute("DELETE FROM articles WHERE id = ?", (article_id,))
            return cur.rowcount > 0

    async def articles(self) -> list[Article]:
        sql = (
            "SELECT a.id, a.title, a.source, a.date, a.url, a.guild_id, COUNT(s.id)"
            " FROM articles a LEFT JOIN sentences s ON s.article_id = a.id"
            " GROUP BY a.id ORDER BY a.date IS NULL, a.date, a.id"
        )
        async with self._conn.execute(sql) as cur:
            return [
                Article(
                    id=r[0],
                    title=r[1],
                    source=r[2],
                    date=r[3],
                    url=r[4],
                    guild_id=r[5],
                    sentences=r[6],
                )
                for r in await cur.fetchall()
            ]

    async def entities(self) -> list[tuple[str, str, str]]:
        """(article id, name, role words) of every stored entity."""
        async with self._conn.execute("SELECT article_id, name, roles FROM entities") as cur:
            return [(str(r[0]), str(r[1]), str(r[2])) for r in await cur.fetchall()]

    async def document(self, article_id: str) -> Document | None:
        async with self._conn.execute(
            "SELECT text, source, title, date, url, body_start FROM articles WHERE id = ?",
            (article_id,),
        ) as cur:
            row = await cur.fetchone()
        if row is None:
            return None
        return Document(
            text=row[0], source=row[1], title=row[2], date=row[3], url=row[4], body_start=row[5]
        )

    # --- sentences -------------------------------------------------------------------

    _SENTENCE_COLUMNS = "id, article_id, paragraph, number, start, end, text, term_ids, speaker"

    def _stored(self, r: Any) -> StoredSentence:
        return StoredSentence(
            id=int(r[0]),
            article_id=str(r[1]),
            sentence=Sentence(
                paragraph=int(r[2]),
                number=int(r[3]),
                start=int(r[4]),
                end=int(r[5]),
                text=str(r[6]),
                speaker=None if r[8] is None else str(r[8]),
            ),
            terms=self.vocabulary.decode(np.frombuffer(r[7], dtype="<i4").tolist()),
        )

    async def sentences(self, ids: Sequence[int]) -> dict[int, StoredSentence]:
        """Sentences by id. A handful of primary-key reads are served by a read-only
        connection on the calling thread: in WAL mode they never wait for a writer, and
        they take microseconds, less than the hand-off to aiosqlite's thread."""
        if not ids:
            return {}
        marks = ",".join("?" * len(ids))
        sql = f"SELECT {self._SENTENCE_COLUMNS} FROM sentences WHERE id IN ({marks})"
        if self._reader is not None and len(ids) <= 64:
            try:
                rows = self._reader.execute(sql, list(ids)).fetchall()
            except sqlite3.Error:
                pass  # e.g. the file was replaced: fall back to the main connection
            else:
                return {int(r[0]): self._stored(r) for r in rows}
        async with self._conn.execute(sql, list(ids)) as cur:
            return {int(r[0]): self._stored(r) for r in await cur.fetchall()}

    async def load_all(self, batch: int = 50_000) -> LoadedSentences:
        """Every sentence's id, article, paragraph, speakers and term ids, as arrays."""
        ids: list[int] = []
        articles: list[str] = []
        paragraphs: list[int] = []
        blobs: list[bytes] = []
        speakers: list[tuple[int, str, str]] = []
        sql = "SELECT id, article_id, paragraph, term_ids, speaker FROM sentences ORDER BY id"
        async with self._conn.execute(sql) as cur:
            while rows := await cur.fetchmany(batch):
                for sid, article_id, paragraph, blob, speaker in rows:
                    ids.append(sid)
                    articles.append(article_id)
                    paragraphs.append(paragraph)
                    blobs.append(blob)
                    if speaker:
                        speakers.append((sid, article_id, speaker))
        lengths = np.fromiter(map(len, blobs), dtype=np.int64, count=len(blobs)) // 4
        return LoadedSentences(
            ids=np.array(ids, dtype=np.int64),
            article_ids=articles,
            paragraphs=np.array(paragraphs, dtype=np.int64),
            lengths=lengths,
            tokens=np.frombuffer(b"".join(blobs), dtype="<i4").astype(np.int32),
            speakers=speakers,
        )

    async def sentence_ids(self, article_id: str) -> list[int]:
        async with self._conn.execute(
            "SELECT id FROM sentences WHERE article_id = ? ORDER BY number", (article_id,)
        ) as cur:
            return [int(r[0]) for r in await cur.fetchall()]

    async def integrity_check(self) -> str:
        async with self._conn.execute("PRAGMA integrity_check") as cur:
            row = await cur.fetchone()
        return str(row[0]) if row else "no answer"
