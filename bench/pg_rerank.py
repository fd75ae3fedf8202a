"""Semantic rerank on PostgreSQL against SQLite: what reading the candidates' vectors costs.

    python bench/pg_rerank.py [--size 10000] [--questions 300]

Builds the same synthetic library (bench/library_scale.py) in an SQLite file and in a
PostgreSQL database (started as the tests start it, tests/pg_server.py, on the same
cores), stores a vector of the shipped model's size (384 int8 values and a scale) for
every sentence and paragraph, and times ``Library.ask`` for the same questions with the
rerank off and on. The question is encoded by a stub (one fixed vector, the same on both
backends), so the difference is the rerank's own work: one read of the 30 candidates'
vectors (on the library thread's own connection) and the fusion. Encoding the question
with the real model adds the same on both backends (bench/hybrid.py measures it).
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from library_scale import build
from synthetic import queries

from index.encoder import quantize, to_blob
from index.library import Library

from pg_server import running_server

DIM = 384  # all-MiniLM-L6-v2's
VERSION = "bench-rerank"


class FixedQuestion:
    """Every question encodes to one unit vector: the rerank's reads and fusion remain."""

    model_version = VERSION
    dim = DIM

    def __init__(self) -> None:
        v = np.random.default_rng(1).standard_normal(DIM).astype(np.float32)
        self.vector = v / np.linalg.norm(v)

    def encode(self, texts: Sequence[str], batch_size: int = 32) -> np.ndarray:
        return np.tile(self.vector, (len(texts), 1))


def random_blobs(n: int, seed: int) -> list[bytes]:
    x = np.random.default_rng(seed).standard_normal((n, DIM)).astype(np.float32)
    codes, scales = quantize(x / np.linalg.norm(x, axis=1, keepdims=True))
    return [to_blob(c, float(s)) for c, s in zip(codes, scales, strict=True)]


async def store_vectors(lib: Library) -> int:
    ids = [int(r[0]) for r in await lib.store.rows("SELECT id FROM sentences ORDER BY id")]
    paragraphs = await lib.store.rows(
        "SELECT DISTINCT article_id, paragraph FROM sentences ORDER BY 1, 2"
    )
    sentence_blobs = random_blobs(len(ids), 2)
    paragraph_blobs = random_blobs(len(paragraphs), 3)
    async with lib.store.transaction() as tx:
        await tx.executemany(
            "INSERT INTO sentence_vectors (sentence_id, model_version, vector) VALUES (?, ?, ?)",
            [(sid, VERSION, b) for sid, b in zip(ids, sentence_blobs, strict=True)],
        )
        await tx.executemany(
            "INSERT INTO paragraph_vectors (article_id, paragraph, model_version, vector)"
            " VALUES (?, ?, ?, ?)",
            [(a, p, VERSION, b) for (a, p), b in zip(paragraphs, paragraph_blobs, strict=True)],
        )
    return len(ids)


async def timed(lib: Library, questions: list[str]) -> list[float]:
    for q in questions[:20]:  # warm: connections opened, pages cached
        await lib.ask(q)
    out = []
    for q in questions:
        t = time.perf_counter()
        await lib.ask(q)
        out.append((time.perf_counter() - t) * 1000)
    return out


def line(name: str, ms: list[float]) -> str:
    ms = sorted(ms)
    p95 = ms[int(0.95 * (len(ms) - 1))]
    return f"{name:<34} p50 {statistics.median(ms):6.2f} ms   p95 {p95:6.2f} ms"


async def measure(database: str, size: int, questions: list[str]) -> None:
    await build(database, size)  # type: ignore[arg-type]  # a path or a URL
    lib = await Library.open(database)
    stored = await store_vectors(lib)
    lexical = await timed(lib, questions)
    lib.enable_semantic(FixedQuestion(), worker=False)  # type: ignore[arg-type]
    hybrid = await timed(lib, questions)
    kind = "PostgreSQL" if "://" in database else "SQLite"
    print(f"{kind}: {stored} sentences with vectors, {len(questions)} questions")
    print("  " + line("ask, lexical", lexical))
    print("  " + line("ask, with the rerank", hybrid))
    added = statistics.median(hybrid) - statistics.median(lexical)
    print(f"  rerank added (p50 difference): {added:.2f} ms")
    await lib.close()


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", type=int, default=10_000)
    parser.add_argument("--questions", type=int, default=300)
    args = parser.parse_args()
    questions = [" ".join(q) for q in queries(args.questions, seed=5)]
    with tempfile.TemporaryDirectory() as tmp:
        await measure(str(Path(tmp) / "lib.db"), args.size, questions)
    with running_server() as server:
        await measure(server.new_database(), args.size, questions)


if __name__ == "__main__":
    asyncio.run(main())
