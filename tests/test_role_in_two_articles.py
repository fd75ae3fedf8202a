"""A role held in two articles of the library ("the union rep": one union's president in
a tuition story, another's secretary in a ferry story): both are shown, or the one whose
article holds the topic asked about; never a decline while the role is held. On small
articles written for these tests."""

from __future__ import annotations

from pathlib import Path

from index.library import Library

TUITION = """\
College board raises tuition by six percent

The Brackley College board voted 5-2 on Monday to raise tuition by six percent.

The union that speaks for campus staff said the money would not reach them. Nell Ostrova, president of the Campus Staff Union, said cleaners had gone two years without a raise.

"Tuition goes up and our wages stand still," Ostrova said.

Board chair Ivo Brandt said the vote was hard.
"""

FERRY = """\
Morwen ferry service halted after engine fault

The Morwen ferry stopped running on Friday after an engine fault.

The ferry union, the Harbour Crews Guild, said crews had warned about the engine. Union secretary Abel Fenwick said the boats were too old.

"Old boats and tired crews do not mix," Fenwick said.

Passengers waited four hours at the terminal.
"""

PARK = """\
Garden club plants 300 trees

The Ellery Garden Club planted 300 trees in Wick Park on Saturday.

Club secretary June Abara said volunteers came from every street in town.
"""


async def _library(library: Library, tmp_path: Path, *stories: tuple[str, str]) -> Library:
    for name, text in stories:
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        await library.add_path(path)
    return library


def _shown(answer_quotes: list[str]) -> str:
    return " ".join(answer_quotes)


async def test_a_role_held_in_two_articles_shows_both_holders(
    library: Library, tmp_path: Path
) -> None:
    lib = await _library(library, tmp_path, ("tuition.txt", TUITION), ("ferry.txt", FERRY))
    answer = await lib.ask("what did the union rep say")
    shown = _shown([q.text for q in answer.quotes[:3]])
    assert "our wages stand still" in shown
    assert "Old boats and tired crews" in shown


async def test_the_topic_asked_about_chooses_the_holders_article(
    library: Library, tmp_path: Path
) -> None:
    lib = await _library(library, tmp_path, ("tuition.txt", TUITION), ("ferry.txt", FERRY))
    answer = await lib.ask("what did the union rep say about tuition")
    shown = _shown([q.text for q in answer.quotes[:3]])
    assert "our wages stand still" in shown
    assert "Fenwick" not in shown
    answer = await lib.ask("what did the union rep say about the engine")
    shown = _shown([q.text for q in answer.quotes[:3]])
    assert "Old boats and tired crews" in shown
    assert "Ostrova" not in shown


async def test_a_role_held_in_one_article_and_a_role_no_one_holds_are_as_before(
    library: Library, tmp_path: Path
) -> None:
    lib = await _library(library, tmp_path, ("tuition.txt", TUITION), ("park.txt", PARK))
    answer = await lib.ask("what did the union rep say")
    shown = _shown([q.text for q in answer.quotes[:3]])
    assert "our wages stand still" in shown
    assert "volunteers came" not in shown
    # no pilots' union speaks anywhere: declined, as before
    answer = await lib.ask("what did the pilots union rep say")
    assert not any("Ostrova" in q.text for q in answer.quotes)


BANK = """\
Two banks agree to merge

Kestle Savings and Orm Bank said on Monday that they would merge.

Kestle's chief executive, Ana Roe, said no branches would close this year.
"""

FAIR = """\
Fair closes early after crush at the gates

The Wyle County fair closed early on Sunday after a crush at the gates.

Chief Superintendent Ned Hart of the county police said an inquiry had begun.
"""


async def test_a_field_no_holder_has_is_no_members_word(library: Library, tmp_path: Path) -> None:
    """ "the fire chief": "chief" is held in both articles, but "fire" names the field of
    a post, not a member's word for one; no fire chief speaks, and none is quoted."""
    lib = await _library(library, tmp_path, ("bank.txt", BANK), ("fair.txt", FAIR))
    answer = await lib.ask("what did the fire chief say")
    assert not any("Roe" in q.text or "Hart" in q.text for q in answer.quotes)
