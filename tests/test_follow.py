"""Every process current: libraries on one database follow each other's changes (issue 16
part 2). Each Library here stands for a process; one test runs a real second process.

The follower polls the store's change token (``PRAGMA data_version``) and loads the
difference; :meth:`Library.catch_up` is one such look, called directly where the test
wants no timing at all.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator
from dataclasses import replace
from pathlib import Path

import pytest

from index import pg_store
from index.ingest import parse_bytes
from index.library import Library
from index.scope import ScopeIndex

from forks import start_cli

GUILD = 8300
PATIENCE = 60.0  # seconds a follower may take on a loaded machine before the test fails


def report(n: int, word: str = "ferry") -> bytes:
    body = "\n\n".join(f"The {word} vote number {i} of report {n} was close." for i in range(12))
    return f"Report {n}\n\n{body}".encode()


async def add(library: Library, n: int, guild_id: int | None = None, word: str = "ferry") -> str:
    name = f"report-{n}.txt"
    doc = parse_bytes(report(n, word), source=name, filename=name)
    return (await library.add_document(doc, guild_id)).id


@pytest.fixture
async def pair(database: str) -> AsyncIterator[tuple[Library, Library]]:
    """Two libraries (two processes' worth) on one database: an SQLite file, and a
    PostgreSQL database (tests/conftest.py ``database``)."""
    a = await Library.open(database)
    b = await Library.open(database)
    yield a, b
    await a.close()
    await b.close()


async def top_text(library: Library, question: str, guild_id: int | None = None) -> str:
    answer = await library.ask(question, guild_id=guild_id)
    return answer.quotes[0].text if answer.quotes else ""


async def test_an_add_remove_and_replace_in_one_reach_the_other(
    pair: tuple[Library, Library],
) -> None:
    a, b = pair
    article_id = await add(a, 1)
    assert b.articles() == [] and b.version < a.version
    assert await b.catch_up()
    assert [x.id for x in b.articles()] == [article_id]
    assert b.version == a.version
    assert b.stats() == a.stats()
    assert "report 1" in await top_text(b, "What was ferry vote number 4 of report 1?")
    assert not await b.catch_up()  # nothing new: one look at the token

    await add(a, 1, word="bridge")  # the same source again: replaced, same id
    assert await b.catch_up()
    assert [x.id for x in b.articles()] == [article_id]
    assert "bridge" in await top_text(b, "What was the bridge vote number 4?")
    assert "ferry" not in await top_text(b, "What was the ferry vote number 4?")
    assert b.stats() == a.stats()

    await a.remove(article_id)
    assert await b.catch_up()
    assert b.articles() == [] and b.stats().sentences == 0
    assert b.version == a.version


async def test_a_servers_articles_reach_the_other_with_the_shared_ones(
    pair: tuple[Library, Library],
) -> None:
    a, b = pair
    await add(a, 1)
    await b.catch_up()
    await add(a, 2, GUILD)  # a server's first article: the follower builds its index
    await add(a, 3)  # and a shared one after it
    assert await b.catch_up()
    assert b.stats(GUILD) == a.stats(GUILD)
    assert b.stats() == a.stats()
    for n in (1, 2, 3):
        assert f"report {n}" in await top_text(b, f"ferry vote 5 of report {n}?", GUILD)
    assert "report 2" not in await top_text(b, "ferry vote 5 of report 2?")  # not shared


async def test_a_process_writing_on_top_of_a_change_it_has_not_loaded_holds_both_at_once(
    pair: tuple[Library, Library],
) -> None:
    """Its memory never holds its own write without the change under it (a state the
    database never held), so its answers name one version whole."""
    a, b = pair
    await add(b, 1)
    await add(a, 2)  # on top of b's article, which a had not loaded
    assert a.version == await a.store.library_version()
    assert {x.source for x in a.articles()} == {"report-1.txt", "report-2.txt"}
    answer = await a.ask("What was ferry vote number 3 of report 1?")
    assert answer.version == a.version and "report 1" in answer.quotes[0].text
    assert not await a.catch_up()  # nothing left to load
    await b.catch_up()
    assert a.version == b.version
    assert a.stats() == b.stats()
    await b.remove((await a.ask("ferry vote 3 of report 1?")).quotes[0].citation.article_id)
    await a.remove(next(x.id for x in a.articles() if x.source == "report-2.txt"))
    assert a.articles() == [] and a.version == await a.store.library_version()


async def test_readers_see_the_old_version_whole_until_the_difference_is_swapped_in(
    pair: tuple[Library, Library], monkeypatch: pytest.MonkeyPatch
) -> None:
    a, b = pair
    await add(a, 1)
    await b.catch_up()
    before = b.stats(), b.articles()
    await add(a, 2)
    entered, release = asyncio.Event(), asyncio.Event()
    loop = asyncio.get_running_loop()
    real = ScopeIndex.add_loaded

    def held(index: ScopeIndex, *args: object) -> None:
        loop.call_soon_threadsafe(entered.set)
        asyncio.run_coroutine_threadsafe(release.wait(), loop).result(PATIENCE)
        real(index, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(ScopeIndex, "add_loaded", held)
    change = asyncio.create_task(b.catch_up())
    await entered.wait()  # the difference is being swapped in, on the library thread
    question = asyncio.create_task(b.ask("What was ferry vote number 3 of report 2?"))
    await asyncio.sleep(0.05)
    during = b.stats()
    assert (replace(during, lag=0.0), b.articles()) == before
    assert during.lag > 0  # it knows it is behind
    assert not question.done()
    release.set()
    assert await change
    assert "report 2" in (await question).quotes[0].text
    assert b.lag == 0.0 and b.version == a.version


async def test_a_following_library_answers_from_a_change_made_by_another_process(
    tmp_path: Path,
) -> None:
    db = tmp_path / "one.db"
    follower = await Library.open(db)
    try:
        follower.follow(0.05)
        (tmp_path / "report-7.txt").write_bytes(report(7))
        # A process of its own, forked from tests/forks.py's server (the bot imported once).
        proc = start_cli(
            ["index", "--db", str(db), str(tmp_path / "report-7.txt")], tmp_path,
            tmp_path / "out", tmp_path / "err", env={"ARTICLEBOT_SEMANTIC": "0"},
        )  # fmt: skip
        await asyncio.get_running_loop().run_in_executor(None, proc.join, PATIENCE)
        assert proc.exitcode == 0, (tmp_path / "err").read_text()
        async with asyncio.timeout(PATIENCE):
            while not follower.articles():
                await asyncio.sleep(0.02)
        assert [a.source for a in follower.articles()] == [str(tmp_path / "report-7.txt")]
        assert "report 7" in await top_text(follower, "What was ferry vote number 2 of report 7?")
        assert follower.version == await follower.store.library_version()
        assert follower.lag == 0.0
    finally:
        await follower.close()


async def test_bot_processes_an_admin_adds_through_one_members_ask_the_others(
    database: str,
) -> None:
    """The issue's scenario through the real discord.py code paths (offline harness): two
    bots on one database (an SQLite file, a PostgreSQL server), each opening it itself, as
    processes would. An admin adds through the first; a member asks the other. (Two, not
    more: the harness points discord.py's base URL at one fake API at a time.)"""
    bots = 2
    from contextlib import AsyncExitStack

    from bot.config import Config
    from bot.harness import OfflineBot, offline_bot, slash_event

    guild, channel, admin = (5 << 22) + 9, 51, 1 << 5
    config = Config(database=database, semantic=False, cooldown_seconds=0,
                    channel_cooldown_seconds=0, health_minutes=0)  # fmt: skip
    async with AsyncExitStack() as stack:
        harnesses: list[OfflineBot] = [
            await stack.enter_async_context(offline_bot(config, None, {guild: [channel]}))
            for _ in range(bots)
        ]
        first, *others = harnesses
        attachment = first.api.attach("report-3.txt", report(3))
        await first.feed("INTERACTION_CREATE", slash_event(
            "articles", [{"type": 11, "name": "file", "value": attachment["id"]}], sub="add",
            guild_id=guild, channel_id=channel, permissions=admin,
            resolved={"attachments": {attachment["id"]: attachment}}))  # fmt: skip
        for other in others:
            async with asyncio.timeout(PATIENCE):
                while not [a for a in other.bot.library.articles(guild) if a.guild_id == guild]:
                    await asyncio.sleep(0.02)
            other.api.requests.clear()
            await other.feed("INTERACTION_CREATE", slash_event(
                "ask", [{"type": 3, "name": "question", "value": "ferry vote 6 of report 3?"}],
                guild_id=guild, channel_id=channel))  # fmt: skip
            followup = other.requests[-1]["json"]
            assert "report 3" in followup["embeds"][0]["description"]
            assert other.bot.library.version == first.bot.library.version


async def hold(library: Library, article_id: str, present: bool = True) -> None:
    async with asyncio.timeout(PATIENCE):
        while (article_id in {a.id for a in library.articles()}) != present:
            await asyncio.sleep(0.01)


@pytest.fixture
def no_polling(monkeypatch: pytest.MonkeyPatch) -> float:
    """A follower that only NOTIFY can wake: its looks at the database come an hour apart
    (the interval to give ``follow``)."""
    monkeypatch.setattr(pg_store, "POLL", 3600.0)
    return 3600.0


async def test_a_follower_on_postgresql_wakes_on_notify(pg_url: str, no_polling: float) -> None:
    a = await Library.open(pg_url)
    b = await Library.open(pg_url)
    try:
        b.follow(no_polling)
        await asyncio.sleep(0.05)  # b is waiting
        article_id = await add(a, 1)
        await hold(b, article_id)
        await a.remove(article_id)
        await hold(b, article_id, present=False)
        # The articles change on the library thread just before the version is set with
        # them (answers, under the gate, never see one without the other): wait for both.
        async with asyncio.timeout(PATIENCE):
            while b.version != a.version:
                await asyncio.sleep(0.01)
    finally:
        await a.close()
        await b.close()


async def listening(library: Library) -> None:
    store = library.store
    assert isinstance(store, pg_store.PgStore)
    async with asyncio.timeout(PATIENCE):
        while not (
            await store.rows(
                "SELECT 1 FROM pg_stat_activity WHERE datname = current_database()"
                " AND query ILIKE 'LISTEN%'"
            )
        ):
            await asyncio.sleep(0.01)


async def test_a_lost_listen_connection_is_opened_again_and_said_once(
    pg_url: str, no_polling: float, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO, logger="index.pg_store")
    a = await Library.open(pg_url)
    b = await Library.open(pg_url)
    try:
        b.follow(no_polling)
        await listening(b)
        caplog.clear()
        for n in (1, 2):  # cut, then a change: only a LISTEN opened again can bring it
            await a.store.rows(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE"
                " datname = current_database() AND query ILIKE 'LISTEN%'"
            )
            await listening(b)
            article_id = await add(a, n)
            await hold(b, article_id)
        said = [r.getMessage() for r in caplog.records]
        lost = [m for m in said if m.startswith("lost the connection listening")]
        again = [m for m in said if m.startswith("listening for library changes on")]
        assert len(lost) == 2 and len(again) == 2  # a line each way, each time
        assert not [r for r in caplog.records if r.exc_info]
    finally:
        await a.close()
        await b.close()


async def test_without_listen_a_follower_polls_and_tries_again_ever_less_often(
    pg_url: str, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    """Two quick tries (the test's LISTEN_ATTEMPTS), then one a minute: none in the test's
    few seconds; meanwhile changes arrive by polling, and it is said once."""
    tries = 0

    async def refused(*args: object, **kwargs: object) -> None:
        nonlocal tries
        tries += 1
        raise OSError("connection refused")

    monkeypatch.setattr(pg_store, "LISTEN_ATTEMPTS", 2)
    monkeypatch.setattr(pg_store.asyncpg, "connect", refused)  # the pool connects otherwise
    a = await Library.open(pg_url)
    b = await Library.open(pg_url)
    try:
        b.follow(0.02)
        for n in (1, 2):
            article_id = await add(a, n)
            await hold(b, article_id)  # by polling every 0.02 s
            if n == 1:
                await asyncio.sleep(1.1)  # the second try comes after a second
        assert tries == 2
        said = [r for r in caplog.records if "cannot listen for library changes" in r.getMessage()]
        assert len(said) == 1 and "polling instead" in said[0].getMessage()
    finally:
        await a.close()
        await b.close()
