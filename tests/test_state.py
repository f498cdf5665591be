"""Issue 4: a rebuild from the state of the previous build copies unchanged documents' graphs
from the old output, and gives the very bytes a full build gives."""

import shutil
import sys
from pathlib import Path

import pytest

from parkgraph.build import BuildOptions, Pipeline
from parkgraph.build.state import load_state, state_path

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture()
def work(tmp_path):
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from make_corpus import main as make

    make(["24", str(tmp_path / "corpus"), "--seed", "5"])
    return tmp_path


def build(work: Path, **kw):
    return Pipeline(BuildOptions()).build([work / "corpus"], work / "g.nq", cache_dir=work / "cache", **kw)


def assert_same_as_full_build(work: Path) -> None:
    Pipeline(BuildOptions()).build([work / "corpus"], work / "full.nq")
    assert (work / "g.nq").read_bytes() == (work / "full.nq").read_bytes()


def articles(work: Path) -> list[Path]:
    return sorted((work / "corpus").rglob("a*.txt"))


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_state_rebuild_after_a_figure_changed_copies_every_other_graph(work):
    first = build(work)
    assert first.copied == 0 and load_state(work / "cache", work / "g.nq", Pipeline().version()) is not None
    edit(articles(work)[5], "同比增长", "增长")
    second = build(work)
    assert second.copied == first.n_documents - 1
    assert "short names across documents" not in second.timings  # the corpus was not scanned again
    assert second.n_relations == first.n_relations and second.n_quads == first.n_quads
    assert_same_as_full_build(work)


def test_state_rebuild_with_changed_entities_resolves_again(work):
    first = build(work)
    target = articles(work)[2]
    target.write_text(target.read_text(encoding="utf-8")
                      + "\n西湖大学与浙江大学共建量子计算联合实验室。\n", encoding="utf-8")
    second = build(work)
    assert 0 < second.copied < first.n_documents
    assert len(second.entities) > len(first.entities)
    assert_same_as_full_build(work)


def test_state_rebuild_after_articles_removed_and_added(work):
    build(work)
    gone = articles(work)[7]
    gone.unlink()
    assert build(work).copied > 0
    assert_same_as_full_build(work)
    shutil.copy(ROOT / "tests" / "data" / "unseen" / "wuhan.txt", work / "corpus" / "wuhan.txt")
    build(work)  # new short company names: other articles are scanned again, a full build
    assert_same_as_full_build(work)
    assert build(work).copied == len(articles(work)) + 1  # nothing changed: everything copied


def test_state_output_changed_by_hand_is_built_again(work):
    build(work)
    with (work / "g.nq").open("ab") as fh:
        fh.write(b"<urn:x> <urn:y> <urn:z> .\n")
    assert load_state(work / "cache", work / "g.nq", Pipeline().version()) is None
    assert build(work).copied == 0
    assert_same_as_full_build(work)


def test_state_unreadable_state_means_a_full_build(work):
    build(work)
    state_path(work / "cache", work / "g.nq").write_bytes(b"not a state")
    assert build(work).copied == 0
    assert_same_as_full_build(work)


def test_state_parallel_rebuild_gives_the_same_bytes(work):
    build(work, jobs=2)
    edit(articles(work)[1], "同比增长", "增长")
    assert build(work, jobs=2).copied == len(articles(work)) - 1
    assert_same_as_full_build(work)
