"""Shared fixtures: the sample corpus built once per test session, with and without lexicon."""

from __future__ import annotations

from pathlib import Path

import pytest

from parkgraph.build import BuildOptions, Pipeline
from parkgraph.document import Document

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "data" / "corpus"
GOLD = ROOT / "tests" / "data" / "sample-corpus.gold.json"
SHARED = ROOT.parent / "shared"


@pytest.fixture(scope="session")
def pipeline() -> Pipeline:
    return Pipeline(BuildOptions())


@pytest.fixture(scope="session")
def rules_pipeline() -> Pipeline:
    return Pipeline(BuildOptions(use_lexicon=False))


@pytest.fixture(scope="session")
def sample_build(pipeline):
    return pipeline.build([CORPUS])


@pytest.fixture(scope="session")
def sample_build_rules(rules_pipeline):
    return rules_pipeline.build([CORPUS])


@pytest.fixture(scope="session")
def sample_graph_file(tmp_path_factory, sample_build) -> Path:
    from parkgraph.graph.rdf import write_dataset

    out = tmp_path_factory.mktemp("graph") / "graph.trig"
    write_dataset(sample_build.dataset, out)
    return out


def process(pipeline: Pipeline, text: str, path: str = "t.txt") -> Document:
    """Runs the per-document stages on a text."""
    return pipeline.process_document(Document(path, text))


def names(doc: Document, cls: str | None = None) -> set[str]:
    return {m.name for m in doc.mentions if not m.is_reference and (cls is None or m.cls == cls)}


def assert_scored(mode: str, scored: tuple, floors: dict) -> None:
    """Precision and recall of an unseen set of our own at least its floors, with the misses listed."""
    tp, npred, nexp, misses, wrong = scored
    precision, recall = tp / max(npred, 1), tp / max(nexp, 1)
    report = (f"{mode}: P {precision:.3f} R {recall:.3f} ({tp}/{npred} predicted, {tp}/{nexp} expected)\n"
              "missed:\n  " + "\n  ".join(misses) + "\nwrong:\n  " + "\n  ".join(wrong))
    floor_p, floor_r = floors[mode]
    assert precision >= floor_p and recall >= floor_r, report
