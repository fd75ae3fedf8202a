"""How to fuse BM25 with the cosines (index/semantic.py): fusions and weights chosen on
one half of squad-dev and reported on the other, split two ways (not product code).

    .venv/bin/python bench/fusion_sweep.py [--db /tmp/hy-sq.db] [--shared ../shared]

``--db`` is a squad-dev library with its vectors (``articlebot index --db PATH --vectors
../shared/eval/squad-dev/articles/*.txt``). Splits: by article (the questions of the
even-numbered articles, sorted by file name, tune; the odd-numbered ones are held out:
no article of the held-out half was seen while choosing) and by question (even and odd
positions in the file). For each split and each fusion, the weights with the best
P@1 + MRR@5 on the tuning half are reported on the held-out half.

Fusions: ``best`` is index/semantic.py's (lexical / the pool's best + weighted cosines);
``z`` adds z-scores of the three within the pool (each signal's spread made equal);
``minmax`` maps the lexical scores onto [0, 1] within the pool; ``max`` is ``best`` with
the paragraph's cosine raised to the sentence's where the sentence matches better (a
paragraph about something else should not pull down the one sentence that answers).
``--neighbours W`` adds W x the best cosine of the sentences either side in the same
paragraph. ``--split article`` runs one split only; ``--grid "ws,wp;ws,wp"`` sets the
weights tried.
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import os
import sys
import time
from collections.abc import Mapping, Sequence
from pathlib import Path

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
sys.path.insert(0, str(Path(__file__).parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import numpy as np
from hybrid import preload, squad_halves

from index import semantic
from index.encoder import F32, dot_blobs
from index.evaluate import evaluate, load_questions
from index.library import Library

semantic.QUESTION_CACHE = 1_000_000

ROOT = Path(__file__).resolve().parents[1]
SENTENCE = (0.0, 0.15, 0.3, 0.45, 0.6)
PARAGRAPH = (0.25, 0.5, 0.75, 1.0)


class VariantRanker(semantic.SemanticRanker):
    """index/semantic.py's ranker with the other fusions tried (measured, not shipped)."""

    fusion = "best"
    neighbour_weight = 0.0

    def fuse(
        self, question: str, pool: Sequence[int], scores: Mapping[int, float]
    ) -> dict[int, float]:
        if self.fusion == "best" and not self.neighbour_weight:
            return super().fuse(question, pool, scores)
        fused = dict(scores)
        top = list(pool[: self.pool])
        found = self.vectors(top)
        if not top or not any(found.get(sid, (None, None))[0] for sid in top):
            return fused
        query = self.question_vector(question)
        lex = np.array([scores[sid] for sid in top])
        cs = np.array(semantic._cosines(query, [found.get(s, (None, None))[0] for s in top]))
        cp = np.array(semantic._cosines(query, [found.get(s, (None, None))[1] for s in top]))
        if self.fusion == "max":
            cp = np.maximum(cs, cp)
        if self.fusion == "z":
            lex, cs, cp = _z(lex), _z(cs), _z(cp)
        elif self.fusion == "minmax":
            lex = (lex - lex.min()) / ((lex.max() - lex.min()) or 1.0)
        else:
            lex = lex / (lex.max() or 1.0)
        total = lex + self.sentence_weight * cs + self.paragraph_weight * cp
        if self.neighbour_weight:
            total += self.neighbour_weight * self._neighbours(query, top)
        fused.update(zip(top, total.tolist(), strict=True))
        return fused

    def _neighbours(self, query: F32, top: list[int]) -> np.ndarray:
        sql = (
            "SELECT s.id, v.vector FROM sentences s JOIN sentences n ON n.article_id ="
            " s.article_id AND n.paragraph = s.paragraph AND n.number IN (s.number - 1,"
            " s.number + 1) JOIN sentence_vectors v ON v.sentence_id = n.id AND"
            " v.model_version = ? WHERE s.id IN ({})".format(",".join("?" * len(top)))
        )
        assert isinstance(self.source, semantic.SqliteVectorSource), "SQLite libraries only"
        conn = self.source._connection()
        rows = conn.execute(sql, [self.encoder.model_version, *top]).fetchall()
        best: dict[int, float] = {}
        for (sid, _), c in zip(rows, dot_blobs(query, [r[1] for r in rows]), strict=True):
            best[int(sid)] = max(best.get(int(sid), -1.0), float(c))
        mean = sum(best.values()) / len(best) if best else 0.0
        return np.array([best.get(sid, mean) for sid in top])


def _z(x: np.ndarray) -> np.ndarray:
    return (x - x.mean()) / x.std() if x.std() > 1e-12 else np.zeros_like(x)


async def measure(lib: Library, items: list[dict[str, object]]) -> tuple[float, float]:
    report = await evaluate(items, lambda q: lib.ask(q, k=5))
    return report.p_at_1, report.mrr_at_5


async def main(
    db: Path,
    shared: Path,
    fusions: list[str],
    z_grid: bool,
    neighbours: float,
    only: str | None = None,
    weights: list[tuple[float, float]] | None = None,
) -> None:
    items = load_questions(shared / "eval" / "squad-dev" / "questions.jsonl")
    splits = {"article": squad_halves(shared), "question": (items[0::2], items[1::2])}
    if only:
        splits = {only: splits[only]}
    lib = await Library.open(db, semantic=True, background=False)
    assert lib.semantic is not None, "the model did not load"
    ranker = VariantRanker(db, lib.semantic.encoder)
    ranker.neighbour_weight = neighbours
    preload(ranker)
    lib._ranker = None
    for split, (tune, held) in splits.items():
        print(f"split by {split}: {len(tune)} tuning, {len(held)} held out; off: "
              f"tuning {await measure(lib, tune)}, held out {await measure(lib, held)}",
              flush=True)  # fmt: skip
    lib._ranker = ranker
    for fusion in fusions:
        ranker.fusion = fusion
        grid = list(itertools.product(SENTENCE, PARAGRAPH))
        if fusion == "z" and z_grid:
            grid = list(itertools.product((0.25, 0.5, 1.0), (0.5, 1.0, 1.5, 2.0)))
        if weights:
            grid = weights
        for split, (tune, held) in splits.items():
            results = {}
            for ws, wp in grid:
                ranker.sentence_weight, ranker.paragraph_weight = ws, wp
                t = time.perf_counter()
                results[(ws, wp)] = await measure(lib, tune)
                print(f"  {fusion} {split} tune w_s {ws} w_p {wp}: P@1 {results[(ws, wp)][0]:.3f}"
                      f" MRR@5 {results[(ws, wp)][1]:.3f} ({time.perf_counter() - t:.0f} s)",
                      flush=True)  # fmt: skip
            ws, wp = max(results, key=lambda w: sum(results[w]))
            ranker.sentence_weight, ranker.paragraph_weight = ws, wp
            p1, mrr = await measure(lib, held)
            print(f"{fusion} split by {split}: chosen w_s {ws} w_p {wp} "
                  f"(tuning {results[(ws, wp)][0]:.3f} / {results[(ws, wp)][1]:.3f}); "
                  f"held out P@1 {p1:.3f} MRR@5 {mrr:.3f}", flush=True)  # fmt: skip
    await lib.close()


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", type=Path, default=Path("/tmp/hy-sq.db"))
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--fusion", nargs="+", default=["best", "z"])
    parser.add_argument("--z-grid", action="store_true", help="a grid scaled for z-scores")
    parser.add_argument("--neighbours", type=float, default=0.0)
    parser.add_argument("--split", choices=["article", "question"])
    parser.add_argument("--grid", help='weights tried, "ws,wp;ws,wp"')
    args = parser.parse_args()
    grid = None
    if args.grid:
        grid = [(float(a), float(b)) for a, b in (w.split(",") for w in args.grid.split(";"))]
    asyncio.run(
        main(args.db, args.shared, args.fusion, args.z_grid, args.neighbours, args.split, grid)
    )
