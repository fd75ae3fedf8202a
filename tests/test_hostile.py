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
from scaling import assert_linear

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


# --- security issue: per-file failures, speaker lookups, sentence length -----------------

GOOD = "The mayor said the {} bridge will open on Monday after years of delays.\n"
DEEP_YAML = "---\ntitle: " + "[" * 5_000 + "]" * 5_000 + "\n---\nThe mayor said it.\n"


@pytest.mark.parametrize(
    "error", [RecursionError(), MemoryError(), ValueError("bad\nvalue"), KeyError("x")]
)
def test_any_failure_of_one_file_is_its_one_line_refusal(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, error: Exception
) -> None:
    import index.pipeline as pipeline

    path = tmp_path / "a.txt"
    path.write_text(GOOD.format("north"), encoding="utf-8")

    def fail(*_args: object) -> None:
        raise error

    monkeypatch.setattr(pipeline, "process", fail)
    refusal = pipeline.read_and_process(str(path))
    assert isinstance(refusal, str) and "\n" not in refusal
    assert refusal.startswith(f"{path}: ") and type(error).__name__ in refusal


async def test_a_failing_file_does_not_stop_the_batch(
    tmp_path: Path, library: Library, monkeypatch: pytest.MonkeyPatch
) -> None:
    import index.pipeline as pipeline

    real = pipeline.process
    paths = []
    for name in ("north", "south", "hostile", "east"):
        paths.append(tmp_path / f"{name}.txt")
        paths[-1].write_text(GOOD.format(name), encoding="utf-8")

    def process_or_fail(doc, segmenter="syntok"):
        if "hostile" in doc.source:
            raise RecursionError("maximum recursion depth exceeded")
        return real(doc, segmenter)

    monkeypatch.setattr(pipeline, "process", process_or_fail)
    added, refused = await library.add_many(paths, workers=1)
    assert sorted(a.source for a in added) == sorted(
        str(p) for p in paths if "hostile" not in p.name
    )
    assert len(refused) == 1 and "hostile.txt" in refused[0] and "RecursionError" in refused[0]


def test_cli_indexes_the_good_files_and_refuses_the_hostile_one_in_one_line(
    tmp_path: Path,
) -> None:
    """`articlebot index good1 good2 hostile good3` (worker processes): the old code
    indexed none of them and exited with an internal error ("unexpected error" then)."""
    import os
    import subprocess
    import sys

    root = Path(__file__).resolve().parent.parent
    files = []
    for name in ("good1", "good2", "hostile", "good3"):
        files.append(tmp_path / f"{name}.md")
        files[-1].write_text(DEEP_YAML if name == "hostile" else GOOD.format(name))
    env = {k: v for k, v in os.environ.items() if not k.startswith(("ARTICLEBOT_", "DISCORD_"))}
    env["PYTHONPATH"] = str(root)
    db = str(tmp_path / "cli.db")
    result = subprocess.run(
        [sys.executable, "-m", "bot", "index", "--db", db, *map(str, files)],
        cwd=tmp_path, env=env, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert result.returncode == 2, result.stderr  # the CLI's status when a file is refused
    assert "internal error" not in result.stderr and "Traceback" not in result.stderr
    skipped = [line for line in result.stderr.splitlines() if "skipped" in line]
    assert len(skipped) == 1 and "hostile.md" in skipped[0] and "nested" in skipped[0]
    assert sorted(line.split(":")[0] for line in result.stdout.splitlines()) == [
        "indexed good1",
        "indexed good2",
        "indexed good3",
    ]


def _speaker_directory(speakers: int):
    """Articles of five speakers each, with role words, like a big news library."""
    from index.speakers import SpeakerDirectory

    directory = SpeakerDirectory()
    for a in range(speakers // 5):
        people = [f"Bav{i} Cav{i}" for i in range(5 * a, 5 * a + 5)]
        directory.add_article(
            f"article-{a}",
            [(10 * a + i, p) for i, p in enumerate(people)],
            [(p, "kremlin spokesperson") for p in people],
        )
    return directory


def test_a_question_of_speaker_surnames_is_cheap_on_a_library_of_many_speakers() -> None:
    """A 480-character question of surnames ending in "'s reaction" compared every
    speaker of the library with every word of the question: with 4 times the speakers
    and 4 times the question, the lookup may cost about 4 times as much, never 16."""
    from index.question import parse_question

    directories = {n: _speaker_directory(n) for n in (1_250, 5_000)}

    def question(speakers: int) -> str:
        return " ".join(f"Cav{i}" for i in range(0, speakers, 80)) + "'s reaction"

    def ask(speakers: int) -> None:
        directory = directories[speakers]
        parsed = parse_question(question(speakers))
        assert len(parsed.speaker) > speakers // 100
        assert directory.find(parsed.speaker, lambda _a: True) == []
        # Every speaker shares the role words, so every one is a candidate here.
        assert directory.find(["kremlin", "spokesperson"], lambda _a: True)

    assert 470 <= len(question(5_000)) <= 500
    assert_linear(ask, 1_250)


def test_speaker_lookup_still_matches_typos_stems_and_visibility() -> None:
    from index.speakers import SpeakerDirectory

    directory = SpeakerDirectory()
    directory.add_article("a", [(1, "Dmitry Peskov")], [("Dmitry Peskov", "kremlin spokesperson")])
    directory.add_article("b", [(2, "Anna Berg")], [("Anna Berg", "mayor")])
    everyone = lambda _a: True  # noqa: E731
    assert directory.find(["peskow"], everyone) == [("a", "Dmitry Peskov")]
    assert directory.find(["kremlin", "spokesman"], everyone) == [("a", "Dmitry Peskov")]
    assert directory.find(["berg"], lambda article: article != "b") == []
    directory.remove_article("a")
    assert directory.find(["peskov"], everyone) == []
    assert directory.find(["the", "mayor", "anna", "berg"], everyone) == [("b", "Anna Berg")]


def test_a_sentence_is_never_longer_than_the_limit() -> None:
    from index.segment import MAX_SENTENCE_CHARS

    text = "The mayor said " + "very " * 3_000 + "much. " + "x" * 5_000 + " And that was it."
    doc = parse_bytes(text.encode(), source="a.txt", filename="a.txt")
    for segmenter in ("syntok", "blingfire"):
        sentences = process(doc, segmenter).sentences
        assert all(len(s.text) <= MAX_SENTENCE_CHARS for s in sentences)
        assert all(doc.text[s.start : s.end] == s.text for s in sentences)
        assert sentences[0].text.startswith("The mayor said very")
        assert sentences[-1].text.endswith("x And that was it.")
        kept = "".join(s.text for s in sentences).replace(" ", "")
        assert kept == text.replace(" ", "")  # nothing lost but blanks at the cuts


def test_an_article_of_more_sentences_than_any_article_has_is_refused(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import index.pipeline as pipeline
    from index.ingest import IngestError

    monkeypatch.setattr(pipeline, "MAX_SENTENCES", 1_000)
    ok = parse_bytes(b"He said so.\n\n" * 1_000, source="a.txt", filename="a.txt")
    assert len(process(ok).sentences) == 1_000
    too_many = parse_bytes(b"He said so.\n\n" * 1_001, source="b.txt", filename="b.txt")
    with pytest.raises(
        IngestError, match=r"^b\.txt: too many sentences \(1,001; the limit is 1,000\)"
    ):
        process(too_many)


def test_a_long_paragraph_without_punctuation_is_segmented_in_bounded_memory(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """syntok keeps a sentence's tokens in memory, and one huge sentence held them all
    (5 MB of brackets took most of a gigabyte). Paragraphs are given to it in pieces: with
    small pieces, four times the text takes about the same memory."""
    import tracemalloc
    from itertools import pairwise

    import index.segment as segment

    monkeypatch.setattr(segment, "_SYNTOK_PIECE", 4_096, raising=False)

    def peak_memory(text: str) -> int:
        tracemalloc.start()
        try:
            spans = segment.split_sentences(text)
            return tracemalloc.get_traced_memory()[1]
        finally:
            tracemalloc.stop()
            assert spans and all(a.end <= b.start for a, b in pairwise(spans))

    small, big = peak_memory("a " * 5_000), peak_memory("a " * 20_000)
    assert big - small < 1024 * 1024, (small, big)
