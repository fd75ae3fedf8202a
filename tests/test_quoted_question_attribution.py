"""A quotation ending on a question or exclamation mark whose attribution the segmenter
sets apart (“… How does that happen?” | Ames asked.): the quotation is the speaker's.
On small articles written for these tests, split as the article segmenter splits them."""

from __future__ import annotations

from speaker_helpers import SmallArticle

from index.segment import split_sentences


def _article(*paragraphs: str) -> SmallArticle:
    rows = [
        (n, text[s.start : s.end])
        for n, text in enumerate(paragraphs, start=1)
        for s in split_sentences(text)
    ]
    return SmallArticle("hearing", rows)


def test_a_question_quoted_before_a_bare_attribution_is_the_speakers() -> None:
    article = _article(
        "The committee met on Monday.",
        "Committee chair Sen. Ruth Ames pressed the superintendent on that answer. "
        '"A contractor writes the word urgent, and it sits in a drawer for a year. '
        'How does that happen?" Ames asked.',
        '"Enough!" Tom Bale shouted.',
    )
    assert article.speaker_of('"A contractor writes') == ["Ruth Ames"]
    assert article.speaker_of("How does that happen?") == ["Ruth Ames"]
    assert article.speaker_of('"Enough!"') == ["Tom Bale"]


def test_a_longer_sentence_or_a_quotation_ending_on_a_period_keeps_its_reading() -> None:
    article = _article(
        "The committee met on Monday.",
        '"Who signed the contract? Nobody knows?" The room fell silent after that.',
        'Ida Ross said the drawer was locked. "We will look again." Kim Oduya agreed.',
    )
    assert article.speaker_of('"Who signed') == []
    assert article.speaker_of('"We will look again."') == ["Ida Ross"]
