"""The command line end to end: in this process (``cli``, the fast way), and through a real
subprocess where the process itself is the point (exit status, stderr, no traceback)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from cli_helpers import Cli

ROOT = Path(__file__).resolve().parent.parent


def run_process(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("ARTICLEBOT_", "DISCORD_"))}
    env["PYTHONPATH"] = str(ROOT)
    return subprocess.run(
        [sys.executable, "-m", "bot", *args],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_ask_seeds_sample_once_and_answers(cli: Cli, tmp_path: Path, sample_text: str) -> None:
    db = str(tmp_path / "a.db")
    first = cli("ask", "What did Peskov say?", "--db", db, "--json")
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
    second = cli("ask", "What did Peskov say?", "--db", db)
    assert second.returncode == 0
    assert "bundled sample" not in second.stderr
    assert "Peskov" in second.stdout and "paragraph" in second.stdout


def test_removed_sample_is_not_added_back(cli: Cli, tmp_path: Path) -> None:
    db = str(tmp_path / "a.db")
    assert cli("ask", "peace talks", "--db", db).returncode == 0
    ids = cli("sources", "--db", db).stdout.split()
    assert cli("remove", ids[0], "--db", db).returncode == 0
    again = cli("ask", "peace talks", "--db", db, "--json")
    assert again.returncode == 0
    assert json.loads(again.stdout)["abstained"] is True
    assert "bundled sample" not in again.stderr


def test_batch_mode_one_json_line_per_question(cli: Cli, tmp_path: Path) -> None:
    db = str(tmp_path / "a.db")
    questions = "What did Lavrov say?\nHow tall is the Eiffel Tower?\n\nWho is Dmitry Peskov?\n"
    result = cli("ask", "-", "--db", db, stdin=questions)
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


def test_index_sources_remove_reindex(cli: Cli, tmp_path: Path) -> None:
    db = str(tmp_path / "b.db")
    article = tmp_path / "bridge.md"
    article.write_text(
        "---\ntitle: Bridge\nurl: https://example.org/b\n---\n"
        "The mayor said the new bridge opens on Monday.\n",
        encoding="utf-8",
    )
    bad = tmp_path / "bad.bin"
    bad.write_bytes(b"\x00\x01\x02")
    result = cli("index", str(article), str(bad), "--db", db)
    assert result.returncode == 2
    assert "indexed bridge" in result.stdout
    assert "binary" in result.stderr and "Traceback" not in result.stderr
    listing = cli("sources", "--db", db).stdout
    assert "bridge" in listing and "https://example.org/b" in listing
    answer = json.loads(cli("ask", "When does the bridge open?", "--db", db, "--json").stdout)
    assert answer["quotes"][0]["url"] == "https://example.org/b"
    assert cli("reindex", "--db", db).stdout.strip() == "reindexed 1 article"
    assert cli("remove", "bridge", "--db", db).returncode == 0
    missing = cli("remove", "bridge", "--db", db)
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
def test_bad_usage_exits_2_without_traceback(cli: Cli, tmp_path: Path, args: list[str]) -> None:
    result = cli(*args, "--db", str(tmp_path / "c.db"))
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert result.stderr.strip()


def test_corrupt_database_is_a_clear_error(cli: Cli, tmp_path: Path) -> None:
    db = tmp_path / "bad.db"
    db.write_bytes(b"garbage" * 1000)
    result = cli("ask", "anything", "--db", str(db))
    assert result.returncode == 2
    assert "cannot use database" in result.stderr and "Traceback" not in result.stderr


def test_bad_config_names_the_key(cli: Cli, tmp_path: Path) -> None:
    (tmp_path / "articlebot.toml").write_text("[library]\ntop_k = 'three'\n")
    result = cli("sources")
    assert result.returncode == 2
    assert "library.top_k" in result.stderr


# --- the process itself ------------------------------------------------------------------


@pytest.mark.parametrize("args", [["frobnicate"], ["ask", "x", "-k", "0"]])
def test_process_exits_2_with_one_line_on_bad_usage(tmp_path: Path, args: list[str]) -> None:
    result = run_process(tmp_path, *args, "--db", str(tmp_path / "c.db"))
    assert result.returncode == 2
    assert "Traceback" not in result.stderr and result.stderr.strip()
    assert result.stdout == ""


# --- one error family: the user's errors in one line (2), anything else is a bug (1) --------


def test_every_reported_error_is_an_articlebot_error() -> None:
    from bot.cli import UsageError
    from bot.config import ConfigError
    from bot.replay import ReplayError
    from index.errors import ArticlebotError
    from index.fetch import FetchError
    from index.ingest import IngestError
    from index.library import UnknownArticle
    from index.store import StoreError

    for family in (IngestError, StoreError, ConfigError, FetchError, UnknownArticle, UsageError,
                   ReplayError):  # fmt: skip
        assert issubclass(family, ArticlebotError), family


@pytest.mark.parametrize(
    "bug", [RuntimeError("boom\nsecond line"), ValueError("a bug"), KeyError(7)]
)
def test_a_bug_is_an_internal_error_not_bad_usage(
    cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, bug: Exception
) -> None:
    from index.library import Library

    async def broken(*args: object, **kwargs: object) -> None:
        raise bug

    monkeypatch.setattr(Library, "ask", broken)
    result = cli("ask", "What did Peskov say?", "--db", str(tmp_path / "d.db"))
    assert result.returncode == 1
    [line] = result.stderr.splitlines()[-1:]
    assert line.startswith(f"articlebot: internal error ({type(bug).__name__}: ")
    assert line.endswith("; run with --debug for details")
    assert "Traceback" not in result.stderr and "usage" not in result.stderr.lower()
    assert (
        len([ln for ln in result.stderr.splitlines() if ln.startswith("articlebot: internal")]) == 1
    )

    debug = cli("--debug", "ask", "What did Peskov say?", "--db", str(tmp_path / "d.db"))
    assert debug.returncode == 1 and "Traceback" in debug.stderr
    late = cli("ask", "What did Peskov say?", "--db", str(tmp_path / "d.db"), "--debug")
    assert late.returncode == 1 and "Traceback" in late.stderr


def test_process_exits_1_with_one_line_on_a_bug(tmp_path: Path) -> None:
    code = (
        "import sys, bot.cli\n"
        "async def broken(*args): raise RuntimeError('boom')\n"
        "bot.cli._sources = broken\n"
        "sys.exit(bot.cli.main(sys.argv[1:]))\n"
    )
    env = {k: v for k, v in os.environ.items() if not k.startswith(("ARTICLEBOT_", "DISCORD_"))}
    env["PYTHONPATH"] = str(ROOT)
    result = subprocess.run(
        [sys.executable, "-c", code, "sources", "--db", str(tmp_path / "e.db")],
        cwd=tmp_path, env=env, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert result.returncode == 1
    assert result.stderr.strip() == (
        "articlebot: internal error (RuntimeError: boom); run with --debug for details"
    )


# --- articlebot index URL: the fetch guards of /articles add, from the terminal ------------

PAGE = (b"<html><head><title>Port strike ends</title></head><body><article>"
        b"<p>The union leader Mara Olsen said the strike at the port was over.</p>"
        b"<p>Dock workers will return to work on Monday after a nine-day stoppage.</p>"
        b"</article></body></html>")  # fmt: skip


@pytest.fixture
def local_site() -> Iterator[str]:
    """A page on 127.0.0.1, served from a thread (the command runs its own event loop)."""

    class Page(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(PAGE)))
            self.end_headers()
            self.wfile.write(PAGE)

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Page)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def test_index_fetches_a_url_the_policy_allows(
    cli: Cli, tmp_path: Path, local_site: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    from bot.config import Config
    from index.fetch import FetchPolicy

    port = int(local_site.rsplit(":", 1)[1])

    def test_policy(self: Config) -> FetchPolicy:  # allow_peers: for tests, never a setting
        return FetchPolicy(self.fetch_timeout_seconds, self.fetch_max_bytes,
                           allow_peers=frozenset({("127.0.0.1", port)}))  # fmt: skip

    monkeypatch.setattr(Config, "fetch_policy", test_policy)
    db = str(tmp_path / "u.db")
    result = cli("index", f"{local_site}/strike", "--db", db)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("indexed ") and "'Port strike ends'" in result.stdout
    answer = json.loads(cli("ask", "When will dock workers return?", "--db", db, "--json").stdout)
    assert answer["quotes"][0]["url"] == f"{local_site}/strike"
    other_port = f"http://127.0.0.1:{port + 1 if port < 65535 else port - 1}/strike"
    refused = cli("index", other_port, "--db", db)  # allowed: that port, no other
    assert refused.returncode == 2 and "private or internal address; refused" in refused.stderr


@pytest.mark.parametrize("url", ["http://127.0.0.1:9/a", "http://10.1.2.3/a", "http://localhost/a",
                                 "ftp://example.org/a"])  # fmt: skip
def test_index_refuses_a_private_address_in_one_line(cli: Cli, tmp_path: Path, url: str) -> None:
    result = cli("index", url, "--db", str(tmp_path / "p.db"))
    assert result.returncode == 2
    [line] = result.stderr.splitlines()
    assert line.startswith(f"articlebot: skipped {url}: ")
    assert "refused" in line or "only http" in line
    assert result.stdout == ""
