"""``/settings …``: how the bot answers in this server, for its admins.

Each server stores only what its admins change (``index/server_settings.py``); the
config file gives the rest. Like ``/articles``, the commands are hidden from members
without the admin permission *and* checked when run, and refused in direct messages.
"""

from __future__ import annotations

import logging
from typing import Literal

import discord
from discord import app_commands
from discord.ext import commands

from index.server_settings import BOUNDS, Effective, SettingError
from index.store import StoreError

from ..embeds import ACCENT, clip
from ..permissions import admin_check
from ..protocol import ArticleBotLike, article_bot

log = logging.getLogger("articlebot.settings")

FROM = {"server": "set in this server", "default": "bot default"}
Resettable = Literal[
    "all",
    "answer_channels",
    "answer_on_mention",
    "rate_limit",
    "quotes_per_answer",
    "ping_asker",
]
# What /settings reset clears for each choice ("rate_limit" is two stored values).
RESETS: dict[str, tuple[str, ...]] = {
    "answer_channels": ("answer_channels",),
    "answer_on_mention": ("answer_on_mention",),
    "rate_limit": ("member_questions", "member_seconds"),
    "quotes_per_answer": ("quotes_per_answer",),
    "ping_asker": ("ping_asker",),
}
QUOTES = BOUNDS["quotes_per_answer"]
QUESTIONS = BOUNDS["member_questions"]
WINDOW = BOUNDS["member_seconds"]


def _on_off(value: bool) -> str:
    return "on" if value else "off"


def settings_message(effective: Effective, guild: discord.Guild) -> discord.Embed:
    """Every setting, its value, and whether this server set it or it is the default."""
    s, src = effective.settings, effective.sources
    channels = [
        f"<#{cid}> · *{FROM[source]}*"
        for cid, source in sorted(effective.channels.items())
        if guild.get_channel_or_thread(cid) is not None  # the defaults list every server's
    ]
    rate = (
        "no limit"
        if s.member_questions == 0
        else f"{s.member_questions} question{'s' * (s.member_questions != 1)} "
        f"per {s.member_seconds:g} s per member"
    )
    rate_set = "server" in (src["member_questions"], src["member_seconds"])
    rows = [
        ("Answer on mention", _on_off(s.answer_on_mention), src["answer_on_mention"]),
        ("Rate limit", rate, "server" if rate_set else "default"),
        ("Quotes per answer", str(s.quotes_per_answer), src["quotes_per_answer"]),
        ("Reply pings the asker", _on_off(s.ping_asker), src["ping_asker"]),
    ]
    embed = discord.Embed(title="Settings in this server", colour=ACCENT)
    listed = (
        clip("\n".join(channels), 1000) if channels else f"none\n*{FROM[src['answer_channels']]}*"
    )
    embed.add_field(name="Answer channels", value=listed, inline=False)
    for name, value, source in rows:
        embed.add_field(name=name, value=f"{value}\n*{FROM[source]}*", inline=False)
    embed.set_footer(text="Change with /settings …; /settings reset goes back to the defaults.")
    return embed


@app_commands.default_permissions(manage_guild=True)
@app_commands.guild_only()
class SettingsCog(
    commands.GroupCog, group_name="settings", group_description="How the bot answers here"
):
    def __init__(self, bot: ArticleBotLike) -> None:
        self.bot = bot
        super().__init__()

    async def interaction_check(self, interaction: discord.Interaction) -> bool:
        """Every subcommand, autocomplete included, runs only for admins."""
        return await admin_check(
            interaction, self.bot.config.admin_permission, "change the bot's settings"
        )

    async def _say(self, interaction: discord.Interaction, text: str) -> None:
        await interaction.response.send_message(
            clip(text, 2000), ephemeral=True, allowed_mentions=discord.AllowedMentions.none()
        )

    async def _change(
        self,
        interaction: discord.Interaction,
        done: str,
        values: dict[str, int | bool] | None = None,
        channel: tuple[int, bool] | None = None,
    ) -> None:
        """Store ``values`` (or switch ``channel`` on or off) and say ``done``; a refused
        value or a database error is said instead, and nothing is changed."""
        guild_id = interaction.guild_id
        assert guild_id is not None  # interaction_check refused direct messages
        try:
            if values:
                await self.bot.server_settings.set(guild_id, values)
            if channel is not None:
                await self.bot.server_settings.set_channel(guild_id, *channel)
        except SettingError as exc:
            await self._say(interaction, f"Not changed: {exc}.")
            return
        except StoreError as exc:
            log.warning("settings of server %s not saved: %s", guild_id, exc)
            await self._say(interaction, "Not changed: the database cannot be written right now.")
            return
        await self._say(interaction, done)

    @app_commands.command(name="show", description="Show how the bot answers in this server")
    async def show(self, interaction: discord.Interaction) -> None:
        assert interaction.guild is not None
        effective = await self.bot.server_settings.effective(interaction.guild.id)
        await interaction.response.send_message(
            embed=settings_message(effective, interaction.guild),
            ephemeral=True,
            allowed_mentions=discord.AllowedMentions.none(),
        )

    @app_commands.command(name="add-channel", description="Answer every message in a channel")
    @app_commands.describe(channel="A channel where every message is a question")
    async def add_channel(
        self, interaction: discord.Interaction, channel: discord.TextChannel
    ) -> None:
        await self._set_channel(
            interaction, channel, True, f"Every message in <#{channel.id}> is now answered."
        )

    @app_commands.command(
        name="remove-channel", description="Stop answering every message in a channel"
    )
    @app_commands.describe(channel="The channel (mentions are still answered there)")
    async def remove_channel(
        self, interaction: discord.Interaction, channel: discord.TextChannel
    ) -> None:
        done = f"Messages in <#{channel.id}> are no longer answered unless they mention the bot."
        await self._set_channel(interaction, channel, False, done)

    async def _set_channel(
        self,
        interaction: discord.Interaction,
        channel: discord.TextChannel,
        answer: bool,
        done: str,
    ) -> None:
        if channel.guild.id != interaction.guild_id:
            await self._say(interaction, "Not changed: that channel is not in this server.")
            return
        await self._change(interaction, done, channel=(channel.id, answer))

    @app_commands.command(name="mention", description="Answer when mentioned in any channel")
    @app_commands.describe(on="Answer a message that mentions the bot, in any channel")
    async def mention(self, interaction: discord.Interaction, on: bool) -> None:
        on = bool(on)
        done = (
            "The bot now answers when mentioned."
            if on
            else ("The bot no longer answers mentions (only its answer channels and /ask).")
        )
        await self._change(interaction, done, {"answer_on_mention": on})

    @app_commands.command(name="rate-limit", description="How many questions a member may ask")
    @app_commands.describe(
        questions="Questions a member may ask in a row (0: no limit)",
        seconds="…within this many seconds",
    )
    async def rate_limit(
        self,
        interaction: discord.Interaction,
        questions: app_commands.Range[int, QUESTIONS.low, QUESTIONS.high],
        seconds: app_commands.Range[int, WINDOW.low, WINDOW.high],
    ) -> None:
        if questions:
            plural = "s" * (questions != 1)
            done = f"Each member may now ask {questions} question{plural} per {seconds} s."
        else:
            done = "Members may now ask without a rate limit."
        await self._change(
            interaction, done, {"member_questions": questions, "member_seconds": seconds}
        )

    @app_commands.command(name="quotes", description="How many quotes an answer shows")
    @app_commands.describe(count="Quotes per answer")
    async def quotes(
        self,
        interaction: discord.Interaction,
        count: app_commands.Range[int, QUOTES.low, QUOTES.high],
    ) -> None:
        done = f"Answers now show up to {count} quote{'s' * (count != 1)}."
        await self._change(interaction, done, {"quotes_per_answer": count})

    @app_commands.command(name="ping", description="Whether a reply notifies the member asking")
    @app_commands.describe(on="Ping the author of the question when replying to it")
    async def ping(self, interaction: discord.Interaction, on: bool) -> None:
        on = bool(on)
        done = "Replies now ping the member who asked." if on else "Replies no longer ping anyone."
        await self._change(interaction, done, {"ping_asker": on})

    @app_commands.command(name="reset", description="Go back to the bot's default settings")
    @app_commands.describe(setting="One setting, or all of them")
    async def reset(self, interaction: discord.Interaction, setting: Resettable = "all") -> None:
        guild_id = interaction.guild_id
        assert guild_id is not None
        if setting != "all" and setting not in RESETS:  # a forged choice
            await self._say(interaction, "Not changed: there is no such setting.")
            return
        try:
            await self.bot.server_settings.reset(
                guild_id, None if setting == "all" else RESETS[setting]
            )
        except StoreError as exc:
            log.warning("settings of server %s not reset: %s", guild_id, exc)
            await self._say(interaction, "Not changed: the database cannot be written right now.")
            return
        what = "Every setting" if setting == "all" else setting.replace("_", " ").capitalize()
        await self._say(interaction, f"{what} is back to the bot's default.")


async def setup(bot: commands.Bot) -> None:
    """The extension's entry point: ``await bot.load_extension("bot.cogs.settings")``."""
    await bot.add_cog(SettingsCog(article_bot(bot)))
