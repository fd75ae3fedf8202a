"""PostgreSQL storage through asyncpg: the library of index/store.py, shared by processes on
several machines.

The same tables, the same meaning and the same rules as the SQLite file: one transaction per
change, every id chosen by the database inside the write transaction, only an empty database
or articlebot's own is ever changed. SQLite's single writer (BEGIN IMMEDIATE) becomes one
transaction-scoped advisory lock that every writer takes first, so the id allocation of
index/store.py carries over unchanged; reads never take it. The schema version lives in the
one-row table ``articlebot_schema``, which is also what marks a database as articlebot's.

Every library change also bumps the counter ``meta.library_version`` and sends it with
NOTIFY on the channel ``articlebot_library``, both inside the change's transaction (so both
happen on COMMIT or not at all): what :meth:`PgStore.change_token` reads and
:meth:`PgStore.wait_for_change` wakes on, so that other processes notice.
"""

from __future__ import annotations

import asyncio
import contextvars
import datetime as dt
import functools
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
from typing import Any, Concatenate, ParamSpec, TypeVar
from urllib.parse import urlsplit

import asyncpg
import asyncpg.transaction
import numpy as np

from . import store as sqlite_store
from .models import Article, Document, Sentence
from .portable_sql import pg_ddl, pg_sql
from .store import (
    _SCHEMA,
    APPLICATION_ID,
    BUSY_TIMEOUT,
    SCHEMA_VERSION,
    ArticleWrite,
    LoadedSentences,
    StoredSentence,
    StoredVersion,
    StoreError,
    Written,
    _server_ids,
    _shared_ids,
    sentence_rows,
)
from .vocabulary import Vocabulary

SCHEMES = ("postgresql", "postgres")
CHANGES_CHANNEL = "articlebot_library"
CONNECT_TIMEOUT = 10.0  # seconds to reach the server before saying it is unreachable
POOL_SIZE = 4  # connections per process: reads beside one write transaction
POLL = 1.0  # seconds between looks for changes when no NOTIFY came
LISTEN_ATTEMPTS = 5  # tries to (re)open the LISTEN connection, the waits doubling from 1 s
LISTEN_RETRY = 60.0  # seconds between further tries once those are spent

_SCHEMA_TABLE = """
CREATE TABLE IF NOT EXISTS articlebot_schema (
    application_id BIGINT NOT NULL,
    version        INTEGER NOT NULL
)"""

# What may go wrong talking to the server, besides SQL errors: a dropped connection (which
# asyncpg may also report as an InternalClientError when it drops mid-query), a timeout, a
# refused socket.
_FAILURES = (asyncpg.PostgresError, asyncpg.InterfaceError, asyncpg.InternalClientError,
             OSError, asyncio.TimeoutError)  # fmt: skip

# Errors that mean the connection, not the query, failed.
_CONNECTION_LOST = (
    asyncpg.InterfaceError,
    asyncpg.InternalClientError,
    asyncpg.PostgresConnectionError,
    asyncpg.OperatorInterventionError,
    OSError,
)

log = logging.getLogger(__name__)


def display_url(url: str) -> str:
    """The URL without its password: what messages and /articles stats show."""
    parts = urlsplit(url)
    if parts.password is None:
        return url
    netloc = parts.netloc.rsplit("@", 1)[1]
    user = parts.username or ""
    return parts._replace(netloc=f"{user}:***@{netloc}").geturl()


def _connect_error(url: str, exc: BaseException) -> StoreError:
    """One line for every way the first connection fails."""
    parts = urlsplit(url)
    where = f"{parts.hostname or 'localhost'}:{parts.port or 5432}"
    user = parts.username or "(default user)"
    dbname = parts.path.lstrip("/") or user
    reason = " ".join(str(exc).split()) or type(exc).__name__
    if isinstance(
        exc, asyncpg.InvalidPasswordError | asyncpg.InvalidAuthorizationSpecificationError
    ):
        return StoreError(f"PostgreSQL at {where} refused user {user}: {reason}")
    if isinstance(exc, asyncpg.InvalidCatalogNameError):
        return StoreError(f"PostgreSQL at {where} has no database {dbname}: create it first")
    if isinstance(exc, OSError | asyncio.TimeoutError | asyncpg.CannotConnectNowError):
        # Refused, timed out, or "the database system is starting up": it may be up soon.
        return StoreError(f"cannot reach the PostgreSQL server at {where}: {reason}", True)
    if isinstance(exc, ValueError | asyncpg.ClientConfigurationError):
        return StoreError(f"invalid database URL {display_url(url)}: {reason}")
    return StoreError(f"cannot use database {display_url(url)}: {reason}")


@dataclass
class PgCursor:
    """What a statement in a transaction gives back, like an SQLite cursor: its rows (for a
    query or RETURNING) and how many rows it changed."""

    rows: list[tuple[Any, ...]]
    rowcount: int

    async def fetchone(self) -> tuple[Any, ...] | None:
        return self.rows[0] if self.rows else None

    async def fetchall(self) -> list[tuple[Any, ...]]:
        return list(self.rows)


class PgTransaction:
    """The portable write API inside ``async with store.transaction() as tx``: the same SQL
    text as on SQLite (``?`` placeholders)."""

    def __init__(self, conn: asyncpg.Connection) -> None:
        self.conn = conn
        self.library_changed = False

    async def execute(self, sql: str, params: Sequence[object] = ()) -> PgCursor:
        text = pg_sql(sql)
        head = text.lstrip().split(None, 1)[0].upper() if text.strip() else ""
        if head in ("SELECT", "WITH", "VALUES") or " RETURNING " in text.upper():
            rows = await self.conn.fetch(text, *params)
            return PgCursor([tuple(r) for r in rows], len(rows))
        status = await self.conn.execute(text, *params)
        count = status.rsplit(" ", 1)[-1]
        return PgCursor([], int(count) if count.isdigit() else -1)

    async def executemany(self, sql: str, params: Sequence[Sequence[object]]) -> None:
        if params:
            await self.conn.executemany(pg_sql(sql), [tuple(p) for p in params])


P = ParamSpec("P")
R = TypeVar("R")


def _reads(
    method: Callable[Concatenate[PgStore, P], Coroutine[Any, Any, R]],
) -> Callable[Concatenate[PgStore, P], Coroutine[Any, Any, R]]:
    """Server and connection errors of a read become one-line StoreErrors."""

    @functools.wraps(method)
    async def read(self: PgStore, /, *args: P.args, **kwargs: P.kwargs) -> R:
        try:
            try:
                return await method(self, *args, **kwargs)
            except _CONNECTION_LOST:
                if self._held.get() is not None:
                    raise  # inside a transaction: its connection is gone, and so is it
                # An idle pooled connection that died (a server restart): a read is safe
                # to run again, on a new connection.
                return await method(self, *args, **kwargs)
        except _FAILURES as exc:
            raise StoreError(
                f"cannot read database {self.path}: {_one_line(exc)}", _transient(exc)
            ) from None

    return read


def _transient(exc: BaseException) -> bool:
    """Whether a failure may pass by itself: the server unreachable, restarting or starting
    up (the connection, not the query, failed)."""
    return isinstance(exc, (*_CONNECTION_LOST, asyncio.TimeoutError, asyncpg.CannotConnectNowError))


def _among(column: str, ids: Collection[str] | None) -> tuple[str, tuple[object, ...]]:
    """A WHERE clause keeping rows whose ``column`` is one of ``ids`` (all rows for None),
    and its parameters: the ids as one array parameter, any number of them."""
    if ids is None:
        return "", ()
    return f" WHERE {column} = ANY($1::text[])", (sorted(ids),)


def _one_line(exc: BaseException) -> str:
    return " ".join(str(exc).split()) or type(exc).__name__


class PgStore:
    """The methods and meaning of :class:`index.store.Store`, on PostgreSQL."""

    def __init__(self, pool: asyncpg.Pool, url: str, busy_timeout: float = BUSY_TIMEOUT) -> None:
        self._pool = pool
        self.url = url
        self.path = display_url(url)  # what messages and stats name; never the password
        self.busy_timeout = busy_timeout
        self.vocabulary = Vocabulary()
        self._id_key = b""
        # The connection of the transaction or snapshot this task is in: the store's own
        # reads inside it must see what it wrote, as on SQLite's single connection.
        self._held: contextvars.ContextVar[asyncpg.Connection | None] = contextvars.ContextVar(
            f"articlebot-pg-{id(self)}", default=None
        )
        self._own_changes = 0
        self._changes = ChangeListener(url, self.path)
        # The library version before and after this process's last library write, as
        # index.store.Store.last_write: whether it wrote on top of what it had loaded.
        self.last_write: tuple[int, int] = (0, 0)
        # Where a write's CPU work (encoding a large article's terms) runs, as on
        # index.store.Store: the library sets its own thread; inline without it.
        self.offload: Callable[[Callable[[], Any]], Awaitable[Any]] | None = None

    @classmethod
    async def open(cls, url: str, busy_timeout: float = BUSY_TIMEOUT) -> PgStore:
        # No standing connections (min_size=0): a pool that keeps a floor reconnects in the
        # background while the server is away and logs a traceback each time.
        pool: asyncpg.Pool | None = None
        try:
            pool = await asyncpg.create_pool(
                url, min_size=0, max_size=POOL_SIZE, timeout=CONNECT_TIMEOUT
            )
            async with pool.acquire() as conn:
                await conn.fetchval("SELECT 1")  # the login happens here
        except Exception as exc:
            if pool is not None:
                pool.terminate()
            raise _connect_error(url, exc) from None
        store = cls(pool, url, busy_timeout)
        try:
            await store._setup()
        except BaseException as exc:
            await store.close()
            if isinstance(exc, _FAILURES):
                raise StoreError(f"cannot use database {store.path}: {_one_line(exc)}") from None
            raise
        return store

    async def close(self) -> None:
        await self._changes.close()
        try:
            await asyncio.wait_for(self._pool.close(), timeout=5)
        except (TimeoutError, *_FAILURES):
            self._pool.terminate()

    # --- connections and transactions -------------------------------------------------

    @asynccontextmanager
    async def _conn(self) -> AsyncIterator[asyncpg.Connection]:
        held = self._held.get()
        if held is not None:
            yield held
            return
        async with self._pool.acquire() as conn:
            yield conn

    @asynccontextmanager
    async def transaction(self) -> AsyncIterator[PgTransaction]:
        """A write transaction under the writers' lock, rolled back on any error; server
        errors become one-line StoreErrors and nothing half-written is committed."""
        if self._held.get() is not None:
            raise RuntimeError("a store transaction is already open in this task")
        conn, inner = await self._begin("write to")
        token = self._held.set(conn)
        tx = PgTransaction(conn)
        try:
            try:
                await self._lock(conn)
                yield tx
            except BaseException:
                with suppress(*_FAILURES):
                    await inner.rollback()
                raise
            await inner.commit()
            if tx.library_changed:
                self._own_changes += 1
        except _FAILURES as exc:
            raise StoreError(
                f"cannot write to database {self.path}: {_one_line(exc)}", _transient(exc)
            ) from None
        finally:
            self._held.reset(token)
            with suppress(*_FAILURES):
                await self._pool.release(conn)

    async def _begin(
        self, doing: str, **options: Any
    ) -> tuple[asyncpg.Connection, asyncpg.transaction.Transaction]:
        """A pooled connection in a new transaction. A connection that died idle in the pool
        (the server restarted) fails at BEGIN, before anything was done: it is replaced
        once."""
        for attempt in range(2):
            try:
                conn = await self._pool.acquire()
            except _FAILURES as exc:
                raise StoreError(
                    f"cannot {doing} database {self.path}: {_one_line(exc)}", _transient(exc)
                ) from None
            inner = conn.transaction(**options)
            try:
                await inner.start()
            except BaseException as exc:
                with suppress(*_FAILURES):
                    await self._pool.release(conn)
                if attempt == 0 and isinstance(exc, _CONNECTION_LOST):
                    continue
                if isinstance(exc, _FAILURES):
                    raise StoreError(
                        f"cannot {doing} database {self.path}: {_one_line(exc)}", _transient(exc)
                    ) from None
                raise
            return conn, inner
        raise AssertionError("the second attempt returns or raises")

    async def _lock(self, conn: asyncpg.Connection) -> None:
        """The writers' lock, held until COMMIT or ROLLBACK; after waiting ``busy_timeout``
        a clear error instead of a hang."""
        if await conn.fetchval("SELECT pg_try_advisory_xact_lock($1)", APPLICATION_ID):
            return
        log.info("another program is writing to %s; waiting up to %.0f s", self.path,
                 self.busy_timeout)  # fmt: skip
        await conn.execute(f"SET LOCAL lock_timeout = {int(self.busy_timeout * 1000)}")
        try:
            await conn.execute("SELECT pg_advisory_xact_lock($1)", APPLICATION_ID)
        except asyncpg.LockNotAvailableError:
            raise StoreError(
                f"cannot write to database {self.path}: another program kept it locked for "
                f"{self.busy_timeout:.0f} s"
            ) from None
        await conn.execute("SET LOCAL lock_timeout = 0")

    @asynccontextmanager
    async def snapshot(self) -> AsyncIterator[None]:
        """A read transaction: the reads inside see one committed state of the database
        (REPEATABLE READ, read-only), on a connection of its own. As on SQLite's one
        connection, it never nests with a transaction or another snapshot of this task."""
        if self._held.get() is not None:
            raise RuntimeError("a store transaction is already open in this task")
        conn, inner = await self._begin("read", isolation="repeatable_read", readonly=True)
        token = self._held.set(conn)
        try:
            try:
                yield
            finally:
                with suppress(*_FAILURES):
                    await inner.rollback()
        finally:
            self._held.reset(token)
            with suppress(*_FAILURES):
                await self._pool.release(conn)

    # --- schema ---------------------------------------------------------------------

    async def _setup(self) -> None:
        async with self._pool.acquire() as conn:
            version, tables = await self._found(conn)
            if version > SCHEMA_VERSION:
                raise self._newer(version)
            if version == SCHEMA_VERSION and self._feature_tables() <= tables:
                pass  # nothing to write: a read-only login works too
            else:
                async with conn.transaction():
                    # Again under the writers' lock: another articlebot may have just done it.
                    await self._lock(conn)
                    version, tables = await self._found(conn)
                    if version > SCHEMA_VERSION:
                        raise self._newer(version)
                    if version == 0:
                        await self._create(conn)
                    for statement in _statements(sqlite_store._FEATURE_SCHEMA):
                        await conn.execute(pg_ddl(statement))
        self._id_key = bytes.fromhex(await self.get_meta("id_key") or "")

    def _newer(self, version: int) -> StoreError:
        return StoreError(
            f"database {self.path} has schema version {version}, newer than this "
            f"articlebot understands ({SCHEMA_VERSION}); upgrade articlebot"
        )

    @staticmethod
    def _feature_tables() -> set[str]:
        return {t.split("EXISTS", 1)[1].split("(", 1)[0].strip()
                for t in _statements(sqlite_store._FEATURE_SCHEMA)
                if t.lstrip().upper().startswith("CREATE TABLE")}  # fmt: skip

    async def _found(self, conn: asyncpg.Connection) -> tuple[int, set[str]]:
        """The schema version (0: an empty database) and the tables; a database holding
        anything but articlebot's is refused before a byte of it is written."""
        rows = await conn.fetch(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema()"
        )
        tables = {str(r[0]) for r in rows}
        if "articlebot_schema" in tables:
            row = await conn.fetchrow("SELECT application_id, version FROM articlebot_schema")
            if row is not None and row[0] == APPLICATION_ID:
                return int(row[1]), tables
        elif not tables:
            return 0, tables
        names = ", ".join(sorted(tables)[:5])
        raise StoreError(
            f"{self.path} is a PostgreSQL database of something else (tables: {names}); "
            "give articlebot its own database"
        )

    async def _create(self, conn: asyncpg.Connection) -> None:
        await conn.execute(_SCHEMA_TABLE)
        for statement in _statements(_SCHEMA):
            await conn.execute(pg_ddl(statement))
        await conn.executemany(
            "INSERT INTO meta (key, value) VALUES ($1, $2)",
            [("id_key", secrets.token_hex(16)), ("last_sentence_id", "0"),
             ("library_version", "0")],
        )  # fmt: skip
        await conn.execute(
            "INSERT INTO articlebot_schema (application_id, version) VALUES ($1, $2)",
            APPLICATION_ID,
            SCHEMA_VERSION,
        )

    async def table_columns(self, table: str) -> tuple[str, ...]:
        """A table's column names in order (``articlebot migrate`` copies by them)."""
        rows = await self.rows(
            "SELECT column_name FROM information_schema.columns"
            " WHERE table_schema = current_schema() AND table_name = ?"
            " ORDER BY ordinal_position",
            (table,),
        )
        return tuple(str(r[0]) for r in rows)

    async def reset_identities(self, tx: PgTransaction, table: str) -> None:
        """After rows were copied in with their ids, identity columns continue past them."""
        for column in await self.table_columns(table):
            sequence = await tx.conn.fetchval(
                "SELECT pg_get_serial_sequence($1, $2)", table, column
            )
            if sequence:
                await tx.conn.execute(
                    f'SELECT setval($1, COALESCE((SELECT MAX("{column}") FROM "{table}"), 0)'
                    " + 1, false)",
                    sequence,
                )

    # --- change detection -------------------------------------------------------------

    @_reads
    async def change_token(self) -> int:
        """A number that changes whenever another process commits a library change (an
        add, a replace, a remove), and not for this process's own: the stored library
        version less the changes this store committed itself."""
        async with self._conn() as conn:
            value = await conn.fetchval("SELECT value FROM meta WHERE key = 'library_version'")
        return int(value or 0) - self._own_changes

    async def wait_for_change(self, token: int | None, timeout: float, poll: float = POLL) -> int:
        """The change token once it differs from ``token``, or as it is after ``timeout``
        seconds. Woken by NOTIFY on a connection of its own (:class:`ChangeListener`), so a
        change arrives in one round trip, with a look every ``POLL`` seconds all the same;
        while that connection is lost it looks every ``poll`` seconds instead."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        while True:
            listening = await self._changes.listening()
            self._changes.notified.clear()
            now = await self.change_token()
            remaining = deadline - loop.time()
            if now != token or remaining <= 0:
                return now
            # Not wait_for: a task of its own, which the offline harness would wait for.
            with suppress(TimeoutError):
                async with asyncio.timeout(min(remaining, POLL if listening else poll)):
                    await self._changes.notified.wait()

    async def _library_changed(self, tx: PgTransaction) -> None:
        """Count a library change and tell listeners, both on COMMIT."""
        version = await tx.conn.fetchval(
            "INSERT INTO meta (key, value) VALUES ('library_version', '1')"
            " ON CONFLICT (key) DO UPDATE SET value = (meta.value::bigint + 1)::text"
            " RETURNING value"
        )
        await tx.conn.execute("SELECT pg_notify($1, $2)", CHANGES_CHANNEL, str(version))
        tx.library_changed = True
        self.last_write = (int(version) - 1, int(version))

    # --- portable reads and meta -------------------------------------------------------

    @_reads
    async def rows(self, sql: str, params: Sequence[object] = ()) -> list[tuple[Any, ...]]:
        """The rows of one read query in portable SQL (``?`` placeholders)."""
        async with self._conn() as conn:
            return [tuple(r) for r in await conn.fetch(pg_sql(sql), *params)]

    async def _scalar(self, sql: str, *params: object) -> int:
        async with self._conn() as conn:
            value = await conn.fetchval(sql, *params)
        return int(value) if value is not None else 0

    @_reads
    async def get_meta(self, key: str) -> str | None:
        async with self._conn() as conn:
            value = await conn.fetchval("SELECT value FROM meta WHERE key = $1", key)
        return None if value is None else str(value)

    async def set_meta(self, key: str, value: str) -> None:
        async with self.transaction() as tx:
            await tx.execute(
                "INSERT INTO meta (key, value) VALUES (?, ?)"
                " ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                (key, value),
            )

    # --- articles --------------------------------------------------------------------

    @_reads
    async def article_ids(self) -> set[str]:
        return {str(r[0]) for r in await self.rows("SELECT id FROM articles")}

    @_reads
    async def refresh_vocabulary(self) -> int:
        """Add the terms other processes stored since this one last looked; the size."""
        async with self._conn() as conn:
            found = await conn.fetch(
                "SELECT id, term FROM terms WHERE id >= $1 ORDER BY id", len(self.vocabulary)
            )
        try:
            self.vocabulary.merge((int(r[0]), str(r[1])) for r in found)
        except ValueError as exc:
            raise StoreError(f"database {self.path} is inconsistent: {exc}") from None
        return len(self.vocabulary)

    async def replace_articles(self, items: Sequence[ArticleWrite]) -> list[Written]:
        """Store many articles in one transaction (all or none), choosing every id under
        the writers' lock exactly as :meth:`index.store.Store.replace_articles` does."""
        known = len(self.vocabulary)
        try:
            async with self.transaction() as tx:
                known = await self.refresh_vocabulary()
                next_id = await self._next_sentence_id()
                written = []
                for item in items:
                    written.append(await self._write(tx.conn, item, next_id))
                    next_id += len(item.sentences)
                await tx.conn.executemany(
                    "INSERT INTO terms (id, term) VALUES ($1, $2)",
                    [(known + i, t) for i, t in enumerate(self.vocabulary.terms[known:])],
                )
                await tx.conn.execute(
                    "UPDATE meta SET value = $1 WHERE key = 'last_sentence_id'", str(next_id - 1)
                )
                await self._library_changed(tx)
        except BaseException:
            self.vocabulary.truncate(known)
            raise
        return written

    async def _next_sentence_id(self) -> int:
        floor = int(await self.get_meta("last_sentence_id") or 0)
        return max(floor, await self._scalar("SELECT MAX(id) FROM sentences")) + 1

    async def _free_id(self, conn: asyncpg.Connection, candidates: Iterator[str]) -> str:
        for candidate in candidates:
            if not await conn.fetchval("SELECT 1 FROM articles WHERE id = $1", candidate):
                return candidate
        raise AssertionError("the candidate ids are endless")

    async def _write(self, conn: asyncpg.Connection, item: ArticleWrite, first: int) -> Written:
        doc = item.doc
        same = await conn.fetchval(
            "SELECT id FROM articles WHERE source = $1 AND guild_id IS NOT DISTINCT FROM $2"
            ' ORDER BY added_at COLLATE "C", id COLLATE "C" LIMIT 1',
            doc.source,
            item.guild_id,
        )
        if same is not None:
            article_id = str(same)
            await conn.execute("DELETE FROM articles WHERE id = $1", article_id)
        elif item.guild_id is None:
            article_id = await self._free_id(conn, _shared_ids(item.name, doc.source))
        else:
            ids = _server_ids(item.name, item.guild_id, doc.source, self._id_key)
            article_id = await self._free_id(conn, ids)
        await conn.execute(
            "INSERT INTO articles (id, guild_id, title, date, url, source, text, body_start,"
            " added_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
            article_id, item.guild_id, doc.title, doc.date, doc.url, doc.source, doc.text,
            doc.body_start, dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        )  # fmt: skip

        rows_of = functools.partial(sentence_rows, self.vocabulary, item, first, article_id)
        rows = rows_of() if self.offload is None else await self.offload(rows_of)
        await conn.copy_records_to_table(
            "sentences",
            records=rows,
            columns=["id", "article_id", "paragraph", "number", "start", "end", "text",
                     "term_ids", "speaker"],
        )  # fmt: skip
        await conn.executemany(
            "INSERT INTO entities (article_id, name, roles) VALUES ($1, $2, $3)"
            " ON CONFLICT (article_id, name) DO UPDATE SET roles = excluded.roles",
            [(article_id, name, roles) for name, roles in item.entities],
        )
        return Written(article_id, [r[0] for r in rows])

    async def delete_article(self, article_id: str, guild_id: int | None) -> bool:
        """Delete an article of one scope; an article of that id in another scope is never
        touched."""
        async with self.transaction() as tx:
            cur = await tx.execute(
                "DELETE FROM articles WHERE id = ? AND guild_id IS ?", (article_id, guild_id)
            )
            if cur.rowcount > 0:
                await self._library_changed(tx)
            return cur.rowcount > 0

    # --- the library's version: how processes follow each other -------------------------

    @_reads
    async def library_version(self) -> int:
        """How many library changes (adds, replacements, removals) the database has
        committed: the same number in every process, so one that holds less is behind."""
        return int(await self.get_meta("library_version") or 0)

    async def data_version(self) -> int:
        """A number that changes when another process commits a library change: what the
        library's follower polls (SQLite's ``PRAGMA data_version`` on index/store.py)."""
        return await self.change_token()

    @_reads
    async def article_versions(self) -> dict[str, StoredVersion]:
        """Every article's scope and version: what a process compares its memory with."""
        async with self._conn() as conn:
            rows = await conn.fetch(
                "SELECT a.id, a.guild_id, (SELECT s.id FROM sentences s"
                " WHERE s.article_id = a.id ORDER BY s.number LIMIT 1) FROM articles a"
            )
        return {
            str(r[0]): StoredVersion(None if r[1] is None else int(r[1]), int(r[2]))
            for r in rows
            if r[2] is not None
        }

    @_reads
    async def articles(self, ids: Collection[str] | None = None) -> list[Article]:
        """Every article, or those of ``ids`` (as everywhere below)."""
        where, params = _among("a.id", ids)
        async with self._conn() as conn:
            rows = await conn.fetch(
                "SELECT a.id, a.title, a.source, a.date, a.url, a.guild_id, COUNT(s.id)"
                f" FROM articles a LEFT JOIN sentences s ON s.article_id = a.id{where}"
                ' GROUP BY a.id ORDER BY a.date IS NULL, a.date COLLATE "C", a.id COLLATE "C"',
                *params,
            )
        return [
            Article(id=r[0], title=r[1], source=r[2], date=r[3], url=r[4], guild_id=r[5],
                    sentences=int(r[6]))
            for r in rows
        ]  # fmt: skip

    @_reads
    async def entities(self, ids: Collection[str] | None = None) -> list[tuple[str, str, str]]:
        """(article id, name, role words) of every stored entity (of ``ids`` only)."""
        where, params = _among("article_id", ids)
        async with self._conn() as conn:
            rows = await conn.fetch(f"SELECT article_id, name, roles FROM entities{where}", *params)
        return [(str(r[0]), str(r[1]), str(r[2])) for r in rows]

    @_reads
    async def document(self, article_id: str) -> Document | None:
        rows = await self.rows(
            "SELECT text, source, title, date, url, body_start FROM articles WHERE id = ?",
            (article_id,),
        )
        if not rows:
            return None
        r = rows[0]
        return Document(
            text=r[0], source=r[1], title=r[2], date=r[3], url=r[4], body_start=int(r[5])
        )

    # --- sentences -------------------------------------------------------------------

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

    @_reads
    async def sentences(self, ids: Sequence[int]) -> dict[int, StoredSentence]:
        if not ids:
            return {}
        async with self._conn() as conn:
            rows = await conn.fetch(
                'SELECT id, article_id, paragraph, number, start, "end", text, term_ids,'
                " speaker FROM sentences WHERE id = ANY($1::bigint[])",
                list(ids),
            )
        return {int(r[0]): self._stored(r) for r in rows}

    @_reads
    async def load_all(
        self, batch: int = 50_000, ids: Collection[str] | None = None
    ) -> LoadedSentences:
        """Every sentence's id, article, paragraph, speakers and term ids, as arrays (of
        the articles of ``ids`` only, if given)."""
        where, params = _among("article_id", ids)
        async with self._conn() as conn:
            rows = await conn.fetch(
                "SELECT id, article_id, paragraph, term_ids, speaker FROM sentences"
                f"{where} ORDER BY id",
                *params,
            )
        sentence_ids = [int(r[0]) for r in rows]
        blobs = [bytes(r[3]) for r in rows]
        lengths = np.fromiter(map(len, blobs), dtype=np.int64, count=len(blobs)) // 4
        return LoadedSentences(
            ids=np.array(sentence_ids, dtype=np.int64),
            article_ids=[str(r[1]) for r in rows],
            paragraphs=np.array([int(r[2]) for r in rows], dtype=np.int64),
            lengths=lengths,
            tokens=np.frombuffer(b"".join(blobs), dtype="<i4").astype(np.int32),
            speakers=[(int(r[0]), str(r[1]), str(r[4])) for r in rows if r[4]],
        )

    def open_reader(self) -> sqlite3.Connection | None:
        """None: the library's thread reads quotes with an SQLite connection of its own,
        which a PostgreSQL database has no equivalent of; it reads through
        :meth:`sentences` instead."""
        return None

    def quoted_sentences(
        self, reader: sqlite3.Connection, ids: Sequence[int]
    ) -> dict[int, tuple[str, Sentence]]:
        """Never called: :meth:`open_reader` gives no reader to call it with."""
        raise TypeError("a PostgreSQL store has no SQLite reader; open_reader() returns None")

    @_reads
    async def has_vectors(self) -> bool:
        return bool(await self._scalar("SELECT EXISTS (SELECT 1 FROM sentence_vectors)"))

    @_reads
    async def sentence_count(self) -> int:
        return await self._scalar("SELECT COUNT(*) FROM sentences")

    @_reads
    async def sentence_ids(self, article_id: str) -> list[int]:
        rows = await self.rows(
            "SELECT id FROM sentences WHERE article_id = ? ORDER BY number", (article_id,)
        )
        return [int(r[0]) for r in rows]

    @_reads
    async def integrity_check(self) -> str:
        """The server keeps its own pages consistent; what is checked here is the library:
        every sentence belongs to a stored article."""
        orphans = await self._scalar(
            "SELECT COUNT(*) FROM sentences s LEFT JOIN articles a ON a.id = s.article_id"
            " WHERE a.id IS NULL"
        )
        return "ok" if orphans == 0 else f"{orphans} sentences without their article"


class ChangeListener:
    """The connection that LISTENs for library changes (NOTIFY on ``CHANGES_CHANNEL``),
    opened on first use. When it is lost (a server restart, a network cut) the waiter is
    woken at once and it is opened again: ``LISTEN_ATTEMPTS`` tries with waits doubling
    from 1 s, then one every ``LISTEN_RETRY`` seconds, so a server that stays away is not
    hammered and one that comes back is listened to again. Meanwhile the store's waiters
    poll. The loss is said in one log line, the recovery in another."""

    def __init__(self, url: str, path: str) -> None:
        self.url = url
        self.path = path
        self.notified = asyncio.Event()
        self._conn: asyncpg.Connection | None = None
        self._failures = 0
        self._next_try = 0.0
        self._said = False  # the loss (or first failure) is in the log
        self._closing = False

    async def listening(self) -> bool:
        """Whether a NOTIFY will wake the waiters: the connection is open, or it was just
        opened (again)."""
        if self._conn is not None and not self._conn.is_closed():
            return True
        loop = asyncio.get_running_loop()
        if self._closing or loop.time() < self._next_try:
            return False
        conn = None
        try:
            conn = await asyncpg.connect(self.url, timeout=CONNECT_TIMEOUT)
            await conn.add_listener(CHANGES_CHANNEL, self._on_notify)
        except _FAILURES as exc:
            if conn is not None:
                conn.terminate()
            self._failures += 1
            wait = 2.0 ** (self._failures - 1) if self._failures < LISTEN_ATTEMPTS else LISTEN_RETRY
            self._next_try = loop.time() + wait
            if not self._said:
                self._said = True
                log.warning("cannot listen for library changes on %s (%s); polling instead "
                            "until it can", self.path, _one_line(exc))  # fmt: skip
            return False
        conn.add_termination_listener(self._on_lost)
        self._conn = conn
        self._failures = 0
        if self._said:
            self._said = False
            log.info("listening for library changes on %s again", self.path)
        return True

    def _on_notify(self, *_: object) -> None:
        self.notified.set()

    def _on_lost(self, conn: asyncpg.Connection) -> None:
        """The connection closed under us: wake the waiter, which opens it again or polls."""
        if self._closing or conn is not self._conn:
            return
        self._conn = None
        if not self._said:
            self._said = True
            log.warning("lost the connection listening for library changes on %s; "
                        "polling while it is opened again", self.path)  # fmt: skip
        self.notified.set()

    async def close(self) -> None:
        self._closing = True
        conn, self._conn = self._conn, None
        if conn is not None:
            with suppress(*_FAILURES):
                await asyncio.wait_for(conn.close(), timeout=5)


def _statements(script: str) -> list[str]:
    return [s for s in script.split(";\n") if s.strip()]
