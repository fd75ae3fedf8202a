"""Plain dataclasses that flow from ingest to the rendered reply."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Document:
    """An article as read from a file or URL, before segmentation.

    ``text`` is the decoded source text; ``body_start`` is where the article body begins
    in it (after a header line or front matter), so offsets always refer to ``text``.
    """

    text: str
    source: str
    title: str
    date: str | None = None
    url: str | None = None
    body_start: int = 0


@dataclass(frozen=True)
class Sentence:
    """One sentence, verbatim, with its position in the article text."""

    paragraph: int  # 1-based paragraph number
    number: int  # 1-based sentence number within the article
    start: int  # character offsets into Document.text
    end: int
    text: str
    speaker: str | None = None


@dataclass(frozen=True)
class Article:
    id: str
    title: str
    source: str
    date: str | None = None
    url: str | None = None
    guild_id: int | None = None  # None: shared by every server
    sentences: int = 0


@dataclass(frozen=True)
class Citation:
    article_id: str
    title: str
    date: str | None
    url: str | None
    source: str
    paragraph: int
    sentence: int
    start: int
    end: int


@dataclass(frozen=True)
class Quote:
    text: str
    citation: Citation
    score: float
    speaker: str | None = None
    sentence_id: int = 0


@dataclass(frozen=True)
class Answer:
    question: str
    quotes: list[Quote] = field(default_factory=list)
    searched_for: str | None = None  # set when typos were corrected
    note: str | None = None  # why nothing was quoted, or how the question was read
    # Chatter ("thanks!", "lol ok", an emoji) rather than a question: the bot stays silent.
    small_talk: bool = False
    # Which rule declined the question (None when answered): for admins and the eval's misses.
    declined_by: str | None = None
    # The library version it was ranked on (Library.version): every quote comes from that
    # version's articles, which is how several processes can be checked never to mix two.
    version: int | None = None

    @property
    def abstained(self) -> bool:
        return not self.quotes

    def to_json(self) -> dict[str, object]:
        return {
            "question": self.question,
            "abstained": self.abstained,
            "searched_for": self.searched_for,
            "note": self.note,
            "declined_by": self.declined_by,
            "small_talk": self.small_talk,
            "version": self.version,
            "quotes": [
                {
                    "text": q.text,
                    "article_id": q.citation.article_id,
                    "title": q.citation.title,
                    "date": q.citation.date,
                    "url": q.citation.url,
                    "paragraph": q.citation.paragraph,
                    "sentence": q.citation.sentence,
                    "start": q.citation.start,
                    "end": q.citation.end,
                    "source": q.citation.source,
                    "score": round(q.score, 6),
                    "speaker": q.speaker,
                }
                for q in self.quotes
            ],
        }
