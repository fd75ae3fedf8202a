"""The prose of a Markdown article, without the page chrome exported along with it.

Markdown copies of news pages carry the same chrome the HTML path loses to trafilatura:
bylines and update stamps, share rows, "Related" link lists, newsletter prompts, image
captions and photo credits, "Advertisement" slugs, author notes and copyright footers.
Rendering the Markdown to HTML and running trafilatura over it was measured
(bench/markdown_chrome.py) and kept most of that, and dropped list items, because
trafilatura's strongest cues (tag and class names, page layout) do not survive the round
trip. What Markdown does preserve is judged here instead, block by
block, from the markdown-it token stream:

* whether a block ends like a sentence: article paragraphs do, while bylines, datelines,
  stamps, slugs, captions, credits and headline lists do not;
* how much of a block is link text, and whether a link stands on its own after the prose
  ("… top stories. [Sign up here]") instead of inside a sentence;
* whether it speaks to the reader ("you", "our", "us") outside quotation marks, which news
  prose does not and calls to action do, or, typeset apart, opens by telling the reader to
  sign up, get or follow something;
* where it sits: under an image, in a list that is mostly links, under a heading or a
  "More from X:" lead-in whose content is all chrome, in the run of chrome that ends a file.

Nothing is rewritten. A kept block's text is exactly its visible text as before (markup
removed, line breaks as spaces) and blocks are joined by blank lines, so quotes stay exact
slices of the stored text. The cues are deliberately about structure, not about any
site's wording, so they carry over to exports the project has never seen.

Plain text copied from a page gets the subset of these cues that needs no markup
(:func:`plain_body`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from itertools import pairwise

from markdown_it import MarkdownIt
from markdown_it.token import Token

# A paragraph this short that does not end like a sentence is a label, not prose. Longer
# unpunctuated paragraphs are kept: they are more likely prose missing its full stop.
SHORT_WORDS = 30
# A block at least this share link text is navigation, not writing.
LINK_SHARE = 0.5
# A caption under an image shares at least this much of the image's alt text.
ALT_OVERLAP = 0.5
# This share of emphasised text sets a whole block apart (an italic note, a bold prompt).
WHOLE = 0.9

# Sentence-final punctuation (Latin, CJK, Arabic, Devanagari), then closing quotes/brackets.
_SENTENCE_END = re.compile(r"[.!?…。！？؟।][”\"’')\]」』）]*$")
_LEAD_END = re.compile(r"(?:[.!?…。！？؟।][”\"’')\]」』）]*|[:：])$")
_WORD = re.compile(r"\w+")
_CONTENT_WORD = re.compile(r"\w{4,}")
# Second-person and publication first-person words: chrome talks to the reader, news prose
# talks about third parties. "US" (the country) is not "us".
_READER = re.compile(r"\b(?:[Yy]ou(?:rs?|rself|rselves|'re|'ll|'ve|’re|’ll|’ve)?|[Oo]urs?|[Uu]s)\b")
# Any first or second person: the voice of a "thanks for reading, subscribe" pitch.
_PERSON = re.compile(r"\b(?:I|[Mm]e|[Mm]y|[Ww]e|[Oo]urs?|[Uu]s|[Yy]ou|[Yy]ours?)\b")
_QUOTED = re.compile(r"\"[^\"]*(?:\"|$)|“[^”]*(?:”|$)")
# Static-site template directives (Hugo shortcodes, Liquid tags, kramdown attribute lists)
# are markup that markdown-it passes through as text.
_TEMPLATE = re.compile(r"^\s*(?:\{\{[<%].*[>%]\}\}|\{%.*%\}|\{:.*\})\s*$", re.S)
# Words that credit a picture: a caption names its photographer or source.
_CREDIT = re.compile(r"\b(?:photo(?:graph)?s?|image|credit|courtesy|illustration)\b", re.I)
# A quotation signed after a dash ("… one minute resolving it.” — Albert Einstein") is prose.
_ATTRIBUTED = re.compile(r"[.!?…][”\"’]?\s+[—–-]+\s*\w[^.!?]{0,80}$")
# A prompt opens by telling the reader to act on the publication's offers ("Get the Morning
# Brief newsletter: …", "Sign up for alerts", "Follow us", "Watch: …"): the imperative
# addresses the reader as surely as "you" does. Read only in a block typeset apart (all
# bold or italic), where news prose has no imperatives of its own.
_PROMPT = re.compile(
    r"^\W*(?:get|sign|subscribe|join|follow|download|listen|watch|read|click|tap|register"
    r"|share|support|donate|become|try|never miss|don[’']t miss)\b",
    re.I,
)
# An e-mail address or a social handle: where a footer sends the reader.
_CONTACT = re.compile(r"\S@\w|(?<!\w)@\w")
_BLANK_LINES = re.compile(r"\n[ \t]*\n")
_LIST_MARK = re.compile(r"^\s*(?:[-*•–]|\d{1,3}[.)])\s")
_COPYRIGHT = re.compile(r"^\s*(?:©|\(c\)|copyright\s*(?:©|\(c\))?\s*\d{4})", re.I)


_LINK_REASONS = frozenset({"links", "link list", "call to action", "callout"})


@dataclass(frozen=True)
class _Run:
    """A stretch of inline text with the markup that matters for judging it."""

    text: str
    link: bool = False
    emphasis: bool = False


@dataclass
class _Line:
    runs: list[_Run]
    image: str | None = None  # the alt text when the line shows an image


@dataclass
class _Block:
    kind: str  # "paragraph", "heading", "item" (a paragraph in a list) or "rule"
    lines: list[_Line] = field(default_factory=list)
    level: int = 0  # heading level
    list_id: int | None = None  # the outermost list holding the block
    quote_id: int | None = None  # the outermost blockquote holding the block
    reason: str = ""  # why it was dropped; empty while kept
    had_image: bool = False
    stripped_link: bool = False  # a stand-alone trailing link was cut off
    button: bool = False  # nothing but links: a button or a link row
    runs: list[_Run] = field(default_factory=list)  # the lines, flattened
    original: str = ""  # the text before any line was dropped

    @property
    def kept(self) -> bool:
        return not self.reason and self.kind != "rule"

    @property
    def text(self) -> str:
        return "".join(r.text for r in self.runs).strip()


@dataclass(frozen=True)
class Judged:
    """One block of the source and what became of it, for tests and diagnostics."""

    kind: str
    text: str  # as stored when kept; as written (markup removed) when dropped
    reason: str  # empty when the block was kept


@dataclass(frozen=True)
class MarkdownBody:
    title: str | None  # the first level-one heading
    text: str  # the kept blocks, a blank line apart
    blocks: tuple[Judged, ...]


def markdown_body(source: str) -> MarkdownBody:
    """Parse a Markdown body (front matter already removed) into its prose."""
    title, blocks = _blocks(MarkdownIt("commonmark").parse(source))
    _judge(blocks)
    kept = [b.text for b in blocks if b.kept and b.text]
    if not kept:
        # Better to index a page of labels than to refuse a file the user chose to add.
        kept = [b.original for b in blocks if b.original]
    judged = tuple(
        Judged(b.kind, b.text if b.kept else b.original, b.reason)
        for b in blocks
        if b.kind != "rule"
    )
    return MarkdownBody(title=title, text="\n\n".join(kept), blocks=judged)


def plain_body(text: str, body_start: int = 0) -> str:
    """A plain-text article without its chrome paragraphs; the header before the body stays.

    Text copied out of a web page carries the same bylines, slugs, headline lists and
    footers as a Markdown export, one paragraph each between blank lines. Without markup
    only some cues apply (unpunctuated labels, lines with no lowercase word, copyright
    notices, lead-ins over chrome, reader-addressed notes at the end), and list items are
    left alone. When nothing is chrome the text comes back unchanged, so a clean file is
    still stored byte for byte; otherwise the kept paragraphs are joined by blank lines.
    """
    body = text[body_start:]
    chunks = [c.strip() for c in _BLANK_LINES.split(body)]
    blocks = [
        _Block("item" if _LIST_MARK.match(c) else "paragraph", [_Line([_Run(c)])], original=c)
        for c in chunks
        if c
    ]
    _judge(blocks)
    if all(b.kept for b in blocks) or not any(b.kept for b in blocks):
        return text
    lead = body[: len(body) - len(body.lstrip())]
    return text[:body_start] + lead + "\n\n".join(b.text for b in blocks if b.kept)


# --- tokens to blocks ---------------------------------------------------------------------


def _blocks(tokens: Sequence[Token]) -> tuple[str | None, list[_Block]]:
    title: str | None = None
    blocks: list[_Block] = []
    lists = quotes = 0
    list_depth = quote_depth = 0
    heading = 0
    for tok in tokens:
        t = tok.type
        if t in {"bullet_list_open", "ordered_list_open"}:
            list_depth += 1
            lists += list_depth == 1
        elif t in {"bullet_list_close", "ordered_list_close"}:
            list_depth -= 1
        elif t == "blockquote_open":
            quote_depth += 1
            quotes += quote_depth == 1
        elif t == "blockquote_close":
            quote_depth -= 1
        elif t == "heading_open":
            heading = int(tok.tag[1:])
        elif t == "heading_close":
            heading = 0
        elif t == "hr":
            blocks.append(_Block("rule"))
        elif t == "inline":
            lines = _lines(tok.children or [])
            if heading == 1:
                if title is None:
                    title = "".join(r.text for line in lines for r in line.runs).strip() or None
                continue  # a level-one heading is the title, never body text
            kind = "heading" if heading else "item" if list_depth else "paragraph"
            blocks.append(
                _Block(
                    kind,
                    lines,
                    level=heading,
                    list_id=lists if list_depth else None,
                    quote_id=quotes if quote_depth else None,
                    original="".join(r.text for r in _flatten(lines)).strip(),
                )
            )
    return title, blocks


def _lines(children: Sequence[Token]) -> list[_Line]:
    """Inline tokens as lines of runs; images, HTML tags and line breaks carry no text."""
    lines = [_Line([])]
    link = emphasis = 0
    for child in children:
        t = child.type
        if t == "link_open":
            link += 1
        elif t == "link_close":
            link = max(0, link - 1)
        elif t in {"em_open", "strong_open"}:
            emphasis += 1
        elif t in {"em_close", "strong_close"}:
            emphasis = max(0, emphasis - 1)
        elif t in {"text", "code_inline"}:
            lines[-1].runs.append(_Run(child.content, link > 0, emphasis > 0))
        elif t in {"softbreak", "hardbreak"}:
            lines.append(_Line([]))
        elif t == "image":
            alt = "".join(c.content for c in child.children or [] if c.type == "text")
            lines[-1].image = alt
    return lines


def _flatten(lines: Sequence[_Line]) -> list[_Run]:
    runs: list[_Run] = []
    for i, line in enumerate(lines):
        if i:
            runs.append(_Run(" "))
        runs.extend(line.runs)
    return runs


# --- measures -----------------------------------------------------------------------------


def _alnum(text: str) -> int:
    return sum(map(str.isalnum, text))


def _share(runs: Sequence[_Run], *, link: bool = False, emphasis: bool = False) -> float:
    total = marked = 0
    for r in runs:
        n = _alnum(r.text)
        total += n
        if (link and r.link) or (emphasis and r.emphasis):
            marked += n
    return marked / total if total else 0.0


def _has_link(runs: Sequence[_Run]) -> bool:
    return any(r.link and r.text.strip() for r in runs)


def _ends_sentence(runs: Sequence[_Run]) -> bool:
    """True when the text ends with sentence punctuation that is not itself link text."""
    for r in reversed(runs):
        if r.text.strip():
            return not r.link and bool(_SENTENCE_END.search(r.text.rstrip()))
    return False


def _unquoted(text: str) -> str:
    return _QUOTED.sub(" ", text)


def _addresses_reader(text: str) -> bool:
    return bool(_READER.search(_unquoted(text)))


def _has_prose_word(text: str) -> bool:
    """A lowercase word, or one in a script without case: prose has one, a date or a name
    or a slug ("Advertisement.", "By Jane Roe.") does not."""
    return any(
        len(w) >= 3 and w.isalpha() and (w.islower() or w.lower() == w.upper())
        for w in _WORD.findall(text)
    )


def _words(text: str) -> int:
    return len(_WORD.findall(text))


def _set_off(block: _Block) -> bool:
    """Wholly emphasised or in a blockquote: typeset apart from the running prose."""
    return block.quote_id is not None or _share(block.runs, emphasis=True) >= WHOLE


# --- judging ------------------------------------------------------------------------------


def _judge(blocks: list[_Block]) -> None:
    _judge_lines(blocks)
    for block in blocks:
        block.runs = _flatten(block.lines)
        if block.kind != "rule" and not block.reason:
            block.reason = _judge_block(block)
    _judge_groups(blocks)
    _judge_pitches(blocks)
    _judge_tail(blocks)
    _judge_lead_ins(blocks)


def _judge_lines(blocks: list[_Block]) -> None:
    """Drop template directives, images and the caption lines that follow an image."""
    alt: str | None = None  # set while the previous block was only an image
    for block in blocks:
        if block.kind == "rule":
            alt = None
            continue
        kept: list[_Line] = []
        caption_of: str | None = None  # alt text of the image the next line may caption
        last_alt, captioned = "", False
        for line in block.lines:
            raw = "".join(r.text for r in line.runs)
            if _TEMPLATE.match(raw):
                continue
            if line.image is not None:
                block.had_image = True
                caption_of = last_alt = line.image
                continue
            if caption_of is not None and _caption_like(line.runs, caption_of):
                captioned = True
                continue
            caption_of = None
            kept.append(line)
        block.lines = kept
        text = "".join(r.text for line in kept for r in line.runs).strip()
        if not text:
            block.reason = "image" if block.had_image else "template"
        elif (
            alt is not None
            and block.kind == "paragraph"
            and _words(text) <= SHORT_WORDS
            and _caption_like(_flatten(kept), alt)
        ):
            block.reason = "caption"
        # An image with no caption of its own may be captioned by the next paragraph.
        alt = last_alt if block.had_image and not text and not captioned else None


def _caption_like(runs: Sequence[_Run], alt: str) -> bool:
    """Typeset apart, unpunctuated, crediting a picture, or retelling the alt text."""
    text = "".join(r.text for r in runs)
    if not text.strip():
        return True
    if _share(runs, emphasis=True) >= WHOLE or not _ends_sentence(runs) or _CREDIT.search(text):
        return True
    alt_words = {w.lower() for w in _CONTENT_WORD.findall(alt)}
    if len(alt_words) < 2:
        return False
    words = {w.lower() for r in runs for w in _CONTENT_WORD.findall(r.text)}
    return len(alt_words & words) >= ALT_OVERLAP * len(alt_words)


def _judge_block(block: _Block) -> str:
    """Why this block alone is chrome, or an empty string."""
    text = block.text
    if not text:
        return "empty"
    if _TEMPLATE.match(text):
        return "template"
    if _COPYRIGHT.match(text):
        return "copyright"
    links = _share(block.runs, link=True)
    if block.kind == "heading":
        return "links" if links >= LINK_SHARE else ""
    if block.kind == "item":
        if links >= LINK_SHARE:
            return "links"
        short = _words(text) <= SHORT_WORDS // 2
        cta = short and _has_link(block.runs) and _addresses_reader(text)
        return "call to action" if cta else ""
    if _strip_trailing_links(block):
        text = block.text
        block.button = not text
        if not text or not _ends_sentence(block.runs):
            return "links"
        if _addresses_reader(text):
            return "call to action"
        links = _share(block.runs, link=True)
    if links >= LINK_SHARE and (not _ends_sentence(block.runs) or _addresses_reader(text)):
        return "links"
    if (
        _set_off(block)
        and _words(text) <= SHORT_WORDS
        and (
            ((_has_link(block.runs) or block.stripped_link) and _addresses_reader(text))
            or _PROMPT.match(_unquoted(text))
        )
    ):
        # A boxed or italic prompt, or a bold one telling the reader to sign up ("Get the
        # Money Minute newsletter: …", linked elsewhere or not at all); a bold interview
        # question is not.
        return "call to action"
    if text.endswith(":"):
        return ""  # a lead-in: judged by what follows it
    unfinished = not _ends_sentence(block.runs) and not _ATTRIBUTED.search(text)
    if unfinished and _words(text) <= SHORT_WORDS:
        return "fragment"
    if not _has_prose_word(text):
        return "fragment"  # "February 11, 2026 at 7:15 p.m.", "By Jane Roe."
    return ""


def _strip_trailing_links(block: _Block) -> bool:
    """Cut links that stand on their own after the prose ("… stories. [Sign up here]").

    Links inside a sentence are part of it; links after a sentence's end, a colon, or with
    nothing before them are a button or a link row, never a clause of the article.
    """
    runs = block.runs
    i, saw_link = len(runs), False
    while i > 0:
        r = runs[i - 1]
        if r.link:
            saw_link = saw_link or bool(r.text.strip())
        elif _alnum(r.text):
            break
        i -= 1
    if not saw_link:
        return False
    head = "".join(r.text for r in runs[:i]).rstrip()
    if head and not _LEAD_END.search(head):
        return False
    block.runs = runs[:i]
    block.stripped_link = True
    return True


def _judge_groups(blocks: list[_Block]) -> None:
    """A list that is mostly chrome is a link list; a callout is dropped as a whole."""
    lists: dict[int, list[_Block]] = {}
    quotes: dict[int, list[_Block]] = {}
    for b in blocks:
        if b.list_id is not None:
            lists.setdefault(b.list_id, []).append(b)
        if b.quote_id is not None:
            quotes.setdefault(b.quote_id, []).append(b)
    for members in lists.values():
        dropped = sum(not b.kept for b in members)
        if dropped * 2 > len(members):
            for b in members:
                b.reason = b.reason or "link list"
    for members in quotes.values():
        if any(b.reason == "call to action" for b in members):
            for b in members:
                b.reason = b.reason or "callout"


def _judge_pitches(blocks: list[_Block]) -> None:
    """A short first- or second-person paragraph right before a button is its pitch."""
    for b, nxt in pairwise(blocks):
        if (
            b.kept
            and b.kind == "paragraph"
            and nxt.button
            and nxt.kind == "paragraph"
            and _words(b.text) <= SHORT_WORDS
            and _PERSON.search(_unquoted(b.text))
        ):
            b.reason = "call to action"


def _judge_tail(blocks: list[_Block]) -> None:
    """Author notes, tip lines and subscription notes in the run of chrome ending a file.

    Walking back from the end through chrome already found, an italic or bold note, or a
    short paragraph sending the reader somewhere (a link, an address) is part of the
    footer; the first other block is the article's last paragraph and ends the walk.
    Lists and blockquotes end it too: an article may well close on a list, or on a quoted
    statement in the first person.
    """
    for b in reversed(blocks):
        if b.kind in {"rule", "heading"} or not b.kept:
            continue
        if b.kind != "paragraph" or b.quote_id is not None:
            break
        words = _words(b.text)
        note = _share(b.runs, emphasis=True) >= WHOLE and words <= 2 * SHORT_WORDS
        contact = _has_link(b.runs) or _CONTACT.search(b.text)
        prompt = words <= SHORT_WORDS and bool(contact) and _addresses_reader(b.text)
        if not (note or prompt):
            break
        b.reason = "footer"


def _judge_lead_ins(blocks: list[_Block]) -> None:
    """Headings and "More from X:" lines lead into what follows; over chrome, they go.

    A heading goes when nothing in its section is kept, or when a dropped link list comes
    straight after it (a "Related" box in the middle of the prose); a line ending in a
    colon goes when the block right after it was dropped as links. One backward pass:
    ``content[n]`` says whether anything kept lies between here and the next heading of
    level ``n`` or higher (or a rule), i.e. in a level-``n`` section.
    """
    content = [False] * 7
    following: _Block | None = None  # the next block, unless a rule or the end comes first
    for b in reversed(blocks):
        if b.kind == "rule":
            content = [False] * 7
            following = None
            continue
        follows_chrome = following is None or not following.kept
        # A colon may introduce a picture, code or a table, so only links count against it.
        introduces_links = following is not None and following.reason in _LINK_REASONS
        if b.kept and b.kind == "heading":
            over_links = following is not None and following.kind == "item" and follows_chrome
            if over_links or not content[b.level]:
                b.reason = "lead-in"
        elif b.kept and b.kind == "paragraph" and b.text.endswith(":") and introduces_links:
            b.reason = "lead-in"
        if b.kind == "heading":
            for level in range(b.level, 7):
                content[level] = False
        elif b.kept:
            content = [True] * 7
        following = b
