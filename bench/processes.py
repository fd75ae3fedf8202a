"""Several processes on one database: memory and start-up per shard slice, and how long a
change takes to reach another process.

    python bench/processes.py [--sentences 200000] [--servers 40] [--changes 20]

A library is built from the synthetic corpus (bench/synthetic.py): a tenth of it shared,
the rest spread over ``--servers`` servers whose ids put them on shards 0, 1, 2, 3, …
in turn (Discord's rule: shard = (id >> 22) % count). Then:

- for 1, 2 and 4 slices, a fresh process opens the library holding only shard 0's
  servers (``Library.open(owns=…)``, as ``discord.shard_ids = [0]`` does) and prints its
  start-up time, the memory the library takes (RSS after minus before) and what it holds;
- two libraries on one database, one following the other (``Library.follow()``: on an
  SQLite file it polls the change token at 4 Hz, on PostgreSQL it waits for NOTIFY): the
  time from one's add or remove being committed until the other holds it, for
  ``--changes`` adds and removes, on the file built above and on a PostgreSQL database
  with one shared article (``--backends``; tests/pg_server.py starts the server).

``--slices 0`` skips the shard slices (and the build) and times the changes only.
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import json
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from library_scale import rss_mb, synthetic_articles

from index.library import Library
from index.models import Document
from index.pipeline import Processed

from pg_server import running_server


def guild(n: int) -> int:
    return (n << 22) + 17  # shard n % count


async def build(path: Path | str, sentences: int, servers: int) -> None:
    library = await Library.open(path)
    try:
        articles = synthetic_articles(sentences)
        shared = len(articles) // 10
        await library.add_processed_many(articles[:shared])
        rest = articles[shared:]
        for n in range(servers):
            mine = rest[n::servers]
            for i in range(0, len(mine), 200):
                await library.add_processed_many(mine[i : i + 200], guild(n))
    finally:
        await library.close()


async def open_slice(path: Path, count: int) -> dict[str, float]:
    """In a fresh process: open holding shard 0 of ``count``."""
    gc.collect()
    before = rss_mb()
    started = time.perf_counter()
    library = await Library.open(path, owns=lambda g: (g >> 22) % count == 0)
    took = time.perf_counter() - started
    gc.collect()
    held = library.held()
    result = {"startup": took, "rss": rss_mb() - before, "servers": held.servers,
              "sentences": held.sentences}  # fmt: skip
    await library.close()
    return result


async def propagation(path: Path | str, changes: int) -> list[float]:
    writer = await Library.open(path)
    reader = await Library.open(path)
    reader.follow()
    [extra] = synthetic_articles(50, seed=99)[:1]
    delays = []
    rnd = random.Random(5)
    try:
        for n in range(changes):
            # Out of step with the poller (a change right after each look would wait a
            # whole interval every time): at a random moment of its period.
            await asyncio.sleep(rnd.uniform(0, 0.25))
            probe = Processed(Document(extra.doc.text, f"probe-{n}", "probe"), extra.sentences,
                              extra.terms)  # fmt: skip
            article = await writer.add_processed(probe)
            committed = time.perf_counter()
            while article.id not in {a.id for a in reader.articles()}:
                await asyncio.sleep(0.002)
            delays.append(time.perf_counter() - committed)
            await asyncio.sleep(rnd.uniform(0, 0.25))
            await writer.remove(article.id)
            committed = time.perf_counter()
            while article.id in {a.id for a in reader.articles()}:
                await asyncio.sleep(0.002)
            delays.append(time.perf_counter() - committed)
    finally:
        await writer.close()
        await reader.close()
    return delays


def report(name: str, delays: list[float]) -> None:
    print(f"{name}: a change reaching another process ({len(delays)} adds and removes): "
          f"median {statistics.median(delays) * 1000:.0f} ms, max "
          f"{max(delays) * 1000:.0f} ms", flush=True)  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sentences", type=int, default=200_000)
    parser.add_argument("--servers", type=int, default=40)
    parser.add_argument("--changes", type=int, default=20)
    parser.add_argument("--slices", type=int, default=1, help="0: skip the shard slices")
    parser.add_argument("--backends", nargs="*", default=["sqlite", "postgresql"])
    parser.add_argument("--slice", type=int, help=argparse.SUPPRESS)  # the child process
    parser.add_argument("--db", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.slice:
        print(json.dumps(asyncio.run(open_slice(Path(args.db), args.slice))))
        return
    with tempfile.TemporaryDirectory(prefix="articlebot-processes-") as folder:
        db = Path(folder) / "processes.db"
        if args.slices:
            started = time.perf_counter()
            asyncio.run(build(db, args.sentences, args.servers))
            print(f"built {args.sentences:,} sentences over {args.servers} servers + shared in "
                  f"{time.perf_counter() - started:.0f} s")  # fmt: skip
            for count in (1, 2, 4):
                out = subprocess.run(
                    [sys.executable, __file__, "--slice", str(count), "--db", str(db)],
                    check=True, capture_output=True, text=True,
                ).stdout  # fmt: skip
                r = json.loads(out.strip().splitlines()[-1])
                print(f"shard 0 of {count}: start-up {r['startup']:.2f} s, library RSS "
                      f"{r['rss']:.0f} MB, {r['servers']:.0f} servers, {r['sentences']:,.0f} "
                      f"sentences held", flush=True)  # fmt: skip
        else:
            asyncio.run(build(db, 30, 0))
        if "sqlite" in args.backends:
            report("sqlite (polling at 4 Hz)", asyncio.run(propagation(db, args.changes)))
        if "postgresql" in args.backends:
            with running_server() as server:
                url = server.new_database()
                asyncio.run(build(url, 30, 0))
                report("postgresql", asyncio.run(propagation(url, args.changes)))


if __name__ == "__main__":
    main()
