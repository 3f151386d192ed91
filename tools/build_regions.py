"""Build ipledger/codes/data/regions.csv, the built-in GB/T 2260 table (by hand, not at install).

    python tools/build_regions.py              # offline, from tools/reference/mca-areacodes/
    python tools/build_regions.py --verbose    # and lists every decision it made

Needs ``pypinyin`` for the English names (``pip install -e ".[tools]"``); nothing else is
downloaded. Sources (``tools/reference/mca-areacodes/``, copied from yescallop/areacodes, CC0):

- ``data/YYYY.txt``: the Ministry of Civil Affairs' list of the codes in use at the end of each
  year 1981-2024 (``代码 名称``). It gives every code, its names and the years of each.
- ``result.csv``: the Ministry's old -> new correspondences (``新代码``) of every code or name that
  changed or was retired. It gives the successors.
- :data:`AFTER_LISTS`, below: the changes after the last list (2025), by hand, each with the
  notice that made it.

Rules:

- ``XX0000`` is a province-level unit, ``XXYY00`` a prefecture-level one (``city``), the rest
  county-level (``county``). The lists have no pseudo-levels (市辖区 ``XXYY01`` / ``110100``,
  县 ``500200``, 省直辖县级行政单位 ``XX9000``), so the table has none either.
- Parents: a city's parent is its province; a county's parent is its ``XXYY00`` city when that
  is in the table, else its province (so 省直辖 counties ``XX90YY`` and the districts of the four
  municipalities hang under the province). In every list 1981-2024 a county's ``XXYY00`` is in
  use exactly when the table has it, so this one parent per code is the list's parent each year.
- One row per code: its last **use**, the years it was in use without a gap. ``valid_from`` is
  the first year of that use (empty when it is in the first list, 1981: before the records
  begin), ``valid_to`` the first year it was no longer in use (empty: in use). A code is in use
  at the end of year Y when ``valid_from <= Y < valid_to``. ``name`` is its last name,
  ``former_names`` the earlier names of the same use with the year each stopped
  (``桥东区:2020``: 桥东区 until the end of 2019).
- Codes used before a gap (an earlier use, all before 2000: 5114xx was 涪陵 1995-1996, then
  眉山 from 2000) keep their last use only. A successor that points at such an earlier use is
  replaced by that use's own successors (512322 垫江县 -> 511421 垫江县 of 涪陵 -> 500231).
- ``successor_codes`` of a retired code: the codes the Ministry names for its area when it was
  retired (``新代码`` without a ``[year]``), each followed through codes retired the same year.
  A prefecture with counties below it has none in the Ministry's data: its successors are the
  prefectures (or the province) of its counties' successors. ``successor_code`` is the one
  successor when there is exactly one, else empty.
"""

from __future__ import annotations

import argparse
import csv
import re
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from region_names_en import english_name

ROOT = Path(__file__).resolve().parents[1]
REFERENCE = ROOT / "tools" / "reference" / "mca-areacodes"
OUT = ROOT / "ipledger" / "codes" / "data" / "regions.csv"
COLUMNS = (
    "code",
    "name",
    "level",
    "parent_code",
    "valid_from",
    "valid_to",
    "successor_code",
    "successor_codes",
    "name_en",
    "former_names",
)


@dataclass(frozen=True)
class Change:
    """A change after the last list: a code retired (with its successors) or a code created."""

    year: int
    notice: str
    retired: dict[str, tuple[str, ...]] = field(default_factory=dict)
    created: dict[str, str] = field(default_factory=dict)


AFTER_LISTS = (
    Change(
        year=2025,
        notice=(
            "重庆市人民政府关于党中央、国务院批准同意调整江北区渝北区北碚区行政区划的公告,"
            " 渝府发〔2025〕15号, 2025-11-07: 撤销江北区、渝北区, 设立两江新区; 原渝北区大湾镇等"
            "5镇划归北碚区"
        ),
        retired={"500105": ("500157",), "500112": ("500157", "500109")},
        created={"500157": "两江新区"},
    ),
)
"""Changes after the last list, by hand, each with its notice (number and date)."""

_NEW_CODES = re.compile(r"(\d{6})(?:\[(\d{4})\])?")


@dataclass
class Spell:
    """One code under one name for consecutive years: in use from ``start`` until ``end``
    (exclusive; None: still in use), with the codes its area went to at ``end``."""

    code: str
    name: str
    start: int
    end: int | None
    successors: tuple[str, ...] = ()


@dataclass
class Row:
    """One row of the table (the CSV's columns, in order)."""

    code: str
    name: str
    level: str
    parent_code: str | None
    valid_from: int | None
    valid_to: int | None
    successor_code: str | None
    successor_codes: tuple[str, ...]
    name_en: str | None
    former_names: tuple[tuple[str, int], ...]

    def in_use(self, year: int) -> bool:
        """In use at the end of ``year``."""
        return (self.valid_from is None or self.valid_from <= year) and (
            self.valid_to is None or year < self.valid_to
        )

    def csv_row(self) -> dict[str, str]:
        """The row as CSV text: lists ';'-joined, former names as ``name:valid_to``."""
        if any(";" in n or ":" in n for n, _ in self.former_names):
            raise SystemExit(f"{self.code}: a former name has ';' or ':' {self.former_names}")
        text = {
            "successor_codes": ";".join(self.successor_codes),
            "former_names": ";".join(f"{name}:{to}" for name, to in self.former_names),
        }
        return {
            c: text.get(c, "" if getattr(self, c) is None else str(getattr(self, c)))
            for c in COLUMNS
        }


def level_of(code: str) -> str:
    """``province`` for XX0000, ``city`` for XXYY00, else ``county``."""
    return "province" if code[2:] == "0000" else "city" if code[4:] == "00" else "county"


def read_lists(reference: Path) -> dict[int, dict[str, str]]:
    """Every year-end list: year -> {code: name}."""
    lists: dict[int, dict[str, str]] = {}
    for path in sorted((reference / "data").glob("[0-9][0-9][0-9][0-9].txt")):
        year, codes = int(path.stem), {}
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip():
                continue
            code, _, name = line.partition(" ")
            if not re.fullmatch(r"\d{6}", code) or not name or code in codes:
                raise SystemExit(f"{path}:{number}: not a new 'code name' line: {line!r}")
            codes[code] = name
        lists[year] = codes
    years = sorted(lists)
    if years != list(range(years[0], years[-1] + 1)):
        raise SystemExit(f"{reference / 'data'}: the years are not consecutive: {years}")
    return lists


def read_correspondences(reference: Path) -> dict[tuple[str, int], tuple[str, ...]]:
    """(code, year its spell ended) -> the codes its area went to that year (``新代码`` without
    a ``[year]``: those are earlier transfers of a part), from result.csv."""
    found: dict[tuple[str, int], tuple[str, ...]] = {}
    path = reference / "result.csv"
    with path.open(encoding="utf-8-sig", newline="") as f:
        for number, row in enumerate(csv.DictReader(f), 2):
            if not row["变更/弃用时间"]:
                continue
            end = int(row["变更/弃用时间"])
            codes: list[str] = []
            for item in filter(None, row["新代码"].split(";")):
                m = _NEW_CODES.fullmatch(item)
                if m is None:
                    raise SystemExit(f"{path}:{number}: 新代码 item {item!r} is not a code")
                if (m[2] is None or int(m[2]) == end) and m[1] not in codes:
                    codes.append(m[1])
            found[(row["代码"], end)] = tuple(codes)
    return found


def spells_of(lists: dict[int, dict[str, str]]) -> dict[str, list[Spell]]:
    """Each code's spells (runs of consecutive years under one name), oldest first."""
    spells: dict[str, list[Spell]] = defaultdict(list)
    last = max(lists)
    for year in sorted(lists):
        for code, name in lists[year].items():
            mine = spells[code]
            if mine and mine[-1].name == name and mine[-1].end == year:
                mine[-1].end = year + 1
            else:
                mine.append(Spell(code, name, year, year + 1))
    for mine in spells.values():
        if mine[-1].end == last + 1:
            mine[-1].end = None
    return spells


def attach_successors(
    spells: dict[str, list[Spell]], correspondences: dict[tuple[str, int], tuple[str, ...]]
) -> None:
    """Give every spell that ended its correspondences; stop if the two files disagree."""
    ended = {(s.code, s.end) for mine in spells.values() for s in mine if s.end is not None}
    # result.csv also ends a spell where only the prefecture above it was renamed (142222
    # 定襄县 of 忻县地区 -> of 忻州地区, 1983): the code itself is the successor.
    unknown = {k for k, codes in correspondences.items() if k not in ended and codes != k[:1]}
    if unknown:
        raise SystemExit(f"result.csv has changes the lists do not show: {sorted(unknown)[:5]}")
    for mine in spells.values():
        for s in mine:
            if s.end is not None:
                s.successors = correspondences.get((s.code, s.end), ())


def apply_after_lists(spells: dict[str, list[Spell]], changes: tuple[Change, ...]) -> None:
    """Apply the hand-written changes after the last list."""
    for change in changes:
        for code, successors in change.retired.items():
            spell = spells[code][-1]
            if spell.end is not None:
                raise SystemExit(f"{code} is already retired, cannot retire it in {change.year}")
            spell.end, spell.successors = change.year, successors
        for code, name in change.created.items():
            if spells.get(code) and spells[code][-1].end is None:
                raise SystemExit(f"{code} is in use, cannot create it in {change.year}")
            spells[code].append(Spell(code, name, change.year, None))


def last_use(mine: list[Spell]) -> tuple[list[Spell], list[Spell]]:
    """(the spells of the code's last use, the spells before its last gap)."""
    for i in range(len(mine) - 1, 0, -1):
        if mine[i].start != mine[i - 1].end:
            return mine[i:], mine[:i]
    return mine, []


def overlap(a: Row, b: Row) -> bool:
    """Whether the two rows were in use in some common year."""
    return (a.valid_to is None or b.valid_from is None or b.valid_from < a.valid_to) and (
        b.valid_to is None or a.valid_from is None or a.valid_from < b.valid_to
    )


class Builder:
    """Turns the spells into rows, resolving successors."""

    def __init__(self, spells: dict[str, list[Spell]], first_year: int) -> None:
        self.notes: list[str] = []
        self.uses: dict[str, list[Spell]] = {}
        self.earlier: dict[str, list[Spell]] = {}
        for code, mine in spells.items():
            self.uses[code], self.earlier[code] = last_use(mine)
            for s in self.earlier[code]:
                self.notes.append(
                    f"earlier use dropped: {code} {s.name} {s.start}-{s.end - 1 if s.end else ''}"
                    f" (the row is {self.uses[code][-1].name} from {self.uses[code][0].start})"
                )
        self.first_year = first_year

    def in_row(self, code: str, year: int) -> bool:
        """Whether the row of ``code`` (its last use) is in use at the end of ``year``."""
        use = self.uses.get(code)
        if not use:
            return False
        end = use[-1].end
        return use[0].start <= year and (end is None or year < end)

    def resolve(self, code: str, year: int, seen: frozenset[str] = frozenset()) -> list[str]:
        """A successor ``code`` named for a change in ``year``, as codes of the table: itself
        when its row is in use at the end of that year; else (an earlier use of the code, or a
        code retired the same year) the successors of the spell that was in use then."""
        if self.in_row(code, year):
            return [code]
        spell = next(
            (
                s
                for s in self.earlier.get(code, []) + self.uses.get(code, [])
                if s.start <= year and s.end is not None and s.end >= year
            ),
            None,
        )
        if spell is None or code in seen or not spell.successors:
            raise SystemExit(f"successor {code} named in {year} is not in use then")
        assert spell.end is not None
        found: list[str] = []
        for successor in spell.successors:
            for c in self.resolve(successor, spell.end, seen | {code}):
                if c not in found:
                    found.append(c)
        self.notes.append(f"successor followed through: {code} ({spell.name}) -> {found}")
        return found

    def rows(self) -> dict[str, Row]:
        """The table: one row per code, successors resolved."""
        rows: dict[str, Row] = {}
        for code, use in self.uses.items():
            start = use[0].start
            rows[code] = Row(
                code=code,
                name=use[-1].name,
                level=level_of(code),
                parent_code=None,
                valid_from=None if start == self.first_year else start,
                valid_to=use[-1].end,
                successor_code=None,
                successor_codes=(),
                name_en=english_name(use[-1].name, level_of(code)),
                former_names=tuple((s.name, s.end) for s in use[:-1] if s.end is not None),
            )
        for code, row in rows.items():
            province, city = code[:2] + "0000", code[:4] + "00"
            if code != province:
                under = code != city and city in rows and overlap(rows[city], row)
                row.parent_code = city if under else province
        for code, row in rows.items():
            if row.valid_to is None:
                continue
            found: list[str] = []
            for successor in self.uses[code][-1].successors:
                for c in self.resolve(successor, row.valid_to):
                    if c not in found:
                        found.append(c)
            row.successor_codes = tuple(found)
        for row in rows.values():
            if row.valid_to is not None and not row.successor_codes and row.level == "city":
                row.successor_codes = self.prefecture_successors(row, rows)
        for row in rows.values():
            if len(row.successor_codes) == 1:
                row.successor_code = row.successor_codes[0]
        return rows

    def prefecture_successors(self, city: Row, rows: dict[str, Row]) -> tuple[str, ...]:
        """The prefectures (or provinces) that the counties of a retired prefecture went to."""
        assert city.valid_to is not None
        year = city.valid_to
        found: list[str] = []
        for county in rows.values():
            if county.parent_code != city.code or not county.in_use(year - 1):
                continue
            if county.in_use(year):
                raise SystemExit(f"{county.code} is in use after its prefecture {city.code}")
            for successor in county.successor_codes:
                up = successor if rows[successor].level != "county" else rows[successor].parent_code
                assert up is not None
                if up not in found:
                    found.append(up)
        self.notes.append(f"prefecture successors: {city.code} {city.name} -> {found}")
        return tuple(sorted(found))


def build(reference: Path = REFERENCE) -> tuple[list[Row], list[str]]:
    """The table rows sorted by code, and notes on what the build decided."""
    lists = read_lists(reference)
    spells = spells_of(lists)
    attach_successors(spells, read_correspondences(reference))
    apply_after_lists(spells, AFTER_LISTS)
    builder = Builder(spells, min(lists))
    rows = builder.rows()
    check(rows)
    notes = [f"after the lists: {c.year}: {c.notice}" for c in AFTER_LISTS] + builder.notes
    return [rows[c] for c in sorted(rows)], notes


def check(rows: dict[str, Row]) -> None:
    """Parents exist; no successor was retired before the code it replaces; since 2000 every
    successor is in use at the end of the year the code was retired (before, a chain through an
    earlier use of a code may end at a code that began a year or two later)."""
    for code, row in rows.items():
        assert row.parent_code is None or row.parent_code in rows, code
        for successor in row.successor_codes:
            after = rows[successor]
            assert row.valid_to is not None, code
            assert after.valid_to is None or after.valid_to > row.valid_to, (code, successor)
            assert row.valid_to < 2000 or after.in_use(row.valid_to), (code, successor)


def summary(rows: list[Row]) -> list[str]:
    """Counts per level: all codes, in use at the end of 2024, in use now."""
    lines = []
    for level in ("province", "city", "county"):
        mine = [r for r in rows if r.level == level]
        at_2024 = sum(r.in_use(2024) for r in mine)
        now = sum(r.valid_to is None for r in mine)
        lines.append(f"{level}: {len(mine)} codes, {at_2024} in use at end-2024, {now} now")
    retired = [r for r in rows if r.valid_to is not None]
    several = sum(len(r.successor_codes) > 1 for r in retired)
    none = sum(not r.successor_codes for r in retired)
    lines.append(f"retired: {len(retired)}; with several successors: {several}; with none: {none}")
    return lines


def write(rows: list[Row], out: Path) -> None:
    """Write the table as UTF-8 CSV with a header, one row per code."""
    out.parent.mkdir(parents=True, exist_ok=True)
    with out.open("w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, COLUMNS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(r.csv_row() for r in rows)


def main() -> None:
    """Build, write, and print what was decided and the counts per level."""
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--reference", type=Path, default=REFERENCE)
    parser.add_argument("--out", type=Path, default=OUT)
    parser.add_argument("--verbose", action="store_true", help="list every decision")
    args = parser.parse_args()
    rows, notes = build(args.reference)
    write(rows, args.out)
    if args.verbose:
        print(*notes, sep="\n")
    print(*summary(rows), sep="\n")
    print(f"wrote {len(rows)} rows to {args.out}")


if __name__ == "__main__":
    main()
