SELECT f.indicator, f.period, c.ancestor AS region_code, sum(f.value) AS value FROM (SELECT indicator, period, region_code, sum(value) AS value FROM (
        SELECT unnest(['ip_cases_closed', 'case_penalties', 'case_recovered',
                       'cases_transferred_to_police']) AS indicator,
               period, region_code, unnest([closed, penalties, recovered, police]) AS value
        FROM (
            SELECT p.label AS period, x.region_code,
                   CAST(count(*) AS DECIMAL(38, 2)) AS closed,
                   CAST(coalesce(sum(coalesce(x.fine, 0) + coalesce(x.confiscated, 0)), 0)
                        AS DECIMAL(38, 2)) AS penalties,
                   CAST(coalesce(sum(x.recovered), 0) AS DECIMAL(38, 2)) AS recovered,
                   CAST(count(*) FILTER (WHERE (x.outcome = 'transferred_to_police' OR x.transferred_to_police)) AS DECIMAL(38, 2)) AS police
            FROM (SELECT x.* REPLACE (CASE WHEN e.u0 IS NOT NULL AND (greatest(x."closed_date", e.v0) IS NULL OR e.u0 >= greatest(x."closed_date", e.v0)) THEN NULL ELSE greatest(x."closed_date", e.v0) END AS "closed_date") FROM "cases_at"(TIMESTAMP 'infinity') x LEFT JOIN (SELECT "case_no", max(occurred_on) FILTER (WHERE event = 'closed') AS v0, max(occurred_on) FILTER (WHERE event = 'reopened') AS u0 FROM "case_events_at"(TIMESTAMP 'infinity') WHERE NOT void GROUP BY ALL) e ON e."case_no" = x."case_no") x
            JOIN _ipl_p p ON year(x.closed_date) = p.year AND month(x.closed_date) BETWEEN p.first_month AND p.last_month
            GROUP BY ALL
        )
    ) GROUP BY ALL) f JOIN _ipl_closure c ON c.code = f.region_code GROUP BY ALL
