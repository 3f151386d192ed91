SELECT f.indicator, f.period, c.ancestor AS region_code, sum(f.value) AS value FROM (SELECT indicator, period, region_code, sum(value) AS value FROM (
            WITH leaf AS (
                SELECT p.label AS period, coalesce(h_x.held_region_code, x."region_code") AS region_code, x.kind, count(*) AS n
                FROM patents_at(TIMESTAMP 'infinity') x
                JOIN _ipl_p p ON year(x.filing_date) = p.year AND month(x.filing_date) BETWEEN p.first_month AND p.last_month
                LEFT JOIN _ipl_held_patent h_x ON h_x.held_no = x."application_no" AND x.filing_date >= h_x.held_since AND x.filing_date < h_x.held_until
                GROUP BY ALL
            )
            SELECT 'patent_applications' AS indicator, period, region_code, n AS value FROM leaf
            UNION ALL
            SELECT 'patent_applications.' || kind, period, region_code, n FROM leaf
        ) GROUP BY ALL) f JOIN _ipl_closure c ON c.code = f.region_code GROUP BY ALL
