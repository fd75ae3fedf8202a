"""The learned reranker: its features (index/rank_features.py), the shipped weights
(index/learned_rank.py) and the fusion it falls back to (index/semantic.py)."""

from __future__ import annotations

import json
import logging
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from test_hybrid import StubEncoder

from index import answering
from index import learned_rank as learned_module
from index import library as library_module
from index.learned_rank import LinearScorer, load_scorer, parse_weights
from index.library import Library
from index.models import Document
from index.question import parse_question
from index.rank_features import FEATURES, Pool, features, quoted

pytestmark = pytest.mark.usefixtures("vectors_on_the_thread")  # conftest.py says why


def column(rows: np.ndarray, name: str) -> list[float]:
    return [round(float(x), 4) for x in rows[:, FEATURES.index(name)]]


def test_each_feature_of_a_hand_made_pool() -> None:
    question = parse_question("how many people died in the collapse?")
    pool = Pool(
        lexical=np.array([4.0, 2.0, 1.0]),
        base=np.array([2.0, 1.0, 1.0]),
        within=np.array([1.0, 0.5, 0.0]),
        phrase=np.array([0.0, 1.0, 0.0]),
        context=np.array([3.0, 3.0, 1.5]),
        held=np.array([[1.0, 1.0, 0.0], [0.5, 1.0, 1.0], [0.0, 0.5, 0.0]]),
        weights=np.array([1.0, 2.0, 1.0]),
        known=np.array([True, True, False]),
        share=np.array([0.9, 0.9, 0.4]),
        best_share=0.9,
        cos_sentence=np.array([0.2, 0.5, 0.1]),
        cos_paragraph=np.array([0.4, 0.3, 0.1]),
        texts=[
            "The collapse happened in 1998 near the town.",
            '"Two miners were killed," the manager said.',
            "Rescue crews searched the old tunnel",
        ],
        spoken=[False, True, False],
        paragraph=[1, 3, 2],
        figure=[True, True, False],
        says_asked=[False, True, False],
    )
    rows = features(pool, question)
    assert rows.shape == (3, len(FEATURES))
    assert column(rows, "lexical") == [1.0, 0.5, 0.25]
    assert column(rows, "lexical_rank")[0] == 0.0 < column(rows, "lexical_rank")[1]
    assert column(rows, "base") == [1.0, 0.5, 0.5]
    assert column(rows, "within") == [1.0, 0.5, 0.0]
    assert column(rows, "phrase") == [0.0, 0.25, 0.0]
    assert column(rows, "context") == [1.0, 1.0, 0.5]
    assert column(rows, "cos_sentence") == [0.2, 0.5, 0.1]
    assert column(rows, "cos_paragraph") == [0.4, 0.3, 0.1]
    assert column(rows, "cos_sentence_gap") == [-0.3, 0.0, -0.4]
    assert column(rows, "cos_paragraph_gap") == [0.0, -0.1, -0.3]
    assert column(rows, "held_sentence") == [0.75, 0.75, 0.0]
    assert column(rows, "held_paragraph") == [0.0, 0.25, 0.5]
    assert column(rows, "held_known") == [1.0, 1.0, 0.0]  # of the known words' 3
    two = round(float(np.log(2) / np.log(4)), 4)
    three = round(float(np.log(3) / np.log(4)), 4)
    assert column(rows, "cos_sentence_rank") == [two, 0.0, three]
    assert column(rows, "cos_paragraph_rank") == [0.0, two, three]
    assert column(rows, "article_share") == [0.9, 0.9, 0.4]
    assert column(rows, "article_share_gap") == [0.0, 0.0, -0.5]
    # "how many": a figure the question does not give (a year counts, a word half).
    assert column(rows, "type_number") == [1.0, 0.5, 0.0]
    assert column(rows, "typed_without") == [0.0, 0.5, 1.0]
    assert column(rows, "type_date") == column(rows, "type_other") == [0.0] * 3
    assert column(rows, "figure") == [1.0, 1.0, 0.0]
    assert column(rows, "says_asked") == [0.0, 1.0, 0.0]
    assert column(rows, "lede") == [1.0, 0.0, 0.0]
    logs = [round(float(np.log(n)), 4) for n in (2, 4, 3)]
    assert column(rows, "paragraph_log") == logs
    assert column(rows, "length_log")[2] == round(float(np.log(7)), 4)  # log(1 + 6 words)
    assert column(rows, "spoken") == [0.0, 1.0, 0.0]
    # Crossed with a yes/no question only.
    assert column(rows, "spoken_polar") == column(rows, "polar_held") == [0.0] * 3
    polar = features(pool, parse_question("did two miners die in the collapse?"))
    assert column(polar, "spoken_polar") == [0.0, 1.0, 0.0]
    assert column(polar, "polar_held") == [0.75, 0.75, 0.0]
    assert column(polar, "polar_cos") == [0.2, 0.5, 0.1]
    assert column(polar, "type_number") == column(polar, "typed_without") == [0.0] * 3
    when = features(pool, parse_question("when did the roof collapse?"))
    assert column(when, "type_date") == [1.0, 0.0, 0.0]


MINE = Document(
    text=(
        "DUNMORE — The roof of a tunnel at the Dunmore mine collapsed on Monday.\n\n"
        "Two miners were killed, the company said.\n\n"
        '"We are heartbroken," said Ana Ruiz, the mine manager. The mine opened in 1998.'
    ),
    source="mine.txt",
    title="Mine collapse",
)


UNION = Document(
    text=(
        "The miners' union said the families of the killed miners would be supported by the"
        " union for as long as they needed, and miners across the region held vigils for the"
        " killed men on the night after the collapse at the mine.\n\n"
        "The mine manager, Ana Ruiz, did not resign."
    ),
    source="union.txt",
    title="Union vigils",
)


async def stub_library(tmp_path: Path, docs: list[Document], words: dict[str, int]) -> Library:
    """A library of ``docs`` whose encoder is a stub over ``words`` (exact cosines), with
    a zero scorer so that the pool's features, not their weights, are what a test reads."""
    lib = await Library.open(tmp_path / "lib.db")
    for doc in docs:
        await lib.add_document(doc)
    lib.enable_semantic(StubEncoder(words))  # type: ignore[arg-type]
    assert await lib.wait_for_vectors(30)
    lib._scorer = LinearScorer(np.zeros(len(FEATURES)))
    return lib


async def pool_rows(lib: Library, question: str, monkeypatch: pytest.MonkeyPatch) -> Any:
    seen: dict[str, Any] = {}
    real = answering._candidate_rows

    async def watch(*args: Any) -> Any:
        found = await real(*args)
        seen["rows"], seen["ids"] = found[0], list(args[3].ids)
        return found

    monkeypatch.setattr(answering, "_candidate_rows", watch)
    await lib.ask(question)
    texts = {q.sentence_id: q.text for q in await lib._read_on_thread(seen["ids"])}
    return seen["rows"], [texts[sid] for sid in seen["ids"]]


async def test_features_read_from_a_tiny_library(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    lib = await stub_library(tmp_path, [MINE], {"How many": 0, "killed": 0, "1998": 1})
    rows, texts = await pool_rows(lib, "How many miners were killed at the mine?", monkeypatch)
    at = {t.split()[0].strip('"'): i for i, t in enumerate(texts)}
    killed, opened, said, lede = at["Two"], at["The"], at["We"], at["DUNMORE"]

    def value(name: str, i: int) -> float:
        return float(rows[i, FEATURES.index(name)])

    assert value("cos_sentence", killed) == pytest.approx(1.0, abs=0.02)
    assert value("cos_sentence", opened) == pytest.approx(0.0, abs=0.02)
    assert value("cos_sentence_gap", killed) == pytest.approx(0.0, abs=0.02)
    assert value("held_sentence", killed) > value("held_sentence", opened)
    assert value("type_number", killed) == 0.5  # "two": a number word
    assert value("type_number", opened) == 1.0  # "1998"
    assert value("says_asked", killed) == 1.0  # "two miners": counts what is asked
    assert value("spoken", said) == 1.0 and value("spoken", killed) == 0.0
    assert value("lede", lede) == 1.0 and value("lede", killed) == value("lede", said) == 0.0
    await lib.close()


def test_weights_file_must_name_this_versions_features() -> None:
    good = {"weights": {name: 0.5 for name in FEATURES}}
    scorer = parse_weights(json.dumps(good))
    assert scorer.score(np.ones((2, len(FEATURES)))).tolist() == [len(FEATURES) / 2] * 2
    broken: list[Any] = [
        "{not json",
        "[]",
        {"weights": [1, 2]},
        {"weights": {name: 0.5 for name in FEATURES[:-1]}},
        {"weights": {**{name: 0.5 for name in FEATURES}, "extra": 1.0}},
        {"weights": {**{name: 0.5 for name in FEATURES}, "lexical": "high"}},
        {"weights": {**{name: 0.5 for name in FEATURES}, "lexical": True}},
    ]
    for payload in broken:
        text = payload if isinstance(payload, str) else json.dumps(payload)
        with pytest.raises(ValueError):
            parse_weights(text)
    with pytest.raises(ValueError, match="finite"):
        parse_weights(json.dumps(good).replace("0.5", "NaN", 1))


@pytest.mark.parametrize("content", [None, "{broken", '{"weights": {"lexical": 1.0}}'])
async def test_missing_or_malformed_weights_fall_back_to_the_fusion(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
    content: str | None,
) -> None:
    weights = tmp_path / "weights.json"
    if content is not None:
        weights.write_text(content, encoding="utf-8")
    learned_module._load.cache_clear()
    monkeypatch.setattr(library_module, "load_scorer", lambda: load_scorer(weights))
    monkeypatch.setenv(learned_module.SWITCH, "1")

    async def answers(lib: Library) -> list[list[str]]:
        await lib.add_document(MINE)
        lib.enable_semantic(StubEncoder({"killed": 0, "roof": 1}))  # type: ignore[arg-type]
        assert await lib.wait_for_vectors(30)
        got = []
        for q in ("How many miners were killed?", "When did the roof collapse?"):
            got.append([x.text for x in (await lib.ask(q)).quotes])
        await lib.close()
        return got

    with caplog.at_level(logging.WARNING):
        fallback = await answers(await Library.open(tmp_path / "a.db"))
        again = await answers(await Library.open(tmp_path / "b.db"))
    lines = [r for r in caplog.records if r.name == "index.learned_rank"]
    assert len(lines) == 1 and lines[0].exc_info is None
    assert "learned ranking off" in lines[0].getMessage()
    monkeypatch.setenv(learned_module.SWITCH, "0")
    fusion = await answers(await Library.open(tmp_path / "c.db"))
    assert fallback == again == fusion
    learned_module._load.cache_clear()


def test_shipped_weights_load_by_default_and_switch_off(monkeypatch: pytest.MonkeyPatch) -> None:
    learned_module._load.cache_clear()
    monkeypatch.setenv(learned_module.SWITCH, "0")
    assert load_scorer() is None  # switched off, the fusion orders
    monkeypatch.delenv(learned_module.SWITCH, raising=False)
    scorer = load_scorer()
    assert scorer is not None  # the shipped file names this version's features
    data = json.loads(learned_module.WEIGHTS_FILE.read_text(encoding="utf-8"))
    assert list(data["weights"]) == list(FEATURES) and data["training"]["sets"]
    learned_module._load.cache_clear()


async def test_learned_order_never_changes_whether_a_question_is_answered(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Whatever the weights put first, a question the fusion's order declines stays
    declined, and one it answers stays answered."""
    questions = [
        "How many miners were killed?",
        "When did the mine open?",
        "What did Ana Ruiz say?",
        "How many ships does the port own?",
        "What is the weather in Oslo?",
        "did the mine manager resign?",
    ]
    lib = await Library.open(tmp_path / "lib.db")
    await lib.add_document(MINE)
    await lib.add_document(UNION)
    lib.enable_semantic(StubEncoder({"killed": 0, "1998": 1}))  # type: ignore[arg-type]
    assert await lib.wait_for_vectors(30)
    fused = [await lib.ask(q) for q in questions]
    # Weights that put the longest, least lexical candidate first.
    odd = np.zeros(len(FEATURES))
    odd[FEATURES.index("length_log")] = 5.0
    odd[FEATURES.index("lexical")] = -5.0
    lib._scorer = LinearScorer(odd)
    learned = [await lib.ask(q) for q in questions]
    assert [bool(a.quotes) for a in learned] == [bool(a.quotes) for a in fused]
    assert any(a.quotes for a in fused) and not all(a.quotes for a in fused)
    assert [a.declined_by for a in learned] == [a.declined_by for a in fused]
    await lib.close()


def cue_pool(texts: list[str], sentence: list[int] | None = None) -> Pool:
    """A pool of ``texts`` alike in everything but their words (and sentence numbers)."""
    n = len(texts)
    return Pool(
        lexical=np.ones(n),
        base=np.ones(n),
        within=np.ones(n),
        phrase=np.zeros(n),
        context=np.ones(n),
        held=np.ones((n, 1)),
        weights=np.array([1.0]),
        known=np.array([True]),
        share=np.ones(n),
        best_share=1.0,
        cos_sentence=np.full(n, 0.5),
        cos_paragraph=np.full(n, 0.5),
        texts=texts,
        spoken=[False] * n,
        paragraph=list(range(1, n + 1)),
        figure=[False] * n,
        says_asked=[False] * n,
        sentence=sentence if sentence is not None else list(range(1, n + 1)),
    )


def test_cues_of_the_kind_of_answer_asked() -> None:
    """A reason for "why", a means for "how did", a place for "where", a name for
    "who": held anywhere, held beside the question's own words, or not at all."""
    why = [
        "FAIRHAVEN — The plant will close in June, the company said.",
        "The plant will close because sales of its sedans fell by half.",
        "The plant, where workers hired in the spring of that year when demand for its"
        " trucks rose had been told nothing, was sold because talks had failed.",
    ]
    rows = features(cue_pool(why), parse_question("why is the plant closing?"))
    assert column(rows, "cue_reason") == [0.0, 1.0, 1.0]
    assert column(rows, "cue_near") == [0.0, 1.0, 0.0]  # "because" far from "plant"
    assert column(rows, "cue_without") == [1.0, 0.0, 0.0]
    assert column(rows, "lede_cue_without") == [1.0, 0.0, 0.0]
    assert column(rows, "cue_means") == column(rows, "cue_place") == [0.0] * 3
    # Asked in chat ("so why …") it is still a why-question; asked "what", no cue counts.
    assert column(features(cue_pool(why), parse_question("so why r they closing the plant")),
                  "cue_reason") == [0.0, 1.0, 1.0]  # fmt: skip
    what = features(cue_pool(why), parse_question("what is closing?"))
    assert column(what, "cue_reason") == column(what, "cue_without") == [0.0] * 3
    how = [
        "The hackers stole the records of 80,000 patients.",
        "The hackers got in through a phishing email sent to a nurse.",
    ]
    rows = features(cue_pool(how), parse_question("how did the hackers get in?"))
    assert column(rows, "cue_means") == [0.0, 1.0]
    assert column(features(cue_pool(how), parse_question("how many hackers were there")),
                  "cue_means") == [0.0, 0.0]  # fmt: skip
    where = [
        "About 4,200 evacuees left their homes as the fire spread.",
        "A shelter for evacuees opened at Tamarack Fairgrounds in Dellwood.",
    ]
    rows = features(cue_pool(where), parse_question("where did the evacuees go?"))
    assert column(rows, "cue_place") == [0.0, 1.0]
    assert column(rows, "cue_near") == [0.0, 1.0]
    who = ["The dam was inspected last year.", "The dam was inspected by Ruth Okafor."]
    rows = features(cue_pool(who), parse_question("who inspected the dam?"))
    assert column(rows, "cue_person") == [0.0, 1.0]


def test_first_sentence_and_new_words() -> None:
    texts = ["The levy starts in July.", "The levy will raise $31.5 million for buses."]
    rows = features(cue_pool(texts, sentence=[1, 4]), parse_question("what is the levy for?"))
    assert column(rows, "first_sentence") == [1.0, 0.0]
    # "levy" is the question's; "starts", "july" are not; "raise", "31.5"…, "buses" too.
    assert column(rows, "novel_share")[0] == round(2 / 3, 4)
    assert column(rows, "novel_share")[1] > column(rows, "novel_share")[0]
    # Without sentence numbers (a caller that has none) no sentence is the first.
    assert column(features(cue_pool(texts, sentence=[]), parse_question("the levy?")),
                  "first_sentence") == [0.0, 0.0]  # fmt: skip


BALLPARK = (
    "CASTLEMERE — The Kingfishers want a new stadium.\n\n"
    '"We love this city and we want to stay," team owner Gregory Strand said.\n\n'
    "{middle}\n\n"
    '"It is a fair deal for the taxpayers," said council member Ana Ruiz.'
)
REASON = (
    "The team needs to move because its old ballpark no longer meets league rules, Strand said."
)
NO_REASON = "The team has played in its old ballpark since 1971, Strand said."


async def first_answers(tmp_path: Path, middle: str, questions: list[str]) -> list[str]:
    """The first quote for each question, every sentence equally close in meaning (so
    the shipped weights' other features decide)."""
    lib = await Library.open(tmp_path / f"{len(middle)}.db")
    doc = Document(text=BALLPARK.format(middle=middle), source="ballpark.txt", title="Ballpark")
    await lib.add_document(doc)
    lib.enable_semantic(StubEncoder({}))  # type: ignore[arg-type]
    assert await lib.wait_for_vectors(30)
    assert lib._scorer is not None  # the shipped weights
    firsts = []
    for question in questions:
        answer = await lib.ask(question)
        firsts.append(answer.quotes[0].text if answer.quotes else "")
    await lib.close()
    return firsts


async def test_a_why_question_gets_the_reason_before_the_lede(tmp_path: Path) -> None:
    """The lede holds more of "why does the team need a new stadium" than the sentence
    giving the reason; the reason's cue ("because", "needs … meets"), in a news pool
    (people are quoted), puts that sentence first. Near misses: asked "what", or with no
    sentence giving a reason, the lede stays first."""
    lede = "CASTLEMERE — The Kingfishers want a new stadium."
    why, what = "why does the team need a new stadium", "what does the team need, a new stadium?"
    assert await first_answers(tmp_path, REASON, [why, what]) == [REASON, lede]
    assert await first_answers(tmp_path, NO_REASON, [why]) == [lede]


def test_each_feature_again_times_how_much_the_pool_is_quoted() -> None:
    texts = ['"We will rebuild," she said.', "The dam failed.", "Rain fell.", "It rained."]
    pool = cue_pool(texts)
    pool = Pool(**{**pool.__dict__, "spoken": [True, False, False, False]})
    rows = features(pool, parse_question("why did the dam fail?"))
    half = len(FEATURES) // 2
    assert FEATURES[half:] == tuple(name + "_quoted" for name in FEATURES[:half])
    # One candidate in four quotes someone: 2 x 0.25.
    assert np.allclose(rows[:, half:], rows[:, :half] * 0.5)
    assert quoted(rows[:, :half]) == 0.5
    everyone = Pool(**{**pool.__dict__, "spoken": [True, True, False, False]})
    rows = features(everyone, parse_question("why did the dam fail?"))
    assert np.allclose(rows[:, half:], rows[:, :half])  # at most 1


async def test_the_learned_order_reuses_the_candidates_found_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With the learned reranker on, an answered question is ordered twice (the fusion's
    order decides, the learned one orders) but its words are corrected, searched and
    ranked once, and its typed candidates read once."""
    lib = await Library.open(tmp_path / "lib.db")
    await lib.add_document(MINE)
    await lib.add_document(UNION)
    lib.enable_semantic(StubEncoder({"killed": 0, "1998": 1}))  # type: ignore[arg-type]
    assert await lib.wait_for_vectors(30)
    lib._scorer = LinearScorer(np.zeros(len(FEATURES)))
    calls: dict[str, int] = {}

    def count(name: str) -> None:
        real = getattr(answering, name)

        async def counted(*args: Any) -> Any:
            calls[name] = calls.get(name, 0) + 1
            return await real(*args)

        monkeypatch.setattr(answering, name, counted)

    count("_slots")
    count("_apply_answer_type")
    orders: list[bool] = []
    real_order = answering._order_key

    async def order_key(*args: Any) -> Any:
        orders.append(args[4].scorer is not None)
        return await real_order(*args)

    monkeypatch.setattr(answering, "_order_key", order_key)
    answer = await lib.ask("How many miners were killed at the mine?")
    assert answer.quotes and answer.quotes[0].text.startswith("Two miners")
    assert orders == [False, True]  # the fusion's order, then the learned one
    assert calls == {"_slots": 1, "_apply_answer_type": 1}
    await lib.close()


def test_topic_free_cosines_take_out_what_the_pool_all_says() -> None:
    """Axis 0 is the article's topic, axis 1 what the question asks beyond it. The lede
    says the topic only and matches the question better by plain cosine; with the topic
    taken out, the sentence saying what is asked is the closer one."""
    from index.semantic import topic_free_cosines

    query = np.array([0.9, 0.4, 0.0], dtype=np.float32)
    lede, asked = [1.0, 0.0, 0.15], [0.6, 0.8, 0.0]
    vectors = np.array([lede, asked, [0.9, -0.2, -0.4], [0.9, -0.3, 0.3]], dtype=np.float32)
    plain = vectors @ query / np.linalg.norm(vectors, axis=1)
    assert plain[0] > plain[1]
    free, topical = topic_free_cosines(query, vectors, [7, 7, 7, 7])
    assert free[1] > 0.9 and free[0] < 0
    assert topical[0] > topical[1]
    # An article with fewer than TOPIC_MIN candidates takes the whole pool's topic.
    mixed, _ = topic_free_cosines(query, vectors, [7, 7, 7, 9])
    assert mixed[3] == pytest.approx(free[3]) and mixed[0] != pytest.approx(free[0])


def test_words_held_weighed_by_how_few_of_the_articles_sentences_hold_them() -> None:
    """The word "panda" is held by 90% of its article's sentences (the topic), "branch" by 10%:
    holding "branch" counts nine times as much as holding "panda" in held_specific; the
    lede, holding only the topic, is marked lede_unspecific."""
    texts = ["The panda is back.", "A branch fell and the panda got out.", "The branch broke."]
    pool = cue_pool(texts)
    topical = np.array([[0.9, 0.1]] * 3)
    pool = Pool(
        **{
            **pool.__dict__,
            "held": np.array([[1.0, 0.0], [1.0, 1.0], [0.0, 1.0]]),
            "weights": np.array([1.0, 1.0]),
            "known": np.array([True, True]),
            "topical": topical,
        }
    )
    rows = features(pool, parse_question("how did the panda get out, a branch?"))
    assert column(rows, "held_specific") == [0.1, 1.0, 0.9]
    assert column(rows, "held_topical") == [0.9, 1.0, 0.1]
    assert column(rows, "specific_gap") == [-0.9, 0.0, -0.1]
    assert column(rows, "lede_unspecific") == [0.9, 0.0, 0.0]  # only the first is paragraph 1
    # Without the articles' shares every word counts as specific: the plain share held.
    plain = features(Pool(**{**pool.__dict__, "topical": None}), parse_question("panda?"))
    assert column(plain, "held_specific") == [0.5, 1.0, 0.5]


async def test_topic_features_read_from_a_library(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The pipeline passes the topic cosines and each word's share of its article's
    sentences: "mine" is in three of MINE's four sentences, "roof" in one."""
    lib = await stub_library(tmp_path, [MINE], {"roof": 0, "1998": 1, "killed": 2})
    rows, texts = await pool_rows(lib, "why did the mine roof cave in?", monkeypatch)
    at = {t.split()[0].strip('"'): i for i, t in enumerate(texts)}
    lede, opened = at["DUNMORE"], at["The"]

    def value(name: str, i: int) -> float:
        return float(rows[i, FEATURES.index(name)])

    # "The mine opened in 1998" holds the topic word only; the lede "roof" as well.
    assert value("held_specific", opened) < value("held_topical", opened)
    assert value("held_specific", lede) > value("held_specific", opened)
    assert value("lede_unspecific", lede) == pytest.approx(1 - value("held_specific", lede))
    assert any(value("topicality", i) != 0 for i in range(len(texts)))
    await lib.close()


def test_a_count_beside_what_how_many_asks() -> None:
    """Asked "how many flights", "186 flights" counts them, "9,000 passengers … flights"
    names them but counts something else (a figure, none beside "flights")."""
    texts = [
        "The airline canceled 186 flights.",
        "About 9,000 passengers had booked seats on those flights.",
    ]
    pool = Pool(**{**cue_pool(texts).__dict__, "figure": [True, True]})
    asked = parse_question("how many flights were canceled?")
    beside = [answering.counts_what_is_asked(t, asked, anywhere=False) for t in texts]
    assert beside == [True, False]
    rows = features(Pool(**{**pool.__dict__, "counts_beside": beside}), asked)
    assert column(rows, "counts_beside") == [1.0, 0.0]
    assert column(rows, "counts_not_beside") == [0.0, 1.0]
    # Not a "how many" question (answering passes none): both 0.
    rows = features(pool, parse_question("why were flights canceled?"))
    assert column(rows, "counts_beside") == column(rows, "counts_not_beside") == [0.0, 0.0]


async def test_the_pools_vectors_are_read_and_decoded_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The learned reranker's cosines with the sentences, their paragraphs and their topic
    come from one read of the pool's vectors (and one decode of each kind), and the topic
    cosines are those of :func:`topic_free_cosines` on the decoded sentence vectors."""
    from index import semantic as semantic_module
    from index.encoder import from_blobs
    from index.semantic import topic_free_cosines

    lib = await stub_library(tmp_path, [MINE, UNION], {"roof": 0, "1998": 1, "killed": 2})
    ranker = lib._ranker
    assert ranker is not None
    reads: list[int] = []
    decodes: list[int] = []
    real_read, real_decode = ranker.source.vectors, semantic_module.from_blobs

    def read(ids: Any, version: str) -> Any:
        reads.append(len(ids))
        return real_read(ids, version)

    def decode(blobs: Any, dim: int) -> Any:
        decodes.append(len(blobs))
        return real_decode(blobs, dim)

    monkeypatch.setattr(ranker.source, "vectors", read)
    monkeypatch.setattr(semantic_module, "from_blobs", decode)
    per_call: list[tuple[int, int]] = []
    real_rows = answering._candidate_rows

    async def rows(*args: Any) -> Any:
        before = (len(reads), len(decodes))
        found = await real_rows(*args)
        per_call.append((len(reads) - before[0], len(decodes) - before[1]))
        return found

    monkeypatch.setattr(answering, "_candidate_rows", rows)
    answer = await lib.ask("why did the mine roof cave in?")
    assert answer.quotes and per_call
    assert all(call == (1, 2) for call in per_call)  # sentences and paragraphs, once each
    ids = [5, 1, 2, 3]
    found = ranker.pool_cosines("why did the mine roof cave in?", ids, [1, 1, 1, 2])
    assert found is not None
    blobs = real_read(ids, ranker.encoder.model_version)
    codes, scales = from_blobs([blobs[i][0] or b"" for i in ids], 4)
    query = ranker.question_vector("why did the mine roof cave in?")
    vectors = codes.astype(np.float32) * scales[:, None]
    assert (found.topic_free, found.topicality) == topic_free_cosines(query, vectors, [1, 1, 1, 2])
    assert ranker.pool_cosines("why?", ids, [1]).topic_free == []  # type: ignore[union-attr]
    await lib.close()


def test_the_kind_asked_beside_what_the_question_asks_beyond_its_topic() -> None:
    """Asked "when does the recount start", a year beside the topic word "recount" (held
    by 90% of its article's sentences) is little evidence, a weekday beside "starting"
    (10%) much: cue_near_specific weighs the question word beside the evidence by how few
    of its article's sentences hold it; cue_near_time and cue_near_count split cue_near
    by the kind asked."""
    texts = [
        "The recount was last held in 1994, the clerk said.",
        "The county will recount the ballots by hand starting Monday.",
        "The clerk said the count was close.",
    ]
    pool = Pool(
        **{
            **cue_pool(texts).__dict__,
            "held": np.array([[1.0, 0.0], [1.0, 1.0], [0.0, 0.0]]),
            "weights": np.array([1.0, 1.0]),
            "known": np.array([True, True]),
            "topical": np.array([[0.9, 0.1]] * 3),
            "slot_terms": [("recount",), ("start",)],
        }
    )
    when = parse_question("when does the recount start?")
    rows = features(pool, when)
    assert column(rows, "cue_near") == [1.0, 1.0, 0.0]
    assert column(rows, "cue_near_specific") == [0.1, 0.9, 0.0]
    assert column(rows, "cue_near_time") == [1.0, 1.0, 0.0]
    assert column(rows, "cue_near_count") == [0.0] * 3
    # Without the words' shares every question word counts as specific: cue_near.
    plain = features(Pool(**{**pool.__dict__, "topical": None}), when)
    assert column(plain, "cue_near_specific") == [1.0, 1.0, 0.0]
    many = features(pool, parse_question("how many ballots will the recount take?"))
    assert column(many, "cue_near_count") == [1.0, 0.0, 0.0]  # "1994" beside "recount"
    assert column(many, "cue_near_time") == [0.0] * 3


def test_the_articles_share_of_the_questions_specific_words() -> None:
    """The specific-first order's test (answering's ``Ranked.specific``) as features: the
    candidate's article's share of the question's specific words against the best's."""
    pool = Pool(
        **{
            **cue_pool(["a", "b", "c"]).__dict__,
            "specific_share": [0.9, 0.5, 0.2],
            "best_specific_share": 0.9,
        }
    )
    rows = features(pool, parse_question("when does the recount start?"))
    assert column(rows, "specific_article_gap") == [0.0, -0.4, -0.7]
    assert column(rows, "specific_article") == [1.0, 1.0, 0.0]  # within 0.6 of the best
    assert column(features(cue_pool(["a"]), parse_question("recount?")),
                  "specific_article_gap") == [0.0]  # fmt: skip


async def test_specific_shares_read_from_a_library(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The pipeline passes each candidate's article's share of the question's specific
    words: only MINE holds "roof"."""
    lib = await stub_library(tmp_path, [MINE, UNION], {"roof": 0, "1998": 1, "killed": 2})
    rows, texts = await pool_rows(lib, "when did the mine roof fall in?", monkeypatch)
    gap = {t: float(rows[i, FEATURES.index("specific_article_gap")]) for i, t in enumerate(texts)}
    assert gap[next(t for t in texts if "roof" in t)] == 0.0
    assert min(gap[t] for t in texts if "union" in t.lower()) < 0.0
    await lib.close()


def test_hidden_units_order_what_no_linear_score_can() -> None:
    """A weights file with ``hidden`` units scores an interaction: two features that
    count only together. Both first, then neither, then either alone: no linear score
    orders so (both above neither needs a + b > 0, neither above each alone needs
    a < 0 and b < 0)."""
    a, b = FEATURES.index("figure"), FEATURES.index("lede")
    rows = np.zeros((4, len(FEATURES)))
    rows[1, a] = rows[2, b] = rows[3, a] = rows[3, b] = 1.0  # neither, a, b, both
    linear = {name: 0.0 for name in FEATURES} | {"figure": -1.0, "lede": -1.0}
    unit = {name: 0.0 for name in FEATURES} | {"figure": 4.0, "lede": 4.0}
    payload = {"weights": linear, "hidden": [{"weights": unit, "bias": -6.0, "out": 2.0}]}
    scorer = parse_weights(json.dumps(payload))
    assert np.argsort(-scorer.score(rows), kind="stable").tolist() == [3, 0, 1, 2]
    assert (
        np.argsort(-parse_weights(json.dumps({"weights": linear})).score(rows)).tolist()[0] == 0
    )  # the linear part alone puts neither first
    broken: list[Any] = [
        {**payload, "hidden": []},
        {**payload, "hidden": {"weights": unit}},
        {**payload, "hidden": [{"weights": linear | {"lexical": "x"}, "bias": 0, "out": 1}]},
        {**payload, "hidden": [{"weights": {"figure": 1.0}, "bias": 0, "out": 1}]},
        {**payload, "hidden": [{"weights": unit, "bias": None, "out": 1}]},
        {**payload, "hidden": [{"weights": unit, "bias": 0}]},
        {**payload, "hidden": ["unit"]},
    ]
    for bad in broken:
        with pytest.raises(ValueError):
            parse_weights(json.dumps(bad))
