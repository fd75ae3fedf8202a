"""The evaluation command and the quality targets, on the seed set and our own article."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from index.evaluate import evaluate, load_questions
from index.library import Library

from cli_helpers import Cli

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


def test_eval_command_json_and_misses(cli: Cli, tmp_path: Path, sample_path: Path) -> None:
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
    result = cli("eval", str(questions), "--db", db, "--json", "--articles", str(sample_path))
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["answerable"] == 2 and report["p_at_1"] == 0.5
    assert [m["id"] for m in report["misses"]] == ["b"]
    text = cli("eval", str(questions), "--db", db)  # the article is in the library now
    assert "miss b [answerable] What did Peskov say?" in text.stdout
    assert "P@1:" in text.stdout


def test_eval_never_adds_the_bundled_sample(cli: Cli, tmp_path: Path) -> None:
    """It measures the library it is given: a new one gets the articles the questions
    name (the folder beside them), never the sample a new library gets for ``ask``."""
    folder = tmp_path / "set" / "articles"
    folder.mkdir(parents=True)
    (folder / "bridge.md").write_bytes((DATA / "2024-09-12-harbor-bridge-vote.md").read_bytes())
    questions = tmp_path / "set" / "questions.jsonl"
    questions.write_text(json.dumps({"id": "s", "q": "What did the mayor say?", "kind": "span",
                                     "article": "bridge.md", "answers": []}) + "\n")  # fmt: skip
    db = str(tmp_path / "n.db")
    result = cli("eval", str(questions), "--db", db, "--json")
    assert result.returncode == 0, result.stderr
    assert "bundled sample" not in result.stderr
    [listed] = cli("sources", "--db", db).stdout.splitlines()
    assert "Council approves harbor bridge" in listed


def test_eval_of_an_empty_library_is_refused(cli: Cli, tmp_path: Path) -> None:
    questions = tmp_path / "q.jsonl"
    questions.write_text(json.dumps({"q": "Who is Peskov?", "kind": "abstain"}) + "\n")
    result = cli("eval", str(questions), "--db", str(tmp_path / "empty.db"))
    assert result.returncode == 2
    [line] = result.stderr.splitlines()
    assert "no articles to ask about" in line and "--articles" in line


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
