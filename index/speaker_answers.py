"""Answers to "what did X say": X's own sentences, and the declines that speak of X (a
speaker named but silent, a namesake elsewhere, a role nobody in the library holds).

:func:`attributed` finds the sentences (:mod:`index.speakers`, :mod:`index.attribution`);
:func:`passages` joins them into quotes. :mod:`index.answering` asks these before ranking."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import replace

import numpy as np
from rapidfuzz.distance import OSA
from wordfreq import zipf_frequency

from .analyze import analyze, fold
from .answer_context import MISSING_RARE, WORD, AnswerContext, rarity, surface
from .attribution import GIVEN_NAMES, is_given_name, same_given
from .models import Quote
from .question import (
    CLAUSE_WORDS,
    Question,
    asks_for_a_person,
    speaker_at_a_place,
)
from .retriever import Retriever
from .roles import (
    BODY_NOUNS,
    DESCRIPTIVE_HEADS,
    DOMAIN_MODIFIERS,
    FAMILY_NOUNS,
    GENERIC_ROLE_HEADS,
    HONORIFICS,
    ROLE_HEADS,
    ROLE_VARIANTS,
    ROLE_WORDS,
    TITLE_ABBREVIATIONS,
    TITLE_WORDS,
    related_role_words,
)
from .speakers import Speaker, SpeakerDirectory

# "What did X say / tell / think": only then does a speaker no article names decline.
SPEECH_VERBS = frozenset("say said says tell told think thinks".split())
# Sentences naming both a given name and a surname read for the full name written out.
MAX_NAMESAKE_SENTENCES = 50
# A word before a surname that the library never uses is taken for a given name only
# when it is rarer in English than this (Zipf: "young" 5.4, "john" 5.4, "raymond" 4.0).
GIVEN_NAME_MAX_ZIPF = 5.3
# Given names sharing this many first letters may be one name's forms ("Marty", "Martin").
GIVEN_PREFIX = 4
SAYING_VERBS = SPEECH_VERBS - {"think", "thinks"}
# Analysed terms of the verbs that attribute a sentence ("said", "told", "according to").
ROLE_SPEECH_TERMS = ("say", "tell", "accord")
# A role voices a sentence when it stands this many words before its verb of speech or
# after it, and at most MAX_VOICED_SENTENCES sentences holding both are read.
VOICE_BEFORE = 4
VOICE_AFTER = 2
MAX_VOICED_SENTENCES = 50
# "What did X say": X's sentences read (best first), and the most joined into one quote.
MAX_SPOKEN = 12
# A topic that none of a speaker's sentences names is still theirs when one of them is
# this close to it in meaning ("refunds": "would pay back any late fees" 0.39; the
# topics of other articles' stories, asked of a speaker by mistake, stay below 0.15 on
# the dev sets: "the measles outbreak" of a governor in a plant story).
SPEAKER_TOPIC_MIN = 0.3
# A topic X's articles never name is another article's when one of its words is this rare
# (index/answer_context.py ``rarity``: "refunds", "measles"; "strike" and "cost" are
# everyday words), or when another article holds it in its first OPENING_SENTENCES or in
# TOPICAL_SENTENCES of its sentences.
TOPIC_SPECIFIC_RARITY = 0.45
OPENING_SENTENCES = 2
TOPICAL_SENTENCES = 5
MAX_PASSAGE_SENTENCES = 6
# Sentences of each speaker a description may name, compared with it by meaning.
MAX_DESCRIBED_SENTENCES = 4


def _is_name(word: str) -> bool:
    """A word that is no common English word: a name a speaker must be named by."""
    return rarity(word) >= 1.0


def _speaks_where_topic_is(parsed: Question, spoken: Sequence[int], index: Retriever) -> bool:
    """Does X speak in an article that holds the topic ("what did the governor say about
    the measles outbreak": the governor speaks only about a plant closure, and the measles
    are in another article)? Only topic words the library knows count; with none, yes."""
    known = [t for t in parsed.topic_terms if t in index]
    if not known:
        return True
    articles, _ = index.article_coverage([((t,), 1.0) for t in known])
    where = set(index.article_of(np.array(spoken, dtype=np.int64)).tolist())
    return bool(where & set(articles.tolist()))


def named_but_silent(parsed: Question, said: Sequence[int], index: Retriever) -> str:
    """The words of "what did X say" when a sentence of the library names X, and X
    speaks nowhere ("" otherwise): "what did <a patient> say about the hack", where the
    article names the patient and quotes only his family. A sentence naming X says what
    the article says about X, not what X said. Every word naming X must stand in one
    sentence: "the nurses union" in a library with no union is left to the other checks,
    and, for "what did X think", none of those sentences may hold a word of the topic
    asked about (a thought is reported in ways no speaker pattern reads; "what did X say
    about the shelter" is still declined: "The shelter is run by Phil Nakagawa"). One of
    the words must be a rare word (a name, :data:`MISSING_RARE`): "what did the report say"
    asks for what a report found, which no speaker says.
    """
    if said or not parsed.question_words & SPEECH_VERBS or not parsed.speaker:
        return ""
    if max(rarity(w) for w in parsed.speaker) < MISSING_RARE:
        return ""
    together: set[int] | None = None
    for word in parsed.speaker:
        terms = [t for t in analyze(word) if t in index]
        if not terms:
            return ""
        holding = set(index.sentence_scores(terms)[0].tolist())
        together = holding if together is None else together & holding
    if not together:
        return ""
    topic = [t for t in parsed.topic_terms if t in index]
    # "what did X think about Y" may be answered by a sentence that reports X's thought;
    # what X *said* takes a verb of speech, which attribution reads
    thought = not parsed.question_words & SAYING_VERBS
    if thought and topic and together & set(index.sentence_scores(topic)[0].tolist()):
        # A sentence naming X says something of the topic asked about: X's words may be
        # reported there in a way no speaker pattern reads ("Dalton thought the atomic
        # ratios were simple").
        return ""
    owner = possessor(parsed)
    if owner:
        # "Beth Marangu's son", not "Beth Marangu Son"
        named = [_title(w, parsed) for w in parsed.speaker if w in owner]
        rest = [w for w in parsed.speaker if w not in owner]
        return " ".join(named) + "'s " + " ".join(rest)
    return " ".join(_title(w, parsed) for w in parsed.speaker)


# Words that stand before a surname and are no given name: titles, posts, their
# abbreviations and variants, family ties and bodies ("what did treasurer Pelletier say",
# "what did dr Otterby say").
_NO_GIVEN_NAME = (
    TITLE_WORDS
    | ROLE_WORDS
    | HONORIFICS
    | FAMILY_NOUNS
    | BODY_NOUNS
    | frozenset(TITLE_ABBREVIATIONS)
    | frozenset().union(*ROLE_VARIANTS)
)
# Short forms of given names members type for the name an article writes in full ("what
# did Bob Ruiz say" of Robert Ruiz): the nicknames package's name groups, loaded once.
_NICKNAMES = GIVEN_NAMES


def _given_forms(word: str) -> set[str]:
    """``word`` and the other forms of the given name it may be: the full names it is short
    for and every short form of each ("bobby" → robert, bob, rob …)."""
    full = {word} | _NICKNAMES.canonicals_of(word)
    return full.union(*(_NICKNAMES.nicknames_of(name) for name in full))


def _given_agrees(asked: str, given: str) -> bool:
    """Do two given names name one person: one spelling, an initial, a short form, a
    typo ("Dorthy" for Dorothy)?"""
    if same_given(asked, given) or given in _given_forms(asked):
        return True
    if asked[:GIVEN_PREFIX] == given[:GIVEN_PREFIX] and min(len(asked), len(given)) >= GIVEN_PREFIX:
        return True  # "Marty" / "Martin"
    return len(asked) >= 7 and len(given) >= 7 and OSA.distance(asked, given) <= 2


def _writes_full_name(text: str, given: str, surname: str) -> bool:
    """Does ``text`` write the name out, capitalised, the given name right before the
    surname or an initial between ("Raymond Pelletier", "Raymond J. Pelletier")?"""
    tokens = WORD.findall(text)
    for i, token in enumerate(tokens[:-1]):
        if not token[:1].isupper() or fold(token) != given:
            continue
        after = tokens[i + 1 : i + 3]
        if len(after) == 2 and len(after[0]) == 1 and after[0].isupper():
            after = after[1:]
        if after and after[0][:1].isupper() and fold(after[0]).removesuffix("'s") == surname:
            return True
    return False


def _capitalised_within(text: str, given: str) -> bool:
    """Does ``text`` write ``given`` capitalised past its first word, as a name ("where
    her late husband, Walter, grew up", in a sentence naming the surname)?"""
    return any(t[:1].isupper() and fold(t) == given for t in WORD.findall(text)[1:])


async def other_namesake(parsed: Question, ctx: AnswerContext) -> str:
    """The name of "what did <given name> <surname> say" when the speakers of that
    surname are all other people by their given names ("" otherwise): "what did Raymond
    Pelletier say" of a library quoting Dorothy and Martin Pelletier is no question about
    either. Quoting a namesake would put someone else's words in the asked person's
    mouth. The word before the surname is a given name when it is no title, post, family
    tie or body (:data:`_NO_GIVEN_NAME`), no word of a namesake's own (a role, a place),
    and either the library writes it capitalised before the surname ("Her husband,
    Raymond Pelletier, was not charged": someone the library names) or the library never
    uses it at all, or, no common English word, writes it as a name in a sentence with the
    surname ("Harriet Ostrander said … where her late husband, Walter, grew up"); a
    namesake known by the surname alone may be anyone, and one whose given name agrees
    (:func:`_given_agrees`) is the person asked."""
    assert ctx.speakers is not None
    if not parsed.question_words & SPEECH_VERBS or len(parsed.speaker) < 2:
        return ""
    given, surname = parsed.speaker[-2], parsed.speaker[-1]
    if not given.isalpha() or len(given) < 2 or given in _NO_GIVEN_NAME:
        return ""
    found = ctx.speakers.find(parsed.speaker, ctx.visible, _is_name, asks_for_a_person(parsed))
    if not found:
        return ""
    namesakes = 0
    for key in found:
        if given in ctx.speakers.words_of(key):
            return ""
        words = key[1].replace(".", " ").split()
        if fold(words[-1]) != surname:
            continue  # found by a tie to the name ("Pelletier's lawyer, Lena Brandt")
        names = [fold(w) for w in words[:-1] if fold(w) not in _NO_GIVEN_NAME]
        if not names or any(_given_agrees(given, name) for name in names):
            return ""  # a surname alone may be anyone; or the person asked
        namesakes += 1
    if not namesakes:
        return ""
    index = ctx.index
    mine = [t for t in analyze(given) if t in index]
    if not mine and zipf_frequency(given, "en") >= GIVEN_NAME_MAX_ZIPF:
        return ""  # an everyday word ("young"), not known to be a name here
    if mine:
        theirs = [t for t in analyze(surname) if t in index]
        both = sorted(
            set(index.sentence_scores(mine)[0].tolist())
            & set(index.sentence_scores(theirs)[0].tolist())
        )[:MAX_NAMESAKE_SENTENCES]
        rare = zipf_frequency(given, "en") < GIVEN_NAME_MAX_ZIPF
        if not both or not any(
            _writes_full_name(q.text, given, surname)
            or (rare and _capitalised_within(q.text, given))
            for q in await ctx.fetch(both)
        ):
            return ""
    return " ".join(_title(w, parsed) for w in (given, surname))


async def role_unheld(parsed: Question, ctx: AnswerContext) -> str:
    """The role of "what did the <role> [of <place>] say" when no speaker of the library
    holds it, there ("" otherwise): "what did the mayor of Wexmoor say", where no mayor
    speaks, or only another town's. Quoting whoever shares the question's words would
    quote another official (the town's school superintendent). The role is a post's head
    noun (:data:`ROLE_HEADS`; not a member's word for anyone acting for a body, "the
    union rep", nor an honorific), in any spelling the role tables give it, with the
    fields asked ("the fire chief"); the place is the question's names, and the role is
    held there when a speaker holding it speaks in an article naming them all."""
    assert ctx.speakers is not None
    if not parsed.question_words & SPEECH_VERBS or not parsed.speaker:
        return ""
    head = parsed.speaker[-1]
    if head not in ROLE_HEADS or head in GENERIC_ROLE_HEADS | HONORIFICS | DESCRIPTIVE_HEADS:
        return ""
    fields = [w for w in parsed.speaker if w in DOMAIN_MODIFIERS]
    holders = ctx.speakers.role_holders(head, fields, ctx.visible)
    places = [w for w in parsed.speaker if _is_name(w) and w not in ROLE_WORDS]
    asked = " ".join([*fields, head])
    setting = [w for w in parsed.speaker[:-1] if w not in ROLE_WORDS and ctx.speakers.is_setting(w)]
    if places or setting:
        # "the Wrenford mayor" is no "Calloway Springs Mayor", "the Foxes owner" (the
        # team a headline names) no tavern's owner: a post of another place or body,
        # named in its role, is not held there (:meth:`owned_elsewhere`)
        holders = [
            key
            for key in holders
            if not ctx.speakers.owned_elsewhere(key, parsed.speaker, _is_name)
        ]
    if holders and not places:
        # "the paper mill manager": the words the member qualifies the post with (no
        # place name, no field, no post) must be in an article where a holder speaks; a
        # club's general manager in another story is no paper mill's manager. What a
        # relative clause tells of the holder ("the nurse who got stuck") is a deed in the
        # member's words, no post's: the description's to match (:func:`described`).
        deed = _relative_clause(parsed.speaker_asked)
        qualifiers = [
            terms
            for terms in (
                tuple(t for t in analyze(w) if t in ctx.index)
                for w in parsed.speaker[:-1]
                if w not in ROLE_WORDS and w not in fields and w not in deed
            )
            if terms
        ]
        if not qualifiers or _speaks_in(holders, _holding_all(qualifiers, ctx.index), ctx):
            return ""
        where = " ".join(_title(w, parsed) for w in parsed.speaker[:-1] if w not in fields)
        article = "an" if asked[:1] in "aeiou" else "a"
        return f"{article} {asked} of {where}"
    index = ctx.index
    there: set[int] | None = None  # the articles naming every place asked (None: all)
    if places:
        groups = [tuple(t for t in analyze(w) if t in index) for w in places]
        if not all(groups):
            return ""  # a place the library never names is left to the other checks
        there = _holding_all(groups, index)
    if holders:
        assert there is not None
        if _speaks_in(holders, there, ctx):
            return ""
    else:
        # "The captain said the ferry sails at noon": a role may speak where attribution
        # names no one; a sentence there holding the role as the subject of a verb of
        # speech may be it ("said the captain" too; not "she said she would ask the
        # secretary of state's office")
        role = [t for w in related_role_words({head}) for t in analyze(w) if t in index]
        verbs = [t for t in ROLE_SPEECH_TERMS if t in index]
        if role and verbs:
            both = set(index.sentence_scores(role)[0].tolist()) & set(
                index.sentence_scores(verbs)[0].tolist()
            )
            read = sorted(both)[:MAX_VOICED_SENTENCES]
            spoken = [q.sentence_id for q in await ctx.fetch(read) if _voices(q.text, set(role))]
            voiced = set(index.article_of(np.array(spoken, dtype=np.int64)).tolist())
            if voiced and (there is None or there & voiced):
                return ""
    where = " ".join(_title(w, parsed) for w in places)
    article = "an" if asked[:1] in "aeiou" else "a"
    return f"the {asked} of {where}" if where else f"{article} {asked}"


def _relative_clause(asked: Sequence[str]) -> frozenset[str]:
    """The words of the relative clause in a speaker as asked ("who got stuck" of "the
    nurse who got stuck"), folded; empty without one."""
    for i, word in enumerate(asked):
        if fold(word) in CLAUSE_WORDS and i > 0:
            return frozenset(fold(w) for w in asked[i + 1 :])
    return frozenset()


def _holding_all(groups: Sequence[tuple[str, ...]], index: Retriever) -> set[int]:
    """The articles holding a term of every group (a place's, a qualifier's)."""
    articles, held = index.article_coverage([(g, 1.0) for g in groups])
    return set(articles[held >= len(groups) - 1e-9].tolist())


def _speaks_in(holders: Sequence[Speaker], articles: set[int], ctx: AnswerContext) -> bool:
    """Does one of ``holders`` speak in one of ``articles``?"""
    assert ctx.speakers is not None
    spoken = [sid for key in holders for sid in ctx.speakers.sentences(key)]
    return bool(articles & set(ctx.index.article_of(np.array(spoken, dtype=np.int64)).tolist()))


def _voices(text: str, role: set[str]) -> bool:
    """Does a word of ``role`` (analysed terms) stand as the subject of a verb of speech
    in ``text``: at most :data:`VOICE_BEFORE` words before it ("The ferry's captain
    said"), or :data:`VOICE_AFTER` after it ("…," said the captain)?"""
    terms = [tuple(analyze(w)) for w in WORD.findall(text)]
    roles = [i for i, t in enumerate(terms) if set(t) & role]
    verbs = [i for i, t in enumerate(terms) if set(t) & set(ROLE_SPEECH_TERMS)]
    return any(0 < v - r <= VOICE_BEFORE or 0 < r - v <= VOICE_AFTER for r in roles for v in verbs)


def _title(word: str, parsed: Question) -> str:
    """``word`` as the question spells it (its capitals), else capitalised."""
    for token in WORD.findall(parsed.text):
        if fold(token) == word:
            return str(token if token[:1].isupper() else token.capitalize())
    return word.capitalize()


def named_elsewhere(
    parsed: Question,
    spoken: Sequence[int],
    index: Retriever,
    setting: Callable[[str], bool] = lambda _word: False,
) -> str:
    """The words naming the speaker of "what did X say" that X's articles never use and
    another article does ("" when there are none, or the question asks for no words).

    "The mayor of <town>" is found by the role alone when the only mayor who speaks is
    another town's: the town named lives in another article, which has no mayor, and
    the question mixes the two. Only names count (:func:`_is_name`), and only those the
    library holds somewhere: an English word may be said otherwise in X's article ("the
    union rep" for a representative, though another article says "rep"). A word some
    article's headline names (``setting``: a place, "the Calder Falls fire chief") is a
    name however common it is in English.
    """
    if not spoken or not parsed.question_words & SPEECH_VERBS:
        return ""
    where = set(index.article_of(np.array(spoken, dtype=np.int64)).tolist())
    absent = []
    for word in parsed.speaker:
        terms = [t for t in analyze(word) if t in index]
        if not terms or not (_is_name(word) or setting(word)):
            continue
        holding, _ = index.article_coverage([(tuple(terms), 1.0)])
        if not where & set(holding.tolist()):
            absent.append(word)
    return ", ".join(absent)


def attributed(parsed: Question, ctx: AnswerContext) -> list[int] | None:
    """X's own sentences for "what did X say (about Y)", in article order.

    With a topic, sentences about it come first. Returns [] when X speaks nowhere in the
    library, so the question is answered (or abstained on) like any other, and None when
    X speaks only in articles that never mention the topic: the question mixes articles.
    """
    assert ctx.speakers is not None
    # "the nurse at the airport": the words as asked, else the nurse (the head last)
    at_a_place = speaker_at_a_place(list(parsed.speaker_asked))
    person = asks_for_a_person(parsed)
    speakers = (
        ctx.speakers.find(parsed.speaker, ctx.visible, _is_name, person)
        or (at_a_place and ctx.speakers.find(at_a_place, ctx.visible, _is_name, person))
        or described(parsed, ctx)
    )
    owner = possessor(parsed)
    speakers = [
        key
        for key in speakers
        if not _is_the_possessor(key, owner) and not _named_after(key, parsed.speaker)
    ]
    if not speakers:
        return []
    speakers = _of_the_described_article(speakers, parsed, ctx.index, ctx.speakers)
    spoken = sorted({sid for s in speakers for sid in ctx.speakers.sentences(s)})
    meant: Mapping[int, float] = {}
    if spoken and not _speaks_where_topic_is(parsed, spoken, ctx.index):
        # "what did Asher say about refunds": she says Plover "would pay back any late
        # fees", and the word "refund" is only in another article. The topic's meaning
        # in X's own sentences is what the question asks for; without it, the question
        # mixes articles.
        meant = _topic_meant(parsed, spoken, ctx)
        if not meant:
            if _another_story(parsed, spoken, ctx.index):
                return None
            # "what did Sanborn say about the cause": an everyday word X may say in
            # other words ("going to find out why that seam failed"); X's sentences
            # closest to it in meaning first
            meant = _topic_meant(parsed, spoken, ctx, least=-1.0)
    topic: dict[int, float] = {}
    if parsed.topic_terms:
        t_ids, t_scores = ctx.index.sentence_scores(parsed.topic_terms)
        topic = dict(zip(t_ids.tolist(), t_scores.tolist(), strict=True))
        if not meant and not any(sid in topic for sid in spoken):
            # "what did Solvane say about compensation": none of its sentences has the
            # word ("passengers … would receive a credit"); the ones meaning it go first.
            meant = _topic_meant(parsed, spoken, ctx)
    spoken.sort(key=lambda sid: (-topic.get(sid, 0.0), -meant.get(sid, 0.0), sid))
    return spoken[:MAX_SPOKEN]


def possessor(parsed: Question) -> frozenset[str]:
    """The words before the possessive of "what did <X>'s <Y> say" (folded; empty when
    the speaker is asked for without one): the member asks for Y, someone X has."""
    asked = list(parsed.speaker_asked)
    for i in range(len(asked) - 2, 0, -1):
        if asked[i] == "s" and asked[i + 1] != "s":
            return frozenset(w for w in asked[:i] if analyze(w))
    return frozenset()


def _named_after(key: Speaker, words: Sequence[str]) -> bool:
    """Is the speaker a body named after the person asked for ("what did Walter Harmon
    say": the Harmon Family Foundation, which he declined to speak for)? The member asks
    by a given name and a surname alone; the speaker's name holds the surname, not the
    given name, and opens with none. (Many a word is a short given name too: "the state
    vet", "the art law professor" ask for no one by name.)"""
    named = [fold(w) for w in WORD.findall(key[1])]
    if len(words) != 2 or not named or is_given_name(named[0]):
        return False
    given, surname = words
    return is_given_name(given) and given not in named and surname in named


def _is_the_possessor(key: Speaker, owner: frozenset[str]) -> bool:
    """Is the speaker the X of "what did X's son say", X named in full? X's son, lawyer
    or spokesman is someone else: X's own words answer nothing asked of them, though X's
    description ("whose son …") holds every word of the question. A surname alone names
    a family, not one person: "Vane's campaign manager" is his brother Teodoro Vane.
    ``owner``: :func:`possessor` of the question."""
    return len(owner) > 1 and owner == {fold(w) for w in WORD.findall(key[1])}


def _of_the_described_article(
    speakers: Sequence[Speaker], parsed: Question, index: Retriever, directory: SpeakerDirectory
) -> list[Speaker]:
    """Of speakers found in several articles, those of the articles holding most of the
    words naming the speaker (each weighing its IDF among articles, as
    :func:`_article_shares` weighs them) and the words of the topic asked about: "what did
    the festival director say" finds every director of the library by the role, and only
    the article about the festival holds "festival". Quoting the first article's director
    would quote the library's. Speakers whose articles hold the words alike (two towns'
    mayors) are all kept."""
    articles = {key[0] for key in speakers}
    if len(articles) < 2:
        return list(speakers)
    named = (tuple(t for t in analyze(w) if t in index) for w in parsed.speaker)
    # and the topic asked about ("what did the union rep say about tuition": of two
    # unions' officers, the one of the tuition story)
    topic = ((t,) for t in parsed.topic_terms if t in index)
    groups = [(terms, index.article_idf(terms[0])) for terms in (*named, *topic) if terms]
    if not groups:
        return list(speakers)
    held, covered = index.article_coverage(groups)
    share = dict(zip(held.tolist(), covered.tolist(), strict=True))
    of: dict[Speaker, float] = {}
    for key in speakers:
        said = directory.sentences(key)[:1]
        start = index.article_of(np.array(said, dtype=np.int64)).tolist() if said else []
        of[key] = share.get(start[0], 0.0) if start else 0.0
    best = max(of.values())
    return [key for key in speakers if of[key] >= best - 1e-9]


def _another_story(parsed: Question, spoken: Sequence[int], index: Retriever) -> bool:
    """Is the topic asked about, which X's articles never name, what another article is
    about? So when one of its words is rare in English ("the measles outbreak",
    "refunds"), or another article names it in its opening (:data:`OPENING_SENTENCES`)
    or in :data:`TOPICAL_SENTENCES` of its sentences ("the strike" of the dockworkers'
    strike story). An everyday word the library uses only in passing ("the cost", "the
    cause", "walking to work") X may well speak of in other words."""
    own = index.article_of(np.array(spoken, dtype=np.int64))
    for term in parsed.topic_terms:
        if term not in index:
            continue
        if rarity(surface(term, parsed)) >= TOPIC_SPECIFIC_RARITY:
            return True
        held, _ = index.sentence_scores([term])
        articles = index.article_of(held)
        elsewhere = ~np.isin(articles, own)
        if not elsewhere.any():
            continue
        # an article is named by its first sentence id: the difference is the position
        if (held[elsewhere] - articles[elsewhere] < OPENING_SENTENCES).any():
            return True
        if np.unique(articles[elsewhere], return_counts=True)[1].max() >= TOPICAL_SENTENCES:
            return True
    return False


def _topic_meant(
    parsed: Question,
    spoken: Sequence[int],
    ctx: AnswerContext,
    least: float = SPEAKER_TOPIC_MIN,
) -> Mapping[int, float]:
    """cos(topic, sentence) of X's sentences (at most :data:`MAX_SPOKEN` times two) when
    one of them is ``least`` close to the topic asked about (it says it in other words),
    else nothing; nothing without the semantic model either."""
    if ctx.similarity is None or not parsed.topic_terms:
        return {}
    topic = " ".join(surface(t, parsed) for t in parsed.topic_terms)
    cosines = ctx.similarity(topic, spoken[: MAX_SPOKEN * 2])
    if max(cosines.values(), default=0.0) < least:
        return {}
    return cosines


def described(parsed: Question, ctx: AnswerContext) -> list[Speaker]:
    """The speaker a description names ("the union boss", "the dad who didn't vaccinate"):
    :meth:`SpeakerDirectory.find_described`, and of several of one article equally named,
    the one whose sentences mean most nearly the description (when the semantic ranker is
    on)."""
    assert ctx.speakers is not None
    directory = ctx.speakers

    def holding(word: str) -> set[int]:
        terms = [t for t in analyze(word) if t in ctx.index]
        return set(ctx.index.sentence_scores(terms)[0].tolist()) if terms else set()

    # Words the member capitalised past the first ("the PO", "Elon Musk"): names.
    capitalised = {fold(w) for w in WORD.findall(parsed.text)[1:] if w[:1].isupper()}
    found = directory.find_described(
        parsed.speaker,
        ctx.visible,
        holding,
        capitalised.__contains__,
        ctx.word_similarity,
        asks_for_a_person(parsed),
        _is_name,
        lambda found: _of_the_article_holding_it(found, parsed, ctx.index, directory),
    )
    if len(found) < 2 or ctx.rerank is None or len({article for article, _ in found}) > 1:
        # holders of one role in several articles ("the union rep") are told apart by the
        # question's other words (:func:`_of_the_described_article`), else all shown
        return found
    owner = {sid: s for s in found for sid in directory.sentences(s)[:MAX_DESCRIBED_SENTENCES]}
    pool = sorted(owner)
    fused = ctx.rerank(" ".join(parsed.speaker), pool, dict.fromkeys(pool, 1.0))
    return [owner[max(pool, key=lambda sid: (fused.get(sid, 0.0), -sid))]]


def _of_the_article_holding_it(
    speakers: Sequence[Speaker], parsed: Question, index: Retriever, directory: SpeakerDirectory
) -> list[Speaker]:
    """Of speakers of several articles that a description fits by what their articles say
    of them, those whose article says the rest of the description (the words that are no
    words of their own) in one sentence with a name of their own role: "the machine shop
    owner" is the owner of Quillon Tool Works in the story that calls it "a machine shop",
    not a laundromat's owner in a story that mentions washing machines. Words scattered
    over an article, or said of something else, describe no one: a description fitting
    people of several articles otherwise still describes no one."""
    kept: list[Speaker] = []
    for key in speakers:
        said = directory.sentences(key)[:1]
        if not said:
            continue
        own = directory.words_of(key)
        rest = [w for w in parsed.speaker if w not in own]
        together: set[int] | None = None
        for word in rest:
            terms = [t for t in analyze(word) if t in index]
            holding = set(index.sentence_scores(terms)[0].tolist()) if terms else set()
            together = holding if together is None else together & holding
        if not together:
            continue  # no word of the rest, or none together
        # and with a name of their own role: "Quillon Tool Works, a machine shop"
        named: set[int] = set()
        for word in sorted(own):
            if _is_name(word):
                terms = [t for t in analyze(word) if t in index]
                named |= set(index.sentence_scores(terms)[0].tolist()) if terms else set()
        together &= named
        if not together:
            continue
        article = index.article_of(np.array(said, dtype=np.int64)).tolist()[0]
        where = index.article_of(np.array(sorted(together), dtype=np.int64)).tolist()
        if article in where:
            kept.append(key)
    return kept


def passages(
    quotes: Sequence[Quote], k: int, fullest: bool = False
) -> tuple[list[Quote], set[int]]:
    """A speaker's sentences (``quotes``, best first) as at most ``k`` passages: each
    sentence joined with the speaker's sentences right next to it, also over a paragraph
    break.

    A quotation runs over sentences ("We are deeply sorry. Our customers trusted us …,"
    she said) and news breaks a speaker's remarks into short paragraphs: shown one
    sentence or one paragraph a quote, their pieces crowd out the speaker's other
    remarks, and a piece alone ("We are deeply sorry.") reads out of context. A passage
    is cited from its first sentence to its last, and holds at most
    :data:`MAX_PASSAGE_SENTENCES`.

    With ``fullest`` (a question about no topic in particular), a speaker who has more
    than ``k`` passages is shown by the ``k`` that hold most of what they said, in
    article order: their first ``k`` remarks may be one-liners while a long quotation
    comes later.
    """
    by_place = {(q.citation.article_id, q.citation.sentence): q for q in quotes}
    used: set[tuple[str, int]] = set()
    out: list[Quote] = []
    covered: set[int] = set()
    members_of: list[list[int]] = []  # each passage's sentence ids
    for quote in quotes:
        place = (quote.citation.article_id, quote.citation.sentence)
        if place in used:
            continue
        first = last = quote
        while True:
            before = by_place.get((place[0], first.citation.sentence - 1))
            if before is None:
                break
            if last.citation.sentence - before.citation.sentence >= MAX_PASSAGE_SENTENCES:
                break
            first = before
        while True:
            after = by_place.get((place[0], last.citation.sentence + 1))
            if after is None:
                break
            if after.citation.sentence - first.citation.sentence >= MAX_PASSAGE_SENTENCES:
                break
            last = after
        members = [
            by_place[(place[0], n)]
            for n in range(first.citation.sentence, last.citation.sentence + 1)
        ]
        if any((place[0], m.citation.sentence) in used for m in members):
            members = [quote]
            first = last = quote
        used.update((place[0], m.citation.sentence) for m in members)
        covered.update(m.sentence_id for m in members)
        members_of.append([m.sentence_id for m in members])
        citation = replace(first.citation, end=last.citation.end)
        text = " ".join(m.text for m in members)
        out.append(replace(first, text=text, citation=citation))
        if len(out) >= k and not fullest:
            break
    if len(out) > k:
        kept = sorted(range(len(out)), key=lambda i: (-len(members_of[i]), i))[:k]
        out = [out[i] for i in sorted(kept)]
        covered = {sid for i in kept for sid in members_of[i]}
    return out, covered
