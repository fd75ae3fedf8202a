"""Fair rate limits, threads and edited questions, through discord.py's real code paths
offline (bot/harness/), with the harness's virtual clock standing in for waiting."""

from __future__ import annotations

import asyncio
import sys
from collections.abc import AsyncIterator
from typing import Any

import pytest

from bot.config import Config
from bot.harness import (
    BOT_ID,
    OfflineBot,
    message_event,
    message_update_event,
    offline_bot,
    slash_event,
    thread_create_event,
)
from index.library import Library

from harness_helpers import raise_errors

GUILD = 4200
CHANNEL, QUIET, THREAD = 111, 333, 444
ALICE, BOB = 1, 2
HOURGLASS = "\N{HOURGLASS WITH FLOWING SAND}"
NO_ENTRY = "\N{NO ENTRY}"


@pytest.fixture
async def harness(sample_library: Library) -> AsyncIterator[OfflineBot]:
    async with running(sample_library, Config(answer_channels=[CHANNEL])) as h:
        yield h


def running(library: Library, config: Config) -> Any:
    return offline_bot(config, library, {GUILD: [CHANNEL, QUIET]})


async def say(h: OfflineBot, text: str, author: int, channel: int = CHANNEL,
              mention: bool = False) -> dict[str, Any]:  # fmt: skip
    event = message_event(text, channel_id=channel, guild_id=GUILD, author_id=author,
                          mentions_bot=mention)  # fmt: skip
    await h.feed("MESSAGE_CREATE", event)
    return event


def ask(question: str, user: int) -> dict[str, Any]:
    options = [{"type": 3, "name": "question", "value": question}]
    return slash_event("ask", options, guild_id=GUILD, channel_id=CHANNEL, user_id=user)


def replies(h: OfflineBot) -> list[dict[str, Any]]:
    """The bot's messages sent in reply, in order."""
    return [r["json"] for r in h.requests if r["method"] == "POST" and r["path"].endswith(
        "/messages") and r["json"].get("message_reference")]  # fmt: skip


def replied_to(h: OfflineBot) -> list[str]:
    return [str(body["message_reference"]["message_id"]) for body in replies(h)]


def answers(h: OfflineBot) -> list[dict[str, Any]]:
    return [body for body in replies(h) if body.get("embeds")]


def reactions(h: OfflineBot, method: str, emoji: str = HOURGLASS) -> list[str]:
    """The message ids the bot put ``emoji`` on (PUT) or took it off (DELETE)."""
    return [r["path"].split("/")[4] for r in h.requests
            if r["method"] == method and f"/reactions/{emoji}/@me" in r["path"]]  # fmt: skip


async def test_two_members_in_one_channel_within_a_second_are_both_answered(
    harness: OfflineBot,
) -> None:
    first = await say(harness, "What did Peskov say?", ALICE)
    await harness.advance(0.4)
    second = await say(harness, "What did Lavrov say?", BOB)
    raise_errors(harness)
    assert replied_to(harness) == [first["id"], second["id"]]
    assert len(answers(harness)) == 2
    assert not reactions(harness, "PUT")


async def test_a_mention_then_ask_right_away_are_both_answered(sample_library: Library) -> None:
    async with running(sample_library, Config()) as h:  # no answer channel: by mention only
        await say(h, f"<@{BOT_ID}> What did Peskov say?", ALICE, channel=QUIET, mention=True)
        await h.feed("INTERACTION_CREATE", ask("What did Lavrov say?", ALICE))
        raise_errors(h)
        followups = [r["json"] for r in h.requests if r["path"].startswith("/webhooks/")]
    assert len(answers(h)) == 1
    assert len(followups) == 1 and "positive role" in followups[0]["embeds"][0]["description"]


async def test_a_burst_over_the_limit_waits_its_turn_and_nothing_is_dropped(
    sample_library: Library,
) -> None:
    config = Config(answer_channels=[CHANNEL], queue_per_member=1)
    async with running(sample_library, config) as h:
        asked = [await say(h, f"What did Peskov say? ({n})", ALICE) for n in range(6)]
        ids = [e["id"] for e in asked]
        # 3 answered at once (the burst), the 4th waits with ⏳, the 5th is told the line
        # is full (a note that deletes itself), the 6th gets ⛔ (the note is still up).
        assert replied_to(h) == [*ids[:3], ids[4]]
        note = replies(h)[3]
        assert "faster than I can answer" in note["content"] and not note.get("embeds")
        assert "once your questions marked" in note["content"]  # the 4th is still waiting
        assert reactions(h, "PUT") == [ids[3]] and reactions(h, "PUT", NO_ENTRY) == [ids[5]]
        assert not reactions(h, "DELETE")
        await say(h, "What did Lavrov say?", BOB)  # others are served meanwhile
        assert len(answers(h)) == 4
        await h.advance(29)
        assert len(answers(h)) == 4  # the window is 30 s
        await h.advance(2)
        raise_errors(h)
        assert replied_to(h)[-1] == ids[3] and len(answers(h)) == 5
        assert reactions(h, "DELETE") == [ids[3]]  # the ⏳ taken off once answered


async def test_the_full_line_note_deletes_itself(sample_library: Library, monkeypatch) -> None:
    config = Config(answer_channels=[CHANNEL], member_questions=1, queue_per_member=0)
    async with running(sample_library, config) as h:
        cog = sys.modules[type(h.bot.get_cog("AskCog")).__module__]  # as the bot loaded it
        monkeypatch.setattr(cog, "NOTICE_MIN", 0.0)
        monkeypatch.setattr(cog, "NOTICE_MAX", 0.0)  # discord.py's delete_after, at once
        await say(h, "What did Peskov say?", ALICE)
        await say(h, "What did Lavrov say?", ALICE)
        for _ in range(500):  # discord.py deletes it from a task of its own
            if any(r["method"] == "DELETE" for r in h.requests):
                break
            await asyncio.sleep(0.01)
        deleted = [r["path"] for r in h.requests if r["method"] == "DELETE"]
        raise_errors(h)
    note = [r for r in h.requests if r["method"] == "POST" and r["path"].endswith("/messages")][-1]
    assert "faster than I can answer: ask that one again in 30 s" in note["json"]["content"]
    assert len(deleted) == 1 and deleted[0].startswith(f"/channels/{CHANNEL}/messages/")


async def test_ask_over_the_limit_gets_a_private_note_with_the_wait(
    sample_library: Library,
) -> None:
    config = Config(member_questions=2, member_seconds=60)
    async with running(sample_library, config) as h:
        for question in ("What did Peskov say?", "What did Lavrov say?", "Who called?"):
            await h.feed("INTERACTION_CREATE", ask(question, ALICE))
            await h.advance(10)
        await h.feed("INTERACTION_CREATE", ask("Who called?", BOB))
        raise_errors(h)
        callbacks = [r["json"] for r in h.requests if r["path"].endswith("/callback")]
    assert [c["type"] for c in callbacks] == [5, 5, 4, 5]  # deferred, deferred, told, deferred
    note = callbacks[2]["data"]
    assert note["flags"] & 64  # ephemeral
    assert "ask again in 40 s" in note["content"]


async def test_the_channel_flood_guard_holds_questions_until_the_channel_calms(
    sample_library: Library,
) -> None:
    config = Config(answer_channels=[CHANNEL], channel_questions=2, channel_seconds=10)
    async with running(sample_library, config) as h:
        for member in (ALICE, BOB, 3):
            await say(h, "What did Peskov say?", member)
        assert len(answers(h)) == 2 and len(reactions(h, "PUT")) == 1
        await h.advance(11)
        raise_errors(h)
        assert len(answers(h)) == 3


async def test_a_question_in_a_thread_under_an_answer_channel_is_answered(
    harness: OfflineBot,
) -> None:
    await harness.feed("THREAD_CREATE",
                       thread_create_event(THREAD, parent_id=CHANNEL, guild_id=GUILD))  # fmt: skip
    await harness.feed("THREAD_CREATE",
                       thread_create_event(THREAD + 1, parent_id=QUIET, guild_id=GUILD))  # fmt: skip
    asked = await say(harness, "What did Peskov say?", ALICE, channel=THREAD)
    await say(harness, "What did Peskov say?", ALICE, channel=THREAD + 1)  # not an answer channel
    raise_errors(harness)
    posts = [r for r in harness.requests if r["method"] == "POST" and "/messages" in r["path"]]
    assert [r["path"] for r in posts] == [f"/channels/{THREAD}/messages"]
    assert str(posts[0]["json"]["message_reference"]["message_id"]) == asked["id"]
    assert posts[0]["json"]["embeds"]


async def test_an_edited_question_edits_its_answer(harness: OfflineBot) -> None:
    asked = await say(harness, "What did Peskov say?", ALICE)
    answer_id = _answer_ids(harness)[0]
    await harness.feed("MESSAGE_UPDATE", message_update_event(asked, "What did Lavrov say?"))
    raise_errors(harness)
    edits = [r for r in harness.requests if r["method"] == "PATCH"]
    assert [r["path"] for r in edits] == [f"/channels/{CHANNEL}/messages/{answer_id}"]
    assert "positive role" in edits[0]["json"]["embeds"][0]["description"]
    assert len(replies(harness)) == 1  # edited, not answered twice


async def test_an_edit_that_changes_nothing_or_comes_late_is_left_alone(
    harness: OfflineBot,
) -> None:
    asked = await say(harness, "What did Peskov say?", ALICE)
    # Discord sends MESSAGE_UPDATE when a link preview arrives: same text, nothing to do.
    await harness.feed("MESSAGE_UPDATE", message_update_event(asked, asked["content"]))
    await harness.advance(301)  # past the edit window
    await harness.feed("MESSAGE_UPDATE", message_update_event(asked, "What did Lavrov say?"))
    raise_errors(harness)
    assert [r["method"] for r in harness.requests if r["method"] in ("PATCH", "DELETE")] == []


async def test_an_edit_into_small_talk_or_nothing_deletes_the_answer(
    harness: OfflineBot,
) -> None:
    asked = await say(harness, "What did Peskov say?", ALICE)
    chat = await say(harness, "What did Lavrov say?", BOB)
    first, second = _answer_ids(harness)
    await harness.feed("MESSAGE_UPDATE", message_update_event(asked, "thanks!"))
    await harness.feed("MESSAGE_UPDATE", message_update_event(chat, ""))
    raise_errors(harness)
    deleted = [r["path"] for r in harness.requests if r["method"] == "DELETE"]
    assert deleted == [f"/channels/{CHANNEL}/messages/{first}",
                       f"/channels/{CHANNEL}/messages/{second}"]  # fmt: skip
    # Edited back into a question, it is answered again, in a new reply.
    await harness.feed("MESSAGE_UPDATE", message_update_event(asked, "What did Peskov say?"))
    assert replied_to(harness)[-1] == asked["id"] and len(answers(harness)) == 3


def _answer_ids(h: OfflineBot) -> list[str]:
    """The ids FakeDiscord gave the bot's answers, from its records of what it answered."""
    return [r["json"]["id"] for r in h.api.responses if r["json"].get("embeds")]


async def test_a_question_edited_while_it_waits_is_answered_as_edited(
    sample_library: Library,
) -> None:
    config = Config(answer_channels=[CHANNEL], member_questions=1)
    async with running(sample_library, config) as h:
        await say(h, "What did Peskov say?", ALICE)
        waiting = await say(h, "What did Peskov say?", ALICE)
        dropped = await say(h, "What did Peskov say?", ALICE)
        assert reactions(h, "PUT") == [waiting["id"], dropped["id"]]
        await h.feed("MESSAGE_UPDATE", message_update_event(waiting, "What did Lavrov say?"))
        await h.feed("MESSAGE_UPDATE", message_update_event(dropped, "lol ok"))
        await h.advance(31)
        await h.advance(31)
        raise_errors(h)
        assert len(answers(h)) == 2 and replied_to(h)[-1] == waiting["id"]
        assert "positive role" in answers(h)[-1]["embeds"][0]["description"]
        assert reactions(h, "DELETE") == [waiting["id"], dropped["id"]]
