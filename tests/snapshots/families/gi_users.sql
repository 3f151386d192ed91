SELECT f.indicator, f.period, c.ancestor AS region_code, count(DISTINCT f.item) AS value FROM (SELECT DISTINCT indicator, period, region_code, item FROM (
        SELECT 'gi_users' AS indicator, p.label AS period, x.region_code, x.user_id AS item
        FROM gi_users_at(TIMESTAMP 'infinity') x
        JOIN _ipl_p p ON x."approved_date" <= p.end_date AND (x."revoked_date" IS NULL OR x."revoked_date" > p.end_date)
    )) f JOIN _ipl_closure c ON c.code = f.region_code GROUP BY ALL
