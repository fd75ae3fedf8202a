"""A large library's objects are out of the cyclic garbage collector's walks (index/heap.py):
a full collection, which holds the GIL while it walks, then does not walk the library."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from pathlib import Path

import pytest

from index import heap
from index.library import Library
from index.models import Document

NEWS = Document(
    text="The council approved the budget.\n\nHeavy snow closed schools in the region.",
    source="news.txt",
    title="Local news",
)


@pytest.fixture
def unfreeze() -> Iterator[None]:
    yield
    gc.unfreeze()  # what the test froze may be collected again


def walked(obj: object) -> bool:
    return any(o is obj for o in gc.get_objects())


@pytest.mark.parametrize("large", [True, False])
async def test_a_large_library_is_frozen_a_small_one_is_not(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, unfreeze: None, large: bool
) -> None:
    db = tmp_path / "lib.db"
    lib = await Library.open(db)
    await lib.add_document(NEWS)
    await lib.close()
    monkeypatch.setattr(heap, "FREEZE_FROM", 2 if large else 3)  # NEWS has 2 sentences
    lib = await Library.open(db)
    try:
        assert lib.held().sentences == 2
        catalogue = lib._catalogue
        assert gc.is_tracked(catalogue)
        assert walked(catalogue) is not large
        assert (await lib.ask("What closed schools?")).quotes  # nothing else changes
    finally:
        await lib.close()
