"""Answer or decline, both ways (issue 12, class 6): a paraphrase the closest sentence
does not answer but an equally close one does is answered; "what did X say" about a
person the library names but never quotes is declined.

Where meaning decides, a stub encoder (tests/test_hybrid.py) gives the cosines the test
wants: a text (a single word too) takes the axis of the first key it holds, and every
text without a key shares one other axis.
"""

from __future__ import annotations

from pathlib import Path

from stub_library import library_of

from index.models import Document

BUS = Document(
    text=(
        "BROOKFIELD — The bus was one of 40 in the district's fleet that were fitted with "
        "lap-and-shoulder seatbelts last year after a long campaign by parents.\n\n"
        "A school coach carrying 31 pupils slid off Route 9 on Tuesday morning.\n\n"
        "Route 9 was closed for five hours while a crane lifted the bus.\n\n"
        "One passenger, 81-year-old Walter Briggs, was moved to Lower Dale on Friday, his "
        "family said.\n\n"
        "Historian Ruth Calloway thought the ditch on Route 9 had been dangerous for "
        "decades.\n\n"
        '"We were lucky that the ditch was shallow," said fire chief Ann Keller about the '
        "crash."
    ),
    source="bus.txt",
    title="School bus overturns",
)
MINE = Document(
    text=(
        "DUNLOW RIDGE — Two miners were killed when part of a tunnel roof caved in at the "
        "Dunlow Ridge copper mine.\n\n"
        "Copperline, the company that runs the mine, said it would stay closed for a month."
    ),
    source="mine.txt",
    title="Dunlow Ridge collapse",
)


async def test_an_equally_close_sentence_that_counts_what_is_asked_answers(
    tmp_path: Path,
) -> None:
    """ "Kids" is in no article, and the pupils sentence shares no word with the question.
    It and the fleet sentence are equally close to the question in meaning; the fleet's
    figure counts buses, the pupils sentence's the kids asked about: it answers. A
    question no sentence counts stays declined."""
    axes = {"kids": 0, "pupils": 0, "was one of 40": 0, "sheep": 1}
    lib = await library_of(tmp_path, axes, BUS, MINE)
    answered = await lib.ask("how many kids rode the bus")
    assert answered.quotes, answered.declined_by
    assert "31 pupils" in answered.quotes[0].text
    declined = await lib.ask("how many sheep rode the bus")
    assert not declined.quotes and declined.declined_by
    await lib.close()


async def test_what_a_person_named_but_never_quoted_said_is_declined(tmp_path: Path) -> None:
    """Walter Briggs is named (his family speaks), never quoted: the sentence naming him
    does not say what he said. Ann Keller, quoted, is still answered, and so is Ruth
    Calloway, whose thought no speaker pattern reads but whose sentence is about the
    topic asked about."""
    lib = await library_of(tmp_path, None, BUS, MINE)
    declined = await lib.ask("what did walter briggs say about the crash")
    assert not declined.quotes
    assert declined.declined_by == "named-but-silent"
    assert declined.note and "Walter Briggs" in declined.note
    answered = await lib.ask("what did ann keller say about the crash")
    assert answered.quotes and "We were lucky" in answered.quotes[0].text
    reported = await lib.ask("what did ruth calloway think about the ditch")
    assert reported.quotes and "dangerous for decades" in reported.quotes[0].text
    await lib.close()


async def test_a_decline_names_the_rule_that_declined(tmp_path: Path) -> None:
    """Admins (and the eval's misses) see which check declined a question."""
    lib = await library_of(tmp_path, None, BUS, MINE)
    declined = await lib.ask("what is the zorblax quantum flux capacitor")
    assert not declined.quotes and declined.declined_by
    assert declined.to_json()["declined_by"] == declined.declined_by
    answered = await lib.ask("how many pupils were on the school bus")
    assert answered.quotes and answered.declined_by is None
    await lib.close()


OUTBREAK = Document(
    text=(
        "TARROW VALLEY — Four children have been admitted to hospital, one of them to "
        "intensive care with pneumonia.\n\n"
        "The school district hired a cleaning contractor, Brightwell Services, to disinfect "
        "the classrooms over the weekend."
    ),
    source="outbreak.txt",
    title="Measles outbreak",
)


async def test_the_name_of_something_no_sentence_names_is_declined(tmp_path: Path) -> None:
    """ "What is the name of X" needs a sentence naming something the question does not:
    the children's sentence names no child. The contractor's name is still answered."""
    lib = await library_of(tmp_path, None, OUTBREAK, MINE)
    declined = await lib.ask("what is the name of the child in intensive care")
    assert not declined.quotes
    assert declined.declined_by and declined.declined_by.startswith("unsaid-kind")
    answered = await lib.ask("whats the name of the cleaning contractor")
    assert answered.quotes and "Brightwell Services" in answered.quotes[0].text
    await lib.close()
