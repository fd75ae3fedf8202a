"""Read an article (plain text, Markdown or HTML) into a :class:`Document`.

Every refusal is an :class:`IngestError` with a one-line reason, raised before
anything is stored, so a bad file can never leave half an article behind.

Files come from server admins, so metadata is read defensively: front matter may not use
YAML aliases and is bounded in size and nesting, every metadata field is bounded in length
where it is read (before anything else sees it), and the header-line parsing uses no
pattern that can backtrack.
"""

from __future__ import annotations

import datetime as dt
import re
import tomllib
from pathlib import Path
from typing import Any

import yaml

from .errors import ArticlebotError
from .markdown import markdown_body, plain_body
from .models import Document

MAX_BYTES = 5 * 1024 * 1024
# Metadata bounds. A title is shown in every citation, so a longer one is clipped; a URL
# or date that long is no URL or date, so the file is refused rather than stored wrong.
MAX_TITLE_CHARS = 300
MAX_URL_CHARS = 2_000
MAX_DATE_CHARS = 100
# Front matter is a few lines of metadata: anything bigger or deeper is not.
MAX_FRONT_MATTER_CHARS = 64 * 1024
MAX_FRONT_MATTER_DEPTH = 20
# markdown-it keeps a token (some hundreds of bytes) for about every markup character and
# line break, and some markup ("![", "[") costs it far more time than prose: a Markdown
# body with more of these characters than any article has is refused before it is parsed.
MAX_MARKDOWN_MARKUP = 200_000
_MARKDOWN_MARKUP = "*_`[]!<&\\\n"
# trafilatura spends time on every element of a page: a page of more tags than any article
# page has (tiny elements cost it the most per character) is refused before it is parsed.
MAX_HTML_TAGS = 200_000
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
MARKDOWN_SUFFIXES = {".md", ".markdown"}

# A plain-text article may start with "key value" header lines, like the sample's
# " date 2025-05-17"; only these keys are taken as metadata. The pattern matches only the
# key and separator (every quantifier is followed by something it cannot match, so it
# cannot backtrack over a long run of blanks); the value is the rest of the line.
_HEADER_KEY = re.compile(r"[ \t]*(date|title|url|source)(?:[ \t]*[:=])?[ \t]+(?=\S)", re.I)
_DATE_PREFIX = re.compile(r"^(\d{4}-\d{2}-\d{2})[-_ ]*")
_BLANK_LINES = re.compile(r"\n[ \t]*\n")
# A line that ends a sentence: its last mark, before any closing quotes or brackets.
_ENDS_SENTENCE = re.compile(r"""[.!?][\"'”’)\]]*[ \t]*$""")
# Share of a block's lines (all but its last) that end a sentence for each line to be read
# as a paragraph of its own. Hard-wrapped prose ends a line mid-sentence far more often.
_PARAGRAPH_LINE_SHARE = 0.6
# The same in Markdown, where a sentence may end inside emphasis ("**Sign up today.**") or
# before a link's target ("[the report](https://…)."), and lines that open a list item, a
# quotation, a table row, a heading, a fence or indented code are structure: a block
# holding one is left as markdown-it reads it.
_MD_ENDS_SENTENCE = re.compile(r"""[.!?][\"'”’)\]*_]*(?:\]\([^()\s]*\)[.!?]?)?[ \t]*$""")
_MD_STRUCTURE = re.compile(r"^(?:[ \t]|[-*+][ \t]|[>|#]|\d{1,9}[.)][ \t]|```|~~~)")


class IngestError(ArticlebotError):
    """An article that cannot be indexed; ``str()`` is a one-line reason for the user."""


class _Refused(Exception):
    """A reason to refuse the file, raised where the file's name is not known:
    :func:`parse_bytes` turns it into an :class:`IngestError` that names the file."""


def read_path(path: str | Path) -> Document:
    p = Path(path)
    try:
        size = p.stat().st_size
    except OSError as exc:
        raise IngestError(f"{p}: cannot read ({exc.strerror or exc})") from None
    if not p.is_file():
        raise IngestError(f"{p}: not a regular file")
    if size > MAX_BYTES:
        raise IngestError(f"{p}: too large ({size:,} bytes; the limit is {MAX_BYTES:,})")
    try:
        data = p.read_bytes()
    except OSError as exc:
        raise IngestError(f"{p}: cannot read ({exc.strerror or exc})") from None
    return parse_bytes(data, source=str(p), filename=p.name)


def parse_bytes(
    data: bytes,
    *,
    source: str,
    filename: str = "",
    content_type: str | None = None,
    url: str | None = None,
) -> Document:
    """Decode and parse an article; the format comes from the content type or file name."""
    label = filename or source
    if len(data) > MAX_BYTES:
        raise IngestError(f"{label}: too large ({len(data):,} bytes; the limit is {MAX_BYTES:,})")
    if b"\x00" in data:
        raise IngestError(f"{label}: looks like a binary file, not an article")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise IngestError(f"{label}: not valid UTF-8 text (byte {exc.start})") from None
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise IngestError(f"{label}: the file is empty")
    if _has_binary_controls(text):
        raise IngestError(f"{label}: looks like a binary file, not an article")

    kind = _kind(filename, content_type, text)
    parse = {"html": _parse_html, "markdown": _parse_markdown}.get(kind, _parse_plain)
    try:
        doc = parse(text, source=source, url=_url(url))
    except _Refused as exc:
        raise IngestError(f"{label}: {exc}") from None
    except (RecursionError, MemoryError, ValueError) as exc:
        # A parser library (markdown-it, trafilatura, lxml) gave up on this file.
        raise IngestError(
            f"{label}: cannot be parsed as {kind} ({exc.__class__.__name__})"
        ) from None
    if not doc.text[doc.body_start :].strip():
        raise IngestError(f"{label}: no article text found")
    if not doc.title:
        doc = _replace(doc, title=_title_from_name(filename or source, doc))
    if doc.date is None:
        m = _DATE_PREFIX.match(Path(filename).stem if filename else "")
        if m:
            doc = _replace(doc, date=m.group(1))
    return doc


def _replace(doc: Document, **changes: Any) -> Document:
    from dataclasses import replace

    return replace(doc, **changes)


def _has_binary_controls(text: str) -> bool:
    sample = text[:4096]
    controls = sum(1 for ch in sample if ord(ch) < 32 and ch not in "\n\t\f\v")
    return controls > max(8, len(sample) // 100)


def _kind(filename: str, content_type: str | None, text: str) -> str:
    ctype = (content_type or "").split(";")[0].strip().lower()
    suffix = Path(filename).suffix.lower()
    if ctype in {"text/html", "application/xhtml+xml"} or suffix in HTML_SUFFIXES:
        return "html"
    if ctype == "text/markdown" or suffix in MARKDOWN_SUFFIXES:
        return "markdown"
    if not suffix and text.lstrip()[:15].lower().startswith(("<!doctype html", "<html")):
        return "html"
    return "plain"


# --- metadata -------------------------------------------------------------------------


def _scalar(value: object) -> str | None:
    """A metadata value as text: a string, number, boolean or date; anything else (a list,
    a mapping) is not a title, date or URL, and is never turned into text."""
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, str | int | float):  # bool is an int
        return str(value).strip() or None
    return None


def _title(value: object) -> str | None:
    text = _scalar(value)
    if text is None or len(text) <= MAX_TITLE_CHARS:
        return text
    return text[: MAX_TITLE_CHARS - 1].rstrip() + "…"


def _url(value: object) -> str | None:
    text = _scalar(value)
    if text is not None and len(text) > MAX_URL_CHARS:
        raise _Refused(
            f"the url is too long ({len(text):,} characters; the limit is {MAX_URL_CHARS:,})"
        )
    return text


def _date(value: object) -> str | None:
    text = _scalar(value)
    if text is not None and len(text) > MAX_DATE_CHARS:
        raise _Refused(
            f"the date is too long ({len(text):,} characters; the limit is {MAX_DATE_CHARS})"
        )
    return text


# --- front matter -----------------------------------------------------------------------


def _split_front_matter(text: str) -> tuple[dict[str, Any], int]:
    """Return (metadata, offset where the body starts) for a YAML (---) or TOML (+++) block."""
    for fence, loader in (("---", _load_yaml), ("+++", _load_toml)):
        if text.startswith(fence + "\n"):
            end = text.find("\n" + fence, len(fence))
            if end < 0:
                raise _Refused("front matter is not closed")
            block = text[len(fence) + 1 : end + 1]
            if len(block) > MAX_FRONT_MATTER_CHARS:
                raise _Refused(
                    f"front matter is too long ({len(block):,} characters; "
                    f"the limit is {MAX_FRONT_MATTER_CHARS:,})"
                )
            close = text.find("\n", end + 1 + len(fence))
            body_start = len(text) if close < 0 else close + 1
            return loader(block), body_start
    return {}, 0


class _FrontMatterLoader(yaml.SafeLoader):  # type: ignore[misc]  # PyYAML ships no types
    """PyYAML's safe loader without aliases, and with nesting bounded.

    An alias (``*name``) stands for a whole earlier node, so a few hundred bytes of
    aliases of aliases ("billion laughs") stand for billions of values once anything walks
    them; front matter never needs one. PyYAML composes nested nodes recursively, so the
    depth is bounded too. The check runs as each node is composed, before any value is
    built. Numbers are kept as the text they are written as: metadata is shown as text,
    and building YAML 1.1's base-60 numbers ("1:30:00") takes time quadratic in their
    length.
    """

    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self._depth = 0

    def compose_node(self, parent: Any, index: Any) -> Any:
        if self.check_event(yaml.AliasEvent):
            raise _Refused("front matter uses a YAML alias (*name); aliases are not accepted")
        if self._depth >= MAX_FRONT_MATTER_DEPTH:
            raise _Refused(f"front matter is nested deeper than {MAX_FRONT_MATTER_DEPTH} levels")
        self._depth += 1
        try:
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1


_NUMBER_TAGS = ("tag:yaml.org,2002:int", "tag:yaml.org,2002:float")
_FrontMatterLoader.yaml_implicit_resolvers = {
    first: [(tag, pattern) for tag, pattern in resolvers if tag not in _NUMBER_TAGS]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
for _tag in _NUMBER_TAGS:
    _FrontMatterLoader.add_constructor(_tag, yaml.SafeLoader.construct_yaml_str)


_FLOW_BRACKET = re.compile(r"[\[\]{}]")


def _flow_depth(block: str) -> int:
    """How deep the brackets and braces of ``block`` nest, counted without regard to
    quoting (so a title of many quoted brackets counts too)."""
    depth = deepest = 0
    for m in _FLOW_BRACKET.finditer(block):
        depth = depth + 1 if m.group() in "[{" else max(0, depth - 1)
        deepest = max(deepest, depth)
    return deepest


def _check_depth(block: str) -> None:
    """Deep nesting is refused before a parser reads it: PyYAML's scanner looks at every
    open bracket again for each token it reads (up to 1,024 characters ahead), and both
    PyYAML and tomllib parse nested values recursively."""
    if _flow_depth(block) > MAX_FRONT_MATTER_DEPTH:
        raise _Refused(f"front matter is nested deeper than {MAX_FRONT_MATTER_DEPTH} levels")


def _load_yaml(block: str) -> dict[str, Any]:
    _check_depth(block)
    loader = _FrontMatterLoader(block)
    try:
        data = loader.get_single_data()
    except yaml.YAMLError as exc:
        raise _Refused(f"front matter is not valid YAML ({exc.__class__.__name__})") from None
    except (ValueError, OverflowError) as exc:  # a value the constructors cannot build
        raise _Refused(
            f"front matter has a value that cannot be read ({exc.__class__.__name__})"
        ) from None
    finally:
        loader.dispose()
    return data if isinstance(data, dict) else {}


def _load_toml(block: str) -> dict[str, Any]:
    _check_depth(block)
    try:
        return tomllib.loads(block)
    except tomllib.TOMLDecodeError as exc:
        raise _Refused(f"front matter is not valid TOML ({exc})") from None
    except RecursionError:  # only if tomllib recursed for something else than brackets
        raise _Refused("front matter is nested too deeply") from None
    except (ValueError, OverflowError) as exc:  # e.g. an integer of too many digits
        raise _Refused(
            f"front matter has a value that cannot be read ({exc.__class__.__name__})"
        ) from None


# --- formats ----------------------------------------------------------------------------


def _parse_plain(text: str, *, source: str, url: str | None) -> Document:
    meta, body_start = _split_front_matter(text)
    header: dict[str, str] = {}
    if not meta:
        # "key value" header lines, then at least one blank line or the body.
        pos = 0
        while pos < len(text):
            nl = text.find("\n", pos)
            line = text[pos : nl if nl >= 0 else len(text)]
            m = _HEADER_KEY.match(line)
            if not m or m.group(1).lower() in header:
                break
            header[m.group(1).lower()] = line[m.end() :].rstrip(" \t")
            pos = len(text) if nl < 0 else nl + 1
        if header and "date" in header and not _looks_like_date(header["date"]):
            header = {}
            pos = 0
        body_start = pos if header else 0
    merged = {**header, **meta}
    text = plain_body(_paragraph_lines(text, body_start), body_start)
    return Document(
        text=text,
        source=source,
        title=_title(merged.get("title")) or "",
        date=_date(merged.get("date")),
        url=_url(merged.get("url")) or url,
        body_start=body_start,
    )


def _paragraph_lines(text: str, body_start: int, *, markdown: bool = False) -> str:
    """``text`` with a blank line between the lines of a block written a paragraph a line.

    Text copied out of a web page or an editor often puts each paragraph on one line with
    no blank line between them; read as written, the whole story would be one paragraph,
    and paragraph context, quotation runs and the chrome filter would all see one block.
    A block whose lines nearly all end a sentence is such a block; hard-wrapped prose,
    whose lines mostly stop mid-sentence, is left as it is, and so is a text with nothing
    to separate (returned unchanged, byte for byte). Markdown exports are written the same
    way, and there one block would also swallow the chrome after the story (a bold
    newsletter prompt, a "Read more:" link line), so ``markdown`` splits its prose blocks
    too, leaving blocks of Markdown structure as they are.
    """
    ends = _MD_ENDS_SENTENCE if markdown else _ENDS_SENTENCE
    body = text[body_start:]
    pieces: list[str] = []
    last = 0
    changed = False
    for separator in [*_BLANK_LINES.finditer(body), None]:
        end = len(body) if separator is None else separator.start()
        block = body[last:end]
        lines = [line for line in block.split("\n") if line.strip()]
        ended = sum(bool(ends.search(line)) for line in lines[:-1])
        structured = markdown and any(_MD_STRUCTURE.match(line) for line in lines)
        if len(lines) > 1 and not structured and ended >= _PARAGRAPH_LINE_SHARE * (len(lines) - 1):
            lead = block[: len(block) - len(block.lstrip())]
            tail = block[len(block.rstrip()) :]
            block = lead + "\n\n".join(line.strip() for line in lines) + tail
            changed = True
        pieces.append(block)
        if separator is not None:
            pieces.append(separator.group())
            last = separator.end()
    return text[:body_start] + "".join(pieces) if changed else text


def _looks_like_date(value: str) -> bool:
    return bool(re.match(r"^\d{4}-\d{2}-\d{2}", value.strip()))


def _parse_markdown(text: str, *, source: str, url: str | None) -> Document:
    """Markdown is parsed with markdown-it; the stored text is its prose, one block a paragraph."""
    meta, body_start = _split_front_matter(text)
    _check_markup(text[body_start:])
    markdown = _paragraph_lines(text[body_start:], 0, markdown=True)
    body = markdown_body(markdown)
    title = _title(meta.get("title")) or _title(body.title)
    return Document(
        text=body.text,
        source=source,
        title=title or "",
        date=_date(meta.get("date")),
        url=_url(meta.get("url")) or url,
    )


def _check_markup(body: str) -> None:
    markup = sum(map(body.count, _MARKDOWN_MARKUP))
    if markup > MAX_MARKDOWN_MARKUP:
        raise _Refused(
            f"too much Markdown markup ({markup:,} markup characters and line breaks; "
            f"the limit is {MAX_MARKDOWN_MARKUP:,})"
        )


def _parse_html(text: str, *, source: str, url: str | None) -> Document:
    """Boilerplate (menus, footers, scripts) is removed by trafilatura; what it keeps of
    the page's own chrome inside the article ("Read more: <a headline>" lines, link rows)
    is then judged as the Markdown path judges it (:mod:`index.markdown`): trafilatura
    writes the body as Markdown with its links, so a line that is all a link is seen to
    be one. Plain text is the fallback when that leaves nothing."""
    import trafilatura  # imported lazily: it is slow to import and only HTML needs it

    tags = text.count("<")
    if tags > MAX_HTML_TAGS:
        raise _Refused(f"too much HTML markup ({tags:,} tags; the limit is {MAX_HTML_TAGS:,})")
    meta = trafilatura.extract_metadata(text, default_url=url)
    title = (meta.title if meta else None) or ""
    marked = trafilatura.extract(
        text,
        output_format="markdown",
        include_links=True,
        include_comments=False,
        include_tables=False,
        url=url,
    )
    body = markdown_body(marked).text if marked else ""
    if not body.strip():
        body = (
            trafilatura.extract(
                text, output_format="txt", include_comments=False, include_tables=False, url=url
            )
            or trafilatura.html2txt(text)
            or ""
        )
    paragraphs = [line.strip() for line in body.split("\n") if line.strip()]
    if paragraphs and title and paragraphs[0] == title.strip():
        paragraphs = paragraphs[1:]
    return Document(
        text="\n\n".join(paragraphs),
        source=source,
        title=_title(title) or "",
        date=_date(meta.date if meta else None),
        url=url or _url(meta.url if meta else None),
    )


def _title_from_name(name: str, doc: Document) -> str:
    stem = Path(name.rstrip("/")).stem if name else ""
    stem = _DATE_PREFIX.sub("", stem)
    words = re.split(r"[-_\s]+", stem)
    title = _title(" ".join(w[:1].upper() + w[1:] for w in words if w))
    if title:
        return title
    first_line = doc.text[doc.body_start :].strip().split("\n", 1)[0]
    return first_line[:80]
