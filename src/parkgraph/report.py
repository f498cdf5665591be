"""`parkgraph report`: one self-contained HTML file to explore a graph offline.

Takes an Oxigraph store and the path of cytoscape's browser bundle (installed from the npm
registry by `npm ci`, never committed); gives one HTML file with everything inlined:
- summary tables (documents, entities per class, relations, indicators, most connected);
- an interactive network (pan, zoom, colour by class, filter by class and relation, search by
  name or alias); clicking a node shows its facts with evidence sentences and documents;
- indicator time series drawn as small SVG charts.
"""

from __future__ import annotations

import html
import json
import os
import re
from pathlib import Path

import pyoxigraph as ox

from .errors import InputError, OutputError
from .files import publish, temp_beside
from .graph.export import CLASS_COLORS, to_networkx
from .graph.vocab import RELATIONS
from .inspect import _q, stats

PROJECT_ROOT = Path(__file__).resolve().parent.parent.parent
ASSETS = Path(__file__).resolve().parent / "assets"  # the page's own HTML, CSS and JS
MAX_NODES = 3000


def find_cytoscape(explicit: str | None = None) -> Path:
    if explicit:
        if Path(explicit).is_file():
            return Path(explicit)
        raise InputError(explicit, "no such file: cytoscape's browser bundle comes from `npm ci`")
    candidates: list[Path] = []
    env = os.environ.get("PARKGRAPH_CYTOSCAPE")
    if env:
        candidates.append(Path(env))
    for base in (PROJECT_ROOT, Path.cwd()):
        candidates.append(base / "node_modules" / "cytoscape" / "dist" / "cytoscape.min.js")
    for c in candidates:
        if c.is_file():
            return c
    raise InputError("node_modules/cytoscape",
                     "cytoscape's browser bundle is missing: run `npm ci` in the project folder "
                     "(or pass --cytoscape FILE / set PARKGRAPH_CYTOSCAPE)")


def report_data(store: ox.Store, max_nodes: int = MAX_NODES) -> dict:
    g = to_networkx(store)
    if g.number_of_nodes() > max_nodes:  # keep the best-connected part drawable
        keep = sorted(g.nodes, key=lambda n: -g.degree(n))[:max_nodes]
        g = g.subgraph(keep).copy()
    nodes = []
    for n, d in g.nodes(data=True):
        pos = d["viz"]["position"]
        nodes.append({"id": n, "label": d["label"], "cls": d["class"], "aliases": d["aliases"],
                      "mentions": d["mentions"], "size": round(d["viz"]["size"] * 3, 1),
                      "x": pos["x"] * 2.5, "y": pos["y"] * 2.5})
    edges = [{"id": f"e{i}", "source": u, "target": v, "rel": d["relation"], "weight": d["weight"]}
             for i, (u, v, d) in enumerate(g.edges(data=True))]
    facts: dict[str, list] = {}
    for r in _q(store, """
        SELECT ?s ?p ?o ?ol ?sentence ?file ?extractor WHERE {
          ?ev a rdf:Statement ; rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o ; pg:evidenceText ?sentence ;
              pg:extractor ?extractor ; prov:wasDerivedFrom ?d . ?d pg:sourceFile ?file .
          FILTER(?p != pg:value)
          OPTIONAL { ?o rdfs:label ?ol . }
        } ORDER BY ?p ?file"""):
        prop = r["p"].rsplit("#", 1)[-1]
        other = r["ol"] or r["o"]
        item = {"p": prop, "o": other, "oid": r["o"], "s": r["sentence"], "doc": r["file"], "x": r["extractor"]}
        facts.setdefault(r["s"], []).append(dict(item, dir="out"))
        if r["ol"]:
            facts.setdefault(r["o"], []).append(dict(item, dir="in", o=_label(store, r["s"]), oid=r["s"]))
    series: dict[str, dict[str, list]] = {}
    for r in _q(store, """
        SELECT ?e ?ind ?year ?value ?unit ?growth ?sentence ?file WHERE {
          ?o a pg:Observation ; pg:observedEntity ?e ; pg:indicator ?ind ; pg:value ?value ; pg:unit ?unit .
          OPTIONAL { ?o pg:year ?year . } OPTIONAL { ?o pg:growthRate ?growth . }
          OPTIONAL { ?ev rdf:subject ?o ; pg:evidenceText ?sentence ; prov:wasDerivedFrom ?d .
                     ?d pg:sourceFile ?file . }
        } ORDER BY ?e ?ind ?year"""):
        ind = r["ind"].rsplit("#", 1)[-1]
        series.setdefault(r["e"], {}).setdefault(ind, []).append(
            {"year": r["year"], "value": float(r["value"]), "unit": r["unit"].rsplit("#", 1)[-1],
             "growth": float(r["growth"]) if r["growth"] else None, "s": r["sentence"], "doc": r["file"]})
    docs = {r["e"]: r["files"].split("|") for r in _q(store, """
        SELECT ?e (GROUP_CONCAT(?f; separator="|") AS ?files) WHERE { ?e pg:mentionedIn ?d . ?d pg:sourceFile ?f . }
        GROUP BY ?e""")}
    return {"nodes": nodes, "edges": edges, "facts": facts, "series": series, "docs": docs,
            "stats": stats(store), "colors": {c: "#{:02x}{:02x}{:02x}".format(*rgb) for c, rgb in CLASS_COLORS.items()},
            "relations": list(RELATIONS)}


def _label(store: ox.Store, iri: str) -> str:
    rows = _q(store, f"SELECT ?l WHERE {{ <{iri}> rdfs:label ?l }}")
    return rows[0]["l"] if rows else iri


def sparkline(points: list[dict], width: int = 260, height: int = 90) -> str:
    """A small SVG line chart of one indicator by year (points without a year are left out)."""
    pts = sorted((int(p["year"]), p["value"]) for p in points if p["year"])
    if not pts:
        return ""
    xs = [p[0] for p in pts]
    ys = [p[1] for p in pts]
    x0, x1 = min(xs), max(xs)
    y0, y1 = min(0.0, min(ys)), max(ys) or 1.0
    pad = 24

    def sx(x: float) -> float:
        return pad + (width - 2 * pad) * ((x - x0) / (x1 - x0) if x1 > x0 else 0.5)

    def sy(y: float) -> float:
        return height - pad + (pad * 2 - height) * ((y - y0) / (y1 - y0) if y1 > y0 else 0.5)

    path = " ".join(f"{sx(x):.1f},{sy(y):.1f}" for x, y in pts)
    dots = "".join(f'<circle cx="{sx(x):.1f}" cy="{sy(y):.1f}" r="3"><title>{x}: {_fmt(y)}</title></circle>'
                   f'<text x="{sx(x):.1f}" y="{height - 6}" text-anchor="middle">{x}</text>'
                   f'<text x="{sx(x):.1f}" y="{sy(y) - 7:.1f}" text-anchor="middle" class="v">{_fmt(y)}</text>'
                   for x, y in pts)
    return (f'<svg class="spark" viewBox="0 0 {width} {height}" width="{width}" height="{height}">'
            f'<polyline points="{path}" fill="none" stroke="#1f77b4" stroke-width="2"/>{dots}</svg>')


def _fmt(v: float) -> str:
    if abs(v) >= 1e8:
        return f"{v / 1e8:.4g}亿"
    if abs(v) >= 1e4:
        return f"{v / 1e4:.4g}万"
    return f"{v:.4g}"


def render(store: ox.Store, cytoscape_js: Path, title: str = "parkgraph report") -> str:
    data = report_data(store)
    s = data["stats"]
    labels = {n["id"]: n["label"] for n in data["nodes"]}
    charts = []
    for ent, inds in sorted(data["series"].items(), key=lambda kv: labels.get(kv[0], kv[0])):
        for ind, pts in sorted(inds.items()):
            if len({p["year"] for p in pts if p["year"]}) >= 2:
                charts.append(f'<figure><figcaption>{html.escape(labels.get(ent, ent))} · {ind} '
                              f'({pts[0]["unit"]})</figcaption>{sparkline(pts)}</figure>')

    def table(title: str, counts: dict) -> str:
        rows = "".join(f"<tr><td>{html.escape(k)}</td><td>{v:,}</td></tr>"
                       for k, v in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))
        return f"<table><caption>{title}</caption>{rows}</table>"

    connected = "".join(f"<tr><td>{html.escape(lab)}</td><td>{cls}</td><td>{n}</td></tr>"
                        for lab, cls, n in s["most_connected"])
    payload = json.dumps(data, ensure_ascii=False).replace("</", "<\\/")
    parts = dict(
        title=html.escape(title), css=(ASSETS / "report.css").read_text(encoding="utf-8"),
        summary=(f"{s['documents']:,} documents · {s['entities']:,} entities · {s['relation_triples']:,} relation "
                 f"triples · {s['observations']:,} observations · {100 * s['multi_source_share']:.0f} % of facts "
                 f"from more than one source"),
        tables=table("Entities by class", s["classes"]) + table("Relations", s["relations"])
        + table("Observations by indicator", s["indicators"])
        + f"<table><caption>Most connected</caption>{connected}</table>",
        charts="".join(charts) or "<p>No indicator has figures for two or more years.</p>",
        classes="".join(f'<label><input type="checkbox" class="cls" value="{c}" checked>'
                        f'<span class="dot" style="background:{data["colors"][c]}"></span>{c}</label>'
                        for c in sorted({n["cls"] for n in data["nodes"]})),
        relations="".join(f'<label><input type="checkbox" class="rel" value="{r}" checked>{r}</label>'
                          for r in sorted({r for e in data["edges"] for r in e["rel"].split(";")})),
        cytoscape=cytoscape_js.read_text(encoding="utf-8").replace("</script", "<\\/script"),
        data=payload, app=(ASSETS / "report.js").read_text(encoding="utf-8"))
    page = (ASSETS / "report.html").read_text(encoding="utf-8")
    # one pass over the template's slots: inserted text (scripts, data) is never scanned again
    return re.sub(r"\{(\w+)\}", lambda m: parts[m.group(1)] if m.group(1) in parts else m.group(0), page)


def write_report(store: ox.Store, path: str | Path, cytoscape_js: Path, title: str) -> int:
    path = Path(path)
    text = render(store, cytoscape_js, title)
    fd, tmp = temp_beside(path)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text)
        publish(tmp, path)
    except OSError as e:
        Path(tmp).unlink(missing_ok=True)
        raise OutputError(path, e.strerror or str(e)) from None
    return len(text.encode("utf-8"))




