"""The terminal harness: line editing and history, Ctrl-C, plurals, copy-pasteable ids,
folders, closed pipes. In this process where the command's behaviour is the point (the
``cli`` fixture), through a real process and a real terminal (a pty) where the terminal
or the process is."""

from __future__ import annotations

import asyncio
import contextlib
import os
import select
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from bot import sample_article
from bot.terminal import history_path
from index.library import Library

from cli_helpers import Cli

pytestmark = pytest.mark.usefixtures("vectors_on_the_thread")  # conftest.py says why

ROOT = Path(__file__).resolve().parent.parent


def child_env(tmp_path: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("ARTICLEBOT_", "DISCORD_"))}
    env.update(PYTHONPATH=str(ROOT), ARTICLEBOT_SEMANTIC="0", XDG_STATE_HOME=str(tmp_path / "state"),
               TERM="xterm", INPUTRC=os.devnull)  # fmt: skip
    return env


def write_article(path: Path, sentences: int) -> Path:
    body = " ".join(f"The harbour crane number {n} was repaired." for n in range(sentences))
    path.write_text(f"title Harbour {path.stem}\ndate 2024-03-0{sentences}\n\n{body}\n")
    return path


# --- Ctrl-C ----------------------------------------------------------------------------------


def test_ctrl_c_cancels_the_question_in_progress(
    cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Ctrl-C during an answer used to end the whole shell (exit 130)."""
    real_ask = Library.ask
    calls = []

    async def slow_then_real(self: Library, question: str, **kw: Any) -> Any:
        calls.append(question)
        if question == "slow question":
            os.kill(os.getpid(), signal.SIGINT)  # Ctrl-C while this answer is in progress
            await asyncio.sleep(3600)
        return await real_ask(self, question, **kw)

    monkeypatch.setattr(Library, "ask", slow_then_real)
    db = str(tmp_path / "s.db")
    result = cli("shell", "--db", db, stdin="slow question\nWhat did Lavrov say?\n")
    assert result.returncode == 0, result.stderr
    assert calls == ["slow question", "What did Lavrov say?"]
    assert "(cancelled" in result.stdout and "positive role" in result.stdout
    assert signal.getsignal(signal.SIGINT) is signal.default_int_handler  # put back


# --- a real terminal -------------------------------------------------------------------------

# The child becomes a session leader with the pty as its controlling terminal, so that
# Ctrl-C typed into the pty is a real SIGINT from the terminal driver; SIGINT is handled
# and unblocked, as in a new terminal, whatever the test process inherited.
_ON_A_TERMINAL = (
    "import fcntl, os, signal, sys, termios; os.setsid(); fcntl.ioctl(0, termios.TIOCSCTTY, 0); "
    "signal.signal(signal.SIGINT, signal.SIG_DFL); "
    "signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT}); "
    "os.execv(sys.executable, [sys.executable, '-m', 'bot', *sys.argv[1:]])"
)


class Terminal:
    """A process on a pty: type into it, read what it shows."""

    def __init__(self, tmp_path: Path, *args: str) -> None:
        pytest.importorskip("readline")
        self.master, slave = os.openpty()
        self.proc = subprocess.Popen(
            [sys.executable, "-c", _ON_A_TERMINAL, *args],
            stdin=slave, stdout=slave, stderr=slave, cwd=tmp_path, env=child_env(tmp_path),
        )  # fmt: skip
        os.close(slave)
        self.seen = ""

    def type(self, keys: str) -> None:
        os.write(self.master, keys.encode())

    def wait_for(self, text: str, count: int = 1, timeout: float = 90) -> None:
        """Read until ``text`` was shown ``count`` times (a generous bound, for a loaded
        machine: the test asserts what is shown, never how fast)."""
        deadline = time.monotonic() + timeout
        while self.seen.count(text) < count:
            left = deadline - time.monotonic()
            assert left > 0, f"never saw {text!r} x{count}; the terminal shows:\n{self.seen}"
            ready, _, _ = select.select([self.master], [], [], min(left, 1))
            if ready:
                try:
                    self.seen += os.read(self.master, 65536).decode(errors="replace")
                except OSError:  # the process exited and the pty closed
                    assert self.seen.count(text) >= count, self.seen
                    return

    def shows(self, text: str, count: int, timeout: float) -> bool:
        """Whether ``text`` was shown ``count`` times within ``timeout`` seconds (or the
        process exited)."""
        try:
            self.wait_for(text, count, timeout)
        except AssertionError:
            return False
        return True

    def interrupt(self, until: str, count: int = 1, tries: int = 6) -> None:
        """Type Ctrl-C until ``until`` was shown ``count`` times. CPython's readline loses a
        SIGINT that lands just before it waits for input (the flag is set, nothing wakes the
        wait), so a member's Ctrl-C can need a second press; a lost one leaves nothing
        behind, and the next press is seen at once, while a slow one shows within the wait
        (10 s: printing one line after a signal takes milliseconds even on a loaded machine;
        a lost press cost the suite the whole wait)."""
        for _ in range(tries):
            self.type("\x03")
            if self.shows(until, count, 10):
                return
        self.wait_for(until, count, 1)  # fails with what the terminal shows

    def interrupt_to_exit(self, tries: int = 12) -> int:
        """Type Ctrl-C until the process exits (a lost SIGINT, as in :meth:`interrupt`);
        its exit status. Unlike :meth:`interrupt`, a press too many does no harm here (the
        shell is quitting either way), so a lost one is retried after a short wait instead
        of the long one that lets a slow machine show its message."""
        for _ in range(tries - 1):
            with contextlib.suppress(OSError):  # the pty has closed: the process has gone
                self.type("\x03")
            with contextlib.suppress(subprocess.TimeoutExpired):
                return self.proc.wait(timeout=5)
        with contextlib.suppress(OSError):
            self.type("\x03")
        return self.exit_status()

    def exit_status(self) -> int:
        try:
            return self.proc.wait(timeout=90)
        except subprocess.TimeoutExpired:
            self.shows("\0", 1, 1)  # read what is left to show
            raise AssertionError(f"still running; the terminal shows:\n{self.seen}") from None
        finally:
            os.close(self.master)


def test_shell_has_line_editing_and_a_history_kept_between_sessions(tmp_path: Path) -> None:
    db = str(tmp_path / "t.db")
    term = Terminal(tmp_path, "shell", "--db", db)
    term.wait_for("> ")
    term.type("What did Lavrov saz\x7fy?\r")  # a typo corrected in place
    term.wait_for("positive role")
    term.wait_for("> ", 2)
    term.type("\x1b[A\r")  # up arrow: the last question again
    term.wait_for("positive role", 2)
    term.wait_for("> ", 3)
    term.type("\x04")  # Ctrl-D quits
    assert term.exit_status() == 0
    assert "What did Lavrov say?" in history_path(child_env(tmp_path)).read_text()

    again = Terminal(tmp_path, "shell", "--db", db)
    again.wait_for("> ")
    again.type("\x1b[A\r")  # the history came back from the file
    again.wait_for("positive role")
    again.wait_for("> ", 2)
    again.type("\x04")
    assert again.exit_status() == 0


def test_ctrl_c_twice_at_the_prompt_quits(tmp_path: Path) -> None:
    term = Terminal(tmp_path, "shell", "--db", str(tmp_path / "t.db"))
    term.wait_for("> ")
    term.type("half a quest")
    term.wait_for("half a quest")  # readline is reading: the Ctrl-C cannot flush it unseen
    term.interrupt("Ctrl-C again or Ctrl-D to quit")
    term.wait_for("> ", 2)
    assert term.interrupt_to_exit() == 0
    assert "Traceback" not in term.seen and "interrupted" not in term.seen


def test_history_lives_in_the_users_state_folder() -> None:
    assert history_path({"XDG_STATE_HOME": "/x/state"}) == Path("/x/state/articlebot/history")
    assert history_path({}) == Path.home() / ".local" / "state" / "articlebot" / "history"


# --- closed pipes ------------------------------------------------------------------------------


@pytest.mark.parametrize("args", [["ask", "-"], ["sources"]])
def test_a_closed_pipe_ends_the_command_quietly(tmp_path: Path, args: list[str]) -> None:
    """``articlebot ask - | head -1``: the reader has gone before the first line is written
    (its end of the pipe is closed from the start, so the test never races it)."""
    read_end, write_end = os.pipe()
    os.close(read_end)
    try:
        proc = subprocess.run(
            [sys.executable, "-m", "bot", *args, "--db", str(tmp_path / "p.db")],
            input="What did Peskov say?\n" * 20, stdout=write_end, stderr=subprocess.PIPE,
            text=True, cwd=tmp_path, env=child_env(tmp_path), timeout=120,
        )  # fmt: skip
    finally:
        os.close(write_end)
    stderr = proc.stderr.replace(
        "articlebot: the library was empty; indexed the bundled sample article "
        "'2025-05-17-trump-putin-call' (19 sentences)\n",
        "",
    )
    assert proc.returncode == 141 and stderr == "", proc.stderr


# --- plurals, ids, folders -----------------------------------------------------------------------


def test_counts_agree_with_their_nouns(cli: Cli, tmp_path: Path) -> None:
    db = str(tmp_path / "n.db")
    one = write_article(tmp_path / "one.txt", 1)
    two = write_article(tmp_path / "two.txt", 2)
    indexed = cli("index", str(one), str(two), "--db", db)
    assert indexed.returncode == 0, indexed.stderr
    assert ", 1 sentence\n" in indexed.stdout and ", 2 sentences\n" in indexed.stdout
    listed = cli("sources", "--db", db).stdout
    assert "\t1 sentence\t" in listed and "\t2 sentences\t" in listed
    cli("remove", "2024-03-02-harbour-two", "--db", db)
    assert cli("reindex", "--db", db).stdout == "reindexed 1 article\n"


def test_every_printed_id_is_accepted_by_remove(cli: Cli, tmp_path: Path) -> None:
    db = str(tmp_path / "i.db")
    for n in (1, 2, 3):
        write_article(tmp_path / f"a{n}.txt", n)
    indexed = cli("index", *(str(tmp_path / f"a{n}.txt") for n in (1, 2, 3)), "--db", db)
    printed = sorted(line.split()[1].rstrip(":") for line in indexed.stdout.splitlines())
    listed = sorted(line.split("\t")[0] for line in cli("sources", "--db", db).stdout.splitlines())
    assert printed == listed and len(listed) == 3
    answer = cli("ask", "crane repaired", "--db", db).stdout  # citations show "[id]"
    cited = answer.split("[", 1)[1].split("]", 1)[0]
    pasted = {listed[0]: f"  {listed[0]}\t", listed[1]: f"`{listed[1]}`", cited: f"[{cited}]"}
    for article_id, as_pasted in pasted.items():
        removed = cli("remove", as_pasted, "--db", db)
        assert removed.returncode == 0, removed.stderr
        assert removed.stdout.startswith(f"removed {article_id}:")
    unknown = cli("remove", "no-such-article", "--db", db)
    assert unknown.returncode == 2 and "articlebot sources lists the ids" in unknown.stderr


def test_remove_says_when_the_config_will_add_the_article_back(cli: Cli, tmp_path: Path) -> None:
    write_article(tmp_path / "listed.txt", 1)
    (tmp_path / "articlebot.toml").write_text('[library]\narticles = ["listed.txt"]\n')
    db = str(tmp_path / "c.db")
    assert cli("index", str(tmp_path / "listed.txt"), "--db", db).returncode == 0
    removed = cli("remove", "2024-03-01-harbour-listed", "--db", db)
    assert removed.returncode == 0, removed.stderr
    assert "library.articles" in removed.stderr and "again when it starts" in removed.stderr


def test_index_reads_a_folder_recursively_and_skips_what_it_cannot_read(
    cli: Cli, tmp_path: Path
) -> None:
    folder = tmp_path / "export"
    (folder / "2024" / "march").mkdir(parents=True)
    (folder / ".git").mkdir()
    write_article(folder / "top.txt", 1)
    write_article(folder / "2024" / "march" / "deep.md", 2)
    write_article(folder / ".git" / "hidden.txt", 3)
    (folder / "photo.jpg").write_bytes(b"\xff\xd8\xff\xe0 not an article")
    (folder / "notes.pdf").write_bytes(b"%PDF-1.4")
    db = str(tmp_path / "f.db")
    result = cli("index", str(folder), "--db", db)
    assert result.returncode == 0, result.stderr
    listed = cli("sources", "--db", db).stdout
    assert "Harbour top" in listed and "deep" in listed.lower() and "hidden" not in listed
    assert (
        "skipped 2 files" in result.stderr and ".jpg" in result.stderr and ".pdf" in result.stderr
    )
    assert "Traceback" not in result.stderr


def test_index_of_a_folder_without_articles_is_one_line(cli: Cli, tmp_path: Path) -> None:
    (tmp_path / "pics").mkdir()
    (tmp_path / "pics" / "a.png").write_bytes(b"\x89PNG")
    result = cli("index", str(tmp_path / "pics"), "--db", str(tmp_path / "e.db"))
    assert result.returncode == 2
    assert result.stderr.splitlines()[-1].startswith("articlebot: no text, Markdown or HTML files")


def test_sources_says_the_bot_does_not_serve_the_sample(cli: Cli, tmp_path: Path) -> None:
    db = str(tmp_path / "s.db")
    assert cli("ask", "peace talks", "--db", db).returncode == 0  # the harness adds the sample
    listed = cli("sources", "--db", db)
    assert "2025-05-17-trump-putin-call is the bundled sample" in listed.stderr
    assert "articlebot remove 2025-05-17-trump-putin-call" in listed.stderr
    (tmp_path / "articlebot.toml").write_text(
        '[library]\narticles = ["' + str(sample_article()) + '"]\n'
    )
    assert "bundled sample" not in cli("sources", "--db", db).stderr  # listed: served
