"""Article → sentences → analysed terms: the CPU-bound part of ingest.

:func:`process` is a pure function of a :class:`Document`, so it can run in a thread or
a worker process and be tested on its own.
"""

from __future__ import annotations

from dataclasses import dataclass

from .analyze import analyze
from .models import Document, Sentence
from .segment import split_sentences


@dataclass(frozen=True)
class Processed:
    doc: Document
    sentences: list[Sentence]
    terms: list[list[str]]


def process(doc: Document) -> Processed:
    sentences = [
        Sentence(
            paragraph=s.paragraph,
            number=i,
            start=s.start,
            end=s.end,
            text=doc.text[s.start : s.end],
        )
        for i, s in enumerate(split_sentences(doc.text, doc.body_start), start=1)
    ]
    return Processed(doc, sentences, [analyze(s.text) for s in sentences])
