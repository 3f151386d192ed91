"""Sentences in the bureau's own style, written from the figures (never typed in).

"2023年，江门市知识产权质押732笔，同比增长156.84%，排名全国第十四、全省第三". One paragraph
per section; a clause is written only when its figure exists and is not zero, a sentence only
when one of its clauses is, a paragraph only when one of its sentences is. Ranks are told only
where every region of the level was ranked (a rank among the few regions with population data
is no "全国第二"), and never for a unit regions are not ranked on (durations, where the highest
is not the best: `ipledger.model.Unit.tell_rank`).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import attrs

from ipledger.report._numbers import format_amount, format_change, format_decimal, format_rank
from ipledger.report._sections import SECTIONS, IndicatorRow
from ipledger.report._settings import DEFAULT_REPORT_SETTINGS, ReportSettings
from ipledger.stats import Period, parse_period

__all__ = ["Paragraph", "scope_word", "write_narrative"]


@attrs.frozen(kw_only=True)
class Paragraph:
    """One paragraph of the narrative: the section it tells about, its title and text."""

    section: str
    title: str
    text: str


@attrs.frozen
class _Clause:
    """How one figure is written: ``zh``/``en`` templates around the amount (``{}``)."""

    indicator: str
    zh: str
    en: str
    details: bool = True  # year-on-year change and target
    ranks: bool = True  # where the region stands (with the details)
    subs: tuple[_Clause, ...] = ()


@attrs.frozen
class _Sentence:
    stock: bool
    clauses: tuple[_Clause, ...]


def _c(
    indicator: str, zh: str, en: str, *subs: _Clause, details: bool = True, ranks: bool = True
) -> _Clause:
    return _Clause(indicator, zh, en, details, ranks and details, subs)


_CASE_TYPES = (
    ("trademark_infringement", "商标侵权案件{}", "{} trademark infringement"),
    ("patent_dispute", "专利侵权纠纷案件{}", "{} patent disputes"),
    ("patent_counterfeiting", "假冒专利案件{}", "{} patent counterfeiting"),
    ("gi_infringement", "地理标志侵权案件{}", "{} GI infringement"),
    ("other", "其他案件{}", "{} other"),
)

_SPEC: Mapping[str, tuple[_Sentence, ...]] = {
    "creation": (
        _Sentence(
            False,
            (
                _c(
                    "patent_grants",
                    "专利授权{}",
                    "{} patents granted",
                    _c("patent_grants.invention", "发明专利授权{}", "{} invention patents"),
                ),
                _c(
                    "patent_applications",
                    "专利申请{}",
                    "{} patent applications",
                    _c("patent_applications.invention", "发明专利申请{}", "{} for inventions"),
                    ranks=False,
                ),
            ),
        ),
        _Sentence(
            False, (_c("trademark_registrations", "商标注册{}", "{} trademarks registered"),)
        ),
        _Sentence(
            True,
            (
                _c("valid_invention_patents", "有效发明专利{}", "{} valid invention patents"),
                _c(
                    "valid_invention_patents_per_10k",
                    "每万人口发明专利拥有量{}",
                    "{} invention patents per 10,000 people",
                ),
                _c(
                    "high_value_invention_patents",
                    "高价值发明专利{}",
                    "{} high-value invention patents",
                ),
                _c(
                    "high_value_invention_patents_per_10k",
                    "每万人口高价值发明专利拥有量{}",
                    "{} high-value invention patents per 10,000 people",
                    ranks=False,
                ),
            ),
        ),
        _Sentence(
            True,
            (
                _c("valid_trademarks", "有效商标注册量{}", "{} valid trademarks"),
                _c(
                    "well_known_trademarks",
                    "中国驰名商标{}",
                    "{} well-known trademarks",
                    details=False,
                ),
            ),
        ),
    ),
    "utilisation": (
        _Sentence(
            False,
            (
                _c("pledge_count", "知识产权质押{}", "{} IP pledge registrations"),
                _c("pledge_amount", "质押登记金额{}", "a secured amount of {}"),
                _c(
                    "pledge_beneficiaries",
                    "惠及企业{}",
                    "{} enterprises financed",
                    _c("pledge_beneficiaries.sme", "中小微企业{}", "{} SMEs"),
                    details=False,
                ),
            ),
        ),
        _Sentence(
            True,
            (
                _c(
                    "pledge_outstanding_amount",
                    "质押融资余额{}",
                    "outstanding pledge loans of {}",
                    ranks=False,
                ),
            ),
        ),
        _Sentence(
            False,
            (
                _c(
                    "patent_assignments",
                    "专利转让{}",
                    "{} patent assignments",
                    _c("patent_assignments.outbound", "转出区域外{}", "{} to holders elsewhere"),
                ),
                _c(
                    "patent_licences",
                    "专利许可{}",
                    "{} patent licences",
                    _c("patent_licences.outbound", "许可区域外{}", "{} to holders elsewhere"),
                ),
            ),
        ),
        _Sentence(
            False,
            (
                _c("insurance_policies", "知识产权保险{}", "{} IP insurance policies", ranks=False),
                _c("insurance_insured", "投保主体{}", "{} insured parties", details=False),
                _c("insurance_coverage", "保额{}", "coverage of {}", details=False),
            ),
        ),
    ),
    "gi": (
        _Sentence(
            True,
            (
                _c(
                    "gi_trademarks",
                    "地理标志商标{}",
                    "{} GI trademarks",
                    _c("gi_trademarks.certification", "证明商标{}", "{} certification marks"),
                    _c("gi_trademarks.collective", "集体商标{}", "{} collective marks"),
                ),
                _c("gi_products", "地理标志保护产品{}", "{} protected GI products", ranks=False),
                _c(
                    "gi_users",
                    "核准使用地理标志专用标志企业{}",
                    "{} enterprises approved to use the GI label",
                ),
            ),
        ),
    ),
    "protection": (
        _Sentence(
            False,
            (
                _c(
                    "ip_cases",
                    "立案查处知识产权案件{}",
                    "{} IP enforcement cases opened",
                    *(_c(f"ip_cases.{key}", zh, en) for key, zh, en in _CASE_TYPES),
                ),
                _c("ip_cases_closed", "结案{}", "{} closed", details=False),
                _c("case_penalties", "罚没款{}", "fines and confiscations of {}", ranks=False),
                _c("case_recovered", "追赃挽损{}", "{} of losses recovered", ranks=False),
                _c(
                    "cases_transferred_to_police",
                    "移送公安机关案件{}",
                    "{} cases transferred to the police",
                    details=False,
                ),
            ),
        ),
        _Sentence(
            False,
            (
                _c(
                    "case_median_days_to_close",
                    "办结案件用时中位数为{}",
                    "a median of {} to close a case",
                ),
            ),
        ),
    ),
}


def scope_word(name: str, level: str | None = None) -> str:
    """How a region calls itself in a sentence: 全市, 全省, 全区, 全县, 全州.

    Examples:
        >>> scope_word("江门市"), scope_word("广东省"), scope_word("蓬江区"), scope_word("台山市")
        ('全市', '全省', '全区', '全市')
        >>> scope_word("内蒙古自治区"), scope_word("延边朝鲜族自治州"), scope_word("Somewhere")
        ('全区', '全州', '全市')
    """
    last = name[-1:] if name else ""
    if last in "省市区县州盟旗" and last:
        return "全" + last
    return "全省" if level == "province" else "全市"


@attrs.frozen
class _Context:
    rows: Mapping[str, IndicatorRow]
    period: Period
    lang: str
    parent_scope: str
    full_parent: int
    full_national: int
    settings: ReportSettings


def _has(row: IndicatorRow | None) -> bool:
    return row is not None and row.value is not None and row.value != 0


def _rank(row: IndicatorRow, ctx: _Context) -> str | None:
    if not row.unit_record.tell_rank:
        return None
    national = row.rank_national if row.peers_national == ctx.full_national else None
    parent = row.rank_parent if row.peers_parent == ctx.full_parent else None
    return format_rank(national, parent, lang=ctx.lang, parent_scope=ctx.parent_scope)


def _details(row: IndicatorRow, ctx: _Context, *, ranks: bool) -> list[str]:
    out = []
    change = format_change(row.yoy_pct, ctx.lang, ctx.settings.yoy_decimals)
    if change is not None:
        out.append(f"同比{change}" if ctx.lang == "zh" else f"{change} year on year")
    rank = _rank(row, ctx) if ranks else None
    if rank is not None:
        out.append(rank)
    if row.completion_pct is not None:
        done = format_decimal(row.completion_pct, ctx.settings.completion_decimals) + "%"
        if ctx.lang == "zh":
            out.append(f"完成{'年度' if ctx.period.kind == 'year' else ''}目标任务的{done}")
        else:
            out.append(f"{done} of the target")
    return out


def _clause(clause: _Clause, ctx: _Context) -> str | None:
    row = ctx.rows.get(clause.indicator)
    if row is None or not _has(row):
        return None
    amount = format_amount(
        row.value or 0, row.unit_record, row.measure_word, ctx.lang, ctx.settings
    )
    zh = ctx.lang == "zh"
    text = (clause.zh if zh else clause.en).format(amount)
    details = _details(row, ctx, ranks=clause.ranks) if clause.details else []
    if details:
        text += "，" + "，".join(details) if zh else " (" + "; ".join(details) + ")"
    subs = [s for s in clause.subs if _has(ctx.rows.get(s.indicator))]
    if len(subs) == 1:
        # one breakdown is told in full: 其中发明专利授权1450件，同比增长11.5%
        sub = _clause(attrs.evolve(subs[0], details=clause.details, ranks=False), ctx)
        text += f"，其中{sub}" if zh else f", of which {sub}"
    elif subs:
        plain = [_clause(attrs.evolve(s, details=False, ranks=False), ctx) for s in subs]
        text += (
            ("，其中" + "、".join(filter(None, plain)))
            if zh
            else (", of which " + ", ".join(filter(None, plain)))
        )
    return text


def _paragraph(sentences: Sequence[_Sentence], ctx: _Context, who: str, scope: str) -> str | None:
    zh = ctx.lang == "zh"
    when = ctx.period.label(ctx.lang)
    end = ctx.period.end_label(ctx.lang)
    out: list[str] = []
    previous_stock: bool | None = None
    for sentence in sentences:
        clauses = [c for c in (_clause(c, ctx) for c in sentence.clauses) if c]
        if not clauses:
            continue
        first = not out
        if zh:
            body = "；".join(clauses)
            if first:
                lead = f"截至{end}，{who}" if sentence.stock else f"{when}，{who}"
            elif sentence.stock and not previous_stock:
                lead = f"截至{end}，{scope}"
            else:
                lead = ""
            out.append(f"{lead}{body}。")
        else:
            body = "; ".join(clauses)
            subject = who if first else "it"
            if sentence.stock and previous_stock:
                out.append(f"It also had {body}.")
            elif sentence.stock:
                out.append(f"At {end}, {subject} had {body}.")
            elif first:
                out.append(f"In {when}, {subject} recorded {body}.")
            else:
                out.append(f"It also recorded {body}.")
        previous_stock = sentence.stock
    if not out:
        return None
    return ("" if zh else " ").join(out)


def write_narrative(
    rows: Sequence[IndicatorRow],
    *,
    region_name: str,
    period: str | Period,
    region_level: str | None = None,
    province_name: str | None = None,
    lang: str = "zh",
    settings: ReportSettings = DEFAULT_REPORT_SETTINGS,
) -> tuple[Paragraph, ...]:
    """The narrative of a region's figures for a period: one paragraph per section that has
    figures and that ``settings`` publishes, in the bureau's style (``lang="zh"``) or in
    English, with the decimals and 万 / 亿 thresholds of ``settings``.

    Examples:
        >>> row = IndicatorRow(indicator="pledge_count", label_zh="知识产权质押笔数",
        ...     label_en="IP pledge registrations", unit="count", value=732, previous=285,
        ...     yoy_pct=156.84, rank_parent=3, peers_parent=21, rank_national=14,
        ...     peers_national=333)
        >>> write_narrative([row], region_name="江门市", period="2023")[0].text
        '2023年，江门市知识产权质押732笔，同比增长156.84%，排名全国第十四、全省第三。'
        >>> one = ReportSettings(yoy_decimals=1)
        >>> write_narrative([row], region_name="江门市", period="2023", settings=one)[0].text
        '2023年，江门市知识产权质押732笔，同比增长156.8%，排名全国第十四、全省第三。'
    """
    if lang not in ("zh", "en"):
        raise ValueError(f"lang must be 'zh' or 'en', not {lang!r}")
    by_id = {r.indicator: r for r in rows}
    ctx = _Context(
        rows=by_id,
        period=parse_period(period),
        lang=lang,
        parent_scope=scope_word(province_name, "province") if province_name else "全省",
        full_parent=max((r.peers_parent or 0 for r in rows), default=0),
        full_national=max((r.peers_national or 0 for r in rows), default=0),
        settings=settings,
    )
    scope = scope_word(region_name, region_level)
    paragraphs: list[Paragraph] = []
    for section in SECTIONS:
        if not settings.publishes(section.key):
            continue
        who = region_name if not paragraphs or lang == "en" else scope
        text = _paragraph(_SPEC.get(section.key, ()), ctx, who, scope)
        if text is not None:
            paragraphs.append(Paragraph(section=section.key, title=section.title(lang), text=text))
    return tuple(paragraphs)
