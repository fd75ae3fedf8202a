"""A post of a body whose name holds a number, before the speaker's name
(index/attribution.py ``_description_before``, ``_Sentence.role_before``): in "Local 88's
president, Keith Amari, said" and "Local 417 president Dominic Aguilera-Strand said" the
number cut the body off, so neither was the union's president, and "what did the union
president say" found another body's president first. A number after a capitalised word
is part of the name, and a union's local makes its officer the union's. Near misses:
another body's president stays that body's, and the day of a date before a post ("On
March 3 chief executive Al Reyes") is no body's number.
"""

from __future__ import annotations

from pathlib import Path

from speaker_helpers import SmallArticle
from stub_library import library_of

from index.models import Document

STRIKE: list[tuple[int, str]] = [
    (
        1,
        "About 640 workers went on strike Saturday at three hotels, according to the union, "
        "Hospitality Workers Local 88.",
    ),
    (2, "Local 88's president, Keith Amari, said the daily cleaning issue was about jobs."),
    (3, "Visit Bellmont's president, Howard Lin, said no conventions were expected to move."),
    (4, "Station 4's captain, Rosa Delgado, said the crews were ready."),
    (5, "Local 417 president Dominic Aguilera-Strand said the contract was the strongest yet."),
    (6, "On March 3 chief executive Al Reyes said the hotels would stay open."),
]
_STRIKE = SmallArticle("strike", STRIKE)


def test_a_numbered_bodys_post_before_a_name_is_a_role() -> None:
    roles = {e.name: e.roles for e in _STRIKE.attributed().entities}
    assert {"president", "local", "union"} <= roles["Keith Amari"]
    assert {"captain", "station"} <= roles["Rosa Delgado"]
    # and a post in lower case after the body's number
    assert {"president", "local", "union"} <= roles["Dominic Aguilera-Strand"]
    # near misses: the other body's president is no union's, and a date's day before a
    # post is no body's number
    assert "union" not in roles["Howard Lin"] and "president" in roles["Howard Lin"]
    assert roles["Al Reyes"] == {"chief", "executive"}


async def test_the_union_president_is_the_locals(tmp_path: Path) -> None:
    doc = Document(
        text="\n\n".join(text for _, text in STRIKE), source="strike.txt", title="Hotel strike"
    )
    lib = await library_of(tmp_path, None, doc)
    answer = await lib.ask("what did the union president say")
    assert answer.quotes and "Keith Amari" in answer.quotes[0].text, [q.text for q in answer.quotes]
    await lib.close()
