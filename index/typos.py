"""Correct question words the library has never seen to the closest term it has.

Distances are OSA (Damerau) edit distances on analysed terms, computed by rapidfuzz:
one edit for terms of 4 to 7 letters ("peskow" → "peskov"), two from 8 letters on. A
term of three letters or fewer is never corrected: too many words are one edit apart;
nor is a first letter. Several close terms are all kept, closest first ("zelenskyy" →
"zelenskiy", "zelenski"), since name spellings vary within one library. A term with no
close spelling may still be a derivation of a known one that the stemmer keeps apart
("agre", from "agreed", and "agreement"): known terms that extend it by a suffix of up to
five letters are taken.

Only misspellings are corrected. A question word that is a common word of the language
(Zipf 3 or more in wordfreq's English word list) is what the member meant: a question
about *wages* must not search for *cages*, and *poll* is not a typo for *pole*. Such a
word stays unknown, so a question about something the library lacks is declined rather
than answered from a lookalike. So does a rarer word the list holds at any frequency
("understaffed", "nite", "culling") or a regular derivation of a common word
("underpoliced"), unless it is a plausible slip for a common word the articles write: the
word list also holds the misspellings people make often ("happend", "recieve",
"definately"), and those are slips any reader sees (a letter left out, doubled or swapped
with its neighbour, one vowel for another after the first syllable, a sound-alike
consonant) or shortenings ("assoc", "evac"). A misspelling no list holds ("symptms") is
corrected to the close terms that are such slips of a common word (keyboard neighbours
count here: random slips never reach a word list), else to the closest terms, as a name
is. Two exceptions, both about what the stemmer or the word list cannot know:

- a known term that is a derivation of the word ("agreed" → "agreement": same lemma, a
  derivational suffix in the articles' own spelling) is still taken;
- a not-very-common word close to a *name* in the library (a word the articles
  capitalise, and that is not itself an English word) is taken as a spelling of that
  name, since names and their transliterations are missing from, or rare in, any word
  list.

Replies show what was searched as the articles write it ("hospitall → hospital",
"peskow → Peskov"), never a stem: the form is read from a few sentences that hold the
term, since the index keeps terms only.

Questions are answered on the library's thread while the event loop runs on, and the two
share the GIL. rapidfuzz keeps the GIL for the whole of one call, so the vocabulary is
searched in slices (the GIL changes hands between them); derivations are found by one
pass of Python over the vocabulary, which hands the GIL over as it goes, instead of by
bisecting a sorted copy (``sorted`` keeps the GIL throughout, and a pass over the
vocabulary is already what each lookup costs).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

import simplemma
from rapidfuzz import process
from rapidfuzz.distance import OSA
from wordfreq import zipf_frequency

from .analyze import analyze, fold, lemma, stem, words
from .models import Quote
from .retriever import Retriever

# Zipf frequency (log10 of occurrences per billion words) from which a token counts as a
# word of the language. Common misspellings in web text ("recieve", "untill") stay below
# it, while the real words below it are rare compounds and terms ("roadwork", "snowmelt")
# that are long and seldom one or two edits from another library term, so taking them for
# typos costs little; common words (wages, poll) are far above it.
WORD_ZIPF = 3.0
# A word at least this common is never read as a misspelt name ("cooker" is not "Cooper").
NAME_WORD_ZIPF = 4.0
# A word one of these prefixes or endings makes of a common word is a word of the language.
PREFIXES = (
    "under", "over", "un", "re", "non", "mis", "out", "pre", "post", "anti", "counter",
    "co", "de", "dis", "sub", "super", "semi", "inter", "multi", "self",
)  # fmt: skip
INFLECTIONS = ("s", "es", "ed", "d", "ing", "ly", "er", "ers", "ness")
VOWELS = frozenset("aeiouy")
R_ALIKE = frozenset("eiu")
# Consonants that spell the same sound, so one is written for the other ("reciept").
SOUND_ALIKE = frozenset({frozenset("ck"), frozenset("cs"), frozenset("sz")})
_ROWS = ("qwertyuiop", "asdfghjkl", "zxcvbnm")
_KEY_AT = {c: (r, i) for r, row in enumerate(_ROWS) for i, c in enumerate(row)}
# Each key's neighbours on a QWERTY keyboard: beside it, and the two above and below (the
# rows are staggered by half a key to the right).
_KEY_NEIGHBOURS = {
    (r, i): {
        _ROWS[r2][i2]
        for r2, i2 in (
            (r, i - 1),
            (r, i + 1),
            (r - 1, i),
            (r - 1, i + 1),
            (r + 1, i - 1),
            (r + 1, i),
        )
        if 0 <= r2 < len(_ROWS) and 0 <= i2 < len(_ROWS[r2])
    }
    for (r, i) in _KEY_AT.values()
}
# Suffixes that make a noun of a verb, in the articles' spelling: "agree" → "agreement";
# each also in the plural.
_NOUN_SUFFIXES = ("ment", "ion", "ation", "ition", "ance", "ence", "ure")
DERIVATIONAL_SUFFIXES = tuple(f for s in _NOUN_SUFFIXES for f in (s, s + "s"))
# Suffixes that derive a word of the same family from another (the person who does or
# undergoes something, the act, its quality: "evacuee", "winner", "protester",
# "investigator", "evacuation"): a real word the library lacks whose base, these taken
# off, is a word the articles use is that word's family (see :meth:`TermCorrector.family`).
FAMILY_SUFFIXES = (
    *(f for s in ("ee", "er", "or", "ist") for f in (s + "s", s)),
    *DERIVATIONAL_SUFFIXES,
    "ness", "ity", "ive", "al", "ly",
    # the act or state a verb names ("injury" / "injured", "delivery" / "deliver")
    "y",
)  # fmt: skip
FAMILY_BASE = 3  # letters a base must keep
# A real word the library lacks is read as a word of the sentences the question's other
# words find first (SYNONYM_SENTENCES of them) when the encoder's word cosine of the two
# reaches SYNONYM_MIN (see :meth:`TermCorrector.synonym`).
SYNONYM_MIN = 0.6
SYNONYM_SENTENCES = 10
# ... and when it beats every other word of those sentences (of another stem) by
# SYNONYM_MARGIN: a synonym stands out, while a topic's words crowd together.
SYNONYM_MARGIN = 0.05
# Neither word may be as common as this (Zipf): everyday words ("big", "behind", "get")
# are said loosely and match too much ("pulled" / "getting").
SYNONYM_MAX_ZIPF = 5.4
SAMPLE_SENTENCES = 12  # sentences read to learn how the articles write a term
COMPOUND_MIN = 5  # the shortest closed-up compound read as the articles' two words
SLICE = 20_000  # vocabulary terms compared in one rapidfuzz call

Fetch = Callable[[Sequence[int]], Awaitable[list[Quote]]]

_RAW_WORD = re.compile(r"[^\W_]+")


@lru_cache(maxsize=65_536)
def zipf(word: str) -> float:
    """wordfreq's English Zipf frequency of a folded word (0 when it is not listed).

    wordfreq's "small" list holds the words from about Zipf 3 up, which is all the
    thresholds here ask about."""
    return float(zipf_frequency(word, "en", wordlist="small"))


@lru_cache(maxsize=65_536)
def listed(word: str) -> bool:
    """Does wordfreq's full English list hold this folded word, at any frequency? (The
    list answering weighs words by, so it is loaded anyway.)"""
    return zipf_frequency(word, "en") > 0


def is_word(word: str) -> bool:
    """Is this folded token a word of the language, rather than a misspelling?"""
    return word.isdigit() or zipf(word) >= WORD_ZIPF


def max_edits(term: str) -> int:
    if len(term) < 4 or term.isdigit():
        return 0
    return 1 if len(term) < 8 else 2


@dataclass(frozen=True)
class Surface:
    """How the articles write a term: its most frequent form, and whether it is a name."""

    word: str
    is_name: bool
    # Every form seen, folded ("happened", "happens"): a typo is judged against each.
    forms: frozenset[str] = field(default=frozenset(), compare=False)


@dataclass(frozen=True)
class Correction:
    terms: list[str]  # known terms searched in the word's place, closest first
    shown: list[str]  # the same terms as the articles write them
    # Found as the word's derivational family ("evacuees" / "evacuation"), not as a
    # spelling of it: the caller confirms it by meaning (index/answering.py).
    family: bool = False


def read_surface(term: str, sentences: Sequence[str]) -> Surface | None:
    """The form of ``term`` in these sentences, and whether the articles capitalise it
    mid-sentence (a name). A capital at a sentence's start says nothing, so a term seen
    only there is a name when it is capitalised and not an English word."""
    inside: Counter[str] = Counter()
    first: Counter[str] = Counter()
    for sentence in sentences:
        for i, match in enumerate(_RAW_WORD.finditer(sentence)):
            raw = match.group()
            if any(stem(w) == term for w in words(raw)):
                (first if i == 0 else inside)[raw] += 1
    forms = frozenset(fold(w) for w in (*inside, *first))
    if inside:
        capitals = sum(n for w, n in inside.items() if w[0].isupper())
        form = inside.most_common(1)[0][0]
        return Surface(form, capitals * 2 >= sum(inside.values()), forms)
    if first:
        form = first.most_common(1)[0][0]
        is_name = form[0].isupper() and not is_word(fold(form))
        return Surface(form if is_name else form.lower(), is_name, forms)
    return None


def is_derivation(word: str, known: str) -> bool:
    """Is ``known`` (as the articles write it) ``word``'s lemma plus a derivational
    suffix ("agreed" / "agreement")? Not "poll" / "pollution": "ution" is no suffix."""
    known = fold(known)
    for base in {lemma(word), word}:
        for stem_ in (base, base[:-1] if base.endswith("e") else base):
            if known.startswith(stem_) and known[len(stem_) :] in DERIVATIONAL_SUFFIXES:
                return True
    return False


def family_bases(word: str) -> list[str]:
    """The words ``word`` may be derived from by one of :data:`FAMILY_SUFFIXES`, as
    spelt before the suffix was added: "evacuees" → evacu, evacue, evacuate; "winner" →
    winn, win. Only their stems are compared with the library's terms, so the spellings
    need not all be words."""
    dictionary_form = lemma(word)
    bases: dict[str, None] = {}
    for suffix in FAMILY_SUFFIXES:
        if not dictionary_form.endswith(suffix) or len(dictionary_form) - len(suffix) < FAMILY_BASE:
            continue
        if suffix == "y" and dictionary_form.endswith("ly"):
            continue  # "fully" is of "full" by "-ly", no act of a verb "full"
        base = dictionary_form[: -len(suffix)]
        for form in (base, base + "e", base + "ate"):
            bases[form] = None
        if len(base) > FAMILY_BASE and base[-1] == base[-2] and base[-1] not in VOWELS:
            bases[base[:-1]] = None  # "winner": the consonant doubled before the suffix
    return list(bases)


def _may_link(word: str, closed: frozenset[str]) -> bool:
    """May this folded word be read as a synonym of another (or another as it)? Not a
    word of ``closed``, a closed set whose members are close in meaning and never the
    same thing ("tomorrow" is no "Wednesday"), nor an everyday word."""
    return word not in closed and zipf(word) <= SYNONYM_MAX_ZIPF


def is_real_word(word: str) -> bool:
    """Is this folded word one of the language, however rare: listed by wordfreq at any
    frequency ("understaffed", "nite"), or a regular derivation of a common word
    ("unstaffed": un- + staffed; "-ed", "-ing", "-ly" … of a common word)? Listed
    misspellings ("recieve") are real words here too: :func:`is_slip` tells them apart."""
    if listed(word):
        return True
    bases = {lemma(word)} | {
        word[: -len(suffix)] + end
        for suffix in INFLECTIONS
        if word.endswith(suffix) and len(word) - len(suffix) >= 3
        for end in ("", "e")
    }
    bases.discard(word)
    if any(is_word(base) for base in bases):
        return True
    return any(
        base.startswith(prefix) and len(base) - len(prefix) >= 4 and is_word(base[len(prefix) :])
        for base in (word, *bases)
        for prefix in PREFIXES
    )


@lru_cache(maxsize=65_536)
def is_dictionary_word(word: str) -> bool:
    """Is this folded word an English word of simplemma's dictionary, not a name? Its
    lemma there is written in lower case ("hackers" → hacker), where a name's is
    capitalised ("garcia" → Garcia) and a name the word list holds only for its
    frequency ("nguyen") is unknown. Such a word is what the member meant, never a
    spelling of a name the articles use ("hackers" is no "Harker")."""
    if not simplemma.is_known(word, lang="en"):
        return False
    return str(simplemma.lemmatize(word, lang="en"))[:1].islower()


def _keys_adjacent(a: str, b: str) -> bool:
    at = _KEY_AT.get(a)
    return at is not None and b in _KEY_NEIGHBOURS[at]


def _vowel_groups_before(word: str, i: int) -> int:
    """How many groups of vowels ``word`` has begun before position ``i``."""
    return sum(1 for j in range(i) if word[j] in VOWELS and (j == 0 or word[j - 1] not in VOWELS))


def _plausible_substitution(typed: str, meant: str, i: int, j: int, keyboard: bool) -> bool:
    a, b = typed[i], meant[j]
    if a in VOWELS and b in VOWELS:
        # One vowel for another after the first syllable ("definately", "seperate"); in
        # the first it makes another word ("nite" / "note"), but for an r-coloured one.
        starts = j == 0 or meant[j - 1] not in VOWELS
        if _vowel_groups_before(meant, j) + starts >= 2:
            return True
        # Before an r, e, i and u sound alike ("persue" / "pursue", "sirvey" / "survey").
        return {a, b} <= R_ALIKE and typed[i + 1 : i + 2] == meant[j + 1 : j + 2] == "r"
    return frozenset((a, b)) in SOUND_ALIKE or (keyboard and _keys_adjacent(a, b))


def _fits(typed: str, meant: str, i: int, j: int, budget: int, keyboard: bool) -> bool:
    """Can ``typed[i:]`` come from ``meant[j:]`` by at most ``budget`` plausible slips?"""
    while i < len(typed) and j < len(meant) and typed[i] == meant[j]:
        i, j = i + 1, j + 1
    if i == len(typed) and j == len(meant):
        return True
    if budget == 0:
        return False
    if j < len(meant) and _fits(typed, meant, i, j + 1, budget - 1, keyboard):
        return True  # a letter left out ("happend", "goverment")
    if i < len(typed):
        extra = typed[i]
        near = {typed[k] for k in (i - 1, i + 1) if 0 <= k < len(typed)}
        doubled = extra in near
        slipped = keyboard and any(_keys_adjacent(extra, c) for c in near)
        if (doubled or slipped) and _fits(typed, meant, i + 1, j, budget - 1, keyboard):
            return True  # a letter doubled ("untill") or struck beside its neighbour
    if i + 1 < len(typed) and j + 1 < len(meant):
        swapped = typed[i] == meant[j + 1] and typed[i + 1] == meant[j]
        if swapped and _fits(typed, meant, i + 2, j + 2, budget - 1, keyboard):
            return True  # two letters swapped ("recieve", "thier")
    return (
        i < len(typed)
        and j < len(meant)
        and _plausible_substitution(typed, meant, i, j, keyboard)
        and _fits(typed, meant, i + 1, j + 1, budget - 1, keyboard)
    )


def is_slip(typed: str, meant: str, keyboard: bool) -> bool:
    """Is the folded ``typed`` a plausible slip for the common word ``meant``: at most
    :func:`max_edits` edits, each one people make (a letter left out, doubled or swapped
    with its neighbour; one vowel for another after the first syllable; a sound-alike
    consonant; with ``keyboard``, a key beside the right one), or a shortening of it
    ("evac", "assoc", "profs")? Keyboard slips are random, so a spelling the word list
    holds (typed often on purpose) is judged without them."""
    if typed == meant or not is_word(meant):
        return False
    for short in (typed, typed[:-1] if typed.endswith("s") else ""):
        if len(short) >= 4 and len(meant) >= len(short) + 2 and meant.startswith(short):
            return True
    return typed[:1] == meant[:1] and _fits(typed, meant, 0, 0, max_edits(meant), keyboard)


class TermCorrector:
    """Closest known terms, with the vocabulary list and surface forms cached per index
    version."""

    def __init__(self) -> None:
        self._version = -1
        self._vocab: list[str] = []
        self._surfaces: dict[str, Surface | None] = {}

    def _vocabulary(self, index: Retriever, version: int) -> list[str]:
        if version != self._version:
            self._vocab = list(index.known_terms())
            self._surfaces = {}
            self._version = version
        return self._vocab

    def correct(self, term: str, index: Retriever, version: int) -> list[str]:
        """Known terms closest to an unknown ``term`` (empty when none is close enough)."""
        return self._neighbours(term, index, version) or self._derived(term, index, version)

    def _neighbours(self, term: str, index: Retriever, version: int) -> list[str]:
        limit = max_edits(term)
        if not limit or term in index:
            return []
        vocab = self._vocabulary(index, version)
        hits = [
            hit
            for start in range(0, len(vocab), SLICE)
            for hit in process.extract(
                term, vocab[start : start + SLICE], scorer=OSA.distance, score_cutoff=limit,
                limit=None,
            )
        ]  # fmt: skip
        # Close terms with the same first letter are its spelling variants: typos fall
        # anywhere after it ("wrok" / "work", "peksov" / "peskov"), while a new first
        # letter makes another word far more often than a typo does.
        variants = sorted((d, -index.df(t), t) for t, d, _ in hits if t[0] == term[0])
        return [t for _, _, t in variants[:3]]

    def _derived(self, term: str, index: Retriever, version: int) -> list[str]:
        """Known terms that extend ``term`` by up to five letters."""
        if not max_edits(term) or term in index:
            return []
        vocab = self._vocabulary(index, version)
        found = [k for k in vocab if k.startswith(term) and len(k) - len(term) <= 5]
        return sorted(found, key=lambda t: (-index.df(t), t))[:3]

    async def fix(
        self, word: str, term: str, index: Retriever, version: int, fetch: Fetch
    ) -> Correction | None:
        """What to search instead of the question's ``word`` (analysed: ``term``), which
        the library does not know; None when the word should stay as it is."""
        if term in index or not max_edits(term):
            return None
        self._vocabulary(index, version)
        misspelt = not is_word(word)
        # A possessive without its apostrophe or a plural the lemmatiser does not know
        # ("felds amendment", "dvds"): the bare word, when the library has it; after an
        # English word ("news"), only when the bare word is a name ("new" is not).
        bare = stem(word[:-1]) if word.endswith("s") else ""
        if bare in index:
            surface = await self._surface(bare, index, fetch)
            if misspelt or (surface is not None and surface.is_name):
                return Correction([bare], [surface.word if surface else bare])
        found: list[tuple[str, Surface | None]] = []
        real = is_real_word(word)
        if misspelt:
            close = [
                (t, await self._surface(t, index, fetch))
                for t in self.correct(term, index, version)
            ]
            # The corrections a member plausibly mistyped, when there are: a common word of
            # the language the articles write, a slip away. A real word ("nite", "culling")
            # is corrected only to such a word; a misspelling no list holds ("symptms",
            # "peskow") to the closest terms when no common word fits.
            found = [
                (t, s)
                for t, s in close
                if s is not None and any(is_slip(word, f, not real) for f in s.forms)
            ]
            if not found and not real:
                found = close
        if not found and (real or not misspelt):
            if zipf(word) < NAME_WORD_ZIPF and not is_dictionary_word(word):
                for t in self._neighbours(term, index, version):
                    s = await self._surface(t, index, fetch)
                    if s is not None and s.is_name and not is_word(fold(s.word)):
                        found.append((t, s))
            if not found:
                for t in self._derived(term, index, version):
                    s = await self._surface(t, index, fetch)
                    if s is not None and is_derivation(word, s.word):
                        found.append((t, s))
        if not found:
            return None
        return Correction([t for t, _ in found], [s.word if s else t for t, s in found])

    async def compound(
        self, word: str, term: str, index: Retriever, version: int, fetch: Fetch
    ) -> Correction | None:
        """The articles' compound that ``word`` writes closed up ("ebook" for "e-book",
        "nonprofit" for "non-profit", "healthcare" for "health care"), searched as the
        terms the library reads it as; None when no sentence of the library writes it so.
        A member closes up what a writer hyphenates, and the two are one word."""
        if term in index or len(word) < COMPOUND_MIN or not word.isalpha():
            return None
        self._vocabulary(index, version)
        for cut in range(1, len(word) - 2):
            left, right = word[:cut], word[cut:]
            terms = list(dict.fromkeys(analyze(f"{left}-{right}")))
            if not terms or any(t not in index for t in terms):
                continue
            rarest = min(terms, key=index.df)
            ids, _ = index.sentence_scores([rarest])
            # the articles' own inflection ("e-book" for "ebooks"): the right part's stem
            base = stem(right)
            same = next(
                (i for i, (a, b) in enumerate(zip(right, base, strict=False)) if a != b), len(base)
            )
            start = right[: max(same, 1)]
            written = re.compile(rf"\b{re.escape(left)}[-‐ ]{re.escape(start)}\w*", re.IGNORECASE)
            for quote in await fetch(ids[:SAMPLE_SENTENCES].tolist()):
                found = written.search(quote.text)
                if found:
                    return Correction(terms, [found.group()] * len(terms))
        return None

    async def family(
        self, word: str, term: str, index: Retriever, version: int, fetch: Fetch
    ) -> Correction | None:
        """The library's terms of ``word``'s derivational family, when ``word`` is a real
        word the library lacks (wordfreq lists it) and taking a family suffix off it
        leaves the stem of a term the articles use ("evacuees" → evacuation, "hackers"
        → hack); None otherwise. A stemmer and a word list cannot tell "mission" from
        "miss" + "-ion", so the caller must confirm the family by meaning."""
        if term in index or not listed(word):
            return None
        self._vocabulary(index, version)
        found: list[tuple[str, Surface | None]] = []
        for base in family_bases(word):
            t = stem(base)
            if t != term and t in index and t not in (f for f, _ in found):
                written = await self._surface(t, index, fetch)
                if (
                    written is not None
                    and written.is_name
                    and is_dictionary_word(fold(written.word))
                ):
                    # The articles write the word only inside a name ("Route 9", "Mill
                    # Park"): "router" is no family of that name, whatever the encoder
                    # makes of the two words.
                    continue
                found.append((t, written))
        if not found:
            return None
        return Correction([t for t, _ in found], [s.word if s else t for t, s in found], True)

    def synonym(
        self,
        word: str,
        term: str,
        texts: Sequence[str],
        asked: frozenset[str],
        index: Retriever,
        similarity: Callable[[str, Sequence[str]], Sequence[float]],
        closed: frozenset[str] = frozenset(),
    ) -> Correction | None:
        """A word of ``texts`` (the sentences the question's other words find first) that
        says what ``word``, a real word the library lacks, says: the closest by the
        encoder's word cosine, when it reaches :data:`SYNONYM_MIN` and stands out from
        the rest by :data:`SYNONYM_MARGIN` ("hurt" / "injured", "hackers" /
        "criminals"). Only English words of the sentences are compared (no name: "toll"
        is no "Tolley"), none the question uses, none of the closed set ``closed``
        and none too common (:func:`_may_link`). None when no word is that close."""
        if term in index or not listed(word) or not _may_link(word, closed):
            return None
        pool = list(
            dict.fromkeys(
                w
                for text in texts
                for w in words(fold(text))
                if w not in asked and not w.isdigit() and is_word(w) and _may_link(w, closed)
            )
        )
        pool = [w for w in pool if stem(w) in index and stem(w) != term]
        if not pool:
            return None
        ranked = sorted(zip(similarity(word, pool), pool, strict=True), reverse=True)
        cosine, best = ranked[0]
        # A synonym stands out; a topic's words crowd around the word asked together.
        runner_up = next((c for c, w in ranked if stem(w) != stem(best)), -1.0)
        if cosine < SYNONYM_MIN or cosine - runner_up < SYNONYM_MARGIN:
            return None
        return Correction([stem(best)], [best], True)

    async def surface(
        self, term: str, index: Retriever, version: int, fetch: Fetch
    ) -> Surface | None:
        """How the articles write a known ``term`` (None when no sentence holds it)."""
        self._vocabulary(index, version)  # a new index version forgets the old forms
        return await self._surface(term, index, fetch)

    async def _surface(self, term: str, index: Retriever, fetch: Fetch) -> Surface | None:
        if term not in self._surfaces:
            ids, _ = index.sentence_scores([term])
            quotes = await fetch(ids[:SAMPLE_SENTENCES].tolist())
            self._surfaces[term] = read_surface(term, [q.text for q in quotes])
        return self._surfaces[term]
