"""The questions asked by message in the last few minutes, and the bot's reply to each:
what an edit of a question needs to edit its answer instead of going unseen."""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass

from .clock import Clock

EDIT_WINDOW = 300.0  # seconds after asking in which an edit re-asks
MAX_REMEMBERED = 5000  # questions; the oldest are forgotten first


@dataclass
class Answered:
    question: str  # as the bot read it (mention removed, spaces folded)
    reply_id: int | None  # the bot's reply; None when there was none (small talk)
    asked_at: float  # clock time


class AnsweredQuestions:
    """Question message id -> :class:`Answered`, bounded in number and in age."""

    def __init__(self, clock: Clock, window: float = EDIT_WINDOW, size: int = MAX_REMEMBERED):
        self._clock = clock
        self._window = window
        self._size = size
        self._items: OrderedDict[int, Answered] = OrderedDict()

    def remember(self, message_id: int, answered: Answered) -> None:
        self._items[message_id] = answered
        self._items.move_to_end(message_id)
        while len(self._items) > self._size:
            self._items.popitem(last=False)

    def get(self, message_id: int) -> Answered | None:
        """The entry, while the question is young enough to be re-asked by an edit."""
        answered = self._items.get(message_id)
        if answered is None:
            return None
        if self._clock.now() - answered.asked_at > self._window:
            del self._items[message_id]
            return None
        return answered

    def forget(self, message_id: int) -> None:
        self._items.pop(message_id, None)
