"""Speakers in patterns of wire copy the earlier rounds left, and members' words for
them: "the cop" for whoever polices (a sheriff, a deputy, a trooper, a police spokesman,
a rank in a sentence about the police), "the Sheriff's Office said" as a body, "the ref",
the owner of a business named right after its trade spoke, "who has ridden Route 9", a
description then a name before a colon and a quotation, "the latter" and "the former",
'"…," said one of the volunteers, Dan Frey', a person described by what they did whose
words a sentence about the deed also holds, and "maya okonjo's dad". Each class has a
near miss that must stay as it was.
"""

from __future__ import annotations

from speaker_helpers import SmallArticle

from index.question import parse_question
from index.speakers import SpeakerDirectory

# A wildfire: the people who police it, and posts that only sound like theirs.
POLICE: list[tuple[int, str]] = [
    (1, "Pell County Sheriff Dale Pruitt said deputies went door to door."),
    (2, "Deputy Amy Frost said the roads were clear."),
    (3, "Officer Sam Diaz said he found the car empty."),
    (
        4,
        "The state police cyber crimes unit is leading the investigation, according to "
        "Lieutenant Victor Amado, who heads the unit.",
    ),
    (5, "Chief Financial Officer Ruth Adeyemi said the county would pay."),
    (6, "Deputy Mayor Jo Lin said shelters were open."),
    (7, "Police said Capt. Lena Ortiz of the fire department had ordered the crews back."),
]
_POLICE = SmallArticle("police", POLICE)


def test_a_members_cop_meets_whoever_polices() -> None:
    cops = _POLICE.who("what did the cop say")
    assert set(cops) == {"Dale Pruitt", "Amy Frost", "Sam Diaz", "Victor Amado"}
    assert set(_POLICE.who("what did the cops say")) == set(cops)
    assert _POLICE.roles("Amy Frost") == {"deputy"}  # "Deputy" is her post, no name
    assert "police" in _POLICE.roles("Victor Amado")
    # near misses: an officer of finance, a deputy mayor, a fire captain
    assert "police" not in _POLICE.roles("Lena Ortiz")
    assert _POLICE.who("what did the deputy mayor say") == ["Jo Lin"]


# A body named by a title: no one holds its office.
OFFICES: list[tuple[int, str]] = [
    (1, "A spokesperson for the Pell County Sheriff's Office said two people were arrested."),
    (2, "Mayor Jo Lin's office said the mayor would visit."),
]
_OFFICES = SmallArticle("offices", OFFICES)


def test_an_office_named_by_a_title_is_a_body() -> None:
    assert _OFFICES.speaker_of("A spokesperson") == ["Pell County Sheriff's Office"]
    # near miss: a named person's office speaks for them
    assert _OFFICES.speaker_of("Mayor Jo Lin's office") == ["Jo Lin"]


# A robotics final: the head referee, asked for as "the ref".
REFEREE: list[tuple[int, str]] = [
    (1, "The head referee, Dana Whitcombe, said the call was reviewed twice."),
    (2, "Coach Tom Ruiz said the team would appeal."),
]
_REFEREE = SmallArticle("referee", REFEREE)


def test_the_ref_is_the_referee() -> None:
    assert _REFEREE.who("what did the ref say") == ["Dana Whitcombe"]
    assert _REFEREE.who("what did the coach say") == ["Tom Ruiz"]


# Rebates run dry: a trade speaks, then the owner of a business of it.
TRADES: list[tuple[int, str]] = [
    (1, "Installers said the sudden stop left them with signed contracts."),
    (1, "Gil Ferraro, who owns Ferraro Comfort Systems, said his company had 37 jobs booked."),
    (2, "Prosecutors said the driver was speeding."),
    (2, "Jo Ames, who owns a law firm and is a defence lawyer, said the brakes failed."),
    (3, "Few installers and prosecutors came."),
]
_TRADES = SmallArticle("trades", TRADES)


def test_the_owner_of_a_business_named_after_its_trade_spoke_is_of_the_trade() -> None:
    assert "installer" in _TRADES.roles("Gil Ferraro")
    assert "Gil Ferraro" in _TRADES.who("what did the installer say")
    # near miss: another post than the owner's
    assert "prosecutor" not in _TRADES.roles("Jo Ames")


# A bus network: a rider by the route she rides.
RIDERS: list[tuple[int, str]] = [
    (
        1,
        "Doreen Castellano, who has ridden Route 9 to her job for 14 years, told board "
        "members she did not know how she would get to work.",
    ),
    (2, "Marcus Obi, who leads the advocacy group Riders United, said the group was split."),
]
_RIDERS = SmallArticle("riders", RIDERS)


def test_who_has_ridden_a_route_is_a_rider() -> None:
    assert "rider" in _RIDERS.roles("Doreen Castellano")
    assert _RIDERS.who("what did the route 9 rider say") == ["Doreen Castellano"]
    # near miss: the group's leader is asked for as its leader
    assert _RIDERS.who("what did the riders united leader say") == ["Marcus Obi"]


# A flood: quotations introduced with a colon after a name and its description.
COLONS: list[tuple[int, str]] = [
    (1, 'The fire chief, Tom Kell, was more cautious: "We will see."'),
    (2, 'Ann Reed, the town clerk, was blunt: "Leave now."'),
    (3, 'Her neighbor, Lena Park, was less sure: "Maybe."'),
    (4, 'In Linnett, the mood was grim: "We lost everything."'),
    (5, 'Mayor Jo Lin, Tom Kell and Ann Reed signed the letter: "We ask for help."'),
]
_COLONS = SmallArticle("colons", COLONS)


def test_a_colon_after_a_name_set_off_by_its_description_introduces_their_quotation() -> None:
    assert _COLONS.speaker_of("The fire chief") == ["Tom Kell"]
    assert _COLONS.speaker_of("Ann Reed, the town clerk") == ["Ann Reed"]
    assert _COLONS.speaker_of("Her neighbor") == ["Lena Park"]
    # near misses: a place before the comma, a list of names
    assert _COLONS.speaker_of("In Linnett") == []
    assert _COLONS.speaker_of("Mayor Jo Lin, Tom Kell") == []


# A budget fight: "the latter" and "the former".
LATTER: list[tuple[int, str]] = [
    (1, "Mayor Ann Reed and Councilman Tom Kell clashed over the budget."),
    (1, "The latter said the plan was reckless."),
    (2, "The former said it was necessary."),
    (3, "The latter part of the plan was dropped."),
    (4, "Reed and Kell, the latter said, wanted a deal."),
]
_LATTER = SmallArticle("latter", LATTER)


def test_the_latter_and_the_former_are_the_last_and_first_named() -> None:
    assert _LATTER.speaker_of("The latter said") == ["Tom Kell"]
    assert _LATTER.speaker_of("The former said") == ["Ann Reed"]
    # near misses: "the latter" as an adjective, and a clause after a name
    assert _LATTER.speaker_of("The latter part") == []
    assert "latter" not in _LATTER.roles("Tom Kell")


# A flood shelter: speakers named after the verb by the group they belong to.
SHELTER: list[tuple[int, str]] = [
    (1, '"Nobody saw it coming," said Maria Lopez, 58.'),
    (2, '"The water rose in minutes," said one of the volunteers, Dan Frey.'),
    (3, '"We had no warning," said a man who gave only his first name, Joe.'),
    (4, '"It was fast," said the firefighter.'),
    (5, '"Nobody slept," said the fire was out by then.'),
]
_SHELTER = SmallArticle("shelter", SHELTER)


def test_one_of_a_group_or_an_unnamed_person_after_the_verb_is_no_earlier_speaker() -> None:
    assert _SHELTER.speaker_of('"The water rose') == ["Dan Frey"]
    assert "volunteer" in _SHELTER.roles("Dan Frey")
    assert "Maria Lopez" not in _SHELTER.speaker_of('"We had no warning')
    # near miss: a clause after "said" still names no one of its own
    assert "Dan Frey" not in _SHELTER.speaker_of('"Nobody slept')


def test_a_person_described_by_a_deed_a_sentence_about_the_deed_also_holds() -> None:
    """ "the woman who found the panda": the lede says the panda "was found", which names
    no one; the homeowner who found him speaks. So does "the Shoreline Drive homeowner"
    though "Several homeowners on Shoreline Drive have left". But "Linbrook's coach" is
    named where he stays silent, and "the bridge report" is a thing a sentence names."""
    directory = SpeakerDirectory()
    directory.add_article(
        "a",
        [(2, "Beatrice Lowry"), (3, "Beatrice Lowry"), (4, "Ann Fontaine")],
        [("Beatrice Lowry", ""), ("Ann Fontaine", "director")],
    )
    directory.add_article(
        "b", [(12, "Owen Castellane"), (14, "Carl Benning")], [("Carl Benning", "head coach")]
    )
    held = {
        "found": {0, 2},
        "panda": {0, 3, 4},
        "bridge": {0, 4},
        "report": {0, 2},
        "shoreline": {11, 12},
        "drive": {11, 12},
        "homeowner": {11},
        "linbrooks": {13},
        "coach": {13, 14},
    }

    def described(person: bool, *words: str) -> list[str]:
        found = directory.find_described(
            list(words), lambda _: True, lambda w: held.get(w, set()), person=person
        )
        return [name for _, name in found]

    assert described(True, "found", "panda") == ["Beatrice Lowry"]
    assert described(False, "shoreline", "drive", "homeowner") == ["Owen Castellane"]
    # near misses: no person asked for, the words name the thing itself or a silent one
    assert described(False, "bridge", "report") == []
    assert described(False, "linbrooks", "coach") == []


def test_a_word_one_edit_from_a_speech_verb_before_the_verb_is_the_speakers() -> None:
    assert parse_question("what did maya okonjo's dad say").speaker == ["maya", "okonjo", "dad"]
    assert parse_question("what did the dad say").speaker == ["dad"]
    # near miss: a typo of the verb itself is still the verb
    assert parse_question("what did the mayor sya about taxes").speaker == ["mayor"]


def test_a_question_looks_its_speaker_up_once() -> None:
    """ "what did <given name> <surname> say" is looked up for a namesake, then for the
    speaker's sentences: the same look-up (same words, same ``visible`` of the question)
    is read once; a new question's ``visible``, or an article added, looks up again."""
    directory = SpeakerDirectory()
    directory.add_article("a", [(0, "Ruth Amos"), (1, "Tom Amos")], [])
    asked: list[str] = []

    def visible(article: str) -> bool:
        asked.append(article)
        return True

    first = directory.find(["ruth", "amos"], visible)
    looked = len(asked)
    assert looked and directory.find(["ruth", "amos"], visible) == first
    assert len(asked) == looked
    # near misses: another question's visible, and a library that changed
    directory.find(["ruth", "amos"], lambda article: visible(article))
    assert len(asked) == 2 * looked
    directory.add_article("b", [(5, "Jo Amos")], [])
    directory.find(["ruth", "amos"], visible)
    assert len(asked) > 2 * looked


# A house fire: a couple of one surname, the husband named by his given name.
COUPLE: list[tuple[int, str]] = [
    (1, "Sara Ellis and her husband, Mark, said they would rebuild."),
    (2, '"We lost the kitchen," Mark Ellis said.'),
    (3, "Mayor Jo Lin and her deputy, Carl, said the town would help."),
]
_COUPLE = SmallArticle("couple", COUPLE)


def test_kin_named_by_a_given_name_shares_the_surname() -> None:
    assert _COUPLE.speaker_of("Sara Ellis") == ["Sara Ellis", "Mark Ellis"]
    assert "husband" in _COUPLE.roles("Mark Ellis")
    assert _COUPLE.who("what did mark ellis say") == ["Mark Ellis"]
    # near miss: a post, no family tie, gives no surname
    assert "Carl Lin" not in _COUPLE.speaker_of("Mayor Jo Lin")


# An emergency room: a nurse described, quoted as "the nurse", named a paragraph on.
NURSES: list[tuple[int, str]] = [
    (1, "A nurse who works in the emergency department said staff were exhausted."),
    (2, '"We are running on fumes," the nurse said.'),
    (3, "The nurse, Ann Reed, said she had worked four double shifts."),
    (4, "A paramedic who asked not to be named said the ambulances were late."),
    (5, "The county runs two ambulance stations."),
    (6, "The station chief added that crews were short."),
    (7, "The paramedic, Tom Kell, said he had waited an hour."),
]
_NURSES = SmallArticle("nurses", NURSES)


def test_a_description_that_speaks_again_waits_on_for_its_name() -> None:
    assert _NURSES.speaker_of("A nurse") == ["Ann Reed"]
    assert _NURSES.speaker_of('"We are running') == ["Ann Reed"]
    # near miss: a description silent since, paragraphs before the name, stays apart
    assert _NURSES.speaker_of("A paramedic") != ["Tom Kell"]


# A hospital hit by ransomware: a top post described by its owner, then its leader named.
HOSPITAL: list[tuple[int, str]] = [
    (1, "The hospital's chief executive said on Monday that no patient had been harmed."),
    (
        1,
        "Lydia Varga, who has led the 280-bed hospital since 2019, said the emergency "
        "department remained open.",
    ),
    (2, "The union's president said the nurses were tired."),
    (2, "Tom Kell, who has led the hospital's cardiology team since 2019, said the unit was full."),
    (
        3,
        "Fatima Oyelaran, policy director at the nonprofit Clean Heat Lakeshire, said the "
        "state should pay.",
    ),
    (
        4,
        "Raymond Tosh, director of the Harlan County Emergency Services Agency, said crews "
        "drove farther.",
    ),
]
_HOSPITAL = SmallArticle("hospital", HOSPITAL)


def test_a_top_post_of_a_body_is_the_one_named_next_as_leading_it() -> None:
    assert _HOSPITAL.speaker_of("The hospital's chief executive") == ["Lydia Varga"]
    assert _HOSPITAL.who("what did the hospital ceo say") == ["Lydia Varga"]
    # near miss: the leader of another body (a team) is no union's president
    assert _HOSPITAL.speaker_of("The union's president") != ["Tom Kell"]


def test_a_description_opening_with_a_posts_field_is_the_persons() -> None:
    assert _HOSPITAL.speaker_of("Fatima Oyelaran") == ["Fatima Oyelaran"]
    assert {"policy", "director", "clean", "heat"} <= _HOSPITAL.roles("Fatima Oyelaran")
    assert _HOSPITAL.who("what did the clean heat lady say") == ["Fatima Oyelaran"]
    # near miss: another director, asked by the initials of his agency's services
    assert _HOSPITAL.who("what did the ems director say") == ["Raymond Tosh"]
