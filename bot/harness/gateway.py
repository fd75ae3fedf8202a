"""Gateway payloads, shaped as Discord sends them: READY, GUILD_CREATE, messages and
interactions (slash commands, button clicks), for feeding to a bot offline."""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Iterable
from typing import Any

import discord

APP_ID = 700000000000000001
BOT_ID = 700000000000000002
OWNER_ID = 700000000000000003

BOT_USER = {
    "id": str(BOT_ID),
    "username": "articlebot",
    "discriminator": "0",
    "global_name": None,
    "avatar": None,
    "bot": True,
}

# One source of ids for everything the harness makes up (events, messages, attachments),
# so no two objects of one run ever share an id.
_snowflakes = itertools.count(800000000000000000)


def snowflake() -> str:
    """A new, unique Discord id."""
    return str(next(_snowflakes))


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat()


def ready_event(guild_ids: Iterable[int]) -> dict[str, Any]:
    return {
        "v": 10,
        "user": BOT_USER,
        "guilds": [{"id": str(g), "unavailable": True} for g in guild_ids],
        "session_id": "offline",
        "resume_gateway_url": "wss://gateway.invalid",
        "application": {"id": str(APP_ID), "flags": 0},
        "shard": [0, 1],
    }


def guild_create_event(guild_id: int, channel_ids: Iterable[int] = ()) -> dict[str, Any]:
    gid = str(guild_id)
    return {
        "id": gid, "name": f"Server {guild_id}", "icon": None, "owner_id": str(OWNER_ID),
        "roles": [{"id": gid, "name": "@everyone", "permissions": "1024", "position": 0,
                   "color": 0, "hoist": False, "managed": False, "mentionable": False,
                   "flags": 0}],
        "channels": [{"id": str(c), "type": 0, "name": f"channel-{c}", "position": i,
                      "permission_overwrites": [], "guild_id": gid, "nsfw": False,
                      "parent_id": None, "topic": None, "last_message_id": None,
                      "rate_limit_per_user": 0}
                     for i, c in enumerate(channel_ids)],
        "members": [{"user": BOT_USER, "roles": [], "joined_at": "2024-01-01T00:00:00+00:00",
                     "deaf": False, "mute": False, "flags": 0}],
        "member_count": 2, "features": [], "emojis": [], "stickers": [], "threads": [],
        "voice_states": [], "presences": [], "stage_instances": [],
        "guild_scheduled_events": [], "soundboard_sounds": [], "large": False,
        "unavailable": False, "joined_at": "2024-01-01T00:00:00+00:00", "premium_tier": 0,
        "system_channel_flags": 0, "verification_level": 0,
        "default_message_notifications": 0, "explicit_content_filter": 0, "mfa_level": 0,
        "nsfw_level": 0, "preferred_locale": "en-US", "afk_timeout": 300,
    }  # fmt: skip


def user_payload(user_id: int, *, bot: bool = False) -> dict[str, Any]:
    return {"id": str(user_id), "username": f"user{user_id % 10000}", "discriminator": "0",
            "global_name": None, "avatar": None, "bot": bot}  # fmt: skip


def member_payload(user_id: int, permissions: int = 0) -> dict[str, Any]:
    return {
        "user": user_payload(user_id), "roles": [], "joined_at": "2024-01-01T00:00:00+00:00",
        "deaf": False, "mute": False, "flags": 0, "permissions": str(permissions),
    }  # fmt: skip


def bot_message(channel_id: str, body: dict[str, Any], **extra: Any) -> dict[str, Any]:
    """A message the bot sent: what Discord answers a send or an edit with."""
    return {
        "id": extra.pop("id", None) or snowflake(), "channel_id": channel_id, "author": BOT_USER,
        "content": body.get("content") or "", "embeds": body.get("embeds") or [],
        "components": body.get("components") or [], "attachments": [], "mentions": [],
        "mention_roles": [], "mention_everyone": False, "pinned": False, "tts": False,
        "type": 19 if body.get("message_reference") else 0, "flags": body.get("flags") or 0,
        "timestamp": _now(), "edited_timestamp": None,
        **extra,
    }  # fmt: skip


def message_event(
    content: str,
    *,
    channel_id: int,
    guild_id: int | None,
    author_id: int = 600000000000000001,
    bot: bool = False,
    mentions_bot: bool = False,
) -> dict[str, Any]:
    data: dict[str, Any] = {
        "id": snowflake(), "channel_id": str(channel_id),
        "author": user_payload(author_id, bot=bot), "content": content, "timestamp": _now(),
        "edited_timestamp": None, "tts": False, "mention_everyone": False,
        "mentions": [BOT_USER] if mentions_bot else [], "mention_roles": [], "attachments": [],
        "embeds": [], "pinned": False, "type": 0, "flags": 0, "components": [],
    }  # fmt: skip
    if guild_id is not None:
        data["guild_id"] = str(guild_id)
        data["member"] = {k: v for k, v in member_payload(author_id).items() if k != "user"}
    return data


def message_update_event(message: dict[str, Any], content: str) -> dict[str, Any]:
    """MESSAGE_UPDATE for an edit of ``message`` (a MESSAGE_CREATE payload): Discord
    sends the whole message again, with the new content and an edit time."""
    return {**message, "content": content, "edited_timestamp": _now()}


def thread_create_event(
    thread_id: int, *, parent_id: int, guild_id: int, owner_id: int = 600000000000000001
) -> dict[str, Any]:
    """THREAD_CREATE for a new public thread under text channel ``parent_id``."""
    return {
        "id": str(thread_id), "guild_id": str(guild_id), "parent_id": str(parent_id),
        "type": 11, "name": f"thread-{thread_id}", "owner_id": str(owner_id),
        "last_message_id": None, "rate_limit_per_user": 0, "message_count": 0,
        "member_count": 1, "flags": 0, "newly_created": True,
        "thread_metadata": {"archived": False, "auto_archive_duration": 1440,
                            "archive_timestamp": _now(), "locked": False},
    }  # fmt: skip


def interaction_event(
    data: dict[str, Any],
    *,
    kind: int,
    guild_id: int | None,
    channel_id: int,
    user_id: int = 600000000000000001,
    permissions: int = 0,
    message: dict[str, Any] | None = None,
) -> dict[str, Any]:
    event: dict[str, Any] = {
        "id": snowflake(), "application_id": str(APP_ID), "type": kind, "data": data,
        "channel_id": str(channel_id),
        "channel": {"id": str(channel_id), "type": 0 if guild_id else 1},
        "token": f"token-{snowflake()}", "version": 1, "locale": "en-US",
        "app_permissions": str(discord.Permissions.all().value), "entitlements": [],
        "authorizing_integration_owners": {"0": str(guild_id or 0)},
        "context": 0 if guild_id else 1, "attachment_size_limit": 10 * 1024 * 1024,
    }  # fmt: skip
    if guild_id is not None:
        event["guild_id"] = str(guild_id)
        event["member"] = member_payload(user_id, permissions)
        event["guild_locale"] = "en-US"
    else:
        event["user"] = user_payload(user_id)
    if message is not None:
        event["message"] = message
    return event


def slash_event(
    name: str,
    options: list[dict[str, Any]] | None = None,
    *,
    sub: str | None = None,
    resolved: dict[str, Any] | None = None,
    **kwargs: Any,
) -> dict[str, Any]:
    """INTERACTION_CREATE for ``/name [sub] option:value``."""
    opts = options or []
    if sub is not None:
        opts = [{"type": 1, "name": sub, "options": opts}]
    data: dict[str, Any] = {"id": snowflake(), "name": name, "type": 1, "options": opts}
    if resolved:
        data["resolved"] = resolved
    return interaction_event(data, kind=2, **kwargs)


def button_event(
    custom_id: str, components: list[dict[str, Any]] | None = None, **kwargs: Any
) -> dict[str, Any]:
    """A click on a button of a bot message (whose components default to that one button)."""
    if components is None:
        button = {"type": 2, "style": 2, "label": "Show context", "custom_id": custom_id}
        components = [{"type": 1, "components": [button]}]
    message = bot_message(str(kwargs["channel_id"]), {"components": components})
    data = {"custom_id": custom_id, "component_type": 2}
    return interaction_event(data, kind=3, message=message, **kwargs)
