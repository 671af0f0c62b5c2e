"""Build: the graph contract — named graphs, DPV terms, evidence at its offsets, deterministic IRIs."""

import pyoxigraph as ox
from rdflib import Literal
from rdflib.compare import isomorphic
from rdflib.namespace import RDF, RDFS

from graphbuilder.build import build, policy_iri
from graphbuilder.extract import extract
from graphbuilder.ingest import parse_policy, read_policy
from graphbuilder.lexicon import load_lexicon
from graphbuilder.model import Controller, Document, Evidence, PolicyExtraction, Recipient, Statement
from graphbuilder.ns import DPV, OA, PD, PKG
from graphbuilder.segment import segment
from graphbuilder.validate import validate
from tests.conftest import EXAMPLES, TEST_DATA


def _document(text: str = "Acme Inc. collects your email address. We never sell it.") -> Document:
    return parse_policy(text.encode("utf-8"), "acme.txt")


def _extraction(statements) -> PolicyExtraction:
    return PolicyExtraction(document=_document(), languages=("en",), controller=Controller(("Acme Inc.", "アクメ株式会社")),
                            title="Acme privacy policy", dates=("2024-04-01",), statements=tuple(statements))


def _evidence(start=0, end=38):
    return (Evidence(_document().text[start:end], start, end, "1. Data", "en"),)


def test_build_statement_uses_dpv_terms_and_controller_node():
    statement = Statement(kind=str(PKG.Collection), controller="Acme Inc.", personal_data=(str(PD.EmailAddress),),
                          purposes=(str(DPV.ServiceProvision),), legal_bases=(str(DPV.Consent),),
                          data_subjects=(str(DPV.Customer),), evidence=_evidence())
    g = build(_extraction([statement]))
    policy = policy_iri("acme")
    assert g.identifier == policy
    (node,) = g.objects(policy, PKG.hasStatement)
    assert (node, RDF.type, DPV.Process) in g and (node, RDF.type, PKG.Collection) in g
    assert (node, DPV.hasProcessing, DPV.Collect) in g
    assert (node, DPV.hasPersonalData, PD.EmailAddress) in g
    assert (node, DPV.hasLegalBasis, DPV.Consent) in g
    (controller,) = g.objects(node, DPV.hasDataController)
    assert (controller, RDF.type, DPV.DataController) in g
    assert set(g.objects(controller, RDFS.label)) == {Literal("Acme Inc.", lang="en"), Literal("アクメ株式会社", lang="ja")}
    assert (policy, PKG.sourceFile, Literal("acme.txt")) in g


def test_build_denial_is_not_a_process():
    denial = Statement(kind=str(PKG.ThirdPartyProvision), controller="Acme Inc.", personal_data=(str(PD.EmailAddress),),
                       negated=True, evidence=_evidence(39, 57))
    g = build(_extraction([denial]))
    (node,) = g.subjects(RDF.type, PKG.DeniedPractice)
    assert (node, RDF.type, DPV.Process) not in g
    assert (node, PKG.deniedPractice, PKG.ThirdPartyProvision) in g
    assert not list(g.subjects(RDF.type, DPV.Process))


def test_build_named_recipient_is_its_own_node_with_role():
    statement = Statement(kind=str(PKG.TrackingTechnology), controller="Acme Inc.",
                          recipients=(Recipient(str(DPV.ThirdParty), "Google Analytics"), Recipient(str(DPV.DataProcessor))),
                          evidence=_evidence())
    g = build(_extraction([statement]))
    (node,) = g.subjects(RDF.type, DPV.Process)
    recipients = set(g.objects(node, DPV.hasRecipient))
    assert DPV.DataProcessor in recipients
    (org,) = recipients - {DPV.DataProcessor}
    assert (org, RDFS.label, Literal("Google Analytics", lang="en")) in g
    assert (org, RDF.type, DPV.ThirdParty) in g
    assert (node, DPV.hasRecipientThirdParty, org) in g


def test_build_evidence_selectors_quote_the_text_at_their_offsets():
    doc = read_policy(EXAMPLES / "en_brightcart.txt")
    g = build(extract(doc, segment(doc)))
    quotes = 0
    for ev in g.subjects(RDF.type, PKG.Evidence):
        selectors = list(g.objects(ev, OA.hasSelector))
        quote = next(s for s in selectors if (s, RDF.type, OA.TextQuoteSelector) in g)
        position = next(s for s in selectors if (s, RDF.type, OA.TextPositionSelector) in g)
        exact, start, end = g.value(quote, OA.exact), g.value(position, OA.start), g.value(position, OA.end)
        assert doc.text[int(start):int(end)] == str(exact)
        quotes += 1
    assert quotes >= 10


def test_build_twice_gives_the_same_graph():
    doc = read_policy(EXAMPLES / "ja_sakura_travel.txt")
    first = build(extract(doc, segment(doc)))
    second = build(extract(read_policy(EXAMPLES / "ja_sakura_travel.txt"), segment(doc)))
    assert len(first) > 50
    assert isomorphic(first, second)
    assert set(first.all_nodes()) == set(second.all_nodes())  # same IRIs, not just the same shape


def test_build_graph_conforms_to_the_contract_shapes():
    for path in [EXAMPLES / "mixed_ja_en_kumo.txt", EXAMPLES / "vi_hoasen_shop.txt", TEST_DATA / "en" / "table.txt"]:
        doc = read_policy(path)
        result = validate(build(extract(doc, segment(doc))))
        assert result.conforms, result.report


def test_build_every_value_reaches_a_dpv_concept():
    lexicon = load_lexicon()
    doc = read_policy(EXAMPLES / "en_brightcart.txt")
    g = build(extract(doc, segment(doc)))
    dpv_roots = ("https://w3id.org/dpv#", "https://w3id.org/dpv/pd#", "https://w3id.org/dpv/legal/")
    for predicate in (DPV.hasPersonalData, DPV.hasPurpose, DPV.hasLegalBasis, DPV.hasDataSubject):
        for value in g.objects(None, predicate):
            concept = str(value)
            reached = concept.startswith(dpv_roots) or any(a.startswith(dpv_roots) for a in lexicon.ancestors.get(concept, ()))
            assert reached, f"{concept} does not reach DPV"


def test_build_loads_into_pyoxigraph_as_a_named_graph():
    doc = read_policy(TEST_DATA / "en" / "minimal.txt")
    g = build(extract(doc, segment(doc)))
    store = ox.Store()
    store.load(g.serialize(format="nt", encoding="utf-8"), format=ox.RdfFormat.N_TRIPLES,
               to_graph=ox.NamedNode(str(g.identifier)))
    assert len(store) == len(g)
    assert {n.value for n in store.named_graphs()} == {str(g.identifier)}
