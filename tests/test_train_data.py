"""The training folders under bench/train-ltr (the learned models' data) stay sound: each
passes the checker every data set shares, tests/data/check_set.py, in its training mode."""

from __future__ import annotations

import importlib.util
import json
import shutil
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parent.parent
TRAIN = ROOT / "bench" / "train-ltr"
FOLDERS = sorted(p.parent for p in TRAIN.glob("*/questions.jsonl"))


def checker() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "check_set", ROOT / "tests" / "data" / "check_set.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_there_are_training_folders() -> None:
    assert len(FOLDERS) >= 6


@pytest.mark.parametrize("folder", FOLDERS, ids=[f.name for f in FOLDERS])
def test_each_training_folder_passes_the_shared_checker(
    folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert checker().main(str(folder), training=True) == 0, capsys.readouterr().out
    shim = (folder / "check.py").read_text(encoding="utf-8")
    assert "from check_set import main" in shim  # its own check is the shared one


def test_the_checker_finds_a_broken_folder(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    first = FOLDERS[0]
    here = tmp_path / first.name
    shutil.copytree(first, here)
    rows = [json.loads(line) for line in (here / "questions.jsonl").open(encoding="utf-8")]
    answered = next(i for i, r in enumerate(rows) if r["kind"] == "answerable")
    other = next(
        a for a in sorted((here / "articles").iterdir()) if a.name != rows[answered]["article"]
    )
    body = other.read_text(encoding="utf-8").splitlines()[-1]
    rows[answered]["gold"] = [" ".join(body.split()[:5])]  # another article's words
    rows[0], rows[1] = rows[1], rows[0]  # ids out of sequence
    lines = [json.dumps(r) + "\n" for r in rows]
    (here / "questions.jsonl").write_text("".join(lines), encoding="utf-8")
    assert checker().main(str(here), training=True) == 1
    out = capsys.readouterr().out
    assert "id out of sequence" in out and "not found in body" in out and "also in" in out
