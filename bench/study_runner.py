"""The command line the dev-set studies share (bench/not_shown.py, bench/reorder_class.py):
question files in, one library per set under ``--dbs`` (reused when present), the rows
each set's study returns, joined. Not product code."""

from __future__ import annotations

import argparse
import asyncio
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
# seed-dev's questions name no article: they are asked of the bundled sample
SEED_ARTICLES = [str(ROOT / "bot/data/2025-05-17-trump-putin-call.txt")]

Study = Callable[[Path, Path, int, bool], Awaitable[list[dict[str, Any]]]]


def run(description: str, study: Study) -> list[dict[str, Any]]:
    """Parse the shared arguments and run ``study`` (file, db, k, verbose) on each file."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("questions", nargs="+", type=Path)
    parser.add_argument("--dbs", type=Path, default=Path("/tmp/not-shown"))
    parser.add_argument("-k", type=int, default=5)
    parser.add_argument("-v", "--verbose", action="store_true")
    args = parser.parse_args()
    args.dbs.mkdir(parents=True, exist_ok=True)
    rows: list[dict[str, Any]] = []
    for file in args.questions:
        name = file.parent.name if file.parent.name != "eval" else file.stem
        rows += asyncio.run(study(file, args.dbs / f"{name}.db", args.k, args.verbose))
    return rows
