"""Copy a library from one database to another (SQLite → PostgreSQL, or back), verified.

Everything is copied as stored, ids, term ids, the id key and the vectors included, so the
destination answers exactly as the source did and server article ids stay what they were.
The source is read in one snapshot and the destination written in one transaction, so an
interrupted copy leaves the destination as it was. Afterwards every table is compared on
both sides by row count and a checksum of its rows in a canonical order.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from . import store as sqlite_store
from .pg_store import PgStore
from .store import StoreError
from .stores import AnyStore

# In the order foreign keys allow; the features' tables follow.
LIBRARY_TABLES = ("articles", "sentences", "terms", "entities", "meta", "sentence_vectors",
                  "paragraph_vectors")  # fmt: skip
BATCH = 5_000


@dataclass(frozen=True)
class TableCheck:
    table: str
    source_rows: int
    copied_rows: int
    source_sum: str
    copied_sum: str

    @property
    def ok(self) -> bool:
        return self.source_rows == self.copied_rows and self.source_sum == self.copied_sum

    def line(self) -> str:
        if self.ok:
            return f"{self.table}: {self.copied_rows} rows, sha256 {self.copied_sum[:16]} ok"
        return (
            f"{self.table}: MISMATCH: source {self.source_rows} rows sha256 "
            f"{self.source_sum[:16]}, copy {self.copied_rows} rows sha256 {self.copied_sum[:16]}"
        )


def tables() -> list[str]:
    features = [
        s.split("EXISTS", 1)[1].split("(", 1)[0].strip()
        for s in sqlite_store._FEATURE_SCHEMA.split(";\n")
        if s.strip().upper().startswith("CREATE TABLE")
    ]
    return [*LIBRARY_TABLES, *features]


async def migrate(source: AnyStore, destination: AnyStore) -> list[TableCheck]:
    """Copy every table of ``source`` into an empty ``destination`` library; the checks."""
    held = await destination.rows("SELECT COUNT(*) FROM articles")
    if held[0][0]:
        raise StoreError(
            f"{destination.path} already holds {held[0][0]} articles; migrate into a new database"
        )
    names = tables()
    columns = {t: await source.table_columns(t) for t in names}
    async with source.snapshot():
        async with destination.transaction() as tx:
            for table in reversed(names):  # children first
                await tx.execute(f"DELETE FROM {table}")  # the new database's own meta
            for table in names:
                rows = await _sorted_rows(source, table, columns[table])
                marks = ", ".join("?" * len(columns[table]))
                sql = f"INSERT INTO {table} ({_names(columns[table])}) VALUES ({marks})"
                for start in range(0, len(rows), BATCH):
                    await tx.executemany(sql, rows[start : start + BATCH])
                if isinstance(destination, PgStore):
                    await destination.reset_identities(tx, table)  # type: ignore[arg-type]
        return [await _check(source, destination, t, columns[t]) for t in names]


async def verify(source: AnyStore, destination: AnyStore) -> list[TableCheck]:
    """Compare every table of two libraries, as :func:`migrate` does after copying."""
    names = tables()
    return [await _check(source, destination, t, await source.table_columns(t)) for t in names]


async def _check(
    source: AnyStore, destination: AnyStore, table: str, columns: Sequence[str]
) -> TableCheck:
    a = await _sorted_rows(source, table, columns)
    b = await _sorted_rows(destination, table, columns)
    return TableCheck(table, len(a), len(b), _checksum(a), _checksum(b))


def _names(columns: Sequence[str]) -> str:
    return ", ".join(f'"{c}"' for c in columns)


async def _sorted_rows(
    store: AnyStore, table: str, columns: Sequence[str]
) -> list[tuple[Any, ...]]:
    """A table's rows in one order on every backend: sorted here, not by the database's
    collation."""
    rows = await store.rows(f"SELECT {_names(columns)} FROM {table}")
    return sorted(rows, key=lambda row: [(v is None, _normal(v)) for v in row])


def _normal(value: object) -> object:
    """One representation a value on every backend: SQLite's and PostgreSQL's drivers agree
    on int, float, str and bytes; memoryview and bool are the exceptions."""
    if isinstance(value, memoryview):
        return bytes(value)
    if isinstance(value, bool):
        return int(value)
    return value if value is not None else 0


def _checksum(rows: Sequence[tuple[Any, ...]]) -> str:
    digest = hashlib.sha256()
    for row in rows:
        digest.update(repr(tuple(_normal(v) if v is not None else None for v in row)).encode())
        digest.update(b"\n")
    return digest.hexdigest()
