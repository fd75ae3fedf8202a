"""1,000 questions in flight through the bot while an admin adds, replaces, removes and
reindexes: no error, no deadlock, every answer from one complete version of the library."""

from __future__ import annotations

import asyncio
import re
from pathlib import Path
from typing import Any

from bot.config import Config
from bot.offline import message_event, offline_bot, slash_event
from index.library import Library

GUILD, CHANNEL = 5100, 510
ADMIN = 1 << 5


def version_text(tag: str) -> bytes:
    lines = [f"The harbor council {tag} said the ferry number {n} will sail {tag}ly." for n in
             range(6)]  # fmt: skip
    return " ".join(lines).encode()


def add_event(h: Any, tag: str) -> dict[str, Any]:
    attachment = h.api.attach("harbor.txt", version_text(tag))
    return slash_event(
        "articles", [{"type": 11, "name": "file", "value": attachment["id"]}], sub="add",
        guild_id=GUILD, channel_id=CHANNEL, permissions=ADMIN,
        resolved={"attachments": {attachment["id"]: attachment}},
    )  # fmt: skip


async def test_questions_during_library_changes(sample_library: Library, tmp_path: Path) -> None:
    config = Config(answer_channels=[CHANNEL], cooldown_seconds=0, channel_cooldown_seconds=0)
    async with offline_bot(config, sample_library, {GUILD: [CHANNEL]}) as h:
        await h.feed("INTERACTION_CREATE", add_event(h, "alpha"))
        h.api.requests.clear()
        before = set(asyncio.all_tasks())
        questions = ["What did the harbor council say about the ferry?", "What did Peskov say?"]
        tags = ["beta", "alpha", "gamma"]
        for i in range(1000):
            event = message_event(questions[i % 2], channel_id=CHANNEL, guild_id=GUILD,
                                  author_id=10_000 + i)  # fmt: skip
            await h.feed("MESSAGE_CREATE", event, settle=False)
            if i % 100 == 50:
                await h.feed("INTERACTION_CREATE", add_event(h, tags[(i // 100) % 3]),
                             settle=False)  # fmt: skip
            if i % 250 == 125:
                reindex = slash_event("articles", [], sub="reindex", guild_id=GUILD,
                                      channel_id=CHANNEL, permissions=ADMIN)  # fmt: skip
                await h.feed("INTERACTION_CREATE", reindex, settle=False)
            if i % 10 == 0:
                await asyncio.sleep(0)  # let handlers interleave with the flood
        await h.settle(before, timeout=120)
        h.raise_errors()
        replies = [r["json"] for r in h.requests if r["path"].endswith("/messages")]
        assert len(replies) == 1000
        mixed = 0
        for body in replies:
            text = " ".join(e.get("description", "") for e in body["embeds"])
            versions = set(re.findall(r"(alpha|beta|gamma)ly", text))
            mixed += len(versions) > 1
        assert mixed == 0
        assert await sample_library.store.integrity_check() == "ok"
        # The library ends whole: the last version added is the one stored.
        [own] = [a for a in sample_library.articles(GUILD) if a.guild_id == GUILD]
        assert own.sentences == 6
