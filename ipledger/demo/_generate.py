"""Columnar generation of the demo ledger: numpy arrays per city, exact where figures are pinned.

Everything is drawn from one seeded ``numpy.random.Generator``, city by city in a fixed order,
so the same seed gives the same ledger. Loops run over cities, years and entities, never over
rows.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Mapping
from typing import Any

import attrs
import numpy as np
import numpy.typing as npt
import pyarrow as pa

from ipledger.codes import builtin_regions
from ipledger.demo._cities import BIG_PLEDGE_CITIES, SEED_CITIES, YEARS, CitySpec, Pin
from ipledger.demo._numbers import (
    IntArray,
    credit_codes,
    day,
    exact_amounts,
    patent_numbers,
    random_days,
)

__all__ = ["DemoData", "generate"]

D = dt.date
NONE = -(10**6)  # "no date" in day-number arrays
DEMO_PROVINCES = ("440000", "410000", "510000", "330000")
HV_SAFE_FILING = day(D(2016, 1, 1))  # inventions filed earlier lapse before their 10th year
MOVED_INTO_XINXIANG = 2500  # marks assigned to 新乡 holders in 2024: valid marks grew more than
# registrations (+12,699 valid, 10,430 registered), so marks moved in from other cities


@attrs.define
class DemoData:
    """The generated tables, as lists of Arrow tables per entity and recording moment."""

    batches: dict[str, list[tuple[dt.datetime, pa.Table]]] = attrs.field(
        factory=lambda: defaultdict(list)
    )

    def add(self, entity: str, recorded_at: dt.datetime, table: pa.Table) -> None:
        """Queue ``table`` to be written as ``entity`` versions recorded at ``recorded_at``."""
        if table.num_rows:
            self.batches[entity].append((recorded_at, table))

    def tables(self, entity: str) -> list[tuple[dt.datetime, pa.Table]]:
        """The queued tables of ``entity``, one per recording moment, oldest first."""
        by_moment: dict[dt.datetime, list[pa.Table]] = defaultdict(list)
        for recorded_at, table in self.batches.get(entity, []):
            by_moment[recorded_at].append(table)
        return [
            (moment, pa.concat_tables(tables, promote_options="permissive"))
            for moment, tables in sorted(by_moment.items())
        ]


def _recorded(year: int) -> dt.datetime:
    """A year's records are entered early the next year."""
    return dt.datetime(year + 1, 1, 10, 9, 0)


def _dates(a: IntArray) -> pa.Array[Any]:
    return pa.array(np.where(a == NONE, 0, a).astype(np.int32), pa.date32(), mask=a == NONE)


def _table(columns: Mapping[str, Any]) -> pa.Table:
    """An Arrow table from numpy arrays, lists and Arrow arrays."""
    return pa.Table.from_arrays(
        [c if isinstance(c, pa.Array) else pa.array(c) for c in columns.values()],
        names=list(columns),
    )


def _money(cents: IntArray) -> pa.Array[Any]:
    """Cents as exact DECIMAL(18, 2) yuan (through their decimal text: no float anywhere)."""
    text = np.char.add(
        np.char.add((cents // 100).astype(str), "."), np.char.zfill((cents % 100).astype(str), 2)
    )
    return pa.array(text).cast(pa.decimal128(18, 2))


def _pins(spec: CitySpec, what: str) -> list[Pin]:
    return sorted((p for p in spec.pins if p.what == what), key=lambda p: p.end)


@attrs.define
class _City:
    spec: CitySpec
    name: str
    counties: list[str]
    parties: dict[str, str] = attrs.field(factory=dict)
    sme: list[str] = attrs.field(factory=list)
    universities: list[str] = attrs.field(factory=list)
    hv_patents: list[str] = attrs.field(factory=list)
    safe_rights: list[str] = attrs.field(factory=list)
    since: dict[str, int] = attrs.field(factory=dict)  # right -> day it was granted/registered

    def holders(
        self, rng: np.random.Generator, n: int
    ) -> tuple[npt.NDArray[np.str_], npt.NDArray[np.str_]]:
        """``n`` random holders (ids and names) among the city's parties."""
        ids = np.array(list(self.parties))
        names = np.array(list(self.parties.values()))
        pick = rng.integers(0, ids.size, size=n)
        return ids[pick], names[pick]

    def regions(self, rng: np.random.Generator, n: int) -> npt.NDArray[np.str_]:
        return rng.choice(np.array(self.counties or [self.spec.code]), size=n)


class _Generator:
    def __init__(self, seed: int) -> None:
        self.rng = np.random.default_rng(seed)
        self.data = DemoData()
        self.serials: dict[tuple[int, int], int] = defaultdict(int)
        table = builtin_regions().to_pylist()
        self.region_rows = {r["code"]: r for r in table}
        self.children: dict[str, list[str]] = defaultdict(list)
        for r in table:
            if r["parent_code"] and r["valid_to"] is None and r["level"] == "county":
                self.children[r["parent_code"]].append(r["code"])
        self.banks: list[str] = []
        self._moves_in = {"410700": MOVED_INTO_XINXIANG}
        self._movable: dict[str, list[str]] = {}

    # -- helpers ---------------------------------------------------------------------------

    def _city(self, spec: CitySpec) -> _City:
        return _City(spec, self.region_rows[spec.code]["name"], sorted(self.children[spec.code]))

    def _numbers(self, filing: IntArray, kind_digit: int) -> npt.NDArray[np.str_]:
        years = (filing.astype("datetime64[D]").astype("datetime64[Y]").astype(int) + 1970).astype(
            np.int64
        )
        serials = np.empty_like(years)
        for year in np.unique(years):
            mask = years == year
            start = self.serials[(int(year), kind_digit)]
            serials[mask] = start + np.arange(mask.sum())
            self.serials[(int(year), kind_digit)] = start + int(mask.sum())
        return patent_numbers(years, np.full_like(years, kind_digit), serials)

    # -- parties ---------------------------------------------------------------------------

    def parties(self, city: _City) -> None:
        rng, spec = self.rng, city.spec
        n = int(300 * spec.scale) + 50
        codes = credit_codes(rng, spec.code, n)
        sizes = rng.choice(["micro", "small", "medium", "large"], size=n, p=[0.3, 0.4, 0.2, 0.1])
        names = [f"{city.name}{i:04d}号科技有限公司" for i in range(n)]
        uni_codes = credit_codes(rng, spec.code, 3, prefix="12")
        uni_names = [f"{city.name}{k}大学" for k in ("理工", "医学", "师范")]
        city.parties = dict(zip(codes + uni_codes, names + uni_names, strict=True))
        city.sme = [c for c, s in zip(codes, sizes, strict=True) if s != "large"]
        city.universities = uni_codes
        self.data.add(
            "parties",
            _recorded(2018),
            _table(
                {
                    "party_id": codes + uni_codes,
                    "name": names + uni_names,
                    "kind": ["enterprise"] * n + ["university"] * 3,
                    "region_code": list(city.regions(rng, n + 3)),
                    "size": list(sizes) + [None] * 3,
                }
            ),
        )

    def banks_table(self) -> None:
        codes = credit_codes(self.rng, "100000", 8)
        names = [
            "工商银行",
            "农业银行",
            "中国银行",
            "建设银行",
            "交通银行",
            "招商银行",
            "兴业银行",
            "浦发银行",
        ]
        self.banks = codes
        self.data.add(
            "parties",
            _recorded(2018),
            _table(
                {
                    "party_id": codes,
                    "name": [f"中国{n}" if i < 5 else n for i, n in enumerate(names)],
                    "kind": ["bank"] * 8,
                    "region_code": ["110000"] * 8,
                }
            ),
        )

    # -- patents ---------------------------------------------------------------------------

    def patents(self, city: _City) -> None:
        rng, spec = self.rng, city.spec
        grants = dict(spec.invention_grants) or {
            y: int(120 * spec.scale * (1 + 0.08 * (y - 2014))) for y in range(2014, 2025)
        }
        window_pins = _pins(spec, "patent_grants.invention")
        parts = []
        for year, n in grants.items():
            pin = next((p for p in window_pins if p.start.year == year), None)
            if pin is None:
                parts.append(random_days(rng, n, D(year, 1, 1), D(year, 12, 31)))
            else:
                k = int(pin.value)
                parts.append(random_days(rng, k, pin.start, pin.end))
                parts.append(
                    random_days(rng, n - k, pin.end + dt.timedelta(days=1), D(year, 12, 31))
                )
        grant = np.concatenate(parts)
        filing = grant - rng.integers(300, 1100, size=grant.size)
        lapse = np.full(grant.size, NONE)
        old = filing < HV_SAFE_FILING
        lapse[old] = np.maximum(
            filing[old] + 3652 - rng.integers(1, 300, size=int(old.sum())), grant[old] + 1
        )
        random_lapse = ~old & (rng.random(grant.size) < 0.06)
        lapse[random_lapse] = grant[random_lapse] + rng.integers(
            700, 2900, size=int(random_lapse.sum())
        )
        flags = np.zeros(grant.size, dtype=bool)
        hv_pins = _pins(spec, "high_value_invention_patents")
        if hv_pins:
            done, previous_end = 0, NONE
            for pin in hv_pins:
                end = day(pin.end)
                pool = np.flatnonzero(
                    ~flags & (grant <= end) & (grant > previous_end) & (filing >= HV_SAFE_FILING)
                )
                need = int(pin.value) - done
                chosen = rng.choice(pool, size=need, replace=False)
                flags[chosen] = True
                done, previous_end = int(pin.value), end
        else:
            flags = (filing >= HV_SAFE_FILING) & (rng.random(grant.size) < 0.38)
        lapse[flags] = NONE
        for pin in _pins(spec, "valid_invention_patents"):
            self._fit_stock(
                grant, lapse, flags | (filing < HV_SAFE_FILING), day(pin.end), int(pin.value)
            )
        numbers = self._numbers(filing, 1)
        criterion = rng.choice(3, size=grant.size, p=[0.7, 0.2, 0.1])
        city.hv_patents = list(numbers[flags])
        city.since.update(zip(city.hv_patents, grant[flags].tolist(), strict=True))
        table = {
            "application_no": numbers,
            "kind": ["invention"] * grant.size,
            "filing_date": _dates(filing),
            "grant_date": _dates(grant),
            "lapse_date": _dates(lapse),
            "strategic_emerging": flags & (criterion == 0),
            "overseas_family_granted": flags & (criterion == 1),
            "award": np.where(flags & (criterion == 2), "silver", "none"),
        }
        self._write_patents(city, table, grant)
        self._other_kinds(city)

    def _fit_stock(
        self,
        start: IntArray,
        end_: IntArray,
        protected: npt.NDArray[np.bool_],
        on: int,
        target: int,
    ) -> None:
        """Set or clear lapse dates so that exactly ``target`` rights are in force on ``on``."""
        valid = (start <= on) & ((end_ == NONE) | (end_ > on))
        surplus = int(valid.sum()) - target
        if surplus > 0:
            pool = np.flatnonzero(valid & ~protected & (start < on))
            chosen = self.rng.choice(pool, size=surplus, replace=False)
            end_[chosen] = self.rng.integers(start[chosen] + 1, on + 1)
        elif surplus < 0:
            pool = np.flatnonzero((start <= on) & (end_ != NONE) & (end_ <= on) & ~protected)
            if pool.size < -surplus:
                raise ValueError(f"demo spec cannot reach a stock of {target} on day {on}")
            end_[self.rng.choice(pool, size=-surplus, replace=False)] = NONE

    def _other_kinds(self, city: _City) -> None:
        rng, spec = self.rng, city.spec
        utility = spec.utility_grants or int(250 * spec.scale)
        design = spec.design_grants or int(60 * spec.scale)
        total_pin = {p.start.year: int(p.value) for p in _pins(spec, "patent_grants")}
        inventions = dict(spec.invention_grants)
        for kind_digit, kind, per_year in ((2, "utility_model", utility), (3, "design", design)):
            counts = dict.fromkeys(YEARS, per_year)
            if kind == "design":
                for year, total in total_pin.items():
                    counts[year] = total - inventions[year] - utility
            grant = np.concatenate(
                [random_days(rng, n, D(y, 1, 1), D(y, 12, 31)) for y, n in counts.items()]
            )
            filing = grant - rng.integers(90, 300, size=grant.size)
            lapse = np.where(
                rng.random(grant.size) < 0.25,
                grant + rng.integers(400, 2500, size=grant.size),
                NONE,
            )
            numbers = self._numbers(filing, kind_digit)
            if kind == "utility_model":
                kept = lapse == NONE
                city.safe_rights += list(numbers[kept][:400])
                city.since.update(
                    zip(numbers[kept][:400].tolist(), grant[kept][:400].tolist(), strict=True)
                )
            table = {
                "application_no": numbers,
                "kind": [kind] * grant.size,
                "filing_date": _dates(filing),
                "grant_date": _dates(grant),
                "lapse_date": _dates(lapse),
            }
            self._write_patents(city, table, grant)
        pending = int(0.3 * (utility + design))
        for year in YEARS:
            filing = random_days(rng, pending, D(year, 1, 1), D(year, 12, 31))
            self._write_patents(
                city,
                {
                    "application_no": self._numbers(filing, 1),
                    "kind": ["invention"] * pending,
                    "filing_date": _dates(filing),
                },
                filing,
            )

    def _write_patents(self, city: _City, columns: dict[str, object], event: IntArray) -> None:
        rng = self.rng
        n = len(event)
        holder_ids, holder_names = city.holders(rng, n)
        columns = {
            **columns,
            "title": [f"一种{city.name[:2]}装置"] * n,
            "holder_id": holder_ids,
            "holder_name": holder_names,
            "region_code": city.regions(rng, n),
        }
        table = _table(columns)
        years = event.astype("datetime64[D]").astype("datetime64[Y]").astype(int) + 1970
        for year in np.unique(years):
            self.data.add("patents", _recorded(int(year)), table.filter(pa.array(years == year)))

    # -- trademarks ------------------------------------------------------------------------

    def trademarks(self, city: _City, serial_base: int) -> int:
        rng, spec = self.rng, city.spec
        registrations = {
            y: int(150 * min(spec.scale, 3.0) * (1 + 0.06 * (y - 2005))) for y in range(2005, 2025)
        }
        stock_pins = _pins(spec, "valid_trademarks")
        registrations.update(spec.trademark_registrations)
        if stock_pins:
            first = stock_pins[0]
            fixed = {y: n for y, n in spec.trademark_registrations.items() if y <= first.end.year}
            free_years = [y for y in range(2005, first.end.year + 1) if y not in fixed]
            need = int(first.value * 1.06) - sum(fixed.values())
            weights = np.ones(len(free_years))  # flat: a pinned stock is reached evenly
            shares = np.floor(weights / weights.sum() * need).astype(int)
            shares[-1] += need - shares.sum()
            registrations.update(dict(zip(free_years, shares.tolist(), strict=True)))
        reg = np.concatenate(
            [random_days(rng, n, D(y, 1, 1), D(y, 12, 31)) for y, n in registrations.items()]
        )
        lapse = np.where(
            rng.random(reg.size) < 0.05, reg + rng.integers(365, 6000, size=reg.size), NONE
        )
        lapse = np.where(lapse > day(D(2026, 6, 30)), NONE, lapse)
        protected = np.zeros(reg.size, dtype=bool)
        kind = np.full(reg.size, "ordinary", dtype=object)
        gi = np.zeros(reg.size, dtype=bool)
        well_known = np.full(reg.size, NONE)
        gi_pin = _pins(spec, "gi_trademarks")
        gi_count = int(gi_pin[-1].value) if gi_pin else int(rng.integers(0, 4))
        gi_on = day(gi_pin[-1].end) if gi_pin else day(D(2024, 12, 31))
        pool = np.flatnonzero(reg <= gi_on)
        chosen = rng.choice(pool, size=gi_count, replace=False)
        gi[chosen], protected[chosen] = True, True
        kind[chosen] = np.where(np.arange(gi_count) % 3 == 0, "collective", "certification")
        wk_pin = _pins(spec, "well_known_trademarks")
        wk_count = int(wk_pin[-1].value) if wk_pin else int(rng.integers(2, 12))
        pool = np.flatnonzero((reg <= day(D(2015, 1, 1))) & ~protected)
        chosen = rng.choice(pool, size=wk_count, replace=False)
        protected[chosen] = True
        well_known[chosen] = np.minimum(
            reg[chosen] + rng.integers(365, 3000, size=wk_count), day(D(2024, 6, 30))
        )
        lapse[protected] = NONE
        incoming = 0
        for pin in stock_pins:
            if pin is not stock_pins[0]:
                incoming = self._moves_in.get(spec.code, 0)
                on = day(pin.end)
                valid = (reg <= on) & ((lapse == NONE) | (lapse > on))
                surplus = int(valid.sum()) + incoming - int(pin.value)
                pool = np.flatnonzero(
                    valid & ~protected & (reg < day(stock_pins[0].end)) & (lapse == NONE)
                )
                chosen = rng.choice(pool, size=surplus, replace=False)
                lapse[chosen] = rng.integers(day(stock_pins[0].end) + 1, on + 1, size=surplus)
            else:
                lapse[(lapse != NONE) & (lapse > day(pin.end)) & (reg <= day(pin.end))] = NONE
                self._fit_stock(reg, lapse, protected, day(pin.end), int(pin.value))
        numbers = (serial_base + np.arange(reg.size)).astype(str)
        city.safe_rights += list(numbers[protected])
        city.since.update(zip(numbers[protected].tolist(), reg[protected].tolist(), strict=True))
        n = reg.size
        holder_ids, holder_names = city.holders(rng, n)
        table = _table(
            {
                "registration_no": numbers,
                "mark": np.char.add(city.name[:2], (np.arange(n) % 997).astype(str)),
                "nice_classes": pa.ListArray.from_arrays(
                    pa.array(np.arange(n + 1, dtype=np.int32), pa.int32()),
                    pa.array(rng.integers(1, 46, size=n, dtype=np.int16), pa.int16()),
                ),
                "kind": list(kind),
                "geographical_indication": gi,
                "holder_id": holder_ids,
                "holder_name": holder_names,
                "region_code": city.regions(rng, n),
                "application_date": _dates(reg - rng.integers(200, 500, size=n)),
                "registration_date": _dates(reg),
                "lapse_date": _dates(lapse),
                "well_known_date": _dates(well_known),
            }
        )
        years = reg.astype("datetime64[D]").astype("datetime64[Y]").astype(int) + 1970
        for year in np.unique(years):
            self.data.add(
                "trademarks", _recorded(int(max(year, 2018))), table.filter(pa.array(years == year))
            )
        movable = (lapse == NONE) & ~protected & (reg < day(D(2023, 1, 1)))
        self._movable[spec.code] = list(numbers[movable][:3000])
        return serial_base + n

    # -- finance and enforcement -------------------------------------------------------------

    def pledges(self, city: _City, plan: dict[int, tuple[int, float]]) -> None:
        rng, spec = self.rng, city.spec
        window = next(iter(_pins(spec, "pledge_amount")), None)
        window = window if window and (window.start.month, window.end.month) != (1, 12) else None
        safe = np.array(city.hv_patents + city.safe_rights)
        since = np.array([city.since[r] for r in safe], dtype=np.int64)
        order = np.argsort(since, kind="stable")
        safe, since = safe[order], since[order]
        for year, (count, amount) in plan.items():
            if window is not None and window.start.year == year:
                k = round(count * window.end.month / 12)
                when = np.concatenate(
                    [
                        random_days(rng, k, window.start, window.end),
                        random_days(
                            rng, count - k, window.end + dt.timedelta(days=1), D(year, 12, 31)
                        ),
                    ]
                )
                cents = np.concatenate(
                    [
                        exact_amounts(rng, k, window.value),
                        exact_amounts(rng, count - k, amount - window.value),
                    ]
                )
            else:
                when = random_days(rng, count, D(year, 1, 1), D(year, 12, 31))
                cents = exact_amounts(rng, count, amount)
            if spec.code == "410700" and year == 2024:
                pledgors = np.array(city.sme[:40])[np.arange(count) % 40]
            else:
                pledgors = rng.choice(np.array(list(city.parties)[:-3]), size=count)
            # every pledge names a right that never lapses: a high-value invention (so large
            # pledges add no high-value patent beyond the pinned ones), a utility model or a mark
            # granted (or registered) before the pledge: a right is pledged once it exists
            available = np.searchsorted(since, when, side="left")
            pick = np.floor(rng.random(count) * np.maximum(available, 1)).astype(np.int64)
            rights = [[str(safe[i])] if n else [] for i, n in zip(pick, available, strict=True)]
            term_end = when + rng.integers(365, 1095, size=count)
            released = np.where(
                (term_end < day(D(2024, 6, 30))) & (rng.random(count) < 0.6),
                term_end - rng.integers(0, 60, size=count),
                NONE,
            )
            released = np.where(released < when, NONE, released)
            table = _table(
                {
                    "pledge_id": [f"Y{year}{spec.code}{i:05d}" for i in range(count)],
                    "registered_date": _dates(when),
                    "pledgor_id": list(pledgors),
                    "pledgor_name": [city.parties[p] for p in pledgors],
                    "pledgee_id": list(rng.choice(np.array(self.banks), size=count)),
                    "region_code": list(city.regions(rng, count)),
                    "amount": _money(cents),
                    "term_start": _dates(when),
                    "term_end": _dates(term_end),
                    "released_date": _dates(released),
                    "rights": rights,
                }
            )
            self.data.add("pledges", _recorded(year), table)

    def insurance(self, city: _City) -> None:
        rng, spec = self.rng, city.spec
        pins = {p.what: p for p in spec.pins if p.what.startswith("insurance")}
        for year in YEARS:
            pinned = year == 2023 and "insurance_policies" in pins
            n = int(pins["insurance_policies"].value) if pinned else int(12 * spec.scale) + 2
            insured_n = int(pins["insurance_insured"].value) if pinned else max(1, n // 2)
            coverage = pins["insurance_coverage"].value if pinned else n * 400_000.0
            insured = np.array(list(city.parties)[:insured_n])[np.arange(n) % insured_n]
            start = random_days(rng, n, D(year, 1, 1), D(year, 12, 31))
            self.data.add(
                "insurance",
                _recorded(year),
                _table(
                    {
                        "policy_no": [f"P{year}{spec.code}{i:05d}" for i in range(n)],
                        "product": list(
                            rng.choice(
                                [
                                    "enforcement",
                                    "infringement_liability",
                                    "overseas",
                                    "pledge_guarantee",
                                    "full_chain",
                                ],
                                size=n,
                            )
                        ),
                        "insured_id": list(insured),
                        "insured_name": [city.parties[i] for i in insured],
                        "region_code": list(city.regions(rng, n)),
                        "insurer_name": ["人保财险"] * n,
                        "start_date": _dates(start),
                        "end_date": _dates(start + 364),
                        "coverage": _money(exact_amounts(rng, n, coverage)),
                    }
                ),
            )

    def cases(self, city: _City) -> None:
        rng, spec = self.rng, city.spec
        pinned = {p.what: int(p.value) for p in spec.pins if p.start.year == 2024}
        for year in YEARS:
            if year == 2024 and "ip_cases" in pinned:
                tm, gi, pd_ = (
                    pinned["ip_cases.trademark_infringement"],
                    pinned["ip_cases.gi_infringement"],
                    pinned["ip_cases.patent_dispute"],
                )
                both = tm + gi + pd_ - pinned["ip_cases"]
                types = (
                    [["trademark_infringement", "gi_infringement"]] * both
                    + [["trademark_infringement"]] * (tm - both)
                    + [["gi_infringement"]] * (gi - both)
                    + [["patent_dispute"]] * pd_
                )
            else:
                n = int(20 * spec.scale) + 3
                types = [
                    [str(t)]
                    for t in rng.choice(
                        [
                            "trademark_infringement",
                            "patent_dispute",
                            "patent_counterfeiting",
                            "gi_infringement",
                            "other",
                        ],
                        size=n,
                        p=[0.6, 0.2, 0.08, 0.04, 0.08],
                    )
                ]
            n = len(types)
            opened = random_days(rng, n, D(year, 1, 1), D(year, 9, 20))
            closed = opened + rng.integers(10, 100, size=n)
            outcome = rng.choice(
                ["penalty", "mediated", "ruled_infringing", "transferred_to_police"],
                size=n,
                p=[0.6, 0.2, 0.15, 0.05],
            )
            fine = np.where(outcome == "penalty", rng.integers(5_000, 200_000, size=n) * 100, 0)
            recovered = (
                exact_amounts(rng, n, pinned["case_recovered"])
                if year == 2024 and "case_recovered" in pinned
                else rng.integers(0, 50_000, size=n) * 100
            )
            self.data.add(
                "cases",
                _recorded(year),
                _table(
                    {
                        "case_no": [f"{city.name[:2]}市监知〔{year}〕{i + 1}号" for i in range(n)],
                        "types": types,
                        "region_code": [spec.code] * n,
                        "opened_date": _dates(opened),
                        "closed_date": _dates(closed),
                        "outcome": list(outcome),
                        "respondent_name": [f"某商户{i}" for i in range(n)],
                        "goods_value": _money(fine * 3 + 100_000),
                        "fine": _money(fine),
                        "confiscated": _money(fine // 10),
                        "recovered": _money(recovered),
                        "transferred_to_police": outcome == "transferred_to_police",
                        "cross_region": rng.random(n) < 0.1,
                        "typical": rng.random(n) < 0.02,
                    }
                ),
            )

    # -- GI, transfers, population, targets -----------------------------------------------------

    def gi(self, city: _City) -> None:
        rng, spec = self.rng, city.spec
        pin = next(iter(_pins(spec, "gi_users")), None)
        users = int(pin.value) if pin else int(rng.integers(3, 40))
        on = day(pin.end) if pin else day(D(2024, 12, 31))
        products = [f"GI-{spec.code}-{k}" for k in range(1, 4)]
        self.data.add(
            "gi_products",
            _recorded(2018),
            _table(
                {
                    "gi_id": products,
                    "name": [f"{city.name[:2]}特产{k}" for k in range(1, 4)],
                    "region_code": [spec.code] * 3,
                    "protected_date": _dates(random_days(rng, 3, D(2005, 1, 1), D(2018, 12, 31))),
                }
            ),
        )
        approved = random_days(
            rng, users, D(2012, 1, 1), D.fromordinal(D(1970, 1, 1).toordinal() + on)
        )
        revoked_n = users // 10
        extra = random_days(rng, revoked_n, D(2012, 1, 1), D(2019, 12, 31))
        candidates = np.array(list(city.parties)[: users + revoked_n])
        self.data.add(
            "gi_users",
            _recorded(2024),
            _table(
                {
                    "gi_ref": list(rng.choice(np.array(products), size=users + revoked_n)),
                    "user_id": list(candidates),
                    "user_name": [city.parties[c] for c in candidates],
                    "region_code": list(city.regions(rng, users + revoked_n)),
                    "approved_date": _dates(np.concatenate([approved, extra])),
                    "revoked_date": _dates(np.concatenate([np.full(users, NONE), extra + 400])),
                    "labels_used": rng.integers(40_000, 90_000, size=users + revoked_n),
                }
            ),
        )

    def xinxiang_transfers(self, cities: dict[str, _City]) -> None:
        """新乡 2024: 56 university patents licensed or assigned out of the city; 2,500 marks
        assigned in from other 河南 cities."""
        rng = self.rng
        xinxiang = cities["410700"]
        pin = next(p for p in xinxiang.spec.pins if p.what == "patent_transfers.outbound")
        n = int(pin.value)
        uni_patents = [r for r in xinxiang.safe_rights if r[4] == "2"][:n]
        kinds = ["licence"] * (n - 16) + ["assignment"] * 16
        to = rng.choice(np.array(["440300", "440106", "320500", "330106"]), size=n)
        self.data.add(
            "transfers",
            _recorded(2024),
            _table(
                {
                    "right_no": uni_patents,
                    "right_type": ["patent"] * n,
                    "kind": kinds,
                    "date": _dates(random_days(rng, n, D(2024, 1, 1), D(2024, 12, 31))),
                    "from_id": [xinxiang.universities[0]] * n,
                    "from_name": [xinxiang.parties[xinxiang.universities[0]]] * n,
                    "to_id": [f"91{t}MA0000000X" for t in to],
                    "to_name": ["域外企业"] * n,
                    "to_region_code": list(to),
                }
            ),
        )
        movable = [
            m
            for code, ms in sorted(self._movable.items())
            if code.startswith("41") and code != "410700"
            for m in ms
        ][:MOVED_INTO_XINXIANG]
        if len(movable) < MOVED_INTO_XINXIANG:
            raise ValueError("not enough marks in other 河南 cities to move into 新乡")
        k = len(movable)
        holders = rng.choice(np.array(xinxiang.sme), size=k)
        self.data.add(
            "transfers",
            _recorded(2024),
            _table(
                {
                    "right_no": movable,
                    "right_type": ["trademark"] * k,
                    "kind": ["assignment"] * k,
                    "date": _dates(random_days(rng, k, D(2024, 1, 1), D(2024, 12, 31))),
                    "to_id": list(holders),
                    "to_name": [xinxiang.parties[h] for h in holders],
                    "to_region_code": list(xinxiang.regions(rng, k)),
                }
            ),
        )

    def population_and_targets(self, cities: dict[str, _City]) -> None:
        rows = [
            (code, y, int(c.spec.population * (1 + 0.004 * (y - 2024))))
            for code, c in cities.items()
            for y in range(2018, 2025)
        ]
        self.data.add(
            "population",
            _recorded(2024),
            _table(
                {
                    "region_code": [r[0] for r in rows],
                    "year": [r[1] for r in rows],
                    "population": [r[2] for r in rows],
                }
            ),
        )
        targets = [
            (
                "512000",
                "valid_invention_patents_per_10k",
                "2020",
                1,
            ),  # 资阳: 每万人发明专利拥有量达到1件
            ("512000", "valid_trademarks", "2020", 11500),  # 资阳: 有效注册商标总量达到11500件
            (
                "410700",
                "valid_invention_patents_per_10k",
                "2025",
                12,
            ),  # 新乡: 力争到2025年年底…12件
            (
                "410700",
                "high_value_invention_patents_per_10k",
                "2025",
                3,
            ),  # 新乡: …高价值发明专利3件
            ("440700", "pledge_count", "2023", 600),  # 江门: 年度任务 (task completion 全省第一)
            ("440700", "pledge_amount", "2023", 1.5e10),
        ]
        self.data.add(
            "targets",
            _recorded(2019),
            _table(
                {
                    "region_code": [t[0] for t in targets],
                    "indicator": [t[1] for t in targets],
                    "period": [t[2] for t in targets],
                    "target": pa.array([str(t[3]) for t in targets]).cast(pa.decimal128(24, 6)),
                }
            ),
        )


def _pledge_plan(spec: CitySpec, rng: np.random.Generator) -> dict[int, tuple[int, float]]:
    if spec.pledges:
        return dict(spec.pledges)
    big = BIG_PLEDGE_CITIES.get(spec.code)
    if big is not None:
        count, amount = big
        return {
            2022: (int(count * 0.8), amount * 0.8),
            2023: (count, amount),
            2024: (int(count * 1.1), amount * 1.1),
        }
    base = int(25 * spec.scale) + 3
    return {y: (base + 3 * (y - 2019), (base + 3 * (y - 2019)) * 4.0e6) for y in YEARS}


def generate(seed: int) -> tuple[DemoData, list[str]]:
    """Generate the whole demo; also return the codes of the cities it covers."""
    gen = _Generator(seed)
    gen.banks_table()
    seeds = {s.code: s for s in SEED_CITIES}
    specs: list[CitySpec] = []
    for code, row in sorted(gen.region_rows.items()):
        if row["level"] != "city" or row["valid_to"] is not None or row["name"] == "林区":
            continue
        if code in seeds:
            specs.append(seeds[code])
        elif code[:2] + "0000" in DEMO_PROVINCES:
            scale = float(gen.rng.uniform(0.3, 1.5))
            if code == "410100":
                scale = 9.0  # 郑州: more valid invention patents than 新乡 (全省第三)
            if code == "410300":
                scale = 7.0  # 洛阳
            specs.append(CitySpec(code=code, scale=scale, population=int(scale * 2_400_000)))
        elif code in BIG_PLEDGE_CITIES:
            specs.append(CitySpec(code=code, scale=0.0, population=9_000_000))
    cities: dict[str, _City] = {}
    serial = 10_000_000
    for spec in specs:
        city = gen._city(spec)
        cities[spec.code] = city
        gen.parties(city)
        if spec.scale > 0:
            gen.patents(city)
            serial = gen.trademarks(city, serial)
            gen.insurance(city)
            gen.cases(city)
            gen.gi(city)
        else:
            city.safe_rights = [f"{serial + i}" for i in range(10)]
            city.since.update(dict.fromkeys(city.safe_rights, day(D(2015, 6, 1))))
            serial += 10
            gen.data.add(
                "trademarks",
                _recorded(2018),
                _table(
                    {
                        "registration_no": city.safe_rights,
                        "region_code": [spec.code] * 10,
                        "registration_date": _dates(np.full(10, day(D(2015, 6, 1)))),
                    }
                ),
            )
        gen.pledges(city, _pledge_plan(spec, gen.rng))
    gen.xinxiang_transfers(cities)
    gen.population_and_targets(cities)
    return gen.data, list(cities)
