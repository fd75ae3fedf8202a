"""Shard slices (issue 16 part 3): each process runs some of Discord's shards and holds only
its servers' articles plus the shared ones; a server that joins is loaded, one that leaves
is dropped. Through the offline harness, with the bot opening the database itself.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.config import Config, ConfigError, load_config
from bot.harness import offline_bot
from bot.harness.gateway import guild_create_event
from index.ingest import parse_bytes
from index.library import Library

from harness_helpers import raise_errors

# Discord's rule: shard = (server id >> 22) % shard count.
ON_0 = (6 << 22) + 11  # shard 0 of 2
ON_1 = (7 << 22) + 11  # shard 1 of 2
ALSO_ON_0 = (8 << 22) + 11


def owned_by(guild_id: int, count: int) -> int:
    return (guild_id >> 22) % count


def test_shard_settings_from_file_and_environment(tmp_path: Path) -> None:
    toml = tmp_path / "articlebot.toml"
    toml.write_text("[discord]\nshard_count = 4\nshard_ids = [1, 3]\n")
    config = load_config(toml, env={})
    assert (config.shard_count, config.shard_ids, config.shard_slice) == (4, [1, 3], "1,3 of 4")
    config = load_config(None, env={"ARTICLEBOT_SHARD_COUNT": "4", "ARTICLEBOT_SHARD_IDS": "0,2"})
    assert (config.shard_count, config.shard_ids) == (4, [0, 2])
    assert config.owns_guild((4 << 22) + 1) and not config.owns_guild((5 << 22) + 1)
    assert Config().owns_guild(ON_1) and Config().shard_slice == "all"


@pytest.mark.parametrize(
    ("env", "message"),
    [
        ({"ARTICLEBOT_SHARD_IDS": "0"}, "needs discord.shard_count"),
        ({"ARTICLEBOT_SHARD_COUNT": "2", "ARTICLEBOT_SHARD_IDS": "0,2"}, "shard 2 does not exist"),
        ({"ARTICLEBOT_SHARD_COUNT": "2", "ARTICLEBOT_SHARD_IDS": "a,b"}, "separated by commas"),
        ({"ARTICLEBOT_SHARD_COUNT": "2", "ARTICLEBOT_SHARD_IDS": "1,1"}, "listed twice"),
        ({"ARTICLEBOT_SHARD_COUNT": "-1"}, "must not be negative"),
    ],
)
def test_bad_shard_settings_are_refused_in_one_line(env: dict[str, str], message: str) -> None:
    with pytest.raises(ConfigError, match=message) as caught:
        load_config(None, env=env)
    assert "\n" not in str(caught.value)


async def store_articles(db: Path) -> None:
    library = await Library.open(db)
    try:
        for name, guild in (("shared", None), ("zero", ON_0), ("one", ON_1), ("again", ALSO_ON_0)):
            text = "\n\n".join(f"The {name} harbour vote {i} was close." for i in range(8))
            doc = parse_bytes(f"{name.title()} report\n\n{text}".encode(), source=f"{name}.txt",
                              filename=f"{name}.txt")  # fmt: skip
            await library.add_document(doc, guild)
    finally:
        await library.close()


async def test_a_process_holds_only_its_shards_servers_and_follows_joins_and_leaves(
    tmp_path: Path,
) -> None:
    assert (owned_by(ON_0, 2), owned_by(ON_1, 2), owned_by(ALSO_ON_0, 2)) == (0, 1, 0)
    db = tmp_path / "sliced.db"
    await store_articles(db)
    config = Config(database=str(db), shard_count=2, shard_ids=[0], semantic=False)
    async with offline_bot(config, None, {ON_0: [1]}) as h:
        bot, library = h.bot, h.bot.library
        assert (bot.shard_count, bot.shard_ids) == (2, [0])
        held = {a.source for a in library.articles(ON_0)} | {
            a.source for a in library.articles(ALSO_ON_0)
        }
        assert held == {"shared.txt", "zero.txt", "again.txt"}
        assert [a.source for a in library.articles(ON_1)] == ["shared.txt"]  # not this slice
        assert library.stats().servers == 2

        await h.feed("GUILD_DELETE", {"id": str(ON_0)})  # the bot left (or was removed)
        assert [a.source for a in library.articles(ON_0)] == ["shared.txt"]
        assert library.stats().servers == 1
        joined = guild_create_event(ON_0, [1])
        del joined["unavailable"]  # a server joining, not one coming back online
        await h.feed("GUILD_CREATE", joined)  # the bot was added again
        assert {a.source for a in library.articles(ON_0)} == {"shared.txt", "zero.txt"}
        answer = await library.ask("What was the zero harbour vote 3?", guild_id=ON_0)
        assert "zero harbour vote 3" in answer.quotes[0].text
        raise_errors(h)


async def test_without_a_slice_every_server_is_held(tmp_path: Path) -> None:
    db = tmp_path / "whole.db"
    await store_articles(db)
    async with offline_bot(Config(database=str(db), semantic=False), None, {ON_0: [1]}) as h:
        assert h.bot.library.stats().servers == 3
        assert "one.txt" in {a.source for a in h.bot.library.articles(ON_1)}
