"""One small article's attribution and speaker directory, for tests that write an article
as (paragraph, sentence) rows and ask who speaks where and who a question means."""

from __future__ import annotations

from collections.abc import Sequence

from index.attribution import Attribution, attribute
from index.question import parse_question
from index.speakers import SpeakerDirectory


class SmallArticle:
    def __init__(self, name: str, rows: Sequence[tuple[int, str]]) -> None:
        self.name = name
        self.rows = list(rows)

    def attributed(self) -> Attribution:
        return attribute([t for _, t in self.rows], [p for p, _ in self.rows])

    def speaker_of(self, start: str) -> list[str]:
        """Who speaks in the one sentence that starts with ``start``."""
        (i,) = [i for i, (_, text) in enumerate(self.rows) if text.startswith(start)]
        return self.attributed().speakers[i]

    def roles(self, name: str) -> set[str]:
        return next(e.roles for e in self.attributed().entities if e.name == name)

    def who(self, question: str) -> list[str]:
        """Whom a member's "what did X say" means, as the speaker directory finds them."""
        found = self.attributed()
        directory = SpeakerDirectory()
        directory.add_article(
            self.name,
            [(i, "; ".join(names)) for i, names in enumerate(found.speakers)],
            [(e.name, " ".join(sorted(e.roles))) for e in found.entities],
        )
        words = parse_question(question).speaker
        return [name for _, name in directory.find(words, lambda _: True)]
