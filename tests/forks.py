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
from typing import Any

FORKS = multiprocessing.get_context("forkserver")
FORKS.set_forkserver_preload(["bot.harness.driver", "bot.cli", "index.library"])


def run_code(code: str, **names: Any) -> BaseProcess:
    """A started process running ``code`` with ``names`` as its globals (picklable values;
    a multiprocessing Connection arrives as a file descriptor of the process's own)."""
    child = FORKS.Process(target=exec, args=(code, names), daemon=True)
    child.start()
    return child
