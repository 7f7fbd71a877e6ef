"""Reading files, folders, JSON Lines and stdin."""

from __future__ import annotations

import io
import json
import os
import shutil
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from dateline.errors import Reason
from dateline.records import Document, Rejection, SourceItem
from dateline.sources import SourceLimits, build_document, iter_documents, read_sources

FIXTURES = Path(__file__).parent / "fixtures" / "ingest"
ARTICLE = "Talks resume in Geneva\n\nNegotiators returned to Geneva on Monday for new talks, officials said.\n"


def _items(entries: list[SourceItem | Rejection]) -> list[SourceItem]:
    return [e for e in entries if isinstance(e, SourceItem)]


def test_formats_by_extension(tmp_path: Path) -> None:
    for name in ("a.txt", "b.md", "c.markdown"):
        (tmp_path / name).write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "d.htm").write_text(f"<html><body><p>{ARTICLE}</p></body></html>", encoding="utf-8")
    (tmp_path / "e.ndjson").write_text('{"text": "x y z"}\n', encoding="utf-8")
    items = _items(list(read_sources([tmp_path])))
    assert [(Path(i.origin).name, i.fmt) for i in items] == [
        ("a.txt", "text"), ("b.md", "markdown"), ("c.markdown", "markdown"), ("d.htm", "html"), ("e.ndjson:1", "text"),
    ]
    assert [i.default_id for i in items] == ["a", "b", "c", "d", "e-1"]


def test_folder_walk_is_recursive_sorted_and_skips_hidden_and_other_types(tmp_path: Path) -> None:
    (tmp_path / "z").mkdir()
    (tmp_path / "z" / "b.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / ".hidden.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "c.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "notes.pdf").write_bytes(b"%PDF-1.4 whatever")
    (tmp_path / "image.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    entries = list(read_sources([tmp_path]))
    assert all(isinstance(e, SourceItem) for e in entries)  # other types are silently ignored in folders
    assert [Path(e.origin).relative_to(tmp_path).as_posix() for e in entries] == ["a.txt", "z/b.txt"]


def test_named_file_of_another_type_is_unsupported(tmp_path: Path) -> None:
    (tmp_path / "report.docx").write_bytes(b"PK\x03\x04rest")
    (tmp_path / "ok.txt").write_text(ARTICLE, encoding="utf-8")
    entries = list(read_sources([tmp_path / "report.docx", tmp_path / "missing.txt", tmp_path / "ok.txt"]))
    assert [(type(e).__name__, getattr(e, "reason", None)) for e in entries] == [
        ("Rejection", Reason.UNSUPPORTED), ("Rejection", Reason.UNREADABLE), ("SourceItem", None),
    ]
    assert "report.docx" in entries[0].message  # type: ignore[union-attr]
    assert "missing.txt" in entries[1].message  # type: ignore[union-attr]


def test_same_stem_in_two_folders_gets_two_ids(tmp_path: Path) -> None:
    for sub in ("one", "two"):
        (tmp_path / sub).mkdir()
        (tmp_path / sub / "story.txt").write_text(ARTICLE, encoding="utf-8")
    ids = [i.default_id for i in _items(list(read_sources([tmp_path])))]
    assert ids[0] == "story" and ids[1].startswith("story-") and len(set(ids)) == 2


def test_txt_holding_html_is_read_as_html(tmp_path: Path) -> None:
    (tmp_path / "saved.txt").write_text("<!DOCTYPE html><html><body><p>x</p></body></html>", encoding="utf-8")
    (item,) = _items(list(read_sources([tmp_path / "saved.txt"])))
    assert item.fmt == "html"


def test_utf8_bom_is_fine(tmp_path: Path) -> None:
    (tmp_path / "bom.txt").write_bytes(b"\xef\xbb\xbf" + ARTICLE.encode())
    (item,) = _items(list(read_sources([tmp_path / "bom.txt"])))
    assert item.content.startswith("Talks resume")


def test_utf16_with_bom_is_decoded(tmp_path: Path) -> None:
    (tmp_path / "wide.txt").write_bytes(ARTICLE.encode("utf-16"))
    (item,) = _items(list(read_sources([tmp_path / "wide.txt"])))
    assert item.content.startswith("Talks resume")


def test_jsonl_metadata_and_ids() -> None:
    entries = list(read_sources([FIXTURES / "articles.jsonl"]))
    items = _items(entries)
    assert [i.default_id for i in items] == ["wire-001", "articles-2", "wire-006"]
    first = items[0]
    assert first.origin.endswith("articles.jsonl:1")
    assert first.meta["url"] == "https://news.example.com/2025/02/10/ceasefire-talks"
    assert first.meta["title"] == "Ceasefire talks resume in Geneva"
    assert first.meta["outlet"] == "Example Wire"
    assert first.meta["published"] == "2025-02-10T22:45:00-05:00"
    assert items[2].fmt == "html"


@pytest.mark.parametrize("binary", [False, True])
def test_stdin_text(binary: bool) -> None:
    stream = io.BytesIO(ARTICLE.encode()) if binary else io.StringIO(ARTICLE)
    (item,) = list(read_sources(["-"], stdin=stream))
    assert isinstance(item, SourceItem)
    assert item.fmt == "text" and item.origin == "<stdin>"
    assert item.default_id.startswith("stdin-") and len(item.default_id) == len("stdin-") + 8
    (again,) = list(read_sources(["-"], stdin=io.StringIO(ARTICLE)))
    assert isinstance(again, SourceItem) and again.default_id == item.default_id


def test_stdin_html_and_jsonl_are_sniffed() -> None:
    (html,) = list(read_sources(["-"], stdin=io.StringIO("  <html><body><p>Hello there.</p></body></html>")))
    assert isinstance(html, SourceItem) and html.fmt == "html"
    lines = '{"id": "a", "text": "First."}\n\n{"text": "Second."}\n{bad\n'
    entries = list(read_sources(["-"], stdin=io.BytesIO(lines.encode())))
    assert [getattr(e, "default_id", None) for e in entries[:2]] == ["a", "stdin-3"]
    assert isinstance(entries[2], Rejection) and entries[2].reason == Reason.MALFORMED_JSON
    assert entries[2].origin == "<stdin>:4"


def test_stdin_jsonl_streams_past_the_sniff_window() -> None:
    record = '{"text": "' + "word " * 40 + '"}\n'
    data = (record * 300).encode()
    limits = SourceLimits(sniff_bytes=1024, max_document_bytes=4096)
    items = _items(list(read_sources(["-"], stdin=io.BytesIO(data), limits=limits)))
    assert len(items) == 300


def test_stdin_jsonl_sniff_needs_every_line_to_be_an_object() -> None:
    text = '{"not": "json lines"}\nbut this is plain text after all\n'
    (item,) = list(read_sources(["-"], stdin=io.StringIO(text)))
    assert isinstance(item, SourceItem) and item.fmt == "text"


def test_iter_documents_builds_or_rejects(tmp_path: Path) -> None:
    shutil.copy(FIXTURES / "articles.jsonl", tmp_path / "a.jsonl")
    results = list(iter_documents([tmp_path]))
    docs = [r for r in results if isinstance(r, Document)]
    rejections = [r for r in results if isinstance(r, Rejection)]
    assert [d.id for d in docs] == ["wire-001", "a-2", "wire-006"]
    assert sorted(r.origin.rsplit(":", 1)[1] for r in rejections) == ["3", "4", "5"]


def test_symlinked_folders_are_followed_only_when_asked(tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "linked.txt").write_text(ARTICLE, encoding="utf-8")
    root = tmp_path / "root"
    root.mkdir()
    (root / "own.txt").write_text(ARTICLE, encoding="utf-8")
    (root / "link").symlink_to(outside, target_is_directory=True)
    names = [Path(i.origin).name for i in _items(list(read_sources([root])))]
    assert names == ["own.txt"]
    followed = list(read_sources([root], limits=SourceLimits(follow_symlinks=True)))
    assert sorted(Path(i.origin).name for i in _items(followed)) == ["linked.txt", "own.txt"]


def test_an_unexpected_error_rejects_one_document_only(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import dateline.sources.document as document

    real = document.build_document

    def flaky(item: SourceItem) -> Document:
        if item.default_id == "bad":
            raise ValueError("boom")
        return real(item)

    monkeypatch.setattr(document, "build_document", flaky)
    (tmp_path / "bad.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "good.txt").write_text(ARTICLE, encoding="utf-8")
    bad, good = list(iter_documents([tmp_path]))
    assert isinstance(bad, Rejection) and bad.reason == Reason.PIPELINE
    assert "ValueError while cleaning: boom" in bad.message
    assert isinstance(good, Document)


def test_a_file_records_the_day_it_was_saved_which_bounds_its_publication_date(tmp_path: Path) -> None:
    path = tmp_path / "wire.txt"
    path.write_text("ROTTERDAM, May 14 (Harbour Wire) -- The port authority on Wednesday lifted a levy "
                    "on grain ships, officials said.\n", encoding="utf-8")  # fmt: skip
    saved = datetime(2026, 11, 22, 12, 0, tzinfo=UTC).timestamp()
    os.utime(path, (saved, saved))
    (item,) = list(read_sources([path]))
    assert isinstance(item, SourceItem) and item.meta["saved"] == "2026-11-22"
    assert build_document(item).published.value == date(2025, 5, 14)  # the latest Wednesday May 14 before it


@pytest.mark.parametrize(
    ("record", "fmt", "published"),
    [
        ({"id": "a", "headline": "Talks end", "body": "Talks ended on Monday.", "timestamp": 1710901800},
         "text", 1710901800),
        ({"id": "b", "publisher": "Example Wire", "content": "Talks ended on Monday.",
          "date_published": "2024-03-20"}, "text", "2024-03-20"),
        ({"id": "c", "content": "<p>Talks ended on <b>Monday</b>.</p>"}, "html", None),
        ({"id": "d", "maintext": "Talks ended on Monday.", "datePublished": "2024-03-20T08:00:00Z"},
         "text", "2024-03-20T08:00:00Z"),
        ({"id": "e", "body": "Talks ended on Monday.", "pubDate": "Wed, 20 Mar 2024 08:00:00 GMT",
          "source": {"name": "Example Post", "href": "https://example.org"}}, "text", "Wed, 20 Mar 2024 08:00:00 GMT"),
        ({"id": "f", "heading": "Talks end", "content": "Talks ended on Monday.",
          "published_at": "2024-03-20T08:00:00+00:00"}, "text", "2024-03-20T08:00:00+00:00"),
        ({"id": "g", "name": "Talks end", "content": "Talks ended on Monday.", "dt": 1710901800}, "text", 1710901800),
    ],
)  # fmt: skip
def test_jsonl_fields_under_the_names_feeds_give_them(tmp_path: Path, record: dict[str, object], fmt: str,
                                                      published: object) -> None:  # fmt: skip
    path = tmp_path / "feed.jsonl"
    path.write_text(json.dumps(record) + "\n", encoding="utf-8")
    (item,) = list(read_sources([path]))
    assert isinstance(item, SourceItem), item
    assert item.fmt == fmt and item.default_id == record["id"]
    assert item.meta.get("published") == published
    for name in ("headline", "heading", "name"):
        if name in record:
            assert item.meta["title"] == record[name]
    if "publisher" in record:
        assert item.meta["outlet"] == record["publisher"]
    if "source" in record:
        assert item.meta["outlet"] == "Example Post"
        assert build_document(item).published.value == date(2024, 3, 20)


def test_the_sample_job_reads_only_articles() -> None:
    """`python3 tasks.py sample` ingests the sample's articles: every file there is a document
    (the README and gold events beside them were once read as an article and 66 rejections)."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("tasks", Path(__file__).resolve().parents[1] / "tasks.py")
    assert spec is not None and spec.loader is not None
    tasks = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(tasks)
    out = list(iter_documents([str(tasks.SAMPLE_ARTICLES)]))
    assert out and all(isinstance(d, Document) for d in out), [d for d in out if isinstance(d, Rejection)]
    assert not any("README" in d.id or "gold" in d.id for d in out)


FRONT_MATTER_ARTICLE = """---
title: "Ghana shuts Aflao crossing after clash"
outlet: The Volta Courier
author: Ama Mensah
date: 2024-06-12T07:15:00+00:00
tags: [Ghana, Togo, border]
---

# Ghana shuts Aflao crossing after clash

ACCRA - Ghana closed the Aflao crossing with Togo on Tuesday after a clash between border guards.
"""


def test_yaml_front_matter_is_metadata_not_text() -> None:
    item = SourceItem(origin="a.md", fmt="markdown", content=FRONT_MATTER_ARTICLE, default_id="a")
    doc = build_document(item)
    assert "title:" not in doc.text and "outlet:" not in doc.text and "Ama Mensah" not in doc.text
    assert doc.text.startswith("Ghana shuts Aflao crossing after clash")
    assert doc.title == "Ghana shuts Aflao crossing after clash"
    assert doc.outlet == "The Volta Courier"
    assert doc.published is not None and doc.published.value == date(2024, 6, 12)
    assert doc.published.source == "metadata"


@pytest.mark.parametrize("opening", ["Ghana closed the Aflao crossing on Tuesday.",
                                     "Update: Ghana closed the Aflao crossing on Tuesday."])
def test_a_note_between_rules_opening_a_text_is_not_front_matter(opening: str) -> None:
    text = f"Border news\n\n---\n{opening}\n---\n\nTogo protested on Wednesday.\n"
    item = SourceItem(origin="b.md", fmt="markdown", content=text.split("\n\n", 1)[1], default_id="b",
                      meta={"published": "2024-06-12"})
    doc = build_document(item)
    assert "Ghana closed the Aflao crossing on Tuesday." in doc.text
    assert "Togo protested on Wednesday." in doc.text


def test_front_matter_keys_are_read_in_any_case() -> None:
    # the block is cut from the text whatever the case of its keys, so its fields must be read so too
    text = FRONT_MATTER_ARTICLE.replace("title:", "Title:").replace("date:", "Date:").replace("outlet:", "Outlet:")
    doc = build_document(SourceItem(origin="c.md", fmt="markdown", content=text, default_id="c"))
    assert "Title:" not in doc.text
    assert doc.outlet == "The Volta Courier"
    assert doc.published is not None and doc.published.value == date(2024, 6, 12)
    assert doc.published.source == "metadata"
