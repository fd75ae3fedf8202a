"""Discord's REST API, impersonated on 127.0.0.1: every request recorded and answered the
way Discord answers it, so discord.py's own HTTP, rate-limit, retry and webhook code runs
unchanged against it."""

from __future__ import annotations

import asyncio
import json
import re
from dataclasses import dataclass, field
from typing import Any

from aiohttp import BodyPartReader, web

from .gateway import APP_ID, BOT_USER, OWNER_ID, _now, bot_message, snowflake

API = "/api/v10"
# The replay's tag on a request: the index of the event that caused it (session.CAUSE).
EVENT_HEADER = "X-Articlebot-Event"


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
    """The stand-in REST API. :func:`bot.harness.fake_discord` starts it and points
    discord.py at it."""

    requests: list[dict[str, Any]] = field(default_factory=list)
    # What it answered each request with (a JSON object), e.g. the ids of sent messages.
    responses: list[dict[str, Any]] = field(default_factory=list)
    arrivals: list[float] = field(default_factory=list)  # loop.time() of each request
    faults: list[Fault] = field(default_factory=list)
    # Attachment downloads: path -> (bytes, content type), served on GET like Discord's CDN.
    files: dict[str, tuple[bytes, str]] = field(default_factory=dict)
    base_url: str = ""
    _runner: web.AppRunner | None = None

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
        """Serve on a free port of 127.0.0.1; the base URL (also kept as ``base_url``)."""
        app = web.Application(client_max_size=64 * 1024 * 1024)
        app.router.add_route("*", "/{tail:.*}", self._handle)
        self._runner = web.AppRunner(app, access_log=None)
        await self._runner.setup()
        await web.TCPSite(self._runner, "127.0.0.1", 0).start()
        host, port = self._runner.addresses[0][:2]
        self.base_url = f"http://{host}:{port}"
        return self.base_url

    async def stop(self) -> None:
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    def attach(self, name: str, data: bytes, content_type: str = "text/plain") -> dict[str, Any]:
        """Serve a file as an attachment; returns its payload for ``resolved.attachments``."""
        attachment_id = snowflake()
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
            async for part in await request.multipart():
                if not isinstance(part, BodyPartReader):  # discord.py never nests multiparts
                    continue
                if part.name == "payload_json":
                    body = json.loads(await part.text())
                else:
                    files.append(part.filename or part.name or "")
                    await part.read()
        record: dict[str, Any] = {"method": request.method, "path": path, "json": body}
        if request.query_string:
            record["query"] = request.query_string
        if files:
            record["files"] = files
        if EVENT_HEADER in request.headers:
            record["event"] = int(request.headers[EVENT_HEADER])
        self.requests.append(record)
        self.arrivals.append(asyncio.get_running_loop().time())
        for fault in self.faults:
            if fault.times > 0 and fault.method == request.method and fault.path.search(path):
                fault.times -= 1
                return _json(fault.body, fault.status, fault.headers)
        status, payload = _answer(request.method, path, body or {})
        if isinstance(payload, dict):
            self.responses.append({"method": request.method, "path": path, "json": payload})
        if status == 204:
            return web.Response(status=204)
        return _json(payload, status)


def _answer(method: str, path: str, body: Any) -> tuple[int, Any]:
    """(status, JSON) as Discord answers ``method path`` with ``body`` (a JSON value)."""
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
        commands = body if isinstance(body, list) else []
        return 200, [
            {**c, "id": snowflake(), "application_id": str(APP_ID), "version": "1"}
            for c in commands
        ]
    if parts[0] == "channels" and parts[-1] == "typing":
        return 204, None
    if parts[0] == "channels" and parts[-1] == "messages" and method == "POST":
        return 200, bot_message(parts[1], body)
    if parts[0] == "channels" and parts[-2:-1] == ["messages"] and method == "PATCH":
        return 200, bot_message(parts[1], body, id=parts[-1], edited_timestamp=_now())
    if parts[0] == "interactions" and parts[-1] == "callback":
        kind = body.get("type", 4)
        data = body.get("data") or {}
        message = bot_message("0", data) if kind in (4, 5, 7) else None
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
        return 200, bot_message("0", body, webhook_id=parts[1])
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
