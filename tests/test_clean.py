from __future__ import annotations

from index.clean import clean_span


def pieces(text: str) -> list[str]:
    return [text[p.start : p.end] for p in clean_span(text, 0, len(text))]


def test_credit_between_sentences_is_dropped_with_its_caption() -> None:
    text = (
        "May God bless us all !!!” Trump said he would speak to the Russian president next "
        "week Reuters Negotiations on a potential ceasefire are underway in Istanbul."
    )
    assert pieces(text) == [
        "May God bless us all !!!”",
        "Negotiations on a potential ceasefire are underway in Istanbul.",
    ]


def test_caption_name_and_credit_before_a_sentence() -> None:
    text = "Kremlin spokesperson Dmitry Peskov, Getty The source said that it was late."
    assert pieces(text) == ["The source said that it was late."]


def test_headline_and_caption_glued_to_a_sentence() -> None:
    text = (
        "Latest developments in the front line in Ukraine The Minister of Foreign Affairs of "
        "Putin, Sergei Lavrov Reuters Russian Foreign Minister Sergei Lavrov spoke by phone."
    )
    assert pieces(text) == ["Russian Foreign Minister Sergei Lavrov spoke by phone."]


def test_ordinary_sentences_are_left_alone() -> None:
    for text in (
        "He told The Guardian that the deal was done.",
        "Mr. Smith met the U.S. envoy on Jan. 5 in Washington.",
        "The AP reported it first.",
        "She said “no.”",
    ):
        assert pieces(text) == [text]


def test_offsets_point_into_the_original_text() -> None:
    text = "xx Kremlin aide Ivan Petrov, Getty The talks ended."
    [piece] = clean_span(text, 3, len(text))
    assert text[piece.start : piece.end] == "The talks ended."
