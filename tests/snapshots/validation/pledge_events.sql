CREATE OR REPLACE TEMP TABLE _ipl_checked AS
SELECT i._file,
    i._line,
    i."pledge_id",
    i."event",
    i."occurred_on",
    i."actor",
    i."reason",
    i."reference",
    i."amount",
    i."term_end",
    i."rights",
    i."void",
    i."e__pledge_id__0",
    i."e__event__0",
    i."e__event__1",
    i."e__occurred_on__0",
    CASE WHEN i."t__occurred_on" IS NOT NULL AND i."occurred_on" IS NULL THEN ipl_date_error(i."t__occurred_on") END AS "m__occurred_on",
    CASE WHEN i."t__amount" IS NOT NULL AND i."amount" IS NULL THEN ipl_money_error(i."t__amount") END AS "m__amount",
    CASE WHEN i."t__term_end" IS NOT NULL AND i."term_end" IS NULL THEN ipl_date_error(i."t__term_end") END AS "m__term_end",
    CASE WHEN i."t__void" IS NOT NULL AND i."void" IS NULL THEN ipl_bool_error(i."t__void") END AS "m__void"
FROM (
  SELECT s._file,
    s._line,
    s."t__pledge_id" AS "pledge_id",
    lower(s."t__event") AS "event",
    ipl_date(s."t__occurred_on") AS "occurred_on",
    s."t__actor" AS "actor",
    s."t__reason" AS "reason",
    s."t__reference" AS "reference",
    ipl_money(s."t__amount") AS "amount",
    ipl_date(s."t__term_end") AS "term_end",
    list_transform(coalesce(ipl_list(s."t__rights"), []), lambda x: coalesce(ipl_patent_number(x), x)) AS "rights",
    ipl_bool(s."t__void") AS "void",
    s."t__pledge_id",
    s."t__event",
    s."t__occurred_on",
    s."t__actor",
    s."t__reason",
    s."t__reference",
    s."t__amount",
    s."t__term_end",
    s."t__rights",
    s."t__void",
    CASE WHEN s."t__pledge_id" IS NULL THEN 'required, but blank' END AS "e__pledge_id__0",
    CASE WHEN s."t__event" IS NULL THEN 'required, but blank' END AS "e__event__0",
    CASE WHEN lower(s."t__event") IS NOT NULL AND NOT list_contains(['registered', 'changed', 'released', 'expired', 'enforced'], lower(s."t__event")) THEN 'not one of registered|changed|released|expired|enforced' END AS "e__event__1",
    CASE WHEN s."t__occurred_on" IS NULL THEN 'required, but blank' END AS "e__occurred_on__0"
  FROM (SELECT src.*, nullif(trim(src."pledge_id", '
　 ﻿'), '') AS "t__pledge_id", nullif(trim(src."event", '
　 ﻿'), '') AS "t__event", nullif(trim(src."occurred_on", '
　 ﻿'), '') AS "t__occurred_on", nullif(trim(src."actor", '
　 ﻿'), '') AS "t__actor", nullif(trim(src."reason", '
　 ﻿'), '') AS "t__reason", nullif(trim(src."reference", '
　 ﻿'), '') AS "t__reference", nullif(trim(src."amount", '
　 ﻿'), '') AS "t__amount", nullif(trim(src."term_end", '
　 ﻿'), '') AS "t__term_end", nullif(trim(src."rights", '
　 ﻿'), '') AS "t__rights", nullif(trim(src."void", '
　 ﻿'), '') AS "t__void" FROM _ipl_src src) s
) i
