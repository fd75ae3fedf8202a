"""Replies cost what they can show, not what is stored (bot/embeds.py).

Rendering runs on the event loop for every reply. A stored sentence can be as long as an
article, so it must be clipped before it is escaped, and the escaping must be linear.
"""

from __future__ import annotations

import re
from collections.abc import Callable

import discord
import pytest
from scaling import assert_linear

import bot.embeds
from bot.embeds import (
    CONTENT_LIMIT,
    DESCRIPTION_LIMIT,
    answer_message,
    context_message,
    escape,
)
from index.models import Answer, Citation, Quote

HUGE = ("[a" * 200_000)[:400_000]  # 400 KB: discord.py's escape_markdown backtracks on it


def quote(text: str, sentence_id: int = 1, title: str = "Harbour report") -> Quote:
    citation = Citation(article_id="harbour", title=title, date="2024-09-12",
                        url="https://example.org/harbour", source="harbour.txt", paragraph=1,
                        sentence=sentence_id, start=0, end=len(text))  # fmt: skip
    return Quote(text=text, citation=citation, score=1.0, speaker="Ana Ruiz",
                 sentence_id=sentence_id)  # fmt: skip


@pytest.fixture
def escape_inputs(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """The length of every text given to the escaping; fails at once on an unclipped one."""
    seen: list[int] = []
    real: Callable[[str], str] = bot.embeds.escape

    def spy(text: str) -> str:
        seen.append(len(text))
        assert len(text) <= DESCRIPTION_LIMIT, f"escaped {len(text):,} characters for one reply"
        return real(text)

    monkeypatch.setattr(bot.embeds, "escape", spy)
    return seen


def within_limits(embeds: list[discord.Embed]) -> None:
    assert len(embeds) <= 10
    assert sum(len(e) for e in embeds) <= 6000  # len(embed): discord.py counts as Discord
    for e in embeds:
        assert len(e.description or "") <= DESCRIPTION_LIMIT
        assert len(e.title or "") <= 256 and len(e.footer.text or "") <= 2048


@pytest.mark.parametrize("count", [1, 3, 10])
def test_huge_sentence_is_clipped_before_it_is_escaped(
    escape_inputs: list[int], count: int
) -> None:
    answer = Answer(question="harbour?", quotes=[quote(HUGE, n) for n in range(1, count + 1)])
    content, embeds = answer_message(answer)
    within_limits(embeds)
    assert len(content) <= CONTENT_LIMIT
    assert escape_inputs and max(escape_inputs) <= DESCRIPTION_LIMIT
    description = embeds[0].description or ""
    assert description.startswith("> **1.** \\[a\\[a")
    assert all(block.split("\n")[0].endswith("…") for block in description.split("\n\n"))


def test_huge_title_and_speaker_are_clipped_too(escape_inputs: list[int]) -> None:
    q = quote("The mayor said the bridge opens on Monday.", title="[a" * 100_000)
    _, embeds = answer_message(Answer(question="bridge?", quotes=[q]))
    within_limits(embeds)
    assert max(escape_inputs) <= 2048


def test_context_of_huge_sentences_is_clipped_before_it_is_escaped(
    escape_inputs: list[int],
) -> None:
    embed = context_message([quote(HUGE, 1), quote(HUGE, 2), quote(HUGE, 3)], focus=2)
    within_limits([embed])
    assert max(escape_inputs) <= DESCRIPTION_LIMIT


def test_escaping_is_linear_on_backtracking_patterns() -> None:
    """Each pattern made discord.py's escape_markdown take from tens of milliseconds to
    minutes on a clipped description: its time grew far faster than the text."""
    for pattern in ("[a](", "[a", "<", "\n", "\n-", "a_", "https://a.b/", "<@", "@everyone"):
        text = pattern * DESCRIPTION_LIMIT
        assert_linear(lambda n, text=text: escape(text[:n]), DESCRIPTION_LIMIT // 4, what=pattern)


def test_huge_sentence_renders_in_bounded_time() -> None:
    """Rendering ten huge quotes and their context costs about the same whatever the
    sentences' size: they are clipped first (escaping all of them grew with their size)."""

    def render(n: int) -> list[discord.Embed]:
        huge = HUGE[:n]
        answer = Answer(question="harbour?", quotes=[quote(huge, i) for i in range(1, 11)])
        _, embeds = answer_message(answer)
        context_message([quote(huge, 1), quote(huge, 2), quote(huge, 3)], focus=2)
        return embeds

    within_limits(render(len(HUGE)))
    assert_linear(render, len(HUGE) // 4, max_growth=2.0)  # 4 times the text: near 1x


@pytest.mark.parametrize(
    ("raw", "inert"),
    [
        ("**bold** __under__ ~~strike~~ ||spoiler|| `code`", "\\*\\*bold\\*\\*"),
        ("[click](https://evil.example)", "\\[click\\]"),
        ("> quoted", "\\> quoted"),
        (">>> quoted", "\\>>> quoted"),
        ("# Heading", "\\# Heading"),
        ("-# small print", "\\-# small print"),
        ("- item", "\\- item"),
        ("1. item", "1\\. item"),
        ("@everyone and @here", "@\u200beveryone and @\u200bhere"),
        ("<@123456789012345678> <@&1> <#1> <t:1:R> <:e:1>", "<\u200b@"),
    ],
)
def test_escaping_leaves_nothing_to_format_or_ping(raw: str, inert: str) -> None:
    out = escape(raw)
    assert inert in out
    for live in ("<@", "<#", "<t:", "<:", "@everyone", "@here"):
        assert live not in out
    for mark in ("*", "_", "~", "|", "`", "[", "]"):  # never without its backslash
        assert not re.search(r"(?<!\\)" + re.escape(mark), out), (mark, out)
    assert not re.search(r"^[ \t]*(?:[-#>]|\d+\. )", out, re.MULTILINE), out


def test_links_and_plain_text_are_left_readable() -> None:
    assert escape("see https://example.org/a_b_c. Then") == "see https://example.org/a_b_c. Then"
    assert escape("1.5 million people, 3 > 2 and #1") == "1.5 million people, 3 > 2 and #1"


@pytest.mark.parametrize("limit", [1, 2, 5, 100])
def test_shown_marks_what_it_cuts(limit: int) -> None:
    from bot.embeds import shown

    assert shown("x" * limit, limit) == "x" * limit
    cut = shown("*" * (limit + 10), limit)
    assert len(cut) <= limit and cut.endswith("…")


def cited(text: str, n: int, *, article: str = "harbour", title: str = "Harbour report",
          url: str | None = "https://example.org/harbour", speaker: str | None = "Ana Ruiz",
          ) -> Quote:  # fmt: skip
    citation = Citation(article_id=article, title=title, date="2024-09-12", url=url,
                        source=f"{article}.txt", paragraph=2, sentence=n, start=0,
                        end=len(text))  # fmt: skip
    return Quote(text=text, citation=citation, score=1.0, speaker=speaker, sentence_id=n)


def test_one_embed_numbered_quotes_each_with_its_citation() -> None:
    quotes = [cited("The bridge opens in May.", 1), cited("Tolls stay at two euros.", 2),
              cited("The ferry keeps running.", 3, article="ferry", title="Ferry news",
                    url=None, speaker=None)]  # fmt: skip
    content, [embed] = answer_message(Answer(question="bridge?", quotes=quotes))
    assert content == "" and embed.title is None
    assert (embed.description or "").split("\n\n") == [
        "> **1.** The bridge opens in May.\n— [Harbour report](https://example.org/harbour)"
        " · 2024-09-12 · ¶ 2, sentence 1 · speaker: Ana Ruiz",
        "> **2.** Tolls stay at two euros.\n— same article · ¶ 2, sentence 2 · speaker: Ana Ruiz",
        "> **3.** The ferry keeps running.\n— *Ferry news* · 2024-09-12 · ¶ 2, sentence 3",
    ]


@pytest.mark.parametrize(
    "url",
    ["https://evil.example/a) [x](https://phish.example", "https://a.example/b c\n> d",
     "javascript:alert(1)", "https://a.example/" + "x" * 3000],
)  # fmt: skip
def test_an_article_url_cannot_break_out_of_its_link(url: str) -> None:
    _, [embed] = answer_message(Answer(question="q", quotes=[cited("Text.", 1, url=url)]))
    description = embed.description or ""
    citation = description.split("\n")[1]
    if "](" in citation:
        target = citation.split("](", 1)[1].split(") · ", 1)[0]
        assert not set(target) & set(" \n()[]<>") and target.startswith("https://")
    assert url not in description  # quoted into the link, or left out


def test_ten_quotes_of_huge_titles_speakers_and_links_stay_inside_limits(
    escape_inputs: list[int],
) -> None:
    quotes = [cited(HUGE, n, article=f"a{n}", title="[a" * 50_000, speaker="<@1>" * 10_000,
                    url="https://example.org/" + "y" * 1900) for n in range(1, 11)]  # fmt: skip
    _, embeds = answer_message(Answer(question="q", quotes=quotes))
    within_limits(embeds)
    assert max(escape_inputs) <= DESCRIPTION_LIMIT
    blocks = (embeds[0].description or "").split("\n\n")
    assert [b[:9] for b in blocks] == [f"> **{n}.** "[:9] for n in range(1, 11)]
    assert all("¶ 2, sentence" in b.split("\n")[1] for b in blocks)
