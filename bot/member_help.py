"""What the bot tells members about itself: the ``/help`` embed and the short reply to a
direct message or a bare mention. Both are built from what this server really has: its
answer channels and how many articles and sentences it can quote."""

from __future__ import annotations

from collections.abc import Sequence

import discord

from index.models import Article

from .embeds import ACCENT
from .plural import plural

WHAT = (
    "I answer questions about the news articles in my library by quoting their own "
    "sentences, word for word, each with its citation (article, date, paragraph, link). "
    "I never write text of my own: when no article answers, I say so."
)


def how_to_ask(channel_ids: Sequence[int], mention: bool) -> list[str]:
    """The ways a member can ask here, one line each."""
    ways = ["`/ask question:` anywhere (add `private:True` to see the answer alone)."]
    if channel_ids:
        where = ", ".join(f"<#{c}>" for c in channel_ids)
        ways.append(f"Write your question in {where}: every message there is a question.")
    if mention:
        ways.append("Mention me with your question, e.g. “@articlebot What did the mayor say?”.")
    return ways


def knows(articles: Sequence[Article]) -> str:
    sentences = sum(a.sentences for a in articles)
    if not articles:
        return "No articles yet: a server admin can add them with `/articles add`."
    counted = f"{plural(len(articles), 'article')} ({plural(sentences, 'sentence')})"
    return f"{counted}; `/sources` lists them."


def help_embed(
    articles: Sequence[Article], channel_ids: Sequence[int], mention: bool
) -> discord.Embed:
    """``/help``: what the bot does, how to ask, what it knows, in one embed."""
    title = "articlebot: cited answers from news articles"
    embed = discord.Embed(title=title, description=WHAT, colour=ACCENT)
    ways = "\n".join(f"• {w}" for w in how_to_ask(channel_ids, mention))
    embed.add_field(name="How to ask", value=ways, inline=False)
    embed.add_field(name="What I know here", value=knows(articles), inline=False)
    embed.add_field(
        name="Under each answer",
        value="**Context** shows the sentences around a quote, to you alone.",
        inline=False,
    )
    return embed


def short_help(articles: Sequence[Article], channel_ids: Sequence[int], mention: bool) -> str:
    """The reply to a DM or a bare mention: a few lines, no embed."""
    lines = ["I answer questions about news articles with quotes from them, each cited."]
    lines += [f"• {w}" for w in how_to_ask(channel_ids, mention)]
    if articles:
        lines.append(f"I know {plural(len(articles), 'article')} here; `/sources` lists them.")
    else:
        lines.append(knows(articles))
    lines.append("`/help` tells more.")
    return "\n".join(lines)
