"""HTML pages to raw lines and page metadata, through trafilatura.

trafilatura (``include_comments=False``) finds the article and drops navigation, comment
sections, cookie banners and footers; its XML output keeps paragraphs, headings, lists,
quotes and image positions.  Figure captions, which trafilatura leaves out, are taken from the
page's own ``<figure><figcaption>`` and put back where trafilatura keeps the image.
The extracted lines then go through the same furniture cleaning as scraped text.
"""

from __future__ import annotations

import logging
from configparser import ConfigParser
from dataclasses import dataclass
from functools import cache

import lxml.etree
import lxml.html
import trafilatura

from dateline.errors import Reason, RejectedDocument

from .furniture import stamp_of
from .markdown import BREAK, RawLine, normalise_space
from .timeline import MIN_TIMELINE_ROWS, as_items, timeline_row

MIN_ARTICLE_WORDS = 5  # at least one paragraph this long, or the page holds no article
# trafilatura replaces an extraction shorter than MIN_EXTRACTED_SIZE (default 250 characters) by a
# flat dump of the whole page, which merges headline, captions and paragraphs of a short news item
# into one paragraph; short items are common in news, so the floor is lowered.
MIN_EXTRACTED_CHARS = 60
_BLOCK_TAGS = ("p", "head", "quote", "item", "cell", "code")

# trafilatura logs every page it finds too short; that is our rejection to report, not a log line
logging.getLogger("trafilatura").addHandler(logging.NullHandler())


@dataclass(frozen=True)
class HtmlArticle:
    lines: tuple[RawLine, ...]
    title: str | None
    url: str | None
    outlet: str | None


def parse_page(html: str) -> lxml.html.HtmlElement | None:
    """The page as an lxml tree, or None when nothing parses."""
    try:
        return lxml.html.document_fromstring(html.encode("utf-8"), parser=_PARSER)
    except (lxml.etree.ParserError, ValueError):
        return None


_PARSER = lxml.html.HTMLParser(encoding="utf-8", remove_comments=True)


@cache
def _config() -> ConfigParser:
    from trafilatura.settings import use_config

    config = use_config()
    config.set("DEFAULT", "MIN_EXTRACTED_SIZE", str(MIN_EXTRACTED_CHARS))
    return config


def extract_html(html: str, *, where: str) -> HtmlArticle:
    """The article of an HTML page; raises RejectedDocument when there is none."""
    page = parse_page(html)
    if page is None or not visible_text(page):
        raise RejectedDocument(Reason.EMPTY, f"{where}: empty: the HTML holds no text")
    result = None
    for favor_recall in (False, True):
        result = trafilatura.extract(
            html,
            output_format="xml",
            include_comments=False,
            include_images=True,
            include_tables=False,
            with_metadata=True,
            favor_recall=favor_recall,
            config=_config(),
        )
        if result:
            break
    if not result:
        raise RejectedDocument(Reason.MALFORMED_HTML, f"{where}: no article text could be extracted from the HTML")
    doc = lxml.etree.fromstring(result.encode("utf-8"))
    captions = figure_captions(page)
    lines: list[RawLine] = []
    main = doc.find("main")
    for element in main.iter() if main is not None else ():
        lines.extend(_lines_of(element, captions))
    if not any(line.hint == "text" and len(line.text.split()) >= MIN_ARTICLE_WORDS for line in lines):
        raise RejectedDocument(Reason.MALFORMED_HTML,
                               f"{where}: no article text could be extracted from the HTML (only fragments)")
    lines = _with_dropped_items(page, _with_dropped_stamps(page, _with_sibling_entries(page, lines)))
    lines = _with_timeline_tables(page, lines)
    return HtmlArticle(
        lines=tuple(lines),
        title=_attr(doc, "title"),
        url=_attr(doc, "url"),
        outlet=_attr(doc, "sitename"),
    )


_LEAF_BLOCKS = lxml.etree.XPath(
    "//body//*[self::div or self::p or self::span or self::time or self::small or self::li or self::td"
    " or self::header or self::address][not(ancestor::script or ancestor::style or ancestor::noscript)]"
    "[not(.//div or .//p or .//li or .//td or .//header)]"
)


def _with_dropped_stamps(page: lxml.html.HtmlElement, lines: list[RawLine]) -> list[RawLine]:
    """``lines`` with the labelled time stamps above the article ("Posted Oct. 11, 2018 10:02
    a.m.") that trafilatura left out, put before its first paragraph, where the cleaner reads
    them as stamps."""
    first = next((i for i, line in enumerate(lines) if line.hint == "text"), None)
    if first is None:
        return lines
    opening = lines[first].text[:OPENING_CHARS]
    kept = {line.text for line in lines}
    found: list[RawLine] = []
    for element in _LEAF_BLOCKS(page):
        text = normalise_space(element.text_content())
        if opening and text.startswith(opening):
            break  # the article has begun: stamps below it are comments' and related stories'
        if text and text not in kept and stamp_of(text, line_index=STAMP_LINE_UNKNOWN) is not None:
            found.append(RawLine(text, "text"))
            kept.add(text)
    return [*lines[:first], *(x for line in found for x in (line, BREAK)), *lines[first:]] if found else lines


OPENING_CHARS = 60  # how much of a line's opening finds its element on the page again


def _openings(lines: list[RawLine]) -> dict[str, int]:
    """The extracted paragraphs and headings by their opening: where a page element's text was put."""
    return {line.text[:OPENING_CHARS]: i for i, line in enumerate(lines)
            if line.hint in ("text", "heading") and line.text}  # fmt: skip


_PAGE_BLOCKS = lxml.etree.XPath(
    "//body//*[self::p or self::li or self::h1 or self::h2 or self::h3 or self::h4 or self::blockquote]"
    "[not(ancestor::script or ancestor::style or ancestor::noscript or ancestor::nav or ancestor::header"
    " or ancestor::footer or ancestor::aside or ancestor::form)]"
)
MIN_ITEM_WORDS = 8  # a list item this long, ending like a sentence, is prose ("Catch up: ..." bullets)


def _prose_item(element: lxml.etree._Element, text: str) -> bool:
    """A list item that reads as a sentence of the article, not a link or a menu entry."""
    if element.tag != "li" or element.find(".//li") is not None or len(text.split()) < MIN_ITEM_WORDS:
        return False
    return text[-1:] in ".!?\"'”" and _linked_chars(element) < 0.3 * len(text)


def _linked_chars(element: lxml.etree._Element) -> int:
    """How much of an element's text is link text."""
    return sum(len(normalise_space(a.text_content())) for a in element.iter("a"))


def _spliced(lines: list[RawLine], after: dict[int, list[RawLine]]) -> list[RawLine]:
    """``lines`` with ``after[i]`` put after line ``i`` (``-1``: before the first), set apart by a
    break; each inserted block ends with its own."""
    out = list(after.get(-1, []))
    for i, line in enumerate(lines):
        out.append(line)
        if after.get(i):
            if line.hint != "break":
                out.append(BREAK)
            out += after[i]
    return out


def _with_dropped_items(page: lxml.html.HtmlElement, lines: list[RawLine]) -> list[RawLine]:
    """``lines`` with the sentence-like list items trafilatura left out inside the article (it
    drops many lists as boilerplate, and with them a live blog's "how we got here" bullets), each
    put after the extracted line it follows on the page.  Only items between two lines of the
    article count: lists above or below it are menus and related stories."""
    index = _openings(lines)
    kept = {line.text for line in lines}
    cursor: int | None = None
    pending: list[tuple[int, RawLine]] = []
    placed: list[tuple[int, RawLine]] = []
    for element in _PAGE_BLOCKS(page):
        text = normalise_space(element.text_content())
        if not text:
            continue
        at = index.get(text[:OPENING_CHARS])
        if at is not None:
            cursor = at
            placed += pending  # the article goes on below them: they were inside it
            pending = []
        elif cursor is not None and text not in kept and _prose_item(element, text):
            pending.append((cursor, RawLine(text, "text")))
            kept.add(text)
    if not placed:
        return lines
    after: dict[int, list[RawLine]] = {}
    for i, line in placed:
        after.setdefault(i, []).extend((line, BREAK))
    return _spliced(lines, after)


_ENTRY_BLOCKS = lxml.etree.XPath(
    ".//*[self::p or self::h2 or self::h3 or self::h4 or self::blockquote or self::li]"
    "[not(ancestor::nav or ancestor::aside or ancestor::form or ancestor::footer)]"
)


def _with_sibling_entries(page: lxml.html.HtmlElement, lines: list[RawLine]) -> list[RawLine]:
    """``lines`` with the entries trafilatura left out of a page made of sibling ``<article>``
    elements (a live blog's posts): it may keep only the first.  Only articles beside one it
    kept count, and only their prose: teaser cards of related stories sit in another list."""
    index = _openings(lines)
    articles = [a for a in page.iter("article") if not any(x.tag in ("article", "nav", "aside", "footer")
                                                           for x in a.iterancestors())]  # fmt: skip
    covered = [a for a in articles if any(_line_of(b, index) is not None for b in _ENTRY_BLOCKS(a))]
    if not covered:
        return lines
    parents = {a.getparent() for a in covered}
    group = [a for a in articles if a.getparent() in parents]
    missing = [a for a in group if a not in covered]
    if not missing:
        return lines
    kept = {line.text for line in lines}

    def entry(article: lxml.etree._Element) -> list[RawLine]:
        if _linked_chars(article) > 0.3 * len(normalise_space(article.text_content())):
            return []  # a teaser card: its headline and summary link to another page
        out: list[RawLine] = []
        for block in _ENTRY_BLOCKS(article):
            if block.find(".//p") is not None or block.find(".//li") is not None:
                continue  # its paragraphs come on their own
            text = normalise_space(block.text_content())
            if not text or text in kept:
                continue
            if block.tag == "li" and not _prose_item(block, text):
                continue
            hint = "heading" if block.tag in ("h2", "h3", "h4") else "text"
            out += [RawLine(text, hint), BREAK]
        return out

    position = {line.text[:OPENING_CHARS]: i for i, line in enumerate(lines) if line.text}
    first = next((i for i, line in enumerate(lines) if line.hint in ("text", "heading")), len(lines))
    at = first - 1  # each left-out entry goes after the last line of the kept entry above it
    after: dict[int, list[RawLine]] = {}
    for article in group:
        if article in covered:
            ends = [position[t[:OPENING_CHARS]] for b in _ENTRY_BLOCKS(article)
                    if (t := normalise_space(b.text_content()))[:OPENING_CHARS] in position]  # fmt: skip
            at = max(ends) if ends else at
        else:
            after.setdefault(at, []).extend(entry(article))
    added = [line for block in after.values() for line in block]
    if not any(line.hint == "text" and len(line.text.split()) >= MIN_ITEM_WORDS for line in added):
        return lines  # nothing that reads as prose: cards, not entries
    return _spliced(lines, after)


def _timeline_rows(table: lxml.etree._Element) -> list[tuple[str, str]]:
    """A timeline table's rows as (date, what happened) (``timeline.timeline_row``).  Tables of
    figures, and tables of fewer dated rows than MIN_TIMELINE_ROWS, give nothing."""
    rows: list[tuple[str, str]] = []
    for tr in table.iter("tr"):
        elements = [c for c in tr if c.tag in ("td", "th")]
        cells = [text for c in elements if (text := normalise_space(c.text_content()))]
        if len(cells) < 2 or all(c.tag == "th" for c in elements):
            continue  # (a header row)
        row = timeline_row(cells)
        if row is not None:
            rows.append(row)
    return rows if len(rows) >= MIN_TIMELINE_ROWS else []


_TABLES = lxml.etree.XPath(
    "//body//table[not(ancestor::nav or ancestor::aside or ancestor::footer or ancestor::header"
    " or ancestor::form or ancestor::table)]"
)


def _with_timeline_tables(page: lxml.html.HtmlElement, lines: list[RawLine]) -> list[RawLine]:
    """``lines`` with the page's timeline tables (a date, maybe who, and what happened on each
    row), which trafilatura leaves out with every other table: each row becomes the date as a
    heading and the event as a paragraph, as a digest's dated items are, put after the extracted
    line the table follows on the page.  A table that follows no extracted line in its container
    (above the article, or in a sidebar beside it) is page furniture and is left out."""
    tables = [(t, rows) for t in _TABLES(page) if (rows := _timeline_rows(t))]
    if not tables:
        return lines
    index = _openings(lines)
    kept = {line.text for line in lines}
    after: dict[int, list[RawLine]] = {}
    for table, rows in tables:
        before = [i for e in table.itersiblings(preceding=True) if (i := _line_of(e, index)) is not None]
        if not before:
            continue
        block = after.setdefault(before[0], [])
        block += as_items([(day, what) for day, what in rows if what not in kept])
    return _spliced(lines, after) if any(after.values()) else lines


def _line_of(element: lxml.etree._Element, index: dict[str, int]) -> int | None:
    """The extracted line a page element gave (by its opening), if any."""
    text = normalise_space(element.text_content())
    return index.get(text[:OPENING_CHARS]) if text else None


STAMP_LINE_UNKNOWN = 10_000  # a page element has no line number: only labelled stamps count, not bare dates


_VISIBLE_TEXT = lxml.etree.XPath(
    "//body//text()[not(ancestor::script or ancestor::style or ancestor::noscript or ancestor::template)]"
)


def visible_text(page: lxml.html.HtmlElement) -> str:
    """The text of the page's body outside scripts and styles."""
    return normalise_space(" ".join(str(t) for t in _VISIBLE_TEXT(page)))


def _attr(doc: lxml.etree._Element, name: str) -> str | None:
    value = doc.get(name)
    return normalise_space(value) if value and value.strip() else None


def _lines_of(element: lxml.etree._Element, captions: FigureCaptions) -> list[RawLine]:
    tag = element.tag
    if tag == "graphic":
        src = element.get("src") or ""
        caption = captions.by_image.get(src) or captions.by_image.get(src.rsplit("/", 1)[-1])
        if caption:
            return [RawLine(caption, "caption")]
        alt = normalise_space(element.get("alt") or element.get("title") or "")
        return [RawLine(alt, "image")] if alt else []
    if tag not in _BLOCK_TAGS or _has_block_parent(element):
        return []
    if tag == "quote" and element.find("p") is not None:
        return []  # its paragraphs are visited on their own
    text = normalise_space(" ".join(_own_text(element)))
    if not text:
        return []
    if tag == "p" and text in captions.texts:
        return [RawLine(text, "caption")]  # a figcaption that trafilatura kept as a paragraph
    return [RawLine(text, "heading" if tag == "head" else "text"), RawLine("", "break")]


def _has_block_parent(element: lxml.etree._Element) -> bool:
    parent = element.getparent()
    while parent is not None and parent.tag != "main":
        if parent.tag in _BLOCK_TAGS and parent.tag != "quote":
            return True
        parent = parent.getparent()
    return False


def _own_text(element: lxml.etree._Element) -> list[str]:
    """Text of an element, with line breaks (<lb/>) as spaces."""
    parts: list[str] = []
    for piece in element.itertext():
        parts.append(piece)
    return parts


@dataclass(frozen=True)
class FigureCaptions:
    by_image: dict[str, str]  # image source (and its file name) -> caption
    texts: frozenset[str]  # every figcaption of the page


def figure_captions(page: lxml.html.HtmlElement) -> FigureCaptions:
    """The page's ``<figure><figcaption>`` texts, keyed by the figure's image sources."""
    by_image: dict[str, str] = {}
    texts: set[str] = set()
    for figure in page.iter("figure"):
        caption_el = next(figure.iter("figcaption"), None)
        if caption_el is None:
            continue
        caption = normalise_space(caption_el.text_content())
        if not caption:
            continue
        texts.add(caption)
        for img in figure.iter("img", "source"):
            for attr in ("src", "data-src", "srcset"):
                value = (img.get(attr) or "").split(" ")[0].strip()
                if value:
                    by_image.setdefault(value, caption)
                    by_image.setdefault(value.rsplit("/", 1)[-1], caption)
    return FigureCaptions(by_image, frozenset(texts))
