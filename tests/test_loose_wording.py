"""A member's loose wording of what an article says is still answered (index/answering.py
``SEMANTIC_MIN``, ``UNMATCHED_MATCH_MIN``), and a claim the article never makes is still
declined.

"was anybody hurt in the gas thing" shares no informative word with "No one was injured",
and its closeness in meaning to it is modest, as a short question's is; "losses" is only
loosely "forfeits". At the floors used before (0.4 for a paraphrase, 0.5 for a yes/no
question's word said in other words), both were declined; the same questions asked at
those floors still are, which is what this test pins down beside the answers.

The vectors come from the shipped encoder (read once a session, tests/conftest.py).
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from semantic_library import library_of

from index import answering
from index.library import Library
from index.models import Document

GAS = Document(
    text=(
        "BRINDLE — Crews evacuated eight downtown blocks on Tuesday after a contractor's "
        "excavator struck a gas main under Mercer Street.\n\n"
        "Fire chief Dana Ruiz said the leak was capped by 4 p.m. No one was injured, and "
        "there was no fire or explosion, she said.\n\n"
        "About 600 residents spent the afternoon at the Brindle community center before "
        "being allowed home.\n\n"
        "The gas company said it would review how the line was marked before the digging "
        "began."
    ),
    source="gas.txt",
    title="Gas leak empties downtown Brindle",
)
TEAM = Document(
    text=(
        "CALDER — The Calder Ridge football team will forfeit two games after the school "
        "suspended 14 players in a hazing investigation.\n\n"
        "The canceled games, against Millbrook on Friday and Ostrander next week, will be "
        "recorded as forfeits, the state athletic association said.\n\n"
        "Principal Joan Avery said the investigation began after a parent complained to the "
        "school.\n\n"
        "The team had won four of its first five games this season."
    ),
    source="team.txt",
    title="Calder Ridge forfeits two games",
)
LOOSE = [
    ("was anybody hurt in the gas thing", "No one was injured"),
    ("do the canceled games count as losses", "will be recorded as forfeits"),
]
NEVER_SAID = ["did the gas company get fined", "is the principal resigning"]


@pytest.fixture
async def lib(tmp_path: Path) -> AsyncIterator[Library]:
    library = await library_of(tmp_path, [GAS, TEAM], True)
    yield library
    await library.close()


async def test_loose_wording_of_what_the_article_says_is_answered(lib: Library) -> None:
    for question, answer in LOOSE:
        got = await lib.ask(question)
        assert got.quotes and answer in got.quotes[0].text, (question, got.declined_by)


async def test_at_the_former_floors_the_same_questions_were_declined(
    lib: Library, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(answering, "SEMANTIC_MIN", 0.4)
    monkeypatch.setattr(answering, "UNMATCHED_MATCH_MIN", 0.5)
    for question, _ in LOOSE:
        got = await lib.ask(question)
        assert not got.quotes, question


async def test_a_claim_the_article_never_makes_is_still_declined(lib: Library) -> None:
    for question in NEVER_SAID:
        got = await lib.ask(question)
        assert not got.quotes and got.note, (question, [q.text for q in got.quotes])
