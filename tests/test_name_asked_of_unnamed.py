""" "What is the name of the <someone>" where the closest sentence speaks of them without a
name (issue 12, abstention): the someone may be any noun the member uses ("the taxi
driver", not only a post or a word for a person), a place's two-part name ("near the Elm
Road and Carter Street junction") is no name of the person, and a number word opening
the next sentence ("Nineteen of the other children …") is no name either. Near misses: the same
questions are answered when the article names them.
"""

from __future__ import annotations

from pathlib import Path

from test_decline_classes import answers, declines, opened

from index.models import Document

LEAK_TEXT = (
    "HARLOW — A water main broke under Mill Lane early Sunday, flooding basements and "
    "leaving 40 homes without water for most of the day.\n\n"
    "The break was reported at about 2 a.m. by two firefighters{named} who saw water "
    "spraying from the pavement near the Elm Road and Carter Street junction, the "
    "utility said.\n\n"
    "Crews finished the repair by 6 p.m., utility spokesman Ben Arlott said."
)
FEVER_TEXT = (
    "KESWORTH — Health officials are investigating 26 cases of a stomach illness among "
    "guests at a wedding at the Orchard Barn on Saturday.\n\n"
    "Three children were taken to hospital, one of them{named} in a serious condition, "
    "according to the Kesworth Health Trust. Nineteen of the other children were treated at home.\n\n"
    "The trust said samples of the buffet food had been sent for testing."
)


def _doc(text: str, source: str, title: str, named: str = "") -> Document:
    return Document(text=text.format(named=named), source=source, title=title)


async def test_the_name_of_someone_spoken_of_without_one_is_declined(tmp_path: Path) -> None:
    leak = _doc(LEAK_TEXT, "leak.txt", "Water main break floods Mill Lane")
    fever = _doc(FEVER_TEXT, "fever.txt", "Wedding guests fall ill in Kesworth")
    async with opened(tmp_path, None, leak, fever) as lib:
        await declines(
            lib, "what are the names of the firefighters who reported the break", "unnamed-person"
        )
        await declines(
            lib, "what is the name of the child in a serious condition", "unnamed-person"
        )
        # a post named in its own sentence is still answered
        await answers(lib, "who is the utility spokesman", "Ben Arlott")


async def test_the_name_is_given_when_the_article_names_them(tmp_path: Path) -> None:
    leak = _doc(
        LEAK_TEXT, "leak.txt", "Water main break floods Mill Lane", ", Omar Haddad and Ruth Bell,"
    )
    fever = _doc(
        FEVER_TEXT,
        "fever.txt",
        "Wedding guests fall ill in Kesworth",
        ", eight-year-old Lily Marsh,",
    )
    async with opened(tmp_path, None, leak, fever) as lib:
        await answers(
            lib, "what are the names of the firefighters who reported the break", "Haddad"
        )
        await answers(lib, "what is the name of the child in a serious condition", "Lily Marsh")
