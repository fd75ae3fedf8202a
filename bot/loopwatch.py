"""How long the event loop went without running anything else: the measure behind "no
member can stall every server".

Every Discord event, every reply and every heartbeat of every server runs on one asyncio
loop, so the bot's latency for everyone is bounded below by the longest stretch in which
the loop could not run a ready callback. :class:`LoopWatch` measures exactly that from the
inside: a task sleeps a short interval again and again, and whenever it wakes later than
asked, the loop was held (by a callback, or by another thread keeping the GIL) for the
difference. It needs no debug mode, so it measures the bot as it runs in production, and
it sees stalls whatever causes them, which ``loop.slow_callback_duration`` (one callback
at a time, debug mode only) does not.

Used by the tests (``tests/test_event_loop.py``) and for measuring scenarios by hand::

    async with LoopWatch() as watch:
        ...  # the work to observe
    print(watch.longest)
"""

from __future__ import annotations

import asyncio
import contextlib
import time
from types import TracebackType


class LoopWatch:
    """The longest the running loop was held while the ``async with`` block ran."""

    def __init__(self, interval: float = 0.005) -> None:
        self.interval = interval
        self.longest = 0.0  # seconds: the worst lateness of one wake-up
        self.ticks = 0  # wake-ups seen: with none, nothing was measured
        self.total_late = 0.0  # summed lateness (how much the loop was held overall)
        self._task: asyncio.Task[None] | None = None

    async def _watch(self) -> None:
        while True:
            asked = time.perf_counter()
            await asyncio.sleep(self.interval)
            late = max(0.0, time.perf_counter() - asked - self.interval)
            self.ticks += 1
            self.total_late += late
            self.longest = max(self.longest, late)

    async def __aenter__(self) -> LoopWatch:
        self._task = asyncio.create_task(self._watch(), name="articlebot-loopwatch")
        await asyncio.sleep(0)  # the watcher has started timing before the work begins
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        # One more wake-up, so a stall at the very end of the block is counted too.
        await asyncio.sleep(self.interval * 2)
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
            self._task = None

    def __str__(self) -> str:
        return f"longest loop stall {self.longest * 1000:.1f} ms over {self.ticks} wake-ups"
