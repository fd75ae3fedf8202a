"""Speakers in the patterns a new writer's articles used (fresh-j), on small articles
written for these tests: a verb of speech inside a quotation, given names that end like
demonyms, the field of a post in lower case, a person named with no post after a
description of them, 'X called it "…"', a body's spokesperson, a topic said in other
words, and a member's description met by meaning. Each class has a near miss that must
stay as it was.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import numpy as np
from speaker_helpers import SmallArticle
from stub_library import library_of

from index.models import Document

# A county vote: a quotation that opens with a verb of speech, a given name that ends
# like a demonym after a title, the field of a post in lower case.
VOTE: list[tuple[int, str]] = [
    (1, "County Executive Marian Okello said the result showed voters wanted the team to stay."),
    (2, '"People told us they did not want to lose the team.'),
    (2, 'Tonight they backed that up with their votes," Okello said.'),
    (3, "Turnout was 61 percent, county elections director Samira Hadley said."),
    (4, "Race director Gideon Pell said the parade would go ahead."),
    (5, "The board thanked director Ann Moss for her work."),
    (6, "Russian Foreign Minister Sergei Lavrov said the talks would go on."),
    (7, "Detective Sgt. Brian Ostler said the car was found on Friday."),
]
_VOTE = SmallArticle("vote", VOTE)


def test_a_verb_of_speech_inside_a_quotation_names_no_speaker() -> None:
    assert _VOTE.speaker_of('"People told us') == ["Marian Okello"]
    assert "People" not in {e.name for e in _VOTE.attributed().entities}
    # near misses: the verb after the quotation closes still names the speaker, and an
    # editor's bracketed subject inside a quotation still speaks
    assert _VOTE.speaker_of("Tonight they backed") == ["Marian Okello"]
    rows = [
        (
            1,
            "“(Lavrov) confirmed Moscow's desire to continue the work,” the Russian Ministry "
            "of Foreign Affairs said in a statement.",
        )
    ]
    assert "Lavrov" in SmallArticle("ministry", rows).speaker_of("“(Lavrov)")


def test_a_given_name_ending_like_a_demonym_is_no_title() -> None:
    assert _VOTE.speaker_of("Detective Sgt. Brian Ostler") == ["Brian Ostler"]
    assert "brian" not in _VOTE.roles("Brian Ostler")
    assert _VOTE.speaker_of("County Executive Marian") == ["Marian Okello"]
    assert _VOTE.who("what did marian okello say") == ["Marian Okello"]
    # near miss: a demonym before a title is still a role
    assert _VOTE.speaker_of("Russian Foreign Minister") == ["Sergei Lavrov"]
    assert "russian" in _VOTE.roles("Sergei Lavrov")


def test_a_posts_field_in_lower_case_before_its_title_is_a_role() -> None:
    assert "elections" in _VOTE.roles("Samira Hadley")
    assert _VOTE.who("what did the elections director say") == ["Samira Hadley"]
    assert _VOTE.who("what did the race director say") == ["Gideon Pell"]
    # near miss: a verb before a title is no field of it
    assert "thanked" not in _VOTE.roles("Ann Moss")


def test_a_passive_with_a_negation_names_no_speaker() -> None:
    rows = [
        (1, "Participants were not told which group they were in."),
        (1, "Participants told the researchers the food tasted the same."),
    ]
    study = SmallArticle("passive", rows)
    assert study.speaker_of("Participants were not told") == []
    # near miss: the active verb still speaks
    assert study.speaker_of("Participants told") == ["Participants"]


# A team owner described, then named with no post; a person named with a post after a
# description stays another person.
ARENA: list[tuple[int, str]] = [
    (1, "Voters approved the arena tax on Tuesday."),
    (
        2,
        "The team's majority owner, who bought the club in 2021, had said the club would "
        "move if the measure failed.",
    ),
    (3, "Vincent Caldwell-Ray said in a statement that he was grateful and humbled."),
    (4, "A steward for the stadium workers' union said the deal was fair."),
    (5, "Mayor Ann Lee said the city would widen the roads."),
]
_ARENA = SmallArticle("arena", ARENA)


def test_a_person_named_with_no_post_after_a_description_is_the_one_described() -> None:
    assert _ARENA.speaker_of("The team's majority owner") == ["Vincent Caldwell-Ray"]
    assert _ARENA.who("what did the team owner say") == ["Vincent Caldwell-Ray"]
    # near miss: a person named with a post of their own is not the steward before them
    assert _ARENA.speaker_of("Mayor Ann Lee") == ["Ann Lee"]
    assert _ARENA.speaker_of("A steward for") != ["Ann Lee"]


# A study: a description of a person that speaks by calling something so, in quotes.
STUDY: list[tuple[int, str]] = [
    (1, "The study followed 212 adults for eight weeks."),
    (2, 'Dr. Ana Ek, an endocrinologist in Halvern, called the study "well designed but small."'),
    (3, 'Judge Ida Quill dismissed the jurors after what she called "careful work."'),
    (4, "The council called a meeting for Monday."),
]
_STUDY = SmallArticle("study", STUDY)


def test_calling_something_so_in_quotes_is_speech() -> None:
    assert _STUDY.speaker_of("Dr. Ana Ek") == ["Ana Ek"]
    # near misses: "what she called" does not say whose words; calling a meeting is no
    # speech
    assert _STUDY.speaker_of("Judge Ida Quill") == []
    assert _STUDY.speaker_of("The council called") == []


# A regulator and its spokesperson, a person and her neighbour.
REGULATOR: list[tuple[int, str]] = [
    (1, "The National Payments Regulator said it had asked the company for a report."),
    (
        1,
        "A spokesperson for the regulator, Hugo Belcastro, said the agency would decide "
        "later whether to investigate.",
    ),
    (2, "Ana Ruiz said the outage cost her a day of sales."),
    (2, "Her neighbor, Paul Ek, said he paid in cash."),
]
_REGULATOR = SmallArticle("regulator", REGULATOR)


def test_a_body_is_asked_for_with_its_spokesperson() -> None:
    assert set(_REGULATOR.who("what did the payments regulator say")) == {
        "National Payments Regulator",
        "Hugo Belcastro",
    }
    # near miss: a person asked for by her name is not found with her neighbor
    assert _REGULATOR.who("what did ruiz say") == ["Ana Ruiz"]


class DirectionEncoder:
    """A text gets the vector of the first key it holds (others a last axis of their
    own), so that cosines between words and sentences are set by the test."""

    model_version = "direction"
    dim = 5

    def __init__(self, vectors: dict[str, tuple[float, ...]]) -> None:
        self.vectors = vectors

    def encode(self, texts: Sequence[str], batch_size: int = 32) -> np.ndarray:
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        for row, text in enumerate(texts):
            v = next((v for key, v in self.vectors.items() if key in text), (0, 0, 0, 0, 1))
            out[row] = np.array(v, dtype=np.float32) / np.linalg.norm(v)
        return out


OUTAGE = Document(
    text=(
        "Plover Pay was down for nine hours on Friday.\n\n"
        "Chief executive Nadine Asher said the faulty update had been pushed to every "
        "server at once.\n\n"
        "She said Plover would pay back any late fees that customers could show."
    ),
    source="outage.txt",
    title="Plover outage",
)
RACE = Document(
    text=(
        "The Ferncastle marathon was stopped in the heat on Sunday.\n\n"
        "Runners who did not finish will be offered a full refund of their entry fee."
    ),
    source="race.txt",
    title="Marathon stopped",
)
# "refunds" means what "pay back" says; the marathon means nothing Asher says.
TOPICS = {
    "refunds": (1.0, 0, 0, 0, 0),
    "pay back": (0.6, 0.8, 0, 0, 0),
    "marathon": (0, 0, 1.0, 0, 0),
}


async def test_a_topic_said_in_other_words_by_the_speaker_is_theirs(tmp_path: Path) -> None:
    lib = await library_of(tmp_path, None, OUTAGE, RACE)
    lib.enable_semantic(DirectionEncoder(TOPICS), process=False)  # type: ignore[arg-type]
    assert await lib.wait_for_vectors(30)
    answer = await lib.ask("what did asher say about refunds")
    assert answer.quotes and "pay back" in answer.quotes[0].text
    # near miss: a topic of another article, close to nothing she says, mixes articles
    declined = await lib.ask("what did asher say about the marathon")
    assert not declined.quotes and declined.declined_by == "speaker-off-topic"
    await lib.close()


TRIAL = Document(
    text=(
        "A jury found Curtis Hale guilty of murder on Thursday.\n\n"
        "Detective Sgt. Brian Ostler, who led the investigation for the Marrowgate Police "
        "Department, said officers collected 40 hours of footage.\n\n"
        "Judge Harriet Quill said sentencing would be in January."
    ),
    source="trial.txt",
    title="Marrowgate verdict",
)
FESTIVAL = Document(
    text="Mayor Delia Marchetti said the festival would move to October.",
    source="festival.txt",
    title="Festival moves",
)
# "cop" is near "police" in meaning; the mayor is near nothing of the detective's.
ROLES = {
    "cop": (1.0, 0, 0, 0, 0),
    "police": (0.7, 0.71, 0, 0, 0),
    "mayor": (0, 0, 1.0, 0, 0),
    "governor": (0, 0, 0.9, 0.44, 0),
}


async def test_a_members_description_is_met_by_meaning(tmp_path: Path) -> None:
    lib = await library_of(tmp_path, None, TRIAL, FESTIVAL)
    lib.enable_semantic(DirectionEncoder(ROLES), process=False)  # type: ignore[arg-type]
    assert await lib.wait_for_vectors(30)
    answer = await lib.ask("what did the cop who ran the investigation say")
    assert answer.quotes and "40 hours of footage" in answer.quotes[0].text
    # near misses: a title someone else holds, or an unknown title alone, describes
    # no one here
    for question in (
        "what did the mayor of marrowgate say about the verdict",
        "what did the governor say",
    ):
        declined = await lib.ask(question)
        assert not any("footage" in q.text for q in declined.quotes), question
    await lib.close()


# A verdict: a prosecutor named as an assistant district attorney, a judge's ruling,
# an estimate, the victim's mother described before she is named.
VERDICT: list[tuple[int, str]] = [
    (1, "A jury found Curtis Hale guilty of murder on Thursday."),
    (2, "The lead prosecutor told jurors that the phone records placed Hale at the scene."),
    (2, "Assistant District Attorney Owen Makepeace said his office would seek the maximum."),
    (
        3,
        "A spokesperson for the Velby County District Attorney's Office, Carla Wendt, said "
        "the office had tried 14 cases.",
    ),
    (4, "Judge Harriet Quill had ruled before the trial that the voicemail could be played."),
    (5, "Owen Trask estimated that he lost a quarter of his sales."),
    (5, "Plover handles an estimated one in four payments."),
    (5, "The owner of the Blue Cafe, across the road, estimated that sales fell by half."),
    (6, "In the front row, the victim's mother wept and gripped the hand of her son."),
    (6, "Ruth Darrow said she had waited twenty months for the verdict."),
    (7, "The victim's brother wept in the gallery."),
    (7, "Mayor Ann Lee said the city grieved with the family."),
]
_VERDICT = SmallArticle("verdict", VERDICT)


def test_a_district_attorney_is_the_prosecutor() -> None:
    assert _VERDICT.speaker_of("The lead prosecutor") == ["Owen Makepeace"]
    assert _VERDICT.who("what did the prosecutor say") == ["Owen Makepeace"]
    # near miss: a spokesperson for the district attorney's office is no prosecutor
    assert "Carla Wendt" not in _VERDICT.who("what did the prosecutor say")
    assert _VERDICT.who("what did the da's spokesperson say") == ["Carla Wendt"]


def test_a_ruling_and_an_estimate_reported_as_a_clause_are_speech() -> None:
    assert _VERDICT.speaker_of("Judge Harriet Quill had ruled") == ["Harriet Quill"]
    assert _VERDICT.speaker_of("Owen Trask estimated") == ["Owen Trask"]
    # near misses: "an estimated one in four" names no speaker, and an estimate of a
    # description far from its verb is its figure
    assert _VERDICT.speaker_of("Plover handles") == []
    assert _VERDICT.speaker_of("The owner of the Blue Cafe") == []


def test_a_person_described_by_the_sentence_before_their_name_holds_its_roles() -> None:
    assert {"victim", "mother"} <= _VERDICT.roles("Ruth Darrow")
    assert _VERDICT.who("what did the victims mom say") == ["Ruth Darrow"]
    # near miss: a named person with a post of her own takes no description before her
    assert "brother" not in _VERDICT.roles("Ann Lee")
    assert _VERDICT.who("what did the victims brother say") == []


def test_a_description_with_a_relative_clause_and_no_commas_speaks() -> None:
    rows = [
        (1, "The study followed 212 adults for eight weeks."),
        (
            2,
            "An endocrinologist at Lowen Bay Medical Centre who was not involved in the "
            'research called the study "well designed but small."',
        ),
        (2, "Dr. Rafael Quintero said eight weeks was far too short."),
        (3, "The report that the council released last year said the roads were unsafe."),
    ]
    study = SmallArticle("endocrinologist", rows)
    assert study.speaker_of("An endocrinologist") == ["Rafael Quintero"]
    assert study.who("what did the endocrinologist say") == ["Rafael Quintero"]
    # near miss: a thing with a clause of its own is no speaker
    assert study.speaker_of("The report that") == []


CRUISE = Document(
    text=(
        "More than 200 passengers fell ill aboard the Aurelia during a ten-day voyage, and "
        "many asked at the port about compensation.\n\n"
        "Halcyon Lines said the buffets were switched to crew service on the fifth day.\n\n"
        "The ship docked at Port Elsin on Sunday morning.\n\n"
        "Halcyon Lines said the ship would be cleaned from top to bottom before it sails "
        "again.\n\n"
        "Its next voyage was to leave on Monday afternoon.\n\n"
        "Halcyon Lines said passengers on the voyage would receive a credit for a future "
        "trip."
    ),
    source="cruise.txt",
    title="Illness on the Aurelia",
)
# "compensation" means what "receive a credit" says; no sentence writes the word.
CRUISE_TOPICS = {
    "compensation": (1.0, 0, 0, 0, 0),
    "receive a credit": (0.7, 0.7, 0, 0, 0),
    "buffets": (0, 0, 1.0, 0, 0),
    "cleaned": (0, 0, 0, 1.0, 0),
}


async def test_a_topic_no_sentence_of_the_speaker_writes_orders_them_by_meaning(
    tmp_path: Path,
) -> None:
    """ "what did halcyon say about compensation": the company speaks in the article that
    writes the word, but none of its sentences does, and they came in article order, the
    credit last. The ones meaning the topic now come first. Near
    miss: a topic one of them writes ("cleaned") still orders by the word."""
    lib = await library_of(tmp_path, None, CRUISE)
    lib.enable_semantic(DirectionEncoder(CRUISE_TOPICS), process=False)  # type: ignore[arg-type]
    assert await lib.wait_for_vectors(30)
    answer = await lib.ask("what did halcyon lines say about compensation")
    assert answer.quotes and "receive a credit" in answer.quotes[0].text, [
        q.text for q in answer.quotes
    ]
    answer = await lib.ask("what did halcyon lines say about how the ship was cleaned")
    assert answer.quotes and "cleaned" in answer.quotes[0].text
    await lib.close()
