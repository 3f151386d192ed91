SELECT f.indicator, f.period, c.ancestor AS region_code, count(DISTINCT f.item) AS value FROM (SELECT DISTINCT indicator, period, region_code, item FROM (
        SELECT 'insurance_insured' AS indicator, p.label AS period, x.region_code,
               coalesce(x.insured_id, x.insured_name) AS item
        FROM insurance_at(TIMESTAMP 'infinity') x
        JOIN _ipl_p p ON year(x.start_date) = p.year AND month(x.start_date) BETWEEN p.first_month AND p.last_month
        WHERE coalesce(x.insured_id, x.insured_name) IS NOT NULL
    )) f JOIN _ipl_closure c ON c.code = f.region_code GROUP BY ALL
