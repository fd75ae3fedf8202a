"""The offline harness: the real bot, with no Discord.

discord.py is left whole. :class:`FakeDiscord` (``api``) answers REST calls on 127.0.0.1
like Discord does, so discord.py's HTTP client (rate limits, retries) and its webhook
adapter (interaction callbacks, follow-ups) run unchanged; ``gateway`` builds the events
Discord would send; :func:`offline_bot` (``session``) wires a bot to both. The only uses
of discord.py internals are in ``internals``. The tests and ``articlebot replay`` use it.
"""

from .api import FakeDiscord
from .clock import VirtualClock
from .gateway import (
    APP_ID,
    BOT_ID,
    BOT_USER,
    OWNER_ID,
    bot_message,
    button_event,
    guild_create_event,
    interaction_event,
    member_payload,
    message_event,
    message_update_event,
    ready_event,
    slash_event,
    snowflake,
    thread_create_event,
    user_payload,
)
from .session import OfflineBot, fake_discord, offline_bot

__all__ = [
    "APP_ID",
    "BOT_ID",
    "BOT_USER",
    "OWNER_ID",
    "FakeDiscord",
    "OfflineBot",
    "VirtualClock",
    "bot_message",
    "button_event",
    "fake_discord",
    "guild_create_event",
    "interaction_event",
    "member_payload",
    "message_event",
    "message_update_event",
    "offline_bot",
    "ready_event",
    "slash_event",
    "snowflake",
    "thread_create_event",
    "user_payload",
]
