-- Which provider wrote each row, for a reconciliation to compare with its source only the rows of
-- its provider. Rows written before carry none.
ALTER TABLE capydb_auth.users ADD COLUMN provider CHARACTER VARYING;
ALTER TABLE capydb_auth.organizations ADD COLUMN provider CHARACTER VARYING;
ALTER TABLE capydb_auth.memberships ADD COLUMN provider CHARACTER VARYING;

-- What the receiver keeps of each provider besides its objects: the lock of its reconciliation (a
-- lease, so that a node that died mid-run holds it only until the lease ends) and how fresh the
-- mirror is. One row per provider, added by the receiver when it first needs it.
CREATE TABLE capydb_auth.providers (
    provider            CHARACTER VARYING PRIMARY KEY,
    run_id              CHARACTER VARYING,
    run_node            CHARACTER VARYING,
    lease_until         TIMESTAMP WITH TIME ZONE,
    last_run_started_at TIMESTAMP WITH TIME ZONE,
    last_reconciled_at  TIMESTAMP WITH TIME ZONE,
    last_delivery_at    TIMESTAMP WITH TIME ZONE
);

-- The report: one row per reconciliation run, what it read, repaired and deleted, and whether the
-- safety stop held its deletions back.
CREATE TABLE capydb_auth.reconciliation_runs (
    id           CHARACTER VARYING PRIMARY KEY,
    provider     CHARACTER VARYING        NOT NULL,
    node         CHARACTER VARYING        NOT NULL,
    started_by   CHARACTER VARYING        NOT NULL,
    status       CHARACTER VARYING        NOT NULL,
    started_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    finished_at  TIMESTAMP WITH TIME ZONE,
    objects_read BIGINT                   NOT NULL DEFAULT 0,
    repaired     BIGINT                   NOT NULL DEFAULT 0,
    unchanged    BIGINT                   NOT NULL DEFAULT 0,
    skipped      BIGINT                   NOT NULL DEFAULT 0,
    deleted      BIGINT                   NOT NULL DEFAULT 0,
    would_delete BIGINT                   NOT NULL DEFAULT 0,
    safety_stop  BOOLEAN                  NOT NULL DEFAULT FALSE,
    detail       CHARACTER VARYING
);

CREATE INDEX reconciliation_runs_started_at_idx ON capydb_auth.reconciliation_runs (started_at);

-- The objects a running reconciliation found in the source: what is live in the mirror and not
-- here is what the source no longer has. A membership's key is its organization_id and user_id.
-- Emptied when the run ends.
CREATE TABLE capydb_auth.reconciliation_seen (
    run_id  CHARACTER VARYING NOT NULL,
    object  CHARACTER VARYING NOT NULL,
    id      CHARACTER VARYING NOT NULL,
    user_id CHARACTER VARYING DEFAULT '' NOT NULL,
    PRIMARY KEY (run_id, object, id, user_id)
);
