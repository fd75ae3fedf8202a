"""Fetch an article by URL for ``/articles add url:``, safely.

http(s) only; a time limit for the whole fetch; a size cap enforced while reading; an
allow-list of content types; and, unless the config allows it, no private, loopback,
link-local or otherwise internal address, checked for the literal host, for every
address a name resolves to (in the resolver aiohttp connects with, so a second lookup
cannot answer differently), and again for every redirect.
"""

from __future__ import annotations

import asyncio
import ipaddress
import socket
from dataclasses import dataclass
from functools import partial
from typing import Any
from urllib.parse import urljoin, urlsplit

import aiohttp
from aiohttp.abc import AbstractResolver, ResolveResult

from index.ingest import IngestError, parse_bytes
from index.models import Document

CONTENT_TYPES = {"text/html", "application/xhtml+xml", "text/plain", "text/markdown"}
MAX_REDIRECTS = 5
USER_AGENT = "articlebot/0.1 (+https://github.com/; Discord article quoting bot)"

# IPv6 ranges that carry an IPv4 address in their last 32 bits, which a translator,
# tunnel or dual-stack host may deliver to that IPv4 address.
_NAT64 = ipaddress.IPv6Network("64:ff9b::/96")  # RFC 6052 well-known prefix
_IPV4_COMPATIBLE = ipaddress.IPv6Network("::/96")  # RFC 4291, deprecated
_IPV4_TRANSLATED = ipaddress.IPv6Network("::ffff:0:0:0/96")  # RFC 2765 (SIIT)
# RFC 8215 local-use translation prefix: where it puts the IPv4 address is up to the
# local operator, so all of it is internal.
_NAT64_LOCAL = ipaddress.IPv6Network("64:ff9b:1::/48")


class FetchError(ValueError):
    """A URL that cannot be added; ``str()`` is a one-line reason for the user."""


@dataclass(frozen=True)
class FetchPolicy:
    timeout_seconds: float = 15.0
    max_bytes: int = 5 * 1024 * 1024
    allow_private: bool = False


def embedded_ipv4(ip: ipaddress.IPv6Address) -> list[ipaddress.IPv4Address]:
    """Every IPv4 address ``ip`` carries in a form some network would deliver to it."""
    low32 = ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF)
    found: list[ipaddress.IPv4Address] = []
    if ip.ipv4_mapped is not None:  # ::ffff:a.b.c.d
        found.append(ip.ipv4_mapped)
    if ip in _NAT64 or ip in _IPV4_COMPATIBLE or ip in _IPV4_TRANSLATED:
        found.append(low32)
    if ip.sixtofour is not None:  # 2002:AABB:CCDD::/48
        found.append(ip.sixtofour)
    if ip.teredo is not None:  # 2001::/32: the server, and the client (de-obfuscated)
        found.extend(ip.teredo)
    # ISATAP interface identifier (RFC 5214): [0000 or 0200]:5efe:a.b.c.d after any
    # prefix; the universal/local and group bits of the first octet may be either.
    if (int(ip) >> 32) & 0xFCFFFFFF == 0x00005EFE:
        found.append(low32)
    return found


def is_internal(address: str) -> bool:
    """True for any address that is not plainly a public unicast one, or that embeds one.

    Raises ValueError if ``address`` is not an IP address.
    """
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    candidates: list[ipaddress.IPv4Address | ipaddress.IPv6Address] = [ip]
    if isinstance(ip, ipaddress.IPv6Address):
        if ip in _NAT64_LOCAL:
            return True
        candidates.extend(embedded_ipv4(ip))
    return any(not c.is_global or c.is_multicast for c in candidates)


class _PublicOnlyResolver(AbstractResolver):
    """Resolves like aiohttp's default resolver, refusing internal addresses."""

    def __init__(self) -> None:
        self._inner = aiohttp.ThreadedResolver()

    async def resolve(
        self, host: str, port: int = 0, family: socket.AddressFamily = socket.AF_INET
    ) -> list[ResolveResult]:
        results = await self._inner.resolve(host, port, family)
        public = [r for r in results if not is_internal(r["host"])]
        if not public:
            raise FetchError(f"{host} resolves to a private or internal address; refused")
        return public

    async def close(self) -> None:
        await self._inner.close()


def _check_url(url: str, policy: FetchPolicy) -> None:
    parts = urlsplit(url)
    if parts.scheme not in {"http", "https"}:
        raise FetchError("only http:// and https:// URLs can be added")
    if not parts.hostname:
        raise FetchError("the URL has no host name")
    if policy.allow_private:
        return
    host = parts.hostname
    if host == "localhost" or host.endswith((".localhost", ".local", ".internal")):
        raise FetchError(f"{host} is a local address; refused")
    try:
        internal = is_internal(host)
    except ValueError:
        try:  # shorthand IPv4 forms that resolvers accept: "2130706433", "127.1", "0x7f.1"
            internal = is_internal(socket.inet_ntoa(socket.inet_aton(host)))
        except OSError:
            return  # a name: checked by the resolver when connecting
    if internal:
        raise FetchError(f"{host} is a private or internal address; refused")


async def fetch_article(url: str, policy: FetchPolicy) -> Document:
    """Download and parse an article; raises FetchError or IngestError with a clear reason."""
    connector_args: dict[str, Any] = {}
    if not policy.allow_private:
        connector_args["resolver"] = _PublicOnlyResolver()
    timeout = aiohttp.ClientTimeout(total=policy.timeout_seconds)
    try:
        async with aiohttp.ClientSession(
            connector=aiohttp.TCPConnector(**connector_args),
            timeout=timeout,
            headers={"User-Agent": USER_AGENT},
        ) as session:
            current = url
            for _ in range(MAX_REDIRECTS + 1):
                _check_url(current, policy)
                async with session.get(current, allow_redirects=False) as response:
                    if response.status in {301, 302, 303, 307, 308}:
                        location = response.headers.get("Location")
                        if not location:
                            raise FetchError(f"redirect without a location ({response.status})")
                        current = urljoin(current, location)
                        continue
                    return await _read(response, current, url, policy)
            raise FetchError(f"more than {MAX_REDIRECTS} redirects")
    except FetchError:
        raise
    except TimeoutError:
        raise FetchError(f"the site did not answer within {policy.timeout_seconds:g} s") from None
    except aiohttp.ClientConnectorError as exc:
        inner = exc.__cause__ or exc.os_error
        if isinstance(inner, FetchError):
            raise inner from None
        raise FetchError(f"cannot connect to {urlsplit(url).hostname}") from None
    except aiohttp.ClientError as exc:
        raise FetchError(f"download failed ({exc.__class__.__name__})") from None


async def _read(
    response: aiohttp.ClientResponse, final_url: str, url: str, policy: FetchPolicy
) -> Document:
    if response.status != 200:
        raise FetchError(
            f"the site answered HTTP {response.status} {response.reason or ''}".strip()
        )
    ctype = response.headers.get("Content-Type", "").split(";")[0].strip().lower()
    if ctype not in CONTENT_TYPES:
        raise FetchError(f"not an article page (content type {ctype or 'unknown'})")
    declared = response.content_length
    if declared is not None and declared > policy.max_bytes:
        raise FetchError(f"too large ({declared:,} bytes; the limit is {policy.max_bytes:,})")
    chunks, size = [], 0
    async for chunk in response.content.iter_chunked(64 * 1024):
        size += len(chunk)
        if size > policy.max_bytes:
            raise FetchError(f"too large (over {policy.max_bytes:,} bytes)")
        chunks.append(chunk)
    data = b"".join(chunks)
    charset = response.charset
    if charset and charset.lower() not in {"utf-8", "utf8", "us-ascii", "ascii"}:
        try:
            data = data.decode(charset).encode("utf-8")
        except (LookupError, UnicodeDecodeError):
            raise FetchError(f"cannot decode the page ({charset})") from None
    name = urlsplit(final_url).path.rsplit("/", 1)[-1]
    parse = partial(parse_bytes, data, source=url, filename=name, content_type=ctype, url=url)
    try:  # HTML extraction is CPU work: keep it off the event loop
        return await asyncio.get_running_loop().run_in_executor(None, parse)
    except IngestError as exc:
        raise FetchError(str(exc)) from None
