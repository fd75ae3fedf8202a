"""``/feeds`` through discord.py's real code paths, offline (bot/harness/), with feeds
served from 127.0.0.1 by the tests."""

from __future__ import annotations

import asyncio
import json
import random
from collections.abc import AsyncIterator
from typing import Any, cast

import pytest

from bot.cogs.feeds import FeedsCog
from bot.config import Config
from bot.harness import OfflineBot, interaction_event, offline_bot, slash_event, snowflake
from index.feed_poller import FeedPoller
from index.fetch import FetchPolicy
from index.library import Library

from cli_helpers import Cli
from feed_site import Feed, Item, Site, serve_site
from harness_helpers import raise_errors
from off_the_loop import watch_parsing

GUILD, CHANNEL, NEWS = 4200, 111, 112
ADMIN = 1 << 5  # manage_guild


class Clock:
    now = 1_800_000_000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
async def site() -> AsyncIterator[Site]:
    async with serve_site() as s:
        s.feeds["/rss"] = Feed("rss")
        s.publish("/rss", Item("dock-strike", "Dock strike ends", "Dock workers voted to return."))
        s.publish("/rss", Item("ferry", "Ferry *resumes* @everyone", "The island ferry sails."))
        yield s


@pytest.fixture
async def harness(
    library: Library, site: Site, monkeypatch: pytest.MonkeyPatch
) -> AsyncIterator[OfflineBot]:
    def test_policy(self: Config) -> FetchPolicy:  # allow_peers: for tests, never a setting
        return site.policy(timeout_seconds=10)

    monkeypatch.setattr(Config, "fetch_policy", test_policy)
    config = Config(cooldown_seconds=0, channel_cooldown_seconds=0)
    async with offline_bot(config, library, {GUILD: [CHANNEL, NEWS]}) as h:
        cog = cog_of(h)
        cog.poll_loop.cancel()  # the tests poll when they choose (one test runs it)
        cog.poller = FeedPoller(library, site.policy(timeout_seconds=10), clock=Clock(),
                                rng=random.Random(3))  # fmt: skip
        h.api.requests.clear()
        yield h
        raise_errors(h)


def feeds(sub: str, options: list[dict[str, Any]] | None = None, *, permissions: int = ADMIN,
          guild: int | None = GUILD) -> dict[str, Any]:  # fmt: skip
    return slash_event("feeds", options, sub=sub, guild_id=guild, channel_id=CHANNEL,
                       permissions=permissions)  # fmt: skip


def url_option(url: str) -> list[dict[str, Any]]:
    return [{"type": 3, "name": "url", "value": url}]


def replies(h: OfflineBot) -> list[dict[str, Any]]:
    """The follow-up messages of the interactions (what the admin reads)."""
    return [r["json"] for r in h.requests if r["method"] == "POST" and "/webhooks/" in r["path"]]


def cog_of(h: OfflineBot) -> FeedsCog:
    """The loaded cog (load_extension runs its module afresh: not this module's class)."""
    cog = h.bot.get_cog("FeedsCog")
    assert cog is not None and type(cog).__name__ == "FeedsCog"
    return cast(FeedsCog, cog)


async def test_follow_check_list_unfollow(
    harness: OfflineBot, site: Site, library: Library
) -> None:
    await harness.feed("INTERACTION_CREATE", feeds("follow", url_option(site.url("/rss"))))
    [followed] = replies(harness)
    assert followed["flags"] & 64
    assert followed["content"] == (
        "Following Harbour News (2 entries now). New articles are added within 1 minute, "
        "then checked every 30 minutes."
    )
    await harness.feed("INTERACTION_CREATE", feeds("check"))
    assert replies(harness)[-1]["content"] == "Harbour News: 2 new articles."
    assert len(library.articles(GUILD)) == 2
    await harness.feed("INTERACTION_CREATE", feeds("list"))
    [embed] = replies(harness)[-1]["embeds"]
    assert embed["title"] == "Feeds (1)"
    assert embed["description"].startswith(
        f"**Harbour News**\n{site.url('/rss')}\nevery 30 minutes"
    )
    await harness.feed("INTERACTION_CREATE", feeds("unfollow", url_option(site.url("/rss"))))
    assert replies(harness)[-1]["content"].startswith(f"Unfollowed {site.url('/rss')}.")
    await harness.feed("INTERACTION_CREATE", feeds("check"))
    assert replies(harness)[-1]["content"] == "No feeds yet. Follow one with /feeds follow."


async def test_follow_refusals_are_one_line(harness: OfflineBot, site: Site) -> None:
    site.redirects["/moved"] = "http://10.0.0.1/rss"
    site.raw["/page"] = (b"<html><body>a page</body></html>", "text/html")
    for url, said in [
        ("ftp://example.org/rss", "Not followed: only http:// and https:// URLs can be added"),
        (site.url("/moved"), "Not followed: 10.0.0.1 is a private or internal address; refused"),
        (site.url("/page"), "Not followed: not a feed (content type text/html)"),
        ("http://[::1", "Not followed: not a valid URL"),
    ]:
        await harness.feed("INTERACTION_CREATE", feeds("follow", url_option(url)))
        assert replies(harness)[-1]["content"] == said
    assert await cog_of(harness).poller.store.feeds(GUILD) == []


@pytest.mark.parametrize("sub", ["follow", "list", "unfollow", "check", "announce", "retention"])
async def test_non_admin_is_refused_and_nothing_changes(
    harness: OfflineBot, site: Site, sub: str
) -> None:
    options = url_option(site.url("/rss")) if sub in ("follow", "unfollow") else None
    await harness.feed("INTERACTION_CREATE", feeds(sub, options, permissions=0))
    [callback] = harness.requests
    data = callback["json"]["data"]
    assert data["flags"] & 64 and "Manage Server" in data["content"]
    assert site.requests == []
    assert await cog_of(harness).poller.store.feeds(GUILD) == []


async def test_feed_commands_refused_in_direct_messages(harness: OfflineBot, site: Site) -> None:
    await harness.feed("INTERACTION_CREATE", feeds("follow", url_option(site.url("/rss")),
                                                   guild=None))  # fmt: skip
    [callback] = harness.requests
    assert "not in direct messages" in callback["json"]["data"]["content"]
    assert site.requests == []


async def test_unfollow_autocompletes_this_servers_feeds_for_admins_only(
    harness: OfflineBot, site: Site
) -> None:
    site.feeds["/atom"] = Feed("atom", title="Tide Tables")
    poller = cog_of(harness).poller
    await poller.follow(GUILD, site.url("/rss"))
    await poller.follow(GUILD, site.url("/atom"))
    await poller.follow(4300, site.url("/rss"))  # another server's: never offered

    async def complete(typed: str, permissions: int = ADMIN) -> list[dict[str, Any]]:
        data = {"id": snowflake(), "name": "feeds", "type": 1, "options": [
            {"type": 1, "name": "unfollow", "options": [
                {"type": 3, "name": "url", "value": typed, "focused": True}]}]}  # fmt: skip
        harness.api.requests.clear()
        await harness.feed("INTERACTION_CREATE", interaction_event(
            data, kind=4, guild_id=GUILD, channel_id=CHANNEL, permissions=permissions))  # fmt: skip
        [callback] = harness.requests
        assert callback["json"]["type"] == 8
        choices: list[dict[str, Any]] = callback["json"]["data"]["choices"]
        return choices

    assert [c["value"] for c in await complete("")] == [site.url("/atom"), site.url("/rss")]
    assert [c["name"] for c in await complete("tide")] == [f"Tide Tables — {site.url('/atom')}"]
    assert await complete("", permissions=0) == []


async def test_paused_feed_shows_why_in_list(harness: OfflineBot, site: Site) -> None:
    poller = cog_of(harness).poller
    clock = poller._clock
    assert isinstance(clock, Clock)
    await poller.follow(GUILD, site.url("/rss"))
    site.failing.add("/rss")
    for _ in range(5):
        clock.now += 10 * 24 * 3600
        await poller.poll_due()
    await harness.feed("INTERACTION_CREATE", feeds("list"))
    [embed] = replies(harness)[-1]["embeds"]
    assert embed["description"].endswith(
        "⏸ paused after 5 failures in a row (last: the site answered HTTP 500 Internal Server "
        "Error) · /feeds check retries it"
    )


async def test_new_articles_are_announced_without_pings(
    harness: OfflineBot, site: Site, library: Library
) -> None:
    await harness.feed("INTERACTION_CREATE", feeds("announce"))
    assert replies(harness)[-1]["content"] == "New feed articles will not be announced."
    poller = cog_of(harness).poller
    await poller.follow(GUILD, site.url("/rss"))
    await poller.store.set_announce(GUILD, NEWS)
    await harness.feed("INTERACTION_CREATE", feeds("check"))
    posts = [r["json"] for r in harness.requests if r["path"] == f"/channels/{NEWS}/messages"]
    assert [p["content"] for p in posts] == [
        f"New: Dock strike ends\n<{site.url('/news/dock-strike')}>",
        f"New: Ferry \\*resumes\\* @\u200beveryone\n<{site.url('/news/ferry')}>",
    ]
    assert all(p["allowed_mentions"]["parse"] == [] for p in posts)


async def test_background_poller_adds_new_entries(
    harness: OfflineBot, site: Site, library: Library
) -> None:
    cog = cog_of(harness)
    await cog.poller.follow(GUILD, site.url("/rss"))
    cog.poll_loop.change_interval(seconds=0.05)
    cog.poll_loop.start()
    try:
        async with asyncio.timeout(20):
            while len(library.articles(GUILD)) < 2:
                await asyncio.sleep(0.05)
    finally:
        cog.poll_loop.cancel()
    assert sorted(a.title for a in library.articles(GUILD)) == [
        "Dock strike ends", "Ferry *resumes* @everyone"]  # fmt: skip


async def test_check_of_feeds_with_10_mb_pages_never_stalls_the_loop(
    harness: OfflineBot, site: Site, library: Library, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The check downloads three 10 MB pages (cut off at the size cap) beside two normal
    ones: the feed, the pages and the articles are parsed off the loop, which keeps serving
    while they are (tests/off_the_loop.py), whatever the machine's speed."""
    for i in range(3):
        site.publish("/rss", Item(f"huge-{i}", f"Huge {i}", f"Story {i} was long."), huge=True)
    await cog_of(harness).poller.follow(GUILD, site.url("/rss"))
    with watch_parsing(monkeypatch) as steps:
        await harness.feed("INTERACTION_CREATE", feeds("check"))
    assert replies(harness)[-1]["content"] == (
        "Harbour News: 5 new articles (3 from the feed's own text: page not fetched)."
    )
    assert all(site.hits(f"/news/huge-{i}") == 1 for i in range(3))  # downloaded, to the cap
    assert steps.names() == {"parse_feed", "_decode_and_parse", "process"}, steps
    assert [s.name for s in steps.ran].count("process") == 5  # every article analysed
    assert steps.held_the_loop() == [], steps


def test_commands_json_has_the_feeds_group_for_admins(cli: Cli) -> None:
    result = cli("commands")
    assert result.returncode == 0, result.stderr
    group = {c["name"]: c for c in json.loads(result.stdout)}["feeds"]
    assert int(group["default_member_permissions"]) == ADMIN
    assert group["dm_permission"] is False
    assert [o["name"] for o in group["options"]] == [
        "follow", "list", "unfollow", "check", "announce", "retention"]  # fmt: skip
    [unfollow] = [o for o in group["options"] if o["name"] == "unfollow"]
    assert unfollow["options"][0]["autocomplete"] is True
