"""Word knowledge for event coreference: related trigger lemmas and reporting verbs.

``RELATED`` groups lemmas that news uses for one kind of happening ("died", "death", "dead";
"earthquake", "quake", "tremor").  Two mentions whose lemmas share a group are compared as
related triggers (a weaker cue than the same lemma) and share a block key.  A word may sit
in several groups.  ``REPORTING`` lists speech and report verbs: two "said" in two articles
are usually two different statements.
"""

from __future__ import annotations

from functools import lru_cache

RELATED: tuple[frozenset[str], ...] = tuple(
    frozenset(g.split())
    for g in (
        "die death dead decease perish fatal fatality pass",
        "kill killing murder slay slaying homicide death dead",
        "shoot shooting shot gunfire gunman",
        "earthquake quake tremor temblor aftershock",
        "fire blaze inferno burn arson",
        "flood flooding inundate",
        "explode explosion blast bomb bombing detonate detonation",
        "win victory triumph beat defeat",
        "lose loss defeat",
        "arrest detain detention custody apprehend capture",
        "charge accuse accusation indict indictment allege",
        "convict conviction sentence",
        "attack assault strike raid",
        "injure injury wound hurt",
        "meet meeting talks summit",
        "visit trip tour",
        "hire appoint appointment nominate nomination name",
        "resign resignation quit",
        "elect election vote",
        "crash collision collide accident wreck",
        "release issue launch unveil",
        "find discover discovery",
        "buy purchase acquire acquisition takeover",
        "rescue save",
        "hijack hijacking seize seizure",
        "protest demonstration rally march",
        "steal theft rob robbery heist burglary",
        "sign signing",
        "announce announcement declare declaration",
        "enter admit check",
        "fire dismiss sack oust",
    )
)

REPORTING = frozenset(
    {
        "say", "tell", "report", "state", "add", "note", "claim", "told", "says", "reported", "according",
        "announce", "confirm", "comment", "remark", "reply", "respond", "explain",
    }
)  # fmt: skip


@lru_cache(maxsize=65536)
def related_groups(lemma: str) -> frozenset[int]:
    """Indexes of the ``RELATED`` groups holding ``lemma``."""
    return frozenset(i for i, g in enumerate(RELATED) if lemma in g)


def related(a: str, b: str) -> bool:
    """Different lemmas of one kind of happening."""
    return a != b and bool(related_groups(a) & related_groups(b))


def reporting(lemma: str) -> bool:
    return lemma in REPORTING
