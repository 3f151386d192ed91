"""The header names the reader accepts are the contract's, as written in docs/exchange.md."""

from __future__ import annotations

import re
from pathlib import Path

from ipledger.io import CHINESE_HEADERS, REQUIRED_COLUMNS
from ipledger.model import ENTITIES

DOC = Path(__file__).resolve().parents[2] / "docs" / "exchange.md"
_BLOCK = re.compile(r"^`(\w+)` — .*?\n(.*?)(?=\n\n)", re.M | re.S)
_COLUMN = re.compile(r"(\w+)( \*\*required\*\*)?(?: \((?:[^()]|`[^`]*`)*\))? \[([^\]]+)\]")


def _documented():
    section = (
        DOC.read_text(encoding="utf-8").split("### Files and columns")[1].split("### Errors")[0]
    )
    return {name: _COLUMN.findall(body) for name, body in _BLOCK.findall(section)}


def test_chinese_headers_match_the_contract():
    """Every entity column has the Chinese header the contract gives it, and no other."""
    documented = _documented()
    assert set(documented) == set(ENTITIES)
    for name, columns in documented.items():
        assert {c: zh for c, _, zh in columns} == dict(CHINESE_HEADERS[name]), name
        assert set(CHINESE_HEADERS[name]) == set(ENTITIES[name].columns), name


def test_required_columns_match_the_contract():
    """The required columns are the ones the contract marks **required**."""
    for name, columns in _documented().items():
        assert tuple(c for c, required, _ in columns if required) == REQUIRED_COLUMNS[name], name
