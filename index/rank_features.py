"""Features of the ranking candidates, for the learned reranker (index/learned_rank.py).

Answering's pool (the thirty best BM25 candidates of a question) is reordered by a
linear score over what is already known about each candidate: its lexical scores and
their parts, its cosines with the question (sentence and paragraph) and their gap to the
pool's best, the share of the question's words it and its paragraph hold, how much of
the question its article holds, whether it holds the kind of answer asked for, where it
stands in its article, how long it is and whether someone is quoted in it, and what a
topic sentence (the lede) lacks: its cosine with the question once the article's topic is
taken out of both, and the share it holds of the question's words few of its article's
sentences hold. Each feature
is scaled within the pool or to 0..1, so that a weight means the same for a library of
five articles and one of five thousand.

Plain numpy; everything here is computed from the pool alone (no database, no model):
answering passes the topic cosines (index/semantic.py ``topic_free_cosines``) and the
words' in-article shares (index/answering.py ``_topical``) in it.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from .analyze import is_informative, stem, words
from .answer_types import answer_type_strength, evidence_positions, evidence_tokens
from .question import AnswerType, Question

# The features read from the pool, in the order of a row of :func:`base_features`.
BASE_FEATURES: tuple[str, ...] = (
    "lexical",  # the lexical score (with every bonus) / the pool's best
    "lexical_rank",  # log(1 + place in the lexical order) / log(1 + pool size)
    "base",  # sentence + paragraph BM25 / the pool's best
    "within",  # BM25 within the candidate's own article / the pool's best
    "phrase",  # phrase bonus / the question's weight
    "context",  # the whole article's BM25 / the pool's best
    "cos_sentence",  # cos(question, sentence)
    "cos_paragraph",  # cos(question, paragraph)
    "cos_sentence_gap",  # cos(sentence) - the pool's best
    "cos_paragraph_gap",  # cos(paragraph) - the pool's best
    "cos_sentence_rank",  # log(1 + place by cos(sentence)) / log(1 + pool size)
    "cos_paragraph_rank",  # log(1 + place by cos(paragraph)) / log(1 + pool size)
    "held_sentence",  # share of the question's weight the sentence holds
    "held_paragraph",  # share held only by its paragraph
    "held_known",  # share of the weight of the question's known words the sentence holds
    "article_share",  # share of the question's known words the article holds
    "article_share_gap",  # that share - the best article's
    "type_number",  # holds a figure, asked "how many / how much"
    "type_date",  # holds a date or a time of day, asked "when / what time"
    "type_duration",  # holds a duration, asked "how long"
    "type_other",  # holds a name / place / cause, asked for one
    "typed_without",  # asked for a kind of answer it does not hold
    "figure",  # states a figure (a number, date, duration or quantifier)
    "says_asked",  # says what "how many X / how much does X cost / how old" asks
    "lede",  # in the article's first paragraph (paragraphs count from 1)
    "paragraph_log",  # log(1 + paragraph number)
    "length_log",  # log(1 + words)
    "spoken",  # someone is quoted in it
    "spoken_polar",  # quoted, in answer to a yes/no question
    "polar_held",  # share held, for a yes/no question
    "polar_cos",  # cos(sentence), for a yes/no question
    # The kind of answer asked, read more broadly than the type_* above (a cue word of a
    # reason, a means, a place; index/answer_types.py ``evidence_positions``):
    "cue_reason",  # holds a cue of a reason, asked "why"
    "cue_means",  # holds a cue of a means ("through", "by"), asked "how did / how do"
    "cue_place",  # holds a place (a named one after "in/at", or a place noun), "where"
    "cue_person",  # holds a two-word name, asked "who"
    "cue_near",  # such evidence within NEAR words of one of the question's own words
    "cue_without",  # asked for a kind of answer, and holds no evidence of it at all
    "first_sentence",  # the article's first sentence
    "lede_cue_without",  # in the first paragraph, and holds no evidence of the kind asked
    "novel_share",  # share of its informative words the question does not hold
    # What a topic sentence (the lede) lacks: the question beyond the article's topic.
    "cos_topic_free",  # cos(question, sentence), their topic taken out (index/semantic.py)
    "cos_topic_free_gap",  # that - the pool's best
    "topicality",  # cos(sentence, its topic): how much it says what the pool all says
    "held_specific",  # share held of the question's weight, a word weighed by how few of
    # its article's sentences hold it (1 - in-article document frequency)
    "held_topical",  # share held of the weight of the words many of its sentences hold
    "specific_gap",  # held_specific - the pool's best
    "lede_unspecific",  # in the first paragraph, times 1 - held_specific
    "counts_beside",  # asked "how many X": a figure stands beside X (in some form)
    "counts_not_beside",  # asked "how many X": holds a figure, none beside X
    # The kind of answer asked, beside what the question asks beyond its topic:
    "cue_near_specific",  # cue_near, by how few of its article's sentences hold the word
    # beside the evidence (1 - in-article share: "starting" beside "Monday" counts, the
    # topic word "recount" beside "30 years" little)
    "cue_near_time",  # cue_near, asked "when / how long" (a date or duration beside)
    "cue_near_count",  # cue_near, asked "how many / how much" (a figure beside)
    # The article's share of the question's specific words (weighed by their rarity in
    # English too; answering's specific-first order) against the best article's:
    "specific_article_gap",  # that share - the best article's
    "specific_article",  # that share is within answering's SPECIFIC_MARGIN of the best
)
# Each of those again, times how much the pool is quoted speech (:func:`quoted`): news
# quotes people, reference text (an encyclopedia, squad-dev) rarely does, and what tells
# the answering sentence from its neighbours differs between them; a linear score learns
# both this way. The features of a row of :func:`features` and of the shipped weights.
QUOTED_SUFFIX = "_quoted"
FEATURES: tuple[str, ...] = (
    *BASE_FEATURES,
    *(name + QUOTED_SUFFIX for name in BASE_FEATURES),
)
TYPE_FEATURE = {
    AnswerType.NUMBER: "type_number",
    AnswerType.DATE: "type_date",
    AnswerType.DURATION: "type_duration",
    AnswerType.PERSON: "type_other",
    AnswerType.PLACE: "type_other",
    AnswerType.REASON: "type_other",
}
_COLUMN = {name: j for j, name in enumerate(BASE_FEATURES)}
# The kinds evidence_positions reads, by the question's answer type.
_CUE_KIND = {
    AnswerType.NUMBER: "number",
    AnswerType.DATE: "date",
    AnswerType.DURATION: "duration",
    AnswerType.PERSON: "person",
    AnswerType.PLACE: "place",
    AnswerType.REASON: "reason",
}
_CUE_FEATURE = {
    "reason": "cue_reason",
    "means": "cue_means",
    "place": "cue_place",
    "person": "cue_person",
}
# answering's SPECIFIC_MARGIN: an article holding this much less of the question's
# specific words than the best one is shown after the others (index/answering.py).
SPECIFIC_MARGIN = 0.6
NEAR = 6  # words between a cue and a question word for "cue_near"
_TIME_KINDS = frozenset({"date", "duration"})
# "how" then one of these asks for a means or a manner ("how did the hackers get in").
_HOW_VERBS = frozenset("did do does can could will would is are was were has have had".split())
_ASKING = frozenset("why where who how when".split())


def asked_kind(question: Question) -> str:
    """The kind of answer ``question`` asks for, as evidence_positions names it, or "":
    its answer type, else "means" for "how did / how do …" (and a wh-word a few words
    in counts: "so why is …", "wait so how did …")."""
    if question.answer_type in _CUE_KIND:
        return _CUE_KIND[question.answer_type]
    if question.polar:
        return ""
    ws = words(question.text)[:5]
    for i, w in enumerate(ws):
        if w in _ASKING:
            if w == "how":
                return "means" if i + 1 < len(ws) and ws[i + 1] in _HOW_VERBS else ""
            return {"why": "reason", "where": "place", "who": "person"}.get(w, "")
    return ""


def _cues(
    text: str, kind: str, question: Question, specific: Mapping[str, float] | None = None
) -> tuple[float, float, float]:
    """(holds evidence of ``kind``, holds it within NEAR words of a question word, the
    most ``specific`` of the question's terms within NEAR words of it: a term's value
    there, 1 for a term it lacks or without it)."""
    found = evidence_positions(text, kind, question.question_words)
    if not found:
        return 0.0, 0.0, 0.0
    terms = set(question.terms)
    tokens = evidence_tokens(text)
    held: list[tuple[int, float]] = []
    for i, tok in enumerate(tokens):
        stems = [stem(w) for w in words(tok) if is_informative(w)]
        mine = [t for t in stems if t in terms]
        if mine:
            held.append((i, max((specific or {}).get(t, 1.0) for t in mine)))
    near = [value for j, value in held if any(abs(i - j) <= NEAR for i in found)]
    return 1.0, 1.0 if near else 0.0, max(near, default=0.0)


def _specific_terms(pool: Pool, candidate: int) -> dict[str, float] | None:
    """Each of the question's terms, 1 - the share of the candidate's article's
    sentences holding its slot (None when the pool knows neither)."""
    topical = pool.topical
    if topical is None or not len(pool.slot_terms) or topical.shape[1] != len(pool.slot_terms):
        return None
    out: dict[str, float] = {}
    for j, terms in enumerate(pool.slot_terms):
        for t in terms:
            out[t] = max(out.get(t, 0.0), 1.0 - float(topical[candidate, j]))
    return out


def _novel_share(text: str, question: Question) -> float:
    """Share of ``text``'s informative words that are none of the question's terms."""
    terms = set(question.terms)
    mine = [stem(w) for w in words(text) if is_informative(w)]
    return sum(t not in terms for t in mine) / len(mine) if mine else 0.0


@dataclass(frozen=True)
class Pool:
    """What answering knows of its candidates, each array in the pool's order."""

    lexical: NDArray[np.float64]  # the lexical score, every bonus included
    base: NDArray[np.float64]  # sentence + paragraph BM25
    within: NDArray[np.float64]  # BM25 within the candidate's article
    phrase: NDArray[np.float64]  # the phrase bonus
    context: NDArray[np.float64]  # the article's BM25 (articles as documents)
    held: NDArray[np.float64]  # candidates x slots: 1 held, PARAGRAPH_CREDIT paragraph only
    weights: NDArray[np.float64]  # the slots' weights
    known: NDArray[np.bool_]  # the slots the library knows
    share: NDArray[np.float64]  # the share of the question its article holds
    best_share: float
    cos_sentence: NDArray[np.float64]
    cos_paragraph: NDArray[np.float64]
    texts: Sequence[str]
    spoken: Sequence[bool]  # a speaker is recorded for the sentence
    paragraph: Sequence[int]  # its paragraph's number in the article, from 1
    figure: Sequence[bool]  # states a figure (answering's ``_states_a_figure``)
    says_asked: Sequence[bool]  # says what a "how many X"-like question asks (or not asked)
    sentence: Sequence[int] = ()  # its number in the article, from 1 (unknown: none)
    # cos(question, sentence) with their topic taken out, and cos(sentence, topic)
    # (index/semantic.py ``topic_free_cosines``; unknown: none, the features are 0)
    cos_topic_free: Sequence[float] = ()
    topicality: Sequence[float] = ()
    # candidates x slots: the share of the candidate's article's sentences holding the
    # slot (unknown: none, every word counts as specific)
    topical: NDArray[np.float64] | None = None
    # asked "how many X": a figure stands beside X (answering's counts_what_is_asked,
    # the figure's own words only; unknown or not asked: none)
    counts_beside: Sequence[bool] = ()
    # The terms of each slot (the columns of ``held`` and ``topical``; unknown: none, and
    # every question word counts as specific for "cue_near_specific")
    slot_terms: Sequence[Sequence[str]] = ()
    # The share of the question's specific words the candidate's article holds, and the
    # best article's (answering's ``_article_shares(specific=True)``; unknown: none)
    specific_share: Sequence[float] = ()
    best_specific_share: float = 0.0


def _scaled(values: NDArray[np.float64]) -> NDArray[np.float64]:
    """Divided by the pool's largest (unchanged when that is not positive)."""
    top = float(values.max()) if len(values) else 0.0
    return values / top if top > 0 else values.copy()


def _rank(values: NDArray[np.float64]) -> NDArray[np.float64]:
    """log(1 + each one's place, best first) / log(1 + how many): 0 for the best."""
    n = len(values)
    order = np.argsort(-values, kind="stable")
    rank = np.empty(n, dtype=np.float64)
    rank[order] = np.arange(n, dtype=np.float64)
    return np.log1p(rank) / math.log1p(max(n, 1))


def quoted(rows: NDArray[np.float64]) -> float:
    """How much of a pool is quoted speech, 0..1: twice the share of its candidates that
    quote someone (about half do in news), at most 1. ``rows``: :func:`base_features`."""
    if not len(rows):
        return 0.0
    return min(1.0, 2.0 * float(rows[:, _COLUMN["spoken"]].mean()))


def with_quoted(rows: NDArray[np.float64]) -> NDArray[np.float64]:
    """:func:`base_features` rows with their :data:`FEATURES` columns added: each again,
    times :func:`quoted` of the pool."""
    return np.hstack([rows, rows * quoted(rows)])


def features(pool: Pool, question: Question) -> NDArray[np.float64]:
    """One row per candidate, columns :data:`FEATURES`."""
    return with_quoted(base_features(pool, question))


def base_features(pool: Pool, question: Question) -> NDArray[np.float64]:
    """One row per candidate, columns :data:`BASE_FEATURES`."""
    n = len(pool.lexical)
    out = np.zeros((n, len(BASE_FEATURES)), dtype=np.float64)
    if not n:
        return out

    def put(name: str, values: NDArray[np.float64] | Sequence[float] | float) -> None:
        out[:, _COLUMN[name]] = values

    put("lexical", _scaled(pool.lexical))
    put("lexical_rank", _rank(pool.lexical))
    put("base", _scaled(pool.base))
    put("within", _scaled(pool.within))
    total = float(pool.weights.sum()) or 1.0
    put("phrase", pool.phrase / total)
    put("context", _scaled(pool.context))
    put("cos_sentence", pool.cos_sentence)
    put("cos_paragraph", pool.cos_paragraph)
    put("cos_sentence_gap", pool.cos_sentence - pool.cos_sentence.max())
    put("cos_paragraph_gap", pool.cos_paragraph - pool.cos_paragraph.max())
    put("cos_sentence_rank", _rank(pool.cos_sentence))
    put("cos_paragraph_rank", _rank(pool.cos_paragraph))
    if pool.held.size:
        held = (pool.held >= 1.0).astype(np.float64) @ pool.weights / total
        near = ((pool.held > 0) & (pool.held < 1.0)).astype(np.float64) @ pool.weights / total
    else:
        held = near = np.zeros(n, dtype=np.float64)
    put("held_sentence", held)
    put("held_paragraph", near)
    known = float(pool.weights[pool.known].sum()) if pool.held.size else 0.0
    put("held_known", held * total / known if known > 0 else 0.0)
    put("article_share", pool.share)
    put("article_share_gap", pool.share - pool.best_share)
    kind = question.answer_type
    if kind in TYPE_FEATURE:
        strength = np.array(
            [answer_type_strength(t, kind, question.question_words) for t in pool.texts]
        )
        put(TYPE_FEATURE[kind], strength)
        put("typed_without", 1.0 - strength)
    put("figure", np.array(pool.figure, dtype=np.float64))
    put("says_asked", np.array(pool.says_asked, dtype=np.float64))
    paragraph = np.array(pool.paragraph, dtype=np.float64)
    put("lede", (paragraph <= 1).astype(np.float64))
    put("paragraph_log", np.log1p(np.maximum(paragraph, 0)))
    put("length_log", np.log1p([len(t.split()) for t in pool.texts]))
    spoken = np.array(pool.spoken, dtype=np.float64)
    put("spoken", spoken)
    if question.polar:
        put("spoken_polar", spoken)
        put("polar_held", held)
        put("polar_cos", pool.cos_sentence)
    cue = asked_kind(question)
    lede = (paragraph <= 1).astype(np.float64)
    if cue:
        found = np.array(
            [_cues(t, cue, question, _specific_terms(pool, c)) for c, t in enumerate(pool.texts)],
            dtype=np.float64,
        )
        if cue in _CUE_FEATURE:
            put(_CUE_FEATURE[cue], found[:, 0])
        put("cue_near", found[:, 1])
        put("cue_without", 1.0 - found[:, 0])
        put("lede_cue_without", lede * (1.0 - found[:, 0]))
        put("cue_near_specific", found[:, 2])
        if cue in _TIME_KINDS:
            put("cue_near_time", found[:, 1])
        elif cue == "number":
            put("cue_near_count", found[:, 1])
    if len(pool.specific_share) == n:
        own = np.array(pool.specific_share, dtype=np.float64)
        put("specific_article_gap", own - pool.best_specific_share)
        put(
            "specific_article",
            (own >= pool.best_specific_share - SPECIFIC_MARGIN).astype(np.float64),
        )
    if len(pool.sentence) == n:
        put("first_sentence", (np.array(pool.sentence) == 1).astype(np.float64))
    put("novel_share", np.array([_novel_share(t, question) for t in pool.texts]))
    if len(pool.cos_topic_free) == n and len(pool.topicality) == n:
        free = np.array(pool.cos_topic_free, dtype=np.float64)
        put("cos_topic_free", free)
        put("cos_topic_free_gap", free - free.max())
        put("topicality", np.array(pool.topicality, dtype=np.float64))
    if pool.held.size:
        topical = pool.topical
        if topical is None or topical.shape != pool.held.shape:
            topical = np.zeros(pool.held.shape, dtype=np.float64)
        specific_w = pool.weights[None, :] * (1.0 - topical)
        topical_w = pool.weights[None, :] * topical
        whole = (pool.held >= 1.0).astype(np.float64)
        specific = (whole * specific_w).sum(axis=1) / np.maximum(specific_w.sum(axis=1), 1e-9)
        on_topic = (whole * topical_w).sum(axis=1) / np.maximum(topical_w.sum(axis=1), 1e-9)
        put("held_specific", specific)
        put("held_topical", on_topic)
        put("specific_gap", specific - specific.max())
        put("lede_unspecific", lede * (1.0 - specific))
    if len(pool.counts_beside) == n:
        beside = np.array(pool.counts_beside, dtype=np.float64)
        put("counts_beside", beside)
        put("counts_not_beside", (1.0 - beside) * np.array(pool.figure, dtype=np.float64))
    return out
