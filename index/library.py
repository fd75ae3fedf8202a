"""The library: stored articles plus the in-memory BM25 indexes built from them.

A *scope* is what one server sees: the shared articles (from the config or CLI) plus the
articles added in that server. Each scope has its own index, so corpus statistics, and
therefore scores, never depend on another server's articles.

Questions are ranked on the library's own thread and changes are kept apart from them by
a gate (:mod:`index.concurrency` says how and why), so every question is ranked against one
complete version of the library while the event loop stays free. A change's index update
runs on that thread too, under the gate's exclusive pass: it grows with the article (a
5 MB upload is hundreds of thousands of terms), and on the loop it would hold every
server's events for as long. What the loop reads without the gate (:meth:`Library.articles`,
:meth:`Library.stats`, :meth:`Library.index_for`) comes from a catalogue that each change
replaces whole when it is done, so it is always one complete version too.

CPU-heavy ingest (reading files, segmenting, attributing, analysing) runs on a separate
ingest thread: never on the loop, never in the loop's default executor, where aiohttp
(hence the Discord client) resolves host names, and never on the library thread, where it
would hold up answers. A large input is analysed in a worker process instead
(:mod:`index.ingest_process` says why a thread is not enough for it).

Several processes may share one database (docs/scaling.md). Each keeps its memory current
by :meth:`Library.follow`: it waits for the store's cheap change token to move (woken by
NOTIFY on PostgreSQL, polled on SQLite) and, when another process changed the library,
loads the difference (articles added, removed or replaced, told apart by their first
sentence id, which a replacement always changes) and swaps it in like any other change.
With ``owns``, a process holds only the servers it serves (its shards' servers) plus the
shared articles.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import multiprocessing
import os
import re
import sqlite3
import time
from collections.abc import Callable, Mapping, Sequence
from concurrent.futures import Executor, ProcessPoolExecutor, ThreadPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, replace
from functools import partial
from pathlib import Path
from typing import TypeVar

import numpy as np
from numpy.typing import NDArray

from .analyze import ANALYZER_VERSION, fold
from .answer_context import AnswerContext
from .answerability import AnswerabilityModel, load_cross_model, load_model
from .answering import answer_question
from .attribution import ATTRIBUTION_VERSION
from .bm25 import Params
from .concurrency import Gate, Read, run_on_thread
from .cross_encoder import CachedScores, CrossEncoder
from .encoder import Encoder
from .errors import ArticlebotError
from .heap import freeze_if_large
from .ingest import IngestError, read_path
from .ingest_process import run_packed, unpack, worker_pool
from .learned_rank import LinearScorer, load_scorer
from .models import Answer, Article, Citation, Document, Quote
from .pg_store import PgStore
from .pg_vectors import PgVectorSource, PgVectorStorage
from .pipeline import Processed, process, read_and_process
from .scope import ScopeIndex
from .segment import SEGMENTERS
from .semantic import SemanticRanker
from .speakers import SpeakerDirectory
from .store import (
    ArticleWrite,
    LoadedSentences,
    StoredSentence,
    StoreError,
    Written,
    is_transient,
)
from .stores import AnyStore, open_store
from .typos import TermCorrector
from .vectors import (
    COUNT_MISSING,
    VectorStorage,
    VectorWorker,
    count_missing,
    limit_blas_threads,
)

SHARED: None = None
# (sentence id, (article id, paragraph number), terms)
Row = tuple[int, tuple[str, int], Sequence[str]]


log = logging.getLogger(__name__)

T = TypeVar("T")
LIBRARY_THREAD = "articlebot-library"  # thread names, so a stack dump says who is busy
INGEST_THREAD = "articlebot-ingest"
# Seconds the follower waits for a change before looking again all the same (the health
# line's lag and a stale token are never older than that).
FOLLOW_WAIT = 60.0
# Inputs from this size (bytes or characters) are analysed in the worker process: on a
# thread, one C call over a hostile text of this size can keep the GIL for ~100 ms on a
# loaded 2-core machine (bench/loop_stall.py), and it grows with the size.
PROCESS_FROM = 256 * 1024


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
    version: int = 0  # the library version this process answers from (Library.version)
    lag: float = 0.0  # seconds it has known of a newer version without holding it yet
    servers: int = 0  # servers whose own articles this process holds


@dataclass(frozen=True)
class Held:
    """What this process holds in memory: servers with their own articles, and articles
    and sentences of every scope together."""

    servers: int
    articles: int
    sentences: int


@dataclass(frozen=True)
class _Catalogue:
    """One complete version of what the loop reads without the gate; never changed, only
    replaced whole at the end of a change (an attribute assignment, atomic for readers)."""

    articles: Mapping[str, Article]
    shared: ScopeIndex
    guilds: Mapping[int, ScopeIndex]
    terms: Mapping[int | None, int]  # distinct terms of each scope's index


@dataclass(frozen=True)
class _Difference:
    """What another process changed, read in one snapshot of the database."""

    version: int
    gone: list[str]  # held articles no longer stored (or stored in another version)
    articles: list[Article]  # articles to hold, with their sentences in ``loaded``
    entities: list[tuple[str, str, str]]
    loaded: LoadedSentences | None
    shared: LoadedSentences | None  # every shared article, for a server's new index


def _everyone(guild_id: int) -> bool:
    return True


class Library:
    def __init__(
        self,
        store: AnyStore,
        params: Params | None = None,
        segmenter: str = "syntok",
        owns: Callable[[int], bool] | None = None,
    ) -> None:
        if segmenter not in SEGMENTERS:
            raise ValueError(f"unknown segmenter {segmenter!r}; choose from {SEGMENTERS}")
        self.store = store
        self.params = params or Params()
        self.segmenter = segmenter
        self._articles: dict[str, Article] = {}
        self.closed = False  # close() has run: a second call does nothing
        self._withheld: set[str] = set()  # stored, but not served by this process
        # The sentence ids this process indexed for each article: what to take out of the
        # indexes when it is replaced or removed, whatever the database holds by then.
        self._held: dict[str, NDArray[np.int64]] = {}
        self._shared = ScopeIndex(self.params, store.vocabulary)
        self._guild_indexes: dict[int, ScopeIndex] = {}
        self._speakers = SpeakerDirectory()
        self._correctors: dict[int | None, TermCorrector] = {}
        self._catalogue = _Catalogue({}, self._shared, {}, {})
        # Changes take the gate alone; answers share it (index/concurrency.py). Changes
        # also queue on ``_changing`` first, so that a change read from the database (another
        # process's) cannot interleave with one made here between its read and its swap.
        self._write_lock = Gate()
        self._changing = asyncio.Lock()
        # Which servers' own articles this process holds: ``owns`` (e.g. its shard slice),
        # corrected by the servers it was told it joined or left.
        self._owns = owns or _everyone
        self._joined: set[int] = set()
        self._left: set[int] = set()
        # The library version held (Store.library_version), the store's change token as
        # last seen, and since when (monotonic) a newer version has been known to exist.
        self.version = 0
        self._seen_token: int | None = None
        self._behind_since: float | None = None
        self._follower: asyncio.Task[None] | None = None
        self._library_thread = ThreadPoolExecutor(1, thread_name_prefix=LIBRARY_THREAD)
        # One ingest thread: uploads queue instead of multiplying the threads that contend
        # for the GIL with the loop. Inputs from PROCESS_FROM go to one worker process
        # instead, started by the first of them: below that size no single C call of
        # ingest holds the GIL for long, and a thread spares the interpreter a worker
        # costs and the copy of the article between processes. The threads start on
        # first use.
        self._ingest_thread = ThreadPoolExecutor(1, thread_name_prefix=INGEST_THREAD)
        self._ingest_process: Executor | None = None
        store.offload = self._on_library_thread
        # Hybrid ranking (index/semantic.py, index/vectors.py): off unless enabled.
        self._ranker: SemanticRanker | None = None
        # The learned reranker's weights (index/learned_rank.py): read with the encoder.
        self._scorer: LinearScorer | None = None
        self._answerability: AnswerabilityModel | None = None
        self._cross: CachedScores | None = None
        self._cross_answerability: AnswerabilityModel | None = None
        # The library thread's own read-only connection (index/library.py _read_on_thread).
        self._thread_reader: sqlite3.Connection | None = None
        self._thread_reader_failed = False
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
        owns: Callable[[int], bool] | None = None,
    ) -> Library:
        """``semantic``: rerank with the shipped sentence encoder and, with ``background``,
        compute missing vectors in the background (a worker process, index/vector_process.py;
        a one-shot command need not), on SQLite and PostgreSQL alike (index/pg_vectors.py).
        Answers are exactly the lexical ones without it, without the model, or for an
        in-memory database (which the vector connections cannot see). ``owns``: which
        servers' own articles to hold (all of them without it)."""
        store = await open_store(path)
        try:
            library = cls(store, params, segmenter, owns)
            await library._load()
            await library._upgrade_analysis()
            # The vector worker and ranker read the database on threads of their own,
            # which an in-memory SQLite database does not reach.
            on_file = isinstance(store, PgStore) or store.path != ":memory:"
            library._semantic_wanted = semantic and on_file
            # A one-shot command over a library without a vector has nothing to rerank
            # with: it answers lexically, exactly as it would with the model loaded.
            if library._semantic_wanted and (background or await store.has_vectors()):
                encoder = await asyncio.to_thread(Encoder.load)
                if encoder is not None:
                    library.enable_semantic(encoder, worker=background)
            freeze_if_large(library.held().sentences)  # index/heap.py says why
        except BaseException as exc:
            await store.close()  # or its aiosqlite thread keeps the process from exiting
            if isinstance(exc, sqlite3.Error):
                raise StoreError(
                    f"cannot use database {store.path}: {exc}", is_transient(exc)
                ) from None
            raise
        return library

    def enable_semantic(self, encoder: Encoder, worker: bool = True, process: bool = True) -> None:
        """Rerank answers with ``encoder``; with ``worker``, compute missing vectors in the
        background from now on: in a worker process, or with ``process=False`` on the
        vector thread itself (index/vectors.py)."""
        if self._vectors is not None:
            raise RuntimeError("semantic ranking is already enabled with a vector worker")
        limit_blas_threads()
        self._scorer = load_scorer()
        self._answerability = load_model()
        cross = CrossEncoder.load_beside(encoder)
        self._cross = CachedScores(cross) if cross is not None else None
        self._cross_answerability = load_cross_model() if cross is not None else None
        store = self.store
        if isinstance(store, PgStore):
            url = store.url
            self._ranker = SemanticRanker(PgVectorSource(url), encoder)
            storage: Callable[[], VectorStorage] | None = partial(PgVectorStorage, url)
        else:
            self._ranker = SemanticRanker(store.path, encoder)
            storage = None
        if worker:
            self._vectors = VectorWorker(
                store.path, encoder, store.busy_timeout, storage, process=process
            )
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
        if isinstance(self.store, PgStore):
            found = await self.store.rows(COUNT_MISSING, (ranker.encoder.model_version, -1))
            return int(found[0][0])

        def count() -> int:
            uri = Path(self.store.path).resolve().as_uri() + "?mode=ro"
            conn = sqlite3.connect(uri, uri=True)
            try:
                return count_missing(conn, ranker.encoder.model_version)
            finally:
                conn.close()

        return await asyncio.to_thread(count)

    async def close(self) -> None:
        if self.closed:
            return
        self.closed = True
        if self._follower is not None:
            self._follower.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._follower
            self._follower = None
        # Work already on the threads finishes there; queued work is dropped.
        self._library_thread.shutdown(wait=False, cancel_futures=True)
        self._ingest_thread.shutdown(wait=False, cancel_futures=True)
        if self._ingest_process is not None:
            self._ingest_process.shutdown(wait=False, cancel_futures=True)
        if self._vectors is not None:
            await asyncio.to_thread(self._vectors.stop)
        if self._ranker is not None:
            # Off the loop: a PostgreSQL source runs a loop of its own to close.
            await asyncio.to_thread(self._ranker.close)
        if self._thread_reader is not None:
            self._thread_reader.close()
            self._thread_reader = None
        await self.store.close()

    async def __aenter__(self) -> Library:
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.close()

    async def _load(self) -> None:
        """Build the indexes from stored term ids: no re-segmenting, no re-stemming. All
        is read in one snapshot, so another process's write cannot fall in between; the
        build runs on the library thread (it is the same path as any later difference)."""
        await self._sync(force=True)

    # --- keeping current with the database ----------------------------------------------

    def follow(self, interval: float = 0.25) -> None:
        """Keep this library current with changes other processes make to its database:
        wait for the store's change token to move and load the difference when it does.
        PostgreSQL wakes the wait by NOTIFY; SQLite, which tells nobody, is looked at every
        ``interval`` seconds (cheap), as PostgreSQL is while its LISTEN connection is lost.
        Idempotent; stops when the library closes."""
        if self._follower is None or self._follower.done():
            self._follower = asyncio.create_task(
                self._follow(interval), name="articlebot-library-follower"
            )

    async def _follow(self, interval: float) -> None:
        failing = False
        while True:
            try:
                if failing:
                    await asyncio.sleep(interval)  # not four looks a second at a dead server
                await self.store.wait_for_change(self._seen_token, FOLLOW_WAIT, poll=interval)
                if await self.catch_up() and self._vectors is not None:
                    self._vectors.wake()  # another process's sentences wait for vectors
            except Exception as exc:  # the follower must outlive a bad moment
                if not failing:  # said once, not four times a second
                    if isinstance(exc, StoreError):
                        log.warning("cannot follow the library's changes: %s", exc)
                    else:
                        log.exception("following the library's changes failed")
                failing = True
            else:
                if failing:
                    log.info("following the library's changes again")
                failing = False

    @property
    def lag(self) -> float:
        """Seconds since this process learnt of a library version it does not hold yet
        (0 when it is current as far as it knows)."""
        since = self._behind_since
        return 0.0 if since is None else max(0.0, time.monotonic() - since)

    async def catch_up(self) -> bool:
        """Load what other processes changed since this one last looked; whether anything
        was. The caller need not poll often: one look at the change token when nothing
        changed."""
        return await self._sync(force=False)

    def owns(self, guild_id: int | None) -> bool:
        """Whether this process holds ``guild_id``'s own articles (shared: always)."""
        if guild_id is None or guild_id in self._joined:
            return True
        return guild_id not in self._left and self._owns(guild_id)

    async def load_guild(self, guild_id: int) -> None:
        """Hold a server's own articles from now on (it joined this process's shards)."""
        self._joined.add(guild_id)
        self._left.discard(guild_id)
        await self._sync(force=True)

    async def drop_guild(self, guild_id: int) -> None:
        """Let go of a server's own articles (it left): they stay in the database."""
        self._left.add(guild_id)
        self._joined.discard(guild_id)
        await self._sync(force=True)

    async def _sync(self, force: bool) -> bool:
        token = await self.store.data_version()
        if token == self._seen_token and not force:
            return False
        async with self._changing:
            self._seen_token = token  # a commit after this moves the token again
            version = await self.store.library_version()
            if version == self.version and not force:
                return False
            if self._behind_since is None and version != self.version:
                self._behind_since = time.monotonic()
            difference = await self._read_difference()
            if difference is None:
                self.version = version
                self._behind_since = None
                return False
            async with self._write_lock:
                await self._swap_in(difference)
            return True

    async def _swap_in(self, difference: _Difference) -> None:
        """Swap a difference in, under the exclusive pass: the version is set with the
        indexes, so an answer (which reads it under the shared pass) names the version it
        was ranked on."""
        await self.store.refresh_vocabulary()
        await self._on_library_thread(partial(self._apply_difference, difference))
        self.version = difference.version
        self._behind_since = None

    async def _read_difference(self) -> _Difference | None:
        """What the database holds that this process does not (or no longer), for the
        servers it holds; None if nothing. Read in one snapshot, under ``_changing``, so
        that nothing here changes meanwhile."""
        async with self.store.snapshot():
            version = await self.store.library_version()
            stored = await self.store.article_versions()
            wanted = {a: v for a, v in stored.items()
                      if self.owns(v.guild_id) and a not in self._withheld}  # fmt: skip
            held = {a: int(ids[0]) for a, ids in self._held.items() if len(ids)}
            gone = [a for a in self._articles
                    if a not in wanted or wanted[a].first_sentence != held.get(a)]  # fmt: skip
            new = [a for a, v in wanted.items() if v.first_sentence != held.get(a)]
            left = [g for g in self._guild_indexes if not self.owns(g)]
            if not gone and not new and not left:
                return None
            # Everything, as at a first start of a process that holds every server: read
            # without a filter.
            only = None if not self._articles and len(new) == len(stored) else new
            articles = await self.store.articles(only) if new else []
            entities = await self.store.entities(only) if new else []
            loaded = await self.store.load_all(ids=only) if new else None
            # A server this process starts holding gets an index of every shared article
            # plus its own; the shared ones are read again only if some are kept from before.
            new_guilds = {wanted[a].guild_id for a in new} - {None, *self._guild_indexes}
            kept_shared = [a for a, article in self._articles.items()
                           if article.guild_id is None and a not in gone]  # fmt: skip
            shared = None
            if new_guilds and kept_shared:
                shared_ids = kept_shared + [a for a in new if wanted[a].guild_id is None]
                shared = await self.store.load_all(ids=shared_ids)
        return _Difference(version, gone, articles, entities, loaded, shared)

    def _apply_difference(self, difference: _Difference) -> None:
        """Swap a difference in (on the library thread, under the exclusive pass)."""
        for article_id in difference.gone:
            self._forget(article_id)
        for guild in [g for g in self._guild_indexes if not self.owns(g)]:
            del self._guild_indexes[guild]
            self._correctors.pop(guild, None)
        if difference.loaded is not None:
            self._add_loaded(difference.articles, difference.entities, difference.loaded,
                             difference.shared)  # fmt: skip
        self._publish()

    def _add_loaded(
        self,
        articles: Sequence[Article],
        entities: Sequence[tuple[str, str, str]],
        loaded: LoadedSentences,
        all_shared: LoadedSentences | None,
    ) -> None:
        """Hold stored articles: ``loaded`` has their sentences; ``all_shared`` every shared
        article's, for servers new here (None: the shared ones of ``loaded`` are all)."""
        by_id = {a.id: a for a in articles}
        self._articles.update(by_id)
        self._held.update(_group_by_article(loaded.ids, loaded.article_ids))
        stored_entities: dict[str, list[tuple[str, str]]] = {}
        for article_id, name, roles in entities:
            stored_entities.setdefault(article_id, []).append((name, roles))
        spoken: dict[str, list[tuple[int, str | None]]] = {}
        for sid, article_id, names in loaded.speakers:
            spoken.setdefault(article_id, []).append((sid, names))
        for article_id in by_id:
            self._speakers.add_article(
                article_id,
                spoken.get(article_id, []),
                stored_entities.get(article_id, []),
                by_id[article_id].title,
            )
        guild_of = [by_id[a].guild_id for a in loaded.article_ids]
        shared = np.array([g is None for g in guild_of], dtype=np.bool_)
        for index in (self._shared, *self._guild_indexes.values()):
            index.add_loaded(loaded, shared)
        for guild in {g for g in guild_of if g is not None}:
            own = self._guild_indexes.get(guild)
            if own is None:
                own = self._guild_indexes[guild] = self._new_scope()
                if all_shared is not None:
                    own.add_loaded(all_shared, np.ones(len(all_shared.ids), dtype=np.bool_))
                else:
                    own.add_loaded(loaded, shared)
            own.add_loaded(loaded, np.array([g == guild for g in guild_of], dtype=np.bool_))

    def _publish(self) -> None:
        """Make the state the change left the one the loop reads (library thread, last
        step of every change)."""
        terms: dict[int | None, int] = {None: self._shared.sentences.n_terms}
        terms.update((g, index.sentences.n_terms) for g, index in self._guild_indexes.items())
        self._catalogue = _Catalogue(
            dict(self._articles), self._shared, dict(self._guild_indexes), terms
        )

    async def _on_library_thread(self, change: Callable[[], T]) -> T:
        """Run a change's in-memory step on the library thread, and return only when it
        has finished, even if cancelled: the caller's exclusive pass must outlast it."""
        future = asyncio.get_running_loop().run_in_executor(self._library_thread, change)
        cancelled = False
        while True:
            try:
                result = await asyncio.shield(future)
                break
            except asyncio.CancelledError:
                if future.done():
                    raise
                cancelled = True
        if cancelled:
            raise asyncio.CancelledError
        return result

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
        return [a for a in self._catalogue.articles.values() if a.guild_id in (None, guild_id)]

    def article(self, article_id: str, guild_id: int | None = SHARED) -> Article:
        found = self._catalogue.articles.get(article_id)
        if found is None or found.guild_id not in (None, guild_id):
            raise UnknownArticle(article_id)
        return found

    def is_empty(self) -> bool:
        return not self._catalogue.articles

    async def seed_if_new(self, sample: str | Path) -> Article | None:
        """Index ``sample`` into a library that has never had an article, once.

        A library whose articles were all removed stays empty: the sample is never
        added behind the user's back.
        """
        if self._catalogue.articles or await self.store.get_meta("seeded"):
            return None
        article = await self.add_path(sample)
        await self.store.set_meta("seeded", article.id)
        return article

    async def withhold(self, article_id: str) -> Article:
        """Stop answering from, listing and counting a stored article in this process,
        leaving it in the database.

        The real bot keeps the bundled sample (added by the local harness to a database
        it shares) out of every server this way: withholding is not removing, so the
        owner decides, with ``remove``, whether the sample leaves the database.
        """
        article = self._catalogue.articles.get(article_id)
        if article is None:
            raise UnknownArticle(article_id)
        async with self._changing, self._write_lock:
            self._withheld.add(article_id)  # and the follower never loads it back
            await self._on_library_thread(partial(self._forget_and_publish, article_id))
            return article

    def index_for(self, guild_id: int | None) -> ScopeIndex:
        """The index a scope's questions are ranked on. Changes update it in place on the
        library thread: read it under the gate's shared pass (as :meth:`ask` does), or
        when no change is running."""
        catalogue = self._catalogue
        return catalogue.guilds.get(guild_id, catalogue.shared) if guild_id else catalogue.shared

    def held(self) -> Held:
        catalogue = self._catalogue
        return Held(
            servers=len(catalogue.guilds),
            articles=len(catalogue.articles),
            sentences=sum(a.sentences for a in catalogue.articles.values()),
        )

    def stats(self, guild_id: int | None = SHARED) -> Stats:
        catalogue = self._catalogue  # one version, whatever a change is doing meanwhile
        visible = [a for a in catalogue.articles.values() if a.guild_id in (None, guild_id)]
        terms = catalogue.terms
        return Stats(
            articles=len(visible),
            sentences=sum(a.sentences for a in visible),
            terms=terms.get(guild_id, terms.get(None, 0)) if guild_id else terms.get(None, 0),
            database=self.store.path,
            vectors_waiting=self.vectors_waiting(),
            version=self.version,
            lag=self.lag,
            servers=len(catalogue.guilds),
        )

    # --- asking ----------------------------------------------------------------------

    async def ask(self, question: str, k: int = 3, guild_id: int | None = SHARED) -> Answer:
        """Rank on the library thread, read the quoted sentences on the loop.

        The shared pass is held from before the index is chosen until the last step ran,
        so no change lands in the middle of an answer.
        """
        await self._write_lock.enter_shared()
        # Changes set the version under the exclusive pass, with the indexes they change:
        # read under the shared pass, it names the version this answer is ranked on.
        version = self.version
        try:
            corrector = self._correctors.setdefault(guild_id, TermCorrector())
            context = AnswerContext(
                index=self.index_for(guild_id),
                fetch=self._read_on_thread,
                speakers=self._speakers,
                visible=lambda article_id: self._visible(article_id, guild_id),
                corrector=corrector,
                rerank=self._ranker.fuse if self._ranker is not None else None,
                similarity=self._ranker.cosines if self._ranker is not None else None,
                word_similarity=self._ranker.word_cosines if self._ranker is not None else None,
                pool_cosines=self._ranker.pool_cosines if self._ranker is not None else None,
                scorer=self._scorer,
                answerability=self._answerability,
                cross=self._cross,
                cross_states=self._cross.states if self._cross is not None else None,
                cross_answerability=self._cross_answerability,
            )
            coro = answer_question(question, context, k=k)
        except BaseException:
            self._write_lock.leave_shared()
            raise
        answer = await run_on_thread(
            coro, self._library_thread, self._fetch, self._write_lock.leave_shared
        )
        return replace(answer, version=version)

    def _visible(self, article_id: str, guild_id: int | None) -> bool:
        article = self._catalogue.articles.get(article_id)
        return article is not None and article.guild_id in (None, guild_id)

    async def _read_on_thread(self, ids: Sequence[int]) -> list[Quote]:
        """An answer's sentence read, on the library thread with a read-only connection of
        its own: WAL readers never wait for a writer, and each hand-off to the loop (and
        from there to aiosqlite's thread) costs more than the read. When that connection
        cannot be had or fails, the read is served on the loop as before."""
        if self._thread_reader is None and not self._thread_reader_failed:
            self._thread_reader = self.store.open_reader()
            self._thread_reader_failed = self._thread_reader is None
        if self._thread_reader is not None:
            try:
                rows = self.store.quoted_sentences(self._thread_reader, ids)
            except sqlite3.Error:
                pass  # e.g. the file was replaced: the loop's connection reads it
            else:
                found = []
                for sid in ids:
                    row = rows.get(sid)
                    article = self._articles.get(row[0]) if row else None
                    if row is not None and article is not None:
                        stored = StoredSentence(sid, row[0], row[1], ())
                        found.append(self._quote(stored, article))
                return found
        return await _read_between_steps(ids)

    async def _fetch(self, ids: Sequence[int]) -> list[Quote]:
        """Quotes for sentence ids, in the given order; ids removed meanwhile are skipped."""
        rows = await self.store.sentences(ids)
        found = []
        for sid in ids:
            row = rows.get(sid)
            article = self._catalogue.articles.get(row.article_id) if row else None
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

    async def run_ingest(self, work: Callable[[], T], size: int = 0) -> T:
        """Run CPU-heavy ingest work (parsing an upload, analysing an article) on the
        library's ingest thread, or, for an input of ``size`` from :data:`PROCESS_FROM`,
        in its worker process (``work`` must then pickle: a module function and its
        arguments)."""
        loop = asyncio.get_running_loop()
        if size < PROCESS_FROM:
            return await loop.run_in_executor(self._ingest_thread, work)
        if self._ingest_process is None:
            self._ingest_process = worker_pool()
        try:
            pieces = await loop.run_in_executor(self._ingest_process, run_packed, work)
        except BrokenProcessPool:
            self._ingest_process = None  # a new worker for the next input
            raise IngestError("the input could not be analysed (its worker stopped)") from None
        result: T = await loop.run_in_executor(self._ingest_thread, unpack, pieces)
        return result

    async def add_path(self, path: str | Path, guild_id: int | None = SHARED) -> Article:
        doc = await self.run_ingest(partial(read_path, path), _file_size(path))
        return await self.add_document(doc, guild_id)

    async def add_document(self, doc: Document, guild_id: int | None = SHARED) -> Article:
        processed = await self.run_ingest(partial(process, doc, self.segmenter), len(doc.text))
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
        async with self._changing, self._write_lock:
            shared = await self._shared_for_new_scope(guild_id)
            writes = [
                ArticleWrite(_name(p.doc), p.doc, p.sentences, p.terms, guild_id,
                             [(e.name, " ".join(sorted(e.roles))) for e in p.entities])
                for p in batch
            ]  # fmt: skip
            written = await self.store.replace_articles(writes)
            articles = await self._on_library_thread(
                partial(self._apply_written, guild_id, writes, written, shared)
            )
            await self._hold_own_write()
            if self._vectors is not None:
                self._vectors.wake()  # committed: its vectors come in the background
            return articles

    def _apply_written(
        self,
        guild_id: int | None,
        writes: Sequence[ArticleWrite],
        written: Sequence[Written],
        shared: LoadedSentences | None,
    ) -> list[Article]:
        """Index articles just stored (on the library thread, under the exclusive pass)."""
        if shared is not None and guild_id is not None and guild_id not in self._guild_indexes:
            index = self._guild_indexes[guild_id] = self._new_scope()
            index.add_loaded(shared, np.isin(shared.ids, self._held_shared()))
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
                article.title,
            )
        for index in self._indexes_seeing(guild_id):
            index.add(rows)
        self._publish()
        return articles

    async def _hold_own_write(self) -> None:
        """This process's write is in its memory: it holds the version the write made. When
        the write landed on top of another process's change that this one had not loaded,
        memory is that change short, a state the database never held: the change is loaded
        now, under the same exclusive pass, so that no answer sees the write without it."""
        before, after = self.store.last_write
        if before == self.version:
            self.version = after
        elif after > self.version:
            difference = await self._read_difference()
            if difference is not None:
                await self._swap_in(difference)
            else:
                self.version = after

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
        # "spawn": forking a process that runs threads (aiosqlite's) is not safe. One worker:
        # the library's own ingest thread, or its worker process for a large file.
        pool = (
            ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("spawn"))
            if workers > 1
            else None
        )

        async def analysed(path: str | Path) -> Processed | str:
            work = partial(read_and_process, str(path), self.segmenter)
            try:
                if pool is None:
                    return await self.run_ingest(work, _file_size(path))
                pieces = await loop.run_in_executor(pool, run_packed, work)
            except (BrokenProcessPool, IngestError) as exc:
                return f"{path}: cannot be indexed ({exc or 'its worker stopped'})"
            result: Processed | str = await loop.run_in_executor(
                self._ingest_thread, unpack, pieces
            )
            return result

        with pool or contextlib.nullcontext():
            futures = [asyncio.ensure_future(analysed(p)) for p in paths]
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
        article = self._catalogue.articles.get(article_id)
        if article is None or article.guild_id != guild_id:
            raise UnknownArticle(article_id)
        async with self._changing, self._write_lock:
            if self._articles.get(article_id) is not article:
                raise UnknownArticle(article_id)  # removed or replaced while we waited
            # Gone from the database even if another process removed it first.
            await self.store.delete_article(article_id, guild_id)
            await self._on_library_thread(partial(self._forget_and_publish, article_id))
            await self._hold_own_write()
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

    async def _shared_for_new_scope(self, guild_id: int | None) -> LoadedSentences | None:
        """A server's first own article gets it an index of the shared articles plus its
        own: their sentences, read here (on the loop; the index is built on the thread).

        It holds the shared articles this process's shared index holds, no more: the
        database may also have ones that another process wrote since (with terms this
        process has not seen), and the server's scores must come from the same articles
        as every other server's."""
        if guild_id is None or guild_id in self._guild_indexes:
            return None
        shared = [a for a, article in self._articles.items() if article.guild_id is None]
        return await self.store.load_all(ids=shared)

    def _held_shared(self) -> NDArray[np.int64]:
        shared = [self._held[a] for a, article in self._articles.items()
                  if article.guild_id is None and a in self._held]  # fmt: skip
        return np.concatenate(shared) if shared else np.zeros(0, dtype=np.int64)

    def _forget_and_publish(self, article_id: str) -> None:
        self._forget(article_id)
        self._publish()

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


def _file_size(path: str | Path) -> int:
    try:
        return os.path.getsize(path)
    except OSError:
        return 0  # reading it will say what is wrong, on the ingest thread


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
