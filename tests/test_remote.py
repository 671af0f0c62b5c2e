"""Remote: push over the Graph Store Protocol, serve with Oxigraph, query over HTTP — against real servers.

The integration tests start a real ``oxigraph serve`` on a free loopback port, push the corpus build
into it and run every library query over HTTP; the rows must be those of the embedded store. Error
paths use the real server (a wrong path is a 404) or a tiny loopback HTTP server (401, 500, TLS).
"""

from __future__ import annotations

import gc
import os
import shutil
import signal
import socket
import ssl
import subprocess
import sys
import threading
from collections import Counter
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pyoxigraph as ox
import pytest
import requests
from typer.testing import CliRunner

from graphbuilder.cli import app
from graphbuilder.errors import PushError, QueryError, StoreError
from graphbuilder.query import library, parse_query, run_query, solution_rows
from graphbuilder.remote import push, query_endpoint, start_oxigraph, stop_oxigraph
from graphbuilder.store import STORE_DIR, graph_names, open_store, triple_count
from tests.test_query_library import CORPUS, load_library

COUNT_ALL = parse_query("# How many triples?\nSELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }", "count")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """A real, writable Oxigraph server on loopback, its default graph the union of the named graphs."""
    port = free_port()
    process = start_oxigraph(tmp_path_factory.mktemp("oxigraph-server"), port=port, read_only=False)
    try:
        url = f"http://127.0.0.1:{port}"
        assert requests.get(url + "/", timeout=10).ok  # it answers, with its query page
        yield url
    finally:
        stop_oxigraph(process)


@pytest.fixture(scope="module")
def pushed(server, corpus_build):
    """The corpus build pushed into the server once: (server URL, push report)."""
    return server, push(corpus_build, server + "/store")


@contextmanager
def embedded(out: Path):
    """The build's store, opened read-only (nothing writes it during these tests)."""
    store = ox.Store.read_only(str(Path(out) / STORE_DIR))
    try:
        yield store
    finally:
        del store
        gc.collect()


def _remote_count(url: str) -> int:
    _, rows = solution_rows(query_endpoint(url + "/query", COUNT_ALL))
    return int(rows[0]["n"].value)


def _param_values(store: ox.Store) -> dict[str, str]:
    """A value, found in the built graph, for every parameter name the library uses."""
    def first(query: str) -> str:
        return "<" + next(iter(store.query(query, use_default_graph_as_union=True)))[0].value + ">"

    policies = sorted(store.query("SELECT ?p WHERE { ?p a <https://w3id.org/policykg#PrivacyPolicy> }",
                                  use_default_graph_as_union=True), key=lambda s: s[0].value)
    one, two = ("<" + p[0].value + ">" for p in policies[:2])
    data = "SELECT ?x WHERE { ?s <https://w3id.org/dpv#hasPersonalData> ?x } ORDER BY ?x"
    return {"policy": one, "first": one, "old": one, "second": two, "new": two,
            "category": first(data), "focus": first(data),
            "controller": first("SELECT ?x WHERE { ?p <https://w3id.org/dpv#hasDataController> ?x } ORDER BY ?x"),
            "statement": first("SELECT ?x WHERE { ?x <https://w3id.org/policykg#hasEvidence> ?e } ORDER BY ?x"),
            "right": "<https://w3id.org/dpv/legal/eu/gdpr#A15>"}


def _multiset(rows: list[dict]) -> Counter:
    return Counter(tuple(sorted(row.items())) for row in rows)


@pytest.mark.server
def test_remote_push_replaces_every_named_graph(pushed, corpus_build):
    url, report = pushed
    with embedded(corpus_build) as store:
        names = graph_names(store)
        assert [name for name, _ in report.pushed] == names
        assert report.triples == triple_count(store)
    assert len(names) >= 7  # five policies, the ontology and the build's provenance
    assert _remote_count(url) == report.triples


@pytest.mark.server
def test_remote_every_library_query_answers_over_http_as_embedded(pushed, corpus_build):
    url, _ = pushed
    with embedded(corpus_build) as store:
        values = _param_values(store)
        for name, query in library().items():
            unknown = set(query.param_names) - set(values)
            assert not unknown, f"{name}: give the test a value for {unknown}"
            required = {p.name: values[p.name] for p in query.params if p.required}
            every = {p.name: values[p.name] for p in query.params}
            for params in (required, every):
                local_vars, local = run_query(store, query, params)
                remote_vars, remote = solution_rows(query_endpoint(url + "/query", query, params), name)
                assert remote_vars == local_vars, name
                assert _multiset(remote) == _multiset(local), (name, params)


@pytest.mark.server
def test_remote_second_push_leaves_the_triple_count_unchanged(pushed, corpus_build):
    url, first = pushed
    before = _remote_count(url)
    again = push(corpus_build, url + "/store")
    assert again.pushed == first.pushed
    assert _remote_count(url) == before == first.triples


@pytest.mark.server
def test_remote_push_to_a_wrong_path_is_a_clear_404(server, corpus_build):
    with pytest.raises(PushError) as err:
        push(corpus_build, server + "/no-such-endpoint")
    message = str(err.value)
    assert "HTTP 404" in message and "no Graph Store endpoint at this URL" in message
    assert "failed" in message and "No graph was replaced before it" in message


@pytest.mark.server
def test_remote_push_and_query_through_the_cli(pushed, corpus_build):
    url, report = pushed
    result = CliRunner().invoke(app, ["push", "--out", str(corpus_build), "--endpoint", url + "/store"])
    assert result.exit_code == 0, result.output
    assert f"pushed {report.graphs} graphs ({report.triples} triples)" in " ".join(result.stdout.split())
    result = CliRunner().invoke(app, ["query", "policies", "--endpoint", url + "/query", "--format", "json"])
    assert result.exit_code == 0, result.output
    remote = solution_rows(ox.parse_query_results(result.stdout_bytes, format=ox.QueryResultsFormat.JSON))
    with embedded(corpus_build) as store:
        assert remote == run_query(store, library()["policies"])
    result = CliRunner().invoke(app, ["push", "--out", str(corpus_build), "--endpoint", url + "/nowhere"])
    assert result.exit_code == 1 and "HTTP 404" in result.output


@pytest.mark.server
def test_remote_query_endpoint_reports_a_rejected_query(server):
    with pytest.raises(QueryError, match=r"count at .*/store: HTTP"):
        query_endpoint(server + "/store", COUNT_ALL)  # not a query endpoint


# ---------------------------------------------------------------- error paths against a loopback stub

class _Stub(BaseHTTPRequestHandler):
    """Answers each PUT with the next status of ``server.statuses`` (the last one repeats)."""

    def do_PUT(self) -> None:  # noqa: N802
        self.rfile.read(int(self.headers.get("Content-Length", 0)))
        self.server.seen.append((self.path, self.headers.get("Authorization"), self.headers.get("Content-Type")))
        status = self.server.statuses[min(len(self.server.seen), len(self.server.statuses)) - 1]
        body = b"" if status < 300 else b"storage exploded"
        self.send_response(status)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args) -> None:  # noqa: ANN002
        pass


@contextmanager
def stub(*statuses: int, tls: ssl.SSLContext | None = None):
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Stub)
    httpd.statuses, httpd.seen = list(statuses), []
    if tls is not None:
        httpd.socket = tls.wrap_socket(httpd.socket, server_side=True)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"{'https' if tls else 'http'}://127.0.0.1:{httpd.server_address[1]}/store", httpd.seen
    finally:
        httpd.shutdown()
        httpd.server_close()
        thread.join()


@pytest.fixture()
def small_build(tmp_path) -> Path:
    """The library tests' two policies as a build folder (three named graphs with the ontology)."""
    library_store = load_library(*CORPUS, path=str(tmp_path / STORE_DIR))
    library_store.store.flush()
    del library_store
    gc.collect()
    return tmp_path


def test_remote_push_401_says_which_variables_to_set_and_never_prints_credentials(small_build, monkeypatch):
    monkeypatch.setenv("POLICYKG_USER", "analyst")
    monkeypatch.setenv("POLICYKG_PASSWORD", "s3cret-pa55")
    with stub(401) as (url, seen), pytest.raises(PushError) as err:
        push(small_build, url)
    message = str(err.value)
    assert "HTTP 401" in message and "set POLICYKG_USER and POLICYKG_PASSWORD" in message
    assert "s3cret-pa55" not in message and "analyst" not in message
    assert seen[0][1].startswith("Basic ")  # the credentials were sent, not shown
    assert seen[0][0].startswith("/store?graph=https%3A%2F%2Fw3id.org%2Fpolicykg%2Fgraph%2Fontology")
    assert seen[0][2] == "text/turtle; charset=utf-8"


def test_remote_push_bearer_token_from_the_environment(small_build, monkeypatch):
    monkeypatch.setenv("POLICYKG_TOKEN", "tok-123")
    with stub(204) as (url, seen):
        report = push(small_build, url)
    assert report.graphs == 3 and {auth for _, auth, _ in seen} == {"Bearer tok-123"}


def test_remote_push_5xx_reports_the_graph_the_status_and_what_was_already_replaced(small_build, monkeypatch):
    monkeypatch.delenv("POLICYKG_TOKEN", raising=False)
    with store_names(small_build) as names:
        pass
    with stub(201, 500) as (url, seen), pytest.raises(PushError) as err:
        push(small_build, url)
    message = str(err.value)
    assert f"graph <{names[1]}> failed: HTTP 500" in message and "storage exploded" in message
    assert f"1 of 3 graphs were replaced before it and are complete: <{names[0]}>" in message
    assert "It was most likely not replaced, nor were the 1 graphs after it" in message
    assert len(seen) == 2  # it stops at the first failure


@contextmanager
def store_names(out: Path):
    store = open_store(out)
    try:
        yield graph_names(store)
    finally:
        del store
        gc.collect()


def test_remote_push_refuses_credentials_in_the_url(small_build):
    with pytest.raises(PushError, match="not in the URL"):
        push(small_build, "http://user:pw@127.0.0.1:1/store")


def test_remote_push_unreachable_endpoint(small_build):
    with pytest.raises(PushError, match="cannot connect to 127.0.0.1:.*Connection refused.*No graph was replaced"):
        push(small_build, f"http://127.0.0.1:{free_port()}/store", timeout=5)


@pytest.mark.skipif(shutil.which("openssl") is None, reason="needs openssl to make a test certificate")
def test_remote_push_verifies_tls_certificates(small_build, tmp_path):
    key, cert = tmp_path / "key.pem", tmp_path / "cert.pem"
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", str(key), "-out", str(cert),
                    "-days", "1", "-subj", "/CN=127.0.0.1"], check=True, capture_output=True)
    tls = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    tls.load_cert_chain(cert, key)
    with stub(204, tls=tls) as (url, seen), pytest.raises(PushError, match="TLS certificate not verified"):
        push(small_build, url, timeout=10)
    assert seen == []


# ---------------------------------------------------------------- policykg serve, as a process

@contextmanager
def serving(out: Path, *extra: str):
    """``policykg serve`` in a subprocess, until it prints its URL; yields (process, base URL)."""
    port = free_port()
    process = subprocess.Popen([sys.executable, "-m", "graphbuilder", "serve", "--out", str(out), "--port", str(port),
                                *extra], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                               env={**os.environ, "PYTHONUNBUFFERED": "1", "COLUMNS": "200"})
    try:
        first = process.stdout.readline()
        assert f"http://127.0.0.1:{port}/" in first, first + process.stderr.read()
        yield process, f"http://127.0.0.1:{port}"
    finally:
        if process.poll() is None:
            process.kill()
        process.wait()


def _answers(url: str) -> bool:
    try:
        return requests.get(url + "/", timeout=5).ok
    except requests.ConnectionError:
        return False


@pytest.mark.server
def test_remote_serve_read_only_answers_library_queries_and_stops_on_ctrl_c(small_build):
    with serving(small_build) as (process, url):
        query = library()["named-third-parties"]
        with embedded(small_build) as store:
            assert solution_rows(query_endpoint(url + "/query", query)) == run_query(store, query)
        refused = requests.put(url + "/store", params={"graph": "urn:x"}, data="<urn:a> <urn:b> <urn:c> .",
                               headers={"Content-Type": "text/turtle"}, timeout=10)
        assert refused.status_code >= 400  # read-only
        with pytest.raises(StoreError, match="another policykg process"):
            open_store(small_build)  # serve holds the write lock: no build can change the data under it
        process.send_signal(signal.SIGINT)
        assert process.wait(timeout=30) == 0
        assert "stopped" in process.stdout.read()
        assert not _answers(url)  # the server went with it


@pytest.mark.server
def test_remote_serve_writable_accepts_a_push(small_build, tmp_path_factory):
    other = tmp_path_factory.mktemp("other-build")
    library_store = load_library(CORPUS[1], path=str(other / STORE_DIR))
    del library_store
    gc.collect()
    with serving(small_build, "--writable") as (process, url):
        report = push(other, url + "/store")
        assert report.graphs == 2
        process.send_signal(signal.SIGTERM)
        assert process.wait(timeout=30) == 0


@pytest.mark.server
def test_remote_serve_refuses_a_store_another_process_is_writing(small_build):
    writer = open_store(small_build)  # this process now holds the write lock
    try:
        result = subprocess.run([sys.executable, "-m", "graphbuilder", "serve", "--out", str(small_build), "--port",
                                 str(free_port())], capture_output=True, text=True, timeout=60,
                                env={**os.environ, "COLUMNS": "300"})
    finally:
        del writer
        gc.collect()
    assert result.returncode == 1
    assert "another process holds this store's write lock" in " ".join(result.stderr.split())


def test_remote_serve_without_a_build_says_so(tmp_path):
    result = CliRunner().invoke(app, ["serve", "--out", str(tmp_path / "none")])
    assert result.exit_code == 1 and "no built graph here" in result.output


@pytest.mark.server
def test_remote_server_on_a_taken_port_says_why(tmp_path):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        with pytest.raises(StoreError, match=r"did not start: .*(in use|Address)"):
            start_oxigraph(tmp_path, port=taken.getsockname()[1], read_only=False)


def test_remote_push_digest_auth_when_asked(small_build, monkeypatch):
    monkeypatch.setenv("POLICYKG_USER", "dba")
    monkeypatch.setenv("POLICYKG_PASSWORD", "pw")
    monkeypatch.setenv("POLICYKG_AUTH", "digest")
    with stub(204) as (url, seen):
        push(small_build, url)
    assert all(auth is None for _, auth, _ in seen)  # digest answers a challenge; this server sends none


def test_remote_serve_without_the_oxigraph_server_says_how_to_install_it(tmp_path, monkeypatch):
    from graphbuilder.remote import oxigraph_binary

    monkeypatch.setattr(sys, "executable", str(tmp_path / "python"))
    monkeypatch.setenv("PATH", str(tmp_path))
    with pytest.raises(StoreError, match="pip install 'oxigraph"):
        oxigraph_binary()
