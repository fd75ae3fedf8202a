"""Why the right sentence is shown, but not first (not product code).

For every answerable question whose right sentence (``index.evaluate.is_correct``) is
among the five quotes shown but not the first, prints the question, the first quote and
the right one, the shipped encoder's cosine of the question with each, and whether the
first holds the kind of answer asked (``index.rank_features.asked_kind``). The summary
says for how many of them the sentence cosine itself prefers the first quote, and, for
the questions answered right, how often it prefers the first quote over the second.

When the cosine prefers the wrong first quote, no reweighting of the reranker's features
(index/rank_features.py) can put the right one first without breaking the questions
that weighting answers now: the meaning signal matches the question's topic, not the
fact asked. That is a job for the encoder's training (harder negatives: sentences of the
same article sharing the question's topic) or for a signal reading question and sentence
together, not for the linear reranker.

    .venv/bin/python bench/second_place.py tests/data/fresh-u/questions.jsonl ... \
        [--dbs /tmp/second-place] [-v]

Each set is indexed, with its vectors, into a library of its own under ``--dbs`` (reused
when present), as ``articlebot eval`` indexes it. Dev sets only: it prints questions and
sentences.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import sys
from pathlib import Path
from typing import Any

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bot.cli import _index_eval_articles, _wait_for_vectors
from index.answer_types import evidence_positions
from index.encoder import Encoder
from index.evaluate import is_correct
from index.library import Library
from index.question import parse_question
from index.rank_features import asked_kind


async def _shown(file: Path, db: Path) -> list[tuple[dict[str, Any], list[str], int]]:
    """Each answerable question of ``file``, its quotes (five at most) and the place of
    the right one among them (0: not shown)."""
    items = [json.loads(line) for line in file.open(encoding="utf-8") if line.strip()]
    out = []
    async with await Library.open(db, semantic=True, background=True) as lib:
        await _index_eval_articles(lib, items, file)
        await _wait_for_vectors(lib)
        for item in items:
            if item["kind"] != "answerable":
                continue
            quotes = (await lib.ask(item["q"], k=5)).quotes
            place = next((n for n, q in enumerate(quotes, 1) if is_correct(item, q)), 0)
            out.append((item, [q.text for q in quotes], place))
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("questions", nargs="+", type=Path)
    parser.add_argument("--dbs", type=Path, default=Path("/tmp/second-place"))
    parser.add_argument("-v", "--verbose", action="store_true")
    args = parser.parse_args()
    args.dbs.mkdir(parents=True, exist_ok=True)
    encoder = Encoder.load()
    if encoder is None:
        sys.exit("no semantic model")
    later = later_closer = right = right_closer = 0
    for file in args.questions:
        shown = asyncio.run(_shown(file, args.dbs / f"{file.parent.name}.db"))
        for item, quotes, place in shown:
            if place == 0 or len(quotes) < 2:
                continue
            other = quotes[place - 1] if place > 1 else quotes[1]
            q, first, alt = encoder.encode([item["q"], quotes[0], other])
            closer = float(q @ alt) > float(q @ first)
            if place == 1:
                right += 1
                right_closer += closer
                continue
            later += 1
            later_closer += closer
            if args.verbose:
                parsed = parse_question(item["q"])
                kind = asked_kind(parsed)
                holds = bool(kind) and bool(
                    evidence_positions(quotes[0], kind, parsed.question_words)
                )
                print(f"{item.get('id', '')} #{place} {item['q']}")
                print(
                    f"    first {float(q @ first):.2f} kind={kind or '-'}:{holds} {quotes[0][:110]}"
                )
                print(f"    right {float(q @ alt):.2f} {other[:110]}")
    print(f"right sentence shown 2nd-5th: {later}; the sentence cosine prefers it: {later_closer}")
    print(f"right sentence first: {right}; the cosine prefers the second quote: {right_closer}")


if __name__ == "__main__":
    main()
