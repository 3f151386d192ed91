SELECT f.indicator, f.period, c.ancestor AS region_code, sum(f.value) AS value FROM (SELECT indicator, period, region_code, sum(value) AS value FROM (
        SELECT 'trademark_registrations' AS indicator, p.label AS period,
               coalesce(h_x.held_region_code, x."region_code") AS region_code, count(*) AS value
        FROM trademarks_at(TIMESTAMP 'infinity') x
        JOIN _ipl_p p ON year(x.registration_date) = p.year AND month(x.registration_date) BETWEEN p.first_month AND p.last_month
        LEFT JOIN _ipl_held_trademark h_x ON h_x.held_no = x."registration_no" AND x.registration_date >= h_x.held_since AND x.registration_date < h_x.held_until
        GROUP BY ALL
    ) GROUP BY ALL) f JOIN _ipl_closure c ON c.code = f.region_code GROUP BY ALL
