"""Store rows and view records -> the API's pydantic models."""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from datetime import date
from typing import Any

from ..export import country_name, date_record
from ..records import EventDate, Party
from ..views import EventView, SourceView
from .queries import Quote, party_id, quad_of
from .schemas import (
    DateOut,
    EventDetail,
    EventSummary,
    PartyOut,
    PlaceOut,
    QuantityOut,
    QuoteOut,
    SourceOut,
    Span,
)


def party_out(name: str | None, kind: str | None, country: str | None, aliases: Any = (),
              registry_id: str | None = None) -> PartyOut | None:
    if name is None:
        return None
    return PartyOut(
        id=party_id(registry_id, name) or "", name=name, kind=kind or None, country=country,
        country_name=country_name(country),
        aliases=[str(a) for a in aliases or ()],
    )


def date_out(d: EventDate) -> DateOut:
    rec = date_record(d)
    return DateOut(
        value=rec["value"], start=_day(rec["start"]), end=_day(rec["end"]), granularity=rec["granularity"],
        phrase=rec["phrase"], rule=rec["rule"] or "unknown", timex=rec["timex"],
    )


def _day(text: str | None) -> date | None:
    return date.fromisoformat(text) if text else None


def row_date(row: Mapping[str, Any]) -> EventDate:
    return EventDate(
        value=row["date_value"], first=row["date_first"], last=row["date_last"],
        granularity=row["date_granularity"], phrase=row["date_phrase"], rule=row["date_rule"],
    )


def summary_from_row(row: Mapping[str, Any], quote: Quote | None) -> EventSummary:
    loc = row["location_name"]
    return EventSummary(
        id=row["id"], type=row["type"], quad=quad_of(row["type"]), mode=row["mode"],
        actor=party_out(row["actor_name"], row["actor_kind"], row["actor_country"], row["actor_aliases"],
                        row.get("actor_id")),
        recipient=party_out(row["recipient_name"], row["recipient_kind"], row["recipient_country"],
                            row["recipient_aliases"], row.get("recipient_id")),
        location=PlaceOut(name=loc, country=row["location_country"],
                          country_name=country_name(row["location_country"])) if loc else None,
        date=date_out(row_date(row)), confidence=row["confidence"], n_sources=row["n_sources"],
        independent_sources=row["independent_sources"],
        quote=QuoteOut(report=quote.report, doc=quote.doc, sentence=quote.sentence) if quote else None,
    )


def _party(p: Party | None, registry_id: str | None) -> PartyOut | None:
    return None if p is None else party_out(p.name, p.kind, p.country, p.aliases, registry_id)


def _span(start: int | None, end: int | None) -> Span | None:
    return Span(start=start, end=end) if start is not None and end is not None else None


def source_out(s: SourceView) -> SourceOut:
    return SourceOut(
        report=s.report, doc=s.doc, url=s.url, title=s.title, outlet=s.outlet, published=s.published,
        sentence=s.sentence, sentence_span=Span(start=s.start, end=s.end), trigger=s.trigger,
        trigger_span=Span(start=s.trigger_start, end=s.trigger_end),
        time_span=_span(s.date.phrase_start, s.date.phrase_end), date=date_out(s.date), rule=s.rule,
        confidence=s.confidence, original=getattr(s, "original", None),
    )


# EventView fields shown as such; any other field a newer store adds goes to ``extra``.
_KNOWN = {"id", "type", "mode", "actor", "recipient", "location", "date", "quantities", "confidence",
          "n_sources", "sources"}


def _plain(value: Any) -> Any:
    """A JSON-friendly copy of a value of a view record (dataclasses, tuples, dates)."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: _plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, list | tuple | set | frozenset):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, date):
        return value.isoformat()
    if value is None or isinstance(value, str | int | float | bool):
        return value
    return str(value)


def detail_from_view(ev: EventView, registry_ids: tuple[str | None, str | None] = (None, None)) -> EventDetail:
    """The event in full; ``registry_ids`` are the canonical ids of its actor and recipient."""
    loc = ev.location
    extra = {f.name: _plain(getattr(ev, f.name)) for f in dataclasses.fields(ev) if f.name not in _KNOWN}
    first = ev.sources[0] if ev.sources else None
    return EventDetail(
        id=ev.id, type=ev.type, quad=quad_of(ev.type), mode=ev.mode, actor=_party(ev.actor, registry_ids[0]),
        recipient=_party(ev.recipient, registry_ids[1]),
        location=PlaceOut(name=loc.name, country=loc.country, country_name=country_name(loc.country)) if loc else None,
        date=date_out(ev.date), confidence=ev.confidence, n_sources=ev.n_sources,
        independent_sources=int(ev.independent_sources),
        quote=QuoteOut(report=first.report, doc=first.doc, sentence=first.sentence) if first else None,
        quantities=[QuantityOut(value=q.value, unit=q.unit, item=q.item, approx=q.approx, text=q.text)
                    for q in ev.quantities],
        sources=[source_out(s) for s in ev.sources], extra=extra,
    )
