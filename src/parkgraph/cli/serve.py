"""`parkgraph serve` and `parkgraph push`: a graph served as a SPARQL endpoint, or sent to one.

Takes the parsed arguments; gives the exit code 0 once the server stops or the graph is sent.
"""

from __future__ import annotations

import argparse
from pathlib import Path


def cmd_serve(a: argparse.Namespace) -> int:
    import pyoxigraph as ox

    from ..graph.query import open_store
    from ..graph.serve import make_server

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
    from ..graph.serve import push

    n = push(a.graph, a.endpoint, a.graph_iri, a.replace)
    print(f"pushed {n:,} bytes of {a.graph} to {a.endpoint}")
    return 0
