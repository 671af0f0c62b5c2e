"""Extract: each rule pinned with small sentences written for the test, in Japanese, English and Vietnamese."""

import pytest

from graphbuilder.extract import extract
from graphbuilder.ingest import parse_policy
from graphbuilder.ns import DPV, PD, PKG
from graphbuilder.segment import segment
from tests.conftest import TEST_DATA


def run(text: str, name: str = "t.txt"):
    doc = parse_policy(text.encode("utf-8"), name)
    return extract(doc, segment(doc))


def practices(result, kind=None):
    return [s for s in result.statements if not s.negated and (kind is None or s.kind == str(kind))]


def denials(result):
    return [s for s in result.statements if s.negated]


def all_of(statements, field):
    return {v for s in statements for v in getattr(s, field)}


# ----------------------------------------------------------------------------- controller

@pytest.mark.parametrize("text, names", [
    ("Acme Widgets Inc. (\"we\") collects your name.", {"Acme Widgets Inc."}),
    ("Northwind Trading Co., Ltd. (hereinafter referred to as \"the Company\") values privacy.", {"Northwind Trading Co., Ltd."}),
    ("株式会社みどり商会(以下「当社」といいます。)は、個人情報を適切に取り扱います。", {"株式会社みどり商会"}),
    ("ひかり電機株式会社は、お客様の氏名を取得します。", {"ひかり電機株式会社"}),
    ("Công ty TNHH Sao Mai (sau đây gọi là \"Công ty\") thu thập họ tên.", {"Công ty TNHH Sao Mai"}),
    ("Cong ty Co phan Thu Nghiem thu thap ho ten cua khach hang.", {"Cong ty Co phan Thu Nghiem"}),
])
def test_extract_finds_the_controller_in_each_language(text, names):
    assert set(run(text).controller.names) == names


def test_extract_controller_is_not_a_named_recipient():
    result = run("Acme Widgets Inc. (\"we\") uses Google Analytics, provided by Google LLC, to analyse usage of the site. "
                 "Google LLC may receive your IP address.")
    assert result.controller.name == "Acme Widgets Inc."


def test_extract_controller_names_in_two_languages_are_one_controller():
    result = run((TEST_DATA.parent.parent / "examples" / "mixed_ja_en_kumo.txt").read_text(encoding="utf-8"))
    assert set(result.controller.names) == {"クモ株式会社", "Kumo Inc."}


# ----------------------------------------------------------------------------- data, purposes, subjects

def test_extract_collection_with_data_purpose_and_subject_en():
    result = run("Acme Inc. collects the e-mail addresses and phone numbers of customers to deliver orders.")
    (s,) = practices(result)
    assert s.kind == str(PKG.Collection)
    assert set(s.personal_data) == {str(PD.EmailAddress), str(PD.TelephoneNumber)}
    assert str(DPV.DeliveryOfGoods) in s.purposes
    assert s.data_subjects == (str(DPV.Customer),)


def test_extract_purpose_list_items_inherit_use_from_their_heading_ja():
    result = run("株式会社テスト\n\n第2条(利用目的)\n当社は、取得した個人情報を次の目的で利用します。\n"
                 "(1) 商品の発送のため\n(2) お問い合わせへの対応のため\n")
    purposes = all_of(practices(result), "purposes")
    assert {str(DPV.DeliveryOfGoods)} <= purposes
    assert any("CustomerCare" in p or "Communication" in p for p in purposes)


def test_extract_vietnamese_with_and_without_diacritics_gives_the_same_concepts():
    marked = run((TEST_DATA / "vi" / "minimal.txt").read_text(encoding="utf-8"))
    plain = run((TEST_DATA / "vi" / "no_diacritics.txt").read_text(encoding="utf-8"))
    for field in ("personal_data", "purposes", "legal_bases"):
        assert all_of(practices(marked), field) == all_of(practices(plain), field), field
    assert str(PD.TelephoneNumber) in all_of(practices(plain), "personal_data")


def test_extract_purpose_needs_a_purpose_construction_in_a_sentence():
    result = run("Acme Inc. collects your name.\nWe comply with laws and regulations on advertising.\n"
                 "We use your name to send you newsletters.")
    purposes = all_of(practices(result), "purposes")
    assert not any("Advertising" in p or "LegalCompliance" in p for p in purposes)
    assert purposes  # the newsletter purpose


def test_extract_generic_personal_information_resolves_to_named_categories():
    result = run("1. Information we collect\nWe collect your name and email address.\n\n"
                 "2. Sharing\nWe may provide personal information to third parties with your consent.")
    (share,) = practices(result, PKG.ThirdPartyProvision)
    assert set(share.personal_data) == {str(PD.Name), str(PD.EmailAddress)}


def test_extract_broader_category_resolves_to_the_named_ones_under_it():
    result = run("We collect your email address and telephone number. We use your contact information to reply to you.")
    assert str(PD.Contact) not in all_of(practices(result), "personal_data")


# ----------------------------------------------------------------------------- negation, conditions, exceptions

def test_extract_denial_is_recorded_not_as_a_flow_en():
    result = run("Acme Inc. collects your email address. We do not sell your personal information to third parties.")
    (denial,) = denials(result)
    assert denial.kind == str(PKG.ThirdPartyProvision)
    assert all(s.kind != str(PKG.ThirdPartyProvision) for s in practices(result))


def test_extract_not_without_consent_is_a_provision_based_on_consent_ja():
    result = run("株式会社テスト\n当社は、氏名を取得します。当社は、あらかじめ本人の同意を得ないで、個人情報を第三者に提供しません。")
    (provision,) = practices(result, PKG.ThirdPartyProvision)
    assert str(DPV.Consent) in provision.legal_bases
    assert provision.condition
    assert not denials(result)


def test_extract_exception_list_items_are_legal_bases_en():
    result = run("3. Disclosure to third parties\nWe will not provide personal information to third parties without consent, "
                 "except in the following cases:\n- When required by laws and regulations\n"
                 "- When necessary to protect the life, body or property of a person\n"
                 "- When requested by a court or the police\n")
    bases = all_of(practices(result), "legal_bases")
    assert {str(DPV.Consent), str(DPV.LegalObligation), str(DPV.VitalInterest)} <= bases
    roles = {r.role for s in practices(result) for r in s.recipients}
    assert str(DPV.ThirdParty) in roles
    assert roles & {str(DPV.JudicialOrganisation), str(DPV.LawEnforcementOrganisation)}
    assert not denials(result)


def test_extract_exception_list_ja_maps_appi_exceptions():
    result = run("第3条(第三者提供)\n当社は、次に掲げる場合を除き、あらかじめ本人の同意を得ないで、個人データを第三者に提供しません。\n"
                 "(1) 法令に基づく場合\n(2) 人の生命、身体又は財産の保護のために必要がある場合\n"
                 "(3) 公衆衛生の向上又は児童の健全な育成の推進のために特に必要がある場合\n")
    bases = all_of(practices(result), "legal_bases")
    assert {str(DPV.Consent), str(DPV.LegalObligation), str(DPV.VitalInterest), str(DPV.PublicInterest)} <= bases
    assert str(DPV.Child) not in all_of(practices(result), "data_subjects")


def test_extract_clause_negation_denies_only_its_clause_ja():
    result = run("株式会社テスト\nアクセスログにはIPアドレスが含まれますが、個人情報は含まれておりません。")
    assert str(PD.IPAddress) in all_of(practices(result), "personal_data")
    assert denials(result)


def test_extract_negation_inside_a_condition_is_not_a_denial_en():
    result = run("If you do not agree, you may stop using the service. We collect your email address to send receipts.")
    assert not denials(result)


def test_extract_denial_vi():
    result = run("Công ty TNHH Sao Mai thu thập họ tên. Chúng tôi không bán thông tin cá nhân của khách hàng.")
    assert denials(result)
    assert str(PD.Name) in all_of(practices(result), "personal_data")


# ----------------------------------------------------------------------------- recipients

def test_extract_entrustment_and_joint_use_recipients_by_role():
    result = run("株式会社テスト\n当社は、個人情報の取扱いの全部又は一部を業務委託先に委託することがあります。\n"
                 "当社は、氏名及びメールアドレスをグループ会社と共同利用します。")
    roles = {r.role for s in practices(result) for r in s.recipients}
    assert {str(DPV.DataProcessor), str(DPV.JointDataControllers)} <= roles


def test_extract_table_rows_give_named_recipients_with_data_and_purpose():
    result = run((TEST_DATA / "en" / "table.txt").read_text(encoding="utf-8"))
    names = {r.name for s in practices(result) for r in s.recipients if r.name}
    assert {"Google Analytics", "Stripe"} <= {n.split(",")[0] for n in names} | names
    row = next(s for s in practices(result) if any(r.name == "Google Analytics" for r in s.recipients))
    assert str(PD.IPAddress) in row.personal_data


def test_extract_named_company_by_legal_form_in_a_sharing_sentence():
    result = run("Acme Inc. collects your address. We share your address with Speedy Parcel Ltd. to deliver your order.")
    names = {r.name for s in practices(result) for r in s.recipients if r.name}
    assert "Speedy Parcel Ltd." in names


# ----------------------------------------------------------------------------- structure

def test_extract_two_language_file_states_each_fact_once_with_both_evidences():
    result = run((TEST_DATA.parent.parent / "examples" / "mixed_ja_en_kumo.txt").read_text(encoding="utf-8"))
    provisions = practices(result, PKG.ThirdPartyProvision)
    assert len(provisions) == 1
    assert {e.lang for e in provisions[0].evidence} == {"ja", "en"}


def test_extract_page_noise_yields_nothing():
    result = run("Home | Products | Pricing | Login\nStart your 10-day free trial today!\n"
                 "© 2024 Acme Inc. All rights reserved.\nTEL: 03-0000-0000 / e-mail: info@example.com\n")
    assert not result.statements


def test_extract_evidence_quotes_its_own_offsets():
    text = (TEST_DATA / "ja" / "minimal.txt").read_text(encoding="utf-8")
    doc = parse_policy(text.encode("utf-8"), "m.txt")
    for statement in extract(doc, segment(doc)).statements:
        for evidence in statement.evidence:
            assert doc.text[evidence.start_char:evidence.end_char] == evidence.quote


def test_extract_statutory_definition_of_personal_information_is_not_a_practice():
    result = run("Acme Inc. collects your email address.\n"
                 "\"Personal information\" means information relating to a living individual, such as a name, date "
                 "of birth or other description that can identify a specific individual.")
    assert all_of(practices(result), "personal_data") == {str(PD.EmailAddress)}
    ja = run("株式会社テスト\n当社はメールアドレスを取得します。\n「個人情報」とは、個人情報保護法にいう「個人情報」を指し、"
             "生存する個人に関する情報であって、氏名、生年月日その他の記述により特定の個人を識別できるものをいいます。")
    assert str(PD.BirthDate) not in all_of(practices(ja), "personal_data")


def test_extract_exception_lead_in_continues_the_provision_before_it():
    result = run("Article 4 (Sharing)\nWe will not provide personal information to third parties without the consent "
                 "of the user. However, in the following cases, personal information may be provided without user’s "
                 "consent.\n1. Based on laws and regulations\n2. For the protection of human life, body or property\n")
    provisions = practices(result, PKG.ThirdPartyProvision)
    assert {str(DPV.LegalObligation), str(DPV.VitalInterest)} <= all_of(provisions, "legal_bases")


def test_extract_warns_when_no_company_name_or_practice_is_found():
    result = run("Contact us at info [at] example-shop [dot] com for any question about this website.")
    assert any("no company name" in w for w in result.warnings)
    assert any("no data practice" in w for w in result.warnings)


def test_extract_web_addresses_name_no_recipient():
    result = run("Acme Widgets Inc. (\"we\") uses these tools.\n6. Cookies\n| Tool | Provider | Purpose | Policy |\n|---|---|---|---|\n"
                 "| Example Maps | Example Maps Inc. | analytics | https://policies.google.com/privacy |\n")
    names = {r.name for s in practices(result) for r in s.recipients if r.name}
    assert not any("google" in n.lower() for n in names)
    assert "Example Maps Inc." in names


def test_extract_tab_table_of_external_transmission_names_each_operator():
    result = run("利用者情報の外部送信について\n株式会社テスト(以下「当社」といいます。)は、以下の外部サービスを利用しています。\n"
                 "サービス名\t事業者\tプライバシーポリシー\n"
                 "Googleアナリティクス\tGoogle LLC\thttps://policies.google.com/privacy\n"
                 "サンプル広告\tサンプル広告株式会社\thttps://example.jp/privacy\n")
    names = {r.name for s in practices(result, PKG.TrackingTechnology) for r in s.recipients if r.name}
    assert {"Google LLC", "サンプル広告株式会社"} <= names


def test_extract_the_aim_after_a_purpose_marker_is_the_purpose():
    result = run("Công ty TNHH Sao Mai thu thập họ tên.\n"
                 "Thống kê, khảo sát ý kiến khách hàng nhằm nâng cao chất lượng dịch vụ.")
    purposes = all_of(practices(result), "purposes")
    assert purposes and not any("Survey" in p or "Analytics" in p for p in purposes)


def test_extract_umbrella_categories_resolve_but_specific_ones_stay():
    result = run("Acme Inc. collects your email address, postal address and location data. "
                 "We use your contact information to reply to you.")
    data = all_of(practices(result), "personal_data")
    assert str(PD.Contact) not in data  # an umbrella: stands for the email and postal address
    assert str(PD.Location) in data  # a category of its own, although an address lies under it in DPV


def test_extract_selling_products_is_not_selling_data():
    result = run("株式会社テスト\n当社は、商品の販売のために氏名を利用します。")
    assert not practices(result, PKG.ThirdPartyProvision)


def test_extract_company_name_after_japanese_text():
    result = run("株式会社テスト\n当社は、米国の事業者であるExample Cloud, Inc.に個人データの取扱いを委託しています。")
    names = {r.name for s in practices(result) for r in s.recipients if r.name}
    assert "Example Cloud, Inc." in names


def test_extract_the_company_contact_fields_are_no_collection():
    result = run("Công ty TNHH Sao Mai thu thập họ tên.\nĐịa chỉ: Số 1 Đường Mẫu, Quận 1\nĐiện thoại: 028 0000 0000\n"
                 "住所：東京都千代田区1-1-1\n")
    assert all_of(practices(result), "personal_data") == {str(PD.Name)}


def test_extract_public_bodies_without_legal_form_are_named_recipients():
    result = run("Acme Widgets Inc. (\"we\") collects your name.\n"
                 "We may share your name with the Department of Health and the General Medical Council.")
    names = {r.name for s in practices(result) for r in s.recipients if r.name}
    assert {"Department of Health", "General Medical Council"} <= names
    vi = run("Công ty TNHH Sao Mai thu thập họ tên.\nChúng tôi cung cấp thông tin cho Bộ Công an theo quy định.")
    assert "Bộ Công an" in {r.name for s in practices(vi) for r in s.recipients if r.name}


@pytest.mark.parametrize("text, kept", [
    ("Acme Inc. collects your name and email address.\nWe use personal information for the following purposes:\n"
     "- Payment of wages and bonuses\n- Opinions about the service and responses to inquiries\n", {str(PD.Name), str(PD.EmailAddress)}),
    ("株式会社テスト\n当社は、氏名を取得します。\n当社は、以下の目的で個人情報を利用します。\n・給与の支払い\n・嗜好に関するアンケート調査\n",
     {str(PD.Name)}),
    ("Công ty TNHH Sao Mai thu thập họ tên.\nChúng tôi sử dụng thông tin cá nhân cho các mục đích sau:\n"
     "- Trả lương, thưởng cho nhân viên\n", {str(PD.Name)}),
])
def test_extract_data_words_in_a_purpose_list_name_purposes_not_data(text, kept):
    result = run(text)
    assert all_of(practices(result), "personal_data") == kept
    assert all_of(practices(result, PKG.Use), "purposes")


@pytest.mark.parametrize("text", [
    "Acme Inc. collects your name. We recommend that you change your password often to prevent fraud.",
    "株式会社テスト\n当社は、氏名を取得します。不正防止のため、パスワードの頻繁な変更をお勧めします。",
    "Công ty TNHH Sao Mai thu thập họ tên. Chúng tôi khuyến nghị bạn thay đổi mật khẩu thường xuyên để phòng chống gian lận.",
])
def test_extract_advice_to_the_reader_is_no_practice(text):
    result = run(text)
    assert all_of(practices(result), "personal_data") == {str(PD.Name)}
    assert not all_of(practices(result), "purposes")


def test_extract_contact_label_on_its_own_line_above_its_value_is_no_collection():
    result = run("Acme Inc. collects your name.\nContact desk\nPhone Number\n03-0000-0000\nE-mail address\ndesk@example.com\n")
    assert all_of(practices(result), "personal_data") == {str(PD.Name)}
    kept = run("Acme Inc. collects the following data:\n- Name\n- Phone number\n- Email address\n")
    assert all_of(practices(kept), "personal_data") == {str(PD.Name), str(PD.TelephoneNumber), str(PD.EmailAddress)}


def test_extract_attribute_information_stands_for_the_attributes_the_policy_names():
    result = run("Acme Inc. collects attribute information such as age, gender and occupation. "
                 "Advertising partners receive attribute information.")
    data = all_of(practices(result), "personal_data")
    assert {str(PD.Age), str(PD.Gender), str(PD.Job)} <= data and str(PKG.AttributeInformation) not in data


def test_extract_to_before_a_noun_phrase_is_no_purpose_marker():
    result = run("Acme Inc. collects your name. When we provide personal information to a third party, "
                 "we keep records of the provision.")
    assert str(DPV.RecordManagement) not in all_of(practices(result), "purposes")
    marked = run("Acme Inc. collects your name to keep records of your orders.")
    assert str(DPV.RecordManagement) in all_of(practices(marked), "purposes")


@pytest.mark.parametrize("text, absent, present", [
    ("株式会社テスト\n当社は、氏名を取得します。\n利用目的\n・顧客管理システムの申込み\n", DPV.CustomerManagement, DPV.ServiceRegistration),
    ("株式会社テスト\n当社は、氏名を取得します。\n利用目的\n・システム管理業務に関するお問い合わせへの対応\n", DPV.ServiceManagement, None),
    ("Acme Inc. collects your name to set up your account in our customer management system.",
     DPV.CustomerManagement, None),
])
def test_extract_a_purpose_that_qualifies_a_product_or_a_head_noun_is_not_stated(text, absent, present):
    purposes = all_of(practices(run(text)), "purposes")
    assert str(absent) not in purposes
    if present:
        assert str(present) in purposes


def test_extract_a_recipient_list_item_names_no_data_subject():
    result = run("株式会社テスト\n当社は、お客様の氏名を共同利用します。\n(1) 共同して利用する者の範囲\n・当社取引先である販売代理店\n")
    assert str(PKG.BusinessContact) not in all_of(practices(result), "data_subjects")
    subjects = run("株式会社テスト\n当社は、以下の方の氏名を取得します。\n・取引先\n")
    assert str(PKG.BusinessContact) in all_of(practices(subjects), "data_subjects")


def test_extract_a_platform_the_user_acts_on_is_no_recipient():
    result = run("Acme Inc. may acquire the IDs you registered on Facebook, based on your privacy settings.")
    assert "Facebook" not in {r.name for s in practices(result) for r in s.recipients if r.name}


def test_extract_using_the_service_adds_no_subject_to_a_named_person():
    result = run("Công ty TNHH Sao Mai thu thập địa chỉ IP của khách hàng khi khách hàng sử dụng dịch vụ.")
    assert all_of(practices(result), "data_subjects") == {str(DPV.Customer)}


def test_extract_list_items_inherit_the_subject_of_their_lead_in():
    result = run("Acme Inc. (\"we\") runs a radio station.\nIf you apply to become a presenter, we may collect:\n"
                 "- your name\n- your voice recordings\n")
    (s, *_) = [s for s in practices(result) if str(PD.Name) in s.personal_data]
    assert str(DPV.Applicant) in s.data_subjects


@pytest.mark.parametrize("text, expected", [
    ("Acme Inc. collects the following data:\n- Account data: username, email address and profile picture\n",
     {str(PD.Username), str(PD.EmailAddress), str(PD.Picture)}),
    ("株式会社テスト\n当社は、連絡先(電話番号、メールアドレス)を取得します。", {str(PD.TelephoneNumber), str(PD.EmailAddress)}),
    ("Công ty TNHH Sao Mai thu thập các thông tin sau:\n- Thông tin liên hệ: số điện thoại, địa chỉ email\n",
     {str(PD.TelephoneNumber), str(PD.EmailAddress)}),
])
def test_extract_a_category_titling_its_items_is_not_a_category_of_its_own(text, expected):
    assert all_of(practices(run(text)), "personal_data") == expected


def test_extract_the_company_address_in_a_table_row_is_no_collection():
    result = run("株式会社テスト\n当社は、氏名を取得します。\n| 住所 | 東京都千代田区1-1-1 |\n| 連絡先 | 03-0000-0000 |\n")
    assert all_of(practices(result), "personal_data") == {str(PD.Name)}


@pytest.mark.parametrize("text", [
    "Acme Inc. collects your name. Unless we receive a court order, we delete backups after 30 days.",
    "株式会社テスト\n当社は、氏名を取得します。裁判所命令がない限り、バックアップを30日後に削除します。",
])
def test_extract_a_court_order_is_a_legal_basis_not_a_recipient(text):
    roles = {r.role for s in practices(run(text)) for r in s.recipients}
    assert str(DPV.JudicialOrganisation) not in roles


def test_extract_an_item_naming_a_right_is_about_the_right():
    result = run("Công ty TNHH Sao Mai thu thập họ tên.\nQuyền của khách hàng:\n"
                 "- Quyền khiếu nại lên cơ quan bảo vệ dữ liệu cá nhân\n")
    assert not any(r.role for s in practices(result) for r in s.recipients)
    disclosed = run("株式会社テスト\n当社は、氏名を取得します。法令に基づき、裁判所、警察等から個人情報の開示を求められた場合、これに応じます。")
    roles = {r.role for s in practices(disclosed) for r in s.recipients}
    assert str(DPV.LawEnforcementOrganisation) in roles


def test_extract_obtaining_consent_is_no_collection_cue():
    result = run("Acme Inc. collects your name.\n3. Provision to third parties\n"
                 "We do not provide personal data to third parties except in the following cases:\n"
                 "- where it is necessary to protect the life, body or property of a person and it is difficult "
                 "to obtain the consent of the individual\n")
    assert str(DPV.VitalInterest) in all_of(practices(result, PKG.ThirdPartyProvision), "legal_bases")


@pytest.mark.parametrize("text, document", [
    ("Acme Inc. collects your name.\n5. Your rights\nPlease send a copy of your passport with the request form.\n",
     PD.Passport),
    ("株式会社テスト\n当社は、氏名を取得します。\n5. 開示等の請求\n請求書に運転免許証の写しを添付の上、郵送してください。\n", PD.VehicleLicense),
])
def test_extract_documents_asked_for_in_a_rights_section_are_collected(text, document):
    assert str(document) in all_of(practices(run(text), PKG.Collection), "personal_data")


def test_extract_the_name_field_of_a_contact_block_is_no_collection():
    result = run("Acme Inc. collects your email address.\nData protection officer\nName: Jane Example\n")
    assert all_of(practices(result), "personal_data") == {str(PD.EmailAddress)}


@pytest.mark.parametrize("text, absent", [
    ("Acme Inc. collects your email address in the following cases:\n- When subscribing to our newsletter;\n",
     DPV.DirectMarketing),
    ("Công ty TNHH Sao Mai thu thập địa chỉ email trong các trường hợp sau:\n- Khi đăng ký nhận bản tin khuyến mãi\n",
     DPV.DirectMarketing),
])
def test_extract_an_item_naming_an_occasion_states_no_purpose(text, absent):
    result = run(text)
    assert str(PD.EmailAddress) in all_of(practices(result), "personal_data")
    assert str(absent) not in all_of(practices(result), "purposes")


@pytest.mark.parametrize("text, data, absent", [
    ("株式会社テスト\n当社は、以下の外部サービスを利用します。\n"
     "サービス名 | 提供者 | 利用目的 |\n---|---|---|\n"
     "解析ツールA | サンプル解析株式会社 | お客様の興味・関心に合ったサービスを提供するため |\n"
     "広告ツールB | サンプル広告株式会社 | 閲覧履歴を取得するためにクッキーを利用します |\n",
     {str(PD.BrowserHistory)}, str(PD.Interest)),
    ("Acme Inc. uses the following tools.\n| Tool | Provider | Purpose |\n|---|---|---|\n"
     "| Analytics A | Example Analytics Inc. | to show content that suits user interests |\n",
     set(), str(PD.Interest)),
])
def test_extract_table_cells_are_read_by_their_column(text, data, absent):
    result = run(text)
    found = all_of(practices(result), "personal_data")
    assert absent not in found and data <= found


def test_extract_table_data_column_names_data_not_purposes():
    result = run("Acme Inc. keeps the following data.\n| Data | Retention period |\n|---|---|\n"
                 "| Customer support messages | 2 years |\n")
    assert str(DPV.CustomerCare) not in all_of(practices(result), "purposes")
    assert str(PKG.Message) in all_of(practices(result), "personal_data")


def test_extract_a_heading_cue_above_a_heading_naming_data_sets_the_kind():
    result = run("Acme Inc. (\"we\") collects your name.\n1. Purpose of use\n1.1 Personal information about employees\n"
                 "- Management of personnel and duties\n- Management of salaries and bonuses\n")
    assert str(PD.Salary) not in all_of(practices(result), "personal_data")
    assert str(DPV.PersonnelPayment) in all_of(practices(result, PKG.Use), "purposes")


@pytest.mark.parametrize("text, absent", [
    ("Acme Inc. collects your name.\n- Payment of salaries and bonuses to staff\n", PD.Salary),
    ("株式会社テスト\n当社は、氏名を取得します。\n・給与・賞与の支払い\n", PD.Salary),
])
def test_extract_a_conjunct_shares_the_purpose_phrase_of_its_partner(text, absent):
    assert str(absent) not in all_of(practices(run(text)), "personal_data")


@pytest.mark.parametrize("text, refined, plain", [
    ("Acme Inc. collects your browsing history to display advertisements based on your browsing history.",
     DPV.PersonalisedAdvertising, DPV.Advertising),
    ("Acme Inc. collects your name.\nWe use personal information for the following purposes:\n"
     "- To show advertisements tailored to users\n", DPV.PersonalisedAdvertising, DPV.Advertising),
    ("株式会社テスト\n当社は、閲覧履歴を取得し、お客様の属性に合わせた広告配信のために利用します。",
     DPV.PersonalisedAdvertising, DPV.Advertising),
    ("Công ty TNHH Sao Mai thu thập lịch sử duyệt web để hiển thị quảng cáo phù hợp với sở thích của khách hàng.",
     DPV.PersonalisedAdvertising, DPV.Advertising),
    ("Acme Inc. uses your email address for sending you marketing about our products by email or SMS.",
     DPV.DirectMarketing, DPV.Marketing),
    ("株式会社テスト\n当社は、メールアドレスを、メールによるキャンペーンのご案内のために利用します。",
     DPV.DirectMarketing, PKG.CampaignManagement),
    ("Công ty TNHH Sao Mai sử dụng địa chỉ email để gửi thông tin chương trình khuyến mãi qua email và SMS.",
     DPV.DirectMarketing, PKG.CampaignManagement),
    ("株式会社テストは、キャンペーン情報のメールマガジンを配信するため、氏名を利用します。",
     DPV.DirectMarketing, PKG.CampaignManagement),
    ("Acme Inc. uses your name to send you promotional offers about our campaigns.",
     DPV.DirectMarketing, PKG.CampaignManagement),
    ("Công ty TNHH Sao Mai sử dụng họ tên để cung cấp các thông tin khuyến mãi, chương trình ưu đãi.",
     DPV.DirectMarketing, PKG.CampaignManagement),
])
def test_extract_a_purpose_the_sentence_refines_takes_its_refined_form(text, refined, plain):
    """Tailored to the person → personalised (pkg:personalisedAs); sent by a channel → direct (pkg:sentDirectAs)."""
    purposes = all_of(practices(run(text)), "purposes")
    assert str(refined) in purposes and str(plain) not in purposes


def test_extract_an_untailored_purpose_stays_as_stated():
    purposes = all_of(practices(run("Acme Inc. uses your email address to send advertisements. "
                                    "Our prices are based on your country.")), "purposes")
    assert str(DPV.PersonalisedAdvertising) not in purposes


@pytest.mark.parametrize("text, data", [
    ("Acme Inc. uses cookies recognising that you have given a username, so you do not need to give it again.", PD.Username),
    ("Acme Inc. asks you to keep a secure email address, or you may not receive important news.", PD.EmailAddress),
    ("株式会社テスト\n当社はクッキーでユーザー名を記憶するため、再入力する必要はありません。", PD.Username),
])
def test_extract_no_need_and_a_negated_second_clause_deny_nothing(text, data):
    result = run(text)
    assert str(data) in all_of(practices(result), "personal_data")
    assert str(data) not in all_of(denials(result), "personal_data")


@pytest.mark.parametrize("text, consenting", [
    ("Acme Inc. collects the email addresses of children with the consent of the parent.", DPV.ParentOfDataSubject),
    ("株式会社テスト\n当社は、保護者の同意を得て、お子様の氏名を取得します。", DPV.GuardianOfDataSubject),
    ("Công ty TNHH Sao Mai thu thập họ tên của trẻ em khi có sự đồng ý của cha mẹ.", DPV.ParentOfDataSubject),
])
def test_extract_a_person_giving_consent_is_not_the_data_subject(text, consenting):
    subjects = all_of(practices(run(text)), "data_subjects")
    assert str(DPV.Child) in subjects and str(consenting) not in subjects


@pytest.mark.parametrize("text, names", [
    ("Acme Inc. collects your name. When you apply for a loan, we share your details with Ledgerline and Scorewell.",
     {"Ledgerline", "Scorewell"}),
    ("Acme Inc. collects your address. We disclose personal information to service providers: shipping carriers "
     "(Parcelo, QuickShip, and NSPS) and fraud screening (Fraudwatch).", {"Parcelo", "QuickShip", "NSPS", "Fraudwatch"}),
    ("Acme Inc. collects your name.\nWe use the following processors:\n- Verifyly – identity verification;\n"
     "- Paystream and Debitly – card payments and Direct Debit;\n", {"Verifyly", "Paystream", "Debitly"}),
    ("株式会社テスト\n当社は、氏名及びメールアドレスを、Parcelo及びQuickShipに提供します。", {"Parcelo", "QuickShip"}),
    ("Công ty TNHH Sao Mai thu thập địa chỉ giao hàng. Chúng tôi chia sẻ thông tin giao hàng với Giao Nhanh Việt "
     "và Ship Sao.", {"Giao Nhanh Việt", "Ship Sao"}),
])
def test_extract_names_where_a_sharing_sentence_puts_its_receivers_are_recipients(text, names):
    found = {r.name for s in practices(run(text)) for r in s.recipients if r.name}
    assert names <= found


def test_extract_abbreviations_and_the_company_itself_are_no_recipients():
    result = run("Acme Widgets Inc. (\"we\") collects your name.\nWe share data with partners that use software "
                 "development kits (SDKs).\nWe share your name with Acme Widgets Inc. staff.\n"
                 "© 2025 Acme Widgets Inc. All rights reserved.\n")
    found = {r.name for s in practices(result) for r in s.recipients if r.name}
    assert not found & {"SDKs", "Acme Widgets Inc."}


def test_extract_the_copyright_holder_is_another_name_of_the_controller():
    result = run("株式会社みどり商会(以下「当社」といいます。)は、お客様の氏名を取得します。\n"
                 "当社は、氏名を第三者に提供しません。\n© 2025 Midori Shokai Co., Ltd.\n")
    assert "Midori Shokai Co., Ltd." in result.controller.names


def test_extract_the_right_to_complain_to_an_authority_is_no_disclosure():
    result = run("Acme Inc. collects your name. You also have the right to complain to the Information "
                 "Commissioner's Office.")
    assert not any(r.name for s in practices(result) for r in s.recipients)


def test_extract_a_purpose_label_ending_in_its_marker_is_stated():
    result = run("株式会社テスト\n採用応募者の個人情報は、応募の受付、書類選考及びご連絡のために利用します。")
    purposes = all_of(practices(result), "purposes")
    assert {str(DPV.RecruitmentApplicantSelection), str(DPV.CommunicationManagement)} <= purposes


def test_extract_sensitive_data_stands_for_the_sensitive_categories_named():
    result = run("株式会社テスト\n当社は、問診票の回答、病歴その他の要配慮個人情報を、本人の同意を得て取得します。")
    data = all_of(practices(result), "personal_data")
    assert str(DPV.SensitivePersonalData) not in data and data


@pytest.mark.parametrize("text, denied", [
    ("Công ty TNHH Sao Mai thu thập họ tên. Chúng tôi không yêu cầu bạn cung cấp địa chỉ nhà riêng.", PD.PhysicalAddress),
    ("Công ty TNHH Sao Mai thu thập họ tên. Chúng tôi không lưu lịch sử di chuyển của bạn.", PD.TravelHistory),
])
def test_extract_vietnamese_denials_of_asking_and_keeping(text, denied):
    result = run(text)
    assert str(denied) not in all_of(practices(result), "personal_data")


def test_extract_people_described_in_a_purpose_column_are_no_data_subjects():
    result = run("株式会社テスト\n当社は、以下のツールを利用します。\n| サービス名 | 提供者 | 利用目的 |\n|---|---|---|\n"
                 "| 広告ツールA | サンプル広告株式会社 | 過去に当サイトを訪問された方に広告を配信するため |\n")
    assert str(DPV.Visitor) not in all_of(practices(result), "data_subjects")
    assert str(DPV.Visitor) in all_of(practices(run("Acme Inc. collects your IP address when you visit our website.")),
                                      "data_subjects")


def test_extract_account_and_payment_information_stand_for_the_items_the_policy_names():
    result = run("Acme Inc. collects your username, password and card details. "
                 "Account information and payment information are kept for six years.")
    data = all_of(practices(result), "personal_data")
    assert not data & {str(PKG.AccountInformation), str(PKG.PaymentInformation)}
    assert {str(PD.Username), str(PD.Password)} <= data


def test_extract_list_items_inherit_the_recipient_role_of_their_lead_in():
    result = run("Acme Inc. collects your name.\nWe share your address with the following delivery companies:\n"
                 "- Parcelo Ltd.\n- QuickShip Inc.\n")
    roles = {r.name: r.role for s in practices(result) for r in s.recipients if r.name}
    assert roles.get("Parcelo Ltd.") == str(PKG.DeliveryCompany)


@pytest.mark.parametrize("text, platform", [
    ("Acme Inc. shares your email address with Meta to measure the adverts on Facebook or Instagram you clicked.",
     "Instagram"),
    ("Công ty TNHH Sao Mai chia sẻ dữ liệu với Meta để hiển thị quảng cáo sản phẩm trên Facebook và Instagram.",
     "Instagram"),
])
def test_extract_the_platform_an_advert_appears_on_is_no_recipient(text, platform):
    names = {r.name for s in practices(run(text)) for r in s.recipients if r.name}
    assert platform not in names and "Meta" in names


@pytest.mark.parametrize("text, absent", [
    ("Acme Inc. collects your name and purchase history. We may provide purchase history in which individuals "
     "cannot be identified to our business partners.", "ThirdPartyProvision"),
    ("株式会社テスト\n当社は氏名と購買履歴を取得します。当社は、個人を特定できない統計情報を提携先に提供することがあります。",
     "ThirdPartyProvision"),
    ("Công ty TNHH Sao Mai thu thập họ tên. Chúng tôi chỉ chia sẻ dữ liệu thống kê ẩn danh với đối tác.",
     "ThirdPartyProvision"),
])
def test_extract_giving_out_anonymous_statistics_is_no_personal_data_flow(text, absent):
    assert not practices(run(text), getattr(PKG, absent))


def test_extract_statistics_and_named_data_still_flow():
    result = run("Công ty TNHH Sao Mai thu thập họ tên. Công ty mẹ được tiếp cận dữ liệu thống kê và "
                 "địa chỉ email của học viên.")
    assert str(PD.EmailAddress) in all_of(practices(result), "personal_data")


def test_extract_a_definition_of_a_business_names_no_data_subject():
    result = run("株式会社テスト\n当社は、氏名を取得します。\n「提携機関」とは、会員との間で契約を締結している事業者をいいます。")
    assert str(DPV.Member) not in all_of(practices(result), "data_subjects")


def test_extract_the_cells_of_a_service_or_provider_column_are_named_recipients():
    result = run("株式会社テスト\n当社は、以下の外部サービスに利用者情報を送信します。\n"
                 "サービス名\t提供者\t送信される情報\n Tracklytics\tSample Analytics\t閲覧履歴\n Adnova\tNova Media\t広告ID\n")
    names = {r.name for s in practices(result) for r in s.recipients if r.name}
    assert {"Tracklytics", "Sample Analytics", "Adnova", "Nova Media"} <= names


@pytest.mark.parametrize("text, subject", [
    pytest.param("Acme Inc. collects your IP address when you visit our website.", DPV.Visitor, id="by-what-they-do"),
    pytest.param("Acme Inc. collects your email address when you sign up for our newsletter.", DPV.Subscriber, id="by-what-they-do"),
    pytest.param("株式会社テスト\n当サイトを閲覧した際に、IPアドレスを取得します。", DPV.Visitor, id="by-what-they-do"),
    pytest.param("株式会社テスト\n採用に応募いただく際に、氏名と経歴を取得します。", DPV.JobApplicant, id="by-what-they-do"),
    pytest.param("Công ty TNHH Sao Mai thu thập địa chỉ email khi đăng ký nhận bản tin.", DPV.Subscriber, id="by-what-they-do"),
    pytest.param("Công ty TNHH Sao Mai thu thập địa chỉ IP khi truy cập website.", DPV.Visitor, id="by-what-they-do"),
    pytest.param("Acme Inc. does collect the email addresses of users under the age of 16 with parental consent.", DPV.Child, id="by-an-age-limit"),
    pytest.param("株式会社テスト\n当社は、13歳以下の利用者の氏名を保護者の同意を得て取得します。", DPV.Child, id="by-an-age-limit"),
    pytest.param("Công ty TNHH Sao Mai thu thập họ tên của người dùng dưới 16 tuổi khi có sự đồng ý của cha mẹ.", DPV.Child, id="by-an-age-limit"),
    pytest.param("Acme Inc. collects your email address. This policy applies to our handling of information about site "
                 "visitors and job applicants.", DPV.JobApplicant, id="covered-by-the-policy"),
    pytest.param("Công ty TNHH Sao Mai thu thập họ tên.\nChính sách này áp dụng đối với:\n- Học viên của Sao Mai;\n"
                 "- Người dùng truy cập website mà chưa tạo tài khoản.\n", DPV.Visitor, id="covered-by-the-policy"),
    pytest.param("Acme Inc. keeps the email addresses of applicants for three years after the position is filled.",
                 DPV.JobApplicant, id="applicants-for-jobs"),
    pytest.param("Acme Inc. collects the email addresses of applicants for a loan.", DPV.Applicant, id="applicants-for-jobs"),
    pytest.param("株式会社テスト\n当社は、氏名を取得します。\n「利用者」とは、本サービスを利用してオンライン診療を受ける患者の方をいいます。", DPV.Patient, id="in-a-definition"),
    pytest.param("Acme Inc. collects your name. \"User\" means a patient who books an appointment through the app.", DPV.Patient, id="in-a-definition"),
])
def test_extract_names_the_people_whose_data_it_is(text, subject):
    """By what they do (pkg:actionLabel), by an age limit, as the people a policy covers or a definition names,
    and as applicants for jobs (pkg:inRecruitmentAs)."""
    assert str(subject) in all_of(practices(run(text)), "data_subjects")


@pytest.mark.parametrize("text, name", [
    pytest.param("Công ty TNHH Sao Mai chia sẻ họ tên. Nếu bạn chọn đăng nhập bằng tài khoản Zalo hoặc Facebook, chúng tôi "
                 "chia sẻ và nhận tên hiển thị.", "Facebook", id="sign-in-source"),
    pytest.param("株式会社テスト\n当社は、Facebookでログインしたお客様の表示名を、広告配信事業者に提供することがあります。", "Facebook", id="sign-in-source"),
    pytest.param("Acme Inc. shares your name with Parcelo Ltd. If a breach occurs, we will notify the Data Protection "
                 "Authority within 72 hours.", "Data Protection Authority", id="notified-authority"),
    pytest.param("株式会社テスト\n当社は、氏名を第三者に提供することがあります。漏えいが生じた場合は、個人情報保護委員会への報告を行います。",
                 "個人情報保護委員会", id="notified-authority"),
    pytest.param("Công ty TNHH Sao Mai chia sẻ họ tên với đối tác. Khi xảy ra vi phạm, chúng tôi sẽ thông báo cho Bộ Công an "
                 "trong 72 giờ.", "Bộ Công an", id="notified-authority"),
    pytest.param("株式会社テスト\n当社は、氏名を米国の第三者に提供します。同国の制度については、個人情報保護委員会のウェブサイトをご確認ください。",
                 "個人情報保護委員会", id="cited-document"),
    pytest.param("Acme Inc. transfers your name to Example Cloud Inc. in the US under the European Commission's Standard "
                 "Contractual Clauses.", "European Commission", id="cited-document"),
])
def test_extract_a_name_that_receives_nothing_is_no_recipient(text, name):
    """A sign-in provider is a source; an authority notified of a breach or a body whose website or document
    is cited receives no personal data."""
    assert name not in {r.name for s in practices(run(text)) for r in s.recipients if r.name}


@pytest.mark.parametrize("text", [
    "Acme Inc. collects your name. If you are applying for a job at Acme, please review our Recruitment Privacy Policy.",
    "株式会社テスト\n当社は、氏名を取得します。採用に応募される方は、採用プライバシーポリシーをご覧ください。",
])
def test_extract_a_pointer_to_another_policy_states_nothing(text):
    result = run(text)
    assert str(DPV.JobApplicant) not in all_of(practices(result), "data_subjects")
    assert all_of(practices(result), "personal_data") == {str(PD.Name)}


@pytest.mark.parametrize("text", [
    "株式会社テスト\n当社は、協力会社、株主などとの連絡のために、氏名及びメールアドレスを取得します。",
    "Acme Inc. collects names and e-mail addresses to communicate with our partners and shareholders.",
    "Công ty TNHH Sao Mai thu thập họ tên và số điện thoại để liên hệ với các đối tác và cổ đông.",
])
def test_extract_people_kept_in_touch_with_are_data_subjects_not_recipients(text):
    (s,) = practices(result := run(text))
    assert s.kind == str(PKG.Collection), result
    assert str(PKG.Shareholder) in s.data_subjects
    assert not [r for r in s.recipients if r.role == str(PKG.BusinessPartner)]


@pytest.mark.parametrize("text", [
    "Acme Inc. processes your name where this is necessary for the performance of a contract with you.",
    "Công ty TNHH Sao Mai xử lý họ tên của bạn khi cần thiết để thực hiện hợp đồng với bạn.",
    "株式会社テストは、契約の履行に必要な範囲で氏名を取り扱います。",
    "Công ty TNHH Sao Mai có thể xử lý dữ liệu cá nhân mà không cần sự đồng ý của bạn trong các trường hợp sau:\n"
    "- Để thực hiện nghĩa vụ theo hợp đồng với bạn;\n",
])
def test_extract_processing_necessary_for_a_contract_names_the_basis_not_a_purpose(text):
    statements = practices(run(text))
    assert str(DPV.Contract) in all_of(statements, "legal_bases")
    assert str(DPV.FulfilmentOfContractualObligation) not in all_of(statements, "purposes")


def test_extract_performing_a_contract_as_an_aim_stays_a_purpose():
    statements = practices(run("Acme Inc. uses your name and address to perform our contract with you."))
    assert str(DPV.FulfilmentOfContractualObligation) in all_of(statements, "purposes")


@pytest.mark.parametrize("text", [
    "株式会社テスト\n当社は、個人情報の取扱いを委託する場合、委託先と委託契約を締結し、適切に監督します。",
    "Acme Inc. may entrust your name to processors; we sign a data processing agreement with each processor.",
    "Công ty TNHH Sao Mai có thể ủy quyền xử lý họ tên của bạn cho bên xử lý và ký hợp đồng xử lý dữ liệu với họ.",
])
def test_extract_an_agreement_with_a_processor_is_a_safeguard_not_a_legal_basis(text):
    statements = practices(run(text))
    assert str(DPV.DataProcessor) in {r.role for s in statements for r in s.recipients}
    assert not {b for b in all_of(statements, "legal_bases") if "Agreement" in b}


def named(result) -> set[str]:
    return {r.name for s in practices(result) for r in s.recipients if r.name}


@pytest.mark.parametrize("text, source", [
    ("Acme Inc. collects your name and e-mail address. If you register or log in using Apple or Google, "
     "we receive your name from that provider.", {"Apple", "Google"}),
    ("Acme Inc. collects a relay e-mail address if you use Apple's \"Hide My Email\" with Sign in with Apple.",
     {"Apple", "Hide My Email", "Sign in with Apple"}),
    ("株式会社テストは、Appleでサインインをご利用の場合、メールアドレスを取得します。", {"Appleでサインイン"}),
    ("Công ty TNHH Sao Mai thu thập địa chỉ email khi bạn sử dụng Đăng nhập bằng Google.", {"Đăng nhập bằng Google"}),
])
def test_extract_a_sign_in_service_is_a_source_not_a_recipient(text, source):
    assert not named(run(text)) & source


@pytest.mark.parametrize("text", [
    "Acme Inc. shares your data with hosting providers (United States and Frankfurt, Germany).",
    "Acme Inc. shares your data with service providers: Example Cloud Ltd. (Singapore and Tokyo).",
])
def test_extract_a_place_in_a_recipient_slot_is_no_recipient(text):
    assert not named(run(text)) & {"United States", "Frankfurt", "Germany", "Singapore", "Tokyo"}


@pytest.mark.parametrize("text, statute", [
    ("Acme Inc. shares your name with third parties in accordance with the Personal Data Protection Act 2012.",
     "Personal Data Protection Act 2012"),
    ("Công ty TNHH Sao Mai chia sẻ họ tên của bạn với bên thứ ba theo Nghị định 13/2023/NĐ-CP.", "Nghị định 13/2023/NĐ-CP"),
])
def test_extract_a_statute_is_no_recipient(text, statute):
    assert not {n for n in named(run(text)) if n.startswith(statute.split()[0])}


@pytest.mark.parametrize("text", [
    "Acme Inc.\n\nKeeping your information secure\n\nWe use encryption and multi-factor authentication for employees.",
    "Acme Inc.\n\nSecurity\n\nWe encrypt data and restrict access to medical records to authorised staff.",
])
def test_extract_measures_under_a_security_heading_collect_nothing(text):
    (s,) = run(text).statements
    assert s.kind == str(PKG.SecurityStatement) and s.measures
    assert not (s.personal_data or s.purposes or s.data_subjects)


@pytest.mark.parametrize("text", [
    "Acme Inc. keeps invoices with your name for seven years to comply with tax and accounting laws.",
    "株式会社テストは、会計関連法令を遵守するため、お客様の氏名を利用します。",
    "Công ty TNHH Sao Mai sử dụng họ tên của bạn để tuân thủ quy định của pháp luật về thuế, kế toán.",
])
def test_extract_the_subject_of_a_law_is_no_purpose(text):
    assert str(PKG.Accounting) not in all_of(practices(run(text)), "purposes")


@pytest.mark.parametrize("text, field, concept, present", [
    # an age limit is not the age collected
    ("Công ty TNHH Sao Mai chỉ cung cấp ứng dụng cho người từ đủ 16 tuổi trở lên và thu thập họ tên.", "personal_data", PD.Age, False),
    ("Công ty TNHH Sao Mai thu thập họ tên và tuổi của bạn.", "personal_data", PD.Age, True),
    ("株式会社テストは、16歳以上の方から氏名を取得します。", "personal_data", PD.Age, False),
    ("Acme Inc. collects the names of users aged 16 or older.", "personal_data", PD.Age, False),
    # family data is information about the family, not the word "family"
    ("Acme Inc. collects your name when you use the family account feature.", "personal_data", PD.Family, False),
    ("Acme Inc. collects details of family members for emergency contact.", "personal_data", PD.Family, True),
    ("株式会社テストは、家族アカウント機能の利用時に氏名を取得します。", "personal_data", PD.Family, False),
    ("株式会社テストは、扶養家族に関する情報を取得します。", "personal_data", PD.Family, True),
    ("Công ty TNHH Sao Mai thu thập họ tên khi bạn sử dụng tính năng gia đình.", "personal_data", PD.Family, False),
    ("Công ty TNHH Sao Mai thu thập thông tin người thân của bạn.", "personal_data", PD.Family, True),
    # a remark in parentheses does not make the data before it a title
    ("Công ty TNHH Sao Mai thu thập giới tính (không bắt buộc, để nhận quà sinh nhật).", "personal_data", PD.Gender, True),
    ("Acme Inc. collects your gender (optional, used with your date of birth for a gift).", "personal_data", PD.Gender, True),
    ("株式会社テストは、性別(任意、生年月日とあわせて特典に利用)を取得します。", "personal_data", PD.Gender, True),
    # a group receiving data is not its subject
    ("Acme Inc. discloses your delivery address to delivery drivers.", "data_subjects", PKG.DriverOrCourier, False),
    ("Acme Inc. keeps information relating to delivery drivers, such as their names.", "data_subjects", PKG.DriverOrCourier, True),
    ("株式会社テストは、お届け先住所を配達員に提供します。", "data_subjects", PKG.DriverOrCourier, False),
    ("株式会社テストは、配達員の氏名を取得します。", "data_subjects", PKG.DriverOrCourier, True),
    ("Công ty TNHH Sao Mai thu thập họ tên của tài xế.", "data_subjects", PKG.DriverOrCourier, True),
])
def test_extract_a_word_in_passing_is_not_what_the_statement_names(text, field, concept, present):
    assert (str(concept) in all_of(practices(run(text)), field)) is present


@pytest.mark.parametrize("text, denied", [
    ("Acme Inc. collected these categories:\n\n| Category | Examples | Collected |\n|---|---|---|\n"
     "| Identifiers | Name, email address | Yes |\n| Biometric information | - | No |\n", str(PD.Biometric)),
    ("株式会社テストが取得する情報\n\n| 項目 | 例 | 取得 |\n|---|---|---|\n| 連絡先 | 氏名、メールアドレス | あり |\n"
     "| 生体情報 | - | なし |\n", str(PD.Biometric)),
    ("Công ty TNHH Sao Mai thu thập các loại dữ liệu sau:\n\n| Loại dữ liệu | Ví dụ | Thu thập |\n|---|---|---|\n"
     "| Thông tin liên hệ | họ tên, địa chỉ email | Có |\n| Dữ liệu sinh trắc học | - | Không |\n", str(PD.Biometric)),
])
def test_extract_a_table_row_saying_no_denies_its_category_and_a_category_cell_titles_its_items(text, denied):
    result = run(text)
    collected = all_of(practices(result), "personal_data")
    assert denied not in collected and denied in all_of(denials(result), "personal_data")
    assert {str(PD.Name), str(PD.EmailAddress)} <= collected and str(PD.Contact) not in collected


@pytest.mark.parametrize("text, subject", [
    # applicants under a recruitment heading are job applicants
    ("Acme Inc.\n\nJob applicants\n\nWe use the names and e-mail addresses of applicants to assess each application "
     "carefully and fairly.", DPV.JobApplicant),
    ("株式会社テスト\n\n採用応募者の個人情報\n\n当社は、応募者の氏名及びメールアドレスを、応募内容の確認のために利用します。", DPV.JobApplicant),
    ("Công ty TNHH Sao Mai\n\nỨng viên tuyển dụng\n\nChúng tôi sử dụng họ tên và email của người nộp đơn để xem xét hồ sơ "
     "của họ.", DPV.JobApplicant),
    # an emergency contact is a data subject of no DPV kind
    ("Acme Inc. collects the name and phone number of your emergency contact.", PKG.EmergencyContactPerson),
    ("株式会社テストは、緊急連絡先の方の氏名及び電話番号を取得します。", PKG.EmergencyContactPerson),
    ("Công ty TNHH Sao Mai thu thập họ tên và số điện thoại của người liên hệ khẩn cấp.", PKG.EmergencyContactPerson),
    # people named by what they do: registering for a webinar, entering a contest, applying for a loan
    ("Acme Inc. collects your name and e-mail address when you register for a webinar.", DPV.Participant),
    ("株式会社テストは、キャンペーンに応募された際に氏名と住所を取得します。", DPV.Participant),
    ("Công ty TNHH Sao Mai thu thập họ tên khi bạn tham gia minigame trên fanpage.", DPV.Participant),
    ("Acme Inc. collects your income and employment details when you apply for a loan.", DPV.Applicant),
])
def test_extract_data_subjects_named_by_their_heading_or_role(text, subject):
    assert str(subject) in all_of(practices(run(text)), "data_subjects")


@pytest.mark.parametrize("text, platforms", [
    ("Acme Inc. uses these tools:\n\n| Tool | Provider | Data | Purpose |\n|---|---|---|---|\n"
     "| Example Pixel | Example Ads Ltd. | cookie ID | showing ads on Facebook and Instagram |\n", {"Facebook", "Instagram"}),
    ("株式会社テストの外部送信\n\n| ツール | 送信先 | 情報 | 利用目的 |\n|---|---|---|---|\n"
     "| Example Pixel | Example Ads株式会社 | Cookie ID | Facebook上での広告配信 |\n", {"Facebook"}),
    ("株式会社テストは、Facebook及びInstagram上で広告を配信するため、Cookie IDを取得します。", {"Facebook", "Instagram"}),
    ("Công ty TNHH Sao Mai sử dụng:\n\n| Công cụ | Đơn vị | Dữ liệu | Mục đích |\n|---|---|---|---|\n"
     "| Example Pixel | Example Ads Ltd. | cookie | hiển thị quảng cáo trên Facebook |\n", {"Facebook"}),
])
def test_extract_a_platform_named_in_a_purpose_is_no_recipient(text, platforms):
    assert not named(run(text)) & platforms


@pytest.mark.parametrize("text, expected, not_expected", [
    ("Acme Inc. shares your device token with Firebase Cloud Messaging (FCM) to deliver notifications.",
     {"Firebase Cloud Messaging"}, {"FCM"}),
    ("Acme Inc. collects your e-mail address; Apple may mask it via Hide My Email.", set(), {"Apple"}),
    ("Công ty TNHH Sao Mai chia sẻ họ tên khách hàng với Ngân hàng Nhà nước Việt Nam theo quy định.",
     {"Ngân hàng Nhà nước Việt Nam"}, set()),
    ("Công ty TNHH Sao Mai chia sẻ họ tên của bạn với bên thứ ba khi bạn đồng ý với Chính sách này.", set(), {"Chính"}),
    ("株式会社テストは、Google Analytics(GA)により閲覧履歴を取得します。", {"Google Analytics"}, {"GA"}),
])
def test_extract_names_of_receivers_are_whole_and_not_abbreviations_or_sources(text, expected, not_expected):
    names = named(run(text))
    assert expected <= names and not names & not_expected, names


@pytest.mark.parametrize("text, basis", [
    ("Acme Inc. processes your IP address for fraud detection and security on the basis of legitimate interests.",
     str(DPV.LegitimateInterest)),
    ("株式会社テストは、不正検知及びセキュリティのため、お客様の同意に基づきIPアドレスを利用します。", str(DPV.Consent)),
    ("Công ty TNHH Sao Mai xử lý địa chỉ IP để phát hiện gian lận và bảo mật trên cơ sở lợi ích hợp pháp.",
     str(DPV.LegitimateInterest)),
])
def test_extract_security_as_an_aim_is_a_purpose_not_a_security_statement(text, basis):
    statements = practices(run(text))
    assert basis in all_of(statements, "legal_bases")
    assert str(DPV.FraudPreventionAndDetection) in all_of(statements, "purposes")


@pytest.mark.parametrize("text, kept, denied", [
    ("株式会社テストは、クレジットカードの種類及び有効期限(カード番号は当社では保持しません)を取得します。",
     PD.PaymentCardExpiry, PD.PaymentCardNumber),
    ("Acme Inc. collects the card type and expiry date (we do not store the card number).",
     PD.PaymentCardExpiry, PD.PaymentCardNumber),
    ("Công ty TNHH Sao Mai thu thập loại thẻ và ngày hết hạn (chúng tôi không lưu số thẻ).",
     PD.PaymentCardExpiry, PD.PaymentCardNumber),
])
def test_extract_a_denial_in_an_aside_denies_only_the_aside(text, kept, denied):
    result = run(text)
    assert str(kept) in all_of(practices(result), "personal_data")
    assert str(denied) in all_of(denials(result), "personal_data")
    assert str(denied) not in all_of(practices(result), "personal_data")


def test_extract_a_denial_around_an_aside_denies_the_aside_too():
    result = run("Acme Inc. does not collect card details (card number, expiry date or security code).")
    assert str(PD.PaymentCardNumber) not in all_of(practices(result), "personal_data")


@pytest.mark.parametrize("text", [
    "株式会社テスト\n当社は、法令に基づき、裁判所、検察庁、警察等の公的機関に個人情報を提供することがあります。",
    "Acme Inc. may disclose personal data to public authorities such as courts and the police when required by law.",
    "Công ty TNHH Sao Mai cung cấp dữ liệu cá nhân cho cơ quan nhà nước có thẩm quyền như tòa án, công an khi pháp luật yêu cầu.",
])
def test_extract_a_role_summing_up_the_roles_beside_it_gives_way_to_them(text):
    roles = {r.role for s in practices(run(text)) for r in s.recipients}
    assert {str(DPV.JudicialOrganisation), str(DPV.LawEnforcementOrganisation)} <= roles
    assert str(DPV.GovernmentalOrganisation) not in roles


@pytest.mark.parametrize("text", [
    "Acme Inc. collects your name. Our site may contain links to third-party websites, which have their own policies.",
    "株式会社テストは氏名を取得します。当サイトには第三者のウェブサイトへのリンクが含まれる場合があります。",
    "Công ty TNHH Sao Mai thu thập họ tên. Website có thể chứa liên kết đến trang web của bên thứ ba.",
])
def test_extract_a_link_to_another_site_sends_no_data(text):
    assert not {r for s in practices(run(text)) for r in s.recipients}


@pytest.mark.parametrize("text, basis", [
    ("Acme Inc. may disclose your name where this is necessary to prevent imminent death or serious physical harm.",
     DPV.VitalInterest),
    ("Công ty TNHH Sao Mai có thể xử lý dữ liệu cá nhân mà không cần sự đồng ý trong các trường hợp sau:\n"
     "- Phục vụ công tác phòng, chống dịch bệnh nguy hiểm theo yêu cầu của cơ quan y tế;\n", DPV.PublicInterest),
    ("株式会社テストは、感染症のまん延防止のために必要な場合、保健所に氏名を提供することがあります。", DPV.PublicInterest),
])
def test_extract_exceptions_for_life_and_public_health_are_legal_bases(text, basis):
    assert str(basis) in all_of(practices(run(text)), "legal_bases")


@pytest.mark.parametrize("text, data", [
    ("Acme Inc. uses personal data for these purposes:\n- Analytics: Example Analytics collects your IP address to count "
     "visits.\n", PD.IPAddress),
    ("株式会社テストは、個人情報を以下の目的で利用します。\n・アクセス解析のため、IPアドレスを取得します。\n", PD.IPAddress),
    ("Công ty TNHH Sao Mai sử dụng dữ liệu cá nhân cho các mục đích sau:\n- Phân tích: chúng tôi thu thập địa chỉ IP để "
     "thống kê lượt truy cập.\n", PD.IPAddress),
])
def test_extract_an_item_of_a_purpose_list_that_collects_keeps_its_data(text, data):
    assert str(data) in all_of(practices(run(text)), "personal_data")


@pytest.mark.parametrize("text", [
    "株式会社テスト\n項目\n基本情報：氏名、電話番号\n",
    "Acme Inc.\nItems\n- Basic details: name, phone number\n",
    "Công ty TNHH Sao Mai\nHạng mục\n- Thông tin cơ bản: họ tên, số điện thoại\n",
])
def test_extract_an_item_titling_data_names_it_without_a_kind_around(text):
    assert {str(PD.Name), str(PD.TelephoneNumber)} <= all_of(practices(run(text)), "personal_data")


@pytest.mark.parametrize("text, controller", [
    ("Privacy notice\nRiverside Carers Trust (\"we\", \"us\") is a registered charity. Our trading subsidiary, "
     "Riverside Trading Limited, sells gifts.\nWe collect your name and address when you donate.\n", "Riverside Carers Trust"),
    ("Privacy policy\nNorthfield University (\"the University\") collects the names of applicants.\n", "Northfield University"),
])
def test_extract_a_charity_or_university_is_found_as_the_controller(text, controller):
    assert run(text).controller.name == controller


@pytest.mark.parametrize("text", [
    "Acme Inc. collects:\n- **Contact details** – your phone number and e-mail address.\n",
    "株式会社テストは、以下の個人情報を取得します。\n・【連絡先】電話番号、メールアドレス\n",
    "Công ty TNHH Sao Mai thu thập:\n- **Thông tin liên hệ** – số điện thoại, địa chỉ email.\n",
])
def test_extract_a_run_in_title_gives_way_to_its_items(text):
    data = all_of(practices(run(text)), "personal_data")
    assert {str(PD.TelephoneNumber), str(PD.EmailAddress)} <= data and str(PD.Contact) not in data


@pytest.mark.parametrize("text, title", [
    ("Acme Inc.\n\nBilling information. If you buy a plan, we collect your billing address and phone number.\n",
     PKG.PaymentInformation),
    ("株式会社テスト\n\n決済情報。プランをご購入の際、請求先住所と電話番号を取得します。\n", PKG.PaymentInformation),
    ("Công ty TNHH Sao Mai\n\nThông tin thanh toán. Khi bạn mua gói, chúng tôi thu thập địa chỉ thanh toán và số điện thoại.\n",
     PKG.PaymentInformation),
])
def test_extract_a_sentence_that_is_only_a_category_titles_the_next(text, title):
    data = all_of(practices(run(text)), "personal_data")
    assert str(PD.TelephoneNumber) in data and str(title) not in data


@pytest.mark.parametrize("text, name", [
    ("Acme Inc. collects:\n\n- **Log-in and security information** – the times you log in and failed log-in attempts.\n",
     "policy.md"),
    ("Acme Inc. collects:\n- Log-in and security information – the times you log in and failed log-in attempts.\n",
     "policy.txt"),
])
def test_extract_a_run_in_title_without_markup_gives_way_to_its_items(text, name):
    data = all_of(practices(run(text, name)), "personal_data")
    assert str(PD.AuthenticationHistory) in data and str(PD.Authenticating) not in data


@pytest.mark.parametrize("text", [
    "Acme Inc. shares your data with these providers:\n\n| Provider | Service |\n|---|---|\n| Singapore | hosting |\n",
    "株式会社テストの委託先\n\n| 委託先 | 業務 |\n|---|---|\n| シンガポール | サーバー管理 |\n",
])
def test_extract_a_place_in_a_provider_column_is_no_recipient(text):
    assert not named(run(text)) & {"Singapore", "シンガポール"}
