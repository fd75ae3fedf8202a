"""Tell chatter ("thanks!", "lol ok", "👍", "good morning everyone") from questions.

In an answer channel every message is read as a question, so the bot must recognise the
messages that are not questions and stay silent instead of quoting noise or saying that
the library does not mention "lol".

A message is small talk when it has no question form and is made of chat:

- question form: a "?", or (after leading chat words) a question word, an auxiliary verb
  or a request verb ("what", "did", "tell", "explain") among its first words;
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
from .question import normalize_chat

# Greetings, thanks, acknowledgements, reactions, interjections, farewells and ways of
# addressing a channel: words that make up messages which ask nothing.
CHAT_WORDS = frozenset(
    """
    hi hello hey heya hiya yo howdy sup greetings morning afternoon evening night gm gn
    goodnight welcome thanks thank thankyou tysm cheers appreciated appreciate ta
    ok okay k kk alright yes yeah yep yup sure no nope nah fine cool nice great awesome
    perfect lovely good bad sad wow whoa damn oh ah aha ahh ooh hmm hm um uh huh lol lmao
    lmfao rofl haha hahaha heh hehe omg wtf ffs gg fair true indeed exactly interesting
    neat sweet noted gotcha understood agreed same love bye goodbye cya later brb afk gtg
    g2g ttyl soon back everyone everybody all guys folks yall team friends peeps bot
    please so much lot lots very really again too just anyway well
    """.split()
)
# Words that open a question or a request.
QUESTION_OPENERS = frozenset(
    """
    what which who whom whose when where why how is are was were am do does did can could
    will would should shall has have had may might must any tell explain show list give
    find describe summarize summarise quote define compare
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
    if "?" in text:
        return False
    tokens = normalize_chat(words(text))
    if not tokens:
        return True  # emoji and punctuation only
    rest = [t for t in tokens if t not in CHAT_WORDS]
    if len(rest) == len(tokens):
        return False  # no chat word at all: a terse query
    if any(t in QUESTION_OPENERS for t in rest[:2]):
        return False
    if any(t in REQUEST_NOUNS for t in rest):
        return False
    content = [t for t in rest if is_informative(t)]
    if not content:
        return True
    if len(content) > MAX_CHAT_CONTENT or known is None:
        return False
    terms = analyze(" ".join(content))
    return 2 * sum(term in known for term in terms) <= len(terms)
