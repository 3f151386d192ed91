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
            FROM cases_at(TIMESTAMP 'infinity') x
            JOIN _ipl_p p ON year(x.closed_date) = p.year AND month(x.closed_date) BETWEEN p.first_month AND p.last_month
            GROUP BY ALL
        )
    ) GROUP BY ALL) f JOIN _ipl_closure c ON c.code = f.region_code GROUP BY ALL
