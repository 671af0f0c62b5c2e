"""The ``policykg`` command line: each command checks its arguments and calls one library function.

Every command takes ``--out DIR`` (default ``output/``): the build it writes or reads.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Optional

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from graphbuilder import __version__
from graphbuilder.errors import GraphbuilderError

app = typer.Typer(help="PolicyKG: privacy policies in, a DPV knowledge graph of personal-data flows out.",
                  no_args_is_help=True, add_completion=False, pretty_exceptions_enable=False)
console = Console()
err_console = Console(stderr=True, soft_wrap=True)

OutOpt = typer.Option(Path("output"), "--out", "-o", help="Build folder to write or read.")


def _fail(err: Exception) -> None:
    err_console.print(f"[bold red]error:[/] {err}", highlight=False)
    raise typer.Exit(code=1)


def _version(value: bool) -> None:
    if value:
        console.print(f"policykg {__version__}")
        raise typer.Exit()


@app.callback()
def main(version: bool = typer.Option(False, "--version", callback=_version, is_eager=True,
                                      help="Print the version and exit.")) -> None:
    """PolicyKG command line."""


@app.command("build")
def build_cli(paths: list[Path] = typer.Argument(..., help="Policy files or folders (.txt .md .html)."),
              out: Path = OutOpt,
              quiet: bool = typer.Option(False, "--quiet", "-q", help="No progress bar or table.")) -> None:
    """Build the knowledge graph of the policies in PATHS into OUT (store, kg.nq, kg.ttl, ontology.ttl)."""
    from graphbuilder.pipeline import run_build

    progress = Progress(TextColumn("[bold]building"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                        TextColumn("{task.description}"), console=err_console, disable=quiet)
    task = None

    def start(total: int) -> None:
        nonlocal task
        task = progress.add_task("", total=total)

    def advance(path: Path, item) -> None:  # noqa: ANN001
        progress.update(task, advance=1, description=path.name)
        if item.error:
            progress.console.print(f"[red]error:[/] {item.error}", highlight=False)

    try:
        with progress:
            report = run_build(list(paths), out, on_file=advance, on_start=start)
    except GraphbuilderError as err:
        _fail(err)
    if not quiet:
        table = Table(title=f"Built into {out}", show_lines=False)
        for column in ("policy", "languages", "controller", "statements", "triples", "warnings"):
            table.add_column(column, justify="right" if column in {"statements", "triples", "warnings"} else "left")
        for item in report.policies:
            table.add_row(item.path.name, ",".join(item.languages), item.controller or "[red]failed[/]",
                          str(item.statements), str(item.triples), str(len(item.warnings) + bool(item.error)))
        console.print(table)
        built = len(report.policies) - len(report.failed)
        console.print(f"{built} policies, {sum(p.statements for p in report.policies)} statements, "
                      f"{report.total_triples} triples; wrote {', '.join(str(f) for f in report.files)}")
        for item in report.policies:
            for warning in item.warnings:
                err_console.print(f"[yellow]warning:[/] {warning}", highlight=False)
    if report.failed:
        err_console.print(f"[red]{len(report.failed)} of {len(report.policies)} files failed[/]; "
                          "the others were built.")
        raise typer.Exit(code=1)


def _format_rows(variables: list[str], rows: list[dict], title: str) -> Table:
    """SELECT rows as a table for the terminal: prefixed IRIs, literal values."""
    from graphbuilder.query import term_text

    table = Table(title=title)
    for v in variables:
        table.add_column(v, overflow="fold")
    for row in rows:
        table.add_row(*[term_text(row.get(v)) for v in variables])
    return table


def _parse_params(items: list[str]) -> dict[str, str]:
    params = {}
    for item in items:
        key, sep, value = item.partition("=")
        if not sep or not key.strip():
            _fail(GraphbuilderError(f"parameter {item!r} is not key=value"))
        params[key.strip()] = value
    return params


@app.command("query")
def query_cli(query: Optional[str] = typer.Argument(None, help="Library query name or a .rq file."),
              out: Path = OutOpt,
              param: list[str] = typer.Option([], "--param", "-p", help="Bind a parameter: key=value (repeatable). "
                                              "The value is an RDF term: pd:EmailAddress, kg:policy/NAME, <iri>, "
                                              "\"text\"@en, 42."),
              fmt: str = typer.Option("table", "--format", "-f", help="table, csv, tsv or json (SPARQL 1.1 query "
                                      "results); with --list: table or markdown."),
              endpoint: Optional[str] = typer.Option(None, "--endpoint", help="Ask this SPARQL 1.1 query endpoint "
                                                     "(e.g. http://127.0.0.1:7878/query) instead of the build in OUT."),
              list_queries: bool = typer.Option(False, "--list", help="List the query library.")) -> None:
    """Run a SPARQL query (a library name or a .rq file) against the build in OUT or an endpoint."""
    from graphbuilder.query import RESULT_FORMATS, execute, library, library_reference, resolve, serialize_results
    from graphbuilder.query import solution_rows

    if list_queries:
        if fmt == "markdown":
            sys.stdout.write(library_reference())
            return
        table = Table(title="queries/")
        table.add_column("name", no_wrap=True)
        table.add_column("answers", overflow="fold")
        table.add_column("parameters", no_wrap=True)
        for named in library().values():
            table.add_row(named.name, named.summary,
                          ", ".join(p.name + ("" if p.required else "?") for p in named.params))
        console.print(table)
        console.print("parameters marked ? are optional; run one with: policykg query NAME --param key=value")
        return
    if query is None:
        _fail(GraphbuilderError("name a query or a .rq file (see 'policykg query --list')"))
    if fmt not in {"table", *RESULT_FORMATS}:
        _fail(GraphbuilderError(f"unknown format {fmt!r}; use table, {', '.join(RESULT_FORMATS)}"))
    params = _parse_params(param)
    try:
        named = resolve(query)
        if endpoint:
            from graphbuilder.remote import query_endpoint

            results = query_endpoint(endpoint, named, params)
        else:
            from graphbuilder.store import open_store

            store = open_store(out)  # noqa: F841 (kept open while the results are read)
            results = execute(store, named, params)
        if fmt != "table" or not hasattr(results, "variables"):  # ASK prints true/false, CONSTRUCT N-Triples
            data = serialize_results(results, "tsv" if fmt == "table" else fmt)
            sys.stdout.buffer.write(data if data.endswith(b"\n") else data + b"\n")
            return
        variables, rows = solution_rows(results, named.name)
    except GraphbuilderError as err:
        _fail(err)
    console.print(_format_rows(variables, rows, f"{named.name} ({len(rows)} rows)"))


@app.command("export")
def export_cli(out: Path = OutOpt,
               fmt: str = typer.Option("nquads", "--format", "-f",
                                       help="nquads, trig, jsonld, turtle, ntriples (rdfxml: ontology only)."),
               target: Optional[Path] = typer.Option(None, "--to", help="File to write ('-' for stdout); "
                                                     "default OUT/export/kg.<ext>."),
               ontology: bool = typer.Option(False, "--ontology", help="Export the ontology instead of the policies.")) -> None:
    """Export the built graph (or the ontology) in a standard RDF format triple stores import."""
    from graphbuilder.export import export
    from graphbuilder.store import write_file

    try:
        data, default_name = export(out, fmt, ontology=ontology)
        if target is not None and str(target) == "-":
            sys.stdout.buffer.write(data)
            return
        path = write_file(data, target or out / "export" / default_name)
    except GraphbuilderError as err:
        _fail(err)
    except OSError as err:
        _fail(GraphbuilderError(f"{target}: cannot write the export: {err}"))
    console.print(f"wrote {path} ({len(data)} bytes)")


@app.command("eval")
def eval_cli(paths: list[Path] = typer.Argument(..., help="Policy files or folders to evaluate."),
             gold: Path = typer.Option(..., "--gold", help="Folder of gold YAML annotations."),
             out: Path = typer.Option(Path("output/eval"), "--out", "-o", help="Build folder for the evaluation."),
             errors: bool = typer.Option(True, "--errors/--no-errors",
                                         help="List every miss and wrong item with its evidence (on by default).")) -> None:
    """Build PATHS, score the graph against gold annotations field by field, write OUT/eval.json."""
    from graphbuilder.evaluate import evaluate_paths, render_report

    try:
        result = evaluate_paths(list(paths), gold, out)
    except GraphbuilderError as err:
        _fail(err)
    render_report(result, console, show_errors=errors)
    console.print(f"figures written to {out / 'eval.json'}")


@app.command("validate")
def validate_cli(out: Path = OutOpt) -> None:
    """Check the build in OUT: SHACL shapes of the graph contract per policy, HermiT over the ontology."""
    from graphbuilder.validate import validate_build

    try:
        results = validate_build(out)
    except GraphbuilderError as err:
        _fail(err)
    failed = {name: r for name, r in results.items() if not r.conforms}
    for name, result in results.items():
        mark = "[green]ok[/]" if result.conforms else "[red]fails[/]"
        console.print(f"{mark}  {name}", highlight=False)
    for name, result in failed.items():
        err_console.print(f"[red]{name}[/]\n{result.report}", highlight=False)
    if failed:
        raise typer.Exit(code=1)


@app.command("viz")
def viz_cli(out: Path = OutOpt,
            focus: list[str] = typer.Option([], "--focus", help="Also draw a focus view for a category or recipient "
                                            "(e.g. pd:EmailAddress or \"Google\"); repeatable."),
            layout: str = typer.Option("layered", "--layout", help="layered (left to right) or physics."),
            top: int = typer.Option(40, "--top", help="Overview: show this many recipients/categories, group the rest.")) -> None:
    """Draw interactive HTML flow graphs of the build in OUT into OUT/viz/."""
    from graphbuilder.viz import render_all

    try:
        pages = render_all(out, focus=focus, layout=layout, top=top)
    except GraphbuilderError as err:
        _fail(err)
    console.print(f"wrote {len(pages)} pages; open {out / 'viz' / 'index.html'}")


@app.command("push")
def push_cli(endpoint: str = typer.Option(..., "--endpoint", help="Graph Store Protocol endpoint URL "
                                          "(e.g. http://127.0.0.1:7878/store)."),
             out: Path = OutOpt) -> None:
    """Load the build into a SPARQL 1.1 store over the Graph Store Protocol (one PUT per named graph).

    Pushing again replaces each graph, never duplicates it. Credentials come from the environment only:
    POLICYKG_USER / POLICYKG_PASSWORD (basic; POLICYKG_AUTH=digest for digest) or POLICYKG_TOKEN (bearer).
    """
    from graphbuilder.remote import push

    try:
        report = push(out, endpoint)
    except GraphbuilderError as err:
        _fail(err)
    console.print(f"pushed {report.graphs} graphs ({report.triples} triples) to {endpoint}")


@app.command("serve")
def serve_cli(out: Path = OutOpt,
              port: int = typer.Option(7878, "--port", help="Port on 127.0.0.1."),
              host: str = typer.Option("127.0.0.1", "--host", help="Address to bind (loopback by default)."),
              writable: bool = typer.Option(False, "--writable", help="Allow updates (read-only by default).")) -> None:
    """Serve the build in OUT as a SPARQL 1.1 endpoint (Oxigraph server) until Ctrl-C."""
    from graphbuilder.remote import serve

    try:
        serve(out, host=host, port=port, writable=writable, console=console)
    except GraphbuilderError as err:
        _fail(err)


if __name__ == "__main__":  # pragma: no cover
    app()
