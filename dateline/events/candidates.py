"""Find event triggers in a parsed sentence and fill their roles from the dependency parse.

A *candidate* is a trigger token with its lexicon entry and the tokens that fill its roles
(subject, object, prepositional complements).  Candidates that only restate another one
("arrived ... to meet X": the purpose clause; "strikes killed 14": the harm clause; "agreed
to send troops": the promised act) are folded into it, lending it their arguments.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from .lexicon import QUAD as QUAD_OF
from .lexicon import Lexicon, Trigger
from .syntax import (
    barred_return,
    first_conjunct,
    hangs_in_list,
    in_words,
    infinitive,
    listed_before,
    named_by_free_relative,
    of_head,
    of_object,
    own_country,
    prep_objects,
    refusal_of,
    with_to,
)

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

SUBJECT_DEPS = ("nsubj", "csubj")
PASSIVE_SUBJECT_DEPS = ("nsubjpass", "csubjpass")
OBJECT_DEPS = ("dobj", "obj", "attr", "dative", "oprd")
NOUN_POS = ("NOUN", "PROPN")
RELATIVE_PRONOUNS = frozenset({"that", "which", "who", "whom"})
FUTURE_AUX = frozenset({"will", "shall", "'ll", "wo", "would"})
CONDITIONAL_MARKS = frozenset({"if", "unless", "whether"})
SPEECH_ACTS = frozenset({"ACCUSE", "REJECT", "REQUEST", "THREATEN", "SUPPORT"})  # done by saying
LEADER_VERBS = frozenset({"lead", "head", "command", "chair"})  # "the delegation led by X"
PARTICLES = frozenset({"in", "up", "out", "off", "back", "down"})  # of phrasal verbs: "called in", "called up"
# "spoke by telephone", "sent by road": how it was done, which the parser may take for a passive's agent
MEANS = frozenset({"telephone", "phone", "videophone", "video", "videolink", "link", "videoconference",
                   "teleconference", "hotline", "radio", "letter", "email", "e-mail", "road", "air", "sea", "land",
                   "rail"})  # fmt: skip
ESCORT_WORDS = frozenset({"accompany", "escort"})
GOVERNMENT_NOUNS = frozenset({"government", "ministry", "state", "country", "cabinet", "administration", "embassy"})
FINITE = frozenset({"VBD", "VBZ", "VBP"})  # tags of a verb with a tense
TIME_MARKS = frozenset({"before", "after", "since", "until", "till", "once", "when", "while"})


@dataclass
class Candidate:
    tok: Token
    trig: Trigger
    subject: Token | None = None
    subject_from: str = ""  # how the subject was found: "", "head", "teller", "light-verb", "modifier"...
    objects: list[Token] = field(default_factory=list)
    roles: list[tuple[str, Token]] = field(default_factory=list)  # (role, token) from preps
    passive: bool = False
    folded: list[Candidate] = field(default_factory=list)
    folded_into: Candidate | None = None
    harm: dict[int, str] = field(default_factory=dict)  # counted-noun token -> unit ("killed")
    escorts: list[Token] = field(default_factory=list)  # "left port accompanied by three frigates"

    @property
    def is_noun(self) -> bool:
        return self.trig.pos == "noun"


# --------------------------------------------------------------------------- helpers


def conjuncts(tok: Token) -> list[Token]:
    out: list[Token] = []
    stack = [c for c in tok.children if c.dep_ == "conj"]
    while stack:
        t = stack.pop(0)
        out.append(t)
        stack.extend(c for c in t.children if c.dep_ == "conj")
    return out


# Categories whose event noun's possessive undergoes it ("their arrest", "the boat whose seizure"),
# where "Russia's attack" names the attacker
UNDERGONE = frozenset({"COERCE"})


def _lemma(tok: Token) -> str:
    return tok.lemma_.lower()


def _military_post(tok: Token, is_place: Callable[[Token], bool]) -> bool:
    """A post held by force: "a police post", "the jungle post of Tiwintza" (a noun before it, or
    a place it is "of"); not an office ("took the post of foreign minister")."""
    if _lemma(tok) not in ("post", "outpost"):
        return False
    return any(c.dep_ == "compound" for c in tok.children) or any(is_place(p) for p in prep_objects(tok, ("of",)))


ORGANISING_VERBS = frozenset({"organize", "organise", "arrange", "assemble", "mobilize", "mobilise", "muster"})
# Counts and collectives whose class is what they are of ("hundreds of migrants", "a formation of vessels").
MEASURE_NOUNS = frozenset({"hundred", "thousand", "dozen", "million", "number", "group", "lot", "couple", "score",
                           "formation", "flotilla", "fleet", "convoy", "contingent", "detachment"})  # fmt: skip


_PLURAL_PRONOUNS = frozenset({"they", "them"})
_ANTECEDENT_REACH = 60  # tokens back: this sentence and the one before, as a rule


def _antecedents(objs: list[Token]) -> list[Token]:
    """For "them" or "they" among ``objs``, the plural noun it stands for: the nearest before it
    that is the subject or object of another verb ("Venezuela detained 11 soldiers ... They were
    freed", "soldiers held for two weeks walked home after guards handed them to the ICRC"), for
    the check that a release frees captives."""
    out = []
    for o in objs:
        if o.lower_ not in _PLURAL_PRONOUNS:
            continue
        own = {c.i for c in o.head.children if c.dep_ in ("nsubj", "nsubjpass")}
        for t in reversed(o.doc[max(0, o.i - _ANTECEDENT_REACH) : o.i]):
            if t.tag_ in ("NNS", "NNPS") and t.dep_ in ("nsubj", "nsubjpass", "dobj") and t.i not in own:
                out.append(t)
                break
    return out


# What makes a warning's "that" clause a threat: the outcome lies ahead or hangs on a condition.
THREAT_MARKERS = FUTURE_AUX | (CONDITIONAL_MARKS - {"whether"}) | {"could", "should", "going"}


def warning_clause(tok: Token) -> list[Token]:
    """What a warning says: its clause ("warned that any incursion would be met with force") or
    the object of its "of" ("warned of a forceful response"), as tokens."""
    said = [c for c in tok.children if c.dep_ in ("ccomp", "xcomp")]
    said += [p for c in tok.children if c.dep_ == "prep" and c.lower_ == "of" for p in c.children]
    return [t for s in said for t in s.subtree]


def _forms(tokens: Iterable[Token]) -> set[str]:
    """The lemmas and lower-case forms of ``tokens`` (for word-class checks)."""
    out: set[str] = set()
    for t in tokens:
        out |= {_lemma(t), t.lower_}
    return out


def warning_words(tok: Token) -> set[str]:
    return _forms(warning_clause(tok))


def _named_operation(tok: Token) -> bool:
    """A named military operation: "Operation Aspides" (the name, with "Operation" before it)."""
    return tok.pos_ == "PROPN" and any(c.text == "Operation" and c.dep_ == "compound" for c in tok.children)


def _words_of(tok: Token) -> set[str]:
    """Lemmas and forms of a noun and its modifiers and conjuncts (for class checks); for a
    measure ("hundreds of migrants"), those of what it counts."""
    if _lemma(tok) in MEASURE_NOUNS or tok.lower_ in MEASURE_NOUNS:
        counted = [p for c in tok.children if c.dep_ == "prep" and c.lower_ == "of" for p in c.children]
        if counted:
            tok = counted[0]
    out = {tok.lower_, _lemma(tok)}
    for t in [*tok.children, *conjuncts(tok)]:
        if t.dep_ in ("compound", "amod", "conj", "nmod", "appos"):
            out |= {t.lower_, _lemma(t)}
    for c in conjuncts(tok):
        out |= {x.lower_ for x in c.children if x.dep_ in ("compound", "amod")}
    return out


DURATION_UNITS = frozenset({"second", "minute", "hour", "day", "week", "while"})  # "for 11 minutes"
REFUSERS = frozenset({"we", "i", "he", "she"})  # pronouns that refuse a change ("it", "they" may be things)
ARRIVAL_VERBS = frozenset({"reach", "enter"})  # "a convoy to reach Goma": the aid's destination

# Verbs that make their object do what follows ("prompted the rebels to pull out"): the object is
# the subject of the complement (not "urged X to withdraw": a request, whose complement is no deed).
CAUSATIVE_VERBS = frozenset({"prompt", "force", "compel", "lead", "cause", "drive", "oblige", "persuade", "convince"})


def verb_subject(verb: Token, perception: frozenset[str] = frozenset(), depth: int = 0) -> tuple[Token | None, str]:
    """The subject of a verb, inherited through conjunction, control and modification.

    ``perception`` lists verbs of showing ("a photo shows X meeting Y": X is the subject)."""
    if verb.tag_ == "VBG" and verb.dep_ in ("advcl", "xcomp", "ccomp") and verb.head.lemma_ in perception:
        # "a photo shows X meeting Y": X is the one meeting
        for c in verb.head.children:
            if c.dep_ in ("dobj", "obj") and c.i < verb.i:
                return c, "shown"
    subjects = [c for c in verb.children if c.dep_ in SUBJECT_DEPS]
    if subjects:
        # the nearest subject on the left (a misparse may hang two subjects on one verb)
        left = [c for c in subjects if c.i < verb.i]
        c = max(left, key=lambda t: t.i) if left else subjects[0]
        if c.lower_ in RELATIVE_PRONOUNS and verb.dep_ == "relcl":
            return verb.head, "relative"  # "strikes that killed 14": the strikes
        return c, ""
    agent = agent_of(verb)
    if agent is not None:
        return agent, "agent"
    listed = listed_before(verb)
    if listed is not None:  # "X had recalled its envoy, told Y's envoy ...": a list misparsed
        subj, _ = verb_subject(listed, perception, depth + 1)
        return subj, "head"
    if hangs_in_list(verb):  # "X called the opening 'egregious', accused Y of meddling and warned ..."
        subj, _ = verb_subject(verb.head, perception, depth + 1)
        return subj, "head"
    if depth > 3:
        return None, ""
    head = verb.head
    if verb.dep_ == "xcomp" and head.pos_ == "ADJ" and head.dep_ in ("acomp", "amod") and head.head.i != head.i:
        head = head.head  # "X was due to arrive", "X is likely to attend": the copula's subject
    if verb.dep_ == "xcomp" and head.lemma_.lower() in CAUSATIVE_VERBS:
        # "prompting the rebels to pull out of the talks", "forced the army to withdraw": the one made to
        made = next((c for c in head.children if c.dep_ in ("dobj", "obj") and c.i < verb.i), None)
        if made is not None:
            return made, "caused"
    tenses = (_tense(head), _tense(verb))
    if verb.dep_ == "conj" and head.dep_ == "relcl" and tenses[0] != tenses[1] and set(tenses) <= FINITE:
        # "X froze the assets of the firm that runs the plant and banned imports": a conjunct in
        # another tense than the relative clause it hangs on, and in its main verb's, is the main
        # clause's (a misparse)
        main = next((a for a in head.head.ancestors if a.pos_ in ("VERB", "AUX")), None)
        if main is not None and _tense(main) == tenses[1]:
            subj, _ = verb_subject(main, perception, depth + 1)
            return subj, "head"
    if verb.dep_ == "conj" and head.tag_ == "VB" and head.dep_ == "ccomp" and tenses[1] in FINITE:
        teller = head.head  # "X says Y's envoy may not return, and suspends all visits": a conjunct in the
        if _tense(teller) == tenses[1]:  # tense of the verb that reports the clause is that verb's (misparsed)
            subj, _ = verb_subject(teller, perception, depth + 1)
            return subj, "head"
    if verb.dep_ in ("conj", "xcomp") and head.pos_ in ("VERB", "AUX") and head.i != verb.i:
        for c in head.children:
            if c.dep_ in PASSIVE_SUBJECT_DEPS and verb.dep_ == "xcomp":
                return c, "head"
        subj, _ = verb_subject(head, perception, depth + 1)
        return subj, "head"
    infinitive_acl = verb.dep_ == "acl" and with_to(verb)
    if infinitive_acl and head.pos_ in NOUN_POS:
        # "a decision by the Thai army to cut opening hours", "Ghana's move to close the border":
        # whoever decided or moved does it
        agent = next(iter(prep_objects(head, ("by",))), None)
        agent = agent or next((c for c in head.children if c.dep_ == "poss"), None)
        if agent is not None:
            return agent, "head"
    if verb.dep_ in ("acl", "relcl") and head.pos_ in (*NOUN_POS, "PRON"):
        return head, "modified"
    # "X organised naval forces to conduct a patrol": the organiser (not "gave X 48 hours to leave",
    # "travelling to visit relatives": a purpose is no deed, as a rule)
    purpose = infinitive(verb) and head.lemma_ in ORGANISING_VERBS
    if verb.dep_ == "advcl" and (verb.tag_ == "VBG" or purpose) and head.pos_ in ("VERB", "AUX"):
        subj, _ = verb_subject(head, perception, depth + 1)
        return subj, "head"
    if verb.dep_ == "pcomp" and verb.tag_ == "VBG" and head.dep_ == "prep" and head.head.pos_ in ("VERB", "AUX"):
        # "has held them since abducting them": the clause's subject; "blamed X for attacking",
        # "X was accused of attacking": the one blamed or accused
        gov = head.head
        blamed = next((c for c in gov.children if c.dep_ in ("dobj", *PASSIVE_SUBJECT_DEPS) and c.i < head.i), None)
        if head.lower_ in ("for", "of"):  # (else a purpose: "channels the two militaries had for talking")
            return (blamed, "head") if blamed is not None else (None, "")
        if any(c.dep_ in PASSIVE_SUBJECT_DEPS for c in gov.children):
            return None, ""  # "the ship was seized after entering": not the seizer's doing
        subj, _ = verb_subject(gov, perception, depth + 1)
        return subj, "head"
    return None, ""


def _tense(verb: Token) -> str:
    """A verb's tag, a bare past participle taken for the past tense it is as often ("X froze the
    assets and banned imports", where the parser may tag "banned" VBN)."""
    bare = verb.tag_ == "VBN" and not any(c.dep_ in ("aux", "auxpass", "agent") for c in verb.children)
    return "VBD" if bare else verb.tag_


def agent_of(verb: Token) -> Token | None:
    """The "by" agent of a passive verb ("was seized by the navy"): the navy (not "by telephone")."""
    return next((p for c in verb.children if c.dep_ == "agent" for p in c.children
                 if p.dep_ == "pobj" and p.lower_ not in MEANS), None)  # fmt: skip


def _after_particle(obj: Token) -> bool:
    """Whether a direct object follows its verb's particle ("seized off Waini Point"): the
    particle's object, misparsed (a place)."""
    before = obj.doc[obj.left_edge.i - 1] if obj.left_edge.i > 0 else None
    return before is not None and before.dep_ == "prt" and before.head.i == obj.head.i


def text_author(text: Token, perception: frozenset[str]) -> Token | None:
    """Who adopted or issued a text: the subject of the verb it is the object of ("the council
    adopted a resolution", "voted for a resolution"), or the agent of a passive ("a resolution
    adopted by the council"), or whom it is from ("a statement from the presidency accused X")."""
    sender = next(iter(prep_objects(text, ("from", "by"))), None)
    if sender is not None and text.dep_ in SUBJECT_DEPS:
        return sender
    verb = text.head
    if text.dep_ == "pobj" and verb.dep_ == "prep":
        verb = verb.head
    elif text.dep_ not in ("dobj", "obj", "nsubjpass"):
        verb = next((c for c in text.children if c.dep_ == "acl" and c.tag_ == "VBN"), text)
    if verb.i == text.i or verb.pos_ not in ("VERB", "AUX"):
        return None
    subj, how = verb_subject(verb, perception)
    return subj if subj is not None and subj.i != text.i and how != "modified" else None


def _elaborates(host: str, part: str) -> bool:
    """Whether a participle of category ``part`` only elaborates a host event ("attacked the
    town, killing 12"; "launched an assault, deploying 500 drones"), rather than adding an
    act of its own ("imposed sanctions, accusing X of ...")."""
    return host == part or (QUAD_OF.get(host) == QUAD_OF.get(part) == "material-conflict")


def _light_hosts(tok: Token, light_verbs: frozenset[str]) -> list[Token]:
    """Where a noun trigger's complements may hang instead: its measure noun and light verb
    ("held four hours of talks with X in Y")."""
    out: list[Token] = []
    node = tok
    if (measure := of_head(node)) is not None:
        node = measure
        out.append(node)
    elif (amount := amount_of(node)) is not None:  # "announced $20 million in aid for Haiti"
        node = amount
        out.append(node)
    if node.dep_ in ("dobj", "nsubjpass") and node.head.lemma_.lower() in light_verbs:
        out.append(node.head)
    return out


def amount_of(tok: Token) -> Token | None:
    """The sum a noun is counted in: "48 million euros" in "48 million euros in new aid"."""
    if tok.dep_ != "pobj" or tok.head.lower_ != "in":
        return None
    amount = tok.head.head
    if amount.ent_type_ == "MONEY" or amount.pos_ == "NUM" or any(c.dep_ == "nummod" for c in amount.children):
        return amount
    return None


NAME_ENTITIES = frozenset({"ORG", "FAC", "EVENT", "LAW", "WORK_OF_ART", "PRODUCT"})


def _inside_a_name(tok: Token) -> bool:
    """A proper noun of a named body or thing modifying another proper noun: a word of its name
    ("the Bilateral Consultation Mechanism")."""
    if tok.pos_ != "PROPN" or tok.dep_ != "compound" or tok.ent_type_ not in NAME_ENTITIES:
        return False
    return tok.head.pos_ == "PROPN" or (tok.i + 1 < len(tok.doc) and tok.doc[tok.i + 1].pos_ == "PROPN")


def path_up(tok: Token, top: Token) -> list[Token]:
    """Tokens from ``tok`` up to (not including) ``top``."""
    out = []
    node = tok
    while node.i != top.i and node.head.i != node.i:
        out.append(node)
        node = node.head
    return out


def _of_host(tok: Token, by_tok: dict[int, Candidate]) -> Candidate | None:
    """The event noun behind a measure word: "a wave of attacks", "a series of strikes"."""
    for c in tok.children:
        if c.dep_ == "prep" and c.lower_ == "of":
            for p in c.children:
                if p.dep_ == "pobj" and p.i in by_tok:
                    return by_tok[p.i]
    return None


def _attack_on(target: Token, by_tok: dict[int, Candidate]) -> Candidate | None:
    """The event noun whose target ``target`` is ("the attack on the ship MV X"): the parser
    hangs a relative clause on the target that tells of the attack ("..., which killed three")."""
    node = target.head if target.dep_ == "appos" else target
    prep = node.head
    if node.dep_ == "pobj" and prep.lower_ in ("on", "against"):
        found = by_tok.get(prep.head.i)
        if found is not None and found.is_noun:
            return found
    return None


def _dated_apart(verb: Token, noun: Token, times: set[int] | frozenset[int]) -> bool:
    """Whether a verb and an event noun in its complement each carry a time phrase of their own."""
    holder = noun.head  # the preposition: "in an attack"
    own = any(
        t.i in times
        for c in verb.children
        if c.i != holder.i and c.dep_ in ("prep", "npadvmod", "advmod")
        for t in c.subtree
    )
    return own and any(t.i in times for t in noun.subtree)


# --------------------------------------------------------------------------- finding


class CandidateFinder:
    def __init__(self, lexicon: Lexicon) -> None:
        self.lex = lexicon
        v = lexicon.vocab
        self.report_verbs = v["report_verbs"]
        self.report_nouns = v["report_nouns"]
        self.light_verbs = v["light_verbs"]
        self.perception = v["perception_verbs"]
        self.claims = v["claim_verbs"]
        self.owning = v["responsibility_verbs"]
        self.receiving = v["receiving_verbs"]
        self.helping = v["helping_verbs"]
        self.texts = v["texts"]
        self.material = v["material"]
        # nouns of persons, units and captives: they undergo a participle ("soldiers killed in ...")
        self.undergoers = v["people_nouns"] | v["people"] | v["military"] | v["captive"]

    def is_frame(self, tok: Token) -> bool:
        """A reporting verb or noun ("said", "according to", "the statement")."""
        if tok.pos_ in ("VERB", "AUX") or tok.lower_ == "according":
            return _lemma(tok) in self.report_verbs or tok.lower_ == "according"
        return tok.pos_ in NOUN_POS and (_lemma(tok) in self.report_nouns or tok.lower_ in self.report_nouns)

    def find(
        self,
        sent: Span,
        is_party: Callable[[Token], bool],
        is_place: Callable[[Token], bool],
        skip: set[int] | frozenset[int] = frozenset(),
    ) -> list[Candidate]:
        """The candidates of a sentence; ``is_party``/``is_place`` tell whether a token names a
        party (person, state, organisation) or a place; tokens in ``skip`` (time phrases: the
        "March" of "March 3") trigger nothing."""
        found: list[Candidate] = []
        for tok in sent:
            if tok.i in skip:
                continue
            if tok.pos_ == "VERB" and tok.tag_ == "VBZ" and tok.dep_ in ("dobj", "pobj", "nsubj", "nsubjpass"):
                pos = "noun"  # a plural noun tagged as a verb: "held air defence drills" ("drills" a dobj)
            elif tok.pos_ == "VERB" or (tok.pos_ == "AUX" and tok.dep_ not in ("aux", "auxpass")):
                pos = "verb"  # (a copula heading its clause too: "said the seizure was illegal")
            elif tok.pos_ in NOUN_POS:
                pos = "noun"
            else:
                continue
            entries = self.lex.lookup(_lemma(tok), pos) or self.lex.lookup(tok.lower_, pos)
            for trig in entries:
                cand = self._fill(tok, trig)
                if self._accept(cand, is_party, is_place):
                    found.append(cand)
                    break
        self._fold(found, skip)
        return [c for c in found if c.folded_into is None]

    # ------------------------------------------------------------------ roles

    def _fill(self, tok: Token, trig: Trigger) -> Candidate:
        cand = Candidate(tok, trig)
        if trig.pos == "verb":
            subj, how = verb_subject(tok, self.perception)
            sent = self.is_frame(subj) and bool(prep_objects(subj, ("from", "by"))) if subj is not None else False
            if subj is not None and how in ("modified", "", "head") and (_lemma(subj) in self.texts or sent):
                author = text_author(subj, self.perception)  # "adopted a resolution calling on X": who adopted it
                if author is not None:
                    subj, how = author, "author"
            agent = agent_of(tok)
            if (agent is not None and subj is not None and how == "" and subj.dep_ == "nsubj"
                    and _lemma(agent) not in self.lex.vocab["weapon"]):  # fmt: skip
                # "The five aid workers freed on Saturday by the LSF thanked ...", parsed with "freed" as
                # the main verb: a "by" agent makes it a passive, and its subject the undergoer (not
                # "Residents of the market struck by a drone said ...": no one is named as acting)
                cand.objects.append(subj)
                subj, how = agent, "agent"
            reported = tok.head.dep_ == "ccomp" and self.is_frame(tok.head.head)
            passive = any(c.dep_ == "auxpass" for c in tok.head.children)
            if (trig.type in SPEECH_ACTS and tok.dep_ == "conj" and reported and (_lemma(tok.head) == "be" or passive)
                    and not any(c.dep_ in SUBJECT_DEPS for c in tok.children)):  # fmt: skip
                # 'X said the arrest was "hostage-taking" and demanded ...', "X said the men were killed
                # by Y, and vowed that ...": the conjunct hung on the reported clause; the one who said
                # it demanded or vowed it
                teller, _ = verb_subject(tok.head.head, self.perception)
                if teller is not None:
                    subj, how = teller, "teller"
            if (
                trig.needs == "weapon"
                and subj is not None
                and how == ""
                and subj.dep_ == "nsubj"
                and _lemma(subj) in self.lex.vocab["weapon"]
                and not any(c.dep_ in OBJECT_DEPS for c in tok.children)
            ):  # "a Houthi cruise missile fired toward the destroyer was shot down": a reduced relative
                # the parser took for a verb with the weapon as its subject; the weapon was fired, by
                # the name it carries
                cand.objects.append(subj)
                subj = next((c for c in subj.children if c.dep_ in ("compound", "amod", "nmod")
                             and c.ent_type_ in ("NORP", "GPE", "ORG")), None)  # fmt: skip
                how = "modifier" if subj is not None else ""
            passive_conj = tok.dep_ == "conj" and any(c.dep_ == "auxpass" for c in tok.children)
            if how == "head" and passive_conj and subj is not None:
                # "the drones were approaching the frigate and were destroyed": the shared subject
                # underwent the passive conjunct
                cand.objects.append(subj)
                cand.passive = True
                subj, how = None, ""
            if trig.needs == "condemned_predicate" and subj is not None:
                cand.objects.append(subj)  # "said the seizure was illegal": the seizure is what is condemned
                subj, how = None, ""
            cand.subject, cand.subject_from = subj, how
            if tok.dep_ == "acl" and tok.tag_ == "VBN" and (how == "agent" or _lemma(tok.head) in self.undergoers):
                # "diplomats expelled by Dushanbe", "a citizen accused of espionage": the noun undergoes it
                cand.objects.append(tok.head)
                cand.passive = True
            for c in tok.children:
                if c.dep_ == "dative" and c.pos_ == "ADP":
                    continue  # "sent troops to X" parsed as a dative: read below as a preposition
                if c.dep_ == "dative" and trig.object == "item":
                    cand.roles.append(("recipient", c))  # "gave Syria 20 tanks": the indirect object receives
                    continue
                if c.dep_ in OBJECT_DEPS:
                    cand.objects.append(c)
                elif c.dep_ == "prep" and c.lower_ in PARTICLES and c.lower_ in set(trig.needs_prep) - set(trig.preps):
                    # "called in the ambassador": the particle parsed as a preposition; its object is the verb's
                    cand.objects.extend(p for p in c.children if p.dep_ == "pobj")
                elif c.dep_ == "prt" and trig.object != "none":
                    # "breaks off diplomatic relations": the object parsed as the particle's
                    cand.objects.extend(p for p in c.children if p.dep_ == "pobj")
                elif c.dep_ in PASSIVE_SUBJECT_DEPS:
                    cand.objects.append(c)
                    cand.passive = True
                elif c.dep_ == "agent" and agent_of(tok) is not None:
                    cand.passive = True
            if not any(o.dep_ == "dobj" for o in cand.objects):
                # "sent what officials described as 300 drones": the object is what the clause names
                naming = self.lex.vocab["naming_verbs"]
                cand.objects += [n for c in tok.children if c.dep_ == "ccomp"
                                 if (n := named_by_free_relative(c, naming)) is not None]  # fmt: skip
            teller = self._misparsed_teller(tok)
            if teller is not None:  # "X arrested 41 people ..., the police commander, Colonel Y, said"
                cand.objects.remove(teller)
            direct = [c for c in cand.objects if c.dep_ == "dobj" and c.head.i == tok.i]
            if len(direct) == 2 and direct[0].lower_ in RELATIVE_PRONOUNS and _after_particle(direct[1]):
                # "a vessel which the navy seized off Waini Point": the relative pronoun is the object;
                # the second is the particle's, misparsed (a preposition: where it was done)
                cand.objects.remove(direct[1])
                cand.roles.append(("place", direct[1]))
            if (
                trig.object == "item"
                and len(direct) == 2
                and direct[0].right_edge.i + 1 == direct[1].left_edge.i
                and direct[0].ent_type_ in ("ORG", "GPE", "NORP", "PERSON")
                and _words_of(direct[1]) & self.material
            ):  # "handed the Defence Force two patrol boats": the first of two objects side by side is
                # a misparsed indirect object, who receives the second
                cand.objects.remove(direct[0])
                cand.roles.append(("recipient", direct[0]))
            if (
                tok.tag_ == "VBN"
                and tok.dep_ == "ROOT"
                and cand.subject is not None
                and not any(c.dep_ in ("aux", "auxpass") for c in tok.children)
                and not any(c.dep_ == "dobj" and not _after_particle(c) for c in tok.children)
            ):  # headline-ese "Border guard wounded in ...": a bare participle is a passive (one with a
                # direct object is a past tense the tagger took for a participle; "fishermen arrested
                # off Matema" has none: the particle's place misparsed as one)
                cand.objects.append(cand.subject)
                cand.passive = True
            if trig.needs_subject:
                cand.escorts = self._escorts(tok, cand.subject)
            if (trig.object == "none" and trig.preps.get("in") == "recipient_or_place" and cand.subject is not None
                    and not any(c.dep_ == "prep" and c.lower_ == "in" for c in tok.children)):  # fmt: skip
                # "Taiwan's representative office in Lithuania opened": where the subject is, it acts
                cand.roles += [("recipient_or_place", p) for p in prep_objects(cand.subject, ("in",))]
            if cand.passive and cand.subject is not None and cand.subject_from != "agent":
                cand.subject = None
            if (
                tok.dep_ == "conj"
                and not cand.objects
                and not any(c.dep_ == "prep" and c.lower_ in trig.preps for c in tok.children)
                and not any(c.dep_ in ("ccomp", "xcomp") for c in tok.children)
            ):
                # "came to the capital on May 2 and returned on June 9": shared complements (not by a
                # verb with a clause of its own: "recalled its envoy and demanded that X recall hers")
                cand.objects = [c for c in tok.head.children if c.dep_ in OBJECT_DEPS]
            if not cand.objects and trig.object != "none" and tok.i + 1 < len(tok.doc) and tok.nbor().dep_ == "cc":
                # "rammed and water-cannoned the boat": a verb right before "and <verb> <object>"
                # shares that object
                cand.objects = [o for v in tok.children if v.dep_ == "conj" and v.pos_ == "VERB"
                                and tok.i + 1 < v.i <= tok.i + 4 for o in v.children if o.dep_ == "dobj"]  # fmt: skip
        else:
            self._noun_subject(cand)
            for c in tok.children:
                if c.dep_ == "prep" and c.lower_ == "of" and trig.object != "none":
                    cand.objects.extend(p for p in c.children if p.dep_ == "pobj")
        hosts = [tok, *cand.objects]
        if "with" in trig.preps:  # "signed a memorandum of understanding with Lithuania": the "of" noun's partner
            cand.roles.extend((trig.preps["with"], w) for o in cand.objects if o.pos_ == "NOUN"
                              for p in prep_objects(o, ("of",)) if p.pos_ == "NOUN"
                              for w in prep_objects(p, ("with",)))  # fmt: skip
        if trig.pos == "noun":  # (a verb the noun needs carries its complements too: "imposed a curfew on X")
            hosts.extend(_light_hosts(tok, self.light_verbs | frozenset(trig.governed_by)))
        elif tok.dep_ == "conj" and not any(c.dep_ == "prep" and c.lower_ in trig.preps for c in tok.children):
            hosts.append(tok.head)
        if trig.type == "AID" and trig.pos == "noun":  # "the first UN aid convoy to reach Goma": where it goes
            going = [c for c in tok.children if c.dep_ in ("acl", "relcl") and infinitive(c)]
            cand.roles.extend(("recipient_or_place", o) for c in going if c.lemma_.lower() in ARRIVAL_VERBS
                              for o in c.children if o.dep_ == "dobj")  # fmt: skip
            # "a fund to invest in Kenyan industries", "a credit programme to support Lithuania": whom it
            # helps (also said once of two: "a $200 million fund and a credit programme to support X")
            first = first_conjunct(tok, "NOUN")
            purposes = [c for n in (first, *conjuncts(first)) for c in n.children
                        if c.dep_ in ("acl", "relcl") and infinitive(c) and _lemma(c) in self.helping]  # fmt: skip
            cand.roles.extend(("recipient", o) for c in purposes
                              for o in [*(o for o in c.children if o.dep_ == "dobj"), *prep_objects(c, ("in",))])
        against = trig.preps.get("against")
        if trig.type == "PROTEST" and trig.pos == "verb" and against is not None:
            # "rallied ..., waving rifles and chanting slogans against the United States": what the
            # crowd does on the way says whom it protests against (only "against": "waving flags in
            # the air" places nothing)
            doing = [c for c in tok.children if c.dep_ == "advcl" and c.tag_ == "VBG"]
            doing += [v for d in doing for v in conjuncts(d) if v.tag_ == "VBG"]
            for part in [*doing, *(o for d in doing for o in d.children if o.dep_ == "dobj")]:
                cand.roles.extend((against, p) for c in part.children if c.dep_ == "prep" and c.lower_ == "against"
                                  for p in c.children if p.dep_ == "pobj")  # fmt: skip
        for host in hosts:
            preps = [c for c in host.children if c.dep_ == "prep" or (c.dep_ == "dative" and c.pos_ == "ADP")]
            # "handed the crossing back to the police": the preposition hangs on the particle
            preps += [g for c in host.children if c.dep_ == "advmod" and c.lower_ in PARTICLES
                      for g in c.children if g.dep_ == "prep"]  # fmt: skip
            # "from X to Y": "to" under "from" (only under a role preposition: not "according to")
            preps += [g for c in preps if c.lower_ in cand.trig.preps for g in c.children if g.dep_ == "prep"]
            # "pulled out of the talks": the preposition "of" under a bare "out"/"away"
            preps += [g for c in preps if c.lower_ in ("out", "away") and not any(p.dep_ == "pobj" for p in c.children)
                      for g in c.children if g.dep_ == "prep"]  # fmt: skip
            # "flights to and from Asmara": a bare preposition's object is its coordinated one's
            preps += [g for c in preps if not any(p.dep_ == "pobj" for p in c.children)
                      for g in c.children if g.dep_ == "conj" and g.pos_ == "ADP"]  # fmt: skip
            for c in preps:
                role = cand.trig.preps.get(c.lower_)
                if role is None:
                    continue
                for p in c.children:
                    if p.dep_ == "pobj":
                        # "within a mile of the destroyer": a distance stands for what it is measured from
                        near = of_object(p) if p.ent_type_ == "QUANTITY" else None
                        cand.roles.append((role, near if near is not None else p))
                    elif p.dep_ == "pcomp" and (named := named_by_free_relative(p, self.lex.vocab["naming_verbs"])):
                        cand.roles.append((role, named))  # "fired at what it called a headquarters in X"
                    elif p.dep_ == "pcomp":  # "from ... to"
                        cand.roles.extend((role, q) for q in p.children if q.dep_ == "pobj")
                if host is tok and trig.pos == "verb" and not list(c.children):
                    # "fired on and boarded the carrier": a stranded preposition shares the object of
                    # the verb coordinated with it
                    cand.roles.extend((role, o) for v in tok.children if v.dep_ == "conj" and v.i > c.i
                                      for o in v.children if o.dep_ == "dobj")  # fmt: skip
        return cand

    def _misparsed_teller(self, tok: Token) -> Token | None:
        """The speaker of a closing "..., the police commander, Colonel Y, said", which the parser
        hangs on the reported verb as a second object: a direct object after a comma, right before a
        subjectless reporting verb that governs the trigger."""
        verb = tok.head
        if tok.dep_ != "ccomp" or not self.is_frame(verb) or any(c.dep_ in SUBJECT_DEPS for c in verb.children):
            return None
        objects = [c for c in tok.children if c.dep_ == "dobj"]
        if len(objects) < 2:
            return None
        last = objects[-1]
        doc = tok.doc
        before, after = doc[last.left_edge.i - 1], doc[min(last.right_edge.i + 1, len(doc) - 1)]
        follows = after.i == verb.i or (after.is_punct and after.i + 1 == verb.i)
        return last if before.text == "," and follows else None

    @staticmethod
    def _escorts(tok: Token, subject: Token | None) -> list[Token]:
        """What escorts a mover: "left port accompanied by three frigates", "with an escort of
        three frigates", "the ship, escorted by frigates, sailed"."""
        heads = [c for c in tok.children if _lemma(c) in ESCORT_WORDS and c.dep_ in ("advcl", "acl", "xcomp")]
        heads += [p for c in tok.children if c.dep_ == "prep" and c.lower_ == "with"
                  for p in c.children if p.dep_ == "pobj" and _lemma(p) in ESCORT_WORDS]  # fmt: skip
        if subject is not None:
            heads += [c for c in subject.children if c.dep_ in ("acl", "relcl") and _lemma(c) in ESCORT_WORDS]
        by = [c for e in heads for c in e.children if c.dep_ in ("agent", "prep")]
        return [p for c in by for p in c.children if p.dep_ == "pobj"]

    def _noun_subject(self, cand: Candidate) -> None:
        tok = cand.tok
        for c in tok.children:
            if c.dep_ == "poss" and c.ent_type_ in ("DATE", "TIME"):
                continue  # "Tuesday's abduction": when, not who
            if c.dep_ == "poss" and cand.trig.type in UNDERGONE:
                cand.roles.append(("recipient", c))  # "their arrest", "whose seizure": they were seized
            elif c.dep_ == "poss":
                if c.lower_ == "their" and tok.dep_ == "dobj" and _lemma(tok.head) in self.light_verbs:
                    subj = verb_subject(tok.head, self.perception)[0]
                    if subj is not None and any(d.dep_ == "conj" or (d.dep_ == "prep" and d.lower_ in ("of", "from"))
                                                for d in subj.children):  # fmt: skip
                        c = subj  # "guards from X and Y carried out their first joint patrol": all of them
                cand.subject, cand.subject_from = c, "possessive"
                return
        # the subject of a light verb or of the clause the noun sits in ("X held talks",
        # "X agreed to a ceasefire during a call with Y")
        node = tok
        for _ in range(4):
            if node.dep_ == "conj":
                node = node.head
                continue
            head = node.head
            if head.i == node.i:
                break
            if node.dep_ in ("dobj", "nsubjpass") and _lemma(head) in self.claims:
                # "the group claimed the abduction", "the attack was claimed by X": who did it
                subj, how = verb_subject(head, self.perception)
                if subj is not None and subj.i != tok.i and (node.dep_ == "dobj" or how == "agent"):
                    cand.subject, cand.subject_from = subj, "claimed"
                    return
            if node.dep_ in ("dobj", "attr", "nsubjpass", "oprd") and head.pos_ in ("VERB", "AUX"):
                carrier = _lemma(head) in self.light_verbs or _lemma(head) in cand.trig.governed_by
                if carrier and not (self.is_frame(head) and _lemma(head) not in cand.trig.governed_by):
                    subj, _ = verb_subject(head, self.perception)
                    if subj is not None and subj.i != tok.i and _lemma(head) in self.receiving:
                        cand.roles.append(("recipient", subj))  # "Egypt received aid from Qatar": the giver
                        return  # is in "from"
                    if subj is not None and subj.i != tok.i:
                        cand.subject, cand.subject_from = subj, "light-verb"
                        return
                # "follows a visit ... by X": the "by" phrase strayed to the verb; "followed a meeting
                # ..., led by X and Y": so did the participle that names who led it
                for c in head.children:
                    by = c if c.dep_ == "prep" else None
                    if c.dep_ == "advcl" and c.tag_ == "VBN" and c.lemma_ in LEADER_VERBS:
                        by = next((a for a in c.children if a.dep_ == "agent"), None)
                    if by is not None and by.lower_ == "by" and by.i > tok.i:
                        pobj = next((p for p in by.children if p.dep_ == "pobj"), None)
                        if pobj is not None:
                            cand.subject, cand.subject_from = pobj, "stray-agent"
                            return
                break
            if node.dep_ == "pobj" and head.dep_ == "prep":
                gov = head.head
                if gov.pos_ == "VERB" and _lemma(gov) in cand.trig.governed_by:
                    # "placed its forces on alert": the one who placed them; "forces were placed
                    # on alert": the forces
                    subj, _ = verb_subject(gov, self.perception)
                    subj = subj or next((c for c in gov.children if c.dep_ in PASSIVE_SUBJECT_DEPS), None)
                    if subj is not None:
                        cand.subject, cand.subject_from = subj, "governing-verb"
                        return
                if (head.lower_ == "for" and _lemma(gov) == "responsibility" and gov.dep_ == "dobj"
                        and _lemma(gov.head) in self.owning):  # fmt: skip
                    subj, _ = verb_subject(gov.head, self.perception)  # "X claimed responsibility for the attack"
                    if subj is not None:
                        cand.subject, cand.subject_from = subj, "claimed"
                        return
                if head.lower_ == "of" and gov.pos_ == "NOUN" and gov.i != tok.i:
                    node = gov  # "four hours of talks", "a round of strikes": climb the measure noun
                    continue
                if amount_of(node) is not None:
                    node = gov  # "announced $20 million in aid": climb the sum
                    continue
                culprit = next((c for c in gov.children if c.dep_ == "dobj"), None) if gov.pos_ == "VERB" else None
                if head.lower_ in ("for", "of") and culprit is not None and culprit.i < head.i:
                    # "blamed Uzbekistan for the attack", "accused X of a raid", "thanked Y for its
                    # aid": the one blamed or thanked did it
                    cand.subject, cand.subject_from = culprit, "object-of-verb"
                    return
                if (
                    gov.pos_ in ("VERB", "AUX")
                    and not self.is_frame(gov)
                    and head.lower_ in ("during", "in", "at", "to", "for", "with", "through")
                    and cand.trig.type != "PROTEST"  # "police detained 43 at a protest": not the protesters
                ):
                    subj, _ = verb_subject(gov, self.perception)
                    if subj is None:
                        subj = next((c for c in gov.children if c.dep_ in PASSIVE_SUBJECT_DEPS), None)
                    if subj is not None:
                        if self._modifier_subject(cand, ("NORP",)):
                            return  # the noun names its own: "officials pointed to a Somali army drone strike"
                        cand.subject, cand.subject_from = subj, "clause"
                        return
            break
        # "an accusation he first made on Sunday": a light verb in a relative clause
        for c in tok.children:
            if c.dep_ in ("relcl", "acl") and (_lemma(c) in self.light_verbs or _lemma(c) in cand.trig.governed_by):
                subj, _ = verb_subject(c, self.perception)
                if subj is not None and subj.i != tok.i:
                    cand.subject, cand.subject_from = subj, "light-verb"
                    return
        self._modifier_subject(cand)

    def _modifier_subject(self, cand: Candidate, kinds: tuple[str, ...] = ("NORP", "GPE", "ORG")) -> bool:
        """"Russian missile and drone attacks": a name among the noun's left modifiers is the actor."""
        tok = cand.tok
        left = [t for t in tok.subtree if t.i < tok.i and t.ent_type_ in kinds]
        missions = self.lex.vocab["missions"]
        for t in reversed(left):
            path = path_up(t, tok)
            if any(_lemma(a) in missions for a in path):
                continue  # "an Uzbek embassy protest": the embassy's state is protested against, not protesting
            if all(a.dep_ in ("amod", "compound", "nmod", "conj", "cc") or a.i == t.i for a in path):
                cand.subject, cand.subject_from = t, "modifier"
                return True
        return False

    # ------------------------------------------------------------------ conditions

    def _accept(self, cand: Candidate, is_party: Callable[[Token], bool], is_place: Callable[[Token], bool]) -> bool:
        trig, tok, vocab = cand.trig, cand.tok, self.lex.vocab
        if _inside_a_name(tok):
            return False  # "the Bilateral Consultation Mechanism" holds no consultation
        children = list(tok.children)
        mods = {_lemma(c) for c in children if c.dep_ in ("compound", "amod", "nmod", "prt")} | {
            c.lower_ for c in children if c.dep_ in ("compound", "amod", "nmod", "prt")
        }
        particles = {c.lower_ for c in children if c.dep_ in ("prt", "advmod")}
        if trig.not_with and (mods | particles) & set(trig.not_with):
            return False  # "hunger strike", "shot down", "the soldiers move back"
        if trig.needs == "condemnation":
            return self._condemned(tok)  # "called the strike an act of aggression"
        if trig.needs == "condemned_predicate":
            return self._condemned_predicate(tok, cand)  # "said the seizure was illegal"
        if (_lemma(tok) in vocab["naming_verbs"] and trig.needs != "declared_foe"
                and sum(c.dep_ in ("dobj", "oprd") for c in children) >= 2):  # fmt: skip
            return False  # "which Turkey calls Kardak": a name given, no call made
        if trig.needs_particle and not particles & set(trig.needs_particle):
            return False  # "carried off seven miners", not "a boat carrying migrants off Lampedusa"
        if trig.needs_compound and not mods & set(trig.needs_compound):
            return False
        if trig.needs_modifier and not mods & set(trig.needs_modifier):
            return False
        if trig.needs_prep:
            # (not a date's preposition: "fired a missile toward the ship on Sunday" fired on no one)
            dated = {c.i for c in children for p in c.children if p.dep_ == "pobj" and p.ent_type_ in ("DATE", "TIME")}
            preps = {c.lower_ for c in children if c.dep_ == "prep" and c.i not in dated} | particles
            # ("for" a stretch of time is a duration, no date: "spoke for 11 minutes")
            preps |= {c.lower_ for c in children if c.dep_ == "prep" and c.lower_ == "for"
                      and any(_lemma(p) in DURATION_UNITS for p in c.children if p.dep_ == "pobj")}  # fmt: skip
            # "spoke by hotline": a means the parser took for an agent
            preps |= {c.lower_ for c in children if c.dep_ == "agent" and any(p.lower_ in MEANS for p in c.children)}
            if tok.dep_ == "conj" and cand.roles:  # complements shared with the verb it is joined to
                preps |= {c.lower_ for c in tok.head.children if c.dep_ == "prep"}
            if trig.pos == "noun" and tok.dep_ == "dobj":
                # "continue the march of liberation all the way to Kinshasa": hung on the verb
                preps |= {c.lower_ for c in tok.head.children if c.dep_ == "prep" and c.i > tok.i}
            # "gathered outside parliament", "took the website offline": the particle misparsed as
            # the object's adjective or apposition
            preps |= {g.lower_ for c in children if c.dep_ == "dobj" for g in c.children if g.dep_ in ("amod", "appos")}
            # "handed over 17 servicemen": the particle read as "over" a number (more than 17)
            after = tok.doc[tok.i + 1] if tok.i + 1 < len(tok.doc) else None
            if after is not None and after.dep_ in ("quantmod", "advmod") and after.head.tag_ == "CD":
                preps.add(after.lower_)
            # "raised the reports with Chinese authorities": the partner's "with" hung on the object (only
            # "with": "heads an association in the city" goes nowhere; and not on ties, whose "with" is
            # their own: "to discuss relations with China")
            if trig.preps.get("with") == "recipient":
                preps |= {g.lower_ for c in children if c.dep_ == "dobj" and _lemma(c) not in vocab["relations"]
                          for g in c.children if g.dep_ == "prep" and g.lower_ == "with"}  # fmt: skip
            # "sends more than 300 drones towards 26 locations": where the weapons went, hung on them
            # (also when a free relative names them: "sent what officials described as 300 drones towards")
            weapons = [c for c in children if c.dep_ == "dobj"] + [o for o in cand.objects if o.head.i != tok.i]
            preps |= {g.lower_ for c in weapons if _lemma(c) in vocab["weapon"]
                      for g in c.children if g.dep_ == "prep"}  # fmt: skip
            # "called for the rebels to halt": the preposition heads an infinitive clause as its mark
            preps |= {g.lower_ for c in children if c.dep_ == "advcl" and infinitive(c)
                      for g in c.children if g.dep_ == "mark" and g.i < c.i}  # fmt: skip
            if not preps & set(trig.needs_prep):
                return False
        if trig.not_subject and cand.subject is not None and _lemma(cand.subject) in trig.not_subject:
            weapon = {_lemma(c) for c in cand.subject.children if c.dep_ in ("compound", "amod", "nmod")}
            if not weapon & vocab["weapon"]:  # "a fire hit the depot" is no attack; "artillery fire" is
                return False
        if trig.not_object and any(_lemma(o) in trig.not_object for o in cand.objects):
            return False  # "met the deadline" is no meeting
        if trig.needs_subject and not self._subject_in(cand, trig.needs_subject):
            return False  # "the frigates sailed" moves a force; "the ferry sailed" does not
        if trig.governed_by and not self._governed(tok, set(trig.governed_by)):
            return False
        if tok.dep_ == "pobj" and tok.head.lower_ in trig.not_after and tok.head.head.pos_ == "VERB":
            # "China pulled its ambassador out in protest": a state's act done as a protest (not "Ethnic
            # Serbs blocked the roads in protest": a crowd's act is the protest)
            doer, _ = verb_subject(tok.head.head, self.perception)
            if doer is not None and (doer.ent_type_ in ("GPE", "ORG") or _lemma(doer) in GOVERNMENT_NOUNS):
                return False
        if trig.not_governed_by and self._governed(tok, set(trig.not_governed_by)):
            return False  # "recalled its ambassador for consultations": the recall's purpose, no meeting
        # (the complement may be parsed on the object: "ordered an official ... to leave")
        told = [c for c in tok.children if c.dep_ in ("xcomp", "ccomp", "advcl")]
        told += [c for o in cand.objects for c in o.children if c.dep_ == "acl" and infinitive(c)]
        if any(c.dep_ == "xcomp" and with_to(c) and _lemma(c) in trig.not_complement for c in told):
            return False  # "declined to comment" rejects no one; "asked not to be named" asks no one
        if trig.needs_complement and not any(_lemma(c) in trig.needs_complement for c in told):
            return False  # "ordered the ambassador to leave the country": an expulsion
        if trig.needs_material_nearby and not any(
            t.lower_ in vocab["material"] or _lemma(t) in vocab["material"] for t in tok.subtree if t.i != tok.i
        ):
            return False
        objs = cand.objects + [p for role, p in cand.roles if role == "item"]
        military = any(_words_of(o) & vocab["military"] and not _words_of(o) & vocab["civil_modifiers"] for o in objs)
        # a state's frontier is where forces go, not who gets them ("sent troops to its border")
        def hosts(p: Token) -> bool:
            return is_party(p) and _lemma(p) not in vocab["frontiers"]

        to_party = any(hosts(p) and not is_place(p) for role, p in cand.roles if role != "item")
        if (
            trig.type == "AID"
            and military
            and not any(hosts(p) for role, p in cand.roles if role in ("recipient", "recipient_or_place"))
        ):
            return False  # troops sent to no named state: a deployment, not aid
        if trig.home_only and to_party:
            return False  # troops sent to another state: aid, coded by the AID entry
        if trig.needs == "destination":
            targets = [p for role, p in cand.roles if role != "item"] + cand.objects
            if not any(is_party(p) or is_place(p) for p in targets):
                return False
            if any(_words_of(c) & vocab["military"] for c in children if c.dep_ == "dobj") or (
                    cand.passive and any(_words_of(o) & vocab["military"] for o in cand.objects)):  # fmt: skip
                return False  # "flew 70 police officers to the border", "the officers were flown to": forces moved
        elif trig.needs == "territory":  # ("a town that its fighters captured": the town)
            held = [o.head.head for o in objs if o.lower_ in ("that", "which") and o.head.dep_ == "relcl"]
            if not any(_words_of(o) & vocab["territory"] or is_place(o) or _military_post(o, is_place) for o in objs) \
                    and not any(_words_of(o) & vocab["territory"] for o in held):  # fmt: skip
                return False
        elif trig.needs == "one_aircraft":  # a single aircraft downed, or crewed ones: not "40 drones"
            craft = [o for o in objs if _lemma(o) in vocab["aircraft"] or {"aerial", "vehicle"} <= _words_of(o)]
            if not any(o.tag_ in ("NN", "NNP") or _lemma(o) in vocab["crewed_aircraft"] for o in craft):
                return False  # ("an unmanned aerial vehicle" is one; "two Peruvian jets" are crewed)
        elif trig.needs == "force_mission":  # "a naval mission", "Operation Aspides", not "a trade mission"
            if not any((_lemma(o) in vocab["mission_nouns"] and _words_of(o) & vocab["force_modifiers"])
                       or _named_operation(o) for o in objs):
                return False
            if any(c.dep_ == "prep" and c.lower_ == "against" for h in (tok, *objs) for c in h.children):
                return False  # "launched a military operation against the rebels": an offensive
        elif trig.needs == "blocs":  # "quit the bloc", "leave ECOWAS" (not "left Bamako", "left the BBC")
            if not any(_words_of(o) & vocab["blocs"] or (o.text.isalpha() and o.text.isupper() and len(o.text) > 3)
                       for o in objs):  # fmt: skip
                return False
        elif trig.needs == "reprisal":  # "warned of a forceful response", not "warned of heavy rain"
            if not warning_words(tok) & vocab["reprisal"]:
                return False
            clauses = [c for c in tok.children if c.dep_ == "ccomp"]
            if clauses and all(c.tag_ == "VBD" for c in clauses) and not any(
                t.lower_ in THREAT_MARKERS for c in clauses for t in c.subtree
            ):  # "warned that the strikes risked widening the conflict": a caution about what was done;
                # a threat says what will follow ("would be met with force", "are targets for retaliation")
                return False
        elif trig.needs == "mutual_subject":  # "the two leaders spoke by phone" (not "he said, speaking by phone")
            subj = cand.subject
            if subj is None or not (subj.tag_ in ("NNS", "NNPS") or conjuncts(subj)) or any(
                c.dep_ == "prep" and c.lower_ in ("with", "to") for c in tok.children
            ):
                return False
        elif trig.needs == "kept_out":  # "barred Pakistani aircraft from its airspace"
            if not any(_words_of(p) & vocab["crossing"] for h in (tok, *objs) for p in prep_objects(h, ("from",))):
                return False  # (the parser may hang "from its airspace" on the aircraft)
        elif trig.needs == "in_abeyance":  # "held the treaty in abeyance" (not "held talks in Delhi")
            abeyant = any(in_words(p, vocab["abeyance"]) for h in (tok, *objs) for p in prep_objects(h, ("in", "on")))
            if not abeyant or not any(_words_of(o) & vocab["relations"] for o in objs):
                return False
        elif trig.needs == "non_grata":  # "declared the attache persona non grata"
            said = [c for c in tok.children if c.dep_ in ("dobj", "oprd", "attr", "xcomp", "ccomp")]
            if not any(t.lower_ == "grata" for c in said for t in c.subtree):
                return False
            # the parser may make the one declared the subject of "persona non grata"
            cand.objects += [s for c in said if c.dep_ == "ccomp" for s in c.children if s.dep_ == "nsubj"]
        elif trig.needs == "declared_foe":  # "declared South Sudan an enemy", "declared Ethiopia an enemy state"
            said = [c for c in tok.children if c.dep_ in ("dobj", "oprd", "attr", "xcomp", "ccomp")]
            if not any(_lemma(t) in vocab["foe"] for c in said for t in c.subtree):
                return False
            # the one declared, not what it is called ("branded X an enemy": two objects); the
            # parser may make it the subject of "an enemy (state)"
            cand.objects = [o for o in cand.objects if _lemma(o) not in vocab["foe"]]
            cand.objects += [s for c in said for s in c.subtree if s.dep_ == "nsubj" and is_party(s)]
        elif trig.needs == "to_court":  # "takes Nicaragua to the world court" (not "took the town")
            if not any(in_words(p, vocab["court_words"]) for p in prep_objects(tok, ("to", "before"))):
                return False
        elif trig.needs == "ashore":  # "troops landed on the islet" (not "landed on its deck": a boarding)
            ship = vocab["ship_parts"] | vocab["vessel_nouns"] | vocab["warships"]
            if any(in_words(p, ship) for p in prep_objects(tok, ("on", "onto", "aboard"))):
                return False
        elif trig.needs == "trade_curb":  # "restricted exports", "tightened controls on imports to X"
            flows, rules = vocab["trade_flows"], vocab["trade_rules"]
            if not any(_words_of(o) & flows or (_words_of(o) & rules and any(
                    _words_of(p) & flows for p in prep_objects(o, ("on", "of")))) for o in objs):  # fmt: skip
                return False
        elif trig.needs == "favoured_list":  # "from its white list", "off its list of trusted partners"
            lists = prep_objects(tok, ("from", "off"))
            if not any({_lemma(t) for t in p.subtree} & vocab["favoured"] for p in lists):
                return False
        elif trig.needs == "unrenewed":  # "will not renew the pact", "decided not to extend the agreement"
            subj = cand.subject
            if refusal_of(tok) is None or subj is None or not any(_words_of(o) & vocab["agreement"] for o in objs):
                return False
        elif trig.needs == "suspended_measure":  # "suspended its tariffs", "suspended the expiry of the pact"
            if not any(_words_of(o) & (vocab["restriction"] | vocab["agreement_endings"]) for o in objs):
                return False
            # the other party to the agreement whose ending is put off ("the expiry of its pact with Japan")
            partners = [p for o in objs for t in o.subtree if _lemma(t) in vocab["agreement"]
                        for p in prep_objects(t, ("with",)) if is_party(p)]  # fmt: skip
            cand.roles.extend(("recipient", p) for p in partners[:1])
        elif trig.needs == "answered_any":  # "would respond to any future attack" (not "responded to the attack")
            answered = prep_objects(tok, ("to", "against"))
            if not any(t.dep_ == "det" and t.lower_ == "any" for p in answered for t in p.children):
                return False
            if not any(c.dep_ == "aux" and c.lower_ in FUTURE_AUX for c in tok.children):
                return False
        elif trig.needs == "sought_help":  # "turned to the UN for help" (not "turned to the economy")
            if not any(_lemma(p) in vocab["help_words"] for p in prep_objects(tok, ("for",))):
                return False
        elif trig.needs == "held_responsible":  # "held Kenya responsible for the raid"
            deps = ("amod", "oprd", "acomp", "xcomp", "ccomp")
            said = [c for h in (tok, *objs) for c in h.children if c.dep_ in deps]
            if not any(_lemma(c) in vocab["blamed"] for c in said):
                return False
            # the parser may make the one blamed the subject of "responsible" ("held [Kenya responsible]")
            cand.objects += [s for c in said if c.dep_ == "ccomp" for s in c.children if s.dep_ == "nsubj"]
            if not any(is_party(o) or any(t.ent_type_ == "GPE" for t in o.subtree) for o in cand.objects):
                return False  # (a party, or ones placed by a state: "Pakistan-based handlers")
        elif trig.needs == "ordered_state":  # "ordered Sudan and South Sudan to cease all hostilities"
            states = [o for o in objs if o.ent_type_ == "GPE" or any(c.ent_type_ == "GPE" for c in conjuncts(o))]
            told = [c for c in tok.children if c.dep_ in ("xcomp", "ccomp")]
            if not states or any(n.dep_ == "neg" for c in told for n in c.children):
                return False  # (not "told Iran's ambassador not to return": a bar, coded as one)
        elif trig.needs == "barred_return":  # "told the ambassador not to return": who bars, whom
            bar = barred_return(tok)
            if bar is None or bar[1] is None or not _words_of(bar[1]) & vocab["envoys"]:
                return False
            cand.objects, cand.passive = [bar[1]], False
            barrer = bar[2] if bar[2] is not None or bar[0] is tok else verb_subject(bar[0], self.perception)[0]
            cand.subject, cand.subject_from = barrer, "barrer"
        elif trig.needs == "stood_with":  # "stands with Lithuania", "with our ally" (not "with their own flags")
            backed = prep_objects(tok, trig.needs_prep)  # ("with", "behind", "by")
            if not any(is_party(p) and (p.pos_ == "PROPN" or p.ent_type_ in ("GPE", "NORP", "ORG", "PERSON")
                                        or _lemma(p) in vocab["ally_nouns"]) for p in backed):  # fmt: skip
                return False
        elif trig.needs == "crossing_limit":
            if not any(self._limits_crossing(tok, o) for o in objs):
                return False
        elif trig.needs == "refused_change":  # "will not change the name", "is not going to reverse it"
            subj = cand.subject  # (one who refuses: not "the sanctions would not change its commitment")
            if refusal_of(tok) is None or subj is None or not (
                is_party(subj) or subj.lower_ in REFUSERS or own_country(subj)  # "his country would not accept it"
            ):
                return False
        elif trig.needs == "unpunished":  # "will not go unpunished" (not "went unpunished": a fact)
            if refusal_of(tok) is None or not any(c.lower_ == "unpunished" for c in tok.children):
                return False
            cand.subject = None  # (the subject is the act; whoever says so threatens)
        elif trig.needs == "vowed_reprisal":  # "vowed revenge", "vowed to retaliate", "... would not go unpunished"
            vowed = [t for o in objs for t in o.subtree] + warning_clause(tok)
            if not _forms(vowed) & vocab["vowed_reprisal"]:
                return False
        elif trig.needs == "handed_demands":  # "handed X a list of 13 demands", "the demands that X presented to Y"
            given = objs + [o.head.head for o in objs if o.lower_ in ("that", "which") and o.head.dep_ == "relcl"]
            if tok.dep_ in ("relcl", "acl") and tok.head.pos_ == "NOUN" and not objs:
                given.append(tok.head)  # ("the demands X presented to Y": no relative pronoun)
            given += [n for o in given if (n := of_object(o)) is not None]  # "a list of demands"
            if not any(_words_of(o) & vocab["handed_demands"] for o in given):
                return False
            if not any(role == "recipient" for role, _ in cand.roles):
                return False  # (to whom: "Qatar handed 13 demands", a headline's passive, names the receiver)
        elif trig.needs == "terror_list":  # "published a list of 59 individuals ... they described as terrorist"
            lists = [o for o in objs if _lemma(o) in ("list", "blacklist")]
            if not any(_forms(o.subtree) & vocab["terror"] for o in lists):
                return False
            tied = [p for o in lists for t in o.subtree if _lemma(t) in ("link", "tie", "connect", "associate")
                    for p in prep_objects(t, ("to", "with")) if is_party(p)]  # fmt: skip
            cand.roles.extend(("recipient", p) for p in tied[:1])  # "... they said were linked to Qatar"
        elif trig.needs == "sum":  # "a $200 million fund", "a credit line worth $1 billion"
            if not any(t.ent_type_ == "MONEY" for t in tok.subtree if t.i != tok.i):
                return False
        elif trig.needs == "party":
            partners = objs + [p for role, p in cand.roles if role in ("recipient", "recipient_or_place")]
            if not any(is_party(o) for o in partners):
                return False
        elif (
            trig.needs
            and not any(_words_of(o) & vocab[trig.needs] for o in objs)
            and not (trig.needs == "captive" and any(_words_of(o) & vocab["captive"] for o in _antecedents(objs)))
            and not (trig.needs == "material" and any(o.ent_type_ == "MONEY" for o in objs))  # "$2 billion"
            and not (trig.needs == "envoys" and any(self._mission_staff(o) for o in objs))
        ):
            return False
        return True

    def _mission_staff(self, obj: Token) -> bool:
        """Whether someone is named by where they serve: a diplomatic mission ("an official of
        Pakistan's High Commission", "a staff member at the embassy")."""
        missions = self.lex.vocab["missions"]
        where = prep_objects(obj, ("of", "at", "from"))
        return any(_words_of(p) & missions or {"high", "commission"} <= _words_of(p) for p in where)

    def _limits_crossing(self, tok: Token, obj: Token) -> bool:
        """Whether what a verb of limiting acts on is a crossing ("restricted the crossings") or
        the hours, access or traffic of one ("cut opening hours at checkpoints", "limited access
        to the border"); not a thing that is only by the border ("cut the border fence")."""
        vocab = self.lex.vocab
        if in_words(obj, vocab["crossing"]):
            return True
        if not in_words(obj, vocab["crossing_limits"]):
            return False
        return any(_words_of(p) & vocab["crossing"] for h in (obj, tok) for p in prep_objects(h))

    def _condemned_predicate(self, tok: Token, cand: Candidate) -> bool:
        """Whether a copula reported by a speaker says in words of condemnation what an act was
        ("said the banana suspension was 'a clear case of economic coercion'", "said the seizure of
        its boats was illegal"): its subject a definite or possessed noun, the act."""
        if tok.dep_ != "ccomp" or not self.is_frame(tok.head) or not cand.objects:
            return False
        act = cand.objects[0]  # an act: a noun that names an event, or a decision or a move
        acts = self.lex.lookup(_lemma(act), "noun") or _lemma(act) in self.lex.vocab["stances"]
        if act.pos_ != "NOUN" or not acts or not any(c.dep_ in ("det", "poss") for c in act.children):
            return False
        said = [c for c in tok.children if c.dep_ in ("attr", "acomp")]
        words = _forms(t for s in said for t in s.subtree)
        return bool(words & self.lex.vocab["condemnation"])

    def _condemned(self, tok: Token) -> bool:
        """Whether a verb of naming or describing says what its object is in words of
        condemnation: "called the strike an act of aggression", "described the arrests as
        illegal", "branded the move a provocation"."""
        said = [c for c in tok.children if c.dep_ in ("oprd", "acomp", "xcomp", "ccomp")]
        objects = [c for c in tok.children if c.dep_ == "dobj"]
        said += [g for o in objects for g in o.children if g.dep_ in ("appos", "oprd", "amod") and g.i > o.i]
        said += [o for o in objects[1:]]  # "called the strike an act ...": the parser's second object
        # "branded the arrests of its citizens in Sudan illegal": the complement parsed into the object
        said += [t for o in objects for t in o.subtree if t.pos_ == "ADJ" and t.i > t.head.i]
        for host in [tok, *objects]:
            said += [p for c in host.children if c.dep_ == "prep" and c.lower_ == "as" for p in c.children]
        words = _forms(t for s in said for t in s.subtree)
        return bool(words & self.lex.vocab["condemnation"]) and bool(objects)

    def _subject_in(self, cand: Candidate, classes: tuple[str, ...]) -> bool:
        """Whether the subject of a move, or what escorts it, belongs to one of the word classes
        ("three frigates sailed"; "the ship left port accompanied by / with an escort of frigates")."""
        vocab = self.lex.vocab
        movers = [cand.subject, *conjuncts(cand.subject)] if cand.subject is not None else []
        for m in movers + cand.escorts:
            words = _words_of(m)
            if any(words & vocab[c] for c in classes):
                return True
            if "warships" in classes and words & vocab["vessel_nouns"] and words & vocab["warship_modifiers"]:
                return True  # "navy ships", "naval vessels"
        return False

    def _governed(self, tok: Token, verbs: set[str]) -> bool:
        """Whether a trigger is the object of one of ``verbs`` ("imposed sanctions"), the clause
        one of them governs ("stopped buying"), the object of one in a relative clause on it ("the
        ceasefire the president declared"), or, with "no longer" among them, so negated ("would
        no longer buy")."""
        if tok.dep_ == "xcomp" and _lemma(tok.head) in verbs:
            return True
        if any(c.dep_ == "relcl" and _lemma(c) in verbs
               and not any(o.dep_ == "dobj" and o.lower_ not in ("that", "which") for o in c.children)
               for c in tok.children):  # fmt: skip
            return True  # "the ceasefire (that) the president declared on Tuesday"
        if "no longer" in verbs and any(
            c.lower_ == "longer" and any(g.lower_ == "no" for g in c.children) for c in tok.children
        ):
            return True
        node = tok
        for _ in range(3):
            if node.dep_ == "conj":
                node = node.head
                continue
            head = node.head
            if node.dep_ in ("dobj", "nsubjpass", "attr", "nsubj") and _lemma(head) in verbs:
                return True
            if node.dep_ == "pobj" and _lemma(head.head) in verbs:
                return True
            amount = amount_of(node)  # "announced 48 million euros in new humanitarian funding"
            if amount is not None and amount.dep_ in ("dobj", "nsubjpass") and _lemma(amount.head) in verbs:
                return True
            if node.dep_ == "compound":
                node = head
                continue
            return False
        return False

    # ------------------------------------------------------------------ folding

    def _fold(self, cands: list[Candidate], times: set[int] | frozenset[int]) -> None:
        by_tok = {c.tok.i: c for c in cands}
        harm = self.lex.vocab.harm_verbs
        for c in cands:
            tok = c.tok
            # "strikes killed 14 and injured 44": harm verbs whose subject is an event noun
            if c.trig.pos == "verb" and _lemma(tok) in harm and c.subject is not None:
                host = by_tok.get(c.subject.i) or _of_host(c.subject, by_tok)
                if host is None and c.subject_from == "relative":
                    host = _attack_on(c.subject, by_tok)  # "the attack on the ship X, which killed three"
                if host is not None and host.is_noun and host is not c:
                    self._merge(host, c)
                    for o in c.objects:
                        host.harm[o.i] = harm[_lemma(tok)]
                    continue
            # purpose and promised acts: "arrived ... to meet X", "agreed to send troops"
            if c.trig.pos == "verb" and tok.dep_ in ("xcomp", "advcl") and with_to(tok):
                host = by_tok.get(tok.head.i)
                if host is not None and host is not c:
                    self._merge(host, c)
                    continue
            # a participle elaborating its host: "launched an assault, deploying 500 drones"
            if c.trig.pos == "verb" and tok.dep_ == "advcl" and tok.tag_ == "VBG":
                host = by_tok.get(tok.head.i)
                if host is not None and host is not c and _elaborates(host.trig.type, c.trig.type):
                    self._merge(host, c)
                    continue
            # "killing 12 and wounding 30": a participle joined to one already folded
            if c.trig.pos == "verb" and tok.dep_ == "conj" and tok.tag_ == "VBG":
                sibling = by_tok.get(tok.head.i)
                host = sibling.folded_into if sibling is not None else None
                if host is not None and _elaborates(host.trig.type, c.trig.type):
                    self._merge(host, c)
                    continue
            # an event noun restating its verb: "launched an assault", "provided aid"
            if c.is_noun and tok.dep_ in ("dobj", "nsubjpass"):
                host = by_tok.get(tok.head.i)
                if host is not None and host.trig.type == c.trig.type:
                    self._merge(host, c)
                    continue
                if (host is not None and host.trig.type == "AGREE" and c.trig.type == "AID" and not host.folded
                        and host.folded_into is None):  # fmt: skip
                    self._merge(c, host)  # "pledged a $200 million fund": the promise is of the aid
                    continue
            # a noun inside a same-type verb's complement: "shipped ... across 49 deliveries"
            # (not when each has a date of its own: "killed X on Sept. 16 and Y in an attack on Sept. 24")
            if c.is_noun and tok.dep_ == "pobj":
                host = by_tok.get(tok.head.head.i)
                if host is not None and host.trig.type == c.trig.type and not _dated_apart(host.tok, tok, times):
                    self._merge(host, c)

    @staticmethod
    def _merge(host: Candidate, part: Candidate) -> None:
        if host.folded_into is not None:
            host = host.folded_into
        part.folded_into = host
        host.folded.append(part)
