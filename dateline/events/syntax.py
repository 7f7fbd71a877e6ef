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


def first_conjunct(tok: Token, pos: str) -> Token:
    """The first of the list ``tok`` stands in, climbing conjuncts of part of speech ``pos``: "fund"
    for "credit programme" in "pledged a fund and a credit programme" (``"NOUN"``), "hold" for
    "cancel" in "would hold ..., close ... and cancel ..." (``"VERB"``)."""
    while tok.dep_ == "conj" and tok.head.pos_ == pos:
        tok = tok.head
    return tok


def own_country(tok: Token) -> bool:
    """ "his country", "our government": the speaker's own state."""
    return tok.lower_ in ("country", "government", "nation") and any(
        c.dep_ == "poss" and c.lower_ in ("his", "her", "our", "my") for c in tok.children
    )


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


def with_to(verb: Token) -> bool:
    """Whether a verb has its infinitive "to", in any form: "to protect", "to be named"."""
    return any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)


def infinitive(verb: Token) -> bool:
    """ "to protect", "(for the rebels) to halt": a bare verb with its "to"."""
    return verb.tag_ == "VB" and with_to(verb)


def semicolon_apart(clause: Token) -> bool:
    """Whether a clause the parser hung on a later verb stands before a semicolon that ends it:
    "X accuses Y of firing; Y denies it" ("accuses" parsed as what "denies" says). The semicolon
    closes a clause of its own; it is no complement of the verb after it."""
    head = clause.head
    if head.i <= clause.i:
        return False
    return any(t.lower_ == ";" for t in clause.doc[clause.right_edge.i + 1 : head.i])


def listed_before(verb: Token) -> Token | None:
    """The verb before a subjectless main verb in a list the parser took for a reported clause:
    "X had recalled its envoy, told Y's envoy not to return and suspended visits", parsed with
    "recalled" as what "told" reports; the two share a subject and (untold otherwise) a date."""
    if verb.dep_ != "ROOT" or verb.tag_ not in ("VBD", "VBZ", "VBP") or verb.i == 0:
        return None
    if verb.doc[verb.i - 1].lower_ != "," or any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children):
        return None
    return next((c for c in verb.children if c.dep_ == "ccomp" and verb.i - 2 <= c.right_edge.i < verb.i), None)


def hangs_in_list(verb: Token) -> bool:
    """A verb of a list the parser hung on the list's first verb as a modifier: "X called the
    opening 'egregious', accused Y of meddling and warned ..." ("accused" an unlabelled dependent or
    an adverbial clause of "called"): finite, after a comma, with an object and no subject or
    subordinating word of its own. It shares the first verb's subject and is no clause under it."""
    return (
        verb.dep_ in ("dep", "advcl") and verb.tag_ in ("VBD", "VBZ", "VBP") and verb.i > 0
        and verb.doc[verb.i - 1].lower_ == "," and verb.head.pos_ == "VERB" and verb.head.i < verb.i
        and not any(c.dep_ in ("mark", "advmod", "nsubj", "nsubjpass") and c.i < verb.i for c in verb.children)
        and any(c.dep_ == "dobj" for c in verb.children)
    )  # fmt: skip


PERMIT_VERBS = frozenset({"allow", "permit", "let"})
BAR_VERBS = frozenset({"bar", "ban", "prevent", "block", "stop", "forbid", "prohibit"})
PROHIBITIVE_MODALS = frozenset({"may", "can", "ca", "must"})  # ("cannot" is "can" + "not"; "ca n't")


def barred_return(verb: Token) -> tuple[Token, Token | None, Token | None] | None:
    """A return someone is not let make, as (the verb that bars, who is barred, who bars when the
    parse names them): "told the envoy not to return", "the envoy would not be allowed to return",
    "barred the envoy from returning", "the envoy may not return" (the bar is the return's own
    verb then). None for a return that was only not made ("did not return")."""

    def child(tok: Token, *deps: str) -> Token | None:
        return next((c for c in tok.children if c.dep_ in deps), None)

    negated = child(verb, "neg") is not None
    head = verb.head
    if verb.dep_ == "xcomp" and negated and infinitive(verb) and head.lemma_.lower() not in PERMIT_VERBS:
        told = child(head, "dobj")  # "told (ordered, asked) the envoy not to return"
        return (head, told, child(head, "nsubj")) if told is not None else None
    if verb.dep_ in ("xcomp", "ccomp") and head.lemma_.lower() in PERMIT_VERBS and child(head, "neg") is not None:
        # "would not be allowed to return", "did not allow the envoy to return", "won't let him return"
        who = child(head, "nsubjpass", "dobj") or child(verb, "nsubj")
        agent = child(head, "agent")
        return head, who, child(head, "nsubj") or (child(agent, "pobj") if agent is not None else None)
    if verb.dep_ == "pcomp" and head.lower_ == "from" and head.head.lemma_.lower() in BAR_VERBS:
        bar = head.head  # "barred the envoy from returning", "was barred from returning"
        agent = child(bar, "agent")
        return bar, child(bar, "dobj", "nsubjpass"), child(bar, "nsubj") or (
            child(agent, "pobj") if agent is not None else None
        )
    if negated and any(c.dep_ == "aux" and c.lower_ in PROHIBITIVE_MODALS for c in verb.children):
        return verb, child(verb, "nsubj"), None  # "the envoy may not return for the time being"
    return None


REFUSING_AUX = frozenset({"will", "wo", "would", "shall"})  # "will not", "won't", "would not"
DECIDING = frozenset({"decide", "vote", "opt", "choose", "resolve", "agree"})  # "decided not to X"


def refusal_of(verb: Token) -> Token | None:
    """The verb whose negation refuses ``verb``'s act, if one does: "will not change the name"
    (``verb`` itself), "is not going to reverse a decision" ("going"); not "did not change" (a
    fact) nor "might not change" (a doubt)."""
    if any(c.dep_ == "neg" for c in verb.children) and any(
        c.dep_ == "aux" and c.lower_ in REFUSING_AUX for c in verb.children
    ):
        return verb
    head = verb.head
    if (verb.dep_ == "xcomp" and head.lemma_.lower() == "go" and head.tag_ == "VBG"
            and any(c.dep_ == "neg" for c in head.children)):  # fmt: skip
        return head
    if verb.dep_ == "xcomp" and head.lemma_.lower() in DECIDING and any(c.dep_ == "neg" for c in verb.children):
        return head  # "decided not to renew the pact": the decision refuses it
    return None
