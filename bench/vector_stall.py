"""The event loop's stalls while the vectors of a 100k-sentence ingest are computed.

    .venv/bin/python bench/vector_stall.py [--size 100000] [--seconds 300] [--keep DIR]
                                           [--thread] [--nice N] [--no-freeze]

A synthetic library of ``--size`` sentences (bench/synthetic.py, articles of ~30
sentences, stored as ``articlebot index`` stores them) is built without vectors, so the
whole library is the vector worker's backlog, as after indexing a large collection or
after a model change. The bot then runs in the offline harness (real discord.py code,
FakeDiscord) with semantic ranking on, on the shipped model, while members ask a question
(synthetic words of the library, so the rerank runs) every 50 ms in an answer channel.

Printed, for 10 s with the worker off and nobody asking, 30 s with members asking, then
while the backlog is computed with members asking: the loop's lateness (bot/loopwatch.py's
measure: a task sleeping 5 ms again and again, how late it wakes) as longest, p99, p99.9
and count over 100 ms, both whole and less the time the loop's thread waited for a CPU
(the machine's share on a shared host); the answers' latency; the garbage collector's
longest pause per generation (one holds the GIL); and the vectors' rate (sentences/s,
and the time the whole backlog takes at that rate). The run stops after ``--seconds`` or
when the backlog is done: a stall is a property of one batch, not of how many came
before it (the worker reads its backlog from a cursor). A long run prints a line every
10,000 sentences (then every ~3,333 paragraphs) with that stretch's stalls, answers and
rate, so a run stopped early still reports what it measured; once the backlog is done it
prints the sentences' time, the paragraphs' time and the whole run's.

``--thread`` encodes on the vector thread, in the bot's process (as before the worker
process); ``--nice N`` sets the worker process's niceness increment.
``--no-freeze`` leaves the library's objects in the garbage collector's walks
(index/heap.py), as before it froze them.
``--keep DIR`` keeps the library there between runs (its vectors are deleted before each).
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import gc
import os
import sqlite3
import statistics
import sys
import tempfile
import time
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import numpy as np
from library_scale import build
from synthetic import queries

from bot.config import Config
from bot.harness import message_event, offline_bot
from index import heap
from index.encoder import Encoder
from index.library import Library
from index.vector_process import NICENESS
from index.vectors import VectorWorker

GUILD, CHANNEL = 9300, 930
INTERVAL = 0.005  # the watcher's sleep, as in bot/loopwatch.py
TICK = 5.0  # seconds between looks at a long run's progress
SEGMENT = 10_000  # sentences a progress line covers


class Collections:
    """The longest pause of Python's cyclic garbage collector, per generation: a pause
    holds the GIL, so it is a stall of the loop whichever thread triggered it."""

    def __init__(self) -> None:
        self.longest = [0.0, 0.0, 0.0]
        self.count = [0, 0, 0]
        self.stretch_longest = [0.0, 0.0, 0.0]
        self.stretch_count = [0, 0, 0]
        self._started = 0.0

    def __call__(self, phase: str, info: dict[str, int]) -> None:
        if phase == "start":
            self._started = time.perf_counter()
            return
        generation = info["generation"]
        self.count[generation] += 1
        took = time.perf_counter() - self._started
        self.longest[generation] = max(self.longest[generation], took)
        self.stretch_count[generation] += 1
        self.stretch_longest[generation] = max(self.stretch_longest[generation], took)

    def report(self) -> str:
        text = self._format(self.count, self.longest)
        self.longest, self.count = [0.0, 0.0, 0.0], [0, 0, 0]
        return text

    def stretch(self) -> str:
        """The collections since the last call (a long run's progress line)."""
        text = self._format(self.stretch_count, self.stretch_longest)
        self.stretch_longest, self.stretch_count = [0.0, 0.0, 0.0], [0, 0, 0]
        return text

    @staticmethod
    def _format(count: list[int], longest: list[float]) -> str:
        parts = [f"gen{g} {count[g]}x, longest {longest[g] * 1000:.0f} ms" for g in range(3)]
        return "garbage collections: " + "; ".join(parts)


def waited_for_cpu() -> float:
    """Seconds this thread has spent runnable but waiting for a CPU (Linux schedstat)."""
    with open("/proc/thread-self/schedstat") as f:
        return int(f.read().split()[1]) / 1e9


class Lateness:
    """Every wake-up's lateness (bot/loopwatch.py measures only the longest), and the
    part of it not spent waiting for a CPU: on a shared machine other processes take the
    cores for a while now and then, which no code of the bot's can prevent; what remains
    is the bot's own (the GIL held by another thread, a callback, a garbage collection)."""

    def __init__(self) -> None:
        self.samples: list[float] = []
        self.own: list[float] = []
        self._task: asyncio.Task[None] | None = None

    async def _watch(self) -> None:
        while True:
            asked, queued = time.perf_counter(), waited_for_cpu()
            await asyncio.sleep(INTERVAL)
            late = max(0.0, time.perf_counter() - asked - INTERVAL)
            self.samples.append(late)
            self.own.append(max(0.0, late - (waited_for_cpu() - queued)))

    def start(self) -> None:
        self.samples.clear()
        self.own.clear()
        self._task = asyncio.create_task(self._watch())

    async def stop(self) -> str:
        assert self._task is not None
        self._task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await self._task
        return self.summary(0)

    def summary(self, since: int) -> str:
        """The stall figures of the wake-ups from number ``since`` on."""
        lines = []
        for label, samples in (("loop", self.samples[since:]), ("not waiting for a CPU",
                                                                 self.own[since:])):  # fmt: skip
            ms = np.asarray(samples or [0.0]) * 1000
            lines.append(f"{label}: longest {ms.max():.1f} ms, p99 {np.percentile(ms, 99):.1f} "
                         f"ms, p99.9 {np.percentile(ms, 99.9):.1f} ms, {int((ms > 100).sum())} "
                         f"over 100 ms")  # fmt: skip
        return f"{lines[0]} ({len(self.samples) - since} wake-ups)\n  {lines[1]}"


async def library_without_vectors(path: Path, size: int) -> None:
    if not path.exists():
        t = time.perf_counter()
        await build(path, size)
        print(f"built {size:,} sentences in {time.perf_counter() - t:.0f} s", flush=True)
    conn = sqlite3.connect(path)
    conn.execute("DELETE FROM sentence_vectors")
    conn.execute("DELETE FROM paragraph_vectors")
    conn.commit()
    conn.close()


def latency_summary(latencies: list[float]) -> str:
    lat = sorted(x * 1000 for x in latencies) or [0.0]
    return (f"answers: {len(latencies)}, latency p50 {statistics.median(lat):.0f} ms,"
            f" p99 {np.percentile(lat, 99):.0f} ms, longest {lat[-1]:.0f} ms")  # fmt: skip


Progress = Callable[[Lateness, list[float], "Collections"], Awaitable[None]]


async def asking(
    h: Any, questions: list[str], phase: Awaitable[Any], progress: Progress | None = None
) -> tuple[Any, str]:
    """Members ask every 50 ms while ``phase`` runs; its result, and the stalls and
    answers' latency seen meanwhile. ``progress`` is called every ``TICK`` seconds with
    the figures so far (a long run says something before it ends)."""
    watch, collections = Lateness(), Collections()
    latencies: list[float] = []
    going = True

    async def ticking() -> None:
        while progress is not None:
            await asyncio.sleep(TICK)
            # FakeDiscord keeps every request and response; a long run must not measure
            # the garbage collector walking the harness's growing record of them.
            h.api.requests.clear()
            h.api.responses.clear()
            h.api.arrivals.clear()
            await progress(watch, latencies, collections)

    async def members() -> None:
        n = 0
        while going:
            before = set(asyncio.all_tasks())
            t = time.perf_counter()
            await h.feed("MESSAGE_CREATE", message_event(
                questions[n % len(questions)], channel_id=CHANNEL, guild_id=GUILD,
                author_id=700 + n % 5), settle=False)  # fmt: skip
            await h.settle(before, timeout=120)
            latencies.append(time.perf_counter() - t)
            n += 1
            await asyncio.sleep(0.05)

    gc.callbacks.append(collections)
    watch.start()
    asker = asyncio.create_task(members())
    ticker = asyncio.create_task(ticking())
    try:
        result = await phase
    finally:
        going = False
        ticker.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await ticker
        await asker
        gc.callbacks.remove(collections)
    stalls = await watch.stop()
    return result, f"  {stalls}\n  {latency_summary(latencies)}\n  {collections.report()}"


class Segments:
    """Progress of a long run: a line every ``SEGMENT`` sentences (and once the sentences
    are done, every ``SEGMENT // 3`` paragraphs) with the stalls and answers of that
    stretch alone, so a run stopped early still reports what it measured."""

    def __init__(self, path: Path, worker: VectorWorker, waiting_at_start: int) -> None:
        self.path, self.worker, self.total = path, worker, waiting_at_start
        self.started = self.mark_time = time.perf_counter()
        self.next_mark = SEGMENT
        self.sentences_done_at: float | None = None
        self.paragraphs_mark = 0
        self.wakes = self.answers = 0

    def _paragraphs(self) -> int:
        conn = sqlite3.connect(f"{self.path.resolve().as_uri()}?mode=ro", uri=True)
        try:
            return int(conn.execute("SELECT COUNT(*) FROM paragraph_vectors").fetchone()[0])
        finally:
            conn.close()

    async def _line(
        self, label: str, watch: Lateness, latencies: list[float], collections: Collections
    ) -> None:
        """One stretch's figures, computed off the loop (the loop is what is measured)."""
        collected = collections.stretch()
        now = time.perf_counter()
        stretch = Lateness()
        stretch.samples, stretch.own = watch.samples[self.wakes :], watch.own[self.wakes :]
        answers = latencies[self.answers :]
        took = now - self.mark_time
        self.mark_time, self.wakes, self.answers = now, len(watch.samples), len(latencies)
        stalls = await asyncio.to_thread(stretch.summary, 0)
        answered = await asyncio.to_thread(latency_summary, answers)
        print(f"[{now - self.started:6.0f} s] {label}, this stretch {took:.0f}"
              f" s:\n  {stalls}\n  {answered}\n  {collected}\n  load average "
              f"{os.getloadavg()[0]:.1f}",
              flush=True)  # fmt: skip

    async def __call__(
        self, watch: Lateness, latencies: list[float], collections: Collections
    ) -> None:
        done = self.total - (self.worker.waiting or 0)
        if self.sentences_done_at is None:
            if done >= self.next_mark or done >= self.total:
                rate = done / (time.perf_counter() - self.started)
                await self._line(f"{done:,} of {self.total:,} sentences, {rate:.0f} sentences/s",
                           watch, latencies, collections)  # fmt: skip
                self.next_mark = (done // SEGMENT + 1) * SEGMENT
            if done >= self.total:
                self.sentences_done_at = time.perf_counter() - self.started
                print(f"  all sentences encoded after {self.sentences_done_at:.0f} s; "
                      f"paragraphs next", flush=True)  # fmt: skip
            return
        paragraphs = await asyncio.to_thread(self._paragraphs)
        if paragraphs >= self.paragraphs_mark + SEGMENT // 3:
            spent = time.perf_counter() - self.started - self.sentences_done_at
            await self._line(f"{paragraphs:,} paragraphs, {paragraphs / spent:.0f} paragraphs/s",
                       watch, latencies, collections)  # fmt: skip
            self.paragraphs_mark = paragraphs


async def run(path: Path, size: int, seconds: float, thread: bool, nice: int, freeze: bool) -> None:
    await library_without_vectors(path, size)
    questions = [" ".join(q) + "?" for q in queries(500)]
    config = Config(answer_channels=[CHANNEL], cooldown_seconds=0,
                    channel_cooldown_seconds=0, semantic=True)  # fmt: skip
    guilds = {GUILD: [CHANNEL]}

    # The machine's and answering's share: the same library and bot, no vector worker.
    if not freeze:
        heap.FREEZE_FROM = sys.maxsize
    library = await Library.open(path, semantic=False)
    async with offline_bot(config, library, guilds) as h:
        watch = Lateness()
        watch.start()
        await asyncio.sleep(10)
        print(f"worker off, nobody asking, 10 s:\n  {await watch.stop()}", flush=True)
        _, seen = await asking(h, questions, asyncio.sleep(30))
        print(f"worker off, members asking, 30 s:\n{seen}", flush=True)
    await library.close()

    # As Library.open(semantic=True) does, with the worker's placement chosen here.
    library = await Library.open(path, semantic=False)
    encoder = Encoder.load()
    assert encoder is not None, "the shipped model did not load"
    library.enable_semantic(encoder, worker=False)
    worker = library._vectors = VectorWorker(path, encoder, process=not thread, niceness=nice)
    worker.start()
    where = "on the vector thread" if thread else f"in a worker process (nice +{nice})"
    try:
        async with offline_bot(config, library, guilds) as h:
            while worker.waiting is None:
                await asyncio.sleep(0.05)
            waiting_at_start = worker.waiting
            started = time.perf_counter()
            segments = Segments(path, worker, waiting_at_start)
            done, seen = await asking(
                h, questions, library.wait_for_vectors(timeout=seconds), segments
            )
            spent = time.perf_counter() - started
            computed = waiting_at_start - (worker.waiting or 0)
            sentence_time = segments.sentences_done_at or spent
            rate = computed / sentence_time
            state = "backlog done" if done else "cut short"
            print(f"vectors encoded {where}, members asking, {spent:.0f} s ({state}):\n{seen}")
            print(f"  vectors: {computed:,} of {waiting_at_start:,} sentences in "
                  f"{sentence_time:.0f} s, {rate:.0f} sentences/s (the sentences of the whole "
                  f"backlog: about {waiting_at_start / max(rate, 1e-9) / 60:.0f} min at this "
                  f"rate)")  # fmt: skip
            if segments.sentences_done_at is not None:
                paragraphs = await asyncio.to_thread(segments._paragraphs)
                print(f"  then {paragraphs:,} paragraph vectors in "
                      f"{spent - segments.sentences_done_at:.0f} s; whole run {spent / 60:.1f} "
                      f"min ({state})")  # fmt: skip
            print(f"load average: {' '.join(f'{x:.1f}' for x in os.getloadavg())} on "
                  f"{os.cpu_count()} cores", flush=True)  # fmt: skip
    finally:
        await library.close()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--size", type=int, default=100_000)
    parser.add_argument("--seconds", type=float, default=300, help="stop measuring after this")
    parser.add_argument("--thread", action="store_true", help="encode on the vector thread")
    parser.add_argument("--nice", type=int, default=NICENESS, help="the worker's niceness")
    parser.add_argument("--no-freeze", dest="freeze", action="store_false",
                        help="leave the library to the collector (index/heap.py)")  # fmt: skip
    parser.add_argument("--keep", metavar="DIR", help="keep the library here between runs")
    args = parser.parse_args()
    if args.keep:
        Path(args.keep).mkdir(parents=True, exist_ok=True)
        asyncio.run(
            run(
                Path(args.keep) / f"vectors-{args.size}.db",
                args.size,
                args.seconds,
                args.thread,
                args.nice,
                args.freeze,
            )
        )
        return
    with tempfile.TemporaryDirectory(prefix="articlebot-vector-stall-") as folder:
        asyncio.run(
            run(
                Path(folder) / "library.db",
                args.size,
                args.seconds,
                args.thread,
                args.nice,
                args.freeze,
            )
        )


if __name__ == "__main__":
    main()
