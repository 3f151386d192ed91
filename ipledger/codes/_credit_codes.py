"""Unified social credit codes (统一社会信用代码, GB 32100-2015), verified by python-stdnum."""

from __future__ import annotations

import re

from stdnum.cn import uscc

from ipledger.codes._text import strip_blanks
from ipledger.errors import ValidationError

__all__ = [
    "CREDIT_CODE_ALPHABET",
    "CREDIT_CODE_PATTERN",
    "CREDIT_CODE_WEIGHTS",
    "parse_credit_code",
]

CREDIT_CODE_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
"""The 31 characters a credit code is written in (no I, O, Z, S, V)."""

CREDIT_CODE_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
"""Weights of the first 17 characters; check = (31 - sum mod 31) mod 31."""

CREDIT_CODE_PATTERN = "[1-9ANY][1-9][0-9]{6}[0-9A-HJ-NPQRTUWXY]{10}"
"""GB 32100: the registration department (1–9; ``A`` the Central Military Commission's
establishment office, ``N`` agriculture — ``N2`` village collective economic organisations —,
``Y`` others), the kind of body (1–9), the 6-digit region code of registration, the 9-character
organisation code and the check character."""

_SHAPE = re.compile(CREDIT_CODE_PATTERN)


def parse_credit_code(text: str) -> str:
    """Read a unified social credit code and verify its check character.

    Spaces and hyphens are dropped and letters upper-cased, as python-stdnum does; the first
    character may be a digit or ``A``, ``N``, ``Y`` (GB 32100).

    Examples:
        >>> parse_credit_code("91440700ma4un9wj3t")
        '91440700MA4UN9WJ3T'
    """
    compact = strip_blanks(text).replace(" ", "").replace("-", "").upper()
    if not _SHAPE.fullmatch(compact):
        raise ValidationError(value=text, reason="not an 18-character unified social credit code")
    expected = uscc.calc_check_digit(compact)  # python-stdnum's, which also takes A/N/Y heads
    if compact[-1] != expected:
        raise ValidationError(
            value=text, reason=f"check character should be {expected}, not {compact[-1]}"
        )
    return compact
