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
from collections.abc import Iterable, Iterator, Sequence
from datetime import date, datetime
from importlib import resources
from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection, Select, and_, bindparam, delete, func, insert, literal, or_, select, update

from ..entities.gazetteer import Gazetteer
from ..errors import InvalidQuery, NotFound
from ..records import Analysis, EntityKind, Event
from ..resolve.actors import (
    BodyFacts,
    Candidate,
    DocumentFacts,
    Holding,
    PartyRef,
    PersonFacts,
    body_identity,
    choose_holder,
    choose_person,
    compatible,
    read_document,
    words_of,
)
from ..resolve.titles import RoleLexicon
from .dialect import bytewise, insert_missing
from .keys import fit, index_words, normalise_name
from .schema import (
    NAME_LENGTH,
    ROLE_LENGTH,
    WORD_LENGTH,
    actor_aliases,
    actor_descriptions,
    actor_merges,
    actor_roles,
    actors,
    description_roles,
    events,
    name_words,
    reports,
)

if TYPE_CHECKING:
    pass

__all__ = ["KINDS", "Registry", "alias_match"]

KINDS = ("person", "organisation", "state", "group")
_PREFIX = {"person": "person", "organisation": "org", "state": "state", "group": "group"}
Refs = tuple[str | None, str | None]


# --------------------------------------------------------------------------- helpers


def slug(text: str) -> str:
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", plain.lower()).strip("-")[:40] or "actor"


def _metonyms() -> list[str]:
    path = resources.files("dateline").joinpath("data/gazetteer/metonyms.tsv")
    with path.open("r", encoding="utf-8") as fh:
        return [ln.split("\t", 1)[0].strip() for ln in fh if ln.strip() and not ln.startswith("#")]


def alias_match(pattern: str) -> Select[Any]:
    """Actor ids with a name or alias matching a ``keys.terms_pattern`` (whole words): the
    aliases holding the pattern's first word (``name_words``), then the pattern on those."""
    first = fit(pattern.strip("% ").split()[0], WORD_LENGTH)
    padded = literal(" ") + name_words.c.norm + literal(" ")
    norms = select(name_words.c.norm).where(name_words.c.word == first, padded.like(pattern))
    return select(actor_aliases.c.actor_id).where(actor_aliases.c.norm.in_(norms))


def name_word_rows(norms: Iterable[str]) -> list[dict[str, str]]:
    """``name_words`` rows of normalised names."""
    return [{"word": w, "norm": n} for n in sorted(set(norms)) for w in sorted(index_words(n, WORD_LENGTH))]


# --------------------------------------------------------------------------- statements

# The statements learning runs for every document, built once: building a select() and its
# cache key costs more than running it on an indexed column (values are bound per call).
_SEEDED = select(actors.c.id).where(actors.c.created_by == "gazetteer").limit(1)
_EXISTS = select(actors.c.id).where(actors.c.id == bindparam("id"))
_MERGED_INTO = (
    select(actor_merges.c.kept)
    .where(actor_merges.c.merged == bindparam("id"), actor_merges.c.undone_at.is_(None))
    .order_by(actor_merges.c.id.desc())
    .limit(1)
)
_TAKEN_IDS = select(actors.c.id).where(actors.c.id.in_(bindparam("ids", expanding=True))).union_all(
    select(actor_merges.c.merged).where(actor_merges.c.merged.in_(bindparam("ids", expanding=True)))
)
_ALIASES_OF = select(actor_aliases.c.alias).where(actor_aliases.c.actor_id == bindparam("id"))
_IDS_BY_WORDS = select(actor_aliases.c.actor_id).where(actor_aliases.c.norm.in_(
    select(name_words.c.norm).where(name_words.c.word.in_(bindparam("words", expanding=True)))))  # fmt: skip
_PERSON_NAMES = (
    select(actors.c.id, actors.c.name, actors.c.country, actors.c.created_by, actor_aliases.c.norm,
           actor_aliases.c.alias)
    .join(actor_aliases, actor_aliases.c.actor_id == actors.c.id)
    .where(actors.c.id.in_(bindparam("ids", expanding=True)), actors.c.kind == "person")
    .order_by(bytewise(actors.c.id))
)  # fmt: skip
_BODY_BY_KEY = (  # the first body of a match key, with its aliases
    select(actors.c.id, actor_aliases.c.alias)
    .outerjoin(actor_aliases, actor_aliases.c.actor_id == actors.c.id)
    .where(actors.c.match_key == bindparam("key"))
    .order_by(bytewise(actors.c.id))
)
_PRESENT = select(actors.c.id, actors.c.created_by).where(actors.c.id.in_(bindparam("ids", expanding=True)))
_R = actor_roles.c
_HOLDING = (
    _R.role.in_(bindparam("offices", expanding=True)), actors.c.kind == "person",
    or_(_R.country == bindparam("country"), and_(_R.country.is_(None), actors.c.country == bindparam("country"))),
)  # fmt: skip
# the role rows of the persons holding one of some offices in a country: the users' as they are,
# the learned ones by their first and last day per actor (all choose_holder reads), so that an
# office seen in thousands of articles is one row per holder
_HOLDERS = (
    select(_R.actor_id, _R.role, _R.start, _R.end, _R.source)
    .join(actors, actors.c.id == _R.actor_id).where(*_HOLDING, _R.source == "user")
    .union_all(
        select(_R.actor_id, _R.role, func.min(func.coalesce(_R.start, _R.end)),
               func.max(func.coalesce(_R.end, _R.start)), _R.source)
        .join(actors, actors.c.id == _R.actor_id).where(*_HOLDING, _R.source != "user")
        .group_by(_R.actor_id, _R.role, _R.source)
    )
)  # fmt: skip
_WORD_ACTORS = (  # the actors with an alias holding one of some words (through name_words)
    select(name_words.c.word, actor_aliases.c.actor_id)
    .join(actor_aliases, actor_aliases.c.norm == name_words.c.norm)
    .where(name_words.c.word.in_(bindparam("words", expanding=True)))
)
_IDS_BY_NORM = select(actor_aliases.c.actor_id).where(actor_aliases.c.norm == bindparam("norm"))
_SET_COUNTRY = (
    update(actors)
    .where(actors.c.id == bindparam("actor_id"), actors.c.country.is_(None))
    .values(country=bindparam("country"))
)


# --------------------------------------------------------------------------- registry


class Registry:
    """The registry over one connection (the caller owns the transaction)."""

    def __init__(self, conn: Connection, *, gazetteer: Gazetteer | None = None,
                 lexicon: RoleLexicon | None = None) -> None:  # fmt: skip
        self.conn = conn
        self._canonical: dict[str, str | None] = {}
        # while learning a document: the words of its names -> the actors with an alias holding
        # them, read once and kept up to date with this registry's writes (person_candidates)
        self._by_word: dict[str, set[str]] | None = None
        self._new_norms: list[str] | None = None  # while learning: norms whose name_words wait for the end
        self.gz = gazetteer or Gazetteer.default()
        self.lex = lexicon or RoleLexicon.default()

    # ------------------------------------------------------------------ seeding

    def seeded(self) -> bool:
        return self.conn.execute(_SEEDED).first() is not None

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
            insert_missing(self.conn, name_words, name_word_rows(a["norm"] for a in new_aliases))
        return len(new_actors)

    # ------------------------------------------------------------------ basic rows

    def canonical(self, actor_id: str | None) -> str | None:
        """The actor ``actor_id`` is now: itself, or the actor it was merged into (remembered
        until this registry creates, merges or splits actors)."""
        if actor_id is None:
            return None
        if actor_id not in self._canonical:
            self._canonical[actor_id] = self._find_canonical(actor_id)
        return self._canonical[actor_id]

    def _known(self, ids: Iterable[str | None]) -> bool:
        """Look up at once the actors of ``ids`` that :meth:`canonical` will be asked for: those
        that exist are their own canonical actor (the others are looked up when asked).  True
        when one of them came from the gazetteer (the registry is seeded)."""
        wanted = sorted({i for i in ids if i is not None and i not in self._canonical})
        seeded = False
        for part in chunks(wanted):
            for actor_id, created_by in self.conn.execute(_PRESENT, {"ids": list(part)}).all():
                self._canonical[actor_id] = actor_id
                seeded = seeded or created_by == "gazetteer"
        return seeded

    def forget(self) -> None:
        """Drop what :meth:`canonical` remembers (actors were created, merged or split)."""
        self._canonical.clear()

    def _find_canonical(self, actor_id: str | None) -> str | None:
        seen: set[str] = set()
        while actor_id is not None and actor_id not in seen:
            seen.add(actor_id)
            if self.conn.execute(_EXISTS, {"id": actor_id}).first() is not None:
                return actor_id
            actor_id = self.conn.execute(_MERGED_INTO, {"id": actor_id}).scalar()
        return None

    def row(self, actor_id: str) -> dict[str, Any]:
        found = self.conn.execute(select(actors).where(actors.c.id == actor_id)).mappings().first()
        if found is None:
            raise NotFound(f"no actor {actor_id!r}")
        return dict(found)

    def new_id(self, kind: str, name: str) -> str:
        base = f"{_PREFIX.get(kind, kind)}:{slug(name)}"
        for first in range(1, 10**6, 20):  # base, base-2, base-3 ...: the first not taken (exact lookups)
            candidates = [base if n == 1 else f"{base}-{n}" for n in range(first, first + 20)]
            used = set(self.conn.execute(_TAKEN_IDS, {"ids": candidates}).scalars())  # actors and merged ids
            free = [c for c in candidates if c not in used]
            if free:
                return free[0]
        raise InvalidQuery(f"no free actor id for {name!r}")

    def create(self, kind: str, name: str, country: str | None, created_by: str, match_key: str | None = None,
               *, aliases: Sequence[str] = ()) -> str:  # fmt: skip
        """A new actor named ``name``, known by ``name`` and ``aliases`` (from ``created_by``)."""
        actor_id = self.new_id(kind, name)
        self._canonical.pop(actor_id, None)  # a free id was no actor and was merged into none: nothing else moves
        self.conn.execute(
            insert(actors).values(
                id=actor_id, name=name, kind=kind, country=country, created_by=created_by,
                match_key=fit(match_key, NAME_LENGTH) if match_key else None,
            )
        )
        self.add_aliases(actor_id, [name, *aliases], created_by, have=set())
        return actor_id

    def add_aliases(self, actor_id: str, names: Sequence[str], source: str, *, have: set[str] | None = None) -> int:
        """Add the names ``actor_id`` does not have (``have``: its aliases, when the caller knows them)."""
        if have is None:
            have = set(self.conn.execute(_ALIASES_OF, {"id": actor_id}).scalars())
        rows = [  # a name too long for the column is noise, not an alias
            {"actor_id": actor_id, "alias": n, "norm": normalise_name(n), "source": source}
            for n in dict.fromkeys(n.strip() for n in names)
            if n and n not in have and normalise_name(n) and len(n) <= NAME_LENGTH >= len(normalise_name(n))
        ]
        if rows:
            self.conn.execute(insert(actor_aliases), rows)
            if self._new_norms is not None:
                self._new_norms += [r["norm"] for r in rows]
            else:
                insert_missing(self.conn, name_words, name_word_rows(r["norm"] for r in rows))
            if self._by_word is not None:
                for r in rows:
                    for w in index_words(r["norm"], WORD_LENGTH):
                        if w in self._by_word:
                            self._by_word[w].add(actor_id)
        return len(rows)

    def add_role(self, actor_id: str, *, title: str, role: str, country: str | None, organisation: str | None,
                 start: date | None, end: date | None, source: str, doc_id: str | None = None) -> None:  # fmt: skip
        self.conn.execute(insert(actor_roles).values(
            actor_id=actor_id, title=title, role=fit(role, ROLE_LENGTH), country=country, organisation=organisation,
            start=start, end=end, source=source, doc_id=doc_id,
        ))  # fmt: skip

    # ------------------------------------------------------------------ persons

    def person_candidates(self, words: Sequence[str]) -> list[Candidate]:
        """Registry persons with a name sharing one of ``words``, with all their names."""
        return self._candidates(words)[0]

    def _candidates(self, words: Sequence[str]) -> tuple[list[Candidate], dict[str, set[str]]]:
        """:meth:`person_candidates`, and the aliases (as written) of each candidate."""
        if not words:
            return [], {}
        # in two steps, each through an index: the actors whose aliases hold one of the words
        # (name_words), then their names; never "every person, then check" (a planner's choice)
        wanted = sorted({fit(w, WORD_LENGTH) for w in words})
        by_word = self._by_word
        if by_word is not None and all(w in by_word for w in wanted):
            ids = sorted(set().union(*(by_word[w] for w in wanted)))
        else:
            self._write_words()
            ids = sorted(set(self.conn.execute(_IDS_BY_WORDS, {"words": wanted}).scalars().all()))
        found: dict[str, tuple[str, str | None, str, list[str]]] = {}
        aliases: dict[str, set[str]] = {}
        for part in chunks(ids):
            rows = self.conn.execute(_PERSON_NAMES, {"ids": list(part)}).all()
            for actor_id, name, country, created_by, norm, alias in rows:
                found.setdefault(actor_id, (name, country, created_by, []))[3].append(norm)
                aliases.setdefault(actor_id, set()).add(alias)
        cands = [
            Candidate(i, name, country, tuple(norms), provisional=created_by == "learned" and len(words_of(name)) == 1)
            for i, (name, country, created_by, norms) in found.items()
        ]
        return cands, aliases

    def learn_person(self, p: PersonFacts, day: date | None, doc_id: str, at: datetime) -> str | None:
        words = words_of(p.name)
        cands, aliases = self._candidates(words)
        verdict, actor_id = choose_person(p.name, p.country, cands)
        if verdict == "ambiguous" or (verdict == "new" and len(words) == 1 and not p.party):
            return None
        if actor_id is None:
            actor_id = self.create("person", p.name, p.country, "learned", aliases=[p.name, *p.aliases])
        else:  # a candidate: its country and every alias were just read
            if p.country is not None and next(c.country for c in cands if c.id == actor_id) is None:
                self.conn.execute(_SET_COUNTRY, {"actor_id": actor_id, "country": p.country})
            self.add_aliases(actor_id, [p.name, *p.aliases], "learned", have=aliases[actor_id])
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
                        self.merge(actor_id, c.id, by="learned", at=at)
        if p.roles:  # after the merges above: the rows are the kept actor's
            self.conn.execute(insert(actor_roles), [
                {"actor_id": actor_id, "title": r.title, "role": fit(r.role, ROLE_LENGTH), "country": r.country,
                 "organisation": r.organisation, "start": day, "end": day, "source": "learned", "doc_id": doc_id}
                for r in p.roles
            ])  # fmt: skip
        return actor_id

    # ------------------------------------------------------------------ bodies

    def learn_body(self, b: BodyFacts) -> str | None:
        if b.gazetteer is not None:
            return self.canonical(b.gazetteer)
        norm = normalise_name(b.name)
        key = fit(b.match_key, NAME_LENGTH) if b.match_key else None
        actor_id: str | None = None
        have: set[str] | None = None
        if key is not None:  # the first body of this key, and its aliases, in one query
            for i, alias in self.conn.execute(_BODY_BY_KEY, {"key": key}).all():
                if actor_id is None:
                    actor_id, have = i, set()
                if i == actor_id and have is not None and alias is not None:
                    have.add(alias)
        else:
            q = select(actors.c.id).where(actors.c.match_key.is_(None)).order_by(bytewise(actors.c.id)).limit(1)
            actor_id = self.conn.execute(q).scalar()
        if actor_id is None:  # the bodies with this name: by the alias index, then their rows
            named = sorted(set(self.conn.execute(_IDS_BY_NORM, {"norm": norm}).scalars()))
            q = (
                select(actors.c.id, actors.c.country)
                .where(actors.c.id.in_(named), actors.c.kind.in_(("organisation", "group")))
                .order_by(bytewise(actors.c.id))
            )
            actor_id = next((i for i, c in self.conn.execute(q) if compatible(c, b.country)), None) if named else None
        if actor_id is None:
            return self.create(b.kind, b.name, b.country, "learned", b.match_key, aliases=[b.name, *b.aliases])
        self.add_aliases(actor_id, [b.name, *b.aliases], "learned", have=have)
        return actor_id

    def state(self, country: str | None) -> str | None:
        return self.canonical(f"state:{country}") if country else None

    # ------------------------------------------------------------------ learning a document

    def learn(
        self, analysis: Analysis, events_: Sequence[Event], report_ids: Sequence[str], *, at: datetime,
        fresh: bool = False,
    ) -> list[Refs]:
        """Learn from one document and return the canonical (actor, recipient) of each event;
        ``at`` stamps the merges learning makes (the ingest time).

        Re-learning a document first forgets the roles and descriptions it taught (``fresh``:
        the document was never stored, there is nothing to forget)."""
        doc = analysis.document
        facts = read_document(analysis, events_, gazetteer=self.gz, lexicon=self.lex)
        if not self._known(self._named(analysis, facts)) and not self.seeded():
            self.seed()
            self.forget()
            self._known(self._named(analysis, facts))
        if not fresh:
            self.conn.execute(
                delete(actor_roles).where(actor_roles.c.doc_id == doc.id, actor_roles.c.source == "learned")
            )
            self.conn.execute(delete(actor_descriptions).where(actor_descriptions.c.doc_id == doc.id))
            self.conn.execute(delete(description_roles).where(description_roles.c.doc_id == doc.id))
        self._by_word, self._new_norms = self._word_actors(facts), []
        try:
            out = self._learn(analysis, facts, report_ids, at)
            self._write_words()
            return out
        finally:
            self._by_word = self._new_norms = None

    def _write_words(self) -> None:
        """Index the words of the aliases added while learning (one statement a document)."""
        if self._new_norms:
            insert_missing(self.conn, name_words, name_word_rows(self._new_norms))
            self._new_norms.clear()

    def _word_actors(self, facts: DocumentFacts) -> dict[str, set[str]]:
        """The actors with an alias holding a word of the names :meth:`person_candidates` will be
        asked about for this document (persons, and one-word bodies that may be surnames)."""
        names = [p.name for p in facts.persons] + [b.name for b in facts.bodies if b.gazetteer is None]
        words = sorted({fit(w, WORD_LENGTH) for n in names for w in words_of(n)})
        out: dict[str, set[str]] = {w: set() for w in words}
        for part in chunks(words):
            for word, actor_id in self.conn.execute(_WORD_ACTORS, {"words": list(part)}).all():
                out[word].add(actor_id)
        return out

    def _learn(self, analysis: Analysis, facts: DocumentFacts, report_ids: Sequence[str], at: datetime) -> list[Refs]:
        doc = analysis.document
        by_entity: dict[int, str | None] = {}
        for p in sorted(facts.persons, key=lambda p: -len(words_of(p.name))):  # full names first
            by_entity[p.entity] = self.learn_person(p, facts.day, doc.id, at)
        for b in facts.bodies:
            by_entity[b.entity] = self._person_slip(b, facts.person_words, by_entity) or self.learn_body(b)
        out: list[Refs] = []
        for (actor_ref, recipient_ref), report_id in zip(facts.parties, report_ids, strict=True):
            out.append((
                self._party(actor_ref, analysis, by_entity, facts.day, report_id, "actor", doc.id),
                self._party(recipient_ref, analysis, by_entity, facts.day, report_id, "recipient", doc.id),
            ))  # fmt: skip
        learned = [(r, p.country) for p in facts.persons for r in p.roles]
        if learned:  # descriptions stored earlier may now have a holder (or another one)
            countries = {c for r, home in learned for c in (r.country, home) if c}
            self.reresolve(countries=countries, roles={r.role for r, _ in learned}, skip_doc=doc.id)
        return out

    @staticmethod
    def _named(analysis: Analysis, facts: DocumentFacts) -> list[str | None]:
        """The ids of the gazetteer bodies and states the parties of a document may resolve to."""
        out: list[str | None] = [b.gazetteer for b in facts.bodies]
        for ref in (ref for refs in facts.parties for ref in refs if ref is not None):
            if ref.via == "state" and ref.country:
                out.append(f"state:{ref.country}")
            elif ref.via == "body":
                out.append(ref.key)
            elif ref.via == "entity" and ref.entity is not None:
                ent = analysis.entities[ref.entity]
                out.append(f"state:{ent.country}" if ent.kind == EntityKind.STATE and ent.country else None)
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
            if by_entity.get(ref.entity) is not None:
                return by_entity[ref.entity]
            ent = analysis.entities[ref.entity]
            if ent.kind == EntityKind.STATE:
                return self.state(ent.country)
            if ent.kind == EntityKind.ORGANISATION and ref.country and ent.country is None:
                # "the Defence Ministry" of no named state: the coder found its state in the context
                display, key, country = body_identity(ent.name, ref.country, self.gz, self.lex)
                if key is not None:
                    found = self.learn_body(BodyFacts(ent.id, display, ent.kind.value, country, None, key, (ent.name,)))
                    by_entity[ref.entity] = found
                    return found
            return None
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
            if d.country:  # found again by office and country when holders change (reresolve)
                self.conn.execute(insert(description_roles), [
                    {"role": fit(r, ROLE_LENGTH), "country": d.country, "report_id": report_id, "party": party,
                     "doc_id": doc_id}
                    for r in dict.fromkeys(d.keys)
                ])  # fmt: skip
            return holder
        return None

    # ------------------------------------------------------------------ office holders

    def holder(self, keys: Sequence[str], country: str | None, day: date | None) -> str | None:
        """The person holding one of the offices ``keys`` (best first) in ``country`` on ``day``."""
        if not keys or country is None:
            return None
        offices = list(keys)
        found = self.conn.execute(_HOLDERS, {"offices": offices, "country": country}).all()
        rows = [Holding(a, offices.index(role), s, e, src) for a, role, s, e, src in found]
        return choose_holder(rows, day)

    def reresolve(
        self, *, countries: set[str] | None = None, roles: set[str] | None = None, skip_doc: str | None = None
    ) -> int:
        """Resolve stored descriptions again (after new roles, an import or a merge): all, or
        those of ``countries`` that may denote one of ``roles``; returns how many changed.
        Reports and their events follow."""
        q = select(actor_descriptions)
        if countries is not None:
            q = q.where(actor_descriptions.c.country.in_(sorted(countries)))
        if skip_doc is not None:
            q = q.where(actor_descriptions.c.doc_id != skip_doc)
        changed = 0
        for d in self._descriptions(q, countries, roles):
            if roles is not None and not roles.intersection(d["roles"]):
                continue
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

    def _descriptions(self, q: Select[Any], countries: set[str] | None, roles: set[str] | None) -> list[Any]:
        """The rows of ``q``; with ``roles``, only descriptions that may denote one of them, found
        through ``description_roles`` (not by reading every description of the countries)."""
        if roles is None:
            return list(self.conn.execute(q).mappings().all())
        dr = description_roles.c
        keys_q = select(dr.report_id, dr.party).where(dr.role.in_(sorted(fit(r, ROLE_LENGTH) for r in roles)))
        if countries is not None:
            keys_q = keys_q.where(dr.country.in_(sorted(countries)))
        wanted = set(self.conn.execute(keys_q.distinct()).all())
        out: list[Any] = []
        for part in chunks(sorted({r for r, _ in wanted})):
            rows = self.conn.execute(q.where(actor_descriptions.c.report_id.in_(part))).mappings().all()
            out += [d for d in rows if (d["report_id"], d["party"]) in wanted]
        return sorted(out, key=lambda d: (d["report_id"], d["party"]))

    # ------------------------------------------------------------------ merge and split

    def merge(self, kept: str, merged: str, *, by: str, at: datetime) -> str:
        """Move ``merged``'s aliases, roles and references to ``kept``, log it, drop ``merged``."""
        a, b = self.canonical(kept), self.canonical(merged)
        self.forget()
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
        for ids in (self._by_word or {}).values():  # b's aliases are a's now
            if b in ids:
                ids.discard(b)
                ids.add(a)
        snapshot = {"actor": {k: row[k] for k in ("id", "name", "kind", "country", "created_by", "match_key")},
                    "aliases": [r["alias"] for r in aliases], "moved_aliases": moved, "dropped_aliases": dropped,
                    "roles": roles, "refs": refs}  # fmt: skip
        self.conn.execute(insert(actor_merges).values(kept=a, merged=b, snapshot=snapshot, by=by, at=at))
        return a


def chunks(ids: Sequence[Any], size: int = 500) -> Iterator[Sequence[Any]]:
    for i in range(0, len(ids), size):
        yield ids[i : i + size]
