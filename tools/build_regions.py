"""Build ipledger/codes/data/regions.csv, the built-in GB/T 2260 table (run by hand).

    python tools/build_regions.py

Source: python-stdnum's ``stdnum/cn/loc.dat`` (compiled from the Chinese Wikipedia lists of
administrative division codes, with the years each code and name were in use; python-stdnum
2.2), plus the AMENDMENTS below for codes created after that list was compiled. The rules:

- ``XX0000`` is a province-level unit; ``XXYY00`` a prefecture-level city; others counties.
- Pseudo-levels are dropped: ``市辖区`` / ``县`` under the four municipalities and a city, and
  ``省直辖县级行政单位`` (``XX90YY`` counties hang directly under their province).
- Municipalities (北京, 天津, 上海, 重庆) are province-level; their districts are counties whose
  parent is the municipality.
- A code with several names over time (``[-1991]东郊区,[1992-]东丽区``) keeps its last name;
  ``valid_from`` is the first year it was in use (empty: before 1983), ``valid_to`` the year it
  was retired (empty: in use).
"""

from __future__ import annotations

import csv
import re
from pathlib import Path

import stdnum.cn

LOC = Path(stdnum.cn.__file__).parent / "loc.dat"
OUT = Path(__file__).resolve().parents[1] / "ipledger" / "codes" / "data" / "regions.csv"

PSEUDO = {"市辖区", "县", "省直辖县级行政单位", "自治区直辖县级行政单位"}
MUNICIPALITIES = {"11", "12", "31", "50"}

# (code, name, level, parent_code, valid_from, valid_to, successor_code): later changes.
AMENDMENTS: list[tuple[str, str, str, str, int | None, int | None, str | None]] = [
    ("330113", "临平区", "county", "330100", 2021, None, None),
    ("330114", "钱塘区", "county", "330100", 2021, None, None),
]
# Retired code -> the code that took it over (where the source says where it went).
SUCCESSORS = {
    "330103": "330105",  # 下城区 -> 拱墅区 (2021)
    "330104": "330102",  # 江干区 -> 上城区 (2021)
}

_SEGMENT = re.compile(r"(?:\[(\d{4})?-(\d{4})?\])?(.+)")


def _read() -> list[dict[str, object]]:
    rows: list[dict[str, object]] = []
    province = ""
    for line in LOC.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        if not line.startswith(" "):
            province, rest = line.split(" ", 1)
            code, text = province + "0000", rest.split("=", 1)[1].strip('"')
        else:
            suffix, rest = line.strip().split(" ", 1)
            if suffix == "0000":
                continue
            code, text = province + suffix, rest.split("=", 1)[1].strip('"')
        segments = [_SEGMENT.fullmatch(s) for s in text.split(",")]
        assert all(segments), text
        first, last = segments[0], segments[-1]
        assert first is not None
        assert last is not None
        name = last.group(3)
        if name in PSEUDO:
            continue
        rows.append(
            {
                "code": code,
                "name": name,
                "valid_from": int(first.group(1)) if first.group(1) else None,
                "valid_to": int(last.group(2)) if last.group(2) else None,
            }
        )
    return rows


def build() -> list[dict[str, object]]:
    """The table rows, sorted by code."""
    rows = {r["code"]: r for r in _read()}
    for code, name, level, parent, since, until, successor in AMENDMENTS:
        rows[code] = {
            "code": code,
            "name": name,
            "level": level,
            "parent_code": parent,
            "valid_from": since,
            "valid_to": until,
            "successor_code": successor,
        }
    for code, row in rows.items():
        assert isinstance(code, str)
        province = code[:2] + "0000"
        city = code[:4] + "00"
        if code == province:
            level, parent = "province", None
        elif code == city:
            level, parent = "city", province
        else:
            level = "county"
            parent = city if city in rows and code[:2] not in MUNICIPALITIES else province
        row.setdefault("level", level)
        row.setdefault("parent_code", parent)
        row.setdefault("successor_code", SUCCESSORS.get(code))
    return [rows[c] for c in sorted(rows)]


def main() -> None:
    """Write the CSV and print counts per level."""
    rows = build()
    OUT.parent.mkdir(parents=True, exist_ok=True)
    columns = ["code", "name", "level", "parent_code", "valid_from", "valid_to", "successor_code"]
    with OUT.open("w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, columns, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    for level in ("province", "city", "county"):
        now = [r for r in rows if r["level"] == level and r["valid_to"] is None]
        print(f"{level}: {sum(r['level'] == level for r in rows)} codes, {len(now)} in use")


if __name__ == "__main__":
    main()
