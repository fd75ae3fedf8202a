"""Per-user and per-channel cooldowns, so one person's flood never starves the others."""

from __future__ import annotations

import time
from collections.abc import Callable


class Cooldowns:
    def __init__(
        self,
        user_seconds: float,
        channel_seconds: float,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.user_seconds = user_seconds
        self.channel_seconds = channel_seconds
        self._clock = clock
        self._users: dict[int, float] = {}
        self._channels: dict[int, float] = {}
        self._warned: dict[int, float] = {}

    def retry_after(self, user_id: int, channel_id: int | None) -> float:
        """0 when the question may go ahead (and the cooldowns start), else seconds to wait."""
        now = self._clock()
        wait = max(
            self._users.get(user_id, 0.0) - now,
            self._channels.get(channel_id, 0.0) - now if channel_id is not None else 0.0,
        )
        if wait > 0:
            return wait
        self._users[user_id] = now + self.user_seconds
        if channel_id is not None:
            self._channels[channel_id] = now + self.channel_seconds
        if len(self._users) > 10_000:  # forget expired entries now and then
            self._users = {k: v for k, v in self._users.items() if v > now}
            self._channels = {k: v for k, v in self._channels.items() if v > now}
            self._warned = {k: v for k, v in self._warned.items() if v > now}
        return 0.0

    def should_warn(self, user_id: int) -> bool:
        """Say "slow down" once per cooldown window, not once per flooded message."""
        now = self._clock()
        if self._warned.get(user_id, 0.0) > now:
            return False
        self._warned[user_id] = now + max(self.user_seconds, 1.0)
        return True
