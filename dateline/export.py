"""The export contract: one event as a JSON object, and writers for JSON Lines, JSON and CSV.

JSON Lines (one event a line) is what other tools and the project's scorer read::

    {"id", "type", "mode", "actor": {name, aliases, kind, country, country_name} | null, "recipient": ...,
     "actor_id", "recipient_id" (canonical actors of the actor registry, or null),
     "location": {name, country, country_name} | null,
     "date": {value, start, end, granularity, phrase, rule, timex},
     "quantities": [{value, unit, item, approx}], "confidence", "n_sources", "independent_sources",
     "sources": [{doc, url, published, sentence, start, end, trigger, report, original}],
     "disagreements": [{field, kept, values: [{value, reports, docs}]}]}

``date.value`` is ``YYYY``, ``YYYY-MM``, ``YYYY-MM-DD`` or null; ``start``/``end`` are the ISO days of
the interval (set even when the interval is no calendar unit, e.g. a span of two days);
``timex`` keeps the pipeline's own value (which may be ``2025-W11`` or ``PAST_REF``).
``n_sources`` counts the reports (``sources`` lists every one); ``independent_sources`` the
distinct documents, a syndicated copy counting as its ``original``; ``disagreements`` lists the
fields the sources give different values for (two days, two casualty counts, two places).
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable
from datetime import date
from pathlib import Path
from typing import IO, Any, TextIO, TypeGuard, cast

from .errors import InvalidQuery
from .periods import PERIOD, calendar_date
from .records import EventDate, Party, Place
from .views import Disagreement, EventView, SourceView

FORMATS = ("jsonl", "csv")  # export formats; list commands also print "json" and "table"


def _iso(d: date | None) -> str | None:
    return d.isoformat() if d else None


def country_name(alpha3: str | None) -> str | None:
    """The display name of an ISO alpha-3 country code ("KGZ" -> "Kyrgyzstan")."""
    if not alpha3:
        return None
    from .entities.gazetteer import Gazetteer

    try:
        return Gazetteer.default().state(alpha3).name
    except KeyError:
        return None


def party_record(p: Party | None) -> dict[str, Any] | None:
    if p is None:
        return None
    return {
        "name": p.name,
        "aliases": list(p.aliases),
        "kind": p.kind,
        "country": p.country,
        "country_name": country_name(p.country),
    }


def place_record(p: Place | None) -> dict[str, Any] | None:
    return None if p is None else {"name": p.name, "country": p.country, "country_name": country_name(p.country)}


def date_record(d: EventDate) -> dict[str, Any]:
    value, first, last = calendar_date(d.value, d.first, d.last)
    return {
        "value": value,
        "start": _iso(first),
        "end": _iso(last),
        "granularity": d.granularity,
        "phrase": d.phrase,
        "rule": d.rule,
        "timex": d.value,
    }


def source_record(s: SourceView) -> dict[str, Any]:
    return {
        "doc": s.doc,
        "url": s.url,
        "published": _iso(s.published),
        "sentence": s.sentence,
        "start": s.start,
        "end": s.end,
        "trigger": s.trigger,
        "report": s.report,
        "original": s.original,
    }


def disagreement_record(d: Disagreement) -> dict[str, Any]:
    return {"field": d.field, "kept": d.kept,
            "values": [{"value": v.value, "reports": list(v.reports), "docs": list(v.docs)} for v in d.values]}


def event_record(ev: EventView) -> dict[str, Any]:
    """One event in the export contract."""
    return {
        "id": ev.id,
        "type": ev.type,
        "mode": ev.mode,
        "actor": party_record(ev.actor),
        "recipient": party_record(ev.recipient),
        "actor_id": ev.actor.actor_id if ev.actor else None,
        "recipient_id": ev.recipient.actor_id if ev.recipient else None,
        "location": place_record(ev.location),
        "date": date_record(ev.date),
        "quantities": [{"value": q.value, "unit": q.unit, "item": q.item, "approx": q.approx} for q in ev.quantities],
        "confidence": ev.confidence,
        "n_sources": ev.n_sources,
        "independent_sources": ev.independent_sources,
        "sources": [source_record(s) for s in ev.sources],
        "disagreements": [disagreement_record(d) for d in ev.disagreements],
    }


CSV_COLUMNS = (
    "id",
    "type",
    "mode",
    "actor_name",
    "actor_aliases",
    "actor_kind",
    "actor_country",
    "recipient_name",
    "recipient_aliases",
    "recipient_kind",
    "recipient_country",
    "actor_id",
    "recipient_id",
    "location_name",
    "location_country",
    "date_value",
    "date_start",
    "date_end",
    "date_granularity",
    "date_phrase",
    "date_rule",
    "quantities",
    "confidence",
    "n_sources",
    "independent_sources",
    "disagreements",
    "source_doc",
    "source_url",
    "source_published",
    "sentence",
)


def csv_row(ev: EventView) -> dict[str, Any]:
    """The contract flattened: parties and dates as columns, the first source's sentence."""
    rec = event_record(ev)
    row: dict[str, Any] = {"id": rec["id"], "type": rec["type"], "mode": rec["mode"]}
    for role in ("actor", "recipient"):
        party = rec[role] or {}
        row[f"{role}_name"] = party.get("name")
        row[f"{role}_aliases"] = "; ".join(party.get("aliases") or ())
        row[f"{role}_kind"] = party.get("kind")
        row[f"{role}_country"] = party.get("country")
    row["actor_id"], row["recipient_id"] = rec["actor_id"], rec["recipient_id"]
    loc = rec["location"] or {}
    row["location_name"], row["location_country"] = loc.get("name"), loc.get("country")
    for key in ("value", "start", "end", "granularity", "phrase", "rule"):
        row[f"date_{key}"] = rec["date"][key]
    row["quantities"] = "; ".join(
        " ".join(str(x) for x in (("~" if q.approx else "") + f"{q.value:g}", q.unit, q.item) if x)
        for q in ev.quantities
    )
    row["confidence"] = rec["confidence"]
    row["n_sources"] = rec["n_sources"]
    row["independent_sources"] = rec["independent_sources"]
    row["disagreements"] = "; ".join(
        f"{d.field}: " + " | ".join(v.value for v in d.values) for d in ev.disagreements
    )
    first = rec["sources"][0] if rec["sources"] else {}
    row["source_doc"], row["source_url"] = first.get("doc"), first.get("url")
    row["source_published"], row["sentence"] = first.get("published"), first.get("sentence")
    return row


def write_events(fmt: str, events: Iterable[EventView], out: TextIO) -> int:
    """Write events as ``jsonl``, ``json`` (one array) or ``csv``; returns how many."""
    n = 0
    if fmt == "jsonl":
        for ev in events:
            out.write(json.dumps(event_record(ev), ensure_ascii=False) + "\n")
            n += 1
    elif fmt == "json":
        out.write("[")
        for ev in events:
            out.write(("," if n else "") + "\n" + json.dumps(event_record(ev), ensure_ascii=False))
            n += 1
        out.write("\n]\n" if n else "]\n")
    elif fmt == "csv":
        writer = csv.DictWriter(out, fieldnames=CSV_COLUMNS, lineterminator="\n")
        writer.writeheader()
        for ev in events:
            writer.writerow(csv_row(ev))
            n += 1
    else:
        raise InvalidQuery(f"unknown format {fmt!r} (use jsonl, json or csv)")
    return n


def _is_text(out: TextIO | IO[bytes]) -> TypeGuard[TextIO]:
    return isinstance(out, io.TextIOBase) or hasattr(out, "encoding")


def export_events(fmt: str, events: Iterable[EventView], out: TextIO | IO[bytes] | Path) -> int:
    """Write to a text stream, a binary stream (UTF-8) or a file path."""
    if fmt not in (*FORMATS, "json"):
        raise InvalidQuery(f"unknown export format {fmt!r} (use {' or '.join(FORMATS)})")
    if isinstance(out, Path):
        with out.open("w", encoding="utf-8", newline="") as fh:
            return write_events(fmt, events, fh)
    if _is_text(out):
        return write_events(fmt, events, out)
    text = io.TextIOWrapper(cast(IO[bytes], out), encoding="utf-8", newline="")
    try:
        return write_events(fmt, events, text)
    finally:
        text.flush()
        text.detach()


# --------------------------------------------------------------------------- contract check


def _has(obj: Any, typed: dict[str, type | tuple[type, ...]], present: tuple[str, ...] = ()) -> bool:
    """``obj`` is a dict whose ``typed`` keys have those types and whose ``present`` keys exist."""
    return (
        isinstance(obj, dict)
        and all(isinstance(obj.get(k), t) for k, t in typed.items())
        and all(k in obj for k in present)
    )


def _is_day(v: Any) -> bool:
    return isinstance(v, str) and len(v) == 10 and PERIOD.match(v) is not None


def contract_problems(rec: Any) -> list[str]:
    """What is wrong with one exported JSON object (empty when it meets the contract)."""
    if not isinstance(rec, dict):
        return ["not a JSON object"]
    problems: list[str] = []
    top: dict[str, type | tuple[type, ...]] = {
        "id": str,
        "type": str,
        "confidence": (int, float),
        "quantities": list,
        "sources": list,
        "n_sources": int,
        "independent_sources": int,
    }
    problems += [f"{k}: missing or not {t}" for k, t in top.items() if not isinstance(rec.get(k), t)]
    if "mode" not in rec:
        problems.append("mode: missing")
    for role in ("actor", "recipient"):
        p = rec.get(role, "missing")
        if p is not None and not _has(p, {"name": str, "aliases": list, "kind": str}, ("country",)):
            problems.append(f"{role}: neither null nor {{name, aliases, kind, country}}")
    loc = rec.get("location", "missing")
    if loc is not None and not _has(loc, {"name": str}, ("country",)):
        problems.append("location: neither null nor {name, country}")
    d = rec.get("date")
    if not isinstance(d, dict) or not _has(d, {}, ("value", "start", "end", "granularity", "phrase", "rule")):
        problems.append("date: missing keys")
    else:
        value = d["value"]
        if value is not None and not (isinstance(value, str) and PERIOD.match(value)):
            problems.append(f"date.value: {value!r} is not YYYY, YYYY-MM or YYYY-MM-DD")
        problems += [
            f"date.{k}: {d[k]!r} is not an ISO day" for k in ("start", "end") if d[k] is not None and not _is_day(d[k])
        ]
    for q in rec.get("quantities") or ():
        if not _has(q, {"value": (int, float)}, ("unit", "item", "approx")):
            problems.append(f"quantity {q!r}: not {{value, unit, item, approx}}")
    for s in rec.get("sources") or ():
        if not _has(s, {"doc": str, "sentence": str, "start": int, "end": int}, ("url", "published")):
            problems.append(f"source {s!r}: not {{doc, url, published, sentence, start, end}}")
    return problems
