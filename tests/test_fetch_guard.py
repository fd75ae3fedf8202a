"""URL fetches refuse private, loopback and link-local targets, however they are reached."""

from __future__ import annotations

import socket
from collections.abc import AsyncIterator
from typing import Any

import pytest
from aiohttp.abc import AbstractResolver, ResolveResult

import index.fetch as fetch
from index.fetch import (
    FetchError,
    FetchPolicy,
    _check_url,
    _PublicOnlyResolver,
    fetch_article,
    is_internal,
)


@pytest.mark.parametrize(
    "address",
    ["127.0.0.1", "10.1.2.3", "172.16.0.9", "192.168.1.1", "169.254.169.254", "::1",
     "fe80::1", "fd00::1", "0.0.0.0", "100.64.0.1", "::ffff:127.0.0.1", "224.0.0.1"],
)  # fmt: skip
def test_internal_addresses(address: str) -> None:
    assert is_internal(address)


@pytest.mark.parametrize("address", ["93.184.216.34", "2606:4700::1111", "1.1.1.1"])
def test_public_addresses(address: str) -> None:
    assert not is_internal(address)


# IPv6 addresses that carry an internal IPv4 address, which a NAT64 gateway, a 6to4 or
# Teredo relay, an ISATAP router or a dual-stack host may deliver to that IPv4 host.
EMBEDDED_INTERNAL = [
    "64:ff9b::7f00:1",  # NAT64 well-known prefix, 127.0.0.1
    "64:ff9b::a9fe:a9fe",  # NAT64, 169.254.169.254 (cloud metadata)
    "64:ff9b::10.0.0.1",  # NAT64, dotted form
    "64:ff9b:1::7f00:1",  # NAT64 local-use prefix (RFC 8215): internal as a whole
    "64:ff9b:1:7f00:1::",  # local-use prefix, IPv4 placed as for a /48 (RFC 6052)
    "2002:7f00:1::1",  # 6to4, 127.0.0.1
    "2002:c0a8:101::",  # 6to4, 192.168.1.1
    "::127.0.0.1",  # IPv4-compatible (deprecated)
    "::a00:1",  # IPv4-compatible, 10.0.0.1
    "::ffff:0:7f00:1",  # IPv4-translated (SIIT), 127.0.0.1
    "::ffff:0:c0a8:101",  # IPv4-translated, 192.168.1.1
    "2001:0:4136:e378:8000:63bf:80ff:fffe",  # Teredo, client 127.0.0.1 (obfuscated)
    "2001:0:7f00:1::1",  # Teredo, server 127.0.0.1
    "2001:4860:1::5efe:7f00:1",  # ISATAP interface id after a public prefix, 127.0.0.1
    "2001:4860:1::200:5efe:a00:1",  # ISATAP with the universal bit set, 10.0.0.1
    "2600::5efe:a9fe:a9fe",  # ISATAP, 169.254.169.254
]
EMBEDDED_PUBLIC = ["64:ff9b::808:808", "2002:808:808::1", "2001:4860:1::200:5efe:808:808"]


@pytest.mark.parametrize("address", EMBEDDED_INTERNAL)
def test_ipv6_embedding_an_internal_ipv4_is_internal(address: str) -> None:
    assert is_internal(address)


@pytest.mark.parametrize("address", EMBEDDED_PUBLIC)
def test_ipv6_embedding_a_public_ipv4_stays_public(address: str) -> None:
    assert not is_internal(address)


@pytest.mark.parametrize("address", EMBEDDED_INTERNAL)
def test_ipv6_embedding_an_internal_ipv4_refused_as_url_host(address: str) -> None:
    with pytest.raises(FetchError, match="private or internal"):
        _check_url(f"http://[{address}]/", FetchPolicy())
    with pytest.raises(FetchError, match="private or internal"):
        _check_url(f"http://[{address}]:8080/latest/meta-data/", FetchPolicy())


@pytest.mark.parametrize("address", EMBEDDED_INTERNAL)
async def test_ipv6_embedding_an_internal_ipv4_refused_as_resolver_answer(address: str) -> None:
    resolver = _PublicOnlyResolver()
    resolver._inner = OneAnswer(address)
    with pytest.raises(FetchError, match="resolves to a private"):
        await resolver.resolve("rebind.example", 80, socket.AF_INET6)


@pytest.mark.parametrize("address", EMBEDDED_PUBLIC)
async def test_ipv6_embedding_a_public_ipv4_accepted_as_resolver_answer(address: str) -> None:
    resolver = _PublicOnlyResolver()
    resolver._inner = OneAnswer(address)
    answers = await resolver.resolve("public.example", 80, socket.AF_INET6)
    assert [a["host"] for a in answers] == [address]


class OneAnswer(AbstractResolver):
    """A resolver that answers every name with one address (no DNS is contacted)."""

    def __init__(self, address: str) -> None:
        self.address = address

    async def resolve(
        self, host: str, port: int = 0, family: socket.AddressFamily = socket.AF_INET
    ) -> list[ResolveResult]:
        return [{"hostname": host, "host": self.address, "port": port, "family": family,
                 "proto": 0, "flags": 0}]  # fmt: skip

    async def close(self) -> None:
        pass


@pytest.mark.parametrize(
    ("url", "reason"),
    [
        ("file:///etc/passwd", "only http"),
        ("gopher://x/", "only http"),
        ("http:///nohost", "no host"),
        ("http://localhost:8080/", "local address"),
        ("http://printer.local/", "local address"),
        ("http://169.254.169.254/latest/meta-data/", "private or internal"),
        ("http://[::1]/", "private or internal"),
        ("http://2130706433/", "private or internal"),  # 127.0.0.1 as one number
    ],
)
def test_urls_refused_before_connecting(url: str, reason: str) -> None:
    with pytest.raises(FetchError, match=reason):
        _check_url(url, FetchPolicy())


@pytest.mark.parametrize(
    "url",
    ["http://[::1", "http://127.0.0.1:99999/", "http://ex\u200bample.com/", "", "   ",
     "http://", "http://[zz::1]/", "//no-scheme.example/", "http://\udcff.example/"],
)  # fmt: skip
async def test_bad_urls_give_one_line_errors(url: str) -> None:
    with pytest.raises(FetchError) as err:
        await fetch_article(url, FetchPolicy(), resolver=OneAnswer("192.0.2.1"))
    assert "\n" not in str(err.value)


@pytest.mark.parametrize(
    "peer",
    [None, (), ("not-an-ip", 80), ("127.0.0.1", 80), ("::1", 80, 0, 0), ("fe80::1%eth0", 80, 0, 2),
     ("::ffff:10.0.0.1", 443, 0, 0), ("64:ff9b::a9fe:a9fe", 80, 0, 0)],
)  # fmt: skip
def test_peer_guard_fails_closed(peer: object) -> None:
    with pytest.raises(FetchError, match="refused"):
        fetch._PeerGuard(FetchPolicy()).check(peer)


def test_peer_guard_lets_public_and_allowed_peers_through() -> None:
    fetch._PeerGuard(FetchPolicy()).check(("93.184.216.34", 443))
    fetch._PeerGuard(FetchPolicy()).check(("2606:4700::1111", 443, 0, 0))
    allowed = FetchPolicy(allow_peers=frozenset({("127.0.0.1", 8000)}))
    fetch._PeerGuard(allowed).check(("127.0.0.1", 8000))
    with pytest.raises(FetchError):
        fetch._PeerGuard(allowed).check(("127.0.0.1", 8001))


def test_allow_private_lets_loopback_through() -> None:
    _check_url("http://127.0.0.1:8000/a", FetchPolicy(allow_private=True))


async def test_names_resolving_to_internal_addresses_are_refused() -> None:
    class Stub:
        async def resolve(self, host: str, port: int, family: Any) -> list[dict[str, Any]]:
            return [{"hostname": host, "host": "10.0.0.7", "port": port, "family": family,
                     "proto": 0, "flags": 0}]  # fmt: skip

        async def close(self) -> None:
            pass

    resolver = _PublicOnlyResolver()
    resolver._inner = Stub()  # type: ignore[assignment]
    with pytest.raises(FetchError, match="resolves to a private"):
        await resolver.resolve("rebind.example", 80, socket.AF_INET)


async def test_redirect_to_loopback_is_refused(aiohttp_redirect_site: str) -> None:
    # The first hop is allowed explicitly (a stand-in for a public site); the policy is
    # checked again on the redirect target.
    port = int(aiohttp_redirect_site.rsplit(":", 1)[1].strip("/"))
    policy = FetchPolicy(allow_peers=frozenset({("127.0.0.1", port)}))
    with pytest.raises(FetchError, match=r"local address|private or internal"):
        await fetch_article(aiohttp_redirect_site, policy)


def test_allow_peers_is_exact() -> None:
    policy = FetchPolicy(allow_peers=frozenset({("127.0.0.1", 8000)}))
    _check_url("http://127.0.0.1:8000/a", policy)
    for url in ("http://127.0.0.1:8001/a", "http://127.0.0.2:8000/a", "http://[::1]:8000/"):
        with pytest.raises(FetchError, match="private or internal"):
            _check_url(url, policy)


@pytest.fixture
async def aiohttp_redirect_site() -> AsyncIterator[str]:
    """A site on 127.0.0.1 that redirects to http://localhost/."""
    from aiohttp import web

    async def hop(request: web.Request) -> web.Response:
        raise web.HTTPFound("http://localhost:1/secret")

    app = web.Application()
    app.router.add_get("/", hop)
    runner = web.AppRunner(app, access_log=None)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    port = runner.addresses[0][1]
    yield f"http://127.0.0.1:{port}/"
    await runner.cleanup()
