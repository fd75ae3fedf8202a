"""A question whose words look spread over articles is declined as mixed only when the
learned answerability model is unsure of its best sentence too (index/answering.py
``_model_sure``)."""

from __future__ import annotations

import asyncio
from pathlib import Path

import numpy as np
import pytest

import index.answering as answering
import index.library as library_module
from index.answerability import FEATURES, AnswerabilityModel
from index.encoder import Encoder
from index.library import Library

TUITION = """Fenwick board approves tuition rise

FENWICK — The board of trustees of Fenwick State College voted 6-3 on Tuesday to raise \
undergraduate tuition by 5 percent next autumn, the first increase in four years.

In-state tuition will rise to about $9,800 a year under the plan approved Tuesday, while \
fees for housing stay flat.

Student leaders said they would keep protesting the decision at the next meeting.
"""
TRAIL = """Orlan hikers rescued after storm

ORLAN — Two hikers were rescued on Wednesday after a storm stranded them on the Pass Ridge \
trail above Orlan, the county sheriff said.

The pair had set out on a day hike and did not pass the first shelter before the snow \
began, rescuers said.

The trail will stay closed until crews clear fallen trees, the sheriff said.
"""
QUESTION = "how much will in-state tuition at fenwick cost"
ANSWER = "In-state tuition will rise to about $9,800 a year"


@pytest.fixture(scope="module")
def news(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Two small articles of different stories with their vectors, built once."""
    folder = tmp_path_factory.mktemp("mixed")
    (folder / "2026-03-02-fenwick-tuition.txt").write_text(TUITION, encoding="utf-8")
    (folder / "2026-03-04-orlan-trail.txt").write_text(TRAIL, encoding="utf-8")
    db = folder / "news.db"

    async def build() -> None:
        lib = await Library.open(db)
        for path in sorted(folder.glob("*.txt")):
            await lib.add_path(path)
        encoder = Encoder.load()
        assert encoder is not None
        lib.enable_semantic(encoder, process=False)
        assert await lib.wait_for_vectors(120)
        await lib.close()

    asyncio.run(build())
    return db


async def ask_mixed(news: Path, monkeypatch: pytest.MonkeyPatch, bias: float) -> tuple[str, ...]:
    """Ask QUESTION with every question counted as mixed (no article can hold more than
    all of its words) and a stand-in model whose probability is sigmoid(bias) for every
    answer; its own threshold declines nothing."""
    model = AnswerabilityModel(np.zeros(len(FEATURES)), bias, 0.001)
    monkeypatch.setattr(library_module, "load_model", lambda: model)
    monkeypatch.setattr(answering, "MIN_ARTICLE_SHARE", 1.01)
    lib = await Library.open(news, semantic=True, background=False)
    answer = await lib.ask(QUESTION)
    await lib.close()
    return (answer.declined_by or "", *(q.text for q in answer.quotes[:1]))


async def test_a_mixed_question_the_model_is_sure_of_is_answered(
    news: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    declined_by, *quotes = await ask_mixed(news, monkeypatch, 5.0)
    assert declined_by == "" and quotes and ANSWER in quotes[0]


async def test_a_mixed_question_the_model_is_unsure_of_is_still_declined(
    news: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # near miss: probability sigmoid(-1) is below MIXED_SURE, though the model's own
    # threshold would not decline it
    declined_by, *quotes = await ask_mixed(news, monkeypatch, -1.0)
    assert declined_by.startswith("mixes-articles") and not quotes


async def test_without_the_model_a_mixed_question_is_declined(
    news: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(library_module, "load_model", lambda: None)
    monkeypatch.setattr(answering, "MIN_ARTICLE_SHARE", 1.01)
    lib = await Library.open(news, semantic=True, background=False)
    answer = await lib.ask(QUESTION)
    await lib.close()
    assert (answer.declined_by or "").startswith("mixes-articles") and not answer.quotes


async def test_an_unmixed_question_is_answered_as_before(
    news: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(library_module, "load_model", lambda: None)
    lib = await Library.open(news, semantic=True, background=False)
    answer = await lib.ask(QUESTION)
    await lib.close()
    assert answer.quotes and ANSWER in answer.quotes[0].text
