"""Helpers for the io tests: messy exchange files written by the tests, ledger snapshots."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from stdnum.cn import uscc

from ipledger import Ledger
from ipledger.model import ENTITIES

_PATENT_WEIGHTS = (2, 3, 4, 5, 6, 7, 8, 9, 2, 3, 4, 5)


def patent_no(body: str) -> str:
    """12 digits of a patent application number followed by their check character."""
    total = sum(int(d) * w for d, w in zip(body, _PATENT_WEIGHTS, strict=False)) % 11
    return body + ("X" if total == 10 else str(total))


def wrong_check(number: str) -> str:
    """The same number with a wrong check character."""
    last = number[-1]
    return number[:-1] + ("1" if last != "1" else "2")


def credit_code(body17: str) -> str:
    """A unified social credit code: 17 characters plus the GB 32100 check character."""
    return body17 + uscc.calc_check_digit(body17)


def write_csv(
    path: Path, header: Sequence[str], rows: Iterable[Sequence[Any]], *, bom: bool = False
) -> Path:
    """Write a UTF-8 CSV (optionally with a BOM) as an office spreadsheet would save it."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(header)
    for row in rows:
        writer.writerow(["" if v is None else v for v in row])
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes((b"\xef\xbb\xbf" if bom else b"") + buffer.getvalue().encode("utf-8"))
    return path


def current(ledger: Ledger, entity: str) -> list[dict[str, Any]]:
    """The current records of an entity as dicts of exchange columns, in key order."""
    columns = ", ".join(f'"{c}"' for c in ENTITIES[entity].columns)
    order = ", ".join(f'"{k}"' for k in ENTITIES[entity].key)
    return ledger.sql(f"SELECT {columns} FROM {entity}_current ORDER BY {order}").to_pylist()


def snapshot(ledger: Ledger) -> dict[str, list[dict[str, Any]]]:
    """Every version of every entity table (history columns included): to prove nothing changed."""
    return {name: ledger.sql(f"SELECT * FROM {name} ORDER BY ALL").to_pylist() for name in ENTITIES}


def rejected(result: Any) -> list[tuple[str | None, int | None, str | None]]:
    """The (file, line, column) of every rejected value of an import result."""
    return [(r.file, r.line, r.column) for r in result.rejects]
