"""A change's index update runs on the library thread, under the exclusive pass, and the loop
keeps running meanwhile: what it reads without the gate is the version before the change,
whole, until the change is done (index/library.py, index/concurrency.py).

Each test holds the update inside the index code until the loop has had its turn: run on
the loop, as it once was, the update would hold the loop for the whole wait instead.
"""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import pytest

from index.ingest import parse_bytes
from index.library import LIBRARY_THREAD, Library
from index.scope import ScopeIndex

GUILD = 8100
HOLD = 5.0  # seconds the held update waits for the loop before it gives up (a failure)


class Held:
    """A ScopeIndex method made to wait, inside the update, until the loop releases it."""

    def __init__(self) -> None:
        self.entered = threading.Event()
        self.release = threading.Event()
        self.threads: list[str] = []
        self.released: list[bool] = []

    def wrap(self, real: Callable[..., Any]) -> Callable[..., Any]:
        def held(index: ScopeIndex, *args: Any) -> Any:
            self.threads.append(threading.current_thread().name)
            self.entered.set()
            self.released.append(self.release.wait(HOLD))
            return real(index, *args)

        return held

    async def entered_on_loop(self) -> None:
        """Return once the update is inside the held method (the loop ran to see it)."""
        while not self.entered.is_set():
            await asyncio.sleep(0.005)


@contextmanager
def holding(monkeypatch: pytest.MonkeyPatch, method: str) -> Iterator[Held]:
    held = Held()
    monkeypatch.setattr(ScopeIndex, method, held.wrap(getattr(ScopeIndex, method)))
    yield held
    held.release.set()


def article(n: int, words: str = "harbour ferry council") -> bytes:
    body = "\n\n".join(f"The {words} vote number {i} of report {n} was close." for i in range(20))
    return f"Report {n}\n\n{body}".encode()


async def add(library: Library, n: int, guild_id: int | None = None) -> None:
    doc = parse_bytes(article(n), source=f"report-{n}.txt", filename=f"report-{n}.txt")
    await library.add_document(doc, guild_id)


@pytest.mark.parametrize("guild_id", [None, GUILD], ids=["shared", "server"])
async def test_an_add_updates_the_indexes_off_the_loop_and_readers_see_one_version(
    library: Library, monkeypatch: pytest.MonkeyPatch, guild_id: int | None
) -> None:
    await add(library, 1, guild_id)
    before = library.stats(guild_id), library.articles(guild_id)
    with holding(monkeypatch, "add") as held:
        change = asyncio.create_task(add(library, 2, guild_id))
        await held.entered_on_loop()
        during = library.stats(guild_id), library.articles(guild_id)
        held.release.set()
        await change
    assert held.released == [True], "the update held the loop (it ran on the loop thread)"
    assert held.threads and all(t.startswith(LIBRARY_THREAD) for t in held.threads)
    assert during == before  # the version before the change, whole
    after = library.stats(guild_id)
    assert after.articles == before[0].articles + 1
    assert after.sentences == before[0].sentences + 20
    answer = await library.ask("What was the vote number 7 of report 2?", guild_id=guild_id)
    assert "report 2" in answer.quotes[0].text


async def test_a_servers_first_article_builds_its_index_off_the_loop(
    library: Library, monkeypatch: pytest.MonkeyPatch
) -> None:
    await add(library, 1)  # shared: the server's new index holds it too
    with holding(monkeypatch, "add_loaded") as held:
        change = asyncio.create_task(add(library, 2, GUILD))
        await held.entered_on_loop()
        assert [a.id for a in library.articles(GUILD)] == [a.id for a in library.articles()]
        held.release.set()
        await change
    assert held.released and all(held.released)
    assert all(t.startswith(LIBRARY_THREAD) for t in held.threads)
    assert library.stats(GUILD).articles == 2
    answer = await library.ask("What was the vote number 3 of report 1?", guild_id=GUILD)
    assert "report 1" in answer.quotes[0].text


async def test_a_remove_updates_the_indexes_off_the_loop(
    library: Library, monkeypatch: pytest.MonkeyPatch
) -> None:
    await add(library, 1)
    await add(library, 2)
    [first, _] = sorted(library.articles(), key=lambda a: a.source)
    before = library.stats()
    with holding(monkeypatch, "remove") as held:
        change = asyncio.create_task(library.remove(first.id))
        await held.entered_on_loop()
        assert library.stats() == before
        held.release.set()
        await change
    assert held.released and all(held.released)
    assert all(t.startswith(LIBRARY_THREAD) for t in held.threads)
    assert library.stats().articles == 1
    assert first.id not in {a.id for a in library.articles()}


async def test_an_answer_waits_for_a_change_under_way_and_sees_all_of_it(
    library: Library, monkeypatch: pytest.MonkeyPatch
) -> None:
    await add(library, 1)
    with holding(monkeypatch, "add") as held:
        change = asyncio.create_task(add(library, 2, None))
        await held.entered_on_loop()
        question = asyncio.create_task(library.ask("What was the vote number 5 of report 2?"))
        await asyncio.sleep(0.05)
        assert not question.done()  # behind the exclusive pass
        held.release.set()
        await change
        answer = await question
    assert "report 2" in answer.quotes[0].text


async def test_a_cancelled_change_keeps_the_exclusive_pass_until_its_update_is_done(
    library: Library, monkeypatch: pytest.MonkeyPatch
) -> None:
    await add(library, 1)
    with holding(monkeypatch, "add") as held:
        change = asyncio.create_task(add(library, 2, None))
        await held.entered_on_loop()
        change.cancel()
        await asyncio.sleep(0.02)
        assert library._write_lock.locked()  # the thread is still updating the indexes
        held.release.set()
        with pytest.raises(asyncio.CancelledError):
            await change
    assert not library._write_lock.locked()
    # The stored article is indexed: memory and database agree.
    assert {a.source for a in library.articles()} == {"report-1.txt", "report-2.txt"}


# --- large inputs: analysed in the worker process ---------------------------------------------


def test_a_large_result_comes_back_whole_in_pieces() -> None:
    from index.ingest_process import PIECE, pack, unpack
    from index.pipeline import process

    text = "\n\n".join(f"Anna Berg said vote {i} was close." for i in range(PIECE // 4))
    processed = process(parse_bytes(text.encode(), source="big.txt", filename="big.txt"))
    pieces = pack(processed)
    assert len(pieces) >= 3  # the document and pieces of sentences
    back = unpack(pieces)
    assert (back.doc, back.sentences, back.terms) == (processed.doc, processed.sentences,
                                                      processed.terms)  # fmt: skip
    assert [(e.name, e.roles) for e in back.entities] == [
        (e.name, e.roles) for e in processed.entities
    ]
    assert unpack(pack("a refusal")) == "a refusal"


async def test_a_large_input_is_analysed_in_the_worker_process(
    library: Library, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A C call over a large hostile text holds the GIL of the process it runs in: in a
    worker process, not the bot's (index/ingest_process.py)."""
    import os
    from functools import partial

    import index.library

    monkeypatch.setattr(index.library, "PROCESS_FROM", 50_000)
    assert await library.run_ingest(os.getpid, size=49_999) == os.getpid()
    assert await library.run_ingest(os.getpid, size=50_000) != os.getpid()
    data = article(5) * 40
    assert len(data) > 50_000
    doc = await library.run_ingest(
        partial(parse_bytes, data, source="big.txt", filename="big.txt"), size=len(data)
    )
    added = await library.add_document(doc, GUILD)
    from index.pipeline import process

    assert added.sentences == len(process(doc).sentences) > 700
    answer = await library.ask("What was the ferry vote number 9 of report 5?", guild_id=GUILD)
    assert "report 5" in answer.quotes[0].text


async def test_a_writes_term_encoding_runs_on_the_library_thread_on_every_backend(
    database: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The store hands a write's CPU work (encoding the terms) to the library's thread, on
    SQLite and PostgreSQL alike, so a large article does not hold the loop."""
    library = await Library.open(database)
    threads: list[str] = []
    real = type(library.store.vocabulary).encode

    def encode(vocabulary: Any, terms: Any) -> Any:
        threads.append(threading.current_thread().name)
        return real(vocabulary, terms)

    monkeypatch.setattr(type(library.store.vocabulary), "encode", encode)
    try:
        await add(library, 1)
        assert threads and all(t.startswith(LIBRARY_THREAD) for t in threads), threads
        assert len(library.articles()) == 1
    finally:
        await library.close()
