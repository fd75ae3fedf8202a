"""Configuration: a TOML file (see config.example.toml) with environment overrides.

Unknown keys and bad values are reported with the key's name (and the line, for syntax
errors) before anything connects anywhere. Every number must be finite and within a range
that makes sense for it: TOML allows ``inf`` and ``nan``, and a zero or infinite time
limit would silently remove the limit.
"""

from __future__ import annotations

import logging
import math
import os
import stat
import tomllib
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

DEFAULT_DB = "articlebot.db"
DEFAULT_CONFIG = "articlebot.toml"
LOG_LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL")
ADMIN_PERMISSIONS = ("manage_guild", "administrator", "manage_messages", "manage_channels")
# The largest article the library takes (index.ingest.MAX_BYTES): fetching more is waste.
MAX_FETCH_BYTES = 5 * 1024 * 1024
# Inclusive (lowest, highest) for every numeric setting, by Config attribute.
RANGES: dict[str, tuple[int, int]] = {
    "top_k": (1, 10),
    "cooldown_seconds": (0, 3600),
    "channel_cooldown_seconds": (0, 3600),
    "fetch_timeout_seconds": (1, 300),
    "fetch_max_bytes": (1024, MAX_FETCH_BYTES),
}
# Why a bound is what it is, where that is not obvious.
_WHY = {"top_k": "at most 10 quotes fit in one reply"}
SNOWFLAKE_MAX = 2**64 - 1  # Discord ids are unsigned 64-bit numbers

log = logging.getLogger(__name__)


class ConfigError(ValueError):
    """A bad configuration; ``str()`` names the key and what is wrong with it."""


@dataclass
class Config:
    token: str | None = None
    database: str = DEFAULT_DB
    articles: list[str] = field(default_factory=list)
    answer_channels: list[int] = field(default_factory=list)
    answer_on_mention: bool = True
    top_k: int = 3
    segmenter: str = "syntok"
    cooldown_seconds: float = 5.0
    channel_cooldown_seconds: float = 1.0
    admin_permission: str = "manage_guild"
    log_level: str = "INFO"
    sync_guilds: list[int] = field(default_factory=list)  # empty: sync globally
    sharded: bool = False
    fetch_timeout_seconds: float = 15.0
    fetch_max_bytes: int = 5 * 1024 * 1024
    fetch_allow_private: bool = False
    semantic: bool = True  # hybrid ranking with the shipped sentence encoder

    def __post_init__(self) -> None:
        """A Config built in code gets the same numeric checks as one read from a file."""
        for attr in RANGES:
            _check_range(attr, attr, getattr(self, attr))
        for attr in ("answer_channels", "sync_guilds"):
            _check_ids(attr, getattr(self, attr))


# TOML key (section.key) -> Config attribute
_KEYS = {
    "discord.token": "token",
    "discord.answer_channels": "answer_channels",
    "discord.answer_on_mention": "answer_on_mention",
    "discord.cooldown_seconds": "cooldown_seconds",
    "discord.channel_cooldown_seconds": "channel_cooldown_seconds",
    "discord.admin_permission": "admin_permission",
    "discord.sync_guilds": "sync_guilds",
    "discord.sharded": "sharded",
    "library.database": "database",
    "library.articles": "articles",
    "library.top_k": "top_k",
    "library.segmenter": "segmenter",
    "library.semantic": "semantic",
    "fetch.timeout_seconds": "fetch_timeout_seconds",
    "fetch.max_bytes": "fetch_max_bytes",
    "fetch.allow_private": "fetch_allow_private",
    "log_level": "log_level",
}

_ENV = {
    "DISCORD_TOKEN": "token",
    "ARTICLEBOT_DB": "database",
    "ARTICLEBOT_LOG_LEVEL": "log_level",
    "ARTICLEBOT_TOP_K": "top_k",
    "ARTICLEBOT_SEMANTIC": "semantic",
}


def _flatten(data: dict[str, Any], prefix: str = "") -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in data.items():
        name = f"{prefix}{key}"
        if isinstance(value, dict) and name in {"discord", "library", "fetch"}:
            out.update(_flatten(value, name + "."))
        else:
            out[name] = value
    return out


def _check_range(attr: str, key: str, value: float) -> None:
    low, high = RANGES[attr]
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ConfigError(f"{key}: expected a number, got {value!r}")
    if not math.isfinite(value):
        raise ConfigError(f"{key}: must be a finite number, got {value}")
    if value < 0 <= low:
        raise ConfigError(f"{key}: must not be negative, got {_show(value)}")
    if not low <= value <= high:
        why = f" ({_WHY[attr]})" if attr in _WHY else ""
        raise ConfigError(
            f"{key}: must be between {_show(low)} and {_show(high)}{why}, got {_show(value)}"
        )


def _show(value: float) -> str:
    return f"{value:,}" if isinstance(value, int) else f"{value:g}"


def _check_ids(key: str, value: list[int]) -> None:
    for v in value:
        if isinstance(v, bool) or not isinstance(v, int) or not 1 <= v <= SNOWFLAKE_MAX:
            raise ConfigError(f"{key}: {v} is not a Discord id (a positive 64-bit number)")


def _check(attr: str, key: str, value: Any) -> Any:
    expected = {f.name: f.type for f in fields(Config)}[attr]
    if expected in ("bool",):
        if not isinstance(value, bool):
            raise ConfigError(f"{key}: expected true or false, got {value!r}")
    elif expected == "int":
        if isinstance(value, bool) or not isinstance(value, int):
            raise ConfigError(f"{key}: expected a whole number, got {value!r}")
        _check_range(attr, key, value)
    elif expected == "float":
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise ConfigError(f"{key}: expected a number, got {value!r}")
        _check_range(attr, key, value)
        value = float(value)
    elif expected == "list[int]":
        if not isinstance(value, list) or not all(
            isinstance(v, int) and not isinstance(v, bool) for v in value
        ):
            raise ConfigError(f"{key}: expected a list of numeric Discord ids, got {value!r}")
        _check_ids(key, value)
    elif expected == "list[str]":
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise ConfigError(f"{key}: expected a list of paths, got {value!r}")
    elif not isinstance(value, str):
        raise ConfigError(f"{key}: expected a string, got {value!r}")
    if attr == "log_level" and str(value).upper() not in LOG_LEVELS:
        raise ConfigError(f"{key}: expected one of {', '.join(LOG_LEVELS)}, got {value!r}")
    if attr == "log_level":
        value = str(value).upper()
    if attr == "admin_permission" and value not in ADMIN_PERMISSIONS:
        raise ConfigError(f"{key}: expected one of {', '.join(ADMIN_PERMISSIONS)}, got {value!r}")
    if attr == "segmenter" and value not in ("syntok", "blingfire"):
        raise ConfigError(f'{key}: expected "syntok" or "blingfire", got {value!r}')
    return value


def _line_of(text: str, dotted: str) -> int:
    """The line that sets ``section.key`` in the TOML text (1 if it cannot be found)."""
    section, _, key = dotted.rpartition(".")
    current = ""
    for n, line in enumerate(text.splitlines(), start=1):
        stripped = line.strip()
        if stripped.startswith("[") and stripped.endswith("]"):
            current = stripped.strip("[]").strip()
        elif current == section and stripped.split("=", 1)[0].strip().strip('"') == key:
            return n
    return 1


def load_config(path: str | Path | None = None, env: dict[str, str] | None = None) -> Config:
    """Read ``path`` (or ./articlebot.toml if present), then apply environment overrides."""
    env = dict(os.environ if env is None else env)
    config = Config()
    if path is None and env.get("ARTICLEBOT_CONFIG"):
        path = env["ARTICLEBOT_CONFIG"]
    if path is None and Path(DEFAULT_CONFIG).is_file():
        path = DEFAULT_CONFIG
    if path is not None:
        p = Path(path)
        try:
            with p.open("rb") as f:  # read and stat the same file
                text = f.read().decode("utf-8")
                mode = os.fstat(f.fileno()).st_mode
            data = tomllib.loads(text)
        except FileNotFoundError:
            raise ConfigError(f"{p}: config file not found") from None
        except (OSError, UnicodeDecodeError) as exc:
            raise ConfigError(f"{p}: cannot read config file ({exc})") from None
        except tomllib.TOMLDecodeError as exc:
            raise ConfigError(f"{p}: {exc}") from None
        for key, setting in _flatten(data).items():
            where = f"{p}:{_line_of(text, key)}"
            attr = _KEYS.get(key)
            if attr is None:
                known = ", ".join(sorted(_KEYS))
                raise ConfigError(f"{where}: unknown key {key!r} (known keys: {known})")
            try:
                setattr(config, attr, _check(attr, key, setting))
            except ConfigError as exc:
                raise ConfigError(f"{where}: {exc}") from None
        if config.token and os.name == "posix" and mode & 0o077:
            # A warning, not a refusal: the bot still works, and the owner may have reasons.
            log.warning(
                "%s holds the Discord token but other users may read it (mode %s); "
                "run chmod 600 on it or set DISCORD_TOKEN instead",
                p,
                stat.filemode(mode),
            )
        base = p.resolve().parent
        config.articles = [str((base / a).expanduser()) for a in config.articles]
        if "library.database" in _flatten(data) and config.database != ":memory:":
            config.database = str((base / config.database).expanduser())
    for var, attr in _ENV.items():
        raw = env.get(var)
        if raw is None or raw == "":
            continue
        value: Any = raw
        if attr == "semantic":
            if raw not in ("0", "1"):
                raise ConfigError(f"{var}: expected 1 or 0, got {raw!r}")
            value = raw == "1"
        elif attr == "top_k":
            try:
                value = int(raw)
            except ValueError:
                raise ConfigError(f"{var}: expected a whole number, got {raw!r}") from None
        setattr(config, attr, _check(attr, var, value))
    return config
