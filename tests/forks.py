"""Processes forked from a server that has imported the bot once (multiprocessing's
"forkserver": a process of its own, with no threads, that forks on request), for the tests
that need many short-lived processes of the bot's code. A new interpreter imports the bot
again each time (about a second of CPU); a fork of the server starts at once and is still a
process of its own, which SIGKILL stops wherever it is. The tests of a process's own start,
exit status and output run a real ``python -m bot`` instead.

:func:`run_code` runs source code in such a process, with the names given; the code is
sent as text, so nothing of the tests needs to be importable there.
"""

from __future__ import annotations

import multiprocessing
from multiprocessing.process import BaseProcess
from pathlib import Path
from typing import Any

FORKS = multiprocessing.get_context("forkserver")
FORKS.set_forkserver_preload(["bot.harness.driver", "bot.cli", "index.library"])


def run_code(code: str, **names: Any) -> BaseProcess:
    """A started process running ``code`` with ``names`` as its globals (picklable values;
    a multiprocessing Connection arrives as a file descriptor of the process's own)."""
    child = FORKS.Process(target=exec, args=(code, names), daemon=True)
    child.start()
    return child


# ``articlebot ARGV`` as a process of its own: as ``python -m bot ARGV`` run in ``cwd`` with
# no ARTICLEBOT_*/DISCORD_* variables but those given, its output in the files named. An
# exception escaping the command prints its traceback there and exits 1.
_CLI = """
import os, sys
os.dup2(os.open(out, os.O_WRONLY | os.O_CREAT | os.O_TRUNC), 1)
os.dup2(os.open(err, os.O_WRONLY | os.O_CREAT | os.O_TRUNC), 2)
for name in [n for n in os.environ if n.startswith(("ARTICLEBOT_", "DISCORD_"))]:
    del os.environ[name]
os.environ.update(env)
os.chdir(cwd)
from bot.cli import main
sys.exit(main(argv))
"""


def start_cli(
    argv: list[str], cwd: Path, out: Path, err: Path, env: dict[str, str] | None = None
) -> BaseProcess:
    """``articlebot ARGV`` started in a fork (the command's exit status is the process's):
    for tests of several processes at once, where the command's own start is not what is
    tested (tests/test_cli.py and tests/test_hostile.py start the real ``python -m bot``)."""
    return run_code(_CLI, argv=list(argv), cwd=str(cwd), out=str(out), err=str(err),
                    env=dict(env or {}))  # fmt: skip
