"""Extract: find the statements a policy makes, as typed dataclasses with evidence.

``extract(doc, sections)`` is the entry point and is pure: it reads the vocabulary and cue
patterns shipped in ``ontology/`` and returns a :class:`PolicyExtraction`; it writes no RDF.

How a unit (sentence, item, table row) becomes a statement:

1. the lexicon finds the concepts it mentions (personal data, purposes, recipients, legal bases,
   data subjects, rights, measures, organisations, what people do) and the statement-kind cues; a
   mention inside a longer phrase of another scheme is part of that phrase, and table cells keep
   only the mentions that fit their column;
2. its kind comes from its own cue, else from the lead-in sentence of its list, else from the
   nearest heading with a cue, else from what it mentions;
3. negation is data: a negated practice with an exception ("not … without consent") is a
   conditional practice whose exceptions are legal bases; without one it is a denial;
4. purposes count when stated as purposes (lists, markers, aims), refined by what the sentence says
   of them (tailored → personalised, sent by e-mail → direct); recipients are roles and names, the
   latter known, by legal form, or by their place in a sharing sentence;
5. generic mentions ("personal information", "account information") resolve to the categories the
   policy names;
6. statements saying the same thing (e.g. one policy written in two languages) merge into one
   with the evidence of each.

Grammar words live in ``ontology/cues.jsonl``; this module holds the rules that use them.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field, replace
from datetime import date, datetime

from graphbuilder.language import has_vietnamese_marks
from graphbuilder.lexicon import SUBJECT_ACTION, CuePattern, Lexicon, load_cues, load_lexicon
from graphbuilder.model import (
    Controller,
    Document,
    Evidence,
    Mention,
    PolicyExtraction,
    Recipient,
    Section,
    Statement,
    Unit,
)
from graphbuilder.names import name_key, names_match
from graphbuilder.segment import cell_spans
from graphbuilder.ns import DPV, PD, PKG

GENERIC_DATA = str(DPV.PersonalData)
GENERIC_SUBJECT = str(DPV.DataSubject)
SERVICE_USER = str(DPV.User)
GENERIC_RECIPIENT = str(DPV.Recipient)
DATA_PRACTICE = str(PKG.DataPractice)
#: schemes whose mention is dropped when a longer mention of another scheme covers it
_WEAK_SCHEMES = {"personal_data", "data_subject", "purpose"}
_CONTACT_LINE = re.compile(r"[\w.+-]+@[\w-]+\.[\w.]+|\b(?:TEL|Tel|FAX|Fax)\s*[:：]|\[at\]|\[et\]|\(at\)")
#: a run-in title before its items: "**Identity documents** – a photo …" (and "Identity documents – …" once
#: Markdown is stripped), "【連絡先】氏名、電話番号"
_RUN_IN_TITLE = re.compile(r"\s*(?:\*\*[^*]{1,60}\*\*\s*[–—:-]|[^–—:：*\n]{1,40}?\s[–—]|【[^】]{1,30}】[:：]?)\s*")
_TITLED_ITEM = re.compile(r"[^:：。.]{1,24}[:：]\s*\S")  # "基本情報: 氏名、住所…", "Account data: username, …"
_SHORT_ITEM = 80  # characters: a list item this short is a bare phrase, not a sentence
_BARE_SUBJECT_ITEM = 40  # characters: an item this short naming people is a list of data subjects
_ANONYMOUS_REACH = 40  # characters from data to what says it identifies no one ("X in which individuals …")
_BASIS_AFTER_RECIPIENT = 8  # characters: "court| order", "裁判所|命令" name a basis; longer phrases name the body
_REFINEMENT_REACH = 60  # characters between a purpose and the words refining it
#: table columns by the cue their header matches (first match wins) → the schemes out of place in them
_COLUMN_ROLES = {
    "COLUMN_LEGAL_BASIS": ("personal_data", "purpose", "data_subject", SUBJECT_ACTION, "organisation"),
    "COLUMN_RETENTION": ("personal_data", "purpose", "data_subject", SUBJECT_ACTION, "legal_basis", "organisation"),
    "COLUMN_PURPOSE": ("personal_data", "data_subject", SUBJECT_ACTION, "organisation"),  # "ads on Facebook"
    "COLUMN_RECIPIENT": ("personal_data", "purpose", "data_subject", SUBJECT_ACTION),
    "COLUMN_SERVICE": ("personal_data", "purpose", "data_subject", SUBJECT_ACTION),
    "COLUMN_DATA": ("purpose",),
}
#: cues around a name that make it a source, a body notified or a document cited, not a receiver
_NOT_RECEIVING_BEFORE = ("SOURCE_BEFORE", "NOTIFIED_BEFORE", "REFERENCE_BEFORE")
_NOT_RECEIVING_AFTER = ("SOURCE_AFTER", "NOTIFIED_AFTER", "REFERENCE_AFTER")
#: columns whose cells name who receives the data ("Provider", "サービス名", "Đơn vị")
_NAME_COLUMNS = ("COLUMN_RECIPIENT", "COLUMN_SERVICE")
_NAME_CELL = 60  # characters: a longer cell is a description, not a name
#: the value under a contact label: a phone number, a postcode, a mail or web address
_CONTACT_VALUE = re.compile(r"(?:〒|\+?\(?\d[\d()\s.-]{5,}|[\w.+-]+@[\w-]+\.|https?://|www\.)")
_URL = re.compile(r"https?://[^\s|)）」]+|www\.[^\s|)）」]+|[\w.+-]+@[\w-]+\.[\w.-]+")


@dataclass
class _Context:
    """What the units of one section inherit: the kind of its lead-in sentence and of its headings."""

    heading_kind: str | None = None
    heading_subjects: tuple[str, ...] = ()
    lead_kind: str | None = None
    lead_subjects: tuple[str, ...] = ()
    lead_scope: bool = False  # the lead-in says whom the policy covers ("This policy applies to:")
    lead_roles: tuple[str, ...] = ()  # the recipients its lead-in names ("we share data with processors:")
    lead_excepts: bool = False
    lead_negated: bool = False
    previous_kind: str | None = None  # the kind of the section's last sentence that had one


@dataclass
class _Extractor:
    doc: Document
    lexicon: Lexicon
    cues: dict[str, tuple[CuePattern, ...]]
    controller: Controller = field(default=None)  # type: ignore[assignment]
    mention_cache: dict[tuple[str, str], list[Mention]] = field(default_factory=dict)
    in_contact: dict[tuple[str, str], frozenset[Mention]] = field(default_factory=dict)  # people kept in touch with
    column_roles: dict[tuple[str, ...], list[str | None]] = field(default_factory=dict)  # table header → roles

    # ------------------------------------------------------------------ cues
    def cue(self, label: str, text: str) -> list[re.Match]:
        return [m for pattern in self.cues.get(label, ()) for m in pattern.regex.finditer(text)]

    def cue_before(self, label: str, text: str, at: int, reach: int) -> bool:
        """Whether a pattern of the cue ends the ``reach`` characters before ``at`` (patterns anchor with $)."""
        return any(p.regex.search(text[max(0, at - reach):at]) for p in self.cues.get(label, ()))

    def cue_after(self, label: str, text: str, at: int, reach: int) -> bool:
        """Whether a pattern of the cue begins the ``reach`` characters from ``at`` (patterns anchor with ^)."""
        return any(p.regex.search(text[at:at + reach]) for p in self.cues.get(label, ()))

    def cue_fills(self, label: str, text: str) -> bool:
        """Whether a pattern of the cue fills the whole text (what stands between two mentions)."""
        return any(pattern.regex.fullmatch(text) for pattern in self.cues.get(label, ()))

    def mentions(self, text: str, lang: str) -> list[Mention]:
        """Concepts in the text; web and mail addresses are masked ("policies.google.com" names no one).
        Cached: a lead-in sentence and every heading are read more than once."""
        key = (text, lang)
        if key not in self.mention_cache:
            masked = _URL.sub(lambda m: " " * len(m.group(0)), text)
            found = self.lexicon.find(masked, lang)
            hidden = [m for m in found if _covered(m, found)]
            # "từ đủ 16 tuổi": a number before the data word makes it a value (an age limit), not the category
            hidden += [m for m in found
                       if m.scheme == "personal_data" and self.cue_before("QUANTITY_BEFORE", masked, m.start, 12)]
            for m in found:  # "management of [salaries and bonuses]": a conjunct shares its partner's phrase
                if m.scheme == "personal_data" and m not in hidden and any(
                        h.scheme == m.scheme and self.cue_fills("COORDINATION", text[h.end:m.start]) for h in hidden):
                    hidden.append(m)
            contacted = [m for m in found if m.scheme in ("recipient", "data_subject") and m not in hidden
                         and self.contacted(masked, m, found)]
            self.in_contact[key] = frozenset(m for m in contacted if m.scheme == "data_subject")
            hidden += [m for m in contacted if m.scheme == "recipient"]
            # "links to third-party websites", 外部サイトへのリンク: a link sends no data
            hidden += [m for m in found if m.scheme in ("recipient", "organisation") and (
                self.cue_before("LINKED_BEFORE", masked, m.start, 60) or
                self.cue_after("LINKED_AFTER", masked, m.end, 20))]
            self.mention_cache[key] = [m for m in found if m not in hidden]
        return self.mention_cache[key]

    def contacted(self, text: str, m: Mention, found: list[Mention]) -> bool:
        """People the company keeps in touch with ("提携会社、株主などとの連絡のため", "to communicate with our
        suppliers and partners", "liên hệ với các đối tác"): their contact details are handled; they receive
        nothing. Conjuncts share the slot of their neighbour."""
        people = sorted((o for o in found if o.scheme in ("recipient", "data_subject")), key=lambda o: o.start)
        at = people.index(m)
        for i in range(at, len(people)):  # the slot follows the last conjunct (Japanese)
            if i > at and not self.cue_fills("COORDINATION", text[people[i - 1].end:people[i].start]):
                break
            if self.cue_after("CONTACTED_AFTER", text, people[i].end, 40):
                return True
        for i in range(at, -1, -1):  # ... or precedes the first (English, Vietnamese)
            if i < at and not self.cue_fills("COORDINATION", text[people[i].end:people[i + 1].start]):
                break
            if self.cue_before("CONTACTED_BEFORE", text, people[i].start, 60):
                return True
        return False

    def strongest_kind(self, mentions: list[Mention]) -> str | None:
        kinds = [m.concept for m in mentions if m.scheme == "kind"]
        if not kinds:
            return None
        return max(kinds, key=lambda k: (self.lexicon.precedence.get(k, 0), -kinds.index(k)))

    # ------------------------------------------------------------------ negation
    def polarity(self, text: str) -> tuple[bool, str | None]:
        """(negated, condition): a denial has no condition; a conditional practice is not negated."""
        negations = []
        for m in self.cue("NEGATION", text):
            before, after = text[:m.start()], text[m.end():]
            if any(p.regex.search(before) for p in self.cues.get("CONDITIONAL_NEGATION", ()) if p.lang != "ja"):
                continue
            if any(p.regex.search(after) for p in self.cues.get("CONDITIONAL_NEGATION", ()) if p.lang == "ja"):
                continue
            negations.append(m)
        exceptions = self.cue("EXCEPTION", text)
        if exceptions:
            condition = exceptions[0].group(0).strip()
            return False, condition
        return bool(negations), None

    # ------------------------------------------------------------------ one unit
    def kind_of(self, mentions: list[Mention]) -> str | None:
        """The strongest of the kind cues in the text and the kind its recipients imply ('third parties' →
        provision; 'national institutions … or those they entrust' → disclosure to authorities)."""
        cue = self.strongest_kind(mentions)
        if cue and not self.lexicon.is_a(cue, DATA_PRACTICE):
            return cue  # "the right to complain to a supervisory authority" is about a right, not a disclosure
        rights = [m for m in mentions if m.scheme == "right"]
        receivers = [m for m in mentions if m.scheme in ("recipient", "organisation")]
        if cue is None and rights and (rights[0].start <= 2 or all(r.start > rights[0].end for r in receivers)):
            return str(PKG.RightsStatement)  # "the right to complain to the ICO", "Quyền khiếu nại lên cơ quan …"
        kinds = [k for k in (cue, self.kind_for_recipients(
            tuple(m.concept for m in mentions if m.scheme == "recipient"))) if k]
        if kinds:
            return max(kinds, key=lambda k: self.lexicon.precedence.get(k, 0))
        return str(PKG.RightsStatement) if rights else None

    def clauses(self, text: str) -> list[tuple[int, int]]:
        """Spans of the clauses of a sentence ('…が含まれますが、個人情報は含まれません' is two)."""
        cuts = {m.end() for m in self.cue("CLAUSE_BREAK", text)}
        for aside in re.finditer(r"[(（][^()（）]*[)）]", text):
            if self.cue("NEGATION", aside.group(0)):  # "名義及び有効期限(カード番号は当社は保持しません)": the aside denies
                cuts |= {aside.start(), aside.end()}
        cuts = sorted(cuts)
        bounds = [0] + cuts + [len(text)]
        return [(a, b) for a, b in zip(bounds, bounds[1:]) if text[a:b].strip()]

    def statements(self, unit: Unit, ctx: _Context, following: str = "") -> list[Statement]:
        """The statements of one unit (``following``: the text of the next unit of its section): one per
        polarity (a sentence may state one thing and deny another)."""
        if unit.kind == "heading" or (unit.kind != "row" and _CONTACT_LINE.search(unit.text) and len(unit.text) < 200):
            return []
        if self.cue("LEGAL_DEFINITION", unit.text):
            return []  # the statute's definition of personal information lists examples, not practices
        if self.cue("ADVICE", unit.text):
            return []  # "we recommend you change your password often" is advice to the reader, not a practice
        found = self.mentions(unit.text, unit.lang)
        found = self.in_their_columns(unit, found)
        if self._is_contact_field(unit.text, found, following) or self._titles_next(unit, found, following):
            return []
        own_kind = self.kind_of(found)
        if own_kind == str(PKG.SecurityStatement) and not any(m.scheme == "measure" for m in found) \
                and any(m.scheme in ("purpose", "legal_basis") for m in found):
            own_kind = None  # "for fraud detection and security, we rely on legitimate interests": an aim, no measure
        if own_kind is None and self.cue("POINTER", unit.text):
            return []  # "If you apply for a job, please review our Recruitment Privacy Policy" points elsewhere
        inherited = ctx.lead_kind if unit.kind in {"item", "row"} and ctx.lead_kind else ctx.heading_kind
        if unit.kind in {"item", "row"} and inherited and own_kind and self.lexicon.precedence.get(own_kind, 0) < 5:
            kind = inherited
        else:
            kind = own_kind or inherited
        if kind == str(PKG.RightsStatement) and own_kind is None and any(m.scheme == "personal_data" for m in found) \
                and not any(m.scheme == "right" for m in found):
            kind = str(PKG.Collection)  # a rights section asking for "a copy of your passport" collects it
        if unit.kind in {"item", "row"} and ctx.lead_excepts:
            groups = [(0, len(unit.text), False, "exception")]
        elif self._row_says_no(unit):
            groups = [(0, len(unit.text), True, None)]  # "| Biometric information | - | No | - |"
        else:
            groups = [(a, b, *self.polarity(unit.text[a:b])) for a, b in self.clauses(unit.text)]
            if unit.kind in {"item", "row"} and ctx.lead_negated:
                groups = [(a, b, True, None) for a, b, _, _ in groups]
        made = []
        for negated in (False, True):
            spans = [(a, b, c) for a, b, n, c in groups if n == negated]
            if not spans:
                continue
            mentions = [m for m in found if any(a <= m.start < b for a, b, _ in spans)]
            condition = next((c for _, _, c in spans if c), None)
            statement = self.compose(unit, ctx, mentions, kind, negated, condition)
            if statement is not None:
                made.append(statement)
        return made

    def cells(self, unit: Unit) -> list[tuple[int, int, str | None]]:
        """The cells of a table row with what their column holds, read from its header ("利用目的" →
        purpose, "Recipient" → recipient); None where the header says nothing or the row has no header."""
        if unit.kind != "row" or not unit.table_header:
            return []
        key = unit.table_header
        if key not in self.column_roles:
            self.column_roles[key] = [next((role for role in _COLUMN_ROLES if self.cue(role, h)), None) for h in key]
        roles = self.column_roles[key]
        return [(a, b, roles[i] if i < len(roles) else None) for i, (a, b) in enumerate(cell_spans(unit.text))]

    def _row_says_no(self, unit: Unit) -> bool:
        """A row whose other cells are all "No" or empty ("| Biometric information | - | No | - |", a category a
        CCPA table says is not collected) denies what its first cell names."""
        cells = [unit.text[a:b] for a, b in cell_spans(unit.text)] if unit.kind == "row" else []
        if len(cells) < 2:
            return False
        rest = cells[1:]
        blank = [c for c in rest if self.cue_fills("NO_CELL", c)]
        return len(blank) == len(rest) and any(re.search(r"\w", c) for c in rest)

    def _titles_its_row(self, unit: Unit, m: Mention, data: list[Mention]) -> bool:
        """"| Professional information | résumés, work history |": a category in a row's first cell is the title
        of the items another cell of the row names."""
        cells = cell_spans(unit.text) if unit.kind == "row" else []
        if len(cells) < 2 or not (cells[0][0] <= m.start < cells[0][1]):
            return False
        return any(d.start >= cells[1][0] for d in data)

    def in_their_columns(self, unit: Unit, found: list[Mention]) -> list[Mention]:
        """The mentions of a table row that fit their column: data words in a purpose column ("to suit your
        interests") describe the purpose, purposes in a data column name the data, and so on."""
        cells = self.cells(unit)
        collecting = [m for m in found if m.scheme == "kind" and m.concept == str(PKG.Collection)]
        kept = []
        for m in found:
            role = next((r for a, b, r in cells if a <= m.start < b), None)
            # ... unless the cell says it is collected ("訪問履歴情報を取得するため", "to collect your history")
            collected = any(0 <= c.start - m.end <= 8 or 0 <= m.start - c.end <= 30 for c in collecting)
            if m.scheme not in _COLUMN_ROLES.get(role, ()) or (m.scheme == "personal_data" and collected):
                kept.append(m)
        return kept

    def data_subjects(self, unit: Unit, mentions: list[Mention], list_kind: str | None = None) -> tuple[str, ...]:
        """People whose data the unit speaks of ("customers' data", "お客様の個人情報", "của khách hàng"),
        not people who act in it ("our staff may access", "従業員を限定"). Items and rows name them bare,
        except in a list of recipients (``list_kind``: the kind the unit's list or section is about)."""
        bases = [b for b in mentions if b.scheme == "legal_basis"]

        def possessed(m: Mention) -> bool:
            # "the consent of the parent", 保護者の同意, "sự đồng ý của cha mẹ": the person consents; the data is another's
            if any(b.end <= m.start and self.cue_fills("CONSENT_OF", unit.text[b.end:m.start]) or
                   m.end <= b.start and self.cue_fills("CONSENTING", unit.text[m.end:b.start]) for b in bases):
                return False
            return self.cue_before("SUBJECT_BEFORE", unit.text, m.start, 60) or \
                self.cue_after("SUBJECT_AFTER", unit.text, m.end, 20) or \
                m in self.in_contact.get((unit.text, unit.lang), ())

        sharing = list_kind in self.lexicon.default_recipient
        roles = [r for r in mentions if r.scheme == "recipient"] if sharing else []
        subjects = [m for m in mentions if m.scheme == "data_subject"]
        # "when you visit our website" names a visitor by what they do; "when customers use the service" names
        # customers only: every person a policy names uses its service
        acting = {m.concept for m in mentions if m.scheme == SUBJECT_ACTION and not (subjects and m.concept == SERVICE_USER)}
        if unit.kind in {"item", "row"} and len(unit.text) <= _BARE_SUBJECT_ITEM:
            # "販売代理店等の取引先" in a list of recipients names who receives, not whose data it is
            return tuple(sorted(acting | {self._refined(unit, m) for m in subjects
                                          if possessed(m) or not any(r.start < m.end and m.start < r.end for r in roles)}))
        kept = [m for m in subjects if possessed(m)]
        # "của người dùng dưới 16 tuổi": a qualifier right after a possessed person is the same person
        kept += [m for m in subjects if m not in kept and any(0 <= m.start - k.end <= 1 for k in kept)]
        return tuple(sorted(acting | {self._refined(unit, m) for m in kept}))

    def _titles_next(self, unit: Unit, found: list[Mention], following: str) -> bool:
        """"Billing information. If you purchase a plan, we collect your billing address …": a sentence that is
        only a data category runs in as the title of the sentence after it, which names the items."""
        if unit.kind != "sentence" or not following:
            return False
        data = [m for m in found if m.scheme == "personal_data"]
        title = unit.text.rstrip(" .。:：")
        return bool(data) and len(title.split()) <= 5 and data[-1].end >= len(title) - 1 and \
            len(found) == len(data) and any(m.scheme == "personal_data" for m in self.mentions(following, unit.lang))

    def _is_contact_field(self, text: str, found: list[Mention], following: str = "") -> bool:
        """"Address: 1-9-9 Roppongi …", "Địa chỉ: Số 1 …", "住所：…", "Name: Jane Doe" (of the privacy officer),
        or "Phone Number" on a line of its own above "03-1234-5678": the company's own contact details."""
        first = next((m for m in found if m.scheme == "personal_data"), None)
        if first is None or first.start > 2:
            return False
        rest = text[first.end:].strip()
        if first.concept == str(PD.Name):  # a name field holds a name, not a description of data
            return rest[:1] in (":", "：") and len(rest) < 60 and not any(m.start >= first.end for m in found)
        if not self.lexicon.is_a(first.concept, str(PD.Contact)):
            return False
        if _titles_a_list(text, first, [m for m in found if m.scheme == "personal_data"]) or (
                rest[:1] == "|" and any(m.scheme == "personal_data" and m.start > first.end for m in found)):
            return False  # "Contact information: phone number, email address" lists what is collected
        if (rest[:1] in (":", "：", "|") or text[first.end:first.end + 1] == "\t") and len(text) < 200:
            return True
        return not rest and bool(_CONTACT_VALUE.match(following.strip()))

    def stated_purposes(self, unit: Unit, mentions: list[Mention], in_purpose_list: bool,
                        excepted: bool = False) -> tuple[str, ...]:
        """Purposes stated as purposes: anything in a purpose-of-use section or list, short items, table
        cells, or mentions governed by a purpose marker ('to', 'for', 'ため', 'để'); elsewhere "we comply
        with laws" states no purpose. Where a marker stands between activities and an aim ("statistics and
        surveys in order to improve the service", "分析し、改善のため"), the aim is the purpose."""
        purposes = [m for m in mentions if m.scheme == "purpose" and not self._names_artefact(unit.text, m)
                    and not self._names_basis(unit, m, mentions, excepted)]
        if not purposes:
            return ()
        # a marker inside a purpose's own words marks nothing ("目的外利用"); one at the label's edge ("ご連絡
        # のために", "to send you offers") marks that purpose too
        markers = [k for k in self.cue("PURPOSE_MARKER", unit.text)
                   if not any(m.start < k.start() and k.end() < m.end for m in purposes)]
        occasion = bool(self.cue("OCCASION", unit.text))  # "When subscribing to our newsletter;" names a moment
        listed = unit.kind == "row" or in_purpose_list or (
            unit.kind == "item" and len(unit.text) <= _SHORT_ITEM and not occasion)
        if unit.lang == "ja":
            governed = [m for m in purposes if any(k.end() >= m.end for k in markers)]
            aims = [m for m in governed if not any(m.end <= k.start() < o.start for k in markers for o in governed)]
        else:
            governed = [m for m in purposes if any(k.start() <= m.start for k in markers)]
            aims = governed
        # the aim after a marker is the purpose, unless it sits in examples ("fraud such as using another's
        # card to order": ordering is no aim)
        first = min(m.start for m in purposes)
        examples = [e for e in self.cue("EXAMPLE", unit.text) if e.start() > first]
        aims = [m for m in aims if not any(e.start() < m.start for e in examples)]
        chosen = aims if (aims and len(aims) < len(purposes)) else (purposes if listed else governed)
        if unit.lang == "ja":
            chosen = [m for m in chosen if not self._modifies(unit.text, m, purposes)]
        return tuple(sorted({self._refined(unit, m) for m in chosen}))

    def _refined(self, unit: Unit, m: Mention) -> str:
        """A concept the sentence refines: a purpose tailored to the person ("advertisements based on your
        browsing history" → personalised advertising) or sent by a channel ("marketing by email" → direct
        marketing), an applicant for a job (→ job applicant). The ontology says which concept becomes which,
        and by which cue (``pkg:refinementCue``)."""
        for label, mapping in self.lexicon.refinements.items():
            target = mapping.get(m.concept)
            if target is None:
                continue
            for cue in self.cue(label, unit.text):
                between = unit.text[m.end:cue.start()] if cue.start() >= m.end else unit.text[cue.end():m.start]
                if len(between) <= _REFINEMENT_REACH and not self.cue("CLAUSE_BREAK", between) and ";" not in between:
                    return target
            if unit.section_path and self.cue(label, unit.section_path[-1]):
                return target  # "applicants" under the heading "Job applicants"
        return m.concept

    def _names_basis(self, unit: Unit, m: Mention, mentions: list[Mention], excepted: bool) -> bool:
        """Words that are a legal basis as well as a purpose ("performance of a contract", 契約の履行) name the
        basis where the text says processing is necessary for them ("necessary for the performance of any
        contract", "cần thiết để thực hiện hợp đồng") or lists them as an exception to consent."""
        if not any(b.scheme == "legal_basis" and b.start < m.end and m.start < b.end for b in mentions):
            return False
        if excepted:
            return True
        return self.cue_before("NECESSITY_BEFORE", unit.text, m.start, 40) or \
            self.cue_after("NECESSITY_AFTER", unit.text, m.end, 10)

    def _titles_examples(self, text: str, m: Mention, found: list[Mention]) -> bool:
        """A recipient role that sums up the ones beside it ("裁判所、検察庁、警察等の公的機関", "public authorities
        such as courts and the police", "cơ quan nhà nước như tòa án, công an"): the named ones are the recipients."""
        others = [o for o in found if o.scheme == "recipient" and o is not m and o.concept != m.concept]
        if self.cue_before("EXAMPLES_BEFORE", text, m.start, 4):
            return any(0 <= m.start - o.end <= 4 for o in others)
        example = next((e for e in self.cue("EXAMPLE", text) if 0 <= e.start() - m.end <= 3), None)
        return example is not None and any(0 <= o.start - example.end() <= 6 for o in others)

    def _names_artefact(self, text: str, m: Mention) -> bool:
        """"customer management system", "顧客管理システム", "phần mềm quản lý khách hàng" name a product, and "tax and
        accounting laws", 会計関連法令, "pháp luật về thuế, kế toán" a statute, not a purpose."""
        return self.cue_after("ARTEFACT_AFTER", text, m.end, 40) or \
            self.cue_before("ARTEFACT_BEFORE", text, m.start, 50)

    def _modifies(self, text: str, m: Mention, purposes: list[Mention]) -> bool:
        """Japanese noun phrases end in their head: in "顧客管理システムの申込み" and "システム管理業務に付随する
        質問・回答" the first purpose qualifies the second, which is the one stated."""
        for o in purposes:
            if o.concept == m.concept or o.start < m.end:
                continue
            between = text[m.end:o.start]
            if self.cue_fills("QUALIFIER_LINK", between) and not self.cue("PURPOSE_MARKER", between):
                return True
        return False

    def compose(self, unit: Unit, ctx: _Context, found: list[Mention], kind: str | None, negated: bool,
                condition: str | None) -> Statement | None:
        by_scheme: dict[str, list[Mention]] = {}
        for m in found:
            by_scheme.setdefault(m.scheme, []).append(m)

        def concepts(scheme: str) -> tuple[str, ...]:
            return tuple(sorted({m.concept for m in by_scheme.get(scheme, ())}))

        data_mentions = by_scheme.get("personal_data", [])
        data = tuple(sorted({m.concept for m in data_mentions
                             if not _titles_a_list(unit.text, m, data_mentions)
                             and not self._titles_its_row(unit, m, data_mentions)}))
        in_purpose_list = str(PKG.Use) in (kind, ctx.heading_kind, ctx.lead_kind)
        purposes = self.stated_purposes(unit, found, in_purpose_list, condition == "exception")
        collects = any(m.scheme == "kind" and m.concept == str(PKG.Collection) for m in found)
        if unit.kind == "item" and kind == str(PKG.Use) and in_purpose_list and purposes and not collects:
            # "Payment of wages", "Opinions about the service": an item of a purpose list names a purpose (unless it
            # says it collects: "Analytics cookies: Google Analytics collects your IP address to count visits")
            data = ()
        rights = concepts("right")
        measures = concepts("measure")
        roles = tuple(sorted({m.concept for m in by_scheme.get("recipient", ())
                              if m.concept != GENERIC_RECIPIENT and not self._titles_examples(unit.text, m, found)}))
        if not roles and unit.kind in {"item", "row"}:
            roles = ctx.lead_roles  # "- Hetzner" under "we share data only with service providers:"
        legal = tuple(sorted(set(concepts("legal_basis")) | {
            self.lexicon.implied_basis[role] for role in roles if role in self.lexicon.implied_basis}))
        inherited_subjects = ctx.lead_subjects if unit.kind in {"item", "row"} else ()
        subjects = tuple(s for s in (self.data_subjects(unit, found, ctx.lead_kind or ctx.heading_kind)
                                     or inherited_subjects or ctx.heading_subjects) if s != GENERIC_SUBJECT)
        covered = self.people_covered(unit, ctx, found) if not data else set()
        if covered:
            subjects, data, kind = tuple(sorted(set(subjects) | covered)), (GENERIC_DATA,), str(PKG.Collection)
        orgs = self.organisations(unit, found, kind, roles[0] if len(roles) == 1 else None)

        if kind is None:
            # a sentence naming a right is about the right ("you may ask us to correct your address")
            kind = (str(PKG.RightsStatement) if rights else
                    str(PKG.Collection) if data and (unit.kind in {"sentence", "row"} or _TITLED_ITEM.match(unit.text)) else
                    str(PKG.Use) if purposes else
                    str(PKG.SecurityStatement) if measures else DATA_PRACTICE if legal else None)
        if kind is None:
            return None
        if kind == str(PKG.Collection) and not data and purposes:
            kind = str(PKG.Use)  # "for research and improvement of what we collect": a purpose, not data
        if measures and str(PKG.SecurityStatement) in (ctx.heading_kind, ctx.lead_kind) and (
                kind == str(PKG.Use) and not data or kind in (str(PKG.Use), str(PKG.Collection)) and not purposes):
            # under "Security", "We use encryption and audits" and "we restrict access to medical records" name
            # measures; the data they protect is not collected by them
            kind = str(PKG.SecurityStatement)
        if orgs and kind in {str(PKG.Use), str(PKG.Collection)}:
            if not (data or purposes):
                return None  # a name in passing (a certification body, a footer) is no recipient
            kind = str(PKG.TrackingTechnology)
        if kind == str(PKG.RightsStatement):
            return self._make(unit, kind, data_subjects=subjects, rights=rights, negated=negated) if rights else None
        if kind == str(PKG.SecurityStatement):
            return self._make(unit, kind, measures=measures, negated=negated) if measures else None
        if not self.lexicon.is_a(kind, DATA_PRACTICE):
            return None
        anonymous = self.cue("ANONYMOUS", unit.text) if kind in self.lexicon.default_recipient else []
        if anonymous:
            # giving out "statistics" or "resume information in which individuals cannot be identified" gives no
            # personal data; "statistics and account data" still gives the account data
            named = [d for d in data_mentions if not any(0 <= a.start() - d.end <= _ANONYMOUS_REACH or
                                                          0 <= d.start - a.end() <= 3 for a in anonymous)]
            if not named:
                return None
            data = tuple(sorted({d.concept for d in named if d.concept in data}))
        if kind == str(PKG.Collection) and not data:
            if not (legal and condition == "exception"):
                return None
            kind = DATA_PRACTICE  # "processing without consent in these cases: - to perform a contract" states a basis
        if kind == str(PKG.Use) and not (purposes or data):
            return None
        if not (data or purposes or roles or orgs or legal):
            return None
        recipients = tuple(Recipient(role) for role in roles) + orgs
        if not recipients and kind in self.lexicon.default_recipient:
            recipients = (Recipient(self.lexicon.default_recipient[kind]),)
        return self._make(unit, kind, personal_data=data, purposes=purposes,
                          recipients=tuple(sorted(set(recipients), key=_recipient_key)), legal_bases=legal,
                          data_subjects=subjects, negated=negated, condition=condition)

    def people_covered(self, unit: Unit, ctx: _Context, found: list[Mention]) -> set[str]:
        """The people a unit says the policy covers, whose personal data it therefore holds: "This policy
        applies to information about site visitors and customers", the items of "Chính sách này áp dụng đối
        với:", a definition of a person term ("「利用者」とは、…患者の方をいいます")."""
        scoped = bool(self.cue("SCOPE", unit.text)) or (unit.kind in {"item", "row"} and ctx.lead_scope) or any(
            m.scheme == "data_subject" and d.start("term") <= m.start < d.end("term")
            for d in self.cue("SUBJECT_DEFINITION", unit.text) for m in found)
        if not scoped:
            return set()
        return {m.concept for m in found if m.scheme in ("data_subject", SUBJECT_ACTION)} - {GENERIC_SUBJECT}

    def kind_for_recipients(self, roles: tuple[str, ...]) -> str | None:
        """The kind the named recipients imply (police → disclosure to authorities, processor → entrustment)."""
        candidates = [kind for kind, implying in self.lexicon.implied_by.items()
                      if any(self.lexicon.is_a(role, i) for role in roles for i in implying)]
        if not candidates:
            return None
        return max(candidates, key=lambda k: (self.lexicon.precedence.get(k, 0), k))

    def _make(self, unit: Unit, kind: str, **fields) -> Statement:
        section = unit.section_path[-1] if unit.section_path else ""
        evidence = Evidence(unit.text, unit.start_char, unit.end_char, section, unit.lang)
        return Statement(kind=kind, controller=self.controller.name, evidence=(evidence,), **fields)

    def organisations(self, unit: Unit, found: list[Mention], kind: str | None,
                      role: str | None = None) -> tuple[Recipient, ...]:
        """Named organisations the unit gives data to: known ones from the vocabulary, others by legal form
        or by the place a name holds in a sharing sentence ("we share your details with TransUnion and
        Experian", "payment processing (Braintree)", "- Onfido – identity verification")."""
        role = role or self.lexicon.default_recipient.get(kind or "", str(DPV.ThirdParty))
        data_mentions = [m for m in found if m.scheme == "personal_data"]
        named: dict[str, Recipient] = {}
        spans: list[tuple[int, int]] = []
        # "Apple may mask your email via Hide My Email": the operator of a sign-in service is a source too
        sign_in_operators = {self.lexicon.operated_by.get(m.concept) for m in found
                             if m.scheme == "organisation" and m.concept in self.lexicon.sign_in_services}
        for m in found:
            if m.scheme != "organisation":
                continue
            name = _clean_org(m.text)
            if self._is_controller(name) or self._names_data_or_source(unit.text, m.start, m.end, data_mentions) \
                    or m.concept in self.lexicon.sign_in_services or m.concept in sign_in_operators \
                    or self._operates_the_next(unit.text, m, found):
                continue
            spans.append((m.start, m.end))
            if _defines_abbreviation(unit.text, m.start, m.text):
                continue  # "Firebase Cloud Messaging (FCM)": the service is named already
            named.setdefault(name.lower(), Recipient(role, name, m.concept))
        sharing = kind is not None and (kind in self.lexicon.default_recipient or kind == str(PKG.TrackingTechnology))
        if not (sharing or unit.kind == "row"):
            return tuple(named.values())
        by_form = []  # the longest of overlapping names ("ある株式会社" in "である株式会社X" gives way to "株式会社X")
        cleaned = [(m.start() + max(m.group(0).rfind(name), 0), name) for m in self.cue("ORGANISATION", unit.text)
                   if (name := _clean_org(m.group(0)))]
        for start, name in sorted(cleaned, key=lambda c: -len(c[1])):
            if not any(a < start + len(name) and start < b for a, b, _ in by_form):
                by_form.append((start, start + len(name), name))
        by_slot = self._names_in_recipient_slots(unit.text, found) if sharing else []
        by_slot += self._names_in_name_columns(unit, found)
        for candidates, taken in ((by_form, list(spans)), (by_slot, spans + [(a, b) for a, b, _ in by_form])):
            for start, end, text in candidates:
                name = _clean_org(text)
                if len(name_key(name)) < 2 or self._is_controller(name) or any(a < end and start < b for a, b in taken) \
                        or self._names_data_or_source(unit.text, start, end, data_mentions) or self.cue("STATUTE_NAME", name):
                    continue
                named.setdefault(name.lower(), Recipient(role, name))
        return tuple(named.values())

    @staticmethod
    def _operates_the_next(text: str, m: Mention, found: list[Mention]) -> bool:
        """"Apple's Hide My Email", "Googleのアナリティクス": the company is named as the operator of the
        service that follows, which is what the sentence is about."""
        return any(o.scheme == "organisation" and o.start >= m.end and
                   re.fullmatch(r"\s*(?:['’]s|の)\s*[\"“'‘「]?", text[m.end:o.start]) for o in found)

    def _names_in_name_columns(self, unit: Unit, found: list[Mention]) -> list[tuple[int, int, str]]:
        """The cells of a table's provider or service column ("| Firebase | Google LLC |"): each is a name,
        unless it is long, a web address, or what the vocabulary reads as something else."""
        names = []
        for a, b, role in self.cells(unit):
            cell = unit.text[a:b]
            if role in _NAME_COLUMNS and 1 < len(cell) <= _NAME_CELL and not _URL.search(cell) \
                    and not re.fullmatch(r"[\W\d_]+", cell) and not _reads_as_something_else(a, b, found):
                names.append((a, b, cell))
        return names

    def _names_in_recipient_slots(self, text: str, found: list[Mention]) -> list[tuple[int, int, str]]:
        """Proper names where a sharing sentence puts its receivers, one per conjunct; a name the
        vocabulary reads as something else (a data category, a role, a person, a place) is not one."""
        names = []
        for slot in self.cue("RECIPIENT_SLOT", text):
            start, end = slot.span("names")
            pieces, cursor = [], start  # the conjuncts between separators (patterns of several languages may overlap)
            for sep in sorted(self.cue("COORDINATION", text[start:end]), key=lambda m: m.start()):
                if start + sep.start() >= cursor:
                    pieces.append((cursor, start + sep.start()))
                cursor = max(cursor, start + sep.end())
            pieces.append((cursor, end))
            for a, b in pieces:
                piece = text[a:b].strip()
                a += text[a:b].index(piece) if piece else 0
                b = a + len(piece)
                if " " not in piece and has_vietnamese_marks(piece):
                    continue  # "với Chính sách này": a capitalised Vietnamese word begins a phrase, it names no one
                if piece and piece[0].isupper() | piece[0].isdigit() and not _defines_abbreviation(text, a, piece) \
                        and not _reads_as_something_else(a, b, found):
                    names.append((a, b, piece))
        return names

    def _names_data_or_source(self, text: str, start: int, end: int, data_mentions: list[Mention]) -> bool:
        """An organisation that describes data ("Apple user identifier", "Google アカウント"), that data comes
        from ("obtained through the Zoom API", "Facebookから取得"), that is notified or complained to
        ("notify the ICO of a breach", "個人情報保護委員会への報告"), or whose website or document is cited
        ("個人情報保護委員会のウェブサイト", "the European Commission's Standard Contractual Clauses") is not a recipient."""
        if any(d.start < end and start < d.end or end <= d.start and text[end:d.start] in ("", " ")
               for d in data_mentions):
            return True
        return any(self.cue_before(label, text, start, 80) for label in _NOT_RECEIVING_BEFORE) \
            or any(self.cue_after(label, text, end, 40) for label in _NOT_RECEIVING_AFTER)

    def _is_controller(self, name: str) -> bool:
        return any(names_match(name, n) for n in self.controller.names)

    # ------------------------------------------------------------------ section context
    def walk(self, sections: list[Section]) -> list[Statement]:
        statements: list[Statement] = []
        for section in sections:
            ctx = _Context()
            lang = section.units[0].lang if section.units else "en"
            headings = [(heading, self.mentions(heading, lang)) for heading in reversed(section.path)]
            # the nearest heading with a cue sets the kind ("Purpose of use" above "Personal information about
            # employees"); only without any does a heading naming data or worded as an aim set it
            ctx.heading_kind = next((k for _, mentions in headings if (k := self.kind_of(mentions))), None) or next(
                (k for heading, mentions in headings if (k := (
                    str(PKG.Collection) if any(m.scheme == "personal_data" for m in mentions) else
                    str(PKG.Use) if self.states_an_aim(heading) else None))), None)
            ctx.heading_subjects = next((subjects for _, mentions in headings if (subjects := tuple(sorted(
                {m.concept for m in mentions if m.scheme == "data_subject"})))), ())
            for i, unit in enumerate(section.units):
                if unit.kind == "sentence" or (unit.kind == "item" and self._introduces_list(unit)):
                    self._update_lead(unit, ctx)
                following = section.units[i + 1].text if i + 1 < len(section.units) else ""
                statements.extend(self.statements(unit, ctx, following))
        return statements

    def states_an_aim(self, heading: str) -> bool:
        """A heading worded as an aim ("For providing information to users", "…のため", "Để …")."""
        title = re.sub(r"^[\s\d.()（）第条:：-]+", "", heading).strip()
        markers = self.cue("PURPOSE_MARKER", title)
        return any(m.start() == 0 for m in markers) or any(m.end() >= len(title.rstrip("。.")) - 1 for m in markers)

    def _introduces_list(self, unit: Unit) -> bool:
        return bool(self.cue("LEAD_IN", unit.text)) or unit.text.rstrip().endswith((":", "："))

    def _update_lead(self, unit: Unit, ctx: _Context) -> None:
        """A sentence before a list sets what the list's items inherit; an exception lead-in ("however,
        in the following cases … without consent") continues the practice of the sentence before it."""
        mentions = self.mentions(unit.text, unit.lang)
        own = self.kind_of(mentions)
        if self._introduces_list(unit):
            names_data = any(m.scheme == "personal_data" for m in mentions)
            continues = ctx.previous_kind if self.cue("EXCEPTION", unit.text) else None
            ctx.lead_kind = own or continues or ctx.heading_kind or (str(PKG.Collection) if names_data else None)
            ctx.lead_excepts = bool(self.cue("EXCEPTION", unit.text))
            ctx.lead_negated = self.polarity(unit.text)[0]
            ctx.lead_subjects = self.data_subjects(unit, mentions)  # "If you apply to become a DJ, we collect:"
            ctx.lead_scope = bool(self.cue("SCOPE", unit.text))
            ctx.lead_roles = tuple(sorted({m.concept for m in mentions if m.scheme == "recipient"} - {GENERIC_RECIPIENT}))
        else:
            ctx.lead_kind, ctx.lead_excepts, ctx.lead_negated, ctx.lead_subjects = None, False, False, ()
            ctx.lead_scope, ctx.lead_roles = False, ()
        if own:
            ctx.previous_kind = own


# --------------------------------------------------------------------------- helpers

def _covered(m: Mention, found: list[Mention]) -> bool:
    """A weak mention inside a longer mention of another scheme is part of that phrase ("children" in
    "sound development of children", "age" in "age verification"); only the generic "personal data" of
    a purpose ("sell personal data") stays, to be resolved to the categories the policy names. A recipient
    inside a legal basis ("court" in "court order", 裁判所 in 裁判所命令) is the source of an obligation."""
    if m.scheme in _WEAK_SCHEMES:
        hiding = {o.scheme for o in found} - {m.scheme, "kind", SUBJECT_ACTION}
    elif m.scheme == "kind":  # "obtain" in "obtain the consent", 提供 in サービスの提供 cue no practice
        hiding = {o.scheme for o in found} - {"kind", SUBJECT_ACTION, "organisation"}
    elif m.scheme == "recipient":
        hiding = {"legal_basis"}
    else:
        return False
    return any(o.scheme in hiding and o.start <= m.start and m.end <= o.end
               and (o.end - o.start) > (m.end - m.start)
               and not (m.scheme == "personal_data" and o.scheme == "purpose" and m.concept == GENERIC_DATA)
               and not (m.scheme == "recipient" and o.end - m.end > _BASIS_AFTER_RECIPIENT)
               for o in found)


def _titles_a_list(text: str, m: Mention, data: list[Mention]) -> bool:
    """"Account data: favourites, watchlist …", "連絡先(電話番号、メールアドレス)": a category followed by the
    items it stands for is a title; the items are what the policy names."""
    title = _RUN_IN_TITLE.match(text)  # "**Identity documents** – a photo of your passport …"
    if title and m.end <= title.end() and any(d.start >= title.end() for d in data if d is not m):
        return True
    rest = text[m.end:].lstrip()
    if not rest or rest[0] not in ":：(（":
        return False
    start = len(text) - len(rest) + 1
    end = len(text)
    if rest[0] in "(（":
        close = re.search(r"[)）]", text[start:])
        end = start + close.start() if close else end
        # the parenthesis lists items when it opens with one ("連絡先(電話番号、…)", "(e.g. phone, email)"), not
        # with a remark ("giới tính (không bắt buộc, để nhận quà sinh nhật)": gender stays data)
        opening = re.match(r"\s*(?:e\.g\.|i\.e\.|such as|including|例えば|例:|ví dụ:?|như|gồm)?\s*", text[start:end])
        return any(d.start == start + opening.end() for d in data if d is not m)
    return any(start <= d.start < end for d in data if d is not m)


def _reads_as_something_else(start: int, end: int, found: list[Mention]) -> bool:
    """A candidate name that overlaps a word of the vocabulary other than a name or a kind cue (a data
    category, a role, a person), or that is wholly a place ("(United States and Frankfurt)"), is no name
    of a receiver; a place inside a name ("Amazon Web Services Japan") does not matter."""
    return any(m.start < end and start < m.end for m in found if m.scheme not in ("organisation", "kind", "place")) \
        or any(m.start <= start and end <= m.end for m in found if m.scheme == "place")


def _defines_abbreviation(text: str, start: int, piece: str) -> bool:
    """"software development kits (SDKs)", "Consumer Privacy Act (CCPA)": the parenthesis abbreviates the words
    before it; it names no one.

    Example:
        >>> t = "we use software development kits (SDKs) and Example Cloud (ECL)"
        >>> _defines_abbreviation(t, t.index("SDKs"), "SDKs"), _defines_abbreviation(t, t.index("ECL"), "ECL")
        (True, False)
    """
    letters = re.sub(r"s$", "", piece)
    if not (2 <= len(letters) <= 8 and letters.isupper() and letters.isalpha()):
        return False
    words = re.findall(r"[A-Za-z]+", text[max(0, start - 120):start])
    initials = "".join(w[0] for w in words[-len(letters):]).upper()
    return initials == letters


def _recipient_key(r: Recipient) -> tuple:
    return (r.role, r.name or "", r.known_as or "")


_LEGAL_ABBREVIATION = re.compile(r"(?:\b(?:Inc|Ltd|Co|Corp|Pte|Pty|plc)|K\.K|S\.A|B\.V|L\.L\.C|S\.r\.l)\.$")


def _clean_org(name: str) -> str:
    """A company name as written, without the words and punctuation a pattern caught around it.

    Example:
        >>> _clean_org("© 2024 Acme Widgets Inc."), _clean_org("株式会社及び沖縄電力株式会社")
        ('Acme Widgets Inc.', '沖縄電力株式会社')
    """
    name = re.split(r"及び|および|並びに|ならびに|又は|または|\band\s+(?=[A-Z])", name)[-1]
    name = re.sub(r"^(?:©\s*)?(?:(?:19|20)\d{2}\s+)?(?:and|or|by|with|to|from|the|The|及び|および|又は|または|、)?\s*",
                  "", name.strip())
    name = re.sub(r"\s+(?:and|or|&)$", "", name.strip(" \t、。,:;：；・-「」『』\"“”'"))
    if name.endswith(".") and not _LEGAL_ABBREVIATION.search(name):
        name = name[:-1].rstrip()
    return name


def _languages(units: list[Unit]) -> tuple[str, ...]:
    weight = Counter()
    for unit in units:
        weight[unit.lang] += len(_URL.sub("", unit.text))
    total = sum(weight.values()) or 1
    langs = [lang for lang, w in weight.most_common() if (w >= 0.15 * total and w >= 150) or w >= 1000]
    return tuple(langs) or ("en",)


def _dates(text: str, cues: dict[str, tuple[CuePattern, ...]]) -> tuple[str, ...]:
    found = set()
    for pattern in cues.get("DATE", ()):
        for m in pattern.regex.finditer(text):
            parts = m.groupdict()
            try:
                month = int(parts["m"]) if parts.get("m") else datetime.strptime(parts["mon"], "%B").month
                found.add(date(int(parts["y"]), month, int(parts["d"])).isoformat())
            except (ValueError, KeyError, TypeError):
                continue
    return tuple(sorted(found))


def _title(sections: list[Section], doc: Document) -> str:
    for section in sections:
        for unit in section.units:
            if unit.text.strip():
                return unit.text.strip()[:200]
    return doc.source


# --------------------------------------------------------------------------- controller

def _find_controller(doc: Document, units: list[Unit], lexicon: Lexicon,
                    cues: dict[str, tuple[CuePattern, ...]]) -> Controller | None:
    """The company that publishes the policy, with every name it is written under (None: no name found).

    Candidates are company names by legal form, names used as the subject of sentences, and
    noun phrases defined as "the Company"/当社/"công ty chúng tôi". A name defined that way,
    early in the text or signed at its end, wins; well-known recipients (Google LLC) never do.
    Other names defined as the company, or containing the winner, are its other names.
    """
    score: Counter = Counter()
    first_seen: dict[str, int] = {}
    defined: set[str] = set()
    total = max(len(doc.text), 1)
    known = {m.text.lower() for u in units for m in lexicon.find(u.text, u.lang, ("organisation",))}

    def candidate(name: str, position: int, points: int) -> str | None:
        name = _clean_org(name)
        key = name_key(name)
        if len(key) < 2 or key in _GENERIC_SELF or "://" in name or \
                any(k in name.lower() for k in known if len(k) > 3):
            return None
        first_seen.setdefault(name, position)
        score[name] += points
        return name

    for unit in units:
        selfrefs = [m for p in cues.get("SELF_REFERENCE", ()) for m in p.regex.finditer(unit.text)]
        copyrights = [m for p in cues.get("COPYRIGHT", ()) for m in p.regex.finditer(unit.text)]
        for m in [m for p in cues.get("ORGANISATION", ()) for m in p.regex.finditer(unit.text)]:
            near = any(0 <= s.start() - m.end() <= 40 for s in selfrefs)
            name = candidate(m.group(0), unit.start_char + m.start(), 11 if near else 1)
            if name and (near or any(c.start() < m.start() <= c.end() for c in copyrights)):
                defined.add(name)  # "X (the Company)", "X is the controller", "© 2025 X": the publisher
        for m in [m for p in cues.get("SUBJECT_NAME", ()) for m in p.regex.finditer(unit.text)]:
            candidate(m.group("name"), unit.start_char + m.start("name"), 3)
        for s in selfrefs:
            phrase = _phrase_before(unit.text[:s.start()])
            if phrase and (name := candidate(phrase, unit.start_char, 6)):
                defined.add(name)
    for name, pos in first_seen.items():
        if pos < 0.2 * total or pos > 0.85 * total:
            score[name] += 2
    for name in list(score):  # "であるコア・プロジェクト株式会社" is "コア・プロジェクト株式会社"
        for other in score:
            if other != name and name.endswith(other) and re.fullmatch(r"[\u3040-\u309f]+", name[:-len(other)]):
                score[other] += score.pop(name)
                break
    if not score:
        return None
    best = max(score, key=lambda n: (score[n], len(n), -first_seen[n]))
    best_key = name_key(best)
    names = [best]
    for name in sorted(score, key=lambda n: (-score[n], first_seen[n])):
        key = name_key(name)
        if name != best and key and (key == best_key or (name in defined and best in defined) or
                                     (len(key) >= 4 and (key in best_key or best_key in key))):
            names.append(name)
    return Controller(tuple(dict.fromkeys(names)))


_GENERIC_SELF = {"company", "thecompany", "we", "us", "our", "ourcompany", "当社", "弊社", "côngty", "congty", "chúngtôi"}


def _phrase_before(text: str) -> str | None:
    """The name just before a self-reference: 'Acme Widgets (the Company)', '株式会社X(以下「当社」)'."""
    text = text.rstrip(" (（「\"“")
    m = re.search(r"((?:Công ty|CÔNG TY|Cong ty|CONG TY)[^,.;:()“”\"]{2,80})\s*$", text)
    if m:
        return m.group(1).strip()
    m = re.search(r"((?:[A-Z0-9][\w&.\-’']*\s?){1,6})\s*$", text)
    if m and not re.fullmatch(r"(?:The|This|We|Our|In|These)\s*", m.group(1)):
        return m.group(1).strip()
    m = re.search(r"([^\s、。,，()（）「」『』は]{2,30})\s*$", text)
    if m and re.search(r"[\u3040-\u9fff]", m.group(1)):
        return m.group(1)
    return None


def _fallback_name(doc: Document, units: list[Unit]) -> str:
    m = re.search(r"(?:www\.)?([a-z0-9-]{3,})\s*(?:\.|\[d[o0]t\]|\(dot\))\s*(?:com|net|org|jp|vn|co)\b", doc.text,
                  re.IGNORECASE)
    if m:
        return m.group(1)
    return units[0].text.strip()[:80] if units else doc.source


# --------------------------------------------------------------------------- whole policy

def _resolve_generic(statements: list[Statement], lexicon: Lexicon) -> list[Statement]:
    """Generic data mentions stand for the categories the policy itself names.

    "personal information" stands for every category the policy names; an umbrella category of the
    ontology ("contact information") for the named categories under it ("email address", "phone number").
    """
    def specific(concepts: set[str]) -> set[str]:
        return {c for c in concepts if c not in lexicon.umbrellas or not any(
            o != c and lexicon.is_a(o, c) for o in concepts)}

    collected = {d for s in statements if not s.negated and s.kind in (str(PKG.Collection), str(PKG.TrackingTechnology))
                 for d in s.personal_data if d != GENERIC_DATA}
    if not collected:
        collected = {d for s in statements if not s.negated for d in s.personal_data if d != GENERIC_DATA}
    named = specific(collected)
    if not named:  # a policy that names no category speaks of personal data as such
        return [replace(s, personal_data=(GENERIC_DATA,)) if lexicon.is_a(s.kind, DATA_PRACTICE) and
                not s.personal_data else s for s in statements]
    tracked = specific({d for s in statements if not s.negated and s.kind == str(PKG.TrackingTechnology)
                        for d in s.personal_data if d != GENERIC_DATA}) or named
    resolved = []
    for s in statements:
        practice = lexicon.is_a(s.kind, DATA_PRACTICE)
        scope = tracked if s.kind == str(PKG.TrackingTechnology) else named  # a tag receives what tags collect
        data: set[str] = set()
        for concept in s.personal_data or ((GENERIC_DATA,) if practice and s.kind != str(PKG.Collection) else ()):
            if concept == GENERIC_DATA:
                data |= scope if practice else {concept}
            elif concept in lexicon.umbrellas:
                narrower = {n for n in named if n != concept and lexicon.is_a(n, concept)}
                data |= narrower or {concept}
            else:
                data.add(concept)
        resolved.append(replace(s, personal_data=tuple(sorted(specific(data)))))
    return resolved


def _merge(statements: list[Statement]) -> list[Statement]:
    """One statement per fact: equal content merges, keeping every piece of evidence."""
    merged: dict[tuple, Statement] = {}
    for s in statements:
        key = s.content_key()
        if key in merged:
            old = merged[key]
            merged[key] = replace(old, evidence=old.evidence + s.evidence,
                                  condition=old.condition or s.condition)
        else:
            merged[key] = s
    return list(merged.values())


def _facts(s: Statement) -> frozenset[str]:
    """What identifies a statement across languages: its concepts other than the (shared) data."""
    named = {r.known_as or r.name or r.role for r in s.recipients}
    facts = set(s.purposes) | set(s.legal_bases) | named | set(s.rights) | set(s.measures)
    return frozenset(facts or s.personal_data)


def _merge_translations(statements: list[Statement], languages: tuple[str, ...]) -> list[Statement]:
    """A policy written twice (two languages in one file) states each fact once, with evidence in both.

    Each statement is paired with the most similar statement of the same kind and polarity read in
    another language (Jaccard similarity of their concepts at least one half); a pair becomes one
    statement holding the concepts and the evidence of both.
    """
    if len(languages) < 2:
        return statements
    used: set[int] = set()
    merged: list[Statement] = []
    for i, s in enumerate(statements):
        if i in used:
            continue
        used.add(i)
        lang = s.evidence[0].lang
        best, best_score = None, 0.5
        for j, t in enumerate(statements):
            if j in used or t.kind != s.kind or t.negated != s.negated or t.evidence[0].lang == lang:
                continue
            a, b = _facts(s), _facts(t)
            score = len(a & b) / len(a | b) if a | b else 0.0
            if score >= best_score and (best is None or score > best_score):
                best, best_score = j, score
        if best is not None:
            t = statements[best]
            used.add(best)
            s = replace(s, **{f: tuple(sorted(set(getattr(s, f)) | set(getattr(t, f)), key=str))
                              for f in ("personal_data", "purposes", "legal_bases", "data_subjects", "rights", "measures")},
                        recipients=tuple(sorted(set(s.recipients) | set(t.recipients), key=_recipient_key)),
                        evidence=s.evidence + t.evidence, condition=s.condition or t.condition)
        merged.append(s)
    return merged


def extract(doc: Document, sections: list[Section], lexicon: Lexicon | None = None) -> PolicyExtraction:
    """Find the statements of one segmented policy.

    Example:
        >>> from graphbuilder.ingest import parse_policy
        >>> from graphbuilder.segment import segment
        >>> doc = parse_policy(b"Acme Inc. (the Company) collects your email address.", "a.txt")
        >>> result = extract(doc, segment(doc))
        >>> result.controller.name, [s.personal_data for s in result.statements]
        ('Acme Inc.', [('https://w3id.org/dpv/pd#EmailAddress',)])
    """
    lexicon = lexicon or load_lexicon()
    cues = load_cues()
    units = [u for s in sections for u in s.units]
    worker = _Extractor(doc, lexicon, cues)
    found = _find_controller(doc, units, lexicon, cues)
    worker.controller = found or Controller((_fallback_name(doc, units),))
    languages = _languages(units)
    statements = _merge_translations(_merge(_resolve_generic(worker.walk(sections), lexicon)), languages)
    warnings = []
    if found is None:
        warnings.append(f"{doc.source}: no company name found; the controller is named {worker.controller.name!r} "
                        "after the text's domain or title")
    if not any(lexicon.is_a(s.kind, str(DPV.Process)) and not s.negated for s in statements):
        warnings.append(f"{doc.source}: no data practice found (is this a privacy policy?)")
    return PolicyExtraction(
        document=doc,
        languages=languages,
        controller=worker.controller,
        title=_title(sections, doc),
        dates=_dates(doc.text, cues),
        statements=tuple(statements),
        warnings=tuple(warnings),
    )
