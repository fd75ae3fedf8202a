"""Chatter gets no reply; questions, however terse, are never taken for chatter."""

from __future__ import annotations

import pytest

from index.analyze import analyze
from index.library import Library
from index.small_talk import is_small_talk

# The library's terms, as an index would hold them.
KNOWN = frozenset(
    analyze(
        "Peskov said the ceasefire talks in Istanbul ended with a deal to exchange "
        "prisoners. Lavrov praised the role of the United States."
    )
)

CHATTER = [
    "thanks!",
    "lol ok",
    "👍",
    "good morning everyone",
    "nice",
    "brb grabbing coffee",
    "thank you so much",
    "ok cool",
    "haha nice one",
    "gm all",
    "<:pepe:1234> lol",
    "cool story bro",
    "hello?",
    "really?",
    "hey everyone what's up",
    "how are you all",
    "this is so sad",
    # Reactions: a question word with nothing to ask about.
    "haha what",
    "wait wut",
    "how??",
    "whaaat",
    "what a day",
    "who cares",
    # Elongations, laughter and emoticons.
    "lmaooo",
    "hahahaha",
    "nooo way",
    "soooo sad",
    "okk",
    ":D",
    "thx <3",
    # Slang, compliments to the bot and chat phrases.
    "ty bot ur the best",
    "nice one bot",
    "u rock",
    "this bot slaps",
    "ikr",
    "tbh same",
    "fr fr",
    "bruh",
    "😂😂 no way",
    "big if true",
    "huh?",
    "hru",
    "thanks for the info",
    "of course",
    # No word to search and no question form.
    "the of and",
    "this",
    "same here",
    # Asides to the bot, probes and votes.
    "see ya",
    "can't believe it",
    "+1",
    "test",
    "testing 123",
    "ping",
    "help",
    "help pls",
    "who made you",
    "what can you do",
    "are you a bot",
    "is this bot working",
    "shut up bot",
    "you're useless",
]
QUESTIONS = [
    "peskov?",
    "peskov",
    "ceasefire",
    "prisoner exchange details",
    "thanks to whom was the deal made?",
    "thanks to whom was the deal made",
    "lol what did peskov say",
    "ok tell me about the talks",
    "thx, who is lavrov",
    "nice, and the prisoners",
    "ok so the istanbul talks",
    "any news",
    "the of and?",  # no words to search, but asked: answered with a note, not silence
    "?",
    "what's up with the levy",  # a question frame, even about what the library lacks
    "hey, how are the talks going",
    "ok does peskov agree",
    # A question word with something to ask about, after any amount of chat.
    "what happened",
    "what happened??",
    "wait what did peskov say",
    "lol so what did the mayor say",
    "ty, and when does the levy start?",
    "ceasefire?",
    "nice, how many died",
    "so the talks, who was there",
    "so the hostages, who are they",
    "lmaooo the prisoners were freed?? how",
    # A thing of the news named after chat, even one the library half knows.
    "haha ok and the prisoner swap",
    "wait, the istanbul talks?",
    "no way the talks ended?",
    # Words that only look like chat.
    "he resigned",
    "what a ceasefire would mean?",
    "help me understand the ceasefire",
    "who made the deal",
    "what can lavrov do",
    "are the talks real",
    "+1 what did peskov say",
    "exchange test results",
]


@pytest.mark.parametrize("message", CHATTER)
def test_chatter_is_small_talk(message: str) -> None:
    assert is_small_talk(message, KNOWN)


@pytest.mark.parametrize("message", QUESTIONS)
def test_questions_are_never_small_talk(message: str) -> None:
    assert not is_small_talk(message, KNOWN)


def test_without_a_library_only_chat_words_make_small_talk() -> None:
    assert is_small_talk("thanks everyone")
    assert not is_small_talk("brb grabbing coffee")


@pytest.mark.parametrize(
    "message", ["thanks!", "lol ok", "👍", "good morning everyone", "haha what", "lmaooo"]
)
async def test_small_talk_gets_no_reply(sample_library: Library, message: str) -> None:
    answer = await sample_library.ask(message)
    assert answer.small_talk
    assert not answer.quotes and answer.note is None


@pytest.mark.parametrize("message", ["thanks! and what did peskov say", "wait what did trump say"])
async def test_a_question_after_chat_is_answered(sample_library: Library, message: str) -> None:
    answer = await sample_library.ask(message)
    assert not answer.small_talk and answer.quotes
