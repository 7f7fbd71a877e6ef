"""A private, throw-away PostgreSQL server (for the tests and the benchmarks).

It runs the binaries of an installed PostgreSQL (Debian keeps ``initdb`` and ``pg_ctl`` in
``/usr/lib/postgresql/<version>/bin``, off the PATH) on a data folder of its own, listening on
127.0.0.1 at a free port and on a socket in that folder; as root it runs them as the
``postgres`` user (PostgreSQL refuses to run as root).  Nothing of an installed cluster is
touched.  ``fast=True`` turns durability off (fsync, full-page writes): for tests only.
``icu_locale`` sets the databases' collation (ICU ``en-US`` by default, so that text sorts as
on most servers, not byte-wise as on SQLite); without ICU the C collation is used.
"""

from __future__ import annotations

import atexit
import contextlib
import os
import shlex
import shutil
import socket
import subprocess
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import StoreError

DRIVER = "postgresql+psycopg"


class PostgresUnavailable(StoreError):
    """No PostgreSQL server could be started here (no binaries, no user to run them as, ...)."""


def find_bindir() -> Path | None:
    """The folder holding ``initdb`` and ``pg_ctl``: ``$DATELINE_PG_BINDIR``, the newest
    ``/usr/lib/postgresql/*/bin``, or the folder of an ``initdb`` on the PATH."""
    given = os.environ.get("DATELINE_PG_BINDIR")
    if given:
        return Path(given) if (Path(given) / "initdb").exists() else None
    versions = sorted(
        Path("/usr/lib/postgresql").glob("*/bin/initdb"),
        key=lambda p: [int(x) if x.isdigit() else 0 for x in p.parent.parent.name.split(".")],
    )
    if versions:
        return versions[-1].parent
    found = shutil.which("initdb")
    return Path(found).resolve().parent if found else None


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass
class PrivatePostgres:
    """A running private server; :meth:`stop` ends it and removes its folder."""

    root: Path
    port: int
    bindir: Path
    run_as: str | None
    _stopped: bool = field(default=False, repr=False)

    @property
    def data(self) -> Path:
        return self.root / "data"

    @property
    def sockets(self) -> Path:
        return self.root / "sock"

    def url(self, database: str = "postgres") -> str:
        return f"{DRIVER}://postgres@127.0.0.1:{self.port}/{database}"

    # ------------------------------------------------------------------ lifecycle

    @classmethod
    def start(cls, *, fast: bool = True, root: Path | None = None, icu_locale: str | None = "en-US") -> PrivatePostgres:
        bindir = find_bindir()
        if bindir is None:
            raise PostgresUnavailable("no PostgreSQL binaries (initdb, pg_ctl): apt-get install postgresql")
        run_as = None
        if os.name == "posix" and os.geteuid() == 0:
            run_as = "postgres"
            if shutil.which("runuser") is None:
                raise PostgresUnavailable("running as root and no runuser to start PostgreSQL as 'postgres'")
            try:
                import pwd

                user = pwd.getpwnam(run_as)
            except KeyError as exc:
                raise PostgresUnavailable("running as root and there is no 'postgres' user") from exc
        folder = root or Path(tempfile.mkdtemp(prefix="dateline-pg-"))
        (folder / "sock").mkdir(parents=True, exist_ok=True)
        if run_as is not None:
            for p in (folder, folder / "sock"):
                os.chown(p, user.pw_uid, user.pw_gid)
        server = cls(folder, free_port(), bindir, run_as)
        try:
            initdb = ["-D", str(server.data), "-A", "trust", "-U", "postgres", "-E", "UTF8", "--no-sync", "--locale=C"]
            try:
                icu = ["--locale-provider=icu", f"--icu-locale={icu_locale}"] if icu_locale else []
                server._run("initdb", *initdb, *icu)
            except subprocess.CalledProcessError:
                if not icu_locale:
                    raise
                shutil.rmtree(server.data, ignore_errors=True)
                server._run("initdb", *initdb)
            options = [f"-p {server.port}", f"-k {server.sockets}", "-c listen_addresses=127.0.0.1",
                       "-c max_connections=200"]  # fmt: skip
            if fast:
                options += ["-c fsync=off", "-c synchronous_commit=off", "-c full_page_writes=off"]
            server._run("pg_ctl", "-D", str(server.data), "-o", " ".join(options), "-l", str(folder / "server.log"),
                        "-w", "-t", "60", "start")  # fmt: skip
        except (OSError, subprocess.CalledProcessError) as exc:
            detail = getattr(exc, "stderr", "") or ""
            log = folder / "server.log"
            if log.exists():
                detail += log.read_text(errors="replace")[-2000:]
            shutil.rmtree(folder, ignore_errors=True)
            raise PostgresUnavailable(f"could not start PostgreSQL from {bindir}: {exc} {detail}".strip()) from exc
        atexit.register(server.stop)
        server._watch(os.getpid())
        return server

    def _watch(self, owner: int) -> None:
        """A watchdog that stops the server and removes its folder if this process dies without
        doing so (killed: atexit does not run)."""
        stop = [str(self.bindir / "pg_ctl"), "-D", str(self.data), "-m", "immediate", "-w", "stop"]
        if self.run_as is not None:
            stop = ["runuser", "-u", self.run_as, "--", *stop]
        script = (f"while kill -0 {owner} 2>/dev/null; do sleep 1; done; "
                  f"{shlex.join(stop)} >/dev/null 2>&1; rm -rf {shlex.quote(str(self.root))}")  # fmt: skip
        subprocess.Popen(["sh", "-c", script], start_new_session=True, stdin=subprocess.DEVNULL,
                         stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # fmt: skip

    def stop(self) -> None:
        if self._stopped:
            return
        self._stopped = True
        with contextlib.suppress(OSError, subprocess.CalledProcessError):
            self._run("pg_ctl", "-D", str(self.data), "-m", "immediate", "-w", "stop")
        shutil.rmtree(self.root, ignore_errors=True)

    def _run(self, program: str, *args: str) -> None:
        cmd = [str(self.bindir / program), *args]
        if self.run_as is not None:
            cmd = ["runuser", "-u", self.run_as, "--", *cmd]
        subprocess.run(cmd, check=True, capture_output=True, text=True, cwd=self.root, timeout=120)

    # ------------------------------------------------------------------ databases

    def execute(self, sql: str) -> None:
        """Run one statement outside a transaction (CREATE/DROP DATABASE) as the superuser."""
        import psycopg

        with psycopg.connect(host="127.0.0.1", port=self.port, user="postgres", dbname="postgres",
                             autocommit=True) as conn:  # fmt: skip
            conn.execute(sql.encode())

    def create_database(self, name: str, *, template: str | None = None) -> str:
        """A new database (a copy of ``template`` when given); returns its URL."""
        copy = f" TEMPLATE {_ident(template)} STRATEGY FILE_COPY" if template else ""
        self.execute(f"CREATE DATABASE {_ident(name)}{copy}")
        return self.url(name)

    def empty_database(self, name: str, keep: tuple[str, ...] = ("schema_version", "alembic_version")) -> bool:
        """Close the connections left on a dateline database and delete its rows (but ``keep``'s),
        restarting its id sequences: as good as a fresh copy of a migrated database, in a few
        milliseconds instead of a CREATE DATABASE.  False when its tables are not dateline's
        (a test changed the schema): drop it instead."""
        import psycopg

        from ..store.migrations import HEAD
        from ..store.schema import SCHEMA_VERSION, metadata

        self.execute(f"SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '{_ident(name)[1:-1]}'")
        with psycopg.connect(host="127.0.0.1", port=self.port, user="postgres", dbname=name) as conn:
            tables = {r[0] for r in conn.execute("SELECT tablename FROM pg_tables WHERE schemaname = 'public'")}
            if tables != set(metadata.tables) | {"alembic_version"}:
                return False
            versions = [r[0] for r in conn.execute("SELECT max(version) FROM schema_version")]
            revision = [r[0] for r in conn.execute("SELECT version_num FROM alembic_version")]
            if versions != [SCHEMA_VERSION] or revision != [HEAD]:
                return False
            for table in reversed(metadata.sorted_tables):
                if table.name not in keep:
                    conn.execute(f'DELETE FROM "{table.name}"'.encode())
            for (seq,) in conn.execute("SELECT sequencename FROM pg_sequences WHERE schemaname = 'public'").fetchall():
                conn.execute(f'ALTER SEQUENCE "{seq}" RESTART'.encode())
        return True

    def drop_database(self, name: str) -> None:
        """Drop a database, closing whatever connections are left on it."""
        for _ in range(3):
            try:
                self.execute(f"DROP DATABASE IF EXISTS {_ident(name)} WITH (FORCE)")
                return
            except Exception:  # another drop or a template copy in progress: try again
                time.sleep(0.2)


def _ident(name: str) -> str:
    if not name.replace("_", "").isalnum():
        raise ValueError(f"not a plain database name: {name!r}")
    return f'"{name}"'
