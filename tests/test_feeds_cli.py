"""``articlebot feeds``: shared feeds from the terminal, fetched from a site on 127.0.0.1."""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from bot.config import Config
from index.fetch import FetchPolicy

from cli_helpers import Cli
from feed_site import Feed, Item, Site, serve_site


@pytest.fixture
def site(monkeypatch: pytest.MonkeyPatch) -> Iterator[Site]:
    """The site on a loop of its own thread: the CLI runs its own loop in this one."""
    ready = threading.Event()
    loop = asyncio.new_event_loop()
    holder: list[Site] = []
    stop = asyncio.Event()

    async def run() -> None:
        async with serve_site() as s:
            holder.append(s)
            ready.set()
            await stop.wait()

    thread = threading.Thread(target=loop.run_until_complete, args=(run(),), daemon=True)
    thread.start()
    assert ready.wait(30)
    s = holder[0]
    s.feeds["/rss"] = Feed("rss")
    s.publish("/rss", Item("dock-strike", "Dock strike ends", "Dock workers voted to return."))

    def test_policy(self: Config) -> FetchPolicy:  # allow_peers: for tests, never a setting
        return s.policy(timeout_seconds=10)

    monkeypatch.setattr(Config, "fetch_policy", test_policy)
    yield s
    loop.call_soon_threadsafe(stop.set)
    thread.join(30)
    loop.close()


def test_follow_check_list_unfollow_from_the_terminal(cli: Cli, tmp_path: Path, site: Site) -> None:
    db = str(tmp_path / "f.db")
    url = site.url("/rss")
    followed = cli("feeds", "follow", url, "--db", db)
    assert followed.returncode == 0, followed.stderr
    assert followed.stdout.startswith("following Harbour News (1 entries)")
    checked = cli("feeds", "check", "--db", db)
    assert checked.returncode == 0, checked.stderr
    assert checked.stdout.splitlines()[0] == f"{url}: 1 new"
    sources = cli("sources", "--db", db).stdout
    assert "Dock strike ends" in sources and site.url("/news/dock-strike") in sources
    listed = cli("feeds", "list", "--db", db).stdout
    assert listed.startswith(f"{url}\tHarbour News\tnext check ")
    again = cli("feeds", "check", "--db", db)
    assert again.stdout == f"{url}: nothing new (not modified)\n"
    assert cli("feeds", "unfollow", url, "--db", db).returncode == 0
    assert cli("feeds", "list", "--db", db).stdout == ""


def test_terminal_refusals_are_one_line(cli: Cli, tmp_path: Path, site: Site) -> None:
    db = str(tmp_path / "r.db")
    for args, said in [
        (("follow",), "articlebot: feeds follow needs the feed's URL"),
        (
            ("follow", "http://10.0.0.1/rss"),
            "articlebot: 10.0.0.1 is a private or internal address; refused",
        ),
        (("follow", site.url("/nothing")), "articlebot: the site answered HTTP 404 Not Found"),
        (("unfollow", site.url("/rss")), f"articlebot: no followed feed {site.url('/rss')!r}"),
    ]:
        result = cli("feeds", *args, "--db", db)
        assert (result.returncode, result.stderr.strip()) == (2, said)
