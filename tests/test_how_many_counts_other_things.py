"""No-answer "how many" questions whose best sentence states a figure of something else
(issue: every no-answer declined), each with a near miss still answered:

1. the question's own setting beside a figure ("lower Birchmoor Lake by 12 feet") is no
   meaning of what is counted ("how many fish died in birchmoor lake");
2. a sentence naming the thing asked about while every figure of it counts other things
   ("the two clinics have competed for patients");
3. an everyday word before the thing counted ("how many new inspectors") stands for
   nothing counted.
"""

from __future__ import annotations

from pathlib import Path

from stub_library import library_of

from index.answering import counts_what_is_asked
from index.models import Document
from index.question import parse_question

LAKE = Document(
    text=(
        "ELMSTEAD — State engineers ordered the owner of Birchmoor Dam to lower Birchmoor "
        "Lake by 12 feet on Monday.\n\n"
        "The dam's owner said the work would start in the spring."
    ),
    source="lake.txt",
    title="Birchmoor Lake to be lowered",
)
KILL = Document(
    text=(
        "ELMSTEAD — A chemical spill killed about 4,000 trout in Birchmoor Lake on Monday, "
        "state officials said.\n\n"
        "The dam's owner said the work would start in the spring."
    ),
    source="kill.txt",
    title="Spill kills trout in Birchmoor Lake",
)


async def test_the_questions_setting_beside_a_figure_counts_nothing_asked(
    tmp_path: Path,
) -> None:
    """ "Lake" is close to "fish" in meaning (one axis of the stub encoder), but the
    question names the lake as where the fish died: the 12 feet it is lowered by count
    no fish. A word beside the figure close to "fish" that the question does not use
    ("trout") still answers."""
    axes = {"fish": 1, "lake": 1, "trout": 1}
    question = "how many fish died in birchmoor lake"
    lib = await library_of(tmp_path / "a", axes, LAKE)
    declined = await lib.ask(question)
    assert not declined.quotes, declined.quotes
    await lib.close()
    lib = await library_of(tmp_path / "b", axes, KILL)
    answered = await lib.ask(question)
    assert answered.quotes and "4,000 trout" in answered.quotes[0].text
    await lib.close()


def test_a_sentence_whose_figures_count_other_things_counts_nothing_asked() -> None:
    """The sentence names patients, but its one figure counts clinics: declined. A figure
    followed by no plural noun ("fewer than 9,000 thought to remain") may count what the
    sentence names, and so may a figure of a thing the question names beside what it
    counts ("daughters"); a label's number ("Route 7"), a date ("March 23") or a year
    alone counts nothing."""
    patients = parse_question("how many patients does st agnes treat")
    text = "The two clinics have competed for patients for more than a century."
    assert counts_what_is_asked(text, patients)  # ordering reads it as before
    assert not counts_what_is_asked(text, patients, declining=True)
    range_ = "A nurse said it could take five to seven years to hire more patients' aides."
    assert not counts_what_is_asked(range_, patients, declining=True)
    pandas = parse_question("how many red pandas are left in the wild")
    remain = "Red pandas are endangered, with fewer than 9,000 thought to remain in the wild."
    assert counts_what_is_asked(remain, pandas, declining=True)
    names = parse_question("how many names of the khan's daughters are known")
    six = "The names of at least six daughters are known, though sons were documented."
    assert counts_what_is_asked(six, names, declining=True)
    workers = parse_question("how many dock workers were laid off")
    counted = "Job fairs for 400 laid-off dock workers start on March 23."
    assert counts_what_is_asked(counted, workers, declining=True)
    # a sentence whose only figures are a date and a year counts nothing
    dated = "Job fairs for laid-off dock workers start on March 23, 2027."
    assert counts_what_is_asked(dated, workers)  # ordering reads it as before
    assert not counts_what_is_asked(dated, workers, declining=True)


def test_an_everyday_word_before_the_thing_counted_is_not_what_is_counted() -> None:
    """ "How many new inspectors": "new" is an everyday word, and a question whose
    counted word is one ("how many people") is never declined on the count; the plural
    noun after it is what is counted, and a sentence counting only days names it in
    vain. "How many people" alone is still not checked."""
    inspectors = parse_question("how many new inspectors is the state hiring")
    text = "The state inspector said the review would take 30 days."
    assert counts_what_is_asked(text, inspectors)
    assert not counts_what_is_asked(text, inspectors, declining=True)
    people = parse_question("how many people ride the ferry")
    assert counts_what_is_asked("The ferry runs 30 times a day.", people, declining=True)
