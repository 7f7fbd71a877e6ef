"""Time expressions: find, normalise (TIMEX3) and anchor them; infer a missing publication date.

from dateline.time import TimeTagger, infer_reference_date
tagger = TimeTagger()
tagger.tag(text, reference_date) -> list[TimeExpression]
infer_reference_date(text) -> PublicationDate | None
"""

from dateline.time.engine import TimeTagger
from dateline.time.pubdate import infer_reference_date

__all__ = ["TimeTagger", "infer_reference_date"]
