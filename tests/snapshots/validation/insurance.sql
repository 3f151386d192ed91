CREATE OR REPLACE TEMP TABLE _ipl_checked AS
SELECT i._file,
    i._line,
    i."policy_no",
    i."product",
    i."insured_id",
    i."insured_name",
    i."region_code",
    i."insurer_name",
    i."start_date",
    i."end_date",
    i."coverage",
    i."premium",
    i."e__policy_no__0",
    i."e__product__0",
    i."e__region_code__0",
    CASE WHEN i."t__start_date" IS NOT NULL AND i."start_date" IS NULL THEN ipl_date_error(i."t__start_date") END AS "m__start_date",
    CASE WHEN i."t__end_date" IS NOT NULL AND i."end_date" IS NULL THEN ipl_date_error(i."t__end_date") END AS "m__end_date",
    CASE WHEN i."t__coverage" IS NOT NULL AND i."coverage" IS NULL THEN ipl_money_error(i."t__coverage") END AS "m__coverage",
    CASE WHEN i."t__premium" IS NOT NULL AND i."premium" IS NULL THEN ipl_money_error(i."t__premium") END AS "m__premium",
    CASE WHEN i."end_date" < i."start_date" THEN 'is before start_date ' || CAST(i."start_date" AS VARCHAR) END AS "x__end_date__0"
FROM (
  SELECT s._file,
    s._line,
    s."t__policy_no" AS "policy_no",
    coalesce(lower(s."t__product"), 'other') AS "product",
    CASE WHEN length(s."t__insured_id") = 18 THEN coalesce(ipl_credit_code(s."t__insured_id"), s."t__insured_id") ELSE s."t__insured_id" END AS "insured_id",
    s."t__insured_name" AS "insured_name",
    coalesce(m_region_code.current_code, s."t__region_code") AS "region_code",
    s."t__insurer_name" AS "insurer_name",
    ipl_date(s."t__start_date") AS "start_date",
    ipl_date(s."t__end_date") AS "end_date",
    ipl_money(s."t__coverage") AS "coverage",
    ipl_money(s."t__premium") AS "premium",
    s."t__policy_no",
    s."t__product",
    s."t__insured_id",
    s."t__insured_name",
    s."t__region_code",
    s."t__insurer_name",
    s."t__start_date",
    s."t__end_date",
    s."t__coverage",
    s."t__premium",
    CASE WHEN s."t__policy_no" IS NULL THEN 'required, but blank' END AS "e__policy_no__0",
    CASE WHEN lower(s."t__product") IS NOT NULL AND NOT list_contains(['enforcement', 'infringement_liability', 'overseas', 'pledge_guarantee', 'full_chain', 'other'], lower(s."t__product")) THEN 'not one of enforcement|infringement_liability|overseas|pledge_guarantee|full_chain|other' END AS "e__product__0",
    coalesce(CASE WHEN s."t__region_code" IS NOT NULL AND NOT regexp_full_match(s."t__region_code", '[0-9]{6}') THEN 'not a 6-digit region code' END, CASE WHEN s."t__region_code" IS NOT NULL AND m_region_code.code IS NULL THEN 'not a known region code (GB/T 2260 table or a regions file)' END) AS "e__region_code__0"
  FROM (SELECT src.*, nullif(trim(src."policy_no", '
　 ﻿'), '') AS "t__policy_no", nullif(trim(src."product", '
　 ﻿'), '') AS "t__product", nullif(trim(src."insured_id", '
　 ﻿'), '') AS "t__insured_id", nullif(trim(src."insured_name", '
　 ﻿'), '') AS "t__insured_name", nullif(trim(src."region_code", '
　 ﻿'), '') AS "t__region_code", nullif(trim(src."insurer_name", '
　 ﻿'), '') AS "t__insurer_name", nullif(trim(src."start_date", '
　 ﻿'), '') AS "t__start_date", nullif(trim(src."end_date", '
　 ﻿'), '') AS "t__end_date", nullif(trim(src."coverage", '
　 ﻿'), '') AS "t__coverage", nullif(trim(src."premium", '
　 ﻿'), '') AS "t__premium" FROM _ipl_src src) s LEFT JOIN _ipl_region_map m_region_code ON m_region_code.code = s."t__region_code"
) i
