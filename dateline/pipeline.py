"""The per-document pipeline: Document -> Analysis.

Stages run in one direction.  Each stage declares what it needs and what it sets (like
spaCy's ``requires``/``assigns``); :class:`Pipeline` refuses to build when a stage needs a
field that no earlier stage sets.  Stages fill a :class:`Work` record; the finished work
becomes the frozen :class:`~dateline.records.Analysis`.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, ClassVar, Protocol

from .errors import PipelineError, Reason
from .records import Analysis, Document, Entity, Event, Mention, Rejection, Sentence, TimeExpression
from .settings import Settings

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc


@dataclass
class ParsedBlock:
    """A block of the document as parsed by spaCy; ``offset`` maps spaCy offsets to Document.text."""

    kind: str
    offset: int
    doc: Doc


@dataclass
class Work:
    """What the stages know about one document so far (internal to the pipeline)."""

    document: Document
    parsed: list[ParsedBlock] = field(default_factory=list)
    sentences: list[Sentence] = field(default_factory=list)
    times: list[TimeExpression] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)

    def freeze(self) -> Analysis:
        return Analysis(
            document=self.document,
            sentences=tuple(self.sentences),
            times=tuple(self.times),
            mentions=tuple(self.mentions),
            entities=tuple(self.entities),
            events=tuple(self.events),
        )


class Stage(Protocol):
    name: ClassVar[str]
    requires: ClassVar[frozenset[str]]
    assigns: ClassVar[frozenset[str]]

    def __call__(self, work: Work) -> None: ...


WARM_BATCHES = 4  # batches analysed outside a memory zone first (they fill spaCy's tokenizer cache)


class Pipeline:
    """An ordered list of stages whose needs are checked when it is built.

    Each batch of documents is analysed inside a spaCy memory zone (``memory_zone``, on by
    default): the strings and lexemes spaCy adds to its vocabulary for the batch are forgotten
    when it ends, so that a long run's memory stays flat.  Every stage that reads the spaCy
    ``Doc`` runs inside the zone and the analyses keep plain values only; nothing spaCy made
    outlives the batch.  The first ``warm_batches`` batches run outside a zone, so that spaCy's
    tokenizer cache (which it does not fill inside a zone, and which holds 10,000 entries at
    most) learns the common words: without it the zones cost ~3 % of the analysis time; the
    strings of those batches stay, a one-off few thousand."""

    def __init__(
        self, nlp: Language, stages: Sequence[Stage], settings: Settings, *,
        memory_zone: bool = True, warm_batches: int = WARM_BATCHES,
    ) -> None:  # fmt: skip
        available = {"document"}
        for stage in stages:
            missing = stage.requires - available
            if missing:
                raise PipelineError(
                    f"stage {stage.name!r} needs {', '.join(sorted(missing))}, which no earlier stage sets"
                )
            available |= stage.assigns
        self.nlp = nlp
        self.stages = tuple(stages)
        self.settings = settings
        self.memory_zone = memory_zone
        self.warm_batches = warm_batches
        self._batches = 0  # batches analysed so far (the first ``warm_batches`` outside a zone)

    @classmethod
    def load(
        cls, settings: Settings | None = None, *, memory_zone: bool = True, warm_batches: int = WARM_BATCHES
    ) -> Pipeline:
        """The standard pipeline: annotate -> time -> entities -> events."""
        from .annotate import AnnotateStage, load_model
        from .entities import EntityStage
        from .events import EventStage
        from .time.stage import TimeStage

        settings = settings or Settings()
        nlp = load_model(settings.spacy_model)
        stages: list[Stage] = [AnnotateStage(nlp), TimeStage(), EntityStage(), EventStage()]
        return cls(nlp, stages, settings, memory_zone=memory_zone, warm_batches=warm_batches)

    def _zone(self) -> AbstractContextManager[object]:
        """Where one batch's spaCy work runs: a memory zone, or nowhere special."""
        warm = self._batches < self.warm_batches
        self._batches += 1
        if not self.memory_zone or warm:
            return nullcontext()
        from .annotate import memory_zone

        return memory_zone(self.nlp)

    def analyse(self, document: Document) -> Analysis:
        """Analyse one document; a failure raises (use :meth:`analyse_many` in batches)."""
        work = Work(document)
        with self._zone():
            try:
                for stage in self.stages:
                    stage(work)
                return work.freeze()
            finally:
                work.parsed.clear()  # spaCy's Docs do not outlive the zone

    def analyse_many(self, documents: Iterable[Document]) -> Iterator[Analysis | Rejection]:
        """Analyse documents in order, batching the spaCy work.

        A document on which a stage fails comes back as a ``pipeline-error`` rejection;
        the others go on.  Results come a batch at a time (all stages of a batch run inside
        its memory zone, and nothing is handed out while the zone is open)."""
        batch: list[Document] = []
        for doc in documents:
            batch.append(doc)
            if len(batch) >= self.settings.batch_size:
                yield from self._analyse_batch(batch)
                batch = []
        if batch:
            yield from self._analyse_batch(batch)

    def _analyse_batch(self, documents: list[Document]) -> list[Analysis | Rejection]:
        batch = [Work(doc) for doc in documents]
        with self._zone():
            _run_batch(self.stages[0], batch)
            results = [self._finish(work) for work in batch]
        return results

    def _finish(self, work: Work) -> Analysis | Rejection:
        """The stages after annotate, then the frozen analysis (plain values only)."""
        try:
            for stage in self.stages[1:]:
                stage(work)
            return work.freeze()
        except Exception as exc:  # one bad document must not stop the batch
            doc = work.document
            return Rejection(
                origin=doc.origin,
                reason=Reason.PIPELINE,
                message=f"{doc.origin}: analysis failed: {type(exc).__name__}: {exc}",
                doc_id=doc.id,
                content_hash=doc.content_hash,
            )
        finally:
            work.parsed.clear()  # spaCy's Docs do not outlive the zone


def _run_batch(stage: Stage, batch: list[Work]) -> None:
    batched = getattr(stage, "run_batch", None)
    if batched is not None:
        batched(batch)
    else:
        for work in batch:
            stage(work)
