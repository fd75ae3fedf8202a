"""1,000 questions in flight through the bot while an admin adds, replaces, removes and
reindexes: no error, no deadlock, every answer from one complete version of the library."""

from __future__ import annotations

import asyncio
import re
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest

from bot.config import Config
from bot.harness import message_event, offline_bot, slash_event
from index.ingest import parse_bytes
from index.library import Library

from harness_helpers import raise_errors

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


@pytest.fixture
async def shared_library(database: str, sample_path: Path) -> AsyncIterator[Library]:
    """The sample library on each store backend: PostgreSQL answers from a pool of
    connections while changes write through another."""
    lib = await Library.open(database)
    await lib.add_path(sample_path)
    yield lib
    await lib.close()


async def test_questions_during_library_changes(shared_library: Library) -> None:
    sample_library = shared_library
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
        raise_errors(h)
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


# --- the gate between answers and changes (index/concurrency.py) ---------------------------


async def _settled() -> None:
    for _ in range(5):
        await asyncio.sleep(0)


async def test_gate_is_first_come_first_served() -> None:
    from index.concurrency import Gate

    gate = Gate()
    await gate.enter_shared()
    order: list[str] = []

    async def change() -> None:
        async with gate:
            order.append("change")
            await _settled()
            assert gate.readers == 0

    async def answer(name: str) -> None:
        await gate.enter_shared()
        order.append(name)
        gate.leave_shared()

    writer = asyncio.create_task(change())
    await _settled()
    late = asyncio.create_task(answer("late answer"))  # arrives after the change: waits
    await _settled()
    assert order == [] and not writer.done() and not late.done()
    gate.leave_shared()  # the first answer ends: the change goes, then the late answer
    await asyncio.gather(writer, late)
    assert order == ["change", "late answer"]
    assert not gate.locked() and gate.readers == 0


async def test_cancelled_waiters_leave_the_gate_usable() -> None:
    from index.concurrency import Gate

    gate = Gate()
    await gate.enter_shared()

    async def change() -> None:
        async with gate:
            pass

    writer = asyncio.create_task(change())
    await _settled()
    reader = asyncio.create_task(gate.enter_shared())
    await _settled()
    writer.cancel()  # the change at the head gives up: the answer behind it goes in
    await asyncio.wait_for(reader, 5)
    assert gate.readers == 2
    gate.leave_shared()
    gate.leave_shared()
    async with gate:
        assert gate.locked()
    assert not gate.locked()


async def test_change_waits_for_an_answer_reading_its_sentences(
    sample_library: Library, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An answer holds the library from its first ranking step to its last: a change
    requested while it reads sentences on the loop lands only after it."""
    reading = asyncio.Event()
    go_on = asyncio.Event()
    real_fetch = sample_library._fetch

    async def slow_fetch(ids: Any) -> Any:
        reading.set()
        await go_on.wait()
        return await real_fetch(ids)

    monkeypatch.setattr(sample_library, "_fetch", slow_fetch)
    # Reads are served on the loop only when the library thread has no reader of its own.
    monkeypatch.setattr(sample_library, "_thread_reader", None)
    monkeypatch.setattr(sample_library, "_thread_reader_failed", True)
    question = asyncio.create_task(sample_library.ask("What did Lavrov say?"))
    await asyncio.wait_for(reading.wait(), 30)
    changed = asyncio.create_task(sample_library.add_document(
        parse_bytes(version_text("alpha"), source="late.txt", filename="late.txt")))  # fmt: skip
    for _ in range(50):  # the change is analysed on the ingest thread, then waits
        await asyncio.sleep(0.02)
    assert not changed.done() and sample_library._write_lock.readers == 1
    go_on.set()
    answer = await asyncio.wait_for(question, 30)
    assert "positive role" in answer.quotes[0].text
    await asyncio.wait_for(changed, 30)
    assert "late.txt" in {a.source for a in sample_library.articles()}


async def test_cancelled_answer_keeps_the_library_until_its_step_ends(
    sample_library: Library, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Cancelling an ask cannot stop the library thread mid-step: the gate is released
    when the step ends, not when the caller gives up."""
    import threading

    import index.library
    from index.models import Answer

    entered = threading.Event()
    release = threading.Event()

    async def stuck(question: str, ctx: Any, k: int = 3) -> Answer:
        entered.set()
        release.wait(30)  # ranking, as far as the loop can tell
        return Answer(question=question, note="done")

    monkeypatch.setattr(index.library, "answer_question", stuck)
    question = asyncio.create_task(sample_library.ask("anything"))
    loop = asyncio.get_running_loop()
    assert await loop.run_in_executor(None, entered.wait, 30)
    question.cancel()
    with pytest.raises(asyncio.CancelledError):
        await question
    assert sample_library._write_lock.readers == 1  # the step still runs on the thread

    async def change() -> None:
        async with sample_library._write_lock:
            pass

    writer = asyncio.create_task(change())
    await asyncio.sleep(0.05)
    assert not writer.done()
    release.set()
    await asyncio.wait_for(writer, 30)
    assert sample_library._write_lock.readers == 0
