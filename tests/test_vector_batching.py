"""The vector worker sorts a window of missing sentences by length before batching them
(index/vectors.py): a batch holds texts of about one length, so it computes little
padding, and every sentence still gets the vector it gets in an id-order batch.

The encoder is the tiny random model of tests/test_encoder.py, run on the worker's
thread (``process=False``); the batches are recorded where the worker hands them over.
"""

from __future__ import annotations

import asyncio
import sqlite3
from pathlib import Path

import numpy as np
import pytest
from test_encoder import HEADS, tiny_tokenizer, tiny_weights

from index.encoder import Encoder, from_blobs
from index.store import Store
from index.vector_process import EncoderLost, blobs
from index.vectors import BATCH, VectorWorker

VERSION = "tiny-batching"
SHORT = "The vote."
LONG = (
    "The council approved the budget on Tuesday after a long debate about the bank, the"
    " river, the schools and the snow that closed them in the region last winter."
)


def _texts(count: int) -> list[str]:
    """Long and short sentences taking turns two by two, as id order mixes them in a real
    library; each pair is a paragraph, so paragraphs of two lengths take turns too."""
    return [f"{SHORT} {i}" if i // 2 % 2 else f"{LONG} {i}" for i in range(count)]


def _library(path: Path, texts: list[str]) -> None:
    async def create() -> None:
        await (await Store.open(path)).close()

    asyncio.run(create())
    conn = sqlite3.connect(path)
    conn.execute(
        "INSERT INTO articles (id, title, source, text, added_at) VALUES ('a', 'a', 'a', '', '')"
    )
    conn.executemany(
        "INSERT INTO sentences (id, article_id, paragraph, number, start, end, text, term_ids)"
        " VALUES (?, 'a', ?, ?, 0, 0, ?, x'')",
        [(i + 1, i // 2, i, text) for i, text in enumerate(texts)],
    )
    conn.commit()
    conn.close()


def _encoder() -> Encoder:
    return Encoder(tiny_weights(), tiny_tokenizer(), heads=HEADS, model_version=VERSION)


def _sentence_vectors(conn: sqlite3.Connection, dim: int) -> tuple[np.ndarray, np.ndarray]:
    rows = conn.execute(
        "SELECT vector FROM sentence_vectors WHERE model_version = ? ORDER BY sentence_id",
        (VERSION,),
    ).fetchall()
    return from_blobs([r[0] for r in rows], dim)


def test_a_batch_holds_sentences_or_paragraphs_of_about_one_length(tmp_path: Path) -> None:
    texts = _texts(4 * BATCH)
    _library(tmp_path / "lib.db", texts)
    worker = VectorWorker(tmp_path / "lib.db", _encoder(), process=False)
    handed: list[list[str]] = []
    encode = worker._blobs

    def recording(batch: list[str]) -> list[bytes]:
        handed.append(batch)
        return encode(batch)

    worker._blobs = recording  # type: ignore[method-assign]
    conn = worker._connect()
    try:
        while worker.step(conn):
            pass
        sentence_batches = [b for b in handed if set(b) <= set(texts)]
        paragraph_batches = [b for b in handed if not set(b) & set(texts)]
        assert sorted(t for b in sentence_batches for t in b) == sorted(texts)
        assert sum(map(len, paragraph_batches)) == len(texts) // 2
        assert len(sentence_batches) + len(paragraph_batches) == len(handed)
        # Each batch is all short or all long texts: none pads a short one to a long one.
        for batch in sentence_batches + paragraph_batches:
            assert len({t.startswith(SHORT) for t in batch}) == 1, batch
            assert len(batch) == BATCH
        assert worker.waiting == 0
        paragraphs = conn.execute("SELECT COUNT(*) FROM paragraph_vectors").fetchone()[0]
        assert paragraphs == len(texts) // 2
    finally:
        conn.close()


def test_sorted_batches_give_each_sentence_its_id_order_vector(tmp_path: Path) -> None:
    """The vectors are the ones id-order batches of ``BATCH`` gave (the worker before the
    sorting window), to within float32 rounding: an int8 code may move by one step when a
    component lies on a rounding boundary, never more."""
    texts = _texts(4 * BATCH)
    _library(tmp_path / "lib.db", texts)
    encoder = _encoder()
    worker = VectorWorker(tmp_path / "lib.db", encoder, process=False)
    conn = worker._connect()
    try:
        while worker.step(conn):
            pass
        codes, scales = _sentence_vectors(conn, encoder.dim)
    finally:
        conn.close()
    before = [b for start in range(0, len(texts), BATCH)
              for b in blobs(encoder, texts[start : start + BATCH])]  # fmt: skip
    old_codes, old_scales = from_blobs(before, encoder.dim)
    assert codes.shape == old_codes.shape
    assert np.abs(codes.astype(int) - old_codes.astype(int)).max() <= 1
    np.testing.assert_allclose(scales, old_scales, rtol=1e-5)
    reference = encoder.encode(texts)
    np.testing.assert_allclose(codes * scales[:, None], reference, atol=float(scales.max()))


@pytest.mark.parametrize("dies_on", [2, 6], ids=["sentences", "paragraphs"])
def test_a_batch_lost_mid_window_gets_its_vectors_on_the_next_try(
    tmp_path: Path, dies_on: int
) -> None:
    """A worker process that dies on the second batch of a window (of sentences: call 2;
    of paragraphs: call 6, after four sentence batches) loses that batch only until the
    next wake: the window is read again from the cursor, not skipped."""
    texts = _texts(4 * BATCH)
    _library(tmp_path / "lib.db", texts)
    encoder = _encoder()
    worker = VectorWorker(tmp_path / "lib.db", encoder, process=False)
    calls = 0
    encode = worker._blobs

    def dies_once(batch: list[str]) -> list[bytes]:
        nonlocal calls
        calls += 1
        if calls == dies_on:
            raise EncoderLost("killed")
        return encode(batch)

    worker._blobs = dies_once  # type: ignore[method-assign]
    conn = worker._connect()
    try:
        with pytest.raises(EncoderLost):
            while worker.step(conn):
                pass
        assert calls == dies_on
        while worker.step(conn):
            pass
        missing = conn.execute(
            "SELECT COUNT(*) FROM sentences s LEFT JOIN sentence_vectors v"
            " ON v.sentence_id = s.id WHERE v.sentence_id IS NULL"
        ).fetchone()[0]
        assert missing == 0
        assert worker.waiting == 0
        paragraphs = conn.execute("SELECT COUNT(*) FROM paragraph_vectors").fetchone()[0]
        assert paragraphs == len(texts) // 2
    finally:
        conn.close()
