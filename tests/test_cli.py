"""The policykg command line: exit codes, messages on stderr, the build summary."""

import json

from typer.testing import CliRunner

from graphbuilder.cli import app
from tests.conftest import GOLD, TEST_DATA

runner = CliRunner(env={"COLUMNS": "200"})


def test_cli_build_prints_summary_and_writes_outputs(tmp_path):
    result = runner.invoke(app, ["build", str(TEST_DATA / "en" / "minimal.txt"), str(TEST_DATA / "ja"), "--out", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert "Acme Widgets Inc." in result.stdout
    assert "株式会社テスト商事" in result.stdout
    assert (tmp_path / "kg.nq").is_file() and (tmp_path / "store").is_dir()


def test_cli_build_missing_path_fails_with_message(tmp_path):
    result = runner.invoke(app, ["build", str(tmp_path / "nope"), "--out", str(tmp_path / "out")])
    assert result.exit_code == 1
    assert "nope" in result.stderr and "no such file" in result.stderr


def test_cli_build_bad_file_exits_1_but_keeps_the_good_ones(tmp_path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "bad.txt").write_bytes(b"\x00\x01")
    (tmp_path / "in" / "good.txt").write_text((TEST_DATA / "en" / "minimal.txt").read_text(encoding="utf-8"),
                                              encoding="utf-8")
    result = runner.invoke(app, ["build", str(tmp_path / "in"), "--out", str(tmp_path / "out")])
    assert result.exit_code == 1
    assert "bad.txt" in result.stderr
    assert "Acme" in (tmp_path / "out" / "kg.nq").read_text(encoding="utf-8")


def test_cli_query_reads_the_build_and_prints_csv(tmp_path):
    assert runner.invoke(app, ["build", str(TEST_DATA / "en" / "minimal.txt"), "--out", str(tmp_path), "-q"]).exit_code == 0
    result = runner.invoke(app, ["query", "data-categories-per-controller", "--out", str(tmp_path), "--format", "csv"])
    assert result.exit_code == 0, result.output
    lines = result.stdout.strip().splitlines()
    assert lines[0].startswith("controller,")
    assert any("EmailAddress" in line for line in lines[1:])


def test_cli_query_without_build_says_so(tmp_path):
    result = runner.invoke(app, ["query", "data-categories-per-controller", "--out", str(tmp_path / "none")])
    assert result.exit_code == 1
    assert "no built graph" in result.stderr


def test_cli_eval_writes_figures(tmp_path, corpus_dir):
    result = runner.invoke(app, ["eval", "--gold", str(GOLD), str(corpus_dir), "--out", str(tmp_path)])
    assert result.exit_code == 0, result.output
    figures = json.loads((tmp_path / "eval.json").read_text(encoding="utf-8"))
    assert set(figures["overall"]) == {"controller", "personal_data", "purposes", "recipients", "named_recipients",
                                       "legal_bases", "data_subjects"}
    assert len(figures["policies"]) == 5
    assert "precision" in result.stdout
    # a floor below the measured figures (README): a change that loses much on the reference corpus fails here
    low = {f: v for f, v in figures["overall"].items() if min(v["precision"], v["recall"]) < 0.85}
    assert not low, low


def test_cli_version():
    result = runner.invoke(app, ["--version"])
    assert result.exit_code == 0 and "policykg" in result.stdout


def test_cli_validate_checks_shapes_and_reasoning(tmp_path):
    assert runner.invoke(app, ["build", str(TEST_DATA / "ja" / "minimal.txt"), "--out", str(tmp_path), "-q"]).exit_code == 0
    result = runner.invoke(app, ["validate", "--out", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert "policy/minimal" in result.stdout and "ontology" in result.stdout


def test_cli_validate_reports_a_graph_that_breaks_the_contract(tmp_path):
    import pyoxigraph as ox

    assert runner.invoke(app, ["build", str(TEST_DATA / "en" / "minimal.txt"), "--out", str(tmp_path), "-q"]).exit_code == 0
    store = ox.Store(str(tmp_path / "store"))
    store.update("DELETE { GRAPH ?g { ?p <https://w3id.org/policykg#sourceFile> ?f } } "
                 "WHERE { GRAPH ?g { ?p <https://w3id.org/policykg#sourceFile> ?f } }")
    del store
    result = runner.invoke(app, ["validate", "--out", str(tmp_path)])
    assert result.exit_code == 1
    assert "sourceFile" in result.stderr
