"""A member's acronym for a body the articles name in full: "mta" for the Metropolitan
Transit Authority, "hea" for the Harlow Education Association.

Why: news writes a body's name out ("the Metropolitan Transit Authority's chief operating
officer") and then calls it "the authority"; members type the letters. The letters are no
term of the library, so the question was declined ("The library does not mention: mta")
or searched without its subject. The table maps the initials of every body the articles
name (a name of two words or more that ends or opens with a body's noun) to that name,
per article, so that answering can ask such a question again with the name's words
(index/answering.py ``answer_question``). A person's name never has an acronym here
("Dana Ortiz" is no "do").
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable

from wordfreq import zipf_frequency

from .analyze import fold
from .attribution_patterns import ORGANISATION_NOUNS

# Letters of an acronym read: two-letter ones ("rn", "ok", "ya") are too often chat.
MIN_LETTERS = 3
MAX_LETTERS = 6
# Words a body's acronym leaves out ("Department *of* Health", "Bureau *for* …").
_SKIPPED = frozenset("of the and for & on in at to".split())


def _noun(word: str) -> str:
    """A name's word as a body's noun may spell it: "Centers" → "center"."""
    folded = fold(word).strip(".")
    return folded[:-1] if folded.endswith("s") and folded[:-1] in ORGANISATION_NOUNS else folded


def initials(name: str) -> set[str]:
    """The acronyms of a body's name: its words' first letters, past "the", "and" … and
    with or without "of" ("Department of Transportation": dot, dt); a hyphenated word
    gives one letter or one per part ("Tri-County Bridge Authority": tba, tcba). A body's
    name is two capitalised words or more, one of them a body's noun ("Federal Bureau of
    Investigation", "Centers for Disease Control"); empty for any other name ("Dana
    Ortiz"). The one definition both the speakers' roles (index/attribution.py) and the
    members' acronyms read."""
    words = [w for w in name.split() if fold(w) not in _SKIPPED]
    if len(words) < 2 or not all(w[:1].isupper() for w in words):
        return set()
    if not any(_noun(w) in ORGANISATION_NOUNS for w in words):
        return set()
    short = "".join(fold(w)[0] for w in words)
    parted = "".join(fold(p)[0] for w in words for p in w.split("-") if p)
    # "Department of Transportation": DOT as often as DT
    of = "".join(fold(w)[0] for w in name.split() if fold(w) == "of" or fold(w) not in _SKIPPED)
    found = {short, parted, of}
    return {a for a in found if MIN_LETTERS <= len(a) <= MAX_LETTERS and a.isalpha()}


class AcronymTable:
    """Acronym → the bodies' names it stands for, counted over the articles naming them."""

    def __init__(self) -> None:
        self._names: dict[str, Counter[str]] = {}
        self._by_article: dict[str, list[tuple[str, str]]] = {}

    def add_article(self, article_id: str, names: list[str]) -> None:
        self.remove_article(article_id)
        pairs = [(a, n) for n in dict.fromkeys(names) for a in sorted(initials(n))]
        for acronym, name in pairs:
            self._names.setdefault(acronym, Counter())[name] += 1
        self._by_article[article_id] = pairs

    def remove_article(self, article_id: str) -> None:
        for acronym, name in self._by_article.pop(article_id, []):
            left = self._names[acronym]
            left[name] -= 1
            if left[name] <= 0:
                del left[name]
            if not left:
                del self._names[acronym]

    def expansion(self, word: str) -> str | None:
        """The name ``word`` (folded) stands for: the one most articles name, the first
        met on a tie; None when no body of the library has those initials."""
        named = self._names.get(word)
        return named.most_common(1)[0][0] if named else None


# A word a member may type as an acronym: letters only, maybe in the possessive or plural.
_WORD = re.compile(rf"(?<![\w'’-])([A-Za-z]{{{MIN_LETTERS},{MAX_LETTERS + 1}}})('s|’s)?(?![\w'’-])")
# A word at least this common in English is what the member meant ("bus", "cat"), unless
# typed in capitals; acronyms themselves sit lower ("mta" 2.9, "epa" 3.9 in wordfreq).
WORD_ZIPF = 4.5


def expand(
    text: str, known: Callable[[str], bool], name_of: Callable[[str], str | None]
) -> tuple[str, list[tuple[str, str]]]:
    """``text`` with each acronym the library lacks (``known`` is False for the word) and
    a body's initials (``name_of``) written as that body's name, and the (acronym, name)
    pairs so replaced. "what did the mta spokeswoman say" → "what did the Metropolitan
    Transit Authority spokeswoman say"."""
    replaced: list[tuple[str, str]] = []

    def swap(match: re.Match[str]) -> str:
        typed, owner = match.group(1), match.group(2) or ""
        word = fold(typed)
        if known(word) or (not typed.isupper() and zipf_frequency(word, "en") >= WORD_ZIPF):
            return match.group(0)
        # "the mtas plan": a plural or a possessive without its apostrophe
        for letters in [word, word[:-1]] if word.endswith("s") else [word]:
            name = name_of(letters) if len(letters) >= MIN_LETTERS else None
            if name is not None:
                replaced.append((typed, name))
                return name + owner
        return match.group(0)

    return _WORD.sub(swap, text), replaced
