"""The learned reranker's first choice among the candidates the coverage filter dropped.

Answering shows only candidates holding enough of the question's words
(``MIN_COVERAGE`` in index/answering.py): that filter decides whether to answer, and it
was tuned for it. But the learned reranker (index/learned_rank.py) scores every BM25
candidate, the dropped ones included, on the sentence's meaning, its paragraph and the
article as well as its words. A member's question often says in its own words what the
answering sentence says in others ("how many went to hospital" against "Eleven people
were taken to the Regional Hospital"): the sentence holds one of the question's words,
the reranker puts it first, and the filter drops it for a near-miss holding more words.

So once the question is to be answered, the candidate the reranker ranks above every
admitted one is shown first even when it holds too little of the question's words, as
long as its article is one that may be shown. Whether to answer is unchanged: it stays
the admitted candidates' decision.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence


def learned_pick(
    order: Sequence[int],
    candidates: Sequence[int],
    passes: Mapping[int, bool],
    key: Mapping[int, float],
    excluded: Collection[int] = (),
) -> int | None:
    """The candidate of ``candidates`` (every lexical candidate) that is not in
    ``order`` (those admitted, best first), whose article may be shown (``passes``) and
    whose learned score ``key`` beats the first of ``order``'s; the best such, or None."""
    if not order:
        return None
    shown = set(order)
    lead = key[order[0]]
    rivals = [
        sid
        for sid in candidates
        if sid not in shown and sid not in excluded and passes.get(sid, False) and key[sid] > lead
    ]
    if not rivals:
        return None
    return max(rivals, key=lambda sid: (key[sid], -sid))
