        WITH moved AS (
            SELECT 'patent_' || x.kind || 's' AS indicator, p.label AS period,
                   coalesce(h_pt.held_region_code, pt."region_code") AS from_region, x.to_region_code AS to_region
            FROM transfers_at(TIMESTAMP 'infinity') x
            JOIN _ipl_p p ON year(x.date) = p.year AND month(x.date) BETWEEN p.first_month AND p.last_month
            LEFT JOIN patents_at(TIMESTAMP 'infinity') pt
                   ON pt.application_no = CASE WHEN regexp_full_match(x.right_no, '[0-9]+X?') THEN x.right_no ELSE regexp_replace(upper(translate(x.right_no, '！＂＃＄％＆＇（）＊＋，－．／０１２３４５６７８９：；＜＝＞？＠ＡＢＣＤＥＦＧＨＩＪＫＬＭＮＯＰＱＲＳＴＵＶＷＸＹＺ［＼］＾＿｀ａｂｃｄｅｆｇｈｉｊｋｌｍｎｏｐｑｒｓｔｕｖｗｘｙｚ｛｜｝～　￥', '!"#$%&''()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\]^_`abcdefghijklmnopqrstuvwxyz{|}~ ¥')), '^\s*(ZL|CN)|[\s.]', '', 'g') END
            LEFT JOIN _ipl_held_patent h_pt ON h_pt.held_no = pt."application_no" AND CASE WHEN x.kind = 'assignment' THEN x.date - 1 ELSE x.date END >= h_pt.held_since AND CASE WHEN x.kind = 'assignment' THEN x.date - 1 ELSE x.date END < h_pt.held_until
            WHERE x.right_type = 'patent'
        ), counted AS (
            SELECT m.indicator, m.period, c.ancestor AS region_code,
                   m.to_region IS NOT NULL AND c2.code IS NULL AS outbound
            FROM moved m
            JOIN _ipl_closure c ON c.code = m.from_region
            LEFT JOIN _ipl_closure c2 ON c2.code = m.to_region AND c2.ancestor = c.ancestor
        )
        SELECT indicator, period, region_code, count(*) AS value FROM counted GROUP BY ALL
        UNION ALL
        SELECT indicator || '.outbound', period, region_code, count(*)
        FROM counted WHERE outbound GROUP BY ALL

