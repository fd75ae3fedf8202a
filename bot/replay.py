"""``articlebot replay``: drive the real bot offline with gateway events, in virtual time.

Input: one JSON object a line (blank lines skipped)::

    {"t": "EVENT_NAME", "d": {...}, "at": 12.5}

``t`` is a gateway event name and ``d`` its payload, as Discord sends them; ``at`` (optional)
is when it happens: seconds after the replay's start, or an ISO 8601 time. Without ``at``,
a message's own ``timestamp`` (``edited_timestamp`` for an edit) is its time, and any other
event happens when the one before it did. The replay starts at the earliest absolute time
in the file (else now), and time never runs backwards: an event dated before the one
before it happens at once. The bot's rate limits read this virtual clock, so a question
over the limit waits (⏳) exactly as long as it would in real time, without sleeping;
after the last event, time runs on until no question is waiting.

The fields each event needs; every other field gets a sensible default (ids, tokens,
names, times, the member and user objects, the empty lists), and any field given is kept:

  MESSAGE_CREATE       content, channel_id; guild_id (without it: a DM); author.id (default
                       600000000000000001); a mention of the bot (<@700000000000000002>) in
                       content fills mentions
  MESSAGE_UPDATE       id (of the edited message), content; channel_id, guild_id and author
                       default to those of the MESSAGE_CREATE with that id earlier in the file
  INTERACTION_CREATE   data.name and data.options (a slash command: /ask is
                       [{"type": 3, "name": "question", "value": "..."}]) or data.custom_id (a
                       button); channel_id; guild_id (without it: a DM); member.user.id (or
                       user.id in a DM); member.permissions (default none)
  THREAD_CREATE        id, parent_id, guild_id
  READY, GUILD_CREATE  synthesized when the file has none: one server for each guild_id
                       mentioned, with a text channel for each channel_id (and thread parent)

Other events are fed as given. Output: every request the bot makes to Discord, one JSON
object a line: ``{"event", "at", "method", "path", "json"}``, where ``event`` is the
number of the input event that caused it (its line among the events, from 1; a question
that waited keeps its own event's number) and ``at`` the virtual seconds since the start.
The work is the offline harness's (``bot.harness``); this is the command on top of it.
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import AsyncIterator, Sequence
from dataclasses import dataclass
from typing import Any

from index.errors import ArticlebotError
from index.jsonl import read_objects
from index.library import Library

from .config import Config

DEFAULT_AUTHOR = 600000000000000001


class ReplayError(ArticlebotError):
    """An events file the harness cannot replay; ``str()`` names the line or event."""


@dataclass
class Event:
    number: int  # 1, 2, ... in the file's order
    name: str
    data: dict[str, Any]
    at: float | str | None  # as given: seconds after the start, or an ISO time


def parse_events(lines: Sequence[str]) -> list[Event]:
    def valid(o: dict[str, Any]) -> bool:
        at = o.get("at")
        return (
            isinstance(o.get("t"), str)
            and isinstance(o.get("d"), dict)
            and (at is None or isinstance(at, str) or _is_number(at))
        )

    expected = '{"t": "EVENT", "d": {...}} (and "at": seconds or an ISO time, if any)'
    try:
        objects = list(read_objects(lines, valid, expected))
    except ValueError as exc:
        raise ReplayError(str(exc)) from None
    return [Event(n, o["t"], o["d"], o.get("at")) for n, (_, o) in enumerate(objects, start=1)]


async def replay(
    lines: Sequence[str], config: Config, library: Library
) -> AsyncIterator[dict[str, Any]]:
    from .harness import VirtualClock, guild_create_event, offline_bot, ready_event

    events = parse_events(lines)
    start, times = _times(events)
    clock = VirtualClock(start)
    names = {e.name for e in events}
    async with offline_bot(config, library, ready=False, clock=clock) as harness:
        if "READY" not in names:
            await harness.feed("READY", ready_event(_guilds(events)))
        if "GUILD_CREATE" not in names:
            for guild_id, channels in _guilds(events).items():
                await harness.feed("GUILD_CREATE", guild_create_event(guild_id, sorted(channels)))
        sent = len(harness.requests)
        messages: dict[str, dict[str, Any]] = {}  # MESSAGE_CREATE payloads, by id
        for event, when in zip(events, times, strict=True):
            if when is not None:
                while await harness.step(when):  # what waited until now, in order
                    for request in harness.requests[sent:]:
                        yield _printed(request, clock.now() - start)
                    sent = len(harness.requests)
            if not harness.knows(event.name):
                raise ReplayError(f"event {event.number}: unknown gateway event {event.name!r}")
            data = complete(event, clock.now(), messages)
            try:
                await harness.feed(event.name, data, cause=event.number)
            except (KeyError, TypeError, ValueError) as exc:
                raise ReplayError(
                    f"event {event.number} ({event.name}): discord.py could not read it "
                    f"({exc.__class__.__name__}: {exc}); is a field missing?"
                ) from None
            for request in harness.requests[sent:]:
                yield _printed(request, clock.now() - start)
            sent = len(harness.requests)
        while (deadline := clock.next_deadline()) is not None:
            await harness.step(deadline)
            for request in harness.requests[sent:]:
                yield _printed(request, clock.now() - start)
            sent = len(harness.requests)


def _printed(request: dict[str, Any], at: float) -> dict[str, Any]:
    return {"event": request.get("event"), "at": round(at, 3),
            **{k: v for k, v in request.items() if k != "event"}}  # fmt: skip


# --- when each event happens ---------------------------------------------------------


def _times(events: list[Event]) -> tuple[float, list[float | None]]:
    """The start, and each event's time in seconds since the epoch (None: when the one
    before it was). The start is the earliest absolute time (else now); relative ``at``
    values count from it."""
    absolute = [_absolute(e) for e in events]
    start = min((t for t in absolute if t is not None), default=time.time())
    out: list[float | None] = []
    for event, when in zip(events, absolute, strict=True):
        if _is_number(event.at):
            out.append(start + float(event.at))  # type: ignore[arg-type]
        else:
            out.append(when)
    return start, out


def _absolute(event: Event) -> float | None:
    if isinstance(event.at, str):
        return _parse_time(event.at, event, "at")
    if event.at is not None:
        return None
    for key in ("edited_timestamp", "timestamp"):
        value = event.data.get(key) if event.name.startswith("MESSAGE_") else None
        if isinstance(value, str):
            return _parse_time(value, event, f"d.{key}")
    return None


def _parse_time(text: str, event: Event, field: str) -> float:
    try:
        when = dt.datetime.fromisoformat(text)
    except ValueError:
        raise ReplayError(
            f"event {event.number} ({event.name}): {field} is not an ISO 8601 time: {text!r}"
        ) from None
    if when.tzinfo is None:
        when = when.replace(tzinfo=dt.UTC)
    return when.timestamp()


def _is_number(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool) and value >= 0


# --- the payloads, completed ---------------------------------------------------------


def complete(event: Event, now: float, messages: dict[str, dict[str, Any]]) -> dict[str, Any]:
    """The event's payload with the fields it leaves out filled in (module docstring)."""
    d = event.data
    if event.name == "MESSAGE_CREATE":
        data = _merge(_message(event, d, now), d)
        messages[str(data["id"])] = data
        return data
    if event.name == "MESSAGE_UPDATE":
        _need(event, d, "id", "content")
        earlier = messages.get(str(d["id"]), {})
        data = _merge(_message(event, {**earlier, **d}, now), {**earlier, **d})
        if data.get("edited_timestamp") is None:
            data["edited_timestamp"] = _iso(now)
        return data
    if event.name == "INTERACTION_CREATE":
        return _merge(_interaction(event, d), d)
    if event.name == "THREAD_CREATE":
        from .harness import thread_create_event

        _need(event, d, "id", "parent_id", "guild_id")
        base = thread_create_event(int(d["id"]), parent_id=int(d["parent_id"]),
                                   guild_id=int(d["guild_id"]))  # fmt: skip
        return _merge(base, d)
    return d


def _message(event: Event, d: dict[str, Any], now: float) -> dict[str, Any]:
    from .harness import BOT_ID, BOT_USER, message_event

    _need(event, d, "content", "channel_id")
    if not isinstance(d["content"], str):
        raise ReplayError(f"event {event.number} ({event.name}): d.content must be a string")
    author = _object(d, "author")
    base = message_event(
        d["content"],
        channel_id=_id(event, d, "channel_id"),
        guild_id=_id(event, d, "guild_id") if d.get("guild_id") is not None else None,
        author_id=_id(event, author, "id") if author.get("id") is not None else DEFAULT_AUTHOR,
        mentions_bot=f"<@{BOT_ID}>" in d["content"] or f"<@!{BOT_ID}>" in d["content"],
    )
    base["timestamp"] = _iso(now)
    if base["mentions"]:
        base["mentions"] = [BOT_USER]
    return base


def _interaction(event: Event, d: dict[str, Any]) -> dict[str, Any]:
    from .harness import bot_message, interaction_event, snowflake

    _need(event, d, "data", "channel_id")
    data = d["data"]
    if not isinstance(data, dict) or not ("name" in data or "custom_id" in data):
        raise ReplayError(
            f"event {event.number} (INTERACTION_CREATE): d.data needs a name (a slash "
            "command) or a custom_id (a button)"
        )
    member = _object(d, "member")
    user = _object(member, "user") or _object(d, "user")
    user_id = _id(event, user, "id") if user.get("id") is not None else DEFAULT_AUTHOR
    guild_id = _id(event, d, "guild_id") if d.get("guild_id") is not None else None
    channel_id = _id(event, d, "channel_id")
    permissions = str(member.get("permissions") or "0")
    if not permissions.isdigit():
        raise ReplayError(f"event {event.number} ({event.name}): member.permissions must be "
                          f"a number (as a string), got {permissions!r}")  # fmt: skip
    if "custom_id" in data:
        full = {"component_type": 2, **data}
        button = {"type": 2, "style": 2, "label": "Show context", "custom_id": data["custom_id"]}
        row = {"type": 1, "components": [button]}
        message = bot_message(str(channel_id), {"components": [row]})
        return interaction_event(full, kind=3, guild_id=guild_id, channel_id=channel_id,
                                 user_id=user_id, permissions=int(permissions),
                                 message=message)  # fmt: skip
    full = {"id": snowflake(), "type": 1, "options": [], **data}
    return interaction_event(full, kind=2, guild_id=guild_id, channel_id=channel_id,
                             user_id=user_id, permissions=int(permissions))  # fmt: skip


def _guilds(events: list[Event]) -> dict[int, set[int]]:
    """Guild id -> its text channels, from the ids the events mention (threads are
    created by their THREAD_CREATE, under their parent)."""
    threads = {str(e.data.get("id")) for e in events if e.name == "THREAD_CREATE"}
    guilds: dict[int, set[int]] = {}
    for event in events:
        d = event.data
        if not d.get("guild_id"):
            continue
        channels = guilds.setdefault(_id(event, d, "guild_id"), set())
        for key in ("channel_id", "parent_id"):
            if d.get(key) and str(d[key]) not in threads:
                channels.add(_id(event, d, key))
    return guilds


def _need(event: Event, d: dict[str, Any], *fields: str) -> None:
    missing = [f"d.{f}" for f in fields if d.get(f) is None]
    if missing:
        raise ReplayError(
            f"event {event.number} ({event.name}): needs {', '.join(missing)} "
            "(articlebot replay --help lists the fields)"
        )


def _id(event: Event, d: dict[str, Any], key: str) -> int:
    value = d.get(key)
    try:
        number = int(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        number = 0
    if not 0 < number < 2**64 or isinstance(value, bool):
        raise ReplayError(f"event {event.number} ({event.name}): {key} is not a Discord id: "
                          f"{value!r}")  # fmt: skip
    return number


def _object(d: dict[str, Any], key: str) -> dict[str, Any]:
    value = d.get(key)
    return value if isinstance(value, dict) else {}


def _merge(base: dict[str, Any], given: dict[str, Any]) -> dict[str, Any]:
    """``base`` with ``given`` laid over it, object by object."""
    out = dict(base)
    for key, value in given.items():
        if isinstance(value, dict) and isinstance(out.get(key), dict):
            out[key] = _merge(out[key], value)
        else:
            out[key] = value
    return out


def _iso(when: float) -> str:
    return dt.datetime.fromtimestamp(when, dt.UTC).isoformat()
