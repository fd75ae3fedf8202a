"""Does a sentence hold the kind of thing a question asks for (a number, a date, a name…)?

Only what the question itself does not already say counts: for "When did the 1973 oil
crisis begin?" the year 1973 is no answer, "October" is.
"""

from __future__ import annotations

import re
from itertools import pairwise

from .analyze import fold, words
from .question import ASKS_ARREST, ASKS_HARM, ASKS_LAWSUIT, NUMBER_WORDS, AnswerType
from .roles import TITLE_WORDS, is_demonym

MONTHS = frozenset(
    "january february march april may june july august september october november december "
    "jan feb mar apr jun jul aug sep sept oct nov dec".split()
)
WEEKDAYS = frozenset("monday tuesday wednesday thursday friday saturday sunday".split())
RELATIVE_TIMES = frozenset(
    "today yesterday tomorrow tonight earlier later ago recently now week month year "
    "century centuries decade decades morning evening night spring summer autumn fall "
    "winter".split()
)
TIME_UNITS = frozenset(
    "second seconds minute minutes hour hours day days week weeks month months year years "
    "decade decades century centuries".split()
)
CAUSAL = (
    "because", "due to", "as a result", "since", "so that", "in order to", "caused",
    "led to", "owing to", "thanks to", "reason", "therefore", "after",
)  # fmt: skip
PLACE_PREPOSITIONS = frozenset("in at from near to across into".split())

_YEAR = re.compile(r"^(1\d{3}|20\d{2})s?$")
# A time of day: "2:40 a.m.", "6 p.m.", "18:30", "noon". Its digits are no count: "how
# many miners died" is not answered by "at about 2:40 a.m.", "what time" is.
_CLOCK = re.compile(
    r"\b\d{1,2}(?::\d\d)?\s?[ap]\.?m\b\.?|\b\d{1,2}:\d\d\b|\b(?:noon|midnight)\b", re.IGNORECASE
)
_CAPITALIZED = re.compile(r"^[A-Z][\w'’.-]*$")
_WORD_SPLIT = re.compile(r"\s+")
_PUNCT = ".,;:'’\"“”()"


# How news states advice: what someone urged, told or advised people to do.
ADVICE_WORDS = frozenset(
    "should must advised advise advises urged urge urges recommend recommended recommends "
    "please can avoid ought".split()
)
ADVICE_PAIRS = frozenset(
    {("need", "to"), ("needs", "to"), ("have", "to"), ("has", "to"), ("told", "to"),
     ("asked", "to"), ("do", "not"), ("don", "t"), ("make", "sure")}
)  # fmt: skip
# An age: "a 71-year-old man", "52 years old", "aged 40", "Luis Ortega, 52,", or when a
# thing began ("laid in 1958", "opened in 1965"), or "for 30 years".
_AGE = re.compile(
    r"\b\d+-years?-old\b|\b\d+ years? old\b|\bage(?:d| of)? \d+|, \d{1,3},|\bat \d{1,3}\b"
    r"|\bwas \d{1,3}\b|\b(?:1[89]|20)\d\d\b|\b\d+ years\b",
    re.IGNORECASE,
)


def gives_advice(sentence: str) -> bool:
    """Does a sentence say what someone should do ("commuters were advised to use …",
    "please boil your water", "Customers can check …")? A member asking "what should I
    do if my basement floods" is not answered by "The flooding followed three days of
    heavy rain.", however many words they share."""
    ws = words(sentence)
    if ADVICE_WORDS & set(ws):
        return True
    return bool(ADVICE_PAIRS & set(pairwise(ws)))


# An age set beside a name, in apposition: "Lena Darrow, a 27-year-old café manager",
# "Simon Darrow, 31,", "27-year-old Lena Darrow". The name it follows (after a comma and
# "a"/"an") or precedes is whose age it is.
_APPOSED_AFTER = re.compile(r"([A-Z][\w'’-]*),\s(?:an?\s)?$")
_APPOSED_BEFORE = re.compile(r"^\s([A-Z][\w'’-]*)")
# Of the ages :data:`_AGE` finds, those that date a thing rather than age a person, and
# the most words between one and the name it belongs to: one clause ("The Harbour Road
# water main was laid in 1958", "Hale, who joined the firm in 2019").
_SPAN = re.compile(r"\d{4}|\d years$")
AGE_REACH = 6


def states_an_age(sentence: str, of: frozenset[str] = frozenset()) -> bool:
    """Does a sentence state an age, or the year or span a thing has existed? "How old
    is <the mayor>" is not answered by a sentence about her "four-year term".

    ``of``: the question's folded words. When the sentence names one of them (capitalised
    where nothing else makes it so), an age set in apposition to another name is that
    other one's: "found Curtis Hale guilty … in the death of Lena Darrow, a 27-year-old
    café manager" says nothing of Hale's age. An age beside no name ("Manning became the
    oldest quarterback … at age 39") still counts."""
    if not of:
        return bool(_AGE.search(sentence))
    text = _DATELINE.sub(lambda m: " " * len(m.group()), sentence)
    tokens = list(_TOKEN.finditer(text))
    named = [
        i
        for i, m in enumerate(tokens)
        if fold(m.group()) in of
        and m.group()[:1].isupper()
        and (ahead := text[: m.start()].rstrip())
        and ahead[-1] not in _OPENING
    ]
    for match in _AGE.finditer(text):
        if not named:
            return True
        if _SPAN.search(match.group()):
            # A year or a span ("in March 2025", "for 30 years") is an age only beside
            # the name: a sentence about a person dates many other things.
            first = sum(1 for m in tokens if m.start() < match.start())
            if any(abs(i - first) <= AGE_REACH for i in named):
                return True
            continue
        after = _APPOSED_AFTER.search(text[: match.start()])
        before = _APPOSED_BEFORE.match(text[match.end() :])
        owner = after or before
        if owner is None or fold(owner.group(1)) in of:
            return True
    return False


# How news reports whether people came to harm ("No one was injured", "two workers were
# treated for burns", "sent 23 people to hospitals", "remains in critical condition"):
# the answer to "was anyone hurt" shares few of its words.
_HARM = re.compile(
    r"\b(?:injur\w*|hurt|unhurt|unharmed|harmed|kill(?:ed|ing|s)?|dead|deaths?|die[sd]?|dying"
    r"|fatal\w*|fatalit\w*|hospital\w*|medical cent(?:er|re)|trauma cent(?:er|re)"
    r"|emergency room|intensive care|sick\w*|ill|illness\w*|wound\w*|casualt\w*"
    r"|symptoms?|treated|burns?|condition|airlift\w*|medevac\w*|taken to|transported"
    r"|overdoses?|bodies)\b",
    re.IGNORECASE,
)


# How news reports arrests and charges ("No arrests had been made", "no charges would be
# filed", "was taken into custody") and lawsuits ("filed a class-action lawsuit", "have
# already sued", "is preparing legal action").
_ARREST = re.compile(
    r"\b(?:arrest\w*|charg(?:e|ed|es|ing)|custody|detain\w*|indict\w*"
    r"|prosecut\w*|jailed|booked|criminal\w*)\b",
    re.IGNORECASE,
)
_LAWSUIT = re.compile(
    r"\b(?:su(?:e|ed|es|ing)|lawsuits?|filed suit|class-action|litigation|legal action)\b",
    re.IGNORECASE,
)
OUTCOMES: dict[str, re.Pattern[str]] = {
    ASKS_HARM: _HARM,
    ASKS_ARREST: _ARREST,
    ASKS_LAWSUIT: _LAWSUIT,
}


def states_outcome(kind: str, sentence: str) -> bool:
    """Does a sentence say whether what ``kind`` (:data:`OUTCOMES`) asks befell anyone:
    harm (hurt, killed, taken ill or to hospital, or unharmed), an arrest or charge, a
    lawsuit? "Was anybody hurt in the gas thing" is not answered by "The leak began when a
    valve … failed", though it shares the topic's words; "has anybody been arrested for
    the theft" is answered by "No one has been charged"."""
    return bool(OUTCOMES[kind].search(sentence))


# An amount of money: a currency sign before a figure, or a currency after one ("$310
# million", "£2.5bn", "40 million euros", "one dollar"). A share ("fell 11%") is no price.
CURRENCIES = (
    "dollars?|pounds?|euros?|cents?|pence|yen|yuan|rupees?|francs?|marks|pesos?|"
    "roubles?|rubles?|lira|krona|kronor|kroner|usd|gbp|eur"
)
_FIGURE = r"(?:\d[\d,.]*\s?(?:m|bn|k)?|" + "|".join(sorted(NUMBER_WORDS)) + r"|a|an)"
_AMOUNT = re.compile(
    rf"[$£€¥₹]\s?\d|\b{_FIGURE}\b(?:\s(?:million|billion|thousand|hundred))?"
    rf"\s(?:{CURRENCIES})\b|\b(?:{CURRENCIES})\b\s?\d",
    re.IGNORECASE,
)


# Figures that count no things: an amount of money ("$1.4 billion", "40 million euros")
# or a share ("21 percent", "9%").
_NO_COUNT = re.compile(
    rf"[$£€¥₹]\s?\d[\d,.]*(?:\s?(?:million|billion|trillion|thousand|bn|m|k)\b)?"
    rf"|\b\d[\d,.]*\s?(?:%|percent\b|per\s?cent\b)"
    rf"|\b{_FIGURE}\b(?:\s(?:million|billion|thousand|hundred))?\s(?:{CURRENCIES})\b",
    re.IGNORECASE,
)


def without_amounts(sentence: str) -> str:
    """``sentence`` without its amounts of money and shares: what is left are the figures
    that may count things. "How many teachers does the fund cover" is not answered by
    "the Teachers' Retirement Fund lost $1.4 billion": that figure counts no teachers."""
    return _NO_COUNT.sub(" ", sentence)


def amounts(sentence: str) -> list[int]:
    """Where each amount of money ``sentence`` states begins (character offsets)."""
    return [m.start() for m in _AMOUNT.finditer(sentence)]


def states_an_amount(sentence: str) -> bool:
    """Does a sentence state an amount of money? "How much did the
    repair cost" is not answered by "the viaduct was closed for 11 weeks", nor "how much
    will a house cost" by "640 homes": a figure, but no price."""
    return bool(_AMOUNT.search(sentence))


# A paragraph's dateline ("HALDEN —"), every word of it capitalised.
_DATELINE = re.compile(r"^[A-Z][A-Z .,'’-]*\s[—–-]\s")
_TOKEN = re.compile(r"[\w'’-]+")
_PRONOUN_I = re.compile(r"^i(?:['’]\w+)?$")  # "I", "I'll": capitalised anywhere
# What a word capitalised only for where it stands follows: a sentence's or a
# quotation's start, a colon, a dash.
_OPENING = frozenset('.!?:;"“‘—–(')


def states_a_new_name(sentence: str, question_words: frozenset[str]) -> bool:
    """Does a sentence name something the question does not? "What is the name of the
    child in intensive care" is not answered by "Four children have been admitted …, one
    of them to intensive care": it names no one. A name is a word capitalised where
    nothing else makes it so ("The Use of Money" within a sentence), or a figure other
    than a year ("the 50 fund"), that the question does not hold."""
    text = _DATELINE.sub("", sentence)
    for match in _TOKEN.finditer(text):
        token = match.group()
        word = fold(token)
        if word in question_words or word in NUMBER_WORDS or _PRONOUN_I.match(word):
            continue
        if token.isdigit() and not _YEAR.match(token):
            return True
        before = text[: match.start()].rstrip()
        if token[:1].isupper() and before and before[-1] not in _OPENING:
            return True
    return False


def _is_number(word: str) -> bool:
    return word.isdigit() or word in NUMBER_WORDS


def _new_words(sentence: str, question_words: frozenset[str]) -> list[str]:
    return [w for w in words(sentence) if w not in question_words]


def states_a_time_of_day(sentence: str) -> bool:
    """Does a sentence give a time of day ("at about 2:40 a.m.", "until 6:40 p.m.")?"""
    return bool(_CLOCK.search(sentence))


def answer_type_strength(sentence: str, kind: AnswerType, question_words: frozenset[str]) -> float:
    """1.0 when ``sentence`` holds an answer of ``kind`` that the question does not, 0.5 for
    weaker evidence (a number written as a word: "two parties" is rarely the count asked
    for, "1,000 prisoners" usually is), else 0. A time of day is a date's answer, not a
    number's."""
    if kind is AnswerType.NUMBER:
        new = _new_words(_CLOCK.sub(" ", sentence), question_words)
        if any(w.isdigit() for w in new):
            return 1.0
        return 0.5 if any(w in NUMBER_WORDS for w in new) else 0.0
    return 1.0 if has_answer_type(sentence, kind, question_words) else 0.0


def has_answer_type(sentence: str, kind: AnswerType, question_words: frozenset[str]) -> bool:
    """True when ``sentence`` holds an answer of ``kind`` that the question does not."""
    if kind is AnswerType.ANY:
        return False
    new = _new_words(sentence, question_words)
    if kind is AnswerType.NUMBER:
        return any(_is_number(w) for w in new)
    if kind is AnswerType.DATE:
        return states_a_time_of_day(sentence) or any(
            _YEAR.match(w) or w in MONTHS or w in WEEKDAYS or w in RELATIVE_TIMES for w in new
        )
    if kind is AnswerType.DURATION:
        ws = words(sentence)
        return any(
            _is_number(a) and b in TIME_UNITS and (a not in question_words) for a, b in pairwise(ws)
        )
    if kind is AnswerType.REASON:
        folded = f" {fold(sentence)} "
        return any(f" {c} " in folded for c in CAUSAL)
    tokens = _WORD_SPLIT.split(sentence.strip())
    bare = [fold(tok.strip(_PUNCT)) for tok in tokens]
    names = [
        i for i, tok in enumerate(tokens)
        if i > 0 and _CAPITALIZED.match(tok) and bare[i] not in question_words
    ]  # fmt: skip
    if kind is AnswerType.PERSON:  # a two-word name: "Vladimir Putin", not "Foreign Minister"
        plain = {i for i in names if bare[i] not in TITLE_WORDS and not is_demonym(bare[i])}
        return any(i + 1 in plain for i in plain)
    if kind is AnswerType.PLACE:
        return any(fold(tokens[i - 1]) in PLACE_PREPOSITIONS for i in names)
    return False


# The words by which news states the kind of thing a question asks for, for the learned
# reranker's evidence of it beside the question's own words (index/rank_features.py).
# Broader than :func:`has_answer_type` (which the answering rules read): a cue here only
# weighs in a learned score, it decides nothing alone.
REASON_CUES = frozenset(
    "because since after amid following blamed blame citing cited cause caused causes "
    "reason reasons result due owing thanks therefore so need needs needed require "
    "requires required meet meets standards led prompted aim aimed purpose".split()
)
MEANS_CUES = frozenset("by through via using used with after when from into".split())
# Nouns of the places a "where" question is answered by: a building, a site, a street.
PLACE_NOUNS = frozenset(
    "school schools center centre centers centres hall church station shelter shelters "
    "hospital hospitals park fairgrounds fairground library office offices street avenue "
    "road site building campus stadium arena clinic clinics airport county city town "
    "village district neighborhood neighbourhood area areas field camp gym port".split()
)
_EVIDENCE_TOKEN = re.compile(r"[\w'’:.-]*\w")


def evidence_positions(sentence: str, kind: str, question_words: frozenset[str]) -> list[int]:
    """The places (token numbers, tokens as :func:`evidence_tokens` splits them) where
    ``sentence`` gives evidence of an answer of ``kind`` ("number", "date", "duration",
    "person", "place", "reason", "means") that the question does not hold already."""
    tokens = evidence_tokens(sentence)
    folded = [fold(t).strip(_PUNCT + ".-") for t in tokens]
    out: list[int] = []
    for i, (tok, word) in enumerate(zip(tokens, folded, strict=True)):
        if word in question_words:
            continue
        before = folded[i - 1] if i else ""
        after = folded[i + 1] if i + 1 < len(folded) else ""
        number = any(c.isdigit() for c in word) or word in NUMBER_WORDS
        capital = i > 0 and tok[:1].isupper() and word not in TITLE_WORDS
        if kind == "number":
            hit = number and not _CLOCK.search(tok + " " + after)
        elif kind == "date":
            hit = bool(
                _YEAR.match(word) or word in MONTHS or word in WEEKDAYS or word in RELATIVE_TIMES
            ) or bool(_CLOCK.fullmatch(tok) or _CLOCK.match(f"{tok} {after}"))
        elif kind == "duration":
            hit = number and after in TIME_UNITS
        elif kind == "person":
            hit = capital and i + 1 < len(tokens) and tokens[i + 1][:1].isupper()
        elif kind == "place":
            hit = (capital and before in PLACE_PREPOSITIONS) or word in PLACE_NOUNS
        elif kind == "reason":
            hit = word in REASON_CUES
        elif kind == "means":
            hit = word in MEANS_CUES
        else:
            hit = False
        if hit:
            out.append(i)
    return out


def evidence_tokens(sentence: str) -> list[str]:
    """``sentence``'s tokens as :func:`evidence_positions` counts them."""
    return _EVIDENCE_TOKEN.findall(sentence)
