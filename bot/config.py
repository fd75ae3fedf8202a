"""Configuration: a TOML file (see config.example.toml) with environment overrides.

:class:`Config` is the table of settings: each field's type is the type its value must
have, and its :class:`Setting` (the field's metadata) names the TOML key, the environment
variable that overrides it, and the range or the choices it takes. Everything below reads
that table; nothing else lists the settings.

Unknown keys and bad values are reported with the key's name (and the line of the file)
before anything connects anywhere. Every number must be finite and within a range that
makes sense for it: TOML allows ``inf`` and ``nan``, and a zero or infinite time limit
would silently remove the limit.
"""

from __future__ import annotations

import logging
import math
import os
import stat
import tomllib
import typing
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any

from index.errors import ArticlebotError
from index.fetch import FetchPolicy
from index.segment import SEGMENTERS

from .limits import Limits

DEFAULT_DB = "articlebot.db"
DEFAULT_CONFIG = "articlebot.toml"
LOG_LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL")
ADMIN_PERMISSIONS = ("manage_guild", "administrator", "manage_messages", "manage_channels")
# The largest article the library takes (index.ingest.MAX_BYTES): fetching more is waste.
MAX_FETCH_BYTES = 5 * 1024 * 1024
MAX_SHARDS = 65_536  # far beyond any bot: Discord allows 2,500 servers a shard
SNOWFLAKE_MAX = 2**64 - 1  # Discord ids are unsigned 64-bit numbers
SECTIONS = ("discord", "library", "fetch")

log = logging.getLogger(__name__)


class ConfigError(ArticlebotError):
    """A bad configuration; ``str()`` names the key and what is wrong with it."""


@dataclass(frozen=True)
class Setting:
    """How one Config field is set, besides its type."""

    key: str  # in the TOML file: "section.key", or "key" at the top
    env: str | None = None  # environment variable that overrides the file
    range: tuple[int, int] | None = None  # inclusive bounds of a number
    why: str = ""  # why the bounds are what they are, where that is not obvious
    choices: tuple[str, ...] = ()  # the only values a string may take
    upper: bool = False  # a choice may be written in any case
    relative: bool = False  # a path (or paths), read relative to the config file
    numbers: bool = False  # a list of small whole numbers (from 0), not of Discord ids


def _how(key: str, **how: Any) -> dict[str, Setting]:
    """A Config field's metadata: how it is set (:class:`Setting`)."""
    return {"setting": Setting(key, **how)}


@dataclass
class Config:
    token: str | None = field(default=None, metadata=_how("discord.token", env="DISCORD_TOKEN"))
    database: str = field(
        default=DEFAULT_DB, metadata=_how("library.database", env="ARTICLEBOT_DB", relative=True)
    )
    articles: list[str] = field(
        default_factory=list, metadata=_how("library.articles", relative=True)
    )
    answer_channels: list[int] = field(
        default_factory=list, metadata=_how("discord.answer_channels")
    )
    answer_on_mention: bool = field(default=True, metadata=_how("discord.answer_on_mention"))
    ping_asker: bool = field(default=False, metadata=_how("discord.ping_asker"))
    top_k: int = field(default=3, metadata=_how(
        "library.top_k", env="ARTICLEBOT_TOP_K", range=(1, 10),
        why="at most 10 quotes fit in one reply",
    ))  # fmt: skip
    segmenter: str = field(default="syntok", metadata=_how("library.segmenter", choices=SEGMENTERS))
    member_questions: int = field(default=3, metadata=_how(
        "discord.member_questions", range=(0, 100),
        why="questions a member may ask in a burst; 0 turns the limit off",
    ))  # fmt: skip
    member_seconds: float = field(
        default=30.0, metadata=_how("discord.member_seconds", range=(1, 3600))
    )
    channel_questions: int = field(default=15, metadata=_how(
        "discord.channel_questions", range=(0, 1000),
        why="questions a channel may ask in a burst; 0 turns the guard off",
    ))  # fmt: skip
    channel_seconds: float = field(
        default=10.0, metadata=_how("discord.channel_seconds", range=(1, 3600))
    )
    queue_per_member: int = field(default=3, metadata=_how(
        "discord.queue_per_member", range=(0, 20),
        why="questions a member may have waiting; 0: tell them at once instead",
    ))  # fmt: skip
    # The keys of versions that had one fixed cooldown: still read (1 question per N s,
    # 0 for none), so an old articlebot.toml keeps working; ``limits()`` applies them.
    cooldown_seconds: float | None = field(
        default=None, metadata=_how("discord.cooldown_seconds", range=(0, 3600))
    )
    channel_cooldown_seconds: float | None = field(
        default=None, metadata=_how("discord.channel_cooldown_seconds", range=(0, 3600))
    )
    admin_permission: str = field(
        default="manage_guild",
        metadata=_how("discord.admin_permission", choices=ADMIN_PERMISSIONS),
    )
    log_level: str = field(default="INFO", metadata=_how(
        "log_level", env="ARTICLEBOT_LOG_LEVEL", choices=LOG_LEVELS, upper=True
    ))  # fmt: skip
    health_minutes: float = field(default=10.0, metadata=_how(
        "health_minutes", env="ARTICLEBOT_HEALTH_MINUTES", range=(0, 1440),
        why="0: no health line",
    ))  # fmt: skip
    sync_guilds: list[int] = field(  # empty: sync globally
        default_factory=list, metadata=_how("discord.sync_guilds")
    )
    sharded: bool = field(default=False, metadata=_how("discord.sharded"))
    # A slice of the shards for this process (docs/scaling.md): with shard_count set, the
    # bot runs shards shard_ids (all of them if empty) and holds only their servers' articles.
    shard_count: int = field(default=0, metadata=_how(
        "discord.shard_count", env="ARTICLEBOT_SHARD_COUNT", range=(0, MAX_SHARDS),
        why="0: as many as Discord says, all in this process",
    ))  # fmt: skip
    shard_ids: list[int] = field(default_factory=list, metadata=_how(
        "discord.shard_ids", env="ARTICLEBOT_SHARD_IDS", numbers=True
    ))  # fmt: skip
    fetch_timeout_seconds: float = field(
        default=15.0, metadata=_how("fetch.timeout_seconds", range=(1, 300))
    )
    fetch_max_bytes: int = field(
        default=5 * 1024 * 1024, metadata=_how("fetch.max_bytes", range=(1024, MAX_FETCH_BYTES))
    )
    fetch_allow_private: bool = field(default=False, metadata=_how("fetch.allow_private"))
    semantic: bool = field(  # hybrid ranking with the shipped sentence encoder
        default=True, metadata=_how("library.semantic", env="ARTICLEBOT_SEMANTIC")
    )

    def fetch_policy(self) -> FetchPolicy:
        """What a fetch of an article by URL may do (the ``fetch.*`` settings)."""
        return FetchPolicy(
            self.fetch_timeout_seconds, self.fetch_max_bytes, self.fetch_allow_private
        )

    def limits(self) -> Limits:
        """The rate limits these settings give (the older cooldown keys win when set)."""
        limits = Limits(
            self.member_questions,
            self.member_seconds,
            self.channel_questions,
            self.channel_seconds,
            self.queue_per_member,
        )
        if self.cooldown_seconds is not None:
            seconds = self.cooldown_seconds
            limits = replace(limits, member_questions=int(seconds > 0), member_seconds=seconds)
        if self.channel_cooldown_seconds is not None:
            seconds = self.channel_cooldown_seconds
            limits = replace(limits, channel_questions=int(seconds > 0), channel_seconds=seconds)
        return limits

    def __post_init__(self) -> None:
        """A Config built in code gets the same numeric checks as one read from a file."""
        for attr, (kind, how) in SETTINGS.items():
            value = getattr(self, attr)
            if how.range is not None and value is not None:
                _check_range(how, attr, value)
            if kind == list[int]:
                (_check_numbers if how.numbers else _check_ids)(attr, value)
        _check_shards(self)

    def owns_guild(self, guild_id: int) -> bool:
        """Whether a server belongs to this process's shards: Discord's rule, shard =
        (server id >> 22) % shard count. Every server does without a slice."""
        if not self.shard_count or not self.shard_ids:
            return True
        return (guild_id >> 22) % self.shard_count in self.shard_ids

    @property
    def shard_slice(self) -> str:
        """This process's shards, for the log and /articles stats: "all", "0-1 of 4"."""
        if not self.shard_count:
            return "all"
        ids = self.shard_ids or list(range(self.shard_count))
        return f"{','.join(map(str, ids))} of {self.shard_count}"


def _table() -> dict[str, tuple[Any, Setting]]:
    """Config attribute -> (its type, its Setting), in field order."""
    types = typing.get_type_hints(Config)
    return {f.name: (types[f.name], f.metadata["setting"]) for f in fields(Config)}


SETTINGS = _table()
_BY_KEY = {how.key: attr for attr, (_, how) in SETTINGS.items()}


def _check_range(how: Setting, key: str, value: float) -> None:
    """ConfigError naming ``key`` unless ``value`` is a finite number in ``how.range``."""
    if how.range is None:
        return
    low, high = how.range
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ConfigError(f"{key}: expected a number, got {value!r}")
    if not math.isfinite(value):
        raise ConfigError(f"{key}: must be a finite number, got {value}")
    if value < 0 <= low:
        raise ConfigError(f"{key}: must not be negative, got {_show(value)}")
    if not low <= value <= high:
        why = f" ({how.why})" if how.why else ""
        raise ConfigError(
            f"{key}: must be between {_show(low)} and {_show(high)}{why}, got {_show(value)}"
        )


def _show(value: float) -> str:
    return f"{value:,}" if isinstance(value, int) else f"{value:g}"


def _check_numbers(key: str, value: list[int]) -> None:
    for v in value:
        if isinstance(v, bool) or not isinstance(v, int) or not 0 <= v < MAX_SHARDS:
            raise ConfigError(f"{key}: {v} is not a shard number (0 to {MAX_SHARDS - 1})")
    if len(set(value)) != len(value):
        raise ConfigError(f"{key}: a shard is listed twice in {value}")


def _check_shards(config: Config) -> None:
    """shard_ids need a shard_count, and each must be below it."""
    if config.shard_ids and not config.shard_count:
        raise ConfigError("discord.shard_ids: needs discord.shard_count (the total of shards)")
    for shard in config.shard_ids:
        if shard >= config.shard_count:
            raise ConfigError(
                f"discord.shard_ids: shard {shard} does not exist with "
                f"discord.shard_count = {config.shard_count} (shards are 0 to "
                f"{config.shard_count - 1})"
            )


def _check_ids(key: str, value: list[int]) -> None:
    for v in value:
        if isinstance(v, bool) or not isinstance(v, int) or not 1 <= v <= SNOWFLAKE_MAX:
            raise ConfigError(f"{key}: {v} is not a Discord id (a positive 64-bit number)")


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _checked(attr: str, key: str, value: Any) -> Any:
    """``value`` for Config attribute ``attr`` as its type wants it; ConfigError naming
    ``key`` otherwise."""
    kind, how = SETTINGS[attr]
    if kind is bool:
        if not isinstance(value, bool):
            raise ConfigError(f"{key}: expected true or false, got {value!r}")
    elif kind is int:
        if not _is_int(value):
            raise ConfigError(f"{key}: expected a whole number, got {value!r}")
    elif kind is float or kind == float | None:
        if not (_is_int(value) or isinstance(value, float)):
            raise ConfigError(f"{key}: expected a number, got {value!r}")
    elif kind == list[int]:
        what = "shard numbers" if how.numbers else "numeric Discord ids"
        if not isinstance(value, list) or not all(_is_int(v) for v in value):
            raise ConfigError(f"{key}: expected a list of {what}, got {value!r}")
        (_check_numbers if how.numbers else _check_ids)(key, value)
    elif kind == list[str]:
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise ConfigError(f"{key}: expected a list of paths, got {value!r}")
    elif not isinstance(value, str):  # str, or str | None
        raise ConfigError(f"{key}: expected a string, got {value!r}")
    if how.range is not None:
        _check_range(how, key, value)
    if how.choices:
        chosen = value.upper() if how.upper else value
        if chosen not in how.choices:
            raise ConfigError(f"{key}: expected one of {', '.join(how.choices)}, got {value!r}")
        value = chosen
    return float(value) if kind is float or kind == float | None else value


def _flatten(data: dict[str, Any], prefix: str = "") -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in data.items():
        name = f"{prefix}{key}"
        if isinstance(value, dict) and name in SECTIONS:
            out.update(_flatten(value, name + "."))
        else:
            out[name] = value
    return out


def _key_lines(text: str) -> dict[str, int]:
    """The line that first sets each ``section.key`` (or top-level ``key``) in TOML text."""
    lines: dict[str, int] = {}
    section = ""
    for n, line in enumerate(text.splitlines(), start=1):
        stripped = line.strip()
        if stripped.startswith("[") and stripped.endswith("]"):
            section = stripped.strip("[]").strip()
            continue
        key = stripped.split("=", 1)[0].strip().strip('"')
        lines.setdefault(f"{section}.{key}" if section else key, n)
    return lines


def _read(path: Path) -> tuple[dict[str, Any], dict[str, int], int]:
    """(the TOML data, flattened; the line of each key; the file's mode), reading the
    file once: the mode checked is that of the file read."""
    try:
        with path.open("rb") as f:
            text = f.read().decode("utf-8")
            mode = os.fstat(f.fileno()).st_mode
        data = tomllib.loads(text)
    except FileNotFoundError:
        raise ConfigError(f"{path}: config file not found") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read config file ({exc})") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: {exc}") from None
    return _flatten(data), _key_lines(text), mode


def load_config(path: str | Path | None = None, env: dict[str, str] | None = None) -> Config:
    """Read ``path`` (or ./articlebot.toml if present), then apply environment overrides."""
    env = dict(os.environ if env is None else env)
    config = Config()
    if path is None and env.get("ARTICLEBOT_CONFIG"):
        path = env["ARTICLEBOT_CONFIG"]
    if path is None and Path(DEFAULT_CONFIG).is_file():
        path = DEFAULT_CONFIG
    if path is not None:
        _apply_file(config, Path(path))
    _apply_env(config, env)
    _check_shards(config)
    return config


def _apply_file(config: Config, path: Path) -> None:
    settings, lines, mode = _read(path)
    for key, value in settings.items():
        where = f"{path}:{lines.get(key, 1)}"
        attr = _BY_KEY.get(key)
        if attr is None:
            known = ", ".join(sorted(_BY_KEY))
            raise ConfigError(f"{where}: unknown key {key!r} (known keys: {known})")
        try:
            setattr(config, attr, _checked(attr, key, value))
        except ConfigError as exc:
            raise ConfigError(f"{where}: {exc}") from None
    _check_legacy_keys(settings, path, lines)
    if config.token and os.name == "posix" and mode & 0o077:
        # A warning, not a refusal: the bot still works, and the owner may have reasons.
        log.warning(
            "%s holds the Discord token but other users may read it (mode %s); "
            "run chmod 600 on it or set DISCORD_TOKEN instead",
            path,
            stat.filemode(mode),
        )
    base = path.resolve().parent
    for attr, (_, how) in SETTINGS.items():
        given = getattr(config, attr)
        if not how.relative or how.key not in settings or given == ":memory:" or "://" in given:
            continue
        if isinstance(given, list):
            setattr(config, attr, [str((base / v).expanduser()) for v in given])
        else:
            setattr(config, attr, str((base / given).expanduser()))


# An old key -> the keys that replaced it.
LEGACY_KEYS = {
    "discord.cooldown_seconds": ("discord.member_questions", "discord.member_seconds"),
    "discord.channel_cooldown_seconds": ("discord.channel_questions", "discord.channel_seconds"),
}


def _check_legacy_keys(settings: dict[str, Any], path: Path, lines: dict[str, int]) -> None:
    """An old cooldown key still works, with a warning; beside its replacements it is
    refused, since which one should win is then anyone's guess."""
    for old, new in LEGACY_KEYS.items():
        if old not in settings:
            continue
        where = f"{path}:{lines.get(old, 1)}"
        clash = [key for key in new if key in settings]
        if clash:
            raise ConfigError(
                f"{where}: {old} is the older form of {' and '.join(new)}; "
                f"remove it (it is set beside {clash[0]})"
            )
        log.warning(
            "%s: %s is deprecated; it now means 1 question per that many seconds. "
            "Use %s (a burst) instead",
            where,
            old,
            " and ".join(new),
        )


def _apply_env(config: Config, env: dict[str, str]) -> None:
    for attr, (kind, how) in SETTINGS.items():
        raw = env.get(how.env) if how.env else None
        if how.env is None or not raw:
            continue
        value: Any = raw
        if kind is bool:
            if raw not in ("0", "1"):
                raise ConfigError(f"{how.env}: expected 1 or 0, got {raw!r}")
            value = raw == "1"
        elif kind is int:
            try:
                value = int(raw)
            except ValueError:
                raise ConfigError(f"{how.env}: expected a whole number, got {raw!r}") from None
        elif kind == list[int]:
            try:
                value = [int(part) for part in raw.split(",") if part.strip()]
            except ValueError:
                raise ConfigError(
                    f"{how.env}: expected whole numbers separated by commas, got {raw!r}"
                ) from None
        setattr(config, attr, _checked(attr, how.env, value))
