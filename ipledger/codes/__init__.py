"""Identifiers and values: each rule once as a scalar parser and once as a DuckDB SQL macro.

Scalar parsers take text and return the value or raise
`ValidationError` (blank text is the caller's "unknown", see
`is_blank`; `parse_bool` and `parse_list` read blank as false / empty).
The vectorised forms are the ``ipl_<rule>`` / ``ipl_<rule>_error`` macros that
`install_macros` creates on a connection; `parse_array` runs them over Arrow.
"""

from __future__ import annotations

from ipledger.codes._booleans import parse_bool
from ipledger.codes._credit_codes import parse_credit_code
from ipledger.codes._dates import parse_date
from ipledger.codes._lists import parse_list
from ipledger.codes._money import parse_money
from ipledger.codes._patent_numbers import PatentNumber, parse_patent_number, patent_check_character
from ipledger.codes._regions import (
    RegionInfo,
    ancestors,
    builtin_regions,
    current_code,
    current_codes,
    parse_region_code,
    region,
)
from ipledger.codes._sql import RULES, install_macros, macro_sql, parse_array
from ipledger.codes._text import halfwidth, is_blank
from ipledger.codes._trademark_numbers import parse_trademark_number

__all__ = [
    "RULES",
    "PatentNumber",
    "RegionInfo",
    "ancestors",
    "builtin_regions",
    "current_code",
    "current_codes",
    "halfwidth",
    "install_macros",
    "is_blank",
    "macro_sql",
    "parse_array",
    "parse_bool",
    "parse_credit_code",
    "parse_date",
    "parse_list",
    "parse_money",
    "parse_patent_number",
    "parse_region_code",
    "parse_trademark_number",
    "patent_check_character",
    "region",
]
