"""A large library's objects kept out of reach of Python's cyclic garbage collector.

A full collection walks every object the collector tracks while holding the GIL, so it
stalls the event loop whichever thread set it off. Once a large library has loaded, its
vocabulary and catalogue, with the bot's modules, make that walk long (it grows with the
library, and a busy machine stretches it further), and a bot answering questions sets one
off every minute or so. :func:`gc.freeze` moves every object alive at that moment to a
generation no collection walks.

What is alive once the library has loaded lives as long as the process, or is freed by
reference counting as usual (frozen objects still are); only garbage in a reference cycle
that is alive at the freeze is never reclaimed, hence a collection of the young
generations first, and hence only for a large library: a small one costs a short walk,
and a process that opens many small libraries (the tests) must not keep every closed one.
"""

from __future__ import annotations

import gc
import logging

log = logging.getLogger(__name__)

FREEZE_FROM = 20_000  # sentences held: below this a full collection is short anyway


def freeze_if_large(sentences: int) -> bool:
    """Freeze what is alive now when ``sentences`` reaches :data:`FREEZE_FROM`; whether
    it did."""
    if sentences < FREEZE_FROM:
        return False
    gc.collect(1)
    gc.freeze()
    log.info("%d objects moved out of the garbage collector's walks", gc.get_freeze_count())
    return True
