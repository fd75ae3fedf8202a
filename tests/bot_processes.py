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


# The driver in a process forked from tests/forks.py's server: its standard input and
# output are the pipes given, as for ``python -m bot.harness.driver DATABASE``.
_FORKED_DRIVER = """
import os, sys
os.dup2(commands.fileno(), 0)
os.dup2(results.fileno(), 1)
os.dup2(os.open(os.devnull, os.O_WRONLY), 2)
commands.close()
results.close()
sys.stdin = open(0, encoding="utf-8", closefd=False)
sys.stdout = open(1, "w", encoding="utf-8", closefd=False)
for name in [n for n in os.environ if n.startswith(("ARTICLEBOT_", "DISCORD_"))]:
    del os.environ[name]
os.environ["ARTICLEBOT_SEMANTIC"] = "0"
os.chdir(cwd)
from bot.harness.driver import main
main([database])
"""


class ForkedProcess:
    """What :class:`BotProcess` uses of an ``asyncio.subprocess.Process``, for a process
    forked by tests/forks.py: the driver's input and output as asyncio streams."""

    def __init__(self, child: Any, stdin: asyncio.StreamWriter, stdout: asyncio.StreamReader):
        self.child = child
        self.stdin = stdin
        self.stdout = stdout

    @classmethod
    async def start(cls, database: str, cwd: Path) -> ForkedProcess:
        from multiprocessing.connection import Connection

        from forks import run_code

        commands_in, commands_out = os.pipe()
        results_in, results_out = os.pipe()
        theirs = Connection(commands_in, writable=False), Connection(results_out, readable=False)
        child = run_code(_FORKED_DRIVER, commands=theirs[0], results=theirs[1],
                         database=database, cwd=str(cwd))  # fmt: skip
        for end in theirs:
            end.close()
        loop = asyncio.get_running_loop()
        reader = asyncio.StreamReader(limit=64 * 1024 * 1024)
        await loop.connect_read_pipe(
            lambda: asyncio.StreamReaderProtocol(reader), os.fdopen(results_in, "rb", 0)
        )
        transport, protocol = await loop.connect_write_pipe(
            asyncio.streams.FlowControlMixin, os.fdopen(commands_out, "wb", 0)
        )
        writer = asyncio.StreamWriter(transport, protocol, None, loop)
        return cls(child, writer, reader)

    @property
    def returncode(self) -> int | None:
        code: int | None = self.child.exitcode
        return code

    def send_signal(self, signum: int) -> None:
        os.kill(self.child.pid, signum)

    def kill(self) -> None:
        self.child.kill()

    async def wait(self) -> int:
        await asyncio.to_thread(self.child.join)
        self.stdin.close()
        return int(self.child.exitcode)


class BotProcess:
    """One bot process; :meth:`call` sends a command and returns its result."""

    def __init__(self, process: Any, ready: Result) -> None:
        self.process = process  # an asyncio.subprocess.Process or a ForkedProcess
        self.ready = ready
        self._turn = asyncio.Lock()

    @classmethod
    async def start(cls, database: str, cwd: Path, forked: bool = False) -> BotProcess:
        """A new interpreter running ``python -m bot.harness.driver`` (what the benches
        time), or with ``forked`` a fork of tests/forks.py's server running the same."""
        began = time.perf_counter()
        process: Any
        if forked:
            process = await ForkedProcess.start(database, cwd)
        else:
            env = {k: v for k, v in os.environ.items()
                   if not k.startswith(("ARTICLEBOT_", "DISCORD_"))}  # fmt: skip
            env.update(PYTHONPATH=str(ROOT), ARTICLEBOT_SEMANTIC="0")
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
    async def _read(process: Any) -> Result:
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


async def start_all(database: str, cwd: Path, count: int, forked: bool = False) -> list[BotProcess]:
    """``count`` bot processes started at once (the database must exist already, or two
    would create it at once)."""
    started = (BotProcess.start(database, cwd, forked) for _ in range(count))
    return list(await asyncio.gather(*started))


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
