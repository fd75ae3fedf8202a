"""How one bot process is doing, for operators running several (docs/scaling.md): a health
line in the log every few minutes and in ``/articles stats``, and a start that waits out a
database that is briefly unavailable instead of failing at once."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable

from index.library import Library
from index.store import StoreError

from .config import Config

log = logging.getLogger("articlebot.health")

START_ATTEMPTS = 5  # opening the database: tries in all, the waits doubling from FIRST_WAIT
FIRST_WAIT = 1.0  # seconds: 1 + 2 + 4 + 8 = 15 s of waiting at most


def process_line(config: Config, library: Library) -> str:
    """One line on this process: shard slice, servers and sentences held, library version
    and how far behind the database it is."""
    held = library.held()
    lag = library.lag
    behind = f", {lag:.1f} s behind" if lag else ", current"
    return (
        f"shards {config.shard_slice}, {held.servers:,} servers, {held.articles:,} articles, "
        f"{held.sentences:,} sentences, library version {library.version}{behind}"
    )


async def open_with_retries(
    open_library: Callable[[], Awaitable[Library]],
    attempts: int = START_ATTEMPTS,
    first_wait: float = FIRST_WAIT,
) -> Library:
    """``open_library()``, tried again while the database is only briefly unavailable
    (``StoreError.transient``), each wait twice the last; then its one-line error, saying
    how long it was tried."""
    wait = first_wait
    for attempt in range(1, attempts + 1):
        try:
            return await open_library()
        except StoreError as exc:
            if not exc.transient:
                raise
            if attempt == attempts:
                raise StoreError(f"{exc} (still, after {attempts} attempts)") from None
            log.warning("%s; trying again in %.0f s (attempt %d of %d)", exc, wait, attempt + 1,
                        attempts)  # fmt: skip
        await asyncio.sleep(wait)
        wait *= 2
    raise AssertionError("unreachable")
