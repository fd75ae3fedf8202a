"""Every use the harness makes of discord.py internals, in one module.

discord.py has no public way to run a client without Discord: its REST and webhook
clients always talk to ``discord.http.Route.BASE``, and gateway events only arrive from
its websocket. The harness reaches into exactly two places to change that, and nowhere
else; if a discord.py upgrade moves either, this module is what to fix.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from typing import Any

import discord


def gateway_parsers(client: discord.Client) -> Mapping[str, Callable[[dict[str, Any]], None]]:
    """The gateway event handlers of ``client``, by event name (``"MESSAGE_CREATE"``).

    Why internal: ``DiscordWebSocket.received_message`` hands every dispatched event to
    ``ConnectionState.parsers[name](data)``. Feeding the same entry runs the same parsing,
    caching and dispatch as a live connection does; only the socket is left out.
    """
    return client._connection.parsers


@contextmanager
def rest_api_at(base: str) -> Iterator[None]:
    """Point discord.py's REST client and webhook adapter at ``base`` (".../api/v10")
    until the block ends, then restore what was there.

    Why internal: both build every URL from the class attribute ``Route.BASE``. It is
    process-wide, so it is changed only for the harness's lifetime, never left behind.
    """
    old = discord.http.Route.BASE
    discord.http.Route.BASE = base
    try:
        yield
    finally:
        discord.http.Route.BASE = old
