"""`dateline ingest` from real files, folders and stdin (sources for real, a fake NLP pipeline)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from helpers_store import ARTICLE_A, ARTICLE_B, ARTICLE_C, FakePipeline

from dateline.api import Dateline
from dateline.cli import cli
from dateline.settings import Settings

FILLER = " The officials said the decision was final and that more steps would follow soon.\n"


def fake_api(db: str, settings: Settings) -> Dateline:
    return Dateline(db, settings, pipeline=FakePipeline())


def ingest(db: Path, *args: str, input: bytes | None = None) -> Result:
    return CliRunner().invoke(cli, ["--db", str(db), "ingest", *args], obj=fake_api, input=input)


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    d = tmp_path / "in"
    (d / "sub").mkdir(parents=True)
    (d / "a.txt").write_text("Talks in the east\n\n" + ARTICLE_A + "\n", encoding="utf-8")
    (d / "sub" / "b.txt").write_text(ARTICLE_B + FILLER, encoding="utf-8")
    (d / "copy-of-b.txt").write_text(ARTICLE_B + FILLER, encoding="utf-8")
    (d / "empty.txt").write_text("", encoding="utf-8")
    record = {"id": "c1", "text": ARTICLE_C + FILLER, "published": "2024-06-02", "url": "https://x.example/c1"}
    (d / "more.jsonl").write_text(json.dumps(record) + "\nnot json\n", encoding="utf-8")
    return d


def test_ingest_a_folder_then_again(folder: Path, tmp_path: Path) -> None:
    db = tmp_path / "t.db"
    first = ingest(db, str(folder))
    assert first.exit_code == 0, first.output
    assert first.stdout.strip() == (
        "3 added, 0 updated, 0 unchanged, 1 duplicate(s), 2 rejected; 6 event report(s) stored"
    )
    errors = first.stderr.splitlines()
    assert any(line.startswith(f"{folder / 'more.jsonl'}:2") and "[malformed-json]" in line for line in errors)
    assert any(line.startswith(str(folder / "empty.txt")) and line.endswith("[empty]") for line in errors)
    duplicate = [line for line in errors if line.endswith("[duplicate]")]
    assert len(duplicate) == 1 and ("copy-of-b.txt" in duplicate[0]) != ("sub/b.txt" in duplicate[0])
    assert "same text as document" in duplicate[0]
    with Dateline(db, Settings()) as dl:
        before = dl.store().counts(), [e.id for e in dl.events()]
    second = ingest(db, str(folder))
    assert second.exit_code == 0
    assert second.stdout.startswith("0 added, 0 updated, 3 unchanged, 1 duplicate(s), 2 rejected")
    with Dateline(db, Settings()) as dl:
        assert (dl.store().counts(), [e.id for e in dl.events()]) == before
        assert len(dl.rejections()) == 3
        c1 = dl.events(doc="c1")[0]
        assert c1.sources[0].published.isoformat() == "2024-06-02" and c1.sources[0].url == "https://x.example/c1"


def test_exit_code_is_1_only_when_nothing_was_ingested(folder: Path, tmp_path: Path) -> None:
    db = tmp_path / "t.db"
    bad = ingest(db, str(folder / "empty.txt"))
    assert bad.exit_code == 1 and "every input was rejected" in bad.stderr and "Traceback" not in bad.output
    (tmp_path / "nothing").mkdir()
    none = ingest(db, str(tmp_path / "nothing"))
    assert none.exit_code == 1 and "no documents found" in none.stderr
    assert ingest(db, str(folder / "a.txt"), str(folder / "empty.txt")).exit_code == 0
    again = ingest(db, str(folder / "a.txt"))  # unchanged is a success
    assert again.exit_code == 0 and "1 unchanged" in again.stdout


def test_ingest_from_stdin(tmp_path: Path) -> None:
    result = ingest(tmp_path / "t.db", "-", input=(ARTICLE_C + FILLER).encode("utf-8"))
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("1 added")
    with Dateline(tmp_path / "t.db", Settings()) as dl:
        assert [e.actor.name for e in dl.events() if e.actor] == ["Ilse Brandt"]


def test_forced_progress_bar_is_on_stderr(folder: Path, tmp_path: Path) -> None:
    result = ingest(tmp_path / "t.db", "--progress", str(folder / "a.txt"))
    assert result.exit_code == 0 and "ingest" in result.stderr and "ingest" not in result.stdout
    quiet = ingest(tmp_path / "t2.db", str(folder / "a.txt"))
    assert quiet.stderr == ""
