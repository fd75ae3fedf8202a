"""Question → ranked quotes → :class:`Answer` (or an explicit no-answer).

1. Read the question (:mod:`index.question`): search terms, answer type, speaker. Each
   informative word becomes a *slot*: the term(s) searched for it (typos corrected by
   :mod:`index.typos`), whether the library knows it, and how informative it is.
2. "What did X say": X's sentences in article order, ahead of sentences that only
   mention X (:mod:`index.speaker_answers`, over :mod:`index.speakers`).
3. Otherwise BM25 over sentences plus their paragraph's BM25 as context; the best
   candidates also get their BM25 within their own article (what sets a sentence apart
   from its neighbours, not the article's subject), a bonus when question words stand
   together in them (a phrase), a bonus for holding the wanted answer type, and a factor
   for how much of the question their *article* covers: a sentence that shares only
   "happened" with the question should not beat one from the article about its subject.
4. Decide on evidence. A candidate whose paragraph lacks a rare word of the question that
   the library knows (a name, usually), and whose article mentions it at most in passing,
   is never shown: that word lives in another article. The best remaining sentence must
   cover enough of the question's informative mass; words the library has never seen
   count less when they are common English words, since they are likely paraphrased
   ("gonna", "kick in"), and a sentence holding the asked-for kind of answer (a date for
   "when") is further evidence, and a question asking for a number is declined when the
   best sentence states no figure (the fact asked for is unstated). When the words fall short,
   meaning may stand in (semantic ranking on): the sentence of the question's article(s)
   closest to the question answers if it is clearly closer than the other articles'
   candidates (:func:`_semantic_choice`). Otherwise the answer says the library does not
   know. Once the lexical evidence answers, a sentence of the leading articles that no
   BM25 candidate is (a paraphrase sharing no word with the question) may take the first
   place when it is clearly closer in meaning than all of them (:mod:`index.dense_recall`).
5. Quotes much weaker than the first are left out rather than shown as filler. With
   vectors, the slots left free show the first quote's article's sentences closest to
   the question in meaning, after every lexical quote (:func:`_dense_later`).
6. With semantic ranking on, once the rules answer (by words or by meaning), a learned
   model (:mod:`index.answerability`) may still decline: the question and the sentence
   to be shown are weak together in ways no single rule reads ("answerability").

The score shown with each quote is the ranking score described above; quotes are listed
by it, highest first (X's own sentences in a "what did X say" answer share the first).
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from itertools import pairwise

import numpy as np
from numpy.typing import NDArray

from .acronyms import expand as expand_acronyms
from .analyze import analyze, cased_words, fold, is_informative, lemma, stem, words
from .answer_context import (
    MISSING_RARE,
    WORD,
    AnswerContext,
    CrossScore,
    WordSimilarity,
    rarity,
    surface,
)
from .answer_types import (
    MONTHS,
    OUTCOMES,
    RELATIVE_TIMES,
    WEEKDAYS,
    answer_type_strength,
    gives_advice,
    states_a_new_name,
    states_a_time_of_day,
    states_an_age,
    states_an_amount,
    states_outcome,
    without_amounts,
)
from .answerability import Evidence
from .answerability import row as answerability_row
from .asked_year import year_unsaid
from .bm25 import best_positions
from .dense_recall import closer_in_meaning, closest_of_leading, closest_unshown
from .learned_recall import learned_pick
from .models import Answer, Quote
from .question import (
    ASKS_ADVICE,
    ASKS_AGE,
    ASKS_ARREST,
    ASKS_HARM,
    ASKS_LAWSUIT,
    ASKS_NAME,
    ASKS_PRICE,
    NUMBER_WORDS,
    OUTCOME_WORDS,
    PRICE_WORDS,
    AnswerType,
    Question,
    asks_a_clock_time,
    is_plural,
    parse_question,
)
from .rank_features import FEATURES as RANK_FEATURES
from .rank_features import SPECIFIC_MARGIN, Pool, features
from .retriever import Presence, Retriever
from .roles import related_role_words
from .small_talk import is_small_talk
from .speaker_answers import (
    SPEECH_VERBS,
    attributed,
    named_but_silent,
    named_elsewhere,
    other_namesake,
    passages,
    role_unheld,
)
from .typos import SYNONYM_SENTENCES, Correction
from .withheld_facts import (
    UNMATCHED_WORDS,
    _fact_unknown,
    _name_withheld,
    _paid_elsewhere,
    _paragraph_words,
    _post_unsaid,
    _priced_elsewhere,
    _unnamed_person,
    holds_post,
    names_someone,
    post_asked,
)

MAX_QUESTION_CHARS = 500
# The work one question may ask for, whatever it holds. A question is ranked on the
# library's one thread, so every other server's answers wait behind it: its length alone
# does not bound the work (a 480-character list of speaker surnames made the speaker
# lookup compare every speaker with every word). Real questions stay well inside these
# (every squad-dev question does).
MAX_QUERY_TERMS = 32  # distinct search terms ranked (the first ones asked)
MAX_SPEAKER_WORDS = 6  # words naming a speaker (the last ones: the surname comes last)
MAX_CORRECTED_TERMS = 8  # distinct unknown terms looked up in the vocabulary for typos
POOL = 30  # BM25 candidates that the later stages may reorder
PARAGRAPH_WEIGHT = 1.0
ARTICLE_POOL = 10  # the best candidates scored within their article
ARTICLE_WEIGHT = 0.5  # within-article BM25, added to the score
# Question terms adjacent in the question and in the sentence add this share of the
# smaller IDF of the two (see README for what it measured).
PHRASE_WEIGHT = 0.25
# The score gets this share of its whole article's BM25 (articles as documents) added.
ARTICLE_CONTEXT = 1.0
# A sentence holding the kind of answer asked for gets its score raised by this share.
TYPE_POOL = 10  # the best candidates checked for holding the answer type
TYPE_BONUS = {
    AnswerType.NUMBER: 0.2,
    AnswerType.DATE: 0.2,
    AnswerType.DURATION: 0.2,
    AnswerType.PERSON: 0.05,  # capitalised pairs are common: a tie-breaker only
}
# A word the library lacks whose derivational family it holds ("evacuees": "evacuation")
# is searched as that family when the two are this close in meaning (the encoder's word
# cosine): "evacuees" / "evacuation" 0.59, "hackers" / "hack" 0.68, while stems that only
# look like a family stay below it ("mission" / "miss" 0.33, "portion" / "port" 0.19).
# Only with the semantic model: the stemmer cannot tell the two kinds apart.
FAMILY_MIN = 0.5
# The share of such a word's weight that still counts as unknown: "where are the evacuees
# from the flood staying" in a wildfire library is as unknown as before (a question about
# another event), "where are evacuees staying" is asked.
FAMILY_UNKNOWN = 0.5
# Word frequency (wordfreq's Zipf scale: 7 is "the", 3 is once in a million words) of a
# word the library lacks sets how much its absence counts: a rare word or a name at or
# below RARE_ZIPF fully, a word at or above COMMON_ZIPF only UNKNOWN_FLOOR of that.
UNKNOWN_FLOOR = 0.5
# Articles: each holds a share of the question's known words (weighted by IDF among
# articles). When no article holds MIN_ARTICLE_SHARE, the question mixes articles ("the
# weather in <a city another article is about>") and is not answered; a candidate whose
# article holds ARTICLE_MARGIN less than the best one is never shown.
MIN_ARTICLE_SHARE = 0.45
ARTICLE_MARGIN = 0.5
# A question whose words are spread over articles is still answered when the learned
# answerability model finds its best sentence at least this likely to answer it: more
# likely than not (see :func:`_model_sure`).
MIXED_SURE = 0.5
# A candidate whose article falls SPECIFIC_MARGIN short of the best on shares whose words
# also weigh their rarity in English (see :func:`rarity`, at least SPECIFIC_FLOOR of it)
# comes after every candidate whose article does not: in a small library an everyday word
# ("even", "still", "someone") is as rare among its articles as the question's topic
# ("recount"), yet it says little about which article the question is about. (SPECIFIC_MARGIN
# is index/rank_features.py's: the learned reranker reads the same test as a feature.)
SPECIFIC_FLOOR = 0.05
# A word below this rarity in English ("still" 0.03, "even" 0, "someone" 0.12) is an
# everyday word: alone it never brings a quote from an article lacking the question's
# specific words (see :func:`_subject_admitted`).
EVERYDAY_RARITY = 0.2
# A known word at least this rare in English (a name) is the question's subject: its
# article must hold it. (0.8, which also takes in "measles" or "embargo", declined more
# than a hundred answerable squad-dev questions.)
SUBJECT_RARITY = 1.0
# The article naming the question's subject must hold this share of its other content.
NAMED_ARTICLE_CONTENT = 0.25
# Abstention: the question's unknown words may carry under MAX_UNKNOWN_SHARE of its mass,
# and the best sentence must cover MIN_COVERAGE of it (TYPE_EVIDENCE more for a sentence
# holding the answer type asked for counts towards both).
MAX_UNKNOWN_SHARE = 0.5
MIN_COVERAGE = 0.25
PARAGRAPH_CREDIT = 0.5  # a slot only the sentence's paragraph holds counts this much
TYPE_EVIDENCE = 0.6
# Paraphrase: when the lexical evidence is too thin (a word the question uses is missing:
# "what caused the boil water notice" against "after a water main burst … an advisory"),
# the sentence of the article(s) the question's known words point to that is closest to
# the question in meaning answers, if its cosine reaches SEMANTIC_MIN and beats every
# candidate from the other articles by SEMANTIC_MARGIN. Only the SEMANTIC_ARTICLES best
# articles are read, at most SEMANTIC_READ sentences each, whatever the library's size.
# The margin over the other articles is what tells a paraphrase from a sentence merely on
# the question's topic; a member's short question ("was anybody hurt in the gas thing"
# against "No one was injured") often reaches little more than 0.3 with its answer, and a
# floor of 0.4 declined more answerable questions on unseen news than it kept no-answer
# ones declined (README, "Declines measured on the training writers' sets").
SEMANTIC_MIN = 0.35
SEMANTIC_MARGIN = 0.1
SEMANTIC_ARTICLES = 2
SEMANTIC_READ = 400
# The closest sentences offered (at most SEMANTIC_TRIES), each checked for saying what is
# asked: those within SEMANTIC_TIE of the closest, as close to the question as it is.
SEMANTIC_TRIES = 3
SEMANTIC_TIE = 0.02
# "Was anyone hurt", "has anyone been arrested": the OUTCOME_TRIES sentences closest to it
# that say whether it befell anyone are offered, once the closest of all meets the floor
# and margin (see :func:`_semantic_choices`).
OUTCOME_TRIES = 3
# A word the library lacks that is an everyday English word (rarity from MISSING_RARITY
# up to MISSING_RARE): the answer must then be the candidate closest in meaning to the
# question (see :func:`_unsaid`).
MISSING_RARITY = 0.2
# Words for the member's own day: a question about it ("whats the weather tomorrow") is
# about no article's day, when the library never uses the word.
ASKERS_DAY = frozenset({"today", "tomorrow"})
# Kinds of answer a sentence states in figures: a paraphrase answer must hold one.
MEASURED = frozenset({AnswerType.NUMBER, AnswerType.DATE, AnswerType.DURATION})
# Words that answer "how many" without a figure ("Most Christians in the town attend").
QUANTIFIERS = frozenset("most many few several none majority minority all".split())
# "How many <things>": the words a figure counts are the COUNTED_AFTER words after it
# ("1.9 million containers", "four vessels") and the COUNTED_BEFORE words before it ("a
# crowd of 5,000"); one of them must be a question's counted word, in another form, or
# (semantic ranking on) close to it in meaning: cosine COUNTED_MIN ("vessels" for
# "ships", not "homes" for "tourists"). Only when the first counted word (the noun, most
# often) has rarity COUNTED_RARITY or more (see :func:`rarity`): "times", "people" say
# too little about what is counted.
# The COUNTED_POOL best candidates are read for one whose figure counts the asked thing.
COUNTED_AFTER = 4
COUNTED_BEFORE = 3
COUNTED_MIN = 0.5
COUNTED_RARITY = 0.2
COUNTED_POOL = 5
# Words joining a range of figures ("five to seven years"): the later figure's thing.
_RANGE_WORDS = frozenset({"to", "or", "and"})
# "How much does X cost": the PRICE_POOL best candidates are read for one stating an
# amount of money (a sentence with a price shares fewer words with the question than
# one about X without it, more often than one with a count does).
PRICE_POOL = 10
# Kinds asked that the learned reranker's weights were trained without: its feature of
# the kind stated reads them as a question asking for no kind, as in training.
UNLEARNED_KINDS = frozenset(OUTCOMES)
# Ordering only: a figure with a counted word among the COUNTED_AFTER words after it, or
# the COUNTED_BESIDE words before it ("total yards 315"), comes before one whose sentence
# names the counted word elsewhere.
COUNTED_BESIDE = 1
# Words that state how many: number words, and those that answer "how many" without a
# figure ("several lakes", "only a few", "a single molecule").
FIGURE_WORDS = NUMBER_WORDS | QUANTIFIERS | frozenset("once single couple".split())
# Yes/no questions: a question word the chosen sentence's article never uses, no everyday word
# (rarity from UNMATCHED_RARITY) and no name (rarity 1, written capitalised: names are
# :func:`_about_the_names`' part; "ransomware" is checked here), must be said in other words by the
# sentence or its paragraph: some word there within cosine UNMATCHED_MATCH_MIN of it ("deadly"
# → "fatal"), or the question asks what the article does not say ("a stampede at the festival",
# "the CDC"). Read only with the semantic model; at most UNMATCHED_WORDS words are compared
# (defined in index/withheld_facts.py, whose price checks share it). Single words' cosines are
# low for a member's loose wording ("losses" for "forfeits", "feds", "outright"): at the price
# checks' 0.5 (WORD_MATCH_MIN) this declined more answerable yes/no questions than no-answer
# ones on news nobody tuned it for (README, "Declines measured on the training writers' sets").
UNMATCHED_RARITY = 0.45
UNMATCHED_MATCH_MIN = 0.4
# Beyond yes/no questions, those whose answer must state something of the thing asked
# about ("how much does <X> cost"): another thing's price is no answer. There only words
# that another article uses are checked.
CLAIMED = frozenset({ASKS_PRICE})
# Quotes after the first are shown only when their score reaches this share of the first.
RELATIVE_CUT = 0.5


@dataclass(frozen=True)
class Slot:
    """One informative word of the question."""

    word: str  # as the question has it (folded), for messages and word frequency
    terms: tuple[str, ...]  # what is searched for it: the term, or its typo corrections
    known: bool  # does the library hold one of ``terms``?
    weight: float  # how informative it is here (IDF; see :func:`slot_weight`)
    rarity: float  # 0 for a very common English word, 1 for a rare word or a name
    # A rare word the articles write in lower case ("obscuring", "scrutinize"): a rare
    # English word, no name the question's subject must be (see :func:`_about_the_names`).
    lower_case: bool = False
    # Searched as its derivational family ("evacuees": evacuation), not as itself: known,
    # but it says less than the word would, so it counts part unknown (FAMILY_UNKNOWN).
    family: bool = False


def slot_weight(
    term: str, known: bool, word_rarity: float, index: Retriever, typed: bool = True
) -> float:
    """A known term weighs its IDF. A term the library lacks weighs like a term found in
    one sentence, the most informative kind; in a question asking for a kind of answer
    (a number, a date) it weighs less when it is a common English word, since a sentence
    holding that kind of answer may say it differently ("kick in" for "take effect"). A
    question asking for no kind of answer has nothing that could stand in for a missing
    word, however common ("What is the population of <town>?")."""
    if known:
        return index.idf(term)
    unknown = index.max_idf() or 1.0
    if not typed:
        return unknown
    return unknown * (UNKNOWN_FLOOR + (1 - UNKNOWN_FLOOR) * word_rarity)


def bounded(question: Question) -> Question:
    """The question with at most :data:`MAX_QUERY_TERMS` distinct search and topic terms
    and :data:`MAX_SPEAKER_WORDS` speaker words, so that no question costs more than a
    long ordinary one."""

    def first_distinct(terms: list[str]) -> list[str]:
        keep = set(list(dict.fromkeys(terms))[:MAX_QUERY_TERMS])
        return [t for t in terms if t in keep]

    return replace(
        question,
        terms=first_distinct(question.terms),
        topic_terms=first_distinct(question.topic_terms),
        speaker=question.speaker[-MAX_SPEAKER_WORDS:],
    )


async def _slots(
    question: Question, ctx: AnswerContext
) -> tuple[list[Slot], dict[str, Correction]]:
    """The question's slots in question order, and the typo corrections made. At most
    :data:`MAX_CORRECTED_TERMS` distinct unknown terms are looked up."""
    index = ctx.index
    corrections: dict[str, Correction] = {}
    slots: list[Slot] = []
    typed = question.answer_type is not AnswerType.ANY
    looked_up = 0
    for term in dict.fromkeys(question.terms):
        word = surface(term, question)
        fix: Correction | None = None
        if ctx.corrector and term not in index and looked_up < MAX_CORRECTED_TERMS:
            looked_up += 1
            fix = await ctx.corrector.fix(word, term, index, index.version, ctx.fetch)
            if fix is None:
                fix = await ctx.corrector.compound(word, term, index, index.version, ctx.fetch)
            if fix is None and ctx.word_similarity is not None:
                fix = await ctx.corrector.family(word, term, index, index.version, ctx.fetch)
                if fix and max(ctx.word_similarity(word, fix.shown)) < FAMILY_MIN:
                    fix = None
        if fix:
            corrections[term] = fix
        terms = tuple(fix.terms) if fix else (term,)
        known = terms[0] in index
        # A corrected word is as rare as the word meant: a misspelling is no English word,
        # and read as one it would be a name ("nite" → night is no subject to hold).
        r = rarity(fold(fix.shown[0])) if fix and fix.shown else rarity(word)
        weight = slot_weight(terms[0], known, r, index, typed)
        lower = False
        if ctx.corrector and known and r >= SUBJECT_RARITY:
            written = await ctx.corrector.surface(terms[0], index, index.version, ctx.fetch)
            lower = written is not None and not written.is_name
        slots.append(Slot(word, terms, known, weight, r, lower, bool(fix and fix.family)))
    if ctx.corrector and ctx.word_similarity is not None:
        await _synonyms(question, ctx, slots, corrections, typed)
    return slots, corrections


# Words naming a time: a closed set whose members the encoder finds close in meaning,
# never the same time ("tomorrow" is no "Wednesday"), so never read as one another.
TIME_WORDS = MONTHS | WEEKDAYS | RELATIVE_TIMES


async def _synonyms(
    question: Question,
    ctx: AnswerContext,
    slots: list[Slot],
    corrections: dict[str, Correction],
    typed: bool,
) -> None:
    """Real words the library lacks, each read as the word closest to it in meaning in
    the sentences the question's known words find first, when that is close enough
    (:meth:`TermCorrector.synonym`): searched as that word and counted half unknown,
    as a derivational family is. Only with the semantic model."""
    assert ctx.corrector is not None and ctx.word_similarity is not None
    index = ctx.index
    unknown = [i for i, s in enumerate(slots) if not s.known and s.terms[0] not in corrections]
    open_ = unknown[:MAX_CORRECTED_TERMS]
    known = [t for s in slots if s.known for t in s.terms]
    if not open_ or not known:
        return
    ids, _, combined = index.scores(known, PARAGRAPH_WEIGHT)
    if not len(ids):
        return
    top = ids[np.argsort(-combined, kind="stable")[:SYNONYM_SENTENCES]]
    texts = [q.text for q in await ctx.fetch(top.tolist())]
    asked = question.question_words
    for i in open_:
        slot = slots[i]
        term = slot.terms[0]
        fix = ctx.corrector.synonym(
            slot.word, term, texts, asked, index, ctx.word_similarity, TIME_WORDS
        )
        if fix is None:
            continue
        corrections[term] = fix
        r = rarity(fold(fix.shown[0]))
        weight = slot_weight(fix.terms[0], True, r, index, typed)
        slots[i] = Slot(slot.word, tuple(fix.terms), True, weight, r, False, True)


@dataclass
class Ranked:
    """The candidates, best first, with what the decision needs to know about them."""

    ids: list[int]
    score: dict[int, float]
    held: dict[int, NDArray[np.float64]]  # by sentence id: 1 per slot it holds, less for
    # a slot only its paragraph holds
    strength: dict[int, float]  # answer-type strength, for typed questions
    best_article_share: float  # the most of the question's known words one article holds
    shares: dict[int, float]  # by article (first sentence id): the share it holds
    passes: dict[int, bool]  # False: its article holds much less of the question than another
    # False: its article holds much less of the question's specific words (weighed by their
    # rarity in English too) than another: shown after every candidate whose article does
    specific: dict[int, bool] = field(default_factory=dict)
    # by article: the share of the question's specific words it holds, and the best share
    specific_shares: dict[int, float] = field(default_factory=dict)
    best_specific_share: float = 0.0
    # by sentence id, for a question asking for a number ("how much"): does it state any
    # figure (a number, date or duration: phrasing blurs the kinds). Not for "when": an
    # event or an era answers it as well as a date does.
    number_texts: dict[int, str] = field(default_factory=dict)  # checked for the first only
    # The parts of the lexical score, by sentence id (the learned reranker's features):
    # sentence + paragraph BM25, BM25 within the article, phrase bonus, article BM25.
    parts: dict[str, dict[int, float]] = field(default_factory=dict)
    terms: tuple[str, ...] = ()  # the terms searched


def _slot_matrix(
    slots: Sequence[Slot], terms: list[str], found: NDArray[np.bool_]
) -> NDArray[np.bool_]:
    """Per candidate, per slot: any of the slot's terms found (columns follow ``terms``)."""
    column = {t: j for j, t in enumerate(terms)}
    out = np.zeros((found.shape[0], len(slots)), dtype=np.bool_)
    for j, slot in enumerate(slots):
        for t in slot.terms:
            out[:, j] |= found[:, column[t]]
    return out


def _phrase_bonus(
    slots: Sequence[Slot], ids: NDArray[np.int64], index: Retriever
) -> NDArray[np.float64]:
    """Question words that stand together in the question and in a sentence ("interest
    rate", "cease fire") are a phrase: worth more than the same words scattered."""
    pairs: list[tuple[str, str]] = []
    value: list[float] = []
    for a, b in pairwise(slots):
        if not (a.known and b.known):
            continue
        for ta in a.terms:
            for tb in b.terms:
                pairs.append((ta, tb))
                value.append(min(a.weight, b.weight))
    if not pairs or len(pairs) > 60:
        return np.zeros(len(ids), dtype=np.float64)
    masks = index.adjacent_pairs(ids, pairs)
    bits = (masks[:, None] >> np.arange(len(pairs))) & 1
    return np.asarray(bits @ np.array(value), dtype=np.float64)


def _rank(
    slots: Sequence[Slot],
    terms: Sequence[str],
    ids: NDArray[np.int64],
    combined: NDArray[np.float64],
    ctx: AnswerContext,
) -> Ranked:
    index = ctx.index
    order = best_positions(ids, combined, POOL)
    pool = ids[order]
    score = combined[order].copy()
    base = score.copy()
    top = min(ARTICLE_POOL, len(pool))
    within = index.article_scores(terms, pool[:top])
    score[:top] += ARTICLE_WEIGHT * within
    phrase = _phrase_bonus(slots, pool, index)
    if PHRASE_WEIGHT:
        score += PHRASE_WEIGHT * phrase
    context = index.article_match(terms, pool)
    if ARTICLE_CONTEXT:
        score += ARTICLE_CONTEXT * context
    flat = list(dict.fromkeys(t for s in slots for t in s.terms))
    presence: Presence = index.presence(flat, pool)
    held = _slot_matrix(slots, flat, presence.sentence)
    near = _slot_matrix(slots, flat, presence.paragraph)
    shares, best = _article_shares(slots, index)
    specific, most = _article_shares(slots, index, specific=True)
    articles = index.article_of(pool).tolist()
    share = np.array([shares.get(a, 0.0) for a in articles])
    own = np.array([specific.get(a, 0.0) for a in articles])
    passes = (share >= best - ARTICLE_MARGIN) & _about_the_names(slots, pool, index)
    sids = pool.tolist()
    return Ranked(
        ids=sids,
        score=dict(zip(sids, score.tolist(), strict=True)),
        held={
            sid: np.where(held[i], 1.0, PARAGRAPH_CREDIT * near[i]) for i, sid in enumerate(sids)
        },
        strength={},
        best_article_share=best,
        shares=shares,
        passes=dict(zip(sids, passes.tolist(), strict=True)),
        specific=dict(zip(sids, (own >= most - SPECIFIC_MARGIN).tolist(), strict=True)),
        specific_shares=specific,
        best_specific_share=most,
        parts={
            name: dict(zip(sids, values.tolist(), strict=False))
            for name, values in (
                ("base", base),
                ("within", within),  # the ARTICLE_POOL best only: the reranker reads the rest
                ("phrase", phrase),
                ("context", context),
            )
        },
        terms=tuple(terms),
    )


def _about_the_names(
    slots: Sequence[Slot], pool: NDArray[np.int64], index: Retriever
) -> NDArray[np.bool_]:
    """Which candidates come from an article that is about what the question names.

    A word that is no common English word ("Millbrook", "Peskov") names the question's
    subject: an article that never mentions it cannot answer, however well one of its
    sentences matches the question's other words ("What is the weather in Millbrook?"
    against a storm report about another town). And the article that names it must also
    hold most of the question's other content, or the question mixes articles. A rare word
    that the articles write in lower case ("obscuring", "scrutinize") is a rare English
    word, not a name: it is part of that content, and may be said otherwise in the article
    that answers.
    """
    names = [s for s in slots if s.known and s.rarity >= SUBJECT_RARITY and not s.lower_case]
    if not names:
        return np.ones(len(pool), dtype=np.bool_)
    articles, held = index.article_coverage([(s.terms, 1.0) for s in names])
    about = {a for a, n in zip(articles.tolist(), held.tolist(), strict=True) if n >= len(names)}
    content = [s for s in slots if s.known and s not in names]
    total = sum(s.weight for s in content)
    if content and total > 0:
        articles, held = index.article_coverage([(s.terms, s.weight) for s in content])
        share = dict(zip(articles.tolist(), (held / total).tolist(), strict=True))
        about = {a for a in about if share.get(a, 0.0) >= NAMED_ARTICLE_CONTENT}
    return np.array([a in about for a in index.article_of(pool).tolist()], dtype=np.bool_)


def _article_shares(
    slots: Sequence[Slot], index: Retriever, specific: bool = False
) -> tuple[dict[int, float], float]:
    """For each article, the share of the question's known words it holds, and the best
    share. Words weigh their IDF among articles, so that a word many articles use
    ("happened", "said") is little evidence for any. Words the library never saw are left
    out: they tell no article from another.

    ``specific``: each word's weight also times its rarity in English (at least
    :data:`SPECIFIC_FLOOR`). A few articles cannot tell an everyday word from a topic:
    "even" and "recount" may each be in one article of five, but only "recount" says what
    the question is about."""
    groups = [
        (
            s.terms,
            index.article_idf(s.terms[0]) * (max(s.rarity, SPECIFIC_FLOOR) if specific else 1.0),
        )
        for s in slots
        if s.known
    ]
    total = sum(w for _, w in groups)
    if not total:
        return {}, 0.0
    articles, covered = index.article_coverage(groups)
    shares = dict(zip(articles.tolist(), (covered / total).tolist(), strict=True))
    return shares, max(shares.values(), default=0.0)


async def _apply_answer_type(ranked: Ranked, parsed: Question, ctx: AnswerContext) -> list[Quote]:
    """Raise sentences holding the kind of answer asked for; returns the quotes read."""
    bonus = TYPE_BONUS.get(parsed.answer_type, 0.0)
    if parsed.answer_type is AnswerType.ANY:
        return []
    # Only candidates that may be shown: the type bonus reorders, it never admits one.
    eligible = [sid for sid in ranked.ids if ranked.passes[sid]]
    eligible.sort(key=lambda sid: (-ranked.score[sid], sid))
    quotes = await ctx.fetch(eligible[:TYPE_POOL])
    for quote in quotes:
        sid = quote.sentence_id
        strength = answer_type_strength(quote.text, parsed.answer_type, parsed.question_words)
        ranked.strength[sid] = strength
        if parsed.answer_type is AnswerType.NUMBER:
            ranked.number_texts[sid] = quote.text
        ranked.score[sid] *= 1 + bonus * strength
    return quotes


def _evidence(ranked: Ranked, sid: int, slots: Sequence[Slot]) -> float:
    """How much of the question a candidate answers: the share of the question's mass it
    holds (its paragraph's words count part), where holding the kind of answer asked for
    (a date for "when") stands in for part of the words the library has never seen: they
    may be the question's own way of saying what the sentence says ("kick in")."""
    weights = np.array([s.weight for s in slots])
    total = float(weights.sum()) or 1.0
    unknown = sum(s.weight for s in slots if not s.known)
    held = float(ranked.held[sid] @ weights)
    return (held + TYPE_EVIDENCE * ranked.strength.get(sid, 0.0) * unknown) / total


def _unknown_share(slots: Sequence[Slot]) -> float:
    total = sum(s.weight for s in slots) or 1.0
    unknown = sum(s.weight for s in slots if not s.known)
    return (unknown + FAMILY_UNKNOWN * sum(s.weight for s in slots if s.family)) / total


def _no_answer(text: str, searched_for: str | None, note: str, rule: str) -> Answer:
    return Answer(question=text, searched_for=searched_for, note=note, declined_by=rule)


# Declines on the question's words or speaker not being found, after which a body's
# acronym in the question is tried as the name the articles write.
_NOT_FOUND = ("unknown-words", "other-namesake", "unnamed-speaker", "role-unheld")


async def answer_question(question: str, ctx: AnswerContext, k: int = 3) -> Answer:
    """The answer to ``question``. A question declined because its words or speaker
    were not found is asked again in the words the articles use (:func:`_rewordings`),
    and that answer is given when it is no decline."""
    answer = await _answer(question, ctx, k)
    not_found = (answer.declined_by or "").startswith(_NOT_FOUND)
    if answer.quotes or not not_found:
        return answer
    for text, shown in _rewordings(" ".join(question.split()), ctx):
        again = await _answer(text, ctx, k)
        if again.quotes:
            searched_for = f"{shown}, {again.searched_for}" if again.searched_for else shown
            return replace(again, question=answer.question, searched_for=searched_for)
    return answer


def _rewordings(text: str, ctx: AnswerContext) -> list[tuple[str, str]]:
    """``text`` in the articles' own words, with what was rewritten, for asking again:

    - each body's acronym written as the body's name (:mod:`index.acronyms`: "what did
      the mta spokeswoman say"); only on a decline, since the acronym may be a role word
      a speaker already holds ("what did the dot engineer say"), which the name would not
      match as well;
    - the post of "who is the <post>" the library lacks written as a form it holds
      ("whos fitchs lawyer": "attorney")."""
    out: list[tuple[str, str]] = []

    def known(word: str) -> bool:
        return all(t in ctx.index for t in analyze(word))

    if ctx.speakers is not None:
        expanded_text, expanded = expand_acronyms(text, known, ctx.speakers.acronym)
        if expanded:
            out.append((expanded_text, ", ".join(f"{a} → {name}" for a, name in expanded)))
    post = post_asked(parse_question(text))
    if post and not known(post):
        typed = re.compile(rf"\b{re.escape(post)}s?\b", re.IGNORECASE)
        for form in sorted(related_role_words([post]) - {post}):
            if " " not in form and known(form) and typed.search(text):
                out.append((typed.sub(form, text, count=1), f"{post} → {form}"))
                break
    return out


async def _answer(question: str, ctx: AnswerContext, k: int) -> Answer:
    """The answer to the question as given. With the learned reranker on, whether to
    answer stays the fusion's decision: a question the fusion's order declines
    is declined, and one it answers is answered in the learned order (in the fusion's
    when that order would decline it). The declines read the first candidate, and the
    reranker was trained to put the right sentence first, not to tell an answerable
    question from another."""
    cands = await _candidates(question, ctx, k)
    if isinstance(cands, Answer):
        return cands
    if ctx.scorer is None:
        return await _speaker_shown(await _choose(cands, ctx, k), cands, ctx, k)
    # The words, corrections and candidates are the same in both orders: found once.
    fused = await _choose(cands, replace(ctx, scorer=None), k)
    if not fused.quotes or cands.parsed.speaker:
        # declined, or "what did X say": the learned order is not used
        return await _speaker_shown(fused, cands, ctx, k)
    # The fused pass decided to answer, the model included: the learned one only orders.
    learned = await _choose(cands, replace(ctx, answerability=None), k)
    return learned if learned.quotes else fused


async def _speaker_shown(answer: Answer, cands: _Candidates, ctx: AnswerContext, k: int) -> Answer:
    """ "What did X say" where X is a description no speaker's own words fit ("the nurse
    who got stuck"), answered by its words and meaning: when the first quote is
    one person's own sentence holding a word of the description ("Kira Lindqvist, a nurse
    from Bramley …, said she sat in her car"), it introduces the person meant, and what
    they said goes with it ("I had a quarter tank of gas," she said), as for a speaker
    found by name. A first quote of anyone else, or of a body, leaves the answer as it is."""
    parsed = cands.parsed
    if not answer.quotes or cands.spoken or not parsed.speaker or ctx.speakers is None:
        return answer
    first = answer.quotes[0]
    people = [
        key for key in ctx.speakers.speakers_at(first.sentence_id) if not ctx.speakers.is_body(key)
    ]
    if len(people) != 1:
        return answer
    described = {t for w in parsed.speaker for t in analyze(w)}
    if not described & set(analyze(first.text)):
        return answer
    said = ctx.speakers.sentences(people[0])
    order = [first.sentence_id, *(sid for sid in said if sid != first.sentence_id)]
    spoken, covered = passages(await ctx.fetch(order), k)
    if len(covered) < 2:
        return answer  # nothing more of theirs to show
    quotes = await _quotes(spoken[:k], [], cands.ranked, ctx)
    return replace(answer, quotes=quotes)


@dataclass(frozen=True)
class _Candidates:
    """What answering a question finds before ordering its candidates: the same whichever
    order is used."""

    text: str
    parsed: Question
    slots: list[Slot]
    searched_for: str | None
    spoken: list[Quote]  # "what did X say": X's own sentences, shown first
    seen: set[int]  # their ids
    ranked: Ranked
    read: list[Quote]  # the candidates' quotes read so far


async def _candidates(question: str, ctx: AnswerContext, k: int) -> Answer | _Candidates:
    """The question's candidates, or its answer when it is given before any ordering (a
    note, small talk, a decline on the question's words or speaker, X's own sentences)."""
    text = " ".join(question.split())
    if not text:
        return Answer(question=question, note="The question is empty.")
    if len(text) > MAX_QUESTION_CHARS:
        return Answer(
            question=question[:MAX_QUESTION_CHARS],
            note=f"The question is too long; ask in under {MAX_QUESTION_CHARS} characters.",
        )
    if is_small_talk(text, ctx.index):
        return Answer(question=text, small_talk=True)
    parsed = bounded(parse_question(text))
    if not parsed.terms:
        return Answer(question=text, note="The question has no words to search for.")
    if not len(ctx.index):
        return Answer(question=text, note="The library has no articles yet.")
    slots, corrections = await _slots(parsed, ctx)
    searched_for = (
        ", ".join(f"{surface(t, parsed)} → {' / '.join(f.shown)}" for t, f in corrections.items())
        if corrections
        else None
    )
    # A word asked twice counts twice in BM25, as in rank-bm25.
    slot_of = dict(zip(dict.fromkeys(parsed.terms), slots, strict=True))
    terms = [t for term in parsed.terms for t in slot_of[term].terms]
    index = ctx.index
    ids, _, combined = index.scores(terms, PARAGRAPH_WEIGHT)

    spoken: list[Quote] = []
    seen: set[int] = set()
    if parsed.speaker and ctx.speakers is not None:
        other = await other_namesake(parsed, ctx)
        if other:
            return _no_answer(
                text, searched_for, f"No one the library quotes is {other}.", "other-namesake"
            )
        said = attributed(parsed, ctx)
        if said is None:
            return _no_answer(
                text,
                searched_for,
                "The person asked about never speaks in an article about: "
                + ", ".join(surface(t, parsed) for t in parsed.topic_terms)
                + ".",
                "speaker-off-topic",
            )
        silent = named_but_silent(parsed, said, index)
        if silent:
            return _no_answer(
                text,
                searched_for,
                f"The library names {silent} but quotes nothing they said.",
                "named-but-silent",
            )
        unheld = "" if said else await role_unheld(parsed, ctx)
        if unheld:
            return _no_answer(
                text,
                searched_for,
                f"No one the library quotes is {unheld}.",
                "role-unheld",
            )
        elsewhere = named_elsewhere(parsed, said or [], index, ctx.speakers.is_setting)
        if elsewhere:
            return _no_answer(
                text,
                searched_for,
                f"The person asked about never speaks in an article about: {elsewhere}.",
                "named-elsewhere",
            )
        if said:
            spoken, seen = passages(await ctx.fetch(said), k, fullest=not parsed.topic_terms)
    ranked = _rank(slots, terms, ids, combined, ctx) if len(ids) else None
    if len(spoken) >= k or (spoken and ranked is None):
        return Answer(
            question=text,
            quotes=await _quotes(spoken[:k], [], ranked, ctx),
            searched_for=searched_for,
        )
    if not spoken and _unknown_share(slots) >= MAX_UNKNOWN_SHARE and ranked is None:
        missing = ", ".join(s.word for s in slots if not s.known)
        return _no_answer(
            text, searched_for, f"The library does not mention: {missing}.", "unknown-words"
        )
    if ranked is None:
        return _no_answer(
            text, searched_for, "Nothing in the library matches the question.", "no-match"
        )
    read = await _apply_answer_type(ranked, parsed, ctx)
    return _Candidates(text, parsed, list(slots), searched_for, spoken, seen, ranked, read)


async def _choose(cands: _Candidates, ctx: AnswerContext, k: int) -> Answer:
    """The answer from ``cands`` (:func:`_choose_orders`); when it declines after a
    sentence the words never offered was put first (:func:`_judged_first`), the answer
    without it. That sentence is put first once the lexical evidence has decided to
    answer: the checks on the first quote that follow may find it says something else,
    which says nothing against the lexical answer."""
    placed: list[int] = []
    answer = await _choose_orders(cands, ctx, k, placed)
    if answer.quotes or not placed:
        return answer
    return await _choose_orders(cands, ctx, k, None)


async def _choose_orders(
    cands: _Candidates, ctx: AnswerContext, k: int, placed: list[int] | None
) -> Answer:
    """The answer from ``cands`` in the order ``ctx`` gives (fusion or learned), with the
    candidates of articles holding the question's specific words first (see
    ``Ranked.specific``) when that order answers too. Whether to answer stays the
    order's without that: the declines were measured on it, and a sentence of the right
    article that says too little of the question is no better an answer than none.
    ``placed``: None, no sentence is judged (:func:`_judged_first`); else those put first
    are added to it."""
    plain = await _choose_in(cands, ctx, k, False, placed)
    ranked = cands.ranked
    if not plain.quotes or all(ranked.specific.get(sid, True) for sid in ranked.ids):
        return plain
    first = await _choose_in(cands, ctx, k, True, placed)
    return first if first.quotes else plain


async def _choose_in(
    cands: _Candidates,
    ctx: AnswerContext,
    k: int,
    specific_first: bool,
    placed: list[int] | None = None,
) -> Answer:
    """:func:`_choose_orders` in one order."""
    text, parsed, slots, searched_for = cands.text, cands.parsed, cands.slots, cands.searched_for
    spoken, seen = cands.spoken, cands.seen
    # A dense-recall sentence gets a score: each order writes into a copy of its own.
    ranked = replace(cands.ranked, score=dict(cands.ranked.score))
    # Hybrid ranking reorders the candidates; what is shown, and whether, stays lexical.
    key, read, learned = await _order_key(text, parsed, slots, ranked, ctx, list(cands.read))
    weights = np.array([s.weight for s in slots])
    admitted = [
        sid
        for sid in ranked.ids
        if ranked.passes[sid] and sid not in seen and _evidence(ranked, sid, slots) >= MIN_COVERAGE
    ]
    if specific_first:
        admitted = _subject_admitted(admitted, ranked, slots, seen)

    def ordered(key: Mapping[int, float]) -> list[int]:
        return sorted(
            admitted,
            key=lambda sid: (specific_first and not ranked.specific.get(sid, True), -key[sid], sid),
        )

    order = ordered(key)
    if learned and ctx.cross is not None and not spoken:
        key = _cross_reordered(text, order, key, ranked, specific_first, ctx.cross, read)
        order = ordered(key)
    # Whether "how many" is answered is decided on the best candidate by the question's
    # words and meaning; which of them counts the things asked about only orders what is
    # shown. A price is different: the sentence stating it must say what is asked.
    decided = order
    if not spoken and (parsed.counted or parsed.asks == ASKS_PRICE) and order:
        order = await _counting_first(order, parsed, ctx, read)
        if parsed.asks == ASKS_PRICE:
            decided = order
    if not spoken and order:
        absent = await _unnamed_speaker(parsed, order[0], ctx)
        if absent:
            return _no_answer(
                text,
                searched_for,
                f"No one in the article that comes closest is: {absent}.",
                "unnamed-speaker",
            )
    if not spoken:
        verdict = _decide(order, ranked, slots, weights, parsed.question_words)
        mixed = verdict is not None and verdict[0] == "mixes-articles" and bool(order)
        if mixed and await _model_sure(text, parsed, slots, ranked, order[0], ctx, read):
            verdict = _decide(order, ranked, slots, weights, parsed.question_words, False)
        if verdict is None:
            unsaid = _unsaid(parsed, slots, decided[0], ranked, ctx)
            verdict = None if unsaid is None else ("unsaid", unsaid)
        if verdict is not None:
            rule, note = verdict
            day = [s.word for s in slots if not s.known and s.word in ASKERS_DAY]
            if rule == "unknown-words" and day:
                # "whats the weather tomorrow": the member's own day, which no article's
                # forecast is about, and no paraphrase stands in for
                return _no_answer(text, searched_for, note, f"{rule}, asker's day")
            found, why = await _paraphrase(text, parsed, slots, ranked, key, ctx, read)
            if found and await _model_declines(text, parsed, slots, ranked, found, ctx, read, True):
                return _no_answer(text, searched_for, note, f"{rule}, answerability")
            if found:
                return await _post_checked(parsed, found, order, text, searched_for, ctx, k)
            return _no_answer(text, searched_for, note, f"{rule}, {why}")
    if not spoken and order and ctx.rerank is not None:
        order = _closer_date_first(order, parsed, ranked, key, ctx.index)
    if not spoken and ctx.scorer is not None and not parsed.speaker:
        order, read = await _learned_first(parsed, order, ranked, key, seen, ctx, read)
    if not spoken and placed is not None and ctx.scorer is not None and not parsed.speaker:
        lead = order[0] if order else None
        order, read = await _judged_first(text, parsed, slots, order, ranked, ctx, read, seen)
        if order and order[0] != lead:
            placed.append(order[0])
    if not spoken and order and asks_history(parsed):
        order, read = await _history_first(order, ranked, key, ctx, read)
    if not spoken and order and parsed.asks in OUTCOMES:
        order, read = await _outcome_first(text, parsed.asks, order, ranked, ctx, read)
    if not spoken:
        rivals = _telling(ranked, slots, ranked.ids) if specific_first else ranked.ids
        order, read = await _dense_recall_first(text, parsed, order, ranked, ctx, read, rivals)
    if not spoken and parsed.called and order:
        # last: a name is given in so few words that the orders above, by the question's
        # words and meaning, often put the story's subject first
        order = await _naming_first(order, ctx, read)
    chosen = _shown(order, ranked, weights, k - len(spoken))
    quotes = await _quotes(spoken, chosen, ranked, ctx, read)
    if not quotes:
        return _no_answer(
            text, searched_for, "No sentence in the library answers this question.", "no-quote"
        )
    if not spoken and not _says_what_is_asked(quotes[0], parsed, ctx):
        # The sentence holding most of the question's words says something else of its
        # topic ("one of 40 buses in the fleet" for "how many kids were on the bus"); one
        # as close in meaning may say what is asked.
        found, why = await _paraphrase(
            text, parsed, slots, ranked, key, ctx, read, (quotes[0].sentence_id,)
        )
        if found and await _model_declines(text, parsed, slots, ranked, found, ctx, read, True):
            note = _unsaid_kind(parsed)
            return _no_answer(text, searched_for, note, "unsaid-kind, answerability")
        if found:
            return await _post_checked(parsed, found, order, text, searched_for, ctx, k)
        return _no_answer(text, searched_for, _unsaid_kind(parsed), f"unsaid-kind, {why}")
    if not spoken:
        unmatched = await _unmatched(parsed, slots, quotes[0], ctx)
        if unmatched:
            return _no_answer(text, searched_for, _UNMATCHED.format(unmatched), "unmatched")
        # "what did X say about the 2019 audit" asks for X's words: the year is a word
        # of the topic, which X may speak of without naming it
        year = "" if parsed.speaker else await year_unsaid(text, quotes[0], ctx.fetch)
        if year:
            note = f"No sentence in the library says this of {year}."
            return _no_answer(text, searched_for, note, "year-unsaid")
        if await _name_withheld(parsed, quotes[0], ctx):
            return _no_answer(text, searched_for, _WITHHELD_NOTE, "name-withheld")
        if await _unnamed_person(parsed, quotes[0], ctx):
            return _no_answer(text, searched_for, _UNNAMED_NOTE, "unnamed-person")
        posted = await _post_checked(parsed, quotes, order, text, searched_for, ctx, k)
        if not posted.quotes:
            return posted
        quotes = posted.quotes
        if await _fact_unknown(parsed, quotes[0], ctx, ctx.index):
            return _no_answer(text, searched_for, _UNKNOWN_NOTE, "fact-unknown")
        if asks_a_clock_time(text) and not states_a_time_of_day(quotes[0].text):
            # "what time does the library close": a day ("offline since Saturday") is
            # when something else happened
            return _no_answer(text, searched_for, _NO_CLOCK_NOTE, "no-clock")
        if await _model_declines(text, parsed, slots, ranked, quotes, ctx, read, False):
            return _no_answer(text, searched_for, _UNANSWERABLE, "answerability")
        quotes = await _dense_later(text, parsed, quotes, ctx, k, seen)
    return Answer(question=text, quotes=quotes[:k], searched_for=searched_for)


_UNANSWERABLE = "No sentence in the library says what is asked."

# Candidates read for a sentence naming the post asked when the quotes shown do not.
POST_SEARCH = 40


async def _post_checked(
    parsed: Question,
    quotes: list[Quote],
    order: Sequence[int],
    text: str,
    searched_for: str | None,
    ctx: AnswerContext,
    k: int,
) -> Answer:
    """``quotes`` as the answer to "who is the <post>", which a sentence naming the post
    answers: shown first when the quotes lack one, or the question declined when no
    candidate of the first quote's article names it (:func:`_post_holder`)."""
    post = _post_unsaid(parsed, quotes[:k])
    holder = await _post_holder(post, order, quotes[0], ctx) if post else None
    if post and holder is None:
        note = f"No sentence in the library says who the {post} is."
        return _no_answer(text, searched_for, note, "post-unsaid")
    if holder is not None:
        rest = [q for q in quotes if q.sentence_id != holder.sentence_id]
        quotes = [replace(holder, score=quotes[0].score), *rest]
    return Answer(question=text, quotes=quotes, searched_for=searched_for)


async def _post_holder(
    post: str, order: Sequence[int], first: Quote, ctx: AnswerContext
) -> Quote | None:
    """A sentence of the first quote's article that names ``post`` and someone: the best
    ranked candidate, else the article's first such sentence. "whos fitchs lawyer" finds
    the article on Fitch, whose "His attorney, Brian Kessler, said …" holds neither
    word asked. None when the article has no such sentence (the question is then
    declined)."""
    index = ctx.index
    article = int(index.article_of(np.array([first.sentence_id], dtype=np.int64))[0])
    terms = sorted({t for form in related_role_words([post]) for t in analyze(form)})
    ids, _ = index.sentence_scores(terms)
    named = ids[index.article_of(ids) == article] if len(ids) else ids
    if not len(named):
        return None
    held = set(named.tolist())
    ranked = [sid for sid in order[:POST_SEARCH] if sid in held]
    rest = sorted(held - set(ranked))
    for quote in await ctx.fetch([*ranked, *rest]):
        if holds_post(post, quote.text) and names_someone(quote.text, frozenset()):
            return quote
    return None


def _telling(ranked: Ranked, slots: Sequence[Slot], among: Sequence[int]) -> list[int]:
    """The candidates of ``among`` but those of articles lacking the question's specific
    words whose sentence holds only everyday words (:data:`EVERYDAY_RARITY`): in the
    specific-first order such a sentence is never shown (:func:`_subject_admitted`) and
    is no rival of a dense-recall sentence either."""
    telling = np.array([s.rarity >= EVERYDAY_RARITY for s in slots], dtype=np.bool_)
    return [
        sid
        for sid in among
        if ranked.specific.get(sid, True) or bool(((ranked.held[sid] >= 1.0) & telling).any())
    ]


def _subject_admitted(
    admitted: Sequence[int], ranked: Ranked, slots: Sequence[Slot], seen: set[int]
) -> list[int]:
    """The candidates the specific-first order may show (``admitted``: those the coverage
    floor admits).

    An everyday word ("still", "even", "someone") in one sentence of a small library weighs
    as much as the question's topic: "what happens if its still a tie after the recount"
    gets the airline article's "…while we were still living in it" over every sentence of
    the recount article, each of which holds only "recount" or "tie". Counted with each
    word's rarity in English too (as ``Ranked.specific`` counts articles), those sentences
    hold the question: when the floor admitted none of those articles' candidates, the
    ones reaching it so are admitted. And a candidate of another article stays only when
    its sentence holds a word that is no everyday word (:data:`EVERYDAY_RARITY`): an
    everyday word alone never carries a quote, not even a filler, into another article.
    Whether to answer was decided without this (the plain order answered)."""
    kept = _telling(ranked, slots, admitted)
    if any(ranked.specific.get(sid, True) for sid in admitted):
        return kept
    weights = np.array([s.weight * max(s.rarity, SPECIFIC_FLOOR) for s in slots])
    total = float(weights.sum()) or 1.0
    subject = [
        sid
        for sid in ranked.ids
        if ranked.passes[sid]
        and sid not in seen
        and ranked.specific.get(sid, True)
        and float(ranked.held[sid] @ weights) / total >= MIN_COVERAGE
    ]
    return [*subject, *kept]


async def _model_declines(
    text: str,
    parsed: Question,
    slots: Sequence[Slot],
    ranked: Ranked,
    quotes: Sequence[Quote],
    ctx: AnswerContext,
    read: Sequence[Quote],
    paraphrase: bool,
) -> bool:
    """Does the learned model (index/answerability.py) decline the answer the rules
    chose, ``quotes`` (``paraphrase``: found by meaning, the words falling short)? Never
    without the model or the semantic model's cosines."""
    if ctx.answerability is None or ctx.pool_cosines is None or not quotes:
        return False
    features = await _answerability_row(
        text, parsed, slots, ranked, quotes[0], ctx, read, paraphrase
    )
    if features is None:
        return False
    return ctx.answerability.declines(features) or _second_reading_declines(
        text, quotes[0], features, ctx
    )


def _second_reading_declines(
    text: str, first: Quote, features: NDArray[np.float64], ctx: AnswerContext
) -> bool:
    """Does the answer-or-decline model's second reading decline ``first``, which the
    first model answers? It weighs the same features with the cross-encoder's reading of
    the question and the sentence together (index/answerability.py ``CROSS_FEATURES``):
    the question's words may all be near the sentence while the sentence says something
    else of them ("whats the weather gonna be like tmrw" against a storm story's forecast
    for Saturday)."""
    if ctx.cross_answerability is None or ctx.cross_states is None:
        return False
    states = ctx.cross_states(text, [first.text])[0].astype(np.float64)
    return ctx.cross_answerability.declines(np.concatenate([features, states]))


async def _model_sure(
    text: str,
    parsed: Question,
    slots: Sequence[Slot],
    ranked: Ranked,
    sid: int,
    ctx: AnswerContext,
    read: Sequence[Quote],
) -> bool:
    """Does the learned model (index/answerability.py) find sentence ``sid`` more likely
    to answer the question than not (:data:`MIXED_SURE`)? The article shares that make a
    question "mixed" are counted over every known word, the member's framing ("wait so",
    "was anyone") as much as the claim, and on unseen news they fall short of
    :data:`MIN_ARTICLE_SHARE` for questions one article answers: "did the tuition hike
    pass" against "the tuition rise under the plan approved Wednesday". A question is
    declined as mixed only when the model, which reads the question and the sentence
    together, agrees it is unsure. Never without the model or the semantic cosines."""
    if ctx.answerability is None or ctx.pool_cosines is None:
        return False
    quotes = await _quotes([], [sid], ranked, ctx, read)
    if not quotes:
        return False
    features = await _answerability_row(text, parsed, slots, ranked, quotes[0], ctx, read, False)
    return features is not None and ctx.answerability.probability(features) >= MIXED_SURE


async def _answerability_row(
    text: str,
    parsed: Question,
    slots: Sequence[Slot],
    ranked: Ranked,
    first: Quote,
    ctx: AnswerContext,
    read: Sequence[Quote],
    paraphrase: bool,
) -> NDArray[np.float64] | None:
    """The answerability model's features of the question and the quote to be shown
    first (None when a candidate lacks its vectors). A quote that is no candidate (a
    paraphrase, a dense-recall sentence) is read through the candidate closest to it in
    the pool: the first of the fused order in its article, with its own cosine."""
    found = await _candidate_rows(text, parsed, slots, ranked, ctx, list(read))
    if found is None:
        return None
    rows = found[0]
    index = ctx.index
    sid = first.sentence_id
    ids = np.array(ranked.ids, dtype=np.int64)
    articles = index.article_of(ids).tolist()
    article = int(index.article_of(np.array([sid], dtype=np.int64))[0])
    if sid in ranked.ids:
        at = ranked.ids.index(sid)
    else:
        same = [i for i, a in enumerate(articles) if a == article]
        at = same[0] if same else 0
        rows = rows.copy()
        assert ctx.similarity is not None
        cosine = ctx.similarity(text, [sid]).get(sid)
        if cosine is not None:
            column = RANK_FEATURES.index("cos_sentence")
            rows[at, column] = cosine
    held = ranked.held.get(ranked.ids[at], np.zeros(len(slots)))
    around = await _paragraph_words(first, ctx)
    stems = {stem(w) for w in around}
    near = np.array([bool(set(s.terms) & stems) for s in slots], dtype=np.bool_)
    in_sentence = (held >= 1.0) if sid in ranked.ids else near
    in_paragraph = near | (held > 0 if sid in ranked.ids else near)
    meant = np.ones(len(slots), dtype=np.float64)
    for j, slot in enumerate(slots):
        if in_paragraph[j]:
            continue
        if ctx.word_similarity is None or not around:
            meant[j] = 0.0
        else:
            meant[j] = max(0.0, float(max(ctx.word_similarity(slot.word, around))))
    in_article = np.zeros(len(slots), dtype=np.bool_)
    for j, slot in enumerate(slots):
        if slot.known:
            holding, _ = index.article_coverage([(slot.terms, 1.0)])
            in_article[j] = article in set(holding.tolist())
    capitalised = {fold(w) for w in WORD.findall(parsed.text)[1:] if w[:1].isupper()}
    evidence = Evidence(
        pool_rows=rows,
        first=at,
        weights=np.array([s.weight for s in slots], dtype=np.float64),
        rarity=np.array([s.rarity for s in slots], dtype=np.float64),
        known=np.array([s.known for s in slots], dtype=np.bool_),
        in_sentence=in_sentence,
        in_paragraph=in_paragraph,
        in_article=in_article,
        named=np.array(
            [s.rarity >= SUBJECT_RARITY or s.word in capitalised for s in slots], dtype=np.bool_
        ),
        evidence=_evidence(ranked, ranked.ids[at], slots),
        floor=MIN_COVERAGE,
        best_share=ranked.best_article_share,
        strength=ranked.strength.get(ranked.ids[at], 0.0),
        paraphrase=paraphrase,
        meant=meant,
    )
    return answerability_row(evidence, parsed)


async def _order_key(
    text: str,
    parsed: Question,
    slots: Sequence[Slot],
    ranked: Ranked,
    ctx: AnswerContext,
    read: list[Quote],
) -> tuple[Mapping[int, float], list[Quote], bool]:
    """The score the candidates are ordered by, the quotes read, and whether the score
    is the learned reranker's: it is when the reranker is on and every candidate has its
    vectors, else the fusion's (semantic ranking on) or the lexical score. "What did X
    say" keeps the fusion: X's own sentences answer it, and the reranker was trained
    without such questions."""
    if ctx.rerank is None:
        return ranked.score, read, False
    if ctx.scorer is not None and ctx.pool_cosines is not None and not parsed.speaker:
        found = await _candidate_rows(text, parsed, slots, ranked, ctx, read)
        if found is not None:
            rows, read = found
            values = ctx.scorer.score(rows).tolist()
            return dict(zip(ranked.ids, values, strict=True)), read, True
    return ctx.rerank(text, ranked.ids, ranked.score), read, False


# The learned order's first candidates the cross-encoder (index/cross_encoder.py) reads
# (those within CROSS_MARGIN of the first's learned score: one further behind is seldom
# moved up, and each costs a model pass), and the weight of its score beside the learned
# one when they are reordered.
CROSS_DEPTH = 3
CROSS_MARGIN = 1.5
CROSS_WEIGHT = 0.3


def _cross_reordered(
    text: str,
    order: Sequence[int],
    key: Mapping[int, float],
    ranked: Ranked,
    specific_first: bool,
    cross: CrossScore,
    read: Sequence[Quote],
) -> Mapping[int, float]:
    """``key`` with the first CROSS_DEPTH candidates of ``order`` within CROSS_MARGIN of
    the first (and in the first one's group when the specific articles go first)
    reordered by their learned score plus CROSS_WEIGHT times the cross-encoder's. They
    swap their learned scores, so every later step that compares a candidate with the
    first reads the order shown, and no other candidate moves."""
    if not order:
        return key
    group = ranked.specific.get(order[0], True) if specific_first else None
    floor = key[order[0]] - CROSS_MARGIN
    top = [
        sid
        for sid in order[:CROSS_DEPTH]
        if key[sid] >= floor and (group is None or ranked.specific.get(sid, True) == group)
    ]
    texts = {q.sentence_id: q.text for q in read}
    if len(top) < 2 or any(sid not in texts for sid in top):
        return key
    judged = cross(text, [texts[sid] for sid in top])
    combined = {sid: key[sid] + CROSS_WEIGHT * float(v) for sid, v in zip(top, judged, strict=True)}
    values = sorted((key[sid] for sid in top), reverse=True)
    reordered = sorted(top, key=lambda sid: (-combined[sid], sid))
    return {**key, **dict(zip(reordered, values, strict=True))}


async def _candidate_rows(
    text: str,
    parsed: Question,
    slots: Sequence[Slot],
    ranked: Ranked,
    ctx: AnswerContext,
    read: list[Quote],
) -> tuple[NDArray[np.float64], list[Quote]] | None:
    """The learned reranker's features of the pool (index/rank_features.py), one row per
    candidate in ``ranked.ids`` order, and the quotes read; None when a candidate lacks
    its vectors or text."""
    assert ctx.pool_cosines is not None
    ids = np.array(ranked.ids, dtype=np.int64)
    articles = ctx.index.article_of(ids).tolist()
    cosines = ctx.pool_cosines(text, ranked.ids, articles)
    if cosines is None:
        return None
    have = {q.sentence_id: q for q in read}
    missing = [sid for sid in ranked.ids if sid not in have]
    if missing:
        fetched = await ctx.fetch(missing)
        read = [*read, *fetched]
        have.update((q.sentence_id, q) for q in fetched)
    if any(sid not in have for sid in ranked.ids):
        return None
    quotes = [have[sid] for sid in ranked.ids]
    within = ranked.parts["within"]
    rest = [sid for sid in ranked.ids if sid not in within]
    if rest:
        scored = ctx.index.article_scores(ranked.terms, np.array(rest, dtype=np.int64))
        within = {**within, **dict(zip(rest, scored.tolist(), strict=True))}
    share = [ranked.shares.get(a, 0.0) for a in articles]
    pool = Pool(
        lexical=np.array([ranked.score[sid] for sid in ranked.ids]),
        base=np.array([ranked.parts["base"][sid] for sid in ranked.ids]),
        within=np.array([within[sid] for sid in ranked.ids]),
        phrase=np.array([ranked.parts["phrase"][sid] for sid in ranked.ids]),
        context=np.array([ranked.parts["context"][sid] for sid in ranked.ids]),
        held=np.array([ranked.held[sid] for sid in ranked.ids]).reshape(len(ids), len(slots)),
        weights=np.array([s.weight for s in slots], dtype=np.float64),
        known=np.array([s.known for s in slots], dtype=np.bool_),
        share=np.array(share, dtype=np.float64),
        best_share=ranked.best_article_share,
        cos_sentence=np.array(cosines.sentence),
        cos_paragraph=np.array(cosines.paragraph),
        texts=[q.text for q in quotes],
        spoken=[q.speaker is not None for q in quotes],
        paragraph=[q.citation.paragraph for q in quotes],
        figure=[_states_a_figure(q.text, parsed.question_words) for q in quotes],
        says_asked=[_says_plainly(q.text, parsed) for q in quotes],
        sentence=[q.citation.sentence for q in quotes],
        cos_topic_free=cosines.topic_free,
        topicality=cosines.topicality,
        topical=_topical(slots, articles, ctx.index),
        counts_beside=[counts_what_is_asked(q.text, parsed, anywhere=False) for q in quotes]
        if parsed.counted
        else (),
        slot_terms=[s.terms for s in slots],
        specific_share=[ranked.specific_shares.get(a, 0.0) for a in articles],
        best_specific_share=ranked.best_specific_share,
    )
    return features(pool, parsed), read


# At most this many of an article's sentences are read for :func:`_topical`.
TOPICAL_SENTENCES = 400


def _topical(
    slots: Sequence[Slot], articles: Sequence[int], index: Retriever
) -> NDArray[np.float64]:
    """Candidates x slots: the share of the candidate's article's sentences that hold
    the slot (one of its terms). A word most of an article's sentences hold is its
    topic ("panda" in a story about an escaped panda); a sentence holding only such
    words says what the whole article says, not what is asked beyond it."""
    out = np.zeros((len(articles), len(slots)), dtype=np.float64)
    terms = list(dict.fromkeys(t for s in slots for t in s.terms))
    if not terms or not slots:
        return out
    column = {t: j for j, t in enumerate(terms)}
    for article in dict.fromkeys(articles):
        sentences = index.article_sentences(article, TOPICAL_SENTENCES)
        if not len(sentences):
            continue
        found = index.presence(terms, sentences).sentence
        share = np.zeros(len(slots), dtype=np.float64)
        for j, slot in enumerate(slots):
            held = np.zeros(len(sentences), dtype=np.bool_)
            for t in slot.terms:
                held |= found[:, column[t]]
            share[j] = float(held.mean())
        out[np.array(articles) == article] = share
    return out


def _says_plainly(text: str, parsed: Question) -> bool:
    """:func:`_states_the_kind_asked` by the sentence's own words (no word meanings),
    False for a question asking for none of those kinds of answer, nor for what befell
    people (harm, an arrest, a lawsuit), which the learned reranker was not trained to
    read (:data:`UNLEARNED_KINDS`)."""
    if parsed.asks in UNLEARNED_KINDS:
        return False
    return bool(_states_the_kind_asked(text, parsed, None))


async def _paraphrase(
    text: str,
    parsed: Question,
    slots: Sequence[Slot],
    ranked: Ranked,
    key: Mapping[int, float],
    ctx: AnswerContext,
    read: Sequence[Quote],
    rejected: Sequence[int] = (),
) -> tuple[list[Quote], str]:
    """The quote of the first of :func:`_semantic_choices` that says what is asked, and
    "" (none: [] and why the last one tried is no answer). ``rejected``: sentences already
    found to say something else, no rivals of the paraphrase."""
    if _mixes_articles(ranked):
        return [], "mixes articles"
    choices = [c for c in _semantic_choices(text, parsed, ranked, key, ctx) if c not in rejected]
    if choices and parsed.asks in OUTCOMES:
        # The sentences that say nothing of it say something else: no rivals of those that
        # do.
        read_now = await ctx.fetch(choices)
        said = {q.sentence_id for q in read_now if states_outcome(parsed.asks, q.text)}
        rejected = [*rejected, *(q.sentence_id for q in read_now if q.sentence_id not in said)]
        choices = [sid for sid in choices if sid in said][:OUTCOME_TRIES]
    if not choices:
        return [], "no paraphrase"
    why = ""
    for n, choice in enumerate(choices):
        passed = [*rejected, *choices[:n]]
        quotes, why = await _paraphrase_quotes(choice, parsed, slots, ranked, ctx, read, passed)
        if quotes:
            return quotes, ""
    return [], why


async def _paraphrase_quotes(
    sid: int,
    parsed: Question,
    slots: Sequence[Slot],
    ranked: Ranked,
    ctx: AnswerContext,
    read: Sequence[Quote],
    passed: Sequence[int] = (),
) -> tuple[list[Quote], str]:
    """The quote of sentence ``sid``, close in meaning to the question, when it answers
    it, else [] and why not: the checks a lexical answer passes, for the kind asked for.
    ``passed``: closer sentences already found to say something else, no rivals."""
    if _unsaid(parsed, slots, sid, ranked, ctx, passed) is not None:
        return [], "paraphrase unsaid"
    quotes = await _quotes([], [sid], ranked, ctx, read)
    if not quotes:
        return [], "paraphrase not found"
    if not _holds_the_type(quotes[0], parsed) or not _counts_if_asked(quotes[0], parsed):
        return [], "paraphrase lacks the figure"
    if not _says_what_is_asked(quotes[0], parsed, ctx):
        return [], "paraphrase unsaid-kind"
    if await _unmatched(parsed, slots, quotes[0], ctx):
        return [], "paraphrase unmatched"
    return quotes, ""


def _counts_if_asked(quote: Quote, parsed: Question) -> bool:
    """A paraphrase answering "how much / how many" must state a figure that is no date:
    shared meaning alone does not tell "was demanding a ransom" on Tuesday night from the
    amount demanded."""
    if parsed.answer_type is not AnswerType.NUMBER:
        return True
    if QUANTIFIERS & set(words(fold(quote.text))):
        return True
    return answer_type_strength(quote.text, AnswerType.NUMBER, parsed.question_words) > 0


async def _dense_recall_first(
    text: str,
    parsed: Question,
    order: list[int],
    ranked: Ranked,
    ctx: AnswerContext,
    read: Sequence[Quote],
    rivals: Sequence[int] | None = None,
) -> tuple[list[int], list[Quote]]:
    """``order`` with a sentence no BM25 candidate is put first, when it says what the
    question asks clearly closer in meaning than every lexical candidate
    (:func:`index.dense_recall.closer_in_meaning`); and the quotes read.

    Called once the lexical evidence has decided to answer, so a dense-only sentence
    never turns a declined question into an answer, nor an answer into a decline. It
    must pass the checks the first quote passes (a figure for "how much", what "how
    many" counts, advice, an age), and "what did X say" is left to X's own sentences.
    It shows the first candidate's score: quotes are listed by score, and it is shown
    for being as good an answer as that one."""
    if ctx.similarity is None or parsed.speaker or not order:
        return order, list(read)
    pool = ranked.ids if rivals is None else rivals
    sid = closer_in_meaning(text, order, pool, ctx.index, ctx.similarity)
    if sid is None:
        return order, list(read)
    found = await ctx.fetch([sid])
    if not found or not (
        _holds_the_type(found[0], parsed) and _says_what_is_asked(found[0], parsed, ctx)
    ):
        return order, list(read)
    ranked.score[sid] = ranked.score[order[0]]
    return [sid, *order], [*read, *found]


# How many of a reply's free quote slots the first quote's article's closest sentences in
# meaning may fill (:func:`_dense_later`); 0 turns it off.
LATER_QUOTES = 5


async def _dense_later(
    text: str,
    parsed: Question,
    quotes: list[Quote],
    ctx: AnswerContext,
    k: int,
    seen: set[int],
) -> list[Quote]:
    """``quotes`` with the slots they leave free filled by the sentences of the first
    quote's article closest to the question in meaning
    (:func:`index.dense_recall.closest_unshown`), at most :data:`LATER_QUOTES`.

    The sentence answering a paraphrase ("was anybody hurt" against "two workers were
    treated for burns") shares no word with it and is never a lexical candidate; the
    first quote still comes from the article asked about, and a slot nothing else took
    costs nothing. They come after every lexical quote, each with the last one's score,
    once the answer is decided: nothing that decides reads them. "What did X say" is left
    to X's own sentences."""
    room = min(k - len(quotes), LATER_QUOTES)
    if ctx.similarity is None or parsed.speaker or not quotes or room <= 0:
        return quotes
    shown = [q.sentence_id for q in quotes]
    later = closest_unshown(text, shown, ctx.index, ctx.similarity, room, seen)
    found = {q.sentence_id: q for q in await ctx.fetch(later)} if later else {}
    last = quotes[-1].score
    return [*quotes, *(replace(found[sid], score=last) for sid in later if sid in found)]


# How many sentences close in meaning but no lexical candidate the learned reranker
# judges beside the candidates (:func:`_judged_first`; 0 turns it off), and how far below
# the first candidate's learned score the best of them may be and still be put first.
DENSE_JUDGED = 8
JUDGED_MARGIN = -2.5


async def _judged_first(
    text: str,
    parsed: Question,
    slots: Sequence[Slot],
    order: list[int],
    ranked: Ranked,
    ctx: AnswerContext,
    read: Sequence[Quote],
    seen: set[int],
) -> tuple[list[int], list[Quote]]:
    """``order`` with the best of the leading articles' sentences closest in meaning
    (:func:`index.dense_recall.closest_of_leading`) put first, when the learned reranker,
    scoring them beside every lexical candidate, puts it near the first (within
    :data:`JUDGED_MARGIN`) and it passes the checks a first quote passes; and the quotes
    read.

    The sentence answering a paraphrase ("was anybody hurt" against "two workers were
    treated for burns") shares no word with it, so BM25 never offers it. The reranker reads
    meaning (sentence, paragraph, with and without the article's topic), the kind of
    answer asked for, its place in the article: it tells the answer from a sentence merely
    about the same subject better than one cosine does. Its words count against it (it
    holds none of the question's), hence the margin. Whether to answer was decided before,
    on the lexical candidates; the order of those is scored without these sentences, whose
    cosines would move the pool-relative features."""
    if not DENSE_JUDGED or ctx.similarity is None or ctx.pool_cosines is None or not order:
        return order, list(read)
    extra = closest_of_leading(
        text, order, {*ranked.score, *seen}, ctx.index, ctx.similarity, DENSE_JUDGED
    )
    if not extra:
        return order, list(read)
    wider = _with_extra(ranked, extra, slots, ctx.index)
    found = await _candidate_rows(text, parsed, slots, wider, ctx, list(read))
    if found is None:
        return order, list(read)
    rows, fetched = found
    assert ctx.scorer is not None
    key = dict(zip(wider.ids, ctx.scorer.score(rows).tolist(), strict=True))
    best = max(extra, key=lambda sid: (key[sid], -sid))
    if key[best] <= key[order[0]] + JUDGED_MARGIN or not wider.passes[best]:
        return order, fetched
    quote = next(q for q in fetched if q.sentence_id == best)
    if not (_holds_the_type(quote, parsed) and _says_what_is_asked(quote, parsed, ctx)):
        return order, fetched
    ranked.score[best] = ranked.score[order[0]]
    return [best, *order], fetched


def _with_extra(
    ranked: Ranked, extra: Sequence[int], slots: Sequence[Slot], index: Retriever
) -> Ranked:
    """``ranked`` with the ``extra`` sentences (no BM25 candidates) as candidates scoring
    nothing by words: the question's words they or their paragraph hold (none, or a
    paragraph's), their article's share and whether it may be shown, as its candidates'."""
    ids = np.array(extra, dtype=np.int64)
    flat = list(dict.fromkeys(t for s in slots for t in s.terms))
    presence = index.presence(flat, ids)
    held = _slot_matrix(slots, flat, presence.sentence)
    near = _slot_matrix(slots, flat, presence.paragraph)
    articles = index.article_of(ids).tolist()
    of = index.article_of(np.array(ranked.ids, dtype=np.int64)).tolist()
    passing = {a for a, sid in zip(of, ranked.ids, strict=True) if ranked.passes[sid]}
    least = ranked.best_specific_share - SPECIFIC_MARGIN
    context = index.article_match(list(ranked.terms), ids).tolist()
    parts = {name: dict(values) for name, values in ranked.parts.items()}
    for sid, value in zip(extra, context, strict=True):
        parts["base"][sid] = parts["phrase"][sid] = 0.0
        parts["context"][sid] = value
    return replace(
        ranked,
        ids=[*ranked.ids, *extra],
        score={**ranked.score, **dict.fromkeys(extra, 0.0)},
        held={
            **ranked.held,
            **{
                sid: np.where(held[i], 1.0, PARAGRAPH_CREDIT * near[i])
                for i, sid in enumerate(extra)
            },
        },
        passes={
            **ranked.passes,
            **{sid: a in passing for sid, a in zip(extra, articles, strict=True)},
        },
        specific={
            **ranked.specific,
            **{
                sid: ranked.specific_shares.get(a, 0.0) >= least
                for sid, a in zip(extra, articles, strict=True)
            },
        },
        parts=parts,
    )


# Off only in tests: the order shown before index/learned_recall.py.
ENABLE_LEARNED_FIRST = True


async def _learned_first(
    parsed: Question,
    order: list[int],
    ranked: Ranked,
    key: Mapping[int, float],
    seen: set[int],
    ctx: AnswerContext,
    read: Sequence[Quote],
) -> tuple[list[int], list[Quote]]:
    """``order`` with the candidate the learned reranker prefers to all of it put first,
    when the coverage filter dropped it (index/learned_recall.py) and it passes the
    checks a first quote passes (the kind of answer asked for, what is asked); and the
    quotes read. It shows the first candidate's score, as a dense-recall sentence does."""
    if not ENABLE_LEARNED_FIRST:
        return order, list(read)
    sid = learned_pick(order, ranked.ids, ranked.passes, key, seen)
    if sid is None:
        return order, list(read)
    have = {q.sentence_id: q for q in read}
    found = [have[sid]] if sid in have else await ctx.fetch([sid])
    if not found or not (
        _holds_the_type(found[0], parsed) and _says_what_is_asked(found[0], parsed, ctx)
    ):
        return order, list(read)
    ranked.score[sid] = ranked.score[order[0]]
    return [sid, *order], [*read, *found]


_UNMATCHED = "The article that comes closest says nothing about: {}."
_WITHHELD_NOTE = "The article that comes closest says the name asked for was not given."
_UNNAMED_NOTE = "The article that comes closest does not name the person asked about."
_NO_CLOCK_NOTE = "No sentence in the library states the time of day asked for."
_UNKNOWN_NOTE = "The article that comes closest says what is asked is not known or not told."


def _names_a_thing(word: str) -> bool:
    """A word naming what a price is of, where another thing's amount is no answer: a
    plural noun, things sold by the unit ("tickets", "panels", "passes"). A singular noun
    is more often the story's subject, which a paragraph names otherwise ("the stadium",
    "the land"); a year or a verb ("a TV ad lasting 30 seconds", "fees to attend") says
    when or how, and is often left unsaid (measured on squad-dev)."""
    return is_plural(word)


async def _unmatched(
    parsed: Question, slots: Sequence[Slot], quote: Quote, ctx: AnswerContext
) -> str:
    """The words of a yes/no question that the quote's article never uses and that
    neither the quote nor its paragraph says in other words ("" when there are none).
    Also of a question asking for an amount of money (:data:`CLAIMED`), there only
    words that another article uses: "whats the copper price" is not answered by a rail
    fare's price, copper being the mine article's; and the things priced (a plural noun,
    :func:`_names_a_thing`) that the quote's own paragraph and its article's title never
    name: "how much will <team> tickets cost" is not answered by the owners' share of
    the arena, though the article speaks of ticket revenue elsewhere.

    A sentence can share a question's names and topic and still not say what it asks:
    "is it true there was a stampede at the <town> festival" against the festival's
    outbreak report, "did the CDC get involved" against the outbreak's first sentence.
    In a yes/no question every content word is part of the claim asked about, so a word
    said nowhere near the answer, in any words, means the claim is not there; a
    paraphrase ("was anyone killed" against "two people died") has a word close in
    meaning to it there. A question asking for a figure, a name or a place is left alone:
    its answer is that figure, and its other words are often said loosely ("how many
    planes were grounded" against "the airport cancelled 186 flights"), beyond what single
    words' meanings tell. Single words are compared, not the question with the sentence:
    a whole question matches many sentences of its topic closely (an absolute floor on
    that cosine declined nothing). Everyday words ("get", "big") and names are not
    checked: the first are too often paraphrased loosely, the second are weighed by
    :func:`_about_the_names`. Without the semantic model nothing is declined here.
    """
    if parsed.asks == ASKS_PRICE:
        unpaid = await _paid_elsewhere(parsed, quote, ctx)
        if unpaid:
            return unpaid
    if ctx.word_similarity is None or not (parsed.polar or parsed.asks in CLAIMED):
        return ""
    index = ctx.index
    article = int(index.article_of(np.array([quote.sentence_id], dtype=np.int64))[0])
    priced = parsed.asks == ASKS_PRICE
    around: list[str] | None = None
    asked: list[str] = []
    outcome = OUTCOME_WORDS.get(parsed.asks, frozenset())
    for slot in slots:
        named = slot.rarity >= 1.0 and not slot.lower_case
        if named or _lemma_rarity(slot) < UNMATCHED_RARITY or not is_informative(slot.word):
            continue
        if slot.word in outcome:
            continue  # "arrested": the answer's own words for it were read ("charged")
        if not slot.known and not parsed.polar:
            # "how much does a pass cost after the hike": a word no article uses may be
            # the member's loose wording; one that another article uses mixes the two.
            continue
        if slot.known:
            holding, _ = index.article_coverage([(slot.terms, 1.0)])
            if article in set(holding.tolist()):
                if not priced or slot.word in PRICE_WORDS or not _names_a_thing(slot.word):
                    continue
                # The amount's own paragraph must say what is priced: "how much will
                # <team> tickets cost" is not answered by the team owners' $310 million
                # share of the arena, though the article speaks of tickets elsewhere.
                # A word of the article's title is what the whole article is about, and
                # a paragraph speaks of it without naming it ("bought the land" in the
                # golf course story).
                if around is None:
                    around = await _paragraph_words(quote, ctx)
                said = {stem(w) for w in [*around, *words(fold(quote.citation.title))]}
                if set(slot.terms) & said:
                    continue
        asked.append(slot.word)
    if not asked and priced:
        return await _priced_elsewhere(parsed, slots, quote, ctx)
    if not asked:
        return ""
    if around is None:
        around = await _paragraph_words(quote, ctx)
    if not around:
        return ""
    return ", ".join(
        word
        for word in asked[:UNMATCHED_WORDS]
        if max(ctx.word_similarity(word, around)) < UNMATCHED_MATCH_MIN
    )


def _lemma_rarity(slot: Slot) -> float:
    """How rare a question word is as a word: for a verb's past form, the rarity of the
    verb when that is more common. "Gotten", "fined", "marked" are rarer in English than
    "get", "fine", "mark", and as loosely said. Not a plural ("profits": what is counted
    is named) nor an "-ing" form, often an adjective or a noun of its own ("rolling
    blackouts", "the building"). A word searched as its family ("wildfire" as fire) is
    as rare as itself: the claim asked about is the wildfire's, not any fire's."""
    word = slot.word
    if slot.family:
        return max(slot.rarity, rarity(word))
    if word.endswith(("s", "ing")):
        return slot.rarity
    base = lemma(word)
    return slot.rarity if base == word else min(slot.rarity, rarity(base))


_UNSAID_KIND = {
    ASKS_ADVICE: "No article says what to do about this.",
    ASKS_AGE: "No sentence in the library states the age asked for.",
    ASKS_PRICE: "No sentence in the library states the amount asked for.",
    ASKS_NAME: "No sentence in the library states the name asked for.",
    ASKS_HARM: "No sentence in the library says whether anyone was hurt.",
    ASKS_ARREST: "No sentence in the library says whether anyone was arrested or charged.",
    ASKS_LAWSUIT: "No sentence in the library says whether anyone has sued.",
}


def _unsaid_kind(parsed: Question) -> str:
    if parsed.asks in _UNSAID_KIND:
        return _UNSAID_KIND[parsed.asks]
    return f"No sentence in the library counts the {' '.join(parsed.counted)} asked about."


def _decide(
    order: Sequence[int],
    ranked: Ranked,
    slots: Sequence[Slot],
    weights: NDArray[np.float64],
    question_words: frozenset[str] = frozenset(),
    spread: bool = True,
) -> tuple[str, str] | None:
    """Why the best candidate is no answer, as (rule, note); None when it is one.
    ``spread``: whether a question whose words are spread over articles is declined."""
    credit = TYPE_EVIDENCE * ranked.strength.get(order[0], 0.0) if order else 0.0
    if _unknown_share(slots) * (1 - credit) >= MAX_UNKNOWN_SHARE:
        missing = ", ".join(s.word for s in slots if not s.known)
        return "unknown-words", f"The library does not mention: {missing}."
    if spread and _mixes_articles(ranked):
        known = ", ".join(s.word for s in slots if s.known)
        return (
            "mixes-articles",
            f"No article is about all of: {known}; they are spread over several.",
        )
    if not order:
        return "no-coverage", "No sentence in the library answers this question."
    first = ranked.number_texts.get(order[0])
    if first is not None and not _states_a_figure(first, question_words):
        return "no-figure", "No sentence in the library states the figure asked for."
    return None


def _unsaid(
    question: Question,
    slots: Sequence[Slot],
    sid: int,
    ranked: Ranked,
    ctx: AnswerContext,
    passed: Sequence[int] = (),
) -> str | None:
    """Why sentence ``sid`` may not say what the question asks (None when nothing speaks
    against it).

    An everyday English word that the library never uses ("employees", "earn", "worth")
    either says what the question asks and no article says ("how many employees does
    <company> have", answered from the sentence that names the company and a figure), or
    is the member's own wording of what a sentence says ("kick in" for "take effect").
    Only meaning tells the two apart: the sentence must be at least as close to the whole
    question as every other candidate holding as much of the question's words (or more
    of the figure asked for), a rank, not a cosine threshold. Rare words and
    names the library lacks already weigh fully against answering (:func:`slot_weight`).
    Without sentence vectors nothing is declined here.
    """
    if ctx.similarity is None:
        return None
    missing = [s for s in slots if not s.known and MISSING_RARITY <= s.rarity < MISSING_RARE]
    if not missing:
        return None
    cosines = ctx.similarity(question.text, list(dict.fromkeys([sid, *ranked.ids])))
    if sid not in cosines:
        return None
    # A candidate holding less of the question's words ("the talks lasted an hour" for
    # "which city hosted the peace talks", against "during the Istanbul peace talks") is
    # no rival, unless it holds the figure asked for where this one does not: closer in
    # meaning to the question, it still says less of what it asks.
    weights = np.array([s.weight for s in slots])
    measured = question.answer_type in MEASURED

    def words_held(other: int) -> float:
        return float(ranked.held[other] @ weights) if other in ranked.held else 0.0

    def figure(other: int) -> float:
        # Figures are found reliably in text, names and places are not: only the
        # former's strength speaks for a rival.
        return ranked.strength.get(other, 0.0) if measured else 0.0

    own, own_figure = words_held(sid), figure(sid)
    rival = max(
        (
            c
            for other, c in cosines.items()
            if other != sid
            and other not in passed
            and other in ranked.held
            and (words_held(other) >= own or figure(other) > own_figure)
        ),
        default=-1.0,
    )
    if cosines[sid] >= rival:
        return None
    return f"The library does not mention: {', '.join(s.word for s in missing)}."


async def _unnamed_speaker(parsed: Question, sid: int, ctx: AnswerContext) -> str:
    """The words naming the speaker of "what did X say" that sentence ``sid``'s article
    never uses ("" when it uses them all, or the question names no speaker).

    X speaks nowhere in the library, or the question would have been answered with X's
    own words; then the closest sentence is about the question's topic, and an article
    that never mentions X (the FDA, "the mayor of Marlow County" in a flood report with
    no mayor) cannot say what X said, in any words. A word is the article's, though,
    when it names one of the article's speakers as the speaker directory knows them
    (:func:`_named_by_the_speakers`): "tollard's vp" of an article writing "vice
    president", "the mom" of one writing "a mother of two"."""
    if not parsed.speaker or not parsed.question_words & SPEECH_VERBS:
        return ""
    article = int(ctx.index.article_of(np.array([sid], dtype=np.int64))[0])
    absent = []
    for word in parsed.speaker:
        terms = tuple(analyze(word))
        if not terms or rarity(word) < MISSING_RARITY:
            continue
        held, _ = ctx.index.article_coverage([(terms, 1.0)])
        if article not in set(held.tolist()):
            absent.append(word)
    if absent:
        absent = await _named_by_the_speakers(absent, article, ctx)
    return ", ".join(absent)


# A member's word for a speaker is the article's when it is one of the words the speaker
# directory gives one of the article's speakers (their name, their role and its other
# spellings: "vp" for a vice president), or, with the semantic model, this close in
# meaning to one of those words or of the sentence introducing them ("mom": "a mother of
# two"). Lower, a body the article does not name meets one it does ("the FBI" and the
# police, "the police chief" and an officer: README, round 24).
SPEAKER_WORD_MIN = 0.8
# At most this many of the article's sentences are read for its speakers.
SPEAKER_SENTENCES = 400


async def _named_by_the_speakers(absent: list[str], article: int, ctx: AnswerContext) -> list[str]:
    """Of ``absent`` (words the article never uses), those that name none of its
    speakers (see :data:`SPEAKER_WORD_MIN`)."""
    if ctx.speakers is None:
        return absent
    directory = ctx.speakers
    sentences = ctx.index.article_sentences(article, SPEAKER_SENTENCES).tolist()
    speakers = list(dict.fromkeys(key for s in sentences for key in directory.speakers_at(s)))
    own = {w for key in speakers for w in directory.words_of(key)}
    left = [w for w in absent if fold(w) not in own]
    if not left or ctx.word_similarity is None or not speakers:
        return left
    first = sorted({directory.sentences(key)[0] for key in speakers if directory.sentences(key)})
    described = {
        w
        for quote in await ctx.fetch(first)
        for w in words(fold(quote.text))
        if is_informative(w) and not w.isdigit()
    }
    known = sorted(own | described)
    return [w for w in left if max(ctx.word_similarity(w, known)) < SPEAKER_WORD_MIN]


def _states_a_figure(text: str, question_words: frozenset[str]) -> bool:
    """Does a sentence state a number, date or duration the question does not already
    give? Any of the three counts for a question asking for one of them: "when will it be
    lifted" is answered by "in about 24 hours". A sentence that matches the question's
    words, or its meaning, without one does not answer "how much ransom do they ask"
    ("the bank would not say whether it would pay the ransom"): the amount is unstated."""
    if QUANTIFIERS & set(words(fold(text))):
        return True
    return any(answer_type_strength(text, kind, question_words) > 0 for kind in MEASURED)


def _holds_the_type(quote: Quote, parsed: Question) -> bool:
    """A paraphrase answer to a question asking for a figure must state one."""
    return parsed.answer_type not in MEASURED or _states_a_figure(quote.text, parsed.question_words)


def _says_what_is_asked(quote: Quote, parsed: Question, ctx: AnswerContext) -> bool:
    """An answer to "what should I do" must say what to do, one to "how old is X" an
    age, and one to "how many <things>" a figure counting those things: sharing the
    question's words is not enough (see :data:`ASKS_ADVICE`, :func:`counts_what_is_asked`).
    Without the semantic model only a word's own forms are known: "homes" would not count
    "houses", so the count alone never declines (it still reorders)."""
    if not parsed.asks and ctx.word_similarity is None:
        return True
    said = _states_the_kind_asked(quote.text, parsed, ctx.word_similarity)
    return True if said is None else said


def _states_the_kind_asked(
    text: str, parsed: Question, word_similarity: WordSimilarity | None
) -> bool | None:
    """Whether ``text`` states the kind of answer the question asks for (advice, an age
    of whom is asked, an amount of money, a new name, a count of the things asked
    about); None for a question asking for none of them."""
    if parsed.asks == ASKS_ADVICE:
        return gives_advice(text)
    if parsed.asks == ASKS_AGE:
        return states_an_age(text, parsed.question_words)
    if parsed.asks == ASKS_PRICE:
        return states_an_amount(text)
    if parsed.asks == ASKS_NAME:
        return states_a_new_name(text, parsed.question_words)
    if parsed.asks in OUTCOMES:
        return states_outcome(parsed.asks, text)
    if parsed.counted:
        # The learned model's feature (:func:`_says_plainly`, no word meanings) reads the
        # count as it was trained on.
        declining = word_similarity is not None
        return counts_what_is_asked(text, parsed, word_similarity, declining=declining)
    return None


async def _counting_first(
    order: list[int], parsed: Question, ctx: AnswerContext, read: Sequence[Quote]
) -> list[int]:
    """``order`` with the first of its :data:`COUNTED_POOL` best candidates whose figure
    counts what "how many" asks about, or of its :data:`PRICE_POOL` best that states the
    amount "how much does X cost" asks for, moved to the front ("how many branches does
    the bank have": "which has 140 branches" over "shares fell 11%"); unchanged when none
    does, and the answer is then declined (:func:`_says_what_is_asked`)."""
    have = {q.sentence_id: q for q in read}
    head = order[: PRICE_POOL if parsed.asks == ASKS_PRICE else COUNTED_POOL]
    missing = [sid for sid in head if sid not in have]
    for quote in await ctx.fetch(missing) if missing else []:
        have[quote.sentence_id] = quote
    if parsed.asks == ASKS_PRICE:
        for sid in head:
            found = have.get(sid)
            if found is not None and states_an_amount(found.text):
                return [sid, *(other for other in order if other != sid)]
        return order
    # Without the semantic model, a figure standing beside the counted word itself ("40,000
    # fish") comes first, then one in a sentence naming the counted word elsewhere ("its
    # 140 members … the fish kill"). With the model the fused order already reads what the
    # sentence is about, and the first pass measured worse on squad-dev: Wikipedia's
    # sentences put figures beside the counted word for other teams, places and years.
    passes = (True,) if ctx.word_similarity is not None else (False, True)
    for anywhere in passes:
        for sid in head:
            found = have.get(sid)
            if found is not None and counts_what_is_asked(
                found.text, parsed, ctx.word_similarity, anywhere=anywhere
            ):
                return [sid, *(other for other in order if other != sid)]
    return order


# "What is X called": of the NAMED_POOL best candidates, the first that gives a name in
# the words news introduces one with ("a product called Clotharin", "known as the Iron
# Owls"). The sentence sharing most of the question's words is often the story's first,
# full of capitalised names but not the one asked for. "What is the name of X" keeps its
# order: there the sentence moved first was more often declined than right.
NAMED_POOL = 5
_NAMING = re.compile(r"\b(?:called|named|dubbed|titled|known as)\s+(?:the\s+)?[\"“‘']?[A-Z0-9]")


async def _naming_first(order: list[int], ctx: AnswerContext, read: Sequence[Quote]) -> list[int]:
    """``order`` with the first of its :data:`NAMED_POOL` best candidates that introduces
    a name (:data:`_NAMING`) moved to the front; unchanged when the first does or none
    does."""
    have = {q.sentence_id: q for q in read}
    head = order[:NAMED_POOL]
    missing = [sid for sid in head if sid not in have]
    for quote in await ctx.fetch(missing) if missing else []:
        have[quote.sentence_id] = quote
    for sid in head:
        found = have.get(sid)
        if found is not None and _NAMING.search(found.text):
            return [sid, *(other for other in order if other != sid)]
    return order


def counted_by_figures(
    text: str, question_words: frozenset[str] = frozenset(), beside: bool = False
) -> list[str]:
    """The words next to each figure of ``text`` that the question does not give: what the
    figures count ("1.9 million containers" → "containers"; "a crowd of 5,000" →
    "crowd"). Figures are digits and number words; a figure's own words ("million")
    are skipped. ``beside``: of the words before a figure only :data:`COUNTED_BESIDE`
    ("total yards 315"): what a figure counts follows it ("40,000 fish"); the words
    farther before are its owner ("the club's 140 members")."""
    tokens = words(fold(text))
    before, after = (COUNTED_BESIDE, COUNTED_AFTER) if beside else (COUNTED_BEFORE, COUNTED_AFTER)
    out: list[str] = []
    for i, token in enumerate(tokens):
        if not (token.isdigit() or token in FIGURE_WORDS) or token in question_words:
            continue
        near = [*tokens[max(0, i - before) : i], *tokens[i + 1 : i + 1 + after]]
        out.extend(
            w for w in near if is_informative(w) and not w.isdigit() and w not in FIGURE_WORDS
        )
    return list(dict.fromkeys(out))


def counts_what_is_asked(
    text: str,
    parsed: Question,
    word_similarity: WordSimilarity | None = None,
    anywhere: bool = True,
    declining: bool = False,
) -> bool:
    """Does a figure of ``text`` count what "how many <things>" asks about?

    A sentence matching the question's other words often states a figure that counts
    something else ("how many tourists were stranded" against "about 300 homes were
    flooded"): the figure answers another question, and the count asked for is unstated.
    One of the words next to a figure must be one of the question's counted words in some
    form (same stem), or, with the semantic model, close to one in meaning ("vessels" for
    "ships"): a cosine of :data:`COUNTED_MIN` between the two words; or the sentence names
    the first counted word anywhere (not when ``anywhere`` is False). The commonest words
    ("times", "people", "ways") say too little about what is counted to decline on:
    "how many times" is answered by "twice", "how many people" by "86 water rescues".

    ``declining``: an everyday word describing the thing counted is not taken for it
    (:func:`_thing_first`), and a word beside a figure that the question itself uses
    outside its counted words is what the question is about, not a meaning of what it
    counts: "how many fish died in Caulder Lake" is not answered by "lower Caulder Lake
    by 12 feet", "lake" being near "fish" in meaning (:func:`_not_the_setting`)."""
    counted = counted_by_figures(without_amounts(text), parsed.question_words, beside=not anywhere)
    asked = [w for w in parsed.counted if is_informative(w)]
    if not anywhere:
        # Beside a figure only what it counts: a name the question capitalises ("how
        # many Panthers defense players") stands beside figures counting other things.
        named = {fold(w) for w in WORD.findall(parsed.text)[1:] if w[:1].isupper()}
        asked = [w for w in asked if w not in named]
    # Ordering reads the rarest counted word ("stalls" of "food stalls"); declining
    # reads the first, the noun most often.
    if declining:
        asked = _thing_first(asked)
    if not asked or rarity(asked[0] if anywhere else max(asked, key=rarity)) < COUNTED_RARITY:
        return True
    if not counted:
        return False
    # The first word after "how many" (the noun, most often) named anywhere in a
    # sentence with a figure: phrasing may keep the two apart ("the names of at least
    # six daughters", "one (or more) of the departments (or ministries)").
    said = anywhere and stem(asked[0]) in {stem(w) for w in words(fold(text))}
    if said and not (declining and _figures_count_else(text, parsed)):
        return True
    stems = {stem(w) for w in asked}
    if any(stem(w) in stems for w in counted):
        return True
    if word_similarity is None:
        return False
    if declining:
        counted = _not_the_setting(counted, parsed)
        if not counted:
            return False
    return any(max(word_similarity(w, counted)) >= COUNTED_MIN for w in asked)


def _figures_count_else(text: str, parsed: Question) -> bool:
    """Does every figure of ``text`` say what it counts, none of it what "how many" asks?
    Then a sentence naming the thing asked about elsewhere gives no count of it: "the two
    hospitals have competed for patients" (hospitals counted), "it could take five to
    seven years" (years) for "how many patients", "how many inspectors".

    A figure's thing is the first word after it past other figures and their scale words
    ("1.9 million containers"), the later of a range deciding ("five to seven years"),
    when it is a plural noun. A figure followed by any other word ("fewer than 10,000
    thought to remain", "one (or more) of the departments"), a year and
    a label's number ("Route 7", "March 23": a capitalised word before it, not the
    sentence's first) count nothing visibly and keep the sentence's own word for it. A
    sentence whose figures are all years and labels counts nothing ("the student, who
    lives in Thornbury Hall, became ill on Sept. 12" for "how many students live in
    Thornbury Hall"): True. No figure at all: False (the caller has declined already)."""
    folded = words(text)
    cased = cased_words(text)
    if len(cased) != len(folded):
        cased = folded
    # A figure of a thing the question names counts what it asks ("how many names of
    # Genghis Khan's daughters" against "the names of at least six daughters").
    asked = {stem(w) for w in [*parsed.counted, *parsed.question_words]}

    def figure(i: int) -> bool:
        return i < len(folded) and (folded[i].isdigit() or folded[i] in NUMBER_WORDS)

    seen = False
    labels = 0  # years and labels' numbers
    for i, token in enumerate(folded):
        if not figure(i) or token in parsed.question_words or (i and figure(i - 1)):
            continue
        if token.isdigit() and len(token) == 4 and token[:2] in ("19", "20"):
            labels += 1
            continue
        if i > 1 and cased[i - 1][:1].isupper() and not figure(i - 1):
            labels += 1
            continue
        j = i + 1
        while figure(j):
            j += 1
        if j + 1 < len(folded) and folded[j] in _RANGE_WORDS and figure(j + 1):
            continue
        thing = folded[j] if j < len(folded) else ""
        if not is_informative(thing) or not is_plural(thing) or stem(thing) in asked:
            return False
        seen = True
    return seen or labels > 0


def _thing_first(asked: Sequence[str]) -> list[str]:
    """``asked`` with the thing counted first when an everyday word describes it: "how
    many new river inspectors" counts inspectors, a plural noun that is no everyday word,
    not "new" things. An everyday first word with no such plural after it is the thing
    itself ("how many ppl ride", "how many kids would get moved") and is left first."""
    if not asked or rarity(asked[0]) >= COUNTED_RARITY:
        return list(asked)
    thing = next((w for w in asked[1:] if is_plural(w) and rarity(w) >= COUNTED_RARITY), None)
    if thing is None:
        return list(asked)
    return [thing, *(w for w in asked if w != thing)]


def _not_the_setting(counted: Sequence[str], parsed: Question) -> list[str]:
    """The words next to figures (:func:`counted_by_figures`) but those the question uses
    beside what it counts: the place, event or owner it names ("lake" of "how many fish
    died in caulder lake", "festival" of "how many stalls were at the festival") says
    where the things are, and stands beside figures of other things (a depth, a date)."""
    counted_stems = {stem(w) for w in parsed.counted}
    setting = {stem(w) for w in parsed.question_words} - counted_stems
    return [w for w in counted if stem(w) not in setting]


def _mixes_articles(ranked: Ranked) -> bool:
    """No article holds enough of the question, or every candidate's article holds much
    less than another: the question's words are spread over several articles."""
    return ranked.best_article_share < MIN_ARTICLE_SHARE or not any(ranked.passes.values())


def _semantic_choices(
    text: str, parsed: Question, ranked: Ranked, key: Mapping[int, float], ctx: AnswerContext
) -> list[int]:
    """The sentences that may say what the question asks in other words, closest first
    (at most :data:`SEMANTIC_TRIES`; none when none is close enough).

    Read when the lexical evidence falls short. The question's known words choose the
    articles (those of the candidates that may be shown, best share first); every sentence
    of them is compared with the question, not only the BM25 candidates, since a
    paraphrase shares few words with the question. The closest one answers when it is
    close enough and clearly closer than anything in the other articles' candidates: a
    sentence of an unrelated article reaches a high cosine for many questions, so only a
    margin over them says the match is about this article's subject. "What did X say"
    with X unknown is left declined: the person asked about is not in the library.
    Articles of equal share (a question whose only known word is an everyday one, such as
    "get", that every article holds) go by their best candidate in ``key``, the fused
    order, not by which was added first.

    The closest sentence often says the question's topic without what it asks ("the bus
    was one of 40 fitted with seatbelts" for "how many kids were on the bus"), and the
    next one ("a school bus carrying 31 pupils") says it, as close in meaning: each one
    meeting the same floor and margin and tied with the closest (:data:`SEMANTIC_TIE`) is
    offered, for the caller's checks to choose. One clearly farther is about something
    else more often than a paraphrase of what is asked.
    """
    if ctx.similarity is None or parsed.speaker:
        return []
    index = ctx.index
    of = dict(
        zip(
            ranked.ids, index.article_of(np.array(ranked.ids, dtype=np.int64)).tolist(), strict=True
        )
    )
    eligible = {of[sid] for sid in ranked.ids if ranked.passes[sid]}
    fused: dict[int, float] = {}
    for candidate in ranked.ids:
        article = of[candidate]
        fused[article] = max(fused.get(article, -np.inf), float(key[candidate]))
    articles = sorted(
        eligible, key=lambda a: (-ranked.shares.get(a, 0.0), -fused.get(a, -np.inf), a)
    )[:SEMANTIC_ARTICLES]
    own = [sid for a in articles for sid in index.article_sentences(a, SEMANTIC_READ).tolist()]
    rivals = [sid for sid in ranked.ids if of[sid] not in articles]
    cosines = ctx.similarity(text, [*own, *rivals])
    scored = sorted(((cosines[sid], -sid) for sid in own if sid in cosines), reverse=True)
    rival = max((cosines[r] for r in rivals if r in cosines), default=0.0)
    floor = max(SEMANTIC_MIN, rival + SEMANTIC_MARGIN)
    if not scored or scored[0][0] < floor:
        return []
    if parsed.asks in OUTCOMES:
        # What is asked has words of its own ("injured", "hospital", "charged"), which the
        # caller reads: once the closest sentence says the articles are the ones asked
        # about, the closest saying it answers, however far behind the closest on the
        # topic ("The leak began when a valve failed") it stands.
        return [-sid for _, sid in scored]
    tie = scored[0][0] - SEMANTIC_TIE
    return [-sid for cosine, sid in scored[:SEMANTIC_TRIES] if cosine >= max(floor, tie)]


# "Has this happened before": a yes/no question with one of these words asks about the
# past of what the article reports.
HISTORY_WORDS = frozenset("before ever previously".split())
# Words and years by which a sentence tells of an earlier time ("the second recall",
# "last walked off in 2019", "the first escape since 2011"); "first" and "last" alone say
# no time ("would feel the effects first").
_EARLIER = re.compile(
    r"\b(?:second|third|fourth|fifth|previous|previously|prior|earlier|ago|since|twice|"
    r"again|before|(?:19|20)\d\d)\b",
    re.IGNORECASE,
)
# The candidates read for one that tells of an earlier time.
HISTORY_POOL = 4
# The article's first sentence (its lede), as a citation numbers it: paragraph, sentence.
LEDE = (1, 1)


def asks_history(parsed: Question) -> bool:
    """Does a yes/no question ask whether what the article reports happened before ("has
    Lake Tamsin had a bloom before", "have pilots ever gone on strike")?"""
    return parsed.polar and bool(parsed.question_words & HISTORY_WORDS)


def tells_of_earlier(text: str, year: str | None) -> bool:
    """Does a sentence tell of a time before its article's (``year``, from its date)?
    A year counts when it is earlier."""
    for found in _EARLIER.finditer(text):
        word = found.group()
        if not word.isdigit() or year is None or word < year:
            return True
    return False


async def _history_first(
    order: list[int],
    ranked: Ranked,
    key: Mapping[int, float],
    ctx: AnswerContext,
    read: Sequence[Quote],
) -> tuple[list[int], list[Quote]]:
    """For "has this happened before": when the article's first sentence comes first,
    saying only what happened now, the first of the next candidates of its article that
    tells of an earlier time ("It is the brewery's second recall") is shown before it,
    also one holding too few of the question's words to answer alone (the lede holds the
    names). The lede reports the event the member asks about, not its past."""
    have = {q.sentence_id: q for q in read}
    others = sorted((sid for sid in ranked.ids if ranked.passes[sid]), key=lambda s: -key[s])
    head = list(dict.fromkeys([*order[:HISTORY_POOL], *others[:HISTORY_POOL]]))
    missing = [sid for sid in head if sid not in have]
    fetched = await ctx.fetch(missing) if missing else []
    for quote in fetched:
        have[quote.sentence_id] = quote
    lead = have.get(order[0])
    if lead is None or (lead.citation.paragraph, lead.citation.sentence) != LEDE:
        return order, [*read, *fetched]
    year = (lead.citation.date or "")[:4] or None
    if tells_of_earlier(lead.text, year):
        return order, [*read, *fetched]
    for sid in head[1:]:
        other = have.get(sid)
        if (
            other is not None
            and other.citation.article_id == lead.citation.article_id
            and tells_of_earlier(other.text, year)
        ):
            return [sid, *(o for o in order if o != sid)], [*read, *fetched]
    return order, [*read, *fetched]


async def _outcome_first(
    text: str,
    kind: str,
    order: list[int],
    ranked: Ranked,
    ctx: AnswerContext,
    read: Sequence[Quote],
) -> tuple[list[int], list[Quote]]:
    """For "was anyone hurt" (arrested, sued: ``kind``, see :data:`OUTCOMES`): the
    sentence of the first candidate's article that says whether it befell anyone put
    first, the closest to the question in meaning (without the semantic model, the best
    candidate saying it, else the article's first), and the quotes read; ``order``
    unchanged when the article says nothing of it, and the answer is then declined
    (:func:`_says_what_is_asked`).

    The words decided that the article is the one asked about ("the route 9 pileup"); the
    answer shares few of them ("Six people were taken to hospitals with injuries"), and a
    sentence holding more ("closed Route 9 after a series of crashes") says something
    else. Whether the article was right was decided on the words."""
    lead = order[0]
    article = int(ctx.index.article_of(np.array([lead], dtype=np.int64))[0])
    have = {q.sentence_id: q for q in read}
    sids = ctx.index.article_sentences(article, SEMANTIC_READ).tolist()
    missing = [sid for sid in sids if sid not in have]
    fetched = await ctx.fetch(missing) if missing else []
    for quote in fetched:
        have[quote.sentence_id] = quote
    saying = [sid for sid in sids if sid in have and states_outcome(kind, have[sid].text)]
    if not saying or lead in saying:
        return order, [*read, *fetched]
    if ctx.similarity is not None:
        cosines = ctx.similarity(text, saying)
        best = max(saying, key=lambda sid: (cosines.get(sid, -1.0), -sid))
    else:
        scored = [sid for sid in saying if sid in ranked.score]
        best = max(scored, key=lambda sid: (ranked.score[sid], -sid)) if scored else saying[0]
    ranked.score[best] = ranked.score[lead]
    return [best, *(sid for sid in order if sid != best)], [*read, *fetched]


def _closer_date_first(
    order: list[int], parsed: Question, ranked: Ranked, key: Mapping[int, float], index: Retriever
) -> list[int]:
    """For "when": a sentence of the first one's article that states a date and is closer
    to the question by the fused score, shown first even when it holds too little of the
    question's words to answer alone ("start producing electricity" against "begin sending
    power to the grid by the end of 2028"). Whether to answer was decided on ``order``."""
    if parsed.answer_type is not AnswerType.DATE:
        return order
    lead = order[0]
    ids = np.array(ranked.ids, dtype=np.int64)
    article = dict(zip(ranked.ids, index.article_of(ids).tolist(), strict=True))
    shown = set(order)
    closer = [
        sid
        for sid in ranked.ids
        if sid not in shown
        and ranked.passes[sid]
        and article[sid] == article[lead]
        and ranked.strength.get(sid, 0.0) >= 1.0
        and key[sid] > key[lead]
    ]
    if not closer:
        return order
    return [max(closer, key=lambda sid: (key[sid], -sid)), *order]


def _shown(order: Sequence[int], ranked: Ranked, weights: NDArray[np.float64], n: int) -> list[int]:
    """The candidates worth showing after the first: each must cover enough of the
    question itself, and not score far below the first."""
    if n <= 0 or not order:
        return []
    first = ranked.score[order[0]]
    chosen = [order[0]]
    for sid in order[1:]:
        if len(chosen) >= n:
            break
        if ranked.score[sid] < RELATIVE_CUT * first:
            break
        chosen.append(sid)
    return chosen


async def _quotes(
    spoken: Sequence[Quote],
    chosen: Sequence[int],
    ranked: Ranked | None,
    ctx: AnswerContext,
    read: Sequence[Quote] = (),
) -> list[Quote]:
    """Quotes in the order shown, each with its score; scores never rise down the list
    (a speaker's own sentences, in article order, share the first)."""
    have = {q.sentence_id: q for q in read}
    missing = [sid for sid in chosen if sid not in have]
    for quote in await ctx.fetch(missing) if missing else []:
        have[quote.sentence_id] = quote
    scores = ranked.score if ranked is not None else {}
    own = [q.sentence_id for q in spoken]
    top = max([scores.get(sid, 0.0) for sid in [*own, *chosen]], default=0.0)
    out = [replace(q, score=top) for q in spoken]
    ceiling = top
    for sid in chosen:
        if sid in have:
            ceiling = min(ceiling, scores.get(sid, 0.0))
            out.append(replace(have[sid], score=ceiling))
    return out
