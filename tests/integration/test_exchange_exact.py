"""Export -> import is exact for every value the model accepts.

"Exact" is read against the model: a record holds what its constructor made of the values given
(text trimmed of blanks at both ends, full-width and ideographic spaces included; list items
half-width and trimmed; a list item cannot hold a separator ``; ； 、``; numbers, codes and
dates canonical). Every such record, written to a ledger, exported (CSV with or without the
formula guard, or Parquet) and imported into a new ledger, comes back field for field equal:
inner spaces, full-width spaces, line breaks, quotes, commas, a leading ``= + - @`` or
apostrophe, control characters and all.
"""

from __future__ import annotations

import contextlib

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ipledger import Ledger
from ipledger.errors import RejectedRowsError, ValidationError
from ipledger.model import ENTITIES
from tests.fixtures_io import current
from tests.strategies import cells

ANY_TEXT = st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=12)
"""Any text at all (no lone surrogates: they are not text a file can hold)."""
SPACED = st.tuples(
    st.sampled_from(["", " ", "\u3000", "\t", "=", " @", "'", "-", "+1"]),
    ANY_TEXT,
    st.sampled_from(["", "\u3000\u3000", " a\u3000b ", "=x", "'"]),
).map(lambda t: t[0] + t[1] + t[2])


def column_values(column):
    """Values a record may be given for ``column``: the exchange forms, and for text any text."""
    if column.rule == "text":
        return SPACED | cells(column)
    return cells(column)


def accepted_records(entity):
    """Records of ``entity`` the model accepts (distinct keys)."""
    rows = st.lists(
        st.fixed_dictionaries({c.name: column_values(c) for c in entity.declared_columns}),
        max_size=4,
    )

    def made(batch):
        records = {}
        for row in batch:
            with contextlib.suppress(ValidationError):
                record = entity.record_type(**row)
                records[tuple(getattr(record, k) for k in entity.key)] = record
        return list(records.values())

    return rows.map(made)


DATASETS = st.fixed_dictionaries({name: accepted_records(e) for name, e in ENTITIES.items()})


def _write(ledger, name, records):
    """Write what the ledger accepts of ``records`` (rules needing the ledger, such as a known
    region, drop some)."""
    repository = ledger.repository(name)
    while records:
        try:
            repository.upsert(records)
            return
        except RejectedRowsError as error:
            bad = {r.line for r in error.rejects}
            records = [r for i, r in enumerate(records) if i not in bad]


MODES = {
    "csv": {"format": "csv"},
    "csv-raw": {"format": "csv", "formula_guard": False},
    "parquet": {"format": "parquet"},
}


@pytest.mark.parametrize("mode", list(MODES))
def test_every_accepted_record_comes_back_exactly(tmp_path_factory, mode):
    @settings(
        max_examples=12, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large]
    )
    @given(dataset=DATASETS)
    def check(dataset):
        folder = tmp_path_factory.mktemp("exact")
        with Ledger.open(folder / "a.duckdb") as original:
            for name, records in dataset.items():
                _write(original, name, records)
            original.export_dataset(folder / "out", **MODES[mode])
            with Ledger.open(folder / "b.duckdb") as copy:
                result = copy.import_dataset(folder / "out")
                assert result.ok, [str(r) for r in result.rejects]
                for name in ENTITIES:
                    assert current(copy, name) == current(original, name), name

    check()
