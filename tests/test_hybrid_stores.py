"""Hybrid ranking on both store backends (index/vectors.py's worker, index/semantic.py's
rerank, index/pg_vectors.py for PostgreSQL): the same meaning on SQLite and PostgreSQL.

The tiny random-weight model of tests/test_encoder.py computes the vectors; where the
order must be known, the stub encoder of tests/test_hybrid.py gives chosen cosines.
"""

from __future__ import annotations

import asyncio
import socket
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pytest
from test_hybrid import FOUR, QUESTIONS, SAMPLE, StubEncoder, tiny

from index.encoder import Encoder
from index.library import Library
from index.migrate import migrate
from index.pg_vectors import PgVectorSource
from index.semantic import SemanticRanker
from index.stores import open_store

pytestmark = pytest.mark.usefixtures("vectors_on_the_thread")  # conftest.py says why

WAIT = 60.0  # seconds a test waits for the vectors before it fails


async def count(lib: Library, sql: str) -> int:
    return int((await lib.store.rows(sql))[0][0])


async def settled(*libs: Library) -> None:
    """Until no sentence or paragraph of the database waits for a vector of the model in
    use (whichever worker computes)."""
    assert libs[0].semantic is not None
    version = libs[0].semantic.encoder.model_version
    loop = asyncio.get_running_loop()
    deadline = loop.time() + WAIT
    while True:
        waiting = [await lib.count_vectors_waiting() for lib in libs]
        found = await libs[0].store.rows(
            "SELECT COUNT(*) FROM (SELECT DISTINCT article_id, paragraph FROM sentences) s"
            " WHERE NOT EXISTS (SELECT 1 FROM paragraph_vectors p WHERE p.article_id ="
            " s.article_id AND p.paragraph = s.paragraph AND p.model_version = ?)",
            (version,),
        )
        paragraphs = int(found[0][0])
        if not any(waiting) and not paragraphs:
            return
        assert loop.time() < deadline, f"vectors still missing: {waiting}, {paragraphs}"
        await asyncio.sleep(0.05)


async def test_vectors_are_stored_deleted_and_recomputed(database: str) -> None:
    lib = await Library.open(database)
    lib.enable_semantic(tiny("tiny-a"))
    article = await lib.add_path(SAMPLE)
    assert (await lib.ask("What did Peskov say?")).quotes  # answerable by BM25 at once
    assert await lib.wait_for_vectors(WAIT)
    await settled(lib)
    assert lib.vectors_waiting() == 0 == await lib.count_vectors_waiting()
    stored = await lib.store.rows("SELECT model_version, COUNT(*) FROM sentence_vectors GROUP BY 1")
    assert stored == [("tiny-a", article.sentences)]
    assert lib.stats().vectors_waiting == 0
    await lib.close()

    # Another model (what `reindex` after an upgrade meets): the old vectors count as
    # missing, in the stats too, and are recomputed.
    lib = await Library.open(database)
    lib.enable_semantic(tiny("tiny-b"), worker=False)
    assert await lib.count_vectors_waiting() == article.sentences
    await lib.close()
    lib = await Library.open(database)
    lib.enable_semantic(tiny("tiny-b"))
    await settled(lib)
    versions = await lib.store.rows("SELECT DISTINCT model_version FROM sentence_vectors")
    assert versions == [("tiny-b",)]
    versions = await lib.store.rows("SELECT DISTINCT model_version FROM paragraph_vectors")
    assert versions == [("tiny-b",)]

    await lib.remove(article.id)  # the vectors go with their article
    assert await count(lib, "SELECT COUNT(*) FROM sentence_vectors") == 0
    assert await count(lib, "SELECT COUNT(*) FROM paragraph_vectors") == 0
    await lib.close()


async def _answers(database: str) -> tuple[list[list[str]], list[list[str]]]:
    """Each question's quotes, lexical and then hybrid, on one library."""
    lib = await Library.open(database)
    await lib.add_path(SAMPLE)
    lexical = [[q.text for q in (await lib.ask(q, k=5)).quotes] for q in QUESTIONS]
    lib.enable_semantic(tiny("tiny-same"))
    await settled(lib)
    hybrid = [[q.text for q in (await lib.ask(q, k=5)).quotes] for q in QUESTIONS]
    await lib.close()
    return lexical, hybrid


async def test_the_same_question_gets_the_same_order_on_sqlite_and_postgresql(
    tmp_path: Path, pg_url: str
) -> None:
    lexical, on_sqlite = await _answers(str(tmp_path / "lib.db"))
    same_lexical, on_postgresql = await _answers(pg_url)
    assert same_lexical == lexical
    assert on_sqlite != lexical  # the rerank did reorder something
    assert on_postgresql == on_sqlite


async def test_a_sentence_without_a_vector_is_ranked_lexically(database: str) -> None:
    lib = await Library.open(database)
    await lib.add_document(FOUR)
    lib.enable_semantic(StubEncoder({"Is the": 0}))  # type: ignore[arg-type]
    await settled(lib)
    ranker = lib.semantic
    assert ranker is not None
    ids = [int(r[0]) for r in await lib.store.rows("SELECT id FROM sentences ORDER BY id")]
    scores = {sid: 3.0 - i for i, sid in enumerate(ids)}
    async with lib.store.transaction() as tx:
        await tx.execute("DELETE FROM sentence_vectors WHERE sentence_id = ?", (ids[0],))
    # Off the loop, as the library thread runs it.
    found = await asyncio.to_thread(ranker.vectors, ids)
    assert found[ids[0]][0] is None and all(found[sid][0] for sid in ids[1:])
    fused = await asyncio.to_thread(ranker.fuse, "Is the plan good?", ids, scores)
    assert set(fused) == set(ids)  # nobody dropped
    # The stored cosines are all 0, so the missing one gets their mean: lexical order.
    assert sorted(ids, key=lambda s: -fused[s]) == ids
    await lib.close()


class CountingEncoder:
    """The tiny model, counting every text it encodes."""

    def __init__(self, encoder: Encoder) -> None:
        self.encoder = encoder
        self.model_version = encoder.model_version
        self.texts: list[str] = []

    def encode(self, texts: Sequence[str], batch_size: int = 32) -> np.ndarray:
        self.texts.extend(texts)
        return self.encoder.encode(texts, batch_size=batch_size)


async def test_one_process_computes_the_vectors_of_a_postgresql_library(pg_url: str) -> None:
    """Two libraries on one database (two processes' worth): every vector computed once."""
    model = tiny("tiny-shared")
    first, second = await Library.open(pg_url), await Library.open(pg_url)
    encoders = [CountingEncoder(model), CountingEncoder(model)]
    for lib, encoder in zip((first, second), encoders, strict=True):
        lib.enable_semantic(encoder, process=False)  # type: ignore[arg-type]  # counted here
        lib.follow(0.05)  # as the bot does: another process's articles wake the worker
    await first.add_path(SAMPLE)
    await second.add_document(FOUR)
    await settled(first, second)
    # One worker did it all: the other encoded nothing, and nothing was encoded twice.
    assert sorted(len(e.texts) for e in encoders)[0] == 0
    assert len(encoders[0].texts) + len(encoders[1].texts) == await _texts(first)
    await first.close()
    await second.close()


async def _texts(lib: Library) -> int:
    """Sentences plus paragraphs: what one worker encodes for the whole library."""
    return await count(lib, "SELECT COUNT(*) FROM sentences") + await count(
        lib, "SELECT COUNT(*) FROM (SELECT DISTINCT article_id, paragraph FROM sentences) p"
    )


@pytest.mark.parametrize("ids", [[], [10**9]])
async def test_unknown_or_no_candidates_read_nothing(database: str, ids: list[int]) -> None:
    lib = await Library.open(database)
    lib.enable_semantic(tiny("tiny-a"), worker=False)
    assert lib.semantic is not None
    assert await asyncio.to_thread(lib.semantic.vectors, ids) == {}
    await lib.close()


async def test_migrate_carries_the_vectors_to_postgresql(tmp_path: Path, pg_url: str) -> None:
    """Vectors are copied, not recomputed: the PostgreSQL library reranks at once, as the
    file did."""
    db = str(tmp_path / "lib.db")
    lib = await Library.open(db)
    await lib.add_path(SAMPLE)
    lib.enable_semantic(tiny("tiny-moved"))
    await settled(lib)
    here = [[q.text for q in (await lib.ask(q, k=5)).quotes] for q in QUESTIONS]
    await lib.close()
    source, destination = await open_store(db), await open_store(pg_url)
    try:
        assert all(check.ok for check in await migrate(source, destination))
    finally:
        await source.close()
        await destination.close()
    moved = await Library.open(pg_url)
    moved.enable_semantic(tiny("tiny-moved"), worker=False)  # nothing to compute
    assert await moved.count_vectors_waiting() == 0
    there = [[q.text for q in (await moved.ask(q, k=5)).quotes] for q in QUESTIONS]
    await moved.close()
    assert there == here


def test_an_unreachable_postgresql_leaves_the_answers_lexical() -> None:
    """The ranker's reads fail fast and then pause: the answering thread is not held."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]  # closed again: nothing listens there
    source = PgVectorSource(f"postgresql://articlebot@127.0.0.1:{port}/library")
    ranker = SemanticRanker(source, tiny("tiny-a"))
    scores = {1: 2.0, 2: 1.0}
    assert ranker.fuse("Who won?", [1, 2], scores) == scores
    with pytest.raises(ConnectionError, match="paused"):
        source.vectors([1], "tiny-a")  # not tried again at once
    ranker.close()
