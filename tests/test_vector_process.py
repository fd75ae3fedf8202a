"""Sentence vectors are encoded in a worker process (index/vector_process.py), so that the
encoder never holds the bot's GIL: the loop keeps its turns while a batch is encoded, the
vectors are the ones the vector thread computes, and a worker that dies is replaced, or
reported in one line with its sentences left to lexical ranking.

The encoders here are the tiny random model of tests/test_encoder.py, with hooks that run
in the worker process; they talk to the test through files in ``tmp_path``.
"""

from __future__ import annotations

import asyncio
import logging
import multiprocessing
import os
import signal
import sqlite3
import time
from collections.abc import Sequence
from pathlib import Path

import pytest
from test_encoder import HEADS, tiny_tokenizer, tiny_weights, write_model

from index import vector_process as vector_process_module
from index import vectors as vectors_module
from index.encoder import F32, Encoder
from index.library import Library
from index.models import Document

NEWS = Document(
    text=(
        "The council approved the budget on Tuesday.\n\nHeavy snow closed schools in the "
        "region.\n\nThe bank rates rose. The team won the game at night.\n\nA rare frog was "
        "found by the river, the council said."
    ),
    source="news.txt",
    title="Local news",
)
QUESTION = "What did the council approve?"


def stored(db: Path) -> tuple[list[tuple[object, ...]], list[tuple[object, ...]]]:
    conn = sqlite3.connect(db)
    try:
        return (
            conn.execute("SELECT sentence_id, model_version, vector FROM sentence_vectors"
                         " ORDER BY sentence_id").fetchall(),
            conn.execute("SELECT article_id, paragraph, model_version, vector FROM"
                         " paragraph_vectors ORDER BY article_id, paragraph").fetchall(),
        )  # fmt: skip
    finally:
        conn.close()


async def vectors_of(db: Path, encoder: Encoder, process: bool) -> tuple[list[object], ...]:
    lib = await Library.open(db)
    try:
        lib.enable_semantic(encoder, process=process)
        await lib.add_document(NEWS)
        assert await lib.wait_for_vectors(60)
        assert await lib.count_vectors_waiting() == 0
    finally:
        await lib.close()
    return stored(db)


@pytest.mark.parametrize("loaded", ["from its folder", "made in memory"])
async def test_vectors_from_the_worker_process_are_the_threads(tmp_path: Path, loaded: str) -> None:
    if loaded == "from its folder":
        encoder = Encoder.load(write_model(tmp_path / "model"))
        assert encoder is not None and encoder.folder is not None
    else:
        encoder = Encoder(tiny_weights(), tiny_tokenizer(), heads=HEADS, model_version="mem")
    in_thread = await vectors_of(tmp_path / "thread.db", encoder, process=False)
    in_process = await vectors_of(tmp_path / "process.db", encoder, process=True)
    assert len(in_thread[0]) >= 5 and len(in_thread[1]) == 4
    assert in_process == in_thread  # byte for byte, model version included


class Hooked(Encoder):
    """The tiny encoder, with ``hook`` run in the worker before each encode; the bot's
    copy marks that it encoded (it should not: its sentences go to the worker)."""

    def __init__(self, marks: Path, hook: str) -> None:
        super().__init__(tiny_weights(), tiny_tokenizer(), heads=HEADS, model_version="hooked")
        self.marks = marks
        self.hook = hook
        self.parent = os.getpid()

    def encode(self, texts: Sequence[str], batch_size: int = 32) -> F32:
        in_the_bot = os.getpid() == self.parent
        if in_the_bot:
            (self.marks / "encoded-in-the-bot").touch()
        if not in_the_bot or self.hook == "hold_the_gil":  # never kill the test's process
            getattr(self, self.hook)()
        return super().encode(texts, batch_size)

    def hold_the_gil(self) -> None:
        """One C call of about a second (``sum`` over a range never lets the GIL go),
        once, between two marks the test watches."""
        if not (self.marks / "started").exists():
            (self.marks / "started").touch()
            sum(range(20_000_000))
            (self.marks / "done").touch()

    def wait_to_be_killed(self) -> None:
        """The first worker waits for the test's SIGKILL; its replacement encodes."""
        if not (self.marks / "killed").exists():
            self.note_pid()
            time.sleep(60)

    def note_pid(self) -> None:
        """Written aside, then renamed: the test never reads a pid file still empty."""
        aside = self.marks / f"pid.{os.getpid()}"
        aside.write_text(str(os.getpid()))
        aside.replace(self.marks / "pid")

    def die(self) -> None:
        os._exit(3)


async def until(path: Path, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while not path.exists():
        assert time.monotonic() < deadline, f"{path.name} never appeared"
        await asyncio.sleep(0.005)


async def test_encoding_a_batch_does_not_hold_the_loop(tmp_path: Path) -> None:
    lib = await Library.open(tmp_path / "lib.db")
    try:
        lib.enable_semantic(Hooked(tmp_path, "hold_the_gil"))  # as the bot does
        await lib.add_document(NEWS)
        await until(tmp_path / "started")
        turns = 0
        while not (tmp_path / "done").exists():
            await asyncio.sleep(0.005)
            turns += 1
        # On a thread of this process, the encoder's C call keeps the loop from running
        # at all until it ends: a turn or two, around its start and end.
        assert turns >= 20
        assert await lib.wait_for_vectors(60)
        assert not (tmp_path / "encoded-in-the-bot").exists()
    finally:
        await lib.close()


async def test_a_killed_worker_is_replaced_and_its_batch_gets_vectors(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    db = tmp_path / "lib.db"
    lib = await Library.open(db)
    try:
        lib.enable_semantic(Hooked(tmp_path, "wait_to_be_killed"))
        article = await lib.add_document(NEWS)
        await until(tmp_path / "pid")
        (tmp_path / "killed").touch()
        os.kill(int((tmp_path / "pid").read_text()), signal.SIGKILL)
        assert await lib.wait_for_vectors(60)
        assert await lib.count_vectors_waiting() == 0
        assert len(stored(db)[0]) == article.sentences
    finally:
        await lib.close()
    lines = [
        r.getMessage()
        for r in caplog.records
        if r.levelno >= logging.WARNING and r.name.startswith("index.")  # not another test's
    ]
    assert lines == ["vector worker process stopped; starting another"]


async def test_a_worker_that_keeps_dying_is_reported_once_and_answers_stay_lexical(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    db = tmp_path / "lib.db"
    lexical = await Library.open(tmp_path / "lexical.db")
    await lexical.add_document(NEWS)
    expected = await lexical.ask(QUESTION, k=3)
    await lexical.close()

    lib = await Library.open(db)
    try:
        lib.enable_semantic(Hooked(tmp_path, "die"))
        article = await lib.add_document(NEWS)
        assert await lib.wait_for_vectors(60)  # the worker gave up on this change
        assert lib.vectors_waiting() == article.sentences
        assert await lib.count_vectors_waiting() == article.sentences
        answer = await lib.ask(QUESTION, k=3)
        assert [(q.text, q.score) for q in answer.quotes] == [
            (q.text, q.score) for q in expected.quotes
        ]
    finally:
        await lib.close()
    lines = [r.getMessage() for r in caplog.records if r.name == "index.vectors"]
    assert lines == [
        "vector worker: the vector worker process stopped 2 times on one batch; "
        f"{article.sentences} sentences stay lexical until the next change"
    ]


async def test_a_late_wake_from_the_change_it_gave_up_on_is_no_next_change(
    tmp_path: Path, caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The wake of an add can reach the worker while it is already failing on that add's
    sentences (it was woken by the start); that wake must not try and report again. A
    change committed afterwards is tried again. A batch is given up on after its first
    worker dies (no second process: the test above tests the restart; each process started
    imports the bot again, a second of CPU)."""
    monkeypatch.setattr(vector_process_module, "RESTARTS", 0)
    lib = await Library.open(tmp_path / "lib.db")
    try:
        lib.enable_semantic(Hooked(tmp_path, "die"))
        await lib.add_document(NEWS)
        assert await lib.wait_for_vectors(60)
        assert lib._vectors is not None
        lib._vectors.wake()  # the same change, woken again
        assert await lib.wait_for_vectors(60)
        reports = [r.getMessage() for r in caplog.records if r.name == "index.vectors"]
        assert len(reports) == 1, reports
        await lib.add_document(
            Document(text="The ferry sailed at dawn.", source="more.txt", title="More")
        )
        assert await lib.wait_for_vectors(60)
        reports = [r.getMessage() for r in caplog.records if r.name == "index.vectors"]
        assert len(reports) == 2, reports  # the next change is tried, and fails again
    finally:
        await lib.close()


async def test_the_worker_process_goes_when_the_backlog_stays_empty(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(vectors_module, "PROCESS_IDLE_SECONDS", 0.05)
    lib = await Library.open(tmp_path / "lib.db")
    try:
        lib.enable_semantic(Hooked(tmp_path, "note_pid"))
        await lib.add_document(NEWS)
        assert await lib.wait_for_vectors(60)
        pid = int((tmp_path / "pid").read_text())
        deadline = time.monotonic() + 60
        while pid in {p.pid for p in multiprocessing.active_children()}:
            assert time.monotonic() < deadline, "the worker process stayed"
            await asyncio.sleep(0.02)
        # A new article starts another.
        await lib.add_document(
            Document(text="Rain fell on the harbour.", source="rain.txt", title="Rain")
        )
        assert await lib.wait_for_vectors(60)
        assert await lib.count_vectors_waiting() == 0
        assert int((tmp_path / "pid").read_text()) != pid
    finally:
        await lib.close()
