"""The event loop's longest stall while a 5 MB adversarial file is added, per family.

    python bench/loop_stall.py [--family NAME ...] [--keep DIR]

For each file family of bench/linearity.py (one file of about 5 MB each, just under
ingest's size limit), a bot runs in the offline harness (real discord.py code, FakeDiscord)
on a library holding the sample article, while members ask a question every 50 ms in
another server. The file is then added twice, each time measured with bot/loopwatch.py:

- ``/articles add file:`` through the harness (download, parse on the ingest thread,
  analyse, store, index), and
- ``articlebot index``'s path, :meth:`Library.add_many` (analysis in a worker), in the
  bot's process, as when an operator indexes through the running bot's library.

Printed per family and path: the longest stall, the time the add took, and its outcome
(added with N sentences, or the one-line refusal). The bound is 100 ms.
"""

from __future__ import annotations

import argparse
import asyncio
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import linearity

from bot import sample_article
from bot.config import Config
from bot.harness import message_event, offline_bot, slash_event
from bot.loopwatch import LoopWatch
from index.library import Library

ASKING_GUILD, ADDING_GUILD = 9100, 9200
ASKING_CHANNEL, ADDING_CHANNEL = 910, 920
ADMIN = 1 << 5
QUESTIONS = ("What did Peskov say?", "Who called whom?", "What was said about Ukraine?")


async def run(families: list[linearity.Family], folder: Path) -> None:
    linearity.write_big_files(families, folder)
    files = {f.name: next(folder.glob(f"{f.name}.*")) for f in families if f.file is not None}
    config = Config(answer_channels=[ASKING_CHANNEL], cooldown_seconds=0,
                    channel_cooldown_seconds=0, semantic=False)  # fmt: skip
    library = await Library.open(folder / "stall.db")
    await library.add_path(sample_article())
    guilds = {ASKING_GUILD: [ASKING_CHANNEL], ADDING_GUILD: [ADDING_CHANNEL]}
    print(f"\n{'family':24} {'path':15} {'stall ms':>9} {'took s':>7}  outcome", flush=True)
    try:
        async with offline_bot(config, library, guilds) as h:
            answered = 0
            asking = True

            async def members() -> None:
                nonlocal answered
                n = 0
                while asking:
                    before = set(asyncio.all_tasks())
                    await h.feed("MESSAGE_CREATE", message_event(
                        QUESTIONS[n % len(QUESTIONS)], channel_id=ASKING_CHANNEL,
                        guild_id=ASKING_GUILD, author_id=700 + n % 5), settle=False)  # fmt: skip
                    await h.settle(before, timeout=120)
                    answered += 1
                    n += 1
                    await asyncio.sleep(0.05)

            asker = asyncio.create_task(members())
            for family, path in files.items():
                data = path.read_bytes()
                # /articles add file:
                h.api.requests.clear()
                attachment = h.api.attach(path.name, data, _content_type(path))
                event = slash_event(
                    "articles", [{"type": 11, "name": "file", "value": attachment["id"]}],
                    sub="add", guild_id=ADDING_GUILD, channel_id=ADDING_CHANNEL,
                    permissions=ADMIN, resolved={"attachments": {attachment["id"]: attachment}},
                )  # fmt: skip
                before = set(asyncio.all_tasks()) | {asker}
                started = time.perf_counter()
                async with LoopWatch() as watch:
                    await h.feed("INTERACTION_CREATE", event, settle=False)
                    await h.settle(before, timeout=600)
                took = time.perf_counter() - started
                outcome = _final_reply(h.requests)
                _row(family, "/articles add", watch, took, outcome)
                # articlebot index's path, in this process
                started = time.perf_counter()
                async with LoopWatch() as watch:
                    added, refused = await library.add_many([path], guild_id=ADDING_GUILD,
                                                            workers=1)  # fmt: skip
                took = time.perf_counter() - started
                outcome = (f"added ({added[0].sentences:,} sentences)" if added
                           else f"refused: {refused[0]}")  # fmt: skip
                _row(family, "articlebot index", watch, took, outcome)
                for article in library.articles(ADDING_GUILD):
                    if article.guild_id == ADDING_GUILD:
                        await library.remove(article.id, ADDING_GUILD)
            asking = False
            await asker
            print(f"\nquestions answered meanwhile: {answered}")
    finally:
        await library.close()


def _row(family: str, path: str, watch: LoopWatch, took: float, outcome: str) -> None:
    print(f"{family:24} {path:15} {watch.longest * 1000:9.1f} {took:7.1f}  {outcome[:90]}",
          flush=True)  # fmt: skip


def _final_reply(requests: list[dict[str, Any]]) -> str:
    edits = [r["json"].get("content") or "" for r in requests
             if r["method"] == "PATCH" and r["path"].endswith("/messages/@original")]  # fmt: skip
    finals = [e for e in edits if e.startswith(("Added", "Not added"))]
    return finals[-1] if finals else "(no reply)"


def _content_type(path: Path) -> str:
    return {".html": "text/html", ".md": "text/markdown"}.get(path.suffix, "text/plain")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--family", nargs="*", help="only these families")
    parser.add_argument("--keep", metavar="DIR", help="write the files and database here")
    args = parser.parse_args()
    families = [f for f in linearity.FAMILIES
                if f.file is not None and (not args.family or f.name in args.family)]  # fmt: skip
    if args.keep:
        asyncio.run(run(families, Path(args.keep)))
        return
    with tempfile.TemporaryDirectory(prefix="articlebot-stall-") as folder:
        asyncio.run(run(families, Path(folder)))


if __name__ == "__main__":
    main()
