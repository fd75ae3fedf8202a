"""Read JSON Lines: one object a line, blank lines skipped, errors name the line."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator, Sequence
from typing import Any


def read_objects(
    lines: Sequence[str], valid: Callable[[dict[str, Any]], bool], expected: str, where: str = ""
) -> Iterator[tuple[int, dict[str, Any]]]:
    """(line number, object) for each non-blank line; ValueError names the first bad line.

    ``valid`` checks an object's shape; ``expected`` says what shape was wanted.
    """
    prefix = f"{where}:" if where else "line "
    for n, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            item = json.loads(line)
        except json.JSONDecodeError as exc:
            raise ValueError(f"{prefix}{n}: not JSON ({exc.msg})") from None
        if not isinstance(item, dict) or not valid(item):
            raise ValueError(f"{prefix}{n}: expected {expected}")
        yield n, item
