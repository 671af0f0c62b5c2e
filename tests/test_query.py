"""Query: headers, parameters bound as RDF terms, errors that point, results formats, and the CLI."""

from __future__ import annotations

import gc
import json
from pathlib import Path

import pyoxigraph as ox
import pytest
from typer.testing import CliRunner

from graphbuilder.cli import app
from graphbuilder.errors import QueryError
from graphbuilder.query import (
    bind_params,
    execute,
    library,
    library_reference,
    parse_query,
    parse_term,
    resolve,
    run_query,
    serialize_results,
    solution_rows,
    standalone_text,
    term_text,
)
from graphbuilder.store import STORE_DIR
from tests.test_query_library import CORPUS, load_library

ROOT = Path(__file__).resolve().parent.parent
XSD = "http://www.w3.org/2001/XMLSchema#"
LABELS = """# Which labels does a thing have?
# Lists rdfs:label values.
# param: thing — the thing's IRI
# param: lang — a language tag (optional)
# example: policykg query labels --param thing=kg:org/acme
SELECT ?thing ?label
WHERE { ?thing rdfs:label ?label }
ORDER BY ?label
"""


@pytest.fixture()
def store() -> ox.Store:
    store = ox.Store()
    acme = ox.NamedNode("https://w3id.org/policykg/id/org/acme")
    label = ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#label")
    for value in (ox.Literal("Acme"), ox.Literal("アクメ", language="ja"), ox.Literal('He said "hi" } {')):
        store.add(ox.Quad(acme, label, value, ox.NamedNode("https://w3id.org/policykg/id/policy/acme")))
    return store


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    """A build folder holding the library tests' two policies (the store closed, for the CLI to open)."""
    out = tmp_path_factory.mktemp("query-build")
    library_store = load_library(*CORPUS, path=str(out / STORE_DIR))
    library_store.store.flush()
    del library_store
    gc.collect()
    return out


def test_query_header_gives_summary_description_parameters_and_examples():
    named = parse_query(LABELS, "labels")
    assert named.summary == "Which labels does a thing have?"
    assert named.description == "Lists rdfs:label values."
    assert [(p.name, p.description, p.required) for p in named.params] == [
        ("thing", "the thing's IRI", True), ("lang", "a language tag", False)]
    assert named.examples == ("policykg query labels --param thing=kg:org/acme",)


def test_query_unknown_name_suggests_near_names_and_lists_the_library():
    with pytest.raises(QueryError, match=r"unknown query 'flows-without-legal-bases'; did you mean "
                                         r"flows-without-legal-basis.*known: .*policies"):
        resolve("flows-without-legal-bases")


def test_query_resolve_reads_a_file(tmp_path):
    for name in ("mine.rq", "mine.sparql", "mine"):
        path = tmp_path / name
        path.write_text(LABELS, encoding="utf-8")
        assert resolve(str(path)).name == "mine"
        assert resolve(str(path)).summary == "Which labels does a thing have?"


@pytest.mark.parametrize("value, expected", [
    ("pd:EmailAddress", ox.NamedNode("https://w3id.org/dpv/pd#EmailAddress")),
    ("kg:policy/acme", ox.NamedNode("https://w3id.org/policykg/id/policy/acme")),
    ("<urn:x:1>", ox.NamedNode("urn:x:1")),
    ("https://example.org/a", ox.NamedNode("https://example.org/a")),
    ('"Google"@en', ox.Literal("Google", language="en")),
    ('"2024-01-01"^^xsd:date', ox.Literal("2024-01-01", datatype=ox.NamedNode(XSD + "date"))),
    ("42", ox.Literal("42", datatype=ox.NamedNode(XSD + "integer"))),
    ("true", ox.Literal("true", datatype=ox.NamedNode(XSD + "boolean"))),
    ("Google", ox.Literal("Google")),
    ("unknownprefix:x", ox.Literal("unknownprefix:x")),
])
def test_query_parse_term(value, expected):
    assert parse_term(value) == expected


def test_query_parse_term_refuses_a_bad_iri():
    with pytest.raises(QueryError, match="not a valid RDF term"):
        parse_term("<not an iri>")


def test_query_parameters_are_checked_against_the_header():
    named = parse_query(LABELS, "labels")
    with pytest.raises(QueryError, match="unknown parameter.*colour.*it takes: thing, lang"):
        bind_params(named, {"thing": "kg:org/acme", "colour": "red"})
    with pytest.raises(QueryError, match="missing parameter.*thing"):
        bind_params(named, {})
    # a file without a header takes any of its variables
    assert bind_params(parse_query("SELECT ?x { ?x ?p ?o }"), {"x": "<urn:a>"}) == {"x": ox.NamedNode("urn:a")}


def test_query_parameters_bind_as_terms_never_as_text(store):
    named = parse_query("# Things with a label?\n# param: label — a label\n"
                        "SELECT ?label ?thing WHERE { ?thing rdfs:label ?label }")
    # a value that would break the query if pasted into it is only ever a literal
    _, rows = run_query(store, named, {"label": '"He said \\"hi\\" } {"'})
    assert [term_text(r["thing"]) for r in rows] == ["kg:org/acme"]
    _, rows = run_query(store, named, {"label": '"} UNION { ?thing ?p ?label }"'})
    assert rows == []
    _, rows = run_query(store, named, {"label": '"アクメ"@ja'})
    assert len(rows) == 1


def test_query_malformed_query_names_file_line_and_column(tmp_path, store):
    path = tmp_path / "broken.rq"
    path.write_text("# Broken?\nSELECT ?x\nWHERE {\n  ?x ?y ?z\n} ORDER ?x\n", encoding="utf-8")
    with pytest.raises(QueryError) as err:
        run_query(store, resolve(str(path)))
    assert str(err.value) == f"{path}:5:11: malformed query: expected BY\n  }} ORDER ?x\n            ^"
    with pytest.raises(QueryError, match=r"q.rq:3:1: malformed query: .*\(at the end of the query\)"):
        run_query(store, parse_query("SELECT ?x\nWHERE { ?x ?y\n", "q"))


def test_query_unknown_prefix_is_named(store):
    named = parse_query("# Q?\nSELECT ?x WHERE {\n  ?x foo:bar ?y }", "q")
    with pytest.raises(QueryError, match=r"q.rq:3:6: malformed query: unknown prefix 'foo:'; known: pkg, dpv"):
        run_query(store, named)


def test_query_parameter_outside_the_projection_is_a_query_error(store):
    named = parse_query("# Q?\n# param: thing — a thing\nSELECT ?label WHERE { ?thing rdfs:label ?label }", "q")
    with pytest.raises(QueryError, match="cannot bind thing.*SELECT clause"):
        run_query(store, named, {"thing": "kg:org/acme"})


def test_query_results_serialise_as_sparql_results(store):
    named = parse_query(LABELS, "labels")
    results = serialize_results(execute(store, named, {"thing": "kg:org/acme"}), "json")
    parsed = ox.parse_query_results(results, format=ox.QueryResultsFormat.JSON)
    assert solution_rows(parsed) == run_query(store, named, {"thing": "kg:org/acme"})
    tsv = serialize_results(execute(store, named, {"thing": "kg:org/acme"}), "tsv").decode()
    assert tsv.splitlines()[0] == "?thing\t?label"
    assert '"アクメ"@ja' in tsv
    csv = serialize_results(execute(store, named, {"thing": "kg:org/acme"}), "csv").decode()
    assert csv.splitlines()[:2] == ["thing,label", "https://w3id.org/policykg/id/org/acme,Acme"]
    assert serialize_results(execute(store, parse_query("ASK { ?s ?p ?o }")), "json") == b'{"head":{},"boolean":true}'
    with pytest.raises(QueryError, match="unknown results format 'xml'"):
        serialize_results(execute(store, named, {"thing": "kg:org/acme"}), "xml")


def test_query_standalone_text_runs_anywhere_with_the_same_rows(store):
    named = parse_query(LABELS, "labels")
    params = {"thing": "kg:org/acme"}
    text = standalone_text(named, params)
    assert text.count("\n") == LABELS.count("\n"), "line numbers stay those of the file"
    plain = ox.Store()
    plain.extend(store)
    assert solution_rows(plain.query(text, use_default_graph_as_union=True)) == run_query(store, named, params)


@pytest.mark.parametrize("text, where", [
    ("SELECT * WHERE { ?s ?p ?o }", 15),
    ("SELECT * { ?s ?p ?o }", 9),
    ("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }", 29),
    ("# a { comment\nSELECT ?s WHERE { ?s ?p \"}{\" }", 30),
    ("PREFIX ex: <http://x/a#> SELECT (EXISTS { ?a ?b ?c } AS ?e) { ?s ?p ?o }", 60),
])
def test_query_standalone_text_binds_in_the_outermost_where_group(text, where):
    named = parse_query(text + "\n", "q")
    bound = standalone_text(named, {"s": "<urn:s>"})
    assert " VALUES (?s) { (<urn:s>) }" in bound
    body = bound[len(standalone_text(named)) - len(named.text):]
    assert body[:where + 1] == text[:where + 1] and body[where + 1:].startswith(" VALUES (?s)")


def test_query_library_reference_is_docs_queries_md():
    assert (ROOT / "docs" / "queries.md").read_text(encoding="utf-8") == library_reference(), \
        "regenerate with: policykg query --list --format markdown > docs/queries.md"
    assert all(f"## {name}" in library_reference() for name in library() if not name.startswith("viz-"))


# ---------------------------------------------------------------- the CLI

def test_query_cli_lists_the_library():
    result = CliRunner().invoke(app, ["query", "--list"], env={"COLUMNS": "200"})
    assert result.exit_code == 0
    for name in ("policies", "compare-policies", "version-changes", "evidence"):
        assert name in result.stdout
    assert "first, second" in result.stdout and "statement?" in result.stdout


def test_query_cli_table(built):
    result = CliRunner().invoke(app, ["query", "named-third-parties", "--out", str(built)], env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    assert "named-third-parties (4 rows)" in result.stdout and "Yamato Transport" in result.stdout


def test_query_cli_json_is_sparql_results_json(built):
    result = CliRunner().invoke(app, ["query", "purposes-per-category", "--out", str(built), "--format", "json",
                                      "--param", "category=pd:Name"])
    assert result.exit_code == 0, result.output
    answer = json.loads(result.stdout)
    assert answer["head"]["vars"] == ["category", "purpose", "policies", "statements"]
    assert answer["results"]["bindings"] == [{
        "category": {"type": "uri", "value": "https://w3id.org/dpv/pd#Name"},
        "purpose": {"type": "uri", "value": "https://w3id.org/dpv#ServiceProvision"},
        "policies": {"type": "literal", "value": "1", "datatype": XSD + "integer"},
        "statements": {"type": "literal", "value": "2", "datatype": XSD + "integer"},
    }]


@pytest.mark.parametrize("fmt, first_line", [("csv", "category,purpose,policies,statements"),
                                             ("tsv", "?category\t?purpose\t?policies\t?statements")])
def test_query_cli_csv_and_tsv(built, fmt, first_line):
    result = CliRunner().invoke(app, ["query", "purposes-per-category", "-o", str(built), "-f", fmt])
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0] == first_line and len(lines) == 6


def test_query_cli_ask_file_prints_the_answer(built, tmp_path):
    path = tmp_path / "any.rq"
    path.write_text("ASK { ?s a pkg:PrivacyPolicy }\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["query", str(path), "--out", str(built)])
    assert result.exit_code == 0 and result.stdout.strip() == "true"


@pytest.mark.parametrize("args, message", [
    (["query", "no-such-query"], "unknown query 'no-such-query'"),
    (["query", "policies", "--format", "xml"], "unknown format 'xml'"),
    (["query", "evidence", "--param", "statement"], "parameter 'statement' is not key=value"),
    (["query", "compare-policies"], "missing parameter(s) first, second"),
    (["query"], "name a query"),
])
def test_query_cli_errors_exit_1_with_the_reason(built, args, message):
    result = CliRunner().invoke(app, [*args, "--out", str(built)], env={"COLUMNS": "300"})
    assert result.exit_code == 1
    assert message in " ".join(result.output.split())


def test_query_cli_malformed_file_shows_line_and_column(built, tmp_path):
    path = tmp_path / "bad.rq"
    path.write_text("SELECT ?x WHERE {\n  ?x ?y ?z .\n} ORDER ?x\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["query", str(path), "--out", str(built)], env={"COLUMNS": "300"})
    assert result.exit_code == 1
    assert f"{path}:3:11: malformed query: expected BY" in result.output
