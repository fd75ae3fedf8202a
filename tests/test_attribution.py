from __future__ import annotations

from pathlib import Path

from index.attribution import attribute
from index.ingest import read_path
from index.pipeline import process

DATA = Path(__file__).parent / "data"


def speakers_of(texts: list[str]) -> list[list[str]]:
    return attribute(texts, [1] * len(texts)).speakers


def test_sample_speakers(sample_path: Path) -> None:
    processed = process(read_path(sample_path))
    by_text = {s.text[:40]: s.speaker for s in processed.sentences}
    assert by_text["Kremlin spokesperson Dmitry Peskov refus"] == "Dmitry Peskov"
    assert by_text["He said that the next steps would be to "] == "Dmitry Peskov"
    assert by_text["Peskov said it was possible that Preside"] == "Dmitry Peskov"
    assert by_text["The source said that and other requests "] == "A Ukrainian source"
    assert "Sergei Lavrov" in by_text["“(Lavrov) confirmed Moscow's desire to c"]
    assert by_text["Moscow has shown little inclination to m"] is None
    roles = {e.name: e.roles for e in processed.entities}
    assert {"kremlin", "spokesperson"} <= roles["Dmitry Peskov"]
    assert {"russian", "foreign", "minister"} <= roles["Sergei Lavrov"]


def test_inverted_appositive_and_relative_clause_subjects() -> None:
    texts = [
        "“We will not pay,” said Maria Lopez.",
        "A spokesman for the port, Jan de Wit, said the cranes were idle.",
        "Council member Tom Becker, who voted against it, warned that costs would rise.",
        "The plan is late, according to Auditor General Sam Reed.",
    ]
    assert speakers_of(texts) == [["Maria Lopez"], ["Jan de Wit"], ["Tom Becker"], ["Sam Reed"]]


def test_pronouns_and_quotes_carry_over_to_the_last_speaker() -> None:
    texts = [
        "Anna Berg said the strike would end.",
        "“We have an agreement.",
        "Nobody objected.",
        "She added that pay would rise.",
    ]
    assert speakers_of(texts) == [["Anna Berg"], ["Anna Berg"], [], ["Anna Berg"]]


def test_verbs_that_are_not_speech_do_not_attribute() -> None:
    texts = ["The United States proposed a plan.", "The agency would add two ferry routes."]
    assert speakers_of(texts) == [[], []]


def test_second_article_speakers() -> None:
    processed = process(read_path(DATA / "2024-09-12-harbor-bridge-vote.md"))
    speakers = [s.speaker for s in processed.sentences]
    assert speakers.count("Ana Ruiz") == 3
    assert speakers.count("Tom Becker") == 3
    assert speakers.count("Priya Natarajan") == 2
