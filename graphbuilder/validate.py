"""Validate: SHACL shapes of the graph contract over built graphs, and OWL reasoning over the ontology.

``validate(graph)`` checks one policy graph against ``ontology/shapes.ttl`` (pySHACL);
``owl_world(graph)`` loads a graph into owlready2 so HermiT can reason over it;
``validate_build(out)`` does both for a whole build (the ``policykg validate`` command).
"""

from __future__ import annotations

import tempfile
from dataclasses import dataclass
from pathlib import Path

from rdflib import Graph

from graphbuilder.lexicon import ONTOLOGY_DIR


@dataclass(frozen=True)
class ValidationResult:
    conforms: bool
    report: str


def validate(graph: Graph, shapes_path: Path = ONTOLOGY_DIR / "shapes.ttl") -> ValidationResult:
    """Validate one policy graph against the contract's shapes (pySHACL, RDFS inference off)."""
    from pyshacl import validate as shacl_validate

    shapes = Graph().parse(shapes_path, format="turtle")
    conforms, _, text = shacl_validate(graph, shacl_graph=shapes, inference="none", advanced=True)
    return ValidationResult(bool(conforms), str(text))


def owl_world(graph: Graph):  # noqa: ANN201 - owlready2 is optional at import time
    """The graph loaded into a fresh owlready2 World; returns (world, ontology).

    Raises:
        ImportError: owlready2 is not installed (it is a dependency of the package).
    """
    import owlready2

    world = owlready2.World()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "ontology.nt"
        graph.serialize(path, format="nt", encoding="utf-8")
        onto = world.get_ontology(path.as_uri()).load()
    return world, onto


def reason(graph: Graph) -> ValidationResult:
    """Run HermiT (owlready2, on the machine's Java) over a graph: is it consistent?"""
    import owlready2

    world, _ = owl_world(graph)
    try:
        owlready2.sync_reasoner_hermit(world, infer_property_values=False, debug=0)
    except owlready2.OwlReadyInconsistentOntologyError as err:
        return ValidationResult(False, f"HermiT: the ontology is inconsistent ({err})")
    unsatisfiable = [str(c) for c in world.inconsistent_classes()]
    if unsatisfiable:
        return ValidationResult(False, "HermiT: unsatisfiable classes: " + ", ".join(unsatisfiable))
    return ValidationResult(True, "HermiT: consistent")


def validate_build(out: str | Path) -> dict[str, ValidationResult]:
    """SHACL for every policy graph of the build in ``out``, and HermiT over the ontology."""
    from graphbuilder.build import BUILD_GRAPH, ONTOLOGY_GRAPH
    from graphbuilder.lexicon import load_ontology_graph
    from graphbuilder.store import as_rdflib_graph, graph_names, open_store

    store = open_store(out)
    results = {}
    for name in graph_names(store):
        if name not in (str(ONTOLOGY_GRAPH), str(BUILD_GRAPH)):
            results[name] = validate(as_rdflib_graph(store, name))
    del store
    results["ontology"] = reason(load_ontology_graph())
    return results
