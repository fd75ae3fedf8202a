"""Whom "she said" means after a sentence without speech introduces someone beside the
last speaker: "Pete Lindahl … said he worried. His wife and business partner, Karen
Lindahl, was more hopeful. “…,” she said." (a training writer's article, l27: the quote
went to Pete, and "what did Karen Lindahl say" was declined as asking for someone no one
quotes). The pronoun tells the two apart: a speaker's own "said he", or "his" of the
person introduced, makes the speaker "he", so "she" means the one introduced, while
"he" still means the speaker. And a club, union or team the article names only by its
kind ("the Bobcats' booster club, which …, said", l37) speaks: it was no one, and "what
did the booster club say" was declined; and "Owner Dennis Pratt said" right after
"Harmony Music, a shop on Front Street, said" is the shop's owner ("what did the music
shop owner say", l36). Each class has a near miss that must stay as it was.
"""

from __future__ import annotations

from speaker_helpers import SmallArticle

# A bait shop owner, then his wife by name: the next "she" is hers.
SHOP: list[tuple[int, str]] = [
    (1, "Pete Lindahl, who owns a bait shop near the park, said the fee was too high."),
    (1, "His wife and business partner, Karen Lindahl, was more hopeful."),
    (1, '"If they fix the boat ramp, we\'ll get more fishermen, not fewer," she said.'),
    (1, '"Right now half of them give up and go home."'),
    (2, "Tom Baker, who runs the hardware store, said sales were down."),
    (2, "His daughter, Mary Baker, 7, was at school when the storm hit."),
    (2, '"I was scared for her," he said.'),
    (3, "Ann Boyd, who owns the florist, said the fee was fair."),
    (3, "Her daughter, Ruth Boyd, 9, was at school."),
    (3, '"I was scared for her," she said.'),
]
_SHOP = SmallArticle("shop", SHOP)


def test_his_someone_by_name_is_whom_the_next_she_means() -> None:
    assert _SHOP.speaker_of('"If they fix') == ["Karen Lindahl"]
    assert _SHOP.speaker_of('"Right now half') == ["Karen Lindahl"]
    # the sentence introducing her is about her, not his account
    assert _SHOP.speaker_of("His wife and business partner") == []
    assert _SHOP.who("what did karen lindahl say") == ["Karen Lindahl"]
    # near misses: the speaker's own pronoun still means the speaker
    assert _SHOP.speaker_of('"I was scared for her," he said.') == ["Tom Baker"]
    assert _SHOP.speaker_of('"I was scared for her," she said.') == ["Ann Boyd"]


# A speaker who told of himself by "he", then a diner owner introduced mid-paragraph.
STREET: list[tuple[int, str]] = [
    (1, "Tom Baker, who owns a shop, said he thought the fee was too high."),
    (1, "The owner of the diner next door, Karen Ruiz, was more hopeful."),
    (1, '"We will be fine," she said.'),
    (2, "Commissioner Beverly Tran said she would ask to extend the deadline."),
    (3, "Commissioner Ray Dunleavy said he supported the idea."),
    (3, "He said he expected a vote at the March 3 meeting."),
    (4, "Detective Ann Boyd said the call came at 2 a.m."),
    (4, "The victim, Mary Jones, 34, was found in the kitchen."),
    (4, "She said no arrests had been made."),
]
_STREET = SmallArticle("street", STREET)


def test_a_speakers_own_said_he_tells_the_next_she_apart() -> None:
    assert _STREET.speaker_of('"We will be fine,"') == ["Karen Ruiz"]
    assert _STREET.speaker_of("He said he expected") == ["Ray Dunleavy"]
    # near miss: someone described in the middle of a speaker's paragraph is not whom a
    # "she" of the speaker's own gender means
    assert _STREET.speaker_of("She said no arrests") == ["Ann Boyd"]


# A team moving away: its fans' club is named only by what it is.
TEAM: list[tuple[int, str]] = [
    (1, "The Brantford Bobcats will move to Kestrel Falls next season."),
    (
        2,
        "The Bobcats' booster club, which raises money for youth hockey programs, said in a "
        "statement that it would keep operating under a new name.",
    ),
    (3, "Skyline Air will end its Brantford flights in May."),
    (3, "The regional carrier said the route was no longer profitable."),
    (4, "The union said nothing."),
]
_TEAM = SmallArticle("team", TEAM)


def test_a_club_named_only_by_its_kind_speaks() -> None:
    assert _TEAM.speaker_of("The Bobcats' booster club") == ["Bobcats' booster club"]
    assert _TEAM.who("what did the booster club say") == ["Bobcats' booster club"]
    # near misses: a business described by its kind is most often one the article
    # named, never a body of its own; "the union" alone says too little
    assert _TEAM.speaker_of("The regional carrier") != ["regional carrier"]
    assert _TEAM.speaker_of("The union said") == []


# A shop speaks, then its owner by a bare post.
SHOP_OWNER: list[tuple[int, str]] = [
    (1, "Several local businesses have already offered help."),
    (
        1,
        "Harmony Music, a shop on Front Street, said it would donate 10 percent of its April "
        "sales to the orchestra.",
    ),
    (1, "Owner Dennis Pratt said his two sons had played in the orchestra."),
    (2, "The city said the concert would go ahead."),
    (3, "Owner Lena Hoyt said the hall was booked."),
]
_SHOP_OWNER = SmallArticle("shop owner", SHOP_OWNER)


def test_a_bare_owner_after_a_business_spoke_is_its_owner() -> None:
    assert {"harmony", "music", "shop"} <= _SHOP_OWNER.roles("Dennis Pratt")
    assert _SHOP_OWNER.who("what did the music shop owner say") == ["Dennis Pratt"]
    # near miss: the owner after a paragraph break owns nothing the city is
    assert "city" not in _SHOP_OWNER.roles("Lena Hoyt")
