"""The library: stored articles plus the in-memory BM25 indexes built from them.

A *scope* is what one server sees: the shared articles (from the config or CLI) plus the
articles added in that server. Each scope has its own index, so corpus statistics, and
therefore scores, never depend on another server's articles.

Questions are ranked on the library's own thread and changes are kept apart from them by
a gate (:mod:`index.concurrency` says how and why), so every question is ranked against one
complete version of the library while the event loop stays free. CPU-heavy ingest (reading
files, segmenting, attributing, analysing) runs on a separate ingest thread: never on the
loop, never in the loop's default executor, where aiohttp (hence the Discord client) resolves host
names, and never on the library thread, where it would hold up answers.
"""

from __future__ import annotations

import asyncio
import logging
import multiprocessing
import os
import re
import sqlite3
from collections.abc import Callable, Sequence
from concurrent.futures import Executor, ProcessPoolExecutor, ThreadPoolExecutor
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import TypeVar

import numpy as np
from numpy.typing import NDArray

from .analyze import ANALYZER_VERSION, fold
from .answering import AnswerContext, answer_question
from .attribution import ATTRIBUTION_VERSION
from .bm25 import Params
from .concurrency import Gate, Read, run_on_thread
from .encoder import Encoder
from .errors import ArticlebotError
from .ingest import IngestError, read_path
from .models import Answer, Article, Citation, Document, Quote
from .pg_store import PgStore
from .pipeline import Processed, process, read_and_process
from .scope import ScopeIndex
from .segment import SEGMENTERS
from .semantic import SemanticRanker
from .speakers import SpeakerDirectory
from .store import ArticleWrite, Store, StoredSentence, StoreError
from .stores import AnyStore, open_store
from .typos import TermCorrector
from .vectors import VectorWorker, count_missing, limit_blas_threads

SHARED: None = None
# (sentence id, (article id, paragraph number), terms)
Row = tuple[int, tuple[str, int], Sequence[str]]


log = logging.getLogger(__name__)

T = TypeVar("T")
LIBRARY_THREAD = "articlebot-library"  # thread names, so a stack dump says who is busy
INGEST_THREAD = "articlebot-ingest"


class UnknownArticle(ArticlebotError):
    def __str__(self) -> str:
        return f"no article with id {self.args[0]!r} in this library"


@dataclass(frozen=True)
class Stats:
    articles: int
    sentences: int
    terms: int
    database: str
    vectors_waiting: int | None = None  # sentences not yet encoded; None: semantic off


class Library:
    def __init__(
        self, store: AnyStore, params: Params | None = None, segmenter: str = "syntok"
    ) -> None:
        if segmenter not in SEGMENTERS:
            raise ValueError(f"unknown segmenter {segmenter!r}; choose from {SEGMENTERS}")
        self.store = store
        self.params = params or Params()
        self.segmenter = segmenter
        self._articles: dict[str, Article] = {}
        # The sentence ids this process indexed for each article: what to take out of the
        # indexes when it is replaced or removed, whatever the database holds by then.
        self._held: dict[str, NDArray[np.int64]] = {}
        self._shared = ScopeIndex(self.params, store.vocabulary)
        self._guild_indexes: dict[int, ScopeIndex] = {}
        self._speakers = SpeakerDirectory()
        self._correctors: dict[int | None, TermCorrector] = {}
        # Changes take the gate alone; answers share it (index/concurrency.py).
        self._write_lock = Gate()
        self._library_thread = ThreadPoolExecutor(1, thread_name_prefix=LIBRARY_THREAD)
        # One ingest thread: uploads queue instead of multiplying the threads that contend
        # for the GIL with the loop. Not a worker process: measured with six large uploads,
        # a process left the loop no freer (what holds it during an upload is the index
        # update, which runs on the loop) and would cost a spawned interpreter per library
        # and a copy of every analysed article. The threads start on first use.
        self._ingest_thread = ThreadPoolExecutor(1, thread_name_prefix=INGEST_THREAD)
        # Hybrid ranking (index/semantic.py, index/vectors.py): off unless enabled.
        self._ranker: SemanticRanker | None = None
        self._vectors: VectorWorker | None = None
        self._semantic_wanted = False

    # --- lifecycle -------------------------------------------------------------------

    @classmethod
    async def open(
        cls,
        path: str | Path,
        params: Params | None = None,
        segmenter: str = "syntok",
        semantic: bool = False,
        background: bool = True,
    ) -> Library:
        """``semantic``: rerank with the shipped sentence encoder and, with ``background``,
        compute missing vectors on a thread of their own (a one-shot command need not).
        Answers are exactly the lexical ones without it, without the model, or for an
        in-memory database (which the vector connections cannot see)."""
        store = await open_store(path)
        try:
            library = cls(store, params, segmenter)
            await library._load()
            await library._upgrade_analysis()
            # The vector worker and ranker read the SQLite file on threads of their own.
            on_file = isinstance(store, Store) and store.path != ":memory:"
            if semantic and not on_file and isinstance(store, PgStore):
                log.info("semantic reranking needs the SQLite store; ranking lexically")
            library._semantic_wanted = semantic and on_file
            # A one-shot command over a library without a vector has nothing to rerank
            # with: it answers lexically, exactly as it would with the model loaded.
            if library._semantic_wanted and (background or await store.has_vectors()):
                encoder = await asyncio.to_thread(Encoder.load)
                if encoder is not None:
                    library.enable_semantic(encoder, worker=background)
        except BaseException as exc:
            await store.close()  # or its aiosqlite thread keeps the process from exiting
            if isinstance(exc, sqlite3.Error):
                raise StoreError(f"cannot use database {store.path}: {exc}") from None
            raise
        return library

    def enable_semantic(self, encoder: Encoder, worker: bool = True) -> None:
        """Rerank answers with ``encoder``; with ``worker``, compute missing vectors on a
        thread of their own from now on."""
        if self._vectors is not None:
            raise RuntimeError("semantic ranking is already enabled with a vector worker")
        limit_blas_threads()
        self._ranker = SemanticRanker(self.store.path, encoder)
        if worker:
            self._vectors = VectorWorker(self.store.path, encoder, self.store.busy_timeout)
            self._vectors.start()

    @property
    def semantic(self) -> SemanticRanker | None:
        return self._ranker

    async def wait_for_vectors(self, timeout: float | None = None) -> bool:
        """Wait until every sentence has its vector (or the worker stopped); whether it
        got there in time. True at once when semantic ranking is off."""
        if self._vectors is None:
            return True
        return await asyncio.to_thread(self._vectors.wait_idle, timeout)

    def vectors_waiting(self) -> int | None:
        """Sentences still without a vector (as of the worker's last batch); None when
        semantic ranking is off."""
        if self._vectors is None:
            return None
        return self._vectors.waiting if self._vectors.waiting is not None else 0

    async def count_vectors_waiting(self) -> int | None:
        """Sentences without a current vector, counted in the database (None: semantic
        ranking off)."""
        ranker = self._ranker
        if ranker is None:
            return await self.store.sentence_count() if self._semantic_wanted else None

        def count() -> int:
            uri = Path(self.store.path).resolve().as_uri() + "?mode=ro"
            conn = sqlite3.connect(uri, uri=True)
            try:
                return count_missing(conn, ranker.encoder.model_version)
            finally:
                conn.close()

        return await asyncio.to_thread(count)

    async def close(self) -> None:
        # Work already on the threads finishes there; queued work is dropped.
        self._library_thread.shutdown(wait=False, cancel_futures=True)
        self._ingest_thread.shutdown(wait=False, cancel_futures=True)
        if self._vectors is not None:
            await asyncio.to_thread(self._vectors.stop)
        if self._ranker is not None:
            self._ranker.close()
        await self.store.close()

    async def __aenter__(self) -> Library:
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.close()

    async def _load(self) -> None:
        """Build the indexes from stored term ids: no re-segmenting, no re-stemming. All
        is read in one snapshot, so another process's write cannot fall in between."""
        async with self.store.snapshot():
            await self.store.refresh_vocabulary()
            self._articles = {a.id: a for a in await self.store.articles()}
            stored_entities = await self.store.entities()
            loaded = await self.store.load_all()
        self._held = _group_by_article(loaded.ids, loaded.article_ids)
        self._speakers = SpeakerDirectory()
        entities: dict[str, list[tuple[str, str]]] = {}
        for article_id, name, roles in stored_entities:
            entities.setdefault(article_id, []).append((name, roles))
        spoken: dict[str, list[tuple[int, str | None]]] = {}
        for sid, article_id, names in loaded.speakers:
            spoken.setdefault(article_id, []).append((sid, names))
        for article_id in self._articles:
            self._speakers.add_article(
                article_id, spoken.get(article_id, []), entities.get(article_id, [])
            )
        guild_of = [self._articles[a].guild_id for a in loaded.article_ids]
        shared = np.array([g is None for g in guild_of], dtype=np.bool_)
        self._shared = self._new_scope()
        self._shared.add_loaded(loaded, shared)
        self._guild_indexes = {}
        for guild in {g for g in guild_of if g is not None}:
            index = self._guild_indexes[guild] = self._new_scope()
            index.add_loaded(loaded, shared)
            index.add_loaded(loaded, np.array([g == guild for g in guild_of], dtype=np.bool_))

    async def _upgrade_analysis(self) -> None:
        """Re-analyse every article when the analyzer changed since it was stored, so that
        questions and sentences meet on the same terms again; likewise when attribution
        changed, so that stored sentences name their speakers as it now reads them."""
        analyzer = await self.store.get_meta("analyzer")
        attribution = await self.store.get_meta("attribution")
        if analyzer == ANALYZER_VERSION and attribution == ATTRIBUTION_VERSION:
            return
        if self._articles:
            log.warning("the text analysis changed: re-indexing %d articles", len(self._articles))
            for guild_id in {a.guild_id for a in self._articles.values()}:
                await self.reindex(guild_id)
        await self.store.set_meta("analyzer", ANALYZER_VERSION)
        await self.store.set_meta("attribution", ATTRIBUTION_VERSION)

    def _new_scope(self) -> ScopeIndex:
        return ScopeIndex(self.params, self.store.vocabulary)

    # --- reading ---------------------------------------------------------------------

    def articles(self, guild_id: int | None = SHARED) -> list[Article]:
        """Articles visible in a scope: shared ones plus the server's own."""
        return [a for a in self._articles.values() if a.guild_id in (None, guild_id)]

    def article(self, article_id: str, guild_id: int | None = SHARED) -> Article:
        found = self._articles.get(article_id)
        if found is None or found.guild_id not in (None, guild_id):
            raise UnknownArticle(article_id)
        return found

    def is_empty(self) -> bool:
        return not self._articles

    async def seed_if_new(self, sample: str | Path) -> Article | None:
        """Index ``sample`` into a library that has never had an article, once.

        A library whose articles were all removed stays empty: the sample is never
        added behind the user's back.
        """
        if self._articles or await self.store.get_meta("seeded"):
            return None
        article = await self.add_path(sample)
        await self.store.set_meta("seeded", article.id)
        return article

    def index_for(self, guild_id: int | None) -> ScopeIndex:
        if guild_id is not None and guild_id in self._guild_indexes:
            return self._guild_indexes[guild_id]
        return self._shared

    def stats(self, guild_id: int | None = SHARED) -> Stats:
        visible = self.articles(guild_id)
        index = self.index_for(guild_id)
        return Stats(
            articles=len(visible),
            sentences=sum(a.sentences for a in visible),
            terms=sum(1 for _ in index.sentences.known_terms()),
            database=self.store.path,
            vectors_waiting=self.vectors_waiting(),
        )

    # --- asking ----------------------------------------------------------------------

    async def ask(self, question: str, k: int = 3, guild_id: int | None = SHARED) -> Answer:
        """Rank on the library thread, read the quoted sentences on the loop.

        The shared pass is held from before the index is chosen until the last step ran,
        so no change lands in the middle of an answer.
        """
        await self._write_lock.enter_shared()
        try:
            corrector = self._correctors.setdefault(guild_id, TermCorrector())
            context = AnswerContext(
                index=self.index_for(guild_id),
                fetch=_read_between_steps,
                speakers=self._speakers,
                visible=lambda article_id: self._visible(article_id, guild_id),
                corrector=corrector,
                rerank=self._ranker.fuse if self._ranker is not None else None,
            )
            coro = answer_question(question, context, k=k)
        except BaseException:
            self._write_lock.leave_shared()
            raise
        return await run_on_thread(
            coro, self._library_thread, self._fetch, self._write_lock.leave_shared
        )

    def _visible(self, article_id: str, guild_id: int | None) -> bool:
        article = self._articles.get(article_id)
        return article is not None and article.guild_id in (None, guild_id)

    async def _fetch(self, ids: Sequence[int]) -> list[Quote]:
        """Quotes for sentence ids, in the given order; ids removed meanwhile are skipped."""
        rows = await self.store.sentences(ids)
        found = []
        for sid in ids:
            row = rows.get(sid)
            article = self._articles.get(row.article_id) if row else None
            if row is None or article is None:
                continue
            found.append(self._quote(row, article))
        return found

    @staticmethod
    def _quote(row: StoredSentence, article: Article, score: float = 0.0) -> Quote:
        s = row.sentence
        citation = Citation(
            article_id=article.id,
            title=article.title,
            date=article.date,
            url=article.url,
            source=article.source,
            paragraph=s.paragraph,
            sentence=s.number,
            start=s.start,
            end=s.end,
        )
        return Quote(
            text=s.text, citation=citation, score=score, speaker=s.speaker, sentence_id=row.id
        )

    async def context(
        self, sentence_id: int, radius: int = 1, guild_id: int | None = SHARED
    ) -> list[Quote]:
        """The sentence and its neighbours in the same article, in article order."""
        rows = await self.store.sentences([sentence_id])
        row = rows.get(sentence_id)
        if row is None:
            raise UnknownArticle(f"sentence {sentence_id}")
        article = self.article(row.article_id, guild_id)
        ids = await self.store.sentence_ids(article.id)
        pos = ids.index(sentence_id)
        return await self._fetch(ids[max(0, pos - radius) : pos + radius + 1])

    # --- changing --------------------------------------------------------------------

    async def run_ingest(self, work: Callable[[], T]) -> T:
        """Run CPU-heavy ingest work (parsing an upload, analysing an article) on the
        library's ingest thread."""
        return await asyncio.get_running_loop().run_in_executor(self._ingest_thread, work)

    async def add_path(self, path: str | Path, guild_id: int | None = SHARED) -> Article:
        doc = await self.run_ingest(partial(read_path, path))
        return await self.add_document(doc, guild_id)

    async def add_document(self, doc: Document, guild_id: int | None = SHARED) -> Article:
        processed = await self.run_ingest(partial(process, doc, self.segmenter))
        return await self.add_processed(processed, guild_id)

    async def add_processed(self, processed: Processed, guild_id: int | None = SHARED) -> Article:
        return (await self.add_processed_many([processed], guild_id))[0]

    async def add_processed_many(
        self, batch: Sequence[Processed], guild_id: int | None = SHARED
    ) -> list[Article]:
        """Store analysed articles in one transaction, then index them in one step."""
        for processed in batch:
            if not processed.sentences:
                raise IngestError(f"{processed.doc.source}: no sentences found")
        async with self._write_lock:
            await self._ensure_scope_index(guild_id)
            writes = [
                ArticleWrite(_name(p.doc), p.doc, p.sentences, p.terms, guild_id,
                             [(e.name, " ".join(sorted(e.roles))) for e in p.entities])
                for p in batch
            ]  # fmt: skip
            written = await self.store.replace_articles(writes)
            # From here on, no awaits: the indexes change in one step.
            last = {w.article_id: i for i, w in enumerate(written)}  # a source given twice
            for article_id in last:
                self._forget(article_id)  # the version replaced, or a stale memory of the id
            rows: list[Row] = []
            articles = []
            for i, (write, done) in enumerate(zip(writes, written, strict=True)):
                doc, ids = write.doc, done.sentence_ids
                article = Article(
                    id=done.article_id, title=doc.title, source=doc.source, date=doc.date,
                    url=doc.url, guild_id=guild_id, sentences=len(ids),
                )  # fmt: skip
                articles.append(article)
                if last[article.id] != i:
                    continue  # replaced by a later one of the same batch
                self._articles[article.id] = article
                self._held[article.id] = np.array(ids, dtype=np.int64)
                rows.extend(
                    (sid, (article.id, s.paragraph), terms)
                    for sid, s, terms in zip(ids, write.sentences, write.terms, strict=True)
                )
                self._speakers.add_article(
                    article.id,
                    [(sid, s.speaker) for sid, s in zip(ids, write.sentences, strict=True)],
                    write.entities,
                )
            for index in self._indexes_seeing(guild_id):
                index.add(rows)
            if self._vectors is not None:
                self._vectors.wake()  # committed: its vectors come in the background
            return articles

    async def add_many(
        self,
        paths: Sequence[str | Path],
        guild_id: int | None = SHARED,
        workers: int | None = None,
        progress: Callable[[int, int, str | None], None] | None = None,
        batch_sentences: int = 5_000,
    ) -> tuple[list[Article], list[str]]:
        """Index many files: analysed in worker processes (one a CPU), written in
        batched transactions. Returns (articles added, one-line reasons for files refused);
        ``progress(done, total, error)`` is called after each file."""
        loop = asyncio.get_running_loop()
        added: list[Article] = []
        refused: list[str] = []
        pending: list[Processed] = []
        size = 0
        workers = workers or os.cpu_count() or 1
        # "spawn": forking a process that runs threads (aiosqlite's) is not safe.
        pool: Executor = (
            ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("spawn"))
            if workers > 1
            else ThreadPoolExecutor(1)
        )
        with pool:
            futures = [
                loop.run_in_executor(pool, read_and_process, str(p), self.segmenter) for p in paths
            ]
            for done, future in enumerate(futures, start=1):
                result = await future
                error = result if isinstance(result, str) else None
                if error is not None:
                    refused.append(error)
                elif isinstance(result, Processed):
                    pending.append(result)
                    size += len(result.sentences)
                if pending and (size >= batch_sentences or done == len(futures)):
                    added.extend(await self.add_processed_many(pending, guild_id))
                    pending, size = [], 0
                if progress is not None:
                    progress(done, len(futures), error)
        return added, refused

    async def remove(self, article_id: str, guild_id: int | None = SHARED) -> Article:
        article = self._articles.get(article_id)
        if article is None or article.guild_id != guild_id:
            raise UnknownArticle(article_id)
        async with self._write_lock:
            if self._articles.get(article_id) is not article:
                raise UnknownArticle(article_id)  # removed or replaced while we waited
            # Gone from the database even if another process removed it first.
            await self.store.delete_article(article_id, guild_id)
            self._forget(article_id)
            if self._vectors is not None:
                self._vectors.wake()  # to recount what still waits
            return article

    async def reindex(self, guild_id: int | None = SHARED) -> int:
        """Re-read every article's stored text through the current pipeline; returns a count."""
        count = 0
        for article in list(self.articles(guild_id)):
            if article.guild_id != guild_id:
                continue
            doc = await self.store.document(article.id)
            if doc is None:
                continue
            processed = await self.run_ingest(partial(process, doc, self.segmenter))
            await self.add_processed(processed, article.guild_id)
            count += 1
        return count

    async def _ensure_scope_index(self, guild_id: int | None) -> None:
        """A server's first own article gets it an index of the shared articles plus its own.

        It holds the shared sentences this process's shared index holds, no more: the
        database may also have rows that another process wrote since (with terms this
        process has not seen), and the server's scores must come from the same articles
        as every other server's."""
        if guild_id is None or guild_id in self._guild_indexes:
            return
        loaded = await self.store.load_all()
        shared = [self._held[a] for a, article in self._articles.items()
                  if article.guild_id is None and a in self._held]  # fmt: skip
        held = np.concatenate(shared) if shared else np.zeros(0, dtype=np.int64)
        index = self._new_scope()
        index.add_loaded(loaded, np.isin(loaded.ids, held))
        self._guild_indexes[guild_id] = index

    def _indexes_seeing(self, guild_id: int | None) -> list[ScopeIndex]:
        if guild_id is None:
            return [self._shared, *self._guild_indexes.values()]
        return [self._guild_indexes[guild_id]] if guild_id in self._guild_indexes else []

    def _forget(self, article_id: str) -> None:
        """Take an article this process knows out of its indexes, speakers and list."""
        article = self._articles.pop(article_id, None)
        ids = self._held.pop(article_id, None)
        if article is None:
            return
        if ids is not None and len(ids):
            for index in self._indexes_seeing(article.guild_id):
                index.remove(ids.tolist())
        self._speakers.remove_article(article_id)


def _name(doc: Document) -> str:
    """The id an article would like: its date and title. The store makes it unique."""
    base = _slug(doc.title or Path(doc.source).stem) or "article"
    if doc.date and not base.startswith(doc.date):
        base = f"{doc.date}-{base}"
    return base[:60].rstrip("-")


def _group_by_article(
    ids: NDArray[np.int64], article_ids: Sequence[str]
) -> dict[str, NDArray[np.int64]]:
    """Sentence ids by article; an article's sentences are runs of rows in id order."""
    runs: dict[str, list[NDArray[np.int64]]] = {}
    start = 0
    for i in range(1, len(article_ids) + 1):
        if i == len(article_ids) or article_ids[i] != article_ids[start]:
            runs.setdefault(article_ids[start], []).append(ids[start:i])
            start = i
    return {a: np.concatenate(parts) for a, parts in runs.items()}


async def _read_between_steps(ids: Sequence[int]) -> list[Quote]:
    """An answer's sentence read, served on the loop by :func:`run_on_thread`."""
    quotes: list[Quote] = await Read(ids)
    return quotes


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", fold(text)).strip("-")
