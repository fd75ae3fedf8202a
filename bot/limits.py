"""How fast members may ask: the numbers, apart from the machinery that applies them
(``bot.cooldowns``), so the config can build them without importing discord."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Limits:
    """A member may ask ``member_questions`` questions per ``member_seconds`` (a burst,
    then a wait), and a channel ``channel_questions`` per ``channel_seconds``: a guard
    against a flood, set well above a lively conversation so that it never decides who
    gets an answer in one. 0 questions turns a limit off. A member's questions over the
    limit wait in line, at most ``queue_per_member`` of them."""

    member_questions: int = 3
    member_seconds: float = 30.0
    channel_questions: int = 15
    channel_seconds: float = 10.0
    queue_per_member: int = 3
