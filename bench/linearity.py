"""Does every stage of ingest and answering run in time linear in its input?

    python bench/linearity.py [--family NAME ...] [--scale 1.0] [--runs 3]

Each *family* builds an adversarial input of size n (repeated spaces, long header lines,
capitalised runs before "said", thousands of commas, unbalanced quotes, deep nesting…)
and runs it through the real code: :func:`index.ingest.parse_bytes` and
:func:`index.pipeline.process` for article files, :func:`index.attribution.attribute` on
one long text, or question parsing and the speaker lookup. Each family is timed at n, 2n
and 4n (process CPU time, the minimum of ``--runs`` runs, so that other work on a shared
machine does not count), and printed with the growth from n to 4n: about 4 for linear
work, 16 for quadratic. ``tests/test_linearity.py`` runs the same families and fails
when the growth exceeds 6.25 (2.5 per doubling, which leaves room for n log n).

``--write DIR`` instead writes one file of about 5 MB per family into DIR, for timing a
full ``articlebot index`` of each by hand.
"""

from __future__ import annotations

import argparse
import gc
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from itertools import pairwise
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from index.attribution import attribute
from index.ingest import IngestError, parse_bytes
from index.pipeline import process
from index.question import parse_question
from index.speakers import SpeakerDirectory

BIG = 5 * 1024 * 1024 - 4096  # the "5 MB" files: just under ingest's size limit


@dataclass(frozen=True)
class Family:
    name: str
    n: int  # the base size for the test: the 4n run takes roughly 50-200 ms once linear
    run: Callable[[int], object]  # does the work for size n
    file: Callable[[int], tuple[str, bytes]] | None = None  # (file name, bytes) of size ~n


def _ingest(
    name: str, make: Callable[[int], str], segmenter: str = "syntok"
) -> Callable[[int], object]:
    """Parse and process an article file; a refusal is a result too (it must be quick)."""

    def run(n: int) -> object:
        try:
            doc = parse_bytes(make(n).encode(), source=name, filename=name)
        except IngestError as exc:
            return str(exc)
        return process(doc, segmenter)

    return run


@cache
def _names(count: int) -> list[str]:
    """Distinct capitalised made-up names: "Bac", "Cac", … (never real words)."""
    letters = "bcdfghjklmnpqrstvwxz"
    out = []
    for i in range(count):
        word, k = "", i
        while True:
            word += letters[k % 20] + "a"
            k //= 20
            if not k:
                break
        out.append(word.capitalize() + "v")
    return out


def _speaker_directory(speakers: int) -> SpeakerDirectory:
    """A library's worth of speakers: articles of five named speakers each."""
    directory = SpeakerDirectory()
    names = _names(speakers * 2)
    for a in range(speakers // 5):
        people = [f"{names[2 * i]} {names[2 * i + 1]}" for i in range(5 * a, 5 * a + 5)]
        directory.add_article(
            f"article-{a}",
            [(10 * a + i, p) for i, p in enumerate(people)],
            [(p, "spokesperson kremlin") for p in people],
        )
    return directory


_DIRECTORIES: dict[int, SpeakerDirectory] = {}


def _directory(speakers: int) -> SpeakerDirectory:
    if speakers not in _DIRECTORIES:
        _DIRECTORIES[speakers] = _speaker_directory(speakers)
    return _DIRECTORIES[speakers]


def _speaker_lookup_question(n: int) -> object:
    """A question made of n speaker surnames ending in "'s reaction" (the length cap of
    answering is not applied here, so the growth with the question's length shows)."""
    surnames = _names(4_000)[1::2]
    question = parse_question(" ".join(surnames[:n]) + "'s reaction")
    return _directory(2_000).find(question.speaker, lambda _a: True)


def _speaker_lookup_library(n: int) -> object:
    """Speaker words that every speaker of a library of n shares a word with (their role,
    last): every speaker is a candidate and is scored."""
    surnames = _names(2 * n)[1::2]
    words = [s.lower() for s in surnames[:10]] + ["kremlin", "spokesperson"]
    return _directory(n).find(words, lambda _a: True)


def _attribute(make: Callable[[int], str]) -> Callable[[int], object]:
    return lambda n: attribute([make(n)], [1])


def _file(name: str, make: Callable[[int], str]) -> Callable[[int], tuple[str, bytes]]:
    return lambda n: (name, make(n).encode())


def _article(name: str, n: int, make: Callable[[int], str], segmenter: str = "syntok") -> Family:
    return Family(name, n, _ingest(_suffix(name), make, segmenter), _file(_suffix(name), make))


def _suffix(name: str) -> str:
    kind = name.split("-", 1)[0]
    return {"md": "a.md", "html": "a.html", "yaml": "a.md", "toml": "a.md"}.get(kind, "a.txt")


_NESTED_YAML_LIST = "---\ntitle: {}\n---\nThe mayor said the bridge opens.\n"

FAMILIES: list[Family] = [
    # repeated spaces, in the body and in header lines
    _article("spaces", 150_000, lambda n: "The mayor said a" + " " * n + "b opens.\n"),
    _article("header-title", 200_000, lambda n: "title a" + " " * n + "b\n\nThe mayor said it.\n"),
    _article("header-blank", 160_000, lambda n: "title" + " " * n + "\n\nThe mayor said it.\n"),
    _article("header-date", 200_000, lambda n: "date 2024-01-01" + "\t " * n + "x\n\nBody said.\n"),
    # capitalised runs before "said"
    _article("caps-said", 2_000, lambda n: "Minister " * n + "Smith said it."),
    _article("caps-the", 2_500, lambda n: "The " * n + "Smith said it."),
    Family("attribute-caps", 10_000, _attribute(lambda n: "Minister " * n + "Smith said it.")),
    Family("attribute-words", 10_000, _attribute(lambda n: "Word " * n + "said it.")),
    # commas
    _article("commas", 1_500, lambda n: "Italy, " * n + "said it."),
    _article("commas-bare", 5_000, lambda n: "He" + ", " * n + "said it."),
    Family("attribute-commas", 5_000, _attribute(lambda n: "Italy, " * n + "said it.")),
    Family("attribute-comma-verbs", 3_000, _attribute(lambda n: "x, said, " * n + "it.")),
    Family("attribute-and", 500, _attribute(lambda n: "Anna Berg " * n + "and said " * n)),
    # quote marks, straight and curly, unbalanced
    _article("quotes-straight", 25_000, lambda n: '"' * n + " said Peskov."),
    _article("quotes-curly", 20_000, lambda n: "“" * n + " said Peskov."),
    _article("quotes-open", 200, lambda n: "“We will go, said Anna Berg. " * n),
    Family("attribute-quotes", 1_200, _attribute(lambda n: '“a," said Anna Berg ' * n)),
    # names: many distinct speakers in one paragraph, pronouns and descriptions after them
    _article(
        "names",
        100,
        lambda n: " ".join(
            f"Minister {a} {b} said x. The minister said y. He said."
            for a, b in zip(*[iter(_names(2 * n))] * 2, strict=True)
        ),
    ),
    Family(
        "attribute-names",
        1_000,
        _attribute(lambda n: " ".join(f"{a} {b} said, " for a, b in pairwise(_names(n + 1)))),
    ),
    # long tokens without spaces
    _article("long-token", 80_000, lambda n: "a" * n + " said it."),
    _article("long-token-capital", 30_000, lambda n: "A" * n + " said it. He said so."),
    # repeated punctuation
    _article("punctuation-bang", 60_000, lambda n: "It said " + "!" * n),
    _article("punctuation-dots", 60_000, lambda n: "It said " + "." * n),
    _article("punctuation-mixed", 28_000, lambda n: "It said " + "?!.,;:-" * (n // 7)),
    _article("abbreviations", 5_000, lambda n: "Mr. " * n + "Smith said.", "blingfire"),
    # deeply nested brackets
    _article("brackets", 3_000, lambda n: "(" * n + "Peskov said" + ")" * n),
    _article("brackets-square", 3_500, lambda n: "[" * n + "Peskov said" + "]" * n),
    # many short lines
    _article("short-lines", 3_000, lambda n: "a\n" * n),
    _article("short-paragraphs", 400, lambda n: "He said.\n\n" * n),
    _article("blank-lines", 50_000, lambda n: "x\n" + " \n" * n + "Peskov said it.\n"),
    # Markdown nesting
    _article("md-blockquote", 5_000, lambda n: "> " * n + "The mayor said it.\n"),
    _article("md-list", 10_000, lambda n: "- " * n + "The mayor said it.\n"),
    _article("md-emphasis", 1_800, lambda n: "*" * n + "a" + "*" * n + " said it.\n"),
    _article("md-links", 1_000, lambda n: "[" * n + "a" + "](b)" * n + " said.\n"),
    _article("md-backticks", 5_000, lambda n: "`a" * n + " said.\n"),
    _article("md-heading", 100_000, lambda n: "# " + "Title " * n + "\n\nBody said.\n"),
    # HTML nesting
    _article(
        "html-divs", 2_000, lambda n: "<div>" * n + "<p>The mayor said it.</p>" + "</div>" * n
    ),
    _article("html-inline", 2_000, lambda n: "<b>" * n + "The mayor said it." + "</b>" * n),
    _article(
        "html-paragraphs",
        120,
        lambda n: (
            "<html><body><article>"
            + "<p>The mayor said the bridge opens today.</p>" * n
            + "</article></body></html>"
        ),
    ),
    _article("html-unclosed", 200, lambda n: "<html><body>" + "<p>a" * n + "</body></html>"),
    _article("html-br", 300, lambda n: "<html><body><p>" + "a<br>" * n + "</p></body></html>"),
    _article(
        "html-table",
        250,
        lambda n: (
            "<html><body><table>"
            + "<tr><td>a</td></tr>" * n
            + "</table><p>The mayor said it.</p></body></html>"
        ),
    ),
    _article(
        "html-title",
        7_000,
        lambda n: (
            "<html><head><title>"
            + "Word " * n
            + "</title></head><body><p>The mayor said the bridge opens on Monday.</p></body></html>"
        ),
    ),
    # front matter: nesting, size, aliases
    _article("yaml-nesting", 200, lambda n: _NESTED_YAML_LIST.format("[" * n + "]" * n)),
    _article("yaml-title", 100_000, lambda n: _NESTED_YAML_LIST.format("a " * n)),
    _article(
        "yaml-aliases",
        2_000,
        lambda n: "---\na: &a x\n" + "".join(f"k{i}: *a\n" for i in range(n)) + "---\nBody said.\n",
    ),
    _article("yaml-base60", 6_000, lambda n: _NESTED_YAML_LIST.format("1:" * n + "1")),
    _article("yaml-flow-map", 400, lambda n: _NESTED_YAML_LIST.format("{" + "a: b, " * n + "}")),
    _article(
        "toml-nesting", 20_000, lambda n: "+++\ntitle = " + "[" * n + "]" * n + "\n+++\nBody.\n"
    ),
    _article("toml-array", 6_000, lambda n: "+++\ntitle = [" + "1," * n + "]\n+++\nBody said.\n"),
    _article("toml-title", 100_000, lambda n: '+++\ntitle = "' + "a " * n + '"\n+++\nBody said.\n'),
    # questions
    Family("question-surnames", 100, _speaker_lookup_question),
    Family("question-library", 1_400, _speaker_lookup_library),
    Family(
        "question-reaction-of",
        4_000,
        lambda n: parse_question("reaction of the " * n + "Peskov to the talks"),
    ),
]


def cpu_time(run: Callable[[int], object], n: int, runs: int) -> float:
    """The minimum CPU time of this thread over ``runs`` runs (others do not count)."""
    best = float("inf")
    gc.collect()
    for _ in range(runs):
        start = time.thread_time()
        run(n)
        best = min(best, time.thread_time() - start)
    return best


def curve(
    family: Family,
    scale: float = 1.0,
    runs: int = 3,
    limit: float = 30.0,
    probe: int = 16,
    multiples: tuple[int, ...] = (1, 2, 4),
) -> list[float]:
    """Times at n, 2n and 4n (or the other ``multiples`` of n). Before each size the time
    is projected from the last one as if it grew quadratically (starting from a probe at
    n/``probe``); when the projection exceeds ``limit`` seconds the curve stops there, so
    quadratic code cannot hang a run."""
    n = max(1, int(family.n * scale))
    small = max(1, n // probe)
    family.run(small)  # warm up: imports and caches
    last_size, last_time = small, cpu_time(family.run, small, 1)
    times: list[float] = []
    for size in (m * n for m in multiples):
        if last_time * (size / last_size) ** 2 > limit:
            break
        times.append(cpu_time(family.run, size, runs))
        last_size, last_time = size, times[-1]
    return times


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--family", nargs="*", help="only these families")
    parser.add_argument("--scale", type=float, default=1.0, help="multiply every n by this")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--limit", type=float, default=30.0, help="stop a family after this")
    parser.add_argument("--write", metavar="DIR", help="write one ~5 MB file per family")
    args = parser.parse_args()
    chosen = [f for f in FAMILIES if not args.family or f.name in args.family]
    if args.write:
        write_big_files(chosen, Path(args.write))
        return
    print(f"{'family':24} {'n':>9} {'t(n) ms':>9} {'t(2n) ms':>9} {'t(4n) ms':>9} {'4n/n':>6}")
    for family in chosen:
        n = max(1, int(family.n * args.scale))
        try:
            times = curve(family, args.scale, args.runs, args.limit)
        except Exception as exc:  # the old code's RecursionError is a result, not a crash
            print(f"{family.name:24} {n:>9,} raised {exc.__class__.__name__}", flush=True)
            continue
        cells = [f"{t * 1000:9.1f}" for t in times] + ["        -"] * (3 - len(times))
        ratio = f"{times[2] / max(times[0], 1e-6):6.1f}" if len(times) == 3 else "     >"
        print(f"{family.name:24} {n:>9,} {' '.join(cells)} {ratio}", flush=True)


def write_big_files(families: list[Family], folder: Path) -> None:
    """Grow each file family until it is about 5 MB, and write it."""
    folder.mkdir(parents=True, exist_ok=True)
    for family in families:
        if family.file is None:
            continue
        n = family.n
        name, data = family.file(n)
        while len(data) < BIG // 2:
            n *= 2
            name, data = family.file(n)
        n = int(n * BIG / len(data))
        name, data = family.file(n)
        while len(data) > BIG:
            n = int(n * 0.98)
            name, data = family.file(n)
        path = folder / f"{family.name}{Path(name).suffix}"
        path.write_bytes(data)
        print(f"{path}\t{len(data):,} bytes")


if __name__ == "__main__":
    main()
