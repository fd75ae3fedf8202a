"""Speakers in everyday news patterns, on a small article written for these tests.

Each test names one pattern: who speaks in each sentence, which role words the article
gives them, and which speaker a question about a role finds.
"""

from __future__ import annotations

from index.attribution import Attribution, attribute
from index.question import parse_question
from index.speakers import SpeakerDirectory

# (paragraph, sentence): a flood story with one pattern or two per paragraph.
ARTICLE: list[tuple[int, str]] = [
    (1, "The county's fire marshal, Ann Lee, said the bridge would stay closed."),
    (1, "She added that inspectors would check every house."),
    (2, "Chief Financial Officer Jo Park said the repairs would cost $4 million."),
    (2, "He said insurance would cover half."),
    (2, '"We are ready," she said.'),
    (4, "Residents were moved overnight."),
    (5, '"The dam held.'),
    (5, 'We were lucky," said Tom Reyes, a farmer who lives by the river.'),
    (6, "Harbour Authority Chief Executive Sam Ode told reporters the port would reopen."),
    (7, "Councillor Ben Ash added that the levy would pay for new pumps."),
    (8, "The pumps are old, according to Mara Voss, a senior analyst at the EU audit office."),
    (9, '"The water is falling," said Gareth Moss, a meteorologist with the Weather Service.'),
    (10, "Voss said the county needed newer pumps."),
    (10, "The county has 40 pumps."),
    (11, '"We will need more of them before the spring."'),
    (12, "Kim Bay, a teacher who lives in Millbank, watched the water rise."),
    (13, '"It came so fast," she said.'),
    (14, "The river fell on Friday."),
    (15, "The roads were cleared."),
    (16, "She said the schools would reopen."),
    (17, "Liz Carr, the member of parliament for Eastham, said the county needed help."),
    (18, '"The levee held for a night.'),
    (19, '"Then it gave way," Reyes said.'),
]


def _attributed() -> Attribution:
    return attribute([t for _, t in ARTICLE], [p for p, _ in ARTICLE])


class _Speakers:
    """Speakers of the sentence that starts with the words given."""

    def __init__(self) -> None:
        self.found = _attributed().speakers

    def __getitem__(self, start: str) -> list[str]:
        (i,) = [i for i, (_, text) in enumerate(ARTICLE) if text.startswith(start)]
        return self.found[i]


def _speakers() -> _Speakers:
    return _Speakers()


def _roles(name: str) -> set[str]:
    return next(e.roles for e in _attributed().entities if e.name == name)


def _directory() -> SpeakerDirectory:
    found = _attributed()
    directory = SpeakerDirectory()
    directory.add_article(
        "flood",
        [(i, "; ".join(names)) for i, names in enumerate(found.speakers)],
        [(e.name, " ".join(sorted(e.roles))) for e in found.entities],
    )
    return directory


def _who(question: str) -> list[str]:
    words = parse_question(question).speaker
    return [name for _, name in _directory().find(words, lambda _: True)]


def test_possessive_organisation_role_and_name() -> None:
    assert _speakers()["The county's fire marshal"] == ["Ann Lee"]
    assert {"fire", "marshal"} <= _roles("Ann Lee")
    names = {e.name for e in _attributed().entities}
    assert not any("county" in n.lower() for n in names)


def test_title_before_a_name_is_a_role() -> None:
    assert _speakers()["Chief Financial Officer "] == ["Jo Park"]
    assert {"chief", "financial", "officer"} <= _roles("Jo Park")
    assert _speakers()["Harbour Authority Chief "] == ["Sam Ode"]  # "X told reporters"
    assert _speakers()["Councillor Ben Ash added"] == ["Ben Ash"]  # "X added"


def test_a_quotation_over_two_sentences_belongs_to_its_closing_attribution() -> None:
    speakers = _speakers()
    assert speakers['"The dam held.'] == ["Tom Reyes"]
    assert speakers['We were lucky," said Tom'] == ["Tom Reyes"]
    assert {"farmer"} <= _roles("Tom Reyes")


def test_a_quotation_attributed_after_a_paragraph_break() -> None:
    speakers = _speakers()
    assert speakers['"The levee held for a nig'] == ["Tom Reyes"]
    assert speakers['"Then it gave way," Reyes'] == ["Tom Reyes"]


def test_a_paragraph_of_quotation_continues_the_previous_paragraphs_speaker() -> None:
    assert _speakers()['"We will need more of the'] == ["Mara Voss"]


def test_according_to_and_said_x_with_a_description() -> None:
    speakers = _speakers()
    assert speakers["The pumps are old, accor"] == ["Mara Voss"]
    assert {"senior", "analyst", "eu"} <= _roles("Mara Voss")
    assert speakers['"The water is falling," '] == ["Gareth Moss"]
    assert {"meteorologist", "weather", "service"} <= _roles("Gareth Moss")


def test_pronouns_resolve_to_the_recent_speaker_of_their_gender() -> None:
    speakers = _speakers()
    assert speakers["She added that inspector"] == ["Ann Lee"]
    assert speakers["He said insurance would "] == ["Jo Park"]
    # Jo Park spoke last, but "she" has named Ann Lee (in the previous paragraph).
    assert speakers['"We are ready," she said'] == ["Ann Lee"]
    # A person a sentence opens with is who "she" is, though she had not spoken yet.
    assert speakers['"It came so fast," she s'] == ["Kim Bay"]


def test_pronouns_do_not_reach_past_the_previous_paragraph() -> None:
    assert _speakers()["She said the schools wou"] == []


def test_role_questions_match_the_articles_roles_and_title_abbreviations() -> None:
    assert _who("what did the fire marshal say") == ["Ann Lee"]
    assert _who("what did the cfo say") == ["Jo Park"]
    assert _who("what did the chief financial officer say") == ["Jo Park"]
    assert _who("what did the ceo say") == ["Sam Ode"]
    assert _who("what did the mp say") == ["Liz Carr"]
    assert _who("what did the eu analyst say") == ["Mara Voss"]
    assert _who("what did the weather service guy say") == ["Gareth Moss"]


def test_no_synonyms_beyond_titles_and_abbreviations() -> None:
    assert _who("what did the harbour boss say") == []


def _described(question: str, more: tuple[str, ...] = ()) -> list[str]:
    """Who :meth:`SpeakerDirectory.find_described` finds, with the article's sentences
    (and ``more``, spoken by no one) as what the library holds: a sentence holds a word
    when its text does."""
    words = parse_question(question).speaker
    texts = [text for _, text in ARTICLE] + list(more)

    def holding(word: str) -> set[int]:
        return {i for i, text in enumerate(texts) if word in text.lower().split()}

    return [name for _, name in _directory().find_described(words, lambda _: True, holding)]


def test_a_description_names_a_speaker_by_its_other_words() -> None:
    """ "boss" is no word of the article; "harbour" is one of Sam Ode's role words, and
    "bridge" is in what Ann Lee said."""
    assert _who("what did the harbour boss say") == []  # no name nor role says it
    assert _described("what did the harbour boss say") == ["Sam Ode"]
    assert _described("what did the bridge boss say") == ["Ann Lee"]


def test_an_absent_title_or_an_unknown_name_describes_no_one() -> None:
    assert _described("what did the county governor say") == []  # a title is no paraphrase
    assert _described("what did councillor james porter say") == []  # two words match no one
    assert _described("what did the boss say") == []  # nothing but the unknown word
    # a known role word: find() finds him first, and a description names him too
    assert _described("what did the harbour chief say") == ["Sam Ode"]


def test_a_speaker_named_by_a_title_carries_its_abbreviation() -> None:
    """Attributed to the office itself ("A spokesperson for the Prime Minister said"),
    the speaker "Prime Minister" is found by "pm" too."""
    found = attribute(["A spokesperson for the Prime Minister said the talks would go on."], [1])
    directory = SpeakerDirectory()
    directory.add_article(
        "talks",
        [(0, "; ".join(found.speakers[0]))],
        [(e.name, " ".join(sorted(e.roles))) for e in found.entities],
    )
    words = parse_question("what did the pm say about the talks").speaker
    assert [name for _, name in directory.find(words, lambda _: True)] == ["Prime Minister"]


def test_a_role_names_the_body_it_refers_to() -> None:
    """ "a spokesperson for the commission", in an article that names the U.S. Consumer
    Product Safety Commission, is asked for as "the safety commission spokesperson"."""
    found = attribute(
        [
            "The recall was announced with the U.S. Consumer Product Safety Commission.",
            '"We expect better," said Robert Fairley, a spokesperson for the commission.',
        ],
        [1, 2],
    )
    assert found.speakers[1] == ["Robert Fairley"]
    roles = next(e.roles for e in found.entities if e.name == "Robert Fairley")
    assert {"spokesperson", "commission", "safety", "consumer"} <= roles


def test_a_word_of_the_articles_is_no_paraphrase() -> None:
    """ "report" is the library's own word (a "bridge report" is filed): the question asks
    about a thing the articles name, not a speaker described in other words."""
    assert _described("what did the bridge report say") == ["Ann Lee"]
    assert _described("what did the bridge report say", ("The bridge report was filed.",)) == []


def test_only_a_name_made_of_title_words_carries_their_abbreviation() -> None:
    """ "Prime Minister" is found by "pm"; "United States", a country's name, is not made
    "us" (a question misread as "what did X say" would find it)."""
    directory = SpeakerDirectory()
    directory.add_article("a", [(0, "Prime Minister"), (1, "United States")], [])
    assert [n for _, n in directory.find(["pm"], lambda _: True)] == ["Prime Minister"]
    assert directory.find(["us"], lambda _: True) == []


def test_a_role_that_names_its_body_takes_no_other_bodys_name() -> None:
    """ "chairman of the House Science Committee" names its committee: the article's other
    committee ("United States Senate Committee") is not his, nor "us"."""
    found = attribute(
        [
            "The United States Senate Committee on Energy met on Monday.",
            "Tom Bell, chairman of the House Science Committee, said the inquiry was wrong.",
            "Commission chair Ola Berg said the fares would rise.",
            "The Westhaven Harbor Commission meets monthly.",
        ],
        [1, 2, 3, 4],
    )
    roles = {e.name: e.roles for e in found.entities}
    assert not {"senate", "united", "states"} & roles["Tom Bell"]
    assert {"westhaven", "harbor"} <= roles["Ola Berg"]  # a bare "Commission" is that one
