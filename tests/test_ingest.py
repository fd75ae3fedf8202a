from __future__ import annotations

from pathlib import Path

import pytest

from index.ingest import MAX_BYTES, IngestError, parse_bytes, read_path


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
