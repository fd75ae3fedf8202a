"""A speaker introduced by the sentence before their first words, where no one speaks:
"The police union took a different view. Brendan Keogh, president of the … Benevolent
Association, said …" makes Keogh "the union guy". Only that sentence counts: a word of
one further back, or of a sentence between two of a speaker's own, describes no one."""

from __future__ import annotations

from index.speakers import SpeakerDirectory


def _directory() -> SpeakerDirectory:
    directory = SpeakerDirectory()
    directory.add_article(
        "regatta",
        [
            (0, None),  # "The Harwick regatta was called off after the storm."
            (1, None),  # "The rowers' union took a different view."
            (2, "Tam Orrey"),  # "Tam Orrey, president of the Harwick Oarsmen's Guild, said …"
            (3, "Tam Orrey"),
            (4, None),  # "The marina lost its fuel dock."
            (5, "Ada Venn"),  # "Ada Venn, the harbour master, said …"
            (6, None),  # "The storm was the worst since 1987."
            (7, "Ada Venn"),
        ],
        [("Tam Orrey", "president harwick oarsmen's guild"), ("Ada Venn", "harbour master")],
    )
    return directory


def _described(held: dict[str, set[int]], *words: str) -> list[str]:
    found = _directory().find_described(
        list(words), lambda _: True, lambda w: held.get(w, set()), person=True
    )
    return [name for _, name in found]


def test_the_sentence_setting_up_a_speakers_first_words_introduces_them() -> None:
    assert _described({"union": {1}}, "union") == ["Tam Orrey"]
    assert _described({"marina": {4}}, "marina") == ["Ada Venn"]


def test_a_sentence_further_back_or_between_a_speakers_words_does_not() -> None:
    assert _described({"regatta": {0}}, "regatta") == []
    assert _described({"storm": {6}}, "storm") == []


def test_it_is_forgotten_with_its_article() -> None:
    directory = _directory()
    directory.remove_article("regatta")
    found = directory.find_described(["union"], lambda _: True, lambda _w: {1})
    assert found == []
