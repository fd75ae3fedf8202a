"""Ranking at library scale, side by side: rank-bm25, bm25s, SQLite FTS5 and articlebot.

    python bench/scale.py [--sizes 10000 100000 1000000] [--queries 200]

Every engine ranks the same synthetic corpus (bench/synthetic.py) for the same queries,
each in its own process (so RSS is its own). The reference is rank-bm25's BM25Plus with
articlebot's parameters (k1 0.9, b 0.4, delta 1), the class articlebot uses; "top-5 =" is
the share of queries whose top-5 ids (score descending, id ascending) equal the
reference's. rank-bm25 gets fewer queries at 1M (each takes most of a second).
Columns: build s, load s (start-up from disk), RSS MB (kept after the build, over the
corpus itself), query p50/p95 ms.
"""

from __future__ import annotations

import argparse
import json
import os
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from synthetic import corpus, queries

from index.bm25 import BM25Index, Params

PARAMS = Params()
ENGINES = ("rank-bm25", "bm25s", "fts5", "articlebot")


def top5(ids: np.ndarray, scores: np.ndarray) -> list[int]:
    order = np.lexsort((ids, -scores))[:5]
    return [int(ids[i]) for i in order]


def current_rss_mb() -> float:
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


def real_corpus() -> tuple[list[list[str]], list[list[str]]]:
    """squad-dev's 24 articles through articlebot's pipeline, and its questions' terms."""
    import json

    from index.analyze import analyze
    from index.ingest import read_path
    from index.pipeline import process

    shared = Path(__file__).resolve().parents[2] / "shared" / "eval" / "squad-dev"
    docs = [
        t for p in sorted((shared / "articles").glob("*.txt")) for t in process(read_path(p)).terms
    ]
    lines = (shared / "questions.jsonl").read_text().splitlines()
    qs = [analyze(json.loads(line)["q"]) for line in lines[:1000]]
    return docs, [q for q in qs if q]


def run_engine(engine: str, size: int, n_queries: int) -> dict[str, object]:
    if size == 0:
        docs, qs = real_corpus()
    else:
        docs = corpus(size).sentences
        qs = list(queries(n_queries))
    rss0 = current_rss_mb()
    load = None
    tmp = tempfile.mkdtemp()
    t0 = time.perf_counter()
    if engine == "rank-bm25":
        from rank_bm25 import BM25Plus

        model = BM25Plus(docs, k1=PARAMS.k1, b=PARAMS.b, delta=PARAMS.d)
        containing: dict[str, set[int]] = {}
        for i, d in enumerate(docs):
            for t in d:
                containing.setdefault(t, set()).add(i)

        def search(q: list[str]) -> list[int]:
            scores = model.get_scores(q)
            # Only documents that share a term with the query are results (BM25Plus gives
            # every other one the same query-only score).
            ids = np.array(
                sorted(set().union(*(containing.get(t, set()) for t in q))), dtype=np.int64
            )
            return top5(ids, scores[ids]) if len(ids) else []

    elif engine == "bm25s":
        import bm25s

        model = bm25s.BM25(k1=PARAMS.k1, b=PARAMS.b, delta=PARAMS.d, method="bm25+")
        vocab: dict[str, int] = {}
        ids_docs = [[vocab.setdefault(t, len(vocab)) for t in d] for d in docs]
        model.index(bm25s.tokenization.Tokenized(ids=ids_docs, vocab=vocab), show_progress=False)
        model.save(tmp + "/bm25s")
        t1 = time.perf_counter()
        model = bm25s.BM25.load(tmp + "/bm25s")
        load = time.perf_counter() - t1

        def search(q: list[str]) -> list[int]:
            qid = [[vocab[t] for t in q if t in vocab]]
            if not qid[0]:
                return []
            res, scores = model.retrieve(
                bm25s.tokenization.Tokenized(ids=qid, vocab=vocab),
                k=5,
                show_progress=False,
                n_threads=1,
            )
            return top5(res[0].astype(np.int64), scores[0].astype(np.float64))

    elif engine == "fts5":
        db = sqlite3.connect(tmp + "/fts.db")
        db.execute("CREATE VIRTUAL TABLE t USING fts5(body, tokenize='ascii')")
        db.executemany(
            "INSERT INTO t(rowid, body) VALUES (?, ?)",
            ((i, " ".join(d)) for i, d in enumerate(docs)),
        )
        db.commit()
        db.close()
        t1 = time.perf_counter()
        db = sqlite3.connect(tmp + "/fts.db")
        db.execute("SELECT count(*) FROM t").fetchone()
        load = time.perf_counter() - t1

        def search(q: list[str]) -> list[int]:
            match = " OR ".join(f'"{t}"' for t in q)
            rows = db.execute(
                "SELECT rowid FROM t WHERE t MATCH ? ORDER BY bm25(t), rowid LIMIT 5", (match,)
            ).fetchall()
            return [r[0] for r in rows]

    else:
        index = BM25Index(PARAMS)
        index.add(enumerate(docs))

        def search(q: list[str]) -> list[int]:
            return [d for d, _ in index.top(q, 5)]

    build = time.perf_counter() - t0 - (load or 0.0)
    import gc

    gc.collect()
    rss = current_rss_mb() - rss0  # what the engine keeps, after its build
    if engine == "rank-bm25" and size >= 1_000_000:
        qs = qs[:20]
    times, results = [], []
    for q in qs:
        t = time.perf_counter()
        results.append(search(q))
        times.append((time.perf_counter() - t) * 1000)
    return {
        "engine": engine, "size": size, "build_s": round(build, 2),
        "load_s": None if load is None else round(load, 3), "rss_mb": round(rss),
        "p50_ms": round(float(np.percentile(times, 50)), 3),
        "p95_ms": round(float(np.percentile(times, 95)), 3), "top5": results,
    }  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument(
        "--sizes",
        type=int,
        nargs="*",
        default=[0, 10_000, 100_000],
        help="sentences; 0 = the real squad-dev articles and 1,000 questions",
    )
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument("--engines", nargs="*", default=list(ENGINES))
    parser.add_argument("--child", nargs=2, metavar=("ENGINE", "SIZE"))
    args = parser.parse_args()
    if args.child:
        print(json.dumps(run_engine(args.child[0], int(args.child[1]), args.queries)))
        return
    print(
        f"{'sentences':>9} {'engine':11} {'build s':>8} {'load s':>7} {'RSS MB':>7} "
        f"{'p50 ms':>8} {'p95 ms':>8} {'top-5 =':>8}"
    )
    for size in args.sizes:
        rows = {}
        for engine in args.engines:
            out = subprocess.run(
                [sys.executable, __file__, "--child", engine, str(size), "--queries",
                 str(args.queries)], capture_output=True, text=True, env=os.environ, check=True,
            ).stdout  # fmt: skip
            rows[engine] = json.loads(out)
        reference = rows.get("rank-bm25")
        for engine, r in rows.items():
            same = "ref" if engine == "rank-bm25" else "-"
            if reference is not None and engine != "rank-bm25":
                pairs = list(zip(reference["top5"], r["top5"], strict=False))
                same = f"{sum(a == b for a, b in pairs) / len(pairs):.0%}"
            load = "-" if r["load_s"] is None else f"{r['load_s']:.3f}"
            label = "squad-dev" if size == 0 else str(size)
            print(
                f"{label:>9} {engine:11} {r['build_s']:>8} {load:>7} {r['rss_mb']:>7} "
                f"{r['p50_ms']:>8} {r['p95_ms']:>8} {same:>8}",
                flush=True,
            )


if __name__ == "__main__":
    main()
