"""One offline bot in a process of its own, driven over its standard input and output: what
tests and benches use to run several bot processes on one database (docs/scaling.md).

discord.py builds every REST URL from one process-wide attribute (``internals.rest_api_at``),
so the harnesses of several bots in one process would all talk to the last fake API: each
bot needs a process. This one opens the database named on the command line the way
``articlebot run`` does (the bot's own ``setup_hook``, following other processes' changes),
serves one server and answer channel, and takes one JSON command a line, answering each with
one JSON line, in order:

- ``{"op": "add", "name": "report-3.txt", "text": "…"}``: an admin's ``/articles add`` with
  that file attached; gives the reply, the article's id and ``library`` (below).
- ``{"op": "remove", "id": "…"}``: an admin's ``/articles remove``; the reply and ``library``.
- ``{"op": "ask", "questions": ["…", …]}``: members' messages in the answer channel, all at
  once; for each question the version the answer was ranked on, the sentence ids it quoted
  and the sentence ids its reply's Context buttons carry (what reached "Discord").
- ``{"op": "await", "id": "…", "present": true}``: waits until this process holds (or no
  longer holds) the article, or with ``{"version": N}`` holds version N or a later one;
  the seconds it waited, the time then and the version it then holds.
- ``{"op": "library"}``: ``library`` alone.
- ``{"op": "quit"}``.

``library`` is what the database holds, read in one snapshot: its library version and each
article's sentence ids, so a test can check that every answer quotes only sentences of the
version it names; ``committed_at`` is when this process's last change was committed, and
``last_write`` the library versions before and after it (with several writers, what tells
which version each change made).
Every result also carries ``errors``: what discord.py and the bot logged as errors so far.
The first line out, once the bot is logged in, is ``{"ready": …}`` with the start-up
seconds and the process's memory.

    python -m bot.harness.driver DATABASE [--guild ID] [--channel ID]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import logging
import os
import sys
import time
from collections.abc import Awaitable, Callable
from typing import Any

from index.library import Library
from index.models import Answer

from ..config import Config
from .gateway import message_event, slash_event
from .session import CAUSE, OfflineBot, offline_bot

ADMIN = 1 << 5  # Manage Server
MEMBERS = 600_000_000_000_100_000  # members' user ids count up from here (not the bot's)
PATIENCE = 120.0  # seconds an ``await`` waits before saying it timed out

Result = dict[str, Any]


class Driver:
    """The commands, against one logged-in offline bot."""

    def __init__(self, harness: OfflineBot, guild: int, channel: int) -> None:
        self.harness = harness
        self.guild = guild
        self.channel = channel
        self.library: Library = harness.bot.library
        self.answers: dict[int | None, Answer] = {}  # by the question's event (CAUSE)
        self._asked = 0
        self.committed_at = 0.0  # time.time() when this process's last change committed
        self._record_answers()
        self._record_commits()

    def _record_answers(self) -> None:
        """Keep every answer the bot computes, by the event that asked it (the harness's
        CAUSE, which the tasks discord.py starts for an event inherit): the reply shows its
        quotes, not the library version it was ranked on."""
        ask = self.library.ask

        async def recorded(question: str, k: int = 3, guild_id: int | None = None) -> Answer:
            answer = await ask(question, k=k, guild_id=guild_id)
            self.answers[CAUSE.get()] = answer
            return answer

        self.library.ask = recorded  # type: ignore[method-assign]

    def _record_commits(self) -> None:
        """Note when each library write returns from the database: where the time another
        process takes to see it starts."""
        store = self.library.store
        replace_articles, delete_article = store.replace_articles, store.delete_article

        async def replaced(items: Any) -> Any:
            written = await replace_articles(items)
            self.committed_at = time.time()
            return written

        async def deleted(article_id: str, guild_id: int | None) -> bool:
            done = await delete_article(article_id, guild_id)
            self.committed_at = time.time()
            return done

        store.replace_articles = replaced  # type: ignore[method-assign]
        store.delete_article = deleted  # type: ignore[method-assign]

    async def run(self, command: Result) -> Result:
        ops: dict[str, Callable[[Result], Awaitable[Result]]] = {
            "add": self.add, "remove": self.remove, "ask": self.ask,
            "await": self.await_article, "library": self.stored,
        }  # fmt: skip
        op = ops.get(str(command.get("op")))
        if op is None:
            return {"error": f"unknown op {command.get('op')!r}"}
        result = await op(command)
        result["errors"] = [r.getMessage() for r in self.harness.errors.records]
        return result

    async def _slash(self, sub: str, options: list[Result], resolved: Result | None) -> str:
        """An admin's ``/articles sub``; the last thing the bot said back."""
        h = self.harness
        start = len(h.requests)
        await h.feed("INTERACTION_CREATE", slash_event(
            "articles", options, sub=sub, guild_id=self.guild, channel_id=self.channel,
            permissions=ADMIN, resolved=resolved))  # fmt: skip
        said = [r["json"]["content"] for r in h.requests[start:]
                if isinstance(r.get("json"), dict) and r["json"].get("content")]  # fmt: skip
        return str(said[-1]) if said else ""

    async def add(self, command: Result) -> Result:
        name = str(command["name"])
        attachment = self.harness.api.attach(name, str(command["text"]).encode())
        reply = await self._slash(
            "add",
            [{"type": 11, "name": "file", "value": attachment["id"]}],
            {"attachments": {attachment["id"]: attachment}},
        )
        source = f"attachment:{self.guild}:{name}"
        found = [a.id for a in self.library.articles(self.guild) if a.source == source]
        return {"reply": reply, "id": found[0] if found else None, **await self.stored({})}

    async def remove(self, command: Result) -> Result:
        reply = await self._slash(
            "remove", [{"type": 3, "name": "article_id", "value": str(command["id"])}], None
        )
        return {"reply": reply, **await self.stored({})}

    async def ask(self, command: Result) -> Result:
        """Every question as a member's message, all fed before any is answered."""
        h = self.harness
        asked = []
        for question in command["questions"]:
            self._asked += 1
            member = MEMBERS + self._asked
            event = message_event(
                str(question), channel_id=self.channel, guild_id=self.guild, author_id=member
            )
            asked.append((self._asked, event))
        start = len(h.requests)
        before = set(asyncio.all_tasks())
        began = time.perf_counter()
        for cause, event in asked:
            await h.feed("MESSAGE_CREATE", event, settle=False, cause=cause)
        await h.settle(before, timeout=600)
        seconds = time.perf_counter() - began
        replies: dict[str, list[int]] = {}
        for r in h.requests[start:]:
            body = r.get("json") or {}
            reference = body.get("message_reference") if isinstance(body, dict) else None
            if r["method"] == "POST" and reference:
                replies[str(reference["message_id"])] = _context_ids(body)
        results = []
        for cause, event in asked:
            answer = self.answers.pop(cause, None)
            results.append({
                "question": event["content"],
                "replied": event["id"] in replies,
                "version": answer.version if answer else None,
                "quoted": [q.sentence_id for q in answer.quotes] if answer else [],
                "shown": replies.get(event["id"], []),
            })  # fmt: skip
        return {"answers": results, "seconds": seconds}

    async def await_article(self, command: Result) -> Result:
        """Until this process holds article ``id`` (or, with ``present`` false, no longer
        does), or holds library ``version`` or a later one."""
        guild, library = self.guild, self.library
        if "version" in command:
            wanted = int(command["version"])

            def there() -> bool:
                return library.version >= wanted
        else:
            article_id, present = str(command["id"]), bool(command.get("present", True))

            def there() -> bool:
                return (article_id in {a.id for a in library.articles(guild)}) == present

        began = time.perf_counter()
        deadline = began + float(command.get("timeout", PATIENCE))
        while not there():
            if time.perf_counter() > deadline:
                return {"timeout": True, "version": library.version}
            await asyncio.sleep(0.002)
        return {"seconds": time.perf_counter() - began, "at": time.time(),
                "version": library.version}  # fmt: skip

    async def stored(self, command: Result) -> Result:
        """What the database holds now, in one snapshot (see the module's docstring)."""
        store = self.library.store
        async with store.snapshot():
            version = await store.library_version()
            loaded = await store.load_all()
        sentences: dict[str, list[int]] = {}
        for sid, article_id in zip(loaded.ids.tolist(), loaded.article_ids, strict=True):
            sentences.setdefault(article_id, []).append(int(sid))
        return {"library": {"version": version, "sentences": sentences},
                "version": self.library.version, "committed_at": self.committed_at,
                "last_write": list(store.last_write)}  # fmt: skip


def _context_ids(body: Result) -> list[int]:
    """The sentence ids a reply's Context buttons carry (``ab:ctx:<id>``)."""
    found = []
    for row in body.get("components") or []:
        for item in row.get("components") or []:
            custom_id = str(item.get("custom_id") or "")
            if custom_id.startswith("ab:ctx:"):
                found.append(int(custom_id.rsplit(":", 1)[1]))
    return found


def _rss_mb() -> float:
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


def _say(result: Result) -> None:
    sys.stdout.write(json.dumps(result) + "\n")
    sys.stdout.flush()


async def serve(database: str, guild: int, channel: int) -> None:
    began = time.perf_counter()
    config = Config(database=database, semantic=False, answer_channels=[channel],
                    cooldown_seconds=0, channel_cooldown_seconds=0, health_minutes=0)  # fmt: skip
    async with offline_bot(config, None, {guild: [channel]}) as harness:
        driver = Driver(harness, guild, channel)
        _say({"ready": True, "startup": time.perf_counter() - began, "rss_mb": _rss_mb(),
              "pid": os.getpid(), "version": driver.library.version})  # fmt: skip
        while line := await asyncio.to_thread(sys.stdin.readline):
            try:
                command = json.loads(line)
            except json.JSONDecodeError as exc:
                _say({"error": f"not JSON: {exc}"})
                continue
            if command.get("op") == "quit":
                break
            _say(await driver.run(command))


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m bot.harness.driver", description=__doc__)
    parser.add_argument("database", help="an SQLite file or a postgresql:// URL")
    parser.add_argument("--guild", type=int, default=(5 << 22) + 9)
    parser.add_argument("--channel", type=int, default=51)
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.WARNING, stream=sys.stderr)
    asyncio.run(serve(args.database, args.guild, args.channel))


if __name__ == "__main__":
    main()
