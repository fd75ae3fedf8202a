"""What storing each answer for 👍/👎 costs: one small write transaction per reply.

    python bench/feedback_writes.py [N]

Times ``FeedbackStore.record_answer`` (what every reply with quotes now does before it is
sent) against ``Library.ask`` on the bundled sample, in a new database file.
"""

from __future__ import annotations

import asyncio
import sys
import tempfile
import time
from collections.abc import Awaitable, Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bot import sample_article  # noqa: E402
from index.feedback import FeedbackStore  # noqa: E402
from index.library import Library  # noqa: E402


async def timed(n: int, step: Callable[[], Awaitable[object]]) -> str:
    times = []
    for _ in range(n):
        started = time.perf_counter()
        await step()
        times.append(time.perf_counter() - started)
    times.sort()
    return f"median {times[n // 2] * 1e3:.2f} ms, p95 {times[n * 95 // 100] * 1e3:.2f} ms"


async def main(n: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        async with await Library.open(Path(tmp) / "bench.db", semantic=False) as library:
            await library.add_path(sample_article())
            answer = await library.ask("What did Peskov say?")
            feedback = FeedbackStore(library.store)

            async def record() -> None:
                await feedback.record_answer(answer.question, answer.quotes, 4200, 111)

            async def ask() -> None:
                await library.ask("What did Peskov say?", guild_id=4200)

            print(f"record_answer ({n}): {await timed(n, record)}")
            print(f"ask, lexical    ({n}): {await timed(n, ask)}")


if __name__ == "__main__":
    asyncio.run(main(int(sys.argv[1]) if len(sys.argv) > 1 else 1000))
