"""``articlebot index DIR``: the article files of a folder.

A folder is read recursively, in name order, with hidden files and folders (names that
start with ".") left out. Only the kinds the reader handles are taken: plain text,
Markdown and HTML by their suffix; anything else in the folder (images, PDFs, notes
without a suffix) is skipped and counted, so one command can index an export folder.
A file named on the command line is always read, whatever its suffix.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from index.ingest import HTML_SUFFIXES, MARKDOWN_SUFFIXES

TEXT_SUFFIXES = frozenset({".txt", ".text"})
SUPPORTED_SUFFIXES = TEXT_SUFFIXES | MARKDOWN_SUFFIXES | HTML_SUFFIXES


@dataclass
class Expanded:
    files: list[str] = field(default_factory=list)
    unsupported: list[Path] = field(default_factory=list)  # skipped in folders


def expand(paths: list[str]) -> Expanded:
    """Each path as given, or for a folder the supported files under it."""
    out = Expanded()
    for given in paths:
        path = Path(given)
        if not path.is_dir():
            out.files.append(given)
            continue
        for found in sorted(path.rglob("*")):
            relative = found.relative_to(path).parts
            if any(part.startswith(".") for part in relative) or not found.is_file():
                continue
            if found.suffix.lower() in SUPPORTED_SUFFIXES:
                out.files.append(str(found))
            else:
                out.unsupported.append(found)
    return out
