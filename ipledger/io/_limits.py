"""What an import reads at most: bounds on archives, files, rows and rows' sizes, so that a hostile
or broken dataset is refused with one clear line, in bounded time and memory, before anything is
written."""

from __future__ import annotations

import re

import attrs

from ipledger.errors import ValidationError

__all__ = ["DEFAULT_LIMITS", "ImportLimits", "parse_size"]

_SIZE = re.compile(r"([0-9]+(?:\.[0-9]+)?)\s*(B|KB|MB|GB|TB|KIB|MIB|GIB|TIB)?", re.IGNORECASE)
_UNITS = {
    None: 1,
    "B": 1,
    "KB": 10**3,
    "MB": 10**6,
    "GB": 10**9,
    "TB": 10**12,
    "KIB": 2**10,
    "MIB": 2**20,
    "GIB": 2**30,
    "TIB": 2**40,
}


def parse_size(text: str) -> int:
    """A number of bytes written as ``64MiB``, ``2GB``, ``1000`` (bytes).

    Examples:
        >>> parse_size("64MiB"), parse_size("2 GB"), parse_size("512")
        (67108864, 2000000000, 512)
    """
    match = _SIZE.fullmatch(text.strip())
    if match is None:
        raise ValidationError(value=text, reason="not a size (such as 64MiB, 2GB or 1000)")
    return int(float(match[1]) * _UNITS[match[2].upper() if match[2] else None])


def _at_least_one(_instance: object, attribute: attrs.Attribute[int], value: int) -> None:
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise ValueError(f"{attribute.name} must be a whole number of at least 1, not {value!r}")


@attrs.frozen(kw_only=True)
class ImportLimits:
    """The bounds an import holds a dataset to (each refused with a one-line reason).

    ``max_files``: entries of a zip, or data files of a folder. ``max_archive_bytes``: the
    uncompressed size of a zip's members, together. ``max_ratio``: how many times larger than
    its compressed size a zip member may be (above 1 MiB; office data compresses 5 to 20 times,
    a "zip bomb" thousands). ``max_file_bytes``: one data file (a Parquet file: its
    uncompressed data). ``max_rows``: rows of one file. ``max_row_bytes``: one CSV row, so
    also any cell of it (the reader is set to read rows up to this size). ``max_columns``:
    columns of a file's header.

    Examples:
        >>> ImportLimits(max_rows=1000).with_settings({"max_row_bytes": "1MiB"}).max_row_bytes
        1048576
    """

    max_files: int = attrs.field(default=1_000, validator=_at_least_one)
    max_archive_bytes: int = attrs.field(default=8 * 2**30, validator=_at_least_one)
    max_ratio: int = attrs.field(default=200, validator=_at_least_one)
    max_file_bytes: int = attrs.field(default=4 * 2**30, validator=_at_least_one)
    max_rows: int = attrs.field(default=50_000_000, validator=_at_least_one)
    max_row_bytes: int = attrs.field(default=64 * 2**20, validator=_at_least_one)
    max_columns: int = attrs.field(default=1_000, validator=_at_least_one)

    def with_settings(self, settings: dict[str, str]) -> ImportLimits:
        """These limits with some replaced, given as text (``{"max_rows": "1000000"}``;
        sizes as ``64MiB``): how the command line's ``--limit NAME=VALUE`` reads."""
        names = [f.name for f in attrs.fields(ImportLimits)]
        changes: dict[str, int] = {}
        for name, text in settings.items():
            if name not in names:
                raise ValidationError(
                    value=name, column="--limit", reason=f"not a limit: {', '.join(names)}"
                )
            try:
                value = parse_size(text) if name.endswith("_bytes") else int(text.replace(",", ""))
            except ValueError:
                raise ValidationError(
                    value=text, column=name, reason="not a whole number"
                ) from None
            if value < 1:
                raise ValidationError(value=text, column=name, reason="must be at least 1")
            changes[name] = value
        return attrs.evolve(self, **changes)


DEFAULT_LIMITS = ImportLimits()
"""1,000 files; 8 GiB unpacked per zip, no member over 200 times its compressed size; 4 GiB per
file; 50 million rows per file; 64 MiB per CSV row; 1,000 columns."""
