"""What a question is answered against (:class:`AnswerContext`: the library's index, its
quotes, and the optional semantic parts), and how rare a word is in English.

Shared by :mod:`index.answering` and :mod:`index.speaker_answers`, so neither imports the other
for them."""

from __future__ import annotations

import re
from collections.abc import Awaitable, Callable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
from numpy.typing import NDArray
from wordfreq import zipf_frequency

from .answerability import AnswerabilityModel
from .learned_rank import LinearScorer
from .models import Quote
from .question import Question
from .retriever import Retriever
from .semantic import PoolCosines
from .speakers import SpeakerDirectory
from .typos import TermCorrector

# Word frequency (wordfreq's Zipf scale: 7 is "the", 3 is once in a million words): at or
# below RARE_ZIPF a word is rare (or a name), at or above COMMON_ZIPF an everyday word.
RARE_ZIPF = 3.0
COMMON_ZIPF = 6.0
MISSING_RARE = 0.65
WORD = re.compile(r"[\w'’-]+")


# Quotes for sentence ids, in that order (ids removed meanwhile are left out).
Fetch = Callable[[Sequence[int]], Awaitable[list[Quote]]]
# (question, candidate ids in lexical order, their scores) -> new scores (index/semantic.py).
Rerank = Callable[[str, Sequence[int], Mapping[int, float]], dict[int, float]]
# (question, sentence ids) -> cos(question, sentence) of those with a vector (index/semantic.py).
Similarity = Callable[[str, Sequence[int]], Mapping[int, float]]
# (word, other words) -> cos(word, other) for each, by meaning (index/semantic.py).
WordSimilarity = Callable[[str, Sequence[str]], Sequence[float]]
# (question, sentence ids, each one's article) -> the learned reranker's cosines (with each
# sentence, its paragraph, and the topic cosines), None when one lacks a vector
# (index/semantic.py ``SemanticRanker.pool_cosines``: the pool's vectors read once).
PoolCosinesOf = Callable[[str, Sequence[int], Sequence[int]], PoolCosines | None]
# (question, sentence texts) -> the cross-encoder's score of each (index/cross_encoder.py).
CrossScore = Callable[[str, Sequence[str]], Sequence[float]]
# (question, sentence texts) -> the cross-encoder's pooled states, one row each.
CrossStates = Callable[[str, Sequence[str]], NDArray[np.float32]]


@dataclass(frozen=True)
class AnswerContext:
    index: Retriever
    fetch: Fetch
    speakers: SpeakerDirectory | None = None
    visible: Callable[[str], bool] = lambda _article_id: True
    corrector: TermCorrector | None = None
    rerank: Rerank | None = None
    similarity: Similarity | None = None
    word_similarity: WordSimilarity | None = None
    # The learned reranker (index/learned_rank.py), used instead of ``rerank`` when every
    # candidate has its vectors.
    pool_cosines: PoolCosinesOf | None = None
    scorer: LinearScorer | None = None
    # The learned answer-or-decline model (index/answerability.py), asked once the rules
    # answer; read only with ``pool_cosines`` (semantic ranking on).
    answerability: AnswerabilityModel | None = None
    # The cross-encoder, reordering the learned order's first candidates; read only
    # with ``scorer``.
    cross: CrossScore | None = None
    # The answer-or-decline model's second reading (index/answerability.py
    # ``load_cross_model``) and the states it reads; asked once the first model answers.
    cross_states: CrossStates | None = None
    cross_answerability: AnswerabilityModel | None = None


@lru_cache(maxsize=50_000)
def rarity(word: str) -> float:
    """How rare ``word`` is in English at large, 0 (common) to 1 (rare, or a name).

    The library's IDF says how well a word tells its sentences apart; it cannot say
    whether a missing word is a name that an answer would have to mention, or a common
    word that an answer may well say differently.
    """
    zipf = zipf_frequency(word, "en")
    return min(1.0, max(0.0, (COMMON_ZIPF - zipf) / (COMMON_ZIPF - RARE_ZIPF)))


def surface(term: str, question: Question) -> str:
    """The question's own word behind an analysed term (for messages)."""
    return question.surface.get(term, term)
