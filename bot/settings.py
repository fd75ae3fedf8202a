"""The settings the bot answers with in each server: cached, refreshed on change.

Every question reads its server's settings, so they are kept in memory; a change made
with ``/settings`` in this process replaces its server's entry at once. Another process
on the same database (docs/scaling.md) sees a change once the entry is ``MAX_AGE``
seconds old.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping, Sequence

from index.server_settings import Effective, Overrides, Settings, SettingsStore, resolve
from index.stores import AnyStore

from .config import Config

MAX_AGE = 60.0  # seconds an entry is trusted without reading the database again


def defaults_from(config: Config) -> Settings:
    """The config file's values: what a server gets until its admins choose otherwise.

    The rate limit's default is the config's member budget (``member_questions`` per
    ``member_seconds``, or the older ``cooldown_seconds``), 0 questions: no limit.
    """
    limits = config.limits()
    return Settings(
        answer_channels=frozenset(config.answer_channels),
        answer_on_mention=config.answer_on_mention,
        member_questions=limits.member_questions,
        member_seconds=max(1.0, limits.member_seconds),
        quotes_per_answer=config.top_k,
        ping_asker=config.ping_asker,
    )


class ServerSettings:
    """Read and change servers' settings; reads are served from memory."""

    def __init__(
        self, store: AnyStore, config: Config, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self.stored = SettingsStore(store)
        self.defaults = defaults_from(config)
        self._clock = clock
        self._cache: dict[int, tuple[float, Effective]] = {}

    async def effective(self, guild_id: int | None) -> Effective:
        """A server's settings and their sources (direct messages: the defaults)."""
        if guild_id is None:
            return resolve(self.defaults, Overrides())
        now = self._clock()
        cached = self._cache.get(guild_id)
        if cached is not None and now - cached[0] < MAX_AGE:
            return cached[1]
        effective = resolve(self.defaults, await self.stored.overrides(guild_id))
        self._cache[guild_id] = (now, effective)
        return effective

    async def settings_for(self, guild_id: int | None) -> Settings:
        return (await self.effective(guild_id)).settings

    def cached(self, guild_id: int | None) -> Settings:
        """A server's settings as last read, without waiting: for code that cannot await
        (a rate limit's bucket key). The defaults until :meth:`settings_for` has read the
        server's, which every question does first."""
        entry = self._cache.get(guild_id) if guild_id is not None else None
        return entry[1].settings if entry is not None else self.defaults

    async def set(self, guild_id: int, values: Mapping[str, int | bool]) -> None:
        try:
            await self.stored.set(guild_id, values)
        finally:
            self._cache.pop(guild_id, None)

    async def set_channel(self, guild_id: int, channel_id: int, answer: bool) -> None:
        try:
            await self.stored.set_channel(guild_id, channel_id, answer)
        finally:
            self._cache.pop(guild_id, None)

    async def reset(self, guild_id: int, names: Sequence[str] | None = None) -> None:
        try:
            await self.stored.reset(guild_id, names)
        finally:
            self._cache.pop(guild_id, None)
