"""Small comparisons behind the event-coreference score: names, stems, sets of numbers."""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

# Derivational endings, longest first: "election" -> "elect", "announcement" -> "announc".
_SUFFIXES = (
    "izations", "ization", "isations", "isation", "ations", "ation", "ions", "ion", "ments", "ment",
    "ings", "ing", "ances", "ance", "ences", "ence", "als", "al", "ers", "er", "ors", "or", "ies", "ed",
    "es", "s", "y",
)  # fmt: skip
_INFLECTIONS = frozenset({"s", "es", "ed", "ing"})
_NAME_NOISE = frozenset({"the", "a", "an", "of", "'s", "’s", "mr", "mrs", "ms", "dr", "de", "al"})
_WORD = re.compile(r"[\w'’.-]+")


@lru_cache(maxsize=65536)
def lemma_stem(lemma: str) -> str:
    """A crude derivational stem of a lemma, for relating "elect" and "election".

    One ending is removed when at least four letters remain (three for an inflection:
    "dies" -> "die"), then a final "e"; the result is
    a block key and a feature, not a word."""
    stem = lemma.lower()
    for suffix in _SUFFIXES:
        if stem.endswith(suffix) and len(stem) - len(suffix) >= (3 if suffix in _INFLECTIONS else 4):
            stem = stem[: -len(suffix)]
            break
    return stem[:-1] if stem.endswith("e") and len(stem) > 4 else stem


def normalise_name(name: str) -> str:
    """Lower case, single spaces, without articles, titles and possessive marks."""
    words = [re.sub(r"['’]s$", "", w).strip(".'’-") for w in _WORD.findall(name.lower())]
    return " ".join(w for w in words if w and w not in _NAME_NOISE)


def names_match(a: str, b: str) -> bool:
    """Two normalised names match when equal or when the words of one are all in the other
    ("kovacs" and "anna kovacs"); one-letter words never decide a match."""
    if a == b:
        return bool(a)
    wa = {w for w in a.split() if len(w) > 1}
    wb = {w for w in b.split() if len(w) > 1}
    if not wa or not wb:
        return False
    return wa <= wb or wb <= wa


def name_overlap(a: Iterable[str], b: Iterable[str]) -> float:
    """Share of the smaller set of names that has a match in the other set (0 when either is empty)."""
    la, lb = sorted(set(a)), sorted(set(b))
    if not la or not lb:
        return 0.0
    small, large = (la, lb) if len(la) <= len(lb) else (lb, la)
    hits = sum(1 for x in small if any(names_match(x, y) for y in large))
    return hits / len(small)


def overlap_ratio(a: frozenset[float], b: frozenset[float]) -> float:
    """Share of the smaller set of numbers also in the other (0 when either is empty)."""
    if not a or not b:
        return 0.0
    return len(a & b) / min(len(a), len(b))
