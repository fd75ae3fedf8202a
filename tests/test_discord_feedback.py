"""👍/👎 on answers through discord.py's real code paths, offline (bot/harness/)."""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest

from bot.config import Config
from bot.harness import OfflineBot, button_event, offline_bot, slash_event
from index.feedback import FeedbackStore
from index.library import Library
from index.store import StoreError

from cli_helpers import Cli
from harness_helpers import raise_errors

GUILD_A, GUILD_B = 4200, 4300
CHANNEL_A, CHANNEL_B = 111, 222
ADMIN = 1 << 5  # manage_guild
GUILDS = {GUILD_A: [CHANNEL_A], GUILD_B: [CHANNEL_B]}
CONFIG = Config(cooldown_seconds=0, channel_cooldown_seconds=0, semantic=False)


@pytest.fixture
async def harness(sample_library: Library) -> AsyncIterator[OfflineBot]:
    async with offline_bot(CONFIG, sample_library, GUILDS) as h:
        h.api.requests.clear()
        yield h
        raise_errors(h)


def ask(question: str, guild: int = GUILD_A, channel: int = CHANNEL_A) -> dict[str, Any]:
    options = [{"type": 3, "name": "question", "value": question}]
    return slash_event("ask", options, guild_id=guild, channel_id=channel)


async def vote_buttons(h: OfflineBot, question: str = "What did Peskov say?",
                       guild: int = GUILD_A) -> dict[str, str]:  # fmt: skip
    """Ask with /ask; the custom_id of the answer's 👍 and 👎 buttons."""
    channel = CHANNEL_A if guild == GUILD_A else CHANNEL_B
    await h.feed("INTERACTION_CREATE", ask(question, guild, channel))
    body = h.requests[-1]["json"]
    buttons = [c for row in body.get("components", []) for c in row["components"]]
    return {b["emoji"]["name"]: b["custom_id"] for b in buttons if "emoji" in b}


async def click(h: OfflineBot, custom_id: str, user: int = 1, guild: int = GUILD_A) -> str:
    """Click a button as member ``user``; the one private line the bot answers with."""
    h.api.requests.clear()
    channel = CHANNEL_A if guild == GUILD_A else CHANNEL_B
    await h.feed("INTERACTION_CREATE", button_event(custom_id, guild_id=guild,
                                                    channel_id=channel, user_id=user))  # fmt: skip
    [callback] = h.requests  # one reply: no second item answered the click
    data = callback["json"]["data"]
    assert data["flags"] & 64 and "\n" not in data["content"]
    text: str = data["content"]
    return text


async def test_one_vote_per_member_a_second_click_changes_or_takes_it_back(
    harness: OfflineBot, sample_library: Library
) -> None:
    buttons = await vote_buttons(harness)
    assert set(buttons) == {"👍", "👎"}
    assert await click(harness, buttons["👍"]) == "Thanks: your 👍 is recorded."
    assert await click(harness, buttons["👍"]) == "Your 👍 is taken back."
    assert await click(harness, buttons["👍"]) == "Thanks: your 👍 is recorded."
    assert await click(harness, buttons["👎"]) == "Changed to 👎."
    assert await click(harness, buttons["👍"], user=2) == "Thanks: your 👍 is recorded."
    counts = await FeedbackStore(sample_library.store).counts(GUILD_A)
    assert (counts.answers, counts.up, counts.down) == (1, 1, 1)


async def test_a_vote_after_a_restart_is_still_recorded(tmp_path: Path, sample_path: Path) -> None:
    path = tmp_path / "restart.db"
    async with await Library.open(path, semantic=False) as library:
        await library.add_path(sample_path)
        async with offline_bot(CONFIG, library, GUILDS) as h:
            buttons = await vote_buttons(h, "What did Lavrov say?")
            raise_errors(h)
    async with (  # a new process on the same file: nothing of the answer in memory
        await Library.open(path, semantic=False) as library,
        offline_bot(CONFIG, library, GUILDS) as h,
    ):
        assert await click(h, buttons["👍"], user=5) == "Thanks: your 👍 is recorded."
        raise_errors(h)
        [rated] = [r async for r in FeedbackStore(library.store).rated()]
    assert rated.question == "What did Lavrov say?" and rated.guild_id == GUILD_A
    assert (rated.up, rated.down) == (1, 0)
    assert rated.quotes and "positive role" in " ".join(q.text for q in rated.quotes)


async def test_stored_answer_holds_the_quotes_shown(
    harness: OfflineBot, sample_library: Library
) -> None:
    buttons = await vote_buttons(harness, "Ukraine")  # three quotes of the sample
    [embed] = harness.requests[-1]["json"]["embeds"]
    await click(harness, buttons["👎"])
    [rated] = [r async for r in FeedbackStore(sample_library.store).rated()]
    assert len(rated.quotes) == embed["description"].count("> **") == 3
    for q in rated.quotes:
        assert q.text[:40] in embed["description"]
        assert q.article_id == "2025-05-17-trump-putin-call"


@pytest.mark.parametrize(
    ("custom_id", "wanted"),
    [
        ("ab:vote:0123456789abcdef:up", "can no longer be rated"),
        ("ab:vote:0123456789ABCDEF:up", "no longer works"),
        ("ab:vote:0123456789abcdef:sideways", "no longer works"),
        ("ab:vote:0123456789abcdef0:down", "no longer works"),
        ("ab:vote:", "no longer works"),
    ],
)
async def test_forged_vote_buttons_get_one_line(
    harness: OfflineBot, custom_id: str, wanted: str
) -> None:
    assert wanted in await click(harness, custom_id)


async def test_vote_when_the_database_fails(
    harness: OfflineBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    buttons = await vote_buttons(harness)

    async def broken(*args: Any) -> Any:
        raise StoreError("cannot write to database x: disk I/O error")

    monkeypatch.setattr(FeedbackStore, "vote", broken)
    assert "could not be saved" in await click(harness, buttons["👍"])


async def test_answer_is_sent_without_votes_when_it_cannot_be_stored(
    harness: OfflineBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    async def broken(*args: Any, **kw: Any) -> Any:
        raise StoreError("cannot write to database x: database is locked")

    monkeypatch.setattr(FeedbackStore, "record_answer", broken)
    assert await vote_buttons(harness) == {}
    body = harness.requests[-1]["json"]
    assert "absolutely in camera" in body["embeds"][0]["description"]
    quotes = body["embeds"][0]["description"].count("> **")
    assert len(body["components"]) == 1  # no row of votes
    assert len(body["components"][0]["components"]) == quotes  # the Context buttons still


async def test_no_votes_on_an_answer_that_quotes_nothing(
    harness: OfflineBot, sample_library: Library
) -> None:
    assert await vote_buttons(harness, "How tall is the Eiffel Tower?") == {}
    assert await sample_library.store.rows("SELECT id FROM feedback_answers") == []


async def test_articles_stats_shows_this_servers_votes(harness: OfflineBot) -> None:
    mine = await vote_buttons(harness)
    theirs = await vote_buttons(harness, guild=GUILD_B)
    await click(harness, mine["👍"], user=1)
    await click(harness, mine["👍"], user=2)
    await click(harness, theirs["👎"], user=1, guild=GUILD_B)
    harness.api.requests.clear()
    stats = slash_event("articles", [], sub="stats", guild_id=GUILD_A, channel_id=CHANNEL_A,
                        permissions=ADMIN)  # fmt: skip
    await harness.feed("INTERACTION_CREATE", stats)
    fields = harness.requests[-1]["json"]["data"]["embeds"][0]["fields"]
    values = {f["name"]: f["value"] for f in fields}
    assert (values["Rated answers"], values["👍"], values["👎"]) == ("1", "2", "0")


async def rated_library(path: Path, sample_path: Path) -> list[str]:
    """A database with two rated answers, one a server; their ids."""
    async with await Library.open(path, semantic=False) as library:
        await library.add_path(sample_path)
        feedback = FeedbackStore(library.store)
        ids = []
        for guild, question in ((GUILD_A, "What did Peskov say?"), (GUILD_B, "Who is Lavrov?")):
            answer = await library.ask(question, guild_id=guild)
            ids.append(await feedback.record_answer(question, answer.quotes, guild, CHANNEL_A))
        await feedback.vote(ids[0], 1, 1)
        await feedback.vote(ids[0], 2, -1)
        await feedback.vote(ids[1], 1, 1)
    return ids


def test_feedback_export_writes_json_lines(cli: Cli, tmp_path: Path, sample_path: Path) -> None:
    path = tmp_path / "export.db"
    ids = asyncio.run(rated_library(path, sample_path))
    result = cli("feedback", "export", "--db", str(path))
    assert result.returncode == 0, result.stderr
    lines = sorted((json.loads(line) for line in result.stdout.splitlines()),
                   key=lambda r: ids.index(r["answer_id"]))  # fmt: skip
    assert [(r["answer_id"], r["up"], r["down"]) for r in lines] == [(ids[0], 1, 1), (ids[1], 1, 0)]
    assert lines[0]["question"] == "What did Peskov say?" and lines[0]["guild_id"] == str(GUILD_A)
    assert "absolutely in camera" in lines[0]["quotes"][0]["text"]
    result = cli("feedback", "export", "--db", str(path), "--guild", str(GUILD_B))
    assert [json.loads(line)["answer_id"] for line in result.stdout.splitlines()] == [ids[1]]


@pytest.mark.parametrize("args", [["--guild", "abc"], ["--guild", "-5"], ["--db", "missing.db"]])
def test_feedback_export_bad_input_is_one_line(cli: Cli, args: list[str]) -> None:
    result = cli("feedback", "export", *args)
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert "error" in result.stderr.strip().splitlines()[-1] or "no such database" in result.stderr
    assert not Path("missing.db").exists()  # nothing created


async def test_unrated_answers_are_forgotten_hourly(
    harness: OfflineBot, sample_library: Library
) -> None:
    from bot.cogs.feedback import FeedbackCog

    buttons = await vote_buttons(harness)
    async with sample_library.store.transaction() as tx:
        await tx.execute(
            "UPDATE feedback_answers SET asked_at = '2020-01-01T00:00:00.000000+00:00'"
        )
    cog = harness.bot.get_cog("FeedbackCog")
    assert isinstance(cog, FeedbackCog) and cog.forget_unrated.is_running()
    await cog.forget_unrated()  # one round of the hourly loop
    assert "can no longer be rated" in await click(harness, buttons["👍"])
