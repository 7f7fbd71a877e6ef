"""The command line: ``dateline [--db PATH_OR_URL] COMMAND``.

Thin by design: each command parses its options, calls one :class:`~dateline.api.Dateline`
method and prints.  List commands share one ``--format`` option.
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

import click

from .api import Dateline
from .errors import DatelineError, InvalidQuery
from .export import CSV_COLUMNS, FORMATS, csv_row, event_record
from .periods import parse_period
from .records import Rejection
from .render import (
    documents_table,
    event_detail,
    events_table,
    history_lines,
    merge_log_table,
    rejections_table,
    table,
    timeline_lines,
)
from .settings import Settings
from .store.actor_admin import ActorSummary, ActorView
from .store.actors import KINDS
from .views import DocumentView, EventView, MergeRecord

F = TypeVar("F", bound=Callable[..., Any])
LIST_FORMATS = ("table", "json", "jsonl", "csv")


class DateType(click.ParamType):
    """YYYY, YYYY-MM or YYYY-MM-DD, checked when parsed."""

    name = "DATE"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> str:
        try:
            parse_period(str(value))
        except InvalidQuery as exc:
            self.fail(str(exc), param, ctx)
        return str(value)


DATE = DateType()


class DatelineGroup(click.Group):
    """Turns library errors into one-line messages (no tracebacks) with exit code 1."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except DatelineError as exc:
            raise click.ClickException(str(exc)) from exc


def format_option(f: F) -> F:
    """The one ``--format`` option of every list command."""
    return click.option(
        "--format", "fmt", type=click.Choice(LIST_FORMATS), default="table", show_default=True,
        help="table for people; json, jsonl or csv for programs.",
    )(f)


@dataclass(frozen=True)
class Listing:
    """Records to print in any list format: nested for JSON, flat rows for CSV, text for people."""

    records: list[dict[str, Any]]
    text: str
    empty: str  # said on stderr when a table would have no rows
    rows: list[dict[str, Any]] | None = None
    columns: Sequence[str] = field(default_factory=tuple)


def emit(fmt: str, listing: Listing) -> None:
    if fmt == "table":
        if listing.records:
            click.echo(listing.text)
        else:
            click.echo(listing.empty, err=True)
    elif fmt == "json":
        click.echo(json.dumps(listing.records, ensure_ascii=False, indent=2))
    elif fmt == "jsonl":
        for rec in listing.records:
            click.echo(json.dumps(rec, ensure_ascii=False))
    else:
        import csv

        rows = listing.rows if listing.rows is not None else listing.records
        columns = list(listing.columns) or (list(rows[0]) if rows else [])
        writer = csv.DictWriter(sys.stdout, fieldnames=columns, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def event_listing(events: list[EventView], text: str) -> Listing:
    records = [event_record(e) for e in events]
    return Listing(records, text, "no events", [csv_row(e) for e in events], CSV_COLUMNS)


def document_record(d: DocumentView) -> dict[str, Any]:
    pub = d.published
    return {
        "id": d.id, "title": d.title, "url": d.url, "outlet": d.outlet, "origin": d.origin,
        "published": pub.value.isoformat() if pub.value else None, "published_source": pub.source,
        "published_evidence": pub.evidence, "published_confidence": pub.confidence,
        "language": d.language, "chars": d.chars, "events": d.n_reports, "content_hash": d.content_hash,
        "ingested_at": d.ingested_at.isoformat(),
    }


def rejection_record(r: Rejection) -> dict[str, Any]:
    return {"origin": r.origin, "reason": str(r.reason), "message": r.message, "doc_id": r.doc_id,
            "content_hash": r.content_hash}


def api(ctx: click.Context) -> Dateline:
    dl = ctx.find_object(Dateline)
    assert dl is not None, "the group callback sets the API object"
    return dl


def use_color(choice: bool | None) -> bool:
    if choice is not None:
        return choice
    return sys.stdout.isatty() and "NO_COLOR" not in os.environ


# --------------------------------------------------------------------------- commands


@click.group(cls=DatelineGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--db", metavar="PATH_OR_URL",
              help="SQLite file or SQLAlchemy URL  [env DATELINE_DB; default dateline.db]")
@click.version_option(package_name="dateline", prog_name="dateline")
@click.pass_context
def cli(ctx: click.Context, db: str | None) -> None:
    """News articles in, a dated and sourced record of PLOVER events out."""
    settings = Settings.from_env(db=db)  # --db, else DATELINE_DB, else the default
    # an embedding program (or a test) may pass obj=factory(db, settings) -> Dateline
    factory = ctx.obj if callable(ctx.obj) else Dateline
    dl = factory(settings.db, settings)
    ctx.obj = dl
    ctx.call_on_close(dl.close)


@cli.command()
@click.argument("paths", nargs=-1, required=True, metavar="PATH...")
@click.option("--progress/--no-progress", default=None,
              help="Show a progress bar on stderr  [default: when stderr is a terminal]")
@click.option("--workers", type=click.IntRange(min=1), default=1, show_default=True,
              help="Analyse in this many worker processes (each loads the NLP model once).")
@click.option("--dask", metavar="local|tcp://HOST:PORT",
              help="Analyse on a Dask cluster: a local one, or the scheduler at this address.")
@click.pass_context
def ingest(ctx: click.Context, paths: tuple[str, ...], progress: bool | None, workers: int,
           dask: str | None) -> None:  # fmt: skip
    """Read files, folders (recursively) and - (stdin); analyse and store what is new.

    Each rejected input is named on stderr.  Exits with 1 only when nothing could be ingested."""
    stdin = sys.stdin.buffer if "-" in paths else None
    report = api(ctx).ingest(
        list(paths), stdin=stdin, progress=progress, on_message=lambda m: click.echo(m, err=True),
        workers=workers, dask=dask,
    )
    click.echo(report.summary())
    if report.seen == 0:
        raise click.ClickException("no documents found")
    if not report.ok:
        raise click.ClickException("nothing could be ingested: every input was rejected")


def filter_options(f: F) -> F:
    for opt in reversed([
        click.option("--actor", metavar="NAME", help="Actor name or alias (whole words, any case)."),
        click.option("--since", type=DATE, help="Events ending on or after this date."),
        click.option("--until", type=DATE, help="Events starting on or before this date."),
    ]):
        f = opt(f)
    return f


@cli.command()
@filter_options
@format_option
@click.pass_context
def timeline(ctx: click.Context, actor: str | None, since: str | None, until: str | None, fmt: str) -> None:
    """Events in the order they happened (unknown dates last), one a line."""
    events = api(ctx).timeline(actor=actor, since=since, until=until)
    emit(fmt, event_listing(events, "\n".join(timeline_lines(events))))


@cli.group("events", invoke_without_command=True)
@filter_options
@click.option("--recipient", metavar="NAME", help="Recipient name or alias.")
@click.option("--party", metavar="NAME", help="Actor or recipient name or alias.")
@click.option("--type", "type_", metavar="CATEGORY", help="PLOVER category, e.g. CONSULT.")
@click.option("--doc", metavar="DOC_ID", help="Only events reported by this document.")
@click.option("--limit", type=click.IntRange(min=0), help="At most this many events.")
@format_option
@click.pass_context
def events_cmd(ctx: click.Context, actor: str | None, since: str | None, until: str | None,
               recipient: str | None, party: str | None, type_: str | None, doc: str | None,
               limit: int | None, fmt: str) -> None:
    """List events with their ids, chronologically (or merge, split, resolve: see below)."""
    if ctx.invoked_subcommand is not None:
        return
    events = api(ctx).events(actor=actor, recipient=recipient, party=party, type=type_, since=since,
                             until=until, doc=doc, limit=limit)
    emit(fmt, event_listing(events, events_table(events)))


NOTE = click.option("--note", default="", metavar="TEXT", help="Why, kept in the merge log.")


@events_cmd.command("merge")
@click.argument("event_ids", nargs=-1, required=True, metavar="EVENT_ID EVENT_ID...")
@NOTE
@click.pass_context
def events_merge(ctx: click.Context, event_ids: tuple[str, ...], note: str) -> None:
    """Merge events into the first one (a user decision: logged, never undone automatically)."""
    ev = api(ctx).merge_events(list(event_ids), note=note)
    click.echo("\n".join(timeline_lines([ev])))
    click.echo(f"{ev.id}: {len(event_ids) - 1} event(s) merged into it", err=True)


@events_cmd.command("split")
@click.argument("event_id")
@click.option("--report", "reports", multiple=True, metavar="REPORT_ID",
              help="A report to detach (repeat; together they become one new event)  "
                   "[default: every report becomes an event of its own]")
@NOTE
@click.pass_context
def events_split(ctx: click.Context, event_id: str, reports: tuple[str, ...], note: str) -> None:
    """Detach reports of an event into new events; automatic merging keeps them apart."""
    parts = api(ctx).split_event(event_id, list(reports) or None, note=note)
    click.echo("\n".join(f"{e.id}  {line}" for e, line in zip(parts, timeline_lines(parts), strict=True)))


@events_cmd.command("resolve")
@click.pass_context
def events_resolve(ctx: click.Context) -> None:
    """Merge the reports of documents not merged yet (ingest does it; this finishes an interrupted run)."""
    click.echo(api(ctx).resolve().summary())


def merge_record(m: MergeRecord) -> dict[str, Any]:
    return {"at": m.at.isoformat(), "action": m.action, "by": m.by, "event": m.event, "others": list(m.others),
            "reports": list(m.reports), "score": m.score, "note": m.note}


@events_cmd.command("log")
@click.argument("event_id", required=False)
@format_option
@click.pass_context
def events_log(ctx: click.Context, event_id: str | None, fmt: str) -> None:
    """Merges and splits, oldest first: by rule (with the score and why) or by a user."""
    records = api(ctx).merge_log(event_id)
    emit(fmt, Listing([merge_record(m) for m in records], merge_log_table(records), "no merges"))


@cli.command()
@click.argument("event_id")
@click.option("--color/--no-color", default=None,
              help="Highlight with ANSI colours instead of [[trigger]] and {{time}} brackets  "
                   "[default: on a terminal]")
@click.pass_context
def show(ctx: click.Context, event_id: str, color: bool | None) -> None:
    """One event: its fields, how its date was found, every evidence sentence, its merges."""
    dl = api(ctx)
    click.echo(event_detail(dl.event(event_id), color=use_color(color)), color=use_color(color))
    history = dl.merge_log(event_id)
    if history:
        click.echo("\n" + "\n".join(history_lines(history)))


@cli.command()
@click.option("--rejections", is_flag=True, help="List the rejected inputs with their reason codes instead.")
@format_option
@click.pass_context
def docs(ctx: click.Context, rejections: bool, fmt: str) -> None:
    """Documents with their publication date and how it was found."""
    dl = api(ctx)
    if rejections:
        rejected = dl.rejections()
        emit(fmt, Listing([rejection_record(r) for r in rejected], rejections_table(rejected), "no rejections"))
        return
    documents = dl.documents()
    emit(fmt, Listing([document_record(d) for d in documents], documents_table(documents), "no documents"))
    if fmt == "table":
        n = len(dl.rejections())
        if n:
            click.echo(f"\n{n} input(s) not ingested: see dateline docs --rejections", err=True)


@cli.command()
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="jsonl", show_default=True,
              help="jsonl (the export contract) or csv (flattened).")
@click.option("-o", "--output", type=click.Path(dir_okay=False, writable=True, path_type=Path),
              help="Write to this file  [default: stdout]")
@click.pass_context
def export(ctx: click.Context, fmt: str, output: Path | None) -> None:
    """Every event in the export contract, for other tools."""
    n = api(ctx).export(fmt, output or sys.stdout)
    if output is not None:
        click.echo(f"{n} event(s) written to {output}", err=True)


# --------------------------------------------------------------------------- actors


def actor_record(a: ActorSummary) -> dict[str, Any]:
    return {"id": a.id, "name": a.name, "kind": a.kind, "country": a.country, "created_by": a.created_by,
            "aliases": list(a.aliases), "events": a.n_events}  # fmt: skip


def actor_detail_record(a: ActorView) -> dict[str, Any]:
    return {
        "id": a.id, "name": a.name, "kind": a.kind, "country": a.country, "created_by": a.created_by,
        "aliases": [{"alias": x.alias, "source": x.source} for x in a.aliases],
        "roles": [
            {"title": r.title, "role": r.role, "country": r.country, "organisation": r.organisation,
             "start": r.start.isoformat() if r.start else None, "end": r.end.isoformat() if r.end else None,
             "source": r.source, "documents": r.documents}
            for r in a.roles
        ],
        "events_as_actor": a.n_as_actor, "events_as_recipient": a.n_as_recipient,
        "by_month": [{"month": m, "as_actor": x, "as_recipient": y} for m, x, y in a.by_month],
    }  # fmt: skip


def actor_text(a: ActorView) -> str:
    where = f", {a.country}" if a.country else ""
    lines = [f"{a.name}  [{a.id}]  {a.kind}{where}, {a.created_by}"]
    if a.aliases:
        lines.append("aliases: " + "; ".join(f"{x.alias} ({x.source})" for x in a.aliases))
    if a.roles:
        lines.append("roles:")
        for r in a.roles:
            span = f"{r.start or '?'} .. {r.end or ('now' if r.source == 'user' else '?')}"
            seen = f", seen in {r.documents} document(s)" if r.source == "learned" else ""
            body = f" ({r.organisation})" if r.organisation and r.organisation.lower() not in r.role else ""
            lines.append(f"  {r.role}{body}, {r.country or '?'}  {span}  [{r.source}{seen}]  \"{r.title}\"")
    lines.append(f"events: {a.n_as_actor} as actor, {a.n_as_recipient} as recipient")
    lines.extend(f"  {m:<8} {x:>4} {y:>4}" for m, x, y in a.by_month)
    return "\n".join(lines)


@cli.group("actors")
def actors_group() -> None:
    """The canonical actor registry: one actor for every name, alias and title of a party."""


@actors_group.command("list")
@click.option("--kind", type=click.Choice(KINDS), help="Only actors of this kind.")
@click.option("--country", metavar="ALPHA3", help="Only actors of this country (ISO alpha-3, e.g. KAZ).")
@click.option("--all", "include_unused", is_flag=True,
              help="Also the gazetteer's states and bodies that no event references.")
@format_option
@click.pass_context
def actors_list(ctx: click.Context, kind: str | None, country: str | None, include_unused: bool, fmt: str) -> None:
    """Actors with their ids, most events first."""
    found = api(ctx).actors(kind=kind, country=country, include_unused=include_unused)
    text = table([(a.id, a.name, a.kind, a.country or "", a.n_events, "; ".join(a.aliases[:4])) for a in found],
                 ("id", "name", "kind", "country", "events", "aliases"), max_width=50)  # fmt: skip
    emit(fmt, Listing([actor_record(a) for a in found], text, "no actors",
                      [actor_record(a) | {"aliases": "; ".join(a.aliases)} for a in found]))  # fmt: skip


@actors_group.command("show")
@click.argument("query", metavar="ID_OR_NAME")
@click.option("--on", type=DATE, help="For a description (\"Chile's foreign minister\"): who held it then.")
@click.option("--format", "fmt", type=click.Choice(("table", "json")), default="table", show_default=True,
              help="table for people, json for programs.")
@click.pass_context
def actors_show(ctx: click.Context, query: str, on: str | None, fmt: str) -> None:
    """One actor: aliases, roles with their dates, events by month."""
    a = api(ctx).actor(query, on=on)
    click.echo(actor_text(a) if fmt == "table" else json.dumps(actor_detail_record(a), ensure_ascii=False, indent=2))


@actors_group.command("merge")
@click.argument("kept", metavar="A")
@click.argument("merged", metavar="B")
@click.pass_context
def actors_merge(ctx: click.Context, kept: str, merged: str) -> None:
    """Make B part of A: B's aliases, roles and references move to A (undo: split A --alias NAME)."""
    a = api(ctx).merge_actors(kept, merged)
    click.echo(f"merged into {a.id} ({a.name}): {a.n_as_actor + a.n_as_recipient} event reference(s)")


@actors_group.command("split")
@click.argument("actor", metavar="A")
@click.option("--alias", required=True, metavar="NAME", help="The alias to give an actor of its own.")
@click.pass_context
def actors_split(ctx: click.Context, actor: str, alias: str) -> None:
    """Give one of A's aliases (and the reports naming it) an actor of its own; undoes a merge."""
    a = api(ctx).split_actor(actor, alias)
    click.echo(f"split off {a.id} ({a.name}): {a.n_as_actor + a.n_as_recipient} event reference(s)")


@actors_group.command("import")
@click.argument("path", metavar="FILE", type=click.Path(dir_okay=False, path_type=Path))
@click.pass_context
def actors_import(ctx: click.Context, path: Path) -> None:
    """Add aliases and roles with their terms from FILE.yaml or FILE.csv (format: docs/cli.md).

    Each bad entry is named on stderr; the others are imported.  Exits with 1 when none was."""
    report = api(ctx).import_actors(path)
    for line in report.errors:
        click.echo(line, err=True)
    click.echo(report.summary())
    if report.errors and not report.entries:
        raise click.ClickException("nothing was imported")


@actors_group.command("seed")
@click.pass_context
def actors_seed(ctx: click.Context) -> None:
    """Add the gazetteer's states and bodies missing from the registry (ingest does it once)."""
    click.echo(f"{api(ctx).seed_actors()} actor(s) added")


@cli.command()
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on; other machines reach the server only if it is not loopback.")
@click.option("--port", type=click.IntRange(0, 65535), default=8000, show_default=True, help="Port to listen on.")
@click.option("--max-body-bytes", type=click.IntRange(min=1), default=10 * 1024 * 1024, show_default=True,
              help="Larger request bodies are refused with 413.")
@click.pass_context
def serve(ctx: click.Context, host: str, port: int, max_body_bytes: int) -> None:
    """Serve the HTTP API (/api, docs/http.md) and the web UI (/) until interrupted.

    Read-only unless DATELINE_API_TOKEN is set; then POST /api/documents ingests articles sent
    with "Authorization: Bearer <token>"."""
    from .server import TOKEN_ENV
    from .server import serve as run_server

    dl = api(ctx)
    token = os.environ.get(TOKEN_ENV) or None
    if token is None:
        dl.store()  # a read-only server over a missing database is an error now, not on each request
    mode = "ingest enabled (bearer token)" if token else "read-only"
    click.echo(f"dateline: serving {dl.db} at http://{host}:{port}/ ({mode})", err=True)
    if host not in ("127.0.0.1", "localhost", "::1"):
        click.echo(f"dateline: listening on {host}: other machines can reach this server", err=True)
    run_server(dl, host=host, port=port, token=token, max_body_bytes=max_body_bytes)


def main(argv: Sequence[str] | None = None) -> None:
    """Console entry point (``dateline``, ``python -m dateline``)."""
    try:
        cli.main(args=list(argv) if argv is not None else None, prog_name="dateline")
    except BrokenPipeError:  # `dateline export | head`
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        sys.exit(1)

