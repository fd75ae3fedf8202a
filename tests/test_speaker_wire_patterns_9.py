"""Speakers in patterns of wire copy the earlier rounds left, and members' words for
them: "according to" a description and then the name ("according to the library's
director, Miriam Okonjo"), police or authorities placed by a town ("Police in Marlow
said"), what a person declines to name, "He recommended that …", "X, speaking on behalf
of the Y association,", a spokeswoman for a department the article names right before
(not a department it only describes), a body named in the possessive ("The Caddon Public
Library's systems"), and a person named right after a sentence about a plural group of
people ("The closure took many commuters by surprise. Theo Brannigan … said"). Each class
has a near miss that must stay as it was.
"""

from __future__ import annotations

from speaker_helpers import SmallArticle

# A description of the speaker after "according to", then the name.
ACCORDING: list[tuple[int, str]] = [
    (1, "The terminals would not start, according to the library's director, Miriam Okonjo."),
    (
        2,
        "The system would employ 6,800 people, according to St. Odile's chief executive, "
        "Deborah Kessing.",
    ),
    (3, "Ten people were hurt, according to Mayor Tom Kell."),
    (4, "Sales fell 4%, according to the report, which was released on Monday."),
]
_ACCORDING = SmallArticle("according", ACCORDING)


def test_according_to_a_description_then_a_name_is_the_named_person() -> None:
    assert _ACCORDING.speaker_of("The terminals") == ["Miriam Okonjo"]
    assert {"library", "director"} <= _ACCORDING.roles("Miriam Okonjo")
    assert _ACCORDING.speaker_of("The system") == ["Deborah Kessing"]
    assert _ACCORDING.who("what did the library director say") == ["Miriam Okonjo"]
    assert _ACCORDING.who("what did the st odile ceo say") == ["Deborah Kessing"]
    # near misses: a titled name after "according to", and a document, as before
    assert _ACCORDING.speaker_of("Ten people") == ["Tom Kell"]
    assert _ACCORDING.speaker_of("Sales fell") == []


# Police and authorities placed by the town they serve.
POLICE: list[tuple[int, str]] = [
    (1, "A man was arrested after a stabbing in Marlow on Tuesday."),
    (2, "Police in Marlow said the suspect was known to officers."),
    (3, "Authorities in Pell County said roadblocks were set up."),
    (4, "Officials in Dunmore said the road would reopen."),
]
_POLICE = SmallArticle("police", POLICE)


def test_police_in_a_place_are_the_police_not_the_place() -> None:
    assert _POLICE.speaker_of("Police in Marlow") == ["Marlow police"]
    assert _POLICE.who("what did police say") == ["Marlow police"]
    assert _POLICE.who("what did the marlow police say") == ["Marlow police"]
    assert _POLICE.speaker_of("Authorities in") == ["Pell County authorities"]
    assert _POLICE.who("what did authorities say") == ["Pell County authorities"]
    # near miss: a group of people placed by a town is read as before
    assert _POLICE.speaker_of("Officials in") == ["Officials in Dunmore"]


# What a person declines to tell, and a recommendation, as reported speech.
WITHHELD: list[tuple[int, str]] = [
    (1, "Lieutenant Victor Amado said the attackers used a stolen password."),
    (2, "Amado declined to name the contractor."),
    (3, "The company declined to name a new chief."),
    (4, "Tobin Marchetti, an adviser with the extension service, said the grapes would rot."),
    (4, "He recommended that growers photograph every damaged block."),
    (5, "The panel recommended a 5% raise, which voters must approve."),
    (6, "Voters declined to name a successor at the meeting."),
]
_WITHHELD = SmallArticle("withheld", WITHHELD)


def test_what_a_person_declines_to_name_or_recommends_is_theirs() -> None:
    assert _WITHHELD.speaker_of("Amado declined") == ["Victor Amado"]
    assert _WITHHELD.speaker_of("He recommended") == ["Tobin Marchetti"]
    # near misses: a body's refusal, a group's, and a recommendation with no clause
    assert _WITHHELD.speaker_of("The company declined") == []
    assert _WITHHELD.speaker_of("Voters declined") == []
    assert _WITHHELD.speaker_of("The panel") == []


# Someone who speaks on behalf of a body.
BEHALF: list[tuple[int, str]] = [
    (1, "Rents rose 20% this year."),
    (
        2,
        "Ruth Gale, speaking on behalf of the Elm Court Tenants Association, said rents "
        "were too high.",
    ),
    (3, "Tom Yee, speaking to reporters, said costs had risen."),
]
_BEHALF = SmallArticle("behalf", BEHALF)


def test_speaking_on_behalf_of_a_body_describes_the_speaker() -> None:
    assert {"tenants", "association"} <= _BEHALF.roles("Ruth Gale")
    assert _BEHALF.who("what did the tenants association say") == ["Ruth Gale"]
    # near miss: speaking to someone is no one's behalf
    assert "reporters" not in _BEHALF.roles("Tom Yee")


# A spokeswoman for "the department", right after the article names one, in an article
# where another department (described in lower case) spoke before.
DEPARTMENT: list[tuple[int, str]] = [
    (1, "Eleven people were treated, according to the county health department."),
    (2, "The state Department of Environmental Quality sent two inspectors to the plant."),
    (
        2,
        '"Our inspectors will look at the valve," said Maya Lindqvist, a spokeswoman for '
        "the department.",
    ),
]
_DEPARTMENT = SmallArticle("department", DEPARTMENT)


def test_a_spokeswoman_placed_at_a_named_department_is_not_the_described_ones() -> None:
    roles = _DEPARTMENT.roles("Maya Lindqvist")
    assert {"state", "environmental", "quality"} <= roles
    assert not {"county", "health"} & roles
    # near miss: with no department named, the described one is hers
    alone = SmallArticle("department-alone", [DEPARTMENT[0], DEPARTMENT[2]])
    assert {"county", "health"} <= alone.roles("Maya Lindqvist")


# A body named in the possessive, and another of its noun named later.
POSSESSIVE: list[tuple[int, str]] = [
    (1, "The Caddon Public Library's computer systems have been offline since Saturday."),
    (2, "The terminals would not start, according to the library's director, Miriam Okonjo."),
    (3, "A similar attack hit the Tollmere County Library last year."),
    (4, "Tom Reyes's family said he was recovering."),
]
_POSSESSIVE = SmallArticle("possessive", POSSESSIVE)


def test_a_body_named_in_the_possessive_is_the_body() -> None:
    names = {e.name for e in _POSSESSIVE.attributed().entities}
    assert "Caddon Public Library" in names
    roles = _POSSESSIVE.roles("Miriam Okonjo")
    assert "caddon" in roles
    assert "tollmere" not in roles
    # near miss: a person's family speaking keeps its owner's name
    assert _POSSESSIVE.speaker_of("Tom Reyes's") == ["Tom Reyes's family"]


# A person named right after a sentence about a group of people.
GROUP: list[tuple[int, str]] = [
    (1, "The closure took many commuters by surprise."),
    (
        1,
        "Theo Brannigan, who walks across the river each morning, said the detour would "
        "add 25 minutes.",
    ),
    (2, "The lake draws visitors all summer."),
    (2, "Marina owner Steve Haddad said he expected to lose half of his income."),
    (3, "Parents and teachers packed the meeting."),
    (3, "Ana Ruiz said the school should stay open."),
]
_GROUP = SmallArticle("group", GROUP)


def test_one_named_after_a_plural_group_is_one_of_them() -> None:
    assert "commuter" in _GROUP.roles("Theo Brannigan")
    assert _GROUP.who("what did the commuter say") == ["Theo Brannigan"]
    # near misses: one with a post of their own, and one after two groups
    assert "visitor" not in _GROUP.roles("Steve Haddad")
    assert not {"parent", "teacher"} & _GROUP.roles("Ana Ruiz")


# A long post written out after a name, past the ten words a description used to be
# read for.
LONG: list[tuple[int, str]] = [
    (
        1,
        '"We are not moving," said Tom Reed, the recently elected president of the Harbour '
        "City transit drivers' union.",
    ),
    (
        2,
        "Paul Dorn, a senior vice president for government relations at the state's largest "
        "electric utility, said rates would rise.",
    ),
    (
        3,
        "Ann Lee, a teacher, said the new timetable was confusing because buses now left "
        "the depot before the first school bell.",
    ),
]
_LONG = SmallArticle("long", LONG)


def test_a_long_post_after_a_name_keeps_its_body() -> None:
    assert {"transit", "drivers", "union"} <= _LONG.roles("Tom Reed")
    assert _LONG.who("what did the transit drivers union say") == ["Tom Reed"]
    assert "utility" in _LONG.roles("Paul Dorn")
    # near miss: a description still ends where the sentence's own words begin
    assert _LONG.roles("Ann Lee") == {"teacher"}


# A statement from an office, and an office, for the person who holds the post.
OFFICE: list[tuple[int, str]] = [
    (1, "Mayor Jane Holt toured the burned block on Monday."),
    (2, "A statement from the mayor's office said the city would pay for hotel rooms."),
    (3, "The mayor's office said crews would clear the debris by Friday."),
    (4, "A statement from the county said the road would reopen."),
]
_OFFICE = SmallArticle("office", OFFICE)


def test_a_statement_from_an_office_is_its_holders() -> None:
    assert _OFFICE.speaker_of("A statement from the mayor") == ["Jane Holt"]
    assert _OFFICE.speaker_of("The mayor's office") == ["Jane Holt"]
    # near miss: a statement from a place names no one
    assert _OFFICE.speaker_of("A statement from the county") == []


# A body's officer speaks by their post first and is named a paragraph later.
OFFICER_LATER: list[tuple[int, str]] = [
    (1, "The Lanscombe Valley Nurses Association represents 1,900 nurses."),
    (1, "Its president said members were worried about staffing."),
    (2, '"We want it in writing," said the union president, Carla Mendes.'),
    (3, "Its founder, who retired in 2019, said nothing about the merger."),
]
_OFFICER_LATER = SmallArticle("officer-later", OFFICER_LATER)


def test_its_president_is_the_president_named_next() -> None:
    assert _OFFICER_LATER.speaker_of("Its president") == ["Carla Mendes"]
    assert _OFFICER_LATER.who("what did the nurses union president say") == ["Carla Mendes"]
    # near misses: one who said nothing is no speaker, and a person's lawyer is never
    # the person named next
    assert _OFFICER_LATER.speaker_of("Its founder") == []
    lawyer = SmallArticle(
        "his-lawyer",
        [
            (1, "Tom Baker was charged with fraud on Monday."),
            (2, "His lawyer said Baker would plead not guilty."),
            (3, "Baker told reporters he had done nothing wrong."),
        ],
    )
    assert lawyer.speaker_of("His lawyer") == ["Tom Baker's lawyer"]


# Where someone is from, and a cleric's abbreviated title.
FROM: list[tuple[int, str]] = [
    (1, '"It was terrifying," said Ann Cole, 34, of Springfield.'),
    (2, "Bob Vance, of the tenants' committee, said he saw smoke."),
    (3, "The Rev. John Smith said the church would open its doors."),
]
_FROM = SmallArticle("from", FROM)


def test_where_a_speaker_is_from_and_the_reverend() -> None:
    assert {"34-year-old", "springfield"} <= _FROM.roles("Ann Cole")
    assert _FROM.who("what did the springfield woman say") == ["Ann Cole"]
    assert _FROM.speaker_of("The Rev.") == ["John Smith"]
    assert _FROM.who("what did the reverend say") == ["John Smith"]
    # near miss: "of" a body in lower case is no place's name
    assert "committee" not in _FROM.roles("Bob Vance")


# A body that voices concerns speaks, and the officer of it is asked for by its words.
CONCERNS: list[tuple[int, str]] = [
    (1, "The drivers' union has also raised concerns."),
    (1, "Leon Fairweather, president of Amalgamated Transit Local 1142, said shifts were long."),
    (2, "The redesign raised fares for most riders."),
]
_CONCERNS = SmallArticle("concerns", CONCERNS)


def test_raising_concerns_is_speech() -> None:
    assert _CONCERNS.speaker_of("The drivers' union") == ["drivers' union"]
    assert "Leon Fairweather" in _CONCERNS.who("what did the bus drivers union say")
    # near miss: raising fares voices nothing
    assert _CONCERNS.speaker_of("The redesign") == []


# A verdict on something with "called", without quotation marks.
VERDICT: list[tuple[int, str]] = [
    (1, "Rosa Ilunga, the festival's director, said the permit never came."),
    (1, "She called the forecast the final blow to a festival already in trouble."),
    # (not "said he smelled smoke": what he did next, as he told it, would be his account)
    (2, "Dan Frey, who lives nearby, said the smoke was thick."),
    (2, "He called the fire department the next morning."),
    (3, "Mae Lutz said the shop had flooded twice."),
    (3, "She called it a disaster for the street."),
]
_VERDICT = SmallArticle("verdict", VERDICT)


def test_calling_something_a_name_is_a_verdict_spoken() -> None:
    assert _VERDICT.speaker_of("She called the forecast") == ["Rosa Ilunga"]
    assert _VERDICT.speaker_of("She called it") == ["Mae Lutz"]
    # near miss: a telephone call the next morning says nothing
    assert _VERDICT.speaker_of("He called the fire") == []


# A person described by whose kin they are.
WHOSE: list[tuple[int, str]] = [
    (1, "Lena Ortiz, whose husband is trapped in the mine, said she was praying."),
    (2, "Raymond Tully, whose daughter is a sophomore, said the fees were too high."),
    (3, "Dana Cole, whose house flooded, said she would rebuild."),
]
_WHOSE = SmallArticle("whose", WHOSE)


def test_whose_kin_makes_the_speaker_their_kin() -> None:
    assert "wife" in _WHOSE.roles("Lena Ortiz")
    assert _WHOSE.who("what did the wife say") == ["Lena Ortiz"]
    assert "parent" in _WHOSE.roles("Raymond Tully")
    # near miss: whose house is no tie to anyone
    assert _WHOSE.roles("Dana Cole") == set()
