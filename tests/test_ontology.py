"""The ontology: loads in rdflib and owlready2, is consistent under HermiT, links every concept to DPV,
carries labels in en/ja/vi, and the generated namespaces match it."""

import json
import subprocess
import sys
from collections import Counter

import pytest
from rdflib import URIRef
from rdflib.namespace import OWL, RDF, RDFS, SKOS

from graphbuilder.errors import OntologyError, PatternError
from graphbuilder.lexicon import SCHEMES, load_cues, load_lexicon, load_ontology_graph, ontology_files
from graphbuilder.ns import PKG
from graphbuilder.validate import owl_world, reason
from tests.conftest import ROOT

DPV_BASES = ("https://w3id.org/dpv#", "https://w3id.org/dpv/pd#", "https://w3id.org/dpv/legal/", "https://w3id.org/dpv/tech#")


@pytest.fixture(scope="module")
def ontology():
    return load_ontology_graph()


def test_ontology_parses_in_rdflib_with_its_core_classes(ontology):
    assert (URIRef("https://w3id.org/policykg"), RDF.type, OWL.Ontology) in ontology
    for kind in (PKG.Collection, PKG.ThirdPartyProvision, PKG.Entrustment, PKG.JointUse, PKG.DisclosureToAuthority,
                 PKG.BusinessSuccession, PKG.CrossBorderTransfer, PKG.Retention):
        assert (kind, RDFS.subClassOf, PKG.DataPractice) in ontology
    assert (PKG.DataPractice, RDFS.subClassOf, URIRef("https://w3id.org/dpv#Process")) in ontology
    assert (PKG.DeniedPractice, OWL.disjointWith, URIRef("https://w3id.org/dpv#Process")) in ontology


def test_ontology_dpv_iris_exist_in_the_dpv_subset(ontology):
    from rdflib import Graph

    subset = Graph().parse(ROOT / "ontology" / "dpv.ttl", format="turtle")
    dpv_terms = {str(node) for triple in subset for node in triple if isinstance(node, URIRef)}
    ours = Graph()
    for path in ontology_files():
        if path.name != "dpv.ttl":
            ours.parse(path, format="turtle")
    used = {str(node) for triple in ours for node in triple
            if isinstance(node, URIRef) and str(node).startswith(DPV_BASES)}
    unknown = sorted(used - dpv_terms)
    assert not unknown, f"IRIs not in DPV: {unknown[:10]}"


def test_ontology_vocabulary_concepts_have_labels_in_three_languages_and_reach_dpv(ontology):
    concepts = {c for scheme in SCHEMES for c in ontology.subjects(SKOS.inScheme, scheme)}
    assert len(concepts) > 200
    for concept in concepts:
        langs = Counter(l.language for l in ontology.objects(concept, SKOS.prefLabel))
        assert {"en", "ja", "vi"} <= set(langs), f"{concept}: prefLabels {dict(langs)}"
        assert max(langs.values()) == 1, f"{concept}: more than one prefLabel in a language"
        names = any((concept, SKOS.inScheme, s) in ontology for s in (PKG.OrganisationScheme, PKG.PlaceScheme))
        if str(concept).startswith(str(PKG)) and not names:
            links = [o for p in (SKOS.broader, SKOS.exactMatch) for o in ontology.objects(concept, p)]
            assert len(links) == 1 and str(links[0]).startswith(DPV_BASES + (str(PKG),)), f"{concept}: links {links}"


def test_ontology_loads_in_owlready2_and_hermit_finds_it_consistent(ontology):
    import owlready2

    world, onto = owl_world(ontology)
    with onto:
        flow = onto.search_one(iri=str(PKG.ThirdPartyProvision))("flow1")
    owlready2.sync_reasoner_hermit(world, infer_property_values=False, debug=0)
    process = world[str(URIRef("https://w3id.org/dpv#Process"))]
    assert process in flow.INDIRECT_is_a  # a third-party provision is a dpv:Process
    assert reason(ontology).conforms


def test_hermit_rejects_a_denial_that_is_also_a_process(ontology):
    import owlready2

    world, onto = owl_world(ontology)
    with onto:
        denial = onto.search_one(iri=str(PKG.DeniedPractice))("denial1")
        denial.is_a.append(onto.search_one(iri=str(PKG.Collection)))
    with pytest.raises(owlready2.OwlReadyInconsistentOntologyError):
        owlready2.sync_reasoner_hermit(world, infer_property_values=False, debug=0)


def test_generated_namespaces_match_the_ontology():
    result = subprocess.run([sys.executable, str(ROOT / "tools" / "make_ns.py")], capture_output=True, text=True,
                            check=True)
    assert result.stdout == (ROOT / "graphbuilder" / "ns.py").read_text(encoding="utf-8"), \
        "graphbuilder/ns.py is stale: run python tools/make_ns.py > graphbuilder/ns.py"


def test_ontology_error_names_the_bad_file(tmp_path):
    (tmp_path / "broken.ttl").write_text("@prefix x: <urn:x#> .\nx:a x:b ", encoding="utf-8")
    with pytest.raises(OntologyError, match="broken.ttl"):
        load_ontology_graph(tmp_path)
    with pytest.raises(OntologyError, match="no ontology files"):
        ontology_files(tmp_path / "empty")


def test_cue_pattern_errors_name_file_and_line(tmp_path):
    good = {"label": "NEGATION", "lang": "en", "id": "n1", "pattern": r"\bnot\b"}
    path = tmp_path / "cues.jsonl"
    path.write_text(json.dumps(good) + "\n" + json.dumps({**good, "pattern": "(unclosed"}) + "\n", encoding="utf-8")
    with pytest.raises(PatternError, match=r"cues.jsonl:2: invalid pattern 'n1'"):
        load_cues(path)
    path.write_text(json.dumps({**good, "label": "WHATEVER"}) + "\n", encoding="utf-8")
    with pytest.raises(PatternError, match=r"cues.jsonl:1: unknown label 'WHATEVER'"):
        load_cues(path)
    path.write_text("not json\n", encoding="utf-8")
    with pytest.raises(PatternError, match=r"cues.jsonl:1:"):
        load_cues(path)


def test_ontology_no_label_names_two_concepts_of_one_scheme(ontology):
    from graphbuilder.lexicon import fold

    owners: dict[tuple, set] = {}
    for scheme in list(SCHEMES) + [PKG.StopPhraseScheme]:
        for concept in ontology.subjects(SKOS.inScheme, scheme):
            for predicate in (SKOS.prefLabel, SKOS.altLabel):
                for label in ontology.objects(concept, predicate):
                    key = (scheme, fold(str(label)).replace(" ", "").replace("-", ""))
                    owners.setdefault(key, set()).add(concept)
    clashes = {k[1]: sorted(map(str, v)) for k, v in owners.items() if len(v) > 1}
    assert not clashes, clashes


@pytest.mark.parametrize("text, concept", [
    ("statistical analyses", "ServiceUsageAnalytics"),
    ("phone numbers", "TelephoneNumber"),
    ("email addresses", "EmailAddress"),
])
def test_lexicon_matches_english_plurals_of_labels(text, concept):
    assert concept in {m.concept.rsplit("#", 1)[-1] for m in load_lexicon().find(text, "en")}


@pytest.mark.parametrize("text, concept", [
    ("to evaluate your application", "RecruitmentApplicantSelection"),
    ("we collect your e-mail address", "EmailAddress"),
])
def test_lexicon_lets_articles_and_possessives_stand_inside_english_labels(text, concept):
    assert concept in {m.concept.rsplit("#", 1)[-1] for m in load_lexicon().find(text, "en")}


@pytest.mark.parametrize("text", ["cá nhân hoá nội dung", "cá nhân hóa nội dung", "ca nhan hoa noi dung"])
def test_lexicon_matches_vietnamese_whatever_the_tone_placement(text):
    assert "ServicePersonalisation" in {m.concept.rsplit("#", 1)[-1] for m in load_lexicon().find(text, "vi")}


def test_every_refinement_names_a_cue_with_patterns(ontology):
    cues = load_cues()
    named = {str(cue) for _, cue in ontology.subject_objects(PKG.refinementCue)}
    assert named and all(cue in cues for cue in named), named - set(cues)


@pytest.mark.parametrize("text, concept, conjunct", [
    ("we schedule and conduct interviews", "RecruitmentInterviewScheduling", "schedule"),
    ("we log IP and MAC addresses", "IPAddress", "IP"),
])
def test_lexicon_completes_english_conjuncts_that_share_their_last_words(text, concept, conjunct):
    found = {(m.concept.rsplit("#", 1)[-1], m.text) for m in load_lexicon().find(text, "en")}
    assert (concept, conjunct) in found


def test_lexicon_does_not_complete_items_of_a_comma_list():
    found = {m.text for m in load_lexicon().find("sale of all or part of our assets, personal information", "en")}
    assert "assets" not in found
