"""The manifest of an export: what it holds, so that an import can tell a complete export from a
damaged, changed or unfinished one.

``ipledger-manifest.json`` is written last, into the export's scratch folder, just before that
folder is renamed into place; an export still being written also holds the marker file
``ipledger-export-incomplete``. The manifest (format version 1) is a JSON object::

    {"format": "ipledger-export", "format_version": 1,
     "ipledger_version": "0.1.0", "schema_version": 5,
     "exported_at": "2024-05-01T08:00:00.123456Z", "as_known_at": null,
     "file_format": "csv", "history": false, "formula_guard": true, "masked": false,
     "files": [{"path": "patents.csv", "entity": "patents", "rows": 710918,
                "bytes": 123456789, "sha256": "…"}]}

``path`` is relative to the dataset root, with ``/``; a Parquet entity folder lists each part.
Readers must ignore keys they do not know; a new ``format_version`` is needed to change one.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import attrs

from ipledger.errors import ValidationError

__all__ = [
    "FORMAT_VERSION",
    "INCOMPLETE",
    "MANIFEST",
    "Manifest",
    "ManifestFile",
    "digest",
    "read_manifest",
    "verify_manifest",
    "write_manifest",
]

MANIFEST = "ipledger-manifest.json"
"""The manifest's file name, at the root of an export."""
INCOMPLETE = "ipledger-export-incomplete"
"""The marker of an export still being written (or killed while it was)."""
FORMAT_VERSION = 1
"""The manifest format this ipledger writes and reads."""

_KIND = "ipledger-export"
_CHUNK = 2**20


@attrs.frozen(kw_only=True)
class ManifestFile:
    """One file of an export: its path (relative, ``/``), entity, rows, size and SHA-256."""

    path: str
    entity: str
    rows: int
    bytes: int
    sha256: str


@attrs.frozen(kw_only=True)
class Manifest:
    """What an export holds, and how it was written."""

    exported_at: dt.datetime
    as_known_at: dt.datetime | None
    file_format: str
    history: bool
    formula_guard: bool
    masked: bool
    files: tuple[ManifestFile, ...]
    schema_version: int
    ipledger_version: str
    format_version: int = FORMAT_VERSION


def digest(path: Path) -> tuple[int, str]:
    """The size in bytes and the SHA-256 (hex) of a file."""
    sha = hashlib.sha256()
    size = 0
    with open(path, "rb") as handle:
        while block := handle.read(_CHUNK):
            sha.update(block)
            size += len(block)
    return size, sha.hexdigest()


def _moment_text(moment: dt.datetime | None) -> str | None:
    return None if moment is None else moment.isoformat() + "Z"


def write_manifest(folder: Path, manifest: Manifest) -> Path:
    """Write ``manifest`` into ``folder`` (synced to disk); its path."""
    body: dict[str, Any] = {
        "format": _KIND,
        "format_version": manifest.format_version,
        "ipledger_version": manifest.ipledger_version,
        "schema_version": manifest.schema_version,
        "exported_at": _moment_text(manifest.exported_at),
        "as_known_at": _moment_text(manifest.as_known_at),
        "file_format": manifest.file_format,
        "history": manifest.history,
        "formula_guard": manifest.formula_guard,
        "masked": manifest.masked,
        "files": [attrs.asdict(f) for f in manifest.files],
    }
    path = folder / MANIFEST
    with open(path, "w", encoding="utf-8") as handle:
        json.dump(body, handle, ensure_ascii=False, indent=1)
        handle.write("\n")
        handle.flush()
        os.fsync(handle.fileno())
    return path


def _bad(reason: str) -> ValidationError:
    return ValidationError(file=MANIFEST, reason=reason)


def _moment(value: object, key: str) -> dt.datetime | None:
    if value is None:
        return None
    if not isinstance(value, str):
        raise _bad(f"{key} is not a timestamp")
    try:
        moment = dt.datetime.fromisoformat(value.removesuffix("Z"))
    except ValueError:
        raise _bad(f"{key} {value!r} is not an ISO timestamp") from None
    return moment.replace(tzinfo=None)


def _field(body: dict[str, Any], key: str, kind: type | tuple[type, ...]) -> Any:
    value = body.get(key)
    if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
        raise _bad(f"{key!r} is missing or not {getattr(kind, '__name__', kind)}")
    return value


def read_manifest(root: Path) -> Manifest | None:
    """The manifest at the root of a dataset, ``None`` when it has none; a manifest that does
    not read raises `ValidationError`."""
    path = root / MANIFEST
    if not path.is_file():
        return None
    if path.stat().st_size > 64 * 2**20:
        raise _bad("larger than 64 MiB: not a manifest ipledger wrote")
    try:
        body = json.loads(path.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise _bad(f"not readable JSON ({error}): the export is damaged") from None
    if not isinstance(body, dict) or body.get("format") != _KIND:
        raise _bad("not an ipledger export manifest")
    version = _field(body, "format_version", int)
    if version > FORMAT_VERSION:
        raise _bad(
            f"format version {version}: written by a newer ipledger (this one reads"
            f" {FORMAT_VERSION}); upgrade ipledger"
        )
    files = []
    for entry in _field(body, "files", list):
        if not isinstance(entry, dict):
            raise _bad("a files entry is not an object")
        files.append(
            ManifestFile(
                path=_field(entry, "path", str),
                entity=_field(entry, "entity", str),
                rows=_field(entry, "rows", int),
                bytes=_field(entry, "bytes", int),
                sha256=_field(entry, "sha256", str),
            )
        )
    exported = _moment(body.get("exported_at"), "exported_at")
    if exported is None:
        raise _bad("'exported_at' is missing")
    return Manifest(
        format_version=version,
        ipledger_version=str(body.get("ipledger_version", "")),
        schema_version=int(body.get("schema_version") or 0),
        exported_at=exported,
        as_known_at=_moment(body.get("as_known_at"), "as_known_at"),
        file_format=_field(body, "file_format", str),
        history=bool(_field(body, "history", bool)),
        formula_guard=bool(_field(body, "formula_guard", bool)),
        masked=bool(_field(body, "masked", bool)),
        files=tuple(files),
    )


def verify_manifest(root: Path, manifest: Manifest, found: Iterable[Path]) -> None:
    """Check that the dataset at ``root`` is the export its manifest describes: every listed
    file present with its size and SHA-256, no other data file (``found``: the data files the
    dataset holds). Raise `ValidationError` naming the first file that
    differs: a changed, damaged or mixed export is not imported at all."""
    listed = {f.path for f in manifest.files}
    for path in sorted(found):
        name = path.relative_to(root).as_posix()
        if name not in listed:
            raise ValidationError(
                file=name,
                reason=f"not part of the export {MANIFEST} describes (a file of another"
                " export, or added later): nothing imported; export again into an empty folder",
            )
    for entry in manifest.files:
        path = root / entry.path
        if not path.is_file():
            raise ValidationError(
                file=entry.path,
                reason=f"listed in {MANIFEST} but missing: the export is incomplete; nothing"
                " imported",
            )
        size, sha = digest(path)
        if (size, sha) != (entry.bytes, entry.sha256):
            how = f"{size:,} bytes, not {entry.bytes:,}" if size != entry.bytes else "its SHA-256"
            raise ValidationError(
                file=entry.path,
                reason=f"differs from the export ({how}): the file was changed or damaged;"
                f" nothing imported (delete {MANIFEST} to import the files as they are)",
            )
