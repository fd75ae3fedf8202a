from __future__ import annotations

import sqlite3
import time
from pathlib import Path

import pytest

from index.attribution import attribute
from index.ingest import parse_bytes, read_path
from index.pipeline import process

DATA = Path(__file__).parent / "data"


def speakers_of(texts: list[str]) -> list[list[str]]:
    return attribute(texts, [1] * len(texts)).speakers


def test_sample_speakers(sample_path: Path) -> None:
    processed = process(read_path(sample_path))
    by_text = {s.text[:40]: s.speaker for s in processed.sentences}
    assert by_text["Kremlin spokesperson Dmitry Peskov refus"] == "Dmitry Peskov"
    assert by_text["He said that the next steps would be to "] == "Dmitry Peskov"
    assert by_text["Peskov said it was possible that Preside"] == "Dmitry Peskov"
    assert by_text["The source said that and other requests "] == "A Ukrainian source"
    assert "Sergei Lavrov" in by_text["“(Lavrov) confirmed Moscow's desire to c"]
    assert by_text["Moscow has shown little inclination to m"] is None
    roles = {e.name: e.roles for e in processed.entities}
    assert {"kremlin", "spokesperson"} <= roles["Dmitry Peskov"]
    assert {"russian", "foreign", "minister"} <= roles["Sergei Lavrov"]


def test_inverted_appositive_and_relative_clause_subjects() -> None:
    texts = [
        "“We will not pay,” said Maria Lopez.",
        "A spokesman for the port, Jan de Wit, said the cranes were idle.",
        "Council member Tom Becker, who voted against it, warned that costs would rise.",
        "The plan is late, according to Auditor General Sam Reed.",
    ]
    assert speakers_of(texts) == [["Maria Lopez"], ["Jan de Wit"], ["Tom Becker"], ["Sam Reed"]]


def test_pronouns_and_quotes_carry_over_to_the_last_speaker() -> None:
    texts = [
        "Anna Berg said the strike would end.",
        "“We have an agreement.",
        "Nobody objected.",
        "She added that pay would rise.",
    ]
    assert speakers_of(texts) == [["Anna Berg"], ["Anna Berg"], [], ["Anna Berg"]]


def test_verbs_that_are_not_speech_do_not_attribute() -> None:
    texts = ["The United States proposed a plan.", "The agency would add two ferry routes."]
    assert speakers_of(texts) == [[], []]


def test_second_article_speakers() -> None:
    processed = process(read_path(DATA / "2024-09-12-harbor-bridge-vote.md"))
    speakers = [s.speaker for s in processed.sentences]
    assert speakers.count("Ana Ruiz") == 3
    assert speakers.count("Tom Becker") == 3
    assert speakers.count("Priya Natarajan") == 2


# --- hostile text (security issue: quadratic and recursive attribution) -----------------


def cpu_seconds(fn, *args) -> float:
    """Process CPU time of one call (other work on a shared machine does not count)."""
    start = time.process_time()
    fn(*args)
    return time.process_time() - start


def test_long_capitalised_run_before_said_is_linear() -> None:
    """320 KB of title words before "said": the old role split rescanned the run for each
    word (quadratic)."""
    text = "Minister " * 35_000 + "Smith said the talks would go on."
    assert len(text) > 300_000
    assert cpu_seconds(speakers_of, [text]) < 1.0
    assert speakers_of([text]) == [["Smith"]]
    article = "The " * 35_000 + "Smith said the talks would go on."
    assert cpu_seconds(speakers_of, [article]) < 1.0


@pytest.mark.parametrize(
    "text",
    [
        "Italy, " * 3_000 + "said it.",  # "Italy" is skipped as an adverb ("-ly")
        "He" + ", " * 3_000 + "said it.",
        "x, said, " * 10_000 + "it.",  # every verb used to rescan all the commas before it
    ],
)
def test_thousands_of_commas_neither_recurse_nor_rescan(text: str) -> None:
    assert cpu_seconds(speakers_of, [text]) < 1.0


def test_a_sentence_with_a_long_list_can_be_added() -> None:
    """A legitimate list of 3,000 places raised RecursionError: "Sicily" and "Italy" end
    like adverbs ("-ly") and are skipped, so each comma recursed once more."""
    places = ", ".join(["Italy", "Sicily"] * 1_500)
    texts = [f"Mayor Anna Berg, who toured {places}, said the trip went well.", "She said so."]
    assert len(speakers_of(texts)) == 2
    article = " ".join(["Tom Becker said the council met.", *texts])
    processed = process(parse_bytes(article.encode(), source="a.txt", filename="a.txt"))
    assert processed.sentences[0].speaker == "Tom Becker"


def test_subject_is_found_across_apposition_and_relative_clause_within_the_window() -> None:
    clause = "who voted against the plan to build " + "a bridge and " * 10
    texts = [f"Tom Becker, {clause}, warned that costs would rise."]
    assert speakers_of(texts) == [["Tom Becker"]]


def test_a_huge_token_is_no_name_and_is_not_copied_to_every_sentence() -> None:
    texts = ["A" * 100_000 + " said it.", *["He said so."] * 1_000]
    result = attribute(texts, [1] * len(texts))
    assert all(not names for names in result.speakers)
    assert all(len(e.name) <= 200 for e in result.entities)


def test_many_distinct_speakers_in_one_paragraph() -> None:
    """Each "the minister said" used to scan every speaker seen so far in the paragraph."""
    names = [f"Bav{i} Cav{i}" for i in range(10_000)]
    texts = [t for n in names for t in (f"Minister {n} said x.", "The minister said y.")]
    assert cpu_seconds(attribute, texts, [1] * len(texts)) < 1.5  # quadratic: 10x that
    result = attribute(texts[:4], [1] * 4)
    assert result.speakers == [["Bav0 Cav0"], ["Bav0 Cav0"], ["Bav1 Cav1"], ["Bav1 Cav1"]]


async def test_stored_speakers_are_reread_when_attribution_changed(tmp_path: Path) -> None:
    """A library stored by older attribution names its speakers as attribution now does."""
    from index.attribution import ATTRIBUTION_VERSION
    from index.library import Library

    article = tmp_path / "port.txt"
    article.write_text("Chief Financial Officer Jo Park said the port would reopen.\n")
    db = tmp_path / "lib.db"
    lib = await Library.open(db)
    await lib.add_path(article)
    await lib.close()
    conn = sqlite3.connect(db)
    with conn:  # what older attribution stored
        conn.execute("UPDATE sentences SET speaker = 'Financial Officer Jo Park'")
        conn.execute("DELETE FROM meta WHERE key = 'attribution'")
    conn.close()

    lib = await Library.open(db)
    try:
        answer = await lib.ask("What did the CFO say?")
        assert answer.quotes and answer.quotes[0].speaker == "Jo Park"
        assert await lib.store.get_meta("attribution") == ATTRIBUTION_VERSION
    finally:
        await lib.close()


def test_the_object_of_a_preposition_is_no_speaker() -> None:
    texts = ["Jo Park apologised to customers in a video posted on the website."]
    assert speakers_of(texts) == [["Jo Park"]]


def test_a_day_after_the_verb_is_no_speaker() -> None:
    texts = ["Three towns were evacuated, county officials said Tuesday."]
    assert speakers_of(texts) == [[]]


def roles_of(texts: list[str]) -> dict[str, set[str]]:
    return {e.name: e.roles for e in attribute(texts, [1] * len(texts)).entities}


def test_a_role_beside_a_name_without_an_article() -> None:
    """ ", general manager of the water board," describes the name before it, as ", the
    general manager of …," would."""
    roles = roles_of(["“Boil it,” said Ana Pike, general manager of the Lowell Water Board."])
    assert {"general", "manager", "water"} <= roles["Ana Pike"]


def test_an_occupation_in_lower_case_before_a_name() -> None:
    roles = roles_of(["State epidemiologist Dr. Ken Ito said the cluster was the largest."])
    assert {"state", "epidemiologist"} <= roles["Ken Ito"]


def test_a_clause_saying_what_someone_owns_or_runs_gives_the_role() -> None:
    roles = roles_of(["“We closed,” said Bo Reyes, who owns the Red Lamp bakery on Main St."])
    assert {"owner", "bakery"} <= roles["Bo Reyes"]


def test_a_role_word_before_the_name_is_not_the_verb_of_the_sentence() -> None:
    """ "Local president Al Dunn called it a betrayal and said …": the subject of "said" is
    Al Dunn, not "Local"."""
    speakers = speakers_of(
        ["Local president Al Dunn called it a betrayal and said they would fight."]
    )
    assert speakers == [["Al Dunn"]]


def test_a_person_named_with_where_they_work() -> None:
    texts = [
        "Industry analyst Raymond Cole of Lakeview Research said the closure was expected.",
        "“Everyone saw it coming,” Cole said.",
    ]
    attribution = attribute(texts, [1, 2])
    assert attribution.speakers == [["Raymond Cole"], ["Raymond Cole"]]
    roles = {e.name: e.roles for e in attribution.entities}
    assert {"analyst", "lakeview"} <= roles["Raymond Cole"]


def test_the_people_told_something_are_no_speaker() -> None:
    assert speakers_of(["About 3,000 residents of Dunley were told to boil their water."]) == [[]]


def test_abbreviated_titles_meet_their_full_form() -> None:
    from index.roles import related_role_words

    assert {"governor"} <= related_role_words({"gov"})
    assert {"ag"} <= related_role_words({"attorney", "general"})
    assert {"gm"} <= related_role_words({"general", "manager"})


def test_a_sentence_about_the_speaker_by_their_possessive_is_theirs() -> None:
    """ "Her husband also works at the plant" after "Kowalski said she would not move",
    in her paragraph, is her account; not across a paragraph break, not with the other
    gender's possessive once a pronoun has told hers, and not narration without one."""
    texts = [
        "Angela Kowalski said she would not move to Ohio.",
        "Her husband also works at the plant.",
        "Ann Lee said the bridge would close.",
        "She said it would reopen in May.",
        "His truck was stuck on the bridge.",
        "The river fell overnight.",
        "Tom Reyes said the levee held.",
        "His farm is dry.",
    ]
    found = attribute(texts, [1, 1, 2, 2, 2, 2, 3, 4]).speakers
    assert found[1] == ["Angela Kowalski"]
    assert found[4] == []  # "his" after a speaker "she" has named
    assert found[5] == []
    assert found[7] == []  # another paragraph
