"""RSS and Atom feeds: parsing (with feedparser) and the polite polling schedule.

Nothing here touches the network or the database: :mod:`index.feed_poller` downloads a
feed with :func:`index.fetch.fetch_feed` (every guard of ``/articles add``), hands the bytes
to :func:`parse_feed` on the fetch module's parse worker, and asks :func:`next_poll_in` when
to come back.

feedparser is given the bytes as a stream, never a string: a string that looks like a URL
or a file name would make it fetch or open that itself, past every guard.
"""

from __future__ import annotations

import calendar
import codecs
import io
import random
import re
import time
from dataclasses import dataclass
from typing import Any

import feedparser
import lxml.html

from .errors import ArticlebotError
from .fetch import _TEXT_CODECS

DEFAULT_INTERVAL = 30 * 60  # seconds between polls of one feed, unless the feed asks less
MIN_INTERVAL = 5 * 60  # never more often than this, whatever a follower asks
MAX_INTERVAL = 24 * 60 * 60  # backoff and ttl stop growing here
MAX_FAILURES = 5  # failures in a row before a feed is paused
JITTER = 0.1  # up to 10% later, so feeds followed together are not polled together
MAX_ENTRIES = 200  # of one feed document; beyond are older entries nobody will ask about
MAX_CONTENT_CHARS = 200_000  # of one entry's own content, as HTML
MAX_TITLE_CHARS = 300  # as index/ingest.py clips article titles
MAX_LINK_CHARS = 2_000  # as index/ingest.py bounds URLs
_BLOCKS = "p li h1 h2 h3 h4 h5 h6 blockquote pre dd dt td figcaption".split()
_XML_ENCODING = re.compile(rb"""^\s*<\?xml[^>]*?encoding\s*=\s*["']([A-Za-z0-9._:-]{1,40})["']""")
_MAX_AGE = re.compile(r"(?:^|[,\s])max-age\s*=\s*\"?(\d{1,10})", re.I)


class FeedError(ArticlebotError):
    """A feed that cannot be read; ``str()`` is one line for the user."""


@dataclass(frozen=True)
class FeedEntry:
    """One item of a feed, reduced to what the library needs."""

    key: str  # the guid (Atom id), else the link: what "seen" means
    link: str | None  # the article page, http(s) only
    title: str
    date: str | None  # YYYY-MM-DD, from published (else updated)
    content: str  # the entry's own text (full content, else summary), as plain paragraphs
    full_content: bool  # content came from <content>/<content:encoded>, not a teaser


@dataclass(frozen=True)
class ParsedFeed:
    title: str
    entries: list[FeedEntry]  # oldest first, as they should be added
    ttl_seconds: int | None  # RSS <ttl>: how long the feed asks to be cached


def parse_feed(body: bytes, url: str, charset: str | None = None) -> ParsedFeed:
    """Parse a downloaded feed (CPU work: run it off the event loop).

    Raises FeedError for what is no RSS or Atom feed at all; a feed that is merely
    malformed (feedparser's "bozo") is read as far as it goes, as readers do.
    """
    _check_declared_encoding(body)
    headers = {"content-location": url}
    if charset:
        headers["content-type"] = f"application/xml; charset={charset}"
    try:
        parsed = feedparser.parse(
            io.BytesIO(body), response_headers=headers, sanitize_html=False,
            resolve_relative_uris=False,
        )  # fmt: skip
    except (RecursionError, MemoryError, ValueError) as exc:
        raise FeedError(f"not a readable feed ({exc.__class__.__name__})") from None
    if not parsed.get("version") and not parsed.entries:
        reason = parsed.get("bozo_exception")
        detail = f" ({_one_line(str(reason), 120)})" if reason else ""
        raise FeedError(f"not a readable RSS or Atom feed{detail}")
    feed = parsed.feed
    entries = [e for e in (_entry(raw, url) for raw in parsed.entries[:MAX_ENTRIES]) if e]
    entries.reverse()  # feeds list the newest first
    return ParsedFeed(
        title=_one_line(str(feed.get("title") or url), MAX_TITLE_CHARS),
        entries=_unique(entries),
        ttl_seconds=_ttl(feed.get("ttl")),
    )


def _check_declared_encoding(body: bytes) -> None:
    """Refuse an XML declaration naming a codec that is no text encoding of the web (the
    same list as pages): Python's punycode or utf-7 codecs are slow on hostile input."""
    found = _XML_ENCODING.match(body[:512].lstrip(b"\xef\xbb\xbf"))
    if found is None:
        return
    label = found.group(1).decode("ascii")
    try:
        name = codecs.lookup(label).name
    except LookupError:
        return  # feedparser falls back to other encodings for an unknown label
    if name not in _TEXT_CODECS:
        raise FeedError(f"cannot decode the feed (unsupported encoding {label})")


def _entry(raw: Any, feed_url: str) -> FeedEntry | None:
    link = _link(raw.get("link"))
    guid = raw.get("id")
    key = _one_line(str(guid), MAX_LINK_CHARS) if isinstance(guid, str) and guid.strip() else link
    if not key:
        return None  # nothing to tell it apart by, nothing to cite
    content, full = _content(raw)
    title = _one_line(str(raw.get("title") or ""), MAX_TITLE_CHARS) or link or feed_url
    return FeedEntry(key=key, link=link, title=title, date=_date(raw), content=content,
                     full_content=full)  # fmt: skip


def _link(value: object) -> str | None:
    if not isinstance(value, str):
        return None
    link = value.strip()
    if len(link) > MAX_LINK_CHARS or not link.lower().startswith(("http://", "https://")):
        return None
    return link if link.isprintable() and " " not in link else None


def _content(raw: Any) -> tuple[str, bool]:
    """The entry's text as plain paragraphs: full content when the feed carries it."""
    for part in raw.get("content") or []:
        text = _html_text(str(part.get("value") or ""))
        if text:
            return text, True
    return _html_text(str(raw.get("summary") or "")), False


def _html_text(html: str) -> str:
    """Paragraphs of an HTML fragment, one a block element, separated by blank lines."""
    html = html[:MAX_CONTENT_CHARS]
    if not html.strip():
        return ""
    if "<" not in html:
        return "\n\n".join(_one_line(p, MAX_CONTENT_CHARS) for p in html.split("\n\n") if p.strip())
    try:
        root = lxml.html.fragment_fromstring(html, create_parent="div")
    except (ValueError, lxml.etree.ParserError):
        return ""
    for bad in root.xpath("//script|//style"):
        bad.drop_tree()
    # The innermost blocks: a <li> holding a <p> gives its text once.
    blocks = [b for b in root.iter(*_BLOCKS) if next(b.iterdescendants(*_BLOCKS), None) is None]
    texts = [_one_line(b.text_content(), MAX_CONTENT_CHARS) for b in blocks]
    if not any(texts):
        texts = [_one_line(root.text_content(), MAX_CONTENT_CHARS)]
    return "\n\n".join(t for t in texts if t)


def _date(raw: Any) -> str | None:
    for key in ("published_parsed", "updated_parsed"):
        value = raw.get(key)
        if isinstance(value, time.struct_time):
            return time.strftime("%Y-%m-%d", time.gmtime(calendar.timegm(value)))
    return None


def _ttl(value: object) -> int | None:
    """RSS ``<ttl>`` is in minutes."""
    try:
        minutes = int(str(value).strip())
    except (TypeError, ValueError):
        return None
    return min(minutes * 60, MAX_INTERVAL) if minutes > 0 else None


def _unique(entries: list[FeedEntry]) -> list[FeedEntry]:
    seen: set[str] = set()
    out = []
    for e in entries:
        if e.key in seen or (e.link is not None and e.link in seen):
            continue
        seen.update({e.key, e.link} - {None})  # type: ignore[arg-type]
        out.append(e)
    return out


def _one_line(text: str, limit: int) -> str:
    return " ".join(text.split())[:limit]


def max_age(cache_control: str | None) -> int | None:
    """Seconds a ``Cache-Control: max-age`` asks to be left alone; None without one."""
    if not cache_control:
        return None
    found = _MAX_AGE.search(cache_control[:512])
    return min(int(found.group(1)), MAX_INTERVAL) if found else None


def next_poll_in(
    interval: int,
    *,
    floor: int | None = None,
    failures: int = 0,
    rng: random.Random | None = None,
) -> int:
    """Seconds until a feed is polled again.

    The follower's ``interval``, never shorter than what the feed asked (``floor``: its
    ``ttl`` or ``max-age``) nor than MIN_INTERVAL; doubled for each failure in a row (up to
    MAX_INTERVAL); plus up to JITTER later, never earlier, so the floor holds.
    """
    base = max(interval, floor or 0, MIN_INTERVAL)
    base = min(base * 2 ** min(failures, 16), max(MAX_INTERVAL, base))
    return int(base * (1 + (rng or random).uniform(0, JITTER)))
