"""The scraped seed article (page furniture, image captions) is cleaned as a user would expect.

The seed is third-party text: it is read here, never copied into the project."""

from __future__ import annotations

import re
from datetime import datetime
from pathlib import Path

import pytest

from dateline.records import BlockKind, Document, SourceItem
from dateline.sources import build_document, prepare, read_sources

SHARED = Path(__file__).resolve().parents[1] / ".." / "shared"


def _seed(pattern: str) -> Path:
    if not SHARED.is_dir():
        pytest.skip("../shared is absent")
    found = sorted((SHARED / "seeds").glob(pattern))
    if not found:
        pytest.skip(f"no seed {pattern}")
    return found[0]


def _item(path: Path) -> SourceItem:
    (item,) = list(read_sources([path]))
    assert isinstance(item, SourceItem)
    return item


def _texts(doc: Document, kind: BlockKind) -> list[str]:
    return [doc.text[b.start : b.end] for b in doc.blocks if b.kind is kind]


@pytest.mark.shared
def test_scraped_seed_is_cleaned() -> None:
    path = _seed("004_*.txt")
    raw_lines = [line.strip() for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    doc = build_document(_item(path))

    # the headline is the first line of the file, as a HEADLINE block at the top
    headlines = _texts(doc, BlockKind.HEADLINE)
    assert headlines == [raw_lines[0]]
    assert doc.blocks[0].kind is BlockKind.HEADLINE

    # the two image lines give two captions, each once (the repeated caption line is not duplicated)
    image_alts = [re.match(r"!\[(.*)\]\(", line).group(1) for line in raw_lines if line.startswith("![")]  # type: ignore[union-attr]
    assert len(image_alts) == 2
    captions = _texts(doc, BlockKind.CAPTION)
    for alt in image_alts:
        assert captions.count(alt) == 1
        assert alt not in _texts(doc, BlockKind.BODY)
        assert doc.text.count(alt) == 1

    # furniture is gone: login prompt, comment counter, byline and its continuation, translation note
    furniture = [line for line in raw_lines if re.match(r"(?i)(to write comments|by |with the |translated )", line)]
    furniture += [line for line in raw_lines if re.search(r"\(\d+/\d+", line)]
    assert len(furniture) >= 5
    for line in furniture:
        assert line not in doc.text
    assert "comments" not in doc.text.lower()
    assert "translated" not in doc.text.lower()
    # the (protected) e-mail address of the byline is gone
    assert "@" not in doc.text and "protected" not in doc.text
    # time stamps are not text
    assert "Published:" not in doc.text and "Updated:" not in doc.text

    # the publication date comes from the "Published:" line, not the "Updated:" one
    (published_line,) = [line for line in raw_lines if line.startswith("Published:")]
    day, month, year = re.match(r"Published: (\d+) (\w+)\. (\d{4})", published_line).groups()  # type: ignore[union-attr]
    assert doc.published.value == datetime.strptime(f"{day} {month} {year}", "%d %b %Y").date()
    assert doc.published.source == "published-line"
    assert doc.published.evidence.startswith("Published")

    # block offsets are exact and the text is the blocks joined by blank lines
    assert "\n\n".join(doc.text[b.start : b.end] for b in doc.blocks) == doc.text


@pytest.mark.shared
def test_seed_without_headline_keeps_every_paragraph_and_drops_the_email() -> None:
    path = _seed("000_*.txt")
    raw_lines = [line.strip() for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    doc = build_document(_item(path))
    assert not _texts(doc, BlockKind.HEADLINE)  # the first line is a sentence, not a headline
    body = _texts(doc, BlockKind.BODY)
    assert len(body) == len(raw_lines) - 1  # the last line is only an e-mail address
    assert "@" not in doc.text
    assert prepare(_item(path)).cleaned.dropped[-1][0] == "email"
