""" "What did the governor's office say" asks for the governor, as the articles'
attribution reads "the governor's office said" (a training writer's question, l25, typed
"the governors office"): the words were read as a speaker "office", and the stem it
shares with "officer" found the bridge authority's chief financial officer instead of the
spokesperson for Gov. Lydia Carrow. Each case has a near miss that must stay as it was.
"""

from __future__ import annotations

from speaker_helpers import SmallArticle

from index.question import parse_question

TOLLS: list[tuple[int, str]] = [
    (
        1,
        "The authority's chief financial officer, Rebecca Lindqvist, told the board the "
        "bridge needs about $210 million in repairs.",
    ),
    (
        2,
        "A spokesperson for Gov. Lydia Carrow said in a statement that the governor "
        '"understands the concerns of commuters."',
    ),
]
_TOLLS = SmallArticle("tolls", TOLLS)


def test_a_posts_office_is_the_post() -> None:
    for asked in ("what did the governor's office say", "what did the governors office say"):
        assert parse_question(asked).speaker == ["governor"]
        assert _TOLLS.who(asked) == ["Lydia Carrow"]
    assert parse_question("what did the attorney generals office say").speaker == [
        "attorney",
        "general",
    ]
    # near misses: an office that is no post's, and a post's holder asked for by name
    assert parse_question("what did the box office say").speaker == ["box", "office"]
    assert _TOLLS.who("what did the chief financial officer say") == ["Rebecca Lindqvist"]
