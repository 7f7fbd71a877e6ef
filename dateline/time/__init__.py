"""Time expressions: find, normalise (TIMEX3) and anchor them; infer a missing publication date.

from dateline.time import TimeTagger, infer_reference_date
tagger = TimeTagger()
tagger.tag(text, reference_date) -> list[TimeExpression]
infer_reference_date(text) -> PublicationDate | None

Where the TimeBank/AQUAINT annotation (the TempEval-3 benchmark) is inconsistent, the engine
follows the majority of its development part; each choice is noted where it is made:

* a month-day or month without a year: the tense weighs, a date against it must be 5x nearer
  (``calendar.DAY_AGAINST_TENSE``);
* "Friday night" has the day as its value (``rules_relative._weekday``); "tonight" is a time;
* "two weeks ago" is a day, its interval the week around it (``rules_relative._ago``);
* "the past week" is the week holding most of the last seven days; "the past year" the year
  before;
* decades are counted in years (``lexicon.UNITS``), fractions as mixed units (P2Y6M);
* business news: "the year ended June 30" is P1Y; after "the nine months" a year earlier is
  the year before; "the year-ago results" leaves its article to the noun (``rules_finance``);
* "earlier this week", "later Thursday" leave the adverb outside the expression (7 to 1), while
  "earlier this month/year" keep it (11 to 5); the adverb still narrows the interval;
* "fiscal 1989" is 1989 with "fiscal" in the expression (all of the development part's);
  a season or budget year across two years ("the 1996-97 season", "fiscal 1998-99", "2024/25",
  none on the development part) is one DATE valued by its first year, its interval both years;
* a joined range ("from 2019 to 2023", "March 3-5") is valued by the most specific TIMEX3 value
  both ends share ("20", "2030-03"), its interval first..last; ends in two centuries share none:
  "1998-2001" is "XXXX" with granularity "range" (``ranges.common_value``);
* "the past decade" is P10Y; "over three years" is a span ("over" is MORE_THAN only after
  "lasted", "for", "in" ...); "N units later" with nothing dated before it is a duration.
* vague offsets ("hours later", "moments later", "days later", "weeks earlier", clause-final
  "minutes after"; none on the development part) are DATEs anchored on the latest date, their
  interval the days they can cover, valued by what those days share (``rules_later``); counted
  ones keep TimeBank's form ("two hours later" and "a few days later" are durations, as the
  development part tags "a minute and a half" and "A few days" before "later");
* "the second and fourth quarters": two TIMEX3s, "second" and "fourth quarters" (the development
  part's only one, a SET after "usually"); "from 1998 to the present" joins up to the
  reference day; "from 10 p.m. to 6 a.m." stays two clock times (no TIMEX3 value spans hours).

Anchors, checked by 5-fold cross-validation over the development documents
(``python -m dateline.bench.tempeval_folds``): a bare month, quarter or month-day takes its year
from the reference date and the tense, never from a year written in an earlier sentence (that
loses in every fold); "the quarter"/"a year ago" in business news and "the following week" take
the discourse's period, clock times the day of their sentence (both win in every fold they touch).
A spaCy parse's sentence tenses change nothing measurable: the local cues decide.

Narrative anchors (``discourse``; the development part has almost none of these, so they are
decided on English news usage and checked not to lose in any fold): "that summer", "that month",
"that year", "the previous/following year", "the following spring" count from the latest date
named before them that lies within one such unit ("that month" skips a bare year and a week
across two months), never from the reference date while such a date exists.  "The next year"
(month, week, season) does so only in a past clause whose sentence, or the one before, named
that date ("It opened in 1932. The next year, ..." is 1933); elsewhere it looks ahead of the
reference date ("will be sold the next year").  So, in such a past clause, do "by the end of the
month", "later in the year" and, after a written year, "in the summer".  Bare "next year"
always counts from the reference date: news writes "the next year" or "the following year" for
a story's own time.  "Two years after that", "the day after that" count from the latest date.

Past or future for a bare weekday, month-day or month: the tense at the phrase, nearness against
the tense only when 5x nearer.  A decision list learned on four folds (rule, tense, which
candidate is nearer and by how much) loses to it in four folds and ties in the fifth (the rule
gets 254 of 259 development decisions right: ``python -m dateline.bench.tempeval_kinds
TBAQ_DIR --direction-cv``).  The value errors left on the development part are mostly
granularity and unspecified parts on which its gold disagrees with itself ("last week" is
1989-WXX in half the WSJ files, a week in the other half; "the Communist Party daily Granma"
is tagged P1D in two files and left out in two others): no cue found separates them.
"""

from dateline.time.engine import TimeTagger
from dateline.time.pubdate import infer_reference_date

__all__ = ["TimeTagger", "infer_reference_date"]
