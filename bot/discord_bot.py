"""The Discord client: a ``commands.Bot`` (or ``AutoShardedBot``) around one Library.

Layout as in discord.py's examples and Rapptz/RoboDanny: the client owns the shared state
(config, library, rate limits) and loads its features as extensions (``bot/cogs/*``, each
with an ``async def setup(bot)``) in ``setup_hook``.
"""

from __future__ import annotations

import logging
from dataclasses import replace
from pathlib import Path
from typing import Any

import discord
from discord import app_commands
from discord.ext import commands, tasks

from index.ingest import IngestError
from index.library import Library
from index.server_settings import Settings
from index.store import StoreError

from .clock import Clock, WallClock
from .config import Config
from .cooldowns import RateLimits
from .health import open_with_retries, process_line
from .limits import Limits
from .sample import listed, sample_articles
from .settings import ServerSettings

log = logging.getLogger("articlebot.discord")

EXTENSIONS = (
    "bot.cogs.ask",
    "bot.cogs.admin",
    "bot.cogs.help",
    "bot.cogs.sources",
    "bot.cogs.feeds",
    "bot.cogs.settings",
    "bot.cogs.feedback",
)


class ArticleBot(commands.Bot):
    """The bot. Implements ``bot.protocol.ArticleBotLike``, what the cogs use of it."""

    library: Library
    server_settings: ServerSettings

    def __init__(
        self,
        config: Config,
        library: Library | None = None,
        *,
        clock: Clock | None = None,
        **options: Any,
    ) -> None:
        super().__init__(**{**_options(config), **options})
        self.config = config
        self._given_library = library
        self.clock = clock or WallClock()
        self.rate_limits = RateLimits(self.limits_for, self.clock)
        self.forbidden_channels: set[int] = set()

    def limits_for(self, guild_id: int | None) -> Limits:
        """The rate limits in a server (None: in DMs). The one place they are read: the
        config's, with the member budget the server's admins chose (``/settings``)."""
        limits = self.config.limits()
        server_settings = getattr(self, "server_settings", None)  # None before setup_hook
        if server_settings is None:
            return limits
        chosen = server_settings.cached(guild_id)
        return replace(
            limits, member_questions=chosen.member_questions, member_seconds=chosen.member_seconds
        )

    async def setup_hook(self) -> None:
        if self._given_library is not None:
            self.library = self._given_library
        else:
            config = self.config
            self.library = await open_with_retries(lambda: Library.open(
                config.database, segmenter=config.segmenter, semantic=config.semantic,
                owns=config.owns_guild,
            ))  # fmt: skip
        # Other processes on the same database (other shard slices, `articlebot index`):
        # their changes reach this one's answers within a second.
        self.library.follow()
        self.server_settings = ServerSettings(self.library.store, self.config)
        await self._index_startup_articles()
        if self._given_library is None:
            await self._withhold_sample()
        for extension in EXTENSIONS:
            await self.load_extension(extension)
        self.tree.error(self._on_command_error)
        log.info("this process: %s", process_line(self.config, self.library))
        if self.config.health_minutes:
            self._health.change_interval(minutes=self.config.health_minutes)
            self._health.start()

    @tasks.loop(minutes=10)
    async def _health(self) -> None:
        """The health line, every ``health_minutes`` (the first one a period after start)."""
        if self._health.current_loop:
            log.info("health: %s", process_line(self.config, self.library))

    async def _on_command_error(
        self, interaction: discord.Interaction, error: discord.app_commands.AppCommandError
    ) -> None:
        """Tell the user in one polite, private line. What a member can cause (a command
        or option Discord no longer lists, a value of the wrong kind, a database that is
        busy) is said as such; anything else is a bug, logged with its traceback."""
        if isinstance(error, app_commands.CheckFailure) and interaction.response.is_done():
            return  # already answered by the check
        original = getattr(error, "original", error)
        text = _user_error(error, original)
        if text is None:
            log.error(
                "command %s failed",
                interaction.command and interaction.command.qualified_name,
                exc_info=original,
            )
            text = "Sorry, something went wrong while answering. It has been logged."
        else:
            log.info("command refused: %s (%s)", text, original.__class__.__name__)
        try:
            if interaction.response.is_done():
                await interaction.followup.send(text, ephemeral=True)
            else:
                await interaction.response.send_message(text, ephemeral=True)
        except discord.HTTPException:
            pass

    async def settings_for(self, guild_id: int | None) -> Settings:
        """The settings to answer with in a server (its own over the config's defaults);
        read from memory, refreshed when ``/settings`` changes them."""
        return await self.server_settings.settings_for(guild_id)

    async def on_message(self, message: discord.Message) -> None:
        """No prefix commands: questions are handled by AskCog's listener, not as commands."""

    async def on_guild_join(self, guild: discord.Guild) -> None:
        """A server joined one of this process's shards: hold its articles (a server that
        comes back after leaving has them still)."""
        try:
            await self.library.load_guild(guild.id)
        except StoreError as exc:
            log.error("cannot load the articles of server %s: %s", guild.id, exc)

    async def on_guild_remove(self, guild: discord.Guild) -> None:
        """The bot left a server (or it was deleted): let go of its articles in memory;
        they stay in the database."""
        try:
            await self.library.drop_guild(guild.id)
        except StoreError as exc:
            log.error("cannot drop the articles of server %s: %s", guild.id, exc)

    async def _index_startup_articles(self) -> None:
        have = {a.source for a in self.library.articles()}
        for path in self.config.articles:
            if str(Path(path)) in have:
                continue
            try:
                article = await self.library.add_path(path)
            except IngestError as exc:
                log.warning("start-up article skipped: %s", exc)
                continue
            log.info("indexed %s (%d sentences)", article.id, article.sentences)

    async def _withhold_sample(self) -> None:
        """The real bot (which opens its own database: ``articlebot run`` with a token)
        serves the bundled sample only when the owner lists it in ``library.articles``.
        A library lent to the bot (the local harness: replay, the tests) is served as is."""
        for article in await sample_articles(self.library):
            if listed(article, self.config.articles):
                continue
            await self.library.withhold(article.id)
            log.info(
                "not serving the bundled sample article %s (added by the local harness); "
                "list it in library.articles to serve it, or remove it: articlebot remove %s",
                article.id,
                article.id,
            )

    async def close(self) -> None:
        """Close the gateway and HTTP session, then the database (unless it was lent)."""
        self._health.cancel()
        await super().close()
        if getattr(self, "library", None) is not None and self._given_library is None:
            await self.library.close()


class _ShardedArticleBot(ArticleBot, commands.AutoShardedBot):
    """The same bot on discord.py's AutoShardedClient (one gateway connection a shard).

    ``commands.Bot`` and ``commands.AutoShardedBot`` add nothing of their own to
    ``BotBase``: they differ only in the client they build on, so this class is ArticleBot
    with AutoShardedClient's connection handling (tests/test_discord.py checks that).
    """


def _user_error(error: app_commands.AppCommandError, original: BaseException) -> str | None:
    """The one line for an error the user's input explains, or None for a bug."""
    if isinstance(error, app_commands.CommandNotFound):
        return "That command no longer exists; Discord may still be showing an old list."
    if isinstance(error, app_commands.CommandSignatureMismatch):
        return "That command changed since Discord loaded it; try again in a minute."
    if isinstance(error, app_commands.TransformerError):
        return "One of the options has a value this command cannot use."
    if isinstance(error, app_commands.CheckFailure):
        return "You cannot use this command here."
    if isinstance(original, StoreError):
        return "The library cannot be read right now; try again in a moment."
    return None


def _intents() -> discord.Intents:
    intents = discord.Intents.default()
    intents.message_content = True  # privileged: enable it in the Developer Portal
    return intents


def _options(config: Config) -> dict[str, Any]:
    options: dict[str, Any] = {
        "command_prefix": commands.when_mentioned,
        "intents": _intents(),
        "allowed_mentions": discord.AllowedMentions.none(),
        "help_command": None,
        "max_ratelimit_timeout": 60.0,
    }
    if config.shard_count:
        options["shard_count"] = config.shard_count
        if config.shard_ids:
            options["shard_ids"] = list(config.shard_ids)
    return options


def create_bot(
    config: Config, library: Library | None = None, *, clock: Clock | None = None, **options: Any
) -> ArticleBot:
    """The bot for ``config``: sharded (``discord.sharded``) or not, the same behaviour."""
    discord.VoiceClient.warn_nacl = False  # the bot has no voice features: no warning
    discord.VoiceClient.warn_dave = False
    cls = _ShardedArticleBot if config.sharded or config.shard_count else ArticleBot
    return cls(config, library, clock=clock, **options)
