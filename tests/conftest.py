from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from bot import sample_article
from index.library import Library


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
