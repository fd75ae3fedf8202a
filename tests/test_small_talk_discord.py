"""Chat lines as Discord members type them, none of them a question, and questions about
the news typed as chat (engineer para11).

``tests/data/chat/discord-lines.jsonl`` was written from how people chat on Discord, not
from any article: greetings, thanks, acknowledgements, reactions, farewells, praise for
the bot, checks whether anyone is there, emoji, emoticons, custom emoji and mentions,
emoji short codes typed as text (":joy:"), votes ("+1 to that"), and courtesies about the
news ("stay safe everyone"). Its questions are about the fresh-a and fresh-c articles and
look like chat ("lol wait who won the vote", "f, was anyone arrested"). Every chat line
must get no reply, and no question may be swallowed. On the code before this file, 73 of
its 434 chat lines got a reply and one question was swallowed.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from index.analyze import analyze
from index.ingest import read_path
from index.small_talk import is_small_talk

DATA = Path(__file__).parent / "data"
LINES = DATA / "chat" / "discord-lines.jsonl"
ARTICLES = [*(DATA / "fresh-a" / "articles").iterdir(), *(DATA / "fresh-c" / "articles").iterdir()]


@pytest.fixture(scope="module")
def known() -> frozenset[str]:
    """The library's analysed terms, as its index holds them."""
    return frozenset(term for path in ARTICLES for term in analyze(read_path(path).text))


def _lines(label: str) -> list[str]:
    rows = [json.loads(line) for line in LINES.read_text(encoding="utf-8").splitlines()]
    return [row["text"] for row in rows if row["label"] == label]


def test_every_chat_line_gets_no_reply(known: frozenset[str]) -> None:
    chat = _lines("chat")
    assert len(chat) >= 400
    answered = [line for line in chat if not is_small_talk(line, known)]
    assert answered == []


def test_no_chatty_question_is_swallowed(known: frozenset[str]) -> None:
    questions = _lines("question")
    assert len(questions) >= 60
    swallowed = [q for q in questions if is_small_talk(q, known)]
    assert swallowed == []


@pytest.mark.parametrize(
    "message",
    ["how well does it work", "+1 what did the union say", "real estate prices", "right to strike"],
)
def test_chat_phrases_do_not_swallow_questions(known: frozenset[str], message: str) -> None:
    """The near misses: words of the new chat phrases inside a question keep it one."""
    assert not is_small_talk(message, known)
