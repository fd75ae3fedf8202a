"""Speakers named the way wire stories and members name them: namesakes told apart by
title, "X's office said", "X of the Y said", a capitalised owner before a role, reported
speech going on in a modal, clipped titles ("ag sec", "state vet", "CMO"), and a speaker
described by what the article says where it introduces them ("the old man from Larch
Street"). On a small article written for these tests."""

from __future__ import annotations

from pathlib import Path

from speaker_helpers import SmallArticle

from index.attribution import attribute
from index.library import Library
from index.question import parse_question
from index.speakers import SpeakerDirectory

# (paragraph, sentence)
ARTICLE: list[tuple[int, str]] = [
    (1, "Chief Medical Officer Dr. Paul Lind, an obstetrician, said the unit would close."),
    (2, "Dr. Lind said he worried about women in labor."),
    (3, "Greta Lind, a midwife who is no relation to the doctor, said her center was full."),
    (3, '"We have four beds," Ms. Lind said.'),
    (4, "Carla Mendes said the hospital would keep its emergency room open."),
    (4, "Patients would be sent to Grantham for delivery."),
    (5, "In a statement, Ruth Abernathy said her department would review ambulance crews."),
    (5, "Abernathy's office said the state would pay for a telehealth link."),
    (
        6,
        "Another economist, Lorenzo Bassi of the state's Fiscal Policy Institute, said funding fell.",
    ),
    (7, "Hollow Creek's chief operating officer, Dev Malhotra, said the barns would be cleaned."),
    (8, "State Agriculture Secretary Ellen Fairbanks said ducks carried the virus."),
    (9, "The state veterinarian, Dr. Nadia Petrova, said the risk to people was low."),
    (10, "Raymond Tully, whose daughter studies there, wrote a letter to the board."),
    (10, "In it, Tully argued that the university had spent too much."),
    (11, "The vote was 7 to 2."),
    (11, "The clinic opens in May."),
]


_SMALL = SmallArticle("hospital", ARTICLE)
_attributed = _SMALL.attributed
_speaker_of = _SMALL.speaker_of
_roles = _SMALL.roles
_who = _SMALL.who


def test_two_people_of_one_surname_stay_two_and_their_titles_tell_them_apart() -> None:
    assert _speaker_of("Chief Medical Officer") == ["Paul Lind"]
    assert _speaker_of("Dr. Lind said") == ["Paul Lind"]
    assert _speaker_of("Greta Lind") == ["Greta Lind"]
    assert _speaker_of('"We have four beds,"') == ["Greta Lind"]
    assert "midwife" in _roles("Greta Lind") and "midwife" not in _roles("Paul Lind")
    assert _who("what did ms lind say") == ["Greta Lind"]
    assert _who("what did dr lind say") == ["Paul Lind"]
    assert _who("what did the midwife say") == ["Greta Lind"]


def test_an_office_speaks_for_the_person_it_belongs_to() -> None:
    assert _speaker_of("Abernathy's office said") == ["Ruth Abernathy"]


def test_a_person_of_an_organisation_is_the_speaker_and_the_organisation_a_role() -> None:
    assert _speaker_of("Another economist") == ["Lorenzo Bassi"]
    assert {"economist", "fiscal", "policy", "institute"} <= _roles("Lorenzo Bassi")
    assert _who("what did the fiscal policy institute economist say") == ["Lorenzo Bassi"]


def test_a_role_owned_by_a_capitalised_name_before_the_speaker() -> None:
    assert {"hollow", "creek", "chief", "operating", "officer"} <= _roles("Dev Malhotra")
    assert _who("what did hollow creek's coo say") == ["Dev Malhotra"]


def test_reported_speech_goes_on_in_a_modal_and_narration_does_not() -> None:
    assert _speaker_of("Patients would be sent") == ["Carla Mendes"]
    assert _speaker_of("The clinic opens in May.") == []


def test_a_surname_ending_in_ly_is_no_adverb() -> None:
    assert _speaker_of("Raymond Tully") == ["Raymond Tully"]
    assert _speaker_of("In it, Tully argued") == ["Raymond Tully"]


def test_clipped_titles_and_abbreviations_meet_the_articles_roles() -> None:
    assert _who("what did the ag sec say") == ["Ellen Fairbanks"]
    assert _who("what did the state vet say") == ["Nadia Petrova"]
    assert _who("what did the cmo say") == ["Paul Lind"]


def test_a_clause_about_the_speaker_is_part_of_the_speaker() -> None:
    question = parse_question("what did the dad who wrote to the board say")
    # the clause's words first, the head noun the person is named by last
    assert question.speaker == ["wrote", "board", "dad"]


STORY = """\
Riverbend hospital will close its maternity unit in June.

Walt Hendry, 78, who lives on Larch Street and was born in the hospital's old wing, said the building had delivered his whole family. "My mother, my daughter, and two of my grandkids," he said.

Janet Okafor, a delivery nurse and the chief steward for the nurses' union, said nobody had asked the staff. "We found out from a memo," Okafor said.

State Rep. Colleen Ward said the state would pay for ambulances.

Bethany Cole, who is 32 weeks pregnant, said her due date falls in April. "I got lucky," she said.
"""


async def _story(library: Library, tmp_path: Path) -> Library:
    path = tmp_path / "riverbend.txt"
    path.write_text(STORY, encoding="utf-8")
    await library.add_path(path)
    return library


async def test_a_speaker_described_by_their_introduction(library: Library, tmp_path: Path) -> None:
    """Where the article introduces a speaker is what members describe them by: the old
    man from Larch Street, the pregnant woman, the nurses' union rep (a word of the
    member's own, "rep", is allowed)."""
    lib = await _story(library, tmp_path)
    for question, wanted in [
        ("what did the old man from larch street say", "My mother, my daughter"),
        ("what did the pregnant woman say", "I got lucky"),
        ("what did the nurses union rep say", "We found out from a memo"),
    ]:
        answer = await lib.ask(question)
        assert answer.quotes and wanted in answer.quotes[0].text, question


async def test_a_title_no_speaker_holds_describes_no_one(library: Library, tmp_path: Path) -> None:
    lib = await _story(library, tmp_path)
    answer = await lib.ask("what did the governor say")
    assert not any("Hendry" in q.text or "Okafor" in q.text for q in answer.quotes)


LONG_TALKER = """\
The library board met on Tuesday.

Nora Kane, the board's chair, said the vote was close.

The meeting ran late.

Kane said the roof needed work.

Members asked about parking.

"We have waited ten years for this. The books are getting wet. The children deserve better," Kane said.

A vote was taken at nine.

Kane said the board would meet again.

Some residents left early.

"I am proud of this board. We did the hard thing," Kane said.
"""


async def test_a_speaker_of_many_passages_is_shown_by_the_fullest(
    library: Library, tmp_path: Path
) -> None:
    """Kane speaks in six separate paragraphs; three quotes show the two long quotations
    rather than her first three one-line remarks."""
    path = tmp_path / "library-board.txt"
    path.write_text(LONG_TALKER, encoding="utf-8")
    await library.add_path(path)
    answer = await library.ask("what did kane say", k=3)
    shown = " ".join(q.text for q in answer.quotes[:3])
    assert "The children deserve better" in shown
    assert "We did the hard thing" in shown
    assert [q.citation.sentence for q in answer.quotes] == sorted(
        q.citation.sentence for q in answer.quotes
    )


def test_a_role_far_from_its_introduction_is_the_one_person_holding_it() -> None:
    texts = [
        "Superintendent Linda Graves said schools would close.",
        "Parents were angry.",
        "Tom Reed, a parent, said he was worried.",
        "The district has 12 schools.",
        "Buses will not run.",
        '"We will reopen soon," the superintendent said.',
    ]
    assert attribute(texts, [1, 2, 3, 4, 5, 6]).speakers[5] == ["Linda Graves"]


def test_who_a_speaker_told_is_no_topic() -> None:
    """ "reporters" is no topic: asked as one, a speaker whose article never says
    "reporter" would be declined as speaking about something else."""
    assert parse_question("what did the mayor tell reporters").topic_terms == []
    assert parse_question("what did the mayor tell reporters about the budget").topic_terms == [
        "budget"
    ]


def test_one_given_name_spelt_two_ways_is_one_person() -> None:
    texts = ["Samuel Ode said the port was open.", "Sam Ode said it would stay open."]
    assert attribute(texts, [1, 2]).speakers == [["Samuel Ode"], ["Samuel Ode"]]


def test_more_verbs_of_speech() -> None:
    texts = [
        "Ruth Ames cautioned that the bridge was old.",
        "Leo Park conceded the plan had failed.",
        "Ida Cole testified that she saw the truck.",
    ]
    assert attribute(texts, [1, 2, 3]).speakers == [["Ruth Ames"], ["Leo Park"], ["Ida Cole"]]


def test_a_common_word_alone_or_people_of_several_articles_describe_no_one() -> None:
    """A question misread as "what did X say" ("what do some sources say …") names a
    common word: it describes no one, nor does a description that fits people of two
    articles equally; one rare word of a speaker's introduction does ("the pregnant
    woman")."""
    directory = SpeakerDirectory()
    directory.add_article("a", [(0, "Bethany Cole"), (1, "Bethany Cole")], [])
    directory.add_article("b", [(10, "Ann Lee"), (20, "Tom Ash")], [])
    held = {
        "pregnant": {0},
        "sources": {0, 2, 3, 4, 5, 6, 7},
        "stadium": {10, 30},
        "name": {10, 30, 20},
    }

    def described(*words: str) -> list[str]:
        found = directory.find_described(list(words), lambda _: True, lambda w: held.get(w, set()))
        return [name for _, name in found]

    assert described("pregnant") == ["Bethany Cole"]
    assert described("sources") == []
    directory.add_article("c", [(30, "Jo Park")], [])
    assert described("stadium", "name") == []  # Ann Lee (b) and Jo Park (c) tie
