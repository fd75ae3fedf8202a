"""A news site on 127.0.0.1 for the feed tests: RSS 2.0 and Atom feeds with conditional
GET, article pages, huge pages, failures and redirects, every request recorded.

Fetches reach it only through an exact ``allow_peers`` entry for its port, so every
other guard of index/fetch.py stays on.
"""

from __future__ import annotations

import hashlib
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from html import escape

from aiohttp import web

from index.fetch import FetchPolicy

LAST_MODIFIED = "Wed, 21 Oct 2026 07:28:00 GMT"
HUGE = 10 * 1024 * 1024


@dataclass
class Item:
    slug: str
    title: str
    words: str  # a sentence the page (and the feed's content) holds, to ask about
    date: str = "Mon, 02 Jun 2025 10:00:00 GMT"
    guid: str | None = None
    content: bool = True  # the feed carries the full text (content:encoded / <content>)
    link: str | None = None  # default: the site's page for the slug


@dataclass
class Feed:
    kind: str = "rss"  # or "atom"
    title: str = "Harbour News"
    items: list[Item] = field(default_factory=list)
    ttl_minutes: int | None = None
    conditional: bool = True  # answers 304 to a matching If-None-Match / If-Modified-Since
    cache_control: str | None = None


@dataclass
class Site:
    port: int = 0
    feeds: dict[str, Feed] = field(default_factory=dict)
    pages: dict[str, str] = field(default_factory=dict)  # path → HTML
    huge: set[str] = field(default_factory=set)  # paths that stream 10 MB
    failing: set[str] = field(default_factory=set)  # paths that answer 500
    raw: dict[str, tuple[bytes, str]] = field(default_factory=dict)  # path → (body, type)
    redirects: dict[str, str] = field(default_factory=dict)  # path → Location
    requests: list[tuple[str, dict[str, str]]] = field(default_factory=list)

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def policy(self, **limits: float) -> FetchPolicy:
        return FetchPolicy(allow_peers=frozenset({("127.0.0.1", self.port)}), **limits)  # type: ignore[arg-type]

    def hits(self, path: str) -> int:
        return sum(1 for p, _ in self.requests if p == path)

    def publish(self, feed_path: str, item: Item, *, page: bool = True, huge: bool = False) -> None:
        """Add an item on top of a feed, with its article page."""
        self.feeds[feed_path].items.insert(0, item)
        path = f"/news/{item.slug}"
        if huge:
            self.huge.add(path)
        elif page:
            self.pages[path] = article_page(item)

    def render(self, feed_path: str) -> bytes:
        feed = self.feeds[feed_path]
        return (rss if feed.kind == "rss" else atom)(feed, self)

    def link(self, item: Item) -> str:
        return item.link or self.url(f"/news/{item.slug}")


def article_page(item: Item) -> str:
    return (
        f"<html><head><title>{escape(item.title)}</title></head><body><article>"
        f"<h1>{escape(item.title)}</h1><p>{escape(item.words)}</p>"
        "<p>The harbour master said the port would stay open through the night.</p>"
        "</article></body></html>"
    )


def rss(feed: Feed, site: Site) -> bytes:
    items = []
    for it in feed.items:
        guid = f'<guid isPermaLink="false">{escape(it.guid)}</guid>' if it.guid else ""
        full = (
            f"<content:encoded><![CDATA[<p>{escape(it.words)}</p>"
            "<p>Crews worked through the weekend, the operator said.</p>]]></content:encoded>"
            if it.content
            else ""
        )
        items.append(
            f"<item><title>{escape(it.title)}</title><link>{escape(site.link(it))}</link>{guid}"
            f"<pubDate>{it.date}</pubDate><description>Teaser for {escape(it.title)}"
            f"</description>{full}</item>"
        )
    ttl = f"<ttl>{feed.ttl_minutes}</ttl>" if feed.ttl_minutes else ""
    return (
        '<?xml version="1.0" encoding="utf-8"?>\n<rss version="2.0" '
        'xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel>'
        f"<title>{escape(feed.title)}</title><link>{site.url('/')}</link>{ttl}"
        + "".join(items)
        + "</channel></rss>"
    ).encode()


def atom(feed: Feed, site: Site) -> bytes:
    entries = []
    for it in feed.items:
        content = (
            f'<content type="html">{escape(f"<p>{escape(it.words)}</p>")}</content>'
            if it.content
            else ""
        )
        entries.append(
            f"<entry><id>{escape(it.guid or 'urn:' + it.slug)}</id><title>{escape(it.title)}"
            f'</title><link rel="alternate" href="{escape(site.link(it))}"/>'
            f"<updated>2025-06-02T10:00:00Z</updated><summary>Teaser</summary>{content}</entry>"
        )
    return (
        '<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">'
        f"<title>{escape(feed.title)}</title><id>urn:feed</id>"
        "<updated>2025-06-02T10:00:00Z</updated>" + "".join(entries) + "</feed>"
    ).encode()


async def _handle(site: Site, request: web.Request) -> web.StreamResponse:
    path = request.path
    site.requests.append((path, dict(request.headers)))
    if path in site.failing:
        return web.Response(status=500, text="down")
    if path in site.redirects:
        raise web.HTTPFound(site.redirects[path])
    if path in site.raw:
        body, ctype = site.raw[path]
        return web.Response(body=body, headers={"Content-Type": ctype})
    if path in site.feeds:
        feed = site.feeds[path]
        body = site.render(path)
        etag = '"' + hashlib.sha1(body).hexdigest()[:16] + '"'
        headers = {"ETag": etag, "Last-Modified": LAST_MODIFIED}
        if feed.cache_control:
            headers["Cache-Control"] = feed.cache_control
        if feed.conditional and request.headers.get("If-None-Match") == etag:
            return web.Response(status=304, headers=headers)
        content_type = "application/rss+xml" if feed.kind == "rss" else "application/atom+xml"
        return web.Response(body=body, headers={**headers, "Content-Type": content_type})
    if path in site.huge:  # no Content-Length: the size cap must hold while reading
        response = web.StreamResponse(headers={"Content-Type": "text/html"})
        await response.prepare(request)
        chunk = b"<p>" + b"word " * 13_000 + b"</p>"
        sent = 0
        try:
            while sent < HUGE:
                await response.write(chunk)
                sent += len(chunk)
        except (ConnectionError, RuntimeError):
            pass  # the fetcher hung up at its cap
        return response
    if path in site.pages:
        return web.Response(text=site.pages[path], content_type="text/html")
    return web.Response(status=404, text="no such page")


@asynccontextmanager
async def serve_site() -> AsyncIterator[Site]:
    site = Site()

    async def handler(request: web.Request) -> web.StreamResponse:
        return await _handle(site, request)

    app = web.Application()
    app.router.add_get("/{tail:.*}", handler)
    runner = web.AppRunner(app, access_log=None)
    await runner.setup()
    await web.TCPSite(runner, "127.0.0.1", 0).start()
    site.port = runner.addresses[0][1]
    try:
        yield site
    finally:
        await runner.cleanup()
