"""'What did X say about Y' where X's articles never use Y's word: an everyday word the
library uses only in passing elsewhere ("the cause") is X's topic in other words, and
X's sentences are the answer; a word another article is about (its opening names it, or
it is rare in English) still mixes articles, and the question is declined."""

from __future__ import annotations

from pathlib import Path

from stub_library import library_of
from test_speaker_wire_patterns_3 import DirectionEncoder

from index.models import Document

TANNERY = Document(
    text=(
        "A storage tank at the Harrowford tannery split open early Tuesday.\n\n"
        "Plant manager Ray Sanborn said crews were going to find out why the seam failed.\n\n"
        "Sanborn said the tank had passed an inspection in March."
    ),
    source="tannery.txt",
    title="Tannery tank splits",
)
RACE = Document(
    text=(
        "The Ferncastle marathon was stopped in the heat on Sunday.\n\n"
        "Runners who did not finish will be offered a refund of their entry fee.\n\n"
        "Organizers said they did not yet know the cause of the delay at the start line."
    ),
    source="race.txt",
    title="Marathon stopped",
)
DOCKS = Document(
    text=(
        "Dockworkers at Port Avery went on strike on Monday, halting cargo.\n\n"
        "The port said ships were waiting offshore."
    ),
    source="docks.txt",
    title="Port Avery dockworkers walk out",
)
# Sanborn's sentences mean nothing the topics asked about mean.
MEANINGS = {
    "seam": (1.0, 0, 0, 0, 0),
    "inspection": (1.0, 0, 0, 0, 0),
    "cause": (0, 1.0, 0, 0, 0),
    "strike": (0, 0, 1.0, 0, 0),
}


async def test_an_everyday_topic_the_speaker_says_in_other_words_is_answered(
    tmp_path: Path,
) -> None:
    lib = await library_of(tmp_path, None, TANNERY, RACE, DOCKS)
    lib.enable_semantic(DirectionEncoder(MEANINGS), process=False)  # type: ignore[arg-type]
    assert await lib.wait_for_vectors(30)
    answer = await lib.ask("what did sanborn say about the cause")
    assert answer.declined_by is None
    assert answer.quotes and all("Sanborn" in q.text for q in answer.quotes)
    # near miss: what another article is about (its opening says it) mixes articles
    declined = await lib.ask("what did sanborn say about the strike")
    assert not declined.quotes and declined.declined_by == "speaker-off-topic"


async def test_a_rare_topic_of_another_article_is_declined(tmp_path: Path) -> None:
    lib = await library_of(tmp_path, None, TANNERY, RACE, DOCKS)
    lib.enable_semantic(DirectionEncoder(MEANINGS), process=False)  # type: ignore[arg-type]
    assert await lib.wait_for_vectors(30)
    # "refund" is said in passing, late in the race story, but is no everyday word
    declined = await lib.ask("what did sanborn say about refunds")
    assert not declined.quotes and declined.declined_by == "speaker-off-topic"
