"""One write path: a record, the same row as a table of text, and the model agree for every
entity — the record constructor accepts exactly what the write accepts (up to the rules that
need the ledger, e.g. a known region), and both store identical rows."""

from __future__ import annotations

import pyarrow as pa
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ipledger import Ledger
from ipledger.errors import RejectedRowsError, ValidationError
from ipledger.model import ENTITIES
from ipledger.store import HISTORY_COLUMNS
from tests.strategies import cells


def _stored(ledger, entity, key):
    where = " AND ".join(f'"{k}" IS NOT DISTINCT FROM ?' for k in entity.key)
    return ledger.sql(
        f"SELECT * EXCLUDE ({', '.join(HISTORY_COLUMNS[:1] + HISTORY_COLUMNS[2:])})"
        f" FROM {entity.name}_current WHERE {where}",
        list(key),
    ).to_pylist()


@pytest.mark.parametrize("name", list(ENTITIES))
def test_a_record_and_a_row_are_written_alike(name, tmp_path):
    """For arbitrary cells of every column: the model accepts the row and the write of the
    record succeeds exactly when the write of the text row does, and then both ledgers hold
    the same row."""
    entity = ENTITIES[name]
    rows = st.fixed_dictionaries({c.name: cells(c) for c in entity.declared_columns})
    with (
        Ledger.open(tmp_path / "a.duckdb") as by_record,
        Ledger.open(tmp_path / "b.duckdb") as by_table,
    ):

        @settings(max_examples=60, suppress_health_check=[HealthCheck.too_slow])
        @given(row=rows)
        def check(row):
            try:
                record = entity.record_type(**row)
            except ValidationError:
                record = None
            record_ok = record is not None
            if record_ok:
                try:
                    by_record.repository(name).upsert(record)
                except RejectedRowsError:
                    record_ok = False
            table = pa.table({c: pa.array([v], pa.string()) for c, v in row.items()})
            try:
                by_table.repository(name).upsert(table)
                table_ok = True
            except RejectedRowsError as error:
                table_ok = False
                reasons = [str(r) for r in error.rejects]
            assert record_ok == table_ok, (row, record, None if table_ok else reasons)
            if record_ok:
                key = tuple(getattr(record, k) for k in entity.key)
                key = tuple(str(k) if hasattr(k, "value") else k for k in key)
                assert _stored(by_record, entity, key) == _stored(by_table, entity, key)

        check()
