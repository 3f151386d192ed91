CREATE OR REPLACE TEMP TABLE _ipl_checked AS
SELECT i._file,
    i._line,
    i."region_code",
    i."indicator",
    i."period",
    i."target",
    i."e__region_code__0",
    i."e__region_code__1",
    i."e__indicator__0",
    i."e__indicator__1",
    i."e__period__0",
    i."e__target__0",
    i."e__target__1"
FROM (
  SELECT s._file,
    s._line,
    coalesce(m_region_code.current_code, s."t__region_code") AS "region_code",
    s."t__indicator" AS "indicator",
    s."t__period" AS "period",
    TRY_CAST(replace(s."t__target", ',', '') AS DECIMAL(24, 6)) AS "target",
    s."t__region_code",
    s."t__indicator",
    s."t__period",
    s."t__target",
    CASE WHEN s."t__region_code" IS NULL THEN 'required, but blank' END AS "e__region_code__0",
    coalesce(CASE WHEN s."t__region_code" IS NOT NULL AND NOT regexp_full_match(s."t__region_code", '[0-9]{6}') THEN 'not a 6-digit region code' END, CASE WHEN s."t__region_code" IS NOT NULL AND m_region_code.code IS NULL THEN 'not a known region code (GB/T 2260 table or a regions file)' END) AS "e__region_code__1",
    CASE WHEN s."t__indicator" IS NULL THEN 'required, but blank' END AS "e__indicator__0",
    CASE WHEN s."t__indicator" IS NOT NULL AND NOT list_contains(['patent_applications', 'patent_applications.invention', 'patent_applications.utility_model', 'patent_applications.design', 'patent_grants', 'patent_grants.invention', 'patent_grants.utility_model', 'patent_grants.design', 'valid_invention_patents', 'high_value_invention_patents', 'valid_invention_patents_per_10k', 'high_value_invention_patents_per_10k', 'patent_assignments', 'patent_assignments.outbound', 'patent_licences', 'patent_licences.outbound', 'trademark_registrations', 'valid_trademarks', 'well_known_trademarks', 'gi_trademarks', 'gi_trademarks.certification', 'gi_trademarks.collective', 'gi_products', 'gi_users', 'pledge_count', 'pledge_amount', 'pledge_beneficiaries', 'pledge_beneficiaries.sme', 'pledge_outstanding_amount', 'insurance_policies', 'insurance_insured', 'insurance_coverage', 'ip_cases', 'ip_cases.trademark_infringement', 'ip_cases.patent_dispute', 'ip_cases.patent_counterfeiting', 'ip_cases.gi_infringement', 'ip_cases.other', 'ip_cases_closed', 'case_penalties', 'case_recovered', 'cases_transferred_to_police', 'case_median_days_to_close', 'case_median_days_to_close.trademark_infringement', 'case_median_days_to_close.patent_dispute', 'case_median_days_to_close.patent_counterfeiting', 'case_median_days_to_close.gi_infringement', 'case_median_days_to_close.other', 'case_closed_in_time_share'], s."t__indicator") THEN 'not an indicator of the catalog (`ipledger indicators` lists them)' END AS "e__indicator__1",
    CASE WHEN s."t__period" IS NULL THEN 'required, but blank' END AS "e__period__0",
    CASE WHEN s."t__target" IS NULL THEN 'required, but blank' END AS "e__target__0",
    CASE WHEN s."t__target" IS NOT NULL AND NOT regexp_full_match(replace(s."t__target", ',', ''), '[+-]?[0-9]+(\.[0-9]{1,6})?') THEN 'not a number (at most 6 decimals)' END AS "e__target__1"
  FROM (SELECT src.*, nullif(trim(src."region_code", '
　 ﻿'), '') AS "t__region_code", nullif(trim(src."indicator", '
　 ﻿'), '') AS "t__indicator", nullif(trim(src."period", '
　 ﻿'), '') AS "t__period", nullif(trim(src."target", '
　 ﻿'), '') AS "t__target" FROM _ipl_src src) s LEFT JOIN _ipl_region_map m_region_code ON m_region_code.code = s."t__region_code"
) i
