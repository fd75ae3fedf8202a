"""Train the cross-encoder that reorders the learned order's first candidates
(index/cross_encoder.py) (not product code; torch runs in a dev-only venv).

    # 1. The candidate pools, as the product ranks them (bench/train_ranker.py dump), for
    #    the training folders and the development sets, each indexed into --dbs:
    .venv/bin/python bench/train_ranker.py dump bench/train-news/t*/questions.jsonl \
        bench/train-ltr/l*/questions.jsonl tests/data/fresh-*/questions.jsonl \
        ../shared/eval/seed-dev.jsonl --out /tmp/xe/pools --dbs /tmp/xe/dbs
    # 2. Per question, the first K candidates that may be shown, in the shipped learned
    #    order, with their text and whether they hold a gold substring:
    .venv/bin/python bench/cross_encoder.py candidates --pools /tmp/xe/pools \
        --dbs /tmp/xe/dbs --out /tmp/xe/cands.json
    # 3. Training (CPU torch, as bench/finetune_encoder.py; the body starts from the
    #    shipped sentence encoder, the head from zero), then the float16 export:
    /work/ft-venv/bin/python bench/cross_encoder.py train --cands /tmp/xe/cands.json \
        --sets t1 t2 t3 t4 t5 l1 ... l17 --out /tmp/xe/model
    /work/ft-venv/bin/python bench/cross_encoder.py export --model /tmp/xe/model \
        --out index/cross_model
    # 4. The development sets' first candidates scored, and "P@1 in pool" (the learned
    #    order's first candidate holds the gold) against the reorder of the first N by
    #    learned + w * cross, for a few weights:
    /work/ft-venv/bin/python bench/cross_encoder.py score --cands /tmp/xe/cands.json \
        --model /tmp/xe/model --sets eval-seed-dev fresh-a ... fresh-u

Training is listwise: for each answerable question (not "what did X say", which X's own
sentences answer) whose first K candidates hold a gold sentence and another, softmax
cross-entropy over those K, the gold ones the positives. The word table stays the sentence
encoder's (frozen: a few thousand questions are too few to move 30k rows), so the
product shares it and only the other tensors ship.
"""

from __future__ import annotations

import argparse
import json
import math
import random
import sqlite3
import sys
import time
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
SEED = 7
HIDDEN = 384


def candidates(args: argparse.Namespace) -> None:
    """Step 2: the first K shown-eligible candidates of each dumped pool."""
    sys.path.insert(0, str(ROOT))
    from index.learned_rank import load_scorer
    from index.rank_features import BASE_FEATURES, FEATURES, QUOTED_SUFFIX, with_quoted

    scorer = load_scorer()
    assert scorer is not None, "no learned reranker weights"
    out: dict[str, list[dict[str, Any]]] = {}
    for file in sorted(args.pools.glob("*.json")):
        name = file.stem
        data = np.load(args.pools / f"{name}.npz")
        dumped = [str(f) for f in data["features"]]
        base = not any(f.endswith(QUOTED_SUFFIX) for f in dumped)
        pick = [dumped.index(f) for f in (BASE_FEATURES if base else FEATURES)]
        every = data["rows"][:, pick]
        meta = json.loads(file.read_text(encoding="utf-8"))
        with sqlite3.connect(args.dbs / f"{name}.db") as con:
            text = dict(con.execute("SELECT id, text FROM sentences"))
        start, questions = 0, []
        for size, m in zip(data["sizes"].tolist(), meta, strict=True):
            rows = every[start : start + size]
            start += size
            score = scorer.score(with_quoted(rows) if base else rows)
            order = [i for i in np.argsort(-score, kind="stable") if m["eligible"][i]][: args.k]
            questions.append(
                {
                    "id": m["id"],
                    "q": m["q"],
                    "kind": m["kind"],
                    "speaker": m["speaker"],
                    "cands": [
                        {
                            "text": text[m["ids"][i]],
                            "learned": float(score[i]),
                            "gold": bool(m["gold"][i]),
                        }
                        for i in order
                    ],
                }
            )
        out[name] = questions
        firsts = sum(bool(q["cands"]) and q["cands"][0]["gold"] for q in questions)
        print(f"{name}: {len(questions)} pools, first candidate right {firsts}", flush=True)
    args.out.write_text(json.dumps(out), encoding="utf-8")


def _ranked(question: dict[str, Any]) -> bool:
    return not question["speaker"] and question["kind"] in ("answerable", "span")


class Cross:
    """The torch cross-encoder: bench/finetune_encoder.py's BERT with token types, mean
    pooling and a linear head (index/cross_encoder.py computes the same in numpy)."""

    def __init__(self, base: Path, max_tokens: int) -> None:
        import torch
        from finetune_encoder import Model

        self.torch = torch
        model = Model(base)
        self.bert = model.bert
        self.meta = model.meta
        self.tokenizer = model.tokenizer
        self.tokenizer.enable_truncation(max_length=max_tokens)
        self.head = torch.nn.Linear(HIDDEN, 1)
        torch.nn.init.zeros_(self.head.weight)
        torch.nn.init.zeros_(self.head.bias)

    def load(self, folder: Path) -> None:
        torch = self.torch
        state = np.load(folder / "cross.npz")
        with torch.no_grad():
            for name in self.bert.names:
                if name in state.files:
                    self.bert.p(name).copy_(torch.tensor(state[name]))
            self.head.weight.copy_(torch.tensor(state["head.weight"]))
            self.head.bias.copy_(torch.tensor(state["head.bias"]))

    def __call__(self, question: str, texts: list[str]) -> Any:
        torch = self.torch
        encoded = self.tokenizer.encode_batch([(question, t) for t in texts])
        width = max(len(e.ids) for e in encoded)
        ids = torch.zeros((len(encoded), width), dtype=torch.long)
        types = torch.zeros_like(ids)
        mask = torch.zeros((len(encoded), width))
        for row, e in enumerate(encoded):
            ids[row, : len(e.ids)] = torch.tensor(e.ids)
            types[row, : len(e.ids)] = torch.tensor(e.type_ids)
            mask[row, : len(e.ids)] = 1.0
        x = self.bert.states(ids, mask, types)
        pooled = (x * mask[..., None]).sum(1) / mask.sum(1, keepdim=True)
        return self.head(pooled).squeeze(-1)


def train(args: argparse.Namespace) -> None:
    import torch

    torch.set_num_threads(args.threads)
    random.seed(SEED)
    torch.manual_seed(SEED)
    data = json.loads(args.cands.read_text(encoding="utf-8"))
    groups = []
    for name in args.sets:
        for question in data[name]:
            cands = question["cands"][: args.k]
            gold = [c["gold"] for c in cands]
            if _ranked(question) and any(gold) and not all(gold):
                groups.append((question["q"], [c["text"] for c in cands], gold))
    print(f"{len(groups)} questions from {len(args.sets)} sets", flush=True)
    model = Cross(args.base, args.max_tokens)
    bert = model.bert
    bert.p("embeddings.word_embeddings.weight").requires_grad_(False)
    body = [p for p in bert.parameters() if p.requires_grad]
    head = list(model.head.parameters())
    optimiser = torch.optim.AdamW(
        [{"params": body, "lr": args.lr}, {"params": head, "lr": args.head_lr}],
        weight_decay=0.01,
    )
    total = math.ceil(len(groups) / args.batch) * args.epochs
    warm = max(1, total // 10)
    schedule = torch.optim.lr_scheduler.LambdaLR(
        optimiser, lambda s: min((s + 1) / warm, max(0.0, (total - s) / max(1, total - warm)))
    )
    bert.train()
    started, step, smooth = time.perf_counter(), 0, 0.0
    for _epoch in range(args.epochs):
        order = list(range(len(groups)))
        random.shuffle(order)
        for start in range(0, len(order), args.batch):
            chunk = order[start : start + args.batch]
            loss = torch.zeros(())
            for i in chunk:
                question, texts, gold = groups[i]
                scores = model(question, texts)
                loss = loss + torch.logsumexp(scores, 0) - torch.logsumexp(scores[gold], 0)
            loss = loss / len(chunk)
            optimiser.zero_grad()
            loss.backward()
            torch.nn.utils.clip_grad_norm_(body + head, 1.0)
            optimiser.step()
            schedule.step()
            step += 1
            smooth = loss.item() if step == 1 else 0.9 * smooth + 0.1 * loss.item()
            if step % 20 == 0 or step == total:
                print(f"step {step}/{total} loss {smooth:.4f} "
                      f"({time.perf_counter() - started:.0f} s)", flush=True)  # fmt: skip
    args.out.mkdir(parents=True, exist_ok=True)
    state = {n: t for n, t in bert.state().items()}
    state["head.weight"] = model.head.weight.detach().numpy()
    state["head.bias"] = model.head.bias.detach().numpy()
    np.savez(args.out / "cross.npz", **state)
    info = {k: str(v) for k, v in vars(args).items() if k != "func"}
    info["questions"] = str(len(groups))
    (args.out / "training.json").write_text(json.dumps(info, indent=1) + "\n")
    print(f"wrote {args.out / 'cross.npz'}", flush=True)


def export(args: argparse.Namespace) -> None:
    """float16 safetensors of every tensor but the (shared, frozen) word table."""
    import hashlib

    from safetensors.numpy import save_file

    state = np.load(args.model / "cross.npz")
    tensors = {
        n: np.ascontiguousarray(state[n].astype(np.float16))
        for n in state.files
        if n != "embeddings.word_embeddings.weight"
    }
    for name, t in tensors.items():
        assert np.isfinite(t).all(), name
    args.out.mkdir(parents=True, exist_ok=True)
    target = args.out / "model.safetensors"
    save_file(
        tensors, str(target), metadata={"num_attention_heads": "12", "layer_norm_eps": "1e-12"}
    )
    digest = hashlib.sha256(target.read_bytes()).hexdigest()
    print(f"wrote {target} ({len(tensors)} tensors) sha256 {digest}")


def score(args: argparse.Namespace) -> None:
    """P@1 in pool of the learned order against its first N reordered by learned +
    w * cross, per development set, for each w."""
    import torch

    torch.set_num_threads(args.threads)
    model = Cross(args.base, args.max_tokens)
    model.load(args.model)
    model.bert.eval()
    data = json.loads(args.cands.read_text(encoding="utf-8"))
    scored: dict[str, list[tuple[list[float], list[float], list[bool]]]] = {}
    with torch.no_grad():
        for name in args.sets:
            rows = []
            for question in data[name]:
                cands = question["cands"][: args.n]
                if not _ranked(question) or not cands:
                    continue
                cross = model(question["q"], [c["text"] for c in cands]).tolist()
                rows.append(([c["learned"] for c in cands], cross, [c["gold"] for c in cands]))
            scored[name] = rows
    print("w      " + " ".join(f"{n[-6:]:>6}" for n in args.sets) + "   total")
    for w in (0.0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.75, 1.0, 1e6):
        hits = [
            sum(g[int(np.argmax(np.array(lr) + w * np.array(c)))] for lr, c, g in scored[n])
            for n in args.sets
        ]
        print(f"{w:<6g} " + " ".join(f"{h:6d}" for h in hits) + f"   {sum(hits)}")


def main() -> None:
    sys.path.insert(0, str(ROOT / "bench"))
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(required=True)
    c = sub.add_parser("candidates")
    c.add_argument("--pools", type=Path, required=True)
    c.add_argument("--dbs", type=Path, required=True)
    c.add_argument("--out", type=Path, required=True)
    c.add_argument("--k", type=int, default=8)
    c.set_defaults(func=candidates)
    for name, func in (("train", train), ("score", score)):
        p = sub.add_parser(name)
        p.add_argument("--cands", type=Path, required=True)
        p.add_argument("--sets", nargs="+", required=True)
        p.add_argument("--base", type=Path, default=ROOT / "index" / "semantic_model")
        p.add_argument("--max-tokens", type=int, default=128)
        p.add_argument("--threads", type=int, default=2)
        p.set_defaults(func=func)
        if name == "train":
            p.add_argument("--out", type=Path, required=True)
            p.add_argument("--k", type=int, default=8)
            p.add_argument("--epochs", type=int, default=1)
            p.add_argument("--batch", type=int, default=8)
            p.add_argument("--lr", type=float, default=3e-5)
            p.add_argument("--head-lr", type=float, default=1e-3)
        else:
            p.add_argument("--model", type=Path, required=True)
            p.add_argument("--n", type=int, default=3)
    e = sub.add_parser("export")
    e.add_argument("--model", type=Path, required=True)
    e.add_argument("--out", type=Path, required=True)
    e.set_defaults(func=export)
    args = parser.parse_args()
    args.func(args)


if __name__ == "__main__":
    main()
