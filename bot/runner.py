"""Run the bot for real: logging, signals, a clean close of Discord and the database."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import signal

import aiohttp
import discord

from index.store import StoreError

from .config import Config
from .discord_bot import ArticleBot, create_bot

log = logging.getLogger("articlebot")


async def run_bot(config: Config, sync: bool = False) -> int:
    logging.getLogger().handlers.clear()  # the CLI's plain handler: discord.py's replaces it
    discord.utils.setup_logging(level=getattr(logging, config.log_level), root=True)
    bot = create_bot(config)
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        with contextlib.suppress(NotImplementedError):  # not on Windows
            loop.add_signal_handler(sig, stop.set)

    async def runner() -> None:
        async with bot:
            if sync:
                await bot.login(config.token or "")
                await sync_commands(bot, config)
            await bot.start(config.token or "")

    task = asyncio.create_task(runner())
    waiter = asyncio.create_task(stop.wait())
    done, _ = await asyncio.wait({task, waiter}, return_when=asyncio.FIRST_COMPLETED)
    if waiter in done:
        log.info("signal received: closing the connection and the database")
        await bot.close()
        try:
            await asyncio.wait_for(asyncio.shield(task), timeout=10)
        except TimeoutError:
            task.cancel()  # an answer still running is cancelled; the database is closed
    else:
        waiter.cancel()
    try:
        await task
    except asyncio.CancelledError:
        return 0
    except discord.LoginFailure:
        log.error("Discord refused the token: check DISCORD_TOKEN")
        return 2
    except discord.PrivilegedIntentsRequired:
        log.error("enable the Message Content intent for the bot in the Developer Portal")
        return 2
    except (aiohttp.ClientError, OSError) as exc:
        log.error("cannot reach Discord (%s); check the network and try again", exc)
        return 1
    except StoreError as exc:
        log.error("%s", exc)
        return 1
    return 0


async def sync_commands(bot: ArticleBot, config: Config) -> None:
    tree = bot.tree
    if config.sync_guilds:
        for guild_id in config.sync_guilds:
            guild = discord.Object(id=guild_id)
            tree.copy_global_to(guild=guild)
            synced = await tree.sync(guild=guild)
            log.info("synced %d commands to guild %s", len(synced), guild_id)
    else:
        synced = await tree.sync()
        log.info("synced %d global commands (they can take a while to appear)", len(synced))
