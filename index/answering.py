"""Question → ranked quotes → :class:`Answer` (or an explicit no-answer).

BM25 is the first stage and the score shown; everything after it only reorders its
candidates or decides not to answer.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, replace

from .analyze import analyze
from .bm25 import BM25Index
from .models import Answer, Quote

MAX_QUESTION_CHARS = 500
POOL = 50  # BM25 candidates that the later stages may reorder
MIN_COVERAGE = 0.5


@dataclass(frozen=True)
class Candidate:
    quote: Quote
    terms: tuple[str, ...]


Fetch = Callable[[Sequence[int]], Awaitable[list[Candidate]]]


@dataclass(frozen=True)
class AnswerContext:
    index: BM25Index
    fetch: Fetch


def term_weights(terms: Sequence[str], index: BM25Index) -> dict[str, float]:
    """How informative each query term is in this library.

    A term the library lacks counts as the most informative kind (IDF of a term found
    once): a question about something absent should not be answered from what is left.
    """
    unknown = index.max_idf() or 1.0
    return {t: (index.idf(t) if t in index else unknown) for t in dict.fromkeys(terms)}


def coverage(weights: dict[str, float], sentence_terms: Sequence[str]) -> float:
    total = sum(weights.values())
    if total <= 0:
        return 0.0
    present = set(sentence_terms)
    return sum(w for t, w in weights.items() if t in present) / total


async def answer_question(question: str, ctx: AnswerContext, k: int = 3) -> Answer:
    text = " ".join(question.split())
    if not text:
        return Answer(question=question, note="The question is empty.")
    if len(text) > MAX_QUESTION_CHARS:
        return Answer(
            question=question[:MAX_QUESTION_CHARS],
            note=f"The question is too long; ask in under {MAX_QUESTION_CHARS} characters.",
        )
    terms = analyze(text)
    if not terms:
        return Answer(question=text, note="The question has no words to search for.")
    if not len(ctx.index):
        return Answer(question=text, note="The library has no articles yet.")
    hits = ctx.index.top(terms, POOL)
    if not hits:
        return Answer(question=text, note="Nothing in the library matches the question.")
    scores = dict(hits)
    candidates = await ctx.fetch([sid for sid, _ in hits])
    weights = term_weights(terms, ctx.index)
    kept = [c for c in candidates if coverage(weights, c.terms) >= MIN_COVERAGE]
    if not kept:
        return Answer(question=text, note="No sentence in the library answers this question.")
    quotes = [replace(c.quote, score=scores[c.quote.sentence_id]) for c in kept[:k]]
    return Answer(question=text, quotes=quotes)
