CREATE OR REPLACE TEMP TABLE _ipl_checked AS
SELECT i._file,
    i._line,
    i."pledge_id",
    i."registered_date",
    i."pledgor_id",
    i."pledgor_name",
    i."pledgee_id",
    i."pledgee_name",
    i."region_code",
    i."amount",
    i."term_start",
    i."term_end",
    i."released_date",
    i."rights",
    i."e__pledge_id__0",
    i."e__registered_date__0",
    i."e__region_code__0",
    i."e__amount__0",
    CASE WHEN i."t__registered_date" IS NOT NULL AND i."registered_date" IS NULL THEN ipl_date_error(i."t__registered_date") END AS "m__registered_date",
    CASE WHEN i."t__amount" IS NOT NULL AND i."amount" IS NULL THEN ipl_money_error(i."t__amount") END AS "m__amount",
    CASE WHEN i."t__term_start" IS NOT NULL AND i."term_start" IS NULL THEN ipl_date_error(i."t__term_start") END AS "m__term_start",
    CASE WHEN i."t__term_end" IS NOT NULL AND i."term_end" IS NULL THEN ipl_date_error(i."t__term_end") END AS "m__term_end",
    CASE WHEN i."t__released_date" IS NOT NULL AND i."released_date" IS NULL THEN ipl_date_error(i."t__released_date") END AS "m__released_date",
    CASE WHEN i."term_end" < i."term_start" THEN 'is before term_start ' || CAST(i."term_start" AS VARCHAR) END AS "x__term_end__0",
    CASE WHEN i."released_date" < i."registered_date" THEN 'is before registered_date ' || CAST(i."registered_date" AS VARCHAR) END AS "x__released_date__1"
FROM (
  SELECT s._file,
    s._line,
    s."t__pledge_id" AS "pledge_id",
    ipl_date(s."t__registered_date") AS "registered_date",
    CASE WHEN length(s."t__pledgor_id") = 18 THEN coalesce(ipl_credit_code(s."t__pledgor_id"), s."t__pledgor_id") ELSE s."t__pledgor_id" END AS "pledgor_id",
    s."t__pledgor_name" AS "pledgor_name",
    CASE WHEN length(s."t__pledgee_id") = 18 THEN coalesce(ipl_credit_code(s."t__pledgee_id"), s."t__pledgee_id") ELSE s."t__pledgee_id" END AS "pledgee_id",
    s."t__pledgee_name" AS "pledgee_name",
    coalesce(m_region_code.current_code, s."t__region_code") AS "region_code",
    ipl_money(s."t__amount") AS "amount",
    ipl_date(s."t__term_start") AS "term_start",
    ipl_date(s."t__term_end") AS "term_end",
    ipl_date(s."t__released_date") AS "released_date",
    list_transform(coalesce(ipl_list(s."t__rights"), []), lambda x: coalesce(ipl_patent_number(x), x)) AS "rights",
    s."t__pledge_id",
    s."t__registered_date",
    s."t__pledgor_id",
    s."t__pledgor_name",
    s."t__pledgee_id",
    s."t__pledgee_name",
    s."t__region_code",
    s."t__amount",
    s."t__term_start",
    s."t__term_end",
    s."t__released_date",
    s."t__rights",
    CASE WHEN s."t__pledge_id" IS NULL THEN 'required, but blank' END AS "e__pledge_id__0",
    CASE WHEN s."t__registered_date" IS NULL THEN 'required, but blank' END AS "e__registered_date__0",
    coalesce(CASE WHEN s."t__region_code" IS NOT NULL AND NOT regexp_full_match(s."t__region_code", '[0-9]{6}') THEN 'not a 6-digit region code' END, CASE WHEN s."t__region_code" IS NOT NULL AND m_region_code.code IS NULL THEN 'not a known region code (GB/T 2260 table or a regions file)' END) AS "e__region_code__0",
    CASE WHEN s."t__amount" IS NULL THEN 'required, but blank' END AS "e__amount__0"
  FROM (SELECT src.*, nullif(trim(src."pledge_id", '
　 ﻿'), '') AS "t__pledge_id", nullif(trim(src."registered_date", '
　 ﻿'), '') AS "t__registered_date", nullif(trim(src."pledgor_id", '
　 ﻿'), '') AS "t__pledgor_id", nullif(trim(src."pledgor_name", '
　 ﻿'), '') AS "t__pledgor_name", nullif(trim(src."pledgee_id", '
　 ﻿'), '') AS "t__pledgee_id", nullif(trim(src."pledgee_name", '
　 ﻿'), '') AS "t__pledgee_name", nullif(trim(src."region_code", '
　 ﻿'), '') AS "t__region_code", nullif(trim(src."amount", '
　 ﻿'), '') AS "t__amount", nullif(trim(src."term_start", '
　 ﻿'), '') AS "t__term_start", nullif(trim(src."term_end", '
　 ﻿'), '') AS "t__term_end", nullif(trim(src."released_date", '
　 ﻿'), '') AS "t__released_date", nullif(trim(src."rights", '
　 ﻿'), '') AS "t__rights" FROM _ipl_src src) s LEFT JOIN _ipl_region_map m_region_code ON m_region_code.code = s."t__region_code"
) i
