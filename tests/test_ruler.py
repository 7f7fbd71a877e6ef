"""The indexed attribute-ruler matcher finds exactly what spaCy's Matcher finds."""

from __future__ import annotations

from importlib import resources

import pytest
import spacy
from spacy.tokens import Doc

from dateline.ruler import IndexedMatcher, index_attribute_ruler
from dateline.settings import Settings

HAND_PATTERNS = [
    {"patterns": [[{"TAG": "NN"}]], "attrs": {"POS": "NOUN"}},
    {"patterns": [[{"TAG": {"IN": ["VBD", "VBZ"]}, "LOWER": "was"}]], "attrs": {"LEMMA": "be"}},
    {"patterns": [[{"TAG": {"NOT_IN": ["NN", ""]}}]], "attrs": {"POS": "X"}},
    {"patterns": [[{"LOWER": {"REGEX": "^n'?t$"}}]], "attrs": {"LEMMA": "not"}},
    {"patterns": [[{"LOWER": "gon"}, {"LOWER": "na"}]], "attrs": {"LEMMA": "go"}, "index": 0},
    {"patterns": [[{"LOWER": "gon"}, {"LOWER": "na"}]], "attrs": {"LEMMA": "to"}, "index": 1},
    {"patterns": [[{"DEP": "expl"}, {"LOWER": {"IN": ["is", "was"]}}]], "attrs": {"POS": "VERB"}, "index": 1},
    {"patterns": [[{"TAG": "VBZ", "LOWER": "gets"}], [{"TAG": "VBD", "LOWER": "got"}]], "attrs": {"LEMMA": "get"}},
    {"patterns": [[{"IS_SPACE": True}]], "attrs": {"POS": "SPACE"}},
    {"patterns": [[{"TAG": "NN"}]], "attrs": {"POS": "PROPN"}},  # a later rule on the same tokens
]


def hand_ruler() -> spacy.language.Language:
    nlp = spacy.blank("en")
    nlp.add_pipe("attribute_ruler").add_patterns(HAND_PATTERNS)
    return nlp


def hand_docs(nlp: spacy.language.Language) -> list[Doc]:
    words = ["There", "was", "gon", "na", "be", "n't", "news", " ", "he", "got", "it", "gets", "Gon", "na"]
    tags = ["EX", "VBD", "VBG", "TO", "VB", "RB", "NN", "_SP", "PRP", "VBD", "PRP", "VBZ", "VBG", "TO"]
    deps = ["expl", "ROOT", "aux", "aux", "xcomp", "neg", "nsubj", "dep", "nsubj", "conj", "dobj", "conj", "aux", "aux"]
    docs = [Doc(nlp.vocab, words=words, tags=tags, deps=deps, heads=list(range(len(words))))]
    for cut in range(1, len(words)):  # every prefix: patterns that run past the end never match
        docs.append(Doc(nlp.vocab, words=words[:cut], tags=tags[:cut], deps=deps[:cut], heads=list(range(cut))))
    return docs


def test_hand_patterns_match_as_the_stock_matcher_does() -> None:
    nlp = hand_ruler()
    ruler = nlp.get_pipe("attribute_ruler")
    indexed = IndexedMatcher(ruler)  # type: ignore[arg-type]
    for doc in hand_docs(nlp):
        stock = ruler.matcher(doc, allow_missing=True, as_spans=False)  # type: ignore[attr-defined]
        assert sorted(indexed(doc)) == sorted(stock)
    spans = {(s, e) for _, s, e in indexed(hand_docs(nlp)[0])}
    assert {(0, 2), (2, 4), (12, 14), (5, 6)} <= spans  # "There was", both "gon na", "n't"


def test_hand_patterns_give_the_same_attributes() -> None:
    stock, fast = hand_ruler(), hand_ruler()
    assert index_attribute_ruler(fast) is True
    for a, b in zip(hand_docs(stock), hand_docs(fast), strict=True):
        stock.get_pipe("attribute_ruler")(a)
        fast.get_pipe("attribute_ruler")(b)
        assert [(t.pos_, t.lemma_) for t in a] == [(t.pos_, t.lemma_) for t in b]
    doc = hand_docs(fast)[0]
    fast.get_pipe("attribute_ruler")(doc)
    assert [t.lemma_ for t in doc][:4] == ["", "be", "go", "to"] and doc[6].pos_ == "PROPN" and doc[1].pos_ == "VERB"


def test_patterns_it_does_not_index_leave_the_ruler_alone() -> None:
    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("attribute_ruler")
    ruler.add_patterns([{"patterns": [[{"LOWER": "a", "OP": "+"}]], "attrs": {"POS": "DET"}}])
    before = ruler.match
    assert index_attribute_ruler(nlp) is False
    assert ruler.match == before
    assert index_attribute_ruler(spacy.blank("en")) is False  # no ruler at all


def _model() -> spacy.language.Language:
    try:
        return spacy.load(Settings().spacy_model)
    except OSError:  # pragma: no cover - the model is a pinned dependency
        pytest.fail("the pinned spaCy model is not installed")


def test_the_model_annotates_the_sample_exactly_as_stock_spacy() -> None:
    folder = resources.files("dateline").joinpath("data/sample/articles")
    texts = [p.read_text(encoding="utf-8") for p in sorted(folder.iterdir(), key=lambda p: p.name)]
    stock, fast = _model(), _model()
    assert index_attribute_ruler(fast) is True

    def annotations(nlp: spacy.language.Language) -> list[list[tuple[str, ...]]]:
        return [[(t.text, t.tag_, t.pos_, str(t.morph), t.lemma_, t.dep_, str(t.head.i), t.ent_iob_, t.ent_type_)
                 for t in doc] for doc in nlp.pipe(texts)]  # fmt: skip

    expected = annotations(stock)
    assert sum(len(d) for d in expected) > 5000
    assert annotations(fast) == expected
    ruler = fast.get_pipe("attribute_ruler")
    for doc in fast.pipe(texts[:5], disable=["attribute_ruler", "lemmatizer", "ner"]):
        stock_matches = type(ruler).match(ruler, doc)  # type: ignore[attr-defined]
        assert ruler.match(doc) == stock_matches  # type: ignore[attr-defined]
