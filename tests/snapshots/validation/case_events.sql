CREATE OR REPLACE TEMP TABLE _ipl_checked AS
SELECT i._file,
    i._line,
    i."case_no",
    i."event",
    i."occurred_on",
    i."actor",
    i."reason",
    i."reference",
    i."authority",
    i."days",
    i."void",
    i."e__case_no__0",
    i."e__event__0",
    i."e__event__1",
    i."e__occurred_on__0",
    i."e__authority__0",
    i."e__days__0",
    i."e__days__1",
    CASE WHEN i."t__occurred_on" IS NOT NULL AND i."occurred_on" IS NULL THEN ipl_date_error(i."t__occurred_on") END AS "m__occurred_on",
    CASE WHEN i."t__void" IS NOT NULL AND i."void" IS NULL THEN ipl_bool_error(i."t__void") END AS "m__void"
FROM (
  SELECT s._file,
    s._line,
    s."t__case_no" AS "case_no",
    lower(s."t__event") AS "event",
    ipl_date(s."t__occurred_on") AS "occurred_on",
    s."t__actor" AS "actor",
    s."t__reason" AS "reason",
    s."t__reference" AS "reference",
    lower(s."t__authority") AS "authority",
    TRY_CAST(replace(s."t__days", ',', '') AS BIGINT) AS "days",
    ipl_bool(s."t__void") AS "void",
    s."t__case_no",
    s."t__event",
    s."t__occurred_on",
    s."t__actor",
    s."t__reason",
    s."t__reference",
    s."t__authority",
    s."t__days",
    s."t__void",
    CASE WHEN s."t__case_no" IS NULL THEN 'required, but blank' END AS "e__case_no__0",
    CASE WHEN s."t__event" IS NULL THEN 'required, but blank' END AS "e__event__0",
    CASE WHEN lower(s."t__event") IS NOT NULL AND NOT list_contains(['opened', 'investigation', 'hearing_notice', 'hearing', 'extended', 'suspended', 'resumed', 'decided', 'transferred_to_police', 'closed', 'appealed', 'reconsideration', 'reopened'], lower(s."t__event")) THEN 'not one of opened|investigation|hearing_notice|hearing|extended|suspended|resumed|decided|transferred_to_police|closed|appealed|reconsideration|reopened' END AS "e__event__1",
    CASE WHEN s."t__occurred_on" IS NULL THEN 'required, but blank' END AS "e__occurred_on__0",
    CASE WHEN lower(s."t__authority") IS NOT NULL AND NOT list_contains(['approval', 'collective'], lower(s."t__authority")) THEN 'not one of approval|collective' END AS "e__authority__0",
    CASE WHEN s."t__days" IS NOT NULL AND NOT regexp_full_match(replace(s."t__days", ',', ''), '[+-]?[0-9]{1,18}') THEN 'not a whole number' END AS "e__days__0",
    CASE WHEN TRY_CAST(replace(s."t__days", ',', '') AS BIGINT) NOT BETWEEN 1 AND 3650 THEN 'must be between 1 and 3650' END AS "e__days__1"
  FROM (SELECT src.*, nullif(trim(src."case_no", '
　 ﻿'), '') AS "t__case_no", nullif(trim(src."event", '
　 ﻿'), '') AS "t__event", nullif(trim(src."occurred_on", '
　 ﻿'), '') AS "t__occurred_on", nullif(trim(src."actor", '
　 ﻿'), '') AS "t__actor", nullif(trim(src."reason", '
　 ﻿'), '') AS "t__reason", nullif(trim(src."reference", '
　 ﻿'), '') AS "t__reference", nullif(trim(src."authority", '
　 ﻿'), '') AS "t__authority", nullif(trim(src."days", '
　 ﻿'), '') AS "t__days", nullif(trim(src."void", '
　 ﻿'), '') AS "t__void" FROM _ipl_src src) s
) i
