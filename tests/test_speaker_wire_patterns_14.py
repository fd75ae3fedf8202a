"""Everyday news patterns that gave a person no role (index/attribution.py,
index/roles.py): a description news writes as a title at a sentence's opening ("Senior
quarterback Jalen Brooks said", "Meteorite dealer Paul Granger, who …, said") is the
person's, as "Longtime resident Florence Dunn" already was; and readers' clipped words
for a team's post and a party meet the article's ("the qb", "the dem chair", "the gop
chairman"), as does "the pastor" for a reverend, also when the titled name goes on with
where he serves ("the Rev. Samuel Odum of First Baptist Church, said"). Near misses: an opening that names a
time ("Last week Jo Park said") gives no role.

A chief titled by a field alone ("Fire Chief Vernon Haskell") is the chief of the one
body of that field the article names ("the Ridgeport Fire Department").
"X has not said whether …" is silence, for a person as for a body ("did not say
whether" stays an answer).
"…, the company said" after naming a business is the business's.
A body named "X of Y" speaks again by its noun ("the chamber", "the department").
A post held at the place a sentence opens with is held there: "At Pruitt & Sons Hardware,
owner Lyle Pruitt, …, said" is the hardware store's owner (the store had been given his
post and name as a description of its own).
"""

from __future__ import annotations

from speaker_helpers import SmallArticle

COACH: list[tuple[int, str]] = [
    (1, "The Westfield school district fired its head football coach on Monday."),
    (2, "Senior quarterback Jalen Brooks said the team learned of the decision after school."),
    (3, "Meteorite dealer Paul Granger, who runs a shop in Arizona, said prices would rise."),
    (4, "Last week Jo Park said the district had no comment."),
]
_COACH = SmallArticle("coach", COACH)

RECOUNT: list[tuple[int, str]] = [
    (1, "The recount in the sheriff's race ended Friday with Ostrowski still ahead."),
    (2, "The county Democratic chair, Loretta Simms, said the recount showed the system worked."),
    (3, "The county Republican Party chairman, Dean Whitaker, said he had no complaints."),
    (
        4,
        "The coalition's organizer, the Rev. Samuel Odum of First Baptist Church of "
        "Tamarack, said the city would be trading long-term problems for short-term money.",
    ),
]
_RECOUNT = SmallArticle("recount", RECOUNT)

BREAK: list[tuple[int, str]] = [
    (1, "A water main broke downtown on Tuesday."),
    (1, "Utility director Sam Pruitt said the pipe was installed in 1931."),
    (2, "Several businesses closed for the day at noon."),
    (
        2,
        "At Pruitt & Sons Hardware, owner Lyle Pruitt, who is no relation to the utility "
        "director, said he sold out of bottled water before noon.",
    ),
    (3, "At the Red Kettle Diner, owner Bernadette Sousa said she closed at 9 a.m."),
]
_BREAK = SmallArticle("break", BREAK)


def test_a_description_written_as_a_title_at_the_opening_is_the_persons() -> None:
    assert _COACH.roles("Jalen Brooks") >= {"senior", "quarterback"}
    assert {"meteorite", "dealer"} <= _COACH.roles("Paul Granger")
    assert _COACH.who("what did the quarterback say") == ["Jalen Brooks"]
    assert _COACH.who("what did the meteorite dealer say") == ["Paul Granger"]


def test_an_opening_naming_a_time_is_no_title() -> None:
    assert not _COACH.roles("Jo Park") & {"last", "week"}


def test_a_post_held_at_the_place_a_sentence_opens_with() -> None:
    """ "At Pruitt & Sons Hardware, owner Lyle Pruitt, …, said": he is the hardware
    store's owner, and the store holds no words of his."""
    assert {"hardware", "owner"} <= _BREAK.roles("Lyle Pruitt")
    assert not _BREAK.roles("Pruitt Sons Hardware") & {"owner", "lyle"}
    assert _BREAK.who("what did the hardware store owner say") == ["Lyle Pruitt"]
    assert _BREAK.who("what did the diner owner say") == ["Bernadette Sousa"]
    # near miss: the utility director's post is his own, at no place
    assert "hardware" not in _BREAK.roles("Sam Pruitt")


def test_readers_clipped_words_for_a_team_post_a_party_and_a_reverend() -> None:
    assert _COACH.who("what did the qb say") == ["Jalen Brooks"]
    assert _RECOUNT.who("what did the dem party chair say")[:1] == ["Loretta Simms"]
    assert _RECOUNT.who("what did the gop chairman say") == ["Dean Whitaker"]
    assert _RECOUNT.who("what did the pastor say") == ["Samuel Odum"]
    assert _RECOUNT.speaker_of("The coalition's organizer") == ["Samuel Odum"]
    assert {"coalition", "organizer", "baptist", "church"} <= _RECOUNT.roles("Samuel Odum")


# Bodies named "X of Y", met again by their noun.
HEARING: list[tuple[int, str]] = [
    (1, "The airport wants to extend its main runway by 1,800 feet."),
    (2, "The Wexley Chamber of Commerce also backed the project."),
    (
        2,
        "In a statement read aloud at the hearing, the chamber said a longer runway would "
        "bring freight jobs.",
    ),
    (3, "The Orrin County Department of Health also reviewed the plan."),
    (3, "The department said noise would not harm residents' health."),
]
_HEARING = SmallArticle("hearing", HEARING)


def test_a_body_named_x_of_y_speaks_again_by_its_noun() -> None:
    """ "the chamber" is the Wexley Chamber of Commerce (a chamber is a body), and "the
    department" the County Department of Health, whose name's field ("of Health") is no
    post that would make it a person."""
    assert _HEARING.speaker_of("In a statement read aloud") == ["Wexley Chamber of Commerce"]
    assert _HEARING.speaker_of("The department said") == ["Orrin County Department of Health"]


# A chief titled by a field alone, in an article naming that field's one body.
FIRE: list[tuple[int, str]] = [
    (1, "A fire destroyed the Brennan Plastics plant on Tuesday."),
    (2, "Fire Chief Vernon Haskell said crews arrived within six minutes."),
    (3, "The Ridgeport Fire Department's own investigation ruled the fire accidental."),
    (4, "State Fire Marshal Ann Lee said the exits had been blocked."),
]
_FIRE = SmallArticle("fire", FIRE)
TWO_FIRES: list[tuple[int, str]] = [
    (1, "Fire Chief Vernon Haskell said crews arrived within six minutes."),
    (2, "The Ridgeport Fire Department and the Elm Falls Fire Department sent trucks."),
]
_TWO_FIRES = SmallArticle("two fires", TWO_FIRES)


def test_a_chief_titled_by_a_field_is_the_chief_of_its_one_body() -> None:
    """ "Fire Chief Vernon Haskell" in an article naming the Ridgeport Fire Department is
    the Ridgeport fire chief; a name is a word the member's question must match."""
    assert "ridgeport" in _FIRE.roles("Vernon Haskell")
    assert _FIRE.who("what did the ridgeport fire chief say", names_required=True) == [
        "Vernon Haskell"
    ]
    # near misses: a post placed elsewhere ("State"), and two bodies of the field
    assert "ridgeport" not in _FIRE.roles("Ann Lee")
    assert "ridgeport" not in _TWO_FIRES.roles("Vernon Haskell")


# What a person has not said.
UNSAID: list[tuple[int, str]] = [
    (1, "The recount ended Friday with Ostrowski ahead."),
    (
        2,
        "Chief Deputy Carl Jennings, who has served under Tibbs since 2016, has not said "
        "whether he will stay on under the new sheriff.",
    ),
    (3, "Ann Lee has not said how many deputies would leave."),
    (4, "Bo Park did not say whether the office would close."),
]
_UNSAID = SmallArticle("unsaid", UNSAID)


def test_a_question_a_person_has_not_answered_is_silence() -> None:
    """ "X has not said whether …" is no words of X's, for a person as for a body ("The
    hospital has not said how much …"): "what did chief deputy carl jennings say" has
    no answer. Near miss: "did not say whether" is how X answered when X spoke (the
    writers' "what did X say about Y" is answered by it)."""
    assert _UNSAID.speaker_of("Chief Deputy Carl Jennings") == []
    assert _UNSAID.speaker_of("Ann Lee has not said") == []
    assert _UNSAID.speaker_of("Bo Park did not say") == ["Bo Park"]


# A business a sentence names, then speaking as "the company".
CLOSING: list[tuple[int, str]] = [
    (1, "Pruitt Family Pharmacy, the only drugstore in Harlow, will close on June 30."),
    (
        2,
        "The store's patient records will be transferred to the Bexley location of MedWay "
        "Pharmacy, the company confirmed in a written statement.",
    ),
    (
        2,
        '"We are committed to making this transition as smooth as possible," the statement said.',
    ),
    (3, "CADDOCK COUNTY — Brightwell Pharmacy will close 11 stores, the company announced."),
    (4, "The warehouse in Caddock County will stay open, the company said."),
    (5, "Shoppers can take their prescriptions to Ann Lee's store, the company said."),
    (6, "Two miners died at Copperline Mining's Dunlow Ridge copper mine, the company said."),
]
_CLOSING = SmallArticle("closing", CLOSING)


def test_the_company_is_the_business_its_sentence_names() -> None:
    """ "…, the company confirmed" after naming MedWay Pharmacy is MedWay's, and so is
    "the statement" it confirmed in; likewise Brightwell Pharmacy past a dateline in
    capitals. Near misses: a place ("Caddock County"), a person ("Ann Lee") and a name
    holding a company's in the possessive ("Copperline Mining's Dunlow Ridge") are no
    company."""
    assert _CLOSING.speaker_of("The store's patient records") == ["MedWay Pharmacy"]
    assert _CLOSING.speaker_of('"We are committed') == ["MedWay Pharmacy"]
    assert _CLOSING.speaker_of("CADDOCK COUNTY") == ["Brightwell Pharmacy"]
    assert "Caddock County" not in _CLOSING.speaker_of("The warehouse in Caddock County")
    assert "Ann Lee" not in _CLOSING.speaker_of("Shoppers can take")
    # nor a name holding another's in the possessive (the mine, not its company)
    assert "Copperline Mining's Dunlow Ridge" not in _CLOSING.speaker_of("Two miners died")
