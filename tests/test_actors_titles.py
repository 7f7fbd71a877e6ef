"""Role titles and the registry's decisions (no database): offices, countries, descriptions,
which person a name is, who held an office on a day."""

from __future__ import annotations

from datetime import date

import pytest

from dateline.entities.gazetteer import Gazetteer
from dateline.resolve.actors import Candidate, Holding, NameRules, choose_holder, choose_person, looks_like_person
from dateline.resolve.titles import RoleLexicon

LEX = RoleLexicon.default()

# (title, office, country, organisation, definite, current)
TITLES = [
    ("Norwegian Foreign Minister", "foreign minister", "NOR", None, True, True),
    ("Minister for Foreign Affairs of Norway", "foreign minister", "NOR", None, True, True),
    ("Norway's top diplomat", "top diplomat", "NOR", None, True, True),
    ("the Chilean foreign minister", "foreign minister", "CHL", None, True, True),
    ("a Chilean foreign minister", "foreign minister", "CHL", None, False, True),
    (
        "secretary of Ukraine's National Security and Defence Council",
        "security council secretary",
        "UKR",
        "National Security and Defence Council",
        True,
        True,
    ),
    (
        "Secretary of the Security Council of Belarus",
        "security council secretary",
        "BLR",
        "Security Council",
        True,
        True,
    ),
    ("Belarusian Security Council Secretary", "security council secretary", "BLR", "Security Council", True, True),
    ("former Defense Minister", "defence minister", None, None, True, False),
    ("then-Defence Secretary", "secretary", None, None, True, False),
    ("incoming Prime Minister", "prime minister", None, None, True, False),
    ("Vice Foreign Minister", "deputy foreign minister", None, None, True, True),
    ("Deputy Foreign Minister", "deputy foreign minister", None, None, True, True),
    ("Peruvian Premier", "prime minister", "PER", None, True, True),
    ("US Secretary of State", "foreign minister", "USA", None, True, True),
    ("Ministry spokesman Col.", "ministry spokesman", None, "Ministry", True, True),
    ("Its foreign minister, Jane Roe", "foreign minister", None, None, True, True),
    ("UN Secretary-General", "secretary general", None, "United Nations", True, True),
    ("Ghanaian Ambassador to Togo", "ambassador", "GHA", None, True, True),
]


@pytest.mark.parametrize(("text", "office", "country", "organisation", "definite", "current"), TITLES)
def test_titles_name_an_office_a_country_and_a_body(
    text: str, office: str, country: str | None, organisation: str | None, definite: bool, current: bool
) -> None:
    found = LEX.parse(text, drop_words=frozenset({"jane", "roe"}))
    assert found is not None, text
    assert (found.role, found.country, found.organisation, found.definite, found.current) == (
        office,
        country,
        organisation,
        definite,
        current,
    )


@pytest.mark.parametrize(
    "text",
    [
        "his Chilean counterpart",
        "a senior researcher at the Institute for Peace Studies",
        "the first visit by a Chilean foreign minister to Peru in years",
        "Mr",
        "foreign ministers",
    ],
)
def test_phrases_that_name_no_office(text: str) -> None:
    assert LEX.parse(text) is None


def test_descriptions_stand_for_offices_best_first() -> None:
    diplomat = LEX.parse("Norway's top diplomat")
    assert diplomat is not None and diplomat.keys == ("foreign minister", "top diplomat")
    general = LEX.parse("Belarus's top general")
    assert general is not None and general.keys[0] == "general staff chief"
    assert general.country == "BLR"


def test_phrasings_of_one_office_meet() -> None:
    keys = {
        LEX.parse(t).role
        for t in (
            "Foreign Minister",
            "Minister of Foreign Affairs",  # type: ignore[union-attr]
            "minister for foreign affairs",
            "Foreign Affairs Minister",
        )
    }
    assert keys == {"foreign minister"}
    assert LEX.parse("Defense Minister").role == LEX.parse("Minister of Defence").role  # type: ignore[union-attr]


def person(i: str, name: str, country: str | None, *names: str, provisional: bool = False) -> Candidate:
    from dateline.store.keys import normalise_name

    return Candidate(i, name, country, tuple(normalise_name(n) for n in (name, *names)), provisional)


def test_a_full_name_finds_its_person_even_across_countries() -> None:
    cands = [person("p1", "Jane Roe", "NOR"), person("p2", "John Roe", "SWE")]
    assert choose_person("Jane Roe", None, cands) == ("found", "p1")
    assert choose_person("Jane Roe", "DNK", cands) == ("found", "p1")  # an entity's country may be wrong
    assert choose_person("Jane Anna Roe", "NOR", cands) == ("found", "p1")  # contains the known name
    assert choose_person("Maria Roe", "NOR", cands) == ("new", None)


def test_a_surname_needs_one_person_of_a_compatible_country() -> None:
    cands = [person("p1", "Jane Roe", "NOR"), person("p2", "John Roe", "SWE"), person("p3", "Ola Berg", None)]
    assert choose_person("Roe", None, cands) == ("ambiguous", None)
    assert choose_person("Roe", "NOR", cands) == ("found", "p1")
    assert choose_person("Berg", "FIN", cands) == ("found", "p3")  # unknown country fits any
    assert choose_person("Roe", "FIN", cands) == ("new", None)
    assert choose_person("Lind", None, cands) == ("new", None)


def test_the_office_holder_on_a_day() -> None:
    learned = [
        Holding("a", 0, date(2024, 1, 10), date(2024, 1, 10), "learned"),
        Holding("a", 0, date(2024, 5, 2), date(2024, 5, 2), "learned"),
        Holding("b", 0, date(2024, 9, 1), date(2024, 9, 1), "learned"),
        Holding("b", 0, date(2025, 2, 1), date(2025, 2, 1), "learned"),
    ]
    assert choose_holder(learned, date(2024, 3, 1)) == "a"  # inside a's observations
    assert choose_holder(learned, date(2024, 12, 1)) == "b"
    assert choose_holder(learned, date(2024, 5, 20)) == "a"  # nearest
    assert choose_holder(learned, date(2030, 1, 1)) is None  # too far from anything seen
    user = [
        Holding("c", 0, date(2024, 6, 1), None, "user"),
        Holding("b", 0, date(2020, 1, 1), date(2024, 5, 31), "user"),
    ]
    assert choose_holder(learned + user, date(2024, 12, 1)) == "c"  # a given term rules
    assert choose_holder(learned + user, date(2024, 3, 1)) == "b"
    best_first = [
        Holding("x", 1, date(2024, 3, 1), date(2024, 3, 1), "learned"),
        Holding("y", 0, date(2024, 3, 1), date(2024, 3, 1), "learned"),
    ]
    assert choose_holder(best_first, date(2024, 3, 2)) == "y"
    tied = [
        Holding("x", 0, date(2024, 3, 1), date(2024, 3, 1), "learned"),
        Holding("y", 0, date(2024, 3, 1), date(2024, 3, 1), "learned"),
    ]
    assert choose_holder(tied, date(2024, 3, 1)) is None


def test_what_looks_like_a_person() -> None:
    gz, rules = Gazetteer.default(), NameRules.default()
    assert looks_like_person("Jane Roe", gz, rules)
    assert looks_like_person("Pieter van Daal", gz, rules)
    assert not looks_like_person("Northern Herald", gz, rules)
    assert not looks_like_person("France", gz, rules)
    assert not looks_like_person("Jane Roe", gz, rules, outlet="The Jane Roe Show")


def test_a_body_named_after_an_international_organisation_is_its_body_of_no_state() -> None:
    """"OAS Permanent Council" and "Organization of American States' Permanent Council" are one
    body of the OAS, whichever state the sentence was about (not a national council of it)."""
    from dateline.resolve.actors import body_identity

    gz = Gazetteer.default()
    short = body_identity("OAS Permanent Council", "CRI", gz, LEX)
    long = body_identity("Organization of American States' Permanent Council", "USA", gz, LEX)
    assert short[1] is not None and short[1] == long[1] and short[2] is None and long[2] is None
    # a state's council stays the state's
    national = body_identity("Permanent Council", "CRI", gz, LEX)
    assert national[2] == "CRI" and national[1] != short[1]
