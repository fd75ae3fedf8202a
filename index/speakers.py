"""Who speaks where in a library, and which words name them.

Each speaker is an (article, name) pair; the words that name it are its name's tokens and
the role words its article gives it ("kremlin", "spokesperson"). A question's speaker
words match those words exactly, with one typo ("peskow"), or as a long shared stem
("spokesman" ~ "spokesperson"), so spelling variants across articles meet too.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence

from rapidfuzz.distance import OSA

from .analyze import fold

Speaker = tuple[str, str]  # (article id, name)


def _words_of(name: str) -> set[str]:
    return {w for w in fold(name).replace("-", " ").split() if len(w) > 1}


def word_similarity(query: str, known: str) -> float:
    """1 for the same word, 0.9 for a typo or spelling variant, 0.8 for a shared long stem."""
    if query == known:
        return 1.0
    if len(query) >= 5 and len(known) >= 5 and OSA.distance(query, known) <= 1:
        return 0.9
    shared = 0
    for a, b in zip(query, known, strict=False):
        if a != b:
            break
        shared += 1
    return 0.8 if shared >= 6 and min(len(query), len(known)) >= 8 else 0.0


class SpeakerDirectory:
    def __init__(self) -> None:
        self._sentences: dict[Speaker, list[int]] = {}
        self._words: dict[Speaker, set[str]] = {}
        self._by_article: dict[str, list[Speaker]] = {}

    def add_article(
        self,
        article_id: str,
        speakers: Iterable[tuple[int, str | None]],
        entities: Iterable[tuple[str, str]],
    ) -> None:
        """``speakers``: (sentence id, "; "-joined names); ``entities``: (name, role words)."""
        self.remove_article(article_id)
        roles = {fold(name.split()[-1]): set(r.split()) for name, r in entities if name.split()}
        for sid, joined in speakers:
            for name in (joined or "").split("; "):
                if not name:
                    continue
                key = (article_id, name)
                if key not in self._sentences:
                    self._sentences[key] = []
                    surname = fold(name.split()[-1])
                    self._words[key] = _words_of(name) | roles.get(surname, set())
                    self._by_article.setdefault(article_id, []).append(key)
                self._sentences[key].append(sid)

    def remove_article(self, article_id: str) -> None:
        for key in self._by_article.pop(article_id, []):
            self._sentences.pop(key, None)
            self._words.pop(key, None)

    def find(self, words: Sequence[str], visible: Callable[[str], bool]) -> list[Speaker]:
        """The speakers best named by ``words``: the last word (the surname or the role's
        head noun) and at least half of all of them must match."""
        wanted = [w for w in dict.fromkeys(words) if len(w) > 1]
        if not wanted:
            return []
        scored: list[tuple[float, Speaker]] = []
        for key, known in self._words.items():
            if not visible(key[0]):
                continue
            matched = [max((word_similarity(w, k) for k in known), default=0.0) for w in wanted]
            hits = sum(1 for m in matched if m > 0)
            if matched[-1] > 0 and hits * 2 >= len(wanted):
                scored.append((sum(matched), key))
        if not scored:
            return []
        best = max(s for s, _ in scored)
        return [key for s, key in scored if s >= best - 1e-9]

    def sentences(self, speaker: Speaker) -> list[int]:
        return list(self._sentences.get(speaker, []))
