"""Hand-built documents and a fake pipeline for the store, API, CLI and export tests.

The fake pipeline understands a tiny grammar, one event per sentence::

    <Actor> <verb> <Recipient>[ in <Place>]
        [ on YYYY-MM-DD | in YYYY-MM | in YYYY | between YYYY-MM-DD and DD][ with N items].

so tests can write readable articles and know exactly what must come out.  Every name here
is invented.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Iterator
from datetime import date

from dateline.errors import Reason
from dateline.periods import parse_period
from dateline.records import (
    Analysis,
    Block,
    BlockKind,
    Document,
    Entity,
    EntityKind,
    Event,
    EventDate,
    Evidence,
    Mention,
    Party,
    Place,
    PublicationDate,
    Quantity,
    Rejection,
    Sentence,
    TimeExpression,
)

VERBS = {"met": ("CONSULT", None), "visited": ("CONSULT", "visit"), "accused": ("ACCUSE", None),
         "shelled": ("ASSAULT", "heavy-weapons"), "sanctioned": ("SANCTION", None)}

_SENTENCE = re.compile(r"[^.]+\.")
_GRAMMAR = re.compile(
    r"(?P<actor>[A-Z][\w-]*(?: [A-Z][\w-]*)*) (?P<verb>" + "|".join(VERBS) + r") "
    r"(?P<recipient>[A-Z][\w-]*(?: [A-Z][\w-]*)*)"
    r"(?: in (?P<place>[A-Z][a-z]+))?"
    r"(?: (?P<time>on \d{4}-\d{2}-\d{2}|in \d{4}(?:-\d{2})?|between \d{4}-\d{2}-\d{2} and \d{2}))?"
    r"(?: with (?P<qty>\d+) (?P<item>[a-z]+))?\."
)


def content_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def make_document(doc_id: str, text: str, published: date | None = date(2024, 5, 10),
                  *, origin: str | None = None, url: str | None = None) -> Document:
    return Document(
        id=doc_id,
        text=text,
        blocks=(Block(BlockKind.BODY, 0, len(text)),),
        published=PublicationDate(published, "metadata" if published else "none",
                                  f"published {published}" if published else "", 0.9 if published else 0.0),
        content_hash=content_hash(text),
        origin=origin or f"corpus/{doc_id}.txt",
        title=f"Title of {doc_id}",
        url=url or f"https://news.example/{doc_id}",
        outlet="Example News",
    )


def _time(phrase: str, start: int) -> tuple[EventDate, TimeExpression]:
    words = phrase.split()
    if words[0] == "between":
        first = date.fromisoformat(words[1])
        last = first.replace(day=int(words[3]))
        value, gran = f"{words[1]}/{words[3]}", "range"
    else:
        first, last = parse_period(words[1])
        value = words[1]
        gran = {4: "year", 7: "month", 10: "day"}[len(value)]
    end = start + len(phrase)
    return (
        EventDate(value, first, last, gran, phrase, "trigger-phrase", start, end),
        TimeExpression(start, end, phrase, "DATE", value, "test-rule", "dct", None, first, last, gran),
    )


def analyse(doc: Document) -> Analysis:
    """What the tiny grammar yields for ``doc``."""
    sentences: list[Sentence] = []
    times: list[TimeExpression] = []
    events: list[Event] = []
    entities: dict[str, Entity] = {}
    mentions: list[Mention] = []

    def party(name: str, start: int) -> Party:
        if name not in entities:
            kind = EntityKind.PERSON if " " in name else EntityKind.STATE
            short = name.split()[-1]
            entities[name] = Entity(len(entities), name, kind, (short,) if short != name else ())
        ent = entities[name]
        mentions.append(Mention(start, start + len(name), name, "PERSON", ent.id))
        return Party(name, str(ent.kind), ent.aliases, None, ent.id)

    for i, m in enumerate(_SENTENCE.finditer(doc.text)):
        s_start = m.start() + len(m[0]) - len(m[0].lstrip())
        sentences.append(Sentence(i, s_start, m.end(), BlockKind.BODY, "past"))
        g = _GRAMMAR.search(doc.text, s_start, m.end())
        if not g:
            continue
        kind, mode = VERBS[g["verb"]]
        if g["time"]:
            edate, timex = _time(g["time"], g.start("time"))
            times.append(timex)
        else:
            edate = EventDate.unknown()
        qty: tuple[Quantity, ...] = ()
        if g["qty"]:
            qty = (Quantity(float(g["qty"]), None, g["item"], False, f"{g['qty']} {g['item']}"),)
        events.append(Event(
            type=kind, mode=mode,
            actor=party(g["actor"], g.start("actor")),
            recipient=party(g["recipient"], g.start("recipient")),
            location=Place(g["place"], None) if g["place"] else None,
            date=edate, quantities=qty,
            evidence=Evidence(i, s_start, m.end(), g.start("verb"), g.end("verb"), g["verb"]),
            confidence=0.8, rule=f"test:{g['verb']}",
        ))
    return Analysis(
        doc, tuple(sentences), tuple(times), tuple(mentions), tuple(entities.values()), tuple(events)
    )


class FakePipeline:
    """Analyses with the tiny grammar; a document whose text contains ``CRASH`` fails."""

    def __init__(self) -> None:
        self.seen: list[str] = []

    def analyse_many(self, documents: Iterable[Document]) -> Iterator[Analysis | Rejection]:
        for doc in documents:
            self.seen.append(doc.id)
            if "CRASH" in doc.text:
                yield Rejection(doc.origin, Reason.PIPELINE, f"{doc.origin}: analysis failed: boom",
                                doc.id, doc.content_hash)
            else:
                yield analyse(doc)


ARTICLE_A = (
    "Alma Reyes met Tomas Varga in Eastport on 2024-05-03. "
    "Later that week the talks went on. "
    "Norland accused Sudmark in 2024-04. "
    "Sudmark shelled Eastport Harbour in Eastport between 2024-05-06 and 07 with 12 shells."
)
ARTICLE_B = "Tomas Varga visited Norland in Capitol in 2023. Norland sanctioned Westria."
ARTICLE_C = "Ilse Brandt met Alma Reyes on 2024-06-01."
