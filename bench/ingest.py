"""Ingest throughput on real articles, end to end: read, segment, clean, attribute, analyse,
store (batched transactions) and index. Also the segmenters alone, for comparison.

    python bench/ingest.py [--copies 8] [--workers 1 2]

The 24 squad-dev articles plus the sample are indexed ``--copies`` times each (as distinct
files, so nothing is deduplicated) into a fresh database.
"""

from __future__ import annotations

import argparse
import asyncio
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bot import sample_article
from index.library import Library

SHARED = Path(__file__).resolve().parents[2] / "shared"


def segmenters(paths: list[Path]) -> None:
    import blingfire
    import pysbd
    from syntok import segmenter

    paras = [p for path in paths for p in path.read_text().split("\n\n") if p.strip()]
    seg = pysbd.Segmenter(language="en", clean=False)
    for name, fn in (
        ("pysbd", lambda p: len(seg.segment(p))),
        ("syntok", lambda p: sum(len(list(s)) for s in segmenter.analyze(p))),
        ("blingfire", lambda p: len(blingfire.text_to_sentences_and_offsets(p)[1])),
    ):
        t = time.perf_counter()
        n = sum(fn(p) for p in paras)
        print(f"segmenter {name:9} {n / (time.perf_counter() - t):>8,.0f} sentences/s ({n})")


async def ingest(paths: list[Path], workers: int, segmenter: str) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        lib = await Library.open(Path(tmp) / "ingest.db", segmenter=segmenter)
        t = time.perf_counter()
        added, _ = await lib.add_many(paths, workers=workers)
        elapsed = time.perf_counter() - t
        sentences = sum(a.sentences for a in added)
        print(
            f"ingest, {segmenter:9} {workers} worker(s): {len(added)} articles, "
            f"{sentences:,} sentences in {elapsed:.2f} s = {sentences / elapsed:,.0f} "
            "sentences/s end to end"
        )
        await lib.close()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--copies", type=int, default=8)
    parser.add_argument("--workers", type=int, nargs="*", default=[1, 2])
    args = parser.parse_args()
    originals = [*sorted((SHARED / "eval/squad-dev/articles").glob("*.txt")), sample_article()]
    segmenters(originals)
    with tempfile.TemporaryDirectory() as tmp:
        paths = []
        for copy in range(args.copies):
            for path in originals:
                target = Path(tmp) / f"{copy}-{path.name}"
                shutil.copy(path, target)
                paths.append(target)
        for segmenter in ("syntok", "blingfire"):
            for workers in args.workers:
                asyncio.run(ingest(paths, workers, segmenter))


if __name__ == "__main__":
    main()
