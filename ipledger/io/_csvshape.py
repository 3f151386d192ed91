"""The shape of a CSV file, measured from its bytes before DuckDB reads it: how many rows it
holds and how long its longest row is.

The count is independent of the CSV reader, so that the import can check that the reader saw
every row (a row DuckDB's reader skipped would otherwise vanish without a word), and the
longest row sets the reader's line size (so that big cells are read, not dropped). It is
computed with numpy over 16 MiB chunks — never a Python loop per row — and stops as soon as a
limit is passed, so a hostile file costs bounded time and memory.

A row ends at a line break (``\\n``, ``\\r\\n`` or a lone ``\\r``) outside double quotes
(RFC 4180: a quote inside a quoted cell is doubled, which keeps the count of quotes even);
empty lines are no rows, as the reader skips them.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import attrs
import numpy as np
import numpy.typing as npt

from ipledger.errors import ValidationError
from ipledger.io._limits import ImportLimits

__all__ = ["CsvShape", "csv_shape"]

_CHUNK = 16 * 2**20
_QUOTE, _LF, _CR = 34, 10, 13


@attrs.frozen
class CsvShape:
    """A CSV file's data rows (after the header) and its longest row, in bytes."""

    rows: int
    longest: int


def _size(n: int) -> str:
    return f"{n / 2**20:,.1f} MiB" if n >= 2**20 else f"{n:,} bytes"


class _Counter:
    """The running count over the chunks of one file."""

    def __init__(self, file: str, limits: ImportLimits) -> None:
        self.file = file
        self.limits = limits
        self.inside = 0  # 1 while inside a quoted cell
        self.start = 0  # where the current row starts
        self.offset = 0  # bytes seen before this chunk
        self.records = 0  # non-empty rows seen, header included
        self.longest = 0
        self.last = -1  # the previous chunk's last byte
        self.pending_cr = False  # the previous chunk ended with an unquoted CR

    def too_long(self, line: int, length: int) -> ValidationError:
        return ValidationError(
            file=self.file,
            line=line,
            reason=f"a row of more than {_size(self.limits.max_row_bytes)} ({_size(length)}"
            " so far): over the limit max_row_bytes; nothing imported",
        )

    def outside(self, positions: npt.NDArray[np.intp], quotes: npt.NDArray[np.intp]) -> Any:
        """Which of ``positions`` lie outside quotes: an even number of quotes before them
        (counting from the chunk's start state)."""
        before = np.searchsorted(quotes, positions)
        return ((before + self.inside) & 1) == 0

    def feed(self, chunk: npt.NDArray[np.uint8]) -> None:
        quotes = np.flatnonzero(chunk == _QUOTE)
        lf = np.flatnonzero(chunk == _LF)
        lf = lf[self.outside(lf, quotes)]
        cr = np.flatnonzero(chunk == _CR)
        cr = cr[self.outside(cr, quotes)]
        last = chunk.size - 1
        lone = cr[(cr < last) & (chunk[np.minimum(cr + 1, last)] != _LF)]
        ends = np.union1d(lf, lone) if lone.size else lf
        if self.pending_cr and chunk[0] != _LF:
            ends = np.concatenate(([-1], ends))
        self.pending_cr = bool(cr.size and cr[-1] == last)
        self.inside = (self.inside + int(quotes.size)) & 1
        self.rows_ending(ends, chunk)
        self.offset += int(chunk.size)
        self.last = int(chunk[-1])
        if self.offset - self.start > self.limits.max_row_bytes:
            raise self.too_long(self.records + 1, self.offset - self.start)

    def rows_ending(self, ends: npt.NDArray[np.int64], chunk: npt.NDArray[np.uint8]) -> None:
        """Count the rows that end at ``ends`` (positions in ``chunk``; -1: the previous
        chunk's last byte)."""
        if not ends.size:
            return
        absolute = ends + self.offset
        starts = np.concatenate(([self.start], absolute[:-1] + 1))
        lengths = absolute - starts
        before = np.where(ends > 0, chunk[np.maximum(ends - 1, 0)], self.last)
        at_lf = np.where(ends >= 0, chunk[np.maximum(ends, 0)] == _LF, False)
        empty = (lengths == 0) | ((lengths == 1) & at_lf & (before == _CR))
        if int(lengths.max()) > self.limits.max_row_bytes:
            first = int(np.argmax(lengths > self.limits.max_row_bytes))
            line = self.records + int(np.count_nonzero(~empty[:first])) + 1
            raise self.too_long(line, int(lengths[first]))
        self.records += int(np.count_nonzero(~empty))
        self.longest = max(self.longest, int(lengths.max()))
        self.start = int(absolute[-1]) + 1
        if self.records - 1 > self.limits.max_rows:
            raise ValidationError(
                file=self.file,
                reason=f"more than {self.limits.max_rows:,} rows: over the limit max_rows;"
                " nothing imported",
            )

    def finish(self) -> CsvShape:
        if self.pending_cr:  # a lone CR ends the file
            self.rows_ending(np.array([-1], dtype=np.int64), np.zeros(1, dtype=np.uint8))
        tail = self.offset - self.start
        if tail > 0:
            self.records += 1
            self.longest = max(self.longest, tail)
        return CsvShape(rows=max(self.records - 1, 0), longest=self.longest)


def csv_shape(path: Path, file: str, limits: ImportLimits, *, chunk: int = _CHUNK) -> CsvShape:
    """Measure the CSV file at ``path`` (``file``: its name in errors); raise
    `ValidationError` when it passes ``limits`` (``max_rows``,
    ``max_row_bytes``). ``chunk``: bytes read at a time."""
    counter = _Counter(file, limits)
    with open(path, "rb") as handle:
        while block := handle.read(chunk):
            counter.feed(np.frombuffer(block, dtype=np.uint8))
    return counter.finish()
