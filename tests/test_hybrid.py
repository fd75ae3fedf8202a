"""Hybrid ranking: vectors stored in the background (index/vectors.py), the ask-time
rerank (index/semantic.py) and the switch that turns it off (bot/config.py).

A tiny random model of the shipped architecture (tests/test_encoder.py builds it) stands
in for all-MiniLM-L6-v2 where vectors are only stored; where the order matters, a stub
encoder gives the cosines the test wants.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pytest
from test_encoder import HEADS, tiny_tokenizer, tiny_weights

from bot.config import ConfigError, load_config
from index import semantic as semantic_module
from index.encoder import Encoder
from index.library import Library
from index.models import Document
from index.semantic import SemanticRanker, _cosines
from index.store import SCHEMA_VERSION, Store

pytestmark = pytest.mark.usefixtures("vectors_on_the_thread")  # conftest.py says why

SAMPLE = Path(__file__).parents[1] / "bot" / "data" / "2025-05-17-trump-putin-call.txt"
TEXT = (
    "The council approved the budget on Tuesday.\n\nHeavy snow closed schools in the region.\n\n"
    "The bank rates rose. The team won the game at night.\n\nA rare frog was found by the river."
)

QUESTIONS = [
    "What did Peskov say?",
    "What did Zelenskiy propose to Putin?",
    "Which city hosted the peace talks?",
    "Who will Trump call next week?",
    "How did Putin respond to the challenge?",
    "When did the talks take place?",
    "How tall is the Eiffel Tower?",
]


def tiny(version: str) -> Encoder:
    return Encoder(tiny_weights(), tiny_tokenizer(), heads=HEADS, model_version=version)


def rows(db: Path, sql: str) -> list[tuple[object, ...]]:
    conn = sqlite3.connect(db)
    try:
        return conn.execute(sql).fetchall()
    finally:
        conn.close()


async def test_vectors_are_stored_deleted_and_recomputed(tmp_path: Path) -> None:
    db = tmp_path / "lib.db"
    lib = await Library.open(db)
    lib.enable_semantic(tiny("tiny-a"))
    article = await lib.add_document(Document(text=TEXT, source="a.txt", title="Local news"))
    assert (await lib.ask("Who won the game?")).quotes  # answerable by BM25 at once
    assert await lib.wait_for_vectors(30)
    assert lib.vectors_waiting() == 0 == await lib.count_vectors_waiting()
    stored = rows(db, "SELECT model_version, length(vector) FROM sentence_vectors")
    assert len(stored) == article.sentences and {r for r in stored} == {("tiny-a", 4 + 32)}
    assert len(rows(db, "SELECT * FROM paragraph_vectors")) == 4
    await lib.close()

    # Another model: every vector of the old one counts as missing, and is recomputed.
    lib = await Library.open(db)
    lib.enable_semantic(tiny("tiny-b"), worker=False)
    assert await lib.count_vectors_waiting() == article.sentences
    lib.enable_semantic(tiny("tiny-b"))
    assert await lib.wait_for_vectors(30)
    assert {r[0] for r in rows(db, "SELECT model_version FROM sentence_vectors")} == {"tiny-b"}
    assert {r[0] for r in rows(db, "SELECT model_version FROM paragraph_vectors")} == {"tiny-b"}

    await lib.remove(article.id)  # the vectors go with their article
    assert rows(db, "SELECT COUNT(*) FROM sentence_vectors") == [(0,)]
    assert rows(db, "SELECT COUNT(*) FROM paragraph_vectors") == [(0,)]
    await lib.close()


async def test_version_2_database_gains_the_vector_tables(tmp_path: Path) -> None:
    db = tmp_path / "v2.db"
    store = await Store.open(db)
    await store.close()
    conn = sqlite3.connect(db)
    conn.executescript(
        "DROP TABLE sentence_vectors; DROP TABLE paragraph_vectors; PRAGMA user_version = 2;"
    )
    conn.close()
    store = await Store.open(db)
    await store.close()
    tables = {r[0] for r in rows(db, "SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert {"sentence_vectors", "paragraph_vectors"} <= tables
    assert rows(db, "PRAGMA user_version") == [(SCHEMA_VERSION,)] == [(3,)]


class StubEncoder:
    """Vectors chosen by the test: a text gets the unit vector of the first key it holds."""

    model_version = "stub"
    dim = 4

    def __init__(self, axes: dict[str, int]) -> None:
        self.axes = axes

    def encode(self, texts: Sequence[str], batch_size: int = 32) -> np.ndarray:
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        for row, text in enumerate(texts):
            axis = next((a for key, a in self.axes.items() if key in text), self.dim - 1)
            out[row, axis] = 1.0
        return out


FOUR = Document(
    text=(
        "The council bridge plan was delayed by a vote.\n\n"
        "The council bridge plan costs more than planned.\n\n"
        "The council bridge plan will open in spring."
    ),
    source="bridge.txt",
    title="Bridge",
)
KEYS = ("vote", "costs", "spring")


async def test_rerank_follows_the_cosines(tmp_path: Path) -> None:
    question = "What is the council bridge plan?"
    lib = await Library.open(tmp_path / "lib.db")
    await lib.add_document(FOUR)
    lexical = [q.text for q in (await lib.ask(question, k=3)).quotes]
    assert len(lexical) == 3
    # The lexically last sentence points the way the question does: it must come first.
    target = next(key for key in KEYS if key in lexical[-1])
    others = [key for key in KEYS if key != target]
    stub = StubEncoder({"What is": 0, target: 0, others[0]: 1, others[1]: 2})
    lib.enable_semantic(stub)  # type: ignore[arg-type]
    assert await lib.wait_for_vectors(30)
    assert lib.semantic is not None
    lib.semantic.paragraph_weight = 0.0
    lib.semantic.sentence_weight = 5.0
    hybrid = await lib.ask(question, k=3)
    assert hybrid.quotes[0].text == lexical[-1]
    assert sorted(q.text for q in hybrid.quotes) == sorted(lexical)
    # The scores shown stay lexical: never above the lexical one, never rising down the list.
    await lib.close()
    plain = await Library.open(tmp_path / "lib.db")
    before = {q.text: q.score for q in (await plain.ask(question, k=3)).quotes}
    shown = [q.score for q in hybrid.quotes]
    assert shown == sorted(shown, reverse=True)
    assert all(q.score <= before[q.text] for q in hybrid.quotes)
    await plain.close()


async def test_sentences_without_vectors_rank_lexically(tmp_path: Path) -> None:
    db = tmp_path / "lib.db"
    lib = await Library.open(db)
    await lib.add_document(FOUR)
    stub = StubEncoder({"Is the": 0})
    ranker = SemanticRanker(db, stub)  # type: ignore[arg-type]
    ids = [int(r[0]) for r in rows(db, "SELECT id FROM sentences ORDER BY id")]
    scores = {sid: 3.0 - i for i, sid in enumerate(ids)}
    assert ranker.fuse("Is the plan good?", ids, scores) == scores  # no vector at all
    lib.enable_semantic(stub)  # type: ignore[arg-type]
    assert await lib.wait_for_vectors(30)
    conn = sqlite3.connect(db)
    conn.execute("DELETE FROM sentence_vectors WHERE sentence_id = ?", (ids[0],))
    conn.commit()
    conn.close()
    fused = ranker.fuse("Is the plan good?", ids, scores)
    assert set(fused) == set(ids)  # nobody dropped
    # All stored cosines are 0 here, so the missing one gets their mean, 0: lexical order.
    assert sorted(ids, key=lambda s: -fused[s]) == ids
    assert _cosines(np.array([1, 0], np.float32), [None, None]) == [0.0, 0.0]
    ranker.close()
    await lib.close()


async def test_switch_off_or_no_model_answers_as_before(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    async def answers(lib: Library) -> list[object]:
        await lib.add_path(SAMPLE)
        got = [(await lib.ask(q, k=5)).to_json() for q in QUESTIONS]
        await lib.close()
        return got

    off = await answers(await Library.open(tmp_path / "off.db", semantic=False))
    monkeypatch.setattr(semantic_module.Encoder, "load", classmethod(lambda cls, path=None: None))
    missing = await Library.open(tmp_path / "missing.db", semantic=True)
    assert missing.semantic is None
    assert await answers(missing) == off
    # The hook itself changes nothing when the rerank keeps the scores.
    same = await Library.open(tmp_path / "same.db")
    same.enable_semantic(tiny("tiny-a"), worker=False)
    assert same.semantic is not None
    same.semantic.fuse = lambda question, pool, scores: dict(scores)  # type: ignore[method-assign]
    assert await answers(same) == off


def test_config_switch() -> None:
    assert load_config(env={}).semantic is True
    assert load_config(env={"ARTICLEBOT_SEMANTIC": "0"}).semantic is False
    assert load_config(env={"ARTICLEBOT_SEMANTIC": "1"}).semantic is True
    with pytest.raises(ConfigError, match="ARTICLEBOT_SEMANTIC"):
        load_config(env={"ARTICLEBOT_SEMANTIC": "yes"})


def test_config_file_switch(tmp_path: Path) -> None:
    path = tmp_path / "articlebot.toml"
    path.write_text("[library]\nsemantic = false\n")
    assert load_config(path, env={}).semantic is False
    path.write_text('[library]\nsemantic = "no"\n')
    with pytest.raises(ConfigError, match="semantic"):
        load_config(path, env={})
