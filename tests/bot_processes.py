"""Bot processes on one database, for the tests and benches: each a real process running one
offline bot (``python -m bot.harness.driver``), talked to one JSON line at a time.

:func:`mixed` is the check that an answer never mixes library versions: every sentence it
quotes belongs to the articles the database held at the version the answer names.
"""

from __future__ import annotations

import asyncio
import json
import os
import signal
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
PATIENCE = 120.0  # seconds a process may take to answer one command on a loaded machine

Result = dict[str, Any]


class BotProcess:
    """One bot process; :meth:`call` sends a command and returns its result."""

    def __init__(self, process: asyncio.subprocess.Process, ready: Result) -> None:
        self.process = process
        self.ready = ready
        self._turn = asyncio.Lock()

    @classmethod
    async def start(cls, database: str, cwd: Path) -> BotProcess:
        env = {k: v for k, v in os.environ.items()
               if not k.startswith(("ARTICLEBOT_", "DISCORD_"))}  # fmt: skip
        env.update(PYTHONPATH=str(ROOT), ARTICLEBOT_SEMANTIC="0")
        began = time.perf_counter()
        process = await asyncio.create_subprocess_exec(
            sys.executable, "-m", "bot.harness.driver", database, cwd=cwd, env=env,
            stdin=asyncio.subprocess.PIPE, stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.DEVNULL, limit=64 * 1024 * 1024,
        )  # fmt: skip
        ready = await cls._read(process)
        if not ready.get("ready"):
            raise AssertionError(f"the bot process did not start: {ready}")
        ready["spawned"] = time.perf_counter() - began  # with Python's start and imports
        return cls(process, ready)

    @staticmethod
    async def _read(process: asyncio.subprocess.Process) -> Result:
        assert process.stdout is not None
        line = await asyncio.wait_for(process.stdout.readline(), PATIENCE)
        if not line:
            code = await process.wait()
            raise AssertionError(f"the bot process ended (exit {code})")
        result: Result = json.loads(line)
        return result

    async def send(self, op: str, **args: Any) -> None:
        """Send a command without waiting for its result (:meth:`kill` may come first)."""
        assert self.process.stdin is not None
        self.process.stdin.write(json.dumps({"op": op, **args}).encode() + b"\n")
        await self.process.stdin.drain()

    async def call(self, op: str, **args: Any) -> Result:
        async with self._turn:
            await self.send(op, **args)
            return await self._read(self.process)

    def kill(self) -> None:
        self.process.send_signal(signal.SIGKILL)

    async def stop(self) -> None:
        if self.process.returncode is None:
            try:
                await self.send("quit")
                await asyncio.wait_for(self.process.wait(), 30)
            except (OSError, TimeoutError):
                self.process.kill()
                await self.process.wait()


async def start_all(database: str, cwd: Path, count: int) -> list[BotProcess]:
    """``count`` bot processes started at once (the database must exist already, or two
    would create it at once)."""
    return list(await asyncio.gather(*(BotProcess.start(database, cwd) for _ in range(count))))


def mixed(answers: list[Result], versions: dict[int, set[int]]) -> list[str]:
    """The answers that quote a sentence their version did not hold, or name a version
    never seen (``versions``: library version → every sentence id stored at it)."""
    found = []
    for a in answers:
        held = versions.get(a["version"])
        if held is None:
            found.append(f"{a['question']!r}: version {a['version']} unknown")
        elif not set(a["quoted"]) <= held:
            found.append(f"{a['question']!r}: {sorted(set(a['quoted']) - held)} not in "
                         f"version {a['version']}")  # fmt: skip
    return found


def sentence_ids(library: Result) -> set[int]:
    """Every sentence id of a ``library`` result."""
    return {sid for ids in library["sentences"].values() for sid in ids}
