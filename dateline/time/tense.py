"""Fast lexical sentence splitting and tense guessing, for callers without a parser."""

from __future__ import annotations

import re

_ABBREV = {
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "mr", "mrs", "ms",
    "dr", "prof", "gen", "lt", "col", "sgt", "capt", "gov", "sen", "rep", "st", "no", "vs", "inc", "corp",
    "co", "ltd", "jr", "sr", "u.s", "u.n", "u.k", "e.u", "a.m", "p.m", "mt", "ft", "rev", "maj", "adm",
    "cmdr", "brig", "pres", "dept", "est", "approx", "fig", "e.g", "i.e", "etc", "al",
}  # fmt: skip
_BOUNDARY = re.compile(r"\n\s*\n|\n(?=\s*[A-Z\"'“(])|(?<=[.!?])[\"'”’)]*\s+(?=[\"'“‘(]?[A-Z0-9])")
_LAST_WORD = re.compile(r"([A-Za-z.]+)\.[\"'”’)]*\s*$")


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Sentence spans (start, end) by punctuation and line breaks, skipping common abbreviations."""
    spans: list[tuple[int, int]] = []
    start = 0
    for m in _BOUNDARY.finditer(text):
        if m.group(0)[:1] not in ("\n",):
            lw = _LAST_WORD.search(text, max(start, m.start() - 12), m.start() + 1)
            if lw:
                w = lw.group(1).lower()
                if w in _ABBREV or (len(w) == 1 and w.isalpha()):
                    continue
        end = m.start()
        if text[start:end].strip():
            spans.append((start, end))
        start = m.end()
    if text[start:].strip():
        spans.append((start, len(text)))
    return spans


_FUTURE = re.compile(
    r"\b(?:will|won't|shall|'ll|is\s+to|are\s+to|is\s+due\s+to|are\s+due\s+to|(?:is|are)\s+scheduled\s+to|"
    r"(?:is|are)\s+set\s+to|plans?\s+to|(?:is|are)\s+expected\s+to|(?:is|are)\s+going\s+to|intends?\s+to|"
    r"next|upcoming|coming|tomorrow|must|would(?!\s+have)|expects?\s+to|hopes?\s+to|aims?\s+to|payable|"
    r"effective|deadline)\b",
    re.I,
)
_PAST = re.compile(
    r"\b(?:was|were|had|did|said|told|met|held|made|took|gave|came|went|saw|left|began|sent|fired|"
    r"launched|reported|announced|killed|died|won|lost|spoke|wrote|found|fell|rose|hit|struck|led|"
    r"became|brought|ran|got|put|set|kept|felt|stood|sat|paid|sold|bought|built|caught|chose|drew|drove|ate|"
    r"flew|forgot|froze|grew|heard|hid|knew|laid|lay|meant|rang|rode|sought|shot|shut|sang|sank|slept|"
    r"spent|stole|swore|threw|understood|woke|wore|withdrew|overtook|undertook|yesterday|ago|last|earlier|"
    r"\w{3,}ed)\b",
    re.I,
)
_PRESENT = re.compile(r"\b(?:is|are|am|says|say|has|have|does|do)\b", re.I)


def guess_tense(sentence: str) -> str | None:
    """ "future" / "past" / "present" / None from surface cues in one sentence."""
    if _FUTURE.search(sentence):
        return "future"
    if _PAST.search(sentence):
        return "past"
    if _PRESENT.search(sentence):
        return "present"
    return None


_LOCAL_FUTURE = re.compile(
    r"(?:\b(?:will|won't|shall|'ll|to\s+be|due|scheduled|expected|set|planned|plans?|slated|going|would)"
    r"\s+(?:\w+\s+){0,3}?(?:on\s+)?|\b(?:starting|beginning|payable|effective|due|deadline|expires?|"
    r"(?:scheduled|set|slated|planned)\s+for|as\s+soon\s+as|record)\s+(?:on\s+)?)$",
    re.I,
)
_LOCAL_PAST = re.compile(
    r"\b(?:said|told|reported|announced|stated|added|confirmed|denied|met|held|killed|died|arrived|left|"
    r"launched|fired|signed|visited|began|started|ended|was|were|had|did|held|met|left|came|went|took|"
    r"\w{3,}ed)\s+(?:(?:on|in|at|during|since|until|through|late|early|last)\s+)?(?:late\s+|early\s+)?$",
    re.I,
)
_RIGHT_PAST = re.compile(
    r"^\s*,?\s*(?:\w+\s+){0,3}?(?:said|told|reported|announced|stated|added|confirmed|denied|were|was|had|"
    r"\w{3,}ed)\b",
    re.I,
)
_RIGHT_FUTURE = re.compile(r"^\s*,?\s*(?:\w+\s+){0,3}?(?:will|shall|'ll|is\s+to|are\s+to|would)\b", re.I)


def local_tense(text: str, start: int, end: int, sent_start: int, sentence_tense: str | None) -> str | None:
    """Tense at a time phrase: cues right next to it ("said Friday", "will meet Friday")
    win over the sentence's tense."""
    left = text[max(sent_start, start - 40) : start]
    if _LOCAL_FUTURE.search(left):
        return "future"
    if _LOCAL_PAST.search(left):
        return "past"
    right = text[end : end + 40]
    if _RIGHT_FUTURE.search(right):
        return "future"
    if _RIGHT_PAST.search(right):
        return "past"
    return sentence_tense
