CREATE OR REPLACE TEMP TABLE _ipl_checked AS
SELECT i._file,
    i._line,
    i."region_code",
    i."year",
    i."population",
    i."e__region_code__0",
    i."e__region_code__1",
    i."e__year__0",
    i."e__year__1",
    i."e__year__2",
    i."e__population__0",
    i."e__population__1",
    i."e__population__2"
FROM (
  SELECT s._file,
    s._line,
    coalesce(m_region_code.current_code, s."t__region_code") AS "region_code",
    TRY_CAST(replace(s."t__year", ',', '') AS BIGINT) AS "year",
    TRY_CAST(replace(s."t__population", ',', '') AS BIGINT) AS "population",
    s."t__region_code",
    s."t__year",
    s."t__population",
    CASE WHEN s."t__region_code" IS NULL THEN 'required, but blank' END AS "e__region_code__0",
    coalesce(CASE WHEN s."t__region_code" IS NOT NULL AND NOT regexp_full_match(s."t__region_code", '[0-9]{6}') THEN 'not a 6-digit region code' END, CASE WHEN s."t__region_code" IS NOT NULL AND m_region_code.code IS NULL THEN 'not a known region code (GB/T 2260 table or a regions file)' END) AS "e__region_code__1",
    CASE WHEN s."t__year" IS NULL THEN 'required, but blank' END AS "e__year__0",
    CASE WHEN s."t__year" IS NOT NULL AND NOT regexp_full_match(replace(s."t__year", ',', ''), '[+-]?[0-9]{1,18}') THEN 'not a whole number' END AS "e__year__1",
    CASE WHEN TRY_CAST(replace(s."t__year", ',', '') AS BIGINT) NOT BETWEEN 1900 AND 2200 THEN 'must be between 1900 and 2200' END AS "e__year__2",
    CASE WHEN s."t__population" IS NULL THEN 'required, but blank' END AS "e__population__0",
    CASE WHEN s."t__population" IS NOT NULL AND NOT regexp_full_match(replace(s."t__population", ',', ''), '[+-]?[0-9]{1,18}') THEN 'not a whole number' END AS "e__population__1",
    CASE WHEN TRY_CAST(replace(s."t__population", ',', '') AS BIGINT) < 0 THEN 'must not be negative' END AS "e__population__2"
  FROM (SELECT src.*, nullif(trim(src."region_code", '
　 ﻿'), '') AS "t__region_code", nullif(trim(src."year", '
　 ﻿'), '') AS "t__year", nullif(trim(src."population", '
　 ﻿'), '') AS "t__population" FROM _ipl_src src) s LEFT JOIN _ipl_region_map m_region_code ON m_region_code.code = s."t__region_code"
) i
