"""`ask` latency on the bundled sample: p50/p95 over 100 questions, in process and via the CLI.

python bench/ask_latency.py [--shared ../shared]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bot import sample_article
from index.library import Library

ROOT = Path(__file__).resolve().parents[1]


def questions(shared: Path, n: int = 100) -> list[str]:
    seed = shared / "eval" / "seed-dev.jsonl"
    qs = [json.loads(line)["q"] for line in seed.read_text().splitlines() if line.strip()]
    return [qs[i % len(qs)] for i in range(n)]


async def in_process(
    qs: list[str], db: Path, semantic_on: bool = False, fresh_questions: bool = False
) -> list[float]:
    lib = await Library.open(db, semantic=semantic_on)
    await lib.add_path(sample_article())
    if semantic_on:
        await lib.wait_for_vectors()
        if lib.semantic is None:
            raise SystemExit("the shipped encoder did not load: semantic ranking is off")
    await lib.ask("warm up")
    times = []
    for q in qs:
        if fresh_questions and lib.semantic is not None:
            lib.semantic.forget_questions()
        t0 = time.perf_counter()
        await lib.ask(q)
        times.append(time.perf_counter() - t0)
    await lib.close()
    return times


def cli_batch(qs: list[str], db: Path) -> float:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    t0 = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "bot", "ask", "-", "--db", str(db)],
        input="\n".join(qs),
        text=True,
        capture_output=True,
        check=True,
        env=env,
    )
    return time.perf_counter() - t0


def cli_one(db: Path) -> float:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    t0 = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "bot", "ask", "What did Peskov say?", "--db", str(db)],
        text=True,
        capture_output=True,
        check=True,
        env=env,
    )
    return time.perf_counter() - t0


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--semantic", action="store_true", help="semantic ranking on")
    args = parser.parse_args()
    qs = questions(args.shared)
    if args.semantic:
        with tempfile.TemporaryDirectory() as tmp:
            for label, fresh in (
                ("question cache as shipped", False),
                ("every question encoded", True),
            ):
                times = asyncio.run(in_process(qs, Path(tmp) / f"s{fresh}.db", True, fresh))
                ms = sorted(t * 1000 for t in times)
                print(
                    f"library.ask on the sample with semantic ranking ({label}), {len(ms)} "
                    f"questions: p50 {statistics.median(ms):.2f} ms, "
                    f"p95 {ms[int(0.95 * len(ms)) - 1]:.2f} ms"
                )
        return
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "bench.db"
        times = asyncio.run(in_process(qs, db))
        ms = sorted(t * 1000 for t in times)
        print(
            f"library.ask on the sample, {len(ms)} questions: "
            f"p50 {statistics.median(ms):.2f} ms, p95 {ms[int(0.95 * len(ms)) - 1]:.2f} ms"
        )
        batch = cli_batch(qs, db)
        print(
            f"articlebot ask - (one process, {len(qs)} questions): {batch:.2f} s total, "
            f"{batch / len(qs) * 1000:.1f} ms/question including start-up"
        )
        ones = sorted(cli_one(db) for _ in range(5))
        print(
            f'articlebot ask "..." (one process per question, 5 runs): '
            f"median {statistics.median(ones) * 1000:.0f} ms (mostly interpreter start-up)"
        )


if __name__ == "__main__":
    main()
