SELECT f.indicator, f.period, c.ancestor AS region_code, median(f.value) AS value FROM (
        WITH closed AS (
            SELECT p.label AS period, x.region_code, x.types,
                   CAST(x.closed_date - x.opened_date AS DOUBLE) AS value
            FROM (SELECT x.* REPLACE (CASE WHEN e.u0 IS NOT NULL AND (greatest(x."closed_date", e.v0) IS NULL OR e.u0 >= greatest(x."closed_date", e.v0)) THEN NULL ELSE greatest(x."closed_date", e.v0) END AS "closed_date") FROM "cases_at"(TIMESTAMP 'infinity') x LEFT JOIN (SELECT "case_no", max(occurred_on) FILTER (WHERE event = 'closed') AS v0, max(occurred_on) FILTER (WHERE event = 'reopened') AS u0 FROM "case_events_at"(TIMESTAMP 'infinity') WHERE NOT void GROUP BY ALL) e ON e."case_no" = x."case_no") x
            JOIN _ipl_p p ON year(x.closed_date) = p.year AND month(x.closed_date) BETWEEN p.first_month AND p.last_month
            WHERE x.closed_date >= x.opened_date
        )
        SELECT 'case_median_days_to_close' AS indicator, period, region_code, value
        FROM closed
        UNION ALL
        SELECT 'case_median_days_to_close.' || case_type, period, region_code, value
        FROM (SELECT period, region_code, value, unnest(list_distinct(types)) AS case_type
              FROM closed)
    ) f JOIN _ipl_closure c ON c.code = f.region_code GROUP BY ALL
