"""The shell's terminal: line editing and history (stdlib ``readline``), and Ctrl-C.

Ctrl-C while a question is being answered cancels that answer and returns to the prompt;
at the prompt, a first Ctrl-C says how to quit and a second one quits (as Ctrl-D does).
For that the prompt is read with ``input()`` on the main thread, where readline and
SIGINT meet (a prompt read on a worker thread cannot be interrupted), and SIGINT gets a
handler of its own while the shell runs: asyncio's would cancel the whole command.

The history is one file per user, ``$XDG_STATE_HOME/articlebot/history`` (by default
``~/.local/state/articlebot/history``), like Python's own ``~/.python_history``.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import signal
import threading
from collections.abc import Iterator
from pathlib import Path
from types import FrameType, ModuleType
from typing import Any

log = logging.getLogger("articlebot")

HISTORY_LENGTH = 1000


def history_path(env: dict[str, str] | os._Environ[str] = os.environ) -> Path:
    state = env.get("XDG_STATE_HOME") or str(Path.home() / ".local" / "state")
    return Path(state) / "articlebot" / "history"


def _readline() -> ModuleType | None:
    try:
        import readline
    except ImportError:  # Windows, or a Python built without it: plain input()
        return None
    return readline


@contextlib.contextmanager
def line_editing(history: Path | None = None) -> Iterator[bool]:
    """Line editing and history for ``input()`` on a terminal; yields whether it is on.
    The history file is read on entry and written on exit; a file that cannot be read
    or written costs the history, never the session."""
    readline = _readline()
    if readline is None:
        yield False
        return
    path = history or history_path()
    readline.set_history_length(HISTORY_LENGTH)
    with contextlib.suppress(OSError):
        readline.read_history_file(path)
    try:
        yield True
    finally:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            readline.write_history_file(path)
        except OSError as exc:
            log.warning("could not save the shell history to %s: %s", path, exc)


@contextlib.contextmanager
def sigint_for_the_main_thread() -> Iterator[None]:
    """Keep SIGINT from the threads started inside the block (the library's, the
    database's, the vector worker's): they inherit a blocked SIGINT, so the terminal's
    Ctrl-C always lands on the main thread. A signal that lands on another thread sets
    Python's flag but leaves the main thread asleep in readline's ``select()``, and Ctrl-C
    at the prompt would then do nothing. The main thread takes SIGINT again on exit (and
    receives one that came meanwhile)."""
    if threading.current_thread() is not threading.main_thread() or not hasattr(
        signal, "pthread_sigmask"
    ):
        yield
        return
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    try:
        yield
    finally:
        if signal.SIGINT not in previous:
            signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})


class Interrupts:
    """SIGINT while the shell runs: cancel the answer in progress, or (at the prompt)
    raise KeyboardInterrupt out of ``input()``. The previous handler comes back on exit."""

    def __init__(self) -> None:
        self._task: asyncio.Task[Any] | None = None
        self._loop: asyncio.AbstractEventLoop | None = None
        self._previous: Any = None
        self._installed = False

    def __enter__(self) -> Interrupts:
        self._loop = asyncio.get_running_loop()
        if threading.current_thread() is threading.main_thread():
            self._previous = signal.signal(signal.SIGINT, self._on_sigint)
            self._installed = True
        return self

    def __exit__(self, *exc: object) -> None:
        if self._installed:
            signal.signal(signal.SIGINT, self._previous)
            self._installed = False

    @contextlib.contextmanager
    def cancelling(self, task: asyncio.Task[Any]) -> Iterator[None]:
        """Ctrl-C cancels ``task`` while the block runs."""
        self._task = task
        try:
            yield
        finally:
            self._task = None

    def _on_sigint(self, signum: int, frame: FrameType | None) -> None:
        task = self._task
        if task is None or task.done():
            raise KeyboardInterrupt
        task.cancel()
        if self._loop is not None:
            self._loop.call_soon_threadsafe(lambda: None)  # wake the loop to see it
