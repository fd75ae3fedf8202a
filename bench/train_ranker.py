"""Train the learned reranker's weights (index/learned_rank.py) (not product code).

Two steps:

    # 1. Each question set's candidate pools, as the product ranks them: features
    #    (index/rank_features.py), which candidates may be shown, which hold the gold.
    .venv/bin/python bench/train_ranker.py dump bench/train-ltr/l1/questions.jsonl ... \
        --out /tmp/pools
    #    squad-dev: --squad-db /tmp/sq.db ../shared/eval/squad-dev/questions.jsonl dumps
    #    its even-numbered articles (sorted by file name) as squad-even, the others as
    #    squad-odd.
    # 2. A linear scorer trained listwise (softmax cross-entropy over each question's
    #    candidates that may be shown, the gold ones the positives), L2-regularised, on the
    #    named training pools; with --hidden N, then N tanh units beside it trained by the
    #    same loss from there (fit_hidden); the figures of every run printed on the
    #    development pools.
    .venv/bin/python bench/train_ranker.py train --pools /tmp/pools \
        --train l1 l2 l3 --dev fresh-a fresh-c ... --l2 0.01 [--hidden 32] [--write]

The shipped weights are cross-fitted (bench/crossfit.sh makes the pools): the encoder was
fine-tuned on train-news and train-ltr l1-l7, so each of those folders is dumped with an
encoder of the same recipe that never saw it (``dump --model DIR --dbs DIR-DBS``), squad-dev,
l8, l9, l10 and l11 with the shipped one; squad-dev every fourth question of each article
(``--squad-db`` with such a file: the halves are still split by article), then

    .venv/bin/python bench/train_ranker.py train --pools OUT/pools --train l1 l2 l3 l4 \
        l5 l6 l7 l8 l9 l10 l11 t1 t2 t3 t4 t5 squad-even --l2 0.01 --prior --no-speakers \
        --hidden 32 --l2-hidden 0.01 --write

Each set is indexed into a library of its own (``--dbs``, reused when present) with its
vectors computed, as ``articlebot eval`` does; the pools are those the real pipeline
builds (index/answering.py ``_candidate_rows`` is watched). "P@1 in pool" counts the
answerable questions whose first candidate (of those that may be shown) holds a gold
substring: the fusion's order against the model's. Only numpy.
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
from index import library as library_module
from index.answer_context import AnswerContext
from index.evaluate import is_correct
from index.learned_rank import WEIGHTS_FILE, HiddenScorer, LinearScorer
from index.library import Library
from index.rank_features import BASE_FEATURES, FEATURES, QUOTED_SUFFIX, with_quoted

# The hand-set fusion in the features' units: lexical / best + 0.45 cos(s) + 0.5 cos(p).
FUSION = {"lexical": 1.0, "cos_sentence": 0.45, "cos_paragraph": 0.5}
seen: dict[str, Any] = {}
_rows = answering._candidate_rows


async def _watch_rows(text, parsed, slots, ranked, ctx, read):  # type: ignore[no-untyped-def]
    """Records the pool's rows, then says there are none: the fusion orders, so the
    answer recorded is the one the fusion gives."""
    found = await _rows(text, parsed, slots, ranked, ctx, read)
    if found is not None:
        eligible = [
            bool(ranked.passes[sid])
            and answering._evidence(ranked, sid, slots) >= answering.MIN_COVERAGE
            for sid in ranked.ids
        ]
        assert ctx.rerank is not None
        fused = ctx.rerank(text, ranked.ids, ranked.score)
        seen.update(
            rows=found[0],
            ids=list(ranked.ids),
            eligible=eligible,
            fusion=[fused[sid] for sid in ranked.ids],
            spoken=bool(parsed.speaker),
        )
    return None


async def _one_pass(question: str, ctx: AnswerContext, k: int = 3) -> Any:
    """One pass per question in the order ``ctx`` gives, the rows read (answer_question
    orders twice, the fusion's pass reading none, and only answered ones reach the
    learned pass: a declined question's pool is a ranking example all the same)."""
    cands = await answering._candidates(question, ctx, k)
    if isinstance(cands, answering.Answer):
        return cands
    return await answering._choose(cands, ctx, k)


answering._candidate_rows = _watch_rows  # type: ignore[assignment]
library_module.answer_question = _one_pass


async def _dump(db: Path, items: list[dict[str, Any]], name: str, out: Path) -> None:
    lib = await Library.open(db, semantic=True, background=False)
    assert lib.semantic is not None, "no vectors: index with --vectors"
    lib._scorer = LinearScorer(np.zeros(len(FEATURES)))  # the rows are read only when on
    rows: list[NDArray[np.float64]] = []
    meta: list[dict[str, Any]] = []
    for item in items:
        if item["kind"] not in {"answerable", "span", "attribution"}:
            continue
        seen.clear()
        answer = await lib.ask(item["q"], k=5)
        if "rows" not in seen:
            continue
        first = answer.quotes[0] if answer.quotes else None
        quotes = {q.sentence_id: q for q in await lib._read_on_thread(seen["ids"])}
        gold = [sid in quotes and is_correct(item, quotes[sid]) for sid in seen["ids"]]
        rows.append(seen["rows"])
        meta.append(
            {
                "id": item.get("id", ""),
                "q": item["q"],
                "gold": gold,
                "eligible": seen["eligible"],
                "fusion": seen["fusion"],
                "ids": seen["ids"],
                "kind": item["kind"],
                "speaker": seen["spoken"],
                # the fusion's answer: its first quote right, and which sentence it is
                "answered": first is not None,
                "right": first is not None and is_correct(item, first),
                "first": first.sentence_id if first is not None else None,
            }
        )
    await lib.close()
    sizes = np.array([len(r) for r in rows], dtype=np.int64)
    np.savez(
        out / f"{name}.npz",
        rows=np.concatenate(rows) if rows else np.zeros((0, len(FEATURES))),
        sizes=sizes,
        features=np.array(FEATURES),
    )
    (out / f"{name}.json").write_text(json.dumps(meta), encoding="utf-8")
    with_gold = sum(any(m["gold"]) for m in meta)
    print(f"{name}: {len(meta)} pools, {with_gold} with a gold candidate", flush=True)


def dump(args: argparse.Namespace) -> None:
    dump_sets(args, _dump)


# --- training -----------------------------------------------------------------------


class Pools:
    """The questions of some sets: per question its rows, and masks."""

    def __init__(self, folder: Path, names: list[str], weights: dict[str, float]) -> None:
        self.rows: list[NDArray[np.float64]] = []
        self.gold: list[NDArray[np.bool_]] = []
        self.eligible: list[NDArray[np.bool_]] = []
        self.fusion: list[NDArray[np.float64]] = []
        self.weight: list[float] = []
        self.set: list[str] = []
        self.qtext: list[str] = []
        self.right: list[bool] = []  # the fusion's answer was right
        self.answered: list[bool] = []
        self.speaker: list[bool] = []
        for name in names:
            data = np.load(folder / f"{name}.npz")
            # The columns of FEATURES are picked by name, so a dump with more (features
            # tried and dropped) still trains; one lacking some must be dumped again. A
            # dump of the features read from the pool only gets the quoted ones here.
            dumped = [str(f) for f in data["features"]]
            base = not any(f.endswith(QUOTED_SUFFIX) for f in dumped)
            wanted = BASE_FEATURES if base else FEATURES
            if not set(wanted) <= set(dumped):
                raise SystemExit(f"{name}: dumped with other features; dump again")
            pick = [dumped.index(f) for f in wanted]
            meta = json.loads((folder / f"{name}.json").read_text(encoding="utf-8"))
            start, every = 0, data["rows"][:, pick]
            for size, m in zip(data["sizes"].tolist(), meta, strict=True):
                rows = every[start : start + size]
                self.rows.append(with_quoted(rows) if base else rows)
                start += size
                self.gold.append(np.array(m["gold"], dtype=np.bool_))
                self.eligible.append(np.array(m["eligible"], dtype=np.bool_))
                self.fusion.append(np.array(m["fusion"], dtype=np.float64))
                self.weight.append(weights.get(name, 1.0))
                self.set.append(name)
                self.qtext.append(m["q"])
                self.right.append(bool(m["right"]))
                self.answered.append(bool(m["answered"]))
                self.speaker.append(bool(m["speaker"]))

    def trainable(self, speakers: bool = True) -> list[int]:
        """Questions whose shown candidates hold a gold one and another one (without
        ``speakers``, not "what did X say", which X's own sentences answer)."""
        return [
            i
            for i in range(len(self.rows))
            if (self.gold[i] & self.eligible[i]).any()
            and (~self.gold[i] & self.eligible[i]).any()
            and (speakers or not self.speaker[i])
        ]


def _stacked(
    pools: Pools, keep: list[int], blocks: list[NDArray[np.float64]]
) -> tuple[
    NDArray[np.float64],
    NDArray[np.float64],
    NDArray[np.float64],
    NDArray[np.intp],
    NDArray[np.intp],
    NDArray[np.float64],
    NDArray[np.float64],
]:
    """The kept questions' candidate rows (``blocks``) stacked and standardized for both
    trainers: X, the gold flags, each question's share of the loss, each row's question
    (seg) and each question's first row (starts), and the mean and std that undo the
    standardizing."""
    qw = np.array([pools.weight[i] for i in keep], dtype=np.float64)
    qw = qw / qw.sum()
    allx = np.concatenate(blocks)
    mean, std = allx.mean(axis=0), allx.std(axis=0)
    std[std < 1e-9] = 1.0
    G = np.concatenate([pools.gold[i][pools.eligible[i]] for i in keep]).astype(np.float64)
    sizes = np.array([len(b) for b in blocks])
    seg = np.repeat(np.arange(len(blocks)), sizes)
    starts = np.concatenate([[0], np.cumsum(sizes)[:-1]]).astype(np.intp)
    return (allx - mean) / std, G, qw, seg, starts, mean, std


def _prior_weights(prior: bool, std: NDArray[np.float64]) -> NDArray[np.float64]:
    """Where the L2 pulls the standardized weights: with ``prior`` the hand-set fusion
    (index/semantic.py), so a model learns corrections to it; else 0."""
    w0 = np.zeros(len(FEATURES))
    if prior:
        for name, value in FUSION.items():
            w0[FEATURES.index(name)] = value * std[FEATURES.index(name)]
    return w0


def fit(
    pools: Pools,
    l2: float,
    steps: int,
    drop: set[str],
    scale_cos: float = 1.0,
    cos_sets: set[str] = frozenset(),  # type: ignore[assignment]
    prior: bool = False,
    speakers: bool = True,
) -> NDArray[np.float64]:
    """Listwise: softmax cross-entropy over each question's eligible candidates, the gold
    ones the positives (the log of their summed probability); L2 on the standardized
    weights; Adam. Returns the weights in the features' own units."""
    keep = pools.trainable(speakers)
    blocks = []
    for i in keep:
        x = pools.rows[i][pools.eligible[i]].copy()
        if pools.set[i] in cos_sets and scale_cos != 1.0:
            for j, name in enumerate(FEATURES):
                if name.startswith("cos_") or name == "polar_cos":
                    x[:, j] *= scale_cos
        blocks.append(x)
    X, G, qw, seg, starts, _mean, std = _stacked(pools, keep, blocks)
    mask = np.array([0.0 if f in drop else 1.0 for f in FEATURES])
    X = X * mask
    w0 = _prior_weights(prior, std)
    w = w0.copy()
    m = np.zeros_like(w)
    v = np.zeros_like(w)
    lr, b1, b2 = 0.05, 0.9, 0.999
    for t in range(1, steps + 1):
        s = X @ w
        smax = np.maximum.reduceat(s, starts)
        e = np.exp(s - smax[seg])
        z = np.add.reduceat(e, starts)
        zg = np.add.reduceat(e * G, starts)
        p = e / z[seg]  # softmax over the question's candidates
        pg = e * G / zg[seg]  # softmax over its gold ones
        grad = X.T @ ((p - pg) * qw[seg]) + 2 * l2 * (w - w0)
        m = b1 * m + (1 - b1) * grad
        v = b2 * v + (1 - b2) * grad * grad
        w -= lr * (m / (1 - b1**t)) / (np.sqrt(v / (1 - b2**t)) + 1e-8)
    return w * mask / std


def fit_hidden(
    pools: Pools,
    linear: NDArray[np.float64],
    l2: float,
    l2_hidden: float,
    units: int,
    steps: int,
    prior: bool = False,
    speakers: bool = True,
    seed: int = 0,
) -> HiddenScorer:
    """The linear scorer ``linear`` (fit's weights) plus ``units`` tanh units, trained
    together by the same listwise loss: the units start near zero (the linear order)
    and learn what depends on two features at once; L2 on the standardized linear
    weights towards the fusion (with ``prior``) or 0, ``l2_hidden`` on the units'
    weights. Returns the scorer in the features' own units."""
    keep = pools.trainable(speakers)
    blocks = [pools.rows[i][pools.eligible[i]] for i in keep]
    X, G, qw, seg, starts, mean, std = _stacked(pools, keep, blocks)
    w0 = _prior_weights(prior, std)
    rng = np.random.default_rng(seed)
    params = {
        "w": linear * std,
        "W": rng.normal(0.0, 1.0 / np.sqrt(len(FEATURES)), (len(FEATURES), units)),
        "b": np.zeros(units),
        "v": rng.normal(0.0, 0.01, units),
    }
    m = {k: np.zeros_like(x) for k, x in params.items()}
    v2 = {k: np.zeros_like(x) for k, x in params.items()}
    lr, b1, b2 = 0.05, 0.9, 0.999
    for t in range(1, steps + 1):
        H = np.tanh(X @ params["W"] + params["b"])
        s = X @ params["w"] + H @ params["v"]
        smax = np.maximum.reduceat(s, starts)
        e = np.exp(s - smax[seg])
        z = np.add.reduceat(e, starts)
        zg = np.add.reduceat(e * G, starts)
        ds = (e / z[seg] - e * G / zg[seg]) * qw[seg]
        dz = np.outer(ds, params["v"]) * (1.0 - H * H)
        grads = {
            "w": X.T @ ds + 2 * l2 * (params["w"] - w0),
            "W": X.T @ dz + 2 * l2_hidden * params["W"],
            "b": dz.sum(axis=0),
            "v": H.T @ ds + 2 * l2_hidden * params["v"],
        }
        for k, g in grads.items():
            m[k] = b1 * m[k] + (1 - b1) * g
            v2[k] = b2 * v2[k] + (1 - b2) * g * g
            params[k] -= lr * (m[k] / (1 - b1**t)) / (np.sqrt(v2[k] / (1 - b2**t)) + 1e-8)
    # back to the features' own units: (x - mean) / std @ W + b = x @ (W / std) + b'
    return HiddenScorer(
        params["w"] / std,
        params["W"] / std[:, None],
        params["b"] - (mean / std) @ params["W"],
        params["v"].copy(),
    )


def p_at_1(pools: Pools, score: Any) -> dict[str, tuple[float, int]]:
    """By set: the share of its questions whose answer is estimated right, and the count.
    Where the first eligible candidate by ``score`` is the fusion's, the fusion's answer
    counts (later stages may have changed it); elsewhere, whether that candidate is gold
    (a question the fusion's answer declined stays declined)."""
    out: dict[str, list[int]] = {}
    for i in range(len(pools.rows)):
        el = pools.eligible[i]
        hits = out.setdefault(pools.set[i], [0, 0])
        hits[1] += 1
        if not el.any() or pools.speaker[i]:  # "what did X say": X's own sentences answer
            hits[0] += pools.right[i]
            continue
        fusion = int(np.argmax(np.where(el, pools.fusion[i], -np.inf)))
        best = int(np.argmax(np.where(el, score(i), -np.inf)))
        if best == fusion:
            hits[0] += pools.right[i]
        else:
            hits[0] += bool(pools.gold[i][best]) and (pools.right[i] or pools.answered[i])
    return {k: (h / n, n) for k, (h, n) in out.items()}


def _scorer(args: argparse.Namespace, pools: Pools, linear: NDArray[np.float64]) -> LinearScorer:
    """The linear weights as a scorer, or with ``--hidden`` units trained beside them."""
    if not args.hidden:
        return LinearScorer(linear)
    return fit_hidden(
        pools, linear, args.l2, args.l2_hidden, args.hidden, args.hidden_steps, args.prior,
        not args.no_speakers,
    )  # fmt: skip


def cross_validate(args: argparse.Namespace, weights: dict[str, float]) -> None:
    """Leave one training set out: train on the others, estimate P@1 on it; the held-out
    sets' figures for the fusion, the linear part of the weights file named by
    ``--baseline`` (else the shipped one) and the model trained without that set."""
    base = json.loads((args.baseline or WEIGHTS_FILE).read_text(encoding="utf-8"))["weights"]
    old = np.array([float(base.get(f, 0.0)) for f in FEATURES])
    drop = set(args.drop)
    totals = np.zeros(3)
    count = 0
    print("held out        fusion  shipped model   (n)")
    for name in weights:
        rest = {k: v for k, v in weights.items() if k != name}
        tr = Pools(args.pools, list(rest), rest)
        held = Pools(args.pools, [name], {})
        w = fit(tr, args.l2, args.steps, drop, prior=args.prior, speakers=not args.no_speakers)
        scorer = _scorer(args, tr, w)
        got = [
            p_at_1(held, lambda i, h=held: h.fusion[i])[name],
            p_at_1(held, lambda i, h=held: h.rows[i] @ old)[name],
            p_at_1(held, lambda i, h=held, s=scorer: s.score(h.rows[i]))[name],
        ]
        n = got[0][1]
        print(f"  {name:14} {got[0][0]:.3f}   {got[1][0]:.3f}   {got[2][0]:.3f}   ({n})")
        if not name.startswith("squad"):
            totals += np.array([g[0] for g in got]) * n
            count += n
    if count:
        f, o, m = totals / count
        print(f"  {'news, pooled':14} {f:.3f}   {o:.3f}   {m:.3f}   ({count})")


def named(values: NDArray[np.float64]) -> dict[str, float]:
    """A weights file's object of one weight per feature, in :data:`FEATURES` order."""
    return {f: round(float(x), 6) for f, x in zip(FEATURES, values, strict=True)}


def train(args: argparse.Namespace) -> None:
    weights = {}
    for spec in args.train:
        name, _, w = spec.partition("=")
        weights[name] = float(w) if w else 1.0
    if args.cv:
        cross_validate(args, weights)
        return
    tr = Pools(args.pools, list(weights), weights)
    dev = Pools(args.pools, args.dev, {})
    drop = set(args.drop)
    print(f"train: {len(tr.trainable())} questions of {', '.join(weights)}; l2 {args.l2}")
    w = fit(
        tr,
        args.l2,
        args.steps,
        drop,
        args.cos_scale,
        set(args.cos_sets),
        args.prior,
        not args.no_speakers,
    )
    scorer = _scorer(args, tr, w)
    fusion = p_at_1(dev, lambda i: dev.fusion[i])
    model = p_at_1(dev, lambda i: scorer.score(dev.rows[i]))
    own_f = p_at_1(tr, lambda i: tr.fusion[i])
    own_m = p_at_1(tr, lambda i: scorer.score(tr.rows[i]))
    print("P@1 (estimated)  fusion  model   (n)")
    for name in sorted(own_f):
        print(f"  {name:14} {own_f[name][0]:.3f}   {own_m[name][0]:.3f}   ({own_f[name][1]}) train")
    news = [0.0, 0.0, 0]
    for name in args.dev:
        f, m = fusion[name][0], model[name][0]
        n = fusion[name][1]
        print(f"  {name:14} {f:.3f}   {m:.3f}   ({n})")
        if name.startswith("fresh"):
            news[0] += f * n
            news[1] += m * n
            news[2] += n
    if news[2]:
        print(f"  {'news dev':14} {news[0] / news[2]:.3f}   {news[1] / news[2]:.3f}   ({news[2]})")
    if args.show:
        for name, value in sorted(
            zip(FEATURES, scorer.weights, strict=True), key=lambda x: -abs(x[1])
        ):
            print(f"    {name:20} {value:+.4f}")
    if args.write:
        payload = {
            "about": (
                "Weights of the learned reranker (index/learned_rank.py): score = "
                "features (index/rank_features.py) @ weights, plus with hidden units "
                "sum(out * tanh(features @ unit weights + bias)), higher first. Trained by "
                "bench/train_ranker.py: " + " ".join(sys.argv[1:])
            ),
            "training": {
                "sets": weights,
                "questions": len(tr.trainable()),
                "loss": "listwise softmax cross-entropy over the candidates that may be "
                "shown, gold ones the positives; L2 on standardized weights",
                "l2": args.l2,
                "towards": "the hand-set fusion" if args.prior else "zero",
                "steps": args.steps,
                "dropped": sorted(drop),
                "without_speaker_questions": args.no_speakers,
                "cos_scale": args.cos_scale,
                "cos_scaled_sets": sorted(args.cos_sets),
                # sha256[:16] of the encoder whose cosines each set's features hold
                "encoder_of_set": encoders_of(args.pools, list(weights)),
            },
            "weights": named(scorer.weights),
        }
        if isinstance(scorer, HiddenScorer):
            payload["training"].update(
                hidden_units=args.hidden,
                l2_hidden=args.l2_hidden,
                hidden_steps=args.hidden_steps,
                hidden_start="the linear weights above, trained first; units near zero",
            )
            payload["hidden"] = [
                {"weights": named(scorer.hidden[:, u]), "bias": round(float(b), 6),
                 "out": round(float(o), 6)}
                for u, (b, o) in enumerate(zip(scorer.bias, scorer.out, strict=True))
            ]  # fmt: skip
        args.write.write_text(json.dumps(payload, indent=1) + "\n", encoding="utf-8")
        print(f"wrote {args.write}")


def main() -> None:
    parser = argparse.ArgumentParser()
    sub = parser.add_subparsers(dest="command", required=True)
    d = sub.add_parser("dump")
    d.add_argument("questions", type=Path, nargs="+")
    d.add_argument("--out", type=Path, required=True)
    d.add_argument("--dbs", type=Path, default=Path("/tmp/ltr-dbs"))
    d.add_argument("--squad-db", type=Path)
    d.add_argument(
        "--model", type=Path, help="encoder folder (default: the shipped one), for cross-fitting"
    )
    t = sub.add_parser("train")
    t.add_argument("--pools", type=Path, required=True)
    t.add_argument("--train", nargs="+", required=True, help="NAME or NAME=WEIGHT")
    t.add_argument("--dev", nargs="+", default=[])
    t.add_argument("--l2", type=float, default=0.01)
    t.add_argument("--steps", type=int, default=1500)
    t.add_argument("--drop", nargs="*", default=[])
    t.add_argument("--cos-scale", type=float, default=1.0)
    t.add_argument("--cos-sets", nargs="*", default=[])
    t.add_argument("--hidden", type=int, default=0, help="tanh units beside the linear score")
    t.add_argument("--l2-hidden", type=float, default=0.01, help="L2 on the units' weights")
    t.add_argument("--hidden-steps", type=int, default=800)
    t.add_argument("--show", action="store_true")
    t.add_argument("--prior", action="store_true", help="regularise towards the fusion")
    t.add_argument("--no-speakers", action="store_true", help='train without "what did X say"')
    t.add_argument("--cv", action="store_true", help="leave one training set out, each in turn")
    t.add_argument("--baseline", type=Path, help="weights file --cv compares with")
    t.add_argument(
        "--write", type=Path, nargs="?", const=WEIGHTS_FILE, help="write the weights file"
    )
    args = parser.parse_args()
    dump(args) if args.command == "dump" else train(args)


if __name__ == "__main__":
    main()
