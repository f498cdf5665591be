"""The command line: a thin layer over the pipeline, validation, queries and export.

Exit codes: 0 success; 1 the graph does not conform / a quality floor is not met; 2 a usage
error or a problem with an input (named in the message, no traceback).
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter
from pathlib import Path

from . import __version__
from .errors import ParkgraphError

EXAMPLES = {
    "build": "examples:\n  parkgraph build data/corpus -o out/graph.ttl\n"
             "  parkgraph build a.txt b.md -o out/graph.trig --no-lexicon\n"
             "  parkgraph build data/corpus -o out/graph.ttl --lexicon my/lexicon/",
    "eval": "examples:\n  parkgraph eval out/graph.ttl tests/data/sample-corpus.gold.json --errors\n"
            "  parkgraph eval out/graph.ttl gold.json --min-entity-f1 0.9",
}


def _parser() -> argparse.ArgumentParser:
    ap = argparse.ArgumentParser(prog="parkgraph", description=__doc__.splitlines()[0],
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--version", action="version", version=f"parkgraph {__version__}")
    sub = ap.add_subparsers(dest="command", required=True, metavar="COMMAND")

    b = sub.add_parser("build", help="build a knowledge graph from articles",
                       description="Build a knowledge graph from Chinese articles (files or folders of "
                                   ".txt/.md). The output format follows OUT's ending: .ttl .trig .nq .nt .jsonld.",
                       epilog=EXAMPLES["build"], formatter_class=argparse.RawDescriptionHelpFormatter)
    b.add_argument("corpus", nargs="+", help="files or folders of articles")
    b.add_argument("-o", "--output", required=True, help="graph file to write")
    b.add_argument("--no-lexicon", action="store_true", help="rules only: do not use the entity lexicon")
    b.add_argument("--lexicon", action="append", metavar="DIR",
                   help="lexicon directory or file (JSONL); repeatable; default data/lexicon")
    b.add_argument("--corrections", metavar="DIR", help="corrections directory (default data/corrections)")
    b.add_argument("--data-dir", metavar="DIR", help="rule data directory (default: the project's data/)")
    b.add_argument("-q", "--quiet", action="store_true", help="print nothing but errors")

    e = sub.add_parser("eval", help="score a graph against a gold annotation",
                       description="Precision, recall and F1 of GRAPH against GOLD.json, as the graph "
                                   "contract's matching rules define them.",
                       epilog=EXAMPLES["eval"], formatter_class=argparse.RawDescriptionHelpFormatter)
    e.add_argument("graph")
    e.add_argument("gold")
    e.add_argument("--errors", action="store_true", help="list every false positive and false negative")
    e.add_argument("--json", metavar="OUT", help="write the full report as JSON")
    for name in ("entity", "relation", "observation"):
        e.add_argument(f"--min-{name}-f1", type=float, metavar="X", help=f"exit 1 when {name} F1 is below X")
    return ap


def cmd_build(a: argparse.Namespace) -> int:
    from .pipeline import BuildOptions, Pipeline
    from .rdf import write_dataset

    opts = BuildOptions(use_lexicon=not a.no_lexicon, lexicon_dirs=tuple(a.lexicon) if a.lexicon else None,
                        data_dir=a.data_dir, corrections_dir=a.corrections)
    from .rdf import graph_format

    graph_format(a.output)  # fail on a bad ending before the work
    result = Pipeline(opts).build(a.corpus)
    t0 = time.perf_counter()
    size = write_dataset(result.dataset, a.output)
    if not a.quiet:
        by_class = Counter(e.cls for e in result.entities.values())
        rels = sum(len(d.relations) for d in result.documents)
        obs = sum(len(d.observations) for d in result.documents)
        print(f"built {a.output}: {len(result.documents)} documents, {len(result.entities)} entities, "
              f"{rels} relation facts, {obs} observations, {len(result.dataset)} triples, {size:,} bytes "
              f"in {result.seconds + time.perf_counter() - t0:.2f} s"
              f"{' (no lexicon)' if a.no_lexicon else ''}")
        print("  entities: " + ", ".join(f"{c} {n}" for c, n in by_class.most_common()))
    return 0


def cmd_eval(a: argparse.Namespace) -> int:
    import json

    from .evaluate import evaluate, format_report, load_gold
    from .rdf import load_graph

    report = evaluate(load_graph(a.graph), load_gold(a.gold))
    print(format_report(report, a.errors))
    if a.json:
        Path(a.json).write_text(json.dumps(report, ensure_ascii=False, indent=1), encoding="utf-8")
    ok = True
    for name, key in (("entity", "entity_core"), ("relation", "relation_all"), ("observation", "observation_all")):
        need = getattr(a, f"min_{name}_f1")
        if need is not None and report[key]["f1"] < need:
            print(f"{name} F1 {report[key]['f1']:.3f} is below {need}")
            ok = False
    print(f"entity_f1={report['entity_core']['f1']:.3f} relation_f1={report['relation_all']['f1']:.3f} "
          f"observation_f1={report['observation_all']['f1']:.3f}")
    return 0 if ok else 1


COMMANDS = {"build": cmd_build, "eval": cmd_eval}


def main(argv: list[str] | None = None) -> int:
    ap = _parser()
    a = ap.parse_args(argv)
    try:
        return COMMANDS[a.command](a)
    except ParkgraphError as e:
        print(f"parkgraph {a.command}: {e}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
