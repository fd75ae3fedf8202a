"""Read a question: what it asks for (its type), who it asks about, and the terms to search.

The question *frame* ("how many", "what is the name of", "what did X say") says what
kind of answer is wanted; it is not content to match, so its words are taken out of the
search terms and turned into an expected answer type or an attribution target.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum

from rapidfuzz.distance import OSA

from .analyze import analyze, is_informative, words


class AnswerType(Enum):
    ANY = "any"
    NUMBER = "number"
    DATE = "date"
    DURATION = "duration"
    PERSON = "person"
    PLACE = "place"
    REASON = "reason"


# First words of a question → answer type (longest prefix wins).
_TYPE_PREFIXES: dict[tuple[str, ...], AnswerType] = {
    ("how", "many"): AnswerType.NUMBER,
    ("how", "much"): AnswerType.NUMBER,
    ("what", "percentage"): AnswerType.NUMBER,
    ("what", "percent"): AnswerType.NUMBER,
    ("what", "number"): AnswerType.NUMBER,
    ("when",): AnswerType.DATE,
    ("what", "year"): AnswerType.DATE,
    ("which", "year"): AnswerType.DATE,
    ("in", "what", "year"): AnswerType.DATE,
    ("in", "which", "year"): AnswerType.DATE,
    ("what", "date"): AnswerType.DATE,
    ("what", "day"): AnswerType.DATE,
    ("what", "time"): AnswerType.DATE,
    ("what", "century"): AnswerType.DATE,
    ("what", "decade"): AnswerType.DATE,
    ("how", "long"): AnswerType.DURATION,
    ("who",): AnswerType.PERSON,
    ("whom",): AnswerType.PERSON,
    ("whose",): AnswerType.PERSON,
    ("where",): AnswerType.PLACE,
    ("what", "city"): AnswerType.PLACE,
    ("which", "city"): AnswerType.PLACE,
    ("what", "country"): AnswerType.PLACE,
    ("which", "country"): AnswerType.PLACE,
    ("in", "what", "city"): AnswerType.PLACE,
    ("in", "which", "city"): AnswerType.PLACE,
    ("in", "what", "country"): AnswerType.PLACE,
    ("why",): AnswerType.REASON,
}

# Words that only shape a question ("what *type* of", "how *many*"): never search terms.
FRAME_WORDS = frozenset(
    "many much name named type types kind kinds sort percentage percent number year years "
    "date day time century decade long often far city country called".split()
)

# Verbs of "what did X say / think / tell …" questions, matched with one typo allowed.
SPEECH_QUESTION_VERBS = (
    "say", "said", "says", "tell", "told", "think", "thinks", "believe", "claim", "claimed",
    "write", "wrote", "comment", "commented", "respond", "responded", "react", "reacted",
    "announce", "announced", "state", "stated", "argue", "argued", "mean", "want", "promise",
    "promised", "warn", "warned", "reply", "replied", "add", "added",
)  # fmt: skip
REACTION_NOUNS = (
    "reaction", "response", "view", "views", "position", "stance", "comment", "comments",
    "statement", "statements", "words", "opinion", "remarks", "quote", "quotes",
)  # fmt: skip
_AUX = {"did", "does", "do", "has", "have", "had", "is", "was", "will", "would", "could"}


@dataclass(frozen=True)
class Question:
    text: str
    terms: list[str]  # analysed search terms, frame words removed
    answer_type: AnswerType = AnswerType.ANY
    speaker: list[str] = field(default_factory=list)  # folded words naming who spoke
    topic_terms: list[str] = field(default_factory=list)  # attribution: what about
    question_words: frozenset[str] = frozenset()  # folded words of the question


def _answer_type(tokens: list[str]) -> AnswerType:
    best: tuple[int, AnswerType] = (0, AnswerType.ANY)
    for prefix, kind in _TYPE_PREFIXES.items():
        if tuple(tokens[: len(prefix)]) == prefix and len(prefix) > best[0]:
            best = (len(prefix), kind)
    return best[1]


def _is_speech_verb(word: str) -> bool:
    return any(
        word == v or (len(word) >= 3 and len(v) >= 3 and OSA.distance(word, v) <= 1)
        for v in SPEECH_QUESTION_VERBS
    )


def _speaker_frame(tokens: list[str]) -> tuple[list[str], list[str]] | None:
    """(speaker words, topic words) of "what did X say (about Y)" / "X's reaction to Y"."""
    if len(tokens) >= 4 and tokens[0] in {"what", "how"} and tokens[1] in _AUX:
        for i in range(3, min(len(tokens), 9)):
            if _is_speech_verb(tokens[i]):
                speaker = [t for t in tokens[2:i] if is_informative(t)]
                if speaker:
                    return speaker, tokens[i + 1 :]
                return None
    # For "the reaction of X to Y": where X ends after each position, and how many
    # informative words come before each position, so no reaction noun rescans the rest.
    ends = [len(tokens)] * (len(tokens) + 1)
    for k in range(len(tokens) - 1, -1, -1):
        ends[k] = k if tokens[k] in {"to", "on", "about"} else ends[k + 1]
    informative = [0]
    for t in tokens:
        informative.append(informative[-1] + is_informative(t))
    for i, tok in enumerate(tokens):
        if tok in REACTION_NOUNS and i >= 1:
            # "X's reaction", "the reaction of X"
            if i >= 2 and tokens[i - 1] == "s":
                j = i - 2
                while j > 0 and tokens[j - 1] not in _AUX and is_informative(tokens[j - 1]):
                    j -= 1
                return [t for t in tokens[j : i - 1] if is_informative(t)], tokens[i + 1 :]
            if i + 2 < len(tokens) and tokens[i + 1] in {"of", "from", "by"}:
                start, cut = i + 2, ends[i + 2]
                if informative[cut] > informative[start]:
                    return [t for t in tokens[start:cut] if is_informative(t)], tokens[cut:]
    return None


def parse_question(text: str) -> Question:
    tokens = words(text)
    kind = _answer_type(tokens)
    frame = _speaker_frame(tokens)
    speaker: list[str] = []
    topic: list[str] = []
    if frame is not None:
        speaker, topic_words = frame
        topic = analyze(" ".join(topic_words))
    # Frame words are dropped only from the frame (the first words), so that a question
    # about "the number of prisoners" still searches "number" when it is content.
    frame_len = 0
    for prefix in _TYPE_PREFIXES:
        if tuple(tokens[: len(prefix)]) == prefix:
            frame_len = max(frame_len, len(prefix))
    kept = [
        t for i, t in enumerate(tokens)
        if not (t in FRAME_WORDS and i < frame_len + 3)
        and not (frame is not None and i < 9 and _is_speech_verb(t))
    ]  # fmt: skip
    terms = analyze(" ".join(kept))
    if not terms:  # a question made only of frame words: search them after all
        terms = analyze(text)
    return Question(
        text=text,
        terms=terms,
        answer_type=kind,
        speaker=speaker,
        topic_terms=topic,
        question_words=frozenset(tokens),
    )
