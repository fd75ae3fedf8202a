"""Votes on answers in the database (index/feedback.py)."""

from __future__ import annotations

import asyncio
import datetime as dt
from pathlib import Path

import pytest

from index.feedback import DOWN, UP, FeedbackStore, UnknownAnswer
from index.ingest import parse_bytes
from index.library import Library

GUILD, OTHER = 4200, 4300


async def stored_answer(library: Library, guild: int | None = GUILD) -> str:
    answer = await library.ask("What did Peskov say?", guild_id=guild)
    assert answer.quotes
    return await FeedbackStore(library.store).record_answer(
        answer.question, answer.quotes, guild, channel_id=111
    )


async def test_one_vote_per_member_changed_or_taken_back(sample_library: Library) -> None:
    feedback = FeedbackStore(sample_library.store)
    answer_id = await stored_answer(sample_library)
    assert await feedback.vote(answer_id, 1, UP) == "recorded"
    assert await feedback.vote(answer_id, 1, UP) == "withdrawn"
    assert await feedback.vote(answer_id, 1, UP) == "recorded"
    assert await feedback.vote(answer_id, 1, DOWN) == "changed"
    assert await feedback.vote(answer_id, 2, UP) == "recorded"
    counts = await feedback.counts(GUILD)
    assert (counts.answers, counts.up, counts.down) == (1, 1, 1)
    assert (await feedback.counts(OTHER)).answers == 0


async def test_export_has_question_quotes_and_counts_but_no_member(
    sample_library: Library,
) -> None:
    feedback = FeedbackStore(sample_library.store)
    voted = await stored_answer(sample_library)
    await stored_answer(sample_library)  # no votes: not exported
    other = await stored_answer(sample_library, OTHER)
    await feedback.vote(voted, 7, UP)
    await feedback.vote(voted, 8, UP)
    await feedback.vote(other, 7, DOWN)
    rows = sorted([r.to_json() async for r in feedback.rated()], key=lambda r: r["up"] == 0)
    assert [(r["answer_id"], r["up"], r["down"]) for r in rows] == [(voted, 2, 0), (other, 0, 1)]
    first = rows[0]
    assert first["question"] == "What did Peskov say?" and first["guild_id"] == str(GUILD)
    assert first["quotes"] and {"sentence_id", "article_id", "text"} == set(first["quotes"][0])
    assert set(first) == {"answer_id", "guild_id", "question", "quotes", "asked_at", "up", "down"}
    only = [r.id async for r in feedback.rated(OTHER, every_guild=False)]
    assert only == [other]


async def test_vote_on_an_unknown_answer(sample_library: Library) -> None:
    with pytest.raises(UnknownAnswer):
        await FeedbackStore(sample_library.store).vote("0123456789abcdef", 1, UP)


async def test_votes_survive_reopening(tmp_path: Path, sample_path: Path) -> None:
    path = tmp_path / "f.db"
    async with await Library.open(path, semantic=False) as lib:
        await lib.add_path(sample_path)
        answer_id = await stored_answer(lib)
    async with await Library.open(path, semantic=False) as lib:
        assert await FeedbackStore(lib.store).vote(answer_id, 1, UP) == "recorded"


async def test_votes_while_an_article_is_written_both_succeed(sample_library: Library) -> None:
    """Both write on the one connection: without the store's transaction lock, a BEGIN
    inside the other's transaction failed (or a vote committed half an article)."""
    feedback = FeedbackStore(sample_library.store)
    answer_id = await stored_answer(sample_library)
    text = " ".join(f"The harbour master said ship {n} had docked." for n in range(300))
    doc = parse_bytes(text.encode(), source="harbour.txt", filename="harbour.txt")
    results = await asyncio.gather(
        sample_library.add_document(doc, GUILD),
        *(feedback.vote(answer_id, user, UP) for user in range(20)),
    )
    assert all(r == "recorded" for r in results[1:])
    assert (await feedback.counts(GUILD)).up == 20
    assert len(sample_library.articles(GUILD)) == 2


async def test_unrated_answers_are_forgotten_rated_ones_kept(sample_library: Library) -> None:
    feedback = FeedbackStore(sample_library.store)
    old_unrated, old_rated, new_unrated = [await stored_answer(sample_library) for _ in range(3)]
    async with sample_library.store.transaction() as tx:
        await tx.execute(
            "UPDATE feedback_answers SET asked_at = ? WHERE id IN (?, ?)",
            ("2020-01-01T00:00:00.000000+00:00", old_unrated, old_rated),
        )
    await feedback.vote(old_rated, 1, UP)
    await feedback.forget_unrated(dt.datetime.now(dt.UTC) - dt.timedelta(days=30))
    kept = {r[0] for r in await sample_library.store.rows("SELECT id FROM feedback_answers")}
    assert kept == {old_rated, new_unrated}
    with pytest.raises(UnknownAnswer):
        await feedback.vote(old_unrated, 1, UP)
