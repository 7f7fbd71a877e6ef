"""Cluster the mentions of one document into entities under canonical names.

- Persons: a surname-only or partial mention joins the most recently mentioned person whose
  full name contains all its words ("Markou" -> "Eleni Markou"; "Lee" -> the Lee last
  mentioned).  A longer name later in the text upgrades the canonical name.
- States: country names, demonyms, capitals used as actors and government metonyms all
  join the state (via the gazetteer): "Greek", "Athens", "the Hellenic Republic" -> Greece.
- Organisations: by normalised name; an acronym joins the organisation whose initials it
  spells ("Kenya News Agency" ... "KNA"); a country comes from a possessive or
  demonym in front of it ("Chile's Senate").
- Titles and countries of persons come from modifiers ("Greek Foreign Minister Eleni Markou")
  and appositions ("X, head of Chile's Senate"); a descriptive noun phrase
  in apposition ("Brazil's top diplomat, Helena Costa") becomes a TITLE mention
  of the person, so that the phrase resolves to the person when it is a sentence's subject.
- Third-person pronouns ("he", "she", "his", "her") join the last person mentioned; "its"
  and "their" join the last state or organisation of the same or the previous sentence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from ..records import Entity, EntityKind, Mention
from .gazetteer import Gazetteer, GazetteerEntry
from .mentions import NAME_HYPHENS, RawMention, collect

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

PERSON_PRONOUNS = frozenset({"he", "she", "him", "her", "his", "hers", "himself", "herself"})
BODY_PRONOUNS = frozenset({"its", "their"})
TITLED_REACH = 60  # tokens before a sentence within which an office holder named by title is "he"
PERSON_TITLES = frozenset(
    {"president", "minister", "leader", "secretary", "general", "chief", "ambassador", "envoy", "commander",
     "governor", "mayor", "spokesman", "spokeswoman", "premier", "chancellor", "king", "queen", "prince",
     "princess", "sheikh", "emir", "mr", "mrs", "ms", "dr", "senator", "lawmaker", "judge", "colonel",
     "lieutenant", "major", "captain", "admiral", "marshal", "sergeant", "pope", "cardinal", "bishop",
     "brigadier", "brig", "gen", "lt", "col", "maj", "capt", "sgt", "cpl", "adm", "cmdr", "cdr", "insp", "supt"}
)  # fmt: skip
TITLE_PREFIXES = frozenset({"rear", "vice", "deputy", "acting"})  # "Rear Admiral", "Vice President"
MIN_NAME_WORDS, MAX_NAME_WORDS = 2, 5  # a person's name in apposition NER missed ("Andres Felipe Lozano Rincon")
# Words that make a name a natural feature ("Lake Malawi", "Mount Elgon", "the Rufiji River"),
# which NER sometimes tags as a person.
FEATURE_FIRST = frozenset({"lake", "mount", "mt", "gulf", "bay", "cape", "river", "sea", "strait", "straits", "isle"})
FEATURE_LAST = frozenset(
    {"lake", "river", "sea", "ocean", "strait", "straits", "bay", "gulf", "island", "islands", "mountains",
     "hills", "valley", "desert", "peninsula", "canal", "channel", "reef", "falls", "delta", "plateau"}
)  # fmt: skip
# Words that may stand in front of a name as a title ("President", "Vice Foreign Minister").
TITLE_DEPS = frozenset({"compound", "amod", "nmod", "poss"})


def _norm(text: str) -> str:
    text = re.sub(r"[’`]", "'", text)
    text = re.sub(r"^(the|a|an)\s+", "", text.strip(), flags=re.I)
    text = re.sub(r"'s$", "", text)
    return re.sub(r"\s+", " ", text).strip()


def _only_titles(raw: RawMention) -> bool:
    """ "Brig." tagged as a person in "police chief Brig. Gen. X": titles alone name nobody."""
    return raw.label == "PERSON" and all(w.rstrip(".") in PERSON_TITLES for w in _words(raw.text))


def _words(name: str) -> list[str]:
    return [w.lower() for w in re.split(r"[\s\-]+", name) if w]


def _proper_name(doc: Doc, head: Token) -> Span | None:
    """The proper name ``head`` ends, with the capitalised proper nouns compounded onto it
    ("Marina Tavares Lacerda"), titles in front left out; None unless two to five words."""
    start = head.i
    while start > 0 and doc[start - 1].dep_ == "compound" and doc[start - 1].head.i in range(start, head.i + 1):
        start -= 1
    while start < head.i and doc[start].lower_.rstrip(".") in PERSON_TITLES | TITLE_PREFIXES:
        start += 1
    words = doc[start : head.i + 1]
    if not MIN_NAME_WORDS <= len(words) <= MAX_NAME_WORDS:
        return None
    if not all(t.pos_ == "PROPN" and t.text[:1].isupper() and t.text.replace("-", "").isalpha() for t in words):
        return None
    return words


@dataclass
class _Cluster:
    id: int
    name: str
    kind: EntityKind
    country: str | None = None
    aliases: list[str] = field(default_factory=list)
    titles: list[str] = field(default_factory=list)
    last_seen: int = 0

    def add_alias(self, text: str) -> None:
        if text and text != self.name and text not in self.aliases:
            self.aliases.append(text)

    def freeze(self) -> Entity:
        return Entity(
            id=self.id,
            name=self.name,
            kind=self.kind,
            aliases=tuple(a for a in self.aliases if a != self.name),
            country=self.country,
            titles=tuple(dict.fromkeys(self.titles)),
        )


# What a state has and a person does not ("Chad's prime minister", "Jordan's army")
STATE_OFFICES = frozenset({"president", "minister", "premier", "government", "army", "military", "embassy",
                           "ambassador", "parliament", "navy", "foreign", "capital", "border", "leader"})  # fmt: skip
# Prepositions of place: a one-word name after them is a place, not a person ("in Batken")
PLACE_PREPOSITIONS = frozenset({"in", "at", "near", "outside", "inside", "around", "across", "into", "from"})
MAX_BODY_WORDS = 4  # the longest gazetteer body name looked for where NER found none
NAME_JOINERS = frozenset({"of", "de", "del", "and", "&"})  # "Port of Spain", "Trinidad and Tobago"
ARRIVAL_VERBS = frozenset({"reach", "enter"})  # "convoys reach Batken and Isfara"
# Sites that bear the name of their place ("the Heglig oil field", "the Mosul dam")
SITE_NOUNS = frozenset({"field", "oilfield", "gasfield", "dam", "airport", "airfield", "airbase", "crossing",
                        "bridge", "port", "harbour", "harbor", "outpost", "checkpoint", "camp", "valley", "pass"})


class Clusterer:
    """Builds the entities of one document, block by block, in text order."""

    def __init__(self, gazetteer: Gazetteer) -> None:
        self.gz = gazetteer
        self.clusters: list[_Cluster] = []
        self.by_key: dict[tuple[str, ...], int] = {}
        self.mentions: list[Mention] = []
        self.clock = 0
        self.last_person: int | None = None  # the person mentioned last, across blocks
        self.last_subject: int | None = None  # the person last mentioned as a subject

    # ------------------------------------------------------------------ public

    def add_block(self, doc: Doc, offset: int) -> None:
        raws = self._joined(doc, self._pairs(doc, collect(doc)))
        raws = self._appositive_names(doc, self._with_known_bodies(doc, raws))
        places: set[str] = set()  # names this block has read as places so far
        raws = [self._as_place(doc, r, raws, places) for r in raws]
        raws = [self._after_title(doc, self._relabel(r)) for r in raws if not _only_titles(r)]
        taken: dict[int, int] = {}  # token index -> entity id
        for raw in raws:
            self.clock += 1
            span = doc[raw.start : raw.end]
            entity = self._resolve(raw, span)
            for i in range(raw.start, raw.end):
                taken[i] = entity
            self._mention(offset, span, raw.label, entity)
        for raw in raws:
            if raw.label == "PERSON":
                self._person_context(doc, offset, raw, taken)
        self._surnames(doc, offset, taken)
        self._pronouns(doc, offset, taken)

    def entities(self) -> list[Entity]:
        return [c.freeze() for c in self.clusters]

    def finish(self) -> None:
        """Settle ambiguous short state names against the document: a bare "Congo" in an
        article that names the Democratic Republic of the Congo is that state."""
        states = [c for c in self.clusters if c.kind == EntityKind.STATE]
        remap: dict[int, int] = {}
        for c in states:
            surfaces = {m.text.lower() for m in self.mentions if m.entity == c.id}
            if len(surfaces) != 1 or " " in next(iter(surfaces)):
                continue
            word = next(iter(surfaces))
            if c.country is not None and c.name.lower() == word:
                continue  # a state's own name: "Sudan" beside "South Sudan", "Guinea" beside "Equatorial Guinea"
            hosts = [o for o in states if o.id != c.id and word in _words(o.name) and len(_words(o.name)) > 1]
            if len(hosts) == 1:
                remap[c.id] = hosts[0].id
                hosts[0].add_alias(c.name if c.name.lower() == word else word.title())
        if not remap:
            return
        kept = [c for c in self.clusters if c.id not in remap]
        new_id = {c.id: i for i, c in enumerate(kept)}
        for old, target in remap.items():
            new_id[old] = new_id[target]
        for i, c in enumerate(kept):
            c.id = i
        self.clusters = kept
        self.mentions = [replace(m, entity=new_id[m.entity]) for m in self.mentions]
        self.by_key = {k: new_id[v] for k, v in self.by_key.items()}

    # ------------------------------------------------------------------ resolution

    def _known_person(self, text: str) -> _Cluster | None:
        """The person whose full name contains every word of ``text`` (most recent first)."""
        words = set(_words(text))
        best: _Cluster | None = None
        for c in self.clusters:
            if c.kind != EntityKind.PERSON:
                continue
            known = set(_words(c.name)) | {w for a in c.aliases for w in _words(a)}
            if words <= known and (best is None or c.last_seen > best.last_seen):
                best = c
        return best

    def _with_known_bodies(self, doc: Doc, raws: list[RawMention]) -> list[RawMention]:
        """``raws`` with the organisations and armed groups of the gazetteer that NER missed
        ("Houthi forces fired ...": NER tags nothing), longest name first, in text order."""
        taken = {i for r in raws for i in range(r.start, r.end)}
        found: list[RawMention] = []
        i = 0
        while i < len(doc):
            hit = None
            if (
                i not in taken
                and doc[i].text[:1].isupper()
                and doc[i].pos_ in ("PROPN", "ADJ", "NOUN")
                and self.gz.may_start_body(doc[i].text)
            ):
                for n in range(min(MAX_BODY_WORDS, len(doc) - i), 0, -1):
                    span = doc[i : i + n]
                    if any(j in taken for j in range(i, i + n)) or not span[-1].text[:1].isupper():
                        continue
                    entry = self.gz.lookup(_norm(span.text))
                    if entry is not None and entry.kind in (EntityKind.ORGANISATION, EntityKind.GROUP):
                        hit = RawMention(i, i + n, "NORP" if entry.kind == EntityKind.GROUP else "ORG", span.text)
                        break
            if hit is None and i not in taken:
                hit = self._untagged_state(doc, i, taken)
            if hit is not None:
                found.append(hit)
                i = hit.end
            else:
                i += 1
        return sorted([*raws, *found], key=lambda r: r.start) if found else raws

    def _untagged_state(self, doc: Doc, i: int, taken: set[int]) -> RawMention | None:
        """A state or capital named by a run of proper nouns NER left untagged ("Lome said ...",
        "PHNOM PENH/BANGKOK -"): the whole run must be the name (not "Jordan Peterson"), and not a
        name people also bear."""
        if doc[i].pos_ != "PROPN" or (i > 0 and doc[i - 1].pos_ == "PROPN" and (i - 1) not in taken):
            return None
        end = i
        while end < len(doc) and end - i < MAX_BODY_WORDS and doc[end].pos_ == "PROPN" and end not in taken:
            end += 1
        if end < len(doc) and doc[end].pos_ == "PROPN":
            return None  # part of a longer name
        span = doc[i:end]
        entry = self.gz.lookup(_norm(span.text))
        if entry is None or self.gz.also_person_name(span.text):
            return None
        if entry.kind == EntityKind.STATE and entry.matched_as in ("name", "alias"):
            return RawMention(i, end, "GPE", span.text)
        if entry.kind == EntityKind.LOCATION and entry.capital:
            return RawMention(i, end, "GPE", span.text)
        return None

    def _appositive_names(self, doc: Doc, raws: list[RawMention]) -> list[RawMention]:
        """``raws`` with the names in apposition to a personal title that NER missed or cut up
        ("The Minister of Foreign Affairs, Andres Felipe Lozano Rincon, held ...": nothing
        tagged; "the foreign minister of Brazil, Marina Tavares Lacerda": a place and an
        organisation): a run of two to five capitalised proper nouns there is a person."""
        found: list[RawMention] = []
        for tok in doc:
            if tok.dep_ != "appos" or tok.head.lemma_.lower() not in PERSON_TITLES or tok.head.i > tok.i:
                continue
            title = next((r for r in raws if r.label == "ORG" and r.start <= tok.head.i < r.end
                          and doc[r.start].lower_ in PERSON_TITLES), None)  # fmt: skip
            if title is not None:  # "the Minister of Foreign Affairs of Brazil, X": a title, not a body
                raws = sorted([r for r in raws if r is not title] + self._states_within(doc, title),
                              key=lambda r: r.start)  # fmt: skip
            for name in [tok, *(c for c in tok.children if c.dep_ == "conj")]:  # "X and Y"
                span = _proper_name(doc, name)
                if span is None or self.gz.lookup(_norm(span.text)) is not None:
                    continue
                inside = [r for r in raws if r.start < span.end and span.start < r.end]
                if any(r.start < span.start or r.end > span.end or r.label in ("GPE", "NORP") for r in inside):
                    continue  # a longer name, or a place NER was sure of
                if any(r.label == "PERSON" and (r.start, r.end) == (span.start, span.end) for r in inside):
                    continue
                raws = [r for r in raws if r not in inside]
                found.append(RawMention(span.start, span.end, "PERSON", span.text))
        return sorted([*raws, *found], key=lambda r: r.start) if found else raws

    def _states_within(self, doc: Doc, raw: RawMention) -> list[RawMention]:
        """The states a longer mention names inside it ("... of the Federative Republic of
        Brazil"), longest name first."""
        out: list[RawMention] = []
        i = raw.start
        while i < raw.end:
            for n in range(min(MAX_BODY_WORDS, raw.end - i), 0, -1):
                entry = self.gz.lookup(_norm(doc[i : i + n].text))
                if entry is not None and entry.kind == EntityKind.STATE and doc[i + n - 1].text[:1].isupper():
                    out.append(RawMention(i, i + n, "GPE", doc[i : i + n].text))
                    i += n - 1
                    break
            i += 1
        return out

    def _pairs(self, doc: Doc, raws: list[RawMention]) -> list[RawMention]:
        """A mention NER took whole over two known names joined by a hyphen ("Thai-Cambodian",
        "Brazilian-Venezuelan"): two mentions, one for each side."""
        out: list[RawMention] = []
        for raw in raws:
            cut = next((k for k in range(raw.start + 1, raw.end - 1) if doc[k].text in NAME_HYPHENS
                        and not doc[k - 1].whitespace_ and not doc[k].whitespace_), None)  # fmt: skip
            if cut is not None:
                left, right = doc[raw.start : cut], doc[cut + 1 : raw.end]
                sides = [self.gz.lookup(_norm(side.text)) for side in (left, right)]
                if all(e is not None and e.kind in (EntityKind.STATE, EntityKind.ORGANISATION) for e in sides):
                    out.append(RawMention(raw.start, cut, raw.label, left.text))
                    out.append(RawMention(cut + 1, raw.end, raw.label, right.text))
                    continue
            out.append(raw)
        return out

    def _joined(self, doc: Doc, raws: list[RawMention]) -> list[RawMention]:
        """A known name NER split in two at "of" or "and" ("Port" + "Spain" in "Port of Spain",
        "Trinidad" + "Tobago"): one mention."""
        out: list[RawMention] = []
        for raw in raws:
            prev = out[-1] if out else None
            if prev is not None and raw.start == prev.end + 1 and doc[prev.end].lower_ in NAME_JOINERS:
                text = doc[prev.start : raw.end].text
                entry = self.gz.lookup(_norm(text))
                if entry is not None:
                    label = "GPE" if entry.kind in (EntityKind.STATE, EntityKind.LOCATION) else "ORG"
                    out[-1] = RawMention(prev.start, raw.end, label, text)
                    continue
            out.append(raw)
        return out

    def _as_place(self, doc: Doc, raw: RawMention, raws: list[RawMention], places: set[str]) -> RawMention:
        """A one-word "person" used as a place: after "in", "at", "near" ("warehouses in Batken"),
        joined to a place ("Batken and Isfara"), or already seen as a place in the document; and
        a one-word "person" or "organisation" nobody knows that the text locates in a place
        ("the post at Bankilaré, in the Tillabéri region")."""
        key = _norm(raw.text).lower()
        if raw.label in ("GPE", "LOC"):
            places.add(key)
        if raw.label not in ("PERSON", "ORG") or raw.end - raw.start != 1 or self._known_person(_norm(raw.text)):
            return raw
        if self._located(doc, raw, raws) and self.gz.lookup(_norm(raw.text)) is None:
            places.add(key)
            return RawMention(raw.start, raw.end, "GPE", raw.text)
        tok = doc[raw.start]
        if tok.dep_ == "compound" and tok.head.lemma_.lower() in SITE_NOUNS and self.gz.lookup(_norm(raw.text)) is None:
            places.add(key)  # "the Heglig oil field", "the Kajaki dam": a site named after its place
            return RawMention(raw.start, raw.end, "GPE", raw.text)
        if raw.label != "PERSON":
            return raw
        first = tok
        while first.dep_ == "conj" and first.head.i != first.i:
            first = first.head  # "reached Batken and Isfara": where the coordination stands
        placed = first.dep_ == "pobj" and first.head.lower_ in PLACE_PREPOSITIONS
        placed = placed or (first.dep_ == "dobj" and first.head.lemma_.lower() in ARRIVAL_VERBS)
        beside = {t.i for t in tok.conjuncts}
        joined = any(r is not raw and r.label in ("GPE", "LOC") and beside & set(range(r.start, r.end)) for r in raws)
        seen = key in places or self.by_key.get(("place", key)) is not None
        # "Chad's prime minister", "Jordan's army": a state whose name people bear, owning an office
        owns_office = tok.dep_ == "poss" and tok.head.lemma_.lower() in STATE_OFFICES and self._is_state(raw.text)
        if owns_office or seen or (placed and (tok.i == first.i or joined)):
            places.add(key)
            return RawMention(raw.start, raw.end, "GPE", raw.text)
        return raw

    def _is_state(self, text: str) -> bool:
        entry = self.gz.lookup(_norm(text))
        return entry is not None and entry.kind == EntityKind.STATE

    def _located(self, doc: Doc, raw: RawMention, raws: list[RawMention]) -> bool:
        """Whether the text locates ``raw`` in a place: ", in (the western) <place>"."""
        after = doc[raw.end : raw.end + 6]
        if len(after) < 3 or after[0].text != "," or after[1].lower_ != "in":
            return False
        for tok in after[2:]:
            if tok.pos_ == "PROPN":
                if any(r.start <= tok.i < r.end and r.label in ("GPE", "LOC") for r in raws):
                    return True
                entry = self.gz.lookup(_norm(tok.text))
                return entry is not None and entry.kind in (EntityKind.STATE, EntityKind.LOCATION)
        return False

    def _relabel(self, raw: RawMention) -> RawMention:
        """Repair NER labels: a known place is not a person; a known person's name is a person."""
        text = _norm(raw.text)
        if raw.label == "PERSON" and self.gz.lookup(text) is not None and not self.gz.also_person_name(text):
            return RawMention(raw.start, raw.end, "GPE", raw.text)
        words = _words(text)
        if raw.label == "PERSON" and len(words) > 1 and (words[0] in FEATURE_FIRST or words[-1] in FEATURE_LAST):
            return RawMention(raw.start, raw.end, "LOC", raw.text)  # "Lake Malawi" is no person
        if (
            raw.label in ("GPE", "LOC", "ORG", "FAC", "NORP")
            and self.gz.lookup(text) is None
            and self._known_person(text) is not None
        ):
            return RawMention(raw.start, raw.end, "PERSON", raw.text)
        return raw

    def _after_title(self, doc: Doc, raw: RawMention) -> RawMention:
        """ "President Ines Montoya" tagged as a place: a name after a personal title is a person."""
        if (
            raw.label in ("GPE", "LOC", "FAC", "ORG")
            and raw.start > 0
            and self.gz.lookup(_norm(raw.text)) is None
            and doc[raw.start - 1].lower_.rstrip(".") in PERSON_TITLES
            and len(raw.text.split()) >= 2
        ):
            return RawMention(raw.start, raw.end, "PERSON", raw.text)
        return raw

    def _surnames(self, doc: Doc, offset: int, taken: dict[int, int]) -> None:
        """Name words NER missed ("Okafor met ...") when a person of that name was mentioned."""
        for tok in doc:
            if tok.i in taken or tok.pos_ != "PROPN" or len(tok.text) < 3 or not tok.text[0].isupper():
                continue
            entry = self.gz.lookup(tok.text)
            if entry is not None:
                if entry.kind == EntityKind.STATE and tok.ent_type_ == "":  # "Nigeria promised ...": NER missed it
                    raw = RawMention(tok.i, tok.i + 1, "GPE", tok.text)
                    entity = self._resolve(raw, doc[tok.i : tok.i + 1])
                    taken[tok.i] = entity
                    self._mention(offset, doc[tok.i : tok.i + 1], "GPE", entity)
                continue
            person = self._known_person(tok.text)
            if person is not None:
                taken[tok.i] = person.id
                self._mention(offset, doc[tok.i : tok.i + 1], "PERSON", person.id)

    def _mention(self, offset: int, span: Span, label: str, entity: int) -> None:
        self.mentions.append(Mention(offset + span.start_char, offset + span.end_char, span.text, label, entity))
        self.clusters[entity].last_seen = self.clock

    def _new(self, key: tuple[str, ...], name: str, kind: EntityKind, country: str | None) -> int:
        cid = len(self.clusters)
        self.clusters.append(_Cluster(cid, name, kind, country, last_seen=self.clock))
        self.by_key[key] = cid
        return cid

    def _resolve(self, raw: RawMention, span: Span) -> int:
        text = _norm(raw.text)
        if raw.label == "PERSON":
            return self._person(text)
        entry = self.gz.lookup(text)
        if entry is not None:
            if entry.kind == EntityKind.STATE or (raw.label in ("NORP", "ORG") and self.gz.state_for(text) is not None):
                state = self.gz.state_for(text) or entry
                return self._known(("state", state.country or state.name), state, EntityKind.STATE, text)
            return self._known((str(entry.kind), entry.name), entry, entry.kind, text)
        if raw.label == "NORP":
            return self._named(("group", text.lower()), text, EntityKind.GROUP, None)
        if raw.label in ("GPE", "LOC", "FAC"):  # a place the gazetteer does not list, or a province of one state
            return self._named(("place", text.lower()), text, EntityKind.LOCATION, self.gz.province_country(text))
        return self._organisation(text, span)

    def _known(self, key: tuple[str, ...], entry: GazetteerEntry, kind: EntityKind, text: str) -> int:
        """The cluster of a gazetteer entry (created with the entry's aliases), seen as ``text``."""
        cid = self.by_key.get(key)
        if cid is None:
            cid = self._new(key, entry.name, kind, entry.country)
            for alias in entry.aliases[:6]:
                self.clusters[cid].add_alias(alias)
        self.clusters[cid].add_alias(text)
        return cid

    def _named(self, key: tuple[str, str], name: str, kind: EntityKind, country: str | None) -> int:
        cid = self.by_key.get(key)
        if cid is None:
            cid = self._new(key, name, kind, country)
        return cid

    def _person(self, text: str) -> int:
        words = _words(text)
        exact = self.by_key.get(("person", text.lower()))
        if exact is not None:
            return exact
        best: _Cluster | None = None
        for c in self.clusters:
            if c.kind != EntityKind.PERSON:
                continue
            names = [_words(c.name), *(_words(a) for a in c.aliases)]
            full = max(names, key=len)
            contained = set(words) <= set(full) or set(full) <= set(words)
            if contained and (best is None or c.last_seen > best.last_seen):
                best = c
        if best is None:
            return self._new(("person", text.lower()), text, EntityKind.PERSON, None)
        if len(words) > len(_words(best.name)):
            best.add_alias(best.name)
            best.name = text
        else:
            best.add_alias(text)
            return best.id  # a partial name is resolved afresh each time ("Kim" may be another Kim)
        self.by_key[("person", text.lower())] = best.id
        return best.id

    def _organisation(self, text: str, span: Span) -> int:
        # Bodies of different states share names ("Defence Ministry"): the country named in
        # front keeps them apart; without one, the name joins the body of that name seen last.
        country = self._country_in_front(span)
        key = ("org", text.lower(), country or "")
        if key in self.by_key:
            return self.by_key[key]
        if country is None:
            same = [c for c in self.clusters if c.kind == EntityKind.ORGANISATION and c.name.lower() == text.lower()]
            if same:
                return max(same, key=lambda c: c.last_seen).id
            # "the Security Council" after "the UN Security Council": the body whose longer name
            # ends in it (the one seen last), not a body of no one named anew
            tail = f" {text.lower()}"
            longer = [c for c in self.clusters if c.kind == EntityKind.ORGANISATION and len(text.split()) >= 2
                      and any(n.lower().endswith(tail) and self._named_prefix(n[: -len(tail)])
                              for n in (c.name, *c.aliases))]  # fmt: skip
            if longer:
                return max(longer, key=lambda c: c.last_seen).id
        # An acronym joins the organisation whose initials it spells, and vice versa.
        initials = "".join(w[0] for w in re.findall(r"[A-Za-z][\w']*", text) if w[0].isupper())
        for c in self.clusters:
            if c.kind != EntityKind.ORGANISATION:
                continue
            c_initials = "".join(w[0] for w in re.findall(r"[A-Za-z][\w']*", c.name) if w[0].isupper())
            if (text.isupper() and text == c_initials) or (c.name.isupper() and c.name == initials):
                if len(text) > len(c.name):
                    c.add_alias(c.name)
                    c.name = text
                else:
                    c.add_alias(text)
                self.by_key[key] = c.id
                return c.id
        return self._new(key, text, EntityKind.ORGANISATION, country)

    def _named_prefix(self, words: str) -> bool:
        """Whether what a body's name puts before a shorter name is a state's or a body's name ("UN"
        Security Council, "Kyrgyz" Defence Ministry; not a headline's "Hours After")."""
        words = _norm(words)
        return self.gz.lookup(words) is not None or self.gz.state_for(words) is not None

    def _country_in_front(self, span: Span) -> str | None:
        """The state named by a possessive or demonym in front of a name ("Russia's X"), or
        inside it ("Russian Security Council")."""
        inside = self.gz.demonym_prefix(_norm(span.text), states_only=True)
        if inside is not None:
            return inside[0].country
        # a unit of a known state body: "PLA Southern Theater Command", "IRGC Navy"
        body = self.gz.demonym_prefix(_norm(span.text))
        if body is not None and body[1] and body[0].subtype == "national":
            return body[0].country
        head = span.root
        for child in head.children:
            if child.i < span.start and child.dep_ in TITLE_DEPS:
                state = self.gz.state_for(_norm(child.text))
                if state is None and child.ent_type_ in ("GPE", "NORP"):
                    ent = next((e for e in child.doc.ents if e.start <= child.i < e.end), None)
                    state = self.gz.state_for(_norm(ent.text)) if ent is not None else None
                if state is not None:
                    return state.country
        return None

    # ------------------------------------------------------------------ persons in context

    def _person_context(self, doc: Doc, offset: int, raw: RawMention, taken: dict[int, int]) -> None:
        span = doc[raw.start : raw.end]
        cid = taken[raw.start]
        cluster = self.clusters[cid]
        root = span.root
        # Modifiers in front of the name: "Chilean President", "Kenyan Foreign Minister".
        front = [t for t in doc[root.left_edge.i : raw.start] if t.i not in taken or taken[t.i] != cid]
        title_words = [t for t in front if t.pos_ in ("NOUN", "PROPN", "ADJ") and t.i not in taken]
        for t in front:  # "Russian President X", "Tajik Defence Ministry spokesman X"
            if t.i in taken and self.clusters[taken[t.i]].kind in (EntityKind.STATE, EntityKind.ORGANISATION):
                cluster.country = cluster.country or self.clusters[taken[t.i]].country
        if title_words and title_words[-1].i == raw.start - 1:
            # the whole title as written, with the bodies it names: "Security Council Secretary"
            words = [t for t in front if t.pos_ in ("NOUN", "PROPN", "ADJ", "PART") and t.dep_ != "det"]
            cluster.titles.append(doc[words[0].i : raw.start].text if words else title_words[-1].text)
            if cluster.country is None:  # "Ministry spokesman X": the ministry named before
                cluster.country = self._country_of_body({t.lower_ for t in title_words})
        # Apposition after the name: "X, secretary of Russia's Security Council, ..."
        for child in root.children:
            if child.dep_ == "appos" and child.i > root.i and child.i not in taken:
                self._describe(doc, offset, child, cid, taken)
        # The name in apposition to a description: "Brazil's top diplomat, X, ..."
        if root.dep_ == "appos" and root.head.i < raw.start and root.head.i not in taken:
            self._describe(doc, offset, root.head, cid, taken)

    def _country_of_body(self, words: set[str]) -> str | None:
        """The country of the organisation last mentioned whose head word is among ``words``."""
        bodies = [
            c
            for c in self.clusters
            if c.kind == EntityKind.ORGANISATION and c.country and _words(c.name)[-1:] and _words(c.name)[-1] in words
        ]
        return max(bodies, key=lambda c: c.last_seen).country if bodies else None

    def _describe(self, doc: Doc, offset: int, head: Token, cid: int, taken: dict[int, int]) -> None:
        """Record a descriptive noun phrase (``head`` and its left modifiers) as a title mention."""
        if head.pos_ not in ("NOUN", "PROPN"):
            return
        start = head.left_edge.i
        end = head.i + 1
        # include a following "of ..." phrase in the title text, not in the mention span
        right = max((t.i for t in head.subtree if t.dep_ != "appos" and t.i >= head.i), default=head.i)
        title = doc[start : right + 1].text.strip(" ,")
        cluster = self.clusters[cid]
        cluster.titles.append(title)
        for i in range(start, right + 1):
            if i in taken and self.clusters[taken[i]].kind == EntityKind.STATE:
                cluster.country = cluster.country or self.clusters[taken[i]].country
                break
        span = doc[start:end]
        self.mentions.append(Mention(offset + span.start_char, offset + span.end_char, span.text, "TITLE", cid))
        for i in range(start, end):
            taken.setdefault(i, cid)

    def _pronouns(self, doc: Doc, offset: int, taken: dict[int, int]) -> None:
        """Third-person pronouns: he/she/his/her join the last person, its/their the last state
        or organisation mentioned in the same or the previous sentence."""
        last_person = self.last_person
        last_subject = self.last_subject  # the person last seen as a subject: "he" prefers it
        bodies: list[tuple[int, int]] = []  # (entity, token) of this and the previous sentence's bodies
        person_at = -1  # the token of the last person mention in this document part
        titled_at = -1  # the token of the last unnamed titled subject ("Kenya's President says ...")
        sent_start = -1
        subject_body: int | None = None  # the body the current sentence is first about (its subject)
        before_subject: int | None = None  # and the previous sentence's
        for tok in doc:
            if tok.is_sent_start:
                bodies = [b for b in bodies if b[1] >= sent_start]  # (none older than the previous sentence)
                sent_start = tok.i
                before_subject, subject_body = subject_body, None
            if tok.i in taken:
                ent = taken[tok.i]
                kind = self.clusters[ent].kind
                if kind == EntityKind.PERSON:
                    last_person = ent
                    person_at = tok.i
                    if tok.dep_ in ("nsubj", "nsubjpass") or (
                        tok.head.dep_ in ("nsubj", "nsubjpass") and tok.dep_ in ("compound", "appos")
                    ):
                        last_subject = ent
                elif kind in (EntityKind.STATE, EntityKind.ORGANISATION, EntityKind.GROUP) or (
                    tok.dep_ == "nsubj" and self._capital(ent)
                ):  # "Bangkok recalls its ambassador; the next morning it expels ...": a capital
                    bodies.append((ent, tok.i))  # that acts is its government
                    if subject_body is None and _in_subject(tok):
                        subject_body = ent
                continue
            if tok.dep_ in ("nsubj", "nsubjpass") and tok.pos_ in ("NOUN", "PROPN") and tok.lower_ in PERSON_TITLES:
                titled_at = tok.i  # "Kenya's President ... says he will", "the spokesman ... He calls on"
            target: int | None = None
            if tok.lower_ in PERSON_PRONOUNS and titled_at > person_at and titled_at >= sent_start - TITLED_REACH:
                target = None  # the office holder named by title since, not the person named before
            elif tok.lower_ in PERSON_PRONOUNS:
                target = (
                    last_subject if tok.dep_ in ("nsubj", "nsubjpass") and last_subject is not None else last_person
                )
            elif bodies and (
                tok.lower_ in BODY_PRONOUNS or (tok.lower_ == "it" and tok.dep_ == "nsubj" and tok.head.lemma_ != "be")
            ):
                named = bodies
                if tok.lower_ == "it":  # (not a state named as the adjective of many: "Azerbaijani forces")
                    named = [b for b in bodies if not _plural_modifier(doc[b[1]])] or bodies
                target = named[-1][0]
                if (tok.lower_ == "it" and before_subject is not None
                        and not any(i >= sent_start for _, i in bodies)):  # fmt: skip
                    # "The Algerian presidency issued a statement accusing Morocco ... It calls the
                    # deaths ...": a sentence that opens on "it" goes on about the last one's subject
                    target = before_subject
                teller = _teller_of(tok, taken)
                if teller is None:
                    teller = _conjunct_subject(tok, taken)
                if teller is not None and self.clusters[teller].kind != EntityKind.PERSON:
                    target = teller  # "Thailand ... said it would expel Cambodia's ambassador": Thailand
                if tok.dep_ == "nsubj" and tok.head.dep_ == "relcl":
                    # "Bulo Burte, a town that it had seized": not the place the clause describes
                    described = {a.i for a in tok.head.ancestors} | {
                        c.i for a in tok.head.ancestors if a.pos_ in ("NOUN", "PROPN")
                        for c in a.children if c.dep_ in ("compound", "flat")
                    }
                    target = next((e for e, i in reversed(bodies) if i not in described), None)
            if target is not None and subject_body is None and tok.lower_ == "it" and _in_subject(tok):
                subject_body = target  # "... gave a different account. It said ... It denied ...": the same
            if target is not None:
                self.mentions.append(
                    Mention(offset + tok.idx, offset + tok.idx + len(tok.text), tok.text, "PRON", target)
                )
        self.last_person = last_person
        self.last_subject = last_subject

    def _capital(self, ent: int) -> bool:
        cluster = self.clusters[ent]
        return cluster.kind == EntityKind.LOCATION and self.gz.capital_state(cluster.name) is not None


def _in_subject(tok: Token) -> bool:
    """Whether a name is the main clause's subject or names it ("Kenya said", "the Kenyan
    presidency said", "Kenya's foreign ministry said"; not "... said the Kenyan envoy would leave")."""
    subject = ("nsubj", "nsubjpass")
    if tok.dep_ in ("compound", "amod", "poss", "flat") and tok.head.dep_ in subject:
        tok = tok.head
    return tok.dep_ in subject and tok.head.dep_ == "ROOT"


def _plural_modifier(tok: Token) -> bool:
    """A name that modifies a plural noun ("Azerbaijani forces", "Kenyan officials"): what "it"
    refers to is never that."""
    return tok.dep_ in ("amod", "compound") and tok.head.tag_ in ("NNS", "NNPS")


def _conjunct_subject(tok: Token, taken: dict[int, int]) -> int | None:
    """The entity that is the subject of the clause a subject pronoun's clause is joined to ("Taiwan
    announced a fund for Lithuania, and on January 11 it added a credit line": Taiwan), if one."""
    clause = tok.head
    if tok.dep_ != "nsubj" or clause.dep_ != "conj" or clause.head.i > tok.i:
        return None
    subject = next((c for c in clause.head.children if c.dep_ == "nsubj"), None)
    return taken.get(subject.i) if subject is not None else None


def _teller_of(tok: Token, taken: dict[int, int]) -> int | None:
    """The entity that is the subject of the verb whose clause a subject pronoun heads ("Thailand
    ... said it would expel", "Kenya warned that it would close"), if that subject is one."""
    clause = tok.head
    if tok.dep_ != "nsubj" or clause.dep_ != "ccomp" or clause.head.i > tok.i:
        return None  # (the telling verb comes first: a clause hung on a later verb is a misparse)
    subject = next((c for c in clause.head.children if c.dep_ == "nsubj"), None)
    if subject is None and clause.head.dep_ == "conj":  # "Thailand recalled its envoy and said it would"
        subject = next((c for c in clause.head.head.children if c.dep_ == "nsubj"), None)
    return taken.get(subject.i) if subject is not None else None
