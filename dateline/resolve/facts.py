"""What the merge scorer compares about a report, or about an event gathering several: its
category, parties, place, date (with how far the date can be trusted), amounts and the content
words of its sentences; and the rules behind the comparison (``data/resolve/merge.yaml``).

Built from stored rows (:func:`facts_from_report`) and combined for an event (:func:`combine`);
compared in :mod:`dateline.resolve.merge`.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from enum import StrEnum
from functools import cache, lru_cache
from importlib.resources import files
from itertools import pairwise
from typing import Any, TypeVar

from ..datafiles import parse_yaml
from ..store.keys import normalise_name

T = TypeVar("T")

MAX_SENTENCES = 60  # sentences of an event compared for shared words

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
    spellings: Mapping[str, str] = field(default_factory=dict)  # a word's other spelling -> the one compared
    plan_markers: tuple[str, ...] = ()  # words before a trigger that announce it ("would", "due to")
    plan_triggers: frozenset[str] = frozenset()  # triggers that are announcements themselves ("expected")
    distinct_modes: frozenset[str] = frozenset()  # categories whose modes are different acts (sanctions)
    lone_modes: frozenset[str] = frozenset()  # modes apart even from no mode (a summons, a statement)
    _families: dict[str, str] = field(default_factory=dict, init=False, compare=False, repr=False)

    @classmethod
    def from_yaml(cls, text: str, name: str = "merge rules") -> MergeRules:
        raw = parse_yaml(text, name)
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
            spellings={k: v for line in raw.get("spellings") or () for k, v in [line.split()]},
            plan_markers=tuple(str(m) for m in raw.get("plan_markers") or ()),
            plan_triggers=frozenset(str(t) for t in raw.get("plan_triggers") or ()),
            distinct_modes=frozenset(str(t) for t in raw.get("distinct_modes") or ()),
            lone_modes=frozenset(str(m) for m in raw.get("lone_modes") or ()),
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
        found = self._families.get(category)
        if found is None:
            found = self._families[category] = self._family(category)
        return found

    def _family(self, category: str) -> str:
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
    path = "data/resolve/merge.yaml"
    return MergeRules.from_yaml(files("dateline").joinpath(path).read_text(encoding="utf-8"), path)


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


@lru_cache(maxsize=1 << 16)  # the same few thousand names come back with every report
def name_key(name: str) -> str:
    """A name folded for comparison: ``U.N. panel`` and ``UN panel`` -> ``un panel``; British
    and American spellings of a word alike (``Defence Ministry`` -> ``defense ministry``)."""
    spellings = MergeRules.default().spellings
    return " ".join(spellings.get(w, w) for w in normalise_name(name.replace(".", "")).split())


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

    gazetteer = Gazetteer.default()
    entry = gazetteer.lookup(name)
    if entry is None:  # (a stored place is a place: a province's name may be read as one)
        province = gazetteer.province_country(name)
        return (PlaceLevel.REGION, province) if province else (PlaceLevel.OTHER, None)
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
    own: bool = False  # from a phrase on the trigger itself (rule trigger-phrase)
    headline: bool = False  # a headline's event, dated by its report (rule headline): the article's news

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
    plan: bool = False  # an announced, not a held, event: dated after its article, or "would sign"
    published: date | None = None
    reports: frozenset[str] = frozenset()
    docs: frozenset[str] = frozenset()
    size: int = 1  # reports behind these facts
    groups: frozenset[str] = frozenset()  # syndication groups (a copy's original) of the documents
    spans: frozenset[tuple[str, int]] = frozenset()  # (document, sentence number) of each report
    triggers: frozenset[tuple[str, int]] = frozenset()  # (document, trigger offset) of each report
    # (document, sentence, trigger offset) of each report: which words of one sentence it holds
    sentence_triggers: frozenset[tuple[str, int, int]] = frozenset()
    # (document, first, last) of each report dated firmly by a phrase on its own trigger that names a day
    own_days: frozenset[tuple[str, date, date]] = frozenset()
    # derived values worth keeping (blocking terms and keys, computed many times in a clustering);
    # never copied by ``replace``, so facts made from these start with their own
    memo: dict[Any, Any] = field(default_factory=dict, init=False, compare=False, repr=False)

    def remembered(self, key: Hashable, make: Callable[[], T], rules: MergeRules | None = None) -> T:
        """``make()``, made once for these facts (and ``rules``, when it depends on them)."""
        kept = self.memo.get(key)
        if kept is None or kept[0] is not rules:
            kept = self.memo[key] = (rules, make())
        return kept[1]

    def participants(self) -> frozenset[str]:
        """Blocking terms: countries of the parties and place, surnames of people (and the other
        names an event gives them), names of descriptions and of bodies of no known country."""
        return self.remembered("participants", lambda: frozenset(self._participants()))

    def _participants(self) -> set[str]:
        out: set[str] = set()
        for p in (self.actor, self.recipient):
            if p is None:
                continue
            if p.country:
                out.add(f"c:{p.country}")
            if p.kind == "person":  # and the other names an event's reports give him ("protesters")
                out |= {f"n:{s}" for s in p.surnames} | {f"n:{n}" for n in p.names if n.split()[-1] not in p.surnames}
            elif p.generic or not p.country:  # a description ("protesters"), a body of no known country
                out.add(f"n:{name_key(p.name)}")
                if p.actor_id and not p.generic:  # (and the registry's actor: "LSF" is "Liptako Salvation
                    out.add(f"i:{p.actor_id}")  # Front", "OAS Permanent Council" "the OAS's Permanent Council")
        if self.place is not None and self.place.country:
            out.add(f"c:{self.place.country}")
        return out or {"-"}


_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*[A-Za-z]")
_SUFFIXES = ("ing", "ed", "es", "s")


def stem(word: str) -> str:
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            return word[: -len(suffix)]
    return word


@dataclass(frozen=True)
class Sentence:
    words: frozenset[str]  # content words, stemmed
    bigrams: frozenset[str]  # pairs of adjacent content words
    names: frozenset[str] = frozenset()  # the words of its capitalised words (names), folded as name_key

    def names_any(self, names: Iterable[str]) -> bool:
        """Whether the sentence names one of ``names`` (folded: every word of it capitalised here)."""
        return any(n and set(n.split()) <= self.names for n in names)


def content_words(text: str, drop: set[str], stopwords: frozenset[str]) -> Sentence:
    """The content words of a sentence (stemmed) and the pairs of adjacent content words.

    Capitalised words after the first are names (of people, places, nationalities): what a
    sentence says happened is in its common words, and names are compared as parties."""
    tokens, names = _tokens(text)
    words = [stem(w) if w and w not in stopwords and w not in drop else None for w in tokens]
    kept = frozenset(w for w in words if w)
    return Sentence(kept, frozenset(f"{a} {b}" for a, b in pairwise(words) if a and b), names)


@lru_cache(maxsize=1 << 15)  # a stored sentence is read again each time its event is a candidate
def _tokens(text: str) -> tuple[tuple[str | None, ...], frozenset[str]]:
    """The lower-cased words of a sentence that may be content words (None for names and short
    words), and the folded words of its capitalised words."""
    words: list[str | None] = []
    names: set[str] = set()
    for i, m in enumerate(_WORD.finditer(text)):
        raw = m.group()
        w = raw.lower().replace("’", "'").split("'")[0]
        if raw[:1].isupper():
            names.update(name_key(raw.replace("’", "'").split("'")[0]).split())
        words.append(w if len(w) >= 3 and not (i > 0 and raw[:1].isupper()) else None)
    return tuple(words), frozenset(names)


def announced(row: Mapping[str, Any], rules: MergeRules) -> bool:
    """Whether a report's trigger is announced rather than told as done: it follows a future or
    conditional marker ("would pull back", "are due to meet", "plans to visit"), or is one
    ("is expected in the capital").  Such a report is a plan even without a date."""
    text, trigger = row.get("sentence_text") or "", str(row.get("trigger") or "").lower()
    start, sentence_start = row.get("trigger_start"), row.get("sentence_start")
    if trigger in rules.plan_triggers:
        return True
    if not text or start is None or sentence_start is None:
        return False
    before = [w.lower() for w in _WORD.findall(text[: max(0, start - sentence_start)])][-PLAN_WINDOW:]
    joined = " " + " ".join(before) + " "
    return any(f" {m} " in joined for m in rules.plan_markers)


OWN_PHRASE_RULE = "trigger-phrase"  # the date rule of a phrase on the trigger itself
SAID_ACT_RULE = "said-act"  # the date rule of a refusal or threat the telling performs ("would not accept")
HEADLINE_RULE = "headline"  # the date rule of a headline's event (dated by its report)
PLAN_WINDOW = 4  # words before a trigger looked at for a future or conditional marker


def _quantity_keys(q: Mapping[str, Any]) -> list[tuple[str, float]]:
    """What a quantity counts and how many: its item's head ("shells"), and for a sum of money its
    currency too, so that "a $1 billion credit line" and "one billion US dollars" are one sum and
    "a $200 million fund" another."""
    if q.get("value") is None:
        return []
    item = str(q.get("item") or "").strip().lower()
    head = item.split()[-1] if item else ""
    keys = [(stem(head), float(q["value"]))] if head and head.isalpha() else []
    unit = str(q.get("unit") or "")
    if len(unit) == 3 and unit.isupper():  # an ISO currency code (events.quantities)
        keys.append((f"money:{unit}", float(q["value"])))
    return keys


def _party(row: Mapping[str, Any], role: str) -> PartyFacts | None:
    """A party of a report row; the canonical actor's kind and country from the registry
    (``{role}_registry_kind`` / ``_country``, learned from every document) win over the
    report's own, which one sentence may have got wrong or left out."""
    kind = row.get(f"{role}_registry_kind") or row[f"{role}_kind"]
    country = row.get(f"{role}_registry_country") or row[f"{role}_country"]
    return PartyFacts.of(row[f"{role}_name"], kind, country, row[f"{role}_aliases"] or (), row.get(f"{role}_id"))


def facts_from_report(row: Mapping[str, Any], *, published: date | None = None, group: str | None = None,
                      rules: MergeRules | None = None) -> Facts:  # fmt: skip
    """The facts of one stored report (a row of the ``reports`` table); ``group`` is the
    original of its document when that is a syndicated copy."""
    rules = rules or MergeRules.default()
    actor, recipient = _party(row, "actor"), _party(row, "recipient")
    place = PlaceFacts.of(row["location_name"], row["location_country"])
    rule = row["date_rule"]
    when = DateFacts(row["date_first"], row["date_last"], rules.strength(rule), own=rule == OWN_PHRASE_RULE,
                     headline=rule == HEADLINE_RULE)  # fmt: skip
    drop: set[str] = set()
    for p in (actor, recipient):
        if p is not None and not (p is recipient and p.generic):  # "three coast guard sailors" held: words too
            drop |= p.tokens()
    if place is not None:
        drop |= set(place.name.split())
    sentence = content_words(row["sentence_text"] or "", drop, rules.stopwords)
    quantities = frozenset(k for q in row["quantities"] or () for k in _quantity_keys(q))
    # (a refusal or threat told as what will not be done is done by the telling: no plan, though "will")
    plan = rule != SAID_ACT_RULE and (
        bool(published and when.dated and when.first and when.first > published) or announced(row, rules))
    return Facts(
        key=row["id"], type=row["type"], mode=row["mode"], actor=actor, recipient=recipient, place=place,
        when=when, quantities=quantities, sentences=(sentence,), plan=plan, published=published,
        reports=frozenset({row["id"]}), docs=frozenset({row["doc_id"]}),
        groups=frozenset({group or row["doc_id"]}),
        spans=frozenset({(row["doc_id"], row["sentence"])}) if row.get("sentence") is not None else frozenset(),
        triggers=frozenset({(row["doc_id"], row["trigger_start"])}) if row.get("trigger_start") is not None
        else frozenset(),
        sentence_triggers=frozenset({(row["doc_id"], row["sentence"], row["trigger_start"])})
        if row.get("trigger_start") is not None and row.get("sentence") is not None else frozenset(),
        own_days=frozenset({(row["doc_id"], when.first, when.last)})
        if when.own and when.strength is Strength.FIRM and when.first and when.last
        and not (row.get("date_value") or "").endswith("_REF") else frozenset(),  # ("has now visited": no day named)
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
        spans=frozenset().union(*(m.spans for m in members)),
        triggers=frozenset().union(*(m.triggers for m in members)),
        sentence_triggers=frozenset().union(*(m.sentence_triggers for m in members)),
        own_days=frozenset().union(*(m.own_days for m in members)),
    )
