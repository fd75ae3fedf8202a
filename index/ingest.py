"""Read an article (plain text, Markdown or HTML) into a :class:`Document`.

Every refusal is an :class:`IngestError` with a one-line reason, raised before
anything is stored, so a bad file can never leave half an article behind.
"""

from __future__ import annotations

import datetime as dt
import re
import tomllib
from pathlib import Path
from typing import Any

import yaml

from .markdown import markdown_body, plain_body
from .models import Document

MAX_BYTES = 5 * 1024 * 1024
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
MARKDOWN_SUFFIXES = {".md", ".markdown"}

# A plain-text article may start with "key value" header lines, like the sample's
# " date 2025-05-17"; only these keys are taken as metadata.
_HEADER_LINE = re.compile(r"^[ \t]*(date|title|url|source)[ \t]*[:=]?[ \t]+(\S.*?)[ \t]*$", re.I)
_DATE_PREFIX = re.compile(r"^(\d{4}-\d{2}-\d{2})[-_ ]*")


class IngestError(ValueError):
    """An article that cannot be indexed; ``str()`` is a one-line reason for the user."""


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
    if kind == "html":
        doc = _parse_html(text, source=source, url=url)
    elif kind == "markdown":
        doc = _parse_markdown(text, source=source, url=url)
    else:
        doc = _parse_plain(text, source=source, url=url)
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


def _normalize_date(value: Any) -> str | None:
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value).strip() or None


# --- front matter -----------------------------------------------------------------------


def _split_front_matter(text: str) -> tuple[dict[str, Any], int]:
    """Return (metadata, offset where the body starts) for a YAML (---) or TOML (+++) block."""
    for fence, loader in (("---", _load_yaml), ("+++", _load_toml)):
        if text.startswith(fence + "\n"):
            end = text.find("\n" + fence, len(fence))
            if end < 0:
                raise IngestError("front matter is not closed")
            block = text[len(fence) + 1 : end + 1]
            close = text.find("\n", end + 1 + len(fence))
            body_start = len(text) if close < 0 else close + 1
            return loader(block), body_start
    return {}, 0


def _load_yaml(block: str) -> dict[str, Any]:
    try:
        data = yaml.safe_load(block)
    except yaml.YAMLError as exc:
        raise IngestError(f"front matter is not valid YAML ({exc.__class__.__name__})") from None
    return data if isinstance(data, dict) else {}


def _load_toml(block: str) -> dict[str, Any]:
    try:
        return tomllib.loads(block)
    except tomllib.TOMLDecodeError as exc:
        raise IngestError(f"front matter is not valid TOML ({exc})") from None


def _meta_str(meta: dict[str, Any], key: str) -> str | None:
    value = meta.get(key)
    if value is None:
        return None
    return str(value).strip() or None


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
            m = _HEADER_LINE.match(line)
            if not m or m.group(1).lower() in header:
                break
            header[m.group(1).lower()] = m.group(2)
            pos = len(text) if nl < 0 else nl + 1
        if header and "date" in header and not _looks_like_date(header["date"]):
            header = {}
            pos = 0
        body_start = pos if header else 0
    merged = {**header, **meta}
    text = plain_body(text, body_start)
    return Document(
        text=text,
        source=source,
        title=_meta_str(merged, "title") or "",
        date=_normalize_date(merged.get("date")),
        url=_meta_str(merged, "url") or url,
        body_start=body_start,
    )


def _looks_like_date(value: str) -> bool:
    return bool(re.match(r"^\d{4}-\d{2}-\d{2}", value.strip()))


def _parse_markdown(text: str, *, source: str, url: str | None) -> Document:
    """Markdown is parsed with markdown-it; the stored text is its prose, one block a paragraph."""
    meta, body_start = _split_front_matter(text)
    body = markdown_body(text[body_start:])
    title = _meta_str(meta, "title") or body.title
    return Document(
        text=body.text,
        source=source,
        title=title or "",
        date=_normalize_date(meta.get("date")),
        url=_meta_str(meta, "url") or url,
    )


def _parse_html(text: str, *, source: str, url: str | None) -> Document:
    """Boilerplate (menus, footers, scripts) is removed by trafilatura."""
    import trafilatura  # imported lazily: it is slow to import and only HTML needs it

    body = trafilatura.extract(
        text, output_format="txt", include_comments=False, include_tables=False, url=url
    )
    if not body:
        body = trafilatura.html2txt(text) or ""
    meta = trafilatura.extract_metadata(text, default_url=url)
    title = (meta.title if meta else None) or ""
    paragraphs = [line.strip() for line in body.split("\n") if line.strip()]
    if paragraphs and title and paragraphs[0] == title.strip():
        paragraphs = paragraphs[1:]
    return Document(
        text="\n\n".join(paragraphs),
        source=source,
        title=title,
        date=_normalize_date(meta.date if meta else None),
        url=url or (meta.url if meta else None),
    )


def _title_from_name(name: str, doc: Document) -> str:
    stem = Path(name.rstrip("/")).stem if name else ""
    stem = _DATE_PREFIX.sub("", stem)
    words = re.split(r"[-_\s]+", stem)
    title = " ".join(w[:1].upper() + w[1:] for w in words if w)
    if title:
        return title
    first_line = doc.text[doc.body_start :].strip().split("\n", 1)[0]
    return first_line[:80]
