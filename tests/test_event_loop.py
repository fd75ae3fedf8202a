"""No member can stall every server: the event loop stays free while questions are ranked
and articles are ingested, through the real discord.py paths.

Asserted without timing anything, so on a machine of any speed or load: the work runs off
the loop's thread and the loop serves callbacks while it runs (tests/off_the_loop.py); the
work one question may ask for is capped; and a call that keeps the GIL (rapidfuzz,
``sorted``) is only ever given a small slice of a large vocabulary, so the GIL changes
hands between slices and the loop's thread gets its turn.
"""

from __future__ import annotations

import asyncio
import random
import threading
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from typing import Any, TypeVar

import pytest

from bot.config import Config
from bot.harness import OfflineBot, message_event, offline_bot, slash_event
from index.ingest import parse_bytes
from index.library import Library

from harness_helpers import raise_errors
from off_the_loop import watch_steps

GUILD_A, GUILD_B = 7100, 7200
CHANNEL_A, CHANNEL_B = 710, 720
ADMIN = 1 << 5
DEADLOCK_GUARD = 120.0  # seconds: only a pool that never frees a thread waits this long

T = TypeVar("T")

_SYLLABLES = ("ka lo mi ra ten vos bar quil dren sto pel nor gav rin tos mul zek hab fir "
              "yon").split()  # fmt: skip


def speaker_names(count: int, seed: int = 7) -> list[tuple[str, str]]:
    """Distinct made-up (first name, surname) pairs, the same on every run."""
    rnd = random.Random(seed)
    names: set[tuple[str, str]] = set()
    while len(names) < count:
        first = "".join(rnd.choice(_SYLLABLES) for _ in range(2)).capitalize()
        last = "".join(rnd.choice(_SYLLABLES) for _ in range(3)).capitalize()
        names.add((first, last))
    return sorted(names)


async def many_speakers_library(library: Library, articles: int = 12, per: int = 200) -> list[
        tuple[str, str]]:  # fmt: skip
    """Shared articles with ``per`` distinct speakers each, every one in an "X said" sentence."""
    people = speaker_names(articles * per)
    for a in range(articles):
        own = people[a * per : (a + 1) * per]
        text = f"Harbour hearing {a}\n\n" + "\n\n".join(
            f"{first} {last} said the plan number {n} for the harbour was sound."
            for n, (first, last) in enumerate(own)
        )
        doc = parse_bytes(text.encode(), source=f"hearing-{a}.txt", filename=f"hearing-{a}.txt")
        await library.add_document(doc)
    return people


def surname_question(people: list[tuple[str, str]], length: int = 480) -> str:
    """Speaker surnames up to ``length`` characters, ending in "'s reaction"."""
    surnames = [last for _, last in people]
    random.Random(3).shuffle(surnames)
    tail = "'s reaction"
    words: list[str] = []
    for surname in surnames:
        if len(" ".join([*words, surname])) + len(tail) > length:
            break
        words.append(surname)
    question = " ".join(words) + tail
    assert length - 20 <= len(question) <= length
    return question


def posted(h: OfflineBot, channel: int) -> list[dict[str, Any]]:
    return [r["json"] for r in h.requests
            if r["method"] == "POST" and r["path"] == f"/channels/{channel}/messages"]  # fmt: skip


async def test_adversarial_speaker_questions_do_not_stall_other_servers(
    library: Library, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Three members post a 480-character question of speaker surnames while another
    server asks: every step of their ranking runs off the loop while the loop serves, and
    the other server is answered."""
    import index.answering
    from index.scope import ScopeIndex
    from index.speakers import SpeakerDirectory

    people = await many_speakers_library(library)
    question = surname_question(people)
    first, last = people[123]
    config = Config(answer_channels=[CHANNEL_A, CHANNEL_B], cooldown_seconds=0,
                    channel_cooldown_seconds=0)  # fmt: skip
    async with offline_bot(config, library, {GUILD_A: [CHANNEL_A], GUILD_B: [CHANNEL_B]}) as h:

        async def scenario() -> None:
            h.api.requests.clear()
            before = set(asyncio.all_tasks())
            for member in range(3):
                await h.feed("MESSAGE_CREATE", message_event(
                    question, channel_id=CHANNEL_A, guild_id=GUILD_A, author_id=610 + member,
                ), settle=False)  # fmt: skip
            await h.feed("MESSAGE_CREATE", message_event(
                f"What did {first} {last} say?", channel_id=CHANNEL_B, guild_id=GUILD_B,
                author_id=620), settle=False)  # fmt: skip
            await h.settle(before, timeout=120)
            raise_errors(h)
            assert len(posted(h, CHANNEL_A)) == 3
            [other] = posted(h, CHANNEL_B)
            assert f"plan number {123 % 200} for the harbour" in other["embeds"][0]["description"]
            citation = other["embeds"][0]["description"].split("\n")[1]
            assert "speaker:" in citation and last in citation

        targets = [(index.answering, "parse_question"), (SpeakerDirectory, "find"),
                   (ScopeIndex, "scores")]  # fmt: skip
        with watch_steps(monkeypatch, targets) as steps:
            await scenario()
    assert steps.names() == {"parse_question", "find", "scores"}, steps.names()
    assert not steps.held_the_loop(), steps.held_the_loop()


# --- uploads ---------------------------------------------------------------------------------

_WORDS = ("harbour council ferry bridge vote mayor budget river port dock worker union strike "
          "city plan tax road rail school tide crane quay pilot cargo").split()  # fmt: skip


def big_article(n: int, paragraphs: int = 450) -> tuple[str, bytes, str]:
    """(file name, bytes, content type) of a few hundred KB: plain text or HTML."""
    rnd = random.Random(n)
    paras = [
        " ".join(" ".join(rnd.choice(_WORDS) for _ in range(12)).capitalize() + "."
                 for _ in range(6))
        for _ in range(paragraphs)
    ]  # fmt: skip
    if n % 2:
        html = (f"<html><head><title>Harbour report {n}</title></head><body><article>"
                + "".join(f"<p>{p}</p>" for p in paras) + "</article></body></html>")  # fmt: skip
        return f"report-{n}.html", html.encode(), "text/html"
    return (
        f"report-{n}.txt",
        (f"Harbour report {n}\n\n" + "\n\n".join(paras)).encode(),
        "text/plain",
    )


def recording(
    target: Callable[..., T], names: list[str], pool: ThreadPoolExecutor, free: list[bool]
) -> Callable[..., T]:
    """``target``, noting the thread it runs on and whether, while it runs, a job given to
    ``pool`` (the loop's default executor, where aiohttp resolves host names) starts: it
    waits for that job, so a pool taken by uploads shows as a job that never started."""

    def wrapper(*args: Any, **kwargs: Any) -> T:
        names.append(threading.current_thread().name)
        started = threading.Event()
        if not threading.current_thread().name.startswith("default-pool"):
            pool.submit(started.set)  # getaddrinfo() for another member's link, say
            started.wait(DEADLOCK_GUARD)
        free.append(started.is_set())
        return target(*args, **kwargs)

    return wrapper


async def test_large_uploads_leave_the_default_pool_to_dns(
    library: Library, monkeypatch: pytest.MonkeyPatch
) -> None:
    """aiohttp resolves host names in the loop's default executor: six uploads at once must
    not take it (its size here is what asyncio gives a 2-core machine). Each upload's
    parse and analysis waits, while it runs, for a job given to that pool to start: the
    pool is free throughout, whatever the machine's speed."""
    import index.ingest
    import index.library

    loop = asyncio.get_running_loop()
    default_pool = ThreadPoolExecutor(6, thread_name_prefix="default-pool")
    loop.set_default_executor(default_pool)
    # Every upload on the ingest thread, where the recorders below see it (from
    # index.library.PROCESS_FROM, an upload goes to the worker process instead).
    monkeypatch.setattr(index.library, "PROCESS_FROM", 1 << 30)
    ingest_threads: list[str] = []
    pool_free: list[bool] = []
    # The admin cog is an extension: discord.py runs its module afresh for every bot, so
    # parse_bytes is replaced where the module imports it from, before the bot is made.
    monkeypatch.setattr(index.ingest, "parse_bytes", recording(
        index.ingest.parse_bytes, ingest_threads, default_pool, pool_free))  # fmt: skip
    monkeypatch.setattr(index.library, "process", recording(
        index.library.process, ingest_threads, default_pool, pool_free))  # fmt: skip
    uploads = [big_article(n) for n in range(6)]
    assert all(150_000 < len(data) < 500_000 for _, data, _ in uploads)

    config = Config(cooldown_seconds=0, channel_cooldown_seconds=0)
    async with offline_bot(config, library, {GUILD_A: [CHANNEL_A]}) as h:
        h.api.requests.clear()
        events = []
        for name, data, ctype in uploads:
            attachment = h.api.attach(name, data, ctype)
            events.append(slash_event(
                "articles", [{"type": 11, "name": "file", "value": attachment["id"]}], sub="add",
                guild_id=GUILD_A, channel_id=CHANNEL_A, permissions=ADMIN,
                resolved={"attachments": {attachment["id"]: attachment}}))  # fmt: skip
        before = set(asyncio.all_tasks())
        for event in events:
            await h.feed("INTERACTION_CREATE", event, settle=False)
        await h.settle(before, timeout=300)
        raise_errors(h)
        finals = [r["json"]["content"] for r in h.requests
                  if r["method"] == "PATCH" and r["path"].endswith("/messages/@original")
                  and r["json"]["content"].startswith(("Added", "Not added"))]  # fmt: skip
    assert len(finals) == 6 and all(f.startswith("Added") for f in finals), finals
    assert len(ingest_threads) == 12  # each upload parsed, then analysed
    assert not [n for n in ingest_threads if n.startswith("default-pool")], ingest_threads
    assert pool_free == [True] * 12  # a host name lookup would have started meanwhile
    assert len(library.articles(GUILD_A)) == 6


# --- the work one question may ask for -------------------------------------------------------


async def test_work_per_question_is_capped(
    sample_library: Library, monkeypatch: pytest.MonkeyPatch
) -> None:
    """However a 500-character question is made, it ranks a bounded number of terms, looks
    up a bounded number of typos and names a speaker in a bounded number of words."""
    from index.bm25 import BM25Index
    from index.speakers import SpeakerDirectory
    from index.typos import TermCorrector

    corrected: list[str] = []
    ranked: list[int] = []
    speaker_words: list[int] = []
    real_correct, real_scores, real_find = (
        TermCorrector.correct, BM25Index.scores, SpeakerDirectory.find)  # fmt: skip

    def correct(self: TermCorrector, term: str, *args: Any) -> list[str]:
        corrected.append(term)
        return real_correct(self, term, *args)

    def scores(self: BM25Index, query: Any) -> Any:
        ranked.append(len(set(query)))
        return real_scores(self, query)

    def find(self: SpeakerDirectory, words: Any, visible: Any, *rest: Any) -> Any:
        speaker_words.append(len(words))
        return real_find(self, words, visible, *rest)

    monkeypatch.setattr(TermCorrector, "correct", correct)
    monkeypatch.setattr(BM25Index, "scores", scores)
    monkeypatch.setattr(SpeakerDirectory, "find", find)
    rnd = random.Random(5)
    gibberish = " ".join(
        "".join(rnd.choice("bcdfghjklmnpqrstvwxz") for _ in range(6)) for _ in range(70)
    )[:480]
    answer = await sample_library.ask(gibberish + "?")
    assert answer.abstained
    assert 0 < len(corrected) <= 8 and len(set(corrected)) == len(corrected)
    assert ranked and max(ranked) <= 32
    surnames = " ".join(["Peskov"] * 2 + ["Lavrov", "Putin", "Trump"] * 25)[:460] + "'s reaction"
    await sample_library.ask(surnames)
    assert speaker_words and max(speaker_words) <= 6


def _made_up_words(count: int) -> list[str]:
    """``count`` random lower-case words of 5 to 11 letters, the same every run: random
    bytes mapped to letters, then cut (a word's letters drawn one by one took a second and
    a half, most of the test)."""
    rnd = random.Random(11)
    letters = bytes(range(ord("a"), ord("z") + 1)) * 10  # 260 >= 256 bytes
    text = rnd.randbytes(11 * count).translate(letters[:256]).decode("ascii")
    lengths = rnd.choices(range(5, 12), k=count)
    return [text[11 * i : 11 * i + n] for i, n in enumerate(lengths)]


class _Vocabulary:
    """What typo correction reads of an index, over a large made-up vocabulary."""

    version = 0

    def __init__(self, terms: list[str]) -> None:
        self.terms = terms

    def __contains__(self, term: object) -> bool:
        return False

    def df(self, term: str) -> int:
        return 1

    def known_terms(self) -> Iterator[str]:
        return (t for t in self.terms)  # a generator, as BM25Index.known_terms() is


async def test_typo_lookup_in_a_huge_vocabulary_leaves_the_loop_running(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The library thread shares the GIL with the loop; rapidfuzz and ``sorted`` keep it for
    a whole call, so one call over a whole large vocabulary held the loop. Each such call
    is given at most a twentieth of the vocabulary, off the loop, while the loop serves."""
    import rapidfuzz.process

    import index.typos
    from index.typos import TermCorrector

    compared: list[int] = []  # choices per rapidfuzz call
    ordered: list[int] = []  # items per sorted() call
    real_extract, real_sorted = rapidfuzz.process.extract, sorted

    def extract(query: Any, choices: Any, *args: Any, **kwargs: Any) -> Any:
        choices = list(choices)
        compared.append(len(choices))
        return real_extract(query, choices, *args, **kwargs)

    def sorting(items: Any, *args: Any, **kwargs: Any) -> Any:
        items = list(items)
        ordered.append(len(items))
        return real_sorted(items, *args, **kwargs)

    monkeypatch.setattr(rapidfuzz.process, "extract", extract)
    monkeypatch.setattr(index.typos, "sorted", sorting, raising=False)

    terms = _made_up_words(1_000_000)
    index: Any = _Vocabulary(terms)
    loop = asyncio.get_running_loop()
    with ThreadPoolExecutor(1, thread_name_prefix="library-like") as thread:

        async def scenario() -> None:
            corrector = TermCorrector()  # a new one: its vocabulary copy is part of the work
            # No close spelling: the whole vocabulary is compared, then derivations looked up.
            found = await loop.run_in_executor(thread, corrector.correct, "qqqqqqqqzz", index, 0)
            assert found == []
            found = await loop.run_in_executor(thread, corrector.correct, terms[0] + "q", index, 0)
            assert terms[0] in found

        with watch_steps(monkeypatch, [(rapidfuzz.process, "extract")]) as steps:
            await scenario()
    slice_limit = len(terms) // 20
    assert sum(compared) >= 2 * len(terms)  # the whole vocabulary, for each of the two terms
    assert max(compared) <= slice_limit, max(compared)
    assert max(ordered, default=0) <= slice_limit, max(ordered)
    assert steps.ran and not steps.held_the_loop(), steps.held_the_loop()
