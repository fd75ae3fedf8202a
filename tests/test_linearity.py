"""Every stage of ingest and answering runs in time linear (or n log n) in its input.

The adversarial families of ``bench/linearity.py`` (repeated spaces, long header lines,
capitalised runs before "said", commas, quote marks, names, long tokens, punctuation,
nested brackets, short lines, Markdown and HTML nesting, front matter, questions) each
run at n and 4n through the real code. Time is process CPU time, so other work on a
shared machine barely counts. From n to 4n the time may grow at most 6.25 times (2.5 per
doubling: linear is 4, n log n a little more, quadratic 16); a family is measured once,
and a second time (at n, 2n and 4n, the minimum of three runs per size) before it fails;
one whose largest run takes under 10 ms cannot be a denial of service and passes. Before each size the time is projected
from the last one as if it were quadratic; when the 4n run would take seconds, the family
is judged again on sizes a quarter as large (a slow machine slows every size alike), and
only one that would take seconds even there fails without running it.
"""

from __future__ import annotations

import gc
import importlib.util
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
_spec = importlib.util.spec_from_file_location("linearity", ROOT / "bench" / "linearity.py")
assert _spec is not None and _spec.loader is not None
linearity = importlib.util.module_from_spec(_spec)
sys.modules["linearity"] = linearity
_spec.loader.exec_module(linearity)

MAX_GROWTH = 2.5**2  # from n to 4n
TOO_FAST_TO_MATTER = 0.010  # seconds for the 4n run
PROJECTED_LIMIT = 3.0  # seconds a run may be projected to take (quadratically)
SCALE = 0.6  # of the bench's sizes: the 4n runs take some 40-60 ms


@pytest.fixture(autouse=True)
def earlier_objects_frozen() -> Iterator[None]:
    """What earlier tests left on the heap is out of the collector's walks while a family
    runs (``gc.freeze``): each size's ``gc.collect()``, and any collection during a timed
    run, then walks only this family's objects. Late in a session the heap holds millions
    of objects, and three full collections per family cost more than its runs."""
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()


def _growth(times: list[float]) -> float:
    return times[-1] / max(times[0], 1e-6)


@pytest.mark.parametrize("family", linearity.FAMILIES, ids=lambda f: f.name)
def test_time_grows_linearly(family) -> None:
    # One run at n and at 4n first (the growth is judged on those two): nearly every family
    # is plainly linear in it. Only a curve that looks too steep is measured again, at n,
    # 2n and 4n, three runs per size, before it can fail.
    # On a slow machine the projection can stop a linear family's 4n run; the growth is then
    # judged on sizes a quarter as large, never on how long a run took.
    for scale in (SCALE, SCALE / 4):
        first = linearity.curve(
            family, scale, runs=1, limit=PROJECTED_LIMIT, probe=4, multiples=(1, 4)
        )
        if len(first) == 2:
            break
    assert len(first) == 2, f"{family.name}: would take over {PROJECTED_LIMIT} s: {first}"
    times = first
    if _growth(first) > MAX_GROWTH and first[-1] >= TOO_FAST_TO_MATTER:
        times = linearity.curve(family, scale, runs=3, limit=PROJECTED_LIMIT, probe=4)
        assert len(times) == 3, f"{family.name}: would take over {PROJECTED_LIMIT} s: {times}"
        times = [min(first[0], times[0]), times[1], min(first[1], times[2])]
    curve = ", ".join(f"{t * 1000:.1f}" for t in times)
    assert times[-1] < TOO_FAST_TO_MATTER or _growth(times) <= MAX_GROWTH, (
        f"{family.name}: n={int(family.n * scale):,}: {curve} ms at n, (2n,) 4n "
        f"({_growth(times):.1f}x)"
    )
