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


@pytest.mark.parametrize(
    ("text", "names"),
    [
        # NER tags "Felipe Cordero Rincon" as an organisation, "Marina" a place, "Lacerda" an organisation
        ("The Minister of Foreign Affairs, Andres Felipe Cordero Rincon, held a telephone conversation on Monday "
         "with the Minister of Foreign Affairs of the Republic of Peru, Marina Valdivia Lacerda, to review the "
         "situation on the border.", ["Andres Felipe Cordero Rincon", "Marina Valdivia Lacerda"]),
        # NER tags "Felipe Lozada Rincon" as an organisation
        ("The Minister of Foreign Affairs, Andres Felipe Lozada Rincon, held a telephone conversation on Monday "
         "with his counterpart from Peru.", ["Andres Felipe Lozada Rincon"]),
    ],
)  # fmt: skip
def test_a_name_in_apposition_to_a_title_is_a_person(nlp: Language, text: str, names: list[str]) -> None:
    found = _mentions(nlp, text)
    assert all(found.get(name) == "person" for name in names), found
    assert not any(kind == "organisation" and text.startswith("Minister") for text, kind in found.items()), found


def test_the_state_inside_a_title_read_as_an_organisation_is_the_persons(nlp: Language) -> None:
    clusterer = Clusterer(Gazetteer.default())
    clusterer.add_block(nlp("The minister met the Minister of Foreign Affairs of the Republic of Peru, Marina "
                            "Valdivia Lacerda, on Monday."), 0)  # fmt: skip
    person = next(c for c in clusterer.clusters if c.name == "Marina Valdivia Lacerda")
    assert person.country == "PER"


def test_a_rank_in_front_of_an_appositive_name_is_no_part_of_it(nlp: Language) -> None:
    found = _mentions(nlp, "The navy's chief of staff, Rear Admiral Tomas Ruiz Ibarra, flew to Lima on Monday.")
    assert "Rear Admiral Tomas Ruiz Ibarra" not in found and found.get("Tomas Ruiz Ibarra") == "person", found


def test_a_place_the_gazetteer_does_not_list_takes_the_state_of_the_province_it_names(nlp: Language) -> None:
    clusterer = Clusterer(Gazetteer.default())
    clusterer.add_block(nlp("The drone came down over Jaisalmer in Rajasthan on Thursday."), 0)
    clusterer.add_block(nlp("Flooding hit Sa Kaeo province."), 100)
    places = {c.name: c.country for c in clusterer.clusters if c.kind.value == "location"}
    assert places.get("Rajasthan") == "IND" and places.get("Sa Kaeo province") == "THA"


@pytest.mark.parametrize(("text", "state"), [("Rajasthan", "IND"), ("Gedo", "SOM"), ("Borno State", "NGA"),
                                             ("Kachin State", "MMR"), ("Kachin", "MMR"), ("Punjab", None),
                                             ("Jaisalmer", None)])  # fmt: skip
def test_a_province_names_its_state_unless_two_states_have_one_of_that_name(text: str, state: str | None) -> None:
    gz = Gazetteer.default()
    assert gz.province_country(text) == state
    if state is not None:
        assert gz.lookup(text) is None or gz.lookup(text).country == state  # provinces stay out of lookup


def _countries(nlp: Language, text: str) -> dict[str, str | None]:
    clusterer = Clusterer(Gazetteer.default())
    clusterer.add_block(nlp(text), 0)
    clusterer.finish()
    country = {c.id: c.country for c in clusterer.clusters}
    return {m.text: country[m.entity] for m in clusterer.mentions}


def test_a_states_own_name_is_not_a_longer_states_short_name(nlp: Language) -> None:
    found = _countries(nlp, "Sudan's army shelled the town of Aweil on Monday. South Sudan said it would respond.")
    assert (found.get("Sudan"), found.get("South Sudan")) == ("SDN", "SSD"), found
    found = _countries(nlp, "Guinea recalled its envoy from Malabo after Equatorial Guinea expelled two traders.")
    assert (found.get("Guinea"), found.get("Equatorial Guinea")) == ("GIN", "GNQ"), found
    # a short name that is only another state's alias is the long one the article names
    found = _countries(nlp, "The Democratic Republic of the Congo closed the border. Congo said rebels had crossed it.")
    assert found.get("Congo") == "COD", found


def test_a_site_named_after_its_place_is_a_place(nlp: Language) -> None:
    # NER tags the name of the field an organisation, which "its troops" then took for their owner
    text = "Kenya's army said it controlled the Lokichar oil field after its troops drove out the rebels on Tuesday."
    assert _mentions(nlp, text).get("Lokichar") == "location"
    assert _countries(nlp, text).get("its") == "KEN"


def test_it_is_not_a_state_named_as_the_adjective_of_a_plural(nlp: Language) -> None:
    """ "Kenya said Ugandan troops shelled the town, and it appealed to the AU": "it" is Kenya (the
    one telling), never the state of "Ugandan troops", whom "it" cannot stand for."""
    clusterer = Clusterer(Gazetteer.default())
    text = "Kenya said Ugandan troops shelled the town on Tuesday, and it appealed to the AU for help."
    clusterer.add_block(nlp(text), 0)
    names = {c.id: c.name for c in clusterer.clusters}
    pronouns = [names[m.entity] for m in clusterer.mentions if m.text == "it"]
    assert pronouns == ["Kenya"]


def test_a_bodys_short_name_is_the_longer_named_one_before_it(nlp: Language) -> None:
    """ "the Security Council" after "the UN Security Council" is the UN's council, not a body of
    no one (which a report's state would then claim)."""
    clusterer = Clusterer(Gazetteer.default())
    text = ("Kenya turned to the United Nations Security Council for help on Monday. Its foreign ministry "
            "sent a letter to the Security Council on Tuesday.")  # fmt: skip
    clusterer.add_block(nlp(text), 0)
    names = {c.id: c.name for c in clusterer.clusters}
    councils = {names[m.entity] for m in clusterer.mentions if "Council" in m.text}
    assert councils == {"UN Security Council"}
