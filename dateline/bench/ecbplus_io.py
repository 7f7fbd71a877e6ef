"""Reading ECB+ (Cybulska & Vossen 2014) and writing CoNLL coreference files.

A data folder holds ``ECB+/<topic>/<topic>_<n>ecb[plus].xml`` beside
``ECBplus_coreference_sentences.csv`` (``Topic,File,Sentence Number``: the validated sentences).
In a document file:

* ``<token t_id sentence number>`` elements carry the tokenised text (``sentence`` is the
  number the CSV uses; in the ``ecbplus`` files sentence 0 is the page URL);
* ``<Markables>`` holds mention markables (a tag such as ``ACTION_OCCURRENCE`` or
  ``HUMAN_PART_PER``, an ``m_id`` and ``<token_anchor t_id>`` children) and instance
  descriptors (``TAG_DESCRIPTOR``/``instance_id`` attributes, no anchors), which are not mentions;
* ``<Relations>`` holds ``CROSS_DOC_COREF`` (``note`` = the corpus-wide chain id) and
  ``INTRA_DOC_COREF`` (a chain inside the document) with ``<source m_id>`` members.

Gold event mentions are the ``ACTION_*`` and ``NEG_ACTION_*`` markables in validated sentences.
Their chain is the cross-document ``note``; else ``INTRA_<r_id>_<doc>`` for a within-document
chain; else a singleton chain of their own (``SINGLETON_<doc>_<m_id>``), as in the usual
(Cybulska/Kenyon-Dean) set-up with singletons kept.
"""

from __future__ import annotations

import csv
import re
import xml.etree.ElementTree as ET
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

SENTENCES_CSV = "ECBplus_coreference_sentences.csv"
CORPUS_DIR = "ECB+"
EVENT_TAGS = ("ACTION_", "NEG_ACTION_")
PARTICIPANT_KINDS = {"HUMAN_PART": "human", "NON_HUMAN_PART": "thing", "LOC": "place", "TIME": "time"}

# The standard split (Cybulska & Vossen 2015; Barhom et al. 2019): test = topics 36-45.
DEV_TOPICS = ("2", "5", "12", "18", "21", "23", "34", "35")
TEST_TOPICS = tuple(str(t) for t in range(36, 46))


@dataclass(frozen=True)
class Markable:
    """A mention of one of the five event components, with token numbers inside its sentence."""

    m_id: str
    tag: str
    sentence: int
    tokens: tuple[int, ...]  # ``number`` of each anchored token in the sentence, sorted
    text: str

    @property
    def is_event(self) -> bool:
        return self.tag.startswith(EVENT_TAGS)

    @property
    def kind(self) -> str | None:
        """``human``, ``thing``, ``place`` or ``time`` for a participant markable, else None."""
        for prefix, kind in PARTICIPANT_KINDS.items():
            if self.tag == prefix or self.tag.startswith(prefix + "_"):
                return kind
        return None


@dataclass(frozen=True)
class GoldMention:
    """A gold event mention: its markable and its coreference chain id."""

    topic: str
    doc: str
    markable: Markable
    chain: str

    @property
    def key(self) -> str:
        return f"{self.doc}:{self.markable.m_id}"


@dataclass(frozen=True)
class EcbDocument:
    """One ECB+ document restricted to its validated sentences."""

    name: str  # file name without ``.xml``, e.g. ``1_10ecbplus``
    topic: str
    sentences: dict[int, tuple[str, ...]]  # validated sentence number -> its tokens
    events: tuple[GoldMention, ...]
    participants: tuple[Markable, ...]  # HUMAN_PART*, NON_HUMAN_PART*, LOC*, TIME* markables

    @property
    def subtopic(self) -> str:
        """``<topic>ecb`` or ``<topic>ecbplus``: the two seminal events of a topic."""
        return self.topic + ("ecbplus" if self.name.endswith("plus") else "ecb")


def read_validated(data_dir: Path) -> dict[str, set[int]]:
    """Document name (``1_10ecbplus``) -> its validated sentence numbers."""
    out: dict[str, set[int]] = defaultdict(set)
    with (data_dir / SENTENCES_CSV).open(encoding="utf-8", newline="") as f:
        rows = csv.reader(f)
        header = next(rows, None)
        if header is None or [h.strip().lower() for h in header[:2]] != ["topic", "file"]:
            raise ValueError(f"{data_dir / SENTENCES_CSV}: unexpected header {header!r}")
        for row in rows:
            if len(row) >= 3 and row[2].strip():
                out[f"{row[0].strip()}_{row[1].strip()}"].add(int(row[2]))
    return dict(out)


def available_topics(data_dir: Path) -> list[str]:
    """The topic folders present under ``ECB+``, in numeric order."""
    root = data_dir / CORPUS_DIR
    names = [p.name for p in root.iterdir() if p.is_dir()] if root.is_dir() else []
    return sorted(names, key=_topic_order)


def _topic_order(name: str) -> tuple[int, str]:
    m = re.match(r"\d+", name)
    return (int(m.group()) if m else 10**9, name)


def select_topics(data_dir: Path, spec: str) -> list[str]:
    """Topics named by ``dev``, ``train``, ``test``, ``all`` or a comma list (``2,5,12``).

    Only topics present in the data folder are returned; ``train`` is every present topic
    below 36 outside ``dev``."""
    present = available_topics(data_dir)
    if spec == "all":
        return present
    if spec == "dev":
        wanted: Iterable[str] = DEV_TOPICS
    elif spec == "test":
        wanted = TEST_TOPICS
    elif spec == "train":
        wanted = [t for t in present if _topic_order(t)[0] < 36 and t not in DEV_TOPICS]
    else:
        wanted = [t.strip() for t in spec.split(",") if t.strip()]
    keep = set(wanted)
    return [t for t in present if t in keep]


def read_document(path: Path, topic: str, validated: set[int]) -> EcbDocument:
    """Read one ECB+ XML file, keeping the markables of its validated sentences."""
    name = path.name.removesuffix(".xml")
    root = ET.parse(path).getroot()
    tok: dict[str, tuple[int, int, str]] = {}
    words: dict[int, list[tuple[int, str]]] = defaultdict(list)
    for t in root.iter("token"):
        s, n, text = int(t.attrib["sentence"]), int(t.attrib["number"]), t.text or ""
        tok[t.attrib["t_id"]] = (s, n, text)
        if s in validated:
            words[s].append((n, text))
    sentences = {s: tuple(w for _, w in sorted(ws)) for s, ws in sorted(words.items())}

    markables: dict[str, Markable] = {}
    node = root.find("Markables")
    for el in node if node is not None else ():
        anchors = [a.attrib["t_id"] for a in el.iter("token_anchor") if a.attrib.get("t_id") in tok]
        if not anchors or "m_id" not in el.attrib:
            continue  # an instance descriptor, not a mention
        sent = tok[anchors[0]][0]
        numbers = sorted({tok[a][1] for a in anchors if tok[a][0] == sent})
        text = " ".join(tok[a][2] for a in sorted(anchors, key=lambda a: tok[a][1]) if tok[a][0] == sent)
        markables[el.attrib["m_id"]] = Markable(el.attrib["m_id"], el.tag, sent, tuple(numbers), text)

    chain: dict[str, str] = {}
    relations = root.find("Relations")
    for rel in relations if relations is not None else ():
        if rel.tag == "CROSS_DOC_COREF":
            cid = rel.attrib.get("note") or f"CROSS_{rel.attrib.get('r_id')}"
        elif rel.tag == "INTRA_DOC_COREF":
            cid = f"INTRA_{rel.attrib.get('r_id')}_{name}"
        else:
            continue
        for src in rel.iter("source"):
            m = src.attrib.get("m_id", "")
            # a cross-document chain wins over a within-document one
            if m not in chain or rel.tag == "CROSS_DOC_COREF":
                chain[m] = cid

    events: list[GoldMention] = []
    participants: list[Markable] = []
    for m_id, mk in sorted(markables.items(), key=lambda kv: (kv[1].sentence, kv[1].tokens, _int(kv[0]))):
        if mk.sentence not in validated:
            continue
        if mk.is_event:
            events.append(GoldMention(topic, name, mk, chain.get(m_id, f"SINGLETON_{name}_{m_id}")))
        elif mk.kind is not None:
            participants.append(mk)
    return EcbDocument(name, topic, sentences, tuple(events), tuple(participants))


def _int(s: str) -> int:
    return int(s) if s.isdigit() else 0


def read_topic(data_dir: Path, topic: str, validated: dict[str, set[int]] | None = None) -> list[EcbDocument]:
    """Every document of a topic that has validated sentences, sorted by name."""
    validated = read_validated(data_dir) if validated is None else validated
    folder = data_dir / CORPUS_DIR / topic
    docs = []
    for path in sorted(folder.glob("*.xml"), key=lambda p: _doc_order(p.name)):
        keep = validated.get(path.name.removesuffix(".xml"))
        if keep:
            docs.append(read_document(path, topic, keep))
    return docs


def _doc_order(name: str) -> tuple[int, int, str]:
    m = re.match(r"(\d+)_(\d+)(\D.*)", name)
    return (int(m.group(1)), int(m.group(2)), m.group(3)) if m else (0, 0, name)


# --------------------------------------------------------------------------- CoNLL files


def write_conll(path: Path, rows: Sequence[tuple[GoldMention, str]], name: str = "ecbplus") -> None:
    """Write one meta-document in the CoNLL coreference layout, one mention per line.

    ::

        #begin document (ecbplus); part 000
        <topic> TAB <doc> TAB <sentence> TAB <m_id> TAB <mention text> TAB (<chain number>)
        ...
        #end document

    Chains are numbered from 0 in order of first appearance; every mention is a one-line span,
    so the last column is always ``(N)``.  A key file and a response file written for the same
    mentions have the same lines in the same order, which the reference scorer
    (``scorer.pl all KEY RESPONSE none``) expects."""
    numbers: dict[str, int] = {}
    lines = [f"#begin document ({name}); part 000"]
    for g, cid in rows:
        n = numbers.setdefault(cid, len(numbers))
        text = g.markable.text.replace("\t", " ") or "_"
        lines.append(f"{g.topic}\t{g.doc}\t{g.markable.sentence}\t{g.markable.m_id}\t{text}\t({n})")
    lines.append("#end document")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def read_conll(path: Path) -> list[tuple[str, int]]:
    """(``doc:m_id``, chain number) for every mention line of a file written by ``write_conll``."""
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line or line.startswith("#"):
            continue
        cols = line.split("\t")
        m = re.fullmatch(r"\((\d+)\)", cols[-1])
        if m is None or len(cols) < 6:
            raise ValueError(f"{path}: not a mention line: {line!r}")
        out.append((f"{cols[1]}:{cols[3]}", int(m.group(1))))
    return out
