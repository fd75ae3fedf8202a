from __future__ import annotations

import io
import os
import sys
from collections.abc import AsyncIterator, Callable
from pathlib import Path

import pytest

from bot import sample_article
from index.library import Library

from cli_helpers import Run


@pytest.fixture
def sample_path() -> Path:
    return sample_article()


@pytest.fixture
def sample_text(sample_path: Path) -> str:
    return sample_path.read_text(encoding="utf-8")


@pytest.fixture
async def library(tmp_path: Path) -> AsyncIterator[Library]:
    lib = await Library.open(tmp_path / "lib.db")
    yield lib
    await lib.close()


@pytest.fixture
async def sample_library(library: Library, sample_path: Path) -> Library:
    await library.add_path(sample_path)
    return library


@pytest.fixture
def cli(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> Callable[..., Run]:
    """Run ``articlebot ARGS`` in this process (``bot.cli.main``), in ``tmp_path`` with no
    ARTICLEBOT_*/DISCORD_* variables; ``stdin=`` gives its standard input."""
    from bot.cli import main

    monkeypatch.chdir(tmp_path)
    for var in list(os.environ):
        if var.startswith(("ARTICLEBOT_", "DISCORD_")):
            monkeypatch.delenv(var)

    def run(*args: str, stdin: str = "") -> Run:
        capsys.readouterr()
        monkeypatch.setattr(sys, "stdin", io.StringIO(stdin))
        try:
            code = main(list(args))
        except SystemExit as exc:  # argparse: bad usage, --help, --version
            code = exc.code if isinstance(exc.code, int) else 1
        out, err = capsys.readouterr()
        return Run(code, out, err)

    return run
