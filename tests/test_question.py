from __future__ import annotations

import pytest

from index.analyze import stem
from index.question import ASKS_NAME, AnswerType, parse_question


@pytest.mark.parametrize(
    ("question", "kind"),
    [
        ("How many prisoners will be exchanged?", AnswerType.NUMBER),
        ("When did the talks start?", AnswerType.DATE),
        ("In what year was it built?", AnswerType.DATE),
        ("How long did the talks last?", AnswerType.DURATION),
        ("Who demanded a ceasefire?", AnswerType.PERSON),
        ("Where were the talks held?", AnswerType.PLACE),
        ("Why did the talks fail?", AnswerType.REASON),
        ("What was agreed?", AnswerType.ANY),
    ],
)
def test_answer_types(question: str, kind: AnswerType) -> None:
    assert parse_question(question).answer_type is kind


def test_frame_words_are_not_search_terms() -> None:
    q = parse_question("How many prisoners will be exchanged?")
    assert "mani" not in q.terms and "many" not in q.terms
    assert q.terms[0] == "prison"


@pytest.mark.parametrize(
    ("question", "speaker", "topic"),
    [
        ("What did Peskov say?", ["peskov"], []),
        ("what did peskov sya", ["peskov"], []),
        (
            "What did the Kremlin spokesperson say about the Ukrainian account?",
            ["kremlin", "spokesperson"],
            ["ukrainian", "account"],
        ),
        ("What was Lavrov's reaction?", ["lavrov"], []),
        ("What is the reaction of the mayor to the vote?", ["mayor"], ["vote"]),
        # a speaker's word one edit from a speech verb ("stated", "add") is read past
        ("what did the state epidemiologist say", ["state", "epidemiologist"], []),
        ("what did the dad who didnt vaccinate say", ["vaccinate", "dad"], []),  # head last
        # after "what is / what's / what was", the -ing form of a speech verb
        ("what is the governor claiming about the vote", ["governor"], ["vote"]),
        ("what was the mayor thinking", ["mayor"], []),
        # a word of the language one letter from a speech verb is the member's word, not
        # a misspelt verb: "bay" and "aid" are no "say" or "said", "old" no "told"
        ("what did the harlow bay mayor say", ["harlow", "bay", "mayor"], []),
        ("what did the legal aid lawyer say", ["legal", "aid", "lawyer"], []),
        ("what did the old man from larch street say", ["old", "larch", "street"], []),
        ("what did the mayor say about the toll", ["mayor"], ["toll"]),
        ("what did the mayor sayd", ["mayor"], []),
    ],
)
def test_speaker_questions(question: str, speaker: list[str], topic: list[str]) -> None:
    q = parse_question(question)
    assert q.speaker == speaker
    assert q.topic_terms == topic


def test_a_real_word_near_a_speech_verb_asks_no_speaker() -> None:
    # "pay" is one letter from "say": "what do major airlines pay new pilots" asks a fact
    assert parse_question("what do major airlines pay new pilots").speaker == []
    assert "pay" in parse_question("what did the company pay").terms
    assert parse_question("how did marcus bell find out").speaker == []


def test_ordinary_questions_have_no_speaker() -> None:
    assert parse_question("What did Russian negotiators ask for in Istanbul?").speaker == []
    assert parse_question("Did the two countries say when?").speaker == []
    # "state" is a speech verb only as "what did X state": after "what's" it is a noun
    assert parse_question("whats inflation in the state rn").speaker == []
    assert parse_question("what is the state of the economy").speaker == []


@pytest.mark.parametrize(
    ("question", "terms"),
    [
        ("can you tell me what happened to the levy", ["levi"]),
        ("what happened with the levy", ["levi"]),
        ("what's going on with the strike", ["strike"]),
        ("whats the deal with the strike", ["strike"]),
        ("is it true that peskov refused", ["peskov", "refus"]),
        ("do you know if the talks ended", ["talk", "end"]),
        ("any news on the ceasefire pls", ["ceasefir"]),
        ("i wanna know about the ceasefire", ["ceasefir"]),
        ("what's the weather gonna be like this week", ["weather"]),
        ("how much will homeowners pay for this bus thing", ["homeown", "pay", "bus"]),
        ("so hey tell me about the ceasefire", ["ceasefir"]),
        ("anyone know when the new prices kick in", ["new", "price", "kick"]),
        ("is the bridge closed rn", ["bridg", "close"]),
    ],
)
def test_conversational_frames_and_fillers_are_not_search_terms(
    question: str, terms: list[str]
) -> None:
    assert parse_question(question).terms == terms


def test_the_unit_of_how_much_is_not_searched() -> None:
    assert parse_question("how much money did the committee raise").terms == ["committe", "rais"]
    assert "money" in parse_question("what percentage of money was raised").terms


def test_frame_words_that_are_content_stay() -> None:
    q = parse_question("Did the two countries say when the prisoner swap would happen?")
    assert "happen" in q.terms
    assert parse_question("what was the deal").terms == ["deal"]
    assert parse_question("what happened?").terms == ["happen"]  # nothing else to search


@pytest.mark.parametrize(
    ("question", "kind"),
    [
        ("do u know how many ppl died", AnswerType.NUMBER),
        ("can you tell me when the talks start", AnswerType.DATE),
        ("whens the vote", AnswerType.DATE),
        ("wat year was it built", AnswerType.DATE),
        ("anyone know when the new prices kick in", AnswerType.DATE),
        ("anybody know if the talks ended", AnswerType.ANY),
        ("someone remember who started the company", AnswerType.PERSON),
    ],
)
def test_chat_phrasing_keeps_the_answer_type(question: str, kind: AnswerType) -> None:
    assert parse_question(question).answer_type is kind


def test_chat_spellings() -> None:
    q = parse_question("how many ppl r being moved abt u know")
    assert q.terms == ["peopl", "move", "know"]
    assert parse_question("wht did the mayor sya").speaker == ["mayor"]
    assert parse_question("wat did peskov say abt the talks").topic_terms == ["talk"]


def test_each_term_keeps_the_questions_own_word() -> None:
    q = parse_question("any news on the hospitall and wages")
    assert q.surface == {stem("hospitall"): "hospitall", stem("wages"): "wages"}


@pytest.mark.parametrize(
    ("question", "kind", "speaker"),
    [
        ("waht did peskov say", AnswerType.ANY, ["peskov"]),
        ("hwo many prisoners were freed", AnswerType.NUMBER, []),
        ("hwo is peskov", AnswerType.PERSON, []),
        ("wehn did the talks start", AnswerType.DATE, []),
    ],
)
def test_a_misspelt_question_word_is_read_as_meant(
    question: str, kind: AnswerType, speaker: list[str]
) -> None:
    q = parse_question(question)
    assert (q.answer_type, q.speaker) == (kind, speaker)
    assert not {"waht", "hwo", "wehn"} & set(q.surface.values())


def test_a_real_first_word_is_not_read_as_a_question_word() -> None:
    assert parse_question("hoe prices").terms == ["hoe", "price"]


def test_when_the_member_asks_is_not_what_they_ask_about() -> None:
    assert (
        parse_question("is the bridge closed right now").terms
        == parse_question("is the bridge closed").terms
    )
    assert "week" in parse_question("what did the council decide last week").terms


def test_a_question_asking_for_a_name_is_read() -> None:
    for text in (
        "what is the name of the child in intensive care",
        "whats the name of the planner who approved it",
        "What was the name of the law which imposed the speed limit?",
        "what are the names of the four officers",
    ):
        assert parse_question(text).asks == ASKS_NAME, text
    assert parse_question("what did the name change cost").asks != ASKS_NAME


def test_a_name_asked_by_whose_it_is_is_read() -> None:
    """ "Whats the bus drivers name" asks what "what is the name of the bus driver" asks
    (l41: the sentence saying his name was not released was quoted as the answer)."""
    for text in (
        "whats the bus drivers name",
        "what was kessler's grandfather's name",
        "what's the ironhawks coach's name",
        "whats the deputys name in the bodycam thing",
    ):
        assert parse_question(text).asks == ASKS_NAME, text
    # which name, not whose: a team's new name is asked of the team
    for text in ("what's the pikes' new name gonna be", "what name did they give the robot"):
        assert parse_question(text).asks != ASKS_NAME, text


@pytest.mark.parametrize("text", ["", " ", "???", "!!", "—"])
def test_a_question_with_no_words_parses_to_no_terms(text: str) -> None:
    assert parse_question(text).terms == []
