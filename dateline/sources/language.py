"""A fast check that a text is English (the pipeline's models are English-only).

Two measures over the first few thousand characters: the share of letters in Latin script,
and the share of words that are English function words compared with the function words of
other Latin-script languages (``dateline/data/furniture/language.yaml``).  Short texts
(headlines) pass unless another language's function words clearly show.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache
from typing import Any

from ..datafiles import furniture as load

_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")


@dataclass(frozen=True)
class LanguageVerdict:
    english: bool
    latin_share: float
    english_share: float
    best_other: str | None
    other_share: float
    words: int
    accented_share: float = 0.0

    def explain(self) -> str:
        if self.latin_share < _rules().min_latin:
            return f"only {self.latin_share:.0%} of its letters are Latin script"
        if self.accented_share > _rules().max_accented:
            return f"{self.accented_share:.0%} of its letters are accented"
        other = f"{self.best_other} function words {self.other_share:.0%}" if self.best_other else "none"
        return f"English function words {self.english_share:.0%} of {self.words} words; {other}"


@dataclass(frozen=True)
class _Rules:
    min_latin: float
    max_accented: float
    min_foreign_hits: int
    min_english: float
    long_words: int
    sample_chars: int
    english: frozenset[str]
    others: dict[str, frozenset[str]]


@cache
def _rules() -> _Rules:
    data: dict[str, Any] = load("language.yaml")
    limits = data["thresholds"]
    return _Rules(
        min_latin=float(limits["min_latin_share"]),
        max_accented=float(limits["max_accented_share"]),
        min_foreign_hits=int(limits["min_foreign_hits"]),
        min_english=float(limits["min_english_share"]),
        long_words=int(limits["long_text_words"]),
        sample_chars=int(limits["sample_chars"]),
        english=frozenset(str(w) for w in data["english"]),
        others={name: frozenset(str(w) for w in words) for name, words in data["others"].items()},
    )


@cache
def _is_latin(char: str) -> bool:
    return unicodedata.name(char, "").startswith("LATIN")


def check_english(text: str) -> LanguageVerdict:
    """Whether ``text`` is English, with the measures behind the verdict."""
    rules = _rules()
    sample = text[: rules.sample_chars]
    letters = [c for c in sample if c.isalpha()]
    latin_letters = [c for c in letters if c.isascii() or _is_latin(c)]
    latin = len(latin_letters) / len(letters) if letters else 0.0
    accented = sum(not c.isascii() for c in latin_letters) / len(latin_letters) if latin_letters else 0.0
    words = [w.lower() for w in _WORD.findall(sample) if all(c.isascii() or _is_latin(c) for c in w)]
    total = len(words)
    if latin < rules.min_latin or total == 0:
        return LanguageVerdict(False, latin, 0.0, None, 0.0, total)
    english_hits = sum(w in rules.english for w in words)
    best_other, other_hits = None, 0
    for name, vocabulary in rules.others.items():  # words English shares ("in", "a") do not count
        hits = sum(w in vocabulary and w not in rules.english for w in words)
        if hits > other_hits:
            best_other, other_hits = name, hits
    english, other = english_hits / total, other_hits / total
    ok = not (
        accented > rules.max_accented
        or (other_hits >= rules.min_foreign_hits and other_hits > english_hits)
        or (total >= rules.long_words and english < rules.min_english)
    )
    return LanguageVerdict(ok, latin, english, best_other, other, total, accented)
