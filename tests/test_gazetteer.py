"""The gazetteer: names news uses for states, places and organisations -> canonical entries."""

from __future__ import annotations

import csv
import shutil
from importlib import resources
from pathlib import Path

import pycountry
import pytest

from dateline.entities.gazetteer import Gazetteer, GazetteerEntry, fold
from dateline.records import EntityKind

DATA = Path(str(resources.files("dateline").joinpath("data/gazetteer")))


@pytest.fixture(scope="module")
def gz() -> Gazetteer:
    return Gazetteer.default()


def _rows(name: str) -> list[list[str]]:
    with (DATA / name).open(encoding="utf-8") as fh:
        return [r for r in csv.reader(fh, delimiter="\t", quoting=csv.QUOTE_NONE) if r and not r[0].startswith("#")]


# text, canonical name, kind, country, matched_as
LOOKUPS = [
    ("North Korean", "North Korea", "state", "PRK", "demonym"),
    ("North Koreans", "North Korea", "state", "PRK", "demonym"),
    ("DPRK", "North Korea", "state", "PRK", "alias"),
    ("the DPRK", "North Korea", "state", "PRK", "alias"),
    ("Democratic People's Republic of Korea", "North Korea", "state", "PRK", "alias"),
    ("South Korea", "South Korea", "state", "KOR", "name"),
    ("ROK", "South Korea", "state", "KOR", "alias"),
    ("Republic of Korea", "South Korea", "state", "KOR", "alias"),
    ("Seoul", "Seoul", "location", "KOR", "capital"),
    ("the Kremlin", "Russia", "state", "RUS", "metonym"),
    ("Kremlin", "Russia", "state", "RUS", "metonym"),
    ("Russian Federation", "Russia", "state", "RUS", "alias"),
    ("Washington", "Washington", "location", "USA", "capital"),
    ("Washington, D.C.", "Washington", "location", "USA", "capital"),
    ("Kyiv", "Kyiv", "location", "UKR", "capital"),
    ("Kiev", "Kyiv", "location", "UKR", "capital"),
    ("NATO", "NATO", "organisation", None, "organisation"),
    ("Nato", "NATO", "organisation", None, "organisation"),
    ("U.S.", "United States", "state", "USA", "alias"),
    ("US", "United States", "state", "USA", "alias"),
    ("USA", "United States", "state", "USA", "alias"),
    ("U.S.A.", "United States", "state", "USA", "alias"),
    ("America", "United States", "state", "USA", "alias"),
    ("the United States", "United States", "state", "USA", "name"),
    ("United States of America", "United States", "state", "USA", "alias"),
    ("American", "United States", "state", "USA", "demonym"),
    ("UK", "United Kingdom", "state", "GBR", "alias"),
    ("U.K.", "United Kingdom", "state", "GBR", "alias"),
    ("Britain", "United Kingdom", "state", "GBR", "alias"),
    ("Great Britain", "United Kingdom", "state", "GBR", "alias"),
    ("British", "United Kingdom", "state", "GBR", "demonym"),
    ("Britons", "United Kingdom", "state", "GBR", "demonym"),
    ("Iran", "Iran", "state", "IRN", "name"),
    ("Islamic Republic of Iran", "Iran", "state", "IRN", "alias"),
    ("Syria", "Syria", "state", "SYR", "name"),
    ("Syrian Arab Republic", "Syria", "state", "SYR", "alias"),
    ("Czechia", "Czechia", "state", "CZE", "name"),
    ("the Czech Republic", "Czechia", "state", "CZE", "alias"),
    ("Türkiye", "Turkey", "state", "TUR", "alias"),
    ("Turkiye", "Turkey", "state", "TUR", "alias"),
    ("Burma", "Myanmar", "state", "MMR", "alias"),
    ("Burmese", "Myanmar", "state", "MMR", "demonym"),
    ("Holland", "Netherlands", "state", "NLD", "alias"),
    ("the Netherlands", "Netherlands", "state", "NLD", "alias"),
    ("Dutch", "Netherlands", "state", "NLD", "demonym"),
    ("UAE", "United Arab Emirates", "state", "ARE", "alias"),
    ("Emirati", "United Arab Emirates", "state", "ARE", "demonym"),
    ("Vatican", "Holy See", "state", "VAT", "alias"),
    ("the Holy See", "Holy See", "state", "VAT", "name"),
    ("Filipino", "Philippines", "state", "PHL", "demonym"),
    ("Philippine", "Philippines", "state", "PHL", "demonym"),
    ("Burkinabe", "Burkina Faso", "state", "BFA", "demonym"),
    ("Ivorian", "Côte d'Ivoire", "state", "CIV", "demonym"),
    ("Malian", "Mali", "state", "MLI", "demonym"),
    ("Chadian", "Chad", "state", "TCD", "demonym"),
    ("Eritrean", "Eritrea", "state", "ERI", "demonym"),
    ("Somali", "Somalia", "state", "SOM", "demonym"),
    ("Saudi", "Saudi Arabia", "state", "SAU", "demonym"),
    ("Saudis", "Saudi Arabia", "state", "SAU", "demonym"),
    ("Israeli", "Israel", "state", "ISR", "demonym"),
    ("Palestinian", "Palestine", "state", "PSE", "demonym"),
    ("Palestinians", "Palestine", "state", "PSE", "demonym"),
    ("Kosovo", "Kosovo", "state", "XKX", "name"),
    ("Taiwan", "Taiwan", "state", "TWN", "name"),
    ("Taiwanese", "Taiwan", "state", "TWN", "demonym"),
    ("Western Sahara", "Western Sahara", "state", "ESH", "name"),
    ("Sahrawi", "Western Sahara", "state", "ESH", "demonym"),
    ("Greenland", "Greenland", "state", "GRL", "name"),
    ("Hong Kong", "Hong Kong", "state", "HKG", "name"),
    ("Taipei", "Taipei", "location", "TWN", "capital"),
    ("Kharkiv", "Kharkiv", "location", "UKR", "city"),
    ("Odessa", "Odesa", "location", "UKR", "city"),
    ("Crimea", "Crimea", "location", "UKR", "region"),
    ("Donbass", "Donbas", "location", "UKR", "region"),
    ("Gaza", "Gaza", "location", "PSE", "city"),
    ("the Gaza Strip", "Gaza Strip", "location", "PSE", "region"),
    ("Khan Yunis", "Khan Younis", "location", "PSE", "city"),
    ("Aleppo", "Aleppo", "location", "SYR", "city"),
    ("Goma", "Goma", "location", "COD", "city"),
    ("El Fasher", "El Fasher", "location", "SDN", "city"),
    ("Al-Fashir", "El Fasher", "location", "SDN", "city"),
    ("Darfur", "Darfur", "location", "SDN", "region"),
    ("Tigray", "Tigray", "location", "ETH", "region"),
    ("Sanaa", "Sanaa", "location", "YEM", "capital"),
    ("Sana’a", "Sanaa", "location", "YEM", "capital"),
    ("Hodeidah", "Hodeidah", "location", "YEM", "city"),
    ("Golan Heights", "Golan Heights", "location", "SYR", "region"),
    ("South China Sea", "South China Sea", "location", None, "region"),
    ("the Pentagon", "U.S. Department of Defense", "organisation", "USA", "metonym"),
    ("State Department", "U.S. State Department", "organisation", "USA", "organisation"),
    ("Foggy Bottom", "U.S. State Department", "organisation", "USA", "metonym"),
    ("the White House", "United States", "state", "USA", "metonym"),
    ("Downing Street", "United Kingdom", "state", "GBR", "metonym"),
    ("Élysée", "France", "state", "FRA", "metonym"),
    ("the Elysee", "France", "state", "FRA", "metonym"),
    ("Zhongnanhai", "China", "state", "CHN", "metonym"),
    ("Quai d'Orsay", "French Ministry for Europe and Foreign Affairs", "organisation", "FRA", "metonym"),
    ("UN", "United Nations", "organisation", None, "organisation"),
    ("U.N.", "United Nations", "organisation", None, "organisation"),
    ("UN Security Council", "UN Security Council", "organisation", None, "organisation"),
    ("EU", "European Union", "organisation", None, "organisation"),
    ("the bloc", "European Union", "organisation", None, "organisation"),
    ("African Union", "African Union", "organisation", None, "organisation"),
    ("AU", "African Union", "organisation", None, "organisation"),
    ("ICRC", "International Committee of the Red Cross", "organisation", None, "organisation"),
    ("Médecins Sans Frontières", "Doctors Without Borders", "organisation", None, "organisation"),
    ("IAEA", "International Atomic Energy Agency", "organisation", None, "organisation"),
    ("WHO", "World Health Organization", "organisation", None, "organisation"),
    ("Hamas", "Hamas", "group", "PSE", "group"),
    ("al Qaeda", "al-Qaeda", "group", None, "group"),
    ("Rapid Support Forces", "Rapid Support Forces", "group", "SDN", "group"),
    ("the Soviet Union", "Soviet Union", "state", "SUN", "name"),
    ("Soviet", "Soviet Union", "state", "SUN", "demonym"),
    ("Zaire", "Democratic Republic of the Congo", "state", "COD", "alias"),
]


@pytest.mark.parametrize(("text", "name", "kind", "country", "how"), LOOKUPS)
def test_lookup(gz: Gazetteer, text: str, name: str, kind: str, country: str | None, how: str) -> None:
    e = gz.lookup(text)
    assert e is not None, text
    assert (e.name, e.kind.value, e.country, e.matched_as) == (name, kind, country, how)


# pairs whose names contain one another must not be confused
AMBIGUOUS = [
    ("Georgia", "GEO"),  # the state, not the U.S. state
    ("Georgian", "GEO"),
    ("Congo", "COG"),
    ("Republic of the Congo", "COG"),
    ("Congo-Brazzaville", "COG"),
    ("DR Congo", "COD"),
    ("DRC", "COD"),
    ("Democratic Republic of the Congo", "COD"),
    ("Democratic Republic of Congo", "COD"),
    ("Congolese", "COD"),  # settled in preferences.tsv
    ("Niger", "NER"),
    ("Nigerien", "NER"),
    ("Nigeria", "NGA"),
    ("Nigerian", "NGA"),
    ("Sudan", "SDN"),
    ("Sudanese", "SDN"),
    ("South Sudan", "SSD"),
    ("South Sudanese", "SSD"),
    ("Guinea", "GIN"),
    ("Guinean", "GIN"),
    ("Guinea-Bissau", "GNB"),
    ("Guinea Bissau", "GNB"),
    ("Equatorial Guinea", "GNQ"),
    ("Papua New Guinea", "PNG"),
    ("Dominica", "DMA"),
    ("Dominican Republic", "DOM"),
    ("Dominican", "DOM"),
    ("Samoa", "WSM"),
    ("American Samoa", "ASM"),
    ("Ireland", "IRL"),
    ("Northern Ireland", "GBR"),
    ("Mexico", "MEX"),
    ("New Mexico", "USA"),
    ("Mexico City", "MEX"),
    ("Luxembourg", "LUX"),
    ("Jersey", "JEY"),
    ("New Jersey", "USA"),
]


@pytest.mark.parametrize(("text", "alpha3"), AMBIGUOUS)
def test_names_that_contain_one_another(gz: Gazetteer, text: str, alpha3: str) -> None:
    e = gz.lookup(text)
    assert e is not None and e.country == alpha3, (text, e)


@pytest.mark.parametrize(
    "text",
    ["Côte d'Ivoire", "Cote d'Ivoire", "Côte d’Ivoire", "COTE D’IVOIRE", "cote divoire", "the Côte d'Ivoire"],
)
def test_diacritics_apostrophes_and_case(gz: Gazetteer, text: str) -> None:
    e = gz.lookup(text)
    assert e is not None and e.country == "CIV"


@pytest.mark.parametrize(("text", "alpha3"), [("São Tomé", "STP"), ("Sao Tome", "STP"), ("Curaçao", "CUW"),
                                              ("Curacao", "CUW"), ("Réunion", "REU"), ("Åland", "ALA"),
                                              ("Reykjavik", "ISL"), ("Bogota", "COL"), ("Bogotá", "COL"),
                                              ("Chisinau", "MDA"), ("Chișinău", "MDA"), ("Şanlıurfa", "TUR"),
                                              ("Düsseldorf", "DEU"), ("Dusseldorf", "DEU"), ("Kraków", "POL"),
                                              ("  kyiv  ", "UKR"), ("KHARKIV", "UKR")])  # fmt: skip
def test_places_without_diacritics_or_case(gz: Gazetteer, text: str, alpha3: str) -> None:
    assert gz.country_of_place(text) == alpha3


@pytest.mark.parametrize(
    "text",
    [
        "us",  # pronoun: short acronyms match only in capitals
        "who",
        "Who",
        "un",
        "car",
        "turkey",  # common words match only when capitalised
        "china",
        "nice",
        "the North",  # context-dependent: deliberately absent
        "the South",
        "North",
        "Korea",  # either Korea: deliberately absent
        "Korean",
        "Russia's",  # possessives are the caller's to strip: pass "Russia"
        "Moscow's",
        "Ruritania",
        "",
        "the",
    ],
)
def test_not_found(gz: Gazetteer, text: str) -> None:
    assert gz.lookup(text) is None


def test_case_guards_keep_the_real_names(gz: Gazetteer) -> None:
    car = gz.lookup("CAR")
    assert car is not None and car.key == "state:CAF"
    assert gz.lookup("car") is None
    for text, alpha3 in (("Turkey", "TUR"), ("TURKEY", "TUR"), ("Nice", "FRA"), ("Malé", "MDV")):
        assert gz.country_of_place(text) == alpha3
    assert gz.lookup("male") is None


@pytest.mark.parametrize(
    ("text", "alpha3", "how"),
    [
        ("North Korean", "PRK", "demonym"),
        ("North Korea", "PRK", "name"),
        ("DPRK", "PRK", "alias"),
        ("Seoul", "KOR", "capital"),
        ("Moscow", "RUS", "capital"),
        ("Beijing", "CHN", "capital"),
        ("Washington", "USA", "capital"),
        ("Tehran", "IRN", "capital"),
        ("New Delhi", "IND", "capital"),
        ("The Hague", "NLD", "capital"),  # seat of government
        ("La Paz", "BOL", "capital"),
        ("the Kremlin", "RUS", "metonym"),
        ("White House", "USA", "metonym"),
        ("Downing Street", "GBR", "metonym"),
        ("Blue House", "KOR", "metonym"),
        ("Americans", "USA", "demonym"),
    ],
)
def test_state_for(gz: Gazetteer, text: str, alpha3: str, how: str) -> None:
    s = gz.state_for(text)
    assert s is not None and s.kind == EntityKind.STATE
    assert (s.country, s.matched_as) == (alpha3, how)
    assert s.name == gz.state(alpha3).name


@pytest.mark.parametrize(
    "text", ["Kharkiv", "Delhi", "Crimea", "Gaza", "NATO", "the Pentagon", "CIA", "Hamas", "Middle East", "nowhere"]
)
def test_state_for_none(gz: Gazetteer, text: str) -> None:
    assert gz.state_for(text) is None


@pytest.mark.parametrize(
    ("text", "alpha3"),
    [
        ("Ukraine", "UKR"),
        ("Kyiv", "UKR"),
        ("Odesa", "UKR"),
        ("Crimea", "UKR"),
        ("Rafah", "PSE"),
        ("Idlib", "SYR"),
        ("Mosul", "IRQ"),
        ("Omdurman", "SDN"),
        ("Mogadishu", "SOM"),
        ("Aden", "YEM"),
        ("Hong Kong", "HKG"),
        ("the Kremlin", "RUS"),
        ("Russian", None),  # a demonym is not a place
        ("NATO", None),
        ("Black Sea", None),  # spans several states
        ("Atlantis", None),
    ],
)
def test_country_of_place(gz: Gazetteer, text: str, alpha3: str | None) -> None:
    assert gz.country_of_place(text) == alpha3


@pytest.mark.parametrize(
    ("text", "alpha3_or_name", "rest"),
    [
        ("Russian Foreign Ministry", "RUS", "Foreign Ministry"),
        ("North Korean leader", "PRK", "leader"),
        ("South Sudanese army", "SSD", "army"),
        ("Sudanese army", "SDN", "army"),
        ("Russia's Security Council", "RUS", "Security Council"),
        ("Russia’s Security Council", "RUS", "Security Council"),
        ("Guinea-Bissau's president", "GNB", "president"),
        ("Equatorial Guinean officials", "GNQ", "officials"),
        ("the Chinese Embassy", "CHN", "Embassy"),
        ("US President", "USA", "President"),
        ("U.S. Secretary of State", "USA", "Secretary of State"),
        ("United States Army", "USA", "Army"),
        ("Saudi-led coalition", None, ""),  # a prefix must end at a space
        ("US-Ukrainian proposal", None, ""),
        ("Kremlin spokesman", "RUS", "spokesman"),
        ("Palestinians' rights", "PSE", "rights"),
        ("Ukrainian", "UKR", ""),
        ("UN Secretary-General", "United Nations", "Secretary-General"),
        ("UN Security Council", "UN Security Council", ""),
        ("Moscow officials", None, ""),  # capitals are not prefixes
        ("Foreign Ministry", None, ""),
        ("", None, ""),
    ],
)
def test_demonym_prefix(gz: Gazetteer, text: str, alpha3_or_name: str | None, rest: str) -> None:
    got = gz.demonym_prefix(text)
    if alpha3_or_name is None:
        assert got is None
        return
    assert got is not None
    entry, remainder = got
    assert alpha3_or_name in (entry.country, entry.name)
    assert remainder == rest


def test_demonym_prefix_states_only(gz: Gazetteer) -> None:
    assert gz.demonym_prefix("UN envoy", states_only=True) is None
    assert gz.demonym_prefix("Pentagon officials", states_only=True) is None
    got = gz.demonym_prefix("Iranian Revolutionary Guards commander", states_only=True)
    assert got is not None and got[0].country == "IRN" and got[1] == "Revolutionary Guards commander"


def test_state_entry() -> None:
    gz = Gazetteer.default()
    prk = gz.state("PRK")
    assert (prk.name, prk.kind, prk.country, prk.matched_as) == ("North Korea", EntityKind.STATE, "PRK", "name")
    assert "North Korean" in prk.aliases and "DPRK" in prk.aliases  # demonyms are aliases too
    assert gz.state("prk") == prk
    assert gz.state("GRL").sovereign == "DNK" and gz.state("GRL").subtype == "territory"
    with pytest.raises(KeyError):
        gz.state("ZZZ")


def test_default_is_shared() -> None:
    assert Gazetteer.default() is Gazetteer.default()


def test_entries_are_frozen(gz: Gazetteer) -> None:
    e = gz.lookup("Kyiv")
    assert isinstance(e, GazetteerEntry)
    with pytest.raises(AttributeError):
        e.name = "x"  # type: ignore[misc]
    assert e.capital and e.subtype == "city"


# ---------------------------------------------------------------------- data coverage


def _exceptions() -> set[tuple[str, str]]:
    rows = _rows("coverage_exceptions.tsv")
    assert all(len(r) == 3 and r[2].strip() for r in rows), "every exception needs a reason"
    return {(r[0], r[1]) for r in rows}


def test_every_pycountry_country_is_a_state_row(gz: Gazetteer) -> None:
    for c in pycountry.countries:
        assert gz.state(c.alpha_3).country == c.alpha_3
    for alpha3 in ("XKX", "TWN", "PSE", "ESH"):
        assert gz.state(alpha3).subtype == "state"


def test_every_pycountry_name_finds_its_state(gz: Gazetteer) -> None:
    for c in pycountry.countries:
        for attr in ("name", "official_name", "common_name"):
            n = getattr(c, attr, None)
            if n and ", " not in n:  # inverted forms ("Korea, Republic of") are not news English
                e = gz.lookup(n)
                assert e is not None and e.kind == EntityKind.STATE and e.country == c.alpha_3, (n, e)


def test_every_state_has_a_demonym_and_a_capital(gz: Gazetteer) -> None:
    exceptions = _exceptions()
    for alpha3 in [c.alpha_3 for c in pycountry.countries] + ["XKX"]:
        has_demonym = bool(gz.demonyms.get(alpha3))
        has_capital = bool(gz.capitals.get(alpha3))
        # an exception must be needed: stale ones fail too
        assert has_demonym != ((alpha3, "demonym") in exceptions), (alpha3, "demonym")
        assert has_capital != ((alpha3, "capital") in exceptions), (alpha3, "capital")


def test_every_state_is_found_by_one_of_its_demonyms(gz: Gazetteer) -> None:
    settled = {fold(r[0]) for r in _rows("preferences.tsv")}  # shared demonyms given to one state
    for alpha3, demonyms in gz.demonyms.items():
        found = [d for d in demonyms if getattr(gz.state_for(d), "country", None) == alpha3]
        assert found or all(fold(d) in settled for d in demonyms), alpha3


def test_capitals_stand_for_their_state(gz: Gazetteer) -> None:
    dropped = {fold(r[0]) for r in _rows("preferences.tsv") if r[1] == "-"}
    for alpha3, capitals in gz.capitals.items():
        for name in capitals:
            e = gz.lookup(name)
            if fold(name) in dropped or e is None or e.kind == EntityKind.STATE:
                continue  # city-states and names settled otherwise
            if e.capital:
                s = gz.state_for(name)
                assert s is not None and s.country == alpha3, name


def test_data_files_are_consistent(gz: Gazetteer) -> None:
    states = {r[0] for r in _rows("states.tsv")}
    assert len(states) == len(_rows("states.tsv")), "one line per state"
    for r in _rows("states.tsv"):
        assert r[2] in ("state", "territory", "historical") and (r[3] == "" or r[3] in states), r
    for r in _rows("cities.tsv"):
        assert r[1] == "-" or r[1] in states, r
        assert r[2] in ("city", "region") and r[3] in ("", "capital", "seat"), r
    for r in _rows("organisations.tsv"):
        assert r[2] in ("igo", "ngo", "national", "armed") and (r[3] == "-" or r[3] in states), r
    assert len(_rows("cities.tsv")) >= 600 and len(_rows("organisations.tsv")) >= 60


def test_name_clashes_are_settled(gz: Gazetteer) -> None:
    assert gz.collisions == {}, "same-rank clashes need a line in preferences.tsv"
    for name, target, _reason in _rows("preferences.tsv"):
        key = fold(name)
        if target == "-":
            assert gz.lookup(name) is None
        else:
            assert key in gz.shadowed, f"preferences.tsv: {name!r} is no longer shared; drop the line"
            assert gz.lookup(name) is not None and gz.lookup(name).key == target  # type: ignore[union-attr]


def test_common_words_are_names_here(gz: Gazetteer) -> None:
    with (DATA / "common_words.txt").open(encoding="utf-8") as fh:
        words = [w.strip() for w in fh if w.strip() and not w.startswith("#")]
    for w in words:
        assert gz.lookup(w) is None, w  # lower case: guarded
        assert gz.lookup(w.title()) is not None, f"common_words.txt: {w!r} names nothing; drop it"


def test_person_names_are_flagged(gz: Gazetteer) -> None:
    with (DATA / "person_names.txt").open(encoding="utf-8") as fh:
        names = [w.strip() for w in fh if w.strip() and not w.startswith("#")]
    for n in names:
        assert gz.lookup(n) is not None, f"person_names.txt: {n!r} names nothing here; drop it"
        assert gz.also_person_name(n) and gz.also_person_name(n.upper())
    assert not gz.also_person_name("Kharkiv") and not gz.also_person_name("Russia")


# a line that breaks the data, the file it is added to, and what the refusal says
BAD_LINES = [
    ("metonyms.tsv", "Nowhere House\tstate:ZZZ\t\n", "unknown"),
    ("cities.tsv", "Halfrow\tUKR\n", r"cities\.tsv"),
    ("organisations.tsv", "NATO\tNorth Atlantic Again\tigo\t-\t\n", "defined twice"),
    ("ship_prefixes.tsv", "ZZS\tZZZ\tNowhere Navy\n", "unknown state"),
    ("ship_prefixes.tsv", "USS\tGBR\tRoyal Navy again\n", "listed twice"),
]


@pytest.mark.parametrize(("name", "line", "message"), BAD_LINES)
def test_bad_data_is_refused(tmp_path: Path, name: str, line: str, message: str) -> None:
    for f in DATA.iterdir():
        shutil.copy(f, tmp_path / f.name)
    assert Gazetteer(tmp_path).lookup("Kyiv") is not None
    with (tmp_path / name).open("a", encoding="utf-8") as fh:
        fh.write(line)
    with pytest.raises(ValueError, match=message):
        Gazetteer(tmp_path)


def test_ship_prefixes_name_their_navy_state(gz: Gazetteer) -> None:
    assert gz.ship_prefixes["USS"] == "USA" and gz.ship_prefixes["HMS"] == "GBR"
    assert "INS" not in gz.ship_prefixes  # India's and Israel's navies both use it
