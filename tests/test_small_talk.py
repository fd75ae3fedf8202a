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
    "the of and",  # no words to search: answered with a note, not silence
    "?",
    "what's up with the levy",  # a question frame, even about what the library lacks
    "hey, how are the talks going",
    "ok does peskov agree",
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


@pytest.mark.parametrize("message", ["thanks!", "lol ok", "👍", "good morning everyone"])
async def test_small_talk_gets_no_reply(sample_library: Library, message: str) -> None:
    answer = await sample_library.ask(message)
    assert answer.small_talk
    assert not answer.quotes and answer.note is None


async def test_a_question_after_thanks_is_answered(sample_library: Library) -> None:
    answer = await sample_library.ask("thanks! and what did peskov say")
    assert not answer.small_talk and answer.quotes
