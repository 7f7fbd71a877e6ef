"""Raw lines to article blocks: headline, body paragraphs, photo captions.

Every line is first classified on its own (time stamp, furniture, e-mail, byline, image,
text); the remaining text lines are then joined into paragraphs, the headline is chosen, and
paragraphs with caption cues become captions.  Nothing is rewritten except white space,
Markdown syntax and e-mail addresses; every dropped line is kept in ``Cleaned.dropped`` with
the reason it was dropped, so a user can see what cleaning did.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from dateline.pubdate.links import LEAD_MIN_WORDS  # a paragraph that reads as a sentence, as there
from dateline.pubdate.stamps import Stamp
from dateline.records import BlockKind

from .furniture import (
    furniture_category,
    is_byline,
    is_byline_continuation,
    is_caption,
    is_email_only,
    is_writer_name,
    stamp_of,
    strip_emails,
)
from .markdown import RawLine, normalise_space

HEADLINE_MAX_WORDS = 30
HEADLINE_MAX_CHARS = 250
WRAP_MAX_WIDTH = 110  # hard-wrapped text keeps (nearly) all lines under this width
WRAP_PARAGRAPH_END = 0.6  # wrapped text without blank lines: a line this much shorter ends a paragraph
KICKER_MAX_WORDS = 3  # a short line above a longer headline is a kicker ("Energy crisis")
IMAGE_ALT_CAPTION_WORDS = 6  # alt text this long (or with caption cues) is a caption
_TERMINAL = (".", "!", "?", ":", ";", '"', "”", "’", "'", ")", "]", "…")
_DAY = r"(?:mon|tues|wednes|thurs|fri|satur|sun)day"
# "MONDAY", "Saturday-Sunday": a digest's or a live blog's day heading, kept as a block of its own
# (the event stage dates the items under it)
_MONTH = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"
# ... or with its date: "SATURDAY 26 JULY", "Sunday, July 27, 2025"
_DATED = rf"(?:,?\s+(?:\d{{1,2}}(?:st|nd|rd|th)?\s+{_MONTH}|{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?)(?:,?\s+\d{{4}})?)?"
_DAY_HEADING = re.compile(rf"{_DAY}{_DATED}(?:\s*(?:[-–—/&]|and|to)\s*{_DAY}{_DATED})?\s*:?", re.I)
# "21:52 CET", "9.30am", "Fri 00:50 PKT": a live blog's entry time, on a line above the entry (not
# run into it)
_CLOCK_HEADING = re.compile(rf"(?:(?:{_DAY}|mon|tue|wed|thu|fri|sat|sun)\.?,?\s+)?"
                            r"\d{1,2}[:.]\d{2}(?:\s*[ap]\.?m\.?)?(?:\s+[A-Z]{2,5}(?:[+-]\d{1,2})?)?", re.I)
# "09:20  Thai officials have updated ...": the entry time run into the entry, split off as if it
# stood on the line above (a zone, if any, is in capitals and ends in T: "GMT", "ICT", "CEST")
_RUN_IN_CLOCK = re.compile(
    r"(?P<clock>\d{1,2}[:.]\d{2}(?:\s*(?i:[ap]\.?m\.?))?(?:\s+(?:UTC|[A-Z]{1,3}T)(?:[+-]\d{1,2})?)?)"
    r"\s+(?P<rest>[\"“‘'A-Z].*\S.*)"
)
RUN_IN_MIN_WORDS = 6  # an entry, not "10:30 Kick-off"
_HEADLINE_BAD_END = (".", ",", ";", ":", "…", "-", "–", "—")
# a line ending with one of these runs on into the next line: it is not a headline
_RUN_ON_WORDS = frozenset(
    ["a", "an", "the", "of", "to", "and", "or", "but", "in", "on", "at", "by", "for", "from", "with", "as", "that"]
)


@dataclass(frozen=True)
class Cleaned:
    """The article's blocks in reading order, the time stamps found, and what was dropped."""

    blocks: tuple[tuple[BlockKind, str], ...]
    stamps: tuple[Stamp, ...]
    dropped: tuple[tuple[str, str], ...]  # (reason, line)
    url: str | None = None  # the page's address, when a scrape starts with it

    @property
    def body(self) -> tuple[str, ...]:
        return tuple(text for kind, text in self.blocks if kind is BlockKind.BODY)


@dataclass
class _Item:
    kind: str  # text, heading, caption, image, break
    text: str
    line: int = -1  # which non-empty line of the input it is
    item: bool = False  # a list item: not joined to the line before it


def clean_lines(lines: Sequence[RawLine], *, title: str | None = None, wrapped: bool | None = None) -> Cleaned:
    """Clean raw lines; ``title`` (from metadata) becomes the headline when given.

    ``wrapped``: whether lines inside a paragraph are hard-wrapped (joined into one paragraph);
    ``None`` decides from the text's shape.
    """
    dropped: list[tuple[str, str]] = []
    stamps: list[Stamp] = []
    marks = _Marks()
    items = _classify(lines, stamps, dropped, marks)
    headline, items = _headline(items, title, dropped, marks)
    paragraphs = _paragraphs(items, _is_wrapped(items) if wrapped is None else wrapped)
    blocks = _blocks(paragraphs, dropped)
    if headline:
        blocks.insert(0, (BlockKind.HEADLINE, headline))
    return Cleaned(tuple(blocks), tuple(stamps), tuple(dropped), _page_url(lines))


PAGE_URL = re.compile(r"(?:(?:url|source|link)\s*:\s*)?<?(https?://[^\s<>]+)>?", re.I)
PAGE_URL_LINES = 3  # a saved page's address is one of its first lines


def _page_url(lines: Sequence[RawLine]) -> str | None:
    """The address a scraped page starts with ("https://outlet.example/2019/05/13/story/",
    "Source: <https://...>"), if one of its first non-empty lines is only that."""
    texts = [line.text.strip() for line in lines if line.text.strip()][:PAGE_URL_LINES]
    return next((m.group(1) for m in map(PAGE_URL.fullmatch, texts) if m is not None), None)


@dataclass
class _Marks:
    """Line numbers (of non-empty lines) of what :func:`_classify` dropped, for :func:`_above_byline`."""

    bylines: list[int] = field(default_factory=list)  # bylines and time stamps, in order
    furniture: set[int] = field(default_factory=set)  # lines dropped as furniture, bylines or stamps


def _classify(lines: Sequence[RawLine], stamps: list[Stamp], dropped: list[tuple[str, str]],
              marks: _Marks) -> list[_Item]:  # fmt: skip
    """The lines kept as items; ``marks`` gets the lines dropped as bylines, stamps or furniture."""
    items: list[_Item] = []
    after_byline = False
    seen_text = False
    listed = False  # under a "Related" or "Most read" label: its list items are links too
    index = 0  # non-empty lines seen so far
    for raw in lines:
        if raw.hint == "break":
            items.append(_Item("break", ""))
            continue
        text = normalise_space(raw.text)
        if not text:
            continue
        index += 1
        if listed and raw.item:
            dropped.append(("related", text))
            marks.furniture.add(index)
            continue
        listed = False
        if raw.hint in ("image", "caption"):
            items.append(_Item(raw.hint, text))
            after_byline = False
            continue
        was_after_byline, after_byline = after_byline, False
        stamp = None if raw.row_date else stamp_of(text, line_index=index - 1)  # (a timeline's first day)
        if stamp is not None:
            last = items[-1] if items else None
            if last is not None and last.line == index - 1 and last.kind == "text" and is_writer_name(last.text):
                items.pop()  # "Nomvula Dube" on the line above "17 Sep 2018, 13:05": the writer's byline
                dropped.append(("byline", last.text))
                marks.bylines.append(last.line)
                marks.furniture.add(last.line)
            stamps.append(stamp)
            dropped.append((f"stamp:{stamp.kind}", text))
            marks.bylines.append(index)
            marks.furniture.add(index)
            continue
        # (a menu set apart by runs of spaces is one only before the spaces are collapsed)
        category = furniture_category(text) or (raw.spaced and furniture_category(raw.spaced)) or _edition_strip(text)
        if category is not None:
            dropped.append((category, text))
            marks.furniture.add(index)
            listed = category == "related"
            continue
        if is_email_only(text):
            dropped.append(("email", text))
            continue
        if is_byline(text, bare=seen_text):
            dropped.append(("byline", text))
            marks.bylines.append(index)
            marks.furniture.add(index)
            after_byline = True
            continue
        if was_after_byline and is_byline_continuation(text):
            dropped.append(("byline", text))
            continue
        text = strip_emails(text)
        if not re.search(r"[^\W\d_]", text):
            dropped.append(("no-letters", text))
            continue
        clock = _RUN_IN_CLOCK.fullmatch(text) if raw.hint == "text" else None
        if clock is not None and len(clock.group("rest").split()) >= RUN_IN_MIN_WORDS:
            items += [_Item("break", ""), _Item("text", clock.group("clock"), index), _Item("break", "")]
            text = clock.group("rest")
        items.append(_Item("heading" if raw.hint == "heading" else "text", text, index, raw.item))
        seen_text = True
    return items


_STRIP_PARTS = re.compile(r"\s+[|·•–—-]\s+")


def _edition_strip(text: str) -> str | None:
    """ "Saturday edition - Politics & Security": an edition named beside a section or two, each
    part a short label; furniture, not a headline."""
    parts = _STRIP_PARTS.split(text)
    if len(parts) < 2 or any(len(part.split()) > LABEL_MAX_WORDS for part in parts):
        return None
    edition = [part for part in parts if furniture_category(part) == "stamps"]
    labels = [part for part in parts if part not in edition]
    # (the labels are words only: "Issue 9 | Week of 4 - 10 November 2024" names a week)
    return "edition" if edition and not any(c.isdigit() for part in labels for c in part) else None


def _key(text: str) -> str:
    return re.sub(r"[\W_]+", " ", text.casefold()).strip()


def _looks_like_headline(text: str, following: _Item | None) -> bool:
    """A short line that does not end like a sentence or run on into the next line."""
    words = text.split()
    return (
        2 <= len(words) <= HEADLINE_MAX_WORDS
        and len(text) <= HEADLINE_MAX_CHARS
        and not text.endswith(_HEADLINE_BAD_END)
        and words[-1].lower() not in _RUN_ON_WORDS
        and not (following is not None and following.kind == "text" and following.text[:1].islower())
        and not is_caption(text)
    )


def _headline(items: list[_Item], title: str | None, dropped: list[tuple[str, str]],
              marks: _Marks) -> tuple[str | None, list[_Item]]:  # fmt: skip
    """The headline and the items left once it is taken out."""
    if not title:
        first = _above_byline(items, marks)
        if first is not None:
            for item in items[:first]:
                if item.kind in ("text", "heading"):
                    dropped.append(("masthead", item.text))
            return items[first].text, items[first + 1 :]
    first = next((i for i, item in enumerate(items) if item.kind in ("text", "heading")), None)
    while first is not None and _is_label(items[first].text) and _has_text_after(items, first):
        dropped.append(("section-label", items[first].text))
        items = items[:first] + items[first + 1 :]
        first = next((i for i, item in enumerate(items) if item.kind in ("text", "heading")), None)
    if title:
        title = normalise_space(title)
        if first is not None and _title_repeats(title, items[first].text):
            dropped.append(("headline-repeat", items[first].text))
            return title, items[:first] + items[first + 1 :]
        return title, items
    if first is None:
        return None, items
    candidate = items[first]
    following = items[first + 1] if first + 1 < len(items) else None
    if (
        candidate.kind == "text"
        and following is not None
        and following.kind == "text"
        and len(candidate.text.split()) <= KICKER_MAX_WORDS < len(following.text.split())
        and not candidate.text.endswith(_TERMINAL)
        and _looks_like_headline(following.text, items[first + 2] if first + 2 < len(items) else None)
    ):
        dropped.append(("kicker", candidate.text))
        items = items[:first] + items[first + 1 :]
        candidate, following = items[first], items[first + 1] if first + 1 < len(items) else None
    if candidate.kind == "heading" or _looks_like_headline(candidate.text, following):
        return candidate.text, items[:first] + items[first + 1 :]
    return None, items


def _above_byline(items: list[_Item], marks: _Marks) -> int | None:
    """Where a scraped page's headline is when bylines or time stamps stand between it and the
    article: the first line of the lines right above them (a headline and its standfirst), below
    the masthead, the outlet's tagline and the menus.

    Only when the byline comes before the first paragraph of the article and the lines above it
    are headline-like; otherwise None (the first line is the headline, as before)."""
    texts = [(i, item) for i, item in enumerate(items) if item.kind in ("text", "heading")]
    lead = next((item.line for _, item in texts if _reads_as_paragraph(item.text) and not _above_mark(item, marks)),
                None)  # fmt: skip
    bylines = [m for m in marks.bylines if lead is None or m < lead]
    if not bylines:
        return None
    mark = bylines[-1]
    while mark - 1 in marks.furniture:  # a byline, "5 minute read", a time stamp, one under the other
        mark -= 1
    before = [(i, item) for i, item in texts if item.line < mark]
    if len(before) < 2 or before[-1][1].line != mark - 1:
        return None  # one line above the byline is the headline anyway; a gap: not sure what is what
    block = [before[-1]]
    for i, item in reversed(before[:-1]):
        if item.line != block[0][1].line - 1 or len(block) == HEADLINE_BLOCK_LINES or _is_section_label(item.text):
            break
        below = block[0][1].text
        if len(item.text.split()) <= LABEL_MAX_WORDS < len(below.split()) and not _reads_as_paragraph(below):
            break  # "Central Asia" above a headline, not a headline above its standfirst
        block.insert(0, (i, item))
    standfirst = len(block) == HEADLINE_BLOCK_LINES and _reads_as_paragraph(block[-1][1].text)
    if not all(_looks_like_headline(item.text, None) for _, item in (block[:-1] if standfirst else block)):
        return None
    return block[0][0]


def _above_mark(item: _Item, marks: _Marks) -> bool:
    """Whether a byline or time stamp is the next line after ``item`` (a standfirst above "By X")."""
    return item.line + 1 in marks.bylines


HEADLINE_BLOCK_LINES = 2  # a headline and its standfirst


def _reads_as_paragraph(text: str) -> bool:
    return len(text.split()) >= LEAD_MIN_WORDS and text.endswith(_TERMINAL)


def _has_text_after(items: list[_Item], index: int) -> bool:
    return any(item.kind in ("text", "heading") for item in items[index + 1 :])


LABEL_MAX_WORDS = 3


def _is_section_label(text: str) -> bool:
    """A one-word line above the headline ("World", "POLITICS"), or a short one in capitals
    ("CENTRAL ASIA")."""
    words = text.split()
    return not text.endswith(_TERMINAL) and (len(words) < 2 or (len(words) <= LABEL_MAX_WORDS and text.isupper()))


_NAME_LINKS = frozenset({"of", "the", "and", "for", "&", "de", "du", "des", "la", "le"})
_ACRONYM_NAME = re.compile(
    r"(?P<name>(?:(?:[A-Z][\w'’&.-]*|" + "|".join(sorted(_NAME_LINKS)) + r")\s+)*[A-Z][\w'’&.-]*)"
    r"\s*\((?P<acronym>[A-Z]{2,6})\)"
)


def _is_label(text: str) -> bool:
    """A section label, or an outlet's name with its acronym as a masthead ("Baltic News Wire
    (BNW)", "Agence Example de Presse (AEP)"): the acronym is the initials of the words before it."""
    if _is_section_label(text):
        return True
    named = _ACRONYM_NAME.fullmatch(text)
    if named is None:
        return False
    initials = "".join(w[0] for w in named.group("name").split() if w.lower() not in _NAME_LINKS)
    return initials.upper() == named.group("acronym")


def _title_repeats(title: str, line: str) -> bool:
    """Whether ``line`` repeats the metadata title (possibly with " | Outlet" appended to either)."""
    a, b = _key(title), _key(line)
    if not a or not b:
        return False
    return a == b or (len(b) >= 0.6 * len(a) and (a.startswith(b) or b.startswith(a)))


def _is_wrapped(items: list[_Item]) -> bool:
    """Hard-wrapped text: most lines followed by another line of their paragraph stop mid-sentence.

    (Scrapers also write one paragraph per line with no blank lines between; those lines end
    with a full stop, so they are not joined.)"""
    followed = [a.text for a, b in itertools.pairwise(items) if a.kind == b.kind == "text"]
    open_ended = sum(not text.endswith(_TERMINAL) for text in followed)
    widest = max((len(text) for text in followed), default=0)
    return open_ended >= 2 and open_ended >= 0.5 * len(followed) and widest <= WRAP_MAX_WIDTH


def _paragraphs(items: list[_Item], wrapped: bool) -> list[_Item]:
    """Join text lines into paragraphs: a wrapped group, or a line cut before a lower-case word."""
    width = max((len(item.text) for item in items if item.kind == "text"), default=0)
    out: list[_Item] = []
    last_line = ""
    for item in items:
        previous = out[-1] if out else None
        cut = not last_line.endswith(_TERMINAL) and item.text[:1].islower()
        ends_paragraph = last_line.endswith(_TERMINAL) and len(last_line) < WRAP_PARAGRAPH_END * width
        if item.kind == "text":
            last_line = item.text
        if (
            item.kind == "text"
            and previous is not None
            and previous.kind == "text"
            and (cut or (wrapped and not ends_paragraph))
            and not item.item
            and not _DAY_HEADING.fullmatch(previous.text)
            and not _CLOCK_HEADING.fullmatch(previous.text)
        ):
            joiner = "" if previous.text.endswith("-") and item.text[:1].islower() else " "
            previous.text = previous.text + joiner + item.text
            continue
        out.append(_Item(item.kind, item.text))
    return [item for item in out if item.kind != "break"]


def _blocks(paragraphs: list[_Item], dropped: list[tuple[str, str]]) -> list[tuple[BlockKind, str]]:
    blocks: list[tuple[BlockKind, str]] = []
    last_caption: int | None = None  # index in blocks of the caption just seen (for repeats)
    for item in paragraphs:
        if item.kind == "image":
            if not item.text or not (is_caption(item.text) or len(item.text.split()) >= IMAGE_ALT_CAPTION_WORDS):
                if item.text:
                    dropped.append(("image-alt", item.text))
                continue
            last_caption = _add_caption(blocks, last_caption, item.text, dropped)
            continue
        text = strip_emails(item.text) if item.kind in ("text", "caption") else item.text
        if not text:
            dropped.append(("email", item.text))
            continue
        if item.kind == "caption" or (item.kind == "text" and is_caption(text)):
            last_caption = _add_caption(blocks, last_caption, text, dropped)
            continue
        if last_caption is not None and _repeats(blocks[last_caption][1], text):
            dropped.append(("caption-repeat", text))
            last_caption = None
            continue
        last_caption = None
        if _is_section_label(text) and not _DAY_HEADING.fullmatch(text) and not _CLOCK_HEADING.fullmatch(text):
            dropped.append(("label", text))  # a topic tag or section name, not a paragraph (nor an entry's time)
            continue
        blocks.append((BlockKind.BODY, text))
    return blocks


def _add_caption(blocks: list[tuple[BlockKind, str]], last: int | None, text: str,
                 dropped: list[tuple[str, str]]) -> int:
    """Add a caption unless it repeats the caption just before it (keep the longer one)."""
    if last is not None and _repeats(blocks[last][1], text):
        if len(text) > len(blocks[last][1]):
            dropped.append(("caption-repeat", blocks[last][1]))
            blocks[last] = (BlockKind.CAPTION, text)
        else:
            dropped.append(("caption-repeat", text))
        return last
    blocks.append((BlockKind.CAPTION, text))
    return len(blocks) - 1


def _repeats(a: str, b: str) -> bool:
    """``b`` repeats caption ``a``: same words, or one holds most of the other."""
    ka, kb = _key(a), _key(b)
    if not ka or not kb:
        return False
    if ka == kb:
        return True
    short, long_ = sorted((ka, kb), key=len)
    return len(short) >= 0.6 * len(long_) and short in long_
