"""Questions: messages in configured channels or mentioning the bot, and ``/ask``."""

from __future__ import annotations

import logging
import re
from typing import Any

import discord
from discord import app_commands
from discord.ext import commands

from index.answering import MAX_QUESTION_CHARS
from index.library import UnknownArticle
from index.models import Answer
from index.server_settings import Settings
from index.store import StoreError

from ..embeds import answer_message, context_message
from ..protocol import ArticleBotLike, article_bot
from .feedback import VOTE_ID, add_vote_buttons, record_answer

log = logging.getLogger("articlebot.ask")

# Sentence ids are SQLite integers: at most 18 digits always fit (a 19-digit number may
# not). A custom_id is whatever the client sends back, so it is bounded here, not trusted.
SENTENCE_ID = r"\d{1,18}"
UNAVAILABLE = "The library cannot be read right now; try again in a moment."
FAILED = "Sorry, something went wrong while answering. It has been logged."


class ContextButton(
    discord.ui.DynamicItem[discord.ui.Button[Any]], template=rf"ab:ctx:(?P<sid>{SENTENCE_ID})"
):
    """The "Show context" button of one quote; it outlives restarts (the id is in custom_id)."""

    def __init__(self, sentence_id: int, label: str = "Show context") -> None:
        super().__init__(
            discord.ui.Button(
                label=label, style=discord.ButtonStyle.secondary, custom_id=f"ab:ctx:{sentence_id}"
            )
        )
        self.sentence_id = sentence_id

    @classmethod
    async def from_custom_id(
        cls, interaction: discord.Interaction, item: discord.ui.Item[Any], match: re.Match[str]
    ) -> ContextButton:
        return cls(int(match["sid"]))

    async def callback(self, interaction: discord.Interaction) -> None:
        """discord.py only logs what a dynamic item's callback raises, and the member would
        see "This interaction failed": every outcome is answered here, in one line."""
        bot = article_bot(interaction.client)
        try:
            quotes = await bot.library.context(self.sentence_id, 1, interaction.guild_id)
        except UnknownArticle:
            await _tell(interaction, "That article is no longer in the library.")
            return
        except StoreError as exc:
            log.warning("context of sentence %s: %s", self.sentence_id, exc)
            await _tell(interaction, UNAVAILABLE)
            return
        except Exception:
            log.exception("context of sentence %s failed", self.sentence_id)
            await _tell(interaction, FAILED)
            return
        try:
            await interaction.response.send_message(
                embed=context_message(quotes, self.sentence_id),
                ephemeral=True,
                allowed_mentions=discord.AllowedMentions.none(),
            )
        except discord.HTTPException as exc:
            log.warning("could not show the context of sentence %s: %s", self.sentence_id, exc)


class StaleButton(
    discord.ui.DynamicItem[discord.ui.Button[Any]],
    template=rf"ab:(?!ctx:{SENTENCE_ID}\Z|{VOTE_ID[3:]}\Z)(?s:.*)",
):
    """Any other button of ours: a format from an older version, or a custom_id no
    version of the bot made. It gets a reply instead of silence."""

    def __init__(self, custom_id: str) -> None:
        super().__init__(discord.ui.Button(label="Show context", custom_id=custom_id[:100]))

    @classmethod
    async def from_custom_id(
        cls, interaction: discord.Interaction, item: discord.ui.Item[Any], match: re.Match[str]
    ) -> StaleButton:
        return cls(match.string)

    async def callback(self, interaction: discord.Interaction) -> None:
        await _tell(interaction, "This button no longer works; ask the question again.")


async def _tell(interaction: discord.Interaction, text: str) -> None:
    """One private line, whether or not the interaction was answered already."""
    try:
        if interaction.response.is_done():
            await interaction.followup.send(text, ephemeral=True)
        else:
            await interaction.response.send_message(text, ephemeral=True)
    except discord.HTTPException as exc:
        log.warning("could not reply to an interaction: %s", exc)


def answer_view(answer: Answer, answer_id: str | None = None) -> discord.ui.View | None:
    """A Context button a quote, numbered as the quotes are; 👍/👎 when the answer was
    stored (``answer_id``)."""
    if answer.abstained:
        return None
    view = discord.ui.View(timeout=None)
    for n, quote in enumerate(answer.quotes[:20], start=1):
        label = "Show context" if len(answer.quotes) == 1 else f"Context {n}"
        view.add_item(ContextButton(quote.sentence_id, label))
    if answer_id is not None:
        add_vote_buttons(view, answer_id)
    return view


class AskCog(commands.Cog):
    def __init__(self, bot: ArticleBotLike) -> None:
        self.bot = bot

    async def _answer(self, question: str, guild_id: int | None) -> Answer:
        k = (await self.bot.settings_for(guild_id)).quotes_per_answer
        return await self.bot.library.ask(question, k=k, guild_id=guild_id)

    async def _view(
        self, answer: Answer, guild_id: int | None, channel_id: int
    ) -> discord.ui.View | None:
        return answer_view(answer, await record_answer(self.bot, answer, guild_id, channel_id))

    # --- messages --------------------------------------------------------------------

    def _question_in(self, message: discord.Message, settings: Settings) -> str | None:
        """The question a message asks the bot, or None when it is not for the bot."""
        me = self.bot.user
        if message.author.bot or me is None or message.author.id == me.id:
            return None
        content = message.content or ""
        mentioned = any(u.id == me.id for u in message.mentions)
        if mentioned and settings.answer_on_mention:
            content = re.sub(rf"<@!?{me.id}>", " ", content)
        elif message.channel.id not in settings.answer_channels:
            return None
        question = " ".join(content.split())
        return question or None

    @commands.Cog.listener()
    async def on_message(self, message: discord.Message) -> None:
        if message.author.bot:
            return
        settings = await self.bot.settings_for(message.guild.id if message.guild else None)
        question = self._question_in(message, settings)
        if question is None or message.channel.id in self.bot.forbidden_channels:
            return
        wait = self.bot.cooldowns.retry_after(message.author.id, message.channel.id)
        if wait:
            if self.bot.cooldowns.should_warn(message.author.id):
                await self._reply(message, f"Slow down a little: try again in {wait:.0f} s.", [])
            return
        if len(question) > MAX_QUESTION_CHARS:
            await self._reply(
                message,
                f"That question is too long; ask in under {MAX_QUESTION_CHARS} characters.",
                [],
            )
            return
        guild_id = message.guild.id if message.guild else None
        try:
            async with message.channel.typing():
                answer = await self._answer_or_say(message, question, guild_id)
        except discord.Forbidden:
            self._forbidden(message.channel.id)
            return
        except discord.HTTPException as exc:  # the typing indicator: answer without it
            log.warning("typing indicator failed in channel %s: %s", message.channel.id, exc)
            answer = await self._answer_or_say(message, question, guild_id)
        if answer is None or answer.small_talk:
            return  # chat in an answer channel ("thanks!", "lol ok") gets no reply at all
        content, embeds = answer_message(answer)
        view = await self._view(answer, guild_id, message.channel.id)
        await self._reply(message, content, embeds, view, ping=settings.ping_asker)

    async def _answer_or_say(
        self, message: discord.Message, question: str, guild_id: int | None
    ) -> Answer | None:
        """The answer, or None once the member was told why there is none: discord.py only
        logs a listener's exception, so a failure would otherwise leave them unanswered."""
        try:
            return await self._answer(question, guild_id)
        except StoreError as exc:
            log.warning("could not answer in channel %s: %s", message.channel.id, exc)
            await self._reply(message, UNAVAILABLE, [])
        except Exception:
            log.exception("answering a message in channel %s failed", message.channel.id)
            await self._reply(message, FAILED, [])
        return None

    async def _reply(
        self,
        message: discord.Message,
        content: str,
        embeds: list[discord.Embed],
        view: discord.ui.View | None = None,
        ping: bool = False,
    ) -> None:
        kwargs: dict[str, Any] = {"allowed_mentions": discord.AllowedMentions.none()}
        if view is not None:
            kwargs["view"] = view
        try:
            await message.reply(content or None, embeds=embeds, mention_author=ping, **kwargs)
        except discord.Forbidden:
            self._forbidden(message.channel.id)
        except discord.HTTPException as exc:
            log.warning("could not reply in channel %s: %s", message.channel.id, exc)

    def _forbidden(self, channel_id: int) -> None:
        if channel_id not in self.bot.forbidden_channels:
            self.bot.forbidden_channels.add(channel_id)
            log.warning(
                "missing permission to reply in channel %s; skipping it until restart", channel_id
            )

    # --- /ask ------------------------------------------------------------------------

    @app_commands.command(name="ask", description="Ask about the articles; get cited quotes.")
    @app_commands.describe(question="What you want to know", private="Show the answer only to you")
    async def ask(
        self,
        interaction: discord.Interaction,
        question: app_commands.Range[str, 1, MAX_QUESTION_CHARS],
        private: bool = False,
    ) -> None:
        wait = self.bot.cooldowns.retry_after(interaction.user.id, interaction.channel_id)
        if wait:
            await interaction.response.send_message(
                f"Slow down a little: try again in {wait:.0f} s.", ephemeral=True
            )
            return
        private = bool(private)  # Discord sends a boolean; a forged payload may not
        await interaction.response.defer(ephemeral=private, thinking=True)
        answer = await self._answer(question, interaction.guild_id)
        content, embeds = answer_message(answer)
        view = await self._view(answer, interaction.guild_id, interaction.channel_id or 0)
        kwargs: dict[str, Any] = {"allowed_mentions": discord.AllowedMentions.none()}
        if view is not None:
            kwargs["view"] = view
        await interaction.followup.send(
            content or discord.utils.MISSING, embeds=embeds, ephemeral=private, **kwargs
        )


async def setup(bot: commands.Bot) -> None:
    """The extension's entry point: ``await bot.load_extension("bot.cogs.ask")``."""
    await bot.add_cog(AskCog(article_bot(bot)))
    bot.add_dynamic_items(ContextButton, StaleButton)
