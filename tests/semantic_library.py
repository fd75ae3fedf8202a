"""A small library of given documents, with or without the shipped encoder's vectors: the
set-up the tests of ranking by meaning share."""

from __future__ import annotations

from pathlib import Path

from index.encoder import Encoder
from index.library import Library
from index.models import Document


async def library_of(tmp_path: Path, documents: list[Document], vectors: bool | None) -> Library:
    """``vectors``: None, semantic ranking off; False, on but no vector computed yet;
    True, on with every vector computed by the shipped encoder."""
    lib = await Library.open(tmp_path / "lib.db")
    for document in documents:
        await lib.add_document(document)
    if vectors is not None:
        encoder = Encoder.load()
        assert encoder is not None, "the shipped model is part of the package"
        lib.enable_semantic(encoder, worker=vectors, process=False)
        assert await lib.wait_for_vectors(60)
    return lib
