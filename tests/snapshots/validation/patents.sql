CREATE OR REPLACE TEMP TABLE _ipl_checked AS
SELECT i._file,
    i._line,
    i."application_no",
    coalesce(i."kind", ipl_patent_kind(i."application_no")) AS "kind",
    i."title",
    i."holder_id",
    i."holder_name",
    i."region_code",
    i."filing_date",
    i."grant_date",
    i."lapse_date",
    i."ipc",
    i."strategic_emerging",
    i."overseas_family_granted",
    i."award",
    i."term_extension_days",
    i."e__application_no__0",
    i."e__kind__0",
    i."e__region_code__0",
    i."e__award__0",
    i."e__term_extension_days__0",
    i."e__term_extension_days__1",
    CASE WHEN i."t__application_no" IS NOT NULL AND i."application_no" IS NULL THEN ipl_patent_number_error(i."t__application_no") END AS "m__application_no",
    CASE WHEN i."t__filing_date" IS NOT NULL AND i."filing_date" IS NULL THEN ipl_date_error(i."t__filing_date") END AS "m__filing_date",
    CASE WHEN i."t__grant_date" IS NOT NULL AND i."grant_date" IS NULL THEN ipl_date_error(i."t__grant_date") END AS "m__grant_date",
    CASE WHEN i."t__lapse_date" IS NOT NULL AND i."lapse_date" IS NULL THEN ipl_date_error(i."t__lapse_date") END AS "m__lapse_date",
    CASE WHEN i."t__strategic_emerging" IS NOT NULL AND i."strategic_emerging" IS NULL THEN ipl_bool_error(i."t__strategic_emerging") END AS "m__strategic_emerging",
    CASE WHEN i."t__overseas_family_granted" IS NOT NULL AND i."overseas_family_granted" IS NULL THEN ipl_bool_error(i."t__overseas_family_granted") END AS "m__overseas_family_granted",
    CASE WHEN i."kind" IS NOT NULL AND list_contains(['invention', 'utility_model', 'design'], i."kind") AND i."kind" <> ipl_patent_kind(i."application_no") THEN 'does not match application number ' || i."application_no" || ' (' || ipl_patent_kind(i."application_no") || ')' END AS "x__kind__0",
    CASE WHEN i."grant_date" < i."filing_date" THEN 'is before filing_date ' || CAST(i."filing_date" AS VARCHAR) END AS "x__grant_date__1",
    CASE WHEN i."lapse_date" < i."filing_date" THEN 'is before filing_date ' || CAST(i."filing_date" AS VARCHAR) END AS "x__lapse_date__2",
    CASE WHEN i."lapse_date" < i."grant_date" THEN 'is before grant_date ' || CAST(i."grant_date" AS VARCHAR) END AS "x__lapse_date__3"
FROM (
  SELECT s._file,
    s._line,
    ipl_patent_number(s."t__application_no") AS "application_no",
    lower(s."t__kind") AS "kind",
    s."t__title" AS "title",
    CASE WHEN length(s."t__holder_id") = 18 THEN coalesce(ipl_credit_code(s."t__holder_id"), s."t__holder_id") ELSE s."t__holder_id" END AS "holder_id",
    s."t__holder_name" AS "holder_name",
    coalesce(m_region_code.current_code, s."t__region_code") AS "region_code",
    ipl_date(s."t__filing_date") AS "filing_date",
    ipl_date(s."t__grant_date") AS "grant_date",
    ipl_date(s."t__lapse_date") AS "lapse_date",
    s."t__ipc" AS "ipc",
    ipl_bool(s."t__strategic_emerging") AS "strategic_emerging",
    ipl_bool(s."t__overseas_family_granted") AS "overseas_family_granted",
    coalesce(lower(s."t__award"), 'none') AS "award",
    TRY_CAST(replace(s."t__term_extension_days", ',', '') AS BIGINT) AS "term_extension_days",
    s."t__application_no",
    s."t__kind",
    s."t__title",
    s."t__holder_id",
    s."t__holder_name",
    s."t__region_code",
    s."t__filing_date",
    s."t__grant_date",
    s."t__lapse_date",
    s."t__ipc",
    s."t__strategic_emerging",
    s."t__overseas_family_granted",
    s."t__award",
    s."t__term_extension_days",
    CASE WHEN s."t__application_no" IS NULL THEN 'required, but blank' END AS "e__application_no__0",
    CASE WHEN lower(s."t__kind") IS NOT NULL AND NOT list_contains(['invention', 'utility_model', 'design'], lower(s."t__kind")) THEN 'not one of invention|utility_model|design' END AS "e__kind__0",
    coalesce(CASE WHEN s."t__region_code" IS NOT NULL AND NOT regexp_full_match(s."t__region_code", '[0-9]{6}') THEN 'not a 6-digit region code' END, CASE WHEN s."t__region_code" IS NOT NULL AND m_region_code.code IS NULL THEN 'not a known region code (GB/T 2260 table or a regions file)' END) AS "e__region_code__0",
    CASE WHEN lower(s."t__award") IS NOT NULL AND NOT list_contains(['none', 'excellence', 'silver', 'gold'], lower(s."t__award")) THEN 'not one of none|excellence|silver|gold' END AS "e__award__0",
    CASE WHEN s."t__term_extension_days" IS NOT NULL AND NOT regexp_full_match(replace(s."t__term_extension_days", ',', ''), '[+-]?[0-9]{1,18}') THEN 'not a whole number' END AS "e__term_extension_days__0",
    CASE WHEN TRY_CAST(replace(s."t__term_extension_days", ',', '') AS BIGINT) < 0 THEN 'must not be negative' END AS "e__term_extension_days__1"
  FROM (SELECT src.*, nullif(trim(src."application_no", '
　 ﻿'), '') AS "t__application_no", nullif(trim(src."kind", '
　 ﻿'), '') AS "t__kind", nullif(trim(src."title", '
　 ﻿'), '') AS "t__title", nullif(trim(src."holder_id", '
　 ﻿'), '') AS "t__holder_id", nullif(trim(src."holder_name", '
　 ﻿'), '') AS "t__holder_name", nullif(trim(src."region_code", '
　 ﻿'), '') AS "t__region_code", nullif(trim(src."filing_date", '
　 ﻿'), '') AS "t__filing_date", nullif(trim(src."grant_date", '
　 ﻿'), '') AS "t__grant_date", nullif(trim(src."lapse_date", '
　 ﻿'), '') AS "t__lapse_date", nullif(trim(src."ipc", '
　 ﻿'), '') AS "t__ipc", nullif(trim(src."strategic_emerging", '
　 ﻿'), '') AS "t__strategic_emerging", nullif(trim(src."overseas_family_granted", '
　 ﻿'), '') AS "t__overseas_family_granted", nullif(trim(src."award", '
　 ﻿'), '') AS "t__award", nullif(trim(src."term_extension_days", '
　 ﻿'), '') AS "t__term_extension_days" FROM _ipl_src src) s LEFT JOIN _ipl_region_map m_region_code ON m_region_code.code = s."t__region_code"
) i
