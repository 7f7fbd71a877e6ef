"""An indexed matcher for spaCy's ``attribute_ruler``: the same matches, found in a tenth of the time.

The English pipelines map tags to parts of speech and set exceptions (lemmas of "gonna", the
verb after an expletive "there") with an ``AttributeRuler`` holding ~180 one- and two-token
patterns.  Its ``Matcher`` tries every pattern at every token: about 10 % of the whole model's
time on news, as much as the parser.  Here the patterns are indexed by the exact values their
first token asks for (its tag, its lower-case form, its dependency), so each token is checked
only against the few patterns that can start on it.

:func:`index_attribute_ruler` gives a loaded pipeline's ruler this matcher, its matches sorted
as the ruler's own ``match`` sorts them; the ruler applies them itself, as before.  The matches
are the stock ``Matcher``'s (a test compares them, and every token's annotation with and
without it, on the bundled sample).  Patterns outside what is indexed here (operators, other
attributes or predicates) leave the ruler as it is.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from itertools import islice
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.pipeline import AttributeRuler
    from spacy.tokens import Doc

ATTRIBUTES = ("TAG", "LOWER", "DEP", "IS_SPACE")  # what the patterns may test, in to_array's column order
INDEXED = ("TAG", "LOWER", "DEP")  # what a pattern's first token is looked up by, in this order


class Unsupported(ValueError):
    """A pattern this matcher does not index (the stock matcher is kept)."""


@dataclass(frozen=True)
class _Test:
    column: int  # in ATTRIBUTES
    values: frozenset[int] | None  # the accepted values (string hashes, or 0/1); None: any but ``refused``
    regex: re.Pattern[str] | None = None
    refused: frozenset[int] = frozenset()

    def passes(self, row: list[int], text: Callable[[int], str]) -> bool:
        value = row[self.column]
        if self.regex is not None:
            return self.regex.search(text(value)) is not None
        if self.values is None:
            return value not in self.refused
        return value in self.values


@dataclass(frozen=True)
class _Pattern:
    key: int  # the match id (the ruler's rule number, as a string hash)
    tokens: tuple[tuple[_Test, ...], ...]


def _test(attr: str, spec: Any, strings: Any) -> _Test:
    column = ATTRIBUTES.index(attr)
    if attr == "IS_SPACE":
        if not isinstance(spec, bool):
            raise Unsupported(f"IS_SPACE {spec!r}")
        return _Test(column, frozenset({int(spec)}))
    if isinstance(spec, str):
        return _Test(column, frozenset({strings.add(spec)}))
    if isinstance(spec, dict) and len(spec) == 1:
        (op, arg), = spec.items()
        if op in ("IN", "NOT_IN") and isinstance(arg, list) and all(isinstance(a, str) for a in arg):
            hashes = frozenset(strings.add(a) for a in arg)
            return _Test(column, hashes) if op == "IN" else _Test(column, None, refused=hashes)
        if op == "REGEX" and isinstance(arg, str):
            return _Test(column, None, re.compile(arg))
    raise Unsupported(f"{attr} {spec!r}")


def _compile(key: int, pattern: list[dict[str, Any]], strings: Any) -> _Pattern:
    tokens = []
    for spec in pattern:
        if not spec or any(a not in ATTRIBUTES for a in spec):
            raise Unsupported(f"token {spec!r}")
        tokens.append(tuple(_test(a, v, strings) for a, v in spec.items()))
    return _Pattern(key, tuple(tokens))


class _Index:
    """Patterns by the exact values their first token asks for (its tag, else its form, else its
    dependency); those that ask for none are tried everywhere."""

    def __init__(self) -> None:
        self.by_value: list[dict[int, list[_Pattern]]] = [{} for _ in INDEXED]  # column -> value -> patterns
        self.scan: list[_Pattern] = []

    def add(self, p: _Pattern) -> None:
        for column in range(len(INDEXED)):
            test = next((t for t in p.tokens[0] if t.column == column and t.values is not None), None)
            if test is not None:
                for value in test.values or ():
                    self.by_value[column].setdefault(value, []).append(p)
                return
        self.scan.append(p)

    def candidates(self, row: list[int]) -> list[_Pattern]:
        return [p for column, values in enumerate(self.by_value) for p in values.get(row[column], ())] + self.scan


class IndexedMatcher:
    """``ruler.matcher(doc, allow_missing=True, as_spans=False)`` with the patterns indexed by
    their first token: ``(match_id, start, end)`` triples, one per key and span.

    What the one-token patterns match depends only on the token's own tag, form, dependency and
    whether it is a space: that is worked out once per distinct token (a bounded memo), the
    longer patterns are tried where their first token fits.

    The memo is keyed by string *hashes* (``doc.to_array``), which are the same for a string
    whenever it is met, and holds rule numbers: it stays right across spaCy memory zones, which
    evict strings from the store but never change a string's hash.  What a zone leaves behind
    is entries for forms no longer in the store: :meth:`forget` drops those made since a
    :meth:`mark`, so that the memo does not grow with every new word of a long run."""

    MEMO = 200_000  # distinct tokens remembered (then forgotten all at once)

    def __init__(self, ruler: AttributeRuler) -> None:
        strings = ruler.vocab.strings
        self.strings = strings
        self.single, self.longer = _Index(), _Index()  # one-token patterns, longer ones
        self.memo: dict[tuple[int, ...], tuple[int, ...]] = {}
        self.clears = 0  # times the memo was full and forgotten whole
        for key in range(len(ruler.attrs)):
            match_id = strings.add(str(key))
            for pattern in ruler.matcher.get(str(key))[1]:
                compiled = _compile(match_id, pattern, strings)
                (self.single if len(compiled.tokens) == 1 else self.longer).add(compiled)

    def mark(self) -> tuple[int, int]:
        """Where the memo stands (for :meth:`forget`)."""
        return self.clears, len(self.memo)

    def forget(self, mark: tuple[int, int], strings: Any) -> int:
        """Drop the memo's entries made since ``mark`` whose form ``strings`` no longer holds
        (a memory zone evicted it); the number dropped.  Entries keep their insertion order, so
        those made since ``mark`` are the last ones (all of them when the memo was cleared)."""
        clears, size = mark
        start = size if clears == self.clears and size <= len(self.memo) else 0
        return drop_since(self.memo, start, lambda sig: not all(v in strings for v in sig))

    def _fits(self, p: _Pattern, rows: list[list[int]], start: int) -> bool:
        text = self.strings.__getitem__
        return start + len(p.tokens) <= len(rows) and all(
            t.passes(rows[start + k], text) for k, tests in enumerate(p.tokens) for t in tests)  # fmt: skip

    def __call__(self, doc: Doc) -> list[tuple[int, int, int]]:
        from spacy.attrs import DEP, IS_SPACE, LOWER, TAG

        rows: list[list[int]] = doc.to_array([TAG, LOWER, DEP, IS_SPACE]).tolist()
        memo = self.memo
        tags, forms, deps = self.longer.by_value
        scan = bool(self.longer.scan)
        found: list[tuple[int, int, int]] = []
        for start, row in enumerate(rows):
            sig = tuple(row)
            keys = memo.get(sig)
            if keys is None:
                if len(memo) >= self.MEMO:
                    memo.clear()
                    self.clears += 1
                fits = self.single.candidates(row)
                keys = memo[sig] = tuple(dict.fromkeys(p.key for p in fits if self._fits(p, [row], 0)))
            for k in keys:
                found.append((k, start, start + 1))
            if scan or row[0] in tags or row[1] in forms or row[2] in deps:
                for p in self.longer.candidates(row):
                    if self._fits(p, rows, start):
                        found.append((p.key, start, start + len(p.tokens)))
        return list(dict.fromkeys(found))


def index_attribute_ruler(nlp: Language) -> bool:
    """Give the pipeline's ``attribute_ruler`` (if any) the indexed matcher; False when it has
    none or holds patterns this matcher does not index (it is then left as it is)."""
    if "attribute_ruler" not in nlp.pipe_names:
        return False
    ruler = nlp.get_pipe("attribute_ruler")
    try:
        matcher = IndexedMatcher(ruler)  # type: ignore[arg-type]
    except Unsupported:
        return False
    strings = ruler.vocab.strings  # type: ignore[attr-defined]
    number = {strings.add(str(n)): n for n in range(len(ruler.attrs))}  # type: ignore[attr-defined]

    def match(doc: Doc) -> list[tuple[int, int, int, int]]:
        # what AttributeRuler.match returns: sorted by rule number, so that later rules win
        return sorted([(number[m], m, s, e) for m, s, e in matcher(doc)])

    ruler.match = match  # type: ignore[attr-defined]
    ruler.indexed_matcher = matcher  # type: ignore[attr-defined]
    return True


def drop_since(table: dict[Any, Any], start: int, stale: Callable[[Any], bool]) -> int:
    """Delete the entries of ``table`` from its ``start``-th on (in insertion order) whose key is
    ``stale``; how many.  The caches that outlive a memory zone forget evicted strings with it."""
    gone = [key for key in islice(table, start, None) if stale(key)]
    for key in gone:
        del table[key]
    return len(gone)


def indexed_matcher(nlp: Language) -> IndexedMatcher | None:
    """The indexed matcher :func:`index_attribute_ruler` gave the pipeline's ruler, if any."""
    if "attribute_ruler" not in nlp.pipe_names:
        return None
    found = getattr(nlp.get_pipe("attribute_ruler"), "indexed_matcher", None)
    return found if isinstance(found, IndexedMatcher) else None
