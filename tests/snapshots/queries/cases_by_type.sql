SELECT x."case_no", x."types", x."region_code", x."opened_date", x."closed_date", x."outcome", x."respondent_id", x."respondent_name", x."right_holder_id", x."right_holder_name", x."rights", x."goods_value", x."fine", x."confiscated", x."recovered", x."transferred_to_police", x."cross_region", x."typical" FROM "cases_at"(TIMESTAMP 'infinity') x WHERE (list_has_any("types", ?)) AND x."region_code" IN (
        WITH RECURSIVE sub(code) AS (
            SELECT CAST(? AS VARCHAR)
            UNION
            SELECT r.code FROM all_regions_at(TIMESTAMP 'infinity') r JOIN sub ON r.parent_code = sub.code
        ) SELECT code FROM sub)
-- parameters: [['gi_infringement'], '440700']
