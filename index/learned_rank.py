"""The learned reranker: a score over the candidates' features, linear plus one small
hidden layer.

On unless ``ARTICLEBOT_LEARNED_RANK=0``. It was trained on questions nobody evaluates on
(bench/train_ranker.py says how; cross-fitted: each news training folder's cosines from
an encoder that never saw it, bench/crossfit.sh); on the news development sets it ties the hand-set
fusion of index/semantic.py, and it orders better on squad-dev's half it never saw and on
the held-out news sets (README, Hybrid ranking). With semantic ranking on, answering's pool
is ordered by the score of its features (index/rank_features.py) instead of the fusion:
``features @ weights``, plus, when the weights file has ``hidden`` units,
``sum(out * tanh(features @ unit weights + bias))`` over them. A unit can say what a
linear score cannot: that a feature counts only beside another (a date held, when a time
is asked). The weights are a few numbers shipped beside this module
(``ranker_weights.json``, with how they were trained); the fusion stays the order
whenever the weights are missing or malformed (one log line says so) or a candidate has
no vector yet.
"""

from __future__ import annotations

import logging
from functools import lru_cache
from pathlib import Path

import numpy as np
from numpy.typing import NDArray

from .rank_features import FEATURES
from .weights_file import finite_number, parse_named_weights, switched_off

log = logging.getLogger(__name__)

WEIGHTS_FILE = Path(__file__).with_name("ranker_weights.json")
SWITCH = "ARTICLEBOT_LEARNED_RANK"


class LinearScorer:
    """``score(rows) = rows @ weights``: higher is better."""

    def __init__(self, weights: NDArray[np.float64]) -> None:
        if weights.shape != (len(FEATURES),):
            raise ValueError(f"expected {len(FEATURES)} weights, got {weights.shape}")
        self.weights = weights

    def score(self, rows: NDArray[np.float64]) -> NDArray[np.float64]:
        return np.asarray(rows @ self.weights, dtype=np.float64)


class HiddenScorer(LinearScorer):
    """The linear score plus ``tanh(rows @ hidden + bias) @ out``: ``hidden`` holds one
    column per unit (features x units), ``bias`` and ``out`` one number per unit."""

    def __init__(
        self,
        weights: NDArray[np.float64],
        hidden: NDArray[np.float64],
        bias: NDArray[np.float64],
        out: NDArray[np.float64],
    ) -> None:
        super().__init__(weights)
        units = len(out)
        if hidden.shape != (len(FEATURES), units) or bias.shape != (units,):
            raise ValueError(f"expected {len(FEATURES)} x {units} hidden weights")
        self.hidden, self.bias, self.out = hidden, bias, out

    def score(self, rows: NDArray[np.float64]) -> NDArray[np.float64]:
        units = np.tanh(rows @ self.hidden + self.bias)
        return np.asarray(rows @ self.weights + units @ self.out, dtype=np.float64)


def parse_weights(text: str) -> LinearScorer:
    """The scorer a weights file describes; ValueError when it is not one: its features
    must be exactly :data:`FEATURES`, in order, each with a finite weight; so must each
    of its ``hidden`` units' (a list of ``{"weights": {...}, "bias": b, "out": o}``)."""
    weights, data = parse_named_weights(text, FEATURES)
    units = data.get("hidden")
    if units is None:
        return LinearScorer(weights)
    if not isinstance(units, list) or not units:
        raise ValueError("'hidden' is no list of units")
    columns, bias, out = [], [], []
    for n, unit in enumerate(units):
        if not isinstance(unit, dict):
            raise ValueError(f"hidden unit {n} is no object")
        named = unit.get("weights")
        if not isinstance(named, dict) or list(named) != list(FEATURES):
            raise ValueError(f"hidden unit {n}'s features are not this version's")
        columns.append([finite_number(named[f], f"hidden unit {n}'s {f}") for f in FEATURES])
        bias.append(finite_number(unit.get("bias"), f"the bias of hidden unit {n}"))
        out.append(finite_number(unit.get("out"), f"the out weight of hidden unit {n}"))
    return HiddenScorer(weights, np.array(columns).T, np.array(bias), np.array(out))


def load_scorer(path: Path = WEIGHTS_FILE) -> LinearScorer | None:
    """The shipped scorer unless it is switched off (``ARTICLEBOT_LEARNED_RANK=0``), when
    None (the fusion orders); None as well when the file is missing or malformed, and
    then one log line says why."""
    if switched_off(SWITCH):
        return None
    return _load(str(path))


@lru_cache(maxsize=4)
def _load(path: str) -> LinearScorer | None:
    try:
        return parse_weights(Path(path).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else exc
        log.warning("learned ranking off, the fusion orders: %s: %s", path, reason)
        return None
