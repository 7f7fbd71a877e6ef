"""The gazetteer: the names English news uses for states, places and organisations.

It turns "Greek", "the Hellenic Republic", "the Elysee", "Nairobi", "NATO" or "U.S." into one
canonical entry each (:class:`GazetteerEntry`) with its kind and ISO 3166-1 alpha-3 country.
The data are tab-separated files in ``dateline/data/gazetteer/`` (states, cities and regions,
organisations and armed groups, government metonyms, name-clash preferences and the coverage
exceptions); this module only indexes them.

Matching rules (every lookup is one or two dict hits on a normalised key):

- case-, diacritic- and punctuation-insensitive: "Cote d'Ivoire" = "Côte d’Ivoire",
  "U.S." = "US", "Guinea-Bissau" = "Guinea Bissau"; a leading "the" is optional;
- except for two guards against ordinary words: acronyms of up to three letters ("US", "UN",
  "WHO", "CAR") match only when written in capitals, and names listed in
  ``common_words.txt`` ("Turkey", "Chad", "Nice") only when written with a capital;
- possessives are not stripped: pass "Russia", not "Russia's" (:meth:`Gazetteer.demonym_prefix`
  is the one method that reads a possessive, because it parses a longer phrase);
- "the North"/"the South" and other context-dependent names are deliberately absent.

When several things share a name, ``preferences.tsv`` says which one wins, and otherwise the
more specific kind of match does (state name > state alias > organisation > demonym >
metonym > capital > city > region).
"""

from __future__ import annotations

import csv
import functools
import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, replace
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path

import pycountry

from ..records import EntityKind

__all__ = ["Gazetteer", "GazetteerEntry"]

_DATA = ("dateline", "data/gazetteer")


@dataclass(frozen=True)
class GazetteerEntry:
    """One canonical thing and how a looked-up text matched it.

    ``matched_as`` is one of ``name``, ``alias``, ``demonym`` (state matches), ``metonym``
    ("the Kremlin"), ``capital``, ``city``, ``region`` (places), ``organisation`` or ``group``.
    ``subtype`` refines the kind: ``state``/``territory``, ``city``/``region``,
    ``igo``/``ngo``/``national``/``armed``. ``sovereign`` is the alpha-3 of the state a
    dependent territory belongs to; ``capital`` flags a capital or seat of government.
    """

    name: str
    kind: EntityKind
    country: str | None
    aliases: tuple[str, ...]
    matched_as: str
    subtype: str = ""
    capital: bool = False
    sovereign: str | None = None
    key: str = ""  # stable id: "state:PRK", "org:NATO", "place:KOR:Busan"


# ------------------------------------------------------------------------- normalising

_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "ʻ": "'", "`": "'", "´": "'", "ʼ": "'"})
_LETTERS = str.maketrans({"ø": "o", "Ø": "O", "æ": "ae", "Æ": "AE", "ł": "l", "Ł": "L", "đ": "d",
                          "Đ": "D", "ı": "i", "ð": "d", "þ": "th", "œ": "oe", "Œ": "OE"})  # fmt: skip
_SEPARATORS = re.compile(r"[\s\-‐‑‒–—/,]+")
_DROP = re.compile(r"[.()'\"“”]")


def _plain(text: str) -> str:
    """Unify apostrophes, drop diacritics, periods and brackets; separators become spaces."""
    text = unicodedata.normalize("NFKD", text.translate(_APOSTROPHES).translate(_LETTERS))
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = _DROP.sub("", text.replace("&", " and "))
    return _SEPARATORS.sub(" ", text).strip()


@functools.lru_cache(maxsize=1 << 16)
def fold(text: str) -> str:
    """The index key of a name: plain, case-folded ("Côte d’Ivoire" -> "cote d'ivoire")."""
    return _plain(text).casefold()


_OPENING = re.compile(r"[^\W_]+")


def _opening(key: str) -> str:
    """The first run of letters and digits of a folded name ("al" of "al-shabaab")."""
    found = _OPENING.match(key)
    return found.group() if found else key


_ANY, _UPPER, _CAPITAL = 0, 1, 2


def _case_ok(rule: int, text: str) -> bool:
    if rule == _UPPER:
        return not any(ch.islower() for ch in text)
    if rule == _CAPITAL:
        return any(ch.isupper() for ch in text)
    return True


def _without_the(text: str) -> str:
    return text[4:] if text[:4].casefold() == "the " else text


# ------------------------------------------------------------------------- reading data

_Adder = Callable[[str, str, str], None]

# the word that may follow a province's name ("Borno State", "Gedo region")
_PROVINCE_WORDS = re.compile(r" (?:state|province|region|governorate|department|prefecture|county|district)$")

_RANK = {"name": 0, "alias": 1, "organisation": 2, "group": 2, "demonym": 3, "metonym": 4,
         "capital": 5, "city": 6, "region": 7}  # fmt: skip


def _rows(path: Traversable, width: int) -> Iterator[list[str]]:
    with path.open("r", encoding="utf-8") as fh:
        for n, row in enumerate(csv.reader(fh, delimiter="\t", quoting=csv.QUOTE_NONE), 1):
            if not row or row[0].startswith("#"):
                continue
            if len(row) != width:
                raise ValueError(f"{path.name}:{n}: expected {width} tab-separated fields, got {len(row)}")
            yield [cell.strip() for cell in row]


def _split(cell: str) -> list[str]:
    return [p.strip() for p in cell.split("|") if p.strip()]


def _country(cell: str) -> str | None:
    return None if cell in ("", "-") else cell


def _plurals(demonym: str) -> list[str]:
    """Regular English plurals of a demonym ("Iraqi" -> "Iraqis"; "Swiss", "Chinese" none)."""
    low = demonym.lower()
    if low.endswith("woman"):
        return [demonym[:-5] + "women"]
    if low.endswith("man") and not low.endswith("german"):
        return [demonym[:-3] + "men"]
    if low.endswith(("s", "x", "z", "sh", "ch", "y", "ese")):
        return []
    return [demonym + "s"]


def _dedupe(names: Iterable[str], *skip: str) -> tuple[str, ...]:
    seen = {fold(s) for s in skip}
    out = []
    for n in names:
        k = fold(n)
        if k and k not in seen:
            seen.add(k)
            out.append(n)
    return tuple(out)


@dataclass(frozen=True)
class _Candidate:
    key: str  # entry key: "state:RUS"
    matched_as: str
    rule: int
    order: int  # data order, for stable ties


class Gazetteer:
    """Indexes of the gazetteer data; build once (:meth:`default`) and share."""

    def __init__(self, data: Traversable | Path | None = None) -> None:
        root: Traversable = data if data is not None else resources.files(_DATA[0]).joinpath(_DATA[1])
        self._base: dict[str, GazetteerEntry] = {}  # entry key -> entry (matched_as "name")
        self.demonyms: dict[str, tuple[str, ...]] = {}  # alpha-3 -> demonyms as written in data
        self.capitals: dict[str, list[str]] = {}  # alpha-3 -> capital / seat names
        self.sources: dict[str, str] = {}  # entry key -> data file
        common = {fold(w) for w in self._lines(root / "common_words.txt")}
        self._person_names = frozenset(fold(w) for w in self._lines(root / "person_names.txt"))
        candidates: dict[str, list[_Candidate]] = {}
        order = 0

        def add(name: str, key: str, matched_as: str) -> None:
            nonlocal order
            k = fold(name)
            if not k:
                return
            letters = _plain(name).replace(" ", "")
            rule = _ANY
            if letters.isalpha() and letters.isupper() and len(letters) <= 3:
                rule = _UPPER
            elif k in common or (k.startswith("the ") and k[4:] in common):
                rule = _CAPITAL
            order += 1
            candidates.setdefault(k, []).append(_Candidate(key, matched_as, rule, order))

        self._load_states(root, add)
        self._load_places(root, add)
        self._load_organisations(root, add)
        self._load_metonyms(root, add)
        self._preferences = self._load_preferences(root)
        self.ship_prefixes = self._load_ship_prefixes(root)  # "USS" -> "USA": whose navy a ship is of
        self.collisions: dict[str, tuple[str, ...]] = {}  # same-rank name clashes not settled by data
        self.shadowed: dict[str, tuple[str, ...]] = {}  # every name several entries share, winner first
        self._index: dict[str, tuple[tuple[int, GazetteerEntry], ...]] = {}
        self._entries: dict[tuple[str, str], GazetteerEntry] = {}
        for k, cands in candidates.items():
            chosen = self._choose(k, cands)
            if chosen:
                self._index[k] = tuple((c.rule, self._entry(c.key, c.matched_as)) for c in chosen)
        self._max_words = max(k.count(" ") + 1 for k in self._index)
        # the first run of letters and digits of every name of a body (organisation or armed group),
        # also after "the ": a word that starts none starts no body's name (a cheap test before
        # looking up the spans it begins)
        bodies = (EntityKind.ORGANISATION, EntityKind.GROUP)
        self._body_openings = frozenset(
            _opening(k)
            for key, hits in self._index.items()
            if any(entry.kind in bodies for _, entry in hits)
            for k in (key, key.removeprefix("the "))
        )

    # -------------------------------------------------------------- loading

    @staticmethod
    def _lines(path: Traversable) -> list[str]:
        with path.open("r", encoding="utf-8") as fh:
            return [ln.strip() for ln in fh if ln.strip() and not ln.startswith("#")]

    def _put(self, entry: GazetteerEntry, source: str) -> None:
        if entry.key in self._base:
            raise ValueError(f"{source}: {entry.key!r} is defined twice")
        self._base[entry.key] = entry
        self.sources[entry.key] = source

    def _load_states(self, root: Traversable, add: _Adder) -> None:
        for alpha3, name, status, sovereign, aliases, demonyms in _rows(root / "states.tsv", 6):
            key = f"state:{alpha3}"
            dem = _split(demonyms)
            self.demonyms[alpha3] = tuple(dem)
            names = _split(aliases)
            aka = _dedupe([*names, *dem], name)
            entry = GazetteerEntry(name, EntityKind.STATE, alpha3, aka, "name", status, False, _country(sovereign), key)
            self._put(entry, "states.tsv")
            add(name, key, "name")
            for a in names:
                add(a, key, "alias")
            for d in dem:
                for form in (d, *_plurals(d)):
                    add(form, key, "demonym")

    def _load_places(self, root: Traversable, add: _Adder) -> None:
        for name, alpha3, kind, capital, aliases in _rows(root / "cities.tsv", 5):
            country = _country(alpha3)
            key = f"place:{country or '-'}:{name}"
            is_capital = capital in ("capital", "seat")
            if is_capital and country:
                self.capitals.setdefault(country, []).append(name)
            how = "capital" if is_capital else kind
            aka = _dedupe(_split(aliases), name)
            self._put(
                GazetteerEntry(name, EntityKind.LOCATION, country, aka, how, kind, is_capital, None, key), "cities.tsv"
            )
            for n in (name, *_split(aliases)):
                add(n, key, how)

    def _load_organisations(self, root: Traversable, add: _Adder) -> None:
        for okey, name, otype, country, aliases in _rows(root / "organisations.tsv", 5):
            key = f"org:{okey}"
            kind = EntityKind.GROUP if otype == "armed" else EntityKind.ORGANISATION
            how = "group" if otype == "armed" else "organisation"
            aka = _dedupe(_split(aliases), name)
            entry = GazetteerEntry(name, kind, _country(country), aka, how, otype, False, None, key)
            self._put(entry, "organisations.tsv")
            for n in (name, *_split(aliases)):
                add(n, key, how)

    def _load_metonyms(self, root: Traversable, add: _Adder) -> None:
        for text, target, _note in _rows(root / "metonyms.tsv", 3):
            if target not in self._base:
                raise ValueError(f"metonyms.tsv: {text!r} points to unknown {target!r}")
            add(text, target, "metonym")

    def _load_ship_prefixes(self, root: Traversable) -> dict[str, str]:
        prefixes: dict[str, str] = {}
        for prefix, alpha3, _navy in _rows(root / "ship_prefixes.tsv", 3):
            if f"state:{alpha3}" not in self._base:
                raise ValueError(f"ship_prefixes.tsv: {prefix!r} names unknown state {alpha3!r}")
            if prefix in prefixes:
                raise ValueError(f"ship_prefixes.tsv: {prefix!r} is listed twice")
            prefixes[prefix] = alpha3
        return prefixes

    def _load_preferences(self, root: Traversable) -> dict[str, str]:
        prefs: dict[str, str] = {}
        for name, target, _reason in _rows(root / "preferences.tsv", 3):
            if target != "-" and target not in self._base:
                raise ValueError(f"preferences.tsv: {name!r} points to unknown {target!r}")
            prefs[fold(name)] = target
        return prefs

    def _choose(self, k: str, cands: list[_Candidate]) -> list[_Candidate]:
        """The candidates kept for one key, best first: one target unless case rules differ."""
        best: dict[str, _Candidate] = {}
        for c in cands:
            have = best.get(c.key)
            if have is None or (_RANK[c.matched_as], c.order) < (_RANK[have.matched_as], have.order):
                best[c.key] = c
        ranked = sorted(best.values(), key=lambda c: (_RANK[c.matched_as], c.order))
        pref = self._preferences.get(k)
        if pref == "-":
            return []
        if pref is not None:
            ranked.sort(key=lambda c: c.key != pref)
        if len(ranked) > 1:
            self.shadowed[k] = tuple(c.key for c in ranked)
            if pref is None and _RANK[ranked[0].matched_as] == _RANK[ranked[1].matched_as]:
                self.collisions[k] = self.shadowed[k]
        if pref is not None:
            return ranked[:1]
        # a case-guarded winner may fall back to a differently guarded runner-up
        return [c for i, c in enumerate(ranked) if i == 0 or c.rule != ranked[0].rule][:2]

    def _entry(self, key: str, matched_as: str) -> GazetteerEntry:
        e = self._entries.get((key, matched_as))
        if e is None:
            e = replace(self._base[key], matched_as=matched_as)
            self._entries[(key, matched_as)] = e
        return e

    # -------------------------------------------------------------- public API

    @classmethod
    def default(cls) -> Gazetteer:
        """The shared gazetteer built from the packaged data (built once per process)."""
        return _default()

    def organisation_prefix(
        self, name: str, subtypes: Iterable[str] | None = None
    ) -> tuple[GazetteerEntry, str] | None:
        """The organisation a body's name starts with (of ``subtypes``, when given), and the rest:
        "OAS Permanent Council" is the OAS's "Permanent Council" (the longest prefix of up to five
        words that names one; a trailing possessive is dropped: "the OAS's Permanent Council")."""
        wanted = None if subtypes is None else frozenset(subtypes)
        words = name.split()
        for n in range(min(len(words) - 1, 5), 0, -1):
            entry = self.lookup(re.sub(r"(?:'s|’s|'|’)$", "", " ".join(words[:n])))
            if entry is not None and entry.key.startswith("org:") and (wanted is None or entry.subtype in wanted):
                return entry, " ".join(words[n:])
        return None

    def lookup(self, text: str) -> GazetteerEntry | None:
        """The entry a name stands for, or None. Pass the name alone: "Russia", not "Russia's"."""
        k = fold(text)
        hits = self._index.get(k)
        if hits is None and k.startswith("the "):
            hits = self._index.get(k[4:])
        if hits is None:
            return None
        bare = _without_the(text.strip())
        for rule, entry in hits:
            if _case_ok(rule, bare):
                return entry
        return None

    def province_country(self, text: str) -> str | None:
        """The state of a first-level subdivision (ISO 3166-2, from pycountry) the data files do
        not name: "Rajasthan" (Rājasthān), "Gedo", "Borno State". For a name the parser already
        took for a place only: a province's name is often also a word or a personal name
        ("Mary", "Delta", "Rivers"), so these are no part of :meth:`lookup`. None for a name two
        states' provinces share ("Punjab")."""
        k = fold(text)
        k = k[4:] if k.startswith("the ") else k
        return self._provinces.get(k) or self._provinces.get(_PROVINCE_WORDS.sub("", k))

    @functools.cached_property
    def _provinces(self) -> dict[str, str]:
        alpha3 = {c.alpha_2: c.alpha_3 for c in pycountry.countries}
        found: dict[str, set[str]] = {}
        for sub in pycountry.subdivisions:
            country = alpha3.get(sub.country_code)
            if sub.parent_code is not None or country is None or any(ch in sub.name for ch in ",()[]"):
                continue  # (a second-level unit, or pycountry's "Madrid, Comunidad de")
            for k in {fold(sub.name), _PROVINCE_WORDS.sub("", fold(sub.name))}:
                if len(k.replace(" ", "")) >= 4:
                    found.setdefault(k, set()).add(country)
        return {k: next(iter(states)) for k, states in found.items() if len(states) == 1}

    def may_start_body(self, word: str) -> bool:
        """Whether the name of some organisation or armed group could begin with ``word`` (a token
        as written)."""
        return _opening(fold(word)) in self._body_openings

    def state(self, alpha3: str) -> GazetteerEntry:
        """The state (or territory) with this ISO alpha-3 code; KeyError when unknown."""
        return self._base[f"state:{alpha3.upper()}"]

    def state_for(self, text: str) -> GazetteerEntry | None:
        """The state a name stands for when used as an actor, or None.

        Country names, aliases, demonyms, capitals ("Moscow said") and government metonyms
        ("the Kremlin") give the state; organisations (even national ones such as "the
        Pentagon"), armed groups, regions and non-capital cities give None. The returned
        entry's ``matched_as`` says how the text matched."""
        e = self.lookup(text)
        if e is None:
            return None
        if e.kind == EntityKind.STATE:
            return e
        if e.kind == EntityKind.LOCATION and e.capital and e.country:
            return self._entry(f"state:{e.country}", "capital")
        return None

    def capital_state(self, text: str) -> GazetteerEntry | None:
        """The state a capital stands for ("Bangkok recalls ...", "Beijing's customs authority"),
        None when ``text`` names no capital."""
        state = self.state_for(text)
        return state if state is not None and state.matched_as == "capital" else None

    def country_of_place(self, text: str) -> str | None:
        """Alpha-3 of the country a place name is in (a state's own code for a state name);
        None for demonyms, organisations and unknown or multinational places."""
        e = self.lookup(text)
        if e is None or e.matched_as == "demonym":
            return None
        if e.kind in (EntityKind.STATE, EntityKind.LOCATION) or e.matched_as == "metonym":
            return e.country
        return None

    def demonym_prefix(self, text: str, *, states_only: bool = False) -> tuple[GazetteerEntry, str] | None:
        """Split a leading demonym, country name or body name off a phrase.

        "Russian Foreign Ministry" -> (Russia, "Foreign Ministry"); "North Korean leader" ->
        (North Korea, "leader"); "Russia's Security Council" -> (Russia, "Security Council");
        "UN Secretary-General" -> (United Nations, "Secretary-General"). The longest prefix
        wins ("South Sudanese" before "Sudanese"); a prefix must end at a space, a possessive
        or the end of the text (so "US-Ukrainian" gives nothing). Capitals and other places do
        not count; with ``states_only`` neither do organisations, groups or ministry metonyms.
        """
        tokens = [(m.start(), m.end(), m.group()) for m in re.finditer(r"\S+", text)]
        if tokens and tokens[0][2].casefold() == "the":
            tokens = tokens[1:]
        for n in range(min(len(tokens), self._max_words), 0, -1):
            head = [t[2] for t in tokens[:n]]
            last = head[-1]
            forms = [last]
            if last.endswith(("'s", "’s")):
                forms.append(last[:-2])
            elif last.endswith(("s'", "s’")):
                forms.append(last[:-1])
            for form in forms:
                phrase = " ".join([*head[:-1], form])
                e = self.lookup(phrase)
                if e is None or e.matched_as in ("capital", "city", "region"):
                    continue
                if states_only and e.kind != EntityKind.STATE:
                    continue
                return e, text[tokens[n - 1][1] :].strip()
        return None

    def also_person_name(self, text: str) -> bool:
        """True for names here that are also common given names or surnames ("Jordan", "Sofia"):
        when NER calls one a person, NER may well be right."""
        return fold(text) in self._person_names

    def entries(self) -> Iterator[GazetteerEntry]:
        """Every canonical entry (matched_as "name")."""
        return iter(self._base.values())

    def __len__(self) -> int:
        return len(self._index)


@functools.cache
def _default() -> Gazetteer:
    return Gazetteer()
