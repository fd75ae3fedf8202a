"""Dense recall: the answering sentence that shares no informative word with the question.

BM25 chooses answering's candidates, and the semantic model only reorders them
(index/semantic.py). A member's paraphrase can share nothing but the article's subject
with the sentence that answers it ("who was the guy who passed away" against "The man
who died was …"): that sentence never reaches the pool, and the bot quotes a lexical
near-miss instead.

Names and subjects are what BM25 gets right, so it still says which articles the question
is about: the articles of the best candidates that may be shown. Every sentence of the
first :data:`DENSE_ARTICLES` of them (at most :data:`DENSE_READ` each, whatever the
library's size) is compared with the question by meaning, from the stored vectors read
for this question alone, so memory does not grow with the library and the work per
question is bounded.

A sentence BM25 found but answering's filters dropped (too little of the question's
words) is recalled the same way. A sentence found only this way is evidence of a weaker kind: a
sentence of the right article is often fairly close to any question about its subject.
So it is put first only when it is clearly closer to the question than *every* lexical
candidate (a margin over the best of them, not an absolute cosine), and it never counts
for declining: answering decides whether to answer on the lexical evidence exactly as
before, and only then may a dense-only sentence take the first place
(:func:`closer_in_meaning`). Without vectors (model missing, semantic ranking off,
vectors not computed yet) nothing changes.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping, Sequence

import numpy as np

from .retriever import Retriever

# The articles of the best candidates whose sentences are all compared with the question,
# and the most sentences read from each: the bound on the work per question.
DENSE_ARTICLES = 2
DENSE_READ = 400
# A dense-only sentence answers first only when its cosine with the question beats every
# lexical candidate's by this much (chosen on the dev sets; see the report in the README).
DENSE_MARGIN = 0.1

# (question, sentence ids) -> cos(question, sentence) of those with a vector.
Similarity = Callable[[str, Sequence[int]], Mapping[int, float]]


def leading_articles(order: Sequence[int], index: Retriever, n: int = DENSE_ARTICLES) -> list[int]:
    """The articles (first sentence ids) of the best candidates in ``order``, best first,
    at most ``n``."""
    if not order or n <= 0:
        return []
    articles = index.article_of(np.array(order, dtype=np.int64)).tolist()
    return list(dict.fromkeys(articles))[:n]


def closer_in_meaning(
    question: str,
    order: Sequence[int],
    pool: Sequence[int],
    index: Retriever,
    similarity: Similarity,
) -> int | None:
    """A sentence of the leading articles that is not among the candidates that may be
    shown, and that is clearly closer to ``question`` in meaning than every other lexical
    candidate; or None.

    ``order``: the candidates that may be shown, best first (they choose the articles);
    ``pool``: every lexical candidate (the rivals, but those recalled: see
    :func:`lexical_rivals`). None when the candidates have no vectors: a comparison with
    nothing proves nothing.
    """
    articles = leading_articles(order, index)
    own = [
        sid for article in articles for sid in index.article_sentences(article, DENSE_READ).tolist()
    ]
    shown = set(order)
    recalled = [sid for sid in own if sid not in shown]
    if not recalled:
        return None
    rivals = lexical_rivals(order, pool, recalled)
    cosines = similarity(question, list(dict.fromkeys([*recalled, *rivals])))
    rival = max((cosines[sid] for sid in rivals if sid in cosines), default=None)
    scored = [(cosines[sid], -sid) for sid in recalled if sid in cosines]
    if rival is None or not scored:
        return None
    best, negated = max(scored)
    return -negated if best >= rival + DENSE_MARGIN else None


def lexical_rivals(order: Sequence[int], pool: Sequence[int], recalled: Sequence[int]) -> list[int]:
    """The lexical candidates a recalled sentence must be clearly closer than: every one
    but the recalled sentences themselves. A sentence of the leading articles that BM25
    found but answering's filters dropped (it holds too little of the question's words, or
    scores far below the first) is recalled like one BM25 never found: as its own rival
    it could never be put first, however clearly it is the closest in meaning."""
    dropped = set(recalled)
    return [sid for sid in pool if sid not in dropped]


def closest_unshown(
    question: str,
    shown: Sequence[int],
    index: Retriever,
    similarity: Similarity,
    n: int,
    excluded: Collection[int] = (),
) -> list[int]:
    """The ``n`` sentences of the first shown quote's article closest to ``question`` in
    meaning, closest first, that are neither shown nor ``excluded``; [] without vectors.

    A reply showing fewer quotes than asked for has room for later ones, and the sentence
    answering a paraphrase shares no word with it: BM25 never offers it, but it is often
    among the closest in meaning in the article the first quote comes from."""
    if not shown or n <= 0:
        return []
    article = leading_articles(shown[:1], index, 1)[0]
    skip = {*shown, *excluded}
    own = [sid for sid in index.article_sentences(article, DENSE_READ).tolist() if sid not in skip]
    return _closest(question, own, similarity, n)


def closest_of_leading(
    question: str,
    order: Sequence[int],
    excluded: Collection[int],
    index: Retriever,
    similarity: Similarity,
    n: int,
) -> list[int]:
    """The ``n`` sentences of the leading articles of ``order`` (:func:`leading_articles`)
    closest to ``question`` in meaning, closest first, but the ``excluded`` (the lexical
    candidates, already judged); [] without vectors.

    They are the paraphrases BM25 cannot offer, for the learned reranker to judge beside
    the lexical candidates (index/answering.py ``_judged_first``)."""
    if n <= 0:
        return []
    own = [
        sid
        for article in leading_articles(order, index)
        for sid in index.article_sentences(article, DENSE_READ).tolist()
        if sid not in excluded
    ]
    return _closest(question, own, similarity, n)


def _closest(question: str, own: Sequence[int], similarity: Similarity, n: int) -> list[int]:
    """The ``n`` of ``own`` closest to ``question`` in meaning, closest first (ties by id,
    so the order is the same on every run)."""
    if not own:
        return []
    cosines = similarity(question, list(own))
    return [sid for _, sid in sorted((-cosines[sid], sid) for sid in own if sid in cosines)[:n]]
