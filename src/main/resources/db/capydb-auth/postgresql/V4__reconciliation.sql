-- Which provider wrote each row, for a reconciliation to compare with its source only the rows of
-- its provider. Rows written before carry none.
ALTER TABLE capydb_auth.users ADD COLUMN provider text;
ALTER TABLE capydb_auth.organizations ADD COLUMN provider text;
ALTER TABLE capydb_auth.memberships ADD COLUMN provider text;

-- What the receiver keeps of each provider besides its objects: the lock of its reconciliation (a
-- lease, so that a node that died mid-run holds it only until the lease ends) and how fresh the
-- mirror is. One row per provider, added by the receiver when it first needs it.
CREATE TABLE capydb_auth.providers (
    provider            text PRIMARY KEY,
    run_id              text,
    run_node            text,
    lease_until         timestamptz,
    last_run_started_at timestamptz,
    last_reconciled_at  timestamptz,
    last_delivery_at    timestamptz
);

-- The report: one row per reconciliation run, what it read, repaired and deleted, and whether the
-- safety stop held its deletions back.
CREATE TABLE capydb_auth.reconciliation_runs (
    id           text PRIMARY KEY,
    provider     text        NOT NULL,
    node         text        NOT NULL,
    started_by   text        NOT NULL,
    status       text        NOT NULL,
    started_at   timestamptz NOT NULL,
    finished_at  timestamptz,
    objects_read bigint      NOT NULL DEFAULT 0,
    repaired     bigint      NOT NULL DEFAULT 0,
    unchanged    bigint      NOT NULL DEFAULT 0,
    skipped      bigint      NOT NULL DEFAULT 0,
    deleted      bigint      NOT NULL DEFAULT 0,
    would_delete bigint      NOT NULL DEFAULT 0,
    safety_stop  boolean     NOT NULL DEFAULT false,
    detail       text
);

CREATE INDEX reconciliation_runs_started_at_idx ON capydb_auth.reconciliation_runs (started_at);

-- The objects a running reconciliation found in the source: what is live in the mirror and not
-- here is what the source no longer has. A membership's key is its organization_id and user_id.
-- Emptied when the run ends.
CREATE TABLE capydb_auth.reconciliation_seen (
    run_id  text NOT NULL,
    object  text NOT NULL,
    id      text NOT NULL,
    user_id text NOT NULL DEFAULT '',
    PRIMARY KEY (run_id, object, id, user_id)
);
