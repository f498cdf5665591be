"""`parkgraph build` and `parkgraph check`: a corpus in, a graph file (or a validation report) out.

Takes the parsed arguments; gives the exit code (0 built, 3 built with skipped files; check: 0
conforms, 1 does not) after printing the summary, the skipped files or the report.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

from .checks import print_validation


def cmd_build(a: argparse.Namespace) -> int:
    from ..build import BuildOptions, Pipeline
    from ..errors import InputError
    from ..graph.io import graph_format
    from ..progress import Progress

    opts = BuildOptions(use_lexicon=not a.no_lexicon, use_model=not a.no_model, use_rules=not a.no_rules,
                        lexicon_dirs=tuple(a.lexicon) if a.lexicon else None,
                        data_dir=a.data_dir, corrections_dir=a.corrections, max_bytes=a.max_bytes)
    graph_format(a.output)  # fail on a bad ending before the work
    bar = Progress(enabled=False if a.quiet or a.verbose else None)

    def progress(done: int, total: int, path: str) -> None:
        if a.verbose:
            print(f"  [{done}/{total}] {path}", file=sys.stderr)
        bar(done, total, path)

    import os

    jobs = a.jobs or os.cpu_count() or 1
    target = Path(a.output[6:] if a.output.startswith("store:") else a.output)
    cache = None if a.no_cache else (a.cache or str(target.resolve().parent / ".parkgraph-cache"))
    pipeline = Pipeline(opts)
    result = pipeline.build(a.corpus, a.output, progress=progress, strict=a.strict, jobs=jobs, cache_dir=cache,
                            dask=a.dask)
    _report_skipped(result.skipped, a.verbose)
    if not result.n_documents:
        raise InputError(", ".join(a.corpus), "no article could be read; nothing was written")
    if not a.quiet:
        by_class = Counter(e.cls for e in result.entities.values())
        print(f"built {a.output}: {result.n_documents} documents, {len(result.entities)} entities, "
              f"{result.n_relations} relation facts, {result.n_observations} observations, {result.n_quads} quads, "
              f"{result.size:,} bytes in {result.seconds:.2f} s"
              f"{' (no lexicon)' if a.no_lexicon else ''}")
        print("  entities: " + ", ".join(f"{c} {n}" for c, n in by_class.most_common()))
        if a.verbose:
            print("  steps: " + ", ".join(f"{k} {v:.1f} s" for k, v in result.timings.items())
                  + f"; {result.redone} documents redone with short names from other documents")
        if pipeline.last_cache is not None and result.reused:
            n = result.n_documents
            print(f"  cache: {result.reused} of {n} documents unchanged, {n - result.reused} processed"
                  + (f"; {result.copied} graphs copied from the previous output" if result.copied else ""))
    return 3 if result.skipped else 0


def _report_skipped(skipped, verbose: bool) -> None:
    """Warnings summarised: one line of counts, and up to five examples (all with -v)."""
    if not skipped:
        return
    reasons = Counter(s.reason.split(" (")[0] if not s.reason.startswith("duplicate") else "duplicate"
                      for s in skipped)
    print(f"parkgraph build: skipped {len(skipped)} file{'s' if len(skipped) > 1 else ''}: "
          + ", ".join(f"{n} {r}" for r, n in reasons.most_common()), file=sys.stderr)
    shown = skipped if verbose else skipped[:5]
    for s in shown:
        print(f"  {s.path}: {s.reason}", file=sys.stderr)
    if len(shown) < len(skipped):
        print(f"  … and {len(skipped) - len(shown)} more (-v lists all)", file=sys.stderr)


def cmd_check(a: argparse.Namespace) -> int:
    import pyoxigraph as ox

    from ..build import BuildOptions, Pipeline
    from ..graph.validate import validate_store

    result = Pipeline(BuildOptions(use_lexicon=not a.no_lexicon, use_model=not a.no_model)).build(a.corpus)
    store = ox.Store()
    store.extend(result.quads)
    report = validate_store(store, documents=result.documents)
    print_validation(report, a.format)
    if a.format == "text":
        print(f"checked {len(result.documents)} documents, {len(result.entities)} entities")
    return 0 if report.conforms(a.fail_on) else 1
