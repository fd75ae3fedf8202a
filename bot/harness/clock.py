"""A virtual clock for the bot's rate limits (``bot.clock.Clock``): time moves only when
the harness moves it, so a test or a replay sees a 30-second wait pass at once, and in
the order real time would give."""

from __future__ import annotations

import asyncio
import itertools
import time
from dataclasses import dataclass, field


@dataclass(order=True)
class _Sleeper:
    deadline: float
    seq: int  # first come, first woken among equal deadlines
    future: asyncio.Future[None] = field(compare=False)
    task: asyncio.Task[object] | None = field(compare=False)


class VirtualClock:
    """``now()`` is what :meth:`advance_to` last set; ``sleep`` returns when it reaches the
    sleeper's deadline. It starts at the wall-clock time (never 0)."""

    def __init__(self, start: float | None = None) -> None:
        self._now = time.time() if start is None else start
        self._sleepers: list[_Sleeper] = []
        self._seq = itertools.count()

    def now(self) -> float:
        return self._now

    async def sleep(self, seconds: float) -> None:
        future = asyncio.get_running_loop().create_future()
        sleeper = _Sleeper(self._now + max(seconds, 0.0), next(self._seq), future,
                           asyncio.current_task())  # fmt: skip
        self._sleepers.append(sleeper)
        try:
            await future
        finally:
            if sleeper in self._sleepers:
                self._sleepers.remove(sleeper)

    def sleeping(self) -> set[asyncio.Task[object]]:
        """The tasks asleep on this clock: idle until it moves, not busy."""
        return {s.task for s in self._sleepers if s.task is not None and not s.future.done()}

    def next_deadline(self) -> float | None:
        pending = [s.deadline for s in self._sleepers if not s.future.done()]
        return min(pending) if pending else None

    def wake_next(self, until: float) -> bool:
        """Move to the earliest deadline not after ``until`` and wake its sleepers (in the
        order they fell asleep). False when none is due: then the clock is at ``until``."""
        deadline = self.next_deadline()
        if deadline is None or deadline > until:
            self._now = max(self._now, until)
            return False
        self._now = max(self._now, deadline)
        for sleeper in sorted(self._sleepers):
            if sleeper.deadline <= deadline and not sleeper.future.done():
                sleeper.future.set_result(None)
        return True
