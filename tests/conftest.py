from __future__ import annotations

import contextlib
import io
import os
import sys
from collections.abc import AsyncIterator, Callable, Iterator
from pathlib import Path

import pytest

from bot import sample_article
from index.library import Library

from cli_helpers import Run
from pg_server import REQUIRE_ENV, REQUIRED, Server, running_server


@pytest.fixture(scope="session", autouse=True)
def shipped_model_read_once() -> Iterator[None]:
    """The shipped model is read from disk once a session, not once per library opened.

    Dozens of tests open a library that loads it (45 MB, checksummed, about half a second
    each); its encoder is not changed by use. Any other folder, or the shipped one once its
    files change on disk, is loaded for real, so the tests of missing and broken models see
    what the bot would. A test that replaces ``Encoder.load`` itself still can.
    """
    from index import encoder as encoder_module
    from index.encoder import Encoder

    real = Encoder.__dict__["load"]
    loaded: dict[tuple[object, ...], Encoder] = {}

    def load(cls: type[Encoder], path: str | Path | None = None) -> Encoder | None:
        folder = Path(encoder_module.MODEL_DIR if path is None else path).resolve()
        files = [folder / encoder_module.WEIGHTS, folder / encoder_module.TOKENIZER]
        if folder != Path(encoder_module.MODEL_DIR).resolve() or not all(
            f.is_file() for f in files
        ):
            return real.__func__(cls, path)  # type: ignore[no-any-return]
        key = (folder, *((f.stat().st_mtime_ns, f.stat().st_size) for f in files))
        if key not in loaded:
            encoder = real.__func__(cls, path)
            if encoder is None:
                return None
            loaded[key] = encoder
        return loaded[key]

    Encoder.load = classmethod(load)  # type: ignore[method-assign,assignment]
    try:
        yield
    finally:
        Encoder.load = real  # type: ignore[method-assign]


@pytest.fixture(autouse=True)
def answerability_model_off(monkeypatch: pytest.MonkeyPatch) -> None:
    """The learned answer-or-decline model (index/answerability.py) is off unless a test
    turns it on (tests/test_answerability.py): it was trained on the shipped encoder's
    cosines, and most tests give a stub encoder's (0 or 1), which mean nothing to it;
    they test the rules, which the model only follows."""
    monkeypatch.setenv("ARTICLEBOT_ANSWERABILITY", "0")


@pytest.fixture(autouse=True)
async def libraries_closed(monkeypatch: pytest.MonkeyPatch) -> AsyncIterator[None]:
    """Each library a test opens is closed after it. A test failing before its own
    ``close()`` would leave the library's threads running, and the test process would
    wait for them at exit for ever: CI would hang instead of reporting the failure."""
    opened: list[Library] = []
    open_library = Library.open

    async def tracked(*args: object, **kwargs: object) -> Library:
        lib = await open_library(*args, **kwargs)  # type: ignore[arg-type]
        opened.append(lib)
        return lib

    monkeypatch.setattr(Library, "open", tracked)
    yield
    for lib in opened:
        await lib.close()


@pytest.fixture
def vectors_on_the_thread(monkeypatch: pytest.MonkeyPatch) -> None:
    """Libraries opened in this test encode their missing vectors on their vector thread
    (``enable_semantic(process=False)``, as a one-shot command does), not in a worker
    process of their own.

    The worker process is spawned: it imports the bot and loads the model again (about a
    second of CPU) and runs at a lower priority, so on a loaded machine a test waiting for
    its vectors waited mostly for the scheduler. Use it where the vectors are the means,
    not what is tested; tests/test_vector_process.py tests the process itself, and that
    its vectors are the thread's.
    """
    real = Library.enable_semantic

    def enable_semantic(
        self: Library, encoder: object, worker: bool = True, process: bool = True
    ) -> None:
        real(self, encoder, worker, process=False)  # type: ignore[arg-type]

    monkeypatch.setattr(Library, "enable_semantic", enable_semantic)


@pytest.fixture
def sample_path() -> Path:
    return sample_article()


@pytest.fixture
def sample_text(sample_path: Path) -> str:
    return sample_path.read_text(encoding="utf-8")


@pytest.fixture
async def library(tmp_path: Path) -> AsyncIterator[Library]:
    lib = await Library.open(tmp_path / "lib.db")
    yield lib
    await lib.close()


@pytest.fixture
async def sample_library(library: Library, sample_path: Path) -> Library:
    await library.add_path(sample_path)
    return library


@pytest.fixture
def cli(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> Callable[..., Run]:
    """Run ``articlebot ARGS`` in this process (``bot.cli.main``), in ``tmp_path`` with no
    ARTICLEBOT_*/DISCORD_* variables; ``stdin=`` gives its standard input."""
    from bot.cli import main

    monkeypatch.chdir(tmp_path)
    for var in list(os.environ):
        if var.startswith(("ARTICLEBOT_", "DISCORD_")):
            monkeypatch.delenv(var)

    def run(*args: str, stdin: str = "") -> Run:
        capsys.readouterr()
        monkeypatch.setattr(sys, "stdin", io.StringIO(stdin))
        try:
            code = main(list(args))
        except SystemExit as exc:  # argparse: bad usage, --help, --version
            code = exc.code if isinstance(exc.code, int) else 1
        out, err = capsys.readouterr()
        return Run(code, out, err)

    return run


@pytest.fixture(scope="session")
def pg_server() -> Iterator[Server]:
    """One PostgreSQL server for the session, started on first use (tests/pg_server.py)."""
    with contextlib.ExitStack() as stack:
        try:
            server = stack.enter_context(running_server())
        except RuntimeError as exc:
            if REQUIRED:
                pytest.fail(f"{REQUIRE_ENV}=1 but {exc}")
            pytest.skip(str(exc))
        yield server


@pytest.fixture
def pg_url(pg_server: Server) -> Iterator[str]:
    """A new, empty PostgreSQL database of this test's own, dropped afterwards: each database
    is a copy of the template on disk, and hundreds of them made the server's shutdown at
    the end of the session take as long as a dozen tests."""
    url = pg_server.new_database()
    yield url
    pg_server.drop_database(url)


@pytest.fixture(params=["sqlite", "postgresql"])
def database(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """Where a library lives, once per store backend: an SQLite file, a PostgreSQL URL."""
    if request.param == "sqlite":
        return str(tmp_path / "lib.db")
    url: str = request.getfixturevalue("pg_url")
    return url
