"""Which store a database location names: the one place that chooses the backend.

A file path (or ``:memory:``) is an SQLite database (index/store.py); a
``postgresql://`` URL is a PostgreSQL database (index/pg_store.py). Any other URL is
refused in one line rather than taken for a file name.
"""

from __future__ import annotations

from pathlib import Path
from typing import TypeAlias
from urllib.parse import urlsplit

from .pg_store import SCHEMES, PgStore
from .store import BUSY_TIMEOUT, Store, StoreError

AnyStore: TypeAlias = Store | PgStore


def backend_of(location: str | Path) -> str:
    """``"sqlite"`` or ``"postgresql"``; a StoreError for a URL of any other kind."""
    text = str(location)
    if "://" not in text:
        return "sqlite"
    scheme = urlsplit(text).scheme.lower()
    if scheme in SCHEMES:
        return "postgresql"
    raise StoreError(
        f"unsupported database URL {scheme}://…: give a file path (SQLite) or a postgresql:// URL"
    )


async def open_store(location: str | Path, busy_timeout: float = BUSY_TIMEOUT) -> AnyStore:
    """Open (or create) the library's database at ``location``; a StoreError if it cannot
    be used."""
    if backend_of(location) == "postgresql":
        return await PgStore.open(str(location), busy_timeout)
    return await Store.open(location, busy_timeout)
