"""Following feeds, without Discord: feeds and pages served from 127.0.0.1 by the tests."""

from __future__ import annotations

import random
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest

from index.feed_poller import DAY, FeedLimits, FeedPoller
from index.feed_store import SHARED_SCOPE
from index.feeds import (
    DEFAULT_INTERVAL,
    JITTER,
    MAX_FAILURES,
    MAX_INTERVAL,
    FeedError,
    next_poll_in,
    parse_feed,
)
from index.fetch import fetch_article
from index.library import Library

from feed_site import LAST_MODIFIED, Feed, Item, Site, serve_site
from off_the_loop import watch_parsing

GUILD, OTHER = 4200, 4300
START = 1_800_000_000


class Clock:
    def __init__(self) -> None:
        self.now = float(START)

    def __call__(self) -> float:
        return self.now

    def later(self, seconds: float) -> None:
        self.now += seconds


@pytest.fixture
async def site() -> AsyncIterator[Site]:
    async with serve_site() as s:
        s.feeds["/rss"] = Feed("rss")
        s.publish("/rss", Item("dock-strike", "Dock strike ends", "Dock workers voted to return."))
        s.publish("/rss", Item("ferry", "Ferry resumes", "The island ferry sails again.",
                               guid="ferry-1"))  # fmt: skip
        yield s


@pytest.fixture
def clock() -> Clock:
    return Clock()


def poller_for(library: Library, site: Site, clock: Clock, **limits: int) -> FeedPoller:
    return FeedPoller(library, site.policy(timeout_seconds=10), FeedLimits(**limits),
                      clock=clock, rng=random.Random(7))  # fmt: skip


def titles(library: Library, guild: int | None = GUILD) -> list[str]:
    return sorted(a.title for a in library.articles(guild) if a.guild_id == guild)


async def test_rss_entries_are_added_within_one_poll_with_the_feeds_citation(
    library: Library, site: Site, clock: Clock
) -> None:
    poller = poller_for(library, site, clock)
    feed, entries = await poller.follow(GUILD, site.url("/rss"))
    assert (feed.title, entries) == ("Harbour News", 2)
    assert titles(library) == []  # added by the poll, not by following
    [report] = await poller.poll_due()
    assert report.error is None and len(report.added) == 2
    assert titles(library) == ["Dock strike ends", "Ferry resumes"]
    article = next(a for a in library.articles(GUILD) if a.title == "Ferry resumes")
    assert (article.url, article.date, article.source) == (
        site.url("/news/ferry"), "2025-06-02", site.url("/news/ferry"))  # fmt: skip
    answer = await library.ask("Does the island ferry sail?", guild_id=GUILD)
    assert answer.quotes[0].text == "The island ferry sails again."
    assert answer.quotes[0].citation.url == site.url("/news/ferry")
    # another server sees none of it
    assert titles(library, OTHER) == []


async def test_atom_feed(library: Library, site: Site, clock: Clock) -> None:
    site.feeds["/atom"] = Feed("atom", title="Atom Harbour")
    site.publish("/atom", Item("tides", "Tides rise", "Spring tides flooded the quay."))
    poller = poller_for(library, site, clock)
    feed, _ = await poller.follow(GUILD, site.url("/atom"))
    assert feed.title == "Atom Harbour"
    await poller.poll_due()
    assert titles(library) == ["Tides rise"]
    [article] = library.articles(GUILD)
    assert (article.date, article.url) == ("2025-06-02", site.url("/news/tides"))


async def test_a_malformed_feed_is_read_as_far_as_it_goes_and_garbage_is_refused(
    library: Library, site: Site, clock: Clock
) -> None:
    whole = site.render("/rss")
    cut = whole[: whole.index(b"<item>", whole.index(b"<item>") + 1) + 20]  # second item cut
    site.raw["/broken"] = (cut.replace(b"Harbour News", b"Harbour & News"), "application/xml")
    site.raw["/garbage"] = (b"<html><body>not a feed at all</body></html>", "text/xml")
    site.raw["/page"] = (b"<html><body>a page</body></html>", "text/html")
    poller = poller_for(library, site, clock)
    _, entries = await poller.follow(GUILD, site.url("/broken"))
    assert entries == 1
    await poller.poll_due()
    assert titles(library) == ["Ferry resumes"]
    with pytest.raises(FeedError, match="not a readable RSS or Atom feed"):
        await poller.follow(GUILD, site.url("/garbage"))
    with pytest.raises(FeedError, match=r"^not a feed \(content type text/html\)$"):
        await poller.follow(GUILD, site.url("/page"))
    assert [f.url for f in await poller.store.feeds(GUILD)] == [site.url("/broken")]


def test_feed_encodings_that_are_no_web_text_encoding_are_refused() -> None:
    for label in ("punycode", "utf-7", "rot13", "base64"):
        body = f'<?xml version="1.0" encoding="{label}"?><rss version="2.0"></rss>'.encode()
        with pytest.raises(FeedError, match="unsupported encoding"):
            parse_feed(body, "http://example.org/feed")


async def test_a_feed_redirecting_to_a_private_address_is_refused(
    library: Library, site: Site, clock: Clock
) -> None:
    async with serve_site() as internal:  # allowed by no policy: an internal service
        internal.feeds["/rss"] = Feed("rss")
        site.redirects["/moved"] = internal.url("/rss")
        site.redirects["/metadata"] = "http://169.254.169.254/latest/meta-data/"
        poller = poller_for(library, site, clock)
        for path in ("/moved", "/metadata"):
            with pytest.raises(FeedError, match="private or internal address; refused"):
                await poller.follow(GUILD, site.url(path))
        assert internal.requests == []
        assert await poller.store.feeds(GUILD) == []


async def test_an_entry_pointing_at_a_private_address_is_never_fetched(
    library: Library, site: Site, clock: Clock
) -> None:
    async with serve_site() as internal:
        internal.pages["/secret"] = "<html><body><p>Secret admin page text.</p></body></html>"
        site.publish("/rss", Item("inside", "Inside job", "Nothing to see here.",
                                  link=internal.url("/secret"), content=False))  # fmt: skip
        poller = poller_for(library, site, clock)
        await poller.follow(GUILD, site.url("/rss"))
        [report] = await poller.poll_due()
        assert internal.requests == []
        assert "Inside job" not in titles(library)
        assert any("private or internal" in s for s in report.skipped)


async def test_entries_pointing_at_10_mb_pages_use_the_feeds_own_text(
    library: Library, site: Site, clock: Clock, monkeypatch: pytest.MonkeyPatch
) -> None:
    site.publish("/rss", Item("huge", "Huge page", "The regatta was cancelled by fog."), huge=True)
    site.publish("/rss", Item("huge-teaser", "Huge teaser", "Only a teaser.", content=False),
                 huge=True)  # fmt: skip
    poller = poller_for(library, site, clock)
    await poller.follow(GUILD, site.url("/rss"))
    with watch_parsing(monkeypatch) as steps:  # parsed off the loop, which keeps serving
        [report] = await poller.poll_due()
    assert steps.names() == {"parse_feed", "_decode_and_parse", "process"}, steps
    assert steps.held_the_loop() == [], steps
    [fallback] = [a for a in report.added if a.from_feed_content]
    assert fallback.article.title == "Huge page"
    assert fallback.article.source == "feed-content:" + site.url("/news/huge")
    assert fallback.article.url == site.url("/news/huge")
    assert report.skipped == [
        "Huge teaser: page not fetched (too large (over 5,242,880 bytes)) and the feed has "
        "only a teaser"
    ]
    answer = await library.ask("Why was the regatta cancelled?", guild_id=GUILD)
    assert answer.quotes[0].text == "The regatta was cancelled by fog."
    rows = await library.store.rows(
        "SELECT entry_key, outcome FROM feed_entries WHERE scope = ? ORDER BY entry_key", (GUILD,)
    )
    outcomes = dict(rows)
    assert outcomes[site.url("/news/huge")] == "feed content"
    assert outcomes[site.url("/news/dock-strike")] == "page"
    assert outcomes[site.url("/news/huge-teaser")].startswith("not added: page not fetched")


async def test_conditional_get_answered_304_adds_nothing_and_fetches_no_page(
    library: Library, site: Site, clock: Clock
) -> None:
    poller = poller_for(library, site, clock)
    await poller.follow(GUILD, site.url("/rss"))
    await poller.poll_due()
    before = len(site.requests)
    clock.later(DAY)
    [report] = await poller.poll_due()
    assert report.not_modified and report.added == []
    [(path, headers)] = site.requests[before:]
    assert path == "/rss"
    assert headers["If-None-Match"].startswith('"')
    assert headers["If-Modified-Since"] == LAST_MODIFIED
    assert len(library.articles(GUILD)) == 2


async def test_five_failures_in_a_row_pause_the_feed_with_the_reason(
    library: Library, site: Site, clock: Clock
) -> None:
    poller = poller_for(library, site, clock)
    await poller.follow(GUILD, site.url("/rss"))
    site.failing.add("/rss")
    waits = []
    for _ in range(MAX_FAILURES):
        clock.later(MAX_INTERVAL * 2)
        [report] = await poller.poll_due()
        assert report.error == "the site answered HTTP 500 Internal Server Error"
        waits.append(report.feed.next_poll - report.feed.last_polled)
    assert waits == sorted(waits) and waits[1] >= 2 * DEFAULT_INTERVAL  # backing off
    feed = report.feed
    assert feed.paused_reason == (
        "paused after 5 failures in a row (last: the site answered HTTP 500 Internal Server Error)"
    )
    hits = site.hits("/rss")
    clock.later(MAX_INTERVAL * 2)
    assert await poller.poll_due() == []  # paused: not polled any more
    assert site.hits("/rss") == hits
    site.failing.clear()
    [report] = await poller.check(GUILD)  # an admin's check retries it, and resumes it
    assert report.feed.paused_reason is None and report.feed.failures == 0
    assert len(report.added) == 2


async def test_nothing_is_added_twice(library: Library, site: Site, clock: Clock) -> None:
    # The same story in a second outlet's feed (other guid, same link), a story already in
    # the library by URL, and the same feed polled again with its cache disabled.
    site.feeds["/other"] = Feed("atom", title="Other outlet", conditional=False)
    site.feeds["/other"].items.append(Item("ferry", "Ferry sails (wire)", "x", guid="wire-77"))
    site.feeds["/rss"].conditional = False
    site.publish("/rss", Item("known", "Known story", "The lighthouse was repainted."))
    poller = poller_for(library, site, clock)
    # added by an admin, as /articles add url: does
    await library.add_document(await fetch_article(site.url("/news/known"), site.policy()), GUILD)
    await poller.follow(GUILD, site.url("/rss"))
    await poller.follow(GUILD, site.url("/other"))
    await poller.poll_due()
    clock.later(DAY)
    await poller.poll_due()
    assert sorted(a.url or "" for a in library.articles(GUILD)) == sorted(
        site.url(f"/news/{slug}") for slug in ("dock-strike", "ferry", "known")
    )
    assert site.hits("/news/ferry") == 1 and site.hits("/news/known") == 1


async def test_unfollow_stops_everything(library: Library, site: Site, clock: Clock) -> None:
    poller = poller_for(library, site, clock)
    await poller.follow(GUILD, site.url("/rss"))
    await poller.poll_due()
    assert await poller.unfollow(GUILD, site.url("/rss"))
    assert not await poller.unfollow(GUILD, site.url("/rss"))
    before = len(site.requests)
    site.publish("/rss", Item("later", "Later story", "Gulls took the pier."))
    clock.later(DAY)
    assert await poller.poll_due() == []
    assert await poller.check(GUILD) == []
    assert len(site.requests) == before
    assert "Later story" not in titles(library)


async def test_unfollow_during_a_poll_stops_the_rest_of_it(
    library: Library, site: Site, clock: Clock, monkeypatch: pytest.MonkeyPatch
) -> None:
    poller = poller_for(library, site, clock)
    await poller.follow(GUILD, site.url("/rss"))
    add = poller._add

    async def add_then_unfollow(feed: Any, entry: Any) -> Any:
        added = await add(feed, entry)
        await poller.unfollow(GUILD, site.url("/rss"))  # an admin, meanwhile
        return added

    monkeypatch.setattr(poller, "_add", add_then_unfollow)
    [report] = await poller.poll_due()
    assert len(report.added) == 1 and len(library.articles(GUILD)) == 1
    assert await poller.store.feeds(GUILD) == []  # the poll's outcome does not bring it back
    assert site.hits("/news/ferry") + site.hits("/news/dock-strike") == 1


async def test_a_restart_resumes_from_the_stored_validators_and_seen_entries(
    tmp_path: Path, site: Site, clock: Clock
) -> None:
    db = tmp_path / "restart.db"
    async with await Library.open(db) as library:
        poller = poller_for(library, site, clock)
        await poller.follow(None, site.url("/rss"))  # shared, as from the terminal
        await poller.poll_due()
    site.feeds["/rss"].conditional = False  # the next answer is the whole feed again
    site.publish("/rss", Item("new", "New story", "Fog closed the harbour mouth."))
    clock.later(DAY)
    before = len(site.requests)
    async with await Library.open(db) as library:
        poller = poller_for(library, site, clock)
        [report] = await poller.poll_due()
        assert [a.article.title for a in report.added] == ["New story"]
        assert titles(library, None) == ["Dock strike ends", "Ferry resumes", "New story"]
    feed_request = site.requests[before]
    assert feed_request[0] == "/rss"
    assert feed_request[1]["If-Modified-Since"] == LAST_MODIFIED
    assert "If-None-Match" in feed_request[1]
    assert [p for p, _ in site.requests[before + 1 :]] == ["/news/new"]


async def test_polling_never_faster_than_ttl_or_max_age(
    library: Library, site: Site, clock: Clock
) -> None:
    site.feeds["/rss"].ttl_minutes = 120
    site.feeds["/slow"] = Feed("rss", cache_control="public, max-age=10800")
    poller = poller_for(library, site, clock)
    await poller.follow(GUILD, site.url("/rss"))
    await poller.follow(GUILD, site.url("/slow"))
    reports = await poller.poll_due()
    waits = {r.feed.url: r.feed.next_poll - r.feed.last_polled for r in reports}
    assert 7200 <= waits[site.url("/rss")] <= 7200 * (1 + JITTER)
    assert 10800 <= waits[site.url("/slow")] <= 10800 * (1 + JITTER)
    clock.later(7199)
    assert await poller.poll_due() == []


def test_schedule_backoff_floor_and_jitter() -> None:
    rng = random.Random(1)
    plain = [next_poll_in(DEFAULT_INTERVAL, rng=rng) for _ in range(200)]
    assert min(plain) >= DEFAULT_INTERVAL and max(plain) <= DEFAULT_INTERVAL * (1 + JITTER)
    assert len(set(plain)) > 100  # jittered
    assert next_poll_in(60, rng=rng) >= 300  # never faster than MIN_INTERVAL
    assert next_poll_in(DEFAULT_INTERVAL, floor=3600, rng=rng) >= 3600
    backoff = [next_poll_in(DEFAULT_INTERVAL, failures=n, rng=random.Random(0)) for n in range(8)]
    assert backoff == sorted(backoff) and backoff[3] >= 8 * DEFAULT_INTERVAL
    assert max(backoff) <= MAX_INTERVAL * (1 + JITTER)


async def test_per_server_caps_on_feeds_and_articles_a_day(
    library: Library, site: Site, clock: Clock
) -> None:
    site.feeds["/rss"].conditional = False
    for i in range(3):
        site.publish("/rss", Item(f"extra-{i}", f"Extra {i}", f"Extra story number {i} ran."))
    site.feeds["/atom"] = Feed("atom")
    poller = poller_for(library, site, clock, max_feeds=1, articles_per_day=3)
    await poller.follow(GUILD, site.url("/rss"))
    with pytest.raises(FeedError, match="at most 1 feeds"):
        await poller.follow(GUILD, site.url("/atom"))
    [report] = await poller.poll_due()
    assert (len(report.added), report.left_for_later) == (3, 2)
    assert report.feed.etag is None  # the next poll must see the whole feed again
    clock.later(DAY + 1)
    [report] = await poller.poll_due()
    assert (len(report.added), report.left_for_later) == (2, 0)
    assert len(library.articles(GUILD)) == 5


async def test_retention_removes_old_feed_articles_by_the_remove_path(
    library: Library, site: Site, clock: Clock, sample_path: Path
) -> None:
    by_hand = await library.add_path(sample_path, GUILD)
    poller = poller_for(library, site, clock)
    await poller.follow(GUILD, site.url("/rss"))
    await poller.poll_due()
    clock.later(DAY + 1)
    site.publish("/rss", Item("newest", "Newest", "The tug was refloated."))
    await poller.poll_due()
    await poller.store.set_retention(GUILD, 2, None)
    removed = await poller.apply_retention(GUILD)
    assert [a.title for a in removed] == ["Dock strike ends"]
    assert titles(library) == sorted(["Ferry resumes", "Newest", by_hand.title])
    await poller.store.set_retention(GUILD, None, 1)
    removed = await poller.apply_retention(GUILD)
    assert [a.title for a in removed] == ["Ferry resumes"]
    assert titles(library) == sorted(["Newest", by_hand.title])
    clock.later(DAY + 1)
    site.feeds["/rss"].conditional = False
    await poller.poll_due()  # removed entries stay seen: never added back
    assert titles(library) == [by_hand.title]  # and "Newest" is older than a day now


async def test_shared_feeds_add_shared_articles(library: Library, site: Site, clock: Clock) -> None:
    poller = poller_for(library, site, clock)
    feed, _ = await poller.follow(None, site.url("/rss"))
    assert feed.scope == SHARED_SCOPE and feed.guild_id is None
    await poller.poll_due()
    assert titles(library, None) == ["Dock strike ends", "Ferry resumes"]
    assert {a.guild_id for a in library.articles(GUILD)} == {None}
