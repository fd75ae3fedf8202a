"""A fetch's limits hold whatever the site sends: size after decompression, character
sets, and one deadline for the whole fetch, redirects included.

Pages come from real aiohttp servers on 127.0.0.1, let through by an exact
``allow_peers`` entry for that server only; every other guard stays on.
"""

from __future__ import annotations

import asyncio
import gzip
import itertools
import math
import threading
import tracemalloc
import zlib
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from functools import cache
from typing import Any

import pytest
from aiohttp import web

import index.fetch as fetch
from index.fetch import FetchError, FetchPolicy, fetch_article

PAGE = (
    "<html><head><title>Dock strike</title></head><body><article>"
    "<p>Dock workers will return on Monday after a week-long strike, the union said.</p>"
    "<p>The port authority said ships would be unloaded in the order they arrived.</p>"
    "</article></body></html>"
)
CAP = 1_000_000


@dataclass
class Site:
    port: int
    requests: list[web.Request] = field(default_factory=list)

    def url(self, path: str = "/") -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def policy(self, **limits: Any) -> FetchPolicy:
        return FetchPolicy(allow_peers=frozenset({("127.0.0.1", self.port)}), **limits)


Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]


@asynccontextmanager
async def serve(handler: Handler) -> AsyncIterator[Site]:
    seen: list[web.Request] = []

    async def recording(request: web.Request) -> web.StreamResponse:
        seen.append(request)
        return await handler(request)

    app = web.Application()
    app.router.add_get("/{tail:.*}", recording)
    runner = web.AppRunner(app, access_log=None)
    await runner.setup()
    tcp = web.TCPSite(runner, "127.0.0.1", 0)
    await tcp.start()
    try:
        yield Site(runner.addresses[0][1], seen)
    finally:
        await runner.cleanup()


def body(data: bytes, encoding: str | None, ctype: str = "text/html") -> Handler:
    async def handler(request: web.Request) -> web.Response:
        headers = {"Content-Type": ctype}
        if encoding:
            headers["Content-Encoding"] = encoding
        return web.Response(body=data, headers=headers)

    return handler


async def refusal(handler: Handler, **limits: Any) -> str:
    async with serve(handler) as site:
        with pytest.raises(FetchError) as err:
            await fetch_article(site.url("/page.html"), site.policy(**limits))
    message = str(err.value)
    assert "\n" not in message
    return message


# --- decompression bombs --------------------------------------------------------------------

BOMB_BYTES = 64 * 1024 * 1024  # 64x the cap once inflated


@cache
def bomb(wbits: int) -> bytes:
    """BOMB_BYTES of "a" compressed (a few tens of kilobytes), gzip/zlib/raw by wbits."""
    packer = zlib.compressobj(9, zlib.DEFLATED, wbits)
    block = b"a" * (1024 * 1024)
    return b"".join(packer.compress(block) for _ in range(BOMB_BYTES // len(block))) + (
        packer.flush()
    )


@pytest.mark.parametrize(
    ("encoding", "wbits"),
    [("gzip", 31), ("x-gzip", 31), ("deflate", 15), ("deflate", -15), ("GZip", 31)],
)
async def test_decompression_bomb_is_refused_within_the_cap(encoding: str, wbits: int) -> None:
    data = bomb(wbits)
    assert len(data) < CAP  # the wire size is well under the cap...
    tracing = tracemalloc.is_tracing()
    if not tracing:
        tracemalloc.start()
    tracemalloc.reset_peak()
    try:
        message = await refusal(body(data, encoding, "text/plain"), max_bytes=CAP)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        if not tracing:
            tracemalloc.stop()
    assert message == f"too large (over {CAP:,} bytes)"  # ...the decoded size is not
    assert peak < 8 * CAP  # memory stays near the cap, nowhere near the bomb


@pytest.mark.parametrize(
    ("encoding", "packed"),
    [
        (None, PAGE.encode()),
        ("identity", PAGE.encode()),
        ("gzip", gzip.compress(PAGE.encode())),
        ("gzip", gzip.compress(PAGE[:80].encode()) + gzip.compress(PAGE[80:].encode())),
        ("deflate", zlib.compress(PAGE.encode())),
        ("deflate", zlib.compress(PAGE.encode(), wbits=-15)),
    ],
)
async def test_compressed_pages_are_decoded(encoding: str | None, packed: bytes) -> None:
    async with serve(body(packed, encoding)) as site:
        doc = await fetch_article(site.url("/page.html"), site.policy())
        assert site.requests[0].headers["Accept-Encoding"] == "gzip, deflate"
    assert "Dock workers will return on Monday" in doc.text


@pytest.mark.parametrize("encoding", ["br", "zstd", "compress", "gzip, gzip", "gzip, br", "x"])
async def test_encodings_that_cannot_be_bounded_are_refused(encoding: str) -> None:
    message = await refusal(body(gzip.compress(PAGE.encode()), encoding))
    assert message.startswith("unsupported content encoding")


@pytest.mark.parametrize(
    ("packed", "reason"),
    [
        (gzip.compress(PAGE.encode())[:-12], "cut short"),
        (b"\x1f\x8b\x08\x00garbage-not-gzip", "cannot decompress"),
    ],
)
async def test_broken_compressed_pages_are_refused(packed: bytes, reason: str) -> None:
    assert reason in await refusal(body(packed, "gzip"))


async def test_too_many_gzip_members_are_refused() -> None:
    member = gzip.compress(b"<p>x</p>")
    assert "too many gzip members" in await refusal(body(member * 500, "gzip"))


# --- character sets -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "charset",
    ["punycode", "idna", "rot13", "base64", "zlib", "uu", "hex", "bz2", "quopri", "utf-7",
     "unicode_escape", "raw_unicode_escape", "undefined", "charmap"],
)  # fmt: skip
async def test_charsets_that_are_not_web_text_encodings_are_refused(charset: str) -> None:
    message = await refusal(body(PAGE.encode(), None, f"text/html; charset={charset}"))
    assert message == f"cannot decode the page (unsupported charset {charset})"


async def test_hostile_charset_never_blocks_the_event_loop() -> None:
    # Punycode decoding time grows with the square of the input: decoding this page on
    # the event loop would stall every other coroutine (Discord heartbeats included).
    hostile = ("ab\u00e9c" * 60_000).encode("punycode")
    loop = asyncio.get_running_loop()
    ticks = [loop.time()]

    async def ticker() -> None:
        while True:
            await asyncio.sleep(0.01)
            ticks.append(loop.time())

    task = asyncio.create_task(ticker())
    try:
        message = await refusal(body(hostile, None, "text/html; charset=punycode"))
    finally:
        task.cancel()
    ticks.append(loop.time())
    assert max(b - a for a, b in itertools.pairwise(ticks)) < 1.0
    assert message == "cannot decode the page (unsupported charset punycode)"


async def test_unknown_charset_is_refused() -> None:
    message = await refusal(body(PAGE.encode(), None, "text/html; charset=x-no-such-thing"))
    assert message == "cannot decode the page (unknown charset x-no-such-thing)"


@pytest.mark.parametrize(
    ("charset", "text"),
    [("windows-1251", "Докеры вернутся в понедельник."), ("shift_jis", "港湾労働者は月曜日に戻る。"),
     ("euc-kr", "부두 노동자들이 월요일에 돌아온다."), ("gb18030", "码头工人周一复工。"),
     ("utf-16", "Dock workers, ünïcödé.")],
)  # fmt: skip
async def test_real_charsets_are_decoded_and_parsed_in_the_parse_worker(
    monkeypatch: pytest.MonkeyPatch, charset: str, text: str
) -> None:
    threads: list[str] = []
    real_parse = fetch.parse_bytes

    def parse(data: bytes, **kwargs: Any) -> Any:
        threads.append(threading.current_thread().name)
        assert text.encode("utf-8") in data  # decoded before parsing
        return real_parse(data, **kwargs)

    monkeypatch.setattr(fetch, "parse_bytes", parse)
    page = PAGE.replace("</article>", f"<p>{text}</p></article>").encode(charset)
    async with serve(body(page, None, f"text/html; charset={charset}")) as site:
        doc = await fetch_article(site.url("/page.html"), site.policy())
    assert text in doc.text
    # Not on the event loop, and not in the default executor, where aiohttp resolves names.
    assert len(threads) == 1 and threads[0].startswith("articlebot-parse")


async def test_charset_decoding_runs_in_the_parse_worker(monkeypatch: pytest.MonkeyPatch) -> None:
    threads: list[str] = []
    real = fetch._decode_and_parse

    def decode(*args: Any, **kwargs: Any) -> Any:
        threads.append(threading.current_thread().name)
        return real(*args, **kwargs)

    monkeypatch.setattr(fetch, "_decode_and_parse", decode)
    page = PAGE.encode("windows-1251")
    async with serve(body(page, None, "text/html; charset=windows-1251")) as site:
        await fetch_article(site.url("/page.html"), site.policy())
    assert len(threads) == 1 and threads[0].startswith("articlebot-parse")


async def test_parse_worker_is_small_and_named() -> None:
    assert fetch.PARSE_EXECUTOR._max_workers <= 2
    name = await asyncio.get_running_loop().run_in_executor(
        fetch.PARSE_EXECUTOR, lambda: threading.current_thread().name
    )
    assert name.startswith("articlebot-parse")


async def test_undecodable_page_is_refused_in_one_line() -> None:
    message = await refusal(body(b"\xff\xfe\xfd" * 100, None, "text/html; charset=shift_jis"))
    assert message == "cannot decode the page (shift_jis)"


# --- one deadline ---------------------------------------------------------------------------


async def refusal_at_the_deadline(handler: Handler, deadline: float) -> str:
    """The refusal of a fetch from ``handler``'s site under ``deadline`` (its one-line
    reason). Whether it came at the deadline is told by what the site saw, never by a clock:
    each test's site would go on far longer, and only the deadline ends the fetch."""
    async with serve(handler) as site:
        with pytest.raises(FetchError) as err:
            await fetch_article(site.url("/hop"), site.policy(timeout_seconds=deadline))
    return str(err.value)


async def test_slow_redirect_chain_is_stopped_at_the_deadline() -> None:
    # Each hop answers within the deadline; the chain goes on until the redirect limit,
    # which a deadline for each hop (not one for the whole fetch) would reach.
    hops: list[int] = []

    async def slow_hop(request: web.Request) -> web.Response:
        await asyncio.sleep(0.4)
        step = int(request.query.get("n", "0"))
        hops.append(step)
        raise web.HTTPFound(f"/hop?n={step + 1}")

    assert await refusal_at_the_deadline(slow_hop, 0.6) == "the site did not answer within 0.6 s"
    assert len(hops) <= fetch.MAX_REDIRECTS  # stopped before the redirect limit could


async def test_slow_body_is_stopped_at_the_deadline() -> None:
    # The body drips for as long as the client reads (a minute at most, if it never stops):
    # the fetch must hang up at its deadline, not wait for the end.
    hung_up = asyncio.Event()
    sent: list[int] = []

    async def drip(request: web.Request) -> web.StreamResponse:
        response = web.StreamResponse(headers={"Content-Type": "text/html"})
        await response.prepare(request)
        try:
            for n in range(600):
                await response.write(b"<p>a</p>")
                sent.append(n)
                await asyncio.sleep(0.1)
        except (ConnectionError, RuntimeError):
            hung_up.set()
        return response

    assert await refusal_at_the_deadline(drip, 0.5) == "the site did not answer within 0.5 s"
    await asyncio.wait_for(hung_up.wait(), 60)  # a guard: the site notices at its next write
    assert 0 < len(sent) < 600


@pytest.mark.parametrize(
    "limits",
    [{"timeout_seconds": 0}, {"timeout_seconds": -1}, {"timeout_seconds": math.nan},
     {"timeout_seconds": math.inf}, {"timeout_seconds": "15"}, {"max_bytes": 0},
     {"max_bytes": -5}, {"max_bytes": 1.5}, {"allow_peers": frozenset({("not-an-ip", 80)})}],
)  # fmt: skip
def test_a_policy_cannot_remove_a_limit(limits: dict[str, Any]) -> None:
    with pytest.raises(FetchError):
        FetchPolicy(**limits)
