"""Whether two reports describe the same real-world event: dateline's own scorer.

A report is one coded sentence-event.  :class:`Facts` holds what the scorer compares, built
from a stored report (:func:`facts_from_report`) or, for an event that already gathers several
reports, from all of them (:func:`combine`).  :func:`judge` weighs

* the **categories**: the same one, or a compatible pair of ``data/resolve/merge.yaml`` (a treaty
  agreed / signed) under its conditions (a meeting announced ahead, a *plan*, never merges with
  the meeting held);
* the **parties**: names, aliases and surnames ("Kemelbayev" / "Aidos Kemelbayev"); a person or
  body and its state overlap in part; different states, or different named people, conflict;
  symmetric categories may swap actor and recipient;
* the **dates**: firm dates (the text dates this event) that are disjoint never merge, except
  two adjacent days (an overnight event, two time zones), which merge as a recorded
  disagreement; a day and a month that contains it are compatible; unknown dates, dates that
  are only a bound (the day of the report) and disjoint inherited dates leave the decision to
  **strong other evidence**: the same named place, the same quantity, many shared words;
* the **places** (two different towns never merge; a town and its country are compatible), the
  **quantities** and the content **words** of the two sentences.

The score is a weighted mean over the evidence both sides have, times the category weight;
0 means "must not merge".  Everything here is pure: the store side is ``dateline.store.merging``.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta
from enum import StrEnum
from functools import cache
from importlib.resources import files
from itertools import pairwise
from typing import Any

import yaml

from ..store.keys import normalise_name

# --------------------------------------------------------------------------- rules (data)


class Strength(StrEnum):
    """How far an event date can be trusted (``date_rules`` in data/resolve/merge.yaml)."""

    FIRM = "firm"
    SOFT = "soft"
    BEFORE = "before"
    AFTER = "after"
    UNKNOWN = "unknown"


# inherited dates and report days are about as good a guess of the day (a report's day is
# right for the news it reports, an inherited one for the background it repeats)
STRENGTH_RANK = {Strength.FIRM: 4, Strength.SOFT: 3, Strength.BEFORE: 3, Strength.AFTER: 2, Strength.UNKNOWN: 0}


@dataclass(frozen=True)
class Compatibility:
    weight: float
    when: frozenset[str]


@dataclass(frozen=True)
class MergeRules:
    threshold: float
    compatible: Mapping[frozenset[str], Compatibility]
    symmetric: frozenset[str]
    date_rules: Mapping[str, Strength]
    stopwords: frozenset[str]

    @classmethod
    def from_yaml(cls, text: str) -> MergeRules:
        raw = yaml.safe_load(text)
        compatible = {
            frozenset(c["pair"]): Compatibility(float(c["weight"]), frozenset(c.get("when") or ()))
            for c in raw["compatible"]
        }
        return cls(
            threshold=float(raw["threshold"]),
            compatible=compatible,
            symmetric=frozenset(raw["symmetric"]),
            date_rules={k: Strength(v) for k, v in raw["date_rules"].items()},
            stopwords=frozenset(str(raw["stopwords"]).split()),
        )

    @classmethod
    def default(cls) -> MergeRules:
        return _default_rules()

    def strength(self, rule: str | None) -> Strength:
        """A date rule's strength; rules this table does not know are treated as inherited."""
        if not rule:
            return Strength.UNKNOWN
        return self.date_rules.get(rule, Strength.SOFT)

    def family(self, category: str) -> str:
        """The blocking family of a category: the categories connected to it by compatible
        pairs (so any two that may merge share it)."""
        members, grown = {category}, True
        while grown:
            grown = False
            for pair in self.compatible:
                if pair & members and not pair <= members:
                    members |= pair
                    grown = True
        return "+".join(sorted(members))


@cache
def _default_rules() -> MergeRules:
    return MergeRules.from_yaml(files("dateline").joinpath("data/resolve/merge.yaml").read_text(encoding="utf-8"))


# --------------------------------------------------------------------------- facts


@dataclass(frozen=True)
class PartyFacts:
    """A party normalised for comparison."""

    name: str
    names: frozenset[str]  # normalised name and aliases
    surnames: frozenset[str]  # last words of a person's names
    kind: str
    country: str | None
    generic: bool  # a description ("protesters", "Tajik ministry") rather than a name
    actor_id: str | None = None  # the canonical actor of the store's registry, when known

    @classmethod
    def of(cls, name: str | None, kind: str | None, country: str | None,
           aliases: Iterable[str] = (), actor_id: str | None = None) -> PartyFacts | None:  # fmt: skip
        if not name:
            return None
        names = frozenset(n for n in (name_key(x) for x in (name, *aliases)) if n)
        kind = kind or ""
        surnames = frozenset(n.split()[-1] for n in names) if kind == "person" else frozenset()
        generic = kind == "group" or not name[:1].isupper()
        return cls(name, names, surnames, kind, country or None, generic, actor_id)

    def tokens(self) -> set[str]:
        return {w for n in self.names for w in n.split()}


def name_key(name: str) -> str:
    """A name folded for comparison: ``U.N. panel`` and ``UN panel`` -> ``un panel``."""
    return normalise_name(name.replace(".", ""))


class PlaceLevel(StrEnum):
    COUNTRY = "country"
    REGION = "region"
    CITY = "city"
    OTHER = "other"


@dataclass(frozen=True)
class PlaceFacts:
    name: str  # normalised
    country: str | None
    level: PlaceLevel

    @classmethod
    def of(cls, name: str | None, country: str | None) -> PlaceFacts | None:
        if not name:
            return None
        level, found = _place_level(name)
        return cls(normalise_name(name), country or found, level)


@cache
def _place_level(name: str) -> tuple[PlaceLevel, str | None]:
    from ..entities.gazetteer import Gazetteer
    from ..records import EntityKind

    entry = Gazetteer.default().lookup(name)
    if entry is None:
        return PlaceLevel.OTHER, None
    if entry.kind == EntityKind.STATE:
        return PlaceLevel.COUNTRY, entry.country
    if entry.subtype == "region":
        return PlaceLevel.REGION, entry.country
    if entry.kind == EntityKind.LOCATION:
        return PlaceLevel.CITY, entry.country
    return PlaceLevel.OTHER, entry.country


@dataclass(frozen=True)
class DateFacts:
    first: date | None
    last: date | None
    strength: Strength

    @property
    def interval(self) -> tuple[date, date] | None:
        if self.first is None or self.last is None:
            return None
        return self.first, self.last

    @property
    def days(self) -> int:
        return (self.last - self.first).days + 1 if self.first and self.last else 0

    @property
    def dated(self) -> bool:
        """Dated by the text (firm or inherited), not only bounded or unknown."""
        return self.interval is not None and self.strength in (Strength.FIRM, Strength.SOFT)


@dataclass(frozen=True)
class Facts:
    """What the scorer compares: one report, or an event summarised from its reports."""

    key: str
    type: str
    mode: str | None
    actor: PartyFacts | None
    recipient: PartyFacts | None
    place: PlaceFacts | None
    when: DateFacts
    quantities: frozenset[tuple[str, float]] = frozenset()
    sentences: tuple[Sentence, ...] = ()  # the content words of each report's sentence
    plan: bool = False  # dated after its article was published: an announced, not a held, event
    published: date | None = None
    reports: frozenset[str] = frozenset()
    docs: frozenset[str] = frozenset()
    size: int = 1  # reports behind these facts
    groups: frozenset[str] = frozenset()  # syndication groups (a copy's original) of the documents

    def participants(self) -> set[str]:
        """Blocking terms: countries of the parties and place, surnames of people, names of
        descriptions and of bodies of no known country."""
        out: set[str] = set()
        for p in (self.actor, self.recipient):
            if p is None:
                continue
            if p.country:
                out.add(f"c:{p.country}")
            if p.kind == "person":
                out |= {f"n:{s}" for s in p.surnames}
            elif p.generic or not p.country:  # a description ("protesters"), a body of no known country
                out.add(f"n:{name_key(p.name)}")
        if self.place is not None and self.place.country:
            out.add(f"c:{self.place.country}")
        return out or {"-"}


_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*[A-Za-z]")
_SUFFIXES = ("ing", "ed", "es", "s")


def _stem(word: str) -> str:
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            return word[: -len(suffix)]
    return word


@dataclass(frozen=True)
class Sentence:
    words: frozenset[str]  # content words, stemmed
    bigrams: frozenset[str]  # pairs of adjacent content words


def content_words(text: str, drop: set[str], stopwords: frozenset[str]) -> Sentence:
    """The content words of a sentence (stemmed) and the pairs of adjacent content words."""
    words: list[str | None] = []
    for m in _WORD.finditer(text):
        w = m.group().lower().replace("’", "'").split("'")[0]
        keep = len(w) >= 3 and w not in stopwords and w not in drop
        words.append(_stem(w) if keep else None)
    kept = frozenset(w for w in words if w)
    return Sentence(kept, frozenset(f"{a} {b}" for a, b in pairwise(words) if a and b))


def _quantity_key(q: Mapping[str, Any]) -> tuple[str, float] | None:
    item = str(q.get("item") or "").strip().lower()
    head = item.split()[-1] if item else ""
    if not head or not head.isalpha() or q.get("value") is None:
        return None
    return _stem(head), float(q["value"])


def facts_from_report(row: Mapping[str, Any], *, published: date | None = None, group: str | None = None,
                      rules: MergeRules | None = None) -> Facts:  # fmt: skip
    """The facts of one stored report (a row of the ``reports`` table); ``group`` is the
    original of its document when that is a syndicated copy."""
    rules = rules or MergeRules.default()
    actor = PartyFacts.of(row["actor_name"], row["actor_kind"], row["actor_country"], row["actor_aliases"] or (),
                          row.get("actor_id"))  # fmt: skip
    recipient = PartyFacts.of(row["recipient_name"], row["recipient_kind"], row["recipient_country"],
                              row["recipient_aliases"] or (), row.get("recipient_id"))  # fmt: skip
    place = PlaceFacts.of(row["location_name"], row["location_country"])
    when = DateFacts(row["date_first"], row["date_last"], rules.strength(row["date_rule"]))
    drop: set[str] = set()
    for p in (actor, recipient):
        if p is not None:
            drop |= p.tokens()
    if place is not None:
        drop |= set(place.name.split())
    sentence = content_words(row["sentence_text"] or "", drop, rules.stopwords)
    quantities = frozenset(k for k in map(_quantity_key, row["quantities"] or ()) if k)
    plan = bool(published and when.dated and when.first and when.first > published)
    return Facts(
        key=row["id"], type=row["type"], mode=row["mode"], actor=actor, recipient=recipient, place=place,
        when=when, quantities=quantities, sentences=(sentence,), plan=plan, published=published,
        reports=frozenset({row["id"]}), docs=frozenset({row["doc_id"]}),
        groups=frozenset({group or row["doc_id"]}),
    )


def combine(key: str, members: Sequence[Facts], head: Facts) -> Facts:
    """An event's facts: ``head`` (its summary: type, parties, place, date) with the sentences,
    quantities, reports and documents of all its members."""
    return replace(
        head,
        key=key,
        quantities=frozenset().union(*(m.quantities for m in members)),
        sentences=tuple(s for m in members for s in m.sentences)[:MAX_SENTENCES],
        plan=all(m.plan for m in members),
        published=min((m.published for m in members if m.published is not None), default=None),
        reports=frozenset().union(*(m.reports for m in members)),
        docs=frozenset().union(*(m.docs for m in members)),
        size=sum(m.size for m in members),
        groups=frozenset().union(*(m.groups for m in members)),
    )


# --------------------------------------------------------------------------- comparing parties

SAME, CONFLICT = 1.0, -1.0
MAX_SENTENCES = 60  # sentences of an event compared for shared words
MISSING_ROLE = 0.3  # one side does not name this role


def party_match(p: PartyFacts, q: PartyFacts) -> float:
    """1 the same party, 0..1 a partial overlap (low when unknown), -1 two different parties."""
    if p.names & q.names or (p.surnames & q.surnames) or (p.actor_id and p.actor_id == q.actor_id):
        return SAME
    if p.country and q.country and p.country != q.country:
        return CONFLICT
    same_country = bool(p.country and q.country)
    if p.generic or q.generic:
        return 0.5 if same_country else 0.2
    kinds = {p.kind, q.kind}
    if kinds == {"state"} or kinds == {"person"}:
        return CONFLICT  # two named states, or two named people
    if "state" in kinds:
        return 0.6 if same_country else 0.2  # a person or a body and its state
    return 0.3 if same_country else 0.1


def _role(p: PartyFacts | None, q: PartyFacts | None) -> float | None:
    if p is None or q is None:
        return None
    return party_match(p, q)


@dataclass(frozen=True)
class PartyFit:
    value: float  # mean over the two roles (a role one side does not name counts MISSING_ROLE)
    actor: float | None  # how a's actor fits its counterpart
    swapped: bool
    weakest: float | None = None  # the worst fit of a role both sides name


def parties(a: Facts, b: Facts, rules: MergeRules) -> PartyFit | None:
    """How well the parties agree (b's roles swapped when that fits a symmetric category
    better), or None when they conflict."""
    options = [(a.actor, a.recipient, b.actor, b.recipient, False)]
    if a.type in rules.symmetric and b.type in rules.symmetric:
        options.append((a.actor, a.recipient, b.recipient, b.actor, True))
    best: PartyFit | None = None
    for a1, a2, b1, b2, swapped in options:
        roles = [_role(a1, b1), _role(a2, b2)]
        if any(r is not None and r <= CONFLICT for r in roles):
            continue
        value = sum(MISSING_ROLE if r is None else r for r in roles) / len(roles)
        if best is None or value > best.value:
            best = PartyFit(value, roles[0], swapped, min((r for r in roles if r is not None), default=None))
    return best


# --------------------------------------------------------------------------- comparing dates


@dataclass(frozen=True)
class DateRelation:
    veto: bool = False
    evidence: float | None = None  # None: the dates do not decide (strong evidence needed)
    disagree: bool = False


ADJACENT_DAYS = 1  # firm day dates this far apart may still be one event (overnight, time zones)
NEAR_BOUND_DAYS = 2  # an event reported as news ("has denied", a headline) this soon after a dated one


def _precision(days: int) -> float:
    for limit, value in ((1, 1.0), (3, 0.85), (10, 0.7), (31, 0.6), (92, 0.4)):
        if days <= limit:
            return value
    return 0.2


def _inherited_late(a: DateFacts, b: DateFacts) -> bool:
    """Whether the disjoint dates of ``a`` and ``b`` may be one event: an inherited date (the
    news of its paragraph) later than the other one.  A background sentence ("X had denied
    it") takes the date of the news around it, never an earlier one."""
    for inherited, other in ((a, b), (b, a)):
        if inherited.strength is Strength.SOFT and inherited.first and other.last and inherited.first > other.last:
            return True
    return False


def date_relation(a: DateFacts, b: DateFacts) -> DateRelation:
    ia, ib = a.interval, b.interval
    if a.dated and b.dated and ia and ib:
        gap = max((ib[0] - ia[1]).days, (ia[0] - ib[1]).days)
        both_firm = a.strength is Strength.FIRM and b.strength is Strength.FIRM
        if gap <= 0:  # overlapping
            value = _precision(max(a.days, b.days))
            return DateRelation(evidence=value if both_firm else value * 0.7)
        if gap <= ADJACENT_DAYS and max(a.days, b.days) <= 3:
            return DateRelation(evidence=0.2 if both_firm else 0.1, disagree=both_firm)
        if both_firm or not _inherited_late(a, b):
            return DateRelation(veto=True)
        return DateRelation()  # an inherited date later than the other: maybe a background mention
    if a.strength is Strength.BEFORE and b.strength is Strength.BEFORE and ia and ib:
        # two events known only to have happened by their reports' days: the same news day
        # is a weak sign
        return DateRelation(evidence=0.4 if abs((ia[1] - ib[1]).days) <= ADJACENT_DAYS else None)
    for bound, other in ((a, b), (b, a)):
        io, ib_ = other.interval, bound.interval
        if io is None or ib_ is None or not other.dated:
            continue
        if bound.strength is Strength.BEFORE:
            if io[0] > ib_[1] + timedelta(days=ADJACENT_DAYS):
                # it happened by the report's day; the other after it
                return DateRelation(veto=other.strength is Strength.FIRM)
            if ib_[1] - timedelta(days=NEAR_BOUND_DAYS) <= io[1] <= ib_[1]:
                return DateRelation(evidence=0.5)  # reported as news within days of the other's date
        if bound.strength is Strength.AFTER and io[1] < ib_[0] - timedelta(days=ADJACENT_DAYS):
            return DateRelation(veto=other.strength is Strength.FIRM)
    return DateRelation()


# --------------------------------------------------------------------------- places, amounts, words

PLACE_VETO = -9.0


def place_evidence(a: PlaceFacts | None, b: PlaceFacts | None) -> float | None:
    """1 the same named place, 0.3 a place and its country, PLACE_VETO two different towns or
    regions, a penalty for other differences; None when one side names no place."""
    if a is None or b is None:
        return None
    if a.name == b.name:
        return 1.0 if a.level is not PlaceLevel.COUNTRY else 0.5
    specific = (PlaceLevel.CITY, PlaceLevel.REGION)
    if a.level in specific and b.level in specific and (a.level == b.level or a.country != b.country):
        return PLACE_VETO  # two towns, two regions, or a town and a region of another country
    if a.country and b.country and a.country != b.country:
        return -0.5
    if PlaceLevel.COUNTRY in (a.level, b.level):
        return 0.3  # a town and its country
    return 0.0  # a town and a region, or names the gazetteer does not know


def quantity_evidence(a: frozenset[tuple[str, float]], b: frozenset[tuple[str, float]]) -> float | None:
    if not a or not b:
        return None
    if a & b:
        return 1.0
    heads = {h for h, _ in a} & {h for h, _ in b}
    return -0.5 if heads else None


@dataclass(frozen=True)
class WordOverlap:
    shared: int
    share: float  # of the smaller sentence
    bigrams: int


def word_overlap(a: Facts, b: Facts) -> WordOverlap:
    """How much the closest pair of sentences (one of each side) have in common."""
    best = WordOverlap(0, 0.0, 0)
    for x in a.sentences:
        for y in b.sentences:
            shared = len(x.words & y.words)
            smaller = min(len(x.words), len(y.words))
            found = WordOverlap(shared, shared / smaller if smaller else 0.0, len(x.bigrams & y.bigrams))
            if (found.share, found.shared, found.bigrams) > (best.share, best.shared, best.bigrams):
                best = found
    return best


# --------------------------------------------------------------------------- the decision


@dataclass(frozen=True)
class Judgement:
    score: float  # 0..1; 0 = must not merge
    reason: str
    disagree_on_date: bool = False
    swapped: bool = False
    distinct: bool = False  # known to be two events (dates, categories, parties or places exclude it)


WEIGHTS = {"parties": 0.45, "date": 0.30, "place": 0.10, "quantities": 0.05, "words": 0.10}
COPIED_SENTENCE = 0.8  # share of words two reports of syndicated copies have in common to be one report
ACTOR_FIT = 0.5  # an actor matching less than this (unknown, only a description) needs strong evidence
WEAK_DATE, CLEAR_PARTIES = 0.6, 0.8  # a weak date sign (a report's day, adjacent days) needs clear parties
MODE_PENALTY = 0.85  # both carry a mode and they differ (a visit and a phone call)


def _category(a: Facts, b: Facts, rules: MergeRules, rel: DateRelation) -> float | None:
    if a.plan != b.plan and a.when.dated and b.when.dated:
        return None  # an announced event and one that happened (or an agreement reached)
    if a.type == b.type:
        return 1.0
    compat = rules.compatible.get(frozenset((a.type, b.type)))
    if compat is None:
        return None
    if "dated" in compat.when and not (rel.evidence is not None and rel.evidence > 0):
        return None
    if "not-plan" in compat.when and (a.plan or b.plan):
        return None
    return compat.weight


def strong_evidence(a: Facts, b: Facts, party: float, place: float | None, qty: float | None,
                    words: WordOverlap) -> bool:  # fmt: skip
    """Enough to merge without a shared date: good parties and two independent signs (a named
    place, a quantity, shared words), or a sentence that largely repeats the other's words or
    shares phrases with it (pairs of adjacent content words: "strategic partnership")."""
    if party < 0.6:
        return False
    many_words = words.share >= COPIED_SENTENCE or (words.bigrams >= 2 and words.share >= 0.25)
    signs = [place is not None and place >= 1.0, qty is not None and qty >= 1.0,
             words.shared >= 3 and words.share >= 0.25]  # fmt: skip
    return many_words or sum(signs) >= 2


def judge(a: Facts, b: Facts, rules: MergeRules | None = None) -> Judgement:
    """Whether ``a`` and ``b`` report the same event, with the reason."""
    rules = rules or MergeRules.default()
    rel = date_relation(a.when, b.when)
    if rel.veto:
        return Judgement(0.0, "dates exclude each other", distinct=True)
    weight = _category(a, b, rules, rel)
    if weight is None:
        plan = " (a plan and what is not)" if a.plan != b.plan else ""
        return Judgement(0.0, f"categories {a.type} and {b.type} do not merge here{plan}", distinct=True)
    found = parties(a, b, rules)
    if found is None:
        return Judgement(0.0, "different parties", distinct=True)
    party, swapped = found.value, found.swapped
    place = place_evidence(a.place, b.place)
    if place is not None and place <= PLACE_VETO:
        return Judgement(0.0, "different places", distinct=True)
    qty = quantity_evidence(a.quantities, b.quantities)
    words = word_overlap(a, b)
    if a.groups & b.groups and not a.docs & b.docs and words.share >= COPIED_SENTENCE:
        return Judgement(0.95, "the same sentence in a syndicated copy", rel.disagree, swapped)
    parts = {"parties": party, "date": rel.evidence, "place": place, "quantities": qty, "words": words.share}
    used = {k: v for k, v in parts.items() if v is not None}
    score = sum(WEIGHTS[k] * v for k, v in used.items()) / sum(WEIGHTS[k] for k in used) * weight
    if a.mode and b.mode and a.mode != b.mode:
        score *= MODE_PENALTY
    reason = ", ".join(f"{k} {v:.2f}" for k, v in used.items())
    doubt = ("no shared date" if rel.evidence is None
             else "actors barely match" if found.actor is None or found.actor < ACTOR_FIT
             else "a weak date and partial parties" if rel.evidence < WEAK_DATE and (
                 found.weakest is None or found.weakest < CLEAR_PARTIES)
             else "")  # fmt: skip
    if doubt and not strong_evidence(a, b, party, place, qty, words):
        return Judgement(0.0, f"{reason}; {doubt} and no strong evidence")
    score = max(0.0, min(1.0, score))
    return Judgement(round(score, 4), reason, rel.disagree, swapped)


def report_score(a: Facts, b: Facts) -> float:
    """The scorer for clustering: 0..1, 0 = must not merge (the default rules)."""
    return judge(a, b).score


# --------------------------------------------------------------------------- blocking


def months(first: date, last: date) -> list[str]:
    out = []
    y, m = first.year, first.month
    while (y, m) <= (last.year, last.month):
        out.append(f"{y:04d}-{m:02d}")
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return out


UNDATED_LOOKBACK = timedelta(days=92)  # an undated event is stored this far before its report
RECALL_LOOKBACK = timedelta(days=2 * 366)  # how far back an undated report looks for the event it recalls
MAX_BLOCK_MONTHS = 36


def blocking_window(f: Facts, lookback: timedelta = UNDATED_LOOKBACK) -> tuple[date, date] | None:
    """The days an event may lie in, for blocking: its interval when dated; the ``lookback``
    before the report when the date is unknown or only a bound (the day of the report)."""
    iv = f.when.interval
    if iv and f.when.dated:
        return iv[0] - timedelta(days=ADJACENT_DAYS), iv[1] + timedelta(days=ADJACENT_DAYS)
    if iv and f.when.strength is Strength.AFTER:
        return iv[0], max(iv[1], f.published or iv[1])
    anchor = iv[1] if iv else f.published
    if anchor is None:
        return None
    return anchor - lookback, anchor + timedelta(days=ADJACENT_DAYS)


def _keys(f: Facts, rules: MergeRules | None, lookback: timedelta) -> set[str]:
    rules = rules or MergeRules.default()
    window = blocking_window(f, lookback)
    spans = months(*window) if window else []
    if not spans or len(spans) > MAX_BLOCK_MONTHS:
        spans = ["any"]
    family = rules.family(f.type)
    return {f"{family}|{p}|{m}" for p in f.participants() for m in spans}


def blocking_keys(f: Facts, rules: MergeRules | None = None) -> set[str]:
    """``family|participant|month`` keys to look for what ``f`` may merge with: two facts are
    compared only when they share one.  An event without its own date looks back
    ``RECALL_LOOKBACK`` (a report may recall an older event: "the treaty signed in 2024")."""
    return _keys(f, rules, RECALL_LOOKBACK)


def stored_keys(f: Facts, rules: MergeRules | None = None) -> set[str]:
    """The keys an event is stored under (``event_keys``): an event without its own date only
    under the ``UNDATED_LOOKBACK`` before its report, so that it stays a small key set."""
    return _keys(f, rules, UNDATED_LOOKBACK)


# --------------------------------------------------------------------------- clustering


def cluster_facts(facts: Sequence[Facts], score: Callable[[Facts, Facts], float] | None = None,
                  threshold: float | None = None, rules: MergeRules | None = None,
                  apart: Callable[[Facts, Facts], bool] | None = None) -> list[list[str]]:  # fmt: skip
    """Cluster facts with the shared clustering of :mod:`dateline.resolve.coref` (best-first
    average link over blocked pairs; a pair scored 0 is never joined), scored by ``score``
    (default :func:`judge` under ``rules``) and blocked by :func:`blocking_keys`.

    Pairs that share no blocking key are not scored, so average link could join two events
    that exclude each other through a third; a cluster holding such a pair (:func:`judge` says
    ``distinct``, or ``apart`` says so) is clustered again with every pair scored."""
    from .coref import EventMention, cluster

    rules = rules or MergeRules.default()
    by_key = {f.key: f for f in facts}
    limit = rules.threshold if threshold is None else threshold

    def scored(a: EventMention, b: EventMention) -> float:
        fa, fb = by_key[a.key], by_key[b.key]
        return score(fa, fb) if score is not None else judge(fa, fb, rules).score

    def blocked(m: EventMention) -> list[Hashable]:
        return list(blocking_keys(by_key[m.key], rules))

    def everyone(_m: EventMention) -> list[Hashable]:
        return ["*"]

    def excluded(a: Facts, b: Facts) -> bool:
        return judge(a, b, rules).distinct or (apart is not None and apart(a, b))

    def mention(f: Facts) -> EventMention:
        return EventMention(key=f.key, doc=min(f.docs, default=""), sentence=0, lemma=f.type.lower(),
                            category=f.type, first=f.when.first, last=f.when.last)  # fmt: skip

    out = []
    for group in cluster([mention(f) for f in facts], score=scored, threshold=limit, block=blocked):
        members = [by_key[k] for k in group]
        if any(excluded(a, b) for i, a in enumerate(members) for b in members[i + 1 :]):
            out += cluster([mention(f) for f in members], score=scored, threshold=limit, block=everyone,
                           window=len(members))  # fmt: skip
        else:
            out.append(group)
    return sorted(out, key=lambda c: c[0])
