SELECT f.indicator, f.period, c.ancestor AS region_code, sum(f.value) AS value FROM (SELECT indicator, period, region_code, sum(value) AS value FROM (
        SELECT unnest(['valid_trademarks', 'well_known_trademarks', 'gi_trademarks',
                       'gi_trademarks.certification', 'gi_trademarks.collective'])
                   AS indicator,
               period, region_code,
               unnest([valid, well_known, certification + collective, certification,
                       collective]) AS value
        FROM (
        SELECT p.label AS period, x.region_code, count(*) FILTER (WHERE true) AS valid, count(*) FILTER (WHERE x.well_known_date <= p.end_date) AS well_known, count(*) FILTER (WHERE x.geographical_indication AND x.kind = 'certification') AS certification, count(*) FILTER (WHERE x.geographical_indication AND x.kind = 'collective') AS collective
        FROM trademarks_at(TIMESTAMP 'infinity') x JOIN _ipl_p p ON x."registration_date" <= p.end_date AND (x."lapse_date" IS NULL OR x."lapse_date" > p.end_date) AND (x."expiry_date" IS NULL OR x."expiry_date" >= p.end_date)
        GROUP BY ALL
        UNION ALL
        SELECT period, region_code, sum(CASE WHEN valid THEN sign ELSE 0 END), sum(CASE WHEN well_known THEN sign ELSE 0 END), sum(CASE WHEN certification THEN sign ELSE 0 END), sum(CASE WHEN collective THEN sign ELSE 0 END)
        FROM (
            SELECT p.label AS period, unnest([h.held_region_code, x.region_code]) AS region_code,
                   unnest([1, -1]) AS sign, coalesce(true, false) AS valid, coalesce(x.well_known_date <= p.end_date, false) AS well_known, coalesce(x.geographical_indication AND x.kind = 'certification', false) AS certification, coalesce(x.geographical_indication AND x.kind = 'collective', false) AS collective
            FROM _ipl_held_trademark h
            JOIN trademarks_at(TIMESTAMP 'infinity') x ON x.registration_no = h.held_no
            JOIN _ipl_p p ON p.end_date >= h.held_since AND p.end_date < h.held_until
                          AND x."registration_date" <= p.end_date AND (x."lapse_date" IS NULL OR x."lapse_date" > p.end_date) AND (x."expiry_date" IS NULL OR x."expiry_date" >= p.end_date)
            WHERE h.held_region_code IS DISTINCT FROM x.region_code
        )
        GROUP BY ALL
    )
    ) GROUP BY ALL) f JOIN _ipl_closure c ON c.code = f.region_code GROUP BY ALL
