"""Shared fixtures: paths to the bundled samples and the shared corpus, and one build of them per session."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
TEST_DATA = ROOT / "tests" / "data"
SHARED = ROOT.parent / "shared"
CORPUS = SHARED / "corpus"
CORPUS_EXTRA = SHARED / "corpus-extra"
GOLD = ROOT / "tests" / "gold"


@pytest.fixture(scope="session")
def corpus_dir() -> Path:
    if not CORPUS.is_dir():
        pytest.fail(f"the shared corpus is missing: expected {CORPUS} beside the checkout")
    return CORPUS


@pytest.fixture(scope="session")
def examples_build(tmp_path_factory) -> Path:
    """The bundled sample policies built once into a temporary folder (read-only for tests)."""
    from graphbuilder.pipeline import run_build

    out = tmp_path_factory.mktemp("examples-build")
    report = run_build([EXAMPLES], out)
    assert not report.failed, [p.error for p in report.failed]
    return out


@pytest.fixture(scope="session")
def corpus_build(tmp_path_factory, corpus_dir) -> Path:
    """The five corpus policies built once into a temporary folder (read-only for tests)."""
    from graphbuilder.pipeline import run_build

    out = tmp_path_factory.mktemp("corpus-build")
    report = run_build([corpus_dir], out)
    assert not report.failed, [p.error for p in report.failed]
    return out
