"""Indexing question sets and walking them, for the trainers' ``dump`` steps
(bench/train_ranker.py, bench/train_answerability.py). Not product code.

Each trainer reads different things from the pipeline per question; how a set's library
is built and how squad-dev is split into the half a model may train on and the half it
never sees must be the same for both, so that lives here once.
"""

from __future__ import annotations

import argparse
import asyncio
import hashlib
import subprocess
import sys
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bot import sample_article
from index.evaluate import load_questions

ROOT = Path(__file__).resolve().parents[1]

# (library database, the set's questions, the set's name, output folder)
DumpOne = Callable[[Path, list[dict[str, Any]], str, Path], Awaitable[None]]


def index_once(db: Path, files: list[Path], model: Path | None = None) -> None:
    """Index ``files`` with vectors into ``db``, unless ``db`` exists already; with
    ``model``, that encoder folder's vectors (bench/articlebot_with_model.py)."""
    if db.exists():
        return
    cmd = [str(ROOT / ".venv/bin/articlebot")]
    if model is not None:
        cmd = [sys.executable, str(ROOT / "bench/articlebot_with_model.py"), str(model)]
    cmd += ["index", "--db", str(db), "--vectors"]
    subprocess.run([*cmd, *map(str, files)], check=True, stdout=subprocess.DEVNULL)


def encoder_digest(folder: Path | None = None) -> str:
    """The first 16 hex digits of the sha256 of an encoder folder's model.safetensors
    (default: the one the product loads now)."""
    from index import encoder

    path = (folder or encoder.MODEL_DIR) / "model.safetensors"
    return hashlib.sha256(path.read_bytes()).hexdigest()[:16]


def record_encoder(out: Path, name: str) -> None:
    """``NAME.encoder`` beside a dump: which encoder's cosines its features hold, so the
    trainers can write it into the weights file (cross-fitting is checked there)."""
    (out / f"{name}.encoder").write_text(encoder_digest() + "\n", encoding="utf-8")


def encoders_of(folder: Path, names: list[str]) -> dict[str, str]:
    """The encoder each named dump was made with ("" when not recorded)."""
    found = {}
    for name in names:
        path = folder / f"{name}.encoder"
        found[name] = path.read_text(encoding="utf-8").strip() if path.is_file() else ""
    return found


def dump_sets(args: argparse.Namespace, dump_one: DumpOne) -> None:
    """``dump_one`` on every question file of ``args.questions`` (its articles indexed
    into ``args.dbs``); squad-dev (``args.squad_db``) as two sets, squad-even and
    squad-odd, by its article files sorted by name.

    ``args.model`` (optional): another encoder folder than the shipped one, for
    cross-fitting: the sets an encoder was trained on are dumped with one trained without
    them (its cosines are not over-confident there). The libraries are indexed with that
    model's vectors (keep a ``--dbs`` folder per model) and the questions encoded by it.
    ``args.squad_db`` must then hold that model's vectors too."""
    model = getattr(args, "model", None)
    if model is not None:
        from index import encoder

        model = model.resolve()
        if not (model / "model.safetensors").is_file():
            raise SystemExit(f"{model}: no model.safetensors")
        encoder.MODEL_DIR = model
    args.out.mkdir(parents=True, exist_ok=True)
    args.dbs.mkdir(parents=True, exist_ok=True)
    for file in args.questions:
        items = load_questions(file)
        if args.squad_db and any(i["kind"] == "span" for i in items):
            names = sorted({i["article"] for i in items})
            even = {n for i, n in enumerate(names) if i % 2 == 0}
            for half, keep in (("squad-even", True), ("squad-odd", False)):
                chosen = [i for i in items if (i["article"] in even) == keep]
                asyncio.run(dump_one(args.squad_db, chosen, half, args.out))
                record_encoder(args.out, half)
            continue
        name = file.parent.name + ("" if file.name == "questions.jsonl" else "-" + file.stem)
        folder = file.parent / "articles"
        if folder.is_dir():
            files = sorted(p for p in folder.iterdir() if p.is_file())
        else:  # seed-dev: the bundled sample
            files = [sample_article()]
        db = args.dbs / f"{name}.db"
        index_once(db, files, model)
        asyncio.run(dump_one(db, items, name, args.out))
        record_encoder(args.out, name)
