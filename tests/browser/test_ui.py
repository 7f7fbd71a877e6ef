"""The web UI as an analyst uses it, in headless Chromium (see conftest.py)."""

from __future__ import annotations

import re
import time
from typing import Any

from fastapi.testclient import TestClient
from ui_helpers import Watched

from dateline.api import Dateline
from dateline.server import create_app

ACTOR = "Kemelbayev"  # the sample corpus's mediator, who visits the same capital three times


def api(store: Dateline, path: str, **params: object) -> dict:
    with TestClient(create_app(store)) as c:
        r = c.get(path, params=params)
        assert r.status_code == 200, r.text
        return dict(r.json())


def test_timeline_draws_events_over_their_dates_and_filters_by_an_actor(ui: Watched, ui_store: Dateline) -> None:
    ui.open()
    page = ui.page
    page.wait_for_selector("#timeline svg .ev")
    assert page.locator("#timeline svg circle.ev").count() > 10, "day-precise events are dots"
    assert page.locator("#timeline svg rect.ev.span").count() >= 1, "month-precise events are bars"
    assert page.locator("#network svg .node").count() >= 5
    assert page.locator("#events tbody tr").count() > 10
    ui.shot("home")

    page.fill("#f-party", ACTOR)
    page.click("#apply")
    page.wait_for_function("location.hash.includes('party=')")
    ui.ready()
    page.wait_for_selector("#timeline svg .ev")
    marks = page.locator("#timeline svg .ev")
    expected = [e for e in api(ui_store, "/api/events", party=ACTOR, limit=1000)["items"] if e["date"]["start"]]
    assert marks.count() == len(expected) > 3
    drawn = {marks.nth(i).get_attribute("data-event") for i in range(marks.count())}
    assert drawn == {e["id"] for e in expected}
    def named(p: dict[str, Any]) -> bool:
        return any(ACTOR in n for n in [p["name"], *p["aliases"]])

    parties = [p for e in expected for p in (e["actor"], e["recipient"]) if p]
    held = {p["id"] for p in parties if named(p)}  # the canonical actor of that name
    for e in expected:  # the filter matched a party's name or alias, or its canonical actor's
        assert any(named(p) or p["id"] in held for p in (e["actor"], e["recipient"]) if p), e
    assert any(not named(p) and p["id"] in held for p in parties), "a description resolved to the actor"
    visits = [e for e in expected if e["type"] == "CONSULT" and e["mode"] == "visit"]
    assert len({e["date"]["start"][:7] for e in visits}) >= 3, "visits in three different months"
    rows = page.locator("#events tbody tr")
    assert rows.count() == len(api(ui_store, "/api/events", party=ACTOR, limit=50)["items"])
    ui.shot("timeline-actor")

    page.click("button[title='Zoom in']")
    page.wait_for_function("document.querySelector('#timeline-status').textContent.includes('dated event')")
    assert page.locator("#timeline svg .tick-label").count() > 0


def test_the_home_view_says_ready_only_once_every_panel_is_drawn(ui: Watched) -> None:
    # the network's data arrives last here: "ready" must still wait for it (it once did not)
    def slow(route: Any) -> None:
        response = route.fetch()
        time.sleep(1.5)
        route.fulfill(response=response)

    ui.page.route("**/api/graph*", slow)
    try:
        ui.open()
        assert ui.page.locator("#network svg .node").count() >= 5
        assert ui.page.locator("#timeline svg .ev").count() > 10
        assert ui.page.locator("#events tbody tr").count() > 10
    finally:
        ui.page.unroute("**/api/graph*")


def test_from_an_event_to_the_sentence_in_its_article(ui: Watched) -> None:
    ui.open(f"#/?party={ACTOR}&category=CONSULT")
    page = ui.page
    page.wait_for_selector("#timeline svg .ev")
    page.locator("#timeline svg .ev").first.click()
    page.wait_for_function("location.hash.startsWith('#/event/')")
    ui.ready()
    sources = page.locator("li.source")
    assert sources.count() >= 1
    first = sources.first
    trigger = first.locator("blockquote mark.trigger")
    assert trigger.count() == 1 and trigger.inner_text().strip()
    sentence = first.locator("blockquote").inner_text()
    assert page.locator("#event h1").inner_text().count("→") == 1
    ui.shot("event")

    first.get_by_text("Open in the article").click()
    page.wait_for_function("location.hash.startsWith('#/doc/') && location.hash.includes('report=')")
    ui.ready()
    focus = page.locator("#article-text mark.focus")
    assert focus.count() >= 1
    highlighted = "".join(focus.nth(i).inner_text() for i in range(focus.count()))
    assert re.sub(r"\s+", " ", highlighted).strip() == re.sub(r"\s+", " ", sentence).strip()
    assert page.locator("#article-text mark.trigger").count() >= 1
    assert page.locator("#article-text mark.time").count() >= 1
    assert page.locator("#article-text mark.mention").count() >= 1
    assert focus.first.is_visible()
    ui.shot("article")


def test_clicking_an_actor_in_the_network_filters_by_it(ui: Watched) -> None:
    ui.open()
    page = ui.page
    node = page.locator("#network svg .node").first
    node.wait_for()
    name = (node.get_attribute("aria-label") or "").split(":")[0]
    node.locator("circle").click()  # (the label is no target: it may lie over another node)
    page.wait_for_function("location.hash.includes('party_id=')")
    ui.ready()
    assert name in page.locator("form.filters .chip").inner_text()
    page.wait_for_selector("#events tbody tr")
    # the network is redrawn for the new filter after the list: wait for it rather than race it
    page.wait_for_selector("#network svg .node.selected", timeout=15_000)
    assert page.locator("#network svg .node.selected").count() == 1
    ui.shot("network-selected", "#network")


def test_every_network_node_takes_clicks_under_other_labels(ui: Watched) -> None:
    # a long label drawn over a neighbouring node must not swallow the click meant for it
    ui.open()
    page = ui.page
    page.locator("#network svg .node").first.wait_for()
    blocked = page.evaluate(
        """() => [...document.querySelectorAll('#network svg .node circle')].filter(c => {
               const r = c.getBoundingClientRect();
               const hit = document.elementFromPoint(r.x + r.width / 2, r.y + r.height / 2);
               return hit && hit.closest('.node') && hit.closest('.node') !== c.closest('.node');
           }).map(c => c.closest('.node').getAttribute('aria-label'))"""
    )
    assert blocked == []


def test_actor_page_shows_roles_and_activity(ui: Watched, ui_store: Dateline) -> None:
    actor = api(ui_store, "/api/actors", q=ACTOR)["items"][0]
    ui.open(f"#/actor/{actor['id']}")
    page = ui.page
    assert actor["name"] in page.locator("#actor h1").inner_text()
    assert page.locator("svg.activity rect.bucket").count() >= 3
    ui.shot("actor")


def test_markup_in_an_article_stays_text(ui: Watched, ui_store: Dateline) -> None:
    ui.open("#/doc/notice-board")
    page = ui.page
    text = page.locator("#article-text").inner_text()
    assert "<script>alert(1)</script>" in text and "<img src=x onerror=alert(1)>" in text
    assert page.locator("#article-text img, #article-text script").count() == 0
    assert page.locator("script").count() == 1  # the UI's own module
    ui.shot("xss-article")
    items = api(ui_store, "/api/events", doc="notice-board")["items"]
    (event,) = [e for e in items if "onerror" in e["quote"]["sentence"]]
    ui.open(f"#/event/{event['id']}")
    assert "<img src=x onerror=alert(1)>" in page.locator("li.source blockquote").first.inner_text()
    ui.open("#/?q=onerror")
    page.wait_for_selector("#events tbody tr td.quote")
    assert "<img src=x onerror=alert(1)>" in page.locator("#events tbody").inner_text()
    page.wait_for_selector("#timeline svg .ev")
    page.locator("#timeline svg .ev").first.hover()
    ui.shot("xss-list")
    assert ui.dialogs == []
