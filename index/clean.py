"""Split photo captions, credits and headlines out of scraped sentences.

Text copied from news pages carries captions and photo credits glued into the prose:
"…next week Reuters Negotiations on…", "Dmitry Peskov, Getty The source said…",
"Latest developments in the front line in Ukraine The Minister…". A sentence segmenter
cannot see those seams because there is no punctuation. Three seams are recognised:

* a photo credit (a news agency or picture library name) between a word and a capital;
* a capitalised "The" right after a word with no punctuation ("Ukraine The Minister");
* terminal punctuation, optionally closing a quotation, followed by a capital
  ("all !!!” Trump said"), which segmenters sometimes keep together.

A piece cut off at such a seam that does not end like a sentence (., !, ?, or a closing
quote after one) is a caption or headline and is dropped. Everything kept is still an
exact slice of the article text, so offsets stay valid.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Agencies and picture libraries that appear as photo credits in scraped news text.
CREDITS = (
    "AFP via Getty Images", "Getty Images", "Getty", "Reuters", "AFP", "AP Photo", "AP",
    "EPA-EFE", "EPA", "Bloomberg", "Shutterstock", "Alamy", "PA Media", "PA Wire", "TASS",
    "Sputnik", "Anadolu", "Xinhua", "NurPhoto", "SOPA Images", "dpa", "ANSA", "Kyodo",
    "Yonhap", "WireImage", "Pool",
)  # fmt: skip

_CREDIT_SEAM = re.compile(
    r"(?<=[\w,)])\s+(?:" + "|".join(re.escape(c) for c in CREDITS) + r")\s+(?=[A-Z])"
)
_THE_SEAM = re.compile(r"(?<=[a-z0-9])\s+(?=The\s)")
_END_SEAM = re.compile(r"(?:(?<=[!?])|(?<=[.!?][”\"]))\s+(?=[A-Z“\"])")
_SENTENCE_END = re.compile(r"[.!?…][”\"’)\]]*$")


@dataclass(frozen=True)
class Piece:
    start: int
    end: int
    cut: bool = False  # cut out at a credit seam: a caption unless it ends like a sentence


def _split(text: str, piece: Piece, seam: re.Pattern[str], marks_cut: bool) -> list[Piece]:
    out, pos = [], piece.start
    for m in seam.finditer(text, piece.start, piece.end):
        out.append(Piece(pos, m.start(), piece.cut or marks_cut))
        pos = m.end()
    if not out:
        return [piece]
    out.append(Piece(pos, piece.end, piece.cut or marks_cut))
    return out


def clean_span(text: str, start: int, end: int) -> list[Piece]:
    """The sentence-like pieces of ``text[start:end]`` (offsets into ``text``)."""
    pieces = [Piece(start, end)]
    pieces = [p for piece in pieces for p in _split(text, piece, _CREDIT_SEAM, True)]
    # "Ukraine The Minister" is a seam only inside text already known to hold a caption.
    pieces = [
        p for piece in pieces
        for p in (_split(text, piece, _THE_SEAM, True) if piece.cut else [piece])
    ]  # fmt: skip
    pieces = [p for piece in pieces for p in _split(text, piece, _END_SEAM, False)]
    kept = []
    for p in pieces:
        raw = text[p.start : p.end]
        stripped = raw.strip()
        if not stripped:
            continue
        if p.cut and not _SENTENCE_END.search(stripped):
            continue  # a caption, credit line or headline
        s = p.start + len(raw) - len(raw.lstrip())
        kept.append(Piece(s, s + len(stripped), p.cut))
    return kept
