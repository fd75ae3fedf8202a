"""Per-server settings: what a server's admins changed over the owner's defaults.

A server stores only what its admins set; everything else follows the defaults (the
bot's TOML file), so a default the owner changes later reaches every server that never
chose otherwise. Answer channels are stored one by one, each as "answer here" or "do not
answer here", so a server can also switch off a channel the defaults list, and
:func:`resolve` can say where each value came from.

Reads and writes are portable SQL through :meth:`Store.rows` and
:meth:`Store.transaction` (the tables are in ``index/store.py``, ``_FEATURE_SCHEMA``).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, fields, replace
from typing import Any, Literal

from .errors import ArticlebotError
from .stores import AnyStore

Source = Literal["server", "default"]


class SettingError(ArticlebotError):
    """A value a setting cannot take; ``str()`` says which and why, in one line."""


@dataclass(frozen=True)
class Limits:
    """The bounds of one numeric setting, and what to call it in a message."""

    low: int
    high: int
    label: str


# The numeric settings and their bounds: at most 10 quotes fit in one reply; a window
# longer than an hour is not a rate limit a member would understand; 0 questions turns the
# limit off (as in the config's discord.member_questions).
BOUNDS: Mapping[str, Limits] = {
    "quotes_per_answer": Limits(1, 10, "quotes per answer"),
    "member_questions": Limits(0, 100, "questions per member"),
    "member_seconds": Limits(1, 3600, "seconds per window"),
}


@dataclass(frozen=True)
class Settings:
    """The values the bot answers with in one server (all of them, whatever their source).

    A member may ask ``member_questions`` questions per ``member_seconds`` (0 questions: no
    limit); servers set whole seconds, the config's default may have a fraction.
    """

    answer_channels: frozenset[int] = frozenset()
    answer_on_mention: bool = True
    member_questions: int = 3
    member_seconds: float = 30.0
    quotes_per_answer: int = 3
    ping_asker: bool = False


SCALARS = tuple(f.name for f in fields(Settings) if f.name != "answer_channels")


@dataclass(frozen=True)
class Overrides:
    """What one server stored: scalar values by name, and channels switched on or off."""

    values: Mapping[str, int | bool] = field(default_factory=dict)
    channels: Mapping[int, bool] = field(default_factory=dict)  # channel id -> answer there


@dataclass(frozen=True)
class Effective:
    """A server's settings and where each came from (``channels``: each answer channel's)."""

    settings: Settings
    sources: Mapping[str, Source]
    channels: Mapping[int, Source]


def resolve(defaults: Settings, overrides: Overrides) -> Effective:
    """The settings a server answers with: its own values over ``defaults``."""
    values: dict[str, Any] = {n: overrides.values[n] for n in SCALARS if n in overrides.values}
    sources: dict[str, Source] = {
        name: "server" if name in values else "default" for name in SCALARS
    }
    channels: dict[int, Source] = {c: "default" for c in defaults.answer_channels}
    for channel_id, answer in overrides.channels.items():
        if answer:
            channels[channel_id] = "server"
        else:
            channels.pop(channel_id, None)
    sources["answer_channels"] = "server" if overrides.channels else "default"
    settings = replace(defaults, answer_channels=frozenset(channels), **values)
    return Effective(settings, sources, channels)


def checked(name: str, value: int | bool) -> int | bool:
    """``value`` if setting ``name`` can take it, else SettingError in one line."""
    if name not in SCALARS:
        raise SettingError(f"there is no setting called {name!r}")
    default = getattr(Settings(), name)
    if isinstance(default, bool):
        if not isinstance(value, bool):
            raise SettingError(f"{name} is on or off, not {value!r}")
        return value
    if isinstance(value, bool) or not isinstance(value, int):
        raise SettingError(f"{name} is a whole number, not {value!r}")
    limits = BOUNDS[name]
    if not limits.low <= value <= limits.high:
        raise SettingError(
            f"{limits.label} must be between {limits.low} and {limits.high}, not {value}"
        )
    return value


def _parse(name: str, text: str) -> int | bool | None:
    """A stored value as its setting's type; None for a value this version cannot use
    (a setting a newer version added, or a bound that changed): the default applies."""
    if name not in SCALARS:
        return None
    default = getattr(Settings(), name)
    try:
        value: int | bool = text == "1" if isinstance(default, bool) else int(text)
        return checked(name, value)
    except (ValueError, SettingError):
        return None


class SettingsStore:
    """The server settings tables of one :class:`Store`."""

    def __init__(self, store: AnyStore) -> None:
        self.store = store

    async def overrides(self, guild_id: int) -> Overrides:
        values: dict[str, int | bool] = {}
        for name, text in await self.store.rows(
            "SELECT name, value FROM server_settings WHERE guild_id = ?", (guild_id,)
        ):
            value = _parse(str(name), str(text))
            if value is not None:
                values[str(name)] = value
        rows = await self.store.rows(
            "SELECT channel_id, answer FROM server_channels WHERE guild_id = ?", (guild_id,)
        )
        return Overrides(values, {int(c): bool(a) for c, a in rows})

    async def set(self, guild_id: int, values: Mapping[str, int | bool]) -> None:
        """Store scalar settings, all or none (each is checked first: nothing is stored
        if one is refused)."""
        rows = [(guild_id, name, str(int(checked(name, v)))) for name, v in values.items()]
        async with self.store.transaction() as tx:
            for row in rows:
                await tx.execute(
                    "INSERT INTO server_settings (guild_id, name, value) VALUES (?, ?, ?) "
                    "ON CONFLICT (guild_id, name) DO UPDATE SET value = excluded.value",
                    row,
                )

    async def set_channel(self, guild_id: int, channel_id: int, answer: bool) -> None:
        """Answer every message in ``channel_id`` (or, ``answer`` false, none of them)."""
        async with self.store.transaction() as tx:
            await tx.execute(
                "INSERT INTO server_channels (guild_id, channel_id, answer) VALUES (?, ?, ?) "
                "ON CONFLICT (guild_id, channel_id) DO UPDATE SET answer = excluded.answer",
                (guild_id, channel_id, int(answer)),
            )

    async def reset(self, guild_id: int, names: Sequence[str] | None = None) -> None:
        """Back to the defaults: the settings ``names`` (``answer_channels``: every
        channel), or all of them."""
        unknown = [n for n in names or () if n not in SCALARS and n != "answer_channels"]
        if unknown:
            raise SettingError(f"there is no setting called {unknown[0]!r}")
        async with self.store.transaction() as tx:
            if names is None or "answer_channels" in names:
                await tx.execute("DELETE FROM server_channels WHERE guild_id = ?", (guild_id,))
            for name in SCALARS if names is None else names:
                if name != "answer_channels":
                    await tx.execute(
                        "DELETE FROM server_settings WHERE guild_id = ? AND name = ?",
                        (guild_id, name),
                    )
