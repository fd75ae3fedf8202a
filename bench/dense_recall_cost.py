"""What dense recall (index/dense_recall.py) costs a question as the library grows.

    .venv/bin/python bench/dense_recall_cost.py [--sizes 10000 100000] [--keep DIR]

Synthetic libraries (bench/synthetic.py, articles of ~30 sentences, as
bench/library_scale.py builds them) get random int8 vectors for every sentence and
paragraph (their values do not change the cost), and answer 200 questions with semantic
ranking on, each question's vector cached (the encoder's cost is the rerank's, measured by
bench/semantic_memory.py), with dense recall off (no article read) and on, alternately.
Printed per size: `ask` p50/p95 both ways, the dense step's own p50/p95 and the most
sentences it compared with one question (bounded by DENSE_ARTICLES x DENSE_READ plus the
pool, whatever the library's size), and the bot's resident memory.
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from index import semantic

CACHE = semantic.QUESTION_CACHE
from hybrid import fill_random_vectors  # noqa: E402

semantic.QUESTION_CACHE = CACHE  # the product's, which bench/hybrid.py raises for itself
from library_scale import build, rss_mb  # noqa: E402
from synthetic import queries  # noqa: E402

from index import answering, dense_recall  # noqa: E402
from index.encoder import Encoder  # noqa: E402
from index.library import Library  # noqa: E402


def pct(values: Sequence[float], q: float) -> float:
    return sorted(values)[min(len(values) - 1, int(q * len(values)))] * 1000


async def run(path: Path, size: int, encoder: Encoder) -> None:
    if not path.exists():
        t = time.perf_counter()
        await build(path, size)
        fill_random_vectors(path, encoder.model_version, encoder.dim)
        print(f"built {size:,} sentences with vectors in {time.perf_counter() - t:.0f} s")
    questions = [" ".join(q) for q in queries(200)]
    lib = await Library.open(path)
    lib.enable_semantic(encoder, worker=False)
    step: list[float] = []
    compared: list[int] = []
    real = dense_recall.closer_in_meaning

    def timed(question: str, order: Sequence[int], pool: Sequence[int], index: Any,
              similarity: Callable[..., Any]) -> int | None:  # fmt: skip
        def counting(q: str, ids: Sequence[int]) -> Any:
            compared.append(len(ids))
            return similarity(q, ids)

        t0 = time.perf_counter()
        found = real(question, order, pool, index, counting)
        step.append(time.perf_counter() - t0)
        return found

    answering.closer_in_meaning = timed  # type: ignore[assignment]
    try:
        for q in questions:  # warm: question vectors cached, pages read once
            await lib.ask(q, k=3)
        # Off and on alternate question by question, so the shared machine's load falls on
        # both alike.
        times: dict[str, list[float]] = {"off": [], "on": []}
        saved = dense_recall.DENSE_ARTICLES
        step.clear()
        compared.clear()
        for q in questions:
            for label, articles in (("off", 0), ("on", saved)):
                dense_recall.DENSE_ARTICLES = articles
                before = len(step)
                t0 = time.perf_counter()
                await lib.ask(q, k=3)
                times[label].append(time.perf_counter() - t0)
                if label == "off":
                    del step[before:], compared[before:]
        dense_recall.DENSE_ARTICLES = saved
        gc.collect()
        for label, values in times.items():
            p50, p95 = pct(values, 0.5), pct(values, 0.95)
            print(f"{size:>9,} sentences, dense recall {label:3}: ask p50 {p50:6.2f} ms"
                  f" p95 {p95:6.2f} ms")  # fmt: skip
        if step:
            print(f"{size:>9,} sentences, dense step p50 {pct(step, 0.5):.2f} ms p95 "
                  f"{pct(step, 0.95):.2f} ms on the {len(step)} questions answered lexically, "
                  f"at most {max(compared)} sentences compared with one (median "
                  f"{statistics.median(compared):.0f}); RSS {rss_mb():.0f} MB",
                  flush=True)  # fmt: skip
    finally:
        answering.closer_in_meaning = real
        await lib.close()


async def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", type=int, nargs="*", default=[10_000, 100_000])
    parser.add_argument("--keep", metavar="DIR", help="keep the libraries here between runs")
    args = parser.parse_args()
    encoder = Encoder.load()
    assert encoder is not None, "the shipped model is needed"
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(args.keep or tmp)
        folder.mkdir(parents=True, exist_ok=True)
        for size in args.sizes:
            await run(folder / f"dense-{size}.db", size, encoder)
    print(f"load average: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")


if __name__ == "__main__":
    asyncio.run(main())
