"""What the tests get back from one ``articlebot`` command (the ``cli`` fixture)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass


@dataclass
class Run:
    """What one ``articlebot`` command did: exit status, stdout, stderr."""

    returncode: int
    stdout: str
    stderr: str


Cli = Callable[..., Run]  # cli("ask", "question", "--db", path, stdin="...") -> Run
