-- ipledger schema version 5: the write log.
--
-- One row per write (a file of an import, an upsert, a history import), inserted in the same
-- transaction as the versions it wrote: a write is in the log exactly when its versions are in
-- the entity table, so a file is in a ledger entirely or not at all, and the log says which.
--   written_at    when the write committed (UTC)
--   recorded_at   the recorded_at of the versions it wrote (a back-fill's moment)
--   origin        'api', or where the rows came from ('exports/2024-01.zip: patents.csv')
CREATE TABLE write_log (
    written_at      TIMESTAMP NOT NULL,
    recorded_at     TIMESTAMP NOT NULL,
    entity          VARCHAR NOT NULL,
    origin          VARCHAR NOT NULL,
    inserted        BIGINT NOT NULL,
    updated         BIGINT NOT NULL,
    unchanged       BIGINT NOT NULL
);
