#!/usr/bin/env python3
"""Set-up and entry points for a fresh machine that has only Python.

    python3 tasks.py sample   # create .venv, install dateline, ingest the bundled sample, print its timeline
    python3 tasks.py test     # create .venv, install dateline with dev tools, run ruff, mypy and pytest
                              # (the storage tests on SQLite and on a private PostgreSQL server)

The virtual environment lives in ./.venv and is reinstalled only when pyproject.toml or constraints.txt
changes; constraints.txt pins every dependency to the versions the tests last passed with.
"""

from __future__ import annotations

import glob
import hashlib
import os
import shutil
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
PY = BIN / "python"
# the sample's articles only: beside them sit its README, gold events and publication dates
SAMPLE_ARTICLES = ROOT / "dateline" / "data" / "sample" / "articles"


def run(*cmd: str | Path, check: bool = True) -> int:
    print("+", " ".join(str(c) for c in cmd), file=sys.stderr, flush=True)
    return subprocess.run([str(c) for c in cmd], cwd=ROOT, check=check).returncode


def ensure_venv(extras: str = "dev") -> None:
    """Create .venv and (re)install the project when its requirements changed."""
    if not PY.exists():
        venv.EnvBuilder(with_pip=True).create(VENV)
    pins = ROOT / "constraints.txt"  # the versions the suite last passed with
    digest = hashlib.sha256((ROOT / "pyproject.toml").read_bytes() + pins.read_bytes() + extras.encode()).hexdigest()
    stamp = VENV / ".dateline-installed"
    if stamp.exists() and stamp.read_text() == digest:
        return
    run(PY, "-m", "pip", "install", "--quiet", "--disable-pip-version-check", "-c", pins, "-e", f".[{extras}]")
    stamp.write_text(digest)


def sample() -> int:
    ensure_venv()
    db = ROOT / "out" / "sample.db"
    db.parent.mkdir(exist_ok=True)
    if db.exists():
        db.unlink()
    dateline = BIN / "dateline"
    run(dateline, "--db", db, "ingest", SAMPLE_ARTICLES)
    return run(dateline, "--db", db, "timeline", check=False)


SYSTEM_PACKAGES = {  # command (or a path pattern) the tests need -> Debian package that provides it
    "chromium": "chromium",  # the browser tests (tests/browser) drive a real headless Chromium
    # the storage tests also run on a private PostgreSQL server (tests/fixtures_postgres.py);
    # Debian keeps pg_ctl in a versioned folder off the PATH
    "/usr/lib/postgresql/*/bin/pg_ctl": "postgresql",
}


def present(need: str) -> bool:
    """A command on the PATH, or a file matching a path pattern."""
    return bool(glob.glob(need)) if "/" in need else shutil.which(need) is not None


def ensure_system_packages() -> None:
    """Install the Debian packages some tests need, when missing and when we may (root + apt).

    Without them those tests skip and say why; nothing else depends on them."""
    missing = [pkg for need, pkg in SYSTEM_PACKAGES.items() if not present(need)]
    if not missing:
        return
    if os.name != "posix" or os.geteuid() != 0 or shutil.which("apt-get") is None:
        print(f"note: {', '.join(missing)} not installed; the tests that need them will skip", file=sys.stderr)
        return
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    quiet = {"stdout": subprocess.DEVNULL, "stderr": subprocess.DEVNULL}
    ok = subprocess.run(["apt-get", "update", "-qq"], env=env, **quiet).returncode == 0  # type: ignore[call-overload]
    ok = ok and subprocess.run(["apt-get", "install", "-y", "-qq", *missing], env=env, **quiet).returncode == 0  # type: ignore[call-overload]
    if not ok:
        print(f"warning: could not install {', '.join(missing)}; the tests that need them will skip", file=sys.stderr)


def test() -> int:
    ensure_venv()
    ensure_system_packages()
    failed = 0
    failed |= run(PY, "-m", "ruff", "check", "dateline", "tests", "tasks.py", check=False)
    failed |= run(PY, "-m", "mypy", check=False)
    rc = run(PY, "-m", "pytest", "-q", *sys.argv[2:], check=False)
    return 1 if failed else rc


def main() -> int:
    commands = {"sample": sample, "test": test}
    if len(sys.argv) < 2 or sys.argv[1] not in commands:
        print(__doc__.strip(), file=sys.stderr)
        return 2
    return commands[sys.argv[1]]()


if __name__ == "__main__":
    sys.exit(main())
