"""`parkgraph validate` and `parkgraph eval`: a graph checked against the shapes, or scored against a gold file.

Takes the parsed arguments; gives the exit code (0 conforms / every floor met, 1 not) after
printing the validation report or the scores.
"""

from __future__ import annotations

import argparse
from pathlib import Path


def print_validation(report, fmt: str) -> None:
    from ..graph.validate import format_json, format_text, format_turtle

    print({"text": format_text, "json": format_json, "turtle": format_turtle}[fmt](report))


def cmd_validate(a: argparse.Namespace) -> int:
    from ..graph.query import open_store
    from ..graph.validate import validate_store

    store = open_store(a.graph)
    corpus = [Path(d) for d in a.corpus] if a.corpus else None
    report = validate_store(store, a.shapes, corpus_dirs=corpus, engine=a.engine)
    print_validation(report, a.format)
    return 0 if report.conforms(a.fail_on) else 1


def cmd_eval(a: argparse.Namespace) -> int:
    import json

    from ..evaluate import evaluate, format_report, load_gold
    from ..graph.io import load_graph

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
