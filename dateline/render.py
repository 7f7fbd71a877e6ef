"""Text rendering for people: timeline lines, tables, an event's evidence with highlights."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from .periods import calendar_date
from .records import EventDate, Party, Rejection
from .views import Disagreement, DocumentView, EventView, MergeRecord, SourceView

DATE_WIDTH = 10
UNKNOWN_DATE = "????-??-??"
TRIGGER = ("[[", "]]", "\x1b[1;33m")  # plain brackets, ANSI style (bold yellow)
TIME = ("{{", "}}", "\x1b[1;36m")  # bold cyan
RESET = "\x1b[0m"


def date_label(d: EventDate) -> str:
    """When, with its precision visible: ``2031-04-18``, ``2031-04``, ``2030``, a range of days
    ``~2025-06-16..17`` (or ``..07-02``, ``..2026-01-02``), ``????-??-??`` when unknown."""
    value, first, last = calendar_date(d.value, d.first, d.last)
    if value:
        return value
    if first is None or last is None:
        return UNKNOWN_DATE
    return f"~{first.isoformat()}..{_range_end(first, last)}"


def _range_end(first: date, last: date) -> str:
    if first.year != last.year:
        return last.isoformat()
    if first.month != last.month:
        return f"{last.month:02d}-{last.day:02d}"
    return f"{last.day:02d}"


def party_label(p: Party | None) -> str:
    return p.name if p else "?"


def category_label(ev: EventView) -> str:
    return f"{ev.type}/{ev.mode}" if ev.mode else ev.type


def sources_label(n: int, independent: int | None = None) -> str:
    """``[1 source]``, ``[3 sources, 2 independent]`` (syndicated copies count once)."""
    extra = f", {independent} independent" if independent is not None and n > 1 else ""
    return f"[{n} source{'s' if n != 1 else ''}{extra}]"


def sources_cell(ev: EventView) -> str:
    return str(ev.n_sources) if ev.n_sources == 1 else f"{ev.n_sources}, {ev.independent_sources} indep."


def timeline_lines(events: Sequence[EventView]) -> list[str]:
    """One line per event: date, category (+mode), ``actor -> recipient``, ``@ place``, sources."""
    dates = [date_label(e.date) for e in events]
    cats = [category_label(e) for e in events]
    dw = max([DATE_WIDTH, *map(len, dates)])
    cw = max([0, *map(len, cats)])
    lines = []
    for ev, when, cat in zip(events, dates, cats, strict=True):
        who = party_label(ev.actor) + (f" -> {ev.recipient.name}" if ev.recipient else "")
        where = f"  @ {ev.location.name}" if ev.location else ""
        lines.append(f"{when:<{dw}}  {cat:<{cw}}  {who}{where}  {sources_label(ev.n_sources, ev.independent_sources)}")
    return lines


def table(rows: Sequence[Sequence[object]], header: Sequence[str], *, max_width: int = 60) -> str:
    """A plain fixed-width table; long cells are cut with an ellipsis."""
    def cell(v: object) -> str:
        s = "" if v is None else str(v).replace("\n", " ")
        return s if len(s) <= max_width else s[: max_width - 1] + "…"

    cells = [[cell(v) for v in row] for row in rows]
    widths = [max([len(h), *(len(r[i]) for r in cells)]) for i, h in enumerate(header)]
    fmt = "  ".join(f"{{:<{w}}}" for w in widths)
    out = [fmt.format(*header), fmt.format(*("-" * w for w in widths))]
    out += [fmt.format(*r) for r in cells]
    return "\n".join(line.rstrip() for line in out)


def events_table(events: Sequence[EventView]) -> str:
    return table(
        [
            (e.id, date_label(e.date), category_label(e), party_label(e.actor),
             e.recipient.name if e.recipient else "", e.location.name if e.location else "", sources_cell(e))
            for e in events
        ],
        ("id", "date", "type", "actor", "recipient", "location", "sources"),
        max_width=40,
    )


def documents_table(docs: Sequence[DocumentView]) -> str:
    return table(
        [
            (d.id, d.published.value.isoformat() if d.published.value else "unknown", d.published.source,
             d.published.evidence, d.n_reports, d.title or d.origin)
            for d in docs
        ],
        ("id", "published", "found by", "evidence", "events", "title"),
        max_width=50,
    )


def rejections_table(rejections: Sequence[Rejection]) -> str:
    def message(r: Rejection) -> str:  # the input has a column of its own
        return r.message.removeprefix(f"{r.origin}: ") if r.message != r.origin else r.message

    return table(
        [(r.reason, r.origin, message(r)) for r in rejections], ("reason", "input", "message"), max_width=80
    )


def highlight(text: str, offset: int, spans: Sequence[tuple[int, int, tuple[str, str, str]]], *,
              color: bool) -> str:
    """``text`` (starting at document offset ``offset``) with document spans marked.

    Spans outside the text or overlapping an earlier span are left unmarked."""
    out: list[str] = []
    pos = 0
    for start, end, (opening, closing, ansi) in sorted(spans):
        a, b = start - offset, end - offset
        if a < pos or b > len(text) or a >= b:
            continue
        out.append(text[pos:a])
        marked = text[a:b]
        out.append(f"{ansi}{marked}{RESET}" if color else f"{opening}{marked}{closing}")
        pos = b
    out.append(text[pos:])
    return "".join(out)


def evidence_line(s: SourceView, *, color: bool) -> str:
    spans = [(s.trigger_start, s.trigger_end, TRIGGER)]
    if s.date.phrase_start is not None and s.date.phrase_end is not None:
        spans.append((s.date.phrase_start, s.date.phrase_end, TIME))
    return highlight(s.sentence, s.start, spans, color=color)


def _party_detail(p: Party | None) -> str:
    if p is None:
        return "-"
    extra = [x for x in (p.kind, p.country) if x]
    aliases = f"; also {', '.join(p.aliases)}" if p.aliases else ""
    return f"{p.name}" + (f" ({', '.join(extra)}{aliases})" if extra or aliases else "")


def event_detail(ev: EventView, *, color: bool) -> str:
    """Everything about one event: fields, how its date was derived, every evidence sentence."""
    d = ev.date
    span = f"{d.first.isoformat()} .. {d.last.isoformat()}" if d.first and d.last else "unknown"
    derivation = f'from "{d.phrase}" by rule {d.rule}' if d.phrase else f"by rule {d.rule}"
    lines = [
        f"event       {ev.id}",
        f"type        {category_label(ev)}",
        f"actor       {_party_detail(ev.actor)}",
        f"recipient   {_party_detail(ev.recipient)}",
        f"location    {ev.location.name + (f' ({ev.location.country})' if ev.location.country else '')}"
        if ev.location else "location    -",
        f"date        {date_label(d).strip()}  ({d.granularity or 'no'} precision; {span})",
        f"            {derivation}",
    ]
    if ev.quantities:
        amounts = (q.text or f"{q.value:g} {q.item or ''}".strip() for q in ev.quantities)
        lines.append("quantities  " + "; ".join(amounts))
    lines.append(f"confidence  {ev.confidence:.2f}")
    lines.append(f"sources     {ev.n_sources} report(s) in {ev.documents} document(s), "
                 f"{ev.independent_sources} independent")
    lines += [disagreement_line(d, first=i == 0) for i, d in enumerate(ev.disagreements)]
    for i, s in enumerate(ev.sources, 1):
        published = s.published.isoformat() if s.published else "date unknown"
        lines.append("")
        outlet = f", {s.outlet}" if s.outlet else ""
        copy = f"  (syndicated copy of {s.original})" if s.original else ""
        lines.append(f"[{i}] {s.doc}  ({published}{outlet})  {s.url or ''}".rstrip() + copy)
        lines.append(f"    {evidence_line(s, color=color)}")
        if s.date.phrase and s.date.phrase != d.phrase:
            lines.append(f'    dated from "{s.date.phrase}" by rule {s.date.rule}')
        lines.append(f"    rule {s.rule or '-'}, confidence {s.confidence:.2f}, chars {s.start}-{s.end}")
    return "\n".join(lines)


def disagreement_line(d: Disagreement, *, first: bool) -> str:
    """``date: 2026-03-03 (s09, s10) | 2026-03-04 (s03); kept 2026-03-03/2026-03-04``."""
    values = " | ".join(f"{v.value} ({', '.join(v.docs)})" for v in d.values)
    kept = f"; kept {d.kept}" if d.kept else ""
    return f"{'disputed' if first else '':<12}{d.field}: {values}{kept}"


def merge_log_table(records: Sequence[MergeRecord]) -> str:
    return table(
        [
            (m.at.isoformat(timespec="seconds"), m.action, m.by, m.event, " ".join(m.others), len(m.reports),
             "" if m.score is None else f"{m.score:.2f}", m.note)
            for m in records
        ],
        ("at", "action", "by", "event", "others", "reports", "score", "note"),
        max_width=60,
    )


def history_lines(records: Sequence[MergeRecord]) -> list[str]:
    """An event's merges and splits: ``merged   2026-03-12 by rule (0.83): 3 report(s) of 2 event(s)``."""
    lines = []
    for i, m in enumerate(records):
        what = "merged" if m.action == "merge" else "split"
        how = f"by rule ({m.score:.2f})" if m.by == "rule" and m.score is not None else f"by {m.by}"
        moved = f"{len(m.reports)} report(s) {'of' if m.action == 'merge' else 'into'} {len(m.others)} event(s)"
        note = f": {m.note}" if m.note and m.by == "user" else ""
        lines.append(f"{'history' if i == 0 else '':<12}{what} {m.at.date().isoformat()} {how}, {moved}{note}")
    return lines
