"""Following feeds: follow, poll politely, add each new entry's article to the library.

Every feed and every article page goes through :mod:`index.fetch`'s guards (the same as
``/articles add``); feeds are parsed on the fetch module's parse worker and articles are
analysed on the library's ingest thread, never on the event loop or its default executor.
Each entry is added through :meth:`Library.add_document` and removed (retention) through
:meth:`Library.remove`, the paths of ``/articles add`` and ``/articles remove``.

What must happen once (a poll of a feed, the adding of an entry) is claimed in the
database first (:mod:`index.feed_store`), so the bot and ``articlebot feeds check`` in a
terminal can poll one database at once without adding anything twice, and a restarted
process resumes from the stored ETag, Last-Modified and seen entries.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import random
import time
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from functools import partial

from aiohttp.abc import AbstractResolver

from .feed_store import Feed, FeedStore, scope_of
from .feeds import (
    DEFAULT_INTERVAL,
    MAX_FAILURES,
    FeedEntry,
    FeedError,
    ParsedFeed,
    max_age,
    next_poll_in,
    parse_feed,
)
from .fetch import PARSE_EXECUTOR, FetchError, FetchPolicy, fetch_article, fetch_feed
from .ingest import IngestError
from .library import Library, UnknownArticle
from .models import Article, Document
from .store import StoreError

log = logging.getLogger(__name__)

DAY = 24 * 60 * 60
LEASE = 15 * 60  # a poll that crashed is retried after this
MAX_ERROR_CHARS = 300


@dataclass(frozen=True)
class FeedLimits:
    """Per-server caps, so that one server's feeds cannot fill the library or keep the
    bot fetching."""

    max_feeds: int = 20
    articles_per_day: int = 100
    interval: int = DEFAULT_INTERVAL  # a new feed's polling interval, in seconds


@dataclass(frozen=True)
class Added:
    """An article a feed added: what an announcement says."""

    feed: Feed
    article: Article
    from_feed_content: bool  # the page could not be fetched: the feed's own text was used


@dataclass
class PollReport:
    feed: Feed  # as stored after the poll
    added: list[Added] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)  # one line each: entries not added
    not_modified: bool = False
    error: str | None = None
    left_for_later: int = 0  # entries over the daily cap, taken at a later poll
    busy: bool = False  # another process was polling it


class FeedPoller:
    """One per process (the bot's cog, or ``articlebot feeds``)."""

    def __init__(
        self,
        library: Library,
        policy: FetchPolicy,
        limits: FeedLimits | None = None,
        *,
        clock: Callable[[], float] = time.time,
        resolver: AbstractResolver | None = None,
        rng: random.Random | None = None,
    ) -> None:
        self.library = library
        self.policy = policy
        self.limits = limits or FeedLimits()
        self.store = FeedStore(library.store)
        self._clock = clock
        self._resolver = resolver  # tests only: the system resolver otherwise
        self._rng = rng or random.Random()
        self._lock = asyncio.Lock()  # one poll at a time in a process: polite, and simple

    def now(self) -> int:
        return int(self._clock())

    # --- following -------------------------------------------------------------------

    async def follow(self, guild_id: int | None, url: str) -> tuple[Feed, int]:
        """Check that ``url`` is a feed that may be fetched and follow it; its entries are
        added at the next poll (it is due at once). Returns the feed and its entry count.
        Raises FeedError with a one-line reason."""
        scope = scope_of(guild_id)
        url = url.strip()
        if await self.store.get(scope, url) is not None:
            raise FeedError("that feed is already followed here")
        if await self.store.count(scope) >= self.limits.max_feeds:
            raise FeedError(f"at most {self.limits.max_feeds} feeds can be followed; "
                            "unfollow one first")  # fmt: skip
        try:
            download = await fetch_feed(url, self.policy, resolver=self._resolver)
        except FetchError as exc:
            raise FeedError(str(exc)) from None
        parsed = await self._parse(download.body, url, download.charset)
        now = self.now()
        feed = Feed(
            scope=scope, url=url, title=parsed.title, interval_seconds=self.limits.interval,
            floor_seconds=_floor(parsed, download.cache_control), next_poll=now,
        )  # fmt: skip
        if not await self.store.follow(feed, now):
            raise FeedError("that feed is already followed here")
        return feed, len(parsed.entries)

    async def unfollow(self, guild_id: int | None, url: str) -> bool:
        """Stop following; articles already added stay (``/articles remove`` removes them)."""
        return await self.store.unfollow(scope_of(guild_id), url)

    async def _parse(self, body: bytes, url: str, charset: str | None) -> ParsedFeed:
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(PARSE_EXECUTOR, partial(parse_feed, body, url, charset))

    # --- polling ---------------------------------------------------------------------

    async def poll_due(self) -> list[PollReport]:
        """Poll every feed whose time has come (not the paused ones)."""
        reports = []
        for feed in await self.store.due(self.now()):
            reports.append(await self.poll(feed))
        return reports

    async def check(self, guild_id: int | None) -> list[PollReport]:
        """Poll every feed of a scope now, the paused ones too: a success resumes them."""
        return [await self.poll(feed) for feed in await self.store.feeds(scope_of(guild_id))]

    async def poll(self, feed: Feed) -> PollReport:
        async with self._lock:
            if not await self.store.claim(feed, self.now() + LEASE):
                current = await self.store.get(feed.scope, feed.url)
                return PollReport(current or feed, busy=True)
            return await self._poll(feed)

    async def _poll(self, feed: Feed) -> PollReport:
        now = self.now()
        try:
            download = await fetch_feed(
                feed.url, self.policy, etag=feed.etag, last_modified=feed.last_modified,
                resolver=self._resolver,
            )  # fmt: skip
            parsed = None
            if not download.not_modified:
                parsed = await self._parse(download.body, feed.url, download.charset)
        except (FetchError, FeedError) as exc:
            return await self._failed(feed, _clip(str(exc)), now)
        report = PollReport(feed, not_modified=download.not_modified)
        floor = feed.floor_seconds
        if parsed is not None:
            floor = _floor(parsed, download.cache_control)
            await self._add_entries(feed, parsed.entries, report)
        elif max_age(download.cache_control) is not None:
            floor = max_age(download.cache_control) or 0
        keep_validators = report.left_for_later == 0  # else the next poll needs the body again
        after = replace(
            feed,
            title=parsed.title if parsed is not None else feed.title,
            etag=download.etag if keep_validators else None,
            last_modified=download.last_modified if keep_validators else None,
            floor_seconds=floor,
            next_poll=now + next_poll_in(feed.interval_seconds, floor=floor, rng=self._rng),
            failures=0, last_error=None, paused_reason=None, last_polled=now,
        )  # fmt: skip
        await self.store.polled(after)
        report.feed = after
        await self.apply_retention(feed.guild_id)
        return report

    async def _failed(self, feed: Feed, error: str, now: int) -> PollReport:
        failures = feed.failures + 1
        paused = None
        if failures >= MAX_FAILURES:
            paused = f"paused after {failures} failures in a row (last: {error})"
        after = replace(
            feed, failures=failures, last_error=error, paused_reason=paused, last_polled=now,
            next_poll=now + next_poll_in(feed.interval_seconds, floor=feed.floor_seconds,
                                         failures=failures, rng=self._rng),
        )  # fmt: skip
        await self.store.polled(after)
        log.info("feed %s failed (%d in a row): %s", feed.url, failures, error)
        return PollReport(after, error=error)

    # --- adding ----------------------------------------------------------------------

    async def _add_entries(self, feed: Feed, entries: list[FeedEntry], report: PollReport) -> None:
        scope, guild_id = feed.scope, feed.guild_id
        now = self.now()
        budget = self.limits.articles_per_day - await self.store.added_since(scope, now - DAY)
        for entry in entries:
            if await self.store.seen(scope, entry.key, entry.link):
                continue
            in_library = entry.link is not None and any(
                entry.link in (a.url, a.source) for a in self.library.articles(guild_id)
            )
            if not in_library and budget <= 0:
                report.left_for_later += 1
                continue
            if await self.store.get(scope, feed.url) is None:
                return  # unfollowed meanwhile: nothing more from this feed
            if not await self.store.claim_entry(scope, entry.key, feed.url, entry.link,
                                                entry.title, now):  # fmt: skip
                continue  # another process has it
            if in_library:
                await self.store.entry_done(scope, entry.key, None, "already in the library")
                continue
            try:
                added = await self._add(feed, entry)
            except (FeedError, IngestError, StoreError) as exc:
                reason = _clip(str(exc))
                await self.store.entry_done(scope, entry.key, None, f"not added: {reason}")
                report.skipped.append(f"{entry.title[:100]}: {reason}")
                continue
            except BaseException:
                await asyncio.shield(self.store.release_entry(scope, entry.key))
                raise
            how = "feed content" if added.from_feed_content else "page"
            await self.store.entry_done(scope, entry.key, added.article.id, how)
            report.added.append(added)
            budget -= 1

    async def _add(self, feed: Feed, entry: FeedEntry) -> Added:
        """The article page, extracted as ``/articles add`` does; else the feed's own full
        text. The feed's title, date and link are the citation's."""
        reason = "the entry has no link"
        page: Document | None = None
        if entry.link is not None:
            try:
                page = await fetch_article(entry.link, self.policy, resolver=self._resolver)
            except FetchError as exc:
                reason = str(exc)
        if page is not None:
            doc = Document(
                text=page.text, source=entry.link or entry.key, title=entry.title or page.title,
                date=entry.date or page.date, url=entry.link, body_start=page.body_start,
            )  # fmt: skip
        elif entry.full_content and entry.content:
            # The source says where the text came from ("articlebot sources" shows it).
            doc = Document(
                text=entry.content, source=f"feed-content:{entry.link or entry.key}",
                title=entry.title, date=entry.date, url=entry.link,
            )  # fmt: skip
        else:
            raise FeedError(f"page not fetched ({reason}) and the feed has only a teaser")
        article = await self.library.add_document(doc, feed.guild_id)
        return Added(feed, article, from_feed_content=page is None)

    # --- retention -------------------------------------------------------------------

    async def apply_retention(self, guild_id: int | None) -> list[Article]:
        """Remove the scope's feed articles beyond its limits (newest N, younger than D
        days), by the path of ``/articles remove``. Articles added by hand are never
        touched."""
        scope = scope_of(guild_id)
        settings = await self.store.settings(scope)
        if not settings.keep_newest and not settings.keep_days:
            return []
        held = await self.store.articles(scope)
        drop = held[settings.keep_newest :] if settings.keep_newest else []
        if settings.keep_days:
            oldest = self.now() - settings.keep_days * DAY
            drop += [a for a in held if a.seen_at < oldest and a not in drop]
        removed = []
        for item in drop:
            with contextlib.suppress(UnknownArticle):  # removed by hand already
                removed.append(await self.library.remove(item.article_id, guild_id))
            await self.store.entry_done(scope, item.entry_key, None, "removed (retention)")
        return removed


def _floor(parsed: ParsedFeed, cache_control: str | None) -> int:
    """The shortest interval the feed asks for: its ttl, or the max-age of its answer."""
    return max(parsed.ttl_seconds or 0, max_age(cache_control) or 0)


def _clip(text: str) -> str:
    return " ".join(text.split())[:MAX_ERROR_CHARS]
