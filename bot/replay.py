"""``articlebot replay``: drive the real bot offline with captured gateway events.

Each input line is ``{"t": "EVENT_NAME", "d": {...}}`` as the gateway sends it. READY and
GUILD_CREATE are synthesized from the guild and channel ids the events mention when the
file has none. Every request the bot makes to Discord is yielded, in order. The work is
the offline harness's (``bot.harness``); this is the command on top of it.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Sequence
from typing import Any

from index.errors import ArticlebotError
from index.jsonl import read_objects
from index.library import Library

from .config import Config
from .harness import guild_create_event, offline_bot, ready_event


class ReplayError(ArticlebotError):
    """An events file the harness cannot replay; ``str()`` names the line or event."""


def parse_events(lines: Sequence[str]) -> list[tuple[str, dict[str, Any]]]:
    def valid(o: dict[str, Any]) -> bool:
        return isinstance(o.get("t"), str) and isinstance(o.get("d"), dict)

    try:
        objects = list(read_objects(lines, valid, '{"t": "EVENT", "d": {...}}'))
    except ValueError as exc:
        raise ReplayError(str(exc)) from None
    return [(item["t"], item["d"]) for _, item in objects]


async def replay(
    lines: Sequence[str], config: Config, library: Library
) -> AsyncIterator[dict[str, Any]]:
    events = parse_events(lines)
    names = {t for t, _ in events}
    guilds: dict[int, set[int]] = {}
    for _, d in events:
        if d.get("guild_id"):
            guilds.setdefault(int(d["guild_id"]), set())
            if d.get("channel_id"):
                guilds[int(d["guild_id"])].add(int(d["channel_id"]))
    async with offline_bot(config, library, ready=False) as harness:
        if "READY" not in names:
            await harness.feed("READY", ready_event(guilds))
        if "GUILD_CREATE" not in names:
            for guild_id, channels in guilds.items():
                await harness.feed("GUILD_CREATE", guild_create_event(guild_id, sorted(channels)))
        sent = len(harness.requests)
        for n, (t, d) in enumerate(events, start=1):
            if not harness.knows(t):
                raise ReplayError(f"event {n}: unknown gateway event {t!r}")
            try:
                await harness.feed(t, d)
            except (KeyError, TypeError, ValueError) as exc:
                raise ReplayError(
                    f"event {n} ({t}): discord.py could not read it "
                    f"({exc.__class__.__name__}: {exc}); is a field missing?"
                ) from None
            for request in harness.requests[sent:]:
                yield request
            sent = len(harness.requests)
