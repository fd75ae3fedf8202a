"""A real bot wired to a :class:`FakeDiscord`: logged in through discord.py's own REST
client, fed gateway events through the entry its websocket uses."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator, Iterable, Mapping
from contextlib import asynccontextmanager
from contextvars import ContextVar
from types import SimpleNamespace
from typing import Any

import aiohttp

from index.library import Library

from ..config import Config
from ..discord_bot import ArticleBot, create_bot
from .api import API, EVENT_HEADER, FakeDiscord
from .clock import VirtualClock
from .gateway import guild_create_event, ready_event
from .internals import gateway_parsers, rest_api_at

# The index of the event being fed: the tasks discord.py spawns for it copy it (asyncio
# copies the context into every new task), so a request made even much later, by a
# question that waited its turn, still says which event caused it.
CAUSE: ContextVar[int | None] = ContextVar("articlebot_replay_event", default=None)


async def _tag_request(
    session: aiohttp.ClientSession,
    context: SimpleNamespace,
    params: aiohttp.TraceRequestStartParams,
) -> None:
    """aiohttp calls this in the task making the request, before the headers are sent."""
    cause = CAUSE.get()
    if cause is not None:
        params.headers[EVENT_HEADER] = str(cause)


def _event_tracing() -> aiohttp.TraceConfig:
    trace = aiohttp.TraceConfig()
    trace.on_request_start.append(_tag_request)
    return trace


@asynccontextmanager
async def fake_discord() -> AsyncIterator[FakeDiscord]:
    """A FakeDiscord serving on 127.0.0.1, with discord.py's REST client and webhook
    adapter pointed at it until the block ends (then pointed back)."""
    api = FakeDiscord()
    await api.start()
    try:
        with rest_api_at(api.base_url + API):
            yield api
    finally:
        await api.stop()


class ErrorLog(logging.Handler):
    """Errors that discord.py only logs (listeners, command tree, views), kept."""

    def __init__(self) -> None:
        super().__init__(logging.ERROR)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


class OfflineBot:
    """One bot and the FakeDiscord it talks to; every request it made is in ``requests``."""

    def __init__(self, bot: ArticleBot, discord_api: FakeDiscord, clock: VirtualClock) -> None:
        self.bot = bot
        self.api = discord_api
        self.clock = clock
        self.errors = ErrorLog()
        self._known_guilds: set[int] = set()

    @property
    def requests(self) -> list[dict[str, Any]]:
        return self.api.requests

    def knows(self, event: str) -> bool:
        """Does discord.py handle gateway events called ``event``?"""
        return event in gateway_parsers(self.bot)

    async def feed(
        self, event: str, data: dict[str, Any], settle: bool = True, cause: int | None = None
    ) -> None:
        """Feed one gateway event, then wait for every task it spawned (bar those waiting
        on the clock). ``cause`` tags the requests it leads to (``"event"`` in each)."""
        # Listing every task costs as much as the tasks alive: a flood of events fed
        # without settling (each adding tasks) must not list them once an event.
        before = set(asyncio.all_tasks()) if settle else set()
        token = CAUSE.set(cause)
        try:
            gateway_parsers(self.bot)[event](data)
        finally:
            CAUSE.reset(token)
        if settle:
            await self.settle(before)

    async def advance(self, seconds: float) -> None:
        """Let ``seconds`` of virtual time pass: everything due in them runs, in order."""
        await self.advance_to(self.clock.now() + seconds)

    async def advance_to(self, when: float) -> None:
        """Move the clock to ``when`` (seconds since the epoch), one due wake-up at a
        time, settling what each wake-up sets off before the next."""
        while await self.step(when):
            pass

    async def step(self, until: float) -> bool:
        """Wake what is due first, not after ``until``, and settle what it sets off.
        False when nothing is due: then the clock is at ``until``."""
        if not self.clock.wake_next(until):
            return False
        await self.settle()
        return True

    async def settle(
        self, before: set[asyncio.Task[Any]] | None = None, timeout: float = 30
    ) -> None:
        """Wait until every task started since ``before`` (bar background ones) is done."""
        before = before or set()
        current = asyncio.current_task()
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        background: dict[asyncio.Task[Any], bool] = {}  # judged once a task: by its
        # coroutine and the name it was created with, neither of which changes

        def waited_for(t: asyncio.Task[Any]) -> bool:
            if t not in background:
                background[t] = _is_background(t)
            return not background[t]

        while True:
            await asyncio.sleep(0)
            asleep = self.clock.sleeping()
            pending = [
                t for t in asyncio.all_tasks()
                if t is not current and t not in before and not t.done() and t not in asleep
                and waited_for(t)
            ]  # fmt: skip
            if not pending:
                break
            if loop.time() > deadline:
                raise TimeoutError(f"handlers still running: {pending}")
            # Looked at again when they are all done, and meanwhile now and then for the
            # tasks they started and those gone to sleep on the clock. Each look costs as
            # much as the tasks alive: with many pending, a look every 0.05 s would cost
            # more than their work.
            await asyncio.wait(pending, timeout=min(1.0, 0.05 * max(1.0, len(pending) / 50)))

    async def add_guild(self, guild_id: int, channel_ids: Iterable[int] = ()) -> None:
        if guild_id not in self._known_guilds:
            self._known_guilds.add(guild_id)
            await self.feed("GUILD_CREATE", guild_create_event(guild_id, channel_ids))


def _is_background(task: asyncio.Task[Any]) -> bool:
    """Tasks that live on by design: the fake API's connection handlers, view timers, the
    loop-stall watcher (bot/loopwatch.py), the library's follower of other processes'
    changes, the periodic health line (discord.ext.tasks loops), and discord.py's deletions
    after a delay (``delete_after=``), which sleep in real time."""
    if task.get_name() == "articlebot-library-follower":
        return True
    name = getattr(task.get_coro(), "__qualname__", "")
    return name.startswith(
        ("RequestHandler", "Server", "BaseRequestHandler", "LoopWatch", "Loop._loop")
    ) or ("timeout_task_impl" in name or name.endswith(".delete.<locals>.delete"))


@asynccontextmanager
async def offline_bot(
    config: Config,
    library: Library | None = None,
    guilds: Mapping[int, Iterable[int]] | None = None,
    ready: bool = True,
    clock: VirtualClock | None = None,
) -> AsyncIterator[OfflineBot]:
    """A logged-in bot talking to a FakeDiscord; READY and a GUILD_CREATE for each of
    ``guilds`` (guild id → its text channel ids) already fed unless ``ready`` is false.
    Its rate limits read a virtual clock (``harness.clock``), which moves only when told."""
    clock = clock or VirtualClock()
    async with fake_discord() as api:
        bot = create_bot(
            config, library, guild_ready_timeout=0.01, clock=clock, http_trace=_event_tracing()
        )
        harness = OfflineBot(bot, api, clock)
        loggers = [logging.getLogger("discord"), logging.getLogger("articlebot")]
        for lg in loggers:
            lg.addHandler(harness.errors)
        try:
            await bot.login("offline-token")
            if ready:
                await harness.feed("READY", ready_event(list(guilds or {})))
                for guild_id, channels in (guilds or {}).items():
                    await harness.add_guild(guild_id, channels)
            yield harness
        finally:
            for lg in loggers:
                lg.removeHandler(harness.errors)
            await bot.close()
