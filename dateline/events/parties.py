"""Turn the tokens that fill an event's roles into parties (actor, recipient) and places.

A role token resolves, in order, through: the entity mention it belongs to (names, titles,
pronouns clustered by the entity stage); an apposition ("the envoy, Jane Roe"); a leader
("the delegation led by X"); a possessive, demonym or "of" complement ("Russia's
delegation", "Russian forces", "the foreign ministers of Japan"); a common actor noun
("police", "troops") with the country of its modifier.  A capital used as actor or
recipient stands for its state (metonymy); as a place it stays the city.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from dataclasses import replace
from itertools import islice
from typing import TYPE_CHECKING

from ..entities.mentions import NAME_HYPHENS
from ..records import Entity, EntityKind, Mention, Party, Place
from .candidates import GOVERNMENT_NOUNS, LEADER_VERBS, conjuncts
from .dating import NUMBER_WORDS
from .lexicon import Vocabulary
from .syntax import in_words, listed_before, of_head, of_object

if TYPE_CHECKING:
    from spacy.tokens import Token

    from ..entities.gazetteer import Gazetteer, GazetteerEntry

# participles that make a modifier's party the one behind a noun ("Saudi-led", "M23-appointed")
LED_MODIFIERS = frozenset({"led", "backed", "run", "sponsored", "appointed", "installed", "controlled"})
SIDES = (EntityKind.STATE, EntityKind.ORGANISATION, EntityKind.GROUP)
OWNER_VERBS = frozenset({"belong", "own", "operate", "run", "charter"})  # "a depot belonging to X"
# "41 people suspected of links to X", "men accused of belonging to X": X's people
SUSPECT_VERBS = frozenset({"suspect", "accuse", "allege"})
TIE_NOUNS = frozenset({"link", "tie", "membership", "connection", "affiliation", "belong"})
MEASURES = frozenset({"hundred", "thousand", "dozen", "million", "score", "group", "number", "couple", "contingent",
                      "detachment"})
# "Téra, in the western Tillabéri region", "Iferouane, in northern Niger": a town and where it lies
_NAME = r"[A-ZÀ-ÖØ-Þ][^\W\d_]*(?:[-'’ ][A-ZÀ-ÖØ-Þ][^\W\d_]*)?"  # one or two capitalised words
LOCATED = re.compile(
    rf"\b({_NAME}),\s+in\s+(?:the\s+)?(?:(?:far\s+)?(?:north|south|east|west|central)(?:ern)?(?:-\w+)?\s+)?({_NAME})"
)
PARTS_OF_PLACES = frozenset({"whole", "rest", "part", "much", "most", "all", "area", "outskirts"})
MEMBERS = frozenset({"member", "delegate", "representative"})  # "Council members": the council
DYAD_NOUNS = frozenset({"country", "side", "nation", "neighbour", "neighbor", "government", "state", "capital"})
MODIFIER_DEPS = ("poss", "amod", "compound", "nmod")
GROUP_SIZES = range(3, 7)  # "the four states": a list of three to six named before (two are a pair)
GROUP_DETERMINERS = frozenset({"the", "these", "all"})
LIST_JOINT = re.compile(r"\s*(?:,\s*(?:and\s+)?|\s+and\s+)(?:the\s+)?")  # between a list's names
RELATIVE_PRONOUNS = frozenset({"who", "whom"})  # people (a "which" clause on a thing is read through the thing)


class Parties:
    """Resolves role tokens of one document to parties and places."""

    def __init__(self, mentions: tuple[Mention, ...] | list[Mention], entities: list[Entity] | tuple[Entity, ...],
                 gazetteer: Gazetteer, vocab: Vocabulary, acts: frozenset[str] = frozenset()) -> None:  # fmt: skip
        self.mentions = sorted(mentions, key=lambda m: m.start)
        self.starts = [m.start for m in self.mentions]
        self.entities = entities
        self.gz = gazetteer
        self.vocab = vocab
        self.people = vocab["people_nouns"]
        # armed or official bodies that name a boat or unit they modify ("a Venezuelan navy boat")
        self.units = vocab["actor_nouns"] | vocab["national_bodies"]
        # bodies and units that "from X" names the side of ("soldiers from Guyana and the US", "guards from X")
        self.forces = vocab["actor_nouns"] | vocab["military"] | vocab["interdictors"]
        self.state_bodies = vocab["national_bodies"] | vocab["actor_nouns"]  # what "Kenya's ..." names as a party
        # what "the Thai ..." named before makes of "the ...": a body, people, or an act (the lexicon's
        # event nouns: "the strikes" after "Indian strikes"), not a thing ("the talks", "the gold")
        self.state_held = self.state_bodies | vocab["people_nouns"] | vocab["people"] | acts
        self.home: str | None = None  # alpha-3 of the state the document is mostly about
        self.dateline_home: str | None = None  # alpha-3 of the capital its dateline names ("YEREVAN, Sept 14 -")
        # head noun -> the sector party last built with it, and where it was named
        self.sectors: dict[str, tuple[Party, int]] = {}
        self.salient: list[Party] = []  # the document's states, most mentioned first
        self.pair: list[Party] = []  # its two sides ("the two countries"): events.state_pair
        self.text = ""  # the document text (for "the panel": the body last named before "panel")
        # "navy" -> "navy|naval": the words naming a service beside its state (the bare "the navy")
        self.services = {g.split()[0]: "|".join(g.split()) for g in vocab["services"]}
        self._service_owners: dict[str, set[str]] = {}  # service word -> its states in ``text`` (once read)
        self._located: dict[str, str] | None = None  # towns the text locates -> their country (once read)

    # ------------------------------------------------------------------ entities

    def entity_at(self, char: int) -> Entity | None:
        """The entity of the smallest mention containing ``char`` (names inside titles win)."""
        i = bisect.bisect_right(self.starts, char) - 1
        best: Mention | None = None
        for m in self.mentions[max(0, i - 12) : i + 1]:
            if m.start <= char < m.end and (best is None or m.end - m.start < best.end - best.start):
                best = m
        return self.entities[best.entity] if best is not None else None

    def entity_of(self, tok: Token, offset: int) -> Entity | None:
        return self.entity_at(offset + tok.idx)

    def state_before(self, char: int, window: int = 600, but: str | None = None) -> str | None:
        """The country of the state mentioned last before ``char`` (within ``window`` characters),
        other than ``but``."""
        i = bisect.bisect_left(self.starts, char) - 1
        while i >= 0 and char - self.mentions[i].start <= window:
            entity = self.entities[self.mentions[i].entity]
            if entity.kind == EntityKind.STATE and entity.country and entity.country != but:
                return entity.country
            i -= 1
        return None

    def _named_by_word(self, word: str, kinds: tuple[EntityKind, ...]) -> GazetteerEntry | None:
        """The gazetteer's entry for a capitalised word, if it is of one of ``kinds``."""
        entry = self.gz.lookup(word) if word[:1].isupper() else None
        return entry if entry is not None and entry.kind in kinds else None

    def _demonym_entity(self, tok: Token) -> Entity | None:
        """A state named by a modifier NER missed ("Ugandan troops", "Houthi forces")."""
        entry = self._named_by_word(tok.text, (EntityKind.STATE, EntityKind.ORGANISATION))
        if entry is None:
            return None
        return Entity(id=-1, name=entry.name, kind=entry.kind, aliases=entry.aliases[:4], country=entry.country)

    def body_named_with(self, head: str, char: int, between: int = 0) -> Party | None:
        """ "the panel": the organisation last named right before the word "panel" ("a U.N.
        panel"), or up to ``between`` words before it ("the AU peace and security council")."""
        i = bisect.bisect_left(self.starts, char) - 1
        while i >= 0:
            m = self.mentions[i]
            entity = self.entities[m.entity]
            follows = self.text[m.end : m.end + 60].split("\n")[0]
            # "Kenya's presidency" as well as "the Kenyan presidency" (a body: not "Kenya's border")
            owned = re.match(r"['’]s ", follows) if head in self.state_bodies else None
            after = re.findall(r"[^\W\d_]+", follows[owned.end() if owned else 0 :])[: between + 1]
            at = next((k for k, w in enumerate(after) if w.lower() == head), None)
            if (
                entity.kind in (EntityKind.ORGANISATION, EntityKind.STATE)
                and at is not None
                and (at == 0 or entity.kind == EntityKind.ORGANISATION)
                and (entity.kind == EntityKind.ORGANISATION or head in self.state_held
                     or head.removesuffix("s") in self.state_held)
                and (owned or follows[:1] in (" ", "-"))
            ):
                base = self.as_party(entity, m.start)
                if base is not None:
                    name = " ".join([m.text + (owned.group().strip() if owned else ""), *after[: at + 1]])
                    return Party(name, EntityKind.GROUP.value, (base.name, *base.aliases), base.country)
            i -= 1
        return None

    def body_headed_by(self, head: str, char: int, window: int = 1000) -> Entity | None:
        """ "the committee": the organisation last named before ``char`` (within ``window``
        characters) whose name is headed by that word ("the National Security Committee", "the
        Cabinet Committee on Security", "the Ministry of Defence")."""
        i = bisect.bisect_left(self.starts, char) - 1
        while i >= 0 and char - self.mentions[i].start <= window:
            entity = self.entities[self.mentions[i].entity]
            words = entity.name.lower().split()
            cut = next((k for k, w in enumerate(words) if w in ("of", "on", "for")), len(words))
            if entity.kind == EntityKind.ORGANISATION and cut > 0 and words[cut - 1] == head:
                return entity
            i -= 1
        return None

    def dyad(self, tok: Token) -> list[Party]:
        """ "the two countries", "both sides", "the two neighbours": the document's two main states."""
        if tok.lemma_.lower() not in DYAD_NOUNS or len(self.pair) < 2:
            return []
        if any(c.lower_ in ("two", "both") for c in tok.children) or tok.lower_ in ("both",):
            return self.pair[:2]
        return []

    def listed_group(self, tok: Token, offset: int) -> list[Party]:
        """ "the four states", "the three governments", "the four" (as a subject or object): the
        states named last before it as one list of as many ("Saudi Arabia, the United Arab
        Emirates, Bahrain and Egypt"), in their order; no one when no such list was named."""
        word = tok
        if tok.lemma_.lower() in DYAD_NOUNS:
            word = next((c for c in tok.children if c.dep_ == "nummod"), tok)
        elif tok.pos_ != "NUM" or tok.dep_ not in ("nsubj", "nsubjpass", "dobj", "pobj"):
            return []
        size = NUMBER_WORDS.get(word.lower_, 0)
        definite = any(c.dep_ in ("det", "predet") and c.lower_ in GROUP_DETERMINERS for c in tok.children)
        if size not in GROUP_SIZES or not definite:
            return []
        char = offset + tok.idx
        best: list[Mention] = []
        run: list[Mention] = []
        for m in self.mentions[: bisect.bisect_left(self.starts, char)]:
            if self.entities[m.entity].kind != EntityKind.STATE:
                continue
            if run and not LIST_JOINT.fullmatch(self.text[run[-1].end : m.start]):
                run = []
            if not run or all(self.entities[m.entity].country != self.entities[r.entity].country for r in run):
                run.append(m)
            if len(run) == size:
                best = list(run)
        out = [self.as_party(self.entities[m.entity]) for m in best]
        return [p for p in out if p is not None]

    def titled_pair(self, tok: Token, offset: int) -> list[Party]:
        """ "the two ministers", "both envoys": the last two people named before with that title
        (in the order they were named)."""
        title = tok.lemma_.lower()
        if title not in self.vocab["title_nouns"] or not any(c.lower_ in ("two", "both") for c in tok.children):
            return []
        found = list(islice(self.people_titled(title, offset + tok.idx, own_words=True), 2))
        if len(found) < 2:
            return []
        out = [self.as_party(e) for e in reversed(found)]
        return [p for p in out if p is not None]

    def people_titled(self, title: str, char: int, own_words: bool = False) -> Iterator[Entity]:
        """The people mentioned before ``char`` whose titles contain the word ``title``, the last
        first, each once; with ``own_words``, a title's words before a comma only (not the clause an
        apposition runs on into: "Norway's special envoy, whose meeting with President X ...")."""
        seen: list[Entity] = []
        i = bisect.bisect_left(self.starts, char) - 1
        while i >= 0:
            entity = self.entities[self.mentions[i].entity]
            if entity.kind == EntityKind.PERSON and all(entity is not e for e in seen):
                titles = (t.split(",")[0] if own_words else t for t in entity.titles)
                if any(title in t.lower().split() for t in titles):
                    seen.append(entity)
                    yield entity
            i -= 1

    def person_titled(self, title: str, char: int) -> Entity | None:
        """The person mentioned last before ``char`` whose titles contain the word ``title``."""
        return next(self.people_titled(title, char), None)

    def _led_by(self, tok: Token, offset: int) -> Entity | None:
        """The party of an "X-led" modifier ("Saudi-led coalition", "U.S.-backed forces",
        "M23-appointed administrators", "rebel-installed officials")."""
        for child in tok.children:
            if child.dep_ in ("amod", "compound") and child.i < tok.i:
                words = [t for t in child.subtree]
                if any(t.lower_ in LED_MODIFIERS for t in words):
                    for t in words:
                        entity = self._demonym_entity(t) or self.entity_of(t, offset)
                        if entity is not None and entity.kind in SIDES:
                            return entity
        return None

    def body_before(self, char: int, window: int = 600) -> Entity | None:
        """The organisation or group mentioned last before ``char`` (within ``window`` characters)."""
        i = bisect.bisect_left(self.starts, char) - 1
        while i >= 0 and char - self.mentions[i].start <= window:
            entity = self.entities[self.mentions[i].entity]
            if entity.kind in (EntityKind.ORGANISATION, EntityKind.GROUP):
                return entity
            i -= 1
        return None

    def as_party(self, entity: Entity, at: int | None = None) -> Party | None:
        if entity.kind == EntityKind.LOCATION:
            state = self.gz.state_for(entity.name)
            if state is None:
                return None
            return Party(state.name, EntityKind.STATE.value, (entity.name, *state.aliases[:3]), state.country)
        country = entity.country
        if country is None and entity.kind == EntityKind.ORGANISATION and self._national(entity.name):
            # "the Defence Ministry": the state named just before, else the one the document is about;
            # "the navy": the one state whose navy the document names
            service = self._service_state(entity.name.lower()) if entity.name.lower() in self.services else None
            country = (self._state_named_in(entity.name) or service
                       or (self.state_before(at) if at is not None else None) or self.home)  # fmt: skip
        return Party(entity.name, entity.kind.value, entity.aliases, country, entity.id)

    def _capital_state(self, place: Entity) -> Entity:
        """A capital as its state (the government it stands for), any other place as it is."""
        state = self.gz.capital_state(place.name)
        if state is None:
            return place
        return Entity(place.id, state.name, EntityKind.STATE, state.aliases, state.country)

    def _state_named_in(self, name: str) -> str | None:
        """The state a body's own name gives ("the Royal Thai Army", "the Kenyan Defence Ministry")."""
        return next((e.country for w in name.split() if (e := self._named_by_word(w, (EntityKind.STATE,)))), None)

    def _national(self, name: str) -> bool:
        words = name.lower().split()
        if not words or words[-1] not in self.vocab["national_bodies"]:
            return False
        entry = self.gz.lookup(name)  # "the UN Security Council" is no state's council
        if entry is not None and entry.subtype in ("igo", "ngo"):
            return False
        # "the OAS Permanent Council": the OAS's body
        return self.gz.organisation_prefix(name, ("igo", "ngo")) is None

    def _neighbour_of(self, tok: Token, offset: int, depth: int) -> Party | None:
        """"accusing its neighbour of ...": the other side of the document's pair from the one
        whose neighbour it is (never that one itself); None when that is not clear."""
        poss = next((c for c in tok.children if c.dep_ == "poss"), None)
        if poss is None:
            return None
        owner = None
        if poss.tag_ == "PRP$":  # "its": the subject of the clause ("X filed a case, accusing its neighbour")
            verb = tok.head
            while verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i:
                verb = verb.head
            for v in (verb, verb.head):
                subject = next((c for c in v.children if c.dep_ in ("nsubj", "nsubjpass")), None)
                if subject is not None:
                    owner = self.party(subject, offset, depth + 1)
                    break
        owner = owner or self.party(poss, offset, depth + 1)
        if owner is None or len(self.pair) < 2 or owner.country is None:
            return None
        others = [p for p in self.pair[:2] if p.country != owner.country]
        return others[0] if len(others) == 1 else None

    def state_party(self, alpha3: str | None) -> Party | None:
        if not alpha3:
            return None
        try:
            state = self.gz.state(alpha3)
        except KeyError:
            return None
        return Party(state.name, EntityKind.STATE.value, state.aliases[:4], state.country)

    # ------------------------------------------------------------------ roles

    def party(self, tok: Token, offset: int, depth: int = 0) -> Party | None:
        """The party a role token stands for, or None."""
        if tok.ent_type_ in ("MONEY", "QUANTITY", "PERCENT"):
            return None  # "fined them 600 US dollars": an amount, not the United States
        warship = self._navy_ship(tok)
        if warship is not None:
            return warship
        mission = self._mission(tok)
        if mission is not None:  # "the Malaysian Embassy" (a facility to NER): Malaysia's
            for child in (c for c in mission.children if c.dep_ in MODIFIER_DEPS and c.i < mission.i):
                state = self._demonym_entity(child) or self.entity_of(child, offset)  # "Uzbekistan's embassy"
                if state is not None and state.kind == EntityKind.STATE:
                    return self.as_party(state, offset + child.idx)
        entity = self.entity_of(tok, offset)
        misread = entity is None or entity.kind in (EntityKind.LOCATION, EntityKind.PERSON)
        if misread and tok.pos_ == "PROPN" and self._ship(tok):
            # "the oil tanker Sea Falcon" parsed as one noun: the ship's name, whatever NER took it for
            flag = entity.country if entity is not None else None  # "a vessel operated by a Turkish firm"
            return Party(self._ship_name(tok), EntityKind.ORGANISATION.value, (), flag)
        if entity is not None and entity.kind == EntityKind.STATE and tok.ent_type_ == "NORP":
            minority = self._minority(tok, entity, offset)
            if minority is not None:
                return minority
        if entity is not None:
            parent = next((self.entity_of(c, offset) for c in tok.children if c.dep_ == "poss"), None)
            if parent is not None and parent.kind == EntityKind.ORGANISATION and entity.kind == EntityKind.ORGANISATION:
                # "the African Union's Peace and Security Council": the organisation's body, not the
                # document's state's
                return Party(entity.name, entity.kind.value, (*entity.aliases, parent.name), parent.country, entity.id)
            return self.as_party(entity, offset + tok.idx)
        if depth > 2:
            return None
        children = list(tok.children)
        if tok.lemma_.lower() in NEIGHBOUR_NOUNS:
            return self._neighbour_of(tok, offset, depth)
        if tok.lemma_.lower() in self.vocab["vessel_nouns"] and any(
            c.dep_ == "poss" and c.lower_ in ("their", "his", "her") for c in children
        ):
            teller = _teller(tok)  # "the migrants said officers had intercepted their dinghy": the migrants'
            if teller is not None:
                return self.party(teller, offset, depth + 1) or self.undergoers(teller, offset)
        if tok.lemma_.lower() in GOVERNMENT_NOUNS | SPOKEN_FOR_FORCES and any(
            c.dep_ == "poss" and c.lower_ in ("his", "her", "their") and self.entity_of(c, offset) is None
            for c in children
        ):
            teller = _teller(tok)  # "Nicaragua's envoy told the council his government would ...": his state's
            speaker = self.party(teller, offset, depth + 1) if teller is not None else None
            spoken_for = self.state_party(speaker.country) if speaker is not None else None
            if spoken_for is not None:
                return spoken_for
        counted = _counted(tok)  # "hundreds of Venezuelan migrants": the migrants
        if counted is not None:
            return self.party(counted, offset, depth + 1)
        for child in children:  # "the envoy, Jane Roe"
            if child.dep_ == "appos":
                found = self.party(child, offset, depth + 1)
                ship = child.pos_ == "PROPN" and self._ship(tok)
                if found is not None and ship and found.kind == EntityKind.PERSON.value:
                    return replace(found, kind=EntityKind.ORGANISATION.value)  # "the carrier Salt Meridian"
                if found is not None:
                    return found
                if ship:
                    # "the tanker Sea Falcon": a ship's name, whatever NER took it for (a facility, a place)
                    return Party(self._ship_name(child), EntityKind.ORGANISATION.value, (), None)
        # "the delegation led by X"; "a depot belonging to X", "a ship owned by X": its owner
        named = self._named_after(children, LEADER_VERBS, (), offset, depth)
        named = named or self._named_after(children, OWNER_VERBS, ("to", "by"), offset, depth)
        named = named or self._suspected_of(children, offset, depth)
        if named is not None:
            return named
        if tok.lemma_.lower() in self.vocab["body_nouns"]:  # "Yemen's Houthi movement": the movement, not Yemen
            for child in children:
                ent = self.entity_of(child, offset) if child.dep_ == "compound" and child.i < tok.i else None
                if ent is not None and ent.kind in (EntityKind.GROUP, EntityKind.ORGANISATION):
                    return self.as_party(ent, offset + child.idx)
        for child in children:  # "Russia's delegation", "Russian forces", "the UN panel's report"
            if child.dep_ in MODIFIER_DEPS and child.i < tok.i:
                ent = self.entity_of(child, offset) or self._demonym_entity(child)
                if ent is None and child.dep_ == "compound" and child.text[:1].isupper() and tok.lemma_ in MEMBERS:
                    named = self.body_named_with(child.lower_, offset + child.idx, between=4)  # "Council members"
                    if named is not None:
                        return named
                if ent is not None and ent.kind == EntityKind.PERSON and child.dep_ == "poss" and sector_of_person(tok):
                    spoken_for = self.state_party(ent.country)
                    if child.tag_ == "PRP$" and tok.lemma_.lower() in GOVERNMENT_NOUNS and spoken_for is not None:
                        # "the ambassador ... said his government would not abide by it": the state he
                        # speaks for (not a following of his own, as "Dagalo's government" may be)
                        return spoken_for
                    # "his forces", "Dagalo's fighters": the person's men, coded with his country
                    return Party(f"{ent.name} {tok.text}", EntityKind.GROUP.value, (ent.name,), ent.country)
                if ent is not None and ent.kind == EntityKind.LOCATION and child.dep_ == "poss":
                    ent = self._capital_state(ent)  # "Beijing's customs authority", "its" for Beijing
                if ent is None and child.dep_ == "poss":
                    owner = self.party(child, offset, depth + 1)
                    if owner is not None:
                        return owner
                if ent is None and child.dep_ in ("compound", "amod") and tok.lower_ in self.vocab["holdings"]:
                    group = f"{child.lower_}s"  # "rebel positions", "militant hideouts": the group's
                    if child.pos_ in ("NOUN", "ADJ") and group in self.vocab["actor_nouns"]:
                        # (the word it was named with as an alias: a side that holds ground, not
                        # the bare noun for victims that gives way to the document's other side)
                        return Party(group, EntityKind.GROUP.value, (child.lower_,), None)
                if ent is None and child.dep_ == "compound" and child.lemma_.lower() in self.units:
                    unit = self._unit_of(tok, child, offset, depth)  # "a Venezuelan navy boat": the navy's
                    if unit is not None:
                        return unit
                if ent is None or ent.kind not in (EntityKind.STATE, EntityKind.ORGANISATION, EntityKind.GROUP):
                    continue
                is_sector = tok.lemma_.lower() in self.vocab["actor_nouns"] | self.people or tok.lower_ in self.people
                if ent.kind in (EntityKind.STATE, EntityKind.ORGANISATION) and is_sector:
                    # a sector: "Kyrgyz officials" (country Kyrgyzstan), "a U.N. panel" (part of the UN)
                    base = self.as_party(ent, offset + child.idx)
                    assert base is not None
                    # named as written ("Kazakhstan's top diplomat", "Kyrgyz officials"): the actor
                    # registry resolves descriptions of office holders from that phrase
                    if child.pos_ == "PRON":
                        name = f"{base.name} {tok.text}"  # "its units": the owner's units
                    elif any(c.dep_ == "conj" for c in child.children):
                        name = f"{child.text} {tok.text}"  # "Uzbek and Turkmen ministers": the first
                    else:
                        name = _phrase(tok)
                    sector = Party(name, EntityKind.GROUP.value, (base.name, *base.aliases), ent.country)
                    self.sectors[tok.lemma_.lower()] = (sector, offset + tok.idx)  # "the panel" later on
                    return sector
                lead = hyphen_partner(child)  # "the US-UK strikes": the name written first
                led = self.entity_of(lead, offset) or self._demonym_entity(lead) if lead is not None else None
                if lead is not None and led is not None and led.kind in (EntityKind.STATE, EntityKind.ORGANISATION):
                    return self.as_party(led, offset + lead.idx)
                return self.as_party(ent, offset + child.idx)
        based = self._based_in_state(tok, offset)
        if based is not None:
            return based
        owner = self._noun_run_owner(tok, offset)
        if owner is not None:
            return owner
        if tok.lemma_.lower() in self.vocab["weapon"]:  # "fire from Peruvian positions"
            fired = [g for c in children if c.dep_ == "acl" for g in c.children]  # "rounds fired from X"
            if tok.dep_ in ("nsubj", "nsubjpass") and tok.head.pos_ == "VERB":
                fired += [g for g in tok.head.children if g.i > tok.i]  # "shells fired from X landed"
            for child in children + fired:
                if child.dep_ == "prep" and child.lower_ == "from":
                    source = next((self.party(p, offset, depth + 1) for p in child.children if p.dep_ == "pobj"), None)
                    # "fired from across the border with Myanmar": the state named inside the phrase
                    inside = (t for t in child.subtree if t.i != child.i and t.ent_type_ in ("GPE", "NORP"))
                    source = source or next((s for t in inside if (s := self.party(t, offset, depth + 1))), None)
                    if source is not None:
                        return source
        held = of_object(tok) if tok.lemma_.lower() in self.vocab["premises"] else None
        if held is not None and (found := self.party(held, offset, depth + 1)) is not None:
            return found  # "the compound of the French embassy": the embassy's
        for child in children:  # "the foreign ministers of Japan", "soldiers from Guyana"
            if child.dep_ == "prep" and self._of_side(tok, child):
                for pobj in child.children:
                    if pobj.dep_ == "pobj":
                        ent = self.entity_of(pobj, offset)
                        if ent is not None and ent.kind in (EntityKind.STATE, EntityKind.ORGANISATION):
                            return self.as_party(ent, offset + pobj.idx)
                        if ent is None and (pobj.pos_ == "PROPN" or in_words(pobj, self.vocab["missions"])
                                            or in_words(pobj, self.vocab["national_bodies"])):
                            # "a staff member of India's High Commission": the body's state
                            state = next((self.entity_of(c, offset) for c in pobj.children if c.dep_ == "poss"), None)
                            if state is not None and state.kind == EntityKind.STATE:
                                return self.as_party(state, offset + pobj.idx)
        definite = any(c.dep_ == "det" and c.lower_ in ("the", "this", "that", "these") for c in children)
        if (definite and tok.lower_ in ("country", "nation") and len(children) == 1
                and children[0].lower_ == "the"):  # fmt: skip
            verb = next((a for a in tok.ancestors if a.pos_ in ("VERB", "AUX")), None)
            subject = next((c for c in verb.children if c.dep_ == "nsubj"), None) if verb is not None else None
            own = self.entity_of(subject, offset) if subject is not None else None
            # "Guinea cut flights to the country": the state just named, not the one acting
            named = self.state_party(self.state_before(offset + tok.idx, 300, own.country if own else None))
            if named is not None:  # "suspended transactions with the country": the state just named
                return named
        sector_named = self.sectors.get(tok.lemma_.lower())
        if definite and sector_named is not None and sector_named[1] < offset + tok.idx:
            # "the panel": the U.N. panel named before (not one named later in the sentence, looked
            # at first: "The President spoke with the Rwandan President")
            return sector_named[0]
        if definite and tok.pos_ == "NOUN":
            named = self.body_named_with(tok.text.lower(), offset + tok.idx)
            if named is not None:
                return named
            if not self._armed(tok) and tok.tag_ == "NN":
                # "the committee": the National Security Committee named before it (not "the
                # army", read by the armed services below)
                headed = self.body_headed_by(tok.lower_, offset + tok.idx)
                if headed is not None:
                    return self.as_party(headed, offset + tok.idx)
        if definite and tok.lemma_.lower() in self.vocab["title_nouns"]:
            holder = self.person_titled(tok.lemma_.lower(), offset + tok.idx)
            if holder is not None:  # "the minister": the person last named with that title
                return self.as_party(holder)
        if tok.lemma_.lower() in self.vocab["body_nouns"] and definite:
            # "the group", "the militia": the organisation named last before it
            body = self.body_before(offset + tok.idx)
            if body is not None:
                return self.as_party(body, offset + tok.idx)
        if tok.lemma_.lower() in self.vocab["actor_nouns"] or tok.lower_ in self.vocab["actor_nouns"]:
            where = self.place_complement(tok, offset)  # "police in Dhaka": the country of the place
            led = self._led_by(tok, offset)  # "the Saudi-led coalition": the leading state
            if led is not None:
                return Party(_phrase(tok), EntityKind.GROUP.value, (led.name, *led.aliases[:3]), led.country)
            owner = self._service_owner(tok, offset) if definite and where is None else None
            if owner is not None:  # "the navy": the one state whose navy the document names
                return Party(tok.lower_, EntityKind.GROUP.value, (owner.name, *owner.aliases), owner.country)
            if definite and where is None and tok.lemma_.lower() in self.vocab["civil_bodies"]:
                # "the foreign ministry", "the government" in a report datelined in a capital: that
                # capital's state's (the state the report speaks from)
                home = self.state_party(self.dateline_home)
                if home is not None:
                    return Party(_phrase(tok), EntityKind.GROUP.value, (home.name, *home.aliases), home.country)
            # a bare noun, named as written: "gunmen" or "a gunman" ("troop" is no name for troops)
            return Party(tok.lower_, EntityKind.GROUP.value, (), where.country if where else None)
        return None

    def _service_owner(self, tok: Token, offset: int) -> Party | None:
        """ "the navy" with no state: the one state the document names with that service, else
        the state whose statement tells of it ("Venezuela said ... since the navy seized")."""
        if tok.lower_ not in self.services:
            return None
        if self._service_states(tok.lower_):  # (two states' navies named: neither is "the navy")
            return self.state_party(self._service_state(tok.lower_))
        speaker = speaker_of(tok)
        entity = self.entity_of(speaker, offset) if speaker is not None else None
        return self.state_party(entity.country) if entity is not None and entity.kind == EntityKind.STATE else None

    def _service_state(self, word: str) -> str | None:
        """The country of the one state the document names with the armed service ``word`` ("the
        Venezuelan navy", "Venezuela's navy", "under Venezuelan naval escort")."""
        owners = self._service_states(word)
        return next(iter(owners)) if len(owners) == 1 else None

    def _service_states(self, word: str) -> set[str]:
        """The states the document names with the service ``word``, read from the text once."""
        if word not in self._service_owners:
            self._service_owners[word] = self._read_service_states(word)
        return self._service_owners[word]

    def _read_service_states(self, word: str) -> set[str]:
        words = self.services.get(word)
        owners: set[str] = set()
        if words is None:
            return owners
        for m in re.finditer(rf"\b([A-Z][\w.]*?)(?:['’]s)?\s+(?i:{words})\b", self.text):
            entity = self.entity_at(m.start(1))
            entry = self.gz.lookup(m.group(1)) if entity is None else None
            if entity is not None and entity.kind == EntityKind.STATE and entity.country:
                owners.add(entity.country)
            elif entry is not None and entry.kind == EntityKind.STATE and entry.country:
                owners.add(entry.country)
        return owners

    def located(self, name: str) -> str | None:
        """The country of a town the article itself locates in a known place ("the army post at
        Téra, in the Tillabéri region"; "Iferouane, in northern Niger"), read from the text once."""
        if self._located is None:
            self._located = self._read_located()
        return self._located.get(name.casefold())

    def _read_located(self) -> dict[str, str]:
        found: dict[str, str] = {}
        for m in LOCATED.finditer(self.text):
            town, where = m.group(1), m.group(2)
            known = self.entity_at(m.start(1))
            if known is not None and (known.kind != EntityKind.LOCATION or known.country):
                continue  # a state, a body, a person, or a place whose country is known already
            if self.gz.lookup(town) is not None:
                continue
            entity = self.entity_at(m.start(2))
            if entity is not None and entity.kind in (EntityKind.STATE, EntityKind.LOCATION):
                country = entity.country or self.gz.country_of_place(entity.name)
            else:
                country = self.gz.country_of_place(where)
            if country:
                found.setdefault(town.casefold(), country)
        return found

    def _armed(self, tok: Token) -> bool:
        """A body or unit, whose side "from X" names ("soldiers from Guyana", "guards from X")."""
        return in_words(tok, self.forces)

    def _of_side(self, tok: Token, prep: Token) -> bool:
        """Whether a preposition names whose ``tok`` is: "of" ("the ministers of Japan"), or "from"
        after bodies, units and office holders ("soldiers from Guyana", "commanders from Peru and
        Chile"; not "a letter from Japan")."""
        if prep.lower_ == "of":
            return True
        lemma = tok.lemma_.lower()
        return prep.lower_ == "from" and (self._armed(tok) or lemma in self.vocab["title_nouns"]
                                          or lemma in self.vocab["envoys"] or lemma in self.vocab["office_nouns"])

    def _unit_of(self, tok: Token, unit: Token, offset: int, depth: int) -> Party | None:
        """The armed or official body a boat or post belongs to, named by a compound before it
        ("a Venezuelan navy boat", "a Chinese coast guard vessel"), when its state is named."""
        found = self.party(unit, offset, depth + 1)
        if found is not None and found.country is not None:
            return found
        for t in (t for t in tok.subtree if t.i < unit.i and t.dep_ in MODIFIER_DEPS):
            ent = self._demonym_entity(t) or self.entity_of(t, offset)
            if ent is not None and ent.kind == EntityKind.STATE:
                state = self.as_party(ent, offset + t.idx)
                if state is not None:
                    name = " ".join(w.text for w in tok.subtree if t.i <= w.i <= unit.i)
                    return Party(name, EntityKind.GROUP.value, (state.name, *state.aliases), ent.country)
        return None

    def undergoers(self, tok: Token, offset: int) -> Party | None:
        """A bare noun for people something is done to ("arrested five men", "aid to displaced
        residents of X"), named as written, with the country of its place complement."""
        tok = _counted(tok) or tok  # "a group of residents", "hundreds of students": those counted
        carried = next(  # "a boat carrying 40 migrants": the migrants
            (o for c in tok.children if c.dep_ == "acl" and c.lemma_ in ("carry", "transport") for o in c.children
             if o.dep_ == "dobj"),
            None,
        )  # fmt: skip
        if carried is not None:
            tok = _counted(carried) or carried
        if tok.pos_ not in ("NOUN", "ADJ") or (
            tok.lemma_.lower() not in self.vocab["undergoer_nouns"] and tok.lower_ not in self.vocab["undergoer_nouns"]
        ):
            return None
        where = self.place_complement(tok, offset)
        return Party(_phrase(tok), EntityKind.GROUP.value, (), where.country if where else None)

    def place_complement(self, tok: Token, offset: int) -> Place | None:
        """The place of an "in"/"of" complement: "police in Dhaka", "residents of X island"."""
        return next(
            (
                self.place(q, offset)
                for c in tok.children
                if c.dep_ == "prep" and c.lower_ in ("in", "of")
                for q in c.children
                if q.dep_ == "pobj"
            ),
            None,
        )

    def _named_after(
        self, children: list[Token], verbs: frozenset[str], preps: tuple[str, ...], offset: int, depth: int
    ) -> Party | None:
        """The party named after a participle of the noun: its agent ("led by X") or the object
        of one of ``preps`` ("belonging to X")."""
        for child in children:
            if child.dep_ != "acl" or child.lemma_ not in verbs:
                continue
            for link in child.children:
                if link.dep_ == "agent" or (link.dep_ == "prep" and link.lower_ in preps):
                    for pobj in (p for p in link.children if p.dep_ == "pobj"):
                        found = self.party(pobj, offset, depth + 1)
                        if found is not None:
                            return found
        return None

    def _minority(self, tok: Token, kin: Entity, offset: int) -> Party | None:
        """A people named by a demonym who live in another state ("ethnic Serbs in northern
        Kosovo"): a group of that state, not the state of the demonym."""
        if tok.tag_ not in ("NNPS", "NNS"):
            return None  # "the Serbian government", "Serb forces": the state's
        where = self.place_complement(tok, offset)
        ethnic = any(c.dep_ == "amod" and c.lower_ == "ethnic" for c in tok.children)
        elsewhere = where is not None and where.country is not None and where.country != kin.country
        if not (ethnic or elsewhere):
            return None
        name = f"ethnic {tok.text}" if ethnic else tok.text
        return Party(name, EntityKind.GROUP.value, (tok.text,), where.country if elsewhere and where else None)

    def _suspected_of(self, children: list[Token], offset: int, depth: int) -> Party | None:
        """People "suspected of links to X" or "accused of belonging to X": X's."""
        for child in children:
            if child.dep_ != "acl" or child.lemma_.lower() not in SUSPECT_VERBS:
                continue
            ties = [t for c in child.children if c.dep_ == "prep" and c.lower_ == "of"
                    for t in c.children if t.dep_ in ("pobj", "pcomp") and t.lemma_.lower() in TIE_NOUNS]  # fmt: skip
            for tie in ties:
                for pobj in (p for c in tie.children if c.dep_ == "prep" and c.lower_ in ("to", "with", "in")
                             for p in c.children if p.dep_ == "pobj"):  # fmt: skip
                    found = self.party(pobj, offset, depth + 1)
                    if found is not None:
                        return found
        return None

    def _ship(self, tok: Token) -> bool:
        """A ship: a vessel noun ("the tanker"), or a name it heads ("the oil tanker Sea Falcon") or
        describes ("the Sea Falcon, a Liberia-flagged oil tanker")."""
        vessels = self.vocab["vessel_nouns"]
        return tok.lemma_.lower() in vessels or (
            tok.pos_ == "PROPN"
            and any(c.dep_ in ("compound", "appos") and c.lemma_.lower() in vessels for c in tok.children)
        )

    def _navy_ship(self, tok: Token) -> Party | None:
        """A ship named with its navy's prefix ("USS Carrow Point", "HMS Diamond"): of that navy's
        state, whatever NER took the name for. The prefix must open a run of proper nouns ending
        at ``tok`` and be followed by a capitalised word (not a headline's run of capitals)."""
        if tok.pos_ != "PROPN":
            return None
        doc, prefixes = tok.doc, self.gz.ship_prefixes
        start = next((t.i for t in tok.lefts if t.dep_ == "compound" and t.text in prefixes), None)
        if start is None or not doc[start + 1].text.istitle():
            return None
        if any(t.pos_ not in ("PROPN", "NUM") for t in doc[start : tok.i + 1]):
            return None
        alpha3 = prefixes[doc[start].text]
        return Party(doc[start : tok.i + 1].text, EntityKind.ORGANISATION.value, (), alpha3)

    def _ship_name(self, tok: Token) -> str:
        """The proper nouns of a ship's name up to ``tok``, after its vessel noun ("the Kalymnos
        trawler Agia Marina II": Agia Marina II)."""
        vessels = self.vocab["vessel_nouns"]
        start = max((t.i + 1 for t in tok.subtree if t.i < tok.i and t.lemma_.lower() in vessels), default=0)
        return " ".join(t.text for t in tok.subtree if start <= t.i <= tok.i and t.pos_ == "PROPN")

    def parties(self, tok: Token, offset: int, undergoer: bool = False) -> list[Party]:
        """The party of ``tok`` and of its conjuncts ("Japan, China and South Korea"), and the
        sectors of conjoined demonyms ("Uzbek and Turkmen ministers"); with ``undergoer`` (a
        recipient), a bare noun for people counts as a party too ("five men")."""
        def named(t: Token) -> list[Party]:
            return self.dyad(t) or self.listed_group(t, offset) or self.titled_pair(t, offset)

        pair = named(tok) or next(
            (found for c in tok.children if c.dep_ == "prep" and c.lower_ in ("of", "from")
             for q in c.children if q.dep_ == "pobj" and (found := named(q))),
            [],
        ) or next((found for c in tok.children if c.dep_ == "poss" and (found := named(c))), [])  # fmt: skip
        if pair:  # "the foreign ministers of the two countries", "vice-ministers from both countries"
            return list(pair)
        owners = self._missions_listed(tok)
        if owners is not None:  # "attacked several embassies ..., including those of Rwanda, France"
            tok = owners
        if tok.lower_ in RELATIVE_PRONOUNS and tok.head.dep_ == "relcl" and tok.head.head.i != tok.head.i:
            tok = tok.head.head  # "the men, who were arrested by X": the men
        elif tok.lower_ in ("which", "that") and tok.head.dep_ == "relcl" and self._ship(tok.head.head):
            tok = tok.head.head  # "the tanker Sea Falcon, which its navy seized": the ship
        elif tok.lower_ in ("them", "him", "her") and tok.dep_ == "dobj" and tok.head.dep_ == "pcomp":
            # "has held two aid workers since abducting them": the object of the clause it hangs from
            tok = next((c for c in tok.head.head.head.children if c.dep_ == "dobj"), tok)
        elif tok.lower_ == "whose":  # "the envoy, whose visit on 3 November opened the door": the envoy
            node = tok
            for _ in range(4):
                if node.dep_ == "relcl" or node.head.i == node.i:
                    break
                node = node.head
            if node.dep_ == "relcl":
                tok = node.head
        out: list[Party] = []

        def add(p: Party | None) -> None:
            if p is not None and all(p.name != q.name for q in out):
                out.append(p)

        def one(t: Token) -> Party | None:
            return self.party(t, offset) or (self.undergoers(t, offset) if undergoer else None)

        first = one(tok)
        partner = hyphen_partner(tok)
        if partner is not None and first is not None:  # "US-UK strikes": the name written first leads
            add(one(partner))
        if undergoer and first is not None and first.name == tok.lower_ and tok.lemma_.lower() in self.vocab["weapon"]:
            return []  # "seized three drones": bare drones attack as actors, but are no one's recipients
        if first is not None:
            # "Albrecht and Foreign Minister Tomas Jurgaitis met": the parser hung the first name on the
            # second as a modifier joined by "and"; it is a party of its own, written first
            for m in tok.children:
                if (m.dep_ in ("nmod", "compound") and m.i < tok.i and m.pos_ == "PROPN"
                        and any(c.dep_ == "cc" and c.lower_ == "and" for c in m.children)):  # fmt: skip
                    lead = self.party(m, offset)  # (a person: not "AU Peace and Security Council")
                    if lead is not None and lead.kind == EntityKind.PERSON.value:
                        add(lead)
        add(first)
        if first is not None:
            for m in (c for c in tok.children if c.dep_ in ("amod", "compound", "nmod") and c.i < tok.i):
                for other in conjuncts(m):
                    ent = self.entity_of(other, offset) or self._demonym_entity(other)
                    base = self.as_party(ent) if ent is not None and ent.kind == EntityKind.STATE else None
                    if base is not None and all(q.country != base.country for q in out):  # ("Trinidad and Tobago")
                        add(
                            Party(
                                f"{other.text} {tok.text}",
                                EntityKind.GROUP.value,
                                (base.name, *base.aliases),
                                ent.country if ent else None,
                            )
                        )
        for t in conjuncts(tok):
            add(one(t))
        if (len(out) == 1 or (not out and self._armed(tok))) and tok.dep_ != "conj":
            # "the ministers of Japan, China and South Korea": conjuncts sit under the "of" object;
            # "border guards from Bangladesh and Myanmar": the guards are of both
            for child in tok.children:
                if child.dep_ == "prep" and self._of_side(tok, child):
                    for pobj in child.children:
                        for t in conjuncts(pobj):
                            add(self.party(t, offset))
        return out

    def place(self, tok: Token, offset: int) -> Place | None:
        """The place a token names: a place entity, or "the <demonym> town of X" / "X's border"."""
        entity = self.entity_of(tok, offset)
        if entity is not None and entity.kind in (EntityKind.LOCATION, EntityKind.STATE):
            country = (entity.country or self.gz.country_of_place(entity.name) or self._country_around(tok, offset)
                       or self.located(entity.name))  # fmt: skip
            return Place(entity.name, country)
        if entity is None and (town := self._untagged_town(tok)) is not None:
            return town
        if tok.lemma_.lower() in PARTS_OF_PLACES and (within := of_object(tok)) is not None:
            return self.place(within, offset)  # "the whole of Téra department", "parts of Kassala state"
        if tok.pos_ == "NOUN" and tok.lemma_.lower() in self.vocab["place_nouns"]:
            named = of_object(tok)  # "the town of X"
            inner = self.place(named, offset) if named is not None else None
            country = (
                self._country_around(named, offset) if named is not None else self._country_of_modifiers(tok, offset)
            )
            if inner is not None:
                return Place(inner.name, inner.country or country)
            if named is not None and named.pos_ == "PROPN":
                return Place(named.text, country or self.gz.country_of_place(named.text))
            for child in (c for c in tok.children if c.dep_ == "compound" and c.i < tok.i and c.pos_ == "PROPN"):
                ent = self.entity_of(child, offset)  # "the Agadez region", "the Bekabad district"
                if ent is not None and ent.kind == EntityKind.LOCATION:
                    return self.place(child, offset)
                if ent is None and (town := self._untagged_town(child)) is not None:
                    return town
        return None

    def _untagged_town(self, tok: Token) -> Place | None:
        """A one-word proper noun the entity layer did not resolve that the gazetteer knows as a
        town or region ("Agadez", which the tagger may call a product); not a person's or a
        body's name ("Jackson", "Paris Saint-Germain")."""
        if tok.pos_ != "PROPN" or tok.ent_type_ in ("PERSON", "ORG", "NORP"):
            return None
        if any(c.dep_ == "compound" and c.pos_ == "PROPN" and c.i < tok.i for c in tok.children):
            return None  # the last word of a longer name ("Barra del Colorado" is no US state)
        known = self.gz.lookup(tok.text)
        if known is not None:
            return Place(known.name, known.country) if known.kind == EntityKind.LOCATION else None
        country = self.located(tok.text)
        return Place(tok.text, country) if country else None

    def _based_in_state(self, tok: Token, offset: int) -> Party | None:
        """Those a state harbours: "Somalia-based commanders" (a group of the state's country, named
        as written, not the state itself)."""
        for child in tok.children:
            if child.dep_ != "amod" or child.lemma_.lower() != "base" or child.i > tok.i:
                continue
            for where in child.children:
                ent = self.entity_of(where, offset) if where.dep_ in ("npadvmod", "compound") else None
                if ent is not None and ent.kind == EntityKind.STATE:
                    base = self.as_party(ent, offset + where.idx)
                    assert base is not None
                    return Party(_phrase(tok), EntityKind.GROUP.value, (base.name, *base.aliases), ent.country)
        return None

    def _noun_run_owner(self, tok: Token, offset: int) -> Party | None:
        """The state opening a run of nouns that ends in ``tok`` ("Vietnamese fisheries patrol
        vessels"), when the parser hung the name on an inner noun by a dependency the modifier
        loop does not follow."""
        left = [t for t in tok.subtree if t.i < tok.i]
        while left and left[0].dep_ in ("det", "predet"):  # "a US fighter jet"
            left = left[1:]
        if len(left) < 2 or left[-1].i != tok.i - 1:
            return None
        first = left[0]
        between = tok.doc[first.i + 1 : tok.i]
        if len(left) != tok.i - first.i or any(t.pos_ not in ("NOUN", "PROPN", "ADJ") for t in between):
            return None
        ent = self.entity_of(first, offset) or self._demonym_entity(first)
        if ent is None or ent.kind != EntityKind.STATE:
            return None
        return self.as_party(ent, offset + first.idx)

    def _country_of_modifiers(self, tok: Token, offset: int) -> str | None:
        for child in tok.children:
            if child.dep_ in MODIFIER_DEPS and child.i < tok.i:
                ent = self.entity_of(child, offset)
                if ent is not None and ent.kind == EntityKind.STATE:
                    return ent.country
        return None

    def _country_around(self, tok: Token, offset: int) -> str | None:
        """The country of "the Kyrgyz town of X": the modifier of the noun X hangs from."""
        town = of_head(tok)
        return self._country_of_modifiers(town, offset) if town is not None else None

    def _missions_listed(self, tok: Token) -> Token | None:
        """The first owner listed for missions named without one: Rwanda in "several embassies in
        Kinshasa, including those of Rwanda, France and Belgium" (the parser may hang the
        "including" phrase on the verb)."""
        if tok.lemma_.lower() not in self.vocab["missions"] or tok.tag_ != "NNS":
            return None
        hosts = [tok, tok.head] if tok.dep_ in ("dobj", "nsubjpass") else [tok]
        for host in hosts:
            for inc in host.children:
                if inc.dep_ != "prep" or inc.lower_ != "including" or inc.i < tok.i:
                    continue
                for those in (p for p in inc.children if p.dep_ == "pobj" and p.lower_ == "those"):
                    return of_object(those)
        return None

    def _mission(self, tok: Token) -> Token | None:
        """The mission noun of "the Malaysian Embassy" or "the Turkish consulate general" (which
        the parser heads with "general")."""
        if tok.lemma_.lower() in self.vocab["missions"]:
            return tok
        if tok.lower_ == "general":
            missions = self.vocab["missions"]
            return next((c for c in tok.children if c.dep_ == "compound" and c.lemma_.lower() in missions), None)
        return None

    def is_place(self, tok: Token, offset: int) -> bool:
        """A place that is not a state: a city, region, or "the town of X" (a state's mission,
        "the Malaysian Embassy", is no place: it stands for the state)."""
        if self._mission(tok) is not None or (tok.pos_ == "PROPN" and self._ship(tok)):
            return False  # nor is a named ship ("the Sea Falcon, a tanker"), whatever NER took it for
        entity = self.entity_of(tok, offset)
        if entity is not None:
            return entity.kind == EntityKind.LOCATION
        return self.place(tok, offset) is not None


def hyphen_partner(tok: Token) -> Token | None:
    """The name joined to ``tok`` by a hyphen before it ("US" in "US-UK strikes", "Thai" in
    "Thai-Cambodian drills"), whatever dependency the parser gave it."""
    if tok.i < 2:
        return None
    doc = tok.doc
    dash, first = doc[tok.i - 1], doc[tok.i - 2]
    if dash.text not in NAME_HYPHENS or dash.whitespace_ or first.whitespace_ or first.head.i != tok.i:
        return None
    return first if first.text[:1].isupper() and tok.text[:1].isupper() else None


REPORTING_VERBS = frozenset({"say", "announce", "report", "confirm", "state", "tell", "add"})
WARNING_VERBS = frozenset({"warn", "vow", "promise", "pledge", "swear"})  # "warned that X will not go unpunished"


def speaker_of(tok: Token, also: frozenset[str] = frozenset()) -> Token | None:
    """The subject of the reporting verb (or of one of ``also``) that governs ``tok`` ("the
    ministry said ...")."""
    node = tok
    for _ in range(4):
        if node.head.i == node.i:
            return None
        node = node.head
        if node.lemma_.lower() in REPORTING_VERBS or node.lemma_.lower() in also:
            # ("X recalled its envoy and said ...": a conjunct shares its subject, as does a verb of a
            # list the parser broke up: "X recalls its envoy, says ...")
            teller: Token | None = node
            while teller is not None and not any(c.dep_ == "nsubj" for c in teller.children):
                teller = teller.head if teller.dep_ == "conj" else listed_before(teller)
            return next((c for c in teller.children if c.dep_ == "nsubj"), None) if teller is not None else None
    return None


# A state's own forces, as one who speaks for it names them ("the minister said his army would ...")
SPOKEN_FOR_FORCES = frozenset({"army", "military", "navy"})


def _teller(tok: Token) -> Token | None:
    """The noun subject of the verb whose reported clause holds ``tok`` ("the migrants told officials
    that ... their dinghy"): whom a possessive pronoun in reported speech most likely means."""
    node = tok
    for _ in range(6):
        if node.head.i == node.i:
            return None
        if node.dep_ == "ccomp":
            teller = node.head
            if teller.dep_ == "conj" and not any(c.dep_ == "nsubj" for c in teller.children):
                teller = teller.head  # "X said ..., then added that his army would ...": X's
            subject = next((c for c in teller.children if c.dep_ == "nsubj"), None)
            return subject if subject is not None and subject.pos_ == "NOUN" else None
        node = node.head
    return None


def _counted(tok: Token) -> Token | None:
    """What a measure noun counts: "hundreds of migrants", "a group of residents"."""
    if tok.lemma_.lower() not in MEASURES:
        return None
    return next((p for c in tok.children if c.dep_ == "prep" and c.lower_ == "of" for p in c.children), None)


def _phrase(tok: Token) -> str:
    """A noun phrase up to its head, without leading determiners: "the Kyrgyz officials" -> "Kyrgyz officials"."""
    start = tok.left_edge.i
    doc = tok.doc
    while start < tok.i and doc[start].dep_ in ("det", "predet", "punct"):
        start += 1
    return doc[start : tok.i + 1].text


NEIGHBOUR_NOUNS = frozenset({"neighbour", "neighbor"})  # "its neighbour": the other side of a pair


def sector_of_person(tok: Token) -> bool:
    """Nouns for the armed or political following of a person ("his forces", "her party") or the
    government a leader heads ("President X's government")."""
    return tok.lemma_.lower() in {
        "force",
        "troop",
        "fighter",
        "militia",
        "army",
        "soldier",
        "supporter",
        "party",
        "men",
        "government",
        "administration",
        "cabinet",
        "regime",
    }
