SELECT f.indicator, f.period, c.ancestor AS region_code, count(DISTINCT f.item) AS value FROM (SELECT DISTINCT indicator, period, region_code, item FROM (
        SELECT unnest(CASE WHEN pa.size IN ('micro', 'small', 'medium')
                           THEN ['pledge_beneficiaries', 'pledge_beneficiaries.sme']
                           ELSE ['pledge_beneficiaries'] END) AS indicator,
               p.label AS period, x.region_code, coalesce(x.pledgor_id, x.pledgor_name) AS item
        FROM pledges_at(TIMESTAMP 'infinity') x
        JOIN _ipl_p p ON year(x.registered_date) = p.year AND month(x.registered_date) BETWEEN p.first_month AND p.last_month
        LEFT JOIN parties_at(TIMESTAMP 'infinity') pa ON pa.party_id = x.pledgor_id
        WHERE coalesce(x.pledgor_id, x.pledgor_name) IS NOT NULL
    )) f JOIN _ipl_closure c ON c.code = f.region_code GROUP BY ALL
