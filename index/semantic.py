"""Hybrid ranking: the lexical candidates reordered with sentence-embedding cosines.

BM25 finds the candidates and stays in charge of what is answered at all: this module
only reorders the pool that answering has already chosen, by

    fused = lexical / best lexical + SENTENCE_WEIGHT * cos(question, sentence)
                                   + PARAGRAPH_WEIGHT * cos(question, paragraph)

Dividing by the pool's best lexical score puts BM25, whose scale depends on the library
and the question, on the cosines' scale. The paragraph's cosine carries most of the
weight for the same reason BM25 adds the paragraph's score: a sentence that answers often
shares few words with the question, and its paragraph says what it is about.

Only the candidates' vectors are read, per question, from the vector tables
(index/vectors.py), so memory does not grow with the library. A candidate without a
vector yet (its article was just added, or the model changed) is never dropped: it gets
the mean cosine of the candidates that have one, so it keeps its lexical standing; when
no candidate has a vector, the lexical scores come back untouched.

Runs on the library thread (the question is encoded there, never on the event loop).
The vectors come from a :class:`VectorSource` of the library's store: for SQLite, a
read-only connection of the thread's own (WAL readers never wait for writers); for
PostgreSQL, a connection of the thread's own as well (index/pg_vectors.py), so the event
loop neither waits for nor decodes them.
"""

from __future__ import annotations

import logging
import sqlite3
from collections import OrderedDict
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import NamedTuple, Protocol

import numpy as np

from .encoder import F32, Encoder, dot_blobs, from_blobs, int8_dot

log = logging.getLogger(__name__)

# Chosen on the even-numbered half of squad-dev's articles only (bench/hybrid.py), so the
# other half measures them unseen; the grid is flat around these, so treat them as a region.
# bench/fusion_sweep.py compares other fusions (z-scores or min-max within the pool, the
# neighbouring sentences' cosines) and a split by question; none did better.
SENTENCE_WEIGHT = 0.45
PARAGRAPH_WEIGHT = 0.5
RERANK_POOL = 30  # the candidates reordered: answering's whole pool
QUESTION_CACHE = 256  # question vectors kept: a repeated question is not encoded again
WORD_CACHE = 4096  # single words' vectors kept (word_cosines)

_VECTORS = """
SELECT s.id, sv.vector, pv.vector FROM sentences s
LEFT JOIN sentence_vectors sv ON sv.sentence_id = s.id AND sv.model_version = ?
LEFT JOIN paragraph_vectors pv
  ON pv.article_id = s.article_id AND pv.paragraph = s.paragraph AND pv.model_version = ?
WHERE s.id IN ({marks})
"""


class PoolCosines(NamedTuple):
    """A pool's cosines, each list in the pool's order (:meth:`SemanticRanker.pool_cosines`)."""

    sentence: list[float]  # cos(question, sentence)
    paragraph: list[float]  # cos(question, the sentence's paragraph)
    topic_free: list[float]  # cos(question, sentence), their topic taken out (or none)
    topicality: list[float]  # cos(sentence, its topic) (or none)


class VectorSource(Protocol):
    """Reads the stored vectors of a few sentences, on the library thread."""

    errors: tuple[type[BaseException], ...]  # failures after which answers stay lexical

    def vectors(
        self, ids: Sequence[int], model_version: str
    ) -> dict[int, tuple[bytes | None, bytes | None]]: ...

    def close(self) -> None: ...


class SqliteVectorSource:
    """The vectors of an SQLite library file, through a read-only connection of its own."""

    errors: tuple[type[BaseException], ...] = (sqlite3.Error,)

    def __init__(self, path: str | Path) -> None:
        self.path = str(path)
        self._conn: sqlite3.Connection | None = None

    def close(self) -> None:
        if self._conn is not None:
            self._conn.close()
            self._conn = None

    def _connection(self) -> sqlite3.Connection:
        if self._conn is None:
            uri = Path(self.path).resolve().as_uri() + "?mode=ro"
            self._conn = sqlite3.connect(uri, uri=True, check_same_thread=False)
        return self._conn

    def vectors(
        self, ids: Sequence[int], model_version: str
    ) -> dict[int, tuple[bytes | None, bytes | None]]:
        sql = _VECTORS.format(marks=",".join("?" * len(ids)))
        rows = self._connection().execute(sql, [model_version, model_version, *ids]).fetchall()
        return {int(r[0]): (r[1], r[2]) for r in rows}


class SemanticRanker:
    """Fuses lexical scores with cosines; one instance serves the library thread."""

    def __init__(
        self,
        source: str | Path | VectorSource,
        encoder: Encoder,
        sentence_weight: float = SENTENCE_WEIGHT,
        paragraph_weight: float = PARAGRAPH_WEIGHT,
        pool: int = RERANK_POOL,
    ) -> None:
        """``source``: where the vectors are read (an SQLite file's path: from that file)."""
        self.source: VectorSource = (
            SqliteVectorSource(source) if isinstance(source, str | Path) else source
        )
        self.encoder = encoder
        self.sentence_weight = sentence_weight
        self.paragraph_weight = paragraph_weight
        self.pool = pool
        self._questions: OrderedDict[str, F32] = OrderedDict()
        self._words: OrderedDict[str, F32] = OrderedDict()

    def close(self) -> None:
        self.source.close()

    def forget_questions(self) -> None:
        """Empty the question cache, so the next asks pay for encoding (bench/ask_latency.py)."""
        self._questions.clear()

    def question_vector(self, question: str) -> F32:
        found = self._questions.get(question)
        if found is None:
            found = self.encoder.encode([question])[0]
            self._questions[question] = found
            if len(self._questions) > QUESTION_CACHE:
                self._questions.popitem(last=False)
        else:
            self._questions.move_to_end(question)
        return found

    def word_cosines(self, word: str, others: Sequence[str]) -> list[float]:
        """cos(word, other) for each of ``others``, single words compared by meaning
        ("ships" and "vessels"): answering's test that a figure counts what "how many"
        asks about (index/answering.py). Words recur, so their vectors are kept."""
        missing = [w for w in dict.fromkeys([word, *others]) if w not in self._words]
        if missing:
            for w, v in zip(missing, self.encoder.encode(missing), strict=True):
                self._words[w] = v
        for w in (word, *others):
            self._words.move_to_end(w)
        while len(self._words) > WORD_CACHE:
            self._words.popitem(last=False)
        base = self._words[word]
        return [float(base @ self._words[w]) for w in others]

    def vectors(self, ids: Sequence[int]) -> dict[int, tuple[bytes | None, bytes | None]]:
        """(sentence vector, paragraph vector) of each id, ``None`` where there is none yet."""
        if not ids:
            return {}
        return self.source.vectors(ids, self.encoder.model_version)

    def cosines(self, question: str, ids: Sequence[int]) -> dict[int, float]:
        """cos(question, sentence) of each id that has a vector (none when anything
        fails): answering's evidence that a sentence says what the question asks in other
        words (index/answering.py, ``_semantic_choice``)."""
        if not ids:
            return {}
        failures: tuple[type[BaseException], ...] = (ValueError, *self.source.errors)
        try:
            found = self.vectors(ids)
            present = [(sid, v[0]) for sid, v in found.items() if v[0]]
            if not present:
                return {}
            values = dot_blobs(self.question_vector(question), [b for _, b in present])
        except failures as exc:
            log.warning("semantic evidence skipped: %s", exc)
            return {}
        return {sid: float(c) for (sid, _), c in zip(present, values.tolist(), strict=True)}

    def pool_cosines(
        self, question: str, ids: Sequence[int], articles: Sequence[int] = ()
    ) -> PoolCosines | None:
        """The learned reranker's cosines of each id, in order (index/learned_rank.py):
        cos(question, sentence), cos(question, paragraph) and, when ``articles`` gives each
        one's article, the topic cosines of :func:`topic_free_cosines`. The pool's vectors
        are read and decoded once for all of them. None when any id lacks a vector (the
        fusion, which gives it the others' mean, orders them then) or anything fails."""
        if not ids:
            return None
        failures: tuple[type[BaseException], ...] = (ValueError, *self.source.errors)
        try:
            found = self.vectors(ids)
            pairs = [found.get(sid, (None, None)) for sid in ids]
            if not all(s and p for s, p in pairs):
                return None
            query = self.question_vector(question)
            dim = int(query.shape[-1])
            codes, scales = from_blobs([s or b"" for s, _ in pairs], dim)
            p_codes, p_scales = from_blobs([p or b"" for _, p in pairs], dim)
        except failures as exc:
            log.warning("learned rerank skipped: %s", exc)
            return None
        sentence = int8_dot(query, codes, scales)
        paragraph = int8_dot(query, p_codes, p_scales)
        free: list[float] = []
        topical: list[float] = []
        if len(articles) == len(ids):
            vectors = codes.astype(np.float32) * scales[:, None]
            free, topical = topic_free_cosines(query, vectors, articles)
        return PoolCosines(
            [float(x) for x in sentence.tolist()],
            [float(x) for x in paragraph.tolist()],
            free,
            topical,
        )

    def fuse(
        self, question: str, pool: Sequence[int], scores: Mapping[int, float]
    ) -> dict[int, float]:
        """New scores for ``pool`` (ids in lexical order, ``scores`` their lexical scores);
        the lexical scores unchanged when no candidate has a vector or anything fails."""
        fused = dict(scores)
        top = list(pool[: self.pool])
        if not top:
            return fused
        failures: tuple[type[BaseException], ...] = (ValueError, *self.source.errors)
        try:
            found = self.vectors(top)
            if not any(found.get(sid, (None, None))[0] for sid in top):
                return fused
            query = self.question_vector(question)
        except failures as exc:
            log.warning("semantic rerank skipped: %s", exc)
            return fused
        sentence = _cosines(query, [found.get(sid, (None, None))[0] for sid in top])
        paragraph = _cosines(query, [found.get(sid, (None, None))[1] for sid in top])
        best = max(scores[sid] for sid in top) or 1.0
        for sid, cs, cp in zip(top, sentence, paragraph, strict=True):
            fused[sid] = scores[sid] / best + self.sentence_weight * cs + self.paragraph_weight * cp
        # Candidates past the reranked ones (none while the pools are equal) stay below.
        floor = min(fused[sid] for sid in top)
        for sid in pool[self.pool :]:
            fused[sid] = min(fused[sid] / best, floor) - 1.0
        return fused


def _cosines(query: F32, blobs: Sequence[bytes | None]) -> list[float]:
    """Cosines with the stored vectors; a missing one gets the mean of the others (0
    when all are missing), so that it neither gains nor loses against them."""
    present = [i for i, b in enumerate(blobs) if b]
    out = np.zeros(len(blobs), dtype=np.float64)
    if present:
        values = dot_blobs(query, [blobs[i] or b"" for i in present])
        out[:] = float(values.mean())
        out[present] = values
    return [float(x) for x in out]


# An article with fewer candidates than this in the pool takes the whole pool's topic.
TOPIC_MIN = 3


def topic_free_cosines(
    query: F32, vectors: F32, articles: Sequence[int]
) -> tuple[list[float], list[float]]:
    """(cos(question, sentence) with their topic projected out, cos(sentence, topic)) of
    each row of ``vectors`` (the pool's sentence vectors, ``articles`` each one's article).

    A topic is the mean of the pool's sentences of the article (of the whole pool when
    the article has fewer than TOPIC_MIN there): what they all say. An article's first
    sentence shares the question's topic and rates high by cosine without saying what is
    asked ("how did the panda get out": the lede says it got out); with the topic taken
    out of both vectors, what is left of the question is what it asks beyond the topic,
    and what is left of the sentence what it says beyond it."""
    n = len(vectors)
    unit = vectors / np.maximum(np.linalg.norm(vectors, axis=1, keepdims=True), 1e-9)
    q = np.asarray(query, dtype=np.float32)
    q = q / max(float(np.linalg.norm(q)), 1e-9)
    own = np.array(articles, dtype=np.int64)
    whole = unit.mean(axis=0)
    free = np.zeros(n, dtype=np.float64)
    topical = np.zeros(n, dtype=np.float64)
    for article in dict.fromkeys(own.tolist()):
        members = own == article
        topic = unit[members].mean(axis=0) if members.sum() >= TOPIC_MIN else whole
        topic = topic / max(float(np.linalg.norm(topic)), 1e-9)
        rows = unit[members]
        along = rows @ topic
        rest = rows - along[:, None] * topic[None, :]
        q_rest = q - float(q @ topic) * topic
        norms = np.linalg.norm(rest, axis=1) * max(float(np.linalg.norm(q_rest)), 1e-9)
        free[members] = (rest @ q_rest) / np.maximum(norms, 1e-9)
        topical[members] = along
    return [float(x) for x in free], [float(x) for x in topical]
