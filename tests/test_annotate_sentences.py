"""Sentences: a short parenthesis inside a sentence does not end it (the parser split there)."""

from __future__ import annotations

import pytest
import spacy

from dateline.annotate import keep_parentheses_in_sentence, load_model
from dateline.settings import Settings


def starts(text: str) -> list[str]:
    """The tokens the component forbids to start a sentence."""
    doc = keep_parentheses_in_sentence(spacy.blank("en").make_doc(text))
    return [t.text for t in doc if t.is_sent_start is False]


def test_an_aside_and_the_word_after_it_stay_in_the_sentence() -> None:
    assert starts("ships rammed a boat near Ayungin (Second Thomas) Shoal on Thursday.") == [
        "Second", "Thomas", ")", "Shoal",
    ]  # fmt: skip


@pytest.mark.parametrize(
    "text",
    [
        "WASHINGTON (AP) The Pentagon said on Friday it had sent two destroyers.",
        "Q: (Radio Harbour) The ministry said on Friday it had summoned the envoy.",
        "The talks failed. (Both sides blamed the other.) Fighting resumed on Monday.",
    ],
)
def test_a_label_or_a_sentence_in_brackets_may_still_end_one(text: str) -> None:
    blocked = starts(text)
    after = text.split(")", 1)[1].split()[0]
    assert after not in blocked


def test_a_long_parenthesis_is_left_to_the_parser() -> None:
    text = "He said (and this was after eleven hours of talks in the capital on Sunday night) that it was over."
    assert starts(text) == []


def test_the_parser_keeps_the_sentence_whole() -> None:
    nlp = load_model(Settings().spacy_model)
    text = (
        "The Department of Foreign Affairs summoned a senior Chinese diplomat on Friday, after Chinese coast "
        "guard ships rammed and water-cannoned a Philippine resupply mission near Ayungin (Second Thomas) "
        "Shoal on Thursday. It was the third time."
    )
    assert [s.text for s in nlp(text).sents] == [text.split(" It was")[0], "It was the third time."]
