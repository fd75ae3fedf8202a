"""SQLite storage through aiosqlite: articles, their sentences and analysed terms.

One file, WAL journal, foreign keys on, articlebot's mark in ``PRAGMA application_id``
and the schema version in ``PRAGMA user_version``. Every change is one transaction, so
an article is stored whole or not at all.

Several processes may write one file at once (the bot, and ``articlebot index`` in a
terminal). What each process remembers can therefore be out of date, so every id, of an
article, a sentence or a term, is chosen by the database inside the write transaction,
and a writer waits for another's lock instead of failing.

A file is looked at read-only before anything is written to it: only an empty database
or articlebot's own is ever changed; anything else is refused and left byte for byte.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import functools
import hashlib
import hmac
import itertools
import json
import logging
import secrets
import sqlite3
from collections.abc import (
    AsyncIterator,
    Awaitable,
    Callable,
    Collection,
    Coroutine,
    Iterator,
    Sequence,
)
from contextlib import asynccontextmanager, suppress
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Concatenate, ParamSpec, TypeVar

import aiosqlite
import numpy as np
from numpy.typing import NDArray

from .errors import ArticlebotError
from .models import Article, Document, Sentence
from .vocabulary import Vocabulary

SCHEMA_VERSION = 3
APPLICATION_ID = 0x61727462  # b"artb": PRAGMA application_id of every articlebot database
BUSY_TIMEOUT = 60.0  # seconds a writer waits for another's lock before giving up
PATIENCE = 1.0  # seconds a writer waits quietly before it logs that it is waiting
CHANGE_POLL = 0.1  # seconds between looks at PRAGMA data_version (wait_for_change)

_SCHEMA = (
    """
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
    id         INTEGER PRIMARY KEY,   -- never reused: see meta 'last_sentence_id'
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
    + """
CREATE TABLE IF NOT EXISTS sentence_vectors (
    sentence_id   INTEGER PRIMARY KEY REFERENCES sentences(id) ON DELETE CASCADE,
    model_version TEXT NOT NULL,      -- index.encoder.Encoder.model_version
    vector        BLOB NOT NULL       -- index.encoder.to_blob: float32 scale + int8 codes
);
CREATE TABLE IF NOT EXISTS paragraph_vectors (
    article_id    TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    paragraph     INTEGER NOT NULL,
    model_version TEXT NOT NULL,
    vector        BLOB NOT NULL,
    PRIMARY KEY (article_id, paragraph)
);
"""
)
# Tables of the features beside the library (server settings, feedback, followed feeds).
# They are only ever added, never altered (a feature that changes its mind adds a table), so
# every open creates the missing ones under the write lock, without a schema version: an
# older articlebot ignores them. Their code reads and writes them with portable SQL (``?``
# placeholders, ON CONFLICT upserts) through :meth:`Store.rows` and :meth:`Store.transaction`,
# so that every store backend runs it unchanged.
_FEATURE_SCHEMA = """
CREATE TABLE IF NOT EXISTS feeds (
    scope INTEGER NOT NULL,
    url TEXT NOT NULL,
    title TEXT NOT NULL,
    etag TEXT,
    last_modified TEXT,
    interval_seconds INTEGER NOT NULL,
    floor_seconds INTEGER NOT NULL DEFAULT 0,
    next_poll INTEGER NOT NULL,
    failures INTEGER NOT NULL DEFAULT 0,
    last_error TEXT,
    paused_reason TEXT,
    last_polled INTEGER,
    added_at INTEGER NOT NULL,
    PRIMARY KEY (scope, url)
);
CREATE TABLE IF NOT EXISTS feed_entries (
    scope INTEGER NOT NULL,
    entry_key TEXT NOT NULL,
    feed_url TEXT NOT NULL,
    link TEXT,
    title TEXT NOT NULL,
    article_id TEXT,
    outcome TEXT NOT NULL,
    seen_at INTEGER NOT NULL,
    PRIMARY KEY (scope, entry_key)
);
CREATE INDEX IF NOT EXISTS feed_entries_link ON feed_entries (scope, link);
CREATE TABLE IF NOT EXISTS feed_settings (
    scope INTEGER PRIMARY KEY,
    announce_channel INTEGER,
    keep_newest INTEGER,
    keep_days INTEGER
);
CREATE TABLE IF NOT EXISTS server_settings (
    guild_id INTEGER NOT NULL,
    name     TEXT NOT NULL,              -- index/server_settings.py: SETTINGS
    value    TEXT NOT NULL,
    PRIMARY KEY (guild_id, name)
);
CREATE TABLE IF NOT EXISTS server_channels (
    guild_id   INTEGER NOT NULL,
    channel_id INTEGER NOT NULL,
    answer     INTEGER NOT NULL,         -- 1: an answer channel, 0: not one (over the config)
    PRIMARY KEY (guild_id, channel_id)
);
CREATE TABLE IF NOT EXISTS feedback_answers (
    id         TEXT PRIMARY KEY,         -- random, in the buttons' custom_id
    guild_id   INTEGER,                  -- NULL: a direct message
    channel_id INTEGER NOT NULL,
    question   TEXT NOT NULL,
    quotes     TEXT NOT NULL,            -- JSON: [{"sentence_id", "article_id", "text"}]
    asked_at   TEXT NOT NULL             -- ISO 8601, UTC
);
CREATE TABLE IF NOT EXISTS feedback_votes (
    answer_id TEXT NOT NULL,
    user_id   INTEGER NOT NULL,
    vote      INTEGER NOT NULL,          -- 1 or -1
    voted_at  TEXT NOT NULL,
    PRIMARY KEY (answer_id, user_id)
);
CREATE INDEX IF NOT EXISTS feedback_answers_guild ON feedback_answers(guild_id);
CREATE INDEX IF NOT EXISTS feedback_answers_asked ON feedback_answers(asked_at)
"""

# Version 3 added these (index/vectors.py fills them); a version 2 database gets them.
_VECTOR_TABLES = _SCHEMA[_SCHEMA.index("CREATE TABLE IF NOT EXISTS sentence_vectors") :]

# Tables and columns of versions 1 and 2 (version 2 changed data, not tables): how a
# version 1 database, written before articlebot set an application id, is recognised.
_TABLES = {
    "articles": ("id", "guild_id", "title", "date", "url", "source", "text", "body_start",
                 "added_at"),
    "sentences": ("id", "article_id", "paragraph", "number", "start", "end", "text",
                  "term_ids", "speaker"),
    "terms": ("id", "term"),
    "entities": ("article_id", "name", "roles"),
    "meta": ("key", "value"),
}  # fmt: skip

log = logging.getLogger(__name__)


class StoreError(ArticlebotError):
    """The database cannot be used; ``str()`` says why in one line. ``transient``: it may
    work in a moment (locked by another program, a server not up yet), so a starting bot
    tries again; otherwise (not articlebot's, newer schema, corrupt) it says so and stops."""

    def __init__(self, message: str, transient: bool = False) -> None:
        super().__init__(message)
        self.transient = transient


def is_transient(exc: sqlite3.Error) -> bool:
    return _is_busy(exc) or "unable to open" in str(exc)


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
    """An article to store. ``name`` is the id it would like; the store makes it unique
    inside the write transaction (see :meth:`Store.replace_articles`)."""

    name: str
    doc: Document
    sentences: Sequence[Sentence]
    terms: Sequence[Sequence[str]]
    guild_id: int | None
    entities: Sequence[tuple[str, str]] = ()


@dataclass(frozen=True)
class Written:
    article_id: str
    sentence_ids: list[int]


@dataclass(frozen=True)
class StoredVersion:
    """Which version of an article the database holds: its scope and its first sentence
    id, which changes whenever the article is replaced (sentence ids are never reused)."""

    guild_id: int | None
    first_sentence: int


@dataclass(frozen=True)
class _Found:
    """What a database holds, as far as telling whose it is goes."""

    application_id: int
    version: int
    objects: int  # rows of sqlite_master: tables, indexes, views, triggers
    tables: dict[str, tuple[str, ...]]  # table name -> column names


def sentence_rows(
    vocabulary: Vocabulary, item: ArticleWrite, first: int, article_id: str
) -> list[tuple[Any, ...]]:
    """An article's sentence rows, ids from ``first``, each with its terms' ids as one
    little-endian int32 blob: the same rows for every store, built off the event loop
    when the store has an ``offload``."""
    tokens = vocabulary.encode(item.terms)
    ends = np.cumsum([len(t) for t in item.terms])
    blobs = [part.astype("<i4").tobytes() for part in np.split(tokens, ends[:-1])]
    return [
        (first + i, article_id, s.paragraph, s.number, s.start, s.end, s.text, blob, s.speaker)
        for i, (s, blob) in enumerate(zip(item.sentences, blobs, strict=True))
    ]


def _upgrade_from(found: _Found, path: str) -> int:
    """The schema version to upgrade from: 0 for an empty database, 1 to 3 for articlebot's
    own. Anything else is refused (StoreError), before a byte of it is written."""
    if found.application_id == APPLICATION_ID:
        if found.version > SCHEMA_VERSION:
            raise StoreError(
                f"database {path} has schema version {found.version}, newer than this "
                f"articlebot understands ({SCHEMA_VERSION}); upgrade articlebot"
            )
        if found.version >= 1:
            return found.version
    elif found.application_id == 0:
        if found.objects == 0 and found.version == 0:
            return 0
        if found.version == 1 and found.tables == _TABLES:
            return 1
    if found.application_id not in (0, APPLICATION_ID):
        what = f"application id {found.application_id:#x}"
    elif found.tables:
        what = "tables: " + ", ".join(sorted(found.tables)[:5])
    else:
        what = "no articlebot tables"
    raise StoreError(
        f"{path} is an SQLite database of something else ({what}); give articlebot its own file"
    )


_FOUND_SQL = (
    "PRAGMA application_id",
    "PRAGMA user_version",
    "SELECT COUNT(*) FROM sqlite_master",
    # sqlite_stat1 and friends appear when anyone runs ANALYZE: SQLite's, not a program's.
    "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite^_%' ESCAPE '^'",
    "SELECT name FROM pragma_table_info(?)",
)


def _inspect(path: Path) -> None:
    """Refuse ``path`` unless it is missing, empty or articlebot's own, reading it only.

    No SQLite connection that could write is opened before this passes: even switching a
    file to WAL changes its bytes. Without a ``-wal`` file nobody has the database open,
    and ``immutable=1`` reads it without locks and without creating ``-wal``/``-shm``
    files; with one, ``mode=ro`` reads what the other process has committed.
    """
    wal = Path(f"{path}-wal")
    try:
        if not path.exists():
            return
        if path.is_dir():
            raise StoreError(f"cannot use database {path}: it is a folder")
        with path.open("rb") as f:
            head = f.read(16)
        has_wal = wal.exists()
    except OSError as exc:
        raise StoreError(f"cannot read database {path}: {exc.strerror or exc}") from None
    if not head and not has_wal:
        return  # an empty file: SQLite's new database
    if head != b"SQLite format 3\x00":
        raise StoreError(f"cannot use database {path}: file is not a database")
    mode = "ro" if has_wal else "ro&immutable=1"
    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode={mode}", uri=True)
        try:
            app, version, objects, names, columns = _FOUND_SQL
            found = _Found(
                application_id=conn.execute(app).fetchone()[0],
                version=conn.execute(version).fetchone()[0],
                objects=conn.execute(objects).fetchone()[0],
                tables={
                    name: tuple(r[0] for r in conn.execute(columns, (name,)))
                    for (name,) in conn.execute(names).fetchall()
                },
            )
        finally:
            conn.close()
    except sqlite3.Error as exc:
        raise StoreError(f"cannot use database {path}: {exc}", is_transient(exc)) from None
    _upgrade_from(found, str(path))


def _prepare(path: Path) -> Path:
    """The database file to open: inspected if it exists, its folder made if not."""
    path = path.expanduser()
    try:
        _inspect(path)
        if not path.exists():
            folder = next(p for p in path.parents if p.exists())
            if not folder.is_dir():
                raise StoreError(f"cannot create database {path}: {folder} is not a folder")
            path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise StoreError(f"cannot create database {path}: {exc.strerror or exc}") from None
    return path


def _server_ids(name: str, guild_id: int, source: str, key: bytes) -> Iterator[str]:
    """Ids for a server's article: its name plus a keyed hash of (server, source).

    The candidates depend only on the server's own article and the database's secret key,
    so the id a server gets says nothing about what other servers hold: two servers' ids
    differ even for the same title and date, and without the key nobody can make another
    server's id collide with theirs.
    """
    for n in itertools.count():
        message = f"{guild_id}\n{source}\n{n}".encode()
        yield f"{name}-{hmac.new(key, message, hashlib.sha256).hexdigest()[:8]}"


def _shared_ids(name: str, source: str) -> Iterator[str]:
    """Ids for a shared article: its plain name while free (only the owner adds these, and
    every server sees them anyway), then with a hash of its source."""
    yield name
    digest = hashlib.sha1(source.encode()).hexdigest()[:6]
    yield f"{name}-{digest}"
    for n in itertools.count(2):
        yield f"{name}-{digest}-{n}"


def _among(column: str, ids: Collection[str] | None) -> str:
    """A WHERE clause keeping rows whose ``column`` is one of ``ids`` (all rows for None),
    given as one JSON parameter (:func:`_ids_param`): any number of ids, one statement."""
    return "" if ids is None else f" WHERE {column} IN (SELECT value FROM json_each(?))"


def _ids_param(ids: Collection[str] | None) -> tuple[str, ...]:
    return () if ids is None else (json.dumps(sorted(ids)),)


def _is_busy(exc: sqlite3.Error) -> bool:
    code = getattr(exc, "sqlite_errorcode", 0) & 0xFF
    return code in (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED) or "locked" in str(exc)


P = ParamSpec("P")
R = TypeVar("R")


def _reads(
    method: Callable[Concatenate[Store, P], Coroutine[Any, Any, R]],
) -> Callable[Concatenate[Store, P], Coroutine[Any, Any, R]]:
    """SQLite errors of a read (a corrupt page, a vanished file) become one-line
    StoreErrors, which the CLI and the bot report as such."""

    @functools.wraps(method)
    async def read(self: Store, /, *args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return await method(self, *args, **kwargs)
        except sqlite3.Error as exc:
            raise StoreError(f"cannot read database {self.path}: {exc}") from None

    return read


class Store:
    def __init__(
        self, conn: aiosqlite.Connection, path: str, busy_timeout: float = BUSY_TIMEOUT
    ) -> None:
        self._conn = conn
        self.path = path
        self.busy_timeout = busy_timeout
        self.vocabulary = Vocabulary()
        self._reader: sqlite3.Connection | None = None
        self._id_key = b""
        # One transaction at a time on the connection: a read snapshot (another process's
        # change being loaded) and a write (a feature's setting) would otherwise nest.
        self._one_transaction = asyncio.Lock()
        # The library version before and after this process's last library write
        # (:meth:`library_version`): whether it wrote on top of what it had loaded.
        self.last_write: tuple[int, int] = (0, 0)
        # Where a write's CPU work (encoding a large article's terms) runs: the library
        # sets its own thread, free while it holds the exclusive pass; inline without it.
        self.offload: Callable[[Callable[[], Any]], Awaitable[Any]] | None = None

    @classmethod
    async def open(cls, path: str | Path, busy_timeout: float = BUSY_TIMEOUT) -> Store:
        """Open (or create) a database; a StoreError if it cannot be used. A failed open
        closes everything it opened: a leftover aiosqlite thread would keep the process
        from exiting."""
        name = str(path)
        if name != ":memory:":
            name = str(await asyncio.to_thread(_prepare, Path(name)))
        try:
            conn = await aiosqlite.connect(name, isolation_level=None)
        except sqlite3.Error as exc:
            raise StoreError(f"cannot open database {name}: {exc}", is_transient(exc)) from None
        store = cls(conn, name, busy_timeout)
        try:
            await store._setup()
        except BaseException as exc:
            await store.close()
            if isinstance(exc, sqlite3.Error):
                raise StoreError(f"cannot use database {name}: {exc}", is_transient(exc)) from None
            raise
        return store

    async def _setup(self) -> None:
        conn = self._conn
        await conn.execute(f"PRAGMA busy_timeout = {int(self.busy_timeout * 1000)}")
        await conn.execute("PRAGMA foreign_keys = ON")
        if self.path != ":memory:":
            await self._wal()
            await conn.execute("PRAGMA synchronous = NORMAL")
        await self._migrate()
        await self._create_feature_tables()
        self._id_key = bytes.fromhex(await self.get_meta("id_key") or "")
        await self.refresh_vocabulary()
        if self.path != ":memory:":
            try:
                uri = Path(self.path).resolve().as_uri() + "?mode=ro"
                self._reader = sqlite3.connect(uri, uri=True, check_same_thread=False)
                self._reader.execute("PRAGMA busy_timeout = 100")
            except sqlite3.Error:
                self._reader = None

    async def _wal(self) -> None:
        """Put the file in WAL mode. Another articlebot opening the same new file may be
        switching it at this moment, and SQLite then says "database is locked" at once,
        without the busy timeout: so ask again, for up to the busy timeout."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + self.busy_timeout
        while True:
            try:
                await self._conn.execute("PRAGMA journal_mode = WAL")
                return
            except sqlite3.OperationalError as exc:
                if not _is_busy(exc) or loop.time() > deadline:
                    raise
            await asyncio.sleep(0.05)

    async def close(self) -> None:
        if self._reader is not None:
            with suppress(sqlite3.Error):
                self._reader.close()
            self._reader = None
        await self._conn.close()

    async def _begin(self) -> None:
        """BEGIN IMMEDIATE, waiting up to ``busy_timeout`` for another writer's lock; after
        ``PATIENCE`` seconds of waiting it says so (INFO log: the CLI shows it on stderr)."""
        conn = self._conn
        if self.busy_timeout > PATIENCE:
            await conn.execute(f"PRAGMA busy_timeout = {int(PATIENCE * 1000)}")
            try:
                await conn.execute("BEGIN IMMEDIATE")
                return
            except sqlite3.OperationalError as exc:
                if not _is_busy(exc):
                    raise
            finally:
                await conn.execute(f"PRAGMA busy_timeout = {int(self.busy_timeout * 1000)}")
            log.info("another program is writing to %s; waiting up to %.0f s", self.path,
                     self.busy_timeout)  # fmt: skip
        await conn.execute("BEGIN IMMEDIATE")

    @asynccontextmanager
    async def transaction(self) -> AsyncIterator[aiosqlite.Connection]:
        """BEGIN IMMEDIATE … COMMIT, rolled back on any error. SQLite errors (locked,
        read-only, disk full, corrupt) become one-line StoreErrors; nothing half-written
        is ever committed."""
        conn = self._conn
        async with self._one_transaction:
            try:
                await self._begin()
            except sqlite3.Error as exc:
                raise StoreError(f"cannot write to database {self.path}: {exc}") from None
            try:
                yield conn
                await conn.execute("COMMIT")
            except BaseException as exc:
                with suppress(sqlite3.Error):  # SQLite may have rolled back already
                    await conn.execute("ROLLBACK")
                if isinstance(exc, sqlite3.Error):
                    raise StoreError(f"cannot write to database {self.path}: {exc}") from None
                raise

    @asynccontextmanager
    async def snapshot(self) -> AsyncIterator[None]:
        """A read transaction: the reads inside see one committed state of the database,
        whatever other processes commit meanwhile (WAL readers never wait for writers)."""
        async with self._one_transaction:
            await self._conn.execute("BEGIN")
            try:
                yield
            finally:
                with suppress(sqlite3.Error):
                    await self._conn.execute("ROLLBACK")

    async def _found(self) -> _Found:
        app, version, objects, names, columns = _FOUND_SQL
        tables = {}
        async with self._conn.execute(names) as cur:
            for (name,) in await cur.fetchall():
                async with self._conn.execute(columns, (name,)) as cols:
                    tables[str(name)] = tuple(str(r[0]) for r in await cols.fetchall())
        return _Found(
            application_id=await self._scalar(app),
            version=await self._scalar(version),
            objects=await self._scalar(objects),
            tables=tables,
        )

    async def _migrate(self) -> None:
        # One read transaction, so that every query of _found() sees the same database:
        # another articlebot may commit a new schema between two of them.
        await self._conn.execute("BEGIN")
        try:
            found = await self._found()
        finally:
            await self._conn.execute("COMMIT")
        if _upgrade_from(found, self.path) == SCHEMA_VERSION:
            return
        async with self.transaction():
            # Again under the write lock: another articlebot may have just done it.
            version = _upgrade_from(await self._found(), self.path)
            if version == 0:
                await self._create()
                return
            if version == 1:
                await self._upgrade_from_1()
            if version <= 2:
                await self._upgrade_from_2()

    async def _create_feature_tables(self) -> None:
        statements = [t for t in _FEATURE_SCHEMA.split(";\n") if t.strip()]
        if not statements:
            return
        wanted = {t.split("EXISTS", 1)[1].split("(", 1)[0].strip() for t in statements
                  if t.lstrip().upper().startswith("CREATE TABLE")}  # fmt: skip
        async with self._conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'") as cur:
            have = {str(r[0]) for r in await cur.fetchall()}
        if wanted <= have:
            return  # nothing to write: a read-only or busy database stays untouched
        async with self.transaction() as conn:
            for statement in statements:
                await conn.execute(statement)

    async def _upgrade_from_2(self) -> None:
        """Version 2 → 3: the tables of sentence and paragraph vectors, empty (the vector
        worker fills them in the background; answers rank lexically until then)."""
        for statement in _VECTOR_TABLES.split(";\n"):
            if statement.strip():
                await self._conn.execute(statement)
        await self._conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")

    async def _create(self) -> None:
        conn = self._conn
        for statement in _SCHEMA.split(";\n"):
            if statement.strip():
                await conn.execute(statement)
        await self._stamp(last_sentence_id=0)

    async def _stamp(self, last_sentence_id: int) -> None:
        """What every database since version 2 has besides its tables; part of the migration's
        transaction, like the version bump (both pragmas write the header page)."""
        await self._conn.executemany(
            "INSERT INTO meta (key, value) VALUES (?, ?)",
            [("id_key", secrets.token_hex(16)), ("last_sentence_id", str(last_sentence_id))],
        )
        await self._conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
        await self._conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")

    async def _upgrade_from_1(self) -> None:
        """Version 1 → 2: mark the file as articlebot's, keep sentence ids from being reused,
        and give every server article a keyed suffix (version 1 ids revealed whether other
        servers held an article of the same title and date)."""
        conn = self._conn
        last = await self._scalar("SELECT MAX(id) FROM sentences")
        await conn.execute("DELETE FROM meta WHERE key IN ('id_key', 'last_sentence_id')")
        await self._stamp(last_sentence_id=last)
        key = bytes.fromhex(await self.get_meta("id_key") or "")
        await conn.execute("PRAGMA defer_foreign_keys = ON")  # until COMMIT, this transaction
        async with conn.execute(
            "SELECT id, guild_id, source FROM articles WHERE guild_id IS NOT NULL ORDER BY id"
        ) as cur:
            rows = list(await cur.fetchall())
        for old, guild_id, source in rows:
            new = await self._free_id(_server_ids(str(old)[:60], int(guild_id), source, key))
            for table, column in (("articles", "id"), ("sentences", "article_id"),
                                  ("entities", "article_id")):  # fmt: skip
                await conn.execute(f"UPDATE {table} SET {column} = ? WHERE {column} = ?",
                                   (new, old))  # fmt: skip

    async def _scalar(self, sql: str, params: Sequence[object] = ()) -> int:
        async with self._conn.execute(sql, params) as cur:
            row = await cur.fetchone()
        return int(row[0]) if row and row[0] is not None else 0

    @_reads
    async def rows(self, sql: str, params: Sequence[object] = ()) -> list[tuple[Any, ...]]:
        """The rows of one read query, in portable SQL (``?`` placeholders): the way the
        features beside the library (settings, feedback, feeds) read their tables. Writes go
        through ``async with store.transaction() as tx: await tx.execute(sql, params)``."""
        async with self._conn.execute(sql, params) as cur:
            return [tuple(r) for r in await cur.fetchall()]

    @_reads
    async def change_token(self) -> int:
        """A number that changes whenever another process commits to the database, and not
        for this connection's own commits (SQLite's ``PRAGMA data_version``)."""
        return await self._scalar("PRAGMA data_version")

    async def wait_for_change(
        self, token: int | None, timeout: float, poll: float = CHANGE_POLL
    ) -> int:
        """The change token once it differs from ``token``, or as it is after ``timeout``
        seconds; SQLite tells nobody, so it looks every ``poll`` seconds."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        while True:
            now = await self.change_token()
            remaining = deadline - loop.time()
            if now != token or remaining <= 0:
                return now
            await asyncio.sleep(min(remaining, poll))

    @_reads
    async def table_columns(self, table: str) -> tuple[str, ...]:
        """A table's column names in order (``articlebot migrate`` copies by them)."""
        rows = await self.rows("SELECT name FROM pragma_table_info(?)", (table,))
        return tuple(str(r[0]) for r in rows)

    @_reads
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

    @_reads
    async def article_ids(self) -> set[str]:
        async with self._conn.execute("SELECT id FROM articles") as cur:
            return {row[0] for row in await cur.fetchall()}

    @_reads
    async def refresh_vocabulary(self) -> int:
        """Add the terms other processes stored since this one last looked; the size.

        Term ids are allocated by the database, so what another process added continues
        this copy exactly (:meth:`Vocabulary.merge` checks it)."""
        async with self._conn.execute(
            "SELECT id, term FROM terms WHERE id >= ? ORDER BY id", (len(self.vocabulary),)
        ) as cur:
            rows = [(int(r[0]), str(r[1])) for r in await cur.fetchall()]
        try:
            self.vocabulary.merge(rows)
        except ValueError as exc:
            raise StoreError(f"database {self.path} is inconsistent: {exc}") from None
        return len(self.vocabulary)

    async def replace_articles(self, items: Sequence[ArticleWrite]) -> list[Written]:
        """Store many articles in one transaction (all or none): their ids and sentence ids.

        Everything that must be unique is chosen here, under the write lock, from what the
        database holds, never from what this process remembers (another process may have
        written since): new terms continue the stored ones, sentence ids continue the
        highest ever stored, and an article keeps the id of the stored article with the
        same source in the same scope (server, or shared), which it replaces, or else
        gets the first free id for its name. Nothing of another scope is ever replaced.
        """
        known = len(self.vocabulary)
        try:
            async with self.transaction() as conn:
                known = await self.refresh_vocabulary()
                next_id = await self._next_sentence_id()
                written = []
                for item in items:
                    written.append(await self._write(item, next_id))
                    next_id += len(item.sentences)
                await conn.executemany(
                    "INSERT INTO terms (id, term) VALUES (?, ?)",
                    [(known + i, t) for i, t in enumerate(self.vocabulary.terms[known:])],
                )
                await conn.execute(
                    "UPDATE meta SET value = ? WHERE key = 'last_sentence_id'", (str(next_id - 1),)
                )
                await self._bump_version()
        except BaseException:
            self.vocabulary.truncate(known)
            raise
        return written

    async def _next_sentence_id(self) -> int:
        """One more than any sentence id ever stored: an id that a process still holds for
        a removed sentence never comes back as another article's sentence."""
        floor = int(await self.get_meta("last_sentence_id") or 0)
        return max(floor, await self._scalar("SELECT MAX(id) FROM sentences")) + 1

    async def _free_id(self, candidates: Iterator[str]) -> str:
        for candidate in candidates:
            if not await self._scalar("SELECT 1 FROM articles WHERE id = ?", (candidate,)):
                return candidate
        raise AssertionError("the candidate ids are endless")

    async def _write(self, item: ArticleWrite, first: int) -> Written:
        conn, doc = self._conn, item.doc
        async with conn.execute(
            "SELECT id FROM articles WHERE source = ? AND guild_id IS ? ORDER BY added_at, id",
            (doc.source, item.guild_id),
        ) as cur:
            same = await cur.fetchone()
        if same is not None:
            article_id = str(same[0])
            await conn.execute("DELETE FROM articles WHERE id = ?", (article_id,))
        elif item.guild_id is None:
            article_id = await self._free_id(_shared_ids(item.name, doc.source))
        else:
            ids = _server_ids(item.name, item.guild_id, doc.source, self._id_key)
            article_id = await self._free_id(ids)
        await conn.execute(
            "INSERT INTO articles (id, guild_id, title, date, url, source, text, body_start,"
            " added_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (article_id, item.guild_id, doc.title, doc.date, doc.url, doc.source, doc.text,
             doc.body_start, dt.datetime.now(dt.UTC).isoformat(timespec="seconds")),
        )  # fmt: skip

        rows_of = functools.partial(sentence_rows, self.vocabulary, item, first, article_id)
        rows = rows_of() if self.offload is None else await self.offload(rows_of)
        await conn.executemany(
            "INSERT INTO sentences (id, article_id, paragraph, number, start, end, text,"
            " term_ids, speaker) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            rows,
        )
        await conn.executemany(
            "INSERT OR REPLACE INTO entities (article_id, name, roles) VALUES (?, ?, ?)",
            [(article_id, name, roles) for name, roles in item.entities],
        )
        return Written(article_id, [r[0] for r in rows])

    async def delete_article(self, article_id: str, guild_id: int | None) -> bool:
        """Delete an article of one scope; an article of that id in another scope (this
        process's memory may be out of date) is never touched."""
        async with self.transaction() as conn:
            cur = await conn.execute(
                "DELETE FROM articles WHERE id = ? AND guild_id IS ?", (article_id, guild_id)
            )
            await self._bump_version()
            return cur.rowcount > 0

    # --- change tokens: how other processes notice a change ------------------------------

    async def _bump_version(self) -> None:
        """Count a library change, inside its write transaction (so the count and the
        change commit together); ``last_write`` says what it counted from and to."""
        before = int(await self.get_meta("library_version") or 0)
        await self._conn.execute(
            "INSERT INTO meta (key, value) VALUES ('library_version', ?)"
            " ON CONFLICT(key) DO UPDATE SET value = excluded.value",
            (str(before + 1),),
        )
        self.last_write = (before, before + 1)

    @_reads
    async def library_version(self) -> int:
        """How many library changes (adds, replacements, removals) the database has
        committed: the same number in every process, so one that holds less is behind."""
        return int(await self.get_meta("library_version") or 0)

    @_reads
    async def data_version(self) -> int:
        """A number that changes when another connection commits: cheap enough to poll
        several times a second (SQLite's ``PRAGMA data_version``)."""
        return await self._scalar("PRAGMA data_version")

    @_reads
    async def article_versions(self) -> dict[str, StoredVersion]:
        """Every article's scope and version: what a process compares its memory with."""
        sql = (
            "SELECT a.id, a.guild_id, (SELECT s.id FROM sentences s WHERE s.article_id = a.id"
            " ORDER BY s.number LIMIT 1) FROM articles a"
        )
        async with self._conn.execute(sql) as cur:
            return {
                str(r[0]): StoredVersion(r[1], int(r[2]))
                for r in await cur.fetchall()
                if r[2] is not None
            }

    @_reads
    async def articles(self, ids: Collection[str] | None = None) -> list[Article]:
        """Every article, or those of ``ids`` (as everywhere below)."""
        sql = (
            "SELECT a.id, a.title, a.source, a.date, a.url, a.guild_id, COUNT(s.id)"
            " FROM articles a LEFT JOIN sentences s ON s.article_id = a.id"
            f"{_among('a.id', ids)} GROUP BY a.id ORDER BY a.date IS NULL, a.date, a.id"
        )
        async with self._conn.execute(sql, _ids_param(ids)) as cur:
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

    @_reads
    async def entities(self, ids: Collection[str] | None = None) -> list[tuple[str, str, str]]:
        """(article id, name, role words) of every stored entity."""
        sql = f"SELECT article_id, name, roles FROM entities{_among('article_id', ids)}"
        async with self._conn.execute(sql, _ids_param(ids)) as cur:
            return [(str(r[0]), str(r[1]), str(r[2])) for r in await cur.fetchall()]

    @_reads
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

    def open_reader(self) -> sqlite3.Connection | None:
        """A new read-only connection for a thread of the caller's own (None for an
        in-memory database, or when the file cannot be opened so)."""
        if self.path == ":memory:":
            return None
        try:
            uri = Path(self.path).resolve().as_uri() + "?mode=ro"
            reader = sqlite3.connect(uri, uri=True, check_same_thread=False)
            reader.execute("PRAGMA busy_timeout = 100")
        except sqlite3.Error:
            return None
        return reader

    _QUOTE_COLUMNS = "id, article_id, paragraph, number, start, end, text, speaker"

    def quoted_sentences(
        self, reader: sqlite3.Connection, ids: Sequence[int]
    ) -> dict[int, tuple[str, Sentence]]:
        """(article id, sentence) by id, read with ``reader`` on the calling thread: what
        a quote shows, without the terms. sqlite3.Error is the caller's to handle."""
        if not ids:
            return {}
        marks = ",".join("?" * len(ids))
        sql = f"SELECT {self._QUOTE_COLUMNS} FROM sentences WHERE id IN ({marks})"
        return {
            int(r[0]): (
                str(r[1]),
                Sentence(
                    paragraph=int(r[2]),
                    number=int(r[3]),
                    start=int(r[4]),
                    end=int(r[5]),
                    text=str(r[6]),
                    speaker=None if r[7] is None else str(r[7]),
                ),
            )
            for r in reader.execute(sql, list(ids)).fetchall()
        }

    @_reads
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

    @_reads
    async def load_all(
        self, batch: int = 50_000, ids: Collection[str] | None = None
    ) -> LoadedSentences:
        """Every sentence's id, article, paragraph, speakers and term ids, as arrays (of
        the articles of ``ids`` only, if given)."""
        only, sentence_ids = ids, list[int]()
        articles: list[str] = []
        paragraphs: list[int] = []
        blobs: list[bytes] = []
        speakers: list[tuple[int, str, str]] = []
        sql = ("SELECT id, article_id, paragraph, term_ids, speaker FROM sentences"
               f"{_among('article_id', only)} ORDER BY id")  # fmt: skip
        async with self._conn.execute(sql, _ids_param(only)) as cur:
            while rows := await cur.fetchmany(batch):
                for sid, article_id, paragraph, blob, speaker in rows:
                    sentence_ids.append(sid)
                    articles.append(article_id)
                    paragraphs.append(paragraph)
                    blobs.append(blob)
                    if speaker:
                        speakers.append((sid, article_id, speaker))
        lengths = np.fromiter(map(len, blobs), dtype=np.int64, count=len(blobs)) // 4
        return LoadedSentences(
            ids=np.array(sentence_ids, dtype=np.int64),
            article_ids=articles,
            paragraphs=np.array(paragraphs, dtype=np.int64),
            lengths=lengths,
            tokens=np.frombuffer(b"".join(blobs), dtype="<i4").astype(np.int32),
            speakers=speakers,
        )

    @_reads
    async def has_vectors(self) -> bool:
        """Whether any sentence vector is stored (of any model version)."""
        return bool(await self._scalar("SELECT EXISTS (SELECT 1 FROM sentence_vectors)"))

    @_reads
    async def sentence_count(self) -> int:
        return await self._scalar("SELECT COUNT(*) FROM sentences")

    @_reads
    async def sentence_ids(self, article_id: str) -> list[int]:
        async with self._conn.execute(
            "SELECT id FROM sentences WHERE article_id = ? ORDER BY number", (article_id,)
        ) as cur:
            return [int(r[0]) for r in await cur.fetchall()]

    async def integrity_check(self) -> str:
        async with self._conn.execute("PRAGMA integrity_check") as cur:
            row = await cur.fetchone()
        return str(row[0]) if row else "no answer"
