"""The ``articlebot`` command: the local harness around the same answering core as the bot.

Exit status: 0 on success (an abstention is a success); 2 on bad usage or bad input (an
``ArticlebotError``: a one-line message on stderr); 1 on anything else, which is a bug
(one line saying so; the traceback with ``--debug``, or in the log at DEBUG level); 130 on
Ctrl-C; 141 (as a process killed by SIGPIPE) when whatever reads the output stops
reading (``articlebot ask - | head -1``), quietly.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import logging
import os
import re
import sys
import tempfile
import traceback
from collections.abc import Sequence
from contextlib import nullcontext
from pathlib import Path
from typing import Any, TextIO

from index.errors import ArticlebotError
from index.evaluate import Report, evaluate, load_boilerplate, load_questions
from index.feedback import FeedbackStore
from index.fetch import FetchError, fetch_article
from index.ingest import IngestError
from index.library import Library, UnknownArticle
from index.models import Article
from index.store import Store

from . import __version__, sample_article
from .article_files import SUPPORTED_SUFFIXES, expand
from .config import Config, load_config
from .feeds_cli import add_parser as add_feeds_parser
from .feeds_cli import run_feeds
from .plural import plural
from .render import render_text
from .sample import listed, sample_articles
from .terminal import Interrupts, line_editing, sigint_for_the_main_thread

log = logging.getLogger("articlebot")

_URL = re.compile(r"[a-zA-Z][a-zA-Z0-9+.-]*://")  # "https://…" is fetched, not read as a path
CLOSED_PIPE = 141  # 128 + SIGPIPE: what a shell reports for a writer whose reader left


class UsageError(ArticlebotError):
    """Bad input from the user: reported in one line, exit status 2."""


def _parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--db",
        metavar="PATH",
        help="SQLite file or postgresql:// URL (default: config, $ARTICLEBOT_DB, "
        "or ./articlebot.db)",
    )
    common.add_argument(
        "--config",
        metavar="PATH",
        help="TOML config file (default: $ARTICLEBOT_CONFIG or ./articlebot.toml if present)",
    )
    common.add_argument(
        "--debug",
        action="store_true",
        default=argparse.SUPPRESS,  # so "articlebot --debug ask …" is not undone here
        help="print the traceback of an internal error",
    )

    parser = argparse.ArgumentParser(
        prog="articlebot",
        description="Answer questions about news articles with cited, verbatim quotes.",
    )
    parser.add_argument("--version", action="version", version=f"articlebot {__version__}")
    parser.add_argument(
        "--debug", action="store_true", help="print the traceback of an internal error"
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    p = sub.add_parser("ask", parents=[common], help="answer a question ('-': one per stdin line)")
    p.add_argument("question", help="the question, or - to read one question per line")
    p.add_argument("-k", type=int, default=None, help="number of quotes (default 3)")
    p.add_argument("--json", action="store_true", help="print JSON")

    p = sub.add_parser("index", parents=[common], help="add or update articles")
    p.add_argument(
        "paths",
        nargs="+",
        metavar="PATH",
        help="text, Markdown or HTML files, folders (read recursively, hidden files left "
        f"out, only {' '.join(sorted(SUPPORTED_SUFFIXES))} files), or http(s) URLs",
    )
    p.add_argument(
        "--vectors",
        action="store_true",
        help="also compute the sentence vectors now (else the bot computes them as it runs)",
    )

    sub.add_parser("sources", parents=[common], help="list the indexed articles")

    p = sub.add_parser("remove", parents=[common], help="remove an article by id")
    p.add_argument("article_id", metavar="ID", help="as articlebot sources prints it")

    sub.add_parser("reindex", parents=[common], help="re-analyse every stored article")

    p = sub.add_parser(
        "eval",
        parents=[common],
        help="measure answer quality on JSONL question sets",
        description="Measure answer quality. One file is asked against the --db library; "
        "with several, each set is asked against a new library of its own, so that its "
        "figures never depend on the other sets. Each library gets the files given with "
        "--articles and, for a set whose questions name their article files, the articles/ "
        "folder beside it; never the bundled sample unless given.",
    )
    p.add_argument("files", nargs="+", metavar="FILE.jsonl")
    p.add_argument(
        "--articles",
        nargs="+",
        action="extend",
        default=[],
        metavar="PATH",
        help="index these article files first (a set whose questions name no article file, "
        "such as seed-dev: the bundled sample, bot/data/2025-05-17-trump-putin-call.txt)",
    )
    p.add_argument(
        "--json", action="store_true", help="print the report as JSON (several files: a list)"
    )
    p.add_argument("-k", type=int, default=5, help="quotes asked for per question (default 5)")

    sub.add_parser("shell", parents=[common], help="interactive question prompt (the harness)")
    p = sub.add_parser(
        "run", parents=[common], help="run the Discord bot (without a token: the local shell)"
    )
    p.add_argument(
        "--sync", action="store_true", help="sync slash commands first (global or sync_guilds)"
    )
    p = sub.add_parser(
        "replay",
        parents=[common],
        help="drive the bot offline with gateway events, in virtual time",
        description=_replay_doc(),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument(
        "events", metavar="EVENTS.jsonl", help='one {"t": ..., "d": {...}, "at": ...} a line'
    )
    sub.add_parser("commands", parents=[common], help="print the slash commands as synced (JSON)")
    p = sub.add_parser(
        "migrate",
        help="copy a library to another database (e.g. SQLite to PostgreSQL), verified",
        description="Copy every table of one library into a new, empty database, in one "
        "transaction, then compare each table on both sides by row count and checksum "
        "(one line a table; exit status 2 on a mismatch).",
    )
    p.add_argument(
        "--from",
        dest="source",
        required=True,
        metavar="DB",
        help="the library to copy: an SQLite file or a postgresql:// URL",
    )
    p.add_argument("--to", dest="destination", required=True, metavar="DB",
                   help="the new database: an SQLite file or a postgresql:// URL")  # fmt: skip
    p.set_defaults(config=None, db=None)
    add_feeds_parser(sub, common)
    p = sub.add_parser("feedback", help="members' 👍/👎 on answers")
    actions = p.add_subparsers(dest="action", required=True, metavar="ACTION")
    p = actions.add_parser(
        "export",
        parents=[common],
        help="rated answers as JSON lines",
        description="Print every answer members rated, one JSON object a line: answer_id, "
        "guild_id (null: a direct message), question, quotes (sentence_id, article_id, text), "
        "asked_at, up, down. Members' ids are not exported.",
    )
    p.add_argument("--guild", type=_snowflake, metavar="ID", help="only this server's answers")
    return parser


def _replay_doc() -> str:
    """The replay module's docstring (bar its title line): the one reference of the
    events it reads and the lines it prints. The module imports discord only when run."""
    from . import replay

    return (replay.__doc__ or "").split("\n", 1)[1].strip()


def _snowflake(text: str) -> int:
    """A Discord id given on the command line (argparse reports a bad one as usage)."""
    if not text.isdigit() or not 0 < int(text) < 2**64:
        raise argparse.ArgumentTypeError(f"not a Discord id: {text!r}")
    return int(text)


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        config = load_config(args.config)
        if args.db:
            config.database = args.db
        logging.basicConfig(level=config.log_level, format="%(levelname)s %(name)s: %(message)s")
        return asyncio.run(_dispatch(args, config))
    except ArticlebotError as exc:
        print(f"articlebot: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("articlebot: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        _quiet_stdout()
        return CLOSED_PIPE
    except Exception as exc:
        what = " ".join(f"{exc.__class__.__name__}: {exc}".split())  # one line
        print(f"articlebot: internal error ({what}); run with --debug for details", file=sys.stderr)
        if args.debug:
            traceback.print_exc()
        else:
            log.debug("internal error", exc_info=True)
        return 1


def _quiet_stdout() -> None:
    """The reader of stdout has gone: point stdout at /dev/null, so that the interpreter's
    own flush at exit does not report the closed pipe again."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError):  # stdout replaced by something without a descriptor
        pass


async def _dispatch(args: argparse.Namespace, config: Config) -> int:
    if args.command == "run" and config.token:
        from .runner import run_bot

        return await run_bot(config, sync=args.sync)
    if args.command == "commands":
        return await _commands(config)
    if args.command == "migrate":
        return await _migrate(args.source, args.destination)
    if args.command == "feedback":
        return await _feedback_export(args, config)
    if args.command == "eval" and not args.db:
        # A question set measured without --db gets a library of its own: eval never
        # adds its articles to the library the bot answers from.
        return await _eval(None, args, config)
    # The shell's Ctrl-C must reach the main thread, not one the library starts.
    quiet = sigint_for_the_main_thread() if args.command in {"shell", "run"} else nullcontext()
    with quiet:
        library = await Library.open(
            config.database,
            segmenter=config.segmenter,
            semantic=config.semantic,
            # Vectors are computed by the commands that add articles or keep running.
            background=args.command in {"run", "shell", "replay", "eval"}
            or (args.command == "index" and args.vectors),
        )
    async with library:
        if args.command in {"ask", "shell", "run", "replay"}:  # not eval: _index_eval_articles
            await _seed(library)
        if args.command == "run":
            print(
                "articlebot: no DISCORD_TOKEN set; starting the local shell instead "
                "(Ctrl-D to quit)",
                file=sys.stderr,
            )
        handler = {
            "ask": _ask,
            "index": _index,
            "sources": _sources,
            "remove": _remove,
            "reindex": _reindex,
            "eval": _eval,
            "shell": _shell,
            "run": _shell,
            "replay": _replay,
            "feeds": run_feeds,
        }[args.command]
        return await handler(library, args, config)


async def _migrate(source: str, destination: str) -> int:
    from index.migrate import migrate
    from index.stores import backend_of, open_store

    if backend_of(source) == "sqlite" and not Path(source).expanduser().is_file():
        raise UsageError(f"--from {source}: no such database")
    if backend_of(destination) == backend_of(source) and destination == source:
        raise UsageError("--from and --to name the same database")
    async with contextlib.AsyncExitStack() as stack:
        src = await open_store(source)
        stack.push_async_callback(src.close)
        dst = await open_store(destination)
        stack.push_async_callback(dst.close)
        checks = await migrate(src, dst)
    for check in checks:
        print(check.line())
    if all(check.ok for check in checks):
        print(f"articlebot: copied {src.path} to {dst.path}", file=sys.stderr)
        return 0
    print("articlebot: the copy differs from the source (see above)", file=sys.stderr)
    return 2


async def _seed(library: Library) -> None:
    article = await library.seed_if_new(sample_article())
    if article:
        print(
            f"articlebot: the library was empty; indexed the bundled sample article "
            f"{article.id!r} ({plural(article.sentences, 'sentence')})",
            file=sys.stderr,
        )


def _k(args: argparse.Namespace, config: Config) -> int:
    k = args.k if args.k is not None else config.top_k
    if not 1 <= k <= 10:
        raise UsageError(f"-k must be between 1 and 10, got {k}")
    return int(k)


async def _ask(library: Library, args: argparse.Namespace, config: Config) -> int:
    k = _k(args, config)
    if args.question == "-":
        for line in sys.stdin:
            answer = await library.ask(line.rstrip("\n"), k=k)
            print(json.dumps(answer.to_json(), ensure_ascii=False), flush=True)
        return 0
    answer = await library.ask(args.question, k=k)
    if args.json:
        print(json.dumps(answer.to_json(), ensure_ascii=False, indent=2))
    else:
        print(render_text(answer))
    return 0


async def _index(library: Library, args: argparse.Namespace, config: Config) -> int:
    """Files, then URLs. Many files are analysed in worker processes (one a CPU) with a
    progress bar; URLs are fetched one at a time under the ``fetch.*`` settings, with the
    same guards as ``/articles add url:``."""
    from tqdm import tqdm

    urls = [p for p in args.paths if _URL.match(p)]
    expanded = expand([p for p in args.paths if not _URL.match(p)])
    paths = expanded.files
    if expanded.unsupported:
        kinds = sorted({p.suffix.lower() or "(no suffix)" for p in expanded.unsupported})
        print(f"articlebot: skipped {plural(len(expanded.unsupported), 'file')} of a kind "
              f"that is not read ({', '.join(kinds)}); only "
              f"{' '.join(sorted(SUPPORTED_SUFFIXES))} files are read from a folder",
              file=sys.stderr)  # fmt: skip
    if not paths and not urls:
        raise UsageError("no text, Markdown or HTML files to index in " + " ".join(args.paths))
    added: list[Article] = []
    refused: list[str] = []
    if paths:
        bar = tqdm(total=len(paths), unit="file", file=sys.stderr,
                   disable=len(paths) < 5 or not sys.stderr.isatty())  # fmt: skip

        def progress(done: int, total: int, error: str | None) -> None:
            bar.update(1)
            if error:
                bar.write(f"articlebot: skipped {error}", file=sys.stderr)

        workers = 1 if len(paths) < 4 else None
        added, refused = await library.add_many(paths, workers=workers, progress=progress)
        bar.close()
    for url in urls:
        try:
            doc = await fetch_article(url, config.fetch_policy())
            added.append(await library.add_document(doc))
        except (FetchError, IngestError) as exc:
            refused.append(f"{url}: {exc}")
            print(f"articlebot: skipped {url}: {exc}", file=sys.stderr)
    for article in added:
        print(f"indexed {article.id}: {article.title!r}, {plural(article.sentences, 'sentence')}")
    if args.vectors:
        await _wait_for_vectors(library)
    else:
        waiting = await library.count_vectors_waiting()
        if waiting:
            print(f"articlebot: {plural(waiting, 'sentence')} will get vectors when the bot runs "
                  "(or now: articlebot index --vectors)", file=sys.stderr)  # fmt: skip
    return 2 if refused else 0


async def _wait_for_vectors(library: Library) -> None:
    """Sentence vectors are computed in the background; the command waits for them (a
    bar on a terminal), so that the library it leaves ranks with them at once."""
    from tqdm import tqdm

    waiting = library.vectors_waiting()
    if waiting is None:
        return
    await asyncio.sleep(0.05)  # let the worker count what it has to do
    total = library.vectors_waiting() or 0
    bar = tqdm(total=total, unit="sentence", desc="vectors", file=sys.stderr,
               disable=total < 100 or not sys.stderr.isatty())  # fmt: skip
    while not await library.wait_for_vectors(timeout=0.5):
        now = library.vectors_waiting() or 0
        bar.update(max(0, total - now - bar.n))
    bar.update(max(0, total - bar.n))
    bar.close()


async def _sources(library: Library, args: argparse.Namespace, config: Config) -> int:
    articles = library.articles()
    if not articles:
        print("The library is empty. Add articles with: articlebot index PATH...")
    for a in articles:
        sentences = plural(a.sentences, "sentence")
        print(f"{a.id}\t{a.date or '-'}\t{sentences}\t{a.title}\t{a.url or a.source}")
    for sample in await sample_articles(library):
        if not listed(sample, config.articles):
            print(f"articlebot: {sample.id} is the bundled sample: the Discord bot does not "
                  "serve it unless library.articles lists it (the local shell does); "
                  f"articlebot remove {sample.id} takes it out", file=sys.stderr)  # fmt: skip
    waiting = await library.count_vectors_waiting()
    if waiting:
        print(f"articlebot: {plural(waiting, 'sentence')} wait{'s' * (waiting == 1)} for vectors "
              "(computed while the bot runs, or by articlebot index --vectors)",
              file=sys.stderr)  # fmt: skip
    return 0


async def _remove(library: Library, args: argparse.Namespace, config: Config) -> int:
    wanted = pasted_id(args.article_id)
    try:
        article = await library.remove(wanted)
    except UnknownArticle:
        raise UsageError(
            f"no article with id {wanted!r} in this library (articlebot sources lists the ids)"
        ) from None
    print(f"removed {article.id}: {article.title!r}")
    if any(str(Path(path)) == article.source for path in config.articles):
        print("articlebot: it is listed in library.articles in the config: the bot indexes "
              "it again when it starts, unless it is taken out of that list",
              file=sys.stderr)  # fmt: skip
    return 0


def pasted_id(text: str) -> str:
    """An article id as pasted: from ``sources`` (a tab-separated column), from an answer's
    citation (``[id]``) or from Discord (`` `id` ``), with what came along taken off."""
    text = text.strip()
    for left, right in ("[]", "``", "''", '""'):
        if len(text) > 2 and text[0] == left and text[-1] == right:
            text = text[1:-1].strip()
    return text


async def _reindex(library: Library, args: argparse.Namespace, config: Config) -> int:
    count = await library.reindex()
    print(f"reindexed {plural(count, 'article')}")
    return 0


async def _eval(library: Library | None, args: argparse.Namespace, config: Config) -> int:
    """Each set against ``library`` when there is one set and a library was named (--db),
    else each against a new library of its own."""
    sets = [(Path(f), _questions(f)) for f in args.files]
    if len(sets) == 1 and library is not None:
        reports = [await _eval_set(library, *sets[0], args)]
    else:
        reports = []
        with tempfile.TemporaryDirectory(prefix="articlebot-eval-") as tmp:
            for n, (file, items) in enumerate(sets):
                db = Path(tmp) / f"set{n}.db"
                async with await Library.open(
                    db, segmenter=config.segmenter, semantic=config.semantic, background=True
                ) as own:
                    reports.append(await _eval_set(own, file, items, args))
    if args.json:
        payload = reports[0].to_json() if len(reports) == 1 else [r.to_json() for r in reports]
        print(json.dumps(payload, ensure_ascii=False, indent=2))
        return 0
    for n, report in enumerate(reports):
        if n:
            print()
        _print_report(report)
    return 0


def _questions(file: str) -> list[dict[str, Any]]:
    try:
        return load_questions(file)
    except OSError as exc:
        raise UsageError(f"{file}: {exc.strerror or exc}") from None
    except ValueError as exc:  # not UTF-8, or a line that is not a question object
        raise UsageError(str(exc)) from None


async def _eval_set(
    library: Library, file: Path, items: list[dict[str, Any]], args: argparse.Namespace
) -> Report:
    await _index_eval_articles(library, items, file, args.articles)
    if library.is_empty() and not any(i.get("article") for i in items):
        # A set that names no article file (seed-dev) is about the bundled sample article.
        print(f"articlebot: {file} names no articles; asking the bundled sample", file=sys.stderr)
        await library.add_path(sample_article())
    if library.is_empty():
        raise UsageError(
            f"{file}: no articles to ask about; index them first (--db) or give --articles"
        )
    # Measure what the bot answers: with semantic ranking on, once the vectors exist.
    await _wait_for_vectors(library)
    report = await evaluate(items, lambda q: library.ask(q, k=args.k), load_boilerplate(file))
    report.file = str(file)
    return report


def _print_report(report: Report) -> None:
    for miss in report.misses:
        print(f"miss {miss.id} [{miss.kind}] {miss.question}")
        for n, text in enumerate(miss.returned, start=1):
            print(f"    {n}. {text}")
        if not miss.returned:
            print(f"    (no quote: declined by {miss.declined_by})")
    print("\n".join(report.summary_lines()))


async def _index_eval_articles(
    library: Library, items: list[dict[str, Any]], file: Path, given: Sequence[str] = ()
) -> None:
    """Index what a question set is asked against, unless the library has it (by file name).

    That is the files given with ``--articles`` and, when the questions name their article
    files (squad-dev, tests/data/*/), every file of the ``articles/`` folder beside them,
    by name: the fresh sets keep their own copy of the sample there. Nothing else: eval
    never adds the bundled sample, so what it measures is the library it was given.
    """
    wanted = [Path(p) for p in given]
    named = {str(i["article"]) for i in items if i.get("article")}
    if named:
        folder = file.parent / "articles"
        present = {p.name for p in folder.iterdir() if p.is_file()} if folder.is_dir() else set()
        wanted += [folder / name for name in sorted(named | present)]
    have = {Path(a.source).name for a in library.articles()}
    missing = [p for p in wanted if p.name not in have]
    if not missing:
        return
    where = ", ".join(sorted({str(p.parent) for p in missing}))
    print(f"articlebot: indexing {plural(len(missing), 'article')} from {where}", file=sys.stderr)
    _, refused = await library.add_many(missing, workers=1 if len(missing) < 4 else None)
    if refused:
        raise UsageError(refused[0])


async def _shell(library: Library, args: argparse.Namespace, config: Config) -> int:
    """The local harness: one question a line, answers printed. On a terminal the prompt
    has line editing and history (bot/terminal.py); Ctrl-C cancels the answer in progress,
    and at the prompt a second Ctrl-C (or Ctrl-D) quits."""
    interactive = sys.stdin.isatty()
    out: TextIO = sys.stdout
    if interactive:
        count = plural(len(library.articles()), "article")
        print(f"articlebot: {count}. Ask a question (Ctrl-C cancels it, Ctrl-D quits).", file=out)
    editing = line_editing() if interactive else contextlib.nullcontext(False)
    with editing, Interrupts() as interrupts:
        interrupted = False  # the last thing at the prompt was a Ctrl-C
        while True:
            try:
                line = input("> " if interactive else "")
            except EOFError:
                break
            except KeyboardInterrupt:
                if interrupted:
                    print(file=out)
                    break
                interrupted = True
                print("\n(Ctrl-C again or Ctrl-D to quit)", file=out, flush=True)
                continue
            interrupted = False
            if not line.strip():
                continue
            task = asyncio.ensure_future(library.ask(line.strip(), k=config.top_k))
            try:
                with interrupts.cancelling(task):
                    answer = await task
            except asyncio.CancelledError:
                current = asyncio.current_task()
                if current is not None and current.cancelling():
                    raise  # the shell itself is being stopped
                print("(cancelled; Ctrl-C again or Ctrl-D to quit)", file=out, flush=True)
                interrupted = True  # that was the first Ctrl-C
                continue
            print(render_text(answer), file=out, flush=True)
            if not interactive:
                print(file=out)
    return 0


async def _commands(config: Config) -> int:
    from .discord_bot import create_bot

    async with await Library.open(":memory:") as library:
        bot = create_bot(config, library)
        await bot.setup_hook()
        payload = [command.to_dict(bot.tree) for command in bot.tree.get_commands()]
        await bot.close()
    print(json.dumps(payload, indent=2, ensure_ascii=False))
    return 0


async def _feedback_export(args: argparse.Namespace, config: Config) -> int:
    """The rated answers, from the database alone: the library's index is not needed."""
    path = config.database
    if path != ":memory:" and not Path(path).is_file():
        raise UsageError(f"{path}: no such database")
    store = await Store.open(path)
    try:
        feedback = FeedbackStore(store)
        async for rated in feedback.rated(args.guild, every_guild=args.guild is None):
            try:
                print(json.dumps(rated.to_json(), ensure_ascii=False), flush=True)
            except BrokenPipeError:  # "| head -1": the reader has all it wanted
                # Python's documented recipe: no second error when stdout is flushed at exit.
                os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
                break
    finally:
        await store.close()
    return 0


async def _replay(library: Library, args: argparse.Namespace, config: Config) -> int:
    from .replay import replay

    try:
        lines = Path(args.events).read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise UsageError(f"{args.events}: {exc.strerror or exc}") from None
    except UnicodeDecodeError as exc:
        raise UsageError(f"{args.events}: not valid UTF-8 text (byte {exc.start})") from None
    async for request in replay(lines, config, library):
        print(json.dumps(request, ensure_ascii=False), flush=True)
    return 0
