"""``/sources``: the articles a server can ask about, a page at a time.

Pages are cut from the list as it is when a page is asked for, in a fixed order (newest
first), so a page button still works after a restart or after articles were added: it
names only a page number, never the articles, and the server is always the clicker's.
"""

from __future__ import annotations

from collections.abc import Sequence
from urllib.parse import quote

import discord

from index.models import Article

from .embeds import ACCENT, shown
from .plural import plural

PAGE_SIZE = 8
TITLE_ROOM = 120
URL_ROOM = 300  # longer links are left out: eight of them still fit one embed (4,096)


def ordered(articles: Sequence[Article]) -> list[Article]:
    """Newest first (undated last), then by title and id: the same order every time."""
    dated = sorted((a for a in articles if a.date), key=lambda a: (a.title.casefold(), a.id))
    dated.sort(key=lambda a: a.date or "", reverse=True)
    undated = sorted((a for a in articles if not a.date), key=lambda a: (a.title.casefold(), a.id))
    return dated + undated


def page_count(total: int) -> int:
    return max(1, -(-total // PAGE_SIZE))


def _link(url: str | None) -> str | None:
    """A URL safe inside a masked link: http(s) only, short, no ``)`` or space to end it."""
    if not url or not url.startswith(("https://", "http://")):
        return None
    quoted = quote(url[: URL_ROOM + 1], safe=":/?#[]@!$&'*+,;=%~-._")
    return quoted if len(quoted) <= URL_ROOM else None  # percent-encoding lengthens it


def _line(article: Article) -> str:
    title = shown(article.title, TITLE_ROOM)
    link = _link(article.url)
    name = f"[{title}]({link})" if link else f"**{title}**"
    return f"{name} · {shown(article.date or 'no date', 40)}"


def sources_page(articles: Sequence[Article], page: int) -> tuple[discord.Embed, int, int]:
    """The embed of page ``page`` (clamped to the pages there are), that page, and how many."""
    listed = ordered(articles)
    pages = page_count(len(listed))
    page = min(max(page, 0), pages - 1)
    chunk = listed[page * PAGE_SIZE : (page + 1) * PAGE_SIZE]
    lines = [_line(a) for a in chunk]
    description = (
        "\n".join(lines) or "No articles yet: a server admin can add them with `/articles add`."
    )
    embed = discord.Embed(
        title=f"Sources ({plural(len(listed), 'article')})",
        description=description,
        colour=ACCENT,
    )
    if pages > 1:
        embed.set_footer(text=f"Page {page + 1} of {pages}")
    return embed, page, pages
