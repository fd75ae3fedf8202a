"""Article ids: a server's reveal nothing about other servers; version 1 files upgrade."""

from __future__ import annotations

import re
import sqlite3
import struct
from pathlib import Path

import pytest

import index.store
from index.ingest import parse_bytes
from index.library import Library
from index.models import Document
from index.store import APPLICATION_ID, SCHEMA_VERSION, Store

SERVER_A, SERVER_B = 4001, 4002
HARBOR = "date 2025-05-17\ntitle Harbor news\n\nThe harbor master said the quay reopens.\n"


def doc(text: str, source: str) -> Document:
    return parse_bytes(text.encode(), source=source, filename=Path(source).name)


async def test_a_servers_article_id_says_nothing_about_other_servers(database: str) -> None:
    lib = await Library.open(database)
    try:
        alone = await lib.add_document(doc(HARBOR, "harbor.txt"), guild_id=SERVER_B)
        await lib.remove(alone.id, guild_id=SERVER_B)
        # Another server now holds an article of the same title and date, even from a file
        # of the same name, and the owner shares one too.
        theirs = await lib.add_document(doc(HARBOR, "harbor.txt"), guild_id=SERVER_A)
        shared = await lib.add_document(doc(HARBOR, "harbor.txt"))
        again = await lib.add_document(doc(HARBOR, "harbor.txt"), guild_id=SERVER_B)
        assert again.id == alone.id
        assert len({theirs.id, shared.id, again.id}) == 3
        # Each stays its own scope's: nothing replaced anything of another scope.
        assert {a.id for a in lib.articles(SERVER_A)} == {theirs.id, shared.id}
        assert {a.id for a in lib.articles(SERVER_B)} == {again.id, shared.id}
        assert {a.id for a in await lib.store.articles()} == {theirs.id, shared.id, again.id}
    finally:
        await lib.close()


# articlebot's schema version 1, as it shipped: what the upgrade starts from.
V1_SCHEMA = """
CREATE TABLE articles (
    id TEXT PRIMARY KEY, guild_id INTEGER, title TEXT NOT NULL, date TEXT, url TEXT,
    source TEXT NOT NULL, text TEXT NOT NULL, body_start INTEGER NOT NULL DEFAULT 0,
    added_at TEXT NOT NULL);
CREATE INDEX articles_guild ON articles(guild_id);
CREATE INDEX articles_source ON articles(source, guild_id);
CREATE TABLE sentences (
    id INTEGER PRIMARY KEY, article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    paragraph INTEGER NOT NULL, number INTEGER NOT NULL, start INTEGER NOT NULL,
    end INTEGER NOT NULL, text TEXT NOT NULL, term_ids BLOB NOT NULL, speaker TEXT,
    UNIQUE (article_id, number));
CREATE TABLE terms (id INTEGER PRIMARY KEY, term TEXT NOT NULL UNIQUE);
CREATE TABLE entities (
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE, name TEXT NOT NULL,
    roles TEXT NOT NULL, PRIMARY KEY (article_id, name));
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
"""

V1_ARTICLES = [  # id, server, text
    ("2025-05-17-harbor-news", None, "The harbor master said the quay reopens."),
    ("2025-05-17-ferry-strike", SERVER_A, "The union leader Mara Olsen said the strike ends."),
    ("2025-05-17-ferry-strike-1a2b3c", SERVER_B, "The captain said the ferry sails at noon."),
]


def version_1_file(db: Path) -> None:
    """A small library as articlebot 0.1 (schema 1) stored it."""
    conn = sqlite3.connect(db)
    conn.executescript(V1_SCHEMA)
    conn.execute("PRAGMA journal_mode = WAL")
    terms: dict[str, int] = {}
    for n, (article_id, guild, text) in enumerate(V1_ARTICLES, start=1):
        words = re.findall(r"\w+", text.lower())
        ids = [terms.setdefault(w, len(terms)) for w in words]
        conn.execute(
            "INSERT INTO articles VALUES (?, ?, ?, '2025-05-17', NULL, ?, ?, 0, '2025-05-17')",
            (article_id, guild, text[:20], f"{article_id}.txt", text),
        )
        conn.execute(
            "INSERT INTO sentences VALUES (?, ?, 1, 1, 0, ?, ?, ?, NULL)",
            (n * 10, article_id, len(text), text, struct.pack(f"<{len(ids)}i", *ids)),
        )
        conn.execute("INSERT INTO entities VALUES (?, 'Mara Olsen', 'leader')", (article_id,))
    conn.executemany("INSERT INTO terms VALUES (?, ?)", [(i, t) for t, i in terms.items()])
    conn.execute("INSERT INTO meta VALUES ('analyzer', '0')")  # re-analysed on open
    conn.execute("PRAGMA user_version = 1")
    conn.commit()
    conn.close()


def header(db: Path) -> tuple[int, int, list[str], list[str]]:
    conn = sqlite3.connect(db)
    try:
        return (
            conn.execute("PRAGMA user_version").fetchone()[0],
            conn.execute("PRAGMA application_id").fetchone()[0],
            [r[0] for r in conn.execute("SELECT key FROM meta ORDER BY key")],
            [r[0] for r in conn.execute("SELECT id FROM articles ORDER BY id")],
        )
    finally:
        conn.close()


async def test_version_1_file_is_upgraded_in_one_transaction(tmp_path: Path) -> None:
    db = tmp_path / "v1.db"
    version_1_file(db)
    await (await Store.open(db)).close()  # the upgrade alone, before any re-analysis
    version, application, keys, ids = header(db)
    assert (version, application) == (SCHEMA_VERSION, APPLICATION_ID)
    assert {"id_key", "last_sentence_id"} <= set(keys)
    shared, *servers = V1_ARTICLES
    renamed = {}
    for old, guild, _ in servers:
        [new] = [i for i in ids if re.fullmatch(re.escape(old) + "-[0-9a-f]{8}", i)]
        renamed[guild] = new
    assert sorted([shared[0], *renamed.values()]) == ids  # a shared id is kept
    conn = sqlite3.connect(db)
    try:
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
        moved = conn.execute(
            "SELECT a.guild_id, COUNT(DISTINCT s.id), COUNT(DISTINCT e.name) FROM articles a"
            " JOIN sentences s ON s.article_id = a.id JOIN entities e ON e.article_id = a.id"
            " GROUP BY a.id ORDER BY a.guild_id IS NOT NULL, a.guild_id"
        ).fetchall()
        assert moved == [(None, 1, 1), (SERVER_A, 1, 1), (SERVER_B, 1, 1)]
        assert conn.execute("SELECT value FROM meta WHERE key = 'last_sentence_id'").fetchone() == (
            "30",
        )
    finally:
        conn.close()

    lib = await Library.open(db)  # re-analyses (the stored analyzer is older)
    try:
        for _, guild, text in servers:
            answer = await lib.ask(f"What did the {text.split()[1]} say?", guild_id=guild)
            assert answer.quotes and answer.quotes[0].citation.article_id == renamed[guild]
            # New sentence ids never go back below those ever stored.
            assert min(lib._held[renamed[guild]]) > 30
    finally:
        await lib.close()
    assert header(db)[3] == ids  # and opening again changes no id


async def test_failed_upgrade_leaves_version_1(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = tmp_path / "v1.db"
    version_1_file(db)
    before = header(db)

    def broken(*args: object) -> None:
        raise RuntimeError("power cut")

    monkeypatch.setattr(index.store, "_server_ids", broken)
    with pytest.raises(RuntimeError, match="power cut"):
        await Library.open(db)
    assert header(db) == before == (1, 0, ["analyzer"], sorted(a[0] for a in V1_ARTICLES))
    monkeypatch.undo()
    await (await Library.open(db)).close()
    assert header(db)[:2] == (SCHEMA_VERSION, APPLICATION_ID)
