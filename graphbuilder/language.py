"""The language of a piece of policy text (ja / en / vi), shared by the stages that need it."""

from __future__ import annotations

import re

_VI_CHARS = set("ăâđêôơưáàảãạấầẩẫậắằẳẵặéèẻẽẹếềểễệíìỉĩịóòỏõọốồổỗộớờởỡợúùủũụứừửữựýỳỷỹỵ")
_VI_PLAIN_WORDS = set("""
cua va cac nhung duoc khong thong tin chung toi nguoi dung khach hang cong ty cho voi trong theo ban ca nhan
dich vu su hoac nay thu thap muc ve boi mot tu de la co ho ten so dien thoai khi dang ky tai khoan chia se ben
ba neu dong y chinh sach bao mat lien he quyen rieng ton sau day goi cung cap nham bang viec nhu phan dia chi
trang gui xu ly luu tru hien thi yeu cau cap nhat sua doi xoa bo quy dinh phap luat nghi dinh bien phap an toan
""".split())
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff]")
_LATIN_WORD = re.compile(r"[A-Za-zÀ-ỹđĐ]+")


def detect_language(text: str) -> str | None:
    """Guess the language of a short text: 'ja', 'vi', 'en', or None when it has no letters.

    Example:
        >>> detect_language("個人情報の取得"), detect_language("Thu thập thông tin"), detect_language("We collect data")
        ('ja', 'vi', 'en')
    """
    cjk = len(_CJK.findall(text))
    words = _LATIN_WORD.findall(text)
    latin = sum(len(w) for w in words)
    if cjk == 0 and latin == 0:
        return None
    if cjk >= max(2, latin * 0.25) or (cjk and not words):
        return "ja"
    lower = text.lower()
    vi_marks = sum(1 for ch in lower if ch in _VI_CHARS)
    if vi_marks >= 2 and vi_marks >= latin * 0.04:
        return "vi"
    plain = [w.lower() for w in words]
    if len(plain) >= 4 and sum(1 for w in plain if w in _VI_PLAIN_WORDS) >= 0.5 * len(plain):
        return "vi"
    return "en"


def has_vietnamese_marks(text: str) -> bool:
    """Whether the text carries Vietnamese diacritics (else it may be Vietnamese typed without them)."""
    lowered = text.lower()
    return any(ch in _VI_CHARS for ch in lowered)
