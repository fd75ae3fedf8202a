"""How many sentences still wait for vectors is shown where an operator looks:
``articlebot index`` and ``articlebot sources`` on the terminal, ``/articles stats`` on
Discord (index/vectors.py computes them in the background), on either store backend."""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pytest

from bot.embeds import stats_message
from index.library import Library
from index.models import Document

from cli_helpers import Cli

TEXT = (
    "The council approved the budget on Tuesday.\n\nHeavy snow closed schools in the region.\n\n"
    "The bank rates rose. The team won the game at night.\n\nA rare frog was found by the river."
)


def test_index_and_sources_say_how_many_sentences_wait(
    cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, database: str
) -> None:
    db = database
    article = tmp_path / "local-news.txt"
    article.write_text(TEXT, encoding="utf-8")
    indexed = cli("index", str(article), "--db", db)
    assert indexed.returncode == 0, indexed.stderr
    sentences = int(indexed.stdout.split(", ")[-1].split()[0])
    assert sentences >= 4
    assert f"{sentences} sentences will get vectors" in indexed.stderr
    listed = cli("sources", "--db", db)
    assert f"{sentences} sentences wait for vectors" in listed.stderr
    monkeypatch.setenv("ARTICLEBOT_SEMANTIC", "0")  # nothing waits when the switch is off
    assert "vectors" not in cli("sources", "--db", db).stderr


class HeldEncoder:
    """Vectors of a fixed length that are not handed out until the test releases them."""

    model_version = "held"
    dim = 4

    def __init__(self) -> None:
        self.asked = threading.Event()
        self.release = threading.Event()

    def encode(self, texts: Sequence[str], batch_size: int = 32) -> np.ndarray:
        self.asked.set()
        assert self.release.wait(30)
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        out[:, 0] = 1.0
        return out


async def test_stats_show_the_sentences_waiting_until_they_have_vectors(database: str) -> None:
    lib = await Library.open(database)
    encoder = HeldEncoder()
    lib.enable_semantic(encoder, process=False)  # type: ignore[arg-type]  # held here
    try:
        article = await lib.add_document(Document(text=TEXT, source="a.txt", title="News"))
        assert await asyncio.to_thread(encoder.asked.wait, 30)  # the worker has counted
        stats = lib.stats()
        assert stats.vectors_waiting == article.sentences
        fields = {f.name: f.value for f in stats_message(stats).fields}
        assert fields["Sentences waiting for vectors"] == str(article.sentences)
        encoder.release.set()
        assert await lib.wait_for_vectors(30)
        assert lib.stats().vectors_waiting == 0
        assert "Sentences waiting for vectors" not in {
            f.name for f in stats_message(lib.stats()).fields
        }
    finally:
        encoder.release.set()
        await lib.close()
