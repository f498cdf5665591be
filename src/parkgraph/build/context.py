"""What the steps of one build share (`Context`), and what a build gives (`BuildResult`).

`Context` holds the stages, the executor, the spill, the cache, the output writer and the state
to leave for the next build; the steps in `documents.py` and `graphs.py` take it, and so do the
full build (`corpus.py`) and the incremental one (`rebuild.py`) that put those steps together.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field

from rdflib import Dataset

from ..document import Document
from ..extract.resolve import Entity
from ..graph.rdf import GraphWriter, quads_to_dataset
from ..read.sources import Skipped
from .cache import DocCache
from .executor import Executor
from .spill import Spill
from .stages import Stages
from .state import BuildState


@dataclass
class Context:
    stages: Stages
    ex: Executor
    spill: Spill                   # processed documents wait here between the steps
    cache: DocCache | None
    writer: GraphWriter
    state: BuildState | None       # filled in for the next build of an N-Quads output
    keep: bool                     # the result keeps the documents (an in-memory build)


@dataclass
class BuildResult:
    """A finished build. `documents` (with entity keys on their facts) and `quads` are kept only
    for an in-memory build (`output=None`, or `keep_documents`); a build to a file or store
    keeps counts, never the corpus."""

    entities: dict[str, Entity]
    seconds: float
    documents: list[Document] = field(default_factory=list)
    quads: list = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    n_documents: int = 0
    n_relations: int = 0
    n_observations: int = 0
    n_quads: int = 0
    size: int = 0
    reused: int = 0        # documents taken from the cache as they were
    redone: int = 0        # documents processed again with short names from other documents
    copied: int = 0        # documents whose graph was copied from the previous output
    timings: dict[str, float] = field(default_factory=dict)  # seconds per step
    _dataset: Dataset | None = None

    @property
    def dataset(self) -> Dataset:
        """The graph as an rdflib Dataset, made on first use (pyshacl and tests need it)."""
        if self._dataset is None:
            self._dataset = quads_to_dataset(self.quads)
        return self._dataset


class Laps:
    """Seconds spent in each step of a build (shown by `build -v`)."""

    def __init__(self) -> None:
        self.laps: dict[str, float] = {}
        self._last = time.perf_counter()

    def lap(self, name: str) -> None:
        now = time.perf_counter()
        self.laps[name] = self.laps.get(name, 0.0) + now - self._last
        self._last = now
