"""What a cog needs of the bot it is loaded into.

The cogs (``bot/cogs/``) are discord.py extensions: ``bot/discord_bot.py`` loads them by
name and the cogs depend only on this protocol, never on the bot class, so neither module
imports the other.
"""

from __future__ import annotations

from typing import Protocol, runtime_checkable

import discord

from index.library import Library
from index.server_settings import Settings

from .clock import Clock
from .config import Config
from .cooldowns import RateLimits
from .limits import Limits
from .settings import ServerSettings


@runtime_checkable
class ArticleBotLike(Protocol):
    """The shared state of the bot (``bot.discord_bot.ArticleBot`` implements it)."""

    config: Config
    library: Library
    clock: Clock  # what the rate limits read (a virtual one in the offline harness)
    rate_limits: RateLimits
    forbidden_channels: set[int]  # channels where replying was refused, until restart
    server_settings: ServerSettings  # each server's settings, to read or change

    async def settings_for(self, guild_id: int | None) -> Settings:
        """The effective settings of a server (None: a direct message), cached."""
        ...

    def limits_for(self, guild_id: int | None) -> Limits: ...

    def get_partial_messageable(
        self, id: int, *, guild_id: int | None = None, type: discord.ChannelType | None = None
    ) -> discord.PartialMessageable: ...

    @property
    def user(self) -> discord.ClientUser | None: ...


def article_bot(client: object) -> ArticleBotLike:
    """``client`` (a cog's bot, ``interaction.client``) as the articlebot it must be."""
    if not isinstance(client, ArticleBotLike):
        raise TypeError(f"{type(client).__name__} is not an articlebot client")
    return client
