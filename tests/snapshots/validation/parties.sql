CREATE OR REPLACE TEMP TABLE _ipl_checked AS
SELECT i._file,
    i._line,
    CASE WHEN i."kind" IS NOT NULL AND i."kind" <> 'individual' THEN ipl_credit_code(i."party_id") WHEN length(i."party_id") = 18 THEN coalesce(ipl_credit_code(i."party_id"), i."party_id") ELSE i."party_id" END AS "party_id",
    i."name",
    i."kind",
    i."region_code",
    i."size",
    i."designations",
    i."e__party_id__0",
    i."e__name__0",
    i."e__kind__0",
    i."e__region_code__0",
    i."e__size__0",
    CASE WHEN i."kind" IS NOT NULL AND i."kind" <> 'individual' THEN ipl_credit_code_error(i."party_id") END AS "x__party_id__0"
FROM (
  SELECT s._file,
    s._line,
    s."t__party_id" AS "party_id",
    s."t__name" AS "name",
    lower(s."t__kind") AS "kind",
    coalesce(m_region_code.current_code, s."t__region_code") AS "region_code",
    lower(s."t__size") AS "size",
    coalesce(ipl_list(s."t__designations"), []) AS "designations",
    s."t__party_id",
    s."t__name",
    s."t__kind",
    s."t__region_code",
    s."t__size",
    s."t__designations",
    CASE WHEN s."t__party_id" IS NULL THEN 'required, but blank' END AS "e__party_id__0",
    CASE WHEN s."t__name" IS NULL THEN 'required, but blank' END AS "e__name__0",
    CASE WHEN lower(s."t__kind") IS NOT NULL AND NOT list_contains(['enterprise', 'university', 'research_institute', 'association', 'bank', 'insurer', 'individual', 'government', 'other'], lower(s."t__kind")) THEN 'not one of enterprise|university|research_institute|association|bank|insurer|individual|government|other' END AS "e__kind__0",
    coalesce(CASE WHEN s."t__region_code" IS NOT NULL AND NOT regexp_full_match(s."t__region_code", '[0-9]{6}') THEN 'not a 6-digit region code' END, CASE WHEN s."t__region_code" IS NOT NULL AND m_region_code.code IS NULL THEN 'not a known region code (GB/T 2260 table or a regions file)' END) AS "e__region_code__0",
    CASE WHEN lower(s."t__size") IS NOT NULL AND NOT list_contains(['micro', 'small', 'medium', 'large'], lower(s."t__size")) THEN 'not one of micro|small|medium|large' END AS "e__size__0"
  FROM (SELECT src.*, nullif(trim(src."party_id", '
　 ﻿'), '') AS "t__party_id", nullif(trim(src."name", '
　 ﻿'), '') AS "t__name", nullif(trim(src."kind", '
　 ﻿'), '') AS "t__kind", nullif(trim(src."region_code", '
　 ﻿'), '') AS "t__region_code", nullif(trim(src."size", '
　 ﻿'), '') AS "t__size", nullif(trim(src."designations", '
　 ﻿'), '') AS "t__designations" FROM _ipl_src src) s LEFT JOIN _ipl_region_map m_region_code ON m_region_code.code = s."t__region_code"
) i
