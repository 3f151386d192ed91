SELECT f.indicator, f.period, c.ancestor AS region_code, sum(f.value) AS value FROM (SELECT indicator, period, region_code, sum(value) AS value FROM (
        SELECT unnest(['pledge_count', 'pledge_amount']) AS indicator, period, region_code,
               unnest([n, amount]) AS value
        FROM (
            SELECT p.label AS period, x.region_code, CAST(count(*) AS DECIMAL(38, 2)) AS n,
                   CAST(sum(x.amount) AS DECIMAL(38, 2)) AS amount
            FROM pledges_at(TIMESTAMP 'infinity') x
            JOIN _ipl_p p ON year(x.registered_date) = p.year AND month(x.registered_date) BETWEEN p.first_month AND p.last_month
            GROUP BY ALL
        )
    ) GROUP BY ALL) f JOIN _ipl_closure c ON c.code = f.region_code GROUP BY ALL
