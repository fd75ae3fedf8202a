"""Bot processes on one database, each a real process with its own offline bot (discord.py's
real code paths): 1,000 questions spread over 1, 2 and 4 processes while an admin adds and
removes articles through the first, on an SQLite file and on PostgreSQL.

    python bench/bot_processes.py [--questions 1000] [--processes 1 2 4] [--changes 10]
                                  [--backends sqlite postgresql]

Prints, per backend and process count: start-up and memory a process, answers/s over the
whole burst, errors, answers that mixed library versions (tests/bot_processes.py ``mixed``:
a quote of a sentence its named version did not hold), and how long an admin's change took
to reach every other process (from its commit in the admin's process until each other
process holds it). tests/test_bot_processes.py runs the same path with fewer questions.
PostgreSQL runs on the same cores, as the tests start it (fsync off).
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

from bot_processes import BotProcess, Result, mixed, sentence_ids, start_all

from pg_server import running_server

BATCH = 25  # questions a process is sent at once
BASE = 6  # reports kept in the library throughout


def report(n: int, word: str = "ferry") -> str:
    body = "\n\n".join(f"The {word} vote number {i} of report {n} was close." for i in range(30))
    return f"Report {n}\n\n{body}"


def questions(count: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    return [f"What was the {rng.choice(['ferry', 'bridge'])} vote number {rng.randrange(30)} "
            f"of report {rng.randrange(1, BASE + 6)}?" for _ in range(count)]  # fmt: skip


class Run:
    def __init__(self) -> None:
        self.held: dict[int, set[int]] = {}
        self.answers: list[Result] = []
        self.errors: list[str] = []

    def note(self, result: Result) -> Result:
        self.held[result["library"]["version"]] = sentence_ids(result["library"])
        self.errors.extend(result["errors"])
        return result


async def ask_all(bot: BotProcess, qs: list[str], run: Run, between: Any = None) -> None:
    for i in range(0, len(qs), BATCH):
        result = await bot.call("ask", questions=qs[i : i + BATCH])
        run.answers.extend(result["answers"])
        run.errors.extend(result["errors"])
        if between is not None:
            await between()


async def one(database: str, folder: Path, count: int, args: argparse.Namespace) -> None:
    run = Run()
    admin = await BotProcess.start(database, folder)
    bots = [admin, *await start_all(database, folder, count - 1)]
    try:
        run.note(await admin.call("library"))
        for n in range(1, BASE + 1):
            run.note(await admin.call("add", name=f"report-{n}.txt", text=report(n)))
        for bot in bots:
            await bot.call("await", version=max(run.held))
        changes = iter(range(args.changes * 2))
        added: list[str] = []

        async def change() -> None:
            """The admin's next change between its own batches: add a report, remove it."""
            step = next(changes, None)
            if step is None:
                return
            if step % 2 == 0:
                n = BASE + 1 + (step // 2) % 5
                done = run.note(await admin.call("add", name=f"report-{n}.txt", text=report(n)))
                added.append(done["id"])
            else:
                run.note(await admin.call("remove", id=added.pop()))

        share = args.questions // count
        started = time.perf_counter()
        await asyncio.gather(*(
            ask_all(bot, questions(share, seed=n), run, change if n == 0 else None)
            for n, bot in enumerate(bots)
        ))  # fmt: skip
        seconds = time.perf_counter() - started
        answered = sum(a["replied"] for a in run.answers)
        bad = mixed(run.answers, run.held)
        print(f"  {count} process(es): {len(run.answers)} questions, {answered} answered, "
              f"{answered / seconds:.0f} answers/s, {len(run.errors)} errors, {len(bad)} mixed "
              f"versions, {len(run.held)} library versions; start-up "
              f"{statistics.median(b.ready['spawned'] for b in bots):.2f} s (bot and library "
              f"{statistics.median(b.ready['startup'] for b in bots):.2f} s), RSS "
              f"{statistics.median(b.ready['rss_mb'] for b in bots):.0f} MB a process",
              flush=True)  # fmt: skip
        if count > 1:
            delays = await propagation(admin, bots[1:], args.rounds)
            print(f"  {count} processes: a change reached every other process in median "
                  f"{statistics.median(delays) * 1000:.0f} ms, max {max(delays) * 1000:.0f} ms "
                  f"({len(delays)} arrivals)", flush=True)  # fmt: skip
    finally:
        await asyncio.gather(*(b.stop() for b in bots))


async def propagation(admin: BotProcess, others: list[BotProcess], rounds: int) -> list[float]:
    """Seconds from the admin's commit until each other process holds the change."""
    delays = []
    rng = random.Random(3)
    for r in range(rounds):
        for present in (True, False):
            await asyncio.sleep(rng.uniform(0, 0.25))  # out of step with any polling
            if present:
                done = await admin.call("add", name="probe.txt", text=report(900 + r))
                article = done["id"]
            else:
                done = await admin.call("remove", id=article)
            seen = await asyncio.gather(
                *(o.call("await", id=article, present=present) for o in others)
            )
            delays.extend(s["at"] - done["committed_at"] for s in seen)
    return delays


async def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--questions", type=int, default=1000)
    parser.add_argument("--processes", type=int, nargs="*", default=[1, 2, 4])
    parser.add_argument("--changes", type=int, default=10, help="adds (and as many removes)")
    parser.add_argument("--rounds", type=int, default=10, help="adds and removes timed")
    parser.add_argument("--backends", nargs="*", default=["sqlite", "postgresql"])
    args = parser.parse_args()
    print(f"{os.cpu_count()} cores", flush=True)
    with tempfile.TemporaryDirectory(prefix="articlebot-bots-") as tmp:
        folder = Path(tmp)
        if "sqlite" in args.backends:
            print("sqlite:", flush=True)
            for count in args.processes:
                await one(str(folder / f"bots-{count}.db"), folder, count, args)
        if "postgresql" in args.backends:
            print("postgresql:", flush=True)
            with running_server() as server:
                for count in args.processes:
                    await one(server.new_database(), folder, count, args)


if __name__ == "__main__":
    asyncio.run(main())
