"""Question → ranked quotes → :class:`Answer` (or an explicit no-answer).

1. Read the question (:mod:`index.question`): search terms, answer type, speaker.
2. Correct terms the library has never seen (:mod:`index.typos`).
3. "What did X say": X's sentences in article order, ahead of sentences that only
   mention X (:mod:`index.speakers`).
4. Otherwise BM25 over sentences (the score shown), plus their paragraph's BM25 as
   context; the best candidates also get their BM25 within their own article (what
   sets a sentence apart from its neighbours, not the article's subject) and a bonus for
   holding the wanted answer type.
5. Abstain when the best sentence covers too little of the question's informative
   content: a share of IDF mass, so the threshold does not depend on library size.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping, Sequence
from dataclasses import dataclass, replace

import numpy as np
from numpy.typing import NDArray

from .answer_types import answer_type_strength
from .bm25 import best_positions
from .models import Answer, Quote
from .question import AnswerType, Question, parse_question
from .retriever import Retriever
from .small_talk import is_small_talk
from .speakers import SpeakerDirectory
from .typos import Correction, TermCorrector

MAX_QUESTION_CHARS = 500
# The work one question may ask for, whatever it holds. A question is ranked on the
# library's one thread, so every other server's answers wait behind it: its length alone
# does not bound the work (a 480-character list of speaker surnames made the speaker
# lookup compare every speaker with every word). Real questions stay well inside these
# (squad-dev: at most 17 distinct terms, 6 speaker words).
MAX_QUERY_TERMS = 32  # distinct search terms ranked (the first ones asked)
MAX_SPEAKER_WORDS = 6  # words naming a speaker (the last ones: the surname comes last)
MAX_CORRECTED_TERMS = 8  # distinct unknown terms looked up in the vocabulary for typos
POOL = 30  # BM25 candidates that the later stages may reorder
PARAGRAPH_WEIGHT = 1.0
ARTICLE_POOL = 10  # the best candidates scored within their article (squad-dev: same as 30)
ARTICLE_WEIGHT = 0.5  # squad-dev P@1 +0.6 points (0.25-1.0 all help; 2.0 hurts)
# A sentence holding the kind of answer asked for gets its score raised by this share.
TYPE_BONUS = {
    AnswerType.NUMBER: 0.2,
    AnswerType.DATE: 0.2,
    AnswerType.DURATION: 0.2,
    AnswerType.PERSON: 0.05,  # capitalised pairs are common: a tie-breaker only
}
# Abstention. A question whose informative content is mostly unknown to the library
# ("How tall is the Eiffel Tower?") is not answered; nor is one whose best sentence covers
# under a quarter of it. On squad-dev (all answerable) this abstains on 7 of 5,665 questions.
MAX_UNKNOWN_SHARE = 0.5
MIN_COVERAGE = 0.25


# Quotes for sentence ids, in that order (ids removed meanwhile are left out).
Fetch = Callable[[Sequence[int]], Awaitable[list[Quote]]]
# (question, candidate ids in lexical order, their scores) -> new scores (index/semantic.py).
Rerank = Callable[[str, Sequence[int], Mapping[int, float]], dict[int, float]]


@dataclass(frozen=True)
class AnswerContext:
    index: Retriever
    fetch: Fetch
    speakers: SpeakerDirectory | None = None
    visible: Callable[[str], bool] = lambda _article_id: True
    corrector: TermCorrector | None = None
    rerank: Rerank | None = None


def term_weights(terms: Sequence[str], index: Retriever) -> dict[str, float]:
    """How informative each query term is in this library.

    A term the library lacks counts as the most informative kind (IDF of a term found
    once): a question about something absent should not be answered from what is left.
    """
    unknown = index.max_idf() or 1.0
    return {t: (index.idf(t) if t in index else unknown) for t in dict.fromkeys(terms)}


def bounded(question: Question) -> Question:
    """The question with at most :data:`MAX_QUERY_TERMS` distinct search and topic terms
    and :data:`MAX_SPEAKER_WORDS` speaker words, so that no question costs more than a
    long ordinary one."""

    def first_distinct(terms: list[str]) -> list[str]:
        keep = set(list(dict.fromkeys(terms))[:MAX_QUERY_TERMS])
        return [t for t in terms if t in keep]

    return replace(
        question,
        terms=first_distinct(question.terms),
        topic_terms=first_distinct(question.topic_terms),
        speaker=question.speaker[-MAX_SPEAKER_WORDS:],
    )


async def _corrected(
    question: Question, ctx: AnswerContext
) -> tuple[list[str], list[str], dict[str, Correction]]:
    """(search terms, terms for the coverage check, corrections made). Each distinct
    unknown term is looked up once, and at most :data:`MAX_CORRECTED_TERMS` of them."""
    index = ctx.index
    corrections: dict[str, Correction] = {}
    looked_up: dict[str, Correction | None] = {}
    search: list[str] = []
    check: list[str] = []
    for term in question.terms:
        fix = looked_up.get(term)
        fresh = term not in looked_up and len(looked_up) < MAX_CORRECTED_TERMS
        if fresh and ctx.corrector and term not in index:
            word = question.surface.get(term, term)
            fix = await ctx.corrector.fix(word, term, index, index.version, ctx.fetch)
            looked_up[term] = fix
        if fix:
            corrections[term] = fix
            search.extend(fix.terms)
            check.append(fix.terms[0])
        else:
            search.append(term)
            check.append(term)
    return search, check, corrections


def _surface(term: str, question: Question) -> str:
    """The question's own word behind an analysed term (for messages)."""
    return question.surface.get(term, term)


async def answer_question(question: str, ctx: AnswerContext, k: int = 3) -> Answer:
    text = " ".join(question.split())
    if not text:
        return Answer(question=question, note="The question is empty.")
    if len(text) > MAX_QUESTION_CHARS:
        return Answer(
            question=question[:MAX_QUESTION_CHARS],
            note=f"The question is too long; ask in under {MAX_QUESTION_CHARS} characters.",
        )
    if is_small_talk(text, ctx.index):
        return Answer(question=text, small_talk=True)
    parsed = bounded(parse_question(text))
    if not parsed.terms:
        return Answer(question=text, note="The question has no words to search for.")
    if not len(ctx.index):
        return Answer(question=text, note="The library has no articles yet.")
    terms, check, corrections = await _corrected(parsed, ctx)
    searched_for = (
        ", ".join(f"{_surface(t, parsed)} → {' / '.join(f.shown)}" for t, f in corrections.items())
        if corrections
        else None
    )

    index = ctx.index
    weights = term_weights(check, index)
    ids, bm25, combined = ctx.index.scores(terms, PARAGRAPH_WEIGHT)

    spoken: list[Quote] = []
    if parsed.speaker and ctx.speakers is not None:
        spoken = await _attributed(parsed, ctx, ids, bm25, k)
        if len(spoken) >= k:
            return Answer(question=text, quotes=spoken, searched_for=searched_for)

    unknown = [t for t in weights if t not in index]
    if not spoken and sum(weights[t] for t in unknown) >= MAX_UNKNOWN_SHARE * sum(weights.values()):
        missing = ", ".join(_surface(t, parsed) for t in unknown)
        return Answer(
            question=text, searched_for=searched_for,
            note=f"The library does not mention: {missing}.",
        )  # fmt: skip
    if not len(ids):
        return Answer(
            question=text,
            quotes=spoken,
            searched_for=searched_for,
            note=None if spoken else "Nothing in the library matches the question.",
        )
    order = best_positions(ids, combined, POOL)
    pool = ids[order].tolist()
    final = dict(zip(pool, combined[order].tolist(), strict=True))
    top = order[:ARTICLE_POOL]
    within = ARTICLE_WEIGHT * index.article_scores(terms, ids[top])
    for sid, extra in zip(ids[top].tolist(), within.tolist(), strict=True):
        final[sid] += extra
    bm25_of = dict(zip(pool, bm25[order].tolist(), strict=True))
    pool.sort(key=lambda sid: (-final[sid], sid))
    if ctx.rerank is not None:  # hybrid ranking: reorders the pool, never changes its members
        final = ctx.rerank(text, pool, final)
        pool.sort(key=lambda sid: (-final[sid], sid))
    # Coverage is checked in memory (the index keeps each sentence's terms), so only the
    # sentences that will be shown are read from the database.
    total = sum(weights.values()) or 1.0
    seen = {q.sentence_id for q in spoken}
    covered = [
        sid for sid in pool
        if sid not in seen and index.coverage(sid, weights) >= MIN_COVERAGE * total
    ]  # fmt: skip
    bonus = TYPE_BONUS.get(parsed.answer_type, 0.0)
    if bonus and covered:
        quotes = await ctx.fetch(covered)
        for quote in quotes:
            strength = answer_type_strength(quote.text, parsed.answer_type, parsed.question_words)
            final[quote.sentence_id] *= 1 + bonus * strength
        quotes.sort(key=lambda q: (-final[q.sentence_id], q.sentence_id))
        quotes = quotes[:k]
    else:
        quotes = await ctx.fetch(covered[: k - len(spoken) + 2])
    if not quotes and not spoken:
        return Answer(
            question=text,
            searched_for=searched_for,
            note="No sentence in the library answers this question.",
        )
    # After X's own words come the sentences that only mention X.
    quotes = spoken + [replace(q, score=bm25_of[q.sentence_id]) for q in quotes]
    return Answer(question=text, quotes=quotes[:k], searched_for=searched_for)


async def _attributed(
    parsed: Question,
    ctx: AnswerContext,
    ids: NDArray[np.int64],
    bm25: NDArray[np.float64],
    k: int,
) -> list[Quote]:
    """X's own sentences for "what did X say (about Y)", in article order.

    With a topic, sentences about it come first. Returns [] when X speaks nowhere in the
    library, so the question is answered (or abstained on) like any other.
    """
    assert ctx.speakers is not None
    speakers = ctx.speakers.find(parsed.speaker, ctx.visible)
    if not speakers:
        return []
    spoken = sorted({sid for s in speakers for sid in ctx.speakers.sentences(s)})
    topic: dict[int, float] = {}
    if parsed.topic_terms:
        t_ids, t_scores = ctx.index.sentence_scores(parsed.topic_terms)
        topic = dict(zip(t_ids.tolist(), t_scores.tolist(), strict=True))
    spoken.sort(key=lambda sid: (-topic.get(sid, 0.0), sid))
    shown = spoken[:k]
    mask = np.isin(ids, shown)
    bm25_of = dict(zip(ids[mask].tolist(), bm25[mask].tolist(), strict=True))
    found = await ctx.fetch(shown)
    return [replace(q, score=bm25_of.get(q.sentence_id, 0.0)) for q in found]
