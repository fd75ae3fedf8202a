"""``/articles …``: the server's library, for admins only.

``default_permissions`` only shapes what Discord shows (server owners can change it), so
every command also checks the caller's permissions at run time, and refuses in DMs.
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Sequence
from functools import partial
from pathlib import Path

import discord
from discord import app_commands
from discord.ext import commands

from index.feedback import FeedbackStore
from index.fetch import FetchError, fetch_article
from index.ingest import MAX_BYTES, IngestError, parse_bytes
from index.library import UnknownArticle
from index.models import Article
from index.store import StoreError

from ..embeds import CONTENT_LIMIT, TITLE_LIMIT, articles_message, clip, shown, stats_message
from ..health import process_line
from ..permissions import admin_check, refusal
from ..plural import plural
from ..protocol import ArticleBotLike, article_bot

log = logging.getLogger("articlebot.admin")

PROGRESS_FROM_BYTES = 100_000  # uploads above this (and every URL) show progress
MAX_URL_CHARS = 2048  # longer is not a link anyone pasted from an article page


def sentence(text: str) -> str:
    """``text`` as a sentence: first letter up, nothing else changed (``str.capitalize``
    would lower-case the rest, an article id included)."""
    return text[:1].upper() + text[1:]


def shared_refusal(article: Article, configured: Sequence[str]) -> str:
    """Why a server cannot remove a shared article, and who can, as it really is: the
    owner's config file lists it, or the owner added it from the command line."""
    shown_id = shown(article.id, TITLE_LIMIT)
    if any(str(Path(path)) == article.source for path in configured):
        how = "it is listed in the bot's config file (`library.articles`), where only the "
        how += "bot's owner can take it out"
    else:
        how = "the bot's owner added it from the command line, and only the owner can "
        how += f"remove it (`articlebot remove {shown_id}`)"
    return f"`{shown_id}` is shared by every server: {how}."


@app_commands.default_permissions(manage_guild=True)
@app_commands.guild_only()
class AdminCog(commands.GroupCog, group_name="articles", group_description="Manage the articles"):
    """Each command runs only for members holding the configured permission."""

    def __init__(self, bot: ArticleBotLike) -> None:
        self.bot = bot
        super().__init__()

    def _allowed(self, interaction: discord.Interaction) -> str | None:
        """None when the caller may manage articles, else why not."""
        return refusal(interaction, self.bot.config.admin_permission, "manage articles")

    async def interaction_check(self, interaction: discord.Interaction) -> bool:
        return await admin_check(interaction, self.bot.config.admin_permission, "manage articles")

    async def _done(self, interaction: discord.Interaction, text: str) -> None:
        await interaction.followup.send(
            clip(text, 2000), ephemeral=True, allowed_mentions=discord.AllowedMentions.none()
        )

    @app_commands.command(name="add", description="Add an article by URL or file attachment")
    @app_commands.describe(url="An http(s) link to the article", file="A .txt, .md or .html file")
    async def add(
        self,
        interaction: discord.Interaction,
        url: str | None = None,
        file: discord.Attachment | None = None,
    ) -> None:
        if (url is None) == (file is None):
            await interaction.response.send_message(
                "Give either a `url` or a `file`, not both and not neither.", ephemeral=True
            )
            return
        if file is not None and not isinstance(file, discord.Attachment):
            # Discord sends the attachment with the command; without it discord.py gives a
            # bare id, which cannot be downloaded.
            await interaction.response.send_message(
                "That attachment did not arrive with the command; upload it again.",
                ephemeral=True,
            )
            return
        if url is not None and len(url.strip()) > MAX_URL_CHARS:
            await interaction.response.send_message(
                f"That link is too long (over {MAX_URL_CHARS:,} characters).", ephemeral=True
            )
            return
        await interaction.response.defer(ephemeral=True, thinking=True)
        name = url or (file.filename if file else "")
        big = url is not None or (file is not None and file.size > PROGRESS_FROM_BYTES)
        try:
            if big:
                await self._progress(interaction, f"Adding {shown(name, 300)}: downloading…")
            if url is not None:
                doc = await fetch_article(url.strip(), self.bot.config.fetch_policy())
            else:
                assert file is not None
                if file.size > MAX_BYTES:
                    raise IngestError(f"{file.filename}: too large ({file.size:,} bytes)")
                data = await file.read()
                # HTML extraction is CPU work: the library's ingest thread (or its worker
                # process, for a large file), not the loop's default executor, which
                # discord.py's own DNS lookups need.
                doc = await self.bot.library.run_ingest(partial(
                    parse_bytes, data, source=f"attachment:{interaction.guild_id}:{file.filename}",
                    filename=file.filename, content_type=file.content_type,
                ), size=len(data))  # fmt: skip
            if big:
                await self._progress(
                    interaction,
                    f"Adding {shown(doc.title, 300)}: analysing {len(doc.text):,} characters…",
                )
            article = await self.bot.library.add_document(doc, interaction.guild_id)
        except (FetchError, IngestError, StoreError) as exc:
            await self._final(interaction, f"Not added: {shown(str(exc), CONTENT_LIMIT - 20)}")
            return
        except discord.HTTPException as exc:
            await self._final(
                interaction, f"Not added: could not download the file ({exc.status})."
            )
            return
        await self._final(
            interaction,
            f"Added `{shown(article.id, TITLE_LIMIT)}`: {shown(article.title, TITLE_LIMIT)} "
            f"({plural(article.sentences, 'sentence')}).",
        )

    async def _progress(self, interaction: discord.Interaction, text: str) -> None:
        """Edit the deferred reply in place, so a big upload shows where it is."""
        with contextlib.suppress(discord.HTTPException):
            await interaction.edit_original_response(content=clip(text, 2000))

    async def _final(self, interaction: discord.Interaction, text: str) -> None:
        try:
            await interaction.edit_original_response(
                content=clip(text, 2000), allowed_mentions=discord.AllowedMentions.none()
            )
        except discord.HTTPException:
            await self._done(interaction, text)

    @app_commands.command(name="remove", description="Remove one of this server's articles")
    @app_commands.describe(article_id="The article's id, as /articles list shows it")
    async def remove(self, interaction: discord.Interaction, article_id: str) -> None:
        await interaction.response.defer(ephemeral=True, thinking=True)
        guild_id = interaction.guild_id
        try:
            found = self.bot.library.article(article_id, guild_id)
        except UnknownArticle as exc:
            await self._done(interaction, sentence(shown(str(exc), 300)) + ".")
            return
        if found.guild_id is None:
            await self._done(interaction, shared_refusal(found, self.bot.config.articles))
            return
        try:
            article = await self.bot.library.remove(article_id, guild_id)
        except UnknownArticle as exc:  # removed meanwhile, by another admin
            await self._done(interaction, sentence(shown(str(exc), 300)) + ".")
            return
        except StoreError as exc:
            await self._done(interaction, f"Not removed: {shown(str(exc), CONTENT_LIMIT - 20)}")
            return
        await self._done(
            interaction,
            f"Removed `{shown(article.id, TITLE_LIMIT)}`: {shown(article.title, TITLE_LIMIT)}.",
        )

    @remove.autocomplete("article_id")
    async def _remove_ids(
        self, interaction: discord.Interaction, current: str
    ) -> list[app_commands.Choice[str]]:
        if self._allowed(interaction) is not None:
            return []
        own = [
            a
            for a in self.bot.library.articles(interaction.guild_id)
            if a.guild_id == interaction.guild_id and current.lower() in a.id
        ]
        return [
            app_commands.Choice(name=clip(f"{a.id} — {a.title}", 100), value=a.id[:100])
            for a in own[:25]
        ]

    @app_commands.command(name="list", description="List the articles this server can ask about")
    async def list_(self, interaction: discord.Interaction) -> None:
        articles = self.bot.library.articles(interaction.guild_id)
        await interaction.response.send_message(
            embed=articles_message(articles, interaction.guild_id),
            ephemeral=True,
            allowed_mentions=discord.AllowedMentions.none(),
        )

    @app_commands.command(name="reindex", description="Re-analyse this server's articles")
    async def reindex(self, interaction: discord.Interaction) -> None:
        await interaction.response.defer(ephemeral=True, thinking=True)
        try:
            count = await self.bot.library.reindex(interaction.guild_id)
        except (StoreError, IngestError) as exc:
            await self._done(interaction, f"Reindex stopped: {shown(str(exc), CONTENT_LIMIT - 20)}")
            return
        await self._done(interaction, f"Reindexed {count} article{'s' * (count != 1)}.")

    @app_commands.command(name="stats", description="Library size and answer ratings here")
    async def stats(self, interaction: discord.Interaction) -> None:
        stats = self.bot.library.stats(interaction.guild_id)
        process = process_line(self.bot.config, self.bot.library)
        try:
            votes = await FeedbackStore(self.bot.library.store).counts(interaction.guild_id)
        except StoreError as exc:  # the library's own figures are in memory: show them
            log.warning("feedback counts unavailable: %s", exc)
            votes = None
        await interaction.response.send_message(
            embed=stats_message(stats, process, votes), ephemeral=True
        )


async def setup(bot: commands.Bot) -> None:
    """The extension's entry point: ``await bot.load_extension("bot.cogs.admin")``."""
    await bot.add_cog(AdminCog(article_bot(bot)))
