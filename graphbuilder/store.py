"""Store: the embedded Oxigraph store on disk and the files a build writes.

The only module that touches pyoxigraph and the output folder. A policy's named graph is
replaced as a whole, so a rebuild never duplicates it.
"""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
from rdflib import Graph, URIRef

from graphbuilder.errors import StoreError
from graphbuilder.ns import PREFIXES

STORE_DIR = "store"
#: export format name → (pyoxigraph format, file suffix, holds named graphs)
FORMATS = {
    "nquads": (ox.RdfFormat.N_QUADS, ".nq", True),
    "trig": (ox.RdfFormat.TRIG, ".trig", True),
    "jsonld": (ox.RdfFormat.JSON_LD, ".jsonld", True),
    "turtle": (ox.RdfFormat.TURTLE, ".ttl", False),
    "ntriples": (ox.RdfFormat.N_TRIPLES, ".nt", False),
    "rdfxml": (ox.RdfFormat.RDF_XML, ".rdf", False),
}


def open_store(out: str | Path, *, create: bool = False) -> ox.Store:
    """Open the store of the build in ``out`` (``out/store``).

    Raises:
        StoreError: there is no build in ``out`` (and ``create`` is false), or another process holds the store.
    """
    path = Path(out) / STORE_DIR
    if not create and not path.is_dir():
        raise StoreError(f"{out}: no built graph here (run 'policykg build PATH --out {out}' first)")
    path.mkdir(parents=True, exist_ok=True)
    try:
        return ox.Store(str(path))
    except OSError as err:
        raise StoreError(f"{path}: cannot open the store ({err}); is another policykg process using it?") from err
    except RuntimeError as err:  # RocksDB reports a damaged or foreign folder this way
        raise StoreError(f"{path}: not a readable PolicyKG store ({err}); remove it and build again") from err


def replace_graph(store: ox.Store, graph: Graph) -> int:
    """Put ``graph`` into the store as its named graph, replacing what the store had under that name."""
    name = ox.NamedNode(str(graph.identifier))
    data = graph.serialize(format="nt", encoding="utf-8")
    store.remove_graph(name)
    store.load(data, format=ox.RdfFormat.N_TRIPLES, to_graph=name)
    return len(graph)


def graph_names(store: ox.Store) -> list[str]:
    return sorted(node.value for node in store.named_graphs())


def triple_count(store: ox.Store, graph: str | None = None) -> int:
    target = f"GRAPH <{graph}>" if graph else "GRAPH ?g"
    result = store.query(f"SELECT (COUNT(*) AS ?n) WHERE {{ {target} {{ ?s ?p ?o }} }}")
    return int(next(iter(result))["n"].value)


def serialize_store(store: ox.Store, fmt: str, *, graphs: list[str] | None = None) -> bytes:
    """The store (or some of its named graphs) in one export format.

    Formats without named graphs (Turtle, N-Triples, RDF/XML) get the union of the graphs.

    Raises:
        StoreError: unknown format (the message lists the known ones).
    """
    if fmt not in FORMATS:
        raise StoreError(f"unknown format {fmt!r}; known: {', '.join(FORMATS)}")
    rdf_format, _, has_graphs = FORMATS[fmt]
    wanted = set(graphs) if graphs is not None else None
    quads = [q for q in store if not isinstance(q.graph_name, ox.DefaultGraph)
             and (wanted is None or q.graph_name.value in wanted)]
    if has_graphs:
        return ox.serialize(quads, format=rdf_format, prefixes=PREFIXES if fmt != "nquads" else None)
    triples = list(dict.fromkeys(q.triple for q in quads))
    return ox.serialize(triples, format=rdf_format, prefixes=PREFIXES if fmt != "ntriples" else None)


def write_file(data: bytes, path: Path) -> Path:
    """Write ``data`` atomically: a crash never leaves half a file where a whole one was."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_bytes(data)
    tmp.replace(path)
    return path


def write_outputs(store: ox.Store, out: Path, ontology: Graph, ontology_graph: str) -> list[Path]:
    """The files every build leaves in ``out``: kg.nq (all graphs), kg.ttl (union), ontology.ttl."""
    out = Path(out)
    policies = [g for g in graph_names(store) if g != ontology_graph]
    return [
        write_file(serialize_store(store, "nquads", graphs=policies), out / "kg.nq"),
        write_file(serialize_store(store, "turtle", graphs=policies), out / "kg.ttl"),
        write_file(ontology.serialize(format="turtle", encoding="utf-8"), out / "ontology.ttl"),
    ]


def as_rdflib_graph(store: ox.Store, graph: str) -> Graph:
    """One named graph of the store as an rdflib Graph."""
    data = ox.serialize([q.triple for q in store.quads_for_pattern(None, None, None, ox.NamedNode(graph))],
                        format=ox.RdfFormat.N_TRIPLES)
    result = Graph(identifier=URIRef(graph))
    result.parse(data=data.decode("utf-8"), format="nt")
    return result
