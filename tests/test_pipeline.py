"""End to end: files in, store and export files out; rebuilds replace graphs; bad files do not lose good ones."""

import re

import pyoxigraph as ox
import pytest
import yaml
from rdflib import Dataset
from rdflib.namespace import RDF, RDFS

from graphbuilder.build import BUILD_GRAPH, ONTOLOGY_GRAPH
from graphbuilder.names import name_key, names_match
from graphbuilder.ingest import read_policy
from graphbuilder.ns import DPV, OA, PKG
from graphbuilder.pipeline import run_build
from graphbuilder.store import open_store, triple_count
from tests.conftest import CORPUS, GOLD, TEST_DATA


def test_corpus_builds_with_controller_and_evidence_at_offsets(corpus_build):
    nquads = corpus_build / "kg.nq"
    dataset = Dataset()
    dataset.parse(nquads, format="nquads")
    store = ox.Store()
    store.load(path=str(nquads), format=ox.RdfFormat.N_QUADS)
    policies = [g for g in dataset.graphs() if (g.identifier, RDF.type, PKG.PrivacyPolicy) in g]
    assert len(policies) == 5
    assert len(store) == sum(len(g) for g in dataset.graphs())
    for graph in policies:
        source = str(graph.value(graph.identifier, PKG.sourceFile))
        gold = yaml.safe_load((GOLD / source.replace(".txt", ".yaml")).read_text(encoding="utf-8"))
        controller = graph.value(graph.identifier, DPV.hasDataController)
        labels = {name_key(str(o)) for o in graph.objects(controller, RDFS.label)}
        wanted = {name_key(n) for n in gold["controller"]}
        assert labels & wanted, f"{source}: controller {labels} not one of {wanted}"
        text = read_policy(CORPUS / source).text
        statements = list(graph.objects(graph.identifier, PKG.hasStatement))
        assert statements, source
        for statement in statements:
            evidence = list(graph.objects(statement, PKG.hasEvidence))
            assert evidence
            for ev in evidence:
                quote = position = None
                for selector in graph.objects(ev, OA.hasSelector):
                    if (selector, RDF.type, OA.TextQuoteSelector) in graph:
                        quote = str(graph.value(selector, OA.exact))
                    else:
                        position = int(graph.value(selector, OA.start)), int(graph.value(selector, OA.end))
                assert text[position[0]:position[1]] == quote


def test_corpus_build_writes_the_documented_files(corpus_build):
    for name in ("kg.nq", "kg.ttl", "ontology.ttl"):
        assert (corpus_build / name).stat().st_size > 1000
    store = open_store(corpus_build)
    names = {g.value for g in store.named_graphs()}
    assert str(ONTOLOGY_GRAPH) in names and str(BUILD_GRAPH) in names
    assert len(names) == 7


def test_rebuild_replaces_a_policy_graph_instead_of_duplicating_it(tmp_path):
    source = tmp_path / "policies"
    source.mkdir()
    policy = source / "acme.txt"
    policy.write_text((TEST_DATA / "en" / "minimal.txt").read_text(encoding="utf-8"), encoding="utf-8")
    run_build([source], tmp_path / "out")
    store = open_store(tmp_path / "out")
    graph = next(g.value for g in store.named_graphs() if g.value.endswith("/policy/acme"))
    first = triple_count(store, graph)
    del store
    run_build([source], tmp_path / "out")
    store = open_store(tmp_path / "out")
    assert triple_count(store, graph) == first
    del store
    policy.write_text("Acme Widgets Inc. collects your name.\n", encoding="utf-8")
    run_build([source], tmp_path / "out")
    store = open_store(tmp_path / "out")
    assert 0 < triple_count(store, graph) < first


def test_bad_file_is_reported_and_the_others_are_built(tmp_path):
    source = tmp_path / "policies"
    source.mkdir()
    (source / "good.txt").write_text((TEST_DATA / "en" / "minimal.txt").read_text(encoding="utf-8"), encoding="utf-8")
    (source / "broken.txt").write_bytes(b"\x00\x00binary")
    (source / "empty.md").write_text("\n", encoding="utf-8")
    report = run_build([source], tmp_path / "out")
    errors = {p.path.name: p.error for p in report.policies if p.error}
    assert set(errors) == {"broken.txt", "empty.md"}
    assert re.search(r"broken\.txt.*binary", errors["broken.txt"])
    assert [p.path.name for p in report.policies if not p.error] == ["good.txt"]
    assert "acme" in (tmp_path / "out" / "kg.nq").read_text(encoding="utf-8").lower()


def test_build_of_missing_path_is_a_clear_error(tmp_path):
    from graphbuilder.errors import GraphbuilderError

    with pytest.raises(GraphbuilderError, match="nothing-here"):
        run_build([tmp_path / "nothing-here"], tmp_path / "out")


def test_every_development_policy_builds_cleanly(tmp_path):
    from tests.conftest import CORPUS_EXTRA

    from graphbuilder.pipeline import extract_file

    report = run_build([CORPUS_EXTRA], tmp_path / "out")
    assert len(report.policies) == 12
    assert not report.failed, [p.error for p in report.failed]
    for item in report.policies:
        assert item.controller and item.statements > 0, item.path.name
        extraction = extract_file(item.path)
        for statement in extraction.statements:
            for evidence in statement.evidence:
                assert extraction.document.text[evidence.start_char:evidence.end_char] == evidence.quote


@pytest.mark.parametrize("texts, golds", [("synthetic", "gold-synthetic"), ("heldout", "gold-heldout")])
def test_every_written_policy_builds_cleanly_with_its_annotated_controller(tmp_path, texts, golds):
    from graphbuilder.pipeline import extract_file
    from tests.conftest import ROOT

    report = run_build([ROOT / "tests" / texts], tmp_path / "out")
    texts_written = sorted((ROOT / "tests" / texts).glob("*.txt"))
    assert len(report.policies) == len(texts_written) >= 6 and not report.failed, [p.error for p in report.failed]
    for item in report.policies:
        gold = yaml.safe_load((ROOT / "tests" / golds / f"{item.path.stem}.yaml").read_text(encoding="utf-8"))
        names = extract_file(item.path).controller.names  # any one name matching counts, as in ANNOTATION.md
        assert any(names_match(name, n) for name in names for n in gold["controller"]), (item.path.name, names)
