"""The analyzer: the one function that turns text into ranking terms.

Indexing and querying both call :func:`analyze`, so a question and a sentence can only
match on the same terms: Unicode folded (diacritics dropped), case-folded, stopwords
removed, lemmatised (simplemma: "fled" → "flee", "said" → "say", which a stemmer cannot
do) and Snowball-stemmed (PyStemmer).
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

import simplemma
import Stemmer

# The Snowball project's English stopword list (snowballstem.org/algorithms/english/stop.txt).
STOPWORDS = frozenset(
    """
    i me my myself we our ours ourselves you your yours yourself yourselves he him his himself
    she her hers herself it its itself they them their theirs themselves what which who whom
    this that these those am is are was were be been being have has had having do does did
    doing would should could ought i'm you're he's she's it's we're they're i've you've we've
    they've i'd you'd he'd she'd we'd they'd i'll you'll he'll she'll we'll they'll isn't
    aren't wasn't weren't hasn't haven't hadn't doesn't don't didn't won't wouldn't shan't
    shouldn't can't cannot couldn't mustn't let's that's who's what's here's there's when's
    where's why's how's a an the and but if or because as until while of at by for with about
    against between into through during before after above below to from up down in out on
    off over under again further then once here there when where why how all any both each
    few more most other some such no nor not only own same so than too very s t can will just
    don should now d ll m o re ve y ain aren couldn didn doesn hadn hasn haven isn ma mightn
    mustn needn shan shouldn wasn weren won wouldn also
    """.split()
)

# Stored sentences keep the terms this analyzer gave them: change this whenever a text
# would analyse differently, and libraries re-analyse their articles when they open.
ANALYZER_VERSION = "2"  # 2: lemmas folded again ("christians" and "christian" meet)

_WORD = re.compile(r"[^\W_]+")
_DIGIT_GROUP = re.compile(r"(?<=\d)[,.](?=\d{3}\b)")
_stemmer = Stemmer.Stemmer("english")


def fold(text: str) -> str:
    """Case-fold and drop diacritics: "Zelenskyy's Kyïv" -> "zelenskyy's kyiv"."""
    if text.isascii():  # nothing to decompose: the common case, at a fraction of the cost
        return text.casefold()
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return stripped.casefold().replace("’", "'")


def fold_word(word: str) -> str:
    """:func:`fold` of one token, cached: the same tokens recur all through a text (a
    hostile text's long tokens are folded every time rather than kept)."""
    return _cached_fold(word) if len(word) <= _CACHED_WORD_CHARS else fold(word)


_cached_fold = lru_cache(maxsize=100_000)(fold)


def words(text: str) -> list[str]:
    """Folded word tokens, stopwords kept ("1,000" stays one token: "1000")."""
    return _WORD.findall(_DIGIT_GROUP.sub("", fold(text)))


def cased_words(text: str) -> list[str]:
    """The tokens :func:`words` cuts, their case kept (a capitalised word before a figure
    is a label: "Route 7"). Folding may change a token's length, never the tokens' count
    in ordinary text; callers that pair the two lists check it."""
    return _WORD.findall(_DIGIT_GROUP.sub("", text))


def lemma(word: str) -> str:
    """The folded dictionary form of a folded word ("fined" -> "fine", "gotten" -> "get")."""
    return str(simplemma.lemmatize(word, lang="en")).casefold()


def is_informative(word: str) -> bool:
    return word not in STOPWORDS and (len(word) > 1 or word.isdigit())


def stem(word: str) -> str:
    """The ranking term of one folded word: its lemma's Snowball stem.

    simplemma capitalises some lemmas ("christians" -> "Christian", but "christian" stays
    lower case): the lemma is folded again so that both forms meet on one term. Words
    recur, so their stems are cached; a hostile text's long "words" are not kept.
    """
    return _cached_stem(word) if len(word) <= _CACHED_WORD_CHARS else _stem(word)


_CACHED_WORD_CHARS = 64  # longer words are stemmed and folded every time, not cached


def _stem(word: str) -> str:
    return str(_stemmer.stemWord(lemma(word)))


_cached_stem = lru_cache(maxsize=500_000)(_stem)


def analyze(text: str) -> list[str]:
    """Ranking terms of ``text``, in order, repeats kept (BM25 counts them)."""
    return [
        _cached_stem(w) if len(w) <= _CACHED_WORD_CHARS else _stem(w)  # stem(), inlined
        for w in words(text)
        if is_informative(w)
    ]
