from __future__ import annotations

from index.ingest import read_path
from index.pipeline import process
from index.segment import split_sentences


def test_sample_sentences_are_verbatim_slices(sample_path) -> None:
    doc = read_path(sample_path)
    processed = process(doc)
    assert len(processed.sentences) >= 18
    for s in processed.sentences:
        assert doc.text[s.start : s.end] == s.text
        assert s.text == s.text.strip()
    numbers = [s.number for s in processed.sentences]
    assert numbers == list(range(1, len(numbers) + 1))


def test_in_camera_sentence_is_whole(sample_path, sample_text: str) -> None:
    processed = process(read_path(sample_path))
    [hit] = [s for s in processed.sentences if "absolutely in camera" in s.text]
    assert hit.text.startswith("Kremlin spokesperson Dmitry Peskov refused to comment")
    assert hit.text.endswith("“absolutely in camera”.")
    assert sample_text[hit.start : hit.end] == hit.text


def test_paragraphs_and_abbreviations() -> None:
    text = "Mr. Smith went to Washington. The U.S. said no.\n\nSecond paragraph here."
    spans = split_sentences(text)
    assert [text[s.start : s.end] for s in spans] == [
        "Mr. Smith went to Washington.",
        "The U.S. said no.",
        "Second paragraph here.",
    ]
    assert [s.paragraph for s in spans] == [1, 1, 2]


def test_contraction_keeps_original_text() -> None:
    text = "He didn't go. She won't."
    spans = split_sentences(text)
    assert [text[s.start : s.end] for s in spans] == ["He didn't go.", "She won't."]


def test_blingfire_option_keeps_abbreviations_and_offsets(sample_path) -> None:
    text = "Mr. Smith went to Washington. The U.S. said no.\n\nSecond paragraph here."
    spans = split_sentences(text, 0, "blingfire")
    assert [text[s.start : s.end] for s in spans] == [
        "Mr. Smith went to Washington.",
        "The U.S. said no.",
        "Second paragraph here.",
    ]
    assert [s.paragraph for s in spans] == [1, 1, 2]
    doc = read_path(sample_path)
    processed = process(doc, "blingfire")
    [hit] = [s for s in processed.sentences if "absolutely in camera" in s.text]
    assert hit.text.startswith("Kremlin spokesperson Dmitry Peskov refused")
    for s in processed.sentences:
        assert doc.text[s.start : s.end] == s.text


def test_unknown_segmenter_is_refused() -> None:
    import pytest

    with pytest.raises(ValueError, match="unknown segmenter"):
        split_sentences("A. B.", 0, "spacy")


def test_a_title_abbreviation_and_a_dateline_do_not_end_a_sentence() -> None:
    text = (
        "FAIRVIEW, Mich. — The plant will close next year, the company said.\n\n"
        "Michigan Gov. Ann Ruiz said she had asked for a delay. Sen. Bo Lee agreed."
    )
    sentences = [text[s.start : s.end] for s in split_sentences(text)]
    assert sentences == [
        "FAIRVIEW, Mich. — The plant will close next year, the company said.",
        "Michigan Gov. Ann Ruiz said she had asked for a delay.",
        "Sen. Bo Lee agreed.",
    ]


def test_a_compound_rank_does_not_end_a_sentence() -> None:
    # "Lt. Cdr." and "Det. Con.": the second part of a rank follows a title abbreviation,
    # whether or not it is a title the list knows.
    text = (
        "Harbour station commander Lt. Cdr. Ida Marsh said the crew kept calm. "
        "Det. Con. Ravi Bell said no one was hurt.\n\n"
        "Cpl. Tam Moss and Rev. Jo Kerr spoke later. Maj. Lin Ho agreed."
    )
    sentences = [text[s.start : s.end] for s in split_sentences(text)]
    assert sentences == [
        "Harbour station commander Lt. Cdr. Ida Marsh said the crew kept calm.",
        "Det. Con. Ravi Bell said no one was hurt.",
        "Cpl. Tam Moss and Rev. Jo Kerr spoke later.",
        "Maj. Lin Ho agreed.",
    ]


def test_a_sentence_still_ends_after_a_name_a_street_or_a_title_holder() -> None:
    text = (
        "The bakery is on Main St. It opened Monday. They thanked Sen. Bo Lee. Lee agreed. "
        "The vote went to Lt. Gov. Ann Fry. Fry said yes. He met Col. Dan Hay on Jan. 5. "
        "It went well."
    )
    sentences = [text[s.start : s.end] for s in split_sentences(text)]
    assert sentences == [
        "The bakery is on Main St.",
        "It opened Monday.",
        "They thanked Sen. Bo Lee.",
        "Lee agreed.",
        "The vote went to Lt. Gov. Ann Fry.",
        "Fry said yes.",
        "He met Col. Dan Hay on Jan. 5.",
        "It went well.",
    ]
