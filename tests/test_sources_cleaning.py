"""Cleaning of scraped text, Markdown and HTML into headline, body and caption blocks."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from dateline.records import BlockKind, Document, SourceItem
from dateline.sources import build_document, clean_lines, read_sources
from dateline.sources.markdown import read_markdown

FIXTURES = Path(__file__).parent / "fixtures" / "ingest"
CASES: list[dict[str, Any]] = yaml.safe_load((FIXTURES / "cleaning_cases.yaml").read_text(encoding="utf-8"))


def _texts(blocks: tuple[tuple[BlockKind, str], ...], kind: BlockKind) -> list[str]:
    return [text for k, text in blocks if k is kind]


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_cleaning_case(case: dict[str, Any]) -> None:
    cleaned = clean_lines(read_markdown(case["input"]), title=case.get("title"))
    expect = case["expect"]
    if "headline" in expect:
        headlines = _texts(cleaned.blocks, BlockKind.HEADLINE)
        assert (headlines[0] if headlines else None) == expect["headline"]
    if "body" in expect:
        assert _texts(cleaned.blocks, BlockKind.BODY) == expect["body"]
    if "captions" in expect:
        assert _texts(cleaned.blocks, BlockKind.CAPTION) == expect["captions"]
    text = "\n\n".join(t for _, t in cleaned.blocks)
    for phrase in case.get("absent", []):
        assert phrase not in text


def _one(path: Path) -> Document:
    (item,) = list(read_sources([path]))
    assert isinstance(item, SourceItem)
    return build_document(item)


def _kind(doc: Document, kind: BlockKind) -> list[str]:
    return [doc.text[b.start : b.end] for b in doc.blocks if b.kind is kind]


def test_block_offsets_are_exact() -> None:
    doc = _one(FIXTURES / "scraped_article.md")
    assert doc.text == "\n\n".join(doc.text[b.start : b.end] for b in doc.blocks)
    for a, b in zip(doc.blocks, doc.blocks[1:], strict=False):
        assert doc.text[a.end : b.start] == "\n\n"
    assert doc.blocks[0].start == 0 and doc.blocks[-1].end == len(doc.text)


def test_scraped_markdown_fixture() -> None:
    doc = _one(FIXTURES / "scraped_article.md")
    assert _kind(doc, BlockKind.HEADLINE) == ["Flooding forces thousands from homes along the Varna river"]
    captions = _kind(doc, BlockKind.CAPTION)
    assert len(captions) == 2
    assert captions[0].startswith("Residents wade through") and captions[0].endswith("(Photo: Dan Pirie/Courier)")
    assert captions[1].startswith("File photo:")
    body = _kind(doc, BlockKind.BODY)
    assert len(body) == 4
    assert body[-1].endswith("treated for hypothermia.")
    for furniture in ("World", "Share this", "Advertisement", "Read more", "newsletter", "Related:", "©",
                      "comment", "0/500", "Lena Marsh", "Posted on", "Updated", "@", "spacer"):
        assert furniture not in doc.text
    assert doc.published.source == "published-line"
    assert doc.published.value is not None and doc.published.value.isoformat() == "2026-03-04"


def test_html_page_keeps_the_article_and_its_figure_caption_only() -> None:
    doc = _one(FIXTURES / "page_with_furniture.html")
    assert _kind(doc, BlockKind.HEADLINE) == ["Port strike halts grain shipments"]
    assert _kind(doc, BlockKind.CAPTION) == [
        "Cranes stand idle at the container terminal on Monday. (Photo: Tom Reyes/Harbour Ledger)"
    ]
    body = _kind(doc, BlockKind.BODY)
    assert len(body) == 4 and body[0].startswith("ROTTERDAM, Nov 5 (Ledger) - Dock workers")
    for furniture in ("Home", "cookies", "Log in", "outrageous", "disgrace", "grainwatcher", "Privacy",
                      "All rights reserved", "Share this", "Maria Okafor"):
        assert furniture not in doc.text
    assert doc.title == "Port strike halts grain shipments"
    assert doc.outlet == "The Harbour Ledger"
    assert doc.url == "https://ledger.example.org/world/2024/11/06/port-strike"
    assert doc.text.count("Port strike halts grain shipments") == 1


def test_hard_wrapped_text_fixture() -> None:
    doc = _one(FIXTURES / "hard_wrapped.txt")
    body = _kind(doc, BlockKind.BODY)
    assert body == [
        "Rail workers voted on Friday to end a two-week strike that had halted most freight and passenger "
        "trains, after the government agreed to a phased pay rise over three years.",
        "Union leaders said 71 percent of members backed the deal. Trains are expected to run normally "
        "again from Monday.",
    ]


def test_content_hash_recognises_the_same_content() -> None:
    a = build_document(SourceItem("a.txt", "text", "Headline here\n\nThe talks ended on Monday.\n", "a"))
    scraped = "# Headline here\n\nThe talks ended on Monday.\n\nShare this article"
    b = build_document(SourceItem("b.md", "markdown", scraped, "b"))
    c = build_document(SourceItem("c.txt", "text", "Headline here\n\nThe talks ended on Tuesday.\n", "c"))
    assert a.content_hash == b.content_hash != c.content_hash
    assert len(a.content_hash) == 64


_PARA1 = "<p>Temperatures passed 44C in several cities on Sunday, the weather service said.</p>"
_PARA2 = "<p>Hospitals reported more admissions for heatstroke, and officials urged people to stay indoors.</p>"
_CAPTION = "A man cools off in a fountain in the city centre on Sunday."


@pytest.mark.parametrize(
    ("figure", "caption"),
    [
        ('<figure><picture><source srcset="/i/h-800.webp 800w"><img src="/i/h.jpg" alt=""></picture>'
         f'<figcaption><span>{_CAPTION}</span> <span class="credit">Jane Roe/Meridian</span></figcaption></figure>',
         f"{_CAPTION} Jane Roe/Meridian"),
        ('<figure><img data-src="/i/h.jpg" src="data:image/gif;base64,R0lGOD">'
         f"<figcaption>{_CAPTION} (Meridian)</figcaption></figure>",
         f"{_CAPTION} (Meridian)"),
        (f'<div class="image"><img src="/i/h.jpg" alt="{_CAPTION[:-1]}">'
         f'<p class="caption">{_CAPTION} [MERIDIAN]</p></div>',
         f"{_CAPTION} [MERIDIAN]"),
    ],
    ids=["picture-with-credit", "lazy-image", "div-caption-after-alt"],
)
def test_html_figure_captions(figure: str, caption: str) -> None:
    html = f"<html><body><article><h1>Heatwave grips south</h1>{_PARA1}{figure}{_PARA2}</article></body></html>"
    doc = build_document(SourceItem("heat.html", "html", html, "heat"))
    assert _kind(doc, BlockKind.CAPTION) == [caption]
    assert len(_kind(doc, BlockKind.BODY)) == 2
    assert doc.text.count(_CAPTION) == 1


def test_html_comments_related_links_and_share_buttons_inside_the_article_are_dropped() -> None:
    doc = _one(FIXTURES / "page_comments_in_article.html")
    assert _kind(doc, BlockKind.HEADLINE) == ["Bridge collapse kills four"]
    body = _kind(doc, BlockKind.BODY)
    assert [p.split(" ")[0] for p in body] == ["A", "Engineers", "The"]
    for furniture in ("Shocking", "cousin", "comments", "Related", "Inspections", "Facebook", "cookies", "Sport"):
        assert furniture not in doc.text
    assert (doc.published.source, str(doc.published.value)) == ("meta-tag", "2023-09-12")



_LIVE_ITEMS = [
    "The ferry service between the two ports has been suspended since early May, after a row over fishing permits.",
    "Ministers of both countries met in Mombasa last Thursday but failed to agree on a new quota.",
    "Coast guard patrols were doubled along the lake shore a fortnight ago.",
]
_LIVE_ENTRIES = [
    ("14:10", "Delegations arrive",
     "<p>The Ugandan delegation arrived in Kisumu shortly after noon, officials said, and talks began an hour later."
     "</p><p>A Kenyan official said the first session would deal with the permit fees charged to fishermen crossing"
     " the border on the lake.</p>"),
    ("12:30", "Catch up: how we got here", "<ul>" + "".join(f"<li>{t}</li>" for t in _LIVE_ITEMS) + "</ul>"),
    ("11:40", "Fishermen wait for news",
     "<p>In Busia, fishermen who have not been out on the lake for a week gathered around radios at the landing"
     " beach, hoping for a deal that would let them return to work.</p><p>'We cannot feed our families on"
     " promises,' said one boat owner, who asked not to be named.</p>"),
    ("10:05", "Good morning",
     "<p>Welcome to our live coverage of the talks between Kenya and Uganda on fishing rights in Lake Victoria. We"
     " will bring you reactions from Nairobi and Kampala throughout the day.</p>"),
]  # fmt: skip


def test_html_live_blog_keeps_its_bullet_points_and_drops_menus() -> None:
    # trafilatura drops the "how we got here" list of a live blog; its sentences are the article's
    entries = "".join(
        f'<article class="entry"><span class="entry-time">{time}</span><h3>{head}</h3>{body}</article>'
        for time, head, body in _LIVE_ENTRIES
    )
    html = (
        "<html><head><title>LIVE: Lake talks resume</title></head><body><header><nav><ul>"
        "<li><a href='/'>Home</a></li><li><a href='/world'>World news from our correspondents everywhere</a></li>"
        f"</ul></nav></header><main><h1>Lake talks resume in Kisumu</h1><section>{entries}</section></main>"
        "<aside><h4>More live coverage</h4><ul><li><a href='/live/a'>LIVE: Fishermen protest in Busia over new"
        " permit fees and lake patrols.</a></li></ul></aside><footer><p>All rights reserved.</p></footer></body></html>"
    )
    doc = build_document(SourceItem("live.html", "html", html, "live"))
    body = _kind(doc, BlockKind.BODY)
    at = body.index(_LIVE_ITEMS[0])
    assert body[at : at + 3] == _LIVE_ITEMS  # in page order, after the entry above them
    # (with its heading, which trafilatura dropped with the list, as the other entries have theirs)
    assert body[at - 1] == "Catch up: how we got here" and body[at - 2].startswith("A Kenyan official")
    assert body[at + 3] == "Fishermen wait for news"
    for furniture in ("Home", "World news", "More live coverage", "Fishermen protest", "All rights"):
        assert furniture not in doc.text


def test_html_live_blog_of_sibling_articles_keeps_every_entry() -> None:
    # trafilatura keeps only the first <article> of some pages made of short sibling posts
    posts = [
        ("10:42", "Sudan's envoy arrived in Addis Ababa this morning for a second round of talks."),
        ("09:15", "Ethiopian artillery shelled Sudanese positions near Gallabat overnight, the army said."),
        ("08:05", "Sudan recalled its ambassador from Addis Ababa on Monday, the foreign ministry said."),
    ]
    entries = "".join(f"<article><p><b>{time}</b> {text}</p></article>" for time, text in posts)
    html = (
        "<html><head><title>Border crisis live</title></head><body><header><a href='/'>Example News</a></header>"
        f"<h1>Border crisis live: talks resume</h1>{entries}<footer><p>Copyright</p></footer></body></html>"
    )
    body = _kind(build_document(SourceItem("live.html", "html", html, "live")), BlockKind.BODY)
    found = [next(i for i, b in enumerate(body) if text in b) for _, text in posts]
    assert found == sorted(found)  # every post, in page order


def test_html_teaser_cards_beside_the_article_stay_out() -> None:
    story = (
        "<article><h1>Sudan recalls its ambassador from Ethiopia</h1><p>Sudan recalled its ambassador from Addis"
        " Ababa on Monday after Ethiopian artillery shelled positions near Gallabat, the foreign ministry said.</p>"
        "<p>The ministry accused Ethiopia of violating the 1902 border agreement and called on the African Union"
        " to intervene before the fighting spread along the frontier.</p></article>"
    )
    cards = "".join(
        f"<article class='card'><a href='/{n}'><h3>{head}</h3></a><p><a href='/{n}'>{summary}</a></p></article>"
        for n, head, summary in (
            ("a", "Floods hit Kassala as the rainy season begins early", "Thousands of families were displaced."),
            ("b", "Markets in Khartoum rally after a surprise rate cut", "Shares rose for the third day in a row."),
        )
    )
    html = f"<html><head><title>Sudan recalls envoy</title></head><body><div>{story}{cards}</div></body></html>"
    doc = build_document(SourceItem("story.html", "html", html, "story"))
    assert "recalled its ambassador" in doc.text and "African Union" in doc.text
    for teaser in ("Floods hit Kassala", "families were displaced", "Markets in Khartoum", "third day"):
        assert teaser not in doc.text


def test_html_timeline_table_rows_become_dated_items() -> None:
    # trafilatura leaves every table out; a timeline's rows (date, who, what happened) are the page's news
    rows = [
        ("4 Feb", "Chad", "Chad closes its border with Sudan after shelling near Adré."),
        ("9–10 Feb", "Sudan", "Overnight drone strike on a fuel depot in El Geneina; three guards killed."),
    ]
    body = "".join(f"<tr><td>{d}</td><td>{who}</td><td>{what}</td></tr>" for d, who, what in rows)
    figures = "<table><tr><th>Year</th><th>Refugees</th></tr><tr><td>2023</td><td>410,000</td></tr></table>"
    html = (
        "<html><head><title>Chad-Sudan tracker</title></head><body><nav><a href='/'>Home</a></nav><main>"
        "<h1>Chad-Sudan border tracker</h1><p>This tracker lists the main events on the border, compiled from"
        " official statements and media reports.</p>"
        f"<table><thead><tr><th>Date</th><th>Country</th><th>Event</th></tr></thead><tbody>{body}</tbody></table>"
        f"{figures}<p>Figures may be revised as new reports come in from the border towns.</p></main></body></html>"
    )
    body_blocks = _kind(build_document(SourceItem("tracker.html", "html", html, "tracker")), BlockKind.BODY)
    at = body_blocks.index("4 Feb")
    assert body_blocks[at : at + 4] == ["4 Feb", rows[0][2], "9–10 Feb", rows[1][2]]
    assert "Chad" not in body_blocks and "410,000" not in " ".join(body_blocks)  # the who-cell; a table of figures
    assert body_blocks[-1].startswith("Figures may be revised")


def test_list_lines_opening_with_a_date_are_a_timeline_but_one_such_line_is_not() -> None:
    timeline = ("# Lake crisis: a timeline\n\n- 4 Nov: Uganda expels Kenya's ambassador from Kampala.\n"
                "- 6 Nov - Gendarmes arrest two Kenyan journalists in Busia.\n"
                "- Note: figures are provisional.\n")  # fmt: skip
    blocks = _kind(build_document(SourceItem("t.md", "markdown", timeline, "t")), BlockKind.BODY)
    assert blocks[:4] == ["4 Nov", "Uganda expels Kenya's ambassador from Kampala.", "6 Nov",
                          "Gendarmes arrest two Kenyan journalists in Busia."]  # fmt: skip
    assert "Note: figures are provisional." in blocks  # no date: stays as it was
    report = ("Kenya recalls envoy\n\nNairobi recalled its ambassador on Tuesday.\n\n"
              "5 Nov: the date the talks were due to open, officials said.\n")  # fmt: skip
    body = _kind(build_document(SourceItem("r.txt", "text", report, "r")), BlockKind.BODY)
    assert "5 Nov: the date the talks were due to open, officials said." in body



def test_a_timelines_first_day_near_the_top_is_no_time_stamp() -> None:
    """An explainer's timeline opening a few lines below its "Last updated" line: the first row's
    day stays the row's heading, and the page's date is the updated one, not that day."""
    text = ("# Explainer: a year of the lake dispute\n\n*Explainer desk · Last updated 27 February 2023*\n\n"
            "## Timeline\n\n**Wednesday, Aug. 31, 2022** — The two presidents meet in Arusha.\n\n"
            "**Tuesday, Sept. 13, 2022** — Ugandan gendarmes seize four Kenyan boats.\n")  # fmt: skip
    doc = build_document(SourceItem(origin="x.md", fmt="markdown", content=text, default_id="x"))
    assert (doc.published.value.isoformat(), doc.published.source) == ("2023-02-27", "published-line")
    assert _kind(doc, BlockKind.BODY)[:2] == ["Wednesday, Aug. 31, 2022", "The two presidents meet in Arusha."]

# list timelines in other shapes: (Markdown, body blocks); a line with no date stays as it was
TIMELINE_SHAPES = [
    # the en dash between two numbers is part of the date, the one after it opens the item
    ("- **14–16 May** – Two ferries are seized off Kisumu.\n"
     "- **20 May** – Uganda recalls its ambassador from Nairobi.\n",
     ["14–16 May", "Two ferries are seized off Kisumu.", "20 May", "Uganda recalls its ambassador from Nairobi."]),
    # a full stop closes the date before a capital; not "Dr." before a name
    ("- **4 Nov.** Uganda expels Kenya's ambassador from Kampala.\n"
     "- **6 Nov.** Gendarmes arrest two Kenyan journalists in Busia.\n"
     "- Dr. Okello says the talks will resume on Monday next week.\n",
     ["4 Nov", "Uganda expels Kenya's ambassador from Kampala.", "6 Nov",
      "Gendarmes arrest two Kenyan journalists in Busia.",
      "Dr. Okello says the talks will resume on Monday next week."]),
]  # fmt: skip


@pytest.mark.parametrize(("lines", "expected"), TIMELINE_SHAPES)
def test_timeline_lines_in_other_shapes(lines: str, expected: list[str]) -> None:
    timeline = "# Lake crisis: a timeline\n\n" + lines
    assert _kind(build_document(SourceItem("t.md", "markdown", timeline, "t")), BlockKind.BODY) == expected


# a masthead line near the top, the publication date it gives, and a word of it that must leave the text
MASTHEADS = [
    ("**Gulf Courier** · Middle East desk · Saturday 13 January 2024", "2024-01-13", "Middle East desk"),
    ("*Delta Business Review* — **Monday, 12 February 2024**", "2024-02-12", "Delta Business Review"),  # a dash
    # a newsroom credit beside the stamp, the whole line over a hundred characters
    ("Posted Saturday 13 January 2024 at 10:20 (local time) | LKR newsroom, with correspondents in Port Amani",
     "2024-01-13", "LKR newsroom"),
    ("Saturday, 13 January 2024 | Politics | Print edition page 1", "2024-01-13", "Print edition"),
    # an outlet's "staff and agencies" credit; a writer with the place she files from
    ("*Delta Courier staff and agencies — Wednesday 5 October 2022 10.15 CEST*", "2022-10-05", "staff and agencies"),
    ("**Gulf Courier** · Amina Odhiambo-Were in Kisumu · Published 16.02.2023, 08:15", "2023-02-16", "Odhiambo-Were"),
]


@pytest.mark.parametrize(("masthead", "day", "furniture"), MASTHEADS)
def test_a_masthead_line_with_outlet_and_date_is_the_publication_stamp(masthead: str, day: str, furniture: str) -> None:
    text = (
        "# Navy destroys drone boats off Hodeidah\n\n"
        f"{masthead}\n\n"
        "*By Jane Roe*\n\n"
        "A destroyer sank two drone boats off Hodeidah on Saturday, the navy said.\n"
    )
    doc = build_document(SourceItem(origin="m.md", fmt="markdown", content=text, default_id="m"))
    assert (doc.published.value.isoformat(), doc.published.source) == (day, "published-line")
    assert furniture not in doc.text


def test_a_masthead_label_beside_a_date_without_a_year_is_no_stamp() -> None:
    text = "# Navy destroys drone boats\n\nGulf Courier · Monday\n\nA destroyer sank two drone boats on Monday.\n"
    doc = build_document(SourceItem(origin="m.md", fmt="markdown", content=text, default_id="m"))
    assert doc.published.source != "published-line"
