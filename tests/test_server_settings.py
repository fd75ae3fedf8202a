"""Per-server settings in the database (index/server_settings.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from index.library import Library
from index.server_settings import (
    Overrides,
    SettingError,
    Settings,
    SettingsStore,
    resolve,
)

GUILD, OTHER = 4200, 4300
DEFAULTS = Settings(answer_channels=frozenset({1, 2}), quotes_per_answer=3)


async def test_a_server_stores_only_what_it_changed(library: Library) -> None:
    store = SettingsStore(library.store)
    await store.set(GUILD, {"quotes_per_answer": 5, "ping_asker": True})
    await store.set_channel(GUILD, 3, True)
    await store.set_channel(GUILD, 1, False)
    effective = resolve(DEFAULTS, await store.overrides(GUILD))
    assert effective.settings.quotes_per_answer == 5 and effective.settings.ping_asker
    assert effective.settings.answer_channels == {2, 3}
    assert effective.channels == {2: "default", 3: "server"}
    assert effective.sources["quotes_per_answer"] == "server"
    assert effective.sources["answer_on_mention"] == "default"
    # Another server keeps the defaults.
    assert resolve(DEFAULTS, await store.overrides(OTHER)).settings == DEFAULTS


async def test_settings_survive_reopening_the_database(tmp_path: Path) -> None:
    path = tmp_path / "s.db"
    async with await Library.open(path, semantic=False) as lib:
        await SettingsStore(lib.store).set(GUILD, {"answer_on_mention": False})
    async with await Library.open(path, semantic=False) as lib:
        overrides = await SettingsStore(lib.store).overrides(GUILD)
    assert overrides.values == {"answer_on_mention": False}


async def test_reset_one_setting_or_all(library: Library) -> None:
    store = SettingsStore(library.store)
    await store.set(GUILD, {"quotes_per_answer": 5, "member_seconds": 60})
    await store.set_channel(GUILD, 3, True)
    await store.reset(GUILD, ["quotes_per_answer"])
    assert (await store.overrides(GUILD)).values == {"member_seconds": 60}
    await store.reset(GUILD, ["answer_channels"])
    assert (await store.overrides(GUILD)).channels == {}
    await store.reset(GUILD)
    assert await store.overrides(GUILD) == Overrides()


@pytest.mark.parametrize(
    ("name", "value", "wanted"),
    [
        ("quotes_per_answer", 11, "between 1 and 10"),
        ("quotes_per_answer", 0, "between 1 and 10"),
        ("member_seconds", 3601, "between 1 and 3600"),
        ("member_questions", True, "whole number"),
        ("ping_asker", 1, "on or off"),
        ("answer_channels", 1, "no setting"),
        ("token", "x", "no setting"),
    ],
)
async def test_bad_values_are_refused_and_nothing_is_stored(
    library: Library, name: str, value: object, wanted: str
) -> None:
    store = SettingsStore(library.store)
    with pytest.raises(SettingError, match=wanted):
        # a good value beside the bad one is not stored either
        await store.set(GUILD, {"ping_asker": True, name: value})  # type: ignore[dict-item]
    assert await store.overrides(GUILD) == Overrides()


async def test_a_stored_value_this_version_cannot_use_falls_back_to_the_default(
    library: Library,
) -> None:
    async with library.store.transaction() as tx:
        for name, value in (("quotes_per_answer", "99"), ("colour", "red"), ("ping_asker", "1")):
            await tx.execute(
                "INSERT INTO server_settings (guild_id, name, value) VALUES (?, ?, ?)",
                (GUILD, name, value),
            )
    assert (await SettingsStore(library.store).overrides(GUILD)).values == {"ping_asker": True}
