"""The event lexicon loads, validates and reads as written (no YAML surprises)."""

from __future__ import annotations

import pytest
import yaml

from dateline.errors import ConfigError
from dateline.events.lexicon import CATEGORIES, CODED_CONDITIONS, QUAD, _entries, _sanction_modes, default_lexicon

CLASSES = frozenset({"material", "warships"})  # word classes a test entry may name

PREPOSITIONS = {
    "about", "across", "after", "against", "along", "among", "around", "as", "at", "back", "before", "behind",
    "between", "by", "during", "for", "from", "in", "inside", "into", "near", "of", "off", "on", "out", "outside",
    "over", "through", "to", "toward", "towards", "under", "with", "within",
}  # fmt: skip


def test_every_prep_key_is_a_preposition_string() -> None:
    lex = default_lexicon()
    for entries in lex.triggers.values():
        for trig in entries:
            for prep in trig.preps:
                assert isinstance(prep, str) and prep in PREPOSITIONS, (trig.name, prep)


def test_on_is_read_as_the_preposition() -> None:
    # PyYAML reads a bare `on` as True; the loader must give back "on".
    assert default_lexicon().lookup("impose", "verb")[0].preps["on"] == "recipient"


def test_categories_and_quads() -> None:
    assert set(QUAD) == CATEGORIES
    for entries in default_lexicon().triggers.values():
        for trig in entries:
            assert trig.type in CATEGORIES and (trig.planned in CATEGORIES or trig.planned == "none")


def test_conditions_name_existing_word_classes() -> None:
    lex = default_lexicon()
    for entries in lex.triggers.values():
        for trig in entries:
            if trig.needs is not None and trig.needs not in CODED_CONDITIONS:
                assert lex.vocab[trig.needs], trig.name
            for name in trig.needs_subject:  # "sailed" needs warships: a class in vocabulary.yaml
                assert lex.vocab[name], trig.name


@pytest.mark.parametrize(
    "raw",
    [
        {"lemmas": ["x"], "pos": ["verb"], "type": "NOPE"},
        {"lemmas": ["x"], "pos": ["verb"], "type": "AID", "object": "somebody"},
        {"lemmas": ["x"], "pos": ["adjective"], "type": "AID"},
        {"lemmas": ["x"], "pos": ["verb"], "type": "AID", "colour": "red"},
        {"lemmas": ["x"], "pos": ["verb"], "type": "AID", "needs": "unicorns"},
        {"lemmas": ["x"], "pos": ["verb"], "type": "AID", "needs_subject": ["unicorns"]},
    ],
)
def test_bad_entries_are_errors(raw: dict[str, object]) -> None:
    with pytest.raises(ConfigError):
        _entries(raw, CLASSES)


def test_sanction_modes_keep_their_order_and_a_word_names_one_measure() -> None:
    modes = _sanction_modes({"treaty": ["treaty", "agreement"], "trade": ["trade", "imports"]})
    assert [m for m, _ in modes] == ["treaty", "trade"]  # the file's order is the precedence
    assert dict(modes)["trade"] == frozenset({"trade", "imports"})
    with pytest.raises(ConfigError, match="both"):
        _sanction_modes({"treaty": ["deal"], "trade": ["deal"]})
    loaded = dict(default_lexicon().vocab.sanction_modes)
    assert "crossing" in loaded["border"] and "visas" in loaded["visas"]


def test_planned_defaults_by_quad() -> None:
    entries = _entries(yaml.safe_load("{lemmas: [x], pos: [verb], type: ASSAULT}"), CLASSES)
    assert entries[0].planned == "THREATEN"
    entries = _entries(yaml.safe_load("{lemmas: [x], pos: [verb], type: AID}"), CLASSES)
    assert entries[0].planned == "AGREE"
