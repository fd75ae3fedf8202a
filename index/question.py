"""Read a question: what it asks for (its type), who it asks about, and the terms to search.

The question *frame* ("how many", "what is the name of", "what did X say") says what
kind of answer is wanted; it is not content to match, so its words are taken out of the
search terms and turned into an expected answer type or an attribution target.

Members write the way people chat: lower case, no question mark, "u"/"abt"/"wat",
"whats", "gonna", and conversational openers ("can you tell me", "what's going on with",
"is it true that") around the actual question. Chat spellings are first mapped to the
words they stand for, then openers are taken off the front, and filler words ("pls",
"thing", "like") are dropped anywhere: none of them says anything about an article, and
as search terms they only pull in sentences that happen to share them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum
from functools import lru_cache
from itertools import pairwise, product

import simplemma
from rapidfuzz.distance import OSA

from .analyze import analyze, is_informative, stem, words
from .roles import GENERIC_ROLE_HEADS, PROXY_NOUNS, ROLE_HEADS
from .typos import is_word


class AnswerType(Enum):
    ANY = "any"
    NUMBER = "number"
    DATE = "date"
    DURATION = "duration"
    PERSON = "person"
    PLACE = "place"
    REASON = "reason"


# First words of a question → answer type (longest prefix wins).
_TYPE_PREFIXES: dict[tuple[str, ...], AnswerType] = {
    ("how", "many"): AnswerType.NUMBER,
    ("how", "much"): AnswerType.NUMBER,
    ("what", "percentage"): AnswerType.NUMBER,
    ("what", "percent"): AnswerType.NUMBER,
    ("what", "number"): AnswerType.NUMBER,
    ("when",): AnswerType.DATE,
    ("what", "year"): AnswerType.DATE,
    ("which", "year"): AnswerType.DATE,
    ("in", "what", "year"): AnswerType.DATE,
    ("in", "which", "year"): AnswerType.DATE,
    ("what", "date"): AnswerType.DATE,
    ("what", "day"): AnswerType.DATE,
    ("what", "time"): AnswerType.DATE,
    ("what", "century"): AnswerType.DATE,
    ("what", "decade"): AnswerType.DATE,
    ("how", "long"): AnswerType.DURATION,
    ("who",): AnswerType.PERSON,
    ("whom",): AnswerType.PERSON,
    ("whose",): AnswerType.PERSON,
    ("where",): AnswerType.PLACE,
    ("what", "city"): AnswerType.PLACE,
    ("which", "city"): AnswerType.PLACE,
    ("what", "country"): AnswerType.PLACE,
    ("which", "country"): AnswerType.PLACE,
    ("in", "what", "city"): AnswerType.PLACE,
    ("in", "which", "city"): AnswerType.PLACE,
    ("in", "what", "country"): AnswerType.PLACE,
    ("why",): AnswerType.REASON,
}

# Words that only shape a question ("what *type* of", "how *many*"): never search terms.
FRAME_WORDS = frozenset(
    "many much name named type types kind kinds sort percentage percent number year years "
    "date day time century decade long often far city country called".split()
)
# The unit of a "how much" question ("how much *money*"): the answer is an amount.
AMOUNT_NOUNS = frozenset({"money", "cash"})

# Chat spellings and run-together contractions → the words they stand for. Only forms
# that are not ordinary words in a question ("wont" and "ill" are left out on purpose:
# "won't" written without its apostrophe is rarer than the words themselves).
CHAT_SPELLINGS: dict[str, tuple[str, ...]] = {
    "u": ("you",), "ya": ("you",), "ur": ("your",), "r": ("are",), "abt": ("about",),
    "bout": ("about",), "wat": ("what",), "wht": ("what",), "wut": ("what",), "wot": ("what",),
    "whn": ("when",), "whr": ("where",), "hw": ("how",), "ppl": ("people",),
    "pls": ("please",), "plz": ("please",), "thx": ("thanks",), "ty": ("thanks",),
    "b4": ("before",), "bc": ("because",), "cuz": ("because",), "coz": ("because",),
    "w": ("with",), "idk": ("i", "do", "not", "know"), "im": ("i", "am"),
    "gonna": ("will",), "wanna": ("want", "to"), "gotta": ("have", "to"),
    "whats": ("what", "is"), "whos": ("who", "is"), "wheres": ("where", "is"),
    "whens": ("when", "is"), "hows": ("how", "is"), "thats": ("that", "is"),
    "theres": ("there", "is"), "dont": ("do", "not"), "doesnt": ("does", "not"),
    "didnt": ("did", "not"), "isnt": ("is", "not"), "wasnt": ("was", "not"),
    "arent": ("are", "not"), "werent": ("were", "not"), "cant": ("can", "not"),
    "couldnt": ("could", "not"), "wouldnt": ("would", "not"), "havent": ("have", "not"),
    "hasnt": ("has", "not"), "rn": ("right", "now"), "atm": ("at", "the", "moment"),
    "govt": ("government",),
    # members' short words for the articles' long ones
    "feds": ("federal",), "cops": ("police",), "docs": ("doctors",), "dept": ("department",),
    "info": ("information",), "meds": ("medications",), "vax": ("vaccine",),
    "vaxxed": ("vaccinated",), "vaxed": ("vaccinated",),
}  # fmt: skip


def expand_phrases(*patterns: str) -> tuple[tuple[str, ...], ...]:
    """Expand "can|could you" into ("can", "you"), ("could", "you")."""
    return tuple(
        words
        for pattern in patterns
        for words in product(*(part.split("|") for part in pattern.split()))
    )


# Conversational openers in front of the actual question. They are about how English
# questions are asked, not about any article, and are taken off the front (repeatedly:
# "so can you tell me what happened to the levy" → "the levy"). "what happened to" asks
# for an event of any kind: the event words are in the article, "happened" is not.
FRAME_PHRASES = expand_phrases(
    "can|could|would|will you please|pls",
    "can|could|would|will you",
    "do|does|did you|anyone|anybody|someone|somebody know|remember if|whether",
    "do|does|did you|anyone|anybody|someone|somebody know|remember",
    "anyone|anybody|someone|somebody know|remember if|whether",
    "anyone|anybody|someone|somebody know|remember",
    "i want|wanted|need to know if|whether|about",
    "i want|wanted|need to know",
    "i would|d like to know if|whether|about",
    "i would|d like to know",
    "i wonder|wondered|am|was wondering if|whether|about",
    "i wonder|wondered|am|was wondering",
    "tell|show|give me more about|on",
    "tell|show|give me about",
    "tell|show|give me",
    "let me know",
    "is|was it true that|if",
    "is|are|was|were there any|a|an",
    "is|are there any news|updates|update|info|word|details on|about|regarding|re",
    "any news|updates|update|info|word|details on|about|regarding|re",
    "what is|s|was|are|were the deal|story|situation|latest|news with|on|about|regarding",
    "what is|s|was|are|were the update|status with|on|about|regarding",
    "what is|s|was|are|were going on with|at|in",
    "what is|s|was|are|were happening with|to|at|in",
    "what is|s|was|are|were up with",
    "what is|s|was the latest|news",
    "what happened|happens with|to|at|in",
    "what will|would|could|did happen with|to|at|in",
    "what about",
    "how about",
    "how can|do|would i|you tell|know if|whether",
)
_FRAMES_BY_FIRST: dict[str, list[tuple[str, ...]]] = {}
for _p in sorted(FRAME_PHRASES, key=len, reverse=True):
    _FRAMES_BY_FIRST.setdefault(_p[0], []).append(_p)

# Words that only pad a chat message: courtesy, hedges, interjections, "thing"/"stuff"
# standing for whatever the question is about, "like" as a filler ("what's the weather
# like"). Dropped anywhere in a question; none is evidence for a sentence.
FILLER_WORDS = frozenset(
    "please thanks thank thing things stuff like lol lmao haha hey hi hello yo ok okay so "
    "um uh hmm btw tbh imo kinda sorta basically actually literally anyway anyways guys "
    "folks yeah yes exactly".split()
)

# Verbs of "what did X say / think / tell …" questions, matched with one typo allowed.
SPEECH_QUESTION_VERBS = (
    "say", "said", "says", "tell", "told", "think", "thinks", "believe", "claim", "claimed",
    "write", "wrote", "comment", "commented", "respond", "responded", "react", "reacted",
    "announce", "announced", "state", "stated", "argue", "argued", "mean", "want", "promise",
    "promised", "warn", "warned", "reply", "replied", "add", "added",
)  # fmt: skip
REACTION_NOUNS = (
    "reaction", "response", "view", "views", "position", "stance", "comment", "comments",
    "statement", "statements", "words", "opinion", "remarks", "quote", "quotes",
)  # fmt: skip
_AUX = {"did", "does", "do", "has", "have", "had", "is", "was", "will", "would", "could"}
# Words that open a question, for reading a misspelt one.
OPENERS = ("what", "when", "where", "which", "who", "whose", "why", "how", "did", "does")


# What a question asks beyond a kind of answer, that a sentence must also state.
ASKS_ADVICE = "advice"  # "what should i do if …", "how do i …": what to do
ASKS_AGE = "age"  # "how old is …": an age, or when it began
ASKS_PRICE = "price"  # "how much does X cost", "what is the price of X": an amount of money
ASKS_NAME = "name"  # "what is the name of X", "whats the name of X": a name
ASKS_HARM = "harm"  # "was anyone hurt", "did anybody die": whether people came to harm
ASKS_ARREST = "arrest"  # "has anyone been arrested", "is anyone getting charged"
ASKS_LAWSUIT = "lawsuit"  # "is anyone suing", "has anyone sued the city"

# "Was anyone hurt", "anyone in the hospital", "did any firefighters get sick": whether
# people came to harm, which news states in its own words ("No one was injured", "two
# workers were treated for burns") that share few of the question's. The harm must be
# said of the unnamed people the question asks about: the word comes after "anyone",
# "any", "people" …; "were the sick kids vaccinated" asks something else of them.
HARM_WORDS = frozenset(
    "hurt injured injuries injury injure killed die died dies dying dead death deaths "
    "sick sickened ill illness illnesses hospitalized hospitalised wounded harmed "
    "casualties fatalities airlifted".split()
)
SOMEONE_WORDS = frozenset(
    "anyone anybody someone somebody nobody people ppl folks any everyone everybody".split()
)
# "Any" asks of people only before people ("any firefighters", "any of the kids") or the
# harm itself ("any injuries"): "is there any money for shops hurt by the roadwork" asks
# of money.
_ANY_BEFORE = frozenset({"of"})
_ANY_PERSON = frozenset({"one", "kid", "child"})
_ANY_ENDS = frozenset("for in at on from by with to about over near get got be been".split())
ANY_REACH = 5  # the words after "any" read for the noun it is of
# "In (the) hospital", "to the hospital": where the harmed are, not a hospital's business
# ("did the hospital lay anyone off").
_HOSPITAL_BEFORE = frozenset({"in", "to", "the"})
# The same of what befell unnamed people at the law's hands ("has anyone been arrested",
# "did police charge anyone") or in court ("is anyone suing over the leak"): the word may
# stand before them too.
ARREST_WORDS = frozenset(
    "arrested arrest arrests charged charge charges jailed detained indicted prosecuted".split()
)
LAWSUIT_WORDS = frozenset("sue sued sues suing lawsuit lawsuits".split())
# What a yes/no question about unnamed people may ask befell them, by the words asking it
# (index/answer_types.py ``OUTCOMES`` reads the answer's).
OUTCOME_WORDS: dict[str, frozenset[str]] = {
    ASKS_HARM: HARM_WORDS | {"hospital"},
    ASKS_ARREST: ARREST_WORDS,
    ASKS_LAWSUIT: LAWSUIT_WORDS,
}

# Words that make "how much …" ask for money ("how much did the viaduct repair cost", "how
# much does the director get paid"), and with "what …" the ones that name a price ("what
# does a pass cost", "whats the copper price").
PRICE_WORDS = frozenset(
    "cost costs costing price prices priced pay paid pays paying spend spends spent "
    "spending earn earns earned earning charge charges charged fee fees salary salaries "
    "wage wages worth make makes raise raised".split()
)
PRICE_NOUNS = frozenset("cost costs price prices priced fee fees salary worth".split())
# Things that are themselves an amount of money: "how much is a ferry ticket", "how much
# ransom did they ask for" asks for an amount, unless it asks how much one changed ("how
# much are train tickets going up": a share answers that, "by 7.5%").
MONEY_NOUNS = frozenset(
    "ticket tickets fare fares ransom fine fines fined tuition rent rents bail".split()
)
CHANGE_WORDS = frozenset(
    "up down rise rises rising rose risen increase increased increases increasing fall falls "
    "fell falling drop drops dropped dropping cut cuts hike hiked jump jumped climb climbed "
    "more less".split()
)

# "What should I do", "how do I …", "how to …": advice, which news states only as what
# someone urged or told people to do. Matched on the question's first words (after
# chat spellings), and "should I/we" anywhere.
_ADVICE_OPENINGS = expand_phrases(
    "what should|can|could i|we|you do",
    "what do|would i|we do",
    "how do|can|could|should i|we",
    "how to",
    "what is|s the best way to",
)
_ADVICE_ANYWHERE = expand_phrases("should i|we")


def _names_a_price(tokens: list[str]) -> bool:
    """ "What does X cost", "what is the price of X", "whats the copper price (now)": a
    price noun among the first five words, or "cost" after "what does/did/will". Not
    "what is there a push for to reduce drug costs" (a price noun in passing)."""
    if tokens[1:2] and tokens[1] in {"does", "do", "did", "will", "would"}:
        return bool({"cost", "costs"} & set(tokens))
    return bool(PRICE_NOUNS & set(tokens[:5]))


# "Whats the <whose> name": how many words may stand before "name".
WHOSE_NAME_WITHIN = 9
# "What is the name of …", "whats the names of …", "what was the name of …".
_NAME_OPENINGS = expand_phrases(
    "what is|was|s|are|were the name|names of",
    "whats the name|names of",
)


# Words before "name" that say which name, not whose: "what is the new name of the team".
_WHICH_NAME = frozenset(
    "the a an your my his her their its our first last full new old real".split()
)


def _asks_whose_name(tokens: list[str]) -> bool:
    """ "Whats the bus drivers name", "what was kessler's grandfather's name": a name
    asked for by whose it is, as "what is the name of the bus driver" asks it."""
    if tokens[:1] != ["what"] or tokens[1:2] not in (["is"], ["was"], ["s"], ["are"], ["were"]):
        return False
    for i in range(3, min(len(tokens), WHOSE_NAME_WITHIN)):
        if tokens[i] in {"name", "names"}:
            return tokens[i - 1] not in _WHICH_NAME
    return False


def asks_what_it_is_called(tokens: list[str]) -> bool:
    """ "Whats the pesticide called", "what's the new bank gonna be called": a name asked
    for in the words news gives one with ("a product called Clotharin")."""
    return tokens[:1] in (["what"], ["whats"]) and len(tokens) > 3 and tokens[-1] == "called"


def _any_people(after: list[str]) -> bool:
    """Does the noun after "any" ("any tova ferry passengers", up to a preposition: "any
    money *for* shops") name people, or what befell them: a plural ("any firefighters"),
    a person ("any kid"), "of" ("any of the kids"), a word of :data:`OUTCOME_WORDS`?"""
    for word in after:
        outcome = any(word in words for words in OUTCOME_WORDS.values())
        person = word in PERSON_NOUNS or word in _ANY_PERSON
        plural = word.endswith("s") and not word.endswith("ss")
        if outcome or person or plural or word in _ANY_BEFORE:
            return True
        if word in _ANY_ENDS:
            return False
    return False


def asks_about_outcome(tokens: list[str]) -> str:
    """What a yes/no question asks befell unnamed people (:data:`OUTCOME_WORDS`, or ""):
    harm ("was anybody hurt in the gas thing", "anyone hurt in the leak?", "is anyone
    still in the hospital"), an arrest or a charge ("has anybody been arrested for the
    theft", "did police charge anyone"), a lawsuit ("is anyone suing over the leak")."""
    someone = next((i for i, t in enumerate(tokens) if t in SOMEONE_WORDS), None)
    if someone is None or not (is_polar(tokens) or someone == 0):
        return ""
    if tokens[someone] == "any" and not _any_people(tokens[someone + 1 : someone + ANY_REACH]):
        return ""
    after = tokens[someone + 1 :]
    if any(
        t in HARM_WORDS or (t == "hospital" and tokens[i - 1] in _HOSPITAL_BEFORE)
        for i, t in enumerate(after, start=someone + 1)
    ):
        return ASKS_HARM
    if ARREST_WORDS & set(tokens):
        return ASKS_ARREST
    if LAWSUIT_WORDS & set(tokens):
        return ASKS_LAWSUIT
    return ""


def _asks(tokens: list[str]) -> str:
    """What the question asks that its answer type does not say (see ASKS_*), or ""."""
    for phrase in _NAME_OPENINGS:
        if tuple(tokens[: len(phrase)]) == phrase:
            return ASKS_NAME
    if _asks_whose_name(tokens):
        return ASKS_NAME
    if tuple(tokens[:2]) == ("how", "old"):
        return ASKS_AGE
    if tuple(tokens[:2]) == ("how", "much") and tokens[2:3] != ["of"] and PRICE_WORDS & set(tokens):
        return ASKS_PRICE
    if tuple(tokens[:2]) == ("how", "much") and tokens[2:3] and tokens[2] in AMOUNT_NOUNS:
        return ASKS_PRICE  # "how much cash is the city putting in": an amount of money
    if (
        tuple(tokens[:2]) == ("how", "much")
        and tokens[2:3] != ["of"]
        and MONEY_NOUNS & set(tokens)
        and not CHANGE_WORDS & set(tokens)
    ):
        return ASKS_PRICE  # "how much is a ferry ticket": an amount of money
    if tokens[:1] == ["what"] and _names_a_price(tokens):
        return ASKS_PRICE
    for phrase in _ADVICE_OPENINGS:
        if tuple(tokens[: len(phrase)]) == phrase:
            return ASKS_ADVICE
    pairs = set(pairwise(tokens))
    if any(p in pairs for p in _ADVICE_ANYWHERE):
        return ASKS_ADVICE
    return asks_about_outcome(tokens)


# "What time does the pharmacy close": a time of day that recurs (index/answer_types.py
# ``states_a_time_of_day``), not a day. Only in the present tense: "what time did the roof
# come down" is answered as well by "late Monday night" as by "at 2:40 a.m."; and only
# with the auxiliary right after "time" ("what time frame does the war cover" asks for
# a span).
_CLOCK_AUX = frozenset("does do".split())


def asks_a_clock_time(text: str) -> bool:
    """Does the question ask at what time of day something is done ("what time does X
    close")?"""
    tokens = strip_frame(normalize_chat(words(text)))
    if tokens[:1] == ["at"]:
        tokens = tokens[1:]
    return tokens[:2] == ["what", "time"] and tokens[2:3] != [] and tokens[2] in _CLOCK_AUX


@dataclass(frozen=True)
class Question:
    text: str
    terms: list[str]  # analysed search terms, frame words removed
    answer_type: AnswerType = AnswerType.ANY
    speaker: list[str] = field(default_factory=list)  # folded words naming who spoke
    speaker_asked: tuple[str, ...] = ()  # the speaker's folded tokens as asked
    topic_terms: list[str] = field(default_factory=list)  # attribution: what about
    question_words: frozenset[str] = frozenset()  # folded words of the question
    # The question's own word behind each search term ("felds" for "feld"), for
    # spelling checks and for messages.
    surface: dict[str, str] = field(default_factory=dict)
    asks: str = ""  # ASKS_ADVICE, ASKS_AGE, ASKS_NAME, ASKS_PRICE, of OUTCOME_WORDS or ""
    called: bool = False  # "what is X called" (:func:`asks_what_it_is_called`)
    # "How many <things>": the words naming what is counted ("tourists", "call center
    # workers"); an answer's figure must count one of them (index/answering.py).
    counted: tuple[str, ...] = ()
    # "How much did the lake house cost": the words naming what is priced.
    priced: tuple[str, ...] = ()
    # A yes/no question ("did the school bond pass", "is it true there was a stampede"):
    # its content words are the claim asked about, and none of them is the answer.
    polar: bool = False


# Figures written as words (index/answer_types.py reads sentences with them too).
NUMBER_WORDS = frozenset(
    "one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
    "fifteen sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty seventy "
    "eighty ninety hundred hundreds thousand thousands million millions billion billions "
    "trillion dozen dozens half quarter twice percent".split()
)
MAX_COUNTED_WORDS = 4
COUNT_JOINERS = frozenset("of the his her their its".split())


def _inflected(word: str) -> bool:
    """A word whose lemma differs from it other than as a plural: an inflected verb
    ("lost", "died", "stranded") that ends the noun phrase after "how many"."""
    return not word.endswith("s") and simplemma.lemmatize(word, lang="en").casefold() != word


def is_plural(word: str) -> bool:
    """A plural noun: ending in "s" and lemmatised without it ("tickets", "passes"; not
    "news", "attend")."""
    return word.endswith("s") and simplemma.lemmatize(word, lang="en").casefold() != word


def counted_words(tokens: list[str]) -> tuple[str, ...]:
    """The words after "how many" up to the first word that cannot name a thing (a
    stopword, auxiliary or inflected verb): "how many ppl died" → ("people",), "how many
    customers lost power" → ("customers",). "Of" joins a phrase ("how many names of his daughters",
    "how many hundred of years"; not "how many of the sick"), and number words are no
    thing counted. Without
    part-of-speech tags the noun is not singled out; a figure counting any of these words
    counts what is asked."""
    for i, pair in enumerate(pairwise(tokens)):
        if pair != ("how", "many"):
            continue
        run: list[str] = []
        for word in tokens[i + 2 : i + 2 + 2 * MAX_COUNTED_WORDS]:
            if len(run) >= MAX_COUNTED_WORDS:
                break
            if (word in COUNT_JOINERS and run) or word in NUMBER_WORDS:
                continue
            if not is_informative(word) or word in _AUX or word.isdigit() or _inflected(word):
                break
            run.append(word)
        return tuple(run)
    return ()


# Auxiliaries between "how much" and what is priced ("how much did the house cost").
_PRICE_AUX = frozenset("is are was were did does do will would has have had could can".split())
MAX_PRICED_WORDS = 4
_DETERMINERS = frozenset("the a an this that these those his her their its our my your".split())


def priced_words(tokens: list[str]) -> tuple[str, ...]:
    """The words of "how much <aux> X cost / get paid" naming X, the thing priced: "how
    much did the lake house cost" → ("lake", "house"), "how much does the superintendent
    get paid" → ("superintendent",); "what is the price of X" → X. Up to a word of money,
    an auxiliary, an inflected verb or a word that is no content word; () for any other
    question. X may be the payer ("how much did Sunmere spend"), whose name then places
    the question."""
    start = None
    if tuple(tokens[:2]) == ("how", "much"):
        at = 2
        while at < len(tokens) and tokens[at] in AMOUNT_NOUNS | {"money", "cash"}:
            at += 1
        if at < len(tokens) and tokens[at] in _PRICE_AUX:
            start = at + 1
    elif tokens[:1] == ["what"]:
        for i, word in enumerate(tokens[: MAX_PRICED_WORDS + 2]):
            if word in PRICE_NOUNS and tokens[i + 1 : i + 2] == ["of"]:
                start = i + 2
                break
    if start is None:
        return ()
    run: list[str] = []
    for word in tokens[start : start + 2 * MAX_PRICED_WORDS]:
        if len(run) >= MAX_PRICED_WORDS or word in PRICE_WORDS or word in _PRICE_AUX:
            break
        if word in {"get", "gets", "got"} or _inflected(word):
            break
        if not is_informative(word):
            if run or word not in _DETERMINERS:
                break
            continue
        run.append(word)
    return tuple(run)


def _prefix_length(tokens: list[str]) -> int:
    """Length of the longest question-type opening that ``tokens`` start with."""
    return max((len(p) for p in _TYPE_PREFIXES if tuple(tokens[: len(p)]) == p), default=0)


def _answer_type(tokens: list[str]) -> AnswerType:
    best: tuple[int, AnswerType] = (0, AnswerType.ANY)
    for prefix, kind in _TYPE_PREFIXES.items():
        if tuple(tokens[: len(prefix)]) == prefix and len(prefix) > best[0]:
            best = (len(prefix), kind)
    return best[1]


@lru_cache(maxsize=4096)
def _is_speech_verb(word: str) -> bool:
    """A speech verb, or a misspelling of one ("sayd", "tel"); a word of the language
    it is one letter from is what the member meant ("what do airlines *pay* new pilots"
    asks nothing of a speaker, though "pay" is one letter from "say")."""
    if word in SPEECH_QUESTION_VERBS:
        return True
    if len(word) < 3 or is_word(word):
        return False
    return any(len(v) >= 3 and OSA.distance(word, v) <= 1 for v in SPEECH_QUESTION_VERBS)


# After "what is / what's / what was" a speech verb is a participle ("what's the mayor
# saying"), never a bare verb: "whats inflation in the state" asks nothing of a speaker.
_BE = frozenset("is s was".split())


def _is_speaking(word: str) -> bool:
    """ "saying", "thinking", "claiming", "stating": a speech verb's -ing form, as spelt."""
    if not word.endswith("ing") or len(word) < 6:
        return False
    base = word[:-3]
    return base in SPEECH_QUESTION_VERBS or base + "e" in SPEECH_QUESTION_VERBS


# Words that only say the speaker is a person ("what did the weather service guy say"):
# they name no one, so they are left out of the speaker's words when others remain.
PERSON_NOUNS = frozenset("guy guys man woman person lady fellow bloke dude chap".split())


def asks_for_a_person(parsed: Question) -> bool:
    """Does a member ask for a speaker by a word for a person ("the union guy", "the
    union rep", "the health department official"), so that a person who fits is meant
    before a body that does?"""
    return any(t in PERSON_NOUNS or t in GENERIC_ROLE_HEADS for t in parsed.speaker_asked)


# Words that open a clause describing a speaker, so the verb after them is not the
# question's speech verb ("what did the dad *who wrote* to the board say").
CLAUSE_WORDS = frozenset("who that which whose".split())
# Who a speaker talks to, after "tell": "what did the mayor tell reporters".
AUDIENCE_WORDS = frozenset("reporters journalists press media us".split())
# Finite speech verbs of "what X said (about Y)" with no auxiliary, and what may follow.
_REPORTED = frozenset("said says told thinks thought wrote".split())
_TOPIC_OPENERS = frozenset("about on regarding".split())
_ANY_WORDS = frozenset("anything something much".split())  # "did X say anything about Y"
_EMBEDDED_WHAT = 4  # "what" among a question's first words: "anyone know what X said"
MAX_SPEAKER_FRAME = 12  # "what did" and a speaker described in up to nine words, "say"


# A word one edit from a speech verb after these is a noun ("the secretary of *state*").
_NOUN_BEFORE = frozenset("of the a an his her its their".split())

_YEARS = frozenset("year years yr yrs".split())  # "the 38 year old nurse"

# Words after a speaker's head noun that open where they are: "the nurse at the airport".
_PLACE_OPENERS = frozenset("at from with on in".split())


def speaker_at_a_place(words: list[str]) -> list[str]:
    """A speaker's words as asked (:attr:`Question.speaker_asked`) read with the head noun
    last when a place follows it ("the nurse at the airport" → ["airport", "nurse"]), for
    when the words as asked name no one; [] when no place follows the head."""
    cut = next((i for i, t in enumerate(words) if i and t in _PLACE_OPENERS), 0)
    if not cut or "of" in words or any(t in CLAUSE_WORDS for t in words):
        return []
    return _speaker_words([*words[cut + 1 :], *words[:cut]])


def _speaker_words(tokens: list[str]) -> list[str]:
    """The informative words naming a speaker, without mere person nouns (unless they are
    all there is)."""
    # "the mayor of Dunmore" is "the Dunmore mayor", and "the judge who ran the inquiry"
    # is a judge: the head noun last
    cut = next((i for i, t in enumerate(tokens) if i and t == "of"), 0)
    cut = cut or next((i for i, t in enumerate(tokens) if i and t in CLAUSE_WORDS), 0)
    if cut:
        tokens = [*tokens[cut + 1 :], *tokens[:cut]]
    named = [t for t in tokens if is_informative(t)]
    specific = [t for t in named if t not in PERSON_NOUNS]
    return specific or named


def _holder_of_office(asked: list[str]) -> list[str]:
    """A speaker's tokens as asked, with "<post>'s office" read as the post: "the
    governor's office", typed "the governors office" too, is the governor (not whoever
    holds an "officer" post, whose stem "office" shares); any other words unchanged."""
    if len(asked) < 2 or asked[-1] not in PROXY_NOUNS:
        return asked
    owner = asked[-2]
    if owner == "s" and len(asked) >= 3 and asked[-3] in ROLE_HEADS:
        return asked[:-2]
    if owner.endswith("s") and owner[:-1] in ROLE_HEADS:
        return [*asked[:-2], owner[:-1]]
    return asked


def _speaker_frame(tokens: list[str]) -> tuple[list[str], list[str], list[str]] | None:
    """(speaker words, topic words, the speaker's tokens as asked) of "what did X say
    (about Y)" / "X's reaction to Y"."""
    # "what did X say", "what's X saying", "did X say anything about Y"
    asks = tokens[:1] in (["what"], ["how"]) and tokens[1:2] and tokens[1] in {*_AUX, "s"}
    start = 2 if asks else 1 if tokens[:1] == ["did"] else 0
    if len(tokens) >= start + 2 and start:
        for i in range(start + 1, min(len(tokens), MAX_SPEAKER_FRAME)):
            # "did X say anything about Y", not "did anyone say why"
            said_of = asks or i + 1 == len(tokens) or tokens[i + 1] in _ANY_WORDS | _TOPIC_OPENERS
            # A word of the speaker's may be one edit from a speech verb ("the *state*
            # epidemiologist" ~ "stated", "the *dad*" ~ "add"): read on past it. "saying"
            # only as spelt: it is one edit from "paying", "staying".
            speech = (
                _is_speaking(tokens[i])
                if tokens[1] in _BE
                else tokens[i] == "saying" or _is_speech_verb(tokens[i])
            )
            # "what did maya okonjo's *dad* say": a word one edit from a speech verb
            # right before the verb itself is the speaker's
            if speech and tokens[i] not in SPEECH_QUESTION_VERBS:
                speech = i + 1 >= len(tokens) or tokens[i + 1] not in SPEECH_QUESTION_VERBS
            # "the dad who wrote to the board": a verb of a clause about the speaker; "the
            # secretary of state", "the head of state": a noun after "of" or a determiner
            if speech and tokens[i - 1] in _NOUN_BEFORE:
                continue
            # "the 38 year old nurse": an age, no "told"
            if speech and tokens[i - 1] in _YEARS and tokens[i] not in SPEECH_QUESTION_VERBS:
                continue
            if speech and tokens[i - 1] not in CLAUSE_WORDS and said_of:
                asked = _holder_of_office(tokens[start:i])
                speaker = _speaker_words(asked)
                if speaker:  # "what did X tell reporters": the audience is no topic
                    topic = [t for t in tokens[i + 1 :] if t not in AUDIENCE_WORDS]
                    return speaker, [t for t in topic if t not in _ANY_WORDS], asked
    # "(anyone know) what the commuters chair said (about Y)": no auxiliary
    w = tokens.index("what") if "what" in tokens[:_EMBEDDED_WHAT] else -1
    if 0 <= w < len(tokens) - 2 and tokens[w + 1] not in _AUX:
        for i in range(w + 2, min(len(tokens), w + MAX_SPEAKER_FRAME)):
            if tokens[i] in _REPORTED and (i + 1 == len(tokens) or tokens[i + 1] in _TOPIC_OPENERS):
                speaker = _speaker_words(tokens[w + 1 : i])
                if speaker:
                    return speaker, tokens[i + 2 :], tokens[w + 1 : i]
    # For "the reaction of X to Y": where X ends after each position, and how many
    # informative words come before each position, so no reaction noun rescans the rest.
    ends = [len(tokens)] * (len(tokens) + 1)
    for k in range(len(tokens) - 1, -1, -1):
        ends[k] = k if tokens[k] in {"to", "on", "about"} else ends[k + 1]
    informative = [0]
    for t in tokens:
        informative.append(informative[-1] + is_informative(t))
    for i, tok in enumerate(tokens):
        if tok in REACTION_NOUNS and i >= 1:
            # "X's reaction", "the reaction of X"
            if i >= 2 and tokens[i - 1] == "s":
                j = i - 2
                while j > 0 and tokens[j - 1] not in _AUX and is_informative(tokens[j - 1]):
                    j -= 1
                return _speaker_words(tokens[j : i - 1]), tokens[i + 1 :], tokens[j : i - 1]
            if i + 2 < len(tokens) and tokens[i + 1] in {"of", "from", "by"}:
                start, cut = i + 2, ends[i + 2]
                if informative[cut] > informative[start]:
                    return _speaker_words(tokens[start:cut]), tokens[cut:], tokens[start:cut]
    return None


def normalize_chat(tokens: list[str]) -> list[str]:
    """Folded tokens with chat spellings replaced by the words they stand for."""
    out: list[str] = []
    for token in tokens:
        out.extend(CHAT_SPELLINGS.get(token, (token,)))
    return out


def _fix_opener(tokens: list[str]) -> list[str]:
    """A misspelt first question word ("waht", "hwo many") read as the word meant, so
    the answer type and the "what did X say" frame survive the typo. Only a token that is
    not an English word is read so, and only when one question word fits (or one forms a
    longer known question opening: "hwo" is one edit from "how" and "who")."""
    if not tokens or tokens[0] in OPENERS or len(tokens[0]) < 3:
        return tokens
    close = [o for o in OPENERS if OSA.distance(tokens[0], o) <= 1]
    if len(close) > 1:  # the one that opens the longest known question frame
        fit = {o: _prefix_length([o, *tokens[1:]]) for o in close}
        close = [o for o in close if fit[o] == max(fit.values())]
    if len(close) != 1:
        return tokens
    from .typos import is_word  # the word list is loaded only for such a token

    return tokens if is_word(tokens[0]) else [close[0], *tokens[1:]]


# "What's the weather like in X *this week*", "is the road closed *right now*": a question
# to a news library is about the present of its articles; these say when the member
# asks, not what about, and as search terms they pull in any sentence saying "next week";
# news dates its events by the day ("on Thursday night"), never "last night".
TIME_QUALIFIERS = expand_phrases(
    "this week|weekend|month|morning|afternoon|evening",
    "last night",
    "tonight",
    "yesterday",
    "right now",
    "at the moment",
    "these days",
    "currently",
    "nowadays",
)


# "Supposed to" hedges what the member heard ("how long is the strike supposed to last",
# "whats the motive supposed to be"): it asks what is expected or said, and news states
# that without the word, so as a search term it only weighs against the answer.
def _hedges(tokens: list[str]) -> set[int]:
    """Positions of "supposed" in "supposed to"."""
    return {i for i, pair in enumerate(pairwise(tokens)) if pair == ("supposed", "to")}


def _time_qualifiers(tokens: list[str]) -> set[int]:
    """Positions of the tokens that make up :data:`TIME_QUALIFIERS` phrases."""
    out: set[int] = set()
    for i in range(len(tokens)):
        for phrase in TIME_QUALIFIERS:
            if tuple(tokens[i : i + len(phrase)]) == phrase:
                out.update(range(i, i + len(phrase)))
    return out


# A yes/no question opens with one of these (after fillers, or one word such as "wait"),
# and holds no question word ("did they say when" asks for a date) and no "or".
POLAR_OPENERS = frozenset(
    "is are was were am do does did has have had will would can could should may might".split()
)
QUESTION_WORDS = frozenset("what who whom whose when where why which how".split())


def is_polar(tokens: list[str]) -> bool:
    """Is this a yes/no question (see :data:`POLAR_OPENERS`)?"""
    content = [t for t in tokens if t not in FILLER_WORDS]
    # "Are levels going up, down, or staying the same" offers answers to choose from.
    return (
        bool(POLAR_OPENERS & set(content[:2]))
        and not QUESTION_WORDS & set(tokens)
        and "or" not in tokens
    )


def strip_frame(tokens: list[str]) -> list[str]:
    """``tokens`` without the conversational openers and fillers in front of the question.

    Every step takes off at least one token and tries a fixed set of phrases, so the work
    is linear in the question's length.
    """
    start = 0
    while start < len(tokens):
        if tokens[start] in FILLER_WORDS:
            start += 1
            continue
        for phrase in _FRAMES_BY_FIRST.get(tokens[start], ()):
            if tuple(tokens[start : start + len(phrase)]) == phrase:
                start += len(phrase)
                break
        else:
            break
    return tokens[start:]


def parse_question(text: str) -> Question:
    all_tokens = _fix_opener(normalize_chat(words(text)))
    tokens = strip_frame(all_tokens)
    kind = _answer_type(tokens)
    frame = _speaker_frame(tokens)
    speaker: list[str] = []
    topic: list[str] = []
    asked: list[str] = []
    if frame is not None:
        speaker, topic_words, asked = frame
        topic = analyze(" ".join(t for t in topic_words if t not in FILLER_WORDS))
    # Frame words are dropped only from the frame (the first words), so that a question
    # about "the number of prisoners" still searches "number" when it is content.
    frame_len = 0
    for prefix in _TYPE_PREFIXES:
        if tuple(tokens[: len(prefix)]) == prefix:
            frame_len = max(frame_len, len(prefix))
    now = _time_qualifiers(tokens) | _hedges(tokens)
    kept = [
        t for i, t in enumerate(tokens)
        if i not in now
        and not (t in FRAME_WORDS and i < frame_len + 3)
        and not (t in AMOUNT_NOUNS and i == frame_len and kind is AnswerType.NUMBER)
        and not (frame is not None and i < 9 and _is_speech_verb(t))
        and t not in FILLER_WORDS
    ]  # fmt: skip
    terms = analyze(" ".join(kept))
    if not terms:  # a question made only of frame words: search them after all
        kept = all_tokens
        terms = analyze(" ".join(kept))
    surface: dict[str, str] = {}
    for word in kept:
        if is_informative(word):
            surface.setdefault(stem(word), word)
    return Question(
        text=text,
        terms=terms,
        answer_type=kind,
        speaker=speaker,
        speaker_asked=tuple(asked),
        topic_terms=topic,
        question_words=frozenset(all_tokens),
        surface=surface,
        asks=_asks(all_tokens),
        called=asks_what_it_is_called(all_tokens),
        counted=counted_words(all_tokens),
        priced=priced_words(all_tokens),
        polar=is_polar(all_tokens),
    )
