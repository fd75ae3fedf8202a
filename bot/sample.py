"""The bundled sample article: the local harness's, never a real bot's unless listed.

The quick start runs the local harness on ``./articlebot.db``, which adds the sample to
that database; the bot started later with a token opens the same file. So the sample is
recognised in a library (by the id the library recorded when it added it, or by its file)
and the real bot withholds it unless the owner lists it in ``library.articles``.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from index.library import Library
from index.models import Article

from . import sample_article


def _same_file(a: str | Path, b: str | Path) -> bool:
    try:
        return Path(a).resolve() == Path(b).resolve()
    except (OSError, RuntimeError, ValueError):
        return False


def _is_sample_source(source: str) -> bool:
    """The bundled file of this installation or of any other (an older version's venv):
    its name under a ``bot/data`` folder."""
    bundled = sample_article()
    if _same_file(source, bundled):
        return True
    path = Path(source)
    return path.name == bundled.name and path.parent.parts[-2:] == ("bot", "data")


async def sample_articles(library: Library) -> list[Article]:
    """The shared articles of ``library`` that are the bundled sample."""
    seeded = await library.store.get_meta("seeded")
    return [
        a
        for a in library.articles()
        if a.guild_id is None and (a.id == seeded or _is_sample_source(a.source))
    ]


def listed(article: Article, configured: Sequence[str]) -> bool:
    """Does the owner's ``library.articles`` list this article's file?"""
    return any(
        _same_file(path, article.source) or _same_file(path, sample_article())
        for path in configured
    )
