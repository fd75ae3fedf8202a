"""Fair rate limits on discord.py's ``commands.CooldownMapping``.

Two mappings, as Rapptz/RoboDanny keeps its ``spam_control`` mapping on the bot: one
bucket per member (a burst of questions, then a wait) and one per channel (a flood guard
well above normal conversation). Messages and ``/ask`` draw on the same buckets, so a
member's budget is one budget however they ask, and one member's questions never spend
another's. Both are ``DynamicCooldownMapping``s whose buckets are made from
``limits_for(guild_id)``, so the numbers may differ from one server to the next.

A question over the limit may wait for its turn (:meth:`RateLimits.wait_turn`): in line
behind the member's earlier waiting questions (first come, first served), sleeping on the
bot's clock until both buckets have room. The clock is injected (``bot.clock``): the
harness drives a virtual one, so tests and replays see real-time behaviour without
sleeping.
"""

from __future__ import annotations

from collections import Counter, deque
from collections.abc import Callable
from dataclasses import dataclass

from discord.ext import commands

from .clock import Clock
from .limits import Limits

MIN_WAIT = 0.01  # seconds
MemberKey = tuple[int | None, int]  # (guild id, user id): BucketType.member's key


@dataclass(frozen=True)
class Asker:
    """Who asks where: all the rate limits need of a message or an interaction."""

    guild_id: int | None
    channel_id: int
    user_id: int

    @property
    def member(self) -> MemberKey:
        return (self.guild_id, self.user_id)


class RateLimits:
    """The member and channel buckets, and the line of questions waiting for them."""

    def __init__(self, limits_for: Callable[[int | None], Limits], clock: Clock) -> None:
        self._limits_for = limits_for
        self.clock = clock
        self._members = commands.DynamicCooldownMapping(self._member_bucket, _member_key)
        self._channels = commands.DynamicCooldownMapping(self._channel_bucket, _channel_key)
        # The member's notice that their line is full: once per member window.
        self._notices = commands.DynamicCooldownMapping(self._notice_bucket, _member_key)
        self._lines: dict[MemberKey, deque[object]] = {}  # the member's waiting questions
        self._channel_waiting: Counter[int] = Counter()

    def _member_bucket(self, asker: Asker) -> commands.Cooldown | None:
        limits = self._limits_for(asker.guild_id)
        if not limits.member_questions:
            return None
        return commands.Cooldown(limits.member_questions, limits.member_seconds)

    def _channel_bucket(self, asker: Asker) -> commands.Cooldown | None:
        limits = self._limits_for(asker.guild_id)
        if not limits.channel_questions:
            return None
        return commands.Cooldown(limits.channel_questions, limits.channel_seconds)

    def _notice_bucket(self, asker: Asker) -> commands.Cooldown:
        return commands.Cooldown(1, self._limits_for(asker.guild_id).member_seconds)

    def retry_after(self, asker: Asker) -> float:
        """Seconds until both of ``asker``'s buckets have room (0: now); spends nothing."""
        now = self.clock.now()
        waits = [0.0]
        for mapping in (self._members, self._channels):
            bucket = mapping.get_bucket(asker, now)
            if bucket is not None and bucket.get_tokens(now) == 0:
                # At the window's last instant discord.py's Cooldown has no token yet,
                # but says to wait 0 s: wait a moment more instead.
                waits.append(max(bucket.get_retry_after(now), MIN_WAIT))
        return max(waits)

    def take(self, asker: Asker) -> float | None:
        """Spend one question of ``asker``'s budget now and return None; or, when the
        budget is spent or earlier questions of theirs are waiting (they go first), spend
        nothing and return the seconds until the budget has room (0: behind the line)."""
        wait = self.retry_after(asker)
        if wait > 0 or self.waiting(asker):
            return wait
        self._spend(asker)
        return None

    def _spend(self, asker: Asker) -> None:
        now = self.clock.now()
        for mapping in (self._members, self._channels):
            mapping.update_rate_limit(asker, now)

    def waiting(self, asker: Asker) -> int:
        """How many of the member's questions wait for their turn."""
        return len(self._lines.get(asker.member, ()))

    def has_room(self, asker: Asker) -> bool:
        """May one more question of ``asker`` wait? A member's line holds
        ``queue_per_member``; a channel under a flood guard holds one burst of it."""
        limits = self._limits_for(asker.guild_id)
        if self.waiting(asker) >= limits.queue_per_member:
            return False
        return (
            not limits.channel_questions
            or self._channel_waiting[asker.channel_id] < limits.channel_questions
        )

    def may_notify(self, asker: Asker) -> bool:
        """True once per member window: the member is told the line is full only once."""
        now = self.clock.now()
        return self._notices.update_rate_limit(asker, now) is None

    async def wait_turn(self, asker: Asker) -> None:
        """Wait in the member's line until the budget has room, then spend from it.
        Call it only after :meth:`has_room` said yes. The line is first come, first
        served: each question sleeps on the clock until it is first and there is room
        (all waits are on the clock, so a virtual clock sees every waiter)."""
        key = asker.member
        line = self._lines.setdefault(key, deque())
        place = object()
        line.append(place)
        self._channel_waiting[asker.channel_id] += 1
        try:
            while (wait := self.retry_after(asker)) > 0 or line[0] is not place:
                await self.clock.sleep(max(wait, MIN_WAIT))
            self._spend(asker)
        finally:
            line.remove(place)
            if not line:
                del self._lines[key]
            self._channel_waiting[asker.channel_id] -= 1
            if not self._channel_waiting[asker.channel_id]:
                del self._channel_waiting[asker.channel_id]


def _member_key(asker: Asker) -> MemberKey:
    return asker.member


def _channel_key(asker: Asker) -> int:
    return asker.channel_id
