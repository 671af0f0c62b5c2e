"""Validate: check built graphs against the SHACL shapes of the graph contract (ontology/shapes.ttl)."""

from __future__ import annotations

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
