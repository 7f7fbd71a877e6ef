#!/usr/bin/env python3
"""Set-up and entry points for a fresh machine that has only Python.

    python3 tasks.py sample   # create .venv, install dateline, ingest the bundled sample, print its timeline
    python3 tasks.py test     # create .venv, install dateline with dev tools, run ruff, mypy and pytest

The virtual environment lives in ./.venv and is reinstalled only when pyproject.toml changes.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
PY = BIN / "python"


def run(*cmd: str | Path, check: bool = True) -> int:
    print("+", " ".join(str(c) for c in cmd), file=sys.stderr, flush=True)
    return subprocess.run([str(c) for c in cmd], cwd=ROOT, check=check).returncode


def ensure_venv(extras: str = "dev") -> None:
    """Create .venv and (re)install the project when its requirements changed."""
    if not PY.exists():
        venv.EnvBuilder(with_pip=True).create(VENV)
    digest = hashlib.sha256((ROOT / "pyproject.toml").read_bytes() + extras.encode()).hexdigest()
    stamp = VENV / ".dateline-installed"
    if stamp.exists() and stamp.read_text() == digest:
        return
    run(PY, "-m", "pip", "install", "--quiet", "--disable-pip-version-check", "-e", f".[{extras}]")
    stamp.write_text(digest)


def sample() -> int:
    ensure_venv()
    db = ROOT / "out" / "sample.db"
    db.parent.mkdir(exist_ok=True)
    if db.exists():
        db.unlink()
    dateline = BIN / "dateline"
    run(dateline, "--db", db, "ingest", ROOT / "dateline" / "data" / "sample")
    return run(dateline, "--db", db, "timeline", check=False)


def test() -> int:
    ensure_venv()
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
