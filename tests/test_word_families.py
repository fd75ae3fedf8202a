"""Questions whose word the library lacks while it holds that word's derivational family
(engineer para11).

Class: a real word the articles never use ("evacuees"), whose family they do use
("evacuation", "evacuated"), was a word the library does not know: at half the question's
weight the question was declined (`unknown-words`), though the article answers it. The
family is found with the stemmer (a family suffix taken off the word leaves the stem of a
library term) and confirmed by meaning, the encoder's word cosine: a stem that only looks
like a family ("missions" / "missed") is no link, and that question stays declined.
"""

from __future__ import annotations

from pathlib import Path

from stub_library import library_of

from index.library import Library
from index.models import Document
from index.typos import family_bases

FIRE = Document(
    text=(
        "LINNETT — A wildfire forced the evacuation of about 3,900 residents from the town "
        "on Saturday, and roads into the valley were closed.\n\n"
        "About 340 people who were evacuated spent the night at a shelter in the school gym."
    ),
    source="fire.txt",
    title="Wildfire empties Linnett",
)
MATCH = Document(
    text=(
        "The striker missed a penalty in the second half, and the home side lost 2-1.\n\n"
        "The coach said the team would train on Monday."
    ),
    source="match.txt",
    title="Home side loses",
)
# The stub encoder's word and sentence meanings: a family shares its axis, a lookalike not.
AXES = {"evacu": 0, "shelter": 0, "mission": 1, "miss": 2}


async def _library(tmp_path: Path) -> Library:
    return await library_of(tmp_path, AXES, FIRE, MATCH)


def test_family_bases_take_a_family_suffix_off() -> None:
    assert {"evacu", "evacue", "evacuate"} <= set(family_bases("evacuees"))
    assert "win" in family_bases("winner")
    assert family_bases("cat") == []
    # the act a verb names: "injuries" of "injured", "deliveries" of "deliver"
    assert "injur" in family_bases("injuries")
    assert "deliver" in family_bases("deliveries")
    # but "-ly" makes an adverb: "fully" is no act of a verb "full"
    assert "full" not in family_bases("fully")


async def test_a_word_of_a_family_the_library_holds_is_known(tmp_path: Path) -> None:
    """ "evacuees": the articles write "evacuation" and "evacuated"; on the code before,
    declined as `unknown-words`."""
    lib = await _library(tmp_path)
    answer = await lib.ask("how many evacuees were at the shelter")
    assert answer.quotes and "340 people" in answer.quotes[0].text, answer.declined_by
    assert answer.searched_for and "evacuees →" in answer.searched_for
    await lib.close()


async def test_a_lookalike_stem_is_no_family(tmp_path: Path) -> None:
    """The near miss: "missions" less "-ion" is the stem of "missed", but the two mean
    nothing alike: the word stays unknown and the question is declined."""
    lib = await _library(tmp_path)
    answer = await lib.ask("how many missions did the striker fly")
    assert not answer.quotes and answer.declined_by
    assert not answer.searched_for
    await lib.close()


async def test_without_the_semantic_model_no_family_is_read(tmp_path: Path) -> None:
    """Only meaning tells a family from a lookalike: without the model the word stays
    unknown, as before."""
    lib = await library_of(tmp_path, None, FIRE, MATCH)
    answer = await lib.ask("how many evacuees were at the shelter")
    assert not answer.searched_for
    await lib.close()


ROAD = Document(
    text=(
        "HALLORAN — Crews will repave a two-mile stretch of Route 9 next month, and drivers "
        "should expect delays near Mill Park, the county said.\n\n"
        "The work on Route 9 is paid for by a state grant of $4 million."
    ),
    source="road.txt",
    title="Route 9 repaving",
)


async def test_a_word_the_articles_write_only_in_a_name_is_no_family(tmp_path: Path) -> None:
    """ "whats the best router to buy": "router" less "-er" is "route", which the articles
    write only in the name "Route 9". That is no family of the member's word, even where
    the encoder finds the two words alike (here they share an axis): on the code before,
    the question was searched as "router → Route" and quoted the repaving."""
    lib = await library_of(tmp_path, {"rout": 3}, ROAD, MATCH)
    answer = await lib.ask("whats the best router to buy")
    assert not (answer.searched_for and "router" in answer.searched_for), answer.searched_for
    assert not answer.quotes, [q.text for q in answer.quotes]
    await lib.close()
