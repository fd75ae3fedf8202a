""" "How much does X cost" names X by several words, the last the thing priced ("a fishing
permit": a permit, of fishing) (index/withheld_facts.py ``_priced_elsewhere``). An amount
whose sentence or paragraph says only a word of the kind ("fishing boats") prices some
other thing: the question is declined when the article speaks of the thing itself only
elsewhere. With the shipped encoder's vectors; the near misses are still answered."""

from __future__ import annotations

from pathlib import Path

from semantic_library import library_of

from index.models import Document
from index.question import parse_question
from index.withheld_facts import _costs_after

QUOTA = Document(
    text=(
        "PORT ELLERY — Regulators cut the cod quota for the Northern Shelf by 28 percent on "
        "Tuesday.\n\n"
        "The harbormaster said the town would waive mooring fees for fishing boats that stay "
        "tied up for more than 60 days next season, a break worth about $400 a boat.\n\n"
        "Fishing crews said the cut would take a third of their income.\n\n"
        "A state buyback program in 2013 bought out 14 fishing permits, the harbormaster said."
    ),
    source="quota.txt",
    title="Regulators cut cod quota",
)


async def test_an_amount_beside_only_the_kind_of_thing_prices_no_thing_asked(
    tmp_path: Path,
) -> None:
    lib = await library_of(tmp_path, [QUOTA], True)
    try:
        answer = await lib.ask("how much does a fishing permit cost")
        assert answer.declined_by == "unmatched"
        assert "permit" in (answer.note or "")
        # near miss: the thing priced stands beside the amount
        answer = await lib.ask("how much does a fishing boat mooring cost")
        assert answer.quotes and "$400 a boat" in answer.quotes[0].text
    finally:
        await lib.close()


def test_the_last_word_is_the_thing_only_before_a_word_of_money() -> None:
    assert _costs_after(parse_question("how much does a fishing permit cost"))
    assert _costs_after(parse_question("what is the price of a day pass"))
    # "bring" is a verb, not the thing priced
    assert not _costs_after(parse_question("how much money will the meters bring in"))
