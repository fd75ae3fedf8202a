"""The trainers' dump steps (bench/train_ranker.py, bench/question_sets.py): not product
code, but the shipped weights are rebuilt with them, so they must run on this version's
answering and dump what they say."""

from __future__ import annotations

import argparse
import hashlib
import importlib.util
import json
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import numpy as np
import pytest
from test_hybrid import StubEncoder
from test_learned_rank import MINE, UNION

from index import answering, encoder
from index import library as library_module
from index.learned_rank import LinearScorer
from index.library import Library
from index.rank_features import FEATURES

pytestmark = pytest.mark.usefixtures("vectors_on_the_thread")  # conftest.py says why

BENCH = Path(__file__).resolve().parents[1] / "bench"


def load_bench(name: str, monkeypatch: pytest.MonkeyPatch) -> ModuleType:
    """bench/NAME.py as a fresh module; what it patches in answering and library is put
    back after the test."""
    monkeypatch.syspath_prepend(str(BENCH))
    monkeypatch.setattr(answering, "_candidate_rows", answering._candidate_rows)
    monkeypatch.setattr(library_module, "answer_question", library_module.answer_question)
    spec = importlib.util.spec_from_file_location(f"bench_{name}", BENCH / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


async def test_ranker_dump_reads_the_pool_of_a_question_then_declined(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The dump records each question's pool in one pass ordered by the fusion, also when
    a later rule declines it (the pool still says which sentence holds the answer); the
    answer recorded is the fusion's. Answered questions too."""
    ranker = load_bench("train_ranker", monkeypatch)
    lib = await Library.open(tmp_path / "lib.db")
    await lib.add_document(MINE)
    await lib.add_document(UNION)
    lib.enable_semantic(StubEncoder({"killed": 0, "1998": 1}))  # type: ignore[arg-type]
    assert await lib.wait_for_vectors(30)
    lib._scorer = LinearScorer(np.zeros(len(FEATURES)))
    ranker.seen.clear()
    declined = await lib.ask("how many trucks did the mine have")
    assert (
        declined.declined_by and declined.declined_by.startswith("unsaid") and not declined.quotes
    )
    assert ranker.seen["rows"].shape == (len(ranker.seen["ids"]), len(FEATURES))
    ranker.seen.clear()
    answered = await lib.ask("How many miners were killed at the mine?")
    assert answered.quotes[0].text.startswith("Two miners")
    assert len(ranker.seen["rows"]) == len(ranker.seen["eligible"]) > 1
    await lib.close()


def test_dump_with_another_encoder_indexes_and_asks_with_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``dump --model DIR`` (cross-fitting): the set's library is indexed by
    bench/articlebot_with_model.py with DIR and its questions are encoded by DIR; a folder
    without weights is a one-line error."""
    question_sets = load_bench("question_sets", monkeypatch)
    model = tmp_path / "enc"
    model.mkdir()
    (model / "model.safetensors").write_bytes(b"")
    runs: list[list[str]] = []
    monkeypatch.setattr(question_sets.subprocess, "run", lambda cmd, **_: runs.append(cmd))
    monkeypatch.setattr(encoder, "MODEL_DIR", encoder.MODEL_DIR)
    dumped: list[tuple[Path, str, Path]] = []

    async def dump_one(db: Path, items: list[dict[str, Any]], name: str, out: Path) -> None:
        dumped.append((db, name, encoder.MODEL_DIR))

    questions = Path(__file__).parent / "data" / "fresh-a" / "questions.jsonl"
    args = argparse.Namespace(
        questions=[questions],
        out=tmp_path / "out",
        dbs=tmp_path / "dbs",
        squad_db=None,
        model=model,
    )
    question_sets.dump_sets(args, dump_one)
    assert runs[0][:4] == [
        sys.executable,
        str(BENCH / "articlebot_with_model.py"),
        str(model.resolve()),
        "index",
    ]
    assert dumped == [(tmp_path / "dbs" / "fresh-a.db", "fresh-a", model.resolve())]
    args.model = tmp_path
    with pytest.raises(SystemExit, match=r"no model\.safetensors"):
        question_sets.dump_sets(args, dump_one)


# The folders the shipped encoder was fine-tuned on (index/semantic_model/NOTICE).
ENCODER_TRAINED_ON = {
    *("t1", "t2", "t3", "t4", "t5"),
    *("l1", "l2", "l3", "l4", "l5", "l6", "l7", "l8", "l9", "l10", "l11", "l12"),
}


@pytest.mark.parametrize("weights", ["ranker_weights.json", "answerability_weights.json"])
def test_shipped_weights_are_cross_fitted(weights: str) -> None:
    """The reranker and the answer-or-decline model read the shipped encoder's cosines;
    no set they were trained on has its features from that encoder if it was fine-tuned
    on that set (its cosines there are over-confident), and every set says which encoder
    it was."""
    root = Path(__file__).resolve().parents[1] / "index"
    shipped = hashlib.sha256((root / "semantic_model" / "model.safetensors").read_bytes())
    training = json.loads((root / weights).read_text(encoding="utf-8"))["training"]
    encoder_of = training["encoder_of_set"]
    assert set(training["sets"]) <= set(encoder_of)
    assert all(len(digest) == 16 for digest in encoder_of.values())
    for name, digest in encoder_of.items():
        seen = name in ENCODER_TRAINED_ON
        assert (digest == shipped.hexdigest()[:16]) is not seen, name


def test_pools_pick_this_versions_features_by_name(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A dump holding more features than this version's (some tried and dropped), in
    another order, trains on this version's columns; one lacking some must be redone."""
    ranker = load_bench("train_ranker", monkeypatch)
    from index.rank_features import BASE_FEATURES

    dumped = ["tried_and_dropped", *reversed(BASE_FEATURES)]
    rows = np.arange(2 * len(dumped), dtype=np.float64).reshape(2, len(dumped))
    meta = [{"q": "q?", "gold": [True, False], "eligible": [True, True], "fusion": [1.0, 0.0],
             "right": True, "answered": True, "speaker": False}]  # fmt: skip
    np.savez(tmp_path / "s.npz", rows=rows, sizes=np.array([2]), features=np.array(dumped))
    (tmp_path / "s.json").write_text(json.dumps(meta), encoding="utf-8")
    pools = ranker.Pools(tmp_path, ["s"], {})
    first = pools.rows[0][:, : len(BASE_FEATURES)]
    assert first[0, 0] == rows[0, dumped.index(BASE_FEATURES[0])]
    assert first[1, -1] == rows[1, dumped.index(BASE_FEATURES[-1])]
    assert pools.rows[0].shape == (2, len(FEATURES))
    np.savez(tmp_path / "s.npz", rows=rows[:, 1:-1], sizes=np.array([2]),
             features=np.array(dumped[1:-1]))  # fmt: skip
    with pytest.raises(SystemExit, match="dump again"):
        ranker.Pools(tmp_path, ["s"], {})


def test_answerability_data_picks_this_versions_features_by_name(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The answer-or-decline trainer too: a dump with more features, in another order
    (features tried and left out), trains on this version's; one lacking some is redone."""
    trainer = load_bench("train_answerability", monkeypatch)
    from index.answerability import FEATURES as ASKED

    dumped = ["top_tried_and_dropped", *reversed(ASKED)]
    rows = np.arange(2 * len(dumped), dtype=np.float64).reshape(2, len(dumped))
    meta = [{"q": "q?", "answerable": True, "right": True},
            {"q": "r?", "answerable": False, "right": False}]  # fmt: skip
    np.savez(tmp_path / "s.npz", rows=rows, features=np.array(dumped))
    (tmp_path / "s.json").write_text(json.dumps(meta), encoding="utf-8")
    data = trainer.Data(tmp_path, ["s"])
    assert data.x.shape == (2, len(ASKED))
    assert data.x[0, 0] == rows[0, dumped.index(ASKED[0])]
    assert data.x[1, -1] == rows[1, dumped.index(ASKED[-1])]
    assert data.y.tolist() == [True, False]
    np.savez(tmp_path / "s.npz", rows=rows[:, 1:-1], features=np.array(dumped[1:-1]))
    with pytest.raises(SystemExit, match="dump again"):
        trainer.Data(tmp_path, ["s"])


def test_hidden_units_learn_what_only_counts_together(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``train --hidden``: pools where a candidate with two features is the answer when
    the pool has one, else the one with neither (never one with a single feature). The
    linear fit cannot order that; the units beside it learn it."""
    ranker = load_bench("train_ranker", monkeypatch)
    from index.rank_features import BASE_FEATURES

    a, b = BASE_FEATURES.index("figure"), BASE_FEATURES.index("lede")
    combos = [(0, 0), (1, 0), (0, 1), (1, 1)]
    rows, meta = [], []
    for n in range(40):
        pool = combos if n % 2 else combos[:3]  # gold: both, else neither
        for x, y in pool:
            row = np.zeros(len(BASE_FEATURES))
            row[a], row[b] = x, y
            rows.append(row)
        gold = [c == (1, 1) for c in pool] if n % 2 else [c == (0, 0) for c in pool]
        meta.append({"q": "q?", "gold": gold, "eligible": [True] * len(pool),
                     "fusion": [0.0] * len(pool), "right": False, "answered": True,
                     "speaker": False})  # fmt: skip
    sizes = np.array([len(m["gold"]) for m in meta])
    np.savez(tmp_path / "s.npz", rows=np.array(rows), sizes=sizes,
             features=np.array(BASE_FEATURES))  # fmt: skip
    (tmp_path / "s.json").write_text(json.dumps(meta), encoding="utf-8")
    pools = ranker.Pools(tmp_path, ["s"], {})
    linear = ranker.fit(pools, 0.01, 300, set())
    scorer = ranker.fit_hidden(pools, linear, 0.01, 0.001, 4, 400)

    def right(score: Any) -> float:  # the share of pools whose first candidate is gold
        return float(
            np.mean(
                [g[int(np.argmax(score(r)))] for r, g in zip(pools.rows, pools.gold, strict=True)]
            )
        )

    assert right(scorer.score) == 1.0 > right(lambda r: r @ linear)
