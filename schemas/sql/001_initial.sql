-- ipledger schema version 1: the entity tables of EXCHANGE.md v1, with history.
--
-- Every entity table keeps every version of a row. A version is current while superseded_at
-- is NULL; a correction sets superseded_at on the old version (the only UPDATE ever made) and
-- inserts the new version with the same recorded_at. Nothing is deleted.
--   <entity>_current     view: the versions in force now
--   <entity>_at(t)       table macro: the versions as known at timestamp t (UTC)
-- `source` says where a version came from (file:line, or 'api').

CREATE TABLE meta (
    key             VARCHAR PRIMARY KEY,
    value           VARCHAR NOT NULL
);

CREATE TABLE schema_migrations (
    version         INTEGER PRIMARY KEY,
    name            VARCHAR NOT NULL,
    applied_at      TIMESTAMP NOT NULL
);

-- The national GB/T 2260 table shipped with ipledger, loaded by the store (not history-kept:
-- it is replaced when a newer ipledger ships a newer table).
CREATE TABLE builtin_regions (
    code            VARCHAR PRIMARY KEY,
    name            VARCHAR NOT NULL,
    level           VARCHAR NOT NULL,
    parent_code     VARCHAR,
    valid_from      INTEGER,
    valid_to        INTEGER,
    successor_code  VARCHAR
);

CREATE TABLE regions (
    code            VARCHAR NOT NULL CHECK (regexp_full_match(code, '[0-9]{6}')),
    name            VARCHAR NOT NULL,
    level           VARCHAR CHECK (level IN ('province', 'city', 'county')),
    parent_code     VARCHAR,
    recorded_at     TIMESTAMP NOT NULL,
    superseded_at   TIMESTAMP,
    source          VARCHAR
);
CREATE VIEW regions_current AS SELECT * EXCLUDE (superseded_at) FROM regions WHERE superseded_at IS NULL;
CREATE MACRO regions_at(t) AS TABLE
    SELECT * EXCLUDE (superseded_at) FROM regions
    WHERE recorded_at <= t AND (superseded_at IS NULL OR superseded_at > t);

CREATE TABLE population (
    region_code     VARCHAR NOT NULL,
    year            INTEGER NOT NULL,
    population      BIGINT  NOT NULL CHECK (population >= 0),
    recorded_at     TIMESTAMP NOT NULL,
    superseded_at   TIMESTAMP,
    source          VARCHAR
);
CREATE VIEW population_current AS SELECT * EXCLUDE (superseded_at) FROM population WHERE superseded_at IS NULL;
CREATE MACRO population_at(t) AS TABLE
    SELECT * EXCLUDE (superseded_at) FROM population
    WHERE recorded_at <= t AND (superseded_at IS NULL OR superseded_at > t);

CREATE TABLE parties (
    party_id        VARCHAR NOT NULL,
    name            VARCHAR NOT NULL,
    kind            VARCHAR CHECK (kind IN ('enterprise', 'university', 'research_institute', 'association',
                                            'bank', 'insurer', 'individual', 'government', 'other')),
    region_code     VARCHAR,
    size            VARCHAR CHECK (size IN ('micro', 'small', 'medium', 'large')),
    designations    VARCHAR[] NOT NULL DEFAULT [],
    recorded_at     TIMESTAMP NOT NULL,
    superseded_at   TIMESTAMP,
    source          VARCHAR
);
CREATE VIEW parties_current AS SELECT * EXCLUDE (superseded_at) FROM parties WHERE superseded_at IS NULL;
CREATE MACRO parties_at(t) AS TABLE
    SELECT * EXCLUDE (superseded_at) FROM parties
    WHERE recorded_at <= t AND (superseded_at IS NULL OR superseded_at > t);

CREATE TABLE patents (
    application_no  VARCHAR NOT NULL,
    kind            VARCHAR NOT NULL CHECK (kind IN ('invention', 'utility_model', 'design')),
    title           VARCHAR,
    holder_id       VARCHAR,
    holder_name     VARCHAR,
    region_code     VARCHAR,
    filing_date     DATE,
    grant_date      DATE,
    lapse_date      DATE,
    ipc             VARCHAR,
    strategic_emerging      BOOLEAN NOT NULL DEFAULT false,
    overseas_family_granted BOOLEAN NOT NULL DEFAULT false,
    award           VARCHAR NOT NULL DEFAULT 'none' CHECK (award IN ('none', 'excellence', 'silver', 'gold')),
    recorded_at     TIMESTAMP NOT NULL,
    superseded_at   TIMESTAMP,
    source          VARCHAR
);
CREATE VIEW patents_current AS SELECT * EXCLUDE (superseded_at) FROM patents WHERE superseded_at IS NULL;
CREATE MACRO patents_at(t) AS TABLE
    SELECT * EXCLUDE (superseded_at) FROM patents
    WHERE recorded_at <= t AND (superseded_at IS NULL OR superseded_at > t);

CREATE TABLE trademarks (
    registration_no VARCHAR NOT NULL,
    mark            VARCHAR,
    nice_classes    SMALLINT[] NOT NULL DEFAULT [],
    kind            VARCHAR NOT NULL DEFAULT 'ordinary' CHECK (kind IN ('ordinary', 'collective', 'certification')),
    geographical_indication BOOLEAN NOT NULL DEFAULT false,
    holder_id       VARCHAR,
    holder_name     VARCHAR,
    region_code     VARCHAR,
    application_date  DATE,
    registration_date DATE,
    lapse_date        DATE,
    well_known_date   DATE,
    recorded_at     TIMESTAMP NOT NULL,
    superseded_at   TIMESTAMP,
    source          VARCHAR
);
CREATE VIEW trademarks_current AS SELECT * EXCLUDE (superseded_at) FROM trademarks WHERE superseded_at IS NULL;
CREATE MACRO trademarks_at(t) AS TABLE
    SELECT * EXCLUDE (superseded_at) FROM trademarks
    WHERE recorded_at <= t AND (superseded_at IS NULL OR superseded_at > t);

CREATE TABLE gi_products (
    gi_id           VARCHAR NOT NULL,
    name            VARCHAR NOT NULL,
    region_code     VARCHAR,
    holder_id       VARCHAR,
    protected_date  DATE,
    lapse_date      DATE,
    recorded_at     TIMESTAMP NOT NULL,
    superseded_at   TIMESTAMP,
    source          VARCHAR
);
CREATE VIEW gi_products_current AS SELECT * EXCLUDE (superseded_at) FROM gi_products WHERE superseded_at IS NULL;
CREATE MACRO gi_products_at(t) AS TABLE
    SELECT * EXCLUDE (superseded_at) FROM gi_products
    WHERE recorded_at <= t AND (superseded_at IS NULL OR superseded_at > t);

CREATE TABLE gi_users (
    gi_ref          VARCHAR NOT NULL,
    user_id         VARCHAR NOT NULL,
    user_name       VARCHAR,
    region_code     VARCHAR,
    approved_date   DATE,
    revoked_date    DATE,
    labels_used     BIGINT CHECK (labels_used >= 0),
    recorded_at     TIMESTAMP NOT NULL,
    superseded_at   TIMESTAMP,
    source          VARCHAR
);
CREATE VIEW gi_users_current AS SELECT * EXCLUDE (superseded_at) FROM gi_users WHERE superseded_at IS NULL;
CREATE MACRO gi_users_at(t) AS TABLE
    SELECT * EXCLUDE (superseded_at) FROM gi_users
    WHERE recorded_at <= t AND (superseded_at IS NULL OR superseded_at > t);

CREATE TABLE transfers (
    right_no        VARCHAR NOT NULL,
    right_type      VARCHAR NOT NULL DEFAULT 'patent' CHECK (right_type IN ('patent', 'trademark')),
    kind            VARCHAR NOT NULL DEFAULT 'assignment' CHECK (kind IN ('assignment', 'licence')),
    date            DATE NOT NULL,
    from_id         VARCHAR,
    from_name       VARCHAR,
    to_id           VARCHAR,
    to_name         VARCHAR,
    to_region_code  VARCHAR,
    recorded_at     TIMESTAMP NOT NULL,
    superseded_at   TIMESTAMP,
    source          VARCHAR
);
CREATE VIEW transfers_current AS SELECT * EXCLUDE (superseded_at) FROM transfers WHERE superseded_at IS NULL;
CREATE MACRO transfers_at(t) AS TABLE
    SELECT * EXCLUDE (superseded_at) FROM transfers
    WHERE recorded_at <= t AND (superseded_at IS NULL OR superseded_at > t);

CREATE TABLE pledges (
    pledge_id       VARCHAR NOT NULL,
    registered_date DATE NOT NULL,
    pledgor_id      VARCHAR,
    pledgor_name    VARCHAR,
    pledgee_id      VARCHAR,
    pledgee_name    VARCHAR,
    region_code     VARCHAR,
    amount          DECIMAL(18, 2) NOT NULL CHECK (amount >= 0),
    term_start      DATE,
    term_end        DATE,
    released_date   DATE,
    rights          VARCHAR[] NOT NULL DEFAULT [],
    recorded_at     TIMESTAMP NOT NULL,
    superseded_at   TIMESTAMP,
    source          VARCHAR
);
CREATE VIEW pledges_current AS SELECT * EXCLUDE (superseded_at) FROM pledges WHERE superseded_at IS NULL;
CREATE MACRO pledges_at(t) AS TABLE
    SELECT * EXCLUDE (superseded_at) FROM pledges
    WHERE recorded_at <= t AND (superseded_at IS NULL OR superseded_at > t);

CREATE TABLE insurance (
    policy_no       VARCHAR NOT NULL,
    product         VARCHAR NOT NULL DEFAULT 'other' CHECK (product IN ('enforcement', 'infringement_liability', 'overseas',
                                                                  'pledge_guarantee', 'full_chain', 'other')),
    insured_id      VARCHAR,
    insured_name    VARCHAR,
    region_code     VARCHAR,
    insurer_name    VARCHAR,
    start_date      DATE,
    end_date        DATE,
    coverage        DECIMAL(18, 2) CHECK (coverage >= 0),
    premium         DECIMAL(18, 2) CHECK (premium >= 0),
    recorded_at     TIMESTAMP NOT NULL,
    superseded_at   TIMESTAMP,
    source          VARCHAR
);
CREATE VIEW insurance_current AS SELECT * EXCLUDE (superseded_at) FROM insurance WHERE superseded_at IS NULL;
CREATE MACRO insurance_at(t) AS TABLE
    SELECT * EXCLUDE (superseded_at) FROM insurance
    WHERE recorded_at <= t AND (superseded_at IS NULL OR superseded_at > t);

CREATE TABLE cases (
    case_no         VARCHAR NOT NULL,
    types           VARCHAR[] NOT NULL CHECK (len(types) >= 1),
    region_code     VARCHAR,
    opened_date     DATE NOT NULL,
    closed_date     DATE,
    outcome         VARCHAR CHECK (outcome IN ('penalty', 'mediated', 'ruled_infringing', 'ruled_not_infringing',
                                               'dismissed', 'withdrawn', 'transferred_to_police', 'other')),
    respondent_id   VARCHAR,
    respondent_name VARCHAR,
    right_holder_id VARCHAR,
    right_holder_name VARCHAR,
    rights          VARCHAR[] NOT NULL DEFAULT [],
    goods_value     DECIMAL(18, 2) CHECK (goods_value >= 0),
    fine            DECIMAL(18, 2) CHECK (fine >= 0),
    confiscated     DECIMAL(18, 2) CHECK (confiscated >= 0),
    recovered       DECIMAL(18, 2) CHECK (recovered >= 0),
    transferred_to_police BOOLEAN NOT NULL DEFAULT false,
    cross_region    BOOLEAN NOT NULL DEFAULT false,
    typical         BOOLEAN NOT NULL DEFAULT false,
    recorded_at     TIMESTAMP NOT NULL,
    superseded_at   TIMESTAMP,
    source          VARCHAR
);
CREATE VIEW cases_current AS SELECT * EXCLUDE (superseded_at) FROM cases WHERE superseded_at IS NULL;
CREATE MACRO cases_at(t) AS TABLE
    SELECT * EXCLUDE (superseded_at) FROM cases
    WHERE recorded_at <= t AND (superseded_at IS NULL OR superseded_at > t);

CREATE TABLE targets (
    region_code     VARCHAR NOT NULL,
    indicator       VARCHAR NOT NULL,
    period          VARCHAR NOT NULL,
    target          DECIMAL(24, 6) NOT NULL,
    recorded_at     TIMESTAMP NOT NULL,
    superseded_at   TIMESTAMP,
    source          VARCHAR
);
CREATE VIEW targets_current AS SELECT * EXCLUDE (superseded_at) FROM targets WHERE superseded_at IS NULL;
CREATE MACRO targets_at(t) AS TABLE
    SELECT * EXCLUDE (superseded_at) FROM targets
    WHERE recorded_at <= t AND (superseded_at IS NULL OR superseded_at > t);

-- Regions as the ledger knows them: the built-in national table, with the ledger's own
-- `regions` rows added or overriding it (as known at t; 'infinity' for now).
CREATE MACRO all_regions_at(t) AS TABLE
    SELECT code, name, level, parent_code, valid_from, valid_to, successor_code
    FROM builtin_regions
    WHERE code NOT IN (SELECT code FROM regions_at(t))
    UNION ALL
    SELECT code, r.name, coalesce(r.level, b.level) AS level, coalesce(r.parent_code, b.parent_code) AS parent_code,
           b.valid_from, b.valid_to, b.successor_code
    FROM regions_at(t) r LEFT JOIN builtin_regions b USING (code);
