"""Segment: headings in three languages, numbered and bulleted items, pipe tables, sentences, languages."""

import pytest

from graphbuilder.ingest import parse_policy
from graphbuilder.language import detect_language
from graphbuilder.segment import segment, split_sentences


def _sections(text: str):
    return segment(parse_policy(text.encode("utf-8"), "t.txt"))


def test_segment_japanese_articles_items_and_circled_numbers():
    sections = _sections(
        "第1条（個人情報の取得）\n当社は、次の情報を取得します。\n(1) 氏名\n(2) メールアドレス\n\n"
        "第2条（利用目的）\n① サービスの提供のため\n② 広告配信のため\n"
    )
    headings = [s.heading for s in sections]
    assert headings == ["第1条（個人情報の取得）".replace("（", "(").replace("）", ")"),
                        "第2条(利用目的)"]
    items = [u.text for u in sections[1].units if u.kind == "item"]
    assert items == ["サービスの提供のため", "広告配信のため"]
    first_items = [u.text for u in sections[0].units if u.kind == "item"]
    assert first_items == ["氏名", "メールアドレス"]
    assert all(u.lang == "ja" for s in sections for u in s.units)


def test_segment_english_numbered_headings_and_bullets_keep_section_path():
    sections = _sections(
        "Privacy Policy\n\n1. Information We Collect\nWe collect the following data:\n- Name\n- Email address\n\n"
        "2. Sharing\nWe share data with processors. We never sell it.\n"
    )
    by_heading = {s.heading: s for s in sections}
    collect = by_heading["1. Information We Collect"]
    assert collect.path == ("1. Information We Collect",)
    assert [u.text for u in collect.units if u.kind == "item"] == ["Name", "Email address"]
    sharing = [u.text for u in by_heading["2. Sharing"].units if u.kind == "sentence"]
    assert sharing == ["We share data with processors.", "We never sell it."]


def test_segment_subheadings_nest_under_their_article():
    sections = _sections("2. Purpose of use\n(1) Regarding customers\n・Delivery of goods\n・Support\n")
    inner = [s for s in sections if s.heading == "(1) Regarding customers"][0]
    assert inner.path == ("2. Purpose of use", "(1) Regarding customers")
    assert [u.text for u in inner.units if u.kind == "item"] == ["Delivery of goods", "Support"]


def test_segment_vietnamese_headings_and_language():
    sections = _sections("Mục đích sử dụng\n\nChúng tôi sử dụng thông tin để cung cấp dịch vụ.\n")
    assert sections[-1].heading == "Mục đích sử dụng"
    assert {u.lang for s in sections for u in s.units} == {"vi"}


def test_segment_pipe_table_rows_carry_their_header():
    sections = _sections("6. Cookies\n| Tool | Provider | Data |\n|---|---|---|\n| Google Analytics | Google LLC | IP address |\n")
    rows = [u for s in sections for u in s.units if u.kind == "row"]
    assert len(rows) == 1
    assert rows[0].table_header == ("Tool", "Provider", "Data")
    assert "Google LLC" in rows[0].text


def test_segment_offsets_point_at_unit_text():
    text = "1. Data\nWe collect your name. 当社は氏名を取得します。\n"
    doc = parse_policy(text.encode("utf-8"), "t.txt")
    for section in segment(doc):
        for unit in section.units:
            assert doc.text[unit.start_char:unit.end_char] == unit.text


def test_segment_two_languages_in_one_file_are_told_apart():
    sections = _sections("個人情報の取扱いについて\n\n当社は氏名を取得します。\n\nPersonal information\n\nWe collect your name.\n")
    langs = [u.lang for s in sections for u in s.units if u.kind != "heading"]
    assert langs == ["ja", "en"]


def test_split_sentences_keeps_abbreviations_and_brackets():
    text = "Chat Plus Co., Ltd. (the \"Company\") collects data. It uses it."
    assert [text[a:b] for a, b in split_sentences(text)] == [
        "Chat Plus Co., Ltd. (the \"Company\") collects data.", "It uses it."]
    ja = "株式会社テスト(以下「当社」といいます。)は、氏名を取得します。次の文。"
    assert [ja[a:b] for a, b in split_sentences(ja)] == [
        "株式会社テスト(以下「当社」といいます。)は、氏名を取得します。", "次の文。"]


def test_detect_language_handles_vietnamese_without_diacritics():
    assert detect_language("Chung toi thu thap thong tin ca nhan cua khach hang") == "vi"
    assert detect_language("We collect personal information of customers") == "en"
    assert detect_language("12345 ---") is None


def test_segment_pipe_table_without_outer_pipes():
    sections = _sections("6. Cookies\nTool | Provider | Purpose |\n---|---|---|\nGoogle Analytics | Google LLC | analytics |\n")
    rows = [u for s in sections for u in s.units if u.kind == "row"]
    assert [r.table_header for r in rows] == [("Tool", "Provider", "Purpose")]


def test_segment_tab_separated_table_and_title_line():
    sections = _sections("外部送信について\n当社は以下のサービスを利用しています。\n"
                         "サービス名\t事業者\tプライバシーポリシー\nサンプル解析\tサンプル株式会社\thttps://example.jp/privacy\n")
    assert sections[0].heading == "外部送信について"
    rows = [u for s in sections for u in s.units if u.kind == "row"]
    assert len(rows) == 1 and rows[0].table_header == ("サービス名", "事業者", "プライバシーポリシー")


def test_segment_markdown_headings_and_inline_markup():
    doc = parse_policy(b"# Privacy Policy\n\n## 1. Data we collect\n\n* **Name** and [email address](https://x.example)\n",
                       "p.md")
    sections = segment(doc)
    assert [s.heading for s in sections] == ["Privacy Policy", "1. Data we collect"]
    (item,) = [u for s in sections for u in s.units if u.kind == "item"]
    assert item.text == "Name and email address"
    for unit in (u for s in sections for u in s.units):
        assert doc.text[unit.start_char:unit.end_char] == unit.text


def test_segment_every_unit_of_the_shared_policies_quotes_its_offsets(corpus_dir):
    from graphbuilder.ingest import find_policies, read_policy
    from tests.conftest import CORPUS_EXTRA

    for path in find_policies([corpus_dir, CORPUS_EXTRA]):
        doc = read_policy(path)
        units = [u for s in segment(doc) for u in s.units]
        assert len(units) > 10, path.name
        for unit in units:
            assert doc.text[unit.start_char:unit.end_char] == unit.text, (path.name, unit.text)


def test_segment_flattened_list_on_one_line_becomes_items():
    sections = _sections("3. Use\nPurposes Details provision of our services · prevention of fraud · contact with users\n")
    items = [u.text for s in sections for u in s.units if u.kind == "item"]
    assert items == ["Purposes Details provision of our services", "prevention of fraud", "contact with users"]


def test_segment_site_menus_are_no_table_rows():
    doc = parse_policy("Home | About us | Careers | Contact\nAbout: Team | Jobs | Press\nHelp: FAQ | Terms | Privacy\n"
                       "1. Data we collect\nWe collect your name.\n| Data | Purpose |\n|---|---|\n| Name | Orders |\n"
                       .encode(), "p.txt")
    rows = [u.text for s in segment(doc) for u in s.units if u.kind == "row"]
    assert rows == ["| Name | Orders |"]


@pytest.mark.parametrize("banner", [
    "We use cookies to improve your experience. [Accept all] [Settings]",
    "当サイトはCookieを使用しています。［同意する］［詳細設定］",
    "Nhập email của bạn để nhận ưu đãi [ Email của bạn ] [ĐĂNG KÝ]",
])
def test_segment_a_banner_with_buttons_is_page_noise(banner):
    texts = [u.text for s in _sections(f"Acme Inc. collects your name.\n{banner}\n") for u in s.units]
    assert texts == ["Acme Inc. collects your name."]


@pytest.mark.parametrize("text, lang", [
    ("- Dia chi IP, ma dinh danh thiet bi, loai thiet bi, phien ban he dieu hanh;", "vi"),
    ("Nhat ky dang nhap: thoi diem dang nhap, so lan nhap sai ma PIN", "vi"),
    ("We collect your name and the IP address of your device.", "en"),
    ("Our app may show a banner with the date and time of your last login.", "en"),
])
def test_detect_language_reads_vietnamese_written_without_marks(text, lang):
    assert detect_language(text) == lang
