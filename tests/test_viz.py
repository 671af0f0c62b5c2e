"""Tests for graphbuilder.viz: hand-made policies → build → store → pages, with exact node and edge counts.

The policies here are model objects, not extractor output, so the counts do not move when the
extractor is tuned. ``build_sample`` is shared with tests/test_browser.py.
"""

from __future__ import annotations

import json
import random
import re
import time
from pathlib import Path

import pytest

from graphbuilder.model import Controller, Document, Evidence, PolicyExtraction, Recipient, Statement
from graphbuilder.ns import BASE, DPV, PD, PKG

HOSTILE = {
    "title": "Evil <script>alert('title')</script> policy",
    "controller": "Evil <script>alert(1)</script> Corp",
    "recipient": '"><img src=x onerror=alert(2)>',
    "condition": "</script><script>alert(3)</script> if you agree",
    "section": '1. Data "><img src=x onerror=alert(4)>',
    "quote": "Evil Corp collects your email </script><script>alert(5)</script> & shares it with \"them\" 'now'.",
    "denial": "We do not sell <iframe src=javascript:alert(6)>.",
}


def _document(doc_id: str) -> Document:
    return Document(doc_id=doc_id, source=f"{doc_id}.txt", text="-", source_text="-", offsets=(0,),
                    encoding="utf-8", content_hash=doc_id)


def _evidence(quote: str, start: int, section: str, lang: str) -> tuple[Evidence, ...]:
    return (Evidence(quote, start, start + len(quote), section, lang),)


def sample_extractions() -> list[PolicyExtraction]:
    """Four small policies: English, Japanese, Vietnamese (sharing Google, PayPal and the authorities) and a hostile one."""
    acme, sakura, hoasen = "Acme Inc.", "株式会社サクラ", "Công ty Hoa Sen"
    google, paypal = Recipient(str(DPV.ThirdParty), "Google"), Recipient(str(DPV.ThirdParty), "PayPal")
    yamato = Recipient(str(DPV.DataProcessor), "Yamato Transport")
    authority = Recipient(str(DPV.GovernmentalOrganisation))
    third_parties = Recipient(str(DPV.ThirdParty))
    en = PolicyExtraction(_document("acme"), ("en",), Controller((acme, "ACME")), "Acme privacy policy", (), (
        Statement(str(PKG.Collection), acme, personal_data=(str(PD.EmailAddress), str(PD.Name), str(PD.Location)),
                  data_subjects=(str(DPV.Customer),),
                  evidence=_evidence("We collect your email address, name and location.", 10, "1. What we collect", "en")),
        Statement(str(PKG.Use), acme, personal_data=(str(PD.EmailAddress),), data_subjects=(str(DPV.Customer),),
                  purposes=(str(DPV.ServiceProvision), str(DPV.Marketing)), legal_bases=(str(DPV.Contract),),
                  evidence=_evidence("We use your email address to run the service and for marketing.", 80,
                                     "2. How we use it", "en")),
        Statement(str(PKG.ThirdPartyProvision), acme, personal_data=(str(PD.EmailAddress),),
                  purposes=(str(DPV.Advertising),), recipients=(google,), legal_bases=(str(DPV.Consent),),
                  condition="if you opt in",
                  evidence=_evidence("If you opt in, we share your email address with Google for advertising.", 160,
                                     "3. Sharing", "en")),
        Statement(str(PKG.Entrustment), acme, personal_data=(str(PD.Name), str(PD.Location)), recipients=(yamato,),
                  purposes=(str(DPV.DeliveryOfGoods),),
                  evidence=_evidence("Yamato Transport delivers your order using your name and location.", 240,
                                     "3. Sharing", "en")),
        Statement(str(PKG.DisclosureToAuthority), acme, personal_data=(str(PD.Name),), recipients=(authority,),
                  legal_bases=(str(DPV.LegalObligation),),
                  evidence=_evidence("We disclose your name to the authorities when the law requires it.", 320,
                                     "3. Sharing", "en")),
        Statement(str(PKG.ThirdPartyProvision), acme, negated=True,
                  evidence=_evidence("We never sell your personal data.", 400, "3. Sharing", "en")),
    ))
    ja = PolicyExtraction(_document("sakura"), ("ja",), Controller((sakura,)), "サクラ個人情報保護方針", (), (
        Statement(str(PKG.Collection), sakura, personal_data=(str(PD.EmailAddress), str(PD.Name)),
                  data_subjects=(str(DPV.Customer),),
                  evidence=_evidence("当社は、氏名及びメールアドレスを取得します。", 5, "第1条（取得する情報）", "ja")),
        Statement(str(PKG.ThirdPartyProvision), sakura, personal_data=(str(PD.EmailAddress),),
                  recipients=(google, paypal), legal_bases=(str(DPV.Consent),),
                  evidence=_evidence("本人の同意を得て、Google及びPayPalに提供します。", 60, "第2条（第三者提供）", "ja")),
    ))
    vi = PolicyExtraction(_document("hoasen"), ("vi", "en"), Controller((hoasen,)), "Chính sách bảo mật Hoa Sen", (), (
        Statement(str(PKG.Collection), hoasen, personal_data=(str(PD.EmailAddress), str(PD.TelephoneNumber)),
                  evidence=_evidence("Chúng tôi thu thập địa chỉ email và số điện thoại của bạn.", 0, "1. Thu thập", "vi")),
        Statement(str(PKG.ThirdPartyProvision), hoasen, personal_data=(str(PD.TelephoneNumber),),
                  recipients=(paypal, authority, third_parties), legal_bases=(str(DPV.LegalObligation),),
                  evidence=_evidence("Chúng tôi cung cấp số điện thoại cho PayPal và cơ quan nhà nước.", 70,
                                     "2. Cung cấp", "vi")),
    ))
    evil = PolicyExtraction(_document("evil"), ("en",), Controller((HOSTILE["controller"],)), HOSTILE["title"], (), (
        Statement(str(PKG.ThirdPartyProvision), HOSTILE["controller"], personal_data=(str(PD.EmailAddress),),
                  recipients=(Recipient(str(DPV.ThirdParty), HOSTILE["recipient"]),), legal_bases=(str(DPV.Consent),),
                  condition=HOSTILE["condition"], evidence=_evidence(HOSTILE["quote"], 0, HOSTILE["section"], "en")),
        Statement(str(PKG.ThirdPartyProvision), HOSTILE["controller"], negated=True,
                  evidence=_evidence(HOSTILE["denial"], 200, HOSTILE["section"], "en")),
    ))
    return [en, ja, vi, evil]


def build_sample(out: Path, extractions: list[PolicyExtraction] | None = None) -> Path:
    """Build hand-made extractions into ``out/store`` the way the pipeline does (ontology graph included)."""
    from graphbuilder.build import ONTOLOGY_GRAPH, build, new_graph
    from graphbuilder.lexicon import load_lexicon
    from graphbuilder.store import open_store, replace_graph

    lexicon = load_lexicon()
    store = open_store(out, create=True)
    ontology = new_graph(ONTOLOGY_GRAPH)
    for triple in lexicon.graph:
        ontology.add(triple)
    replace_graph(store, ontology)
    for extraction in extractions if extractions is not None else sample_extractions():
        replace_graph(store, build(extraction, lexicon))
    store.flush()
    del store
    return out


#: what the sample's pages must draw: (nodes, edges) per page file
SAMPLE_COUNTS = {
    # acme: Customer; Email, Name, Location; Acme; Google, Yamato, authorities; 4 purposes
    # edges: Customer→3 categories; 3 categories→Acme; Acme→3 recipients + 4 purposes
    "policy-acme.html": (12, 13),
    # sakura: Customer; Email, Name; Sakura; Google, PayPal
    "policy-sakura.html": (6, 6),
    # hoasen: Email, Telephone; Hoa Sen; PayPal, authorities, third parties
    "policy-hoasen.html": (6, 5),
    # evil: Email; Evil Corp; the hostile recipient
    "policy-evil.html": (3, 2),
    # categories: Email, Name, Location, Telephone; 4 controllers; Google, Yamato, PayPal, authorities,
    # third parties, hostile recipient. Edges: acme 3+3, sakura 2+2, hoasen 2+3, evil 1+1
    "overview.html": (14, 17),
}


@pytest.fixture(scope="module")
def sample_out(tmp_path_factory) -> Path:
    return build_sample(tmp_path_factory.mktemp("viz-sample"))


@pytest.fixture(scope="module")
def sample_corpus(sample_out):
    from graphbuilder.store import open_store
    from graphbuilder.viz import read_corpus

    store = open_store(sample_out)
    try:
        return read_corpus(store)
    finally:
        del store


@pytest.fixture(scope="module")
def sample_pages(sample_out) -> dict[str, str]:
    from graphbuilder.viz import render_all

    paths = render_all(sample_out, focus=["pd:EmailAddress", "Google"])
    return {path.name: path.read_text(encoding="utf-8") for path in paths}


def page_data(page: str) -> dict:
    """The nodes and edges a page hands to vis-network (decoded from its inline JSON)."""
    match = re.search(r'var PAGE = \{"nodes": (.*?), "edges": (.*?), "options": ', page, re.DOTALL)
    assert match, "no PAGE data in the page"
    return {"nodes": json.loads(match.group(1)), "edges": json.loads(match.group(2))}


def _graph_counts(graph) -> tuple[int, int]:
    return graph.number_of_nodes(), graph.number_of_edges()


# ---------------------------------------------------------------- reading the store


def test_viz_reads_policies_flows_and_denials(sample_corpus):
    corpus = sample_corpus
    assert [p.iri.rsplit("/", 1)[-1] for p in corpus.policies] == ["acme", "evil", "hoasen", "sakura"]
    assert len(corpus.flows) == 10  # 5 + 1 + 2 + 2; the two denials are not flows
    denials = {p.iri.rsplit("/", 1)[-1]: p.denials for p in corpus.policies}
    assert len(denials["acme"]) == 1 and denials["acme"][0][1][0].text == "We never sell your personal data."
    provision = next(f for f in corpus.flows if f.recipients and f.policy.endswith("/sakura"))
    assert provision.kinds == (str(PKG.ThirdPartyProvision),)
    assert provision.bases == (str(DPV.Consent),)
    assert provision.evidence[0].section == "第2条（第三者提供）"
    assert {r.rsplit("/", 1)[-1] for r in provision.recipients} == {"google", "paypal"}


def test_viz_labels_follow_the_policy_language(sample_corpus):
    labels = sample_corpus.labels
    assert labels.text(str(PKG.ThirdPartyProvision), "ja") == "第三者提供"
    assert labels.text(str(PKG.ThirdPartyProvision), "vi") == "cung cấp cho bên thứ ba"
    assert labels.text(f"{BASE}org/acme-inc", "en") == "Acme Inc."  # the name as first written, not "ACME"
    assert labels.roles[f"{BASE}org/google"] == (str(DPV.ThirdParty),)


def test_viz_labels_fall_back_to_english_then_the_name_then_the_iri():
    from graphbuilder.viz import Labels

    labels = Labels({"x:pd": [(1, "en", "Email Address")],
                     "x:org": [(1, "ja", "株式会社サクラ"), (1, "en", "Sakura"), (2, None, "株式会社サクラ")],
                     "x:name": [(2, None, "Hoa Sen")]})
    assert labels.text("x:pd", "ja") == "Email Address"
    assert labels.text("x:org", "vi") == "Sakura"
    assert labels.text("x:name", "ja") == "Hoa Sen"
    assert labels.text("https://example.org/terms#Unlabelled", "ja") == "Unlabelled"


def test_viz_main_language_is_the_language_of_the_evidence(sample_corpus):
    from graphbuilder.viz import with_main_language

    hoasen = next(p for p in sample_corpus.policies if p.iri.endswith("/hoasen"))
    flows = [f for f in sample_corpus.flows if f.policy == hoasen.iri]
    assert hoasen.languages == ("en", "vi")
    assert with_main_language(hoasen, flows).languages == ("vi", "en")


# ---------------------------------------------------------------- graphs and counts


@pytest.mark.parametrize("page", sorted(SAMPLE_COUNTS))
def test_viz_pages_draw_the_expected_nodes_and_edges(sample_pages, page):
    data = page_data(sample_pages[page])
    assert (len(data["nodes"]), len(data["edges"])) == SAMPLE_COUNTS[page]


def test_viz_policy_graph_reads_left_to_right(sample_pages):
    nodes = {n["id"]: n for n in page_data(sample_pages["policy-acme.html"])["nodes"]}
    x = {kind: {n["x"] for n in nodes.values() if n["kind"] == kind} for kind in
         ("subject", "category", "controller", "recipient", "role", "purpose")}
    assert max(x["subject"]) < min(x["category"]) <= max(x["category"]) < min(x["controller"])
    assert max(x["controller"]) < min(x["recipient"] | x["role"] | x["purpose"])
    controller = nodes[f"controller|{BASE}org/acme-inc"]
    assert controller["size"] == max(n["size"] for n in nodes.values())  # all 5 flows pass the controller


def test_viz_edges_carry_legal_basis_condition_and_evidence(sample_pages, sample_corpus):
    consent = sample_corpus.labels.text(str(DPV.Consent), "en")
    edges = page_data(sample_pages["policy-acme.html"])["edges"]
    to_google = next(e for e in edges if e["to"] == f"recipient|{BASE}org/google")
    assert f"Legal basis: {consent}" in to_google["title"]
    assert "Condition: if you opt in" in to_google["title"]
    assert "“If you opt in, we share your email address with Google for advertising.”" in to_google["title"]
    assert "§ 3. Sharing" in to_google["title"]
    assert to_google["dashes"] is True and to_google["label"] == consent
    for edge in edges:
        assert "“" in edge["title"] and "§ " in edge["title"], edge["title"]


def test_viz_japanese_page_uses_japanese_labels_with_english_on_hover(sample_pages, sample_corpus):
    labels = sample_corpus.labels
    page = sample_pages["policy-sakura.html"]
    data = page_data(page)
    controller = next(n for n in data["nodes"] if n["kind"] == "controller")
    assert controller["label"] == "株式会社サクラ"
    edge = next(e for e in data["edges"] if e["to"].endswith("/google"))
    assert "第三者提供" in edge["title"]
    category = next(n for n in data["nodes"] if n["id"] == f"category|{PD.EmailAddress}")
    assert category["label"] == labels.text(str(PD.EmailAddress), "ja")
    assert category["en"] == labels.text(str(PD.EmailAddress), "en") and "pd:EmailAddress" in category["title"]
    if category["label"] != category["en"]:
        assert f"English: {category['en']}" in category["title"]
    assert '<html lang="ja">' in page


def test_viz_overview_marks_shared_recipients(sample_pages, sample_corpus):
    authority = sample_corpus.labels.text(str(DPV.GovernmentalOrganisation), "en")
    nodes = {n["id"]: n for n in page_data(sample_pages["overview.html"])["nodes"]}
    google, paypal = nodes[f"recipient|{BASE}org/google"], nodes[f"recipient|{BASE}org/paypal"]
    assert google["label"] == "Google\n2 controllers" and google["borderWidth"] > 1
    assert paypal["label"] == "PayPal\n2 controllers"
    assert nodes[f"recipient|{BASE}org/yamato-transport"]["borderWidth"] == 1
    assert nodes[f"role|{DPV.GovernmentalOrganisation}"]["label"] == f"{authority}\n2 controllers"


def test_viz_focus_on_a_category_keeps_only_that_category(sample_pages):
    data = page_data(sample_pages["focus-pd-emailaddress.html"])
    categories = [n["id"] for n in data["nodes"] if n["kind"] == "category"]
    assert categories == [f"category|{PD.EmailAddress}"]
    # 7 flows name the email address: Customer; Email; 4 controllers; Google, PayPal, evil recipient;
    # ServiceProvision, Marketing, Advertising. Edges: Customer→Email, Email→4 controllers, Acme→Google and
    # 3 purposes, Sakura→Google and PayPal, Evil→its recipient
    assert (len(data["nodes"]), len(data["edges"])) == (12, 12)


def test_viz_focus_on_a_name_finds_the_recipient_in_every_policy(sample_pages):
    data = page_data(sample_pages["focus-google.html"])
    controllers = sorted(n["label"] for n in data["nodes"] if n["kind"] == "controller")
    assert controllers == ["Acme Inc.", "株式会社サクラ"]
    recipients = [n["id"] for n in data["nodes"] if n["kind"] in ("recipient", "role")]
    assert recipients == [f"recipient|{BASE}org/google"]
    # Email; Acme, Sakura; Google; Advertising (PayPal, in Sakura's flow to Google, is not drawn)
    assert (len(data["nodes"]), len(data["edges"])) == (5, 5)


def test_viz_focus_that_matches_nothing_names_what_would(sample_corpus):
    from graphbuilder.errors import GraphbuilderError
    from graphbuilder.viz import resolve_focus

    with pytest.raises(GraphbuilderError, match=r"'Nobody Ltd'.*known names include: .*Google"):
        resolve_focus("Nobody Ltd", sample_corpus.flows, sample_corpus.labels)
    assert resolve_focus("paypal", sample_corpus.flows, sample_corpus.labels) == (f"{BASE}org/paypal",)
    assert resolve_focus("Email", sample_corpus.flows, sample_corpus.labels) == (str(PD.EmailAddress),)


def test_viz_policy_without_flows_still_gets_a_page(tmp_path):
    from graphbuilder.viz import render_all

    empty = PolicyExtraction(_document("empty"), ("en",), Controller(("Nobody Inc.",)), "Empty policy", (), ())
    pages = {p.name: p.read_text(encoding="utf-8") for p in render_all(build_sample(tmp_path, [empty]))}
    for name in ("policy-empty.html", "overview.html"):
        data = page_data(pages[name])
        assert [n["label"] for n in data["nodes"]] == ["Nobody Inc."] and data["edges"] == [], name
    assert "0 flows." in pages["policy-empty.html"]


# ---------------------------------------------------------------- the page: offline, escaped


def test_viz_index_summarises_and_links_every_page(sample_pages):
    index = sample_pages["index.html"]
    links = set(re.findall(r'href="([^"]+)"', index))
    assert links == set(sample_pages) - {"index.html"}
    row = re.search(r'<tr><td><a href="policy-acme.html">.*?</tr>', index, re.DOTALL).group(0)
    cells = [re.sub(r"<[^>]+>", "", c).strip() for c in re.findall(r"<td[^>]*>(.*?)</td>", row, re.DOTALL)]
    # policy, language, controller, statements, denied, categories, recipients
    assert cells == ["Acme privacy policyacme.txt", "en", "Acme Inc.", "5", "1", "3", "3"]


def test_viz_pages_fetch_nothing_from_the_network(sample_pages):
    for name, page in sample_pages.items():
        assert not re.search(r"""(?:src|href)\s*=\s*["']?\s*(?:https?:)?//""", page, re.IGNORECASE), name
        assert not re.search(r"""url\(\s*["']?\s*(?:https?:)?//""", page, re.IGNORECASE), name
        assert "@import" not in page and "<link" not in page.lower(), name
        csp = re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]+)">', page).group(1)
        assert "default-src 'none'" in csp and "unsafe-inline" not in csp.split("script-src")[1].split(";")[0]
    assert "vis.Network" in sample_pages["overview.html"]  # vis-network is inlined, not linked


def test_viz_hostile_text_is_escaped_everywhere(sample_pages):
    for name, page in sample_pages.items():
        # two script elements (vis-network, the page's data and code); "</script" cannot occur inside one
        assert len(re.findall(r"</script", page, re.IGNORECASE)) == (0 if name == "index.html" else 2), name
        for bad in ("<img", "<iframe", "alert(1)</script>", "</script><script>"):
            assert bad not in page, (name, bad)
    evil = sample_pages["policy-evil.html"]
    data = page_data(evil)  # the hostile strings survive as data, shown as text
    assert any(HOSTILE["controller"] == n["label"] for n in data["nodes"])
    assert any(HOSTILE["recipient"] == n["label"] for n in data["nodes"])
    assert HOSTILE["condition"] in data["edges"][-1]["title"] or HOSTILE["condition"] in data["edges"][0]["title"]
    assert "<title>Evil &lt;script&gt;alert(1)&lt;/script&gt; Corp — data flows</title>" in evil
    assert "Evil &lt;script&gt;alert(&#39;title&#39;)&lt;/script&gt; policy · evil.txt" in evil
    assert "We do not sell &lt;iframe src=javascript:alert(6)&gt;." in evil
    assert "Evil &lt;script&gt;alert(1)&lt;/script&gt; Corp" in sample_pages["index.html"]


# ---------------------------------------------------------------- scale


def synthetic_flows(policies: int, seed: int = 3):
    """Flows of ``policies`` made-up policies: 10 statements each over 150 categories and 400 recipients."""
    from graphbuilder.viz import Flow

    rng = random.Random(seed)
    shared = [f"{BASE}org/{name}" for name in ("google", "paypal", "stripe", "amazon-web-services")]
    flows = []
    for p in range(policies):
        for s in range(10):
            recipients = rng.sample(shared, 1) if rng.random() < 0.5 else [f"{BASE}org/vendor-{rng.randrange(400)}"]
            flows.append(Flow(f"{BASE}policy/p{p}/statement/{s}", f"{BASE}policy/p{p}", f"{BASE}org/company-{p}",
                              kinds=(str(PKG.ThirdPartyProvision),),
                              categories=tuple(f"https://w3id.org/dpv/pd#C{rng.randrange(150)}" for _ in range(2)),
                              recipients=tuple(recipients), purposes=(str(DPV.Marketing),)))
    return flows


def test_viz_overview_of_1000_policies_stays_bounded():
    from graphbuilder.viz import OTHERS, Labels, View, aggregate, flow_graph, render_page

    flows = synthetic_flows(1000)
    by_id = {f.statement: f for f in flows}
    started = time.perf_counter()
    full = flow_graph(flows, subjects=False, purposes=False)
    graph = aggregate(full, 40, by_id)
    assert full.number_of_nodes() > 1400
    for kind in ("category", "controller", "recipient"):
        members = [n for n in graph if n[0] == kind]
        assert len(members) == 41 and (kind, OTHERS) in members, kind
    assert graph.number_of_edges() <= 2 * 41 * 41
    # every flow is still counted: the "others" nodes hold what they replace
    assert sum(len(d["flows"]) for n, d in graph.nodes(data=True) if n[0] == "controller") == len(flows)
    top = sorted((n for n in graph if n[0] == "recipient" and n[1] != OTHERS),
                 key=lambda n: -len(graph.nodes[n]["flows"]))
    assert {n[1].rsplit("/", 1)[-1] for n in top[:4]} == {"google", "paypal", "stripe", "amazon-web-services"}
    page = render_page(graph, by_id, Labels(), View("overview.html", "Overview", "1,000 policies", multi_policy=True))
    assert time.perf_counter() - started < 60
    assert len(page) < 6_000_000
    assert len(page_data(page)["nodes"]) == 123


def test_viz_aggregate_leaves_small_graphs_alone():
    from graphbuilder.viz import aggregate, flow_graph

    flows = synthetic_flows(3)
    graph = flow_graph(flows)
    assert aggregate(graph, 1000, {f.statement: f for f in flows}) is graph


# ---------------------------------------------------------------- the entry point and the command


def test_viz_render_all_is_deterministic_and_removes_stale_pages(sample_out, sample_pages):
    from graphbuilder.viz import render_all

    stale = sample_out / "viz" / "policy-gone.html"
    stale.write_text("old", encoding="utf-8")
    paths = render_all(sample_out, focus=["pd:EmailAddress", "Google"])
    assert {p.name: p.read_text(encoding="utf-8") for p in paths} == sample_pages
    assert not stale.exists()


def test_viz_physics_layout_turns_physics_on(sample_out, tmp_path):
    from graphbuilder.viz import read_corpus, render_views
    from graphbuilder.store import open_store

    store = open_store(sample_out)
    corpus = read_corpus(store)
    del store
    pages = {p.file: p for p in render_views(corpus, layout="physics")}
    options = json.loads(json.loads(re.search(r'"options": JSON.parse\((".*?")\),', pages["policy-acme.html"].html,
                                              re.DOTALL).group(1)))
    assert options["physics"]["enabled"] is True
    assert (pages["policy-acme.html"].graph.number_of_nodes(), pages["policy-acme.html"].graph.number_of_edges()) \
        == SAMPLE_COUNTS["policy-acme.html"]


def test_viz_render_all_refuses_bad_arguments(sample_out, tmp_path):
    from graphbuilder.errors import GraphbuilderError, StoreError
    from graphbuilder.viz import render_all

    with pytest.raises(GraphbuilderError, match="unknown layout 'spiral'; known: layered, physics"):
        render_all(sample_out, layout="spiral")
    with pytest.raises(GraphbuilderError, match="--top must be at least 1"):
        render_all(sample_out, top=0)
    with pytest.raises(StoreError, match="no built graph here"):
        render_all(tmp_path / "nothing")


def test_viz_cli_writes_pages_and_fails_on_unknown_focus(sample_out):
    from typer.testing import CliRunner

    from graphbuilder.cli import app

    runner = CliRunner()
    result = runner.invoke(app, ["viz", "--out", str(sample_out), "--focus", "PayPal", "--top", "5"])
    assert result.exit_code == 0, result.output
    assert "wrote 7 pages" in result.stdout
    assert (sample_out / "viz" / "focus-paypal.html").is_file()
    result = runner.invoke(app, ["viz", "--out", str(sample_out), "--focus", "Nobody Ltd"])
    assert result.exit_code == 1
    assert (sample_out / "viz" / "focus-paypal.html").is_file()  # a refused focus writes nothing
