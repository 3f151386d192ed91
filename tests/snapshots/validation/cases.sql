CREATE OR REPLACE TEMP TABLE _ipl_checked AS
SELECT i._file,
    i._line,
    i."case_no",
    i."types",
    i."region_code",
    i."opened_date",
    i."closed_date",
    i."outcome",
    i."respondent_id",
    i."respondent_name",
    i."right_holder_id",
    i."right_holder_name",
    i."rights",
    i."goods_value",
    i."fine",
    i."confiscated",
    i."recovered",
    i."transferred_to_police",
    i."cross_region",
    i."typical",
    i."e__case_no__0",
    i."e__types__0",
    i."e__region_code__0",
    i."e__opened_date__0",
    i."e__outcome__0",
    CASE WHEN i."t__opened_date" IS NOT NULL AND i."opened_date" IS NULL THEN ipl_date_error(i."t__opened_date") END AS "m__opened_date",
    CASE WHEN i."t__closed_date" IS NOT NULL AND i."closed_date" IS NULL THEN ipl_date_error(i."t__closed_date") END AS "m__closed_date",
    CASE WHEN i."t__goods_value" IS NOT NULL AND i."goods_value" IS NULL THEN ipl_money_error(i."t__goods_value") END AS "m__goods_value",
    CASE WHEN i."t__fine" IS NOT NULL AND i."fine" IS NULL THEN ipl_money_error(i."t__fine") END AS "m__fine",
    CASE WHEN i."t__confiscated" IS NOT NULL AND i."confiscated" IS NULL THEN ipl_money_error(i."t__confiscated") END AS "m__confiscated",
    CASE WHEN i."t__recovered" IS NOT NULL AND i."recovered" IS NULL THEN ipl_money_error(i."t__recovered") END AS "m__recovered",
    CASE WHEN i."t__transferred_to_police" IS NOT NULL AND i."transferred_to_police" IS NULL THEN ipl_bool_error(i."t__transferred_to_police") END AS "m__transferred_to_police",
    CASE WHEN i."t__cross_region" IS NOT NULL AND i."cross_region" IS NULL THEN ipl_bool_error(i."t__cross_region") END AS "m__cross_region",
    CASE WHEN i."t__typical" IS NOT NULL AND i."typical" IS NULL THEN ipl_bool_error(i."t__typical") END AS "m__typical",
    CASE WHEN i."closed_date" < i."opened_date" THEN 'is before opened_date ' || CAST(i."opened_date" AS VARCHAR) END AS "x__closed_date__0"
FROM (
  SELECT s._file,
    s._line,
    s."t__case_no" AS "case_no",
    list_filter(list_transform(coalesce(ipl_list(s."t__types"), []), lambda x: lower(x)), lambda x, i: list_position(list_transform(coalesce(ipl_list(s."t__types"), []), lambda x: lower(x)), x) = i) AS "types",
    coalesce(m_region_code.current_code, s."t__region_code") AS "region_code",
    ipl_date(s."t__opened_date") AS "opened_date",
    ipl_date(s."t__closed_date") AS "closed_date",
    lower(s."t__outcome") AS "outcome",
    CASE WHEN length(s."t__respondent_id") = 18 THEN coalesce(ipl_credit_code(s."t__respondent_id"), s."t__respondent_id") ELSE s."t__respondent_id" END AS "respondent_id",
    s."t__respondent_name" AS "respondent_name",
    CASE WHEN length(s."t__right_holder_id") = 18 THEN coalesce(ipl_credit_code(s."t__right_holder_id"), s."t__right_holder_id") ELSE s."t__right_holder_id" END AS "right_holder_id",
    s."t__right_holder_name" AS "right_holder_name",
    list_transform(coalesce(ipl_list(s."t__rights"), []), lambda x: coalesce(ipl_patent_number(x), x)) AS "rights",
    ipl_money(s."t__goods_value") AS "goods_value",
    ipl_money(s."t__fine") AS "fine",
    ipl_money(s."t__confiscated") AS "confiscated",
    ipl_money(s."t__recovered") AS "recovered",
    ipl_bool(s."t__transferred_to_police") AS "transferred_to_police",
    ipl_bool(s."t__cross_region") AS "cross_region",
    ipl_bool(s."t__typical") AS "typical",
    s."t__case_no",
    s."t__types",
    s."t__region_code",
    s."t__opened_date",
    s."t__closed_date",
    s."t__outcome",
    s."t__respondent_id",
    s."t__respondent_name",
    s."t__right_holder_id",
    s."t__right_holder_name",
    s."t__rights",
    s."t__goods_value",
    s."t__fine",
    s."t__confiscated",
    s."t__recovered",
    s."t__transferred_to_police",
    s."t__cross_region",
    s."t__typical",
    CASE WHEN s."t__case_no" IS NULL THEN 'required, but blank' END AS "e__case_no__0",
    CASE WHEN len(list_transform(coalesce(ipl_list(s."t__types"), []), lambda x: lower(x))) = 0 THEN 'required, but blank' WHEN len(list_filter(list_transform(coalesce(ipl_list(s."t__types"), []), lambda x: lower(x)), lambda x: NOT list_contains(['trademark_infringement', 'patent_dispute', 'patent_counterfeiting', 'gi_infringement', 'other'], x))) > 0 THEN 'not one of trademark_infringement|patent_dispute|patent_counterfeiting|gi_infringement|other: ' || array_to_string(list_filter(list_transform(coalesce(ipl_list(s."t__types"), []), lambda x: lower(x)), lambda x: NOT list_contains(['trademark_infringement', 'patent_dispute', 'patent_counterfeiting', 'gi_infringement', 'other'], x)), ';') END AS "e__types__0",
    coalesce(CASE WHEN s."t__region_code" IS NOT NULL AND NOT regexp_full_match(s."t__region_code", '[0-9]{6}') THEN 'not a 6-digit region code' END, CASE WHEN s."t__region_code" IS NOT NULL AND m_region_code.code IS NULL THEN 'not a known region code (GB/T 2260 table or a regions file)' END) AS "e__region_code__0",
    CASE WHEN s."t__opened_date" IS NULL THEN 'required, but blank' END AS "e__opened_date__0",
    CASE WHEN lower(s."t__outcome") IS NOT NULL AND NOT list_contains(['penalty', 'mediated', 'ruled_infringing', 'ruled_not_infringing', 'dismissed', 'withdrawn', 'transferred_to_police', 'other'], lower(s."t__outcome")) THEN 'not one of penalty|mediated|ruled_infringing|ruled_not_infringing|dismissed|withdrawn|transferred_to_police|other' END AS "e__outcome__0"
  FROM (SELECT src.*, nullif(trim(src."case_no", '
　 ﻿'), '') AS "t__case_no", nullif(trim(src."types", '
　 ﻿'), '') AS "t__types", nullif(trim(src."region_code", '
　 ﻿'), '') AS "t__region_code", nullif(trim(src."opened_date", '
　 ﻿'), '') AS "t__opened_date", nullif(trim(src."closed_date", '
　 ﻿'), '') AS "t__closed_date", nullif(trim(src."outcome", '
　 ﻿'), '') AS "t__outcome", nullif(trim(src."respondent_id", '
　 ﻿'), '') AS "t__respondent_id", nullif(trim(src."respondent_name", '
　 ﻿'), '') AS "t__respondent_name", nullif(trim(src."right_holder_id", '
　 ﻿'), '') AS "t__right_holder_id", nullif(trim(src."right_holder_name", '
　 ﻿'), '') AS "t__right_holder_name", nullif(trim(src."rights", '
　 ﻿'), '') AS "t__rights", nullif(trim(src."goods_value", '
　 ﻿'), '') AS "t__goods_value", nullif(trim(src."fine", '
　 ﻿'), '') AS "t__fine", nullif(trim(src."confiscated", '
　 ﻿'), '') AS "t__confiscated", nullif(trim(src."recovered", '
　 ﻿'), '') AS "t__recovered", nullif(trim(src."transferred_to_police", '
　 ﻿'), '') AS "t__transferred_to_police", nullif(trim(src."cross_region", '
　 ﻿'), '') AS "t__cross_region", nullif(trim(src."typical", '
　 ﻿'), '') AS "t__typical" FROM _ipl_src src) s LEFT JOIN _ipl_region_map m_region_code ON m_region_code.code = s."t__region_code"
) i
