"""Company and service names compared as people compare them: case, width, punctuation and legal
form ("Co., Ltd.", "株式会社", "Công ty TNHH") do not count."""

from __future__ import annotations

import re
import unicodedata

_LEGAL_FORMS = re.compile(r"\b(?:co\.?,?\s*ltd\.?|inc\.?|llc|ltd\.?|limited|corporation|corp\.?|gmbh|k\.k\.|plc)(?!\w)"
                          r"|株式会社|有限会社|合同会社|\(株\)|công ty|cong ty|tnhh|cổ phần")


def name_key(name: str) -> str:
    """The part of a name that identifies it.

    Example:
        >>> name_key("Chat Plus Co., Ltd."), name_key("株式会社ココチエ"), name_key("Công ty TNHH ECOMEASY")
        ('chatplus', 'ココチエ', 'ecomeasy')
    """
    text = unicodedata.normalize("NFKC", name).lower()
    return re.sub(r"[\W_]+", "", _LEGAL_FORMS.sub("", text))


def names_match(a: str, b: str) -> bool:
    """Whether two names name the same company: equal keys, or one key inside the other ("Google" and
    "Google LLC Analytics"), when the shorter has at least three characters.

    Example:
        >>> names_match("Google Inc.", "Google LLC"), names_match("A8.net", "A8"), names_match("株式会社X", "Y")
        (True, False, False)
    """
    x, y = name_key(a), name_key(b)
    return bool(x and y) and (x == y or (min(len(x), len(y)) >= 3 and (x in y or y in x)))
