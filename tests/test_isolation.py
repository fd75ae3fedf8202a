"""Per-server libraries never leak, fuzzed over several servers and random operations."""

from __future__ import annotations

import random
from pathlib import Path

from index.ingest import parse_bytes
from index.library import Library, UnknownArticle

WORDS = ["harbor", "ferry", "budget", "mayor", "strike", "bridge", "school", "tram", "park"]


def article(server: int, n: int) -> bytes:
    marker = f"zq{server}x{n}"  # a word only this server's article holds
    return (f"The {WORDS[n % len(WORDS)]} plan {marker} was approved by the council. "
            f"Officials said the {WORDS[(n + 3) % len(WORDS)]} costs {n} million.").encode()  # fmt: skip


async def test_random_operations_never_leak_between_servers(tmp_path: Path) -> None:
    rng = random.Random(7)
    servers = [101, 202, 303, 404]
    lib = await Library.open(tmp_path / "iso.db")
    await lib.add_document(parse_bytes(b"Shared news: the council met today.", source="shared.txt",
                                       filename="shared.txt"))  # fmt: skip
    owned: dict[int, set[str]] = {s: set() for s in servers}
    for step in range(120):
        server = rng.choice(servers)
        action = rng.random()
        if action < 0.45 or not owned[server]:
            n = step
            doc = parse_bytes(article(server, n), source=f"s{server}-{n}.txt", filename="a.txt")
            added = await lib.add_document(doc, guild_id=server)
            owned[server].add(added.id)
        elif action < 0.6:
            victim = rng.choice(sorted(owned[server]))
            await lib.remove(victim, guild_id=server)
            owned[server].discard(victim)
        elif action < 0.65:
            await lib.reindex(guild_id=server)
        else:
            other = rng.choice([s for s in servers if s != server])
            # Ask in `server` for words that only `other` has.
            for article_id in list(owned[other])[:3]:
                marker = lib.article(article_id, other).source.split("-")[1].split(".")[0]
                answer = await lib.ask(f"zq{other}x{marker} plan", guild_id=server, k=10)
                assert all(q.citation.article_id not in owned[other] for q in answer.quotes)
        for s in servers:
            visible = {a.id for a in lib.articles(s) if a.guild_id is not None}
            assert visible == owned[s]
            assert lib.stats(s).articles == len(owned[s]) + 1
            # Removing another server's article is refused.
            for other in servers:
                if other != s and owned[other]:
                    try:
                        await lib.remove(next(iter(owned[other])), guild_id=s)
                    except UnknownArticle:
                        pass
                    else:
                        raise AssertionError("a server removed another server's article")
    await lib.close()


async def test_context_of_another_servers_sentence_is_refused(tmp_path: Path) -> None:
    import pytest

    lib = await Library.open(tmp_path / "ctx.db")
    doc = parse_bytes(article(1, 1), source="one.txt", filename="one.txt")
    await lib.add_document(doc, guild_id=1)
    [quote] = (await lib.ask("zq1x1 plan", guild_id=1, k=1)).quotes
    assert await lib.context(quote.sentence_id, 1, guild_id=1)
    with pytest.raises(UnknownArticle):
        await lib.context(quote.sentence_id, 1, guild_id=2)
    await lib.close()
