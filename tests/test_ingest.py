from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from scaling import assert_linear

from index.ingest import MAX_BYTES, MAX_TITLE_CHARS, IngestError, parse_bytes, read_path

ROOT = Path(__file__).resolve().parent.parent


def test_plain_text_header_is_metadata_not_text(sample_path: Path, sample_text: str) -> None:
    doc = read_path(sample_path)
    assert doc.date == "2025-05-17"
    assert "date 2025" not in doc.text[doc.body_start :]
    assert doc.text == sample_text  # offsets refer to the file's decoded text
    assert doc.text[doc.body_start :].lstrip().startswith("Donald Trump said")
    assert doc.title == "Trump Putin Call"


def test_markdown_with_yaml_front_matter() -> None:
    md = (
        b"---\ntitle: Bridge opens\ndate: 2024-03-01\nurl: https://example.org/bridge\n---\n"
        b"# Ignored heading\n\nThe mayor said the **bridge** will open on [Monday](http://x).\n\n"
        b"```\ncode block\n```\n\nCritics said it was late.\n"
    )
    doc = parse_bytes(md, source="bridge.md", filename="bridge.md")
    assert (doc.title, doc.date, doc.url) == (
        "Bridge opens",
        "2024-03-01",
        "https://example.org/bridge",
    )
    assert doc.text == "The mayor said the bridge will open on Monday.\n\nCritics said it was late."


def test_markdown_title_from_h1_and_toml_front_matter() -> None:
    md = b"+++\ndate = 2023-01-02\n+++\n# The Title\n\nBody text here.\n"
    doc = parse_bytes(md, source="x.md", filename="x.md")
    assert doc.title == "The Title"
    assert doc.date == "2023-01-02"
    assert doc.text == "Body text here."


def test_html_boilerplate_removed() -> None:
    html = b"""<html><head><title>Big news</title>
    <meta property="og:url" content="https://example.com/a"><meta name="date" content="2024-03-01">
    </head><body><nav>Home About Contact</nav><article><h1>Big news</h1>
    <p>The mayor said the bridge will open on Monday after years of delays in the city.</p>
    <p>Critics said the project was late and far over its original budget of the council.</p>
    </article><footer>Copyright 2024</footer><script>alert('x')</script></body></html>"""
    doc = parse_bytes(html, source="a.html", filename="a.html")
    assert doc.title == "Big news"
    assert doc.date == "2024-03-01"
    assert doc.url == "https://example.com/a"
    assert "The mayor said the bridge" in doc.text
    assert "alert" not in doc.text and "Copyright" not in doc.text and "Contact" not in doc.text


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", "empty"),
        (b"   \n\n  ", "empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00IHDR", "binary"),
        (b"caf\xe9 au lait", "UTF-8"),
        (b"---\ntitle: only front matter\n---\n", "no article text"),
        (b"---\ntitle: never closed\n", "not closed"),
        (b"---\n: : [\n---\nBody.", "YAML"),
    ],
)
def test_bad_input_refused_with_one_line_reason(data: bytes, reason: str) -> None:
    with pytest.raises(IngestError) as err:
        parse_bytes(data, source="bad.md", filename="bad.md")
    assert reason in str(err.value)
    assert "\n" not in str(err.value)


def test_oversized_and_missing_files(tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    big.write_bytes(b"a" * (MAX_BYTES + 1))
    with pytest.raises(IngestError, match="too large"):
        read_path(big)
    with pytest.raises(IngestError, match="cannot read"):
        read_path(tmp_path / "missing.txt")
    with pytest.raises(IngestError, match="not a regular file"):
        read_path(tmp_path)


# --- hostile metadata (security issue: front matter, header lines, meta tags) ------------

# 394 bytes: each line repeats the previous one nine times by alias, so the title stands
# for 9**9 (387 million) strings once anything walks it. PyYAML shares the nodes, so the
# load itself is quick; the old code then turned the title into text.
BILLION_LAUGHS = (
    "---\n"
    'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n'
    "b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\n"
    "c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\n"
    "d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\n"
    "e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]\n"
    "f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]\n"
    "g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]\n"
    "h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]\n"
    "title: [*h,*h,*h,*h,*h,*h,*h,*h,*h]\n"
    "---\n"
    "The mayor said the bridge opens on Monday.\n"
)


def parsed_or_refused(data: bytes, name: str) -> object:
    """The document, or the refusal's message (a refusal must be quick too)."""
    try:
        return parse_bytes(data, source=name, filename=name)
    except IngestError as exc:
        return str(exc)


def test_billion_laughs_front_matter_is_refused_in_one_line(tmp_path: Path) -> None:
    """Run in a child process with 1 GiB of address space and a time limit, so that code
    which expands the aliases fails this test instead of taking the machine with it."""
    bomb = tmp_path / "bomb.md"
    bomb.write_text(BILLION_LAUGHS, encoding="utf-8")
    child = (
        "import resource, sys\n"
        "resource.setrlimit(resource.RLIMIT_AS, (1 << 30, 1 << 30))\n"
        "from index.ingest import IngestError, read_path\n"
        "try:\n"
        "    read_path(sys.argv[1])\n"
        "except IngestError as exc:\n"
        "    print(exc)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", child, str(bomb)],
        capture_output=True, text=True, timeout=20, cwd=ROOT,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr[-500:]
    assert result.stdout.count("\n") == 1
    assert "bomb.md" in result.stdout and "alias" in result.stdout


@pytest.mark.parametrize(
    "front_matter",
    [
        "title: &t Bridge\nheadline: *t",  # one plain alias
        "base: &b {title: Bridge}\n<<: *b",  # a merge key is an alias too
        "title: [*undefined]",
    ],
)
def test_yaml_aliases_are_refused(front_matter: str) -> None:
    data = f"---\n{front_matter}\n---\nThe mayor said the bridge opens.\n".encode()
    with pytest.raises(IngestError, match=r"^a\.md: .*(alias|not valid YAML)") as err:
        parse_bytes(data, source="a.md", filename="a.md")
    assert "\n" not in str(err.value)


def test_yaml_anchors_without_aliases_are_fine() -> None:
    data = b"---\ntitle: &t Bridge opens\n---\nThe mayor said the bridge opens.\n"
    assert parse_bytes(data, source="a.md", filename="a.md").title == "Bridge opens"


@pytest.mark.parametrize(
    ("make", "n", "reason"),
    [
        (lambda n: b"---\ntitle: " + b"[" * n + b"]" * n + b"\n---\nBody.", 5_000, "nested"),
        (lambda n: b"---\ntitle: " + b"{a: " * n + b"}" * n + b"\n---\nBody.", 2_000, "nested"),
        (lambda n: b"+++\ntitle = " + b"[" * n + b"]" * n + b"\n+++\nBody.", 5_000, "nested"),
        (lambda n: b"+++\ntitle = " + b"1" * n + b"\n+++\nBody.", 5_000, "cannot be read"),
        (lambda n: b"---\n" + b"k: v\n" * n + b"---\nBody.", 20_000, "front matter is too long"),
        (lambda n: b"---\ntitle: t\nurl: https://e.org/" + b"a" * n + b"\n---\nBody.", 3_000,
         "url is too long"),
        (lambda n: b"+++\ndate = '2024-01-01" + b" x" * n + b"'\n+++\nBody.", 100,
         "date is too long"),
        (lambda n: b"url https://e.org/" + b"a" * n + b"\n\nThe mayor said it.", 3_000,
         "url is too long"),
        (lambda n: b"date 2024-01-01" + b" x" * n + b"\n\nThe mayor said it.", 100,
         "date is too long"),
    ],
)  # fmt: skip
def test_hostile_front_matter_is_refused_quickly_in_one_line(
    make: Callable[[int], bytes], n: int, reason: str
) -> None:
    """Refused at n and at 4n, and in time that does not grow faster than the input."""
    name = "a.txt" if make(n)[:1] not in b"-+" else "a.md"
    for size in (n, 4 * n):
        with pytest.raises(IngestError) as err:
            parse_bytes(make(size), source=name, filename=name)
        assert str(err.value).startswith(f"{name}: ") and reason in str(err.value)
        assert "\n" not in str(err.value)
    assert_linear(lambda size: parsed_or_refused(make(size), name), n)


@pytest.mark.parametrize(
    ("data", "name"),
    [
        (b"---\ntitle: " + b"Long " * 1_000 + b"\n---\nThe mayor said it.", "a.md"),
        (b'+++\ntitle = "' + b"Long " * 1_000 + b'"\n+++\nThe mayor said it.', "a.md"),
        (b"# " + b"Long " * 1_000 + b"\n\nThe mayor said it.", "a.md"),
        (b"title " + b"Long " * 1_000 + b"\n\nThe mayor said it.", "a.txt"),
        (
            b"<html><head><title>" + b"Long " * 1_000 + b"</title></head><body><article>"
            b"<p>The mayor said the bridge will open on Monday after years of delays.</p>"
            b"</article></body></html>",
            "a.html",
        ),
    ],
)
def test_long_titles_are_clipped(data: bytes, name: str) -> None:
    doc = parse_bytes(data, source=name, filename=name)
    assert doc.title.startswith("Long Long") and doc.title.endswith("…")
    assert len(doc.title) <= MAX_TITLE_CHARS


@pytest.mark.parametrize(
    ("make", "n"),
    [
        (lambda n: "1" * n, 5_000),  # more digits than Python turns into text
        (lambda n: "1:" * n + "1", 7_500),  # a YAML 1.1 base-60 number: quadratic to build
        (lambda n: "!!float " + "1:" * n + "1.5", 7_500),  # too big for a float
        (lambda n: "!!int " + "1" * n, 5_000),
    ],
)
def test_yaml_numbers_are_read_in_linear_time(make: Callable[[int], str], n: int) -> None:
    def read(size: int) -> object:
        return parsed_or_refused(
            f"---\ntitle: {make(size)}\n---\nThe mayor said it.\n".encode(), "a.md"
        )

    assert_linear(read, n)


@pytest.mark.parametrize(
    "value",
    [
        "1" * 5_000,
        "1:" * 30_000 + "1",
        "!!float " + "1:" * 30_000 + "1.5",
        "!!int " + "1" * 5_000,
    ],
)
def test_yaml_numbers_are_read_as_written_and_quickly(value: str) -> None:
    data = f"---\ntitle: {value}\n---\nThe mayor said it.\n".encode()
    doc = parse_bytes(data, source="a.md", filename="a.md")
    assert value.split()[-1].startswith(doc.title.rstrip("…")) and len(doc.title) <= MAX_TITLE_CHARS


def test_yaml_titles_and_dates_read_as_before() -> None:
    data = b"---\ntitle: 2024\ndate: 2024-03-01\n---\nThe mayor said it.\n"
    doc = parse_bytes(data, source="a.md", filename="a.md")
    assert (doc.title, doc.date) == ("2024", "2024-03-01")


def test_long_url_from_meta_tags_or_the_fetcher_is_refused() -> None:
    page = (
        b'<html><head><title>T</title><meta property="og:url" content="https://e.org/'
        + b"a" * 3_000
        + b'"></head><body><article><p>The mayor said the bridge will open on Monday after '
        b"years of delays in the city.</p></article></body></html>"
    )
    with pytest.raises(IngestError, match="url is too long"):
        parse_bytes(page, source="a.html", filename="a.html")
    with pytest.raises(IngestError, match="url is too long"):
        parse_bytes(b"Body.", source="x", filename="a.txt", url="https://e.org/" + "a" * 3_000)


def test_non_text_metadata_is_not_turned_into_text() -> None:
    """A title that is a list or a mapping is no title (the name is used instead)."""
    data = b"---\ntitle: [a, b]\ndate: {y: 1}\nurl: [x]\n---\nThe mayor said it.\n"
    doc = parse_bytes(data, source="bridge-opens.md", filename="bridge-opens.md")
    assert (doc.title, doc.date, doc.url) == ("Bridge Opens", None, None)


def test_header_line_with_a_long_blank_run_is_read_in_linear_time() -> None:
    """The old pattern backtracked: its time grew with the square of the blank run."""
    lines: list[Callable[[int], str]] = [
        lambda n: "title a" + " " * n + "b",
        lambda n: "title" + " " * n,
        lambda n: "date" + "\t" * n,
    ]
    for line in lines:
        assert_linear(
            lambda n, line=line: parsed_or_refused(
                (line(n) + "\n\nThe mayor said the bridge opens.\n").encode(), "a.txt"
            ),
            5_000,
        )


def test_header_lines_read_as_before() -> None:
    doc = parse_bytes(
        b" Date: 2024-03-01  \ntitle =  Bridge  opens\t\nURL https://e.org/b\n\nThe mayor said it.",
        source="a.txt",
        filename="a.txt",
    )
    assert (doc.title, doc.date, doc.url) == ("Bridge  opens", "2024-03-01", "https://e.org/b")
    assert doc.text[doc.body_start :] == "\nThe mayor said it."
    not_header = parse_bytes(b"title:Bridge\n\nBody.", source="a.txt", filename="a.txt")
    assert not_header.body_start == 0 and not_header.title == "A"


def never_called(name: str) -> Callable[..., object]:
    def called(*args: object, **kwargs: object) -> object:
        raise AssertionError(f"{name} was called")

    return called


@pytest.mark.parametrize("markup", ["![", "[", "*a", "`a", "a\n"])
def test_markdown_with_more_markup_than_any_article_is_refused_before_parsing(
    markup: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """markdown-it keeps a token for about every markup character and is slow on some
    ("![" costs it far more than prose): 5 MB of it took minutes and gigabytes."""
    import index.ingest

    monkeypatch.setattr(index.ingest, "markdown_body", never_called("markdown-it"))
    data = ("# Title\n\n" + markup * 210_000).encode()
    with pytest.raises(IngestError, match="too much Markdown markup"):
        parse_bytes(data, source="a.md", filename="a.md")


def test_markdown_articles_with_ordinary_markup_are_read() -> None:
    paragraph = "The *mayor* said the [bridge](http://x) will `open` on Monday.\nIt is late.\n\n"
    doc = parse_bytes(paragraph.encode() * 2_000, source="a.md", filename="a.md")
    # Each line ends a sentence, so each is read as a paragraph of its own.
    assert doc.text.startswith("The mayor said the bridge will open on Monday.\n\nIt is late.")


def test_html_of_more_tags_than_any_article_page_is_refused_before_parsing(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """trafilatura spends time on every element: tiny ones cost it the most per character."""
    import trafilatura

    for name in ("extract", "extract_metadata", "html2txt", "bare_extraction"):
        monkeypatch.setattr(trafilatura, name, never_called(f"trafilatura.{name}"))
    data = b"<html><body>" + b"<p>a" * 210_000 + b"</body></html>"
    with pytest.raises(IngestError, match="too much HTML markup"):
        parse_bytes(data, source="a.html", filename="a.html")


def test_html_read_more_link_line_inside_the_article_is_dropped() -> None:
    """trafilatura keeps a "Read more: <a headline>" paragraph that sits inside the
    article body; a line that is all a link is chrome, as in the Markdown path."""
    prose = " ".join(
        f"<p>The council met on day {n} and voted on the levy after a long debate.</p>"
        for n in range(1, 7)
    )
    html = (
        "<html><head><title>Levy passes</title></head><body><article><h1>Levy passes</h1>"
        f"{prose}<p>Read more: <a href='/x'>Mayor unveils budget for next year</a></p>"
        f"{prose}</article></body></html>"
    ).encode()
    doc = parse_bytes(html, source="a.html", filename="a.html")
    assert "voted on the levy" in doc.text
    assert "Mayor unveils budget" not in doc.text


def _paragraphs(text: str) -> list[str]:
    from index.segment import split_sentences

    doc = parse_bytes(text.encode(), source="a.txt", filename="a.txt")
    spans = split_sentences(doc.text, doc.body_start)
    paragraphs: dict[int, list[str]] = {}
    for span in spans:
        paragraphs.setdefault(span.paragraph, []).append(doc.text[span.start : span.end])
    return [" ".join(p) for p in paragraphs.values()]


def test_a_text_written_a_paragraph_a_line_is_read_a_paragraph_a_line() -> None:
    text = (
        "title: Dam vote\ndate: 2026-01-02\n\n"
        "HOLT — The council voted 5-2 on Monday to repair the dam.\n"
        "The repairs will cost $4 million, the town said.\n"
        '"We had no choice," said Mayor Ann Lee. "The dam is 90 years old."\n'
        "Work starts in March.\n"
    )
    paragraphs = _paragraphs(text)
    assert len(paragraphs) == 4
    assert paragraphs[2].startswith('"We had no choice,"')


def test_hard_wrapped_prose_stays_one_paragraph_and_a_clean_file_is_kept_byte_for_byte() -> None:
    wrapped = (
        "date: 2026-01-02\n\n"
        "HOLT — The council voted 5-2 on Monday to repair the old dam above the\n"
        "town, ending a dispute that had run for most of a decade and split the\n"
        "council. The repairs will cost $4 million.\n\n"
        "Work starts in March.\n"
    )
    assert len(_paragraphs(wrapped)) == 2
    doc = parse_bytes(wrapped.encode(), source="a.txt", filename="a.txt")
    assert doc.text == wrapped
