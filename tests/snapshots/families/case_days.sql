SELECT f.indicator, f.period, c.ancestor AS region_code, median(f.value) AS value FROM (
        SELECT 'case_median_days_to_close' AS indicator, p.label AS period, x.region_code,
               CAST(x.closed_date - x.opened_date AS DOUBLE) AS value
        FROM cases_at(TIMESTAMP 'infinity') x
        JOIN _ipl_p p ON year(x.closed_date) = p.year AND month(x.closed_date) BETWEEN p.first_month AND p.last_month
        WHERE x.closed_date >= x.opened_date
    ) f JOIN _ipl_closure c ON c.code = f.region_code GROUP BY ALL
