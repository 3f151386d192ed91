"""The exchange format (docs/exchange.md v1) in and out: datasets of CSV and Parquet files.

`import_dataset` reads a folder or .zip into a store, validating every value in DuckDB
SQL (never a Python loop per row), all-or-nothing per file; `export_dataset` writes the
ledger back in the same format, atomically and with a manifest the import verifies; both hold
a dataset to `ImportLimits`. See ``docs/exchange.md``.
"""

from __future__ import annotations

from ipledger.io._discover import entity_of
from ipledger.io._export import FORMULA_START, PARTITIONS, ExportFormat, export_dataset
from ipledger.io._headers import CHINESE_HEADERS, REQUIRED_COLUMNS
from ipledger.io._import import MAX_LISTED, import_dataset, write_table
from ipledger.io._limits import DEFAULT_LIMITS, ImportLimits, parse_size
from ipledger.io._manifest import INCOMPLETE, MANIFEST, Manifest, ManifestFile, read_manifest
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
    "DEFAULT_LIMITS",
    "FORMULA_START",
    "INCOMPLETE",
    "MANIFEST",
    "MAX_LISTED",
    "PARTITIONS",
    "REQUIRED_COLUMNS",
    "DatasetWarning",
    "ExportFormat",
    "ExportResult",
    "ExportedFile",
    "FileResult",
    "ImportLimits",
    "ImportProgress",
    "ImportResult",
    "Manifest",
    "ManifestFile",
    "ProgressCallback",
    "entity_of",
    "export_dataset",
    "import_dataset",
    "parse_size",
    "read_manifest",
    "write_table",
]
