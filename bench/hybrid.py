"""Hybrid ranking (index/semantic.py): what it buys and what it costs (not product code).

    .venv/bin/python bench/hybrid.py quality [--shared ../shared] [--db /tmp/hy-sq.db]
    .venv/bin/python bench/hybrid.py cost [--size 100000] [--stall 640]

``quality``: squad-dev P@1 / MRR@5 with the switch off and on. The weights are chosen on
the questions of the even-numbered articles (sorted by file name) and reported on the
odd-numbered ones (held out) and on all; then seed-dev (sample article) and
tests/data/fresh-a, off and on. ``--db`` is a squad-dev library whose vectors are already
computed (``articlebot index --db /tmp/hy-sq.db ../shared/eval/squad-dev/articles/*.txt``
makes one and waits for its vectors); question vectors are computed once per run.

``cost``: on a synthetic library of ``--size`` sentences (bench/synthetic.py) whose vector
tables are filled with random int8 vectors (their values do not change the cost), the
added latency per question (p50 of ask with the rerank minus ask without it), the memory
the semantic side adds (model, question cache, SQLite reader: nothing grows with the
library, since vectors are read per question), and the event loop's longest stall while
the vector worker encodes ``--stall`` new sentences. ``--process`` (an experiment, not
the product) has the worker thread hand its texts to a child process with its own copy of
the model, at the niceness increment ``BENCH_ENCODER_NICE``, to tell the GIL's share of
a stall from the CPU's.
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import os
import sqlite3
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")  # what the worker asks of threadpoolctl

import numpy as np

sys.path.insert(0, str(Path(__file__).parent))

from bot.loopwatch import LoopWatch
from index import semantic
from index.encoder import Encoder
from index.evaluate import evaluate, load_questions
from index.library import Library

semantic.QUESTION_CACHE = 1_000_000  # encode each question once per run, whatever the grid

ROOT = Path(__file__).resolve().parents[1]
GRID = [(0.0, 0.5), (0.15, 0.25), (0.15, 0.5), (0.15, 0.75), (0.3, 0.25), (0.3, 0.5)]
GRID += [(0.3, 0.75), (0.45, 0.5), (0.45, 0.75), (0.6, 0.5), (0.6, 1.0)]  # around the issue's


def rss_mb() -> float:
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


async def score(lib: Library, items: list[dict[str, object]], on: bool) -> tuple[float, float]:
    ranker = lib.semantic
    lib._ranker = ranker if on else None  # the switch, without reopening the library
    report = await evaluate(items, lambda q: lib.ask(q, k=5))
    lib._ranker = ranker
    return report.p_at_1, report.mrr_at_5


def preload(ranker: semantic.SemanticRanker, cache: Path = Path("/tmp/hy-qvec.npz")) -> None:
    """Question vectors encoded beforehand in batches (the same vectors as one at a time:
    each depends on its own text only), so that a run on a loaded machine is not spent
    encoding the same questions again."""
    if not cache.is_file():
        return
    data = np.load(cache, allow_pickle=True)
    if str(data["version"]) != ranker.encoder.model_version:
        return
    ranker._questions.update(zip(data["q"].tolist(), data["v"], strict=True))


async def small_set(path: Path, questions: Path, articles: list[Path]) -> None:
    lib = await Library.open(path, semantic=True)
    for article in articles:
        await lib.add_path(article)
    await lib.wait_for_vectors()
    items = load_questions(questions)
    ranker = lib.semantic
    assert ranker is not None
    preload(ranker)
    for label, on in (("off", False), ("on", True)):
        lib._ranker = ranker if on else None
        r = await evaluate(items, lambda q: lib.ask(q, k=5))
        print(f"{questions.parent.name}/{questions.name} {label}: P@1 {r.p_at_1:.3f} "
              f"MRR@5 {r.mrr_at_5:.3f}, attribution R@3 {r.attribution_r_at_3:.3f}, "
              f"abstained right {r.abstain_correct}/{r.abstain}, "
              f"wrongly {r.wrongly_abstained}")  # fmt: skip
    lib._ranker = ranker
    await lib.close()


def squad_halves(shared: Path) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """squad-dev's questions split by article: the even-numbered articles (by file name),
    where settings are chosen, and the odd-numbered ones, which measure them unseen."""
    squad = shared / "eval" / "squad-dev"
    items = load_questions(squad / "questions.jsonl")
    names = sorted(p.name for p in (squad / "articles").glob("*.txt"))
    even = {n for i, n in enumerate(names) if i % 2 == 0}
    return [q for q in items if q["article"] in even], [
        q for q in items if q["article"] not in even
    ]


async def quality(shared: Path, db: Path) -> None:
    tune, held = squad_halves(shared)
    lib = await Library.open(db, semantic=True, background=False)
    waiting = await lib.count_vectors_waiting()
    assert lib.semantic is not None, "the model did not load"
    preload(lib.semantic)
    print(f"squad-dev: {len(tune)} tuning and {len(held)} held-out questions; "
          f"{waiting} sentences without vectors")  # fmt: skip
    base = await score(lib, tune, False)
    print(f"  tuning half, off:              P@1 {base[0]:.3f} MRR@5 {base[1]:.3f}")
    best = (0.0, 0.0, -1.0)
    results: list[tuple[float, float, float, float]] = []
    for ws, wp in GRID:
        lib.semantic.sentence_weight, lib.semantic.paragraph_weight = ws, wp
        t = time.perf_counter()
        p1, mrr = await score(lib, tune, True)
        print(f"  tuning half, w_s {ws:.2f} w_p {wp:.2f}: P@1 {p1:.3f} MRR@5 {mrr:.3f} "
              f"({time.perf_counter() - t:.0f} s)", flush=True)  # fmt: skip
        results.append((ws, wp, p1, mrr))
        if p1 + mrr > best[2]:
            best = (ws, wp, p1 + mrr)
    ws, wp = best[0], best[1]
    print(f"  chosen on the tuning half: w_s {ws} w_p {wp} "
          f"(shipped: w_s {semantic.SENTENCE_WEIGHT} w_p {semantic.PARAGRAPH_WEIGHT})")  # fmt: skip
    tuned = {(ws_, wp_): (p1, mrr) for ws_, wp_, p1, mrr in results}
    off = await score(lib, held, False)
    print(f"  held-out half, off:            P@1 {off[0]:.3f} MRR@5 {off[1]:.3f}")
    n_t, n_h = len(tune), len(held)
    print(f"  all, off:                      P@1 {(base[0] * n_t + off[0] * n_h) / (n_t + n_h):.3f}"
          f" MRR@5 {(base[1] * n_t + off[1] * n_h) / (n_t + n_h):.3f}")  # fmt: skip
    for ws_, wp_ in dict.fromkeys(
        [(ws, wp), (semantic.SENTENCE_WEIGHT, semantic.PARAGRAPH_WEIGHT)]
    ):
        lib.semantic.sentence_weight, lib.semantic.paragraph_weight = ws_, wp_
        on = await score(lib, held, True)
        t = tuned[(ws_, wp_)]
        print(f"  held-out half, on (w_s {ws_} w_p {wp_}): P@1 {on[0]:.3f} MRR@5 {on[1]:.3f}")
        print(f"  all, on (w_s {ws_} w_p {wp_}):           "
              f"P@1 {(t[0] * n_t + on[0] * n_h) / (n_t + n_h):.3f} "
              f"MRR@5 {(t[1] * n_t + on[1] * n_h) / (n_t + n_h):.3f}", flush=True)  # fmt: skip
    await lib.close()
    with tempfile.TemporaryDirectory() as tmp:
        sample = ROOT / "bot" / "data" / "2025-05-17-trump-putin-call.txt"
        await small_set(Path(tmp) / "seed.db", shared / "eval" / "seed-dev.jsonl", [sample])
        fresh = ROOT / "tests" / "data" / "fresh-a"
        await small_set(
            Path(tmp) / "fresh.db",
            fresh / "questions.jsonl",
            sorted(p for p in (fresh / "articles").iterdir() if p.is_file()),
        )


MODEL_MEMORY = """
import gc, os
def rss():
    return int(open("/proc/self/statm").read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20
from index.library import Library
from index.vectors import limit_blas_threads
from index.encoder import Encoder
limit_blas_threads()
gc.collect(); before = rss()
encoder = Encoder.load(); loaded = rss()
encoder.encode(["a news sentence of twenty words or so, as most are"] * 32)
encoder.encode(["word " * 250] * 32)  # a batch of the longest paragraphs
import resource
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(f"model (fresh process): loaded {loaded - before:.0f} MB, after encoding the largest "
      f"batches {rss() - before:.0f} MB, peak {peak - before:.0f} MB")
"""


def fill_random_vectors(path: Path, version: str, dim: int) -> None:
    rng = np.random.default_rng(0)
    conn = sqlite3.connect(path)
    ids = [r[0] for r in conn.execute("SELECT id FROM sentences")]
    paragraphs = conn.execute("SELECT DISTINCT article_id, paragraph FROM sentences").fetchall()

    def blob() -> bytes:
        return np.float32(0.004).tobytes() + rng.integers(-127, 128, dim, np.int8).tobytes()

    conn.executemany(
        "INSERT OR REPLACE INTO sentence_vectors VALUES (?, ?, ?)",
        ((i, version, blob()) for i in ids),
    )
    conn.executemany(
        "INSERT OR REPLACE INTO paragraph_vectors VALUES (?, ?, ?, ?)",
        ((a, p, version, blob()) for a, p in paragraphs),
    )
    conn.commit()
    conn.close()


_CHILD: Encoder | None = None
NICE = int(os.environ.get("BENCH_ENCODER_NICE", "0"))  # the child's niceness increment


def _child_start() -> None:
    global _CHILD
    from index.vectors import limit_blas_threads

    limit_blas_threads()
    os.nice(NICE)
    _CHILD = Encoder.load()


def _child_blobs(texts: list[str]) -> list[bytes]:
    from index.vectors import blobs

    assert _CHILD is not None
    return blobs(_CHILD, texts)


def encode_in_a_process() -> None:
    """Experiment: the worker thread hands its texts to a process of its own, which holds
    its own copy of the model, so that encoding never holds this process's GIL."""
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    from index import vectors

    pool = ProcessPoolExecutor(1, multiprocessing.get_context("spawn"), _child_start)
    vectors.blobs = lambda encoder, texts: pool.submit(_child_blobs, list(texts)).result()  # type: ignore[assignment]


async def cost(size: int, stall: int) -> None:
    # In a process of its own: memory freed by building the library would hide it here.
    import subprocess

    subprocess.run([sys.executable, "-c", MODEL_MEMORY], check=True, cwd=ROOT)
    from library_scale import build, synthetic_articles
    from synthetic import queries

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "synthetic.db"
        await build(path, size)
        lib = await Library.open(path)
        qs = [" ".join(q) for q in queries(200)]
        for q in qs:
            await lib.ask(q, k=3)
        gc.collect()
        before = rss_mb()  # the lexical library, warmed up
        encoder = Encoder.load()
        assert encoder is not None
        encoder.encode(["warm up the buffers"] * 32)
        gc.collect()
        loaded = rss_mb()
        fill_random_vectors(path, encoder.model_version, encoder.dim)
        lib.enable_semantic(encoder, worker=False)
        times: dict[bool, list[float]] = {False: [], True: []}
        ranker = lib.semantic
        assert ranker is not None
        for q in qs:
            for on in (False, True):
                lib._ranker = ranker if on else None
                t = time.perf_counter()
                await lib.ask(q, k=3)
                times[on].append((time.perf_counter() - t) * 1000)
                if on:
                    ranker._questions.clear()  # every question encoded, as in real use
        gc.collect()
        ranked = rss_mb()
        off, on = statistics.median(times[False]), statistics.median(times[True])
        added = [b - a for a, b in zip(times[False], times[True], strict=True)]
        print(f"{size:,} sentences: ask p50 off {off:.1f} ms, on {on:.1f} ms; added per "
              f"question p50 {statistics.median(added):.1f} ms, p95 "
              f"{statistics.quantiles(added, n=20)[-1]:.1f} ms")  # fmt: skip
        print(f"memory over the lexical library: model loaded and run {loaded - before:.0f} "
              f"MB; with 200 reranked questions {ranked - before:.0f} MB (vectors are read "
              f"per question: nothing here grows with the library)")  # fmt: skip
        print(f"load average during the run: {os.getloadavg()[0]:.1f} on "
              f"{os.cpu_count()} cores")  # fmt: skip

        # The loop's longest stall with nothing running (the machine's share), then while
        # the worker encodes a fresh ingest.
        idle: list[float] = []
        t0 = time.perf_counter()
        while time.perf_counter() - t0 < 10:
            t = time.perf_counter()
            await asyncio.sleep(0.01)
            idle.append((time.perf_counter() - t - 0.01) * 1000)
        print(f"loop with no worker (10 s): longest stall {max(idle):.1f} ms, "
              f"p99 {np.percentile(idle, 99):.1f} ms")  # fmt: skip
        new = synthetic_articles(stall, seed=5)
        lib._ranker = None
        lib.enable_semantic(encoder)
        await lib.wait_for_vectors()
        t0 = time.perf_counter()
        async with LoopWatch() as adding:  # the lexical index takes the articles (on the loop)
            await lib.add_processed_many(new)
        async with LoopWatch() as watch:  # the worker encodes them on its thread
            await lib.wait_for_vectors()
        spent = time.perf_counter() - t0
        count = sum(len(a.sentences) for a in new)
        print(f"loop while {count} new sentences got vectors ({spent:.1f} s, "
              f"{count / spent:.0f} sentences/s): longest stall {watch.longest * 1000:.1f} ms "
              f"(bot/loopwatch.py, {watch.ticks} wake-ups); while they were added to the "
              f"lexical index, before: {adding.longest * 1000:.1f} ms")  # fmt: skip
        await lib.close()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("what", choices=("quality", "cost"))
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--db", type=Path, default=Path("/tmp/hy-sq.db"))
    parser.add_argument("--size", type=int, default=100_000)
    parser.add_argument("--stall", type=int, default=640)
    parser.add_argument("--process", action="store_true", help="encode in a child process")
    args = parser.parse_args()
    if args.process:
        encode_in_a_process()
    if args.what == "quality":
        asyncio.run(quality(args.shared, args.db))
    else:
        asyncio.run(cost(args.size, args.stall))


if __name__ == "__main__":
    main()
