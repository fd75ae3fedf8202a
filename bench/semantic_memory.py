"""What semantic ranking adds to the bot's memory at 1M sentences, and what the vector
worker process takes while it computes a backlog.

    .venv/bin/python bench/semantic_memory.py [--size 1000000] [--keep DIR]

Run it twice with ``--keep``: the run that builds the library loads the model for it in
the same process, and the memory that building freed hides the model's in its figures.

A synthetic library of ``--size`` sentences (bench/synthetic.py) gets random int8 vectors
for every sentence and paragraph (their values do not change the memory), is opened
lexically, and answers 200 questions (warm). Then, in the same process, the shipped model
is loaded and the same 200 questions are answered with the rerank, each question encoded
afresh: the resident memory (RSS) and its peak (VmHWM, reset after the library loaded)
over the warm lexical library are "the model plus what ranking keeps in memory".

Then the vectors of 3,000 sentences are deleted and the vector worker computes them again
in its worker process: that process's RSS and peak are printed (it exits once the backlog
has been empty for index/vectors.py's PROCESS_IDLE_SECONDS).
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import gc
import os
import sqlite3
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from index import semantic

CACHE = semantic.QUESTION_CACHE
from hybrid import fill_random_vectors  # noqa: E402

semantic.QUESTION_CACHE = CACHE  # the product's, which bench/hybrid.py raises for itself
from library_scale import build  # noqa: E402
from synthetic import queries  # noqa: E402

from index.encoder import Encoder  # noqa: E402
from index.library import Library  # noqa: E402
from index.vectors import VectorWorker  # noqa: E402

RELOADED = 3_000  # sentences whose vectors the worker process computes again


def status(pid: int | str = "self") -> dict[str, float]:
    """VmRSS and VmHWM of a process, in MB."""
    out = {}
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        key, _, value = line.partition(":")
        if key in ("VmRSS", "VmHWM"):
            out[key] = int(value.split()[0]) / 1024
    return out


def reset_peak() -> None:
    Path("/proc/self/clear_refs").write_text("5")  # VmHWM := VmRSS (Linux)


async def run(path: Path, size: int) -> None:
    if not path.exists():
        t = time.perf_counter()
        await build(path, size)
        encoder = Encoder.load()
        assert encoder is not None
        fill_random_vectors(path, encoder.model_version, encoder.dim)
        del encoder
        print(f"built {size:,} sentences with vectors in {time.perf_counter() - t:.0f} s")
    questions = [" ".join(q) for q in queries(200)]
    lib = await Library.open(path)
    try:
        for q in questions:
            await lib.ask(q, k=3)
        gc.collect()
        reset_peak()
        lexical = status()
        print(f"{size:,} sentences, lexical library warm: RSS {lexical['VmRSS']:.0f} MB")
        encoder = Encoder.load()
        assert encoder is not None
        lib.enable_semantic(encoder, worker=False)
        ranker = lib.semantic
        assert ranker is not None
        for q in questions:
            ranker._questions.clear()  # every question encoded, as in real use
            await lib.ask(q, k=3)
        for q in questions:  # then the question cache full, as in a long run
            await lib.ask(q, k=3)
        gc.collect()
        ranked = status()
        print(f"bot process, semantic on, 400 questions reranked: RSS "
              f"+{ranked['VmRSS'] - lexical['VmRSS']:.0f} MB, peak "
              f"+{ranked['VmHWM'] - lexical['VmRSS']:.0f} MB over the lexical library")  # fmt: skip

        conn = sqlite3.connect(path)
        conn.execute("DELETE FROM sentence_vectors WHERE sentence_id IN (SELECT id FROM "
                     "sentences ORDER BY id DESC LIMIT ?)", (RELOADED,))  # fmt: skip
        conn.commit()
        conn.close()
        worker = VectorWorker(path, encoder)
        lib._vectors = worker
        worker.start()
        child: dict[str, float] = {}
        while not worker.wait_idle(0.2):
            pool = worker._process._pool if worker._process is not None else None
            for pid in list(getattr(pool, "_processes", None) or {}):
                with contextlib.suppress(FileNotFoundError):
                    child = status(pid)
        gc.collect()
        after = status()
        print(f"vector worker process while it computed {RELOADED:,} sentences' vectors: RSS "
              f"{child.get('VmRSS', 0):.0f} MB, peak {child.get('VmHWM', 0):.0f} MB (a process "
              f"of its own, gone when the backlog stays empty)")  # fmt: skip
        print(f"bot process meanwhile: RSS +{after['VmRSS'] - lexical['VmRSS']:.0f} MB, peak "
              f"+{after['VmHWM'] - lexical['VmRSS']:.0f} MB over the lexical library")  # fmt: skip
        print(f"load average: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    finally:
        await lib.close()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--size", type=int, default=1_000_000)
    parser.add_argument("--keep", metavar="DIR", help="keep the library here between runs")
    args = parser.parse_args()
    if args.keep:
        Path(args.keep).mkdir(parents=True, exist_ok=True)
        asyncio.run(run(Path(args.keep) / f"memory-{args.size}.db", args.size))
        return
    with tempfile.TemporaryDirectory(prefix="articlebot-semantic-memory-") as folder:
        asyncio.run(run(Path(folder) / "library.db", args.size))


if __name__ == "__main__":
    main()
