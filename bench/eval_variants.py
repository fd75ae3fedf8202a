"""Answer quality of BM25Okapi, BM25Plus and BM25L through the whole articlebot pipeline.

    python bench/eval_variants.py [--shared ../shared]

Prints P@1 / MRR@5 / abstention on the seed questions and P@1 / MRR@5 on squad-dev
(all 24 articles in one library), for each variant.
"""

from __future__ import annotations

import argparse
import asyncio
import tempfile
import time
from pathlib import Path

from bot import sample_article
from index.bm25 import VARIANTS, Params
from index.evaluate import evaluate, load_questions
from index.library import Library


async def run_variant(variant: str, shared: Path) -> list[str]:
    params = Params(variant=variant)
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        lib = await Library.open(Path(tmp) / "seed.db", params)
        await lib.add_path(sample_article())
        seed = await evaluate(
            load_questions(shared / "eval/seed-dev.jsonl"), lambda q: lib.ask(q, k=5)
        )
        await lib.close()
        lib = await Library.open(Path(tmp) / "squad.db", params)
        for path in sorted((shared / "eval/squad-dev/articles").glob("*.txt")):
            await lib.add_path(path)
        t0 = time.perf_counter()
        squad = await evaluate(
            load_questions(shared / "eval/squad-dev/questions.jsonl"), lambda q: lib.ask(q, k=5)
        )
        elapsed = time.perf_counter() - t0
        sentences = lib.stats().sentences
        await lib.close()
    rows.append(
        f"{variant:6} seed P@1 {seed.p_at_1:.3f} MRR@5 {seed.mrr_at_5:.3f} "
        f"attrR@3 {seed.attribution_r_at_3:.2f} abstain {seed.abstain_correct}/{seed.abstain} "
        f"wrong-abstain {seed.wrongly_abstained}/{seed.answerable} | squad P@1 "
        f"{squad.p_at_1:.3f} MRR@5 {squad.mrr_at_5:.3f} abstained {squad.wrongly_abstained}"
        f"/{squad.answerable} ({sentences} sentences, {elapsed / squad.answerable * 1000:.1f} ms/q)"
    )
    return rows


async def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument(
        "--shared", type=Path, default=Path(__file__).resolve().parents[2] / "shared"
    )
    parser.add_argument("--variants", nargs="*", default=list(VARIANTS))
    parser.add_argument("--no-abstain", action="store_true", help="rank only: never abstain")
    args = parser.parse_args()
    if args.no_abstain:
        import index.answering

        index.answering.MIN_COVERAGE = 0.0
    for variant in args.variants:
        for row in await run_variant(variant, args.shared):
            print(row, flush=True)


if __name__ == "__main__":
    asyncio.run(main())
