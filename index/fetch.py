"""Fetch an article by URL, safely: for ``/articles add url:`` and ``articlebot index URL``.

http(s) only; one deadline for the whole fetch, redirects included; a size cap on the
bytes after Content-Encoding is undone, enforced while reading; an allow-list of content
types and of character sets; and, unless the config allows it, no private, loopback,
link-local or otherwise internal address.

Where a fetch may go is decided on what the socket actually connects to, not on how the
URL spells its host: the same host can be written in fullwidth digits, with an
ideographic full stop, as an IDNA label or as an IPv6 address that carries an IPv4 one,
and the HTTP client normalises the spelling after any check on the raw text. So:

1. the URL is parsed with ``yarl.URL`` exactly as aiohttp parses it, and the normalised
   host is refused early if it is a local name or an internal literal address;
2. every address a name resolves to is checked in the resolver aiohttp connects with, so
   a second lookup cannot answer differently;
3. every address a socket is about to connect to is checked (aiohttp's ``socket_factory``),
   so no TCP connection, let alone a request, reaches an internal host;
4. the peer of every connection a request is sent on, new or taken from the pool, is
   checked once more before the request is written.

Layers 3 and 4 hold whatever spelling got past 1 and 2, on the first request and on every
redirect, which are followed here one at a time so each is checked from the start.
"""

from __future__ import annotations

import asyncio
import codecs
import ipaddress
import math
import socket
import zlib
from collections.abc import Collection, Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from functools import partial
from typing import TYPE_CHECKING

import aiohttp
from aiohttp.abc import AbstractResolver, ResolveResult
from yarl import URL

from .errors import ArticlebotError
from .ingest import IngestError, parse_bytes
from .models import Document

if TYPE_CHECKING:
    from aiohappyeyeballs import AddrInfoType
    from aiohttp.connector import Connection
    from aiohttp.tracing import Trace

CONTENT_TYPES = {"text/html", "application/xhtml+xml", "text/plain", "text/markdown"}
# What RSS and Atom feeds are served as (index/feeds.py parses them).
FEED_CONTENT_TYPES = {
    "application/rss+xml", "application/atom+xml", "application/rdf+xml", "application/xml",
    "text/xml", "application/x-rss+xml",
}  # fmt: skip
NOT_MODIFIED = 304
MAX_REDIRECTS = 5
USER_AGENT = "articlebot/0.1 (+https://github.com/; Discord article quoting bot)"
# Only the encodings this module can undo with a bound on the output (see _Decoder).
ACCEPT_ENCODING = "gzip, deflate"
REDIRECTS = {301, 302, 303, 307, 308}
_CHUNK = 64 * 1024

# Decoding and HTML extraction are CPU work; they run here, not on the event loop and not
# in the loop's default executor, where aiohttp resolves host names: a few slow pages
# there would hold up every other fetch's DNS lookup. Small, so parsing cannot take over
# the machine either.
PARSE_EXECUTOR = ThreadPoolExecutor(max_workers=2, thread_name_prefix="articlebot-parse")

# The character sets of the WHATWG Encoding Standard (what browsers decode pages with),
# as Python codec names, plus cp932 (Windows' Shift_JIS). Anything else is refused: Python
# also registers codecs that are not text encodings at all (base64, zlib, rot13, hex...)
# or that are text but absurd for a web page and slow on hostile input (punycode, idna,
# unicode_escape, utf-7...).
_TEXT_CODECS = frozenset(
    codecs.lookup(label).name
    for label in (
        "utf-8", "utf-16", "utf-16-le", "utf-16-be", "ascii", "iso-8859-1", "ibm866",
        "iso-8859-2", "iso-8859-3", "iso-8859-4", "iso-8859-5", "iso-8859-6",
        "iso-8859-7", "iso-8859-8", "iso-8859-10", "iso-8859-13", "iso-8859-14",
        "iso-8859-15", "iso-8859-16", "koi8-r", "koi8-u", "mac-roman", "mac-cyrillic",
        "cp874", "cp1250", "cp1251", "cp1252", "cp1253", "cp1254", "cp1255", "cp1256",
        "cp1257", "cp1258", "gbk", "gb2312", "gb18030", "big5", "euc-jp", "iso-2022-jp",
        "shift_jis", "cp932", "euc-kr",
    )
)  # fmt: skip
_UTF8_COMPATIBLE = frozenset({"utf-8", "ascii"})  # parse_bytes decodes these itself

# IPv6 ranges that carry an IPv4 address in their last 32 bits, which a translator,
# tunnel or dual-stack host may deliver to that IPv4 address.
_NAT64 = ipaddress.IPv6Network("64:ff9b::/96")  # RFC 6052 well-known prefix
_IPV4_COMPATIBLE = ipaddress.IPv6Network("::/96")  # RFC 4291, deprecated
_IPV4_TRANSLATED = ipaddress.IPv6Network("::ffff:0:0:0/96")  # RFC 2765 (SIIT)
# RFC 8215 local-use translation prefix: where it puts the IPv4 address is up to the
# local operator, so all of it is internal.
_NAT64_LOCAL = ipaddress.IPv6Network("64:ff9b:1::/48")


class FetchError(ArticlebotError):
    """A URL that cannot be added; ``str()`` is a one-line reason for the user."""


@dataclass(frozen=True)
class FeedDownload:
    """A feed as downloaded: its bytes, or ``not_modified`` (a 304 answer to a conditional
    GET), and the caching headers the next request and the poll schedule need."""

    url: str  # after redirects
    body: bytes
    charset: str | None  # a real text encoding of the web, checked like a page's
    not_modified: bool = False
    etag: str | None = None
    last_modified: str | None = None
    cache_control: str | None = None


class _PeerRefused(OSError):
    """Raised from the socket factory; an OSError so aiohttp treats it as a failed connect."""


@dataclass(frozen=True)
class FetchPolicy:
    """What one fetch may do. Invalid limits raise FetchError: no value removes a limit."""

    timeout_seconds: float = 15.0
    max_bytes: int = 5 * 1024 * 1024
    allow_private: bool = False
    # Exact (address, port) pairs that may be connected to although they are internal.
    # For tests, which serve pages from 127.0.0.1 and still check every other guard; it
    # is not a config option, and it never lets through another port or address.
    allow_peers: frozenset[tuple[str, int]] = frozenset()

    def __post_init__(self) -> None:
        timeout = self.timeout_seconds
        if isinstance(timeout, bool) or not isinstance(timeout, int | float):
            raise FetchError(f"the fetch time limit must be a number, not {timeout!r}")
        if not (math.isfinite(timeout) and timeout > 0):
            raise FetchError(f"the fetch time limit must be a positive number, not {timeout}")
        size = self.max_bytes
        if isinstance(size, bool) or not isinstance(size, int) or size < 1:
            raise FetchError(f"the fetch size limit must be a positive whole number, not {size!r}")
        try:
            peers = frozenset((_canonical(host), int(port)) for host, port in self.allow_peers)
        except (TypeError, ValueError):
            raise FetchError("allow_peers must hold (IP address, port) pairs") from None
        object.__setattr__(self, "allow_peers", peers)

    def allows(self, address: str, port: int | None) -> bool:
        """May a connection go to ``address``:``port``?"""
        if self.allow_private:
            return True
        try:
            if not is_internal(address):
                return True
            return (_canonical(address), port) in self.allow_peers
        except ValueError:  # not an IP address: never connect to what cannot be checked
            return False


def _canonical(address: str) -> str:
    return str(ipaddress.ip_address(address.split("%", 1)[0]))


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
    """True unless ``address`` is public unicast and every IPv4 address it embeds is too.

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

    def __init__(
        self, policy: FetchPolicy | None = None, inner: AbstractResolver | None = None
    ) -> None:
        self._policy = policy or FetchPolicy()
        self._owns_inner = inner is None
        self._inner: AbstractResolver = inner or aiohttp.ThreadedResolver()

    async def resolve(
        self, host: str, port: int = 0, family: socket.AddressFamily = socket.AF_INET
    ) -> list[ResolveResult]:
        results = await self._inner.resolve(host, port, family)
        allowed = [r for r in results if self._policy.allows(r["host"], r["port"])]
        if not allowed:
            raise FetchError(f"{host} resolves to a private or internal address; refused")
        return allowed

    async def close(self) -> None:
        if self._owns_inner:
            await self._inner.close()


class _PeerGuard:
    """Checks the address of every socket and connection a fetch uses (layers 3 and 4)."""

    def __init__(self, policy: FetchPolicy) -> None:
        self.policy = policy
        self.refusal: str | None = None  # why the last connection was refused

    def check(self, peer: object) -> None:
        """Raise FetchError unless ``peer``, a socket address, may be connected to."""
        host: str | None = None
        port: int | None = None
        if isinstance(peer, tuple) and len(peer) >= 2:
            host, port = str(peer[0]), peer[1]
        if host is None:
            self.refusal = "the address of the connection is unknown; refused"
            raise FetchError(self.refusal)
        if not self.policy.allows(host, port):
            self.refusal = f"{host} is a private or internal address; refused"
            raise FetchError(self.refusal)

    def socket_factory(self, addr_info: AddrInfoType) -> socket.socket:
        family, type_, proto, _, address = addr_info
        try:
            self.check(address)
        except FetchError as exc:
            raise _PeerRefused(str(exc)) from None
        return socket.socket(family=family, type=type_, proto=proto)


class _GuardedConnector(aiohttp.TCPConnector):
    """A TCPConnector whose sockets and connections (new or pooled) pass a _PeerGuard."""

    def __init__(self, guard: _PeerGuard, resolver: AbstractResolver) -> None:
        super().__init__(resolver=resolver, socket_factory=guard.socket_factory)
        self._guard = guard

    async def connect(
        self, req: aiohttp.ClientRequest, traces: list[Trace], timeout: aiohttp.ClientTimeout
    ) -> Connection:
        conn = await super().connect(req, traces, timeout)
        transport = conn.transport
        try:
            self._guard.check(transport.get_extra_info("peername") if transport else None)
        except FetchError:
            conn.close()
            raise
        return conn


def _check_url(url: str | URL, policy: FetchPolicy) -> URL:
    """The URL as aiohttp will use it; raises FetchError for what must not be fetched."""
    try:  # aiohttp turns a str into URL(str); the host comes out IDNA- and NFKC-normalised
        parsed = url if isinstance(url, URL) else URL(url)
        host, port, scheme = parsed.raw_host, parsed.port, parsed.scheme
    except (ValueError, TypeError):
        raise FetchError("not a valid URL") from None
    if scheme not in {"http", "https"}:
        raise FetchError("only http:// and https:// URLs can be added")
    if not host:
        raise FetchError("the URL has no host name")
    if policy.allow_private:
        return parsed
    name = host.rstrip(".").lower()
    shown = name[:100]
    if name == "localhost" or name.endswith((".localhost", ".local", ".internal")):
        raise FetchError(f"{shown} is a local address; refused")
    try:
        address = _canonical(name)
    except ValueError:
        if ":" in name:  # meant as an IPv6 address, but not one
            raise FetchError("not a valid URL") from None
        try:  # shorthand IPv4 forms that resolvers accept: "2130706433", "127.1", "0x7f.1"
            address = socket.inet_ntoa(socket.inet_aton(name))
        except (OSError, ValueError):
            return parsed  # a name: checked by the resolver, then on the socket
    if not policy.allows(address, port):
        raise FetchError(f"{shown} is a private or internal address; refused")
    return parsed


async def fetch_article(
    url: str, policy: FetchPolicy, *, resolver: AbstractResolver | None = None
) -> Document:
    """Download and parse an article; raises FetchError with a clear reason.

    ``resolver`` replaces the system resolver under the address checks (for tests).
    """
    try:
        return await _fetch(url, policy, resolver)
    except ValueError:  # the URL as the HTTP client reads it: "http://[::1", a host too long
        raise FetchError("that is not a valid web address") from None


async def _fetch(url: str, policy: FetchPolicy, resolver: AbstractResolver | None) -> Document:
    target = _check_url(url, policy)
    try:
        async with asyncio.timeout(policy.timeout_seconds):
            got = await _download(target, policy, resolver)
    except TimeoutError:
        raise FetchError(f"the site did not answer within {policy.timeout_seconds:g} s") from None
    work = partial(
        _decode_and_parse, got.data, got.charset, url=url, filename=got.url.name,
        content_type=got.content_type,
    )  # fmt: skip
    try:
        return await asyncio.get_running_loop().run_in_executor(PARSE_EXECUTOR, work)
    except IngestError as exc:
        raise FetchError(str(exc)) from None


async def fetch_feed(
    url: str,
    policy: FetchPolicy,
    *,
    etag: str | None = None,
    last_modified: str | None = None,
    resolver: AbstractResolver | None = None,
) -> FeedDownload:
    """Download a feed with every guard of :func:`fetch_article` (addresses, redirects,
    one deadline, the size cap, web charsets), as a conditional GET when ``etag`` or
    ``last_modified`` come from the previous answer: a 304 costs the site no body.
    Parsing is the caller's (index/feeds.py)."""
    conditional = {}
    if etag:
        conditional["If-None-Match"] = etag
    if last_modified:
        conditional["If-Modified-Since"] = last_modified
    try:
        target = _check_url(url, policy)
        async with asyncio.timeout(policy.timeout_seconds):
            got = await _download(
                target, policy, resolver, extra_headers=conditional,
                content_types=FEED_CONTENT_TYPES, not_modified_ok=bool(conditional),
            )  # fmt: skip
    except TimeoutError:
        raise FetchError(f"the site did not answer within {policy.timeout_seconds:g} s") from None
    except ValueError:  # the URL as the HTTP client reads it
        raise FetchError("that is not a valid web address") from None
    headers = got.headers
    return FeedDownload(
        url=str(got.url),
        body=got.data,
        charset=got.charset,
        not_modified=got.status == NOT_MODIFIED,
        etag=_header(headers, "ETag") or (etag if got.status == NOT_MODIFIED else None),
        last_modified=_header(headers, "Last-Modified")
        or (last_modified if got.status == NOT_MODIFIED else None),
        cache_control=_header(headers, "Cache-Control"),
    )


_MAX_HEADER_CHARS = 512  # an ETag or a date; longer is not worth storing or sending back


def _header(headers: Mapping[str, str], name: str) -> str | None:
    value = headers.get(name)
    if not value or len(value) > _MAX_HEADER_CHARS or not value.isprintable():
        return None
    return value


@dataclass(frozen=True)
class _Downloaded:
    url: URL  # after redirects
    status: int
    data: bytes
    charset: str | None
    content_type: str
    headers: Mapping[str, str]


async def _download(
    target: URL,
    policy: FetchPolicy,
    inner: AbstractResolver | None,
    *,
    extra_headers: Mapping[str, str] | None = None,
    content_types: Collection[str] = CONTENT_TYPES,
    not_modified_ok: bool = False,
) -> _Downloaded:
    guard = _PeerGuard(policy)
    resolver = _PublicOnlyResolver(policy, inner)
    headers = {"User-Agent": USER_AGENT, "Accept-Encoding": ACCEPT_ENCODING}
    try:
        async with aiohttp.ClientSession(
            connector=_GuardedConnector(guard, resolver),
            timeout=aiohttp.ClientTimeout(total=policy.timeout_seconds),
            headers=headers,
            auto_decompress=False,  # _Decoder does it, within the size cap
            trust_env=False,  # no proxy from the environment: connect where checked
        ) as session:
            for hop in range(MAX_REDIRECTS + 1):
                if hop:
                    target = _check_url(target, policy)
                async with session.get(
                    target, allow_redirects=False, headers=extra_headers
                ) as response:
                    if response.status in REDIRECTS:
                        target = _redirect_target(target, response)
                        continue
                    if not_modified_ok and response.status == NOT_MODIFIED:
                        return _Downloaded(target, NOT_MODIFIED, b"", None, "", response.headers)
                    data, charset, ctype = await _read(response, policy, content_types)
                    return _Downloaded(target, response.status, data, charset, ctype,
                                       response.headers)  # fmt: skip
            raise FetchError(f"more than {MAX_REDIRECTS} redirects")
    except (FetchError, TimeoutError):
        raise
    except aiohttp.ClientConnectorError as exc:
        inner_exc = exc.__cause__ or exc.os_error
        if isinstance(inner_exc, FetchError):
            raise inner_exc from None
        if guard.refusal:
            raise FetchError(guard.refusal) from None
        raise FetchError(f"cannot connect to {(target.host or '')[:100]}") from None
    except aiohttp.ClientError as exc:
        raise FetchError(f"download failed ({exc.__class__.__name__})") from None
    except OSError as exc:
        raise FetchError(f"download failed ({exc.__class__.__name__})") from None
    finally:
        await resolver.close()


def _redirect_target(current: URL, response: aiohttp.ClientResponse) -> URL:
    location = response.headers.get("Location")
    if not location:
        raise FetchError(f"redirect without a location ({response.status})")
    try:  # joined the way aiohttp joins redirects; checked by the next hop's _check_url
        return current.join(URL(location))
    except (ValueError, TypeError):
        raise FetchError("the site redirected to an invalid URL") from None


async def _read(
    response: aiohttp.ClientResponse,
    policy: FetchPolicy,
    content_types: Collection[str] = CONTENT_TYPES,
) -> tuple[bytes, str | None, str]:
    if response.status != 200:
        raise FetchError(
            f"the site answered HTTP {response.status} {response.reason or ''}".strip()
        )
    ctype = response.headers.get("Content-Type", "").split(";")[0].strip().lower()
    if ctype not in content_types:
        kind = "a feed" if content_types is FEED_CONTENT_TYPES else "an article page"
        raise FetchError(f"not {kind} (content type {ctype[:60] or 'unknown'})")
    charset = _text_codec(response.charset)
    declared = response.content_length
    if declared is not None and declared > policy.max_bytes:
        raise FetchError(f"too large ({declared:,} bytes; the limit is {policy.max_bytes:,})")
    decoder = _Decoder(",".join(response.headers.getall("Content-Encoding", [])), policy)
    received = 0
    async for chunk in response.content.iter_chunked(_CHUNK):
        received += len(chunk)
        if received > policy.max_bytes:
            raise FetchError(f"too large (over {policy.max_bytes:,} bytes)")
        decoder.feed(chunk)
    return decoder.finish(), charset, ctype


def _text_codec(charset: str | None) -> str | None:
    """The Python codec for a declared charset, if it is a real text encoding of the web."""
    if not charset:
        return None
    shown = charset[:40]
    try:
        name = codecs.lookup(charset).name
    except (LookupError, ValueError):
        raise FetchError(f"cannot decode the page (unknown charset {shown})") from None
    if name not in _TEXT_CODECS:
        raise FetchError(f"cannot decode the page (unsupported charset {shown})")
    return name


class _Decoder:
    """Undoes a Content-Encoding as the body arrives, never producing more than the cap.

    zlib is asked for at most one byte more than the room left, so a small compressed
    body that inflates to gigabytes costs the cap in memory and time, not the gigabytes.
    """

    _GZIP = 16 + zlib.MAX_WBITS
    _MAX_MEMBERS = 100  # concatenated gzip members; each costs a fresh decompressor

    def __init__(self, encoding: str, policy: FetchPolicy) -> None:
        coding = encoding.strip().lower()
        self._cap = policy.max_bytes
        self._out: list[bytes] = []
        self._size = 0
        self._members = 1
        self._sniff = False  # deflate: zlib-wrapped or raw is told by the first byte
        self._wbits: int | None = None
        if coding in {"gzip", "x-gzip"}:
            self._wbits = self._GZIP
        elif coding == "deflate":
            self._wbits, self._sniff = zlib.MAX_WBITS, True
        elif coding not in {"", "identity"}:
            raise FetchError(f"unsupported content encoding ({coding[:40]})")
        self._zlib = zlib.decompressobj(self._wbits) if self._wbits is not None else None

    def feed(self, data: bytes) -> None:
        if self._zlib is None:
            self._add(data)
            return
        if self._sniff and data:
            self._sniff = False
            if data[0] & 0x0F != 8:  # not a zlib header (as aiohttp decides): raw deflate
                self._wbits = -zlib.MAX_WBITS
                self._zlib = zlib.decompressobj(self._wbits)
        try:
            while data:
                self._add(self._zlib.decompress(data, self._cap - self._size + 1))
                data = self._zlib.unconsumed_tail
                rest = self._zlib.unused_data
                if self._wbits == self._GZIP and self._zlib.eof and rest[:2] == b"\x1f\x8b":
                    self._members += 1
                    if self._members > self._MAX_MEMBERS:
                        raise FetchError("cannot decompress the page (too many gzip members)")
                    self._zlib = zlib.decompressobj(self._wbits)
                    data = rest
        except zlib.error:
            raise FetchError("cannot decompress the page") from None

    def finish(self) -> bytes:
        """The decoded body; refuses one whose compressed stream is cut short."""
        if self._zlib is not None:
            try:
                self._add(self._zlib.flush())
            except zlib.error:
                raise FetchError("cannot decompress the page") from None
            if not self._zlib.eof:
                raise FetchError("cannot decompress the page (it is cut short)")
        return b"".join(self._out)

    def _add(self, data: bytes) -> None:
        self._size += len(data)
        if self._size > self._cap:
            raise FetchError(f"too large (over {self._cap:,} bytes)")
        if data:
            self._out.append(data)


def _decode_and_parse(
    data: bytes, charset: str | None, *, url: str, filename: str, content_type: str
) -> Document:
    """Runs in PARSE_EXECUTOR: decoding a large page is CPU work, like extracting it."""
    if charset is not None and charset not in _UTF8_COMPATIBLE:
        try:
            data = data.decode(charset).encode("utf-8")
        except UnicodeError:
            raise FetchError(f"cannot decode the page ({charset})") from None
    return parse_bytes(data, source=url, filename=filename, content_type=content_type, url=url)
