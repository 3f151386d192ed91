CREATE OR REPLACE TEMP TABLE _ipl_checked AS
SELECT i._file,
    i._line,
    i."code",
    i."name",
    i."level",
    i."parent_code",
    i."e__code__0",
    i."e__code__1",
    i."e__name__0",
    i."e__level__0",
    i."e__parent_code__0"
FROM (
  SELECT s._file,
    s._line,
    s."t__code" AS "code",
    s."t__name" AS "name",
    lower(s."t__level") AS "level",
    coalesce(m_parent_code.current_code, s."t__parent_code") AS "parent_code",
    s."t__code",
    s."t__name",
    s."t__level",
    s."t__parent_code",
    CASE WHEN s."t__code" IS NULL THEN 'required, but blank' END AS "e__code__0",
    CASE WHEN s."t__code" IS NOT NULL AND NOT regexp_full_match(s."t__code", '[0-9]{6}') THEN 'not a 6-digit region code' END AS "e__code__1",
    CASE WHEN s."t__name" IS NULL THEN 'required, but blank' END AS "e__name__0",
    CASE WHEN lower(s."t__level") IS NOT NULL AND NOT list_contains(['province', 'city', 'county'], lower(s."t__level")) THEN 'not one of province|city|county' END AS "e__level__0",
    coalesce(CASE WHEN s."t__parent_code" IS NOT NULL AND NOT regexp_full_match(s."t__parent_code", '[0-9]{6}') THEN 'not a 6-digit region code' END, CASE WHEN s."t__parent_code" IS NOT NULL AND m_parent_code.code IS NULL THEN 'not a known region code (GB/T 2260 table or a regions file)' END) AS "e__parent_code__0"
  FROM (SELECT src.*, nullif(trim(src."code", '
　 ﻿'), '') AS "t__code", nullif(trim(src."name", '
　 ﻿'), '') AS "t__name", nullif(trim(src."level", '
　 ﻿'), '') AS "t__level", nullif(trim(src."parent_code", '
　 ﻿'), '') AS "t__parent_code" FROM _ipl_src src) s LEFT JOIN _ipl_region_map m_parent_code ON m_parent_code.code = s."t__parent_code"
) i
