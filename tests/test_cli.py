"""The command line: thin commands over the API, formats, one-line errors, documented options."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import click
import pytest
from click.testing import CliRunner
from helpers_store import ARTICLE_A, ARTICLE_B, ARTICLE_C, FakePipeline, make_document

from dateline.api import Dateline
from dateline.cli import cli
from dateline.export import contract_problems
from dateline.settings import Settings

DOCS = Path(__file__).resolve().parents[1] / "docs" / "cli.md"


def fake_api(db: str, settings: Settings) -> Dateline:
    return Dateline(db, settings, pipeline=FakePipeline())


@pytest.fixture
def db(tmp_path: Path) -> str:
    path = str(tmp_path / "t.db")
    with Dateline(path, Settings(), pipeline=FakePipeline()) as dl:
        dl.ingest_documents([make_document("a", ARTICLE_A), make_document("b", ARTICLE_B),
                             make_document("c", ARTICLE_C, published=None)])
    return path


def run(db: str, *args: str, ok: bool = True) -> click.testing.Result:
    result = CliRunner().invoke(cli, ["--db", db, *args], obj=fake_api)
    if ok:
        assert result.exit_code == 0, result.output + result.stderr
    return result


def test_timeline_lines_show_date_precision(db: str) -> None:
    lines = run(db, "timeline").stdout.splitlines()
    cells = [re.split(r"\s{2,}", line) for line in lines]
    assert cells == [
        ["2023", "CONSULT/visit", "Tomas Varga -> Norland", "@ Capitol", "[1 source]"],
        ["2024-04", "ACCUSE", "Norland -> Sudmark", "[1 source]"],
        ["2024-05-03", "CONSULT", "Alma Reyes -> Tomas Varga", "@ Eastport", "[1 source]"],
        ["~2024-05-06..07", "ASSAULT/heavy-weapons", "Sudmark -> Eastport Harbour", "@ Eastport", "[1 source]"],
        ["2024-06-01", "CONSULT", "Ilse Brandt -> Alma Reyes", "[1 source]"],
        ["????-??-??", "SANCTION", "Norland -> Westria", "[1 source]"],
    ]
    assert len({line.index(row[1]) for line, row in zip(lines, cells, strict=True)}) == 1  # aligned


def test_timeline_filters(db: str) -> None:
    assert run(db, "timeline", "--actor", "reyes").stdout.count("\n") == 1
    out = run(db, "timeline", "--since", "2024-05", "--until", "2024-05-31").stdout
    assert [line.split()[0] for line in out.splitlines()] == ["2024-05-03", "~2024-05-06..07"]
    empty = run(db, "timeline", "--actor", "Nobody")
    assert empty.stdout == "" and "no events" in empty.stderr


@pytest.mark.parametrize("fmt", ["json", "jsonl", "csv", "table"])
def test_events_formats(db: str, fmt: str) -> None:
    out = run(db, "events", "--type", "consult", "--format", fmt).stdout
    if fmt == "json":
        records = json.loads(out)
    elif fmt == "jsonl":
        records = [json.loads(line) for line in out.splitlines()]
    elif fmt == "csv":
        records = list(csv.DictReader(io.StringIO(out)))
    else:
        lines = out.splitlines()
        assert lines[0].split() == ["id", "date", "type", "actor", "recipient", "location", "sources"]
        records = [{"id": line.split()[0]} for line in lines[2:]]
    assert len(records) == 3 and all(r["id"].startswith("ev_") for r in records)
    if fmt in ("json", "jsonl"):
        assert all(contract_problems(r) == [] for r in records)


def test_events_filters_reach_the_api(db: str) -> None:
    def ids(*args: str) -> list[str]:
        return [json.loads(line)["type"] for line in run(db, "events", "--format", "jsonl", *args).stdout.splitlines()]

    assert ids("--party", "varga") == ["CONSULT", "CONSULT"]
    assert ids("--recipient", "Sudmark") == ["ACCUSE"]
    assert ids("--doc", "b") == ["CONSULT", "SANCTION"]
    assert ids("--limit", "1") == ["CONSULT"]
    assert ids("--actor", "Norland", "--until", "2024") == ["ACCUSE"]


def test_show_highlights_trigger_and_time(db: str) -> None:
    event_id = json.loads(run(db, "events", "--type", "ASSAULT", "--format", "jsonl").stdout)["id"]
    out = run(db, "show", event_id).stdout
    assert "Sudmark [[shelled]] Eastport Harbour in Eastport {{between 2024-05-06 and 07}} with 12 shells." in out
    assert 'from "between 2024-05-06 and 07" by rule trigger-phrase' in out
    assert "2024-05-06 .. 2024-05-07" in out and "\x1b[" not in out
    colored = run(db, "show", event_id, "--color").stdout
    assert "\x1b[1;33mshelled\x1b[0m" in colored and "[[" not in colored


def test_docs_and_rejections(db: str) -> None:
    out = run(db, "docs").stdout.splitlines()
    assert out[2].split()[:5] == ["a", "2024-05-10", "metadata", "published", "2024-05-10"]
    assert out[4].split()[:3] == ["c", "unknown", "none"]
    records = json.loads(run(db, "docs", "--format", "json").stdout)
    assert {r["id"]: r["published_source"] for r in records} == {"a": "metadata", "b": "metadata", "c": "none"}
    assert json.loads(run(db, "docs", "--rejections", "--format", "json").stdout) == []


def test_export_to_stdout_and_file(db: str, tmp_path: Path) -> None:
    lines = run(db, "export").stdout.splitlines()
    assert len(lines) == 6 and all(contract_problems(json.loads(line)) == [] for line in lines)
    result = run(db, "export", "--format", "csv", "-o", str(tmp_path / "e.csv"))
    assert "6 event(s) written" in result.stderr
    rows = list(csv.DictReader((tmp_path / "e.csv").open(encoding="utf-8")))
    assert len(rows) == 6 and rows[0]["date_value"] == "2023"


def test_user_errors_are_one_line(db: str, tmp_path: Path) -> None:
    missing = run(db, "show", "ev_doesnotexist", ok=False)
    assert missing.exit_code == 1 and missing.stderr == "Error: no event 'ev_doesnotexist'\n"
    bad_date = run(db, "events", "--since", "yesterday", ok=False)
    assert bad_date.exit_code == 2 and "is not a date" in bad_date.stderr
    nodb = run(str(tmp_path / "typo.db"), "timeline", ok=False)
    assert nodb.exit_code == 1 and nodb.stderr.startswith("Error: no database at") and nodb.stderr.count("\n") == 1
    (tmp_path / "junk.db").write_text("not a database at all\n" * 100)
    junk = run(str(tmp_path / "junk.db"), "events", ok=False)
    assert junk.exit_code == 1 and junk.stderr.startswith("Error: cannot open database")
    assert "Traceback" not in junk.output + junk.stderr


def test_db_from_environment(db: str) -> None:
    result = CliRunner().invoke(cli, ["timeline"], obj=fake_api, env={"DATELINE_DB": db})
    assert result.exit_code == 0 and result.stdout.count("\n") == 6


def _documented_options() -> list[tuple[str, str]]:
    out = [("dateline", opt) for p in cli.params for opt in (*p.opts, *p.secondary_opts) if opt.startswith("-")]
    for name, command in cli.commands.items():
        for p in command.params:
            if isinstance(p, click.Option):
                out += [(name, opt) for opt in (*p.opts, *p.secondary_opts)]
    return out


def test_every_command_is_documented() -> None:
    text = DOCS.read_text(encoding="utf-8")
    for name in cli.commands:
        assert f"## `dateline {name}" in text, f"docs/cli.md has no section for {name}"


@pytest.mark.parametrize(("command", "option"), _documented_options())
def test_every_option_is_documented(command: str, option: str) -> None:
    text = DOCS.read_text(encoding="utf-8")
    if command == "dateline":
        section = text.split("\n## `dateline ")[0]
    else:
        section = next(s for s in text.split("\n## ")[1:] if s.startswith(f"`dateline {command}"))
    assert f"`{option}" in section, f"docs/cli.md does not document {command} {option}"


def test_python_dash_m_runs_the_cli(db: str) -> None:
    import subprocess
    import sys

    out = subprocess.run([sys.executable, "-m", "dateline", "--db", db, "timeline", "--actor", "Brandt"],
                         capture_output=True, text=True, check=True)
    assert out.stdout.split()[:2] == ["2024-06-01", "CONSULT"]
