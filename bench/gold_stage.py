"""At which stage of answering the right sentence is lost (not product code).

For every answerable question whose first quote is not the right one, says where the
right sentence (the article's sentence that ``index.evaluate.is_correct`` accepts) drops
out: it shares no searched term with the question; BM25 ranks it below the pool; the
article-share filter or the names filter (``_about_the_names``) removes it; it covers too
little of the question (``MIN_COVERAGE``); the half-of-the-first cut in ``_shown`` drops
it; it is shown, but not first (ordering); or the question is declined.

    .venv/bin/python bench/gold_stage.py --db /tmp/fresh-a.db QUESTIONS.jsonl [-v]

``--db`` is a library holding the questions' articles with their vectors computed
(``articlebot index --db PATH --vectors FILES``). It wraps answering's stages from the
outside to watch them; answers are unchanged.
"""

from __future__ import annotations

import argparse
import asyncio
import collections
import os
import sys
from pathlib import Path
from typing import Any

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import numpy as np

from index import answering
from index.evaluate import is_correct, load_questions
from index.library import SHARED, Library

seen: dict[str, Any] = {}
_rank, _shown = answering._rank, answering._shown


def _watch_rank(slots, terms, ids, combined, ctx):  # type: ignore[no-untyped-def]
    ranked = _rank(slots, terms, ids, combined, ctx)
    index = ctx.index
    pool = np.array(ranked.ids, dtype=np.int64)
    shares, best = ranked.shares, ranked.best_article_share
    share = np.array([shares.get(a, 0.0) for a in index.article_of(pool).tolist()])
    named = answering._about_the_names(slots, pool, index)
    seen.update(
        slots=slots,
        ids=ids.tolist(),
        combined=combined,
        ranked=ranked,
        share_ok=dict(
            zip(ranked.ids, (share >= best - answering.ARTICLE_MARGIN).tolist(), strict=True)
        ),
        names_ok=dict(zip(ranked.ids, named.tolist(), strict=True)),
    )
    return ranked


def _watch_shown(order, ranked, weights, n):  # type: ignore[no-untyped-def]
    chosen = _shown(order, ranked, weights, n)
    seen.update(order=list(order), chosen=chosen)
    return chosen


answering._rank = _watch_rank  # type: ignore[assignment]
answering._shown = _watch_shown  # type: ignore[assignment]


def stage(gold: set[int], answered: bool) -> str:
    ids = seen.get("ids")
    if ids is None:
        return "no candidates"
    if not gold & set(ids):
        return "no shared term"
    ranked = seen["ranked"]
    inpool = [g for g in gold if g in ranked.passes]
    if not inpool:
        return "beyond BM25 pool"
    if not any(ranked.passes[g] for g in inpool):
        share = any(seen["share_ok"][g] for g in inpool)
        names = any(seen["names_ok"][g] for g in inpool)
        if not share and not names:
            return "share+names filters"
        return "article-share filter" if not share else "names filter"
    passing = [g for g in inpool if ranked.passes[g]]
    slots = seen["slots"]
    if all(answering._evidence(ranked, g, slots) < answering.MIN_COVERAGE for g in passing):
        return "coverage"
    if not answered:
        return "declined"
    if "order" not in seen:
        return "answered other way"
    if not gold & set(seen["order"]):
        return "other (speaker/seen)"
    if not gold & set(seen["chosen"]):
        return "half-of-first cut"
    return "ordering"


def meaning(lib: Library, question: str, gold: set[int], index: Any) -> str:
    """The right sentence's cosine with the question, its place among its article's
    sentences by cosine, and the best cosine of the lexical candidates (dense recall's
    rival)."""
    assert lib.semantic is not None
    pool = seen["ranked"].ids
    sid = min(gold)
    article = int(index.article_of(np.array([sid], dtype=np.int64))[0])
    own = index.article_sentences(article, 400).tolist()
    cos = lib.semantic.cosines(question, list(dict.fromkeys([*own, *pool])))
    place = 1 + sum(cos.get(o, -1.0) > cos.get(sid, -1.0) for o in own)
    rival = max((cos[p] for p in pool if p in cos and p not in gold), default=0.0)
    return f"cos {cos.get(sid, float('nan')):.3f}, #{place} in article, lexical rival {rival:.3f}"


async def main(db: Path, questions: Path, k: int, verbose: bool) -> None:
    items = [i for i in load_questions(questions) if i["kind"] not in {"abstain", "smalltalk"}]
    lib = await Library.open(db, semantic=True, background=False)
    index = lib.index_for(SHARED)
    everything = np.arange(len(index), dtype=np.int64)
    quotes = {q.sentence_id: q for q in await lib._read_on_thread(everything.tolist())}
    counts: collections.Counter[str] = collections.Counter()
    for item in items:
        seen.clear()
        answer = await lib.ask(item["q"], k=k)
        if answer.quotes and is_correct(item, answer.quotes[0]):
            counts["first"] += 1
            continue
        gold = {sid for sid, q in quotes.items() if is_correct(item, q)}
        where = "gold not found" if not gold else stage(gold, bool(answer.quotes))
        counts[where] += 1
        if verbose:
            print(f"[{where}] {item.get('id', '')} {item['q']}")
            for sid in sorted(gold)[:1]:
                print(f"    gold: {quotes[sid].text[:150]}")
            if gold and lib.semantic is not None and "ranked" in seen:
                print(f"    {meaning(lib, item['q'], gold, index)}")
            if answer.quotes:
                print(f"    got:  {answer.quotes[0].text[:150]}")
            else:
                print(f"    note: {answer.note}")
    total = len(items)
    shares = ", ".join(f"{s}: {n}" for s, n in counts.most_common())
    print(f"{questions.parent.name}/{questions.name} ({total} answerable): {shares}", flush=True)
    await lib.close()


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("questions", type=Path, nargs="+")
    parser.add_argument("--db", type=Path, required=True)
    parser.add_argument("-k", type=int, default=30)
    parser.add_argument("-v", "--verbose", action="store_true")
    args = parser.parse_args()
    for file in args.questions:
        asyncio.run(main(args.db, file, args.k, args.verbose))
