"""How the library's in-memory state is shared between answers and changes.

Answers rank on a dedicated "library" thread, so that however much work one question
makes, the event loop (every server's events, replies and heartbeats) keeps running:
CPython hands the GIL to a waiting thread every ``sys.getswitchinterval()``, so a
CPU-bound ranking thread delays the loop by a switch interval, never by the whole answer.
One thread, not a pool: the indexes keep scratch buffers (``BM25Index.scores``,
``ScopeIndex.scores``) that two concurrent rankings would overwrite, and another core is
left to ingest.

Changes to the library (the step of an add, a remove or another process's change that
updates the indexes, the speaker directory and the article table) run on that thread too,
one at a time: their work grows with the article, and on the loop it would hold every
server. :class:`Gate` keeps changes and answers apart: an answer holds a *shared* pass for its whole
run, ranking steps and sentence reads alike; a change takes the *exclusive* pass, which is
granted only when no answer is in flight, and answers that arrive meanwhile wait behind
it (first come, first served, so neither side starves). So, as when everything ran on the
loop, every answer is ranked against one complete version of the library; more strictly
than then, since a change can no longer land between an answer's ranking and its reads.

A change holds the exclusive pass for its database write as well as its index update, so
answers wait for both (a change read from another process's write waits only for its
swap); they would not wait on a snapshot, but the indexes are numpy arrays
updated in place, so a snapshot is a copy of the whole library per change (or
copy-on-write throughout the index code), to save a wait that lasts one article's write.

An answer is a coroutine (:func:`index.answering.answer_question`) that awaits only its
sentence reads. :func:`run_on_thread` steps it on the library thread and serves each read
on the loop in between, where the database connection lives: the thread never blocks on
the loop, so a closing loop cannot leave it hanging.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import contextlib
from collections import deque
from collections.abc import Callable, Coroutine, Generator, Sequence
from types import TracebackType
from typing import Any, Generic, TypeVar

T = TypeVar("T")
R = TypeVar("R")


class Gate:
    """A first-come-first-served readers-writer gate for one event loop.

    ``async with gate`` is the exclusive pass (it stands in for the ``asyncio.Lock`` that
    serialised changes before); :meth:`enter_shared` / :meth:`leave_shared` are the shared
    pass. Leaving never awaits, so a cancelled task cannot leave the gate held.
    """

    def __init__(self) -> None:
        self._readers = 0
        self._writing = False
        self._queue: deque[tuple[bool, asyncio.Future[None]]] = deque()

    def locked(self) -> bool:
        return self._writing

    @property
    def readers(self) -> int:
        return self._readers

    def _free_for(self, exclusive: bool) -> bool:
        return not self._writing and not (exclusive and self._readers)

    def _admit(self) -> None:
        """Grant waiting passes in arrival order: one change, or a run of answers."""
        while self._queue:
            exclusive, waiter = self._queue[0]
            if waiter.done():  # cancelled while waiting
                self._queue.popleft()
                continue
            if not self._free_for(exclusive):
                return
            self._queue.popleft()
            if exclusive:
                self._writing = True
            else:
                self._readers += 1
            waiter.set_result(None)
            if exclusive:
                return

    async def _enter(self, exclusive: bool) -> None:
        if not self._queue and self._free_for(exclusive):
            if exclusive:
                self._writing = True
            else:
                self._readers += 1
            return
        waiter: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        self._queue.append((exclusive, waiter))
        try:
            await waiter
        except asyncio.CancelledError:
            if waiter.done() and not waiter.cancelled():
                self._leave(exclusive)  # granted, then cancelled before it could run
            else:
                self._admit()  # a change cancelled at the head may let answers in
            raise

    def _leave(self, exclusive: bool) -> None:
        if exclusive:
            self._writing = False
        else:
            self._readers -= 1
        self._admit()

    async def enter_shared(self) -> None:
        await self._enter(False)

    def leave_shared(self) -> None:
        self._leave(False)

    async def __aenter__(self) -> None:
        await self._enter(True)

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self._leave(True)


class Read(Generic[R]):
    """What an answer coroutine awaits when it needs sentences: the awaitable yields
    itself to :func:`run_on_thread`, which does the read on the loop and sends the result
    back in."""

    __slots__ = ("ids",)

    def __init__(self, ids: Sequence[int]) -> None:
        self.ids = ids

    def __await__(self) -> Generator[Read[R], R, R]:
        return (yield self)


class _Done(Generic[T]):
    __slots__ = ("value",)

    def __init__(self, value: T) -> None:
        self.value = value


def _step(coro: Coroutine[Read[Any], Any, T], value: Any) -> Read[Any] | _Done[T]:
    """Run the coroutine up to its next read (or to its end), on the calling thread."""
    try:
        request = coro.send(value)
    except StopIteration as stop:
        return _Done(stop.value)
    if not isinstance(request, Read):
        coro.close()
        raise TypeError(f"an answer may await only its sentence reads, not {request!r}")
    return request


async def run_on_thread(
    coro: Coroutine[Read[Any], Any, T],
    thread: concurrent.futures.Executor,
    read: Callable[[Sequence[int]], Coroutine[Any, Any, Any]],
    done: Callable[[], None],
) -> T:
    """Run ``coro`` on ``thread``, serving each :class:`Read` it awaits with ``read`` on
    the loop; ``done()`` is called once the coroutine can no longer run, which is later
    than this returns if the caller is cancelled while a step is still on the thread."""
    loop = asyncio.get_running_loop()
    value: Any = None
    step: concurrent.futures.Future[Read[Any] | _Done[T]] | None = None
    try:
        while True:
            step = thread.submit(_step, coro, value)
            outcome = await asyncio.wrap_future(step, loop=loop)
            step = None
            if isinstance(outcome, _Done):
                return outcome.value
            value = await read(outcome.ids)
    finally:
        if step is not None and not step.done():
            # Cancelled while the thread runs a step: finish when the step does.
            def finish(_: object) -> None:
                coro.close()
                with contextlib.suppress(RuntimeError):  # a closed loop: nobody left to wait
                    loop.call_soon_threadsafe(done)

            step.add_done_callback(finish)
        else:
            coro.close()
            done()
