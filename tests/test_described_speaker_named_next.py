"""A speaker's words that attribution used to leave to no one: a description that speaks
and whose relative clause has an object ("An engineer who examined the wreckage said"),
"the head of the X department" who a sentence later is named with a top post of that
field, and what a speaker did as they told it of themselves ("…, said she woke to a
smell …. She taped towels along the doors"). On small articles written for these tests.
"""

from __future__ import annotations

from speaker_helpers import SmallArticle

GYM: list[tuple[int, str]] = [
    (1, "The roof of the Pellworth school gym fell in on Sunday night."),
    (
        2,
        "An inspector who examined the debris for the county's insurer said the fall "
        "could have killed dozens.",
    ),
    (
        2,
        "Dr. Ada Quint, a structural inspector with 20 years of experience, told the board "
        "that the seats had been crushed flat.",
    ),
    (3, "A janitor who locked the building said nothing to reporters."),
    (4, "A parent who drove the team home said the children were shaken."),
    (5, "The committee that oversees repairs said it would meet on Friday."),
]

POLICE: list[tuple[int, str]] = [
    (1, "A jury in Harlow cleared the officer on Tuesday."),
    (
        2,
        "The head of the city police department, who suspended the officer in May, said "
        "the verdict would not change that decision.",
    ),
    (2, "Police Chief Dora Vell said the department had since changed its training."),
    (3, "The head of the fire department, who hired extra crews, said the cost was high."),
    (3, "Water Chief Ivo Lamm said the pipes would be checked."),
]

FLOOD: list[tuple[int, str]] = [
    (1, "Floodwater reached the houses on Tern Row before dawn on Friday."),
    (
        2,
        "Mira Oakes, who lives at the end of the row, said she woke to water at the foot "
        "of her stairs.",
    ),
    (2, "She carried her two dogs to the attic and waited there until noon."),
    (3, '"Nobody knocked on my door," Oakes said.'),
    (4, "Ben Tully said his neighbour Rita Gale had called the fire service."),
    (4, "She was taken to a shelter in the afternoon."),
    (5, "Cara Pim said the water was knee-deep."),
    (5, "She said the council had been warned."),
    (6, "Dan Roe said he had cleared the drains in March."),
    (6, "She left for the coast in April."),
]


def test_a_description_whose_relative_clause_has_an_object_speaks() -> None:
    small = SmallArticle("gym", GYM)
    assert small.speaker_of("An inspector who examined") == ["Ada Quint"]
    assert small.speaker_of("A parent who drove") == ["A parent"]


def test_an_object_in_a_clause_about_no_person_or_silence_names_no_one() -> None:
    small = SmallArticle("gym", GYM)
    assert small.speaker_of("A janitor who locked") == []  # "said nothing"
    assert small.speaker_of("The committee that oversees") == []  # no "who", no person


def test_the_head_of_a_department_is_its_top_post_named_next() -> None:
    small = SmallArticle("police", POLICE)
    assert small.speaker_of("The head of the city police") == ["Dora Vell"]
    assert small.who("what did the police chief say") == ["Dora Vell"]


def test_a_top_post_of_another_field_is_no_head_described_before() -> None:
    small = SmallArticle("police", POLICE)
    assert small.speaker_of("The head of the fire department") != ["Ivo Lamm"]
    assert "fire" not in small.roles("Ivo Lamm")


def test_what_a_speaker_did_as_she_told_it_is_hers() -> None:
    small = SmallArticle("flood", FLOOD)
    assert small.speaker_of("She carried her two dogs") == ["Mira Oakes"]


def test_a_pronoun_after_another_person_or_another_account_is_not_the_speakers() -> None:
    small = SmallArticle("flood", FLOOD)
    # "said his neighbour Rita Gale had called …. She was taken …": Rita Gale, not him
    assert small.speaker_of("She was taken to a shelter") == []
    # a sentence of speech of its own stays what it was
    assert small.speaker_of("She said the council") == ["Cara Pim"]
    # "he" said of himself; "She" is someone else
    assert small.speaker_of("She left for the coast") == []


VOTE: list[tuple[int, str]] = [
    (1, "The Dunmere council approved a bus levy on Tuesday."),
    (
        2,
        "Mayor Ann Reed, who had campaigned on better buses, called the vote the best "
        "decision the council had made in years.",
    ),
    (3, "Tom Kell, who lives on Mill Road, called the police the next morning."),
    (4, "The old depot, which opened in 1931, called the town a crossing."),
]


def test_a_named_persons_verdict_past_a_relative_clause_is_speech() -> None:
    small = SmallArticle("vote", VOTE)
    assert small.speaker_of("Mayor Ann Reed, who") == ["Ann Reed"]


def test_a_telephone_call_or_a_things_call_past_a_clause_is_no_speech() -> None:
    small = SmallArticle("vote", VOTE)
    assert small.speaker_of("Tom Kell, who lives") == []
    assert small.speaker_of("The old depot") == []


HALL: list[tuple[int, str]] = [
    (1, "The ceiling of the Arlow sports hall came down on Monday."),
    (2, "Ann Lee, whose 13-year-old son was on the team, said the boys had just left."),
    (3, "She said the roof had leaked for weeks."),
    (4, "Tom Reyes, whose daughter was hurt, said the hall was unsafe."),
    (5, "Ida Moss, whose house stands next to the son of the mayor, said she heard a bang."),
]


def test_a_parent_past_the_kins_age_and_a_mother_by_her_pronoun() -> None:
    small = SmallArticle("hall", HALL)
    assert "parent" in small.roles("Ann Lee")
    assert small.who("what did the mom say") == ["Ann Lee"]


def test_a_parent_of_no_known_gender_or_no_kin_of_the_speaker_is_no_mother() -> None:
    small = SmallArticle("hall", HALL)
    assert "parent" in small.roles("Tom Reyes")
    assert small.who("what did the dad say") == []  # no "he" names him
    assert "parent" not in small.roles("Ida Moss")  # the son is the mayor's


BRIDGE: list[tuple[int, str]] = [
    (1, "Tolmere closed its footbridge on Monday."),
    (2, '"We close it and keep it closed," said Tolmere\'s public works director, Ida Vane.'),
    (3, '"Nobody was hurt," said the county\'s chief fire safety officer, Rob Hale.'),
    (4, "Sam Pryor was fined for crossing it."),
    (5, '"He will appeal," said Pryor\'s lawyer.'),
]


def test_a_post_with_its_owner_after_the_verb_names_the_speaker_after_it() -> None:
    small = SmallArticle("bridge", BRIDGE)
    assert small.speaker_of('"We close it') == ["Ida Vane"]
    assert small.speaker_of('"Nobody was hurt') == ["Rob Hale"]
    assert small.who("what did the public works director say") == ["Ida Vane"]


def test_an_owner_with_no_name_after_the_post_is_no_speaker_by_that_name() -> None:
    small = SmallArticle("bridge", BRIDGE)
    # his lawyer, no person named "Pryor's"
    assert small.speaker_of('"He will appeal') == ["Sam Pryor's lawyer"]


RECOUNT: list[tuple[int, str]] = [
    (1, "Elections supervisor Gerald Tamm said the recount would start on Monday."),
    (2, "The county will pay for the recount, which Tamm estimated would cost about $9,000."),
    (3, "The repairs, which the firm estimated would take a year, begin in May."),
    (4, "Tamm estimated the cost at $9,000 in March."),
]


def test_a_named_persons_estimate_in_a_clause_about_a_thing_is_theirs() -> None:
    small = SmallArticle("recount", RECOUNT)
    assert small.speaker_of("The county will pay") == ["Gerald Tamm"]


def test_an_estimate_of_a_body_or_with_no_clause_after_it_stays_unspoken() -> None:
    small = SmallArticle("recount", RECOUNT)
    assert small.speaker_of("The repairs, which the firm") == []
    assert small.speaker_of("Tamm estimated the cost") == []


BAY: list[tuple[int, str]] = [
    (1, "Containers washed up at Tern Bay on Sunday."),
    (2, "Marine scientists said the bigger worry was the plastic."),
    (2, "Dr. Ada Lunn, a marine ecologist at the Tern Institute, said pellets had been found."),
    (3, "Prosecutors said the ship's owner would be charged."),
    (3, "Defence lawyer Jo Ames said the owner had done nothing wrong."),
    (4, "Harbour pilots said the storm came early."),
    (4, "Fire Chief Rui Sousa said two crews were on the beach."),
]


def test_one_named_after_a_group_of_her_field_is_one_of_them_whatever_her_post() -> None:
    small = SmallArticle("bay", BAY)
    assert "scientist" in small.roles("Ada Lunn")
    assert "Ada Lunn" in small.who("what did the marine scientist say")


def test_one_with_a_post_of_another_field_after_a_group_is_none_of_them() -> None:
    small = SmallArticle("bay", BAY)
    assert "prosecutor" not in small.roles("Jo Ames")
    assert "pilot" not in small.roles("Rui Sousa")
