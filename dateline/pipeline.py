"""The per-document pipeline: Document -> Analysis.

Stages run in one direction.  Each stage declares what it needs and what it sets (like
spaCy's ``requires``/``assigns``); :class:`Pipeline` refuses to build when a stage needs a
field that no earlier stage sets.  Stages fill a :class:`Work` record; the finished work
becomes the frozen :class:`~dateline.records.Analysis`.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
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


class Pipeline:
    """An ordered list of stages whose needs are checked when it is built."""

    def __init__(self, nlp: Language, stages: Sequence[Stage], settings: Settings) -> None:
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

    @classmethod
    def load(cls, settings: Settings | None = None) -> Pipeline:
        """The standard pipeline: annotate -> time -> entities -> events."""
        from .annotate import AnnotateStage, load_model
        from .entities import EntityStage
        from .events import EventStage
        from .time.stage import TimeStage

        settings = settings or Settings()
        nlp = load_model(settings.spacy_model)
        return cls(nlp, [AnnotateStage(nlp), TimeStage(), EntityStage(), EventStage()], settings)

    def analyse(self, document: Document) -> Analysis:
        """Analyse one document; a failure raises (use :meth:`analyse_many` in batches)."""
        work = Work(document)
        for stage in self.stages:
            stage(work)
        return work.freeze()

    def analyse_many(self, documents: Iterable[Document]) -> Iterator[Analysis | Rejection]:
        """Analyse documents in order, batching the spaCy work.

        A document on which a stage fails comes back as a ``pipeline-error`` rejection;
        the others go on."""
        for work in self._annotated(documents):
            try:
                for stage in self.stages[1:]:
                    stage(work)
                yield work.freeze()
            except Exception as exc:  # one bad document must not stop the batch
                doc = work.document
                yield Rejection(
                    origin=doc.origin,
                    reason=Reason.PIPELINE,
                    message=f"{doc.origin}: analysis failed: {type(exc).__name__}: {exc}",
                    doc_id=doc.id,
                    content_hash=doc.content_hash,
                )

    def _annotated(self, documents: Iterable[Document]) -> Iterator[Work]:
        first = self.stages[0]
        batch: list[Work] = []
        for doc in documents:
            batch.append(Work(doc))
            if len(batch) >= self.settings.batch_size:
                yield from _run_batch(first, batch)
                batch = []
        if batch:
            yield from _run_batch(first, batch)


def _run_batch(stage: Stage, batch: list[Work]) -> Iterator[Work]:
    batched = getattr(stage, "run_batch", None)
    if batched is not None:
        batched(batch)
    else:
        for work in batch:
            stage(work)
    yield from batch
