"""Whom "the company said" (or "the department said", "the team said") means when the
sentence names no such body.

A business: the business named
last before it, by how its name ends ("The farm is owned by Kessler Family Farms, which
…. In a statement, the company said it was cooperating fully", l36; "The jail's medical
contractor, Keystone Correctional Health, was not a party …. In a written statement, the
company said …", l34). On the training writers' articles 63 of 87 such sentences had no
speaker, so "what did Kessler Family Farms say" was declined as asking for someone no one
quotes. A person, a place, a public body or a time the sentence opens with ("Last
March") is no business, however it ends.

Another body: the one named last whose name holds the noun before "of" ("the state
Department of Parks and Recreation") or whose description gives it ("the Brantford
Bobcats, the city's minor-league hockey team"), never a person. Of 144 such sentences in the training
writers' articles, 66 had no speaker. A place's kind ("the city", "the district") is
left alone: the article's own town or school district is often named by nothing else.
A post of a group named by its kind ("The chapter's president, Nora Briggs, is …") is the
post of the group that spoke in the sentence before ("The Millbrook Creek chapter of
Trout Unlimited said in a statement …", l39), as "The company's vice president" already
was the company's: "what did the trout unlimited president say".
A body that speaks now may bear a silent person's name ("the Harmon Family Foundation"):
"what did Walter Harmon say" is still declined as asking for someone no one quotes.
"""

from __future__ import annotations

from pathlib import Path

from speaker_helpers import SmallArticle
from stub_library import library_of

from index.models import Document

FARM: list[tuple[int, str]] = [
    (1, "State officials confirmed Monday that bird flu was found at the Sunny Acres egg farm."),
    (2, "The farm is owned by Kessler Family Farms, which has raised chickens in Hollis County."),
    (2, 'In a statement, the company said it was "heartbroken" and would pay its workers.'),
    (3, "The state Department of Agriculture fined Brennan Plastics on Friday."),
    (3, "In a statement, the company said it would appeal."),
    (4, "Keisha Morrow, who runs a bakery on Main Street, said sales were down."),
    (4, "The company said it had not received any complaints."),
]
_FARM = SmallArticle("farm", FARM)


def test_the_company_is_the_business_named_last() -> None:
    assert _FARM.speaker_of("In a statement, the company said it was") == ["Kessler Family Farms"]
    assert _FARM.who("what did kessler family farms say") == ["Kessler Family Farms"]
    # near misses: a public body named after the business is none; a person is none
    assert _FARM.speaker_of("In a statement, the company said it would appeal") == [
        "Brennan Plastics"
    ]
    assert _FARM.speaker_of("The company said it had not") == ["Brennan Plastics"]


PARK: list[tuple[int, str]] = [
    (1, "Entry fees will rise in May, the state Department of Parks and Recreation announced."),
    (1, "A list of the first projects will be posted in April, the department said."),
    (2, "The Brantford Bobcats, the city's minor-league hockey team, will move next season."),
    (2, "General manager Oscar Lind will oversee the move."),
    (2, "The team said all full-time employees will be offered jobs in Kestrel City."),
]
_PARK = SmallArticle("park", PARK)


def test_a_body_is_the_one_of_its_kind_named_last() -> None:
    assert _PARK.speaker_of("A list of the first projects") == ["Department of Parks"]
    assert _PARK.speaker_of("The team said") == ["Brantford Bobcats"]
    assert _PARK.who("what did the bobcats say") == ["Brantford Bobcats"]
    # near miss: the person named last is no team
    assert _PARK.who("what did oscar lind say") == []


THEATER_DOC = Document(
    text=(
        "GALLOWAY — The Orpheum Theater reopened Thursday after a four-year restoration.\n\n"
        "The largest single donation, $1.5 million, came from the Harmon Family Foundation. "
        "The foundation said in a statement that volunteers would lead free tours.\n\n"
        "Its namesake, retired businessman Walter Harmon, declined to be interviewed."
    ),
    source="theater.txt",
    title="Orpheum Theater reopens",
)


async def test_a_body_named_after_a_silent_person_is_not_them(tmp_path: Path) -> None:
    lib = await library_of(tmp_path, None, THEATER_DOC)
    body = await lib.ask("what did the harmon foundation say")
    assert body.quotes and "volunteers would lead free tours" in body.quotes[0].text
    person = await lib.ask("what did walter harmon say")
    assert not person.quotes
    assert person.declined_by == "named-but-silent"


CREEK: list[tuple[int, str]] = [
    (1, "The Millbrook Creek chapter of Trout Unlimited said in a statement that it would help."),
    (1, "The chapter's president, Nora Briggs, is Tom Briggs's sister."),
    (2, '"We want accountability, but we also want the creek back," Nora Briggs said.'),
    (3, "By Tuesday evening a petition had more than 2,300 signatures."),
    (3, "The group's organizer, Priya Ostrowski, said she had delivered both children there."),
]
_CREEK = SmallArticle("creek", CREEK)


def test_a_groups_post_is_the_group_that_spoke_before() -> None:
    assert _CREEK.who("what did the trout unlimited president say") == ["Nora Briggs"]
    # near miss: a group that did not speak just before gives its post no name
    assert "tuesday" not in _CREEK.roles("Priya Ostrowski")
    assert _CREEK.who("what did the trout unlimited organizer say") == []
