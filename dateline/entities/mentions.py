"""Collect name mentions from spaCy's entities, repairing known NER slips.

Repairs (each general, none tied to a corpus):
- a name cut at a hyphen ("Park Min-" + "jun"): the span is extended over the hyphen and
  the following word piece;
- a name whose hyphenated tail is missing from the entity ("Han Seo" + "-yeon");
- a person's name cut before the word its last word is a compound of ("Shafiqul Haque" +
  "Majumder");
- leading determiners and trailing possessives are trimmed ("the Kremlin" -> "Kremlin");
- a hyphenated tail is cut from a name ("Iran-backed" -> "Iran").
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span

NAME_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC"})
# What joins two names into a pair ("US-UK strikes", "Thai–Cambodian drills", "US/UK"): read by the
# entity stage (one NER mention over both) and by the event parties (two tokens).
NAME_HYPHENS = frozenset({"-", "\u2013", "/"})
COMPOUND_TAILS = frozenset({"led", "backed", "based", "run", "born", "owned", "funded", "made", "held", "controlled"})


@dataclass(frozen=True)
class RawMention:
    """A name mention in one parsed block: token range [start, end) and its label."""

    start: int
    end: int
    label: str
    text: str


def _extend_hyphenated(doc: Doc, start: int, end: int) -> int:
    """Extend a name over ``-piece`` continuations that NER left out."""
    while end < len(doc):
        last = doc[end - 1]
        nxt = doc[end]
        if last.text == "-" and nxt.is_alpha:
            end += 1
            continue
        if (
            nxt.text == "-"
            and not last.whitespace_
            and not nxt.whitespace_
            and end + 1 < len(doc)
            and doc[end + 1].is_alpha
            and doc[end + 1].ent_type_ in ("", doc[start].ent_type_)
        ):
            end += 2
            continue
        break
    return end


def _extend_to_head(doc: Doc, end: int) -> int:
    """Extend a person's name over the capitalised word its last word is a compound of, which NER
    left out ("Shafiqul Haque" of "Shafiqul Haque Majumder")."""
    while (
        end < len(doc)
        and doc[end].pos_ == "PROPN"
        and not doc[end].ent_type_
        and doc[end].text[:1].isupper()
        and doc[end - 1].dep_ == "compound"
        and doc[end - 1].head.i == end
    ):
        end += 1
    return end


def collect(doc: Doc) -> list[RawMention]:
    """Name mentions of one parsed block, repaired and trimmed, in text order."""
    out: list[RawMention] = []
    for ent in doc.ents:
        if ent.label_ not in NAME_LABELS:
            continue
        start, end = ent.start, ent.end
        if ent.label_ == "PERSON":
            end = _extend_to_head(doc, _extend_hyphenated(doc, start, end))
        while start < end and doc[start].lower_ in ("the", "a", "an"):
            start += 1
        while end > start and (doc[end - 1].tag_ == "POS" or doc[end - 1].is_punct):
            end -= 1
        # "Okafor-led", "Iran-backed": the name is before the hyphen
        if end - start >= 3 and doc[end - 2].text == "-" and doc[end - 1].lower_ in COMPOUND_TAILS:
            end -= 2
        if start >= end:
            continue
        span: Span = doc[start:end]
        out.append(RawMention(start, end, ent.label_, span.text))
    return out
