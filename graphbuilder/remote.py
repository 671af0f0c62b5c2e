"""Remote: the built graph on a SPARQL 1.1 server — push it, serve it, query it over HTTP.

``push`` loads every named graph of a build into any store that speaks the SPARQL 1.1 Graph Store
HTTP Protocol, one ``PUT`` per graph, so pushing again replaces rather than duplicates.
``serve`` runs the ``oxigraph`` package's server on the build's store, on loopback and read-only
unless asked. ``query_endpoint`` runs a library query against any SPARQL 1.1 query endpoint.

Credentials come from the environment, never from the command line or the URL:
``POLICYKG_TOKEN`` (a bearer token) or ``POLICYKG_USER`` and ``POLICYKG_PASSWORD`` (HTTP basic, or
digest with ``POLICYKG_AUTH=digest``, as Virtuoso's ``-auth`` endpoints want). They are never
printed. TLS certificates are always verified (``REQUESTS_CA_BUNDLE`` names a private CA).
"""

from __future__ import annotations

import os
import re
import selectors
import shutil
import signal
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable
from urllib.parse import urlsplit

import pyoxigraph as ox
import requests
from requests.auth import HTTPDigestAuth

from graphbuilder.errors import PushError, QueryError, StoreError
from graphbuilder.query import NamedQuery, Results, standalone_text
from graphbuilder.store import STORE_DIR, graph_names, open_store

TOKEN_ENV, USER_ENV, PASSWORD_ENV, AUTH_ENV = "POLICYKG_TOKEN", "POLICYKG_USER", "POLICYKG_PASSWORD", "POLICYKG_AUTH"
#: the body of a PUT: N-Triples, which is also Turtle, the one syntax every Graph Store must accept
PUT_CONTENT_TYPE = "text/turtle; charset=utf-8"
SPARQL_JSON = "application/sparql-results+json"
_STATUS_HINTS = {
    401: f"the endpoint wants credentials, or other ones: set {USER_ENV} and {PASSWORD_ENV} (basic; "
         f"{AUTH_ENV}=digest for digest) or {TOKEN_ENV} (bearer)",
    403: "the endpoint refused these credentials the right to write",
    404: "no Graph Store endpoint at this URL (Oxigraph: /store, Fuseki: /DATASET/data, "
         "GraphDB: /repositories/REPO/rdf-graphs/service, Virtuoso: /sparql-graph-crud-auth)",
    405: "this URL does not accept PUT: is it the query endpoint rather than the Graph Store endpoint?",
    413: "the graph is larger than the endpoint accepts in one request",
}


@dataclass
class PushReport:
    """What a push loaded: the endpoint, and each graph replaced with its triple count."""

    endpoint: str
    pushed: list[tuple[str, int]] = field(default_factory=list)

    @property
    def graphs(self) -> int:
        return len(self.pushed)

    @property
    def triples(self) -> int:
        return sum(n for _, n in self.pushed)


def _secrets() -> list[str]:
    return [v for v in (os.environ.get(TOKEN_ENV), os.environ.get(PASSWORD_ENV)) if v]


def _scrub(text: str) -> str:
    """``text`` with any credential from the environment masked (defence in depth for messages)."""
    for secret in _secrets():
        text = text.replace(secret, "***")
    return text


def _check_url(url: str, error: type[Exception]) -> str:
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise error(f"{url!r} is not an http(s) URL")
    if parts.username or parts.password:
        raise error(f"put credentials in {USER_ENV}/{PASSWORD_ENV} or {TOKEN_ENV}, not in the URL "
                    f"({parts.scheme}://{parts.hostname}…)")
    return url


def session() -> requests.Session:
    """An HTTP session carrying the credentials from the environment; TLS verification stays on."""
    http = requests.Session()
    http.verify = True
    token, user = os.environ.get(TOKEN_ENV), os.environ.get(USER_ENV)
    if token:
        http.headers["Authorization"] = f"Bearer {token}"
    elif user:
        password = os.environ.get(PASSWORD_ENV, "")
        digest = os.environ.get(AUTH_ENV, "basic").lower() == "digest"
        http.auth = HTTPDigestAuth(user, password) if digest else (user, password)
    return http


def _request_failure(err: requests.RequestException) -> str:
    if isinstance(err, requests.exceptions.SSLError):
        return f"TLS certificate not verified ({_scrub(str(err))}); set REQUESTS_CA_BUNDLE for a private CA"
    if isinstance(err, requests.ConnectionError):
        url = urlsplit(err.request.url if err.request is not None else "")
        reason = re.findall(r"\[Errno -?\d+\] ([^'\")]+)|(Name or service not known|timed out)", str(err))
        why = next((a or b for a, b in reason), "no answer")
        return f"cannot connect to {url.hostname}:{url.port or ('443' if url.scheme == 'https' else '80')} ({why})"
    if isinstance(err, requests.Timeout):
        return "no answer in time"
    return _scrub(str(err))


def _status_failure(response: requests.Response) -> str:
    hint = _STATUS_HINTS.get(response.status_code)
    if hint is None:
        body = " ".join(response.text.split())[:300]
        hint = ("the server failed" if response.status_code >= 500 else "the server refused the request") + \
            (f": {_scrub(body)}" if body else "")
    return f"HTTP {response.status_code} {response.reason or ''}".rstrip() + f": {hint}"


def _graph_ntriples(store: ox.Store, name: str) -> tuple[bytes, int]:
    triples = [q.triple for q in store.quads_for_pattern(None, None, None, ox.NamedNode(name))]
    return ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES), len(triples)


def push(out: str | Path, endpoint: str, *, http: requests.Session | None = None,
         timeout: float = 300.0) -> PushReport:
    """Replace each named graph of the build in ``out`` on a Graph Store endpoint (one PUT per graph).

    Every policy graph goes, and so do the ontology and build graphs, so the library queries
    answer over HTTP as they do on the embedded store. Pushing twice gives the same remote graphs.

    Args:
        out: the build folder (its ``store``).
        endpoint: the Graph Store HTTP Protocol URL, e.g. ``http://127.0.0.1:7878/store``;
            each graph goes to ``ENDPOINT?graph=IRI``.
        http: the HTTP session to use (default: :func:`session`, credentials from the environment).
        timeout: seconds to wait for the server on each request.

    Returns:
        PushReport: the graphs replaced, with their triple counts.

    Raises:
        StoreError: no build in ``out``, the store is held by another process, or it has no graphs.
        PushError: the endpoint refused or failed a graph (401, 404, 5xx, no connection, TLS);
            the message names the graph, the HTTP status, and which graphs were already replaced.
    """
    _check_url(endpoint, PushError)
    store = open_store(out)
    try:
        names = graph_names(store)
        if not names:
            raise StoreError(f"{out}: the store has no graphs to push")
        http = http or session()
        report = PushReport(endpoint)
        for name in names:
            body, count = _graph_ntriples(store, name)
            try:
                response = http.put(endpoint, params={"graph": name}, data=body, timeout=timeout,
                                    headers={"Content-Type": PUT_CONTENT_TYPE})
                failure = None if response.ok else _status_failure(response)
            except requests.RequestException as err:
                failure = _request_failure(err)
            if failure:
                raise PushError(_push_failure(endpoint, name, failure, report, names))
            report.pushed.append((name, count))
        return report
    finally:
        del store


def _push_failure(endpoint: str, graph: str, failure: str, report: PushReport, names: list[str]) -> str:
    after = len(names) - report.graphs - 1
    done = (f"{report.graphs} of {len(names)} graphs were replaced before it and are complete: "
            + ", ".join(f"<{g}>" for g, _ in report.pushed)) if report.pushed else "No graph was replaced before it"
    return (f"push to {endpoint}: graph <{graph}> failed: {failure}. {done}. It was most likely not replaced, "
            f"nor were the {after} graphs after it: the server keeps what it had under those names. Fix the cause "
            "and push again: each graph is replaced whole, so nothing is duplicated.")


def query_endpoint(endpoint: str, query: NamedQuery, params: dict[str, str] | None = None, *,
                   http: requests.Session | None = None, timeout: float = 300.0) -> Results:
    """Run a query on a SPARQL 1.1 query endpoint (e.g. ``http://127.0.0.1:7878/query``).

    The prefixes are declared and the parameters bound in the text sent (see
    :func:`graphbuilder.query.standalone_text`). The server's default graph should be the union of
    its named graphs, as ``policykg serve`` sets it, for the library queries to see every policy.

    Raises:
        QueryError: bad parameters, the endpoint rejected the query (its message is given), or it
            could not be reached.
    """
    _check_url(endpoint, QueryError)
    text = standalone_text(query, params)
    http = http or session()
    try:
        response = http.post(endpoint, data=text.encode("utf-8"), timeout=timeout,
                             headers={"Content-Type": "application/sparql-query; charset=utf-8",
                                      "Accept": f"{SPARQL_JSON}, application/n-triples;q=0.5"})
    except requests.RequestException as err:
        raise QueryError(f"{query.name} at {endpoint}: {_request_failure(err)}") from err
    if not response.ok:
        raise QueryError(f"{query.name} at {endpoint}: {_status_failure(response)}")
    media_type = response.headers.get("Content-Type", "").split(";")[0].strip()
    try:
        if media_type == SPARQL_JSON:
            return ox.parse_query_results(response.content, format=ox.QueryResultsFormat.JSON)
        # a CONSTRUCT or DESCRIBE answer: give it the shape the embedded store gives (QueryTriples)
        scratch = ox.Store()
        scratch.load(response.content, format=ox.RdfFormat.from_media_type(media_type) or ox.RdfFormat.N_TRIPLES)
        return scratch.query("CONSTRUCT WHERE { ?s ?p ?o }")
    except (SyntaxError, ValueError) as err:
        raise QueryError(f"{query.name} at {endpoint}: unreadable answer ({media_type}): {err}") from err


# ---------------------------------------------------------------- the Oxigraph server


def oxigraph_binary() -> Path:
    """The ``oxigraph`` server program: beside this Python, else on PATH.

    Raises:
        StoreError: it is not installed (the message says how to install it).
    """
    beside = Path(sys.executable).parent / "oxigraph"
    if beside.is_file() and os.access(beside, os.X_OK):
        return beside
    found = shutil.which("oxigraph")
    if found:
        return Path(found)
    raise StoreError("the Oxigraph server is not installed: pip install 'oxigraph>=0.5,<0.6' "
                     "(the same version as pyoxigraph)")


def start_oxigraph(location: str | Path | None, *, host: str = "127.0.0.1", port: int = 7878,
                   read_only: bool = True, union_default_graph: bool = True,
                   ready_timeout: float = 60.0) -> subprocess.Popen:
    """Start ``oxigraph serve`` (or ``serve-read-only``) and return once it listens.

    Args:
        location: the store directory (``None``: an in-memory store, not with ``read_only``).
        host, port: where to listen.
        read_only: run ``serve-read-only`` (the data cannot change over HTTP).
        union_default_graph: the default graph is the union of the named graphs, as in
            ``policykg query``.
        ready_timeout: seconds to wait for the server to listen.

    Raises:
        StoreError: the server exited (its message is given: the port is taken, the store is
            locked, …) or did not listen in time.
    """
    command = [str(oxigraph_binary()), "serve-read-only" if read_only else "serve", "--bind", f"{host}:{port}"]
    if location is not None:
        command += ["--location", str(location)]
    if union_default_graph:
        command.append("--union-default-graph")
    process = subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                               stderr=subprocess.PIPE)
    try:
        listening, said = _wait_listening(process, time.monotonic() + ready_timeout)
    except BaseException:  # Ctrl-C while waiting: never leave the server behind
        stop_oxigraph(process)
        raise
    if not listening:
        stop_oxigraph(process)
        reason = " ".join(said.split("Stack backtrace:")[0].split()) or \
            f"it did not listen within {ready_timeout:.0f} s"
        raise StoreError(f"the Oxigraph server on {host}:{port} did not start: {reason}")
    threading.Thread(target=_drain, args=(process,), daemon=True).start()
    return process


def _wait_listening(process: subprocess.Popen, deadline: float) -> tuple[bool, str]:
    """Read the server's stderr until it says it listens, it exits or time runs out: (listening, what it said)."""
    said: list[str] = []
    with selectors.DefaultSelector() as selector:
        selector.register(process.stderr, selectors.EVENT_READ)
        while time.monotonic() < deadline and process.poll() is None:
            if not selector.select(timeout=max(0.0, min(0.5, deadline - time.monotonic()))):
                continue
            line = process.stderr.readline().decode("utf-8", "replace")
            if not line:  # stderr closed: the server has exited
                break
            said.append(line)
            if "Listening for requests" in line:
                return True, "".join(said)
    if process.poll() is not None:  # it exited: what it said last is why
        said.append(process.stderr.read().decode("utf-8", "replace"))
    return False, "".join(said)


def _drain(process: subprocess.Popen) -> None:
    """Keep reading the server's stderr so that a chatty server never blocks on a full pipe."""
    for line in process.stderr:
        sys.stderr.write(line.decode("utf-8", "replace"))


def stop_oxigraph(process: subprocess.Popen, *, grace: float = 10.0) -> int:
    """Stop a server started by :func:`start_oxigraph` (SIGTERM, then SIGKILL after ``grace`` s)."""
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=grace)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
    return process.returncode


def _lock_store(path: Path) -> Callable[[], None]:
    """Take the store's write lock (RocksDB's ``LOCK`` file) without opening the store; returns its release.

    While it is held no build or push can open the store for writing, and this process runs no
    storage engine of its own beside the read-only server.

    Raises:
        StoreError: another process holds the lock (a build or push writing, another serve).
    """
    holder = f"{path}: another process holds this store's write lock (a build or push writing it, or another " \
             "'policykg serve')"
    try:
        import fcntl
    except ImportError:  # not POSIX: hold the lock by opening the store for writing
        try:
            store = ox.Store(str(path))
        except OSError as err:
            raise StoreError(f"{holder}: {err}; wait for it to finish, then serve") from err
        held = [store]
        return held.clear
    fd = os.open(path / "LOCK", os.O_RDWR | os.O_CREAT, 0o644)
    try:
        fcntl.lockf(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError as err:
        os.close(fd)
        raise StoreError(f"{holder}: {err.strerror}; wait for it to finish, then serve") from err
    released = []

    def release() -> None:
        if not released:
            released.append(True)
            os.close(fd)  # closing the file drops the lock
    return release


def serve(out: str | Path, *, host: str = "127.0.0.1", port: int = 7878, writable: bool = False,
          console=None) -> int:  # noqa: ANN001
    """Serve the build in ``out`` as a SPARQL 1.1 endpoint until Ctrl-C (or SIGTERM).

    Read-only by default: this process keeps the store's write lock while the server runs, so no
    build or push can change the data under it. With ``writable`` the server itself holds the
    lock and accepts SPARQL updates and Graph Store writes. The default graph is the union of
    the named graphs, as in ``policykg query``.

    Args:
        out: the build folder.
        host, port: where to listen (loopback by default).
        writable: accept updates.
        console: a rich Console to print the URLs on (default: stdout).

    Returns:
        int: 0 after a clean stop.

    Raises:
        StoreError: no build in ``out``, another process is writing the store, the port is
            taken, or the server stopped by itself.
    """
    path = Path(out) / STORE_DIR
    if not path.is_dir():
        raise StoreError(f"{out}: no built graph here (run 'policykg build PATH --out {out}' first)")
    release = _lock_store(path)
    try:
        if writable:
            release()  # the server takes the lock itself
        process = start_oxigraph(path, host=host, port=port, read_only=not writable)
        try:
            _say(console, _banner(path, host, port, writable))
            _wait_for_stop(process)
        finally:
            stop_oxigraph(process)
    finally:
        release()
    _say(console, ["stopped"])
    return 0


def _banner(path: Path, host: str, port: int, writable: bool) -> list[str]:
    url = f"http://{'[' + host + ']' if ':' in host else host}:{port}"
    lines = [f"Serving {path} {'read-write' if writable else 'read-only'} at {url}/ (query page)",
             f"  SPARQL query endpoint: {url}/query" + (f"   update: {url}/update" if writable else ""),
             f"  Graph Store endpoint:  {url}/store",
             "Press Ctrl-C to stop."]
    if host not in ("127.0.0.1", "localhost", "::1"):
        lines.insert(1, f"  warning: listening on {host}, not only on this machine")
    return lines


def _wait_for_stop(process: subprocess.Popen) -> None:
    """Wait for Ctrl-C or SIGTERM; a server that stops by itself is an error."""
    main = threading.current_thread() is threading.main_thread()
    previous = signal.signal(signal.SIGTERM, _raise_interrupt) if main else None
    try:
        code = process.wait()
        if code not in (0, -signal.SIGINT, -signal.SIGTERM):  # a Ctrl-C in the terminal reaches the server too
            raise StoreError(f"the Oxigraph server stopped by itself (exit code {code})")
    except KeyboardInterrupt:
        pass
    finally:
        if main:
            signal.signal(signal.SIGTERM, previous)


def _raise_interrupt(signum, frame) -> None:  # noqa: ANN001
    raise KeyboardInterrupt


def _say(console, lines: list[str]) -> None:  # noqa: ANN001
    for line in lines:
        if console is None:
            print(line, flush=True)
        else:
            console.print(line, highlight=False, soft_wrap=True)
            console.file.flush()
