"""The CSV row count taken from a file's bytes (before DuckDB reads it) agrees with the rows
written and with DuckDB's reader, for any cells, line ends, blank lines and chunk sizes; limits
stop it with the line of the row that passes them."""

from __future__ import annotations

import duckdb
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ipledger.errors import ValidationError
from ipledger.io import DEFAULT_LIMITS, ImportLimits
from ipledger.io._csvshape import csv_shape

CELLS = st.text(
    st.sampled_from(["a", "b", ",", '"', "\n", "\r", " ", "中", "\x00", "'", "="]), max_size=6
)


def _cell(text, quote_anyway):
    """A cell as RFC 4180 writes it: quoted when it must be (or when asked), quotes doubled."""
    if quote_anyway or any(c in text for c in ',"\r\n'):
        return '"' + text.replace('"', '""') + '"'
    return text


def _write(rows, terminator, blank_after, quoted):
    lines = ["c0,c1,c2"]
    for i, row in enumerate(rows):
        line = ",".join(_cell(c, quoted) for c in row)
        lines.append(line)
        if i in blank_after:
            lines.append("")
    return (terminator.join(lines) + terminator).encode("utf-8")


_READER = duckdb.connect()


def _duckdb_rows(path):
    return _READER.execute(
        "SELECT count(*) FROM read_csv(?, header = true, auto_detect = false,"
        " columns = {'c0': 'VARCHAR', 'c1': 'VARCHAR', 'c2': 'VARCHAR'}, delim = ',',"
        " quote = '\"', escape = '\"', strict_mode = true, encoding = 'utf-8')",
        [str(path)],
    ).fetchall()[0][0]


@settings(max_examples=150)
@given(
    rows=st.lists(st.lists(CELLS, min_size=3, max_size=3), max_size=8),
    terminator=st.sampled_from(["\n", "\r\n", "\r"]),
    blank_after=st.sets(st.integers(0, 8), max_size=3),
    last_newline=st.booleans(),
    quoted=st.booleans(),
    chunk=st.sampled_from([1, 2, 3, 7, 64, 1 << 20]),
)
def test_rows_counted_from_the_bytes_agree_with_the_reader(
    tmp_path_factory, rows, terminator, blank_after, last_newline, quoted, chunk
):
    """Any cells (quotes, line breaks, NUL), any line end, blank lines, a missing final line
    end, any chunk boundary: the count is the rows written, and DuckDB reads as many."""
    data = _write(rows, terminator, blank_after, quoted)
    if not last_newline and data.endswith(terminator.encode()) and rows:
        data = data[: -len(terminator)]
    path = tmp_path_factory.mktemp("shape") / "f.csv"
    path.write_bytes(data)
    shape = csv_shape(path, "f.csv", DEFAULT_LIMITS, chunk=chunk)
    assert shape.rows == len(rows)
    assert _duckdb_rows(path) == shape.rows
    assert shape.longest <= len(data)


@pytest.mark.parametrize(
    ("data", "rows"),
    [
        (b"c0,c1,c2\r1,2,3\r4,5,6\r", 2),  # old Mac line ends
        (b"c0,c1,c2\n1,2,3\n\n\n4,5,6", 2),  # blank lines, no final line end
        (b'c0,c1,c2\n"a\n\nb",2,3\n', 1),  # blank "lines" inside a quoted cell
        (b"c0,c1,c2\n", 0),
        (b"\xef\xbb\xbfc0,c1,c2\r\n1,2,3\r\n", 1),  # BOM, CRLF
    ],
)
def test_known_shapes(tmp_path, data, rows):
    """Line-end forms the reader accepts, counted the same."""
    path = tmp_path / "f.csv"
    path.write_bytes(data)
    assert csv_shape(path, "f.csv", DEFAULT_LIMITS, chunk=3).rows == rows
    assert _duckdb_rows(path) == rows


def test_a_row_over_the_limit_is_named_by_its_line(tmp_path):
    """The row longer than max_row_bytes is named by its line (header = 1), and the scan
    stops there, also when the row never ends (a file of one endless line)."""
    path = tmp_path / "f.csv"
    path.write_bytes(b"c0,c1,c2\n1,2,3\n" + b"x" * 5000 + b",2,3\n4,5,6\n")
    limits = ImportLimits(max_row_bytes=1000)
    with pytest.raises(ValidationError) as caught:
        csv_shape(path, "f.csv", limits, chunk=256)
    assert (caught.value.file, caught.value.line) == ("f.csv", 3)
    assert "max_row_bytes" in caught.value.reason
    endless = tmp_path / "g.csv"
    endless.write_bytes(b"\x00" * 100_000)
    with pytest.raises(ValidationError) as caught:
        csv_shape(endless, "g.csv", limits, chunk=4096)
    assert caught.value.line == 1


def test_more_rows_than_the_limit(tmp_path):
    """max_rows stops the count."""
    path = tmp_path / "f.csv"
    path.write_bytes(b"c0\n" + b"1\n" * 50)
    with pytest.raises(ValidationError, match="max_rows"):
        csv_shape(path, "f.csv", ImportLimits(max_rows=49))
    assert csv_shape(path, "f.csv", ImportLimits(max_rows=50)).rows == 50
