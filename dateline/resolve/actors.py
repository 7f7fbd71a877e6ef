"""The canonical actor registry's logic: what one document teaches about actors, and how a
name or a description picks one registry actor.  The database side is
:mod:`dateline.store.actors`; this module does no I/O.

What a document teaches (:func:`read_document`):

- **persons**: the fullest name of each person entity, its other names, its country, and its
  current titles as roles (:class:`~dateline.resolve.titles.RoleMention`), read from the
  entity's titles and from the text right before and after each name ("Belarusian Security
  Council Secretary X", "X, who serves as the secretary of ...");
- **bodies**: organisations and groups, with a match key that keeps same-named bodies of
  different states apart ("Defence Ministry" of two states);
- **parties**: for each event, how its actor and recipient should be resolved: through a
  document entity, a state, or a definite description ("Kazakhstan's top diplomat"), whose
  full phrase is read back from the evidence sentence.

How a name picks an actor (:func:`choose_person`): a full name matches a registry person of
that name (or one whose name contains it or is contained in it, sharing two words); a
surname or other partial name matches the one registry person whose name contains it, among
persons of a compatible country (the same, or either unknown), and stays ambiguous otherwise.

How a description picks a person (:func:`choose_holder`): among the persons holding a
matching office in that country, the one holding it at the document's date: a user-given
term that covers the date, else the person whose learned observations span the date, else
the one observed nearest to it (within :data:`MAX_GAP_DAYS`).
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from ..datafiles import load_yaml
from ..entities.gazetteer import Gazetteer
from ..errors import ConfigError
from ..records import Analysis, Entity, EntityKind, Event, Mention, Party
from ..store.keys import normalise_name
from .titles import RoleLexicon, RoleMention

__all__ = [
    "MAX_GAP_DAYS",
    "BodyFacts",
    "Candidate",
    "DocumentFacts",
    "Holding",
    "NameRules",
    "PartyRef",
    "PersonFacts",
    "choose_holder",
    "choose_person",
    "compatible",
    "read_document",
]

MAX_GAP_DAYS = 730  # a learned office holder is trusted this far from the dates it was seen
_NAMES = "data/actors/names.yaml"
_WORD = re.compile(r"[A-Za-z\u00C0-\u024F][\w'’\-.]*|[,.;:!?\"“”()]")
_COMPOUND_TAILS = ("-led", "-backed", "-based", "-brokered", "-run", "-owned", "-funded", "-made", "-held")


# --------------------------------------------------------------------------- names


@dataclass(frozen=True)
class NameRules:
    not_in_names: frozenset[str]
    particles: frozenset[str]
    not_given_names: frozenset[str]

    @classmethod
    def default(cls) -> NameRules:
        return _default_names()


@functools.cache
def _default_names() -> NameRules:
    data = load_yaml(_NAMES) or {}
    keys = {"not_in_names", "particles", "not_given_names"}
    if not isinstance(data, dict) or set(data) - keys:
        raise ConfigError(f"names.yaml: expected the keys {sorted(keys)}")
    return NameRules(
        *(
            frozenset(str(w).lower() for w in data.get(k) or ())
            for k in sorted(keys, key=["not_in_names", "particles", "not_given_names"].index)
        )
    )


@functools.lru_cache(maxsize=1 << 16)
def words_of(name: str) -> tuple[str, ...]:
    """Normalised words of a name: "Ana-Maria Roe" -> ("ana", "maria", "roe") (cached)."""
    return tuple(normalise_name(name).split())


def compatible(a: str | None, b: str | None) -> bool:
    """Two countries that may be the same person's: equal, or one of them unknown."""
    return a is None or b is None or a == b


def looks_like_person(name: str, gz: Gazetteer, rules: NameRules, outlet: str | None = None) -> bool:
    """A name NER called a person that may be learned as one: capitalised words (particles
    aside), no digits, no word of bodies or places ("Herald", "Tower"), not a known place or
    body, not the outlet."""
    raw = [w for w in re.split(r"\s+", name.strip()) if w]
    if not raw or any(ch.isdigit() for ch in name):
        return False
    for w in raw:
        if w.lower().strip(".") in rules.particles or w.lower().startswith(("al-", "el-")):
            continue
        if not w[0].isupper():
            return False
    words = words_of(name)
    if not words or any(w in rules.not_in_names for w in words):
        return False
    if len(words) == 1 and len(words[0]) < 3:
        return False
    if gz.lookup(name) is not None and not gz.also_person_name(name):
        return False
    return not (outlet and normalise_name(name) in normalise_name(outlet))


# --------------------------------------------------------------------------- document facts


@dataclass(frozen=True)
class PersonFacts:
    """A person entity of one document, as the registry learns it."""

    entity: int
    name: str
    aliases: tuple[str, ...]
    country: str | None
    roles: tuple[RoleMention, ...]
    party: bool  # an actor or recipient of an event in the document


@dataclass(frozen=True)
class BodyFacts:
    """An organisation or armed group of one document.

    ``gazetteer`` is its gazetteer key ("org:UN") when the gazetteer knows it; otherwise
    ``match_key`` ("KAZ:foreign ministry") identifies it across documents."""

    entity: int
    name: str
    kind: str
    country: str | None
    gazetteer: str | None
    match_key: str | None
    aliases: tuple[str, ...]


@dataclass(frozen=True)
class PartyRef:
    """How one event party resolves: ``via`` is ``entity`` (a document entity), ``state``
    (``country`` is the state), ``body`` (a gazetteer body, ``key``) or ``description``."""

    via: str
    name: str
    entity: int | None = None
    country: str | None = None
    key: str | None = None
    description: RoleMention | None = None


@dataclass(frozen=True)
class DocumentFacts:
    day: date | None
    persons: tuple[PersonFacts, ...]
    bodies: tuple[BodyFacts, ...]
    person_words: dict[int, frozenset[str]]  # entity -> words of its names (for org slips)
    parties: tuple[tuple[PartyRef | None, PartyRef | None], ...]  # per event: actor, recipient


def read_document(
    analysis: Analysis,
    events: Sequence[Event] | None = None,
    *,
    gazetteer: Gazetteer | None = None,
    lexicon: RoleLexicon | None = None,
    rules: NameRules | None = None,
) -> DocumentFacts:
    """What ``analysis`` teaches the registry; ``events`` are the events to resolve parties
    for (default: all of the analysis's events)."""
    gz = gazetteer or Gazetteer.default()
    lex = lexicon or RoleLexicon.default()
    rules = rules or NameRules.default()
    doc = analysis.document
    evs = tuple(analysis.events if events is None else events)
    in_events = {p.entity for e in evs for p in (e.actor, e.recipient) if p is not None and p.entity is not None}
    by_entity: dict[int, list[Mention]] = {}
    for m in analysis.mentions:
        by_entity.setdefault(m.entity, []).append(m)
    persons: list[PersonFacts] = []
    bodies: list[BodyFacts] = []
    person_words: dict[int, frozenset[str]] = {}
    for ent in analysis.entities:
        if ent.kind == EntityKind.PERSON:
            facts = _person(ent, by_entity.get(ent.id, []), doc.text, doc.outlet, ent.id in in_events, gz, lex, rules)
            if facts is not None:
                persons.append(facts)
                person_words[ent.id] = frozenset(w for n in (facts.name, *facts.aliases) for w in words_of(n))
        elif ent.kind in (EntityKind.ORGANISATION, EntityKind.GROUP):
            titled = _titled_person(ent, by_entity.get(ent.id, []), doc.text, doc.outlet, ent.id in in_events,
                                    gz, lex, rules)  # fmt: skip
            if titled is not None:
                persons.append(titled)
                person_words[ent.id] = frozenset(words_of(titled.name))
                continue
            body = _body(ent, gz, lex)
            if body is not None:
                bodies.append(body)
    parties = tuple(
        (_party_ref(e.actor, e, "actor", analysis, gz, lex), _party_ref(e.recipient, e, "recipient", analysis, gz, lex))
        for e in evs
    )
    return DocumentFacts(doc.published.value, tuple(persons), tuple(bodies), person_words, parties)


def _person(ent: Entity, mentions: list[Mention], text: str, outlet: str | None, party: bool,
            gz: Gazetteer, lex: RoleLexicon, rules: NameRules) -> PersonFacts | None:  # fmt: skip
    name = ent.name
    if len(words_of(name)) == 1:  # NER cut the given name off: "Aidos" as a title of "Kemelbayev"
        for m in mentions:
            before = text[max(0, m.start - 40) : m.start]
            found = re.search(r"([A-Z][\w'’-]+)\s$", before)
            if found and found.group(1) in ent.titles and found.group(1).lower() not in rules.not_given_names:
                name = f"{found.group(1)} {name}"
                break
    if not looks_like_person(name, gz, rules, outlet):
        return None
    own = frozenset(words_of(name))
    aliases = tuple(
        a for a in dict.fromkeys(ent.aliases)
        if a != name and looks_like_person(a, gz, rules, outlet) and set(words_of(a)) & own
    )  # fmt: skip
    drop = own | {w for a in aliases for w in words_of(a)}
    phrases = [*ent.titles]
    for m in mentions:
        if m.label == "PERSON":
            phrases.extend(_titles_around(text, m.start, m.end, lex))
    roles: dict[tuple[str, str | None], RoleMention] = {}
    for phrase in phrases:
        role = lex.parse(phrase, drop_words=drop)
        if role is None or not role.current or not role.definite:
            continue
        roles.setdefault((role.role, role.country), role)
    # a role without a country learned next to the same role with one is the same role
    kept = [r for r in roles.values() if r.country is not None or not any(
        k[0] == r.role and k[1] is not None for k in roles)]  # fmt: skip
    countries = Counter(r.country for r in kept if r.country)
    country = countries.most_common(1)[0][0] if countries else ent.country
    return PersonFacts(ent.id, name, aliases, country, tuple(kept), party)


def _titled_person(ent: Entity, mentions: list[Mention], text: str, outlet: str | None, party: bool,
                   gz: Gazetteer, lex: RoleLexicon, rules: NameRules) -> PersonFacts | None:  # fmt: skip
    """A person NER read as a body together with the end of a title ("Secretary of State
    Jane Roe" -> the body "State Jane Roe"): the title words are cut off and the rest, when it
    looks like a person's name, is the person, with the whole title as a role."""
    if gz.lookup(ent.name) is not None:
        return None
    words = ent.name.split()
    cut = 0
    while cut < len(words) - 2 and (words[cut].lower() in lex.title_words or words[cut].lower() in ("of", "for")):
        cut += 1
    rest = " ".join(words[cut:])
    if cut == 0 or not looks_like_person(rest, gz, rules, outlet):
        return None
    offset = len(ent.name) - len(rest)
    cleaned = Entity(ent.id, rest, EntityKind.PERSON, (), ent.country, ())
    moved = [Mention(m.start + offset, m.end, rest, "PERSON", m.entity) for m in mentions if m.text == ent.name]
    return _person(cleaned, moved, text, outlet, party, gz, lex, rules)


_SENTENCE_END = re.compile(r"(?<=[a-z0-9)\"”’])[.!?]\s+")
_STOP_BEFORE = frozenset({"the", "a", "an", "and", "said", "says", "told", "by", "with", "from", "to", "of"})


def _titles_around(text: str, start: int, end: int, lex: RoleLexicon) -> list[str]:
    """Title phrases written right before a name ("Belarusian Security Council Secretary X") and
    in apposition after it ("X, secretary of ...,", "X, who serves as the ...,")."""
    out: list[str] = []
    window = max(0, start - 120)
    ends = [m.end() for m in _SENTENCE_END.finditer(text, window, start)]  # not "U.S. Secretary"
    line_start = max(text.rfind("\n", 0, start), ends[-1] if ends else 0, window)
    before = _WORD.findall(text[line_start:start])
    taken: list[str] = []
    for tok in reversed(before):
        low = tok.lower().strip(".")
        if not tok[0].isalpha():
            break
        base = low[:-2] if low.endswith(("'s", "’s")) else low
        if low in ("of", "for") and taken and taken[-1][0].isupper():
            taken.append(tok)  # "Secretary of State X", "Minister for Foreign Affairs X"
            continue
        if tok[0].isupper() or base in lex.title_words or any(p in lex.title_words for p in base.split("-")):
            if low in _STOP_BEFORE:
                break
            taken.append(tok)
            if len(taken) >= 8:
                break
            continue
        break
    taken.reverse()
    while taken and taken[0].lower() in ("of", "for"):
        taken = taken[1:]
    while taken and lex.parse(" ".join(taken)) is None:
        taken = taken[1:]  # "Officials said Russian President": drop words from the left
    if taken:
        out.append(" ".join(taken))
    after = text[end : end + 160]
    found = re.match(
        r"\s*,\s+(?:who\s+(?:is|serves\s+as|has\s+been|remains|became)\s+)?([^,;.()\n]{3,110}?)\s*(?:,|;|\(|\.\s|\n|$)",
        after,
    )
    if found and not found.group(1).lower().startswith(("who ", "which ", "said", "says", "told")):
        out.append(found.group(1))
    return out


def _body(ent: Entity, gz: Gazetteer, lex: RoleLexicon) -> BodyFacts | None:
    name = ent.name.strip()
    if not name or name.lower().endswith(_COMPOUND_TAILS) or not any(ch.isupper() for ch in name):
        return None
    entry = gz.lookup(name)
    if entry is not None and entry.key.startswith("org:"):
        return BodyFacts(ent.id, entry.name, ent.kind.value, entry.country, entry.key, None, ())
    if entry is not None or ent.kind == EntityKind.GROUP:
        return None  # a state or place NER called a body; a nationality ("Korean") is no actor
    display, key, country = body_identity(name, ent.country, gz, lex)
    if key is None:
        return None
    aliases = tuple(dict.fromkeys(a for a in (name, *ent.aliases) if a != display))
    return BodyFacts(ent.id, display, ent.kind.value, country, None, key, aliases)


def body_identity(
    name: str, country: str | None, gz: Gazetteer, lex: RoleLexicon
) -> tuple[str, str | None, str | None]:
    """Display name, match key and country of a body the gazetteer does not know.

    A national body ("Security Council", "Defence Ministry") is keyed by its state, named in
    front or after "of" ("Belarusian Security Council", "Security Council of Belarus") or else
    the entity's country, and displayed with the state's demonym: all three give ("Russian
    Security Council", "RUS:security council", "RUS").  A national body of no known state
    is not learned (None key).  Other bodies are keyed by their name alone."""
    owner = gz.organisation_prefix(name)  # the organisation's body, of no state, whichever state
    # the sentence it was met in is about
    if owner is not None:  # "OAS Permanent Council", "Organization of American States' Permanent Council"
        org, part = owner
        return name, f"{org.key}:{' '.join(lex.office_words(words_of(part)) or words_of(part))}", org.country
    rest, named = name, None
    found = gz.demonym_prefix(name, states_only=True)
    if found is not None:
        named, rest = found[0].country, found[1]
    else:
        m = re.match(r"^(.*\S)\s+of\s+(?:the\s+)?(.+)$", name)
        state = gz.state_for(m.group(2)) if m else None
        if m and state is not None and state.matched_as != "capital":
            named, rest = state.country, m.group(1)
    rest = re.sub(r"^(?:the|a|an)\s+", "", rest.strip(), flags=re.I)
    words = words_of(rest)
    if not words or not any(ch.isupper() for ch in rest) or words[0] in ("first", "second", "third", "new"):
        return name, None, None
    if all(gz.state_for(p) is not None for p in re.split(r"[\s-]+", name) if p):
        return name, None, None  # "Kyrgyz-Tajik": states, no body
    if len(words) == 1 and words[0] in lex.title_words and words[0] not in _NATIONAL_HEADS:
        return name, None, None  # "Kazakh Foreign", "Defense": a body's name cut short
    if not _generic(rest, lex):
        return name, f"-:{' '.join(words_of(name))}", named or country
    country = named or country
    if country is None:
        return name, None, None
    demonyms = gz.demonyms.get(country) or ()
    display = f"{demonyms[0] if demonyms else gz.state(country).name} {rest}"
    return display, f"{country}:{' '.join(lex.office_words(words))}", country


_NATIONAL_HEADS = frozenset({
    "ministry", "council", "government", "parliament", "army", "police", "cabinet", "presidency", "service",
    "guard", "forces", "navy", "court", "committee", "agency", "office", "department", "embassy", "assembly",
    "senate", "congress", "directorate", "command", "staff", "administration", "bureau", "commission",
})  # fmt: skip


def _generic(name: str, lex: RoleLexicon) -> bool:
    """A body name every state has ("Defence Ministry", "Security Council", "Ministry of
    the Interior"): short, ending in a national body word, with no proper adjective in it
    ("Korean Central News Agency" is one body, not one per state)."""
    words = lex.office_words(words_of(name))
    proper = any(w[:1].isupper() and w.lower().endswith(("an", "ese", "ish", "ic", "i")) for w in name.split())
    return 0 < len(words) <= 3 and words[-1] in _NATIONAL_HEADS and not proper


# --------------------------------------------------------------------------- parties


def _party_ref(party: Party | None, event: Event, role: str, analysis: Analysis, gz: Gazetteer,
               lex: RoleLexicon) -> PartyRef | None:  # fmt: skip
    if party is None:
        return None
    ents = analysis.entities
    if party.entity is not None and 0 <= party.entity < len(ents) and ents[party.entity].name == party.name:
        ent = ents[party.entity]
        if ent.kind != EntityKind.LOCATION:
            return PartyRef("entity", party.name, entity=ent.id, country=party.country)
    if party.kind == EntityKind.STATE.value and party.country:
        return PartyRef("state", party.name, country=party.country)
    entry = gz.lookup(party.name)
    if entry is not None and entry.key.startswith("org:"):
        return PartyRef("body", party.name, key=entry.key, country=entry.country)
    if entry is not None and entry.kind == EntityKind.STATE and entry.country:
        return PartyRef("state", party.name, country=entry.country)
    if party.kind in (EntityKind.GROUP.value, EntityKind.PERSON.value) and party.country:
        phrase = description_phrase(analysis.document.text, event, role, party, lex)
        if phrase is not None:
            found = lex.parse(phrase)
            if found is not None and found.definite and found.current and found.country == party.country:
                return PartyRef("description", party.name, country=found.country, description=found)
    return None


def description_phrase(text: str, event: Event, role: str, party: Party, lex: RoleLexicon) -> str | None:
    """The descriptive noun phrase a group party was read from, written out in full.

    The coder names "Kazakhstan's top diplomat" as the group "Kazakhstan diplomat"; this
    finds the phrase ending in the party's head noun in the evidence sentence (before the
    trigger for an actor, after it for a recipient) and returns it with its modifiers and
    determiner ("Kazakhstan's top diplomat", "a Tajik foreign minister")."""
    head = party.name.split()[-1] if party.name.split() else ""
    if not head or head.lower() not in lex.title_words:
        return None
    ev = event.evidence
    sentence = text[ev.start : ev.end]
    spans = [m.start() for m in re.finditer(rf"\b{re.escape(head)}\b", sentence, flags=re.I)]
    if not spans:
        return None
    trigger = ev.trigger_start - ev.start
    before = [s for s in spans if s < trigger]
    after = [s for s in spans if s >= trigger]
    pick = (before[-1] if before else after[0]) if role == "actor" else (after[0] if after else before[-1])
    words = _WORD.findall(sentence[max(0, pick - 100) : pick])
    taken: list[str] = []
    for tok in reversed(words):
        low = tok.lower()
        if not tok[0].isalpha():
            break
        base = low[:-2] if low.endswith(("'s", "’s")) else low
        if low in lex.indefinite or low in ("the", "this", "that"):
            taken.append(tok)
            break
        if tok[0].isupper() or base in lex.title_words or base in lex.drop:
            taken.append(tok)
            if len(taken) >= 7:
                break
            continue
        break
    taken.reverse()
    return " ".join([*taken, sentence[pick : pick + len(head)]]) if taken else None


# --------------------------------------------------------------------------- choosing


@dataclass(frozen=True)
class Candidate:
    """A registry person a name may stand for, with every name (normalised) it is known by."""

    id: str
    name: str
    country: str | None
    names: tuple[str, ...]
    provisional: bool = False  # learned from a partial name only


def choose_person(name: str, country: str | None, candidates: Iterable[Candidate]) -> tuple[str, str | None]:
    """Which registry person ``name`` (of ``country``) is: ``("found", id)``, ``("new", None)``
    when no one fits, or ``("ambiguous", None)`` when several do."""
    words = words_of(name)
    if not words:
        return "ambiguous", None
    every = list(candidates)
    cands = [c for c in every if compatible(c.country, country)]
    norm = " ".join(words)
    if len(words) >= 2:
        exact = [c for c in every if norm in c.names and not c.provisional]
        if exact:  # a full name is strong evidence even when the countries disagree
            same = [c for c in exact if compatible(c.country, country)] or exact
            return ("found", same[0].id) if len({c.id for c in same}) == 1 else ("ambiguous", None)
        mine = set(words)
        overlap = {
            c.id for c in cands if not c.provisional and any(
                len(set(n.split())) >= 2 and len(set(n.split()) & mine) >= 2
                and (set(n.split()) <= mine or mine <= set(n.split()))
                for n in c.names
            )
        }  # fmt: skip
        if len(overlap) == 1:
            return "found", next(iter(overlap))
        return ("ambiguous", None) if overlap else ("new", None)
    word = words[0]
    hits = {c.id for c in cands if any(word in n.split() for n in c.names)}
    if len(hits) == 1:
        return "found", next(iter(hits))
    return ("ambiguous", None) if hits else ("new", None)


@dataclass(frozen=True)
class Holding:
    """One stored role row of a candidate office holder: ``rank`` is the position of its
    office among the offices a description may denote (0 best)."""

    actor: str
    rank: int
    start: date | None
    end: date | None
    source: str  # learned | user


def choose_holder(rows: Iterable[Holding], day: date | None, max_gap: int = MAX_GAP_DAYS) -> str | None:
    """The person holding the office on ``day``, or None when no one or several may."""
    by_rank: dict[int, list[Holding]] = {}
    for r in rows:
        by_rank.setdefault(r.rank, []).append(r)
    for rank in sorted(by_rank):
        found = _holder(by_rank[rank], day, max_gap)
        if found is not None:
            return found or None
    return None


def _holder(rows: list[Holding], day: date | None, max_gap: int) -> str | None:
    """The holder among rows of one office; "" when the rows are ambiguous (stop looking)."""
    user = [r for r in rows if r.source == "user"]
    if day is None:
        actors = {r.actor for r in (user or rows)}
        return next(iter(actors)) if len(actors) == 1 else ""
    covering = {r.actor for r in user if (r.start is None or r.start <= day) and (r.end is None or r.end >= day)}
    if covering:
        return next(iter(covering)) if len(covering) == 1 else ""
    ended = {r.actor for r in user}  # user terms that do not cover the day rule their holder out
    learned = [r for r in rows if r.source != "user" and r.actor not in ended]
    spans: dict[str, tuple[date, date]] = {}
    for r in learned:
        first, last = r.start or r.end, r.end or r.start
        if first is None or last is None:
            continue
        lo, hi = spans.get(r.actor, (first, last))
        spans[r.actor] = (min(lo, first), max(hi, last))
    inside = [a for a, (lo, hi) in spans.items() if lo <= day <= hi]
    if inside:
        return inside[0] if len(inside) == 1 else ""
    gaps = sorted((min(abs((lo - day).days), abs((hi - day).days)), a) for a, (lo, hi) in spans.items())
    if not gaps or gaps[0][0] > max_gap:
        return None
    if len(gaps) > 1 and gaps[1][0] == gaps[0][0]:
        return ""
    return gaps[0][1]
