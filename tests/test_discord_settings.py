"""/settings through discord.py's real code paths, offline (bot/harness/)."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest

from bot.config import Config
from bot.harness import BOT_ID, OfflineBot, message_event, offline_bot, slash_event
from index.library import Library
from index.server_settings import Overrides, SettingsStore

from cli_helpers import Cli
from harness_helpers import raise_errors

GUILD_A, GUILD_B = 4200, 4300
CHANNEL_A, QUIET, CHANNEL_B = 111, 333, 222
ADMIN = 1 << 5  # manage_guild
GUILDS = {GUILD_A: [CHANNEL_A, QUIET], GUILD_B: [CHANNEL_B]}


def config() -> Config:
    return Config(answer_channels=[CHANNEL_A, CHANNEL_B], cooldown_seconds=0,
                  channel_cooldown_seconds=0, semantic=False)  # fmt: skip


@pytest.fixture
async def harness(sample_library: Library) -> AsyncIterator[OfflineBot]:
    async with offline_bot(config(), sample_library, GUILDS) as h:
        h.api.requests.clear()
        yield h
        raise_errors(h)


def channel(channel_id: int, guild: int = GUILD_A) -> dict[str, Any]:
    """A channel option, with the "resolved" data Discord sends beside it."""
    data = {"id": str(channel_id), "name": f"channel-{channel_id}", "type": 0,
            "permissions": "1024", "parent_id": None, "guild_id": str(guild)}  # fmt: skip
    return {"option": {"type": 7, "name": "channel", "value": str(channel_id)},
            "resolved": {"channels": {str(channel_id): data}}}  # fmt: skip


def settings(sub: str, *, permissions: int = ADMIN, guild: int | None = GUILD_A,
             **options: Any) -> dict[str, Any]:  # fmt: skip
    opts, resolved = [], None
    for name, value in options.items():
        if name == "channel":
            opts.append(value["option"])
            resolved = value["resolved"]
        else:
            kind = 5 if isinstance(value, bool) else 4 if isinstance(value, int) else 3
            opts.append({"type": kind, "name": name, "value": value})
    return slash_event("settings", opts, sub=sub, guild_id=guild, channel_id=CHANNEL_A,
                       permissions=permissions, resolved=resolved)  # fmt: skip


def reply(h: OfflineBot) -> dict[str, Any]:
    """The data of the last interaction callback (the reply to a command)."""
    [*_, last] = [r for r in h.requests if r["path"].endswith("/callback")]
    data: dict[str, Any] = last["json"]["data"]
    return data


def shown(h: OfflineBot) -> dict[str, str]:
    """/settings show as {field name: its value and source}."""
    [embed] = reply(h)["embeds"]
    return {f["name"]: f["value"] for f in embed["fields"]}


async def answered(h: OfflineBot, text: str, channel_id: int, **kw: Any) -> list[dict[str, Any]]:
    """The bot's replies to one message."""
    h.api.requests.clear()
    await h.feed("MESSAGE_CREATE", message_event(text, channel_id=channel_id, guild_id=GUILD_A,
                                                 **kw))  # fmt: skip
    return [r["json"] for r in h.requests
            if r["method"] == "POST" and r["path"] == f"/channels/{channel_id}/messages"]  # fmt: skip


# Every path of /settings, with options an admin could give.
PATHS: list[tuple[str, dict[str, Any]]] = [
    ("show", {}),
    ("add-channel", {"channel": channel(QUIET)}),
    ("remove-channel", {"channel": channel(CHANNEL_A)}),
    ("mention", {"on": False}),
    ("rate-limit", {"questions": 3, "seconds": 30}),
    ("quotes", {"count": 1}),
    ("ping", {"on": True}),
    ("reset", {}),
    ("reset", {"setting": "quotes_per_answer"}),
]


async def test_show_gives_each_value_and_its_source(harness: OfflineBot) -> None:
    await harness.feed("INTERACTION_CREATE", settings("show"))
    assert reply(harness)["flags"] & 64
    fields = shown(harness)
    # The config's channels of another server are not listed here.
    assert fields["Answer channels"] == f"<#{CHANNEL_A}> · *bot default*"
    assert fields["Quotes per answer"] == "3\n*bot default*"
    assert fields["Rate limit"] == "no limit\n*bot default*"
    assert fields["Reply pings the asker"] == "off\n*bot default*"

    for sub, options in PATHS[1:7]:
        await harness.feed("INTERACTION_CREATE", settings(sub, **options))
        assert "Not changed" not in reply(harness)["content"]
    await harness.feed("INTERACTION_CREATE", settings("show"))
    fields = shown(harness)
    assert fields["Answer channels"] == f"<#{QUIET}> · *set in this server*"
    assert fields["Answer on mention"] == "off\n*set in this server*"
    assert fields["Rate limit"] == "3 questions per 30 s per member\n*set in this server*"
    assert fields["Quotes per answer"] == "1\n*set in this server*"
    assert fields["Reply pings the asker"] == "on\n*set in this server*"


async def test_settings_change_how_the_bot_answers_at_once(harness: OfflineBot) -> None:
    question = "Ukraine"  # three quotes of the sample by default
    [before] = await answered(harness, question, CHANNEL_A)
    assert before["embeds"][0]["description"].count("> **") == 3
    assert before["allowed_mentions"] == {"parse": [], "replied_user": False}  # the default
    for sub, options in [("add-channel", {"channel": channel(QUIET)}),
                         ("remove-channel", {"channel": channel(CHANNEL_A)}),
                         ("quotes", {"count": 1}), ("ping", {"on": True}),
                         ("mention", {"on": False})]:  # fmt: skip
        await harness.feed("INTERACTION_CREATE", settings(sub, **options))
    assert await answered(harness, question, CHANNEL_A) == []
    [after] = await answered(harness, question, QUIET)
    assert after["embeds"][0]["description"].count("> **") == 1
    assert after["allowed_mentions"] == {"parse": [], "replied_user": True}
    mention = f"<@{BOT_ID}> {question}"
    assert await answered(harness, mention, CHANNEL_A, mentions_bot=True) == []
    # The other server keeps the defaults.
    harness.api.requests.clear()
    await harness.feed("MESSAGE_CREATE", message_event(question, channel_id=CHANNEL_B,
                                                       guild_id=GUILD_B))  # fmt: skip
    [other] = [r["json"] for r in harness.requests if r["path"].endswith("/messages")]
    assert other["embeds"][0]["description"].count("> **") == 3


async def test_reset_goes_back_to_the_defaults(harness: OfflineBot) -> None:
    for sub, options in PATHS[1:7]:
        await harness.feed("INTERACTION_CREATE", settings(sub, **options))
    await harness.feed("INTERACTION_CREATE", settings("reset", setting="rate_limit"))
    await harness.feed("INTERACTION_CREATE", settings("show"))
    assert shown(harness)["Rate limit"] == "no limit\n*bot default*"
    assert shown(harness)["Quotes per answer"] == "1\n*set in this server*"
    await harness.feed("INTERACTION_CREATE", settings("reset"))
    assert reply(harness)["content"] == "Every setting is back to the bot's default."
    assert await SettingsStore(harness.bot.library.store).overrides(GUILD_A) == Overrides()


@pytest.mark.parametrize(("sub", "options"), PATHS, ids=[f"{s}-{i}" for i, (s, _) in
                                                         enumerate(PATHS)])  # fmt: skip
@pytest.mark.parametrize("permissions", [0, 1 << 13], ids=["member", "manage-messages"])
async def test_non_admin_is_refused_on_every_path_and_nothing_changes(
    harness: OfflineBot, sub: str, options: dict[str, Any], permissions: int
) -> None:
    store = SettingsStore(harness.bot.library.store)
    await store.set(GUILD_A, {"quotes_per_answer": 2, "member_seconds": 10})
    await store.set_channel(GUILD_A, CHANNEL_A, True)
    before = await store.overrides(GUILD_A)
    await harness.feed("INTERACTION_CREATE", settings(sub, permissions=permissions, **options))
    [callback] = harness.requests  # one private line, nothing else
    data = callback["json"]["data"]
    assert data["flags"] & 64
    assert (
        data["content"] == "You need the “Manage Server” permission to change the bot's settings."
    )
    assert "embeds" not in data or not data["embeds"]
    assert await store.overrides(GUILD_A) == before


async def test_settings_refused_in_direct_messages(harness: OfflineBot) -> None:
    await harness.feed("INTERACTION_CREATE", settings("quotes", guild=None, count=1))
    assert "not in direct messages" in reply(harness)["content"]


async def test_settings_persist_across_a_restart(tmp_path: Path, sample_path: Path) -> None:
    path = tmp_path / "restart.db"
    async with await Library.open(path, semantic=False) as library:
        await library.add_path(sample_path)
        async with offline_bot(config(), library, GUILDS) as h:
            await h.feed("INTERACTION_CREATE", settings("quotes", count=2))
            await h.feed("INTERACTION_CREATE", settings("add-channel", channel=channel(QUIET)))
            raise_errors(h)
    # A new process on the same file.
    async with (
        await Library.open(path, semantic=False) as library,
        offline_bot(config(), library, GUILDS) as h,
    ):
        await h.feed("INTERACTION_CREATE", settings("show"))
        fields = shown(h)
        [reply_] = await answered(h, "Ukraine", QUIET)
        raise_errors(h)
    assert fields["Quotes per answer"] == "2\n*set in this server*"
    assert f"<#{QUIET}> · *set in this server*" in fields["Answer channels"]
    assert reply_["embeds"][0]["description"].count("> **") == 2


@pytest.mark.parametrize(
    ("sub", "options"),
    [("quotes", {"count": 50}), ("quotes", {"count": 0}), ("rate-limit", {"questions": 3,
     "seconds": 99999}), ("reset", {"setting": "token"}), ("quotes", {"count": "many"})],
    ids=["too-many-quotes", "no-quotes", "long-window", "unknown-setting", "not-a-number"],
)  # fmt: skip
async def test_forged_values_get_one_line_and_nothing_changes(
    harness: OfflineBot, sub: str, options: dict[str, Any]
) -> None:
    """Discord enforces the ranges and choices, but a forged payload gets past it."""
    await harness.feed("INTERACTION_CREATE", settings(sub, **options))
    raise_errors(harness)
    data = reply(harness)
    assert data["flags"] & 64 and "\n" not in data["content"]
    assert "something went wrong" not in data["content"]
    assert await SettingsStore(harness.bot.library.store).overrides(GUILD_A) == Overrides()


async def test_a_channel_of_another_server_is_refused(harness: OfflineBot) -> None:
    await harness.feed("INTERACTION_CREATE", settings("add-channel",
                                                      channel=channel(CHANNEL_B, GUILD_B)))  # fmt: skip
    assert "Not changed" in reply(harness)["content"] or "cannot use" in reply(harness)["content"]
    assert await SettingsStore(harness.bot.library.store).overrides(GUILD_A) == Overrides()


def test_commands_json_hides_settings_from_members(cli: Cli) -> None:
    result = cli("commands")
    assert result.returncode == 0, result.stderr
    [group] = [c for c in json.loads(result.stdout) if c["name"] == "settings"]
    assert int(group["default_member_permissions"]) == ADMIN
    assert group["dm_permission"] is False
    assert {o["name"] for o in group["options"]} == {
        "show", "add-channel", "remove-channel", "mention", "rate-limit", "quotes", "ping", "reset"
    }  # fmt: skip


async def test_cached_settings_follow_a_change_once_read(harness: OfflineBot) -> None:
    """``cached`` (for code that cannot await, like a rate limit's bucket) serves what
    ``settings_for`` last read: a change drops the entry, the next read refills it."""
    bot = harness.bot
    assert (await bot.settings_for(GUILD_A)).member_questions == 0  # config: no cooldown
    await harness.feed("INTERACTION_CREATE", settings("rate-limit", questions=2, seconds=20))
    assert bot.server_settings.cached(GUILD_A) == bot.server_settings.defaults
    await bot.settings_for(GUILD_A)
    cached = bot.server_settings.cached(GUILD_A)
    assert (cached.member_questions, cached.member_seconds) == (2, 20)
    assert bot.server_settings.cached(GUILD_B) == bot.server_settings.defaults
