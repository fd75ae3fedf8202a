"""Assertions over the offline harness (bot/harness/), for the tests."""

from __future__ import annotations

from bot.harness import OfflineBot


def raise_errors(h: OfflineBot) -> None:
    """Fail with the first error discord.py or the bot logged (handlers, views, the tree):
    discord.py only logs those, so a test would otherwise pass over them."""
    if h.errors.records:
        record = h.errors.records[0]
        raise AssertionError(f"discord.py logged an error: {record.getMessage()}") from (
            record.exc_info[1] if record.exc_info else None
        )
