"""Gephi export: read back with networkx and as plain XML against the GEXF 1.2 structure."""

import xml.etree.ElementTree as ET
from collections import Counter

import networkx as nx
import pytest

from parkgraph.cli import main
from parkgraph.graph.export import CLASS_COLORS, to_networkx, write_graph
from parkgraph.graph.query import open_store
from parkgraph.graph.rdf import union_graph

GEXF = "{http://www.gexf.net/1.2draft}"
VIZ = "{http://www.gexf.net/1.2draft/viz}"


@pytest.fixture(scope="module")
def exported(tmp_path_factory, sample_build):
    g = to_networkx(open_store(union_graph(sample_build.dataset)))
    out = tmp_path_factory.mktemp("gexf") / "graph.gexf"
    write_graph(g, out)
    return g, out


def test_export_nodes_are_entities_with_attributes(exported, sample_build):
    _, out = exported
    h = nx.read_gexf(out)
    assert h.number_of_nodes() == len(sample_build.entities)
    labels = {d["label"]: d for _, d in h.nodes(data=True)}
    hz = labels["杭州高新区（滨江）"]
    assert hz["class"] == "Park" and hz["mentions"] > 50 and "国际滨" in hz["aliases"]
    assert isinstance(hz["mentions"], int)


def test_export_edges_are_weighted_relations_with_years(exported):
    g, out = exported
    h = nx.read_gexf(out)
    by = {(h.nodes[u]["label"], d["relation"], h.nodes[v]["label"]): d for u, v, d in h.edges(data=True)}
    led = by[("白马湖实验室", "ledBy", "浙能集团")]
    assert led["weight"] >= 1 and led["label"] == "ledBy"
    award = by[("杭州高新区（滨江）", "receivedAward", "浙江制造天工鼎")]
    assert "2023" in award["years"].split(";")
    coop = [k for k in by if k[1] == "cooperatesWith"]
    assert len(coop) == len({frozenset((a, b)) for a, _, b in coop})  # one edge a pair
    assert not any("type" in d for _, _, d in h.edges(data=True))


def test_export_gexf_xml_structure_colours_and_sizes(exported):
    g, out = exported
    root = ET.parse(out).getroot()
    assert root.tag == f"{GEXF}gexf" and root.get("version") == "1.2"
    graph = root.find(f"{GEXF}graph")
    nodes = graph.find(f"{GEXF}nodes").findall(f"{GEXF}node")
    edges = graph.find(f"{GEXF}edges").findall(f"{GEXF}edge")
    assert len(nodes) == g.number_of_nodes() and len(edges) == g.number_of_edges()
    attrs = {a.get("title"): a.get("type") for a in graph.iter(f"{GEXF}attribute")}
    assert attrs["class"] == "string" and attrs["mentions"] in ("long", "integer") and attrs["years"] == "string"
    colours = Counter()
    for n in nodes:
        c = n.find(f"{VIZ}color")
        size = float(n.find(f"{VIZ}size").get("value"))
        pos = n.find(f"{VIZ}position")
        assert size >= 4.0 and pos is not None
        class_id = _attr_id(graph, "class")
        cls = next(v.get("value") for v in n.iter(f"{GEXF}attvalue") if v.get("for") == class_id)
        assert (int(c.get("r")), int(c.get("g")), int(c.get("b"))) == CLASS_COLORS[cls]
        colours[cls] += 1
    assert colours["Park"] > 5
    assert any("杭州高新区（滨江）" == n.get("label") for n in nodes)  # Chinese intact


def _attr_id(graph, title):
    return next(a.get("id") for a in graph.iter(f"{GEXF}attribute") if a.get("title") == title)


def test_export_hubs_are_bigger(exported):
    g, _ = exported
    hz = next(n for n, d in g.nodes(data=True) if d["label"] == "杭州高新区（滨江）")
    sizes = sorted(d["viz"]["size"] for _, d in g.nodes(data=True))
    assert g.nodes[hz]["viz"]["size"] == sizes[-1]


def test_export_class_filters_and_observations(sample_build):
    store = open_store(union_graph(sample_build.dataset))
    only = to_networkx(store, include={"Park", "Lab"})
    assert {d["class"] for _, d in only.nodes(data=True)} == {"Park", "Lab"}
    without = to_networkx(store, exclude={"Industry", "Place"})
    assert not {"Industry", "Place"} & {d["class"] for _, d in without.nodes(data=True)}
    obs = to_networkx(store, observations=True)
    gdp = [d["label"] for _, d in obs.nodes(data=True)
           if d["class"] == "Observation" and d["label"].startswith("GDP 2023")]
    assert gdp == ["GDP 2023: 2.4679e+11 CNY"]


def test_export_graphml_and_cli(tmp_path, sample_graph_file, capsys):
    out = tmp_path / "g.graphml"
    assert main(["export", str(sample_graph_file), "-o", str(out), "--exclude-classes", "Industry"]) == 0
    assert "nodes" in capsys.readouterr().out
    h = nx.read_graphml(out)
    d = next(iter(h.nodes(data=True)))[1]
    assert d["color"].startswith("#") and "size" in d
    assert main(["export", str(sample_graph_file), "-o", str(tmp_path / "g.png")]) == 2
    assert main(["export", str(sample_graph_file), "-o", str(out), "--classes", "Company"]) == 2
