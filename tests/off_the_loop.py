"""Where CPU work runs (a feed check, a question): the behaviour behind "it never stalls the
loop", asserted without timing it.

:func:`watch_steps` wraps chosen functions or methods where their callers find them;
:func:`watch_parsing` wraps the steps that parse or analyse what was downloaded (the feed,
an article page, the article's analysis) where the poller calls them. Each step records the
thread it ran on and, when that is not the loop's, waits until the loop has run a callback
scheduled from inside it: so the step ran elsewhere *and* the loop kept serving while it
ran. A step run on the loop (or with the loop blocked waiting for it) is recorded as such;
the wait has a deadlock guard only, never a bound a test asserts.
"""

from __future__ import annotations

import asyncio
import contextlib
import threading
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

import pytest

import index.feed_poller
import index.fetch
import index.library

DEADLOCK_GUARD = 120.0  # seconds: only a loop that never runs again waits this long


@dataclass
class Step:
    name: str
    on_loop: bool  # ran on the event loop's thread
    loop_served: bool  # the loop ran a callback while the step was running


@dataclass
class Steps:
    ran: list[Step] = field(default_factory=list)

    def names(self) -> set[str]:
        return {s.name for s in self.ran}

    def held_the_loop(self) -> list[Step]:
        return [s for s in self.ran if s.on_loop or not s.loop_served]


@contextlib.contextmanager
def watch_steps(
    monkeypatch: pytest.MonkeyPatch, targets: Iterable[tuple[Any, str]]
) -> Iterator[Steps]:
    """Wrap each ``getattr(owner, name)`` (a module's function or a class's method) so that
    every call records where it ran and whether the loop served while it ran."""
    loop = asyncio.get_running_loop()
    loop_thread = threading.get_ident()
    steps = Steps()

    def watched(name: str, work: Callable[..., Any]) -> Callable[..., Any]:
        def run(*args: Any, **kwargs: Any) -> Any:
            on_loop = threading.get_ident() == loop_thread
            served = threading.Event()
            if not on_loop:
                loop.call_soon_threadsafe(served.set)
                served.wait(DEADLOCK_GUARD)
            steps.ran.append(Step(name, on_loop, served.is_set()))
            return work(*args, **kwargs)

        return run

    for owner, name in targets:
        monkeypatch.setattr(owner, name, watched(name, getattr(owner, name)))
    yield steps


@contextlib.contextmanager
def watch_parsing(monkeypatch: pytest.MonkeyPatch) -> Iterator[Steps]:
    """The steps of a feed check that parse or analyse what was downloaded."""
    targets = [
        (index.feed_poller, "parse_feed"),  # the feed
        (index.fetch, "_decode_and_parse"),  # an article page
        (index.library, "process"),  # the article's analysis
    ]
    with watch_steps(monkeypatch, targets) as steps:
        yield steps
