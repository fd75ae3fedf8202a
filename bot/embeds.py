"""Render answers as Discord messages, inside Discord's limits whatever the articles hold.

Limits: 2,000 characters of content, 10 embeds, 256 per title, 4,096 per description,
2,048 per footer, 6,000 for all embed text of one message. Quote text is escaped so that
article text can never format the reply or mention anyone (and replies are sent with
``AllowedMentions.none()`` as well).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import discord

from index.library import Stats
from index.models import Answer, Article, Quote

CONTENT_LIMIT = 2000
EMBEDS_LIMIT = 10
TITLE_LIMIT = 256
DESCRIPTION_LIMIT = 4096
FOOTER_LIMIT = 2048
MESSAGE_EMBED_TEXT_LIMIT = 6000
ACCENT = discord.Colour.blurple()


# "<@id>", "<@&id>", "<#id>", "<:emoji:id>", "<t:…>": Discord renders these as pills even
# when they cannot ping; a zero-width space after "<" keeps them plain text.
_MENTION_LIKE = re.compile(r"<(?=[@#:]|a:|t:)")


def escape(text: str) -> str:
    """Text shown as-is: no markdown, no mentions, no links turned into embeds."""
    text = discord.utils.escape_markdown(text, as_needed=False)
    return _MENTION_LIKE.sub("<\u200b", discord.utils.escape_mentions(text))


def clip(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: max(0, limit - 1)] + "…"


def citation_text(quote: Quote) -> str:
    c = quote.citation
    parts = [c.title]
    if c.date:
        parts.append(c.date)
    parts.append(f"paragraph {c.paragraph}, sentence {c.sentence}")
    if quote.speaker:
        parts.append(f"speaker: {quote.speaker}")
    return " · ".join(parts)


def _safe_url(url: str | None) -> str | None:
    if url and url.startswith(("https://", "http://")) and len(url) <= 2000:
        return url
    return None


def answer_message(answer: Answer) -> tuple[str, list[discord.Embed]]:
    """(content, embeds) for an answer: one embed a quote, each quote then its citation."""
    notes = []
    if answer.searched_for:
        notes.append(f"Searched for: {answer.searched_for}")
    if answer.abstained:
        notes.append(answer.note or "No answer in the library.")
        return clip(escape("\n".join(notes)), CONTENT_LIMIT), []
    quotes = answer.quotes[:EMBEDS_LIMIT]
    budget = MESSAGE_EMBED_TEXT_LIMIT // max(1, len(quotes))
    embeds = []
    for n, quote in enumerate(quotes, start=1):
        footer = clip(escape(citation_text(quote)), min(FOOTER_LIMIT, budget // 3))
        title = clip(escape(f"{n}. {quote.citation.title}"), min(TITLE_LIMIT, budget // 6))
        room = min(DESCRIPTION_LIMIT, budget - len(footer) - len(title) - 4)
        description = clip("> " + escape(" ".join(quote.text.split())), room)
        embed = discord.Embed(
            title=title, description=description, url=_safe_url(quote.citation.url), colour=ACCENT
        )
        embed.set_footer(text=footer)
        embeds.append(embed)
    return clip(escape("\n".join(notes)), CONTENT_LIMIT), embeds


def context_message(quotes: Sequence[Quote], focus: int) -> discord.Embed:
    """The sentences around a quote, the quoted one in bold."""
    lines = []
    for q in quotes:
        text = escape(" ".join(q.text.split()))
        lines.append(f"**{text}**" if q.sentence_id == focus else text)
    first = quotes[0] if quotes else None
    embed = discord.Embed(
        title=clip(escape(first.citation.title), TITLE_LIMIT) if first else "Context",
        description=clip("\n\n".join(lines), DESCRIPTION_LIMIT),
        url=_safe_url(first.citation.url) if first else None,
        colour=ACCENT,
    )
    if first:
        span = f"sentences {quotes[0].citation.sentence}–{quotes[-1].citation.sentence}"
        embed.set_footer(text=clip(escape(f"{first.citation.title} · {span}"), FOOTER_LIMIT))
    return embed


def articles_message(articles: Sequence[Article], guild_id: int | None) -> discord.Embed:
    lines = []
    for a in articles:
        scope = "shared" if a.guild_id is None else "this server"
        lines.append(
            f"`{escape(a.id)}` · {escape(a.title)} · {a.date or 'no date'} · "
            f"{a.sentences} sentences · {scope}"
        )
    text = "\n".join(lines) or "No articles yet. Add one with /articles add."
    if len(text) > DESCRIPTION_LIMIT:
        kept = []
        used = 0
        for line in lines:
            if used + len(line) + 1 > DESCRIPTION_LIMIT - 40:
                break
            kept.append(line)
            used += len(line) + 1
        text = "\n".join(kept) + f"\n… and {len(lines) - len(kept)} more"
    return discord.Embed(title=f"Articles ({len(articles)})", description=text, colour=ACCENT)


def stats_message(stats: Stats) -> discord.Embed:
    embed = discord.Embed(title="Library", colour=ACCENT)
    embed.add_field(name="Articles", value=str(stats.articles))
    embed.add_field(name="Sentences", value=str(stats.sentences))
    embed.add_field(name="Distinct terms", value=str(stats.terms))
    return embed


def embed_text_length(embeds: Sequence[discord.Embed]) -> int:
    """What Discord counts against the 6,000-character limit of one message."""
    total = 0
    for e in embeds:
        total += len(e.title or "") + len(e.description or "")
        total += len(e.footer.text or "") if e.footer else 0
        total += len(e.author.name or "") if e.author else 0
        total += sum(len(f.name or "") + len(f.value or "") for f in e.fields)
    return total
