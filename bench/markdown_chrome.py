"""Markdown chrome removal, two ways, on the Markdown articles the tests describe.

    python bench/markdown_chrome.py

For each article in tests/test_markdown.py (the data set's recall and bridge articles and
five export styles written for the tests) it counts the chrome fragments still stored
and the real paragraphs stored exactly, for:

* before: every visible block except the title (what ingest did before index/markdown.py);
* trafilatura: the Markdown rendered to HTML by markdown-it, wrapped in a page, and
  extracted like an HTML article (in an <article> and in a plain <div>);
* tokens: index.markdown, judging the markdown-it token stream.

It also times each on a large file made of the articles repeated.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

import trafilatura  # noqa: E402
from markdown_it import MarkdownIt  # noqa: E402
from test_markdown import ARTICLES, DATA  # noqa: E402

from index.ingest import _split_front_matter  # noqa: E402
from index.markdown import markdown_body  # noqa: E402


def before(body: str) -> list[str]:
    blocks, heading = [], False
    for tok in MarkdownIt("commonmark").parse(body):
        if tok.type == "heading_open":
            heading = tok.tag == "h1"
        elif tok.type == "inline":
            words = []
            for child in tok.children or []:
                if child.type in {"text", "code_inline"}:
                    words.append(child.content)
                elif child.type in {"softbreak", "hardbreak"}:
                    words.append(" ")
            block = "".join(words).strip()
            if block and not heading:
                blocks.append(block)
            heading = False
    return blocks


def via_trafilatura(wrapper: str) -> Callable[[str], list[str]]:
    def extract(body: str) -> list[str]:
        html = MarkdownIt("commonmark").render(body)
        page = f"<html><body><{wrapper}>{html}</{wrapper}></body></html>"
        out = trafilatura.extract(
            page, output_format="txt", include_comments=False, include_tables=False
        )
        return [line.strip() for line in (out or "").split("\n") if line.strip()]

    return extract


def tokens(body: str) -> list[str]:
    return markdown_body(body).text.split("\n\n")


METHODS: dict[str, Callable[[str], list[str]]] = {
    "before": before,
    "trafilatura <article>": via_trafilatura("article"),
    "trafilatura <div>": via_trafilatura("div"),
    "tokens": tokens,
}


def main() -> None:
    bodies = {}
    for name in ARTICLES:
        text = (DATA / name).read_text(encoding="utf-8")
        bodies[name] = text[_split_front_matter(text)[1] :]
    width = max(len(n) for n in ARTICLES)
    for method, fn in METHODS.items():
        print(f"\n{method}")
        totals = [0, 0, 0, 0]
        for name, (real, _, chrome) in ARTICLES.items():
            paragraphs = fn(bodies[name])
            stored = "\n\n".join(paragraphs)
            left = [c for c in chrome if c in stored]
            kept = sum(p in paragraphs for p in real)
            totals = [
                totals[0] + len(left),
                totals[1] + len(chrome),
                totals[2] + kept,
                totals[3] + len(real),
            ]
            print(
                f"  {name:<{width}}  chrome left {len(left):>2}/{len(chrome):<2}"
                f"  real kept {kept:>2}/{len(real):<2}  {'; '.join(left)[:80]}"
            )
        big = "\n\n".join(bodies.values()) * 80
        t = time.process_time()
        fn(big)
        seconds = time.process_time() - t
        print(
            f"  total: chrome left {totals[0]}/{totals[1]}, real kept {totals[2]}/{totals[3]};"
            f" {len(big) / 1e6:.2f} MB in {seconds:.2f} s CPU"
        )


if __name__ == "__main__":
    main()
