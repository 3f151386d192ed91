SELECT x."application_no", x."kind", x."title", x."holder_id", x."holder_name", x."region_code", x."filing_date", x."grant_date", x."lapse_date", x."ipc", x."strategic_emerging", x."overseas_family_granted", x."award", x."term_extension_days" FROM "patents_at"(TIMESTAMP 'infinity') x LEFT JOIN (
        SELECT held_no, held_since,
               lead(held_since, 1, DATE '9999-12-31') OVER (
                   PARTITION BY held_no ORDER BY held_since, recorded_at, held_region_code
               ) AS held_until,
               held_region_code
        FROM (
            SELECT CASE WHEN regexp_full_match(right_no, '[0-9]+X?') THEN right_no ELSE regexp_replace(upper(translate(right_no, '！＂＃＄％＆＇（）＊＋，－．／０１２３４５６７８９：；＜＝＞？＠ＡＢＣＤＥＦＧＨＩＪＫＬＭＮＯＰＱＲＳＴＵＶＷＸＹＺ［＼］＾＿｀ａｂｃｄｅｆｇｈｉｊｋｌｍｎｏｐｑｒｓｔｕｖｗｘｙｚ｛｜｝～　￥', '!"#$%&''()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\]^_`abcdefghijklmnopqrstuvwxyz{|}~ ¥')), '^\s*(ZL|CN)|[\s.]', '', 'g') END AS held_no, date AS held_since,
                   to_region_code AS held_region_code, recorded_at
            FROM transfers_at(TIMESTAMP 'infinity')
            WHERE kind = 'assignment' AND right_type = 'patent'
              AND to_region_code IS NOT NULL
        )
    ) h_x ON h_x.held_no = x."application_no" AND DATE '2023-12-31' >= h_x.held_since AND DATE '2023-12-31' < h_x.held_until WHERE ("kind" = ?) AND (x."grant_date" <= DATE '2023-12-31' AND (x."lapse_date" IS NULL OR x."lapse_date" > DATE '2023-12-31') AND ((CAST(x."filing_date" + to_years(CASE WHEN x."kind" = 'invention' THEN 20 WHEN x."kind" = 'utility_model' THEN 10 WHEN x."kind" = 'design' AND x."filing_date" >= DATE '2021-06-01' THEN 15 WHEN x."kind" = 'design' THEN 10 END) AS DATE) + CAST(coalesce(x."term_extension_days", 0) AS INTEGER)) IS NULL OR (CAST(x."filing_date" + to_years(CASE WHEN x."kind" = 'invention' THEN 20 WHEN x."kind" = 'utility_model' THEN 10 WHEN x."kind" = 'design' AND x."filing_date" >= DATE '2021-06-01' THEN 15 WHEN x."kind" = 'design' THEN 10 END) AS DATE) + CAST(coalesce(x."term_extension_days", 0) AS INTEGER)) > DATE '2023-12-31')) AND coalesce(h_x.held_region_code, x."region_code") IN (
        WITH RECURSIVE sub(code) AS (
            SELECT CAST(? AS VARCHAR)
            UNION
            SELECT r.code FROM all_regions_at(TIMESTAMP 'infinity') r JOIN sub ON r.parent_code = sub.code
        ) SELECT code FROM sub)
-- parameters: ['invention', '440700']
