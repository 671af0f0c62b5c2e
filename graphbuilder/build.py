"""Build: turn one policy's statements into RDF triples in the project ontology (DPV-aligned).

``build(extraction)`` is pure: it returns an rdflib Graph whose identifier is the policy's named
graph. IRIs derive from content (file name, names, statement content and offsets), so building
twice gives the same graph.
"""

from __future__ import annotations

import hashlib
from datetime import datetime, timezone

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, PROV, RDF, RDFS, XSD

from graphbuilder import __version__
from graphbuilder.ingest import slug
from graphbuilder.language import detect_language
from graphbuilder.lexicon import Lexicon, load_lexicon
from graphbuilder.model import PolicyExtraction, Recipient, Statement
from graphbuilder.ns import BASE, DPV, GRAPH_BASE, OA, PKG, PREFIXES

BUILD_GRAPH = URIRef(GRAPH_BASE + "build")
ONTOLOGY_GRAPH = URIRef(GRAPH_BASE + "ontology")
_ROLE_PROPERTY = {str(DPV.ThirdParty): DPV.hasRecipientThirdParty, str(DPV.DataProcessor): DPV.hasDataProcessor}


def policy_iri(doc_id: str) -> URIRef:
    """The IRI of a policy, which is also the name of its graph."""
    return URIRef(f"{BASE}policy/{doc_id}")


def organisation_iri(name: str) -> URIRef:
    return URIRef(f"{BASE}org/{slug(name)}")


def new_graph(identifier: URIRef | None = None) -> Graph:
    graph = Graph(identifier=identifier)
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace)
    return graph


def _name_literal(name: str) -> Literal:
    return Literal(name, lang=detect_language(name) or "en")


def build(extraction: PolicyExtraction, lexicon: Lexicon | None = None) -> Graph:
    """The named graph of one policy.

    Example:
        >>> from graphbuilder.ingest import parse_policy
        >>> from graphbuilder.segment import segment
        >>> from graphbuilder.extract import extract
        >>> doc = parse_policy(b"Acme Inc. collects your email address.", "acme.txt")
        >>> g = build(extract(doc, segment(doc)))
        >>> str(g.identifier), len(list(g.subjects(RDF.type, DPV.Process)))
        ('https://w3id.org/policykg/id/policy/acme', 1)
    """
    lexicon = lexicon or load_lexicon()
    doc = extraction.document
    policy = policy_iri(doc.doc_id)
    g = new_graph(policy)
    g.add((policy, RDF.type, PKG.PrivacyPolicy))
    g.add((policy, DCTERMS.title, Literal(extraction.title)))
    g.add((policy, RDFS.label, Literal(extraction.title)))
    g.add((policy, PKG.sourceFile, Literal(doc.source)))
    g.add((policy, PKG.contentHash, Literal(doc.content_hash)))
    g.add((policy, PKG.encoding, Literal(doc.encoding)))
    g.add((policy, DCTERMS["format"], Literal(doc.media_type)))
    for lang in extraction.languages:
        g.add((policy, DCTERMS.language, Literal(lang, datatype=XSD.language)))
    for day in extraction.dates:
        g.add((policy, PKG.mentionsDate, Literal(day, datatype=XSD.date)))

    controller = organisation_iri(extraction.controller.name)
    g.add((policy, DPV.hasDataController, controller))
    g.add((controller, RDF.type, DPV.DataController))
    for name in extraction.controller.names:
        g.add((controller, RDFS.label, _name_literal(name)))
    g.add((controller, DPV.hasName, Literal(extraction.controller.name)))

    for statement in extraction.statements:
        _add_statement(g, policy, controller, statement, lexicon)
    return g


def _statement_iri(policy: URIRef, statement: Statement) -> URIRef:
    basis = repr((statement.content_key(), [(e.start_char, e.end_char) for e in statement.evidence]))
    return URIRef(f"{policy}/statement/{hashlib.sha1(basis.encode('utf-8')).hexdigest()[:16]}")


def _add_statement(g: Graph, policy: URIRef, controller: URIRef, s: Statement, lexicon: Lexicon) -> None:
    node = _statement_iri(policy, s)
    kind = URIRef(s.kind)
    g.add((policy, PKG.hasStatement, node))
    if s.negated:
        g.add((node, RDF.type, PKG.DeniedPractice))
        g.add((node, PKG.deniedPractice, kind))
    else:
        g.add((node, RDF.type, kind))
        if lexicon.is_a(s.kind, str(DPV.Process)):
            g.add((node, RDF.type, DPV.Process))
            if s.kind in lexicon.processing:
                g.add((node, DPV.hasProcessing, URIRef(lexicon.processing[s.kind])))
    g.add((node, DPV.hasDataController, controller))
    for predicate, values in ((DPV.hasPersonalData, s.personal_data), (DPV.hasPurpose, s.purposes),
                              (DPV.hasLegalBasis, s.legal_bases), (DPV.hasDataSubject, s.data_subjects),
                              (DPV.hasRight, s.rights), (DPV.hasTechnicalOrganisationalMeasure, s.measures)):
        for value in values:
            g.add((node, predicate, URIRef(value)))
    for recipient in s.recipients:
        _add_recipient(g, node, recipient)
    if s.condition:
        g.add((node, PKG.condition, Literal(s.condition)))
    for evidence in s.evidence:
        ev = URIRef(f"{node}/evidence/{evidence.start_char}-{evidence.end_char}")
        quote, position = URIRef(f"{ev}/quote"), URIRef(f"{ev}/position")
        g.add((node, PKG.hasEvidence, ev))
        g.add((node, PROV.wasDerivedFrom, ev))
        g.add((ev, RDF.type, PKG.Evidence))
        g.add((ev, RDF.type, OA.SpecificResource))
        g.add((ev, OA.hasSource, policy))
        g.add((ev, OA.hasSelector, quote))
        g.add((ev, OA.hasSelector, position))
        g.add((ev, DCTERMS.language, Literal(evidence.lang, datatype=XSD.language)))
        if evidence.section:
            g.add((ev, PKG.sectionHeading, Literal(evidence.section)))
        g.add((quote, RDF.type, OA.TextQuoteSelector))
        g.add((quote, OA.exact, Literal(evidence.quote)))
        g.add((position, RDF.type, OA.TextPositionSelector))
        g.add((position, OA.start, Literal(evidence.start_char, datatype=XSD.integer)))
        g.add((position, OA.end, Literal(evidence.end_char, datatype=XSD.integer)))


def _add_recipient(g: Graph, node: URIRef, recipient: Recipient) -> None:
    role = URIRef(recipient.role)
    if recipient.name is None:
        g.add((node, DPV.hasRecipient, role))
        return
    org = organisation_iri(recipient.known_as.rsplit("#", 1)[-1] if recipient.known_as else recipient.name)
    g.add((org, RDF.type, role))
    g.add((org, RDF.type, DPV.Organisation))
    g.add((org, RDFS.label, _name_literal(recipient.name)))
    if recipient.known_as:
        g.add((org, PKG.knownAs, URIRef(recipient.known_as)))
    g.add((node, DPV.hasRecipient, org))
    if str(role) in _ROLE_PROPERTY:
        g.add((node, _ROLE_PROPERTY[str(role)], org))


def build_provenance(policies: list[PolicyExtraction], started: datetime, ended: datetime | None = None) -> Graph:
    """The build graph: which tool version built which policies, and when (kept apart from the policies)."""
    g = new_graph(BUILD_GRAPH)
    ended = ended or datetime.now(timezone.utc)
    activity = URIRef(f"{BASE}build/{started.strftime('%Y%m%dT%H%M%S%f')}")
    g.add((activity, RDF.type, PROV.Activity))
    g.add((activity, RDFS.label, Literal(f"policykg build {__version__}")))
    g.add((activity, PROV.startedAtTime, Literal(started.isoformat(), datatype=XSD.dateTime)))
    g.add((activity, PROV.endedAtTime, Literal(ended.isoformat(), datatype=XSD.dateTime)))
    g.add((activity, PKG.toolVersion, Literal(__version__)))
    for extraction in policies:
        policy = policy_iri(extraction.document.doc_id)
        g.add((activity, PROV.generated, policy))
        g.add((policy, PROV.wasGeneratedBy, activity))
    return g
