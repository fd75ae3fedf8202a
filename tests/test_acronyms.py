"""A member's acronym for a body the articles name in full (index/acronyms.py,
answering's ``answer_question``): "what did the mta spokeswoman say" was declined ("The
library does not mention: mta") although the article names the Metropolitan Transit
Authority and quotes its spokeswoman. A question declined because its words were not
found is asked again with the acronym written as the name. Near misses: a person's
initials, a common word and an acronym no body has stay as typed."""

from __future__ import annotations

from pathlib import Path

from speaker_helpers import SmallArticle
from stub_library import library_of

from index.acronyms import AcronymTable, expand, initials
from index.models import Document

FLOOD = Document(
    text=(
        "The Red Line stayed shut on Tuesday after a storm flooded six stations.\n\n"
        '"I have never seen water move through a station like that," said Victor Adeyemi, '
        "the Metropolitan Transit Authority's chief operating officer.\n\n"
        "A spokeswoman for the authority, Dana Ortiz, said riders with monthly passes "
        "would receive a credit of $10.\n\n"
        "Mayor Ellen Park said the city would ask for federal money."
    ),
    source="flood.txt",
    title="Storm floods Red Line",
)
FAIR = Document(
    text=(
        "The county fair opened on Friday.\n\n"
        "A spokeswoman for the fair, Ann Bell, said attendance was strong."
    ),
    source="fair.txt",
    title="Fair opens",
)


def test_the_initials_of_a_body_not_of_a_person() -> None:
    assert initials("Metropolitan Transit Authority") == {"mta"}
    assert initials("Tri-County Bridge Authority") == {"tba", "tcba"}
    assert "dot" in initials("Department of Transportation")
    assert initials("Dana Ortiz") == set()
    assert initials("Authority") == set()
    # a body's noun anywhere in the name, in the plural too
    assert initials("Federal Bureau of Investigation") == {"fbi", "fboi"}
    assert "cdcp" in initials("Centers for Disease Control and Prevention")
    # near miss: capitalised words without a body's noun are no body
    assert initials("Lake Street Bridge") == set()


def test_a_speaker_for_a_body_of_two_words_holds_its_acronym() -> None:
    """The roles speakers hold read the same initials members type: the spokeswoman of
    the "Department of Transportation" is the DOT spokeswoman, found at index time."""
    article = SmallArticle(
        "roads",
        [
            (1, "The state will repave Route 9 next spring."),
            (
                2,
                "Lena Cho, a spokeswoman for the state Department of Transportation, said "
                "the work would take four months.",
            ),
            (3, "Mayor Tim Ross said the town welcomed the news."),
        ],
    )
    assert article.who("what did the dot spokeswoman say") == ["Lena Cho"]
    assert "dot" in article.roles("Lena Cho")
    # near miss: the mayor, of no body named in full, holds no initials
    assert "dot" not in article.roles("Tim Ross")


def test_an_acronym_is_the_name_while_an_article_names_it() -> None:
    table = AcronymTable()
    table.add_article("a", ["Metropolitan Transit Authority", "Dana Ortiz"])
    table.add_article("b", ["Metro Tenants Association"])
    table.add_article("c", ["Metro Tenants Association"])
    assert table.expansion("mta") == "Metro Tenants Association"  # named by more articles
    table.remove_article("b")
    table.remove_article("c")
    assert table.expansion("mta") == "Metropolitan Transit Authority"
    table.remove_article("a")
    assert table.expansion("mta") is None


def test_only_unknown_uncommon_words_are_expanded() -> None:
    names = {"mta": "Metropolitan Transit Authority", "bus": "Brenton Utility Service"}.get
    text, replaced = expand("did the mta's bus run", lambda w: False, names)
    assert text == "did the Metropolitan Transit Authority's bus run"
    assert replaced == [("mta", "Metropolitan Transit Authority")]
    # a word the library holds is what the member meant
    assert expand("what did the mta say", lambda w: w == "mta", names)[1] == []
    # typed in capitals, even a common word is an acronym
    assert (
        expand("is the BUS open", lambda w: False, names)[0]
        == "is the Brenton Utility Service open"
    )


async def test_the_mta_is_the_authority_when_the_letters_are_not_found(tmp_path: Path) -> None:
    lib = await library_of(tmp_path, None, FLOOD, FAIR)
    answer = await lib.ask("what did the mta spokeswoman say")
    assert answer.quotes and "Dana Ortiz" in answer.quotes[0].text
    # declined as typed ("does not mention: mta"), asked again as the authority
    answer = await lib.ask("what is the mta doing")
    assert not answer.abstained and answer.quotes
    assert "Metropolitan Transit Authority" in answer.quotes[0].text
    assert answer.searched_for == "mta → Metropolitan Transit Authority"
    assert answer.question == "what is the mta doing"
    # near miss: no body of the library has these initials
    answer = await lib.ask("what is the fda doing")
    assert answer.abstained and answer.searched_for is None
    await lib.close()
