"""Repairs the clusterer makes to NER labels before it resolves a mention (invented names)."""

from __future__ import annotations

import pytest
from spacy.language import Language

from dateline.annotate import load_model
from dateline.entities.cluster import Clusterer, _only_titles
from dateline.entities.gazetteer import Gazetteer
from dateline.entities.mentions import RawMention
from dateline.settings import Settings


@pytest.fixture(scope="module")
def clusterer() -> Clusterer:
    return Clusterer(Gazetteer.default())


@pytest.mark.parametrize("text", ["Lake Tanganyika", "Mount Elgon", "the Rufiji River", "Gulf of Aden", "Cape Delgado",
                                  "Bazaruto Islands"])  # fmt: skip
def test_a_natural_feature_tagged_as_a_person_is_a_place(clusterer: Clusterer, text: str) -> None:
    assert clusterer._relabel(RawMention(0, len(text.split()), "PERSON", text)).label in ("LOC", "GPE")


@pytest.mark.parametrize("text", ["Lakeisha Moyo", "Bay", "Amina Rivers", "Tomas Seaborne"])
def test_a_persons_name_stays_a_person(clusterer: Clusterer, text: str) -> None:
    assert clusterer._relabel(RawMention(0, len(text.split()), "PERSON", text)).label == "PERSON"


@pytest.mark.parametrize("text", ["Brig.", "Brig", "Gen.", "Lt. Col.", "Maj"])
def test_a_rank_alone_tagged_as_a_person_names_nobody(text: str) -> None:
    assert _only_titles(RawMention(0, len(text.split()), "PERSON", text))


@pytest.mark.parametrize("text", ["Dwi Haryanto", "Brig. Gen. Tomas Ruiz", "Colonel Amadou Diallo"])
def test_a_name_with_its_rank_is_still_a_person(text: str) -> None:
    assert not _only_titles(RawMention(0, len(text.split()), "PERSON", text))


@pytest.fixture(scope="module")
def nlp() -> Language:
    return load_model(Settings().spacy_model)


def _mentions(nlp: Language, text: str) -> dict[str, str]:
    clusterer = Clusterer(Gazetteer.default())
    clusterer.add_block(nlp(text), 0)
    kinds = {c.id: c.kind.value for c in clusterer.clusters}
    return {m.text: kinds[m.entity] for m in clusterer.mentions}


def test_a_name_split_at_of_by_ner_is_joined_when_the_gazetteer_knows_it(nlp: Language) -> None:
    found = _mentions(nlp, "The two foreign ministers met in Port of Spain on Wednesday.")
    assert found.get("Port of Spain") == "location" and "Spain" not in found
    found = _mentions(nlp, "On Saturday Trinidad and Tobago offered to host a meeting.")  # GPE + ORG to NER
    assert found.get("Trinidad and Tobago") == "state" and "Tobago" not in found


@pytest.mark.parametrize(
    "text",
    [
        "Four convoys were unloaded at warehouses in Aravan on Monday.",  # NER: a person
        "Aid convoys reached Aravan and Isfara on Monday. The minister will travel to Aravan.",
    ],
)
def test_a_one_word_person_used_as_a_place_is_a_place(nlp: Language, text: str) -> None:
    assert _mentions(nlp, text).get("Aravan") == "location"


def test_a_person_beside_a_state_stays_a_person(nlp: Language) -> None:
    found = _mentions(nlp, "Talks between Aravan and Russia resumed in Geneva, and Aravan said he was hopeful.")
    assert found.get("Aravan") == "person"


def test_a_gazetteer_body_ner_missed_is_a_mention(nlp: Language) -> None:
    found = _mentions(nlp, "Houthi forces fired two missiles at a tanker on Saturday.")  # NER tags nothing
    assert found.get("Houthi") == "group"
