"""Which store a database location names: the one place that chooses the backend.

A file path (or ``:memory:``) is an SQLite database (index/store.py); a
``postgresql://`` URL is a PostgreSQL database (index/pg_store.py). Any other URL is
refused in one line rather than taken for a file name.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Awaitable, Callable, Collection, Sequence
from contextlib import AbstractAsyncContextManager
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol, TypeAlias
from urllib.parse import urlsplit

from .models import Article, Document, Sentence
from .pg_store import SCHEMES, PgStore
from .store import (
    BUSY_TIMEOUT,
    ArticleWrite,
    LoadedSentences,
    Store,
    StoredSentence,
    StoredVersion,
    StoreError,
    Written,
)
from .vocabulary import Vocabulary

AnyStore: TypeAlias = Store | PgStore


class LibraryStore(Protocol):
    """What index/library.py needs of a store, with the meaning of index/store.py: every
    backend provides all of it (checked below), so the library runs on either unchanged."""

    path: str
    busy_timeout: float
    vocabulary: Vocabulary
    # The library version before and after this store's last library write.
    last_write: tuple[int, int]
    # Where a write's CPU work runs (the library's thread); inline when None.
    offload: Callable[[Callable[[], Any]], Awaitable[Any]] | None

    async def close(self) -> None: ...
    def snapshot(self) -> AbstractAsyncContextManager[None]: ...
    async def data_version(self) -> int: ...
    async def wait_for_change(self, token: int | None, timeout: float, poll: float) -> int: ...
    async def library_version(self) -> int: ...
    async def article_versions(self) -> dict[str, StoredVersion]: ...
    async def refresh_vocabulary(self) -> int: ...
    async def articles(self, ids: Collection[str] | None = None) -> list[Article]: ...
    async def entities(self, ids: Collection[str] | None = None) -> list[tuple[str, str, str]]: ...
    async def load_all(
        self, batch: int = 50_000, ids: Collection[str] | None = None
    ) -> LoadedSentences: ...
    async def replace_articles(self, items: Sequence[ArticleWrite]) -> list[Written]: ...
    async def delete_article(self, article_id: str, guild_id: int | None) -> bool: ...
    async def document(self, article_id: str) -> Document | None: ...
    async def sentences(self, ids: Sequence[int]) -> dict[int, StoredSentence]: ...
    async def sentence_ids(self, article_id: str) -> list[int]: ...
    async def sentence_count(self) -> int: ...
    async def has_vectors(self) -> bool: ...
    async def get_meta(self, key: str) -> str | None: ...
    async def set_meta(self, key: str, value: str) -> None: ...
    def open_reader(self) -> sqlite3.Connection | None: ...
    def quoted_sentences(
        self, reader: sqlite3.Connection, ids: Sequence[int]
    ) -> dict[int, tuple[str, Sentence]]: ...


if TYPE_CHECKING:

    def _every_backend_serves_the_library(
        sqlite: Store, postgresql: PgStore
    ) -> tuple[LibraryStore, LibraryStore]:
        return sqlite, postgresql  # mypy: both implement LibraryStore


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
