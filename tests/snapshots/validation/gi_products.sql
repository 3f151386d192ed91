CREATE OR REPLACE TEMP TABLE _ipl_checked AS
SELECT i._file,
    i._line,
    i."gi_id",
    i."name",
    i."region_code",
    i."holder_id",
    i."protected_date",
    i."lapse_date",
    i."e__gi_id__0",
    i."e__name__0",
    i."e__region_code__0",
    CASE WHEN i."t__protected_date" IS NOT NULL AND i."protected_date" IS NULL THEN ipl_date_error(i."t__protected_date") END AS "m__protected_date",
    CASE WHEN i."t__lapse_date" IS NOT NULL AND i."lapse_date" IS NULL THEN ipl_date_error(i."t__lapse_date") END AS "m__lapse_date",
    CASE WHEN i."lapse_date" < i."protected_date" THEN 'is before protected_date ' || CAST(i."protected_date" AS VARCHAR) END AS "x__lapse_date__0"
FROM (
  SELECT s._file,
    s._line,
    s."t__gi_id" AS "gi_id",
    s."t__name" AS "name",
    coalesce(m_region_code.current_code, s."t__region_code") AS "region_code",
    CASE WHEN length(s."t__holder_id") = 18 THEN coalesce(ipl_credit_code(s."t__holder_id"), s."t__holder_id") ELSE s."t__holder_id" END AS "holder_id",
    ipl_date(s."t__protected_date") AS "protected_date",
    ipl_date(s."t__lapse_date") AS "lapse_date",
    s."t__gi_id",
    s."t__name",
    s."t__region_code",
    s."t__holder_id",
    s."t__protected_date",
    s."t__lapse_date",
    CASE WHEN s."t__gi_id" IS NULL THEN 'required, but blank' END AS "e__gi_id__0",
    CASE WHEN s."t__name" IS NULL THEN 'required, but blank' END AS "e__name__0",
    coalesce(CASE WHEN s."t__region_code" IS NOT NULL AND NOT regexp_full_match(s."t__region_code", '[0-9]{6}') THEN 'not a 6-digit region code' END, CASE WHEN s."t__region_code" IS NOT NULL AND m_region_code.code IS NULL THEN 'not a known region code (GB/T 2260 table or a regions file)' END) AS "e__region_code__0"
  FROM (SELECT src.*, nullif(trim(src."gi_id", '
　 ﻿'), '') AS "t__gi_id", nullif(trim(src."name", '
　 ﻿'), '') AS "t__name", nullif(trim(src."region_code", '
　 ﻿'), '') AS "t__region_code", nullif(trim(src."holder_id", '
　 ﻿'), '') AS "t__holder_id", nullif(trim(src."protected_date", '
　 ﻿'), '') AS "t__protected_date", nullif(trim(src."lapse_date", '
　 ﻿'), '') AS "t__lapse_date" FROM _ipl_src src) s LEFT JOIN _ipl_region_map m_region_code ON m_region_code.code = s."t__region_code"
) i
