"""Run the real bot with no Discord: a stand-in REST API on 127.0.0.1 and gateway events fed in.

discord.py is left whole. Its HTTP client (REST calls, rate limits, retries) and its
webhook adapter (interaction callbacks and follow-ups) both build URLs from
``discord.http.Route.BASE``; pointing that at :class:`FakeDiscord` sends every request
through real aiohttp to a local server that records it and answers like Discord does.
Gateway events go through ``ConnectionState.parsers``, the same entry the websocket
uses. This is what the tests and ``articlebot replay`` use.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import itertools
import json
import logging
import re
from collections.abc import AsyncIterator, Iterable, Iterator, Mapping
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from typing import Any

import discord
from aiohttp import web

from index.library import Library

from .config import Config
from .discord_bot import ArticleBot, ShardedArticleBot, create_bot

APP_ID = 700000000000000001
BOT_ID = 700000000000000002
OWNER_ID = 700000000000000003
API = "/api/v10"

BOT_USER = {
    "id": str(BOT_ID),
    "username": "articlebot",
    "discriminator": "0",
    "global_name": None,
    "avatar": None,
    "bot": True,
}


def _snowflakes() -> Iterable[int]:
    return itertools.count(900000000000000000)


@dataclass
class Fault:
    method: str
    path: re.Pattern[str]
    status: int
    body: Any
    headers: dict[str, str]
    times: int


@dataclass
class FakeDiscord:
    """Discord's REST API, impersonated: every request recorded and answered plausibly."""

    requests: list[dict[str, Any]] = field(default_factory=list)
    arrivals: list[float] = field(default_factory=list)  # loop.time() of each request
    faults: list[Fault] = field(default_factory=list)
    # Attachment downloads: path -> (bytes, content type), served on GET like Discord's CDN.
    files: dict[str, tuple[bytes, str]] = field(default_factory=dict)
    _ids: Iterator[int] = field(default_factory=lambda: iter(_snowflakes()))
    _runner: web.AppRunner | None = None
    base_url: str = ""

    def fail(
        self,
        method: str,
        path: str,
        status: int,
        body: Any = None,
        times: int = 1,
        headers: dict[str, str] | None = None,
    ) -> None:
        """Answer the next ``times`` requests matching ``method path`` (a regex) with an error."""
        self.faults.append(
            Fault(method, re.compile(path), status, body or {}, headers or {}, times)
        )

    def rate_limit(self, method: str, path: str, retry_after: float = 0.05) -> None:
        """One 429, shaped like Discord's, so discord.py's own rate-limit handling runs."""
        self.fail(
            method, path, 429,
            {"message": "You are being rate limited.", "retry_after": retry_after, "global": False},
            headers={"Via": "1.1 google", "X-RateLimit-Remaining": "0",
                     "X-RateLimit-Reset-After": str(retry_after), "X-RateLimit-Limit": "5",
                     "X-RateLimit-Bucket": "offline"},
        )  # fmt: skip

    async def start(self) -> str:
        app = web.Application(client_max_size=64 * 1024 * 1024)
        app.router.add_route("*", "/{tail:.*}", self._handle)
        self._runner = web.AppRunner(app, access_log=None)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
        self.base_url = f"http://127.0.0.1:{port}"
        return self.base_url

    async def stop(self) -> None:
        if self._runner is not None:
            await self._runner.cleanup()

    def next_id(self) -> str:
        return str(next(self._ids))

    def attach(self, name: str, data: bytes, content_type: str = "text/plain") -> dict[str, Any]:
        """Serve a file as an attachment; returns its payload for ``resolved.attachments``."""
        attachment_id = self.next_id()
        path = f"/attachments/{attachment_id}/{name}"
        self.files[path] = (data, content_type)
        return {
            "id": attachment_id, "filename": name, "size": len(data),
            "url": self.base_url + path, "proxy_url": self.base_url + path,
            "content_type": content_type,
        }  # fmt: skip

    async def _handle(self, request: web.Request) -> web.StreamResponse:
        if request.method == "GET" and request.path in self.files:
            data, ctype = self.files[request.path]
            self.requests.append({"method": "GET", "path": request.path, "json": None})
            return web.Response(body=data, headers={"Content-Type": ctype})
        path = request.path.removeprefix(API)
        body: Any = None
        files: list[str] = []
        if request.content_type == "application/json":
            body = await request.json()
        elif request.content_type.startswith("multipart/"):
            reader = await request.multipart()
            async for part in reader:
                if part.name == "payload_json":  # type: ignore[union-attr]
                    body = json.loads(await part.text())  # type: ignore[union-attr]
                else:
                    files.append(part.filename or part.name or "")  # type: ignore[union-attr]
                    await part.read()  # type: ignore[union-attr]
        record: dict[str, Any] = {"method": request.method, "path": path, "json": body}
        if request.query_string:
            record["query"] = request.query_string
        if files:
            record["files"] = files
        self.requests.append(record)
        self.arrivals.append(asyncio.get_running_loop().time())
        for fault in self.faults:
            if fault.times > 0 and fault.method == request.method and fault.path.search(path):
                fault.times -= 1
                return _json(fault.body, fault.status, fault.headers)
        status, payload = self._answer(request.method, path, body or {})
        if status == 204:
            return web.Response(status=204)
        return _json(payload, status)

    def _message(self, channel_id: str, body: dict[str, Any], **extra: Any) -> dict[str, Any]:
        return {
            "id": self.next_id(),
            "channel_id": channel_id,
            "author": BOT_USER,
            "content": body.get("content") or "",
            "embeds": body.get("embeds") or [],
            "components": body.get("components") or [],
            "attachments": [],
            "mentions": [],
            "mention_roles": [],
            "mention_everyone": False,
            "pinned": False,
            "tts": False,
            "type": 19 if body.get("message_reference") else 0,
            "flags": body.get("flags") or 0,
            "timestamp": dt.datetime.now(dt.UTC).isoformat(),
            "edited_timestamp": None,
            **extra,
        }

    def _answer(self, method: str, path: str, body: dict[str, Any]) -> tuple[int, Any]:
        parts = path.strip("/").split("/")
        if path == "/users/@me":
            return 200, BOT_USER
        if path == "/oauth2/applications/@me":
            return 200, {
                "id": str(APP_ID), "name": "articlebot", "icon": None, "description": "",
                "bot_public": True, "bot_require_code_grant": False, "verify_key": "0" * 64,
                "owner": {**BOT_USER, "id": str(OWNER_ID), "bot": False, "username": "owner"},
                "flags": 0, "team": None, "summary": "",
            }  # fmt: skip
        if parts[0] == "applications" and parts[-1] == "commands" and method == "PUT":
            return 200, [
                {**c, "id": self.next_id(), "application_id": str(APP_ID), "version": "1"}
                for c in body  # type: ignore[union-attr]
            ]
        if parts[0] == "channels" and parts[-1] == "typing":
            return 204, None
        if parts[0] == "channels" and parts[-1] == "messages" and method == "POST":
            return 200, self._message(parts[1], body)
        if parts[0] == "interactions" and parts[-1] == "callback":
            kind = body.get("type", 4)
            data = body.get("data") or {}
            message = self._message("0", data) if kind in (4, 5, 7) else None
            return 200, {
                "interaction": {
                    "id": parts[1], "type": 2, "activity_instance_id": None,
                    "response_message_id": message["id"] if message else None,
                    "response_message_loading": kind == 5,
                    "response_message_ephemeral": bool(data.get("flags", 0) & 64),
                },
                "resource": {"type": kind, "message": message} if message else {"type": kind},
            }  # fmt: skip
        if parts[0] == "webhooks" and method in {"POST", "PATCH", "GET"}:
            return 200, self._message("0", body, webhook_id=parts[1])
        if method == "DELETE":
            return 204, None
        return 200, {}


def _json(payload: Any, status: int, headers: dict[str, str] | None = None) -> web.Response:
    # discord.py parses a body as JSON only for exactly "application/json", as Discord sends.
    return web.Response(
        body=json.dumps(payload).encode(),
        status=status,
        headers={**(headers or {}), "Content-Type": "application/json"},
    )


# --- gateway events --------------------------------------------------------------------


def ready_event(guild_ids: Iterable[int]) -> dict[str, Any]:
    return {
        "v": 10,
        "user": BOT_USER,
        "guilds": [{"id": str(g), "unavailable": True} for g in guild_ids],
        "session_id": "offline",
        "resume_gateway_url": "wss://gateway.invalid",
        "application": {"id": str(APP_ID), "flags": 0},
        "shard": [0, 1],
    }


def guild_create_event(guild_id: int, channel_ids: Iterable[int] = ()) -> dict[str, Any]:
    gid = str(guild_id)
    return {
        "id": gid, "name": f"Server {guild_id}", "icon": None, "owner_id": str(OWNER_ID),
        "roles": [{"id": gid, "name": "@everyone", "permissions": "1024", "position": 0,
                   "color": 0, "hoist": False, "managed": False, "mentionable": False,
                   "flags": 0}],
        "channels": [{"id": str(c), "type": 0, "name": f"channel-{c}", "position": i,
                      "permission_overwrites": [], "guild_id": gid, "nsfw": False,
                      "parent_id": None, "topic": None, "last_message_id": None,
                      "rate_limit_per_user": 0}
                     for i, c in enumerate(channel_ids)],
        "members": [{"user": BOT_USER, "roles": [], "joined_at": "2024-01-01T00:00:00+00:00",
                     "deaf": False, "mute": False, "flags": 0}],
        "member_count": 2, "features": [], "emojis": [], "stickers": [], "threads": [],
        "voice_states": [], "presences": [], "stage_instances": [],
        "guild_scheduled_events": [], "soundboard_sounds": [], "large": False,
        "unavailable": False, "joined_at": "2024-01-01T00:00:00+00:00", "premium_tier": 0,
        "system_channel_flags": 0, "verification_level": 0,
        "default_message_notifications": 0, "explicit_content_filter": 0, "mfa_level": 0,
        "nsfw_level": 0, "preferred_locale": "en-US", "afk_timeout": 300,
    }  # fmt: skip


def user_payload(user_id: int, *, bot: bool = False) -> dict[str, Any]:
    return {"id": str(user_id), "username": f"user{user_id % 10000}", "discriminator": "0",
            "global_name": None, "avatar": None, "bot": bot}  # fmt: skip


def member_payload(user_id: int, permissions: int = 0) -> dict[str, Any]:
    return {
        "user": user_payload(user_id), "roles": [], "joined_at": "2024-01-01T00:00:00+00:00",
        "deaf": False, "mute": False, "flags": 0, "permissions": str(permissions),
    }  # fmt: skip


_ids = itertools.count(800000000000000000)


def message_event(
    content: str,
    *,
    channel_id: int,
    guild_id: int | None,
    author_id: int = 600000000000000001,
    bot: bool = False,
    mentions_bot: bool = False,
) -> dict[str, Any]:
    data: dict[str, Any] = {
        "id": str(next(_ids)), "channel_id": str(channel_id), "author": user_payload(author_id, bot=bot),
        "content": content, "timestamp": dt.datetime.now(dt.UTC).isoformat(),
        "edited_timestamp": None, "tts": False, "mention_everyone": False,
        "mentions": [BOT_USER] if mentions_bot else [], "mention_roles": [], "attachments": [],
        "embeds": [], "pinned": False, "type": 0, "flags": 0, "components": [],
    }  # fmt: skip
    if guild_id is not None:
        data["guild_id"] = str(guild_id)
        data["member"] = {k: v for k, v in member_payload(author_id).items() if k != "user"}
    return data


def interaction_event(
    data: dict[str, Any],
    *,
    kind: int,
    guild_id: int | None,
    channel_id: int,
    user_id: int = 600000000000000001,
    permissions: int = 0,
    message: dict[str, Any] | None = None,
) -> dict[str, Any]:
    event: dict[str, Any] = {
        "id": str(next(_ids)), "application_id": str(APP_ID), "type": kind, "data": data,
        "channel_id": str(channel_id), "channel": {"id": str(channel_id), "type": 0 if guild_id else 1},
        "token": f"token-{next(_ids)}", "version": 1, "locale": "en-US",
        "app_permissions": str(discord.Permissions.all().value), "entitlements": [],
        "authorizing_integration_owners": {"0": str(guild_id or 0)},
        "context": 0 if guild_id else 1, "attachment_size_limit": 10 * 1024 * 1024,
    }  # fmt: skip
    if guild_id is not None:
        event["guild_id"] = str(guild_id)
        event["member"] = member_payload(user_id, permissions)
        event["guild_locale"] = "en-US"
    else:
        event["user"] = user_payload(user_id)
    if message is not None:
        event["message"] = message
    return event


def slash_event(
    name: str,
    options: list[dict[str, Any]] | None = None,
    *,
    sub: str | None = None,
    resolved: dict[str, Any] | None = None,
    **kwargs: Any,
) -> dict[str, Any]:
    """INTERACTION_CREATE for ``/name [sub] option:value``."""
    opts = options or []
    if sub is not None:
        opts = [{"type": 1, "name": sub, "options": opts}]
    data: dict[str, Any] = {"id": str(next(_ids)), "name": name, "type": 1, "options": opts}
    if resolved:
        data["resolved"] = resolved
    return interaction_event(data, kind=2, **kwargs)


def button_event(
    custom_id: str, components: list[dict[str, Any]] | None = None, **kwargs: Any
) -> dict[str, Any]:
    """A click on a button of a bot message (whose components default to that one button)."""
    channel_id = kwargs["channel_id"]
    if components is None:
        button = {"type": 2, "style": 2, "label": "Show context", "custom_id": custom_id}
        components = [{"type": 1, "components": [button]}]
    message = {
        "id": str(next(_ids)), "channel_id": str(channel_id), "author": BOT_USER, "content": "",
        "embeds": [], "components": components, "attachments": [], "mentions": [],
        "mention_roles": [],
        "mention_everyone": False, "pinned": False, "tts": False, "type": 0, "flags": 0,
        "timestamp": dt.datetime.now(dt.UTC).isoformat(), "edited_timestamp": None,
    }  # fmt: skip
    data = {"custom_id": custom_id, "component_type": 2}
    return interaction_event(data, kind=3, message=message, **kwargs)


# --- the driver ------------------------------------------------------------------------


class _ErrorLog(logging.Handler):
    """Errors that discord.py only logs (listeners, command tree, views) become failures."""

    def __init__(self) -> None:
        super().__init__(logging.ERROR)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


class OfflineBot:
    def __init__(self, bot: ArticleBot | ShardedArticleBot, discord_api: FakeDiscord) -> None:
        self.bot = bot
        self.api = discord_api
        self.errors = _ErrorLog()
        self._known_guilds: set[int] = set()

    @property
    def requests(self) -> list[dict[str, Any]]:
        return self.api.requests

    async def feed(self, event: str, data: dict[str, Any], settle: bool = True) -> None:
        """Feed one gateway event, then wait for every task it spawned."""
        before = set(asyncio.all_tasks())
        self.bot._connection.parsers[event](data)
        if settle:
            await self.settle(before)

    async def settle(
        self, before: set[asyncio.Task[Any]] | None = None, timeout: float = 30
    ) -> None:
        before = before or set()
        current = asyncio.current_task()
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        while True:
            await asyncio.sleep(0)
            pending = [
                t for t in asyncio.all_tasks()
                if t is not current and t not in before and not t.done() and not _is_background(t)
            ]  # fmt: skip
            if not pending:
                break
            if loop.time() > deadline:
                raise TimeoutError(f"handlers still running: {pending}")
            await asyncio.wait(pending, timeout=0.05)

    async def add_guild(self, guild_id: int, channel_ids: Iterable[int] = ()) -> None:
        if guild_id not in self._known_guilds:
            self._known_guilds.add(guild_id)
            await self.feed("GUILD_CREATE", guild_create_event(guild_id, channel_ids))

    def raise_errors(self) -> None:
        if self.errors.records:
            record = self.errors.records[0]
            raise AssertionError(f"discord.py logged an error: {record.getMessage()}") from (
                record.exc_info[1] if record.exc_info else None
            )


def _is_background(task: asyncio.Task[Any]) -> bool:
    """Tasks that live on by design: the fake API's connection handlers, view timers, the
    loop-stall watcher (bot/loopwatch.py)."""
    name = getattr(task.get_coro(), "__qualname__", "")
    return name.startswith(("RequestHandler", "Server", "BaseRequestHandler", "LoopWatch")) or (
        "timeout_task_impl" in name
    )


@asynccontextmanager
async def offline_bot(
    config: Config,
    library: Library | None = None,
    guilds: Mapping[int, Iterable[int]] | None = None,
    ready: bool = True,
) -> AsyncIterator[OfflineBot]:
    """A logged-in bot talking to a FakeDiscord; READY and a GUILD_CREATE for each of
    ``guilds`` (guild id → its text channel ids) already fed unless ``ready`` is false."""
    api = FakeDiscord()
    base = await api.start()
    old_base = discord.http.Route.BASE
    discord.http.Route.BASE = base + API
    bot = create_bot(config, library, guild_ready_timeout=0.01)
    harness = OfflineBot(bot, api)
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
        discord.http.Route.BASE = old_base
        await api.stop()
