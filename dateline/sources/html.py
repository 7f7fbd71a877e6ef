"""HTML pages to raw lines and page metadata, through trafilatura.

trafilatura (``include_comments=False``) finds the article and drops navigation, comment
sections, cookie banners and footers; its XML output keeps paragraphs, headings, lists,
quotes and image positions.  Figure captions, which trafilatura leaves out, are taken from the
page's own ``<figure><figcaption>`` and put back where trafilatura keeps the image.
The extracted lines then go through the same furniture cleaning as scraped text.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

import lxml.etree
import lxml.html
import trafilatura

from dateline.errors import Reason, RejectedDocument

from .markdown import RawLine, normalise_space

MIN_ARTICLE_WORDS = 5  # at least one paragraph this long, or the page holds no article
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
    return HtmlArticle(
        lines=tuple(lines),
        title=_attr(doc, "title"),
        url=_attr(doc, "url"),
        outlet=_attr(doc, "sitename"),
    )


_VISIBLE_TEXT = lxml.etree.XPath(
    "//body//text()[not(ancestor::script or ancestor::style or ancestor::noscript or ancestor::template)]"
)


def visible_text(page: lxml.html.HtmlElement) -> str:
    """The text of the page's body outside scripts and styles."""
    return normalise_space(" ".join(str(t) for t in _VISIBLE_TEXT(page)))


def _attr(doc: lxml.etree._Element, name: str) -> str | None:
    value = doc.get(name)
    return normalise_space(value) if value and value.strip() else None


def _lines_of(element: lxml.etree._Element, captions: dict[str, str]) -> list[RawLine]:
    tag = element.tag
    if tag == "graphic":
        src = element.get("src") or ""
        caption = captions.get(src) or captions.get(src.rsplit("/", 1)[-1])
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


def figure_captions(page: lxml.html.HtmlElement) -> dict[str, str]:
    """Image source (and file name) -> the figcaption of its figure."""
    captions: dict[str, str] = {}
    for figure in page.iter("figure"):
        caption_el = next(figure.iter("figcaption"), None)
        if caption_el is None:
            continue
        caption = normalise_space(caption_el.text_content())
        if not caption:
            continue
        for img in figure.iter("img", "source"):
            for attr in ("src", "data-src", "srcset"):
                value = (img.get(attr) or "").split(" ")[0].strip()
                if value:
                    captions.setdefault(value, caption)
                    captions.setdefault(value.rsplit("/", 1)[-1], caption)
    return captions
