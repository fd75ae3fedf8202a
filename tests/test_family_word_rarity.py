"""A question word the library holds only as its family ("wildfire": fire) is as rare as
itself when a yes/no question's claim is checked (:func:`_unmatched`): "is the college
closing campus for wildfire smoke" claims a wildfire, and an article that never speaks of
one does not say it, though "fire" is too common a word to check."""

from __future__ import annotations

from index.answer_context import rarity
from index.answering import UNMATCHED_RARITY, Slot, _lemma_rarity


def test_a_word_searched_as_its_family_is_as_rare_as_itself() -> None:
    slot = Slot("wildfire", ("fire",), True, 1.0, rarity("fire"), family=True)
    assert rarity("fire") < UNMATCHED_RARITY <= _lemma_rarity(slot)


def test_a_typo_and_a_plain_word_keep_their_rarity() -> None:
    # a misspelling is no English word: it is as rare as the word meant
    typo = Slot("tution", ("tuition",), True, 1.0, rarity("tuition"))
    assert _lemma_rarity(typo) == rarity("tuition")
    plain = Slot("fire", ("fire",), True, 1.0, rarity("fire"))
    assert _lemma_rarity(plain) == rarity("fire") < UNMATCHED_RARITY
