"""URL fetches refuse private, loopback and link-local targets, however they are reached."""

from __future__ import annotations

import socket
from typing import Any

import pytest

from bot.fetch import (
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
    with pytest.raises(FetchError, match=r"local address|private or internal"):
        await fetch_article(aiohttp_redirect_site, FetchPolicy(allow_private=False))


@pytest.fixture
async def aiohttp_redirect_site(monkeypatch: pytest.MonkeyPatch):
    """A site on 127.0.0.1 that redirects to http://localhost/; the first hop is let through
    by treating its literal address as public for this test only."""
    from aiohttp import web

    import bot.fetch as fetch

    async def hop(request: web.Request) -> web.Response:
        raise web.HTTPFound("http://localhost:1/secret")

    app = web.Application()
    app.router.add_get("/", hop)
    runner = web.AppRunner(app, access_log=None)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
    real = fetch.is_internal
    monkeypatch.setattr(fetch, "is_internal", lambda a: False if a == "127.0.0.1" else real(a))
    yield f"http://127.0.0.1:{port}/"
    await runner.cleanup()
