"""Article → clean sentences → speakers → analysed terms: the CPU-bound part of ingest.

:func:`process` is a pure function of a :class:`Document`, so it can run in a thread or
a worker process and be tested on its own.
"""

from __future__ import annotations

from dataclasses import dataclass

from .analyze import analyze
from .attribution import Entity, attribute
from .clean import clean_span
from .ingest import IngestError
from .models import Document, Sentence
from .segment import split_sentences

# Far more than any article has, even at the size limit: every sentence costs memory and
# time in each later stage (and in the index), so a text cut into more is refused.
MAX_SENTENCES = 100_000


@dataclass(frozen=True)
class Processed:
    doc: Document
    sentences: list[Sentence]
    terms: list[list[str]]
    entities: tuple[Entity, ...] = ()


def process(doc: Document, segmenter: str = "syntok") -> Processed:
    """Sentences, speakers and terms of ``doc``; :class:`IngestError` for a text of more
    than :data:`MAX_SENTENCES` sentences."""
    found = split_sentences(doc.text, doc.body_start, segmenter)
    if len(found) > MAX_SENTENCES:
        raise IngestError(
            f"{doc.source}: too many sentences ({len(found):,}; the limit is {MAX_SENTENCES:,})"
        )
    spans = [
        (span.paragraph, piece)
        for span in found
        for piece in clean_span(doc.text, span.start, span.end)
    ]
    texts = [doc.text[p.start : p.end] for _, p in spans]
    attribution = attribute(texts, [paragraph for paragraph, _ in spans])
    sentences = [
        Sentence(
            paragraph=paragraph,
            number=i,
            start=piece.start,
            end=piece.end,
            text=text,
            speaker="; ".join(names) or None,
        )
        for i, ((paragraph, piece), text, names) in enumerate(
            zip(spans, texts, attribution.speakers, strict=True), start=1
        )
    ]
    return Processed(doc, sentences, [analyze(t) for t in texts], tuple(attribution.entities))


def read_and_process(path: str, segmenter: str = "syntok") -> Processed | str:
    """Read and analyse one file (in a worker process): the result, or why it was refused.

    Any failure with this one file is its refusal, in one line, so that the other files of
    a batch are still indexed: also a RecursionError, a MemoryError or a library's
    ValueError on a hostile file. (KeyboardInterrupt and SystemExit still stop the run.)
    """
    from .ingest import read_path

    try:
        return process(read_path(path), segmenter)
    except IngestError as exc:
        return str(exc)
    except Exception as exc:
        detail = f"{exc.__class__.__name__}: {exc}" if str(exc) else exc.__class__.__name__
        return _one_line(f"{path}: cannot be indexed ({detail})")


def _one_line(message: str, limit: int = 300) -> str:
    line = message[: limit + 1].replace("\r", " ").replace("\n", " ")
    return line if len(line) <= limit else line[: limit - 1] + "…"
