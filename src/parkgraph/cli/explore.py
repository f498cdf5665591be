"""`parkgraph query`, `export`, `stats`, `explain` and `report`: what is done with a built graph.

Takes the parsed arguments; gives the exit code (0 done, 1 nothing found, 2 a bad argument)
after printing the rows, statistics or facts, or writing the export or the HTML report.
"""

from __future__ import annotations

import argparse
import sys


def cmd_query(a: argparse.Namespace) -> int:
    from ..graph.query import format_rows, list_queries, load_query, open_store, run_query

    if a.list:
        for q in list_queries():
            params = ", ".join(f"{n}={d}" for n, (d, _) in q.params.items())
            print(f"{q.name:<24} {q.description}" + (f"  [{params}]" if params else ""))
        return 0
    if not a.query or not a.graph:
        print("parkgraph query: give QUERY and GRAPH, or --list", file=sys.stderr)
        return 2
    values = {}
    for p in a.param:
        if "=" not in p:
            print(f"parkgraph query: --param takes NAME=VALUE, not {p!r}", file=sys.stderr)
            return 2
        k, v = p.split("=", 1)
        values[k.strip()] = v
    q = load_query(a.query)
    names, rows = run_query(open_store(a.graph), q, values)
    print(format_rows(names, rows, a.format))
    return 0


def cmd_export(a: argparse.Namespace) -> int:
    from ..graph.export import summary, to_networkx, write_graph
    from ..graph.query import open_store
    from ..graph.vocab import ENTITY_CLASSES

    for cls in (a.classes or []) + (a.exclude_classes or []):
        if cls not in ENTITY_CLASSES:
            print(f"parkgraph export: unknown class {cls!r}; classes: {', '.join(ENTITY_CLASSES)}", file=sys.stderr)
            return 2
    g = to_networkx(open_store(a.graph), set(a.classes or []), set(a.exclude_classes or []), a.observations)
    write_graph(g, a.output)
    print(f"wrote {a.output}: {summary(g)}")
    return 0


def cmd_stats(a: argparse.Namespace) -> int:
    import json

    from ..graph.query import open_store
    from ..inspect import format_stats, stats

    s = stats(open_store(a.graph), a.top)
    print(json.dumps(s, ensure_ascii=False, indent=1) if a.format == "json" else format_stats(s))
    return 0


def cmd_explain(a: argparse.Namespace) -> int:
    import json

    from ..graph.query import open_store
    from ..inspect import explain, find_entities, format_explain, suggest

    store = open_store(a.graph)
    hits = find_entities(store, a.name)
    if not hits:
        close = suggest(store, a.name)
        print(f"parkgraph explain: no entity is called {a.name!r}"
              + (f"; did you mean: {'、'.join(close)}?" if close else ""), file=sys.stderr)
        return 1
    out = [explain(store, h["iri"]) for h in hits]
    if a.format == "json":
        print(json.dumps(out, ensure_ascii=False, indent=1))
    else:
        print("\n\n".join(format_explain(x) for x in out))
    return 0


def cmd_report(a: argparse.Namespace) -> int:
    from ..graph.query import open_store
    from ..report import find_cytoscape, write_report

    js = find_cytoscape(a.cytoscape)
    size = write_report(open_store(a.graph), a.output, js, a.title)
    print(f"wrote {a.output} ({size:,} bytes): open it in a browser")
    return 0
