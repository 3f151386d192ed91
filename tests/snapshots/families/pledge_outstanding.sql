SELECT f.indicator, f.period, c.ancestor AS region_code, sum(f.value) AS value FROM (SELECT indicator, period, region_code, sum(value) AS value FROM (
        SELECT 'pledge_outstanding_amount' AS indicator, p.label AS period, x.region_code,
               CAST(sum(x.amount) AS DECIMAL(38, 2)) AS value
        FROM pledges_at(TIMESTAMP 'infinity') x
        JOIN _ipl_p p ON x."registered_date" <= p.end_date AND (x."released_date" IS NULL OR x."released_date" > p.end_date) AND (x."term_end" IS NULL OR x."term_end" >= p.end_date)
        GROUP BY ALL
    ) GROUP BY ALL) f JOIN _ipl_closure c ON c.code = f.region_code GROUP BY ALL
