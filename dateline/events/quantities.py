"""Quantities attached to an event: "about 9 million shells", "49 deliveries", "at least 14 killed"."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import TYPE_CHECKING

from ..records import Quantity

if TYPE_CHECKING:
    from spacy.tokens import Token

WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
    "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
    "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "a": 1, "an": 1, "dozen": 12,
}  # fmt: skip
SCALES = {"hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000,
          "trillion": 1_000_000_000_000, "dozen": 12, "k": 1_000, "m": 1_000_000, "bn": 1_000_000_000}  # fmt: skip
VAGUE = {"hundreds": 100, "thousands": 1_000, "dozens": 12, "millions": 1_000_000, "tens": 10}
APPROX = frozenset(
    {"approximately", "about", "around", "some", "nearly", "almost", "roughly", "estimated", "more", "over",
     "least", "up", "less", "fewer", "than", "under", "upwards", "close", "circa", "~", "+", "at"}
)  # fmt: skip
CURRENCIES = {"$": "USD", "€": "EUR", "£": "GBP", "¥": "JPY", "₩": "KRW", "₽": "RUB", "US$": "USD", "A$": "AUD",
              "C$": "CAD", "NZ$": "NZD", "HK$": "HKD", "S$": "SGD"}  # fmt: skip
# Currencies named after the number ("one billion US dollars", "48 million euros"): the head noun's
# lemma, and for dollars the word before it (a bare "dollars" is left without a unit).
CURRENCY_NOUNS = {"euro": "EUR", "yen": "JPY", "yuan": "CNY", "renminbi": "CNY", "rupee": "INR", "rouble": "RUB",
                  "ruble": "RUB", "won": "KRW"}  # fmt: skip
DOLLARS = {"us": "USD", "u.s.": "USD", "american": "USD", "australian": "AUD", "canadian": "CAD",
           "taiwanese": "TWD", "taiwan": "TWD", "kong": "HKD", "singapore": "SGD"}  # fmt: skip
DROP_IN_ITEM = frozenset({"det", "nummod", "quantmod", "advmod", "punct", "predet", "case", "poss"})


def parse_number(tokens: list[Token]) -> tuple[float, bool] | None:
    """The value of a run of number tokens ("9 million", "2,000", "three dozen"), and whether vague."""
    value: float | None = None
    vague = False
    for tok in tokens:
        low = tok.lower_.replace(",", "")
        if re.fullmatch(r"\d+(\.\d+)?", low):
            value = (value or 0) + float(low)
        elif low in WORDS and low not in ("a", "an"):
            value = (value or 0) + WORDS[low]
        elif low in SCALES:
            value = (value or 1) * SCALES[low]
        elif low in VAGUE:
            value = (value or 1) * VAGUE[low]
            vague = True
        elif low in ("a", "an"):
            value = value or 1
        else:
            return None
    return (value, vague) if value is not None else None


def _item(head: Token, number: set[int]) -> str:
    """The counted thing: the head noun with its modifiers, minus number words and determiners."""
    left = [t for t in head.subtree if t.i <= head.i and t.i not in number and t.dep_ not in DROP_IN_ITEM]
    left = [t for t in left if not (t.dep_ in ("amod",) and t.lower_ in APPROX)]
    words = [t.text for t in sorted(left, key=lambda t: t.i)]
    return " ".join(words).strip() or head.text


def quantities(tokens: Iterable[Token], skip: set[int], unit_of: dict[int, str]) -> list[Quantity]:
    """Quantities among ``tokens`` (token indices in ``skip`` belong to dates and are ignored).

    ``unit_of`` maps a counted noun's token index to a unit ("killed") decided by the caller."""
    toks = sorted({t.i: t for t in tokens}.values(), key=lambda t: t.i)
    out: list[Quantity] = []
    used: set[int] = set()
    for tok in toks:
        if tok.i in used or tok.i in skip or not (tok.like_num or tok.lower_ in VAGUE):
            continue
        if tok.ent_type_ in ("DATE", "TIME", "ORDINAL"):
            continue
        run = [tok]
        nxt = tok.i + 1
        doc = tok.doc
        while nxt < len(doc) and (doc[nxt].like_num or doc[nxt].lower_ in SCALES) and doc[nxt].i not in skip:
            run.append(doc[nxt])
            nxt += 1
        parsed = parse_number(run)
        if parsed is None:
            continue
        value, vague = parsed
        used.update(t.i for t in run)
        head = run[-1].head if run[-1].dep_ in ("nummod", "quantmod", "compound") else run[-1]
        if head.i in {t.i for t in run}:
            head = run[-1]
        if head.i == tok.i - 1 and head.pos_ == "PROPN" and run[-1].dep_ == "nummod":
            continue  # a number after a name is part of it ("the supply boat Unity 5", "Flight 17")
        if nxt + 1 < len(doc) and doc[nxt].text == "-" and not run[-1].whitespace_ and doc[nxt + 1].is_alpha:
            continue  # a number in a compound adjective counts nothing ("a one-way drone", "a 30-day truce")
        before = [doc[i].lower_ for i in range(max(0, tok.i - 3), tok.i)]
        approx = vague or any(w in APPROX for w in before[-2:])
        unit: str | None = None
        prev = doc[tok.i - 1].text if tok.i > 0 else ""
        if prev in CURRENCIES:
            unit = CURRENCIES[prev]
        elif head.i > run[-1].i and head.lemma_.lower() in CURRENCY_NOUNS:
            unit = CURRENCY_NOUNS[head.lemma_.lower()]  # "48 million euros"
        elif head.i > run[-1].i and head.lemma_.lower() == "dollar" and doc[head.i - 1].lower_ in DOLLARS:
            unit = DOLLARS[doc[head.i - 1].lower_]  # "one billion US dollars"
        elif head.lower_ in ("percent", "per", "%"):
            unit = "percent"
        unit = unit_of.get(head.i, unit)
        item = None if head.i == run[-1].i else _item(head, {t.i for t in run})
        text = doc[min(tok.i, head.i) : max(run[-1].i, head.i) + 1].text
        out.append(Quantity(value=value, unit=unit, item=item, approx=approx, text=text))
    return out
