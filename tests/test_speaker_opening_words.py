"""A day or a month right before the verb of speech is when, never who: "… keep smoke
over Ridgevale through at least Saturday, said Martin Ekwueme, a meteorologist" (l8) and
"… fill seats from October through April, said Lorna Whitfield" (l13) were said by
"Saturday" and "April", and so was the "He said" after them; "officials in four towns on
Tuesday announced" (l22) by "Tuesday". Eleven sentences of the training articles were.
And the "But" a sentence opens with is no part of the name after it: "But Heather
Lindgren said" (l39) was said by "But Heather Lindgren", a speaker apart from her.
"""

from __future__ import annotations

from speaker_helpers import SmallArticle

SMOKE: list[tuple[int, str]] = [
    (1, "Smoke from the Copperlake Fire covered the valley on Monday."),
    (
        2,
        "Winds from the north are expected to keep smoke over Ridgevale through at least "
        "Saturday, said Martin Ekwueme, a meteorologist with the weather service.",
    ),
    (3, "He said a shift to westerly winds on Sunday could bring some relief."),
    (
        4,
        "Restaurants depend on patios from October through April, said Lorna Whitfield, "
        "director of the Fenwick Restaurant Association.",
    ),
    (5, "Officials in four river towns on Tuesday announced a safety campaign."),
    # near miss: a date inside the sentence, the speaker named before the verb
    (6, "The board met in May, Mayor Ann Cole said."),
    (7, "Parent Heather Lindgren said the school would draw families away."),
    (8, "But Heather Lindgren said the board had not listened."),
    (9, "But Marisol Ortega, who owns the Copper Kettle cafe, said her customers complain."),
]
_SMOKE = SmallArticle("smoke", SMOKE)


def test_a_day_or_a_month_before_the_verb_is_no_speaker() -> None:
    assert _SMOKE.speaker_of("Winds from the north") == ["Martin Ekwueme"]
    assert _SMOKE.speaker_of("He said a shift") == ["Martin Ekwueme"]
    assert _SMOKE.speaker_of("Restaurants depend") == ["Lorna Whitfield"]
    assert _SMOKE.speaker_of("Officials in four river towns") != ["Tuesday"]
    names = {e.name for e in _SMOKE.attributed().entities}
    assert not names & {"Saturday", "April", "Tuesday"}
    assert _SMOKE.who("what did the meteorologist say") == ["Martin Ekwueme"]
    assert _SMOKE.speaker_of("The board met in May") == ["Ann Cole"]


def test_the_but_a_sentence_opens_with_is_no_part_of_a_name() -> None:
    assert _SMOKE.speaker_of("But Heather Lindgren") == ["Heather Lindgren"]
    assert _SMOKE.who("what did heather lindgren say") == ["Heather Lindgren"]
    # what the sentence says of her is hers too
    assert {"cafe", "owner"} <= _SMOKE.roles("Marisol Ortega")
    assert _SMOKE.who("what did the cafe owner say") == ["Marisol Ortega"]
