"""Small talk and questions typed as Discord members type them, over a library of news.

``tests/data/chat/messages.jsonl`` labels chat lines ("haha what", "ty bot ur the best",
"lmaooo") and short questions in chat register ("lol so what did the mayor say", "ceasefire?")
about the articles of the fresh-a and fresh-c sets. The two errors are not worth the same:
a swallowed question leaves a member without an answer and without a word, so none is
allowed; chat that gets a reply is only noise, so a few are.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from index.analyze import analyze
from index.ingest import read_path
from index.small_talk import is_small_talk

DATA = Path(__file__).parent / "data"
MESSAGES = DATA / "chat" / "messages.jsonl"
ARTICLES = [*(DATA / "fresh-a" / "articles").iterdir(), *(DATA / "fresh-c" / "articles").iterdir()]
# Chat lines that may still get a reply (of the file's 225).
MAX_CHAT_MISSES = 2


@pytest.fixture(scope="module")
def known() -> frozenset[str]:
    """The library's analysed terms, as its index holds them."""
    return frozenset(term for path in ARTICLES for term in analyze(read_path(path).text))


def _messages(label: str) -> list[str]:
    rows = [json.loads(line) for line in MESSAGES.read_text(encoding="utf-8").splitlines()]
    return [row["text"] for row in rows if row["label"] == label]


def test_the_file_holds_enough_of_both() -> None:
    assert len(_messages("chat")) >= 120 and len(_messages("question")) >= 120


def test_no_question_is_swallowed(known: frozenset[str]) -> None:
    swallowed = [q for q in _messages("question") if is_small_talk(q, known)]
    print(f"questions swallowed: {len(swallowed)}/{len(_messages('question'))}")
    assert swallowed == []


def test_chat_gets_no_reply(known: frozenset[str]) -> None:
    chat = _messages("chat")
    answered = [c for c in chat if not is_small_talk(c, known)]
    print(f"chat answered: {len(answered)}/{len(chat)}: {answered}")
    assert len(answered) <= MAX_CHAT_MISSES, answered
