"""Browser tests: every generated page opened from file:// in headless Chromium with the network off.

Each page must draw (vis-network's own counts) exactly the nodes and edges of the networkx graph it
was made from, log no console error, request nothing over http(s), run no script a policy smuggled
in, and leave a screenshot in tests/screenshots/. Needs Debian's chromium and chromium-driver
(``make system-deps``) and selenium (``pip install -e '.[test]'``).

Run as a script to refresh the README images from the shared corpus:
``.venv/bin/python tests/test_browser.py --docs`` writes docs/images/corpus-flow.png and overview.png.
"""

from __future__ import annotations

import shutil
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # run as a script too
from tests.test_viz import HOSTILE, SAMPLE_COUNTS, build_sample  # noqa: E402

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parent.parent
SCREENSHOTS = ROOT / "tests" / "screenshots"
DOC_IMAGES = ROOT / "docs" / "images"
WINDOW = (1500, 950)
LOAD_SECONDS = 60  # generous: a loaded CI machine; a page takes well under a second here
CHROMIUM_FLAGS = ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync",
                  "--disable-default-apps", "--disable-extensions", "--mute-audio", "--hide-scrollbars")


def start_browser(profile: Path):
    """Headless Chromium through chromedriver, its network emulated offline, console logs kept."""
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    chromedriver = shutil.which("chromedriver")
    if not chromium or not chromedriver:
        pytest.skip("needs Debian's chromium and chromium-driver (make system-deps)")
    options = webdriver.ChromeOptions()
    options.binary_location = chromium
    for flag in (*CHROMIUM_FLAGS, f"--window-size={WINDOW[0]},{WINDOW[1]}", f"--user-data-dir={profile}"):
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service(chromedriver), options=options)
    driver.set_page_load_timeout(LOAD_SECONDS)
    driver.execute_cdp_cmd("Network.enable", {})
    driver.execute_cdp_cmd("Network.emulateNetworkConditions",
                           {"offline": True, "latency": 0, "downloadThroughput": -1, "uploadThroughput": -1})
    return driver


@dataclass
class PageReport:
    """What the browser saw on one page."""

    nodes: int | None  # vis DataSet sizes (None on the index, which draws no graph)
    edges: int | None
    drawn_nodes: int | None  # what the network itself holds and shows
    drawn_edges: int | None
    errors: list[str]
    remote: list[str]  # resources requested over http(s)
    screenshot: Path


_COUNTS = """
if (typeof network === 'undefined' || !network) { return null; }
return [nodes.length, edges.length, network.body.nodeIndices.length, network.body.edgeIndices.length];
"""


def open_page(driver, path: Path, shot: str) -> PageReport:  # noqa: ANN001
    """Load a page from disk, wait until vis has drawn it, and collect counts, console errors and requests."""
    from selenium.webdriver.support.ui import WebDriverWait

    driver.get_log("browser")  # drop what earlier pages logged
    driver.get(path.resolve().as_uri())
    graph_page = driver.execute_script("return !!document.getElementById('mynetwork')")
    WebDriverWait(driver, LOAD_SECONDS).until(
        lambda d: d.execute_script("return document.readyState === 'complete' && "
                                   "(window.policykgReady === true || !arguments[0])", graph_page))
    counts = driver.execute_script(_COUNTS) or [None] * 4
    remote = driver.execute_script(
        "return performance.getEntriesByType('resource').map(e => e.name).filter(n => /^https?:/i.test(n))")
    errors = [entry["message"] for entry in driver.get_log("browser") if entry["level"] == "SEVERE"]
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    screenshot = SCREENSHOTS / f"{shot}.png"
    driver.save_screenshot(str(screenshot))
    return PageReport(*counts, errors=errors, remote=remote, screenshot=screenshot)


def assert_clean(report: PageReport, name: str) -> None:
    assert report.errors == [], (name, report.errors)
    assert report.remote == [], (name, report.remote)
    assert report.screenshot.stat().st_size > 10_000, name


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    pytest.importorskip("selenium", reason="needs selenium (pip install -e '.[test]')")
    driver = start_browser(tmp_path_factory.mktemp("chromium-profile"))
    yield driver
    driver.quit()


@pytest.fixture(scope="module")
def sample_viz(tmp_path_factory) -> Path:
    """The hand-made sample built and drawn (layered), with focus pages for an email address and Google."""
    from graphbuilder.viz import render_all

    out = build_sample(tmp_path_factory.mktemp("browser-sample"))
    render_all(out, focus=["pd:EmailAddress", "Google"])
    return out / "viz"


def _graphs(out: Path, **kwargs) -> dict:  # noqa: ANN003
    """file name → the networkx graph its page was drawn from (the same pure code render_all runs)."""
    from graphbuilder.store import open_store
    from graphbuilder.viz import read_corpus, read_focus, render_views

    store = open_store(out)
    try:
        corpus = read_corpus(store)
        focus = {name: read_focus(store, corpus, name) for name in kwargs.pop("focus", ())}
    finally:
        del store
    return {page.file: page.graph for page in render_views(corpus, focus=focus, **kwargs)}


# ---------------------------------------------------------------- the hand-made sample: exact counts


@pytest.mark.parametrize("name", sorted(SAMPLE_COUNTS))
def test_browser_sample_page_draws_the_expected_graph_offline(browser, sample_viz, name):
    report = open_page(browser, sample_viz / name, f"sample-{Path(name).stem}")
    assert (report.nodes, report.edges) == SAMPLE_COUNTS[name]
    assert (report.drawn_nodes, report.drawn_edges) == SAMPLE_COUNTS[name]
    assert_clean(report, name)


def test_browser_focus_pages_draw_their_graphs(browser, sample_viz):
    graphs = _graphs(sample_viz.parent, focus=["pd:EmailAddress", "Google"])
    for name in ("focus-pd-emailaddress.html", "focus-google.html"):
        report = open_page(browser, sample_viz / name, f"sample-{Path(name).stem}")
        assert (report.drawn_nodes, report.drawn_edges) == (graphs[name].number_of_nodes(),
                                                            graphs[name].number_of_edges())
        assert_clean(report, name)


def test_browser_index_links_every_page(browser, sample_viz):
    report = open_page(browser, sample_viz / "index.html", "sample-index")
    assert_clean(report, "index.html")
    links = browser.execute_script("return Array.from(document.querySelectorAll('a')).map(a => a.href)")
    pages = {p.name for p in sample_viz.glob("*.html")} - {"index.html"}
    assert {link.rsplit("/", 1)[-1] for link in links} == pages
    assert all((sample_viz / link.rsplit("/", 1)[-1]).is_file() for link in links)
    rows = browser.execute_script("return document.querySelectorAll('tbody tr').length")
    assert rows == 4


def test_browser_search_select_and_filter(browser, sample_viz):
    open_page(browser, sample_viz / "policy-acme.html", "sample-policy-acme-controls")
    script = """
    const search = document.getElementById('search');
    search.value = 'google';
    search.dispatchEvent(new Event('input'));
    const dimmed = nodes.get().filter(n => n.color !== n.baseColor).length;
    const status = document.getElementById('status').textContent;
    const options = document.querySelectorAll('#select option[value]:not([value=""])').length;
    document.querySelector('.type-filter[value="purpose"]').click();
    const withoutPurposes = network.body.nodeIndices.length;
    document.getElementById('reset').click();
    return [dimmed, status, options, withoutPurposes, network.body.nodeIndices.length,
            nodes.get().filter(n => n.color !== n.baseColor).length];
    """
    dimmed, status, options, without_purposes, after_reset, dimmed_after = browser.execute_script(script)
    nodes, _ = SAMPLE_COUNTS["policy-acme.html"]
    # Google's one flow: email address → Acme → Google and advertising; everything else is dimmed
    assert status.startswith("1 match · 1 flow · 4 nodes")
    assert dimmed == nodes - 4
    assert options == nodes
    assert without_purposes == nodes - 4
    assert (after_reset, dimmed_after) == (nodes, 0)
    assert [e["message"] for e in browser.get_log("browser") if e["level"] == "SEVERE"] == []


def test_browser_hostile_policy_shows_as_text(browser, sample_viz):
    from selenium.common.exceptions import NoAlertPresentException

    report = open_page(browser, sample_viz / "policy-evil.html", "sample-policy-evil")
    assert_clean(report, "policy-evil.html")
    with pytest.raises(NoAlertPresentException):
        browser.switch_to.alert  # noqa: B018  (no injected script ran)
    seen = browser.execute_script("""
        return {title: document.title, notes: document.querySelector('.notes').innerText,
                caption: document.querySelector('.caption').innerText,
                injected: document.querySelectorAll('img, iframe').length + document.scripts.length,
                labels: nodes.get().map(n => n.label), tips: edges.get().map(e => e.title).join('\\n')};
    """)
    assert seen["title"] == f"{HOSTILE['controller']} — data flows"
    assert HOSTILE["title"] in seen["caption"]
    assert "<iframe src=javascript:alert(6)>" in seen["notes"]
    assert seen["injected"] == 2  # the page's own two scripts, nothing else
    assert HOSTILE["controller"] in seen["labels"] and HOSTILE["recipient"] in seen["labels"]
    assert HOSTILE["condition"] in seen["tips"] and HOSTILE["section"] in seen["tips"]
    report = open_page(browser, sample_viz / "index.html", "sample-index-hostile")
    assert HOSTILE["controller"] in browser.execute_script("return document.body.innerText")


def test_browser_hostile_html_through_the_pipeline(browser, tmp_path):
    from selenium.common.exceptions import NoAlertPresentException

    from graphbuilder.pipeline import run_build
    from graphbuilder.viz import render_all

    report = run_build([ROOT / "tests" / "data" / "en" / "hostile.html"], tmp_path)
    assert not report.failed
    for path in render_all(tmp_path):
        page = path.read_text(encoding="utf-8")
        assert "<img" not in page and "alert(1)</script>" not in page, path.name
        seen = open_page(browser, path, f"hostile-{path.stem}")
        assert_clean(seen, path.name)
        with pytest.raises(NoAlertPresentException):
            browser.switch_to.alert  # noqa: B018
        assert browser.execute_script("return document.querySelectorAll('img, iframe').length") == 0


def test_browser_physics_layout_stabilises(browser, tmp_path):
    from graphbuilder.viz import render_all

    out = build_sample(tmp_path)
    render_all(out, layout="physics")
    report = open_page(browser, out / "viz" / "overview.html", "sample-overview-physics")
    assert (report.drawn_nodes, report.drawn_edges) == SAMPLE_COUNTS["overview.html"]
    assert_clean(report, "overview.html (physics)")


# ---------------------------------------------------------------- the real corpus: counts from the graphs built


@pytest.fixture(scope="module")
def corpus_viz(corpus_build, tmp_path_factory) -> Path:
    """The shared corpus build drawn into a copy (the session's build stays read-only)."""
    from graphbuilder.viz import render_all

    out = tmp_path_factory.mktemp("corpus-viz")
    shutil.copytree(corpus_build / "store", out / "store")
    render_all(out)
    return out


def test_browser_corpus_pages_match_their_graphs(browser, corpus_viz):
    graphs = _graphs(corpus_viz)
    pages = sorted((corpus_viz / "viz").glob("*.html"))
    assert {p.name for p in pages} == set(graphs)
    for path in pages:
        report = open_page(browser, path, f"corpus-{path.stem}")
        assert_clean(report, path.name)
        graph = graphs[path.name]
        if path.name != "index.html":
            assert (report.nodes, report.edges) == (graph.number_of_nodes(), graph.number_of_edges()), path.name
            assert (report.drawn_nodes, report.drawn_edges) == (report.nodes, report.edges), path.name


# ---------------------------------------------------------------- README images


def write_doc_images(corpus: Path, target: Path = DOC_IMAGES) -> list[Path]:
    """Build the corpus, draw it, and save the busiest English policy's flow graph and the overview as PNGs."""
    from graphbuilder.pipeline import run_build
    from graphbuilder.viz import render_all

    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "build"
        run_build([corpus], out)
        render_all(out)
        graphs = _graphs(out)
        english = [name for name in graphs if name.startswith("policy-")
                   and '<html lang="en">' in (out / "viz" / name).read_text(encoding="utf-8")]
        busiest = max(english or [name for name in graphs if name.startswith("policy-")],
                      key=lambda name: graphs[name].number_of_edges())
        driver = start_browser(Path(tmp) / "profile")
        try:
            target.mkdir(parents=True, exist_ok=True)
            written = []
            for name, image in ((busiest, "corpus-flow.png"), ("overview.html", "overview.png")):
                report = open_page(driver, out / "viz" / name, f"docs-{Path(name).stem}")
                assert_clean(report, name)
                written.append(Path(shutil.copyfile(report.screenshot, target / image)))
            return written
        finally:
            driver.quit()


if __name__ == "__main__":
    if sys.argv[1:] != ["--docs"]:
        sys.exit("usage: python tests/test_browser.py --docs   (writes docs/images/corpus-flow.png and overview.png)")
    for written in write_doc_images(ROOT.parent / "shared" / "corpus"):
        print(f"wrote {written}")
