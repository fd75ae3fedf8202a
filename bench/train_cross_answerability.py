"""Train the answer-or-decline model's second reading (index/answerability.py
``load_cross_model``; not product code).

The first model weighs what answering knows of a question and the sentence it is about to
show first. The second reads the questions the first lets through, with the same
features and the cross-encoder's pooled states of the question and that sentence read
together (index/cross_encoder.py ``states``). Two steps:

    # 1. Per question set, the first model's row of each question it answers (the last
    #    row answering computes in the fused pass), the states of the sentence that row
    #    is about, and the labels (no-answer or not; the first quote right or not).
    .venv/bin/python bench/train_cross_answerability.py dump \\
        bench/train-ltr/l18/questions.jsonl ... tests/data/fresh-c/questions.jsonl ... \\
        --out /tmp/cross-ans [--squad-db /tmp/sq.db ../shared/eval/squad-dev/questions.jsonl]

    # 2. Logistic regression (L2 on standardized weights, the two classes weighted
    #    equally), each --train set's probabilities from a model trained on the other
    #    sets (--always sets in every one); the threshold is the highest that declines at
    #    most --max-wrong of their answerable questions answered right first, on those
    #    probabilities; then one model on all.
    .venv/bin/python bench/train_cross_answerability.py train --data /tmp/cross-ans \\
        --train l18 ... fresh-u --always squad-even --check l1 ... l17 squad-odd \\
        --l2 30 --max-wrong 0.01 [--write]

Only sets the cross-encoder never trained on are trained on (its NOTICE names them): on
its own training sets its states are more certain than on a member's articles. Wikipedia's
questions (squad-dev's even half, --always) teach it that an encyclopedia's answerable
questions read otherwise than a member's; they do not set the threshold, which is the
news sets' trade. The printed figures are per set: no-answer questions declined and
questions answered right first lost, out of those the first model answers.
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
from question_sets import dump_sets

from index import answering
from index.answerability import CROSS_FEATURES, CROSS_WEIGHTS_FILE, FEATURES
from index.evaluate import is_correct
from index.library import Library

# The first model's rows answering computed for the question being asked, with the
# sentence each is about.
seen: list[tuple[NDArray[np.float64], str]] = []
_row = answering._answerability_row


async def _watch_row(*args: Any) -> NDArray[np.float64] | None:
    found = await _row(*args)
    ctx = args[5]
    if found is not None and ctx.answerability is not None:  # the fused pass's
        seen.append((found, args[4].text))
    return found


answering._answerability_row = _watch_row  # type: ignore[assignment]


async def _dump(db: Path, items: list[dict[str, Any]], name: str, out: Path) -> None:
    lib = await Library.open(db, semantic=True, background=False)
    assert lib._cross is not None and lib._answerability is not None, "semantic ranking off"
    lib._cross_answerability = None  # the product as the first model alone decides
    first_model = lib._answerability
    rows, states, meta = [], [], []
    for item in items:
        if item["kind"] not in {"answerable", "span", "attribution", "abstain"}:
            continue
        seen.clear()
        answer = await lib.ask(item["q"], k=3)
        if not seen or not answer.quotes:
            continue
        row, text = seen[-1]
        if first_model.declines(row):
            continue
        rows.append(row)
        states.append(lib._cross.states(answer.question, [text])[0])
        meta.append(
            {
                "id": item.get("id", ""),
                "answerable": item["kind"] != "abstain",
                "right": item["kind"] != "abstain" and is_correct(item, answer.quotes[0]),
            }
        )
    await lib.close()
    np.savez(
        out / f"{name}.npz",
        rows=np.array(rows).reshape(len(rows), len(FEATURES)),
        states=np.array(states, dtype=np.float32).reshape(len(rows), -1),
        answerable=np.array([m["answerable"] for m in meta], dtype=bool),
        right=np.array([m["right"] for m in meta], dtype=bool),
    )
    no = sum(not m["answerable"] for m in meta)
    print(f"{name}: {len(meta)} answered by the first model, {no} of them no-answer", flush=True)


# --- training -----------------------------------------------------------------------


def _load(folder: Path, names: list[str]) -> dict[str, tuple[NDArray[np.float64], ...]]:
    out = {}
    for name in names:
        data = np.load(folder / f"{name}.npz")
        x = np.hstack([data["rows"], data["states"].astype(np.float64)])
        if x.shape[1] != len(CROSS_FEATURES):
            raise SystemExit(f"{name}: {x.shape[1]} columns, expected {len(CROSS_FEATURES)}")
        out[name] = (x, data["answerable"].astype(np.float64), data["right"].astype(bool))
    return out


def fit(
    x: NDArray[np.float64], y: NDArray[np.float64], l2: float
) -> tuple[NDArray[np.float64], float]:
    """Logistic regression by Newton's method on standardized columns, the classes
    weighted equally, L2 on the weights (not the bias); returned on the raw columns."""
    mu, sd = x.mean(axis=0), x.std(axis=0) + 1e-6
    z = np.hstack([(x - mu) / sd, np.ones((len(x), 1))])
    positive = max(1.0, float(y.sum()))
    sw = np.where(y == 1, (len(y) - positive) / positive, 1.0)
    penalty = l2 * np.eye(z.shape[1])
    penalty[-1, -1] = 0.0
    w = np.zeros(z.shape[1])
    for _ in range(50):
        p = 1.0 / (1.0 + np.exp(-(z @ w)))
        gradient = z.T @ ((p - y) * sw) + penalty @ w
        hessian = (z * (sw * p * (1 - p))[:, None]).T @ z + penalty
        step = np.linalg.solve(hessian, gradient)
        w -= step
        if np.abs(step).max() < 1e-7:
            break
    weights = w[:-1] / sd
    return weights, float(w[-1] - weights @ mu)


def _probability(x: NDArray[np.float64], model: tuple[NDArray[np.float64], float]) -> Any:
    z = np.clip(x @ model[0] + model[1], -60, 60)
    return 1.0 / (1.0 + np.exp(-z))


def _report(label: str, p: Any, y: Any, right: Any, threshold: float) -> None:
    declined = p < threshold
    no = y == 0
    print(
        f"{label:>12}: no-answers declined {int((declined & no).sum())}/{int(no.sum())}, "
        f"right first lost {int((declined & right).sum())}/{int(right.sum())}, "
        f"wrong first declined {int((declined & ~no & ~right).sum())}"
    )


def train(args: argparse.Namespace) -> None:
    sets = _load(args.data, args.train + args.always)
    cv: dict[str, Any] = {}
    for held in args.train:
        others = [n for n in args.train + args.always if n != held]
        model = fit(
            np.vstack([sets[n][0] for n in others]),
            np.concatenate([sets[n][1] for n in others]),
            args.l2,
        )
        cv[held] = _probability(sets[held][0], model)
    p = np.concatenate([cv[n] for n in args.train])
    y = np.concatenate([sets[n][1] for n in args.train])
    right = np.concatenate([sets[n][2] for n in args.train])
    allowed = args.max_wrong * right.sum()
    # the highest threshold losing at most ``allowed`` right answers
    lost = np.sort(p[right])
    threshold = float(lost[int(allowed)]) if int(allowed) < len(lost) else 1.0
    print(f"threshold {threshold:.4f} (at most {int(allowed)} right answers lost)")
    _report("training cv", p, y, right, threshold)
    for name in args.train:
        _report(name, cv[name], sets[name][1], sets[name][2], threshold)
    everything = args.train + args.always
    model = fit(
        np.vstack([sets[n][0] for n in everything]),
        np.concatenate([sets[n][1] for n in everything]),
        args.l2,
    )
    for name, (x, yc, rc) in _load(args.data, args.check).items():
        _report(name, _probability(x, model), yc, rc, threshold)
    if args.write:
        command = " ".join(["bench/train_cross_answerability.py", *sys.argv[1:]])
        about = (
            "The answer-or-decline model's second reading (index/answerability.py): "
            "P(answerable) = sigmoid(features @ weights + bias), declined below threshold. "
            f"Trained by {command.replace(' --write', '')}"
        )
        payload = {
            "about": about,
            "training": {
                "sets": args.train + args.always,
                "questions": sum(len(sets[n][1]) for n in everything),
                "no_answer": int(sum((sets[n][1] == 0).sum() for n in everything)),
                "l2": args.l2,
                "max_wrong": args.max_wrong,
            },
            "bias": round(model[1], 6),
            "threshold": round(threshold, 6),
            "weights": {
                name: round(float(w), 6) for name, w in zip(CROSS_FEATURES, model[0], strict=True)
            },
        }
        CROSS_WEIGHTS_FILE.write_text(json.dumps(payload, indent=1) + "\n", encoding="utf-8")
        print(f"wrote {CROSS_WEIGHTS_FILE}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="step", required=True)
    d = sub.add_parser("dump")
    d.add_argument("questions", nargs="+", type=Path)
    d.add_argument("--out", type=Path, required=True)
    d.add_argument("--dbs", type=Path, default=Path("/tmp/answerability-dbs"))
    d.add_argument("--squad-db", type=Path)
    t = sub.add_parser("train")
    t.add_argument("--data", type=Path, required=True)
    t.add_argument("--train", nargs="+", required=True)
    t.add_argument("--check", nargs="*", default=[])
    t.add_argument("--always", nargs="*", default=[])
    t.add_argument("--l2", type=float, default=30.0)
    t.add_argument("--max-wrong", type=float, default=0.01)
    t.add_argument("--write", action="store_true")
    args = parser.parse_args()
    if args.step == "dump":
        dump_sets(args, _dump)
    else:
        train(args)


if __name__ == "__main__":
    main()
