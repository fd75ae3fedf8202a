"""Answer-quality metrics, as defined in the eval data's README.

Question kinds: ``answerable`` and ``attribution`` (gold substrings; attribution also has
``all``, the substrings that together make the full answer), ``abstain`` (nothing should
be quoted), ``smalltalk`` (chatter such as "thanks!": right when the answer is marked
small talk, so the bot stays silent) and ``span`` (SQuAD style: a quote is right when it
comes from the question's article file and its character range overlaps an answer's).

A set may come with ``boilerplate.txt`` beside its questions: page furniture (bylines,
share links, sidebar headlines) that a correct bot never quotes. Every answer quoting
one of those lines is counted, whatever the question's kind, because a quoted "Sign up
here" is wrong even when a right quote sits above it.
"""

from __future__ import annotations

import re
from collections.abc import Awaitable, Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from markdown_it import MarkdownIt

from .jsonl import read_objects
from .models import Answer, Quote

Ask = Callable[[str], Awaitable[Answer]]
BOILERPLATE_FILE = "boilerplate.txt"
# A boilerplate line this long is page furniture wherever it appears in a quote; a shorter
# one ("Home", "Share:") is only counted when it is the whole quote, since such words also
# occur in real sentences.
BOILERPLATE_FRAGMENT = 15
_MARKDOWN = MarkdownIt("commonmark")
# What opens a list item, a heading or a quotation: markup, not words.
_BLOCK_MARK = re.compile(r"^(?:[-*+][ \t]+|\d{1,9}[.)][ \t]+|#{1,6}[ \t]+|>[ \t]*)")


@dataclass
class Miss:
    id: str
    question: str
    kind: str
    returned: list[str]
    declined_by: str | None = None  # the rule that declined it, when nothing was quoted


@dataclass
class Report:
    answerable: int = 0
    p_at_1: float = 0.0
    mrr_at_5: float = 0.0
    attribution: int = 0
    attribution_r_at_3: float = 0.0
    abstain: int = 0
    abstain_correct: int = 0
    wrongly_abstained: int = 0
    smalltalk: int = 0
    smalltalk_silent: int = 0
    boilerplate_quoted: int | None = None  # None: the set has no boilerplate list
    file: str | None = None
    misses: list[Miss] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"file": self.file} if self.file is not None else {}
        out.update(
            {
                "answerable": self.answerable,
                "p_at_1": round(self.p_at_1, 4),
                "mrr_at_5": round(self.mrr_at_5, 4),
                "attribution": self.attribution,
                "attribution_r_at_3": round(self.attribution_r_at_3, 4),
                "abstain": self.abstain,
                "abstain_correct": self.abstain_correct,
                "wrongly_abstained": self.wrongly_abstained,
                "smalltalk": self.smalltalk,
                "smalltalk_silent": self.smalltalk_silent,
                "boilerplate_quoted": self.boilerplate_quoted,
                "misses": [m.__dict__ for m in self.misses],
            }
        )
        return out

    def summary_lines(self) -> list[str]:
        lines = [f"set:                 {self.file}"] if self.file is not None else []
        lines += [
            f"answerable questions: {self.answerable}",
            f"P@1:                 {self.p_at_1:.3f}",
            f"MRR@5:               {self.mrr_at_5:.3f}",
        ]
        if self.attribution:
            lines.append(
                f"attribution R@3:     {self.attribution_r_at_3:.3f} ({self.attribution} questions)"
            )
        if self.abstain:
            lines.append(f"abstain accuracy:    {self.abstain_correct}/{self.abstain}")
        share = self.wrongly_abstained / self.answerable if self.answerable else 0.0
        lines.append(
            f"wrongly abstained:   {self.wrongly_abstained}/{self.answerable} ({share:.1%})"
        )
        if self.smalltalk:
            lines.append(f"small talk silent:   {self.smalltalk_silent}/{self.smalltalk}")
        if self.boilerplate_quoted is not None:
            lines.append(f"boilerplate quoted:  {self.boilerplate_quoted}")
        return lines


def load_questions(path: str | Path) -> list[dict[str, Any]]:
    lines = Path(path).read_text(encoding="utf-8").splitlines()
    objects = read_objects(
        lines, lambda o: "q" in o and "kind" in o, "an object with 'q' and 'kind'", str(path)
    )
    return [item for _, item in objects]


def load_boilerplate(questions: str | Path) -> list[str] | None:
    """The boilerplate lines listed beside a questions file, or None when there is no list.

    A line copied from a Markdown file keeps its markup ("Read more: [Headline](url)"),
    while a quote holds only visible text, so each such line is also listed as it reads.
    """
    path = Path(questions).parent / BOILERPLATE_FILE
    if not path.is_file():
        return None
    found: list[str] = []
    for raw in path.read_text(encoding="utf-8").splitlines():
        for line in dict.fromkeys((" ".join(raw.split()), _visible_text(raw))):
            if line:
                found.append(line)
    return found


def _visible_text(line: str) -> str:
    """A line of Markdown as a reader sees it: link and image text, no markup."""
    tokens = _MARKDOWN.parseInline(_BLOCK_MARK.sub("", line.strip()))
    words: list[str] = []
    for token in tokens[0].children or [] if tokens else []:
        if token.type in ("text", "code_inline", "image"):  # an image reads as its alt text
            words.append(token.content)
        elif token.type in ("softbreak", "hardbreak"):
            words.append(" ")
    return " ".join("".join(words).split())


def quotes_boilerplate(text: str, boilerplate: Sequence[str]) -> bool:
    """Does a quote hold page furniture: a long boilerplate line, or exactly a short one?"""
    quote = " ".join(text.split())
    return any(
        (len(line) >= BOILERPLATE_FRAGMENT and line in quote) or line == quote
        for line in boilerplate
    )


def is_correct(item: dict[str, Any], quote: Quote) -> bool:
    if item["kind"] == "span":
        if Path(quote.citation.source).name != item["article"]:
            return False
        start, end = quote.citation.start, quote.citation.end
        return any(
            start < a["start"] + max(1, len(a["text"])) and a["start"] < end
            for a in item["answers"]
        )
    return any(g in quote.text for g in item.get("gold", []))


async def evaluate(
    items: Iterable[dict[str, Any]], ask: Ask, boilerplate: Sequence[str] | None = None
) -> Report:
    report = Report(boilerplate_quoted=None if boilerplate is None else 0)
    p1 = rr = recall = 0.0
    for item in items:
        answer = await ask(item["q"])
        quotes = answer.quotes
        returned = [q.text[:160] for q in quotes[:3]]
        miss = Miss(item.get("id", ""), item["q"], item["kind"], returned, answer.declined_by)
        if boilerplate is not None and any(quotes_boilerplate(q.text, boilerplate) for q in quotes):
            report.boilerplate_quoted = (report.boilerplate_quoted or 0) + 1
            report.misses.append(replace(miss, kind="boilerplate"))
        if item["kind"] == "smalltalk":
            report.smalltalk += 1
            if answer.small_talk:
                report.smalltalk_silent += 1
            else:
                report.misses.append(miss)
            continue
        if item["kind"] == "abstain":
            report.abstain += 1
            if not quotes:
                report.abstain_correct += 1
            else:
                report.misses.append(miss)
            continue
        report.answerable += 1
        if not quotes:
            report.wrongly_abstained += 1
        ranks = [i for i, q in enumerate(quotes[:5], start=1) if is_correct(item, q)]
        if ranks and ranks[0] == 1:
            p1 += 1
        if ranks:
            rr += 1 / ranks[0]
        if item["kind"] == "attribution":
            report.attribution += 1
            wanted = item.get("all", item.get("gold", []))
            top3 = " ".join(q.text for q in quotes[:3])
            recall += sum(1 for w in wanted if w in top3) / max(1, len(wanted))
        if not ranks or ranks[0] != 1:
            report.misses.append(miss)
    if report.answerable:
        report.p_at_1 = p1 / report.answerable
        report.mrr_at_5 = rr / report.answerable
    if report.attribution:
        report.attribution_r_at_3 = recall / report.attribution
    return report
