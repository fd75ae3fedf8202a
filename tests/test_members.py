"""Members help themselves (/help, /sources, DM and bare-mention help) and the bundled
sample stays the local harness's, through discord.py's real code paths (bot/harness/)."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest

from bot import sample_article
from bot.config import Config
from bot.harness import BOT_ID, OfflineBot, button_event, message_event, offline_bot, slash_event
from index.ingest import parse_bytes
from index.library import Library

from harness_helpers import raise_errors

GUILD_A, GUILD_B = 4200, 4300
CHANNEL_A, QUIET, CHANNEL_B, DM = 111, 333, 222, 555
ADMIN = 1 << 5


@pytest.fixture
async def harness(sample_library: Library) -> AsyncIterator[OfflineBot]:
    config = Config(answer_channels=[CHANNEL_A], cooldown_seconds=0, channel_cooldown_seconds=0)
    guilds = {GUILD_A: [CHANNEL_A, QUIET], GUILD_B: [CHANNEL_B]}
    async with offline_bot(config, sample_library, guilds) as h:
        h.api.requests.clear()
        yield h
        raise_errors(h)


def posts(h: OfflineBot, channel: int) -> list[dict[str, Any]]:
    return [r["json"] for r in h.requests
            if r["method"] == "POST" and r["path"].endswith(f"/channels/{channel}/messages")]  # fmt: skip


async def add_articles(library: Library, count: int, guild_id: int | None) -> None:
    for n in range(count):
        text = (f"title Story number {n:02d}\ndate 2024-01-{n + 1:02d}\nurl https://example.org/{n}"
                f"\n\nThe council met on day {n} and voted on item {n}.\n")  # fmt: skip
        doc = parse_bytes(text.encode(), source=f"story{n}.txt", filename=f"story{n}.txt")
        await library.add_document(doc, guild_id)


# --- /help ---------------------------------------------------------------------------------


async def test_help_says_what_how_and_how_much_in_one_embed(harness: OfflineBot) -> None:
    await harness.feed("INTERACTION_CREATE",
                       slash_event("help", [], guild_id=GUILD_A, channel_id=QUIET))  # fmt: skip
    [callback] = harness.requests
    data = callback["json"]["data"]
    assert callback["json"]["type"] == 4 and data["flags"] & 64
    [embed] = data["embeds"]
    fields = {f["name"]: f["value"] for f in embed["fields"]}
    assert "quoting" in embed["description"]
    assert "/ask" in fields["How to ask"] and f"<#{CHANNEL_A}>" in fields["How to ask"]
    assert "Mention me" in fields["How to ask"]
    assert fields["What I know here"].startswith("1 article (")  # singular, the sample
    assert "/sources" in fields["What I know here"]
    print(json.dumps(callback["json"], indent=2, ensure_ascii=False))


async def test_help_in_another_server_names_no_foreign_channel(harness: OfflineBot) -> None:
    await harness.feed("INTERACTION_CREATE",
                       slash_event("help", [], guild_id=GUILD_B, channel_id=CHANNEL_B))  # fmt: skip
    [embed] = harness.requests[-1]["json"]["data"]["embeds"]
    assert f"<#{CHANNEL_A}>" not in json.dumps(embed)


# --- /sources --------------------------------------------------------------------------------


async def test_sources_is_for_members_and_fits_one_page(harness: OfflineBot) -> None:
    await harness.feed("INTERACTION_CREATE",
                       slash_event("sources", [], guild_id=GUILD_A, channel_id=QUIET))  # fmt: skip
    data = harness.requests[-1]["json"]["data"]
    [embed] = data["embeds"]
    assert embed["title"] == "Sources (1 article)"
    assert "Trump" in embed["description"] and "2025-05-17" in embed["description"]
    assert not data.get("components")  # one page: no buttons
    print(json.dumps(harness.requests[-1]["json"], indent=2, ensure_ascii=False))


async def test_sources_pages_with_buttons_even_after_a_restart(
    harness: OfflineBot, sample_library: Library
) -> None:
    await add_articles(sample_library, 12, GUILD_A)
    await harness.feed("INTERACTION_CREATE",
                       slash_event("sources", [], guild_id=GUILD_A, channel_id=QUIET))  # fmt: skip
    data = harness.requests[-1]["json"]["data"]
    assert data["embeds"][0]["footer"]["text"] == "Page 1 of 2"
    assert "Trump" in data["embeds"][0]["description"]  # newest first: the 2025 sample
    assert "Story number 11" in data["embeds"][0]["description"]
    assert "https://example.org/11" in data["embeds"][0]["description"]
    buttons = [c for row in data["components"] for c in row["components"]]
    assert [(b["custom_id"], b.get("disabled", False)) for b in buttons] == [
        ("ab:src:0", True), ("ab:src:1", False)]  # fmt: skip
    # A new bot process on the same library still turns the page.
    config = Config(cooldown_seconds=0)
    async with offline_bot(config, sample_library, {GUILD_A: [QUIET]}) as again:
        again.api.requests.clear()
        await again.feed("INTERACTION_CREATE", button_event(
            "ab:src:1", components=data["components"], guild_id=GUILD_A, channel_id=QUIET))  # fmt: skip
        raise_errors(again)
        [callback] = again.requests
    assert callback["json"]["type"] == 7  # the listing is edited in place
    page = callback["json"]["data"]
    assert page["embeds"][0]["footer"]["text"] == "Page 2 of 2"
    assert "Story number 00" in page["embeds"][0]["description"]  # the oldest
    assert "Trump" not in page["embeds"][0]["description"]
    buttons = [c for row in page["components"] for c in row["components"]]
    assert [(b["custom_id"], b.get("disabled", False)) for b in buttons] == [
        ("ab:src:0", False), ("ab:src:1", True)]  # fmt: skip


async def test_sources_page_is_the_clickers_servers(
    harness: OfflineBot, sample_library: Library
) -> None:
    await add_articles(sample_library, 12, GUILD_A)
    await harness.feed("INTERACTION_CREATE",
                       button_event("ab:src:1", guild_id=GUILD_B, channel_id=CHANNEL_B))  # fmt: skip
    [callback] = harness.requests
    page = callback["json"]["data"]
    assert "Story number" not in json.dumps(page)
    assert page["embeds"][0]["title"] == "Sources (1 article)"  # page 2 asked, the only one shown


async def test_sources_page_past_the_end_shows_the_last(
    harness: OfflineBot, sample_library: Library
) -> None:
    await add_articles(sample_library, 9, GUILD_A)
    await harness.feed("INTERACTION_CREATE",
                       button_event("ab:src:9999", guild_id=GUILD_A, channel_id=QUIET))  # fmt: skip
    [callback] = harness.requests
    assert callback["json"]["data"]["embeds"][0]["footer"]["text"] == "Page 2 of 2"


# --- DMs and bare mentions ------------------------------------------------------------------


async def test_direct_message_gets_a_short_help_reply(harness: OfflineBot) -> None:
    await harness.feed("MESSAGE_CREATE", message_event("hello?", channel_id=DM, guild_id=None))
    [reply] = posts(harness, DM)
    text = reply["content"]
    assert "/ask" in text and "/help" in text and "1 article" in text
    assert not reply.get("embeds") and reply["allowed_mentions"]["parse"] == []
    print(json.dumps(reply, indent=2, ensure_ascii=False))


async def test_bare_mention_gets_help_a_mention_with_a_question_an_answer(
    harness: OfflineBot,
) -> None:
    await harness.feed("MESSAGE_CREATE", message_event(
        f"<@{BOT_ID}>", channel_id=QUIET, guild_id=GUILD_A, mentions_bot=True))  # fmt: skip
    [reply] = posts(harness, QUIET)
    assert "/ask" in reply["content"] and f"<#{CHANNEL_A}>" in reply["content"]
    harness.api.requests.clear()
    await harness.feed("MESSAGE_CREATE", message_event(
        f"<@{BOT_ID}> who is Dmitry Peskov?", channel_id=QUIET, guild_id=GUILD_A,
        mentions_bot=True, author_id=77))  # fmt: skip
    [answer] = posts(harness, QUIET)
    assert "Kremlin spokesperson" in answer["embeds"][0]["description"]  # no help besides


async def test_help_reply_is_not_repeated_within_a_minute(harness: OfflineBot) -> None:
    for text in ("hi", "hello?", "anyone?"):
        await harness.feed("MESSAGE_CREATE", message_event(text, channel_id=DM, guild_id=None))
    assert len(posts(harness, DM)) == 1


async def test_plain_chat_and_other_bots_get_no_help(harness: OfflineBot) -> None:
    for event in (
        message_event("lunch anyone?", channel_id=QUIET, guild_id=GUILD_A),
        message_event(f"<@{BOT_ID}>", channel_id=QUIET, guild_id=GUILD_A, mentions_bot=True,
                      bot=True),
        message_event("hi", channel_id=DM, guild_id=None, author_id=BOT_ID),
    ):  # fmt: skip
        await harness.feed("MESSAGE_CREATE", event)
    assert harness.requests == []


# --- the bundled sample ------------------------------------------------------------------------


async def seeded_database(tmp_path: Path) -> str:
    """A database the local harness used first: it holds the bundled sample."""
    db = str(tmp_path / "articlebot.db")
    async with await Library.open(db) as lib:
        assert await lib.seed_if_new(sample_article())
    return db


async def ask_in_channel(config: Config) -> dict[str, Any]:
    """A bot that opens its own database (``articlebot run`` with a token) is asked."""
    async with offline_bot(config, None, {GUILD_A: [CHANNEL_A]}) as h:
        h.api.requests.clear()
        await h.feed("MESSAGE_CREATE", message_event(
            "What did Peskov say?", channel_id=CHANNEL_A, guild_id=GUILD_A))  # fmt: skip
        await h.feed("INTERACTION_CREATE",
                     slash_event("sources", [], guild_id=GUILD_A, channel_id=CHANNEL_A))  # fmt: skip
        raise_errors(h)
        [reply] = posts(h, CHANNEL_A)
        return {"reply": reply, "sources": h.requests[-1]["json"]["data"]}


async def test_a_real_bot_does_not_serve_the_sample(tmp_path: Path) -> None:
    db = await seeded_database(tmp_path)
    config = Config(database=db, answer_channels=[CHANNEL_A], semantic=False, cooldown_seconds=0)
    seen = await ask_in_channel(config)
    assert not seen["reply"]["embeds"] and "Peskov" not in json.dumps(seen["reply"])
    assert seen["sources"]["embeds"][0]["title"] == "Sources (0 articles)"
    async with await Library.open(db) as lib:  # withheld, not removed: the owner decides
        assert [a.id for a in lib.articles()] == ["2025-05-17-trump-putin-call"]


async def test_a_real_bot_serves_the_sample_when_the_owner_lists_it(tmp_path: Path) -> None:
    db = await seeded_database(tmp_path)
    config = Config(database=db, answer_channels=[CHANNEL_A], semantic=False, cooldown_seconds=0,
                    articles=[str(sample_article())])  # fmt: skip
    seen = await ask_in_channel(config)
    assert "absolutely in camera" in seen["reply"]["embeds"][0]["description"]
    assert seen["sources"]["embeds"][0]["title"] == "Sources (1 article)"


async def test_a_real_bot_withholds_a_sample_seeded_from_another_install(tmp_path: Path) -> None:
    """An older version's venv stored the sample under its own path, and no 'seeded' mark."""
    db = str(tmp_path / "articlebot.db")
    other = tmp_path / "old-venv" / "site-packages" / "bot" / "data"
    other.mkdir(parents=True)
    copy = other / sample_article().name
    copy.write_bytes(sample_article().read_bytes())
    async with await Library.open(db) as lib:
        await lib.add_path(copy)
    config = Config(database=db, answer_channels=[CHANNEL_A], semantic=False, cooldown_seconds=0)
    seen = await ask_in_channel(config)
    assert not seen["reply"]["embeds"]


# --- removing what a server sees: who can, said truthfully ------------------------------------


def remove(article_id: str, guild: int = GUILD_A) -> dict[str, Any]:
    options = [{"type": 1, "name": "remove",
                "options": [{"type": 3, "name": "article_id", "value": article_id}]}]  # fmt: skip
    return slash_event("articles", options, guild_id=guild, channel_id=CHANNEL_A,
                       permissions=ADMIN)  # fmt: skip


def last_text(h: OfflineBot) -> str:
    body = h.requests[-1]["json"]
    return str(body.get("data", body).get("content"))


async def test_shared_article_from_the_command_line_names_the_cli(harness: OfflineBot) -> None:
    await harness.feed("INTERACTION_CREATE", remove("2025-05-17-trump-putin-call"))
    text = last_text(harness)
    assert "shared by every server" in text and "config" not in text
    assert "from the command line" in text
    assert "`articlebot remove 2025-05-17-trump-putin-call`" in text


async def test_shared_article_from_the_config_names_the_config(
    sample_library: Library, sample_path: Path
) -> None:
    config = Config(cooldown_seconds=0, articles=[str(sample_path)])
    async with offline_bot(config, sample_library, {GUILD_A: [CHANNEL_A]}) as h:
        await h.feed("INTERACTION_CREATE", remove("2025-05-17-trump-putin-call"))
        raise_errors(h)
        text = last_text(h)
    assert "shared by every server" in text and "`library.articles`" in text
    assert "command line" not in text


@pytest.mark.parametrize("command", ["help", "sources"])
async def test_help_and_sources_work_in_direct_messages(harness: OfflineBot, command: str) -> None:
    await harness.feed("INTERACTION_CREATE",
                       slash_event(command, [], guild_id=None, channel_id=DM))  # fmt: skip
    [embed] = harness.requests[-1]["json"]["data"]["embeds"]
    assert "1 article" in json.dumps(embed)  # the shared ones
    assert "<#" not in json.dumps(embed)  # no server's channels


async def test_admin_list_counts_one_sentence_as_one(
    harness: OfflineBot, sample_library: Library
) -> None:
    await add_articles(sample_library, 1, GUILD_A)
    await harness.feed("INTERACTION_CREATE", slash_event(
        "articles", [{"type": 1, "name": "list", "options": []}], guild_id=GUILD_A,
        channel_id=CHANNEL_A, permissions=ADMIN))  # fmt: skip
    listing = harness.requests[-1]["json"]["data"]["embeds"][0]["description"]
    assert "· 1 sentence ·" in listing and "1 sentences" not in listing


def test_a_page_of_the_longest_titles_and_links_fits_one_embed() -> None:
    import discord

    from bot.listing import PAGE_SIZE, sources_page
    from index.models import Article

    worst = [
        Article(id=f"a{n}", title="[*_" * 300, source="x", date="2024-01-01" + "9" * 300,
                url="https://example.org/" + "é(" * 140)
        for n in range(PAGE_SIZE + 1)
    ]  # fmt: skip
    embed, page, pages = sources_page(worst, 0)
    assert (page, pages) == (0, 2)
    assert len(embed.description or "") <= 4096 and len(embed) <= 6000
    assert "é" not in (embed.description or "") and "](" not in (embed.description or "")
    sane = [Article(id="b", title="Fine", source="x", url="https://example.org/a (b)")]
    assert "(https://example.org/a%20%28b%29)" in (sources_page(sane, 0)[0].description or "")
    assert isinstance(embed, discord.Embed)
