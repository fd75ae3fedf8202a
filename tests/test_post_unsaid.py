""" "Who is the <post> (of …)" when no sentence shown says the post
(index/withheld_facts.py ``_post_unsaid``): "whos the ceo of brightfield renewables" was
answered with "would be built by Brightfield Renewables, a developer based in Columbus",
which names no one and no chief executive. A post asked for must stand in a quote shown,
in any of its forms ("general manager" for "gm"). Near misses: the post held in a shown
quote, a "who" question asking for no post, a family tie ("Antigone's father") and a
post word that only qualifies ("chief rival") are answered.
"""

from __future__ import annotations

from pathlib import Path

from stub_library import library_of

from index.models import Document
from index.question import parse_question
from index.withheld_facts import _post_asked

LEASE = Document(
    text=(
        "The Canton Ridge Riverhawks will stay at Founders Field for 20 more years under a "
        "lease approved Tuesday by the county commission.\n\n"
        "The team's general manager, Josh Pritchard, said the club never wanted to leave.\n\n"
        "A solar farm next to the ballpark would be built by Brightfield Renewables, a "
        "developer based in Columbus.\n\n"
        "Commission chair Linda Okafor cast the deciding vote."
    ),
    source="lease.txt",
    title="Riverhawks sign lease",
)


async def test_a_post_no_quote_says_is_declined(tmp_path: Path) -> None:
    lib = await library_of(tmp_path, None, LEASE)
    answer = await lib.ask("whos the ceo of brightfield renewables")
    assert answer.abstained and not answer.quotes
    assert answer.declined_by == "post-unsaid"
    assert answer.note == "No sentence in the library says who the ceo is."
    # an abbreviation is a post too, and the lede that names only the team says none
    answer = await lib.ask("whos the riverhawks gm")
    assert answer.declined_by == "post-unsaid" or "Josh Pritchard" in answer.quotes[0].text
    # near misses: the post held in a quote shown, and a "who" question asking for no post
    answer = await lib.ask("who is the commission chair")
    assert answer.quotes and "Linda Okafor" in answer.quotes[0].text
    answer = await lib.ask("who cast the deciding vote")
    assert answer.quotes and "Linda Okafor" in answer.quotes[0].text
    await lib.close()


def test_the_post_is_the_head_of_what_is_asked() -> None:
    assert _post_asked(parse_question("who is harborline's head coach")) == "coach"
    assert _post_asked(parse_question("whos the police chief in carrow")) == "chief"
    # near misses (squad-dev): a family tie, and a post word that only qualifies
    assert _post_asked(parse_question("Who is Antigone's father in the play?")) == ""
    assert _post_asked(parse_question("Who was Westinghouse's chief rival?")) == ""
