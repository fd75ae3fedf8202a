"""The evaluation command and the quality targets, on the seed set and our own article."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from index.evaluate import evaluate, load_boilerplate, load_questions, quotes_boilerplate
from index.library import Library
from index.models import Answer, Citation, Quote

from cli_helpers import Cli

pytestmark = pytest.mark.usefixtures("vectors_on_the_thread")  # conftest.py says why

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT.parent / "shared" / "eval" / "seed-dev.jsonl"
DATA = Path(__file__).parent / "data"


async def test_seed_targets(sample_library: Library) -> None:
    if not SEED.exists():
        pytest.skip(f"{SEED} is not here")
    report = await evaluate(load_questions(SEED), lambda q: sample_library.ask(q, k=5))
    assert report.p_at_1 >= 0.95, report.misses
    assert report.attribution_r_at_3 == 1.0
    assert report.abstain_correct == report.abstain == 4
    assert report.wrongly_abstained <= 1


async def test_second_article_generalizes(library: Library) -> None:
    await library.add_path(DATA / "2024-09-12-harbor-bridge-vote.md")
    items = load_questions(DATA / "second-article.jsonl")
    report = await evaluate(items, lambda q: library.ask(q, k=5))
    assert report.p_at_1 >= 0.8, report.misses
    assert report.attribution_r_at_3 == 1.0
    assert report.abstain_correct == report.abstain
    assert report.wrongly_abstained == 0


def test_eval_command_json_and_misses(cli: Cli, tmp_path: Path, sample_path: Path) -> None:
    questions = tmp_path / "q.jsonl"
    questions.write_text(
        json.dumps(
            {
                "id": "a",
                "q": "Who is Dmitry Peskov?",
                "kind": "answerable",
                "gold": ["Kremlin spokesperson"],
            }
        )
        + "\n"
        + json.dumps(
            {"id": "b", "q": "What did Peskov say?", "kind": "answerable", "gold": ["no such text"]}
        )
        + "\n"
    )
    db = str(tmp_path / "e.db")
    result = cli("eval", str(questions), "--db", db, "--json", "--articles", str(sample_path))
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["answerable"] == 2 and report["p_at_1"] == 0.5
    assert [m["id"] for m in report["misses"]] == ["b"]
    text = cli("eval", str(questions), "--db", db)  # the article is in the library now
    assert "miss b [answerable] What did Peskov say?" in text.stdout
    assert "P@1:" in text.stdout


def _bridge_set(tmp_path: Path) -> Path:
    """A one-question set whose question names its article, in ``articles/`` beside it."""
    folder = tmp_path / "set" / "articles"
    folder.mkdir(parents=True)
    (folder / "bridge.md").write_bytes((DATA / "2024-09-12-harbor-bridge-vote.md").read_bytes())
    questions = tmp_path / "set" / "questions.jsonl"
    questions.write_text(json.dumps({"id": "s", "q": "What did the mayor say?", "kind": "span",
                                     "article": "bridge.md", "answers": []}) + "\n")  # fmt: skip
    return questions


def test_eval_never_adds_the_bundled_sample(cli: Cli, tmp_path: Path) -> None:
    """It measures the library it is given: a new one gets the articles the questions
    name (the folder beside them), never the sample a new library gets for ``ask``."""
    questions = _bridge_set(tmp_path)
    db = str(tmp_path / "n.db")
    result = cli("eval", str(questions), "--db", db, "--json")
    assert result.returncode == 0, result.stderr
    assert "bundled sample" not in result.stderr
    [listed] = cli("sources", "--db", db).stdout.splitlines()
    assert "Council approves harbor bridge" in listed


def test_a_set_naming_no_articles_is_asked_against_the_sample(cli: Cli, tmp_path: Path) -> None:
    """seed-dev's questions name no article file: they are about the bundled sample."""
    questions = tmp_path / "q.jsonl"
    questions.write_text(json.dumps({"q": "Who is Peskov?", "kind": "abstain"}) + "\n")
    db = str(tmp_path / "empty.db")
    result = cli("eval", str(questions), "--db", db)
    assert result.returncode == 0, result.stderr
    assert "bundled sample" in result.stderr
    [listed] = cli("sources", "--db", db).stdout.splitlines()
    assert "2025-05-17" in listed


def test_eval_of_a_set_whose_articles_are_missing_is_refused(cli: Cli, tmp_path: Path) -> None:
    questions = tmp_path / "q.jsonl"
    questions.write_text(json.dumps({"q": "Who?", "kind": "span", "article": "gone.txt",
                                     "answers": []}) + "\n")  # fmt: skip
    result = cli("eval", str(questions), "--db", str(tmp_path / "empty.db"))
    assert result.returncode == 2
    [line] = result.stderr.splitlines()[-1:]
    assert "gone.txt" in line or "no articles" in line, result.stderr


def test_squad_style_span_scoring() -> None:
    from index.evaluate import is_correct
    from index.models import Citation, Quote

    def quote(source: str, start: int, end: int) -> Quote:
        c = Citation("a", "t", None, None, source, 1, 1, start, end)
        return Quote("x", c, 1.0)

    item = {"kind": "span", "article": "oxygen.txt", "answers": [{"text": "1773", "start": 100}]}
    assert is_correct(item, quote("/x/oxygen.txt", 90, 101))
    assert not is_correct(item, quote("/x/oxygen.txt", 104, 150))
    assert not is_correct(item, quote("/x/warsaw.txt", 90, 120))


def _quote(text: str) -> Quote:
    return Quote(text, Citation("a", "t", None, None, "a.txt", 1, 1, 0, len(text)), 1.0)


async def test_small_talk_is_right_only_when_the_answer_stays_silent() -> None:
    items = [
        {"id": "s1", "q": "thanks!", "kind": "smalltalk"},
        {"id": "s2", "q": "lol ok", "kind": "smalltalk"},
    ]

    async def ask(q: str) -> Answer:
        return Answer(question=q, small_talk=q == "thanks!")

    report = await evaluate(items, ask)
    assert (report.smalltalk, report.smalltalk_silent, report.answerable) == (2, 1, 0)
    assert [m.id for m in report.misses] == ["s2"]
    assert "small talk silent:   1/2" in report.summary_lines()


async def test_answers_quoting_boilerplate_are_counted() -> None:
    boilerplate = ["Air fryer maker fined $4 million over delayed fire reports", "Home"]
    quoted = {
        "a": [_quote("Read more: Air fryer maker fined $4 million over delayed fire reports")],
        "b": [_quote("Home")],
        "c": [_quote("He went home to Home Street.")],  # a short line inside a sentence
        "d": [],
    }

    async def ask(q: str) -> Answer:
        return Answer(question=q, quotes=quoted[q])

    items = [{"id": q, "q": q, "kind": "abstain"} for q in quoted]
    report = await evaluate(items, ask, boilerplate)
    assert report.boilerplate_quoted == 2
    assert "boilerplate quoted:  2" in report.summary_lines()
    assert (await evaluate(items, ask)).boilerplate_quoted is None


def test_boilerplate_list_is_read_beside_the_questions(tmp_path: Path) -> None:
    (tmp_path / "q.jsonl").write_text("")
    assert load_boilerplate(tmp_path / "q.jsonl") is None
    (tmp_path / "boilerplate.txt").write_text("Share:\n\n  Sign   up here \n")
    assert load_boilerplate(tmp_path / "q.jsonl") == ["Share:", "Sign up here"]


def test_eval_command_takes_several_sets(cli: Cli, tmp_path: Path, sample_path: Path) -> None:
    """One summary block a set, each set on a library of its own (each given the
    --articles); --json gives a list."""
    first = tmp_path / "one" / "q.jsonl"
    second = tmp_path / "two" / "q.jsonl"
    for path, question in ((first, "Who is Dmitry Peskov?"), (second, "thanks!")):
        path.parent.mkdir()
        kind = "answerable" if path is first else "smalltalk"
        path.write_text(
            json.dumps({"id": "x", "q": question, "kind": kind, "gold": ["Peskov"]}) + "\n"
        )
    (second.parent / "boilerplate.txt").write_text("Sign up here\n")
    args = ["eval", str(first), str(second), "--articles", str(sample_path)]
    result = cli(*args, "--json")
    assert result.returncode == 0, result.stderr
    reports = json.loads(result.stdout)
    assert [r["file"] for r in reports] == [str(first), str(second)]
    assert reports[0]["p_at_1"] == 1.0 and reports[0]["boilerplate_quoted"] is None
    assert reports[1]["smalltalk"] == 1 and reports[1]["boilerplate_quoted"] == 0
    text = cli(*args)
    assert text.stdout.count("answerable questions:") == 2
    assert "boilerplate quoted:  0" in text.stdout


def test_eval_without_db_leaves_the_configured_library_alone(
    cli: Cli, tmp_path: Path, sample_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Measuring a set must not add its articles to the library the bot answers from:
    without --db the set gets a library of its own, however many sets there are."""
    questions = _bridge_set(tmp_path)
    library = tmp_path / "bot.db"
    assert cli("index", str(sample_path), "--db", str(library)).returncode == 0
    before = cli("sources", "--db", str(library)).stdout
    monkeypatch.setenv("ARTICLEBOT_DB", str(library))
    result = cli("eval", str(questions))
    assert result.returncode == 0, result.stderr
    assert "answerable questions:" in result.stdout
    assert cli("sources", "--db", str(library)).stdout == before


def test_a_markdown_boilerplate_line_counts_as_it_reads(tmp_path: Path) -> None:
    """A boilerplate line copied from a Markdown file keeps its link markup, but a quote
    holds the link's text: "Read more: [Headline](url)" is quoted as "Read more:
    Headline", and a Related item "- [Headline](url)" as "Headline"."""
    (tmp_path / "q.jsonl").write_text("")
    (tmp_path / "boilerplate.txt").write_text(
        "Read more: [Council weighs new parking fees](https://example.test/fees)\n"
        "- [Harbour festival moves to June](https://example.test/fest)\n"
        "**Sign up for the Morning Ledger.**\n"
    )
    lines = load_boilerplate(tmp_path / "q.jsonl")
    assert lines is not None
    for quote in (
        "Read more: Council weighs new parking fees",
        "Harbour festival moves to June",
        "Sign up for the Morning Ledger.",
    ):
        assert quotes_boilerplate(quote, lines), quote
    assert not quotes_boilerplate("The council met on Tuesday about the harbour.", lines)
