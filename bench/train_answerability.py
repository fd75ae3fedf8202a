"""Train the answer-or-decline model's weights (index/answerability.py) (not product code).

Two steps:

    # 1. Each question set's features, as the product computes them once the rules have
    #    chosen to answer (index/answering.py ``_answerability_row`` is watched), with
    #    each question's label (an ``abstain`` question is no answer, any other is one).
    .venv/bin/python bench/train_answerability.py dump bench/train-ltr/l1/questions.jsonl \
        ... --out /tmp/answerability
    #    squad-dev: --squad-db /tmp/sq.db ../shared/eval/squad-dev/questions.jsonl dumps
    #    its even-numbered articles (sorted by file name) as squad-even, the others as
    #    squad-odd (answerable questions only).
    # 2. Logistic regression (L2 on standardized weights, the classes balanced per
    #    training set group), cross-validated leave-one-folder-out: each folder's figures
    #    from a model trained on the others, the threshold chosen on those others.
    .venv/bin/python bench/train_answerability.py train --data /tmp/answerability \
        --train l1 l2 l3 t1 t2 t3 t4 t5 squad-even --dev fresh-a ... [--write]

The shipped model is cross-fitted (bench/crossfit.sh makes the dumps; bench/train_ranker.py
says why and how): train-news and train-ltr l1-l7 dumped with encoders that never saw them,
squad-dev (every fourth question of each article) with the shipped one, then

    .venv/bin/python bench/train_answerability.py train --data OUT/ans --train l1 l2 l3 \
        l4 l5 l6 l7 t1 t2 t3 t4 t5 squad-even --always squad-even --check squad-odd \
        --l2 0.05 --neg-share 0.5 --max-wrong 0.003 --write

(l8-l10, dumped with the shipped encoder, which never saw them, may be added to --train.)
A dump's columns are picked by name: one made with more features (tried and left out)
still trains, so one dump of every candidate feature serves many trials.

The threshold is the probability below which a question is declined: the highest one
that wrongly declines at most ``--max-wrong`` of the training sets' answerable questions
the rules answer. Only numpy.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path
from typing import Any

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import numpy as np
from numpy.typing import NDArray
from question_sets import dump_sets, encoders_of

from index import answering
from index.answerability import FEATURES, WEIGHTS_FILE, AnswerabilityModel
from index.evaluate import is_correct
from index.library import Library

seen: list[NDArray[np.float64]] = []
_row = answering._answerability_row


async def _watch_row(*args: Any) -> NDArray[np.float64] | None:
    found = await _row(*args)
    if found is not None:
        seen.append(found)
    return found


answering._answerability_row = _watch_row  # type: ignore[assignment]


async def _dump(db: Path, items: list[dict[str, Any]], name: str, out: Path) -> None:
    lib = await Library.open(db, semantic=True, background=False)
    assert lib.semantic is not None, "no vectors: index with --vectors"
    # Never declines, so the row is read; the fused pass alone decides, as in the product.
    lib._answerability = AnswerabilityModel(np.zeros(len(FEATURES)), 0.0, 0.0)
    lib._scorer = None
    rows: list[NDArray[np.float64]] = []
    meta: list[dict[str, Any]] = []
    for item in items:
        if item["kind"] not in {"answerable", "span", "attribution", "abstain"}:
            continue
        seen.clear()
        answer = await lib.ask(item["q"], k=3)
        first = answer.quotes[0] if answer.quotes else None
        if not seen or first is None:
            continue
        rows.append(seen[-1])
        meta.append(
            {
                "id": item.get("id", ""),
                "q": item["q"],
                "kind": item["kind"],
                "answerable": item["kind"] != "abstain",
                "right": item["kind"] != "abstain" and is_correct(item, first),
            }
        )
    await lib.close()
    np.savez(
        out / f"{name}.npz",
        rows=np.array(rows) if rows else np.zeros((0, len(FEATURES))),
        features=np.array(FEATURES),
    )
    (out / f"{name}.json").write_text(json.dumps(meta), encoding="utf-8")
    no = sum(not m["answerable"] for m in meta)
    print(f"{name}: {len(meta)} answered by the rules, {no} of them no-answer", flush=True)


def dump(args: argparse.Namespace) -> None:
    dump_sets(args, _dump)


# --- training -----------------------------------------------------------------------


class Data:
    def __init__(self, folder: Path, names: list[str]) -> None:
        xs, ys, sets, texts, right = [], [], [], [], []
        for name in names:
            data = np.load(folder / f"{name}.npz")
            # The columns of FEATURES are picked by name, so a dump with more (features
            # tried and dropped) still trains; one lacking some must be dumped again.
            dumped = [str(f) for f in data["features"]]
            if not set(FEATURES) <= set(dumped):
                raise SystemExit(f"{name}: dumped with other features; dump again")
            pick = [dumped.index(f) for f in FEATURES]
            meta = json.loads((folder / f"{name}.json").read_text(encoding="utf-8"))
            xs.append(data["rows"].reshape(len(meta), len(dumped))[:, pick])
            ys.extend(m["answerable"] for m in meta)
            sets.extend([name] * len(meta))
            texts.extend(m["q"] for m in meta)
            right.extend(m["right"] for m in meta)
        self.x = np.concatenate(xs) if xs else np.zeros((0, len(FEATURES)))
        self.y = np.array(ys, dtype=np.bool_)
        self.set = np.array(sets)
        self.q = texts
        self.right = np.array(right, dtype=np.bool_)

    def drop(self, names: list[str]) -> None:
        """Features left out: their column is zero (a zero weight)."""
        for name in names:
            self.x[:, FEATURES.index(name)] = 0.0


def fit(
    x: NDArray[np.float64],
    y: NDArray[np.bool_],
    sample: NDArray[np.float64],
    l2: float,
    steps: int = 3000,
) -> tuple[NDArray[np.float64], float]:
    """Weighted logistic regression, L2 on the standardized weights (plain gradient
    descent with Adam); the weights returned in the features' own units."""
    mean, std = x.mean(axis=0), x.std(axis=0)
    std[std < 1e-9] = 1.0
    z = (x - mean) / std
    t = y.astype(np.float64)
    sw = sample / sample.sum()
    w = np.zeros(x.shape[1])
    b = 0.0
    m = np.zeros(x.shape[1] + 1)
    v = np.zeros_like(m)
    lr, b1, b2 = 0.05, 0.9, 0.999
    for k in range(1, steps + 1):
        p = 1 / (1 + np.exp(-np.clip(z @ w + b, -60, 60)))
        g = np.concatenate([z.T @ ((p - t) * sw) + 2 * l2 * w, [float(((p - t) * sw).sum())]])
        m = b1 * m + (1 - b1) * g
        v = b2 * v + (1 - b2) * g * g
        step = lr * (m / (1 - b1**k)) / (np.sqrt(v / (1 - b2**k)) + 1e-8)
        w -= step[:-1]
        b -= float(step[-1])
    raw = w / std
    return raw, b - float(raw @ mean)


def balanced(y: NDArray[np.bool_], neg_share: float) -> NDArray[np.float64]:
    """Sample weights giving the no-answer class ``neg_share`` of the total."""
    n_neg, n_pos = int((~y).sum()), int(y.sum())
    w = np.where(y, (1 - neg_share) / max(n_pos, 1), neg_share / max(n_neg, 1))
    return np.asarray(w, dtype=np.float64)


def prob(x: NDArray[np.float64], w: NDArray[np.float64], b: float) -> NDArray[np.float64]:
    return np.asarray(1 / (1 + np.exp(-np.clip(x @ w + b, -60, 60))), dtype=np.float64)


def threshold_for(p: NDArray[np.float64], y: NDArray[np.bool_], max_wrong: float) -> float:
    """The highest threshold declining at most ``max_wrong`` of the answerable ones."""
    pos = np.sort(p[y])
    allowed = int(np.floor(max_wrong * len(pos)))
    if allowed <= 0:
        return float(pos[0]) if len(pos) else 0.0
    return float(pos[allowed - 1]) + 1e-9 if allowed - 1 < len(pos) else 1.0


def figures(p: NDArray[np.float64], y: NDArray[np.bool_], thr: float) -> str:
    caught = int(((p < thr) & ~y).sum())
    wrong = int(((p < thr) & y).sum())
    no, yes = int((~y).sum()), int(y.sum())
    return f"no-answer declined {caught}/{no}, answerable declined {wrong}/{yes}"


def auc(p: NDArray[np.float64], y: NDArray[np.bool_]) -> float:
    if y.all() or (~y).all():
        return float("nan")
    pos, neg = p[y], p[~y]
    return float((pos[:, None] > neg[None, :]).mean() + 0.5 * (pos[:, None] == neg[None, :]).mean())


def train(args: argparse.Namespace) -> None:
    tr = Data(args.data, args.train)
    dev = Data(args.data, args.dev)
    tr.drop(args.drop)
    dev.drop(args.drop)
    print(
        f"train: {len(tr.y)} questions the rules answer ({int((~tr.y).sum())} no-answer); "
        f"l2 {args.l2}, no-answer share {args.neg_share}, max wrong {args.max_wrong}"
    )
    # Leave one folder out: each folder's questions judged by a model of the others.
    # The --always sets (squad-even: one folder of another kind of text) are in every
    # fold's training and judged in sample.
    pooled_p = np.zeros(len(tr.y))
    for name in args.train:
        if name in args.always:
            continue
        held = tr.set == name
        rest = ~held
        w, b = fit(tr.x[rest], tr.y[rest], balanced(tr.y[rest], args.neg_share), args.l2)
        pooled_p[held] = prob(tr.x[held], w, b)
    w, b = fit(tr.x, tr.y, balanced(tr.y, args.neg_share), args.l2)
    always = np.isin(tr.set, args.always)
    pooled_p[always] = prob(tr.x[always], w, b)
    # The threshold: from the cross-validated probabilities and the check sets'
    # (answerable questions no fold trained on), at most --max-wrong of the answerable
    # ones declined.
    check = Data(args.data, args.check)
    check.drop(args.drop)
    p_check = prob(check.x, w, b)
    thr = threshold_for(
        np.concatenate([pooled_p, p_check]), np.concatenate([tr.y, check.y]), args.max_wrong
    )
    folds = ~always
    print(f"threshold {thr:.4f}; cross-validated AUC {auc(pooled_p[folds], tr.y[folds]):.3f}")
    for name in args.train:
        held = tr.set == name
        print(f"  fold {name:11} {figures(pooled_p[held], tr.y[held], thr)}")
    for name in args.check:
        held = check.set == name
        print(f"  check {name:10} {figures(p_check[held], check.y[held], thr)}")
    p_tr = prob(tr.x, w, b)
    print(f"all (trained on): {figures(p_tr, tr.y, thr)}; AUC {auc(p_tr, tr.y):.3f}")
    for name in args.dev:
        held = dev.set == name
        p = prob(dev.x[held], w, b)
        print(f"  dev {name:11} {figures(p, dev.y[held], thr)}")
        if args.show:
            rows = zip(np.array(dev.q)[held], p, dev.y[held], dev.right[held], strict=True)
            for q, pi, yi, ri in rows:
                if (pi < thr) or not yi:
                    mark = "DECLINE" if pi < thr else "answer "
                    kind = ("right" if ri else "wrong") if yi else "NO   "
                    print(f"      {mark} {kind} {pi:.3f} {q}")
        right = dev.right[held]
        lost = int(((p < thr) & right).sum())
        print(f"      right answers lost {lost}/{int(right.sum())}")
    order = np.argsort(-np.abs(w * tr.x.std(axis=0)))
    print("largest standardized weights:")
    for j in order[:12]:
        print(f"  {FEATURES[j]:28} {w[j] * tr.x.std(axis=0)[j]:+.3f}")
    if args.write:
        data = {
            "about": "The answer-or-decline model (index/answerability.py): P(answerable) = "
            "sigmoid(features @ weights + bias), declined below threshold. Trained by "
            "bench/train_answerability.py train --train "
            + " ".join(args.train)
            + " --always "
            + " ".join(args.always)
            + " --check "
            + " ".join(args.check)
            + f" --l2 {args.l2} --neg-share {args.neg_share} --max-wrong {args.max_wrong}"
            + (f" --drop {' '.join(args.drop)}" if args.drop else ""),
            "training": {
                "sets": list(args.train),
                "questions": len(tr.y),
                "no_answer": int((~tr.y).sum()),
                "loss": "logistic, the classes weighted to the no-answer share given, L2 on "
                "standardized weights",
                "l2": args.l2,
                "no_answer_share": args.neg_share,
                "dropped": list(args.drop),
                "check_sets": list(args.check),
                # sha256[:16] of the encoder whose cosines each set's features hold
                "encoder_of_set": encoders_of(args.data, [*args.train, *args.check]),
                "threshold_rule": "the highest declining at most "
                f"{args.max_wrong} of the answerable questions, their probability "
                "cross-validated (leave one folder out) or from the check sets",
            },
            "bias": round(b, 6),
            "threshold": round(thr, 6),
            "weights": {name: round(float(v), 6) for name, v in zip(FEATURES, w, strict=True)},
        }
        WEIGHTS_FILE.write_text(json.dumps(data, indent=1) + "\n", encoding="utf-8")
        print(f"wrote {WEIGHTS_FILE}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="cmd", required=True)
    d = sub.add_parser("dump")
    d.add_argument("questions", nargs="+", type=Path)
    d.add_argument("--out", type=Path, required=True)
    d.add_argument("--dbs", type=Path, default=Path("/tmp/answerability-dbs"))
    d.add_argument("--squad-db", type=Path)
    d.add_argument(
        "--model", type=Path, help="encoder folder (default: the shipped one), for cross-fitting"
    )
    t = sub.add_parser("train")
    t.add_argument("--data", type=Path, required=True)
    t.add_argument("--train", nargs="+", required=True)
    t.add_argument("--dev", nargs="*", default=[])
    t.add_argument("--check", nargs="*", default=[])
    t.add_argument("--always", nargs="*", default=[])
    t.add_argument("--l2", type=float, default=0.01)
    t.add_argument("--neg-share", type=float, default=0.5)
    t.add_argument("--max-wrong", type=float, default=0.0)
    t.add_argument("--show", action="store_true")
    t.add_argument("--drop", nargs="*", default=[])
    t.add_argument("--write", action="store_true")
    args = parser.parse_args()
    dump(args) if args.cmd == "dump" else train(args)


if __name__ == "__main__":
    main()
