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

from ._data import load

_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")


@dataclass(frozen=True)
class LanguageVerdict:
    english: bool
    latin_share: float
    english_share: float
    best_other: str | None
    other_share: float
    words: int

    def explain(self) -> str:
        if self.latin_share < _rules().min_latin:
            return f"only {self.latin_share:.0%} of its letters are Latin script"
        other = f"{self.best_other} function words {self.other_share:.0%}" if self.best_other else "none"
        return f"English function words {self.english_share:.0%} of {self.words} words; {other}"


@dataclass(frozen=True)
class _Rules:
    min_latin: float
    min_english: float
    short_words: int
    sample_chars: int
    english: frozenset[str]
    others: dict[str, frozenset[str]]


@cache
def _rules() -> _Rules:
    data: dict[str, Any] = load("language.yaml")
    limits = data["thresholds"]
    return _Rules(
        min_latin=float(limits["min_latin_share"]),
        min_english=float(limits["min_english_share"]),
        short_words=int(limits["short_text_words"]),
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
    latin = sum(1 for c in letters if c.isascii() or _is_latin(c)) / len(letters) if letters else 0.0
    words = [w.lower() for w in _WORD.findall(sample) if all(c.isascii() or _is_latin(c) for c in w)]
    total = len(words)
    if latin < rules.min_latin or total == 0:
        return LanguageVerdict(False, latin, 0.0, None, 0.0, total)
    english = sum(w in rules.english for w in words) / total
    best_other, other = None, 0.0
    for name, vocabulary in rules.others.items():  # words English shares ("in", "a") do not count
        share = sum(w in vocabulary and w not in rules.english for w in words) / total
        if share > other:
            best_other, other = name, share
    if total < rules.short_words:  # a headline: reject only on two or more foreign function words
        ok = not (other > english and round(other * total) >= 2)
    else:
        ok = english >= rules.min_english and english >= other
    return LanguageVerdict(ok, latin, english, best_other, other, total)
