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
  the year before; "the year-ago results" leaves its article to the noun (``rules_finance``).
"""

from dateline.time.engine import TimeTagger
from dateline.time.pubdate import infer_reference_date

__all__ = ["TimeTagger", "infer_reference_date"]
