"""Does a piece of work grow linearly with its input? Judged by a ratio, never a bound.

:func:`assert_linear` times the same work at n and at 4n and fails when the time grew
more than 8 times (linear work grows 4 times, n log n a little more, quadratic 16). A
ratio of two times measured on the same machine at the same moment does not depend on
the machine's speed: a machine two or three times slower, or one busy with other work,
makes both runs slower alike.

Noise is kept small by measuring CPU time of the calling thread only (other processes and
the test process's other threads do not count), with the garbage collector off (and the
heap earlier tests left frozen out of its walks), taking the best of three runs, and
repeating a quick piece of work until one sample holds enough of it (the count of repeats
is the same at n and 4n, so it cancels in the ratio). A ratio over the bound is measured
once more before it fails.
"""

from __future__ import annotations

import gc
import math
import time
from collections.abc import Callable

FACTOR = 4  # the large input is this many times the small one
MAX_GROWTH = 8.0  # allowed growth from n to 4n: linear 4, quadratic 16
RUNS = 3  # runs per size; the quickest is judged
SAMPLE = 0.02  # seconds of CPU one sample at n should hold, for the repeat count only
MAX_REPEATS = 1_000


def _cpu(work: Callable[[int], object], n: int, repeats: int) -> float:
    start = time.thread_time()
    for _ in range(repeats):
        work(n)
    return time.thread_time() - start


def growth(
    work: Callable[[int], object], n: int, factor: int = FACTOR, max_growth: float = MAX_GROWTH
) -> tuple[float, float]:
    """(CPU time at n, CPU time at factor·n), the best of :data:`RUNS` runs each; the large
    input's runs stop as soon as one is within ``max_growth`` of the small one."""
    work(n)  # warm up: imports, caches, compiled patterns
    # What earlier tests left on the heap is frozen out of the collector's walks: late in a
    # session a full collection of it costs more than the runs themselves.
    gc.freeze()
    gc.collect()
    enabled = gc.isenabled()
    gc.disable()
    try:
        once = _cpu(work, n, 1)
        repeats = min(MAX_REPEATS, max(1, math.ceil(SAMPLE / max(once, 1e-6))))
        small = min(_cpu(work, n, repeats) for _ in range(RUNS))
        large = math.inf
        for _ in range(RUNS):
            large = min(large, _cpu(work, factor * n, repeats))
            if large <= small * max_growth:
                break
    finally:
        if enabled:
            gc.enable()
        gc.unfreeze()
    return small, large


def assert_linear(
    work: Callable[[int], object],
    n: int,
    *,
    factor: int = FACTOR,
    max_growth: float = MAX_GROWTH,
    what: str = "",
) -> None:
    """Fail when ``work(factor * n)`` costs more than ``max_growth`` times ``work(n)``."""
    ratios = []
    for _ in range(2):  # a second measurement before failing
        small, large = growth(work, n, factor, max_growth)
        ratios.append(large / max(small, 1e-9))
        if ratios[-1] <= max_growth:
            return
    raise AssertionError(
        f"{what or getattr(work, '__name__', 'work')}: time grew "
        f"{' then '.join(f'{r:.1f}x' for r in ratios)} from n={n:,} to {factor * n:,} "
        f"(linear is {factor}x; the bound is {max_growth:g}x)"
    )
