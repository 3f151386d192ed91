        WITH _cases AS (
            SELECT x.case_no, x.opened_date, x.closed_date, x.region_code, x.procedure,
                   min(e.occurred_on) FILTER (WHERE list_contains((CASE x.procedure WHEN 'penalty' THEN ['decided', 'transferred_to_police', 'closed'] WHEN 'dispute' THEN ['closed'] END),
                                                                  e.event)) AS met
            FROM (SELECT *, (CASE WHEN list_has_any(types, ['trademark_infringement', 'patent_counterfeiting', 'gi_infringement']) THEN 'penalty' WHEN list_has_any(types, ['patent_dispute']) THEN 'dispute' WHEN list_has_any(types, ['other']) THEN 'other' ELSE 'other' END) AS procedure FROM (SELECT x.* REPLACE (CASE WHEN e.u0 IS NOT NULL AND (greatest(x."closed_date", e.v0) IS NULL OR e.u0 >= greatest(x."closed_date", e.v0)) THEN NULL ELSE greatest(x."closed_date", e.v0) END AS "closed_date") FROM "cases_at"(TIMESTAMP 'infinity') x LEFT JOIN (SELECT "case_no", max(occurred_on) FILTER (WHERE event = 'closed') AS v0, max(occurred_on) FILTER (WHERE event = 'reopened') AS u0 FROM "case_events_at"(TIMESTAMP 'infinity') WHERE NOT void GROUP BY ALL) e ON e."case_no" = x."case_no")) x
            LEFT JOIN (
            WITH _explicit AS (SELECT "case_no", "event", "occurred_on", "actor", "reason", "reference", "authority", "days", "void", false AS implied, CAST(NULL AS VARCHAR) AS detail, recorded_at, source FROM "case_events_at"(TIMESTAMP 'infinity') WHERE NOT void),
                 _implied AS (SELECT x.case_no AS "case_no", 'opened' AS event, x."opened_date" AS occurred_on, CAST(NULL AS VARCHAR) AS detail, x.recorded_at, x.source FROM "cases_at"(TIMESTAMP 'infinity') x WHERE x."opened_date" IS NOT NULL
UNION ALL
SELECT x.case_no AS "case_no", 'closed' AS event, x."closed_date" AS occurred_on, CAST(NULL AS VARCHAR) AS detail, x.recorded_at, x.source FROM "cases_at"(TIMESTAMP 'infinity') x WHERE x."closed_date" IS NOT NULL)
            SELECT * REPLACE (coalesce(void, false) AS void),
                   list_position(['opened', 'investigation', 'hearing_notice', 'hearing', 'extended', 'suspended', 'resumed', 'decided', 'transferred_to_police', 'closed', 'appealed', 'reconsideration', 'reopened'], event) AS rank
            FROM (
                SELECT * FROM _explicit
                UNION ALL BY NAME
                SELECT i.*, true AS implied FROM _implied i
                WHERE NOT EXISTS (SELECT 1 FROM _explicit x WHERE i."case_no" = x."case_no" AND i."event" = x."event" AND i."occurred_on" = x."occurred_on")
            )
        ) e ON e.case_no = x.case_no
            WHERE x.closed_date IS NOT NULL
            GROUP BY ALL
        ), _events AS (
            WITH _explicit AS (SELECT "case_no", "event", "occurred_on", "actor", "reason", "reference", "authority", "days", "void", false AS implied, CAST(NULL AS VARCHAR) AS detail, recorded_at, source FROM "case_events_at"(TIMESTAMP 'infinity') WHERE NOT void),
                 _implied AS (SELECT x.case_no AS "case_no", 'opened' AS event, x."opened_date" AS occurred_on, CAST(NULL AS VARCHAR) AS detail, x.recorded_at, x.source FROM "cases_at"(TIMESTAMP 'infinity') x WHERE x."opened_date" IS NOT NULL
UNION ALL
SELECT x.case_no AS "case_no", 'closed' AS event, x."closed_date" AS occurred_on, CAST(NULL AS VARCHAR) AS detail, x.recorded_at, x.source FROM "cases_at"(TIMESTAMP 'infinity') x WHERE x."closed_date" IS NOT NULL)
            SELECT * REPLACE (coalesce(void, false) AS void),
                   list_position(['opened', 'investigation', 'hearing_notice', 'hearing', 'extended', 'suspended', 'resumed', 'decided', 'transferred_to_police', 'closed', 'appealed', 'reconsideration', 'reopened'], event) AS rank
            FROM (
                SELECT * FROM _explicit
                UNION ALL BY NAME
                SELECT i.*, true AS implied FROM _implied i
                WHERE NOT EXISTS (SELECT 1 FROM _explicit x WHERE i."case_no" = x."case_no" AND i."event" = x."event" AND i."occurred_on" = x."occurred_on")
            )
        ),
        _closed AS (
            SELECT p.label AS period, c.region_code, d.met_on <= d.due AS in_time
            FROM (
        WITH c AS (
            SELECT case_no, opened_date, procedure, CAST(coalesce(c.met, c.closed_date) AS DATE) AS _on
            FROM _cases c
            WHERE list_contains(['penalty', 'dispute'], procedure)
        ), ev AS (
            SELECT e.case_no, e.event, e.occurred_on, e.days, e.rank
            FROM _events e JOIN c ON c.case_no = e.case_no
            WHERE e.occurred_on <= c._on
        ), x AS (
            SELECT *, row_number() OVER (PARTITION BY case_no ORDER BY occurred_on, rank) AS k
            FROM ev WHERE event = 'extended'
        ), ext AS (
            SELECT c.case_no,
                   CAST(sum((CASE c.procedure WHEN 'penalty' THEN (CASE WHEN x.k = 1 THEN 0 WHEN x.k >= 2 THEN 0 ELSE 0 END) WHEN 'dispute' THEN (CASE WHEN x.k = 1 THEN CASE WHEN x.days IS NULL THEN 1 ELSE 0 END ELSE 0 END) ELSE 0 END)) AS INTEGER) AS months,
                   CAST(sum((CASE c.procedure WHEN 'penalty' THEN (CASE WHEN x.k = 1 THEN least(coalesce(x.days, 30), 30) WHEN x.k >= 2 THEN coalesce(x.days, 0) ELSE 0 END) WHEN 'dispute' THEN (CASE WHEN x.k = 1 THEN CASE WHEN x.days IS NULL THEN 0 ELSE least(x.days, (CAST(c.opened_date + to_months(4) AS DATE) - CAST(c.opened_date + to_months(3) AS DATE) + 0)) END ELSE 0 END) ELSE 0 END)) AS INTEGER) AS days,
                   list((CASE c.procedure WHEN 'penalty' THEN (CASE WHEN x.k = 1 THEN 'approval' WHEN x.k >= 2 THEN 'collective' END) WHEN 'dispute' THEN (CASE WHEN x.k = 1 THEN 'approval' END) ELSE NULL END) ORDER BY x.k)
                       FILTER (WHERE (CASE c.procedure WHEN 'penalty' THEN (CASE WHEN x.k = 1 THEN 'approval' WHEN x.k >= 2 THEN 'collective' END) WHEN 'dispute' THEN (CASE WHEN x.k = 1 THEN 'approval' END) ELSE NULL END)
                               IS NOT NULL) AS extensions
            FROM x JOIN c ON c.case_no = x.case_no GROUP BY c.case_no
        ), toggles AS (
            SELECT case_no, event, occurred_on,
                   lag(event) OVER w AS before,
                   first_value(CASE WHEN event = 'resumed' THEN occurred_on END IGNORE NULLS)
                       OVER (w ROWS BETWEEN 1 FOLLOWING AND UNBOUNDED FOLLOWING) AS resumed_on,
                   row_number() OVER w AS n
            FROM ev WHERE event IN ('suspended', 'resumed')
            WINDOW w AS (PARTITION BY case_no ORDER BY occurred_on, rank)
        ), unpaused AS (
            SELECT c.*,
                   CAST(c.opened_date + to_months((CASE c.procedure WHEN 'penalty' THEN 0 WHEN 'dispute' THEN 3 ELSE NULL END)) AS DATE) + (CASE c.procedure WHEN 'penalty' THEN 90 WHEN 'dispute' THEN 0 ELSE NULL END) AS base,
                   CAST(c.opened_date + to_months((CASE c.procedure WHEN 'penalty' THEN 0 WHEN 'dispute' THEN 3 ELSE NULL END) + coalesce(ext.months, 0))
                        AS DATE) + (CASE c.procedure WHEN 'penalty' THEN 90 WHEN 'dispute' THEN 0 ELSE NULL END) + coalesce(ext.days, 0) AS unpaused,
                   coalesce(ext.extensions, []) AS extensions
            FROM c LEFT JOIN ext ON ext.case_no = c.case_no
        ), pauses AS (
            SELECT t.case_no, u.unpaused, t.n, t.resumed_on IS NULL AS running,
                   greatest(t.occurred_on, u.opened_date + 1) AS first_day,
                   CAST(greatest(0, coalesce(t.resumed_on, u._on + 1)
                                    - greatest(t.occurred_on, u.opened_date + 1))
                        AS INTEGER) AS length
            FROM toggles t JOIN unpaused u ON u.case_no = t.case_no
            WHERE t.event = 'suspended' AND t.before IS DISTINCT FROM 'suspended'
        ), counted AS (
            SELECT case_no, sum(length) FILTER (WHERE first_day - earlier <= unpaused) AS paused,
                   bool_or(running) AS suspended
            FROM (SELECT *, CAST(coalesce(sum(length) OVER (PARTITION BY case_no ORDER BY n
                                ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), 0)
                                AS INTEGER) AS earlier
                  FROM pauses)
            GROUP BY case_no
        ), met AS (
            SELECT ev.case_no, min(ev.occurred_on) AS met_on
            FROM ev JOIN c ON c.case_no = ev.case_no
            WHERE list_contains((CASE c.procedure WHEN 'penalty' THEN ['decided', 'transferred_to_police', 'closed'] WHEN 'dispute' THEN ['closed'] ELSE NULL END), ev.event)
            GROUP BY ev.case_no
        )
        SELECT case_no, (CASE c.procedure WHEN 'penalty' THEN _unrolled WHEN 'dispute' THEN _unrolled ELSE NULL END) AS due, base,
               unpaused - base AS extension_days, extensions, paused_days, suspended, met_on
        FROM (
            SELECT u.case_no, u.procedure, u.base, u.unpaused, u.extensions,
                   CAST(coalesce(p.paused, 0) AS INTEGER) AS paused_days,
                   coalesce(p.suspended, false) AS suspended, m.met_on,
                   u.unpaused + CAST(coalesce(p.paused, 0) AS INTEGER) AS _unrolled
            FROM unpaused u
            LEFT JOIN counted p ON p.case_no = u.case_no
            LEFT JOIN met m ON m.case_no = u.case_no
        ) c
    ) d
            JOIN _cases c ON c.case_no = d.case_no
            JOIN _ipl_p p ON year(c.closed_date) = p.year AND month(c.closed_date) BETWEEN p.first_month AND p.last_month
        )
        SELECT 'case_closed_in_time_share' AS indicator, f.period, k.ancestor AS region_code,
               100.0 * count(*) FILTER (WHERE f.in_time) / count(*) AS value
        FROM _closed f JOIN _ipl_closure k ON k.code = f.region_code
        GROUP BY ALL

