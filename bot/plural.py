"""Counted nouns: "1 article", "2 articles", "1,234 sentences".

Every count the bot or the command line prints goes through :func:`plural`, so no message
says "1 articles" or "1 sentence(s)".
"""

from __future__ import annotations


def plural(count: int, singular: str, plural_form: str | None = None) -> str:
    """``count`` and the noun agreeing with it; the plural form defaults to ``singular + "s"``."""
    noun = singular if count == 1 else (plural_form or singular + "s")
    return f"{count:,} {noun}"
