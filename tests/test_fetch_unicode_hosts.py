"""SSRF through hosts the HTTP client normalises: Unicode digits and dots, IDNA labels.

aiohttp parses every URL with yarl, which maps a host through IDNA (UTS #46, so NFKC):
``http://１２７.０.０.１/`` connects to 127.0.0.1. Each test here aims such a URL, on the
first request or in a redirect's Location, at a real server on 127.0.0.1 that must never
see a request. Names go to a stub resolver standing in for an attacker's DNS, so nothing
but 127.0.0.1 is ever contacted.
"""

from __future__ import annotations

import asyncio
import socket
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass, field

import pytest
from aiohttp import web
from aiohttp.abc import AbstractResolver, ResolveResult
from yarl import URL

import index.fetch as fetch
from index.fetch import FetchError, FetchPolicy, fetch_article

ARTICLE = (
    "<html><head><title>Internal secret</title></head><body><article>"
    "<p>This page lives on an internal host and must never be fetched by the bot.</p>"
    "<p>Anyone reading it through the bot has found a server-side request forgery.</p>"
    "</article></body></html>"
)

# Hosts that yarl (and so aiohttp) turns into the literal 127.0.0.1.
LOOPBACK_SPELLINGS = [
    "１２７.０.０.１",  # fullwidth digits
    "127。0。0。1",  # ideographic full stop
    "１２７．０．０．１",  # fullwidth digits and fullwidth full stops
    "127｡0｡0｡1",  # halfwidth ideographic full stop
    "𝟏𝟐𝟕.𝟎.𝟎.𝟏",  # mathematical bold digits
    "𝟙𝟚𝟟.𝟘.𝟘.𝟙",  # mathematical double-struck digits
    "¹²⁷.⁰.⁰.¹",  # superscript digits
    "①②⑦.⓪.⓪.①",  # circled digits
    "１27.0.０.1",  # mixed: fullwidth and ASCII digits
    "𝟏２7。0．0｡１",  # mixed: three digit sets and three kinds of full stop
]

# Hosts that become IDNA (xn--) names, so they are looked up: digits without an NFKC
# mapping to ASCII, and the xn-- spelling itself. The attacker's DNS answers 127.0.0.1.
NAME_SPELLINGS = [
    "١٢٧.٠.٠.١",  # Arabic-Indic digits
    "۱۲۷.۰.۰.۱",  # extended Arabic-Indic (Persian) digits
    "१२७.०.०.१",  # Devanagari digits
    "১২৭.০.০.১",  # Bengali digits
    "๑๒๗.๐.๐.๑",  # Thai digits
    "١٢٧。٠.०.১",  # mixed scripts and full stops
    "xn--9hbcp.xn--8hb.xn--8hb.xn--9hb",  # the Arabic-Indic one, written as IDNA
    "ＬＯＣＡＬＨＯＳＴ",  # fullwidth letters: "localhost"
    "ｌｏｃａｌｈｏｓｔ。",  # and with an ideographic trailing dot
]


@dataclass
class Site:
    port: int
    hits: list[str] = field(default_factory=list)

    def url(self, host: str = "127.0.0.1", path: str = "/") -> str:
        return f"http://{host}:{self.port}{path}"


Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]


@asynccontextmanager
async def serve(handler: Handler) -> AsyncIterator[Site]:
    """A real aiohttp server on 127.0.0.1 that records the path of every request."""
    site_hits: list[str] = []

    async def recording(request: web.Request) -> web.StreamResponse:
        site_hits.append(request.path_qs)
        return await handler(request)

    app = web.Application()
    app.router.add_get("/{tail:.*}", recording)
    runner = web.AppRunner(app, access_log=None)
    await runner.setup()
    tcp = web.TCPSite(runner, "127.0.0.1", 0)
    await tcp.start()
    port = runner.addresses[0][1]
    try:
        yield Site(port, site_hits)
    finally:
        await runner.cleanup()


async def article(request: web.Request) -> web.Response:
    return web.Response(text=ARTICLE, content_type="text/html")


@pytest.fixture
async def victim() -> AsyncIterator[Site]:
    """The internal service an attacker wants the bot to read."""
    async with serve(article) as site:
        yield site


class AttackerDNS(AbstractResolver):
    """Answers every name with one address, as a hostile DNS server would."""

    def __init__(self, address: str = "127.0.0.1") -> None:
        self.address = address
        self.asked: list[str] = []

    async def resolve(
        self, host: str, port: int = 0, family: socket.AddressFamily = socket.AF_INET
    ) -> list[ResolveResult]:
        self.asked.append(host)
        family = socket.AF_INET6 if ":" in self.address else socket.AF_INET
        return [{"hostname": host, "host": self.address, "port": port, "family": family,
                 "proto": 0, "flags": 0}]  # fmt: skip

    async def close(self) -> None:
        pass


async def refused(url: str, policy: FetchPolicy, dns: AbstractResolver | None = None) -> str:
    with pytest.raises(FetchError) as err:
        await fetch_article(url, policy, resolver=dns or AttackerDNS())
    message = str(err.value)
    assert "\n" not in message
    return message


# --- the first request --------------------------------------------------------------------


@pytest.mark.parametrize("host", LOOPBACK_SPELLINGS)
async def test_unicode_loopback_literal_is_refused(victim: Site, host: str) -> None:
    message = await refused(victim.url(host, "/secret"), FetchPolicy())
    assert "127.0.0.1 is a private or internal address" in message
    assert victim.hits == []


@pytest.mark.parametrize("host", NAME_SPELLINGS)
async def test_unicode_names_answered_with_loopback_are_refused(victim: Site, host: str) -> None:
    dns = AttackerDNS()
    message = await refused(victim.url(host, "/secret"), FetchPolicy(), dns)
    assert "refused" in message
    assert victim.hits == []
    assert all(name.isascii() for name in dns.asked)  # the resolver sees the IDNA form


@pytest.mark.parametrize("host", LOOPBACK_SPELLINGS[:3])
async def test_unicode_host_refused_before_connecting(host: str) -> None:
    with pytest.raises(FetchError, match="private or internal"):
        fetch._check_url(f"http://{host}:8080/secret", FetchPolicy())


# --- redirects ----------------------------------------------------------------------------


@pytest.fixture
async def relay() -> AsyncIterator[Site]:
    """A stand-in for a public site: redirects to whatever ?to= says, verbatim.

    (Not web.HTTPFound, which would normalise the Location with yarl before sending it.)
    """

    async def hop(request: web.Request) -> web.Response:
        return web.Response(status=302, headers={"Location": request.query["to"]})

    async with serve(hop) as site:
        yield site


def allowing(*sites: Site, **limits: float) -> FetchPolicy:
    """A policy that lets through exactly these test servers (and nothing else internal)."""
    return FetchPolicy(allow_peers=frozenset(("127.0.0.1", s.port) for s in sites), **limits)  # type: ignore[arg-type]


def via(relay: Site, location: str) -> str:
    return relay.url(path="/go?" + URL.build(query={"to": location}).raw_query_string)


@pytest.mark.parametrize("host", LOOPBACK_SPELLINGS)
async def test_redirect_to_unicode_loopback_is_refused(
    relay: Site, victim: Site, host: str
) -> None:
    message = await refused(via(relay, victim.url(host, "/secret")), allowing(relay))
    assert "127.0.0.1 is a private or internal address" in message
    assert len(relay.hits) == 1
    assert victim.hits == []


@pytest.mark.parametrize("host", NAME_SPELLINGS)
async def test_redirect_to_unicode_name_is_refused(relay: Site, victim: Site, host: str) -> None:
    await refused(via(relay, victim.url(host, "/secret")), allowing(relay))
    assert len(relay.hits) == 1
    assert victim.hits == []


async def test_scheme_relative_redirect_to_unicode_loopback_is_refused(
    relay: Site, victim: Site
) -> None:
    location = f"//１２７。０。０。１:{victim.port}/secret"
    await refused(via(relay, location), allowing(relay))
    assert victim.hits == []


async def test_raw_unicode_location_header_is_refused(relay: Site, victim: Site) -> None:
    # The Location header itself carries the Unicode host (UTF-8 on the wire).
    async def hop(request: web.Request) -> web.Response:
        return web.Response(
            status=302, headers={"Location": f"http://１２７.０.０.１:{victim.port}/secret"}
        )

    async with serve(hop) as site:
        message = await refused(site.url(path="/"), allowing(site))
        assert len(site.hits) == 1
    assert "127.0.0.1 is a private or internal address" in message
    assert victim.hits == []


async def test_allowed_test_server_is_only_that_port(relay: Site, victim: Site) -> None:
    # The allow-list is exact: the relay's port is let through, the victim's is not.
    message = await refused(via(relay, victim.url(path="/secret")), allowing(relay))
    assert "127.0.0.1 is a private or internal address" in message
    assert victim.hits == []


async def test_redirects_within_an_allowed_server_still_work(relay: Site) -> None:
    async with serve(article) as site:
        url = via(relay, site.url("１２７.０.０.１", "/article"))
        doc = await fetch_article(url, allowing(relay, site), resolver=AttackerDNS("192.0.2.1"))
    assert "internal host" in doc.text
    assert site.hits == ["/article"]


# --- the connection itself: whatever got past the early checks -----------------------------


async def test_socket_guard_refuses_before_connecting(monkeypatch: pytest.MonkeyPatch) -> None:
    """With the URL check disabled, the socket factory still refuses: no TCP connection."""
    accepted: list[int] = []

    async def on_connect(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        accepted.append(1)
        writer.close()

    server = await asyncio.start_server(on_connect, "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    monkeypatch.setattr(fetch, "_check_url", lambda url, policy: URL(str(url)))
    try:
        message = await refused(f"http://127.0.0.1:{port}/secret", FetchPolicy())
    finally:
        server.close()
        await server.wait_closed()
    assert "127.0.0.1 is a private or internal address" in message
    assert accepted == []


async def test_connection_guard_refuses_before_the_request_is_sent(
    victim: Site, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With the URL check and the socket check disabled, the peer check still refuses."""
    monkeypatch.setattr(fetch, "_check_url", lambda url, policy: URL(str(url)))
    monkeypatch.setattr(
        fetch._PeerGuard,
        "socket_factory",
        lambda self, info: socket.socket(info[0], info[1], info[2]),
    )
    message = await refused(victim.url("１２７.０.０.１", "/secret"), FetchPolicy())
    assert "127.0.0.1 is a private or internal address" in message
    assert victim.hits == []


async def test_every_request_checks_its_connection_pooled_ones_too(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Three requests over one kept-alive connection: the peer is checked for each."""
    client_ports: list[int] = []

    async def chain(request: web.Request) -> web.Response:
        peer = request.transport.get_extra_info("peername") if request.transport else None
        client_ports.append(peer[1] if peer else -1)
        if request.path == "/a":
            raise web.HTTPFound("/b")
        if request.path == "/b":
            raise web.HTTPFound("/article")
        return await article(request)

    checks: list[object] = []
    sockets: list[object] = []
    real_check, real_factory = fetch._PeerGuard.check, fetch._PeerGuard.socket_factory

    def check(self: fetch._PeerGuard, peer: object) -> None:
        checks.append(peer)
        real_check(self, peer)

    def factory(self: fetch._PeerGuard, info: object) -> socket.socket:
        sockets.append(info)
        return real_factory(self, info)  # type: ignore[arg-type]

    monkeypatch.setattr(fetch._PeerGuard, "check", check)
    monkeypatch.setattr(fetch._PeerGuard, "socket_factory", factory)
    async with serve(chain) as site:
        await fetch_article(site.url(path="/a"), allowing(site))
        assert site.hits == ["/a", "/b", "/article"]
    assert len(set(client_ports)) == 1  # one connection, reused from the pool
    assert len(sockets) == 1
    assert len(checks) - len(sockets) == 3  # one peer check for each request
