"""One small article's attribution and speaker directory, for tests that write an article
as (paragraph, sentence) rows and ask who speaks where and who a question means."""

from __future__ import annotations

from collections.abc import Sequence

from index.answer_context import rarity
from index.attribution import Attribution, attribute
from index.question import asks_for_a_person, parse_question
from index.speakers import SpeakerDirectory


class SmallArticle:
    def __init__(self, name: str, rows: Sequence[tuple[int, str]], headline: str = "") -> None:
        self.name = name
        self.rows = list(rows)
        self.headline = headline

    def attributed(self) -> Attribution:
        return attribute([t for _, t in self.rows], [p for p, _ in self.rows])

    def speaker_of(self, start: str) -> list[str]:
        """Who speaks in the one sentence that starts with ``start``."""
        (i,) = [i for i, (_, text) in enumerate(self.rows) if text.startswith(start)]
        return self.attributed().speakers[i]

    def roles(self, name: str) -> set[str]:
        return next(e.roles for e in self.attributed().entities if e.name == name)

    def who(self, question: str, names_required: bool = False, person: bool = False) -> list[str]:
        """Whom a member's "what did X say" means, as the speaker directory finds them;
        with ``names_required``, as answering asks: a word that is no common English word
        (a name, a place) must be matched; with ``person``, a word for a person in the
        question ("the union guy") asks for people before bodies, as answering does."""
        found = self.attributed()
        directory = SpeakerDirectory()
        spoken = [(i, "; ".join(names)) for i, names in enumerate(found.speakers)]
        entities = [(e.name, " ".join(sorted(e.roles))) for e in found.entities]
        if self.headline:
            directory.add_article(self.name, spoken, entities, self.headline)
        else:
            directory.add_article(self.name, spoken, entities)
        parsed = parse_question(question)
        required = (lambda w: rarity(w) >= 1.0) if names_required else (lambda _w: False)
        people = person and asks_for_a_person(parsed)
        found = directory.find(parsed.speaker, lambda _: True, required, people)
        return [name for _, name in found]
