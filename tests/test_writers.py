"""Several writers on one database: every id comes from the database, writers take turns.

The bot keeps running while the owner indexes articles in a terminal, and two terminals
may index at once. Each process remembers the library as it was when it looked; none may
pick an id from that memory, replace a row it did not write, or fail because another
process wrote first.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import sqlite3
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from index import store as store_module
from index.ingest import parse_bytes
from index.library import Library
from index.models import Article, Document
from index.pg_store import PgStore
from index.store import Store, StoreError
from index.stores import backend_of, open_store

from forks import start_cli

TOPICS = ["harbor", "ferry", "budget", "tram", "school", "bridge", "market", "library"]


def story(writer: int, n: int) -> str:
    """The same title in every writer's folder (same wished-for id); words of its own."""
    topic = TOPICS[n % len(TOPICS)]
    return (
        f"title Town story {n}\n\n"
        f"The council approved the {topic} plan zq{writer}w{n} on Monday.\n"
        f"Officials said the work on cb{writer}x{n} costs {n + 2} million.\n\n"
        f"The mayor said the vote on yv{writer}k{n} was close.\n"
    )


def stored(db: Path | str) -> dict[str, tuple[str, int, int, int]]:
    """source -> (article id, sentences, lowest and highest sentence number)."""
    if backend_of(db) == "sqlite":
        conn = sqlite3.connect(db)
        try:
            assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
        finally:
            conn.close()
    return asyncio.run(_stored(db))


async def _stored(db: Path | str) -> dict[str, tuple[str, int, int, int]]:
    store = await open_store(db)
    try:
        assert await store.integrity_check() == "ok"
        rows = await store.rows(
            "SELECT a.source, a.id, COUNT(s.id), MIN(s.number), MAX(s.number) FROM articles a"
            " LEFT JOIN sentences s ON s.article_id = a.id GROUP BY a.id"
        )
    finally:
        await store.close()
    return {r[0]: tuple(r[1:]) for r in rows}


def test_index_processes_at_once_keep_every_article(tmp_path: Path, database: str) -> None:
    """Four writers at once, each with files of the same titles as the others' (and so the
    same wished-for ids). Three files a writer: from four on, ``articlebot index`` analyses
    them in worker processes of its own (tests/test_hostile.py runs that), which cost each
    writer two more Python starts and change nothing in how it writes: one transaction a
    batch, whatever the number of files."""
    db = database
    writers = 4
    files = 3
    folders = []
    for w in range(writers):
        folder = tmp_path / f"w{w}"
        folder.mkdir()
        for n in range(files):
            (folder / f"{n}.txt").write_text(story(w, n))
        folders.append(folder)
    procs = []
    for w, folder in enumerate(folders):
        paths = sorted(map(str, folder.glob("*.txt")))
        # A fork of tests/forks.py's server, which imported the bot once: a process of
        # its own writing through its own connections, as ``python -m bot index`` would.
        procs.append(start_cli(
            ["index", "--db", db, *paths], tmp_path, tmp_path / f"out{w}", tmp_path / f"err{w}",
            env={"ARTICLEBOT_SEMANTIC": "0"},  # the writers are under test, not the encoder
        ))  # fmt: skip
    for proc in procs:
        proc.join(300)  # a loaded 2-core CI machine
    outputs = [
        ((tmp_path / f"out{w}").read_text(), (tmp_path / f"err{w}").read_text())
        for w in range(writers)
    ]
    articles = stored(db)
    assert len(articles) == writers * files
    ids = set()
    for w, (proc, (out, err)) in enumerate(zip(procs, outputs, strict=True)):
        assert proc.exitcode == 0, err
        assert "Traceback" not in err
        printed = [line.split(":")[0].removeprefix("indexed ") for line in out.splitlines()]
        # Each file is stored whole, under the id printed for it (printed in path order).
        paths = sorted(map(str, folders[w].glob("*.txt")))
        assert len(printed) == len(paths) == files
        for path, article_id in zip(paths, printed, strict=True):
            assert articles[path] == (article_id, 3, 1, 3), f"writer {w}: {path}"
            ids.add(article_id)
    assert len(ids) == writers * files


def doc(text: str, source: str) -> Document:
    return parse_bytes(text.encode(), source=source, filename=Path(source).name)


async def check_whole(db: Path | str, reported: list[Article]) -> None:
    """Every article reported as indexed is in the database with all its sentences."""
    articles = await _stored(db)
    by_id = {v[0]: (k, v) for k, v in articles.items()}
    for article in reported:
        source, (_, count, first, last) = by_id[article.id]
        assert source == article.source
        assert (count, first, last) == (article.sentences, 1, article.sentences)


async def test_bot_and_terminal_on_one_database(database: str) -> None:
    db = database
    bot = await Library.open(db)  # the running bot
    terminal = await Library.open(db)  # `articlebot index` while the bot runs
    guild, other_guild = 111, 222
    reported: list[Article] = []
    try:
        shared = await terminal.add_document(
            doc("title Harbor news\n\nThe harbor master said the quay reopens.\n", "t/harbor.txt")
        )
        reported.append(shared)
        # A server admin uploads an article with the same title through the bot, which
        # has never heard of the shared one: it must not replace it.
        upload = await bot.add_document(
            doc("title Harbor news\n\nThe union said the zqstrike ends today.\n", "up/harbor.txt"),
            guild_id=guild,
        )
        reported.append(upload)
        assert upload.id != shared.id
        answer = await bot.ask("What did the union say?", guild_id=guild)
        assert answer.quotes and answer.quotes[0].citation.article_id == upload.id
        # The bot's next adds bring new words (new term ids) after the terminal's.
        reported.append(await bot.add_document(
            doc("The ferry captain praised the xylophonic tugboats.\n", "up/ferry.txt"),
            guild_id=guild,
        ))  # fmt: skip
        # Another server's first article builds its index while the database holds an
        # article this bot never loaded.
        reported.append(await bot.add_document(
            doc("The tram drivers demanded quixotic raises.\n", "up/tram.txt"),
            guild_id=other_guild,
        ))  # fmt: skip
        # …and the terminal, whose memory is now stale, adds words of its own.
        reported.append(await terminal.add_document(
            doc("The budget committee debated zeppelin subsidies.\n", "t/budget.txt")
        ))  # fmt: skip
        reported.append(await bot.add_document(
            doc("title Harbor news\n\nThe quay reopens for zeppelin and xylophonic fans.\n",
                "up/harbor.txt"),
            guild_id=guild,
        ))  # fmt: skip
        assert reported[-1].id == upload.id  # the same upload again replaces its own article
        await terminal.reindex()
        answer = await bot.ask("Who does the quay reopen for?", guild_id=guild)
        assert answer.quotes and answer.quotes[0].citation.article_id == upload.id
        assert "zeppelin" in answer.quotes[0].text
        answer = await bot.ask("What did the tram drivers demand?", guild_id=guild)
        assert all(q.citation.article_id != reported[3].id for q in answer.quotes)
    finally:
        await bot.close()
        await terminal.close()
    await check_whole(db, [a for a in reported if a is not reported[1]])
    assert (await _stored(db))["t/harbor.txt"][0] == shared.id
    assert (await _stored(db))["up/harbor.txt"][1] == 1  # the second upload replaced the first
    # A fresh start sees everything, each in its own scope.
    lib = await Library.open(db)
    try:
        assert {a.source for a in lib.articles()} == {"t/harbor.txt", "t/budget.txt"}
        assert {a.source for a in lib.articles(guild)} == {
            "t/harbor.txt", "t/budget.txt", "up/harbor.txt", "up/ferry.txt"}  # fmt: skip
        answer = await lib.ask("What did the harbor master say?", guild_id=other_guild)
        assert answer.quotes and answer.quotes[0].citation.article_id == shared.id
        answer = await lib.ask("What did the tram drivers demand?", guild_id=other_guild)
        assert answer.quotes and "quixotic" in answer.quotes[0].text
    finally:
        await lib.close()


class OnWaiting(logging.Handler):
    """Calls ``release`` when a store logs that another program is writing: the other
    writer lets go only once this one has said it waits, so the test needs no sleep."""

    def __init__(self, release: Callable[[], None]) -> None:
        super().__init__(logging.INFO)
        self.let_go = release  # not ``release``: a Handler's lock has that name
        self.said: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        if "another program is writing" in record.getMessage():
            self.said.append(record.getMessage())
            self.let_go()


@contextlib.contextmanager
def on_waiting(logger: str, release: Callable[[], None]) -> Iterator[OnWaiting]:
    handler = OnWaiting(release)
    log = logging.getLogger(logger)
    level = log.level
    log.addHandler(handler)
    log.setLevel(logging.INFO)
    try:
        yield handler
    finally:
        log.removeHandler(handler)
        log.setLevel(level)


async def test_a_writer_waits_for_another_and_says_so(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The writer waits for the other's lock (it does not fail), says so, then writes: the
    other commits only after that message, and the write ends after the commit."""
    monkeypatch.setattr(store_module, "PATIENCE", 0.05)  # waits quietly this long, then says so
    db = tmp_path / "busy.db"
    lib = await Library.open(db)
    await lib.close()
    blocker = sqlite3.connect(db, isolation_level=None, check_same_thread=False)
    blocker.execute("BEGIN IMMEDIATE")  # another process in the middle of a write
    order: list[str] = []

    def release() -> None:
        blocker.execute("COMMIT")
        order.append("other committed")

    lib = Library(await Store.open(db, busy_timeout=30))
    await lib._load()
    try:
        with on_waiting("index.store", release) as waiting:
            article = await lib.add_document(doc("The pier opens on Friday.\n", "pier.txt"))
        order.append("written")
        assert len(waiting.said) == 1
        assert order == ["other committed", "written"]
        assert [a.id for a in lib.articles()] == [article.id]
    finally:
        if blocker.in_transaction:
            blocker.execute("ROLLBACK")
        blocker.close()
        await lib.close()


async def test_a_postgresql_writer_waits_for_another_and_says_so(pg_url: str) -> None:
    blocker = await PgStore.open(pg_url)
    holding, said = asyncio.Event(), asyncio.Event()
    order: list[str] = []

    async def write_until_the_other_waits() -> None:
        async with blocker.transaction():  # another process in the middle of a write
            holding.set()
            await said.wait()
            order.append("other lets go")  # its lock is held until this transaction ends

    lib = Library(await PgStore.open(pg_url, busy_timeout=30))
    await lib._load()
    task = asyncio.create_task(write_until_the_other_waits())
    try:
        await holding.wait()
        with on_waiting("index.pg_store", said.set) as waiting:
            article = await lib.add_document(doc("The pier opens on Friday.\n", "pier.txt"))
        order.append("written")
        assert len(waiting.said) == 1
        assert order == ["other lets go", "written"]
        assert [a.id for a in lib.articles()] == [article.id]
    finally:
        said.set()
        await task
        await blocker.close()
        await lib.close()


async def test_a_postgresql_writer_gives_up_in_one_line(pg_url: str) -> None:
    blocker = await PgStore.open(pg_url)
    lib = Library(await PgStore.open(pg_url, busy_timeout=0.2))
    await lib._load()
    try:
        async with blocker.transaction():
            with pytest.raises(StoreError, match="another program kept it locked"):
                await lib.add_document(doc("The pier opens on Friday.\n", "pier.txt"))
        assert lib.articles() == []
        assert await lib.store.articles() == []
    finally:
        await blocker.close()
        await lib.close()
