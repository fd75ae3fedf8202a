"""A member's word for a speaker's role in another form of the article's word: "the
ferry boss" for "Tidewell Ferries' general manager" (the words of one dictionary form
meet, as spelling variants do). On a small article written for these tests."""

from __future__ import annotations

from speaker_helpers import SmallArticle

from index.speakers import SpeakerDirectory

ARTICLE: list[tuple[int, str]] = [
    (1, "The ferry Gull Rock ran aground in fog on Tuesday."),
    (2, "Tidewell Ferries' general manager, Ola Berg, said the other boats still sail."),
    (3, "Ida Marsh, who runs the harbour cafe, said business was slow."),
]


def _directory() -> SpeakerDirectory:
    found = SmallArticle("ferry", ARTICLE).attributed()
    directory = SpeakerDirectory()
    spoken = [(i, "; ".join(names)) for i, names in enumerate(found.speakers)]
    entities = [(e.name, " ".join(sorted(e.roles))) for e in found.entities]
    directory.add_article("ferry", spoken, entities)
    return directory


def _described(directory: SpeakerDirectory, *words: str) -> list[str]:
    found = directory.find_described(list(words), lambda _: True, lambda _w: set())
    return [name for _, name in found]


def test_a_word_of_the_role_in_another_form_describes_its_holder() -> None:
    directory = _directory()
    assert _described(directory, "ferry", "boss") == ["Ola Berg"]
    assert [n for _, n in directory.find(["ferry", "manager"], lambda _: True)] == ["Ola Berg"]


def test_words_of_no_role_in_any_form_still_describe_no_one() -> None:
    directory = _directory()
    assert _described(directory, "bus", "boss") == []
    # the exact word keeps matching as before
    assert _described(directory, "ferries", "boss") == ["Ola Berg"]


def test_forms_are_forgotten_with_their_article() -> None:
    directory = _directory()
    directory.remove_article("ferry")
    assert _described(directory, "ferry", "boss") == []
