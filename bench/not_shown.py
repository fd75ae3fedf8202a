"""Why the right sentence is not among the quotes at all (not product code).

For every answerable question that is answered (some quote shown) but whose right
sentence (``index.evaluate.is_correct``) is none of the quotes, says where it is lost:

- recall: it shares no searched term with the question; or it does, but BM25 (sentence +
  paragraph) ranks it below the POOL candidates the later stages reorder;
- filters: it is in the pool but its article holds much less of the question than
  another (``passes``), or it covers too little of the question (``MIN_COVERAGE``);
- ranking: it is admitted but the order shown (learned reranker or fusion) puts it past
  the quotes asked for;
- cut: it is within the quotes asked for in that order, but ``_shown`` stops the list
  earlier because a quote before it (or it) scores below half of the first.

and for each, the gold's rank in BM25 alone (every sentence sharing a term), in the
dense cosine alone (every sentence of the library), and in the order shown; whether the
first quote comes from another article than the gold's; and whether the gold sentence
opens with a word pointing back (a pronoun or "the ...") so that its neighbour names what
it is about.

    .venv/bin/python bench/not_shown.py tests/data/fresh-*/questions.jsonl \
        ../shared/eval/seed-dev.jsonl [--dbs /tmp/not-shown] [-v]

Each set is indexed, with its vectors, into a library of its own under ``--dbs`` (reused
when present), as ``articlebot eval`` indexes it (seed-dev against the bundled sample).
It wraps answering's stages from the outside to watch them; answers are unchanged. Dev
sets only: it prints questions and sentences.
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
from index import answering
from index.evaluate import is_correct
from index.library import SHARED, Library

BACK = frozenset("it its they them their this these that those he she his her such".split())

seen: dict[str, Any] = {}
_rank, _shown, _order_key = answering._rank, answering._shown, answering._order_key


def _watch_rank(slots, terms, ids, combined, ctx):  # type: ignore[no-untyped-def]
    ranked = _rank(slots, terms, ids, combined, ctx)
    seen.update(slots=slots, ids=ids.tolist(), combined=combined.tolist(), ranked=ranked)
    return ranked


async def _watch_order_key(text, parsed, slots, ranked, ctx, read):  # type: ignore[no-untyped-def]
    key, read, learned = await _order_key(text, parsed, slots, ranked, ctx, read)
    seen["key"] = dict(key)
    return key, read, learned


def _watch_shown(order, ranked, weights, n):  # type: ignore[no-untyped-def]
    chosen = _shown(order, ranked, weights, n)
    seen.update(order=list(order), chosen=chosen, n=n, score=dict(ranked.score))
    return chosen


answering._rank = _watch_rank  # type: ignore[assignment]
answering._shown = _watch_shown  # type: ignore[assignment]
answering._order_key = _watch_order_key  # type: ignore[assignment]


def _place(ranking: list[int], gold: set[int]) -> int:
    """1-based place of the first gold sentence in ``ranking`` (0: absent)."""
    return next((n for n, sid in enumerate(ranking, 1) if sid in gold), 0)


def stage(gold: set[int]) -> str:
    ids = seen.get("ids")
    if ids is None or not gold & set(ids):
        return "recall: no shared term"
    ranked = seen["ranked"]
    inpool = [g for g in gold if g in ranked.passes]
    if not inpool:
        return "recall: below BM25 pool"
    if not any(ranked.passes[g] for g in inpool):
        return "filter: article share/names"
    slots = seen["slots"]
    if all(answering._evidence(ranked, g, slots) < answering.MIN_COVERAGE for g in inpool):
        return "filter: coverage"
    order = seen.get("order", [])
    place = _place(order, gold)
    if not place:
        return "other (speaker/seen)"
    if place <= seen["n"]:
        return "cut: half-of-first"
    return "ranking: past the quotes"


def bucket(place: int) -> str:
    if place == 0:
        return "-"
    for top in (1, 5, 10, 30, 100):
        if place <= top:
            return f"<={top}"
    return ">100"


async def study(file: Path, db: Path, k: int, verbose: bool) -> list[dict[str, Any]]:
    items = [json.loads(line) for line in file.open(encoding="utf-8") if line.strip()]
    given = SEED_ARTICLES if not any(i.get("article") for i in items) else []
    rows = []
    async with await Library.open(db, semantic=True, background=True) as lib:
        await _index_eval_articles(lib, items, file, given)
        await _wait_for_vectors(lib)
        index = lib.index_for(SHARED)
        # Sentence ids need not be dense (an article indexed again is numbered anew), so
        # every id the store can read is one.
        probe = list(range(2 * len(index) + 1000))
        quotes = {q.sentence_id: q for q in await lib._read_on_thread(probe)}
        everything = np.array(sorted(quotes), dtype=np.int64)
        article_of = dict(
            zip(everything.tolist(), index.article_of(everything).tolist(), strict=True)
        )
        for item in items:
            if item["kind"] in {"abstain", "smalltalk"}:
                continue
            seen.clear()
            answer = await lib.ask(item["q"], k=k)
            if not answer.quotes or any(is_correct(item, q) for q in answer.quotes[:k]):
                continue
            gold = {sid for sid, q in quotes.items() if is_correct(item, q)}
            if not gold:
                continue
            where = stage(gold)
            bm25 = []
            if "ids" in seen:
                bm25 = [seen["ids"][i] for i in np.argsort(-np.array(seen["combined"]))]
            assert lib.semantic is not None
            cos = lib.semantic.cosines(item["q"], everything.tolist())
            dense = sorted(cos, key=lambda s: -cos[s])
            key = seen.get("key", {})
            pool_order = sorted(key, key=lambda s: -key[s])
            g = min(gold, key=lambda s: dense.index(s) if s in dense else 10**9)
            first = answer.quotes[0].sentence_id
            words = quotes[g].text.split()
            opener = words[0].lower().strip("\"'“‘") if words else ""
            row = dict(
                set=file.parent.name if file.parent.name != "eval" else file.stem,
                id=item.get("id", ""),
                stage=where,
                bm25=_place(bm25, gold),
                dense=_place(dense, gold),
                pool=_place(pool_order, gold),
                shown_order=_place(seen.get("order", []), gold),
                other_article=article_of[first] != article_of[g],
                follow_on=opener in BACK,
                n_quotes=len(answer.quotes),
            )
            rows.append(row)
            if verbose:
                print(
                    f"[{where}] {row['set']} {row['id']} bm25#{row['bm25']} dense#{row['dense']}"
                    f" pool#{row['pool']} order#{row['shown_order']} quotes={row['n_quotes']}"
                    f" other-article={row['other_article']} follow-on={row['follow_on']}"
                )
                print(f"    q:    {item['q']}")
                print(f"    gold: {quotes[g].text[:150]}")
                prev = quotes.get(g - 1)
                if row["follow_on"] and prev is not None and article_of.get(g - 1) == article_of[g]:
                    print(f"    prev: {prev.text[:150]}")
                print(f"    got:  {answer.quotes[0].text[:150]}")
    return rows


def main() -> None:
    rows = run(__doc__.splitlines()[0], study)
    print(f"answered, right sentence not among the quotes: {len(rows)}")
    for title, field in (
        ("stage", "stage"),
        ("gold's place in BM25 alone", "bm25"),
        ("gold's place by dense cosine alone (whole library)", "dense"),
        ("gold's place in the reranked pool", "pool"),
        ("gold's place in the order shown", "shown_order"),
    ):
        counts = collections.Counter(
            r[field] if field == "stage" else bucket(int(r[field])) for r in rows
        )
        print(f"{title}: " + ", ".join(f"{k}: {n}" for k, n in sorted(counts.items())))
    print(
        f"first quote from another article than the gold: {sum(r['other_article'] for r in rows)}"
    )
    print(f"gold opens with a word pointing back: {sum(r['follow_on'] for r in rows)}")
    by_stage = collections.Counter((r["stage"], r["other_article"]) for r in rows)
    print(
        "stage x other article: "
        + ", ".join(f"{s}/{o}: {n}" for (s, o), n in sorted(by_stage.items()))
    )


if __name__ == "__main__":
    main()
