"""Internal types of the time engine: resolution context, results, rules, candidates."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date

from dateline.time.calendar import Span


@dataclass(frozen=True)
class Dated:
    """A date the discourse has named so far: its span and the sentence it is in."""

    span: Span
    sent: int
    anchor: str = "none"  # "dct" when its year came from the reference date, not the text


@dataclass
class Ctx:
    """What a rule may look at when it normalises a match.

    ``text`` is the whole document text (rules peek at the words around a match),
    ``tense`` the tense that applies at the match, ``last_day`` the most recent day-precise
    date mentioned before it, ``last_span`` the most recent dated expression of any
    precision, ``last_year`` the most recent explicitly written year, ``dated`` every date
    named before the match (``discourse.period`` picks the one a "that year" refers to)."""

    text: str
    ref: date
    tense: str | None = None
    last_day: date | None = None
    last_span: Span | None = None
    last_year: int | None = None
    sent_start: int = 0
    last_quarter: Span | None = None  # the reporting period a financial story is about
    months_period: bool = False  # the latest period named is "the (first) nine months", not a quarter
    dated: Sequence[Dated] = ()  # the dates named before the match, oldest first
    sent: int = -1  # the sentence of the match


@dataclass(frozen=True)
class Res:
    """A normalised value before it becomes a ``TimeExpression``."""

    type: str
    value: str
    first: date | None = None
    last: date | None = None
    gran: str | None = None
    mod: str | None = None
    anchor: str = "none"
    # For an expression written without a year: the same expression in a given year
    # (range ends inherit each other's year).
    with_year: Callable[[int], Res] | None = field(default=None, compare=False)
    explicit_year: bool = False
    needs_day: bool = False  # a clock time whose day comes from the context
    # For a phrase whose day comes from the context ("Hours later"): the phrase resolved on that
    # day, given the value of the expression the day came from (a clock time, or a date).
    on_day: Callable[[date, str], Res] | None = field(default=None, compare=False)
    skip: int = 0  # characters of the match left out of the expression ("a [five year] low")


Handler = Callable[[re.Match[str], Ctx], "Res | None"]


@dataclass(frozen=True)
class Rule:
    name: str
    regex: re.Pattern[str]
    handler: Handler
    priority: int = 0


@dataclass
class Cand:
    start: int
    end: int
    rule: Rule
    match: re.Match[str]
    res: Res | None = None
    mod: str | None = None  # modifier found left of the match by the extension pass
    mod_kind: str | None = None
    pod: str | None = None  # part of day found right of the match
    sent: int = 0
