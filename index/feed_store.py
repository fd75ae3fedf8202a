"""The followed feeds, the entries seen and the per-server feed settings, in the database.

Only portable SQL (``?`` placeholders, ON CONFLICT, INTEGER and TEXT) through
:meth:`Store.rows` and :meth:`Store.transaction`, so every store backend runs it unchanged.
What must happen once however many processes poll (an entry added, a feed polled) is
claimed by a conditional write inside a transaction, never decided from memory.

A scope is a server's id, or SHARED_SCOPE (0, no Discord id) for the feeds followed from
the terminal, whose articles every server shares. Times are Unix seconds.
"""

from __future__ import annotations

from dataclasses import dataclass

from .stores import AnyStore

SHARED_SCOPE = 0

_FEED_COLUMNS = (
    "scope, url, title, etag, last_modified, interval_seconds, floor_seconds, next_poll,"
    " failures, last_error, paused_reason, last_polled"
)


@dataclass(frozen=True)
class Feed:
    scope: int
    url: str
    title: str
    etag: str | None = None
    last_modified: str | None = None
    interval_seconds: int = 0
    floor_seconds: int = 0  # what the feed itself asked (ttl, max-age)
    next_poll: int = 0
    failures: int = 0  # in a row
    last_error: str | None = None
    paused_reason: str | None = None
    last_polled: int | None = None

    @property
    def guild_id(self) -> int | None:
        """The library scope of its articles (None: shared)."""
        return None if self.scope == SHARED_SCOPE else self.scope


@dataclass(frozen=True)
class FeedSettings:
    announce_channel: int | None = None
    keep_newest: int | None = None
    keep_days: int | None = None


@dataclass(frozen=True)
class FeedArticle:
    entry_key: str
    article_id: str
    seen_at: int


def scope_of(guild_id: int | None) -> int:
    return SHARED_SCOPE if guild_id is None else guild_id


class FeedStore:
    def __init__(self, store: AnyStore) -> None:
        self.store = store

    # --- feeds -----------------------------------------------------------------------

    async def follow(self, feed: Feed, now: int) -> bool:
        """Store a new followed feed; False if the scope already follows that URL."""
        async with self.store.transaction() as tx:
            cur = await tx.execute(
                f"INSERT INTO feeds ({_FEED_COLUMNS}, added_at)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                " ON CONFLICT (scope, url) DO NOTHING",
                (feed.scope, feed.url, feed.title, feed.etag, feed.last_modified,
                 feed.interval_seconds, feed.floor_seconds, feed.next_poll, feed.failures,
                 feed.last_error, feed.paused_reason, feed.last_polled, now),
            )  # fmt: skip
            return bool(cur.rowcount)

    async def unfollow(self, scope: int, url: str) -> bool:
        async with self.store.transaction() as tx:
            cur = await tx.execute("DELETE FROM feeds WHERE scope = ? AND url = ?", (scope, url))
            return bool(cur.rowcount)

    async def feeds(self, scope: int | None = None) -> list[Feed]:
        """The feeds of one scope (None: of every scope), in the order they were followed."""
        where, params = ("WHERE scope = ?", (scope,)) if scope is not None else ("", ())
        rows = await self.store.rows(
            f"SELECT {_FEED_COLUMNS} FROM feeds {where} ORDER BY added_at, url", params
        )
        return [Feed(*r) for r in rows]

    async def get(self, scope: int, url: str) -> Feed | None:
        rows = await self.store.rows(
            f"SELECT {_FEED_COLUMNS} FROM feeds WHERE scope = ? AND url = ?", (scope, url)
        )
        return Feed(*rows[0]) if rows else None

    async def count(self, scope: int) -> int:
        rows = await self.store.rows("SELECT COUNT(*) FROM feeds WHERE scope = ?", (scope,))
        return int(rows[0][0])

    async def due(self, now: int) -> list[Feed]:
        rows = await self.store.rows(
            f"SELECT {_FEED_COLUMNS} FROM feeds WHERE next_poll <= ? AND paused_reason IS NULL"
            " ORDER BY next_poll, scope, url",
            (now,),
        )
        return [Feed(*r) for r in rows]

    async def claim(self, feed: Feed, until: int) -> bool:
        """Take the feed's next poll for this process: True for exactly one of several
        processes that saw the same ``feed.next_poll``; the others leave it alone."""
        async with self.store.transaction() as tx:
            cur = await tx.execute(
                "UPDATE feeds SET next_poll = ? WHERE scope = ? AND url = ? AND next_poll = ?",
                (until, feed.scope, feed.url, feed.next_poll),
            )
            return bool(cur.rowcount)

    async def polled(self, feed: Feed) -> None:
        """Store the outcome of a poll (a row unfollowed meanwhile stays gone)."""
        async with self.store.transaction() as tx:
            await tx.execute(
                "UPDATE feeds SET title = ?, etag = ?, last_modified = ?, floor_seconds = ?,"
                " next_poll = ?, failures = ?, last_error = ?, paused_reason = ?,"
                " last_polled = ? WHERE scope = ? AND url = ?",
                (feed.title, feed.etag, feed.last_modified, feed.floor_seconds, feed.next_poll,
                 feed.failures, feed.last_error, feed.paused_reason, feed.last_polled,
                 feed.scope, feed.url),
            )  # fmt: skip

    # --- entries ---------------------------------------------------------------------

    async def seen(self, scope: int, key: str, link: str | None) -> bool:
        """Has the scope seen this entry, by its key or by its link, from any feed?"""
        rows = await self.store.rows(
            "SELECT 1 FROM feed_entries WHERE scope = ? AND (entry_key = ? OR link = ?)",
            (scope, key, link or key),
        )
        return bool(rows)

    async def claim_entry(
        self, scope: int, key: str, feed_url: str, link: str | None, title: str, now: int
    ) -> bool:
        """Mark an entry seen before it is fetched: True for exactly one process."""
        async with self.store.transaction() as tx:
            cur = await tx.execute(
                "INSERT INTO feed_entries (scope, entry_key, feed_url, link, title, outcome,"
                " seen_at) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (scope, entry_key) DO NOTHING",
                (scope, key, feed_url, link, title, "adding", now),
            )
            return bool(cur.rowcount)

    async def entry_done(self, scope: int, key: str, article_id: str | None, outcome: str) -> None:
        async with self.store.transaction() as tx:
            await tx.execute(
                "UPDATE feed_entries SET article_id = ?, outcome = ?"
                " WHERE scope = ? AND entry_key = ?",
                (article_id, outcome, scope, key),
            )

    async def release_entry(self, scope: int, key: str) -> None:
        """Forget a claimed entry that was not handled (the process stopped), so a later
        poll takes it again."""
        async with self.store.transaction() as tx:
            await tx.execute(
                "DELETE FROM feed_entries WHERE scope = ? AND entry_key = ? AND outcome = ?",
                (scope, key, "adding"),
            )

    async def added_since(self, scope: int, since: int) -> int:
        rows = await self.store.rows(
            "SELECT COUNT(*) FROM feed_entries WHERE scope = ? AND seen_at >= ?"
            " AND article_id IS NOT NULL",
            (scope, since),
        )
        return int(rows[0][0])

    async def articles(self, scope: int) -> list[FeedArticle]:
        """The scope's articles that came from feeds and are still in the library, newest
        first."""
        rows = await self.store.rows(
            "SELECT entry_key, article_id, seen_at FROM feed_entries"
            " WHERE scope = ? AND article_id IS NOT NULL ORDER BY seen_at DESC, entry_key",
            (scope,),
        )
        return [FeedArticle(str(k), str(a), int(t)) for k, a, t in rows]

    # --- settings --------------------------------------------------------------------

    async def settings(self, scope: int) -> FeedSettings:
        rows = await self.store.rows(
            "SELECT announce_channel, keep_newest, keep_days FROM feed_settings WHERE scope = ?",
            (scope,),
        )
        return FeedSettings(*rows[0]) if rows else FeedSettings()

    async def set_announce(self, scope: int, channel: int | None) -> None:
        async with self.store.transaction() as tx:
            await tx.execute(
                "INSERT INTO feed_settings (scope, announce_channel) VALUES (?, ?)"
                " ON CONFLICT (scope) DO UPDATE SET announce_channel = excluded.announce_channel",
                (scope, channel),
            )

    async def set_retention(
        self, scope: int, keep_newest: int | None, keep_days: int | None
    ) -> None:
        async with self.store.transaction() as tx:
            await tx.execute(
                "INSERT INTO feed_settings (scope, keep_newest, keep_days) VALUES (?, ?, ?)"
                " ON CONFLICT (scope) DO UPDATE SET keep_newest = excluded.keep_newest,"
                " keep_days = excluded.keep_days",
                (scope, keep_newest, keep_days),
            )
