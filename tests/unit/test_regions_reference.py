"""The built-in region table against the Ministry of Civil Affairs' year-end lists (1981-2024)
and correspondences, read here on their own from tools/reference/mca-areacodes/."""

from __future__ import annotations

import csv
import re
import subprocess
import sys
from functools import cache
from pathlib import Path

import pyarrow as pa
import pytest
from hypothesis import given
from hypothesis import strategies as st

from ipledger.codes import builtin_regions, current_codes, region
from ipledger.codes._regions import _read_csv, _split

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tools"))
import build_regions  # noqa: E402  (the build script, to write tables in its format)

REFERENCE = ROOT / "tools" / "reference" / "mca-areacodes"
CODES = builtin_regions().column("code").to_pylist()
ROWS = {code: region(code) for code in CODES}


@cache
def ministry_list(year: int) -> dict[str, str]:
    """The Ministry's list at the end of ``year``: code -> name."""
    text = (REFERENCE / "data" / f"{year}.txt").read_text(encoding="utf-8")
    return dict(line.split(" ", 1) for line in text.splitlines() if line.strip())


@cache
def ministry_successors() -> dict[tuple[str, int], tuple[str, ...]]:
    """(code, year its spell ended) -> the codes named for its area that year (result.csv
    新代码 without a [year]: those are earlier transfers of a part)."""
    found = {}
    with (REFERENCE / "result.csv").open(encoding="utf-8-sig", newline="") as f:
        for row in csv.DictReader(f):
            if row["变更/弃用时间"]:
                end = int(row["变更/弃用时间"])
                named = [
                    m[1]
                    for m in re.finditer(r"(\d{6})(?:\[(\d{4})\])?", row["新代码"])
                    if m[2] is None or int(m[2]) == end
                ]
                found[(row["代码"], end)] = tuple(dict.fromkeys(named))
    return found


def in_use(year: int) -> dict[str, str]:
    """The table's codes in use at the end of ``year`` with their names that year."""
    return {c: r.name_in(year) for c, r in ROWS.items() if r.in_use(year)}


@pytest.mark.parametrize("year", range(2000, 2025))
def test_codes_and_names_equal_the_ministrys_list(year):
    """For every year-end 2000-2024, the codes in use and their names are the Ministry's list."""
    table, listed = in_use(year), ministry_list(year)
    assert sorted(set(table) - set(listed)) == []
    assert sorted(set(listed) - set(table)) == []
    assert {c: n for c, n in table.items() if listed[c] != n} == {}


@pytest.mark.parametrize("year", range(1981, 2000))
def test_before_2000_the_table_claims_nothing_the_list_lacks(year):
    """1981-1999: every code in use per the table is in the list under that name; the list's
    other codes are the earlier uses of codes used again later (one row a code: the last use)."""
    table, listed = in_use(year), ministry_list(year)
    assert {c: n for c, n in table.items() if listed.get(c) != n} == {}
    for code in set(listed) - set(table):
        assert ROWS[code].valid_from is not None and ROWS[code].valid_from > year, code


def test_codes_ever_listed_are_the_table():
    """The table has every code of every list and no other (plus the 2025 additions)."""
    listed = {c for year in range(1981, 2025) for c in ministry_list(year)}
    assert set(CODES) - listed == {"500157"}
    assert listed - set(CODES) == set()


def test_county_successors_are_the_ministrys():
    """Every county-level code retired 2000-2024 has exactly the successors the Ministry names
    for it, in its order (a prefecture only where the Ministry names one)."""
    named = ministry_successors()
    retired = [r for r in ROWS.values() if r.valid_to and 2000 <= r.valid_to <= 2024]
    counties = [r for r in retired if r.level == "county"]
    assert len(counties) > 800
    for r in counties:
        assert r.successor_codes == named[(r.code, r.valid_to)], r


def test_prefecture_successors_are_those_of_their_counties():
    """A retired prefecture with counties has no successor in the Ministry's data: its
    successors are the prefectures (or the province) its counties' successors are in."""
    for r in ROWS.values():
        if r.level != "city" or r.valid_to is None or r.valid_to < 2000:
            continue
        counties = [
            c for c in ROWS.values() if c.parent_code == r.code and c.in_use(r.valid_to - 1)
        ]
        if not counties:
            assert r.successor_codes == named_or_fail(r), r
            continue
        expected = {
            s if ROWS[s].level != "county" else ROWS[s].parent_code
            for c in counties
            for s in c.successor_codes
        }
        assert r.successor_codes == tuple(sorted(expected)), r


def named_or_fail(r):
    """The Ministry's successors of ``r``'s last spell."""
    return ministry_successors()[(r.code, r.valid_to)]


def test_laiwu_and_chaohu():
    """莱芜市 (2019 into 济南) -> 济南市; 巢湖市 (split 2011) -> 合肥, 芜湖, 马鞍山."""
    assert region("371200").successor_codes == ("370100",)
    assert region("341400").successor_codes == ("340100", "340200", "340500")


@pytest.mark.parametrize("code", ["232761", "232762", "232763", "232764", "632858", "632859"])
def test_codes_no_list_has_are_not_in_the_table(code):
    """加格达奇区 etc. (232761-232764) and the 冷湖 / 茫崖 administrative committees
    (632858, 632859) are in no list of the Ministry: the old table counted them as counties."""
    assert code not in ROWS


def test_named_years():
    """漠河市 from 2018 (漠河县 before), 白杨市 from 2023, 崇川区 / 港闸区 retired in 2020."""
    assert (region("232701").valid_from, region("232723").valid_to) == (2018, 2018)
    assert region("232723").successor_codes == ("232701",)
    assert region("659012").valid_from == 2023
    for code in ("320602", "320611"):
        assert (region(code).valid_to, region(code).successor_codes) == (2020, ("320613",))
    assert region("320611").name_in(1990) == "郊区"


def test_lishui_prefecture():
    """3325xx were the counties of 丽水地区 (332500) until 1999, then 3311xx of 丽水市."""
    lishui = region("332500")
    assert (lishui.name, lishui.valid_from, lishui.valid_to) == ("丽水地区", None, 2000)
    assert lishui.successor_codes == ("331100",)
    counties = [r for c, r in ROWS.items() if c.startswith("3325") and c != "332500"]
    assert len(counties) >= 9
    for r in counties:
        assert r.parent_code == "332500" and r.valid_to is not None and r.valid_to <= 2000, r
        assert all(
            ministry_list(y)[r.code] == r.name_in(y) for y in range(1981, 2000) if r.in_use(y)
        )


def test_named_successors():
    """湾里区 -> 新建区 (2019), 大同 矿区 -> 云冈区 (2018), as the Ministry says."""
    assert region("360105").successor_codes == ("360112",)
    assert region("140203").successor_codes == ("140214",)
    assert current_codes("140203") == ("140214",)


def test_renamed_codes_keep_their_former_names():
    """A code renamed in place keeps its earlier names with the year each ended."""
    assert region("130502").former_names == (("桥东区", 2020),)
    assert region("130502").name_in(2019) == "桥东区"
    assert region("130502").name_in(2020) == region("130502").name == "襄都区"


ENGLISH = {
    "440700": "Jiangmen",
    "440000": "Guangdong",
    "150000": "Inner Mongolia",
    "440703": "Pengjiang District",
    "500000": "Chongqing",
    "350200": "Xiamen",
    "340300": "Bengbu",
    "341500": "Lu'an",
    "430100": "Changsha",
    "610000": "Shaanxi",
    "140000": "Shanxi",
    "810000": "Hong Kong",
    "450000": "Guangxi",
    "130321": "Qinglong Manchu Autonomous County",
    "532600": "Wenshan Zhuang and Miao Autonomous Prefecture",
    "150521": "Ke'erqin Left Middle Banner",
    "152900": "Alxa League",
    "542500": "Ngari Prefecture",
    "130426": "She County",
    "140303": "Kuang District",
    "130107": "Jingxing Mining District",
    "141000": "Linfen",
    "140400": "Changzhi",
    "140428": "Zhangzi County",
    "130225": "Laoting County",
    "330382": "Yueqing",
    "371722": "Shan County",
    "522701": "Duyun",
    "141024": "Hongtong County",
    "141100": "Lüliang",
    "230100": "Harbin",
}


@pytest.mark.parametrize("code", sorted(ENGLISH))
def test_english_names(code):
    """English names: pinyin of the place name (place-name readings of polyphonic characters),
    the type word in English except for 市 and provinces, and the official exceptions."""
    assert region(code).name_en == ENGLISH[code]


def test_every_code_has_an_english_name():
    """Every code has an English name of Latin letters (ü, apostrophes, spaces, commas)."""
    for r in ROWS.values():
        assert r.name_en and re.fullmatch(r"[A-Z][A-Za-zü' ,]*", r.name_en), r


def test_the_shipped_table_is_what_the_script_builds(tmp_path):
    """tools/build_regions.py, run offline on the copied reference files, writes exactly the
    shipped regions.csv (so the table, its sources and its rules never drift apart)."""
    out = tmp_path / "regions.csv"
    subprocess.run(
        [sys.executable, str(ROOT / "tools" / "build_regions.py"), "--out", str(out)],
        check=True,
        capture_output=True,
    )
    shipped = ROOT / "ipledger" / "codes" / "data" / "regions.csv"
    assert out.read_bytes() == shipped.read_bytes()


_ITEM = st.text(st.characters(exclude_characters=";", exclude_categories=["Cs"]), min_size=1)


@given(st.lists(st.one_of(st.none(), st.lists(_ITEM, max_size=4))))
def test_split_reads_joined_lists_back(lists):
    """The CSV's ';'-joined lists (successor_codes, former_names) read back as the lists they
    were, an empty or NULL field as an empty list."""
    text = pa.array([None if items is None else ";".join(items) for items in lists], pa.string())
    assert _split(text, ";").to_pylist() == [items or [] for items in lists]


_CODE = st.from_regex(r"[0-9]{6}", fullmatch=True)
_NAME = st.text(st.characters(min_codepoint=0x4E00, max_codepoint=0x9FFF), min_size=1, max_size=8)
_YEAR = st.integers(1981, 2030)


@st.composite
def table_rows(draw):
    """Rows as the build script makes them, with random lists."""
    successors = tuple(draw(st.lists(_CODE, max_size=3, unique=True)))
    return build_regions.Row(
        code=draw(_CODE),
        name=draw(_NAME),
        level=draw(st.sampled_from(["province", "city", "county"])),
        parent_code=draw(st.none() | _CODE),
        valid_from=draw(st.none() | _YEAR),
        valid_to=draw(st.none() | _YEAR),
        successor_code=successors[0] if len(successors) == 1 else None,
        successor_codes=successors,
        name_en=draw(st.none() | st.from_regex(r"[A-Z][a-z]{1,8}( District)?", fullmatch=True)),
        former_names=tuple(draw(st.lists(st.tuples(_NAME, _YEAR), max_size=3))),
    )


@given(st.lists(table_rows(), min_size=1, max_size=5))
def test_csv_written_by_the_script_reads_back(tmp_path_factory, rows):
    """What the build script writes, ipledger reads back as the same rows (lists, former names
    and empty fields included): the two ends of the CSV format agree."""
    path = tmp_path_factory.mktemp("csv") / "regions.csv"
    build_regions.write(rows, path)
    with path.open("rb") as f:
        table = _read_csv(f)
    expected = [
        {
            **{c: getattr(r, c) for c in build_regions.COLUMNS},
            "successor_codes": list(r.successor_codes),
            "former_names": [{"name": n, "valid_to": y} for n, y in r.former_names],
        }
        for r in rows
    ]
    assert table.to_pylist() == expected
