"""Members' 👍/👎 on answers: the data to improve answers later.

An answer is stored when it is sent, under a random id that its buttons carry, so a vote
still finds its question and quotes after a restart. Each member has one vote an answer:
voting again the same way takes the vote back, the other way changes it. Nothing about
the member is kept but the id their vote is keyed by, and the export leaves even that out.

Portable SQL through :meth:`Store.rows` and :meth:`Store.transaction` (tables in
``index/store.py``, ``_FEATURE_SCHEMA``).
"""

from __future__ import annotations

import datetime as dt
import json
import secrets
from collections.abc import AsyncIterator, Sequence
from dataclasses import dataclass
from typing import Any, Literal

from .errors import ArticlebotError
from .models import Quote
from .stores import AnyStore

UP, DOWN = 1, -1
ANSWER_ID = r"[0-9a-f]{16}"  # what new_answer_id() makes: the buttons check it
Outcome = Literal["recorded", "changed", "withdrawn"]


class UnknownAnswer(ArticlebotError):
    """A vote for an answer that is not stored (forged, or from another database)."""


@dataclass(frozen=True)
class ShownQuote:
    sentence_id: int
    article_id: str
    text: str


@dataclass(frozen=True)
class Counts:
    answers: int  # answers that got at least one vote
    up: int
    down: int


@dataclass(frozen=True)
class RatedAnswer:
    """One answer with its votes, as exported."""

    id: str
    guild_id: int | None
    question: str
    quotes: tuple[ShownQuote, ...]
    asked_at: str
    up: int
    down: int

    def to_json(self) -> dict[str, Any]:
        return {
            "answer_id": self.id,
            "guild_id": str(self.guild_id) if self.guild_id is not None else None,
            "question": self.question,
            "quotes": [
                {"sentence_id": q.sentence_id, "article_id": q.article_id, "text": q.text}
                for q in self.quotes
            ],
            "asked_at": self.asked_at,
            "up": self.up,
            "down": self.down,
        }


def new_answer_id() -> str:
    return secrets.token_hex(8)


def _timestamp(when: dt.datetime) -> str:
    """ISO 8601 in UTC, always the same width, so that text order is time order."""
    return when.astimezone(dt.UTC).isoformat(timespec="microseconds")


def _now() -> str:
    return _timestamp(dt.datetime.now(dt.UTC))


class FeedbackStore:
    """The feedback tables of one :class:`Store`."""

    def __init__(self, store: AnyStore) -> None:
        self.store = store

    async def record_answer(
        self,
        question: str,
        quotes: Sequence[Quote],
        guild_id: int | None,
        channel_id: int,
    ) -> str:
        """Store an answer about to be sent; its id, for the buttons."""
        answer_id = new_answer_id()
        shown = [
            {"sentence_id": q.sentence_id, "article_id": q.citation.article_id, "text": q.text}
            for q in quotes
        ]
        async with self.store.transaction() as tx:
            await tx.execute(
                "INSERT INTO feedback_answers (id, guild_id, channel_id, question, quotes, "
                "asked_at) VALUES (?, ?, ?, ?, ?, ?)",
                (answer_id, guild_id, channel_id, question, json.dumps(shown), _now()),
            )
        return answer_id

    async def vote(self, answer_id: str, user_id: int, vote: int) -> Outcome:
        """Record ``user_id``'s vote (UP or DOWN) on an answer: the same vote again takes
        it back, the other one replaces it. UnknownAnswer if the answer is not stored."""
        if vote not in (UP, DOWN):
            raise ValueError(f"a vote is {UP} or {DOWN}, not {vote!r}")
        # Read, then write: a member's two clicks at once can only both set, or both take
        # back, the one vote the primary key allows.
        if not await self.store.rows("SELECT 1 FROM feedback_answers WHERE id = ?", (answer_id,)):
            raise UnknownAnswer(f"no answer {answer_id!r}")
        rows = await self.store.rows(
            "SELECT vote FROM feedback_votes WHERE answer_id = ? AND user_id = ?",
            (answer_id, user_id),
        )
        before = int(rows[0][0]) if rows else None
        async with self.store.transaction() as tx:
            if before == vote:
                await tx.execute(
                    "DELETE FROM feedback_votes WHERE answer_id = ? AND user_id = ?",
                    (answer_id, user_id),
                )
            else:
                await tx.execute(
                    "INSERT INTO feedback_votes (answer_id, user_id, vote, voted_at) "
                    "VALUES (?, ?, ?, ?) ON CONFLICT (answer_id, user_id) "
                    "DO UPDATE SET vote = excluded.vote, voted_at = excluded.voted_at",
                    (answer_id, user_id, vote, _now()),
                )
        if before == vote:
            return "withdrawn"
        return "recorded" if before is None else "changed"

    async def forget_unrated(self, before: dt.datetime) -> None:
        """Delete the answers asked before ``before`` that nobody rated: a question is
        kept only as long as someone may still rate its answer, or once someone did."""
        async with self.store.transaction() as tx:
            await tx.execute(
                "DELETE FROM feedback_answers WHERE asked_at < ? AND NOT EXISTS "
                "(SELECT 1 FROM feedback_votes v WHERE v.answer_id = feedback_answers.id)",
                (_timestamp(before),),
            )

    async def counts(self, guild_id: int | None) -> Counts:
        """The votes on a server's answers (None: on answers in direct messages)."""
        where, params = _guild_filter(guild_id)
        [(answers, up, down)] = await self.store.rows(
            "SELECT COUNT(DISTINCT v.answer_id), "
            "COALESCE(SUM(CASE WHEN v.vote > 0 THEN 1 ELSE 0 END), 0), "
            "COALESCE(SUM(CASE WHEN v.vote < 0 THEN 1 ELSE 0 END), 0) "
            "FROM feedback_votes v JOIN feedback_answers a ON a.id = v.answer_id "
            f"WHERE {where}",
            params,
        )
        return Counts(int(answers), int(up), int(down))

    async def rated(
        self, guild_id: int | None = None, *, every_guild: bool = True
    ) -> AsyncIterator[RatedAnswer]:
        """Every answer with at least one vote, oldest first: all servers', or (with
        ``every_guild`` false) those of ``guild_id`` only."""
        where, params = ("1 = 1", ()) if every_guild else _guild_filter(guild_id)
        rows = await self.store.rows(
            "SELECT a.id, a.guild_id, a.question, a.quotes, a.asked_at, "
            "SUM(CASE WHEN v.vote > 0 THEN 1 ELSE 0 END), "
            "SUM(CASE WHEN v.vote < 0 THEN 1 ELSE 0 END) "
            "FROM feedback_answers a JOIN feedback_votes v ON v.answer_id = a.id "
            f"WHERE {where} "
            "GROUP BY a.id, a.guild_id, a.question, a.quotes, a.asked_at "
            "ORDER BY a.asked_at, a.id",
            params,
        )
        for answer_id, gid, question, quotes, asked_at, up, down in rows:
            shown = tuple(
                ShownQuote(int(q["sentence_id"]), str(q["article_id"]), str(q["text"]))
                for q in json.loads(quotes)
            )
            yield RatedAnswer(
                str(answer_id),
                None if gid is None else int(gid),
                str(question),
                shown,
                str(asked_at),
                int(up),
                int(down),
            )


def _guild_filter(guild_id: int | None) -> tuple[str, tuple[object, ...]]:
    if guild_id is None:
        return "a.guild_id IS NULL", ()
    return "a.guild_id = ?", (guild_id,)
