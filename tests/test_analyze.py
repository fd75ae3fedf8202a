from __future__ import annotations

from index.analyze import analyze, fold, words


def test_fold_drops_diacritics_and_case() -> None:
    assert fold("Zelenskyy's KYÏV Łódź") == "zelenskyy's kyiv łodz"


def test_stopwords_removed_and_stemmed() -> None:
    assert analyze("What did the negotiators say about the prisoners?") == [
        "negoti",
        "say",
        "prison",
    ]


def test_digit_groups_kept_whole() -> None:
    assert "1000" in analyze("an exchange of 1,000 prisoners")
    assert words("5,000 soldiers") == ["5000", "soldiers"]


def test_question_and_sentence_meet_on_the_same_terms() -> None:
    sentence = "Negotiations on a potential ceasefire are underway in Istanbul."
    question = "Where are the negotiation talks about a cease-fire?"
    assert {"negoti"} <= set(analyze(sentence)) & set(analyze(question))


def test_repeats_are_kept_for_term_frequency() -> None:
    assert analyze("war war war") == ["war", "war", "war"]


def test_plural_and_singular_meet_when_the_lemmatizer_capitalises() -> None:
    # simplemma gives "Christian" for "christians" but "christian" for "christian".
    assert analyze("Christians") == analyze("christian")
    assert analyze("the Victorians") == analyze("a Victorian")
