"""Questions whose first quote comes from another article than the gold's (not product code).

For every answerable question of the given sets (tests/data/fresh-*, never a holdout),
answers it as ``articlebot eval`` does (a new library per set, its ``articles/`` folder
indexed, vectors waited for) and lists those whose first quote's article file is not the
question's ``article``: the question, the first quote, and each of the question's words
with its English rarity (wordfreq), its IDF among articles and the articles holding it,
so that a reader can tell why the wrong article won.

    .venv/bin/python bench/wrong_article.py tests/data/fresh-*/questions.jsonl [-v]

``ARTICLEBOT_SEMANTIC=0`` measures the lexical ranking.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import numpy as np

from bot.cli import _index_eval_articles, _wait_for_vectors
from index import answering
from index.evaluate import is_correct, load_questions
from index.library import SHARED, Library

seen: dict[str, object] = {}
_slots = answering._slots


async def _watch_slots(question, ctx):  # type: ignore[no-untyped-def]
    out = await _slots(question, ctx)
    seen["slots"] = out[0]
    return out


answering._slots = _watch_slots  # type: ignore[assignment]


async def one_set(file: Path, verbose: bool) -> tuple[int, int]:
    semantic = os.environ.get("ARTICLEBOT_SEMANTIC", "1") != "0"
    items = [i for i in load_questions(file) if i["kind"] not in {"abstain", "smalltalk"}]
    wrong = 0
    with tempfile.TemporaryDirectory(prefix="wrong-article-") as tmp:
        async with await Library.open(
            Path(tmp) / "lib.db", semantic=semantic, background=True
        ) as lib:
            await _index_eval_articles(lib, items, file)
            await _wait_for_vectors(lib)
            index = lib.index_for(SHARED)
            names = {a.id: Path(a.source).name for a in lib.articles()}
            firsts = np.unique(index.article_of(np.arange(len(index), dtype=np.int64)))
            firsts = firsts[firsts >= 0]
            heads = await lib._read_on_thread(firsts.tolist())
            by_first = {q.sentence_id: names.get(q.citation.article_id, "?") for q in heads}
            for item in items:
                seen.clear()
                answer = await lib.ask(item["q"], k=3)
                if not answer.quotes or not item.get("article"):
                    continue
                first = answer.quotes[0]
                got = names.get(first.citation.article_id, "?")
                if got == item["article"] or is_correct(item, first):
                    continue
                wrong += 1
                print(f"{file.parent.name} {item.get('id', '')} {item['q']}")
                print(f"    gold [{item['article'][:30]}]: {'; '.join(item['gold'])[:110]}")
                print(f"    got  [{got[:30]}]: {first.text[:110]}")
                if verbose:
                    for s in seen.get("slots", []):  # type: ignore[attr-defined]
                        held = ""
                        if s.known:
                            arts, _ = index.article_coverage([(s.terms, 1.0)])
                            held = ",".join(
                                sorted(by_first.get(a, "?")[:14] for a in arts.tolist())
                            )
                        print(
                            f"      {s.word:14} rarity {s.rarity:.2f} w {s.weight:.2f} "
                            f"aidf {index.article_idf(s.terms[0]) if s.known else 0:.2f} {held}"
                        )
    return wrong, len(items)


async def main(files: list[Path], verbose: bool) -> None:
    total = wrong = 0
    for file in files:
        w, n = await one_set(file, verbose)
        wrong += w
        total += n
        print(
            f"== {file.parent.name}: {w} of {n} answerable first from another article", flush=True
        )
    print(f"== all: {wrong} of {total}")


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("questions", type=Path, nargs="+")
    parser.add_argument("-v", "--verbose", action="store_true")
    args = parser.parse_args()
    if any("holdout" in str(f) for f in args.questions):
        sys.exit("wrong_article.py: holdout sets are measure-only")
    asyncio.run(main(args.questions, args.verbose))
