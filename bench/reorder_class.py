"""Why the right sentence is shown, but not first: a classification (not product code).

For every answered answerable question whose right sentence (``index.evaluate.is_correct``)
is among the quotes but not first, says why the first quote may have beaten it:

- neighbour: the first quote stands in the same paragraph as the right one (or next to it);
- echo: the first quote's informative words are nearly all the question's (it repeats the
  question without adding the answer), and the right one adds more;
- kind: the question asks a kind of answer (``index.rank_features.asked_kind``) the right
  one holds and the first does not;
- other article: the first quote comes from another article;
- else: none of these.

    .venv/bin/python bench/reorder_class.py tests/data/fresh-*/questions.jsonl \
        ../shared/eval/seed-dev.jsonl [--dbs /tmp/not-shown] [-v]

Libraries are indexed (with vectors) under ``--dbs`` as bench/not_shown.py does, and reused.
Dev sets only: it prints questions and sentences.
"""

from __future__ import annotations

import collections
import json
import os
import sys
from pathlib import Path
from typing import Any

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import numpy as np
from study_runner import SEED_ARTICLES, run

from bot.cli import _index_eval_articles, _wait_for_vectors
from index.answer_types import evidence_positions
from index.evaluate import is_correct
from index.library import SHARED, Library
from index.question import parse_question
from index.rank_features import _novel_share, asked_kind

ECHO = 0.35  # the first quote's share of words the question lacks, at most


async def study(file: Path, db: Path, k: int, verbose: bool) -> list[dict[str, Any]]:
    items = [json.loads(line) for line in file.open(encoding="utf-8") if line.strip()]
    given = SEED_ARTICLES if not any(i.get("article") for i in items) else []
    rows: list[dict[str, Any]] = []
    async with await Library.open(db, semantic=True, background=True) as lib:
        await _index_eval_articles(lib, items, file, given)
        await _wait_for_vectors(lib)
        index = lib.index_for(SHARED)
        for item in items:
            if item["kind"] != "answerable":
                continue
            answer = await lib.ask(item["q"], k=k)
            quotes = answer.quotes
            place = next((n for n, q in enumerate(quotes, 1) if is_correct(item, q)), 0)
            rows.append({"set": file.parent.name, "place": place})
            if place <= 1:
                continue
            first, right = quotes[0], quotes[place - 1]
            parsed = parse_question(item["q"])
            kind = asked_kind(parsed)
            ids = np.array([first.sentence_id, right.sentence_id], dtype=np.int64)
            arts = index.article_of(ids).tolist()
            why = []
            if arts[0] != arts[1]:
                why.append("other-article")
            elif abs(first.sentence_id - right.sentence_id) <= 2:
                why.append("neighbour")
            nf, nr = _novel_share(first.text, parsed), _novel_share(right.text, parsed)
            if nf <= ECHO and nr > nf:
                why.append("echo")
            if kind:
                hf = bool(evidence_positions(first.text, kind, parsed.question_words))
                hr = bool(evidence_positions(right.text, kind, parsed.question_words))
                if hr and not hf:
                    why.append(f"kind:{kind}")
                elif hf and hr:
                    why.append(f"both-{kind}")
            rows[-1]["why"] = why or ["else"]
            if verbose:
                print(f"{file.parent.name} {item.get('id', '')} #{place} {' '.join(why) or 'else'}")
                print(f"    q:     {item['q']}")
                print(f"    first: ({nf:.2f}) {first.text[:160]}")
                print(f"    right: ({nr:.2f}) {right.text[:160]}")
    return rows


def main() -> None:
    rows = run(__doc__.splitlines()[0], study)
    places = collections.Counter(min(r["place"], 2) for r in rows)
    print(f"answerable {len(rows)}: first {places[1]}, later {places[2]}, not shown {places[0]}")
    why = collections.Counter(w for r in rows if r["place"] > 1 for w in r["why"])
    for w, n in why.most_common():
        print(f"  {w}: {n}")


if __name__ == "__main__":
    main()
