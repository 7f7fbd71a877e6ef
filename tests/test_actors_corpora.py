"""The actor registry on real-shaped corpora: the bundled sample corpus, and the seed articles
in ../shared (read at test time; nothing of them is written here)."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest
from sqlalchemy import select

from dateline.api import Dateline
from dateline.pipeline import Pipeline
from dateline.settings import Settings
from dateline.store import schema as S

SAMPLE = Path(__file__).resolve().parents[1] / "dateline" / "data" / "sample" / "articles"


def report_refs(dl: Dateline) -> list[tuple[str, str | None, str | None]]:
    with dl.store().engine.connect() as conn:
        q = select(S.reports.c.doc_id, S.reports.c.actor_name, S.reports.c.actor_id)
        return [(d, n, a) for d, n, a in conn.execute(q)]


@pytest.mark.slow
def test_sample_foreign_minister_surname_and_descriptions_are_one_actor(tmp_path: Path, pipeline: Pipeline) -> None:
    dl = Dateline(tmp_path / "s.db", Settings(), pipeline=pipeline)
    dl.ingest([SAMPLE])
    minister = dl.actor("Kemelbayev")
    assert minister.name == "Aidos Kemelbayev" and minister.country == "KAZ"
    assert any(r.role == "foreign minister" and r.country == "KAZ" for r in minister.roles)
    for phrase in ("Kazakhstan's top diplomat", "Kazakhstan's foreign minister"):
        assert dl.actor(phrase, on="2026-03-10").id == minister.id
    refs = report_refs(dl)
    described = {a for _, n, a in refs if n in ("Kazakhstan's top diplomat", "Kazakhstan's foreign minister")}
    surnames = {a for _, n, a in refs if n == "Kemelbayev"}
    assert described == surnames == {minister.id}
    assert {e.id for e in dl.events(actor="Kemelbayev")} >= {e.id for e in dl.events() if e.actor
                                                              and e.actor.actor_id == minister.id}  # fmt: skip


@pytest.fixture(scope="module")
def seeds(shared_dir: Path) -> Path:
    return shared_dir / "seeds"


def _ingest(tmp_path: Path, pipeline: Pipeline, paths: list[Path]) -> Dateline:
    dl = Dateline(tmp_path / "seeds.db", Settings(), pipeline=pipeline)
    dl.ingest(paths)
    return dl


@pytest.mark.shared
@pytest.mark.slow
def test_seed_surnames_resolve_to_one_person_with_a_full_name(tmp_path: Path, pipeline: Pipeline,
                                                                seeds: Path) -> None:  # fmt: skip
    dl = _ingest(tmp_path, pipeline, [seeds])
    refs = report_refs(dl)
    people = Counter(a for _, _, a in refs if a and a.startswith("person:"))
    central, _ = people.most_common(1)[0]  # the person most reports are about
    person = dl.actor(central)
    full = person.name.split()
    assert len(full) >= 2
    assert {d for d, _, a in refs if a == central} == {d.id for d in dl.documents()}  # in both articles
    surnames = [(n, a) for _, n, a in refs if n and len(n.split()) == 1 and n in full]
    assert all(a == central for _, a in surnames)
    assert dl.actor(full[-1]).id == central


@pytest.mark.shared
@pytest.mark.slow
def test_seed_description_resolves_through_the_learned_office(tmp_path: Path, pipeline: Pipeline,
                                                               seeds: Path) -> None:  # fmt: skip
    texts = {p: p.read_text(encoding="utf-8") for p in sorted(seeds.iterdir())}
    described = [
        (p, m.group(0)) for p, t in texts.items() for m in re.finditer(r"\b[A-Z]\w+['’]s top [a-z]+ official", t)
    ]
    assert described, "no 'X's top ... official' description in the seed articles"
    source, phrase = described[0]
    later = [p for p in texts if p != source]
    # learn only from the other article: the description must resolve through the office it teaches
    dl = _ingest(tmp_path, pipeline, later)
    day = dl.documents()[0].published.value
    assert day is not None
    holder = dl.actor(phrase, on=day)
    assert holder.kind == "person" and holder.country == "RUS"
    offices = {r.role for r in holder.roles}
    assert "security council secretary" in offices
    dl.ingest([source])
    assert dl.actor(phrase, on=day).id == holder.id
    assert holder.id in {a for _, _, a in report_refs(dl)}


@pytest.mark.shared
@pytest.mark.slow
def test_seed_metonym_is_its_state(tmp_path: Path, pipeline: Pipeline, seeds: Path) -> None:
    dl = _ingest(tmp_path, pipeline, [seeds])
    assert dl.actor("the Kremlin").id == "state:RUS"
    assert "state:RUS" in {a for _, _, a in report_refs(dl)}
