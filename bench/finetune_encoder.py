"""Fine-tune the sentence encoder for question -> answering-sentence matching (issue 15).

Not product code, and never a runtime dependency: it runs in a dev-only venv with CPU torch.
The shipped index/semantic_model/model.safetensors was made so (NOTICE beside it says how):

    python3 -m venv /work/ft-venv
    /work/ft-venv/bin/pip install /opt/wheels/torch-*.whl safetensors tokenizers numpy
    # the base: the original all-MiniLM-L6-v2 float16 model (bench/convert_minilm.py makes
    # it; it is also index/semantic_model/ of commit 277d035), with tokenizer.json beside it
    mkdir /tmp/base && git show 277d035:index/semantic_model/model.safetensors \
        > /tmp/base/model.safetensors && cp index/semantic_model/tokenizer.json /tmp/base/
    /work/ft-venv/bin/python bench/finetune_encoder.py check --model /tmp/base
    NEWS=$(for s in t1 t2 t3 t4 t5; do echo --news bench/train-news/$s; done;
           for s in l1 l2 l3 l4 l5 l6 l7; do echo --news bench/train-ltr/$s; done)
    /work/ft-venv/bin/python bench/finetune_encoder.py train --base /tmp/base $NEWS \
        --kinds answerable,attribution --pool-depth 4 --pool-hard 1 --hard 1 \
        --out /tmp/news-pool                                     # the shipped weights
    /work/ft-venv/bin/python bench/finetune_encoder.py reference   # tests/test_encoder.py

The weights shipped before came from t1 ... t5 only (answerable questions, one random
negative each), averaged with the base (``mix --weight 0.7``); before issue 15 from a
squad-dev half instead of the news sets:

    .venv/bin/articlebot index --db /tmp/ft-squad.db ../shared/eval/squad-dev/articles/*.txt
    /work/ft-venv/bin/python bench/finetune_encoder.py train --base /tmp/base \
        --db /tmp/ft-squad.db --half even --out /tmp/even-e1
    /work/ft-venv/bin/python bench/finetune_encoder.py mix --base /tmp/base \
        --model /tmp/even-e1 --weight 0.5 --out /tmp/even-m50

Measured with the product's own pipeline (bench/finetune_pools.py captures the BM25 pools
for the fast scorer; without ``--pools``, ``score`` only writes the library copy):

    /work/ft-venv/bin/python bench/finetune_encoder.py score --db /tmp/ft-squad.db \
        --model /tmp/news-pool --write-db /tmp/sq-pool.db
    .venv/bin/python bench/articlebot_with_model.py /tmp/news-pool eval --db /tmp/sq-pool.db \
        ODD.jsonl   # the questions of the odd-numbered articles: held out
    .venv/bin/python bench/articlebot_with_model.py /tmp/news-pool eval \
        tests/data/fresh-a/questions.jsonl tests/data/fresh-c/questions.jsonl \
        tests/data/fresh-g/questions.jsonl tests/data/fresh-h/questions.jsonl
    .venv/bin/python bench/articlebot_with_model.py /tmp/news-pool eval \
        ../shared/eval/seed-dev.jsonl --db /tmp/seed-pool.db \
        --articles bot/data/2025-05-17-trump-putin-call.txt

``check``: loads a model folder's float16 weights into a small torch BERT (the same
architecture: embeddings, six post-norm layers with exact GELU, mean pooling over the mask,
L2 norm) and compares its vectors with index/encoder.py's numpy ones on a few sentences.

``train``: (question, gold sentence) pairs of one half of squad-dev, split by article as
bench/fusion_sweep.py does (articles sorted by file name; ``even``: the even-numbered ones,
``odd``: the others). The gold sentence is the library's own: the sentence (as the product
segmented it, read from the ``--db`` library that ``articlebot index`` built) whose
character range holds the start of the question's first answer. ``--news DIR``
(repeatable; with or without ``--half``) adds a news set such as bench/train-news/t1: its
articles are indexed by the product (``articlebot index``, so they are segmented as the bot
segments them; ``--articlebot`` names the CLI) and each answerable question is paired with
the sentence holding its verbatim ``gold``; its hard negatives come from its own article,
as for squad-dev. The loss is
MultipleNegativesRanking / InfoNCE with scale 20: each question against every sentence of
the batch (the other questions' gold sentences are in-batch negatives; a copy of its own
gold sentence is masked out) plus, per question, ``--hard`` sentences of the same article
drawn at random (hard negatives: same topic, same names), and ``--pool-hard`` drawn from
the sentences a ranker would put above the gold (``--pool-depth``: that many best of the
article by the starting model's cosine and by BM25, and the lede, the gold sentences of the
question left out; the lede and same-noun sentences are what the cosine confuses most).
``--kinds answerable,attribution`` also pairs "what did X say" questions with the first
sentence holding one of their golds; a sentence holding another of their golds is never
their negative. AdamW, linear warm-up over the
first 10% of steps then linear decay; the word-embedding table frozen; seeds fixed and one
torch thread (``FT_THREADS``), so a rerun gives the same weights. Writes
``model.safetensors`` (float16, the tensor names and header metadata of ``--base``) and a
copy of tokenizer.json into ``--out``, so index/encoder.py loads the folder unchanged.

``mix``: ``W * fine-tuned + (1 - W) * base`` tensor by tensor (weight averaging: keeps more
of the general model, a guard against forgetting what the news questions need).

``score``: a fast in-memory stand-in for the product's fusion (index/semantic.py): the
BM25 pools of every question re-fused with a model's cosines over a weight grid; weights
chosen on one half, reported on the other. ``--write-db`` also writes a copy of the library
whose vector tables hold that model's vectors, stored as the product stores them, so that
``articlebot eval --db`` measures the model without encoding the library again. Final
figures come from ``articlebot eval``.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import math
import os
import random
import sqlite3
import sys
import time
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import torch
from safetensors import safe_open
from tokenizers import Tokenizer
from torch import nn

ROOT = Path(__file__).resolve().parents[1]
MODEL_DIR = ROOT / "index" / "semantic_model"
SQUAD = ROOT.parent / "shared" / "eval" / "squad-dev"
SEED = 15
SCALE = 20.0  # sentence-transformers' MultipleNegativesRankingLoss default

torch.set_num_threads(int(os.environ.get("FT_THREADS", "1")))


def load_tensors(path: Path) -> tuple[dict[str, np.ndarray], dict[str, str]]:
    with safe_open(str(path), framework="numpy") as f:
        meta: dict[str, str] = dict(f.metadata() or {})
        tensors = {name: f.get_tensor(name) for name in f.keys()}  # noqa: SIM118
    return tensors, meta


class Bert(nn.Module):
    """BERT as index/encoder.py computes it, with the shipped tensor names as parameters."""

    def __init__(self, tensors: dict[str, np.ndarray], heads: int, eps: float) -> None:
        super().__init__()
        self.names = sorted(tensors)
        self.params = nn.ParameterDict(
            {
                n.replace(".", "__"): nn.Parameter(torch.tensor(tensors[n].astype(np.float32)))
                for n in self.names
            }
        )
        self.heads = heads
        self.eps = eps
        self.layers = 0
        while f"encoder.layer.{self.layers}.attention.self.query.weight" in tensors:
            self.layers += 1

    def p(self, name: str) -> torch.Tensor:
        return self.params[name.replace(".", "__")]

    def state(self) -> dict[str, np.ndarray]:
        return {n: self.p(n).detach().cpu().numpy() for n in self.names}

    def _linear(self, x: torch.Tensor, name: str) -> torch.Tensor:
        return nn.functional.linear(x, self.p(name + ".weight"), self.p(name + ".bias"))

    def _norm(self, x: torch.Tensor, name: str) -> torch.Tensor:
        w, b = self.p(name + ".weight"), self.p(name + ".bias")
        return nn.functional.layer_norm(x, (x.shape[-1],), w, b, self.eps)

    def forward(self, ids: torch.Tensor, mask: torch.Tensor) -> torch.Tensor:
        x = self.states(ids, mask)
        pooled = (x * mask[..., None]).sum(1) / mask.sum(1, keepdim=True).clamp(min=1e-9)
        return nn.functional.normalize(pooled, dim=-1)

    def states(
        self, ids: torch.Tensor, mask: torch.Tensor, types: torch.Tensor | None = None
    ) -> torch.Tensor:
        """The last layer's states; ``types``: each token's type (a pair's second text 1,
        bench/cross_encoder.py), all 0 without it."""
        batch, width = ids.shape
        x = self.p("embeddings.word_embeddings.weight")[ids]
        x = x + self.p("embeddings.position_embeddings.weight")[:width]
        table = self.p("embeddings.token_type_embeddings.weight")
        x = x + (table[0] if types is None else table[types])
        x = self._norm(x, "embeddings.LayerNorm")
        hidden = x.shape[-1]
        size = hidden // self.heads
        key_bias = (1.0 - mask)[:, None, None, :] * torch.finfo(torch.float32).min
        for i in range(self.layers):
            pre = f"encoder.layer.{i}."

            def split(t: torch.Tensor) -> torch.Tensor:
                return t.view(batch, width, self.heads, size).transpose(1, 2)

            q = split(self._linear(x, pre + "attention.self.query"))
            k = split(self._linear(x, pre + "attention.self.key"))
            v = split(self._linear(x, pre + "attention.self.value"))
            scores = q @ k.transpose(-1, -2) / math.sqrt(size) + key_bias
            context = (scores.softmax(-1) @ v).transpose(1, 2).reshape(batch, width, hidden)
            x = self._norm(self._linear(context, pre + "attention.output.dense") + x,
                           pre + "attention.output.LayerNorm")  # fmt: skip
            up = nn.functional.gelu(self._linear(x, pre + "intermediate.dense"))
            x = self._norm(self._linear(up, pre + "output.dense") + x, pre + "output.LayerNorm")
        return x


class Model:
    """The torch BERT and the shipped tokenizer, loaded from a model folder."""

    def __init__(self, folder: Path) -> None:
        tensors, self.meta = load_tensors(folder / "model.safetensors")
        self.original = tensors
        self.bert = Bert(
            tensors, int(self.meta["num_attention_heads"]), float(self.meta["layer_norm_eps"])
        )
        self.tokenizer = Tokenizer.from_file(str(folder / "tokenizer.json"))
        self.tokenizer.no_padding()
        self.tokenizer.enable_truncation(max_length=int(self.meta["max_seq_length"]))

    def batch(
        self, texts: Sequence[str], limit: int | None = None
    ) -> tuple[torch.Tensor, torch.Tensor]:
        ids = [e.ids for e in self.tokenizer.encode_batch(list(texts))]
        if limit is not None:  # training only: [CLS] + the first tokens + [SEP]
            ids = [i if len(i) <= limit else [*i[: limit - 1], i[-1]] for i in ids]
        width = max(len(i) for i in ids)
        tokens = torch.zeros((len(ids), width), dtype=torch.long)
        mask = torch.zeros((len(ids), width), dtype=torch.float32)
        for row, i in enumerate(ids):
            tokens[row, : len(i)] = torch.tensor(i)
            mask[row, : len(i)] = 1.0
        return tokens, mask

    def encode(self, texts: Sequence[str], batch_size: int = 64) -> np.ndarray:
        """Unit vectors, batched by length (each vector depends on its own text only)."""
        out = np.zeros((len(texts), 384), dtype=np.float32)
        order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
        self.bert.eval()
        with torch.no_grad():
            for start in range(0, len(order), batch_size):
                chunk = order[start : start + batch_size]
                out[chunk] = self.bert(*self.batch([texts[i] for i in chunk])).numpy()
        return out


CHECK = [
    "The city council approved the new budget on Tuesday.",
    "Who won the championship game last night?",
    "Zoë's café in São Paulo reopened after the 2023 floods — prices rose 12%.",
    "was anybody killed",
    "Two people died when the roof collapsed during the storm on Friday evening.",
]


def check(folder: Path) -> float:
    """Largest |torch - numpy| component over CHECK (index/encoder.py imported from ROOT)."""
    sys.path.insert(0, str(ROOT))
    from index.encoder import Encoder

    numpy_encoder = Encoder.load(folder)
    assert numpy_encoder is not None
    diff = float(np.abs(Model(folder).encode(CHECK) - numpy_encoder.encode(CHECK)).max())
    print(f"torch vs index/encoder.py on {len(CHECK)} sentences: max |diff| {diff:.2e}")
    return diff


# -- squad-dev pairs -------------------------------------------------------------------


def halves() -> tuple[set[str], set[str]]:
    names = sorted(p.name for p in (SQUAD / "articles").glob("*.txt"))
    return {n for i, n in enumerate(names) if i % 2 == 0}, {
        n for i, n in enumerate(names) if i % 2 == 1
    }


def library_sentences(db: Path) -> dict[str, list[tuple[int, int, int, int, str]]]:
    """Per article file name: (sentence id, paragraph, start, end, text), in order."""
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    rows = conn.execute(
        "SELECT a.source, s.id, s.paragraph, s.start, s.end, s.text FROM sentences s"
        " JOIN articles a ON a.id = s.article_id ORDER BY a.source, s.number"
    ).fetchall()
    conn.close()
    out: dict[str, list[tuple[int, int, int, int, str]]] = {}
    for source, sid, paragraph, start, end, text in rows:
        out.setdefault(Path(source).name, []).append((sid, paragraph, start, end, text))
    return out


def pairs(db: Path, articles: set[str]) -> list[tuple[str, str, str]]:
    """(question, gold sentence, article) for the questions of ``articles``."""
    sentences = library_sentences(db)
    out = []
    with (SQUAD / "questions.jsonl").open(encoding="utf-8") as f:
        for line in f:
            item = json.loads(line)
            if item["article"] not in articles:
                continue
            at = item["answers"][0]["start"]
            gold = [s for s in sentences[item["article"]] if s[2] <= at < s[3]]
            if gold:
                out.append((item["q"], gold[0][4], item["article"]))
    return out


# -- news pairs ------------------------------------------------------------------------


def index_news(folder: Path, articlebot: Path, work: Path) -> Path:
    """A library of ``folder``'s articles built by the product itself (``articlebot index``),
    so the sentences trained on are segmented exactly as the bot segments them."""
    import subprocess

    db = work / f"{folder.name}.db"
    db.unlink(missing_ok=True)
    files = sorted(str(f) for f in (folder / "articles").glob("*.txt"))
    subprocess.run(
        [str(articlebot), "index", "--db", str(db), *files],
        check=True,
        stdout=subprocess.DEVNULL,
        env={**os.environ, "ARTICLEBOT_SEMANTIC": "0"},
    )
    return db


def news_pairs(
    folders: Sequence[Path], articlebot: Path, work: Path, kinds: Sequence[str] = ("answerable",)
) -> tuple[list[tuple[str, str, str]], dict[str, list[str]], list[set[str]]]:
    """(question, gold sentence, article) of the news sets in ``folders`` (each an
    ``articles/`` folder and a questions.jsonl whose questions of ``kinds`` carry a
    ``gold``: verbatim substrings of the sentences that answer), each article's sentences,
    and per pair every sentence holding one of its golds (never a negative for it).
    Articles are keyed ``set/file`` so that two sets' file names never mix. The gold
    sentence is the library sentence that holds the first gold substring; a question
    whose gold the segmenter split across sentences is paired with the sentence holding
    its start."""
    out: list[tuple[str, str, str]] = []
    by_article: dict[str, list[str]] = {}
    avoid: list[set[str]] = []
    for folder in folders:
        sentences = library_sentences(index_news(folder, articlebot, work))
        for name, rows in sentences.items():
            by_article[f"{folder.name}/{name}"] = [r[4] for r in rows]
        kept = missed = 0
        with (folder / "questions.jsonl").open(encoding="utf-8") as f:
            for line in f:
                if not line.strip():
                    continue
                item = json.loads(line)
                if item.get("kind", "answerable") not in kinds or not item.get("gold"):
                    continue
                key = f"{folder.name}/{item['article']}"
                texts = by_article.get(key, [])
                gold = gold_sentence(texts, item["gold"])
                if gold is None:
                    missed += 1
                    continue
                out.append((item["q"], gold, key))
                golds = {gold_sentence(texts, [g]) for g in item["gold"]}
                avoid.append({g for g in golds if g is not None} | {gold})
                kept += 1
        print(f"{folder}: {kept} pairs, {missed} golds found in no sentence", flush=True)
    return out, by_article, avoid


def pool_negatives(
    model: Model,
    data: Sequence[tuple[str, str, str]],
    by_article: dict[str, list[str]],
    avoid: Sequence[set[str]],
    depth: int,
) -> list[list[str]]:
    """Per pair, the sentences of its article that a ranker would put above the gold:
    the ``depth`` best by the starting model's cosine, the ``depth`` best by BM25 over the
    article's sentences (index/analyze.py's terms), and the article's first sentence (the
    lede, which shares the topic words of most questions); its gold sentences left out."""
    sys.path.insert(0, str(ROOT))
    from index.analyze import analyze

    started = time.perf_counter()
    arts = sorted(by_article)
    flat = [t for a in arts for t in by_article[a]]
    vectors = model.encode(flat)
    at: dict[str, np.ndarray] = {}
    i = 0
    for a in arts:
        at[a] = vectors[i : i + len(by_article[a])]
        i += len(by_article[a])
    qv = model.encode([q for q, _, _ in data])
    terms = {a: [analyze(t) for t in by_article[a]] for a in arts}
    out = []
    for (q, _, art), v, skip in zip(data, qv, avoid, strict=True):
        texts = by_article[art]
        cos = at[art] @ v
        docs = terms[art]
        n = len(docs)
        mean = sum(len(d) for d in docs) / max(1, n)
        bm = np.zeros(n)
        for term in set(analyze(q)):
            df = sum(term in d for d in docs)
            if not df:
                continue
            idf = math.log((n + 1) / df)
            for j, d in enumerate(docs):
                tf = d.count(term)
                bm[j] += idf * tf * 1.9 / (tf + 0.9 * (0.6 + 0.4 * len(d) / mean)) if tf else 0.0
        chosen: list[str] = []
        for order in (np.argsort(-cos, kind="stable"), np.argsort(-bm, kind="stable")):
            picked = 0
            for j in order:
                if picked == depth:
                    break
                if texts[j] in skip:
                    continue
                picked += 1
                if texts[j] not in chosen:
                    chosen.append(texts[j])
        if texts and texts[0] not in skip and texts[0] not in chosen:
            chosen.append(texts[0])
        out.append(chosen)
    print(f"pool negatives in {time.perf_counter() - started:.0f} s", flush=True)
    return out


def gold_sentence(texts: Sequence[str], golds: Sequence[str]) -> str | None:
    """The first sentence holding one of ``golds`` (whitespace-insensitive), else the one
    holding the longest start of a gold (a gold cut by the segmenter)."""

    def flat(t: str) -> str:
        return " ".join(t.split())

    flats = [flat(t) for t in texts]
    for gold in golds:
        g = flat(gold)
        for text, f in zip(texts, flats, strict=True):
            if g in f:
                return text
    for gold in golds:
        words = flat(gold).split()
        for n in range(len(words) - 1, 2, -1):
            head = " ".join(words[:n])
            for text, f in zip(texts, flats, strict=True):
                if f.endswith(head) or head in f:
                    return text
    return None


# -- training --------------------------------------------------------------------------


def embed(model: Model, texts: list[str], limit: int, chunk: int = 16) -> torch.Tensor:
    """Vectors of ``texts`` with gradients, computed in chunks of similar length: each
    vector depends on its own text only, so this is the batch's forward pass with less
    padding computed."""
    order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
    parts = [
        model.bert(*model.batch([texts[i] for i in order[s : s + chunk]], limit))
        for s in range(0, len(order), chunk)
    ]
    stacked = torch.cat(parts)
    back = torch.empty(len(order), dtype=torch.long)
    back[torch.tensor(order)] = torch.arange(len(order))
    return stacked[back]


def train(args: argparse.Namespace) -> None:
    random.seed(SEED)
    np.random.seed(SEED)
    torch.manual_seed(SEED)
    data: list[tuple[str, str, str]] = []
    by_article: dict[str, list[str]] = {}
    avoid: list[set[str]] = []
    if args.half is not None:
        even, odd = halves()
        articles = even if args.half == "even" else odd
        data = pairs(args.db, articles)
        avoid = [{g} for _, g, _ in data]
        for name, rows in library_sentences(args.db).items():
            by_article[name] = [r[4] for r in rows]
        print(f"{len(data)} pairs from {len(articles)} squad-dev articles ({args.half} half)",
              flush=True)  # fmt: skip
    if args.news:
        import tempfile

        with tempfile.TemporaryDirectory(prefix="ft-news-") as work:
            news, news_articles, news_avoid = news_pairs(
                args.news, args.articlebot, Path(work), args.kinds.split(",")
            )
        data += news
        avoid += news_avoid
        by_article.update(news_articles)
        print(f"{len(news)} pairs from {len(news_articles)} news articles", flush=True)
    if not data:
        sys.exit("no training pairs: give --half and/or --news")
    model = Model(args.base)
    pooled = (
        pool_negatives(model, data, by_article, avoid, args.pool_depth)
        if args.pool_depth > 0
        else [[] for _ in data]
    )
    bert = model.bert
    bert.train()
    # The vocabulary table stays as shipped: 12 articles' words are too few to move 30k
    # rows, and a word of the news seen in no training pair keeps its place.
    bert.p("embeddings.word_embeddings.weight").requires_grad_(False)
    trainable = [p for p in bert.parameters() if p.requires_grad]
    steps_per_epoch = math.ceil(len(data) / args.batch)
    total = steps_per_epoch * args.epochs
    optimiser = torch.optim.AdamW(trainable, lr=args.lr, weight_decay=0.01)
    warm = max(1, total // 10)
    schedule = torch.optim.lr_scheduler.LambdaLR(
        optimiser, lambda s: min((s + 1) / warm, max(0.0, (total - s) / max(1, total - warm)))
    )
    rng = random.Random(SEED)
    started = time.perf_counter()
    step = 0
    for epoch in range(args.epochs):
        order = list(range(len(data)))
        rng.shuffle(order)
        for start in range(0, len(order), args.batch):
            rows = order[start : start + args.batch]
            chunk = [data[i] for i in rows]
            questions = [q for q, _, _ in chunk]
            golds = [g for _, g, _ in chunk]
            negatives = []
            for i in rows:
                art = data[i][2]
                ranked = [s for s in pooled[i] if s not in golds]
                hard = rng.sample(ranked, min(args.pool_hard, len(ranked)))
                pool = [s for s in by_article[art] if s not in avoid[i] and s not in golds + hard]
                negatives += hard + rng.sample(pool, min(args.hard, len(pool)))
            qv = embed(model, questions, args.max_tokens)
            sv = embed(model, golds + negatives, args.max_tokens)
            logits = SCALE * qv @ sv.T
            # Another question's copy of this question's gold sentence is no negative.
            candidates = golds + negatives
            same = torch.tensor(
                [
                    [j != i and (c == g or c in avoid[r]) for j, c in enumerate(candidates)]
                    for i, (g, r) in enumerate(zip(golds, rows, strict=True))
                ]
            )
            logits = logits.masked_fill(same, torch.finfo(logits.dtype).min)
            loss = nn.functional.cross_entropy(logits, torch.arange(len(chunk)))
            optimiser.zero_grad()
            loss.backward()
            torch.nn.utils.clip_grad_norm_(trainable, 1.0)
            optimiser.step()
            schedule.step()
            step += 1
            if step % 10 == 0 or step == total:
                print(f"epoch {epoch + 1} step {step}/{total} loss {loss.item():.4f} "
                      f"({time.perf_counter() - started:.0f} s)", flush=True)  # fmt: skip
    print(f"trained in {time.perf_counter() - started:.0f} s", flush=True)
    tuned = bert.state()
    mixed = {
        n: args.mix * tuned[n] + (1.0 - args.mix) * model.original[n].astype(np.float32)
        for n in tuned
    }
    write_model(args.out, mixed, model.meta, args)


def write_model(
    out: Path, tensors: dict[str, np.ndarray], meta: dict[str, str], args: argparse.Namespace
) -> None:
    sys.path.insert(0, str(ROOT / "bench"))
    from convert_minilm import serialize

    out.mkdir(parents=True, exist_ok=True)
    halfs = {n: np.ascontiguousarray(t.astype(np.float16)) for n, t in tensors.items()}
    for name, t in halfs.items():
        assert np.isfinite(t).all(), name
    data = serialize(halfs, meta)  # the shipped header metadata, unchanged
    (out / "model.safetensors").write_bytes(data)
    (out / "tokenizer.json").write_bytes((args.base / "tokenizer.json").read_bytes())
    info = {k: str(v) for k, v in vars(args).items() if k != "func"}
    info["sha256"] = hashlib.sha256(data).hexdigest()
    (out / "training.json").write_text(json.dumps(info, indent=1) + "\n")
    print(f"wrote {out / 'model.safetensors'} sha256 {info['sha256']}")


# -- fast scoring ----------------------------------------------------------------------

GRID_S = (0.0, 0.15, 0.3, 0.45, 0.6, 0.8)
GRID_P = (0.25, 0.5, 0.75, 1.0)


def score(args: argparse.Namespace) -> None:
    """P@1 / MRR@5 of the fused pools, weights chosen on one half, reported on the other."""
    pools = json.loads(args.pools.read_text()) if args.pools is not None else []
    sentences = library_sentences(args.db)
    ids: list[int] = []
    texts: list[str] = []
    para_of: dict[int, tuple[str, int]] = {}
    para_text: dict[tuple[str, int], list[str]] = {}
    span: dict[int, tuple[str, int, int]] = {}
    for name, rows in sentences.items():
        for sid, paragraph, start, end, text in rows:
            ids.append(sid)
            texts.append(text)
            para_of[sid] = (name, paragraph)
            para_text.setdefault((name, paragraph), []).append(text)
            span[sid] = (name, start, end)
    model = Model(args.model)
    started = time.perf_counter()
    keys = list(para_text)
    sv = dict(zip(ids, model.encode(texts), strict=True))
    pv = dict(zip(keys, model.encode([" ".join(para_text[k]) for k in keys]), strict=True))
    questions = [p["q"] for p in pools]
    qv = model.encode(questions) if questions else np.zeros((0, 384), dtype=np.float32)
    print(f"encoded in {time.perf_counter() - started:.0f} s", flush=True)
    if args.write_db is not None:
        write_vectors(args.db, args.write_db, args.model, sv, pv)
    if not pools:
        return
    even, odd = halves()

    def ranks(ws: float, wp: float) -> list[float]:
        out = []
        for p, q in zip(pools, qv, strict=True):
            pool = p["pool"]
            if not pool:
                out.append(0.0)
                continue
            lex = np.array(p["scores"])
            fused = lex / (lex.max() or 1.0)
            fused = fused + ws * np.array([sv[s] @ q for s in pool])
            fused = fused + wp * np.array([pv[para_of[s]] @ q for s in pool])
            order = np.argsort(-fused, kind="stable")[:5]
            rr = 0.0
            for rank, i in enumerate(order, start=1):
                name, start, end = span[pool[i]]
                if name == p["article"] and any(
                    start < a["start"] + max(1, len(a["text"])) and a["start"] < end
                    for a in p["answers"]
                ):
                    rr = 1.0 / rank
                    break
            out.append(rr)
        return out

    table = {(ws, wp): ranks(ws, wp) for ws in GRID_S for wp in GRID_P}
    off = ranks(0.0, 0.0)
    for tune_name, tune, held in (("even", even, odd), ("odd", odd, even)):
        t_idx = [i for i, p in enumerate(pools) if p["article"] in tune]
        h_idx = [i for i, p in enumerate(pools) if p["article"] in held]

        def m(rr: list[float], idx: list[int]) -> tuple[float, float]:
            return (
                sum(rr[i] == 1.0 for i in idx) / len(idx),
                sum(rr[i] for i in idx) / len(idx),
            )

        best = max(table, key=lambda w: sum(m(table[w], t_idx)))
        print(f"tune {tune_name}: chosen w_s {best[0]} w_p {best[1]} tuning "
              f"{m(table[best], t_idx)} held out {m(table[best], h_idx)} "
              f"(lexical only held out {m(off, h_idx)})", flush=True)  # fmt: skip


def write_vectors(
    db: Path,
    out: Path,
    folder: Path,
    sentences: dict[int, np.ndarray],
    paragraphs: dict[tuple[str, int], np.ndarray],
) -> None:
    """A copy of the library ``db`` whose vector tables hold these vectors, stored as the
    product stores them (index/encoder.py's int8 blobs, its model version of ``folder``),
    so that ``articlebot eval --db OUT`` ranks with them without encoding the library."""
    sys.path.insert(0, str(ROOT))
    from index.encoder import Encoder, quantize, to_blob

    encoder = Encoder.load(folder)
    assert encoder is not None
    version = encoder.model_version
    source = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    target = sqlite3.connect(out)
    source.backup(target)
    source.close()
    articles = {
        Path(src).name: aid for aid, src in target.execute("SELECT id, source FROM articles")
    }

    def blob(v: np.ndarray) -> bytes:
        codes, scales = quantize(v[None, :])
        return to_blob(codes[0], float(scales[0]))

    with target:
        target.execute("DELETE FROM sentence_vectors")
        target.execute("DELETE FROM paragraph_vectors")
        target.executemany(
            "INSERT INTO sentence_vectors (sentence_id, model_version, vector) VALUES (?, ?, ?)",
            [(sid, version, blob(v)) for sid, v in sentences.items()],
        )
        target.executemany(
            "INSERT INTO paragraph_vectors (article_id, paragraph, model_version, vector)"
            " VALUES (?, ?, ?, ?)",
            [(articles[name], par, version, blob(v)) for (name, par), v in paragraphs.items()],
        )
    target.close()
    print(f"wrote {out}: vectors of model version {version}", flush=True)


def reference(folder: Path) -> None:
    """The cosines that tests/test_encoder.py expects of the shipped weights, computed with
    this torch reference (not with index/encoder.py, which the test checks)."""
    sys.path.insert(0, str(ROOT / "bench"))
    from encoder_reference import PAIRS, SENTENCES

    vectors = Model(folder).encode(SENTENCES)
    print("EXPECTED = {")
    for a, b in PAIRS:
        print(f"    ({a}, {b}): {float(vectors[a] @ vectors[b]):.6f},")
    print("}")


def mix(args: argparse.Namespace) -> None:
    """``--weight`` x the fine-tuned model in ``--model`` + the rest x the shipped one."""
    tuned, _ = load_tensors(args.model / "model.safetensors")
    original, meta = load_tensors(args.base / "model.safetensors")
    mixed = {
        n: args.weight * tuned[n].astype(np.float32)
        + (1.0 - args.weight) * original[n].astype(np.float32)
        for n in original
    }
    write_model(args.out, mixed, meta, args)


def main() -> None:
    parser = argparse.ArgumentParser()
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("check")
    p.add_argument("--model", type=Path, default=MODEL_DIR)
    p = sub.add_parser("reference")
    p.add_argument("--model", type=Path, default=MODEL_DIR)
    p = sub.add_parser("train")
    p.add_argument("--base", type=Path, required=True, help="the model folder to start from")
    p.add_argument("--db", type=Path, help="the squad-dev library (with --half)")
    p.add_argument("--half", choices=("even", "odd"), help="train on this half of squad-dev")
    p.add_argument(
        "--news",
        type=Path,
        action="append",
        default=[],
        help="a news set folder (articles/, questions.jsonl); repeatable",
    )
    p.add_argument(
        "--articlebot",
        type=Path,
        default=ROOT / ".venv" / "bin" / "articlebot",
        help="the product's CLI, which segments the news articles",
    )
    p.add_argument("--out", type=Path, required=True)
    p.add_argument("--epochs", type=int, default=1)
    p.add_argument("--lr", type=float, default=2e-5)
    p.add_argument("--batch", type=int, default=32)
    p.add_argument("--hard", type=int, default=1, help="same-article negatives per question")
    p.add_argument(
        "--pool-hard",
        type=int,
        default=0,
        help="negatives per question drawn from its ranked pool (--pool-depth), besides --hard",
    )
    p.add_argument(
        "--pool-depth",
        type=int,
        default=0,
        help="the ranked pool: this many best by cosine and by BM25, and the lede",
    )
    p.add_argument(
        "--kinds",
        default="answerable",
        help="question kinds of the news sets paired with a gold sentence (comma-separated)",
    )
    p.add_argument("--max-tokens", type=int, default=128, help="training texts cut to this")
    p.add_argument("--mix", type=float, default=1.0, help="weight of the fine-tuned model")
    p = sub.add_parser("mix")
    p.add_argument("--base", type=Path, required=True, help="the model folder started from")
    p.add_argument("--model", type=Path, required=True, help="a fine-tuned model folder")
    p.add_argument("--weight", type=float, required=True)
    p.add_argument("--out", type=Path, required=True)
    p = sub.add_parser("score")
    p.add_argument("--db", type=Path, required=True)
    p.add_argument("--pools", type=Path, help="without: only --write-db")
    p.add_argument("--model", type=Path, default=MODEL_DIR)
    p.add_argument("--write-db", type=Path, help="a copy of --db with this model's vectors")
    args = parser.parse_args()
    if args.command == "check":
        assert check(args.model) < 1e-3
    elif args.command == "reference":
        reference(args.model)
    elif args.command == "mix":
        mix(args)
    elif args.command == "train":
        if args.half is not None and args.db is None:
            parser.error("--half needs --db, the squad-dev library")
        train(args)
    else:
        score(args)


if __name__ == "__main__":
    main()
