CREATE OR REPLACE TEMP TABLE _ipl_checked AS
SELECT i._file,
    i._line,
    i."gi_ref",
    i."user_id",
    i."user_name",
    i."region_code",
    i."approved_date",
    i."revoked_date",
    i."labels_used",
    i."e__gi_ref__0",
    i."e__user_id__0",
    i."e__region_code__0",
    i."e__labels_used__0",
    i."e__labels_used__1",
    CASE WHEN i."t__approved_date" IS NOT NULL AND i."approved_date" IS NULL THEN ipl_date_error(i."t__approved_date") END AS "m__approved_date",
    CASE WHEN i."t__revoked_date" IS NOT NULL AND i."revoked_date" IS NULL THEN ipl_date_error(i."t__revoked_date") END AS "m__revoked_date",
    CASE WHEN i."revoked_date" < i."approved_date" THEN 'is before approved_date ' || CAST(i."approved_date" AS VARCHAR) END AS "x__revoked_date__0"
FROM (
  SELECT s._file,
    s._line,
    s."t__gi_ref" AS "gi_ref",
    CASE WHEN length(s."t__user_id") = 18 THEN coalesce(ipl_credit_code(s."t__user_id"), s."t__user_id") ELSE s."t__user_id" END AS "user_id",
    s."t__user_name" AS "user_name",
    coalesce(m_region_code.current_code, s."t__region_code") AS "region_code",
    ipl_date(s."t__approved_date") AS "approved_date",
    ipl_date(s."t__revoked_date") AS "revoked_date",
    TRY_CAST(replace(s."t__labels_used", ',', '') AS BIGINT) AS "labels_used",
    s."t__gi_ref",
    s."t__user_id",
    s."t__user_name",
    s."t__region_code",
    s."t__approved_date",
    s."t__revoked_date",
    s."t__labels_used",
    CASE WHEN s."t__gi_ref" IS NULL THEN 'required, but blank' END AS "e__gi_ref__0",
    CASE WHEN s."t__user_id" IS NULL THEN 'required, but blank' END AS "e__user_id__0",
    coalesce(CASE WHEN s."t__region_code" IS NOT NULL AND NOT regexp_full_match(s."t__region_code", '[0-9]{6}') THEN 'not a 6-digit region code' END, CASE WHEN s."t__region_code" IS NOT NULL AND m_region_code.code IS NULL THEN 'not a known region code (GB/T 2260 table or a regions file)' END) AS "e__region_code__0",
    CASE WHEN s."t__labels_used" IS NOT NULL AND NOT regexp_full_match(replace(s."t__labels_used", ',', ''), '[+-]?[0-9]{1,18}') THEN 'not a whole number' END AS "e__labels_used__0",
    CASE WHEN TRY_CAST(replace(s."t__labels_used", ',', '') AS BIGINT) < 0 THEN 'must not be negative' END AS "e__labels_used__1"
  FROM (SELECT src.*, nullif(trim(src."gi_ref", '
　 ﻿'), '') AS "t__gi_ref", nullif(trim(src."user_id", '
　 ﻿'), '') AS "t__user_id", nullif(trim(src."user_name", '
　 ﻿'), '') AS "t__user_name", nullif(trim(src."region_code", '
　 ﻿'), '') AS "t__region_code", nullif(trim(src."approved_date", '
　 ﻿'), '') AS "t__approved_date", nullif(trim(src."revoked_date", '
　 ﻿'), '') AS "t__revoked_date", nullif(trim(src."labels_used", '
　 ﻿'), '') AS "t__labels_used" FROM _ipl_src src) s LEFT JOIN _ipl_region_map m_region_code ON m_region_code.code = s."t__region_code"
) i
