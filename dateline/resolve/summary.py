"""One event from the reports merged into it: category, parties, place, date, amounts, and where
its sources disagree.

Votes count *independent* sources (a syndicated copy votes with its original), so forty copies
of one wire story do not outvote two outlets that checked.  The date kept is the most precise
one consistent with the most sources (a day beats a month that contains it; when sources name
two different days the span covering both is kept); values that sources dispute are recorded
as :class:`~dateline.views.Disagreement` instead of being hidden.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date

from ..periods import calendar_date
from ..records import EventDate, Party, Place, Quantity
from ..views import ClaimedValue, Disagreement
from .merge import (
    SAME,
    STRENGTH_RANK,
    DateFacts,
    Facts,
    MergeRules,
    PartyFacts,
    PlaceFacts,
    PlaceLevel,
    Strength,
    combine,
    party_match,
)


@dataclass(frozen=True)
class Member:
    """One report of an event, as the summary needs it."""

    report: str
    doc: str
    group: str  # the syndication group: the original document of this one, or itself
    published: date | None
    type: str
    mode: str | None
    actor: Party | None
    recipient: Party | None
    location: Place | None
    date: EventDate
    quantities: tuple[Quantity, ...]
    confidence: float
    facts: Facts


@dataclass(frozen=True)
class Summary:
    type: str
    mode: str | None
    actor: Party | None
    recipient: Party | None
    location: Place | None
    date: EventDate
    quantities: tuple[Quantity, ...]
    confidence: float
    n_sources: int
    disagreements: tuple[Disagreement, ...]
    actor_from: tuple[str, str] | None  # (report, its role) the party was kept from
    recipient_from: tuple[str, str] | None
    facts: Facts  # the event as one unit for further merging


def _quality(m: Member) -> tuple[int, bool, bool, float, str]:
    s = m.facts.when.strength
    return (STRENGTH_RANK[s], m.actor is not None, m.recipient is not None, m.confidence, m.report)


def _votes(members: Iterable[Member]) -> int:
    return len({m.group for m in members})


def _choose_mode(members: Sequence[Member], type_: str) -> str | None:
    """The mode most sources of the event's category give ("visit" over a plain meeting)."""
    counts: dict[str, int] = {}
    for m in members:
        if m.type == type_ and m.mode:
            counts[m.mode] = counts.get(m.mode, 0) + 1
    return max(sorted(counts), key=lambda k: counts[k]) if counts else None


def _choose_type(members: Sequence[Member]) -> str:
    by_type: dict[str, list[Member]] = {}
    for m in members:
        by_type.setdefault(m.type, []).append(m)
    return max(by_type, key=lambda t: (_votes(by_type[t]), max(_quality(m) for m in by_type[t])))


def _oriented(members: Sequence[Member], head: Member, rules: MergeRules) -> list[tuple[Member, bool]]:
    """Each member with whether its actor and recipient are swapped relative to ``head``."""
    out = []
    for m in members:
        swap = False
        if head.type in rules.symmetric and m.type in rules.symmetric:

            def fit(p: PartyFacts | None, q: PartyFacts | None) -> float:
                return party_match(p, q) if p and q else 0.0

            f, h = m.facts, head.facts
            straight = fit(f.actor, h.actor) + fit(f.recipient, h.recipient)
            swapped = fit(f.recipient, h.actor) + fit(f.actor, h.recipient)
            swap = swapped > straight
        out.append((m, swap))
    return out


@dataclass
class _Identity:
    head: PartyFacts
    parties: list[_Found]


OVERLAP = 0.5  # parties of one role that overlap this much: one under two names (a minister and his state)
_Found = tuple[Party, PartyFacts, Member, str]  # a party, its facts, the report naming it, in which role


def _choose_party(found: list[_Found]) -> tuple[Party | None, PartyFacts | None, tuple[str, str] | None]:
    """The party most independent sources name (then most reports; then a name beats a
    description, a person his state), under its fullest name, with every other name as an alias;
    and its facts (the kind and country the merge compares: the registry's, when known)."""
    identities: list[_Identity] = []
    for item in found:
        home = next((i for i in identities if party_match(i.head, item[1]) >= SAME), None)
        if home is None:
            identities.append(_Identity(item[1], [item]))
        else:
            home.parties.append(item)
    if not identities:
        return None, None, None

    def rank(i: _Identity) -> tuple[int, int, bool, int, int]:
        kind = {"person": 3, "organisation": 2, "state": 1}.get(i.head.kind, 0)
        return _votes(t[2] for t in i.parties), len(i.parties), not i.head.generic, kind, -identities.index(i)

    best = max(identities, key=rank)
    if best.head.kind == "state" and best.head.country:
        # a named person or body of that state says more (and names the state as its country)
        inside = [i for i in identities if i.head.kind in ("person", "organisation") and not i.head.generic
                  and i.head.country == best.head.country]  # fmt: skip
        if inside:
            best = max(inside, key=rank)
    party, pf, member, role = max(best.parties, key=lambda t: _display_rank(t, best.parties))
    names: dict[str, None] = {}
    for t in best.parties:
        for n in (t[0].name, *t[0].aliases):
            if n != party.name:
                names.setdefault(n, None)
    chosen = Party(party.name, party.kind, tuple(names), party.country, actor_id=party.actor_id)
    facts = PartyFacts.of(chosen.name, pf.kind, pf.country, chosen.aliases, chosen.actor_id)
    # the event is compared under every name its reports give this party (a minister and his
    # state), so that the order reports were merged in does not decide what joins it next
    # (and the names one sentence coded twice gives it: "lawmaker X, who led the protesters")
    spans = {sp for t in best.parties for sp in t[2].facts.spans}
    others = {n for i in identities if i is not best and (party_match(best.head, i.head) >= OVERLAP or any(
              spans & t[2].facts.spans for t in i.parties)) for n in i.head.names}  # fmt: skip
    if facts is not None and others:
        facts = replace(facts, names=facts.names | others)
    return chosen, facts, (member.report, role)


def _display_rank(found: _Found, among: list[_Found]) -> tuple[bool, bool, int, int, int, str]:
    """Which name of a party to show: a name over a description, then a person's fullest name,
    else the name most sources use."""
    party, pf, member, _ = found
    votes = _votes(t[2] for t in among if t[0].name == party.name)
    proper = "'s" not in party.name and all(w[:1].isupper() for w in party.name.split())  # a name, not a title
    length = len(party.name.split()) if pf.kind == "person" else 0
    return (not pf.generic, proper, length, votes, -len(party.name), member.report)


def _choose_place(members: Sequence[Member]) -> tuple[Place | None, Disagreement | None]:
    found: dict[str, list[tuple[Place, PlaceFacts, Member]]] = {}
    for m in members:
        if m.location is not None and m.facts.place is not None:
            found.setdefault(m.facts.place.name, []).append((m.location, m.facts.place, m))
    if not found:
        return None, None

    def rank(name: str) -> tuple[int, int, str]:
        level = found[name][0][1].level
        return (level is not PlaceLevel.COUNTRY, _votes(m for _, _, m in found[name]), name)

    best = max(found, key=rank)
    place = found[best][0][0]
    specific = [n for n in found if found[n][0][1].level is not PlaceLevel.COUNTRY]
    disputed = None
    if len(specific) > 1:
        disputed = Disagreement("location", place.name, tuple(
            ClaimedValue(found[n][0][0].name, *_said_by(m for _, _, m in found[n])) for n in sorted(specific)
        ))  # fmt: skip
    return place, disputed


def _said_by(members: Iterable[Member]) -> tuple[tuple[str, ...], tuple[str, ...]]:
    ms = list(members)
    return tuple(sorted({m.report for m in ms})), tuple(sorted({m.doc for m in ms}))


def date_label(d: EventDate) -> str:
    value, first, last = calendar_date(d.value, d.first, d.last)
    if value:
        return value
    if first and last:
        return f"{first.isoformat()}/{last.isoformat()}"
    return "unknown"


def _overlap(a: EventDate, b: EventDate) -> bool:
    return bool(a.first and a.last and b.first and b.last and a.first <= b.last and b.first <= a.last)


def _choose_date(members: Sequence[Member]) -> tuple[Member | None, Disagreement | None]:
    """The date of the members of the most trusted strength that is consistent with the most
    independent sources, the most precise first.

    A date is supported by the sources whose dates overlap it and are no more precise: a broad
    date ("earlier in the week") backs the day inside it, but two days that disagree do not
    make the week that holds both the event's date."""
    dated = [m for m in members if m.date.first is not None and m.date.last is not None]
    if not dated:
        return None, None
    top = max(STRENGTH_RANK[m.facts.when.strength] for m in dated)
    pool = [m for m in dated if STRENGTH_RANK[m.facts.when.strength] == top]

    def rank(c: Member) -> tuple[int, int, int, date, str]:
        days = c.facts.when.days
        support = _votes(m for m in pool if m.facts.when.days >= days and _overlap(m.date, c.date))
        return (support, -days, c.facts.when.strength is Strength.FIRM, _neg(c.published), c.report)

    best = max(pool, key=rank)
    disputed = None
    clashing = [a for a in pool if any(not _overlap(a.date, b.date) for b in pool)]
    if clashing:  # only the values some other source contradicts (a span covering both is not)
        by_value: dict[str, list[Member]] = {}
        for m in clashing:
            by_value.setdefault(date_label(m.date), []).append(m)
        disputed = Disagreement("date", date_label(best.date), tuple(
            ClaimedValue(v, *_said_by(ms)) for v, ms in sorted(by_value.items())
        ))  # fmt: skip
    return best, disputed


def _neg(d: date | None) -> date:
    """Earlier publication ranks higher under ``max``."""
    return date.max - (d - date.min) if d else date.min


def _quantities(members: Sequence[Member]) -> tuple[tuple[Quantity, ...], list[Disagreement]]:
    kept: dict[tuple[float, str | None, str], Quantity] = {}
    heads: dict[str, dict[float, list[Member]]] = {}
    for m in members:
        for q in m.quantities:
            item = (q.item or "").strip()
            kept.setdefault((q.value, q.unit, item.lower()), q)
            head = item.lower().split()[-1] if item else ""
            if head.isalpha() and not q.approx:
                heads.setdefault(head, {}).setdefault(q.value, []).append(m)
    disputes = []
    for head, values in sorted(heads.items()):
        if len(values) > 1 and _votes(m for ms in values.values() for m in ms) > 1:
            disputes.append(Disagreement(f"quantity {head}", None, tuple(
                ClaimedValue(f"{v:g}", *_said_by(ms)) for v, ms in sorted(values.items())
            )))  # fmt: skip
    return tuple(kept.values()), disputes


def summarise(key: str, members: Sequence[Member], rules: MergeRules | None = None) -> Summary:
    """The event that ``members`` (one or more reports) describe."""
    if not members:
        raise ValueError("an event needs at least one report")
    rules = rules or MergeRules.default()
    type_ = _choose_type(members)
    head = max((m for m in members if m.type == type_), key=_quality)
    mode = _choose_mode(members, type_)
    oriented = _oriented(members, head, rules)
    actor, actor_facts, actor_from = _choose_party(_role_parties(oriented, "actor"))
    recipient, recipient_facts, recipient_from = _choose_party(_role_parties(oriented, "recipient"))
    place, place_dispute = _choose_place(members)
    dated, date_dispute = _choose_date(members)
    when = dated.date if dated is not None else EventDate.unknown()
    quantities, qty_disputes = _quantities(members)
    disputes = tuple(d for d in (date_dispute, place_dispute, *qty_disputes) if d is not None)
    strength = dated.facts.when.strength if dated is not None else Strength.UNKNOWN
    head_facts = replace(
        head.facts,
        type=type_,
        mode=mode,
        actor=actor_facts,
        recipient=recipient_facts,
        place=PlaceFacts.of(place.name, place.country) if place else None,
        when=DateFacts(when.first, when.last, strength, own=dated is not None and dated.facts.when.own,
                       headline=dated is not None and dated.facts.when.headline),
    )
    return Summary(
        type=type_,
        mode=mode,
        actor=actor,
        recipient=recipient,
        location=place,
        date=when,
        quantities=quantities,
        confidence=max(m.confidence for m in members),
        n_sources=len(members),
        disagreements=disputes,
        actor_from=actor_from,
        recipient_from=recipient_from,
        facts=combine(key, [m.facts for m in members], head_facts),
    )


def _role_parties(oriented: list[tuple[Member, bool]], role: str) -> list[_Found]:
    out = []
    pick: dict[str, Callable[[Member], tuple[Party | None, PartyFacts | None]]] = {
        "actor": lambda m: (m.actor, m.facts.actor),
        "recipient": lambda m: (m.recipient, m.facts.recipient),
    }
    other = "recipient" if role == "actor" else "actor"
    for m, swapped in sorted(oriented, key=lambda t: _quality(t[0]), reverse=True):
        source = other if swapped else role
        party, pf = pick[source](m)
        if party is not None and pf is not None:
            out.append((party, pf, m, source))
    return out
