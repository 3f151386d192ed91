"""Unified social credit codes (统一社会信用代码, GB 32100-2015), verified by python-stdnum."""

from __future__ import annotations

import re

from stdnum import exceptions as stdnum_errors
from stdnum.cn import uscc

from ipledger.codes._text import strip_blanks
from ipledger.errors import ValidationError

__all__ = ["CREDIT_CODE_ALPHABET", "CREDIT_CODE_WEIGHTS", "parse_credit_code"]

CREDIT_CODE_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
"""The 31 characters a credit code is written in (no I, O, Z, S, V)."""

CREDIT_CODE_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
"""Weights of the first 17 characters; check = (31 - sum mod 31) mod 31."""

_SHAPE = re.compile(r"[0-9]{8}[0-9A-HJ-NPQRTUWXY]{10}")


def parse_credit_code(text: str) -> str:
    """Read a unified social credit code and verify its check character.

    Spaces and hyphens are dropped and letters upper-cased, as python-stdnum does.

    Examples:
        >>> parse_credit_code("91440700ma4un9wj3t")
        '91440700MA4UN9WJ3T'
    """
    compact = strip_blanks(text).replace(" ", "").replace("-", "").upper()
    if not _SHAPE.fullmatch(compact):
        raise ValidationError(value=text, reason="not an 18-character unified social credit code")
    try:
        return str(uscc.validate(compact))
    except stdnum_errors.InvalidChecksum:
        expected = uscc.calc_check_digit(compact)
        raise ValidationError(
            value=text, reason=f"check character should be {expected}, not {compact[-1]}"
        ) from None
