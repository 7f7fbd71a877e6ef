"""The package's data files are read strictly: a key written twice is an error, not a silent overwrite."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

import pytest

from dateline.datafiles import parse_yaml
from dateline.errors import ConfigError


def test_a_key_written_twice_names_the_file_and_both_lines() -> None:
    text = "warships: [frigate]\nports: [port]\nwarships: [corvette]\n"
    with pytest.raises(ConfigError, match=r"words\.yaml:3: key 'warships' is written twice \(first on line 1\)"):
        parse_yaml(text, "words.yaml")


def test_nested_mappings_are_checked_too() -> None:
    with pytest.raises(ConfigError, match="'in'"):
        parse_yaml("- lemmas: [meet]\n  preps: {in: place, with: recipient, in: recipient}\n", "triggers.yaml")


def test_equal_keys_in_different_mappings_are_fine() -> None:
    assert parse_yaml("a: {x: 1}\nb: {x: 2}\n", "ok.yaml") == {"a": {"x": 1}, "b": {"x": 2}}


def test_every_bundled_data_file_is_strictly_valid() -> None:
    root = Path(str(resources.files("dateline").joinpath("data")))
    files = sorted(root.rglob("*.yaml"))
    assert len(files) >= 10
    for path in files:
        parse_yaml(path.read_text(encoding="utf-8"), str(path))  # raises on a repeated key


def test_bare_yes_no_on_off_are_words_not_booleans() -> None:
    text = "dets: [any, no, every]\npreps: {on: recipient, off: place}\nflag: true\nother: false\n"
    data = parse_yaml(text, "w.yaml")
    assert data == {"dets": ["any", "no", "every"], "preps": {"on": "recipient", "off": "place"}, "flag": True,
                    "other": False}  # fmt: skip


def test_word_lists_hold_only_words() -> None:
    from dateline.events.lexicon import default_lexicon

    lexicon = default_lexicon()
    assert "no" in lexicon.vocab["hypothetical_dets"]  # "no deal" is hypothetical
    for trig in (t for entries in lexicon.triggers.values() for t in entries):
        for words in (trig.not_with, trig.needs_prep, trig.needs_particle, trig.not_object, tuple(trig.preps)):
            assert all(isinstance(w, str) for w in words), trig
