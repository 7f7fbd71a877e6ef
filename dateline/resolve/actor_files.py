"""Reading the files ``dateline actors import`` takes: aliases and roles of actors, with terms.

YAML: a list of entries, one per actor::

    - actor: Jane Roe              # an id, a name or an alias; a new actor when none matches
      kind: person                 # person (default), organisation, state or group
      country: NLD                 # ISO 3166-1 alpha-3
      aliases: [J. Roe, Roe]
      roles:
        - title: Foreign Minister
          country: NLD             # default: the actor's country
          organisation: Foreign Ministry
          start: 2023-01-15        # YYYY, YYYY-MM or YYYY-MM-DD; empty when unknown
          end:                     # empty: still holds it

CSV: a header row and one row per alias or role (either or both), with the columns
``actor, kind, country, alias, title, role_country, organisation, start, end`` (only ``actor``
is required).  A bad entry or row gives one error line naming the file and line; the others
are still imported.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import yaml

from ..entities.gazetteer import Gazetteer
from ..errors import InvalidQuery
from ..periods import parse_period

__all__ = ["CSV_COLUMNS", "ImportEntry", "ImportRole", "read_actor_file"]

KINDS = ("person", "organisation", "state", "group")
CSV_COLUMNS = ("actor", "kind", "country", "alias", "title", "role_country", "organisation", "start", "end")
_ENTRY_KEYS = frozenset({"actor", "kind", "country", "aliases", "roles"})
_ROLE_KEYS = frozenset({"title", "country", "organisation", "start", "end"})


@dataclass(frozen=True)
class ImportRole:
    title: str
    country: str | None
    organisation: str | None
    start: date | None
    end: date | None


@dataclass(frozen=True)
class ImportEntry:
    where: str  # "people.yaml:12": the file and line, for messages
    actor: str
    kind: str | None
    country: str | None
    aliases: tuple[str, ...]
    roles: tuple[ImportRole, ...]


class _Bad(ValueError):
    pass


class _Loader(yaml.SafeLoader):
    """Safe YAML that leaves dates as written, so that a bad one is this file's error."""


_Loader.yaml_implicit_resolvers = {
    first: [r for r in resolvers if r[0] != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def read_actor_file(path: Path, gazetteer: Gazetteer | None = None) -> tuple[list[ImportEntry], list[str]]:
    """The valid entries of a ``.yaml``/``.yml`` or ``.csv`` file, and one message per bad one.

    A file that cannot be read at all (missing, not YAML, not a list) raises InvalidQuery."""
    gz = gazetteer or Gazetteer.default()
    suffix = path.suffix.lower()
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise InvalidQuery(f"cannot read {path}: {exc}") from exc
    if suffix in (".yaml", ".yml"):
        return _yaml_entries(path, text, gz)
    if suffix == ".csv":
        return _csv_entries(path, text, gz)
    raise InvalidQuery(f"{path}: unknown file type {suffix or '(none)'} (use .yaml, .yml or .csv)")


def _yaml_entries(path: Path, text: str, gz: Gazetteer) -> tuple[list[ImportEntry], list[str]]:
    try:
        node = yaml.compose(text, Loader=_Loader)
        data = yaml.load(text, Loader=_Loader)  # a SafeLoader subclass
    except yaml.YAMLError as exc:
        raise InvalidQuery(f"{path}: not valid YAML: {str(exc).splitlines()[0]}") from exc
    if data is None:
        return [], []
    if not isinstance(data, list) or not isinstance(node, yaml.SequenceNode):
        raise InvalidQuery(f"{path}: expected a list of actors (- actor: NAME ...)")
    entries: list[ImportEntry] = []
    errors: list[str] = []
    for item, item_node in zip(data, node.value, strict=True):
        where = f"{path.name}:{item_node.start_mark.line + 1}"
        try:
            if not isinstance(item, dict):
                raise _Bad("expected a mapping with an 'actor' key")
            unknown = set(item) - _ENTRY_KEYS
            if unknown:
                raise _Bad(
                    f"unknown key(s) {', '.join(sorted(map(str, unknown)))} (use {', '.join(sorted(_ENTRY_KEYS))})"
                )
            aliases = item.get("aliases") or []
            if isinstance(aliases, str):
                aliases = [aliases]
            if not isinstance(aliases, list) or not all(isinstance(a, str | int) for a in aliases):
                raise _Bad("aliases must be a list of names")
            roles = item.get("roles") or []
            if not isinstance(roles, list):
                raise _Bad("roles must be a list of {title, country, organisation, start, end}")
            parsed_roles = []
            for r in roles:
                if not isinstance(r, dict):
                    raise _Bad("each role must be a mapping with a 'title'")
                bad = set(r) - _ROLE_KEYS
                if bad:
                    raise _Bad(
                        f"unknown role key(s) {', '.join(sorted(map(str, bad)))} (use {', '.join(sorted(_ROLE_KEYS))})"
                    )
                parsed_roles.append(_role(r.get("title"), r.get("country"), r.get("organisation"),
                                          r.get("start"), r.get("end"), gz))  # fmt: skip
            entries.append(_entry(where, item.get("actor"), item.get("kind"), item.get("country"),
                                  [str(a) for a in aliases], parsed_roles, gz))  # fmt: skip
        except _Bad as exc:
            errors.append(f"{where}: {exc}")
    return entries, errors


def _csv_entries(path: Path, text: str, gz: Gazetteer) -> tuple[list[ImportEntry], list[str]]:
    reader = csv.DictReader(text.splitlines())
    header = [h.strip() for h in reader.fieldnames or ()]
    if "actor" not in header:
        raise InvalidQuery(f"{path}: the header row must name an 'actor' column (columns: {', '.join(CSV_COLUMNS)})")
    unknown = [h for h in header if h not in CSV_COLUMNS]
    if unknown:
        raise InvalidQuery(f"{path}: unknown column(s) {', '.join(unknown)} (columns: {', '.join(CSV_COLUMNS)})")
    entries: list[ImportEntry] = []
    errors: list[str] = []
    for row in reader:
        where = f"{path.name}:{reader.line_num}"
        cells = {k.strip(): (v or "").strip() for k, v in row.items() if k is not None}
        if None in row:
            errors.append(f"{where}: more cells than columns")
            continue
        try:
            roles = []
            if cells.get("title") or any(cells.get(k) for k in ("role_country", "organisation", "start", "end")):
                roles.append(_role(cells.get("title"), cells.get("role_country"), cells.get("organisation"),
                                   cells.get("start"), cells.get("end"), gz))  # fmt: skip
            alias = cells.get("alias")
            entries.append(_entry(where, cells.get("actor"), cells.get("kind"), cells.get("country"),
                                  [alias] if alias else [], roles, gz))  # fmt: skip
        except _Bad as exc:
            errors.append(f"{where}: {exc}")
    return entries, errors


def _text(value: Any) -> str | None:
    if value is None:
        return None
    text = str(value).strip()
    return text or None


def _country(value: Any, gz: Gazetteer) -> str | None:
    code = _text(value)
    if code is None:
        return None
    if not re.fullmatch(r"[A-Za-z]{3}", code):
        raise _Bad(f"country {code!r} is not an ISO 3166-1 alpha-3 code (e.g. KAZ)")
    try:
        return gz.state(code).country
    except KeyError:
        raise _Bad(f"unknown country code {code!r}") from None


def _day(value: Any, *, end: bool) -> date | None:
    if value is None or value == "":
        return None
    if isinstance(value, date):
        return value
    try:
        first, last = parse_period(str(value))
    except InvalidQuery:
        raise _Bad(
            f"{'end' if end else 'start'} {str(value)!r} is not a date (use YYYY, YYYY-MM or YYYY-MM-DD)"
        ) from None
    return last if end else first


def _role(title: Any, country: Any, organisation: Any, start: Any, end: Any, gz: Gazetteer) -> ImportRole:
    name = _text(title)
    if name is None:
        raise _Bad("a role needs a title")
    first, last = _day(start, end=False), _day(end, end=True)
    if first and last and last < first:
        raise _Bad(f"role {name!r} ends ({last}) before it starts ({first})")
    return ImportRole(name, _country(country, gz), _text(organisation), first, last)


def _entry(where: str, actor: Any, kind: Any, country: Any, aliases: list[str], roles: list[ImportRole],
           gz: Gazetteer) -> ImportEntry:  # fmt: skip
    name = _text(actor)
    if name is None:
        raise _Bad("no actor (every entry needs 'actor': an id, a name or an alias)")
    k = _text(kind)
    if k is not None and k.lower() not in KINDS:
        raise _Bad(f"unknown kind {k!r} (use {', '.join(KINDS)})")
    return ImportEntry(where, name, k.lower() if k else None, _country(country, gz),
                       tuple(a.strip() for a in aliases if a.strip()), tuple(roles))  # fmt: skip
