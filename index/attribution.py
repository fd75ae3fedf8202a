"""Who speaks in each sentence of an article, and which roles the article gives them.

Rule-based, for English news prose: a speech verb ("said", "told", "refused to
comment", "according to", …) and its subject (the name or noun phrase before it, or the
name after it: "…,” said Peskov"). Pronouns and definite descriptions ("he", "the
source", "the spokesperson") carry over to the last matching speaker in the paragraph; a
sentence that opens a quotation with no verb of its own continues the previous speaker's
quote. Names met with a role before them ("Kremlin spokesperson Dmitry Peskov",
"Russian Foreign Minister Sergei Lavrov") give that entity its role words.

Every search is bounded where it meets the text: a subject is looked for at most
:data:`SUBJECT_WINDOW` tokens left of its verb (a speaker's name is near the verb), a
capitalised run around a verb is read for at most :data:`MAX_RUN` tokens, a name keeps at
most :data:`MAX_NAME_WORDS` words, and a paragraph remembers its last
:data:`MAX_RECENT` speakers. So the work is linear in the text, with no recursion, whatever
the article holds (thousands of commas, capitalised runs of any length, huge tokens).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from .analyze import fold as _fold_text

SUBJECT_WINDOW = 80  # tokens left of a speech verb in which its subject is looked for
MAX_RUN = 24  # tokens of a capitalised run (role words and name) read around a verb
MAX_NAME_WORDS = 12  # a longer run's name is its last words (the surname stays last)
MAX_NAME_CHARS = 200  # anything longer is no name
MAX_RECENT = 16  # speakers a paragraph remembers for "he", "the source", …
MAX_SPEAKERS_PER_SENTENCE = 8
_CACHED_WORD_CHARS = 64  # longer tokens are folded every time rather than kept in the cache

SPEECH_VERBS = frozenset(
    """
    say says said saying tell tells told telling write writes wrote adds added
    stated announce announces announced declare declares declared explain explains
    explained noted argue argues argued insist insists insisted claim claims
    claimed warn warns warned confirm confirms confirmed praise praises praised deny denies
    denied urge urges urged reply replies replied respond responds responded acknowledge
    acknowledged admit admits admitted suggest suggests suggested stress stresses stressed
    emphasise emphasised emphasize emphasized comment comments commented tweet tweeted posted
    recalled predicted vowed promised asserted countered remarked observed speak speaks spoke
    """.split()
)
PRONOUNS = frozenset("he she they it we i".split())
# Title words that stand before a name and are not part of it.
TITLE_WORDS = frozenset(
    """
    president minister secretary spokesperson spokesman spokeswoman chancellor prime foreign
    defence defense interior finance general senator governor mayor king queen prince
    princess pope chief director ceo chairman chairwoman chair leader ambassador commander
    judge justice dr mr mrs ms sir lord lady state vice deputy former acting us uk eu un
    official envoy adviser advisor head speaker representative rep sen gov coach captain
    """.split()
)


def fold(word: str) -> str:
    """Case- and accent-folded word (cached: the same tokens recur all through a text; a
    hostile text's long tokens are not kept)."""
    return _fold_cached(word) if len(word) <= _CACHED_WORD_CHARS else _fold_text(word)


@lru_cache(maxsize=100_000)
def _fold_cached(word: str) -> str:
    return _fold_text(word)


_DEMONYM_ENDINGS = ("ian", "ean", "ese", "ish", "can")


def is_demonym(folded: str) -> bool:
    """ "russian", "chinese", "british", "american": words that stand before a name."""
    return folded.endswith(_DEMONYM_ENDINGS)


_TOKEN = re.compile(r"[\w'’.\-]+|[“”\"(),:;]")
_SKIP_BEFORE_VERB = frozenset(
    "also had has have was were would will then later again once further repeatedly "
    "previously reportedly earlier not did does do to refused declined ( )".split()
)
_COORDINATORS = frozenset({"and", "but"})
_DETERMINERS = frozenset("the a an this that".split())
_CONNECTORS = frozenset({"of"})
# Lower-case particles inside personal names: "Jan de Wit", "Ursula von der Leyen".
_PARTICLES = frozenset("de da di del der den van von la le du bin al el ter".split())
_JOINERS = _CONNECTORS | _PARTICLES


@dataclass(eq=False)
class Entity:
    """A speaker or named person as one article presents it."""

    name: str  # fullest form seen, e.g. "Dmitry Peskov"
    roles: set[str] = field(default_factory=set)  # folded role words: {"kremlin", "spokesperson"}

    @property
    def key(self) -> str:
        return fold(self.name.split()[-1])


@dataclass(frozen=True)
class Attribution:
    speakers: list[list[str]]  # per sentence, the names of who speaks in it
    entities: list[Entity]


def _is_cap(tok: str) -> bool:
    return tok[:1].isupper() and any(c.isalpha() for c in tok)


def _is_title(word: str) -> bool:
    w = fold(word).strip(".")
    return w in TITLE_WORDS or is_demonym(w)


def _split_role(run: list[str]) -> tuple[list[str], list[str]]:
    """A capitalised run → (role words, name words).

    "Russian Foreign Minister Sergei Lavrov" → role "Russian Foreign Minister"; "US
    Secretary of State Marco Rubio" → name "Marco Rubio"; but "Ministry of Foreign
    Affairs" is a name: title words after "of" belong to an organisation's name.
    """
    cut = 0
    first_of = run.index("of") if "of" in run else len(run)
    for i, word in enumerate(run[:-1]):
        if i <= first_of and _is_title(word):  # no "of" before this word
            cut = i + 1
    if cut:
        while cut < len(run) - 1 and (run[cut] in _CONNECTORS or _is_title(run[cut])):
            cut += 1
    return run[:cut], run[cut:]


class _Sentence:
    def __init__(self, text: str) -> None:
        self.tokens = _TOKEN.findall(text)
        self.text = text
        self._opening: int | None = None

    def run_ending_at(self, j: int) -> tuple[list[str], int] | None:
        """The capitalised run (with "of", "de", …) ending at token j, and where it starts
        (at most :data:`MAX_RUN` tokens)."""
        toks = self.tokens
        if j < 0 or not _is_cap(toks[j]):
            return None
        i = j
        floor = max(0, j - MAX_RUN + 1)
        while i - 1 >= floor and (
            _is_cap(toks[i - 1])
            or (toks[i - 1] in _JOINERS and i - 2 >= 0 and _is_cap(toks[i - 2]))
        ):
            i -= 1
        while toks[i] in _JOINERS:  # the bound fell inside "… of X"
            i += 1
        return toks[i : j + 1], i

    def run_starting_at(self, j: int, limit: int | None = MAX_RUN) -> list[str] | None:
        """The capitalised run starting at token j (at most ``limit`` tokens)."""
        toks = self.tokens
        if j >= len(toks) or not _is_cap(toks[j]):
            return None
        k = j
        end = len(toks) if limit is None else min(len(toks), j + limit)
        while k + 1 < end and (
            _is_cap(toks[k + 1])
            or (toks[k + 1] in _JOINERS and k + 2 < len(toks) and _is_cap(toks[k + 2]))
        ):
            k += 1
        while toks[k] in _JOINERS:  # the bound fell inside "X of …"
            k -= 1
        return toks[j : k + 1]

    def first_verb(self, before: int) -> int:
        """Index of the first lower-case word after the sentence's opening noun phrase, if
        it comes before ``before`` (else 0). The phrase is found once per sentence."""
        if self._opening is None:
            toks = self.tokens
            k = 0
            while k < len(toks) and (
                _is_cap(toks[k]) or toks[k] in _CONNECTORS or fold(toks[k]) in _DETERMINERS
            ):
                k += 1
            self._opening = k
        return self._opening if self._opening < before else 0

    def role_before(self, i: int) -> list[str]:
        """Role words right before a run: "Kremlin spokesperson [Dmitry Peskov]"."""
        toks = self.tokens
        out: list[str] = []
        k = i - 1
        while k >= 0 and len(out) < 4:
            word = fold(toks[k]).strip(".")
            if not (word in TITLE_WORDS or (_is_cap(toks[k]) and word not in _DETERMINERS)):
                break
            out.insert(0, toks[k])
            k -= 1
        return out if any(fold(w).strip(".") in TITLE_WORDS for w in out) else []


def _mentions(sentence: _Sentence, entities: dict[str, Entity]) -> None:
    """Record every capitalised name with its role words (title words in the run, or before)."""
    toks = sentence.tokens
    j = 0
    while j < len(toks):
        run = sentence.run_starting_at(j, limit=None)  # each token is read once here
        if not run:
            j += 1
            continue
        skip = 0
        while skip < len(run) and fold(run[skip]) in _DETERMINERS:
            skip += 1
        run, j = run[skip:], j + skip
        if not run:
            continue
        roles, name = _split_role(run)
        before = sentence.role_before(j)
        has_title = any(fold(w).strip(".") in TITLE_WORDS for w in [*roles, *before])
        if has_title or len(name) >= 2:
            _remember(entities, " ".join(name), [*before, *roles])
        j += len(run)


def _remember(entities: dict[str, Entity], name: str, roles: Sequence[str]) -> Entity | None:
    """The entity a name stands for, created or given more words and roles; None when the
    name is too long to be one."""
    name = name.strip(".,;:()")
    words = name.split()
    if len(words) > MAX_NAME_WORDS:
        words = words[-MAX_NAME_WORDS:]
        name = " ".join(words)
    if not words or len(name) > MAX_NAME_CHARS:
        return None
    key = fold(words[-1])
    entity = entities.get(key)
    if entity is None:
        entity = entities[key] = Entity(name)
    elif len(words) > len(entity.name.split()):
        entity.name = name
    entity.roles.update(fold(r).strip(".") for r in roles if fold(r) not in _DETERMINERS)
    return entity


def _subject_before(sentence: _Sentence, v: int) -> tuple[str, list[str]] | None:
    """("name"|"pronoun"|"description", words) for the subject left of the verb at v.

    A walk leftwards, over adverbs and auxiliaries, appositions and relative clauses,
    within :data:`SUBJECT_WINDOW` tokens of the verb (or of the sentence's opening phrase,
    for "X spoke … and praised").
    """
    toks = sentence.tokens
    floor = max(0, v - SUBJECT_WINDOW)
    while True:
        j = v - 1
        while j >= floor and (fold(toks[j]) in _SKIP_BEFORE_VERB or fold(toks[j]).endswith("ly")):
            j -= 1
        if j < floor:
            return None
        word = fold(toks[j])
        if word in _COORDINATORS:  # "Lavrov spoke … and praised": the sentence's subject
            v = sentence.first_verb(j)
            floor = max(0, v - SUBJECT_WINDOW)
            continue
        if toks[j] == "," and j > 0:
            # "A spokeswoman …, Priya Natarajan, said" (apposition) or
            # "Tom Becker, who voted against the plan, warned" (relative clause)
            if _is_cap(toks[j - 1]) and fold(toks[j - 1]) not in PRONOUNS:
                v = j
                continue
            previous = next((i for i in range(j - 1, floor - 1, -1) if toks[i] == ","), -1)
            if previous > 0:
                v = previous
                continue
            return None
        if word in PRONOUNS:
            return "pronoun", [word]
        found = sentence.run_ending_at(j)
        if found:
            run, start = found
            roles, name = _split_role(run)
            if start == 0 and len(run) == 1 and fold(run[0]) in _DETERMINERS:
                return None
            return "name", [*sentence.role_before(start), *roles, "|", *name]
        # a lower-case description: "the source", "a Ukrainian source", "the spokesperson"
        desc: list[str] = []
        k = j
        while k >= 0 and toks[k] not in {",", "(", ")", ":", ";", "“", "”", '"'} and len(desc) < 5:
            desc.insert(0, toks[k])
            if fold(toks[k]) in _DETERMINERS:
                return "description", desc
            k -= 1
        return None


def _find_speakers(sentence: _Sentence) -> list[tuple[str, list[str]]]:
    toks = sentence.tokens
    found: list[tuple[str, list[str]]] = []
    for v, tok in enumerate(toks):
        word = fold(tok).rstrip(".")
        if word == "according" and v + 2 < len(toks) and fold(toks[v + 1]) == "to":
            after = sentence.run_starting_at(v + 2)
            if after:
                roles, name = _split_role(after)
                found.append(("name", [*roles, "|", *name]))
            continue
        if word not in SPEECH_VERBS or not tok[:1].islower():
            continue
        subject = _subject_before(sentence, v)
        if subject is None or (subject[0] == "description" and v > 0 and toks[v - 1] in '”",'):
            after = sentence.run_starting_at(v + 1)  # "…,” said Peskov"
            if after:
                roles, name = _split_role(after)
                subject = ("name", [*roles, "|", *name])
        if subject is not None:
            found.append(subject)
    return found


def attribute(texts: Sequence[str], paragraphs: Sequence[int]) -> Attribution:
    """Speakers of each sentence (``texts`` in article order, with their paragraph numbers)."""
    entities: dict[str, Entity] = {}
    parsed = [_Sentence(t) for t in texts]
    for s in parsed:
        _mentions(s, entities)
    speakers: list[list[str]] = []
    recent: list[Entity] = []  # the last speakers in this paragraph, newest last
    descriptions: dict[str, Entity] = {}
    last_paragraph = None
    for s, paragraph in zip(parsed, paragraphs, strict=True):
        if paragraph != last_paragraph:
            recent = recent[-1:]  # a new paragraph may still continue the last speaker
            last_paragraph = paragraph
        found: dict[Entity, None] = {}  # an ordered set
        for kind, words in _find_speakers(s):
            entity = _resolve(kind, words, entities, recent, descriptions)
            if entity is not None:
                found[entity] = None
        names = list(found)[:MAX_SPEAKERS_PER_SENTENCE]
        opens_quote = bool(s.tokens) and s.tokens[0] in {"“", '"'}
        if not names and opens_quote and recent and speakers and speakers[-1]:
            names = [recent[-1]]  # a quotation continued from the previous sentence
        for e in names:
            if e in recent:
                recent.remove(e)
            recent.append(e)
        del recent[:-MAX_RECENT]
        speakers.append([e.name for e in names])
    return Attribution(speakers, list(dict.fromkeys(entities.values())))


def _resolve(
    kind: str,
    words: list[str],
    entities: dict[str, Entity],
    recent: list[Entity],
    descriptions: dict[str, Entity],
) -> Entity | None:
    if kind == "name":
        cut = words.index("|")
        return _remember(entities, " ".join(words[cut + 1 :]), words[:cut])
    if kind == "pronoun":
        return recent[-1] if recent else None
    folded = [fold(w).strip(".") for w in words]
    head = folded[-1]
    if folded[0] in {"a", "an"}:  # "a Ukrainian source": a new, unnamed speaker
        entity = _remember(entities, " ".join(words), [])
        if entity is not None:
            descriptions[head] = entity
        return entity
    # "the source", "the spokesperson", "the president": the latest speaker it describes
    for e in reversed(recent):
        if head in e.roles or head in fold(e.name).split():
            return e
    if head in descriptions:
        return descriptions[head]
    if recent and head in TITLE_WORDS:  # "the president said", "the official said"
        return recent[-1]
    return None
