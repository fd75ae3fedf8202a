"""One family for the errors articlebot reports to its user.

An :class:`ArticlebotError` is caused by what the user gave: a file, a URL, a database,
a setting, a command line, an article id. Its ``str()`` is a one-line reason, and the
command line prints it as such (exit status 2). Any other exception that escapes is a
bug, and is reported as one.

The family: ``index.ingest.IngestError``, ``index.store.StoreError``,
``index.fetch.FetchError``, ``index.library.UnknownArticle``, ``bot.config.ConfigError``,
``bot.cli.UsageError`` and ``bot.replay.ReplayError``.
"""

from __future__ import annotations


class ArticlebotError(Exception):
    """Bad input from the user; ``str()`` says what is wrong, in one line."""
