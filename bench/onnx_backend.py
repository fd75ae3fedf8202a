"""onnxruntime (float32 and int8 exports) against index/encoder.py's numpy forward pass:
speed and whether the rankings are the same (not product code; onnxruntime is not a
dependency: ``pip install onnxruntime`` in a scratch venv to run this).

    OPENBLAS_NUM_THREADS=1 .venv/bin/python bench/onnx_backend.py ONNX_DIR [--threads 1]

ONNX_DIR holds ``minilm-fp32.onnx`` and ``minilm-int8.onnx`` as bench/export_onnx.py
writes them from the shipped weights (``--weights index/semantic_model/model.safetensors``),
so that every backend computes the same model. Tokenisation is the encoder's own for all.

Speed: one question at a time (p50 over the questions, as at ask time) and sentences in
batches of 32 (as the vector worker does), with ``OPENBLAS_NUM_THREADS`` numpy threads
and ``--threads`` onnxruntime intra-op threads.
Rankings: for each squad-dev question, the sentences of its article ordered by cosine
with each backend; how often the top 1 and the top 5 (in order) equal numpy's, and the
largest cosine difference.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from pathlib import Path

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")  # numpy's threads: set it to compare

import numpy as np
import onnxruntime as ort

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from index.encoder import F32, Encoder
from index.segment import split_sentences

ROOT = Path(__file__).resolve().parents[1]


class OnnxEncoder:
    def __init__(self, path: Path, encoder: Encoder, threads: int) -> None:
        options = ort.SessionOptions()
        options.intra_op_num_threads = threads
        options.inter_op_num_threads = 1
        self.session = ort.InferenceSession(str(path), options, providers=["CPUExecutionProvider"])
        self.encoder = encoder

    def encode(self, texts: list[str], batch_size: int = 32) -> F32:
        ids = self.encoder.tokenize(texts)
        out = np.zeros((len(texts), self.encoder.dim), dtype=np.float32)
        order = sorted(range(len(ids)), key=lambda i: len(ids[i]))
        for start in range(0, len(order), batch_size):
            chunk = order[start : start + batch_size]
            width = max(len(ids[i]) for i in chunk)
            tokens = np.zeros((len(chunk), width), dtype=np.int64)
            for row, i in enumerate(chunk):
                tokens[row, : len(ids[i])] = ids[i]
            mask = (tokens != 0).astype(np.int64)
            out[chunk] = self.session.run(None, {"input_ids": tokens, "attention_mask": mask})[0]
        return out


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("onnx_dir", type=Path)
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument("--questions", type=int, default=300)
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    args = parser.parse_args()
    numpy_encoder = Encoder.load()
    assert numpy_encoder is not None
    backends: dict[str, Encoder | OnnxEncoder] = {"numpy": numpy_encoder}
    for name in ("fp32", "int8"):
        path = args.onnx_dir / f"minilm-{name}.onnx"
        backends[f"onnx-{name}"] = OnnxEncoder(path, numpy_encoder, args.threads)
        print(f"onnx-{name}: {path.stat().st_size / 1e6:.1f} MB file")

    squad = args.shared / "eval" / "squad-dev"
    items = [json.loads(line) for line in (squad / "questions.jsonl").open()]
    rng = np.random.default_rng(0)
    picked = [items[i] for i in rng.choice(len(items), args.questions, replace=False)]
    articles: dict[str, list[str]] = {}
    for item in picked:
        name = str(item["article"])
        if name not in articles:
            text = (squad / "articles" / name).read_text()
            articles[name] = [text[s.start : s.end] for s in split_sentences(text)]
    sentences = [s for texts in articles.values() for s in texts][:640]
    questions = [str(item["q"]) for item in picked]

    vectors: dict[str, tuple[F32, dict[str, F32]]] = {}
    print(f"threads {args.threads}; {len(questions)} questions; {len(sentences)} sentences")
    for name, backend in backends.items():
        backend.encode(questions[:5])  # warm up
        single = []
        for q in questions:
            t = time.perf_counter()
            backend.encode([q])
            single.append((time.perf_counter() - t) * 1000)
        t = time.perf_counter()
        backend.encode(sentences, batch_size=32)
        rate = len(sentences) / (time.perf_counter() - t)
        print(f"{name:10s} question p50 {statistics.median(single):5.1f} ms, "
              f"sentences {rate:5.0f}/s (batches of 32)", flush=True)  # fmt: skip
        qv = backend.encode(questions)
        av = {a: backend.encode(texts) for a, texts in articles.items()}
        vectors[name] = (qv, av)

    base_q, base_a = vectors["numpy"]
    for name in backends:
        if name == "numpy":
            continue
        qv, av = vectors[name]
        top1 = top5 = 0
        worst = 0.0
        for i, item in enumerate(picked):
            a = str(item["article"])
            ref = base_a[a] @ base_q[i]
            got = av[a] @ qv[i]
            worst = max(worst, float(np.abs(ref - got).max()))
            r, g = np.argsort(-ref), np.argsort(-got)
            top1 += int(r[0] == g[0])
            top5 += int(list(r[:5]) == list(g[:5]))
        n = len(picked)
        print(f"{name:10s} vs numpy: same top 1 {top1}/{n}, same top 5 in order {top5}/{n}, "
              f"largest cosine difference {worst:.2e}")  # fmt: skip


if __name__ == "__main__":
    main()
