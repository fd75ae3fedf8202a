from __future__ import annotations

import sqlite3
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from index.analyze import ANALYZER_VERSION
from index.ingest import IngestError
from index.library import Library, UnknownArticle
from index.models import Document, Quote
from index.pipeline import Processed
from index.store import APPLICATION_ID, SCHEMA_VERSION, Store, StoreError
from index.stores import backend_of, open_store


def same_quote(q: Quote) -> tuple[str, str, int, int, float]:
    """What must not change when a library is reopened: the text, where it is, its score."""
    return (q.text, q.citation.article_id, q.citation.start, q.citation.end, round(q.score, 9))


@pytest.fixture
async def library(database: str) -> AsyncIterator[Library]:
    """This module's libraries: once on each store backend (conftest's ``database``)."""
    lib = await Library.open(database)
    yield lib
    await lib.close()


async def test_round_trip_and_reopen(database: str, sample_path: Path) -> None:
    db = database
    lib = await Library.open(db)
    article = await lib.add_path(sample_path)
    before = await lib.ask("What did Lavrov confirm?")
    await lib.close()

    lib = await Library.open(db)
    try:
        assert [a.id for a in lib.articles()] == [article.id]
        after = await lib.ask("What did Lavrov confirm?")
        assert list(map(same_quote, after.quotes)) == list(map(same_quote, before.quotes))
        assert after.quotes and "Lavrov" in after.quotes[0].text
    finally:
        await lib.close()

    if backend_of(db) == "postgresql":
        store = await open_store(db)
        try:
            assert await store.rows("SELECT application_id, version FROM articlebot_schema") == [
                (APPLICATION_ID, SCHEMA_VERSION)
            ]
            assert await store.integrity_check() == "ok"
        finally:
            await store.close()
        return
    conn = sqlite3.connect(db)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert conn.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    conn.close()


async def test_same_source_replaces_article(sample_library: Library, sample_path: Path) -> None:
    first = sample_library.articles()
    again = await sample_library.add_path(sample_path)
    assert [a.id for a in sample_library.articles()] == [a.id for a in first] == [again.id]
    assert sample_library.stats().sentences == again.sentences


async def test_remove_deletes_rows_and_index(sample_library: Library) -> None:
    [article] = sample_library.articles()
    await sample_library.remove(article.id)
    assert sample_library.articles() == []
    assert (await sample_library.ask("What did Peskov say?")).abstained
    with pytest.raises(UnknownArticle):
        await sample_library.remove(article.id)


async def test_article_without_sentences_is_refused(library: Library) -> None:
    doc = Document(text="   ", source="x.txt", title="x")
    with pytest.raises(IngestError):
        await library.add_processed(Processed(doc, [], []))
    assert library.articles() == []


async def test_failed_write_leaves_nothing(library: Library, sample_path: Path) -> None:
    from index.ingest import read_path
    from index.pipeline import process

    processed = process(read_path(sample_path))
    broken = Processed(processed.doc, processed.sentences, processed.terms[:-1])  # mismatched
    with pytest.raises(ValueError):
        await library.add_processed(broken)
    assert library.articles() == []
    assert await library.store.articles() == []


async def test_newer_schema_is_refused_without_touching_data(tmp_path: Path) -> None:
    db = tmp_path / "lib.db"
    conn = sqlite3.connect(db)
    conn.execute("CREATE TABLE keep (x)")
    conn.execute("INSERT INTO keep VALUES (42)")
    conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")  # articlebot's, of a later version
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.commit()
    conn.close()
    with pytest.raises(StoreError, match="newer than this articlebot"):
        await Store.open(db)
    conn = sqlite3.connect(db)
    assert conn.execute("SELECT x FROM keep").fetchone() == (42,)
    conn.close()


async def test_not_a_database_gives_clear_error(tmp_path: Path) -> None:
    db = tmp_path / "garbage.db"
    db.write_bytes(b"this is not sqlite" * 100)
    with pytest.raises(StoreError, match="cannot use database"):
        await Store.open(db)
    assert db.read_bytes() == b"this is not sqlite" * 100


async def test_articles_are_reanalysed_when_the_analyzer_changed(
    tmp_path: Path, database: str
) -> None:
    """A library stored by an older analyzer is re-analysed on open, not left unmatchable."""
    article = tmp_path / "faith.txt"
    article.write_text("Most Christians in the town attend the old chapel.\n")
    db = database
    lib = await Library.open(db)
    await lib.add_path(article)
    await lib.close()
    # What the previous analyzer stored: the lemmatiser's capitalised lemma.
    store = await open_store(db)
    try:
        async with store.transaction() as tx:
            await tx.execute("UPDATE terms SET term = 'Christian' WHERE term = 'christian'")
            await tx.execute("UPDATE meta SET value = '1' WHERE key = 'analyzer'")
    finally:
        await store.close()

    lib = await Library.open(db)
    try:
        answer = await lib.ask("How many christian people attend the chapel?")
        assert answer.quotes and "Christians" in answer.quotes[0].text
        assert await lib.store.get_meta("analyzer") == ANALYZER_VERSION
    finally:
        await lib.close()
