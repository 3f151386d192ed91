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
    current_codes,
    is_region_code_format,
    parse_region_code,
    region,
)
from ipledger.codes._text import strip_blanks
from ipledger.errors import NotFoundError, ValidationError

ROWS = [region(code) for code in builtin_regions().column("code").to_pylist()]
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
    their XXYY00 city, or under their province when there is no such city in use in their
    years (5114xx of 涪陵 1995-1996: 511400 is 眉山 from 2000). A parent is in use whenever its
    child is."""
    for r in ROWS:
        province, city = r.code[:2] + "0000", r.code[:4] + "00"
        if r.level == "province":
            assert r.code == province and r.parent_code is None, r
        elif r.level == "city":
            assert r.code == city != province and r.parent_code == province, r
        else:
            assert r.code != city, r
            years = [y for y in range(1981, 2026) if r.in_use(y)]
            under = city in BY_CODE and any(BY_CODE[city].in_use(y) for y in years)
            assert r.parent_code == (city if under else province), r
        assert r.parent_code is None or r.parent_code in BY_CODE, r
        if r.parent_code is not None:
            parent = BY_CODE[r.parent_code]
            assert all(parent.in_use(y) for y in range(1981, 2026) if r.in_use(y)), r


def test_years_are_ordered():
    """valid_from is never after valid_to, and years are plausible."""
    for r in ROWS:
        assert r.valid_from is None or 1949 <= r.valid_from <= 2030, r
        assert r.valid_to is None or 1949 <= r.valid_to <= 2030, r
        if r.valid_from is not None and r.valid_to is not None:
            assert r.valid_from <= r.valid_to, r


def test_counts_at_end_of_2023():
    """At the end of 2023 (the Ministry's list): 31 provinces plus Taiwan, Hong Kong and Macao,
    333 prefecture-level units and 2,844 county-level units (the old table had 2,848: it
    counted 232761-232764, which no list has)."""
    provinces = {r.code for r in _in_use(2023, "province")}
    assert len(provinces - HK_MACAO_TAIWAN) == 31
    assert provinces >= HK_MACAO_TAIWAN
    assert provinces >= MUNICIPALITIES
    assert len(_in_use(2023, "city")) == 333
    assert len(_in_use(2023, "county")) == 2844


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
    """Only retired codes have successors, each in the table and not retired before the code it
    replaces; since 2000 each is in use at the end of the year the old code was retired.
    successor_code is the successor exactly when there is one."""
    for r in ROWS:
        assert r.successor_code == (r.successor_codes[0] if len(r.successor_codes) == 1 else None)
        if not r.successor_codes:
            assert r.valid_to is None, r
            continue
        assert r.valid_to is not None, r
        assert len(set(r.successor_codes)) == len(r.successor_codes), r
        for code in r.successor_codes:
            after = BY_CODE[code]
            assert after.valid_to is None or after.valid_to > r.valid_to, (r, after)
            assert r.valid_to < 2000 or after.in_use(r.valid_to), (r, after)


def test_every_retired_code_has_a_successor():
    """The Ministry names where every retired code's area went (the old table had none for 34
    codes retired since 2000)."""
    assert not [r for r in ROWS if r.valid_to is not None and not r.successor_codes]


def test_current_codes_end_in_use():
    """Following successors from any code ends, without cycles, at codes in use now (every
    retired code has successors); current_code is the one of them or a ValidationError naming
    them all."""
    for r in ROWS:
        ends = current_codes(r.code)
        assert ends == tuple(sorted(set(ends))) and ends, r
        assert all(BY_CODE[c].valid_to is None for c in ends), (r, ends)
        if r.valid_to is None:
            assert ends == (r.code,)
        if len(ends) == 1:
            assert current_code(r.code) == ends[0]
        else:
            with pytest.raises(ValidationError) as info:
                current_code(r.code)
            assert info.value.value == r.code
            assert all(f"{c} {BY_CODE[c].name}" in info.value.reason for c in ends)


def test_current_codes_follow_the_successors():
    """current_codes is the union of current_codes of the successors (a split code is now in
    every region its parts went to)."""
    for r in ROWS:
        if r.successor_codes:
            union = sorted({c for s in r.successor_codes for c in current_codes(s)})
            assert current_codes(r.code) == tuple(union), r


def test_hangzhou_2021():
    """Hangzhou 2021: 江干区 went to 上城区 and the new 钱塘区 (the old table gave 上城区 only),
    下城区 to 拱墅区; 临平区 and 钱塘区 are new."""
    assert (region("330104").name, region("330104").valid_to) == ("江干区", 2021)
    assert current_codes("330104") == ("330102", "330114")
    with pytest.raises(ValidationError, match="330102 上城区, 330114 钱塘区"):
        current_code("330104")
    assert region("330104").successor_code is None
    assert current_code("330103") == "330105"
    assert region("330104").in_use(2020) and not region("330104").in_use(2021)
    for code, name in (("330113", "临平区"), ("330114", "钱塘区")):
        info = region(code, year=2021)
        assert (info.name, info.valid_from, info.parent_code) == (name, 2021, "330100")


def test_chained_successors():
    """A code retired twice reaches today's code: 余杭县 -> 余杭市 -> 余杭区."""
    assert region("330125").successor_code == "330184"
    assert current_code("330125") == "330110"
    assert region("330110").name == "余杭区"


def test_chongqing_2025():
    """2025 (after the last list, by hand): 江北区 and 渝北区 retired for 两江新区; part of
    渝北区 went to 北碚区."""
    assert region("500157", year=2025).name == "两江新区"
    assert not region("500157").in_use(2024)
    assert (region("500105").valid_to, region("500105").successor_codes) == (2025, ("500157",))
    assert region("500112").successor_codes == ("500157", "500109")
    assert current_codes("500112") == ("500109", "500157")


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
