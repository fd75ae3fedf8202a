from __future__ import annotations

from index.bm25 import BM25Index
from index.typos import TermCorrector, max_edits


def index_of(*terms: str) -> BM25Index:
    index = BM25Index()
    index.add((i, [t]) for i, t in enumerate(terms))
    return index


def test_close_misspelling_is_corrected() -> None:
    index = index_of("peskov", "prison", "zelenskiy", "zelenski")
    corrector = TermCorrector()
    assert corrector.correct("peskow", index, 0) == ["peskov"]
    assert sorted(corrector.correct("zelenskyy", index, 0)) == ["zelenski", "zelenskiy"]


def test_known_short_and_distant_terms_are_left_alone() -> None:
    index = index_of("peskov", "job", "weather")
    corrector = TermCorrector()
    assert corrector.correct("peskov", index, 0) == []  # known
    assert corrector.correct("joe", index, 0) == []  # too short to guess
    assert corrector.correct("pizza", index, 0) == []  # nothing close
    assert max_edits("whether") == 1 and max_edits("negotiatons") == 2


def test_derivation_of_a_known_term() -> None:
    index = index_of("agreement", "talk")
    assert TermCorrector().correct("agre", index, 0) == ["agreement"]


def test_cache_follows_the_index_version() -> None:
    index = index_of("alpha")
    corrector = TermCorrector()
    assert corrector.correct("betta", index, 0) == []
    index.add([(9, ["beta"])])
    assert corrector.correct("betta", index, 1) == ["beta"]
