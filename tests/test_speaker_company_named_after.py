"""The closing ", the company said" names the business its report named before it
("… to the Bexley location of MedWay Pharmacy, the company confirmed"). A name after the
attribution is no speaker: "No other products are affected, the company said, including
its flagship Red Barn Lager" was said by "Red Barn Lager", and "…, the company said,
including its two stores near the Halvern State University campus" by the university; a
public body named in the report is no business either. "The resort said" is the one
resort the article names, as "the university said" is its one university.
"""

from __future__ import annotations

from speaker_helpers import SmallArticle

ROWS: list[tuple[int, str]] = [
    (1, "Hollin Creek Brewing Co. is recalling about 62,000 cans of its Sunpatch Hazy IPA."),
    (
        2,
        "No other products are affected, the company said, including its flagship Red Barn "
        "Lager and the draft beer served at its taproom.",
    ),
    (
        3,
        "Most of the cans went to stores near the Halvern State University campus, the company "
        "said.",
    ),
]
_ARTICLE = SmallArticle("recall", ROWS)


def test_a_name_after_the_attribution_is_no_speaker() -> None:
    assert _ARTICLE.speaker_of("No other products") == ["Hollin Creek Brewing Co"]
    assert _ARTICLE.who("what did hollin creek say") == ["Hollin Creek Brewing Co"]


def test_a_public_body_named_in_the_report_is_no_business() -> None:
    assert _ARTICLE.speaker_of("Most of the cans") == ["Hollin Creek Brewing Co"]


RESORT: list[tuple[int, str]] = [
    (1, "Grayback Mountain Resort will not open until Dec. 19, the resort announced Thursday."),
    (2, "The resort said in a statement that early passes carry a guarantee."),
    # a near miss: the company that owns the resort, described as one
    (3, "The resort was bought in 2021 by Gray Hollow Resorts, a Denver-based company."),
    (3, "In a written statement, the company said it would cover the refunds."),
]
_RESORT = SmallArticle("resort", RESORT)


def test_the_resort_is_the_one_resort_the_article_names() -> None:
    assert _RESORT.speaker_of("Grayback Mountain Resort will") == ["Grayback Mountain Resort"]
    assert _RESORT.speaker_of("The resort said") == ["Grayback Mountain Resort"]
    assert _RESORT.speaker_of("In a written statement") == ["Gray Hollow Resorts"]


VENDOR: list[tuple[int, str]] = [
    (
        1,
        "Harvest Basket, the regional grocery chain, will remove self-checkout lanes from 31 "
        "stores, the chain said Tuesday.",
    ),
    (2, "The machines will be sold back to the vendor, Checkpoint Retail Systems."),
    (3, "The company said it would post a full schedule on its website."),
    # a near miss: a business named last that spoke is still the one meant
    (4, "Greyfield Plastics, which supplies the bags, said it would cut prices."),
    (5, "The company said the cut would take effect in May."),
]
_VENDOR = SmallArticle("vendor", VENDOR)


def test_the_company_is_the_business_that_spoke_not_a_vendor_named_since() -> None:
    assert _VENDOR.speaker_of("The company said it would post") == ["Harvest Basket"]
    assert _VENDOR.speaker_of("The company said the cut") == ["Greyfield Plastics"]
