"""The pipeline's time stage: every time phrase of a document, normalised.

Body text (headline and paragraphs) is one discourse: "the previous day" is anchored on
the last date mentioned there.  Each photo caption is its own discourse: its dates belong
to the photo, so they neither anchor nor are anchored by the body.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from functools import cached_property
from typing import ClassVar

from ..pipeline import Work
from ..records import BlockKind, TimeExpression
from .sections import dated_sections

# Without any publication date, relative phrases cannot be resolved: they are tagged against a
# placeholder and kept without an interval; only phrases that need no anchor ("June 2024",
# "2025-03-15") keep theirs.
_PLACEHOLDER = date(2000, 1, 1)


def _masked(text: str, spans: list[tuple[int, int]]) -> str:
    """``text`` with everything outside ``spans`` blanked (offsets are kept)."""
    out = [" "] * len(text)
    for start, end in spans:
        out[start:end] = text[start:end]
    return "".join(out)


class TimeStage:
    name: ClassVar[str] = "time"
    requires: ClassVar[frozenset[str]] = frozenset({"sentences"})
    assigns: ClassVar[frozenset[str]] = frozenset({"times"})

    @cached_property
    def tagger(self):  # type: ignore[no-untyped-def]
        from . import TimeTagger

        return TimeTagger()

    def __call__(self, work: Work) -> None:
        doc = work.document
        reference = doc.published.value
        body = [(b.start, b.end) for b in doc.blocks if b.kind != BlockKind.CAPTION]
        groups = [body] + [[(b.start, b.end)] for b in doc.blocks if b.kind == BlockKind.CAPTION]
        found = [t for spans in groups if spans for t in self._tag(work, spans, reference or _PLACEHOLDER)]
        if reference is not None:
            found = self._by_section(work, found)
        else:
            # Without a reference date, relative phrases cannot be resolved: they stay (so that
            # "March" in "in March" is still known to be time) but denote no days.
            found = [t if t.anchor == "none" else replace(t, first=None, last=None) for t in found]
        work.times = sorted(found, key=lambda t: t.start)

    def _tag(self, work: Work, spans: list[tuple[int, int]], reference: date) -> list[TimeExpression]:
        """The time phrases of ``spans`` of the text, one discourse anchored on ``reference``."""
        sents = [s for s in work.sentences if any(a <= s.start < b for a, b in spans)]
        return self.tagger.tag(
            _masked(work.document.text, spans),
            reference,
            sentences=[(s.start, s.end) for s in sents],
            tenses=[s.tense for s in sents],
        )

    def _by_section(self, work: Work, found: list[TimeExpression]) -> list[TimeExpression]:
        """Each dated section of the body (a live blog's "SATURDAY 26 JULY") tagged again as a
        discourse of its own, anchored on its heading's day (see :mod:`.sections`)."""
        doc = work.document
        blocks = [(b.start, b.end, doc.text[b.start : b.end]) for b in doc.blocks if b.kind != BlockKind.CAPTION]
        for start, end, heading in dated_sections(blocks, found, doc.published.value):
            assert heading.first is not None
            spans = [(a, b) for a, b, _ in blocks if start <= a and b <= end]
            found = [t for t in found if not start <= t.start < end] + self._tag(work, spans, heading.first)
        return found
