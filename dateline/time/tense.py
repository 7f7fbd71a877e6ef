"""Fast lexical sentence splitting and tense guessing, for callers without a parser."""

from __future__ import annotations

import re

_ABBREV = {
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "mr", "mrs", "ms",
    "dr", "prof", "gen", "lt", "col", "sgt", "capt", "gov", "sen", "rep", "st", "no", "vs", "inc", "corp",
    "co", "ltd", "jr", "sr", "u.s", "u.n", "u.k", "e.u", "a.m", "p.m", "mt", "ft", "rev", "maj", "adm",
    "cmdr", "brig", "pres", "dept", "est", "approx", "fig", "e.g", "i.e", "etc", "al",
}  # fmt: skip
_BOUNDARY = re.compile(r"\n\s*\n|\n(?=\s*[A-Z\"'“(`])|(?<=[.!?])[\"'”’)]*\s+(?=(?:[\"'“‘(]|``)?[A-Z0-9])")
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
    r"must|would(?!\s+have)|expects?\s+to|hopes?\s+to|aims?\s+to)\b",
    re.I,
)
# Words that speak of the future without a verb ("the Tuesday deadline", "next year"): they
# decide only a sentence without a past verb.
_FUTURE_WEAK = re.compile(r"\b(?:next(?!\s+to\b)|upcoming|tomorrow|payable|effective|deadline)\b", re.I)
_PAST = re.compile(
    r"\b(?:was|were|had|did|said|told|met|held|made|took|gave|came|went|saw|left|began|sent|fired|"
    r"launched|reported|announced|killed|died|won|lost|spoke|wrote|found|fell|rose|hit|struck|led|"
    r"became|brought|ran|got|put|set|kept|felt|stood|sat|paid|sold|bought|built|caught|chose|drew|drove|ate|"
    r"flew|forgot|froze|grew|heard|hid|knew|laid|lay|meant|rang|rode|sought|shot|shut|sang|sank|slept|"
    r"spent|stole|swore|threw|understood|woke|wore|withdrew|overtook|undertook|fought|broke|fled|"
    r"swept|dealt|upheld|withheld|overthrew|overran|retook|rebuilt|shook|tore|blew|dug|hung|stuck|"
    r"arose|forbade|oversaw|overcame|bore|wept|yesterday|ago|last|earlier|"
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
    if _FUTURE_WEAK.search(sentence):
        return "future"
    if _PRESENT.search(sentence):
        return "present"
    return None


_IRREGULAR_PAST = (
    "said|told|met|held|made|took|gave|came|went|saw|left|began|sent|won|lost|spoke|wrote|found|fell|rose|hit|"
    "struck|led|became|brought|ran|got|kept|felt|stood|paid|sold|bought|built|caught|chose|drew|drove|flew|"
    "grew|heard|knew|meant|sought|shot|shut|sank|spent|threw|understood|withdrew|fought|fled|taught|thought|"
    "was|were|had|did|agreed|died|killed|broke|blew|dug|hung|swept|tore|arose|shook|slid|upheld|overthrew|"
    "withheld|sprang|bore|rode|rang|swore|stole|woke|wore|froze|forgot|ate|overtook|undertook|laid|hid|dealt|sat|"
    "retook|rebuilt|overran|oversaw|overcame|forbade|stuck|wept"
)
_NOT_PAST_ED = (
    "need|feed|seed|speed|proceed|succeed|exceed|indeed|hundred|united|red|bed|shed|breed|weed|deed|greed|"
    "creed|sacred|naked|wicked|kindred|hatred|wed|embed|planned|scheduled|expected|proposed|intended|"
    "preferred|increased|reduced|estimated|combined|adjusted|limited|related|based|detailed|advanced|armed|"
    "so-called|unnamed|unidentified|unexpected|alleged|suspected|registered|listed|selected|continued|"
    "sustained|renewed|revised|restated|expanded|unspecified|undisclosed|guaranteed|fixed|qualified|"
    "experienced|concerned|interested|supposed"
)
_ADV = r"(?:\s+(?:not|still|also|now|already|then|just|never|likely|probably|formally|officially))?"
# The perfect ("has fallen", "have increased", "had been"): a past the sentence looks back on,
# whatever the participle.
_PERFECT = (
    r"(?:has|have|had|'ve)" + _ADV + r"(?:\s+(?:since|recently|long|steadily|sharply|already))?\s+"
    r"(?:been|[a-z]{2,}(?:ed|en|wn|ne|ng|ung|ought|aught|id|ld|lt|nt|ft|pt|ut|at|it|ot|un|ck|st))"
)
# The present of a scheduled happening ("the talks, which resume Monday", "the law takes effect
# Jan. 1") speaks of what lies ahead.
_SCHEDULE = (
    r"(?:begins|resumes|reopens|reconvenes|convenes|opens|arrives|expires|starts|ends|"
    r"(?:takes|take|goes|go)\s+(?:into\s+)?effect|kicks\s+off|gets\s+under\s*way)"
)
_CUE = re.compile(
    r"\b(?:(?P<fut>(?:will|would|shall|must|may|might|to)" + _ADV + r"\s+be" + _ADV + r"\s+[a-z]+(?:ed|en|id|ld|t)|"
    r"will|won't|shall|would(?!\s+have)|should(?!\s+have)|(?-i:might|may)(?!\s+(?:have|not\s+have)\b)|as\s+early\s+as|must|is\s+to|are\s+to|to\s+be|scheduled|slated|"
    r"expected\s+to|(?:is|are|be)\s+expected|expects?\s+to|plans?\s+to|planned\s+to|planning\s+to|intends?\s+to|going\s+to|(?:is|are)\s+due|"
    r"set\s+(?:to|for)|planned\s+for|plan(?:s|ned|ning)?\s+(?:a|an|new|more|further)\b|due\s+(?:on|by|in)|deadline|payable|effective|starting|of\s+record|"
    r"beginning|expires?|upcoming|next(?!\s+to\b)|as\s+soon\s+as|hopes?\s+to|aims?\s+to|tomorrow|" + _SCHEDULE + r")"
    r"|(?P<past>" + _PERFECT + "|" + _IRREGULAR_PAST + r"|yesterday|ago|(?!(?:" + _NOT_PAST_ED + r")\b)[a-z]{2,}ed)"
    r"|(?P<pres>is|are|am|says|say))\b|(?P<fut2>'ll)\b",
    re.I,
)
# Cues that are nouns or adjectives ("the Tuesday deadline", "effective Monday"): they tell
# the tense of what follows them, not of a date written before them.
_NOUN_CUES = {"deadline", "payable", "effective", "starting", "beginning", "upcoming", "of record", "expires",
              "expire", "next", "tomorrow"}  # fmt: skip
_CLAUSE_END = re.compile(r"[.;!?]")
_DET_BEFORE = re.compile(r"\b(?:the|a|an|its|their|his|her|our|this|that|these|those|\d[\d.,]*)\s+$", re.I)
# "was held", "had been delayed", "will be held": a participle after a form of "be" is passive;
# the auxiliary carries the tense.
_BE_BEFORE = re.compile(
    r"\b(?:be|been|being|is|are|am|was|were)" + _ADV + r"\s+$", re.I
)
# "postponed the vote until Tuesday", "extended the offer to Nov. 20": a new, later date.
_POSTPONED = re.compile(
    r"\b(?:postpon|delay|adjourn|defer|extend|reschedul|push(?:ed)?\s+back|put\s+off|mov|giv(?=en|e|ing)|gave)\w*\b"
    r"(?:[^.;!?]|\.(?=\s*[a-z,$])){0,70}?"
    r"\b(?:until|till|to|for|through)\s+(?:(?:the|a|an|at\s+least|about|around|early|late|mid-?|"
    r"\d{1,2}(?:[:.]\d\d)?\s*(?:a\.m\.|p\.m\.|am|pm)(?:\s+[A-Z]{2,4})?)\s+)*$",
    re.I,
)


_SINCE = re.compile(
    r"\b(?:since|ever\s+since)\s+(?:(?:early|late|mid-?|the\s+(?:end|start|beginning|middle)\s+of)\s+)?$", re.I
)


_INFINITIVE = re.compile(
    r"\b(?:agree[ds]?|decide[ds]?|voted?|votes|promise[ds]?|pledge[ds]?|vow(?:ed|s)?|threaten(?:ed|s)?|"
    r"offer(?:ed|s)?|ask(?:ed|s)?|urge[ds]?|order(?:ed|s)?|invite[ds]?|want(?:ed|s)?|hope[ds]?|sought|seeks?|"
    r"prepare[ds]?|arrange[ds]?|intend(?:ed|s)?|called\s+on\s+\w+|told\s+\w+)\s+(?:\w+\s+){0,3}?to\s+"
    r"(?!(?:the|a|an|his|her|its|their|be|have)\b)(?-i:[a-z]+)\b[^.;!?]*$",  # (not "aid to Vietnam")
    re.I,
)


def local_tense(text: str, start: int, end: int, sent_start: int, sentence_tense: str | None) -> str | None:
    """Tense at a time phrase: the nearest tense cue to its left in the sentence ("said Friday",
    "will meet on Friday"), else the nearest to its right ("Friday said"), else the sentence's.

    A participle after "be" gives way to the auxiliary ("was held" past, "will be held"
    future); "postponed/extended ... until X" makes X a later date."""
    left = text[max(sent_start, start - 120) : start]
    if _POSTPONED.search(left):
        return "future"
    if _SINCE.search(left):
        return "past"  # "prices have risen since January": a start behind us
    last: re.Match[str] | None = None
    for m in _CUE.finditer(left):
        if m.group("past"):
            if m.group(0).lower().endswith("ed") and _DET_BEFORE.search(left, 0, m.start()):
                continue  # "the increased dividend": an adjective
            if _BE_BEFORE.search(left, 0, m.start()):
                continue  # "was held": the auxiliary decided
        last = m
    if last is not None:
        if last.group("past") and _INFINITIVE.search(left, last.start()):
            return "future"  # "agreed on Tuesday to resume talks on Friday": what was agreed lies ahead
        return _kind(last)
    right = text[end : end + 50]
    stop = _CLAUSE_END.search(right)
    if stop:
        right = right[: stop.start()]
    for m in _CUE.finditer(right):
        if m.group("fut") and re.sub(r"\s+", " ", m.group(0).lower()) in _NOUN_CUES:
            continue
        return _kind(m)
    return sentence_tense


def _kind(m: re.Match[str]) -> str:
    if m.group("fut") or m.group("fut2"):
        return "future"
    if m.group("past"):
        return "past"
    return "present"
