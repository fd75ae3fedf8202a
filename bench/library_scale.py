"""The whole library at scale: start-up, adding one article, `ask` against plain rank-bm25,
and many concurrent questions through the bot's real discord.py code path (offline).

    python bench/library_scale.py [--sizes 100000 1000000] [--concurrent 500]

Libraries are built from the synthetic corpus (bench/synthetic.py) as articles of ~30
sentences, stored in SQLite like real ones.
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from synthetic import corpus, queries

from index.library import Library
from index.models import Document, Sentence
from index.pipeline import Processed


def rss_mb() -> float:
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


def synthetic_articles(size: int, seed: int = 7) -> list[Processed]:
    c = corpus(size, seed)
    out, start = [], 0
    for i in range(1, len(c.articles) + 1):
        if i == len(c.articles) or c.articles[i] != c.articles[start]:
            words = c.sentences[start:i]
            texts = [" ".join(w) + "." for w in words]
            text, sentences, pos = "", [], 0
            for n, (t, p) in enumerate(zip(texts, c.paragraphs[start:i], strict=True), 1):
                sentences.append(Sentence(paragraph=p + 1, number=n, start=pos, end=pos + len(t),
                                          text=t))  # fmt: skip
                text += t + " "
                pos += len(t) + 1
            doc = Document(text=text, source=f"synthetic-{seed}-{c.articles[start]}",
                           title=f"Synthetic {c.articles[start]}")  # fmt: skip
            out.append(Processed(doc, sentences, [list(w) for w in words]))
            start = i
    return out


async def build(path: Path, size: int) -> float:
    lib = await Library.open(path)
    articles = synthetic_articles(size)
    t = time.perf_counter()
    batch, n = [], 0
    for a in articles:
        batch.append(a)
        n += len(a.sentences)
        if n >= 20_000:
            await lib.add_processed_many(batch)
            batch, n = [], 0
    if batch:
        await lib.add_processed_many(batch)
    elapsed = time.perf_counter() - t
    await lib.close()
    return elapsed


async def startup_and_add(path: Path, size: int) -> Library:
    gc.collect()
    before = rss_mb()
    t = time.perf_counter()
    lib = await Library.open(path)
    startup = time.perf_counter() - t
    gc.collect()
    print(
        f"{size:>9,} sentences: start-up {startup:.2f} s, library RSS {rss_mb() - before:.0f} MB",
        flush=True,
    )
    [extra] = synthetic_articles(50, seed=99)[:1]
    times = []
    for n in range(5):
        probe = Processed(
            Document(extra.doc.text, f"probe-{n}", "probe"), extra.sentences, extra.terms
        )
        t = time.perf_counter()
        await lib.add_processed(probe)
        answer = await lib.ask(" ".join(extra.terms[0][:3]))
        times.append(time.perf_counter() - t)
        assert answer.quotes
    print(
        f"{'':>9}  add one {len(extra.sentences)}-sentence article until answerable: "
        f"median {statistics.median(times) * 1000:.0f} ms, max {max(times) * 1000:.0f} ms"
    )
    return lib


async def ask_vs_rank_bm25(lib: Library, size: int, n: int = 200) -> None:
    qs = [" ".join(q) for q in queries(n)]
    await lib.ask(qs[0])
    t = time.perf_counter()
    for q in qs:
        json.dumps((await lib.ask(q)).to_json())
    ours = (time.perf_counter() - t) / len(qs)
    from rank_bm25 import BM25Plus

    c = corpus(size)
    model = BM25Plus(c.sentences, k1=0.9, b=0.4)
    sample = list(queries(20))
    t = time.perf_counter()
    for q in sample:
        model.get_scores(q)
    ref = (time.perf_counter() - t) / len(sample)
    print(
        f"{'':>9}  whole ask (analysis, ranking, rerank, JSON): {ours * 1000:.2f} ms/question; "
        f"rank-bm25 get_scores alone: {ref * 1000:.1f} ms; {ref / ours:.0f}x"
    )


async def concurrent(lib: Library, count: int) -> None:
    if count <= 0:
        return
    from bot.config import Config
    from bot.harness import message_event, offline_bot

    config = Config(answer_channels=[1], cooldown_seconds=0, channel_cooldown_seconds=0)
    qs = [" ".join(q) for q in queries(count, seed=5)]
    async with offline_bot(config, lib, {10: [1]}) as h:
        h.api.requests.clear()
        h.api.arrivals.clear()
        loop = asyncio.get_running_loop()
        worst = 0.0
        stop = False

        async def monitor() -> None:
            nonlocal worst
            while not stop:
                t = loop.time()
                await asyncio.sleep(0.005)
                worst = max(worst, loop.time() - t - 0.005)

        watcher = asyncio.create_task(monitor())
        start = loop.time()
        sent = {}
        before = set(asyncio.all_tasks())
        for i, q in enumerate(qs):
            event = message_event(q, channel_id=1, guild_id=10, author_id=10_000 + i)
            sent[i] = loop.time()
            await h.feed("MESSAGE_CREATE", event, settle=False)
        await h.settle(before, timeout=300)
        total = loop.time() - start
        stop = True
        await watcher
        replies = [t for r, t in zip(h.api.requests, h.api.arrivals, strict=True)
                   if r["path"].endswith("/messages")]  # fmt: skip
        latencies = sorted(t - start for t in replies)
        if h.errors.records:
            raise SystemExit(f"the bot logged an error: {h.errors.records[0].getMessage()}")
    p95 = latencies[int(0.95 * len(latencies)) - 1]
    print(
        f"{'':>9}  {count} concurrent questions through the bot: {len(replies)} answered in "
        f"{total:.2f} s = {len(replies) / total:.0f} answers/s, p95 {p95 * 1000:.0f} ms after "
        f"the burst; longest event-loop stall {worst * 1000:.1f} ms"
    )


async def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", type=int, nargs="*", default=[100_000])
    parser.add_argument("--concurrent", type=int, default=500)
    args = parser.parse_args()
    for size in args.sizes:
        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / "library.db"
            elapsed = await build(path, size)
            print(f"{size:>9,} sentences: built and stored in {elapsed:.1f} s", flush=True)
            lib = await startup_and_add(path, size)
            if size <= 100_000:
                await ask_vs_rank_bm25(lib, size)
                await concurrent(lib, args.concurrent)
            await lib.close()


if __name__ == "__main__":
    asyncio.run(main())
