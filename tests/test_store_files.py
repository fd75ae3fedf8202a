"""Files articlebot must not use: refused in one line (exit 2 from the CLI), left byte for
byte as they were, and the process exits promptly; only an empty database or
articlebot's own is ever written."""

from __future__ import annotations

import hashlib
import os
import sqlite3
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from index.ingest import parse_bytes
from index.library import Library
from index.store import APPLICATION_ID, SCHEMA_VERSION, Store, StoreError

from cli_helpers import Cli, Run
from forks import start_cli

ROOT = Path(__file__).resolve().parent.parent
BRIDGE = ROOT / "tests" / "data" / "2024-09-12-harbor-bridge-vote.md"

V1_TABLES = """
CREATE TABLE articles (id TEXT PRIMARY KEY, guild_id INTEGER, title TEXT NOT NULL, date TEXT,
    url TEXT, source TEXT NOT NULL, text TEXT NOT NULL, body_start INTEGER NOT NULL DEFAULT 0,
    added_at TEXT NOT NULL);
CREATE TABLE sentences (id INTEGER PRIMARY KEY, article_id TEXT NOT NULL REFERENCES
    articles(id) ON DELETE CASCADE, paragraph INTEGER NOT NULL, number INTEGER NOT NULL,
    start INTEGER NOT NULL, end INTEGER NOT NULL, text TEXT NOT NULL, term_ids BLOB NOT NULL,
    speaker TEXT, UNIQUE (article_id, number));
CREATE TABLE terms (id INTEGER PRIMARY KEY, term TEXT NOT NULL UNIQUE);
CREATE TABLE entities (article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    name TEXT NOT NULL, roles TEXT NOT NULL, PRIMARY KEY (article_id, name));
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
"""


def sqlite_file(db: Path, script: str, *pragmas: str) -> None:
    conn = sqlite3.connect(db)
    conn.executescript(script)
    for pragma in pragmas:
        conn.execute(f"PRAGMA {pragma}")
    conn.commit()
    conn.close()


BUILDERS: dict[str, Callable[[Path], None]] = {
    # A newer articlebot's database (in rollback-journal mode: switching it to WAL would
    # be a change).
    "newer": lambda db: sqlite_file(
        db, V1_TABLES + "INSERT INTO meta VALUES ('k', 'v');",
        f"application_id = {APPLICATION_ID}", f"user_version = {SCHEMA_VERSION + 1}",
    ),
    "foreign": lambda db: sqlite_file(db, "CREATE TABLE invoices (n); INSERT INTO invoices VALUES (7);"),
    "foreign in WAL mode": lambda db: sqlite_file(
        db, "CREATE TABLE invoices (n); INSERT INTO invoices VALUES (7);", "journal_mode = WAL"
    ),
    # Another program's database that happens to have a table called meta.
    "only a meta table": lambda db: sqlite_file(
        db, "CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);"
            "INSERT INTO meta VALUES ('owner', 'someone else');"
    ),
    "our table names, other columns": lambda db: sqlite_file(
        db, V1_TABLES.replace("roles TEXT NOT NULL", "colour TEXT"), "user_version = 1"
    ),
    "version 1 tables plus another": lambda db: sqlite_file(
        db, V1_TABLES + "CREATE TABLE notes (x);", "user_version = 1"
    ),
    "another application id": lambda db: sqlite_file(db, "", "application_id = 305419896"),
    "user version but no tables": lambda db: sqlite_file(db, "", "user_version = 7"),
    "not sqlite": lambda db: db.write_bytes(b"this is not sqlite\n" * 300),
}  # fmt: skip


def fingerprint(db: Path) -> tuple[str, list[str]]:
    """The file's bytes, and which files sit beside it (no -wal, -shm or -journal made)."""
    return hashlib.sha256(db.read_bytes()).hexdigest(), sorted(p.name for p in db.parent.iterdir())


def sqlite_threads() -> set[threading.Thread]:
    """aiosqlite's connection threads alive now (one left running keeps the process from
    exiting)."""
    return {t for t in threading.enumerate() if "_connection_worker_thread" in t.name}


def threads_left_behind(earlier: set[threading.Thread]) -> set[threading.Thread]:
    """The connection threads started since ``earlier`` that are still alive, once those
    stopping have had time to end. Compared by identity, not by count: a thread of an
    earlier test in the same worker may end meanwhile, and must neither hide a leak nor
    look like one."""
    deadline = time.monotonic() + 5
    while True:
        new = sqlite_threads() - earlier
        if not new or time.monotonic() > deadline:
            return new
        time.sleep(0.02)


@pytest.mark.parametrize("kind", sorted(BUILDERS))
async def test_refused_database_is_left_as_it_was(tmp_path: Path, kind: str) -> None:
    db = tmp_path / "their.db"
    BUILDERS[kind](db)
    before, threads = fingerprint(db), sqlite_threads()
    for opener in (Store.open, Library.open):
        with pytest.raises(StoreError) as refused:
            await opener(db)
        assert "\n" not in str(refused.value) and str(db) in str(refused.value)
        assert fingerprint(db) == before
    assert not threads_left_behind(threads)


def run(
    cwd: Path, *args: str, timeout: float = 30
) -> tuple[subprocess.CompletedProcess[str], float]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("ARTICLEBOT_", "DISCORD_"))}
    env["PYTHONPATH"] = str(ROOT)
    started = time.monotonic()
    try:
        result = subprocess.run([sys.executable, "-m", "bot", *args], cwd=cwd, env=env,
                                capture_output=True, text=True, timeout=timeout)  # fmt: skip
    except subprocess.TimeoutExpired:
        pytest.fail(f"articlebot {' '.join(args)} did not exit within {timeout} s")
    return result, time.monotonic() - started


def assert_refused(result: Run | subprocess.CompletedProcess[str], *words: str) -> None:
    assert result.returncode == 2, result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("articlebot: "), result.stderr
    assert all(w in lines[0] for w in words), lines[0]
    assert result.stdout == ""


@pytest.mark.parametrize("kind", ["newer", "foreign in WAL mode", "only a meta table"])
def test_cli_refuses_and_leaves_the_file(cli: Cli, tmp_path: Path, kind: str) -> None:
    db = tmp_path / "their.db"
    BUILDERS[kind](db)
    before = fingerprint(db)
    result = cli("index", str(BRIDGE), "--db", str(db))
    assert_refused(result, str(db))
    assert fingerprint(db) == before


async def corrupt_database(tmp_path: Path) -> Path:
    """A real library whose sentences table's root page (read by every command) is
    overwritten in place, as a bad disk sector or a torn copy would leave it."""
    db = tmp_path / "corrupt.db"
    lib = await Library.open(db)
    await lib.add_path(BRIDGE)
    await lib.add_path(ROOT / "bot" / "data" / "2025-05-17-trump-putin-call.txt")
    await lib.close()
    conn = sqlite3.connect(f"{db.as_uri()}?mode=ro", uri=True)
    page_size = conn.execute("PRAGMA page_size").fetchone()[0]
    pages = conn.execute("PRAGMA page_count").fetchone()[0]
    [root] = conn.execute("SELECT rootpage FROM sqlite_master WHERE name = 'sentences'").fetchone()
    conn.close()
    assert 1 < root < pages
    with db.open("r+b") as f:
        f.seek((root - 1) * page_size)
        f.write(bytes(range(256)) * (page_size // 256))
    return db


@pytest.mark.parametrize(
    "command", [["sources"], ["ask", "What did the mayor say?"], ["index", str(BRIDGE)]]
)
async def test_corrupt_page_is_one_line_and_the_process_exits(
    tmp_path: Path, command: list[str]
) -> None:
    db = await corrupt_database(tmp_path)
    result, seconds = run(tmp_path, *command, "--db", str(db), timeout=20)
    assert_refused(result, "malformed", str(db))
    assert seconds < 20


async def test_corrupt_page_found_after_open_is_one_line(tmp_path: Path) -> None:
    """A page that opening does not read (an article's text, read by reindex) fails the
    later query in one line, and the process still exits."""
    db = tmp_path / "later.db"
    lib = await Library.open(db)
    text = "\n\n".join(f"Paragraph {i}: the mayor said the ferry will sail." for i in range(250))
    await lib.add_path(BRIDGE)
    await lib.add_document(parse_bytes(text.encode(), source="big.txt", filename="big.txt"))
    await lib.close()
    conn = sqlite3.connect(f"{db.as_uri()}?mode=ro", uri=True)
    try:
        overflow = conn.execute(
            "SELECT pageno FROM dbstat WHERE name = 'articles' AND pagetype = 'overflow'"
        ).fetchall()
        page_size = conn.execute("PRAGMA page_size").fetchone()[0]
    except sqlite3.OperationalError:
        pytest.skip("this SQLite has no dbstat table to find an overflow page with")
    finally:
        conn.close()
    page = overflow[len(overflow) // 2][0]
    with db.open("r+b") as f:
        f.seek((page - 1) * page_size)
        f.write(bytes(range(256)) * (page_size // 256))
    # Opening does not read it (a fork of tests/forks.py's server: the bot imported once).
    lister = start_cli(["sources", "--db", str(db)], tmp_path, tmp_path / "out", tmp_path / "err")
    lister.join(30)
    assert lister.exitcode == 0 and "big" in (tmp_path / "out").read_text()
    result, _ = run(tmp_path, "reindex", "--db", str(db), timeout=20)
    assert result.returncode == 2, result.stderr
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr
    assert "malformed" in result.stderr or "corrupt" in result.stderr, result.stderr


async def test_failed_opens_leave_no_thread_behind(tmp_path: Path) -> None:
    db = await corrupt_database(tmp_path)
    threads = sqlite_threads()
    for _ in range(3):
        with pytest.raises(StoreError, match="malformed"):
            await Library.open(db)
    with pytest.raises(ValueError, match="segmenter"):
        await Library.open(tmp_path / "fine.db", segmenter="no-such-segmenter")
    assert not threads_left_behind(threads)


@pytest.mark.parametrize(
    "where",
    ["{file}/x.db", "{file}/deeper/x.db", "{folder}", "{folder}/{long}.db"],
)
def test_unusable_database_path_is_one_line(cli: Cli, tmp_path: Path, where: str) -> None:
    file = tmp_path / "hostname"
    file.write_text("not a folder\n")
    folder = tmp_path / "a-folder"
    folder.mkdir()
    path = where.format(file=file, folder=folder, long="x" * 300)
    result = cli("sources", "--db", path)
    assert_refused(result)
    assert "Traceback" not in result.stderr
    assert file.read_text() == "not a folder\n" and list(folder.iterdir()) == []
