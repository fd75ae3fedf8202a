"""A small library whose cosines a test chooses (the stub encoder of tests/test_hybrid.py),
shared by the answer-or-decline tests."""

from __future__ import annotations

from pathlib import Path

from test_hybrid import StubEncoder

from index.library import Library
from index.models import Document


async def library_of(tmp_path: Path, axes: dict[str, int] | None, *docs: Document) -> Library:
    """A library of ``docs``; with ``axes``, semantic ranking on with a stub encoder giving
    each text the axis of the first key it holds (None: lexical only). The vectors are
    encoded on the library's vector thread: the cosines are the point here, not the worker
    process (tests/conftest.py ``vectors_on_the_thread``)."""
    lib = await Library.open(tmp_path / "lib.db")
    for doc in docs:
        await lib.add_document(doc)
    if axes is not None:
        lib.enable_semantic(StubEncoder(axes), process=False)  # type: ignore[arg-type]
        assert await lib.wait_for_vectors(30)
    return lib
