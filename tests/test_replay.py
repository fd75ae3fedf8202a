"""``articlebot replay``: event times on a virtual clock, each request tagged with the
event that caused it, and minimal payloads completed with defaults."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from bot.config import Config
from bot.replay import ReplayError, replay
from index.library import Library

from cli_helpers import Cli

pytestmark = pytest.mark.usefixtures("vectors_on_the_thread")  # conftest.py says why

BOT = "<@700000000000000002>"
EDITED = "900000000000000001"
WHERE = {"channel_id": "111", "guild_id": "4200"}


def mention(text: str, author: str, **d: Any) -> dict[str, Any]:
    return {"content": f"{BOT} {text}", **WHERE, "author": {"id": author}, **d}


def slash(question: str, user: str) -> dict[str, Any]:
    options = [{"type": 3, "name": "question", "value": question}]
    return {"data": {"name": "ask", "options": options}, **WHERE, "member": {"user": {"id": user}}}


def lines(*events: dict[str, Any]) -> list[str]:
    return [json.dumps(e) for e in events]


async def run(library: Library, *events: dict[str, Any]) -> list[dict[str, Any]]:
    return [r async for r in replay(lines(*events), Config(), library)]


def kinds(out: list[dict[str, Any]]) -> list[tuple[int, float, str]]:
    """(event, at, what) for each request but the typing indicator."""

    def what(r: dict[str, Any]) -> str:
        path = r["path"]
        if "/reactions/" in path:
            return f"{r['method']} reaction"
        if path.endswith("/callback"):
            return f"callback {r['json']['type']}"
        return f"{r['method']} {path.split('/')[1]}"

    return [(r["event"], r["at"], what(r)) for r in out if not r["path"].endswith("/typing")]


async def test_timestamps_drive_the_rate_limit_and_each_request_names_its_event(
    sample_library: Library,
) -> None:
    out = await run(
        sample_library,
        {"t": "MESSAGE_CREATE", "at": 0, "d": mention("What did Peskov say?", "1")},
        {"t": "MESSAGE_CREATE", "at": 0.5, "d": mention("What did Lavrov say?", "2")},
        {"t": "INTERACTION_CREATE", "at": 1, "d": slash("Who called whom?", "1")},
        {"t": "MESSAGE_CREATE", "at": 2, "d": mention("What did Zelensky say?", "1", id=EDITED)},
        {"t": "MESSAGE_CREATE", "at": 3, "d": mention("What did Trump say?", "1")},
        {"t": "INTERACTION_CREATE", "at": 4, "d": slash("Who called whom?", "1")},
        {
            "t": "MESSAGE_UPDATE",
            "at": 60,
            "d": {"id": EDITED, "content": f"{BOT} What did Lavrov say?"},
        },
    )
    assert kinds(out) == [
        (1, 0.0, "POST channels"),  # member 1's answer
        (2, 0.5, "POST channels"),  # member 2, half a second later: answered too
        (3, 1.0, "callback 5"), (3, 1.0, "POST webhooks"),  # /ask right after: answered
        (4, 2.0, "POST channels"),  # the burst's third question
        (5, 3.0, "PUT reaction"),  # the fourth waits, marked ⏳
        (6, 4.0, "callback 4"),  # /ask meanwhile: told privately
        (5, 30.01, "DELETE reaction"), (5, 30.01, "POST channels"),  # its turn: answered
        (7, 60.0, "PATCH channels"),  # the edit edits event 4's answer
    ]  # fmt: skip
    note = out[[r["event"] for r in out].index(6)]["json"]["data"]
    assert note["flags"] & 64 and "still waiting" in note["content"]
    answer = [r for r in out if r["event"] == 5 and r["method"] == "POST"][-1]["json"]
    assert "Trump" in json.dumps(answer["embeds"])


async def test_message_timestamps_are_honoured_without_at(sample_library: Library) -> None:
    stamps = ["2026-01-01T10:00:00+00:00", "2026-01-01T10:00:05+00:00",
              "2026-01-01T10:00:10+00:00", "2026-01-01T10:00:15+00:00",
              "2026-01-01T10:00:40+00:00"]  # fmt: skip
    out = await run(sample_library, *[
        {"t": "MESSAGE_CREATE", "d": mention(f"What did Peskov say? {n}", "1", timestamp=ts)}
        for n, ts in enumerate(stamps)
    ])  # fmt: skip
    assert [k for k in kinds(out) if k[2] != "DELETE reaction"] == [
        (1, 0.0, "POST channels"), (2, 5.0, "POST channels"), (3, 10.0, "POST channels"),
        (4, 15.0, "PUT reaction"),
        (4, 30.01, "POST channels"),  # the window of the first question ended at 30 s
        (5, 40.0, "POST channels"),  # in the window event 4 began: room for two more
    ]  # fmt: skip


async def test_threads_and_dms_need_only_their_ids(sample_library: Library) -> None:
    out = await run(
        sample_library,
        {"t": "THREAD_CREATE", "d": {"id": "555", "parent_id": "111", "guild_id": "4200"}},
        {"t": "MESSAGE_CREATE", "d": {"content": f"{BOT} What did Peskov say?",
                                      "channel_id": "555", "guild_id": "4200"}},
        {"t": "MESSAGE_CREATE", "d": {"content": f"{BOT} What did Lavrov say?",
                                      "channel_id": "777", "author": {"id": "9"}}},
    )  # fmt: skip
    posts = [(r["event"], r["path"]) for r in out if r["method"] == "POST"]
    assert posts == [(2, "/channels/555/typing"), (2, "/channels/555/messages"),
                     (3, "/channels/777/typing"), (3, "/channels/777/messages")]  # fmt: skip


@pytest.mark.parametrize(
    ("event", "message"),
    [
        ({"t": "MESSAGE_CREATE", "d": {"content": "hi"}}, "event 1 (MESSAGE_CREATE): needs d.channel_id"),
        ({"t": "MESSAGE_UPDATE", "d": {"id": "5", "content": "x"}}, "needs d.channel_id"),
        ({"t": "INTERACTION_CREATE", "d": {"data": {}, "channel_id": "1"}}, "needs a name"),
        ({"t": "MESSAGE_CREATE", "d": {"content": "x", "channel_id": "abc"}}, "channel_id is not a Discord id"),
        ({"t": "MESSAGE_CREATE", "at": "yesterday", "d": {"content": "x", "channel_id": "1"}}, "not an ISO 8601 time"),
        ({"t": "MESSAGE_CREATE", "at": -1, "d": {}}, "line 1: expected"),
        ({"t": "NO_SUCH_EVENT", "d": {}}, "unknown gateway event"),
    ],
)  # fmt: skip
async def test_a_missing_or_bad_field_is_named(
    sample_library: Library, event: dict[str, Any], message: str
) -> None:
    with pytest.raises(ReplayError, match=re.escape(message)):
        await run(sample_library, event)


def test_replay_help_documents_the_fields(cli: Cli) -> None:
    result = cli("replay", "--help")
    assert result.returncode == 0
    for field in ("MESSAGE_CREATE", "MESSAGE_UPDATE", "INTERACTION_CREATE", "THREAD_CREATE",
                  '"at"', "author.id", "member.user.id", "data.custom_id"):  # fmt: skip
        assert field in result.stdout, field


def test_replay_command_prints_tagged_lines(cli: Cli, tmp_path: Path) -> None:
    events = tmp_path / "events.jsonl"
    events.write_text("\n".join(lines(
        {"t": "MESSAGE_CREATE", "d": mention("What did Peskov say?", "1")},
        {"t": "INTERACTION_CREATE", "at": 1, "d": slash("What did Lavrov say?", "1")},
    )) + "\n")  # fmt: skip
    result = cli("replay", str(events), "--db", str(tmp_path / "r.db"))
    assert result.returncode == 0, result.stderr
    out = [json.loads(line) for line in result.stdout.splitlines()]
    assert [(r["event"], r["at"]) for r in out] == [(1, 0.0), (1, 0.0), (2, 1.0), (2, 1.0)]
