"""Answer or decline, learned: a logistic model over what answering knows of a question
and of the sentence it is about to show first.

The hand rules of index/answering.py decline a question when a clear piece of evidence
is missing (words the library has never seen, no article about all of it, no figure for
"how many" …). Many questions nobody's articles answer pass all of them: every word is
known, one article holds most of them, and the best sentence shares a few ("how many
fish died in <lake>" against the lake's algae story, "what time does the pharmacy
close" against the pharmacy's opening). Their evidence is weak in several ways at once
(the question's rarest words outside the sentence and its paragraph, the sentence not
stating the kind of answer asked for, a low cosine with the question, no margin over
the next candidate), none of them enough to decline on alone. A logistic regression
weighs them together; it was trained on questions no evaluation uses (bench/train-ltr's
no-answer questions against its, bench/train-news's and squad-dev's even half's
answerable ones; ``bench/train_answerability.py``; the cosines of each news training
folder from an encoder that never saw it, bench/crossfit.sh), and its weights ship beside this
module (``answerability_weights.json``, with how they were trained and the threshold).

Answering asks it only once the rules have chosen to answer, and only with semantic
ranking on (its cosines are features): a question is declined when the model's
probability that it is answerable falls below the shipped threshold, chosen for few
wrongly declined answerable questions. With the model off
(``ARTICLEBOT_ANSWERABILITY=0``), the file missing or malformed (one log line says so),
or without the semantic model, the rules alone decide.

A second reading (``load_cross_model``, ``answerability_cross_weights.json``) decides
again on what the first answers: the same features and the cross-encoder's states of the
question and the first quote read together (index/cross_encoder.py). The first model sees
the two as words held and as vectors encoded apart, so a sentence that shares the
question's everyday words and is close to it in meaning passes it while saying something
else of them ("whats the weather gonna be like tmrw" against a storm article's forecast
for Saturday). It was trained on the questions the first model lets through, of sets the
cross-encoder never saw (``bench/train_cross_answerability.py``); it is off with the first
model, and without the cross-encoder.

Plain numpy; every feature is scaled to about 0..1, so that a weight means the same for
a library of five articles and one of five thousand (the second reading's states are
weighed as they come: its weights were fitted on them standardized, and carry that).
"""

from __future__ import annotations

import logging
import math
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np
from numpy.typing import NDArray

from .question import ASKS_ADVICE, ASKS_AGE, ASKS_NAME, ASKS_PRICE, AnswerType, Question
from .rank_features import FEATURES as RANK_FEATURES
from .weights_file import finite_number, parse_named_weights, switched_off

log = logging.getLogger(__name__)

WEIGHTS_FILE = Path(__file__).with_name("answerability_weights.json")
CROSS_WEIGHTS_FILE = Path(__file__).with_name("answerability_cross_weights.json")
SWITCH = "ARTICLEBOT_ANSWERABILITY"
# A word at least this rare (index/answering.py ``rarity``) is no everyday word.
EVERYDAY_RARITY = 0.45

# The top candidate's ranking features that are read (index/rank_features.py).
TOP_FEATURES: tuple[str, ...] = (
    "lexical_rank",
    "cos_sentence",
    "cos_paragraph",
    "cos_sentence_gap",
    "cos_paragraph_gap",
    "cos_sentence_rank",
    "held_sentence",
    "held_paragraph",
    "held_known",
    "article_share",
    "article_share_gap",
    "typed_without",
    "figure",
    "says_asked",
    "lede",
    "paragraph_log",
    "length_log",
    "spoken",
)
FEATURES: tuple[str, ...] = (
    *(f"top_{name}" for name in TOP_FEATURES),
    "cos_margin",  # cos(question, first) - the best other candidate's
    "cos_paragraph_margin",  # the same of their paragraphs
    "known_share",  # share of the question's weight (IDF) the library knows
    "rare_held_sentence",  # share of the question's rarity the first sentence holds
    "rare_held_paragraph",  # ... that its paragraph holds (the sentence's words too)
    "rare_held_article",  # ... that its article holds
    "rare_known",  # ... that the library holds
    "idf_held_article",  # share of the question's weight its article holds
    "rarest_held_sentence",  # the question's rarest word is in the sentence
    "rarest_held_paragraph",  # ... in its paragraph
    "rarest_held_article",  # ... in its article
    "named_missing_article",  # share of the question's names its article lacks
    "has_names",  # the question names something (a rare or capitalised word)
    "everyday_only",  # every word of the question is an everyday word
    "max_rarity",
    "slots_log",  # log(1 + the question's informative words)
    "evidence_margin",  # the rules' evidence for the first - their floor
    "best_share",  # the most of the question one article holds
    "strength",  # the first holds the kind of answer asked for (0..1)
    "asks_number",
    "asks_date",
    "asks_duration",
    "asks_person",
    "asks_place",
    "asks_reason",
    "asks_any",
    "polar",
    "asks_price",
    "asks_age",
    "asks_advice",
    "asks_name",
    "counted",  # "how many <things>"
    "paraphrase",  # answered by meaning, the words falling short
    "focus_in_sentence",  # the question's first word that is no name is in the sentence
    "focus_in_paragraph",  # ... in it or its paragraph
    "focus_meant",  # ... or the closest word there in meaning (cosine; 1 when held)
    "unmatched_worst",  # the least matched everyday word's best cosine there (1: all held)
    "unmatched_share",  # share of the weight of words neither held nor meant there
    "names_missing_paragraph",  # share of the question's names the paragraph lacks
)
# The second reading (:func:`load_cross_model`): the same features, then the
# cross-encoder's pooled states of the question and the first quote read together
# (index/cross_encoder.py ``states``; its hidden size). Many questions no article answers
# pass the first model: every word is near the sentence, and only reading the two together
# tells "is the town going to a four day school week" from its robotics team's story.
CROSS_STATES = 384
CROSS_FEATURES: tuple[str, ...] = (*FEATURES, *(f"cross_{i}" for i in range(CROSS_STATES)))
_COLUMN = {name: j for j, name in enumerate(FEATURES)}
_TOP = [RANK_FEATURES.index(name) for name in TOP_FEATURES]
_ASKED = {
    AnswerType.NUMBER: "asks_number",
    AnswerType.DATE: "asks_date",
    AnswerType.DURATION: "asks_duration",
    AnswerType.PERSON: "asks_person",
    AnswerType.PLACE: "asks_place",
    AnswerType.REASON: "asks_reason",
}
_ASKS = {
    ASKS_PRICE: "asks_price",
    ASKS_AGE: "asks_age",
    ASKS_ADVICE: "asks_advice",
    ASKS_NAME: "asks_name",
}


@dataclass(frozen=True)
class Evidence:
    """What answering knows of a question and its first candidate, per slot in the
    question's order where an array."""

    pool_rows: NDArray[np.float64]  # the pool's ranking features (index/rank_features.py)
    first: int  # the row of the sentence to be shown first
    weights: NDArray[np.float64]  # the slots' weights (IDF)
    rarity: NDArray[np.float64]  # the slots' rarity in English, 0..1
    known: NDArray[np.bool_]  # the library holds the slot
    in_sentence: NDArray[np.bool_]  # the first sentence holds it
    in_paragraph: NDArray[np.bool_]  # it or its paragraph holds it
    in_article: NDArray[np.bool_]  # its article holds it
    named: NDArray[np.bool_]  # a name: a rare word, or one the question capitalises
    evidence: float  # the rules' evidence for the first sentence
    floor: float  # the evidence the rules require
    best_share: float
    strength: float  # the first holds the kind of answer asked for
    paraphrase: bool
    # Per slot: 1 when the sentence or its paragraph holds it, else the best cosine of
    # a word there with it (0 without word meanings).
    meant: NDArray[np.float64]


# A word of the question no word near the answer means this closely is unmatched.
MEANT_MIN = 0.5


def row(found: Evidence, question: Question) -> NDArray[np.float64]:
    """The model's features, :data:`FEATURES` order."""
    out = np.zeros(len(FEATURES), dtype=np.float64)

    def put(name: str, value: float) -> None:
        out[_COLUMN[name]] = value

    rows = found.pool_rows
    top = rows[found.first]
    for name, j in zip(TOP_FEATURES, _TOP, strict=True):
        put(f"top_{name}", float(top[j]))
    others = np.delete(rows, found.first, axis=0)
    for name, feature in (
        ("cos_margin", "cos_sentence"),
        ("cos_paragraph_margin", "cos_paragraph"),
    ):
        j = RANK_FEATURES.index(feature)
        second = float(others[:, j].max()) if len(others) else 0.0
        put(name, float(top[j]) - second)
    weights, rare = found.weights, found.rarity
    total = float(weights.sum()) or 1.0
    rare_total = float(rare.sum()) or 1.0
    put("known_share", float(weights[found.known].sum()) / total)
    put("rare_held_sentence", float(rare[found.in_sentence].sum()) / rare_total)
    put("rare_held_paragraph", float(rare[found.in_paragraph].sum()) / rare_total)
    put("rare_held_article", float(rare[found.in_article].sum()) / rare_total)
    put("rare_known", float(rare[found.known].sum()) / rare_total)
    put("idf_held_article", float(weights[found.in_article].sum()) / total)
    if len(rare):
        rarest = int(np.argmax(rare + 1e-3 * weights / (weights.max() or 1.0)))
        put("rarest_held_sentence", float(found.in_sentence[rarest]))
        put("rarest_held_paragraph", float(found.in_paragraph[rarest]))
        put("rarest_held_article", float(found.in_article[rarest]))
        put("max_rarity", float(rare.max()))
        put("everyday_only", float(rare.max() < EVERYDAY_RARITY))
    names = int(found.named.sum())
    if names:
        put("has_names", 1.0)
        put("named_missing_article", float((found.named & ~found.in_article).sum()) / names)
    put("slots_log", math.log1p(len(weights)))
    put("evidence_margin", found.evidence - found.floor)
    put("best_share", found.best_share)
    put("strength", found.strength)
    put(_ASKED.get(question.answer_type, "asks_any"), 1.0)
    put("polar", float(question.polar))
    if question.asks in _ASKS:
        put(_ASKS[question.asks], 1.0)
    put("counted", float(bool(question.counted)))
    put("paraphrase", float(found.paraphrase))
    plain = ~found.named
    if plain.any():
        focus = int(np.flatnonzero(plain)[0])
        put("focus_in_sentence", float(found.in_sentence[focus]))
        put("focus_in_paragraph", float(found.in_paragraph[focus]))
        put("focus_meant", float(found.meant[focus]))
        put("unmatched_worst", float(found.meant[plain].min()))
        loose = plain & (found.meant < MEANT_MIN)
        put("unmatched_share", float(weights[loose].sum()) / total)
    else:
        for name in ("focus_in_sentence", "focus_in_paragraph", "focus_meant"):
            put(name, 1.0)
        put("unmatched_worst", 1.0)
    if names:
        put("names_missing_paragraph", float((found.named & ~found.in_paragraph).sum()) / names)
    return out


class AnswerabilityModel:
    """P(answerable) = sigmoid(row @ weights + bias); declined below ``threshold``. The
    row is :data:`FEATURES`, or for the second reading :data:`CROSS_FEATURES`."""

    def __init__(
        self,
        weights: NDArray[np.float64],
        bias: float,
        threshold: float,
        features: Sequence[str] = FEATURES,
    ) -> None:
        if weights.shape != (len(features),):
            raise ValueError(f"expected {len(features)} weights, got {weights.shape}")
        self.weights = weights
        self.bias = bias
        self.threshold = threshold

    def probability(self, features: NDArray[np.float64]) -> float:
        z = float(features @ self.weights) + self.bias
        return 1.0 / (1.0 + math.exp(-max(-60.0, min(60.0, z))))

    def declines(self, features: NDArray[np.float64]) -> bool:
        return self.probability(features) < self.threshold


def parse_model(text: str, features: Sequence[str] = FEATURES) -> AnswerabilityModel:
    """The model a weights file describes; ValueError when it is not one: its features
    must be exactly ``features``, in order, each with a finite weight, and it must
    give a finite bias and a threshold between 0 and 1."""
    weights, data = parse_named_weights(text, features)
    bias = finite_number(data.get("bias"), "the bias")
    threshold = finite_number(data.get("threshold"), "the threshold")
    if not 0.0 <= threshold <= 1.0:
        raise ValueError("the threshold is not between 0 and 1")
    return AnswerabilityModel(weights, bias, threshold, features)


def load_model(path: Path | None = None) -> AnswerabilityModel | None:
    """The shipped model unless it is switched off (``ARTICLEBOT_ANSWERABILITY=0``),
    when None (the rules alone decide); None as well when the file is missing or
    malformed, and then one log line says why."""
    if switched_off(SWITCH):
        return None
    return _load(str(WEIGHTS_FILE if path is None else path), False)


def load_cross_model(path: Path | None = None) -> AnswerabilityModel | None:
    """The second reading's model (:data:`CROSS_FEATURES`), off as :func:`load_model`
    is, and when its file is missing or malformed (one log line says why)."""
    if switched_off(SWITCH):
        return None
    return _load(str(CROSS_WEIGHTS_FILE if path is None else path), True)


@lru_cache(maxsize=4)
def _load(path: str, cross: bool) -> AnswerabilityModel | None:
    try:
        text = Path(path).read_text(encoding="utf-8")
        return parse_model(text, CROSS_FEATURES if cross else FEATURES)
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else exc
        what = "second reading" if cross else "answerability model"
        log.warning("%s off, the rules alone decide: %s: %s", what, path, reason)
        return None
