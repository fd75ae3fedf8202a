"""👍/👎 under each answer: one vote per member per answer, kept with what was answered.

The buttons are ``DynamicItem``s whose custom_id carries the stored answer's id (like
the Context buttons), so they keep working after a restart with nothing held in memory.
An answer nobody rated is deleted after ``UNRATED_DAYS``: its question is kept no longer
than someone may still want to rate it.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
from typing import Any

import discord
from discord.ext import commands, tasks

from index.feedback import ANSWER_ID, DOWN, UP, FeedbackStore, UnknownAnswer
from index.models import Answer
from index.store import StoreError

from ..protocol import ArticleBotLike, article_bot

log = logging.getLogger("articlebot.feedback")

UNRATED_DAYS = 30
VOTES = {"up": UP, "down": DOWN}
SAID = {
    ("recorded", UP): "Thanks: your 👍 is recorded.",
    ("recorded", DOWN): "Thanks: your 👎 is recorded.",
    ("changed", UP): "Changed to 👍.",
    ("changed", DOWN): "Changed to 👎.",
    ("withdrawn", UP): "Your 👍 is taken back.",
    ("withdrawn", DOWN): "Your 👎 is taken back.",
}
VOTE_TEMPLATE = rf"ab:vote:(?P<answer>{ANSWER_ID}):(?P<vote>up|down)"
VOTE_ID = rf"ab:vote:{ANSWER_ID}:(?:up|down)"  # the same, without groups: for StaleButton


class VoteButton(discord.ui.DynamicItem[discord.ui.Button[Any]], template=VOTE_TEMPLATE):
    """👍 or 👎 on one stored answer; clicking the same one again takes the vote back."""

    def __init__(self, answer_id: str, vote: str, row: int | None = None) -> None:
        super().__init__(
            discord.ui.Button(
                emoji="👍" if vote == "up" else "👎",
                style=discord.ButtonStyle.secondary,
                custom_id=f"ab:vote:{answer_id}:{vote}",
            ),
            row=row,
        )
        self.answer_id = answer_id
        self.vote = VOTES[vote]

    @classmethod
    async def from_custom_id(
        cls, interaction: discord.Interaction, item: discord.ui.Item[Any], match: re.Match[str]
    ) -> VoteButton:
        return cls(match["answer"], match["vote"])

    async def callback(self, interaction: discord.Interaction) -> None:
        """Every outcome is answered privately, in one line: discord.py only logs what a
        dynamic item raises, and the member would see "This interaction failed"."""
        bot = article_bot(interaction.client)
        try:
            outcome = await FeedbackStore(bot.library.store).vote(
                self.answer_id, interaction.user.id, self.vote
            )
        except UnknownAnswer:
            text = "This answer can no longer be rated; ask the question again."
        except StoreError as exc:
            log.warning("vote on answer %s not saved: %s", self.answer_id, exc)
            text = "Your vote could not be saved right now; try again in a moment."
        except Exception:
            log.exception("vote on answer %s failed", self.answer_id)
            text = "Sorry, something went wrong while saving your vote. It has been logged."
        else:
            text = SAID[outcome, self.vote]
        try:
            await interaction.response.send_message(text, ephemeral=True)
        except discord.HTTPException as exc:
            log.warning("could not confirm a vote: %s", exc)


async def record_answer(
    bot: ArticleBotLike, answer: Answer, guild_id: int | None, channel_id: int
) -> str | None:
    """Store an answer that is about to be sent; its id for the vote buttons, or None
    (nothing to rate, or the database is unavailable: the answer goes out without them)."""
    if answer.abstained or not answer.quotes:
        return None
    try:
        return await FeedbackStore(bot.library.store).record_answer(
            answer.question, answer.quotes, guild_id, channel_id
        )
    except StoreError as exc:
        log.warning("answer not stored for feedback (sent without 👍/👎): %s", exc)
        return None


def add_vote_buttons(view: discord.ui.View, answer_id: str) -> None:
    """👍 and 👎 on a row of their own, below the Context buttons."""
    row = min(4, -(-len(view.children) // 5))
    view.add_item(VoteButton(answer_id, "up", row))
    view.add_item(VoteButton(answer_id, "down", row))


class FeedbackCog(commands.Cog):
    """Deletes unrated answers once they are ``UNRATED_DAYS`` old, hourly."""

    def __init__(self, bot: ArticleBotLike) -> None:
        self.bot = bot

    async def cog_load(self) -> None:
        self.forget_unrated.start()

    async def cog_unload(self) -> None:
        self.forget_unrated.cancel()

    @tasks.loop(hours=1)
    async def forget_unrated(self) -> None:
        before = dt.datetime.now(dt.UTC) - dt.timedelta(days=UNRATED_DAYS)
        try:
            await FeedbackStore(self.bot.library.store).forget_unrated(before)
        except StoreError as exc:  # read-only or busy: next hour, then
            log.warning("unrated answers not deleted: %s", exc)


async def setup(bot: commands.Bot) -> None:
    """The extension's entry point: ``await bot.load_extension("bot.cogs.feedback")``."""
    await bot.add_cog(FeedbackCog(article_bot(bot)))
    bot.add_dynamic_items(VoteButton)
