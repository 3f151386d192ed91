CREATE OR REPLACE TEMP TABLE _ipl_checked AS
SELECT i._file,
    i._line,
    i."registration_no",
    i."mark",
    i."nice_classes",
    i."kind",
    i."geographical_indication",
    i."holder_id",
    i."holder_name",
    i."region_code",
    i."application_date",
    i."registration_date",
    i."lapse_date",
    i."well_known_date",
    i."expiry_date",
    i."e__registration_no__0",
    i."e__nice_classes__0",
    i."e__kind__0",
    i."e__region_code__0",
    CASE WHEN i."t__registration_no" IS NOT NULL AND i."registration_no" IS NULL THEN ipl_trademark_number_error(i."t__registration_no") END AS "m__registration_no",
    CASE WHEN i."t__geographical_indication" IS NOT NULL AND i."geographical_indication" IS NULL THEN ipl_bool_error(i."t__geographical_indication") END AS "m__geographical_indication",
    CASE WHEN i."t__application_date" IS NOT NULL AND i."application_date" IS NULL THEN ipl_date_error(i."t__application_date") END AS "m__application_date",
    CASE WHEN i."t__registration_date" IS NOT NULL AND i."registration_date" IS NULL THEN ipl_date_error(i."t__registration_date") END AS "m__registration_date",
    CASE WHEN i."t__lapse_date" IS NOT NULL AND i."lapse_date" IS NULL THEN ipl_date_error(i."t__lapse_date") END AS "m__lapse_date",
    CASE WHEN i."t__well_known_date" IS NOT NULL AND i."well_known_date" IS NULL THEN ipl_date_error(i."t__well_known_date") END AS "m__well_known_date",
    CASE WHEN i."t__expiry_date" IS NOT NULL AND i."expiry_date" IS NULL THEN ipl_date_error(i."t__expiry_date") END AS "m__expiry_date",
    CASE WHEN i."registration_date" < i."application_date" THEN 'is before application_date ' || CAST(i."application_date" AS VARCHAR) END AS "x__registration_date__0",
    CASE WHEN i."lapse_date" < i."registration_date" THEN 'is before registration_date ' || CAST(i."registration_date" AS VARCHAR) END AS "x__lapse_date__1",
    CASE WHEN i."well_known_date" < i."registration_date" THEN 'is before registration_date ' || CAST(i."registration_date" AS VARCHAR) END AS "x__well_known_date__2",
    CASE WHEN i."expiry_date" < i."registration_date" THEN 'is before registration_date ' || CAST(i."registration_date" AS VARCHAR) END AS "x__expiry_date__3"
FROM (
  SELECT s._file,
    s._line,
    ipl_trademark_number(s."t__registration_no") AS "registration_no",
    s."t__mark" AS "mark",
    list_transform(coalesce(ipl_list(s."t__nice_classes"), []), lambda x: TRY_CAST(x AS SMALLINT)) AS "nice_classes",
    coalesce(lower(s."t__kind"), 'ordinary') AS "kind",
    ipl_bool(s."t__geographical_indication") AS "geographical_indication",
    CASE WHEN length(s."t__holder_id") = 18 THEN coalesce(ipl_credit_code(s."t__holder_id"), s."t__holder_id") ELSE s."t__holder_id" END AS "holder_id",
    s."t__holder_name" AS "holder_name",
    coalesce(m_region_code.current_code, s."t__region_code") AS "region_code",
    ipl_date(s."t__application_date") AS "application_date",
    ipl_date(s."t__registration_date") AS "registration_date",
    ipl_date(s."t__lapse_date") AS "lapse_date",
    ipl_date(s."t__well_known_date") AS "well_known_date",
    ipl_date(s."t__expiry_date") AS "expiry_date",
    s."t__registration_no",
    s."t__mark",
    s."t__nice_classes",
    s."t__kind",
    s."t__geographical_indication",
    s."t__holder_id",
    s."t__holder_name",
    s."t__region_code",
    s."t__application_date",
    s."t__registration_date",
    s."t__lapse_date",
    s."t__well_known_date",
    s."t__expiry_date",
    CASE WHEN s."t__registration_no" IS NULL THEN 'required, but blank' END AS "e__registration_no__0",
    CASE WHEN len(list_filter(coalesce(ipl_list(s."t__nice_classes"), []), lambda x: NOT coalesce(regexp_full_match(x, '[0-9]{1,2}') AND TRY_CAST(x AS INTEGER) BETWEEN 1 AND 45, false))) > 0 THEN 'Nice classes are 1..45, not ' || array_to_string(list_filter(coalesce(ipl_list(s."t__nice_classes"), []), lambda x: NOT coalesce(regexp_full_match(x, '[0-9]{1,2}') AND TRY_CAST(x AS INTEGER) BETWEEN 1 AND 45, false)), ';') END AS "e__nice_classes__0",
    CASE WHEN lower(s."t__kind") IS NOT NULL AND NOT list_contains(['ordinary', 'collective', 'certification'], lower(s."t__kind")) THEN 'not one of ordinary|collective|certification' END AS "e__kind__0",
    coalesce(CASE WHEN s."t__region_code" IS NOT NULL AND NOT regexp_full_match(s."t__region_code", '[0-9]{6}') THEN 'not a 6-digit region code' END, CASE WHEN s."t__region_code" IS NOT NULL AND m_region_code.code IS NULL THEN 'not a known region code (GB/T 2260 table or a regions file)' END) AS "e__region_code__0"
  FROM (SELECT src.*, nullif(trim(src."registration_no", '
　 ﻿'), '') AS "t__registration_no", nullif(trim(src."mark", '
　 ﻿'), '') AS "t__mark", nullif(trim(src."nice_classes", '
　 ﻿'), '') AS "t__nice_classes", nullif(trim(src."kind", '
　 ﻿'), '') AS "t__kind", nullif(trim(src."geographical_indication", '
　 ﻿'), '') AS "t__geographical_indication", nullif(trim(src."holder_id", '
　 ﻿'), '') AS "t__holder_id", nullif(trim(src."holder_name", '
　 ﻿'), '') AS "t__holder_name", nullif(trim(src."region_code", '
　 ﻿'), '') AS "t__region_code", nullif(trim(src."application_date", '
　 ﻿'), '') AS "t__application_date", nullif(trim(src."registration_date", '
　 ﻿'), '') AS "t__registration_date", nullif(trim(src."lapse_date", '
　 ﻿'), '') AS "t__lapse_date", nullif(trim(src."well_known_date", '
　 ﻿'), '') AS "t__well_known_date", nullif(trim(src."expiry_date", '
　 ﻿'), '') AS "t__expiry_date" FROM _ipl_src src) s LEFT JOIN _ipl_region_map m_region_code ON m_region_code.code = s."t__region_code"
) i
