"""One library, several bot processes: SQLite file and PostgreSQL side by side.

    python bench/pg_scale.py [--size 100000] [--questions 1000] [--processes 1 2 4]

For each backend: the time to store a synthetic library (bench/synthetic.py, articles of
~30 sentences), a process's start-up time and memory, answers/s when 1, 2 and 4 bot
processes answer a burst of questions through the bot's real discord.py code path
(offline harness) at once, and how long a library change takes to reach another process
(``store.wait_for_change``: NOTIFY on PostgreSQL, ``PRAGMA data_version`` polling on
SQLite). PostgreSQL runs here on the same 2 cores, started as the tests start it
(tests/pg_server.py), with fsync off; figures for a server on its own machine differ.
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

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from library_scale import build, synthetic_articles

from index.library import Library
from index.models import Document
from index.pipeline import Processed

from pg_server import running_server

ROOT = Path(__file__).resolve().parents[1]

# One bot process: open the library, say "ready" (start-up time, memory), wait for "go",
# answer its share of the burst through the offline harness, print what it did.
CHILD = """
import asyncio, json, sys, time
sys.path.insert(0, sys.argv[1] + "/bench")
from synthetic import queries
from bot.config import Config
from bot.harness import message_event, offline_bot
from index.library import Library

def rss_mb():
    import os
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20

async def main(db, count, seed):
    t = time.perf_counter()
    lib = await Library.open(db, semantic=False)
    print(json.dumps({"startup": time.perf_counter() - t, "rss_mb": rss_mb()}), flush=True)
    qs = [" ".join(q) for q in queries(count, seed=seed)]
    config = Config(answer_channels=[1], cooldown_seconds=0, channel_cooldown_seconds=0)
    async with offline_bot(config, lib, {10: [1]}) as h:
        sys.stdin.readline()
        loop = asyncio.get_running_loop()
        before = set(asyncio.all_tasks())
        start = loop.time()
        for i, q in enumerate(qs):
            event = message_event(q, channel_id=1, guild_id=10, author_id=10_000 + i)
            await h.feed("MESSAGE_CREATE", event, settle=False)
        await h.settle(before, timeout=600)
        total = loop.time() - start
        replies = [r for r in h.api.requests if r["path"].endswith("/messages")]
        errors = len(h.errors.records)
    await lib.close()
    print(json.dumps({"answers": len(replies), "seconds": total, "errors": errors}), flush=True)

asyncio.run(main(sys.argv[2], int(sys.argv[3]), int(sys.argv[4])))
"""


def processes(db: str, count: int, questions: int) -> dict[str, float]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("ARTICLEBOT_", "DISCORD_"))}
    env["PYTHONPATH"] = str(ROOT)
    command = [sys.executable, "-c", CHILD, str(ROOT), db, str(questions // count)]
    children = [
        subprocess.Popen(
            [*command, str(5 + n)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            env=env,
        )
        for n in range(count)
    ]
    ready = [json.loads(c.stdout.readline()) for c in children if c.stdout]
    for c in children:
        assert c.stdin is not None
        c.stdin.write("go\n")
        c.stdin.flush()
    done = [json.loads(c.stdout.readline()) for c in children if c.stdout]
    for c in children:
        c.wait(timeout=60)
    answers = sum(d["answers"] for d in done)
    seconds = max(d["seconds"] for d in done)
    return {
        "startup_s": statistics.median(r["startup"] for r in ready),
        "rss_mb": statistics.median(r["rss_mb"] for r in ready),
        "answers": answers,
        "errors": sum(d["errors"] for d in done),
        "answers_per_s": answers / seconds,
    }


async def propagation(db: str, rounds: int = 20) -> list[float]:
    """Seconds from one process's committed add until another's wait_for_change returns."""
    writer = await Library.open(db, semantic=False)
    reader = await Library.open(db, semantic=False)
    [extra] = synthetic_articles(50, seed=99)[:1]
    delays = []
    try:
        for n in range(rounds):
            token = await reader.store.change_token()
            waiting = asyncio.create_task(reader.store.wait_for_change(token, timeout=30))
            await asyncio.sleep(0.05)  # the reader is waiting before the change
            probe = Processed(
                Document(extra.doc.text, f"probe-{n}", "probe"), extra.sentences, extra.terms
            )
            await writer.add_processed(probe)
            committed = time.perf_counter()
            assert await waiting != token
            delays.append(time.perf_counter() - committed)
    finally:
        await writer.close()
        await reader.close()
    return delays


async def bench(name: str, db: str, args: argparse.Namespace) -> None:
    elapsed = await build(db, args.size)  # type: ignore[arg-type]  # Library.open takes str
    print(f"{name}: {args.size:,} sentences stored in {elapsed:.1f} s", flush=True)
    base = None
    for count in args.processes:
        r = await asyncio.to_thread(processes, db, count, args.questions)
        base = base or r["answers_per_s"]
        print(
            f"{name}: {count} process(es): {r['answers']} answers, {r['errors']} errors, "
            f"{r['answers_per_s']:.0f} answers/s ({r['answers_per_s'] / base:.2f}x one); "
            f"start-up {r['startup_s']:.2f} s, RSS {r['rss_mb']:.0f} MB a process",
            flush=True,
        )
    delays = sorted(await propagation(db))
    print(
        f"{name}: a change reaches another process in median "
        f"{statistics.median(delays) * 1000:.1f} ms, max {delays[-1] * 1000:.1f} ms "
        f"({len(delays)} adds)",
        flush=True,
    )


async def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--size", type=int, default=100_000)
    parser.add_argument("--questions", type=int, default=1000)
    parser.add_argument("--processes", type=int, nargs="*", default=[1, 2, 4])
    parser.add_argument("--backends", nargs="*", default=["sqlite", "postgresql"])
    args = parser.parse_args()
    print(f"{os.cpu_count()} cores", flush=True)
    if "sqlite" in args.backends:
        with tempfile.TemporaryDirectory() as tmp:
            await bench("sqlite", str(Path(tmp) / "library.db"), args)
    if "postgresql" in args.backends:
        with running_server() as server:
            await bench("postgresql", server.new_database(), args)


if __name__ == "__main__":
    asyncio.run(main())
