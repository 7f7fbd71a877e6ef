"""Repairs the clusterer makes to NER labels before it resolves a mention (invented names)."""

from __future__ import annotations

import pytest

from dateline.entities.cluster import Clusterer, _only_titles
from dateline.entities.gazetteer import Gazetteer
from dateline.entities.mentions import RawMention


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
