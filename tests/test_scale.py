"""Scale: parallel, distributed and incremental builds give the same graph as a plain build."""

import shutil
import sys
from pathlib import Path

import pytest
from rdflib.compare import isomorphic

from parkgraph.build import BuildOptions, Pipeline
from parkgraph.cli import main
from parkgraph.graph.rdf import union_graph

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    out = tmp_path_factory.mktemp("bench")
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from make_corpus import main as make

    make(["24", str(out), "--seed", "3"])
    shutil.copy(ROOT / "tests" / "data" / "unseen" / "suzhou.txt", out / "suzhou.txt")
    return out


@pytest.fixture(scope="module")
def serial(corpus):
    return Pipeline(BuildOptions()).build([corpus], jobs=1)


def test_scale_generated_corpus_is_deterministic_and_realistic(corpus, tmp_path):
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from make_corpus import main as make

    make(["24", str(tmp_path), "--seed", "3"])
    a = sorted(p.read_text(encoding="utf-8") for p in corpus.rglob("a*.txt"))
    b = sorted(p.read_text(encoding="utf-8") for p in tmp_path.rglob("a*.txt"))
    assert a == b and len(a) == 24
    assert sum(map(len, a)) / len(a) > 1500


def test_scale_jobs_2_is_isomorphic_to_jobs_1(corpus, serial):
    parallel = Pipeline(BuildOptions()).build([corpus], jobs=2)
    assert isomorphic(union_graph(parallel.dataset), union_graph(serial.dataset))


def test_scale_dask_local_cluster_is_isomorphic(corpus, serial):
    distributed = pytest.importorskip("distributed")
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cl:
        result = Pipeline(BuildOptions()).build([corpus], dask=cl.scheduler_address)
    assert isomorphic(union_graph(result.dataset), union_graph(serial.dataset))


def test_scale_incremental_rebuild_redoes_only_the_changed_article(corpus, serial, tmp_path):
    work = tmp_path / "corpus"
    shutil.copytree(corpus, work)
    cache = tmp_path / "cache"
    p = Pipeline(BuildOptions())
    first = p.build([work], cache_dir=cache)
    assert p.last_cache.hits == 0
    changed = sorted(work.rglob("a*.txt"))[5]
    changed.write_text(changed.read_text(encoding="utf-8").replace("同比增长", "增长", 1), encoding="utf-8")
    p2 = Pipeline(BuildOptions())
    second = p2.build([work], cache_dir=cache)
    assert p2.last_cache.misses == 1  # only the changed article was extracted again
    assert p2.last_cache.hits >= len(first.documents) - 1
    assert len(second.documents) == len(first.documents)
    # and a cached build of the original corpus is the same graph as an uncached one
    p3 = Pipeline(BuildOptions())
    again = p3.build([corpus], cache_dir=tmp_path / "cache2")
    again = p3.build([corpus], cache_dir=tmp_path / "cache2")
    assert p3.last_cache.misses == 0
    assert p3.last_cache.graph_hits == again.n_documents  # and every document's graph was reused
    assert isomorphic(union_graph(again.dataset), union_graph(serial.dataset))


def test_scale_rebuild_reuses_the_graphs_of_documents_whose_entities_did_not_change(corpus, tmp_path):
    work = tmp_path / "corpus"
    shutil.copytree(corpus, work)
    cache = tmp_path / "cache"
    Pipeline(BuildOptions()).build([work], tmp_path / "a.nq", cache_dir=cache)
    changed = sorted(work.rglob("a*.txt"))[3]
    changed.write_text(changed.read_text(encoding="utf-8") + "\n该园区2025年实现营业收入12亿元。\n", encoding="utf-8")
    p = Pipeline(BuildOptions())
    result = p.build([work], tmp_path / "b.nq", cache_dir=cache)
    assert p.last_cache.misses == 1
    assert result.n_documents - 3 <= p.last_cache.graph_hits < result.n_documents
    Pipeline(BuildOptions()).build([work], tmp_path / "c.nq")
    assert sorted((tmp_path / "b.nq").read_text().splitlines()) == sorted((tmp_path / "c.nq").read_text().splitlines())


def test_scale_a_build_to_a_file_keeps_counts_not_the_corpus(corpus, serial, tmp_path):
    result = Pipeline(BuildOptions()).build([corpus], tmp_path / "g.nq", jobs=2)
    assert result.documents == [] and result.quads == []
    assert result.n_documents == len(serial.documents)
    assert result.n_quads == len(serial.quads) == len((tmp_path / "g.nq").read_text().splitlines())
    assert result.n_relations == sum(len(d.relations) for d in serial.documents)


def test_scale_cache_changes_with_rules(corpus, tmp_path):
    data = tmp_path / "data"
    shutil.copytree(ROOT / "data", data, ignore=shutil.ignore_patterns("corpus"))
    a = Pipeline(BuildOptions(data_dir=str(data))).version()
    with (data / "patterns" / "titles.txt").open("a", encoding="utf-8") as fh:
        fh.write("监事\n")
    b = Pipeline(BuildOptions(data_dir=str(data))).version()
    assert a != b


def test_scale_cli_jobs_and_cache(corpus, tmp_path, capsys):
    out = tmp_path / "g.nq"
    assert main(["build", str(corpus), "-o", str(out), "-j", "2"]) == 0
    assert main(["build", str(corpus), "-o", str(out), "-j", "2"]) == 0
    assert "cache: 25 of 25 documents unchanged, 0 processed" in capsys.readouterr().out
    assert main(["build", str(corpus), "-o", str(out), "--no-cache"]) == 0
    assert "cache:" not in capsys.readouterr().out


def test_scale_store_target_serves_every_reader(tmp_path, capsys):
    from conftest import CORPUS

    store = tmp_path / "store"
    assert main(["build", str(CORPUS), "-o", f"store:{store}", "--no-cache"]) == 0
    assert store.is_dir()
    assert main(["query", "compare-parks", str(store), "--format", "csv"]) == 0
    assert "杭州高新区（滨江）,Park,246790000000" in capsys.readouterr().out
    assert main(["stats", f"store:{store}"]) == 0 and "5 documents" in capsys.readouterr().out
    assert main(["explain", str(store), "宇树科技"]) == 0
    assert main(["export", str(store), "-o", str(tmp_path / "g.gexf")]) == 0
    # a rebuild replaces the store as a whole
    assert main(["build", str(CORPUS), "-o", f"store:{store}", "--no-cache", "--no-lexicon"]) == 0
    assert main(["query", "graph-summary", str(store)]) == 0
    assert main(["query", "graph-summary", f"store:{tmp_path / 'missing'}"]) == 2


def test_scale_second_pass_with_short_names_equals_processing_again(pipeline):
    """Issue 4: a document that uses a short company name learnt from another document gets the
    name added to its processed state, which must be the same as processing it again."""
    import pickle

    from parkgraph.build.stages import slim
    from parkgraph.document import Document

    text = ("苏州工业园区管委会主任张明表示，鼎川联合与苏州大学共建的联合实验室落户园区。\n"
            "鼎川联合2024年实现营业收入12亿元，同比增长15%。\n")
    extra = frozenset({"鼎川联合"})
    again = pipeline.process_document(Document("b.txt", text), extra)
    first = slim(pipeline.process_document(Document("b.txt", text)))
    added = pipeline.add_short_names(pickle.loads(pickle.dumps(first)), extra)

    def facts(d):
        return (sorted((m.start, m.end, m.cls) for m in d.mentions),
                sorted((f.subject.text, f.predicate, getattr(f.object, "text", f.object)) for f in d.relations),
                sorted((f.entity.text, f.indicator, f.value) for f in d.observations),
                sorted((m.start, m.end) for m in d.nested))

    assert not any(m.text == "鼎川联合" for m in first.mentions)
    assert any(m.text == "鼎川联合" for m in added.mentions)
    assert facts(added) == facts(again)


def test_scale_workers_write_graphs_to_part_files_and_leave_nothing_behind(corpus, tmp_path):
    """Issue 4: with --jobs 2 the workers append graphs to part files that the main process
    copies in order; the output is the same bytes as --jobs 1 and no part file is left."""
    Pipeline(BuildOptions()).build([corpus], tmp_path / "one" / "g.nq", jobs=1)
    Pipeline(BuildOptions()).build([corpus], tmp_path / "two" / "g.nq", jobs=2)
    assert (tmp_path / "one" / "g.nq").read_bytes() == (tmp_path / "two" / "g.nq").read_bytes()
    assert [p.name for p in (tmp_path / "two").iterdir()] == ["g.nq"]
