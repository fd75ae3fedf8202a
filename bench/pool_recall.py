"""Where the right sentence lands in the whole pool, not just the top five (not product
code): how much a better reorder could still gain (ranks 2-30) and how much it cannot
(not returned: answering's candidates, or the quotes it keeps of them, which are often
fewer than asked for, leave the right sentence out; "abstained": no quote at all), with
the semantic rerank on and off.

    .venv/bin/python bench/pool_recall.py --db /tmp/squad.db QUESTIONS.jsonl

``--db`` is a library holding the questions' articles with their vectors computed
(``articlebot index --db PATH --vectors FILES``); each question is asked for 30 quotes.
"""

from __future__ import annotations

import argparse
import asyncio
import collections
import os
import sys
from pathlib import Path

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from index.evaluate import is_correct, load_questions
from index.library import Library

BUCKETS = ("1", "2-5", "6-30", "not returned", "abstained")


def bucket(rank: int) -> str:
    if rank == 1:
        return "1"
    if 2 <= rank <= 5:
        return "2-5"
    return "6-30" if rank else "not returned"


async def main(db: Path, questions: Path, k: int) -> None:
    items = [i for i in load_questions(questions) if i["kind"] not in {"abstain", "smalltalk"}]
    lib = await Library.open(db, semantic=True, background=False)
    ranker = lib.semantic
    for label, on in (("semantic on", True), ("semantic off", False)):
        lib._ranker = ranker if on else None
        counts: collections.Counter[str] = collections.Counter()
        for item in items:
            quotes = (await lib.ask(item["q"], k=k)).quotes
            rank = next((n for n, q in enumerate(quotes, 1) if is_correct(item, q)), 0)
            counts[bucket(rank) if quotes else "abstained"] += 1
        shares = ", ".join(f"{b}: {counts[b] / len(items):.3f}" for b in BUCKETS)
        print(f"{questions.name} ({len(items)} questions), {label}: rank {shares}", flush=True)
    lib._ranker = ranker
    await lib.close()


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("questions", type=Path)
    parser.add_argument("--db", type=Path, required=True)
    parser.add_argument("-k", type=int, default=30)
    args = parser.parse_args()
    asyncio.run(main(args.db, args.questions, args.k))
