SELECT f.indicator, f.period, c.ancestor AS region_code, sum(f.value) AS value FROM (SELECT indicator, period, region_code, sum(value) AS value FROM (
        WITH opened AS (
            SELECT p.label AS period, x.region_code, x.types
            FROM cases_at(TIMESTAMP 'infinity') x
            JOIN _ipl_p p ON year(x.opened_date) = p.year AND month(x.opened_date) BETWEEN p.first_month AND p.last_month
        )
        SELECT 'ip_cases' AS indicator, period, region_code, count(*) AS value
        FROM opened GROUP BY ALL
        UNION ALL
        SELECT 'ip_cases.' || case_type, period, region_code, count(*)
        FROM (SELECT period, region_code, unnest(list_distinct(types)) AS case_type FROM opened)
        GROUP BY ALL
    ) GROUP BY ALL) f JOIN _ipl_closure c ON c.code = f.region_code GROUP BY ALL
