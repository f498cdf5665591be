"""Graph files: formats, streaming writes, whole-dataset writes and reads.

Takes N-Quads chunks, Oxigraph quads or rdflib datasets, and a path whose ending names the
format (.ttl .trig .nq .nt .jsonld .json .rdf .xml, or store:DIR for an on-disk Oxigraph
store); gives the graph written atomically (`GraphWriter`, `write_dataset`: never a half-written
file), a file read into one rdflib graph (`load_graph`), and conversions between Oxigraph quads
and rdflib (`quads_to_dataset`, `union_graph`).
"""

from __future__ import annotations

import errno
import os
from pathlib import Path
from typing import BinaryIO

import pyoxigraph as ox
from rdflib import BNode, Dataset, Graph, URIRef

from ..errors import OutputError
from ..files import publish, temp_beside
from .terms import DEFAULT, P, bind

FORMATS = {".ttl": "turtle", ".trig": "trig", ".nq": "nquads", ".nt": "nt", ".jsonld": "json-ld",
           ".json": "json-ld", ".rdf": "xml", ".xml": "xml"}
QUAD_FORMATS = {"trig", "nquads", "json-ld"}


def quads_to_dataset(quads: list[ox.Quad]) -> Dataset:
    """An rdflib Dataset of the quads (for pyshacl and callers that want rdflib)."""
    ds = Dataset()
    bind(ds)
    ds.parse(data=ox.serialize(quads, format=ox.RdfFormat.N_QUADS), format="nquads")
    return ds


class GraphWriter:
    """Streams a graph, chunk by chunk of N-Quads, into its target: a file in any supported
    format, an on-disk Oxigraph store (`store:DIR`) or, with no target, memory (`quads`).

    Chunks go to a temporary N-Quads file beside the target; `commit` converts it when another
    format was asked for and renames it into place, `abort` removes it: never a half-written
    graph. Memory stays flat for N-Quads and stores; other formats are converted from the
    N-Quads file at the end, and the triple formats (Turtle, N-Triples, RDF/XML) merge the
    named graphs, which needs the set of triples in memory: build large corpora to .nq or
    store:."""

    def __init__(self, target: str | Path | None):
        self.target = target
        self.count = 0
        self.position = 0  # bytes of N-Quads written so far
        self._chunks: list[bytes] | None = None
        if target is None:
            self._chunks = []
            return
        self.format = graph_format(target)
        self.dest = Path(str(target)[6:]) if self.format == "store" else Path(target)
        try:
            fd, self.tmp = temp_beside(self.dest, ".nq")
        except OSError as e:
            raise OutputError(self.dest, e.strerror or str(e)) from None
        self._fh = os.fdopen(fd, "wb")

    def write(self, nquads: bytes, count: int) -> None:
        """Adds `count` quads already serialised as N-Quads."""
        self.count += count
        self.position += len(nquads)
        if self._chunks is not None:
            self._chunks.append(nquads)
            return
        try:
            self._fh.write(nquads)
        except OSError as e:
            self.abort()
            raise OutputError(self.dest, e.strerror or str(e)) from None

    def copy(self, source: BinaryIO, offset: int, length: int, count: int) -> None:
        """Adds `count` quads from `length` bytes of an N-Quads file at `offset` (a previous
        build's output), copied by the kernel where it can."""
        if self._chunks is not None:
            source.seek(offset)
            self.write(source.read(length), count)
            return
        try:
            self._fh.flush()
            copy_range(source, self._fh, offset, length)
        except OSError as e:
            self.abort()
            raise OutputError(self.dest, e.strerror or str(e)) from None
        self.count += count
        self.position += length

    def write_quads(self, quads: list[ox.Quad]) -> None:
        self.write(ox.serialize(quads, format=ox.RdfFormat.N_QUADS), len(quads))

    @property
    def quads(self) -> list[ox.Quad]:
        """The quads written so far (in-memory writers only)."""
        assert self._chunks is not None, "only an in-memory writer keeps its quads"
        return list(ox.parse(b"".join(self._chunks), format=ox.RdfFormat.N_QUADS))

    def commit(self) -> int:
        """Puts the graph in place; gives its size in bytes."""
        if self._chunks is not None:
            return sum(map(len, self._chunks))
        try:
            self._fh.close()
            if self.format == "nquads":
                publish(self.tmp, self.dest)
            elif self.format == "store":
                _swap_in_store(self.tmp, self.dest)
            else:
                fd, out = temp_beside(self.dest)
                try:
                    with os.fdopen(fd, "wb") as fh:
                        quads = ox.parse(path=self.tmp, format=ox.RdfFormat.N_QUADS)
                        items = quads if self.format in QUAD_FORMATS else \
                            dict.fromkeys(ox.Triple(q.subject, q.predicate, q.object) for q in quads)
                        ox.serialize(items, fh, format=OX_OUT[self.format],
                                     prefixes=P if self.format in ("turtle", "trig") else None)
                    publish(out, self.dest)
                finally:
                    Path(out).unlink(missing_ok=True)
        except OSError as e:
            raise OutputError(self.dest, e.strerror or str(e)) from None
        finally:
            Path(self.tmp).unlink(missing_ok=True)
        if self.format == "store":
            return sum(f.stat().st_size for f in self.dest.rglob("*") if f.is_file())
        return self.dest.stat().st_size

    def abort(self) -> None:
        if self._chunks is None:
            self._fh.close()
            Path(self.tmp).unlink(missing_ok=True)


def copy_range(source: BinaryIO, dest: BinaryIO, offset: int, length: int) -> None:
    """Copies bytes between files without passing them through Python when the system allows."""
    src, dst = source.fileno(), dest.fileno()
    end = offset + length
    if hasattr(os, "copy_file_range"):
        try:
            while offset < end:
                n = os.copy_file_range(src, dst, end - offset, offset)
                if n == 0:
                    raise OSError(f"{source.name} ends before byte {end}")
                offset += n
            return
        except OSError as e:
            if e.errno not in (errno.EXDEV, errno.ENOSYS, errno.EOPNOTSUPP, errno.EINVAL):
                raise
    source.seek(offset)
    while offset < end:
        chunk = source.read(min(end - offset, 1 << 24))
        if not chunk:
            raise OSError(f"{source.name} ends before byte {end}")
        dest.write(chunk)
        offset += len(chunk)
    dest.flush()


def _swap_in_store(nquads_file: str, directory: Path) -> None:
    """Bulk-loads an N-Quads file into a new store beside `directory`, then swaps it in."""
    import shutil

    tmp = directory.with_name(f".{directory.name}.building")
    shutil.rmtree(tmp, ignore_errors=True)
    try:
        store = ox.Store(str(tmp))
        store.bulk_load(path=nquads_file, format=ox.RdfFormat.N_QUADS)
        store.flush()
        del store
        old = directory.with_name(f".{directory.name}.old")
        if directory.exists():
            directory.rename(old)
        tmp.rename(directory)
        shutil.rmtree(old, ignore_errors=True)
    except OSError:
        shutil.rmtree(tmp, ignore_errors=True)
        raise


def graph_format(path: str | Path) -> str:
    if str(path).startswith("store:"):
        return "store"
    ext = Path(str(path)).suffix.lower()
    if ext not in FORMATS:
        raise OutputError(path, f"unknown graph format {ext!r}; use one of {', '.join(sorted(FORMATS))}")
    return FORMATS[ext]


def union_graph(ds: Dataset) -> Graph:
    g = Graph()
    bind(g)
    for s, p, o, _ in ds.quads((None, None, None, None)):
        g.add((s, p, o))
    return g


OX_OUT = {"turtle": ox.RdfFormat.TURTLE, "trig": ox.RdfFormat.TRIG, "nquads": ox.RdfFormat.N_QUADS,
          "nt": ox.RdfFormat.N_TRIPLES, "json-ld": ox.RdfFormat.JSON_LD, "xml": ox.RdfFormat.RDF_XML}


def write_dataset(data: list[ox.Quad] | Dataset, path: str | Path) -> int:
    """Writes quads (or an rdflib Dataset) to a temporary file beside `path` and renames it:
    never a half-written graph. Triple formats get the union of the named graphs."""
    path = Path(path)
    if isinstance(data, Dataset):
        data = [ox.Quad(*(_to_ox(t) for t in q[:3]), _graph_to_ox(q[3])) for q in data.quads((None, None, None, None))]
    writer = GraphWriter(path)
    try:
        writer.write_quads(list(data))
    except BaseException:
        writer.abort()
        raise
    return writer.commit()


def _graph_to_ox(c):
    from rdflib.graph import DATASET_DEFAULT_GRAPH_ID

    ident = getattr(c, "identifier", c)
    if ident is None or ident == DATASET_DEFAULT_GRAPH_ID or isinstance(ident, BNode):
        return DEFAULT
    return ox.NamedNode(str(ident))


def _to_ox(t):
    if isinstance(t, URIRef):
        return ox.NamedNode(str(t))
    if isinstance(t, BNode):
        return ox.BlankNode(str(t))
    if t.language:
        return ox.Literal(str(t), language=t.language)
    return ox.Literal(str(t), datatype=ox.NamedNode(str(t.datatype))) if t.datatype else ox.Literal(str(t))


def load_graph(path: str | Path) -> Graph:
    """Reads any supported file into one graph (named graphs unioned)."""
    from ..errors import GraphError

    path = Path(path)
    if not path.exists():
        raise GraphError(path, "no such file")
    try:
        fmt = graph_format(path)
    except OutputError:
        raise GraphError(path, f"unknown graph format {path.suffix!r}") from None
    ds = Dataset()
    try:
        ds.parse(str(path), format=fmt)
    except Exception as e:  # rdflib raises many parser-specific types
        raise GraphError(path, f"not valid {fmt}: {e}") from None
    g = union_graph(ds)
    return g
