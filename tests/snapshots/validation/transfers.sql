CREATE OR REPLACE TEMP TABLE _ipl_checked AS
SELECT i._file,
    i._line,
    CASE WHEN i."right_type" = 'trademark' THEN ipl_trademark_number(i."right_no") ELSE ipl_patent_number(i."right_no") END AS "right_no",
    i."right_type",
    i."kind",
    i."date",
    i."from_id",
    i."from_name",
    i."to_id",
    i."to_name",
    i."to_region_code",
    i."e__right_no__0",
    i."e__right_type__0",
    i."e__kind__0",
    i."e__date__0",
    i."e__to_region_code__0",
    CASE WHEN i."t__date" IS NOT NULL AND i."date" IS NULL THEN ipl_date_error(i."t__date") END AS "m__date",
    CASE WHEN i."right_type" = 'trademark' THEN ipl_trademark_number_error(i."right_no") ELSE ipl_patent_number_error(i."right_no") END AS "x__right_no__0"
FROM (
  SELECT s._file,
    s._line,
    s."t__right_no" AS "right_no",
    coalesce(lower(s."t__right_type"), 'patent') AS "right_type",
    coalesce(lower(s."t__kind"), 'assignment') AS "kind",
    ipl_date(s."t__date") AS "date",
    CASE WHEN length(s."t__from_id") = 18 THEN coalesce(ipl_credit_code(s."t__from_id"), s."t__from_id") ELSE s."t__from_id" END AS "from_id",
    s."t__from_name" AS "from_name",
    CASE WHEN length(s."t__to_id") = 18 THEN coalesce(ipl_credit_code(s."t__to_id"), s."t__to_id") ELSE s."t__to_id" END AS "to_id",
    s."t__to_name" AS "to_name",
    coalesce(m_to_region_code.current_code, s."t__to_region_code") AS "to_region_code",
    s."t__right_no",
    s."t__right_type",
    s."t__kind",
    s."t__date",
    s."t__from_id",
    s."t__from_name",
    s."t__to_id",
    s."t__to_name",
    s."t__to_region_code",
    CASE WHEN s."t__right_no" IS NULL THEN 'required, but blank' END AS "e__right_no__0",
    CASE WHEN lower(s."t__right_type") IS NOT NULL AND NOT list_contains(['patent', 'trademark'], lower(s."t__right_type")) THEN 'not one of patent|trademark' END AS "e__right_type__0",
    CASE WHEN lower(s."t__kind") IS NOT NULL AND NOT list_contains(['assignment', 'licence'], lower(s."t__kind")) THEN 'not one of assignment|licence' END AS "e__kind__0",
    CASE WHEN s."t__date" IS NULL THEN 'required, but blank' END AS "e__date__0",
    coalesce(CASE WHEN s."t__to_region_code" IS NOT NULL AND NOT regexp_full_match(s."t__to_region_code", '[0-9]{6}') THEN 'not a 6-digit region code' END, CASE WHEN s."t__to_region_code" IS NOT NULL AND m_to_region_code.code IS NULL THEN 'not a known region code (GB/T 2260 table or a regions file)' END) AS "e__to_region_code__0"
  FROM (SELECT src.*, nullif(trim(src."right_no", '
　 ﻿'), '') AS "t__right_no", nullif(trim(src."right_type", '
　 ﻿'), '') AS "t__right_type", nullif(trim(src."kind", '
　 ﻿'), '') AS "t__kind", nullif(trim(src."date", '
　 ﻿'), '') AS "t__date", nullif(trim(src."from_id", '
　 ﻿'), '') AS "t__from_id", nullif(trim(src."from_name", '
　 ﻿'), '') AS "t__from_name", nullif(trim(src."to_id", '
　 ﻿'), '') AS "t__to_id", nullif(trim(src."to_name", '
　 ﻿'), '') AS "t__to_name", nullif(trim(src."to_region_code", '
　 ﻿'), '') AS "t__to_region_code" FROM _ipl_src src) s LEFT JOIN _ipl_region_map m_to_region_code ON m_to_region_code.code = s."t__to_region_code"
) i
