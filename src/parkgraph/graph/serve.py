"""`parkgraph serve` and `parkgraph push`: the graph over HTTP with the standard SPARQL protocols.

`serve` puts an Oxigraph store (a graph file loaded in memory, or a `store:DIR`) behind Python's
standard HTTP server:
- `/query` — the SPARQL 1.1 Protocol: GET `?query=` or POST (form or `application/sparql-query`);
  results as SPARQL JSON, CSV or TSV for SELECT/ASK, N-Triples or Turtle for CONSTRUCT/DESCRIBE;
- `/store` — the SPARQL 1.1 Graph Store Protocol (GET; PUT/POST only with --writable).
It is read-only and bound to 127.0.0.1 unless told otherwise.

`push` sends a graph to any Graph Store endpoint (Fuseki, GraphDB, Oxigraph, Virtuoso, or
`parkgraph serve --writable`) as N-Quads or N-Triples in one request.
"""

from __future__ import annotations

import threading
import urllib.error
import urllib.parse
import urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pyoxigraph as ox

from ..errors import InputError, OutputError

RESULT_TYPES = {
    "application/sparql-results+json": ox.QueryResultsFormat.JSON,
    "application/json": ox.QueryResultsFormat.JSON,
    "text/csv": ox.QueryResultsFormat.CSV,
    "text/tab-separated-values": ox.QueryResultsFormat.TSV,
    "application/sparql-results+xml": ox.QueryResultsFormat.XML,
}
GRAPH_TYPES = {"application/n-triples": ox.RdfFormat.N_TRIPLES, "text/turtle": ox.RdfFormat.TURTLE,
               "application/n-quads": ox.RdfFormat.N_QUADS, "application/trig": ox.RdfFormat.TRIG}


class Handler(BaseHTTPRequestHandler):
    """SPARQL 1.1 Protocol at /query, Graph Store Protocol at /store, on the class's `store`
    (PUT/POST only when `writable`)."""

    server_version = "parkgraph"
    store: ox.Store
    writable = False

    def log_message(self, fmt, *args):  # quiet: one line per request only with -v (not kept)
        pass

    def _send(self, code: int, body: bytes, ctype: str = "text/plain; charset=utf-8") -> None:
        self.send_response(code)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Access-Control-Allow-Origin", "*")
        self.end_headers()
        self.wfile.write(body)

    def _body(self) -> bytes:
        return self.rfile.read(int(self.headers.get("Content-Length") or 0))

    def _query(self, text: str) -> None:
        try:
            result = self.store.query(text, use_default_graph_as_union=True)
        except SyntaxError as e:
            return self._send(400, f"SPARQL syntax error: {e}".encode())
        accept = self.headers.get("Accept", "")
        if isinstance(result, (ox.QuerySolutions, ox.QueryBoolean)):
            mime = next((m for m in RESULT_TYPES if m in accept), "application/sparql-results+json")
            return self._send(200, result.serialize(format=RESULT_TYPES[mime]), mime)
        mime = "text/turtle" if "turtle" in accept else "application/n-triples"
        return self._send(200, ox.serialize(result, format=GRAPH_TYPES[mime]), mime)

    def do_GET(self):
        url = urllib.parse.urlparse(self.path)
        params = urllib.parse.parse_qs(url.query)
        if url.path == "/query" and "query" in params:
            return self._query(params["query"][0])
        if url.path == "/store":
            quads = self.store.quads_for_pattern(None, None, None, None)
            return self._send(200, ox.serialize(quads, format=ox.RdfFormat.N_QUADS), "application/n-quads")
        return self._send(404, b"use /query?query=... (SPARQL 1.1 Protocol) or /store")

    def do_POST(self):
        url = urllib.parse.urlparse(self.path)
        ctype = (self.headers.get("Content-Type") or "").split(";")[0].strip()
        if url.path == "/query":
            body = self._body().decode("utf-8")
            if ctype == "application/x-www-form-urlencoded":
                body = urllib.parse.parse_qs(body).get("query", [""])[0]
            return self._query(body)
        if url.path == "/store":
            return self._store_write(ctype, replace=False)
        return self._send(404, b"not found")

    def do_PUT(self):
        return self._store_write((self.headers.get("Content-Type") or "").split(";")[0].strip(), replace=True)

    def _store_write(self, ctype: str, replace: bool):
        if not self.writable:
            return self._send(403, b"read-only: start parkgraph serve with --writable to accept data")
        fmt = GRAPH_TYPES.get(ctype)
        if fmt is None:
            return self._send(415, f"unsupported content type {ctype!r}".encode())
        graph = urllib.parse.parse_qs(urllib.parse.urlparse(self.path).query).get("graph", [None])[0]
        target = ox.NamedNode(graph) if graph else ox.DefaultGraph()
        try:
            if replace:
                self.store.clear_graph(target)
            kwargs = {"to_graph": target} if fmt in (ox.RdfFormat.N_TRIPLES, ox.RdfFormat.TURTLE) else {}
            self.store.load(self._body(), format=fmt, **kwargs)
        except SyntaxError as e:
            return self._send(400, f"not valid RDF: {e}".encode())
        return self._send(204, b"")


def make_server(store: ox.Store, host: str = "127.0.0.1", port: int = 7878, writable: bool = False):
    """A threading HTTP server answering SPARQL on `store` (not started)."""
    handler = type("Handler", (Handler,), {"store": store, "writable": writable})
    return ThreadingHTTPServer((host, port), handler)


def serve_in_thread(store: ox.Store, host: str = "127.0.0.1", port: int = 0, writable: bool = False):
    """For tests and notebooks: a running server and its base URL."""
    server = make_server(store, host, port, writable)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://{server.server_address[0]}:{server.server_address[1]}"


def push(graph: str | Path, endpoint: str, graph_iri: str | None = None, replace: bool = False) -> int:
    """Sends a graph file to a Graph Store Protocol endpoint; gives the number of bytes sent."""
    path = Path(graph)
    if not path.is_file():
        raise InputError(path, "no such graph file")
    ext = path.suffix.lower()
    mime = {".nq": "application/n-quads", ".trig": "application/trig", ".nt": "application/n-triples",
            ".ttl": "text/turtle"}.get(ext)
    if mime is None:
        raise InputError(path, "push sends .nq, .trig, .nt or .ttl files")
    data = path.read_bytes()
    url = endpoint + (("&" if "?" in endpoint else "?") + urllib.parse.urlencode({"graph": graph_iri})
                      if graph_iri else "")
    req = urllib.request.Request(url, data=data, method="PUT" if replace else "POST",
                                 headers={"Content-Type": mime})
    try:
        with urllib.request.urlopen(req, timeout=600) as resp:
            resp.read()
    except urllib.error.HTTPError as e:
        detail = e.read()[:200].decode(errors="replace")
        raise OutputError(endpoint, f"the endpoint answered {e.code}: {detail}") from None
    except urllib.error.URLError as e:
        raise OutputError(endpoint, f"cannot reach the endpoint ({e.reason})") from None
    return len(data)
