"""Two and then four bot processes on one database (issue 16): real processes, each one
offline bot through discord.py's real code paths (tests/bot_processes.py), on an SQLite
file and on a PostgreSQL server.

An admin adds through one process and members ask through the others, which answer from
the new article once their follower has loaded it; then members' questions go to every
other process while the admin adds, replaces and removes articles. Each answer names the
library version it was ranked on (``Answer.version``) and the admin's process reports what
the database held at each version, so the test checks that no answer mixes two versions.
The benches (bench/bot_processes.py) run the same path with 1,000 questions and print the
timings; this test asserts none. Its processes are forked from a server that imported the
bot once (tests/forks.py), not new interpreters: each is still a process of its own, with
its own discord.py and library, killed with SIGKILL where the test kills one.
"""

from __future__ import annotations

import asyncio
import random
import signal
from pathlib import Path

from bot_processes import BotProcess, Result, mixed, sentence_ids, start_all

from index.ingest import parse_bytes
from index.pipeline import process

BATCH = 8  # questions a member process is sent at once
CHANGES = 2  # the admin's add, replace, remove rounds while members ask


def report(n: int, word: str = "ferry", paragraphs: int = 12) -> str:
    body = "\n\n".join(f"The {word} vote number {i} of report {n} was close."
                       for i in range(paragraphs))  # fmt: skip
    return f"Report {n}\n\n{body}"


def question(n: int, i: int, word: str = "ferry") -> str:
    return f"What was the {word} vote number {i} of report {n}?"


class Versions:
    """What the database held at each library version, as the admin's process reports it
    after each of its changes (it is the only writer)."""

    def __init__(self) -> None:
        self.held: dict[int, set[int]] = {}

    def note(self, result: Result) -> Result:
        library = result["library"]
        self.held[library["version"]] = sentence_ids(library)
        return result


async def add(admin: BotProcess, versions: Versions, n: int, word: str = "ferry") -> Result:
    result = versions.note(await admin.call("add", name=f"report-{n}.txt", text=report(n, word)))
    assert result["id"] and result["reply"].startswith("Added"), result
    return result


def ok(result: Result) -> Result:
    assert result["errors"] == [], result["errors"]
    return result


async def every_member_answers_from(added: Result, members: list[BotProcess], n: int) -> None:
    """Each member process holds the added article soon, then answers from it."""
    article = set(added["library"]["sentences"][added["id"]])
    for member in members:
        ok(await member.call("await", id=added["id"]))
        [answer] = ok(await member.call("ask", questions=[question(n, 4)]))["answers"]
        assert answer["replied"] and answer["quoted"], answer
        assert answer["quoted"][0] in article and answer["version"] >= added["library"]["version"]


class Pace:
    """Members' batches counted, so that the admin's next change waits until every member
    answered a batch after the last one: questions fall between and during changes however
    fast either side runs."""

    def __init__(self, members: int) -> None:
        self.batches = [0] * members
        self.moved = asyncio.Condition()
        self.done = False

    async def batch_done(self, member: int) -> None:
        async with self.moved:
            self.batches[member] += 1
            self.moved.notify_all()

    async def one_more_batch_each(self) -> None:
        async with self.moved:
            seen = list(self.batches)
            await self.moved.wait_for(
                lambda: all(b > s for b, s in zip(self.batches, seen, strict=True))
            )


async def ask_until(member: BotProcess, pace: Pace, n: int) -> list[Result]:
    """Batches of questions about every report the admin adds, until the admin is done."""
    answers: list[Result] = []
    rng = random.Random(n)
    while not pace.done:
        batch = [question(rng.choice([1, 2, 10, 11, 12]), rng.randrange(12),
                          rng.choice(["ferry", "bridge"])) for _ in range(BATCH)]  # fmt: skip
        answers.extend(ok(await member.call("ask", questions=batch))["answers"])
        await pace.batch_done(n)
    return answers


async def change_meanwhile(admin: BotProcess, versions: Versions, pace: Pace) -> None:
    try:
        for round_ in range(CHANGES):
            await pace.one_more_batch_each()
            added = await add(admin, versions, 10 + round_)
            await pace.one_more_batch_each()
            await add(admin, versions, 1, word="bridge" if round_ % 2 == 0 else "ferry")
            await pace.one_more_batch_each()
            removed = versions.note(ok(await admin.call("remove", id=added["id"])))
            assert removed["reply"].startswith("Removed"), removed
        await pace.one_more_batch_each()
    finally:
        pace.done = True


async def test_two_then_four_bot_processes_answer_from_one_library(
    database: str, tmp_path: Path
) -> None:
    versions = Versions()
    admin = await BotProcess.start(database, tmp_path, forked=True)  # creates the database alone
    processes = [admin]
    try:
        versions.note(await admin.call("library"))
        members = await start_all(database, tmp_path, 1, forked=True)
        processes += members
        await every_member_answers_from(await add(admin, versions, 1), members, 1)  # two
        members += await start_all(database, tmp_path, 2, forked=True)
        processes += members[1:]
        await every_member_answers_from(await add(admin, versions, 2), members, 2)  # four

        before = versions.held[max(versions.held)]
        pace = Pace(len(members))
        asked = await asyncio.gather(
            change_meanwhile(admin, versions, pace),
            *(ask_until(m, pace, n) for n, m in enumerate(members)),
        )
        answers = [a for member_answers in asked[1:] for a in member_answers]
        assert all(a["replied"] for a in answers)
        assert all(a["shown"] == a["quoted"] for a in answers)  # the reply is that answer
        assert mixed(answers, versions.held) == []
        # Questions were answered at more than one version, and from the reports added
        # or replaced meanwhile too: the check above had something to look at.
        assert len({a["version"] for a in answers}) > 1
        assert {sid for a in answers for sid in a["quoted"]} - before
        final = max(versions.held)
        for member in members:  # and every process ends on the last version
            assert ok(await member.call("await", version=final))["version"] == final
    finally:
        await asyncio.gather(*(p.stop() for p in processes))


def big_report(paragraphs: int = 2500) -> str:
    return report(99, "harbour", paragraphs)


async def test_a_bot_process_killed_mid_ingest_others_keep_answering_whole_or_none(
    database: str, tmp_path: Path
) -> None:
    """The admin's process is SIGKILLed while it adds a large article; a member's process
    answers throughout, and the database holds that article whole or not at all."""
    name = "report-99.txt"
    expected = len(
        process(parse_bytes(big_report().encode(), source=name, filename=name)).sentences
    )
    rng = random.Random(20261126)
    versions = Versions()
    admin = await BotProcess.start(database, tmp_path, forked=True)
    member = (await start_all(database, tmp_path, 1, forked=True))[0]
    processes = [admin, member]
    try:
        await every_member_answers_from(await add(admin, versions, 1), [member], 1)
        await admin.send("add", name=name, text=big_report())
        await asyncio.sleep(rng.uniform(0.05, 0.5))  # the add takes ~0.5 s alone
        answers = ok(await member.call("ask", questions=[question(1, 3)] * 4))["answers"]
        admin.kill()
        assert await admin.process.wait() == -signal.SIGKILL
        answers += ok(await member.call("ask", questions=[question(1, 5)] * 4))["answers"]
        assert all(a["replied"] and a["quoted"] for a in answers)
        stored = (await member.call("library"))["library"]
        held = [ids for a, ids in stored["sentences"].items() if a.startswith("report-99-")]
        assert len(held) <= 1 and all(len(ids) == expected for ids in held), held
        # The member ends on what the database holds, and answers from it.
        await member.call("await", version=stored["version"])
        [answer] = ok(await member.call("ask", questions=[question(99, 7, "harbour")]))["answers"]
        quoted = set(answer["quoted"])
        assert quoted <= sentence_ids(stored)
        if held:  # stored whole: the member answers from it
            assert quoted & set(held[0])
    finally:
        await asyncio.gather(*(p.stop() for p in processes))


class History:
    """The library's versions rebuilt from every change, when several processes write: each
    change is one version (writers take turns), which its process reports (``last_write``)."""

    def __init__(self, start: Result) -> None:
        self.first = start["library"]["version"]
        self.start = {a: set(ids) for a, ids in start["library"]["sentences"].items()}
        self.changes: dict[int, tuple[str, set[int] | None]] = {}

    def added(self, result: Result) -> Result:
        ok(result)
        assert result["reply"].startswith("Added"), result
        sids = set(result["library"]["sentences"][result["id"]])
        self.changes[result["last_write"][1]] = (result["id"], sids)
        return result

    def removed(self, result: Result, article_id: str) -> None:
        ok(result)
        assert result["reply"].startswith("Removed"), result
        self.changes[result["last_write"][1]] = (article_id, None)

    def versions(self) -> dict[int, set[int]]:
        assert sorted(self.changes) == list(range(self.first + 1, max(self.changes) + 1))
        state = dict(self.start)
        held = {self.first: set().union(*state.values())}
        for version in sorted(self.changes):
            article_id, sids = self.changes[version]
            if sids is None:
                del state[article_id]
            else:
                state[article_id] = sids
            held[version] = set().union(*state.values())
        return held


async def write_and_ask(admin: BotProcess, history: History, first: int) -> list[Result]:
    """An admin adding, replacing and removing its own reports, asking about them between."""
    answers: list[Result] = []
    rng = random.Random(first)

    async def ask() -> None:
        batch = [question(rng.choice([1, first, first + 1]), rng.randrange(12),
                          rng.choice(["ferry", "bridge"])) for _ in range(4)]  # fmt: skip
        answers.extend(ok(await admin.call("ask", questions=batch))["answers"])

    for round_ in range(CHANGES):
        n = first + round_ % 2
        added = history.added(await admin.call("add", name=f"report-{n}.txt", text=report(n)))
        await ask()
        word = "bridge" if round_ % 2 == 0 else "ferry"
        history.added(await admin.call("add", name=f"report-{n}.txt", text=report(n, word)))
        await ask()
        history.removed(await admin.call("remove", id=added["id"]), added["id"])
        await ask()
    return answers


async def test_two_admins_writing_at_once_answers_never_mix_versions(
    database: str, tmp_path: Path
) -> None:
    """Two processes add, replace and remove at the same time and answer between their
    changes: a process that writes on top of the other's change it has not loaded yet
    must not answer from its own write without that change."""
    first = await BotProcess.start(database, tmp_path, forked=True)
    processes = [first]
    try:
        await first.call("add", name="report-1.txt", text=report(1))
        history = History(await first.call("library"))
        processes += await start_all(database, tmp_path, 2, forked=True)
        _, second, member = processes
        for p in processes:
            await p.call("await", version=history.first)
        pace = Pace(1)

        async def admins() -> list[list[Result]]:
            try:
                return list(await asyncio.gather(
                    write_and_ask(first, history, 10), write_and_ask(second, history, 20)))  # fmt: skip
            finally:
                pace.done = True

        written, member_answers = await asyncio.gather(admins(), ask_until(member, pace, 0))
        answers = [*written[0], *written[1], *member_answers]
        assert all(a["replied"] and a["shown"] == a["quoted"] for a in answers)
        assert mixed(answers, history.versions()) == []
    finally:
        await asyncio.gather(*(p.stop() for p in processes))
