"""Reading and writing TimeML for the TempEval-3 harness.

A document is read as: everything before ``<TEXT>`` (DOCID, DCT, TITLE ...), the content of
``<TEXT>`` with its tags removed (``source``: still XML-escaped, the bytes written back), the
same text unescaped (``plain``: what the tagger sees) with a map from plain offsets to
source offsets, and the gold TIMEX3s of the text (offsets in ``plain``).
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from dateline.records import TimeExpression


@dataclass(frozen=True)
class GoldTimex:
    start: int
    end: int
    text: str
    type: str
    value: str
    mod: str | None = None


@dataclass
class TimeMLDoc:
    name: str
    head: str  # the file up to and including "<TEXT>"
    source: str  # TEXT content without tags, XML-escaped as in the file
    plain: str  # unescaped text the tagger sees
    offsets: list[int]  # plain index -> source index (len(plain) + 1 entries)
    dct: date
    dct_tid: str
    gold: list[GoldTimex] = field(default_factory=list)


_TEXT = re.compile(r"<TEXT>(.*?)</TEXT>", re.S)
_DCT = re.compile(r"<DCT>\s*<TIMEX3([^>]*)>", re.S)
_ATTR = re.compile(r'(\w+)="([^"]*)"')
_TOKEN = re.compile(r"<(/?)(\w+)([^>]*)>|&(?:#\d+|#x[0-9a-fA-F]+|\w+);|[^<&]+|[<&]", re.S)


def _gold(start: int, end: int, text: str, attrs: dict[str, str]) -> GoldTimex:
    return GoldTimex(start, end, text, attrs.get("type", ""), attrs.get("value", ""), attrs.get("mod"))


def doc_name(path: Path) -> str:
    n = path.name
    for suf in (".tml.TE3input", ".TE3input", ".tml"):
        if n.endswith(suf):
            return n[: -len(suf)]
    return path.stem


def read_timeml(path: Path) -> TimeMLDoc:
    raw = path.read_text(encoding="utf-8")
    m = _TEXT.search(raw)
    if m is None:
        raise ValueError(f"{path}: no <TEXT> element")
    d = _DCT.search(raw)
    if d is None:
        raise ValueError(f"{path}: no DCT TIMEX3")
    dattr = dict(_ATTR.findall(d.group(1)))
    dct = date.fromisoformat(dattr["value"][:10])
    head = raw[: m.start(1)]
    source_parts: list[str] = []
    plain_parts: list[str] = []
    offsets: list[int] = []
    gold: list[GoldTimex] = []
    open_timex: tuple[int, dict[str, str]] | None = None
    src_len = 0
    plain_len = 0
    for t in _TOKEN.finditer(m.group(1)):
        tok = t.group(0)
        if t.group(2):  # a tag: dropped from the text
            if t.group(2) == "TIMEX3":
                if t.group(1):
                    if open_timex is not None:
                        start, attrs = open_timex
                        text = "".join(plain_parts)[start:plain_len]
                        gold.append(_gold(start, plain_len, text, attrs))
                        open_timex = None
                elif not tok.endswith("/>"):
                    open_timex = (plain_len, dict(_ATTR.findall(t.group(3))))
            continue
        if tok.startswith("&") and len(tok) > 1:
            ch = html.unescape(tok)
            offsets.append(src_len)
            plain_parts.append(ch)
            for _ in range(len(ch) - 1):
                offsets.append(src_len)
            plain_len += len(ch)
        else:
            offsets.extend(range(src_len, src_len + len(tok)))
            plain_parts.append(tok)
            plain_len += len(tok)
        source_parts.append(tok)
        src_len += len(tok)
    offsets.append(src_len)
    return TimeMLDoc(
        name=doc_name(path),
        head=head,
        source="".join(source_parts),
        plain="".join(plain_parts),
        offsets=offsets,
        dct=dct,
        dct_tid=dattr.get("tid", "t0"),
        gold=gold,
    )


def _esc(v: str) -> str:
    return html.escape(v, quote=True)


def write_timeml(doc: TimeMLDoc, exprs: list[TimeExpression], path: Path) -> None:
    """The document with our TIMEX3 tags in its text; the text bytes are unchanged."""
    parts: list[str] = [doc.head]
    pos = 0
    n = 0
    for e in exprs:
        s, t = doc.offsets[e.start], doc.offsets[e.end]
        if s < pos:
            continue
        n += 1
        tid = f"t{n}"
        if tid == doc.dct_tid:
            n += 1
            tid = f"t{n}"
        attrs = f'tid="{tid}" type="{e.type}" value="{_esc(e.value)}"'
        if e.mod:
            attrs += f' mod="{e.mod}"'
        fn = "true" if e.anchor != "none" else "false"
        attrs += f' temporalFunction="{fn}" functionInDocument="NONE"'
        if e.anchor == "dct":
            attrs += f' anchorTimeID="{doc.dct_tid}"'
        parts.append(doc.source[pos:s])
        parts.append(f"<TIMEX3 {attrs}>{doc.source[s:t]}</TIMEX3>")
        pos = t
    parts.append(doc.source[pos:])
    parts.append("</TEXT>\n\n</TimeML>\n")
    path.write_text("".join(parts), encoding="utf-8")


def find_documents(root: Path) -> list[Path]:
    files = [p for p in root.rglob("*") if p.is_file() and (p.name.endswith(".tml") or p.name.endswith(".TE3input"))]
    return sorted(files, key=lambda p: doc_name(p))
