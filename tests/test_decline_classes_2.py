"""No-answer questions the library used to answer, round 12 (issue: every no-answer
declined), one test a class, each with a near miss still answered:

1. "how many" answered by a figure that dates or names a thing ("March 23", "Route 9")
   or spans time, or by a sentence naming what the question's first word (a firm, "new")
   says rather than the thing counted;
2. the name of a person the chosen sentence speaks of without naming, with no "not named"
   phrase: "what was the name of the woman killed", "what was the engineer's name", "who
   were the two men escorted out" (people the article counts; "who was the woman killed"
   may be answered by what she was).
"""

from __future__ import annotations

from pathlib import Path

from test_decline_classes import answers, declines, opened

from index.answer_types import without_dates_or_names, without_spans_of_time
from index.answering import counts_what_is_asked
from index.models import Document
from index.question import parse_question

FAIRS = Document(
    text=(
        "MARLOW BAY — Corvane will close its Marlow Bay plant in June after 40 years.\n\n"
        "State teams will hold job fairs for Corvane workers starting March 23."
    ),
    source="fairs.txt",
    title="Corvane closes Marlow Bay plant",
)
FAIRS_COUNTED = Document(
    text=(
        "MARLOW BAY — Corvane will close its Marlow Bay plant in June after 40 years.\n\n"
        "State teams will hold job fairs for about 600 Corvane workers starting March 23."
    ),
    source="fairs.txt",
    title="Corvane closes Marlow Bay plant",
)
# Each word its own meaning: no word stands in for "workers".
FAIRS_AXES = {"fairs": 0, "close": 1, "workers": 2}


async def test_a_date_counts_no_workers(tmp_path: Path) -> None:
    """ "How many Corvane workers will the job fairs help": the sentence names the firm's
    workers and a date, "March 23", which counts none of them (nor does "40 years").
    With the workers counted ("about 600 Corvane workers") it is answered."""
    question = "how many corvane workers will the job fairs help"
    async with opened(tmp_path, FAIRS_AXES, FAIRS) as lib:
        await declines(lib, question)
    async with opened(tmp_path, FAIRS_AXES, FAIRS_COUNTED) as lib:
        await answers(lib, question, "about 600 Corvane workers")


def test_what_a_figure_counts_is_no_date_name_or_span() -> None:
    """A figure after a month or a word capitalised in the sentence, a year after "in",
    and a span of time count nothing; a count at a sentence's start still counts."""
    assert "23" not in without_dates_or_names("job fairs starting March 23 and Nov. 4")
    assert "9" not in without_dates_or_names("as far downstream as the Route 9 bridge")
    assert "1988" not in without_dates_or_names("the group bought it in 1988")
    assert "1,400" in without_dates_or_names("About 1,400 teachers walked off the job")
    assert "64" in without_dates_or_names("up from 64 the week before")
    assert "seven" not in without_spans_of_time("it could take five to seven years")
    river = parse_question("how many new river inspectors is the state hiring")
    # "new" is too common a word to decline on; the inspectors counted are the thing asked
    assert not counts_what_is_asked(
        "State inspectors found dead trout as far downstream as the Route 9 bridge.", river
    )
    assert counts_what_is_asked("The state will hire 12 new river inspectors.", river)
    # a span of time still answers "how many years"
    years = parse_question("how many years will the trout take to recover")
    assert counts_what_is_asked("It could take five to seven years for the trout.", years)


HEARING = Document(
    text=(
        "OSTRANDER — The water board voted 5-2 on Thursday to raise rates by 18 percent "
        "after a hearing that lasted five hours.\n\n"
        "About 90 people signed up to speak at the hearing, board chair Lena Voss said. "
        "Two men who refused to leave the microphone were escorted out of the hearing by "
        "deputies."
    ),
    source="hearing.txt",
    title="Ostrander water rates rise",
)
STORM = Document(
    text=(
        "BRANNOCK — Two people died in the storm, the coroner said. A 29-year-old woman "
        "was killed when her car slid off Route 14 and struck a tree near Pell's "
        "Crossing.\n\n"
        "Fire Chief Dana Whitcombe said crews cleared the road by noon."
    ),
    source="storm.txt",
    title="Storm kills two in Brannock",
)


async def test_a_person_spoken_of_unnamed_has_no_name_to_give(tmp_path: Path) -> None:
    """The sentence speaks of the two men, and of the woman killed, without a name, and
    neither the sentence before (no pronoun points back at it: the chair named there is
    someone else) nor a place ("Pell's Crossing") names them. Named in the next sentence
    ("They were identified as …"), and a post named in its own sentence, are answered."""
    async with opened(tmp_path, None, HEARING, STORM) as lib:
        await declines(lib, "who were the two men escorted out of the hearing", "unnamed-person")
        await declines(lib, "what was the name of the woman killed on route 14", "unnamed-person")
        await answers(lib, "who is the fire chief", "Whitcombe")
        # "who was" with no count may be answered by what she was: no name is needed
        await answers(lib, "who was the woman killed on route 14", "29-year-old woman")
    named = Document(
        text=HEARING.text + " They were identified as Carl Benning and Ray Osei.",
        source="hearing.txt",
        title=HEARING.title,
    )
    async with opened(tmp_path, None, named) as lib:
        await answers(lib, "who were the two men escorted out of the hearing", "Two men")
