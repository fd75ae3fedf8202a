from __future__ import annotations

import pytest

from index.question import AnswerType, parse_question


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
    ],
)
def test_speaker_questions(question: str, speaker: list[str], topic: list[str]) -> None:
    q = parse_question(question)
    assert q.speaker == speaker
    assert q.topic_terms == topic


def test_ordinary_questions_have_no_speaker() -> None:
    assert parse_question("What did Russian negotiators ask for in Istanbul?").speaker == []
    assert parse_question("Did the two countries say when?").speaker == []
