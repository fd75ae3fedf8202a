"""Words that stand before a person's name and are not part of it: titles ("Foreign
Minister", "Mayor") and demonyms ("Russian", "British"). Shared by who-speaks-where
(``index/attribution.py``) and by the answer types (``index/answer_types.py``: a sentence
holding a two-word name answers "who").
"""

from __future__ import annotations

TITLE_WORDS = frozenset(
    """
    president minister secretary spokesperson spokesman spokeswoman chancellor prime foreign
    defence defense interior finance general senator governor mayor king queen prince
    princess pope chief director ceo chairman chairwoman chair leader ambassador commander
    judge justice dr mr mrs ms sir lord lady state vice deputy former acting us uk eu un
    official envoy adviser advisor head speaker representative rep sen gov coach captain
    """.split()
)

_DEMONYM_ENDINGS = ("ian", "ean", "ese", "ish", "can")


def is_demonym(folded: str) -> bool:
    """ "russian", "chinese", "british", "american": a folded word naming where one is from."""
    return folded.endswith(_DEMONYM_ENDINGS)
