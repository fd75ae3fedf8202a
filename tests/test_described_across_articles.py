"""A member's description that fits speakers of two articles ("the machine shop owner":
a shop owner in a robotics story, a laundromat owner beside washing machines in a flood
story) means the speaker of the one article holding every word of it; and a body that
a speaker heads ("Lina Gose, who heads the Brookfield Rowing Club") yields to her when
the member asks for a person ("the rowing club guy"). On small articles written for
these tests."""

from __future__ import annotations

from pathlib import Path

from speaker_helpers import SmallArticle

from index.library import Library
from index.speakers import SpeakerDirectory

SHOP = """\
Hollin school robot team wins regional final

The robot team of Hollin High School won the regional final on Saturday.

The students built the robot at Brindle Tool Works, a machine shop on Quarry Road. Brindle Tool Works owner Hana Vell said the company had lent the team a bench in its shop.

"They swept the floor better than my own staff do," Vell said.

The final drew 40 teams.
"""

LAUNDRY = """\
Storm floods homes along Tallow Creek

Tallow Creek burst its banks on Sunday, flooding 30 homes.

Laundromat owner Otto Kern said the water had reached the washing machines by noon.

"I will be closed for a week at least," Kern said.

The council opened a shelter at the library.
"""


async def _library(library: Library, tmp_path: Path, *stories: tuple[str, str]) -> Library:
    for name, text in stories:
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        await library.add_path(path)
    return library


async def test_the_article_holding_every_word_of_a_description_chooses(
    library: Library, tmp_path: Path
) -> None:
    lib = await _library(library, tmp_path, ("shop.txt", SHOP), ("laundry.txt", LAUNDRY))
    answer = await lib.ask("what did the machine shop owner say")
    shown = " ".join(q.text for q in answer.quotes[:3])
    assert "lent the team a bench" in shown
    assert "swept the floor better" in shown
    assert "Kern" not in shown


async def test_a_description_each_article_fits_alone_is_unchanged(
    library: Library, tmp_path: Path
) -> None:
    lib = await _library(library, tmp_path, ("shop.txt", SHOP), ("laundry.txt", LAUNDRY))
    answer = await lib.ask("what did the laundromat owner say")
    shown = " ".join(q.text for q in answer.quotes[:3])
    assert "closed for a week" in shown
    assert "Vell" not in shown


async def test_words_together_in_a_sentence_not_naming_the_speakers_role_do_not_count(
    library: Library, tmp_path: Path
) -> None:
    # the flood story names a machine shop too, but not as the laundromat owner's
    flooded = LAUNDRY.replace(
        "The council opened",
        "The water also ruined a machine shop on Mill Lane. The council opened",
    )
    lib = await _library(library, tmp_path, ("shop.txt", SHOP), ("laundry.txt", flooded))
    answer = await lib.ask("what did the machine shop owner say")
    shown = " ".join(q.text for q in answer.quotes[:3])
    assert "swept the floor better" in shown
    assert "closed for a week" not in shown


def _two_articles() -> SpeakerDirectory:
    directory = SpeakerDirectory()
    directory.add_article("a", [(0, "Hana Vell"), (1, "Hana Vell")], [("Hana Vell", "owner")])
    directory.add_article("b", [(2, "Otto Kern"), (3, "Otto Kern")], [("Otto Kern", "owner")])
    return directory


def test_a_tie_across_articles_no_one_article_takes_still_describes_no_one() -> None:
    directory = _two_articles()
    # "the machine shop owner": each owner's introduction holds one more word
    held = {"machine": {2}, "shop": {0}}

    def described(keep: object) -> list[str]:
        found = directory.find_described(
            ["machine", "shop", "owner"],
            lambda _: True,
            lambda w: held.get(w, set()),
            one_article=keep,  # type: ignore[arg-type]
        )
        return [name for _, name in found]

    assert described(None) == []
    assert described(lambda found: list(found)) == []  # both articles kept: no one
    assert described(lambda found: []) == []
    assert described(lambda found: [k for k in found if k[0] == "a"]) == ["Hana Vell"]


ROWING: list[tuple[int, str]] = [
    (1, "The Brookfield regatta was cancelled after the river rose."),
    (2, "Lina Gose, who heads the Brookfield Rowing Club, said the club had lost its spring."),
    (2, '"We have never seen the river this high," Gose said.'),
    (3, "The club had asked the council for sandbags, and Gose said none had come."),
]


def test_a_person_asked_for_is_the_officer_not_the_body_she_heads() -> None:
    article = SmallArticle("rowing", ROWING)
    assert article.who("what did the rowing club guy say", person=True) == ["Lina Gose"]


def test_the_body_asked_for_as_a_body_is_still_found() -> None:
    article = SmallArticle("rowing", ROWING)
    assert article.who("what did the rowing club say", person=True) == ["Brookfield Rowing Club"]
    assert article.who("what did the rowing club say") == ["Brookfield Rowing Club"]


LAWYER: list[tuple[int, str]] = [
    (1, "Mara Quist was cleared of fraud on Monday."),
    (2, "Rafe Dunn, a lawyer for Mara Quist, said the verdict was just."),
    (3, '"I want my name back," Mara Quist said.'),
]


def test_a_person_a_lawyer_speaks_for_is_no_body() -> None:
    article = SmallArticle("trial", LAWYER)
    assert article.who("what did the mara quist guy say", person=True) == ["Mara Quist"]
