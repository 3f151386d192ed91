"""The exchange format (docs/exchange.md v1) in and out: datasets of CSV and Parquet files.

`import_dataset` reads a folder or .zip into a store, validating every value in DuckDB
SQL (never a Python loop per row), all-or-nothing per file; `export_dataset` writes the
ledger back in the same format. See ``docs/exchange.md``.
"""

from __future__ import annotations

from ipledger.io._discover import entity_of
from ipledger.io._export import PARTITIONS, ExportFormat, export_dataset
from ipledger.io._headers import CHINESE_HEADERS, REQUIRED_COLUMNS
from ipledger.io._import import MAX_LISTED, import_dataset, write_table
from ipledger.io._progress import ImportProgress, ProgressCallback
from ipledger.io._result import (
    DatasetWarning,
    ExportedFile,
    ExportResult,
    FileResult,
    ImportResult,
)

__all__ = [
    "CHINESE_HEADERS",
    "MAX_LISTED",
    "PARTITIONS",
    "REQUIRED_COLUMNS",
    "DatasetWarning",
    "ExportFormat",
    "ExportResult",
    "ExportedFile",
    "FileResult",
    "ImportProgress",
    "ImportResult",
    "ProgressCallback",
    "entity_of",
    "export_dataset",
    "import_dataset",
    "write_table",
]
