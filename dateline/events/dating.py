"""Date an event from the time phrases of its sentence and its context.

Rules, tried in order (each names itself in ``EventDate.rule``):

``trigger-phrase``
    a time phrase attached to the trigger in the parse ("met ... on March 15"), to the
    light verb of a noun trigger ("launched an assault on June 9"), or one the trigger's
    relative clause hangs from ("in September 2024, when he met ..."). Not a deadline: "gave
    him until Tuesday to leave" ends a period on Tuesday; it does not date the giving.
``clause-phrase``
    a phrase attached to a verb that governs the trigger in the same clause chain
    ("agreed to a ceasefire during a call" dated by the governing verb).
``report-frame``
    the phrase of the reporting verb or noun that frames the event ("X has arrived in Y,
    the agency reported Friday"; "an announcement made on June 7 that ...").  The event
    happened on or before that day; the frame is the best evidence the text gives.
``before-act``
    the phrase of a verb that governs the trigger through "after" ("wrapped up a visit on
    Monday after condemning X"): the act was done on or before that day.
``said-act``
    the same frame for a refusal or threat told as what will (not) be done ("said on Saturday
    his country would not accept it", "their killing will not go unpunished, the presidency said
    on Wednesday"): the saying is the act, so the frame's day is its day.
``relative-event``
    "X comes a day before Y": Y is dated from X's date.
``story-day``
    "the same day", "the next day" counted by the time engine from the last day written, when
    that day dates a clause describing a noun ("replacing the diplomat it expelled on 13
    March"): counted from the story's day written before it instead.
``after-event``
    "sent aid after the clashes in November": dated by the event it follows (a lower bound).
``headline``
    a headline in the present tense with no phrase ("Bishkek blames Dushanbe") reports the
    news of the day: the publication date, said so.
``context-sentence``
    a past-tense event with no phrase of its own, in a paragraph whose earlier sentence
    dated an event ("He then met the governor"), takes that date.
``context-event``
    an anaphoric event noun ("the visit", "his trip") takes the date of the earlier event
    of the same kind with the same actor in the document; so does its clock time with no day
    of its own ("That launch, at about 4:45 p.m., ...": that launch's day, at 4:45 p.m.).
``section-date``
    an item with no phrase of its own under a heading that is a date ("Tue 5 Nov" in a weekly
    digest, a live blog's day heading), where the document has two or more such headings.
``report-date``
    a present-perfect event with no phrase ("has arrived") happened by the report: the
    publication date is used, and says so.
``unknown``
    nothing in the text dates it.  The publication date is never used silently.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date, timedelta
from typing import TYPE_CHECKING

from ..records import EventDate, TimeExpression
from .candidates import SPEECH_ACTS
from .syntax import first_conjunct, infinitive, listed_before, of_head

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

    from .candidates import Candidate, CandidateFinder

UNIT_DAYS = {"day": 1, "days": 1, "week": 7, "weeks": 7, "month": 30, "months": 30}
NUMBER_WORDS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
                "eight": 8, "nine": 9, "ten": 10, "several": 0, "few": 0}  # fmt: skip
ANAPHORIC_DETS = frozenset({"the", "this", "that", "these", "those"})
# Nouns that are times themselves ("the Easter weekend", "the Monday morning"): a date before them
# is part of the time, not a label of a thing
TIME_NOUNS = frozenset({"day", "week", "weekend", "month", "year", "night", "morning", "afternoon", "evening",
                        "eve", "holiday", "season", "period", "hour"})  # fmt: skip
DEADLINE_PREPS = frozenset({"until", "till", "til"})
PERIOD_PREPS = DEADLINE_PREPS | {"since"}
REFERENCE_PREPS = frozenset({"before", "after", "following", "ahead"})  # "before the incident on 10 February"
NOUN_HEADS = frozenset({"NOUN", "PROPN", "PRON"})
STOP_DEPS = frozenset({"advcl"})
# Refusals and threats told as what will (not) be done: the saying is the act (rule said-act).
SAID_ACTS = frozenset({"refused_change", "unpunished", "unrenewed"})
# Events whose complement reports another, earlier happening: it does not take their date.
ALLEGING = frozenset(
    {"ACCUSE", "REJECT", "REQUEST", "THREATEN"}
)  # a subordinate clause of time ("after X said") has its own time


def contract_value(first: date, last: date) -> str | None:
    """The export contract's value for an interval: a day, a month or a year, else None."""
    if first == last:
        return first.isoformat()
    if first.year == last.year and first.month == last.month:
        return f"{first.year:04d}-{first.month:02d}"
    if first.year == last.year:
        return f"{first.year:04d}"
    return None


def from_phrase(t: TimeExpression, rule: str) -> EventDate:
    """The date a time phrase gives: its TIMEX3 value (``2025-W20`` for "last week") and interval."""
    assert t.first is not None and t.last is not None
    return EventDate(
        value=t.value if t.type in ("DATE", "TIME") and t.value else contract_value(t.first, t.last),
        first=t.first,
        last=t.last,
        granularity=t.granularity,
        phrase=t.text,
        rule=rule,
        phrase_start=t.start,
        phrase_end=t.end,
    )


_YEAR = re.compile(r"(?:1[89]|20)\d\d")  # "the 1960 Indus Waters Treaty" (not "on Sunday Pakistan's minister")

# A phrase that counts from another event's day ("three days later", "a week earlier").
_OFFSET_WORD = re.compile(r"(?i)\b(?:later|earlier|afterwards?|after|before|on)\s*$")


@dataclass
class Phrase:
    """A datable time phrase in a sentence: its tokens and where it attaches."""

    time: TimeExpression
    tokens: set[int]
    anchor: Token | None
    deadline: bool = False  # "gave him until Tuesday to leave": when a period ends, not when it was done

    @property
    def width(self) -> int:
        assert self.time.first is not None and self.time.last is not None
        return (self.time.last - self.time.first).days


def sentence_phrases(
    sent: Span, offset: int, times: list[TimeExpression], stops: Callable[[Token], bool] = lambda t: False,
    event_noun: Callable[[Token], bool] = lambda t: False,
) -> list[Phrase]:
    """The DATE/TIME phrases of a sentence with the token each one attaches to.

    A phrase attaches to its nearest ancestor that is a verb or a noun for which ``stops``
    is true (an event or reporting noun); other nouns pass it up ("demanded her release on
    Saturday" dates the demand). A day set after a noun that names an act (``event_noun``: "the
    killing of 19 tourists the previous day") is that act's."""
    out = []
    for t in times:
        if t.type not in ("DATE", "TIME") or t.first is None or t.last is None:
            continue
        toks = [tok for tok in sent if t.start <= offset + tok.idx < t.end]
        if not toks:
            continue
        idx = {tok.i for tok in toks}
        heads = [tok for tok in toks if tok.head.i not in idx or tok.head.i == tok.i]
        head = heads[0] if heads else toks[0]
        anchor: Token | None = head.head if head.head.i != head.i else None
        if head.dep_ == "poss" and anchor is not None:  # "last Friday's seizure": the seizure's day only
            out.append(Phrase(t, idx, anchor))
            continue
        if (head.dep_ in ("compound", "nummod", "amod", "nmod") and anchor is not None
                and (anchor.pos_ == "NOUN" or (anchor.pos_ == "PROPN" and _YEAR.fullmatch(t.text.strip())))
                and anchor.ent_type_ not in ("DATE", "TIME") and anchor.lemma_.lower() not in TIME_NOUNS):  # fmt: skip
            # "the 1994 genocide", "the January 12 strikes", "the 1960 Indus Waters Treaty": the
            # noun's date, no verb's (but "the Easter weekend" is a time itself)
            out.append(Phrase(t, idx, anchor))
            continue
        if (head.dep_ == "npadvmod" and anchor is not None and anchor.pos_ == "NOUN" and anchor.dep_ == "pobj"
                and event_noun(anchor)):  # fmt: skip
            # "in protest at the killing of 19 tourists the previous day": the killing's day, not the protest's
            out.append(Phrase(t, idx, anchor))
            continue
        deadline = head.dep_ == "pobj" and head.head.lower_ in DEADLINE_PREPS
        bound = head.dep_ == "pobj" and head.head.lower_ in PERIOD_PREPS
        if bound and anchor is not None and anchor.head.pos_ in NOUN_HEADS and not stops(anchor.head):
            # "the fourth round of strikes since January", "the first visit since 2019": a period a
            # noun is counted in, which dates no verb the parse hangs the noun on
            out.append(Phrase(t, idx, None))
            continue
        while anchor is not None and not ((anchor.pos_ in ("VERB", "AUX") and not _nominal_gerund(anchor))
                                          or stops(anchor)):  # fmt: skip
            if anchor.dep_ == "pobj" and anchor.head.lower_ in REFERENCE_PREPS and anchor.pos_ == "NOUN":
                # "spoke in January, before the first incident of the year on February 10": the
                # day of the event the act is placed before or after, not the act's own
                break
            anchor = anchor.head if anchor.head.i != anchor.i else None
        if anchor is not None and anchor.dep_ in ("aux", "auxpass") and anchor.head.i != anchor.i:
            anchor = anchor.head  # "had on Saturday urged Iran": the parser hangs the phrase on "had"
        if anchor is not None and _set_off_after_count(anchor, toks):
            anchor = anchor.head
        out.append(Phrase(t, idx, anchor, deadline))
    return out


def _set_off_after_count(clause: Token, toks: list[Token]) -> bool:
    """ "Three days after the soldiers were seized, shortly before midnight on September 19,
    rockets struck ...": a phrase set off by commas after a counting clause ("N days after ...")
    is the main verb's, though the parser hangs it on the counting clause's verb."""
    if clause.dep_ != "advcl" or clause.i > toks[0].i or clause.head.i < toks[-1].i:
        return False
    if not any(m.dep_ == "mark" and m.lower_ in ("after", "before") for m in clause.children):
        return False
    doc = clause.doc
    before = toks[0].i - 1
    if before > clause.i and doc[before].dep_ == "prep" and doc[before].head.i == clause.i:
        before -= 1  # "..., at about 10:20 a.m. on Tuesday, ..."
    after = toks[-1].i + 1
    return before > clause.i and doc[before].text == "," and after < len(doc) and doc[after].text == ","


def _nominal_gerund(tok: Token) -> bool:
    """A noun the parser took for a gerund, as the object of a preposition ("from the Mandera
    crossing the next day"): no verb a time phrase dates."""
    return tok.tag_ == "VBG" and tok.dep_ == "pobj"


class Dater:
    """Dates the candidates of one sentence (context comes from the caller)."""

    def __init__(self, finder: CandidateFinder, relational: frozenset[str]) -> None:
        self.finder = finder
        self.relational = relational
        self.events_at: dict[int, str] = {}  # token -> category of the sentence's event triggers

    def date(self, cand: Candidate, phrases: list[Phrase]) -> EventDate | None:
        when = self._date(cand, phrases)
        said = cand.trig.needs in SAID_ACTS or cand.trig.speaker_threatens
        if when is not None and when.rule == "report-frame" and (said or self._told_while_saying(cand)):
            # "said on Saturday his country would not accept it": the saying is the refusal
            return replace(when, rule="said-act")
        return when

    def _told_while_saying(self, cand: Candidate) -> bool:
        """A speech act told as a participle of the saying ("said on Sunday that his country would
        not withdraw, rejecting the resolution and accusing X of ..."): done by that saying."""
        tok = cand.tok
        if cand.trig.type not in SPEECH_ACTS or tok.tag_ != "VBG" or tok.dep_ not in ("advcl", "conj"):
            return False
        node = tok
        for _ in range(4):
            if node.dep_ not in ("advcl", "conj", "ccomp") or node.head.i == node.i:
                return False
            node = node.head
            if node.pos_ == "VERB" and self.finder.is_frame(node):
                return True
        return False

    def _date(self, cand: Candidate, phrases: list[Phrase]) -> EventDate | None:
        tok = cand.tok
        hosts = {tok.i} | {v.i for v in _light_verbs(cand)}
        own = [p for p in phrases if p.anchor is not None and p.anchor.i in hosts and not p.deadline]
        if not own:  # a folded part's phrase only when the host has none: "killed X on Sept. 16 and Y
            # in an attack on Sept. 24" keeps the verb's own date
            for part in cand.folded:
                own += [p for p in phrases if p.anchor is not None and p.anchor.i == part.tok.i]
        # a relative clause hanging from the phrase: "in September 2024, when he met ..."
        node = tok
        for _ in range(3):
            if node.head.i == node.i:
                break
            node = node.head
            inside = [p for p in phrases if node.i in p.tokens]
            if inside:
                own += inside
                break
        if own:
            either = _alternatives(own, phrases)
            if either is not None:
                return either
            return from_phrase(_most_precise(own).time, "trigger-phrase")
        # "visited and laid a wreath on Friday": conjoined verbs share the phrase
        shared = [
            p
            for c in tok.children
            if c.dep_ == "conj" and not any(g.dep_ in ("nsubj", "nsubjpass") for g in c.children)
            for p in phrases
            if p.anchor is not None and p.anchor.i == c.i and not _OFFSET_WORD.search(p.time.text)
        ]  # (not "..., and was remanded three days later": that offset counts from this verb's day;
        # nor "soldiers crossed ..., and last week the navy seized ...": a clause of its own)
        if shared and tok.pos_ == "VERB":
            return from_phrase(_most_precise(shared).time, "clause-phrase")
        if cand.is_noun:
            # "two days of talks that began on Monday morning and ran until Tuesday": a clause on
            # the event noun that is no event of its own tells when it took place
            nouns = [tok]
            if (measure := of_head(tok)) is not None:
                nouns.append(measure)  # "two days of talks that began ...": the measure's clause
            clauses = [c for n in nouns for c in n.children if c.dep_ in ("relcl", "acl") and c.i not in self.events_at]
            clauses += [g for c in clauses for g in c.children if g.dep_ == "conj" and g.i not in self.events_at]
            told = {c.i for c in clauses}
            telling = [p for p in phrases if p.anchor is not None and p.anchor.i in told and p.time.first is not None]
            if len(telling) > 1:  # "began on Monday morning and ran until Tuesday": the whole span
                first = min(p.time.first for p in telling if p.time.first is not None)
                last = max(p.time.last for p in telling if p.time.last is not None)
                start, end = min(p.time.start for p in telling), max(p.time.end for p in telling)
                words = " ... ".join(p.time.text for p in sorted(telling, key=lambda p: p.time.start))
                return EventDate(contract_value(first, last), first, last, "day", words, "clause-phrase", start, end)
            if telling:
                return from_phrase(telling[0].time, "clause-phrase")
        # "attacked a ship carrying out a survey early on Sunday", "a depot belonging to X ... early
        # yesterday", "launched a mission to protect shipping ... on Monday": a participle or an
        # infinitive describing an object is no event; the parser hangs the main verb's phrase on it
        objects = [o for o in tok.children if o.dep_ == "dobj"]
        objects += [o for p in tok.children if p.dep_ == "prep" for o in p.children if o.dep_ == "pobj"]
        describing = [
            a.i
            for o in objects
            for a in o.children
            if a.i not in self.events_at
            and ((a.dep_ == "acl" and a.tag_ in ("VBG", "VBN")) or (a.dep_ in ("acl", "relcl") and infinitive(a)))
        ]
        # "signed a memorandum on combating terror financing on Tuesday": a gerund in the object's
        # phrase, no event of its own, takes the verb's phrase the same way
        describing += [a.i for o in objects for a in o.subtree
                       if a.tag_ == "VBG" and a.dep_ == "pcomp" and a.i not in self.events_at]  # fmt: skip
        if tok.tag_ == "VBD":  # and the purpose of an act done ("launched a mission to protect ... on Monday"),
            # or the act a verb with a particle is about ("ruled out changing the name on Monday")
            phrasal = any(c.dep_ == "prt" for c in tok.children)
            describing += [a.i for a in tok.children
                           if a.dep_ == "advcl" and a.i not in self.events_at
                           and (infinitive(a) or (a.tag_ == "VBG" and phrasal))]  # fmt: skip
        attached = [p for p in phrases if p.anchor is not None and p.anchor.i in describing]
        if attached and tok.pos_ == "VERB":
            return from_phrase(_most_precise(attached).time, "clause-phrase")
        # governing verbs and frames up the tree
        node, done_before = tok, False
        for _ in range(6):
            if node.head.i == node.i or (node.dep_ in STOP_DEPS and _has_time_mark(node)):
                break
            if node.dep_ in ("nsubj", "nsubjpass") and node.head.lemma_.lower() in self.relational:
                break  # "the trip follows a visit last week": the phrase is the visit's
            # "wrapped up a visit on Monday after condemning X": the condemnation came on or before
            # that day (a bound, as a report frame's day is), not necessarily on it
            done_before = done_before or (node.dep_ == "pcomp" and node.head.lower_ == "after")
            joined = node.dep_ == "conj"
            node = node.head
            if _offset_mark(node) and not _verb_between(tok, node):
                return None  # "fired ... early on Saturday, a day after the first wave of strikes":
                # the strikes are a day before the verb's day (relative_offset), not on it
            if cand.is_noun and node.i not in self.events_at and _nested_in_noun(tok, node):
                break  # "a first step in the quarrel over the army's shelling": an act named in a
                # phrase of a noun's phrase is background to the verb that governs the noun
            if self.events_at.get(node.i) in ALLEGING and not joined:
                # "accused X on Tuesday of attacking ...": the attack is older than the accusation
                # (not "condemned X on Wednesday and demanded ...": a second act of the same day)
                break
            if cand.subject_from == "teller" and node.i == tok.head.i:
                continue  # "said on Wednesday that the men were killed on Monday, and vowed ...": the
                # reported clause the conjunct hangs on is not the vow's; its teller's phrase is
            attached = [p for p in phrases if p.anchor is not None and p.anchor.i == node.i]
            attached += [
                p
                for c in node.children
                if c.dep_ == "acl" and c.i != tok.i
                for p in phrases
                if p.anchor is not None and p.anchor.i == c.i
            ]
            frame = self.finder.is_frame(node)
            if not attached and (listed := listed_before(node)) is not None:
                # "On Wednesday X had recalled its envoy, told ...": a list misparsed, its first verb's date
                attached = [p for p in phrases if p.anchor is not None and p.anchor.i == listed.i]
                frame = frame and not attached
            if not attached and frame:  # "said in a statement on Friday that ..."
                notes = {n.i for n in _nouns_below(node, 2) if self.finder.is_frame(n)}
                attached = [p for p in phrases if p.anchor is not None and p.anchor.i in notes]
            if attached:
                rule = "report-frame" if frame else "before-act" if done_before else "clause-phrase"
                return from_phrase(_most_precise(attached).time, rule)
        # a reporting noun in the trigger's own phrase ("condemned it in a statement on Saturday")
        for noun in _nouns_below(tok):
            if self.finder.is_frame(noun):
                hosts = {noun.i} | {a.i for a in noun.children if a.dep_ == "acl"}
                attached = [p for p in phrases if p.anchor is not None and p.anchor.i in hosts]
                if attached:
                    return from_phrase(_most_precise(attached).time, "report-frame")
        # the meeting the act took place at: "agreed in a telephone call on Friday", "pledged at
        # talks in Geneva on Monday" (a meeting, not a later one the act is about)
        if tok.pos_ == "VERB":  # (the parser may hang the meeting on what is agreed: "agreed to
            # withdraw in a telephone call on Friday")
            verbs = [tok, *(c for c in tok.children if c.dep_ == "xcomp" and c.i not in self.events_at)]
            # (and the meeting walked out of: "walked out of a meeting of the ministers on Tuesday")
            preps = OCCASION_PREPS | (LEFT_PREPS if cand.trig.needs == "negotiation_words" else frozenset())
            heads = [c for v in verbs for c in v.children if c.dep_ in ("prep", "prt")]
            heads += [g for c in heads if c.lower_ == "out" for g in c.children if g.dep_ == "prep"]  # "out" "of"
            occasions = {n.i for c in heads if c.dep_ == "prep" and c.lower_ in preps
                         for n in c.children if n.dep_ == "pobj" and self.events_at.get(n.i) == "CONSULT"}  # fmt: skip
            attached = [p for p in phrases if p.anchor is not None and p.anchor.i in occasions]
            if attached:
                return from_phrase(_most_precise(attached).time, "clause-phrase")
        # "sent aid after the clashes in November": no earlier than the dated event it follows
        for c in tok.children:
            if c.dep_ == "prep" and c.lower_ in ("after", "following"):
                for p_obj in c.children:
                    attached = [p for p in phrases if p.anchor is not None and p.anchor.i == p_obj.i]
                    if attached:
                        return from_phrase(_most_precise(attached).time, "after-event")
        # a reporting noun as subject: "A report published on Wednesday accused X" (and shared by a
        # conjunct: "Wednesday's statement accused X ... and promised ...")
        subjects = [c for c in tok.children if c.dep_ in ("nsubj", "nsubjpass")]
        if not subjects and tok.dep_ == "conj" and tok.pos_ == "VERB":
            subjects = [c for c in tok.head.children if c.dep_ in ("nsubj", "nsubjpass")]
        for c in subjects:
            if self.finder.is_frame(c):
                hosts = {c.i} | {a.i for a in c.children if a.dep_ == "acl"}
                attached = [p for p in phrases if p.anchor is not None and p.anchor.i in hosts]
                if attached:
                    return from_phrase(_most_precise(attached).time, "report-frame")
        # a reporting verb hanging from the event ("X met Y, officials said Tuesday")
        for c in tok.children:
            if c.dep_ in ("parataxis", "ccomp", "advcl", "conj") and self.finder.is_frame(c):
                attached = [p for p in phrases if p.anchor is not None and p.anchor.i == c.i]
                if attached:
                    return from_phrase(_most_precise(attached).time, "report-frame")
        return None


def _offset_mark(tok: Token) -> bool:
    """ "after"/"before" with a day count before it: "a day after", "two weeks before"."""
    return tok.dep_ == "prep" and tok.lower_ in ("before", "after") and amount_before(tok) is not None


def _verb_between(tok: Token, node: Token) -> bool:
    """Whether a verb lies on the path from ``tok`` up to its ancestor ``node``."""
    above = {a.i for a in node.ancestors} | {node.i}
    return any(a.pos_ in ("VERB", "AUX") for a in tok.ancestors if a.i not in above)


def _nested_in_noun(tok: Token, node: Token) -> bool:
    """Whether ``node`` is the object of a preposition and ``tok`` hangs below it through a
    preposition of its own, with no verb between ("the quarrel over the army's shelling")."""
    if node.dep_ != "pobj" or node.pos_ not in NOUN_HEADS:
        return False
    measure = of_head(tok)
    if measure is not None and measure.i == node.i:
        return False  # "after three days of talks", "a wave of strikes": the measure is the act's own
    above = {a.i for a in node.ancestors} | {node.i}
    return any(a.dep_ == "prep" for a in tok.ancestors if a.i not in above) and not _verb_between(tok, node)


def _nouns_below(tok: Token, depth: int = 4) -> list[Token]:
    """Nouns reached from ``tok`` through prepositions and objects only (not other clauses)."""
    out: list[Token] = []
    frontier = [tok]
    for _ in range(depth):
        nxt = [c for t in frontier for c in t.children if c.dep_ in ("prep", "pobj", "dobj")]
        out.extend(c for c in nxt if c.pos_ in ("NOUN", "PROPN"))
        frontier = nxt
    return out


def _light_verbs(cand: Candidate) -> list[Token]:
    """The verbs that carry a noun trigger: "held talks", "an accusation he made"."""
    tok = cand.tok
    if not cand.is_noun:
        return []
    out = [c for c in tok.children if c.dep_ in ("relcl", "acl") and c.pos_ == "VERB"]
    if tok.dep_ in ("dobj", "nsubjpass", "attr", "oprd") and tok.head.pos_ in ("VERB", "AUX"):
        out.append(tok.head)
    return out


def _has_time_mark(tok: Token) -> bool:
    return any(c.dep_ in ("mark", "prep") and c.lower_ in ("before", "after", "since", "until") for c in tok.children)


_SPAN_END = frozenset({"to", "until", "till", "through", "thru"})


ALTERNATIVE_GAP = 6  # tokens between two phrases joined by "or" ("early Thursday local time, or on Wednesday night")


def _alternatives(own: list[Phrase], phrases: list[Phrase]) -> EventDate | None:
    """One moment told on two clocks ("early on Thursday local time, or on Wednesday night in
    Washington"): a day-precise phrase of the trigger joined by "or" to another a day apart (which
    the parser may hang elsewhere) gives the range of both days, since either may be the day a
    reader counts in."""
    days = sorted((p for p in phrases if p.tokens and p.width == 0), key=lambda p: min(p.tokens))
    for a, b in itertools.pairwise(days):
        if not any(p is a or p is b for p in own):
            continue
        end, start = max(a.tokens), min(b.tokens)
        if not 0 < start - end <= ALTERNATIVE_GAP or a.anchor is None:
            continue
        if not any(t.lower_ == "or" for t in a.anchor.doc[end + 1 : start]):
            continue
        assert a.time.first is not None and b.time.first is not None
        first, last = sorted((a.time.first, b.time.first))
        if (last - first).days != 1:
            continue
        return EventDate(
            value=f"{first.isoformat()}/{last.isoformat()}",
            first=first,
            last=last,
            granularity="day",
            phrase=f"{a.time.text} or {b.time.text}",
            rule="trigger-phrase",
            phrase_start=a.time.start,
            phrase_end=b.time.end,
        )
    return None


def _most_precise(phrases: list[Phrase]) -> Phrase:
    """The narrowest phrase, the latest of equals; the end of a span ("from 8 p.m. to 6 a.m.")
    only when nothing else is there: an act lasting until then began before it; and not the same
    moment on another place's clock ("said late on Thursday - already Friday morning in Seoul")."""
    starts = [p for p in phrases if not _ends_span(p)] or phrases
    starts = [p for p in starts if not _other_clock(p)] or starts
    return min(starts, key=lambda p: (p.width, -p.time.start))


OTHER_CLOCK_MARKS = frozenset({"already", "still"})  # "already Friday morning in Seoul"


def _other_clock(p: Phrase) -> bool:
    """Whether a phrase restates the moment on another place's clock: marked "already" or
    "still" ("already Friday morning in Seoul and Tokyo", "still Wednesday in Washington")."""
    if p.anchor is None or not p.tokens:
        return False
    doc, first = p.anchor.doc, min(p.tokens)
    marked = any(c.dep_ == "advmod" and c.lower_ in OTHER_CLOCK_MARKS for i in p.tokens for c in doc[i].children)
    return marked or (first > 0 and doc[first - 1].lower_ in OTHER_CLOCK_MARKS)


def _ends_span(p: Phrase) -> bool:
    if p.anchor is None or not p.tokens:
        return False
    first = min(p.tokens)
    return first > 0 and p.anchor.doc[first - 1].lower_ in _SPAN_END


def relative_offset(counted: tuple[Token, Token] | None) -> tuple[int, Token | None, Token | None] | None:
    """For a trigger in "X comes N days before/after <trigger clause>", given its clause's
    ``counting_mark``: (signed days, X's head, the verb of X's clause).

    The trigger lies N days after X when the clause is introduced by "before" (X comes a day
    before Y: Y = X + 1), and N days before X with "after".  X's head is None when the parse
    does not say what X is (the caller then takes the sentence's main event); the verb is None
    when the clause hangs from no other word."""
    if counted is None:
        return None
    node, mark = counted
    amount = amount_before(mark)
    if amount is None:
        return None
    governor = node.head if node.head.i != mark.i else mark.head
    subject = None
    if governor.i != node.i:
        subject = next((c for c in governor.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    return (amount if mark.lower_ == "before" else -amount), subject, governor if governor.i != node.i else None


def counting_mark(cand: Candidate) -> tuple[Token, Token] | None:
    """The clause of a trigger introduced by "before"/"after" (the clause's head, the word), when
    it is one: "came two days after <X asked ...>", "less than a week after <China freed ...>"."""
    node = of_head(cand.tok) or cand.tok  # "a day after the first wave of strikes": from the measure
    for _ in range(4):
        mark = next((c for c in node.children if c.dep_ in ("mark", "prep") and c.lower_ in ("before", "after")), None)
        if mark is None and node.dep_ == "pcomp" and node.head.lower_ in ("before", "after"):
            mark = node.head
        if mark is not None:
            return node, mark
        if node.head.i == node.i:
            return None
        node = node.head
    return None


OCCASION_PREPS = frozenset({"in", "at", "during"})  # "agreed in a call on Friday": the meeting's day
LEFT_PREPS = frozenset({"of", "from"})  # "walked out of a meeting on Tuesday": the day it was left
VAGUE_AMOUNTS = frozenset({"less than", "more than", "fewer than", "nearly", "almost", "over", "under", "within",
                           "up to"})


def amount_before(mark: Token) -> int | None:
    """The day count in "<N> <unit> before": "a day", "two weeks", "three days"."""
    doc = mark.doc
    if mark.i < 1:
        return None
    if doc[mark.i - 1].lower_ in ("hour", "hours", "minutes"):
        return 0  # "(only) hours after", "Hours after the attack", "two hours before": the same day
    if mark.i < 2:
        return None
    unit, num = doc[mark.i - 1], doc[mark.i - 2]
    before = (doc[max(0, num.i - 2) : num.i].text.lower(), doc[num.i - 1].lower_ if num.i > 0 else "")
    if any(words in VAGUE_AMOUNTS for words in before):
        return None  # "less than a week after", "nearly two weeks after": no day to count to
    if num.lower_ == "the" and unit.lower_ == "day":
        return 1  # "the day after the attack"
    days = UNIT_DAYS.get(unit.lower_)
    if days is None:
        return None
    n = NUMBER_WORDS.get(num.lower_)
    if n is None and num.like_num and num.text.isdigit():
        n = int(num.text)
    if not n:
        return None
    return n * days


def shifted(base: EventDate, days: int, phrase: str, start: int, end: int) -> EventDate:
    assert base.first is not None and base.last is not None
    first, last = base.first + timedelta(days=days), base.last + timedelta(days=days)
    return EventDate(contract_value(first, last), first, last, base.granularity, phrase, "relative-event", start, end)


def is_anaphoric(cand: Candidate) -> bool:
    """An event noun that points back ("the visit", "his trip", "the envoy's latest visit")."""
    if not cand.is_noun:
        return False
    return any((c.dep_ == "det" and c.lower_ in ANAPHORIC_DETS) or c.dep_ == "poss" for c in cand.tok.children)


def is_present_perfect(cand: Candidate) -> bool:
    """A verb in the present perfect ("has pledged", "has decided to end"), or one event that such
    a verb carries out ("Taiwan has pledged a $200 million fund and a credit programme"; not what it
    tells as a habit: "have held talks for a decade", "has carried out attacks"; not another's act
    it answers: "has dismissed an ultimatum from X")."""
    tok = cand.tok
    if cand.is_noun:
        if cand.subject_from != "light-verb":
            return False
        tok = first_conjunct(tok, "NOUN")
        if tok.dep_ != "dobj" or tok.tag_ != "NN" or not any(c.dep_ == "det" and c.lower_ in ("a", "an")
                                                                 for c in tok.children):  # fmt: skip
            return False
        tok = tok.head
    elif tok.dep_ == "xcomp" and tok.tag_ == "VB":  # "has decided to end its relations"
        tok = tok.head
    return tok.tag_ == "VBN" and any(c.dep_ == "aux" and c.lower_ in ("has", "have") for c in tok.children)
