"""``/help``, and a short help reply to a direct message or a bare mention.

A DM that is not a question the bot answers (``AskCog`` answers a DM only when it
mentions the bot with a question), and a mention with nothing else in it, used to get
silence. They get a few lines saying how to ask, at most once a minute per member
(discord.py's ``CooldownMapping``) so that a DM conversation does not get the same
lines over and over.
"""

from __future__ import annotations

import logging
import re

import discord
from discord import app_commands
from discord.ext import commands

from ..member_help import help_embed, short_help
from ..protocol import ArticleBotLike, article_bot

log = logging.getLogger("articlebot.help")

HELP_REPLY_EVERY_SECONDS = 60.0


def wants_help(message: discord.Message, me: int, answer_on_mention: bool,
               answer_channels: set[int]) -> bool:  # fmt: skip
    """Is ``message`` addressed to the bot without a question the bot would answer?"""
    if message.author.bot or message.author.id == me:
        return False
    mentioned = any(u.id == me for u in message.mentions)
    rest = " ".join(re.sub(rf"<@!?{me}>", " ", message.content or "").split())
    if message.guild is None:
        return not (
            rest and ((mentioned and answer_on_mention) or message.channel.id in answer_channels)
        )
    return (
        mentioned and not rest and (answer_on_mention or message.channel.id not in answer_channels)
    )


class HelpCog(commands.Cog):
    def __init__(self, bot: ArticleBotLike) -> None:
        self.bot = bot
        self.reply_limit = commands.CooldownMapping.from_cooldown(
            1, HELP_REPLY_EVERY_SECONDS, commands.BucketType.user
        )

    def _channels_here(self, guild: discord.Guild | None) -> list[int]:
        """The configured answer channels that belong to this server."""
        if guild is None:
            return []
        return [c for c in self.bot.config.answer_channels if guild.get_channel(c) is not None]

    @app_commands.command(name="help", description="What I do, how to ask, and what I know")
    async def help_(self, interaction: discord.Interaction) -> None:
        embed = help_embed(
            self.bot.library.articles(interaction.guild_id),
            self._channels_here(interaction.guild),
            self.bot.config.answer_on_mention and interaction.guild is not None,
        )
        await interaction.response.send_message(
            embed=embed, ephemeral=True, allowed_mentions=discord.AllowedMentions.none()
        )

    @commands.Cog.listener()
    async def on_message(self, message: discord.Message) -> None:
        me = self.bot.user
        config = self.bot.config
        if me is None or not wants_help(
            message, me.id, config.answer_on_mention, set(config.answer_channels)
        ):
            return
        if message.channel.id in self.bot.forbidden_channels:
            return
        bucket = self.reply_limit.get_bucket(message)
        if bucket is not None and bucket.update_rate_limit():
            return  # told less than a minute ago
        guild = message.guild
        text = short_help(
            self.bot.library.articles(guild.id if guild else None),
            self._channels_here(guild),
            config.answer_on_mention and guild is not None,
        )
        try:
            await message.reply(
                text, mention_author=False, allowed_mentions=discord.AllowedMentions.none()
            )
        except discord.HTTPException as exc:
            log.warning("could not send help in channel %s: %s", message.channel.id, exc)


async def setup(bot: commands.Bot) -> None:
    """The extension's entry point: ``await bot.load_extension("bot.cogs.help")``."""
    await bot.add_cog(HelpCog(article_bot(bot)))
