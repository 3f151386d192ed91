SELECT f.indicator, f.period, c.ancestor AS region_code, sum(f.value) AS value FROM (SELECT indicator, period, region_code, sum(value) AS value FROM (
        SELECT 'pledge_outstanding_amount' AS indicator, p.label AS period, x.region_code,
               CAST(sum(x.amount) AS DECIMAL(38, 2)) AS value
        FROM (SELECT x.* REPLACE (coalesce(e.v0, x."amount") AS "amount", coalesce(e.v1, x."term_end") AS "term_end", coalesce(e.v2, x."rights") AS "rights", least(x."released_date", e.v3) AS "released_date") FROM "pledges_at"(TIMESTAMP 'infinity') x LEFT JOIN (SELECT "pledge_id", arg_max("amount", occurred_on) FILTER (WHERE event = 'changed' AND "amount" IS NOT NULL) AS v0, arg_max("term_end", occurred_on) FILTER (WHERE event = 'changed' AND "term_end" IS NOT NULL) AS v1, arg_max("rights", occurred_on) FILTER (WHERE event = 'changed' AND "rights" IS NOT NULL AND len("rights") > 0) AS v2, min(occurred_on) FILTER (WHERE list_contains(['released', 'enforced'], event)) AS v3 FROM "pledge_events_at"(TIMESTAMP 'infinity') WHERE NOT void GROUP BY ALL) e ON e."pledge_id" = x."pledge_id") x
        JOIN _ipl_p p ON x."registered_date" <= p.end_date AND (x."released_date" IS NULL OR x."released_date" > p.end_date) AND (x."term_end" IS NULL OR x."term_end" >= p.end_date)
        GROUP BY ALL
    ) GROUP BY ALL) f JOIN _ipl_closure c ON c.code = f.region_code GROUP BY ALL
