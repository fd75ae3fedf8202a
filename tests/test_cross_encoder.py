"""The cross-encoder (index/cross_encoder.py) and the reorder of the learned order's first
candidates it gives (index/answering.py ``_cross_reordered``)."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import numpy as np
import pytest
from semantic_library import library_of

from index.answering import CROSS_DEPTH, CROSS_MARGIN, CROSS_WEIGHT, _cross_reordered
from index.cross_encoder import SWITCH, CachedScores, CrossEncoder
from index.encoder import Encoder
from index.models import Citation, Document, Quote


def _quote(sid: int, text: str) -> Quote:
    citation = Citation("a", "t", None, None, "a.txt", 1, sid, 0, len(text))
    return Quote(text=text, citation=citation, score=0.0, sentence_id=sid)


def _reorder(
    key: dict[int, float],
    cross: Sequence[float],
    specific: dict[int, bool] | None = None,
    texts: dict[int, str] | None = None,
) -> dict[int, float]:
    order = sorted(key, key=lambda sid: -key[sid])
    given = texts if texts is not None else {sid: f"sentence {sid}" for sid in key}
    read = [_quote(sid, text) for sid, text in given.items()]
    by_text = {f"sentence {sid}": v for sid, v in zip(order, cross, strict=False)}
    calls: list[list[str]] = []

    def judge(question: str, shown: Sequence[str]) -> list[float]:
        calls.append(list(shown))
        return [by_text[t] for t in shown]

    ranked: Any = SimpleNamespace(specific=specific or {})
    out = _cross_reordered("q", order, key, ranked, specific is not None, judge, read)
    assert all(len(c) <= CROSS_DEPTH for c in calls)
    return dict(out)


def test_a_clear_cross_preference_moves_a_candidate_up_and_swaps_scores() -> None:
    key = {1: 5.0, 2: 4.5, 3: 4.2, 4: 4.1}
    big = (5.0 - 4.5) / CROSS_WEIGHT + 1.0
    out = _reorder(key, [0.0, big, 0.0, 100.0])
    assert out == {2: 5.0, 1: 4.5, 3: 4.2, 4: 4.1}  # 4 is past the depth read


def test_a_candidate_far_behind_the_first_is_not_read() -> None:
    key = {1: 5.0, 2: 5.0 - CROSS_MARGIN - 0.1, 3: 1.0}
    assert _reorder(key, [0.0, 100.0, 100.0]) == key  # no pass at all: one candidate left
    key = {1: 5.0, 2: 4.5, 3: 5.0 - CROSS_MARGIN - 0.1}
    out = _reorder(key, [0.0, 100.0, 1000.0])
    assert out == {1: 4.5, 2: 5.0, 3: key[3]}


def test_a_small_cross_preference_keeps_the_learned_order() -> None:
    key = {1: 5.0, 2: 4.5, 3: 4.0}
    small = (5.0 - 4.5) / CROSS_WEIGHT - 0.5
    assert _reorder(key, [0.0, small, 0.0]) == key


def test_only_the_first_candidates_group_is_reordered_when_specific_articles_go_first() -> None:
    key = {1: 5.0, 2: 4.5, 3: 4.0}
    specific = {1: True, 2: False, 3: True}
    # 2 belongs to the other group: the one read beside 1 is 3
    out = _reorder(key, [0.0, 0.0, 100.0], specific)
    assert out[1] == 4.0 and out[3] == 5.0 and out[2] == 4.5


def test_a_candidate_without_its_text_leaves_the_order_alone() -> None:
    key = {1: 5.0, 2: 4.5, 3: 4.0}
    assert _reorder(key, [0.0, 100.0, 0.0], texts={1: "sentence 1", 3: "sentence 3"}) == key


def test_cached_scores_read_the_model_once_per_question_and_text() -> None:
    passes: list[list[str]] = []

    class Model:
        def states(self, question: str, texts: Sequence[str]) -> np.ndarray:
            passes.append(list(texts))
            return np.array([[float(len(t)), 1.0] for t in texts], dtype=np.float32)

        def head(self, states: np.ndarray) -> np.ndarray:
            return np.asarray(states[:, 0], dtype=np.float64)

    cache = CachedScores(Model(), size=3)  # type: ignore[arg-type]
    assert cache("q", ["ab", "abc"]) == [2.0, 3.0]
    assert cache("q", ["abc", "abcd"]) == [3.0, 4.0]
    assert passes == [["ab", "abc"], ["abcd"]]
    assert cache("other", ["ab"]) == [2.0]  # another question is another pair
    assert len(passes) == 3
    cache("q", ["x"])  # the cache holds three pairs: the oldest goes
    cache("q", ["ab"])
    assert passes[-1] == ["ab"]
    # the answer-or-decline model reads the same pairs' states (index/answerability.py)
    assert cache.states("q", ["ab", "x"]).tolist() == [[2.0, 1.0], [1.0, 1.0]]
    assert passes[-1] == ["ab"]
    assert cache("q", []) == [] and cache.states("q", []).shape[0] == 0


@pytest.fixture(scope="module")
def encoder() -> Encoder:
    found = Encoder.load()
    assert found is not None, "the shipped model is part of the package"
    return found


def test_switched_off_by_the_environment(encoder: Encoder, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(SWITCH, "0")
    assert CrossEncoder.load_beside(encoder) is None


def test_a_missing_or_broken_model_is_off_with_a_log_line(
    encoder: Encoder, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.WARNING, logger="index.cross_encoder")
    assert CrossEncoder.load_beside(encoder, tmp_path) is None
    (tmp_path / "model.safetensors").write_bytes(b"not a model")
    assert CrossEncoder.load_beside(encoder, tmp_path) is None
    assert [r.message.split(":")[0] for r in caplog.records] == ["cross-encoder off"] * 2


def test_the_shipped_model_prefers_the_sentence_that_answers(encoder: Encoder) -> None:
    model = CrossEncoder.load_beside(encoder)
    assert model is not None, "the shipped cross-encoder is part of the package"
    pairs = [
        (
            "who shut the ferry dock",
            "The harbour authority shut the ferry dock on Tuesday after a crack was found.",
            "Ferry dock traffic has doubled since the old bridge was shut in 2019.",
        ),
        (
            "how much will the new pool cost",
            "The new pool will cost the town $3.1 million, the parks board said.",
            "Swimmers have asked for a new pool for years, and the old one leaks.",
        ),
    ]
    for question, right, wrong in pairs:
        scores = model.score(question, [wrong, right])
        assert scores[1] > scores[0], question
    # each pair is scored on its own, whatever the batch holds
    alone = model.score(pairs[0][0], [pairs[0][1]])
    batched = model.score(pairs[0][0], [pairs[0][2], pairs[0][1], pairs[1][1]])
    assert alone[0] == pytest.approx(batched[1], abs=1e-4)


TEAM = Document(
    text=(
        "BRAXTON — The Braxton Bulls minor-league baseball team will move to Dunmore after "
        "the 2027 season, its owners said on Tuesday.\n\n"
        "The move ends 52 years of professional baseball in Braxton, a town of about 14,000 "
        "people.\n\n"
        "Owner Carla Benning said the team's stadium needed $19 million in repairs that the "
        "town could not afford.\n\n"
        "Dunmore has agreed to build a $60 million ballpark with 5,500 seats.\n\n"
        "The club's 28 full-time staff will be offered jobs in Dunmore, Benning said.\n\n"
        "Mayor Dale Okun said he was disappointed but understood the decision.\n\n"
        "Season-ticket holders will get priority for tickets at the new park.\n\n"
        "The old stadium will be handed back to the town, which has not decided what to do "
        "with it."
    ),
    source="team.txt",
    title="Bulls to leave Braxton",
)


@pytest.mark.parametrize("cross_on", [True, False])
async def test_the_sentence_that_answers_goes_before_the_lede_sharing_its_words(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, cross_on: bool
) -> None:
    # The lede holds "team" and "move" as the question does; the answer holds "staff".
    # The learned order alone puts the lede first; read together with the question, the
    # staff sentence is the answer.
    if not cross_on:
        monkeypatch.setenv(SWITCH, "0")
    lib = await library_of(tmp_path, [TEAM], vectors=True)
    try:
        answer = await lib.ask("what happens to staff when the team moves")
        first = answer.quotes[0].text
        if cross_on:
            assert first.startswith("The club's 28 full-time staff")
        else:
            assert first.startswith("BRAXTON — The Braxton Bulls")
        # a question the learned order already answers keeps its answer
        cost = await lib.ask("how much did the stadium need")
        assert "$19 million" in cost.quotes[0].text
    finally:
        await lib.close()
