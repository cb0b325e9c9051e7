-- Which provider wrote each row, for a reconciliation to compare with its source only the rows of
-- its provider. Rows written before carry none.
ALTER TABLE capydb_auth.users ADD COLUMN provider VARCHAR(64);
ALTER TABLE capydb_auth.organizations ADD COLUMN provider VARCHAR(64);
ALTER TABLE capydb_auth.memberships ADD COLUMN provider VARCHAR(64);

-- What the receiver keeps of each provider besides its objects: the lock of its reconciliation (a
-- lease, so that a node that died mid-run holds it only until the lease ends) and how fresh the
-- mirror is. One row per provider, added by the receiver when it first needs it. V1's types.
CREATE TABLE capydb_auth.providers (
    provider            VARCHAR(64) NOT NULL PRIMARY KEY,
    run_id              VARCHAR(36),
    run_node            VARCHAR(255),
    lease_until         DATETIME(6),
    last_run_started_at DATETIME(6),
    last_reconciled_at  DATETIME(6),
    last_delivery_at    DATETIME(6)
) ENGINE = InnoDB DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_nopad_bin;

-- The report: one row per reconciliation run, what it read, repaired and deleted, and whether the
-- safety stop held its deletions back.
CREATE TABLE capydb_auth.reconciliation_runs (
    id           VARCHAR(36)  NOT NULL PRIMARY KEY,
    provider     VARCHAR(64)  NOT NULL,
    node         VARCHAR(255) NOT NULL,
    started_by   VARCHAR(16)  NOT NULL,
    status       VARCHAR(16)  NOT NULL,
    started_at   DATETIME(6)  NOT NULL,
    finished_at  DATETIME(6),
    objects_read BIGINT       NOT NULL DEFAULT 0,
    repaired     BIGINT       NOT NULL DEFAULT 0,
    unchanged    BIGINT       NOT NULL DEFAULT 0,
    skipped      BIGINT       NOT NULL DEFAULT 0,
    deleted      BIGINT       NOT NULL DEFAULT 0,
    would_delete BIGINT       NOT NULL DEFAULT 0,
    safety_stop  BOOLEAN      NOT NULL DEFAULT FALSE,
    detail       TEXT,
    INDEX reconciliation_runs_started_at_idx (started_at)
) ENGINE = InnoDB DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_nopad_bin;

-- The objects a running reconciliation found in the source: what is live in the mirror and not
-- here is what the source no longer has. A membership's key is its organization_id and user_id
-- (36 + 16 + 255 + 255 characters: 2,248 bytes, under the 3,072 of a key). Emptied when the run ends.
CREATE TABLE capydb_auth.reconciliation_seen (
    run_id  VARCHAR(36)  NOT NULL,
    object  VARCHAR(16)  NOT NULL,
    id      VARCHAR(255) NOT NULL,
    user_id VARCHAR(255) NOT NULL DEFAULT '',
    PRIMARY KEY (run_id, object, id, user_id)
) ENGINE = InnoDB DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_nopad_bin;
