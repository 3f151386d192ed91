SELECT f.indicator, f.period, c.ancestor AS region_code, sum(f.value) AS value FROM (SELECT indicator, period, region_code, sum(value) AS value FROM (
        SELECT 'gi_products' AS indicator, p.label AS period, x.region_code, count(*) AS value
        FROM gi_products_at(TIMESTAMP 'infinity') x
        JOIN _ipl_p p ON x."protected_date" <= p.end_date AND (x."lapse_date" IS NULL OR x."lapse_date" > p.end_date)
        GROUP BY ALL
    ) GROUP BY ALL) f JOIN _ipl_closure c ON c.code = f.region_code GROUP BY ALL
