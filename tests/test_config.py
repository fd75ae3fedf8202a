from __future__ import annotations

from pathlib import Path

import pytest

from bot.config import ConfigError, load_config


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
