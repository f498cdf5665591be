"""`parkgraph stats` and `parkgraph explain`: what a graph holds, and everything it knows about one entity.

Takes an Oxigraph store (a graph file loaded with `query.open_store`); gives plain dicts that the
CLI prints and the HTML report reuses. Everything is SPARQL, so it stays fast on large stores.
"""

from __future__ import annotations

import difflib
import unicodedata

import pyoxigraph as ox

from .extract.resolve import norm_label
from .graph.vocab import RELATIONS

P = """PREFIX pg: <https://w3id.org/parkgraph/ontology#>
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX prov: <http://www.w3.org/ns/prov#>
"""
REL_FILTER = "FILTER(?p IN (" + ", ".join(f"pg:{r}" for r in RELATIONS) + "))"


def _q(store: ox.Store, query: str) -> list[dict[str, str]]:
    res = store.query(P + query, use_default_graph_as_union=True)
    names = [v.value for v in res.variables]
    return [{n: (sol[n].value if sol[n] is not None else "") for n in names} for sol in res]


def _local(iri: str) -> str:
    return iri.rsplit("#", 1)[-1]


def stats(store: ox.Store, top: int = 10) -> dict:
    classes = {_local(r["c"]): int(r["n"]) for r in _q(store, """
        SELECT ?c (COUNT(DISTINCT ?e) AS ?n) WHERE { ?e a ?c ; pg:mentionCount ?m . } GROUP BY ?c""")}
    relations = {_local(r["p"]): int(r["n"]) for r in _q(store, f"""
        SELECT ?p (COUNT(*) AS ?n) WHERE {{ ?s ?p ?o . {REL_FILTER} }} GROUP BY ?p""")}
    indicators = {_local(r["i"]): int(r["n"]) for r in _q(store, """
        SELECT ?i (COUNT(?o) AS ?n) WHERE { ?o a pg:Observation ; pg:indicator ?i . } GROUP BY ?i""")}
    documents = int(_q(store, "SELECT (COUNT(?d) AS ?n) WHERE { ?d a pg:Document . }")[0]["n"])
    connected = [(r["label"], _local(r["c"]), int(r["n"])) for r in _q(store, f"""
        SELECT ?label ?c (COUNT(*) AS ?n) WHERE {{
          {{ ?e ?p ?x . {REL_FILTER} }} UNION {{ ?x ?p ?e . {REL_FILTER} }}
          ?e rdfs:label ?label ; a ?c . FILTER(STRSTARTS(STR(?c), STR(pg:)))
        }} GROUP BY ?e ?label ?c ORDER BY DESC(?n) ?label LIMIT {top}""")]
    sources = _q(store, f"""
        SELECT (COUNT(*) AS ?facts) (SUM(IF(?docs > 1, 1, 0)) AS ?multi) WHERE {{
          SELECT ?s ?p ?o (COUNT(DISTINCT ?d) AS ?docs) WHERE {{
            ?s ?p ?o . {REL_FILTER}
            OPTIONAL {{ ?ev rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o ; prov:wasDerivedFrom ?d . }}
          }} GROUP BY ?s ?p ?o }}""")[0]
    facts = int(sources["facts"] or 0)
    multi = int(sources["multi"] or 0)
    return {"documents": documents, "entities": sum(classes.values()), "classes": classes,
            "relation_triples": sum(relations.values()), "relations": relations,
            "observations": sum(indicators.values()), "indicators": indicators,
            "most_connected": connected, "facts": facts, "multi_source_facts": multi,
            "multi_source_share": multi / facts if facts else 0.0}


def format_stats(s: dict) -> str:
    def block(title: str, counts: dict) -> list[str]:
        out = [title]
        for k, v in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])):
            out.append(f"  {k:<28}{v:>8,}")
        return out

    lines = [f"{s['documents']:,} documents, {s['entities']:,} entities, {s['relation_triples']:,} relation triples, "
             f"{s['observations']:,} observations"]
    lines += block("entities by class", s["classes"])
    lines += block("relations by property", s["relations"])
    lines += block("observations by indicator", s["indicators"])
    lines.append("most connected")
    for label, cls, n in s["most_connected"]:
        lines.append(f"  {label}  [{cls}]{n:>8,}")
    lines.append(f"facts with more than one source: {s['multi_source_facts']:,} of {s['facts']:,} "
                 f"({100 * s['multi_source_share']:.1f} %)")
    return "\n".join(lines)


def find_entities(store: ox.Store, name: str) -> list[dict]:
    target = norm_label(name)
    rows = _q(store, """SELECT ?e ?c ?label ?alt WHERE {
        ?e a ?c ; rdfs:label ?label ; pg:mentionCount ?m . OPTIONAL { ?e skos:altLabel ?alt . } }""")
    hits = {}
    for r in rows:
        if target in (norm_label(r["label"]), norm_label(r["alt"]) if r["alt"] else None):
            hits[r["e"]] = {"iri": r["e"], "class": _local(r["c"]), "label": r["label"]}
    return list(hits.values())


def suggest(store: ox.Store, name: str, n: int = 5) -> list[str]:
    labels = {r["l"] for r in _q(store, "SELECT DISTINCT ?l WHERE { ?e pg:mentionCount ?m . "
                                        "{ ?e rdfs:label ?l } UNION { ?e skos:altLabel ?l } }")}
    key = norm_label(name)
    containing = sorted((lab for lab in labels if key and (key in norm_label(lab) or norm_label(lab) in key)),
                        key=lambda lab: (abs(len(lab) - len(name)), lab))
    close = difflib.get_close_matches(name, sorted(labels), n=n, cutoff=0.5)
    out: list[str] = []
    for lab in containing + close:
        if lab not in out:
            out.append(lab)
    return out[:n]


def explain(store: ox.Store, iri: str) -> dict:
    e = f"<{iri}>"
    head = _q(store, f"""SELECT ?label ?c ?m WHERE {{ {e} rdfs:label ?label ; a ?c ; pg:mentionCount ?m .
                         FILTER(STRSTARTS(STR(?c), STR(pg:))) }}""")[0]
    aliases = sorted(r["a"] for r in _q(store, f"SELECT ?a WHERE {{ {e} skos:altLabel ?a }}"))
    documents = sorted(r["f"] for r in _q(store, f"SELECT ?f WHERE {{ {e} pg:mentionedIn ?d . ?d pg:sourceFile ?f }}"))
    recognisers = sorted(r["r"] for r in _q(store, f"SELECT ?r WHERE {{ {e} pg:recognizedBy ?r }}"))
    facts = _q(store, f"""
        SELECT ?dir ?p ?other ?otherLabel ?sentence ?file ?extractor ?conf WHERE {{
          {{ ?ev rdf:subject {e} ; rdf:object ?other . BIND("out" AS ?dir) }}
          UNION {{ ?ev rdf:object {e} ; rdf:subject ?other . BIND("in" AS ?dir) }}
          ?ev a rdf:Statement ; rdf:predicate ?p ; pg:evidenceText ?sentence ; pg:extractor ?extractor ;
              pg:confidence ?conf ; prov:wasDerivedFrom ?d . ?d pg:sourceFile ?file .
          FILTER(?p != pg:value)
          OPTIONAL {{ ?other rdfs:label ?ol . }}
          BIND(COALESCE(?ol, STR(?other)) AS ?otherLabel)
        }} ORDER BY ?p ?dir ?otherLabel ?file""")
    observations = _q(store, f"""
        SELECT ?ind ?year ?value ?unit ?growth ?sentence ?file WHERE {{
          ?o pg:observedEntity {e} ; pg:indicator ?ind ; pg:value ?value ; pg:unit ?unit .
          OPTIONAL {{ ?o pg:year ?year . }} OPTIONAL {{ ?o pg:growthRate ?growth . }}
          OPTIONAL {{ ?ev rdf:subject ?o ; pg:evidenceText ?sentence ; prov:wasDerivedFrom ?d .
                      ?d pg:sourceFile ?file . }}
        }} ORDER BY ?ind ?year""")
    return {"iri": iri, "label": head["label"], "class": _local(head["c"]), "mentions": int(head["m"]),
            "aliases": aliases, "documents": documents, "recognized_by": recognisers,
            "facts": [{"direction": f["dir"], "property": _local(f["p"]), "other": f["otherLabel"],
                       "sentence": f["sentence"], "document": f["file"], "extractor": f["extractor"],
                       "confidence": float(f["conf"])} for f in facts],
            "observations": [{"indicator": _local(o["ind"]), "year": o["year"], "value": float(o["value"]),
                              "unit": _local(o["unit"]), "growth": float(o["growth"]) if o["growth"] else None,
                              "sentence": o["sentence"], "document": o["file"]} for o in observations]}


def _w(s: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in s)


def format_explain(x: dict) -> str:
    lines = [f"{x['label']}  [{x['class']}]  <{x['iri']}>",
             f"  aliases: {', '.join(x['aliases']) or '—'}",
             f"  {x['mentions']} mentions in {len(x['documents'])} documents: {', '.join(x['documents'])}"]
    if x.get("recognized_by"):
        lines.append(f"  recognised by: {', '.join(x['recognized_by'])}")
    if x["facts"]:
        lines.append("facts")
    for f in x["facts"]:
        arrow = f"{x['label']} {f['property']} {f['other']}" if f["direction"] == "out" \
            else f"{f['other']} {f['property']} {x['label']}"
        lines.append(f"  {arrow}")
        lines.append(f"      “{f['sentence']}”")
        lines.append(f"      — {f['document']}, {f['extractor']}, confidence {f['confidence']:g}")
    if x["observations"]:
        lines.append("observations")
    for o in x["observations"]:
        growth = f", growth {o['growth']:g} %" if o["growth"] is not None else ""
        lines.append(f"  {o['indicator']} {o['year'] or '(no year)'}: {o['value']:,.10g} {o['unit']}{growth}")
        if o["sentence"]:
            lines.append(f"      “{o['sentence']}” — {o['document']}")
    return "\n".join(lines)
