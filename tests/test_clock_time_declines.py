"""No-answer questions the library used to answer, round 14 (issue: every no-answer
declined): "what time does X close" asks for a time of day it recurs at, and a sentence about X
giving only a day ("closed until Thursday", "offline since Saturday") does not state it.
Near misses: "what time did X happen" (a day or "late Monday night" may answer it), a
time of day stated, and "when" (a day answers it).
"""

from __future__ import annotations

from pathlib import Path

from test_decline_classes import answers, declines, opened

from index.models import Document
from index.question import asks_a_clock_time

LIBRARY = Document(
    text=(
        "CADDON — The Caddon Public Library's computer systems have been offline since "
        "Saturday after a ransomware attack, officials said Monday.\n\n"
        "The attack began at about 2:40 a.m. on Saturday, library director Ruth Okonjo "
        "said.\n\n"
        "The central library will stay closed until Thursday while its servers are "
        "rebuilt."
    ),
    source="library.txt",
    title="Ransomware attack shuts Caddon library",
)


async def test_what_time_needs_a_time_of_day(tmp_path: Path) -> None:
    async with opened(tmp_path, None, LIBRARY) as lib:
        await declines(lib, "what time does the caddon central library close", "no-clock")
        await declines(lib, "so what time does the central library close today")
        await answers(lib, "what time did the attack begin", "2:40 a.m.")
        await answers(lib, "what time did the library close", "until Thursday")
        await answers(lib, "when will the central library reopen", "until Thursday")


def test_only_what_time_with_an_auxiliary_asks_for_a_clock() -> None:
    assert asks_a_clock_time("what time does the pharmacy close")
    assert asks_a_clock_time("so at what time do the polls open")
    assert not asks_a_clock_time("what time did the roof come down")
    assert not asks_a_clock_time("What time frame does the Seven Years War cover?")
    assert not asks_a_clock_time("when does the pharmacy close")
