"""An entity of an agency's own, added with a record class, an Entity and a migration only
(docs/extending.md): it imports, exports, is queryable with its own rules and is checked."""

from __future__ import annotations

import datetime as dt

import attrs
import pytest

from ipledger import Ledger
from ipledger.errors import RejectedRowsError
from ipledger.model import DOMAIN, Entity, Lifecycle, column
from ipledger.model._lifecycle import End
from ipledger.stats import run_checks


@attrs.frozen(kw_only=True)
class Seminar:
    """An IP training seminar the bureau held (知识产权培训)."""

    seminar_no: str = column("text", "编号")
    held_date: dt.date = column("date", "举办日期")
    closed_date: dt.date | None = column(
        "date", "结束日期", default=None, not_before=("held_date",)
    )
    region_code: str | None = column("region", "行政区划代码", default=None)
    organiser_id: str | None = column("party_ref", "主办单位代码", default=None)
    attendees: int | None = column("int", "参加人数", default=None, bounds=(0, 100_000))
    topics: tuple[str, ...] = column("list", "主题")


SEMINARS = Entity(
    name="seminars",
    record_type=Seminar,
    key=("seminar_no",),
    label="seminar",
    label_zh="培训",
    lifecycle=Lifecycle(
        state="in_force", start="held_date", ends=(End("closed_date", inclusive=True),)
    ),
    file_names=("培训",),
    dated_by="held_date",
)

MIGRATION = """
CREATE TABLE seminars (
    seminar_no      VARCHAR NOT NULL,
    held_date       DATE NOT NULL,
    closed_date     DATE,
    region_code     VARCHAR,
    organiser_id    VARCHAR,
    attendees       BIGINT,
    topics          VARCHAR[] NOT NULL DEFAULT [],
    recorded_at     TIMESTAMP NOT NULL,
    superseded_at   TIMESTAMP,
    source          VARCHAR
);
"""

TOY = DOMAIN.extend("toy", entities=[SEMINARS], migrations=[MIGRATION])


@pytest.fixture
def toy(tmp_path):
    """A ledger file opened with the toy domain."""
    with Ledger.open(tmp_path / "toy.duckdb", domain=TOY) as ledger:
        yield ledger


def test_import_query_export_and_check(toy, tmp_path):
    """A Chinese-named CSV imports with the declared rules; the query API, the lifecycle,
    export and the region checks all work from the declaration."""
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "培训2023.csv").write_text(
        "编号,举办日期,结束日期,行政区划代码,主办单位代码,参加人数,主题\n"
        'S1,2023年5月6日,2023-05-07,440703,91440700ma4un9wj3t,"1,200",质押；保险\n'
        "S2,2023/6/1,,999999,,,\n",
        encoding="utf-8",
    )
    result = toy.import_dataset(folder, keep_going=True)
    assert [(r.line, r.column) for r in result.rejects] == [(3, "region_code")]
    seminars = toy.repository("seminars")
    s1 = seminars.get(" S1 ")
    assert s1 == Seminar(
        seminar_no="S1",
        held_date=dt.date(2023, 5, 6),
        closed_date=dt.date(2023, 5, 7),
        region_code="440703",
        organiser_id="91440700MA4UN9WJ3T",
        attendees=1200,
        topics=("质押", "保险"),
    )
    assert seminars.find().in_force(dt.date(2023, 5, 7)).count() == 1
    assert seminars.find().in_force(dt.date(2023, 5, 8)).count() == 0
    assert seminars.find(topics="保险").in_region("440700").count() == 1
    exported = toy.export_dataset(tmp_path / "out")
    assert [f.entity for f in exported.files] == ["seminars"]
    assert (
        (tmp_path / "out" / "seminars.csv")
        .read_text(encoding="utf-8")
        .startswith("seminar_no,held_date,closed_date,region_code,organiser_id,attendees,topics\n")
    )
    seminars.upsert(
        Seminar(seminar_no="S3", held_date=dt.date(2023, 1, 1)),
    )
    findings = [f for f in run_checks(toy) if f.entity == "seminars"]
    assert [(f.check, f.key) for f in findings] == [("no_region", "(none)")]


def test_the_model_and_the_import_share_the_rules(toy):
    """A record breaking a declared rule is refused by the constructor; the same row as a
    table is refused by the write, with the same column named."""
    with pytest.raises(ValueError, match="closed_date: '2023-01-01': is before held_date"):
        Seminar(seminar_no="S", held_date="2023-02-01", closed_date="2023-01-01")
    import pyarrow as pa

    with pytest.raises(RejectedRowsError) as rejected:
        toy.repository("seminars").upsert(
            pa.table(
                {"seminar_no": ["S"], "held_date": ["2023-02-01"], "closed_date": ["2023-01-01"]}
            )
        )
    (reject,) = rejected.value.rejects
    assert (reject.column, reject.reason) == ("closed_date", "is before held_date 2023-02-01")


def test_reopened_file_keeps_the_extension(tmp_path):
    """The extension's migration runs once; reopening applies nothing again, and a ledger
    opened without the extension still opens (its table is simply not used)."""
    path = tmp_path / "toy.duckdb"
    with Ledger.open(path, domain=TOY) as ledger:
        ledger.repository("seminars").upsert(Seminar(seminar_no="S1", held_date="2023-01-01"))
    with Ledger.open(path, domain=TOY) as ledger:
        assert ledger.repository("seminars").count() == 1
    with Ledger.open(path) as ledger:
        assert "seminars" not in ledger.domain.entities
    with Ledger.open(path, read_only=True, domain=TOY) as ledger:
        assert ledger.repository("seminars").count() == 1
