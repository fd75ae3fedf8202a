"""Split an article body into paragraphs and sentences, keeping exact offsets.

Two segmenters (bench/ingest.py measures both, and pysbd, alone and in the whole ingest):

* ``syntok`` (default) was chosen over pysbd: on the sample it keeps the quoted "I hope it
  will be…" sentence apart where pysbd glues it to the previous one, it keeps "Mr.",
  "U.S." and "Jan. 5" whole, and it is several times faster.
* ``blingfire`` (``library.segmenter = "blingfire"``) is several times faster again, for
  bulk ingest, and answers as well in the evaluations; but it splits after some
  abbreviations ("Mr.\nSmith") and misses some boundaries before them, so its pieces that
  end in a known abbreviation or a single initial are joined back to the next one.

Either way each sentence is an exact slice of the article text, and at most
:data:`MAX_SENTENCE_CHARS` long: a longer run without sentence punctuation (a table, a
list, hostile text) is cut at the last blank before the limit, so that no quote is too
long to show and no later stage (attribution, answer types) ever works on a huge
sentence. Both segmenters are driven one paragraph at a time, so the work is linear in the
length of the text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from syntok import segmenter
from syntok._segmentation_states import State as _SyntokState
from syntok.tokenizer import Tokenizer

SEGMENTERS = ("syntok", "blingfire")
# Longer than any sentence of the squad-dev articles, and than a Discord message.
MAX_SENTENCE_CHARS = 2_000
# A piece of a merged blingfire sentence is checked for a closing abbreviation on at most
# this many characters: the longest abbreviation with its dots is far shorter.
_ABBREVIATION_TAIL = 64
_REWRITTEN_TOKEN_SCAN = 64
# syntok looks up to 50 tokens ahead of every opening bracket for its closing one, so a
# paragraph dense with brackets costs it up to fifty times what prose does. In a paragraph
# with more than 32 opening brackets, over one in 32 characters (prose has far fewer),
# syntok is shown every bracket as a plain symbol instead; the text itself is unchanged.
_OPENING_BRACKETS = "".join(sorted(_SyntokState.opening_brackets))
_PLAIN_BRACKETS = str.maketrans(
    dict.fromkeys(_SyntokState.opening_brackets | _SyntokState.closing_brackets, "|")
)
_DENSE_BRACKETS = 32
_SYNTOK_PIECE = 64 * 1024

# Abbreviations after which blingfire may wrongly end a sentence.
_ABBREVIATIONS = frozenset(
    "mr mrs ms dr prof gen sen rep gov st jr sr lt col capt sgt no vs u.s u.k u.n e.u jan "
    "feb mar apr jun jul aug sep sept oct nov dec inc corp co ltd mt ft e.g i.e etc cf al "
    "approx dept est fig vol".split()
)
# Titles written abbreviated before a name ("Michigan Gov. Angela Ruiz"): a sentence
# never ends in one, whatever the segmenter makes of the capital after it. Ranks of the
# armed services, police and clergy are among them ("Cpl.", "Maj.", "Rev.", "Fr.").
_TITLE_ABBREVIATIONS = frozenset(
    "mr mrs ms dr prof gen sen rep gov lt col capt sgt supt atty insp det cmdr adm "
    "cdr comdr cpl pvt maj brig lieut rev fr hon".split()
)
# A short capitalised abbreviation right after a title abbreviation is the rest of one
# compound rank ("Lt. Cdr.", "Brig. Gen.", "Det. Supt."), known to the list or not.
_RANK_PART = re.compile(r"\(?[A-Z][a-z]{1,4}\.")
_BLANK_LINE = re.compile(r"\n[ \t]*\n")
_BLANKS = " \t\n\r\f\v"


@dataclass(frozen=True)
class Span:
    paragraph: int  # 1-based
    start: int
    end: int


def split_sentences(text: str, body_start: int = 0, segmenter_name: str = "syntok") -> list[Span]:
    """Sentence spans of ``text[body_start:]``, offsets into ``text``."""
    if segmenter_name == "blingfire":
        return _bounded(text, _blingfire(text, body_start))
    if segmenter_name != "syntok":
        raise ValueError(f"unknown segmenter {segmenter_name!r}; choose from {SEGMENTERS}")
    return _bounded(text, _syntok(text, body_start))


def _syntok(text: str, body_start: int) -> list[Span]:
    """syntok's ``segmenter.analyze``, one paragraph at a time.

    ``analyze`` keeps offsets by prefixing each paragraph with as many spaces as there are
    characters before it, and then scans those spaces again: its time grows with the
    square of the number of paragraphs. Here each paragraph is tokenised on its own and
    its offset added afterwards; one space of padding still gives a paragraph's first token
    the leading spacing that ``analyze`` gives it (syntok only asks whether there is any).
    syntok holds a sentence's tokens in memory, so a paragraph longer than
    :data:`_SYNTOK_PIECE` characters (no prose paragraph is) is given to it in pieces cut
    at a blank.
    """
    body = text[body_start:]
    tokenizer = Tokenizer(replace_not_contraction=False)
    spans: list[Span] = []
    paragraph = 0
    for para_offset, para in segmenter.preprocess_with_offsets(body):
        counted = False
        for offset, piece in _pieces(para, para_offset):
            for start, end in _syntok_sentences(text, tokenizer, piece, body_start, offset):
                if text[start:end].strip():
                    if not counted:
                        paragraph, counted = paragraph + 1, True
                    spans.append(Span(paragraph, start, end))
    return _rejoined(text, spans)


def _rejoined(text: str, spans: list[Span]) -> list[Span]:
    """``spans`` with the wrong cuts of one paragraph joined back: after a title
    abbreviation ("Gov. | Angela Ruiz said"), and before a piece that opens with a dash
    or a lower-case letter, which continues a sentence ("FAIRHAVEN, Mich. | — Norvik
    Motors will close")."""
    out: list[Span] = []
    for span in spans:
        if out and out[-1].paragraph == span.paragraph:
            last = out[-1]
            tail = text[max(last.start, last.end - _ABBREVIATION_TAIL) : last.end].split()
            head = text[span.start : span.start + 1]
            if _ends_in_title(tail) or (head != "" and head in "—–") or head.islower():
                out[-1] = Span(last.paragraph, last.start, span.end)
                continue
        out.append(span)
    return out


def _is_title_abbreviation(word: str) -> bool:
    return word.endswith(".") and word.lower().rstrip(".").lstrip("(") in _TITLE_ABBREVIATIONS


def _ends_in_title(words: list[str]) -> bool:
    """Do ``words`` end in a title abbreviation, or in a compound rank whose first part
    is one ("Coast guard commander Lt. Cdr. | Ida Marsh said")?"""
    if not words:
        return False
    if _is_title_abbreviation(words[-1]):
        return True
    return (
        len(words) >= 2
        and _RANK_PART.fullmatch(words[-1]) is not None
        and _is_title_abbreviation(words[-2])
    )


def _pieces(para: str, offset: int) -> list[tuple[int, str]]:
    """``para`` (at ``offset``) in pieces of at most :data:`_SYNTOK_PIECE` characters."""
    pieces: list[tuple[int, str]] = []
    pos = 0
    while len(para) - pos > _SYNTOK_PIECE:
        limit = pos + _SYNTOK_PIECE
        cut = max(para.rfind(c, pos + _SYNTOK_PIECE // 2, limit) for c in _BLANKS)
        cut = limit if cut <= pos else cut
        pieces.append((offset + pos, para[pos:cut]))
        pos = cut
    pieces.append((offset + pos, para[pos:]))
    return pieces


def _syntok_sentences(
    text: str, tokenizer: Tokenizer, para: str, body_start: int, offset: int
) -> list[tuple[int, int]]:
    """(start, end) in ``text`` of the sentences syntok finds in ``para``, which is at
    ``offset`` in the body (``text`` from ``body_start``)."""
    pad = 1 if offset else 0
    base = body_start + offset - pad
    brackets = sum(map(para.count, _OPENING_BRACKETS))
    dense = brackets > _DENSE_BRACKETS and brackets * _DENSE_BRACKETS > len(para)
    seen = para.translate(_PLAIN_BRACKETS) if dense else para
    found: list[tuple[int, int]] = []
    for sentence in segmenter.segment(tokenizer.tokenize(seen, pad)):
        tokens = list(sentence)
        if not tokens:
            continue
        start = base + tokens[0].offset
        last = tokens[-1]
        end = base + last.offset + len(last.value)
        if seen[end - base - pad - len(last.value) : end - base - pad] != last.value:
            # syntok rewrote the token (e.g. a contraction): end at the next whitespace
            # (looked for only nearby, so a long run without any is not read again and
            # again).
            limit = min(len(text), end + _REWRITTEN_TOKEN_SCAN)
            while end < limit and not text[end].isspace():
                end += 1
        found.append((start, end))
    return found


def _blingfire(text: str, body_start: int) -> list[Span]:
    import blingfire

    spans: list[Span] = []
    paragraph = 0
    start = body_start
    for separator in [*_BLANK_LINE.finditer(text, body_start), None]:
        end = len(text) if separator is None else separator.start()
        chunk = text[start:end]
        chunk_start, start = start, (0 if separator is None else separator.end())
        if not chunk.strip():
            continue
        _, offsets = blingfire.text_to_sentences_and_offsets(chunk)
        merged: list[tuple[int, int]] = []
        for s, e in offsets:
            if merged and _ends_in_abbreviation(chunk, *merged[-1]):
                merged[-1] = (merged[-1][0], e)
            else:
                merged.append((s, e))
        if merged:
            paragraph += 1
        spans.extend(Span(paragraph, chunk_start + s, chunk_start + e) for s, e in merged)
    return spans


def _ends_in_abbreviation(chunk: str, start: int, end: int) -> bool:
    """Does the sentence ``chunk[start:end]`` end in a known abbreviation or an initial?

    Only its last characters are read, so that merging a long run of "Mr." pieces does not
    read the growing sentence again each time; a word longer than that is no abbreviation.
    """
    if end <= start or chunk[end - 1] != ".":
        return False
    tail = chunk[max(start, end - _ABBREVIATION_TAIL) : end]
    words = tail.split()
    clipped = end - _ABBREVIATION_TAIL > start
    if len(words) == 1 and clipped and not tail[0].isspace():
        return False
    last = words[-1].lower().rstrip(".")
    return last in _ABBREVIATIONS or (len(last) == 1 and last.isalpha())


def _bounded(text: str, spans: list[Span]) -> list[Span]:
    """Spans longer than :data:`MAX_SENTENCE_CHARS` cut at the last blank before the limit
    (or at the limit, inside a word that long)."""
    if all(s.end - s.start <= MAX_SENTENCE_CHARS for s in spans):
        return spans
    out: list[Span] = []
    for span in spans:
        start = span.start
        while span.end - start > MAX_SENTENCE_CHARS:
            limit = start + MAX_SENTENCE_CHARS
            cut = max(text.rfind(c, start + 1, limit + 1) for c in _BLANKS)
            if cut <= start:
                cut = limit
            piece_end = len(text[start:cut].rstrip(_BLANKS)) + start
            if piece_end > start:
                out.append(Span(span.paragraph, start, piece_end))
            start = cut
            while start < span.end and text[start] in _BLANKS:
                start += 1
        if span.end > start:
            out.append(Span(span.paragraph, start, span.end))
    return out
