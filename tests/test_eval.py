"""The evaluation command and the quality targets, on the seed set and our own article."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from index.evaluate import evaluate, load_questions
from index.library import Library

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT.parent / "shared" / "eval" / "seed-dev.jsonl"
DATA = Path(__file__).parent / "data"


async def test_seed_targets(sample_library: Library) -> None:
    if not SEED.exists():
        pytest.skip(f"{SEED} is not here")
    report = await evaluate(load_questions(SEED), lambda q: sample_library.ask(q, k=5))
    assert report.p_at_1 >= 0.95, report.misses
    assert report.attribution_r_at_3 == 1.0
    assert report.abstain_correct == report.abstain == 4
    assert report.wrongly_abstained <= 1


async def test_second_article_generalizes(library: Library) -> None:
    await library.add_path(DATA / "2024-09-12-harbor-bridge-vote.md")
    items = load_questions(DATA / "second-article.jsonl")
    report = await evaluate(items, lambda q: library.ask(q, k=5))
    assert report.p_at_1 >= 0.8, report.misses
    assert report.attribution_r_at_3 == 1.0
    assert report.abstain_correct == report.abstain
    assert report.wrongly_abstained == 0


def test_eval_command_json_and_misses(tmp_path: Path) -> None:
    questions = tmp_path / "q.jsonl"
    questions.write_text(
        json.dumps(
            {
                "id": "a",
                "q": "Who is Dmitry Peskov?",
                "kind": "answerable",
                "gold": ["Kremlin spokesperson"],
            }
        )
        + "\n"
        + json.dumps(
            {"id": "b", "q": "What did Peskov say?", "kind": "answerable", "gold": ["no such text"]}
        )
        + "\n"
    )
    db = str(tmp_path / "e.db")
    cmd = [sys.executable, "-m", "bot", "eval", str(questions), "--db", db]
    result = subprocess.run(
        [*cmd, "--json"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"},
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["answerable"] == 2 and report["p_at_1"] == 0.5
    assert [m["id"] for m in report["misses"]] == ["b"]
    text = subprocess.run(
        cmd,
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"},
        timeout=120,
    )
    assert "miss b [answerable] What did Peskov say?" in text.stdout
    assert "P@1:" in text.stdout


def test_squad_style_span_scoring() -> None:
    from index.evaluate import is_correct
    from index.models import Citation, Quote

    def quote(source: str, start: int, end: int) -> Quote:
        c = Citation("a", "t", None, None, source, 1, 1, start, end)
        return Quote("x", c, 1.0)

    item = {"kind": "span", "article": "oxygen.txt", "answers": [{"text": "1773", "start": 100}]}
    assert is_correct(item, quote("/x/oxygen.txt", 90, 101))
    assert not is_correct(item, quote("/x/oxygen.txt", 104, 150))
    assert not is_correct(item, quote("/x/warsaw.txt", 90, 120))
