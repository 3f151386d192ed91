-- The built-in region table rebuilt from the Ministry of Civil Affairs' year-end lists gains
-- columns: every successor of a retired code (several when it was split), the English name and
-- the earlier names of a code. builtin_regions is not history-kept (the store reloads it from
-- the shipped table), so it is rebuilt empty and reloaded on open: the fingerprint is dropped.
DROP MACRO TABLE all_regions_at;
DROP TABLE builtin_regions;
DELETE FROM meta WHERE key = 'builtin_regions';

CREATE TABLE builtin_regions (
    code            VARCHAR PRIMARY KEY,
    name            VARCHAR NOT NULL,
    level           VARCHAR NOT NULL,
    parent_code     VARCHAR,
    valid_from      INTEGER,
    valid_to        INTEGER,
    successor_code  VARCHAR,                -- the successor, when there is exactly one
    successor_codes VARCHAR[] NOT NULL,     -- every successor of a retired code ([] if in use)
    name_en         VARCHAR,
    former_names    STRUCT(name VARCHAR, valid_to INTEGER)[] NOT NULL  -- earlier names, oldest first
);

-- Regions as the ledger knows them: the built-in national table, with the ledger's own
-- `regions` rows added or overriding it (as known at t; 'infinity' for now). A ledger row has
-- no English name, successors or former names of its own: those of the built-in code, if any.
CREATE MACRO all_regions_at(t) AS TABLE
    SELECT code, name, level, parent_code, valid_from, valid_to, successor_code,
           successor_codes, name_en, former_names
    FROM builtin_regions
    WHERE code NOT IN (SELECT code FROM regions_at(t))
    UNION ALL
    SELECT code, r.name, coalesce(r.level, b.level) AS level, coalesce(r.parent_code, b.parent_code) AS parent_code,
           b.valid_from, b.valid_to, b.successor_code,
           coalesce(b.successor_codes, []::VARCHAR[]) AS successor_codes, b.name_en,
           coalesce(b.former_names, []::STRUCT(name VARCHAR, valid_to INTEGER)[]) AS former_names
    FROM regions_at(t) r LEFT JOIN builtin_regions b USING (code);
