SELECT x."application_no", x."kind", x."title", x."holder_id", x."holder_name", x."region_code", x."filing_date", x."grant_date", x."lapse_date", x."ipc", x."strategic_emerging", x."overseas_family_granted", x."award", x."term_extension_days" FROM "patents_at"(TIMESTAMP 'infinity') x WHERE ("application_no" = ?)
-- parameters: ['2013101235245']
