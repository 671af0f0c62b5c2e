"""Export: every format a triple store imports round-trips through rdflib to an isomorphic dataset."""

from __future__ import annotations

import gc

import pyoxigraph as ox
import pytest
from rdflib import BNode, Dataset, Graph, URIRef
from rdflib.compare import isomorphic
from typer.testing import CliRunner

from graphbuilder.build import ONTOLOGY_GRAPH
from graphbuilder.cli import app
from graphbuilder.errors import StoreError
from graphbuilder.export import export
from graphbuilder.store import open_store

#: format → (rdflib parser name, keeps named graphs)
RDFLIB = {"nquads": ("nquads", True), "trig": ("trig", True), "jsonld": ("json-ld", True),
          "turtle": ("turtle", False), "ntriples": ("nt", False), "rdfxml": ("xml", False)}


def _parsed(data: bytes, fmt: str) -> dict[str, Graph] | Graph:
    """What rdflib reads from an export: the named graphs by name, or the one graph of a triple format."""
    parser, named = RDFLIB[fmt]
    if not named:
        return Graph().parse(data=data.decode("utf-8"), format=parser)
    dataset = Dataset()
    dataset.parse(data=data.decode("utf-8"), format=parser)
    return {str(g.identifier): g for g in dataset.graphs() if len(g)}


def _isomorphic(a: Graph, b: Graph) -> bool:
    """rdflib's isomorphism; without blank nodes that is plain equality, which is much faster to check."""
    if not any(isinstance(term, BNode) for graph in (a, b) for triple in graph for term in triple):
        return set(a) == set(b)
    return isomorphic(a, b)


def _assert_isomorphic(parsed: dict[str, Graph] | Graph, expected: dict[str, Graph]) -> None:
    if isinstance(parsed, Graph):  # a triple format holds the union of the graphs
        union = Graph()
        for graph in expected.values():
            for triple in graph:
                union.add(triple)
        assert _isomorphic(parsed, union)
        return
    assert sorted(parsed) == sorted(expected)
    for name, graph in expected.items():
        assert _isomorphic(parsed[name], graph), name


@pytest.fixture(scope="module")
def reference(corpus_build) -> dict[str, Graph]:
    """Every named graph of the build's store, as rdflib graphs (what the exports must hold)."""
    store = open_store(corpus_build)
    try:
        data = ox.serialize(store, format=ox.RdfFormat.N_QUADS)
    finally:
        del store
        gc.collect()
    return _parsed(data, "nquads")


@pytest.mark.parametrize("fmt", [f for f in RDFLIB if f != "rdfxml"])
def test_export_policies_round_trip(corpus_build, reference, fmt):
    data, name = export(corpus_build, fmt)
    assert name == "kg" + {"nquads": ".nq", "trig": ".trig", "jsonld": ".jsonld", "turtle": ".ttl",
                           "ntriples": ".nt"}[fmt]
    policies = {g: graph for g, graph in reference.items() if g != str(ONTOLOGY_GRAPH)}
    assert len(policies) >= 6  # the five corpus policies and the build's provenance
    _assert_isomorphic(_parsed(data, fmt), policies)


@pytest.mark.parametrize("fmt", list(RDFLIB))
def test_export_ontology_round_trips(corpus_build, reference, fmt):
    data, name = export(corpus_build, fmt, ontology=True)
    assert name.startswith("ontology.")
    _assert_isomorphic(_parsed(data, fmt), {str(ONTOLOGY_GRAPH): reference[str(ONTOLOGY_GRAPH)]})


def test_export_refuses_unknown_formats_and_rdfxml_for_policies(corpus_build):
    with pytest.raises(StoreError, match="unknown format 'n3'; known: nquads, trig, jsonld, turtle, ntriples, rdfxml"):
        export(corpus_build, "n3")
    with pytest.raises(StoreError, match="RDF/XML cannot hold named graphs"):
        export(corpus_build, "rdfxml")
    with pytest.raises(StoreError, match="no built graph here"):
        export(corpus_build / "nowhere", "nquads")


def test_export_cli_writes_a_file_or_stdout(corpus_build, tmp_path):
    target = tmp_path / "kg.trig"
    result = CliRunner().invoke(app, ["export", "--out", str(corpus_build), "--format", "trig", "--to", str(target)])
    assert result.exit_code == 0, result.output
    assert target.read_bytes() == export(corpus_build, "trig")[0]
    result = CliRunner().invoke(app, ["export", "--out", str(corpus_build), "-f", "rdfxml", "--ontology", "--to", "-"])
    assert result.exit_code == 0
    assert Graph().parse(data=result.stdout_bytes.decode("utf-8"), format="xml").value(
        URIRef("https://w3id.org/policykg"), URIRef("http://www.w3.org/2002/07/owl#versionInfo")) is not None
    result = CliRunner().invoke(app, ["export", "--out", str(corpus_build), "-f", "rdfxml"])
    assert result.exit_code == 1 and "RDF/XML cannot hold named graphs" in result.output
