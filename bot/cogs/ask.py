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

from ..answered import Answered, AnsweredQuestions
from ..cooldowns import Asker
from ..embeds import answer_message, context_message
from ..protocol import ArticleBotLike, article_bot
from .feedback import VOTE_ID, add_vote_buttons, record_answer
from .sources import PAGE_ID

log = logging.getLogger("articlebot.ask")

# Sentence ids are SQLite integers: at most 18 digits always fit (a 19-digit number may
# not). A custom_id is whatever the client sends back, so it is bounded here, not trusted.
SENTENCE_ID = r"\d{1,18}"
UNAVAILABLE = "The library cannot be read right now; try again in a moment."
FAILED = "Sorry, something went wrong while answering. It has been logged."
TOO_LONG = f"That question is too long; ask in under {MAX_QUESTION_CHARS} characters."
WAITING = "\N{HOURGLASS WITH FLOWING SAND}"  # on a question waiting for its turn
FULL = "\N{NO ENTRY}"  # on a question over a full line, once the member was told
NOTICE_MIN, NOTICE_MAX = 5.0, 60.0  # seconds the "asking faster" note stays


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
    template=rf"ab:(?!ctx:{SENTENCE_ID}\Z|src:{PAGE_ID}\Z|{VOTE_ID[3:]}\Z)(?s:.*)",
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
        self.answered = AnsweredQuestions(bot.clock)
        # Message id -> the question as it now reads, while the message waits its turn.
        self.queued: dict[int, str | None] = {}

    async def _answer(self, question: str, guild_id: int | None) -> Answer:
        k = (await self.bot.settings_for(guild_id)).quotes_per_answer
        return await self.bot.library.ask(question, k=k, guild_id=guild_id)

    async def _view(
        self, answer: Answer, guild_id: int | None, channel_id: int
    ) -> discord.ui.View | None:
        return answer_view(answer, await record_answer(self.bot, answer, guild_id, channel_id))

    async def _settings(self, message: discord.Message) -> Settings:
        return await self.bot.settings_for(message.guild.id if message.guild else None)

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
        elif not self._answers_in(message.channel, settings):
            return None
        question = " ".join(content.split())
        return question or None

    def _answers_in(self, channel: object, settings: Settings) -> bool:
        """Is every message in ``channel`` a question: an answer channel of the server's
        settings, or a thread under one?"""
        channels = settings.answer_channels
        if isinstance(channel, discord.Thread):
            return channel.id in channels or channel.parent_id in channels
        return getattr(channel, "id", None) in channels

    @commands.Cog.listener()
    async def on_message(self, message: discord.Message) -> None:
        if message.author.bot:
            return
        question = self._question_in(message, await self._settings(message))
        if question is None or message.channel.id in self.bot.forbidden_channels:
            return
        self.queued[message.id] = question
        try:
            turn = await self._take_turn(message)
        finally:
            latest = self.queued.pop(message.id)
        if not turn or latest is None:
            return  # told to wait, or edited into no question while it waited
        question = latest
        if len(question) > MAX_QUESTION_CHARS:
            await self._reply(message, TOO_LONG, [])
            return
        reply_id = await self._respond(message, question)
        self.answered.remember(message.id, Answered(question, reply_id, self.bot.clock.now()))

    @commands.Cog.listener()
    async def on_raw_message_edit(self, payload: discord.RawMessageUpdateEvent) -> None:
        """An edited question, within a few minutes of asking, is asked again and its
        answer edited. Edited into no question (emptied, the mention taken out) or into
        small talk, the answer is deleted: it answers what is no longer there. A question
        still waiting for its turn is answered as it reads when the turn comes."""
        if payload.message_id in self.queued:
            settings = await self._settings(payload.message)
            self.queued[payload.message_id] = self._question_in(payload.message, settings)
            return
        answered = self.answered.get(payload.message_id)
        if answered is None:
            return  # not a question of ours, or asked too long ago
        message = payload.message
        question = self._question_in(message, await self._settings(message))
        if question == answered.question:
            return  # not a new question: a link preview arrived, or the same text again
        if question is None or len(question) > MAX_QUESTION_CHARS:
            await self._delete_reply(message, answered)
            answered.question = question or ""
            return
        answered.question = question
        if message.channel.id in self.bot.forbidden_channels or not await self._take_turn(message):
            return
        answered.reply_id = await self._respond(message, question, answered.reply_id)

    async def _take_turn(self, message: discord.Message) -> bool:
        """True once the question may be answered: at once when the member's budget
        allows, else after waiting in line, marked ⏳ meanwhile. False when the line is
        full: the member was told (or the ⛔ shows it), so nothing is dropped silently."""
        asker = Asker(message.guild.id if message.guild else None, message.channel.id,
                      message.author.id)  # fmt: skip
        limits = self.bot.rate_limits
        wait = limits.take(asker)
        if wait is None:
            return True
        if not limits.has_room(asker):
            if limits.may_notify(asker):
                seconds = max(wait, limits.retry_after(asker), 1.0)
                await self._reply(
                    message,
                    _line_full(seconds, limits.waiting(asker)),
                    [],
                    delete_after=min(max(seconds, NOTICE_MIN), NOTICE_MAX),
                )
            else:
                await self._react(message, FULL, add=True)
            return False
        await self._react(message, WAITING, add=True)
        await limits.wait_turn(asker)
        await self._react(message, WAITING, add=False)
        return True

    async def _react(self, message: discord.Message, emoji: str, *, add: bool) -> None:
        me = self.bot.user
        try:
            if add:
                await message.add_reaction(emoji)
            elif me is not None:
                await message.remove_reaction(emoji, me)
        except discord.HTTPException as exc:  # no Add Reactions permission: answer anyway
            log.info("could not change a reaction in channel %s: %s", message.channel.id, exc)

    async def _respond(
        self, message: discord.Message, question: str, reply_id: int | None = None
    ) -> int | None:
        """Answer ``question`` in reply to ``message`` (editing the reply ``reply_id`` when
        there is one); the id of the reply that now stands, None when there is none."""
        guild_id = message.guild.id if message.guild else None
        try:
            async with message.channel.typing():
                answer = await self._answer_or_say(message, question, guild_id)
        except discord.Forbidden:
            self._forbidden(message.channel.id)
            return reply_id
        except discord.HTTPException as exc:  # the typing indicator: answer without it
            log.warning("typing indicator failed in channel %s: %s", message.channel.id, exc)
            answer = await self._answer_or_say(message, question, guild_id)
        if answer is None:
            return reply_id
        if answer.small_talk:  # chat in an answer channel ("thanks!", "lol ok"): no reply
            if reply_id is not None:
                await self._delete(message, reply_id)
            return None
        content, embeds = answer_message(answer)
        view = await self._view(answer, guild_id, message.channel.id)
        if reply_id is not None:
            try:
                await self._partial(message, reply_id).edit(
                    content=content or None, embeds=embeds, view=view
                )
                return reply_id
            except discord.NotFound:
                pass  # the reply was deleted: reply anew
            except discord.HTTPException as exc:
                log.warning("could not edit an answer in channel %s: %s", message.channel.id, exc)
                return reply_id
        ping = (await self.bot.settings_for(guild_id)).ping_asker
        sent = await self._reply(message, content, embeds, view, ping=ping)
        return sent.id if sent is not None else None

    def _partial(self, message: discord.Message, reply_id: int) -> discord.PartialMessage:
        """The bot's reply ``reply_id`` in ``message``'s channel, to edit or delete."""
        guild_id = message.guild.id if message.guild else None
        channel = self.bot.get_partial_messageable(message.channel.id, guild_id=guild_id)
        return channel.get_partial_message(reply_id)

    async def _delete_reply(self, message: discord.Message, answered: Answered) -> None:
        if answered.reply_id is not None:
            await self._delete(message, answered.reply_id)
            answered.reply_id = None

    async def _delete(self, message: discord.Message, reply_id: int) -> None:
        try:
            await self._partial(message, reply_id).delete()
        except discord.HTTPException as exc:  # deleted already, or no longer allowed
            log.info("could not delete answer %s: %s", reply_id, exc)

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
        delete_after: float | None = None,
        ping: bool = False,
    ) -> discord.Message | None:
        kwargs: dict[str, Any] = {"allowed_mentions": discord.AllowedMentions.none()}
        if view is not None:
            kwargs["view"] = view
        if delete_after is not None:
            kwargs["delete_after"] = delete_after
        try:
            return await message.reply(content or None, embeds=embeds, mention_author=ping,
                                       **kwargs)  # fmt: skip
        except discord.Forbidden:
            self._forbidden(message.channel.id)
        except discord.HTTPException as exc:
            log.warning("could not reply in channel %s: %s", message.channel.id, exc)
        return None

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
        await self.bot.settings_for(interaction.guild_id)  # the server's limits, cached
        asker = Asker(interaction.guild_id, interaction.channel_id or 0, interaction.user.id)
        wait = self.bot.rate_limits.take(asker)
        if wait is not None:
            await interaction.response.send_message(_over_limit(wait, asker, self.bot),
                                                    ephemeral=True)  # fmt: skip
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


def _line_full(seconds: float, waiting: int) -> str:
    """The short public note to a message over a full line (it deletes itself)."""
    when = (
        f"once your questions marked {WAITING} are answered" if waiting else f"in {seconds:.0f} s"
    )
    return f"You're asking faster than I can answer: ask that one again {when}."


def _over_limit(wait: float, asker: Asker, bot: ArticleBotLike) -> str:
    """The private note to an ``/ask`` over the limit: how long, and why."""
    waiting = bot.rate_limits.waiting(asker)
    if waiting == 1:
        return "Your question by message is still waiting for its answer; ask again after it."
    if waiting:
        return (
            f"Your {waiting} questions by message are still waiting for their answers; "
            "ask again after them."
        )
    return f"You're asking quickly: you can ask again in {max(wait, 1.0):.0f} s."


async def setup(bot: commands.Bot) -> None:
    """The extension's entry point: ``await bot.load_extension("bot.cogs.ask")``."""
    await bot.add_cog(AskCog(article_bot(bot)))
    bot.add_dynamic_items(ContextButton, StaleButton)
