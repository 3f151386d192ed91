CREATE OR REPLACE TEMP TABLE _ipl_checked AS
SELECT i._file,
    i._line,
    i."gi_ref",
    i."user_id",
    i."event",
    i."occurred_on",
    i."labels",
    i."actor",
    i."reason",
    i."reference",
    i."void",
    i."e__gi_ref__0",
    i."e__user_id__0",
    i."e__event__0",
    i."e__event__1",
    i."e__occurred_on__0",
    i."e__labels__0",
    i."e__labels__1",
    CASE WHEN i."t__occurred_on" IS NOT NULL AND i."occurred_on" IS NULL THEN ipl_date_error(i."t__occurred_on") END AS "m__occurred_on",
    CASE WHEN i."t__void" IS NOT NULL AND i."void" IS NULL THEN ipl_bool_error(i."t__void") END AS "m__void"
FROM (
  SELECT s._file,
    s._line,
    s."t__gi_ref" AS "gi_ref",
    CASE WHEN length(s."t__user_id") = 18 THEN coalesce(ipl_credit_code(s."t__user_id"), s."t__user_id") ELSE s."t__user_id" END AS "user_id",
    lower(s."t__event") AS "event",
    ipl_date(s."t__occurred_on") AS "occurred_on",
    TRY_CAST(replace(s."t__labels", ',', '') AS BIGINT) AS "labels",
    s."t__actor" AS "actor",
    s."t__reason" AS "reason",
    s."t__reference" AS "reference",
    ipl_bool(s."t__void") AS "void",
    s."t__gi_ref",
    s."t__user_id",
    s."t__event",
    s."t__occurred_on",
    s."t__labels",
    s."t__actor",
    s."t__reason",
    s."t__reference",
    s."t__void",
    CASE WHEN s."t__gi_ref" IS NULL THEN 'required, but blank' END AS "e__gi_ref__0",
    CASE WHEN s."t__user_id" IS NULL THEN 'required, but blank' END AS "e__user_id__0",
    CASE WHEN s."t__event" IS NULL THEN 'required, but blank' END AS "e__event__0",
    CASE WHEN lower(s."t__event") IS NOT NULL AND NOT list_contains(['approved', 'labels_used', 'revoked'], lower(s."t__event")) THEN 'not one of approved|labels_used|revoked' END AS "e__event__1",
    CASE WHEN s."t__occurred_on" IS NULL THEN 'required, but blank' END AS "e__occurred_on__0",
    CASE WHEN s."t__labels" IS NOT NULL AND NOT regexp_full_match(replace(s."t__labels", ',', ''), '[+-]?[0-9]{1,18}') THEN 'not a whole number' END AS "e__labels__0",
    CASE WHEN TRY_CAST(replace(s."t__labels", ',', '') AS BIGINT) < 0 THEN 'must not be negative' END AS "e__labels__1"
  FROM (SELECT src.*, nullif(trim(src."gi_ref", '
　 ﻿'), '') AS "t__gi_ref", nullif(trim(src."user_id", '
　 ﻿'), '') AS "t__user_id", nullif(trim(src."event", '
　 ﻿'), '') AS "t__event", nullif(trim(src."occurred_on", '
　 ﻿'), '') AS "t__occurred_on", nullif(trim(src."labels", '
　 ﻿'), '') AS "t__labels", nullif(trim(src."actor", '
　 ﻿'), '') AS "t__actor", nullif(trim(src."reason", '
　 ﻿'), '') AS "t__reason", nullif(trim(src."reference", '
　 ﻿'), '') AS "t__reference", nullif(trim(src."void", '
　 ﻿'), '') AS "t__void" FROM _ipl_src src) s
) i
