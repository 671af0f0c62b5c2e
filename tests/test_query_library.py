"""The query library: every named query in queries/ on a small hand-made graph, with its exact rows.

The graph is built here from model objects (never by the extractor): two policies, Acme and Beta,
and two versions of a third for version-changes. Statement IRIs are content hashes, so tests name
statements by a short key (A1, B2, …) and look their IRIs up in the built graphs.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import pyoxigraph as ox
import pytest

from graphbuilder.build import ONTOLOGY_GRAPH, build, new_graph
from graphbuilder.lexicon import load_lexicon
from graphbuilder.model import Controller, Document, Evidence, PolicyExtraction, Recipient, Statement
from graphbuilder.ns import BASE, PREFIXES
from graphbuilder.query import library, resolve, run_query, term_text
from graphbuilder.store import replace_graph

DPV, PD, PKG, GDPR = PREFIXES["dpv"], PREFIXES["pd"], PREFIXES["pkg"], PREFIXES["eu-gdpr"]
EMAIL, NAME, BROWSING, ADDRESS, TRANSACTION = (PD + n for n in ("EmailAddress", "Name", "BrowsingBehaviour",
                                                                 "PhysicalAddress", "Transaction"))
THIRD_PARTY, PROCESSOR, JOINT = DPV + "ThirdParty", DPV + "DataProcessor", DPV + "JointDataControllers"
SERVICE, ANALYTICS = DPV + "ServiceProvision", DPV + "ServiceUsageAnalytics"
PERSONAL_ADS = DPV + "PersonalisedAdvertising"
CONSENT, OBLIGATION = DPV + "Consent", DPV + "LegalObligation"
A, B = "kg:policy/acme", "kg:policy/beta"
OLD, NEW = "kg:policy/acme-2023", "kg:policy/acme-2024"


def _statement(kind: str, quote: str, start: int, section: str = "", **fields) -> Statement:
    evidence = Evidence(quote, start, start + len(quote), section, "en")
    return Statement(kind=PKG + kind, controller="", evidence=(evidence,), **fields)


#: key → statement; the key's letter names the policy (A: acme, B: beta, O: acme-2023, N: acme-2024)
STATEMENTS = {
    "A1": _statement("Collection", "We collect your name and email address to provide the service.", 0,
                     "Information we collect", personal_data=(EMAIL, NAME), purposes=(SERVICE,)),
    "A2": _statement("ThirdPartyProvision", "We do not provide your email address to third parties without your "
                     "consent, except where the law requires it.", 100, "Third parties", personal_data=(EMAIL,),
                     recipients=(Recipient(THIRD_PARTY),), legal_bases=(CONSENT, OBLIGATION),
                     condition="without your consent"),
    "A3": _statement("TrackingTechnology", "We use Google Analytics cookies to measure how the site is used.", 300,
                     "Cookies", personal_data=(BROWSING,), purposes=(ANALYTICS,),
                     recipients=(Recipient(THIRD_PARTY, "Google"),)),
    "A4": _statement("Entrustment", "We entrust your name and address to Yamato Transport for delivery.", 400,
                     "Entrustment", personal_data=(NAME, ADDRESS),
                     recipients=(Recipient(PROCESSOR, "Yamato Transport"),)),
    "A5": _statement("Retention", "We keep payment records for 7 years after the purchase.", 500, "Retention",
                     personal_data=(TRANSACTION,), condition="for 7 years"),
    "A6": _statement("RightsStatement", "You may ask us to disclose or correct your data by writing to us.", 600,
                     "Your rights", rights=(GDPR + "A15", GDPR + "A16")),
    "A7": _statement("ThirdPartyProvision", "We never sell your email address.", 700, "Third parties",
                     personal_data=(EMAIL,), recipients=(Recipient(THIRD_PARTY),), negated=True),
    "A8": _statement("JointUse", "Your name and email address are used jointly with Acme Travel within the Acme "
                     "group to provide the service.", 800, "Joint use", personal_data=(NAME, EMAIL),
                     purposes=(SERVICE,), recipients=(Recipient(JOINT, "Acme Travel"),),
                     data_subjects=(DPV + "Customer",),
                     condition="within the Acme group"),
    "B1": _statement("Collection", "Beta collects your email address to show you personalised ads.", 0,
                     personal_data=(EMAIL,), purposes=(PERSONAL_ADS,)),
    "B2": _statement("ThirdPartyProvision", "We share your email address and browsing behaviour with Criteo and "
                     "Google for personalised ads.", 70, "Sharing", personal_data=(EMAIL, BROWSING),
                     purposes=(PERSONAL_ADS,), recipients=(Recipient(THIRD_PARTY, "Criteo"),
                                                           Recipient(THIRD_PARTY, "Google"))),
    "B3": _statement("TrackingTechnology", "Our cookies hold no personal information.", 200, "Cookies", negated=True),
    "O1": _statement("Collection", "We collect your name and email address.", 0, personal_data=(EMAIL, NAME)),
    "O2": _statement("ThirdPartyProvision", "No provision to third parties without your consent unless the law "
                     "requires it.", 50, personal_data=(EMAIL,), recipients=(Recipient(THIRD_PARTY),),
                     legal_bases=(CONSENT, OBLIGATION), condition="without your consent"),
    "O3": _statement("TrackingTechnology", "Google Analytics measures visits.", 150, personal_data=(BROWSING,),
                     purposes=(ANALYTICS,), recipients=(Recipient(THIRD_PARTY, "Google"),)),
    "N1": _statement("Collection", "We collect your name and e-mail address.", 10, personal_data=(EMAIL, NAME)),
    "N2": _statement("ThirdPartyProvision", "No provision to third parties without your prior consent.", 60,
                     personal_data=(EMAIL,), recipients=(Recipient(THIRD_PARTY),), legal_bases=(CONSENT,),
                     condition="without your prior consent"),
    "N4": _statement("CrossBorderTransfer", "Your email address may be stored on servers abroad with your consent.",
                     130, personal_data=(EMAIL,), recipients=(Recipient(THIRD_PARTY),), legal_bases=(CONSENT,)),
}


def policy_extraction(doc_id: str, names: tuple[str, ...], prefix: str, *, languages=("en",),
                      dates=()) -> PolicyExtraction:
    document = Document(doc_id=doc_id, source=f"{doc_id}.txt", text="", source_text="", offsets=(), encoding="utf-8",
                        content_hash=f"sha256:{doc_id}")
    statements = tuple(s for key, s in STATEMENTS.items() if key[0] == prefix)
    return PolicyExtraction(document=document, languages=languages, controller=Controller(names),
                            title="Acme Privacy Policy" if "acme" in doc_id else "Beta Privacy Notice",
                            dates=dates, statements=statements)


@dataclass
class Library:
    store: ox.Store
    iri: dict[str, str]  # statement key → its IRI as term_text shows it

    def rows(self, name: str, header: list[str], **params: str) -> list[tuple[str, ...]]:
        """The query's rows as tuples of term_text, after checking its columns."""
        variables, rows = run_query(self.store, resolve(name), params)
        assert variables == header
        return [tuple(term_text(row[v]) for v in variables) for row in rows]


def load_library(*policies: PolicyExtraction, path: str | None = None) -> Library:
    """The ontology and the policies' graphs in a store (in memory, or on disk at ``path``)."""
    lexicon = load_lexicon()
    store = ox.Store(path)
    ontology = new_graph(ONTOLOGY_GRAPH)
    for triple in lexicon.graph:
        ontology.add(triple)
    graphs = [ontology] + [build(p, lexicon) for p in policies]
    iri = {}
    for graph in graphs:
        replace_graph(store, graph)
        for key, statement in STATEMENTS.items():
            evidence = statement.evidence[0]
            suffix = f"/evidence/{evidence.start_char}-{evidence.end_char}"
            if str(graph.identifier) == f"{BASE}policy/{_DOC_OF[key[0]]}":
                (node,) = {str(s)[:-len(suffix)] for s in graph.subjects() if str(s).endswith(suffix)}
                iri[key] = term_text(ox.NamedNode(node))
    return Library(store, iri)


_DOC_OF = {"A": "acme", "B": "beta", "O": "acme-2023", "N": "acme-2024"}


#: the two policies most tests query
CORPUS = (policy_extraction("acme", ("Acme Inc.", "アクメ株式会社"), "A", dates=("2023-04-01",)),
          policy_extraction("beta", ("Beta LLC",), "B"))


@pytest.fixture(scope="module")
def lib() -> Library:
    return load_library(*CORPUS)


@pytest.fixture(scope="module")
def versions() -> Library:
    return load_library(policy_extraction("acme-2023", ("Acme Inc.",), "O", dates=("2023-04-01",)),
                        policy_extraction("acme-2024", ("Acme Inc.",), "N", languages=("en", "ja"),
                                          dates=("2024-05-01",)))


def test_library_fixture_names_every_statement(lib, versions):
    assert sorted(lib.iri) == sorted(k for k in STATEMENTS if k[0] in "AB")
    assert sorted(versions.iri) == sorted(k for k in STATEMENTS if k[0] in "ON")


# ---------------------------------------------------------------- the library as a whole

TESTED = {
    "policies", "data-categories-per-controller", "recipients-per-category", "advertising-analytics-flows",
    "flows-without-legal-basis", "flows-with-legal-basis", "third-party-provisions", "named-third-parties",
    "purposes-per-category", "cookies-and-modules", "joint-use", "retention", "rights-offered",
    "controller-category-matrix", "evidence", "compare-policies", "version-changes", "denied-practices",
}


def test_library_every_analyst_query_has_a_test_here():
    analyst = {name for name in library() if not name.startswith("viz-")}
    assert analyst == TESTED
    assert len(analyst) >= 15


@pytest.mark.parametrize("name", sorted(TESTED))
def test_library_header_says_what_it_answers_its_parameters_and_an_example(name):
    query = library()[name]
    assert query.summary.endswith("?"), "the first header line is the question the query answers"
    assert query.description
    assert query.examples and all(e.startswith(f"policykg query {name}") for e in query.examples)
    projection = re.search(r"SELECT(.*?)WHERE", query.text, re.DOTALL).group(1)
    for param in query.params:
        assert param.description
        assert re.search(rf"\?{param.name}\b", projection), f"parameter {param.name} must be a SELECT variable"
    for example in query.examples:
        for given in re.findall(r"--param (\w+)=", example):
            assert given in query.param_names


def test_library_parameterised_queries_refuse_a_missing_required_parameter(lib):
    from graphbuilder.errors import QueryError

    with pytest.raises(QueryError, match="missing parameter.*--param first=VALUE"):
        run_query(lib.store, resolve("compare-policies"), {"second": B})


# ---------------------------------------------------------------- one test per query, exact rows


def test_policies(lib):
    assert lib.rows("policies", ["policy", "controller", "controllerName", "source", "practices", "denials"]) == [
        (A, "kg:org/acme-inc", "Acme Inc.", "acme.txt", "6", "1"),
        (B, "kg:org/beta-llc", "Beta LLC", "beta.txt", "2", "1"),
    ]


def test_data_categories_per_controller(lib):
    header = ["controller", "controllerName", "category", "statements", "policies"]
    acme = [("kg:org/acme-inc", "Acme Inc.", category, count, "1")
            for category, count in (("pd:BrowsingBehaviour", "1"), ("pd:EmailAddress", "3"), ("pd:Name", "3"),
                                    ("pd:PhysicalAddress", "1"), ("pd:Transaction", "1"))]
    beta = [("kg:org/beta-llc", "Beta LLC", "pd:BrowsingBehaviour", "1", "1"),
            ("kg:org/beta-llc", "Beta LLC", "pd:EmailAddress", "2", "1")]
    assert lib.rows("data-categories-per-controller", header) == acme + beta
    assert lib.rows("data-categories-per-controller", header, controller="kg:org/beta-llc") == beta


def test_recipients_per_category(lib):
    header = ["category", "policy", "data", "kind", "recipient", "recipientName", "purpose"]
    email = ("pd:EmailAddress",)
    assert lib.rows("recipients-per-category", header, category="pd:EmailAddress") == [
        (*email, A, *email, "pkg:JointUse", "kg:org/acme-travel", "Acme Travel", "dpv:ServiceProvision"),
        (*email, A, *email, "pkg:ThirdPartyProvision", "dpv:ThirdParty", "", ""),
        (*email, B, *email, "pkg:ThirdPartyProvision", "kg:org/criteo", "Criteo", "dpv:PersonalisedAdvertising"),
        (*email, B, *email, "pkg:ThirdPartyProvision", "kg:org/google", "Google", "dpv:PersonalisedAdvertising"),
    ]
    # narrower categories count: in DPV, pd:Contact is broader than email and physical addresses
    contact = lib.rows("recipients-per-category", header, category="pd:Contact")
    assert sorted({row[2] for row in contact}) == ["pd:EmailAddress", "pd:PhysicalAddress"]
    assert ("pd:Contact", A, "pd:PhysicalAddress", "pkg:Entrustment", "kg:org/yamato-transport", "Yamato Transport",
            "") in contact


def test_advertising_analytics_flows(lib):
    header = ["policy", "statement", "kind", "recipient", "recipientName", "category", "advertising", "analytics",
              "tracking"]
    b2 = [(B, lib.iri["B2"], "pkg:ThirdPartyProvision", org, name, category, "true", "false", "false")
          for org, name in (("kg:org/criteo", "Criteo"), ("kg:org/google", "Google"))
          for category in ("pd:BrowsingBehaviour", "pd:EmailAddress")]
    assert lib.rows("advertising-analytics-flows", header) == [
        (A, lib.iri["A3"], "pkg:TrackingTechnology", "kg:org/google", "Google", "pd:BrowsingBehaviour",
         "false", "true", "true"),
    ] + b2


def test_flows_without_legal_basis(lib):
    expected = [
        (A, lib.iri["A3"], "pkg:TrackingTechnology", "kg:org/google", "pd:BrowsingBehaviour"),
        (A, lib.iri["A4"], "pkg:Entrustment", "kg:org/yamato-transport", "pd:Name"),
        (A, lib.iri["A4"], "pkg:Entrustment", "kg:org/yamato-transport", "pd:PhysicalAddress"),
        (A, lib.iri["A8"], "pkg:JointUse", "kg:org/acme-travel", "pd:EmailAddress"),
        (A, lib.iri["A8"], "pkg:JointUse", "kg:org/acme-travel", "pd:Name"),
    ] + [(B, lib.iri["B2"], "pkg:ThirdPartyProvision", org, category)
         for org in ("kg:org/criteo", "kg:org/google") for category in ("pd:BrowsingBehaviour", "pd:EmailAddress")]
    expected.sort(key=lambda row: (row[0], row[1], row[3], row[4]))  # ORDER BY ?policy ?statement ?recipient ?category
    header = ["policy", "statement", "kind", "recipient", "category"]
    assert lib.rows("flows-without-legal-basis", header) == expected
    assert lib.rows("flows-without-legal-basis", header, policy=B) == [row for row in expected if row[0] == B]


def test_flows_with_legal_basis(lib):
    assert lib.rows("flows-with-legal-basis", ["policy", "kind", "category", "recipient", "legalBasis"]) == [
        (A, "pkg:Collection", "pd:EmailAddress", "", ""),
        (A, "pkg:Collection", "pd:Name", "", ""),
        (A, "pkg:Entrustment", "pd:Name", "kg:org/yamato-transport", ""),
        (A, "pkg:Entrustment", "pd:PhysicalAddress", "kg:org/yamato-transport", ""),
        (A, "pkg:JointUse", "pd:EmailAddress", "kg:org/acme-travel", ""),
        (A, "pkg:JointUse", "pd:Name", "kg:org/acme-travel", ""),
        (A, "pkg:Retention", "pd:Transaction", "", ""),
        (A, "pkg:ThirdPartyProvision", "pd:EmailAddress", "dpv:ThirdParty", "dpv:Consent"),
        (A, "pkg:ThirdPartyProvision", "pd:EmailAddress", "dpv:ThirdParty", "dpv:LegalObligation"),
        (A, "pkg:TrackingTechnology", "pd:BrowsingBehaviour", "kg:org/google", ""),
        (B, "pkg:Collection", "pd:EmailAddress", "", ""),
        (B, "pkg:ThirdPartyProvision", "pd:BrowsingBehaviour", "kg:org/criteo", ""),
        (B, "pkg:ThirdPartyProvision", "pd:BrowsingBehaviour", "kg:org/google", ""),
        (B, "pkg:ThirdPartyProvision", "pd:EmailAddress", "kg:org/criteo", ""),
        (B, "pkg:ThirdPartyProvision", "pd:EmailAddress", "kg:org/google", ""),
    ]


def test_third_party_provisions(lib):
    header = ["policy", "statement", "legalBasis", "role", "condition"]
    assert lib.rows("third-party-provisions", header) == [
        (A, lib.iri["A2"], "dpv:Consent", "consent", "without your consent"),
        (A, lib.iri["A2"], "dpv:LegalObligation", "exception", "without your consent"),
        (B, lib.iri["B2"], "", "", ""),
    ]


def test_named_third_parties(lib):
    assert lib.rows("named-third-parties", ["recipient", "name", "policies", "statements"]) == [
        ("kg:org/google", "Google", "2", "2"),
        ("kg:org/acme-travel", "Acme Travel", "1", "1"),
        ("kg:org/criteo", "Criteo", "1", "1"),
        ("kg:org/yamato-transport", "Yamato Transport", "1", "1"),
    ]


def test_purposes_per_category(lib):
    header = ["category", "purpose", "policies", "statements"]
    assert lib.rows("purposes-per-category", header) == [
        ("pd:BrowsingBehaviour", "dpv:PersonalisedAdvertising", "1", "1"),
        ("pd:BrowsingBehaviour", "dpv:ServiceUsageAnalytics", "1", "1"),
        ("pd:EmailAddress", "dpv:PersonalisedAdvertising", "1", "2"),
        ("pd:EmailAddress", "dpv:ServiceProvision", "1", "2"),
        ("pd:Name", "dpv:ServiceProvision", "1", "2"),
    ]
    assert lib.rows("purposes-per-category", header, category="pd:Name") == [
        ("pd:Name", "dpv:ServiceProvision", "1", "2")]


def test_cookies_and_modules(lib):
    header = ["policy", "controllerName", "statement", "denied", "recipient", "recipientName", "category"]
    assert lib.rows("cookies-and-modules", header) == [
        (A, "Acme Inc.", lib.iri["A3"], "false", "kg:org/google", "Google", "pd:BrowsingBehaviour"),
        (B, "Beta LLC", lib.iri["B3"], "true", "", "", ""),
    ]


def test_joint_use(lib):
    a8 = lib.iri["A8"]
    header = ["policy", "statement", "item", "value", "valueName"]
    assert lib.rows("joint-use", header) == [
        (A, a8, "condition", "within the Acme group", ""),
        (A, a8, "data subject", "dpv:Customer", ""),
        (A, a8, "joint user", "kg:org/acme-travel", "Acme Travel"),
        (A, a8, "personal data", "pd:EmailAddress", ""),
        (A, a8, "personal data", "pd:Name", ""),
        (A, a8, "purpose", "dpv:ServiceProvision", ""),
    ]
    assert lib.rows("joint-use", header, policy=B) == []


def test_retention(lib):
    assert lib.rows("retention", ["policy", "statement", "category", "duration", "condition", "quote"]) == [
        (A, lib.iri["A5"], "pd:Transaction", "", "for 7 years", STATEMENTS["A5"].evidence[0].quote),
    ]


def test_rights_offered(lib):
    quote = STATEMENTS["A6"].evidence[0].quote
    header = ["policy", "right", "quote", "section"]
    assert lib.rows("rights-offered", header) == [
        (A, "eu-gdpr:A15", quote, "Your rights"),
        (A, "eu-gdpr:A16", quote, "Your rights"),
    ]
    assert lib.rows("rights-offered", header, right="eu-gdpr:A16") == [(A, "eu-gdpr:A16", quote, "Your rights")]


def test_controller_category_matrix(lib):
    counts = {"kg:org/acme-inc": ("Acme Inc.", ["1", "3", "3", "1", "1"]),
              "kg:org/beta-llc": ("Beta LLC", ["1", "2", "0", "0", "0"])}
    categories = ["pd:BrowsingBehaviour", "pd:EmailAddress", "pd:Name", "pd:PhysicalAddress", "pd:Transaction"]
    assert lib.rows("controller-category-matrix", ["controller", "controllerName", "category", "statements"]) == [
        (controller, name, category, n)
        for controller, (name, numbers) in counts.items() for category, n in zip(categories, numbers)
    ]


def _evidence_row(lib: Library, key: str) -> tuple[str, ...]:
    statement = STATEMENTS[key]
    evidence = statement.evidence[0]
    kind, denied = ("pkg:DeniedPractice", term_text(ox.NamedNode(statement.kind))) if statement.negated else \
        (term_text(ox.NamedNode(statement.kind)), "")
    return (lib.iri[key], A if key[0] == "A" else B, kind, denied, evidence.quote, str(evidence.start_char),
            str(evidence.end_char), evidence.section, "en")


def test_evidence(lib):
    header = ["statement", "policy", "kind", "denied", "quote", "start", "end", "section", "language"]
    assert lib.rows("evidence", header, statement=lib.iri["A2"]) == [_evidence_row(lib, "A2")]
    assert lib.rows("evidence", header, statement=lib.iri["B3"]) == [_evidence_row(lib, "B3")]
    everything = lib.rows("evidence", header)
    assert everything == [_evidence_row(lib, key) for key in ("A1", "A2", "A3", "A4", "A5", "A6", "A7", "A8",
                                                              "B1", "B2", "B3")]


def test_compare_policies(lib):
    def facts(presence, *rows):
        return [(A, B, kind, prop, value, presence) for kind, prop, value in rows]

    rows = lib.rows("compare-policies", ["first", "second", "kind", "property", "value", "presence"], first=A, second=B)
    assert rows == [
        *facts("both", ("pkg:Collection", "dpv:hasPersonalData", "pd:EmailAddress")),
        *facts("first only", ("pkg:Collection", "dpv:hasPersonalData", "pd:Name")),
        *facts("second only", ("pkg:Collection", "dpv:hasPurpose", "dpv:PersonalisedAdvertising")),
        *facts("first only", ("pkg:Collection", "dpv:hasPurpose", "dpv:ServiceProvision"),
               ("pkg:DeniedPractice", "dpv:hasPersonalData", "pd:EmailAddress"),
               ("pkg:DeniedPractice", "dpv:hasRecipient", "dpv:ThirdParty"),
               ("pkg:DeniedPractice", "pkg:deniedPractice", "pkg:ThirdPartyProvision")),
        *facts("second only", ("pkg:DeniedPractice", "pkg:deniedPractice", "pkg:TrackingTechnology")),
        *facts("first only", ("pkg:Entrustment", "dpv:hasPersonalData", "pd:Name"),
               ("pkg:Entrustment", "dpv:hasPersonalData", "pd:PhysicalAddress"),
               ("pkg:Entrustment", "dpv:hasRecipient", "kg:org/yamato-transport"),
               ("pkg:JointUse", "dpv:hasDataSubject", "dpv:Customer"),
               ("pkg:JointUse", "dpv:hasPersonalData", "pd:EmailAddress"),
               ("pkg:JointUse", "dpv:hasPersonalData", "pd:Name"),
               ("pkg:JointUse", "dpv:hasPurpose", "dpv:ServiceProvision"),
               ("pkg:JointUse", "dpv:hasRecipient", "kg:org/acme-travel"),
               ("pkg:Retention", "dpv:hasPersonalData", "pd:Transaction"),
               ("pkg:RightsStatement", "dpv:hasRight", "eu-gdpr:A15"),
               ("pkg:RightsStatement", "dpv:hasRight", "eu-gdpr:A16"),
               ("pkg:ThirdPartyProvision", "dpv:hasLegalBasis", "dpv:Consent"),
               ("pkg:ThirdPartyProvision", "dpv:hasLegalBasis", "dpv:LegalObligation")),
        *facts("second only", ("pkg:ThirdPartyProvision", "dpv:hasPersonalData", "pd:BrowsingBehaviour")),
        *facts("both", ("pkg:ThirdPartyProvision", "dpv:hasPersonalData", "pd:EmailAddress")),
        *facts("second only", ("pkg:ThirdPartyProvision", "dpv:hasPurpose", "dpv:PersonalisedAdvertising")),
        *facts("first only", ("pkg:ThirdPartyProvision", "dpv:hasRecipient", "dpv:ThirdParty")),
        *facts("second only", ("pkg:ThirdPartyProvision", "dpv:hasRecipient", "kg:org/criteo"),
               ("pkg:ThirdPartyProvision", "dpv:hasRecipient", "kg:org/google")),
        *facts("first only", ("pkg:TrackingTechnology", "dpv:hasPersonalData", "pd:BrowsingBehaviour"),
               ("pkg:TrackingTechnology", "dpv:hasPurpose", "dpv:ServiceUsageAnalytics"),
               ("pkg:TrackingTechnology", "dpv:hasRecipient", "kg:org/google")),
    ]
    # the same policy against itself: everything in both
    assert {row[-1] for row in lib.rows("compare-policies", ["first", "second", "kind", "property", "value",
                                                             "presence"], first=B, second=B)} == {"both"}


def test_version_changes(versions):
    header = ["old", "new", "change", "kind", "property", "value"]
    changes = [
        ("added", "pkg:CrossBorderTransfer", "dpv:hasLegalBasis", "dpv:Consent"),
        ("added", "pkg:CrossBorderTransfer", "dpv:hasPersonalData", "pd:EmailAddress"),
        ("added", "pkg:CrossBorderTransfer", "dpv:hasRecipient", "dpv:ThirdParty"),
        ("added", "pkg:PrivacyPolicy", "dct:language", "ja"),
        ("added", "pkg:PrivacyPolicy", "pkg:mentionsDate", "2024-05-01"),
        ("added", "pkg:ThirdPartyProvision", "pkg:condition", "without your prior consent"),
        ("removed", "pkg:PrivacyPolicy", "pkg:mentionsDate", "2023-04-01"),
        ("removed", "pkg:ThirdPartyProvision", "dpv:hasLegalBasis", "dpv:LegalObligation"),
        ("removed", "pkg:ThirdPartyProvision", "pkg:condition", "without your consent"),
        ("removed", "pkg:TrackingTechnology", "dpv:hasPersonalData", "pd:BrowsingBehaviour"),
        ("removed", "pkg:TrackingTechnology", "dpv:hasPurpose", "dpv:ServiceUsageAnalytics"),
        ("removed", "pkg:TrackingTechnology", "dpv:hasRecipient", "kg:org/google"),
    ]
    assert versions.rows("version-changes", header, old=OLD, new=NEW) == [(OLD, NEW, *c) for c in changes]
    assert versions.rows("version-changes", header, old=NEW, new=NEW) == []


def test_denied_practices(lib):
    assert lib.rows("denied-practices", ["policy", "statement", "denied", "category", "recipient", "quote"]) == [
        (A, lib.iri["A7"], "pkg:ThirdPartyProvision", "pd:EmailAddress", "dpv:ThirdParty",
         STATEMENTS["A7"].evidence[0].quote),
        (B, lib.iri["B3"], "pkg:TrackingTechnology", "", "", STATEMENTS["B3"].evidence[0].quote),
    ]
