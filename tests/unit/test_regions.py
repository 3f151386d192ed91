"""The built-in GB/T 2260 table (ipledger/codes/data/regions.csv) and the look-ups in it."""

from __future__ import annotations

import subprocess
import sys
from collections import Counter

import duckdb
import pytest
from hypothesis import given
from hypothesis import strategies as st

from ipledger.codes._regions import (
    HK_MACAO_TAIWAN,
    MUNICIPALITIES,
    REGION_CODE_SQL,
    REGION_SCHEMA,
    RegionInfo,
    ancestors,
    builtin_regions,
    current_code,
    is_region_code_format,
    parse_region_code,
    region,
)
from ipledger.codes._text import strip_blanks
from ipledger.errors import NotFoundError, ValidationError

ROWS = [RegionInfo(**row) for row in builtin_regions().to_pylist()]
BY_CODE = {r.code: r for r in ROWS}
KNOWN = sorted(BY_CODE)

DEMO = {  # code: (name, level, parent)
    "440000": ("广东省", "province", None),
    "410000": ("河南省", "province", None),
    "510000": ("四川省", "province", None),
    "330000": ("浙江省", "province", None),
    "440700": ("江门市", "city", "440000"),
    "441900": ("东莞市", "city", "440000"),
    "410700": ("新乡市", "city", "410000"),
    "512000": ("资阳市", "city", "510000"),
    "330700": ("金华市", "city", "330000"),
}


def _in_use(year: int, level: str) -> list[RegionInfo]:
    return [r for r in ROWS if r.level == level and r.in_use(year)]


@pytest.fixture(scope="module")
def con():
    c = duckdb.connect()
    c.execute(REGION_CODE_SQL)
    yield c
    c.close()


def test_table_has_the_declared_columns_and_types():
    """The Arrow table has exactly REGION_SCHEMA, codes as strings and years as int32."""
    table = builtin_regions()
    assert table.schema == REGION_SCHEMA
    assert table.num_rows == len(ROWS) > 6000


def test_table_is_read_once():
    """builtin_regions() reads the CSV once per process and returns the same table."""
    assert builtin_regions() is builtin_regions()


def test_importing_reads_nothing():
    """Importing the module does not read the CSV (the cache is empty until first use)."""
    code = "import ipledger.codes._regions as r; print(r.builtin_regions.cache_info().currsize)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "0"


def test_codes_are_unique_six_digit_strings():
    """Every code appears once and is six ASCII digits; names and levels are never blank."""
    assert len(KNOWN) == len(ROWS)
    assert all(is_region_code_format(r.code) for r in ROWS)
    assert all(r.name.strip() for r in ROWS)
    assert {r.level for r in ROWS} == {"province", "city", "county"}


def test_levels_follow_the_code_and_parents_exist():
    """Provinces are XX0000 without parent; cities XXYY00 under their province; counties under
    their XXYY00 city, or under their province when there is no such city."""
    for r in ROWS:
        province, city = r.code[:2] + "0000", r.code[:4] + "00"
        if r.level == "province":
            assert r.code == province and r.parent_code is None, r
        elif r.level == "city":
            assert r.code == city != province and r.parent_code == province, r
        else:
            assert r.code != city, r
            assert r.parent_code == (city if city in BY_CODE else province), r
        assert r.parent_code is None or r.parent_code in BY_CODE, r


def test_years_are_ordered():
    """valid_from is never after valid_to, and years are plausible."""
    for r in ROWS:
        assert r.valid_from is None or 1949 <= r.valid_from <= 2030, r
        assert r.valid_to is None or 1949 <= r.valid_to <= 2030, r
        if r.valid_from is not None and r.valid_to is not None:
            assert r.valid_from <= r.valid_to, r


def test_counts_at_end_of_2023():
    """At the end of 2023: 31 provinces plus Taiwan, Hong Kong and Macao, about 333
    prefecture-level units and 2,800+ county-level units."""
    provinces = {r.code for r in _in_use(2023, "province")}
    assert len(provinces - HK_MACAO_TAIWAN) == 31
    assert provinces >= HK_MACAO_TAIWAN
    assert provinces >= MUNICIPALITIES
    assert 330 <= len(_in_use(2023, "city")) <= 336
    assert 2800 <= len(_in_use(2023, "county")) <= 2900


def test_hk_macao_taiwan_have_nothing_below_them():
    """710000, 810000 and 820000 are province rows with no city or county under them."""
    assert not [r for r in ROWS if r.code[:2] in {"71", "81", "82"} and r.level != "province"]


@pytest.mark.parametrize("code", sorted(DEMO))
def test_demo_regions_present(code):
    """The demo's cities and provinces are in use now with the right names and parents."""
    name, level, parent = DEMO[code]
    info = region(code, year=2025)
    assert (info.name, info.level, info.parent_code) == (name, level, parent)
    assert info.valid_to is None


def test_dongguan_is_a_city_without_counties():
    """东莞市 (441900) and 中山市 (442000) are prefecture-level cities with no county below."""
    for city in ("441900", "442000"):
        assert region(city).level == "city"
        assert not [r for r in ROWS if r.parent_code == city]


def test_municipalities_are_provinces_over_their_districts():
    """Districts and counties of the municipalities hang directly under the municipality;
    the 市辖区 / 县 pseudo-levels (110100, 500200) are not in the table."""
    assert ancestors("110105") == ("110000",)
    assert ancestors("500229") == ("500000",)  # 城口县, once under the 县 group 500200
    assert not [c for c in ("110100", "120100", "310100", "500100", "500200") if c in BY_CODE]
    assert not [r for r in ROWS if r.code[:2] in {"11", "12", "31", "50"} and r.level == "city"]


def test_counties_under_a_province_directly():
    """省直辖县级 units (429004 仙桃市, 419001 济源市) have the province as parent."""
    assert region("429004").name == "仙桃市"
    assert ancestors("429004") == ("420000",)
    assert ancestors("419001") == ("410000",)
    assert "429000" not in BY_CODE


def test_ancestors_of_a_county():
    """A county's ancestors are its city, then its province; a province has none."""
    assert ancestors("440703") == ("440700", "440000")
    assert ancestors("440000") == ()


def test_successors_are_in_use_when_they_take_over():
    """Only retired codes have successors, each in the table and in use at the end of the
    year the old code was retired (or the next: sources date some pairs a year apart)."""
    for r in ROWS:
        if r.successor_code is None:
            continue
        assert r.valid_to is not None, r
        after = BY_CODE[r.successor_code]
        assert after.in_use(r.valid_to) or after.in_use(r.valid_to + 1), (r, after)


def test_successor_chains_end_without_cycles():
    """Following successors from any code ends, at a code in use now or at a retired code
    whose successor is not known; current_code returns that end."""
    for r in ROWS:
        seen, code = {r.code}, r.code
        while BY_CODE[code].successor_code is not None:
            code = BY_CODE[code].successor_code
            assert code not in seen, r
            seen.add(code)
        assert current_code(r.code) == code
        end = BY_CODE[code]
        assert end.valid_to is None or end.successor_code is None


def test_recent_retirements_map_to_codes_in_use():
    """Codes retired since 2005 whose successor is known all lead to a code in use now."""
    for r in ROWS:
        if r.successor_code is not None and r.valid_to is not None and r.valid_to >= 2005:
            assert BY_CODE[current_code(r.code)].valid_to is None, r


def test_hangzhou_2021():
    """Hangzhou 2021: 江干区 -> 上城区, 下城区 -> 拱墅区; 临平区 and 钱塘区 are new."""
    assert (region("330104").name, region("330104").valid_to) == ("江干区", 2021)
    assert current_code("330104") == "330102"
    assert current_code("330103") == "330105"
    assert region("330104").in_use(2020) and not region("330104").in_use(2021)
    for code, name in (("330113", "临平区"), ("330114", "钱塘区")):
        info = region(code, year=2021)
        assert (info.name, info.valid_from, info.parent_code) == (name, 2021, "330100")


def test_chained_successors():
    """A code retired twice reaches today's code: 余杭县 -> 余杭市 -> 余杭区."""
    assert current_code("330125") == "330110"
    assert region("330110").name == "余杭区"


def test_region_by_year():
    """region(code, year=) finds codes in use that year only; unknown codes are NotFoundError."""
    assert region("330104", year=2020).name == "江干区"
    with pytest.raises(NotFoundError):
        region("330104", year=2021)
    with pytest.raises(NotFoundError):
        region("330113", year=2020)
    with pytest.raises(NotFoundError):
        region("999999")
    with pytest.raises(NotFoundError):
        current_code("999999")


def test_parse_region_code_returns_retired_codes_unmapped():
    """parse_region_code accepts a retired code and returns it as given, not its successor."""
    assert parse_region_code("330104") == "330104"
    assert parse_region_code("４４０７００ ") == "440700"


@given(st.sampled_from(KNOWN))
def test_parse_region_code_accepts_known_codes(code):
    """Every code of the table, at any year, parses to itself."""
    assert parse_region_code(code) == code


@given(st.from_regex(r"[0-9]{6}", fullmatch=True))
def test_parse_region_code_six_digits(code):
    """Six digits parse exactly when the code is known; otherwise 'unknown region code'."""
    if code in BY_CODE:
        assert parse_region_code(code) == code
    else:
        with pytest.raises(ValidationError) as info:
            parse_region_code(code)
        assert info.value.reason == "unknown region code"


@given(st.text(max_size=10))
def test_parse_region_code_rejects_everything_else(text):
    """Any text that is not (after cleaning) six digits of a known code is a ValidationError
    with one of the two reasons."""
    clean = strip_blanks(text)
    if is_region_code_format(clean) and clean in BY_CODE:
        assert parse_region_code(text) == clean
        return
    with pytest.raises(ValidationError) as info:
        parse_region_code(text)
    expected = (
        "unknown region code" if is_region_code_format(clean) else "not a 6-digit region code"
    )
    assert info.value.reason == expected
    assert info.value.value == text


@given(st.one_of(st.text(max_size=10), st.from_regex(r"\s*[0-9]{6}\s*", fullmatch=True)))
def test_sql_format_check_agrees_with_scalar(con, text):
    """ipl_region_code / ipl_region_code_error agree with the scalar format check (blank text
    is unknown in SQL: no value, no error)."""
    value, error = con.execute(
        "SELECT ipl_region_code($1), ipl_region_code_error($1)", [text]
    ).fetchone()
    clean = strip_blanks(text)
    if clean == "":
        assert (value, error) == (None, None)
    elif is_region_code_format(clean):
        assert (value, error) == (clean, None)
    else:
        assert (value, error) == (None, "not a 6-digit region code")


def test_every_province_has_units_below_it_in_every_year():
    """From 2000 on, each of the 31 provinces has cities or counties in use in every year."""
    for year in range(2000, 2026):
        per_province = Counter(r.code[:2] for r in ROWS if r.in_use(year) and r.level != "province")
        assert all(n > 0 for code, n in per_province.items() if code not in {"71", "81", "82"})
        assert len(per_province) == 31
