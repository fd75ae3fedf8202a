"""The rate limits alone: their settings, and discord.py's CooldownMapping buckets read
through a virtual clock (no bot, no waiting)."""

from __future__ import annotations

import asyncio
import logging
from pathlib import Path

import pytest

from bot.config import Config, ConfigError, load_config
from bot.cooldowns import Asker, RateLimits
from bot.harness import VirtualClock
from bot.limits import Limits


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "articlebot.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_the_defaults_are_a_burst_per_member_and_a_flood_guard_per_channel() -> None:
    assert Config().limits() == Limits(3, 30.0, 15, 10.0, 3)


def test_the_new_keys_are_read_and_checked(tmp_path: Path) -> None:
    text = ("[discord]\nmember_questions = 5\nmember_seconds = 60\nchannel_questions = 0\n"
            "channel_seconds = 5\nqueue_per_member = 0\n")  # fmt: skip
    assert load_config(write(tmp_path, text), env={}).limits() == Limits(5, 60.0, 0, 5.0, 0)
    for bad, message in [
        ("member_questions = 1.5", "expected a whole number"),
        ("member_questions = -1", "must not be negative"),
        ("member_seconds = 0", "must be between 1 and 3,600"),
        ("queue_per_member = 21", "must be between 0 and 20"),
        ("channel_seconds = nan", "must be a finite number"),
    ]:
        with pytest.raises(ConfigError, match=message):
            load_config(write(tmp_path, f"[discord]\n{bad}\n"), env={})


def test_the_old_cooldown_keys_still_work_with_a_warning(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    text = "[discord]\ncooldown_seconds = 5\nchannel_cooldown_seconds = 0\n"
    with caplog.at_level(logging.WARNING):
        config = load_config(write(tmp_path, text), env={})
    assert config.limits() == Limits(1, 5.0, 0, 0.0, 3)  # 1 per 5 s; no channel guard
    assert "discord.cooldown_seconds is deprecated" in caplog.text
    assert "discord.member_questions and discord.member_seconds" in caplog.text


def test_an_old_key_beside_its_replacement_is_refused(tmp_path: Path) -> None:
    text = "[discord]\nmember_questions = 4\ncooldown_seconds = 5\n"
    with pytest.raises(ConfigError) as err:
        load_config(write(tmp_path, text), env={})
    assert ":3: discord.cooldown_seconds is the older form of" in str(err.value)
    assert "\n" not in str(err.value)


def limits(clock: VirtualClock, **numbers: float) -> RateLimits:
    given = Limits(**numbers)  # type: ignore[arg-type]
    return RateLimits(lambda guild_id: given, clock)


def test_one_members_burst_never_spends_anothers() -> None:
    clock = VirtualClock()
    rl = limits(clock, member_questions=2, member_seconds=30)
    alice, bob = Asker(1, 10, 100), Asker(1, 10, 200)
    assert rl.take(alice) is None and rl.take(alice) is None
    assert rl.take(alice) == pytest.approx(30)
    assert rl.take(bob) is None  # Bob's first question: not refused because Alice asked
    assert rl.take(Asker(2, 10, 100)) is None  # the same user in another server


async def test_waiting_questions_go_ahead_as_windows_end_first_come_first_served() -> None:
    clock = VirtualClock()
    start = clock.now()
    rl = limits(clock, member_questions=1, member_seconds=30, queue_per_member=2)
    alice = Asker(1, 10, 100)
    assert rl.take(alice) is None
    served: list[tuple[int, float]] = []

    async def wait(n: int) -> None:
        await rl.wait_turn(alice)
        served.append((n, clock.now() - start))

    tasks = [asyncio.create_task(wait(n)) for n in (1, 2)]
    await asyncio.sleep(0)
    assert rl.waiting(alice) == 2 and not rl.has_room(alice)
    assert rl.take(alice) is not None  # a new question goes behind the line, not ahead
    while not all(t.done() for t in tasks):
        assert clock.wake_next(start + 1000)
        for _ in range(3):
            await asyncio.sleep(0)
    assert [n for n, _ in served] == [1, 2]
    assert [round(at) for _, at in served] == [30, 60]  # one a window, as the limit says
    assert rl.waiting(alice) == 0 and rl.has_room(alice)


async def test_without_a_channel_guard_every_member_may_have_questions_waiting() -> None:
    clock = VirtualClock()
    rl = limits(clock, member_questions=1, channel_questions=0, queue_per_member=1)
    members = [Asker(1, 10, user) for user in range(1, 6)]
    for asker in members:
        assert rl.take(asker) is None
    tasks = [asyncio.create_task(rl.wait_turn(asker)) for asker in members]
    await asyncio.sleep(0)
    assert all(rl.waiting(a) == 1 and not rl.has_room(a) for a in members)
    assert rl.has_room(Asker(1, 10, 99))  # a sixth member's line is their own
    while clock.wake_next(clock.now() + 1000):
        await asyncio.sleep(0)
    await asyncio.gather(*tasks)


async def test_a_channel_guard_bounds_the_questions_waiting_in_the_channel() -> None:
    clock = VirtualClock()
    rl = limits(clock, member_questions=5, channel_questions=2, queue_per_member=3)
    alice, bob, carol = (Asker(1, 10, user) for user in (1, 2, 3))
    assert rl.take(alice) is None and rl.take(bob) is None
    assert rl.take(carol) == pytest.approx(10)  # the channel's burst is spent
    tasks = [asyncio.create_task(rl.wait_turn(a)) for a in (carol, carol)]
    await asyncio.sleep(0)
    assert not rl.has_room(Asker(1, 10, 4)) and rl.has_room(Asker(1, 11, 4))
    while clock.wake_next(clock.now() + 1000):
        await asyncio.sleep(0)
    await asyncio.gather(*tasks)
