"""Speakers in the patterns of wire copy that a careful reader predicts, on small articles
written for these tests: a post given in a relative clause ("X, who became CFO in
March,") naming the description that spoke before it, a headline's place as the setting
of every post, a speaker reported inside another's speech, a body speaking through its
spokesperson, "the spokesman" for the body that spoke paragraphs up, a body's initials,
"council member" asked as "councilman", and a time that is no speaker.
"""

from __future__ import annotations

from pathlib import Path

from speaker_helpers import SmallArticle

from index.library import Library

# (paragraph, sentence): a water main break, with two namesakes and a body that speaks.
WATER: list[tuple[int, str]] = [
    (1, "Water service to 9,000 homes in Presk was cut on Sunday after a main burst."),
    (
        2,
        "Edda Varga, who has run the city's water utility since 2017 and who oversaw the "
        "replacement of the reservoir pumps two summers ago, said crews would work all night.",
    ),
    (3, '"We know where the break is.'),
    (3, 'We do not yet know why it happened," Varga said.'),
    (4, '"Every valve we close cuts off another street, so we go slowly."'),
    (5, "Varga warned that boil-water notices could last until Thursday."),
    (5, "She said the pipe was laid in 1961."),
    (6, "Council member Ivo Varga, her cousin, argued that repairs had been put off."),
    (6, "He insisted that the budget for pipes be doubled."),
    (7, "The Presk Water Authority said it had sent tankers to three schools."),
    (8, "Jonas Field, a retired plumber, filled jugs at one of them."),
    (9, "The spokesman said the tankers would stay until pressure returned."),
    (10, "Mayor Rita Oyelaran noted that the city had applied for a federal grant."),
    (10, '"This is exactly what the grant is for," she said.'),
]
_WATER = SmallArticle("water", WATER)

# A bus company's cuts: posts in relative clauses, a quote with a time in it.
BUSES: list[tuple[int, str]] = [
    (1, "Orbis Transit will cut 300 drivers, the company said on Monday."),
    (2, "On a call with investors, the company's chief financial officer said costs would rise."),
    (2, "Omar Reyes, who became CFO in March, said ticket sales had held up."),
    (3, "The head of the drivers' union urged members to stay calm."),
    (
        3,
        "Pia Lund, who has led the Transit Drivers Association since 2020, said the depot "
        "had been short of staff for a year.",
    ),
    (4, "Lena Moss, a bus driver, said she learned of the cut from a notice."),
    (5, '"I found out from a sign on the depot door.'),
    (5, 'My supervisor sent an email a day later saying he was sorry."'),
]
_BUSES = SmallArticle("buses", BUSES)

# An inquiry: a speaker reported inside another's speech, a body and its spokeswoman,
# an inspector of a body named in full.
INQUIRY: list[tuple[int, str]] = [
    (1, "Tomas Ek, the family's lawyer, said Joel Park had told guards he was ill."),
    (1, "The family will sue the city, he said."),
    (
        2,
        "The agency, speaking through spokeswoman Ana Cole, said it was reviewing the "
        "station's logs.",
    ),
    (
        3,
        "Peter Vance, a senior inspector with the state Department of Environmental "
        "Protection, said the river would take years to recover.",
    ),
]
_INQUIRY = SmallArticle("inquiry", INQUIRY)


def test_a_post_in_a_relative_clause_names_the_description_that_spoke_before() -> None:
    assert _BUSES.speaker_of("On a call with investors") == ["Omar Reyes"]
    assert {"cfo"} <= _BUSES.roles("Omar Reyes")
    assert _BUSES.who("what did the orbis cfo say") == ["Omar Reyes"]
    assert _BUSES.speaker_of("The head of the drivers' union") == ["Pia Lund"]
    assert {"transit", "drivers", "association", "union"} <= _BUSES.roles("Pia Lund")
    assert _BUSES.who("what did the drivers union leader say") == ["Pia Lund"]


def test_a_time_in_a_quotation_is_no_speaker() -> None:
    # "an email a day later saying": the quotation stays the driver's
    assert _BUSES.speaker_of('"I found out from a sign') == ["Lena Moss"]
    assert _BUSES.speaker_of("My supervisor sent an email") == ["Lena Moss"]


def test_the_headline_names_the_place_of_every_post() -> None:
    placed = SmallArticle("water", WATER, headline="Presk water main bursts, 9,000 homes dry")
    asked = "what did the mayor of presk say"
    assert placed.who(asked, names_required=True) == ["Rita Oyelaran"]
    assert _WATER.who(asked, names_required=True) == []  # no headline: Presk is not hers
    assert placed.who("what did the mayor of dunmore say", names_required=True) == []


def test_a_speaker_reported_inside_anothers_speech_is_not_whom_he_said_means() -> None:
    assert _INQUIRY.speaker_of("The family will sue") == ["Tomas Ek"]
    assert "Tomas Ek" in _INQUIRY.speaker_of("Tomas Ek, the family's lawyer")


def test_a_body_speaking_through_its_named_spokesperson() -> None:
    assert _INQUIRY.speaker_of("The agency, speaking through") == ["Ana Cole"]


def test_a_body_named_in_full_is_asked_for_by_its_initials() -> None:
    assert _INQUIRY.who("what did the DEP inspector say", names_required=True) == ["Peter Vance"]


def test_the_spokesman_speaks_for_the_body_that_spoke_paragraphs_up() -> None:
    assert _WATER.speaker_of("The spokesman said") == ["Presk Water Authority"]
    assert _WATER.speaker_of("The Presk Water Authority said") == ["Presk Water Authority"]
    assert _WATER.who("what did the water authority spokesman say") == ["Presk Water Authority"]
    assert _WATER.who("what did jonas field say") == []  # named, never quoted


def test_council_member_is_asked_as_councilman_and_namesakes_stay_apart() -> None:
    assert _WATER.who("what did councilman varga say") == ["Ivo Varga"]
    assert _WATER.who("what did the council member say") == ["Ivo Varga"]
    assert _WATER.speaker_of("He insisted") == ["Ivo Varga"]
    assert _WATER.speaker_of("She said the pipe") == ["Edda Varga"]


def test_quotations_paraphrase_and_reported_speech_stay_with_their_speaker() -> None:
    """A guard (main reads these already): a quotation over two sentences and into the next
    paragraph, "She said" after it, "warned/argued/noted that", a long relative clause."""
    for start in ('"We know where', "We do not yet know", '"Every valve', "Varga warned"):
        assert _WATER.speaker_of(start) == ["Edda Varga"]
    assert _WATER.speaker_of("Edda Varga, who has run") == ["Edda Varga"]
    assert _WATER.speaker_of("Council member Ivo Varga") == ["Ivo Varga"]
    assert _WATER.speaker_of("Mayor Rita Oyelaran noted") == ["Rita Oyelaran"]


# A flood: a speaker named before a body in lower case, the verb before its speaker, an
# age before a description, a hospital whose name holds "General".
FLOOD: list[tuple[int, str]] = [
    (1, "Flooding closed 40 roads in Marden County on Friday."),
    (2, 'Said Fire Chief Olga Brandt: "We have never pumped this much water out."'),
    (3, "Meteorologist Ron Dell of the weather service said the storm had stalled."),
    (4, "Hector Ruiz, 45, a nurse at Marden General Hospital, said three patients were moved."),
]
_FLOOD = SmallArticle("flood", FLOOD)


def test_a_speaker_named_before_a_body_written_in_lower_case() -> None:
    assert _FLOOD.speaker_of("Meteorologist Ron Dell") == ["Ron Dell"]
    assert {"meteorologist", "weather", "service"} <= _FLOOD.roles("Ron Dell")


def test_the_verb_before_its_speaker_opens_the_sentence() -> None:
    assert _FLOOD.speaker_of("Said Fire Chief") == ["Olga Brandt"]
    assert _FLOOD.roles("Olga Brandt") == {"fire", "chief"}
    assert _FLOOD.who("what did the fire chief say") == ["Olga Brandt"]


def test_a_description_after_an_age_and_a_hospital_named_general() -> None:
    assert "nurse" in _FLOOD.roles("Hector Ruiz")
    assert _FLOOD.who("what did the nurse say") == ["Hector Ruiz"]
    assert "Marden General Hospital" in {e.name for e in _FLOOD.attributed().entities}


# People described by whose they are: an official's spokeswoman, a speaker's neighbor.
POOL: list[tuple[int, str]] = [
    (1, "Mayor Lena Holt said the pool would reopen in June."),
    (2, "The mayor's spokeswoman, Tara Voss, said repairs would cost $2 million."),
    (3, '"We lost everything," said Ana Ruiz, who lives by the creek.'),
    (4, "Ruiz's neighbor, Paul Ek, said the creek rose two feet in an hour."),
]
_POOL = SmallArticle("pool", POOL)


def test_the_title_of_whom_a_post_belongs_to_is_no_post_of_its_own() -> None:
    assert _POOL.who("what did the mayor say") == ["Lena Holt"]
    assert _POOL.who("what did the mayor's spokeswoman say") == ["Tara Voss"]


def test_a_name_alone_means_its_bearer_before_whom_it_describes() -> None:
    assert _POOL.who("what did ruiz say") == ["Ana Ruiz"]
    assert _POOL.who("what did ruiz's neighbor say") == ["Paul Ek"]


def test_two_speakers_joined_by_and_both_speak() -> None:
    two = SmallArticle(
        "two",
        [
            (1, "Dr. Ines Varga, an epidemiologist, said the water was unsafe."),
            (2, "Paul Ek, a plumber, said the pipes were old."),
            (3, "Varga and Ek both said the county had been warned."),
        ],
    )
    assert set(two.speaker_of("Varga and Ek")) == {"Ines Varga", "Paul Ek"}


def test_a_quotation_introduced_with_a_colon_and_according_to_a_statement() -> None:
    dam = SmallArticle(
        "dam",
        [
            (1, 'Mayor Jo Lin was blunt: "The dam held, but barely."'),
            (
                2,
                "The spillway will be rebuilt, according to a statement from Ed Park, the engineer.",
            ),
        ],
    )
    assert dam.speaker_of("Mayor Jo Lin was blunt") == ["Jo Lin"]
    # a time or a clause before the colon is no speaker
    for opening in ('In February 2011, a film was released: "Dam"', 'Though Lin saw it: "No."'):
        assert SmallArticle("x", [(1, opening)]).speaker_of(opening[:9]) == []
    assert dam.speaker_of("The spillway will be rebuilt") == ["Ed Park"]
    assert dam.who("what did the engineer say") == ["Ed Park"]


def test_common_posts_before_a_name_are_roles() -> None:
    town = SmallArticle(
        "town",
        [
            (1, "The ballots were counted twice, town clerk Mary Fox said."),
            (2, "County Coroner Abel Stone said the cause of death was the cold."),
        ],
    )
    assert town.speaker_of("The ballots") == ["Mary Fox"]
    assert town.who("what did the town clerk say") == ["Mary Fox"]
    assert town.speaker_of("County Coroner") == ["Abel Stone"]
    assert town.who("what did the coroner say") == ["Abel Stone"]


def test_a_lawyer_is_asked_for_as_an_attorney() -> None:
    case = SmallArticle("case", [(1, "Tomas Ek, a lawyer for the family, said they would sue.")])
    assert case.who("what did the family's attorney say") == ["Tomas Ek"]


HEADLINED = """\
title: Presk water main bursts, leaving 9,000 homes dry
date: 2026-05-02

Water service to 9,000 homes was cut on Sunday after a main burst.

The main was laid in 1961, when Presk's mayor was Tom Ek.

Mayor Rita Oyelaran said the city had applied for a federal grant.

Water engineer Edda Varga said crews would work all night.
"""


async def test_the_library_gives_the_directory_each_articles_headline(
    library: Library, tmp_path: Path
) -> None:
    path = tmp_path / "presk-main.txt"
    path.write_text(HEADLINED, encoding="utf-8")
    await library.add_path(path)
    answer = await library.ask("what did the mayor of presk say")
    assert answer.quotes
    assert "applied for a federal grant" in answer.quotes[0].text


def test_a_named_body_speaking_through_its_spokeswoman() -> None:
    firm = SmallArticle(
        "firm", [(1, "Corvex, through spokeswoman Ana Cole, said the plant would stay shut.")]
    )
    assert "Ana Cole" in firm.speaker_of("Corvex, through")


def test_a_post_from_a_verb_after_who_has() -> None:
    lab = SmallArticle(
        "lab",
        [(1, "Rosa Lind, who has overseen the county lab since 2015, said the tests were sound.")],
    )
    assert {"head", "county", "lab"} <= lab.roles("Rosa Lind")
    assert lab.who("what did the lab head say") == ["Rosa Lind"]
