"""Render answers as Discord messages, inside Discord's limits whatever the articles hold.

Limits: 2,000 characters of content, 10 embeds, 256 per title, 4,096 per description,
2,048 per footer, 6,000 for all embed text of one message (``len(embed)`` in discord.py
counts what Discord counts against that). Quote text is escaped so that
article text can never format the reply or mention anyone (and replies are sent with
``AllowedMentions.none()`` as well).

Rendering runs on the event loop for every reply, and a stored sentence can be as long as
an article. So text is clipped *before* it is escaped (:func:`shown`): no reply costs more
than the characters it can show. The escaping is one pass of one regular expression per
kind (markdown, mentions) with no nested repetition, so it is linear in what it is given;
``discord.utils.escape_markdown`` is not (its masked-link and ``<…>`` link patterns
backtrack over the rest of the text at every ``[`` or ``<``, and worse on ``[a](``).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from urllib.parse import quote as quote_url

import discord

from index.feedback import Counts
from index.library import Stats
from index.models import Answer, Article, Quote

from .plural import plural

CONTENT_LIMIT = 2000
TITLE_LIMIT = 256
DESCRIPTION_LIMIT = 4096
FOOTER_LIMIT = 2048
MESSAGE_EMBED_TEXT_LIMIT = 6000
ACCENT = discord.Colour.blurple()
MAX_QUOTES = 10  # library.top_k's bound, and two rows of Context buttons
MAX_CITATION = 600  # characters of one quote's citation line, its link included
CITED_TITLE = 150  # characters of an article title in a citation
MAX_LINK = 400  # a longer article URL is left out of the citation
SEPARATOR = "\n\n"


# "<@id>", "<@&id>", "<#id>", "<:emoji:id>", "<t:…>": Discord renders these as pills even
# when they cannot ping; a zero-width space after "<" keeps them plain text.
_MENTION_LIKE = re.compile(r"<(?=[@#:]|a:|t:)")
# Discord markdown, what discord.py's escape_markdown (as_needed=False) escapes: links are
# left whole (a backslash would break them; Discord does not format inside them); every
# emphasis, spoiler, code and masked-link character gets a backslash; so does what starts
# a block at the start of a line (quote, heading, subtext, list). A link's run is matched
# once and never re-scanned, and a line start only scans its own indent: linear.
_MARKDOWN = re.compile(
    r"(?P<url>(?:https?|steam)://[^\s<]+[^<.,:;\"'\]\s])"
    r"|(?P<char>[\\*_~|`\[\]])"
    r"|^(?P<indent>[ \t]*)(?:(?P<block>[-+>#])|(?P<number>\d+)(?=\.[ \t]))",
    re.MULTILINE,
)
# A quote's whitespace is collapsed on this many times the characters it can show at most:
# enough for any ordinary spacing, and bounded whatever the stored sentence holds.
_READ_AHEAD = 4


def _escape_markdown(match: re.Match[str]) -> str:
    if match["url"]:
        return match["url"]
    if match["char"]:
        return "\\" + match["char"]
    if match["block"]:
        return match["indent"] + "\\" + match["block"]
    return match["indent"] + match["number"] + "\\"  # "1. " becomes "1\. "


def escape(text: str) -> str:
    """Text shown as-is: no markdown, no mentions, no links turned into embeds. Linear in
    ``len(text)``; callers pass text already clipped (:func:`shown`)."""
    text = _MARKDOWN.sub(_escape_markdown, text)
    return _MENTION_LIKE.sub("<\u200b", discord.utils.escape_mentions(text))


def clip(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: max(0, limit - 1)] + "…"


def shown(text: str, limit: int) -> str:
    """``text`` escaped and at most ``limit`` characters long, marked "…" when cut.

    Escaping never shortens text, so only the first ``limit`` characters can appear: only
    they are escaped. A prefix of escaped text is still inert (an escape cut in two leaves
    a lone backslash or a "<" with nothing to form).
    """
    escaped = escape(text[:limit])
    if len(text) <= limit and len(escaped) <= limit:
        return escaped
    return escaped[: max(0, limit - 1)] + "…"


def one_line(text: str, limit: int) -> str:
    """Whitespace collapsed to single spaces, from no more of ``text`` than ``limit``
    characters of it can need; "…" marks text left unread."""
    head = text[: _READ_AHEAD * limit]
    line = " ".join(head.split())
    if len(head) < len(text) and len(line) <= limit:
        line += " …"
    return line


def _safe_url(url: str | None) -> str | None:
    if url and url.startswith(("https://", "http://")) and len(url) <= 2000:
        return url
    return None


SMALL_TALK = "That reads like chat, not a question: ask me about the articles in the library."


def _link_target(url: str | None) -> str | None:
    """``url`` fit for a masked link's parentheses (nothing in it can end the link or
    format the text), or None for no link."""
    safe = _safe_url(url)
    if safe is None:
        return None
    target = quote_url(safe, safe=":/?#@!$&+,;=%~-._")
    return target if len(target) <= MAX_LINK else None


def quote_citation(quote: Quote, limit: int, same_article: bool = False) -> str:
    """ "— *Title* · date · ¶ 1, sentence 16 · speaker: …", the title a link to the
    article when it has a URL, or "— same article · …" after a quote of the same article;
    at most ``limit`` characters, every part escaped."""
    c = quote.citation
    place = f"¶ {c.paragraph}, sentence {c.sentence}"
    speaker = f"speaker: {shown(quote.speaker, 100)}" if quote.speaker else ""
    tail = " · ".join(p for p in (place, speaker) if p)
    if len(tail) > limit // 2:
        tail = place  # a speaker's name never crowds out the article
    if same_article:
        return clip(f"— same article · {tail}", limit)
    if c.date:
        tail = f"{shown(c.date, 40)} · {tail}"
    room = max(1, limit - len(tail) - 7)  # "— ", "*…*" or "[…]", " · "
    title = shown(c.title, min(CITED_TITLE, room))
    target = _link_target(c.url)
    if target is not None and len(title) + len(target) + 4 <= room:
        title = f"[{title}]({target})"
    else:
        title = f"*{title}*"
    return clip(f"— {title} · {tail}", limit)


def answer_message(answer: Answer) -> tuple[str, list[discord.Embed]]:
    """(content, embeds) for an answer: one embed, the quotes numbered as their Context
    buttons are, each verbatim and then its citation on a line of its own."""
    notes = []
    if answer.searched_for:
        notes.append(f"Searched for: {answer.searched_for}")
    if answer.small_talk:
        return SMALL_TALK, []
    if answer.abstained:
        notes.append(answer.note or "No answer in the library.")
        return shown("\n".join(notes), CONTENT_LIMIT), []
    quotes = answer.quotes[:MAX_QUOTES]
    # Each quote gets an equal share of the description; its citation at most a third.
    share = (DESCRIPTION_LIMIT - len(SEPARATOR) * len(quotes)) // len(quotes)
    blocks = []
    for n, quote in enumerate(quotes, start=1):
        same = n > 1 and quotes[n - 2].citation.article_id == quote.citation.article_id
        citation = quote_citation(quote, min(MAX_CITATION, share // 3), same)
        number = f"**{n}.** "
        room = share - len(citation) - len(number) - 3  # "> " and the line break
        text = shown(one_line(quote.text, room), room)
        blocks.append(f"> {number}{text}\n{citation}")
    embed = discord.Embed(description=SEPARATOR.join(blocks), colour=ACCENT)
    return shown("\n".join(notes), CONTENT_LIMIT), [embed]


def context_message(quotes: Sequence[Quote], focus: int) -> discord.Embed:
    """The sentences around a quote, the quoted one in bold."""
    lines = []
    for q in quotes:
        text = shown(one_line(q.text, DESCRIPTION_LIMIT), DESCRIPTION_LIMIT)
        lines.append(f"**{text}**" if q.sentence_id == focus else text)
    first = quotes[0] if quotes else None
    embed = discord.Embed(
        title=shown(first.citation.title, TITLE_LIMIT) if first else "Context",
        description=clip("\n\n".join(lines), DESCRIPTION_LIMIT),
        url=_safe_url(first.citation.url) if first else None,
        colour=ACCENT,
    )
    if first:
        span = f"sentences {quotes[0].citation.sentence}–{quotes[-1].citation.sentence}"
        title = first.citation.title[:FOOTER_LIMIT]
        embed.set_footer(text=shown(f"{title} · {span}", FOOTER_LIMIT))
    return embed


def listing(lines: Sequence[str], separator: str, empty: str) -> str:
    """``lines`` joined for an embed's description: as many whole lines as fit, then
    "… and N more"; ``empty`` when there are none."""
    text = separator.join(lines) or empty
    if len(text) <= DESCRIPTION_LIMIT:
        return text
    kept: list[str] = []
    used = 0
    for line in lines:
        if used + len(line) + len(separator) > DESCRIPTION_LIMIT - 40:
            break
        kept.append(line)
        used += len(line) + len(separator)
    return separator.join(kept) + f"\n… and {len(lines) - len(kept)} more"


def articles_message(articles: Sequence[Article], guild_id: int | None) -> discord.Embed:
    lines = []
    for a in articles:
        scope = "shared" if a.guild_id is None else "this server"
        lines.append(
            f"`{shown(a.id, TITLE_LIMIT)}` · {shown(a.title, TITLE_LIMIT)} · "
            f"{shown(a.date or 'no date', TITLE_LIMIT)} · "
            f"{plural(a.sentences, 'sentence')} · {scope}"
        )
    text = listing(lines, "\n", "No articles yet. Add one with /articles add.")
    return discord.Embed(title=f"Articles ({len(articles)})", description=text, colour=ACCENT)


def stats_message(
    stats: Stats, process: str | None = None, feedback: Counts | None = None
) -> discord.Embed:
    """The server's library; ``process``: the answering process's line (bot/health.py),
    which tells operators running several processes which one answered and how it is;
    ``feedback``: members' votes on this server's answers."""
    embed = discord.Embed(title="Library", colour=ACCENT)
    embed.add_field(name="Articles", value=str(stats.articles))
    embed.add_field(name="Sentences", value=str(stats.sentences))
    embed.add_field(name="Distinct terms", value=str(stats.terms))
    if stats.vectors_waiting:
        embed.add_field(name="Sentences waiting for vectors", value=str(stats.vectors_waiting))
    if feedback is not None:
        embed.add_field(name="Rated answers", value=str(feedback.answers))
        embed.add_field(name="👍", value=str(feedback.up))
        embed.add_field(name="👎", value=str(feedback.down))
    if process:
        embed.add_field(name="This process", value=clip(process, 1024), inline=False)
    return embed
