"""``/sources``: every member can see what the bot can quote in this server.

The page buttons are ``DynamicItem``s like the Context buttons: the page number is the
whole state, in the ``custom_id``, so they keep working after a restart. The articles are
always the clicker's server's (``interaction.guild_id``), never anything the custom_id
says, so a forged id can only ask for another page of what the member may see anyway.
"""

from __future__ import annotations

import logging
import re
from typing import Any

import discord
from discord import app_commands
from discord.ext import commands

from ..listing import sources_page
from ..protocol import ArticleBotLike, article_bot

log = logging.getLogger("articlebot.sources")

PAGE_ID = r"\d{1,4}"  # a custom_id is whatever the client sends back: bounded here


class SourcesPageButton(
    discord.ui.DynamicItem[discord.ui.Button[Any]], template=rf"ab:src:(?P<page>{PAGE_ID})"
):
    """ "Previous"/"Next" under a /sources listing: shows page ``page`` in place."""

    def __init__(self, page: int, label: str = "Next ▶", disabled: bool = False) -> None:
        super().__init__(
            discord.ui.Button(
                label=label,
                style=discord.ButtonStyle.secondary,
                custom_id=f"ab:src:{page}",
                disabled=disabled,
            )
        )
        self.page = page

    @classmethod
    async def from_custom_id(
        cls, interaction: discord.Interaction, item: discord.ui.Item[Any], match: re.Match[str]
    ) -> SourcesPageButton:
        return cls(int(match["page"]))

    async def callback(self, interaction: discord.Interaction) -> None:
        bot = article_bot(interaction.client)
        embed, view = sources_reply(bot, interaction.guild_id, self.page)
        try:
            await interaction.response.edit_message(
                embed=embed, view=view, allowed_mentions=discord.AllowedMentions.none()
            )
        except discord.HTTPException as exc:
            log.warning("could not show page %s of the sources: %s", self.page, exc)


def sources_reply(
    bot: ArticleBotLike, guild_id: int | None, page: int
) -> tuple[discord.Embed, discord.ui.View]:
    """The embed of one page and its buttons (none when everything fits one page)."""
    embed, page, pages = sources_page(bot.library.articles(guild_id), page)
    view = discord.ui.View(timeout=None)
    if pages > 1:
        # One message cannot hold two buttons with one custom_id: at either end the
        # disabled button names the page shown, the other its neighbour.
        view.add_item(SourcesPageButton(max(page - 1, 0), "◀ Previous", disabled=page == 0))
        view.add_item(
            SourcesPageButton(min(page + 1, pages - 1), "Next ▶", disabled=page == pages - 1)
        )
    return embed, view


class SourcesCog(commands.Cog):
    def __init__(self, bot: ArticleBotLike) -> None:
        self.bot = bot

    @app_commands.command(name="sources", description="List the articles I can quote here")
    async def sources(self, interaction: discord.Interaction) -> None:
        embed, view = sources_reply(self.bot, interaction.guild_id, 0)
        await interaction.response.send_message(
            embed=embed, view=view, ephemeral=True, allowed_mentions=discord.AllowedMentions.none()
        )


async def setup(bot: commands.Bot) -> None:
    """The extension's entry point: ``await bot.load_extension("bot.cogs.sources")``."""
    await bot.add_cog(SourcesCog(article_bot(bot)))
    bot.add_dynamic_items(SourcesPageButton)
