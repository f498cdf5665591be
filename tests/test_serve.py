"""A real SPARQL server on a free loopback port, queried with a standard client, pushed to, stopped."""

import urllib.error
import urllib.request

import pytest
from rdflib import Graph
from rdflib.plugins.stores.sparqlstore import SPARQLStore

from parkgraph.cli import main
from parkgraph.graph.query import open_store
from parkgraph.graph.serve import serve_in_thread

Q = """PREFIX pg: <https://w3id.org/parkgraph/ontology#> PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT ?l WHERE { ?o pg:indicator pg:GDP ; pg:year ?y ; pg:observedEntity ?e . ?e rdfs:label ?l .
FILTER(STR(?y) = "2023") }"""


@pytest.fixture()
def server(sample_graph_file):
    srv, url = serve_in_thread(open_store(sample_graph_file))
    yield url
    srv.shutdown()
    srv.server_close()


def test_serve_answers_a_standard_sparql_client(server):
    g = Graph(store=SPARQLStore(server + "/query", returnFormat="json"))
    assert {str(r.l) for r in g.query(Q)} == {"杭州高新区（滨江）"}
    assert server.startswith("http://127.0.0.1:")


def test_serve_is_read_only_by_default(server, sample_graph_file):
    assert main(["push", str(sample_graph_file), "--endpoint", server + "/store"]) == 2
    with pytest.raises(urllib.error.HTTPError) as e:
        urllib.request.urlopen(urllib.request.Request(server + "/store", data=b"", method="PUT",
                                                      headers={"Content-Type": "text/turtle"}))
    assert e.value.code == 403


def test_push_to_a_writable_graph_store(tmp_path, sample_build):
    import pyoxigraph as ox

    from parkgraph.graph.rdf import write_dataset

    nt = tmp_path / "g.nt"
    write_dataset(sample_build.quads, nt)
    store = ox.Store()
    srv, url = serve_in_thread(store, writable=True)
    try:
        assert main(["push", str(nt), "--endpoint", url + "/store", "--graph", "https://example.org/g1"]) == 0
        g = Graph(store=SPARQLStore(url + "/query", returnFormat="json"))
        assert {str(r.l) for r in g.query(Q)} == {"杭州高新区（滨江）"}
        assert len(store) == len({(q.subject, q.predicate, q.object) for q in sample_build.quads})
    finally:
        srv.shutdown()
        srv.server_close()
    assert main(["push", str(nt), "--endpoint", url + "/store"]) == 2  # the server is gone: a clear error
