"""Answer or decline, both ways (issue 12, class 6), on small libraries built here.

Each test pairs a question the library cannot answer, though it shares most of its words
with some sentence, with a near miss that it must still answer. Where meaning decides, a
stub encoder (tests/test_hybrid.py) gives the cosines the test wants: a text takes the
axis of the first key it holds, and every text without a key shares one other axis.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import numpy as np
from stub_library import library_of

from index.answering import counted_by_figures
from index.models import Document
from index.question import ASKS_ADVICE, ASKS_AGE, parse_question

FLOOD = Document(
    text=(
        "MARLOW COUNTY — Two people died and about 300 homes were flooded after the Ashford "
        "River overflowed its banks late Monday, county officials said.\n\n"
        "Floodwater swamped 120 homes in Millerton, the hardest-hit town.\n\n"
        "Crews carried out 86 water rescues overnight, most of them by boat.\n\n"
        "The water damaged 40 cars parked along the river in Pell Creek.\n\n"
        "The river crested at 24.6 feet at the Millerton gauge on Tuesday."
    ),
    source="flood.txt",
    title="Ashford River flood",
)
COUNCIL = Document(
    text=(
        "EASTBROOK — The city council voted 7-4 to approve a transit levy that will buy "
        "38 new buses.\n\n"
        "Mayor Linda Okafor called the vote the most important decision of the council's "
        "four-year term.\n\n"
        "More than 60 residents signed up to speak at the council meeting, which began at "
        "7 p.m.\n\n"
        "The Harbour Road water main was laid in 1958 and will be replaced next year.\n\n"
        "Drivers were advised to take the Route 9 bypass while Harbour Road is closed."
    ),
    source="council.txt",
    title="Eastbrook transit levy",
)
RECALL = Document(
    text=(
        "Corvel is recalling 412,000 pressure cookers after reports that the lids can "
        "unlock under pressure.\n\n"
        "The U.S. Consumer Product Safety Commission said 57 people were burned.\n\n"
        "Its shares fell 6.4% on Thursday."
    ),
    source="recall.txt",
    title="Corvel recall",
)
CORVEL = Document(
    text=(
        "Corvel recalls 412,000 Corvel cookers. In a long video posted on its "
        "website on Thursday evening, after a week of silence and many complaints from "
        "angry buyers across the country, the company's chief executive apologized at "
        "length to all of its customers and promised that Corvel would do better."
        "\n\n"
        "The Corvel refund plan takes effect on March 2."
    ),
    source="corvel.txt",
    title="Corvel recall",
)


async def test_an_everyday_word_no_article_uses_is_answered_when_the_answer_is_closest(
    tmp_path: Path,
) -> None:
    """ "Kick in" is in no article, but the sentence saying "takes effect" is the closest
    in meaning of all the candidates: the member's own wording, answered (an everyday
    word the library lacks declines only when another candidate is closer)."""
    lib = await library_of(tmp_path, {"kick in": 1, "takes effect": 1}, CORVEL, FLOOD)
    answered = await lib.ask("when does the corvel refund plan kick in")
    assert answered.quotes and "takes effect on March 2" in answered.quotes[0].text
    await lib.close()


async def test_how_old_needs_an_age(tmp_path: Path) -> None:
    """The mayor's sentence names her and a "four-year term", not her age; the water
    main's states the year it was laid."""
    lib = await library_of(tmp_path, None, COUNCIL, FLOOD)
    declined = await lib.ask("how old is mayor linda okafor")
    assert not declined.quotes and declined.note
    answered = await lib.ask("how old is the harbour road water main")
    assert answered.quotes and "laid in 1958" in answered.quotes[0].text
    await lib.close()


async def test_an_advice_question_needs_a_sentence_that_says_what_to_do(tmp_path: Path) -> None:
    """Residents who signed up to speak say nothing about how a member signs up; the
    sentence saying what drivers were advised to do answers "which road should I take"."""
    lib = await library_of(tmp_path, None, COUNCIL, FLOOD)
    declined = await lib.ask("how do i sign up to speak at a council meeting")
    assert not declined.quotes and declined.note
    answered = await lib.ask("which road should i take while harbour road is closed")
    assert answered.quotes and "Route 9 bypass" in answered.quotes[0].text
    await lib.close()


async def test_a_speaker_no_article_names_is_declined(tmp_path: Path) -> None:
    """ "What did the FDA say about the cookers": the recall article never mentions the
    FDA, so none of its sentences says what the FDA said. The commission it does name is
    still answered from its sentence."""
    lib = await library_of(tmp_path, None, RECALL, FLOOD)
    declined = await lib.ask("what did the FDA say about the pressure cookers")
    assert not declined.quotes and declined.note and "fda" in declined.note
    answered = await lib.ask("what did the safety commission say about the cookers")
    assert answered.quotes and "57 people were burned" in answered.quotes[0].text
    await lib.close()


def test_what_a_question_asks_beyond_its_answer_type() -> None:
    assert parse_question("what should i do if my basement floods").asks == ASKS_ADVICE
    assert parse_question("How do I freeze my credit?").asks == ASKS_ADVICE
    assert parse_question("which road should we take").asks == ASKS_ADVICE
    assert parse_question("how old is the mayor").asks == ASKS_AGE
    assert parse_question("how do the lids pop open").asks == ""
    assert parse_question("what did the mayor say").asks == ""


STORM = Document(
    text=(
        "The storm knocked out power to 12,000 homes in Dunmore on Monday.\n\n"
        "Customers were told to report outages on the utility's website.\n\n"
        "The utility sent 40 crews and 300 trucks to Dunmore overnight."
    ),
    source="storm.txt",
    title="Dunmore storm",
)


async def test_how_many_needs_a_figure_that_counts_what_is_asked(tmp_path: Path) -> None:
    """ "How many customers lost power": the sentence about the lost power counts homes,
    not customers, and nothing in the library counts customers. A word that means what
    the figure counts ("households" for "homes", by the encoder) is still answered."""
    axes = {"customers": 1, "homes": 2, "households": 2}
    lib = await library_of(tmp_path, axes, STORM, FLOOD)
    declined = await lib.ask("how many customers lost power in dunmore")
    assert not declined.quotes and declined.note and "customers" in declined.note
    answered = await lib.ask("how many households lost power in dunmore")
    assert answered.quotes and "12,000 homes" in answered.quotes[0].text
    await lib.close()


async def test_how_many_shows_the_sentence_whose_figure_counts_it_first(tmp_path: Path) -> None:
    """The sentence sharing most words with "how many trucks went to dunmore after the
    storm knocked out power on monday" counts homes; the one counting trucks is shown
    first (without the semantic model: the same word needs no encoder)."""
    lib = await library_of(tmp_path, None, STORM, FLOOD)
    question = "how many trucks went to dunmore after the storm knocked out power on monday"
    answer = await lib.ask(question)
    assert answer.quotes and "300 trucks" in answer.quotes[0].text
    await lib.close()


def test_what_how_many_counts() -> None:
    assert parse_question("how many ppl died in the flood").counted == ("people",)
    assert parse_question("how many customers lost power").counted == ("customers",)
    assert parse_question("how many tourists were stranded").counted == ("tourists",)
    assert parse_question("How many names of his daughters are known").counted == (
        "names",
        "daughters",
    )
    assert parse_question("how many of the sick are children").counted == ()
    assert parse_question("how much does it cost").counted == ()


def test_what_figures_count() -> None:
    counted = counted_by_figures("The operator handled 1.9 million containers last year.")
    assert "containers" in counted and "million" not in counted
    assert "crowd" in counted_by_figures("A crowd of 5,000 gathered.")
    assert "lakes" in counted_by_figures("There are several lakes in the city.")
    assert counted_by_figures("No figure is stated here.") == []


class DirectionEncoder:
    """A text gets the vector of the first key it holds (others a fourth axis): unlike
    the stub's axes, cosines between 0 and 1 ("close, but closer")."""

    model_version = "direction"
    dim = 4

    def __init__(self, vectors: dict[str, tuple[float, float, float, float]]) -> None:
        self.vectors = vectors

    def encode(self, texts: Sequence[str], batch_size: int = 32) -> np.ndarray:
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        for row, text in enumerate(texts):
            v = next((v for key, v in self.vectors.items() if key in text), (0, 0, 0, 1))
            out[row] = np.array(v, dtype=np.float32) / np.linalg.norm(v)
        return out


WAGES = Document(
    text=(
        "Corvel workers at the Dayton plant make 412,000 cookers a year.\n\n"
        "Corvel workers at the Dayton plant said the company treats them well."
    ),
    source="wages.txt",
    title="Corvel plant",
)


async def test_an_everyday_word_no_article_uses_is_declined_when_another_answer_is_closer(
    tmp_path: Path,
) -> None:
    """ "Earn" is in no article. The sentence matching the question's words best states a
    figure, but another sentence holding as many of its words is closer in meaning: the
    figure is not what is asked (what the workers earn is unstated), and that closer
    sentence states none. Declined (the decline half of the rule above)."""
    lib = await library_of(tmp_path, None, WAGES, FLOOD)
    directions = {
        "earn": (1.0, 0, 0, 0),
        "treats": (0.35, 0.94, 0, 0),
        "412,000": (0.3, 0, 0.95, 0),
    }
    lib.enable_semantic(DirectionEncoder(directions), process=False)  # type: ignore[arg-type]
    assert await lib.wait_for_vectors(30)
    declined = await lib.ask("how much do corvel workers at the dayton plant earn")
    assert not declined.quotes and declined.note
    await lib.close()


TALKS = Document(
    text=(
        "Negotiators met on Friday during the Istanbul peace talks, officials said.\n\n"
        "The talks lasted only an hour and ended without a deal.\n\n"
        "Russia wants a peace deal on its own terms."
    ),
    source="talks.txt",
    title="Peace talks",
)


async def test_a_closer_sentence_holding_fewer_of_the_question_words_is_no_rival(
    tmp_path: Path,
) -> None:
    """ "Hosted" is in no article. "The talks lasted only an hour" is closer in meaning
    to "which city hosted the peace talks" than the sentence naming the Istanbul peace
    talks, but holds fewer of its words: it is no reason to decline, nor the answer."""
    lib = await library_of(tmp_path, None, TALKS, FLOOD)
    directions = {
        "hosted": (1.0, 0, 0, 0),
        "lasted": (0.35, 0.94, 0, 0),
        "Istanbul": (0.3, 0, 0.95, 0),
    }
    lib.enable_semantic(DirectionEncoder(directions), process=False)  # type: ignore[arg-type]
    assert await lib.wait_for_vectors(30)
    answered = await lib.ask("which city hosted the peace talks")
    assert answered.quotes and "Istanbul peace talks" in answered.quotes[0].text
    await lib.close()
