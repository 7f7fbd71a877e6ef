"""Whether two reports describe the same real-world event: dateline's own scorer.

A report is one coded sentence-event.  :class:`Facts` holds what the scorer compares, built
from a stored report (:func:`facts_from_report`) or, for an event that already gathers several
reports, from all of them (:func:`combine`).  :func:`judge` weighs

* the **categories**: the same one, or a compatible pair of ``data/resolve/merge.yaml`` (a treaty
  agreed / signed; one statement that denies and accuses) under its conditions; a *plan* (dated
  after its article, or told with "would", "is due to") never merges with what was held;
* the **parties**: names, aliases and surnames ("Varga" / "Tomas Varga"), the registry's
  canonical actor, British and American spellings; a person or body and its state overlap in
  part, and so does a description holding a body's name ("Norland defence ministry units");
  different states, or different named people, conflict, except two recipients of one act on
  several parties that each report names; symmetric categories may swap actor and recipient;
* the **dates**: firm dates (the text dates this event) that are disjoint never merge, except
  two adjacent days (an overnight event, two time zones), which merge as a recorded
  disagreement; a day and a month that contains it are compatible; a report without a date is
  about the news of its own article (or, with the same parties, the event its headline tells);
  unknown dates, dates that are only a bound (the day of the report) and disjoint inherited
  dates leave the decision to **strong other evidence** (the
  same named place, the same quantity, many shared words) or to a **restatement** (the same
  category and parties, most of the words or the same town, published after the event);
* the **places** (two different towns never merge; a town and its country are compatible; a
  town one report codes and the other only names is the same place), the **quantities** and
  the content **words** of the two sentences.

Two reports of one sentence are one event when their categories and parties allow it (one
sentence coded twice).  The score is a weighted mean over the evidence both sides have, times
the category weight; 0 means "must not merge".  Everything here is pure: the store side is
``dateline.store.merging``.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache

from .facts import (
    STRENGTH_RANK,
    DateFacts,
    Facts,
    MergeRules,
    PartyFacts,
    PlaceFacts,
    PlaceLevel,
    Sentence,
    Strength,
    combine,
    content_words,
    facts_from_report,
    name_key,
    stem,
)

__all__ = [
    "STRENGTH_RANK", "DateFacts", "Facts", "Judgement", "MergeRules", "PartyFacts", "PlaceFacts", "PlaceLevel",
    "Sentence", "Strength", "blocking_keys", "cluster_facts", "combine", "content_words", "facts_from_report",
    "headline_news", "judge", "name_key", "own_news", "party_match", "place_evidence", "places", "recalls",
    "report_score", "restates", "stored_keys",
]

# --------------------------------------------------------------------------- comparing parties

SAME, CONFLICT = 1.0, -1.0
MISSING_ROLE = 0.3  # one side does not name this role
NAMED_BODY = 0.8  # a description that holds a body's name, of its country ("Norland defence ministry units")
CO_PARTY = 0.5  # two recipients of one act on several parties, each report naming the other's


def _holds_name(description: PartyFacts, body: PartyFacts) -> bool:
    """Whether a description holds the whole name (of two words or more) of a named body."""
    words = description.tokens()
    return any(len(n.split()) >= 2 and set(n.split()) <= words for n in body.names)


def _nested(p: PartyFacts, q: PartyFacts) -> bool:
    """Whether one body's name holds the other's words ("the Security Council", "the UN Security
    Council"; "the AU", "the AU Peace and Security Council")."""
    return any(set(a.split()) <= set(b.split()) or set(b.split()) <= set(a.split())
               for a in p.names for b in q.names)  # fmt: skip


def party_match(p: PartyFacts, q: PartyFacts) -> float:
    """1 the same party, 0..1 a partial overlap (low when unknown), -1 two different parties."""
    if p.names & q.names or (p.surnames & q.surnames) or (p.actor_id and p.actor_id == q.actor_id):
        return SAME
    if p.country and q.country and p.country != q.country:
        return CONFLICT
    same_country = bool(p.country and q.country)
    if p.generic != q.generic and same_country:
        description, named = (p, q) if p.generic else (q, p)
        if named.kind == "organisation" and _holds_name(description, named):
            return NAMED_BODY
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
    # (one article that tells one side's act under one category and the other side's under another
    # tells two acts: "South Korea suspends the pact's expiry. Japan agrees to resume talks.")
    one_article = a.type != b.type and bool(a.docs & b.docs)
    if a.type in rules.symmetric and b.type in rules.symmetric and not one_article:
        options.append((a.actor, a.recipient, b.recipient, b.actor, True))
    best: PartyFit | None = None
    for a1, a2, b1, b2, swapped in options:
        roles = [_role(a1, b1), _role(a2, b2)]
        if _two_acts_of_a_sentence(a, b) and _other_addressee(a2, b2):
            continue  # "asked the bloc for help and wrote to the Security Council": two requests
        if roles[1] is not None and roles[1] <= CONFLICT and _co_parties(a, a2, b, b2):
            roles[1] = CO_PARTY
        if roles[1] is not None and a2 is not None and b2 is not None and (a2.generic or b2.generic):
            roles[1] = max(roles[1], MISSING_ROLE)  # "five men", "displaced families": as if unnamed
        if any(r is not None and r <= CONFLICT for r in roles):
            continue
        value = sum(MISSING_ROLE if r is None else r for r in roles) / len(roles)
        if best is None or value > best.value:
            best = PartyFit(value, roles[0], swapped, min((r for r in roles if r is not None), default=None))
    return best


# Acts of words addressed to someone: two verbs of one sentence addressing two bodies are two acts
# (two verbs of harm, "shot dead nine and wounded three", may tell one attack).
ADDRESSED = frozenset({"REQUEST"})


def _two_acts_of_a_sentence(a: Facts, b: Facts) -> bool:
    """Whether a sentence holds a report of each by different words (different triggers): "asked
    the bloc for help and wrote to the Security Council" is two requests, however the other reports
    of each tell them together."""
    known = bool(a.triggers and b.triggers)  # (facts built without their triggers tell nothing)
    return a.type in ADDRESSED and known and bool(a.spans & b.spans) and not a.triggers & b.triggers


def _other_addressee(p: PartyFacts | None, q: PartyFacts | None) -> bool:
    """Two named addressees that are not one: two states or people, or two bodies whose names
    share no whole name ("the CSTO", "the UN Security Council"; not "the UN", "the UN Security
    Council")."""
    if p is None or q is None or p.generic or q.generic or (p.actor_id and p.actor_id == q.actor_id):
        return False
    if party_match(p, q) <= CONFLICT:
        return True
    return p.kind == q.kind == "organisation" and not p.names & q.names and not _nested(p, q)


def _co_parties(a: Facts, p: PartyFacts | None, b: Facts, q: PartyFacts | None) -> bool:
    """Whether two different recipients are two of the parties one act is on ("sanctions on
    officers of Norland and Sudmark"): a sentence of each report names both."""
    if p is None or q is None:
        return False
    return (any(x.names_any(p.names) and x.names_any(q.names) for x in a.sentences)
            and any(y.names_any(p.names) and y.names_any(q.names) for y in b.sentences))  # fmt: skip


# --------------------------------------------------------------------------- comparing dates


@dataclass(frozen=True)
class DateRelation:
    veto: bool = False
    evidence: float | None = None  # None: the dates do not decide (strong evidence needed)
    disagree: bool = False


# Heads of counts that are people (stemmed as facts.py stems them): tolls rise from report to report.
PEOPLE_HEADS = frozenset(stem(w) for w in (
    "people", "persons", "civilians", "soldiers", "troops", "fighters", "militants", "migrants", "refugees",
    "children", "men", "women", "residents", "workers", "crew", "sailors", "members", "officers", "police",
    "policemen", "guards", "hostages", "prisoners", "detainees", "casualties", "dead", "deaths", "victims",
    "wounded", "injured"))  # fmt: skip
ADJACENT_DAYS = 1  # firm day dates this far apart may still be one event (overnight, time zones)
NEAR_BOUND_DAYS = 2  # an event reported as news ("has denied", a headline) this soon after a dated one
WEEK_DAYS = 7


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
        if gap <= ADJACENT_DAYS and max(a.days, b.days) == 1:  # a range already holds its doubt
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
            if io[0] <= ib_[1] < io[1] and other.days <= WEEK_DAYS:
                return DateRelation(evidence=0.4)  # a span (this week) that holds the report's day
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
    return _places(a, b)


def places(a: Facts, b: Facts) -> float | None:
    """:func:`place_evidence` of the two events; when only one names a town or region, 1 if a
    sentence of the other names it too (a place the other report mentions but did not code)."""
    if a.place is not None and b.place is not None:
        return _places(a.place, b.place)
    for one, other in ((a, b), (b, a)):
        p = one.place
        if (p is not None and other.place is None and p.level is not PlaceLevel.COUNTRY
                and any(x.names_any([name_key(p.name)]) for x in other.sentences)):  # fmt: skip
            return 1.0
    return None


def _places(a: PlaceFacts, b: PlaceFacts) -> float:
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
SAME_SENTENCE = 0.9  # two reports of one category from one sentence whose dates, parties and places agree
ACTOR_FIT = 0.5  # an actor matching less than this (unknown, only a description) needs strong evidence
WEAK_DATE, CLEAR_PARTIES = 0.6, 0.8  # a weak date sign (a report's day, adjacent days) needs clear parties
PARTIAL_PARTY, CLEAR_PARTY_MEAN = 0.6, 0.75  # a person or body and its state; most roles the same
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
    if "one-statement" in compat.when and not a.spans & b.spans:
        return None
    return compat.weight


def strong_evidence(party: float, date_sign: float | None, place: float | None, qty: float | None,
                    words: WordOverlap) -> bool:  # fmt: skip
    """Enough to merge despite a doubt: good parties and two independent signs (dates within
    days of each other, a named place, a quantity, shared words), or a sentence that largely
    repeats the other's words or shares phrases with it (adjacent content words: "river
    navigation")."""
    if party < 0.6:
        return False
    many_words = words.share >= COPIED_SENTENCE or (words.bigrams >= 2 and words.share >= 0.25)
    signs = [date_sign is not None and date_sign >= 0.5, place is not None and place >= 1.0,
             qty is not None and qty >= 1.0, words.shared >= 3 and words.share >= 0.25]  # fmt: skip
    return many_words or sum(signs) >= 2


RESTATED_SHARE, RESTATED_WORDS = 0.5, 2  # words a restatement shares with what it recalls (of the smaller sentence)


def recalls(a: Facts, b: Facts) -> bool:
    """Whether one side may be a later mention of the other: it has no date of its own, or an
    inherited one later than the other's (a background sentence dated by the news around it:
    "X had denied it"), and its document was published once the other had begun (a report
    looks back at an event, not ahead)."""
    for vague, other in ((a, b), (b, a)):
        iv = other.when.interval
        if iv is None or other.when.strength is Strength.UNKNOWN:
            continue
        undated = vague.when.strength is Strength.UNKNOWN
        late = vague.when.strength is Strength.SOFT and vague.when.first is not None and vague.when.first > iv[1]
        looks_back = vague.published is None or vague.published >= iv[0] - timedelta(days=ADJACENT_DAYS)
        if (undated or late) and looks_back:
            return True
    return False


def restates(a: Facts, b: Facts, found: PartyFit, place: float | None, qty: float | None,
             words: WordOverlap) -> bool:  # fmt: skip
    """A report without a date of its own that restates a dated event: the same category, the
    same parties (a person or body and its state at least), no place or amount against it, and
    the same town or region, or most of its content words ("denies any involvement in the
    strike" / "denied involvement in the strike").  Which of two such events it restates is
    decided by the store: a report that fits two distinct events joins neither."""
    if a.type != b.type or not recalls(a, b):
        return False
    if found.actor is None or found.weakest is None or found.weakest < PARTIAL_PARTY or found.value < CLEAR_PARTY_MEAN:
        return False
    if (place is not None and place < 0) or (qty is not None and qty < 0):
        return False
    same_town = place is not None and place >= 1.0 and PlaceLevel.COUNTRY not in _levels(a, b)
    return same_town or (words.shared >= RESTATED_WORDS and words.share >= RESTATED_SHARE)


def _levels(a: Facts, b: Facts) -> set[PlaceLevel]:
    return {p.level for p in (a.place, b.place) if p is not None}


OWN_NEWS = 0.6  # date evidence of an undated report for the event its own article reports as news


def own_news(a: Facts, b: Facts) -> bool:
    """Whether one side, a report without a date, comes from an article that reports the other
    as its news: a report of the other is in the same document and dated within days before
    its publication.  A sentence without a time phrase in a news article is most likely about
    the article's news ("X met Y for three hours at the ministry", below "X held talks on Monday")."""
    for vague, other in ((a, b), (b, a)):
        iv = other.when.interval
        if (vague.when.strength is not Strength.UNKNOWN or iv is None or not other.when.dated
                or vague.published is None or not vague.docs & other.docs):  # fmt: skip
            continue
        if vague.published - timedelta(days=NEAR_BOUND_DAYS) <= iv[1] <= vague.published:
            return True
    return False


HEADLINE_NEWS = 0.5  # the same for the event its own headline tells: weak (the parties must be clear)


def headline_news(a: Facts, b: Facts) -> bool:
    """Whether one side, a report without a date, is told in an article whose headline tells the
    other ("Bishkek blames Tajikistan" over "the foreign ministry ... accused Dushanbe of ...")."""
    return any(vague.when.strength is Strength.UNKNOWN and other.when.headline and bool(vague.docs & other.docs)
               for vague, other in ((a, b), (b, a)))  # fmt: skip


def judge(a: Facts, b: Facts, rules: MergeRules | None = None) -> Judgement:
    """Whether ``a`` and ``b`` report the same event, with the reason."""
    rules = rules or MergeRules.default()
    if a.type != b.type and frozenset((a.type, b.type)) not in rules.compatible:  # most pairs of a block
        return _categories_apart(a, b)
    rel = date_relation(a.when, b.when)
    if rel.evidence is None and not rel.veto and own_news(a, b):
        rel = DateRelation(evidence=OWN_NEWS)
    by_headline = rel.evidence is None and not rel.veto and headline_news(a, b)  # (not when its own news)
    if by_headline:
        rel = DateRelation(evidence=HEADLINE_NEWS)
    if rel.veto:
        return Judgement(0.0, "dates exclude each other", distinct=True)
    if _reported_before(a, b) or _reported_before(b, a):
        return Judgement(0.0, "one was reported before the other happened", distinct=True)
    if rel.disagree and a.spans & b.spans:  # "met X on Monday and flew to Y the following day"
        return Judgement(0.0, "one sentence gives them different days", distinct=True)
    if rel.disagree and _own_days_apart(a, b):
        # "a destroyer fired at a radar site early on Saturday ... the explosions that shook the
        # city in the small hours of Friday, when the US attacked 70 targets": one article that
        # gives each act its own day tells two acts (not a time zone's doubt between outlets),
        # also once other outlets joined each ("arrived on Saturday ... On Sunday she held talks")
        return Judgement(0.0, "one report gives them different days", distinct=True)
    weight = _category(a, b, rules, rel)
    if weight is None:
        return _categories_apart(a, b)
    if _met_then_agreed(a, b) or _met_then_agreed(b, a):
        # "met on Tuesday and agreed to revive the channel": a meeting and what it agreed, two acts
        # (not "agreed to hold talks": the talks are what was agreed)
        return Judgement(0.0, "one sentence tells a meeting and then an agreement", distinct=True)
    other_mode = bool(a.mode and b.mode and a.mode != b.mode)  # (a visit and a call; a closure and a visa ban)
    other_mode = other_mode or (a.mode in rules.lone_modes) != (b.mode in rules.lone_modes)  # a summons, a statement
    if other_mode and a.type == b.type and a.type in rules.distinct_modes:
        return Judgement(0.0, f"different measures ({a.mode}, {b.mode})", distinct=True)
    found = parties(a, b, rules)
    if found is None:
        return Judgement(0.0, "different parties", distinct=True)
    party, swapped = found.value, found.swapped
    if by_headline and (found.weakest is None or found.weakest < CLEAR_PARTIES):
        # (a headline's words echo its article's every sentence: only the same parties make it one)
        return Judgement(0.0, "an undated report under a headline of other parties")
    place = places(a, b)
    if place is not None and place <= PLACE_VETO:
        return Judgement(0.0, "different places", distinct=True)
    qty = quantity_evidence(a.quantities, b.quantities)
    if rel.disagree and qty is not None and qty < 0 and not _tolls(a, b) and (place is None or place < 1.0):
        # "struck four missiles on Tuesday" and "struck 14 missiles on Wednesday": two strikes, not one
        # told across a time zone (a toll of people may rise between reports; the same named place
        # makes it one event whose sources disagree on the day and the count)
        return Judgement(0.0, "adjacent days and different counts of one thing", distinct=True)
    if _sums_apart(a, b):  # "a $200 million fund" and "a $1 billion credit line": two pledges
        return Judgement(0.0, "different sums of money", distinct=True)
    words = word_overlap(a, b)
    if a.groups & b.groups and not a.docs & b.docs and words.share >= COPIED_SENTENCE:
        return Judgement(0.95, "the same sentence in a syndicated copy", rel.disagree, swapped)
    if a.spans & b.spans and a.type == b.type and _apart_in_one_sentence(a, b):
        # "spoke first with the Thai Prime Minister and then with the Cambodian Prime Minister"
        return Judgement(0.0, "one sentence tells the act with two other parties", distinct=True)
    if a.spans & b.spans and not rel.disagree and (place is None or place >= 0):
        if a.type == b.type:
            return Judgement(SAME_SENTENCE, "one sentence coded twice", rel.disagree, swapped)
        if found.actor is not None and found.actor >= PARTIAL_PARTY:  # "denied it and accused Y of ..."
            return Judgement(round(SAME_SENTENCE * weight, 4), "one statement coded under two categories",
                             rel.disagree, swapped)  # fmt: skip
    parts = {"parties": party, "date": rel.evidence, "place": place, "quantities": qty, "words": words.share}
    used = {k: v for k, v in parts.items() if v is not None}
    score = sum(WEIGHTS[k] * v for k, v in used.items()) / sum(WEIGHTS[k] for k in used) * weight
    if other_mode:
        score *= MODE_PENALTY
    reason = ", ".join(f"{k} {v:.2f}" for k, v in used.items())
    doubt = ("no shared date" if rel.evidence is None
             else "actors barely match" if found.actor is None or found.actor < ACTOR_FIT
             else "a weak date and partial parties" if rel.evidence < WEAK_DATE and (
                 found.weakest is None or found.weakest < CLEAR_PARTIES or party < CLEAR_PARTY_MEAN)
             else "")  # fmt: skip
    if doubt and not strong_evidence(party, rel.evidence, place, qty, words):
        if rel.evidence is None and restates(a, b, found, place, qty, words):
            reason += "; a restatement without its own date"
        else:
            return Judgement(0.0, f"{reason}; {doubt} and no strong evidence")
    score = max(0.0, min(1.0, score))
    return Judgement(round(score, 4), reason, rel.disagree, swapped)


def _met_then_agreed(meeting: Facts, agreement: Facts) -> bool:
    """Whether one sentence tells a meeting and, after it, an agreement: "met ... and agreed",
    "at talks on Tuesday they agreed" (also once either joined other reports)."""
    if meeting.type != "CONSULT" or agreement.type != "AGREE" or not meeting.spans & agreement.spans:
        return False
    if meeting.triggers & agreement.triggers:
        return False  # (one word coded twice)
    last: dict[tuple[str, int], int] = {}  # the last word of the agreement in each of its sentences
    for doc, n, at in agreement.sentence_triggers:
        last[(doc, n)] = max(at, last.get((doc, n), -1))
    return any(at < last.get((doc, n), -1) for doc, n, at in meeting.sentence_triggers)


def _own_days_apart(a: Facts, b: Facts) -> bool:
    """Whether one document dates a report of ``a`` and one of ``b`` by phrases on their own
    triggers, to days that do not overlap."""
    return any(da == db and (fa > lb or fb > la) for da, fa, la in a.own_days for db, fb, lb in b.own_days)


def _apart_in_one_sentence(a: Facts, b: Facts) -> bool:
    """Two reports of one sentence with the same actor and recipients of two different states:
    the sentence tells two acts (the coder split them), not one act coded twice."""
    p, q = a.recipient, b.recipient
    return (
        p is not None and q is not None and p.country is not None and q.country is not None
        and p.country != q.country and a.actor is not None and b.actor is not None
        and party_match(a.actor, b.actor) == SAME
    )


def _sums_apart(a: Facts, b: Facts) -> bool:
    """Whether both reports give sums of money in one currency and no sum of one is within a tenth
    of a sum of the other (a pledge is reported with its amount; two amounts are two pledges)."""
    for currency in {h for h, _ in a.quantities if h.startswith("money:")}:
        mine = [v for h, v in a.quantities if h == currency]
        theirs = [v for h, v in b.quantities if h == currency]
        if theirs and not any(abs(x - y) <= 0.1 * max(x, y) for x in mine for y in theirs):
            return True
    return False


def _tolls(a: Facts, b: Facts) -> bool:
    """Whether the counts the two reports share are of people (a toll that reports update)."""
    heads = {h for h, _ in a.quantities} & {h for h, _ in b.quantities}
    return bool(heads & PEOPLE_HEADS)


def _reported_before(a: Facts, b: Facts) -> bool:
    """Whether ``a`` firmly happened after ``b`` was published (a day's slack for time zones):
    an undated report of a past event cannot be about it."""
    return bool(
        a.when.strength is Strength.FIRM
        and a.when.first is not None
        and b.published is not None
        and not b.plan
        and a.when.first > b.published + timedelta(days=ADJACENT_DAYS)
    )


def _categories_apart(a: Facts, b: Facts) -> Judgement:
    plan = " (a plan and what is not)" if a.plan != b.plan else ""
    return Judgement(0.0, f"categories {a.type} and {b.type} do not merge here{plan}", distinct=True)


def report_score(a: Facts, b: Facts) -> float:
    """The scorer for clustering: 0..1, 0 = must not merge (the default rules)."""
    return judge(a, b).score


# --------------------------------------------------------------------------- blocking


@lru_cache(maxsize=1 << 14)
def months(first: date, last: date) -> tuple[str, ...]:
    out = []
    y, m = first.year, first.month
    while (y, m) <= (last.year, last.month):
        out.append(f"{y:04d}-{m:02d}")
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return tuple(out)


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


def _keys(f: Facts, rules: MergeRules | None, lookback: timedelta) -> frozenset[str]:
    rules = rules or MergeRules.default()

    def make() -> frozenset[str]:
        window = blocking_window(f, lookback)
        spans = months(*window) if window else ()
        if not spans or len(spans) > MAX_BLOCK_MONTHS:
            spans = ("any",)
        family = rules.family(f.type)
        return frozenset(f"{family}|{p}|{m}" for p in f.participants() for m in spans)

    return f.remembered(("keys", lookback), make, rules)


def blocking_keys(f: Facts, rules: MergeRules | None = None) -> frozenset[str]:
    """``family|participant|month`` keys to look for what ``f`` may merge with: two facts are
    compared only when they share one.  An event without its own date looks back
    ``RECALL_LOOKBACK`` (a report may recall an older event: "the accord the two states signed")."""
    return _keys(f, rules, RECALL_LOOKBACK)


def stored_keys(f: Facts, rules: MergeRules | None = None) -> frozenset[str]:
    """The keys an event is stored under (``event_keys``): an event without its own date only
    under the ``UNDATED_LOOKBACK`` before its report, so that it stays a small key set."""
    return _keys(f, rules, UNDATED_LOOKBACK)


# --------------------------------------------------------------------------- clustering


def cluster_facts(facts: Sequence[Facts], score: Callable[[Facts, Facts], float] | None = None,
                  threshold: float | None = None, rules: MergeRules | None = None,
                  apart: Callable[[Facts, Facts], bool] | None = None,
                  fixed: Callable[[Facts], bool] | None = None) -> list[list[str]]:  # fmt: skip
    """Cluster facts with the shared clustering of :mod:`dateline.resolve.coref` (best-first
    average link over blocked pairs; a pair scored 0 is never joined), scored by ``score``
    (default :func:`judge` under ``rules``) and blocked by :func:`blocking_keys`.

    Pairs that share no blocking key are not scored, so average link could join two events
    that exclude each other through a third; a cluster holding such a pair (:func:`judge` says
    ``distinct``, or ``apart`` says so) is clustered again with every pair scored.

    ``fixed`` facts (stored events, compared only with new reports) are never compared with
    each other nor put in one cluster."""
    from .coref import EventMention, cluster

    rules = rules or MergeRules.default()
    by_key = {f.key: f for f in facts}
    limit = rules.threshold if threshold is None else threshold

    def scored(a: EventMention, b: EventMention) -> float:
        fa, fb = by_key[a.key], by_key[b.key]
        return score(fa, fb) if score is not None else judge(fa, fb, rules).score

    def blocked(m: EventMention) -> list[Hashable]:
        f = by_key[m.key]  # and its sentences: two reports of one sentence are always compared
        return f.remembered("blocked", lambda: [*blocking_keys(f, rules), *(f"s|{doc}|{n}" for doc, n in f.spans)],
                            rules)  # fmt: skip

    def everyone(_m: EventMention) -> list[Hashable]:
        return ["*"]

    def excluded(a: Facts, b: Facts) -> bool:
        return judge(a, b, rules).distinct or (apart is not None and apart(a, b))

    def mention(f: Facts) -> EventMention:
        return f.remembered("mention", lambda: EventMention(
            key=f.key, doc=min(f.docs, default=""), sentence=0, lemma=f.type.lower(), category=f.type,
            first=f.when.first, last=f.when.last,
        ))  # fmt: skip

    settled = (lambda m: fixed(by_key[m.key])) if fixed is not None else None
    out = []
    for group in cluster([mention(f) for f in facts], score=scored, threshold=limit, block=blocked, fixed=settled):
        members = [by_key[k] for k in group]
        if any(excluded(a, b) for i, a in enumerate(members) for b in members[i + 1 :]):
            out += cluster([mention(f) for f in members], score=scored, threshold=limit, block=everyone,
                           window=len(members), fixed=settled)  # fmt: skip
        else:
            out.append(group)
    return sorted(out, key=lambda c: c[0])
