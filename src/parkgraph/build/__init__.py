"""The build: files in, a contract-conformant RDF dataset out (docs/architecture.md).

The data flow, and the module that owns each step:

    files ─ read_documents ─▶ Document ─ Stages.process_document ─▶ Extracted ─▶ spill
        (documents.py)          (stages.py, run by tasks.py on executor.py's workers)
    spill ─ take_short_names ─▶ documents that take other documents' short names, again
        (documents.py)            and the corpus's FormTable, the form tables added up
    FormTable ─ Stages.resolve_table ─▶ entities, form → entity key
    spill + resolution ─ make_graphs ─▶ each document's N-Quads ─ write_graph ─▶ output
        (graphs.py; graph_task in tasks.py)

`corpus.py` runs these steps over the whole corpus; `rebuild.py` runs the documents' steps on
changed documents only, takes their old form tables out of the previous build's table, and
copies unchanged documents' graphs from the previous output (`state.py`). `pipeline.py` picks
one of the two and puts the output in place. Per-document work runs in this process, on forked
workers (which read the spill and write part files themselves: `spill.py`) or on Dask, and
unchanged documents come from `cache.py`; only resolution sees the whole corpus, and memory
holds its table of names, never the corpus.
"""

from .context import BuildResult
from .pipeline import Pipeline, build
from .stages import BuildOptions

__all__ = ["BuildOptions", "BuildResult", "Pipeline", "build"]
