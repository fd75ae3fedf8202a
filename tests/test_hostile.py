"""Hostile input, generated: every case ends in an answer, an abstention or a clear refusal.

Questions go through the library and through the Discord rendering (nothing may ping,
everything must fit Discord's limits); article files go through ingest. Hypothesis runs a
fixed number of examples with derandomized seeds, so the suite stays deterministic.
"""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.embeds import answer_message
from index.ingest import IngestError, parse_bytes
from index.library import Library
from index.pipeline import process

NASTY = [
    "", " ", "\t\n", "@everyone", "@here", "<@&123456789012345678>", "<@123>", "<#1>",
    "```python\nprint(1)\n```", "**bold** __u__ ~~s~~ ||spoiler||", "\u200d", "\u200b",
    "\u202e", "\u200f", "مرحبا", "日本語", "Ελληνικά", "👍🏽", "\x00", "\x07", "\ufeff",
    "Peskov", "said", "Zelenskyy", "1,000", "[link](https://evil.example)", "> quote",
    "# heading", "<script>alert(1)</script>", "%s%n", "' OR 1=1 --", "../../etc/passwd",
]  # fmt: skip

questions = st.one_of(
    st.text(max_size=300),
    st.lists(st.sampled_from(NASTY), max_size=12).map(" ".join),
    st.lists(st.one_of(st.sampled_from(NASTY), st.text(max_size=20)), max_size=8).map("".join),
)

FAST = settings(max_examples=150, deadline=None, derandomize=True)


@pytest.fixture(scope="module")
def hostile_library(tmp_path_factory: pytest.TempPathFactory):
    """A library with the sample and an article full of mentions and markdown."""
    from bot import sample_article

    loop = asyncio.new_event_loop()
    lib = loop.run_until_complete(Library.open(tmp_path_factory.mktemp("h") / "h.db"))
    loop.run_until_complete(lib.add_path(sample_article()))
    pings = ("@everyone said the meeting is at noon. <@&123> **bold** claims ||spoiler||. "
             "[click](https://evil.example) wrote ```code``` here. " * 40).encode()  # fmt: skip
    loop.run_until_complete(
        lib.add_document(parse_bytes(pings, source="pings.txt", filename="pings.txt"))
    )
    yield loop, lib
    loop.run_until_complete(lib.close())
    loop.close()


def test_any_question_is_answered_or_abstained_within_limits(hostile_library) -> None:
    loop, lib = hostile_library
    ran = 0

    @FAST
    @given(question=questions, k=st.integers(min_value=1, max_value=10))
    def check(question: str, k: int) -> None:
        nonlocal ran
        ran += 1
        answer = loop.run_until_complete(lib.ask(question, k=k))
        assert answer.quotes or answer.note or answer.small_talk
        assert len(answer.quotes) <= k
        content, embeds = answer_message(answer)
        assert len(content) <= 2000 and len(embeds) <= 10
        assert sum(len(e) for e in embeds) <= 6000
        for e in embeds:
            assert len(e.description or "") <= 4096 and len(e.title or "") <= 256
        rendered = content + "".join((e.description or "") + (e.footer.text or "") for e in embeds)
        # No live mention can survive escaping (a zero-width space follows every "@").
        assert "@everyone" not in rendered and "@here" not in rendered
        assert "<@" not in rendered

    check()
    print(f"\nhostile questions run: {ran}")
    assert ran >= FAST.max_examples  # the generated cases ran, not a handful


def test_any_file_is_indexed_or_refused_clearly() -> None:
    ran = 0

    @FAST
    @given(data=st.one_of(
        st.binary(max_size=2000),
        st.text(max_size=2000).map(lambda t: t.encode("utf-8", "surrogatepass")),
        st.lists(st.sampled_from(NASTY), max_size=50).map(lambda xs: " ".join(xs).encode()),
    ), name=st.sampled_from(["a.txt", "a.md", "a.html", "a", "a.htm"]))  # fmt: skip
    def check(data: bytes, name: str) -> None:
        nonlocal ran
        ran += 1
        try:
            doc = parse_bytes(data, source=name, filename=name)
        except IngestError as exc:
            assert str(exc) and "\n" not in str(exc)
            return
        processed = process(doc)
        for s in processed.sentences:
            assert doc.text[s.start : s.end] == s.text

    check()
    print(f"\nhostile files run: {ran}")
    assert ran >= FAST.max_examples


@pytest.mark.parametrize(
    "data",
    [
        b"---\ntitle: x\n---\n",  # all front matter
        b"+++\ntitle = 'x'\n+++\n",
        b"<html><script>alert(1)</script></html>",
        b"\xff\xfe\x00\x00",
        "a\u202eb\u200dc".encode() * 10,
        b"x" * (5 * 1024 * 1024 + 1),
    ],
)
def test_known_hostile_files(data: bytes) -> None:
    try:
        doc = parse_bytes(data, source="f.md", filename="f.md")
    except IngestError as exc:
        assert "\n" not in str(exc)
    else:
        assert "alert" not in doc.text


async def test_ten_megabyte_question_is_refused_cheaply(sample_library: Library) -> None:
    answer = await sample_library.ask("What " * 2_000_000)
    assert answer.abstained and "too long" in (answer.note or "")


def test_paths_are_not_special(tmp_path: Path) -> None:
    # A source path with odd characters is stored and cited as given.
    from index.ingest import read_path

    odd = tmp_path / "we!rd name (1) @everyone.txt"
    odd.write_text("The mayor said the bridge opens on Monday.", encoding="utf-8")
    assert read_path(odd).source.endswith("@everyone.txt")
