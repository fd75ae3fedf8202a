"""Speakers introduced the ways news introduces people it has not named yet, on a small
article written for these tests: a role after the name that opens with the owner's name
("Rita Lamb, Brightwell's chief executive"), a role alone that the next paragraph names
("A steward for the dockers' union, who …, said" … "The steward, Joe Blum, said"), a
description named only at the end of a quotation ("…," said the organiser, Nina Holt), a
person a sentence opens with who shares a surname with another, "X, who said", and a
speaker who answers another without a verb of speech ("Blum rejected that account").
"""

from __future__ import annotations

from speaker_helpers import SmallArticle

from index.attribution import attribute
from index.question import parse_question
from index.roles import related_role_words
from index.speakers import SpeakerDirectory

# (paragraph, sentence): a ferry strike, one pattern or two per paragraph.
ARTICLE: list[tuple[int, str]] = [
    (1, "Ferries between Orran and Kell stayed in port on Monday."),
    (2, '"We did not want this," said Rita Lamb, Brightwell Ferries\' chief executive.'),
    (2, '"Our crews deserve a fair deal, and so do passengers."'),
    (3, "Tom Kemp, a deckhand, was hurt in a fall on the quay last month."),
    (
        4,
        "A steward for the Harbour Dockers union, who has worked the quay for 30 years, "
        "said crews had warned about the ramp since spring.",
    ),
    (5, "The steward, Joe Blum, said he raised it with managers in June."),
    (6, "Lamb said the ramp had passed an inspection in May."),
    (6, "Blum rejected that account."),
    (6, '"Inspections do not see what a deckhand sees," he said.'),
    (7, "Ada Kemp, Tom Kemp's widow, stood at the gate with a sign."),
    (7, "She said her husband had asked for a transfer."),
    (
        8,
        "The festival's organiser, who has run the harbour fair for a decade, "
        "said the fair would be moved.",
    ),
    (8, '"We will not cancel it.'),
    (8, 'We owe the town that much," said the organiser, Nina Holt.'),
    (
        9,
        "The only vote against the deal came from Councillor Ida Marsh, who said the port "
        "should have waited.",
    ),
    (10, "Vera Hale, Kell's harbour master, said tests had confirmed Salmonella in the canteen."),
    (11, "Piet Roos, Orran's managing director, said talks would resume on Friday."),
    (12, "The protest was organised by a group called Kell Harbour Watch."),
    (12, "Its chair, Mona Rees, said the ramp should be rebuilt."),
]


_SMALL = SmallArticle("strike", ARTICLE)
_attributed = _SMALL.attributed
_speaker_of = _SMALL.speaker_of
_roles = _SMALL.roles
_who = _SMALL.who


def test_a_role_after_the_name_may_open_with_its_owners_name() -> None:
    assert _speaker_of('"We did not want this,"') == ["Rita Lamb"]
    assert {"chief", "executive", "brightwell"} <= _roles("Rita Lamb")
    assert _who("what did the brightwell ceo say") == ["Rita Lamb"]
    assert _who("what did the police chief say") == []  # no chief executive
    assert {"managing", "director", "orran"} <= _roles("Piet Roos")
    assert _who("what did the orran md say") == ["Piet Roos"]


def test_a_role_introduced_alone_is_the_person_the_next_paragraph_names_so() -> None:
    assert _speaker_of("A steward for the Harbour Dockers") == ["Joe Blum"]
    assert _speaker_of("The steward, Joe Blum") == ["Joe Blum"]
    assert {"steward", "harbour", "dockers", "union"} <= _roles("Joe Blum")
    assert _who("what did the dockers union steward say") == ["Joe Blum"]


def test_a_description_named_at_the_end_of_its_quotation() -> None:
    assert _speaker_of("The festival's organiser") == ["Nina Holt"]
    assert _speaker_of('"We will not cancel it.') == ["Nina Holt"]
    assert _speaker_of("We owe the town that much") == ["Nina Holt"]
    assert {"festival", "organiser"} <= _roles("Nina Holt")


def test_a_reply_without_a_verb_of_speech_and_the_pronoun_after_it() -> None:
    assert _speaker_of("Lamb said the ramp") == ["Rita Lamb"]
    assert _speaker_of("Blum rejected that account.") == ["Joe Blum"]
    assert _speaker_of('"Inspections do not see') == ["Joe Blum"]


def test_the_person_a_sentence_opens_with_is_told_from_a_namesake() -> None:
    assert _speaker_of("She said her husband had asked") == ["Ada Kemp"]
    assert _who("what did tom kemp's wife say") == ["Ada Kemp"]


def test_who_said_after_a_name_is_that_person() -> None:
    assert _speaker_of("The only vote against the deal") == ["Ida Marsh"]


def test_what_a_speaker_reports_is_no_speaker() -> None:
    assert _speaker_of("Vera Hale, Kell's harbour master") == ["Vera Hale"]


def test_kinship_and_clipped_words_meet_the_articles() -> None:
    assert "wife" in related_role_words({"widow"})
    assert {"md"} <= related_role_words({"managing", "director"})
    assert "association" in related_role_words({"assoc"})


def test_a_description_with_an_owner_is_not_anyone_else_holding_its_role() -> None:
    """ "The fair's director" is not the county's health director introduced before,
    though she is the only director the article names before the fair's is named."""
    texts = [
        "Dr. Ann Wu, the county's health director, said ten people were ill.",
        "Lee Tran, who sells pies, said his stall was shut.",
        "The fair's director, who has run it for years, said every stall was checked.",
        '"We are sorry," said the director, Sam Oyelaran.',
    ]
    found = attribute(texts, [1, 2, 3, 3])
    assert found.speakers[2] == ["Sam Oyelaran"]
    assert found.speakers[3] == ["Sam Oyelaran"]


def test_what_x_said_inside_a_chat_question_names_the_speaker() -> None:
    assert parse_question("anyone know what the orran md said").speaker == ["orran", "md"]
    assert _who("anyone know what the orran md said") == ["Piet Roos"]
    assert parse_question("what the steward said about the ramp").topic_terms == ["ramp"]
    # a speech verb that goes on into a clause is no "what X said" question
    assert parse_question("what share of voters says it backs the deal").speaker == []
    asked = parse_question("whats the steward saying about the ramp")
    assert (asked.speaker, asked.topic_terms) == (["steward"], ["ramp"])
    asked = parse_question("did the steward say anything about the ramp")
    assert (asked.speaker, asked.topic_terms) == (["steward"], ["ramp"])
    assert parse_question("did anyone say why").speaker == []
    assert parse_question("what was Thoreau's punishment for not paying his taxes").speaker == []


def test_its_role_names_the_body_named_last() -> None:
    assert {"chair", "kell", "harbour", "watch"} <= _roles("Mona Rees")
    assert _who("what did the kell harbour watch guy say") == ["Mona Rees"]


def test_a_description_in_the_members_own_words_around_a_role_of_theirs() -> None:
    """ "the farmer next door to the site": the article says the farmer's land "borders
    the site"; his own word and one of his introduction name him though "next" and "door"
    are the member's. A word no article uses ("iowa") still rules him out."""
    directory = SpeakerDirectory()
    directory.add_article(
        "solar",
        [(0, "Wes Cord"), (1, "Wes Cord"), (2, "Ana Fenn")],
        [("Wes Cord", "farmer"), ("Ana Fenn", "project director")],
    )
    held = {"site": {0, 2, 5}, "next": {2, 7}, "door": {7}, "farmer": {0}}

    def described(*words: str) -> list[str]:
        found = directory.find_described(list(words), lambda _: True, lambda w: held.get(w, set()))
        return [name for _, name in found]

    assert described("farmer", "next", "door", "site") == ["Wes Cord"]
    assert described("farmer", "iowa", "site", "next") == []


def test_narration_between_two_of_one_speakers_sentences_is_theirs() -> None:
    texts = [
        "Dr. Ines Vale said the risk to people remained low.",
        "No workers have shown symptoms.",
        "She added that cooked eggs are safe.",
        "The farm has 40 barns.",
        "Tom Reed, a farmer, said he was worried.",
    ]
    found = attribute(texts, [1, 1, 1, 2, 2])
    assert found.speakers[1] == ["Ines Vale"]
    assert found.speakers[3] == []


def test_a_spokeswoman_for_a_body_a_quoted_age_and_a_hyphenated_title() -> None:
    texts = [
        "A spokeswoman for Delta Air Lines said flights would resume.",
        '"It was chaos," Lena Park, 52, said.',
        "UN Secretary-General Antonio Guterres said the truce must hold.",
    ]
    found = attribute(texts, [1, 2, 3])
    assert found.speakers == [["Delta Air Lines"], ["Lena Park"], ["Antonio Guterres"]]
    directory = SpeakerDirectory()
    directory.add_article(
        "news",
        [(i, "; ".join(names)) for i, names in enumerate(found.speakers)],
        [(e.name, " ".join(sorted(e.roles))) for e in found.entities],
    )

    def who(question: str) -> list[str]:
        words = parse_question(question).speaker
        return [name for _, name in directory.find(words, lambda _: True)]

    assert who("what did the delta spokeswoman say") == ["Delta Air Lines"]
    assert who("what did the un secretary general say") == ["Antonio Guterres"]


def test_more_everyday_introductions() -> None:
    texts = [
        "Sam Roth said the vote was fair.",
        "Jones disagreed.",
        '"It was rigged," she said.',
        "Board member Rosa Diaz voted no.",
        "She said the plan cost too much.",
        '"This is a disaster," said one resident, Tom Wu, 71.',
        "Ann Moss, CEO of Brightline, said the plant would close.",
        '"None of us saw it coming," said Lt. Dana Cruz.',
    ]
    found = attribute(texts, [1, 1, 1, 2, 2, 3, 4, 5])
    assert found.speakers == [
        ["Sam Roth"],
        ["Jones"],
        ["Jones"],
        [],
        ["Rosa Diaz"],
        ["Tom Wu"],
        ["Ann Moss"],
        ["Dana Cruz"],
    ]
    assert "resident" in next(e.roles for e in found.entities if e.name == "Tom Wu")


def test_a_body_named_x_of_y_is_referred_to_by_x() -> None:
    texts = [
        "The state Bureau of Port Safety sent inspectors.",
        "Lina Ortiz, a spokeswoman for the bureau, said the ramp was cited twice.",
    ]
    found = attribute(texts, [1, 2])
    roles = next(e.roles for e in found.entities if e.name == "Lina Ortiz")
    assert {"bureau", "port", "safety", "spokeswoman"} <= roles


def test_a_description_of_a_thing_is_no_speaker() -> None:
    texts = [
        "The ability of the immune system to respond, the report noted, declines with age.",
        "The alarming number of injuries in the sport said much about its rules.",
    ]
    assert attribute(texts, [1, 2]).speakers == [[], []]
