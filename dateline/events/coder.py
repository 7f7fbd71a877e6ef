"""Code the events of one document: candidates -> PLOVER events with parties, place, date."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from typing import TYPE_CHECKING

from ..records import (
    BlockKind,
    EntityKind,
    Event,
    EventDate,
    Evidence,
    Party,
    Place,
    Quantity,
    Sentence,
    TimeExpression,
)
from .candidates import (
    CONDITIONAL_MARKS,
    FINITE,
    FUTURE_AUX,
    SPEECH_ACTS,
    Candidate,
    CandidateFinder,
    agent_of,
    amount_of,
    conjuncts,
    path_up,
    text_author,
    warning_clause,
)
from .dating import (
    SAID_ACTS,
    Dater,
    Phrase,
    amount_before,
    contract_value,
    counting_mark,
    from_phrase,
    is_anaphoric,
    is_present_perfect,
    relative_offset,
    sentence_phrases,
    shifted,
)
from .lexicon import QUAD, Lexicon, lemma_of_rule
from .parties import WARNING_VERBS, Parties, hyphen_partner, speaker_of
from .quantities import quantities
from .syntax import (
    PERMIT_VERBS,
    barred_return,
    first_conjunct,
    hangs_in_list,
    in_words,
    of_object,
    own_country,
    prep_objects,
    refusal_of,
    semicolon_apart,
)

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

    from ..pipeline import ParsedBlock

# Reactions to an earlier event: the one who did it is their recipient ("condemned the strike").
REACTIONS = frozenset({"ACCUSE", "REJECT", "SUPPORT", "REQUEST", "SANCTION", "THREATEN"})
PRESENT_TAGS = frozenset({"VBZ", "VBP"})
# acts done by saying, which the present tense tells as done now ("He accuses Belgrade of ...");
# not a denial, which the present tells as a standing position ("Uzbekistan denies launching the drone")
SAID_NOW = SPEECH_ACTS - {"REJECT"}
QUOTE_OPENERS = frozenset('"“‘\'')
# day phrases a time engine counts from the last date written ("the following night")
NEXT_DAY = re.compile(
    r"(?i)(?:the\s+)?(?:following|next|previous|preceding)\s+(?:day|night|morning|afternoon|evening)|the\s+day\s+(?:before|after)"
)
SAME_DAY = re.compile(r"(?i)(?:the\s+)?same\s+(?:day|night|morning|afternoon|evening)")
# what a request convenes: "asked for a meeting of the Security Council"
BACK_REFERENCES = frozenset({"the", "these", "those", "this", "that"})  # "the raids" told before
PHASE_VERBS = frozenset({"begin", "start", "end", "finish", "conclude"})  # "the withdrawal began"
OUTBREAK_VERBS = frozenset({"erupt", "flare", "resume", "intensify", "escalate", "rage"})  # "clashes erupted"
MUTUAL = frozenset({"CONSULT", "AGREE", "COOPERATE"})  # each side does it with the other
# acts whose people named only by a noun ("killed six civilians", "closed the border to tourists
# and traders") say less of whom they were aimed at than the document's other side
PEOPLE_GIVE_WAY = frozenset({"ASSAULT", "SANCTION"})
MEETING_NOUNS = frozenset({"meeting", "session", "sitting", "summit", "debate", "consultation", "consultations"})
# "gendarmes held in Kosovo", "men detained in X": participles telling where people were held
HOLDING_VERBS = frozenset({"hold", "detain", "keep", "jail", "imprison", "arrest", "seize"})
# Categories a state reports of itself: a passive with no agent takes the speaker as actor.
SELF_REPORTED = frozenset({"MOBILIZE", "RETREAT", "AID"})
# Subjects that stand for the one who reports ("the ministry said it would", "police said they had").
SPEAKER_PRONOUNS = frozenset({"it", "they", "we"})
PERSONAL_PRONOUNS = frozenset({"he", "she"})
PHONES = frozenset({"phone", "telephone", "hotline"})  # "spoke by phone": a call
# Dates read from a sentence's own phrases: later sentences of the paragraph may inherit them.
OWN_SENTENCE_RULES = frozenset({"trigger-phrase", "clause-phrase", "report-frame", "said-act", "before-act"})
MEASURED = "SANCTION"  # the category whose mode names its measure (vocabulary.yaml sanction_modes)
# Categories whose recipient is the state where they happen when the text names no target.
PLACE_TARGETED = frozenset({"ASSAULT", "COERCE", "MOBILIZE", "PROTEST"})
# Acts told without their doer that a blame names it for: "gas supplies were cut; X blames Y".
BLAMED_ACTS = frozenset({"SANCTION", "COERCE", "ASSAULT"})
# The mode of a third party's mediation: its unnamed recipient is one of the document's sides too.
THIRD_PARTY = "third-party"
# Categories whose unnamed recipient is taken to be the document's most salient other state
# (reports of a conflict or a crisis centre on a dyad); the rule says so in its name.
TELLING_VERBS = frozenset({"tell", "inform", "assure", "notify"})  # said to someone: "told the council that"
SALIENT_TARGETED = frozenset(
    {"ASSAULT", "COERCE", "THREATEN", "REQUEST", "ACCUSE", "REJECT", "SANCTION", "MOBILIZE", "RETREAT", "AID"}
)


@dataclass
class Roles:
    """The parties, place and objects of one candidate, as they are worked out."""

    actors: list[Party] = field(default_factory=list)
    recipients: list[Party] = field(default_factory=list)
    place: Place | None = None
    host_state: Party | None = None  # the state of a visited place
    partners: list[Party] = field(default_factory=list)  # who acts with the actor, never its recipient
    items: list[Token] = field(default_factory=list)  # objects that are things, not parties
    notes: list[str] = field(default_factory=list)  # which inference rules filled a role
    titled: Token | None = None  # the title-only speaker of the sentence before, whom "he" means


RecipientRule = Callable[[Candidate, Roles, int], list[Party]]


@dataclass(frozen=True)
class Told:
    """A date the main clause of a sentence gave, which a later sentence of its paragraph may
    inherit: its protagonist, and whether it was told in the present (a timeline's historic
    present: "Venezuelan navy seizes the ship. CARICOM condemns the seizure.")."""

    date: EventDate
    actor: Party | None
    present: bool
    block: int  # the offset of its paragraph


@dataclass
class Coded:
    """An event being coded, with the tokens it came from (for later rules in the sentence)."""

    cand: Candidate
    event: Event


def _same(a: Party | None, b: Party | None) -> bool:
    return (
        a is not None
        and b is not None
        and (a.name == b.name or (a.country is not None and a.country == b.country and a.kind == b.kind == "state"))
    )


class DocumentCoder:
    def __init__(
        self,
        finder: CandidateFinder,
        lexicon: Lexicon,
        parties: Parties,
        reference: date | None,
        salient: list[Party] | None = None,
    ) -> None:
        self.salient = salient or []  # states of the document, most mentioned first
        self.headline = False  # coding the headline block
        self.section_date: EventDate | None = None  # the date heading the items being coded (events.section_dates)
        # main-clause (date, actor) pairs found in the current block so far, and in the sentence just coded
        self.block_dates: list[Told] = []
        self.main_dates: list[Told] = []
        self.in_times: set[int] = set()  # tokens of time phrases in the sentence being coded
        self.doc_times: list[TimeExpression] = []  # the document's time phrases
        # where the document's phrases that date a clause describing a noun start ("the diplomat
        # it expelled on 13 March"): background, not the day the story goes on from
        self.background_times: set[int] = set()
        self.finder = finder
        self.lex = lexicon
        self.parties = parties
        self.reference = reference
        self.dater = Dater(finder, lexicon.vocab["relational_verbs"])
        self.history: list[Event] = []  # body events so far, for context rules
        # the events of the sentence being coded, so far (set by ``code`` for the recipient rules,
        # which read the sentence's accusation: ``_party_blamed``)
        self.coded_here: list[Coded] = []
        # the owners of acts named so far ("Beijing's suspension of banana imports"): whose act a
        # later "the suspension" is when no event of it was coded
        self.owned_acts: dict[str, Party] = {}
        # the state that moved each kind of force named so far ("rushed 70 police officers"): who
        # moved a later "the officers" of a passive with no agent
        self.moved_forces: dict[str, Party] = {}
        v = lexicon.vocab
        self.planning_verbs = v["planning_verbs"]
        self.planning_mods = v["planning_modifiers"]
        self.promising_verbs = v["promising_verbs"]
        self.announcing = v["announcing_verbs"]
        self.deciding = v["deciding_verbs"]
        self.hedges = v["hedging_modals"]
        self.hypothetical = v["hypothetical_dets"]
        self.target_nouns = v["people_nouns"] | v["actor_nouns"] | v["allies"]
        self.irrealis = v["irrealis_verbs"]
        self.anticipated = v["anticipation_verbs"]
        self.prevention = v["prevention_verbs"]
        self.joint_words = v["joint_bodies"]
        self.frontier_bodies = v["frontier_bodies"]
        self.texts = v["texts"]

    # ------------------------------------------------------------------ driving

    def code_block(
        self, block: ParsedBlock, sentences: dict[int, Sentence], times: list[TimeExpression]
    ) -> list[Event]:
        out: list[Event] = []
        self.doc_times = times
        caption = block.kind == BlockKind.CAPTION
        self.headline = block.kind == BlockKind.HEADLINE
        if block.kind != BlockKind.BODY:
            self.block_dates = []  # body paragraphs continue each other; headlines and captions stand alone
        for sent in block.doc.sents:
            record = sentences.get(block.offset + sent.start_char)
            if record is None:
                continue
            in_sent = [t for t in times if record.start <= t.start < record.end]
            events = self.code_sentence(sent, block.offset, record, in_sent, caption)
            out.extend(events)
            if not caption:
                self.history.extend(events)
                self._remember_owned_acts(sent, block.offset)
            self.block_dates.extend(self.main_dates)
        return out

    def code_sentence(
        self, sent: Span, offset: int, record: Sentence, times: list[TimeExpression], caption: bool
    ) -> list[Event]:
        in_times = {tok.i for tok in sent if any(t.start <= offset + tok.idx < t.end for t in times)}
        self.in_times = in_times
        cands = self.finder.find(
            sent,
            lambda tok: self.parties.party(tok, offset) is not None,
            lambda tok: self.parties.place(tok, offset) is not None,
            skip=in_times,
        )
        verbs = {c.tok.i for c in cands if not c.is_noun}
        nouns = {
            c.tok.i for c in cands if c.is_noun and not (c.tok.dep_ in ("dobj", "nsubjpass") and c.tok.head.i in verbs)
        } | {p.tok.i for c in cands for p in c.folded if p.is_noun}
        phrases = sentence_phrases(sent, offset, times, lambda t: t.i in nouns or self.finder.is_frame(t),
                                   self._names_an_act)
        self.background_times |= {p.time.start for p in phrases if p.anchor is not None and _describes_noun(p.anchor)}
        cands = [part for c in cands for part in self._each_holder(c, offset)]
        cands = [part for c in cands for part in _each_in_turn(c)]
        self.dater.events_at = {c.tok.i: c.trig.type for c in cands}
        coded: list[Coded] = []
        for cand in cands:
            event = self.code(cand, sent, offset, record, phrases, coded, caption)
            if event is not None:
                coded.append(Coded(cand, event))
        if not caption:  # the forces each side moved, for a later "the officers were flown to ..."
            for c in coded:
                if c.event.type == "MOBILIZE" and c.event.actor is not None and c.event.actor.kind == "state":
                    for o in c.cand.objects:
                        if in_words(o, self.lex.vocab["military"]):
                            self.moved_forces[o.lemma_.lower()] = c.event.actor
        # dates a later sentence of the paragraph may inherit: those of the main clause only
        self.main_dates = [
            Told(c.event.date, c.event.actor, c.cand.tok.tag_ in PRESENT_TAGS, offset)
            for c in coded
            if c.event.date.rule in OWN_SENTENCE_RULES and _in_main_clause(c.cand.tok)
        ]
        return _dedupe([c.event for c in coded])

    def _names_an_act(self, tok: Token) -> bool:
        """A noun for an act: an event noun of the lexicon ("attack"), or the "-ing" noun of an
        event verb ("the killing of 19 tourists")."""
        lemma = tok.lemma_.lower()
        if self.lex.lookup(lemma, "noun"):
            return True
        stem = lemma.removesuffix("s").removesuffix("ing")
        if stem == lemma or in_words(tok, self.lex.vocab["crossing"]):
            return False  # ("at another crossing the following Friday": a place)
        return any(self.lex.lookup(v, "verb") for v in (stem, stem + "e"))

    def _said_before(self, titled: Token, offset: int) -> EventDate | None:
        """The day the sentence before said what its titled speaker said ("Pakistan's information
        minister said late on Tuesday that ... He warned ..."): what "he" goes on to say, then."""
        if not self.finder.is_frame(titled.head):
            return None
        said = [p for p in self._other_sentence_phrases(titled.sent, offset)
                if p.anchor is not None and p.anchor.i == titled.head.i and p.time.first is not None]  # fmt: skip
        return from_phrase(said[0].time, "context-sentence") if said else None

    def _other_sentence_phrases(self, sent: Span, offset: int) -> list[Phrase]:
        """The time phrases of another sentence than the one being coded, with reporting verbs
        as the only hosts they may hang on besides verbs."""
        times = [t for t in self.doc_times if offset + sent.start_char <= t.start < offset + sent.end_char]
        return sentence_phrases(sent, offset, times, self.finder.is_frame)

    def _quoted_before(self, cand: Candidate, actor: Party, offset: int) -> EventDate | None:
        """The day the same person spoke in the sentence before, for what "he" or "she" goes on to
        say undated: "Speaking on Tuesday afternoon, X said the plans were unchanged. 'We are not
        going to reverse a decision ...,' he said"."""
        speaker = speaker_of(cand.tok)
        sent = cand.tok.sent
        if speaker is None or speaker.lower_ not in PERSONAL_PRONOUNS or sent.start == 0:
            return None
        if actor.kind != EntityKind.PERSON.value:
            return None
        before = sent.doc[sent.start - 1].sent
        for p in self._other_sentence_phrases(before, offset):
            if p.anchor is None or p.time.first is None:
                continue
            frame = p.anchor
            if not self.finder.is_frame(frame) and frame.dep_ == "advcl":
                frame = frame.head  # "Speaking to reporters on Tuesday, X said ..."
            if not self.finder.is_frame(frame):
                continue
            subject = next((c for c in frame.children if c.dep_ == "nsubj"), None)
            if subject is not None and any(_same(side, actor) for side in self.parties.parties(subject, offset)):
                return from_phrase(p.time, "context-sentence")
        return None

    def _quoted_after(self, cand: Candidate, actor: Party, offset: int) -> EventDate | None:
        """The day of the quote that follows a statement told without a date, when someone of the
        same side says it: "China's foreign ministry denied any ban. 'China has always ...,'
        spokeswoman X told a regular news briefing on Thursday"."""
        sent = cand.tok.sent
        if sent.end >= len(sent.doc):
            return None
        after = sent.doc[sent.end].sent
        if after.text[:1] not in QUOTE_OPENERS:
            return None
        for p in self._other_sentence_phrases(after, offset):
            if p.anchor is None or p.time.first is None or not self.finder.is_frame(p.anchor):
                continue
            speaker = next((c for c in p.anchor.children if c.dep_ == "nsubj"), None)
            if speaker is None:
                continue
            if speaker.lower_ in PERSONAL_PRONOUNS and actor.kind == EntityKind.PERSON.value:
                return from_phrase(p.time, "context-sentence")  # "Khan denied it. '...,' he said on Monday"
            # (a spokesperson of no stated side speaks for the one who made the statement)
            spokes = any(t.lower_ in self.lex.vocab["spokespersons"] for t in speaker.subtree)
            for side in self.parties.parties(speaker, offset):
                ours = _same(side, actor) or (actor.country is not None and side.country == actor.country)
                if ours or (spokes and side.country is None):
                    return from_phrase(p.time, "context-sentence")
        return None

    # ------------------------------------------------------------------ one candidate

    def code(self, cand: Candidate, sent: Span, offset: int, record: Sentence, phrases: list[Phrase],
             earlier: list[Coded], caption: bool) -> Event | None:  # fmt: skip
        """One candidate -> one event (or None: negated, hedged, planned-only, or no actor)."""
        if self._negated_or_hedged(cand):
            return None
        self.coded_here = earlier  # (what the recipient rules may read of the sentence so far)
        trig = cand.trig
        roles = self._read_roles(cand, offset)
        if len(roles.actors) > 1 and self._joint(cand):
            # "US-UK strikes", "the United States and Britain attacked": the second acts alongside
            roles.actors, roles.partners = roles.actors[:1], roles.actors[1:]
        for name, rule in self.recipient_rules:  # ordered fallbacks: the first that finds someone wins
            if any(not _generic(r) for r in roles.recipients):
                break  # (people named only by a noun, "at least 19 people", still leave room for a party)
            found = rule(cand, roles, offset)
            if found:
                roles.recipients = found + roles.recipients
                roles.notes.append(f"+recipient-from-{name}")
        self._settle_actors(cand, roles, offset)
        if not roles.actors:
            return None
        if trig.type in MUTUAL and self._joint_body(roles.actors[0]) and not any(_named(r) for r in roles.recipients):
            # "The Joint Boundary Commission meets in Phnom Penh": the two states whose body it is
            roles.actors, roles.recipients = self.parties.pair[:1], self.parties.pair[1:2]
            roles.notes.append("+joint-body")
        actor = roles.actors[0]
        if not _named(actor) and self._told_before(cand):
            return None  # "The raids, carried out by fighter jets, ...": the strikes already told
        recipient = self._choose_recipient(cand, roles, actor, caption, offset)
        when = self._date(cand, phrases, earlier, actor, caption, offset, self.headline)
        if when.first is None and roles.titled is not None:
            when = self._said_before(roles.titled, offset) or when  # "... said late on Tuesday ... He warned"
        if when.first is None and trig.type in SPEECH_ACTS:
            when = self._quoted_after(cand, actor, offset) or when  # "X denied it. '...,' she said Thursday"
        if when.first is None and trig.type in SPEECH_ACTS:
            when = self._quoted_before(cand, actor, offset) or when  # "X said on Tuesday ... '...,' he said"
        category, mode = trig.type, trig.mode
        ahead = when.first is not None and self.reference is not None and when.first > self.reference and not (
            when.rule == "section-date" and (when.first - self.reference).days <= 1
        )  # (a live blog's entries past midnight are the next day's news, not announcements)
        planned = self._planned(cand) or ahead
        if trig.speaker_threatens and not planned:
            return None  # "the town paid a heavy price": told of the past, it threatens no one
        if planned and not ahead and self._decided(cand):
            planned = False  # "announced that it would suspend aid": the announcement enacts it
        if planned and trig.planned != category:
            if trig.planned == "none":
                return None  # a planned rally is not an event yet
            category, mode = trig.planned, None
        if category == "PROTEST" and self._official(cand):
            category, mode = "ACCUSE", "disapprove"  # "Indonesia protested against the seizure": words, not a crowd
        if category == MEASURED and mode is None:
            mode = self._measure(cand)
        confidence = 0.45 + (0.2 if actor.kind != "group" else 0.05) + (0.15 if recipient else 0.0)
        confidence += {"trigger-phrase": 0.15, "clause-phrase": 0.1, "said-act": 0.1, "report-frame": 0.05}.get(
            when.rule, 0.0)
        return Event(
            type=category,
            mode=mode,
            actor=actor,
            recipient=recipient,
            location=roles.place,
            date=when,
            quantities=tuple(self._quantities(cand, phrases)),
            evidence=Evidence(
                sentence=record.index,
                start=record.start,
                end=record.end,
                trigger_start=offset + cand.tok.idx,
                trigger_end=offset + cand.tok.idx + len(cand.tok.text),
                trigger=cand.tok.text,
            ),
            confidence=round(min(confidence, 0.95), 2),
            contexts=trig.contexts,
            rule=trig.name + "".join(roles.notes),
        )

    def _measure(self, cand: Candidate) -> str | None:
        """What a sanction acts on, as its mode (vocabulary.yaml ``sanction_modes``): named by the
        first of its objects, prepositional complements, compounds and (last) trigger whose phrase
        (the word, its modifiers, what it is "of" or "in": "participation in the talks") holds a
        measure's word; of several there, the measure listed first ("the trade agreement" is a
        treaty, "border trade" trade, "imports of fuel" fuel)."""
        words: list[Token] = []
        for part in [cand, *cand.folded]:
            words += [*part.objects, *(t for _, t in part.roles)]
            words += [c for c in part.tok.children if c.dep_ == "compound"]
        words.append(cand.tok)  # last, the trigger itself: "expelled Togo's", "an embargo"
        for tok in words:
            modifiers = [c for c in tok.children if c.dep_ in ("compound", "nmod", "amod")]
            phrase = [tok, *modifiers, *prep_objects(tok, ("of", "in"))]
            mode = next((mode for mode, names in self.lex.vocab.sanction_modes
                         if any(in_words(t, names) for t in phrase)), None)  # fmt: skip
            if mode is not None:
                return mode
        return None

    # ------------------------------------------------------------------ roles

    def _read_roles(self, cand: Candidate, offset: int) -> Roles:
        """What the parse says: subject, objects and prepositional complements, by role."""
        party = self.parties
        roles = Roles(actors=party.parties(cand.subject, offset) if cand.subject is not None else [])
        if not roles.actors and cand.subject is not None:
            # "A Norland Coast Guard Agency (NCGA) patrol boat fired": a misparse splits one subject in
            # two, the name and the boat; the name just before the bare noun is the party
            subj = cand.subject
            before = [c for c in subj.head.children
                      if c.dep_ == "nsubj" and c.i < subj.i and c.right_edge.i + 1 >= subj.left_edge.i]  # fmt: skip
            if before:
                roles.actors = party.parties(before[-1], offset)
        for part in [cand, *cand.folded]:  # the host's own roles first, then what folded parts add
            found = [(part.trig.object, o) for o in part.objects] + part.roles
            found = [(r, t) for r, t in found if t.i not in self.in_times]
            if part is not cand and roles.recipients:
                found = [(r, t) for r, t in found if r not in ("recipient", "recipient_or_place")]
            for role, tok in found:
                if role == "actor" and not roles.actors:
                    roles.actors = party.parties(tok, offset)
                elif role == "recipient":
                    roles.recipients += party.parties(tok, offset, undergoer=True)
                elif role == "place":
                    roles.place = roles.place or party.place(tok, offset)
                elif role == "recipient_or_place":
                    if party.is_place(tok, offset):
                        where = party.place(tok, offset)
                        roles.place = roles.place or where
                        if where is not None and roles.host_state is None:
                            roles.host_state = party.state_party(where.country)
                    else:
                        roles.recipients += party.parties(tok, offset, undergoer=True)
                elif role == "item":
                    roles.items.append(tok)
        if (
            cand.trig.type in MUTUAL
            and len(roles.actors) >= 2
            and roles.recipients
            and all(r.kind == EntityKind.ORGANISATION.value and r.country is None for r in roles.recipients)
        ):  # "a meeting of the consultation mechanism, led by X and Y": the forum; X meets Y
            roles.recipients = []
        convened = self._convened_body(cand, offset)
        if convened is not None:  # "asked for a meeting of the UN Security Council on Kosovo": the Council
            roles.recipients.insert(0, convened)
        return roles

    def _convened_body(self, cand: Candidate, offset: int) -> Party | None:
        """The body a request asks to meet: "asked for (called for, requested) a meeting / an
        emergency session of X"."""
        if cand.trig.type != "REQUEST":
            return None
        asked = [p for c in cand.tok.children if c.dep_ == "prep" and c.lower_ == "for"
                 for p in c.children if p.dep_ == "pobj"]  # fmt: skip
        asked += [o for o in cand.objects if o.dep_ == "dobj"]  # "requested an emergency session of X"
        for noun in asked:
            if noun.lemma_.lower() not in MEETING_NOUNS:
                continue
            body = of_object(noun)
            found = self.parties.party(body, offset) if body is not None else None
            if found is not None and found.kind == EntityKind.ORGANISATION.value:
                return found
        return None

    @property
    def recipient_rules(self) -> tuple[tuple[str, RecipientRule], ...]:
        """Where an unnamed recipient is looked for, in order (a fallback chain as data)."""
        return (
            ("co-actor", self._co_actor),  # "Markou and Bozkurt signed": the second signs with the first
            ("complement", self._complement_recipient),  # "promised to send troops to help X"
            ("owner", self._owner_of_object),  # "rejected the panel's conclusion"
            ("condemned", self._author_in_complement),  # "called the strike an act of aggression by X"
            ("warned", self._party_warned),  # "warned that any Colombian incursion would be met with force"
            ("blamed", self._party_blamed),  # "accuses X of the killing and warns it will not go unpunished"
            ("referenced", self._author_of_referenced),  # "condemned the detention": the detainer
            ("between", self._side_between),  # "closed the borders between ECOWAS states and Mali"
            ("inside", self._body_inside_object),  # "blocked a package of EU sanctions"
            ("clause", self._subject_of_that_clause),  # "an accusation that X was ...", "demanded that X"
            ("addressee", self._addressee),  # "wrote to the president of the Council asking for ..."
        )

    def _addressee(self, cand: Candidate, roles: Roles, offset: int) -> list[Party]:
        """ "has written to the president of the UN Security Council asking for an urgent meeting":
        a request (or accusation) told by a participle on a verb of writing or speaking to
        someone is made to them."""
        tok = cand.tok
        if cand.trig.type in SPEECH_ACTS and tok.dep_ == "ccomp" and tok.head.lemma_.lower() in TELLING_VERBS:
            # "told the council his government would not abide by the resolution": said to the council
            told = [c for c in tok.head.children if c.dep_ in ("dobj", "dative")]
            return [p for t in told for p in self.parties.parties(t, offset) if _named(p)][:1]
        if cand.trig.type not in SPEECH_ACTS or tok.dep_ not in ("advcl", "acl") or tok.tag_ != "VBG":
            return []
        # (or by a letter sent to them: "sent a letter to the Council on Tuesday asking it to convene")
        senders = [tok.head] if tok.dep_ == "advcl" else [tok.head, tok.head.head]
        to = [p for h in senders for c in h.children if c.dep_ in ("prep", "dative") and c.lower_ == "to"
              for p in c.children if p.dep_ == "pobj"]  # fmt: skip
        return [p for t in to for p in self.parties.parties(t, offset) if _named(p)][:1]

    def _joint_body(self, party: Party) -> bool:
        """A body two states hold together, named with no member: "the Joint Boundary Commission",
        "the General Border Committee", "the Bilateral Consultation Mechanism" (of the document's
        two sides, when it has two)."""
        pair = self.parties.pair
        if party.kind != EntityKind.ORGANISATION.value or len(pair) < 2:
            return False
        if party.country is not None and party.country not in {p.country for p in pair}:
            return False  # (one side's country may have been guessed for it)
        name = party.name.lower()
        return bool(set(name.split()) & self.joint_words) or any(b in name for b in self.frontier_bodies)

    def _each_holder(self, cand: Candidate, offset: int) -> list[Candidate]:
        """A passive release of people each held by another state ("three Serbian gendarmes held in
        Kosovo and a Kosovo police sergeant detained in Serbia were released"): a swap, one
        release by each holder, so one candidate for each group of people."""
        if cand.trig.type != "RETREAT" or not cand.passive:
            return [cand]
        # (conjoined, or two subjects of the passive when the parser hangs both on the verb)
        groups = list({g.i: g for o in cand.objects for g in (o, *conjuncts(o))}.values())
        where = [self._held_in(g, offset) for g in groups]
        if len(groups) < 2 or None in where or len(set(where)) < len(where):
            return [cand]
        return [replace(cand, objects=[g]) for g in groups]

    def _held_in(self, people: Token, offset: int) -> str | None:
        """The country where a relative clause says people are held ("gendarmes held in Kosovo")."""
        return next(iter(self._places_held(people, offset)), None)

    def _places_held(self, people: Token, offset: int) -> list[str | None]:
        """The countries of the places relative clauses on ``people`` say they are held in."""
        return [where.country for held in people.children
                if held.dep_ == "acl" and held.lemma_.lower() in HOLDING_VERBS
                and (where := self.parties.place_complement(held, offset)) is not None]  # fmt: skip

    def _holding_state(self, cand: Candidate, roles: Roles, offset: int) -> list[Party]:
        """The state where the people a passive release frees were held ("held in X")."""
        countries = [c for o in cand.objects for c in self._places_held(o, offset)]
        state = next((s for c in countries if (s := self.parties.state_party(c)) is not None), None)
        return [state] if state is not None else []

    def _detention_of(self, freed: list[Party], block: int) -> Event | None:
        """The detention that took the people a passive release frees: the latest the paragraph
        has told, of people of the same side when the freed have one ("11 Colombian soldiers").
        None when the freed are of two sides (an exchange has no one captor)."""
        sides = {p.country for p in freed if p.country is not None}
        if len(sides) > 1:
            return None
        return next((e for e in reversed(self.history) if e.type == "COERCE" and e.evidence.start >= block
                     and lemma_of_rule(e.rule) in self.lex.vocab["capture_acts"] and e.actor is not None
                     and e.recipient is not None and (not sides or e.recipient.country in sides)), None)  # fmt: skip

    def _blamed_state(self, cand: Candidate, offset: int) -> list[Party]:
        """The state a "blame" verb of the trigger's sentence, or of the next, has as its object."""
        sent, doc = cand.tok.sent, cand.tok.doc
        sentences = [sent] + ([doc[sent.end].sent] if sent.end < len(doc) else [])
        blaming = self.lex.vocab["blame_verbs"]
        for verb in (t for s in sentences for t in s if t.lemma_.lower() in blaming and t.pos_ == "VERB"):
            for obj in (c for c in verb.children if c.dep_ == "dobj"):
                states = [p for p in self.parties.parties(obj, offset) if p.kind == EntityKind.STATE.value]
                if states:
                    return states[:1]
        return []

    def _settle_actors(self, cand: Candidate, roles: Roles, offset: int) -> None:
        """Swap hosts and guests, split "talks between X and Y", and name unnamed actors."""
        trig = cand.trig
        between = any(c.dep_ == "prep" and c.lower_ == "between" for c in cand.tok.children)
        # "talks between X and Y"; "Z hosted a meeting between X and Y": X and Y met, Z was the host
        hosted = (cand.subject_from == "light-verb" and cand.subject is not None
                  and cand.subject.head.lemma_.lower() in self.lex.vocab["hosting_verbs"])  # fmt: skip
        if (not roles.actors or hosted) and len(roles.recipients) >= 2 and between:
            roles.actors, roles.recipients = roles.recipients[:1], roles.recipients[1:]
        if trig.swap:
            roles.actors, roles.recipients = roles.recipients, roles.actors
        if not roles.actors and trig.type == "CONSULT" and cand.subject is not None and _the_two(cand.subject):
            # "The two leaders met for three hours": the two who were just told to meet
            here = offset + cand.tok.sent.start_char  # (told in the sentence before, not further back)
            told = next((e for e in reversed(self.history[-6:]) if e.type == "CONSULT" and e.actor is not None
                         and e.recipient is not None and not _generic(e.recipient)
                         and 0 <= here - e.evidence.end <= SENTENCE_GAP), None)  # fmt: skip
            if told is not None and told.actor is not None and told.recipient is not None:
                roles.actors, roles.recipients = [told.actor], [told.recipient]
                roles.notes.append("+the-two-told")
        if not roles.actors and trig.type == "ASSAULT" and self._outbreak(cand) and self._sides_at_war():
            # "Fighting broke out on Monday near Heglig", "the clashes erupted around Panthou": the
            # document's two sides, already told fighting each other
            roles.actors, roles.recipients = self.parties.pair[:1], self.parties.pair[1:2]
            roles.notes.append("+document-sides")
        if not roles.actors and cand.is_noun and self._phase_of_told_act(cand):
            # "the withdrawal had begun on Friday afternoon": a phase of an act of its kind told
            # just before, by the same parties
            told = next((e for e in reversed(self.history[-6:]) if e.type == trig.type and e.actor is not None), None)
            if told is not None and told.actor is not None:
                roles.actors = [told.actor]
                if not roles.recipients and told.recipient is not None:
                    roles.recipients = [told.recipient]
                roles.notes.append("+phase-of-told-act")
        if not roles.actors and cand.passive and trig.type in BLAMED_ACTS:
            # "Gas supplies to the region were cut on Tuesday; local authorities blame Baku": the
            # state blamed in that sentence or the next did it (as its accusers say)
            roles.actors = self._blamed_state(cand, offset)
            if roles.actors:
                roles.notes.append("+actor-from-blame")
        if not roles.actors and cand.passive and trig.type == "MOBILIZE":
            # "The officers ... were flown to X on Friday": the side that moved them, told before
            forces = [o for o in cand.objects if o.lemma_.lower() in self.moved_forces
                    and any(d.dep_ == "det" and d.lower_ in ("the", "these", "those") for d in o.children)]  # fmt: skip
            mover = self.moved_forces[forces[0].lemma_.lower()] if forces else None
            if mover is not None:
                roles.actors = [mover]
                roles.notes.append("+actor-mover-before")
        if not roles.actors and self._meeting_of_body(cand, roles):
            # "an extraordinary virtual summit of the Southern African Development Community": the
            # meeting of a body is the body's
            roles.actors, roles.recipients = roles.recipients[:1], roles.recipients[1:]
        # ("he" and "she" too, when no one named is theirs: "the Laotian foreign minister says he
        # spoke by phone with ...", an office holder named only by title)
        pronoun = cand.subject is not None and cand.subject.lower_ in SPEAKER_PRONOUNS | PERSONAL_PRONOUNS
        homeland = cand.subject is not None and own_country(cand.subject)  # "X said his country would not ..."
        pronoun = pronoun or homeland
        warning = WARNING_VERBS if trig.speaker_threatens else frozenset()  # "warns that X will not go unpunished"
        speaker = speaker_of(cand.tok, warning) if not roles.actors else None
        own_deed = trig.type in SELF_REPORTED or (  # "police said five men had been arrested"
            trig.type == "COERCE" and speaker is not None and self._enforcer(speaker)
        )
        if (  # "police said they had arrested five men", "the ministry said a battalion had been moved"
            not roles.actors
            and (pronoun or (cand.passive and own_deed))
            and speaker is not None
            and speaker.lower_ not in SPEAKER_PRONOUNS
        ):
            roles.actors = self.parties.parties(speaker, offset)
            if pronoun and cand.subject is not None and cand.subject.lower_ in SPEAKER_PRONOUNS - {"we"}:
                # "'They attacked the boat,' Sanvictores said": "they" and "it" are never the person speaking
                roles.actors = [a for a in roles.actors if a.kind != EntityKind.PERSON.value]
            if homeland:  # the speaker's state, not the speaker
                states = [self.parties.state_party(a.country) for a in roles.actors]
                roles.actors = [s for s in states if s is not None]
            if roles.actors:
                roles.notes.append("+actor-from-speaker")
        if not roles.actors and cand.subject is not None and cand.subject.lower_ in PERSONAL_PRONOUNS:
            # "Pakistan's information minister said ... He warned that ...": an office holder named
            # by title only is whom "he" or "she" opening the next sentence means
            titled = _titled_subject_before(cand.subject, self.lex.vocab["title_nouns"])
            if titled is not None:
                roles.actors = self.parties.parties(titled, offset)
                if roles.actors:
                    roles.notes.append("+actor-titled-before")
                    roles.titled = titled
        if (not roles.actors and speaker is not None
                and (trig.speaker_threatens or trig.needs in ("condemned_predicate", "barred_return"))):  # fmt: skip
            # "X will pay a heavy price", an official of Y said: the threat is the speaker's; "X said
            # the seizure was illegal": so is the condemnation; "X said Y's envoy would not be allowed to
            # return": so is the bar
            roles.actors = self.parties.parties(speaker, offset)
            if roles.actors:
                roles.notes.append("+actor-from-speaker")
        if not roles.actors and cand.escorts:  # "the survey ship left port escorted by Turkish frigates"
            roles.actors = self._side_of(cand.escorts, offset)
            if roles.actors:
                roles.notes.append("+actor-of-the-escort")
        if not roles.actors and trig.type == "AID" and cand.subject is not None:
            # "two attack helicopters from Russia arrived at Bamako airport": the sender
            roles.actors = self._named_by(cand.subject, "from", offset)[:1]
            if roles.actors:
                roles.notes.append("+actor-sender")
        if not roles.actors and cand.passive and trig.type == "MOBILIZE":
            # "Russian troops were deployed to the border", "the Greek garrison was reinforced":
            # a force moved without a named mover is moved by its own side
            roles.actors = self._side_of(roles.items, offset)
            if roles.actors:
                roles.notes.append("+actor-owner-of-force")
        if not roles.actors and cand.passive and trig.type == "COERCE" and cand.tok.dep_ == "relcl":
            # "it was holding 18 soldiers who were captured on Friday": the holder captured them
            captives = cand.tok.head
            if captives.dep_ == "dobj" and captives.head.lemma_.lower() in HOLDING_VERBS:
                holder = next((c for c in captives.head.children if c.dep_ == "nsubj"), None)
                if holder is not None:
                    roles.actors = self.parties.parties(holder, offset)
                    teller = speaker_of(captives.head) if holder.lower_ in SPEAKER_PRONOUNS else None
                    if not roles.actors and teller is not None:
                        roles.actors = self.parties.parties(teller, offset)  # "the army said it was holding"
                    if roles.actors:
                        roles.notes.append("+actor-holder")
        if not roles.actors and cand.passive and trig.type == "RETREAT":
            # "gendarmes held in Kosovo ... were released": the state that held them (not a passive
            # detention's place: "fishermen detained in Tanzania" refers to an arrest told elsewhere)
            roles.actors = self._holding_state(cand, roles, offset)
            if roles.actors:
                roles.notes.append("+actor-holding-state")
            elif (held := self._detention_of(roles.recipients, offset)) is not None and held.actor is not None:
                # "Guards detained 11 soldiers on Sept. 16. They were freed on Oct. 3": by their captors
                roles.actors = [held.actor]
                if not roles.recipients and held.recipient is not None:
                    roles.recipients = [held.recipient]
                roles.notes.append("+actor-captor")
        if not roles.actors and cand.passive and trig.type == "ASSAULT":
            roles.actors = self._attacking_side(cand, offset)  # "soldiers killed in Ecuadorian air raids"
            if roles.actors:
                roles.notes.append("+actor-of-the-attack")
        if not roles.actors and cand.is_noun and cand.tok.dep_ == "pobj":
            # "Gunmen killed X on Sept. 16 and Y in an attack on Sept. 24": the verb's subject did both
            verb = cand.tok.head.head
            subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
            if subject is not None and self.dater.events_at.get(verb.i) == trig.type:
                roles.actors = self.parties.parties(subject, offset)
                if roles.actors:
                    roles.notes.append("+actor-of-the-verb")
        if not roles.actors and trig.type == "ASSAULT":  # "a militant attack": unnamed attackers
            kind = next((c.lower_ for c in cand.tok.children if c.lower_ in UNNAMED_ATTACKERS), None)
            if kind is not None:
                roles.actors = [Party(UNNAMED_ATTACKERS[kind], "group")]
            weapon = cand.subject  # the subject, or a passive's agent ("struck by a drone")
            if weapon is None and cand.passive:
                weapon = _weapon_when(cand.tok, self.lex.vocab["weapon"])  # "... when one stepped on a landmine"
            firer = _agent_of_participle(weapon) if weapon is not None and kind is None else None
            if firer is not None and weapon is not None and weapon.lemma_.lower() in self.lex.vocab["weapon"]:
                # "shells fired by the rebels killed six civilians": the firer is the attacker
                roles.actors = self.parties.parties(firer, offset)
                if roles.actors:
                    roles.notes.append("+actor-firer")
            if (kind is None and not roles.actors and weapon is not None
                    and weapon.lemma_.lower() in self.lex.vocab["weapon"] and _told(cand.tok)):  # fmt: skip
                # "a drone struck the depot": an attack whose attacker the report does not name
                # (what the sentence tells, not a reference in a clause: "the market struck by a drone")
                roles.actors = [Party(UNIDENTIFIED_ATTACKERS, "group")]
                roles.notes.append("+unnamed-attacker")
        if trig.type == "PROTEST" and (not roles.actors or roles.actors[0].country is None):
            # crowds are rarely named; they protest where they are
            where = roles.place or self._place_nearby(cand, offset)
            crowd = roles.actors[0] if roles.actors else Party("protesters", "group")
            roles.actors = [replace(crowd, country=crowd.country or (where.country if where else None))]
        if roles.actors and not roles.recipients and len(roles.actors) > 1:
            roles.recipients = roles.actors[1:]  # "Markou and Bozkurt signed": the second signs with the first

    @staticmethod
    def _meeting_of_body(cand: Candidate, roles: Roles) -> bool:
        """Whether a meeting noun's first recipient is the organisation of its "of" phrase (not a
        visit's: "the arrival of a convoy")."""
        if cand.trig.type != "CONSULT" or cand.trig.mode == "visit" or not cand.is_noun or not roles.recipients:
            return False
        held = of_object(cand.tok)
        return (roles.recipients[0].kind == EntityKind.ORGANISATION.value and held is not None
                and any(o.i == held.i for o in cand.objects))  # fmt: skip

    def _named_by(self, tok: Token, prep: str, offset: int) -> list[Party]:
        """The parties a preposition of ``tok`` names ("helicopters from Russia", "the attack by X")."""
        return [p for c in tok.children if c.dep_ == "prep" and c.lower_ == prep
                for o in c.children if o.dep_ == "pobj" for p in self.parties.parties(o, offset)]  # fmt: skip

    def _side_of(self, forces: list[Token], offset: int) -> list[Party]:
        """The first party with a country among units or ships ("Turkish frigates"): their side."""
        side = next((p for t in forces for p in self.parties.parties(t, offset) if p.country is not None), None)
        return [side] if side is not None else []

    def _official(self, cand: Candidate) -> bool:
        """Whether a protest is made by a state, an official body or (with a verb) a person, named
        as its own subject ("Indonesia protested", "the foreign ministry protested", "Jakarta's
        protest"): a statement (ACCUSE), not a demonstration ("Malawi fishermen march" stays one)."""
        subject = cand.subject
        if subject is None or (cand.is_noun and cand.subject_from != "possessive"):
            return False
        vocab = self.lex.vocab
        if subject.lemma_.lower() in vocab["national_bodies"] | vocab["title_nouns"]:
            return True
        return subject.ent_type_ == "GPE" or (subject.ent_type_ == "PERSON" and not cand.is_noun)

    def _enforcer(self, speaker: Token) -> bool:
        """A speaker who makes arrests and seizures ("police", "the police chief X", "prosecutors"):
        what such a speaker says was done without an agent, it did."""
        phrase, doc = list(speaker.subtree), speaker.doc
        start = speaker.left_edge.i  # and the titles a misparse hangs elsewhere ("police chief Brig. Gen. X")
        while start > 0 and speaker.left_edge.i - start < 8 and (
            doc[start - 1].pos_ in ("PROPN", "NOUN") or doc[start - 1].text == "."
        ):
            start -= 1
            phrase.append(doc[start])
        words = {t.lemma_.lower() for t in phrase} | {t.lower_ for t in phrase}
        return bool(words & self.lex.vocab["enforcers"])

    def _attacking_side(self, cand: Candidate, offset: int) -> list[Party]:
        """The side named on the attack a passive harm happened in: "killed in Ecuadorian air
        raids", "wounded in an Azerbaijani drone strike"."""
        for prep in cand.tok.children:
            if prep.dep_ != "prep" or prep.lower_ not in ("in", "during"):
                continue
            for attack in (c for c in prep.children if c.dep_ == "pobj"):
                if "ASSAULT" in self._noun_categories(attack) or attack.lemma_.lower() in self.lex.vocab["weapon"]:
                    found = self.parties.parties(attack, offset)
                    if found:
                        return found
                    # "killed in fighting with M23 rebels": the side they fought
                    foes = [p for w in attack.children if w.dep_ == "prep" and w.lower_ == "with"
                            for p in w.children if p.dep_ == "pobj"]  # fmt: skip
                    if foes and attack.lemma_.lower() in self.lex.vocab["reciprocal"]:
                        found = self.parties.parties(foes[0], offset)
                        if found:
                            return found
        return []

    def _choose_recipient(
        self, cand: Candidate, roles: Roles, actor: Party, caption: bool, offset: int
    ) -> Party | None:
        """The recipient named in the text, else the host of the place, else from context."""
        trig = cand.trig
        named = [r for r in roles.recipients if not _same(r, actor) and not (r.kind == "state" and _at_home(actor, r))
                 and not any(_same(r, q) for q in roles.partners)]  # fmt: skip
        # "arrested five men in X": the men; "killed 14 people across Ukraine": the state where it
        # happened, and victims named only as people say less of whom an attack was on than the
        # attacker's other attacks or the document's other side
        people = next((r for r in named if _generic(r)), None)
        recipient = next((r for r in named if not _generic(r)), None if trig.type in PEOPLE_GIVE_WAY else people)
        if roles.place is None:
            roles.place = self._place_nearby(cand, offset)
        if (
            recipient is None
            and roles.host_state is not None
            and not _same(roles.host_state, actor)
            and not _at_home(actor, roles.host_state)
        ):  # a visit to one's own capital hosts nobody
            recipient = roles.host_state
        if recipient is None and roles.place is not None and (trig.mode == "visit" or trig.type in PLACE_TARGETED):
            state = self.parties.state_party(roles.place.country)
            if state is not None and not _same(state, actor) and not _at_home(actor, state):
                recipient = state
        if actor.name == UNIDENTIFIED_ATTACKERS:
            # whom the document's other attacks, or its parties, are on says nothing of this one
            return recipient or people
        if recipient is None and trig.type == "ASSAULT" and not caption:
            prior = next(
                (e for e in reversed(self.history) if e.type == "ASSAULT" and _same(e.actor, actor) and e.recipient),
                None,
            )
            if prior is not None and prior.recipient is not None and not _generic(prior.recipient):
                recipient = prior.recipient
                roles.notes.append("+recipient-from-context")
        unnamed_target = any(  # "urged Western allies to ...", "fined each of them": named, only not resolved
            r == "recipient"
            and t.i not in self.in_times
            and (t.lemma_.lower() in self.target_nouns or t.pos_ == "PRON")
            for r, t in [(cand.trig.object, o) for o in cand.objects] + cand.roles
        )
        # "offered to mediate", "has been trying to mediate": between the document's sides (not
        # "mediated the deal", "has mediated every quarrel": what was mediated is told instead)
        mediation = any(p.trig.mode == THIRD_PARTY and not p.objects for p in (cand, *cand.folded))
        side = any(_same(actor, p) or _at_home(actor, p) for p in self.parties.pair)
        mediation = mediation and not side  # (one of the sides mediates nothing between them)
        if (recipient is None and (trig.type in SALIENT_TARGETED or mediation) and not unnamed_target
                and trig.needs not in ("condemnation", "force_mission")):  # fmt: skip
            # (what is condemned is told, "called the measures a crime": its author or no one; a
            # mission sent to protect shipping is aimed at no one)
            # the other side of the document's pair first (a mediator is often named more)
            sides = self.parties.pair if side else []
            if mediation:  # either side: the first by name, so that reports of one offer agree
                sides = sorted(self.parties.pair, key=lambda p: p.name)
            other = next((p for p in [*sides, *self.salient] if not _same(p, actor) and not _at_home(actor, p)
                          and not any(_same(p, q) for q in roles.partners)), None)  # fmt: skip
            if other is not None:
                recipient = other
                roles.notes.append("+recipient-from-document")
        return recipient or people

    def _quantities(self, cand: Candidate, phrases: list[Phrase]) -> list[Quantity]:
        """Numbers in the trigger's clause; casualties of harm verbs carry their unit ("killed")."""
        hosts = [cand.tok, *(p.tok for p in cand.folded)]
        folded = {h.i for h in hosts}
        tokens = [t for h in hosts for t in h.subtree]
        skip = set().union(*(p.tokens for p in phrases)) if phrases else set()
        for h in hosts:  # numbers of other clauses ("weeks after clashes left 14 dead") are not this event's
            for c in h.children:
                if c.dep_ in OTHER_CLAUSES and c.i not in folded and _has_clause(c):
                    skip.update(t.i for t in c.subtree)
        harm = dict(cand.harm)
        for p in [cand, *cand.folded]:
            harm.update(p.harm)
            unit = self.lex.vocab.harm_verbs.get(p.tok.lemma_.lower())
            if unit is not None and p.trig.pos == "verb":  # "killing at least 12 people": 12 killed
                harm.update({o.i: unit for o in p.objects})
        return quantities(tokens, skip, harm)

    # ------------------------------------------------------------------ rules

    def _negated_or_hedged(self, cand: Candidate) -> bool:
        if cand.trig.needs == "barred_return":
            return self._bar_withheld(cand.tok)
        if cand.trig.needs in SAID_ACTS:  # the negation is the act; hedged it is none
            verb = refusal_of(cand.tok) or cand.tok
            marked = any(t.lower_ in CONDITIONAL_MARKS for t in verb.subtree)  # "... unless X withdraws"
            return marked or self._under_irrealis(verb) or any(self._negates(t) for t in _clause_chain(verb)[1:])
        if cand.is_noun and any(c.dep_ == "det" and c.lower_ in self.hypothetical for c in cand.tok.children):
            return True  # "any attack on its sites"
        if self._under_irrealis(cand.tok):
            return True  # "denied that its troops attacked", "demanded that X withdraw"
        if cand.is_noun and cand.tok.dep_ == "dobj" and cand.tok.head.lemma_.lower() in self.anticipated:
            return True  # "Asmara expected an Ethiopian attack"
        if self._forgone(cand.tok):
            return True  # "acted without consulting partners"
        chain = _clause_chain(cand.tok)
        for k in range(1, len(chain)):
            if chain[k - 1].dep_ == "conj" and chain[k - 1].tag_ in FINITE and chain[k].tag_ not in FINITE:
                # "may not return, and suspends all visits", "did not attack and withdrew": a conjunct with
                # a tense of its own is out of the reach of the bare verb's negation or modal
                chain = chain[:k]
                break
        return any(self._negates(tok) for tok in chain)

    def _negates(self, verb: Token) -> bool:
        """Whether a verb is negated, hedged ("could attack") or conditional ("if they attack")."""
        for c in verb.children:
            if c.dep_ == "neg":
                return True
            if c.dep_ == "aux" and (c.lower_ in self.hedges or c.lemma_.lower() in self.irrealis):
                return True  # "could attack"; "which Guyana wants withdrawn" (the verb misparsed as an aux)
            if c.dep_ == "mark" and c.lower_ in CONDITIONAL_MARKS:
                return True
        return False

    def _bar_withheld(self, tok: Token) -> bool:
        """Whether a bar on a return (whose negation is the bar: "may not return", "would not be
        allowed to return") is itself denied, hedged or only demanded: "would never bar the envoy
        from returning", "demanded that the envoy be told not to return"."""
        bar = barred_return(tok)
        if bar is None:
            return True
        chain = _clause_chain(bar[0])
        if bar[0] is tok or bar[0].lemma_.lower() in PERMIT_VERBS:
            chain = chain[1:]  # (the bar's own negation)
        return self._under_irrealis(bar[0]) or any(self._negates(t) for t in chain)

    def _forgone(self, tok: Token) -> bool:
        """A gerund of what was not done: "without consulting", "instead of making accusations",
        "rather than attacking", "stops the army from shelling"."""
        for node in _clause_chain(tok):  # (the gerund may be a light verb: "making accusations")
            if node.dep_ != "pcomp":
                continue
            prep, host = node.head, node.head.head
            beside = {host.lower_, *(c.lower_ for c in prep.children if c.dep_ == "advmod")}
            if (
                prep.lower_ == "without"
                or (prep.lower_ == "of" and "instead" in beside)
                or (prep.lower_ == "than" and "rather" in beside)
                or (prep.lower_ == "from" and host.lemma_.lower() in self.prevention)
            ):
                return True
        return False

    def _under_irrealis(self, tok: Token) -> bool:
        """Whether ``tok`` sits in the complement of a denial or a demand (what did not happen)."""
        node = tok
        for _ in range(4):
            if node.head.i == node.i:
                return False
            if hangs_in_list(node):
                return False  # "called the opening 'egregious', accused Y ...": a list, not what is called for
            if semicolon_apart(node):
                return False  # "X accuses Y of firing; Y denies it"
            if node.dep_ in ("ccomp", "xcomp", "pcomp", "advcl") or (node.dep_ == "pobj" and node.head.lower_ == "for"):
                governor = node.head if node.dep_ != "pobj" else node.head.head
                if governor.lemma_.lower() in self.irrealis and governor.i != tok.i:
                    return True
            node = node.head
        return False

    def _planned(self, cand: Candidate) -> bool:
        tok = cand.tok
        if cand.trig.future:
            return True
        if cand.is_noun and any(c.lower_ in self.planning_mods for c in tok.children if c.dep_ in ("amod", "compound")):
            return True
        if cand.is_noun and cand.trig.type == "AID" and self._promised(tok):
            return True  # "pledged $500 million in aid", "announced new aid": a promise, not yet given
        chain = _clause_chain(tok)
        if chain[-1].dep_ == "pcomp" and chain[-1].head.head.pos_ in ("VERB", "AUX"):
            chain += _clause_chain(chain[-1].head.head)  # "was due to arrive ..., before travelling on"
        for node in chain:
            if any(c.dep_ in ("aux", "auxpass") and c.lower_ in FUTURE_AUX for c in node.children):
                return True
            if node.dep_ == "xcomp" and (node.head.lemma_.lower() in self.planning_verbs or node.head.lemma_ == "be"):
                return True
            if node.lemma_ == "be" and any(c.dep_ == "acomp" and c.lemma_.lower() in self.planning_verbs
                                           for c in node.children):  # fmt: skip
                return True  # "was due to arrive ..., before travelling on": the travel is planned too
        return False

    def _decided(self, cand: Candidate) -> bool:
        """A measure that an announcement says will be taken, or that is decided: "the government
        announced that it would suspend most aid", "saying it would suspend new commitments", "has
        decided to end its relations". Reported as decided, with no condition on it, a sanction is
        taken when it is announced (a threat says "if", "unless", or is told by a verb of warning,
        which is no verb of announcing)."""
        tok = cand.tok
        if cand.trig.type != "SANCTION" or cand.is_noun:
            return False
        verb = first_conjunct(tok, "VERB")  # "would hold ..., close ... and cancel ..."
        if verb.dep_ == "xcomp" and verb.head.lemma_.lower() in self.deciding:
            # "has decided to end its diplomatic relations", "decided on Tuesday to sever ties" (not
            # "will decide whether to", "may decide to")
            decision = verb.head
            if any(c.dep_ == "neg" or (c.dep_ == "aux" and c.lower_ in FUTURE_AUX) for c in decision.children):
                return False
            return not any(t.lower_ in CONDITIONAL_MARKS for t in verb.subtree)
        if not any(c.dep_ == "aux" and c.lower_ in FUTURE_AUX for c in verb.children):
            return False
        if verb.dep_ != "ccomp" or verb.head.lemma_.lower() not in self.announcing:
            return False
        clause = [t for v in (tok, verb) for t in v.subtree]
        return not any(t.lower_ in CONDITIONAL_MARKS for t in clause)

    def _promised(self, tok: Token) -> bool:
        """Whether a noun (or the sum it is counted in) is what a verb of promising governs:
        "pledged aid", "announced $2 million in aid", "pledges $1.5m in emergency aid" (aid only:
        announced restrictions or a suspension are enacted by the announcement)."""
        node = first_conjunct(amount_of(tok) or tok, "NOUN")  # "pledged a fund and a credit programme"
        if node.dep_ == "pobj" and node.head.dep_ == "prep":
            node = node.head
        return node.dep_ in ("dobj", "nsubjpass", "prep") and node.head.lemma_.lower() in self.promising_verbs

    def _complement_recipient(self, cand: Candidate, roles: Roles, offset: int) -> list[Party]:
        """ "agreed to support X's production", "promised to send troops to help X": the recipient
        is in the complement clause (the first named party among its objects, or the party it
        lets act: "agreed to let the EU send a mission")."""
        frontier = self._complements(cand.tok)
        for _ in range(3):
            nxt = []
            for verb in frontier:
                if found := self._permitted(verb, offset):
                    return found
                for o in verb.children:
                    targets = [o] if o.dep_ in ("dobj", "dative") else []
                    if o.dep_ == "prep" and o.lower_ in ("to", "for", "with"):
                        targets = [q for q in o.children if q.dep_ == "pobj"]
                    for t in targets:
                        found = [p for p in self.parties.parties(t, offset) if _named(p)]
                        if not found and o.dep_ == "dobj":
                            for p in t.children:
                                if p.dep_ == "prep":
                                    found = [
                                        f
                                        for q in p.children
                                        if q.dep_ == "pobj"
                                        for f in self.parties.parties(q, offset)
                                        if _named(f)
                                    ]
                        if found:
                            return found
                    if o.dep_ in ("xcomp", "advcl", "ccomp"):
                        nxt.append(o)
            frontier = nxt
        return []

    def _complements(self, tok: Token) -> list[Token]:
        """The infinitive clauses a verb takes, and "to let ..." also when parsed as an adverbial
        ("agreed on Thursday to let the EU send ..."; not a purpose: "asking for a meeting to stop ...")."""
        permission = self.lex.vocab["permission_verbs"]
        return [c for c in tok.children if c.dep_ == "xcomp" or (
            c.dep_ == "advcl" and c.tag_ == "VB" and c.lemma_.lower() in permission
            and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children))]  # fmt: skip

    def _permitted(self, verb: Token, offset: int) -> list[Party]:
        """The named party a verb of permission lets act: "let the EU send" (the subject of its
        clause), "allow UN monitors into the zone" (its object)."""
        if verb.lemma_.lower() not in self.lex.vocab["permission_verbs"]:
            return []
        let = [s for c in verb.children if c.dep_ in ("ccomp", "xcomp") for s in c.children if s.dep_ == "nsubj"]
        let += [c for c in verb.children if c.dep_ == "dobj"]
        return [p for t in let for p in self.parties.parties(t, offset) if _named(p)][:1]

    def _co_actor(self, cand: Candidate, roles: Roles, offset: int) -> list[Party]:
        if cand.trig.swap or len(roles.actors) < 2:
            return []
        if cand.trig.type == "AGREE" and any(self._permitted(v, offset) for v in self._complements(cand.tok)):
            # "X and Y agreed to let the EU send a mission": the EU receives what both agreed to
            roles.actors = roles.actors[:1]
            return []
        # "WFP and the district administration distributed food to 3,200 families": the families
        # receive, not the second subject (but "Ecuador and Peru clashed, killing 19 people": each
        # is the other's target)
        if cand.trig.type != "ASSAULT" and any(_generic(r) for r in roles.recipients):
            return []
        co = roles.actors[1:]
        roles.actors = roles.actors[:1]
        subject = cand.subject
        if cand.trig.type not in MUTUAL and subject is not None and self.parties.listed_group(subject, offset):
            return []  # "the four states closed their borders": one side (but "the four countries met")
        if cand.trig.type == "RETREAT" and all(p.country in (None, roles.actors[0].country) for p in co):
            return []  # "Congolese soldiers and provincial officials left the city": together, one side
        return co

    def _joint(self, cand: Candidate) -> bool:
        """Whether the subject's several parties act together on someone else: a hyphenated pair
        ("US-UK strikes") in any event that is not mutual, and names joined by "and" in an attack
        ("the United States and Britain attacked"). Not when the word is reciprocal ("the
        Israel-Hamas fighting", "clashed"), nor for "both sides" and "the two countries", which hit
        each other; other conjoined subjects ("X and Y condemned ...") stay each other's
        recipients, as reports of a dyad code them."""
        subject, trig = cand.subject, cand.trig
        if subject is None or trig.type in MUTUAL or self._reciprocal(cand):
            return False
        if hyphen_partner(subject) is not None:
            return True
        return trig.type == "ASSAULT" and not self.parties.dyad(subject)

    def _reciprocal(self, cand: Candidate) -> bool:
        """Whether the pair acts on each other: a reciprocal word ("the Israel-Hamas fighting",
        "Armenian-Azerbaijani clashes"), or the verb that carries the noun ("traded fire")."""
        tok, reciprocal = cand.tok, self.lex.vocab["reciprocal"]
        words = [tok, *(p.tok for p in cand.folded)]
        if cand.is_noun and tok.dep_ == "dobj":
            words.append(tok.head)
        return any(t.lemma_.lower() in reciprocal or t.lower_ in reciprocal for t in words)

    def _owner_of_object(self, cand: Candidate, roles: Roles, offset: int) -> list[Party]:
        if cand.trig.needs == "force_mission":
            return []  # the mission launched is the launcher's own ("launched Operation Aspides")
        owners: list[Party] = []
        actor = roles.actors[0] if roles.actors else None
        for t in roles.items:
            found = [p for p in self.parties.parties(t, offset) if _named(p)]
            if self._town_named(t):
                found = [p for p in found if p.kind == "state"]
            if cand.trig.mode == "recall":  # "recalled Ambassador X": the envoy recalled is the actor's own
                found = [p for p in found if p.kind != EntityKind.PERSON.value]
            # (not the actor's own: "called back its envoy in Caracas" is done to the envoy's host)
            owners += [p for p in found if actor is None or p.country is None or p.country != actor.country]
        return owners

    def _town_named(self, item: Token) -> bool:
        """"closed the Termez crossing": a crossing is named by its town, so only a state ("closed the
        Afghan border") or a possessive ("Uzbekistan's crossing") says whose it is ("crossing" may be
        lemmatised "cross")."""
        named = {item.lower_, item.lemma_.lower()} & self.lex.vocab["crossing"]
        return bool(named) and not any(c.dep_ == "poss" for c in item.children)

    def _side_between(self, cand: Candidate, roles: Roles, offset: int) -> list[Party]:
        """The other side of what lies "between" two parties in the object ("the borders between
        ECOWAS member states and Mali", "the crossing between Kenya and Somalia"): a state that is
        not the actor's, before a body ("ECOWAS member states" are the actor's own side)."""
        sides: list[Party] = []
        for item in roles.items:
            for prep in item.children:
                if prep.dep_ == "prep" and prep.lower_ == "between":  # (parties() reads the conjuncts too)
                    sides += [s for p in prep.children if p.dep_ == "pobj" for s in self.parties.parties(p, offset)]
        others = [p for p in sides if not any(_same(p, a) or _at_home(a, p) for a in roles.actors)]
        return sorted(others, key=lambda p: p.kind != "state")[:1]

    def _body_inside_object(self, cand: Candidate, roles: Roles, offset: int) -> list[Party]:
        # (not in what the object is called: "calling the measures a crime against the Venezuelan people")
        items = [t for t in roles.items if t.dep_ not in ("oprd", "acomp", "attr", "xcomp")]
        return [p for t in items if (p := self._owner_inside(t, offset)) is not None][:1]

    def _author_in_complement(self, cand: Candidate, roles: Roles, offset: int) -> list[Party]:
        """The author a condemnation names in what it calls the act: "called the strike an act of
        aggression by Venezuela"."""
        if cand.trig.needs != "condemnation":
            return []
        said = [c for c in cand.tok.children if c.dep_ in ("oprd", "acomp", "xcomp", "ccomp", "dobj", "prep")]
        for t in (t for c in said for t in c.subtree):
            if t.dep_ in ("prep", "agent") and t.lower_ in ("by", "from"):
                found = [p for q in t.children if q.dep_ == "pobj" for p in self.parties.parties(q, offset)]
                if found:
                    return found[:1]
        return []

    def _party_warned(self, cand: Candidate, roles: Roles, offset: int) -> list[Party]:
        """The party a threatening warning names ("warned that any new Colombian incursion would
        be met with force": Colombia), not the warner's own side."""
        if cand.trig.needs != "reprisal":
            return []
        for t in warning_clause(cand.tok):
            found = [p for p in self.parties.parties(t, offset)
                     if _named(p) and not any(_same(p, a) or _at_home(a, p) for a in roles.actors)]  # fmt: skip
            if found:
                return found[:1]
        return []

    def _party_blamed(self, cand: Candidate, roles: Roles, offset: int) -> list[Party]:
        """Whom a threat that names no one is aimed at: the party its speaker accuses in the same
        sentence ("accuses Chad of killing the drivers and warns that their deaths will not go
        unpunished": Chad)."""
        speaker = speaker_of(cand.tok, WARNING_VERBS) if cand.trig.speaker_threatens else None
        if speaker is None:
            return []
        for c in reversed(self.coded_here):
            subject, blamed = c.cand.subject, c.event.recipient
            if c.event.type == "ACCUSE" and blamed is not None and subject is not None and subject.i == speaker.i:
                return [blamed]
        return []

    def _author_of_referenced(self, cand: Candidate, roles: Roles, offset: int) -> list[Party]:
        """The actor of an earlier event the object refers to ("condemned the detention")."""
        if cand.trig.type not in REACTIONS:
            return []
        actors = roles.actors
        for tok in [*roles.items, *cand.objects]:
            if tok.pos_ != "NOUN" or not any(c.dep_ in ("det", "poss") for c in tok.children):
                continue
            held = self._agent_of_undergoers(tok, offset)
            if held and not any(_same(held[0], a) for a in actors):
                return held[:1]  # "demanded the release of five aid workers held by the group"
            categories = self._noun_categories(tok)
            if not categories and tok.lemma_.lower() in self.texts and cand.trig.type == "REJECT":
                # "would not abide by the resolution": the body that adopted it, named before
                author = self.owned_acts.get(tok.lemma_.lower())
                if author is not None and not any(_same(author, a) or _at_home(a, author) for a in actors):
                    return [author]
            if not categories:
                continue
            agents = self._named_by(tok, "by", offset)
            if agents and not any(_same(agents[0], a) for a in actors):
                return agents[:1]  # "condemned the attack by the Liptako Salvation Front": its author
            prior = next((e for e in reversed(self.history) if e.type in categories and e.actor is not None), None)
            if prior is not None and prior.actor is not None and not any(_same(prior.actor, a) for a in actors):
                return [prior.actor]
            owner = self.owned_acts.get(tok.lemma_.lower()) if prior is None else None
            if owner is not None and not any(_same(owner, a) or _at_home(a, owner) for a in actors):
                return [owner]  # "protesting against Beijing's suspension ... said the suspension was ..."
        return []

    def _remember_owned_acts(self, sent: Span, offset: int) -> None:
        """Record the owner of each act noun a possessive names ("Beijing's suspension"), and the
        author of each text a body adopted or issued ("the council adopted a resolution"), for a
        later "the resolution"."""
        for tok in sent:
            if tok.pos_ == "NOUN" and tok.lemma_.lower() in self.texts:
                author = text_author(tok, self.finder.perception)
                adopter = self.parties.party(author, offset) if author is not None else None
                if adopter is not None and adopter.kind in ("state", "organisation"):
                    self.owned_acts[tok.lemma_.lower()] = adopter
            owners = [c for c in tok.children if c.dep_ == "poss"]
            if tok.pos_ != "NOUN" or not owners or not self._noun_categories(tok):
                continue
            for c in owners:
                owner = self.parties.party(c, offset)
                if owner is not None and owner.kind in ("state", "organisation", "group"):
                    self.owned_acts[tok.lemma_.lower()] = owner

    def _agent_of_undergoers(self, tok: Token, offset: int) -> list[Party]:
        """The agent of what the object's "of" complement underwent ("the release of five aid
        workers held by the group": the group holds them, so a demand to free them is on it)."""
        held = [o for c in tok.children if c.dep_ == "prep" and c.lower_ == "of" for o in c.children
                if o.dep_ == "pobj"]  # fmt: skip
        agents = [a for o in held for v in o.children if v.dep_ == "acl" and v.tag_ == "VBN"
                  if (a := agent_of(v)) is not None]  # fmt: skip
        return [p for a in agents for p in self.parties.parties(a, offset)]

    def _noun_categories(self, tok: Token) -> set[str]:
        """The categories an event noun names ("strike": ASSAULT), by its lemma or else as written."""
        entries = self.lex.lookup(tok.lemma_.lower(), "noun") or self.lex.lookup(tok.lower_, "noun")
        return {e.type for e in entries}

    def _time_of(self, found: EventDate) -> TimeExpression | None:
        """The time expression of the document a date was read from."""
        return next((t for t in self.doc_times if t.start == found.phrase_start and t.end == found.phrase_end), None)

    def _clock_of_referent(self, cand: Candidate, actor: Party, caption: bool, found: EventDate,
                           phrase: TimeExpression | None) -> EventDate:  # fmt: skip
        """"A day earlier, a missile fired at the destroyer was shot down. ... That launch, at about
        4:45 p.m., was the first ...": a clock time with no day of its own, on an event noun that
        points back, is the time of the event it points to, on that event's day (the time engine
        can only put it on the report's day)."""
        if caption or phrase is None or phrase.rule != "clock-time" or not is_anaphoric(cand):
            return found
        prior = next((e for e in reversed(self.history) if e.type == cand.trig.type and _same(e.actor, actor)
                      and e.date.first is not None and e.date.granularity in ("day", "time")), None)  # fmt: skip
        if prior is None or prior.date.first is None or found.first is None or prior.date.first == found.first:
            return found
        day = prior.date.first
        value = day.isoformat() + (found.value[10:] if found.value and len(found.value) > 10 else "")
        return replace(found, value=value, first=day, last=day, rule="context-event")

    def _reanchored(self, found: EventDate, phrase: TimeExpression | None, sentence_start: int) -> EventDate:
        """"A drone struck the market a week to the day before Tuesday's talks. ... accuses X of
        killing five people the following night": the time engine counts "the following night"
        from the last date written (Tuesday); when an event told after that date was dated by
        counting from another ("a week to the day after"), the phrase counts from that event. And
        when that last date dates a relative clause in an earlier sentence (before
        ``sentence_start``), the phrase counts from the story's day written before it."""
        if phrase is None or phrase.anchor != "discourse" or phrase.first is None:
            return found
        if not (NEXT_DAY.fullmatch(phrase.text) or SAME_DAY.fullmatch(phrase.text)):
            return found
        written = [t for t in self.doc_times if t.end <= phrase.start and t.anchor in ("dct", "none")
                   and t.granularity == "day" and t.first is not None]  # fmt: skip
        if not written:
            return found
        anchor = written[-1]
        assert anchor.first is not None
        days = (phrase.first - anchor.first).days
        if anchor.start in self.background_times and abs(days) <= 1 and anchor.end <= sentence_start:
            # "Kosovo accepted the new envoy on Tuesday, replacing the diplomat it expelled on 13
            # March. Its own envoy returned the same day": Tuesday, not the expulsion's day
            fore = [t for t in written if t.start not in self.background_times]
            if fore and fore[-1].first is not None:
                first = fore[-1].first + timedelta(days=days)
                return replace(found, value=first.isoformat(), first=first, last=first, rule="story-day")
        if not NEXT_DAY.fullmatch(phrase.text):
            return found
        base = next((e for e in reversed(self.history) if e.date.rule == "relative-event" and e.date.first is not None
                     and anchor.end <= e.evidence.trigger_start < phrase.start), None)  # fmt: skip
        if base is None or abs(days) > 1 or base.date.first is None:
            return found
        first = base.date.first + timedelta(days=days)
        last = (base.date.last or base.date.first) + timedelta(days=days)
        return replace(found, value=contract_value(first, last), first=first, last=last, rule="relative-event")

    def _counted_from_event(self, cand: Candidate, offset: int) -> EventDate | None:
        """"Hours after the attack, the administration imposed a curfew", "two days before the
        summit": the clause counted from an earlier dated event its "after"/"before" noun names."""
        for node in _clause_chain(cand.tok):
            measures = [c for c in node.children if c.dep_ == "npadvmod"]  # "Hours after the attack, ..."
            for prep in (c for h in (node, *measures) for c in h.children
                         if c.dep_ == "prep" and c.lower_ in ("after", "before")):  # fmt: skip
                days = amount_before(prep)
                named = next((p for p in prep.children if p.dep_ == "pobj"), None)
                base = self._referenced_event(named) if days is not None and named is not None else None
                if base is None or base.date.first is None or days is None:
                    continue
                days = days if prep.lower_ == "after" else -days
                return self._shifted_from(cand, base, days, offset)
            for clause in (c for c in node.children if c.dep_ == "advcl"):
                # "Three days after the talks opened, RSF fighters shelled the town": from the event
                # the clause's subject names
                mark = next((m for m in clause.children if m.dep_ == "mark" and m.lower_ in ("after", "before")), None)
                days = amount_before(mark) if mark is not None else None
                subject = next((c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass")), None)
                base = self._referenced_event(subject) if days is not None and subject is not None else None
                if base is None and days is not None and clause.tag_ in ("VBD", "VBN"):
                    base = self._referenced_act(clause)  # "Three days after the soldiers were seized"
                if mark is not None and days is not None and base is not None and base.date.first is not None:
                    return self._shifted_from(cand, base, days if mark.lower_ == "after" else -days, offset)
            for eve in (p for c in node.children if c.dep_ == "prep" and c.lower_ == "on"
                        for p in c.children if p.dep_ == "pobj" and p.lemma_.lower() == "eve"):  # fmt: skip
                named = of_object(eve)
                base = self._referenced_event(named) if named is not None else None
                if base is not None and base.date.first is not None:
                    return self._shifted_from(cand, base, -1, offset)  # "on the eve of the summit"
        return None

    def _said_now(self, cand: Candidate, headline: bool) -> bool:
        """A statement told in the present in the body of a report with no date in its sentence
        ("He accuses Belgrade of sponsoring terrorism", a live blog's entry): made on the day of
        the report. Not a relative clause's standing denial ("..., which Malaysia denies"), nor
        a quote's present under a past "said", nor a denial."""
        tok = cand.tok
        if headline or cand.trig.type not in SAID_NOW or tok.tag_ not in PRESENT_TAGS or tok.dep_ in ("relcl", "acl"):
            return False
        if any(c.dep_ in ("aux", "auxpass") for c in tok.children):
            return False
        if any(self.finder.is_frame(c) and c.tag_ in ("VBD", "VBN") for c in tok.children):
            return False  # '"We demand that she be released," Jeenbekov told ...': said then
        node = tok
        for _ in range(4):
            if node.head.i == node.i:
                break
            node = node.head
            if self.finder.is_frame(node) and node.tag_ in ("VBD", "VBN"):
                return False
        return True

    @staticmethod
    def _shifted_from(cand: Candidate, base: Event, days: int, offset: int) -> EventDate:
        tok = cand.tok
        return shifted(base.date, days, _offset_text(days, base.evidence.trigger),
                       offset + tok.idx, offset + tok.idx + len(tok.text))  # fmt: skip

    def _referenced_event(self, tok: Token, told: bool = False) -> Event | None:
        """The earlier dated event an event noun ("the strike", "the visit") points back to. With
        ``told`` (the noun is what a sentence goes on to say "came N days after" something), a
        definite noun of no event kind the lexicon knows ("the engagement", "the move") is the
        last dated event told."""
        if tok.pos_ != "NOUN":
            return None
        categories = self._noun_categories(tok)
        if not categories and told and _definite(tok):
            return next((e for e in reversed(self.history) if e.date.first is not None), None)
        return next((e for e in reversed(self.history) if e.type in categories and e.date.first is not None), None)

    def _referenced_act(self, verb: Token) -> Event | None:
        """The earlier dated event a past clause retells with the same verb ("after the soldiers
        were seized": the seizure told before), coded by that verb's lexicon entry."""
        entries = {t.name for t in self.lex.lookup(verb.lemma_.lower(), "verb")}
        return next((e for e in reversed(self.history)
                     if e.rule.split("+", 1)[0] in entries and e.date.first is not None), None)  # fmt: skip

    def _sides_at_war(self) -> bool:
        """Whether the document's two sides were told attacking each other before."""
        pair = self.parties.pair[:2]
        return len(pair) == 2 and any(
            e.type == "ASSAULT" and e.actor is not None and e.recipient is not None
            and {e.actor.country, e.recipient.country} == {pair[0].country, pair[1].country}
            for e in self.history
        )  # fmt: skip

    def _outbreak(self, cand: Candidate) -> bool:
        """Fighting that broke out, with no side named: "fighting broke out", "clashes erupted"."""
        tok = cand.tok
        if not cand.is_noun or tok.lemma_.lower() not in self.lex.vocab["reciprocal"] or tok.dep_ != "nsubj":
            return False
        verb = tok.head
        if any(c.dep_ == "prep" and c.lower_ == "between" for c in (*tok.children, *verb.children)):
            return False  # ("between X and Y" names them)
        out = verb.lemma_.lower() == "break" and any(c.dep_ == "prt" and c.lower_ == "out" for c in verb.children)
        return out or verb.lemma_.lower() in OUTBREAK_VERBS

    @staticmethod
    def _phase_of_told_act(cand: Candidate) -> bool:
        """A definite act noun ("the withdrawal") that a phase verb ("had begun") has as its subject."""
        tok = cand.tok
        return tok.dep_ == "nsubj" and tok.head.lemma_.lower() in PHASE_VERBS and _definite(tok)

    def _told_before(self, cand: Candidate) -> bool:
        """Whether a definite event noun ("the raids", "these strikes") points back to an event of
        its kind the document has already coded: a description of that event, not a new one."""
        tok = cand.tok
        if not cand.is_noun or not _definite(tok):
            return False
        categories = self._noun_categories(tok)
        return any(e.type in categories and _named(e.actor) for e in self.history if e.actor is not None)

    def _owner_inside(self, tok: Token, offset: int) -> Party | None:
        """A body named inside the object's noun phrase ("a package of EU sanctions"), not inside a
        clause it carries ("a proposal to deploy UN observers": what is proposed, not who)."""
        own = self.parties.entity_of(tok, offset)  # ("Operation Aspides": a name's own words are no body in it)
        for t in tok.subtree:
            if t.i == tok.i or t.dep_ not in ("compound", "poss", "amod", "nmod"):
                continue
            if any(a.dep_ in ("acl", "relcl", "xcomp", "ccomp", "advcl") for a in path_up(t, tok)):
                continue
            entity = self.parties.entity_of(t, offset)
            if entity is not None and entity is own:
                continue
            if entity is not None and entity.kind == EntityKind.ORGANISATION and self._town_named(tok):
                continue
            if entity is not None and entity.kind in (EntityKind.STATE, EntityKind.ORGANISATION):
                return self.parties.as_party(entity, offset + t.idx)
        return None

    def _subject_of_that_clause(self, cand: Candidate, roles: Roles, offset: int) -> list[Party]:
        """The subject of the "that" clause of an accusation or a demand: the accused ("an
        accusation ..., that X was fuelling the war") or the one asked ("demanded that MINUSMA
        accelerate its departure")."""
        if cand.trig.type not in ("ACCUSE", "REQUEST"):
            return []
        for host in (cand.tok, cand.tok.head):
            for clause in host.children:
                if clause.pos_ in ("VERB", "AUX") and any(  # "demanded that X ...", "called for X to ..."
                    m.dep_ == "mark" and (m.lower_ == "that" or (m.lower_ == "for" and clause.tag_ == "VB"))
                    for m in clause.children
                ):
                    subject = next((c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass")), None)
                    if subject is not None and (found := self.parties.parties(subject, offset)):
                        return found
        return []

    def _place_nearby(self, cand: Candidate, offset: int) -> Place | None:
        if any(c.dep_ == "advmod" and c.lower_ == "where" for c in cand.tok.children):
            # "the town of X, where he will visit the market": the nearest place before "where"
            for tok in reversed(list(cand.tok.sent)[: cand.tok.i - cand.tok.sent.start]):
                where = self.parties.place(tok, offset)
                if where is not None:
                    return where
        hosts = [cand.tok, *(p.tok for p in cand.folded), *(t for _, t in cand.roles)]
        if cand.is_noun and cand.tok.head.pos_ in ("VERB", "AUX"):
            hosts.append(cand.tok.head)
        for host in hosts:
            for c in host.children:
                if c.dep_ == "prep" and c.lower_ in ("in", "at", "across", "near", "outside"):
                    for p in c.children:
                        if p.dep_ == "pobj" and (where := self.parties.place(p, offset)) is not None:
                            return where
        return None

    def _date(self, cand: Candidate, phrases: list[Phrase], earlier: list[Coded], actor: Party,
              caption: bool, offset: int, headline: bool = False) -> EventDate:  # fmt: skip
        found = self.dater.date(cand, phrases)
        if found is not None:
            phrase = self._time_of(found)
            return self._clock_of_referent(cand, actor, caption,
                                           self._reanchored(found, phrase, offset + cand.tok.sent.start_char), phrase)
        counted = self._counted_from_event(cand, offset)
        if counted is not None:
            return counted
        counting = counting_mark(cand)  # the "N days after/before" clause the trigger is in, if any
        rel = relative_offset(counting)
        if rel is not None:
            days, subject, governor = rel
            if governor is not None and self.finder.is_frame(governor):
                subject = None  # "X happened on Monday, officials said, two days after Y": X is the base
            if subject is not None:
                base = next(
                    (
                        c.event
                        for c in earlier
                        if c.cand.tok.i == subject.i or subject.left_edge.i <= c.cand.tok.i <= subject.right_edge.i
                    ),
                    None,
                )
                if base is None and governor is not None:
                    # "Soldiers opened joint drills on Tuesday, a day after X handed ...": the event
                    # the governing clause tells (its verb, or a noun trigger it carries)
                    base = next((c.event for c in earlier if c.event.date.first is not None
                                 and _carried_by(c.cand.tok, governor)), None)  # fmt: skip
            else:  # the parse does not say what X is: the sentence's first dated event
                base = next((c.event for c in earlier if c.event.date.first is not None), None)
            if base is None and subject is not None and not caption:
                base = self._referenced_event(subject, told=True)  # "The strike came two days after ...": that strike
            tok = cand.tok
            if base is not None and base.date.first is not None:
                return self._shifted_from(cand, base, days, offset)
            named = [p for p in phrases if subject is not None and p.tokens
                     and subject.left_edge.i <= min(p.tokens) and max(p.tokens) <= subject.right_edge.i]  # fmt: skip
            if named and named[0].time.first is not None:
                # "Monday's sitting came hours after X": the subject is no event, but is dated
                start, end = offset + tok.idx, offset + tok.idx + len(tok.text)
                return shifted(from_phrase(named[0].time, "relative-event"), days,
                               _offset_text(days, named[0].time.text), start, end)  # fmt: skip
        if not caption and is_anaphoric(cand):
            prior = next(
                (
                    e
                    for e in reversed(self.history)
                    if e.type == cand.trig.type
                    and e.mode == cand.trig.mode
                    and _same(e.actor, actor)
                    and e.date.first is not None
                ),
                None,
            )
            if prior is not None:
                return replace(prior.date, rule="context-event")
        if self.reference is not None and not caption and is_present_perfect(cand):
            if self.section_date is not None and not headline:
                return self.section_date  # "A rocket has hit ...", an entry under "SATURDAY 26 JULY"
            ref = self.reference
            return EventDate(ref.isoformat(), ref, ref, "day", None, "report-date")
        if self.reference is not None and headline and cand.tok.tag_ in ("VBZ", "VBP", "NN", "NNS"):
            ref = self.reference
            return EventDate(ref.isoformat(), ref, ref, "day", None, "headline")
        earlier_clause = counting is not None and counting[1].dep_ == "mark"  # "less than a week after X freed"
        if not caption and not headline and cand.tok.tag_ in ("VBD", "VBN") and self.block_dates and not earlier_clause:
            # the story goes on with the same protagonist ("He then met ..."): the same day
            told = self.block_dates[-1]
            goes_on = any(c.dep_ == "advmod" and c.lower_ in ("then", "also") for c in cand.tok.children)
            # "Germany stood by Vilnius on Thursday ... Albrecht met ...": the state's official goes on
            # (not under a dated heading, whose day is the item's)
            official = (told.actor is not None and actor.kind == "person" and told.actor.kind == "state"
                        and _at_home(actor, told.actor) and self.section_date is None)  # fmt: skip
            if _same(told.actor, actor) or official or goes_on:  # "He then met ...": the narrative goes on
                return replace(told.date, rule="context-sentence")
        if not caption and not headline and cand.tok.tag_ in PRESENT_TAGS and self.block_dates:
            told = self.block_dates[-1]
            if told.present and told.block == offset:  # a timeline cell in the historic present goes on
                return replace(told.date, rule="context-sentence")
        if self.section_date is not None and not caption and not headline:
            # an item under a dated heading ("Tue 5 Nov", a timeline's "28 Dec"): that day, in a
            # digest's historic present too ("Mali expels the ambassador"), and what it announces
            return self.section_date
        if self.reference is not None and not caption and not phrases and self._said_now(cand, headline):
            ref = self.reference
            return EventDate(ref.isoformat(), ref, ref, "day", None, "report-date")
        return EventDate.unknown()


SEQUENCE_WORDS = frozenset({"then", "later", "afterwards", "subsequently", "separately"})
TIME_CLAUSE_MARKS = frozenset({"when", "as", "after"})  # "wounded when one stepped on a landmine"


def _each_in_turn(cand: Candidate) -> list[Candidate]:
    """ "spoke by phone first with the Thai Prime Minister and then with the Cambodian Prime
    Minister": talks with one and then with another are two talks, one candidate for each."""
    if cand.trig.type != "CONSULT":
        return [cand]
    for role, tok in cand.roles:
        prep = tok.head
        if role != "recipient" or tok.dep_ != "pobj" or prep.dep_ != "prep":
            continue
        later = [q for q in prep.children if q.dep_ == "conj" and q.lower_ == prep.lower_
                 and any(a.dep_ == "advmod" and a.lower_ in SEQUENCE_WORDS for a in q.children)]  # fmt: skip
        turns = [o for q in later for o in q.children if o.dep_ == "pobj"]
        if not turns and _by_phone(cand.tok):
            # "spoken by phone with the leaders of Cambodia and Thailand", "with the Cambodian and
            # Thai prime ministers", "with India's foreign minister and Pakistan's prime minister":
            # calls to two leaders are two calls
            named = of_object(tok)
            named = named if named is not None else next((c for c in tok.children if c.dep_ == "amod"), None)
            turns = conjuncts(tok) or (conjuncts(named) if named is not None else [])
        if turns:
            rest = [(r, t) for r, t in cand.roles if t.i != tok.i]
            return [cand, *(replace(cand, roles=[(role, o), *rest]) for o in turns)]
    return [cand]


def _titled_subject_before(pronoun: Token, titles: frozenset[str]) -> Token | None:
    """The office holder named by title only ("Pakistan's information minister") who is the
    subject of the sentence before the one a pronoun opens; None when that sentence has a
    named person (whom the entity stage links "he" to) or no such subject."""
    sent = pronoun.sent
    if sent.start == 0 or any(t.dep_ in ("nsubj", "nsubjpass") for t in sent if t.i < pronoun.i):
        return None
    before = pronoun.doc[sent.start - 1].sent
    if any(t.ent_type_ == "PERSON" for t in before):
        return None
    return next((t for t in before if t.dep_ in ("nsubj", "nsubjpass") and t.pos_ == "NOUN"
                 and t.lemma_.lower() in titles), None)  # fmt: skip


def _by_phone(tok: Token) -> bool:
    """ "spoke by phone", "talked by telephone" (a call's own trigger carries its mode)."""
    return any(c.dep_ in ("prep", "agent") and c.lower_ == "by"
               and any(p.lower_ in PHONES for p in c.children) for c in tok.children)  # fmt: skip


def _weapon_when(tok: Token, weapons: frozenset[str]) -> Token | None:
    """The weapon a clause of time under a passive harm names: "three soldiers were wounded when one
    of them stepped on a landmine", "... as a shell hit their post"."""
    for clause in (c for c in tok.children if c.dep_ == "advcl"):
        if any(m.dep_ in ("mark", "advmod") and m.lower_ in TIME_CLAUSE_MARKS for m in clause.children):
            found = next((t for t in clause.subtree if t.lemma_.lower() in weapons), None)
            if found is not None:
                return found
    return None


def _offset_text(days: int, base: str) -> str:
    """How a relative date was counted: "-1 days from drills", "the day of Monday" ("hours after")."""
    return f"the day of {base}" if days == 0 else f"{days:+d} days from {base}"


def _carried_by(tok: Token, verb: Token) -> bool:
    """Whether a trigger is the verb, or a noun in its object ("opened a week of joint drills")."""
    node = tok
    for _ in range(4):
        if node.i == verb.i:
            return True
        if node.dep_ not in ("dobj", "pobj", "prep", "attr") or node.head.i == node.i:
            return False
        node = node.head
    return node.i == verb.i


def _told(tok: Token) -> bool:
    """Whether a verb states what its sentence tells: the main clause, a clause joined to it, or
    what a main reporting verb says ("officials said a drone struck the post")."""
    while tok.dep_ in ("conj", "ccomp") and tok.head.i != tok.i:
        tok = tok.head
    return tok.dep_ == "ROOT"


UNIDENTIFIED_ATTACKERS = "unidentified attackers"  # an attack told only by its weapon
UNNAMED_ATTACKERS = {
    "militant": "militants", "terrorist": "terrorists", "rebel": "rebels", "insurgent": "insurgents",
    "jihadist": "jihadists", "separatist": "separatists", "suicide": "suicide attackers",
}  # fmt: skip
NON_STATE_WORDS = frozenset(
    {"rebels", "rebel", "militants", "insurgents", "militia", "militias", "fighters", "gunmen", "protesters",
     "demonstrators", "jihadists", "separatists", "guerrillas", "paramilitaries"}
)  # fmt: skip


OTHER_CLAUSES = frozenset({"advcl", "relcl", "acl", "ccomp", "parataxis", "prep"})


def _has_clause(tok: Token) -> bool:
    """Whether ``tok`` heads a clause (a verb of its own below it): "after clashes left 14 dead"."""
    return tok.pos_ in ("VERB", "AUX") or any(t.pos_ == "VERB" and t.i != tok.i for t in tok.subtree)


def _named(p: Party) -> bool:
    """A party that names someone (an entity, a state or a sector of one), not a bare noun."""
    return p.entity is not None or bool(p.aliases) or p.country is not None


SENTENCE_GAP = 3  # characters between one sentence's end and the next one's start (spaces, a newline)


def _the_two(subject: Token) -> bool:
    """ "the two leaders", "both presidents", "the two men": a pair named just before."""
    return subject.tag_ == "NNS" and any(c.lower_ in ("two", "both") for c in subject.children)


def _agent_of_participle(noun: Token) -> Token | None:
    """X in "<noun> fired by X" (a participle describing the noun, with its agent)."""
    return next((a for acl in noun.children if acl.dep_ == "acl" and acl.tag_ == "VBN"
                 if (a := agent_of(acl)) is not None), None)  # fmt: skip


def _generic(p: Party) -> bool:
    """A bare noun for people ("five men", "gunmen"), not a named or resolved party."""
    return p.kind == "group" and p.entity is None and not p.aliases and p.actor_id is None


def _at_home(actor: Party, state: Party) -> bool:
    """Whether ``state`` is the actor's own state, which it cannot target.  A non-state armed
    group of a country can (an insurgency attacks its own state)."""
    if state.country is None or state.country != actor.country:
        return False
    return not _non_state(actor)


def _non_state(actor: Party) -> bool:
    from ..entities.gazetteer import Gazetteer

    entry = Gazetteer.default().lookup(actor.name)
    if entry is not None and entry.subtype == "armed":
        return True
    words = actor.name.lower().split()
    return bool(words) and words[-1] in NON_STATE_WORDS


def _in_main_clause(tok: Token) -> bool:
    """Whether a trigger belongs to the sentence's main clause (not a relative or adverbial one)."""
    node = tok
    for _ in range(8):
        if node.head.i == node.i:
            return True
        if node.dep_ in ("relcl", "acl", "advcl", "pcomp", "csubj"):
            return False
        node = node.head
    return False


def _clause_chain(tok: Token) -> list[Token]:
    """The trigger and the verbs it depends on within its clause (light verbs, xcomp heads)."""
    out = [tok]
    node = tok
    for _ in range(3):
        if node.dep_ in ("dobj", "xcomp", "nsubjpass", "attr", "pobj", "prep", "conj") and node.head.i != node.i:
            node = node.head
            out.append(node)
        else:
            break
    return out


def _dedupe(events: list[Event]) -> list[Event]:
    """One event per (category, actor, recipient) in a sentence, and per measure for sanctions
    ("closed the crossing and cancelled visas" tells of two): the most confident, and besides it
    any other whose own phrase gives another date ("killed X on Sept. 16 and Y in an attack on
    Sept. 24" tells of two attacks)."""
    groups: dict[tuple[str, str, str, str], list[Event]] = {}
    for e in events:
        measure = (e.mode or "") if e.type == MEASURED else ""
        key = (e.type, e.actor.name if e.actor else "", e.recipient.name if e.recipient else "", measure)
        groups.setdefault(key, []).append(e)
    kept: list[Event] = []
    for group in groups.values():
        ranked = sorted(group, key=lambda e: -e.confidence)  # stable: the earlier of equals first
        chosen = [ranked[0]]
        for e in ranked[1:]:
            if e.date.rule == "trigger-phrase" and all(
                c.date.rule == "trigger-phrase" and c.date.value != e.date.value for c in chosen
            ):
                chosen.append(e)
        kept += chosen
    return sorted(kept, key=lambda e: e.evidence.trigger_start)


def _describes_noun(tok: Token) -> bool:
    """A relative clause describing a noun: "the diplomat it expelled" (not a participle: "this
    photo, carried by the agency on June 5, shows ..." names the day the caption counts from)."""
    return tok.dep_ == "relcl" and tok.head.pos_ in ("NOUN", "PROPN", "PRON")


def _definite(tok: Token) -> bool:
    """A noun with a determiner that points back: "the raids", "these strikes"."""
    return any(c.dep_ == "det" and c.lower_ in BACK_REFERENCES for c in tok.children)


# Exposed for tests that want the quad of a category.
def quad_of(category: str) -> str:
    return QUAD[category]


__all__ = ["DocumentCoder", "quad_of"]
