"""Vectorised makers of valid identifiers and of exact amounts (numpy, no loop per row)."""

from __future__ import annotations

import datetime as dt

import numpy as np
import numpy.typing as npt

from ipledger.codes._credit_codes import CREDIT_CODE_ALPHABET, CREDIT_CODE_WEIGHTS
from ipledger.codes._patent_numbers import NEW_WEIGHTS

__all__ = ["credit_codes", "day", "exact_amounts", "patent_numbers", "random_days"]

EPOCH = dt.date(1970, 1, 1)

IntArray = npt.NDArray[np.int64]


def day(d: dt.date) -> int:
    """Days since 1970-01-01 (Arrow's date32)."""
    return (d - EPOCH).days


def random_days(rng: np.random.Generator, n: int, start: dt.date, end: dt.date) -> IntArray:
    """``n`` day numbers uniformly in [start, end]."""
    return rng.integers(day(start), day(end) + 1, size=n, dtype=np.int64)


def patent_numbers(
    years: IntArray, kind_digits: IntArray, serials: IntArray
) -> npt.NDArray[np.str_]:
    """Canonical 12+1 patent numbers (check character computed, as CNIPA does)."""
    number = years * 10**8 + kind_digits * 10**7 + serials
    total = np.zeros_like(number)
    for position, weight in enumerate(NEW_WEIGHTS):
        total += (number // 10 ** (11 - position)) % 10 * weight
    check = total % 11
    digits = np.char.zfill(number.astype(str), 12)
    check_chars = np.where(check == 10, "X", check.astype(str))
    return np.char.add(digits, check_chars)


def credit_codes(
    rng: np.random.Generator, region_code: str, n: int, prefix: str = "91"
) -> list[str]:
    """``n`` distinct, valid unified social credit codes registered in ``region_code``."""
    alphabet = np.array(list(CREDIT_CODE_ALPHABET))
    head = np.array([CREDIT_CODE_ALPHABET.index(c) for c in prefix + region_code])
    body = rng.integers(0, 31, size=(n, 9))
    body[:, 0] = rng.integers(0, 10, size=n)  # organisation codes start with a digit here
    weights = np.array(CREDIT_CODE_WEIGHTS)
    total = (head * weights[:8]).sum() + (body * weights[8:]).sum(axis=1)
    check = (31 - total % 31) % 31
    chars = np.concatenate([body, check[:, None]], axis=1)
    tails = ["".join(row) for row in alphabet[chars]]
    codes = [prefix + region_code + t for t in tails]
    if len(set(codes)) != n:  # astronomically unlikely; keep the demo deterministic anyway
        return credit_codes(rng, region_code, n, prefix)
    return codes


def exact_amounts(
    rng: np.random.Generator, n: int, total_yuan: float, sigma: float = 1.0
) -> IntArray:
    """``n`` positive amounts in cents (lognormal spread) adding up to exactly ``total_yuan``."""
    cents = round(total_yuan * 100)
    weights = rng.lognormal(0.0, sigma, size=n)
    parts = np.floor(weights / weights.sum() * (cents - n)).astype(np.int64) + 1
    parts[np.argmax(parts)] += cents - int(parts.sum())
    result: IntArray = parts
    return result
