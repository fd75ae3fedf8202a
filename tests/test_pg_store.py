"""The PostgreSQL store: choosing it from the URL, its one-line errors, the portable SQL of
the features, change detection, and ``articlebot migrate``; run on a real server
(tests/pg_server.py). What both backends must do alike is in test_store.py."""

from __future__ import annotations

import asyncio
import logging
from pathlib import Path

import pytest

import index.migrate
import index.store
from index.library import Library
from index.pg_store import PgStore
from index.store import SCHEMA_VERSION, Store, StoreError
from index.stores import open_store

from cli_helpers import Cli
from pg_server import Server, running_server

DATA = Path(__file__).parent / "data"


@pytest.mark.parametrize("url", ["mysql://db.example/lib", "sqlite:///lib.db", "file:///x.db"])
def test_unsupported_url_is_refused_in_one_line(cli: Cli, tmp_path: Path, url: str) -> None:
    run = cli("sources", "--db", url)
    assert run.returncode == 2
    assert run.stderr.count("\n") == 1 and "unsupported database URL" in run.stderr
    assert list(tmp_path.iterdir()) == []  # no folder named "mysql:" or "sqlite:"


def test_postgresql_url_is_not_taken_for_a_file(
    cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Today's bug: ARTICLEBOT_DB=postgresql://… made a folder named "postgresql:"."""
    monkeypatch.setenv("ARTICLEBOT_DB", "postgresql://nobody@127.0.0.1:1/lib")
    run = cli("sources")
    assert run.returncode == 2
    assert run.stderr.count("\n") == 1
    assert "cannot reach the PostgreSQL server at 127.0.0.1:1" in run.stderr
    assert list(tmp_path.iterdir()) == []


def test_config_file_url_is_not_made_relative(cli: Cli, tmp_path: Path) -> None:
    (tmp_path / "articlebot.toml").write_text(
        '[library]\ndatabase = "postgresql://nobody@127.0.0.1:1/lib"\n'
    )
    run = cli("sources", "--config", str(tmp_path / "articlebot.toml"))
    assert run.returncode == 2 and "127.0.0.1:1" in run.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["articlebot.toml"]


async def test_wrong_password_and_missing_database_are_one_line(pg_server: Server) -> None:
    pg_server.sql("DO $$ BEGIN CREATE ROLE alice LOGIN PASSWORD 'right';"
                  " EXCEPTION WHEN duplicate_object THEN NULL; END $$")  # fmt: skip
    base = f"127.0.0.1:{pg_server.port}"
    with pytest.raises(StoreError, match=f"PostgreSQL at {base} refused user alice") as refused:
        await open_store(f"postgresql://alice:wrong@{base}/postgres")
    assert "wrong" not in str(refused.value)  # the password is never repeated
    with pytest.raises(StoreError, match=f"PostgreSQL at {base} has no database nosuch"):
        await open_store(f"postgresql://postgres@{base}/nosuch")


async def test_right_password_opens_and_is_never_shown(pg_server: Server) -> None:
    name = "owned_by_bob"
    pg_server.sql("DO $$ BEGIN CREATE ROLE bob LOGIN PASSWORD 's3cret';"
                  " EXCEPTION WHEN duplicate_object THEN NULL; END $$")  # fmt: skip
    pg_server.sql(f"DROP DATABASE IF EXISTS {name}")
    pg_server.sql(f"CREATE DATABASE {name} OWNER bob")
    store = await open_store(f"postgresql://bob:s3cret@127.0.0.1:{pg_server.port}/{name}")
    try:
        assert isinstance(store, PgStore)
        assert "s3cret" not in store.path and "bob:***@" in store.path
    finally:
        await store.close()


async def test_someone_elses_database_is_refused_and_untouched(pg_url: str) -> None:
    other = await open_store(pg_url)  # an articlebot library: fine
    await other.close()
    setup = await PgStore.open(pg_url)
    async with setup.transaction() as tx:
        await tx.execute("DROP TABLE articlebot_schema")
        await tx.execute("CREATE TABLE orders (id BIGINT)")
    await setup.close()
    with pytest.raises(StoreError, match="PostgreSQL database of something else"):
        await open_store(pg_url)


async def test_newer_schema_is_refused(pg_url: str) -> None:
    store = await open_store(pg_url)
    async with store.transaction() as tx:
        await tx.execute("UPDATE articlebot_schema SET version = ?", (SCHEMA_VERSION + 1,))
    await store.close()
    with pytest.raises(StoreError, match="newer than this articlebot understands"):
        await open_store(pg_url)


FEATURE = """
CREATE TABLE IF NOT EXISTS test_settings (
    guild_id   INTEGER PRIMARY KEY,
    channel_id INTEGER,
    blob       BLOB,
    note       TEXT NOT NULL DEFAULT ''
);
CREATE TABLE IF NOT EXISTS test_feedback (
    id       INTEGER PRIMARY KEY,
    guild_id INTEGER,
    vote     INTEGER NOT NULL
);
"""


async def test_features_portable_sql_runs_on_both_backends(
    database: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The features' SQL (``?``, ON CONFLICT upserts, ``IS ?``, an INTEGER PRIMARY KEY that
    numbers rows itself, 64-bit Discord ids, blobs) gives the same rows on both stores."""
    monkeypatch.setattr(index.store, "_FEATURE_SCHEMA", FEATURE)
    store = await open_store(database)
    big = 1_234_567_890_123_456_789  # a Discord snowflake: past 32 bits
    try:
        async with store.transaction() as tx:
            for channel in (1, big):
                await tx.execute(
                    "INSERT INTO test_settings (guild_id, channel_id, blob) VALUES (?, ?, ?)"
                    " ON CONFLICT(guild_id) DO UPDATE SET channel_id = excluded.channel_id",
                    (big, channel, b"\x00\xff"),
                )
            await tx.executemany(
                "INSERT INTO test_feedback (guild_id, vote) VALUES (?, ?)",
                [(big, 1), (None, -1), (big, -1)],
            )
            cur = await tx.execute("DELETE FROM test_feedback WHERE guild_id IS ?", (None,))
            assert cur.rowcount == 1
        assert await store.rows("SELECT guild_id, channel_id, blob, note FROM test_settings") == [
            (big, big, b"\x00\xff", "")
        ]
        assert await store.rows(
            "SELECT id, vote FROM test_feedback WHERE guild_id IS ? ORDER BY id", (big,)
        ) == [(1, 1), (3, -1)]
    finally:
        await store.close()


async def test_change_token_moves_for_other_processes_changes_only(
    database: str, sample_path: Path
) -> None:
    a = await Library.open(database)
    b = await Library.open(database)
    try:
        seen_by_a = await a.store.change_token()
        seen_by_b = await b.store.change_token()
        article = await a.add_path(sample_path)
        assert await a.store.change_token() == seen_by_a  # its own change
        after_add = await b.store.change_token()
        assert after_add != seen_by_b
        await a.remove(article.id)
        assert await a.store.change_token() == seen_by_a
        assert await b.store.change_token() not in (seen_by_b, after_add)
    finally:
        await a.close()
        await b.close()


async def test_concurrent_writers_get_distinct_ids(pg_url: str, tmp_path: Path) -> None:
    """Two processes' stores adding at once: the lock serialises them, ids never clash, and
    each one's vocabulary continues the other's."""
    texts = []
    for n in range(6):
        path = tmp_path / f"story-{n}.txt"
        path.write_text(f"title Story {n}\n\nWord{n} alpha beta. Gamma{n} delta term{n}.\n")
        texts.append(path)
    a = await Library.open(pg_url)
    b = await Library.open(pg_url)
    try:
        await asyncio.gather(*(lib.add_path(p) for lib, p in zip([a, b] * 3, texts, strict=True)))
        fresh = await Library.open(pg_url)
        try:
            assert len(fresh.articles()) == 6
            ids = await fresh.store.rows("SELECT id FROM sentences")
            assert len(ids) == len({r[0] for r in ids}) == 12
            for n in range(6):
                assert (await fresh.ask(f"What about gamma{n}?")).quotes[0].text == (
                    f"Gamma{n} delta term{n}."
                )
        finally:
            await fresh.close()
    finally:
        await a.close()
        await b.close()


def test_migrate_copies_and_verifies(
    cli: Cli, tmp_path: Path, pg_url: str, sample_path: Path
) -> None:
    db = tmp_path / "lib.db"
    assert cli("index", "--db", str(db), str(sample_path)).returncode == 0
    run = cli("migrate", "--from", str(db), "--to", pg_url)
    assert run.returncode == 0, run.stderr
    lines = run.stdout.splitlines()
    assert [line.split(":")[0] for line in lines] == index.migrate.tables()
    assert all(line.endswith(" ok") for line in lines)
    assert "articles: 1 rows" in run.stdout and "sentences: 19 rows" in run.stdout
    here = cli("ask", "--db", str(db), "--json", "What did Peskov say?")
    there = cli("ask", "--db", pg_url, "--json", "What did Peskov say?")
    assert here.returncode == there.returncode == 0 and here.stdout == there.stdout
    # Into a library that already has articles: refused, nothing changed.
    again = cli("migrate", "--from", str(db), "--to", pg_url)
    assert again.returncode == 2 and "already holds 1 articles" in again.stderr
    # And back to a file: the same library again.
    back = tmp_path / "back.db"
    assert cli("migrate", "--from", pg_url, "--to", str(back)).returncode == 0
    assert cli("ask", "--db", str(back), "--json", "What did Peskov say?").stdout == here.stdout


def test_migrate_reports_a_mismatch(
    cli: Cli, tmp_path: Path, pg_url: str, sample_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = tmp_path / "lib.db"
    assert cli("index", "--db", str(db), str(sample_path)).returncode == 0
    real = index.migrate._sorted_rows
    calls = 0

    async def lossy(store: object, table: str, columns: object) -> list[object]:
        """The third read of sentences is the copy's in the check: one row short."""
        nonlocal calls
        rows: list[object] = await real(store, table, columns)  # type: ignore[arg-type]
        calls += table == "sentences"
        return rows[:-1] if table == "sentences" and calls == 3 else rows

    monkeypatch.setattr(index.migrate, "_sorted_rows", lossy)
    run = cli("migrate", "--from", str(db), "--to", pg_url)
    assert run.returncode == 2
    assert "sentences: MISMATCH: source 19 rows" in run.stdout
    assert "the copy differs" in run.stderr


def test_migrate_needs_an_existing_source(cli: Cli, tmp_path: Path) -> None:
    run = cli("migrate", "--from", str(tmp_path / "none.db"), "--to", str(tmp_path / "b.db"))
    assert run.returncode == 2 and "no such database" in run.stderr
    assert list(tmp_path.iterdir()) == []


async def test_sqlite_store_is_still_chosen_for_paths(tmp_path: Path) -> None:
    store = await open_store(tmp_path / "lib.db")
    try:
        assert isinstance(store, Store)
    finally:
        await store.close()


async def test_wait_for_change_wakes_on_another_process_change(
    database: str, sample_path: Path
) -> None:
    a = await Library.open(database)
    b = await Library.open(database)
    try:
        token = await b.store.change_token()
        assert await b.store.wait_for_change(token, timeout=0.05) == token  # nothing happened
        waiting = asyncio.create_task(b.store.wait_for_change(token, timeout=60))
        await asyncio.sleep(0)
        await a.add_path(sample_path)
        assert await waiting != token
    finally:
        await a.close()
        await b.close()


async def test_server_gone_is_one_line_and_logs_no_traceback(
    pg_server: Server, sample_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """A server of its own (the session's stays up), stopped under an open library."""
    with running_server() as own:
        url = own.new_database()
        lib = await Library.open(url)
        await lib.add_path(sample_path)
    try:
        with caplog.at_level(logging.DEBUG):
            with pytest.raises(
                StoreError, match=r"cannot read database .*Connect call failed"
            ) as read:
                await lib.ask("What did Peskov say?")
            with pytest.raises(StoreError, match="cannot write to database") as write:
                await lib.add_path(sample_path)
            with pytest.raises(StoreError, match="cannot read database") as follow:
                await lib.catch_up()
            await asyncio.sleep(0.2)  # a pool keeping a floor would retry and log here
        assert not [r for r in caplog.records if r.exc_info], caplog.records
    finally:
        await lib.close()
    with pytest.raises(StoreError, match="cannot reach the PostgreSQL server") as reopen:
        await open_store(url)
    # A server away may be back soon: a starting bot tries again (bot/health.py).
    assert read.value.transient and write.value.transient
    assert follow.value.transient and reopen.value.transient


async def test_reads_survive_dropped_connections(
    pg_server: Server, pg_url: str, sample_path: Path
) -> None:
    """The server ends every connection of the database (a restart, a failover): the next
    questions are answered on new connections, and the next add is stored."""
    lib = await Library.open(pg_url)
    try:
        await lib.add_path(sample_path)
        expected = (await lib.ask("What did Peskov say?")).quotes
        assert expected
        name = pg_url.rsplit("/", 1)[1]
        for _ in range(3):
            pg_server.sql(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                f" WHERE datname = '{name}' AND pid <> pg_backend_pid()"
            )
            assert (await lib.ask("What did Peskov say?")).quotes == expected
        pg_server.sql(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
            f" WHERE datname = '{name}' AND pid <> pg_backend_pid()"
        )
        await lib.add_path(DATA / "2024-09-12-harbor-bridge-vote.md")
        assert len(lib.articles()) == 2
    finally:
        await lib.close()
