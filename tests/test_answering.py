"""Answers a reader would trust, on the bundled sample (issue: answer quality)."""

from __future__ import annotations

from pathlib import Path

import pytest

from index.library import Library

PESKOV = ["absolutely in camera", "next steps would be", "could meet Zelensky"]


async def test_what_did_peskov_say_returns_all_his_sentences_in_order(
    sample_library: Library,
) -> None:
    answer = await sample_library.ask("What did Peskov say?")
    said = " ".join(q.text for q in answer.quotes)
    places = [said.find(wanted) for wanted in PESKOV]
    assert -1 not in places and places == sorted(places)
    assert " He said" in said  # the sentence that never names him
    numbers = [q.citation.sentence for q in answer.quotes]
    assert numbers == sorted(numbers)


async def test_a_speakers_sentences_side_by_side_are_one_quote(sample_library: Library) -> None:
    """Peskov's three sentences stand in one paragraph: one quote, cited from the first
    sentence's start to the last one's end, not three pieces crowding out other remarks."""
    answer = await sample_library.ask("What did Peskov say?")
    first = answer.quotes[0]
    assert all(wanted in first.text for wanted in PESKOV)
    assert first.citation.end - first.citation.start >= len(first.text)


@pytest.mark.parametrize(
    "question",
    ["what did peskow say", "What did the Kremlin spokesman say?", "what did peskov sya"],
)
async def test_variants_find_the_same_speaker(sample_library: Library, question: str) -> None:
    answer = await sample_library.ask(question)
    said = " ".join(q.text for q in answer.quotes)
    assert all(w in said for w in PESKOV)


async def test_typo_correction_is_reported(sample_library: Library) -> None:
    answer = await sample_library.ask("what did peskow say")
    assert answer.searched_for == "peskow → Peskov"  # as the article writes it


async def test_name_spelling_variants_meet(sample_library: Library) -> None:
    answer = await sample_library.ask("Could Putin meet Zelenskyy?")
    assert answer.quotes and "could meet Zelensky" in answer.quotes[0].text
    assert answer.searched_for and "zelenskyy" in answer.searched_for


async def test_how_many_prefers_the_number(sample_library: Library) -> None:
    answer = await sample_library.ask("How many prisoners will be exchanged?")
    assert "1,000 prisoners" in answer.quotes[0].text


@pytest.mark.parametrize(
    "question",
    [
        "What is the weather in Moscow?",
        "What did Joe Biden say?",
        "How tall is the Eiffel Tower?",
        "   ",
        "the of and?",
        "x" * 600,
    ],
)
async def test_no_answer_quotes_nothing(sample_library: Library, question: str) -> None:
    answer = await sample_library.ask(question)
    assert answer.abstained
    assert answer.note


async def test_unknown_words_are_named_in_the_no_answer(sample_library: Library) -> None:
    answer = await sample_library.ask("How tall is the Eiffel Tower?")
    assert answer.note is not None and "eiffel" in answer.note and "tower" in answer.note


async def test_captions_never_appear_in_quotes(sample_library: Library) -> None:
    for question in ("Reuters", "Getty", "latest developments front line"):
        for quote in (await sample_library.ask(question, k=10)).quotes:
            assert "Reuters" not in quote.text and "Getty" not in quote.text


async def test_every_quote_is_verbatim_with_offsets(sample_library: Library, sample_text) -> None:
    answer = await sample_library.ask("What did Lavrov say?", k=10)
    for quote in answer.quotes:
        assert sample_text[quote.citation.start : quote.citation.end] == quote.text


@pytest.mark.parametrize(
    "question",
    ["How much will the bridge cost the city?", "Why will the harbor close to ships?"],
)
async def test_scores_never_rise_down_the_list(
    library: Library, question: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The score shown is the one quotes are listed by, even when reranking reorders."""
    import index.answering

    # Let the within-article score dominate, so that the rerank surely reorders.
    monkeypatch.setattr(index.answering, "ARTICLE_WEIGHT", 100.0)
    await library.add_path(Path(__file__).parent / "data/2024-09-12-harbor-bridge-vote.md")
    answer = await library.ask(question, k=5)
    assert len(answer.quotes) >= 2
    scores = [q.score for q in answer.quotes]
    assert scores == sorted(scores, reverse=True)
    assert all(score > 0 for score in scores)
