"""Tell chatter ("thanks!", "lol ok", "👍", "haha what", "lmaooo") from questions.

In an answer channel every message is read as a question, so the bot must recognise the
messages that are not questions and stay silent instead of quoting noise or saying that
the library does not mention "lol".

A message is small talk when it asks for nothing: once chat is taken out, no word is left
that a question could be about. Chat is

- *chat words*: greetings, thanks, acknowledgements, reactions and interjections,
  farewells, ways of addressing the channel or the bot, and chat abbreviations ("ikr",
  "tbh", "fr"; spellings of one word such as "ty" and "ur" are read as that word first);
- the same drawn out or laughed: "lmaooo", "nooo", "heyyy" are read as the word whose
  repeated letters are shortened, "hahahaha" and "lolol" as laughter. Only a token that
  is no word of the language (wordfreq's frequency) or that repeats a letter three times
  is read so, and never a word of the library: "off" stays "off", a name is never chat;
- chat phrases, whose words alone are not chat ("who cares", "i see", "you rock"), and
  asides to the bot itself ("help", "who made you", "are you a bot", "testing 1 2 3"),
  which no article answers;
- emoji, text emoticons (":D", "<3"), a "+1" vote and Discord markup;
- a message with no word to search and no question form ("this", "same here");
- a question word with nothing to ask about: "what?", "haha what", "wait wut", "how??"
  are reactions, and "what a day" exclaims.

The error to avoid is swallowing a real question, so everything else is a question: a
message with no chat word at all is a terse query ("ceasefire", "peskov", "prisoner
exchange details"); a question word with something beside it ("what happened", "so the
talks, who was there"), an auxiliary or request verb first ("did", "tell"), a "?" after
content ("wait, the talks?"), a request noun ("details", "update") and a thing named with
"the" ("haha ok and the bank hack") ask, whatever chat is around them. What is left, chat
with a few other words and no question form ("brb grabbing coffee", "this bot slaps"),
is small talk when the library knows at most half of those words. The word lists are
about English chat, not about any article.
"""

from __future__ import annotations

import re
from collections.abc import Container
from itertools import pairwise

from .analyze import STOPWORDS, analyze, is_informative, stem, words
from .question import expand_phrases, normalize_chat
from .typos import is_word

# Words that make up messages which ask nothing, by kind.
_GREETINGS = """hi hello hey heya hiya yo yoo howdy sup wassup greetings morning mornin afternoon
    evening evenin night gm gn goodnight welcome wb hallo hullo ello"""
_ADDRESS = """everyone everybody anyone anybody all guys folks yall team friends peeps bot
    here bro bruh bruv dude man mate m8 fam chat"""
_THANKS = "thanks thank thankyou tysm tyvm thnx thanx cheers appreciated appreciate ta please yw"
_ACKNOWLEDGEMENTS = """ok okay k kk okie dokie alright alrighty aight yes yeah yea ye yep yup
    sure no nope nah fine noted gotcha understood agreed same fair true tru indeed exactly
    back bet okey mhm mhmm roger"""
_REACTIONS = """cool nice great awesome perfect lovely good bad sad wow whoa woah damn dang oh
    ah aha ahh ohh ooh hmm hm um uh huh lol lmao lmfao rofl haha hahaha heh hehe omg omfg wtf wth
    ffs gg interesting neat sweet love ugh meh yay woohoo oof welp phew sigh wild crazy insane
    nuts scary awful terrible amazing incredible unreal brutal hilarious funny weird cute
    yikes jeez geez gosh sheesh oops whoops sorry soz congrats wait dope goated legend
    uhh umm erm hmmm yeesh unbelievable f"""
# Chat abbreviations that are not spellings of one word (those are in CHAT_SPELLINGS).
_SLANG = """tbh ngl fr frfr ikr smh imo imho idc ong jk ofc obv duh nvm nevermind np xd kek pog
    lul rip lowkey highkey tho seriously tgif"""
_FAREWELLS = "bye goodbye cya later laters soon brb afk gtg g2g ttyl"
# Checking whether the bot is there ("ping"; "test" is a phrase: "test results" asks).
_PROBES = "ping pong"
_INTENSIFIERS = "so much lot lots very really again too just anyway anyways well honestly"
CHAT_WORDS = frozenset(
    " ".join(
        (
            _GREETINGS,
            _ADDRESS,
            _THANKS,
            _ACKNOWLEDGEMENTS,
            _REACTIONS,
            _SLANG,
            _FAREWELLS,
            _PROBES,
            _INTENSIFIERS,
        )
    ).split()
)
# Chat abbreviations of whole phrases, read as the phrase ("hru": "how are you").
_CHAT_ABBREVIATIONS = {"hru": ("how", "are", "you"), "wyd": ("what", "are", "you", "doing")}
# Greetings, courtesies and reactions phrased as questions or sentences: chat together,
# though their words alone are not ("who cares", "i see", "you rock").
CHAT_PHRASES = expand_phrases(
    "what is|s up",
    "what are you|u doing",
    "how is|s|are you|u|everyone|everybody|all|it|things doing|going today",
    "how is|s|are you|u|everyone|everybody|all|it|things doing|going",
    "how are you|u|everyone|everybody|all",
    "how is|s everyone|everybody|your day",
    "how have you been",
    "see you|ya later|soon|tomorrow",
    "see you|ya",
    "can t|cannot believe it|this|that",
    "have a good|nice|great day|night|weekend|one",
    "happy monday|tuesday|wednesday|thursday|friday|saturday|sunday|weekend|holidays",
    "no problem|worries|way|cap",
    "my bad|b",
    "makes sense",
    "got it",
    "sounds good",
    "fair enough",
    "of course",
    "never mind",
    "i see",
    "i do not know",
    "i|we knew it",
    "knew it",
    "called it",
    "not surprised",
    "so|for real",
    "how come",
    "what now",
    "me too",
    "oh my god|gosh",
    "holy crap|shit|cow|moly",
    "let s go",
    "lets go",
    "who cares|knows|asked",
    "what the heck|hell|fuck",
    "you|u rock|rule",
    "you|u are|re the best|goat|greatest",
    "your the best|goat|greatest",
    "are you|u there|here|ok|okay|alive",
    "you|u there|ok|okay|alive",
    "big if true",
    # Asides to the bot itself, which the library cannot answer.
    "help",
    "help me|pls|please",
    "who made|built|created|wrote|programmed|coded|owns you|u|this",
    "what can you|u do",
    "what are you|u",
    "are you|u a bot|human|robot|real|ai",
    "is this|the bot working|on|alive|down|broken|online",
    "shut up",
    "you|u are|re useless|dumb|stupid|broken|trash|wrong|slow|smart|fast",
    "testing|test",
    "testing|test 123",
    "testing|test 1 2 3",
    "nice|good|great one",
    "thanks|thank for the info|information|update|updates|help|answer|answers",
    "thank you for the info|information|update|updates|help|answer|answers",
    "good|great|sad|bad news",
    # Reactions and acknowledgements whose words alone would be searched.
    "many thanks",
    "that|this|it helps|helped",
    "that|this|it helps|helped a lot",
    "that|this explains it|everything",
    "that|this explains a lot",
    "that|it tracks|figures",
    "checks out",
    "that|it checks out",
    "good|nice|great|interesting to know",
    "fair point",
    "good point",
    "big yikes",
    "that|it is|s|was rough|tough|brutal|wild|crazy|insane|nuts|sad|awful|horrible|terrible|"
    "scary|terrifying|cool|great|nice|interesting|unreal|unbelievable|hilarious|funny",
    "that|it is|s|was messed up",
    "f in the|chat",
    "f in chat",
    "oh my",
    "oh dear",
    "dear god|lord",
    "my god|gosh|goodness",
    "good grief",
    "say what",
    "where was i",
    "moving on",
    "found|figured it",
    "figured it out",
    "welcome to the server|channel|chat|club",
    "welcome back",
    # Farewells ("gotta" reads "have to").
    "have|got to go|run|dip|bounce",
    "be right back",
    "peace",
    "peace out",
    "take care",
    "catch you|u|ya later",
    "talk to you|u|ya later|soon|tomorrow",
    "talk later|soon|tomorrow",
    "signing|logging|heading off|out",
    "off to bed|sleep|work",
    "going to bed|sleep",
    "time for bed",
    "long day|week|night|shift",
    # Courtesies about the news, which ask nothing.
    "stay safe",
    "stay safe out there",
    "thoughts and prayers",
    "hope everyone|everybody|you|u|they|all is|s|are|re ok|okay|safe|alright|well|fine",
    "hope you|u|they are|re ok|okay|safe|alright|well|fine",
    # Praise for the bot.
    "good|great|nice|awesome job|work|stuff",
    "well done",
    "based",
    "facts",
    "mood",
    "real",
    "right",
    "100",
    # Checking whether anyone or the bot is there.
    "anyone|anybody|someone|somebody here|there|around|home|awake|online|on",
    "is|are anyone|anybody|someone|somebody here|there|around|home|awake|online|on",
    "testing testing",
    "is this thing on|working",
    "does this thing work",
)
_CHAT_PHRASES_BY_FIRST: dict[str, list[tuple[str, ...]]] = {}
for _p in sorted(CHAT_PHRASES, key=len, reverse=True):
    _CHAT_PHRASES_BY_FIRST.setdefault(_p[0], []).append(_p)
# Words that ask: a question word opens a question even after a preposition ("thanks to
# whom ..."); an auxiliary or request verb only as the first word ("this is so sad").
WH_WORDS = frozenset("what which who whom whose when where why how".split())
QUESTION_OPENERS = WH_WORDS | frozenset(
    """
    is are was were am do does did can could will would should shall has have had may
    might must any tell explain show list give find describe summarize summarise quote
    define compare
    """.split()
)
# Nouns that ask for information about the rest of the message ("ceasefire details"):
# a request, not content the library has to know.
REQUEST_NOUNS = frozenset("details detail info information update updates news latest".split())
# A content part longer than this is a statement or a question, not a chat aside.
MAX_CHAT_CONTENT = 3
# Custom emoji, mentions and channel links: Discord markup that carries no question; and an
# emoji's short code as typed when the client did not turn it into the emoji (":joy:").
_MARKUP = re.compile(r"<(?:a?:\w+:|[@#][!&]?)\d+>|(?<![\w:]):[a-z][a-z0-9_+-]{1,31}:(?![\w:])")
# Text emoticons (":D", ";-)", "<3", "^^", "xD"), which the tokeniser would cut into letters,
# and the salute and waves typed with letters ("o7", "o/", "\\o/").
_EMOTICON = re.compile(
    r"(?<!\w)(?:[:;=][-'^]?[()\[\]dDpPoO3/\\|*]+|<3+|\^+_?\^+|[xX][dD]+|[oO]7|\\[oO]/?|[oO]/)(?!\w)"
)
# Laughter however long it is typed: "hahahaha", "ahahah", "hehe", "lolol", "lmfaooo", "xddd".
_LAUGHTER = re.compile(
    r"(?:a?(?:h+a+)+h*|(?:h+e+)+h*|(?:l+o+)+l+|l+m+f*a+o+|r+o+f+l+(?:m+a+o+)?|x+d+)"
)
# "+1", "-1" opening a message: a vote on the message above ("+1 to that"), and what
# follows it is read as the message ("+1 what did X say" asks).
_VOTE = re.compile(r"^\s*[+-]1(?!\d)")
# "what a day", "what a mess": a question word that exclaims instead of asking.
_EXCLAMATIVE = re.compile(r"^\W*what an? \w", re.IGNORECASE)


def is_small_talk(text: str, known: Container[str] | None = None) -> bool:
    """Is this message chatter rather than a question? ``known`` holds the library's
    analysed terms (an index); without it, only chat words make small talk."""
    text = _VOTE.sub(" ", _EMOTICON.sub(" ", _MARKUP.sub(" ", text)))
    folded = words(text)
    if not folded:
        return "?" not in text  # emoji and punctuation only
    tokens = normalize_chat([w for t in folded for w in _CHAT_ABBREVIATIONS.get(t, (t,))])
    tokens = [_chat_form(t, known) for t in tokens]
    rest = [t for t in _without_chat_phrases(tokens) if t not in CHAT_WORDS]
    if rest and all(t in WH_WORDS for t in rest):
        return True  # "what?", "haha what", "wait wut", "how??": a reaction
    exclaims = "?" not in text and _EXCLAMATIVE.match(text)
    if exclaims and sum(map(is_informative, rest)) <= MAX_CHAT_CONTENT:
        return True  # "what a day", "what a time to be alive"
    if not ("?" in text or any(map(is_informative, rest)) or _asks(rest)):
        return True  # "this", "same here": no word to search and no question form
    if len(rest) == len(tokens):
        return False  # no chat word at all: a terse query
    if _asks(rest):
        return False
    if "?" in text:  # "hello?", "really?": asks nothing about an article
        return not any(is_informative(t) for t in rest)
    if any(t in REQUEST_NOUNS for t in rest):
        return False
    content = [t for t in rest if is_informative(t)]
    if not content:
        return True
    if len(content) > MAX_CHAT_CONTENT or known is None:
        return False
    if any(a == "the" and is_informative(b) for a, b in pairwise(rest)):
        return False  # "haha ok and the bank hack": names a thing of the news
    terms = analyze(" ".join(content))
    return 2 * sum(term in known for term in terms) <= len(terms)


def _asks(rest: list[str]) -> bool:
    """Does the message keep a question form: an auxiliary or request verb first, or a
    question word anywhere?"""
    return bool(rest) and (rest[0] in QUESTION_OPENERS or any(t in WH_WORDS for t in rest))


def _chat_form(token: str, known: Container[str] | None) -> str:
    """The chat word an elongated or laughing token stands for ("lmaooo" → "lmao",
    "nooo" → "no", "hahaha" → "lol"), or the token itself. Only a token that is no word
    of the language (by wordfreq's frequency) or that drags a letter out ("sooo") is read
    so, and never a word of the library: "off" is not "of", a name is never chat."""
    if token in _CHAT_FORMS or (known is not None and stem(token) in known):
        return token
    if len(token) >= 4 and _LAUGHTER.fullmatch(token):
        return "lol"
    for candidate in _unelongated(token):
        if candidate in _CHAT_FORMS:  # the word list is read only for such a token
            drawn_out = _DRAWN_OUT.search(token) is not None
            return candidate if drawn_out or not is_word(token) else token
    return token


def _unelongated(token: str) -> list[str]:
    """``token`` with each run of a repeated letter shortened to one or two letters,
    shortest first; nothing for a token without such a run. The runs are few (a
    hostile token gets at most the first four shortened)."""
    runs = list(_RUN.finditer(token))[:4]
    if not runs:
        return []
    out = [""]
    at = 0
    for run in runs:
        head = token[at : run.start()]
        letter = run.group()[0]
        out = [o + head + letter * n for n in (1, 2) for o in out]
        at = run.end()
    return sorted({o + token[at:] for o in out} - {token}, key=len)


_CHAT_FORMS = CHAT_WORDS | WH_WORDS | STOPWORDS | {w for p in CHAT_PHRASES for w in p}
_RUN = re.compile(r"(\w)\1+")
_DRAWN_OUT = re.compile(r"(\w)\1\1")


def _without_chat_phrases(tokens: list[str]) -> list[str]:
    """``tokens`` without the greeting phrases in them; linear in their number. A phrase
    counts only at the end or before a chat word: "what's up with the levy" asks."""
    kept: list[str] = []
    i = 0
    while i < len(tokens):
        for phrase in _CHAT_PHRASES_BY_FIRST.get(tokens[i], ()):
            end = i + len(phrase)
            if tuple(tokens[i:end]) == phrase and (end == len(tokens) or tokens[end] in CHAT_WORDS):
                i = end
                break
        else:
            kept.append(tokens[i])
            i += 1
    return kept
