"""A member's word for a speaker's role in another form of the article's word: "the
ferry boss" for "Tidewell Ferries' general manager" (the words of one dictionary form
meet, as spelling variants do). On a small article written for these tests."""

from __future__ import annotations

from collections.abc import Sequence

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
    # asked for as written, a post is found by its own words ("the carpenter on the
    # ferry" is no ferry company's manager)
    assert [n for _, n in directory.find(["ferry"], lambda _: True)] == []


def test_words_of_no_role_in_any_form_still_describe_no_one() -> None:
    directory = _directory()
    assert _described(directory, "bus", "boss") == []
    # the exact word keeps matching as before
    assert _described(directory, "ferries", "boss") == ["Ola Berg"]


def test_forms_are_forgotten_with_their_article() -> None:
    directory = _directory()
    directory.remove_article("ferry")
    assert _described(directory, "ferry", "boss") == []


def _meaning(word: str, others: Sequence[str]) -> list[float]:
    """A stand-in for the encoder's word cosines: "roofer" is near "roofing" alone."""
    near = {("roofer", "roofing"): 0.8, ("rooftop", "roofing"): 0.4}
    return [near.get((word, other), 0.0) for other in others]


def test_a_word_of_the_roles_family_close_in_meaning_describes_its_holder() -> None:
    article = SmallArticle(
        "gym",
        [
            (1, "The gym roof fell in March."),
            (
                2,
                "The roofing contractor who carried out the repairs, Roy Dunn, testified "
                "that his crew had noticed the sag.",
            ),
            (3, "Ada Moss, a parent, said the boys had left the gym."),
        ],
    )
    assert {"roofing", "contractor"} <= article.roles("Roy Dunn")
    found = article.attributed()
    directory = SpeakerDirectory()
    spoken = [(i, "; ".join(names)) for i, names in enumerate(found.speakers)]
    directory.add_article(
        "gym", spoken, [(e.name, " ".join(sorted(e.roles))) for e in found.entities]
    )

    def described(word: str) -> list[str]:
        hits = directory.find_described([word], lambda _: True, lambda _w: set(), meaning=_meaning)
        return [name for _, name in hits]

    assert described("roofer") == ["Roy Dunn"]
    # near misses: a word of the family far in meaning, and one of no family
    assert described("rooftop") == []
    assert described("plumber") == []
    # without the encoder, as before
    hits = directory.find_described(["roofer"], lambda _: True, lambda _w: set())
    assert hits == []


def test_a_persons_name_meets_no_other_form_of_a_word() -> None:
    """ "Banks" is a name, no bank: only role words (and a body's name) meet a word's
    other forms; the name itself is still found as written."""
    directory = SpeakerDirectory()
    directory.add_article(
        "a", [(0, "Ada Banks"), (1, "Harbour Workers Union")], [("Ada Banks", "")]
    )

    def described(*words: str) -> list[str]:
        found = directory.find_described(list(words), lambda _: True, lambda _w: set())
        return [name for _, name in found]

    assert described("bank", "boss") == []
    assert [n for _, n in directory.find(["banks"], lambda _: True)] == ["Ada Banks"]
    assert described("worker", "boss") == ["Harbour Workers Union"]
    directory.remove_article("a")
    assert described("worker", "boss") == []
