"""Render answers for the terminal (the Discord rendering lives in bot/embeds.py)."""

from __future__ import annotations

import textwrap

from index.models import Answer, Citation


def citation_line(c: Citation) -> str:
    parts = [c.title]
    if c.date:
        parts.append(c.date)
    parts.append(f"paragraph {c.paragraph}, sentence {c.sentence}")
    line = ", ".join(parts)
    return f"{line} — {c.url}" if c.url else f"{line} [{c.article_id}]"


def render_text(answer: Answer, width: int = 100) -> str:
    lines = []
    if answer.searched_for:
        lines.append(f"(searched for: {answer.searched_for})")
    if answer.small_talk:
        return "(small talk: the bot stays silent in a channel)"
    if answer.abstained:
        lines.append(answer.note or "No answer in the library.")
        return "\n".join(lines)
    if answer.note:
        lines.append(f"({answer.note})")
    for n, quote in enumerate(answer.quotes, start=1):
        body = textwrap.fill(
            f"“{quote.text}”", width=width, initial_indent=f"{n}. ", subsequent_indent="   "
        )
        lines.append(body)
        lines.append(f"   — {citation_line(quote.citation)}")
    return "\n".join(lines)
