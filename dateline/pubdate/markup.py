"""Publication dates in HTML markup: meta tags, JSON-LD, ``<time>``; htmldate as a fallback.

The tags looked at, best first, are data (``dateline/data/furniture/markup_dates.yaml``).
Only markup is searched, never the page's text: a date in the text is another link's job.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from typing import Any

import lxml.etree
import lxml.html

from ..datafiles import furniture as load
from .parsing import FoundDate, parse_metadata_value


@dataclass(frozen=True)
class MarkupDate:
    found: FoundDate
    evidence: str  # the markup it came from
    via: str  # meta, jsonld, time, htmldate


@cache
def _tags() -> dict[str, Any]:
    data: dict[str, Any] = load("markup_dates.yaml")
    return data


def markup_date(html: str) -> MarkupDate | None:
    """The publication date declared in the page's markup, if any."""
    try:
        page = lxml.html.document_fromstring(html.encode("utf-8"))
    except (lxml.etree.ParserError, ValueError):
        return None
    return _from_meta(page) or _from_jsonld(page) or _from_time(page) or _from_htmldate(html)


_CANONICAL = re.compile(
    r"""<link[^>]+rel=["']?canonical[^>]*>|<meta[^>]+property=["']og:url[^>]*>""", re.I
)
_HREF = re.compile(r"""(?:href|content)\s*=\s*["']([^"']+)""", re.I)


def canonical_urls(html: str) -> list[str]:
    """The page's canonical and og:url addresses (a cheap scan of the head)."""
    urls = []
    for tag in _CANONICAL.findall(html[:200_000]):
        href = _HREF.search(tag)
        if href is not None:
            urls.append(href.group(1))
    return urls


def _from_meta(page: lxml.html.HtmlElement) -> MarkupDate | None:
    contents: dict[str, tuple[str, str]] = {}
    for meta in page.iter("meta"):
        for attr in ("property", "name", "itemprop", "http-equiv"):
            key = meta.get(attr)
            content = meta.get("content")
            if key and content:
                contents.setdefault(key.strip().lower(), (attr, content.strip()))
    for name in _tags()["meta"]:
        if name.lower() in contents:
            attr, content = contents[name.lower()]
            found = parse_metadata_value(content)
            if found is not None:
                return MarkupDate(found, f'<meta {attr}="{name}" content="{content}">', "meta")
    return None


def _objects(value: Any) -> Iterator[dict[str, Any]]:
    if isinstance(value, dict):
        yield value
        for child in value.values():
            yield from _objects(child)
    elif isinstance(value, list):
        for child in value:
            yield from _objects(child)


def _from_jsonld(page: lxml.html.HtmlElement) -> MarkupDate | None:
    for script in page.iter("script"):
        if (script.get("type") or "").strip().lower() != "application/ld+json" or not script.text:
            continue
        try:
            data = json.loads(script.text)
        except ValueError:
            continue
        for key in _tags()["jsonld"]:
            for obj in _objects(data):
                value = obj.get(key)
                found = parse_metadata_value(value) if isinstance(value, str) else None
                if found is not None:
                    return MarkupDate(found, f'JSON-LD "{key}": "{value}"', "jsonld")
    return None


def _from_time(page: lxml.html.HtmlElement) -> MarkupDate | None:
    for rule in _tags()["time"]:
        attr, _, wanted = rule.partition("=")
        for element in page.iter("time"):
            value = element.get(attr)
            if value is None or (wanted and wanted not in value.split()):
                continue
            stamp = element.get("datetime") or element.text_content()
            found = parse_metadata_value(stamp.strip()) if stamp else None
            if found is not None:
                return MarkupDate(found, f'<time {rule} datetime="{stamp.strip()}">', "time")
    return None


def _from_htmldate(html: str) -> MarkupDate | None:
    try:
        from htmldate import find_date
    except ImportError:  # pragma: no cover - htmldate is a dependency
        return None
    try:
        value = find_date(html, extensive_search=False, original_date=True, outputformat="%Y-%m-%d")
    except (ValueError, TypeError):
        return None
    if not value:
        return None
    found = parse_metadata_value(value)
    return MarkupDate(found, f"htmldate (markup only): {value}", "htmldate") if found else None
