"""The answer-or-decline model's second reading (index/answerability.py
``load_cross_model``): once the first model answers, the same features and the
cross-encoder's states of the question and the first quote read together decide again.

The behaviour tests read one of fresh-h's articles with the shipped encoder, cross-encoder
and weights: the states must be the real ones."""

from __future__ import annotations

import asyncio
import json
import logging
from pathlib import Path

import numpy as np
import pytest

from index import answerability as answerability_module
from index import cross_encoder
from index.answerability import (
    CROSS_FEATURES,
    FEATURES,
    AnswerabilityModel,
    load_cross_model,
    parse_model,
)
from index.encoder import Encoder
from index.library import Library

ARTICLES = Path(__file__).parent / "data" / "fresh-h" / "articles"
ARTICLE_NAMES = ("2026-05-19-halden-police-cell-inquiry.txt", "2026-01-22-brannock-snowstorm.txt")


def test_a_second_reading_file_names_the_features_then_the_cross_states() -> None:
    good = {"bias": 0.0, "threshold": 0.4, "weights": dict.fromkeys(CROSS_FEATURES, 0.0)}
    model = parse_model(json.dumps(good), CROSS_FEATURES)
    assert len(CROSS_FEATURES) == len(FEATURES) + answerability_module.CROSS_STATES
    assert model.probability(np.zeros(len(CROSS_FEATURES))) == pytest.approx(0.5)
    assert not model.declines(np.zeros(len(CROSS_FEATURES)))
    # the first model's file is no second reading's, nor the other way round
    first = {**good, "weights": dict.fromkeys(FEATURES, 0.0)}
    with pytest.raises(ValueError):
        parse_model(json.dumps(first), CROSS_FEATURES)
    with pytest.raises(ValueError):
        parse_model(json.dumps(good))


def test_the_shipped_second_reading_loads_and_switches_off_with_the_first(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv(answerability_module.SWITCH, "1")
    model = load_cross_model()
    assert isinstance(model, AnswerabilityModel)
    assert model.weights.shape == (len(CROSS_FEATURES),)
    assert 0.0 < model.threshold < 0.5
    monkeypatch.setenv(answerability_module.SWITCH, "0")
    assert load_cross_model() is None


@pytest.fixture(scope="module")
def news(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A library of two of fresh-h's articles with their vectors, built once."""
    db = tmp_path_factory.mktemp("second-reading") / "news.db"

    async def build() -> None:
        lib = await Library.open(db)
        for name in ARTICLE_NAMES:
            await lib.add_path(ARTICLES / name)
        encoder = Encoder.load()
        assert encoder is not None
        lib.enable_semantic(encoder, process=False)  # on the vector thread: no process start
        assert await lib.wait_for_vectors(120)
        await lib.close()

    asyncio.run(build())
    return db


# The storm article's forecast shares the question's everyday words and is close in
# meaning, so the rules and the first model answer with it; it is no forecast for the
# member's tomorrow. A question the forecast does answer keeps it.
NO_ANSWER = "whats the weather gonna be like tmrw"
NEAR_MISS = "how much more snow could fall on saturday"
NEAR_MISS_ANSWER = "Another two to four inches could fall on Saturday"


async def test_the_second_reading_declines_what_the_first_model_answers(
    news: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(answerability_module.SWITCH, "1")
    lib = await Library.open(news, semantic=True, background=False)
    declined = await lib.ask(NO_ANSWER)
    kept = await lib.ask(NEAR_MISS)
    await lib.close()
    assert not declined.quotes and (declined.declined_by or "").endswith("answerability")
    assert kept.quotes and NEAR_MISS_ANSWER in kept.quotes[0].text
    # without the second reading the first model answers it
    monkeypatch.setattr(answerability_module, "CROSS_WEIGHTS_FILE", news.parent / "none.json")
    answerability_module._load.cache_clear()
    lib = await Library.open(news, semantic=True, background=False)
    answered = await lib.ask(NO_ANSWER)
    await lib.close()
    answerability_module._load.cache_clear()
    assert answered.quotes and answered.declined_by is None


async def test_without_the_cross_encoder_there_is_no_second_reading(
    news: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    monkeypatch.setenv(answerability_module.SWITCH, "1")
    monkeypatch.setenv(cross_encoder.SWITCH, "0")
    with caplog.at_level(logging.WARNING):
        lib = await Library.open(news, semantic=True, background=False)
        answered = await lib.ask(NO_ANSWER)
        await lib.close()
    assert answered.quotes and answered.declined_by is None
    assert not [r for r in caplog.records if r.name == "index.answerability"]
