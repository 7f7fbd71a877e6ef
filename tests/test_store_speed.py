"""Storing a document reads the actor registry once per document where it can (the words of
its names, the states it names), and what it learns early in a document is seen later in the
same document.  Hand-built analyses of invented articles (tests/test_actors_registry.py)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import pytest
from sqlalchemy import event
from test_actors_registry import CHILE, CLOCK, NORWAY, Ent, Prebuilt, article, ingest, refs

from dateline.api import Dateline
from dateline.records import EntityKind
from dateline.settings import Settings


@pytest.fixture
def dl(db_url: str) -> Iterator[Dateline]:
    with Dateline(db_url, Settings(), pipeline=Prebuilt([]), clock=CLOCK) as d:
        yield d


def test_a_surname_entity_after_its_full_name_in_one_article_is_the_same_person(dl: Dateline) -> None:
    full, alone = Ent("Amara Okonjo", country="NGA"), Ent("Okonjo")
    text = "Amara Okonjo met Chile. Later Okonjo praised Norway."
    ingest(dl, article("a1", date(2024, 2, 2), text, [full, alone, CHILE, NORWAY],
                       [(full, "met", CHILE), (alone, "praised", NORWAY)]))  # fmt: skip
    assert [r[1] for r in refs(dl, "a1")] == ["person:amara-okonjo", "person:amara-okonjo"]


def test_a_merge_inside_an_article_leads_later_names_to_the_kept_person(dl: Dateline) -> None:
    alone = Ent("Okonjo")
    ingest(dl, article("g1", date(2024, 2, 1), "Okonjo met Chile.", [alone, CHILE], [(alone, "met", CHILE)]))
    full, again = Ent("Amara Okonjo", country="NGA"), Ent("Okonjo")
    text = "Amara Okonjo met Chile. Okonjo praised Norway."
    ingest(dl, article("g2", date(2024, 2, 2), text, [full, again, CHILE, NORWAY],
                       [(full, "met", CHILE), (again, "praised", NORWAY)]))  # fmt: skip
    assert {r[1] for r in refs(dl, "g1") + refs(dl, "g2")} == {"person:amara-okonjo"}
    assert dl.actor("person:okonjo").id == "person:amara-okonjo"


def test_bodies_and_persons_learned_in_one_article_get_their_aliases_once(dl: Dateline) -> None:
    ministry = Ent("Defence Ministry", EntityKind.ORGANISATION, "NOR", aliases=("Norwegian Defence Ministry",))
    person = Ent("Ingrid Vasslund", country="NOR", aliases=("Vasslund",))
    text = "Ingrid Vasslund met the Defence Ministry. Vasslund praised the Norwegian Defence Ministry."
    ingest(dl, article("b1", date(2024, 3, 1), text, [person, ministry],
                       [(person, "met", ministry), (person, "praised", ministry)]))  # fmt: skip
    ingest(dl, article("b2", date(2024, 3, 2), text.replace("met", "called"), [person, ministry],
                       [(person, "called", ministry), (person, "praised", ministry)]))  # fmt: skip
    v = dl.actor("Vasslund")
    assert v.id == "person:ingrid-vasslund"
    assert {a.alias for a in v.aliases} | {v.name} == {"Ingrid Vasslund", "Vasslund"}
    body = {r[3] for r in refs(dl, "b1") + refs(dl, "b2")}
    assert len(body) == 1 and None not in body


@pytest.fixture
def statements(dl: Dateline) -> Iterator[list[str]]:
    seen: list[str] = []

    def record(conn: object, cursor: object, statement: str, *_: object) -> None:
        seen.append(" ".join(statement.split()))

    engine = dl.store(create=True).engine
    event.listen(engine, "before_cursor_execute", record)
    yield seen
    event.remove(engine, "before_cursor_execute", record)


def test_storing_an_article_reads_the_name_index_once_whatever_its_persons(
    dl: Dateline, statements: list[str]
) -> None:
    dl.seed_actors()
    people = [Ent(n, country="NOR") for n in ("Ingrid Vasslund", "Per Aune", "Kari Lunde", "Odd Strand")]
    text = " ".join(f"{p.name} met Chile." for p in people)
    statements.clear()
    ingest(dl, article("s1", date(2024, 3, 1), text, [*people, CHILE], [(p, "met", CHILE) for p in people]))
    word_reads = [s for s in statements if s.startswith("SELECT") and "FROM name_words" in s]
    word_writes = [s for s in statements if s.startswith("INSERT INTO name_words")]
    alias_rereads = [s for s in statements if s.startswith("SELECT actor_aliases.alias FROM actor_aliases WHERE")]
    assert len(word_reads) == 1  # not one per person
    assert len(word_writes) == 1  # the words of the eight new aliases, at the end of the document
    assert alias_rereads == []  # a new actor gets its aliases in one insert, a found one with its candidates
    assert {r[1] for r in refs(dl, "s1")} == {"person:ingrid-vasslund", "person:per-aune", "person:kari-lunde",
                                              "person:odd-strand"}  # fmt: skip
