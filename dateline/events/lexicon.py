"""The event lexicon: trigger entries and word classes, loaded from data files.

``dateline/data/events/triggers.yaml`` says which words code which PLOVER category and
where their arguments are; ``vocabulary.yaml`` holds the word classes that conditions check
(material, weapon, agreement...).  Both are validated when loaded: an unknown key, role or
category is an error, not a silent miss.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from ..datafiles import load_yaml
from ..errors import ConfigError

CATEGORIES = frozenset(
    {
        "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST", "ACCUSE",
        "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
    }
)  # fmt: skip
QUAD = {
    "AGREE": "verbal-cooperation", "CONSULT": "verbal-cooperation", "SUPPORT": "verbal-cooperation",
    "CONCEDE": "verbal-cooperation", "COOPERATE": "material-cooperation", "AID": "material-cooperation",
    "RETREAT": "material-cooperation", "REQUEST": "verbal-conflict", "ACCUSE": "verbal-conflict",
    "REJECT": "verbal-conflict", "SANCTION": "verbal-conflict", "THREATEN": "verbal-conflict",
    "PROTEST": "material-conflict", "MOBILIZE": "material-conflict", "COERCE": "material-conflict",
    "ASSAULT": "material-conflict",
}  # fmt: skip
ROLES = frozenset({"recipient", "place", "recipient_or_place", "item", "none", "actor"})
# Conditions checked in code (candidates.CandidateFinder._accept); every other condition, and every
# `needs_subject` entry, names a word class of vocabulary.yaml (the loader checks).
CODED_CONDITIONS = frozenset({"destination", "party", "one_aircraft", "force_mission", "condemned_predicate",
                              "crossing_limit", "kept_out", "mutual_subject", "in_abeyance", "non_grata",
                              "barred_return", "stood_with", "sum", "vowed_reprisal", "refused_change", "unpunished",
                              "handed_demands", "terror_list", "declared_foe", "held_responsible", "sought_help",
                              "to_court", "ordered_state", "ashore", "trade_curb",
                              "favoured_list", "unrenewed", "suspended_measure", "answered_any"})
ENTRY_KEYS = frozenset(
    {
        "lemmas", "pos", "type", "planned", "mode", "object", "preps", "needs", "swap", "needs_prep", "needs_particle",
        "needs_compound", "needs_modifier", "needs_modifier_for", "not_with", "not_subject", "not_object",
        "needs_subject",
        "governed_by", "not_governed_by", "needs_material_nearby", "contexts", "home_only", "future",
        "needs_complement", "not_complement", "not_after",
        "speaker_threatens",
    }
)  # fmt: skip


@dataclass(frozen=True)
class Trigger:
    """One lexicon entry, for one lemma and part of speech."""

    lemma: str
    pos: str  # "verb" or "noun"
    type: str
    planned: str  # a category, or "none": not coded while only planned
    mode: str | None = None
    object: str = "none"
    preps: dict[str, str] = field(default_factory=dict)
    needs: str | None = None
    swap: bool = False
    needs_prep: tuple[str, ...] = ()
    needs_particle: tuple[str, ...] = ()  # only a particle: "carried off the men", not "carrying X off Y"
    needs_compound: tuple[str, ...] = ()
    needs_modifier: tuple[str, ...] = ()
    not_with: tuple[str, ...] = ()
    not_subject: tuple[str, ...] = ()
    not_object: tuple[str, ...] = ()
    needs_subject: tuple[str, ...] = ()  # word classes: the subject (or its escort) must be in one
    governed_by: tuple[str, ...] = ()
    not_after: tuple[str, ...] = ()  # prepositions on a verb it is no event after: "recalled X in protest"
    not_governed_by: tuple[str, ...] = ()  # verbs whose object or complement it is not: "recalled X for consultations"
    needs_complement: tuple[str, ...] = ()  # a verb's clausal complement: "ordered X to leave"
    not_complement: tuple[str, ...] = ()  # complements that cancel it: "declined to comment"
    needs_material_nearby: bool = False
    contexts: tuple[str, ...] = ()
    home_only: bool = False  # only when the destination is not a foreign state (else another entry codes it)
    future: bool = False  # the trigger announces the event: it is always planned
    # the subject is the one threatened and whoever says so threatens ("X will pay a heavy price",
    # an official said): coded only when said of what is to come
    speaker_threatens: bool = False

    @property
    def name(self) -> str:
        return f"{self.type.lower()}:{self.lemma}/{self.pos}"


def lemma_of_rule(rule: str) -> str:
    """The trigger lemma of an event's rule, which opens with its trigger's ``name``
    ("coerce:detain/verb+recipient-from-document" -> "detain")."""
    return rule.split("/", 1)[0].split(":", 1)[-1]


MAPPINGS = frozenset({"harm_verbs", "sanction_modes"})  # vocabulary.yaml entries that are no word class


@dataclass(frozen=True)
class Vocabulary:
    classes: dict[str, frozenset[str]]
    harm_verbs: dict[str, str]
    sanction_modes: tuple[tuple[str, frozenset[str]], ...] = ()  # (measure, its words), first first

    def __getitem__(self, name: str) -> frozenset[str]:
        return self.classes[name]


@dataclass(frozen=True)
class Lexicon:
    triggers: dict[tuple[str, str], tuple[Trigger, ...]]  # (lemma, pos) -> entries
    vocab: Vocabulary

    def lookup(self, lemma: str, pos: str) -> tuple[Trigger, ...]:
        return self.triggers.get((lemma, pos), ())


def _default_planned(category: str) -> str:
    return "THREATEN" if QUAD[category].endswith("conflict") else "AGREE"


def _entries(raw: dict[str, Any], classes: Collection[str]) -> list[Trigger]:
    """The triggers of one entry of triggers.yaml; ``classes`` are the word classes of
    vocabulary.yaml that conditions may name."""
    unknown = set(raw) - ENTRY_KEYS
    if unknown:
        raise ConfigError(f"trigger entry {raw.get('lemmas')}: unknown keys {sorted(unknown)}")
    category = raw["type"]
    if category not in CATEGORIES:
        raise ConfigError(f"trigger entry {raw['lemmas']}: unknown PLOVER category {category!r}")
    planned = raw.get("planned") or _default_planned(category)
    planned = category if planned == "same" else planned
    if planned not in CATEGORIES and planned != "none":
        raise ConfigError(f"trigger entry {raw['lemmas']}: unknown planned category {planned!r}")
    preps = {str(k): str(v) for k, v in (raw.get("preps") or {}).items()}
    for role in [raw.get("object", "none"), *preps.values()]:
        if role not in ROLES:
            raise ConfigError(f"trigger entry {raw['lemmas']}: unknown role {role!r}")
    if raw.get("needs") and raw["needs"] not in CODED_CONDITIONS and raw["needs"] not in classes:
        raise ConfigError(f"trigger entry {raw['lemmas']}: unknown condition {raw['needs']!r} (no such word class)")
    for name in raw.get("needs_subject") or ():
        if name not in classes:
            raise ConfigError(f"trigger entry {raw['lemmas']}: needs_subject {name!r} is no word class")
    modifier_for: dict[str, list[str]] = raw.get("needs_modifier_for") or {}
    out = []
    for pos in raw["pos"]:
        if pos not in ("verb", "noun"):
            raise ConfigError(f"trigger entry {raw['lemmas']}: pos must be verb or noun")
        for lemma in raw["lemmas"]:
            out.append(
                Trigger(
                    lemma=str(lemma),
                    pos=pos,
                    type=category,
                    planned=planned,
                    mode=raw.get("mode"),
                    object=raw.get("object", "none"),
                    preps=preps,
                    needs=raw.get("needs"),
                    swap=bool(raw.get("swap", False)),
                    needs_prep=tuple(str(p) for p in raw.get("needs_prep") or ()),
                    needs_particle=tuple(str(p) for p in raw.get("needs_particle") or ()),
                    needs_compound=tuple(raw.get("needs_compound") or ()),
                    needs_modifier=tuple(raw.get("needs_modifier") or modifier_for.get(str(lemma)) or ()),
                    not_with=tuple(raw.get("not_with") or ()),
                    not_subject=tuple(raw.get("not_subject") or ()),
                    not_object=tuple(raw.get("not_object") or ()),
                    needs_subject=tuple(raw.get("needs_subject") or ()),
                    governed_by=tuple(raw.get("governed_by") or ()),
                    not_governed_by=tuple(raw.get("not_governed_by") or ()),
                    not_after=tuple(raw.get("not_after") or ()),
                    needs_complement=tuple(raw.get("needs_complement") or ()),
                    not_complement=tuple(raw.get("not_complement") or ()),
                    needs_material_nearby=bool(raw.get("needs_material_nearby", False)),
                    contexts=tuple(raw.get("contexts") or ()),
                    home_only=bool(raw.get("home_only", False)),
                    future=bool(raw.get("future", False)),
                    speaker_threatens=bool(raw.get("speaker_threatens", False)),
                )
            )
    return out


def _load_yaml(name: str) -> Any:
    return load_yaml(f"data/events/{name}")


@lru_cache(maxsize=1)
def default_lexicon() -> Lexicon:
    vocab_raw = _load_yaml("vocabulary.yaml")
    harm = {str(k): str(v) for k, v in vocab_raw["harm_verbs"].items()}
    modes = _sanction_modes(vocab_raw["sanction_modes"])
    classes = {k: frozenset(str(w) for w in v) for k, v in vocab_raw.items() if k not in MAPPINGS}
    table: dict[tuple[str, str], list[Trigger]] = {}
    for raw in _load_yaml("triggers.yaml")["triggers"]:
        for trig in _entries(raw, classes):
            table.setdefault((trig.lemma, trig.pos), []).append(trig)
    return Lexicon({k: tuple(v) for k, v in table.items()}, Vocabulary(classes, harm, modes))


def _sanction_modes(raw: dict[str, list[str]]) -> tuple[tuple[str, frozenset[str]], ...]:
    """vocabulary.yaml's ``sanction_modes`` in the file's order (which is their precedence); a word
    in two modes is an error."""
    seen: dict[str, str] = {}
    for mode, words in raw.items():
        for word in words:
            if seen.setdefault(str(word), str(mode)) != mode:
                raise ConfigError(f"sanction_modes: {word!r} is in both {seen[str(word)]!r} and {mode!r}")
    return tuple((str(mode), frozenset(str(w) for w in words)) for mode, words in raw.items())
