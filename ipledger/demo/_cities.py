"""The demo's cities and the figures their bureaus published, as generator parameters.

Every pinned figure below comes from an article in ``shared/seeds`` (quoted beside it); the
generator makes row-level data from which the indicator engine computes these figures. The
figures are never written into any output: they are what the data is made to contain.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from types import MappingProxyType

import attrs

__all__ = ["BIG_PLEDGE_CITIES", "SEED_CITIES", "YEARS", "CitySpec", "Pin"]

YEARS = range(2019, 2025)
"""Years of full activity in the demo (stocks reach back further)."""

D = dt.date


@attrs.frozen
class Pin:
    """An exact figure the data must give: ``value`` of ``what`` in a window (or at a date)."""

    what: str
    start: dt.date
    end: dt.date
    value: float
    source: str = ""


@attrs.frozen
class CitySpec:
    """How much of everything a city gets; ``pins`` are exact published figures."""

    code: str
    scale: float
    population: int
    invention_grants: Mapping[int, int] = MappingProxyType({})
    utility_grants: int = 0
    design_grants: int = 0
    trademark_registrations: Mapping[int, int] = MappingProxyType({})
    pledges: Mapping[int, tuple[int, float]] = MappingProxyType({})
    pins: tuple[Pin, ...] = ()


def _year(y: int) -> tuple[dt.date, dt.date]:
    return D(y, 1, 1), D(y, 12, 31)


SEED_CITIES: tuple[CitySpec, ...] = (
    CitySpec(
        code="440700",  # 江门市
        scale=2.0,
        population=4_820_000,
        invention_grants={
            2014: 500,
            2015: 600,
            2016: 700,
            2017: 800,
            2018: 900,
            2019: 1000,
            2020: 1100,
            2021: 1200,
            2022: 1300,
            2023: 1450,
            2024: 2100,
        },
        utility_grants=3000,
        design_grants=900,
        pledges={
            2019: (90, 2.1e9),
            2020: (120, 3.0e9),
            2021: (180, 4.6e9),
            2022: (285, 8.848e9),
            2023: (732, 19.9e9),
            2024: (800, 21.0e9),
        },
        pins=(
            Pin("pledge_count", *_year(2023), 732, "知识产权质押732笔，同比增长156.8%"),
            Pin("pledge_count", *_year(2022), 285, "同比增长156.8% (732/285)"),
            Pin("pledge_amount", *_year(2023), 19.9e9, "质押登记金额199亿元，同比增长124.9%"),
            Pin("pledge_amount", *_year(2022), 8.848e9, "199亿元 / 2.249"),
            Pin(
                "high_value_invention_patents",
                D(2023, 12, 31),
                D(2023, 12, 31),
                2908,
                "高价值发明专利…2023年达2908件，同比增长45%",
            ),
            Pin(
                "high_value_invention_patents",
                D(2022, 12, 31),
                D(2022, 12, 31),
                2006,
                "2908 / 1.45",
            ),
            Pin(
                "patent_grants.invention",
                D(2024, 1, 1),
                D(2024, 7, 31),
                1287,
                "今年1—7月，全市发明专利授权量1287件，同比增长57.33%",
            ),
            Pin("patent_grants.invention", D(2023, 1, 1), D(2023, 7, 31), 818, "1287 / 1.5733"),
            Pin(
                "gi_users",
                D(2024, 7, 31),
                D(2024, 7, 31),
                571,
                "累计获核准使用地理标志专用标志企业571家，用标数量超3500万个",
            ),
            Pin("gi_trademarks", D(2024, 7, 31), D(2024, 7, 31), 8, "全市共有8个地理标志商标"),
        ),
    ),
    CitySpec(
        code="410700",  # 新乡市
        scale=2.0,
        population=6_100_000,
        invention_grants={
            2014: 300,
            2015: 350,
            2016: 500,
            2017: 600,
            2018: 700,
            2019: 900,
            2020: 1000,
            2021: 1100,
            2022: 1150,
            2023: 1200,
            2024: 1250,
        },
        utility_grants=8600,
        design_grants=700,
        trademark_registrations={2023: 8296, 2024: 10430},
        pledges={
            2019: (20, 5.0e8),
            2020: (24, 6.0e8),
            2021: (30, 7.5e8),
            2022: (36, 9.2e8),
            2023: (44, 1.08e9),
            2024: (52, 1.262e9),
        },
        pins=(
            Pin(
                "trademark_registrations",
                *_year(2024),
                10430,
                "新增商标注册10430件，同比增长25.72%",
            ),
            Pin("trademark_registrations", *_year(2023), 8296, "10430 / 1.2572"),
            Pin(
                "valid_trademarks",
                D(2024, 12, 31),
                D(2024, 12, 31),
                110386,
                "有效商标注册量达到110386件，同比增长13%",
            ),
            Pin("valid_trademarks", D(2023, 12, 31), D(2023, 12, 31), 97687, "110386 / 1.13"),
            Pin("well_known_trademarks", D(2024, 12, 31), D(2024, 12, 31), 37, "中国驰名商标37件"),
            Pin(
                "gi_trademarks",
                D(2024, 12, 31),
                D(2024, 12, 31),
                18,
                "地理标志商标18件，居全省第一位",
            ),
            Pin(
                "valid_invention_patents",
                D(2024, 12, 31),
                D(2024, 12, 31),
                6951,
                "有效发明专利6951件…均居全省第三位",
            ),
            Pin(
                "high_value_invention_patents",
                D(2024, 12, 31),
                D(2024, 12, 31),
                1412,
                "有效高价值发明专利1400余件",
            ),
            Pin("pledge_amount", *_year(2024), 1.262e9, "知识产权质押融资12.62亿元"),
            Pin("pledge_amount", *_year(2023), 1.08e9, "较去年同期增长16.85% (12.62/1.1685)"),
            Pin("pledge_beneficiaries.sme", *_year(2024), 40, "惠及40家中小微企业"),
            Pin("ip_cases", *_year(2024), 121, "共办理知识产权案件121件"),
            Pin("ip_cases.trademark_infringement", *_year(2024), 94, "其中商标侵权案件94件"),
            Pin("ip_cases.gi_infringement", *_year(2024), 2, "地理标志被侵权案两件"),
            Pin("ip_cases.patent_dispute", *_year(2024), 26, "专利侵权纠纷案件26件"),
            Pin("case_recovered", *_year(2024), 1_460_000, "追赃挽损146万元"),
            Pin(
                "patent_transfers.outbound",
                *_year(2024),
                56,
                "驻新高校院所共向域外企业转让、许可专利56件",
            ),
        ),
    ),
    CitySpec(
        code="330700",  # 金华市
        scale=3.0,
        population=7_120_000,
        invention_grants={y: 1800 + 150 * (y - 2014) for y in range(2014, 2025)},
        utility_grants=16000,
        design_grants=6000,
        trademark_registrations={2023: 28000},
        pledges={
            2019: (300, 6.0e9),
            2020: (340, 8.0e9),
            2021: (400, 1.2e10),
            2022: (480, 1.6e10),
            2023: (600, 2.4e10),
            2024: (650, 2.6e10),
        },
        pins=(
            Pin("trademark_registrations", *_year(2023), 28000, "全市新增注册商标2.8万件"),
            Pin(
                "valid_trademarks",
                D(2023, 12, 31),
                D(2023, 12, 31),
                516000,
                "累计有效商标注册量达到51.6万件",
            ),
            Pin("patent_grants", *_year(2023), 24900, "专利授权2.49万件"),
            Pin(
                "pledge_amount",
                D(2023, 1, 1),
                D(2023, 10, 31),
                2.1e10,
                "截至10月，金华新增知识产权质押融资210亿元",
            ),
            Pin("insurance_policies", *_year(2023), 440, "完成知识产权保险440单"),
            Pin("insurance_insured", *_year(2023), 137, "投保企业137家"),
            Pin("insurance_coverage", *_year(2023), 2.15e8, "保额2.15亿元"),
        ),
    ),
    CitySpec(
        code="441900",
        scale=3.0,
        population=10_480_000,
        utility_grants=9000,  # 东莞市
        design_grants=4000,
    ),
    CitySpec(
        code="512000",
        scale=0.4,
        population=2_300_000,
        utility_grants=400,  # 资阳市
        design_grants=80,
    ),
)
"""The five cities of the seed articles."""

BIG_PLEDGE_CITIES: Mapping[str, tuple[int, float]] = MappingProxyType(
    {
        # 2023 pledge registrations and amount: the cities ranked above 江门 (全国第十四、全省第三;
        # amount 全国第十二、全省第五).
        "440300": (2000, 6.0e10),
        "440100": (1500, 4.0e10),
        "440600": (700, 3.0e10),
        "441900": (650, 2.5e10),
        "330100": (3000, 5.0e10),
        "330200": (1800, 3.0e10),
        "320500": (2500, 4.5e10),
        "320100": (1200, 2.1e10),
        "510100": (1600, 2.2e10),
        "340100": (1100, 2.05e10),
        "420100": (1000, 1.2e10),
        "370200": (900, 1.0e10),
        "370100": (800, 9.0e9),
        "610100": (850, 8.0e9),
        "430100": (950, 1.1e10),
        "410100": (700, 1.0e9),  # 郑州: below 新乡 in amount (新乡 is first in 河南 in 2024)
    }
)
"""2023 (count, amount) for peer cities whose pledges decide 江门's ranks."""
