"""spaCy memory zones: the pipeline's analyses are those of a run without them, nothing spaCy
made outlives a batch, and the vocabulary (and the caches keyed by its strings) stays flat over
batches of articles full of new strings."""

from __future__ import annotations

import dataclasses
import random
from collections.abc import Iterator
from enum import Enum

import pytest
import spacy
from spacy.lexeme import Lexeme
from spacy.tokens import Doc, Span, Token

from dateline.annotate import AnnotateStage, load_model, memory_zone, string_caches
from dateline.bench.memory_growth import Novel
from dateline.entities import EntityStage
from dateline.events import EventStage
from dateline.pipeline import WARM_BATCHES, Pipeline
from dateline.records import Analysis, Document, Rejection, SourceItem
from dateline.ruler import index_attribute_ruler, indexed_matcher
from dateline.settings import Settings
from dateline.sources import iter_documents
from dateline.sources.document import build_document
from dateline.time.stage import TimeStage

pytestmark = pytest.mark.slow

SAMPLE = "dateline/data/sample/articles"


def fresh_pipeline(zone: bool, warm: int = 0, batch_size: int = 4) -> Pipeline:
    """The standard stages over a model of their own (not the one other tests share and fill),
    in zones from the first batch unless ``warm``."""
    nlp = load_model.__wrapped__(Settings().spacy_model)
    stages = [AnnotateStage(nlp), TimeStage(), EntityStage(), EventStage()]
    return Pipeline(nlp, stages, Settings(batch_size=batch_size), memory_zone=zone, warm_batches=warm)  # type: ignore[list-item]


@pytest.fixture(scope="module")
def zoned() -> Pipeline:
    return fresh_pipeline(True)


@pytest.fixture(scope="module")
def stock() -> Pipeline:
    return fresh_pipeline(False)


@pytest.fixture(scope="module")
def sample() -> list[Document]:
    from pathlib import Path

    folder = Path(__file__).resolve().parents[1] / SAMPLE
    docs = [d for d in iter_documents([str(folder)]) if isinstance(d, Document)]
    assert len(docs) >= 20
    return docs


def values(obj: object) -> Iterator[object]:
    """Every value reachable from a record: dataclass fields, containers, their items."""
    yield obj
    if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        for f in dataclasses.fields(obj):
            yield from values(getattr(obj, f.name))
    elif isinstance(obj, dict):
        for k, v in obj.items():
            yield from values(k)
            yield from values(v)
    elif isinstance(obj, list | tuple | set | frozenset):
        for item in obj:
            yield from values(item)


def analyses(results: list[Analysis | Rejection]) -> list[Analysis]:
    assert all(isinstance(r, Analysis) for r in results), [r for r in results if isinstance(r, Rejection)]
    return [r for r in results if isinstance(r, Analysis)]


def test_analyses_in_memory_zones_are_exactly_those_without(
    zoned: Pipeline, stock: Pipeline, sample: list[Document]
) -> None:
    strings = len(zoned.nlp.vocab.strings)
    first = analyses(list(zoned.analyse_many(sample)))  # 4 documents a zone: later zones meet evicted strings
    again = analyses(list(zoned.analyse_many(reversed(sample))))  # the caches as the first pass left them
    expected = analyses(list(stock.analyse_many(sample)))
    assert len(zoned.nlp.vocab.strings) == strings  # the zones did evict
    assert len(stock.nlp.vocab.strings) > strings + 100  # and without them the sample adds strings
    assert sum(len(a.events) for a in expected) > 40 and sum(len(a.mentions) for a in expected) > 200
    assert first == expected
    assert again == expected[::-1]
    assert zoned.analyse(sample[3]) == expected[3]  # one document, in a zone of its own


def test_no_spacy_object_outlives_its_batch(zoned: Pipeline, sample: list[Document]) -> None:
    spacy_types = (Doc, Span, Token, Lexeme)
    found = [type(v).__name__ for a in zoned.analyse_many(sample[:8]) for v in values(a) if isinstance(v, spacy_types)]
    assert found == []
    plain = (str, int, float, bool, type(None), Enum, tuple, list, dict, frozenset, set)
    kinds = {type(v) for a in zoned.analyse_many(sample[:8]) for v in values(a)}
    assert all(issubclass(k, plain) or dataclasses.is_dataclass(k) or k.__module__ == "datetime" for k in kinds), kinds


def test_a_pipeline_inside_a_callers_zone_does_not_nest_one(
    zoned: Pipeline, stock: Pipeline, sample: list[Document]
) -> None:
    expected = analyses(list(stock.analyse_many(sample[:6])))
    strings = len(zoned.nlp.vocab.strings)
    with zoned.nlp.memory_zone():
        results = analyses(list(zoned.analyse_many(sample[:6])))
        assert len(zoned.nlp.vocab.strings) > strings  # the caller's zone holds them until it ends
    assert results == expected
    assert len(zoned.nlp.vocab.strings) == strings
    analyses(list(zoned.analyse_many(sample[6:8])))  # the next zone of the pipeline's own
    assert dangling(zoned.nlp) == 0  # makes the caches forget what they learnt in the caller's zone


def novel_batches(n: int, size: int, seed: int) -> list[list[Document]]:
    novel, rng = Novel.from_sample(), random.Random(seed)
    out = []
    for b in range(n):
        items = [SourceItem(f"novel:{b}:{i}", "text", novel.article(rng), f"novel-{b}-{i}") for i in range(size)]
        out.append([build_document(item) for item in items])
    return out


def lexemes(nlp: spacy.language.Language) -> int:
    """The lexemes the vocabulary holds (``len(vocab)`` counts evicted ones too: spaCy 3.8 does
    not decrease it when a zone ends)."""
    return sum(1 for _ in nlp.vocab)


def dangling(nlp: spacy.language.Language) -> int:
    """Entries of the ruler's memo and the lemmatizer's cache for strings the store lacks."""
    strings = nlp.vocab.strings
    matcher = indexed_matcher(nlp)
    assert matcher is not None
    memo = sum(1 for sig in matcher.memo if not all(v in strings for v in sig))
    return memo + sum(1 for key in nlp.get_pipe("lemmatizer").cache if key[0] not in strings)  # type: ignore[attr-defined]


def test_the_vocabulary_stays_flat_over_batches_of_new_strings(zoned: Pipeline, stock: Pipeline) -> None:
    batches = novel_batches(11, 4, seed=5)
    flat, grown = [], []
    for batch in batches[:10]:
        analyses(list(zoned.analyse_many(batch)))
        flat.append((len(zoned.nlp.vocab.strings), lexemes(zoned.nlp)))
        assert dangling(zoned.nlp) == 0  # the caches forgot what the zone evicted
        analyses(list(stock.analyse_many(batch)))
        grown.append((len(stock.nlp.vocab.strings), lexemes(stock.nlp)))
    assert flat[-1] == flat[0]  # batch 10 leaves the vocabulary as batch 1 left it
    assert grown[-1][0] - grown[0][0] > 300 and grown[-1][1] - grown[0][1] > 150  # without zones it grows
    with zoned.nlp.memory_zone():  # spaCy's zone alone: the caches keep entries of evicted strings
        analyses(list(Pipeline(zoned.nlp, zoned.stages, zoned.settings, memory_zone=False).analyse_many(batches[10])))
    assert dangling(zoned.nlp) > 50


def test_warm_batches_keep_their_strings_then_zones_begin(stock: Pipeline) -> None:
    assert Pipeline.load().warm_batches == WARM_BATCHES > 0  # the standard pipeline warms spaCy's tokenizer cache
    warmed = fresh_pipeline(True, warm=2)
    batches = novel_batches(5, 4, seed=9)
    counts, results = [], []
    for batch in batches:
        results += analyses(list(warmed.analyse_many(batch)))
        counts.append(len(warmed.nlp.vocab.strings))
    assert counts[0] < counts[1] == counts[2] == counts[3] == counts[4]  # two batches kept, the rest evicted
    assert results == analyses([r for batch in batches for r in stock.analyse_many(batch)])


def test_the_ruler_memo_forgets_evicted_forms_and_stays_right() -> None:
    nlp = spacy.blank("en")
    nlp.add_pipe("attribute_ruler").add_patterns([
        {"patterns": [[{"LOWER": {"REGEX": "^q"}}]], "attrs": {"LEMMA": "Q"}},
        {"patterns": [[{"LOWER": "known"}]], "attrs": {"LEMMA": "KNOWN"}},
    ])  # fmt: skip
    assert index_attribute_ruler(nlp) is True
    matcher = indexed_matcher(nlp)
    assert matcher is not None and [type(c) for c in string_caches(nlp)] == [type(matcher)]
    nlp("known words")  # outside a zone: persistent strings
    lemmas = []
    for _ in range(3):
        with memory_zone(nlp):
            doc = nlp("known qzxvy words")
            lemmas.append([t.lemma_ for t in doc])
        forms = {sig[1] for sig in matcher.memo}
        assert nlp.vocab.strings["known"] in forms and nlp.vocab.strings["words"] in forms
        assert "qzxvy" not in nlp.vocab.strings
        assert spacy.strings.hash_string("qzxvy") not in forms  # forgotten with its string
    assert lemmas == [["KNOWN", "Q", ""]] * 3
