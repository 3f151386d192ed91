SELECT f.indicator, f.period, c.ancestor AS region_code, sum(f.value) AS value FROM (SELECT indicator, period, region_code, sum(value) AS value FROM (
        SELECT unnest(['valid_invention_patents', 'high_value_invention_patents']) AS indicator,
               period, region_code, unnest([valid, high_value]) AS value
        FROM (
        SELECT p.label AS period, x.region_code, count(*) FILTER (WHERE true) AS valid, count(*) FILTER (WHERE (coalesce(strategic_emerging, false)) OR (coalesce(overseas_family_granted, false)) OR (coalesce(filing_date + INTERVAL 10 YEAR < p.end_date, false)) OR (coalesce(first_high_pledge <= p.end_date, false)) OR (coalesce(award IN ('excellence', 'silver', 'gold'), false))) AS high_value
        FROM (
        SELECT x.*, hp.first_high_pledge
        FROM patents_at(TIMESTAMP 'infinity') x
        LEFT JOIN (
            SELECT right_no, min(registered_date) AS first_high_pledge
            FROM (SELECT CASE WHEN regexp_full_match(written, '[0-9]+X?') THEN written ELSE regexp_replace(upper(translate(written, '！＂＃＄％＆＇（）＊＋，－．／０１２３４５６７８９：；＜＝＞？＠ＡＢＣＤＥＦＧＨＩＪＫＬＭＮＯＰＱＲＳＴＵＶＷＸＹＺ［＼］＾＿｀ａｂｃｄｅｆｇｈｉｊｋｌｍｎｏｐｑｒｓｔｕｖｗｘｙｚ｛｜｝～　￥', '!"#$%&''()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\]^_`abcdefghijklmnopqrstuvwxyz{|}~ ¥')), '^\s*(ZL|CN)|[\s.]', '', 'g') END AS right_no, registered_date
                  FROM (SELECT unnest(rights) AS written, registered_date
                        FROM pledges_at(TIMESTAMP 'infinity') WHERE amount >= CAST('10000000' AS DECIMAL(38, 2))))
            GROUP BY right_no
        ) hp ON hp.right_no = x.application_no
        WHERE x.kind = 'invention'
    ) x JOIN _ipl_p p ON x."grant_date" <= p.end_date AND (x."lapse_date" IS NULL OR x."lapse_date" > p.end_date) AND ((CAST(x."filing_date" + to_years(CASE WHEN x."kind" = 'invention' THEN 20 WHEN x."kind" = 'utility_model' THEN 10 WHEN x."kind" = 'design' AND x."filing_date" >= DATE '2021-06-01' THEN 15 WHEN x."kind" = 'design' THEN 10 END) AS DATE) + CAST(coalesce(x."term_extension_days", 0) AS INTEGER)) IS NULL OR (CAST(x."filing_date" + to_years(CASE WHEN x."kind" = 'invention' THEN 20 WHEN x."kind" = 'utility_model' THEN 10 WHEN x."kind" = 'design' AND x."filing_date" >= DATE '2021-06-01' THEN 15 WHEN x."kind" = 'design' THEN 10 END) AS DATE) + CAST(coalesce(x."term_extension_days", 0) AS INTEGER)) > p.end_date)
        GROUP BY ALL
        UNION ALL
        SELECT period, region_code, sum(CASE WHEN valid THEN sign ELSE 0 END), sum(CASE WHEN high_value THEN sign ELSE 0 END)
        FROM (
            SELECT p.label AS period, unnest([h.held_region_code, x.region_code]) AS region_code,
                   unnest([1, -1]) AS sign, coalesce(true, false) AS valid, coalesce((coalesce(strategic_emerging, false)) OR (coalesce(overseas_family_granted, false)) OR (coalesce(filing_date + INTERVAL 10 YEAR < p.end_date, false)) OR (coalesce(first_high_pledge <= p.end_date, false)) OR (coalesce(award IN ('excellence', 'silver', 'gold'), false)), false) AS high_value
            FROM _ipl_held_patent h
            JOIN (
        SELECT x.*, hp.first_high_pledge
        FROM patents_at(TIMESTAMP 'infinity') x
        LEFT JOIN (
            SELECT right_no, min(registered_date) AS first_high_pledge
            FROM (SELECT CASE WHEN regexp_full_match(written, '[0-9]+X?') THEN written ELSE regexp_replace(upper(translate(written, '！＂＃＄％＆＇（）＊＋，－．／０１２３４５６７８９：；＜＝＞？＠ＡＢＣＤＥＦＧＨＩＪＫＬＭＮＯＰＱＲＳＴＵＶＷＸＹＺ［＼］＾＿｀ａｂｃｄｅｆｇｈｉｊｋｌｍｎｏｐｑｒｓｔｕｖｗｘｙｚ｛｜｝～　￥', '!"#$%&''()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\]^_`abcdefghijklmnopqrstuvwxyz{|}~ ¥')), '^\s*(ZL|CN)|[\s.]', '', 'g') END AS right_no, registered_date
                  FROM (SELECT unnest(rights) AS written, registered_date
                        FROM pledges_at(TIMESTAMP 'infinity') WHERE amount >= CAST('10000000' AS DECIMAL(38, 2))))
            GROUP BY right_no
        ) hp ON hp.right_no = x.application_no
        WHERE x.kind = 'invention'
    ) x ON x.application_no = h.held_no
            JOIN _ipl_p p ON p.end_date >= h.held_since AND p.end_date < h.held_until
                          AND x."grant_date" <= p.end_date AND (x."lapse_date" IS NULL OR x."lapse_date" > p.end_date) AND ((CAST(x."filing_date" + to_years(CASE WHEN x."kind" = 'invention' THEN 20 WHEN x."kind" = 'utility_model' THEN 10 WHEN x."kind" = 'design' AND x."filing_date" >= DATE '2021-06-01' THEN 15 WHEN x."kind" = 'design' THEN 10 END) AS DATE) + CAST(coalesce(x."term_extension_days", 0) AS INTEGER)) IS NULL OR (CAST(x."filing_date" + to_years(CASE WHEN x."kind" = 'invention' THEN 20 WHEN x."kind" = 'utility_model' THEN 10 WHEN x."kind" = 'design' AND x."filing_date" >= DATE '2021-06-01' THEN 15 WHEN x."kind" = 'design' THEN 10 END) AS DATE) + CAST(coalesce(x."term_extension_days", 0) AS INTEGER)) > p.end_date)
            WHERE h.held_region_code IS DISTINCT FROM x.region_code
        )
        GROUP BY ALL
    )
    ) GROUP BY ALL) f JOIN _ipl_closure c ON c.code = f.region_code GROUP BY ALL
