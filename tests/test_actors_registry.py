"""The actor registry over the store, with hand-built analyses of invented articles:
seeding, persons across documents, roles with dates, descriptions, user edits, imports,
filters, and the CLI commands."""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from click.testing import CliRunner
from sqlalchemy import select

from dateline.api import Dateline
from dateline.cli import cli
from dateline.errors import InvalidQuery, NotFound
from dateline.records import (
    Analysis,
    Block,
    BlockKind,
    Document,
    Entity,
    EntityKind,
    Event,
    EventDate,
    Evidence,
    Mention,
    Party,
    PublicationDate,
    Sentence,
)
from dateline.settings import Settings
from dateline.store import schema as S

CLOCK = lambda: datetime(2025, 1, 1, tzinfo=UTC)  # noqa: E731
LABEL = {EntityKind.PERSON: "PERSON", EntityKind.STATE: "GPE", EntityKind.ORGANISATION: "ORG"}


# --------------------------------------------------------------------------- building articles


class Ent:
    """An entity of a hand-built article: its names are found in the text as mentions."""

    def __init__(self, name: str, kind: EntityKind = EntityKind.PERSON, country: str | None = None,
                 aliases: tuple[str, ...] = (), titles: tuple[str, ...] = ()) -> None:  # fmt: skip
        self.name, self.kind, self.country, self.aliases, self.titles = name, kind, country, aliases, titles


def party(e: Ent | None, ents: list[Ent]) -> Party | None:
    if e is None:
        return None
    return Party(e.name, e.kind.value, e.aliases, e.country, ents.index(e))


def article(doc_id: str, day: date | None, text: str, ents: list[Ent],
            events: Iterable[tuple[Ent | Party | None, str, Ent | Party | None]]) -> Analysis:  # fmt: skip
    """One sentence per event: (actor, trigger word, recipient); a Party is passed as is (a
    group or description the coder built without an entity)."""
    doc = Document(
        id=doc_id, text=text, blocks=(Block(BlockKind.BODY, 0, len(text)),),
        published=PublicationDate(day, "metadata" if day else "none", "", 0.9 if day else 0.0),
        content_hash=f"h-{doc_id}-{hash(text)}", origin=f"corpus/{doc_id}.txt", title=doc_id,
    )  # fmt: skip
    sentences = [m for m in re.finditer(r"[^.]+\.", text)]
    mentions: list[Mention] = []
    for i, e in enumerate(ents):
        for n in sorted({e.name, *e.aliases}, key=len, reverse=True):
            for m in re.finditer(rf"\b{re.escape(n)}\b", text):
                if not any(x.start <= m.start() < x.end for x in mentions):
                    mentions.append(Mention(m.start(), m.end(), n, LABEL.get(e.kind, "ORG"), i))
    out: list[Event] = []
    for actor, trigger, recipient in events:
        s = next(s for s in sentences if re.search(rf"\b{trigger}\b", s.group()))
        t = s.start() + re.search(rf"\b{trigger}\b", s.group()).start()  # type: ignore[union-attr]
        out.append(Event(
            type="CONSULT", mode=None,
            actor=actor if isinstance(actor, Party) or actor is None else party(actor, ents),
            recipient=recipient if isinstance(recipient, Party) or recipient is None else party(recipient, ents),
            location=None, date=EventDate(day.isoformat() if day else None, day, day, "day", None, "report-date"),
            quantities=(), evidence=Evidence(0, s.start(), s.end(), t, t + len(trigger), trigger),
            confidence=0.8, rule="test",
        ))  # fmt: skip
    entities = tuple(Entity(i, e.name, e.kind, e.aliases, e.country, e.titles) for i, e in enumerate(ents))
    sents = tuple(Sentence(i, s.start(), s.end(), BlockKind.BODY) for i, s in enumerate(sentences))
    return Analysis(doc, sents, (), tuple(sorted(mentions, key=lambda m: m.start)), entities, tuple(out))


class Prebuilt:
    """A pipeline that hands back the analyses it was given."""

    def __init__(self, analyses: Iterable[Analysis]) -> None:
        self.by_id = {a.document.id: a for a in analyses}

    def analyse_many(self, documents: Iterable[Document]) -> Iterator[Analysis]:
        for d in documents:
            yield self.by_id[d.id]


def ingest(dl: Dateline, *analyses: Analysis) -> None:
    dl._pipeline = Prebuilt(analyses)
    dl.ingest_documents([a.document for a in analyses])


@pytest.fixture
def dl(db_url: str) -> Iterator[Dateline]:
    with Dateline(db_url, Settings(), pipeline=Prebuilt([]), clock=CLOCK) as d:
        yield d


def refs(dl: Dateline, doc_id: str) -> list[tuple[str | None, str | None, str | None, str | None]]:
    with dl.store().engine.connect() as conn:
        q = select(S.reports.c.actor_name, S.reports.c.actor_id, S.reports.c.recipient_name, S.reports.c.recipient_id)
        return [
            tuple(r) for r in conn.execute(q.where(S.reports.c.doc_id == doc_id).order_by(S.reports.c.trigger_start))
        ]


NORWAY = Ent("Norway", EntityKind.STATE, "NOR")
CHILE = Ent("Chile", EntityKind.STATE, "CHL")


def vasslund_article(doc_id: str = "n1", day: date = date(2024, 3, 1)) -> Analysis:
    ingrid = Ent("Ingrid Vasslund", country="NOR", aliases=("Vasslund",), titles=("Foreign Minister",))
    chile = Ent("Chile", EntityKind.STATE, "CHL")
    text = "Norwegian Foreign Minister Ingrid Vasslund met Chile in Oslo. Vasslund praised Chile."
    return article(doc_id, day, text, [ingrid, chile], [(ingrid, "met", chile), (ingrid, "praised", chile)])


def described_article(doc_id: str, day: date, phrase: str = "Norway's top diplomat") -> Analysis:
    chile = Ent("Chile", EntityKind.STATE, "CHL")
    desc = Party(f"Norway {phrase.split()[-1]}", "group", ("Norway",), "NOR")  # as the coder names it
    text = f"{phrase} visited Chile on Monday."
    return article(doc_id, day, text, [chile], [(desc, "visited", chile)])


# --------------------------------------------------------------------------- seeding and states


def test_states_are_seeded_with_names_demonyms_capitals_and_metonyms(dl: Dateline) -> None:
    assert dl.seed_actors() > 200
    assert dl.seed_actors() == 0  # idempotent
    assert dl.actor("the Kremlin").id == "state:RUS"
    assert dl.actor("French").id == "state:FRA"
    assert dl.actor("Paris").id == "state:FRA"
    assert dl.actor("Elysee").id == "state:FRA"
    assert dl.actor("NATO").kind == "organisation"
    listed = dl.actors(kind="state", include_unused=True)
    assert any(a.id == "state:NOR" for a in listed)
    assert dl.actors(kind="state") == []  # no event references a state yet


def test_state_parties_point_at_the_state(dl: Dateline) -> None:
    ingest(dl, vasslund_article())
    assert {r[3] for r in refs(dl, "n1")} == {"state:CHL"}
    assert [a.id for a in dl.actors(kind="state")] == ["state:CHL"]


# --------------------------------------------------------------------------- persons


def test_full_names_and_surnames_across_articles_are_one_person(dl: Dateline) -> None:
    ingest(dl, vasslund_article())
    alone = Ent("Vasslund")
    ingest(dl, article("n2", date(2024, 3, 4), "Vasslund met Chile again.", [alone, CHILE], [(alone, "met", CHILE)]))
    first = {r[1] for r in refs(dl, "n1")}
    assert first == {r[1] for r in refs(dl, "n2")} == {"person:ingrid-vasslund"}
    v = dl.actor("Vasslund")
    assert v.name == "Ingrid Vasslund" and v.country == "NOR"
    assert v.n_as_actor == len({e.id for e in dl.events() if e.actor and e.actor.actor_id == v.id}) > 0


def test_a_surname_two_persons_share_stays_unresolved(dl: Dateline) -> None:
    a, b = Ent("Jon Hald", country="DNK"), Ent("Mette Hald", country="DNK")
    ingest(dl, article("d1", date(2024, 1, 1), "Jon Hald met Mette Hald.", [a, b], [(a, "met", b)]))
    alone = Ent("Hald", country="DNK")
    ingest(dl, article("d2", date(2024, 1, 2), "Hald met Chile.", [alone, CHILE], [(alone, "met", CHILE)]))
    assert refs(dl, "d2") == [("Hald", None, "Chile", "state:CHL")]
    with pytest.raises(InvalidQuery, match="several actors"):
        dl.actor("Hald")


def test_a_surname_of_another_country_is_not_merged(dl: Dateline) -> None:
    ingest(dl, vasslund_article())
    other = Ent("Vasslund", country="CHL")
    ingest(dl, article("c1", date(2024, 3, 2), "Vasslund met Norway.", [other, NORWAY], [(other, "met", NORWAY)]))
    assert refs(dl, "c1")[0][1] not in (None, "person:ingrid-vasslund")


def test_a_surname_learned_first_joins_the_full_name_later(dl: Dateline) -> None:
    alone = Ent("Okonjo")
    ingest(dl, article("g1", date(2024, 2, 1), "Okonjo met Chile.", [alone, CHILE], [(alone, "met", CHILE)]))
    assert refs(dl, "g1")[0][1] == "person:okonjo"
    full = Ent("Amara Okonjo", country="NGA")
    ingest(dl, article("g2", date(2024, 2, 2), "Amara Okonjo met Chile.", [full, CHILE], [(full, "met", CHILE)]))
    assert refs(dl, "g1")[0][1] == refs(dl, "g2")[0][1] == "person:amara-okonjo"
    assert dl.actor("person:okonjo").id == "person:amara-okonjo"  # the old id leads to the full name
    restored = dl.split_actor("Amara Okonjo", "Okonjo")  # a learned merge is undone like a user's
    assert restored.id == "person:okonjo" and refs(dl, "g1")[0][1] == "person:okonjo"


def test_a_surname_tagged_as_a_body_is_the_person(dl: Dateline) -> None:
    ingest(dl, vasslund_article())
    slip = Ent("Vasslund", EntityKind.ORGANISATION)
    ingest(dl, article("s1", date(2024, 3, 3), "Vasslund met Chile.", [slip, CHILE], [(slip, "met", CHILE)]))
    assert refs(dl, "s1")[0][1] == "person:ingrid-vasslund"


def test_bodies_of_different_states_stay_apart_and_meet_across_articles(dl: Dateline) -> None:
    bare = Ent("Defence Ministry", EntityKind.ORGANISATION)
    text = "The Defence Ministry met Chile."
    as_norway = Party("Defence Ministry", "organisation", (), "NOR", 0)  # the coder's state from context
    as_chile = Party("Defence Ministry", "organisation", (), "CHL", 0)
    ingest(dl, article("b1", date(2024, 1, 1), text, [bare, CHILE], [(as_norway, "met", CHILE)]))
    ingest(dl, article("b2", date(2024, 1, 2), text + " ", [bare, CHILE], [(as_chile, "met", CHILE)]))
    named = Ent("Norwegian Defence Ministry", EntityKind.ORGANISATION, "NOR")
    ingest(dl, article("b3", date(2024, 1, 3), "Norwegian Defence Ministry met Chile.", [named, CHILE],
                       [(named, "met", CHILE)]))  # fmt: skip
    norway, chile, again = refs(dl, "b1")[0][1], refs(dl, "b2")[0][1], refs(dl, "b3")[0][1]
    assert norway == again == "org:norwegian-defence-ministry" and chile == "org:chilean-defence-ministry"


def test_outlets_and_places_are_not_learned_as_persons(dl: Dateline) -> None:
    herald = Ent("Fjord Herald")
    town = Ent("France")
    ingest(dl, article("o1", date(2024, 1, 1), "Fjord Herald met France.", [herald, town], [(herald, "met", town)]))
    assert dl.actors(kind="person") == []


# --------------------------------------------------------------------------- roles and descriptions


def test_titles_become_roles_bound_to_the_article_date(dl: Dateline) -> None:
    ingest(dl, vasslund_article())
    roles = dl.actor("Ingrid Vasslund").roles
    assert [(r.role, r.country, r.start, r.end, r.source) for r in roles] == [
        ("foreign minister", "NOR", date(2024, 3, 1), date(2024, 3, 1), "learned")
    ]


def test_former_titles_are_not_current_roles(dl: Dateline) -> None:
    lars = Ent("Lars Brekke", country="NOR", titles=("former Defence Minister",))
    text = "Former Defence Minister Lars Brekke met Chile."
    ingest(dl, article("f1", date(2024, 1, 1), text, [lars, CHILE], [(lars, "met", CHILE)]))
    assert dl.actor("Lars Brekke").roles == ()


def test_a_description_resolves_to_the_holder_at_the_article_date(dl: Dateline) -> None:
    ingest(dl, vasslund_article())
    ingest(dl, described_article("t1", date(2024, 3, 6)))
    ingest(dl, described_article("t2", date(2024, 3, 7), "Norway's foreign minister"))
    ingest(dl, described_article("t3", date(2024, 3, 8), "A Norwegian diplomat"))
    assert refs(dl, "t1")[0][1] == refs(dl, "t2")[0][1] == "person:ingrid-vasslund"
    assert refs(dl, "t3")[0][1] is None  # one of many diplomats
    found = {e.id for e in dl.events(actor="Vasslund")}
    assert {e.id for e in dl.events(doc="t1")} <= found  # filters follow the canonical actor
    assert dl.actor("Norway's top diplomat", on="2024-03-06").id == "person:ingrid-vasslund"


def test_the_holder_changes_with_time(dl: Dateline) -> None:
    ingest(dl, vasslund_article())
    per = Ent("Per Lund", country="NOR", titles=("Foreign Minister",))
    text = "Norwegian Foreign Minister Per Lund met Chile."
    ingest(dl, article("l1", date(2025, 1, 10), text, [per, CHILE], [(per, "met", CHILE)]))
    ingest(dl, described_article("t1", date(2024, 4, 1)), described_article("t2", date(2025, 2, 1)))
    assert refs(dl, "t1")[0][1] == "person:ingrid-vasslund"
    assert refs(dl, "t2")[0][1] == "person:per-lund"
    assert dl.actor("Norway's foreign minister", on="2025-01").id == "person:per-lund"


def test_a_description_met_before_the_role_is_resolved_later(dl: Dateline) -> None:
    ingest(dl, described_article("t1", date(2024, 3, 6)))
    assert refs(dl, "t1")[0][1] is None
    ingest(dl, vasslund_article())
    assert refs(dl, "t1")[0][1] == "person:ingrid-vasslund"
    event = dl.events(doc="t1")[0]
    assert event.actor is not None and event.actor.actor_id == "person:ingrid-vasslund"


def test_reingesting_a_changed_article_forgets_what_it_taught(dl: Dateline) -> None:
    ingest(dl, vasslund_article())
    ana = vasslund_article()
    plain = Ent("Ingrid Vasslund", country="NOR")
    text = "Ingrid Vasslund met Chile in Oslo."
    ingest(dl, article("n1", date(2024, 3, 1), text + " ", [plain, CHILE], [(plain, "met", CHILE)]))
    assert ana.document.text != text
    assert dl.actor("Ingrid Vasslund").roles == ()


# --------------------------------------------------------------------------- user edits


def test_merge_moves_references_and_split_undoes_it(dl: Dateline) -> None:
    ingest(dl, vasslund_article())
    other = Ent("I. Vasslund-Berg", country="NOR")
    ingest(dl, article("m1", date(2024, 3, 2), "I. Vasslund-Berg met Chile.", [other, CHILE], [(other, "met", CHILE)]))
    b = refs(dl, "m1")[0][1]
    assert b is not None and b != "person:ingrid-vasslund"
    before = dl.actor("Ingrid Vasslund").n_as_actor
    merged = dl.merge_actors("Ingrid Vasslund", b)
    assert merged.id == "person:ingrid-vasslund" and merged.n_as_actor == before + 1
    assert refs(dl, "m1")[0][1] == "person:ingrid-vasslund"
    assert len(dl.events(actor="Vasslund Berg")) == before + 1  # the alias now finds every event of hers
    with pytest.raises(InvalidQuery, match="already one actor"):
        dl.merge_actors("Ingrid Vasslund", b)
    back = dl.split_actor("Ingrid Vasslund", "I. Vasslund-Berg")
    assert back.id == b and refs(dl, "m1")[0][1] == b and dl.actor("Ingrid Vasslund").n_as_actor == before


def test_split_gives_an_alias_and_its_reports_an_actor(dl: Dateline) -> None:
    ingest(dl, vasslund_article())
    alone = Ent("Vasslund")
    ingest(dl, article("n2", date(2024, 3, 4), "Vasslund met Chile again.", [alone, CHILE], [(alone, "met", CHILE)]))
    new = dl.split_actor("Ingrid Vasslund", "Vasslund")
    assert new.name == "Vasslund" and new.created_by == "user"
    assert refs(dl, "n2")[0][1] == new.id and refs(dl, "n1")[0][1] == "person:ingrid-vasslund"
    with pytest.raises(NotFound):
        dl.split_actor("Ingrid Vasslund", "Nobody")


IMPORT_YAML = """\
- actor: Ingrid Vasslund
  country: NOR
  aliases: [I. Vasslund]
  roles:
    - {title: Minister of Foreign Affairs, start: 2023-01, end: 2024-06-30}
- actor: Per Lund
  kind: person
  country: NOR
  roles:
    - title: Foreign Minister
      start: 2024-07-01
- actor: Bad Kind
  kind: persn
- actor: Bad Date
  roles:
    - {title: Mayor, start: 2024-13-01}
- actor: Backwards
  roles:
    - {title: Mayor, start: 2024, end: 2023}
- actor: Nowhere
  country: XYZ
"""


def test_import_adds_aliases_and_terms_and_names_bad_rows(dl: Dateline, tmp_path: Path) -> None:
    ingest(dl, vasslund_article())
    path = tmp_path / "people.yaml"
    path.write_text(IMPORT_YAML, encoding="utf-8")
    report = dl.import_actors(path)
    assert (report.entries, report.actors_created, report.aliases_added, report.roles_added) == (2, 1, 1, 2)
    assert [e.split(":")[1] for e in report.errors] == ["12", "14", "17", "20"]
    assert "unknown kind 'persn'" in report.errors[0] and "2024-13-01" in report.errors[1]
    assert "ends" in report.errors[2] and "XYZ" in report.errors[3]
    assert dl.import_actors(path).roles_added == 0  # the same file twice adds nothing
    assert dl.actor("I. Vasslund").id == "person:ingrid-vasslund"
    # the given terms rule: after 2024-06-30 the office is Per Lund's, though only Vasslund was seen
    ingest(dl, described_article("t1", date(2024, 8, 1)), described_article("t2", date(2024, 5, 1)))
    assert refs(dl, "t1")[0][1] == "person:per-lund"
    assert refs(dl, "t2")[0][1] == "person:ingrid-vasslund"


def test_import_csv(dl: Dateline, tmp_path: Path) -> None:
    path = tmp_path / "people.csv"
    path.write_text(
        "actor,kind,country,alias,title,role_country,organisation,start,end\n"
        "Tomas Ruiz,person,CHL,T. Ruiz,,,,,\n"
        "Tomas Ruiz,,,,Foreign Minister,CHL,Foreign Ministry,2022-03-11,\n"
        ",person,CHL,,,,,,\n",
        encoding="utf-8",
    )
    report = dl.import_actors(path)
    assert (report.entries, report.actors_created, report.aliases_added, report.roles_added) == (2, 1, 1, 1)
    assert report.errors == ("people.csv:4: no actor (every entry needs 'actor': an id, a name or an alias)",)
    ruiz = dl.actor("T. Ruiz")
    assert [(r.role, r.country, r.organisation, r.start, r.end) for r in ruiz.roles] == [
        ("foreign minister", "CHL", "Foreign Ministry", date(2022, 3, 11), None)
    ]
    assert dl.actor("Chile's top diplomat", on="2024-01-01").id == ruiz.id


# --------------------------------------------------------------------------- command line


def test_actors_commands(db_url: str, tmp_path: Path) -> None:
    db = db_url

    def factory(path: str, settings: Settings) -> Dateline:
        d = Dateline(path, settings, pipeline=Prebuilt([vasslund_article(), described_article("t1", date(2024, 3, 6))]),
                     clock=CLOCK)  # fmt: skip
        return d

    runner = CliRunner()
    with Dateline(db, Settings(), pipeline=Prebuilt([]), clock=CLOCK) as d:
        ingest(d, vasslund_article(), described_article("t1", date(2024, 3, 6)))
    out = runner.invoke(cli, ["--db", db, "actors", "list", "--format", "json"], obj=factory)
    assert out.exit_code == 0, out.output
    listed = {a["id"]: a for a in json.loads(out.stdout)}
    assert listed["person:ingrid-vasslund"]["events"] >= 2 and "state:CHL" in listed
    out = runner.invoke(cli, ["--db", db, "actors", "show", "Norway's top diplomat", "--on", "2024-03-06"], obj=factory)
    assert out.exit_code == 0 and out.stdout.startswith("Ingrid Vasslund  [person:ingrid-vasslund]")
    assert "foreign minister, NOR  2024-03-01 .. 2024-03-01" in out.stdout
    out = runner.invoke(cli, ["--db", db, "actors", "show", "Nobody At All"], obj=factory)
    assert out.exit_code == 1 and "no actor 'Nobody At All'" in out.output
    out = runner.invoke(cli, ["--db", db, "events", "--actor", "Vasslund", "--format", "jsonl"], obj=factory)
    ids = [json.loads(line)["actor_id"] for line in out.stdout.splitlines()]
    assert len(ids) >= 2 and set(ids) == {"person:ingrid-vasslund"}  # with the described one
    bad = tmp_path / "bad.csv"
    bad.write_text("actor,kind\nX,persn\n", encoding="utf-8")
    out = runner.invoke(cli, ["--db", db, "actors", "import", str(bad)], obj=factory)
    assert out.exit_code == 1 and "bad.csv:2: unknown kind 'persn'" in out.output
