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
from index.withheld_facts import holds_post, post_asked

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
    # an abbreviation is a post too: the sentence naming the general manager is shown
    answer = await lib.ask("whos the riverhawks gm")
    assert answer.quotes and "Josh Pritchard" in answer.quotes[0].text
    # near misses: the post held in a quote shown, and a "who" question asking for no post
    answer = await lib.ask("who is the commission chair")
    assert answer.quotes and "Linda Okafor" in answer.quotes[0].text
    answer = await lib.ask("who cast the deciding vote")
    assert answer.quotes and "Linda Okafor" in answer.quotes[0].text
    await lib.close()


AUDIT = Document(
    text=(
        "Westbrook Police Chief Gordon Fitch resigned Monday, five days after a state audit "
        "found missing equipment.\n\n"
        "Auditor Ruth Grange said the findings had been referred to the state attorney "
        "general's office.\n\n"
        "Fitch, 54, had led the department since 2019.\n\n"
        "Fitch could not be reached for comment Monday. His attorney, Brian Kessler, said "
        "his client served the town honorably."
    ),
    source="audit.txt",
    title="Chief resigns",
)


async def test_the_sentence_naming_the_post_is_found_in_the_article_asked_about(
    tmp_path: Path,
) -> None:
    """ "whos fitchs lawyer": the sentences holding "Fitch" say nothing of a lawyer, and
    the one that does holds neither word asked ("His attorney, Brian Kessler"). It is
    found in the article the question is about, in any form of the post; "the attorney
    general's office" is another post."""
    lib = await library_of(tmp_path, None, AUDIT, LEASE)
    answer = await lib.ask("whos fitchs lawyer")
    assert answer.quotes and "Brian Kessler" in answer.quotes[0].text
    assert answer.searched_for == "lawyer → attorney"
    # near miss: the attorney another article names is not the commission's
    answer = await lib.ask("who is the county commission's lawyer")
    assert answer.abstained
    await lib.close()


def test_the_post_is_the_head_of_what_is_asked() -> None:
    assert post_asked(parse_question("who is harborline's head coach")) == "coach"
    assert post_asked(parse_question("whos the police chief in carrow")) == "chief"
    # near misses (squad-dev): a family tie, and a post word that only qualifies
    assert post_asked(parse_question("Who is Antigone's father in the play?")) == ""
    assert post_asked(parse_question("Who was Westinghouse's chief rival?")) == ""


def test_a_post_is_held_in_any_of_its_forms_as_the_post_itself() -> None:
    assert holds_post("lawyer", "His attorney, Brian Kessler, said")
    assert holds_post("ceo", "Helvex chief executive Ann Ray said")
    assert holds_post("gm", "The team's general manager, Josh Pritchard, sat")
    # near misses: a form inside another post, and one word of a title spelled out
    assert not holds_post("lawyer", "referred to the state attorney general's office")
    assert not holds_post("ceo", "Fire Chief Vernon Haskell said crews arrived")
