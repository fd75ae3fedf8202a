"""``/feeds …``: the RSS and Atom feeds a server follows, for admins only, and the
background poller that adds their new articles (index/feed_poller.py does the work).

Like ``/articles``, ``default_permissions`` only shapes what Discord shows, so every
command also checks the caller's permissions at run time, and refuses in DMs.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence

import discord
from discord import app_commands
from discord.ext import commands, tasks

from index.feed_poller import FeedPoller, PollReport
from index.feed_store import Feed, scope_of
from index.feeds import FeedError
from index.store import StoreError

from ..embeds import ACCENT, CONTENT_LIMIT, TITLE_LIMIT, clip, listing, shown
from ..permissions import admin_check, refusal
from ..protocol import ArticleBotLike, article_bot

log = logging.getLogger("articlebot.feeds")

POLL_TICK_SECONDS = 60.0  # how often the poller looks for feeds that are due
MAX_URL_CHARS = 2048


@app_commands.default_permissions(manage_guild=True)
@app_commands.guild_only()
class FeedsCog(commands.GroupCog, group_name="feeds", group_description="Follow news feeds"):
    """Each command runs only for members holding the configured permission."""

    def __init__(self, bot: ArticleBotLike, client: discord.Client) -> None:
        self.bot = bot
        self.client = client  # the same bot, for what the protocol does not cover
        self.poller = FeedPoller(bot.library, bot.config.fetch_policy())
        super().__init__()

    async def cog_load(self) -> None:
        self.poll_loop.start()

    async def cog_unload(self) -> None:
        self.poll_loop.cancel()

    # --- the background poller -------------------------------------------------------

    @tasks.loop(seconds=POLL_TICK_SECONDS)
    async def poll_loop(self) -> None:
        """Poll the feeds that are due; a failure is logged and the next tick tries again."""
        try:
            reports = await self.poller.poll_due()
        except StoreError as exc:
            log.warning("feeds not polled: %s", exc)
            return
        except Exception:
            log.exception("polling feeds failed")
            return
        await self.announce(reports)

    @poll_loop.before_loop
    async def _ready(self) -> None:
        await self.client.wait_until_ready()

    async def announce(self, reports: Sequence[PollReport]) -> None:
        """ "New: <title>" in each server's announce channel, if it chose one (no pings)."""
        for report in reports:
            if not report.added or report.feed.guild_id is None:
                continue
            settings = await self.poller.store.settings(report.feed.scope)
            channel = (
                self.client.get_channel(settings.announce_channel)
                if settings.announce_channel
                else None
            )
            if not isinstance(channel, discord.abc.Messageable):
                continue
            for added in report.added:
                line = f"New: {shown(added.article.title, TITLE_LIMIT)}"
                if added.article.url:
                    line += f"\n<{clip(added.article.url, 1500)}>"
                try:
                    await channel.send(
                        clip(line, 2000), allowed_mentions=discord.AllowedMentions.none()
                    )
                except discord.HTTPException as exc:
                    log.info("announcement not sent in %s: %s", settings.announce_channel, exc)
                    break

    # --- checks ----------------------------------------------------------------------

    def _allowed(self, interaction: discord.Interaction) -> str | None:
        """None when the caller may manage feeds, else why not (Discord's names)."""
        return refusal(interaction, self.bot.config.admin_permission, "manage feeds")

    async def interaction_check(self, interaction: discord.Interaction) -> bool:
        return await admin_check(interaction, self.bot.config.admin_permission, "manage feeds")

    async def _done(self, interaction: discord.Interaction, text: str) -> None:
        await interaction.followup.send(
            clip(text, 2000), ephemeral=True, allowed_mentions=discord.AllowedMentions.none()
        )

    # --- commands --------------------------------------------------------------------

    @app_commands.command(name="follow", description="Follow an RSS or Atom feed")
    @app_commands.describe(url="The feed's http(s) address")
    async def follow(self, interaction: discord.Interaction, url: str) -> None:
        if len(url.strip()) > MAX_URL_CHARS:
            await interaction.response.send_message(
                f"That link is too long (over {MAX_URL_CHARS:,} characters).", ephemeral=True
            )
            return
        await interaction.response.defer(ephemeral=True, thinking=True)
        try:
            feed, entries = await self.poller.follow(interaction.guild_id, url)
        except (FeedError, StoreError) as exc:
            await self._done(interaction, f"Not followed: {shown(str(exc), CONTENT_LIMIT - 20)}")
            return
        await self._done(
            interaction,
            f"Following {shown(feed.title, TITLE_LIMIT)} ({entries} "
            f"entr{'ies' if entries != 1 else 'y'} now). New articles are added within "
            f"{POLL_TICK_SECONDS / 60:g} minute{'s' * (POLL_TICK_SECONDS != 60)}, then "
            f"checked every {_duration(max(feed.interval_seconds, feed.floor_seconds))}.",
        )

    @app_commands.command(name="list", description="The feeds this server follows")
    async def list_(self, interaction: discord.Interaction) -> None:
        await interaction.response.defer(ephemeral=True, thinking=True)
        feeds = await self.poller.store.feeds(scope_of(interaction.guild_id))
        await interaction.followup.send(
            embed=feeds_message(feeds), ephemeral=True,
            allowed_mentions=discord.AllowedMentions.none(),
        )  # fmt: skip

    @app_commands.command(name="unfollow", description="Stop following a feed")
    @app_commands.describe(url="The feed, as /feeds list shows it")
    async def unfollow(self, interaction: discord.Interaction, url: str) -> None:
        await interaction.response.defer(ephemeral=True, thinking=True)
        try:
            gone = await self.poller.unfollow(interaction.guild_id, url.strip())
        except StoreError as exc:
            await self._done(interaction, f"Not changed: {shown(str(exc), CONTENT_LIMIT - 20)}")
            return
        if not gone:
            await self._done(interaction, "This server does not follow that feed.")
            return
        await self._done(
            interaction,
            f"Unfollowed {shown(url.strip(), 300)}. Its articles stay in the library "
            "(/articles remove removes them).",
        )

    @unfollow.autocomplete("url")
    async def _followed(
        self, interaction: discord.Interaction, current: str
    ) -> list[app_commands.Choice[str]]:
        if self._allowed(interaction) is not None:
            return []
        feeds = await self.poller.store.feeds(scope_of(interaction.guild_id))
        wanted = current.lower()
        return [
            app_commands.Choice(name=clip(f"{f.title} — {f.url}", 100), value=f.url)
            for f in feeds
            if (wanted in f.url.lower() or wanted in f.title.lower()) and len(f.url) <= 100
        ][:25]

    @app_commands.command(name="check", description="Check this server's feeds now")
    async def check(self, interaction: discord.Interaction) -> None:
        await interaction.response.defer(ephemeral=True, thinking=True)
        try:
            reports = await self.poller.check(interaction.guild_id)
        except StoreError as exc:
            await self._done(interaction, f"Not checked: {shown(str(exc), CONTENT_LIMIT - 20)}")
            return
        await self._done(interaction, check_text(reports))
        await self.announce(reports)

    @app_commands.command(name="announce", description="Post new feed articles in a channel")
    @app_commands.describe(channel="Where to post “New: <title>”; leave out to stop")
    async def announce_command(
        self, interaction: discord.Interaction, channel: discord.TextChannel | None = None
    ) -> None:
        await interaction.response.defer(ephemeral=True, thinking=True)
        scope = scope_of(interaction.guild_id)
        await self.poller.store.set_announce(scope, channel.id if channel else None)
        await self._done(
            interaction,
            f"New feed articles will be announced in {channel.mention}."
            if channel
            else "New feed articles will not be announced.",
        )

    @app_commands.command(name="retention", description="Keep only the newest feed articles")
    @app_commands.describe(
        newest="Keep this many feed articles at most (leave out: no limit)",
        days="Remove feed articles older than this many days (leave out: no limit)",
    )
    async def retention(
        self,
        interaction: discord.Interaction,
        newest: app_commands.Range[int, 1, 100_000] | None = None,
        days: app_commands.Range[int, 1, 3650] | None = None,
    ) -> None:
        await interaction.response.defer(ephemeral=True, thinking=True)
        try:
            await self.poller.store.set_retention(scope_of(interaction.guild_id), newest, days)
            removed = await self.poller.apply_retention(interaction.guild_id)
        except StoreError as exc:
            await self._done(interaction, f"Not changed: {shown(str(exc), CONTENT_LIMIT - 20)}")
            return
        limits = [f"the newest {newest}" if newest else "", f"{days} days" if days else ""]
        said = " and ".join(x for x in limits if x) or "every feed article (no limit)"
        await self._done(
            interaction, f"Keeping {said}; removed {len(removed)} article"
            f"{'s' * (len(removed) != 1)} now.",
        )  # fmt: skip


def _duration(seconds: int) -> str:
    if seconds % 3600 == 0:
        hours = seconds // 3600
        return f"{hours} hour{'s' * (hours != 1)}"
    minutes = max(1, round(seconds / 60))
    return f"{minutes} minute{'s' * (minutes != 1)}"


def feed_status(feed: Feed) -> str:
    """One line on how a feed is doing: why it is paused, what failed, when it is next."""
    if feed.paused_reason:
        return f"⏸ {shown(feed.paused_reason, 400)} · /feeds check retries it"
    parts = [f"every {_duration(max(feed.interval_seconds, feed.floor_seconds))}"]
    if feed.failures:
        parts.append(f"failing ({feed.failures} in a row: {shown(feed.last_error or '', 300)})")
    if feed.last_polled:
        parts.append(f"last checked <t:{feed.last_polled}:R>")
    parts.append(f"next <t:{feed.next_poll}:R>")
    return " · ".join(parts)


def feeds_message(feeds: Sequence[Feed]) -> discord.Embed:
    lines = [
        f"**{shown(f.title, TITLE_LIMIT)}**\n{shown(clip(f.url, 300), 300)}\n{feed_status(f)}"
        for f in feeds
    ]
    text = listing(lines, "\n\n", "No feeds yet. Follow one with /feeds follow.")
    return discord.Embed(title=f"Feeds ({len(feeds)})", description=text, colour=ACCENT)


def check_text(reports: Sequence[PollReport]) -> str:
    """The reply to ``/feeds check``: one line a feed, then what was not added."""
    if not reports:
        return "No feeds yet. Follow one with /feeds follow."
    lines = []
    for r in reports:
        name = shown(r.feed.title, 100)
        if r.busy:
            lines.append(f"{name}: being checked already.")
        elif r.error:
            status = f" {shown(r.feed.paused_reason, 300)}." if r.feed.paused_reason else ""
            lines.append(f"{name}: failed ({shown(r.error, 300)}).{status}")
        elif r.not_modified:
            lines.append(f"{name}: nothing new (not modified).")
        else:
            n = len(r.added)
            line = f"{name}: {n} new article{'s' * (n != 1)}"
            fallback = sum(a.from_feed_content for a in r.added)
            if fallback:
                line += f" ({fallback} from the feed's own text: page not fetched)"
            if r.left_for_later:
                line += f"; {r.left_for_later} left for tomorrow (daily limit)"
            lines.append(line + ".")
        lines.extend(f"  not added: {shown(s, 200)}" for s in r.skipped[:5])
    return clip("\n".join(lines), 2000)


async def setup(bot: commands.Bot) -> None:
    """The extension's entry point: ``await bot.load_extension("bot.cogs.feeds")``."""
    await bot.add_cog(FeedsCog(article_bot(bot), bot))
