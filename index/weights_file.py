"""The weights files of the small learned models shipped beside their modules (the
reranker's ``ranker_weights.json``, answerability's ``answerability_weights.json``).

Both are JSON objects whose ``weights`` name every feature of the model's version, in
order. A file written for another version of the features must be refused rather than
read into the wrong slots, and a model must be switched off the same way whichever it
is, so the reading and the switch live here once.
"""

from __future__ import annotations

import json
import math
import os
from collections.abc import Sequence

import numpy as np
from numpy.typing import NDArray

OFF_WORDS = frozenset({"0", "false", "no", "off"})


def switched_off(variable: str) -> bool:
    """True when the environment variable turns a model off (``0``, ``false``, ``no``,
    ``off``); unset means on."""
    return os.environ.get(variable, "1").strip().lower() in OFF_WORDS


def finite_number(value: object, what: str) -> float:
    """``value`` as a float; ValueError naming ``what`` when it is no finite number (a
    JSON ``true`` is no number)."""
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        raise ValueError(f"{what} is no finite number")
    return float(value)


def parse_named_weights(
    text: str, features: Sequence[str]
) -> tuple[NDArray[np.float64], dict[str, object]]:
    """The weight vector of a weights file, in ``features`` order, and the whole JSON
    object (for a model's other numbers); ValueError when the file is no JSON object, has
    no ``weights`` object, names other features than ``features`` (or in another order),
    or gives a weight that is no finite number."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ValueError(f"not JSON ({exc.msg}, line {exc.lineno})") from None
    if not isinstance(data, dict):
        raise ValueError("not a JSON object")
    weights = data.get("weights")
    if not isinstance(weights, dict):
        raise ValueError("no 'weights' object")
    if list(weights) != list(features):
        missing = [f for f in features if f not in weights]
        extra = [f for f in weights if f not in features]
        raise ValueError(
            "its features are not this version's"
            + (f" (missing {', '.join(missing[:3])})" if missing else "")
            + (f" (unknown {', '.join(extra[:3])})" if extra else "")
        )
    values = [finite_number(weights[name], f"the weight of {name}") for name in features]
    return np.array(values, dtype=np.float64), data
