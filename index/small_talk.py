"""Tell chatter ("thanks!", "lol ok", "👍", "good morning everyone") from questions.

In an answer channel every message is read as a question, so the bot must recognise the
messages that are not questions and stay silent instead of quoting noise or saying that
the library does not mention "lol".

A message is small talk when it has no question form and is made of chat:

- question form: (after leading chat words) a question word, an auxiliary verb or a
  request verb ("what", "did", "tell", "explain") among its first words, or a "?" after
  anything but chat words ("hello?" and "really?" ask nothing about an article);
- chat: nothing but emoji, punctuation, Discord markup and *chat words* (greetings,
  thanks, acknowledgements, reactions, interjections, farewells, ways of addressing the
  channel); or chat words plus a few content words of which the library knows at most
  half ("brb grabbing coffee": a library may well mention grabbing something).

The error to avoid is swallowing a real question, so everything else is a question: a
message with no chat word at all is a terse query ("ceasefire", "peskov", "prisoner
exchange details"), a request noun ("details", "update") asks for something, and content
the library mostly knows makes the message a question even after "thanks" or "lol". The
word lists are about English chat, not about any article.
"""

from __future__ import annotations

import re
from collections.abc import Container

from .analyze import analyze, is_informative, words
from .question import expand_phrases, normalize_chat

# Words that make up messages which ask nothing, by kind.
_GREETINGS = """hi hello hey heya hiya yo howdy sup greetings morning afternoon evening night
    gm gn goodnight welcome"""
_ADDRESS = """everyone everybody anyone anybody all guys folks yall team friends peeps bot
    here"""
_THANKS = "thanks thank thankyou tysm cheers appreciated appreciate ta please"
_ACKNOWLEDGEMENTS = """ok okay k kk alright yes yeah yep yup sure no nope nah fine noted
    gotcha understood agreed same fair true indeed exactly back"""
_REACTIONS = """cool nice great awesome perfect lovely good bad sad wow whoa damn oh ah aha
    ahh ooh hmm hm um uh huh lol lmao lmfao rofl haha hahaha heh hehe omg wtf ffs gg
    interesting neat sweet love ugh meh yay oof welp phew sigh wild crazy insane scary
    awful terrible amazing incredible unreal brutal hilarious funny weird"""
_FAREWELLS = "bye goodbye cya later soon brb afk gtg g2g ttyl"
_INTENSIFIERS = "so much lot lots very really again too just anyway well"
CHAT_WORDS = frozenset(
    " ".join(
        (_GREETINGS, _ADDRESS, _THANKS, _ACKNOWLEDGEMENTS, _REACTIONS, _FAREWELLS, _INTENSIFIERS)
    ).split()
)
# Greetings and courtesies phrased as questions or sentences: chat words together.
CHAT_PHRASES = expand_phrases(
    "what is|s up",
    "how are you|everyone|everybody|all doing",
    "how are you|everyone|everybody|all",
    "how is|s it going",
    "how is|s everyone|everybody|your day",
    "how have you been",
    "see you|ya later|soon|tomorrow",
    "have a good|nice|great day|night|weekend|one",
    "no problem|worries",
    "my bad",
    "makes sense",
    "got it",
    "sounds good",
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
# Custom emoji, mentions and channel links: Discord markup that carries no question.
_MARKUP = re.compile(r"<(?:a?:\w+:|[@#][!&]?)\d+>")


def is_small_talk(text: str, known: Container[str] | None = None) -> bool:
    """Is this message chatter rather than a question? ``known`` holds the library's
    analysed terms (an index); without it, only chat words make small talk."""
    text = _MARKUP.sub(" ", text)
    tokens = normalize_chat(words(text))
    if not tokens:
        return "?" not in text  # emoji and punctuation only
    rest = [t for t in _without_chat_phrases(tokens) if t not in CHAT_WORDS]
    if len(rest) == len(tokens):
        return False  # no chat word at all: a terse query
    if rest and (rest[0] in QUESTION_OPENERS or any(t in WH_WORDS for t in rest[1:2])):
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
    terms = analyze(" ".join(content))
    return 2 * sum(term in known for term in terms) <= len(terms)


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
