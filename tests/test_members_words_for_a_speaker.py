""" "What did X say" when no speaker is found by X and the closest article never writes one
of X's words (index/answering.py ``_unnamed_speaker``): the question is declined, since an
article that never mentions X cannot say what X said. A member's word for one of the
article's speakers is the article's all the same (``_named_by_the_speakers``): one the
speaker directory gives a speaker ("mom" for "a mother of three"), or one as close in
meaning to a word of a speaker's introduction. A body the article never names ("the FBI"
in a story with a police sergeant) is still declined."""

from __future__ import annotations

from pathlib import Path

from semantic_library import library_of

from index.models import Document

FOOD_BANK = Document(
    text=(
        "RIVERTON — A food bank ran out of boxes on Saturday morning and turned away about "
        "90 cars, its director said.\n\n"
        "One of those turned away was Delphine Achterberg, a home health aide and mother of "
        'three. "I waited two hours in that line and drove home with nothing," Achterberg '
        "said.\n\n"
        "Riverton police Sgt. Dale Okafor said officers directed traffic on Mill Road for "
        "most of the morning.\n\n"
        "The food bank's director, Paul Brandt, said it would double its order of boxes for "
        "next Saturday."
    ),
    source="food.txt",
    title="Riverton food bank runs out of boxes",
)


async def test_a_members_word_for_a_speaker_of_the_article_is_not_declined(
    tmp_path: Path,
) -> None:
    lib = await library_of(tmp_path, [FOOD_BANK], True)
    try:
        answer = await lib.ask("what did the mom who got turned away say")
        assert answer.declined_by is None
        assert "Delphine Achterberg" in answer.quotes[0].text
    finally:
        await lib.close()


async def test_a_body_the_article_never_names_is_still_declined(tmp_path: Path) -> None:
    lib = await library_of(tmp_path, [FOOD_BANK], True)
    try:
        answer = await lib.ask("what did the fbi say about the food bank")
        assert answer.declined_by == "unnamed-speaker"
        assert not answer.quotes
        assert "fbi" in (answer.note or "")
    finally:
        await lib.close()


async def test_without_the_model_only_the_directorys_own_words_count(tmp_path: Path) -> None:
    # lexical ranking: no meanings, but "mom" is one of the words the directory gives
    # the mother of three
    lib = await library_of(tmp_path, [FOOD_BANK], None)
    try:
        answer = await lib.ask("what did the mom who got turned away say")
        assert answer.declined_by != "unnamed-speaker"
        answer = await lib.ask("what did the fbi say about the food bank")
        assert answer.declined_by == "unnamed-speaker"
    finally:
        await lib.close()
