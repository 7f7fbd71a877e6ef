"""Scraped text and Markdown to a sequence of raw lines with hints.

Scrapers emit a mix of plain text and Markdown, so both go through the same reader: image
lines ``![alt](src)`` become ``image`` lines carrying their alt text, ``#`` headings become
``heading`` lines, links keep their text, emphasis and list markers are dropped, blank lines
become ``break``.  What is furniture and what is article is decided later (cleaning.py).

A file may open with YAML front matter (``---`` lines around ``key: value`` lines, as static-site
generators and scrapers write it): :func:`front_matter` reads its plain fields and hands back the
Markdown after it.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, replace

import yaml

# ![alt](src "title"); the alt text may hold one level of brackets ("... [AP]").
_IMAGE = re.compile(
    r"!\[(?P<alt>(?:[^\[\]]|\[[^\[\]]*\])*)\]"
    r"\((?P<src>[^()\s]*(?:\([^()\s]*\)[^()\s]*)*)(?:\s+\"[^\"]*\")?\)"
)
_LINKED_IMAGE = re.compile(r"\[\s*(?P<image>!\[(?:[^\[\]]|\[[^\[\]]*\])*\]\([^()]*\))\s*\]\([^()\s]*\)")
_LINK = re.compile(r"\[(?P<text>(?:[^\[\]]|\[[^\[\]]*\])*)\]\((?:[^()\s]|\([^()\s]*\))*(?:\s+\"[^\"]*\")?\)")
_REF_LINK = re.compile(r"\[(?P<text>[^\[\]]+)\]\[[^\[\]]*\]")
_REF_DEFINITION = re.compile(r"\s{0,3}\[[^\]]+\]:\s+\S+.*")
_AUTOLINK = re.compile(r"<(?:https?|mailto):[^>\s]+>")
_HEADING = re.compile(r"#{1,6}\s+(?P<text>.*?)\s*#*\s*")
_SETEXT = re.compile(r"(=+|-+)\s*")
_LIST_MARK = re.compile(r"(?:[-*+•·▪►]|\d{1,3}[.)])\s+(?=\S)")
_QUOTE_MARK = re.compile(r"(?:>\s?)+")
_EMPHASIS = re.compile(
    r"(\*\*|__)(?=\S)(?P<text>.+?)(?<=\S)\1|(?<![\w*])\*(?=\S)(?P<text2>[^*]+?)(?<=\S)\*(?![\w*])"
    r"|(?<![\w_])_(?=\S)(?P<text3>[^_]+?)(?<=\S)_(?![\w_])"  # "_This live blog has now ended._"
)
_CODE = re.compile(r"`([^`]*)`")
_HTML_TAG = re.compile(r"</?(?:br|span|em|strong|b|i|u|p|div|small|sup|sub|a)(?:\s[^<>]*)?/?>", re.I)
_SPACED = re.compile(r"\S {2,}\S")  # runs of spaces inside a line: a menu's items or a table's cells
_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|>])")
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"), None)


_FRONT_FENCE = re.compile(r"-{3}\s*")
_FRONT_END = re.compile(r"(?:-{3}|\.{3})\s*")
_FRONT_LINE = re.compile(r"[A-Za-z_][\w .-]*:(?:\s.*)?|\s+\S.*|-\s.*|#.*")  # a key, continuation, item, comment
MAX_FRONT_MATTER_LINES = 80


def front_matter(content: str) -> tuple[dict[str, str], str]:
    """The plain (string) fields of the YAML front matter a file opens with, and the content
    after it; ``({}, content)`` when it has none. Every line between the fences must read as
    YAML (a key, an indented continuation, a list item, a comment) and the whole as a mapping,
    so a Markdown rule (``---``) that opens a text is left alone."""
    text = content.replace("\r\n", "\n").replace("\r", "\n")
    lines = text.split("\n", MAX_FRONT_MATTER_LINES + 2)
    if not lines or not _FRONT_FENCE.fullmatch(lines[0]):
        return {}, content
    end = next((i for i, line in enumerate(lines[1 : MAX_FRONT_MATTER_LINES + 2], 1) if _FRONT_END.fullmatch(line)),
               None)  # fmt: skip
    if end is None or end == 1:
        return {}, content
    block = lines[1:end]
    if not all(_FRONT_LINE.fullmatch(line) or not line.strip() for line in block):
        return {}, content
    try:  # every scalar as written: a date stays the text it is ("2025-04-22T06:30:00+05:30")
        data = yaml.load("\n".join(block), Loader=yaml.BaseLoader)  # builds no objects: every scalar a str
    except yaml.YAMLError:
        return {}, content
    if not isinstance(data, dict):
        return {}, content
    fields = {str(k): v.strip() for k, v in data.items() if isinstance(v, str) and v.strip()}
    rest = "\n".join(lines[end + 1 :])
    return fields, rest


@dataclass(frozen=True)
class RawLine:
    """One line of input. ``hint``: ``text``, ``heading``, ``image`` (alt text), ``caption`` or ``break``."""

    text: str
    hint: str = "text"
    item: bool = False  # it began with a list mark ("* ", "- ", "1."): a paragraph of its own
    spaced: str = ""  # the line with its runs of spaces, when they set items apart ("NEWS   POLITICS   SPORT")
    row_date: bool = False  # a timeline row's date made a heading: never the page's own time stamp


BREAK = RawLine("", "break")


def normalise_space(text: str) -> str:
    """NFC, invisible characters removed, runs of white space collapsed to one space."""
    text = unicodedata.normalize("NFC", text).translate(_INVISIBLE)
    return re.sub(r"[\s\u00a0\u2000-\u200a\u202f\u205f\u3000]+", " ", text).strip()


def inline_markdown(text: str) -> str:
    """Link text instead of links, no emphasis, code or simple HTML tags, unescaped characters."""
    text = _AUTOLINK.sub("", text)
    text = _LINK.sub(lambda m: m.group("text"), text)
    text = _REF_LINK.sub(lambda m: m.group("text"), text)
    text = _CODE.sub(r"\1", text)
    text = _HTML_TAG.sub(" ", text)
    for _ in range(2):
        text = _EMPHASIS.sub(lambda m: m.group("text") or m.group("text2") or m.group("text3") or "", text)
    return _ESCAPE.sub(r"\1", text)


def read_markdown(content: str) -> list[RawLine]:
    """Raw lines of scraped text or Markdown."""
    lines: list[RawLine] = []
    in_fence = False
    for physical in content.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        stripped = physical.strip()
        if stripped.startswith(("```", "~~~")):
            in_fence = not in_fence
            lines.append(BREAK)
            continue
        if in_fence or not stripped:
            if not in_fence:
                lines.append(BREAK)
            continue
        if _SETEXT.fullmatch(stripped) and lines and lines[-1].hint == "text":
            lines[-1] = replace(lines[-1], hint="heading")
            continue
        if _REF_DEFINITION.fullmatch(physical):
            continue
        lines.extend(_read_line(stripped))
    return lines


def _read_line(line: str) -> list[RawLine]:
    out: list[RawLine] = []
    line = _QUOTE_MARK.sub("", line, count=1) if line.startswith(">") else line
    heading = _HEADING.fullmatch(line)
    hint = "text"
    if heading is not None:
        line, hint = heading.group("text"), "heading"
    item = _LIST_MARK.match(line) is not None
    line = _LIST_MARK.sub("", line, count=1) if item else line
    line = _LINKED_IMAGE.sub(lambda m: m.group("image"), line)
    rest_parts: list[str] = []
    position = 0
    for image in _IMAGE.finditer(line):
        rest_parts.append(line[position : image.start()])
        position = image.end()
        alt = normalise_space(inline_markdown(image.group("alt")))
        out.append(RawLine(alt, "image"))
    rest_parts.append(line[position:])
    rest = normalise_space(inline_markdown(" ".join(rest_parts)))
    spaced = line.strip() if not out and _SPACED.search(line.strip()) else ""
    if rest:
        out.append(RawLine(rest, hint, item and hint == "text", spaced))
    return out
