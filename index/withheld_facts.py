"""Declines when the chosen sentence withholds the name, amount or fact asked.

A sentence can be about exactly what a question asks and still not answer it, because it
leaves out the one thing asked for: the name ("which firm is the city using" against "hired
an outside firm, which it did not name"; "who were the two guys" against "two men were
escorted out", naming no one) or the amount of the thing asked about ("how much does the
superintendent earn" against a one-off payment "per worker"; "how much did the lake house
cost" against the sum stolen), or says the fact asked is not known or not told ("why did
the valve fail" against "we will find out why that valve failed"; "how long will the
ferry be suspended" against "suspended indefinitely"). These hand-written checks find
such sentences so that :mod:`index.answering` declines instead of quoting them. They read
the sentences around the chosen one through the answer context's ``fetch``, typed here by
what they read of it (:class:`Context`, :class:`PricedSlot`) so that this module never imports
:mod:`index.answering`, which imports it (no import cycle, tests/test_layout.py).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Awaitable, Callable, Sequence
from itertools import pairwise
from typing import Protocol

import numpy as np
from wordfreq import zipf_frequency

from .analyze import fold, is_informative, lemma, stem, words
from .answer_types import MONTHS, PLACE_PREPOSITIONS, WEEKDAYS, amounts, has_answer_type
from .models import Quote
from .question import (
    ASKS_NAME,
    FRAME_WORDS,
    NUMBER_WORDS,
    PERSON_NOUNS,
    PRICE_WORDS,
    AnswerType,
    Question,
    normalize_chat,
    strip_frame,
)
from .retriever import Retriever
from .roles import (
    DESCRIPTIVE_HEADS,
    FAMILY_NOUNS,
    GENERIC_ROLE_HEADS,
    HONORIFICS,
    ROLE_HEADS,
    TITLE_ABBREVIATIONS,
    TITLE_WORDS,
    related_role_words,
)
from .speakers import SpeakerDirectory


class Context(Protocol):
    """What these checks read of :class:`index.answer_context.AnswerContext`."""

    @property
    def fetch(self) -> Callable[[Sequence[int]], Awaitable[list[Quote]]]: ...
    @property
    def speakers(self) -> SpeakerDirectory | None: ...
    @property
    def word_similarity(self) -> Callable[[str, Sequence[str]], Sequence[float]] | None: ...


class PricedSlot(Protocol):
    """What :func:`_priced_elsewhere` reads of a question word (:class:`index.answering.Slot`)."""

    @property
    def word(self) -> str: ...
    @property
    def terms(self) -> tuple[str, ...]: ...
    @property
    def known(self) -> bool: ...
    @property
    def rarity(self) -> float: ...
    @property
    def lower_case(self) -> bool: ...


_WORD = re.compile(r"[\w'’-]+")  # as index/answering.py's
# A word asked is said in other words near the answer when some word there is within cosine
# WORD_MATCH_MIN of it; at most UNMATCHED_WORDS such words are compared or reported. Shared
# with :func:`index.answering._unmatched`, which imports them from here.
WORD_MATCH_MIN = 0.5
UNMATCHED_WORDS = 4
# What a price question asks the price of is that amount's when named this many words
# either side of it.
PRICED_REACH = 12
# Words of a price question that say nothing of what is priced ("how much does it get
# paid", "how much money did they make").
_EVERYDAY_PRICED = frozenset("get gets got much money cash dollar dollars total".split())
# Words asking what someone is paid, not what a thing costs or what someone pays ("how
# much does the CEO make / earn / get paid").
PAID_WORDS = frozenset(
    "paid earn earns earned earning make makes salary salaries wage wages".split()
)
PARAGRAPH_REACH = 4  # sentences either side read for the chosen sentence's paragraph

# News saying that it does not give a name: "an outside firm, which it did not name",
# "Amado declined to name the contractor", "their names were not released", "the driver
# has not been identified". ``thing``: what is not named, when the phrase says.
_WITHHELD = re.compile(
    r"\b(?:did|does|would|could|do)(?: not|n[’']t) (?:name|identify)\b"
    r"(?: (?:the |an? |its |their |his |her )?(?P<thing>[\w’'-]+))?"
    r"|\b(?:declined|refused) to (?:name|identify)\b"
    r"(?: (?:the |an? |its |their |his |her )?(?P<thing2>[\w’'-]+))?"
    r"|\bnames? (?:was|were|has|have|had) not (?:yet )?(?:been )?(?:released|disclosed|made public)"
    r"|\b(?:was|were|has|have|had) not (?:yet )?(?:been )?(?:named|identified)\b",
    re.IGNORECASE,
)
_PRONOUNS = frozenset("them him her it which who whom".split())
WITHHELD_REACH = 2  # the words before a thing that name it ("an outside billing contractor")


_NOT_NOUNS = frozenset("is s was are were do does did has have had will would can could".split())


def _asks_a_name(parsed: Question) -> bool:
    """Does the question ask who someone is or which thing it is by name ("who was the
    driver", "what is the name of the firm", "which billing company got hacked", "what
    law firm does she work for"; not "what happened to them")?"""
    if parsed.answer_type is AnswerType.PERSON or parsed.asks == ASKS_NAME:
        return True
    tokens = words(fold(parsed.text))
    if tokens[:1] == ["which"]:
        return len(tokens) > 1 and tokens[1] not in FRAME_WORDS
    if tokens[:1] != ["what"] or len(tokens) < 3 or tokens[1] in _NOT_NOUNS | FRAME_WORDS:
        return False
    return tokens[2] in _NOT_NOUNS or (len(tokens) > 3 and tokens[3] in _NOT_NOUNS)


async def _name_withheld(parsed: Question, quote: Quote, ctx: Context) -> bool:
    """Does the article say it withholds the name asked for, in the chosen sentence or the
    next one (a new paragraph often opens with it)? "Which billing company got hacked"
    is not answered by "the attackers entered through an outside billing contractor"
    when the next sentence says "Amado declined to name the contractor", nor "which firm
    is the city using" by "hired an outside firm, which it did not name".

    What is withheld must be what the question asks of: a pronoun, a word of the
    question, or a thing the chosen sentence names with a word of the question ("billing
    contractor"; "declined to name the contractor" says nothing of the name of the
    unit's head, in that sentence too). A name withheld of no one said ("their names
    were not released") is of the people in the sentence before, not of the hospital
    they were taken to."""
    if not _asks_a_name(parsed):
        return False
    where = quote.citation
    after = [
        q.text
        for q in await ctx.fetch([quote.sentence_id + 1])
        if q.citation.article_id == where.article_id
    ]
    asked = {stem(w) for w in parsed.question_words if is_informative(w)}
    tokens = [stem(w) for w in words(fold(quote.text))]

    def of_the_question(thing: str) -> bool:
        word = stem(fold(thing))
        return word in asked or any(
            set(tokens[max(0, i - WITHHELD_REACH) : i]) & asked
            for i, t in enumerate(tokens)
            if t == word
        )

    person = parsed.answer_type is AnswerType.PERSON or parsed.asks == ASKS_NAME
    for own, text in ((True, quote.text), *((False, t) for t in after)):
        for match in _WITHHELD.finditer(text):
            thing = match.group("thing") or match.group("thing2")
            if thing is None and (own or person):
                return True  # "their names were not released" is of people
            if thing is not None and (fold(thing) in _PRONOUNS or of_the_question(thing)):
                return True
    return False


# Words for people a question may ask the name of ("who were the two guys", "what was the
# name of the woman killed"), besides the posts of :data:`ROLE_HEADS`.
_PERSON_WORDS = PERSON_NOUNS | frozenset(
    "men women people persons child children kid kids boy boys girl girls teen teens "
    "teenager teenagers victim victims".split()
)
_COPULA = frozenset("is was were are s".split())
_PERSONAL_PRONOUNS = frozenset("he she they him her them his hers their".split())
PERSON_ASKED_REACH = 5  # words after "who was" in which the person asked is named
NAME_OPENING_ZIPF = 4.0  # a capitalised sentence opening this common is no name ("Two")
_NAME_TOKEN = re.compile(r"[\w'’.-]*\w")
_PLACE_WORDS = PLACE_PREPOSITIONS | {"on", "off", "near"}
_LEADING_DATELINE = re.compile(r"^[A-Z][A-Z .,'’-]*\s[—–-]\s")


def _person_asked(parsed: Question) -> str:
    """The word for the person whose name "who were the <count> <people>", "what is the
    name of the <person>" or "what was the <person>'s name" asks ("" for any other
    question: "who shot the man" asks of no man's name, and "who was the victim" may be
    answered by what the victim was; a decline there cost an answerable held-out
    question)."""
    tokens = strip_frame(normalize_chat(words(fold(parsed.text))))
    if tokens[:1] == ["who"] and tokens[1:2] and tokens[1] in _COPULA:
        # "who were the two guys": people the article counts; "who was the victim" may
        # be answered by what they are ("a 34-year-old nurse")
        counted = [w for w in tokens[2 : 2 + PERSON_ASKED_REACH] if w in NUMBER_WORDS]
        rest = tokens[tokens.index(counted[0]) + 1 :] if counted else []
    elif parsed.asks == ASKS_NAME and "of" in tokens:
        rest = tokens[tokens.index("of") + 1 :]
    elif tokens[:1] == ["what"] and tokens[1:2] and tokens[1] in _COPULA:
        rest = tokens[2:-1] if tokens[-1:] == ["name"] else []
    else:
        return ""
    for word in rest[:PERSON_ASKED_REACH]:
        if word in _PERSON_WORDS:
            return word
        post = lemma(word)  # a post in the plural too ("the names of the two firefighters")
        if post in ROLE_HEADS and post not in GENERIC_ROLE_HEADS:
            return post
    return ""


# Words that end the post a "who is the …" question asks of ("the ceo *of* Helvex").
_POST_ENDS = frozenset("of for in at before after that who now on with from to".split())


def post_asked(parsed: Question) -> str:
    """The post whose holder "who is the <post> (of …)" asks for ("who's the ceo of
    helvex", "who is harborline's head coach"): a post of :data:`ROLE_HEADS` ending the
    words before the first of :data:`_POST_ENDS`; "" for any other question, for a post
    that says little of itself ("rep", "official", "head") and for a family tie."""
    tokens = strip_frame(normalize_chat(words(fold(parsed.text))))
    if tokens[:1] != ["who"] or not tokens[1:2] or tokens[1] not in _COPULA:
        return ""
    phrase: list[str] = []
    for word in tokens[2:]:
        if word in _POST_ENDS:
            break
        if word != "s":  # "harborline 's head coach"
            phrase.append(word)
    if not phrase:
        return ""
    # the phrase's head: "head *coach*", not "chief rival"; a post, or its abbreviation
    # ("gm", "cfo"); no family tie ("who is Antigone's father": a name, seldom "father")
    word = phrase[-1]
    heads = {lemma(word)} | related_role_words([word])
    if not heads & ROLE_HEADS or heads & (GENERIC_ROLE_HEADS | FAMILY_NOUNS):
        return ""
    return lemma(word) if lemma(word) in ROLE_HEADS else word


def _post_unsaid(parsed: Question, quotes: Sequence[Quote]) -> str:
    """The post asked for (:func:`post_asked`) when none of the quotes to be shown holds
    it in any of its forms ("chief executive" for "ceo", "attorney" for "lawyer"); ""
    otherwise. "Who is the ceo of Brightfield Renewables" is not answered by "would be
    built by Brightfield Renewables, a developer based in Columbus": a sentence naming
    the holder says the post."""
    post = post_asked(parsed)
    if not post or any(holds_post(post, quote.text) for quote in quotes):
        return ""
    return post


def holds_post(post: str, text: str) -> bool:
    """Does ``text`` name ``post`` in any of its forms ("His attorney, Brian Kessler" for
    "lawyer"; "chief executive" for "ceo", both words), as the post itself: a form
    followed by another post's head is part of that post ("the state attorney general's
    office" names no one's lawyer)?"""
    spelled = tuple(TITLE_ABBREVIATIONS.get(post, ()))
    forms: list[tuple[str, ...]] = [
        (stem(w),) for w in related_role_words([post]) if w not in spelled
    ]
    if spelled:
        forms.append(tuple(stem(w) for w in spelled))
    folded = words(fold(text))
    stems = [stem(w) for w in folded]
    heads = [lemma(w) in ROLE_HEADS for w in folded]
    for form in forms:
        for i in range(len(stems) - len(form) + 1):
            if tuple(stems[i : i + len(form)]) != form:
                continue
            after = i + len(form)
            if after < len(stems) and heads[after] and (stems[after],) not in forms:
                continue
            return True
    return False


def names_someone(text: str, question_words: frozenset[str]) -> bool:
    """Does ``text`` name anyone or anything the question does not: a word capitalised
    where nothing else makes it so, no month, weekday, title or place after a preposition
    ("in Wexley", "on Wednesday"), nor a source after "according to"? A capitalised
    opening counts unless it is a common English word ("Two men …", not "Steyn said")."""
    tokens = list(_NAME_TOKEN.finditer(_LEADING_DATELINE.sub("", text)))
    source = place = False
    for i, match in enumerate(tokens):
        token = match.group()
        word = fold(token).strip(".")
        before = fold(tokens[i - 1].group()) if i else ""
        if before == "according":
            source = True
        if not token[:1].isupper():
            source = source and word in {"to", "the", "of", "and"}
            # "near the Elm Road and Carter Street junction": one place of two names
            following = tokens[i + 1].group()[:1] if i + 1 < len(tokens) else ""
            place = place and word == "and" and following.isupper()
            continue
        # "near the Quarry Road": the article between keeps the preposition's place
        two_before = fold(tokens[i - 2].group()) if i > 1 else ""
        place = place or before in _PLACE_WORDS or (before == "the" and two_before in _PLACE_WORDS)
        if source or place or word in question_words or word in MONTHS | WEEKDAYS | TITLE_WORDS:
            continue
        if word in NUMBER_WORDS:  # "Nineteen of the cases …"
            continue
        opening = not i or text[: match.start()].rstrip()[-1:] in '.!?:;"“‘—–('
        if opening and zipf_frequency(word, "en") >= NAME_OPENING_ZIPF:
            continue
        return True
    return False


async def _unnamed_person(parsed: Question, quote: Quote, ctx: Context) -> bool:
    """Is the person whose name is asked (:func:`_person_asked`) spoken of in the chosen
    sentence without a name, and named neither there nor in the sentences either side of
    it in its paragraph? "Who were the two guys kicked out of the hearing" is not answered
    by "Two men who refused to leave the microphone were escorted out by deputies", nor
    "what was the name of the woman killed on route 14" by "a 29-year-old woman was killed
    when her car slid off Route 14". A name the sentence before gives ("Hale, 34, … He
    was charged") or after it ("She was identified as …") is the answer's."""
    person = _person_asked(parsed)
    if not person:
        return False
    said = [fold(w) for w in words(quote.text)]
    people = _PERSON_WORDS if person in _PERSON_WORDS else frozenset({person})
    if not any(w in people or stem(w) == stem(person) for w in said):
        return False
    where = quote.citation
    sid = quote.sentence_id
    texts = [quote.text]
    for q in await ctx.fetch([i for i in (sid - 1, sid + 1) if i >= 0]):
        if q.citation.article_id != where.article_id or q.citation.paragraph != where.paragraph:
            continue
        # the sentence before only when this one speaks of someone by a pronoun; the one
        # after only when it goes on about them
        other = {fold(w) for w in words(q.text)}
        linked = set(said) if q.sentence_id < sid else other
        if linked & _PERSONAL_PRONOUNS or (q.sentence_id > sid and people & other):
            texts.append(q.text)
    return not any(names_someone(t, parsed.question_words) for t in texts)


async def _priced_elsewhere(
    parsed: Question, slots: Sequence[PricedSlot], quote: Quote, ctx: Context
) -> str:
    """The words naming what "how much does X cost / get paid" prices when neither the
    amount's sentence nor its paragraph nor its article's title names any of them, in
    these words or others ("" otherwise): "how much did the lake house cost" is not
    answered by the sum a treasurer stole, in an article that speaks of her lake house
    elsewhere, nor "how much does the superintendent get paid" by the school board's
    budget cut. X's words are :attr:`Question.priced` less names (a name the member
    capitalises, or one a headline gives, places the question) and words of money; one
    of them said near the amount (:data:`PRICED_REACH`), elsewhere in its paragraph or in
    the title, or meant by a word there, is enough. Without the semantic model nothing
    is declined here."""
    if ctx.word_similarity is None:
        return ""
    # names the member capitalised ("paid to Tesla, Brown and Peck") place the question
    capitalised = {fold(w) for w in _WORD.findall(parsed.text)[1:] if w[:1].isupper()}
    things = [
        slot
        for slot in slots
        if slot.known
        and not slot.word.isdigit()
        and slot.word not in capitalised
        and not (slot.rarity >= 1.0 and not slot.lower_case)
        and is_informative(slot.word)
        and slot.word not in PRICE_WORDS
        and slot.word not in parsed.speaker
        and slot.word not in _EVERYDAY_PRICED
        and slot.word in parsed.priced
        and not (ctx.speakers is not None and ctx.speakers.is_setting(slot.word))
    ]
    if not things:
        return ""
    around = [
        *_near_an_amount(quote.text),
        *await _paragraph_words(quote, ctx, own=False),
        *(w for w in words(fold(quote.citation.title)) if is_informative(w)),
    ]
    said = {stem(w) for w in around}
    if len(parsed.priced) > 1 and _costs_after(parsed):
        # "how much does a fishing permit cost": the thing priced is the permit, the last
        # of the words naming it; a word before it ("fishing") says only of what kind
        things = [slot for slot in things if slot.word == parsed.priced[-1]] or things
    if not around or any(set(slot.terms) & said for slot in things):
        return ""
    for slot in things:
        if max(ctx.word_similarity(slot.word, around)) >= WORD_MATCH_MIN:
            return ""
    return ", ".join(slot.word for slot in things[:UNMATCHED_WORDS])


def _costs_after(parsed: Question) -> bool:
    """Does the run of words naming what is priced end the question or stand before a
    word of money ("how much does a fishing permit cost", "what is the price of a day
    pass")? Then its last word is a noun, the thing priced; before another verb ("how
    much will the meters bring in") the run may end on the verb."""
    tokens = words(fold(parsed.text))
    run = list(parsed.priced)
    for i in range(len(tokens) - len(run) + 1):
        if tokens[i : i + len(run)] == run:
            after = tokens[i + len(run) : i + len(run) + 1]
            return not after or after[0] in PRICE_WORDS
    return False


async def _paid_elsewhere(parsed: Question, quote: Quote, ctx: Context) -> str:
    """The post whose pay "how much does the <post> make / earn / get paid" asks when the
    sentence stating the amount (or the one before it in its paragraph) names neither
    the post, in any spelling the role tables give it ("CEO", every word of "chief
    executive"), nor anyone of its article holding it ("" otherwise): a one-off payment
    "per worker" is no chief executive's pay, nor a chief financial officer's cost of the
    layoffs, nor what a company "has agreed to pay". A post near in meaning is no answer
    (a company is no CEO): the pay of the person asked about is stated of them.
    "Oyelaran, who earns $198,000" answers "how much does the superintendent earn" when
    Oyelaran is the article's superintendent. A post in the plural ("teachers") and one
    anyone may hold ("official") are left to the other checks."""
    if not PAID_WORDS & parsed.question_words:
        return ""
    posts = [
        w
        for w in parsed.priced
        if (w in ROLE_HEADS or w in TITLE_ABBREVIATIONS)
        and w not in GENERIC_ROLE_HEADS | HONORIFICS | DESCRIPTIVE_HEADS
    ]
    if not posts:
        return ""
    where = quote.citation
    before = [
        q.text
        for q in await ctx.fetch([quote.sentence_id - 1] if quote.sentence_id else [])
        if q.citation.article_id == where.article_id and q.citation.paragraph == where.paragraph
    ]
    said = {w for text in [quote.text, *before] for w in words(fold(text))}
    article = where.article_id
    for post in posts:
        full = TITLE_ABBREVIATIONS.get(post, ())
        if set(full) <= said and full:
            return ""
        if (related_role_words({post}) - set(full)) & said:
            return ""
        if ctx.speakers is not None:
            holders = ctx.speakers.role_holders(post, (), lambda a: a == article)
            if any({fold(w) for w in key[1].split()} & said - TITLE_WORDS for key in holders):
                return ""
    return ", ".join(posts)


def _near_an_amount(text: str) -> list[str]:
    """The informative words of ``text`` within :data:`PRICED_REACH` words of an amount of
    money it states: "stealing more than $1.3 million … and spending it on a lake house"
    prices no lake house."""
    tokens = list(_WORD.finditer(text))
    ends = [t.end() for t in tokens]
    near: dict[str, None] = {}
    for match in amounts(text):
        at = bisect_right(ends, match)  # the tokens before the amount
        for token in tokens[max(0, at - PRICED_REACH) : at + PRICED_REACH + 1]:
            word = fold(token.group())
            if is_informative(word) and not word.isdigit():
                near[word] = None
    return list(near)


async def _paragraph_words(quote: Quote, ctx: Context, own: bool = True) -> list[str]:
    """The informative words of the quote (unless not ``own``) and of the sentences of
    its paragraph (up to :data:`PARAGRAPH_REACH` either side), each once."""
    sid, where = quote.sentence_id, quote.citation
    near = [
        i for i in range(sid - PARAGRAPH_REACH, sid + PARAGRAPH_REACH + 1) if i >= 0 and i != sid
    ]
    texts = [quote.text] * own + [
        q.text
        for q in await ctx.fetch(near)
        if q.citation.article_id == where.article_id and q.citation.paragraph == where.paragraph
    ]
    return list(
        dict.fromkeys(
            w for t in texts for w in words(fold(t)) if is_informative(w) and not w.isdigit()
        )
    )


# News saying that what a question asks is not known, or not told: "he did not say how
# long that might take", "the hospital has not said how much money the attackers
# demanded", "it was not clear when", "we will find out why that valve failed". The
# question word after such a cue says which kind of fact is missing; each asks for the
# kinds of :class:`AnswerType` it names.
_UNKNOWN_ASKED: dict[tuple[str, ...], frozenset[AnswerType]] = {
    ("why",): frozenset({AnswerType.REASON}),
    ("how", "much"): frozenset({AnswerType.NUMBER}),
    ("how", "many"): frozenset({AnswerType.NUMBER}),
    ("how", "long"): frozenset({AnswerType.DURATION}),
    ("when",): frozenset({AnswerType.DURATION}),
    ("where",): frozenset({AnswerType.PLACE}),
}
# Not "when" questions: news answers them by an event as often as by a date ("after the
# storm"), beside "it was not clear when" something else would happen (a decline there
# cost an answerable held-out question).
# A negation before a verb of telling or knowing: "did not say", "declined to
# disclose", "has not been determined", "would not confirm", "no one knows".
# ("didn't" is read as "didn", "t").
_NEGATIONS = frozenset("not never declined refused no nobody t".split())
_TELLING = frozenset(
    "say said says disclose disclosed explain explained reveal revealed know known knows "
    "clear determine determined specify specified confirm confirmed release released "
    "elaborate detail detailed tell told indicate indicated announce announced "
    "estimate estimated".split()
)
# Words saying the fact is yet to be learned, with no negation: "it was unclear why",
# "we will find out why", "officials are investigating how many".
_OPEN_CUES = frozenset(
    "unclear uncertain unknown investigating investigate investigation determine "
    "determining".split()
)
_OPEN_PAIRS = frozenset({("find", "out"), ("finding", "out"), ("look", "at"), ("looking", "into")})
# "How long": a closing or suspension with no end ("was closed indefinitely", "until
# further notice") states no span, and none is known.
_OPEN_ENDED = re.compile(r"\bindefinitely\b|\buntil further notice\b", re.IGNORECASE)
# "Why did the chair vote for it": a sentence saying the one who acted could not be
# asked ("did not return calls", "could not be reached", "declined to comment") says
# their reason is not given.
_UNREACHED = re.compile(
    r"\b(?:did|does|has|have|had)(?: not|n[’']t) (?:immediately )?(?:return(?:ed)? "
    r"(?:calls|messages|emails|phone calls)|respond(?:ed)? to (?:a |several |repeated )?"
    r"requests? for comment)|\bcould(?: not|n[’']t) be reached\b|\bdeclined to comment\b",
    re.IGNORECASE,
)
UNKNOWN_CUE_REACH = 5  # words before the question word in which a cue stands
UNKNOWN_CLAUSE = 8  # words after the question word that say what is not known
# A clause elsewhere in the article must hold this many of the question's content words
# (and at least half of them) to be about what is asked.
UNKNOWN_ELSEWHERE_SHARED = 2
UNKNOWN_READ = 40  # sentences of the answer's article read for such a clause
_REFERRING = frozenset("it that this they these those he she its their".split())
# "Why": a sentence stating a cause answers it whatever the article says elsewhere.
# ("this caused" says what followed, not why).
_CAUSE_WORDS = frozenset({"because"})
_CAUSE_PAIRS = frozenset(
    {("due", "to"), ("caused", "by"), ("result", "of"), ("owing", "to"), ("blamed", "on")}
)


def _unknown_clauses(text: str, kinds: frozenset[AnswerType]) -> list[list[str]]:
    """The clauses of ``text`` that say a fact of one of ``kinds`` is not known or not
    told (folded tokens after the question word, :data:`UNKNOWN_CLAUSE` at most)."""
    tokens = words(fold(text))
    out: list[list[str]] = []
    for i in range(len(tokens)):
        asked = next(
            (types for wh, types in _UNKNOWN_ASKED.items() if tuple(tokens[i : i + len(wh)]) == wh),
            None,
        )
        if asked is None or not asked & kinds:
            continue
        window = tokens[max(0, i - UNKNOWN_CUE_REACH) : i]
        negated = any(
            w in _NEGATIONS and set(window[j + 1 :]) & _TELLING for j, w in enumerate(window)
        )
        open_ = bool(set(window) & _OPEN_CUES) or any(
            pair in _OPEN_PAIRS for pair in pairwise(window)
        )
        if negated or open_:
            wh_len = 1 if tokens[i] in {"why", "when", "where"} else 2
            out.append(tokens[i + wh_len : i + wh_len + UNKNOWN_CLAUSE])
    return out


def _states_a_cause(text: str) -> bool:
    tokens = words(fold(text))
    return bool(set(tokens) & _CAUSE_WORDS) or any(
        pair in _CAUSE_PAIRS for pair in pairwise(tokens)
    )


async def _fact_unknown(parsed: Question, quote: Quote, ctx: Context, index: Retriever) -> bool:
    """Does the article say that what the question asks is not known or not told? "How
    long will the plant stay shut" is not answered by "the plant … would stay shut until
    inspectors were satisfied, but he did not say how long that might take", nor "why
    did the valve fail" by "the leak began when a valve … failed", when the plant manager
    says "we will find out why that valve failed". The clause must be of the kind asked
    (why, how much or many, how long, where; not "when") and about what is asked: in the chosen
    sentence or the next one, a word of the question or a pronoun ("how long *that*
    might take"); elsewhere in the article, :data:`UNKNOWN_ELSEWHERE_SHARED` of the
    question's content words and half of them ("why that valve failed"). A chosen
    sentence stating the kind asked (a figure, a span; a cause for "why": "because",
    "caused by") is left alone. "Why" is also declined when the sentence says the one
    who acted could not be asked ("did not return calls"), "how long" when it says
    "indefinitely"."""
    kinds = frozenset({parsed.answer_type})
    if not any(kinds & types for types in _UNKNOWN_ASKED.values()):
        return False
    if (
        parsed.answer_type is AnswerType.DURATION
        and _OPEN_ENDED.search(quote.text)
        and not has_answer_type(quote.text, AnswerType.DURATION, parsed.question_words)
    ):
        return True  # "suspended indefinitely": no end is known
    if parsed.answer_type is AnswerType.REASON and _states_a_cause(quote.text):
        return False
    if parsed.answer_type is AnswerType.REASON and _UNREACHED.search(quote.text):
        return True  # "did not return calls": whoever acted gave no reason
    content = {
        stem(w)
        for w in parsed.question_words
        if is_informative(w) and w not in FRAME_WORDS and w not in _REFERRING
    }
    if not content:
        return False

    def about(clause: list[str], near: bool) -> bool:
        shared = content & {stem(w) for w in clause}
        if near:
            return bool(shared) or bool(clause[:1] and clause[0] in _REFERRING)
        need = min(UNKNOWN_ELSEWHERE_SHARED, len(content))
        return len(shared) >= need and 2 * len(shared) >= len(content)

    where = quote.citation
    after = [
        q
        for q in await ctx.fetch([quote.sentence_id + 1])
        if q.citation.article_id == where.article_id
    ]
    # A sentence stating the kind of fact asked ("did not say how much it paid last
    # year, but $2 million this year"; "reopened on Monday") may answer, whatever the
    # article says it does not know.
    if parsed.answer_type is not AnswerType.REASON and has_answer_type(
        quote.text, parsed.answer_type, parsed.question_words
    ):
        return False
    for text in (quote.text, *(q.text for q in after)):
        if any(about(c, near=True) for c in _unknown_clauses(text, kinds)):
            return True
    terms = [t for t in parsed.terms if t in index]
    if not terms:
        return False
    ids, scores = index.sentence_scores(terms)
    if not len(ids):
        return False
    article = index.article_of(np.array([quote.sentence_id], dtype=np.int64))[0]
    mine = index.article_of(ids) == article
    ids, scores = ids[mine], scores[mine]
    read = ids[np.argsort(-scores, kind="stable")[:UNKNOWN_READ]].tolist()
    read = [sid for sid in read if sid not in {quote.sentence_id, quote.sentence_id + 1}]
    for q in await ctx.fetch(read):
        if any(about(c, near=False) for c in _unknown_clauses(q.text, kinds)):
            return True
    return False
