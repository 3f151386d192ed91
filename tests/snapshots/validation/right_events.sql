CREATE OR REPLACE TEMP TABLE _ipl_checked AS
SELECT i._file,
    i._line,
    CASE WHEN i."right_type" = 'trademark' THEN ipl_trademark_number(i."right_no") ELSE ipl_patent_number(i."right_no") END AS "right_no",
    i."right_type",
    i."event",
    i."occurred_on",
    i."actor",
    i."reason",
    i."reference",
    i."void",
    i."e__right_no__0",
    i."e__right_type__0",
    i."e__event__0",
    i."e__event__1",
    i."e__occurred_on__0",
    CASE WHEN i."t__occurred_on" IS NOT NULL AND i."occurred_on" IS NULL THEN ipl_date_error(i."t__occurred_on") END AS "m__occurred_on",
    CASE WHEN i."t__void" IS NOT NULL AND i."void" IS NULL THEN ipl_bool_error(i."t__void") END AS "m__void",
    CASE WHEN i."right_type" = 'trademark' THEN ipl_trademark_number_error(i."right_no") ELSE ipl_patent_number_error(i."right_no") END AS "x__right_no__0"
FROM (
  SELECT s._file,
    s._line,
    s."t__right_no" AS "right_no",
    coalesce(lower(s."t__right_type"), 'patent') AS "right_type",
    lower(s."t__event") AS "event",
    ipl_date(s."t__occurred_on") AS "occurred_on",
    s."t__actor" AS "actor",
    s."t__reason" AS "reason",
    s."t__reference" AS "reference",
    ipl_bool(s."t__void") AS "void",
    s."t__right_no",
    s."t__right_type",
    s."t__event",
    s."t__occurred_on",
    s."t__actor",
    s."t__reason",
    s."t__reference",
    s."t__void",
    CASE WHEN s."t__right_no" IS NULL THEN 'required, but blank' END AS "e__right_no__0",
    CASE WHEN lower(s."t__right_type") IS NOT NULL AND NOT list_contains(['patent', 'trademark'], lower(s."t__right_type")) THEN 'not one of patent|trademark' END AS "e__right_type__0",
    CASE WHEN s."t__event" IS NULL THEN 'required, but blank' END AS "e__event__0",
    CASE WHEN lower(s."t__event") IS NOT NULL AND NOT list_contains(['filed', 'granted', 'assigned', 'licensed', 'recognised_well_known', 'invalidated', 'lapsed', 'restored', 'expired'], lower(s."t__event")) THEN 'not one of filed|granted|assigned|licensed|recognised_well_known|invalidated|lapsed|restored|expired' END AS "e__event__1",
    CASE WHEN s."t__occurred_on" IS NULL THEN 'required, but blank' END AS "e__occurred_on__0"
  FROM (SELECT src.*, nullif(trim(src."right_no", '
　 ﻿'), '') AS "t__right_no", nullif(trim(src."right_type", '
　 ﻿'), '') AS "t__right_type", nullif(trim(src."event", '
　 ﻿'), '') AS "t__event", nullif(trim(src."occurred_on", '
　 ﻿'), '') AS "t__occurred_on", nullif(trim(src."actor", '
　 ﻿'), '') AS "t__actor", nullif(trim(src."reason", '
　 ﻿'), '') AS "t__reason", nullif(trim(src."reference", '
　 ﻿'), '') AS "t__reference", nullif(trim(src."void", '
　 ﻿'), '') AS "t__void" FROM _ipl_src src) s
) i
