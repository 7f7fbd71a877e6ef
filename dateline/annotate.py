"""Annotate: spaCy sentences, tokens, entities and parse for every block of a document.

Each block (headline, body paragraph, caption) is parsed on its own, so that no sentence
crosses a block boundary; spaCy offsets are mapped back to ``Document.text``.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from functools import lru_cache
from typing import TYPE_CHECKING, Any, ClassVar, Protocol
from weakref import WeakKeyDictionary

from .errors import ConfigError
from .pipeline import ParsedBlock, Work
from .pubdate.links import dateline_length, lead_bodies
from .records import BlockKind, Sentence

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc, Span

FUTURE_MARKERS = frozenset({"will", "shall", "'ll", "wo"})
# "is scheduled to", "plans to", "is expected to": the governed event lies ahead.
FUTURE_GOVERNORS = frozenset(
    {"schedule", "plan", "expect", "due", "set", "intend", "prepare", "aim", "propose", "slate"}
)


@lru_cache(maxsize=4)
def load_model(name: str) -> Language:
    """Load an installed spaCy pipeline package (never downloads), its attribute ruler given the
    indexed matcher of :mod:`dateline.ruler` (the same annotations, ~9 % less time)."""
    import spacy
    from spacy.language import Language

    from .ruler import index_attribute_ruler

    try:
        nlp = spacy.load(name)
    except OSError as exc:
        raise ConfigError(f"spaCy model {name!r} is not installed; install the pinned package (see README)") from exc
    index_attribute_ruler(nlp)
    split_abbreviation_hyphens(nlp)
    if not Language.has_factory(PARENTHESES):
        Language.component(PARENTHESES, func=keep_parentheses_in_sentence)
    if "parser" in nlp.pipe_names:
        nlp.add_pipe(PARENTHESES, before="parser")
    return nlp


# "U.S.-British strikes": a hyphen after a dotted abbreviation, before a capitalised word, joins
# two names (spaCy's own infixes split at a hyphen only between letters).
ABBREVIATION_HYPHEN = r"(?<=[A-Z]\.)[-\u2013](?=[A-Z][a-z])"


def split_abbreviation_hyphens(nlp: Language) -> None:
    """Let the tokenizer split "U.S.-British" into "U.S.", "-", "British", as it splits "US-British"."""
    from spacy.tokenizer import Tokenizer
    from spacy.util import compile_infix_regex

    tokenizer = nlp.tokenizer
    if isinstance(tokenizer, Tokenizer):
        infixes = [*(nlp.Defaults.infixes or ()), ABBREVIATION_HYPHEN]
        tokenizer.infix_finditer = compile_infix_regex(infixes).finditer


PARENTHESES = "dateline_parentheses"
PARENTHESIS_MAX = 10  # tokens between "(" and ")" for an aside inside a sentence
LABEL_TOKENS = 3  # a parenthesis opened this near the start of a block is a label


def keep_parentheses_in_sentence(doc: Doc) -> Doc:
    """Mark that no sentence starts inside a short parenthesis, nor right after one that closes
    mid-sentence: the parser otherwise makes "Shoal on Thursday." a sentence of its own in "near
    Ayungin (Second Thomas) Shoal on Thursday", cutting the evidence and the date apart.  An aside
    that ends a sentence of its own ("(See below.)"), a line break after ")" and a label at the
    start of a block ("WASHINGTON (AP) The ...", "Q: (Radio X) The ...") may still end one."""
    opened: int | None = None
    for tok in doc:
        if tok.text == "(":
            opened = tok.i
        elif tok.text == ")" and opened is not None:
            inside_ends = doc[tok.i - 1].text in {".", "!", "?"}
            if tok.i - opened <= PARENTHESIS_MAX and not inside_ends:
                last = tok.i + 1  # and the word after it, when the sentence goes on
                if opened < LABEL_TOKENS or "\n" in tok.whitespace_ or last == len(doc) or doc[last].is_space:
                    last = tok.i
                for t in doc[opened + 1 : last + 1]:
                    t.is_sent_start = False
            opened = None
    return doc


class _StringCache(Protocol):
    """A cache that outlives memory zones, keyed by string hashes: right across zones (a string's
    hash never changes) but growing with every new word unless it forgets evicted strings."""

    def mark(self) -> Any: ...

    def forget(self, mark: Any, strings: Any) -> int: ...


class _GrowingDict:
    """A dict cache that only grows (or is replaced), each key holding a string hash at
    ``key[0]``: spaCy's rule lemmatizer caches lemmas by ``(orth, pos, morph)``."""

    def __init__(self, owner: Any, attr: str) -> None:
        self.owner, self.attr = owner, attr

    def mark(self) -> tuple[int, int]:
        table = getattr(self.owner, self.attr)
        return id(table), len(table)

    def forget(self, mark: tuple[int, int], strings: Any) -> int:
        from .ruler import drop_since

        table = getattr(self.owner, self.attr)
        start = mark[1] if mark[0] == id(table) and mark[1] <= len(table) else 0
        return drop_since(table, start, lambda key: key[0] not in strings)


def string_caches(nlp: Language) -> list[_StringCache]:
    """The caches of the pipeline that outlive a memory zone: the indexed attribute ruler's memo
    and the rule lemmatizer's lemmas (spaCy's memory zones clear neither)."""
    from .ruler import indexed_matcher

    found: list[_StringCache] = []
    matcher = indexed_matcher(nlp)
    if matcher is not None:
        found.append(matcher)
    if "lemmatizer" in nlp.pipe_names:
        lemmatizer = nlp.get_pipe("lemmatizer")
        if isinstance(getattr(lemmatizer, "cache", None), dict):
            found.append(_GrowingDict(lemmatizer, "cache"))
    return found


# by pipeline, the caches' marks taken when asked for a zone inside a caller's own zone: that zone
# evicts the strings only when it ends, after us, so the next zone opened here forgets them too
_PENDING: WeakKeyDictionary[Language, list[Any]] = WeakKeyDictionary()


@contextmanager
def memory_zone(nlp: Language) -> Iterator[None]:
    """``nlp.memory_zone()``: the strings and lexemes spaCy adds inside are evicted at the end
    (no Doc, Span or Token made inside may be used after it); then the caches of
    :func:`string_caches` forget what they learnt about the evicted strings.  Zones do not nest:
    inside a zone already, this opens none (the outer zone evicts it all) and the next zone
    opened here makes the caches forget what they learnt meanwhile."""
    caches = string_caches(nlp)
    marks = [cache.mark() for cache in caches]
    if nlp.vocab.in_memory_zone:  # type: ignore[attr-defined]  # (not in spaCy's stubs)
        _PENDING.setdefault(nlp, marks)
        yield
        return
    marks = _PENDING.pop(nlp, marks)
    try:
        with nlp.memory_zone():
            yield
    finally:
        strings = nlp.vocab.strings
        for cache, mark in zip(caches, marks, strict=True):
            cache.forget(mark, strings)


def sentence_tense(sent: Span) -> str | None:
    """The tense of a sentence's main verb: "past", "present", "future" or None."""
    root = sent.root
    verb = root
    auxes = [c for c in root.children if c.dep_ in ("aux", "auxpass")]
    if any(a.lower_ in FUTURE_MARKERS for a in auxes):
        return "future"
    if root.lemma_ in ("be",) and any(c.lemma_ in FUTURE_GOVERNORS for c in root.children):
        return "future"
    for c in root.children:
        if c.dep_ == "xcomp" and root.lemma_ in FUTURE_GOVERNORS and root.tag_ in ("VBN", "VBZ", "VBP"):
            return "future"
    tags = {verb.tag_} | {a.tag_ for a in auxes}
    if tags & {"VBD"}:
        return "past"
    if any(a.lower_ in ("has", "have", "had") for a in auxes):
        return "past"
    if verb.tag_ == "VBN" and not auxes:
        return "past"
    if tags & {"VBZ", "VBP"}:
        return "present"
    return None


class AnnotateStage:
    name: ClassVar[str] = "annotate"
    requires: ClassVar[frozenset[str]] = frozenset({"document"})
    assigns: ClassVar[frozenset[str]] = frozenset({"parsed", "sentences"})

    def __init__(self, nlp: Language) -> None:
        self.nlp = nlp

    def __call__(self, work: Work) -> None:
        self.run_batch([work])

    def run_batch(self, batch: list[Work]) -> None:
        jobs: list[tuple[Work, BlockKind, int, str]] = []
        for work in batch:
            text = work.document.text
            bodies, leads = 0, len(lead_bodies(text, work.document.blocks))
            for block in work.document.blocks:
                start = block.start
                if block.kind == BlockKind.BODY:
                    bodies += 1
                    if bodies <= leads:  # "GENEVA, March 17 (Wire) - ..." parsed without its dateline
                        start += dateline_length(text[block.start : block.end])
                if start < block.end:
                    jobs.append((work, block.kind, start, text[start : block.end]))
        docs = self.nlp.pipe(j[3] for j in jobs)
        for (work, kind, offset, _), doc in zip(jobs, docs, strict=True):
            work.parsed.append(ParsedBlock(kind=str(kind), offset=offset, doc=doc))
            for sent in doc.sents:
                if not sent.text.strip():
                    continue
                work.sentences.append(
                    Sentence(
                        index=len(work.sentences),
                        start=offset + sent.start_char,
                        end=offset + sent.end_char,
                        block=kind,
                        tense=sentence_tense(sent),
                    )
                )
