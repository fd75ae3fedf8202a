"""Answer quality of ranking and abstention settings, several at once over prebuilt libraries.

    python bench/rank_sweep.py [--shared ../shared] [--sets fresh-a seed squad]
        [--set NAME=VALUE ...] [--grid NAME=V1,V2,... ...]

Builds each library once (fresh-a: its articles and the sample; seed-dev: the sample;
second: the repository's harbor-bridge article; squad-dev: its 24 articles), then
evaluates every combination of the ``--grid`` values (constants of ``index.answering``) on
top of the ``--set`` ones, one line each. This is how the constants in
index/answering.py were chosen; it never reads tests/data/holdout-b.
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import tempfile
import time
from pathlib import Path
from typing import Any

import index.answering as answering
from bot import sample_article
from index.evaluate import Report, evaluate, load_boilerplate, load_questions
from index.library import Library

ROOT = Path(__file__).resolve().parents[1]
FRESH = ROOT / "tests" / "data" / "fresh-a"


def parse_value(text: str) -> Any:
    try:
        return int(text)
    except ValueError:
        pass
    try:
        return float(text)
    except ValueError:
        return text


async def build(name: str, shared: Path, tmp: Path) -> tuple[Library, list[dict[str, Any]], Path]:
    lib = await Library.open(tmp / f"{name}.db")
    if name == "squad":
        folder = shared / "eval" / "squad-dev"
        await lib.add_many(sorted((folder / "articles").glob("*.txt")))
        return lib, load_questions(folder / "questions.jsonl"), folder / "questions.jsonl"
    if name == "second":  # the repository's own second article, alone in its library
        await lib.add_path(ROOT / "tests" / "data" / "2024-09-12-harbor-bridge-vote.md")
        path = ROOT / "tests" / "data" / "second-article.jsonl"
        return lib, load_questions(path), path
    await lib.add_path(sample_article())
    if name == "seed":
        path = shared / "eval" / "seed-dev.jsonl"
        return lib, load_questions(path), path
    path = FRESH / "questions.jsonl"
    items = load_questions(path)
    for article in sorted({i["article"] for i in items if i.get("article")}):
        await lib.add_path(FRESH / "articles" / article)
    return lib, items, path


def row(name: str, r: Report) -> str:
    line = f"{name} P@1 {r.p_at_1:.3f} MRR {r.mrr_at_5:.3f}"
    if r.attribution:
        line += f" R@3 {r.attribution_r_at_3:.3f}"
    if r.abstain:
        line += f" abst {r.abstain_correct}/{r.abstain}"
    line += f" wrong {r.wrongly_abstained}/{r.answerable}"
    if r.boilerplate_quoted is not None:
        line += f" bp {r.boilerplate_quoted}"
    return line


async def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--sets", nargs="+", default=["fresh-a", "seed", "second", "squad"])
    parser.add_argument("--set", nargs="*", default=[], metavar="NAME=VALUE")
    parser.add_argument("--grid", nargs="*", default=[], metavar="NAME=V1,V2")
    parser.add_argument("--misses", action="store_true", help="list fresh-a misses")
    args = parser.parse_args()
    for item in args.set:
        name, value = item.split("=", 1)
        setattr(answering, name, parse_value(value))
    names = [g.split("=", 1)[0] for g in args.grid]
    values = [[parse_value(v) for v in g.split("=", 1)[1].split(",")] for g in args.grid]
    with tempfile.TemporaryDirectory() as tmp:
        sets = {n: await build(n, args.shared, Path(tmp)) for n in args.sets}
        for combo in itertools.product(*values):
            for name, value in zip(names, combo, strict=True):
                setattr(answering, name, value)
            parts = [" ".join(f"{n}={v}" for n, v in zip(names, combo, strict=True)) or "-"]
            for name, (lib, items, path) in sets.items():
                t0 = time.perf_counter()
                report = await evaluate(
                    items, lambda q, lib=lib: lib.ask(q, k=5), load_boilerplate(path)
                )
                ms = (time.perf_counter() - t0) / len(items) * 1000
                parts.append(f"{row(name, report)} ({ms:.2f} ms/q)")
                if args.misses and name == "fresh-a":
                    for m in report.misses:
                        print(f"  miss {m.id} [{m.kind}] {m.question} -> {m.returned[:1]}")
            print(" | ".join(parts), flush=True)
        for lib, _, _ in sets.values():
            await lib.close()


if __name__ == "__main__":
    asyncio.run(main())
