"""Column names of the exchange format: the English names and the Chinese ones (EXCHANGE.md v1).

The English name of a column is the model's field name; the Chinese name is the one in brackets
in the contract, so that files saved from office spreadsheets import as they are.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

from ipledger.model import ENTITIES

__all__ = ["CHINESE_HEADERS", "REQUIRED_COLUMNS", "header_map", "normalise_header"]

CHINESE_HEADERS: Mapping[str, Mapping[str, str]] = MappingProxyType(
    {
        "regions": {
            "code": "行政区划代码",
            "name": "名称",
            "level": "级别",
            "parent_code": "上级代码",
        },
        "population": {
            "region_code": "行政区划代码",
            "year": "年份",
            "population": "常住人口",
        },
        "parties": {
            "party_id": "统一社会信用代码",
            "name": "名称",
            "kind": "主体类型",
            "region_code": "行政区划代码",
            "size": "企业规模",
            "designations": "称号",
        },
        "patents": {
            "application_no": "申请号",
            "kind": "专利类型",
            "title": "名称",
            "holder_id": "专利权人代码",
            "holder_name": "专利权人",
            "region_code": "行政区划代码",
            "filing_date": "申请日",
            "grant_date": "授权日",
            "lapse_date": "失效日",
            "ipc": "主分类号",
            "strategic_emerging": "战略性新兴产业",
            "overseas_family_granted": "海外同族授权",
            "award": "获奖",
        },
        "trademarks": {
            "registration_no": "注册号",
            "mark": "商标名称",
            "nice_classes": "类别",
            "kind": "商标类型",
            "geographical_indication": "地理标志",
            "holder_id": "注册人代码",
            "holder_name": "注册人",
            "region_code": "行政区划代码",
            "application_date": "申请日",
            "registration_date": "注册日",
            "lapse_date": "失效日",
            "well_known_date": "驰名商标认定日",
        },
        "gi_products": {
            "gi_id": "编号",
            "name": "名称",
            "region_code": "行政区划代码",
            "holder_id": "申请人代码",
            "protected_date": "保护日期",
            "lapse_date": "撤销日期",
        },
        "gi_users": {
            "gi_ref": "地理标志",
            "user_id": "用标主体代码",
            "user_name": "用标主体",
            "region_code": "行政区划代码",
            "approved_date": "核准日期",
            "revoked_date": "注销日期",
            "labels_used": "用标数量",
        },
        "transfers": {
            "right_no": "专利号/注册号",
            "right_type": "权利类型",
            "kind": "类型",
            "date": "日期",
            "from_id": "转出方代码",
            "from_name": "转出方",
            "to_id": "受让方代码",
            "to_name": "受让方",
            "to_region_code": "受让方行政区划",
        },
        "pledges": {
            "pledge_id": "登记号",
            "registered_date": "登记日",
            "pledgor_id": "出质人代码",
            "pledgor_name": "出质人",
            "pledgee_id": "质权人代码",
            "pledgee_name": "质权人",
            "region_code": "行政区划代码",
            "amount": "质押金额",
            "term_start": "质押期限起",
            "term_end": "质押期限止",
            "released_date": "注销日期",
            "rights": "质押权利",
        },
        "insurance": {
            "policy_no": "保单号",
            "product": "险种",
            "insured_id": "投保人代码",
            "insured_name": "投保人",
            "region_code": "行政区划代码",
            "insurer_name": "保险机构",
            "start_date": "起保日",
            "end_date": "终保日",
            "coverage": "保额",
            "premium": "保费",
        },
        "cases": {
            "case_no": "案号",
            "types": "案件类型",
            "region_code": "行政区划代码",
            "opened_date": "立案日期",
            "closed_date": "结案日期",
            "outcome": "处理结果",
            "respondent_id": "当事人代码",
            "respondent_name": "当事人",
            "right_holder_id": "权利人代码",
            "right_holder_name": "权利人",
            "rights": "涉案权利",
            "goods_value": "涉案金额",
            "fine": "罚款",
            "confiscated": "没收违法所得",
            "recovered": "追赃挽损",
            "transferred_to_police": "移送公安",
            "cross_region": "跨区域协作",
            "typical": "典型案例",
        },
        "targets": {
            "region_code": "行政区划代码",
            "indicator": "指标",
            "period": "期间",
            "target": "目标值",
        },
    }
)
"""Per entity: English column name -> Chinese column name, as bracketed in EXCHANGE.md v1."""

REQUIRED_COLUMNS: Mapping[str, tuple[str, ...]] = MappingProxyType(
    {
        "regions": ("code", "name"),
        "population": ("region_code", "year", "population"),
        "parties": ("party_id", "name"),
        "patents": ("application_no",),
        "trademarks": ("registration_no",),
        "gi_products": ("gi_id", "name"),
        "gi_users": ("gi_ref", "user_id"),
        "transfers": ("right_no", "date"),
        "pledges": ("pledge_id", "registered_date", "amount"),
        "insurance": ("policy_no",),
        "cases": ("case_no", "types", "opened_date"),
        "targets": ("region_code", "indicator", "period", "target"),
    }
)
"""Per entity: the columns marked **required** in EXCHANGE.md v1 (present, and never blank)."""

_STRIP = " \t\r\n\u3000\u00a0\ufeff\"'"


def normalise_header(text: str) -> str:
    """A header cell as it is matched: trimmed (also of BOM and full-width blanks), lower case.

    Examples:
        >>> normalise_header("\\ufeff Application_No ")
        'application_no'
    """
    return text.strip(_STRIP).lower()


def header_map(entity_name: str) -> dict[str, str]:
    """Every accepted header of an entity (normalised) -> its exchange column name.

    Examples:
        >>> header_map("patents")["申请号"], header_map("patents")["application_no"]
        ('application_no', 'application_no')
    """
    columns = ENTITIES[entity_name].columns
    names = {normalise_header(c): c for c in columns}
    names.update({normalise_header(zh): c for c, zh in CHINESE_HEADERS[entity_name].items()})
    return names
