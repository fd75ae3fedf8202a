"""No-answer questions the library used to answer, round 12 (issue: every no-answer
declined), with near misses still answered: the name of a person the chosen sentence
speaks of without naming, with no "not named" phrase: "what was the name of the woman
killed", "what was the engineer's name", "who were the two men escorted out" (people the
article counts; "who was the woman killed" may be answered by what she was).
"""

from __future__ import annotations

from pathlib import Path

from test_decline_classes import answers, declines, opened

from index.models import Document

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
