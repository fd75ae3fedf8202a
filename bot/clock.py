"""The time the rate limits read, and how they wait: the wall clock when the bot runs,
a virtual clock in the offline harness (``bot.harness.clock``), so that a replay or a
test sees the limits behave as in real time without sleeping."""

from __future__ import annotations

import asyncio
import time
from typing import Protocol


class Clock(Protocol):
    def now(self) -> float:
        """Seconds since the epoch (never 0: discord.py's Cooldown reads 0 as "unset")."""
        ...

    async def sleep(self, seconds: float) -> None: ...


class WallClock:
    """Real time."""

    def now(self) -> float:
        return time.time()

    async def sleep(self, seconds: float) -> None:
        await asyncio.sleep(seconds)
