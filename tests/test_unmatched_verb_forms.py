"""Answerable yes/no questions the library used to decline (issue: answerable questions
declined, "unmatched"): a verb's past form is as everyday as the verb ("gotten", "fined",
"marked" are rarer in English than "get", "fine", "mark"), so, like the verb, it is not a
word the answer's paragraph must say in other words. Near misses still declined: a past
form of a rare verb ("evicted"), a plural ("profits": what is counted is named) and an
"-ing" form ("rolling"), whose paragraphs say nothing close to them.
"""

from __future__ import annotations

from pathlib import Path

from stub_library import library_of
from test_decline_classes import answers, declines

from index.models import Document

CLOSURE = Document(
    text=(
        "CADDON — The Caddon Public Library will keep its branches closed until Thursday "
        "while its computer systems are rebuilt after a ransomware attack.\n\n"
        "Books that come due while the branches are closed will not be counted as late, "
        "and no late fees will be charged, director Ruth Okonjo said.\n\n"
        "The library's budget ended the year with a surplus of $40,000."
    ),
    source="closure.txt",
    title="Caddon library stays closed",
)
# The stub encoder puts each of these words on an axis of its own, away from every word
# of the article: its paragraph says nothing close to it.
AXES = {"fined": 0, "evicted": 1, "profits": 2, "rolling": 2}


async def test_a_past_form_of_an_everyday_verb_need_not_be_said(tmp_path: Path) -> None:
    lib = await library_of(tmp_path, AXES, CLOSURE)
    try:
        await answers(lib, "do i get fined if my library books are late", "late fees")
        await declines(lib, "do i get evicted if my library books are late", "unmatched")
        await declines(lib, "did the caddon library budget end the year with profits", "unmatched")
        await declines(
            lib, "are the caddon library branches rolling closed until thursday", "unmatched"
        )
    finally:
        await lib.close()
