"""The HTTP API with the real app over a real store, filled once by the real NLP pipeline.

The articles are invented for these tests (people, outlets and events); one carries script and
image-tag payloads in its text, which must come back as plain text.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from dateline.api import Dateline
from dateline.pipeline import Pipeline
from dateline.server import create_app
from dateline.settings import Settings

pytestmark = [pytest.mark.slow, pytest.mark.filterwarnings("ignore::DeprecationWarning")]

ARTICLES = {
    "harbour-talks.txt": """Finnish and Estonian ministers hold harbour talks in Tallinn

Published February 4, 2025

TALLINN — Finnish Foreign Minister Lena Harjo met Estonian Prime Minister Karl Oras in Tallinn on \
3 February 2025 to discuss ferry safety, officials said.

Harjo had already visited Tallinn in January 2025, and she returned to the Estonian capital on \
February 3.

Estonia accused Russia on Monday of jamming satellite signals over the Gulf of Finland.
""",
    "ferry-wire.md": """# Ministers discuss ferry safety in Tallinn

Published: 2025-02-05

Finnish Foreign Minister Lena Harjo met Estonian Prime Minister Karl Oras in Tallinn on \
3 February 2025, according to a government statement.

The two governments agreed on Tuesday to hold a joint rescue exercise in the spring.
""",
    "border-shelling.html": """<html><head><title>Shells hit border village</title>
<meta property="article:published_time" content="2025-03-02T10:00:00Z"></head>
<body><article><h1>Shells hit border village</h1>
<p>Armenia accused Azerbaijan on Saturday of shelling the village of Sotk, wounding two farmers.</p>
<p>Azerbaijani forces shelled positions near Sotk between March 1 and 2, the Armenian defence ministry said.</p>
</article></body></html>
""",
    "notice-board.txt": """Harbour council rejects fishing quota after hacked notice board

Published March 12, 2025

PORTVALE — The harbour council rejected the new fishing quota on Tuesday, a day after its public \
notice board was defaced with the text <script>alert(1)</script> by unknown intruders.

Council chair Mara Lindqvist met union leader Tomas Brekke in Portvale on March 10, 2025, and said \
the board had also shown an image tag <img src=x onerror=alert(1)> that did nothing.
""",
}
ERROR_KEYS = {"code", "message", "details"}


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory, pipeline: Pipeline) -> Dateline:
    folder = tmp_path_factory.mktemp("server")
    for name, text in ARTICLES.items():
        (folder / name).write_text(text, encoding="utf-8")
    dl = Dateline(folder / "t.db", Settings(), pipeline=pipeline)
    report = dl.ingest([folder])
    assert (report.added, report.rejected) == (4, 0), report.messages
    return dl


@pytest.fixture(scope="module")
def client(store: Dateline) -> Iterator[TestClient]:
    with TestClient(create_app(store, token=None)) as c:
        yield c


def get(client: TestClient, path: str, **params: Any) -> Any:
    r = client.get(path, params=params)
    assert r.status_code == 200, r.text
    return r.json()


def assert_error(r: Any, status: int, code: str) -> dict[str, Any]:
    assert r.status_code == status, r.text
    body = r.json()
    assert set(body) == {"error"} and set(body["error"]) == ERROR_KEYS, body
    assert body["error"]["code"] == code and body["error"]["message"]
    return dict(body["error"])


def all_events(client: TestClient, **params: Any) -> list[dict[str, Any]]:
    return list(get(client, "/api/events", limit=1000, **params)["items"])


# --------------------------------------------------------------------------- events


def test_summary_counts_what_the_store_holds(client: TestClient, store: Dateline) -> None:
    s = get(client, "/api/summary")
    assert s["events"] == len(store.events()) > 0
    assert s["documents"] == 4 and s["rejections"] == 0
    assert s["ingest_enabled"] is False
    assert {c["name"] for c in s["categories"]} >= {"CONSULT", "ACCUSE", "ASSAULT"}
    assert s["first"] <= s["last"]


def test_event_filters_match_the_python_api(client: TestClient, store: Dateline) -> None:
    everything = all_events(client)
    assert {e["id"] for e in everything} == {e.id for e in store.events()}
    harjo = all_events(client, party="harjo")
    assert harjo and {e["id"] for e in harjo} == {e.id for e in store.events(party="harjo")}
    assert all("Harjo" in (e["actor"] or {}).get("name", "") + (e["recipient"] or {}).get("name", "")
               for e in harjo)
    consult = all_events(client, category="consult")
    assert consult and all(e["type"] == "CONSULT" and e["quad"] == "verbal-cooperation" for e in consult)
    conflict = all_events(client, quad="verbal-conflict,material-conflict")
    assert conflict and {e["quad"] for e in conflict} <= {"verbal-conflict", "material-conflict"}
    assert not {e["id"] for e in conflict} & {e["id"] for e in consult}


def test_dates_filter_by_overlap_with_the_event_interval(client: TestClient) -> None:
    feb = all_events(client, since="2025-02", until="2025-02")
    assert feb
    for e in feb:
        assert e["date"]["start"] <= "2025-02-28" and e["date"]["end"] >= "2025-02-01"
    day = all_events(client, since="2025-03-02", until="2025-03-02")
    assert any(e["type"] == "ASSAULT" for e in day), day  # shelled between March 1 and 2
    assert all(e["date"]["start"] for e in day)


def test_text_place_document_and_source_filters(client: TestClient, store: Dateline) -> None:
    ferry = all_events(client, q="FERRY SAFETY")
    assert ferry and all("ferry safety" in e["quote"]["sentence"].lower() or e["n_sources"] > 1 for e in ferry)
    assert all_events(client, q="no such words anywhere") == []
    assert all_events(client, q="100%_") == []  # LIKE wildcards are plain characters
    in_tallinn = all_events(client, place="tallinn")
    assert in_tallinn and all(e["location"]["name"] == "Tallinn" for e in in_tallinn)
    doc = all_events(client, doc="border-shelling")
    assert {e["id"] for e in doc} == {e.id for e in store.events(doc="border-shelling")}
    merged = all_events(client, min_sources=2)
    assert all(e["independent_sources"] >= 2 for e in merged)
    assert {e["id"] for e in merged} == {e.id for e in store.events() if e.independent_sources >= 2}


def test_sorting_orders_the_whole_listing(client: TestClient) -> None:
    by_date = all_events(client, sort="date")
    starts = [e["date"]["start"] or "9999" for e in by_date]
    assert starts == sorted(starts)
    latest = all_events(client, sort="-date")
    assert [e["date"]["start"] for e in latest if e["date"]["start"]] == sorted(
        (s for s in starts if s != "9999"), reverse=True)
    confident = [e["confidence"] for e in all_events(client, sort="-confidence")]
    assert confident == sorted(confident, reverse=True)
    sourced = [e["independent_sources"] for e in all_events(client, sort="-sources")]
    assert sourced == sorted(sourced, reverse=True)


def test_cursor_pages_cover_every_event_once(client: TestClient) -> None:
    for sort in ("date", "-date", "confidence", "-sources"):
        seen: list[str] = []
        cursor = None
        while True:
            page = get(client, "/api/events", sort=sort, limit=2, **({"cursor": cursor} if cursor else {}))
            assert len(page["items"]) <= 2 and page["sort"] == sort
            seen += [e["id"] for e in page["items"]]
            cursor = page["next_cursor"]
            if cursor is None:
                break
        assert seen == [e["id"] for e in all_events(client, sort=sort)]


def test_event_detail_has_every_source_with_spans_into_the_document(client: TestClient) -> None:
    for summary in all_events(client):
        ev = get(client, f"/api/events/{summary['id']}")
        assert ev["sources"] and len(ev["sources"]) == ev["n_sources"]
        assert ev["date"]["rule"] and "granularity" in ev["date"]
        for s in ev["sources"]:
            text = get(client, f"/api/documents/{s['doc']}")["text"]
            span = s["sentence_span"]
            assert text[span["start"]:span["end"]] == s["sentence"]
            t = s["trigger_span"]
            assert span["start"] <= t["start"] < t["end"] <= span["end"]
            assert text[t["start"]:t["end"]] == s["trigger"]
            if s["time_span"]:
                assert text[s["time_span"]["start"]:s["time_span"]["end"]] == s["date"]["phrase"]
    visits = [e for e in all_events(client, party="harjo") if e["date"]["granularity"] == "month"]
    assert visits, "the January visit is known to the month"
    assert visits[0]["date"]["start"] == "2025-01-01" and visits[0]["date"]["end"] == "2025-01-31"


def test_a_story_told_by_two_outlets_is_one_event_with_two_sources(client: TestClient) -> None:
    meetings = [e for e in all_events(client, party="oras", category="CONSULT") if e["date"]["value"] == "2025-02-03"]
    assert meetings and max(e["independent_sources"] for e in meetings) == 2


# --------------------------------------------------------------------------- documents


def test_document_text_keeps_markup_payloads_as_plain_text(client: TestClient) -> None:
    doc = get(client, "/api/documents/notice-board")
    assert "<script>alert(1)</script>" in doc["text"] and "<img src=x onerror=alert(1)>" in doc["text"]
    n = len(doc["text"])
    for kind in ("mentions", "times"):
        assert doc[kind] and all(0 <= m["start"] < m["end"] <= n and doc["text"][m["start"]:m["end"]] == m["text"]
                                 for m in doc[kind])
    assert doc["reports"] and all(doc["text"][r["trigger_span"]["start"]:r["trigger_span"]["end"]] == r["trigger"]
                                  for r in doc["reports"])
    assert doc["blocks"][0]["kind"] == "headline"


def test_documents_are_paged_and_searchable(client: TestClient) -> None:
    ids: list[str] = []
    cursor = None
    while True:
        page = get(client, "/api/documents", limit=3, **({"cursor": cursor} if cursor else {}))
        ids += [d["id"] for d in page["items"]]
        if not (cursor := page["next_cursor"]):
            break
    assert ids == sorted(ids) and len(ids) == 4
    found = get(client, "/api/documents", q="SHELLS")["items"]
    assert [d["id"] for d in found] == ["border-shelling"]
    assert get(client, "/api/rejections") == {"items": [], "next_cursor": None}


# --------------------------------------------------------------------------- timeline, graph, actors


def test_timeline_buckets_count_the_filtered_events(client: TestClient) -> None:
    everything = all_events(client)
    dated = [e for e in everything if e["date"]["start"]]
    for interval in ("day", "week", "month", "year"):
        tl = get(client, "/api/timeline", interval=interval, lanes="category")
        assert tl["interval"] == interval and tl["total"] == len(everything)
        assert sum(b["total"] for b in tl["buckets"]) == len(dated) == tl["total"] - tl["undated"]
        assert all(b["start"] <= b["end"] and sum(b["counts"].values()) == b["total"] for b in tl["buckets"])
        assert sum(lane["count"] for lane in tl["lanes"]) == len(dated)
    month = get(client, "/api/timeline", interval="month", lanes="quad", party="harjo")
    assert {b["label"] for b in month["buckets"]} >= {"2025-01", "2025-02"}
    assert {lane["key"] for lane in month["lanes"]} <= {"verbal-cooperation", "material-cooperation",
                                                        "verbal-conflict", "material-conflict"}
    auto = get(client, "/api/timeline", since="2025-02-01", until="2025-02-10")
    assert auto["interval"] == "day"


def test_graph_links_actors_by_their_events(client: TestClient) -> None:
    g = get(client, "/api/graph")
    ids = {n["id"] for n in g["nodes"]}
    assert g["edges"] and all(e["source"] in ids and e["target"] in ids for e in g["edges"])
    assert all(sum(e["counts"].values()) == e["weight"] == sum(e["categories"].values()) for e in g["edges"])
    names = {n["name"] for n in g["nodes"]}
    assert {"Armenia", "Azerbaijan"} <= names
    small = get(client, "/api/graph", limit=2)
    assert len(small["nodes"]) == 2 and small["truncated"]
    conflict = get(client, "/api/graph", quad="verbal-conflict")
    assert all(set(e["counts"]) == {"verbal-conflict"} for e in conflict["edges"])


def test_actors_list_and_pages(client: TestClient) -> None:
    actors = get(client, "/api/actors", limit=1000)["items"]
    assert actors and [a["events"] for a in actors] == sorted((a["events"] for a in actors), reverse=True)
    first_two = get(client, "/api/actors", limit=2)
    rest = get(client, "/api/actors", limit=1000, cursor=first_two["next_cursor"])["items"]
    assert [a["id"] for a in first_two["items"] + rest] == [a["id"] for a in actors]
    found = get(client, "/api/actors", q="harjo")["items"]
    assert found and all("Harjo" in a["name"] for a in found)


def test_actor_page_has_aliases_roles_and_events_over_time(client: TestClient) -> None:
    (harjo,) = [a for a in get(client, "/api/actors", q="lena harjo")["items"] if a["name"] == "Lena Harjo"]
    a = get(client, f"/api/actors/{harjo['id']}")
    assert a["name"] == "Lena Harjo" and a["events"] >= 2
    assert sum(b["total"] for b in a["over_time"]) <= a["events"]
    assert a["recent"] and all(
        harjo["id"] in {(e["actor"] or {}).get("id"), (e["recipient"] or {}).get("id")} for e in a["recent"])
    by_id = all_events(client, party_id=harjo["id"])
    assert {e["id"] for e in by_id} == {e["id"] for e in a["recent"]}
    assert any("minister" in r["title"].lower() for r in a["roles"]), a["roles"]
    assert_error(client.get("/api/actors/name:bm8gc3VjaA"), 404, "not-found")


# --------------------------------------------------------------------------- errors and safety


@pytest.mark.parametrize(("path", "status", "code"), [
    ("/api/nope", 404, "not-found"),
    ("/api/events/ev_000000000000", 404, "not-found"),
    ("/api/documents/no-such-doc", 404, "not-found"),
    ("/api/events?since=2025-13", 422, "invalid-parameter"),
    ("/api/events?since=2025-03&until=2025-01", 422, "invalid-parameter"),
    ("/api/events?category=DANCE", 422, "invalid-parameter"),
    ("/api/events?quad=friendly", 422, "invalid-parameter"),
    ("/api/events?limit=0", 422, "invalid-parameter"),
    ("/api/events?limit=abc", 422, "invalid-parameter"),
    ("/api/events?sort=size", 422, "invalid-parameter"),
    ("/api/events?cursor=not-a-cursor", 422, "invalid-parameter"),
    ("/api/events?min_sources=-1", 422, "invalid-parameter"),
    ("/api/timeline?interval=decade", 422, "invalid-parameter"),
    ("/api/graph?limit=100000", 422, "invalid-parameter"),
    ("/api/actors?cursor=WyJ4Il0", 422, "invalid-parameter"),
])
def test_bad_requests_get_the_error_shape(client: TestClient, path: str, status: int, code: str) -> None:
    assert_error(client.get(path), status, code)


def test_a_cursor_of_another_sort_is_refused(client: TestClient) -> None:
    cursor = get(client, "/api/events", limit=1, sort="date")["next_cursor"]
    err = assert_error(client.get("/api/events", params={"cursor": cursor, "sort": "-confidence"}), 422,
                       "invalid-parameter")
    assert "cursor" in err["message"]


def test_the_server_is_read_only_without_a_token(client: TestClient) -> None:
    r = client.post("/api/documents", json={"text": "Finland met Estonia."})
    assert_error(r, 403, "read-only")
    assert_error(client.delete("/api/documents"), 405, "method-not-allowed")


def test_no_cors_and_security_headers(client: TestClient) -> None:
    r = client.get("/api/summary", headers={"Origin": "https://elsewhere.example"})
    assert "access-control-allow-origin" not in r.headers
    pre = client.options("/api/events", headers={"Origin": "https://elsewhere.example",
                                                 "Access-Control-Request-Method": "GET"})
    assert "access-control-allow-origin" not in pre.headers
    page = client.get("/")
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    assert "script-src 'self'" in page.headers["content-security-policy"]
    assert page.headers["x-content-type-options"] == "nosniff"


def test_the_ui_is_served_from_the_package_without_outside_urls(client: TestClient) -> None:
    static = Path(__file__).resolve().parents[1] / "dateline" / "server" / "static"
    files = [p for p in static.rglob("*") if p.is_file()]
    assert {"index.html", "app.css", "main.js", "timeline.js", "network.js"} <= {p.name for p in files}
    for p in files:
        r = client.get("/static/" + p.relative_to(static).as_posix())
        assert r.status_code == 200, p
        text = p.read_text(encoding="utf-8")
        assert "http://" not in text.replace("http://www.w3.org/2000/svg", "") and "https://" not in text, p
        assert ".innerHTML" not in text and "insertAdjacentHTML" not in text and "document.write" not in text, p


# --------------------------------------------------------------------------- ingest over HTTP


@pytest.fixture()
def writable(tmp_path: Path, pipeline: Pipeline) -> Iterator[tuple[TestClient, Dateline]]:
    dl = Dateline(tmp_path / "w.db", Settings(), pipeline=pipeline)
    with TestClient(create_app(dl, token="s3cret", max_body_bytes=4000)) as c:
        yield c, dl


def test_ingest_needs_the_bearer_token(writable: tuple[TestClient, Dateline]) -> None:
    c, _ = writable
    body = {"id": "t1", "text": "Finland met Estonia in Tallinn on 3 February 2025."}
    assert_error(c.post("/api/documents", json=body), 401, "unauthorized")
    r = c.post("/api/documents", json=body, headers={"Authorization": "Bearer wrong"})
    assert_error(r, 401, "unauthorized")
    assert r.headers["www-authenticate"] == "Bearer"


def test_ingest_json_records_and_a_text_body(writable: tuple[TestClient, Dateline]) -> None:
    c, dl = writable
    auth = {"Authorization": "Bearer s3cret"}
    records = [
        {"id": "r1", "title": "Talks", "published": "2025-02-04",
         "text": "Finnish Foreign Minister Lena Harjo met Estonian Prime Minister Karl Oras in Tallinn on "
                 "3 February 2025."},
        {"id": "r2", "text": ""},
    ]
    r = c.post("/api/documents", json=records, headers=auth)
    assert r.status_code == 200, r.text
    out = r.json()
    assert (out["added"], out["rejected"], out["documents"]) == (1, 1, ["r1"]) and out["events"] >= 1
    again = c.post("/api/documents", json={"documents": records[:1]}, headers=auth).json()
    assert again["unchanged"] == 1 and again["added"] == 0
    text = "Armenia accused Azerbaijan of shelling the village of Sotk on 2 March 2025, officials said."
    r = c.post("/api/documents?id=plain-1&published=2025-03-03", content=text.encode(),
               headers={**auth, "Content-Type": "text/plain; charset=utf-8"})
    assert r.status_code == 200 and r.json()["added"] == 1, r.text
    assert dl.document_text("plain-1").startswith("Armenia accused")
    summary = c.get("/api/summary").json()
    assert summary["documents"] == 2 and summary["rejections"] == 1 and summary["ingest_enabled"]
    assert [x["reason"] for x in c.get("/api/rejections").json()["items"]] == ["empty"]


def test_ingest_refuses_bad_bodies(writable: tuple[TestClient, Dateline]) -> None:
    c, _ = writable
    auth = {"Authorization": "Bearer s3cret"}
    assert_error(c.post("/api/documents", content=b"{not json", headers={**auth, "Content-Type": "application/json"}),
                 400, "invalid-body")
    assert_error(c.post("/api/documents", json=[1, 2], headers=auth), 422, "invalid-body")
    assert_error(c.post("/api/documents", content=b"x", headers={**auth, "Content-Type": "image/png"}),
                 415, "unsupported-media-type")
    big = json.dumps({"text": "word " * 2000}).encode()
    assert_error(c.post("/api/documents", content=big, headers={**auth, "Content-Type": "application/json"}),
                 413, "payload-too-large")

    def chunks() -> Iterator[bytes]:  # no Content-Length: the limit holds while the body streams in
        for _ in range(10):
            yield b"word " * 200

    r = c.post("/api/documents", content=chunks(), headers={**auth, "Content-Type": "text/plain"})
    assert_error(r, 413, "payload-too-large")


def test_pages_are_stable_under_inserts(tmp_path: Path) -> None:
    from helpers_store import FakePipeline, make_document

    dl = Dateline(tmp_path / "p.db", Settings(), pipeline=FakePipeline())
    lines = [f"Envoy{d} met Minister{d} on 2024-05-{d:02d}." for d in range(10, 20)]  # ten distinct events
    dl.ingest_documents([make_document(f"d{i}", line) for i, line in enumerate(lines)])
    with TestClient(create_app(dl)) as c:
        first = get(c, "/api/events", limit=4, sort="date")
        before = [e["id"] for e in all_events(c, sort="date")]
        assert len(before) == 10
        # new events sort before the page boundary and after it
        dl.ingest_documents([make_document("early", "Envoy1 met Minister1 on 2024-05-01."),
                             make_document("late", "Envoy30 met Minister30 on 2024-05-30.")])
        rest: list[str] = []
        cursor = first["next_cursor"]
        while cursor:
            page = get(c, "/api/events", limit=4, sort="date", cursor=cursor)
            rest += [e["id"] for e in page["items"]]
            cursor = page["next_cursor"]
    shown = [e["id"] for e in first["items"]] + rest
    assert len(shown) == len(set(shown)) == len(before) + 1  # nothing twice, nothing skipped, the late one added
    assert [i for i in shown if i in before] == before
