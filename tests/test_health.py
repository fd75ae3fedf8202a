"""Operations (issue 16 part 4): each process says how it is (a health line, a field of
``/articles stats``), and a start waits out a database that is briefly unavailable."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from bot.config import Config
from bot.harness import offline_bot, slash_event
from bot.health import open_with_retries, process_line
from index.library import Library
from index.store import StoreError

GUILD = (4 << 22) + 3  # shard 0 of 2
ADMIN = 1 << 5


async def test_a_start_tries_again_while_the_database_is_briefly_unavailable(
    library: Library, caplog: pytest.LogCaptureFixture
) -> None:
    failures = [StoreError("cannot open database x: database is locked", transient=True)] * 2
    calls = 0

    async def opening() -> Library:
        nonlocal calls
        calls += 1
        if failures:
            raise failures.pop()
        return library

    with caplog.at_level(logging.WARNING, "articlebot.health"):
        assert await open_with_retries(opening, attempts=3, first_wait=0) is library
    assert calls == 3
    # This module's lines only: a warning another test's leftover thread logs meanwhile
    # is captured too.
    assert [r.getMessage() for r in caplog.records if r.name == "articlebot.health"] == [
        "cannot open database x: database is locked; trying again in 0 s (attempt 2 of 3)",
        "cannot open database x: database is locked; trying again in 0 s (attempt 3 of 3)",
    ]


async def test_a_database_that_stays_unavailable_or_is_wrong_stops_the_start_in_one_line(
    tmp_path: Path,
) -> None:
    calls = 0

    async def locked() -> Library:
        nonlocal calls
        calls += 1
        raise StoreError("cannot open database x: database is locked", transient=True)

    with pytest.raises(StoreError, match=r"is locked \(still, after 3 attempts\)$"):
        await open_with_retries(locked, attempts=3, first_wait=0)
    assert calls == 3
    (tmp_path / "folder.db").mkdir()  # not a database, and never will be: no retry
    with pytest.raises(StoreError, match="it is a folder") as caught:
        await open_with_retries(lambda: Library.open(tmp_path / "folder.db"), first_wait=60)
    assert not caught.value.transient


async def test_stats_and_the_health_line_say_what_this_process_holds(tmp_path: Path) -> None:
    db = tmp_path / "lib.db"
    config = Config(database=str(db), shard_count=2, shard_ids=[0], semantic=False,
                    health_minutes=0)  # fmt: skip
    async with offline_bot(config, None, {GUILD: [41]}) as h:
        library = h.bot.library
        text = "\n\n".join(f"The ferry vote {i} was close." for i in range(6))
        from index.ingest import parse_bytes

        doc = parse_bytes(f"Ferry\n\n{text}".encode(), source="ferry.txt", filename="ferry.txt")
        await library.add_document(doc, GUILD)
        line = process_line(config, library)
        assert line == (
            f"shards 0 of 2, 1 servers, 1 articles, 6 sentences, library version "
            f"{library.version}, current"
        )
        assert library.version == 1
        await h.feed("INTERACTION_CREATE", slash_event(
            "articles", sub="stats", guild_id=GUILD, channel_id=41, permissions=ADMIN))  # fmt: skip
        fields = h.requests[-1]["json"]["data"]["embeds"][0]["fields"]
        assert {f["name"]: f["value"] for f in fields}["This process"] == line
