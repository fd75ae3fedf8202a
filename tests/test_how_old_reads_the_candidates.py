"""Answering "how old is X" (and "what should I do"): the kind asked is read in more
than the first candidate.

"How old is X" is answered by a sentence stating an age or when X began ("Kessler
Field, which opened in 1962"), and the sentence sharing most of the question's words is
often another of X's article ("Fans packed Kessler Field …"). Only the first candidate
was read for an age, so the question was declined though its answer was second or
third. The first of the best AGE_POOL candidates that states an age is now put first, as
"how much does X cost" reads its candidates for an amount; with none, it is declined as
before. A candidate not naming whom the question names is passed over ("how old is
hale" is not answered by "Her brother, Simon Darrow, 31, said …"). What to do ("what
should I do about my flooded basement") is read the same way, in the first candidate's
article only (advice is said in everyday words).
"""

from __future__ import annotations

from pathlib import Path

from stub_library import library_of

from index.models import Document

FIELD = Document(
    text=(
        "FENWICK — The city council voted Tuesday to tear down Kessler Field, home of the "
        "Fenwick Owls, and build a new ballpark on the same site.\n\n"
        "Fans packed Kessler Field on Saturday for what may be the last game at Kessler "
        "Field.\n\n"
        "Kessler Field, which opened in 1962, has leaking roofs and cracked seats.\n\n"
        "The Owls' manager said fans would miss the old park next season."
    ),
    source="field.txt",
    title="Council votes to replace Kessler Field",
)
BAKERY = Document(
    text=(
        "MILLBROOK — The Crust & Crumb bakery on Front Street will close on Friday after "
        "its lease ran out.\n\n"
        "The bakery's owner said rent had doubled since the building was sold."
    ),
    source="bakery.txt",
    title="Front Street bakery to close",
)


async def test_how_old_finds_the_candidate_stating_when_it_began(tmp_path: Path) -> None:
    lib = await library_of(tmp_path, None, FIELD, BAKERY)
    answered = await lib.ask("how old is kessler field")
    assert answered.quotes and "which opened in 1962" in answered.quotes[0].text
    # no candidate states the bakery's age: still declined
    declined = await lib.ask("how old is the crust and crumb bakery")
    assert not declined.quotes
    await lib.close()


FLOOD = Document(
    text=(
        "PELHAM — A water main broke under Front Street early Monday, flooding basements "
        "on six blocks.\n\n"
        "Flooded basements on Front Street held up to two feet of water, and some flooded "
        "basements lost furnaces.\n\n"
        "Residents should call the city water line before pumping out a basement."
    ),
    source="flood.txt",
    title="Water main break floods Front Street",
)


async def test_what_to_do_is_looked_for_past_the_first_candidate(tmp_path: Path) -> None:
    lib = await library_of(tmp_path, None, FLOOD, BAKERY)
    answered = await lib.ask("what should i do about my flooded basement")
    assert answered.quotes and "call the city water line" in answered.quotes[0].text
    await lib.close()


VERDICT = Document(
    text=(
        "MARROWGATE — A jury on Thursday found Curtis Hale guilty in the death of a café "
        "manager.\n\n"
        "Hale's lawyer said Hale would appeal, and the old courthouse was packed.\n\n"
        "Her brother, Simon Darrow, 31, said the family would now sell the old house."
    ),
    source="verdict.txt",
    title="Jury convicts Hale",
)


async def test_an_age_in_a_sentence_not_naming_the_one_asked_is_not_theirs(
    tmp_path: Path,
) -> None:
    """The pool holds Simon Darrow's age; Hale, whom the question names, is not in it."""
    lib = await library_of(tmp_path, None, VERDICT, BAKERY)
    declined = await lib.ask("how old is hale")
    assert not declined.quotes
    answered = await lib.ask("how old is simon darrow")
    assert answered.quotes and "Simon Darrow, 31" in answered.quotes[0].text
    await lib.close()
