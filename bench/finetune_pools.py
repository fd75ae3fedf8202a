"""The BM25 pools of squad-dev's questions, as the product builds them, for the fast
scorer of bench/finetune_encoder.py (not product code).

    .venv/bin/python bench/finetune_pools.py --db /tmp/ft-squad.db --out /tmp/ft-pools.json

``--db`` is a squad-dev library with its vectors (``articlebot index --vectors``). Every
question is asked once with the hybrid ranker on; the pool and lexical scores handed to
index/semantic.py's ``fuse`` are recorded (they do not depend on the model, only the
fusion does), with the question's article and answers.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from index.evaluate import load_questions
from index.library import Library

ROOT = Path(__file__).resolve().parents[1]


async def main(db: Path, out: Path, shared: Path) -> None:
    items = load_questions(shared / "eval" / "squad-dev" / "questions.jsonl")
    lib = await Library.open(db, semantic=True, background=False)
    ranker = lib.semantic
    assert ranker is not None, "the model did not load"
    seen: dict[str, tuple[list[int], list[float]]] = {}

    def recording(
        question: str, pool: Sequence[int], scores: Mapping[int, float]
    ) -> dict[int, float]:
        top = list(pool[: ranker.pool])
        seen.setdefault(question, (top, [float(scores[s]) for s in top]))
        return dict(scores)  # lexical order: the pools do not depend on the fusion

    ranker.fuse = recording  # type: ignore[method-assign]
    lib._ranker = ranker
    rows = []
    for n, item in enumerate(items):
        await lib.ask(item["q"], k=5)
        pool, scores = seen.get(item["q"], ([], []))
        rows.append({"q": item["q"], "article": item["article"], "answers": item["answers"],
                     "pool": pool, "scores": scores})  # fmt: skip
        if n % 500 == 0:
            print(n, flush=True)
    await lib.close()
    out.write_text(json.dumps(rows))


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", type=Path, required=True)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    args = parser.parse_args()
    asyncio.run(main(args.db, args.out, args.shared))
