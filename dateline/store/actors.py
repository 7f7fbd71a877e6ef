"""The canonical actor registry in the database.

:class:`Registry` works inside a caller's transaction: it seeds states and bodies from the
gazetteer (once, lazily), learns persons, bodies and office holders from each stored document
(:meth:`Registry.learn`, called by :func:`dateline.store.write.write_analysis`), and applies
user edits (merge, split, import).  :class:`ActorStore` wraps it in transactions for the
Python API.  The decisions themselves (which person a name is, who held an office on a day)
are in :mod:`dateline.resolve.actors`.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime
from importlib import resources
from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection, Select, and_, delete, func, insert, literal, or_, select, update
from sqlalchemy.exc import SQLAlchemyError

from ..entities.gazetteer import Gazetteer
from ..errors import InvalidQuery, NotFound, StoreError
from ..records import Analysis, EntityKind, Event
from ..resolve.actors import (
    BodyFacts,
    Candidate,
    Holding,
    PartyRef,
    PersonFacts,
    choose_holder,
    choose_person,
    compatible,
    read_document,
    words_of,
)
from ..resolve.titles import RoleLexicon
from .keys import normalise_name
from .schema import actor_aliases, actor_descriptions, actor_merges, actor_roles, actors, events, reports

if TYPE_CHECKING:
    from .database import Store

__all__ = ["KINDS", "ActorStore", "ActorSummary", "ActorView", "AliasView", "Registry", "RoleView"]

KINDS = ("person", "organisation", "state", "group")
_PREFIX = {"person": "person", "organisation": "org", "state": "state", "group": "group"}
Refs = tuple[str | None, str | None]


# --------------------------------------------------------------------------- views


@dataclass(frozen=True)
class AliasView:
    alias: str
    source: str  # gazetteer, learned, user


@dataclass(frozen=True)
class RoleView:
    """An office an actor held: a user-given term (``start``/``end``), or learned observations
    summed up (``start``/``end`` are the first and last document dates, ``documents`` how many)."""

    title: str
    role: str
    country: str | None
    organisation: str | None
    start: date | None
    end: date | None
    source: str
    documents: int


@dataclass(frozen=True)
class ActorSummary:
    id: str
    name: str
    kind: str
    country: str | None
    created_by: str
    aliases: tuple[str, ...]
    n_events: int  # events with this actor as actor or recipient


@dataclass(frozen=True)
class ActorView:
    id: str
    name: str
    kind: str
    country: str | None
    created_by: str
    aliases: tuple[AliasView, ...]
    roles: tuple[RoleView, ...]
    n_as_actor: int
    n_as_recipient: int
    by_month: tuple[tuple[str, int, int], ...]  # (YYYY-MM or "unknown", as actor, as recipient)


# --------------------------------------------------------------------------- helpers


def slug(text: str) -> str:
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", plain.lower()).strip("-")[:40] or "actor"


def _metonyms() -> list[str]:
    path = resources.files("dateline").joinpath("data/gazetteer/metonyms.tsv")
    with path.open("r", encoding="utf-8") as fh:
        return [ln.split("\t", 1)[0].strip() for ln in fh if ln.strip() and not ln.startswith("#")]


def alias_match(pattern: str) -> Select[Any]:
    """Actor ids with a name or alias matching a ``keys.terms_pattern`` (whole words)."""
    padded = literal(" ") + actor_aliases.c.norm + literal(" ")
    return select(actor_aliases.c.actor_id).where(padded.like(pattern))


# --------------------------------------------------------------------------- registry


class Registry:
    """The registry over one connection (the caller owns the transaction)."""

    def __init__(self, conn: Connection, *, gazetteer: Gazetteer | None = None,
                 lexicon: RoleLexicon | None = None) -> None:  # fmt: skip
        self.conn = conn
        self.gz = gazetteer or Gazetteer.default()
        self.lex = lexicon or RoleLexicon.default()

    # ------------------------------------------------------------------ seeding

    def seeded(self) -> bool:
        q = select(actors.c.id).where(actors.c.created_by == "gazetteer").limit(1)
        return self.conn.execute(q).first() is not None

    def seed(self) -> int:
        """Add the gazetteer's states and bodies that are missing; returns the actors added.

        A state's aliases are its names, demonyms, capitals and metonyms ("the Kremlin"); a
        body's its names and metonyms.  Actors merged away by a user are not brought back."""
        have = set(self.conn.execute(select(actors.c.id)).scalars())
        merged = set(
            self.conn.execute(select(actor_merges.c.merged).where(actor_merges.c.undone_at.is_(None))).scalars()
        )
        held = {(i, a) for i, a in self.conn.execute(select(actor_aliases.c.actor_id, actor_aliases.c.alias))}
        taken = {a for _, a in held}
        metonyms: dict[str, list[str]] = {}
        for text in _metonyms():
            e = self.gz.lookup(text)
            if e is not None:
                metonyms.setdefault(e.key, []).append(text)
        new_actors: list[dict[str, Any]] = []
        new_aliases: list[dict[str, Any]] = []
        for e in self.gz.entries():
            if not e.key.startswith(("state:", "org:")) or e.key in merged:
                continue
            names = [e.name, *e.aliases, *metonyms.get(e.key, ())]
            if e.key.startswith("state:") and e.country:
                for cap in self.gz.capitals.get(e.country, ()):
                    entry = self.gz.lookup(cap)
                    names += [cap, *(entry.aliases if entry is not None and entry.capital else ())]
                kind = "state"
            else:
                kind = e.kind.value if e.kind in (EntityKind.ORGANISATION, EntityKind.GROUP) else "organisation"
            fresh = e.key not in have
            if fresh:
                new_actors.append(
                    {
                        "id": e.key,
                        "name": e.name,
                        "kind": kind,
                        "country": e.country,
                        "created_by": "gazetteer",
                        "match_key": None,
                    }
                )
            for n in dict.fromkeys(names):
                if (e.key, n) in held or (not fresh and n in taken):
                    continue
                new_aliases.append({"actor_id": e.key, "alias": n, "norm": normalise_name(n), "source": "gazetteer"})
        if new_actors:
            self.conn.execute(insert(actors), new_actors)
        if new_aliases:
            self.conn.execute(insert(actor_aliases), new_aliases)
        return len(new_actors)

    # ------------------------------------------------------------------ basic rows

    def canonical(self, actor_id: str | None) -> str | None:
        """The actor ``actor_id`` is now: itself, or the actor it was merged into."""
        seen: set[str] = set()
        while actor_id is not None and actor_id not in seen:
            seen.add(actor_id)
            if self.conn.execute(select(actors.c.id).where(actors.c.id == actor_id)).first() is not None:
                return actor_id
            actor_id = self.conn.execute(
                select(actor_merges.c.kept)
                .where(actor_merges.c.merged == actor_id, actor_merges.c.undone_at.is_(None))
                .order_by(actor_merges.c.id.desc())
                .limit(1)
            ).scalar()
        return None

    def row(self, actor_id: str) -> dict[str, Any]:
        found = self.conn.execute(select(actors).where(actors.c.id == actor_id)).mappings().first()
        if found is None:
            raise NotFound(f"no actor {actor_id!r}")
        return dict(found)

    def new_id(self, kind: str, name: str) -> str:
        base = f"{_PREFIX.get(kind, kind)}:{slug(name)}"
        used = set(self.conn.execute(select(actors.c.id).where(actors.c.id.like(f"{base}%"))).scalars())
        used |= set(
            self.conn.execute(select(actor_merges.c.merged).where(actor_merges.c.merged.like(f"{base}%"))).scalars()
        )
        candidate, n = base, 1
        while candidate in used:
            n += 1
            candidate = f"{base}-{n}"
        return candidate

    def create(self, kind: str, name: str, country: str | None, created_by: str, match_key: str | None = None) -> str:
        actor_id = self.new_id(kind, name)
        self.conn.execute(
            insert(actors).values(
                id=actor_id, name=name, kind=kind, country=country, created_by=created_by, match_key=match_key
            )
        )
        self.add_aliases(actor_id, [name], created_by)
        return actor_id

    def add_aliases(self, actor_id: str, names: Sequence[str], source: str) -> int:
        have = set(
            self.conn.execute(select(actor_aliases.c.alias).where(actor_aliases.c.actor_id == actor_id)).scalars()
        )
        rows = [
            {"actor_id": actor_id, "alias": n, "norm": normalise_name(n), "source": source}
            for n in dict.fromkeys(n.strip() for n in names)
            if n and n not in have and normalise_name(n)
        ]
        if rows:
            self.conn.execute(insert(actor_aliases), rows)
        return len(rows)

    def add_role(self, actor_id: str, *, title: str, role: str, country: str | None, organisation: str | None,
                 start: date | None, end: date | None, source: str, doc_id: str | None = None) -> None:  # fmt: skip
        self.conn.execute(insert(actor_roles).values(
            actor_id=actor_id, title=title, role=role, country=country, organisation=organisation,
            start=start, end=end, source=source, doc_id=doc_id,
        ))  # fmt: skip

    # ------------------------------------------------------------------ persons

    def person_candidates(self, words: Sequence[str]) -> list[Candidate]:
        """Registry persons with a name sharing one of ``words``, with all their names."""
        if not words:
            return []
        padded = literal(" ") + actor_aliases.c.norm + literal(" ")
        ids = select(actor_aliases.c.actor_id).where(or_(*(padded.like(f"% {w} %") for w in words)))
        q = (
            select(actors.c.id, actors.c.name, actors.c.country, actors.c.created_by, actor_aliases.c.norm)
            .join(actor_aliases, actor_aliases.c.actor_id == actors.c.id)
            .where(actors.c.kind == "person", actors.c.id.in_(ids))
            .order_by(actors.c.id)
        )
        found: dict[str, tuple[str, str | None, str, list[str]]] = {}
        for actor_id, name, country, created_by, norm in self.conn.execute(q):
            found.setdefault(actor_id, (name, country, created_by, []))[3].append(norm)
        return [
            Candidate(i, name, country, tuple(norms), provisional=created_by == "learned" and len(words_of(name)) == 1)
            for i, (name, country, created_by, norms) in found.items()
        ]

    def learn_person(self, p: PersonFacts, day: date | None, doc_id: str) -> str | None:
        words = words_of(p.name)
        cands = self.person_candidates(words)
        verdict, actor_id = choose_person(p.name, p.country, cands)
        if verdict == "ambiguous" or (verdict == "new" and len(words) == 1 and not p.party):
            return None
        if actor_id is None:
            actor_id = self.create("person", p.name, p.country, "learned")
        elif p.country is not None:
            self.conn.execute(
                update(actors).where(actors.c.id == actor_id, actors.c.country.is_(None)).values(country=p.country)
            )
        self.add_aliases(actor_id, [p.name, *p.aliases], "learned")
        if len(words) >= 2:  # a surname-only actor learned earlier joins the full name it is part of
            for c in cands:
                if c.provisional and c.id != actor_id and compatible(c.country, p.country) and c.names[0] in words:
                    rivals = [
                        o
                        for o in cands
                        if not o.provisional
                        and o.id != actor_id
                        and compatible(o.country, c.country)
                        and any(c.names[0] in n.split() for n in o.names)
                    ]
                    if not rivals:
                        self.merge(actor_id, c.id, by="learned", at=None)
        for r in p.roles:
            self.add_role(
                actor_id,
                title=r.title,
                role=r.role,
                country=r.country,
                organisation=r.organisation,
                start=day,
                end=day,
                source="learned",
                doc_id=doc_id,
            )
        return actor_id

    # ------------------------------------------------------------------ bodies

    def learn_body(self, b: BodyFacts) -> str | None:
        if b.gazetteer is not None:
            return self.canonical(b.gazetteer)
        norm = normalise_name(b.name)
        q = select(actors.c.id).where(actors.c.match_key == b.match_key).order_by(actors.c.id).limit(1)
        actor_id = self.conn.execute(q).scalar()
        if actor_id is None:
            q = (
                select(actors.c.id, actors.c.country)
                .join(actor_aliases, actor_aliases.c.actor_id == actors.c.id)
                .where(actor_aliases.c.norm == norm, actors.c.kind.in_(("organisation", "group")))
                .order_by(actors.c.id)
            )
            actor_id = next((i for i, c in self.conn.execute(q) if compatible(c, b.country)), None)
        if actor_id is None:
            actor_id = self.create(b.kind, b.name, b.country, "learned", b.match_key)
        self.add_aliases(actor_id, [b.name, *b.aliases], "learned")
        return actor_id

    def state(self, country: str | None) -> str | None:
        return self.canonical(f"state:{country}") if country else None

    # ------------------------------------------------------------------ learning a document

    def learn(self, analysis: Analysis, events_: Sequence[Event], report_ids: Sequence[str]) -> list[Refs]:
        """Learn from one document and return the canonical (actor, recipient) of each event.

        Re-learning a document first forgets the roles and descriptions it taught."""
        if not self.seeded():
            self.seed()
        doc = analysis.document
        self.conn.execute(delete(actor_roles).where(actor_roles.c.doc_id == doc.id, actor_roles.c.source == "learned"))
        self.conn.execute(delete(actor_descriptions).where(actor_descriptions.c.doc_id == doc.id))
        facts = read_document(analysis, events_, gazetteer=self.gz, lexicon=self.lex)
        by_entity: dict[int, str | None] = {}
        for p in sorted(facts.persons, key=lambda p: -len(words_of(p.name))):  # full names first
            by_entity[p.entity] = self.learn_person(p, facts.day, doc.id)
        for b in facts.bodies:
            by_entity[b.entity] = self._person_slip(b, facts.person_words, by_entity) or self.learn_body(b)
        out: list[Refs] = []
        for (actor_ref, recipient_ref), report_id in zip(facts.parties, report_ids, strict=True):
            out.append((
                self._party(actor_ref, analysis, by_entity, facts.day, report_id, "actor", doc.id),
                self._party(recipient_ref, analysis, by_entity, facts.day, report_id, "recipient", doc.id),
            ))  # fmt: skip
        countries = {r.country for p in facts.persons for r in p.roles} | {p.country for p in facts.persons}
        if any(p.roles for p in facts.persons):
            self.reresolve(countries={c for c in countries if c}, skip_doc=doc.id)
        return out

    def _person_slip(self, b: BodyFacts, person_words: dict[int, frozenset[str]],
                     by_entity: dict[int, str | None]) -> str | None:  # fmt: skip
        """A surname NER called a body ("Kemelbayev said" as ORG): the person of that name."""
        words = words_of(b.name)
        if b.gazetteer is not None or len(words) != 1:
            return None
        for entity, names in person_words.items():
            if words[0] in names and by_entity.get(entity):
                return by_entity[entity]
        verdict, actor_id = choose_person(b.name, None, self.person_candidates(words))
        return actor_id if verdict == "found" else None

    def _party(self, ref: PartyRef | None, analysis: Analysis, by_entity: dict[int, str | None], day: date | None,
               report_id: str, party: str, doc_id: str) -> str | None:  # fmt: skip
        if ref is None:
            return None
        if ref.via == "entity" and ref.entity is not None:
            if ref.entity in by_entity:
                return by_entity[ref.entity]
            ent = analysis.entities[ref.entity]
            return self.state(ent.country) if ent.kind == EntityKind.STATE else None
        if ref.via == "state":
            return self.state(ref.country)
        if ref.via == "body":
            return self.canonical(ref.key)
        if ref.via == "description" and ref.description is not None:
            d = ref.description
            holder = self.holder(d.keys, d.country, day)
            self.conn.execute(insert(actor_descriptions).values(
                report_id=report_id, party=party, doc_id=doc_id, phrase=d.title, roles=list(d.keys),
                country=d.country, day=day, actor_id=holder,
            ))  # fmt: skip
            return holder
        return None

    # ------------------------------------------------------------------ office holders

    def holder(self, keys: Sequence[str], country: str | None, day: date | None) -> str | None:
        """The person holding one of the offices ``keys`` (best first) in ``country`` on ``day``."""
        if not keys or country is None:
            return None
        q = (
            select(actor_roles.c.actor_id, actor_roles.c.role, actor_roles.c.start, actor_roles.c.end,
                   actor_roles.c.source)
            .join(actors, actors.c.id == actor_roles.c.actor_id)
            .where(actor_roles.c.role.in_(list(keys)), actors.c.kind == "person",
                   or_(actor_roles.c.country == country,
                       and_(actor_roles.c.country.is_(None), actors.c.country == country)))
        )  # fmt: skip
        rows = [Holding(a, list(keys).index(role), s, e, src) for a, role, s, e, src in self.conn.execute(q)]
        return choose_holder(rows, day)

    def reresolve(self, *, countries: set[str] | None = None, skip_doc: str | None = None) -> int:
        """Resolve stored descriptions again (after new roles, an import or a merge); returns
        how many changed.  Reports and their events follow."""
        q = select(actor_descriptions)
        if countries is not None:
            q = q.where(actor_descriptions.c.country.in_(sorted(countries)))
        if skip_doc is not None:
            q = q.where(actor_descriptions.c.doc_id != skip_doc)
        changed = 0
        for d in self.conn.execute(q).mappings().all():
            holder = self.holder(d["roles"], d["country"], d["day"])
            old = self.canonical(d["actor_id"])
            if holder == old:
                continue
            changed += 1
            key = and_(actor_descriptions.c.report_id == d["report_id"], actor_descriptions.c.party == d["party"])
            self.conn.execute(update(actor_descriptions).where(key).values(actor_id=holder))
            col = f"{d['party']}_id"
            event_id = self.conn.execute(select(reports.c.event_id).where(reports.c.id == d["report_id"])).scalar()
            self.conn.execute(update(reports).where(reports.c.id == d["report_id"]).values({col: holder}))
            if event_id is not None:
                self.conn.execute(
                    update(events)
                    .where(events.c.id == event_id, or_(events.c[col].is_(None), events.c[col] == old))
                    .values({col: holder})
                )
        return changed

    # ------------------------------------------------------------------ merge and split

    def merge(self, kept: str, merged: str, *, by: str, at: datetime | None) -> str:
        """Move ``merged``'s aliases, roles and references to ``kept``, log it, drop ``merged``."""
        a, b = self.canonical(kept), self.canonical(merged)
        if a is None or b is None:
            raise NotFound(f"no actor {kept if a is None else merged!r}")
        if a == b:
            raise InvalidQuery(f"{kept!r} and {merged!r} are already one actor ({a})")
        row = self.row(b)
        mine = set(self.conn.execute(select(actor_aliases.c.alias).where(actor_aliases.c.actor_id == a)).scalars())
        aliases = self.conn.execute(select(actor_aliases).where(actor_aliases.c.actor_id == b)).mappings().all()
        moved = [r["id"] for r in aliases if r["alias"] not in mine]
        dropped = [[r["alias"], r["source"]] for r in aliases if r["alias"] in mine]
        self.conn.execute(delete(actor_aliases).where(actor_aliases.c.actor_id == b, actor_aliases.c.alias.in_(mine)))
        self.conn.execute(update(actor_aliases).where(actor_aliases.c.actor_id == b).values(actor_id=a))
        roles = list(self.conn.execute(select(actor_roles.c.id).where(actor_roles.c.actor_id == b)).scalars())
        self.conn.execute(update(actor_roles).where(actor_roles.c.actor_id == b).values(actor_id=a))
        refs: dict[str, list[str]] = {}
        for table, name in ((reports, "reports"), (events, "events")):
            for role in ("actor", "recipient"):
                col = table.c[f"{role}_id"]
                refs[f"{name}_{role}"] = list(self.conn.execute(select(table.c.id).where(col == b)).scalars())
                self.conn.execute(update(table).where(col == b).values({f"{role}_id": a}))
        self.conn.execute(update(actor_descriptions).where(actor_descriptions.c.actor_id == b).values(actor_id=a))
        self.conn.execute(delete(actors).where(actors.c.id == b))
        snapshot = {"actor": {k: row[k] for k in ("id", "name", "kind", "country", "created_by", "match_key")},
                    "aliases": [r["alias"] for r in aliases], "moved_aliases": moved, "dropped_aliases": dropped,
                    "roles": roles, "refs": refs}  # fmt: skip
        self.conn.execute(insert(actor_merges).values(kept=a, merged=b, snapshot=snapshot, by=by, at=at or _epoch()))
        return a

    def split(self, actor: str, alias: str, *, at: datetime) -> str:
        """Give ``alias`` (and what it refers to) an actor of its own; returns that actor's id.

        When the alias came with an actor merged into this one, that merge is undone (the
        actor comes back with its id, aliases, roles and references); otherwise a new actor
        takes the alias and the reports naming it."""
        a = self.canonical(actor)
        if a is None:
            raise NotFound(f"no actor {actor!r}")
        norm = normalise_name(alias)
        logged = (
            self.conn.execute(
                select(actor_merges)
                .where(actor_merges.c.kept == a, actor_merges.c.undone_at.is_(None))
                .order_by(actor_merges.c.id.desc())
            )
            .mappings()
            .all()
        )
        for m in logged:
            if norm in {normalise_name(x) for x in m["snapshot"]["aliases"]}:
                return self._unmerge(a, m, at)
        rows = (
            self.conn.execute(select(actor_aliases).where(actor_aliases.c.actor_id == a, actor_aliases.c.norm == norm))
            .mappings()
            .all()
        )
        if not rows:
            raise NotFound(f"{actor!r} has no alias {alias!r}")
        me = self.row(a)
        if normalise_name(me["name"]) == norm:
            raise InvalidQuery(f"{alias!r} is the canonical name of {a}; split another alias, or merge instead")
        new = self.new_id(me["kind"], rows[0]["alias"])
        self.conn.execute(
            insert(actors).values(
                id=new, name=rows[0]["alias"], kind=me["kind"], country=me["country"], created_by="user", match_key=None
            )
        )
        self.conn.execute(
            update(actor_aliases).where(actor_aliases.c.id.in_([r["id"] for r in rows])).values(actor_id=new)
        )
        for table in (reports, events):
            for role in ("actor", "recipient"):
                q = select(table.c.id, table.c[f"{role}_name"]).where(table.c[f"{role}_id"] == a)
                ids = [i for i, name in self.conn.execute(q) if name and normalise_name(name) == norm]
                for part in _chunks(ids):
                    self.conn.execute(update(table).where(table.c.id.in_(part)).values({f"{role}_id": new}))
        return new

    def _unmerge(self, a: str, m: Any, at: datetime) -> str:
        snap = m["snapshot"]
        b = snap["actor"]["id"]
        self.conn.execute(insert(actors).values(**snap["actor"]))
        if snap["moved_aliases"]:
            self.conn.execute(
                update(actor_aliases)
                .where(actor_aliases.c.id.in_(snap["moved_aliases"]), actor_aliases.c.actor_id == a)
                .values(actor_id=b)
            )
        for alias, source in snap["dropped_aliases"]:
            self.conn.execute(
                insert(actor_aliases).values(actor_id=b, alias=alias, norm=normalise_name(alias), source=source)
            )
        if snap["roles"]:
            self.conn.execute(
                update(actor_roles)
                .where(actor_roles.c.id.in_(snap["roles"]), actor_roles.c.actor_id == a)
                .values(actor_id=b)
            )
        for key, ids in snap["refs"].items():
            name, role = key.split("_", 1)
            table = reports if name == "reports" else events
            for part in _chunks(ids):
                self.conn.execute(
                    update(table).where(table.c.id.in_(part), table.c[f"{role}_id"] == a).values({f"{role}_id": b})
                )
        self.conn.execute(update(actor_merges).where(actor_merges.c.id == m["id"]).values(undone_at=at))
        return str(b)

    # ------------------------------------------------------------------ finding

    def find(self, query: str, *, on: date | None = None) -> str:
        """The actor an id, a name or alias, a place standing for a state ("the Kremlin") or a
        description ("Russia's top security official", held on ``on``) stands for."""
        text = query.strip()
        found = self.canonical(text)
        if found is not None:
            return found
        norm = normalise_name(text)
        named = sorted({self.canonical(i) or i for i in self.conn.execute(
            select(actor_aliases.c.actor_id).where(actor_aliases.c.norm == norm)).scalars()})  # fmt: skip
        if len(named) == 1:
            return named[0]
        if len(named) > 1:
            full = [i for i in named if normalise_name(self.row(i)["name"]) == norm]
            if len(full) == 1:
                return full[0]
            raise InvalidQuery(f"{query!r} names several actors: {', '.join(named)} (use an id)")
        entry = self.gz.lookup(re.sub(r"^the\s+", "", text, flags=re.I))
        if entry is not None:
            state = self.gz.state_for(entry.name) if entry.capital else None
            found = self.canonical(state.key if state is not None else entry.key)
            if found is not None:
                return found
        role = self.lex.parse(text)
        if role is not None and role.country is not None and role.definite:
            holder = self.holder(role.keys, role.country, on or self._latest_role_day(role.keys, role.country))
            if holder is not None:
                return holder
        words = words_of(text)
        if words:
            verdict, actor_id = choose_person(text, None, self.person_candidates(words))
            if verdict == "found" and actor_id is not None:
                return actor_id
        raise NotFound(f"no actor {query!r}")

    def _latest_role_day(self, keys: Sequence[str], country: str) -> date | None:
        q = select(func.max(actor_roles.c.end), func.max(actor_roles.c.start)).where(actor_roles.c.role.in_(list(keys)))
        end, start = self.conn.execute(q).one()
        return end or start

    # ------------------------------------------------------------------ queries

    def summaries(
        self, *, kind: str | None = None, country: str | None = None, every: bool = False
    ) -> list[ActorSummary]:
        counts: Counter[str] = Counter()
        for role in ("actor", "recipient"):
            col = events.c[f"{role}_id"]
            for actor_id, n in self.conn.execute(select(col, func.count()).where(col.is_not(None)).group_by(col)):
                counts[actor_id] += n
        q = select(actors).order_by(actors.c.name, actors.c.id)
        if kind:
            q = q.where(actors.c.kind == kind)
        if country:
            q = q.where(actors.c.country == country.upper())
        if not every:
            q = q.where(or_(actors.c.created_by != "gazetteer", actors.c.id.in_(list(counts))))
        rows = self.conn.execute(q).mappings().all()
        aliases: dict[str, list[str]] = {}
        ids = [r["id"] for r in rows]
        for part in _chunks(ids):
            q2 = select(actor_aliases.c.actor_id, actor_aliases.c.alias).where(actor_aliases.c.actor_id.in_(part))
            for actor_id, alias in self.conn.execute(q2.order_by(actor_aliases.c.id)):
                aliases.setdefault(actor_id, []).append(alias)
        out = [
            ActorSummary(r["id"], r["name"], r["kind"], r["country"], r["created_by"],
                         tuple(a for a in aliases.get(r["id"], ()) if a != r["name"]), counts[r["id"]])
            for r in rows
        ]  # fmt: skip
        return sorted(out, key=lambda s: (-s.n_events, s.name.casefold(), s.id))

    def view(self, actor_id: str) -> ActorView:
        r = self.row(actor_id)
        aliases = tuple(
            AliasView(a, s) for a, s in self.conn.execute(
                select(actor_aliases.c.alias, actor_aliases.c.source)
                .where(actor_aliases.c.actor_id == actor_id).order_by(actor_aliases.c.id))
            if a != r["name"]
        )  # fmt: skip
        by_month: dict[str, list[int]] = {}
        totals = [0, 0]
        for i, role in enumerate(("actor", "recipient")):
            for (first,) in self.conn.execute(select(events.c.date_first).where(events.c[f"{role}_id"] == actor_id)):
                key = f"{first.year:04d}-{first.month:02d}" if first else "unknown"
                by_month.setdefault(key, [0, 0])[i] += 1
                totals[i] += 1
        months = tuple((k, v[0], v[1]) for k, v in sorted(by_month.items(), key=lambda kv: (kv[0] == "unknown", kv[0])))
        return ActorView(r["id"], r["name"], r["kind"], r["country"], r["created_by"], aliases,
                         self._roles(actor_id), totals[0], totals[1], months)  # fmt: skip

    def _roles(self, actor_id: str) -> tuple[RoleView, ...]:
        rows = self.conn.execute(select(actor_roles).where(actor_roles.c.actor_id == actor_id)).mappings().all()
        out: list[RoleView] = []
        learned: dict[tuple[str, str | None], list[Any]] = {}
        for r in rows:
            if r["source"] == "user":
                out.append(
                    RoleView(r["title"], r["role"], r["country"], r["organisation"], r["start"], r["end"], "user", 0)
                )
            else:
                learned.setdefault((r["role"], r["country"]), []).append(r)
        for (role, country), group in learned.items():
            days = [d for g in group for d in (g["start"], g["end"]) if d is not None]
            title = Counter(g["title"] for g in group).most_common(1)[0][0]
            org = next((g["organisation"] for g in group if g["organisation"]), None)
            docs = len({g["doc_id"] for g in group})
            out.append(
                RoleView(title, role, country, org, min(days, default=None), max(days, default=None), "learned", docs)
            )
        return tuple(sorted(out, key=lambda v: (v.start or date.min, v.role)))


def _chunks(ids: Sequence[Any], size: int = 500) -> Iterator[Sequence[Any]]:
    for i in range(0, len(ids), size):
        yield ids[i : i + size]


def _epoch() -> datetime:
    return datetime(1970, 1, 1)


# --------------------------------------------------------------------------- in transactions


class ActorStore:
    """The registry of one :class:`~dateline.store.Store`, one transaction per call."""

    def __init__(self, store: Store, clock: Callable[[], datetime] | None = None) -> None:
        self.store = store
        self.clock = clock or store.clock

    @contextmanager
    def registry(self, *, write: bool = False) -> Iterator[Registry]:
        try:
            with self.store.engine.begin() if write else self.store.engine.connect() as conn:
                yield Registry(conn)
        except SQLAlchemyError as exc:
            raise StoreError(f"database error: {str(getattr(exc, 'orig', None) or exc).splitlines()[0]}") from exc

    def seed(self) -> int:
        with self.registry(write=True) as reg:
            return reg.seed()

    def list(self, *, kind: str | None = None, country: str | None = None, every: bool = False) -> list[ActorSummary]:
        if kind is not None and kind not in KINDS:
            raise InvalidQuery(f"unknown kind {kind!r} (use {', '.join(KINDS)})")
        with self.registry(write=True) as reg:
            if not reg.seeded():
                reg.seed()
            return reg.summaries(kind=kind, country=country, every=every)

    def show(self, query: str, *, on: date | None = None) -> ActorView:
        with self.registry(write=True) as reg:
            if not reg.seeded():
                reg.seed()
            return reg.view(reg.find(query, on=on))

    def merge(self, kept: str, merged: str) -> ActorView:
        with self.registry(write=True) as reg:
            a, b = reg.find(kept), reg.find(merged)
            actor_id = reg.merge(a, b, by="user", at=self.clock())
            reg.reresolve()
            return reg.view(actor_id)

    def split(self, actor: str, alias: str) -> ActorView:
        with self.registry(write=True) as reg:
            new = reg.split(reg.find(actor), alias, at=self.clock())
            reg.reresolve()
            return reg.view(new)
