from __future__ import annotations

import logging
import os
from pathlib import Path

import pytest

from bot.config import Config, ConfigError, load_config


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "articlebot.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_example_config_loads(tmp_path: Path) -> None:
    example = Path(__file__).resolve().parent.parent / "config.example.toml"
    config = load_config(example, env={})
    assert config.top_k == 3 and config.admin_permission == "manage_guild"
    assert config.database.endswith("articlebot.db")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("[library]\n\ntop_k = 'three'\n", ":3: library.top_k: expected a whole number"),
        ("[discord]\nanswer_channels = ['general']\n", ":2: discord.answer_channels"),
        (
            "[discord]\nadmin_permission = 'owner'\n",
            ":2: discord.admin_permission: expected one of",
        ),
        ("log_level = 'LOUD'\n", ":1: log_level"),
        ("[library]\ntop_k = 50\n", "at most 10"),
        ("[discord]\ncooldown_seconds = -1\n", "must not be negative"),
        ("[discord]\ntokn = 'x'\n", ":2: unknown key 'discord.tokn'"),
        ("[library\n", "line 1"),
    ],
)
def test_bad_config_names_key_and_line(tmp_path: Path, text: str, message: str) -> None:
    with pytest.raises(ConfigError) as err:
        load_config(write(tmp_path, text), env={})
    assert message in str(err.value)


def test_environment_overrides_file(tmp_path: Path) -> None:
    path = write(tmp_path, "[library]\ntop_k = 4\ndatabase = 'x.db'\n")
    config = load_config(path, env={"ARTICLEBOT_TOP_K": "5", "DISCORD_TOKEN": "t"})
    assert config.top_k == 5 and config.token == "t"
    assert config.database == str(tmp_path / "x.db")
    with pytest.raises(ConfigError, match="ARTICLEBOT_TOP_K"):
        load_config(path, env={"ARTICLEBOT_TOP_K": "many"})


# --- numbers are finite and in range; no value removes a limit ---------------------------


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("[fetch]\ntimeout_seconds = 0\n", ":2: fetch.timeout_seconds: must be between 1 and 300"),
        ("[fetch]\ntimeout_seconds = nan\n", ":2: fetch.timeout_seconds: must be a finite number"),
        ("[fetch]\n\ntimeout_seconds = inf\n", ":3: fetch.timeout_seconds: must be a finite"),
        ("[fetch]\ntimeout_seconds = -inf\n", "fetch.timeout_seconds: must be a finite number"),
        ("[fetch]\ntimeout_seconds = -3\n", "fetch.timeout_seconds: must not be negative"),
        ("[fetch]\ntimeout_seconds = 1e9\n", "fetch.timeout_seconds: must be between 1 and 300"),
        ("[fetch]\nmax_bytes = 0\n", ":2: fetch.max_bytes: must be between 1,024 and 5,242,880"),
        ("[fetch]\nmax_bytes = 9_000_000_000\n", "fetch.max_bytes: must be between"),
        ("[discord]\ncooldown_seconds = inf\n", ":2: discord.cooldown_seconds: must be a finite"),
        ("[discord]\ncooldown_seconds = nan\n", "discord.cooldown_seconds: must be a finite"),
        ("[discord]\ncooldown_seconds = -0.5\n", "discord.cooldown_seconds: must not be negative"),
        (
            "[discord]\ncooldown_seconds = 1e300\n",
            "discord.cooldown_seconds: must be between 0 and 3,600",
        ),
        (
            "[discord]\nchannel_cooldown_seconds = -inf\n",
            "discord.channel_cooldown_seconds: must be a finite",
        ),
        (
            "[discord]\nchannel_cooldown_seconds = nan\n",
            "discord.channel_cooldown_seconds: must be a finite",
        ),
        ("[library]\ntop_k = 0\n", ":2: library.top_k: must be between 1 and 10"),
        (
            "[discord]\nanswer_channels = [0]\n",
            ":2: discord.answer_channels: 0 is not a Discord id",
        ),
        ("[discord]\nsync_guilds = [-5]\n", ":2: discord.sync_guilds: -5 is not a Discord id"),
    ],
)
def test_numbers_must_be_finite_and_in_range(tmp_path: Path, text: str, message: str) -> None:
    with pytest.raises(ConfigError) as err:
        load_config(write(tmp_path, text), env={})
    assert message in str(err.value)
    assert "\n" not in str(err.value)


def test_numbers_in_range_are_kept(tmp_path: Path) -> None:
    text = (
        "[discord]\ncooldown_seconds = 0\nchannel_cooldown_seconds = 3600\n"
        "answer_channels = [1, 9223372036854775807]\n"
        "[fetch]\ntimeout_seconds = 300\nmax_bytes = 1024\n"
    )
    config = load_config(write(tmp_path, text), env={})
    assert config.cooldown_seconds == 0.0 and config.channel_cooldown_seconds == 3600.0
    assert config.fetch_timeout_seconds == 300.0 and config.fetch_max_bytes == 1024


@pytest.mark.parametrize("raw", ["0", "11", "-1"])
def test_environment_numbers_are_checked_too(tmp_path: Path, raw: str) -> None:
    with pytest.raises(
        ConfigError, match=r"^ARTICLEBOT_TOP_K: must (be between 1 and 10|not be negative)"
    ):
        load_config(None, env={"ARTICLEBOT_TOP_K": raw})


@pytest.mark.parametrize(
    "values",
    [
        {"fetch_timeout_seconds": 0},
        {"fetch_timeout_seconds": float("inf")},
        {"cooldown_seconds": float("nan")},
        {"channel_cooldown_seconds": -1},
        {"answer_channels": [0]},
    ],
)
def test_config_built_in_code_is_checked(values: dict[str, object]) -> None:
    with pytest.raises(ConfigError):
        Config(**values)  # type: ignore[arg-type]  # wrong values on purpose


# --- the token file ----------------------------------------------------------------------

posix_only = pytest.mark.skipif(os.name != "posix", reason="file modes are POSIX")


@posix_only
@pytest.mark.parametrize("mode", [0o644, 0o640, 0o604, 0o660])
def test_token_in_a_file_others_can_read_is_warned_about(
    tmp_path: Path, caplog: pytest.LogCaptureFixture, mode: int
) -> None:
    path = write(tmp_path, "[discord]\ntoken = 'sekrit-token-value'\n")
    path.chmod(mode)
    with caplog.at_level(logging.WARNING, logger="bot.config"):
        config = load_config(path, env={})
    assert config.token == "sekrit-token-value"  # a warning, not a refusal
    warnings = [
        r.getMessage()
        for r in caplog.records
        if r.levelno == logging.WARNING and r.name == "bot.config"  # not another test's thread
    ]
    assert len(warnings) == 1
    assert str(path) in warnings[0] and "chmod 600" in warnings[0]
    assert "sekrit" not in warnings[0]


@posix_only
@pytest.mark.parametrize(
    ("text", "mode"),
    [
        ("[discord]\ntoken = 'sekrit'\n", 0o600),
        ("[discord]\ntoken = 'sekrit'\n", 0o400),
        ("[discord]\ntoken = ''\n", 0o644),  # no token in the file: nothing to protect
        ("[library]\ntop_k = 3\n", 0o644),
    ],
)
def test_no_warning_for_private_files_or_files_without_a_token(
    tmp_path: Path, caplog: pytest.LogCaptureFixture, text: str, mode: int
) -> None:
    path = write(tmp_path, text)
    path.chmod(mode)
    with caplog.at_level(logging.WARNING, logger="bot.config"):
        load_config(path, env={"DISCORD_TOKEN": "from-the-environment"})
    assert not [
        r for r in caplog.records if r.levelno >= logging.WARNING and r.name == "bot.config"
    ]
