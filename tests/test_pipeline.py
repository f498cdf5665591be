"""`parkgraph.pipeline` is a compatibility module: the names imported from it before the build
moved to `parkgraph.build` are the same objects."""

import parkgraph.build as build_pkg
import parkgraph.pipeline as compat
from parkgraph.build.executor import Executor
from parkgraph.build.stages import slim


def test_pipeline_module_reexports_the_build():
    for name in ("BuildOptions", "BuildResult", "Pipeline", "build"):
        assert getattr(compat, name) is getattr(build_pkg, name)
    assert compat.Executor is Executor and compat.slim is slim


def test_pipeline_keeps_the_per_document_stages():
    p = compat.Pipeline(compat.BuildOptions(use_lexicon=False))
    for stage in ("recognize_document", "extract_document", "add_short_names", "process_document", "resolve",
                  "resolve_table", "build"):
        assert callable(getattr(p, stage))
