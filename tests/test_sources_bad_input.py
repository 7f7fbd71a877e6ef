"""Bad input: each item is rejected with a reason code and a message naming it; the batch goes on."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pytest
import yaml

from dateline.errors import Reason, RejectedDocument
from dateline.records import Document, Rejection, SourceItem
from dateline.sources import SourceLimits, build_document, iter_documents, read_sources

FIXTURES = Path(__file__).parent / "fixtures" / "ingest"
GOOD = "Talks resume in Geneva\n\nNegotiators returned to Geneva on Monday for a new round of talks, officials said.\n"
MB = 1024 * 1024


def _batch(tmp_path: Path, files: dict[str, bytes]) -> dict[str, Document | Rejection]:
    """Write the files next to one good article, ingest the folder, map file name -> result."""
    (tmp_path / "good.txt").write_text(GOOD, encoding="utf-8")
    for name, data in files.items():
        (tmp_path / name).write_bytes(data)
    results = list(iter_documents([tmp_path]))
    out = {Path(r.origin).name: r for r in results}
    assert isinstance(out["good.txt"], Document)  # the good article always comes through
    assert len(results) == len(out) == len(list(tmp_path.iterdir()))
    return out


def _rejected(result: Document | Rejection, reason: Reason, name: str) -> Rejection:
    assert isinstance(result, Rejection), result
    assert result.reason == reason, result.message
    assert name in result.message
    assert "\n" not in result.message
    return result


@pytest.mark.parametrize(
    ("name", "data", "reason"),
    [
        ("empty.txt", b"", Reason.EMPTY),
        ("blank.md", b"  \n\t\n   \n", Reason.EMPTY),
        ("nul.txt", b"Some text\x00\x01\x02 with NUL bytes", Reason.BINARY),
        ("photo.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", Reason.BINARY),
        ("doc.html", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", Reason.BINARY),
        ("latin1.txt", "Caf\u00e9 owners in S\u00e3o Paulo protested on Monday.".encode("latin-1"), Reason.ENCODING),
        ("furniture.txt", b"Share this article\nAdvertisement\nSign up\n(0/250)\n", Reason.EMPTY),
    ],
)
def test_bad_file_is_rejected_and_batch_goes_on(tmp_path: Path, name: str, data: bytes, reason: Reason) -> None:
    results = _batch(tmp_path, {name: data})
    _rejected(results[name], reason, name)


def test_file_over_the_size_limit_is_rejected_unread(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    big = tmp_path / "huge.txt"
    with big.open("wb") as f:  # 50 MB, written at run time (sparse where the file system allows)
        f.truncate(50 * MB)
    opened: list[str] = []
    real_open = Path.open

    def spy(self: Path, *args: Any, **kwargs: Any) -> Any:
        opened.append(self.name)
        return real_open(self, *args, **kwargs)

    monkeypatch.setattr(Path, "open", spy)
    results = _batch(tmp_path, {})
    rejection = _rejected(results["huge.txt"], Reason.TOO_LARGE, "huge.txt")
    assert "52,428,800 bytes" in rejection.message
    assert "huge.txt" not in opened  # rejected from its size alone


def test_limit_is_a_setting(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(GOOD, encoding="utf-8")
    (entry,) = list(read_sources([tmp_path / "a.txt"], limits=SourceLimits(max_document_bytes=20)))
    assert isinstance(entry, Rejection) and entry.reason == Reason.TOO_LARGE


class _CountingStream(io.RawIOBase):
    """An endless stdin of text that counts the bytes it hands out."""

    def __init__(self) -> None:
        self.served = 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        chunk = (b"The talks went on for another day. " * 2000)[: len(buffer)]
        buffer[: len(chunk)] = chunk
        self.served += len(chunk)
        return len(chunk)


def test_stdin_over_the_limit_is_not_read_whole() -> None:
    raw = _CountingStream()
    limits = SourceLimits(max_document_bytes=1 * MB)
    (entry,) = list(read_sources(["-"], stdin=io.BufferedReader(raw), limits=limits))
    assert isinstance(entry, Rejection) and entry.reason == Reason.TOO_LARGE
    assert entry.origin == "<stdin>"
    assert raw.served <= limits.max_document_bytes + limits.sniff_bytes + 64 * 1024


def test_oversized_jsonl_line_is_skipped_without_losing_the_next(tmp_path: Path) -> None:
    path = tmp_path / "feed.jsonl"
    with path.open("w", encoding="utf-8") as f:
        f.write('{"id": "big", "text": "' + "a" * (2 * MB) + '"}\n')
        f.write('{"id": "small", "text": "The minister resigned on Monday."}\n')
    entries = list(read_sources([path], limits=SourceLimits(max_document_bytes=MB)))
    assert isinstance(entries[0], Rejection) and entries[0].reason == Reason.TOO_LARGE
    assert entries[0].origin.endswith("feed.jsonl:1") and "line 1" in entries[0].message
    assert isinstance(entries[1], SourceItem) and entries[1].default_id == "small"


def test_html_declaring_its_charset_is_decoded_with_it(tmp_path: Path) -> None:
    html = ('<html><head><meta charset="windows-1252"></head><body><article><p>Caf\u00e9 owners in the capital '
            "protested on Monday against a new tax on terraces, the city council said.</p></article></body></html>")
    results = _batch(tmp_path, {"cafe.html": html.encode("cp1252")})
    doc = results["cafe.html"]
    assert isinstance(doc, Document) and "Caf\u00e9 owners" in doc.text


def test_html_with_a_wrong_charset_is_an_encoding_error(tmp_path: Path) -> None:
    data = b'<html><head><meta charset="utf-8"></head><body><p>Caf\xe9 owners protested.</p></body></html>'
    results = _batch(tmp_path, {"bad.html": data})
    _rejected(results["bad.html"], Reason.ENCODING, "bad.html")


@pytest.mark.parametrize(
    ("name", "html", "reason"),
    [
        ("nav.html", "<html><body><nav><a href='/'>Home</a> <a href='/w'>World</a></nav></body></html>",
         Reason.MALFORMED_HTML),
        ("scripts.html", "<html><head><script>var a = 1;</script></head><body></body></html>", Reason.EMPTY),
        ("garbage.html", "<<<>>><div <p", Reason.MALFORMED_HTML),
        ("whitespace.html", "<html><body>\n  <div> </div>\n</body></html>", Reason.EMPTY),
    ],
)
def test_html_without_an_article(tmp_path: Path, name: str, html: str, reason: Reason) -> None:
    results = _batch(tmp_path, {name: html.encode()})
    _rejected(results[name], reason, name)


def test_unclosed_tags_holding_an_article_are_fine(tmp_path: Path) -> None:
    html = ("<html><body><div><p>GENEVA (Meridian) - Talks between the two delegations resumed on Tuesday after a "
            "week-long pause, officials said.<p>The mediators said they expected a statement by Friday.<div>")
    results = _batch(tmp_path, {"unclosed.html": html.encode()})
    doc = results["unclosed.html"]
    assert isinstance(doc, Document)
    assert "expected a statement by Friday." in doc.text


LANGUAGES: list[dict[str, Any]] = yaml.safe_load((FIXTURES / "language_cases.yaml").read_text(encoding="utf-8"))


@pytest.mark.parametrize("case", LANGUAGES, ids=[f"{c['lang']}-{i}" for i, c in enumerate(LANGUAGES)])
def test_language_check(case: dict[str, Any]) -> None:
    item = SourceItem(f"{case['lang']}.txt", "text", case["text"], case["lang"])
    if case["english"]:
        assert build_document(item).language == "en"
    else:
        with pytest.raises(RejectedDocument) as caught:
            build_document(item)
        assert caught.value.reason == Reason.NOT_ENGLISH
        assert f"{case['lang']}.txt" in caught.value.message


def test_non_english_files_in_a_batch(tmp_path: Path) -> None:
    files = {f"{c['lang']}-{i}.txt": c["text"].encode() for i, c in enumerate(LANGUAGES) if not c["english"]}
    results = _batch(tmp_path, files)
    for name in files:
        _rejected(results[name], Reason.NOT_ENGLISH, name)


def test_broken_json_lines_keep_the_good_lines() -> None:
    entries = list(iter_documents([FIXTURES / "articles.jsonl"]))
    by_line = {e.origin.rsplit(":", 1)[1]: e for e in entries}
    assert sorted(by_line) == ["1", "2", "3", "4", "5", "7"]  # line 6 is blank
    assert all(isinstance(by_line[n], Document) for n in ("1", "2", "7"))
    _rejected(by_line["3"], Reason.MALFORMED_JSON, "articles.jsonl:3")
    assert "line 3" in by_line["3"].message  # type: ignore[union-attr]
    _rejected(by_line["4"], Reason.MISSING_FIELD, "articles.jsonl:4")
    _rejected(by_line["5"], Reason.MALFORMED_JSON, "articles.jsonl:5")


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        ('{"id": "x", "text": ""}', Reason.EMPTY),
        ('{"id": "x", "text": 42}', Reason.EMPTY),
        ('{"id": "x", "title": "Only a title"}', Reason.MISSING_FIELD),
        ("{'single': 'quotes'}", Reason.MALFORMED_JSON),
        ('"just a string"', Reason.MALFORMED_JSON),
    ],
)
def test_bad_json_records(tmp_path: Path, line: str, reason: Reason) -> None:
    path = tmp_path / "feed.jsonl"
    path.write_text('{"text": "The talks ended on Monday."}\n' + line + "\n", encoding="utf-8")
    good, bad = list(read_sources([path]))
    assert isinstance(good, SourceItem)
    _rejected(bad, reason, "feed.jsonl:2")  # type: ignore[arg-type]


def test_jsonl_invalid_utf8_line(tmp_path: Path) -> None:
    path = tmp_path / "feed.jsonl"
    path.write_bytes(b'{"text": "Caf\xe9"}\n{"text": "The talks ended on Monday."}\n')
    bad, good = list(read_sources([path]))
    _rejected(bad, Reason.ENCODING, "feed.jsonl:1")  # type: ignore[arg-type]
    assert isinstance(good, SourceItem)


def test_binary_and_empty_jsonl_files(tmp_path: Path) -> None:
    (tmp_path / "zipped.jsonl").write_bytes(b"\x1f\x8b\x08\x00rest of a gzip stream")
    (tmp_path / "nothing.jsonl").write_bytes(b"\n\n")
    zipped, nothing = list(read_sources([tmp_path / "zipped.jsonl", tmp_path / "nothing.jsonl"]))
    _rejected(zipped, Reason.BINARY, "zipped.jsonl")  # type: ignore[arg-type]
    _rejected(nothing, Reason.EMPTY, "nothing.jsonl")  # type: ignore[arg-type]
