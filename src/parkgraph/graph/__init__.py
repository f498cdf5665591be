"""The graph: RDF out, and what is done with it.

`vocab` names the contract's terms (`terms` as Oxigraph terms), `rdf` writes entities and each
document's facts with their evidence (`evidence` bounds the quoted window), `io` writes and reads
graph files, `shacl` and `validate` check a graph, `query` runs the SPARQL query pack, `serve`
serves or pushes a graph, `export` writes GEXF/GraphML.
"""
