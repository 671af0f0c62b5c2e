"""The language of a piece of policy text (ja / en / vi), shared by the stages that need it."""

from __future__ import annotations

import re

_VI_CHARS = set("ăâđêôơưáàảãạấầẩẫậắằẳẵặéèẻẽẹếềểễệíìỉĩịóòỏõọốồổỗộớờởỡợúùủũụứừửữựýỳỷỹỵ")
#: frequent Vietnamese syllables written without marks that are not English words (counted over Vietnamese policies)
_VI_PLAIN_WORDS = set("""
cua va cac nhung duoc khong thong tin chung toi nguoi dung khach hang cong ty cho voi trong theo ban ca nhan
dich vu su hoac nay thu thap muc ve boi mot tu de la co ho ten so dien thoai khi dang ky tai khoan chia se ben
ba neu dong y chinh sach bao mat lien he quyen rieng ton sau day goi cung cap nham bang viec nhu phan dia chi
trang gui xu ly luu tru hien thi yeu cau cap nhat sua doi xoa bo quy dinh phap luat nghi dinh bien phap an toan
bai bam bi biet bieu binh buoc buoi cach cai cao cha cham chap che chieu choi chon chong chua chuan chuc
chuong chup chuyen cuc cuoc cuoi da dai danh dao dap dat dau diem dieu doan doanh doc du dua duc duoi dut duy
duyet ghi gia giai giam gian giao giay gio gioi giu giua giup gom han hanh hau het hiem hieu hinh hoa hoan
hoat hoc hop huong huu huy huynh ich ke ket kha khac khai khan khau khieu kho khoa khoe khoi khuon khuyen
kiem kien kinh kip lac lai lam lan lich lieu loai loi lon lop lua luan luc luong ma mai mau minh moi mon mua
muon nai nang nao nen ngan ngay nghe nghia nghiem nghiep ngo ngoai ngu ngung nguy nguyen nha nhanh nhap nhay
nhiem nho nhuong ninh noi nuoc phai pham phat phep phi phien phong phu phuc phuong qua quan quang quoc quyet
rang ro rua rui rut sap sinh soat suc sung tac tam tang tao tat tep thac thai tham thang thanh thay thich
thien thiet thieu thoi thuan thuat thuc thue thuong tich tien tiep tiet tieu tinh toa tong tra trac trach
trai trao tren tri trinh tro truc trung truoc truong truy truyen tuan tuc tuoi tuong tuy tuyen tuyet ung uu
van vao vi vien viet vong vui xa xac xay xem xet xuat
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
