"""A speaker named with where they are from, down to the state: "Pinecrest's owner,
Lakeshore Senior Living of Columbus, Ohio, said in a statement" (l38) was read as said by
"Ohio", the last capitalised word before the verb, and so were the company's quotations
after it. The state after "of <city>," ends the place of origin; the speaker is named
before it.
"""

from __future__ import annotations

from speaker_helpers import SmallArticle

OWNER: list[tuple[int, str]] = [
    (1, "Flu has sickened 31 residents of the Pinecrest Manor nursing home."),
    (
        2,
        "Pinecrest's owner, Lakeshore Senior Living of Columbus, Ohio, said in a statement "
        "that it had sent two extra nurses.",
    ),
    (3, "Jane Doe of Austin, Texas, said she would move her mother."),
    # near misses: a place in a description after the name, a place with no state
    (4, "Paula Jimenez, a teacher from Columbus, Ohio, said the schools were closed."),
    (5, "Acme Corp. of Dayton said it would appeal."),
]
_OWNER = SmallArticle("owner", OWNER)


def test_the_state_after_a_place_of_origin_is_no_speaker() -> None:
    assert _OWNER.speaker_of("Pinecrest's owner") == ["Lakeshore Senior Living"]
    assert _OWNER.speaker_of("Jane Doe of Austin") == ["Jane Doe"]
    assert "Ohio" not in {e.name for e in _OWNER.attributed().entities}
    assert _OWNER.who("what did lakeshore senior living say") == ["Lakeshore Senior Living"]
    assert _OWNER.speaker_of("Paula Jimenez") == ["Paula Jimenez"]
    assert _OWNER.speaker_of("Acme Corp.") == ["Acme Corp."]
