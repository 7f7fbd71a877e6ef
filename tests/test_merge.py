"""dateline's scorer for "same event?": categories, parties, dates, places, evidence, blocking.

Every name here is invented (the fixture world of helpers_store: Norland, Sudmark, Eastport...).
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from dateline.resolve.merge import (
    Facts,
    MergeRules,
    PartyFacts,
    Strength,
    blocking_keys,
    cluster_facts,
    facts_from_report,
    judge,
    party_match,
    report_score,
)

RULES = MergeRules.default()


def row(key: str, type_: str = "CONSULT", actor: tuple[str, str, str | None] | None = ("Tomas Varga", "person", "NRL"),
        recipient: tuple[str, str, str | None] | None = ("Sudmark", "state", "SDM"), *,
        first: date | None = date(2024, 5, 3), last: date | None = None, rule: str = "trigger-phrase",
        place: str | None = None, sentence: str = "", quantities: list[dict[str, Any]] | None = None,
        doc: str | None = None, mode: str | None = None, aliases: tuple[str, ...] = ()) -> dict[str, Any]:  # fmt: skip
    """A stored report row with what the scorer reads."""
    def party(role: str, p: tuple[str, str, str | None] | None) -> dict[str, Any]:
        if p is None:
            return {f"{role}_{k}": None for k in ("name", "kind", "country", "aliases")}
        return {f"{role}_name": p[0], f"{role}_kind": p[1], f"{role}_country": p[2],
                f"{role}_aliases": list(aliases) if role == "actor" else []}  # fmt: skip

    return {
        "id": key, "doc_id": doc or f"doc-{key}", "type": type_, "mode": mode, **party("actor", actor),
        **party("recipient", recipient), "location_name": place, "location_country": None,
        "date_first": first, "date_last": last or first, "date_rule": rule if first else "unknown",
        "sentence_text": sentence, "quantities": quantities or [],
    }  # fmt: skip


def facts(key: str, published: date | None = date(2024, 6, 1), **kw: Any) -> Facts:
    return facts_from_report(row(key, **kw), published=published)


# --------------------------------------------------------------------------- parties


def test_a_surname_names_the_same_person() -> None:
    full = PartyFacts.of("Tomas Varga", "person", "NRL")
    short = PartyFacts.of("Varga", "person", None)
    assert full and short and party_match(full, short) == 1.0


def test_a_person_and_his_state_overlap_in_part_and_two_states_conflict() -> None:
    person = PartyFacts.of("Tomas Varga", "person", "NRL")
    state = PartyFacts.of("Norland", "state", "NRL")
    other = PartyFacts.of("Sudmark", "state", "SDM")
    assert person and state and other
    assert 0 < party_match(person, state) < 1
    assert party_match(state, other) == -1
    assert party_match(person, other) == -1  # a Norland person is not Sudmark


def test_the_registry_kind_and_country_of_a_canonical_actor_win_over_the_report() -> None:
    """One sentence gave a Norland minister Sudmark's country; the registry, learned from every
    document, knows better."""
    wrong = row("w", actor=("Varga", "organisation", "SDM"))
    state = facts("s", actor=("Norland", "state", "NRL"))
    assert judge(facts_from_report(wrong), state).distinct
    wrong |= {"actor_id": "person:tomas-varga", "actor_registry_kind": "person", "actor_registry_country": "NRL"}
    fixed = facts_from_report(wrong)
    assert fixed.actor and (fixed.actor.kind, fixed.actor.country, fixed.actor.surnames) == ("person", "NRL", {"varga"})
    assert not judge(fixed, state).distinct


def test_symmetric_categories_may_swap_actor_and_recipient_others_may_not() -> None:
    a = facts("a", actor=("Norland", "state", "NRL"), recipient=("Sudmark", "state", "SDM"))
    b = facts("b", actor=("Sudmark", "state", "SDM"), recipient=("Norland", "state", "NRL"))
    assert judge(a, b).score >= RULES.threshold and judge(a, b).swapped
    x = facts("x", type_="ASSAULT", actor=("Norland", "state", "NRL"), recipient=("Sudmark", "state", "SDM"))
    y = facts("y", type_="ASSAULT", actor=("Sudmark", "state", "SDM"), recipient=("Norland", "state", "NRL"))
    assert judge(x, y).score == 0 and judge(x, y).distinct


# --------------------------------------------------------------------------- dates


def test_three_visits_on_three_dates_are_three_events() -> None:
    visits = [facts(f"v{i}", first=d, place="Eastport") for i, d in
              enumerate((date(2024, 1, 14), date(2024, 2, 11), date(2024, 3, 9)))]  # fmt: skip
    for i, a in enumerate(visits):
        for b in visits[i + 1 :]:
            assert report_score(a, b) == 0 and judge(a, b).distinct
    assert len(cluster_facts(visits)) == 3


def test_a_day_and_the_month_containing_it_merge_the_most_precise_kept() -> None:
    day = facts("day", first=date(2024, 2, 11))
    month = facts("month", first=date(2024, 2, 1), last=date(2024, 2, 29))
    other_month = facts("march", first=date(2024, 3, 1), last=date(2024, 3, 31))
    assert report_score(day, month) >= RULES.threshold
    assert report_score(day, other_month) == 0


def test_adjacent_days_merge_as_a_disagreement_but_days_further_apart_never() -> None:
    night = facts("n", type_="ASSAULT", first=date(2024, 5, 6))
    morning = facts("m", type_="ASSAULT", first=date(2024, 5, 7))
    later = facts("l", type_="ASSAULT", first=date(2024, 5, 9))
    j = judge(night, morning)
    assert j.score >= RULES.threshold and j.disagree_on_date
    assert judge(night, later).score == 0



def test_adjacent_days_with_different_counts_of_one_thing_are_two_strikes_but_a_toll_may_rise() -> None:
    def strike(key: str, day: int, value: int, item: str) -> Facts:
        return facts(key, type_="ASSAULT", first=date(2024, 5, day), quantities=[{"value": value, "item": item}])

    tuesday, wednesday = strike("t", 6, 4, "anti-ship missiles"), strike("w", 7, 14, "missiles")
    j = judge(tuesday, wednesday)
    assert j.score == 0 and j.distinct
    assert "different counts" in j.reason
    # the same strike told across a time zone, its count the same
    assert judge(tuesday, strike("w2", 7, 4, "missiles")).score >= RULES.threshold
    # the same named place: one event whose sources disagree on the day and the count
    at_port = [
        facts(k, type_="ASSAULT", first=date(2024, 5, d), place="Eastport", quantities=[{"value": v, "item": "shells"}])
        for k, d, v in (("p1", 6, 12), ("p2", 7, 14))
    ]
    assert not judge(*at_port).distinct and judge(*at_port).score >= RULES.threshold
    # a toll of people rises between reports of one attack
    first, update = strike("k1", 6, 5, "civilians"), strike("k2", 7, 7, "civilians")
    assert not judge(first, update).distinct
    assert judge(first, update).score >= RULES.threshold


def test_two_sums_of_money_in_one_currency_are_two_pledges() -> None:
    def pledge(key: str, value: float, unit: str | None, item: str, day: int | None = 11) -> Facts:
        return facts(key, type_="AGREE", first=date(2024, 5, day) if day else None,
                     quantities=[{"value": value, "unit": unit, "item": item}])  # fmt: skip

    fund, credit = pledge("f", 200e6, "USD", "fund"), pledge("c", 1e9, "USD", "credit programme")
    j = judge(fund, credit)
    assert j.score == 0 and j.distinct and "different sums" in j.reason
    # one sum written two ways ("a $1 billion credit line", "one billion US dollars") is one pledge
    assert judge(credit, pledge("c2", 1e9, "USD", "US dollars")).score >= RULES.threshold
    # a rounded figure stays the same sum; another currency, or a sum without one, says nothing
    assert not judge(credit, pledge("c3", 0.95e9, "USD", "loan")).distinct
    assert not judge(credit, pledge("e", 200e6, "EUR", "fund")).distinct
    assert not judge(credit, pledge("n", 200e6, None, "fund")).distinct


def test_one_report_giving_two_acts_their_own_adjacent_days_tells_two_acts() -> None:
    def strike(key: str, day: int, doc: str) -> Facts:
        return facts(key, type_="ASSAULT", first=date(2024, 5, day), doc=doc, place="Eastport")

    saturday, friday = strike("s", 11, "d1"), strike("f", 10, "d1")
    j = judge(saturday, friday)
    assert j.distinct and "one report" in j.reason
    # the same two days from two outlets stay a time zone's doubt
    assert not judge(saturday, strike("f2", 10, "d2")).distinct
    # a day the report took from its clause or context is no day of the act's own
    clause = facts("c", type_="ASSAULT", first=date(2024, 5, 10), doc="d1", place="Eastport", rule="clause-phrase")
    assert not judge(saturday, clause).distinct


def test_a_night_already_spans_its_two_days_so_the_day_before_it_is_another_event() -> None:
    # "overnight" said on the 8th is the 7th-8th; a clash dated the 6th is a day before that range,
    # and the range already holds the doubt that adjacency forgives between two single days
    clash = facts("c", type_="ASSAULT", first=date(2024, 5, 6))
    overnight = facts("o", type_="ASSAULT", first=date(2024, 5, 7), last=date(2024, 5, 8))
    assert judge(clash, overnight).score == 0
    assert judge(facts("d", type_="ASSAULT", first=date(2024, 5, 8)), overnight).score >= RULES.threshold

def test_a_timeline_rows_day_is_as_firm_as_a_phrase() -> None:
    # "9 May | Norland expels Sudmark's ambassador": the row's date heading dates the act, as a
    # phrase does; another outlet's expulsion in the week after it is another act, however alike
    said = "Norland expels the Sudmark ambassador, giving him 72 hours to leave."
    kw: dict[str, Any] = {"type_": "SANCTION", "actor": ("Norland", "state", "NRL"), "sentence": said}
    row_day = facts("t", first=date(2024, 5, 9), rule="section-date", **kw)
    assert row_day.when.strength is Strength.FIRM
    assert judge(row_day, facts("w", first=date(2024, 5, 13), last=date(2024, 5, 19), **kw)).score == 0
    assert judge(row_day, facts("s", first=date(2024, 5, 6), last=date(2024, 5, 12), **kw)).score >= RULES.threshold


def test_an_undated_report_needs_strong_evidence() -> None:
    dated = facts("d", type_="ASSAULT", place="Eastport", first=date(2024, 5, 6),
                  sentence="Sudmark shelled the harbour district of Eastport, killing nine dockworkers.",
                  quantities=[{"value": 9, "item": "dockworkers"}])  # fmt: skip
    bare = facts("u", type_="ASSAULT", first=None, sentence="Sudmark has denied it.")
    strong = facts("s", type_="ASSAULT", first=None, place="Eastport", quantities=[{"value": 9, "item": "dockworkers"}],
                   sentence="The shelling of Eastport killed nine dockworkers, officials said.")  # fmt: skip
    assert report_score(dated, bare) == 0 and not judge(dated, bare).distinct
    assert report_score(dated, strong) >= RULES.threshold


def test_an_event_known_only_by_the_report_day_cannot_follow_it() -> None:
    reported = facts("r", first=date(2024, 5, 10), rule="report-date")  # "has met", reported on the 10th
    after = facts("a", first=date(2024, 5, 20))
    assert judge(reported, after).distinct
    near = facts("n", first=date(2024, 5, 9))
    assert report_score(reported, near) >= RULES.threshold


def test_an_undated_report_cannot_be_about_an_event_after_its_article() -> None:
    # a report with no date of its own, published on the 10th, tells of something that had happened
    undated = facts("u", type_="ASSAULT", first=None, published=date(2024, 5, 10), place="Eastport",
                    sentence="Gunmen attacked a ferry at Eastport, killing nine.")  # fmt: skip
    later = facts("l", type_="ASSAULT", first=date(2024, 5, 18), published=date(2024, 5, 20), place="Eastport",
                  sentence="Gunmen attacked a ferry at Eastport on May 18, killing nine.")  # fmt: skip
    judgement = judge(undated, later)
    assert judgement.distinct and judgement.score == 0
    same_day = facts("s", type_="ASSAULT", first=date(2024, 5, 9), published=date(2024, 5, 12), place="Eastport",
                     sentence="Gunmen attacked a ferry at Eastport on May 9, killing nine.")  # fmt: skip
    assert not judge(undated, same_day).distinct
    assert report_score(undated, same_day) >= RULES.threshold


# --------------------------------------------------------------------------- categories and places


def test_a_planned_meeting_and_the_meeting_held_stay_apart() -> None:
    plan = facts("plan", type_="AGREE", first=date(2024, 5, 20), published=date(2024, 5, 10))
    held = facts("held", type_="CONSULT", first=date(2024, 5, 20), published=date(2024, 5, 21))
    also_plan = facts("plan2", type_="AGREE", first=date(2024, 5, 20), published=date(2024, 5, 12))
    assert plan.plan and not held.plan
    assert report_score(plan, held) == 0
    assert report_score(plan, also_plan) >= RULES.threshold


def test_a_treaty_signed_and_agreed_is_one_event() -> None:
    signed = facts("s", type_="SUPPORT", first=date(2023, 9, 1), last=date(2023, 9, 30),
                   sentence="In September, the two states signed the river navigation treaty.")  # fmt: skip
    recalled = facts("r", type_="AGREE", first=None, published=date(2025, 1, 10),
                     sentence="Talks will turn to the river navigation treaty the two states signed.")  # fmt: skip
    assert report_score(signed, recalled) >= RULES.threshold
    assert report_score(signed, facts("x", type_="ASSAULT", first=date(2023, 9, 5))) == 0


def test_two_different_towns_never_merge() -> None:
    a = facts("a", type_="ASSAULT", place="Eastport", first=date(2024, 5, 6))
    b = facts("b", type_="ASSAULT", place="Westhaven", first=date(2024, 5, 6))
    assert report_score(a, b) >= RULES.threshold  # unknown places: no decision from them
    from dateline.resolve.merge import PlaceFacts, PlaceLevel, place_evidence

    town_a, town_b = PlaceFacts("eastport", "NRL", PlaceLevel.CITY), PlaceFacts("westhaven", "NRL", PlaceLevel.CITY)
    assert place_evidence(town_a, town_b) is not None and place_evidence(town_a, town_b) < 0
    country = PlaceFacts("norland", "NRL", PlaceLevel.COUNTRY)
    assert place_evidence(town_a, country) == pytest.approx(0.3)


def test_two_sanctions_of_one_day_on_different_things_are_two_measures() -> None:
    state = ("Norland", "state", "NRL")
    crossing = facts("a", type_="SANCTION", actor=state, mode="border", first=date(2024, 5, 6))
    visas = facts("b", type_="SANCTION", actor=state, mode="visas", first=date(2024, 5, 6))
    untold = facts("c", type_="SANCTION", actor=state, mode=None, first=date(2024, 5, 6))
    again = facts("d", type_="SANCTION", actor=state, mode="border", first=date(2024, 5, 6))
    judged = judge(crossing, visas)
    assert judged.distinct and "different measures" in judged.reason
    assert report_score(crossing, again) >= RULES.threshold
    assert report_score(crossing, untold) >= RULES.threshold  # a sanction that names nothing may be either
    # a visit and a call differ too, but only lower the score: other categories' modes are no veto
    call = facts("e", mode="phone", first=date(2024, 5, 6))
    visit = facts("f", mode="visit", first=date(2024, 5, 6))
    assert not judge(call, visit).distinct


def test_an_envoy_summoned_is_a_protest_apart_from_the_statement_that_condemns() -> None:
    state = ("Norland", "state", "NRL")
    summoned = facts("a", type_="ACCUSE", actor=state, mode="summon", first=date(2024, 5, 6))
    condemned = facts("b", type_="ACCUSE", actor=state, mode="disapprove", first=date(2024, 5, 6))
    called_in = facts("c", type_="ACCUSE", actor=state, mode="summon", first=date(2024, 5, 6))
    judged = judge(summoned, condemned)
    assert judged.distinct and "different measures" in judged.reason
    assert report_score(summoned, called_in) >= RULES.threshold
    # a condemnation told with no mode ("Norland condemned the strike") is the statement, not the summons
    stated = facts("d", type_="ACCUSE", actor=state, mode=None, first=date(2024, 5, 6))
    assert judge(summoned, stated).distinct
    assert report_score(condemned, stated) >= RULES.threshold


def test_a_province_the_gazetteer_files_omit_is_a_region_of_its_state() -> None:
    from dateline.resolve.merge import PlaceFacts, PlaceLevel, place_evidence

    province = PlaceFacts.of("Rajasthan", None)  # ISO 3166-2 only
    assert province is not None and (province.level, province.country) == (PlaceLevel.REGION, "IND")
    city = PlaceFacts.of("Lahore", "PAK")
    assert place_evidence(province, city) is not None and place_evidence(province, city) <= -9
    a = facts("a", type_="ASSAULT", place="Rajasthan", first=date(2024, 5, 6))
    b = facts("b", type_="ASSAULT", place="Lahore", first=date(2024, 5, 6))
    assert judge(a, b).distinct


def test_syndicated_copies_of_one_sentence_are_one_report() -> None:
    text = "Officials of Norland have demanded her release."
    a = facts_from_report(row("a", type_="REQUEST", first=None, sentence=text, doc="wire"), group="wire")
    b = facts_from_report(row("b", type_="REQUEST", first=None, sentence=text, doc="paper"), group="wire")
    c = facts_from_report(row("c", type_="REQUEST", first=None, sentence="Norland wants her back.", doc="other"),
                          group="other")  # fmt: skip
    assert report_score(a, b) > 0.9
    assert report_score(a, c) == 0  # undated, little in common: not enough


# --------------------------------------------------------------------------- blocking


def test_blocking_keys_pair_what_may_merge_and_nothing_else() -> None:
    day = facts("day", first=date(2024, 2, 11))
    month = facts("month", first=date(2024, 2, 1), last=date(2024, 2, 29))
    later = facts("later", first=date(2024, 9, 2))
    stranger = facts("s", actor=("Ilse Brandt", "person", "WST"), recipient=("Westria", "state", "WST"))
    assert blocking_keys(day) & blocking_keys(month)
    assert not blocking_keys(day) & blocking_keys(stranger)
    assert not {k for k in blocking_keys(day) if "|m" in k} & blocking_keys(later)
    undated = facts("u", first=None, published=date(2025, 1, 10))
    assert undated.when.strength is Strength.UNKNOWN
    assert blocking_keys(undated) & blocking_keys(day)  # an older event can be recalled
    treaty = facts("t", type_="SUPPORT")
    assert blocking_keys(treaty) & blocking_keys(facts("g", type_="AGREE"))  # one family


def test_the_merge_rules_name_known_categories_and_date_rules() -> None:
    from dateline.events.lexicon import CATEGORIES

    named = {c for pair in RULES.compatible for c in pair} | set(RULES.symmetric)
    assert named <= CATEGORIES, named - CATEGORIES
    dating = Path(__file__).resolve().parents[1] / "dateline" / "events" / "dating.py"
    documented = set(re.findall(r"^``([a-z-]+)``$", dating.read_text(encoding="utf-8"), re.M))
    assert documented and documented <= set(RULES.date_rules), documented - set(RULES.date_rules)


# --------------------------------------------------------------------------- restatements


def _shelling(**kw: Any) -> Facts:
    base: dict[str, Any] = {"type_": "REJECT", "actor": ("Sudmark", "state", "SDM"),
                            "recipient": ("Norland", "state", "NRL"), "first": date(2024, 5, 6)}  # fmt: skip
    return facts(kw.pop("key", "d"), **(base | kw))


def test_an_undated_restatement_joins_the_dated_event_it_repeats() -> None:
    dated = _shelling(sentence="Sudmark denied any role in the shelling of the harbour on Monday.",
                      published=date(2024, 5, 7))  # fmt: skip
    words = "Sudmark denies any role in the attack on the port and says Norland fired first."
    later = _shelling(key="u", first=None, published=date(2024, 5, 15), sentence=words)
    j = judge(dated, later)
    assert j.score >= RULES.threshold and "restatement" in j.reason
    # a report can look back at an event, not ahead: one published before it restates nothing
    earlier = _shelling(key="e", first=None, published=date(2024, 4, 20), sentence=words)
    assert judge(dated, earlier).score == 0
    # a different category, a different recipient, or a sentence with little in common: no
    assert judge(dated, _shelling(key="x", type_="ACCUSE", first=None, published=date(2024, 5, 15),
                                  sentence=words)).score == 0  # fmt: skip
    assert judge(dated, _shelling(key="y", first=None, published=date(2024, 5, 15),
                                  recipient=("Westria", "state", "WST"), sentence=words)).score == 0  # fmt: skip
    assert judge(dated, _shelling(key="z", first=None, published=date(2024, 5, 15),
                                  sentence="Sudmark denies that its envoy was recalled.")).score == 0  # fmt: skip


def test_an_inherited_date_later_than_the_event_is_a_background_mention() -> None:
    news = _shelling(type_="ACCUSE", actor=("Norland", "state", "NRL"), recipient=("Sudmark", "state", "SDM"),
                     rule="headline", sentence="Norland blames Sudmark for harbour shelling")  # fmt: skip
    background = _shelling(key="b", type_="ACCUSE", actor=("Norland", "state", "NRL"),
                           recipient=("Sudmark", "state", "SDM"), first=date(2024, 5, 20), rule="context-sentence",
                           published=date(2024, 5, 20),
                           sentence="Norland blamed Sudmark for the harbour shelling, which it denied.")  # fmt: skip
    assert news.when.strength is Strength.BEFORE and background.when.strength is Strength.SOFT
    assert judge(news, background).score >= RULES.threshold


def test_a_span_holding_the_day_of_a_report_is_a_weak_date_sign() -> None:
    week = _shelling(type_="COERCE", first=date(2024, 5, 6), last=date(2024, 5, 12),
                     sentence="Sudmark detained a Norland reporter this week.")  # fmt: skip
    headline = _shelling(key="h", type_="COERCE", first=date(2024, 5, 10), rule="headline",
                         sentence="Sudmark detains Norland reporter")  # fmt: skip
    j = judge(week, headline)
    assert j.score >= RULES.threshold and "date 0.40" in j.reason
    person = _shelling(key="p", type_="COERCE", actor=("Ines Kalb", "person", "SDM"), first=date(2024, 5, 10),
                       rule="headline", sentence="Kalb detains Norland photographer at border")  # fmt: skip
    assert judge(week, person).score == 0  # a weak date sign and partial parties need more


# --------------------------------------------------------------------------- parties named two ways


def test_british_and_american_spellings_of_a_name_are_one_name() -> None:
    from dateline.resolve.merge import name_key

    assert name_key("Defence Ministry") == name_key("Defense Ministry") == "defense ministry"
    assert name_key("Labour Party") == "labor party"


def test_a_description_holding_a_bodys_name_is_that_body() -> None:
    units = PartyFacts.of("Norland Defence Ministry units", "group", "NRL")
    ministry = PartyFacts.of("Defense Ministry", "organisation", "NRL")
    abroad = PartyFacts.of("Defense Ministry", "organisation", "SDM")
    soldiers = PartyFacts.of("Norland soldiers", "group", "NRL")
    assert units and ministry and abroad and soldiers
    assert party_match(units, ministry) == pytest.approx(0.8)
    assert party_match(units, abroad) == -1  # the ministry of another state
    assert party_match(soldiers, ministry) == pytest.approx(0.5)  # only the country in common


def test_two_recipients_of_one_act_on_several_parties() -> None:
    """Sanctions on officers of two states, each report coding one of them as the recipient."""
    a = facts("a", type_="SANCTION", actor=("Council of Westria", "organisation", "WST"),
              recipient=("Norland", "state", "NRL"), first=date(2024, 5, 9),
              sentence="The Council of Westria imposed bans on two Norland and two Sudmark generals.")  # fmt: skip
    b = facts("b", type_="SANCTION", actor=("Council of Westria", "organisation", "WST"),
              recipient=("Sudmark", "state", "SDM"), first=date(2024, 5, 6), last=date(2024, 5, 12),
              sentence="Last week the Council of Westria hit four generals from Sudmark and Norland.")  # fmt: skip
    j = judge(a, b)
    assert j.score >= RULES.threshold and not j.distinct
    alone = facts("c", type_="SANCTION", actor=("Council of Westria", "organisation", "WST"),
                  recipient=("Sudmark", "state", "SDM"), first=date(2024, 5, 9),
                  sentence="The Council of Westria sanctioned four Sudmark generals.")  # fmt: skip
    assert judge(a, alone).distinct  # one report names only its own recipient: two acts



def test_two_requests_of_one_sentence_to_two_bodies_are_two_acts() -> None:
    """ "Norland asked the Western Bloc for help and wrote to the Council of Nations asking for a
    meeting": two verbs of one sentence, two requests to two bodies of no one state (however other
    reports tell them together); the same verb's second addressee is no such veto."""
    said = "Norland asked the Western Bloc for help and wrote to the Council of Nations asking for a meeting."

    def request(key: str, body: str, trigger: int) -> Facts:
        f = facts(key, type_="REQUEST", actor=("Norland", "state", "NRL"), recipient=(body, "organisation", None),
                  first=date(2024, 5, 9), sentence=said, doc="d")  # fmt: skip
        return replace(f, spans=frozenset({("d", 0)}), triggers=frozenset({("d", trigger)}))

    asked = request("a", "Western Bloc", 8)
    wrote = request("b", "Council of Nations", 48)
    assert judge(asked, wrote).distinct
    urged = request("c", "Council of Nations", 8)  # one verb, its second addressee
    assert not judge(asked, urged).distinct
    nested = request("d", "Western Bloc Council", 48)  # a body of the first: not known to be another
    assert not judge(asked, nested).distinct


def test_a_town_the_other_report_names_but_did_not_code_is_the_same_place() -> None:
    from dateline.resolve.merge import PlaceFacts, PlaceLevel, places

    coded = facts("a", type_="RETREAT", sentence="Norland said its pullback near Eastport was nearly complete.",
                  first=None, published=date(2024, 5, 20))  # fmt: skip
    coded = replace(coded, place=PlaceFacts("eastport", "NRL", PlaceLevel.CITY))
    named = facts("b", type_="RETREAT", first=date(2024, 5, 14), rule="report-frame",
                  sentence="Norland said it had begun pulling guns back from positions near Eastport.")  # fmt: skip
    elsewhere = facts("c", type_="RETREAT", first=date(2024, 5, 14), rule="report-frame",
                      sentence="Norland said it had begun pulling artillery back from the hills.")  # fmt: skip
    assert places(coded, named) == 1.0 and places(coded, elsewhere) is None
    # an undated report of the same act at the same town restates the dated one
    j = judge(named, coded)
    assert j.score >= RULES.threshold and "restatement" in j.reason
    assert judge(elsewhere, coded).score == 0


def test_an_event_is_compared_under_every_name_its_reports_give_a_party() -> None:
    """A minister's report and his state's report merged: a later report naming either in full
    matches the event's actor, whichever name the event shows."""
    from dateline.records import EventDate, Party
    from dateline.resolve.summary import Member, summarise

    def member(key: str, actor: tuple[str, str, str | None], published: date) -> Member:
        r = row(key, actor=actor)
        return Member(report=key, doc=r["doc_id"], group=r["doc_id"], published=published, type="CONSULT", mode=None,
                      actor=Party(actor[0], actor[1], (), actor[2]), recipient=Party("Sudmark", "state", (), "SDM"),
                      location=None, date=EventDate("2024-05-03", date(2024, 5, 3), date(2024, 5, 3), "day", None,
                                                    "trigger-phrase"),
                      quantities=(), confidence=0.8, facts=facts_from_report(r, published=published))  # fmt: skip

    event = summarise("e", [member("m", ("Tomas Varga", "person", "NRL"), date(2024, 5, 4)),
                            member("s", ("Norland", "state", "NRL"), date(2024, 5, 5))])  # fmt: skip
    assert event.actor is not None and event.actor.name == "Tomas Varga"
    state = PartyFacts.of("Norland", "state", "NRL")
    assert event.facts.actor and state and party_match(event.facts.actor, state) == 1.0
    assert event.facts.actor.surnames == {"varga"}  # the state's name is no surname
    other = PartyFacts.of("Westria", "state", "WST")
    assert other and party_match(event.facts.actor, other) == -1


def test_words_naming_a_party_say_nothing_about_what_happened() -> None:
    """'forces' and 'authorities' stand for a party ("Sudmark forces"), not for the act."""
    dated = _shelling(type_="ACCUSE", actor=("Norland", "state", "NRL"), recipient=("Sudmark", "state", "SDM"),
                      sentence="Norland blamed Sudmark for the shelling of the harbour district.")  # fmt: skip
    short = _shelling(key="s", type_="ACCUSE", actor=("Norland", "state", "NRL"), recipient=("Sudmark", "state", "SDM"),
                      first=None, published=date(2024, 5, 12), sentence="Norland blamed Sudmark forces.")  # fmt: skip
    assert short.sentences[0].words == {"blam"}
    assert judge(dated, short).score >= RULES.threshold


def test_an_undated_report_is_about_the_news_of_its_own_article() -> None:
    """An article on Tuesday: the visit on Monday is its news, an earlier visit background; a
    sentence of it without a time phrase is about the news, not the background."""
    on = date(2024, 5, 7)
    news = facts("n", first=date(2024, 5, 6), doc="art", published=on, recipient=("Sudmark", "state", "SDM"),
                 sentence="Varga held talks in the capital of Sudmark on Monday, his third visit.")  # fmt: skip
    background = facts("b", first=date(2024, 3, 2), doc="art", published=on, recipient=("Sudmark", "state", "SDM"),
                       sentence="Varga first came to the capital of Sudmark in March.")  # fmt: skip
    talks = "Varga held more than three hours of talks with Kalb in the capital, aides said."
    undated = facts("u", first=None, doc="art", published=on, recipient=("Ines Kalb", "person", "SDM"), sentence=talks)
    elsewhere = facts("e", first=None, doc="other", published=on, recipient=("Ines Kalb", "person", "SDM"),
                      sentence=talks)
    assert judge(news, undated).score >= RULES.threshold and "date 0.60" in judge(news, undated).reason
    assert judge(background, undated).score == 0
    from dateline.resolve.merge import own_news

    assert own_news(news, undated) and not own_news(background, undated)
    assert not own_news(news, elsewhere)  # another article: its words alone must decide


def test_an_undated_report_joins_its_own_headline_only_with_the_same_parties() -> None:
    """'Bishkek blames Dushanbe' over 'the foreign ministry said ... and accused Dushanbe of ...'
    (no time phrase): the headline's event; not when the undated report names another actor."""
    on = date(2024, 5, 7)
    norland, sudmark = ("Norland", "state", "NRL"), ("Sudmark", "state", "SDM")
    headline = facts("h", type_="ACCUSE", actor=norland, recipient=sudmark, first=on, rule="headline", doc="art",
                     published=on, sentence="Drone strike kills nine, Norland blames Sudmark")  # fmt: skip
    body = facts("b", type_="ACCUSE", actor=("Norland foreign ministry", "organisation", "NRL"), recipient=sudmark,
                 first=None, doc="art", published=on, aliases=("Norland",),
                 sentence="The ministry said the drone came from Sudmark and accused it of an attack.")  # fmt: skip
    bloc = facts("c", type_="ACCUSE", actor=("Eastern Union", "organisation", None), recipient=sudmark,
                 first=None, doc="art", published=on,
                 sentence="The drone strike kills nine, and the Union blames Sudmark.")  # fmt: skip
    elsewhere = facts("e", type_="ACCUSE", actor=norland, recipient=sudmark, first=None, doc="other", published=on,
                      sentence="Norland accused Sudmark of a deliberate attack.")  # fmt: skip
    from dateline.resolve.merge import headline_news

    assert headline_news(headline, body) and not headline_news(headline, elsewhere)
    assert judge(headline, body).score >= RULES.threshold
    assert judge(headline, bloc).score == 0  # a headline's words echo every sentence: the parties decide


def test_a_refusal_told_as_what_will_not_be_done_is_no_plan() -> None:
    """'his country would not accept it', said on Saturday (rule said-act): the refusal is made
    by the telling; it merges with 'rejected the demands on Saturday' (a plan never would)."""
    norland, sudmark = ("Norland", "state", "NRL"), ("Sudmark", "state", "SDM")
    text = "The minister said on Saturday that his country would not accept the demands."
    kw: dict[str, Any] = {"type_": "REJECT", "actor": norland, "recipient": sudmark, "first": date(2024, 5, 4)}
    said = row("s", rule="said-act", sentence=text, doc="d1", **kw) | {
        "trigger": "accept", "trigger_start": text.index("accept"), "sentence_start": 0}
    done = facts("d", rule="trigger-phrase", doc="d2", published=date(2024, 5, 5),
                 sentence="Norland rejected the demands of Sudmark on Saturday.", **kw)  # fmt: skip
    refusal = facts_from_report(said, published=date(2024, 5, 5))
    assert not refusal.plan
    assert facts_from_report(said | {"date_rule": "report-frame"}, published=date(2024, 5, 5)).plan
    assert judge(refusal, done).score >= RULES.threshold


def test_one_sentence_coded_twice_is_one_event_unless_it_tells_two() -> None:
    """'Eastport, where lawmaker Kalb led a large rally on Saturday': the rally coded once with
    the crowd as actor and once with its leader."""
    def report(key: str, actor: tuple[str, str, str | None], sentence: int = 4, **kw: Any) -> Facts:
        r = row(key, type_="PROTEST", actor=actor, recipient=None, doc="art", place="Eastport", **kw)
        return facts_from_report(r | {"sentence": sentence}, published=date(2024, 5, 6))

    crowd = report("c", ("protesters", "group", None))
    leader = report("l", ("Ines Kalb", "person", None))
    assert judge(crowd, leader).reason == "one sentence coded twice"
    assert judge(crowd, report("o", ("Ines Kalb", "person", None), sentence=9)).score == 0  # two sentences: weak
    # one sentence, two meetings on two days ("met Kalb on Monday and again on Tuesday", "met X
    # on Monday and flew to Y the following day"): the writer dated two acts apart, so the
    # forgiveness two outlets get for days a day apart does not apply; it does across sentences
    monday = facts_from_report(row("m", doc="art") | {"sentence": 2})
    tuesday = facts_from_report(row("t", doc="art", first=date(2024, 5, 4)) | {"sentence": 2})
    assert judge(monday, tuesday).distinct and judge(monday, tuesday).score == 0
    elsewhere = facts_from_report(row("e", doc="other", first=date(2024, 5, 4)) | {"sentence": 2})
    assert judge(monday, elsewhere).disagree_on_date and judge(monday, elsewhere).score >= RULES.threshold
    assert cluster_facts([crowd, leader]) == [["c", "l"]]  # blocked together by their sentence


def test_one_statement_that_denies_and_accuses_is_one_event() -> None:
    """'Sudmark denied the charge and accused Norland of shelling its villages': REJECT and
    ACCUSE of one sentence by one actor; the same categories in two sentences stay apart, and
    two actors of one sentence ("Norland blames Sudmark; Sudmark denies it") are two events."""
    def report(key: str, type_: str, sentence: int, actor: tuple[str, str, str | None] = ("Sudmark", "state", "SDM"),
               recipient: tuple[str, str, str | None] = ("Norland", "state", "NRL")) -> Facts:  # fmt: skip
        r = row(key, type_=type_, actor=actor, recipient=recipient, doc="art", first=None)
        return facts_from_report(r | {"sentence": sentence}, published=date(2024, 5, 6))

    denial, accusation = report("d", "REJECT", 3), report("a", "ACCUSE", 3)
    assert judge(denial, accusation).reason == "one statement coded under two categories"
    assert judge(denial, report("l", "ACCUSE", 8)).score == 0
    blame = report("b", "ACCUSE", 3, actor=("Norland", "state", "NRL"), recipient=("Sudmark", "state", "SDM"))
    assert judge(denial, blame).score == 0
    assert judge(report("c", "CONSULT", 3), accusation).score == 0  # a meeting is no statement
    # "accused Norland of the killing and warned that it would not go unpunished": a charge and a
    # threat, two events (one merged would keep one category and lose the other)
    warning = report("w", "THREATEN", 3)
    assert judge(accusation, warning).score == 0 and judge(accusation, warning).distinct


def test_one_article_telling_each_side_act_under_its_own_category_tells_two_acts() -> None:
    """'Sudmark suspends the pact's expiry. Norland agrees to resume talks.': a CONCEDE and an
    AGREE of one article with the sides swapped are two acts; from two outlets, the same swap may
    be one ceasefire coded two ways."""
    sud, nor = ("Sudmark", "state", "SDM"), ("Norland", "state", "NRL")
    concede = facts("c", type_="CONCEDE", actor=sud, recipient=nor, doc="art")
    agree = facts("a", type_="AGREE", actor=nor, recipient=sud, doc="art")
    assert judge(concede, agree).score < RULES.threshold
    elsewhere = facts("e", type_="AGREE", actor=nor, recipient=sud, doc="other")
    assert judge(concede, elsewhere).score >= RULES.threshold


def test_a_meeting_then_an_agreement_one_sentence_tells_are_two_events() -> None:
    """'The ministers met on Tuesday and agreed to revive the channel': the CONSULT's word comes
    before the AGREE's, a meeting and what it agreed; 'agreed to hold talks' (the AGREE first)
    names the talks agreed, which may be one event with the agreement."""
    def report(key: str, type_: str, at: int) -> Facts:
        r = row(key, type_=type_, actor=("Norland", "state", "NRL"), doc="art")
        return facts_from_report(r | {"sentence": 3, "sentence_start": 0, "trigger_start": at},
                                 published=date(2024, 5, 6))

    met, agreed = report("m", "CONSULT", 20), report("a", "AGREE", 45)
    verdict = judge(met, agreed)
    assert verdict.distinct and verdict.reason == "one sentence tells a meeting and then an agreement"
    assert not judge(report("t", "CONSULT", 60), report("g", "AGREE", 10)).distinct
    # once the meeting joined another outlet's report of it, the agreement still stays apart
    other = facts_from_report(row("o", type_="CONSULT", actor=("Norland", "state", "NRL"), doc="paper")
                              | {"sentence": 1, "sentence_start": 0, "trigger_start": 5})  # fmt: skip
    joined = replace(met, reports=met.reports | other.reports, docs=met.docs | other.docs,
                     spans=met.spans | other.spans, triggers=met.triggers | other.triggers,
                     sentence_triggers=met.sentence_triggers | other.sentence_triggers)  # fmt: skip
    assert judge(joined, agreed).distinct


@pytest.mark.parametrize(("sentence", "trigger", "planned"), [
    ("Under the draft, both sides would pull their guns back 10 km.", "pull", True),
    ("The ministers are due to sign the accord in Eastport.", "sign", True),
    ("Varga will travel to Eastport next week.", "travel", True),
    ("Varga is expected in Eastport on Monday.", "expected", True),
    ("Both sides pulled their guns back 10 km.", "pulled", False),
    ("Varga said he had signed the accord, which will help trade.", "signed", False),  # the marker follows
])  # fmt: skip
def test_a_report_announced_rather_than_told_as_done_is_a_plan(sentence: str, trigger: str, planned: bool) -> None:
    r = row("p", type_="AGREE", first=None, sentence=sentence)
    r |= {"trigger": trigger, "sentence_start": 100, "trigger_start": 100 + sentence.index(trigger)}
    assert facts_from_report(r).plan is planned


def test_an_undated_plan_does_not_join_the_held_event_of_its_article() -> None:
    """'Guns fell silent on Wednesday ... Under the draft, both sides would pull back': the
    draft's terms are announced, not the truce declared."""
    def report(key: str, type_: str, sentence: str, trigger: str, **kw: Any) -> Facts:
        r = row(key, type_=type_, actor=("Norland", "state", "NRL"), doc="art", sentence=sentence, **kw)
        r |= {"trigger": trigger, "sentence_start": 0, "trigger_start": sentence.index(trigger)}
        return facts_from_report(r, published=date(2024, 5, 8))

    truce = report("t", "CONCEDE", "Norland and Sudmark declared a truce on Wednesday.", "declared",
                   first=date(2024, 5, 8))  # fmt: skip
    draft = report("d", "AGREE", "Under the draft, both sides would pull guns back.", "pull", first=None)
    agreed = report("a", "AGREE", "Norland and Sudmark agreed to stop firing.", "agreed", first=None)
    assert draft.plan and not agreed.plan
    assert judge(truce, draft).score == 0
    assert judge(truce, agreed).score >= RULES.threshold  # the news of its article, agreed and declared


def test_a_weak_date_sign_with_a_role_one_side_does_not_name_needs_more() -> None:
    """'Norland (did something) by Wednesday', reported without a recipient, is not thereby
    Varga's call with Kalb on Monday: the actor alone is no clear party match."""
    call = facts("c", actor=("Norland", "state", "NRL"), recipient=("Ines Kalb", "person", "SDM"),
                 first=date(2024, 5, 6), sentence="Norland spoke by telephone with Kalb.")  # fmt: skip
    headline = facts("h", actor=("Norland", "state", "NRL"), recipient=None, first=date(2024, 5, 8),
                     rule="headline", sentence="Norland offers a venue for peace talks")  # fmt: skip
    j = judge(call, headline)
    assert j.score == 0 and "a weak date and partial parties" in j.reason


def test_the_names_one_sentence_coded_twice_gives_a_party_are_one_party() -> None:
    """'Lawmaker Kalb, who led the rally': the crowd and its leader coded from one sentence; the
    event then matches (and is blocked with) another report of the crowd."""
    from dateline.records import EventDate, Party
    from dateline.resolve.summary import Member, summarise

    def member(key: str, actor: tuple[str, str, str | None]) -> Member:
        r = row(key, type_="PROTEST", actor=actor, recipient=None, doc="art") | {"sentence": 7}
        return Member(report=key, doc="art", group="art", published=date(2024, 5, 4), type="PROTEST", mode=None,
                      actor=Party(actor[0], actor[1], (), actor[2]), recipient=None, location=None,
                      date=EventDate("2024-05-03", date(2024, 5, 3), date(2024, 5, 3), "day", None, "trigger-phrase"),
                      quantities=(), confidence=0.8, facts=facts_from_report(r))  # fmt: skip

    event = summarise("e", [member("c", ("protesters", "group", None)), member("l", ("Ines Kalb", "person", None))])
    assert event.actor is not None and event.actor.name == "Ines Kalb"
    crowd = facts("o", type_="PROTEST", actor=("protesters", "group", None), recipient=None)
    assert event.facts.actor and crowd.actor and party_match(event.facts.actor, crowd.actor) == 1.0
    assert blocking_keys(event.facts) & blocking_keys(crowd)


def test_a_broad_date_backs_the_day_inside_it_but_does_not_become_the_events_date() -> None:
    """Two outlets give adjacent days and a third "earlier in the week": the event keeps one of
    the days (the disagreement recorded), not the week that holds both, which would let reports
    of the days around it join."""
    from dateline.records import EventDate, Party
    from dateline.resolve.summary import Member, summarise

    def member(key: str, first: date, last: date, published: date) -> Member:
        r = row(key, type_="ASSAULT", first=first, last=last)
        granularity = "day" if first == last else "range"
        return Member(report=key, doc=r["doc_id"], group=r["doc_id"], published=published, type="ASSAULT", mode=None,
                      actor=Party("Tomas Varga", "person", (), "NRL"), recipient=Party("Sudmark", "state", (), "SDM"),
                      location=None, date=EventDate(None, first, last, granularity, None, "trigger-phrase"),
                      quantities=(), confidence=0.8, facts=facts_from_report(r, published=published))  # fmt: skip

    tuesday, wednesday = date(2024, 5, 7), date(2024, 5, 8)
    week = member("w", date(2024, 5, 6), date(2024, 5, 11), date(2024, 5, 11))
    event = summarise("e", [member("t", tuesday, tuesday, date(2024, 5, 8)),
                            member("d", wednesday, wednesday, date(2024, 5, 9)), week])  # fmt: skip
    assert (event.date.first, event.date.last) == (tuesday, tuesday)  # the earlier report's day
    assert event.facts.when.days == 1
    disputed = [d for d in event.disagreements if d.field == "date"]
    assert disputed and {v.value for v in disputed[0].values} == {"2024-05-07", "2024-05-08"}
    # with one day only, the week backs it as before
    alone = summarise("e", [member("d", wednesday, wednesday, date(2024, 5, 9)), week])
    assert (alone.date.first, alone.date.last) == (wednesday, wednesday) and not alone.disagreements


def test_people_named_only_by_a_noun_are_no_other_recipient() -> None:
    """One report names the seized trawler, the other the sailors seized with it ("three coast
    guard sailors", a description): the description neither conflicts with the name nor takes
    its words out of the sentence the two reports share."""
    named = facts("n", type_="COERCE", actor=("Norland navy", "group", "NRL"),
                  recipient=("Eastport Star", "organisation", None), first=None,
                  sentence="Norland boarding teams seized the trawler Eastport Star and took its 12 crew "
                  "members into custody, together with three coast guard sailors pulled from the sea.")  # fmt: skip
    people = facts("p", type_="COERCE", actor=("Norland navy", "group", "NRL"),
                   recipient=("three coast guard sailors", "group", None),
                   sentence="The priority was to bring home the 12 fishermen and three coast guard sailors seized by "
                   "the Norland navy on May 3.")  # fmt: skip
    assert judge(named, people).score > 0


def test_one_sentence_with_two_other_parties_tells_two_acts() -> None:
    """'spoke by phone first with the Laotian Prime Minister and then with the Thai Prime
    Minister': the coder splits the calls; the merge keeps them apart (not one sentence coded twice)."""
    def call(key: str, recipient: tuple[str, str, str | None]) -> Facts:
        r = row(key, actor=("Hana Ilves", "person", "NRL"), recipient=recipient, doc="art")
        return facts_from_report(r | {"sentence": 4}, published=date(2024, 5, 6))

    first = call("a", ("Sudmark Prime Minister", "group", "SDM"))
    second = call("b", ("Westmark Prime Minister", "group", "WSM"))
    again = call("c", ("Sudmark Prime Minister", "group", "SDM"))
    assert judge(first, second).distinct
    assert judge(first, again).reason == "one sentence coded twice"


def test_one_article_that_gives_two_acts_their_own_days_keeps_them_apart_when_other_outlets_join_each() -> None:
    """'arrived in Kestria on Saturday ... On Sunday she held talks with the prime minister': an
    outlet dating the arrival by a timeline's entry and another the talks stand beside each;
    the events they make are still two acts (adjacent days between outlets alone would be one)."""
    from dateline.resolve.facts import combine

    def report(key: str, doc: str, day: int, rule: str = "trigger-phrase", value: str | None = None) -> Facts:
        r = row(key, actor=("Hana Ilves", "person", "NRL"), doc=doc, first=date(2024, 5, day), rule=rule)
        return facts_from_report(r | {"date_value": value}, published=date(2024, 5, 6))

    arrival, talks = report("arr", "wire", 4), report("tlk", "wire", 5)
    timeline, other = report("tl", "timeline", 4, rule="timeline"), report("oth", "post", 5)
    assert judge(arrival, talks).distinct and not judge(arrival, other).distinct  # (outlets: a day's doubt)
    first = combine("e1", [arrival, timeline], replace(arrival, when=replace(arrival.when, own=False)))
    second = combine("e2", [talks, other], talks)
    assert judge(first, second).distinct and judge(first, second).reason == "one report gives them different days"
    # "has now visited the region five times": a present reference names no day of its own
    now = report("now", "wire", 4, value="PRESENT_REF")
    assert not now.own_days and not judge(combine("e3", [now, timeline], now), second).distinct


def test_a_body_of_no_state_under_two_names_is_blocked_together_by_its_registry_actor() -> None:
    """"LSF" and "Liptako Salvation Front" (one actor of the registry, no country): their
    reports must meet to be compared at all."""
    def claim(key: str, name: str) -> Facts:
        r = row(key, type_="COERCE", actor=(name, "organisation", None), recipient=None, first=date(2024, 3, 14))
        return facts_from_report(r | {"actor_id": "org:liptako-salvation-front"}, published=date(2024, 3, 16))

    short, full = claim("s", "LSF"), claim("f", "Liptako Salvation Front")
    assert blocking_keys(short) & blocking_keys(full)
    other = facts_from_report(row("o", type_="COERCE", actor=("Sahel Brigade", "organisation", None), recipient=None,
                                  first=date(2024, 3, 14)), published=date(2024, 3, 16))  # fmt: skip
    assert not blocking_keys(short) & blocking_keys(other)
