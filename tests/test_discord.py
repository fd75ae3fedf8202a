"""The Discord bot through discord.py's real code paths, offline (bot/harness/)."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest
from aiohttp import web

from bot.config import Config
from bot.harness import (
    BOT_ID,
    OfflineBot,
    button_event,
    message_event,
    offline_bot,
    slash_event,
)
from index.library import Library

from cli_helpers import Cli
from harness_helpers import raise_errors

pytestmark = pytest.mark.usefixtures("vectors_on_the_thread")  # conftest.py says why

GUILD_A, GUILD_B = 4200, 4300
CHANNEL_A, CHANNEL_B, QUIET = 111, 222, 333
ADMIN = 1 << 5  # manage_guild
ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
async def harness(sample_library: Library) -> AsyncIterator[OfflineBot]:
    config = Config(answer_channels=[CHANNEL_A], cooldown_seconds=0, channel_cooldown_seconds=0)
    guilds = {GUILD_A: [CHANNEL_A, QUIET], GUILD_B: [CHANNEL_B]}
    async with offline_bot(config, sample_library, guilds) as h:
        h.api.requests.clear()
        yield h
        raise_errors(h)


def sent(h: OfflineBot, method: str, fragment: str) -> list[dict[str, Any]]:
    return [r for r in h.requests if r["method"] == method and fragment in r["path"]]


def ask(question: str, guild: int = GUILD_A, channel: int = CHANNEL_A, **kw: Any) -> dict[str, Any]:
    options = [{"type": 3, "name": "question", "value": question}]
    options += [{"type": 5, "name": k, "value": v} for k, v in kw.items()]
    return slash_event("ask", options, guild_id=guild, channel_id=channel)


def admin(sub: str, options: list[dict[str, Any]] | None = None, *, permissions: int = ADMIN,
          guild: int | None = GUILD_A, **kw: Any) -> dict[str, Any]:  # fmt: skip
    channel = CHANNEL_A if guild == GUILD_A else CHANNEL_B
    return slash_event("articles", options, sub=sub, guild_id=guild, channel_id=channel,
                       permissions=permissions, **kw)  # fmt: skip


def callback_texts(h: OfflineBot) -> list[str]:
    out = []
    for r in h.requests:
        body = r["json"] or {}
        data = body.get("data", body)
        out.append(data.get("content") or "")
    return out


# --- messages ----------------------------------------------------------------------------


async def test_configured_channel_message_is_answered_as_a_reply(harness: OfflineBot) -> None:
    await harness.feed("MESSAGE_CREATE", message_event(
        "What did Peskov say?", channel_id=CHANNEL_A, guild_id=GUILD_A))  # fmt: skip
    assert sent(harness, "POST", f"/channels/{CHANNEL_A}/typing")
    [reply] = sent(harness, "POST", f"/channels/{CHANNEL_A}/messages")
    body = reply["json"]
    assert body["message_reference"]["channel_id"] == CHANNEL_A
    assert body["allowed_mentions"]["parse"] == []
    [embed] = body["embeds"]  # one embed, the quotes numbered, each then its citation
    first, *rest = embed["description"].split("\n\n")
    assert first.startswith("> **1.** ") and "absolutely in camera" in first
    assert "— *Trump Putin Call* · 2025-05-17 · ¶ 1, sentence" in first
    quotes = 1 + len(rest)  # his sentences side by side are one quote
    buttons = [c for row in body["components"] for c in row["components"]]
    assert [b["custom_id"].split(":")[:2] for b in buttons] == [["ab", "ctx"]] * quotes + [
        ["ab", "vote"]
    ] * 2


async def test_mention_anywhere_is_answered(harness: OfflineBot) -> None:
    event = message_event(f"<@{BOT_ID}> who is Dmitry Peskov?", channel_id=QUIET,
                          guild_id=GUILD_A, mentions_bot=True)  # fmt: skip
    await harness.feed("MESSAGE_CREATE", event)
    [reply] = sent(harness, "POST", f"/channels/{QUIET}/messages")
    assert "Kremlin spokesperson" in reply["json"]["embeds"][0]["description"]


async def test_bots_itself_and_other_channels_are_ignored(harness: OfflineBot) -> None:
    for event in (
        message_event("What did Peskov say?", channel_id=CHANNEL_A, guild_id=GUILD_A, bot=True),
        message_event("What did Peskov say?", channel_id=CHANNEL_A, guild_id=GUILD_A,
                      author_id=BOT_ID),
        message_event("What did Peskov say?", channel_id=QUIET, guild_id=GUILD_A),
    ):  # fmt: skip
        await harness.feed("MESSAGE_CREATE", event)
    assert harness.requests == []


async def test_no_answer_is_said_plainly(harness: OfflineBot) -> None:
    await harness.feed("MESSAGE_CREATE", message_event(
        "How tall is the Eiffel Tower?", channel_id=CHANNEL_A, guild_id=GUILD_A))  # fmt: skip
    [reply] = sent(harness, "POST", "/messages")
    assert reply["json"]["embeds"] == []
    assert "does not mention" in reply["json"]["content"]


# --- /ask --------------------------------------------------------------------------------


async def test_ask_defers_then_follows_up_with_embeds(harness: OfflineBot) -> None:
    await harness.feed("INTERACTION_CREATE", ask("What did Lavrov say?"))
    callback, followup = harness.requests
    assert callback["path"].endswith("/callback") and callback["json"]["type"] == 5
    assert followup["method"] == "POST" and followup["path"].startswith("/webhooks/")
    assert "positive role" in followup["json"]["embeds"][0]["description"]
    assert not followup["json"].get("flags", 0) & 64


async def test_sharded_client_answers_too(sample_library: Library) -> None:
    import discord
    from discord.ext import commands

    async with offline_bot(Config(sharded=True), sample_library, {GUILD_A: [CHANNEL_A]}) as h:
        assert isinstance(h.bot, commands.AutoShardedBot)
        for method in ("connect", "change_presence", "is_ws_ratelimited", "latency"):
            # the sharded client's own connection handling, not the plain client's
            assert getattr(type(h.bot), method) is getattr(discord.AutoShardedClient, method)
        h.api.requests.clear()
        await h.feed("INTERACTION_CREATE", ask("What did Lavrov say?"))
        assert "positive role" in h.requests[-1]["json"]["embeds"][0]["description"]
        raise_errors(h)


async def test_private_ask_is_ephemeral(harness: OfflineBot) -> None:
    await harness.feed("INTERACTION_CREATE", ask("What did Lavrov say?", private=True))
    callback, followup = harness.requests
    assert callback["json"]["data"]["flags"] & 64
    assert followup["json"]["flags"] & 64


async def test_context_button_shows_neighbours_even_after_restart(
    harness: OfflineBot, sample_library: Library
) -> None:
    await harness.feed("INTERACTION_CREATE", ask("What did Lavrov say?"))
    custom_id = harness.requests[-1]["json"]["components"][0]["components"][0]["custom_id"]
    harness.api.requests.clear()
    await harness.feed("INTERACTION_CREATE",
                       button_event(custom_id, guild_id=GUILD_A, channel_id=CHANNEL_A))  # fmt: skip
    [callback] = harness.requests
    data = callback["json"]["data"]
    assert callback["json"]["type"] == 4 and data["flags"] & 64
    assert data["embeds"][0]["description"].count("\n\n") == 2  # the quote and both neighbours
    assert "**" in data["embeds"][0]["description"]
    # A new bot process on the same library still knows the button.
    config = Config(cooldown_seconds=0)
    async with offline_bot(config, sample_library, {GUILD_A: [CHANNEL_A]}) as again:
        again.api.requests.clear()
        await again.feed("INTERACTION_CREATE",
                         button_event(custom_id, guild_id=GUILD_A, channel_id=CHANNEL_A))  # fmt: skip
        assert again.requests[0]["json"]["type"] == 4
        raise_errors(again)


# --- admin commands ----------------------------------------------------------------------

BRIDGE = (ROOT / "tests" / "data" / "2024-09-12-harbor-bridge-vote.md").read_bytes()


async def add_file(h: OfflineBot, guild: int = GUILD_A, permissions: int = ADMIN) -> None:
    attachment = h.api.attach("bridge.md", BRIDGE, "text/markdown")
    event = admin("add", [{"type": 11, "name": "file", "value": attachment["id"]}],
                  guild=guild, permissions=permissions,
                  resolved={"attachments": {attachment["id"]: attachment}})  # fmt: skip
    await h.feed("INTERACTION_CREATE", event)


async def test_admin_adds_lists_reindexes_stats_and_removes(
    harness: OfflineBot, sample_library: Library
) -> None:
    await add_file(harness)
    assert "Added `2024-09-12-council-approves" in callback_texts(harness)[-1]
    [article] = [a for a in sample_library.articles(GUILD_A) if a.guild_id == GUILD_A]

    await harness.feed("INTERACTION_CREATE", admin("list"))
    listing = harness.requests[-1]["json"]["data"]["embeds"][0]["description"]
    assert article.id in listing and "this server" in listing and "shared" in listing

    await harness.feed("INTERACTION_CREATE", admin("reindex"))
    assert callback_texts(harness)[-1] == "Reindexed 1 article."

    await harness.feed("INTERACTION_CREATE", admin("stats"))
    fields = harness.requests[-1]["json"]["data"]["embeds"][0]["fields"]
    assert {f["name"]: f["value"] for f in fields}["Articles"] == "2"

    await harness.feed("INTERACTION_CREATE", admin(
        "remove", [{"type": 3, "name": "article_id", "value": article.id}]))  # fmt: skip
    assert callback_texts(harness)[-1].startswith("Removed")
    assert [a.id for a in sample_library.articles(GUILD_A)] == ["2025-05-17-trump-putin-call"]


@pytest.mark.parametrize("sub", ["add", "remove", "list", "reindex", "stats"])
async def test_non_admin_is_refused_and_nothing_changes(
    harness: OfflineBot, sample_library: Library, sub: str
) -> None:
    before = sample_library.articles(GUILD_A)
    options = {"remove": [{"type": 3, "name": "article_id", "value": "2025-05-17-trump-putin-call"}],
               "add": [{"type": 3, "name": "url", "value": "https://example.org/x"}]}  # fmt: skip
    await harness.feed("INTERACTION_CREATE", admin(sub, options.get(sub), permissions=0))
    [callback] = harness.requests
    data = callback["json"]["data"]
    assert data["flags"] & 64 and "“Manage Server” permission" in data["content"]
    assert sample_library.articles(GUILD_A) == before


async def test_admin_commands_refused_in_direct_messages(harness: OfflineBot) -> None:
    await harness.feed("INTERACTION_CREATE", admin("stats", guild=None, permissions=ADMIN))
    assert "not in direct messages" in callback_texts(harness)[-1]


async def test_shared_article_cannot_be_removed_by_a_server(harness: OfflineBot) -> None:
    await harness.feed(
        "INTERACTION_CREATE",
        admin(
            "remove", [{"type": 3, "name": "article_id", "value": "2025-05-17-trump-putin-call"}]
        ),
    )
    assert "shared by every server" in callback_texts(harness)[-1]


async def test_servers_never_see_each_others_articles(
    harness: OfflineBot, sample_library: Library
) -> None:
    await add_file(harness, guild=GUILD_A)
    harness.api.requests.clear()
    await harness.feed("INTERACTION_CREATE", ask("What did the mayor say?", guild=GUILD_B,
                                                 channel=CHANNEL_B))  # fmt: skip
    followup = harness.requests[-1]["json"]
    assert "Ruiz" not in json.dumps(followup) and "bridge" not in json.dumps(followup)
    await harness.feed("INTERACTION_CREATE", admin("list", guild=GUILD_B))
    assert "council" not in json.dumps(harness.requests[-1]["json"])
    await harness.feed("INTERACTION_CREATE", admin("stats", guild=GUILD_B))
    fields = harness.requests[-1]["json"]["data"]["embeds"][0]["fields"]
    assert {f["name"]: f["value"] for f in fields}["Articles"] == "1"
    # …while server A gets its own article's answer.
    await harness.feed("INTERACTION_CREATE", ask("What did the mayor say?"))
    assert "Ruiz" in json.dumps(harness.requests[-1]["json"])


# --- URLs --------------------------------------------------------------------------------


@pytest.fixture
async def site() -> AsyncIterator[str]:
    async def article(request: web.Request) -> web.Response:
        html = ("<html><head><title>Port strike ends</title></head><body><article>"
                "<p>The union leader Mara Olsen said the strike at the port was over.</p>"
                "<p>Dock workers will return to work on Monday after a nine-day stoppage.</p>"
                "</article></body></html>")  # fmt: skip
        return web.Response(text=html, content_type="text/html")

    async def big(request: web.Request) -> web.Response:
        return web.Response(body=b"<p>" + b"x" * 3_000_000 + b"</p>", content_type="text/html")

    async def image(request: web.Request) -> web.Response:
        return web.Response(body=b"\x89PNG....", content_type="image/png")

    app = web.Application()
    app.router.add_get("/article", article)
    app.router.add_get("/big", big)
    app.router.add_get("/image", image)

    async def hop(request: web.Request) -> web.Response:
        raise web.HTTPFound("/article")

    app.router.add_get("/hop", hop)
    runner = web.AppRunner(app, access_log=None)
    await runner.setup()
    tcp = web.TCPSite(runner, "127.0.0.1", 0)
    await tcp.start()
    yield f"http://127.0.0.1:{runner.addresses[0][1]}"
    await runner.cleanup()


async def add_url(library: Library, url: str, **config: Any) -> str:
    cfg = Config(cooldown_seconds=0, fetch_max_bytes=1_000_000, **config)
    async with offline_bot(cfg, library, {GUILD_A: [CHANNEL_A]}) as h:
        await h.feed("INTERACTION_CREATE", admin("add", [{"type": 3, "name": "url", "value": url}]))
        raise_errors(h)
        return callback_texts(h)[-1]


async def test_url_add_success_and_citation_links(sample_library: Library, site: str) -> None:
    cfg = Config(cooldown_seconds=0, fetch_allow_private=True)
    async with offline_bot(cfg, sample_library, {GUILD_A: [CHANNEL_A]}) as h:
        event = admin("add", [{"type": 3, "name": "url", "value": f"{site}/hop"}])
        await h.feed("INTERACTION_CREATE", event)
        raise_errors(h)
        edits = [r["json"]["content"] for r in sent(h, "PATCH", "/messages/@original")]
    # The deferred reply is edited in place: downloading, analysing, then the result.
    assert "downloading" in edits[0] and "analysing" in edits[1]
    reply = edits[-1]
    assert reply.startswith("Added"), reply
    answer = await sample_library.ask("When will dock workers return?", guild_id=GUILD_A)
    assert answer.quotes[0].citation.url == f"{site}/hop"


@pytest.mark.parametrize(
    ("path", "reason"),
    [("/missing", "HTTP 404"), ("/big", "too large"), ("/image", "content type image/png")],
)
async def test_url_add_refusals(sample_library: Library, site: str, path: str, reason: str) -> None:
    reply = await add_url(sample_library, site + path, fetch_allow_private=True)
    assert reply.startswith("Not added") and reason in reply
    assert len(sample_library.articles(GUILD_A)) == 1


@pytest.mark.parametrize("url", ["/article", "ftp://example.org/a", "http://localhost:1/a"])
async def test_private_and_odd_urls_refused_by_default(
    sample_library: Library, site: str, url: str
) -> None:
    reply = await add_url(sample_library, site + url if url.startswith("/") else url)
    assert reply.startswith("Not added")
    assert "refused" in reply or "only http" in reply


# --- Discord errors and limits -----------------------------------------------------------


async def test_missing_permission_is_logged_once_and_skipped(harness: OfflineBot, caplog) -> None:
    harness.api.fail("POST", f"/channels/{CHANNEL_A}/messages", 403,
                     {"message": "Missing Permissions", "code": 50013}, times=5)  # fmt: skip
    for question in ("What did Peskov say?", "What did Lavrov say?"):
        await harness.feed("MESSAGE_CREATE",
                           message_event(question, channel_id=CHANNEL_A, guild_id=GUILD_A))  # fmt: skip
    assert len(sent(harness, "POST", f"/channels/{CHANNEL_A}/messages")) == 1
    assert sum("missing permission" in r.getMessage() for r in caplog.records) == 1


async def test_rate_limit_is_waited_out_by_discord_py(harness: OfflineBot) -> None:
    harness.api.rate_limit("POST", "/webhooks/", retry_after=0.05)
    await harness.feed("INTERACTION_CREATE", ask("What did Lavrov say?"))
    followups = sent(harness, "POST", "/webhooks/")
    assert len(followups) == 2  # the 429, then discord.py's retry
    assert "positive role" in followups[-1]["json"]["embeds"][0]["description"]


async def test_huge_sentences_and_everyone_pings_stay_inside_limits(
    harness: OfflineBot, library: Library
) -> None:
    text = (
        "@everyone " * 1000
        + "the harbour is closed. "
        + "Word " * 2000
        + "end of the harbour tale."
    )
    from index.ingest import parse_bytes

    await library.add_document(parse_bytes(text.encode(), source="pings.txt", filename="pings.txt"))
    config = Config(cooldown_seconds=0, answer_channels=[CHANNEL_A], top_k=10)
    async with offline_bot(config, library, {GUILD_A: [CHANNEL_A]}) as h:
        await h.feed("MESSAGE_CREATE", message_event(
            "harbour everyone word", channel_id=CHANNEL_A, guild_id=GUILD_A))  # fmt: skip
        raise_errors(h)
        [reply] = sent(h, "POST", "/messages")
    body = reply["json"]
    assert body["allowed_mentions"]["parse"] == []
    assert len(body.get("content") or "") <= 2000
    assert len(body["embeds"]) <= 10
    import discord

    embeds = [discord.Embed.from_dict(e) for e in body["embeds"]]
    assert sum(len(e) for e in embeds) <= 6000
    assert all(len(e.description or "") <= 4096 for e in embeds)
    assert "@everyone" not in json.dumps(body)  # escaped: "@\u200beveryone"


# --- commands and replay -----------------------------------------------------------------


def test_commands_json_has_admin_defaults(cli: Cli) -> None:
    result = cli("commands")
    assert result.returncode == 0, result.stderr
    commands = {c["name"]: c for c in json.loads(result.stdout)}
    assert set(commands) == {"ask", "articles", "feeds", "help", "settings", "sources"}
    for member_command in ("ask", "help", "sources"):  # every member may use these
        assert commands[member_command].get("default_member_permissions") is None
    group = commands["articles"]
    assert int(group["default_member_permissions"]) == ADMIN
    assert group["dm_permission"] is False
    assert {o["name"] for o in group["options"]} == {"add", "remove", "list", "reindex", "stats"}


def test_replay_command_prints_requests(cli: Cli, tmp_path: Path) -> None:
    event = slash_event("ask", [{"type": 3, "name": "question", "value": "Who is Dmitry Peskov?"}],
                        guild_id=GUILD_A, channel_id=CHANNEL_A)  # fmt: skip
    events = tmp_path / "events.jsonl"
    events.write_text(json.dumps({"t": "INTERACTION_CREATE", "d": event}) + "\n")
    result = cli("replay", str(events), "--db", str(tmp_path / "r.db"))
    assert result.returncode == 0, result.stderr
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["method"] for r in lines] == ["POST", "POST"]
    assert "Kremlin spokesperson" in lines[1]["json"]["embeds"][0]["description"]
    bad = tmp_path / "bad.jsonl"
    bad.write_text("{not json\n")
    result = cli("replay", str(bad), "--db", str(tmp_path / "r.db"))
    assert result.returncode == 2 and "line 1" in result.stderr and "Traceback" not in result.stderr


async def test_server_errors_are_retried_by_discord_py(harness: OfflineBot) -> None:
    harness.api.fail("POST", "/webhooks/", 502, {"message": "Bad Gateway"}, times=1)
    await harness.feed("INTERACTION_CREATE", ask("What did Lavrov say?"))
    followups = sent(harness, "POST", "/webhooks/")
    assert len(followups) == 2
    assert "positive role" in followups[-1]["json"]["embeds"][0]["description"]


async def test_sigterm_closes_the_bot_and_the_database(tmp_path: Path, monkeypatch) -> None:
    """`articlebot run` with a token, offline: SIGTERM mid-run closes Discord and SQLite."""
    import asyncio
    import os
    import signal

    import discord

    from bot import runner
    from bot.harness import fake_discord

    connected = asyncio.Event()

    async def connect(self, *, reconnect: bool = True) -> None:  # no gateway offline
        connected.set()
        while not self.is_closed():  # like the real one: returns once close() ran
            await asyncio.sleep(0.02)

    monkeypatch.setattr(discord.Client, "connect", connect)
    created = []
    real_create = runner.create_bot
    monkeypatch.setattr(
        runner, "create_bot", lambda c: created.append(real_create(c)) or created[-1]
    )
    config = Config(token="offline", database=str(tmp_path / "run.db"))
    async with fake_discord():
        task = asyncio.create_task(runner.run_bot(config))
        await asyncio.wait_for(connected.wait(), 30)
        os.kill(os.getpid(), signal.SIGTERM)
        assert await asyncio.wait_for(task, 30) == 0
    bot = created[0]
    assert bot.is_closed()
    with pytest.raises(ValueError):  # aiosqlite: "no active connection"
        await bot.library.store._conn.execute("SELECT 1")


# --- bad input: one private line, never "something went wrong", never silence -------------

GENERIC = "something went wrong"


def replies(h: OfflineBot) -> list[tuple[str, bool]]:
    """(text, private) of every reply to interactions, progress edits left out."""
    out = []
    private = False
    for r in h.requests:
        body = r["json"] or {}
        data = body.get("data", body)
        flags = data.get("flags") or 0
        if r["path"].endswith("/callback"):
            private = bool(flags & 64)
        text = data.get("content") or ""
        if text and not text.endswith("…"):
            out.append((text, private or bool(flags & 64)))
    return out


def one_line_reply(h: OfflineBot, wanted: str) -> str:
    raise_errors(h)
    said = replies(h)
    assert said, "no reply at all"
    text, private = said[-1]
    assert wanted in text, said
    assert private and "\n" not in text and len(text) <= 2000
    assert not any(GENERIC in t for t, _ in said), said
    return text


@pytest.mark.parametrize(
    "custom_id",
    ["ab:ctx:99999999999999999999999", "ab:ctx:-1", "ab:ctx:abc", "ab:ctx:", "ab:ctx:1\n",
     "ab:old:5", "ab:" + "9" * 97],
)  # fmt: skip
async def test_forged_or_stale_button_gets_one_line(harness: OfflineBot, custom_id: str) -> None:
    """A 23-digit sentence id raised OverflowError in SQLite and the member got nothing."""
    await harness.feed("INTERACTION_CREATE",
                       button_event(custom_id, guild_id=GUILD_A, channel_id=CHANNEL_A))  # fmt: skip
    one_line_reply(harness, "This button no longer works")
    assert len(harness.requests) == 1  # one reply: never two items answering one click


@pytest.mark.parametrize("custom_id", ["ab:ctx:123456789", "ab:ctx:999999999999999999"])
async def test_button_of_an_unknown_sentence(harness: OfflineBot, custom_id: str) -> None:
    await harness.feed("INTERACTION_CREATE",
                       button_event(custom_id, guild_id=GUILD_A, channel_id=CHANNEL_A))  # fmt: skip
    one_line_reply(harness, "no longer in the library")


async def test_button_of_another_servers_article(
    harness: OfflineBot, sample_library: Library
) -> None:
    await add_file(harness, guild=GUILD_A)
    [own] = [a for a in sample_library.articles(GUILD_A) if a.guild_id == GUILD_A]
    [sid, *_] = await sample_library.store.sentence_ids(own.id)
    harness.api.requests.clear()
    await harness.feed("INTERACTION_CREATE",
                       button_event(f"ab:ctx:{sid}", guild_id=GUILD_B, channel_id=CHANNEL_B))  # fmt: skip
    text = one_line_reply(harness, "no longer in the library")
    assert "Ruiz" not in text


async def test_button_when_the_database_fails(
    harness: OfflineBot, sample_library: Library, monkeypatch: pytest.MonkeyPatch
) -> None:
    from index.store import StoreError

    async def broken(*args: Any) -> Any:
        raise StoreError("cannot use database x: disk I/O error")

    monkeypatch.setattr(sample_library, "context", broken)
    await harness.feed("INTERACTION_CREATE",
                       button_event("ab:ctx:1", guild_id=GUILD_A, channel_id=CHANNEL_A))  # fmt: skip
    one_line_reply(harness, "cannot be read right now")


def _options(**values: Any) -> list[dict[str, Any]]:
    kinds = {str: 3, bool: 5}
    return [{"type": kinds[type(v)], "name": k, "value": v} for k, v in values.items()]


@pytest.mark.parametrize(
    ("event", "wanted"),
    [
        (slash_event("ask", [], guild_id=GUILD_A, channel_id=CHANNEL_A), "changed since Discord"),
        (slash_event("define", [], guild_id=GUILD_A, channel_id=CHANNEL_A), "no longer exists"),
        (admin("purge"), "no longer exists"),
        (admin("add", _options(url="http://[::1")), "Not added: "),
        (admin("add", _options(url="http://" + "a" * 300 + ".example/")), "Not added: "),
        (admin("add", _options(url="https://" + "a" * 3000)), "That link is too long"),
        (admin("add", _options(url="javascript:alert(1)")), "Not added: only http"),
        (admin("add", [{"type": 11, "name": "file", "value": "123"}]), "did not arrive"),
        (admin("add"), "Give either a `url` or a `file`"),
        (admin("remove", _options(article_id="X" * 5000)), "No article with id 'XXX"),
        (admin("remove", _options(article_id="")), "No article with id ''"),
        (admin("remove", _options(article_id="<@&1> @everyone")), "No article with id"),
    ],
    ids=["ask-no-options", "unknown-command", "unknown-subcommand",
         "bad-ipv6-url", "long-host-url", "over-long-url", "javascript-url", "unresolved-file",
         "add-nothing", "remove-long-id", "remove-empty-id", "remove-mention-id"],
)  # fmt: skip
async def test_bad_command_input_gets_one_private_line(
    harness: OfflineBot, event: dict[str, Any], wanted: str
) -> None:
    await harness.feed("INTERACTION_CREATE", event)
    text = one_line_reply(harness, wanted)
    assert "<@" not in text and "@everyone" not in text


async def test_forged_private_flag_is_read_as_a_flag(harness: OfflineBot) -> None:
    """Discord sends a boolean; a string made the deferral itself fail."""
    event = ask("What did Lavrov say?")
    event["data"]["options"].append({"type": 5, "name": "private", "value": "yes"})
    await harness.feed("INTERACTION_CREATE", event)
    raise_errors(harness)
    callback, followup = harness.requests
    assert callback["json"]["data"]["flags"] & 64
    assert "positive role" in followup["json"]["embeds"][0]["description"]


async def test_reindex_that_cannot_analyse_an_article_says_so(
    harness: OfflineBot, sample_library: Library, monkeypatch: pytest.MonkeyPatch
) -> None:
    import index.library
    from index.ingest import IngestError

    await add_file(harness)
    harness.api.requests.clear()

    def refuse(*args: Any) -> Any:
        raise IngestError("bridge.md: no sentences found")

    monkeypatch.setattr(index.library, "process", refuse)
    await harness.feed("INTERACTION_CREATE", admin("reindex"))
    one_line_reply(harness, "Reindex stopped: bridge.md: no sentences found")


@pytest.mark.parametrize(
    ("failure", "wanted", "logged"),
    [("store", "cannot be read right now", False), ("bug", GENERIC, True)],
)
async def test_message_answer_that_fails_still_gets_a_reply(
    harness: OfflineBot,
    sample_library: Library,
    monkeypatch: pytest.MonkeyPatch,
    failure: str,
    wanted: str,
    logged: bool,
) -> None:
    """discord.py only logs a listener's exception: the member got no reply at all."""
    from index.store import StoreError

    async def broken(*args: Any, **kwargs: Any) -> Any:
        raise StoreError("database is locked") if failure == "store" else RuntimeError("bug")

    monkeypatch.setattr(sample_library, "ask", broken)
    await harness.feed("MESSAGE_CREATE", message_event(
        "What did Peskov say?", channel_id=CHANNEL_A, guild_id=GUILD_A))  # fmt: skip
    [reply] = sent(harness, "POST", f"/channels/{CHANNEL_A}/messages")
    assert wanted in reply["json"]["content"] and "\n" not in reply["json"]["content"]
    assert bool(harness.errors.records) == logged  # a bug is logged with its traceback
    harness.errors.records.clear()


async def test_message_is_answered_when_the_typing_indicator_fails(harness: OfflineBot) -> None:
    harness.api.fail("POST", f"/channels/{CHANNEL_A}/typing", 400, {"message": "nope", "code": 0})
    await harness.feed("MESSAGE_CREATE", message_event(
        "What did Peskov say?", channel_id=CHANNEL_A, guild_id=GUILD_A))  # fmt: skip
    raise_errors(harness)
    [reply] = sent(harness, "POST", f"/channels/{CHANNEL_A}/messages")
    assert "absolutely in camera" in reply["json"]["embeds"][0]["description"]


async def test_small_talk_in_an_answer_channel_gets_no_reply(harness: OfflineBot) -> None:
    for chat in ["thanks!", "lol ok", "👍"]:
        harness.api.requests.clear()
        await harness.feed("MESSAGE_CREATE",
                           message_event(chat, channel_id=CHANNEL_A, guild_id=GUILD_A))  # fmt: skip
        assert not [r for r in harness.requests if r["method"] == "POST" and "/messages" in
                    r["path"]], harness.requests  # fmt: skip
    await harness.feed("MESSAGE_CREATE",
                       message_event("What did Lavrov say?", channel_id=CHANNEL_A, guild_id=GUILD_A))  # fmt: skip
    assert "positive role" in harness.requests[-1]["json"]["embeds"][0]["description"]
    await harness.feed("INTERACTION_CREATE", ask("thanks!"))
    assert "not a question" in harness.requests[-1]["json"]["content"]
    raise_errors(harness)
