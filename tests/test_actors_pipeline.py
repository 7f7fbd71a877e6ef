"""The actor registry behind the real pipeline, on short invented articles: a person across
articles, a surname NER calls a body, a description resolved to the office holder, a metonym."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from dateline.api import Dateline
from dateline.pipeline import Pipeline
from dateline.settings import Settings
from dateline.store import schema as S

pytestmark = pytest.mark.slow

ARTICLES = {
    "a1.txt": """Norway and Chile agree to fisheries talks

Published: 2 May 2024

Norwegian Foreign Minister Ingrid Vasslund met Chilean Foreign Minister Tomas Ruiz in Oslo on Thursday. \
Vasslund said the two countries would sign a fisheries agreement next month.
""",
    "a2.txt": """Norwegian envoy in Santiago

Published: 9 May 2024

Norway's top diplomat arrived in Santiago on Wednesday for talks with Chilean officials.
""",
    "b1.txt": """Envoy in Abuja

Published: 3 April 2023

U.S. Secretary of State Marcus Hale met Nigerian President Bola Adeyemi in Abuja on Monday. \
Former Defense Minister Ivan Dorosh criticised the visit.
""",
    "b2.txt": """Talks in Accra

Published: 12 April 2023

America's top diplomat arrived in Accra on Tuesday for talks with Ghana's president.
""",
    "a3.txt": """Fisheries deal signed

Published: 14 May 2024

Vasslund signed the agreement with Chile on Monday. The Kremlin criticised the deal on Tuesday.
""",
}


@pytest.fixture(scope="module")
def dl(tmp_path_factory: pytest.TempPathFactory, pipeline: Pipeline) -> Dateline:
    root = tmp_path_factory.mktemp("actors")
    (root / "in").mkdir()
    for name, text in ARTICLES.items():
        (root / "in" / name).write_text(text, encoding="utf-8")
    d = Dateline(root / "t.db", Settings(), pipeline=pipeline)
    d.ingest([root / "in"])
    return d


def actor_ids(dl: Dateline, doc: str) -> dict[str, str | None]:
    with dl.store().engine.connect() as conn:
        q = select(S.reports.c.actor_name, S.reports.c.actor_id).where(S.reports.c.doc_id == doc)
        return {name: actor for name, actor in conn.execute(q)}


def test_names_surnames_and_descriptions_resolve_to_one_person(dl: Dateline) -> None:
    person = dl.actor("Ingrid Vasslund")
    assert person.country == "NOR"
    assert [(r.role, r.country) for r in person.roles if r.source == "learned"] == [("foreign minister", "NOR")]
    assert actor_ids(dl, "a1")["Ingrid Vasslund"] == person.id
    assert person.id in actor_ids(dl, "a2").values()  # "Norway's top diplomat"
    assert person.id in actor_ids(dl, "a3").values()  # "Vasslund", which NER calls a body
    assert dl.actor("Norway's top diplomat", on="2024-05-09").id == person.id
    by_actor = {e.id for e in dl.events(actor="Vasslund")}
    assert {e.id for e in dl.events(doc="a2")} & by_actor


def test_a_metonym_is_its_state(dl: Dateline) -> None:
    assert "state:RUS" in actor_ids(dl, "a3").values()
    assert dl.actor("the Kremlin").id == "state:RUS"


def test_a_title_read_into_a_body_name_still_teaches_the_office(dl: Dateline) -> None:
    # NER reads "Secretary of State Marcus Hale" as a body "State Marcus Hale"
    hale = dl.actor("Marcus Hale")
    assert [(r.role, r.country) for r in hale.roles] == [("foreign minister", "USA")]
    assert hale.id in actor_ids(dl, "b1").values()
    assert hale.id in actor_ids(dl, "b2").values()  # "America's top diplomat", nine days later
    assert dl.actor("Ivan Dorosh").roles == ()  # a former minister holds no office

