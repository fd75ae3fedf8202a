"""Answerable questions the library used to decline (issue: answerable questions declined):
"how old is X" is answered by the year X was built or laid, or by an age, stated in a
sentence of the article below the one sharing most of the question's words ("how old is
the pipe that broke": the sentence about the break names no year, the one after it says
"laid in 1958"). Near misses: another article's age ("the 31-year-old ferry"), someone
else's age ("Martin Hollis, 67," for Ruth Hollis) and a clock time ("at 11:48 p.m.") are
no answer.
"""

from __future__ import annotations

from pathlib import Path

from test_decline_classes import answers, declines, opened

from index.answer_types import states_an_age
from index.models import Document

MAIN_BREAK = Document(
    text=(
        "ALBURY — A water pipe broke under Elm Street early Monday, and the broken pipe "
        "flooded six basements before crews shut the valves, the water department said. "
        "The pipe was laid in 1958 and is made of cast iron, engineer Dana Price said.\n\n"
        "Ruth Hollis, who lives on Elm Street, said the water reached her porch by "
        "midnight. Her neighbour Martin Hollis, 67, said he had never seen the street flood."
    ),
    source="main-break.txt",
    title="Broken pipe floods Elm Street",
)
FERRY = Document(
    text=(
        "SALLOW BAY — The 31-year-old ferry Sallow Wren ran aground on Tuesday, and the "
        "coast guard said no one was hurt.\n\n"
        "Inspectors said the ferry had passed its last inspection in March."
    ),
    source="ferry.txt",
    title="Ferry runs aground in Sallow Bay",
)


async def test_how_old_is_answered_by_the_year_built(tmp_path: Path) -> None:
    async with opened(tmp_path, None, MAIN_BREAK, FERRY) as lib:
        await answers(lib, "how old is the pipe that broke", "laid in 1958")
        await answers(lib, "how old is the ferry", "31-year-old")
        await declines(lib, "how old is ruth hollis")
        await answers(lib, "how old is martin hollis", "67")


def test_a_clock_time_is_no_age() -> None:
    assert not states_an_age("the water reached her porch at 11:48 p.m.")
    assert not states_an_age("the polls close at 8.30 tonight")
    assert states_an_age("the man, who died at 84, had lived there for years")
