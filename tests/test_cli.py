"""The command line end to end, through a real subprocess."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def run(tmp_path: Path, *args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("ARTICLEBOT_", "DISCORD_"))}
    env["PYTHONPATH"] = str(ROOT)
    return subprocess.run(
        [sys.executable, "-m", "bot", *args],
        cwd=tmp_path,
        env=env,
        input=stdin,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_ask_seeds_sample_once_and_answers(tmp_path: Path, sample_text: str) -> None:
    db = str(tmp_path / "a.db")
    first = run(tmp_path, "ask", "What did Peskov say?", "--db", db, "--json")
    assert first.returncode == 0, first.stderr
    assert "indexed the bundled sample" in first.stderr
    answer = json.loads(first.stdout)
    assert answer["abstained"] is False
    quotes = answer["quotes"]
    assert quotes and all(
        "Peskov" in sample_text[q["start"] : q["end"]] or q["speaker"] for q in quotes
    )
    for q in quotes:
        assert sample_text[q["start"] : q["end"]] == q["text"]
        assert q["date"] == "2025-05-17"
        assert q["source"].endswith("2025-05-17-trump-putin-call.txt")
        assert set(q) >= {"article_id", "title", "url", "paragraph", "sentence", "score"}
    second = run(tmp_path, "ask", "What did Peskov say?", "--db", db)
    assert second.returncode == 0
    assert "bundled sample" not in second.stderr
    assert "Peskov" in second.stdout and "paragraph" in second.stdout


def test_removed_sample_is_not_added_back(tmp_path: Path) -> None:
    db = str(tmp_path / "a.db")
    assert run(tmp_path, "ask", "peace talks", "--db", db).returncode == 0
    ids = run(tmp_path, "sources", "--db", db).stdout.split()
    assert run(tmp_path, "remove", ids[0], "--db", db).returncode == 0
    again = run(tmp_path, "ask", "peace talks", "--db", db, "--json")
    assert again.returncode == 0
    assert json.loads(again.stdout)["abstained"] is True
    assert "bundled sample" not in again.stderr


def test_batch_mode_one_json_line_per_question(tmp_path: Path) -> None:
    db = str(tmp_path / "a.db")
    questions = "What did Lavrov say?\nHow tall is the Eiffel Tower?\n\nWho is Dmitry Peskov?\n"
    result = run(tmp_path, "ask", "-", "--db", db, stdin=questions)
    assert result.returncode == 0, result.stderr
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert [a["question"] for a in lines] == [
        "What did Lavrov say?",
        "How tall is the Eiffel Tower?",
        "",
        "Who is Dmitry Peskov?",
    ]
    assert lines[0]["abstained"] is False
    assert lines[1]["abstained"] is True
    assert lines[2]["abstained"] is True


def test_index_sources_remove_reindex(tmp_path: Path) -> None:
    db = str(tmp_path / "b.db")
    article = tmp_path / "bridge.md"
    article.write_text(
        "---\ntitle: Bridge\nurl: https://example.org/b\n---\n"
        "The mayor said the new bridge opens on Monday.\n",
        encoding="utf-8",
    )
    bad = tmp_path / "bad.bin"
    bad.write_bytes(b"\x00\x01\x02")
    result = run(tmp_path, "index", str(article), str(bad), "--db", db)
    assert result.returncode == 2
    assert "indexed bridge" in result.stdout
    assert "binary" in result.stderr and "Traceback" not in result.stderr
    listing = run(tmp_path, "sources", "--db", db).stdout
    assert "bridge" in listing and "https://example.org/b" in listing
    answer = json.loads(
        run(tmp_path, "ask", "When does the bridge open?", "--db", db, "--json").stdout
    )
    assert answer["quotes"][0]["url"] == "https://example.org/b"
    assert run(tmp_path, "reindex", "--db", db).stdout.strip() == "reindexed 1 articles"
    assert run(tmp_path, "remove", "bridge", "--db", db).returncode == 0
    missing = run(tmp_path, "remove", "bridge", "--db", db)
    assert missing.returncode == 2 and "no article with id 'bridge'" in missing.stderr


@pytest.mark.parametrize(
    "args",
    [
        ["ask"],
        ["frobnicate"],
        ["ask", "x", "-k", "0"],
        ["ask", "x", "-k", "many"],
        ["index", "/nonexistent/file.txt"],
        ["eval", "/nonexistent/q.jsonl"],
    ],
)
def test_bad_usage_exits_2_without_traceback(tmp_path: Path, args: list[str]) -> None:
    result = run(tmp_path, *args, "--db", str(tmp_path / "c.db"))
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert result.stderr.strip()


def test_corrupt_database_is_a_clear_error(tmp_path: Path) -> None:
    db = tmp_path / "bad.db"
    db.write_bytes(b"garbage" * 1000)
    result = run(tmp_path, "ask", "anything", "--db", str(db))
    assert result.returncode == 2
    assert "cannot use database" in result.stderr and "Traceback" not in result.stderr


def test_bad_config_names_the_key(tmp_path: Path) -> None:
    (tmp_path / "articlebot.toml").write_text("[library]\ntop_k = 'three'\n")
    result = run(tmp_path, "sources")
    assert result.returncode == 2
    assert "library.top_k" in result.stderr
