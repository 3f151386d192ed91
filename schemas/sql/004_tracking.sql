-- ipledger schema version 4 (exchange format v1.2): lifecycle events, the tracker's entities.
-- Each is history-kept like every entity table (its <entity>_current view and <entity>_at(t)
-- macro are made by the store). An event is keyed by its subject, its kind and the day it
-- occurred; `void` marks one recorded in error (kept, counted nowhere).
--   case_events       what happened to an enforcement case (opened ... extended, suspended ...)
--   pledge_events     registered, changed (new amount, term end or rights), released, ...
--   right_events      events of patents and trademarks that no column of theirs records
--   gi_user_events    approvals to use the GI special label: approved, labels used, revoked
--   insurance_events  issued, claim paid, expired

CREATE TABLE case_events (
    case_no         VARCHAR NOT NULL,
    event           VARCHAR NOT NULL,
    occurred_on     DATE NOT NULL,
    actor           VARCHAR,
    reason          VARCHAR,
    reference       VARCHAR,
    authority       VARCHAR,
    days            INTEGER,
    void            BOOLEAN NOT NULL DEFAULT false,
    recorded_at     TIMESTAMP NOT NULL,
    superseded_at   TIMESTAMP,
    source          VARCHAR
);

CREATE TABLE pledge_events (
    pledge_id       VARCHAR NOT NULL,
    event           VARCHAR NOT NULL,
    occurred_on     DATE NOT NULL,
    actor           VARCHAR,
    reason          VARCHAR,
    reference       VARCHAR,
    amount          DECIMAL(18, 2),
    term_end        DATE,
    rights          VARCHAR[] NOT NULL DEFAULT [],
    void            BOOLEAN NOT NULL DEFAULT false,
    recorded_at     TIMESTAMP NOT NULL,
    superseded_at   TIMESTAMP,
    source          VARCHAR
);

CREATE TABLE right_events (
    right_no        VARCHAR NOT NULL,
    right_type      VARCHAR NOT NULL DEFAULT 'patent',
    event           VARCHAR NOT NULL,
    occurred_on     DATE NOT NULL,
    actor           VARCHAR,
    reason          VARCHAR,
    reference       VARCHAR,
    void            BOOLEAN NOT NULL DEFAULT false,
    recorded_at     TIMESTAMP NOT NULL,
    superseded_at   TIMESTAMP,
    source          VARCHAR
);

CREATE TABLE gi_user_events (
    gi_ref          VARCHAR NOT NULL,
    user_id         VARCHAR NOT NULL,
    event           VARCHAR NOT NULL,
    occurred_on     DATE NOT NULL,
    labels          BIGINT,
    actor           VARCHAR,
    reason          VARCHAR,
    reference       VARCHAR,
    void            BOOLEAN NOT NULL DEFAULT false,
    recorded_at     TIMESTAMP NOT NULL,
    superseded_at   TIMESTAMP,
    source          VARCHAR
);

CREATE TABLE insurance_events (
    policy_no       VARCHAR NOT NULL,
    event           VARCHAR NOT NULL,
    occurred_on     DATE NOT NULL,
    amount          DECIMAL(18, 2),
    actor           VARCHAR,
    reason          VARCHAR,
    reference       VARCHAR,
    void            BOOLEAN NOT NULL DEFAULT false,
    recorded_at     TIMESTAMP NOT NULL,
    superseded_at   TIMESTAMP,
    source          VARCHAR
);
