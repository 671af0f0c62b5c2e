"""Export: the built graph, or the ontology, in the standard RDF formats triple stores import."""

from __future__ import annotations

from pathlib import Path

from graphbuilder.build import ONTOLOGY_GRAPH
from graphbuilder.errors import StoreError
from graphbuilder.store import FORMATS, graph_names, open_store, serialize_store


def export(out: str | Path, fmt: str, *, ontology: bool = False) -> tuple[bytes, str]:
    """The build in ``out`` serialised as ``fmt``; returns (data, default file name).

    Policies export with their named graphs in N-Quads, TriG and JSON-LD, and as their union in
    Turtle and N-Triples. RDF/XML has no named graphs and is offered for the ontology only.

    Raises:
        StoreError: no build in ``out``, or an unknown format (the message lists the known ones).
    """
    if fmt not in FORMATS:
        raise StoreError(f"unknown format {fmt!r}; known: {', '.join(FORMATS)}")
    suffix = FORMATS[fmt][1]
    store = open_store(out)
    if ontology:
        return serialize_store(store, fmt, graphs=[str(ONTOLOGY_GRAPH)]), f"ontology{suffix}"
    if fmt == "rdfxml":
        raise StoreError("RDF/XML cannot hold named graphs: export the policies as nquads, trig or jsonld, "
                         "or the ontology with --ontology")
    policies = [g for g in graph_names(store) if g != str(ONTOLOGY_GRAPH)]
    return serialize_store(store, fmt, graphs=policies), f"kg{suffix}"
