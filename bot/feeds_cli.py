"""``articlebot feeds follow|list|unfollow|check``: the feeds whose articles every server
shares, from the terminal (index/feed_poller.py does the work, as for ``/feeds``)."""

from __future__ import annotations

import argparse
import datetime as dt

from index.errors import ArticlebotError
from index.feed_poller import FeedPoller, PollReport
from index.feed_store import SHARED_SCOPE, Feed
from index.library import SHARED, Library

from .config import Config

ACTIONS = ("follow", "list", "unfollow", "check")


class FeedUsageError(ArticlebotError):
    """Bad input: one line, exit status 2."""


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser],
               common: argparse.ArgumentParser) -> None:  # fmt: skip
    p = sub.add_parser(
        "feeds", parents=[common], help="follow RSS/Atom feeds (shared by every server)",
        description="Follow RSS and Atom feeds whose articles every server shares. The bot "
        "polls them as it runs; 'check' polls them now.",
    )  # fmt: skip
    p.add_argument("action", choices=ACTIONS)
    p.add_argument("url", nargs="?", help="the feed's address (follow, unfollow)")


async def run_feeds(library: Library, args: argparse.Namespace, config: Config) -> int:
    poller = FeedPoller(library, config.fetch_policy())
    if args.action in ("follow", "unfollow") and not args.url:
        raise FeedUsageError(f"feeds {args.action} needs the feed's URL")
    if args.action == "follow":
        feed, entries = await poller.follow(SHARED, args.url)
        print(f"following {feed.title} ({entries} entries); 'articlebot feeds check' or the "
              "running bot adds their articles")  # fmt: skip
    elif args.action == "unfollow":
        if not await poller.unfollow(SHARED, args.url.strip()):
            raise FeedUsageError(f"no followed feed {args.url.strip()[:300]!r}")
        print(f"unfollowed {args.url.strip()}; its articles stay ('articlebot remove ID')")
    elif args.action == "list":
        for feed in await poller.store.feeds(SHARED_SCOPE):
            print(f"{feed.url}\t{feed.title}\t{status(feed)}")
    else:
        for report in await poller.check(SHARED):
            print(summary(report))
    return 0


def _when(timestamp: int) -> str:
    return dt.datetime.fromtimestamp(timestamp, dt.UTC).strftime("%Y-%m-%d %H:%M UTC")


def status(feed: Feed) -> str:
    if feed.paused_reason:
        return f"{feed.paused_reason}; 'articlebot feeds check' retries it"
    text = f"next check {_when(feed.next_poll)}"
    if feed.failures:
        text += f"; failing ({feed.failures} in a row: {feed.last_error})"
    return text


def summary(report: PollReport) -> str:
    name = report.feed.url
    if report.busy:
        return f"{name}: being checked by another process"
    if report.error:
        paused = f"; {report.feed.paused_reason}" if report.feed.paused_reason else ""
        return f"{name}: failed ({report.error}){paused}"
    if report.not_modified:
        return f"{name}: nothing new (not modified)"
    lines = [f"{name}: {len(report.added)} new"]
    lines += [f"  added {a.article.id}" + (" (from the feed's own text)" * a.from_feed_content)
              for a in report.added]  # fmt: skip
    lines += [f"  not added: {s}" for s in report.skipped]
    if report.left_for_later:
        lines.append(f"  {report.left_for_later} left for a later check (daily limit)")
    return "\n".join(lines)
