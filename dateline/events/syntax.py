"""Small readings of the dependency parse that every event stage uses (no other dateline import,
so the candidate finder, the dater and the party reader can all depend on it)."""

from __future__ import annotations

from collections.abc import Collection
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Token


def in_words(tok: Token, words: Collection[str]) -> bool:
    """Whether a word class holds ``tok``, by its lemma or by its form ("troops", "troop")."""
    return tok.lemma_.lower() in words or tok.lower_ in words


def prep_objects(tok: Token, preps: Collection[str] | None = None) -> list[Token]:
    """The objects of ``tok``'s prepositions, of those in ``preps`` when given: "X" in "a
    decision by X" (``("by",)``), "the embassy" in "an official of the embassy"."""
    return [p for c in tok.children if c.dep_ == "prep" and (preps is None or c.lower_ in preps)
            for p in c.children if p.dep_ == "pobj"]  # fmt: skip


def named_by_free_relative(verb: Token, naming: Collection[str]) -> Token | None:
    """What a free relative clause names: "Israeli headquarters" in "fired at what it called an
    Israeli headquarters", "300 drones" in "sent what officials described as 300 drones" (``verb``
    is the naming verb, one of ``naming``, whose object is "what")."""
    if verb.lemma_.lower() not in naming or not any(c.dep_ in ("dobj", "nsubjpass") and c.lower_ == "what"
                                                     for c in verb.children):  # fmt: skip
        return None
    named = next((c for c in verb.children if c.dep_ in ("oprd", "attr", "dobj") and c.lower_ != "what"), None)
    return named if named is not None else next(iter(prep_objects(verb, ("as",))), None)


def of_object(tok: Token) -> Token | None:
    """The object of ``tok``'s "of" ("the town of X": X)."""
    return next((p for c in tok.children if c.dep_ == "prep" and c.lower_ == "of" for p in c.children
                 if p.dep_ == "pobj"), None)  # fmt: skip


def of_head(tok: Token) -> Token | None:
    """The noun whose "of" ``tok`` is the object of, the converse of :func:`of_object`: "days" in
    "three days of talks", "wave" in "a wave of strikes", "town" in "the town of X"."""
    if tok.dep_ == "pobj" and tok.head.lower_ == "of" and tok.head.head.pos_ == "NOUN":
        return tok.head.head
    return None


def infinitive(verb: Token) -> bool:
    """ "to protect", "(for the rebels) to halt": a bare verb with its "to"."""
    return verb.tag_ == "VB" and any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)
