"""Whether answering grows the bot's heap: what a full garbage collection must walk.

    .venv/bin/python bench/answer_heap.py [--size 100000] [--answers 5000] [--keep-records]

A synthetic library (bench/synthetic.py, as bench/vector_stall.py builds it) is loaded
(and frozen out of the collector's walks, index/heap.py), then the bot, offline (real
discord.py code, FakeDiscord), answers ``--answers`` questions one after the other. Every
1,000 answers it prints the objects the collector tracks and how long a full collection
takes. FakeDiscord keeps a record of every request and response, which a real Discord
connection does not: it is cleared every 200 answers unless ``--keep-records`` is given,
which shows what that record alone costs a long benchmark (bench/vector_stall.py's long
runs clear it for that reason).
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from synthetic import queries
from vector_stall import CHANNEL, GUILD, library_without_vectors

from bot.config import Config
from bot.harness import message_event, offline_bot
from index.library import Library


async def run(path: Path, size: int, answers: int, keep_records: bool) -> None:
    await library_without_vectors(path, size)
    questions = [" ".join(q) + "?" for q in queries(500)]
    config = Config(answer_channels=[CHANNEL], cooldown_seconds=0,
                    channel_cooldown_seconds=0, semantic=False)  # fmt: skip
    library = await Library.open(path, semantic=False)
    try:
        async with offline_bot(config, library, {GUILD: [CHANNEL]}) as h:
            for n in range(answers + 1):
                if n % 1000 == 0:
                    gc.collect()
                    tracked = len(gc.get_objects())
                    started = time.perf_counter()
                    gc.collect()
                    took = (time.perf_counter() - started) * 1000
                    print(f"after {n:6,} answers: {tracked:10,} objects tracked "
                          f"({gc.get_freeze_count():,} frozen), a full collection "
                          f"{took:.0f} ms", flush=True)  # fmt: skip
                if n % 200 == 0 and not keep_records:
                    h.api.requests.clear()
                    h.api.responses.clear()
                    h.api.arrivals.clear()
                before = set(asyncio.all_tasks())
                await h.feed("MESSAGE_CREATE", message_event(
                    questions[n % len(questions)], channel_id=CHANNEL, guild_id=GUILD,
                    author_id=700 + n % 5), settle=False)  # fmt: skip
                await h.settle(before, timeout=120)
    finally:
        await library.close()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--size", type=int, default=100_000)
    parser.add_argument("--answers", type=int, default=5_000)
    parser.add_argument("--keep-records", action="store_true",
                        help="keep FakeDiscord's record of every request")  # fmt: skip
    parser.add_argument("--db", help="a library built by an earlier run (else a new one)")
    args = parser.parse_args()
    if args.db:
        asyncio.run(run(Path(args.db), args.size, args.answers, args.keep_records))
        return
    with tempfile.TemporaryDirectory(prefix="articlebot-answer-heap-") as folder:
        asyncio.run(run(Path(folder) / "library.db", args.size, args.answers, args.keep_records))


if __name__ == "__main__":
    main()
