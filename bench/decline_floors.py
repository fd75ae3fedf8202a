"""What the paraphrase floor and the yes/no word-match floor (index/answering.py
``SEMANTIC_MIN``, ``UNMATCHED_MATCH_MIN``) trade: answers gained against no-answer
questions no longer declined, per group of question sets (not product code).

    .venv/bin/python bench/decline_floors.py [--floors 0.4,0.5 0.35,0.4 ...] \
        [--sets bench/train-ltr/l* bench/train-news/t* tests/data/fresh-*] [--jobs 2] \
        [--dbs /tmp/floors-dbs]

The first pair of floors is the baseline; each other pair prints, per group (the folder's
name without its number or letter: ``l``, ``t``, ``fresh-``), the change in questions
answered right first, in no-answer questions declined, and in answerable questions
declined. Each set is indexed once (with vectors) into ``--dbs`` and reused. The floors
were chosen on the training writers' sets (``l``: fresh news nobody tuned the rules on)
and the dev sets, then measured once on the held-out sets.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import re
import sys
from collections import defaultdict
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from question_sets import index_once  # noqa: E402

from index import answering  # noqa: E402
from index.evaluate import evaluate, load_questions  # noqa: E402
from index.library import Library  # noqa: E402

Counts = tuple[int, int, int]  # right first, no-answers declined, answerable declined


def _db(folder: Path, dbs: Path) -> Path:
    db = dbs / f"{folder.parent.name}-{folder.name}.db"
    index_once(db, sorted((folder / "articles").iterdir()))
    return db


async def _counts(folder: Path, db: Path, floors: tuple[float, float]) -> Counts:
    answering.SEMANTIC_MIN, answering.UNMATCHED_MATCH_MIN = floors
    lib = await Library.open(db, semantic=True, background=False)
    try:
        report = await evaluate(load_questions(folder / "questions.jsonl"), lib.ask)
    finally:
        await lib.close()
    right = round(report.p_at_1 * report.answerable)
    return right, report.abstain_correct, report.wrongly_abstained


def _one(job: tuple[Path, Path, list[tuple[float, float]]]) -> list[Counts]:
    folder, dbs, floors = job
    db = _db(folder, dbs)
    return [asyncio.run(_counts(folder, db, pair)) for pair in floors]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--floors", nargs="+", default=["0.4,0.5", "0.35,0.4"])
    parser.add_argument("--sets", nargs="+", type=Path)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--dbs", type=Path, default=Path("/tmp/articlebot-floors"))
    args = parser.parse_args()
    floors = [tuple(float(x) for x in pair.split(",")) for pair in args.floors]
    sets = args.sets or sorted(
        [
            *(ROOT / "bench/train-ltr").glob("l*"),
            *(ROOT / "bench/train-news").glob("t*"),
            *(ROOT / "tests/data").glob("fresh-*"),
        ]
    )
    sets = [s for s in sets if (s / "questions.jsonl").exists()]
    args.dbs.mkdir(parents=True, exist_ok=True)
    jobs = [(s, args.dbs, floors) for s in sets]
    with ProcessPoolExecutor(args.jobs) as pool:
        results = dict(zip(sets, pool.map(_one, jobs), strict=True))
    groups: dict[str, list[list[Counts]]] = defaultdict(list)
    for folder, counts in results.items():
        groups[re.sub(r"[0-9]+$|(?<=-)[a-z]+$", "", folder.name)].append(counts)
    base = floors[0]
    print(f"baseline floors (paraphrase, yes/no word) = {base}")
    for n, pair in enumerate(floors[1:], start=1):
        for group, rows in sorted(groups.items()):
            diff = [sum(row[n][i] - row[0][i] for row in rows) for i in range(3)]
            print(
                f"{pair}  {group:7} ({len(rows)} sets)  right first {diff[0]:+d}  "
                f"no-answers declined {diff[1]:+d}  answerable declined {diff[2]:+d}"
            )


if __name__ == "__main__":
    main()
