"""Split an article body into paragraphs and sentences, keeping exact offsets.

Two segmenters, measured (bench/ingest.py):

* ``syntok`` (default) was chosen over pysbd: on the sample it keeps the quoted "I hope it
  will be…" sentence apart where pysbd glues it to the previous one, it keeps "Mr.",
  "U.S." and "Jan. 5" whole, and it runs ~7,900 sentences/s against pysbd's ~1,600.
* ``blingfire`` (``library.segmenter = "blingfire"``) runs ~42,000 sentences/s, which
  doubles end-to-end ingest, and scored the same on the seed questions and 0.3 points
  higher P@1 on squad-dev; but it splits after some abbreviations ("Mr.\nSmith") and
  misses some boundaries before them, so its pieces that end in a known abbreviation or a
  single initial are joined back to the next one.

Either way each sentence is an exact slice of the article text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from syntok import segmenter

SEGMENTERS = ("syntok", "blingfire")

# Abbreviations after which blingfire may wrongly end a sentence.
_ABBREVIATIONS = frozenset(
    "mr mrs ms dr prof gen sen rep gov st jr sr lt col capt sgt no vs u.s u.k u.n e.u jan "
    "feb mar apr jun jul aug sep sept oct nov dec inc corp co ltd mt ft e.g i.e etc cf al "
    "approx dept est fig vol".split()
)
_BLANK_LINE = re.compile(r"\n[ \t]*\n")


@dataclass(frozen=True)
class Span:
    paragraph: int  # 1-based
    start: int
    end: int


def split_sentences(text: str, body_start: int = 0, segmenter_name: str = "syntok") -> list[Span]:
    """Sentence spans of ``text[body_start:]``, offsets into ``text``."""
    if segmenter_name == "blingfire":
        return _blingfire(text, body_start)
    if segmenter_name != "syntok":
        raise ValueError(f"unknown segmenter {segmenter_name!r}; choose from {SEGMENTERS}")
    spans: list[Span] = []
    paragraph = 0
    for para in segmenter.analyze(text[body_start:]):
        counted = False
        for sentence in para:
            tokens = list(sentence)
            if not tokens:
                continue
            start = body_start + tokens[0].offset
            last = tokens[-1]
            end = body_start + last.offset + len(last.value)
            if text[end - len(last.value) : end] != last.value:
                # syntok rewrote the token (e.g. a contraction): end at the next whitespace.
                while end < len(text) and not text[end].isspace():
                    end += 1
            if text[start:end].strip():
                if not counted:
                    paragraph, counted = paragraph + 1, True
                spans.append(Span(paragraph, start, end))
    return spans


def _blingfire(text: str, body_start: int) -> list[Span]:
    import blingfire

    spans: list[Span] = []
    paragraph = 0
    pos = body_start
    for chunk in _BLANK_LINE.split(text[body_start:]):
        start = text.index(chunk, pos) if chunk else pos
        pos = start + len(chunk)
        if not chunk.strip():
            continue
        _, offsets = blingfire.text_to_sentences_and_offsets(chunk)
        merged: list[tuple[int, int]] = []
        for s, e in offsets:
            if merged:
                previous = chunk[merged[-1][0] : merged[-1][1]]
                last = previous.rsplit(None, 1)[-1].lower().rstrip(".") if previous.strip() else ""
                if previous.endswith(".") and (
                    last in _ABBREVIATIONS or (len(last) == 1 and last.isalpha())
                ):
                    merged[-1] = (merged[-1][0], e)
                    continue
            merged.append((s, e))
        if merged:
            paragraph += 1
        spans.extend(Span(paragraph, start + s, start + e) for s, e in merged)
    return spans
